"""The TimelineJS spreadsheet as CSV, out: the current template's columns in its order.

Each row is the TimelineJS slide of `timeline.write.timelinejs` flattened, so the
hidden round-trip data rides in the Text cell the same way (research notes only when
the export is private). Every cell that a
spreadsheet would run as a formula is neutralised (`interchange.to_cell`): TimelineJS
users import this file into Google Sheets.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import Any

from timeline.interchange import COLUMNS, to_cell
from timeline.model import Event, Timeline
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


def chunks(
    timeline: Timeline, *, private: bool = False, events: Iterable[Event] | None = None
) -> Iterator[str]:
    """The text `dumps` gives, a hundred rows at a time: an export holds the text,
    never every slide's dictionaries as well. `events` stands for the timeline's own
    when they are read as they are written (from the cache)."""
    rows: list[str] = []
    writer = csv.writer(SimpleNamespace(write=rows.append), lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(_row(timelinejs.title_slide(timeline), "title"))
    zone = timelinejs.timeline_zone(timeline)
    for era in timeline.eras:
        writer.writerow(_row(timelinejs.era_object(era, zone), "era"))
    shown = timeline.events if events is None else events
    for slide in timelinejs.event_slides(shown, zone, private=private):
        writer.writerow(_row(slide))
        if len(rows) >= _ROWS:
            yield "".join(rows)
            rows.clear()
    yield "".join(rows)


#: Rows written between pieces of text.
_ROWS = 100


def dumps(timeline: Timeline, *, private: bool = False) -> str:
    """The timeline as the TimelineJS spreadsheet template's CSV; research notes only
    when `private`."""
    return "".join(chunks(timeline, private=private))
