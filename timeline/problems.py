"""Problems found in a file: what they say, where they are, and suggestions.

Every reader (TOML, TimelineJS JSON, CSV) reports through these, the way compilers
do (`FILE:LINE:COL: error: message`), so editors can jump to them and `check` prints
them all alike.

Messages quote file text (ids, keys, values), and a file can hold escape sequences
that retitle a terminal or write its clipboard. So a problem is shown only through
`Problem.__str__`, `Problem.as_dict` and `to_json`, which show every control
character as a visible stand-in whatever a reader put in the message; readers quote
file text with `shown`, which does the same and keeps a long value short.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Literal, NamedTuple

from timeline.text import escape_unsafe, file_name, visible

if TYPE_CHECKING:
    from timeline.model import Timeline

Severity = Literal["error", "warning"]


class _Fields(NamedTuple):
    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    event: str = ""
    field: str = ""


class Problem(_Fields):
    """One thing wrong with a file, located as precisely as it can be.

    Attributes:
        severity: "error" stops the file loading; "warning" does not.
        message: What was found and what would be valid.
        file: The file's path as given.
        line: 1-based line, 0 when unknown.
        column: 1-based column; 1 when only the line is known, 0 when the line is not.
        event: Id (or position) of the event concerned, if any.
        field: The field concerned, if any.
    """

    __slots__ = ()

    def __new__(
        cls,
        severity: Severity,
        message: str,
        file: str,
        line: int = 0,
        column: int = 0,
        event: str = "",
        field: str = "",
    ) -> Problem:
        # A reader that knows only the line (a spreadsheet's row, a slide, a key found
        # by its line) gives no column: it is 1 here, once, for every output. It was 0,
        # which the text form printed as 1 and the JSON form turned into 1 by a rule of
        # its own, and anything else reading the column saw 0.
        return super().__new__(
            cls, severity, message, file, line, column or (1 if line else 0), event, field
        )

    def __str__(self) -> str:
        """`FILE:LINE:COL: error: message` on one line, nothing in it able to drive a terminal."""
        where = file_name(self.file)
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.severity}: {visible(self.message)}"

    def at_event(self, *, file: bool = False) -> str:
        """The message as shown at its event (the viewer's detail pane): its line, and
        what it says without the `event 'id': ` (or a spreadsheet's `row 5: `) it starts
        with; nothing in it able to drive a terminal. With `file`, its file too (`b.toml,
        line 11: `), for a list of several files' warnings."""
        message = self.message
        said = [f"event {shown(self.event)}: ", f"event {self.event}: "] if self.event else []
        for named in [*said, f"row {self.line}: "]:
            if message.startswith(named):
                message = message[len(named) :]
                break
        where = [file_name(self.file)] if file and self.file else []
        if self.line:
            where.append(f"line {self.line}")
        return (f"{', '.join(where)}: " if where else "") + visible(message)

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data, for `check --format json`; text shown as in `str`."""
        return {
            "severity": self.severity,
            "file": file_name(self.file),
            "line": self.line or None,
            "column": self.column if self.line else None,
            "event": visible(self.event) or None,
            # Shortened as messages quote it: an unknown key of 5,000,000 characters
            # stood whole. (An id is whole: a tool finds its event by it.)
            "field": unquoted(self.field) or None,
            "message": visible(self.message),
        }


def safe_json(data: object) -> str:
    """JSON text, readable UTF-8, but with every control and bidi character escaped."""
    import json  # only `check --format json` needs it

    # ensure_ascii=False leaves DEL, C1 (\x9b starts a sequence as ESC [ does) and
    # bidi marks raw; `escape_unsafe` writes them as \uXXXX, which means the same.
    return escape_unsafe(json.dumps(data, ensure_ascii=False, indent=2))


def to_json(problems: Iterable[Problem]) -> str:
    """The problems as `check --format json` prints them."""
    return safe_json({"problems": [p.as_dict() for p in problems]})


#: How much of a value a message quotes; the rest is elided.
SHOWN_LENGTH = 60


def shown(value: object) -> str:
    """File text quoted for a message: `'titel'`, controls as stand-ins, long text cut.

    Use it wherever a message embeds text from a file (ids, keys, values), rather than
    the text itself or `repr`, so the user reads what the file holds, on one line.
    """
    if not isinstance(value, str):
        return visible(str(value))
    return _quoted(unquoted(value))


def unquoted(text: str) -> str:
    """File text as `shown` quotes it, without the quotes: for JSON, whose strings are
    quoted already (the `field` of `check --format json`). Longer than `SHOWN_LENGTH`,
    its start and "…", which says that it was shortened."""
    if len(text) > SHOWN_LENGTH:
        text = text[: SHOWN_LENGTH - 1] + "…"
    return visible(text)


def shown_file(name: str) -> str:
    """A file's path quoted for a message as `shown` quotes file text (`'b.toml'`), but
    whole, since a path cut names no file; one that `file_name` quotes itself (a byte
    that is not UTF-8: `$'caf\\xe9.toml'`) as it does, rather than quoted twice."""
    said = file_name(name)
    return _quoted(said) if said == name else said


def _quoted(text: str) -> str:
    quote = '"' if "'" in text and '"' not in text else "'"
    return f"{quote}{text}{quote}"


@dataclass
class LoadResult:
    """What loading produced: a timeline when there were no errors, and every problem.

    Attributes:
        timeline: The loaded timeline, or None when any error was found (but see `held`).
        problems: Errors and warnings in file order.
        unreadable: True when the file itself could not be read (missing, a directory,
            no permission); the command-line exit code is then 2 rather than 1.
    """

    timeline: Timeline | None
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    links: Sequence[tuple[str, str]] = ()
    """Of a file that failed to load, each reply its events make: (the replying event's
    id or "#N", the id it answers). Merged with files that failed to load or not, a reply
    to another file's event is not warned about (`read.merged`), as once all load."""
    ids: frozenset[str] | None = None
    """Of a file that failed to load, every id its events give, read or rejected; None
    when they are not known (it failed before its events were read: its TOML syntax,
    a TimelineJS file, a file that cannot be read): merged, a reply naming no event of
    the others may name one of its own."""
    anchors: Sequence[tuple[str, str, str]] = ()
    """Of a file that failed to load, each event dated from an id none of its events
    gives: (its id or "#N", its name in messages, that id). Merged, another file may
    give it (`read.merged` says so: a date is counted only from an event of its own file)."""

    parts: dict[str, LoadResult] = field(default_factory=dict)
    """Of several files merged, each file's own result, by its name as given."""
    held: tuple[str, ...] = ()
    """The files that failed to load, merged as their last good versions all the same
    (`read.load_files`'s `last_good`, the viewer's): the timeline is then there, with
    their errors among the problems."""

    @property
    def errors(self) -> list[Problem]:
        """Only the errors."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings."""
        return [p for p in self.problems if p.severity == "warning"]


def by_event(problems: Iterable[Problem], timeline: Timeline) -> dict[int, list[Problem]]:
    """The problems of each event, by the event's index in `timeline.events`.

    Readers name the event a problem is about (its id, or "#3" for the third table of
    a file whose event has no id yet) and place it at its field, inside the event. A
    problem naming an event of its file by id belongs to it, or to the event a merge
    renamed so ("b.toml:x"), whose header is the last above it in its file. Otherwise it belongs to
    the event whose header is the last at or above its line, in its file, if it is on
    that very line (a CSV row) or names that event's position ("#3"); not to the event
    above a title or era row that happens to follow it. Problems of no event (of the
    file, of its `[timeline]` table) are left out, and so are those that cannot be
    placed for sure.
    """
    from bisect import bisect_right

    events = timeline.events
    # Stored events: their file from their column, without making them.
    file_column = getattr(events, "columns", {}).get("file")
    heads: dict[str, list[tuple[int, int]]] | None = None  # built only if needed
    placed: dict[int, list[Problem]] = {}
    ids: Sequence[str] | None = None  # every event's id, read if needed
    for problem in problems:
        if not problem.event and not problem.line:
            continue
        index = timeline.index_of(problem.event) if problem.event else None
        if index is not None:
            file = events[index].file if file_column is None else file_column[index]
        if index is None or file != problem.file:
            index = None
            if problem.line:
                if heads is None:  # (line, index) of each event written at a known line
                    from timeline.store import fields_of

                    # Of the columns and rows of stored events, without making them
                    # (making every event took 8 s at 1,000,000, at the first row drawn).
                    heads = {}
                    written_at = zip(
                        fields_of(events, "file"), fields_of(events, "line"), strict=True
                    )
                    for i, (written_in, line) in enumerate(written_at):
                        if line:
                            heads.setdefault(written_in, []).append((line, i))
                    for written in heads.values():
                        written.sort()
                written = heads.get(problem.file, [])
                at = bisect_right(written, (problem.line, len(events))) - 1
                if at >= 0:
                    line, found = written[at]
                    # Slides of one line of JSON share it: which one is unknown.
                    shared = at > 0 and written[at - 1][0] == line
                    if (problem.line == line and not shared) or problem.event == f"#{at + 1}":
                        index = found
                    elif problem.event and not shared:
                        # Its event, renamed by a merge ("b.toml:x": another file gives
                        # an "x" too), is the one whose header is above it in its file.
                        if ids is None:
                            from timeline.store import fields_of

                            ids = list(fields_of(events, "id"))
                        if ids[found].endswith(f":{problem.event}"):
                            index = found
        if index is not None:
            placed.setdefault(index, []).append(problem)
    return placed


def suggest_aside(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """ " (did you mean 'title'?)" for a near miss, or "": for a message that goes on
    after it ("...; did you mean 'title'?; ids: ..." read badly)."""
    near = suggest(word, choices)
    return f" ({near.removeprefix('; ')})" if near else ""


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """ "; did you mean 'title'?" for a near miss, or ""."""
    close = closest(word, choices)
    return f"; did you mean {close!r}?" if close is not None else ""


def closest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The choice nearest `word`, when one is near enough to be a slip; else None."""
    import difflib  # only a file with a mistake in it needs suggestions

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def describe(value: object) -> str:
    """Name a TOML value's type the way the TOML spec does, with the value when short."""
    names = {
        bool: "boolean",
        int: "integer",
        float: "float",
        str: "string",
        list: "array",
        dict: "table",
        datetime: "date-time",
        date: "date",
        time: "time",
    }
    name = names.get(type(value), type(value).__name__)
    if isinstance(value, dict | list):
        return f"a {name}" if name != "array" else "an array"
    shown = repr(value) if isinstance(value, str) else str(value).lower()
    if len(shown) > 40:
        shown = shown[:37] + "..."
    article = "an" if name[0] in "aeiou" else "a"
    return f"{article} {name} ({shown})"
