"""Bounds mean what they say (issue 12): sorting, jumping, filtering, the rail, gaps, long years."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import EVENTS, loaded
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import format_gap, format_long, has_gap, parse_date, read_date, read_query
from timeline.dates.show import listed_under
from timeline.model import Event, Precision, Qualifier, Timeline, When, chronological
from timeline.query.filters import Filter
from timeline.query.navigate import jump_index, nearest_index
from timeline.read import load_any
from timeline.show.overview import OverviewModel, bucket_label
from timeline.show.rail import EVENT, MONTH, YEAR, lay_out, rail_date


def event(ident: str, when: When, end: When | None = None, display: str = "") -> Event:
    return Event(id=ident, when=when, title=ident, end=end, display_date=display)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return loaded()  # type: ignore[no-any-return]


# ---------------------------------------------------------------- sorting


def test_after_a_year_sorts_after_everything_in_it_and_before_the_next() -> None:
    dated = {
        text: event(text, parse_date(text))
        for text in ("2019", "2019-06-01", "after 2019", "before 2020", "2020", "2019-12-31T23:59")
    }
    ordered = [e.id for e in chronological(dated.values())]
    assert ordered == [
        "2019",
        "2019-06-01",
        "2019-12-31T23:59",
        "before 2020",
        "after 2019",
        "2020",
    ]


def test_before_and_after_neighbouring_days_sort_as_the_moments_they_stand_for() -> None:
    before_16 = event("before 16", parse_date("before 2018-07-16"))
    after_15 = event("after 15", parse_date("after 2018-07-15"))
    on_15 = event("15 at noon", parse_date("2018-07-15T12:00"))
    on_16 = event("16", parse_date("2018-07-16"))
    ordered = chronological([on_16, after_15, before_16, on_15])
    assert [e.id for e in ordered] == ["15 at noon", "before 16", "after 15", "16"]


def test_before_and_after_neighbouring_hours_and_minutes_sort_as_their_moments() -> None:
    dated = [
        event(text, parse_date(text))
        for text in (
            "2018-07-16T14:00",
            "after 2018-07-16T13",
            "before 2018-07-16T14",
            "2018-07-16T13:59",
            "before 2018-07-16T14:05",
            "after 2018-07-16T14:04",
            "before 2018-07-16T00",
        )
    ]
    assert [e.id for e in chronological(dated)] == [
        "before 2018-07-16T00",
        "2018-07-16T13:59",
        "before 2018-07-16T14",
        "after 2018-07-16T13",
        "2018-07-16T14:00",
        "before 2018-07-16T14:05",
        "after 2018-07-16T14:04",
    ]


def test_events_toml_keeps_its_order(timeline: Timeline) -> None:
    assert [e.id for e in timeline.events] == [
        "benioff-tweet",
        "protest-bridgeport",
        "employees-ask",
        "salesforce-pledge",
        "salesforce-offer",
        "raices-letter",
        "salesforce-refuses",
        "raices-tweet",
        "chema-tweet",
        "article",
    ]
    letter = timeline.get("raices-letter")
    assert letter is not None
    assert (letter.when.year, letter.when.month, letter.when.day) == (2018, 7, 16)  # "Monday"


def test_events_toml_checks_clean_and_strict() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "check", "--strict", str(EVENTS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in done.stdout + done.stderr


# ---------------------------------------------------------------- jumping


def test_at_16_july_selects_the_letter_not_the_events_known_only_to_precede_it(
    timeline: Timeline,
) -> None:
    events = timeline.events
    when = read_query("2018-07-16", 2018).when
    assert events[nearest_index(events, when)].id == "raices-letter"
    assert events[nearest_index(events, read_query("july 16 2018", 2000).when)].id == (
        "raices-letter"
    )


def test_at_17_july_never_selects_an_event_before_the_16th(timeline: Timeline) -> None:
    events = timeline.events
    chosen = events[nearest_index(events, read_query("2018-07-17", 2018).when)]
    assert chosen.when.qualifier is not Qualifier.BEFORE
    assert chosen.id == "raices-letter"


def test_a_jump_prefers_the_date_to_its_bounds() -> None:
    events = list(
        chronological(
            [
                event("early", parse_date("2018-07-01")),
                event("before 16", parse_date("before 2018-07-16")),
                event("16 at ten", parse_date("2018-07-16T10:00")),
                event("after 16", parse_date("after 2018-07-16")),
                event("20", parse_date("2018-07-20")),
            ]
        )
    )
    at = [e.id for e in events]
    assert at == ["early", "before 16", "16 at ten", "after 16", "20"]
    assert at[nearest_index(events, parse_date("2018-07-16"))] == "16 at ten"
    # The 17th: the nearest earlier day is the 16th, seen from its first dated event,
    # never from the event known only to precede it.
    assert at[nearest_index(events, parse_date("2018-07-17"))] == "16 at ten"
    assert at[nearest_index(events, parse_date("2018-07-19"))] == "20"
    only_bounds = [event("before 16", parse_date("before 2018-07-16"))]
    assert nearest_index(only_bounds, parse_date("2018-07-16")) == 0


def test_a_date_without_a_year_goes_to_the_nearest_such_day_with_events() -> None:
    events = list(
        chronological(
            [
                event("2016 june 5", parse_date("2016-06-05")),
                event("2018 july", parse_date("2018-07-16")),
                event("2019 june 5", parse_date("2019-06-05")),
                event("2021 june 5", parse_date("2021-06-05")),
                event("2023 april", parse_date("2023-04-01")),
            ]
        )
    )
    query = read_query("june 5", 2018)
    assert not query.has_year
    near_2018 = events[jump_index(events, query, events[1].when)]
    assert near_2018.id == "2019 june 5"  # not 5 June 2018, which has no events
    near_2023 = events[jump_index(events, query, events[4].when)]
    assert near_2023.id == "2021 june 5"
    # With the year typed, the year is kept.
    typed = read_query("june 5 2018", 2000)
    assert typed.has_year
    assert events[jump_index(events, typed, events[4].when)].id == "2018 july"


# ---------------------------------------------------------------- filters


# Around the turn of two years, so ranges and bounds cross them.
DAYS = st.one_of(
    st.dates(min_value=date(2017, 12, 1), max_value=date(2018, 1, 31)),
    st.dates(min_value=date(2015, 1, 1), max_value=date(2020, 12, 31)),
)
QUALIFIERS = st.sampled_from([Qualifier.EXACT, Qualifier.BEFORE, Qualifier.AFTER])


def _when(day: date, qualifier: Qualifier) -> When:
    order = {Qualifier.BEFORE: (-1,), Qualifier.AFTER: (1,)}.get(qualifier, ())
    return When(day.year, day.month, day.day, qualifier=qualifier, order=order)


def _possible_days(e: Event) -> tuple[date, date]:
    """The first and last day an event may touch (date.min/max for open bounds)."""

    def side(when: When) -> tuple[date, date]:
        day = date(when.year, when.month, when.day)
        if when.qualifier is Qualifier.BEFORE:
            return date.min, day - timedelta(days=1)
        if when.qualifier is Qualifier.AFTER:
            return day + timedelta(days=1), date.max
        return day, day

    start, end = side(e.when), side(e.end or e.when)
    return start[0], end[1]


def _sure_days(e: Event) -> tuple[date, date]:
    """The latest start and the earliest end it may have."""

    def side(when: When) -> tuple[date, date]:
        day = date(when.year, when.month, when.day)
        if when.qualifier is Qualifier.BEFORE:
            return day - timedelta(days=1), date.min
        if when.qualifier is Qualifier.AFTER:
            return date.max, day + timedelta(days=1)
        return day, day

    return side(e.when)[0], side(e.end or e.when)[1]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(DAYS, QUALIFIERS, st.one_of(st.none(), st.integers(0, 800)), QUALIFIERS),
        max_size=12,
    ),
    st.one_of(st.none(), DAYS),
    st.one_of(st.none(), DAYS),
)
def test_date_ranges_keep_what_may_lie_in_them_and_count_what_only_may(
    raw: list[tuple[date, Qualifier, int | None, Qualifier]],
    low: date | None,
    high: date | None,
) -> None:
    if low is not None and high is not None and low > high:
        low, high = high, low
    events = []
    for n, (day, qualifier, length, end_qualifier) in enumerate(raw):
        end = None
        if length is not None and qualifier is Qualifier.EXACT:
            end = _when(day + timedelta(days=length), end_qualifier)
        events.append(event(f"e{n}", _when(day, qualifier), end))
    events = list(chronological(events))
    f = Filter(
        date_from=None if low is None else When(low.year, low.month, low.day),
        date_to=None if high is None else When(high.year, high.month, high.day),
    )
    lo, hi = low or date.min, high or date.max
    expected, unsure = [], 0
    for i, e in enumerate(events):
        first, last = _possible_days(e)
        if first <= hi and last >= lo:
            expected.append(i)
            latest_start, earliest_end = _sure_days(e)
            if not (latest_start <= hi and earliest_end >= lo):
                unsure += 1
    if low is None and high is None:
        unsure = 0  # no date range: nothing to be unsure of
    assert f.apply_counted(events) == (expected, unsure)
    assert [i for i, e in enumerate(events) if f.keeps(e)] == expected


# ---------------------------------------------------------------- the rail


def test_a_range_across_years_shows_its_end_year_on_the_rail() -> None:
    reading = read_date("10 Dec 1815 – 27 Nov 1852")
    ada = event("ada", reading.start, reading.end)
    text = rail_date(ada)
    assert text == "Sun 10–1852"  # not "Sun 10–Sat 27" under December 1815
    assert len(text) <= 14
    months = read_date("30 July – 2 August 2018")
    assert rail_date(event("m", months.start, months.end)) == "Mon 30–2 Aug"
    days = read_date("16–19 July 2018")
    assert rail_date(event("d", days.start, days.end)) == "Mon 16–Thu 19"
    years = read_date("1990s")
    assert rail_date(event("y", years.start, years.end)) == "1990–1999"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Dec 2018–Jan 2019", "Dec–Jan 2019"),  # under the 2018 heading
        ("1 Dec 2018 – 5 Jan 2019", "1 Dec–Jan 2019"),
        ("July–August 2018", "Jul–Aug 2018"),  # it read "Jul 2018–Aug"
        # A start without its year reads as in the year before the end's only when it
        # falls later in its year: these read a year late ("Mar–Feb 2019", "1 Mar–Jul
        # 2019"), found trying the viewer as a new user.
        ("March 2017 – February 2019", "Mar 2017–2019"),
        ("1 March 2018 – 2 July 2019", "Thu  1–2019"),
        ("November 2018 – February 2019", "Nov–Feb 2019"),
        ("2018-07-16/..", "Mon 16–…"),
        ("../2018-07-16", "…–Mon 16"),
        ("2018-07-16?/2018-07-19?", "Mon 16?–Thu 19?"),
    ],
)
def test_range_ends_on_the_rail(text: str, shown: str) -> None:
    reading = read_date(text)
    assert rail_date(event("r", reading.start, reading.end)) == shown


def test_the_rail_shows_bounds_and_uncertainty() -> None:
    assert rail_date(event("u", parse_date("2018-07-16?"))) == "Mon 16?"
    assert rail_date(event("b", parse_date("before 2020"))) == "before 2020"
    # Under June: the day says which month it is before.
    assert rail_date(event("b", parse_date("before 2018-07-01"))) == "before 1 Jul"
    assert rail_date(event("b", parse_date("before 2019-01-01"))) == "before 1 Jan 2019"
    assert rail_date(event("b", parse_date("before 2018-07-16"))) == "before Mon 16"


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("before 2020", (2019, -1)),
        ("before 2018-07", (2018, 6)),
        ("before 2018-07-01", (2018, 6)),
        ("before 2018-01-01", (2017, 12)),
        ("before 2018-07-16", (2018, 7)),
        ("before 1", (-1, -1)),
        ("after 2019", (2019, -1)),
        ("2018-07-16", (2018, 7)),
        ("2018", (2018, -1)),
    ],
)
def test_headings(text: str, heading: tuple[int, int]) -> None:
    assert listed_under(parse_date(text)) == heading


def test_before_a_year_is_listed_under_the_year_before() -> None:
    events = list(
        chronological(
            [
                event("june", parse_date("2019-06-01")),
                event("before 2020", parse_date("before 2020")),
                event("2020", parse_date("2020-03-01")),
            ]
        )
    )
    laid = lay_out(events, range(len(events)), ())
    rows = [(kind, ref) for kind, ref in zip(laid.kinds, laid.refs, strict=True)]
    years = [events[ref].when for kind, ref in rows if kind == YEAR]
    assert [listed_under(when)[0] for when in years] == [2019, 2020]
    # "before 2020" has no heading of its own: it sits under 2019, after June.
    kinds = [kind for kind, _ in rows]
    assert kinds == [YEAR, MONTH, EVENT, EVENT, YEAR, MONTH, EVENT]


# ---------------------------------------------------------------- gaps


@pytest.mark.parametrize(
    ("earlier", "later", "gap"),
    [
        (When(-1, precision=Precision.YEAR), When(1, precision=Precision.YEAR), "1 year later"),
        (When(-2, precision=Precision.YEAR), When(2, precision=Precision.YEAR), "3 years later"),
        (When(-44, precision=Precision.YEAR), When(-43, precision=Precision.YEAR), "1 year later"),
        (
            When(-1, 12, precision=Precision.MONTH),
            When(1, 1, precision=Precision.MONTH),
            "1 month later",
        ),
        (
            When(2018, precision=Precision.YEAR),
            When(2020, precision=Precision.YEAR),
            "2 years later",
        ),
    ],
)
def test_gaps_across_bce_and_ce_count_no_year_zero(earlier: When, later: When, gap: str) -> None:
    assert format_gap(earlier, later) == gap
    assert has_gap(earlier, later)


# ---------------------------------------------------------------- long years


def _cosmology(tmp_path: Path) -> Path:
    """A timeline shaped like Knight Lab's cosmology template: years as strings, far BCE."""
    slides = [
        {
            "unique_id": "big-bang",
            "start_date": {"year": "-13800000000"},
            "text": {"headline": "Big Bang"},
        },
        {
            "unique_id": "sun",
            "start_date": {"year": "-4600000000"},
            "text": {"headline": "The Sun forms"},
        },
        {"unique_id": "earth", "start_date": {"year": -4540000000}, "text": {"headline": "Earth"}},
        {
            "unique_id": "today",
            "start_date": {"year": 2018, "month": 7},
            "text": {"headline": "Now"},
        },
    ]
    path = tmp_path / "cosmo.json"
    path.write_text(json.dumps({"title": {"text": {"headline": "Cosmos"}}, "events": slides}))
    return path


def test_a_cosmological_timeline_loads_and_shows(tmp_path: Path) -> None:
    result = load_any(_cosmology(tmp_path))
    assert result.timeline is not None, [str(p) for p in result.problems]
    events = result.timeline.events
    assert [e.id for e in events] == ["big-bang", "sun", "earth", "today"]
    assert format_long(events[0].when) == "13800000000 BCE"
    model = OverviewModel(width=60)
    model.set_events(events, range(len(events)))
    # Every event on the strip: at a century a cell it showed 6,000 years of 13.8 billion.
    assert model.scale == "billion years"
    assert len(model.cells()) <= 60 and sum(model.counts()) == len(events)
    assert bucket_label(model.buckets[0], "billion years") == "14000000000 BCE"
    assert list(lay_out(events, range(len(events)), ()).kinds).count(YEAR) == 4
    assert format_gap(events[0].when, events[1].when) == "9200000000 years later"


def test_edtf_long_years_are_read_within_the_same_limit() -> None:
    assert parse_date("Y-13800000000").year == -13_800_000_000
    assert parse_date(-13_800_000_000).year == -13_800_000_000
    with pytest.raises(Exception, match="beyond the years a timeline can hold"):
        parse_date("Y-1E12")


# ---------------------------------------------------------------- round trips


UNUSUAL = """[timeline]
title = "U"

[[events]]
id = "maybe"
date = "2018-07-16?"
title = "maybe"

[[events]]
id = "later"
date = "after 2019"
title = "later"

[[events]]
id = "earlier"
date = "before 2020"
title = "earlier"
"""


def test_uncertain_and_bounded_dates_survive_timelinejs_and_back(tmp_path: Path) -> None:
    from timeline.cli import main

    source = tmp_path / "u.toml"
    source.write_text(UNUSUAL, encoding="utf-8")
    exported = tmp_path / "u.json"
    assert main(["export", str(source), "--to", "timelinejs", "-o", str(exported)]) == 0
    back = tmp_path / "back.toml"
    assert main(["import", str(exported), "-o", str(back)]) == 0
    for path in (exported, back):
        result = load_any(path)
        assert result.timeline is not None, [str(p) for p in result.problems]
        dates = {e.id: (e.when.qualifier, e.when.written) for e in result.timeline.events}
        assert dates == {
            "maybe": (Qualifier.UNCERTAIN, "2018-07-16?"),
            "later": (Qualifier.AFTER, "after 2019"),
            "earlier": (Qualifier.BEFORE, "before 2020"),
        }
        assert [e.id for e in result.timeline.events] == ["maybe", "earlier", "later"]


def test_a_jump_never_lands_on_a_coarse_after_bound_beyond_a_nearer_event() -> None:
    # Bug fixed: "after July 2018" was measured from 1 July, the start of the month it
    # is after, so a jump to 17 July (d, --at) selected it, although it lies after 31
    # July, over a fortnight away, while the event of the 16th is a day away.
    events = list(
        chronological(
            [
                event("16", parse_date("2018-07-16")),
                event("after 16", parse_date("after 2018-07-16")),
                event("after July", parse_date("after July 2018")),
                event("2019", parse_date("2019-03-01")),
            ]
        )
    )
    at = [e.id for e in events]
    assert at == ["16", "after 16", "after July", "2019"]
    assert at[nearest_index(events, parse_date("2018-07-17"))] == "16"
    # From the 30th, "after July" (1 August at the earliest) is the nearer.
    assert at[nearest_index(events, parse_date("2018-07-31"))] == "after July"


def test_a_jump_to_a_time_goes_to_the_nearer_time() -> None:
    # Bug fixed: distances were counted in days, so every time on one day was as near
    # as another, and a tie went to the later: 12:00 selected 23:30, not 01:00.
    events = list(
        chronological(
            [
                event("one", parse_date("2018-07-10T01:00")),
                event("half past eleven", parse_date("2018-07-10T23:30")),
            ]
        )
    )
    at = [e.id for e in events]
    assert at[nearest_index(events, parse_date("2018-07-10T12:00"))] == "one"
    assert at[nearest_index(events, parse_date("2018-07-10T13:00"))] == "half past eleven"
    # An event known to the day reaches to the day's end: 22:00 on the 9th is 22
    # hours after any moment of the 8th, 26 hours before the 11th.
    days = list(
        chronological([event("8", parse_date("2018-07-08")), event("11", parse_date("2018-07-11"))])
    )
    assert days[nearest_index(days, parse_date("2018-07-09T22:00"))].id == "8"
    assert days[nearest_index(days, parse_date("2018-07-10T02:00"))].id == "11"
    # A day asked for still counts from each day's start: on a tie, the later.
    assert days[nearest_index(days, parse_date("2018-07-09"))].id == "8"
    assert days[nearest_index(days, parse_date("2018-07-10"))].id == "11"


@pytest.mark.parametrize(
    ("earlier", "later", "gap"),
    [
        # Listed by their own clocks, a day apart; the second came five hours earlier.
        ("30 Jun 2018 9:00 pm PT", "2018-07-01T01:00:00+02:00", ""),
        # 04:00 UTC on the 1st to 13:00 UTC on the 3rd: two days passed, not three.
        ("30 Jun 2018 9:00 pm PT", "2018-07-03T09:00:00-04:00", "2 days later"),
        # One zone: the days of its clock, as the rail lists them.
        ("30 Jun 2018 9:00 pm PT", "1 Jul 2018 8:00 am PT", "next day"),
        ("2018-06-30T21:00:00-07:00", "2018-07-01T08:00:00-07:00", "next day"),
    ],
)
def test_a_gap_between_times_of_two_zones_counts_the_days_that_passed(
    earlier: str, later: str, gap: str
) -> None:
    # Bug fixed: without a timezone each time is listed by its own clock, and "next
    # day" was said between 21:00 in Los Angeles on 30 June and 01:00 in Paris on 1
    # July, though the Paris time came five hours before.
    a, b = parse_date(earlier), parse_date(later)
    assert format_gap(a, b) == gap
    assert has_gap(a, b) == bool(gap)
