"""An event as people cite it: attribution, the date as shown, quotes with their source.

Plain text, for the clipboard, the printout and the viewer alike. What `y` and `Y`
copy is pasted into shells and editors, so nothing from the file in it can end a
bracketed paste, return the cursor or reorder the line (`timeline.text.clipboard`);
the rest is copied as written, a zero-width space or a soft hyphen too, which the
screen shows as stand-ins. A quote keeps its line breaks.
"""

from __future__ import annotations

from collections.abc import Callable

from timeline.dates import format_long, format_medium, format_range
from timeline.model import Event, Quote, Source
from timeline.text import clipboard, clipboard_line, one_line, paragraphs


def attribution_text(event: Event, line: Callable[[str], str] = one_line) -> str:
    """ "Marc Benioff (@Benioff), CEO, Salesforce", each part made safe by `line`."""
    name, handle, role = (line(v) for v in (event.speaker, event.handle, event.role))
    text = f"{name} ({handle})" if name and handle else name or handle
    if role:
        text = f"{text}, {role}" if text else role
    return text


def tag_label(tag: str) -> str:
    """A tag as shown, after "#": one written "#cbp" is the tag "cbp" (as filters read
    it), not "##cbp"."""
    return "#" + tag.removeprefix("#")


def event_date(event: Event, line: Callable[[str], str] = one_line) -> str:
    """What the rail and printout show as the event's date, made safe by `line`."""
    if event.display_date:
        return line(event.display_date)
    return format_range(event.when, event.end)


def source_text(source: Source, line: Callable[[str], str] = one_line) -> str:
    """A source on one line: its label and URL, and where its copy is saved, made safe
    by `line`."""
    text = " ".join(p for p in (source.label, source.url) if p)
    if source.archive:
        accessed = f", {format_medium(source.accessed)}" if source.accessed else ""
        text += f" (archived: {source.archive}{accessed})"
    return line(text)


def quote_citation(event: Event, quote: Quote) -> str:
    """“Quote.” — Speaker (@handle), Thursday 19 July 2018. Source: ...

    Attributed with the quote's own speaker, date and source where it has them (RAICES's
    tweet of 19 July, quoted on an event dated before it, is cited as of 19 July). The
    quote keeps its line breaks; everything else is on one line. For the clipboard:
    the file's text as written, but for what a paste would act on (`clipboard`).
    """
    speaker = quote.speaker
    who = clipboard_line(speaker or event.speaker)
    if event.handle and not speaker:
        handle = clipboard_line(event.handle)
        who = f"{who} ({handle})" if who else handle
    line = f"“{clipboard(quote.text)}”"
    if who:
        line += f" — {who}"
    line += f", {format_long(event.quote_date(quote))}"
    sources = [source_text(s, clipboard_line) for s in event.quote_sources(quote)]
    sources = [s for s in sources if s]
    if sources:
        line += ". Source: " + "; ".join(sources)
    return line


def event_citation(event: Event) -> str:
    """The event as plain text: date, title, quotes, context, every source; for the
    clipboard, as `quote_citation` is."""
    lines = [format_long(event.when), clipboard_line(event.title)]
    lines += [quote_citation(event, q) for q in event.quotes]
    if event.context:  # its paragraphs, a blank line between them
        lines.append("\n\n".join(" ".join(p) for p in paragraphs(clipboard(event.context))))
    for source in event.sources:
        text = source_text(source, clipboard_line)
        if text:
            lines.append(f"Source: {text}")
    return "\n".join(lines)


def source_facts(source: Source) -> list[tuple[str, str]]:
    """What is known of a source besides its label and link, in the order every output
    gives it, as (words, value): ("", "primary"), ("accessed ", "20 Jul 2018"),
    ("archived copy: ", "sources/raices.html"). Values are as the file wrote them:
    each output makes them safe its own way."""
    facts: list[tuple[str, str]] = []
    if source.kind:
        facts.append(("", source.kind))
    if source.accessed is not None:
        facts.append(("accessed ", format_medium(source.accessed)))
    if source.archive:
        facts.append(("archived copy: ", source.archive))
    return facts
