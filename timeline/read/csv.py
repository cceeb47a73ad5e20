"""The TimelineJS spreadsheet as CSV, in and out.

Reading matches columns by header name, not position, ignoring case and spaces:
the current template (Year, Month, Day, Time, End Year, ..., Alt Text, Type,
Group, Background), sheets from before Alt Text, and the oldest ones with Start
Date, End Date and Tag. A row with Type "title" is the title slide, "era" an era.
Problems give the row's line in the file. Nothing is picked without a word: a column
named twice is an error, and so are cells beyond the columns the first row names
(empty ones, which spreadsheets write, are fine); a cell under a column with no name
is ignored with a warning, as an unknown column is.

Writing produces the columns of the current template in its order. Each row is
the TimelineJS slide of `timeline.write.timelinejs` flattened, so the hidden
round-trip data rides in the Text cell the same way.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from timeline.interchange import COLUMNS, OLD_COLUMNS, from_cell
from timeline.problems import LoadResult, Problem, shown, suggest
from timeline.read.slide_values import RawSlide
from timeline.read.slides import Builder

_FIELD_NAMES = {
    "start_date": "Year",
    "start_date.year": "Year",
    "start_date.month": "Month",
    "start_date.day": "Day",
    "start_date.hour": "Time",
    "start_date.minute": "Time",
    "start_date.second": "Time",
    "start_date.written": "Start Date",
    "end_date": "End Year",
    "end_date.year": "End Year",
    "end_date.month": "End Month",
    "end_date.day": "End Day",
    "end_date.hour": "End Time",
    "end_date.minute": "End Time",
    "end_date.second": "End Time",
    "end_date.written": "End Date",
    "display_date": "Display Date",
    "text": "Text",
    "text.headline": "Headline",
    "text.text": "Text",
    "media": "Media",
    "media.url": "Media",
    "media.credit": "Media Credit",
    "media.caption": "Media Caption",
    "media.thumbnail": "Media Thumbnail",
    "media.alt": "Alt Text",
    "group": "Group",
    "background": "Background",
    "unique_id": "Text",
}
_TIME = re.compile(
    r"^\s*(\d{1,2})(?:(?::|\.)(\d{1,2})(?:(?::|\.)(\d{1,2})(?:(?::|\.)(\d{1,3}))?)?)?\s*$"
)
_TIME_COMPACT = re.compile(r"^\s*(\d{1,2})(\d{2})\s*$")
_PERIOD = re.compile(r"\s*([AaPp])\.?[Mm]\.?\s*$")


def _normal(header: str) -> str:
    return "".join(header.lower().split()).replace("_", "")


_KNOWN = {_normal(c): c for c in (*COLUMNS, *OLD_COLUMNS)}
_KNOWN[_normal("Media Alt")] = "Alt Text"


def field_name(path: str) -> str:
    """The column a slide's key is in ("text.text": "Text"), as problems name it."""
    return _FIELD_NAMES.get(path, path)


class _Rows:
    """Rows of a CSV text with the line each starts on."""

    def __init__(self, text: str) -> None:
        self.reader = csv.reader(io.StringIO(text, newline=""), strict=True)

    def __iter__(self) -> _Rows:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        start = self.reader.line_num + 1
        row = next(self.reader)
        return start, row


def _parse_time(text: str) -> dict[str, int] | None:
    period = _PERIOD.search(text)
    core = text[: period.start()] if period else text
    match = _TIME_COMPACT.match(core) or _TIME.match(core)
    if match is None:
        return None
    parts = [int(g) for g in match.groups()[:3] if g is not None]
    hour = parts[0]
    if period:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if period.group(1).lower() == "p" else 0)
    names = ("hour", "minute", "second")
    result = dict(zip(names, [hour, *parts[1:]], strict=False))
    if result["hour"] > 23 or result.get("minute", 0) > 59 or result.get("second", 0) > 59:
        return None
    return result


def loads(text: str, name: str = "<text>") -> LoadResult:
    """Read a TimelineJS spreadsheet's CSV text; `name` is used in problem locations.

    A cell may be as long as the text: Python's csv module refuses cells over 131,072
    characters by default, and this program's own export of a long context makes them.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text)))
    try:
        return _loads(text, name)
    finally:
        csv.field_size_limit(limit)


def _loads(text: str, name: str) -> LoadResult:
    builder = Builder(name, field_name)
    problems = builder.problems
    rows = _Rows(text)
    try:
        header_line, header = next(rows)
    except StopIteration:
        return LoadResult(None, [Problem("error", "the file is empty", name)])
    except csv.Error as exc:
        return LoadResult(None, [Problem("error", f"CSV: {exc}", name, 1)])
    columns: dict[str, int] = {}
    repeated = False
    for index, cell in enumerate(header):
        known = _KNOWN.get(_normal(cell))
        if known is None:
            if cell.strip():
                problems.append(
                    Problem(
                        "warning",
                        f"unknown column {shown(cell)} was ignored{suggest(cell, list(COLUMNS))}",
                        name,
                        header_line,
                        0,
                        field=cell,
                    )
                )
            continue
        if known in columns:
            # Which of the two holds the value cannot be told: said, never picked.
            first = columns[known]
            where = f"in columns {_letters(first)} and {_letters(index)}"
            if header[first] != cell:  # "Alt Text" and "Media Alt", "Year" and "year "
                where = (
                    f"as {shown(header[first])} in column {_letters(first)} and as "
                    f"{shown(cell)} in column {_letters(index)}"
                )
            problems.append(
                Problem(
                    "error",
                    f"the column {known!r} is given twice, {where}; which one holds the "
                    "value cannot be told: remove or rename one",
                    name,
                    header_line,
                    0,
                    field=known,
                )
            )
            repeated = True
            continue
        columns[known] = index
    if repeated:
        return LoadResult(None, problems)
    if "Year" not in columns and "Start Date" not in columns:
        problems.append(
            Problem(
                "error",
                "no 'Year' column: the first row must name the columns of the TimelineJS "
                f"template ({', '.join(COLUMNS)}), or Start Date, End Date and Tag for "
                "the oldest template",
                name,
                header_line,
                1,
            )
        )
        return LoadResult(None, problems)
    if "Text" not in columns:
        # The hidden data rides in it: without a word, `import` made every id from its
        # headline and dropped relative dates, quotes and sources.
        problems.append(
            Problem(
                "warning",
                "no 'Text' column: it holds each row's context, quotes, status and sources, "
                "and the hidden data timeline exports at its end (ids, how dates were "
                "written: relative, circa, before or after, a time zone; kind, speaker, "
                "handle, role, tags, replies, quotes' own dates and sources). None of them "
                "is read: ids are made from the headlines. Restore the column if the sheet "
                "had it",
                name,
                header_line,
                1,
                field="Text",
            )
        )
    title: RawSlide | None = None
    slides: list[RawSlide] = []
    eras: list[RawSlide] = []
    line = header_line
    while True:
        try:
            line, row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem("error", f"CSV: {exc}", name, rows.reader.line_num or line + 1))
            return LoadResult(None, problems)
        if not any(cell.strip() for cell in row):
            continue
        _said_left_out(row, header, line, name, problems)
        row = [from_cell(cell) for cell in row]  # as written, before formulas were defused
        cells = {c: row[i] if i < len(row) else "" for c, i in columns.items()}
        kind = cells.get("Type", "").strip().lower()
        label = f"row {line}"
        if kind not in ("", "title", "era"):
            problems.append(
                Problem(
                    "warning",
                    f"row {line}: Type {shown(cells['Type'])} is not 'title' or 'era'; read as an event",
                    name,
                    line,
                    0,
                    field="Type",
                )
            )
            kind = ""
        written: dict[str, str] = {}
        slide = _slide(cells, builder, line, written)
        if slide is None:
            continue
        raw = RawSlide(slide, kind or "event", label, line, written)
        if kind == "title":
            if title is None:
                title = RawSlide(slide, "title", f"title row {line}", line, written)
                continue
            problems.append(
                Problem(
                    "warning",
                    f"row {line}: a second title row; read as an event",
                    name,
                    line,
                    0,
                    field="Type",
                )
            )
        if kind == "era":
            eras.append(raw)
        else:
            slides.append(raw)
    return builder.timeline(title, slides, eras)


def _letters(index: int) -> str:
    """A column's name in a spreadsheet: A for the first, Z, then AA, AB..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _said_left_out(
    row: list[str], header: list[str], line: int, name: str, problems: list[Problem]
) -> None:
    """Say what a row holds that no column takes.

    Cells beyond the header's last are an error: a row longer than the header has
    cells that do not line up with their names (a comma in a cell not in double
    quotes), so what is read under the names after it may be wrong. Empty ones are
    fine: spreadsheets write every row as wide as the widest. A cell under a header
    cell left empty is a warning, as an unknown column is: ignored, and said.
    """
    width = len(header)
    beyond = [cell for cell in row[width:] if cell.strip()]
    if beyond:
        cells = ", ".join(shown(cell) for cell in beyond[:3]) + (", ..." if len(beyond) > 3 else "")
        problems.append(
            Problem(
                "error",
                f"row {line}: {len(row)} cells, more than the {width} columns named in the "
                f"first row; beyond them: {cells}. A cell holding a comma must be in double "
                "quotes; a column of its own needs a name in the first row",
                name,
                line,
                0,
            )
        )
    unnamed = [
        (index, cell)
        for index, cell in enumerate(row[:width])
        if cell.strip() and not header[index].strip()
    ]
    for index, cell in unnamed:
        problems.append(
            Problem(
                "warning",
                f"row {line}: {shown(cell)} in column {_letters(index)}, which has no name in "
                "the first row, was ignored; name the column, or remove the cell",
                name,
                line,
                0,
            )
        )


def _slide(
    cells: dict[str, str], builder: Builder, line: int, written: dict[str, str]
) -> dict[str, Any] | None:
    """A row as a TimelineJS slide object; None when a date column cannot be read.

    A Start Date or End Date cell other than "2012,1,26" goes into `written` as it is,
    for the slide reader to read as a TOML file's date field is ("before 2012", "2012?",
    an offset, notes and all): its numbers alone would lose what the date means.
    """
    slide: dict[str, Any] = {}
    ok = True
    for prefix, date_key, old in (
        ("", "start_date", "Start Date"),
        ("End ", "end_date", "End Date"),
    ):
        date: dict[str, Any] = {}
        year_col = f"{prefix}Year"
        if cells.get(year_col, "").strip() and cells.get(old, "").strip():
            # Which of the two the sheet means cannot be told: neither is chosen.
            builder.problems.append(
                Problem(
                    "error",
                    f"row {line}: {year_col!r} ({shown(cells[year_col])}) and {old!r} "
                    f"({shown(cells[old])}) both give the {date_key.replace('_', ' ')}; keep "
                    f"one: the {year_col}, {prefix}Month and {prefix}Day columns, or {old!r}",
                    builder.name,
                    line,
                    0,
                    field=old,
                )
            )
            ok = False
            continue
        if cells.get(year_col, "").strip():
            date["year"] = cells[year_col]
            date["month"] = cells.get(f"{prefix}Month", "")
            date["day"] = cells.get(f"{prefix}Day", "")
        elif cells.get(old, "").strip():
            parsed = _old_date(cells[old])
            if parsed is None:
                written[date_key] = cells[old]
                if cells.get(f"{prefix}Time", "").strip():
                    # Joined to a date read whole, the time could contradict it ("2012",
                    # "before 2012", a time with its own offset): said, not merged.
                    builder.problems.append(
                        Problem(
                            "error",
                            f"row {line}: '{prefix}Time' is filled in beside {old!r}; write "
                            f"the time in {old!r} itself, such as 2018-07-19T14:05",
                            builder.name,
                            line,
                            0,
                            field=f"{prefix}Time",
                        )
                    )
                    ok = False
                continue
            date = parsed
        elif any(cells.get(f"{prefix}{c}", "").strip() for c in ("Month", "Day", "Time")):
            builder.problems.append(
                Problem(
                    "error",
                    f"row {line}: '{prefix}Month', '{prefix}Day' or '{prefix}Time' is filled "
                    f"in but '{year_col}' is empty; every date needs a year",
                    builder.name,
                    line,
                    0,
                    field=year_col,
                )
            )
            ok = False
            continue
        time_text = cells.get(f"{prefix}Time", "").strip()
        if time_text and date:
            parsed_time = _parse_time(time_text)
            if parsed_time is None:
                builder.problems.append(
                    Problem(
                        "error",
                        f"row {line}: '{prefix}Time' {shown(time_text)} is not a time of day; "
                        "write 14:05, 14:05:30, 2:05 PM or 14",
                        builder.name,
                        line,
                        0,
                        field=f"{prefix}Time",
                    )
                )
                ok = False
                continue
            date.update(parsed_time)
        if date:
            slide[date_key] = date
    if not ok:
        return None
    slide["text"] = {"headline": cells.get("Headline", ""), "text": cells.get("Text", "")}
    media = {
        "url": cells.get("Media", ""),
        "credit": cells.get("Media Credit", ""),
        "caption": cells.get("Media Caption", ""),
        "thumbnail": cells.get("Media Thumbnail", ""),
        "alt": cells.get("Alt Text", ""),
    }
    if any(media.values()):  # as TimelineJS's reader: "\x85" is a URL, read back as written
        slide["media"] = media
    group, tag = cells.get("Group", ""), cells.get("Tag", "")
    if group and tag and group != tag:
        builder.problems.append(
            Problem(
                "error",
                f"row {line}: 'Group' ({shown(group)}) and 'Tag' ({shown(tag)}), the older "
                "template's name for it, both give the group; keep one",
                builder.name,
                line,
                0,
                field="Tag",
            )
        )
        return None
    for column, key in (("Display Date", "display_date"), ("Group", "group"), ("Tag", "group")):
        # Not stripped: HTML text, where spaces collapse but "\x85" or "\x0b" is a group.
        if cells.get(column) and key not in slide:
            slide[key] = cells[column]
    background = cells.get("Background", "")
    if background:  # not stripped: a colour is HTML text, and "\x1d" is not a space there
        slide["background"] = background
    return slide


def _old_date(text: str) -> dict[str, Any] | None:
    """A Start Date cell of the oldest template written as "2012,1,26" (year, month,
    day); None for any other form, which is read as a date field (`RawSlide.written`)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1 and all(re.fullmatch(r"-?\d+", p) for p in parts if p):
        return dict(zip(("year", "month", "day"), parts, strict=False))
    return None
