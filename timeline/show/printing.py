"""`timeline print`: the timeline rendered with Rich for standard output.

Colour and styles only on a terminal (Rich drops them when piped; NO_COLOR drops the
colours and keeps bold and dim); the width follows the terminal, or COLUMNS, or 80
when piped.

Everything a fact-checker needs is printed: the verification status, each quote's own
date, source and note, every source with its kind, access date and archived copy.
A printout is for the user's own use, so research notes are printed too, labelled.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from timeline.dates import MONTHS, format_gap, format_medium, format_year
from timeline.model import Event, Precision, Quote, Source, Timeline
from timeline.show.citation import attribution_text, event_date
from timeline.text import clean, one_line, safe


def attribution(event: Event) -> Text:
    """The attribution as Rich text for the terminal."""
    return Text(attribution_text(event))


def source_line(source: Source) -> str:
    """ "RAICES on Twitter https://... (primary; accessed 20 Jul 2018; archived copy:
    sources/raices.html)", on one line, every part cleaned."""
    shown = " ".join(p for p in (one_line(source.label), one_line(source.url)) if p)
    about = []
    if source.kind:
        about.append(one_line(source.kind))
    if source.accessed is not None:
        about.append(f"accessed {one_line(format_medium(source.accessed))}")
    if source.archive:
        about.append(f"archived copy: {one_line(source.archive)}")
    if about:
        shown = f"{shown} ({'; '.join(about)})" if shown else f"({'; '.join(about)})"
    return shown


def _quote_block(quote: Quote, event: Event) -> RenderableType:
    """A quote, its speaker when not the event's, then its own date and source, its note."""
    quoted = Text("“", style="italic")
    quoted.append(safe(quote.text, "italic"))
    quoted.append("”", style="italic")
    if quote.speaker and quote.speaker != event.speaker:
        quoted.append(f"  — {one_line(quote.speaker)}", style="dim")
    lines: list[RenderableType] = [quoted]
    cited = []
    if quote.date is not None:
        cited.append(one_line(format_medium(quote.date)))
    if quote.source is not None:
        cited.append(f"Source: {source_line(quote.source)}")
    if cited:
        # Folded, never cut: a URL longer than the column is shown whole.
        cited_text = Text(" · ".join(cited), style="dim", overflow="fold")
        lines.append(Padding(cited_text, (0, 0, 0, 2)))
    if quote.note:
        note = " ".join(clean(quote.note).split())
        lines.append(Padding(Text.assemble(("Note: ", "dim"), (note, "dim italic")), (0, 0, 0, 2)))
    return Padding(Group(*lines), (0, 0, 0, 2))


def _event_block(event: Event) -> RenderableType:
    body: list[RenderableType] = []
    title = safe(one_line(event.title), "bold")
    if event.kind:
        title.append(f"  [{one_line(event.kind)}]", style="dim")
    body.append(title)
    who = attribution(event)
    if who:
        body.append(Text.assemble(("— ", "dim"), who))
    if event.status:
        body.append(Text.assemble(("Status: ", "dim"), (one_line(event.status), "bold")))
    for quote in event.quotes:
        body.append(_quote_block(quote, event))
    if event.context:
        # Cleaned before folding: str.split() would turn \x1c-\x1f and \x85 into spaces.
        body.append(safe(" ".join(clean(event.context).split()), "dim"))
    for source in event.sources:
        body.append(Text(f"Source: {source_line(source)}", style="dim", overflow="fold"))
    if event.notes:
        # A printout is private use: the notes are shown, and said to be notes.
        notes = " ".join(clean(event.notes).split())
        body.append(Text.assemble(("Research notes: ", "bold"), (notes, "italic")))
    grid = Table.grid(padding=(0, 2))
    # Wrapped, never cut: "before 16 Jul 2018 14:05:30 UTC+02:00" is wider than 20.
    grid.add_column(width=20, overflow="fold")
    grid.add_column(ratio=1)
    grid.add_row(Text(event_date(event), style="cyan"), Group(*body))
    return grid


def render(timeline: Timeline) -> Iterator[RenderableType]:
    """The printout, piece by piece, so a long timeline starts printing at once."""
    yield safe(one_line(timeline.title), "bold underline")
    if timeline.summary:
        yield safe(" ".join(clean(timeline.summary).split()))
    if timeline.source is not None and source_line(timeline.source):
        yield Text(f"Source: {source_line(timeline.source)}", style="dim", overflow="fold")
    heading: tuple[int, int] | None = None
    previous: Event | None = None
    for event in timeline.events:
        when = event.when
        key = (when.year, when.month if when.precision >= Precision.MONTH else 0)
        if key != heading:
            heading = key
            year = format_year(key[0])  # "500 BCE"
            name = f"{MONTHS[key[1] - 1]} {year}" if key[1] else year
            yield Text("")
            yield Rule(Text(name, style="bold"), align="left", style="dim")
        elif previous is not None:
            gap = format_gap(previous.when, when)
            if gap:
                yield Text(f"{'':20}  · {gap}", style="dim")
        yield _event_block(event)
        previous = event
    if not timeline.events:
        yield Text("(no events)", style="dim")


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """`timeline print | head`: Rich would exit 1; let the caller treat it as done.

        Standard output is pointed at /dev/null, as Rich does, so that flushing it at
        exit cannot fail again; the command line catches BrokenPipeError and exits 0.
        """
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise BrokenPipeError


def print_timeline(timeline: Timeline, file: TextIO | None = None) -> None:
    """Print the timeline to `file` (standard output by default)."""
    console = _Console(file=file, highlight=False, soft_wrap=False, emoji=False, markup=False)
    for piece in render(timeline):
        console.print(piece)
