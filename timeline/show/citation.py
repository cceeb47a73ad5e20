"""An event as people cite it: attribution, the date as shown, quotes with their source.

Plain text, for the clipboard, the printout and the viewer alike. What `y` and `Y`
copy is the file's text as written (`timeline.text.clipboard`): a zero-width space, a
no-break space, a tab, a right-to-left mark, a Windows line end and a lone carriage
return are pasted as the file holds them, though the screen shows some as stand-ins.
Only control characters that a paste into a shell would act on are pasted as their
stand-ins. Every field keeps its characters, the ones the screen shows on one line (a
title, a speaker, a source) their line breaks too, and so does the context, whose
lines the screen wraps to its width and shows without their indents: the copy is
what the file says, not what a row or a pane had room for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from timeline.dates import format_long, format_medium, format_range
from timeline.model import STATUS_MEANINGS, Event, Media, Quote, Source, Timeline
from timeline.provenance import facts_text
from timeline.query.related import related
from timeline.show.derivation import derivation
from timeline.text import ROW_LIMIT, clipboard, one_line


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
    """What the rail and printout show as the event's date, made safe by `line`: its
    `display_date` when it has one (warned about or not: the warning says it is shown
    in the date's place), else the date with its end and qualifiers."""
    if event.display_date:
        return line(event.display_date)
    return format_range(event.when, event.end)


def full_date(event: Event) -> str:
    """The event's date in full, as the detail pane heads it: "Monday 16 July 2018",
    "Monday 16 July 2018 – Friday 20 July 2018"."""
    date = format_long(event.when)
    if event.end is not None:
        date = f"{date} – {format_long(event.end)}"
    return date


def row_date(event: Event) -> str:
    """The event's date on one row of a list to pick from (the viewer's `M` and `!`
    lists, the palette's "Go to"): `event_date`, with its year as a list has no
    heading to give it, and a display date as long as a rail's row shows it. Found
    trying the tool: these showed the start alone ("19 Nov 2021" for a span to 8
    December) and the computed date over the display date."""
    return event_date(event, _row_line)


def _row_line(text: str) -> str:
    return one_line(text, ROW_LIMIT)


def has_source(source: Source) -> bool:
    """Whether a source says anything: a label, a link or one of its facts
    (`provenance.source_facts`)."""
    return any((source.label, source.url, source.kind, source.accessed, source.archive))


def source_text(source: Source, line: Callable[[str], str] = one_line) -> str:
    """A source on one line, as `timeline print` gives it: "RAICES on Twitter https://...
    (primary; accessed 20 Jul 2018; archived copy: sources/raices.html)", made safe by
    `line`."""
    text = " ".join(line(p) for p in (source.label, source.url) if p)
    facts = facts_text(source, line)
    if facts:
        text = f"{text} ({facts})" if text else f"({facts})"
    return text


class MediaShown(NamedTuple):
    """A media as people read it, in three parts in this order, each "" when it has
    none: "The courthouse — AP", "https://...", ""; named by its address alone,
    "", "https://...", "— AP". Each output lays them out its own way (the printout and
    the copy on one line, the detail pane with the link under its name)."""

    named: str
    url: str
    credited: str

    def text(self) -> str:
        """The parts on one line."""
        return " ".join(part for part in self if part)


def media_shown(media: Media | None, line: Callable[[str], str] = one_line) -> MediaShown | None:
    """The media named as every output names it (`Media.name`: its caption, else its
    alt text, else its address), with its credit, each part made safe by `line`; None
    for none or a blank one (`Media.blank`), which names nothing a reader could see.
    The printout said "Media:" of a media of spaces, and "Media:  — AP" of one whose
    caption was spaces."""
    if media is None or media.blank():
        return None
    name = line(media.name())
    url = line(media.url) if media.url.strip() else ""
    credit = line(media.credit) if media.credit.strip() else ""
    if name:
        return MediaShown(" — ".join(p for p in (name, credit) if p), url, "")
    return MediaShown("", url, f"— {credit}" if credit else "")


def quote_own(event: Event, quote: Quote, line: Callable[[str], str] = one_line) -> str:
    """What a quote says of itself where it differs from its event, as the detail pane
    shows it under the quote: "— RAICES, Thursday 19 July 2018, RAICES (@RAICESTEXAS) on
    Twitter… (primary)"; "" when it has nothing of its own."""
    said = []
    if quote.speaker and quote.speaker != event.speaker:
        said.append(f"— {line(quote.speaker)}")
    if quote.date is not None:
        said.append(format_long(quote.date))
    if quote.source is not None and has_source(quote.source):
        said.append(source_text(quote.source, line))
    return ", ".join(said)


def _quoted(quote: Quote) -> str:
    """The quote as written, between curly quotes, for the clipboard."""
    return f"“{clipboard(quote.text)}”"


def quote_citation(event: Event, quote: Quote) -> str:
    """“Quote.” — Speaker (@handle), Role, Thursday 19 July 2018. Source: ...
    Note: ...

    What `y` copies. Attributed with the quote's own speaker, date and source where it
    has them (RAICES's tweet of 19 July, quoted on an event dated before it, is cited as
    of 19 July), else the event's, its role too; the quote's note follows on a line of
    its own ("Paraphrased in Bad Blood"), since it bears on what the quote is. For the
    clipboard (`timeline.text.clipboard`): the quote keeps its line breaks, the
    citation is on one line but for the line breaks its fields hold.
    """
    if quote.speaker and quote.speaker != event.speaker:
        who = clipboard(quote.speaker)
    else:
        who = attribution_text(event, clipboard)
    text = _quoted(quote)
    if who:
        text += f" — {who}"
    text += f", {format_long(event.quote_date(quote))}"
    sources = [source_text(s, clipboard) for s in event.quote_sources(quote) if has_source(s)]
    if sources:
        text += ". Source: " + "; ".join(sources)
    if quote.note:
        text += f"\nNote: {clipboard(quote.note)}"
    return text


def relation_text(label: str, other: Event, line: Callable[[str], str] = clipboard) -> str:
    """ "In reply to: Title (19 Jul 2018)", the title made safe by `line`."""
    return f"{label[:1].upper()}{label[1:]}: {line(other.title)} ({format_medium(other.when)})"


def event_citation(event: Event, timeline: Timeline | None = None) -> str:
    """What `Y` copies: the event as the detail pane shows it, as plain text for the
    clipboard (as `quote_citation` is). Its title; its date, how it was worked out;
    its kind, group and tags; who; each quote with what it says of itself and its note;
    the context (as written, its line breaks kept), the media, every source, the
    status and, given the `timeline`, the events it is related to. A blank line
    between them, as in the pane.

    Research notes stay out, as every export leaves them out unless asked: a copy is
    made to be pasted elsewhere.
    """
    head = [clipboard(event.title)]
    if event.display_date:
        head.append(f"{clipboard(event.display_date)} ({full_date(event)})")
    else:
        head.append(full_date(event))
    if timeline is not None:
        how = derivation(event, timeline, clipboard)
        if how:
            head.append(how)
    filed = [clipboard(x) for x in (event.kind, event.group) if x]
    filed += [clipboard(tag_label(tag)) for tag in event.tags]
    if filed:
        head.append(" · ".join(filed))
    parts = ["\n".join(head)]
    who = attribution_text(event, clipboard)
    if who:
        parts.append(who)
    for quote in event.quotes:
        lines = [_quoted(quote)]
        own = quote_own(event, quote, clipboard)
        if own:
            lines.append(own)
        if quote.note:
            lines.append(f"Note: {clipboard(quote.note)}")
        parts.append("\n".join(lines))
    if event.context.strip():
        # As written, its line breaks and indents too: a list, an address or a poem
        # joined into one line is no longer what the file says (a wrapped line's break
        # is the author's to leave out: TOML's backslash at a line's end does).
        parts.append(clipboard(event.context))
    media = media_shown(event.media, clipboard)
    if media is not None:
        parts.append(f"Media: {media.text()}")
    sources = [f"Source: {source_text(s, clipboard)}" for s in event.sources if has_source(s)]
    if sources:
        parts.append("\n".join(sources))
    if event.status:
        meaning = STATUS_MEANINGS.get(event.status, "")
        parts.append(f"Status: {event.status}" + (f" ({meaning})" if meaning else ""))
    if timeline is not None:
        links = related(event, timeline)
        if links:
            parts.append("\n".join(relation_text(link.label, link.event) for link in links))
    return "\n\n".join(part for part in parts if part)
