"""Everything about dates, one concern a module:

- `parse`: absolute dates as written (ISO on the fast path, then written dates);
  dates typed by a reader (`parse_query`).
- `relative`: "Monday", "3 days before", "before": parsed alone, resolved against
  the anchor's date.
- `show`: dates as people read them, and the gaps between them.
- `calendar`: the proleptic Gregorian calendar for any year, BCE included.
- `zones`: time-zone abbreviations and names.

The names below are the package's public interface.
"""

from timeline.dates.calendar import MONTHS, WEEKDAYS, approximate_day, days_in_month, weekday_of
from timeline.dates.errors import DateError
from timeline.dates.parse import VALID_FORMS, parse_date, parse_query
from timeline.dates.relative import Relative, parse_relative, resolve
from timeline.dates.show import (
    format_gap,
    format_iso,
    format_long,
    format_medium,
    format_range,
    format_short,
    format_year,
    has_gap,
)

__all__ = [
    "MONTHS",
    "VALID_FORMS",
    "WEEKDAYS",
    "DateError",
    "Relative",
    "approximate_day",
    "days_in_month",
    "format_gap",
    "format_iso",
    "format_long",
    "format_medium",
    "format_range",
    "format_short",
    "format_year",
    "has_gap",
    "parse_date",
    "parse_query",
    "parse_relative",
    "resolve",
    "weekday_of",
]
