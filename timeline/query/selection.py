"""What every part of the reader's view shares: the events a filter keeps, the one
selected, and the notice an action has for the reader.

`Selection` is the base of `timeline.query.view.View`. The view's other parts (its
search, its warnings, the places to go back to) are each given it, to read what is
shown and to move the selection; none of them imports the view.

Positions are indices into `shown` (what the rail lists); indices are into
`timeline.events`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import NamedTuple

from timeline.dates import DateError, read_query, timeline_zone
from timeline.model import Event, Timeline
from timeline.query.filters import Filter
from timeline.query.navigate import (
    Dated,
    jump_index,
    nearest_index,
    next_day,
    next_month,
    previous_day,
    previous_month,
)
from timeline.query.value_index import ValueIndex
from timeline.store import spans_of


class Notice(NamedTuple):
    """Something to tell the reader after an action.

    Attributes:
        text: What to say.
        severity: "information" or "warning".
        title: What it is about ("--filter"), or "".
    """

    text: str
    severity: str = "information"
    title: str = ""


class ShownEvents(Sequence[Event]):
    """The events the rail shows, as a sequence, without copying them."""

    def __init__(self, events: Sequence[Event], shown: Sequence[int]) -> None:
        self.events = events
        self.shown = shown

    def __len__(self) -> int:
        return len(self.shown)

    def __getitem__(self, position: int) -> Event:  # type: ignore[override]
        return self.events[self.shown[position]]


class ShownDates(Sequence[Dated]):
    """The dates of the events the rail shows: what moving by date reads (navigate).

    From the columns of a large timeline from the cache (`store.spans_of`), whose
    events are made when asked for: a bisection asks for twenty far apart, and a date
    typed without a year for every year's. Going to a date at 1,000,000 events took
    0.15-2.3 s making them.
    """

    def __init__(self, events: Sequence[Event], shown: Sequence[int]) -> None:
        self.spans = spans_of(events)
        self.shown = shown

    def __len__(self) -> int:
        return len(self.shown)

    def __getitem__(self, position: int) -> Dated:  # type: ignore[override]
        return self.spans[self.shown[position]]


class Selection:
    """The events of a timeline a filter keeps, and the one selected.

    Methods that can fail or have news for the reader return a `Notice`, and never
    raise for anything a reader can do.

    Attributes:
        timeline: What is shown; None before the first load.
        filter: Which events are kept.
        shown: Indices (into `timeline.events`) of the events kept, in order.
        cursor: Position (in `shown`) of the selected event.
        quote: The selected quote of the selected event (what `y` copies).
        dayfirst: Read dates typed like 16/7/2018 day first.
    """

    def __init__(self, *, dayfirst: bool = False) -> None:
        self.timeline: Timeline | None = None
        self.filter = Filter()
        self.shown: Sequence[int] = ()
        self.cursor = 0
        self.quote = 0
        self.dayfirst = dayfirst
        self._values: ValueIndex | None = None  # where each value is, for filters
        self._filter_text = ""
        self._unsure = 0  # how many shown events only a bound keeps in the date range

    @property
    def value_index(self) -> ValueIndex:
        """Where each value of the timeline shown is, kept for its filters (and the
        counts the filter picker shows); each field is indexed on first use."""
        if self._values is None:  # kept for the next filter of the same timeline
            self._values = ValueIndex(self.events)
        return self._values

    @property
    def events(self) -> Sequence[Event]:
        """Every event of the timeline."""
        return self.timeline.events if self.timeline is not None else ()

    @property
    def shown_events(self) -> ShownEvents:
        """The shown events, in order."""
        return ShownEvents(self.events, self.shown)

    @property
    def shown_dates(self) -> ShownDates:
        """The shown events' dates, in order (what moving by date reads)."""
        return ShownDates(self.events, self.shown)

    @property
    def selected(self) -> Event | None:
        """The selected event, if any is shown."""
        if not self.shown:
            return None
        return self.events[self.shown[self.cursor]]

    @property
    def zone(self) -> tzinfo | None:
        """The timeline's zone, in which a time typed with a zone is put, as its events'
        times are; None when it has none."""
        return timeline_zone(self.timeline.timezone) if self.timeline is not None else None

    @property
    def default_year(self) -> int:
        """The year of a date typed without one: the timeline's first (2000 when empty)."""
        events = self.events
        return events[0].when.year if events else 2000

    def show(self, timeline: Timeline, index: int = 0) -> None:
        """Show a (new) timeline, with the event at `index` (or the nearest shown) selected."""
        if timeline is not self.timeline:
            self._values = None
        self.timeline = timeline
        self._apply(index)

    # ------------------------------------------------------------------ filters

    def _apply(self, index: int | None) -> None:
        """Recompute what the filter keeps, selecting `index` or the nearest shown event."""
        events = self.events
        if self.filter.active:
            self.shown, unsure = self.filter.apply_counted(events, self.value_index)
            self._filter_text, self._unsure = self.filter.describe(), unsure
        else:
            self.shown, self._filter_text, self._unsure = range(len(events)), "", 0
        self.cursor = 0
        if self.shown and index is not None and 0 <= index < len(events):
            self.cursor = self._nearest_shown(index)
        self.quote = 0

    def set_filter(self, new: Filter) -> Notice | None:
        """Keep only what `new` keeps, the selection staying on (or near) its event."""
        selected = self.selected
        index = self.timeline.index_of(selected.id) if self.timeline and selected else None
        self.filter = new
        self._apply(index)
        if new.active and not self.shown:
            return Notice("No event matches these filters; F shows every event.")
        return None

    def filter_from_args(self, args: Sequence[str]) -> Notice | None:
        """Filter by `--filter KEY=VALUE` arguments (dates without a year are the
        timeline's first year)."""
        if not args:
            return None
        # Imported here: most views are never filtered from the command line.
        from timeline.query.facets import known_values
        from timeline.query.filter_args import FilterError, parse_filter_args

        try:
            new = parse_filter_args(
                args,
                default_year=self.default_year,
                dayfirst=self.dayfirst,
                known=known_values(self.events),
                tz=self.zone,
            )
        except FilterError as exc:
            return Notice(str(exc), "warning", "--filter")
        return self.set_filter(new)

    # ------------------------------------------------------------------ positions

    def position_of(self, index: int) -> int | None:
        """Where the event at `index` is among those shown, or None when it is hidden."""
        position = bisect_left(self.shown, index)
        if position < len(self.shown) and self.shown[position] == index:
            return position
        return None

    def _nearest_shown(self, index: int) -> int:
        position = self.position_of(index)
        if position is not None:
            return position
        return nearest_index(self.shown_dates, self.events[index].when)

    def select_index(self, index: int) -> None:
        """Select the event at `index`, or the shown event nearest its date."""
        if self.shown:
            self.move_to(self._nearest_shown(index))

    # ------------------------------------------------------------------ moving

    def move_to(self, position: int) -> None:
        """Select the event at `position` (clamped to what is shown)."""
        if not self.shown:
            return
        position = max(0, min(position, len(self.shown) - 1))
        if position != self.cursor:
            self.cursor = position
            self.quote = 0

    def select_id(self, event_id: str) -> bool:
        """Select the event with this id; False when there is none or it is not shown."""
        if self.timeline is None:
            return False
        index = self.timeline.index_of(event_id)
        if index is None:
            return False
        position = self.position_of(index)
        if position is None:
            return False
        self.move_to(position)
        return True

    def step_among(self, positions: Sequence[int], direction: int) -> bool:
        """Go to the next (1) or previous (-1) of these positions (in order, not empty)
        from the selection, wrapping around; whether it wrapped."""
        if direction > 0:
            i = bisect_right(positions, self.cursor)
            wrapped = i >= len(positions)
        else:
            i = bisect_left(positions, self.cursor) - 1
            wrapped = i < 0
        self.move_to(positions[i % len(positions)])
        return wrapped

    def step_day(self, direction: int) -> Notice | None:
        """Previous or next day that has events; a notice when there is none."""
        return self._step(previous_day if direction < 0 else next_day, direction, "day")

    def step_month(self, direction: int) -> Notice | None:
        """Previous or next month that has events; a notice when there is none."""
        return self._step(previous_month if direction < 0 else next_month, direction, "month")

    def _step(
        self, step: Callable[[Sequence[Dated], int], int], direction: int, unit: str
    ) -> Notice | None:
        if not self.shown:
            return None
        position = step(self.shown_dates, self.cursor)
        if position == self.cursor:
            # The key did nothing: say why, rather than leave the reader wondering.
            return Notice(f"No {'later' if direction > 0 else 'earlier'} {unit} has events.")
        self.move_to(position)
        return None

    def go_to_date(self, text: str) -> Notice | None:
        """Select the event nearest a date a reader typed; a notice when it cannot be read."""
        if not self.shown or not text.strip():
            return None
        selected = self.selected
        year = selected.when.year if selected else 2000
        try:
            query = read_query(text, year, dayfirst=self.dayfirst, tz=self.zone)
        except DateError as exc:
            return Notice(str(exc), "warning")
        # A date typed without a year goes to the nearest such day that has events.
        self.move_to(jump_index(self.shown_dates, query, near=selected.when if selected else None))
        return None

    def step_quote(self, delta: int) -> None:
        """Select the next or previous quote of the selected event (what `y` copies)."""
        event = self.selected
        if event is not None and event.quotes:
            self.quote = (self.quote + delta) % len(event.quotes)
