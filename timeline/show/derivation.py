"""How a derived date was worked out, in words: "the Monday on or before …"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from timeline.dates import format_iso, format_long
from timeline.model import Event, Qualifier, Timeline
from timeline.text import one_line


def derivation(event: Event, timeline: Timeline, line: Callable[[str], str] = one_line) -> str:
    """How a date was worked out, for dates that are not plain ISO; file text made safe
    by `line`."""
    when = event.when
    written = line(when.written)
    if when.anchor:
        anchor = timeline.get(when.anchor)
        if anchor is None:
            return f"written as “{written}”, relative to {when.anchor}"
        target = f"“{line(anchor.title)}” ({format_long(anchor.when)})"
        if when.qualifier in (Qualifier.BEFORE, Qualifier.AFTER) and when.rule in (
            "before",
            "after",
        ):
            return f"written as “{written}”: only known to be {when.rule} {target}"
        return f"written as “{written}”: {when.rule} {target}"
    if written and written != format_iso(when) and not written.startswith(format_iso(when)):
        if _as_python_writes(written):
            # A TOML date-time is a value, not text: the parser keeps the instant, not its
            # spelling ("Z", a space for the T, ".750"), so it is not quoted as written.
            return f"given as {written}"
        return f"written as “{written}”"
    return ""


def _as_python_writes(written: str) -> bool:
    """Whether a date's text is what Python writes for a date-time (`isoformat`), as the
    readers give a TOML date-time value."""
    try:
        return datetime.fromisoformat(written).isoformat() == written
    except ValueError:
        return False
