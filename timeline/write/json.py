"""The resolved model as JSON, for scripts and other tools.

Every field of every record is written, by the records' description
(timeline/schema.py): a field added to the model appears here with no change. Dates
are resolved: ISO at their precision (BCE years numbered as TimelineJS numbers them,
with no year 0: "-0044" is 44 BCE, which ISO 8601 would read as 45 BCE), with how
exact they are (`qualifier`; beside any other date, `end_qualifier`, `date_qualifier`,
`accessed_qualifier`) and, for the start, how precise, how the file wrote it and what
it was counted from.

But one: an event's research notes are for the research team, so the key `notes` is
there only in a private export (`private=True`, `export --private`); without it the
key is absent rather than empty, so no script takes "no notes given" for "no notes".

And an event's `file` says which file it came from without saying where that file
was on the machine that made the export (`published_path`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any

from timeline.dates import format_iso
from timeline.model import ERA, EVENT, MEDIA, SOURCE, Event, Timeline, When
from timeline.schema import Field, plain
from timeline.text import escape_unsafe, file_name

_START = EVENT.by_name["when"]


def _date(field: Field, when: When | None) -> Iterator[tuple[str, Any]]:
    """A date's keys: an event's start in full (its ISO form and how it was written),
    others (its end, a quote's date, when a source was read) as their ISO form."""
    if field is _START:
        assert when is not None
        yield "start", format_iso(when)
        yield "precision", when.precision.name.lower()
        yield "qualifier", when.qualifier.value
        yield "written", when.written
        yield "relative_to", when.anchor
    else:
        name = "end" if field.key == "end_date" else field.key
        yield name, None if when is None else format_iso(when)
        # "before 1 July", "circa", "2 July?": without it the ISO date reads as exact.
        yield f"{name}_qualifier", None if when is None else when.qualifier.value


def published_path(name: str) -> str:
    """A file's path as an export may publish it: as the user gave it when it is
    relative and stays inside the folder it was given from ("data/b.toml", which tells
    two files of the same name apart), else the file's name alone ("b.toml" for
    "/home/ana/cases/b.toml" or "../b.toml", which would say whose machine made it and
    how its folders are laid out). Either way with "/" between folders, and as `check
    --format json` names the file (`file_name`: a name that is not plain quoted as
    bash reads it back, `$'caf\\xe9.toml'`)."""
    if not name:
        return ""
    path = PurePath(name)  # this system's paths: "C:\\..." is absolute on Windows
    if path.anchor or ".." in path.parts:
        return file_name(path.name)
    return file_name(path.as_posix())


def event_to_dict(event: Event, *, private: bool = False) -> dict[str, Any]:
    """One event as plain data. Quote speakers default to the event's speaker; the file
    as `published_path` gives it (an export does not publish where it was made);
    research notes only when `private`."""
    data = plain(EVENT, event, _date)
    if not private:
        del data["notes"]
    data["in_reply_to"] = event.in_reply_to or None
    for quote in data["quotes"]:
        quote["speaker"] = quote["speaker"] or event.speaker
    data["file"] = published_path(event.file)
    return data


def timeline_to_dict(timeline: Timeline, *, private: bool = False) -> dict[str, Any]:
    """The whole timeline as plain data; research notes only when `private`."""
    return {
        **_head(timeline),
        "events": [event_to_dict(e, private=private) for e in timeline.events],
    }


def _head(timeline: Timeline) -> dict[str, Any]:
    """What the timeline's data holds before its events (`events` comes last)."""
    return {
        "title": timeline.title,
        "summary": timeline.summary,
        "timezone": timeline.timezone or None,
        "source": None if timeline.source is None else plain(SOURCE, timeline.source, _date),
        "media": None if timeline.media is None else plain(MEDIA, timeline.media, _date),
        "eras": [plain(ERA, era, _date) for era in timeline.eras],
    }


def dumps(timeline: Timeline, *, private: bool = False) -> str:
    """JSON text, UTF-8 kept as is (quotes stay readable), ending with a newline; what a
    terminal would act on (DEL, C1, bidi marks) is written as \\uXXXX escapes. Research
    notes only when `private`."""
    return "".join(chunks(timeline, private=private))


def chunks(
    timeline: Timeline, *, private: bool = False, events: Iterable[Event] | None = None
) -> Iterator[str]:
    """The text `dumps` gives, a hundred events at a time, as `json.dumps` of
    `timeline_to_dict` would write it: an export holds the text, never every event's
    dictionary as well (220,000 events took 2 GB). `events` stands for the timeline's
    own when they are read as they are written (from the cache)."""
    head = json.dumps({**_head(timeline), "events": []}, ensure_ascii=False, indent=2)
    assert head.endswith('"events": []\n}')
    pieces = [head[: -len("[]\n}")] + "["]
    first = True
    for event in timeline.events if events is None else events:
        text = json.dumps(event_to_dict(event, private=private), ensure_ascii=False, indent=2)
        # Each line one level in (JSON strings hold no line breaks of their own).
        pieces.append(("\n    " if first else ",\n    ") + text.replace("\n", "\n    "))
        first = False
        if len(pieces) >= _EVENTS:
            yield escape_unsafe("".join(pieces))
            pieces.clear()
    pieces.append("]\n}\n" if first else "\n  ]\n}\n")
    yield escape_unsafe("".join(pieces))


#: Events written between pieces of text.
_EVENTS = 100
