"""Dates as people read them: long, medium and short forms, ISO, and the gaps between."""

from __future__ import annotations

from datetime import datetime

from timeline.dates.bce import ISO_BCE_YEARS, era_form
from timeline.dates.calendar import MONTHS, in_calendar, ordinal, weekday_of, years_apart
from timeline.dates.iso import aware, in_utc, offset_text
from timeline.dates.zones import written_zone
from timeline.model import Precision, Qualifier, When

#: Years of the common era written with fewer digits than this say so ("44 CE").
CE_BELOW = 1000


def format_year(year: int) -> str:
    """A year as readers write it: "2018", "500 BCE", "44 CE".

    TimelineJS's convention, not astronomical numbering: -500 is 500 BCE. A year of
    the common era before 1000 says "CE": August of the year 1 read "August 1" (the
    first of August, in no year), 5 March 12 "5 Mar 12" (2012, to most readers).
    """
    if year < 0:
        return f"{-year} BCE"
    return f"{year} CE" if 0 < year < CE_BELOW else str(year)


def _clock(when: When) -> str:
    if when.precision < Precision.HOUR:
        return ""
    if when.precision is Precision.SECOND:
        clock = f"{when.hour:02d}:{when.minute:02d}:{when.second:02d}"
    elif when.precision is Precision.HOUR:
        clock = _hour(when)
    else:
        clock = f"{when.hour:02d}:{when.minute:02d}"
    zone = zone_name(when)
    return f"{clock} {zone}" if zone else clock


def _hour(when: When) -> str:
    """A time known to the hour: "14h". As "14:00" it read as known to the minute,
    which the source never said ("2018-07-19T14", "2 pm")."""
    return f"{when.hour:02d}h"


def zone_name(when: When) -> str:
    """How a time's zone is written after it ("CDT", "UTC+01:00"), or "": its
    abbreviation at that time, or its offset where the date reader would not read the
    abbreviation back as that offset (`zones.written_zone`)."""
    moment = _moment(when)
    return "" if moment is None else written_zone(moment)


def zone_abbreviation(when: When) -> str:
    """The abbreviation of a time's zone at that time as tzdata has it ("BST"), or "",
    whether or not `zone_name` writes it."""
    moment = _moment(when)
    return "" if moment is None else moment.tzname() or ""


def short_zone_name(when: When) -> str:
    """`zone_name` in fewer cells, for a narrow column: an offset without its zeros
    ("UTC+1" for "UTC+01:00", "UTC+5:30"), as the date reader reads it too; anything
    else as `zone_name` writes it."""
    name = zone_name(when)
    if len(name) != len("UTC+01:00") or not name.startswith(("UTC+", "UTC-")):
        return name
    hours, minutes = int(name[4:6]), name[7:9]
    return f"{name[:4]}{hours}" + ("" if minutes == "00" else f":{minutes}")


def _moment(when: When) -> datetime | None:
    if when.tz is None or not in_calendar(when.year):
        return None
    return datetime(when.year, when.month, when.day, when.hour, when.minute, tzinfo=when.tz)


_QUALIFIER_WORD = {
    Qualifier.EXACT: "",
    Qualifier.CIRCA: "circa ",
    Qualifier.UNCERTAIN: "",
    Qualifier.BEFORE: "before ",
    Qualifier.AFTER: "after ",
}
#: After the date: an uncertain date is shown as EDTF writes it, "2018?".
QUALIFIER_SUFFIX = {Qualifier.UNCERTAIN: "?"}


def qualified(when: When, core: str) -> str:
    """A date's text (`core`) with its qualifier, as the reader reads it back: "circa
    2018", "before 16 Jul 2018", "2018?"."""
    return _QUALIFIER_WORD[when.qualifier] + core + QUALIFIER_SUFFIX.get(when.qualifier, "")


def format_long(when: When) -> str:
    """Full form for the detail pane: "Monday 16 July 2018", "July 2018", "circa 2018"."""
    if when.precision is Precision.YEAR:
        core = format_year(when.year)
    elif when.precision is Precision.MONTH:
        core = f"{MONTHS[when.month - 1]} {format_year(when.year)}"
    else:
        day = f"{when.day} {MONTHS[when.month - 1]} {format_year(when.year)}"
        name = weekday_of(when)
        core = f"{name} {day}" if name else day
        clock = _clock(when)
        if clock:
            core = f"{core}, {clock}"
    return qualified(when, core)


def format_medium(when: When) -> str:
    """Compact with the year: "16 Jul 2018", "Jul 2018", "before 16 Jul 2018"."""
    if when.precision is Precision.YEAR:
        core = format_year(when.year)
    elif when.precision is Precision.MONTH:
        core = f"{MONTHS[when.month - 1][:3]} {format_year(when.year)}"
    else:
        core = f"{when.day} {MONTHS[when.month - 1][:3]} {format_year(when.year)}"
        clock = _clock(when)
        if clock:
            core = f"{core} {clock}"
    return qualified(when, core)


def format_short(when: When) -> str:
    """For the rail, under year and month headings: "Mon 16", "Jul 2018", "2018"."""
    if when.precision is Precision.YEAR:
        return format_year(when.year)
    if when.precision is Precision.MONTH:
        return f"{MONTHS[when.month - 1][:3]} {format_year(when.year)}"
    name = weekday_of(when)[:3]
    core = f"{name} {when.day:>2}" if name else f"{when.day:>2} {MONTHS[when.month - 1][:3]}"
    if when.precision is Precision.HOUR:
        core = f"{core} {_hour(when)}"
    elif when.precision >= Precision.MINUTE:
        core = f"{core} {when.hour:02d}:{when.minute:02d}"
    return core


def format_range(start: When, end: When | None) -> str:
    """ "16–19 Jul 2018", "Jul–Aug 2018", or the start alone."""
    if end is None:
        return format_medium(start)
    if (
        start.precision is end.precision is Precision.DAY
        and start.qualifier is end.qualifier is Qualifier.EXACT
        and (start.year, start.month) == (end.year, end.month)
    ):
        return f"{start.day}–{format_medium(end)}"
    return f"{format_medium(start)} – {format_medium(end)}"


def period_name(year: int, month: int) -> str:
    """ "July 2018", or "2018" (a month of 0 or less: none), as headings name a period."""
    return f"{MONTHS[month - 1]} {format_year(year)}" if month > 0 else format_year(year)


def listed_under(when: When) -> tuple[int, int]:
    """The year and month under which a date is listed (month -1: none), as the rail's
    headings and a printout's show it.

    A date known only to lie before a period sits under the period before it: "before
    2020" under 2019, "before 1 July 2018" under June 2018. Others sit under their own.
    """
    if when.qualifier is not Qualifier.BEFORE or (when.order and when.order[0] > 0):
        return when.year, when.month if when.precision >= Precision.MONTH else -1
    if when.precision is Precision.YEAR:
        return _year_before(when.year), -1
    starts_month = when.precision is Precision.MONTH or (
        when.day == 1 and (when.hour, when.minute, when.second) == (0, 0, 0)
    )
    if starts_month:
        if when.month == 1:
            return _year_before(when.year), 12
        return when.year, when.month - 1
    return when.year, when.month


def _year_before(year: int) -> int:
    return year - 1 if year != 1 else -1  # no year 0: 1 BCE comes before 1 CE


class Headings:
    """Where the year and month headings go among dates in order, as the rail lays them
    out (`timeline.show.rail.lay_out`): a year's where the year a date is listed under
    (`listed_under`) changes, a month's where its month does, each once.

    A month's heading names its year ("December 2019"), so for one heading to a line
    it stands for both. A date listed under its year alone after a month of that year
    ("before 2020" or "after 2019" after December 2019) takes none: on the rail it is
    one more row under 2019, and a "2019" heading after "December 2019" read as a
    second year 2019.
    """

    def __init__(self) -> None:
        self.year: int | None = None  # no heading yet (any int could be a year)
        self.month = -1

    def before(self, when: When) -> tuple[int, int] | None:
        """The period whose heading goes before `when`, the dates before it given in
        order: (year, month), (year, -1) for a year's, or None for no heading."""
        year, month = listed_under(when)
        heading = None
        if year != self.year:
            self.year, self.month = year, -1
            heading = (year, -1)
        if month >= 0 and month != self.month:
            self.month = month
            heading = (year, month)
        return heading


def format_iso(when: When) -> str:
    """ISO 8601 at the date's precision: "2018", "2018-07", "2018-07-16T14:05-05:00".

    But for years before the common era, numbered as the tool and TimelineJS number
    them, with no year 0: "-0044" is 44 BCE, where ISO 8601 counts a year 0 and reads
    45 BCE. The date reader reads it back so, with a warning (`bce`); a file meant to be
    read back writes the era instead (`write.toml`)."""
    year = f"{when.year:04d}" if when.year >= 0 else f"-{-when.year:04d}"
    if when.precision is Precision.YEAR:
        return year
    text = f"{year}-{when.month:02d}"
    if when.precision is Precision.MONTH:
        return text
    text = f"{text}-{when.day:02d}"
    if when.precision is Precision.DAY:
        return text
    text = f"{text}T{when.hour:02d}"
    if when.precision >= Precision.MINUTE:
        text = f"{text}:{when.minute:02d}"
    if when.precision is Precision.SECOND:
        text = f"{text}:{when.second:02d}"
    if when.tz is not None and in_calendar(when.year):
        offset = datetime(when.year, when.month, when.day, when.hour, tzinfo=when.tz).utcoffset()
        if offset is not None:
            text += offset_text(offset)
    return text


def format_written(when: When) -> str:
    """A date as the tool writes it where nothing says how it was written (a TimelineJS
    slide's numbers, an import): `format_iso`, but a date before the common era, to the
    day, with its era named ("15 March 44 BCE", `bce.era_form`). In ISO's shape,
    "-0044-03-15" is read back with a warning that ISO 8601 numbers it 45 BCE; the era
    named reads one way only. A time of the day, which no form with an era holds, and
    the qualifier are left to the caller, as `format_iso` leaves the qualifier; so is a
    year beyond what an ISO date string is read with (a million years BCE and more),
    which a file writes as an integer."""
    if -ISO_BCE_YEARS <= when.year < 0 and when.precision <= Precision.DAY:
        return era_form(when._replace(qualifier=Qualifier.EXACT))
    return format_iso(when)


_BOUNDS = (Qualifier.BEFORE, Qualifier.AFTER)


def _on_one_clock(earlier: When, later: When) -> tuple[When, When]:
    """Two times in zones of different offsets as the same moments in UTC, so that the
    days between them are days that passed: listed by their own clocks (a timeline
    without a timezone), 21:00 in Los Angeles on the 30th and 01:00 in Paris on the
    1st were "next day" apart, though the second came five hours before the first.
    Anything else as it is: the days on its own clock, as the rail lists them."""
    if earlier.tz is None or later.tz is None or earlier.tz == later.tz:
        return earlier, later
    try:
        a, b = aware(earlier), aware(later)
        if a is None or b is None or a.utcoffset() == b.utcoffset():
            return earlier, later
    except (ValueError, OverflowError):  # a time no datetime holds: on its own clock
        return earlier, later
    return in_utc(earlier), in_utc(later)


def has_gap(earlier: When, later: When) -> bool:
    """Whether `format_gap` has something to say, without building the sentence.

    The rail asks this for every pair of neighbours when it lays out its rows, so it
    must be cheap; a property test keeps it in step with `format_gap`.
    """
    if earlier is later or earlier.qualifier in _BOUNDS or later.qualifier in _BOUNDS:
        return False
    earlier, later = _on_one_clock(earlier, later)
    precision = min(earlier.precision, later.precision)
    if precision is Precision.YEAR:
        return later.year > earlier.year
    if precision is Precision.MONTH:
        return (later.year, later.month) > (earlier.year, earlier.month)
    if not (in_calendar(earlier.year) and in_calendar(later.year)):
        return False
    return (later.year, later.month, later.day) > (earlier.year, earlier.month, earlier.day)


def format_gap(earlier: When, later: When) -> str:
    """The quiet line between two events: "3 days later", "2 months later", or ""."""
    if Qualifier.BEFORE in (earlier.qualifier, later.qualifier):
        return ""
    if Qualifier.AFTER in (earlier.qualifier, later.qualifier):
        return ""
    earlier, later = _on_one_clock(earlier, later)
    precision = min(earlier.precision, later.precision)
    if precision is Precision.YEAR:
        years = years_apart(earlier.year, later.year)
        return _plural(years, "year") if years > 0 else ""
    if precision is Precision.MONTH:
        months = years_apart(earlier.year, later.year) * 12 + later.month - earlier.month
        if months <= 0:
            return ""
        return _plural(months // 12, "year") if months >= 24 else _plural(months, "month")
    a, b = ordinal(earlier), ordinal(later)
    if a is None or b is None or b <= a:
        return ""
    days = b - a
    if days == 1:
        return "next day"
    if days < 14:
        return _plural(days, "day")
    if days < 61:
        return _plural(days // 7, "week")
    if days < 730:
        return _plural(round(days / 30.44), "month")
    return _plural(round(days / 365.25), "year")


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''} later"
