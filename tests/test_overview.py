"""The overview strip: bucket arithmetic, scales, the view window, and the widget."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from rich.style import Style
from textual.app import App, ComposeResult

from timeline.dates.calendar import civil_from_day, day_number
from timeline.model import Event, Precision, When
from timeline.show.overview import (
    BLOCKS,
    MARKER,
    SCALES,
    Buckets,
    OverviewModel,
    bucket_label,
    bucket_of,
    density_glyph,
    fit_scale,
    nearest_position,
)
from timeline.ui.widgets.overview import Overview

SIZE = (60, 5)


def event(n: int, when: When) -> Event:
    return Event(id=f"e{n}", when=when, title=f"Event {n}")


def day(year: int, month: int, mday: int) -> When:
    return When(year, month, mday)


def daily(start: date, count: int, step: int = 1) -> list[Event]:
    """One event every `step` days from `start`."""
    return [
        event(n, When(d.year, d.month, d.day))
        for n, d in enumerate(start + timedelta(days=n * step) for n in range(count))
    ]


# Six events over twelve weeks in 2018: 84 days do not fit 60 cells, 13 weeks do.
SUMMER = [
    event(0, day(2018, 7, 8)),
    event(1, day(2018, 7, 8)),
    event(2, day(2018, 7, 10)),
    event(3, day(2018, 7, 16)),
    event(4, day(2018, 8, 2)),
    event(5, day(2018, 9, 30)),
]


def model_for(
    events: list[Event], width: int = 60, shown: list[int] | None = None
) -> OverviewModel:
    model = OverviewModel(width)
    model.set_events(events, list(range(len(events))) if shown is None else shown)
    return model


# ---------------------------------------------------------------------- calendar


def test_day_number_is_the_ordinal_and_continues_before_year_one() -> None:
    for d in (date(1, 1, 1), date(1970, 1, 1), date(2000, 2, 29), date(2018, 7, 16)):
        assert day_number(d.year, d.month, d.day) == d.toordinal()
    assert day_number(0, 12, 31) == 0
    assert day_number(0, 2, 29) + 1 == day_number(0, 3, 1)  # year 0 (1 BCE) is a leap year
    assert day_number(-1, 3, 1) - day_number(-1, 2, 28) == 1
    assert day_number(-500, 1, 1) < day_number(-44, 3, 15) < day_number(14, 8, 19)


def test_civil_from_day_inverts_day_number_in_every_era() -> None:
    for triple in [(2018, 7, 16), (1, 1, 1), (0, 2, 29), (-44, 3, 15), (-500, 12, 31)]:
        assert civil_from_day(day_number(*triple)) == triple
    assert civil_from_day(date(1999, 12, 31).toordinal()) == (1999, 12, 31)


def test_buckets_at_each_scale_and_weeks_start_on_monday() -> None:
    sunday, monday = day(2018, 7, 15), day(2018, 7, 16)
    assert bucket_of(sunday, "day") == date(2018, 7, 15).toordinal()
    assert bucket_of(monday, "week") == bucket_of(day(2018, 7, 22), "week")
    assert bucket_of(sunday, "week") == bucket_of(monday, "week") - 1
    assert bucket_of(monday, "month") == 2018 * 12 + 6
    assert bucket_of(monday, "year") == 2018
    assert bucket_of(When(2018, 7, 16, 14, 30), "hour") == bucket_of(monday, "day") * 24 + 14
    assert bucket_of(monday, "decade") == 201
    assert bucket_of(monday, "century") == 20
    # BCE years count down from year 0, as TimelineJS numbers them: -500 to -491 is one
    # decade, -501 is in the one before it.
    assert bucket_of(When(-500, precision=Precision.YEAR), "decade") == -50
    assert bucket_of(When(-501, precision=Precision.YEAR), "decade") == -51


def test_month_and_year_precision_dates_bucket_by_their_start() -> None:
    july = When(2018, 7, precision=Precision.MONTH)
    year = When(2018, precision=Precision.YEAR)
    assert bucket_of(july, "day") == date(2018, 7, 1).toordinal()
    assert bucket_of(year, "week") == bucket_of(day(2018, 1, 1), "week")
    assert bucket_of(year, "month") == 2018 * 12


def test_bucket_labels_name_the_first_day_of_the_bucket() -> None:
    assert bucket_label(bucket_of(day(2018, 7, 8), "day"), "day") == "8 Jul 2018"
    # 8 July 2018 was a Sunday: its week began on Monday the 2nd.
    assert bucket_label(bucket_of(day(2018, 7, 8), "week"), "week") == "2 Jul 2018"
    assert bucket_label(bucket_of(day(2018, 7, 8), "month"), "month") == "Jul 2018"
    assert bucket_label(2018, "year") == "2018"
    assert bucket_label(bucket_of(When(-500, precision=Precision.YEAR), "year"), "year") == (
        "500 BCE"
    )
    assert bucket_label(bucket_of(day(-44, 3, 15), "month"), "month") == "Mar 44 BCE"
    assert bucket_label(bucket_of(day(-44, 3, 15), "day"), "day") == "15 Mar 44 BCE"
    afternoon = When(2018, 7, 16, 14, 30)
    assert bucket_label(bucket_of(afternoon, "hour"), "hour") == "16 Jul 2018 14:00"
    assert bucket_label(201, "decade") == "2010"
    assert bucket_label(19, "century") == "1900"
    assert bucket_label(-50, "decade") == "500 BCE"


def test_no_bucket_is_a_year_0_between_1_bce_and_1_ce() -> None:
    # Between 1 BCE and 1 CE the strip had buckets "Jan 0" … "Dec 0" and a year "0",
    # which no calendar has (the days of 1 BCE fell a year early, and the day after
    # 31 December 1 BCE was "1 Jan 0"), and it named the decade of 1 to 9 CE "0".
    last_bce = When(-1, 12, 31, 23, precision=Precision.HOUR)
    first_ce = When(1, 1, 1, 0, precision=Precision.HOUR)
    for scale in ("hour", "day", "week", "month", "year"):
        assert bucket_of(first_ce, scale) == bucket_of(last_bce, scale) + 1, scale
        assert " 1 BCE" in " " + bucket_label(bucket_of(first_ce, scale) - 1, scale), scale
    # 1 BCE was a leap year, as the proleptic Gregorian calendar counts (its year 0).
    assert bucket_of(day(-1, 3, 1), "day") - bucket_of(day(-1, 2, 28), "day") == 2
    assert bucket_label(bucket_of(day(-1, 2, 29), "day"), "day") == "29 Feb 1 BCE"
    assert bucket_label(bucket_of(day(-1, 12, 31), "day") + 1, "day") == "1 Jan 1 CE"
    year_one = bucket_of(When(1, precision=Precision.YEAR), "year")
    assert [bucket_label(year_one + n, "year") for n in (-2, -1, 0, 1)] == [
        "2 BCE",
        "1 BCE",
        "1 CE",
        "2 CE",
    ]
    months = [bucket_label(bucket_of(day(1, 1, 1), "month") + n, "month") for n in (-1, 0)]
    assert months == ["Dec 1 BCE", "Jan 1 CE"]  # not "Jan 1": the first of January
    # Decades keep their round years: 10 to 1 BCE, then 1 to 9 CE, named by their first.
    assert bucket_label(bucket_of(day(5, 6, 1), "decade"), "decade") == "1 CE"
    assert bucket_label(bucket_of(day(-5, 6, 1), "decade"), "decade") == "10 BCE"
    assert bucket_of(day(1, 1, 1), "decade") == bucket_of(day(-1, 1, 1), "decade") + 1
    assert bucket_label(bucket_of(day(50, 1, 1), "century"), "century") == "1 CE"
    # Three weeks across the boundary fit the strip by the day; the ends are named.
    events = [event(0, day(-1, 12, 20)), event(1, day(1, 1, 10))]
    model = model_for(events)
    assert model.scale == "day" and model.drawn == 22
    texts = [piece.text for piece in model.labels()]
    assert "20 Dec 1 BCE" in texts and "10 Jan 1 CE" in texts
    for scale in ("month", "year"):
        model.set_scale(scale)
        assert model.drawn == 2 and model.counts() == [1, 1], scale


def test_a_strip_from_before_the_common_era_says_ce_at_its_end() -> None:
    # "3000 BCE … 2000" left the reader to guess which era the end was in.
    events = [event(0, When(-2999, precision=Precision.YEAR)), event(1, day(2020, 3, 1))]
    model = model_for(events, width=72)
    assert model.scale == "century"
    texts = [piece.text for piece in model.labels()]
    assert "3000 BCE" in texts and "2000 CE" in texts, texts
    # Within the common era, the years are left as they are.
    model = model_for([event(0, day(1300, 1, 1)), event(1, day(2020, 1, 1))], width=72)
    assert "2000 CE" not in [piece.text for piece in model.labels()]


def test_short_labels_leave_out_the_year() -> None:
    assert bucket_label(bucket_of(day(2018, 7, 8), "week"), "week", short=True) == "2 Jul"
    assert bucket_label(bucket_of(day(2018, 7, 8), "month"), "month", short=True) == "Jul"
    bce = bucket_of(When(-500, precision=Precision.YEAR), "year")
    assert bucket_label(bce, "year", short=True) == "500 BCE"
    afternoon = When(2018, 7, 16, 14, 30)
    assert bucket_label(bucket_of(afternoon, "hour"), "hour", short=True) == "16 Jul 14:00"
    assert bucket_label(201, "decade", short=True) == "2010"


def test_buckets_match_bucket_of_for_the_shown_events_only() -> None:
    events = [
        event(0, When(-500, precision=Precision.YEAR)),
        event(1, day(-44, 3, 15)),
        event(2, When(1066, 10, precision=Precision.MONTH)),
        event(3, day(2018, 7, 16)),
        event(4, day(2018, 7, 31)),
    ]
    shown = [0, 1, 3, 4]
    for scale in SCALES:
        buckets = Buckets(events, shown, scale)
        assert list(buckets) == [bucket_of(events[i].when, scale) for i in shown]
        assert list(buckets) == sorted(buckets)
        assert (buckets[-1], buckets[1:3]) == (list(buckets)[-1], list(buckets)[1:3])


class _Counted(list[Event]):
    """Events that count how many times one is asked for."""

    asked = 0

    def __getitem__(self, index: Any) -> Any:
        self.asked += 1
        return super().__getitem__(index)


def test_the_strip_works_out_only_the_buckets_it_shows() -> None:
    # Every shown event's bucket was worked out at each load, on the viewer's
    # thread: 0.17 s at 1,000,000 events, a lookup a key press after that.
    events = _Counted(daily(date(2015, 1, 1), 20_000))
    model = OverviewModel(60)
    model.set_events(events, range(len(events)))
    model.set_window(100, 130)
    model.select(120)
    assert model.cells() and model.labels()
    assert model.scale == "year" and sum(model.counts()) == 20_000
    assert model.selected_bucket == 2015
    assert events.asked < 2_000  # ends, selection, a bisection a bucket: not 20,000


def test_fit_scale_is_the_finest_that_fits_else_the_coarsest() -> None:
    same_day = day(2018, 7, 16)
    assert fit_scale(same_day, same_day, 20) == "hour"
    assert fit_scale(day(2018, 7, 15), day(2018, 7, 16), 20) == "day"  # 25 hours
    assert fit_scale(day(2018, 7, 8), day(2018, 9, 30), 60) == "week"
    assert fit_scale(day(2018, 7, 8), day(2018, 9, 30), 90) == "day"
    assert fit_scale(day(2010, 1, 1), day(2018, 9, 30), 60) == "year"
    assert fit_scale(When(-500, precision=Precision.YEAR), day(2018, 1, 1), 300) == "decade"
    assert fit_scale(When(-500, precision=Precision.YEAR), day(2018, 1, 1), 20) == "millennium"
    assert fit_scale(When(-5000, precision=Precision.YEAR), day(2018, 1, 1), 20) == "millennium"
    # Found trying the tool: a timeline of ages (Knight Lab's cosmology template) showed
    # 6,000 of its 13.8 billion years, a century a cell, the coarsest scale there was.
    big_bang = When(-13_800_000_000, precision=Precision.YEAR)
    assert fit_scale(big_bang, day(2018, 1, 1), 60) == "billion years"
    assert fit_scale(big_bang, When(-66_000_000, precision=Precision.YEAR), 200) == (
        "100 million years"
    )
    assert bucket_label(bucket_of(big_bang, "billion years"), "billion years") == (
        "14000000000 BCE"
    )


def test_density_glyphs_scale_to_the_peak_and_never_hide_one_event() -> None:
    assert density_glyph(0, 10) == " "
    assert density_glyph(1, 1000) == "▁"
    assert density_glyph(1000, 1000) == "█"
    assert density_glyph(5, 10) == "▄"
    assert density_glyph(0, 0) == " "


def test_nearest_position_prefers_the_bucket_then_the_nearer_side() -> None:
    buckets = [3, 3, 5, 10, 10]
    assert nearest_position(buckets, 5) == 2
    assert nearest_position(buckets, 3) == 0
    assert nearest_position(buckets, 4) == 2  # a tie goes to the later event
    assert nearest_position(buckets, 6) == 2
    assert nearest_position(buckets, 9) == 3
    assert nearest_position(buckets, 0) == 0
    assert nearest_position(buckets, 99) == 3  # the first event of the last bucket
    assert nearest_position([7, 7], 1) == 0


# ---------------------------------------------------------------------- model


def test_auto_scale_and_counts_per_bucket() -> None:
    model = model_for(SUMMER)
    assert model.scale == "week"
    assert model.auto
    counts = model.counts()
    assert len(counts) == model.drawn == 13
    assert sum(counts) == len(SUMMER)
    # Sunday the 8th ends the week of 2 July; the 10th and the 16th start the next two.
    assert counts[:5] == [2, 1, 1, 0, 1]


def test_a_filtered_shown_changes_the_counts() -> None:
    model = model_for(SUMMER, shown=[0, 3, 4, 5])
    assert sum(model.counts()) == 4
    assert model.counts()[0] == 1


def test_one_event_and_events_on_one_day() -> None:
    model = model_for([event(0, day(2018, 7, 16))], width=20)
    # Dates known to the day are not spread over hours (they would all sit at midnight).
    assert model.scale == "day"
    assert [cell.glyph for cell in model.cells()] == ["█"] * 20  # one bucket, stretched
    same = [event(n, day(2018, 7, 16)) for n in range(5)]
    model = model_for(same, width=20)
    assert model.counts() == [5]
    assert [label.text for label in model.labels()] == [MARKER, "16 Jul 2018", "day"]


def test_events_with_hours_get_the_hour_scale() -> None:
    hours = [
        event(n, When(2018, 7, 16, 9 + 2 * n, 15, precision=Precision.MINUTE)) for n in range(5)
    ]  # 9:15 to 17:15
    model = model_for(hours, width=45)
    assert model.scale == "hour"
    # Nine hours over 45 cells: five each, an event every other hour.
    assert "".join(cell.glyph for cell in model.cells()) == ("█████     " * 5)[:45]
    labels = [(label.column, label.text) for label in model.labels()]
    assert labels[:2] == [(0, MARKER), (2, "16 Jul 2018 09:00")]


def test_a_short_span_is_stretched_across_the_strip() -> None:
    # Twelve days on 70 cells (events.toml at day scale) used to take 12 of them.
    events = [event(n, day(2018, 7, mday)) for n, mday in enumerate((8, 11, 16, 19))]
    model = model_for(events, width=70)
    assert model.scale == "day" and model.drawn == 12
    cells = model.cells()
    assert len(cells) == 70 and all(cell.tally >= 0 for cell in cells)
    spans = [model.column_of(bucket) for bucket in range(model.start, model.start + 12)]
    assert spans[0][0] == 0 and spans[-1][1] == 70
    assert all(end == start for (_, end), (start, _) in pairwise(spans))
    assert {end - start for start, end in spans} == {5, 6}
    # Each cell of a bucket draws it and a click there selects its event.
    for position, index in ((0, 0), (1, 3), (2, 8), (3, 11)):
        start, end = spans[index]
        assert {cells[column].tally for column in range(start, end)} == {1}
        assert {model.position_at(column) for column in range(start, end)} == {position}
    assert model.bucket_at(69) == model.start + 11 and model.bucket_at(500) == model.start + 11


def test_the_start_date_shortens_to_leave_the_marker_room_and_never_gives_way() -> None:
    events = daily(date(2018, 7, 8), 90)  # 90 days on 90 cells: one each
    model = model_for(events, width=90)
    assert model.scale == "day"
    model.select(8)  # 16 July, in the ninth cell: "8 Jul 2018" would run into it
    labels = model.labels()
    assert [(label.column, label.text) for label in labels[:2]] == [(0, "8 Jul"), (8, MARKER)]
    model.select(3)  # the fourth cell: not even "8 Jul" leaves it room
    labels = model.labels()
    # Bug fixed: the start date gave way to the marker. The date stays; the marker
    # gives way (the bar marks the selected day in its own colour).
    assert (labels[0].column, labels[0].text) == (0, "8 Jul 2018")
    assert MARKER not in [label.text for label in labels]
    model.select(20)  # 28 July: the whole date fits
    assert model.labels()[0].text == "8 Jul 2018"


def test_the_view_stays_while_the_selection_is_inside_and_recentres_when_it_leaves() -> None:
    events = daily(date(2018, 1, 1), 200)
    model = model_for(events, width=60)
    model.set_scale("day")
    assert model.start == model.buckets[0]
    model.select(59)
    assert model.start == model.buckets[0]  # still in view: nothing moves
    model.select(60)
    assert model.start == model.buckets[60] - 30  # left it: centred
    model.select(70)
    assert model.start == model.buckets[60] - 30
    model.select(199)
    assert model.start == model.buckets[-1] - 59  # clamped: the bar ends at the last day
    model.select(0)
    assert model.start == model.buckets[0]


def test_zoom_moves_through_the_scales_and_stops_at_the_ends() -> None:
    model = model_for(SUMMER)
    assert model.zoom(-1)
    assert model.scale == "day"
    assert not model.auto
    assert model.zoom(-1)
    assert model.scale == "hour"
    assert not model.zoom(-1)
    assert all(model.zoom(1) for _ in range(6))
    assert model.scale == "century"
    assert all(model.zoom(1) for _ in range(7))
    assert model.scale == "billion years"
    assert not model.zoom(1)
    assert model.counts() == [6]


def test_auto_scale_follows_the_width_until_the_reader_zooms() -> None:
    model = model_for(SUMMER, width=60)
    model.set_width(100)
    assert model.scale == "day"
    model.zoom(1)
    model.set_width(120)
    assert model.scale == "week"


def test_the_window_and_selection_mark_their_buckets() -> None:
    model = model_for(SUMMER, width=65)  # 13 weeks, five cells each
    model.select(3)
    model.set_window(1, 3)
    cells = model.cells()
    assert [i for i, cell in enumerate(cells) if cell.window] == list(range(15))
    assert [i for i, cell in enumerate(cells) if cell.selected] == [10, 11, 12, 13, 14]
    assert all(cell.tally >= 0 for cell in cells)


def test_labels_never_overlap_and_the_marker_is_under_the_selection() -> None:
    events = [*daily(date(2017, 11, 20), 300, step=3), event(999, day(2020, 6, 1))]
    for width in (20, 27, 41, 60):
        for scale in SCALES:
            model = model_for(events, width=width)
            model.set_scale(scale)
            for position in (0, 1, 150, 299, 300):
                model.select(position)
                labels = model.labels()
                spans = [(label.column, label.column + len(label.text)) for label in labels]
                # A blank cell at least between neighbours.
                assert all(end < start for (_, end), (start, _) in pairwise(spans))
                assert spans[-1][1] <= width
                # The start date is always there (in full, shortened, or after the
                # marker when the selection is in the first bucket).
                start = {bucket_label(model.start, scale, short=s) for s in (False, True)}
                assert {label.text for label in labels[:2]} & start
                # The marker is in the selected bucket's cells, or gave way to the start.
                first, end = model.column_of(model.buckets[position])
                marker = [label.column for label in labels if label.role == "marker"]
                if marker:
                    assert first <= marker[0] < end
                else:
                    assert labels[0].column == 0 and labels[0].text in start
                    assert end <= len(labels[0].text) + 1


def test_bce_events_draw_with_bce_labels() -> None:
    events = [
        event(0, When(-500, precision=Precision.YEAR)),
        event(1, When(-480, precision=Precision.YEAR)),
        event(2, When(-490, 9, precision=Precision.MONTH)),
    ]
    model = model_for([events[0], events[2], events[1]], width=30)
    assert model.scale == "year"
    texts = [label.text for label in model.labels()]
    assert "500 BCE" in texts and "480 BCE" in texts
    assert sum(model.counts()) == 3 and model.drawn == 21


def test_no_events() -> None:
    model = model_for([], width=20)
    assert model.labels()[0].text == "no events"
    assert [cell.tally for cell in model.cells()] == [-1] * 20
    assert model.position_at(3) is None


def test_a_hundred_thousand_events_are_counted_whole() -> None:
    events = daily(date(1900, 1, 1), 1000)
    many = [events[n % 1000] for n in range(100_000)]
    many.sort(key=lambda e: e.when.key)
    model = model_for(many, width=80)
    assert model.scale == "month"  # 1,000 days are 33 months
    assert sum(model.counts()) == 100_000


# ---------------------------------------------------------------------- widget


class StripApp(App[None]):
    """The strip alone, recording the positions it asks to jump to."""

    def __init__(self, events: list[Event], shown: list[int] | None = None) -> None:
        super().__init__()
        self.events = events
        self.shown = list(range(len(events))) if shown is None else shown
        self.jumps: list[int] = []

    def compose(self) -> ComposeResult:
        yield Overview()

    def on_mount(self) -> None:
        self.query_one(Overview).set_events(self.events, self.shown)

    def on_overview_jump(self, message: Overview.Jump) -> None:
        self.jumps.append(message.position)


def lines(overview: Overview) -> tuple[str, str]:
    return overview.render_line(0).text, overview.render_line(1).text


def style_at(overview: Overview, y: int, x: int) -> Style:
    cells = [segment.style or Style() for segment in overview.render_line(y) for _ in segment.text]
    return cells[x]


async def test_the_strip_draws_density_marker_labels_and_window() -> None:
    app = StripApp(SUMMER)
    async with app.run_test(size=SIZE) as pilot:
        overview = app.query_one(Overview)
        await pilot.pause()
        assert lines(overview)[1].startswith("▲ 2 Jul 2018")
        overview.set_selection(4)
        overview.set_window(1, 3)
        await pilot.pause()
        bar, labels = lines(overview)
        assert overview.region.height == 2
        assert len(bar) == len(labels) == 60
        # Thirteen weeks over 60 cells, four or five each. Two events in the week of
        # 2 July, one in each of the weeks of 9 July, 16 July, 30 July, 24 September.
        assert bar == "█████" + "▄▄▄▄▄" + "▄▄▄▄" + "     " + "▄▄▄▄▄" + " " * 32 + "▄▄▄▄"
        assert labels.index(MARKER) == 21  # the middle of the week of 30 July
        assert labels.startswith("2 Jul 2018 ")
        assert labels.endswith("24 Sep 2018")
        assert "week" in labels
        window, outside = style_at(overview, 0, 5), style_at(overview, 0, 30)
        selected = style_at(overview, 0, 21)
        assert window.bgcolor != outside.bgcolor
        assert selected.bgcolor not in (window.bgcolor, outside.bgcolor)


async def test_zoom_changes_the_scale_and_the_drawing() -> None:
    app = StripApp(SUMMER)
    async with app.run_test(size=SIZE) as pilot:
        overview = app.query_one(Overview)
        await pilot.pause()
        assert overview.scale == "week"
        overview.zoom(1)
        await pilot.pause()
        assert overview.scale == "month"
        bar, labels = lines(overview)
        assert bar == "█" * 20 + "▂" * 40  # July, August, September: 20 cells each
        assert labels.startswith("▲ Jul 2018")
        overview.scale = "day"
        await pilot.pause()
        assert overview.model.scale == "day"
        assert lines(overview)[1].startswith("▲ 8 Jul 2018")


async def test_clicking_a_bucket_posts_jump_with_its_first_event() -> None:
    app = StripApp(SUMMER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Thirteen weeks on 60 cells: the week of 9 July is cells 5 to 9.
        await pilot.click(Overview, offset=(7, 0))  # the week of 9 July: the 10th
        await pilot.click(Overview, offset=(26, 1))  # an empty week, nearer 2 August
        await pilot.click(Overview, offset=(59, 0))  # the last week: the last event
        await pilot.pause()
        assert app.jumps == [2, 4, 5]


async def test_a_filtered_shown_changes_what_is_drawn() -> None:
    app = StripApp(SUMMER, shown=[0, 2, 5])
    async with app.run_test(size=SIZE) as pilot:
        overview = app.query_one(Overview)
        await pilot.pause()
        before = lines(overview)[0]
        overview.set_events(SUMMER, [0, 1, 2, 3, 4, 5])
        await pilot.pause()
        after = lines(overview)[0]
        assert before != after
        # Thirteen weeks on 60 cells: the first two take cells 0-4 and 5-9.
        assert before[:10] == "██████████"  # one event in each of the first two weeks
        assert after[:10] == "█████▄▄▄▄▄"  # two, then one


async def test_no_events_and_a_narrow_strip() -> None:
    app = StripApp([])
    async with app.run_test(size=(20, 5)) as pilot:
        overview = app.query_one(Overview)
        await pilot.pause()
        assert lines(overview) == (" " * 20, "no events" + " " * 11)
        overview.set_events(SUMMER, list(range(6)))
        await pilot.pause()
        bar, labels = lines(overview)
        assert len(bar) == len(labels) == 20
        assert MARKER in labels and "█" in bar
        assert set(bar) <= set(BLOCKS)
