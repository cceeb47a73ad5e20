"""Dates as the loader reads them: spans, notes as located warnings, and problems that point
at their cause (a broken anchor, a duplicate id beside other errors, a bad bare TOML date)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.dates import format_iso, format_long, read_shown
from timeline.model import Precision, When
from timeline.read.toml import Tuning, load_file, load_text
from timeline.write.toml import date_value

HEAD = '[timeline]\ntitle = "T"\n\n'


def messages(text: str) -> list[str]:
    return [str(p) for p in load_text(HEAD + text, "t.toml").problems]


def test_a_span_in_date_gives_the_event_its_end() -> None:
    result = load_text(HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "July 16-19, 2018"\n')
    assert result.problems == []
    assert result.timeline is not None
    (event,) = result.timeline.events
    assert (event.when.year, event.when.month, event.when.day) == (2018, 7, 16)
    assert event.end is not None and (event.end.day, event.end.precision) == (19, Precision.DAY)


def test_a_span_and_an_end_date_is_an_error_at_the_end_date() -> None:
    text = '[[events]]\nid = "a"\ntitle = "a"\ndate = "16-19 July 2018"\nend_date = 2018-07-20\n'
    assert messages(text) == [
        "t.toml:8:1: error: event 'a': 'date' ('16-19 July 2018') gives a span, start and end, "
        "and 'end_date' gives an end too; keep one: the span, or a single date with its end_date"
    ]


def test_what_was_assumed_is_a_warning_at_the_field_and_fails_strict(tmp_path: Path) -> None:
    # Bug fixed: "05.07.2018" was read as 7 May 2018 with nothing said.
    text = HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "05.07.2018"\n'
    result = load_text(text, "t.toml")
    assert result.timeline is not None
    (problem,) = result.problems
    assert (problem.severity, problem.line, problem.field) == ("warning", 7, "date")
    assert result.timeline.events[0].when.month == 7  # day first: 5 July
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1


def test_a_hyphenated_date_read_month_first_fails_strict(tmp_path: Path) -> None:
    # Bug fixed: "04-07-2018" and "04 07 2018" were read as 7 April with nothing said,
    # where "04/07/2018" was warned about.
    text = HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "04-07-2018"\n'
    result = load_text(text, "t.toml")
    assert result.timeline is not None
    assert result.timeline.events[0].when.month == 4  # as the slashed form: month first
    assert [str(p) for p in result.problems] == [
        "t.toml:7:1: warning: event 'a': field 'date': '04-07-2018' was read month-first, "
        "as 7 April: write the date as ISO (year-month-day) to say which"
    ]
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 1


def test_a_weekday_that_contradicts_the_date_is_an_error() -> None:
    (message,) = messages('[[events]]\nid = "a"\ntitle = "a"\ndate = "Monday, July 17, 2018"\n')
    assert message.startswith("t.toml:7:1: error: event 'a': field 'date': ")
    assert "Tuesday" in message


def test_a_bare_toml_date_that_cannot_be_is_said_precisely() -> None:
    # Bug fixed: `date = 2018-07-32` gave only "Expected newline or end of document".
    (message,) = messages('[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-32\n')
    assert message.startswith("t.toml:7:")
    assert "2018-07-32 cannot be a date: '2018-07-32' has day 32" in message
    (message,) = messages('[[events]]\nid = "a"\ntitle = "a"\ndate = July 16, 2018\n')
    assert message.endswith('; text must be in quotes: date = "July 16, 2018"')


def test_an_impossible_written_day_is_said_precisely_at_its_field() -> None:
    # Bug fixed: only ISO and dotted dates said which day was impossible; written ones
    # were "cannot read ... as a date; expected an ISO date such as ...".
    for written, day, last in [
        ("30 Feb 2018", 30, 28),
        ("February 30, 2018", 30, 28),
        ("2/30/2018", 30, 28),
        ("Feb 29 2019", 29, 28),
        ("31 April 2018", 31, 30),
        ("32 July 2018", 32, 31),
    ]:
        text = f'[[events]]\nid = "a"\ntitle = "a"\ndate = "{written}"\n'
        assert messages(text) == [
            f"t.toml:7:1: error: event 'a': field 'date': '{written}' has day {day}; that "
            f"month has days 1 to {last}"
        ]
    text = '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-01\nend_date = "13/2018"\n'
    assert messages(text) == [
        "t.toml:8:1: error: event 'a': field 'end_date': '13/2018' has month 13; months "
        "run from 1 to 12"
    ]


def test_a_broken_anchor_is_reported_once_with_its_dependants() -> None:
    # Bug fixed: the events dated from a broken event said its id was "not the id of
    # any event", and suggested their own.
    text = (
        '[[events]]\nid = "tweet"\ntitle = "t"\ndate = "2018-07-32"\n\n'
        '[[events]]\nid = "letter"\ntitle = "l"\ndate = "Monday"\nrelative_to = "tweet"\n\n'
        '[[events]]\nid = "offer"\ntitle = "o"\ndate = "before"\nrelative_to = "tweet"\n'
    )
    found = messages(text)
    assert not any("not the id of any event" in m for m in found)
    assert len(found) == 2
    assert found[1].startswith("t.toml:7:1: error: event 'tweet': field 'date': ")
    assert found[0] == (
        "t.toml:4:1: error: event 'tweet': could not be read, so the events dated from it "
        "could not be dated either: 'letter', 'offer'"
    )


def test_a_duplicate_id_is_reported_beside_other_errors() -> None:
    # Bug fixed: a duplicate went unreported when either event had another error.
    text = (
        '[[events]]\nid = "a"\ntitle = "first"\ndate = "2018-13"\n\n'
        '[[events]]\nid = "a"\ntitle = "second"\ndate = 2018\n'
    )
    found = messages(text)
    assert any(m.startswith("t.toml:7:1: error: event 'a': field 'date'") for m in found)
    assert any("duplicate id 'a'" in m and "line 4" in m for m in found)
    text = (
        '[[events]]\nid = "a"\ntitle = 1\ndate = 2018\n\n'
        '[[events]]\nid = "a"\ntitle = 2\ndate = 2018\n'
    )
    assert any("duplicate id 'a': already used by the event on line 4" in m for m in messages(text))


def test_an_era_reads_dates_as_events_do() -> None:
    text = '[[eras]]\ntitle = "E"\nstart = "05.07.2018"\nend = "2018"\n\n'
    text += '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018\n'
    result = load_text(HEAD + text, "t.toml")
    assert result.timeline is not None
    assert [(p.severity, p.field) for p in result.problems] == [("warning", "eras[0].start")]


def _padded(path: tuple[int, ...], depth: int) -> tuple[int, ...]:
    return path + (0,) * (depth - len(path))


def test_bound_dates_sort_as_their_whole_paths_do_with_short_orders() -> None:
    # A tree of "before" and "after" events hanging from a few dated ones, some days
    # shared: the loader's order must match sorting by the whole path of sides (the
    # reference, built here), while no event's order grows with its chain.
    import random

    rng = random.Random(7)
    lines: list[str] = []
    paths: dict[str, tuple[str, tuple[int, ...]]] = {}  # id -> (day, path)
    for n in range(3):
        ident, day = f"d{n}", f"2018-07-{16 + n % 2}"
        lines.append(f'[[events]]\nid = "{ident}"\ntitle = "{ident}"\ndate = "{day}"\n')
        paths[ident] = (day, ())
    for n in range(1, 6):
        side = rng.choice([-1, 1])
        ident, day = f"w{n}", f"2018-07-{16 + n % 2}"
        word = "before" if side < 0 else "after"
        lines.append(f'[[events]]\nid = "{ident}"\ntitle = "{ident}"\ndate = "{word} {day}"\n')
        paths[ident] = (day, (side,))
    for n in range(300):
        anchor = rng.choice(sorted(paths))
        # On the other side of a bound, a bound says nothing (an error: see below).
        side = paths[anchor][1][0] if paths[anchor][1] else rng.choice([-1, 1])
        word = "before" if side < 0 else "after"
        ident = f"r{n}"
        lines.append(
            f'[[events]]\nid = "{ident}"\ntitle = "{ident}"\ndate = "{word}"\n'
            f'relative_to = "{anchor}"\n'
        )
        day, path = paths[anchor]
        paths[ident] = (day, (*path, side))
    result = load_text(HEAD + "".join(lines), "t.toml")
    assert result.timeline is not None, result.problems
    events = result.timeline.events
    depth = max(len(p) for _, p in paths.values())
    # Within one day, by the padded path; events with the same path keep file order.
    file_order = {f"d{n}": n for n in range(3)} | {f"w{n}": 2 + n for n in range(1, 6)}
    file_order |= {f"r{n}": 8 + n for n in range(300)}

    got = [e.id for e in events]
    # "before 17 July" sorts with 16 July (past all of it): compare within each group.
    by_day: dict[tuple[int, ...], list[str]] = {}
    for event in events:
        by_day.setdefault(event.when.key, []).append(event.id)
    for ids in by_day.values():
        assert ids == sorted(ids, key=lambda i: (_padded(paths[i][1], depth), file_order[i]))
    assert len(got) == len(paths)
    assert max(len(e.when.order) for e in events) <= 2


def test_what_a_bound_cannot_say_is_an_error_not_a_false_date() -> None:
    # Bug fixed: "before" an event known only to lie after 16 July was shown, printed
    # and exported as "before 16 Jul 2018" (it could be any date), and "next Monday"
    # after it as "after 23 Jul 2018", leaving out the 23rd itself.
    head = HEAD + '[[events]]\nid = "a"\ntitle = "A"\ndate = 2018-07-16\n\n'
    head += '[[events]]\nid = "after-a"\ntitle = "After A"\ndate = "after"\nrelative_to = "a"\n\n'
    head += '[[events]]\nid = "b"\ntitle = "B"\ndate = "before 2018-07-19T10:00"\n\n'

    def dated(date: str, anchor: str = "after-a") -> list[str]:
        text = (
            head + f'[[events]]\nid = "x"\ntitle = "X"\ndate = "{date}"\nrelative_to = "{anchor}"\n'
        )
        result = load_text(text, "t.toml")
        if result.timeline is not None:
            x = next(e for e in result.timeline.events if e.id == "x")
            return [format_long(x.when)]
        return [str(p) for p in result.problems]

    other_side = (
        "t.toml:23:1: error: event 'x': field 'date': 'before' cannot be counted from the "
        "anchor 'after-a', which is only known to lie after Monday 16 July 2018: before it "
        "could be any date. Give this event a date of its own, or count it from an event "
        "whose date is known"
    )
    assert dated("before") == [other_side]
    assert dated("after", "b")[0].endswith(
        "'after' cannot be counted from the anchor 'b', which is only known to lie before "
        "Thursday 19 July 2018, 10:00: after it could be any date. Give this event a date "
        "of its own, or count it from an event whose date is known"
    )
    for form in ("next Monday", "last Friday", "Monday"):
        assert dated(form)[0].endswith(
            f"field 'date': '{form}' needs the anchor 'after-a' to be known to the day, but it "
            "is only known to lie after Monday 16 July 2018. Give this event a date of its "
            "own, or count it from an event whose date is known"
        ), form
    for form, anchor in (("2 months after", "after-a"), ("the day after", "b")):
        assert "to be known exactly, but it is only known to lie" in dated(form, anchor)[0]
    # What a bound does say: on its own side, and counted in its own unit.
    assert dated("after") == ["after Monday 16 July 2018"]
    assert dated("3 days after") == ["after Thursday 19 July 2018"]
    assert dated("before", "b") == ["before Thursday 19 July 2018, 10:00"]


#: A conference from Monday 16 to Friday 20 July 2018 (its [[events]] on line 4), and
#: the same days written as one span.
CONFERENCE = '[[events]]\nid = "conf"\ntitle = "C"\ndate = 2018-07-16\nend_date = 2018-07-20\n\n'
SPAN = '[[events]]\nid = "span"\ntitle = "S"\ndate = "2018-07-16/2018-07-20"\n\n'


def counted(date: str, anchor: str = "conf", head: str = CONFERENCE + SPAN) -> str:
    """The file with `head`, then event "x" dated `date` from `anchor` (on line 18)."""
    return head + f'[[events]]\nid = "x"\ntitle = "X"\ndate = "{date}"\nrelative_to = "{anchor}"\n'


def warned(text: str) -> dict[str, str]:
    """The warnings of a file that loads, by the id of their event."""
    result = load_text(HEAD + text, "t.toml")
    assert result.timeline is not None, [str(p) for p in result.problems]
    return {p.event: str(p) for p in result.problems}


def test_the_day_after_a_span_is_counted_from_its_start_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: "the day after" a conference of 16 to 20 July was 17 July, with nothing
    # said; the writer very likely meant the day after it ended, 21 July.
    text = HEAD + counted("the day after")
    result = load_text(text, "t.toml")
    assert result.timeline is not None
    x = next(e for e in result.timeline.events if e.id == "x")
    assert format_iso(x.when) == "2018-07-17"  # still counted from the start, as documented
    said = (
        "t.toml:18:1: warning: event 'x': field 'date': 'the day after' is counted from the "
        "start of 'conf' (Monday 16 July 2018; it runs to Friday 20 July 2018), so it is "
        "Tuesday 17 July 2018; counted from the end it would be Saturday 21 July 2018. "
        "Write the date meant instead, and remove relative_to: date = 2018-07-21 (from the "
        "end) or date = 2018-07-17 (from the start)"
    )
    assert [str(p) for p in result.problems] == [said]
    (problem,) = result.problems
    assert (problem.severity, problem.event, problem.field) == ("warning", "x", "date")
    # The span written as one date is an anchor with an end all the same.
    assert warned(counted("3 days after", "span")) == {
        "x": "t.toml:18:1: warning: event 'x': field 'date': '3 days after' is counted from "
        "the start of 'span' (Monday 16 July 2018; it runs to Friday 20 July 2018), so it is "
        "Thursday 19 July 2018; counted from the end it would be Monday 23 July 2018. Write "
        "the date meant instead, and remove relative_to: date = 2018-07-23 (from the end) or "
        "date = 2018-07-19 (from the start)"
    }
    # `timeline check` says it, and passes (fails with --strict).
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert said.replace("t.toml", str(path), 1) in out.splitlines()
    assert out.splitlines()[-1] == f"{path}: ok, 3 events, 1 warning"
    assert main(["check", "--strict", str(path)]) == 1


def test_next_monday_after_a_span_is_said_when_its_end_gives_another_monday() -> None:
    # From Monday 16 to Tuesday 24 July: the Monday after the 16th is the 23rd, after
    # the 24th the 30th.
    week = '[[events]]\nid = "week"\ntitle = "W"\ndate = "2018-07-16/2018-07-24"\n\n'
    found = warned(counted("next Monday", "week", week))
    assert found["x"].endswith(
        "field 'date': 'next Monday' is counted from the start of 'week' (Monday 16 July "
        "2018; it runs to Tuesday 24 July 2018), so it is Monday 23 July 2018; counted from "
        "the end it would be Monday 30 July 2018. Write the date meant instead, and remove "
        "relative_to: date = 2018-07-30 (from the end) or date = 2018-07-23 (from the start)"
    )
    # From Monday 16 to Friday 20, the next Monday is the 23rd from either end.
    assert warned(counted("next Monday")) == {}
    assert warned(counted("Monday after", "week", week))["x"] == found["x"].replace(
        "'next Monday'", "'Monday after'"
    )


def test_a_span_whose_end_gives_the_same_date_is_not_said() -> None:
    # "A year later" than 16-20 July 2018 is 2019 from either end; than a span across
    # the new year, 2019 from its start and 2020 from its end.
    year_end = '[[events]]\nid = "ny"\ntitle = "N"\ndate = "2018-12-30/2019-01-02"\n\n'
    for form in ("a year later", "next month", "next Monday", "next Sunday", "Monday"):
        assert warned(counted(form)) == {}, form
    assert warned(counted("a year later", "ny", year_end))["x"].endswith(
        "so it is 2019; counted from the end it would be 2020. Write the date meant instead, "
        'and remove relative_to: date = "2020" (from the end) or date = "2019" (from the '
        "start)"
    )


def test_a_date_counted_back_from_a_span_is_not_said() -> None:
    # Before the conference is before its start, whichever end it is counted from.
    back = ("the day before", "3 days earlier", "last Friday", "Thursday before", "before")
    text = CONFERENCE + SPAN
    for n, form in enumerate((*back, "the day after")):
        text += f'[[events]]\nid = "x{n}"\ntitle = "X"\ndate = "{form}"\nrelative_to = "conf"\n\n'
    found = warned(text)
    assert list(found) == [f"x{len(back)}"]
    assert "'the day after' is counted from the start of 'conf'" in found[f"x{len(back)}"]


def test_an_anchor_without_an_end_is_not_said() -> None:
    # The same forms from the same day, but of an anchor with no end: nothing to say.
    day = '[[events]]\nid = "day"\ntitle = "D"\ndate = 2018-07-16\n\n'
    text = day + CONFERENCE
    forms = ("the day after", "after", "same day", "Thursday", "a week later")
    for n, form in enumerate(forms):
        for anchor in ("day", "conf"):
            text += (
                f'[[events]]\nid = "{anchor}-{n}"\ntitle = "X"\ndate = "{form}"\n'
                f'relative_to = "{anchor}"\n\n'
            )
    found = warned(text)
    assert sorted(found) == sorted(f"conf-{n}" for n in range(len(forms)))
    assert found["conf-1"].endswith(
        "'after' is counted from the start of 'conf' (Monday 16 July 2018; it runs to Friday "
        "20 July 2018), so it is after Monday 16 July 2018; counted from the end it would be "
        "after Friday 20 July 2018. Write the date meant instead, and remove relative_to: "
        'date = "after 2018-07-20" (from the end) or date = "after 2018-07-16" (from the start)'
    )


def test_a_quote_dated_after_its_events_span_is_said_and_an_end_date_is_not() -> None:
    # A quote's relative date is counted from its event's start too; an end_date from
    # the event's own date, its start, as it says.
    text = (
        '[[events]]\nid = "conf"\ntitle = "C"\ndate = 2018-07-16\nend_date = "4 days after"\n'
        '\n[[events.quotes]]\ntext = "We are done."\ndate = "the day after"\n'
        '\n[[events.quotes]]\ntext = "We begin."\ndate = "the day before"\n'
    )
    result = load_text(HEAD + text, "t.toml")
    assert result.timeline is not None
    (event,) = result.timeline.events
    assert event.end is not None and format_iso(event.end) == "2018-07-20"
    assert [str(p) for p in result.problems] == [
        "t.toml:12:1: warning: event 'conf': quote 1: field 'date': 'the day after' is counted "
        "from the start of its event (Monday 16 July 2018; it runs to Friday 20 July 2018), so "
        "it is Tuesday 17 July 2018; counted from the end it would be Saturday 21 July 2018. "
        "Write the date meant instead: date = 2018-07-21 (from the end) or date = 2018-07-17 "
        "(from the start)"
    ]
    assert (result.problems[0].line, result.problems[0].field) == (12, "quotes[0].date")


def test_a_chain_of_10000_before_events_keeps_each_order_short() -> None:
    # Each event's order held the whole chain: 10,000 × 10,000 numbers, 1.3 GB.
    lines = ['[[events]]\nid = "e0"\ntitle = "start"\ndate = "2018-07-16"\n']
    lines += [
        f'[[events]]\nid = "e{n}"\ntitle = "t{n}"\ndate = "before"\nrelative_to = "e{n - 1}"\n'
        for n in range(1, 10_000)
    ]
    result = load_text(HEAD + "".join(lines), "t.toml")
    assert result.timeline is not None and not result.problems
    events = result.timeline.events
    assert [e.id for e in events] == [f"e{n}" for n in reversed(range(10_000))]
    assert max(len(e.when.order) for e in events) == 2


NEW_YORK = '[timeline]\ntitle = "T"\ntimezone = "America/New_York"\n\n'


def zoned(text: str) -> list[str]:
    return [str(p) for p in load_text(NEW_YORK + text, "t.toml").problems]


def test_a_time_the_clocks_skipped_in_the_timelines_zone_is_an_error() -> None:
    # Bug fixed: with timezone = "America/New_York", 02:30 on 11 March 2018 (the clocks
    # went from 2:00 to 3:00) was kept and shown as "02:30 EST", a time that never was,
    # although "11 Mar 2018 2:30 am ET" was refused.
    for date in ('"2018-03-11T02:30:00"', "2018-03-11T02:30:00", '"11 March 2018 2:30 am"'):
        (message,) = zoned(f'[[events]]\nid = "a"\ntitle = "a"\ndate = {date}\n')
        assert message.startswith("t.toml:8:1: error: event 'a': field 'date': "), message
        assert "a time the clocks in America/New_York skipped (they moved forward)" in message
        assert "write the offset" in message


def test_a_time_the_clocks_showed_twice_is_read_as_the_first_and_said() -> None:
    # Bug fixed: 01:30 on 4 November 2018 happened twice in New York; it was read as the
    # first (EDT) with nothing said.
    for date in ('"2018-11-04T01:30"', "2018-11-04T01:30:00", '"4 November 2018 1:30 am"'):
        result = load_text(
            NEW_YORK + f'[[events]]\nid = "a"\ntitle = "a"\ndate = {date}\n', "t.toml"
        )
        (problem,) = result.problems
        assert (problem.severity, problem.line, problem.field) == ("warning", 8, "date")
        assert "happened twice in America/New_York (the clocks went back); read as the " in str(
            problem
        )
        assert "first, EDT (UTC-04:00); write the offset to say which" in str(problem)
        assert result.timeline is not None
        (event,) = result.timeline.events
        assert event.when.tz is not None and event.when.hour == 1
        assert event.when.tz.utcoffset(datetime(2018, 11, 4, 1, 30)) == timedelta(hours=-4)


def test_an_instant_in_the_hour_shown_twice_keeps_its_offset() -> None:
    # Bug fixed: "2018-11-04T06:30:00Z" is 01:30 EST, the second 01:30 that night in New
    # York; shown in the timeline's zone it became 01:30 EDT, an hour early, in the rail,
    # `print` and every export (JSON said 01:30-04:00).
    text = (
        '[[events]]\nid = "first"\ntitle = "a"\ndate = "2018-11-04T05:30:00Z"\n'
        '[[events]]\nid = "second"\ntitle = "b"\ndate = "2018-11-04T06:30:00Z"\n'
    )
    result = load_text(NEW_YORK + text, "t.toml")
    assert result.problems == [] and result.timeline is not None
    instants = {}
    for event in result.timeline.events:
        when = event.when
        local = datetime(when.year, when.month, when.day, when.hour, when.minute, tzinfo=when.tz)
        instants[event.id] = (local.astimezone(UTC), local.tzname(), format_iso(when))
    assert instants == {
        "first": (datetime(2018, 11, 4, 5, 30, tzinfo=UTC), "EDT", "2018-11-04T01:30:00-04:00"),
        "second": (datetime(2018, 11, 4, 6, 30, tzinfo=UTC), "EST", "2018-11-04T01:30:00-05:00"),
    }


def test_a_fraction_of_a_second_is_left_out_and_said() -> None:
    # Bug fixed: "14:05:30.5" was kept as 14:05:30 with nothing said.
    for date in ('"2018-07-04T14:05:30.5Z"', "2018-07-04T14:05:30.25", '"4 July 2018 14:05:30.75"'):
        result = load_text(HEAD + f'[[events]]\nid = "a"\ntitle = "a"\ndate = {date}\n', "t.toml")
        (problem,) = result.problems
        assert (problem.severity, problem.line, problem.field) == ("warning", 7, "date")
        assert "is kept to the second (14:05:30): fractions of a second are left out" in str(
            problem
        )
        assert result.timeline is not None
        assert result.timeline.events[0].when.second == 30


def test_each_end_of_an_iso_interval_of_times_says_what_it_says_alone() -> None:
    # Bug fixed: an ISO interval's ends were read without their notes: a fraction of a
    # second was dropped, and a time the clocks showed twice read as the first, with
    # nothing said (the same time alone, or as an end of "... to ...", is warned about).
    def warnings(head: str, date: str) -> list[str]:
        text = head + f'[[events]]\nid = "a"\ntitle = "a"\ndate = "{date}"\n'
        result = load_text(text, "t.toml")
        assert result.timeline is not None
        return [p.message.removeprefix("event 'a': field 'date': ") for p in result.problems]

    alone = warnings(HEAD, "2018-07-16T14:00:30.5")
    assert alone == [
        "'2018-07-16T14:00:30.5' is kept to the second (14:00:30): fractions of a second "
        "are left out; write the time without one to say so"
    ]
    assert warnings(HEAD, "2018-07-16T14:00:30.5/2018-07-16T15:00") == alone
    assert warnings(HEAD, "2018-07-16T14:00:30.5 to 2018-07-16T15:00") == alone
    (end,) = warnings(HEAD, "2018-07-16T14:00/2018-07-16T15:00:10.25")
    assert end.startswith("'2018-07-16T15:00:10.25' is kept to the second (15:00:10)")
    twice = warnings(NEW_YORK, "2018-11-04T01:30")
    assert len(twice) == 1 and "happened twice in America/New_York" in twice[0]
    assert warnings(NEW_YORK, "2018-11-04T01:30/2018-11-04T03:00") == twice


@pytest.mark.parametrize(
    ("literal", "quoted"),
    [
        ("2018-07-04T14:05:30.25", "2018-07-04T14:05:30.25"),
        ("2018-07-04T14:05:30.500", "2018-07-04T14:05:30.5"),
        ("2018-07-04T14:05:30.123456+02:00", "2018-07-04T14:05:30.123456+02:00"),
    ],
)
def test_a_toml_date_time_with_a_fraction_is_quoted_as_written(literal: str, quoted: str) -> None:
    # Bug fixed: `date = 2018-07-19T14:05:30.5` was warned about as
    # '2018-07-19T14:05:30.500000', Python's padding, a value no file held, and kept so
    # as how the date was written (in the hidden data of TimelineJS, in `import`).
    result = load_text(HEAD + f'[[events]]\nid = "a"\ntitle = "a"\ndate = {literal}\n', "t.toml")
    (problem,) = result.problems
    assert problem.message.startswith(f"event 'a': field 'date': {quoted!r} is kept to the second")
    assert result.timeline is not None
    assert result.timeline.events[0].when.written == quoted
    time_only = '[[events]]\nid = "a"\ntitle = "a"\ndate = 14:05:30.5\n'
    assert "found a time of day (14:05:30.5) without a date" in messages(time_only)[0]


def test_a_weekday_is_the_written_zones_not_the_timelines() -> None:
    # Bug fixed: with timezone = "Europe/Paris", "Sunday 8 Jul 2018 6:00 pm PT" (03:00 on
    # Monday in Paris) was refused: "says Sunday, but 9 July 2018 was a Monday".
    head = '[timeline]\ntitle = "T"\ntimezone = "Europe/Paris"\n\n'
    text = '[[events]]\nid = "a"\ntitle = "a"\ndate = "Sunday 8 Jul 2018 6:00 pm PT"\n'
    result = load_text(head + text, "t.toml")
    assert result.problems == [] and result.timeline is not None
    (event,) = result.timeline.events
    assert format_iso(event.when) == "2018-07-09T03:00+02:00"


def _zoned(zone: str, *events: tuple[str, str]) -> str:
    header = f'[timeline]\ntitle = "Zones"\n{zone}\n'
    return header + "".join(
        f'\n[[events]]\nid = "{ident}"\ndate = "{date}"\ntitle = "{ident}"\n'
        for ident, date in events
    )


def test_times_of_several_zones_listed_out_of_their_order_are_said() -> None:
    # Bug fixed: with no zone of the timeline's own, each time keeps the zone it was
    # written in and events are listed by their own clocks: 20:00 PDT (03:00 UTC) was
    # listed before 22:00 EDT (02:00 UTC), a reply before what it answers, silently.
    east_west = (("east", "19 July 2018 10:00 pm ET"), ("west", "19 July 2018 8:00 pm PT"))
    result = load_text(_zoned("", *east_west), "z.toml")
    assert [e.id for e in result.timeline.events] == ["west", "east"]  # type: ignore[union-attr]
    assert [str(p) for p in result.warnings] == [
        "z.toml:7:1: warning: times in several zones are listed by their own clocks: "
        "'west' (19 Jul 2018 20:00 PDT) is listed before 'east' (19 Jul 2018 22:00 EDT), "
        "which is the earlier moment; give [timeline] a timezone to show and order every "
        "time in it"
    ]
    # With a zone every time is shown, and listed, in it.
    zoned = load_text(_zoned('timezone = "America/New_York"', *east_west), "z.toml")
    assert [e.id for e in zoned.timeline.events] == ["east", "west"]  # type: ignore[union-attr]
    assert zoned.warnings == []
    # Zones that keep the order have nothing to say.
    in_order = (("east", "19 July 2018 6:00 pm ET"), ("west", "19 July 2018 8:00 pm PT"))
    assert load_text(_zoned("", *in_order), "z.toml").warnings == []


def test_a_reply_at_the_end_of_the_calendar_is_compared_without_a_traceback() -> None:
    # Comparing a reply's time with its target's in UTC overflowed at 9999-12-31T23:30
    # in Chicago: a traceback in `check`.
    text = (
        '[timeline]\ntitle = "End"\ntimezone = "America/Chicago"\n\n'
        '[[events]]\nid = "a"\ndate = 9999-12-31T22:00:00\ntitle = "A"\n\n'
        '[[events]]\nid = "b"\ndate = 9999-12-31T23:30:00\ntitle = "B"\nin_reply_to = "a"\n'
    )
    result = load_text(text, "end.toml")
    assert result.timeline is not None and result.problems == []


def test_a_display_date_that_shows_another_date_or_hides_a_doubt_is_said() -> None:
    # Bug fixed: every view shows display_date in place of the date, and one naming
    # another day, or "2018" over "circa 2018", was taken without a word.
    def display(date: str, shown: str) -> list[str]:
        text = f'[timeline]\ntitle = "D"\n\n[[events]]\nid = "e"\ndate = {date}\n'
        text += f'display_date = "{shown}"\ntitle = "E"\n'
        return [p.message for p in load_text(text, "d.toml").warnings]

    assert display("2018-07-16", "17 July 2018") == [
        "event 'e': display_date '17 July 2018' names another date than the event's "
        "(16 Jul 2018), and is shown in its place everywhere; correct the one that is wrong"
    ]
    assert display('"circa 2018"', "2018") == [
        "event 'e': display_date '2018' does not say that the date is circa (circa 2018), "
        "and is shown in its place everywhere; correct the one that is wrong"
    ]
    # A coarser or fuller form of the same date, and the writer's own words, are fine.
    for date, shown in (
        ("2018-07-16", "July 2018"),
        ("2018-07-16", "Monday 16 July 2018"),
        ("2018-07-16", "Summer 2018"),
        ('"circa 2018"', "circa 2018"),
        ("2018-07-16T14:05:00", "16 July 2018, 2:05 pm"),
        ("2018-07-16T21:05:00Z", "16 July 2018, 2:05 pm PT"),
    ):
        assert display(date, shown) == [], (date, shown)
    assert display("2018-07-16T21:05:00Z", "16 July 2018, 3:05 pm PT") != []


@pytest.mark.parametrize(
    ("date", "shown", "said"),
    [
        ('"after 10 October 2019"', "after 11 Oct 2019", "names another date than the event's"),
        ('"before 2019-10-10"', "before 9 Oct 2019", "names another date than the event's"),
        ('"2019-10-10?"', "11 Oct 2019?", "names another date than the event's"),
        # "after October 2019" is after its last day, not after the 10th.
        ('"after 10 October 2019"', "after October 2019", "names another date than the event's"),
        (
            "2019-10-10",
            "after 10 Oct 2019",
            "says that the date is only known to lie after it, which the event's date does not",
        ),
        ('"before 2019-10-10"', "circa 10 Oct 2019", "does not say that the date is before"),
    ],
)
def test_a_display_date_with_a_bound_or_a_doubt_is_checked_as_one(
    date: str, shown: str, said: str
) -> None:
    # Bug fixed: the check left out every display date of a bound ("after 11 Oct 2019"
    # over "after 10 October 2019"), an uncertain one as shown ("11 Oct 2019?"), and a
    # bound claimed over an exact date: each shown in the date's place without a word.
    text = f'[timeline]\ntitle = "D"\n\n[[events]]\nid = "e"\ndate = {date}\n'
    text += f'display_date = "{shown}"\ntitle = "E"\n'
    warnings = [p.message for p in load_text(text, "d.toml").warnings]
    assert len(warnings) == 1 and f"display_date {shown!r} {said} (" in warnings[0], warnings


@pytest.mark.parametrize(
    ("date", "shown", "medium", "written"),
    [
        ('"2018-07"', "16 July 2018", "Jul 2018", "2018-07-16"),
        ("2018", "July 2018", "2018", '"2018-07"'),
        ('"circa 2018"', "circa July 2018", "circa 2018", '"circa 2018-07"'),
        ('"2019-10?"', "10 Oct 2019?", "Oct 2019?", '"2019-10-10?"'),
        ("2018-07-16", "16 July 2018, 2:05 pm", "16 Jul 2018", '"2018-07-16T14:05"'),
    ],
)
def test_a_display_date_more_precise_than_the_date_is_said(
    date: str, shown: str, medium: str, written: str
) -> None:
    # Bug fixed: "16 July 2018" over 2018-07 was shown everywhere without a word: a day
    # the date, by which the event is placed and sorted, does not know.
    text = f'[timeline]\ntitle = "D"\n\n[[events]]\nid = "e"\ndate = {date}\n'
    text += f'display_date = "{shown}"\ntitle = "E"\n'
    assert [p.message for p in load_text(text, "d.toml").warnings] == [
        f"event 'e': display_date {shown!r} is more precise than the event's date "
        f"({medium}), and is shown in its place everywhere; if that is known, write date = "
        f"{written}; if not, show only what the date knows"
    ]


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ('"after 10 October 2019"', "after 10 Oct 2019"),
        ('"after 2019"', "after 31 December 2019"),
        ('"before 2020"', "before 1 January 2020"),
        ('"2019-10-10?"', "10 Oct 2019?"),
        ('"circa 1990"', "c. 1990"),
        # More doubt than the date has: how a TimelineJS file says circa.
        ("-700", "c. 700 BCE"),
        ('"2018-07"', "Summer 2018"),
    ],
)
def test_a_display_date_rewording_a_bound_or_a_doubt_is_fine(date: str, shown: str) -> None:
    text = f'[timeline]\ntitle = "D"\n\n[[events]]\nid = "e"\ndate = {date}\n'
    text += f'display_date = "{shown}"\ntitle = "E"\n'
    assert load_text(text, "d.toml").problems == []


def _display_text(date: str, end: str, shown: str) -> str:
    end_line = f"end_date = {end}\n" if end else ""
    return (
        f'[timeline]\ntitle = "D"\n\n[[events]]\nid = "e"\ndate = {date}\n{end_line}'
        f'display_date = "{shown}"\ntitle = "E"\n'
    )


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize(
    ("date", "end", "shown", "said"),
    [
        (
            "1815",
            "1852",
            "1815 – 1853",
            "its end names another date than the event's end_date (1852); it is shown in "
            "place of the dates everywhere; correct the one that is wrong: end_date = "
            "\"1853\" if the display date is right, or show the dates, such as '1815 – 1852'",
        ),
        (
            "1815",
            "1852",
            "1815-1853",
            "its end names another date than the event's end_date (1852)",
        ),
        (
            "1815",
            "1852",
            "1815 to 1853",
            "its end names another date than the event's end_date (1852)",
        ),
        (
            "2018-07-16",
            "2018-07-21",
            "July 16-20, 2018",
            "its end names another date than the event's end_date (21 Jul 2018); it is shown "
            "in place of the dates everywhere; correct the one that is wrong: end_date = "
            "2018-07-20 if the display date is right, or show the dates, such as '16–21 Jul 2018'",
        ),
        (
            "1815",
            "1852",
            "1816 – 1852",
            "its start names another date than the event's (1815); it is shown in place of",
        ),
        (
            '"circa 1815"',
            "1852",
            "1815 – 1852",
            "its start does not say that the date is circa (circa 1815); it is shown in place "
            'of the dates everywhere; correct the one that is wrong: date = "1815" if the '
            "display date is right, or show the dates, such as 'circa 1815 – 1852'",
        ),
        # A span written in `date` alone: the advice says so.
        (
            '"1815-1852"',
            "",
            "1815 – 1853",
            "its end names another date than the event's end_date (1852); it is shown in "
            'place of the dates everywhere; correct the one that is wrong: date = "1815 – '
            '1853" if the display date is right',
        ),
        # An end the file does not hold.
        (
            "1815",
            "",
            "1815 – 1852",
            "it states an end (1852) the event does not have; it is shown in place of the "
            'date everywhere; if that is known, write end_date = "1852"; if not, show only '
            "what the date knows",
        ),
        (
            '"2018-07"',
            "",
            "16–20 July 2018",
            "its start is more precise than the event's date (Jul 2018), and it states an end "
            "(20 Jul 2018) the event does not have; it is shown in place of the date "
            "everywhere; if that is known, write date = 2018-07-16 and end_date = 2018-07-20",
        ),
        # One date, where the event lasts: its end is hidden.
        (
            "2018-07-16",
            "2018-07-20",
            "16 July 2018",
            "shows one date, where the event runs from 16 Jul 2018 to 20 Jul 2018, and is "
            "shown in place of both everywhere; write one that shows both, such as "
            "'16–20 Jul 2018', or leave it out to show the dates",
        ),
        ("1815", "1852", "1815", "shows one date, where the event runs from 1815 to 1852"),
        # A period named as one holds the dates, or does not.
        (
            "1992",
            "2003",
            "1990s",
            "names a period (1990 – 1999) that does not hold its end_date (2003), and is "
            "shown in place of the dates everywhere; correct the one that is wrong",
        ),
        (
            "2005",
            "",
            "1990s",
            "names a period (1990 – 1999) that does not hold the event's date (2005)",
        ),
        # Bug fixed: a period in words no date field takes ("early", "summer", "circa
        # the 1990s") was left alone, whatever the dates; each is read as the date
        # reader reads those words ("early": the first third, as it offers 1990/1993).
        (
            "1998",
            "",
            "early 1990s",
            "names a period (1990 – 1993, the first third of 1990 – 1999) that does not hold "
            "the event's date (1998), and is shown in place of the date everywhere; correct "
            "the one that is wrong: write a date within it if the display date is right, or "
            "show the date, such as '1998'",
        ),
        (
            "1990",
            "1999",
            "the early 1990s",
            "names a period (1990 – 1993, the first third of 1990 – 1999) that does not hold "
            "its end_date (1999)",
        ),
        (
            '"2010-03"',
            "",
            "summer 2010",
            "names a period (Jun 2010 – Aug 2010 in the north, Dec 2010 – Feb 2011 in the "
            "south) that does not hold the event's date (Mar 2010)",
        ),
        (
            "2005",
            "",
            "circa the 1990s",
            "names a period (1990 – 1999) that does not hold the event's date (2005)",
        ),
        (
            "2018-07-25",
            "",
            "mid-July 2018?",
            "names a period (11–20 Jul 2018, the middle third of Jul 2018) that does not hold",
        ),
        # More than the date knows: the event is placed at the year's (month's) start.
        (
            "2010",
            "",
            "summer 2010",
            "names a period (Jun 2010 – Aug 2010 in the north, Dec 2010 – Feb 2011 in the "
            "south): it is more precise than the event's date (2010), by which the event is "
            "placed, and is shown in place of the date everywhere; if that is known, write date "
            '= "2010-06" and end_date = "2010-08" in the north or date = "2010-12" and '
            'end_date = "2011-02" in the south; if not, show only what the date knows',
        ),
        (
            '"2018-07"',
            "",
            "mid-July 2018",
            "it is more precise than the event's date (Jul 2018), by which the event is placed, "
            "and is shown in place of the date everywhere; if that is known, write date = "
            "2018-07-11 and end_date = 2018-07-20",
        ),
        # A date only bounded may lie outside the period; a bound named by a period.
        (
            '"before 2005"',
            "",
            "the 1990s",
            "names a period (1990 – 1999), where the event's date is only known to lie before "
            "2005, perhaps outside it, and is shown in place of the date everywhere; show the "
            "bound, such as 'before 2005', or write the date within it if it is known",
        ),
        # Part of the period is on the other side of the bound, which rules it out.
        (
            '"before 1995"',
            "",
            "the 1990s",
            "names a period (1990 – 1999) that ends on or after 1995, where the event's date "
            "is before it (before 1995), and is shown in place of the date everywhere; correct "
            'the one that is wrong: write date = "1990" and end_date = "1999" if the display '
            "date is right, or show the date, such as 'before 1995'",
        ),
        (
            '"before 1985"',
            "",
            "before the 1990s",
            "names another date than the event's (before 1985)",
        ),
    ],
)
def test_a_display_date_stating_a_range_is_checked_against_both_dates(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    date: str,
    end: str,
    shown: str,
    said: str,
    chunked: bool,
) -> None:
    # Bug fixed: a display date stating a range ("1815 – 1853" over 1815 to 1852) was
    # left alone, so the screen and every export stated an end the file does not hold;
    # one over an event with no end, or one date over an event that lasts, too.
    monkeypatch.chdir(tmp_path)
    Path("d.toml").write_text(_display_text(date, end, shown) + _MORE_EVENTS, encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=1) if chunked else Tuning()
    (warning,) = load_file("d.toml", tuning=tuning).problems
    assert warning.message.startswith(f"event 'e': display_date {shown!r}"), warning.message
    assert said in warning.message
    at = _display_text(date, end, shown).splitlines().index(f'display_date = "{shown}"') + 1
    assert (warning.severity, warning.line, warning.field) == ("warning", at, "display_date")


#: Events after the one checked: the chunked path takes files of two chunks or more.
_MORE_EVENTS = '\n[[events]]\nid = "z"\ndate = 2018-07-30\ntitle = "Z"\n'


@pytest.mark.parametrize(
    ("date", "end", "shown"),
    [
        ("1815", "1852", "1815 – 1852"),
        ("1815", "1852", "1815-1852"),
        ('"1815-1852"', "", "1815 to 1852"),
        ("2018-07-16", "2018-07-20", "July 16-20, 2018"),
        ("2018-07-16", "2018-07-20", "16–20 Jul 2018"),
        ("2018-07-16", "2018-07-20", "from 16 July to 20 July 2018"),
        ('"circa 1815"', "1852", "circa 1815 – 1852"),
        ('"2018-07-16?"', '"2018-07-20?"', "16 Jul 2018? – 20 Jul 2018?"),
        ("2018-07-16", '"3 days after"', "16–19 Jul 2018"),
        # Coarser: the same dates at the display's precision.
        ("2018-07-16", "2018-08-02", "July–August 2018"),
        ("2018-07-16", "2018-07-20", "July 2018"),
        ("2018-07-16T14:00:00", "2018-07-16T16:00:00", "16 July 2018"),
        # A period named as one that holds the dates; words that state none.
        ("1995", "", "1990s"),
        ("1850", "1855", "19th century"),
        ("2018-07-16", "2018-07-20", "summer 2018"),
        ("2018-07-16", "2018-07-20", "between 16 and 20 July 2018"),
    ],
)
def test_a_display_date_stating_the_dates_rightly_is_fine(date: str, end: str, shown: str) -> None:
    assert load_text(_display_text(date, end, shown), "d.toml").problems == []
    # Read and found right, but for the words that state no date.
    assert (read_shown(shown) is None) == shown.startswith(("summer", "between"))


@pytest.mark.parametrize(
    ("date", "end", "shown"),
    [
        ("1992", "", "early 1990s"),
        ("1997", "1999", "the late 1990s"),
        ("2018-07-15", "", "mid-July 2018"),
        ('"2018-07-11/2018-07-20"', "", "mid-July 2018"),
        ("2010-07-04", "", "summer 2010"),
        ('"2011-01"', "", "the summer of 2010"),  # the south's
        ('"2010-06/2010-08"', "", "summer 2010"),
        ("1995", "", "circa the 1990s"),
        ('"circa 1995"', "", "the 1990s?"),
        ('"before 1990"', "", "before the 1990s"),
        ('"after 1999"', "", "after the 1990s"),
        ('"2018-07"', "", "Q3 2018"),
    ],
)
def test_a_period_in_words_holding_the_dates_is_fine(date: str, end: str, shown: str) -> None:
    assert load_text(_display_text(date, end, shown), "d.toml").problems == []


#: An event on 19 July 2018, the anchor of the event checked.
_ANCHOR = '\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize(
    ("date", "shown", "said"),
    [
        # Bug fixed: placed after "a" (19 July), shown as some day up to the 19th, with
        # nothing said: the display date says the event may be before what it follows.
        (
            '"after"\nrelative_to = "a"',
            "between 16 and 19 July 2018",
            "names a period (16–19 Jul 2018) that lies wholly on or before 19 Jul 2018, where "
            "the event's date is after it (after 19 Jul 2018), and is shown in place of the "
            "date everywhere; correct the one that is wrong: write date = 2018-07-16 and "
            "end_date = 2018-07-19 if the display date is right, or show the date, such as "
            "'after 19 Jul 2018'",
        ),
        (
            '"after 2018-07-19"',
            "between 16 and 19 July 2018",
            "names a period (16–19 Jul 2018) that lies wholly on or before 19 Jul 2018",
        ),
        (
            '"before 2018-07-19"',
            "between 20 and 22 July 2018",
            "names a period (20–22 Jul 2018) that lies wholly on or after 19 Jul 2018, where "
            "the event's date is before it (before 19 Jul 2018)",
        ),
        # Across the bound: part of the period is ruled out.
        (
            '"after 2018-07-19"',
            "between 19 and 22 July 2018",
            "names a period (19–22 Jul 2018) that begins on or before 19 Jul 2018, where the "
            "event's date is after it (after 19 Jul 2018), and is shown in place of the date "
            "everywhere; correct the one that is wrong: write date = 2018-07-19 and end_date "
            "= 2018-07-22 if the display date is right",
        ),
        (
            '"before 2018-07-19"',
            "between 17 and 22 July 2018",
            "names a period (17–22 Jul 2018) that ends on or after 19 Jul 2018",
        ),
        # Within the bound: the date may still lie beyond the period's far end.
        (
            '"after 2018-07-19"',
            "between 20 and 22 July 2018",
            "names a period (20–22 Jul 2018), where the event's date is only known to lie "
            "after 19 Jul 2018, perhaps outside it",
        ),
        # Words that hold the bound's own day, which the date leaves out: how to write
        # the date that holds it.
        (
            '"after 2018-07-19"',
            "on or after 19 July 2018",
            "says the date may be on 19 Jul 2018, which the event's date (after 19 Jul 2018) "
            "leaves out, and is shown in its place everywhere; if it may be, write date = "
            "\"after 2018-07-18\"; if not, show the date, such as 'after 19 Jul 2018'",
        ),
        (
            '"after"\nrelative_to = "a"',
            "on or after 19 July 2018",
            'if it may be, write date = "after 2018-07-18"',
        ),
        (
            '"before 2018-07-19"',
            "by 19 July 2018",
            "says the date may be on 19 Jul 2018, which the event's date (before 19 Jul "
            "2018) leaves out, and is shown in its place everywhere; if it may be, write date "
            '= "before 2018-07-20"',
        ),
        (
            '"before 2018-07"',
            "on or before July 2018",
            "says the date may be in Jul 2018, which the event's date (before Jul 2018) "
            "leaves out, and is shown in its place everywhere; if it may be, write date = "
            '"before 2018-08"',
        ),
        # Other days than the bound's: another date, as before.
        (
            '"after 2018-07-19"',
            "on or after 16 July 2018",
            "names another date than the event's (after 19 Jul 2018)",
        ),
    ],
)
def test_a_display_date_on_the_wrong_side_of_a_bound_is_said(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    date: str,
    shown: str,
    said: str,
    chunked: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (
        f'[timeline]\ntitle = "D"\n{_ANCHOR}\n[[events]]\nid = "e"\ndate = {date}\n'
        f'display_date = "{shown}"\ntitle = "E"\n{_MORE_EVENTS}'
    )
    Path("d.toml").write_text(text, encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=1) if chunked else Tuning()
    (warning,) = load_file("d.toml", tuning=tuning).problems
    assert warning.message.startswith(f"event 'e': display_date {shown!r} "), warning.message
    assert said in warning.message, warning.message
    at = text.splitlines().index(f'display_date = "{shown}"') + 1
    assert (warning.severity, warning.line, warning.field) == ("warning", at, "display_date")


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        # The date the warnings above offer, with the words kept: fine.
        ('"after 2018-07-18"', "on or after 19 July 2018"),
        ('"before 2018-07-20"', "by 19 July 2018"),
        ('"before 2018-07-20"', "on or before 19 July 2018"),
        ('"before 2018-08"', "by July 2018"),
        ("2018-07-19\nend_date = 2018-07-22", "between 19 and 22 July 2018"),
        ("2018-07-16\nend_date = 2018-07-19", "between 16 and 19 July 2018"),
        # A date in a span the display date names.
        ("2018-07-17", "between 16 and 19 July 2018"),
        ('"circa 2018"', "between 2017 and 2019"),
    ],
)
def test_a_display_date_holding_the_bound_as_the_date_does_is_fine(date: str, shown: str) -> None:
    text = f'{HEAD}{_ANCHOR}\n[[events]]\nid = "e"\ndate = {date}\ndisplay_date = "{shown}"\n'
    assert load_text(text + 'title = "E"\n', "d.toml").problems == []


def test_a_bound_in_words_holding_its_day_is_said_once_at_the_date() -> None:
    # The date field says it leaves the day out, with the date to write and to keep the
    # words in display_date; the display date in the same words adds nothing.
    text = HEAD + (
        '[[events]]\nid = "e"\ndate = "on or after 19 July 2018"\n'
        'display_date = "on or after 19 July 2018"\ntitle = "E"\n'
    )
    (warning,) = load_text(text, "d.toml").problems
    assert warning.field == "date"
    assert "write after 2018-07-18, and keep the words in display_date" in warning.message


def test_a_time_in_utc_listed_after_a_later_moment_is_said_at_its_event() -> None:
    # Bug fixed: a time given in UTC ("Z") was never compared, and the warning was
    # placed at the title, so no event showed it.
    text = (
        '[timeline]\ntitle = "T"\n\n'
        '[[events]]\nid = "b"\ndate = 2018-07-16T20:00:00-04:00\ntitle = "B"\n\n'
        '[[events]]\nid = "a"\ndate = 2018-07-16T22:00:00Z\ntitle = "A"\n'
    )
    [warning] = load_text(text, "z.toml").warnings
    assert (warning.event, warning.field, warning.line) == ("a", "date", 11)
    assert "'b' (16 Jul 2018 20:00 UTC-04:00) is listed before 'a'" in warning.message


def test_a_rejected_event_still_says_what_it_names_that_is_not_there() -> None:
    # Found trying the tool: a typo in a status hid a `relative_to` and an `in_reply_to`
    # naming no event; they were said only once the status was mended.
    text = (
        '[[events]]\nid = "a"\ndate = 2018-07-16\ntitle = "A"\n\n'
        '[[events]]\nid = "b"\ndate = "Monday"\nrelative_to = "nope"\ntitle = "y"\n'
        'in_reply_to = "zz"\nstatus = "confirmd"\n\n'
        '[[events]]\nid = "c"\ndate = 2018-07-17\ntitle = "c"\nkind = 5\nin_reply_to = "b"\n'
    )
    found = messages(text)
    mended = messages(text.replace('status = "confirmd"\n', ""))
    for said in (
        "t.toml:12:1: error: event 'b': relative_to names 'nope', which is not the id of any event",
        "t.toml:14:1: warning: event 'b': in_reply_to names 'zz', which is not the id of any event",
    ):
        assert said in found and said in mended  # said the same, rejected or kept
    assert (
        "t.toml:22:1: warning: event 'c': in_reply_to names 'b', an event that could not be read (its error says why)"
        in found
    )
    assert len(found) == 5  # and the status's and the kind's errors


CIRCA_BESIDE = [
    (
        'date = "after 8 Jan 1980"\ncirca = true',
        "t.toml:7:1: warning: event 'a': field 'circa': 'date' ('after 8 Jan 1980') is a "
        "bound (only known to lie after it), and a date takes one qualifier: with circa = "
        "true it is shown as circa 8 Jan 1980 everywhere, and nothing shows that it lies "
        "after it; remove circa to show after 8 Jan 1980, or say both in display_date",
    ),
    (
        'date = "2018-07-16?"\ncirca = true',
        "t.toml:7:1: warning: event 'a': field 'circa': 'date' ('2018-07-16?') is "
        "uncertain, and a date takes one qualifier: with circa = true it is shown as circa "
        "16 Jul 2018 everywhere, and nothing shows that it is uncertain; remove circa to "
        "show 16 Jul 2018?, or say both in display_date",
    ),
    (
        'date = "after"\nrelative_to = "z"\ncirca = true',
        "t.toml:8:1: warning: event 'a': field 'circa': 'date' ('after') is a bound (only "
        "known to lie after its anchor), and a date takes one qualifier: it is shown as "
        "after the anchor's date, and nothing shows circa = true; remove circa, or say "
        "both in display_date",
    ),
]


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize(("body", "said"), CIRCA_BESIDE, ids=["after", "uncertain", "relative"])
def test_circa_beside_a_bound_or_a_doubt_says_which_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, said: str, chunked: bool
) -> None:
    # Bug fixed: "after 8 Jan 1980" with circa = true was shown, printed and exported
    # as "circa 8 Jan 1980" (it could be before), "2018-07-16?" lost its doubt, and
    # "after" counted from an event dropped its circa, all without a word: a written
    # "circa after ..." is refused, as a date takes one qualifier.
    monkeypatch.chdir(tmp_path)
    text = (
        f'[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ntitle = "A"\n{body}\n'
        '[[events]]\nid = "z"\ntitle = "Z"\ndate = 2018-07-10\n'
    )
    Path("t.toml").write_text(text, encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=1) if chunked else Tuning()
    result = load_file("t.toml", tuning=tuning)
    assert [str(p) for p in result.problems] == [said]


@pytest.mark.parametrize(
    "body",
    [
        'date = "after 8 Jan 1980"\ncirca = true\ndisplay_date = "after c. 8 January 1980"',
        'date = "after 8 Jan 1980"\ncirca = true\ndisplay_date = "after 8 Jan 1980"',
        'date = "after"\nrelative_to = "z"\ncirca = true\ndisplay_date = "soon after"',
    ],
)
def test_circa_beside_a_bound_said_both_in_display_date_is_fine(body: str) -> None:
    # Bug fixed: the warning told the writer to say both in display_date, then stayed
    # when they did; and "after 8 Jan 1980" as the display date of that circa date,
    # still sorted after it, was said to claim a bound the date does not have.
    text = f'[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ntitle = "A"\n{body}\n'
    text += '[[events]]\nid = "z"\ntitle = "Z"\ndate = 2018-07-10\n'
    assert load_text(text, "t.toml").problems == []


def test_a_toml_date_time_beyond_the_zones_offsets_is_an_error() -> None:
    # Bug fixed: TOML reads any offset under a day, so "+14:30" loaded, where every
    # string form refuses an offset of more than 14 hours.
    text = '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-08T15:00:00+14:30\n'
    assert messages(text) == [
        "t.toml:7:1: error: event 'a': field 'date': '2018-07-08T15:00:00+14:30' has the "
        "offset UTC+14:30; offsets run to 14 hours"
    ]


def test_a_range_of_days_in_one_month_written_american_style_is_that_month() -> None:
    # Bug fixed: "July 8 - 10, 2018" ran from 8 July to October 2018 ("10, 2018" was
    # read alone, as October), in the viewer, the printout and every export.
    result = load_text(HEAD + '[[events]]\nid = "a"\ntitle = "a"\ndate = "July 8 - 10, 2018"\n')
    assert result.problems == []
    assert result.timeline is not None
    (event,) = result.timeline.events
    assert event.end is not None
    assert (format_iso(event.when), format_iso(event.end)) == ("2018-07-08", "2018-07-10")


@pytest.mark.parametrize(
    ("written", "monday", "sunday"),
    [
        ("the following week", "2018-07-23", "2018-07-29"),
        ("the week before", "2018-07-09", "2018-07-15"),
    ],
)
def test_a_week_named_is_read_as_seven_days_on_and_said(
    written: str, monday: str, sunday: str
) -> None:
    # Bug fixed: "the following week" was shown as Thursday 26 July, one day of the
    # week the writer named, with nothing said (found trying relative dates).
    text = (
        '[[events]]\nid = "a"\ntitle = "a"\ndate = 2018-07-19\n\n'
        f'[[events]]\nid = "b"\ntitle = "b"\ndate = "{written}"\nrelative_to = "a"\n\n'
        '[[events]]\nid = "c"\ntitle = "c"\ndate = "7 days later"\nrelative_to = "a"\n'
    )
    (said,) = messages(text)
    assert said.startswith(
        f"t.toml:12:1: warning: event 'b': field 'date': '{written}' was read as "
    )
    assert f"date = {monday} and end_date = {sunday}" in said


def test_a_quotes_or_sources_date_is_refused_with_the_forms_it_may_take() -> None:
    # Bug fixed: both were told that `relative_to` set would allow "Monday", though
    # neither takes one: a quote's relative dates count from its event, and a source's
    # `accessed` is absolute.
    text = (
        '[[events]]\nid = "a"\ntitle = "a"\ndate = 2024-03-05\n'
        'source = { label = "x", accessed = "yesterday" }\n\n'
        '[[events.quotes]]\ntext = "words"\ndate = "the morrow"\n\n'
        '[[events.quotes]]\ntext = "more words"\ndate = "the morning after"\n'
    )
    accessed, quoted, morning = messages(text)
    # A source has no display_date to keep words in.
    assert accessed.endswith(
        "'yesterday' counts from the day the words were written, not from an event: write "
        "the date itself"
    )
    assert quoted.endswith(
        'a TOML date, or counted from its event, "Monday", "3 days before", "before" or "after"'
    )
    # The relative form a refusal offers is counted from the quote's event, too.
    assert morning.endswith(
        "'the morning after': write the day, \"the next day\" (counted from its event), or "
        "the date and time itself, and keep the words in its note"
    )


def test_an_integer_after_9999_is_a_compact_date_a_unix_time_or_said() -> None:
    # Bug fixed: `date = 20180717` was read as the year 20,180,717 and `date =
    # 1532000000` as the year 1,532,000,000, shown and exported with nothing said (the
    # string "20180717" was refused; found trying dates as a new user).
    text = (
        '[[events]]\nid = "a"\ntitle = "a"\ndate = 20180717\n\n'
        '[[events]]\nid = "b"\ntitle = "b"\ndate = 1532000000\n\n'
        '[[events]]\nid = "c"\ntitle = "c"\ndate = 170000000\n\n'
        '[[events]]\nid = "d"\ntitle = "d"\ndate = "Y170000000"\n'
    )
    said = messages(text)
    assert said == [
        "t.toml:7:1: error: event 'a': field 'date': 20180717 may be the date 2018-07-17 "
        "written as one number; write it as a TOML date, 2018-07-17, or for the year "
        '20,180,717, write "Y20180717"',
        "t.toml:12:1: error: event 'b': field 'date': 1532000000 may be a Unix time (seconds "
        "since 1970), 2018-07-19T11:33:20Z; write the date and time, or for the year "
        '1,532,000,000, write "Y1532000000"',
        "t.toml:17:1: warning: event 'c': field 'date': 170000000 was read as the year "
        '170,000,000; if it is not a year, write the date itself, or write "Y170000000" '
        "to say it is one",
    ], said


def test_a_string_of_five_or_six_digits_is_a_compact_date_or_said() -> None:
    # Bug fixed: "201807" (July 2018 in one number) was read as the year 201,807, and
    # "10000" as the year 10,000, with nothing said.
    text = (
        '[[events]]\nid = "a"\ntitle = "a"\ndate = "201807"\n\n'
        '[[events]]\nid = "b"\ntitle = "b"\ndate = "10000"\n'
    )
    said = messages(text)
    assert said == [
        "t.toml:7:1: error: event 'a': field 'date': 201807 may be the date 2018-07 written "
        'as one number; write it as "2018-07", or for the year 201,807, write "Y201807"',
        "t.toml:12:1: warning: event 'b': field 'date': 10000 was read as the year 10,000; "
        'if it is not a year, write the date itself, or write "Y10000" to say it is one',
    ], said


def test_the_toml_writer_writes_a_year_after_9999_as_edtf() -> None:
    # Written as the integer (or "10000"), it would now read back with a warning.
    for year in (10_000, 170_000_000):
        written, circa = date_value(When(year, precision=Precision.YEAR), None)
        assert (written, circa) == (f'"Y{year}"', False)
        assert messages(f'[[events]]\nid = "a"\ntitle = "a"\ndate = {written}\n') == []
