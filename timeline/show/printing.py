"""`timeline print`: the timeline rendered with Rich for standard output.

Colour and styles only on a terminal (Rich drops them when piped; NO_COLOR drops the
colours and keeps bold and dim); the width follows the terminal, or COLUMNS, or 80
when piped.
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

from timeline.dates import MONTHS, format_gap, format_year
from timeline.model import Event, Precision, Timeline
from timeline.show.citation import attribution_text, event_date
from timeline.text import clean, one_line, safe


def attribution(event: Event) -> Text:
    """The attribution as Rich text for the terminal."""
    return Text(attribution_text(event))


def _event_block(event: Event) -> RenderableType:
    body: list[RenderableType] = []
    title = safe(one_line(event.title), "bold")
    if event.kind:
        title.append(f"  [{one_line(event.kind)}]", style="dim")
    body.append(title)
    who = attribution(event)
    if who:
        body.append(Text.assemble(("— ", "dim"), who))
    for quote in event.quotes:
        quoted = Text("“", style="italic")
        quoted.append(safe(quote.text, "italic"))
        quoted.append("”", style="italic")
        if quote.speaker and quote.speaker != event.speaker:
            quoted.append(f"  — {one_line(quote.speaker)}", style="dim")
        body.append(Padding(quoted, (0, 0, 0, 2)))
    if event.context:
        # Cleaned before folding: str.split() would turn \x1c-\x1f and \x85 into spaces.
        body.append(safe(" ".join(clean(event.context).split()), "dim"))
    if event.source is not None:
        label = one_line(event.source.label)
        url = one_line(event.source.url)
        body.append(Text(f"Source: {label}{' ' if label and url else ''}{url}", style="dim"))
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
    if timeline.source is not None and (timeline.source.label or timeline.source.url):
        label = " ".join(p for p in (timeline.source.label, timeline.source.url) if p)
        yield safe(f"Source: {one_line(label)}", "dim")
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
