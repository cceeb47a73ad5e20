"""Opening timeline files: choosing the reader by format, and merging several files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from timeline.load import LoadResult, Progress, load_file
from timeline.model import Event, Timeline, When, chronological


def load_any(path: str | Path, *, progress: Progress | None = None) -> LoadResult:
    """Load one file with the reader its extension names (TOML for anything unknown)."""
    return load_file(path, progress=progress)


def load_files(paths: Sequence[str | Path], *, progress: Progress | None = None) -> LoadResult:
    """Load and merge files; the result has every file's problems."""
    if len(paths) == 1:
        return load_any(paths[0], progress=progress)
    results = [load_any(p) for p in paths]
    problems = [problem for result in results for problem in result.problems]
    unreadable = any(result.unreadable for result in results)
    timelines = [result.timeline for result in results]
    if any(t is None for t in timelines):
        return LoadResult(None, problems, unreadable)
    return LoadResult(merge([t for t in timelines if t is not None]), problems)


def merge(timelines: Sequence[Timeline]) -> Timeline:
    """One timeline from several: an id found in more than one file gets its file's name
    as a prefix ("b.toml:letter"), and links within that file follow the rename."""
    counts = Counter(event.id for t in timelines for event in t.events)
    events: list[Event] = []
    for timeline in timelines:
        prefix = timeline.files[0] if timeline.files else timeline.title
        renamed = {e.id: f"{prefix}:{e.id}" for e in timeline.events if counts[e.id] > 1}

        def fix(when: When | None, renamed: dict[str, str] = renamed) -> When | None:
            if when is None or when.anchor not in renamed:
                return when
            return replace(when, anchor=renamed[when.anchor])

        for event in timeline.events:
            if renamed:
                start = fix(event.when)
                assert start is not None
                event = replace(
                    event,
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
