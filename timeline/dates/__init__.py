"""Everything about dates, one concern a module:

- `parse`: absolute dates as written, exactly or with notes (`read_date`), one point
  (`parse_date`); the dates a display date states (`read_shown`); dates typed by a
  reader (`read_query`, `parse_query`). It tries `iso` (the fast path), `spans`
  (ranges, decades, centuries, quarters), `extended` (EDTF) and `written` (words,
  through dateutil, made strict).
- `periods`: a display date's period in words no date field takes ("summer 2010",
  "the early 1990s"), for `read/display_dates.py`, imported there when needed.
- `relative`: "Monday", "3 days before", "before": parsed alone, resolved against
  the anchor's date.
- `show`: dates as people read them, and the gaps between them.
- `calendar`: the proleptic Gregorian calendar for any year, BCE included.
- `zones`: time-zone abbreviations and IANA names (`zone_named`), a timeline's zone
  (`timeline_zone`).

The names below are the package's public interface.
"""

from timeline.dates.calendar import (
    MAX_YEAR,
    MONTHS,
    WEEKDAYS,
    approximate_day,
    days_in_month,
    weekday_of,
)
from timeline.dates.errors import DateError
from timeline.dates.iso import aware, in_utc
from timeline.dates.parse import (
    VALID_FORMS,
    Query,
    Reading,
    Shown,
    holding_bound,
    holds_its_date,
    parse_date,
    parse_query,
    read_date,
    read_query,
    read_shown,
    typeable,
    unit_of,
)
from timeline.dates.relative import Relative, parse_relative, resolve
from timeline.dates.show import (
    Headings,
    format_gap,
    format_iso,
    format_long,
    format_medium,
    format_range,
    format_short,
    format_written,
    format_year,
    has_gap,
    listed_under,
    period_name,
)
from timeline.dates.zones import timeline_zone, zone_named

__all__ = [
    "MAX_YEAR",
    "MONTHS",
    "VALID_FORMS",
    "WEEKDAYS",
    "DateError",
    "Headings",
    "Query",
    "Reading",
    "Relative",
    "Shown",
    "approximate_day",
    "aware",
    "days_in_month",
    "format_gap",
    "format_iso",
    "format_long",
    "format_medium",
    "format_range",
    "format_short",
    "format_written",
    "format_year",
    "has_gap",
    "holding_bound",
    "holds_its_date",
    "in_utc",
    "listed_under",
    "parse_date",
    "parse_query",
    "parse_relative",
    "period_name",
    "read_date",
    "read_query",
    "read_shown",
    "resolve",
    "timeline_zone",
    "typeable",
    "unit_of",
    "weekday_of",
    "zone_named",
]
