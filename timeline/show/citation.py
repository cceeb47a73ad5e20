"""An event as people cite it: attribution, the date as shown, quotes with their source.

Plain text, for the clipboard, the printout and the viewer alike. What `y` and `Y`
copy is pasted into shells and editors, so it is cleaned as the screen is
(`timeline.text.clipboard`): a quote keeps its line breaks, and nothing from the file
can end a bracketed paste, return the cursor or reorder the line.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline.dates import format_long, format_range
from timeline.model import Event
from timeline.text import clean, clipboard, one_line


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
    """“Quote.” — Speaker (@handle), Monday 16 July 2018. Source: ...

    The quote keeps its line breaks; everything else is on one line.
    """
    who = one_line(speaker or event.speaker)
    if event.handle and not speaker:
        handle = one_line(event.handle)
        who = f"{who} ({handle})" if who else handle
    line = f"“{clipboard(text)}”"
    if who:
        line += f" — {who}"
    line += f", {format_long(event.when)}"
    if event.source is not None and (event.source.label or event.source.url):
        line += ". Source: " + one_line(
            " ".join(p for p in (event.source.label, event.source.url) if p)
        )
    return line


def event_citation(event: Event) -> str:
    """The event as plain text: date, title, quotes, context, source."""
    lines = [format_long(event.when), one_line(event.title)]
    lines += [quote_citation(event, q.text, q.speaker) for q in event.quotes]
    if event.context:
        # Cleaned before folding: str.split() would turn \x1c-\x1f and \x85 into spaces.
        lines.append(" ".join(clean(event.context).split()))
    if event.source is not None and event.source.url:
        lines.append(one_line(event.source.url))
    return "\n".join(lines)
