"""Opening timeline files: choosing the reader by format, and merging several files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from timeline.problems import LoadResult, Problem
from timeline.read.files import check_file, decode, read_bytes
from timeline.read.merge import merge
from timeline.read.toml import Progress, load_file

#: Extensions with their own reader; anything else is read as our TOML.
FORMATS = {".json": "TimelineJS JSON", ".csv": "TimelineJS spreadsheet CSV"}


def load_any(path: str | Path, *, progress: Progress | None = None) -> LoadResult:
    """Load one file with the reader its extension names (TOML for anything unknown).

    `.json` is TimelineJS JSON and `.csv` the TimelineJS spreadsheet; problems are
    located the same way as for TOML: file, line where known, event and field.
    """
    suffix = Path(path).suffix.lower()
    name = str(path)
    # Before any reader opens it: a FIFO would block, /dev/zero never end, and the
    # large-file loader would read a file of any size.
    refused = check_file(path, name, FORMATS.get(suffix, ".toml"))
    if refused is not None:
        return LoadResult(None, [refused], unreadable=True)
    if suffix not in FORMATS:
        return load_file(path, progress=progress)
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
