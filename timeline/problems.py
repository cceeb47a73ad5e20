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

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Literal, NamedTuple

from timeline.text import escape_unsafe, visible

if TYPE_CHECKING:
    from collections.abc import Sequence

    from timeline.model import Event, Timeline

Severity = Literal["error", "warning"]


class Problem(NamedTuple):
    """One thing wrong with a file, located as precisely as it can be.

    Attributes:
        severity: "error" stops the file loading; "warning" does not.
        message: What was found and what would be valid.
        file: The file's path as given.
        line: 1-based line, 0 when unknown.
        column: 1-based column, 0 when unknown.
        event: Id (or position) of the event concerned, if any.
        field: The field concerned, if any.
    """

    severity: Severity
    message: str
    file: str
    line: int = 0
    column: int = 0
    event: str = ""
    field: str = ""

    def __str__(self) -> str:
        """`FILE:LINE:COL: error: message` on one line, nothing in it able to drive a terminal."""
        where = visible(self.file)
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {visible(self.message)}"

    def at_event(self) -> str:
        """The message as shown at its event (the viewer's detail pane): its line, and
        what it says without the `event 'id': ` it starts with; nothing in it able to
        drive a terminal."""
        message = self.message
        for named in (f"event {shown(self.event)}: ", f"event {self.event}: "):
            if self.event and message.startswith(named):
                message = message[len(named) :]
                break
        where = f"line {self.line}: " if self.line else ""
        return where + visible(message)

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data, for `check --format json`; text shown as in `str`."""
        return {
            "severity": self.severity,
            "file": visible(self.file),
            "line": self.line or None,
            # As in the text form, a located problem without a column is at column 1.
            "column": (self.column or 1) if self.line else None,
            "event": visible(self.event) or None,
            "field": visible(self.field) or None,
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
    text = value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"
    quote = '"' if "'" in text and '"' not in text else "'"
    return f"{quote}{visible(text)}{quote}"


@dataclass
class LoadResult:
    """What loading produced: a timeline when there were no errors, and every problem.

    Attributes:
        timeline: The loaded timeline, or None when any error was found.
        problems: Errors and warnings in file order.
        unreadable: True when the file itself could not be read (missing, a directory,
            no permission); the command-line exit code is then 2 rather than 1.
    """

    timeline: Timeline | None
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False

    @property
    def errors(self) -> list[Problem]:
        """Only the errors."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings."""
        return [p for p in self.problems if p.severity == "warning"]


def by_event(
    problems: Iterable[Problem], events: Sequence[Event]
) -> dict[tuple[str, int], list[Problem]]:
    """The problems of each event, keyed by where the event is written (file, line).

    A problem belongs to the event whose header is the last one at or above its line,
    in its file: readers place a problem at the field concerned, inside its event.
    One without a line belongs to the event its id names. Problems of no event (of the
    file, or of its `[timeline]` table) are left out; so are events written nowhere
    (line 0), which a problem cannot be placed in.
    """
    from bisect import bisect_right

    heads: dict[str, list[int]] = {}
    by_id: dict[str, tuple[str, int]] = {}
    for event in events:
        if event.line:
            heads.setdefault(event.file, []).append(event.line)
            by_id.setdefault(event.id, (event.file, event.line))
    for lines in heads.values():
        lines.sort()
    placed: dict[tuple[str, int], list[Problem]] = {}
    for problem in problems:
        if not problem.event:
            continue
        where: tuple[str, int] | None = None
        if problem.line:
            written = heads.get(problem.file, [])
            at = bisect_right(written, problem.line) - 1
            if at >= 0:
                where = (problem.file, written[at])
        else:
            where = by_id.get(problem.event)
        if where is not None:
            placed.setdefault(where, []).append(problem)
    return placed


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str:
    """ "; did you mean 'title'?" for a near miss, or ""."""
    import difflib  # only a file with a mistake in it needs suggestions

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


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
