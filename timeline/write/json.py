"""The resolved model as JSON, for scripts and other tools."""

from __future__ import annotations

import json
from typing import Any

from timeline.dates import format_iso
from timeline.model import Event, Media, Source, Timeline, When
from timeline.text import escape_unsafe


def _source(source: Source | None) -> dict[str, str] | None:
    return None if source is None else {"label": source.label, "url": source.url}


def _media(media: Media | None) -> dict[str, str] | None:
    if media is None:
        return None
    return {
        "url": media.url,
        "caption": media.caption,
        "credit": media.credit,
        "thumbnail": media.thumbnail,
        "alt": media.alt,
    }


def _when(when: When | None) -> str | None:
    return None if when is None else format_iso(when)


def event_to_dict(event: Event) -> dict[str, Any]:
    """One event as plain data. Quote speakers default to the event's speaker."""
    return {
        "id": event.id,
        "start": format_iso(event.when),
        "precision": event.when.precision.name.lower(),
        "qualifier": event.when.qualifier.value,
        "written": event.when.written,
        "relative_to": event.when.anchor,
        "end": _when(event.end),
        "display_date": event.display_date,
        "title": event.title,
        "kind": event.kind,
        "speaker": event.speaker,
        "handle": event.handle,
        "role": event.role,
        "group": event.group,
        "tags": list(event.tags),
        "context": event.context,
        "source": _source(event.source),
        "in_reply_to": event.in_reply_to or None,
        "quotes": [{"text": q.text, "speaker": q.speaker or event.speaker} for q in event.quotes],
        "media": _media(event.media),
        "file": event.file,
    }


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """The whole timeline as plain data."""
    return {
        "title": timeline.title,
        "summary": timeline.summary,
        "timezone": timeline.timezone or None,
        "source": _source(timeline.source),
        "eras": [
            {
                "title": era.title,
                "start": format_iso(era.start),
                "end": format_iso(era.end),
                "text": era.text,
            }
            for era in timeline.eras
        ],
        "events": [event_to_dict(e) for e in timeline.events],
    }


def dumps(timeline: Timeline) -> str:
    """JSON text, UTF-8 kept as is (quotes stay readable), ending with a newline; what a
    terminal would act on (DEL, C1, bidi marks) is written as \\uXXXX escapes."""
    return (
        escape_unsafe(json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=2)) + "\n"
    )
