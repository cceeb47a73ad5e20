"""Filters look values up in an index of the timeline, built once per field.

A filter read the filtered field of every event on each change: 0.5 s at 1,000,000
events. The viewer now keeps a `ValueIndex` per timeline shown, and a filter touches
only the values and events it keeps. What it keeps must not change.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import overload

import pytest
from conftest import generated

from timeline.model import Event
from timeline.query.facets import Facets, facets
from timeline.query.filter_args import FilterError, parse_filter_args
from timeline.query.value_index import ValueIndex
from timeline.query.view import View
from timeline.read.toml import load_text


@pytest.fixture(scope="module")
def events() -> Sequence[Event]:
    timeline = load_text(generated(400), "generated.toml").timeline
    assert timeline is not None
    return timeline.events


def _drawn(events: Sequence[Event], count: int) -> list[list[str]]:
    """Filters of every kind, alone and together, drawn from the values the events have."""
    found = facets(events)
    choices = {
        "kind": found.kinds,
        "speaker": found.speakers,
        "tag": found.tags,
        "group": found.groups,
        "status": found.statuses,
    }
    draw = random.Random(17)
    drawn = []
    for _ in range(count):
        args = []
        for key, values in choices.items():
            chance = 0.5
            while values and draw.random() < chance:
                value = draw.choice(values)[0] or "none"
                args.append(f"{key}={value.lower() if draw.random() < 0.3 else value}")
                chance /= 2
        if draw.random() < 0.3:
            args.append(f"from={draw.randint(2010, 2020)}")
        if draw.random() < 0.3:
            args.append(f"to={draw.randint(2015, 2024)}")
        drawn.append(args)
    return drawn


def test_a_filter_through_the_index_keeps_what_it_keeps_event_by_event(
    events: Sequence[Event],
) -> None:
    index = ValueIndex(events)
    tried = 0
    for args in _drawn(events, 300):
        try:
            chosen = parse_filter_args(args)
        except FilterError:
            continue  # a range that ends before it starts
        tried += 1
        expected = [n for n, event in enumerate(events) if chosen.keeps(event)]
        assert chosen.apply(events, index) == expected, args
        assert chosen.apply(events) == expected, args
    assert tried > 250


class Counted(Sequence[Event]):
    """Events, counting how often one is read."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self.reads = 0

    def __len__(self) -> int:
        return len(self.events)

    @overload
    def __getitem__(self, i: int) -> Event: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Event]: ...
    def __getitem__(self, i: int | slice) -> Event | Sequence[Event]:
        self.reads += 1
        return self.events[i]

    def __iter__(self) -> Iterator[Event]:
        self.reads += len(self.events)
        return iter(self.events)


def test_the_viewer_reads_each_field_once_per_timeline(events: Sequence[Event]) -> None:
    counted = Counted(events)
    index = ValueIndex(counted)
    speaker = parse_filter_args([f"speaker={facets(events).speakers[0][0]}"])
    first = speaker.apply(counted, index)
    assert counted.reads >= len(events)  # the speakers, handles and quotes, indexed
    counted.reads = 0
    assert speaker.apply(counted, index) == first
    assert counted.reads == 0  # looked up, not read again
    tag = parse_filter_args([f"tag={facets(events).tags[0][0]}"])
    tag.apply(counted, index)
    assert counted.reads >= len(events)  # a new field: read once ...
    counted.reads = 0
    tag.apply(counted, index)
    speaker.apply(counted, index)
    assert counted.reads == 0  # ... and then looked up


def test_the_view_keeps_one_index_per_timeline(events: Sequence[Event]) -> None:
    timeline = load_text(generated(400), "generated.toml").timeline
    assert timeline is not None
    view = View()
    view.show(timeline)
    assert view.set_filter(parse_filter_args(["kind=tweet"])) is None
    kept = list(view.shown)
    held = view.value_index
    assert held is not None and held.events is timeline.events
    view.set_filter(parse_filter_args(["kind=letter"]))
    assert view.value_index is held  # the same timeline: the same index
    view.set_filter(parse_filter_args(["kind=tweet"]))
    assert list(view.shown) == kept
    other = load_text(generated(400), "again.toml").timeline
    assert other is not None
    view.reload(other)
    assert view.value_index is not held and list(view.shown) == kept  # a new one, same result


def facets_event_by_event(events: Sequence[Event]) -> Facets:
    """The picker's kinds, groups and tags counted event by event, as before they came
    from the index of values: the rule `facets` must keep."""
    from collections import Counter

    from timeline.query.facets import _count, _grouped, _ranked
    from timeline.query.filters import norm_tag

    tags: dict[str, Counter[str]] = {}
    for written, count in Counter(event.tags for event in events).items():
        for tag in {norm_tag(t): t for t in written if norm_tag(t)}.values():
            _count(tags, tag, count, norm_tag)
    return facets(events)._replace(
        kinds=_ranked(_grouped(Counter(event.kind for event in events))),
        groups=_ranked(_grouped(Counter(event.group for event in events))),
        tags=_ranked(tags),
    )


SPELLINGS = """
[[events]]
date = "2018-07-01"
title = "One"
tags = ["CBP", "ice"]
[[events]]
date = "2018-07-02"
title = "Two"
tags = ["cbp", "#ICE"]
[[events]]
date = "2018-07-03"
title = "Three"
tags = ["#cbp"]
"""


@pytest.mark.parametrize("both", [False, True], ids=["apart", "on one event"])
def test_the_pickers_counts_from_the_index_are_those_counted_event_by_event(
    events: Sequence[Event], both: bool
) -> None:
    # Two spellings of a tag on one event count it once, for the one written last:
    # the index cannot tell which that is, so those are counted event by event.
    extra = '[[events]]\ndate = "2018-07-04"\ntitle = "Four"\ntags = ["ICE", "cbp", "CBP"]\n'
    text = generated(400) + SPELLINGS + (extra if both else "")
    timeline = load_text(text, "spellings.toml").timeline
    assert timeline is not None
    for some in (timeline.events, events):
        assert facets(some, ValueIndex(some)) == facets_event_by_event(some)
