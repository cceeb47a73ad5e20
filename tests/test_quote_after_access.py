"""A quote dated after every source it can come from was read: a copy read on 10 July
cannot hold words said on 17 July, so one of the two dates is wrong. Such a timeline
loaded with nothing said (and `verify` even found the quote verbatim in that copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.read.toml import TUNING, Tuning, load_text

HEAD = '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018-07-17\ntitle = "Letter"\n'
#: Both readers: toml-rs for a file past `fast_file` bytes, tomllib below.
READERS = [TUNING._replace(fast_file=0), TUNING._replace(fast_file=10**9)]


def warnings(text: str, tuning: Tuning) -> list[tuple[int, str, str]]:
    result = load_text(HEAD + text, "t.toml", tuning=tuning)
    return [(p.line, p.field, p.message) for p in result.problems if p.severity == "warning"]


@pytest.mark.parametrize("tuning", READERS)
def test_a_quote_dated_after_its_events_only_source_was_read_is_warned(tuning: Tuning) -> None:
    text = (
        '[[events.sources]]\nurl = "https://example.com/a"\naccessed = 2018-07-10\n\n'
        '[[events.quotes]]\ntext = "They refused."\ndate = 2018-07-17\n'
    )
    [(line, field, message)] = warnings(text, tuning)
    assert line == text.count("\n", 0, text.index("date = 2018-07-17")) + HEAD.count("\n") + 1
    assert field == "quotes[0].date"
    assert message == (
        "event 'a': quote 1: field 'date': the quote is dated 2018-07-17, after its event's "
        "source's 'accessed' date (2018-07-10): a copy read then cannot hold words said "
        "later; correct the quote's date or the source's 'accessed'"
    )


@pytest.mark.parametrize("tuning", READERS)
def test_a_quotes_own_source_is_the_one_compared(tuning: Tuning) -> None:
    own = (
        '[[events.quotes]]\ntext = "They refused."\ndate = 2018-07-17\n'
        'source = { url = "https://example.com/b", accessed = 2018-07-16 }\n'
    )
    [(_, _, message)] = warnings(own, tuning)
    assert "after its own source's 'accessed' date (2018-07-16)" in message
    # Its own source read after it: nothing to say, whatever its event's sources say.
    later = own.replace("2018-07-16", "2018-07-18")
    events = '[[events.sources]]\nurl = "https://example.com/a"\naccessed = 2018-07-01\n\n'
    assert warnings(events + later, tuning) == []


@pytest.mark.parametrize("tuning", READERS)
def test_every_source_of_the_event_must_be_read_before_it(tuning: Tuning) -> None:
    sources = (
        '[[events.sources]]\nurl = "https://example.com/a"\naccessed = 2018-07-10\n\n'
        '[[events.sources]]\nurl = "https://example.com/b"\naccessed = 2018-07-12\n\n'
    )
    quote = '[[events.quotes]]\ntext = "They refused."\ndate = 2018-07-17\n'
    [(_, _, message)] = warnings(sources + quote, tuning)
    assert "after every source of its event was accessed (the last on 2018-07-12)" in message
    # One read after it, or one with no date of reading, could hold it.
    assert warnings(sources.replace("2018-07-12", "2018-07-20") + quote, tuning) == []
    unread = sources + '[[events.sources]]\nurl = "https://example.com/c"\n\n'
    assert warnings(unread + quote, tuning) == []


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("2018-07", "2018-07-10"),  # July 2018 may be on or before the 10th
        ("2018-07-10", "2018-07-10"),  # the same day
        ('"circa 2018-07-17"', "2018-07-10"),  # a doubt is not a contradiction
        ("2018-07-17", "2018-07"),  # read some day in July
        ('"2018-07-10T15:00:00Z"', '"2018-07-10T09:00:00-07:00"'),  # 16:00 UTC: after
    ],
)
def test_nothing_is_said_unless_surely_after(said: str, read: str) -> None:
    text = (
        f'[[events.sources]]\nurl = "https://example.com/a"\naccessed = {read}\n\n'
        f'[[events.quotes]]\ntext = "They refused."\ndate = {said}\n'
    )
    assert [m for *_, m in warnings(text, READERS[0]) if "accessed" in m] == []


def test_a_relative_quote_date_is_compared_once_counted() -> None:
    text = (
        '[[events.sources]]\nurl = "https://example.com/a"\naccessed = 2018-07-18\n\n'
        '[[events.quotes]]\ntext = "They refused."\ndate = "2 days later"\n'
    )
    [(_, field, message)] = warnings(text, READERS[0])
    assert field == "quotes[0].date"
    assert "the quote is dated 2018-07-19, after its event's source's 'accessed' date" in message


@pytest.mark.parametrize("tuning", READERS)
def test_a_source_read_on_a_day_still_to_come_is_warned_at_its_field(tuning: Tuning) -> None:
    # 2081 for 2018: a typo no reader can have made true.
    text = (
        'source = { url = "https://example.com/x", accessed = 2999-07-10 }\n\n'
        '[[events.quotes]]\ntext = "They refused."\n'
        'source = { url = "https://example.com/q", accessed = "2999" }\n'
    )
    found = warnings(text, tuning)
    assert [(field, message.split(" (")[0]) for _, field, message in found] == [
        ("source.accessed", "event 'a': field 'source.accessed': 2999-07-10 is after today"),
        (
            "quotes[0].source.accessed",
            "event 'a': quote 1: field 'source.accessed': 2999 is after today",
        ),
    ]
    assert all("cannot have been read on a day still to come" in m for *_, m in found)
    assert warnings(text.replace("2999", "2018"), tuning) == []


#: A quote dated after its event's source was read, a quote's own source read on a day
#: still to come, and times in two zones listed by their own clocks.
DOUBTFUL = """\
[timeline]
title = "T"

[[events]]
id = "letter"
date = 2018-07-17
title = "Letter"

[[events.sources]]
url = "https://example.com/a"
accessed = 2018-07-10

[[events.quotes]]
text = "They refused."
date = 2018-07-17

[[events]]
id = "reply"
date = 2018-07-18
title = "Reply"

[[events.quotes]]
text = "We did not."
source = { url = "https://example.com/b", accessed = 2999-07-16 }

[[events]]
id = "west"
date = "2018-07-19T20:00:00-07:00"
title = "West coast statement"

[[events]]
id = "east"
date = "2018-07-19T22:00:00-04:00"
title = "East coast statement"
"""

#: What each check says, whatever the format, and of which event.
SAID = [
    ("letter", "quote 1: ", "the quote is dated 2018-07-17, after its event's source's"),
    ("reply", "quote 1: ", "2999-07-16 is after today"),
    ("east", "", "times in several zones are listed by their own clocks: 'west'"),
]


@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv"])
def test_every_format_gets_the_same_checks(tmp_path: Path, suffix: str) -> None:
    # Bug fixed: `timeline check` and the viewer said all three of a TOML file, and
    # nothing of the same timeline exported to TimelineJS JSON or CSV ("ok, 4 events"),
    # which both read back with the quotes' dates and the sources' access dates.
    from timeline.read import load_any
    from timeline.write import csv as csv_format
    from timeline.write import timelinejs

    timeline = load_text(DOUBTFUL, "t.toml").timeline
    assert timeline is not None
    path = tmp_path / f"doubtful{suffix}"
    if suffix == ".json":
        path.write_text(timelinejs.dumps(timeline), encoding="utf-8")
    elif suffix == ".csv":
        path.write_text(csv_format.dumps(timeline), encoding="utf-8", newline="")
    else:
        path.write_text(DOUBTFUL, encoding="utf-8")
    result = load_any(path)
    assert result.timeline is not None
    found = [p for p in result.problems if p.severity == "warning"]
    for event, where, said in SAID:
        [problem] = [p for p in found if said in p.message]
        assert problem.event == event and f": {where}" in problem.message, problem
        # At the event's own lines: its table, its slide, its row.
        lines = sorted(e.line for e in result.timeline.events)
        (line,) = {e.line for e in result.timeline.events if e.id == event}
        after = [n for n in lines if n > line]
        assert line <= problem.line < (after[0] if after else line + 20), (problem, lines)
    assert len(found) == len(SAID), [p.message for p in found]
