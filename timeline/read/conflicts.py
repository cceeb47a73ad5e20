"""Git's merge conflict markers left in a file: a merge not resolved.

A conflict inside a multi-line string is still valid TOML, so the quote was read with
both versions and the markers in its words, and `check --strict` passed (found trying
the editing workflow as a new user); one between tables made the file "Invalid
statement" with no word of why. Each conflict is an error, said as the merge left it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache

from timeline.dates.patterns import on_first_use
from timeline.problems import shown

# A line opening or closing a conflict ("<<<<<<< HEAD", ">>>>>>> branch"). A "======="
# line alone is no marker: a Markdown heading in a multi-line string is underlined so.
_MARKER = on_first_use(r"(?m)^(<{7}|>{7})(?:[ \t\r].*)?$")


@cache
def _marker_bytes() -> re.Pattern[bytes]:
    return re.compile(rb"(?m)^(?:<{7}|>{7})(?:[ \t\r]|$)")


def has_markers(data: bytes) -> bool:
    """Whether these bytes (whole lines of a file) hold a conflict's marker."""
    if b"<<<<<<<" not in data and b">>>>>>>" not in data:  # the common case, in C
        return False
    return _marker_bytes().search(data) is not None


def conflict_problems(
    text: str,
    header_lines: Sequence[int],
    label: Callable[[int], str],
    add: Callable[[int, str, str], None],
) -> None:
    """Say each conflict of `text` as an error with `add(line, message, event)`, at its
    `<<<<<<<` line (or a marker left alone): the event is the one whose table holds
    the line (`label` of its position among the `header_lines`), "" before any."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return
    markers = [
        (text.count("\n", 0, found.start()) + 1, found.group(1)[0], found.group().rstrip())
        for found in _MARKER().finditer(text)
    ]
    n = 0
    while n < len(markers):
        line, sign, marker = markers[n]
        closing = markers[n + 1] if sign == "<" and n + 1 < len(markers) else None
        if closing is not None and closing[1] == ">":
            said = f"lines {line} to {closing[0]} hold"
            n += 2
        else:
            said = f"line {line} holds"
            n += 1
        position = bisect_right(header_lines, line) - 1
        event = label(position) if position >= 0 else ""
        where = f"event {shown(event)}: " if event else ""
        add(
            line,
            f"{where}{said} an unresolved git merge conflict ({shown(marker)}): the merge "
            "left both versions; keep the one meant and remove the lines <<<<<<<, ======= "
            "and >>>>>>>",
            event,
        )
