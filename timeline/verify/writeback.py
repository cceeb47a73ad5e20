"""Writing `archive` and `accessed` into a timeline's TOML file, changing nothing else.

The file is edited with tomlkit, which keeps comments, order, blank lines and the way
every value is written. Only the source being archived changes:

- a source written as a string (`source = "https://..."`) becomes an inline table
  with the same string as its `url` (or `label`, when it is not an http(s) address)
  and the two new keys: `source = { url = "https://...", archive = "...", accessed = ... }`;
- an inline table (`source = { label = "...", url = "..." }`) gets the two keys at its
  end, its own spacing kept;
- a table (`[events.source]`, or one `[[events.sources]]` entry) gets them as lines
  after its last key, before any comment or blank line that follows it (which
  belongs to what comes next);
- keys already there are given their new values where they stand.

A source is named by its event's position among the `[[events]]` in file order, and
its position among that event's sources: the `source` key first when present, then
each `[[events.sources]]` entry in order. A quote's own source is named by the quote's
position among the event's `[[events.quotes]]` as well.

`write_archives` reads the file once, makes every edit, and replaces the file
atomically (keeping its permissions, writing through a symbolic link to the file it
names); if the file changed on disk meanwhile, nothing is written.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from tomlkit.items import InlineTable, Item, Table

_BOM = b"\xef\xbb\xbf"
_KEYS = ("archive", "accessed")


class WritebackError(Exception):
    """The file cannot be edited as asked; the message says why. It names no file: the
    caller knows which it gave and names it first, as `check` places a problem, with
    the line and column where known (`events.toml:1:9: error: not valid TOML: ...`),
    rather than twice."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        #: Where in the file, from 1; 0 when the message is about the whole file.
        self.line = line
        self.column = column


class SourceRef(NamedTuple):
    """Which source of a timeline file to edit.

    Attributes:
        event: 0-based position of the event among `[[events]]`, in file order.
        source: 0-based position among the event's (or quote's) sources: `source`
            first when present, then each `[[events.sources]]` entry.
        quote: 0-based position of a quote among the event's `[[events.quotes]]`,
            when the source is the quote's own; None for the event's sources.
    """

    event: int
    source: int = 0
    quote: int | None = None


class ArchiveEdit(NamedTuple):
    """One source's new `archive` and `accessed`."""

    ref: SourceRef
    archive: str
    accessed: date


def set_archives(text: str, edits: Sequence[ArchiveEdit]) -> str:
    """The TOML text with each edit made; every other byte as it was.

    Args:
        text: The file's text (without a byte-order mark).
        edits: What to write where.

    Raises:
        WritebackError: The text is not TOML, or a source is not where an edit says.
    """
    import tomllib

    import tomlkit
    from tomlkit.exceptions import ParseError

    from timeline.read.toml_parse import syntax_error

    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Where, as `check` says it (the file loaded once, and was changed since).
        said, line, column = syntax_error(str(error), text)
        raise WritebackError(f"not valid TOML: {said}; nothing was written", line, column) from None
    try:
        document = tomlkit.parse(text)
    except ParseError as error:
        # What tomllib reads and the editor does not: its column counts from 0.
        said = str(error).removesuffix(f" at line {error.line} col {error.col}")
        raise WritebackError(
            f"the TOML editor cannot read this file ({said}); nothing was written",
            error.line,
            error.col + 1,
        ) from None
    baseline = document.as_string()
    newline = "\r\n" if "\r\n" in text else "\n"
    for edit in edits:
        holder, key, index = _locate(document, edit.ref)
        values: dict[str, str | date] = {"archive": edit.archive, "accessed": edit.accessed}
        if index is None:
            new = _update(holder[key], values, newline, edit.ref)
            if new is not None:
                holder[key] = new  # the holder keeps the comment after the value
        else:
            new = _update(holder[key][index], values, newline, edit.ref)
            if new is not None:
                holder[key][index] = new
    result = _keep_other_lines(text, baseline, document.as_string())
    if tomllib.loads(result) != _expected(before, edits):
        raise WritebackError(
            "editing would have changed values other than the sources' archive "
            "and accessed; nothing was written (please report this)"
        )
    return result


def _keep_other_lines(original: str, baseline: str, edited: str) -> str:
    """The edited text with every line the edits did not touch taken from the original.

    tomlkit reproduces almost every file exactly; where it does not (it drops the blank
    between a date and a closing `}` or `]`), the lines it would change are restored.
    `baseline` is tomlkit's rendering before the edits: lines equal in it and in
    `edited` are untouched, and come from `original`, which has the same lines.
    """
    if baseline == original:
        return edited
    from difflib import SequenceMatcher

    ours = original.splitlines(keepends=True)
    theirs = baseline.splitlines(keepends=True)
    if len(ours) != len(theirs):
        raise WritebackError(
            "the TOML editor cannot keep this file's layout byte for byte; nothing was written"
        )
    edited_lines = edited.splitlines(keepends=True)
    out: list[str] = []
    matcher = SequenceMatcher(None, theirs, edited_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.extend(ours[i1:i2] if tag == "equal" else edited_lines[j1:j2])
    return "".join(out)


def _expected(before: dict[str, Any], edits: Sequence[ArchiveEdit]) -> dict[str, Any]:
    """The file's values as the edits should leave them (to check the text against)."""
    import copy

    after = copy.deepcopy(before)
    for edit in edits:
        owner = after["events"][edit.ref.event]
        if edit.ref.quote is not None:
            owner = owner["quotes"][edit.ref.quote]
        places: list[tuple[str, int | None]] = [("source", None)] if "source" in owner else []
        places.extend(("sources", i) for i in range(len(owner.get("sources", ()))))
        key, index = places[edit.ref.source]
        holder = owner if index is None else owner[key]
        slot: Any = key if index is None else index
        current = holder[slot]
        if isinstance(current, str):
            field = "url" if current.startswith(("http://", "https://")) else "label"
            current = holder[slot] = {field: current}
        current["archive"] = edit.archive
        current["accessed"] = edit.accessed
    return after


def write_archives(path: str | Path, edits: Sequence[ArchiveEdit]) -> None:
    """Make the edits in the file, atomically.

    Raises:
        WritebackError: The file cannot be read, parsed, edited or replaced, or it
            changed while the edits were made; the file is then as it was.
    """
    real = Path(path).resolve()
    try:
        data = real.read_bytes()
    except OSError as error:
        raise WritebackError(f"cannot be read: {error.strerror or error}") from None
    bom = _BOM if data.startswith(_BOM) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise WritebackError("is not valid UTF-8; nothing was written") from None
    new = bom + set_archives(text, edits).encode("utf-8")
    if new == data:
        return
    try:
        _replace(real, data, new)
    except OSError as error:
        raise WritebackError(
            f"cannot be written: {error.strerror or error}; the file is unchanged"
        ) from None


def _replace(real: Path, old: bytes, new: bytes) -> None:
    mode = real.stat().st_mode & 0o7777
    temporary = real.with_name(f".{real.name}.{secrets.token_hex(4)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(new)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        if real.read_bytes() != old:
            raise WritebackError("changed on disk while archiving; nothing was written, run again")
        os.replace(temporary, real)
    finally:
        temporary.unlink(missing_ok=True)


def _locate(document: Any, ref: SourceRef) -> tuple[Any, str, int | None]:
    """(container, key, index): the source is container[key], or container[key][index]."""
    events = document.get("events")
    count = len(events) if isinstance(events, list) else 0
    if not 0 <= ref.event < count:
        raise WritebackError(
            f"has {count} event{'s' if count != 1 else ''}; there is no event {ref.event + 1}"
        )
    event = events[ref.event]
    who = _event_name(event, ref.event)
    owner = event
    if ref.quote is not None:
        quotes = event.get("quotes")
        total = len(quotes) if isinstance(quotes, list) else 0
        if not 0 <= ref.quote < total:
            raise WritebackError(f"{who} has {total} quotes; there is no quote {ref.quote + 1}")
        owner = quotes[ref.quote]
        who = f"{who}, quote {ref.quote + 1}"
    places: list[tuple[str, int | None]] = []
    if owner.get("source") is not None:
        places.append(("source", None))
    many = owner.get("sources")
    if isinstance(many, list):
        places.extend(("sources", i) for i in range(len(many)))
    if not 0 <= ref.source < len(places):
        raise WritebackError(
            f"{who} has {len(places)} source{'s' if len(places) != 1 else ''}; "
            f"there is no source {ref.source + 1}"
        )
    key, index = places[ref.source]
    return owner, key, index


def _event_name(event: Any, position: int) -> str:
    found = event.get("id") if hasattr(event, "get") else None
    return (
        f"event {position + 1} ({found!r})" if isinstance(found, str) else f"event {position + 1}"
    )


def _value_text(value: str | date) -> str:
    import tomlkit

    text: str = tomlkit.item(value).as_string()
    return text


def _from_string(current: Item, values: dict[str, str | date]) -> InlineTable:
    """An inline table for a source written as a string, keeping how the string was written."""
    written = current.as_string()
    key = "url" if str(current).startswith(("http://", "https://")) else "label"
    pairs = [f"{key} = {written}", *(f"{k} = {_value_text(v)}" for k, v in values.items())]
    return _inline(f"{{ {', '.join(pairs)} }}")


def _inline(text: str) -> InlineTable:
    """An inline table from its text, rendered as written.

    tomlkit drops the blank between a date and the closing brace when it reads one
    (`accessed = 2024-05-01 }`); it is put back.
    """
    import tomlkit
    from tomlkit.items import Whitespace

    table: InlineTable = tomlkit.parse(f"x = {text}")["x"]
    blank = text[len(text[:-1].rstrip()) : -1]
    if blank and not table.as_string().endswith(blank + "}"):
        table.append(None, Whitespace(blank))
    return table


def _update(
    source: Any, values: dict[str, str | date], newline: str, ref: SourceRef
) -> Item | None:
    """Set the keys in a table source; an inline table comes back as a new value to store."""
    from tomlkit.items import InlineTable, String, Table

    if isinstance(source, String):
        return _from_string(source, values)

    if not isinstance(source, InlineTable | Table):
        raise WritebackError(
            f"event {ref.event + 1}: source {ref.source + 1} is not a string or a "
            "table; nothing was written"
        )
    for key in _KEYS:  # keys already there keep their place
        if key in source:
            source[key] = values[key]
    missing = {k: values[k] for k in _KEYS if k not in source}
    if isinstance(source, InlineTable):
        return _extend_inline(source, missing)
    if missing:
        _extend_table(source, missing, newline)
    return None


def _extend_inline(table: InlineTable, values: dict[str, str | date]) -> InlineTable:
    """The inline table with keys added at its end (if any), its text kept up to there.

    tomlkit's own append drops the blank before the closing brace, so the table is
    re-read from its own text with the new pairs written in before the brace.
    """
    written = table.as_string()
    close = written.rindex("}")
    head = written[:close].rstrip()
    blank = written[len(head) : close]
    if not blank and written.startswith("{ "):
        blank = " "  # the one tomlkit lost after a date: the table is written `{ ... }`
    pairs = ", ".join(f"{k} = {_value_text(v)}" for k, v in values.items())
    if not pairs:
        new = f"{head}{blank}}}"
    elif head == "{":
        new = f"{{ {pairs} }}"
    else:
        new = f"{head}{'' if head.endswith(',') else ','} {pairs}{blank}}}"
    return _inline(new)


def _extend_table(table: Table, values: dict[str, str | date], newline: str) -> None:
    """Add keys as lines after the table's last key."""
    import tomlkit
    from tomlkit.items import AoT, Table

    last: tuple[str, Item] | None = None
    for found, item in table.value.body:
        if found is not None and not isinstance(item, Table | AoT):
            last = (found.key, item)
    for key, value in values.items():
        new = tomlkit.item(value)
        new.trivia.trail = newline
        if last is None:
            table.append(key, new)
        else:
            new.trivia.indent = last[1].trivia.indent
            # A public append would put the lines after any trailing comment, which in
            # a hand-written file describes the next table; insert after the last key.
            table.value._insert_after(last[0], key, new)
        last = (key, new)
