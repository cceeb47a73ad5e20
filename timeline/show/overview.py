"""The overview strip's model: where the shown events fall across the whole span.

A density bar with one bucket per hour, day, week, month, year, decade or century,
and a label line with the dates at its ends, a marker under the selected event and
the scale's name, like TimelineJS's navigation bar or lnav's histogram. A span
shorter than the strip is stretched across it (twelve days on a 70-cell strip take
five or six cells each); a longer one shows a window of it, one cell per bucket.
An event's bucket number is worked out when it is asked for (`Buckets`): a cursor
move needs one or two, and drawing counts the buckets in view by bisection, so
neither grows with the file. The widget that draws it is
`timeline.ui.widgets.overview`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple, overload

from timeline.dates import MONTHS, format_medium
from timeline.dates.calendar import MAX_YEAR, as_written, astronomical, civil_from_day, day_number
from timeline.dates.show import CE_BELOW
from timeline.model import Event, Precision, When
from timeline.store import Stored

#: Years in a bucket at the scales counted in years: past centuries, for a timeline of
#: ages (Knight Lab's cosmology template spans 13.8 billion years; at a century a cell
#: its strip showed 6,000 of them).
_YEARS = {
    "year": 1,
    "decade": 10,
    "century": 100,
    "millennium": 1_000,
    "10 millennia": 10_000,
    "100 millennia": 100_000,
    "million years": 1_000_000,
    "10 million years": 10_000_000,
    "100 million years": 100_000_000,
    "billion years": 1_000_000_000,
}
SCALES: tuple[str, ...] = ("hour", "day", "week", "month", *_YEARS)
"""Bucket sizes, finest first; `zoom(-1)` moves left in this tuple."""


BLOCKS = " ▁▂▃▄▅▆▇█"
"""Density glyphs: index 0 for an empty bucket, 8 for the busiest in view."""


MARKER = "▲"


NO_EVENTS = "no events"


# Assumed width for choosing the automatic scale before the widget has a size; the
# scale is chosen again on the first resize.
_DEFAULT_WIDTH = 80


# A year beyond the readers' limit cannot be loaded, but a `When` can be built with
# any year: clamping to the same limit keeps each bucket one whose first day and
# label the calendar can give (a day number is about 366 times the year).
_YEAR_LIMIT = MAX_YEAR


def bucket_of(when: When, scale: str) -> int:
    """The bucket a date falls in at a scale: the bucket of its start.

    A date known only to the month or the year counts from its first day, as it
    sorts. Weeks start on Monday: day number 1 (1 January of the year 1) is a
    Monday, so week 0 is days 1 to 7.

    There is no year 0: a date's year is written so (-1 is 1 BCE), and the buckets of
    hours, days, weeks, months and years count it astronomically (1 BCE is 0,
    `calendar.astronomical`), so the bucket after the last of 1 BCE is the first of 1
    CE, and a BCE day falls in its own year (1 BCE was a leap year). Decades and
    coarser keep the years as written, for their round first years: -10 to -1 (10 to
    1 BCE) is a decade, and 1 to 9 CE the next one (named "1", its first year).

    Args:
        when: The date.
        scale: One of `SCALES`.

    Returns:
        The hour number (day number * 24 + hour), day number, week number,
        year * 12 + month - 1 and the year (astronomical), or the year as written
        // 10, // 100 and so on.

    Raises:
        ValueError: `scale` is not one of `SCALES`.
    """
    written = max(-_YEAR_LIMIT, min(when.year, _YEAR_LIMIT))
    year = astronomical(written)
    if scale == "year":
        return year
    if scale in _YEARS:
        return written // _YEARS[scale]
    if scale == "month":
        return year * 12 + when.month - 1
    if scale == "day":
        return day_number(year, when.month, when.day)
    if scale == "hour":
        return day_number(year, when.month, when.day) * 24 + when.hour
    if scale == "week":
        return (day_number(year, when.month, when.day) - 1) // 7
    raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")


def bucket_start(bucket: int, scale: str) -> When:
    """The first day (or hour) of a bucket, at the scale's precision, its year as
    written (see `bucket_of`)."""
    if scale == "year":
        return When(as_written(bucket), precision=Precision.YEAR)
    if scale in _YEARS:
        # The decade, century... of 1 CE begins with it: there is no year 0.
        return When(bucket * _YEARS[scale] or 1, precision=Precision.YEAR)
    if scale == "month":
        year, month = divmod(bucket, 12)
        return When(as_written(year), month + 1, precision=Precision.MONTH)
    if scale == "hour":
        day, hour = divmod(bucket, 24)
        year, month, mday = civil_from_day(day)
        return When(as_written(year), month, mday, hour, precision=Precision.HOUR)
    day = bucket * 7 + 1 if scale == "week" else bucket
    year, month, mday = civil_from_day(day)
    return When(as_written(year), month, mday)


def bucket_label(bucket: int, scale: str, *, short: bool = False, era: bool = False) -> str:
    """A bucket's date for the label line: "8 Jul 2018 14:00", "8 Jul 2018", "Jul 2018",
    "500 BCE"; a decade or century by its first year ("2010", "1900").

    Args:
        bucket: A bucket number at `scale`.
        scale: One of `SCALES`.
        short: Without the year ("8 Jul 14:00", "8 Jul", "Jul"), for when the full
            date does not fit; a year stays whole.
        era: A year of the common era says so ("2000 CE"), as beside "3000 BCE" at
            the other end of the strip (the years before 1000 always do).
    """
    when = bucket_start(bucket, scale)
    if scale == "hour":
        # Where the hour's bucket starts, on the clock ("14:00"), as an axis marks it;
        # a date known to the hour is written "14h" (`dates.show`).
        when = when._replace(precision=Precision.MINUTE)
    if not short or scale in _YEARS:
        text = format_medium(when)
        return f"{text} CE" if era and when.year >= CE_BELOW else text
    month = MONTHS[when.month - 1][:3]
    if scale == "month":
        return month
    if scale == "hour":
        return f"{when.day} {month} {when.hour:02d}:00"
    return f"{when.day} {month}"


class Buckets(Sequence[int]):
    """Each shown event's bucket at a scale (`bucket_of`), in the order of `shown`,
    worked out when asked for: the strip asks for a few (its ends, the selection, the
    bisections that count the buckets in view), and numbering every event at each load
    took 0.17 s on the viewer's thread at 1,000,000 events.

    Non-decreasing when `shown` is chronological.

    Args:
        events: All events (a stored timeline's dates are read from its column).
        shown: Indices into `events` of the events shown, in chronological order.
        scale: One of `SCALES`.

    Raises:
        ValueError: `scale` is not one of `SCALES`.
    """

    def __init__(self, events: Sequence[Event], shown: Sequence[int], scale: str) -> None:
        if scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
        self._events = events
        self._whens: Sequence[When] | None = (
            events.columns["when"] if isinstance(events, Stored) else None
        )
        self._shown = shown
        self._scale = scale

    def __len__(self) -> int:
        return len(self._shown)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        at = self._shown[index]
        when = self._events[at].when if self._whens is None else self._whens[at]
        return bucket_of(when, self._scale)


def fit_scale(first: When, last: When, width: int) -> str:
    """The finest scale at which first to last fits in `width` cells; else the coarsest."""
    for scale in SCALES:
        if bucket_of(last, scale) - bucket_of(first, scale) + 1 <= width:
            return scale
    return SCALES[-1]


def density_glyph(count: int, peak: int) -> str:
    """The block for a bucket with `count` events when the busiest in view has `peak`.

    Any bucket with an event gets at least the lowest block, so a single event
    beside a busy day is never invisible.
    """
    if count <= 0 or peak <= 0:
        return BLOCKS[0]
    level = -(-count * 8 // peak)  # ceiling division
    return BLOCKS[max(1, min(8, level))]


def nearest_position(buckets: Sequence[int], bucket: int) -> int:
    """The position of the event nearest a bucket, for a click on the strip.

    The first event in the bucket when it has one; otherwise the nearer of the
    events either side (the later one on a tie, as `navigate.nearest_index` does),
    and when the earlier side wins, the first event of its bucket.

    Args:
        buckets: Bucket numbers, non-decreasing.
        bucket: The bucket clicked.

    Returns:
        A position in `buckets`.

    Raises:
        ValueError: `buckets` is empty.
    """
    if not buckets:
        raise ValueError("no events to jump to")
    after = bisect_left(buckets, bucket)
    if after < len(buckets) and (buckets[after] == bucket or after == 0):
        return after
    if after < len(buckets) and buckets[after] - bucket <= bucket - buckets[after - 1]:
        return after
    return bisect_left(buckets, buckets[after - 1], hi=after)


class LabelPiece(NamedTuple):
    """A piece of the label line.

    Attributes:
        column: The first cell it occupies.
        text: What it says.
        role: "label" for dates and the scale name, "marker" for the selection mark.
    """

    column: int
    text: str
    role: str


class Cell(NamedTuple):
    """One cell of the density bar (a bucket stretched over several has several).

    Attributes:
        glyph: A block from `BLOCKS`.
        tally: Events in the bucket; -1 where there is no bucket (no events).
        window: The bucket is in the rail's visible window.
        selected: The selected event is in the bucket.
    """

    glyph: str
    tally: int
    window: bool
    selected: bool


class OverviewModel:
    """What the strip shows, without Textual: buckets, scale, view, selection.

    Attributes:
        events: All events.
        shown: Indices into `events` of the events shown, chronological.
        scale: The current scale, one of `SCALES`.
        auto: Whether the scale follows the data and width (until the reader zooms).
        width: Cells available, one per bucket.
        buckets: One bucket number per shown event at `scale`.
        start: The bucket in the first cell.
        selection: Position in `shown` of the selected event.
        window: Positions in `shown` of the first and last events the rail shows.
    """

    def __init__(self, width: int = 0) -> None:
        self.events: Sequence[Event] = ()
        self.shown: Sequence[int] = ()
        self.scale = "month"
        self.auto = True
        self.width = width
        self.buckets: Sequence[int] = ()
        self.start = 0
        self.selection = 0
        self.window = (0, -1)
        self._counts_key: tuple[int, int, int] | None = None
        self._counts: list[int] = []

    # ------------------------------------------------------------------ changes

    def set_events(self, events: Sequence[Event], shown: Sequence[int]) -> None:
        """Show `events[i] for i in shown`; O(len(shown)), once per call."""
        self.events = events
        self.shown = shown
        scale = self.scale
        if self.auto and shown:
            self.scale = self._fitting_scale()
        self.buckets = Buckets(events, shown, self.scale)
        self.selection = max(0, min(self.selection, len(shown) - 1))
        self._counts_key = None
        # After a filter change at the same scale the view stays where the reader
        # left it if it still holds the selection.
        self._place_view(recentre=scale != self.scale)

    def set_width(self, width: int) -> bool:
        """Fit a new width; True when anything shown changed."""
        if width == self.width:
            return False
        self.width = width
        if self.auto and self.shown:
            scale = self._fitting_scale()
            if scale != self.scale:
                self._rescale(scale)
                return True
        self._counts_key = None
        self._place_view(recentre=False)
        return True

    def set_scale(self, scale: str, *, auto: bool = False) -> None:
        """Use a scale; `auto=True` returns to the automatic one (and ignores `scale`).

        Raises:
            ValueError: `scale` is not one of `SCALES`.
        """
        self.auto = auto
        if auto:
            scale = self._fitting_scale() if self.shown else self.scale
        elif scale not in SCALES:
            raise ValueError(f"unknown scale {scale!r}; expected one of {', '.join(SCALES)}")
        if scale != self.scale:
            self._rescale(scale)

    def zoom(self, direction: int) -> bool:
        """-1 for a finer scale, +1 for a coarser one; False at either end."""
        index = SCALES.index(self.scale) + (1 if direction > 0 else -1)
        if direction == 0 or not 0 <= index < len(SCALES):
            return False
        self.set_scale(SCALES[index])
        return True

    def select(self, position: int) -> None:
        """Select the event at a position in `shown`; O(1)."""
        self.selection = max(0, min(position, len(self.shown) - 1))
        self._place_view(recentre=False)

    def set_window(self, first: int, last: int) -> None:
        """The positions of the first and last events the rail shows."""
        self.window = (first, last)

    def _rescale(self, scale: str) -> None:
        self.scale = scale
        self.buckets = Buckets(self.events, self.shown, scale)
        self._counts_key = None
        # A new scale puts the selection in a different cell: centre it again.
        self._place_view(recentre=True)

    def _fitting_scale(self) -> str:
        events = self.events
        width = self.width if self.width > 0 else _DEFAULT_WIDTH
        first, last = events[self.shown[0]].when, events[self.shown[-1]].when
        scale = fit_scale(first, last, width)
        if scale == "hour" and max(first.precision, last.precision) < Precision.HOUR:
            # Hours only for events that have them (looked for at the ends, not in every
            # event): dates known to the day would all sit at midnight.
            return "day"
        return scale

    def _place_view(self, *, recentre: bool) -> None:
        """Choose the first bucket in view so that it holds the selection.

        The view stays put while the selection is inside it, so the bar does not
        shift under the reader at each key press; when the selection leaves, the view
        jumps to centre it, which shows context either side and moves rarely.
        """
        if not self.buckets or self.width <= 0:
            return
        first, last = self.buckets[0], self.buckets[-1]
        if last - first + 1 <= self.width:
            self.start = first
            return
        selected = self.buckets[self.selection]
        if recentre or not self.start <= selected < self.start + self.width:
            self.start = selected - self.width // 2
        self.start = max(first, min(self.start, last - self.width + 1))

    # ------------------------------------------------------------------ queries

    @property
    def drawn(self) -> int:
        """How many buckets are in view: as many as cells, or fewer when the span is
        short (they are then stretched across the strip)."""
        if not self.buckets or self.width <= 0:
            return 0
        return max(0, min(self.width, self.buckets[-1] - self.start + 1))

    def column_of(self, bucket: int) -> tuple[int, int]:
        """The cells a bucket in view takes: from the first to before the second.

        Each of `drawn` buckets gets `width / drawn` cells, rounded so that together
        they fill the strip exactly.
        """
        drawn = self.drawn
        offset = bucket - self.start
        return (-(-offset * self.width // drawn), -(-(offset + 1) * self.width // drawn))

    def bucket_at(self, column: int) -> int:
        """The bucket drawn in a cell (clamped to the strip)."""
        drawn = self.drawn
        column = max(0, min(column, self.width - 1))
        return self.start + (column * drawn // self.width if drawn else column)

    @property
    def selected_bucket(self) -> int | None:
        """The bucket of the selected event, or None with no events."""
        return self.buckets[self.selection] if self.buckets else None

    def counts(self) -> list[int]:
        """Events per bucket in view, by bisection: O(width x log n), cached."""
        key = (self.start, self.drawn, len(self.buckets))
        if key != self._counts_key:
            buckets = self.buckets
            low = bisect_left(buckets, self.start)
            counts: list[int] = []
            for bucket in range(self.start, self.start + self.drawn):
                high = bisect_right(buckets, bucket, lo=low)
                counts.append(high - low)
                low = high
            self._counts, self._counts_key = counts, key
        return self._counts

    def cells(self) -> list[Cell]:
        """The density bar across the width: each bucket in view in its cells."""
        counts = self.counts()
        peak = max(counts, default=0)
        selected = self.selected_bucket
        window_low, window_high = self._window_buckets()
        cells = []
        for offset, count in enumerate(counts):
            bucket = self.start + offset
            first, end = self.column_of(bucket)
            cell = Cell(
                density_glyph(count, peak),
                count,
                window_low <= bucket <= window_high,
                bucket == selected,
            )
            cells.extend([cell] * (end - first))
        cells.extend([Cell(BLOCKS[0], -1, False, False)] * (self.width - len(cells)))
        return cells

    def _window_buckets(self) -> tuple[int, int]:
        """The buckets from the rail's first to last visible event; empty when unset."""
        first, last = self.window
        count = len(self.buckets)
        if not count or last < first:
            return (1, 0)
        first = max(0, min(first, count - 1))
        last = max(0, min(last, count - 1))
        return (self.buckets[first], self.buckets[last])

    def labels(self) -> list[LabelPiece]:
        """The label line: the end dates, the marker and the scale's name where they fit.

        Nothing overlaps and blank cells separate neighbours. The start date is always
        there, shortened to its day and month when that leaves the marker room; the
        marker goes under the selected bucket, in a cell the start date leaves free
        (the bar shows the selected bucket in its own colour too). When the selection
        is in the first bucket, the start date follows the marker ("▲ 8 Jul 2018"): it
        names the marker's bucket. The end date shortens, then gives way, and the
        scale's name is placed last, where there is room.
        """
        width = self.width
        if width <= 0:
            return []
        if not self.buckets:
            return [LabelPiece(0, NO_EVENTS[:width], "label")]
        placed: list[LabelPiece] = []

        def free(column: int, text: str, role: str) -> bool:
            end = column + len(text)
            if column < 0 or end > width:
                return False
            for other in placed:
                # Blank cells between pieces: two between dates, so that neighbours
                # ("Jul 2018  Sep 2018") do not read as one; one beside the marker.
                gap = 1 if "marker" in (role, other.role) else 2
                if column < other.column + len(other.text) + gap and other.column < end + gap:
                    return False
            return True

        def place(column: int, text: str, role: str) -> bool:
            if not free(column, text, role):
                return False
            placed.append(LabelPiece(column, text, role))
            return True

        # A strip from before the common era into it says "CE" at its end: "3000 BCE …
        # 2000" left the reader to guess.
        era = bucket_start(self.start, self.scale).year < 0

        def forms(bucket: int) -> list[str]:
            return [
                bucket_label(bucket, self.scale, short=short, era=era) for short in (False, True)
            ]

        selected = self.selected_bucket
        first, end = self.column_of(selected) if selected is not None else (0, 0)
        middle = (first + end - 1) // 2
        # Under the middle of the selected bucket's cells, else the nearest free one.
        marker_cells = sorted(range(first, end), key=lambda column: abs(column - middle))

        def place_marker() -> bool:
            return any(place(column, MARKER, "marker") for column in marker_cells)

        if selected == self.start and place(0, MARKER, "marker"):
            any(place(2, text, "label") for text in forms(self.start))
        else:
            start_forms = forms(self.start)
            for text in start_forms:
                # The first form that leaves the marker a cell; else the full date.
                if free(0, text, "label"):
                    placed.append(LabelPiece(0, text, "label"))
                    if place_marker():
                        break
                    placed.pop()
            else:
                place(0, start_forms[0], "label") or place(0, start_forms[1], "label")
        if not any(label.role == "marker" for label in placed):
            place_marker()
        last_bucket = self.start + self.drawn - 1
        if last_bucket != self.start:
            for last in forms(last_bucket):
                # Ending under the last bucket; else just left of the marker when the
                # marker is in the last bucket.
                columns = [width - len(last)]
                if selected == last_bucket:
                    columns.append(first - 1 - len(last))
                if any(place(column, last, "label") for column in columns):
                    break
        name = self.scale
        # Unobtrusive: at the far right when there is room, else centred in the widest
        # free stretch between the pieces already placed.
        if not place(width - len(name), name, "label"):
            edges = sorted((label.column, label.column + len(label.text)) for label in placed)
            starts = [start for start, _ in edges] + [width + 1]
            ends = [-1] + [end for _, end in edges]
            low, high = max(zip(ends, starts, strict=True), key=lambda gap: gap[1] - gap[0])
            place((low + 1 + high - 1 - len(name)) // 2, name, "label")
        return sorted(placed)

    def position_at(self, column: int) -> int | None:
        """The position in `shown` to jump to for a click on a column; None if empty."""
        if not self.buckets:
            return None
        return nearest_position(self.buckets, self.bucket_at(column))
