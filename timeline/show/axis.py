"""A continuous time scale for any year, and the ticks of an axis drawn across it.

Time is a number of days: `dates.calendar.day_number` of the day, plus the fraction
of the day on the wall clock. It is the same for every year, BCE included: a date's
year, written with no year 0 (-1 is 1 BCE), is counted astronomically
(`calendar.astronomical`), so 31 December 1 BCE is the day before 1 January 1 CE, as
it was, and no year 0 lies between them to lengthen every distance across the era
boundary. It is fine enough for hours within a day. The lanes view and the picture
both lay time out with `View`, and ask `ticks` for the axis at the scale that suits
the span and the room: minutes, hours, days, weeks, months, years, decades,
centuries, millennia.

Nothing here imports Textual.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

from timeline.dates.calendar import MONTHS, as_written, astronomical, civil_from_day, day_number
from timeline.dates.show import CE_BELOW, format_year
from timeline.model import Precision, When

#: Wall-clock seconds in a day; time within a day is a fraction of it.
DAY_SECONDS = 86_400


def moment(when: When) -> float:
    """The first moment of the period a date names, in days (see the module's docstring).

    "July 2018" starts on 1 July at midnight, "2018" on 1 January; a time is read on
    the wall clock of its own zone, as every view of the project shows it.
    """
    precision = when.precision
    year = astronomical(when.year)
    if precision is Precision.YEAR:
        return float(day_number(year))
    if precision is Precision.MONTH:
        return float(day_number(year, when.month))
    day = float(day_number(year, when.month, when.day))
    if precision is Precision.DAY:
        return day
    return day + (when.hour * 3600 + when.minute * 60 + when.second) / DAY_SECONDS


def period(when: When) -> tuple[float, float]:
    """Where the period a date names starts, and where the next one starts.

    A date is never a point: "2018-07-16" is the whole day, "July 2018" the whole month,
    "14:05" a whole minute. Drawing draws what is known and no more.
    """
    start = moment(when)
    precision = when.precision
    year = astronomical(when.year)  # the year after 1 BCE is 1 CE
    if precision is Precision.YEAR:
        return start, float(day_number(year + 1))
    if precision is Precision.MONTH:
        year, month = (year + 1, 1) if when.month == 12 else (year, when.month + 1)
        return start, float(day_number(year, month))
    if precision is Precision.DAY:
        return start, start + 1.0
    if precision is Precision.HOUR:
        return start, start + 1 / 24
    if precision is Precision.MINUTE:
        return start, start + 1 / 1440
    return start, start + 1 / DAY_SECONDS


class View(NamedTuple):
    """The span of time in sight: `start` at the left edge of the first cell, `end`
    at the right edge of the last. Cells are `width` equal slices of it."""

    start: float
    end: float

    @property
    def span(self) -> float:
        return self.end - self.start

    def x(self, time: float, width: int) -> float:
        """Where a moment falls, in cells from the left edge (fractional)."""
        return (time - self.start) * width / self.span

    def cell(self, time: float, width: int) -> int:
        """The cell a moment falls in (may be outside 0 to width - 1)."""
        return math.floor(self.x(time, width))

    def last_cell(self, end: float, width: int) -> int:
        """The last cell a period ending (exclusively) at `end` reaches."""
        return math.ceil(self.x(end, width)) - 1

    def time_at(self, column: float, width: int) -> float:
        """The moment at a column's left edge (fractional columns allowed)."""
        return self.start + column * self.span / width


class Step(NamedTuple):
    """A distance between ticks: `every` calendar `unit`s, roughly `days` long.

    Attributes:
        unit: "minute", "hour", "day", "week", "month" or "year".
        every: How many units between ticks.
        days: The step's length in days, for choosing a step (months and years vary).
        scale: What a reader calls the scale: "hours", "days", ..., "millennia".
    """

    unit: str
    every: int
    days: float
    scale: str


def _steps() -> tuple[Step, ...]:
    steps = [
        Step("minute", 5, 5 / 1440, "minutes"),
        Step("minute", 15, 15 / 1440, "minutes"),
        Step("minute", 30, 30 / 1440, "minutes"),
        Step("hour", 1, 1 / 24, "hours"),
        Step("hour", 3, 3 / 24, "hours"),
        Step("hour", 6, 6 / 24, "hours"),
        Step("hour", 12, 12 / 24, "hours"),
        Step("day", 1, 1.0, "days"),
        Step("day", 2, 2.0, "days"),
        Step("week", 1, 7.0, "weeks"),
        Step("week", 2, 14.0, "weeks"),
        Step("month", 1, 30.44, "months"),
        Step("month", 3, 91.31, "months"),
        Step("month", 6, 182.62, "months"),
    ]
    # Years: 1, 2, 5, 10, 20, 50, ... up to 5 x 10^12 (the age of the universe fits).
    for power in range(13):
        for multiple in (1, 2, 5):
            years = multiple * 10**power
            scale = (
                "years"
                if years < 10
                else "decades"
                if years < 100
                else "centuries"
                if years < 1000
                else "millennia"
            )
            steps.append(Step("year", years, years * 365.2425, scale))
    return tuple(steps)


STEPS: tuple[Step, ...] = _steps()
"""Every step the axis can take, finest first."""


class Tick(NamedTuple):
    """A tick on the axis.

    Attributes:
        column: The cell the tick's moment falls in.
        time: The moment, in days.
        label: The short label ("9", "Aug", "14:00", "2018", "44 BCE").
        context: The label with what the short one leaves out ("8 Jul 2018",
            "1 Aug", "Jan 2019"), used for the first tick and where a larger unit
            begins; equal to `label` when there is nothing to add.
    """

    column: int
    time: float
    label: str
    context: str


class Axis(NamedTuple):
    """The axis for a view: its step, every tick in sight, and the labels placed.

    Attributes:
        step: The distance between ticks.
        ticks: Ticks left to right, all within the width.
        labels: (column, text) of the labels that fit, left to right, never
            overlapping and with at least `LABEL_GAP` blank cells between them.
    """

    step: Step
    ticks: tuple[Tick, ...]
    labels: tuple[tuple[int, str], ...]


#: Blank cells between two axis labels, so that "8 Jul 2018  9" does not read as one.
LABEL_GAP = 2


def _room(step: Step, years: tuple[int, int]) -> int:
    """Cells a step's labels need between ticks: the widest short label and a gap."""
    unit = step.unit
    if unit in ("minute", "hour"):
        return 5 + LABEL_GAP  # "14:05"
    if unit in ("day", "week"):
        return 2 + LABEL_GAP  # "16"
    if unit == "month":
        return 3 + LABEL_GAP  # "Aug"
    widest = max(len(_year_label(year, bce_view=years[0] < 0)) for year in years)
    return widest + LABEL_GAP


def choose_step(view: View, width: int) -> Step:
    """The finest step whose ticks leave room for their labels in `width` cells."""
    if width <= 0 or view.span <= 0:
        return STEPS[-1]
    years = (_year_of(view.start), _year_of(view.end))
    for step in STEPS:
        if step.days * width / view.span >= _room(step, years):
            return step
    return STEPS[-1]


def _year_of(time: float) -> int:
    """The year a moment falls in, as written (-1 is 1 BCE)."""
    return as_written(civil_from_day(math.floor(time))[0])


def _year_label(year: int, *, bce_view: bool) -> str:
    """ "2018", "44 BCE"; "50 CE" when the view reaches back before the common era."""
    label = _compact_year(year)
    # (`format_year` says it already of the years before 1000.)
    return f"{label} CE" if bce_view and year >= CE_BELOW else label


def _compact_year(year: int) -> str:
    """A year as `format_year` writes it, with millions and billions in words."""
    size = abs(year)
    if size < 1_000_000:
        return format_year(year)
    amount, word = (size / 1e9, "billion") if size >= 1_000_000_000 else (size / 1e6, "million")
    text = f"{amount:.3g} {word}"
    return f"{text} BCE" if year < 0 else text


def _times(step: Step, view: View) -> Iterator[float]:
    """The moments of every tick of `step` from the view's start to its end."""
    start, end = view.start, view.end
    unit, count = step.unit, step.every
    if unit in ("minute", "hour"):
        per_day = 1440 // count if unit == "minute" else 24 // count
        n = math.ceil(start * per_day)
        while n / per_day <= end:
            yield n / per_day
            n += 1
    elif unit == "day":
        day = math.ceil(start)
        day += (-day) % count  # every other day: even day numbers
        while day <= end:
            yield float(day)
            day += count
    elif unit == "week":
        # Day number 1 (1 January of the year 1) is a Monday: weeks start on Mondays.
        day = math.ceil(start)
        day += (1 - day) % (7 * count)
        while day <= end:
            yield float(day)
            day += 7 * count
    elif unit == "month":
        year, month, _ = civil_from_day(math.floor(start))
        index = year * 12 + month - 1
        index -= index % count
        while True:
            time = float(day_number(index // 12, index % 12 + 1))
            if time > end:
                break
            if time >= start:
                yield time
            index += count
    else:
        year = _year_of(start)
        year -= year % count
        while True:
            if year == 0 and count == 1:
                year += count  # 1 CE is the next tick
                continue
            # The tick of the year 0, which no calendar has, is the first of 1 CE.
            time = float(day_number(astronomical(1 if year == 0 else year)))
            if time > end:
                break
            if time >= start:
                yield time
            year += count


def _labels(step: Step, time: float, previous: float | None, bce_view: bool) -> tuple[str, str]:
    """The short label of a tick and its label with context (see `Tick`)."""
    day = math.floor(time)
    year, month, mday = civil_from_day(day)
    year = as_written(year)
    month_name = MONTHS[month - 1][:3]
    unit = step.unit
    if unit == "year":
        label = _year_label(year, bce_view=bce_view)
        return label, label
    if unit == "month":
        with_year = f"{month_name} {_year_label(year, bce_view=bce_view)}"
        new_year = previous is None or _year_of(previous) != year
        return month_name, with_year if new_year else month_name
    date = f"{mday} {month_name}"
    if unit in ("minute", "hour"):
        seconds = round((time - day) * DAY_SECONDS)
        clock = f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
        if previous is None:
            day_and_year = f"{date} {_year_label(year, bce_view=bce_view)}"
            return clock, day_and_year if seconds == 0 else f"{day_and_year} {clock}"
        if math.floor(previous) != day:
            return clock, date if seconds == 0 else f"{date} {clock}"
        return clock, clock
    # Days and weeks: the day of the month, with the month where it changes.
    if previous is None:
        return str(mday), f"{date} {_year_label(year, bce_view=bce_view)}"
    before_year, before_month, _ = civil_from_day(math.floor(previous))
    if as_written(before_year) != year:
        return str(mday), f"{date} {_year_label(year, bce_view=bce_view)}"
    if before_month != month:
        return str(mday), date
    return str(mday), str(mday)


def ticks(view: View, width: int, step: Step | None = None) -> Axis:
    """The axis of a view `width` cells wide: ticks at the chosen step and their labels.

    Label placement: the first tick and the ticks where a larger unit begins (a new
    day among hours, a new month among days, a new year among months) get their
    label with context, placed first, left to right; then the other ticks get their
    short label, left to right, where it fits. A label starts at its tick's cell, must
    end inside the width and keeps `LABEL_GAP` blank cells from its neighbours; a
    context label that does not fit falls back to its short label. Work is
    proportional to the width, not to the span.

    Args:
        view: The span in sight.
        width: Cells across.
        step: A step to use instead of the one `choose_step` picks.
    """
    if width <= 0 or view.span <= 0:
        return Axis(STEPS[-1], (), ())
    step = step or choose_step(view, width)
    bce_view = _year_of(view.start) < 0
    found: list[Tick] = []
    previous: float | None = None
    for time in _times(step, view):
        column = view.cell(time, width)
        if 0 <= column < width:
            label, context = _labels(step, time, previous, bce_view)
            found.append(Tick(column, time, label, context))
            previous = time
        if len(found) > width:  # cannot happen with a chosen step; a guard for a given one
            break
    placed: dict[int, str] = {}

    def fits(column: int, text: str) -> bool:
        end = column + len(text)
        if end > width:
            return False
        return all(
            column >= other + len(label) + LABEL_GAP or end + LABEL_GAP <= other
            for other, label in placed.items()
        )

    for index, tick in enumerate(found):
        if index == 0 or tick.context != tick.label:
            for text in (tick.context, tick.label):
                if fits(tick.column, text):
                    placed[tick.column] = text
                    break
    for tick in found:
        if tick.column not in placed and fits(tick.column, tick.label):
            placed[tick.column] = tick.label
    return Axis(step, tuple(found), tuple(sorted(placed.items())))
