"""`timeline print`: the timeline as text to read, paste and keep.

Colour and styles only on a terminal (none when piped; NO_COLOR drops the colours and
keeps bold and dim); the width follows the terminal, or COLUMNS, or 80 when piped.

Everything a fact-checker needs is printed: the verification status, how a derived
date was worked out ("written as “Monday”: the Monday on or before …"), each quote's
own date, source and note, every source with its kind, access date and archived copy,
what each event replies to, is replied to by and is dated from, and where each era
begins and ends among the events. A printout is for the user's own use, so research
notes are printed too, labelled.

What is pasted must survive pasting: no line ends in spaces, a date is never split
across lines, a URL or a path is never cut (`timeline/show/wrap.py`), and quotes are
set apart by blank lines. At 60 columns and more the date stands in a column of its
own beside the event; below that, above it.
"""

from __future__ import annotations

import operator
import os
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, TextIO

from rich.cells import cell_len
from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style

from timeline.dates import (
    Headings,
    format_gap,
    format_long,
    format_medium,
    format_range,
    period_name,
)
from timeline.model import Era, Event, Precision, Quote, Source, Timeline
from timeline.provenance import source_facts
from timeline.query.eras import Place, era_place
from timeline.query.related import related
from timeline.show.citation import (
    attribution_text,
    event_date,
    has_source,
    media_shown,
    tag_label,
)
from timeline.show.derivation import derivation
from timeline.show.wrap import Builder, Line, Paragraph, indented, pad, styled, whole_line, wrap
from timeline.text import clean, one_line, paragraphs

#: The date column, wide enough for "before 16 Jul 2018"; a longer date (a time with
#: its zone, a range across years) takes a line of its own above its event.
DATE_COLUMN = 20
#: Where an event's text starts when the date is beside it.
BODY = DATE_COLUMN + 2
#: The narrowest width with the date beside the event: the text keeps 38 columns.
SIDE_BY_SIDE = 60
#: How far the text is set in under its date when the date is above it.
STACKED_INDENT = 2
#: How far quotes are set in from the event's text, and their citation from the quote.
QUOTE_INDENT = 2


# ---------------------------------------------------------------------- pieces


def _add_source(line: Builder, source: Source) -> None:
    """ "RAICES on Twitter https://... (primary; accessed 20 Jul 2018; archived copy:
    sources/raices.html)": every part cleaned; the URL, the date and the path whole."""
    label, url = one_line(source.label), one_line(source.url)
    if label:
        line.add(label, "dim")
    if url:
        line.add(" " if label else "").add(url, "dim", whole=True)
    # (words, the part kept whole)
    about = [(words, one_line(value)) for words, value in source_facts(source)]
    if about:
        line.add(" (" if label or url else "(", "dim")
        for n, (words, whole) in enumerate(about):
            line.add("; " if n else "", "dim").add(words, "dim").add(whole, "dim", whole=True)
        line.add(")", "dim")


def _source(source: Source) -> Paragraph:
    line = Builder().add("Source: ", "dim")
    _add_source(line, source)
    return line.paragraph()


def _prose(text: str, width: int, style: str = "", lead: tuple[str, str] = ("", "")) -> list[Line]:
    """Prose as its author wrote it (`text.paragraphs`), as the HTML page and Markdown
    show it: a blank line between paragraphs, a line break where the file has one (a
    list, an address), each line wrapped to the width; `lead` (words, their style)
    first. A line wrapped only for the editor ends with TOML's `\\`, which leaves
    no line break."""
    lines: list[Line] = []
    for n, paragraph in enumerate(paragraphs(clean(text))):
        if n:
            lines.append(Line())
        for m, part in enumerate(paragraph):
            first = n == 0 and m == 0
            built = Builder().add(lead[0] if first else "", lead[1]).add(part, style)
            lines += wrap(built.paragraph(), width)
    return lines


def _quote(quote: Quote, event: Event, width: int) -> list[Line]:
    """A quote with its line breaks, its speaker when not the event's, then its own
    date and source, and its note, set in under it."""
    said = clean(quote.text).split("\n")
    last = len(said) - 1
    lines: list[Line] = []
    for n, part in enumerate(said):
        line = Builder().add("“" if n == 0 else "", "italic").add(part.expandtabs(), "italic")
        if n == last:
            line.add("”", "italic")
            if quote.speaker and quote.speaker != event.speaker:
                line.add("  ").add(f"— {one_line(quote.speaker)}", "dim", whole=True)
        lines += wrap(line.paragraph(), width)
    cited = Builder()
    if quote.date is not None:
        cited.add(format_medium(quote.date), "dim", whole=True)
    if quote.source is not None and has_source(quote.source):
        cited.add(" · " if quote.date is not None else "", "dim").add("Source: ", "dim")
        _add_source(cited, quote.source)
    inner = width - QUOTE_INDENT
    if len(cited):
        lines += indented(wrap(cited.paragraph(), inner), QUOTE_INDENT)
    if quote.note:
        note = _prose(quote.note, inner, "dim italic", ("Note: ", "dim"))
        # A note of white space alone still says "Note:", as it did and the pane does.
        lines += indented(note or wrap(styled("Note:", "dim"), inner), QUOTE_INDENT)
    return lines


class _Lookup(NamedTuple):
    """Where related events are looked up: the whole timeline (a reply to an event a
    filter left out is still a reply), and the timeline this printout shows."""

    everything: Timeline
    shown: Timeline


def _derivation(event: Event, lookup: _Lookup) -> Paragraph | None:
    """ "written as “Monday”: the Monday on or before “…” (Thursday 19 July 2018)", its
    date kept on one line; None for a date written as it is shown."""
    how = derivation(event, lookup.everything)
    if not how:
        return None
    line = Builder().add(how, "italic dim").paragraph()
    anchor = lookup.everything.get(event.when.anchor) if event.when.anchor else None
    if anchor is not None:
        date = f"({format_long(anchor.when)})"
        at = how.rfind(date)
        if at >= 0:
            return line._replace(keep=((at, at + len(date)),))
    return line


def _relations(event: Event, lookup: _Lookup) -> list[Paragraph]:
    """ "In reply to: Title (19 Jul 2018)", one line per related event."""
    out = []
    for link in related(event, lookup.everything):
        line = Builder().add(link.label[:1].upper() + link.label[1:] + ": ", "dim")
        line.add(one_line(link.event.title)).add(" (", "dim")
        line.add(format_medium(link.event.when), "dim", whole=True).add(")", "dim")
        if lookup.shown.index_of(link.event.id) is None:
            line.add(", not in this printout", "dim")
        out.append(line.paragraph())
    return out


def _body(event: Event, width: int, lookup: _Lookup) -> list[Line]:
    """The event's text, without its date, as lines of `width` cells."""
    head = Builder().add(one_line(event.title), "bold")
    if event.kind:
        head.add("  [", "dim").add(one_line(event.kind), "dim", whole=True).add("]", "dim")
    lines = wrap(head.paragraph(), width)
    how = _derivation(event, lookup)
    if how is not None:
        lines += wrap(how, width)
    who = attribution_text(event)
    if who:
        lines += wrap(Builder().add("— ", "dim").add(who).paragraph(), width)
    filed = [one_line(event.group)] if event.group else []
    filed += [one_line(tag_label(tag)) for tag in event.tags]
    if filed:
        lines += wrap(Builder().add(" · ".join(filed), "dim").paragraph(), width)
    if event.status:
        status = Builder().add("Status: ", "dim").add(one_line(event.status), "bold")
        lines += wrap(status.paragraph(), width)
    for quote in event.quotes:
        lines.append(Line())  # a blank line before each quote sets the quotes apart
        lines += indented(_quote(quote, event, width - QUOTE_INDENT), QUOTE_INDENT)
    tail: list[Line] = []
    if event.context:
        tail += _prose(event.context, width)
    media = media_shown(event.media)
    if media is not None:
        shown = Builder().add("Media: ", "dim").add(media.named)
        if media.url:
            shown.add(" " if media.named else "").add(media.url, "dim", whole=True)
        if media.credited:
            shown.add(" " + media.credited)
        tail += wrap(shown.paragraph(), width)
    for source in event.sources:
        if has_source(source):
            tail += wrap(_source(source), width)
    if event.notes:
        # A printout is private use: the notes are shown, and said to be notes.
        tail += _prose(event.notes, width, "italic", ("Research notes: ", "bold"))
    for relation in _relations(event, lookup):
        tail += wrap(relation, width)
    if tail and event.quotes:
        lines.append(Line())  # and after the last one
    return lines + tail


class _Layout(NamedTuple):
    width: int

    @property
    def beside(self) -> bool:
        """Whether dates stand in a column beside the events."""
        return self.width >= SIDE_BY_SIDE

    @property
    def indent(self) -> int:
        """Where an event's text starts."""
        return BODY if self.beside else STACKED_INDENT


def _event(event: Event, layout: _Layout, lookup: _Lookup) -> list[Line]:
    """The event's lines: its date beside its text, or above it when the date is wider
    than the column (never split) or the page too narrow for a column."""
    date = whole_line(styled(event_date(event), "cyan"))
    body = _body(event, layout.width - layout.indent, lookup)
    size = cell_len(date.plain)
    if layout.beside and size <= DATE_COLUMN and body and body[0].parts:
        first = date.beside(pad(BODY - size)).beside(body[0])
        return [first, *indented(body[1:], BODY)]
    return [date, *indented(body, layout.indent)]


def _heading(period: tuple[int, int], width: int) -> Line:
    """ "July 2018 ───…", or the year alone ("2018 ───…", a month of -1)."""
    name = period_name(*period)
    rule = "─" * max(2, width - cell_len(name) - 1)
    return whole_line(Builder().add(name, "bold").add(" ").add(rule, "dim").paragraph())


def _era_line(
    words: str, era: Era, width: int, *, span: bool = True, after: str = ""
) -> list[Line]:
    line = Builder().add(words, "dim").add(one_line(era.title), "bold")
    if span:
        line.add(" (", "dim").add(format_range(era.start, era.end), "dim", whole=True)
        line.add(")", "dim")
    line.add(after, "dim")
    return wrap(line.paragraph(), width)


def _era_begins(era: Era, width: int) -> list[Line]:
    lines = _era_line("Era begins: ", era, width)
    if era.text:
        lines += indented(_prose(era.text, width - STACKED_INDENT, "dim"), STACKED_INDENT)
    return lines


class _Eras:
    """Where each era begins and ends among the printed events: a line before the first
    event it contains and one after the last; an era with no event printed is a line
    where it begins.

    Events are in chronological order, so those an era contains are found by bisecting
    their dates rather than by asking each of 100,000 events about each era.
    """

    def __init__(self, eras: Sequence[Era], events: Sequence[Event]) -> None:
        self.begin: dict[int, list[Era]] = {}
        self.end: dict[int, list[Era]] = {}
        self.empty: dict[int, list[Era]] = {}  # before the event at that index
        self.brackets: list[tuple[Era, range]] = []  # the events between its lines
        if not eras:
            return
        keys = [event.when.key for event in events]
        for era in eras:
            first = bisect_left(keys, era.start.key)
            # `Era.contains`: the end counts whole at its precision ("2018-07": all July).
            reach = era.end.precision + 1 if era.end.precision <= Precision.DAY else 6
            last = (
                bisect_right(keys, era.end.key[:reach], key=operator.itemgetter(slice(reach))) - 1
            )
            if first <= last and era.contains(events[first].when):
                self.begin.setdefault(first, []).append(era)
                self.end.setdefault(last, []).insert(0, era)  # nested eras close inside out
                self.brackets.append((era, range(first, last + 1)))
            else:
                self.empty.setdefault(first, []).append(era)
                self.brackets.append((era, range(0)))

    def notes(self, n: int, event: Event) -> list[tuple[Era, Place]]:
        """Where the event at index `n` lies against each era, where its place among
        the "Era begins" and "Era ends" lines, which follow the order, says otherwise:
        one printed between them that only may, or only partly, lie in the era (or
        lies after its last day, as "after" it), or one printed outside them that lies
        in it or may (`era_place`)."""
        said = []
        for era, bracket in self.brackets:
            place = era_place(era, event)
            if (place is not Place.IN) if n in bracket else (place is not Place.OUT):
                said.append((era, place))
        return said


def printout(
    timeline: Timeline, width: int, *, everything: Timeline | None = None
) -> Iterator[list[Line]]:
    """The printout at `width` columns, a piece at a time (the header, a heading, an
    event, an era's beginning or end), so a long timeline starts printing at once.
    Pieces are printed with a blank line between them (`lines`).

    `everything` is the whole timeline when `timeline` holds only the events a filter
    kept: relations and derived dates are looked up there.
    """
    width = max(1, width)
    layout = _Layout(width)
    lookup = _Lookup(everything or timeline, timeline)
    head = wrap(styled(one_line(timeline.title), "bold underline"), width)
    if timeline.summary:
        head += _prose(timeline.summary, width)
    if timeline.source is not None and has_source(timeline.source):
        head += wrap(_source(timeline.source), width)
    yield head
    events = timeline.events
    eras = _Eras(timeline.eras, events)
    # Headings as the rail has them: a year's before its months', each once; a date
    # is under the period before for a bound that starts one ("before 1 July 2018"
    # under June), and a month's heading stands for its year's too.
    headings = Headings()
    previous: Event | None = None
    for n, event in enumerate(events):
        for era in eras.empty.get(n, ()):
            yield _era_line("Era: ", era, width, after=", with no event in this printout")
        period = headings.before(event.when)
        gap: list[Line] = []  # the quiet "· 3 days later", just above what follows it
        if period is not None:
            yield [_heading(period, width)]
        elif previous is not None:
            between = format_gap(previous.when, event.when)
            if between:
                gap = [whole_line(styled(f"· {between}", "dim")).after(layout.indent)]
        for era in eras.begin.get(n, ()):
            yield gap + _era_begins(era, width)
            gap = []
        said = [
            line
            for era, place in eras.notes(n, event)
            for line in _era_line(f"Era: {place.value}", era, layout.width - layout.indent)
        ]
        yield gap + _event(event, layout, lookup) + list(indented(said, layout.indent))
        for era in eras.end.get(n, ()):
            yield _era_line("Era ends: ", era, width, span=False)
        previous = event
    for era in eras.empty.get(len(events), ()):
        yield _era_line("Era: ", era, width, after=", with no event in this printout")
    if not events:
        yield [whole_line(styled("(no events)", "dim"))]


def lines(
    timeline: Timeline, console: Console, *, everything: Timeline | None = None
) -> Iterator[str]:
    """The printout's lines as `console` shows them: at its width, styled as it can
    (plain text when it has no colours, as when piped), each without its newline."""
    paint = _painter(console)
    for n, piece in enumerate(printout(timeline, console.width, everything=everything)):
        if n:
            yield ""
        for line in piece:
            if paint is None:
                yield line.plain
            else:
                yield "".join(paint(text, style) if style else text for text, style in line.runs())


def _painter(console: Console) -> Callable[[str, str], str] | None:
    """How to write text in a style for this console (its colours, or none with
    NO_COLOR), or None when it shows no styles at all."""
    if console.color_system is None:
        return None
    system = COLOR_SYSTEMS[console.color_system]
    styles: dict[str, Style] = {}

    def paint(text: str, name: str) -> str:
        style = styles.get(name)
        if style is None:
            style = console.get_style(name)
            if console.no_color:
                style = style.without_color
            styles[name] = style
        return style.render(text, color_system=system)

    return paint


def console_for(file: TextIO | None = None) -> Console:
    """A console that shows file text as text: no markup, emoji codes or highlighting.

    COLUMNS=0 says the width is not known (a terminal whose size was never set, in a
    container or a CI job): Rich took it for a width of 0 and printed one character a
    line. It is then ignored, as a terminal reporting 0 columns is (80 when piped)."""
    environ = None
    if os.environ.get("COLUMNS", "").strip() == "0":
        environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return Console(
        file=file, highlight=False, soft_wrap=True, emoji=False, markup=False, _environ=environ
    )


def print_timeline(
    timeline: Timeline, file: TextIO | None = None, *, everything: Timeline | None = None
) -> None:
    """Print the timeline to `file` (standard output by default)."""
    out = file if file is not None else sys.stdout
    for line in lines(timeline, console_for(out), everything=everything):
        out.write(line + "\n")
