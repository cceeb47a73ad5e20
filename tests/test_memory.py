"""A large load hands freed memory back before its peak (timeline/memory.py)."""

from __future__ import annotations

import pytest

from timeline import memory
from timeline.read.toml import Tuning, load_text


def test_a_large_load_trims_the_heap_twice_and_a_small_one_never(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "_trim", [calls.append])
    monkeypatch.setattr(memory, "TRIM_AT", 50)
    events = "".join(
        f'[[events]]\nid = "e{i}"\ntitle = "t"\ndate = 2018-07-{i % 28 + 1:02d}\n'
        for i in range(60)
    )
    text = '[timeline]\ntitle = "T"\n' + events
    assert load_text(text).timeline is not None
    assert calls == [0, 0]  # once the parsed tables are freed, once before the sort
    calls.clear()
    small = '[timeline]\ntitle = "T"\n' + events[: events.index("[[events]]", 200)]
    assert load_text(small, tuning=Tuning()).timeline is not None
    assert calls == []
