"""JSON text read safely: nesting too deep for Python's parser and lone surrogates are
found before parsing, a key given twice in one object is refused (JSON readers keep
one of the two, and which the author meant cannot be told), and every fault comes
back with its offset, so a message can give the line and column."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from timeline.problems import shown


class Fault(NamedTuple):
    """Why JSON text was not read: the message's end, and the offset in the text."""

    message: str
    offset: int | None = None


#: Nesting reported as too deep, once Python's parser has given up: TimelineJS files
#: nest about five levels; Python's own limit is near a thousand.
_DEEPEST = 500
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.S)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _too_deep(text: str) -> int | None:
    """Offset of the bracket that nests JSON text more than _DEEPEST levels, or None."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > _DEEPEST:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def _lone_surrogate(text: str) -> int | None:
    """Offset of the first `\\uD800`-`\\uDFFF` escape in JSON text that is not half of a
    surrogate pair, or None.

    JSON allows such an escape, and Python reads it into a string that is not Unicode
    and cannot be written out: every printout, export and copy of it would fail.
    """
    if _SURROGATE_ESCAPE.search(text) is None:
        return None
    high: int | None = None  # offset of a high half waiting for its low half
    end = -1
    for match in _ESCAPE.finditer(text):  # every escape, so `\\\\ud800` is no escape
        code = int(match.group(1), 16) if match.group(1) else -1
        if high is not None:
            if match.start() != end or not 0xDC00 <= code <= 0xDFFF:
                return high
            high = None
        elif 0xD800 <= code <= 0xDBFF:
            high = match.start()
        elif 0xDC00 <= code <= 0xDFFF:
            return match.start()
        end = match.end()
    return high


#: A JSON string, or a character of structure: what `_repeated_key` walks.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]', re.S)


def _repeated_key(text: str) -> tuple[str, int, int] | None:
    """The first key given a second time in one object of valid JSON text, in the
    order of the text: (the key, the offset of its second time, of its first), or None.

    Walked only once the parse has found one: a pattern over the text's strings and
    brackets, each object's keys in a dictionary on a stack.
    """
    stack: list[dict[str, int] | None] = []  # a dict of keys for an object, None for an array
    expecting_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{":
            stack.append({})
            expecting_key = True
        elif token == "[":
            stack.append(None)
        elif token in "]}":
            stack.pop()
            expecting_key = False
        elif token == ",":
            expecting_key = bool(stack) and stack[-1] is not None
        elif expecting_key:
            keys = stack[-1]
            assert keys is not None
            key = json.loads(token) if "\\" in token else token[1:-1]
            if key in keys:
                return key, match.start(), keys[key]
            keys[key] = match.start()
            expecting_key = False
    return None


def read_json(text: str) -> tuple[Any, Fault | None]:
    """JSON text as data, or why it cannot be read (syntax errors raise as json's do)."""
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        made = dict(items)
        if len(made) != len(items):
            repeated = True
        return made

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except RecursionError:
        where = _too_deep(text)
        nesting = f"more than {_DEEPEST} levels" if where is not None else "too deeply"
        return None, Fault(f"is nested {nesting} deep, too deep to read", where)
    surrogate = _lone_surrogate(text)
    if surrogate is not None:
        return None, Fault(
            f"holds {shown(text[surrogate : surrogate + 6])}, half of a UTF-16 surrogate "
            "pair without its other half: it is no character and cannot be shown or "
            "written out; remove it, or give the whole pair",
            surrogate,
        )
    if repeated:
        found = _repeated_key(text)
        if found is not None:
            key, second, first = found
            line, column = text_position(text, first)
            return None, Fault(
                f"gives the key {shown(key)} twice in one object (first at line {line}, "
                f"column {column}): which value was meant cannot be told; keep one",
                second,
            )
    return data, None


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
#: A JSON string read from just after its opening quote: (the string, the offset past it).
_string_at: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def slide_lines(text: str) -> dict[str, list[int]]:
    """Where the slides of JSON text that `read_json` has read begin: the 1-based line
    of each item of its top-level "events" and "eras" arrays, and of its "title", so
    that a message says where the slide it is about is ("f.json:12:1: ...").

    A second pass over the text, through json's own decoder in C: each value is read
    past, not looked at (10 ms for 10,000 slides, as long as the read itself). Where
    a key is given twice, the last one counts, as for the read. {} for anything else.
    """
    found: dict[str, list[int]] = {}
    try:
        at = _past_space(text, 0)
        if text[at] != "{":
            return {}
        at += 1
        while True:
            at = _past_space(text, at)
            if text[at] == "}":
                break
            key, at = _string_at(text, at + 1)
            at = _past_space(text, _past_space(text, at) + 1)  # past the colon
            if key in ("events", "eras") and text[at] == "[":
                starts: list[int] = []
                at += 1
                while True:
                    at = _past_space(text, at)
                    if text[at] == "]":
                        at += 1
                        break
                    starts.append(at)
                    _, at = _DECODER.raw_decode(text, at)
                    at = _past_space(text, at)
                    if text[at] == ",":
                        at += 1
                found[key] = starts
            else:
                if key == "title":
                    found[key] = [at]
                _, at = _DECODER.raw_decode(text, at)
            at = _past_space(text, at)
            if text[at] == ",":
                at += 1
    except (IndexError, ValueError):  # not the text that was read: no places
        return {}
    return {key: _lines_of(text, starts) for key, starts in found.items()}


def _past_space(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return at if match is None else match.end()


def _lines_of(text: str, offsets: list[int]) -> list[int]:
    """The 1-based lines of offsets given in order."""
    lines: list[int] = []
    line, last = 1, 0
    for offset in offsets:
        line += text.count("\n", last, offset)
        last = offset
        lines.append(line)
    return lines
