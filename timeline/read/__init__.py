"""Opening timeline files: choosing the reader by format, and merging several files.

The readers: `toml` (ours), `timelinejs` (Knight Lab's JSON) and `csv` (its
spreadsheet), with `html` for the HTML text TimelineJS holds. Each gives a
`LoadResult`: the timeline when there were no errors, and every problem located.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from timeline.problems import LoadResult, Problem, shown, shown_file
from timeline.read.files import check_file, decode, read_bytes
from timeline.read.merge import (
    answered_elsewhere,
    ids_of,
    merge,
    merge_problems,
    nearest_id,
    replies_of,
    reply_to_none,
)
from timeline.read.resolve import anchor_elsewhere
from timeline.read.toml import TUNING, Preview, Progress, Tuning, load_file
from timeline.store import fields_of

#: Extensions with their own reader; anything else is read as our TOML.
FORMATS = {".json": "TimelineJS JSON", ".csv": "TimelineJS spreadsheet CSV"}


def load_any(
    path: str | Path,
    *,
    progress: Progress | None = None,
    tuning: Tuning = TUNING,
    cache_writes: list[Callable[[], object]] | None = None,
    preview: Preview | None = None,
    remake_for_cache: bool = True,
) -> LoadResult:
    """Load one file with the reader its extension names (TOML for anything unknown).

    `.json` is TimelineJS JSON and `.csv` the TimelineJS spreadsheet; problems are
    located the same way as for TOML: file, line where known, event and field.
    `tuning`, `cache_writes`, `preview` and `remake_for_cache` are `load_file`'s, for
    TOML files.
    """
    suffix = Path(path).suffix.lower()
    name = str(path)
    # Before any reader opens it: a FIFO would block, /dev/zero never end, and the
    # large-file loader would read a file of any size.
    refused = check_file(path, name, FORMATS.get(suffix, ".toml"))
    if refused is not None:
        return LoadResult(None, [refused], unreadable=True)
    if suffix not in FORMATS:
        return load_file(
            path,
            progress=progress,
            tuning=tuning,
            cache_writes=cache_writes,
            preview=preview,
            remake_for_cache=remake_for_cache,
        )
    text, problems, unreadable = _read(Path(path), name, FORMATS[suffix])
    if text is None:
        return LoadResult(None, problems, unreadable)
    if suffix == ".json":
        from timeline.read import timelinejs

        result = timelinejs.loads(text, name)
    else:
        from timeline.read import csv

        result = csv.loads(text, name)
    result.problems[:0] = problems
    if progress is not None:
        progress(1.0)
    return result


def _read(path: Path, name: str, what: str) -> tuple[str | None, list[Problem], bool]:
    """A JSON or CSV file as text; a UTF-8 byte-order mark (Excel writes one) is dropped."""
    data, problems, unreadable = read_bytes(path, name, what=what, warn_bom=False)
    if data is None:
        return None, problems, unreadable
    text, more = decode(data, name, expected=f"expected {what}")
    return text, problems + more, False


def load_files(
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    tuning: Tuning = TUNING,
    cache_writes: list[Callable[[], object]] | None = None,
    preview: Preview | None = None,
    last_good: Mapping[str, LoadResult] | None = None,
) -> LoadResult:
    """Load and merge files; the result has every file's problems. `preview` is
    `load_file`'s, for one TOML file (several are shown merged, once all are read).

    A file given again (as itself, another spelling of its path, or a link to it) is
    read once, with a warning: merged with itself, every event would be shown twice.

    `last_good` (the viewer's) holds of several files each one's last result that
    loaded, by name (the `parts` of an earlier result): a file failing now is merged
    as that version while another file loads (`holding_back`).
    """
    paths, again = each_file_once(paths)
    if len(paths) == 1:
        result = load_any(
            paths[0], progress=progress, tuning=tuning, cache_writes=cache_writes, preview=preview
        )
        return merged([result], again)
    results = [
        load_any(path, progress=part, tuning=tuning, cache_writes=cache_writes)
        for path, part in zip(paths, _parts_of(paths, progress), strict=True)
    ]
    whole = merged(results, again)
    whole.parts = {str(path): result for path, result in zip(paths, results, strict=True)}
    return holding_back(whole, again, last_good) if last_good else whole


def holding_back(
    whole: LoadResult, again: Sequence[Problem], last_good: Mapping[str, LoadResult]
) -> LoadResult:
    """Several files' result (`whole`, with its `parts`) when some failed to load: each
    merged as its last good version (`last_good`) with the others as they are now, and
    its errors beside them (`LoadResult.held`); `whole` itself when every file loaded,
    none did, or one that failed has no good version.

    In the viewer, a good save of one file was hidden until another, broken, was
    fixed, and the screen said only that "the file" had problems (found trying the
    tool as a new user)."""
    failed = [name for name, part in whole.parts.items() if part.timeline is None]
    if not failed or len(failed) == len(whole.parts) or any(n not in last_good for n in failed):
        return whole
    parts = [last_good[name] if name in failed else part for name, part in whole.parts.items()]
    showing = merged(parts, again)
    showing.parts, showing.held = whole.parts, tuple(failed)
    # Their errors as they stand beside the others (`_answered_elsewhere`), after what
    # is said of the timeline shown.
    showing.problems += whole.errors
    return showing


def _parts_of(paths: Sequence[str | Path], progress: Progress | None) -> list[Progress | None]:
    """For each file, its load's progress as part of all of theirs, by their sizes: the
    viewer's bar stood at 0% while 1,000,000 events and a file beside them loaded."""
    if progress is None:
        return [None] * len(paths)
    sizes = []
    for path in paths:
        try:
            sizes.append(os.stat(path).st_size)
        except (OSError, ValueError):
            sizes.append(0)  # said by its load
    total = sum(sizes) or 1

    def part(before: int, size: int) -> Progress:
        return lambda fraction: progress((before + fraction * size) / total)

    return [part(sum(sizes[:n]), size) for n, size in enumerate(sizes)]


def merged(
    results: Sequence[LoadResult], again: Sequence[Problem] = (), *, timeline: bool = True
) -> LoadResult:
    """The files' results as one: their timelines merged, and every problem as it
    stands once they are (`merge_problems`), after `again`'s (`each_file_once`'s).
    Without `timeline`, the problems alone (`timeline check`: merging makes every event
    of a stored timeline)."""
    if len(results) == 1:
        result = results[0]
        result.problems[:0] = again
        return result if timeline else LoadResult(None, result.problems, result.unreadable)
    problems = [*again, *(problem for result in results for problem in result.problems)]
    unreadable = any(result.unreadable for result in results)
    timelines = [result.timeline for result in results]
    if any(t is None for t in timelines):
        return LoadResult(None, [*again, *_answered_elsewhere(results)], unreadable)
    read = [t for t in timelines if t is not None]
    ids = ids_of(read)
    whole = merge(read, ids) if timeline else None
    return LoadResult(whole, merge_problems(read, problems, whole, ids), unreadable)


def _answered_elsewhere(results: Sequence[LoadResult]) -> list[Problem]:
    """The files' problems, but a reply's warning that it names no event when another
    file's event has that id: merged, they are linked, and `merge_problems` drops it.
    When a file failed to load there is no merge; its reply to another file's event was
    warned about beside its errors (found trying the tool as a new user). An event
    dated from another file's event is an error all the same (a date is counted only
    within its file), which says so rather than that no event has that id.

    A reply naming no event of any file read says so, with the nearest id of any of
    them, and, while a file failed before its ids were read (its TOML syntax), that
    that file may give it: it was said to name no event, and the file giving it was
    broken for a moment (found trying the tool as a new user)."""
    owns = [
        frozenset(fields_of(r.timeline.events, "id")) if r.timeline is not None else r.ids
        for r in results
    ]
    names = [
        r.timeline.files[0]
        if r.timeline is not None and r.timeline.files
        else next((p.file for p in r.problems), "")
        for r in results
    ]
    unread = [name for name, own in zip(names, owns, strict=True) if own is None]
    known = [own or frozenset() for own in owns]
    kept: list[Problem] = []
    for n, result in enumerate(results):
        elsewhere = frozenset().union(*(own for m, own in enumerate(known) if m != n))
        replies = list(
            result.links if result.timeline is None else replies_of(result.timeline.events)
        )
        answered = answered_elsewhere(replies, known[n], elsewhere.__contains__)
        groups: list[tuple[str, Collection[str]]] = [("", known[n])]
        groups += [(names[m], own) for m, own in enumerate(known) if m != n]
        others_unread = [name for name in unread if name != names[n]]
        lost = {
            ident: target
            for ident, target in replies
            if target and target not in known[n] and target not in elsewhere
        }
        dated = {
            label: anchor_elsewhere(
                who, anchor, [names[m] for m, own in enumerate(known) if m != n and anchor in own]
            )
            for label, who, anchor in result.anchors
            if anchor in elsewhere
        }
        for p in result.problems:
            if p.field == "in_reply_to" and p.event in answered:
                continue
            if p.field == "in_reply_to" and p.event in lost:
                p = _reply_to_none(p, lost[p.event], groups, others_unread)
            if p.field == "relative_to" and p.event in dated:
                p = p._replace(message=dated[p.event])
            kept.append(p)
    return kept


def _reply_to_none(
    problem: Problem, target: str, groups: list[tuple[str, Collection[str]]], unread: list[str]
) -> Problem:
    """A reply's warning that it names no event of its file, as it stands beside the
    other files (`reply_to_none`): the same unless another file has a nearer id, or a
    file that did not load may give it."""
    near = nearest_id(target, groups)
    if not unread and (near is None or not near[1]):
        return problem  # as its file said it
    who, named, _ = problem.message.partition(": in_reply_to names ")
    if not named:
        who = f"event {shown(problem.event)}"
    return problem._replace(message=reply_to_none(who, target, near, unread))


def each_file_once(paths: Sequence[str | Path]) -> tuple[list[str | Path], list[Problem]]:
    """The paths without those naming a file given before them, and a warning for each
    left out. A path that cannot be looked at is kept: reading it says what is wrong.
    So is one on a file system that numbers no file (an inode of 0: some network and
    FUSE file systems), where two files cannot be told apart."""
    first: dict[tuple[int, int], str] = {}
    kept: list[str | Path] = []
    again: list[Problem] = []
    for path in paths:
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            kept.append(path)
            continue
        key = (status.st_dev, status.st_ino)
        if not status.st_ino:
            kept.append(path)
            continue
        if key in first:
            message = f"is the file given before as {shown_file(first[key])}; it is read once"
            again.append(Problem("warning", message, str(path)))
            continue
        first[key] = str(path)
        kept.append(path)
    return kept, again
