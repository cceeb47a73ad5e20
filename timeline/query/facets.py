"""The values a timeline's events have that a filter could pick: each with how many
events have it (`facets`, for a picker), and those `--filter` checks a value against
(`known_values`).

Values that differ only in case or accents are one, as filters compare them
(timeline/query/filters.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import NamedTuple

from timeline.model import STATUSES, Event
from timeline.query.filters import norm_tag, norm_value
from timeline.query.value_index import ValueIndex
from timeline.store import fields_of

_STATUS_RANKS = {status: n for n, status in enumerate(STATUSES)}


class Facets(NamedTuple):
    """The values a filter could pick, each with how many events have it.

    Each list is sorted by count, most common first, then by name. Values that differ
    only in case or accents are one entry (filters match them alike), shown in their
    most common spelling.
    """

    kinds: list[tuple[str, int]]
    speakers: list[tuple[str, int]]
    groups: list[tuple[str, int]]
    tags: list[tuple[str, int]]
    statuses: list[tuple[str, int]] = []


def facets(events: Iterable[Event], index: ValueIndex | None = None) -> Facets:
    """Distinct kinds, speakers, groups and tags with their event counts, for a picker:
    each count is what a filter by that value alone keeps. `index` is where the values
    of these events are (`Selection.value_index`: the filter picked next uses it too)."""
    items = events if isinstance(events, Sequence) else list(events)
    index = index if index is not None else ValueIndex(items)
    # From the index of values the filter looks up: counts as written, in the order
    # first met, then folded once per distinct value. Counting them again over every
    # event took 6 s at 1,000,000 events from the cache, the index built.
    kinds = Counter({value: len(at) for value, at in index.of("kind").items()})
    groups = Counter({value: len(at) for value, at in index.of("group").items()})
    tags = _tags(index)
    if tags is None:  # an event holds two spellings of one tag: counted event by event
        tags = {}
        for written, count in Counter(fields_of(items, "tags")).items():
            # A tag written twice on one event ("CBP", "cbp", "#cbp") still counts the
            # event once, for the spelling written last.
            for tag in {norm_tag(t): t for t in written if norm_tag(t)}.values():
                _count(tags, tag, count, norm_tag)
    return Facets(
        kinds=_ranked(_grouped(kinds)),
        speakers=_speakers(index),
        groups=_ranked(_grouped(groups)),
        tags=_ranked(tags),
        # From strongest to weakest, as the help and the docs list them; none said, last.
        statuses=sorted(
            Counter(fields_of(items, "status")).items(),
            key=lambda pair: _STATUS_RANKS.get(pair[0], len(STATUSES)),
        ),
    )


def _tags(index: ValueIndex) -> dict[str, Counter[str]] | None:
    """Each tag's spellings and the events holding each, by the tag as filters compare
    it, in the order first met (the index's); None when an event holds two spellings of
    one tag (it counts once, for the one written last, which the index cannot tell)."""
    where = index.of("tag")
    spellings: dict[str, list[str]] = {}
    for spelling in where:
        folded = norm_tag(spelling)
        if folded:
            spellings.setdefault(folded, []).append(spelling)
    tags: dict[str, Counter[str]] = {}
    for folded, written in spellings.items():
        if len(written) > 1:
            count = sum(len(where[spelling]) for spelling in written)
            if len(set(chain.from_iterable(where[spelling] for spelling in written))) < count:
                return None
        tags[folded] = Counter({spelling: len(where[spelling]) for spelling in written})
    return tags


def _speakers(index: ValueIndex) -> list[tuple[str, int]]:
    """Who speaks, each with the events a filter by them keeps: those they are the
    speaker or the handle of, and those quoting them (see `Filter.speakers`). Listed by
    name (a speaker or a quote's speaker); a handle only adds to a count."""
    spellings: dict[str, Counter[str]] = {}
    holders: dict[str, list[Sequence[int]]] = {}
    for field in ("speaker", "handle", "quoted"):
        for value, positions in index.of(field).items():
            if not value.strip():
                continue
            key = norm_value(value)
            holders.setdefault(key, []).append(positions)
            if field != "handle":
                spellings.setdefault(key, Counter())[value] += len(positions)
    entries = []
    for key, written in spellings.items():
        held = holders[key]
        # An event is counted once, however many ways it holds them.
        count = len(held[0]) if len(held) == 1 else len(set(chain.from_iterable(held)))
        entries.append((written.most_common(1)[0][0], count))
    return sorted(entries, key=lambda entry: (-entry[1], norm_value(entry[0])))


def _grouped(counts: Counter[str]) -> dict[str, Counter[str]]:
    grouped: dict[str, Counter[str]] = {}
    for value, count in counts.items():
        _count(grouped, value, count)
    return grouped


def _count(
    counter: dict[str, Counter[str]],
    value: str,
    count: int,
    norm: Callable[[str], str] = norm_value,
) -> None:
    if value.strip():
        counter.setdefault(norm(value), Counter())[value] += count


def _ranked(counter: dict[str, Counter[str]]) -> list[tuple[str, int]]:
    entries = [
        (spellings.most_common(1)[0][0], spellings.total()) for spellings in counter.values()
    ]
    return sorted(entries, key=lambda entry: (-entry[1], norm_value(entry[0])))


def known_values(events: Iterable[Event]) -> dict[str, list[str]]:
    """The kinds, speakers (with handles and quotes' speakers), groups and tags the
    events have, most common first: what `parse_filter_args(known=...)` checks."""
    items = events if isinstance(events, Sequence) else list(events)
    found = facets(items)
    others = Counter(fields_of(items, "handle"))
    others.update(chain.from_iterable(fields_of(items, "quoted")))
    speakers = [value for value, _ in found.speakers]
    spoken = {norm_value(value) for value in speakers}
    for value, _ in others.most_common():
        if value.strip() and norm_value(value) not in spoken:
            speakers.append(value)
            spoken.add(norm_value(value))
    return {
        "kind": [value for value, _ in found.kinds],
        "speaker": speakers,
        "group": [value for value, _ in found.groups],
        "tag": [value for value, _ in found.tags],
    }
