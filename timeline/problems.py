"""Problems found in a file: what they say, where they are, and suggestions.

Every reader (TOML, TimelineJS JSON, CSV) reports through these, the way compilers
do (`FILE:LINE:COL: error: message`), so editors can jump to them and `check` prints
them all alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from timeline.model import Timeline

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
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data, for `check --format json`."""
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line or None,
            # As in the text form, a located problem without a column is at column 1.
            "column": (self.column or 1) if self.line else None,
            "event": self.event or None,
            "field": self.field or None,
            "message": self.message,
        }


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
