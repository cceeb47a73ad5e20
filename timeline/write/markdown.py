"""The timeline as a dated Markdown document, ready to paste into an article or a wiki.

A heading per month (per year for events known only to the year); under it each
event with its date and, for a derived date, how it was worked out, title,
attribution, verification status, the events it replies to, is replied to by and is
dated from (by their titles: ids are for files, not readers), context, quotes as
block quotes with their speaker and their own date, source and note, and every source
as a link with its kind, when it was accessed and its archived copy. Research notes
are written only in a private document (`private=True`, `export --private`). Every
piece of file text is escaped, so nothing in a file can become Markdown or HTML
markup, and control characters are shown as visible stand-ins as everywhere else.
"""

from __future__ import annotations

import re

from timeline.dates import (
    Headings,
    format_medium,
    format_range,
    period_name,
)
from timeline.links import SCHEMES, refusal, scheme
from timeline.model import Event, Quote, Source, Timeline
from timeline.provenance import facts_text
from timeline.query.related import related
from timeline.show.citation import attribution_text
from timeline.show.derivation import derivation
from timeline.text import clean_page, one_line_page

# Inline markup anywhere: emphasis, code, links and images, HTML, entities, tables,
# strikethrough, math (GitHub renders "$250,000-$300,000" as a formula), and the
# backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
# Block markup at the start of a line: headings, quotes, lists, rules, setext underlines.
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def escape(text: str) -> str:
    """Markdown that shows `text` literally; line breaks kept as hard breaks."""
    lines = []
    for raw in clean_page(text).split("\n"):
        line = _INLINE.sub(r"\\\1", raw.strip(" \t"))
        line = _LINE_START.sub(
            lambda m: "\\" + m.group(0) if m.group(1) else f"{m.group(2)}\\{m.group(3)}", line
        )
        lines.append(line)
    # A single line break is a hard break ("\" at the end); blank lines end paragraphs.
    out: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if line and following:
            out.append(line + "\\")
        else:
            out.append(line)
    return "\n".join(out).strip("\n")


def _one_line(text: str) -> str:
    return escape(" ".join(text.split()))


# A heading's closing sequence: "#"s after a space at its end, which Markdown drops.
_CLOSING = re.compile(r"(?<=[ \t])(#+)$")


def _heading_text(text: str) -> str:
    """A title as a heading's text: "Poll #" rendered as "Poll"."""
    return _CLOSING.sub(r"\\\1", _one_line(text))


def _url(url: str) -> str:
    """A link destination, or "" when the URL is not a whole web or mail address that
    exports may link to (`links.refusal`). Spaces and what a line would not show are
    escaped, where the HTML page shows such a URL as text."""
    url = url.strip()
    if refusal(url) or scheme(url) not in SCHEMES:
        return ""
    return "".join(
        c if c.isprintable() and c not in " <>\\" else "".join(f"%{b:02X}" for b in c.encode())
        for c in url
    )


def link(label: str, url: str) -> str:
    """`[label](<url>)`, or the label alone when the URL is not a safe link."""
    shown = _one_line(label or url)
    target = _url(url)
    return f"[{shown}](<{target}>)" if target else shown


def source_text(source: Source) -> str:
    """A source as a link, then what else is known of it: "[RAICES on Twitter](<...>)
    (primary; accessed 20 Jul 2018; archived copy: sources/raices.html)"."""
    about = facts_text(source, _one_line)
    shown = link(source.label, source.url)
    if not about:
        return shown
    facts = f"({about})"
    return f"{shown} {facts}" if shown else facts


def _sources(sources: tuple[Source, ...]) -> str:
    """ "Source: ..." for one source; for several, "Sources:" and a list."""
    if len(sources) == 1:
        return f"Source: {source_text(sources[0])}"
    return "Sources:\n\n" + "\n".join(f"- {source_text(s)}" for s in sources)


def attribution(event: Event) -> str:
    """ "Marc Benioff (@Benioff), CEO, Salesforce", escaped for Markdown."""
    return attribution_text(event, _one_line)


def _quote(quote: Quote, speaker: str) -> str:
    """A block quote; under it the speaker, the quote's own date and source, its note."""
    body = escape(quote.text).split("\n")
    lines = [f"> {line}" if line else ">" for line in body]
    cite = [_one_line(speaker)] if speaker else []
    if quote.date is not None:
        cite.append(_one_line(format_medium(quote.date)))
    cited = "" if quote.source is None else source_text(quote.source)
    if cited:
        cite.append(cited)
    if cite:
        lines.extend([">", f"> — {', '.join(cite)}"])
    if quote.note:
        note = escape(quote.note).split("\n")
        lines.extend(
            [">", f"> Note: {note[0]}", *(f"> {line}" if line else ">" for line in note[1:])]
        )
    return "\n".join(lines)


def _relations(event: Event, shown: Timeline, everything: Timeline) -> str:
    """ "In reply to: <title> (19 Jul 2018)", a line for each related event, looked up in
    the whole timeline; one a filter left out is said to be left out."""
    lines = []
    for link in related(event, everything):
        line = f"{link.label[:1].upper()}{link.label[1:]}: {_one_line(link.event.title)}"
        line += f" ({_one_line(format_medium(link.event.when))})"
        if shown.index_of(link.event.id) is None:
            line += ", not in this document"
        lines.append(line)
    if event.in_reply_to and everything.get(event.in_reply_to) is None:
        # A link to no event (the loader warned): what the file says is all there is.
        lines.append(
            f"In reply to: “{_one_line(event.in_reply_to)}”, which names no event of the timeline"
        )
    return "\\\n".join(lines)


def _event(event: Event, *, private: bool, timeline: Timeline, everything: Timeline) -> list[str]:
    shown = event.display_date or format_range(event.when, event.end)
    blocks = [f"### {_heading_text(event.title)}"]
    meta = [f"**{_one_line(shown)}**"]
    if event.kind:
        meta.append(_one_line(event.kind))
    who = attribution(event)
    if who:
        meta.append(who)
    if event.group:
        meta.append(f"*{_one_line(event.group)}*")
    how = derivation(event, everything, one_line_page)
    # How a derived date was worked out, on the line under the date (a hard break).
    blocks.append(" · ".join(meta) + (f"\\\n*{_one_line(how)}*" if how else ""))
    if event.status:
        blocks.append(f"Status: {_one_line(event.status)}")
    blocks.append(_relations(event, timeline, everything))
    if event.context:
        blocks.append(escape(event.context))
    for quote in event.quotes:
        blocks.append(_quote(quote, quote.speaker or event.speaker))
    # Named as the page names it (`Media.name`): nothing for a blank media.
    if event.media is not None and not event.media.blank():
        credit = f" ({_one_line(event.media.credit)})" if event.media.credit.strip() else ""
        blocks.append(f"Media: {link(event.media.name(), event.media.url)}{credit}")
    if event.sources:
        blocks.append(_sources(event.sources))
    if event.tags:
        blocks.append("Tags: " + ", ".join(_one_line(t) for t in event.tags))
    if private and event.notes:
        blocks.append(f"**Research notes:** {escape(event.notes)}")
    return blocks


def dumps(timeline: Timeline, *, private: bool = False, everything: Timeline | None = None) -> str:
    """The timeline as Markdown, ending with a newline; research notes only when `private`.

    `everything` is the whole timeline when `timeline` holds only the events a filter
    kept: related events and the events dates are counted from are found there.
    """
    whole = everything or timeline
    blocks = [f"# {_heading_text(timeline.title)}"]
    if timeline.summary:
        blocks.append(escape(timeline.summary))
    if timeline.source is not None:
        blocks.append(_sources((timeline.source,)))
    if timeline.eras:
        blocks.append(
            "\n".join(
                f"- **{_one_line(era.title)}**: {format_range(era.start, era.end)}"
                + (f" — {_one_line(era.text)}" if era.text else "")
                for era in timeline.eras
            )
        )
    headings = Headings()  # as the rail and the printout head them
    for event in timeline.events:
        period = headings.before(event.when)
        if period is not None:
            blocks.append(f"## {period_name(*period)}")
        blocks.extend(_event(event, private=private, timeline=timeline, everything=whole))
    return "\n\n".join(b for b in blocks if b) + "\n"
