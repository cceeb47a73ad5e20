"""A small file's document parsed whole: with the fast parser, and with tomllib when that
refuses it, whose messages say where the error is; a syntax error said as the reader
expects.

Problems are reported the way compilers do (`FILE:LINE:COL: error: message`), with
what is wrong with the value and what to write where tomllib says only "Invalid
value". Large files are parsed a chunk at a time (timeline/read/chunks.py), and only
what the chunks cannot stand for comes here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from timeline.dates import DateError, read_date
from timeline.read import toml_fast

#: Adds a problem: severity, message, line, column (the loader's `add`).
Add = Callable[..., None]

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def parse_whole(text: str, fast: bool, add: Add) -> dict[str, Any] | None:
    """The text's document: read with the fast parser when `fast`, and with tomllib when
    not or when that refuses it (tomllib's messages locate the error); None, having added
    the error, when it cannot be read."""
    # The fast parser's errors are not shown: tomllib reads the text again and says
    # what is wrong as the reader expects (timeline/read/toml_fast.py: why they agree).
    doc = toml_fast.read(text) if fast else None
    if doc is not None:
        return doc
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _syntax_error(str(exc), text, add)
        return None
    except RecursionError:
        line, column = _too_deep(text)
        add(
            "error",
            "TOML syntax: tables or arrays nested too deeply to read (more than "
            f"{_DEEP} levels); a timeline needs a few",
            line,
            column,
        )
        return None
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits (a guard
        # against slow conversions); tomllib lets its plain ValueError through.
        line, column = _long_number(text)
        add(
            "error",
            "TOML syntax: a number of more than 4,300 digits cannot be read; if it "
            'is meant, write it as text, in quotes ("999…")',
            line,
            column,
        )
        return None


def _syntax_error(message: str, text: str, add: Add) -> None:
    said, line, column = syntax_error(message, text)
    add("error", f"TOML syntax: {said}", line, column)


def syntax_error(message: str, text: str) -> tuple[str, int, int]:
    """What tomllib's message for the text says, without where, and where (line and
    column, from 1): for `FILE:LINE:COL: error: ...`, which editors jump to. Its
    "(at line 1, column 9)" is taken off, and what to write said where it can be."""
    match = _TOML_POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        return _TOML_POSITION.sub("", message) + _value_hint(text, line), line, column
    # A file cut short: the parser says "at end of document"; point at its end.
    line = text.count("\n") + 1
    column = len(text) - (text.rfind("\n") + 1) + 1
    said = _AT_END.sub("", message) + " (the file ends here: is it cut short?)"
    return said, line, column


_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*$")
_BARE_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[T ][0-9:.+\-Zz]*)?")


def _value_hint(text: str, line: int) -> str:
    """What is wrong with a value the parser refused on this line, and what to write.

    tomllib says only "Expected newline" or "Invalid value": for `date = 2018-07-32`
    the date cannot be (the same message as for the string "2018-07-32"); for
    `date = July 16, 2018` the value is text that needs quotes.
    """
    lines = text.split("\n", line)
    match = _ASSIGNMENT.match(lines[line - 1]) if line <= len(lines) else None
    if match is None:
        return ""
    key, value = match.groups()
    value = value.split(" #", 1)[0].strip()
    if _BARE_DATE.fullmatch(value):
        try:
            read_date(value)
        except DateError as exc:
            return f"; {value} cannot be a date: {exc}"
        return ""
    if value[:1].isalpha() and value not in ("true", "false", "inf", "nan"):
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'; text must be in quotes: {key} = "{quoted}"'
    return ""


#: Nesting deeper than this is where a file too deep to read is said to go wrong.
_DEEP = 100


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column where arrays and tables nest `_DEEP` deep (strings skipped)."""
    depth = 0
    quote = ""
    line, start = 1, 0
    for i, char in enumerate(text):
        if char == "\n":
            line, start = line + 1, i + 1
            if quote in ('"', "'"):
                quote = ""  # a one-line string cannot go on: whatever it was, it ended
        elif quote:
            if char == quote and (quote == "'" or text[i - 1] != "\\"):
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > _DEEP:
                return line, i - start + 1
        elif char in "]}":
            depth = max(0, depth - 1)
    return 1, 1


_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4300,}")


def _long_number(text: str) -> tuple[int, int]:
    """Line and column of the first number too long for Python to read (1, 1 if none)."""
    match = _LONG_NUMBER.search(text)
    if match is None:
        return 1, 1
    start = match.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1
