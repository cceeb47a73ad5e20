"""An event as people cite it: attribution, the date as shown, quotes with their source.

Plain text, for the clipboard, the printout and the viewer alike.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline.dates import format_long, format_range
from timeline.model import Event
from timeline.text import one_line


def attribution_text(event: Event, line: Callable[[str], str] = one_line) -> str:
    """ "Marc Benioff (@Benioff), CEO, Salesforce", each part made safe by `line`."""
    name, handle, role = (line(v) for v in (event.speaker, event.handle, event.role))
    text = f"{name} ({handle})" if name and handle else name or handle
    if role:
        text = f"{text}, {role}" if text else role
    return text


def event_date(event: Event) -> str:
    """What the rail and printout show as the event's date."""
    if event.display_date:
        return one_line(event.display_date)
    return format_range(event.when, event.end)


def quote_citation(event: Event, text: str, speaker: str) -> str:
    """“Quote.” — Speaker (@handle), Monday 16 July 2018. Source: ..."""
    who = speaker or event.speaker
    if event.handle and not speaker:
        who = f"{who} ({event.handle})" if who else event.handle
    line = f"“{text}”"
    if who:
        line += f" — {who}"
    line += f", {format_long(event.when)}"
    if event.source is not None and (event.source.label or event.source.url):
        line += ". Source: " + " ".join(p for p in (event.source.label, event.source.url) if p)
    return line


def event_citation(event: Event) -> str:
    """The event as plain text: date, title, quotes, context, source."""
    lines = [format_long(event.when), event.title]
    lines += [quote_citation(event, q.text, q.speaker) for q in event.quotes]
    if event.context:
        lines.append(" ".join(event.context.split()))
    if event.source is not None and event.source.url:
        lines.append(event.source.url)
    return "\n".join(lines)
