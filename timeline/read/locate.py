"""Where a problem's line and column come from: finding keys and tables in TOML text.

TOML parsers give values, not positions, so a problem found in a value is placed by
looking for its key in the text, within the table it belongs to: the nth `[[events]]`
entry, the nth `[[events.quotes]]` inside it, or the `[timeline]` table. A key written
some other way (inside an inline table, say) falls back to its table's header line.

An array written inline (`quotes = ["...", { text = "..." }]`) has its items placed
too, each where it starts (`Locator.items`), reading its strings and comments so that
a comma or bracket inside one is not taken for the array's.

The text is read only when a problem needs placing: a large file that loads cleanly
is never held whole. Each table's keys are indexed in one pass the first time one of
them is asked for, so placing thousands of problems costs one pass, not one per key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from timeline.dates.patterns import on_first_use

#: An `[[events]]` header, its name bare or quoted (`[["events"]]` means the same), or
#: a header whose name is a quoted key with an escape (`[["\u0065vents"]]`, which TOML
#: reads as `[[events]]`): that one is a header only when its name reads as "events"
#: (`is_header`). Looked for anywhere, it is also found quoted in a string (see
#: `headers`); one form missed here would let a quoted header make up for it in the
#: count, and every event after it would be placed at the header before its own.
HEADER = re.compile(
    r"""\[\[[ \t]*(?:events|"events"|'events'|(?P<escaped>"[^"\\\n]*\\(?:[^"\\\n]|\\.)*"))"""
    r"""[ \t]*\]\]"""
)
# A TOML basic string's escapes (TOML 1.0: tomllib refuses the others).
_ESCAPE = on_first_use(r"""\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([btnfr"\\]))""")
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescaped(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code is None:
        return _ESCAPED[match.group(3)]
    number = int(code, 16)
    return chr(number) if number <= 0x10FFFF else ""


def key_of(quoted: str) -> str:
    r"""A TOML key written as a basic string (`"\u0065vents"`), as TOML reads it."""
    return _ESCAPE().sub(_unescaped, quoted[1:-1])


def is_header(match: re.Match[str] | re.Match[bytes]) -> bool:
    """Whether a match of `HEADER` is an `[[events]]` header: its name, when written
    with an escape, reads as "events"."""
    escaped = match.group("escaped")
    if escaped is None:
        return True
    text = escaped if isinstance(escaped, str) else escaped.decode("utf-8", "replace")
    return key_of(text) == "events"


# A key at the start of a line: bare (dotted too: `source.url`), "quoted" or
# 'literal', then `=`.
_KEY = re.compile(
    r"""^[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*))[ \t]*=""",
    re.M,
)
# A key or a table header at the start of a line, for top-level keys.
_TOP = re.compile(
    r"^[ \t]*(?:\[+[ \t]*([^\]\n]*?)[ \t]*\]+|(?:\"((?:[^\"\\\n]|\\.)*)\"|([A-Za-z0-9_-]+))[ \t]*=)",
    re.M,
)
# An array of tables' header at the start of a line, its name's keys bare or quoted.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_ARRAY_HEADER = on_first_use(
    rf"^[ \t]*\[\[[ \t]*(?P<path>{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*\]\]", re.M
)
_PATH_PART = on_first_use(_KEY_PART)
# A table's or an array of tables' header at the start of a line (`[events.source]`,
# `[[events."quotes"]]`), its name's keys bare or quoted.
# (Compiled when a problem is first placed: most loads place none.)
_ANY_HEADER = on_first_use(
    rf"^[ \t]*\[\[?[ \t]*(?P<path>{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*\]", re.M
)


def _path(written: str) -> tuple[str, ...]:
    """A header's dotted name as TOML reads it: `events."quotes"` is ("events", "quotes")."""
    keys = []
    for part in _PATH_PART().findall(written):
        if part[0] == '"':
            part = key_of(part)
        elif part[0] == "'":
            part = part[1:-1]
        keys.append(part)
    return tuple(keys)


def _inner_tables(
    text: str, table: str, start: int, end: int
) -> Iterator[tuple[re.Match[str], tuple[str, ...]]]:
    """The headers of tables inside an entry of `table` between `start` and `end`
    (`[events.source]`, `[[events.quotes]]`, `[events."source"]`, `["events".media]`),
    with the path each names: where the keys of the table above it end."""
    for match in _ANY_HEADER().finditer(text, start, end):
        path = _path(match.group("path"))
        if len(path) > 1 and path[0] == table:
            yield match, path


def _array_starts(text: str, path: tuple[str, ...], start: int = 0, end: int = -1) -> list[int]:
    r"""Where each `[[...]]` header naming `path` starts between `start` and `end`, its
    name written any way TOML reads it (`[[events."quotes"]]`, `[["eras"]]`,
    `[["\u0065ras"]]`); a header quoted in a string is found too, as by `headers`."""
    end = len(text) if end < 0 else end
    return [
        m.start()
        for m in _ARRAY_HEADER().finditer(text, start, end)
        if _path(m.group("path")) == path
    ]


_TABLE_START = re.compile(r"^[ \t]*\[", re.M)
# A table's header (`[timeline]`, `["t\u0069meline"]`) and the rest of its line.
_TABLE_HEADER = on_first_use(
    rf"^[ \t]*\[(?!\[)[ \t]*(?P<path>{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*\][^\n]*",
    re.M,
)


def _table_header(text: str, path: tuple[str, ...]) -> re.Match[str] | None:
    """The first `[...]` header naming `path`, written any way TOML reads it."""
    return next((m for m in _TABLE_HEADER().finditer(text) if _path(m.group("path")) == path), None)


# A TOML string (a multi-line one may end in up to two quotes of its own) or comment.
_STRING_OR_COMMENT = (
    r'''"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}'''
    r"""|'''(?:[^']|'(?!''))*'{3,5}"""
    r'''|"(?:[^"\\\n]|\\.)*"'''
    r"""|'[^'\n]*'"""
    r"""|#[^\n]*"""
)
# A string or comment, or an `[[events]]` header at the start of a line: what
# `exact_headers` reads a text as, so that a header quoted inside a string is never
# taken for one.
_TOKENS = re.compile(
    rf"""(?P<header>^[ \t]*{HEADER.pattern})|""" + _STRING_OR_COMMENT,
    re.M,
)
# A value's parts, as `Locator.items` reads an array: a string or comment, a bracket,
# brace or comma, or a run of anything else (a number, a date, a key, `=`).
_VALUE_PARTS = re.compile(_STRING_OR_COMMENT + r"""|[][{},]|[^][{},\s#"']+""")


def exact_headers(text: str) -> tuple[list[int], list[int]]:
    """`headers`, reading strings and comments so that none held in one is found; and
    `[["events"]]`, which means the same. Slower: used when `headers` found more or
    fewer than the parser did."""
    starts: list[int] = []
    lines: list[int] = []
    line, last = 1, 0
    for match in _TOKENS.finditer(text):
        if match.group("header") is not None and is_header(match):
            start = match.start()
            line += text.count("\n", last, start)
            last = start
            starts.append(start)
            lines.append(line)
    return starts, lines


def _item_starts(text: str, value: int) -> list[int]:
    """Where each item of an array written inline starts, the array being the value
    that starts at `value` (after its key's `=`); [] when that is not an array."""
    starts: list[int] = []
    depth = 0
    item = False  # an item may start here: after the array's `[` or a comma in it
    for part in _VALUE_PARTS.finditer(text, value):
        token = part.group()
        if token[0] == "#":
            continue
        if not depth and token != "[":
            return []  # not an array
        if depth == 1 and item and token not in (",", "]"):
            starts.append(part.start())
        item = not depth or (depth == 1 and token == ",")
        if token in ("[", "{"):
            depth += 1
        elif token in ("]", "}"):
            depth -= 1
            if not depth:
                return starts
    return starts


def headers(text: str) -> tuple[list[int], list[int]]:
    """Offsets of the lines holding an `[[events]]` header, and their 1-based lines.

    Headers inside multi-line strings are found too: when the parser finds another
    number of events, the loader asks for `exact_headers` (`Locator.read_exactly`).
    """
    starts: list[int] = []
    lines: list[int] = []
    line, last = 1, 0
    for match in HEADER.finditer(text):
        if not is_header(match):
            continue
        pos = match.start()
        start = text.rfind("\n", 0, pos) + 1
        if start == pos or not text[start:pos].strip(" \t"):
            line += text.count("\n", last, start)
            last = start
            starts.append(start)
            lines.append(line)
    return starts, lines


class Locator:
    """Places keys of one TOML document.

    Args:
        read_text: Gives the document's whole text, when first needed.
        header_lines: The line of each `[[events]]` header, when already known (a
            large file's scan finds them without decoding the text).
    """

    def __init__(self, read_text: Callable[[], str], header_lines: Sequence[int] | None = None):
        self._read_text = read_text
        self._text: str | None = None
        self._starts: list[int] | None = None
        self._lines: Sequence[int] | None = header_lines
        # Each table's keys: their line and column, and where their value starts.
        self._spans: dict[tuple[str, int, str, int], dict[str, tuple[int, int, int]]] = {}
        self._items: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._top: dict[str, tuple[int, int]] | None = None
        self._tables: dict[str, list[int]] = {}

    @property
    def text(self) -> str:
        """The document's text, read on first use."""
        if self._text is None:
            self._text = self._read_text()
        return self._text

    def _headers(self) -> tuple[list[int], Sequence[int]]:
        if self._starts is None:
            self._starts, self._lines = headers(self.text)
        assert self._lines is not None
        return self._starts, self._lines

    def read_exactly(self) -> None:
        """Find the headers again, reading strings and comments: the quick way found a
        number of them the parser did not (one quoted inside a multi-line string)."""
        self._starts, self._lines = exact_headers(self.text)
        self._spans.clear()

    @property
    def header_lines(self) -> Sequence[int]:
        """The line of each `[[events]]` header, by position in the file."""
        return self._lines if self._lines is not None else self._headers()[1]

    def header_line(self, index: int) -> int:
        """Line of the index-th `[[events]]` header, 0 when there is none."""
        lines = self._lines if self._lines is not None else self._headers()[1]
        return lines[index] if 0 <= index < len(lines) else 0

    def field(
        self, index: int, key: str, table: str = "events", within: tuple[str, int] = ("", 0)
    ) -> tuple[int, int]:
        """Line and column of `key = ...` in the index-th entry of `table`.

        `within` picks a table inside the entry: ("quotes", 2) is the second
        `[[events.quotes]]` of the event, or the second item of `quotes = [...]`
        written inline (where it starts). A key of a table inside the table is
        dotted, `source.url`: at `source.url = ...`, else inside `source = {...}`
        (at its line), else in an `[events.source]` table. A key not written at the
        start of a line is placed at its table's header, column 1; only the table's
        own keys are looked at, never those of the tables after it.
        """
        sub, nth = within
        if nth and table == "events" and self._sub_starts(index, sub) == []:
            # `quotes = [...]`, written inline: at the item (or the array) instead.
            items = self.items(index, sub)
            if nth <= len(items):
                return items[nth - 1]
            within = ("", 0)
            key = sub
        span = self._span(table, index, within)
        if span is None:
            # No `[[eras]]` (or `[[events]]`) header of that number: the array is
            # written inline (`eras = [{ ... }]`), and is placed at its key.
            return self.place_of_key(table)
        keys, base = span
        found = keys.get(key)
        if found is None:
            outer, _, inner = key.partition(".")
            if inner:
                # `source = { url = 9 }` is at its line; `source.url = 9` was found above.
                found = keys.get(outer) or next(
                    (at for name, at in keys.items() if name.startswith(outer + ".")), None
                )
            if found is None:  # `[events.source]`, an unknown `[events.extra]` or `[eras.x]`
                return self._in_table(table, index, within, outer, inner) or (base, 1)
        return (found[0], found[1]) if found else (base, 1)

    def _sub_starts(self, index: int, sub: str) -> list[int] | None:
        """Where each `[[events.<sub>]]` of the index-th event starts; None when there is
        no such event."""
        starts = self._headers()[0]
        if index >= len(starts):
            return None
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return _array_starts(self.text, ("events", sub), start, end)

    def _in_table(
        self, table: str, index: int, within: tuple[str, int], name: str, key: str
    ) -> tuple[int, int] | None:
        """Line and column of `key` in the table `name` of the index-th entry of `table`
        (of an event's nth quote or source: `[events.quotes.source]`), at the table's
        header, however it is written (`[events."source"]`), when the key is not
        written in it (or is ""); None when there is no such table."""
        sub, nth = within
        wanted = (table, sub, name) if nth else (table, name)
        start, end = self._region(index, within, table)
        text = self.text
        headers = _inner_tables(text, table, start, end)
        found = next((match for match, path in headers if path == wanted), None)
        if found is None:
            return None
        stop = next((match for match, _ in _inner_tables(text, table, found.end(), end)), None)
        # Counted from the event's header, whose line is known (not from the file's start
        # for each problem: see `_span`).
        known, known_line = 0, 1
        if table == "events":
            starts, lines = self._headers()
            if index < len(lines):
                known, known_line = starts[index], lines[index]
        line = known_line + text.count("\n", known, found.start())
        for match in _KEY.finditer(text, found.end(), stop.start() if stop else end):
            if _key_name(match) == key:
                line_start = text.rfind("\n", 0, match.start()) + 1
                stripped = len(match.group()) - len(match.group().lstrip())
                column = match.start() - line_start + 1 + stripped
                return line + text.count("\n", found.start(), match.start()), column
        return line, 1

    def items(self, index: int, key: str) -> list[tuple[int, int]]:
        """Line and column of each item of the array written inline as `key = [...]` in
        the index-th event, where the item starts; [] when the key is not written so."""
        known = self._items.get((index, key))
        if known is not None:
            return known
        span = self._span("events", index, ("", 0))
        found = span[0].get(key) if span else None
        placed: list[tuple[int, int]] = []
        if found is not None:
            text = self.text
            line, _, last = found
            for start in _item_starts(text, last):
                line += text.count("\n", last, start)
                last = start
                placed.append((line, start - text.rfind("\n", 0, start)))
        self._items[(index, key)] = placed
        return placed

    def count(self, index: int, sub: str) -> int:
        """How many `[[events.<sub>]]` tables the index-th event holds."""
        return len(self._sub_starts(index, sub) or ())

    def _region(
        self, index: int, within: tuple[str, int], table: str = "events"
    ) -> tuple[int, int]:
        """Where the index-th event (or its nth quote or source), or the index-th entry
        of another array of tables, starts and ends in the text, the tables inside it
        included."""
        if table != "events":
            found = self._table_starts(table)
            end = found[index + 1] if index + 1 < len(found) else len(self.text)
            return found[index], end
        starts = self._headers()[0]
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        sub, nth = within
        subs = self._sub_starts(index, sub) if nth else None
        if subs and nth - 1 < len(subs):
            start = subs[nth - 1]
            end = subs[nth] if nth < len(subs) else end
        return start, end

    def _span(
        self, table: str, index: int, within: tuple[str, int]
    ) -> tuple[dict[str, tuple[int, int, int]], int] | None:
        text = self.text
        # Lines are counted from the nearest point whose line is known: from the start of
        # the file for each problem, a file with thousands of them took minutes.
        known, known_line = 0, 1
        sub, nth = within
        if table == "events":
            starts, lines = self._headers()
            if index >= len(starts):
                return None
            if index < len(lines):
                known, known_line = starts[index], lines[index]
        elif index >= len(self._table_starts(table)):
            return None
        start, end = self._region(index, within, table)
        # The table's own keys end where a table inside it starts: a key of a quote's or
        # a source's table is not the event's (`date`, `url`), nor a source's the quote's
        # before it, nor an `[eras.extra]` table's the era's.
        after_header = text.find("\n", start) + 1 or end
        inner = next((match for match, _ in _inner_tables(text, table, after_header, end)), None)
        if inner is not None:
            end = inner.start()
        base = known_line + text.count("\n", known, start)
        cached = self._spans.get((table, index, sub, nth))
        if cached is None:
            cached = {}
            line, last = base, start
            for match in _KEY.finditer(text, start, end):
                name = _key_name(match)
                if name in cached:
                    continue
                line += text.count("\n", last, match.start())
                last = match.start()
                line_start = text.rfind("\n", 0, match.start()) + 1
                stripped = len(match.group()) - len(match.group().lstrip())
                cached[name] = (line, match.start() - line_start + 1 + stripped, match.end())
            self._spans[(table, index, sub, nth)] = cached
        return cached, base

    def _table_starts(self, table: str) -> list[int]:
        found = self._tables.get(table)
        if found is None:
            found = self._tables[table] = _array_starts(self.text, (table,))
        return found

    def place_of_key(self, key: str) -> tuple[int, int]:
        """Line and column of the first top-level `key = ...` or `[key]`/`[[key]]`
        header; (0, 0) when not found."""
        if self._top is None:
            top: dict[str, tuple[int, int]] = {}
            text = self.text
            line, last = 1, 0
            for match in _TOP.finditer(text):
                header, quoted, bare = match.groups()
                # As TOML reads it: `["t\u0069meline"]` is `[timeline]`.
                name = ".".join(_path(header)) if header is not None else bare
                if quoted is not None:
                    name = key_of(f'"{quoted}"')
                if name not in top:
                    line += text.count("\n", last, match.start())
                    last = match.start()
                    top[name] = (line, _column(text, match.start()))
            self._top = top
        return self._top.get(key, (0, 0))

    def place_in_header_table(self, name: str, key: str = "") -> tuple[int, int]:
        """Line and column of `[timeline]`'s field `name` (`name = ...` or a
        `[timeline.name]` table), or of `key` within it; the field's when the key is not
        found there."""
        text = self.text
        table = _table_header(text, ("timeline",))
        # `name = ...` within the table (a quote's field of the same name comes
        # elsewhere), or a `[timeline.name]` table anywhere.
        if table is not None:
            end = _TABLE_START.search(text, table.end())
            field = re.compile(rf"^[ \t]*{re.escape(name)}[ \t]*=", re.M)
            match = field.search(text, table.end(), end.start() if end else len(text))
        else:
            match = None
        if match is None:
            match = _table_header(text, ("timeline", name))
        if match is None:  # written some other way: at the table (or inline table)
            if table is None:
                return self.place_of_key("timeline")
            return _place(text, table.start())
        place = _place(text, match.start())
        if not key or not match.group().rstrip().endswith("]"):
            return place  # no key wanted, or an inline table: all on this line
        end = _TABLE_START.search(text, match.end())
        stop = end.start() if end else len(text)
        inner = re.compile(rf'^[ \t]*(?:"{re.escape(key)}"|{re.escape(key)})[ \t]*=', re.M)
        found = inner.search(text, match.end(), stop)
        return _place(text, found.start()) if found else place


def _column(text: str, start: int) -> int:
    """The 1-based column of what a match found at `start` (a key, a header) after the
    blanks it starts with: where the key is written, as `_span` places an event's."""
    line_start = text.rfind("\n", 0, start) + 1
    while start < len(text) and text[start] in " \t":
        start += 1
    return start - line_start + 1


def _place(text: str, start: int) -> tuple[int, int]:
    """The 1-based line and column of what a match found at `start`, counted from the
    start of the text (for the few problems of the [timeline] table)."""
    return text.count("\n", 0, start) + 1, _column(text, start)


def _key_name(match: re.Match[str]) -> str:
    """The key a `_KEY` match found: a dotted bare key without its spaces."""
    quoted, literal, bare = match.groups()
    return (
        quoted if quoted is not None else literal if literal is not None else "".join(bare.split())
    )
