"""The reader's view without a screen: selection, filters, search, history, status."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from conftest import loaded

from timeline.model import Timeline
from timeline.query.filters import Filter
from timeline.query.selection import Notice
from timeline.query.view import View


def view_of(timeline: Timeline | None = None, **kwargs: object) -> View:
    view = View(**kwargs)  # type: ignore[arg-type]
    view.show(timeline or loaded())
    return view


def selected(view: View) -> str:
    event = view.selected
    assert event is not None
    return event.id


def test_moving_is_clamped_and_resets_the_quote() -> None:
    view = view_of()
    assert selected(view) == "benioff-tweet" and view.status == "1 of 10"
    view.move_to(5)
    assert selected(view) == "raices-letter"
    view.step_quote(1)
    assert view.quote == 1
    view.move_to(99)
    assert view.cursor == 9 and view.quote == 0
    view.move_to(-3)
    assert view.cursor == 0


def test_a_filter_keeps_the_selected_event_or_the_nearest() -> None:
    view = view_of()
    assert view.select_id("raices-letter")
    assert view.set_filter(Filter(kinds=frozenset({"letter", "tweet"}))) is None
    assert selected(view) == "raices-letter"
    assert view.status == "2 of 4 shown (10 in all) · kind=letter|tweet · quote 1 of 6"
    assert not view.select_id("protest-bridgeport")  # hidden: not selectable
    notice = view.set_filter(Filter(kinds=frozenset({"nothing"})))
    assert notice is not None and "F shows every event" in notice.text
    assert view.selected is None and view.status.startswith("none shown")


def test_search_goes_to_the_first_match_and_wraps() -> None:
    view = view_of()
    view.search("cbp")
    assert view.matches and view.cursor == view.matches[0]
    assert view.status.endswith(f"match 1 of {len(view.matches)}")
    view.move_to(view.matches[-1])
    notice = view.next_match(1)
    assert notice is not None and notice.text == "Search wrapped around."
    assert view.cursor == view.matches[0]
    assert view.next_match(-1) is not None  # wraps backwards too
    view.search("nothing like this")
    assert view.matches == [] and view.status.endswith("no match for “nothing like this”")
    assert view.next_match(1) == view.next_match(-1)
    view.search("")
    notice = view.next_match(1)
    assert notice is not None and notice.text.startswith("No search")


def test_a_pasted_query_is_said_cut_to_a_row_wherever_it_is_said() -> None:
    # The status line is worked out at every redraw: a pasted page was cleaned whole
    # each time, and `n` said it whole in a notice.
    from timeline.text import ROW_LIMIT

    view = view_of()
    query = "zq " * 50_000
    view.search(query)
    said = [view.status, view.next_match(1), view.next_match(-1), view.no_matches()]
    texts = [s if isinstance(s, str) else s.text for s in said if s is not None]
    assert len(texts) == 4
    assert all(len(text) < ROW_LIMIT + 100 and "…" in text for text in texts), texts


def test_following_and_going_back() -> None:
    view = view_of()
    assert view.select_id("chema-tweet")  # in reply to raices-tweet
    assert view.follow(1) is None
    assert selected(view) == "raices-tweet" and view.history == ["chema-tweet"]
    assert view.back() is None
    assert selected(view) == "chema-tweet" and view.history == []
    notice = view.back()
    assert notice is not None and notice.text == "Nothing to go back to."


def test_following_a_link_the_filter_hides_says_so_and_is_not_remembered() -> None:
    # Bug fixed: it did nothing, said nothing, and yet pushed the history.
    view = view_of()
    view.set_filter(Filter(speakers=frozenset({"Chema Hernández Gil"})))
    assert selected(view) == "chema-tweet"
    notice = view.follow(1)
    assert notice is not None and "hidden by the filters" in notice.text
    assert selected(view) == "chema-tweet" and view.history == []


def test_following_a_link_that_is_not_there() -> None:
    view = view_of()
    assert view.select_id("chema-tweet")
    # One related event: `2` says so, rather than that there is none.
    notice = view.follow(2)
    assert notice is not None
    assert notice.text == "This event has only one related event: Enter follows it."
    assert view.history == [] and selected(view) == "chema-tweet"
    assert view.select_id("protest-bridgeport")
    notice = view.follow(1)
    assert notice is not None and notice.text == "This event has no related event to follow."


def test_a_date_typed_two_ways_goes_nowhere_and_says_both() -> None:
    # Bug fixed: "Jul-18" at the date line went to the nearest 18 July, where a
    # spreadsheet's July 2018 may be meant; "july 18" and "July 2018" each go to theirs.
    view = view_of()
    assert view.go_to_date("july 8") is None and selected(view) == "benioff-tweet"
    notice = view.go_to_date("Jul-18")
    assert notice is not None and notice.severity == "warning"
    assert "could be 18 July or July 2018" in notice.text
    assert selected(view) == "benioff-tweet"
    assert view.go_to_date("18 July") is None and selected(view) != "benioff-tweet"


def test_the_date_line_gives_a_files_advice_with_a_date_to_type() -> None:
    # Bug fixed: "Summer 2018", "2018-W29" and "mid-July 2018" were "cannot read ... as
    # a date" at the date line, where a file's date is told what to write.
    view = view_of()
    assert view.go_to_date("july 8") is None
    for typed, advice in (
        ("Summer 2018", "type a month of it, such as 2018-06 in the north or 2018-12"),
        ("2018-W29", "type a day of it, such as its Monday, 2018-07-16"),
        ("mid-July 2018", "type a date of the span you mean, such as 2018-07-11 or"),
    ):
        notice = view.go_to_date(typed)
        assert notice is not None and advice in notice.text, typed
        assert selected(view) == "benioff-tweet"
    assert view.go_to_date("2018-07-16") is None and selected(view) == "raices-letter"


def test_dates_days_and_months() -> None:
    view = view_of()
    assert view.go_to_date("july 19") is None and selected(view) == "raices-tweet"
    notice = view.go_to_date("not a date")
    assert notice is not None and notice.severity == "warning"
    view.move_to(0)
    view.step_day(1)
    assert view.cursor > 0
    view.step_month(1)  # one month only: stays
    here = view.cursor
    view.step_month(1)
    assert view.cursor == here


def test_days_reach_the_events_known_only_to_lie_after_a_day() -> None:
    # "after Mon 16" shared Mon 16's stop, so `]` went from the letter to Thursday and
    # never to it, nor to "after Thu 19"; and at either end it did nothing silently.
    view = view_of()
    stops = [selected(view)]
    for _ in range(6):
        assert view.step_day(1) is None
        stops.append(selected(view))
    assert stops == [
        "benioff-tweet",
        "protest-bridgeport",
        "employees-ask",  # before Mon 16
        "raices-letter",  # Mon 16
        "salesforce-refuses",  # after Mon 16
        "raices-tweet",  # Thu 19
        "article",  # after Thu 19
    ]
    assert view.step_day(1) == Notice("No later day has events.")
    assert selected(view) == "article"
    back = [selected(view)]
    for _ in range(6):
        assert view.step_day(-1) is None
        back.append(selected(view))
    assert back == stops[::-1]
    assert view.step_day(-1) == Notice("No earlier day has events.")
    assert view.step_month(1) == Notice("No later month has events.")
    assert view.step_month(-1) == Notice("No earlier month has events.")
    assert selected(view) == "benioff-tweet"


def test_where_a_reader_starts() -> None:
    view = view_of()
    assert view.start_at("raices-letter", False) is None and selected(view) == "raices-letter"
    assert view.start_at(None, True) is None and view.cursor == 9
    assert view.start_at("2018-07-08", False) is None and selected(view) == "benioff-tweet"
    notice = view.start_at("someday", False)
    assert notice is not None and notice.title == "--at"


def test_a_reload_keeps_the_selected_event_by_id_else_by_title_and_date() -> None:
    # Bug fixed: renaming the selected event's id moved the selection to another event.
    view = view_of()
    assert view.select_id("raices-letter")
    timeline = loaded()
    renamed = tuple(
        e._replace(title="Edited") if e.id == "benioff-tweet" else e for e in timeline.events
    )
    view.reload(replace(timeline, events=renamed))
    assert selected(view) == "raices-letter"
    letter = timeline.get("raices-letter")
    assert letter is not None
    gone = tuple(e._replace(id="letter") if e.id == "raices-letter" else e for e in timeline.events)
    view.reload(replace(timeline, events=gone))
    assert selected(view) == "letter"  # its id changed: the event with its title and date


def test_filter_arguments_from_the_command_line() -> None:
    view = view_of()
    assert view.filter_from_args(["kind=tweet"]) is None
    assert len(view.shown) == 3
    notice = view.filter_from_args(["kindd=tweet"])
    assert notice is not None and notice.title == "--filter"


def test_the_view_does_not_import_textual() -> None:
    code = (
        "import sys, timeline.query.view\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_date_without_a_year_goes_to_the_nearest_such_day_with_events() -> None:
    # Bug fixed: "june 5" was read in the selected event's year only.
    from timeline.model import Event, When

    events = (
        *(Event(f"e{year}", When(year, 6, 5), f"5 June {year}") for year in (2010, 2014, 2020)),
        Event("x", When(2015, 1, 1), "New year 2015"),
    )
    timeline = Timeline("T", tuple(sorted(events, key=lambda e: e.when.key)))
    view = view_of(timeline)
    assert view.select_id("x")
    assert view.go_to_date("june 5") is None
    assert selected(view) == "e2014"


def test_a_date_filter_says_how_many_events_it_is_unsure_of() -> None:
    from timeline.dates import parse_query

    view = view_of()
    view.set_filter(Filter(date_from=parse_query("2018-07-15", 2018)))
    # Said before the filter, which a narrow header cuts first: at 80 columns an event
    # "after" a day years before the range stood first with nothing to say why.
    assert view.status.startswith(
        "1 of 8 shown (10 in all, 3 kept whose dates only bound them) · from 15 Jul 2018"
    ), view.status


def test_a_filter_value_the_file_does_not_have_lists_the_ones_it_has() -> None:
    view = view_of()
    notice = view.filter_from_args(["kind=twet"])
    assert notice is not None and notice.severity == "warning"
    assert "did you mean 'tweet'?" in notice.text


def test_the_link_o_opens_is_the_source_else_the_media_and_only_http() -> None:
    from timeline.model import Event, Media, Source, When

    def link(event: Event) -> object:
        return view_of(Timeline("T", (event,))).source_url()

    when = When(2018, 7, 16)
    sourced = Event("a", when, "A", sources=(Source("S", url="https://example.org/a"),))
    assert link(sourced) == "https://example.org/a"
    pictured = Event("b", when, "B", media=Media(url="http://example.org/b.jpg"))
    assert link(pictured) == "http://example.org/b.jpg"
    notice = link(Event("c", when, "C"))
    assert notice == Notice("This event has no source link.", "warning")
    notice = link(Event("d", when, "D", sources=(Source("S", url="javascript:alert(1)"),)))
    assert notice == Notice("This event has a link that is not http(s).", "warning")
    assert View().source_url() == Notice("This event has no source link.", "warning")


def test_each_quotes_mark_once_the_quotes_are_checked() -> None:
    view = view_of()
    assert view.select_id("raices-letter")
    event = view.selected
    assert event is not None and len(event.quotes) > 1
    assert view.marks_of(event) is None  # not checked yet
    view.marks = {("raices-letter", 1): ("✓", "bold green")}
    assert view.marks_of(event) == [None, ("✓", "bold green")] + [None] * (len(event.quotes) - 2)
    assert view.timeline is not None
    view.show(replace(view.timeline, title="Edited"))
    assert view.marks_of(event) is None  # a new timeline: its own checks follow


def test_m_lists_the_matches_only_when_there_are_some() -> None:
    view = view_of()
    notice = view.no_matches()
    assert notice is not None and notice.text.startswith("No search: press / to search")
    view.search("nothing like this")
    assert view.no_matches() == Notice("No match for “nothing like this”.")
    view.search("cbp")
    assert view.no_matches() is None


def test_dates_typed_without_a_year_are_in_the_timelines_first_year() -> None:
    assert view_of().default_year == 2018
    assert View().default_year == 2000
    view = view_of()
    view.read_so_far(0.4)
    assert view.reading == "40% read" and view.status.startswith("40% read · ")


def test_a_start_that_is_neither_an_id_nor_a_date_says_both() -> None:
    # "--at raices-leter" said only "cannot read 'raices-leter' as a date".
    view = view_of()
    notice = view.start_at("raices-leter", end=False)
    assert notice is not None and notice.title == "--at"
    assert notice.text.startswith(
        "no event has the id 'raices-leter' (did you mean 'raices-letter'?), nor is it a date: "
    )
    assert "cannot read 'raices-leter' as a date" in notice.text
    assert view.start_at("raices-letter", end=False) is None and selected(view) == "raices-letter"


def test_a_search_whose_matches_the_filters_hide_says_so() -> None:
    # Bug fixed: with the filters showing only the photo, "/benioff" said "no match for
    # “benioff”", as if the timeline held none; five events that match were hidden.
    view = view_of()
    view.set_filter(Filter(kinds=frozenset({"photo"})))
    view.search("benioff")
    assert view.matches == []
    assert view.status.endswith("no match for “benioff” (5 hidden by the filters)")
    for notice in (view.next_match(1), view.no_matches()):
        assert notice is not None
        assert notice.text == (
            "No match for “benioff” among the events shown: 5 hidden by the filters "
            "match (F shows them)."
        )
    # Nothing to say when nothing hidden matches, or nothing is hidden.
    view.search("nothing like this")
    assert view.status.endswith("no match for “nothing like this”")
    view.set_filter(Filter())
    view.search("zzz")
    assert view.status.endswith("no match for “zzz”")


def _clock_timeline(zone: str) -> Timeline:
    """Three events at 08:00, 09:00 and 10:00 of 19 July 2018, in `zone` (or none)."""
    from timeline.read.toml import load_text

    head = (
        f'[timeline]\ntitle = "T"\ntimezone = "{zone}"\n' if zone else '[timeline]\ntitle = "T"\n'
    )
    events = "".join(
        f'[[events]]\nid = "at-{hour}"\ntitle = "{hour}"\ndate = 2018-07-19T{hour}:00:00\n'
        for hour in ("08", "09", "10")
    )
    result = load_text(head + events, "clock.toml")
    assert result.timeline is not None, result.problems
    return result.timeline


def test_a_time_typed_with_a_zone_goes_to_that_instant_in_the_timelines_zone() -> None:
    # Bug fixed: the offset was dropped, so 09:00-04:00 (08:00 in Chicago) went to the
    # event at 09:00; a written zone ("10am EDT") was "cannot read ... as a date".
    view = view_of(_clock_timeline("America/Chicago"))
    assert view.go_to_date("2018-07-19T09:00-04:00") is None
    assert selected(view) == "at-08"
    assert view.go_to_date("2018-07-19T15:00Z") is None
    assert selected(view) == "at-10"
    assert view.go_to_date("19 July 2018 10am EDT") is None
    assert selected(view) == "at-09"
    assert view.start_at("2018-07-19T09:00-04:00", False) is None
    assert selected(view) == "at-08"
    assert view.filter_from_args(["from=2018-07-19T10:00-04:00"]) is None
    assert [event.id for event in view.shown_events] == ["at-09", "at-10"]


def test_a_time_typed_with_a_zone_in_a_timeline_without_one_says_what_to_type() -> None:
    # Its times are each shown in the zone they were written in: no one clock to put a
    # zoned time on. It went to the events at 09:00 as shown, the offset dropped.
    view = view_of(_clock_timeline(""))
    notice = view.go_to_date("2018-07-19T09:00-04:00")
    assert notice is not None and notice.severity == "warning"
    assert notice.text == (
        "'2018-07-19T09:00-04:00' gives a zone (UTC-04:00), but the timeline has no timezone: "
        "its times are each shown in the zone they were written in, with no one clock to put "
        "this one on; type the time as the events show it, without the zone (such as "
        "2018-07-19T09:00), or give the timeline a timezone"
    )
    assert selected(view) == "at-08"  # not moved
    assert view.go_to_date("2018-07-19T09:00") is None and selected(view) == "at-09"
