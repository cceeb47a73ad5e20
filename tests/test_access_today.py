"""Today, against which every source's access date is set, is read once a day, not once
a source (`read.event_checks.read_after_today`)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import parse_date
from timeline.model import When
from timeline.read import event_checks
from timeline.read.toml import load_text

SOURCES = 40


def timeline(accessed: str) -> str:
    events = "".join(
        f'[[events]]\nid = "e{n}"\ndate = 2018-07-17\ntitle = "Letter {n}"\n'
        f'source = {{ url = "https://example.com/{n}", accessed = {accessed} }}\n\n'
        for n in range(SOURCES)
    )
    return '[timeline]\ntitle = "T"\n\n' + events


def futures(text: str) -> int:
    problems = load_text(text, "t.toml").problems
    return sum("is after today" in p.message for p in problems)


def test_today_is_read_once_for_every_access_date(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[object] = []

    def counted(value: date) -> When:
        read.append(value)
        return parse_date(value)

    event_checks._day.cache_clear()
    monkeypatch.setattr(event_checks, "parse_date", counted)
    assert futures(timeline("2018-07-10")) == 0
    assert futures(timeline("2999-07-10")) == SOURCES
    assert read == [date.today()]  # was once a source: 80 times


class Pinned(date):
    """A system date that a test sets."""

    pinned = date(2030, 1, 1)

    @classmethod
    def today(cls) -> Pinned:
        return cls(cls.pinned.year, cls.pinned.month, cls.pinned.day)


def test_a_new_day_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_checks, "date", Pinned)
    monkeypatch.setattr(Pinned, "pinned", date(2030, 1, 1))
    assert futures(timeline("2030-06-01")) == SOURCES
    monkeypatch.setattr(Pinned, "pinned", date(2031, 1, 1))
    assert futures(timeline("2030-06-01")) == 0
