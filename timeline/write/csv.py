"""The TimelineJS spreadsheet as CSV, out: the current template's columns in its order.

Each row is the TimelineJS slide of `timeline.write.timelinejs` flattened, so the
hidden round-trip data rides in the Text cell the same way (research notes only when
the export is private). Every cell that a
spreadsheet would run as a formula is neutralised (`interchange.to_cell`): TimelineJS
users import this file into Google Sheets.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from timeline.interchange import COLUMNS, to_cell
from timeline.model import Timeline
from timeline.write import timelinejs


def _time(date: dict[str, int]) -> str:
    if "hour" not in date:
        return ""
    text = f"{date['hour']:02d}"
    if "minute" in date:
        text += f":{date['minute']:02d}"
    if "second" in date:
        text += f":{date['second']:02d}"
    return text


def _date_cells(date: dict[str, int] | None) -> list[str]:
    if date is None:
        return ["", "", "", ""]
    return [
        str(date["year"]),
        str(date.get("month", "")),
        str(date.get("day", "")),
        _time(date),
    ]


def _row(slide: dict[str, Any], kind: str = "") -> list[str]:
    media = slide.get("media", {})
    background = slide.get("background", {})
    text = slide.get("text", {})
    cells = [
        *_date_cells(slide.get("start_date")),
        *_date_cells(slide.get("end_date")),
        slide.get("display_date", ""),
        text.get("headline", ""),
        text.get("text", ""),
        media.get("url", ""),
        media.get("credit", ""),
        media.get("caption", ""),
        media.get("thumbnail", ""),
        media.get("alt", ""),
        kind,
        slide.get("group", ""),
        background.get("url", "") or background.get("color", ""),
    ]
    return [to_cell(cell) for cell in cells]


def dumps(timeline: Timeline, *, private: bool = False) -> str:
    """The timeline as the TimelineJS spreadsheet template's CSV; research notes only
    when `private`."""
    data = timelinejs.to_dict(timeline, private=private)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(_row(data["title"], "title"))
    for era in data.get("eras", []):
        writer.writerow(_row(era, "era"))
    for slide in data["events"]:
        writer.writerow(_row(slide))
    return out.getvalue()
