"""The lanes view's core: the time scale and axis, lanes, marks, label placement,
aggregation, moving and zooming (timeline/show/axis.py, lanes.py, marks.py,
placement.py, row_cells.py, lanes_view.py)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from timeline.dates.calendar import as_written, astronomical, civil_from_day, day_number
from timeline.model import Era, Event, Precision, Qualifier, When
from timeline.read.toml import load_file
from timeline.show.axis import STEPS, View, choose_step, moment, period, ticks
from timeline.show.lanes import (
    ALL_EVENTS,
    MIN_SPAN,
    Lane,
    LaneIndex,
    keep_in_sight,
    lane_name,
    nudge_into_sight,
    zoom,
)
from timeline.show.lanes_view import LanesModel, frame_text
from timeline.show.marks import (
    AFTER_MARK,
    BEFORE_MARK,
    BLANK,
    CIRCA_GLYPH,
    CIRCA_POINT,
    COUNT,
    DENSITY,
    LABEL,
    MARK_ROLES,
    MIN_LABEL,
    UNCERTAIN_GLYPH,
    UNCERTAIN_POINT,
    Mark,
    Piece,
    elide,
    mark_for,
)
from timeline.show.placement import LaneRows, column_counts, place_lane

ROOT = Path(__file__).resolve().parent.parent


def day(year: int, month: int, mday: int, **kwargs: object) -> When:
    return When(year, month, mday, **kwargs)  # type: ignore[arg-type]


def event(n: int, when: When, group: str = "A", title: str = "", **kwargs: Any) -> Event:
    return Event(id=f"e{n}", when=when, title=title or f"Event {n}", group=group, **kwargs)


def model_for(
    events: list[Event],
    width: int = 80,
    height: int = 20,
    selection: int = 0,
    eras: tuple[Era, ...] = (),
) -> LanesModel:
    model = LanesModel(width, height)
    model.set_events(events, range(len(events)), eras, selection)
    return model


def lane_text(model: LanesModel, lane: int = 0) -> list[str]:
    frame = model.frame()
    return ["".join(p.text for p in line.pieces) for line in frame.lines if line.lane == lane]


def pieces(model: LanesModel, lane: int = 0) -> list[list[Piece]]:
    return [list(line.pieces) for line in model.frame().lines if line.lane == lane]


def events_toml() -> list[Event]:
    timeline = load_file(ROOT / "events.toml").timeline
    assert timeline is not None
    return list(timeline.events)


# ---------------------------------------------------------------------- time scale


def test_a_date_is_its_whole_period() -> None:
    july = day_number(2018, 7)
    assert period(When(2018, 7, precision=Precision.MONTH)) == (july, day_number(2018, 8))
    assert period(When(2018, precision=Precision.YEAR)) == (day_number(2018), day_number(2019))
    assert period(day(2018, 7, 16)) == (day_number(2018, 7, 16), day_number(2018, 7, 17))
    start, end = period(When(2018, 7, 16, 14, precision=Precision.HOUR))
    assert start == pytest.approx(day_number(2018, 7, 16) + 14 / 24)
    assert end - start == pytest.approx(1 / 24)
    # December rolls into the next year; BCE years count on without a gap.
    assert period(When(-44, 12, precision=Precision.MONTH))[1] == moment(When(-43, 1, 1))
    assert moment(When(-44, 3, 15)) == day_number(astronomical(-44), 3, 15)


def test_1_bce_is_followed_by_1_ce_on_the_scale() -> None:
    # The scale counted a year 0 between them (day_number's astronomical years read
    # as written): 31 December 1 BCE lay 367 days before 1 January 1 CE, and every
    # distance across the era boundary was a year too long.
    assert moment(When(1, 1, 1)) - moment(When(-1, 12, 31)) == 1
    bce = When(-1, precision=Precision.YEAR)
    assert period(bce)[1] == moment(When(1, precision=Precision.YEAR))
    assert period(bce)[1] - period(bce)[0] == 366  # 1 BCE is a leap year (proleptic)
    december = period(When(-1, 12, precision=Precision.MONTH))
    assert december[1] == moment(When(1, 1, 1)) and december[1] - december[0] == 31
    assert moment(When(1, precision=Precision.YEAR)) - moment(When(-10, 1, 1)) == 3653
    # The ticks of the years either side are a year apart, named as written.
    every = {step.unit: step for step in reversed(STEPS)}  # the finest step of each unit
    view = View(moment(When(-3, 1, 1)), moment(When(4, 1, 1)))
    axis = ticks(view, 70, every["year"])
    named = {tick.label: tick.time for tick in axis.ticks}
    assert list(named) == ["3 BCE", "2 BCE", "1 BCE", "1 CE", "2 CE", "3 CE"]
    times = list(named.values())
    assert [b - a for a, b in pairwise(times)] == [365, 365, 366, 365, 365]
    # Months and days across it: December 1 BCE, then January 1 CE.
    months = ticks(View(moment(When(-1, 11, 1)), moment(When(1, 3, 1))), 60, every["month"])
    assert [tick.label for tick in months.ticks] == ["Nov", "Dec", "Jan", "Feb"]
    assert months.ticks[2].context == "Jan 1 CE"
    days = ticks(View(moment(When(-1, 12, 30)), moment(When(1, 1, 3))), 40, every["day"])
    assert [(tick.label, tick.context) for tick in days.ticks][1:3] == [
        ("31", "31"),
        ("1", "1 Jan 1 CE"),
    ]


@pytest.mark.parametrize(
    ("days", "scale", "unit"),
    [
        (0.1, "minutes", "minute"),
        (1.0, "hours", "hour"),
        (12.0, "days", "day"),
        (120.0, "weeks", "week"),
        (700.0, "months", "month"),
        (30 * 365.0, "years", "year"),
        (120 * 365.0, "decades", "year"),
        (2000 * 365.0, "centuries", "year"),
        (20000 * 365.0, "millennia", "year"),
    ],
)
def test_the_axis_takes_the_scale_of_the_span(days: float, scale: str, unit: str) -> None:
    start = float(day_number(2018, 7, 8))
    step = choose_step(View(start, start + days), 100)
    assert (step.scale, step.unit) == (scale, unit)


def test_july_2018_axis_names_the_month_then_days() -> None:
    start = float(day_number(2018, 7, 8))
    axis = ticks(View(start, start + 12), 96)
    assert axis.step.unit == "day"
    texts = [text for _, text in axis.labels]
    assert texts[0] == "8 Jul 2018"
    assert "19" in texts
    # Every tick sits in the cell its moment falls in.
    for tick in axis.ticks:
        assert tick.column == int((tick.time - start) * 96 / 12)


def test_bce_years_are_labelled_bce_and_ce_years_ce() -> None:
    view = View(float(day_number(-1000)), float(day_number(1000)))
    axis = ticks(view, 100)
    texts = [text for _, text in axis.labels]
    assert axis.step.scale == "centuries"
    assert "600 BCE" in texts
    assert "200 CE" in texts
    assert all(text.endswith(("BCE", "CE")) for text in texts)


@pytest.mark.parametrize("years", [2, 10, 100, 500, 2000, 20000])
def test_no_tick_is_the_year_0_which_no_calendar_has(years: int) -> None:
    # The picture of "c. 480 BCE" to 2019 had a tick "0": 1 BCE is followed by 1 CE.
    view = View(moment(When(-years, 1, 1)), moment(When(years, 1, 1)))
    axis = ticks(view, 100)
    assert axis.ticks
    for tick in axis.ticks:
        assert "0" not in (tick.label, tick.context)
        if axis.step.unit == "year":  # each tick is the first moment of the year it names
            year = int(tick.label.split()[0]) * (-1 if tick.label.endswith("BCE") else 1)
            assert tick.time == moment(When(year, 1, 1))
    # Where the year 0 would have its tick, 1 CE has it.
    placed = [text for _, text in axis.labels]
    if axis.step.every > 1 and years >= 10:
        assert "1 CE" in [tick.label for tick in axis.ticks]
    assert not any(text in ("0", "0 CE", "0 BCE") for text in placed)
    # Months and days have no year 0 either.
    months = ticks(View(moment(When(-1, 6, 1)), moment(When(1, 7, 1))), 200)
    assert not any(" 0" in text or text == "0" for _, text in months.labels)
    assert [text for _, text in months.labels if "CE" in text] == ["5 Jun 1 BCE", "1 Jan 1 CE"]


def test_a_new_month_and_year_carry_their_context() -> None:
    start = float(day_number(2018, 12, 20))
    texts = [text for _, text in ticks(View(start, start + 20), 120).labels]
    assert texts[0] == "20 Dec 2018"
    assert "1 Jan 2019" in texts


@settings(max_examples=200, deadline=None)
@given(
    start=st.floats(min_value=-3e8, max_value=3e8, allow_nan=False),
    span=st.floats(min_value=MIN_SPAN, max_value=1e9),
    width=st.integers(min_value=1, max_value=300),
)
def test_axis_labels_never_overlap_nor_leave_the_width(
    start: float, span: float, width: int
) -> None:
    axis = ticks(View(start, start + span), width)
    assert len(axis.ticks) <= width
    end = -2
    for column, text in axis.labels:
        assert column >= end + 2, axis.labels
        end = column + len(text)
        assert end <= width
    assert all(0 <= tick.column < width for tick in axis.ticks)


def test_steps_are_finest_first() -> None:
    assert [step.days for step in STEPS] == sorted(step.days for step in STEPS)


# ---------------------------------------------------------------------- lanes


def test_lanes_follow_first_appearance_and_events_without_a_group_come_last() -> None:
    events = [
        event(0, day(2018, 7, 1), group=""),
        event(1, day(2018, 7, 2), group="Salesforce"),
        event(2, day(2018, 7, 3), group="RAICES"),
        event(3, day(2018, 7, 4), group="Salesforce"),
    ]
    index = LaneIndex(events, range(4))
    assert [lane.name for lane in index.lanes] == ["Salesforce", "RAICES", "(no group)"]
    assert list(index.lane_of) == [2, 0, 1, 0]
    assert list(index.lanes[0].positions) == [1, 3]


def test_lane_modes() -> None:
    tweet = event(0, day(2018, 7, 1), speaker="RAICES", kind="tweet")
    assert lane_name(tweet, "speaker") == "RAICES"
    assert lane_name(tweet, "kind") == "tweet"
    assert lane_name(tweet, "single") == ALL_EVENTS
    assert lane_name(event(1, day(2018, 7, 1)), "speaker") == "(no speaker)"
    # A name is data: control characters are shown, not obeyed.
    assert lane_name(event(2, day(2018, 7, 1), group="a\x1b[31mb"), "group") == "a␛[31mb"
    with pytest.raises(ValueError, match="lane mode"):
        LaneIndex([tweet], range(1), "colour")


def test_events_toml_lanes_are_its_groups() -> None:
    index = LaneIndex(events_toml(), range(10))
    assert [lane.name for lane in index.lanes] == [
        "Salesforce",
        "Protests",
        "RAICES",
        "Supporters",
        "Press",
    ]


def test_h_and_l_follow_time_and_j_and_k_go_to_the_nearest_event_of_the_next_lane() -> None:
    events = events_toml()
    index = LaneIndex(events, range(len(events)))
    ids = [e.id for e in events]
    letter = ids.index("raices-letter")
    assert ids[index.step(letter, 1)] == "salesforce-refuses"
    assert ids[index.step(letter, -1)] == "salesforce-offer"
    assert index.step(0, -1) == 0
    assert index.step(len(ids) - 1, 1) == len(ids) - 1
    # From the letter (16 July, RAICES): up to Protests (11 July), down to Supporters.
    assert ids[index.lane_step(letter, -1)] == "protest-bridgeport"
    assert ids[index.lane_step(letter, 1)] == "chema-tweet"
    # From the Bridgeport protest (11 July) up to Salesforce: Benioff's tweet of 8 July
    # is three days off, the "before 16 July" events five.
    assert ids[index.lane_step(ids.index("protest-bridgeport"), -1)] == "benioff-tweet"
    # The first lane has no lane above; the last none below.
    assert index.lane_step(0, -1) == 0
    article = ids.index("article")
    assert index.lane_step(article, 1) == article


def test_nearest_takes_the_later_event_on_a_tie() -> None:
    events = [event(0, day(2018, 7, 1)), event(1, day(2018, 7, 3)), event(2, day(2018, 7, 2), "B")]
    index = LaneIndex(events, range(3))
    assert index.lane_step(2, -1) == 1


# ---------------------------------------------------------------------- views


def test_fit_shows_every_event_with_room_at_the_edges() -> None:
    events = events_toml()
    model = model_for(events, width=100)
    view = model.view
    assert view is not None
    assert view.cell(day_number(2018, 7, 8), 100) >= 3
    assert view.last_cell(day_number(2018, 7, 20), 100) <= 100 - 3


def test_zoom_keeps_the_moment_in_place_and_stops_at_an_hour() -> None:
    view = View(0.0, 100.0)
    closer = zoom(view, 2.0, 25.0)
    assert closer.span == pytest.approx(50.0)
    assert closer.x(25.0, 100) == pytest.approx(view.x(25.0, 100))
    farther = zoom(closer, 0.5, 25.0)
    assert farther == pytest.approx(view)
    assert zoom(view, 1e9, 25.0).span == pytest.approx(MIN_SPAN)
    # Out of sight: the moment comes to the middle.
    away = zoom(view, 2.0, 500.0)
    assert (away.start + away.end) / 2 == pytest.approx(500.0)


def test_keep_in_sight_moves_only_when_the_moment_leaves_the_view() -> None:
    view = View(0.0, 100.0)
    assert keep_in_sight(view, 50.0, 3.0) is view
    assert keep_in_sight(view, 98.0, 3.0) == View(48.0, 148.0)
    # A margin of its own on each side: a "before" mark takes two cells left of it.
    assert keep_in_sight(view, 4.0, 5.0, 3.0) == View(-46.0, 54.0)
    assert keep_in_sight(view, 96.0, 5.0, 3.0) is view


def test_nudge_into_sight_moves_the_least_and_leaves_what_is_out_of_sight() -> None:
    view = View(0.0, 100.0)
    assert nudge_into_sight(view, 50.0, 3.0, 3.0) is view
    assert nudge_into_sight(view, 1.0, 3.0, 5.0) == View(-2.0, 98.0)
    assert nudge_into_sight(view, 99.0, 3.0, 5.0) == View(4.0, 104.0)
    assert nudge_into_sight(view, 120.0, 3.0, 5.0) is view  # out of sight: the wheel's


def test_zoom_out_stops_past_the_whole_timeline() -> None:
    model = model_for(events_toml())
    fitted = model.view
    assert fitted is not None
    for _ in range(20):
        model.zoom(0.5)
    assert model.view is not None
    assert model.view.span <= fitted.span * 8 * 1.0001


def test_selecting_pans_to_keep_the_selection_in_sight() -> None:
    events = [event(n, day(2018, 1 + n, 1)) for n in range(12)]
    model = model_for(events, width=60)
    model.zoom(16.0)
    for position in range(12):
        model.select(position)
        assert model.view is not None
        column = model.view.cell(model.index.focus_time(position), 60)
        assert 3 <= column < 60 - 3


# ---------------------------------------------------------------------- marks


def test_marks_say_what_is_known_of_a_date() -> None:
    bound = day(2018, 7, 16)
    events = [
        event(0, day(2018, 7, 16, qualifier=Qualifier.BEFORE), group="A"),
        event(1, bound, group="B"),
        event(2, day(2018, 7, 16, qualifier=Qualifier.AFTER), group="C"),
        event(3, day(2018, 7, 16, qualifier=Qualifier.CIRCA), group="D"),
    ]
    model = model_for(events, width=60)
    model.view = View(day_number(2018, 7, 14), day_number(2018, 7, 19))  # 12 cells a day
    letter = lane_text(model, 1)[0]
    at = letter.index("●")
    before, after, circa = lane_text(model, 0)[0], lane_text(model, 2)[0], lane_text(model, 3)[0]
    day_first = 24  # 16 July starts two days (24 cells) into the view
    assert before.index(BEFORE_MARK) == day_first - 2  # ends just before the day
    assert after.index(AFTER_MARK) == day_first + 12  # starts just after it
    assert day_first <= at < day_first + 12
    assert circa.index(CIRCA_GLYPH) == at


def test_a_month_is_a_span_and_a_range_a_bar() -> None:
    events = [
        event(0, When(2018, 7, precision=Precision.MONTH), title="July"),
        event(1, day(2018, 9, 1), end=day(2018, 9, 30), title="September", group="B"),
        event(2, When(2018, 11, precision=Precision.MONTH, qualifier=Qualifier.CIRCA), group="C"),
    ]
    model = model_for(events, width=120)
    model.view = View(day_number(2018, 6, 1), day_number(2019, 1, 1))
    width, view = 120, model.view
    july = lane_text(model, 0)[0]
    first, last = (
        view.cell(day_number(2018, 7, 1), width),
        view.last_cell(day_number(2018, 8, 1), width),
    )
    assert july[first] == "├" and july[last] == "┤"
    assert set(july[first + 1 : last]) <= {"─", " "} | set(" July")
    september = lane_text(model, 1)[0]
    start = view.cell(day_number(2018, 9, 1), width)
    end = view.last_cell(day_number(2018, 10, 1), width)
    assert september[start] == "●" and september[end] == "━"
    circa = lane_text(model, 2)[0]
    assert "╌" in circa


@pytest.mark.parametrize("qualifier", list(Qualifier))
def test_every_qualifier_is_drawn_as_a_point_a_span_and_a_bar(qualifier: Qualifier) -> None:
    # Every qualifier, a new one too, has a mark: "2019-09-02?" crashed the view.
    events = [
        event(0, day(2019, 9, 2, qualifier=qualifier), group="Day"),
        event(1, When(2019, 8, precision=Precision.MONTH, qualifier=qualifier), group="Month"),
        event(2, day(2019, 3, 1, qualifier=qualifier), end=day(2019, 5, 31), group="Range"),
        event(3, day(2019, 3, 1), end=day(2019, 5, 31, qualifier=qualifier), group="End"),
    ]
    model = model_for(events, width=100, height=8)
    model.view = View(day_number(2018, 12, 1), day_number(2020, 1, 1))
    for lane in range(4):
        marks = [p for row in pieces(model, lane) for p in row if p.role in MARK_ROLES]
        assert [p.position for p in marks] == [lane], lane_text(model, lane)


def test_an_uncertain_date_is_told_apart_from_circa_and_exact() -> None:
    uncertain, circa = Qualifier.UNCERTAIN, Qualifier.CIRCA
    events = [
        event(0, day(2019, 9, 2, qualifier=uncertain), title="Auditor resigns?", group="A"),
        event(1, day(2019, 9, 2, qualifier=circa), group="B"),
        event(2, When(2019, 3, precision=Precision.MONTH, qualifier=uncertain), group="C"),
        event(3, day(2019, 4, 1), end=day(2019, 5, 20, qualifier=uncertain), group="D"),
    ]
    model = model_for(events, width=100, height=8)
    model.view = View(day_number(2019, 1, 1), day_number(2020, 1, 1))
    point, circa_point = pieces(model, 0)[0], pieces(model, 1)[0]
    assert [(p.text, p.role) for p in point if p.role in MARK_ROLES] == [
        (UNCERTAIN_GLYPH, UNCERTAIN_POINT)
    ]
    assert [(p.text, p.role) for p in circa_point if p.role in MARK_ROLES] == [
        (CIRCA_GLYPH, CIRCA_POINT)
    ]
    # A month: "?" where "├" opens it, dotted; a range uncertain at its end: "?" ahead.
    month, bar = lane_text(model, 2)[0].strip(), lane_text(model, 3)[0].strip()
    assert month.startswith(UNCERTAIN_GLYPH + "╌") and "┤" in month
    assert bar.startswith(UNCERTAIN_GLYPH + "╌")


def test_a_range_that_began_off_screen_is_still_drawn() -> None:
    events = [
        event(0, When(1700, precision=Precision.YEAR), end=When(1900, precision=Precision.YEAR)),
        event(1, day(2018, 7, 1)),
    ]
    model = model_for(events, width=80, selection=1)
    model.view = View(day_number(1850), day_number(1860))
    text = lane_text(model)[0]
    assert text.startswith("━") and set(text.strip()) <= {"━"} | set(" Event0")


# ---------------------------------------------------------------------- labels


def test_labels_go_right_of_their_mark_and_are_cut_to_the_room_left() -> None:
    events = [
        event(0, day(2018, 7, 1), title="A rather long first title that runs on"),
        event(1, day(2018, 7, 3), title="Second"),
    ]
    model = model_for(events, width=40, selection=1)
    model.view = View(day_number(2018, 7, 1) - 0.5, day_number(2018, 7, 4) + 0.5)  # 10 cells a day
    (row,) = lane_text(model)
    # Day 1 centre: cell 10; day 3: cell 30. The first label ends with "…" and a blank
    # before the second mark.
    assert row[10] == "●" and row[30] == "●"
    assert row[12:29] == elide("A rather long first title that runs on", 17)
    assert row[29] == " "
    assert row[32:38] == "Second"


def test_a_mark_with_too_little_room_for_its_label_is_counted() -> None:
    events = [event(0, day(2018, 7, 1)), event(1, day(2018, 7, 2))]
    model = model_for(events, width=20, height=1, selection=1)
    model.view = View(day_number(2018, 7, 1), day_number(2018, 7, 5))  # 5 cells a day
    (row,) = lane_text(model)
    # The first event's label would have 2 cells before the second mark: a mark left
    # bare there would read as part of the next event, so it is counted instead.
    assert row[2] == "1" and row[7] == "●"
    assert row[3:7].strip() == ""
    assert row[9:16] == "Event 1"
    (count,) = [p for p in pieces(model)[0] if p.role == COUNT]
    assert count.position == 0


def test_a_short_title_is_shown_whole_in_less_than_the_shortest_cut_label() -> None:
    # 8 cells a day: 5 cells between the first label's start and the blank before the
    # next mark. "Vote" fits whole; "Council" cut to 5 cells would be shorter than a
    # label may be cut to, so that event is counted.
    for title, shown in (("Vote", "● Vote  ●"), ("Council", "1       ●")):
        events = [event(0, day(2018, 7, 1), title=title), event(1, day(2018, 7, 2))]
        model = model_for(events, width=40, height=1, selection=1)
        model.view = View(day_number(2018, 7, 1) - 1, day_number(2018, 7, 1) + 4)
        (row,) = lane_text(model)
        assert row[12:21] == shown


def test_the_selected_label_is_always_shown_whole_where_it_fits() -> None:
    title = "The selected event has a long title"
    events = [event(0, day(2018, 7, 1), title=title), event(1, day(2018, 7, 2), title="Next")]
    for selection in (0, 1):
        model = model_for(events, width=100, height=2, selection=selection)
        model.view = View(day_number(2018, 7, 1) - 1, day_number(2018, 7, 1) + 9)  # 10 a day
        rows = lane_text(model)
        chosen = title if selection == 0 else "Next"
        assert any(chosen in row for row in rows)
        assert sum(row.count("●") for row in rows) == 2  # no mark is hidden for it
    # At the right edge, the label goes left of its mark.
    model = model_for(events, width=60, height=1, selection=1)
    model.view = View(day_number(2018, 7, 2) + 0.55 - 6, day_number(2018, 7, 2) + 0.55)
    (row,) = lane_text(model)
    assert row.endswith("Next ●")
    # The other event has no room for its label: counted, not a bare mark before it.
    assert row[49] == "1" and row[50:54].strip() == ""


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=60),
    width=st.integers(min_value=10, max_value=140),
    rows=st.integers(min_value=1, max_value=5),
    selection=st.integers(min_value=0, max_value=59),
    titles=st.integers(min_value=1, max_value=50),
)
def test_every_event_in_sight_is_drawn_or_counted_and_nothing_overlaps(
    days: list[int], width: int, rows: int, selection: int, titles: int
) -> None:
    start = day_number(2018, 1, 1)
    ordered = sorted(days)
    events = [
        event(n, When(2018, 1, 1)._replace(day=1), title="x" * (1 + (n * 7) % titles))
        for n in range(len(ordered))
    ]
    events = [
        e._replace(when=day(*_civil(start + offset)))
        for e, offset in zip(events, ordered, strict=True)
    ]
    selection %= len(events)
    model = model_for(events, width=width, height=rows, selection=selection)
    laid = place_lane(
        model.index.lanes[0],
        model.view or View(0, 1),
        width,
        rows,
        selected=selection,
        title=model.title,
        glyph=lambda position: "●",
    )
    seen: dict[int, int] = {}  # event -> the row its mark is on
    for row, line in enumerate(laid.rows):
        column = 0
        for piece in line:
            assert piece.column == column  # left to right, no overlap, no hole
            column = piece.end
            if piece.role in MARK_ROLES:
                # A mark is on one row only (it may be cut around a label or a count).
                assert seen.setdefault(piece.position, row) == row
        assert column == width
    counted = sum(
        int(piece.text) if piece.text.isdigit() else 10
        for line in laid.rows
        for piece in line
        if piece.role == COUNT
    )
    if laid.dense:
        return
    plus = any(piece.text == "+" for line in laid.rows for piece in line if piece.role == COUNT)
    if plus:
        assert len(seen) + counted <= len(events)
    else:
        assert len(seen) + counted == len(events)
    assert selection in seen  # the selected event keeps its mark
    # Its label too, when the lane has more than one row.
    if rows > 1:
        assert any(
            piece.role == LABEL and piece.position == selection
            for line in laid.rows
            for piece in line
        )


def _civil(number: int) -> tuple[int, int, int]:
    """The date of a day number (`day_number`'s count), its year as written: no year 0."""
    year, month, mday = civil_from_day(number)
    return as_written(year), month, mday


#: The days the drawn events of `_laid_out` count from: 1 June 2018, and 10 December
#: 1 BCE, whose events run into 1 CE (the scale counted a year 0 between them).
STARTS = (day_number(2018, 6, 1), day_number(astronomical(-1), 12, 10))


def test_events_in_one_cell_stack_then_are_counted() -> None:
    events = [event(n, day(2018, 7, 10)) for n in range(7)] + [event(7, day(2018, 7, 1))]
    events.sort(key=lambda e: e.when.key)
    model = model_for(events, width=40, height=3, selection=0)
    rows = pieces(model)
    assert len(rows) == 3
    marks = [p for row in rows for p in row if p.role in MARK_ROLES]
    counts = [p for row in rows for p in row if p.role == COUNT]
    # Two rows hold a mark each at 10 July, the last row says how many more there are.
    assert len(counts) == 1
    assert int(counts[0].text) + len(marks) == 8
    assert counts[0].text == "5"


def _assert_marks_whole_and_labels_theirs(
    lane: Lane, view: View, width: int, laid: LaneRows, selected: int
) -> None:
    """Every event in sight is drawn with both ends of its mark, or counted; a label
    stands where its own mark puts it; the counts add up to the events not drawn."""
    expected: dict[int, Mark] = {}
    for slot in range(len(lane.positions)):
        found = mark_for(lane, slot, view, width, "●")
        if found is not None:
            expected[found.position] = found
    drawn: dict[int, list[Piece]] = {}
    labels: dict[int, list[Piece]] = {}
    counts: list[Piece] = []
    counted, plus = 0, False
    for line in laid.rows:
        for piece in line:
            if piece.role in MARK_ROLES:
                drawn.setdefault(piece.position, []).append(piece)
            elif piece.role == LABEL:
                labels.setdefault(piece.position, []).append(piece)
            elif piece.role == COUNT:
                counts.append(piece)
                counted += int(piece.text) if piece.text.isdigit() else 10
                plus = plus or not piece.text.isdigit()
    _assert_counts_where_their_events_are(counts, expected, drawn, selected, len(laid.rows))
    if selected in drawn and len(laid.rows) == 1:  # the counts' row is the selection's
        _assert_the_selected_mark_stands_apart(
            expected[selected], counts, labels.get(selected), width
        )
    # In a lane of one row that the selected event fills, a count takes a cell of its
    # label where the edge leaves it no other (placement's rule): it is not held to
    # the rest.
    exempt = selected if len(laid.rows) == 1 else -1
    for position, parts in drawn.items():
        mark = expected[position]
        head = min(parts, key=lambda piece: piece.column)
        tail = max(parts, key=lambda piece: piece.end)
        assert (head.column, head.text[0]) == (mark.first, mark.text[0])
        assert (tail.end - 1, tail.text[-1]) == (mark.last, mark.text[-1])
    for position, parts in labels.items():
        assert position in drawn  # no title without its mark
        mark = expected[position]
        if position == exempt:
            continue
        for label in parts:
            inside = mark.first < label.column and label.end <= mark.last
            right = label.column == mark.last + 2
            left = position == selected and label.end == mark.first - 1
            assert inside or right or left
    if plus:  # "+" is ten or more
        assert len(drawn) + counted <= len(expected)
    else:
        assert len(drawn) + counted == len(expected)


def _assert_the_selected_mark_stands_apart(
    mark: Mark, counts: list[Piece], label: list[Piece] | None, width: int
) -> None:
    """In a lane of one row, no count stands on the selected mark or against it, a
    blank cell between (a count over a span or bar keeps its ends), nor in or against
    its label: "2◁┄ Title" read as the mark's, "Title… ●1" as its label, "●1Ti1tle"
    as neither. Only the edge of the view may leave a count no other cell than the one
    against them (across the mark, it would stand among events it does not count)."""
    edges = {0, width - 1}
    for count in counts:
        over = mark.first < count.column < mark.last
        if label:
            (piece,) = label
            inside = piece.column <= count.column < piece.end
            # A label inside a span or bar has a blank either side of its own.
            beside = (count.column == piece.column - 1 and piece.text[:1] != " ") or (
                count.column == piece.end and piece.text[-1:] != " "
            )
            assert not inside, ("a count in the selected label", count, label)
            assert not beside or count.column in edges, ("a count against its label", count)
        if not over:
            beside = count.column in (mark.first - 1, mark.last + 1)
            assert not mark.first <= count.column <= mark.last, ("a count on the mark", count)
            assert not beside or count.column in edges, ("a count against the mark", count)
    assert not label or len(label) == 1, ("the selected label in parts", label)


def _assert_counts_where_their_events_are(
    counts: list[Piece],
    expected: dict[int, Mark],
    drawn: dict[int, list[Piece]],
    selected: int,
    rows: int,
) -> None:
    """Each count stands in the cell where its first event's mark begins, or beside
    it; in a lane of one row, one that the selected event's label or mark is over
    stands on the same side of the selected mark as that event; and no other event's
    mark stands between a count and its event."""
    chosen = expected.get(selected) if selected in drawn else None
    for count in counts:
        begins = expected[count.position].first
        if abs(count.column - begins) > 1:
            assert rows == 1 and chosen is not None, ("a count away from its event", count)
            if begins < chosen.first:
                assert count.column < chosen.first, ("a count on the wrong side", count)
            elif begins > chosen.last:
                assert count.column > chosen.last, ("a count on the wrong side", count)
        low, high = sorted((count.column, begins))
        for position, parts in drawn.items():
            cells = [c for part in parts for c in range(part.column, part.end)]
            assert not (low < min(cells) and max(cells) < high), (
                "another event's mark between a count and its event",
                count,
                position,
            )


def test_a_count_never_takes_the_mark_of_an_event_it_does_not_count() -> None:
    # The viewer at 80x24 on the shipped file, Benioff's tweet selected: the third
    # "before Mon 16" event was counted over the second's "◁┄", which showed as
    # "1┄ Salesforce pledges…": a count of one carrying another event's title, and
    # two of the three events told apart.
    events = events_toml()
    model = model_for(events, width=68, height=8, selection=0)
    lane = model.index.lane_of[0]
    rows = lane_text(model, lane)
    assert len(rows) == 3
    assert model.view is not None
    laid = place_lane(
        model.index.lanes[lane],
        model.view,
        68,
        3,
        selected=0,
        title=model.title,
        glyph=lambda position: "●",
    )
    _assert_marks_whole_and_labels_theirs(model.index.lanes[lane], model.view, 68, laid, 0)
    (count,) = [p for row in pieces(model, lane) for p in row if p.role == COUNT]
    assert count.text == "2"  # the two "before" events it stands for
    assert sum(row.count(BEFORE_MARK) for row in rows) == 1
    # The "after" event has its label: it read "◁┄    ┄▷ Salesforce refuses…", the
    # first "before" event's mark bare, beside it.
    assert sum(row.count(AFTER_MARK + " Salesforce refuses") for row in rows) == 1
    assert not any(BEFORE_MARK + " " in row and AFTER_MARK in row for row in rows)
    assert not any("Salesforce pledges" in row or "Salesforce offers" in row for row in rows)


def _laid_out(
    drawn: list[tuple[int, str, int, str]],
    width: int,
    rows: int,
    selection: int,
    zoom_in: float,
    *,
    whole: bool = False,
    start: int = STARTS[0],
) -> tuple[View, LaneRows, LanesModel, int]:
    """Drawn events in one lane, laid out as the lanes view does: each a day from
    `start` (a day number; 1 June 2018 by default), a kind (a qualifier, "month",
    "range", "day"), the day a range ends, a title. The event at `selection` (wrapped;
    -1 for none) is selected, and `whole` is the picture's rule; gives the view, the
    rows, the model and the selection. Each event starts on the scale as many days
    after `start` as it is drawn (a month: on its first day), across 1 BCE and 1 CE
    too."""
    events = []
    for n, (offset, kind, end, title) in enumerate(drawn):
        when = day(*_civil(start + offset))
        extra: dict[str, Any] = {}
        if kind in ("before", "after", "circa", "uncertain"):
            when = when._replace(qualifier=Qualifier(kind))
        elif kind == "month":
            when = when._replace(day=1, precision=Precision.MONTH)
        elif kind == "range":
            extra["end"] = day(*_civil(start + end))
        events.append(event(n, when, title=title, **extra))
    events.sort(key=lambda e: e.when.key)
    selection = -1 if selection < 0 else selection % len(events)
    model = model_for(events, width=width, height=rows, selection=max(0, selection))
    lane = model.index.lanes[0]
    for slot, position in enumerate(lane.positions):
        offset, kind, _, _ = drawn[int(model.index.event_at(position).id[1:])]
        mday = _civil(start + offset)[2]
        assert lane.times[slot] == start + offset - (mday - 1 if kind == "month" else 0)
    model.zoom(zoom_in)
    view = model.view or View(0, 1)
    laid = place_lane(
        model.index.lanes[0],
        view,
        width,
        rows,
        selected=selection,
        title=model.title,
        glyph=lambda position: "●",
        whole=whole,
    )
    return view, laid, model, selection


@settings(max_examples=120, deadline=None)
@given(
    dates=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=40),
            st.sampled_from(["day", "before", "after", "circa", "month", "range"]),
            st.integers(min_value=0, max_value=12),
        ),
        min_size=1,
        max_size=40,
    ),
    width=st.integers(min_value=10, max_value=120),
    rows=st.integers(min_value=1, max_value=4),
    selection=st.integers(min_value=0, max_value=39),
    zoom_in=st.sampled_from([1.0, 2.0, 4.0]),
    start=st.sampled_from(STARTS),
)
def test_counts_and_labels_stay_honest_with_bounds_spans_and_bars(
    dates: list[tuple[int, str, int]],
    width: int,
    rows: int,
    selection: int,
    zoom_in: float,
    start: int,
) -> None:
    drawn = [
        (offset, kind, offset + length, f"Title {n} " + "x" * (n % 9))
        for n, (offset, kind, length) in enumerate(dates)
    ]
    view, laid, model, selection = _laid_out(drawn, width, rows, selection, zoom_in, start=start)
    if not laid.dense:
        _assert_marks_whole_and_labels_theirs(model.index.lanes[0], view, width, laid, selection)


def _assert_every_label_whole_after_its_mark(laid: LaneRows, width: int, title: Any) -> None:
    """Each mark is followed by its own label, whole (cut at most by the right edge),
    or holds it inside; nothing is counted: a mark never stands bare beside another
    event's mark and label."""
    for line in laid.rows:
        shown = [piece for piece in line if piece.role != BLANK]
        assert not any(piece.role == COUNT for piece in shown)
        for number, piece in enumerate(shown):
            if piece.role not in MARK_ROLES or not title(piece.position):
                continue
            after = shown[number + 1 :]
            label = next((p for p in after if p.role == LABEL), None)
            at_edge = piece.end + 1 >= width - MIN_LABEL
            if label is None or label.position != piece.position:
                # Its label inside it: the piece after the label is the mark's rest.
                assert at_edge or any(
                    p.role == LABEL and p.position == piece.position for p in shown[:number]
                ), ("a bare mark", [p.text for p in shown])
                continue
            assert after[0] is label  # nothing between a mark and its label
            text, whole = label.text.strip(), title(piece.position)
            # Cut only by the right edge: no room for it whole between its mark and the edge.
            mark_end = max(
                p.end for p in shown if p.role in MARK_ROLES and p.position == piece.position
            )
            at_edge = mark_end + 1 + cell_len(whole) > width
            assert text == whole or (at_edge and text.endswith("…"))


def test_whole_labels_keep_every_label_and_never_leave_a_mark_bare() -> None:
    # The trial's picture: with six rows, "Secret memo drafted" (before 2000) lost its
    # label to "Mayor's office acknowledges letter" (after 4 March 2019), and read
    # "◁┄ ┄▷ Mayor's office acknowledges letter": one event bounded on both sides.
    before, after = Qualifier.BEFORE, Qualifier.AFTER
    events = [
        event(0, When(-480, precision=Precision.YEAR, qualifier=Qualifier.CIRCA), group="B"),
        event(1, When(2000, precision=Precision.YEAR, qualifier=before), title="Secret memo"),
        event(2, When(2019, 3, 4, 18, 30, precision=Precision.MINUTE), title="Council votes"),
        event(3, day(2019, 3, 4, qualifier=after), title="Mayor's office acknowledges"),
        event(4, day(2019, 7, 16, qualifier=Qualifier.CIRCA), title="Long speech"),
        event(5, When(2019, 8, precision=Precision.MONTH), title="Audit begins"),
        event(6, day(2019, 9, 2), title="Auditor resigns"),
        event(7, day(2019, 11, 30, qualifier=before), title="Inquiry closes"),
    ]
    model = LanesModel(154, 2 * 40, max_rows=40, whole=True)
    model.set_events(events, range(len(events)), (), None)
    model.fit(right=70)
    text = "\n".join(frame_text(model.frame()))
    assert "◁┄ Secret memo" in text and "┄▷ Mayor's office acknowledges" in text
    assert "◁┄ ┄▷" not in text
    for lane in range(2):
        laid = LaneRows(tuple(tuple(p) for p in pieces(model, lane)), False, 0)
        _assert_every_label_whole_after_its_mark(laid, 154, model.title)


@settings(max_examples=120, deadline=None)
@given(
    dates=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=40),
            st.sampled_from(["day", "before", "after", "circa", "uncertain", "month", "range"]),
            st.integers(min_value=0, max_value=12),
        ),
        min_size=1,
        max_size=40,
    ),
    width=st.integers(min_value=10, max_value=120),
    rows=st.integers(min_value=1, max_value=12),
    zoom_in=st.sampled_from([1.0, 2.0, 4.0]),
    start=st.sampled_from(STARTS),
)
def test_whole_labels_or_a_density_bar(
    dates: list[tuple[int, str, int]], width: int, rows: int, zoom_in: float, start: int
) -> None:
    # The picture's rule: every event in sight with its whole label, or the lane a
    # density bar (and the picture says how many events it does not label).
    dated = [
        (offset, kind, offset + length, f"Title {n} " + "x" * (n % 9))
        for n, (offset, kind, length) in enumerate(dates)
    ]
    view, laid, model, _ = _laid_out(dated, width, rows, -1, zoom_in, whole=True, start=start)
    if laid.dense:
        return
    _assert_every_label_whole_after_its_mark(laid, width, model.title)
    drawn = {p.position for line in laid.rows for p in line if p.role in MARK_ROLES}
    lane = model.index.lanes[0]
    in_sight = {
        found.position
        for slot in range(len(lane))
        if (found := mark_for(lane, slot, view, width, "●")) is not None
    }
    assert drawn == in_sight


def council_bounds() -> list[Event]:
    """The trial's pic3.toml: a "before 2000" event and an "after 4 March 2019" one,
    side by side at most scales, among a council's events of 2019."""
    timeline = load_file(ROOT / "tests" / "fixtures" / "council_bounds.toml").timeline
    assert timeline is not None
    return list(timeline.events)


def _assert_every_mark_labelled_or_counted(
    laid: LaneRows, width: int, title: Any, selected: int
) -> None:
    """The screen's rule: every mark but the selected one's is followed by its own
    label, a blank cell between, or holds it, with a blank (or a count, or the edge)
    before it and a blank (or the edge) after its label; a count stands alone, touching
    no other count nor any label but the selected one's."""
    for line in laid.rows:
        _assert_row_labelled_or_counted(line, width, title, selected)


def _assert_row_labelled_or_counted(
    line: tuple[Piece, ...], width: int, title: Any, selected: int
) -> None:
    cells: list[Piece | None] = [None] * width
    whole_cells: list[Piece | None] = [None] * width
    for piece in line:
        if piece.role != BLANK:
            for column in range(piece.column, min(piece.end, width)):
                whole_cells[column] = piece
            # A label inside a span or bar is " " + text + " ": its blanks are blank.
            low, high = piece.column, piece.end
            if piece.role == LABEL:
                low += len(piece.text) - len(piece.text.lstrip(" "))
                high -= len(piece.text) - len(piece.text.rstrip(" "))
            for column in range(low, min(high, width)):
                cells[column] = piece
    shown = [cells[column] for column in range(width)]

    def role(column: int) -> str:
        found = shown[column] if 0 <= column < width else None
        return BLANK if found is None else found.role

    def owner(column: int) -> int:
        found = shown[column] if 0 <= column < width else None
        return -1 if found is None else found.position

    marks: dict[int, list[int]] = {}
    labels: dict[int, list[int]] = {}
    for column, found in enumerate(shown):
        if found is not None and found.role in MARK_ROLES:
            marks.setdefault(found.position, []).append(column)
        elif found is not None and found.role == LABEL:
            labels.setdefault(found.position, []).append(column)
    picture = "".join(p.text for p in line)
    for position, taken in marks.items():
        if position == selected:
            continue
        first, last = taken[0], taken[-1]
        between = [whole_cells[c] for c in range(first, last + 1) if c not in taken]
        # A count may stand across a span or bar; its label may be inside it.
        assert all(
            p is not None and (p.role == COUNT or (p.role == LABEL and p.position == position))
            for p in between
        ), ("a mark cut by another event", picture)
        assert role(first - 1) in (BLANK, COUNT), ("a mark touched on its left", picture)
        own = labels.get(position, [])
        inside = [c for c in own if first < c < last]
        if not title(position):
            continue
        assert own, ("a mark without its label", picture)
        if inside:
            assert inside == own
            assert role(last + 1) in (BLANK, COUNT), ("a mark touched on its right", picture)
            continue
        assert own[0] == last + 2 and role(last + 1) == BLANK, ("parted", picture)
        assert own == list(range(own[0], own[-1] + 1))
        assert role(own[-1] + 1) == BLANK, ("a label touched on its right", picture)
        text = "".join(p.text for p in line if p.role == LABEL and p.position == position).strip()
        whole = title(position)
        assert text == whole or (text.endswith("…") and cell_len(whole) > MIN_LABEL)
    for column, found in enumerate(shown):
        if found is None or found.role != COUNT:
            continue
        for near in (column - 1, column + 1):
            assert role(near) != COUNT, ("counts touching", picture)
            if role(near) == LABEL:
                assert owner(near) == selected, ("a count touching a label", picture)


def _council_lane(model: LanesModel) -> int:
    return next(n for n, lane in enumerate(model.index.lanes) if lane.name == "Council")


@pytest.mark.parametrize(
    ("height", "before"),
    [
        # A taller terminal: "◁┄ ┄▷ Mayor's o…", the "before 2000" event's label
        # dropped for the "after 2019-03-04" one's mark: one event bounded both sides.
        (19, "◁┄ ┄▷ Mayor's o…"),
        # 66x24: a point between them, and a bare "before" mark on the next row.
        (8, "◁┄●┄▷ Mayor's o…"),
        # A short terminal: "◁┄●┄▷", over a bare "◁┄" touching a count of three.
        (3, "◁┄3"),
    ],
)
def test_no_mark_is_left_bare_beside_another_event_at_66_columns(height: int, before: str) -> None:
    # The viewer at 66 columns on the trial's pic3.toml: the lanes are 54 cells wide.
    events = council_bounds()
    model = model_for(events, width=54, height=height, selection=0)
    council = _council_lane(model)
    rows = lane_text(model, council)
    text = "\n".join(rows)
    assert before not in text
    for bad in ("◁┄ ┄▷", "◁┄●", "●┄▷"):
        assert bad not in text
    assert not re.search("[◁┄▷●][0-9+]", text)  # nor a mark touching a count
    # The first "before" event keeps its label, the others are drawn so or counted.
    assert "◁┄ Secret memo" in text
    assert model.view is not None
    laid = LaneRows(tuple(tuple(p) for p in pieces(model, council)), False, 0)
    _assert_every_mark_labelled_or_counted(laid, 54, model.title, 0)
    _assert_marks_whole_and_labels_theirs(model.index.lanes[council], model.view, 54, laid, 0)


@pytest.mark.parametrize("height", [2, 3, 8, 19])
def test_every_event_selected_in_turn_keeps_every_other_mark_labelled(
    height: int,
) -> None:
    events = council_bounds()
    for selection in range(len(events)):
        model = model_for(events, width=54, height=height, selection=selection)
        council = _council_lane(model)
        laid = LaneRows(tuple(tuple(p) for p in pieces(model, council)), False, 0)
        _assert_every_mark_labelled_or_counted(laid, 54, model.title, selection)
        assert model.view is not None
        _assert_marks_whole_and_labels_theirs(
            model.index.lanes[council], model.view, 54, laid, selection
        )
        chosen = [p for row in laid.rows for p in row if p.position == selection]
        if selection:
            assert any(p.role == LABEL for p in chosen)  # the selected with its label
        text = "\n".join(lane_text(model, council))
        assert "◁┄ ┄▷" not in text and "┄▷ ┄▷" not in text


@settings(max_examples=200, deadline=None)
@given(
    dates=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=40),
            st.sampled_from(["day", "before", "after", "circa", "uncertain", "month", "range"]),
            st.integers(min_value=0, max_value=12),
            st.integers(min_value=1, max_value=24),
        ),
        min_size=1,
        max_size=40,
    ),
    width=st.integers(min_value=10, max_value=120),
    rows=st.integers(min_value=1, max_value=6),
    selection=st.integers(min_value=-1, max_value=39),
    zoom_in=st.sampled_from([0.5, 1.0, 2.0, 4.0, 16.0]),
    days=st.sampled_from([3, 41]),
    start=st.sampled_from(STARTS),
)
@example(  # 20 December 1 BCE to 12 January 1 CE: a day apart across the era boundary
    dates=[
        (10, "day", 0, 20),
        (21, "day", 0, 20),
        (22, "range", 3, 12),
        (22, "month", 0, 16),
        (33, "circa", 0, 8),
    ],
    width=60,
    rows=2,
    selection=1,
    zoom_in=1.0,
    days=41,
    start=STARTS[1],
)
def test_every_mark_on_screen_is_followed_by_its_label_or_counted(
    dates: list[tuple[int, str, int, int]],
    width: int,
    rows: int,
    selection: int,
    zoom_in: float,
    days: int,
    start: int,
) -> None:
    drawn = [
        # Over 41 days, or crowded in 3; short titles too: a label under `MIN_LABEL`
        # cells is shown whole or not at all.
        (offset % days, kind, offset + length, (f"T{n} " + "x" * size)[:size])
        for n, (offset, kind, length, size) in enumerate(dates)
    ]
    view, laid, model, selection = _laid_out(drawn, width, rows, selection, zoom_in, start=start)
    if laid.dense:
        return
    _assert_every_mark_labelled_or_counted(laid, width, model.title, selection)
    _assert_marks_whole_and_labels_theirs(model.index.lanes[0], view, width, laid, selection)


def test_a_crowded_lane_becomes_a_density_bar() -> None:
    events = [
        event(n, day(2018, 1, 1 + n % 28)._replace(month=1 + n // 28 % 12)) for n in range(2000)
    ]
    events.sort(key=lambda e: e.when.key)
    model = model_for(events, width=50, height=4, selection=1000)
    frame = model.frame()
    assert frame.dense == (True,)
    rows = pieces(model)
    assert any(p.role == DENSITY for p in rows[0])
    # The selection is drawn below the bar with its label.
    assert any(p.position == 1000 and p.role in MARK_ROLES for p in rows[1])
    assert any(p.position == 1000 and p.role == LABEL for p in rows[1])
    view = frame.view
    counts = column_counts(model.index.lanes[0], view, 50)
    assert sum(counts) == sum(1 for e in events if view.start <= moment(e.when) < view.end)


# ---------------------------------------------------------------------- frames


def test_events_toml_frame() -> None:
    model = model_for(events_toml(), width=100, height=30, selection=5)
    text = frame_text(model.frame(), names=12)
    assert text[0].startswith(" " * 12)
    assert "8 Jul 2018" in text[0]
    names = [line[:12].strip() for line in text[2:] if line[:12].strip()]
    assert names == ["Salesforce", "Protests", "RAICES", "Supporters", "Press"]
    # Eleven days from 8 to 19 July are eleven days of cells: proportional space.
    view = model.frame().view
    assert view.cell(day_number(2018, 7, 19), 100) - view.cell(
        day_number(2018, 7, 8), 100
    ) == pytest.approx(11 * 100 / view.span, abs=1)
    letter = next(line for line in text if "RAICES tells Salesforce" in line)
    assert "■" not in letter  # the default glyph: the widget gives kinds their own
    assert "●" in letter


def test_eras_are_bands_in_rows_of_their_own() -> None:
    eras = (
        Era("Early", When(1700, precision=Precision.YEAR), When(1799, precision=Precision.YEAR)),
        Era("Overlap", When(1750, precision=Precision.YEAR), When(1850, precision=Precision.YEAR)),
        Era("Late", When(1800, precision=Precision.YEAR), When(1899, precision=Precision.YEAR)),
    )
    events = [
        event(0, When(1720, precision=Precision.YEAR)),
        event(1, When(1880, precision=Precision.YEAR)),
    ]
    model = model_for(events, width=100, eras=eras)
    header = model.frame().header
    assert [line.kind for line in header] == ["axis", "ticks", "era", "era"]
    first = "".join(p.text for p in header[2].pieces)
    assert "Early" in first and "Late" in first
    assert "Overlap" in "".join(p.text for p in header[3].pieces)


def test_a_click_selects_what_is_drawn_there_or_the_nearest_in_its_lane() -> None:
    model = model_for(events_toml(), width=100, height=30, selection=0)
    frame = model.frame()
    for line_index, line in enumerate(frame.lines):
        for piece in line.pieces:
            if piece.role in MARK_ROLES:
                assert model.position_at(line_index, piece.column) == piece.position
    # A blank cell of the Protests lane: its only event.
    protests = frame.first_line[1]
    assert model.index.event_at(model.position_at(protests, 99) or 0).id == "protest-bridgeport"


def test_lanes_change_with_the_mode_and_the_selection_stays() -> None:
    model = model_for(events_toml(), width=100, height=30, selection=5)
    model.set_mode("speaker")
    assert [lane.name for lane in model.index.lanes][:2] == ["Marc Benioff", "John Moore/Getty"]
    assert model.selection == 5
    assert model.cycle_mode() == "kind"
    assert model.cycle_mode() == "single"
    assert [lane.name for lane in model.index.lanes] == [ALL_EVENTS]
    assert model.cycle_mode() == "group"


def test_no_events_make_an_empty_frame() -> None:
    model = model_for([], width=40)
    frame = model.frame()
    assert frame.lines == ()
    assert model.position_at(0, 0) is None
    assert model.step(1) == 0


def test_blank_pieces_are_blank() -> None:
    model = model_for(events_toml(), width=100)
    for line in model.frame().lines:
        for piece in line.pieces:
            if piece.role == BLANK:
                assert piece.text.strip() == ""
            assert cell_len(piece.text) == piece.end - piece.column
    assert MIN_LABEL >= 2


# ---------------------------------------------------------------------- sharing rows


def test_rows_the_even_share_leaves_go_to_the_lanes_that_would_use_them() -> None:
    # The viewer at 80x24: 5 lanes in 8 rows. An even share is a row each; the 3 left
    # over were blank below the lanes while the RAICES lane counted its second event
    # over the selected letter's label ("■ RAICES t… 1").
    events = events_toml()
    letter = next(n for n, e in enumerate(events) if e.id == "raices-letter")
    model = model_for(events, width=68, height=8, selection=letter)
    frame = model.frame()
    assert len(frame.lines) == 8
    raices = model.index.lane_of[letter]
    rows = pieces(model, raices)
    assert len(rows) == 2
    assert not [p for row in rows for p in row if p.role == COUNT]
    (label,) = [p for row in rows for p in row if p.role == LABEL and p.position == letter]
    assert label.text.startswith("RAICES tells Salesforce it")
    assert len([p for row in rows for p in row if p.role in MARK_ROLES]) == 2


@pytest.mark.parametrize("height", [1, 3, 5, 8, 13, 20, 40])
def test_lanes_never_take_more_rows_than_the_height(height: int) -> None:
    events = events_toml()
    for selection in range(len(events)):
        model = model_for(events, width=40, height=height, selection=selection)
        lanes = len(model.index.lanes)
        # One row a lane at least: more lanes than rows scroll.
        assert len(model.frame().lines) <= max(height, lanes)


def test_no_lane_counts_while_a_row_of_the_screen_is_blank() -> None:
    # At 40 cells and 12 rows, the Salesforce lane counted "1" (Salesforce's offer)
    # under the selected tweet's label while 3 rows were blank below the lanes: its
    # need was judged without the selection, whose label, placed first, took a row.
    events = events_toml()
    tweet = next(n for n, e in enumerate(events) if e.id == "benioff-tweet")
    model = model_for(events, width=40, height=12, selection=tweet)
    salesforce = pieces(model, model.index.lane_of[tweet])
    assert not [p for row in salesforce for p in row if p.role == COUNT]
    assert len([p for row in salesforce for p in row if p.role in MARK_ROLES]) == 5
    assert len([p for row in salesforce for p in row if p.role == LABEL]) == 5
    # A lane that needs more rows than an even share, or than 6, takes those the
    # others leave: 12 events in a day were 6 rows and a count of 7, 7 rows blank.
    crowded = [event(n, day(2018, 7, 10), group="B") for n in range(12)]
    events = [event(12, day(2018, 7, 1)), *crowded, event(13, day(2018, 7, 20), group="C")]
    model = model_for(events, width=60, height=16, selection=0)
    frame = model.frame()
    assert len(pieces(model, 1)) == 12
    assert not [p for line in frame.lines for p in line.pieces if p.role == COUNT]
    assert len(frame.lines) == 14
    # Short of rows, they are all used, shared evenly: 3 and 3 for the crowded lanes
    # (of 7 rows, one to the lane of one event; it was 1, 3 and 2, a row blank).
    crowded_c = [event(n, day(2018, 7, 12), group="C") for n in range(14, 24)]
    events = [event(12, day(2018, 7, 1)), *crowded, *crowded_c]
    model = model_for(events, width=60, height=7, selection=0)
    assert [len(pieces(model, lane)) for lane in range(3)] == [1, 3, 3]
    # A count needs no row of its own when the row above holds it as well: lane A's
    # took the row lane B needed for "Bravo two", counted instead.
    events = [
        event(0, day(2018, 7, 2), group="A", title="Alpha"),
        event(1, day(2018, 7, 3), group="B", title="Bravo one"),
        event(2, day(2018, 7, 3), group="B", title="Bravo two"),
        event(3, day(2018, 7, 10), group="A", title="At the edge"),  # no room for it
    ]
    model = model_for(events, width=40, height=3, selection=1)
    model.view = View(day_number(2018, 7, 1), day_number(2018, 7, 11))  # 4 cells a day
    assert lane_text(model, 0) == [" " * 6 + "● Alpha" + " " * 25 + "1 "]
    assert [row.strip() for row in lane_text(model, 1)] == ["● Bravo one", "● Bravo two"]


@settings(max_examples=150, deadline=None)
@given(
    lanes=st.lists(
        st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=14),
        min_size=1,
        max_size=5,
    ),
    width=st.integers(min_value=10, max_value=100),
    height=st.integers(min_value=1, max_value=24),
    selection=st.integers(min_value=0, max_value=69),
    zoom_in=st.sampled_from([0.5, 1.0, 4.0]),
    titles=st.integers(min_value=1, max_value=40),
)
def test_every_row_is_used_before_an_event_is_counted(
    lanes: list[list[int]],
    width: int,
    height: int,
    selection: int,
    zoom_in: float,
    titles: int,
) -> None:
    # Lanes of events over a month: while the screen has a blank row, or a row that
    # holds nothing but counts the row above would hold as well, no lane counts an event
    # that a row more would draw; the lanes never take more rows than there are.
    start = day_number(2018, 7, 1)
    dated = sorted((offset, group) for group, offsets in enumerate(lanes) for offset in offsets)
    events = [
        event(n, day(*_civil(start + offset)), group=f"G{group}", title="x" * (1 + n % titles))
        for n, (offset, group) in enumerate(dated)
    ]
    selection %= len(events)
    model = model_for(events, width=width, height=height, selection=selection)
    model.zoom(zoom_in)
    frame = model.frame()
    assert len(frame.lines) <= max(height, len(model.index.lanes))
    chosen = model.index.lane_of[selection]

    def drawn(number: int, rows: int) -> int:
        laid = place_lane(
            model.index.lanes[number],
            frame.view,
            width,
            rows,
            selected=selection if number == chosen else -1,
            title=model.title,
            glyph=model._glyph,
        )
        return len({p.position for row in laid.rows for p in row if p.role in MARK_ROLES})

    heights = [
        len([line for line in frame.lines if line.lane == n]) for n in range(len(model.index.lanes))
    ]
    # The lanes whose last row could go: its counts would take nothing on the row above.
    spared = {
        n
        for n, rows in enumerate(heights)
        if rows > 1
        and {p.role for p in frame.lines[frame.first_line[n] + rows - 1].pieces} == {BLANK, COUNT}
        and drawn(n, rows - 1) == drawn(n, rows)
    }
    for number, rows in enumerate(heights):
        if len(frame.lines) < height or spared - {number}:
            assert drawn(number, rows + 1) <= drawn(number, rows)


def test_a_count_stays_where_its_events_are_beside_the_selected_label() -> None:
    # In a lane of one row the selected label shares its row with the counts. It was
    # given its whole title and the events under it counted after it, two days late
    # ("● The selected event has a long title 2"), or before the mark near the right
    # edge, on the wrong side of it ("2 ● The selected event has…"). It is cut to end
    # a blank cell before the next event: each count stands where its events are.
    title = "The selected event has a long title"
    events = [
        event(0, day(2018, 7, 1), title=title),
        event(1, day(2018, 7, 3), title="Hidden under it"),
        event(2, day(2018, 7, 4), title="And another"),
    ]
    model = model_for(events, width=80, height=1, selection=0)
    model.view = View(day_number(2018, 7, 1) - 1, day_number(2018, 7, 1) + 9)  # 8 a day
    (row,) = lane_text(model)
    # 1 July at cell 12, 3 July at 28, 4 July at 36.
    assert row[12:] == "● The selected… 1       ● And another" + " " * 31
    (label,) = [p for p in pieces(model)[0] if p.role == LABEL and p.position == 0]
    assert label.end == 27
    # Near the right edge, the label is cut to the same room: the counts stay right of
    # the mark, each in its event's cell (3 July at 70, 4 July at 78).
    model.view = View(day_number(2018, 7, 1) - 6.25, day_number(2018, 7, 1) + 3.75)
    (row,) = lane_text(model)
    assert row[54:] == "● The selected… 1       1 "
    # With less room than six cells before the next event (2 July, 8 cells on), the
    # label takes six and the event under them is counted right after it, on its side
    # of the mark; the event of 30 June, with no room for its label, in its own cell.
    events = [
        event(0, day(2018, 6, 30), title="Just before"),
        event(1, day(2018, 7, 1), title=title),
        event(2, day(2018, 7, 2), title="Under the label"),
        event(3, day(2018, 7, 6), title="And another"),
    ]
    model = model_for(events, width=80, height=1, selection=1)
    model.view = View(day_number(2018, 7, 1) - 1, day_number(2018, 7, 1) + 9)
    (row,) = lane_text(model)
    assert row[4:] == "1       ● The s… 1" + " " * 30 + "● And another" + " " * 15
    lane, view = model.index.lanes[0], model.view
    laid = place_lane(lane, view, 80, 1, selected=1, title=model.title, glyph=lambda p: "●")
    _assert_marks_whole_and_labels_theirs(lane, view, 80, laid, 1)


def test_events_before_the_selected_one_are_never_counted_after_it() -> None:
    # The viewer at 60x20 on the trial's theranos.toml, "Walgreens sues Theranos for
    # $140 million" (after 5 October 2016) selected in the Partners lane, a row for
    # it: "Walgreens sues Therano… ┄▷ 6". The label went left of the mark, over the
    # six events of 2010 to June 2016, and their count stood after the "after" mark,
    # at about 2019: six events after the lawsuit.
    month, year = Precision.MONTH, Precision.YEAR
    dated = [
        (When(2010, 7, precision=month), "Walgreens signs on to offer Theranos tests"),
        (When(2010, precision=year, qualifier=Qualifier.UNCERTAIN), "Safeway agrees"),
        (When(2011, precision=year), "Talks with the US Army come to nothing"),
        (When(2012, 8, precision=month), "General James Mattis asks about testing"),
        (day(2015, 11, 5), "Safeway says it has ended its partnership"),
        (day(2016, 6, 12), "Walgreens terminates its partnership"),
        (day(2016, 10, 5, qualifier=Qualifier.AFTER), "Walgreens sues Theranos for $140 million"),
    ]
    events = [
        event(n, when, group="Partners", title=title) for n, (when, title) in enumerate(dated)
    ]
    model = model_for(events, width=45, height=1, selection=6)
    model.view = View(day_number(2001, 1, 3), day_number(2030, 11, 19))  # the viewer's
    (row,) = lane_text(model)
    assert row.index(AFTER_MARK) == 24
    assert row[24:] == "┄▷ Walgreens sues Th…"
    counts = [p for p in pieces(model)[0] if p.role == COUNT]
    assert sum(int(p.text) for p in counts) == 6
    assert all(p.column < 24 for p in counts)
    lane, view = model.index.lanes[0], model.view
    laid = place_lane(lane, view, 45, 1, selected=6, title=model.title, glyph=lambda p: "●")
    _assert_marks_whole_and_labels_theirs(lane, view, 45, laid, 6)


@pytest.mark.parametrize(
    ("width", "selection", "dated", "shown"),
    [
        # The viewer at 60x20, a lane of one row: "Event tit… ○1 2 2", the count of
        # 24 July against the selected mark of 23 July, as its label would be.
        (
            45,
            2,
            ["before 9", "12", "23", "24", "after 24", "after 26", "27", "before 31"],
            " 1     1 Event title… ● 2  2  1" + " " * 14,
        ),
        # At 80x24: "1┄▷ Event…", the count of 18 July read as part of the "after"
        # mark; "1● Event…", 6 July's count read as the mark of 5 July.
        (
            65,
            1,
            ["9", "after 16", "before 18", "before 22", "23", "27"],
            "    ● Event title n… 1 ┄▷ Event… 1    ● Event… ● Event title num…",
        ),
        (
            65,
            0,
            ["5", "before 6", "10", "10", "16", "21", "25", "30"],
            " 1 ● Event… 2          ● Event… 1      ● Event… ● Event title nu…",
        ),
    ],
    ids=["60x20", "80x24 after", "80x24 point"],
)
def test_no_count_stands_against_the_selected_mark_in_a_lane_of_one_row(
    width: int, selection: int, dated: list[str], shown: str
) -> None:
    # In a lane of one row the counts share the selected event's row. A count in the
    # cell beside its mark, on either side, read as part of it ("2◁┄", two events
    # "before"), or the mark as one of the counts; a count between the mark and its
    # label, or inside the label, parted them. A blank cell now keeps them apart.
    events = []
    for n, text in enumerate(dated):
        qualifier, _, mday = text.rpartition(" ")
        when = day(2018, 7, int(mday), qualifier=Qualifier(qualifier or "exact"))
        events.append(event(n, when, title=f"Event title number {n} here"))
    model = model_for(events, width=width, height=1, selection=selection)
    model.select(selection)  # the view as the viewer's keys leave it
    assert lane_text(model) == [shown]
    lane, view = model.index.lanes[0], model.view
    assert view is not None
    laid = place_lane(lane, view, width, 1, selected=selection, title=model.title, glyph=_dot)
    _assert_marks_whole_and_labels_theirs(lane, view, width, laid, selection)


def _dot(position: int) -> str:
    return "●"


def test_the_selection_over_a_one_row_density_bar_keeps_a_blank_either_side() -> None:
    # The viewer at 60x20 on a generated timeline of 2,000 events: "○▄Its ethics
    # after non-profit.▇▄▄", the bar's cells against the selected mark and its label,
    # one of them between the two.
    events = [
        event(n, day(2018, 1, 1 + n % 28)._replace(month=1 + n // 28 % 12)) for n in range(2000)
    ]
    events.sort(key=lambda e: e.when.key)
    model = model_for(events, width=50, height=1, selection=1000)
    model.zoom(0.5)
    frame = model.frame()
    assert frame.dense == (True,)
    (row,) = pieces(model)
    (mark,) = [p for p in row if p.position == 1000 and p.role in MARK_ROLES]
    (label,) = [p for p in row if p.position == 1000 and p.role == LABEL]
    first, end = min(mark.column, label.column), max(mark.end, label.end)
    text = "".join(p.text for p in row)
    assert text[first - 1] == " " and text[end] == " "
    assert text[first:end].replace(label.text, "").strip() == mark.text
    assert any(p.role == DENSITY for p in row)


def test_density_bars_have_a_blank_row_under_each_or_under_none() -> None:
    # The viewer at 80x24 on a generated timeline, six lanes as density bars, the
    # first selected: the one row left went blank under the second bar alone, a gap
    # in the middle of the lanes that kept nothing steady.
    groups = ["Company", "Supporters", "Employees", "Government", "Non-profit", "Press"]
    events = [
        event(n, day(2011 + n % 12, 1 + n // 12 % 12, 1 + n // 144 % 28), group=groups[n % 6])
        for n in range(2400)
    ]
    events.sort(key=lambda e: e.when.key)

    def heights(model: LanesModel) -> list[int]:
        frame = model.frame()
        assert frame.dense == (True,) * 6
        return [sum(1 for line in frame.lines if line.lane == n) for n in range(6)]

    model = model_for(events, width=65, height=8, selection=0)
    chosen = model.index.lane_of[0]
    assert heights(model) == [2 if n == chosen else 1 for n in range(6)]
    # With a row for each, the selection moves between the lanes and none moves.
    model = model_for(events, width=56, height=30, selection=0)
    assert heights(model) == [2] * 6
    first_lines = model.frame().first_line
    for _ in range(5):
        model.lane_step(1)
        assert model.frame().first_line == first_lines


def test_titles_names_and_eras_show_emoji_as_their_parts() -> None:
    # A terminal draws 👍🏽, 🏳️‍🌈 and 👩‍👩‍👧‍👦 at widths of its own: a row holding them
    # ended off the column Rich counted, and the pane divider beside it was overwritten.
    family = "👩‍👩‍👧‍👦 family group"
    title = "Ev 0-1 👍🏽 🏳️‍🌈 wide 漢字漢字漢字 title"
    events = [event(n, day(2018, 7, 1 + 3 * n), group=family, title=title) for n in range(3)]
    eras = (Era("Era 🏳️‍🌈", day(2018, 7, 1), day(2018, 7, 5)),)
    model = model_for(events, width=60, height=4, selection=1, eras=eras)
    frame = model.frame()
    disputed = ("\u200d", "\ufe0f", "\U0001f3fd")
    shown = [piece.text for line in (*frame.header, *frame.lines) for piece in line.pieces]
    shown += [line.name for line in frame.lines]
    assert not [text for text in shown if any(char in text for char in disputed)]
    assert frame.lines[0].name == "👩👩👧👦 family group"
    assert any("👍 🏳🌈 wide 漢字" in text for text in shown)
    assert any("Era 🏳🌈" in text for text in shown)
    for line in (*frame.header, *frame.lines):
        # Each character as wide as counted: what a terminal that joins nothing draws.
        assert sum(cell_len(char) for piece in line.pieces for char in piece.text) == 60
    # A picture keeps the emoji as written.
    picture = LanesModel(60, 4, steady=False)
    picture.set_events(events, range(len(events)), eras, 1)
    assert picture.title(1) == title
    assert picture.frame().lines[0].name == family


def test_a_count_keeps_the_accents_of_the_label_before_it() -> None:
    # "Café" written with a combining accent: the count's row is rebuilt cell by cell,
    # where the accent lost its "e" (or took a cell of its own at the label's end).
    title = "Cafe\u0301 au lait e\u0301"
    events = [event(0, day(2018, 7, 1), title=title)]
    events += [event(n, day(2018, 7, 3)) for n in (1, 2, 3)]
    model = model_for(events, width=80, height=1, selection=1)
    model.view = View(day_number(2018, 7, 1) - 1, day_number(2018, 7, 1) + 9)
    (row,) = pieces(model)
    (label,) = [p for p in row if p.role == LABEL and p.position == 0]
    assert "Cafe\u0301" in label.text
    assert [p for p in row if p.role == COUNT]
    column = 0
    for piece in row:
        assert piece.column == column
        column = piece.end
    assert column == 80


def test_a_zoom_keeps_the_selected_span_clear_of_the_edge() -> None:
    # A day selected 9 cells from the left edge, zoomed in until it is drawn as a
    # span ("├────┤", 16 cells a day): its start came to the second cell, the day
    # before counted in the first, "1├───", the count read as part of the mark.
    # The view now moves the least that keeps the mark three cells from the edge.
    events = [event(0, day(2018, 7, 9)), event(1, day(2018, 7, 10)), event(2, day(2018, 7, 20))]
    width = 50
    model = model_for(events, width=width, height=1, selection=1)
    middle = day_number(2018, 7, 10) + 0.5
    model.view = View(middle - 9.5 / 2, middle + 40.5 / 2)  # 2 cells a day
    model.select(1)
    model.zoom(8.0)
    (row,) = pieces(model)
    (*_, last) = mine = [p for p in row if p.position == 1 and p.role in MARK_ROLES]
    assert mine[0].text[0] == "├" and last.text[-1] == "┤"
    assert mine[0].column >= 3 and last.end <= width - 3
    assert all(p.column < mine[0].column - 1 for p in row if p.role == COUNT)
    # Zooming back out, the moment selected stays where the zoom put it.
    column = model.view.cell(middle, width)
    model.zoom(1 / 8)
    assert model.view.cell(middle, width) == column
