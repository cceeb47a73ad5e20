"""A TimelineJS or CSV file with no zone is sorted once: checked for times listed by
their own clocks in that order, then kept in it (`read.slides.Builder.timeline`)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from timeline.model import Event, chronological
from timeline.read import csv as read_csv
from timeline.read import slides
from timeline.read import timelinejs as read_timelinejs
from timeline.read.toml import load_text
from timeline.write import csv as csv_format
from timeline.write import timelinejs

#: No zone, and two times in two zones listed by their own clocks.
TWO_CLOCKS = """\
[timeline]
title = "T"

[[events]]
id = "west"
date = "2018-07-19T20:00:00-07:00"
title = "West coast statement"

[[events]]
id = "east"
date = "2018-07-19T22:00:00-04:00"
title = "East coast statement"

[[events]]
id = "first"
date = 2018-07-01
title = "First"
"""


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_file_with_no_zone_is_sorted_once(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    timeline = load_text(TWO_CLOCKS, "t.toml").timeline
    assert timeline is not None and not timeline.timezone
    if fmt == "json":
        text, read = timelinejs.dumps(timeline), read_timelinejs.loads
    else:
        text, read = csv_format.dumps(timeline), read_csv.loads
    sorts: list[int] = []

    def counted(events: Iterable[Event]) -> tuple[Event, ...]:
        ordered = chronological(events)
        sorts.append(len(ordered))
        return ordered

    monkeypatch.setattr(slides, "chronological", counted)
    result = read(text, f"t.{fmt}")
    assert result.timeline is not None
    assert sorts == [3]  # was [3, 3]: the order check's, then the timeline's
    assert [e.id for e in result.timeline.events] == [
        "first",
        "west",
        "east",
    ]  # by their own clocks
    [said] = [p for p in result.problems if "listed by their own clocks" in p.message]
    assert said.event == "east"
