"""Several files as one timeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from timeline.model import Event, Timeline, When, chronological
from timeline.problems import Problem
from timeline.read.resolve import out_of_order
from timeline.store import fields_of


def renames(
    timelines: Sequence[Timeline], ids: Sequence[Sequence[str]] | None = None
) -> list[dict[str, str]]:
    """For each timeline, its ids that another file gives an event too, and what each
    becomes merged (see `merge`). Read from the ids alone (each timeline's, `ids` when
    the caller has them): a stored timeline's events are not made."""
    if ids is None:
        ids = [list(fields_of(timeline.events, "id")) for timeline in timelines]
    counts = Counter(ident for own in ids for ident in own)
    taken = set(counts)  # a prefixed id must not be one a file already gives an event
    used: Counter[str] = Counter()
    found = []
    for timeline, own in zip(timelines, ids, strict=True):
        name = PurePath(timeline.files[0]).name if timeline.files else timeline.title
        twice = [i for i in own if counts[i] > 1]
        prefix = name
        while True:
            used[name] += 1
            if used[name] > 1:  # two files of one name, or the name and an id are taken
                prefix = f"{name}#{used[name]}"
            if not any(f"{prefix}:{i}" in taken for i in twice):
                break
        renamed = {i: f"{prefix}:{i}" for i in twice}
        taken.update(renamed.values())
        found.append(renamed)
    return found


def merge(timelines: Sequence[Timeline]) -> Timeline:
    """One timeline from several: an id found in more than one file gets its file's name
    as a prefix ("b.toml:letter"; "b.toml#2:letter" for the second file of that name,
    or when another file already gives an event the id "b.toml:letter"), and links
    within that file follow the rename (`renames`).

    The name, not the path: ids are shown, linked and exported, and "/home/ana/b.toml:
    letter" would publish where the file was kept; the path stays in `Event.file`."""
    events: list[Event] = []
    for timeline, renamed in zip(timelines, renames(timelines), strict=True):

        def fix(when: When | None, renamed: dict[str, str] = renamed) -> When | None:
            if when is None or when.anchor not in renamed:
                return when
            return when._replace(anchor=renamed[when.anchor])

        for event in timeline.events:
            if renamed:
                start = fix(event.when)
                assert start is not None
                event = event._replace(
                    id=renamed.get(event.id, event.id),
                    in_reply_to=renamed.get(event.in_reply_to, event.in_reply_to),
                    when=start,
                    end=fix(event.end),
                )
            events.append(event)
    first = timelines[0]
    return Timeline(
        title=" + ".join(t.title for t in timelines),
        events=chronological(events),
        summary=first.summary,
        timezone=first.timezone,
        source=first.source,
        eras=tuple(era for t in timelines for era in t.eras),
        media=first.media,
        files=tuple(f for t in timelines for f in t.files),
    )


def merge_problems(
    timelines: Sequence[Timeline], problems: list[Problem], merged: Timeline | None = None
) -> list[Problem]:
    """The files' problems as they stand once merged: a reply each file found naming no
    event of its own is no longer warned about when another file's event has that id
    (the merged timeline links them), what of a later file's `[timeline]` the merged
    one does not show is said, and so are times of the files' different zones that
    the merged order lists after a later moment.

    Found from the files' ids, links and dates, without `merge` (given as `merged`
    when it is made anyway) unless times of several zones need the merged order:
    merging makes every event of a stored timeline (`timeline check` of 1,000,000
    events and 100,000 more took 83 s and 1.9 GB)."""
    ids = [list(fields_of(timeline.events, "id")) for timeline in timelines]
    merged_ids = {  # after the renames
        renamed.get(ident, ident)
        for own, renamed in zip(ids, renames(timelines, ids), strict=True)
        for ident in own
    }
    across: set[tuple[str, str]] = set()
    for timeline, own in zip(timelines, ids, strict=True):
        known = set(own)
        replies = fields_of(timeline.events, "in_reply_to")
        for ident, target in zip(own, replies, strict=True):
            if target and target not in known and target in merged_ids:
                across.update((name, ident) for name in timeline.files)
    kept = [
        problem
        for problem in problems
        if not (problem.field == "in_reply_to" and (problem.file, problem.event) in across)
    ]
    first = timelines[0]
    shown_from = first.files[0] if first.files else first.title
    for timeline in timelines[1:]:
        lost = [
            name
            for name, value, shown in (
                ("summary", timeline.summary, first.summary),
                ("source", timeline.source, first.source),
                ("media", timeline.media, first.media),
                ("timezone", timeline.timezone, first.timezone),
            )
            if value and value != shown
        ]
        if lost and timeline.files:
            listed = ", ".join(lost)
            kept.append(
                Problem(
                    "warning",
                    f"[timeline] {listed} of this file are not those of the merged timeline, "
                    f"which takes them from the first file given ({shown_from!r}); each "
                    "event keeps its own dates and sources",
                    timeline.files[0],
                )
            )
    zones = {when.tz for timeline in timelines for when in fields_of(timeline.events, "when")}
    zones.discard(None)
    if len(zones) < 2:  # (`out_of_order` would find nothing)
        return kept
    found = out_of_order((merged or merge(timelines)).events)
    # Not again when it is a pair of one file, which that file's own check has said.
    if found is not None and not any(problem.message == found[0] for problem in kept):
        said, event = found
        kept.append(
            Problem("warning", said, event.file or shown_from, event.line, 1, event.id, "date")
        )
    return kept
