"""Command palette entries: "Go to: <event>" for every event, found by fuzzy search."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import Protocol, cast

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from timeline.model import Event
from timeline.query.view import View
from timeline.show.citation import row_date
from timeline.text import ROW_LIMIT, one_line


class ViewHost(Protocol):
    """What the provider needs of the app: its view, and a way to select an event."""

    view: View

    def go_to_position(self, position: int) -> None:
        """Select the shown event at this position."""

    def go_to_hidden(self, index: int) -> None:
        """Clear the filters and select this event of the timeline."""


#: Up to this many events, every title is scored; beyond, only those whose title or
#: speaker holds every word typed (`View.titles_holding`), so a keystroke in the
#: palette stays quick at 100,000 events.
FUZZY_ALL = 3_000
CANDIDATES = 400
#: What every label starts with: typed, it narrows nothing down.
_GO_TO = re.compile(r"^\s*go\s*to\b:?|^\s*go\b", re.IGNORECASE)
MATCH = Style(bold=True, underline=True)


def _label(event: Event) -> str:
    speaker = f" — {one_line(event.speaker, ROW_LIMIT)}" if event.speaker else ""
    return f"Go to: {one_line(event.title, ROW_LIMIT)}{speaker}"


def _when(event: Event) -> str:
    """The event's date as the rail shows it (`row_date`), as the palette's help text."""
    return literal(row_date(event))


def literal(text: str) -> str:
    """Text the palette's help shows as written. It reads help as content markup, where
    a backslash escapes only a bracket after it: `textual.markup.escape` (Rich's rule)
    doubled the backslash before one, so a display date "a\\[b]" showed as "a\\\\[b]"."""
    return text.replace("[", "\\[")


def _shown(label: str, offsets: Sequence[int] = ()) -> Text:
    """The label as literal text. A str prompt would be read as markup: a title such as
    "[/x]" crashed the palette and "[@click=app.quit]" made an action."""
    text = Text(label)
    for offset in offsets:
        if not label[offset].isspace():
            text.stylize(MATCH, offset, offset + 1)
    return text


class GoToEvent(Provider):
    """Every shown event as a palette command, matched on its title and speaker."""

    @property
    def _host(self) -> ViewHost:
        return cast(ViewHost, self.app)

    def _positions(self, query: str, among: Sequence[int] | None = None) -> Sequence[int]:
        """Positions in `among` (the events shown by default) of the events to score."""
        view = self._host.view
        count = len(view.shown if among is None else among)
        if count <= FUZZY_ALL:
            return range(count)
        words = _GO_TO.sub("", query).split()
        if not words:  # "go to", or nothing yet: the first events, as on a small file
            return range(min(count, CANDIDATES))
        return view.titles_holding(words, CANDIDATES, among)

    async def discover(self) -> Hits:
        app = self._host
        shown = app.view.shown_events
        for position in range(min(len(shown), 20)):
            event = shown[position]
            yield DiscoveryHit(
                _shown(_label(event)),
                partial(app.go_to_position, position),
                help=_when(event),
            )

    async def search(self, query: str) -> Hits:
        # Matched as search folds text (accents and typography): "nunez" goes to "José
        # Núñez", as `/` finds him; matched as written, the palette found nothing.
        from timeline.query.search import fold, fold_positions

        app = self._host
        matcher = self.matcher(query)
        typed = fold(matcher.query)

        def hit(event: Event, go: Callable[[], None], said: str = "") -> Hit | None:
            label = _label(event)
            folded, starts = fold_positions(label)
            score, offsets = matcher.fuzzy_search.match(typed, folded)
            if score <= 0:
                return None
            shown = _shown(label, sorted({starts[offset] for offset in offsets}))
            return Hit(score, shown, go, text=label, help=_when(event) + said)

        shown = app.view.shown_events
        found = False
        for position in self._positions(query):
            made = hit(shown[position], partial(app.go_to_position, position))
            if made is not None:
                found = True
                yield made
        view = app.view
        if found or not view.filter.active or view.timeline is None:
            return
        # Nothing shown matches: the events the filters hide are looked through, and
        # offered as such ("No matches found" said nothing of them).
        events = view.timeline.events
        visible = set(view.shown)
        said = " · hidden by the filters: going to it clears them"
        for index in self._positions(query, range(len(events))):
            if index not in visible:
                made = hit(events[index], partial(app.go_to_hidden, index), said)
                if made is not None:
                    yield made
