"""What to write instead of a season or another division of a year: its months.

A season falls in different months in each hemisphere, so "summer 2018" and EDTF's
"2018-22" are refused; the message gives the months to write, drawn from the year
written (never another year's, which a writer might copy as it is).
"""

from __future__ import annotations

from timeline.dates.patterns import on_first_use
from timeline.model import Precision, When

# The months of each season in the north, and in the south (half a year on).
_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASONS = ("spring", "summer", "autumn", "winter")
# EDTF's other divisions of a year: name, months each, the first code (latest first).
_DIVISIONS = (("semester", 6, 40), ("quadrimester", 4, 37), ("quarter", 3, 33))
_YEAR = on_first_use(r"\d{3,4}")


def season_advice(season: str, rest: str, *, in_file: bool = True) -> str:
    """What to write for a season: its months in each hemisphere, drawn from its year
    when `rest` is one; `in_file` false, a month of it to type (at the date line or in
    a filter, which go to one date)."""
    said = (
        "seasons fall in different months in each hemisphere; write the months as a "
        "range{}, and keep the season in display_date"
        if in_file
        else "seasons fall in different months in each hemisphere; type a month of it{}"
    )
    if not _YEAR().fullmatch(rest):
        return said.format("")
    year, north = int(rest), _SEASON_MONTHS[season.lower()]
    south = (north + 5) % 12 + 1  # half a year on
    count = 3 if in_file else 1
    such = (
        f", such as {_months(year, north, count)} in the north or "
        f"{_months(year, south, count)} in the south"
    )
    return said.format(such)


def hemispheres(season: str, year: int) -> tuple[tuple[When, When], tuple[When, When]]:
    """A season's months in the north and in the south, each as its first and last
    month, drawn from its year as `season_advice` gives them ("summer 2010": June to
    August 2010, December 2010 to February 2011)."""
    north = _SEASON_MONTHS[season.lower()]
    south = (north + 5) % 12 + 1  # half a year on
    return _span(year, north), _span(year, south)


def _span(year: int, first: int) -> tuple[When, When]:
    last = first + 2
    return (
        When(year, first, precision=Precision.MONTH),
        When(year + (last > 12), (last - 1) % 12 + 1, precision=Precision.MONTH),
    )


def division_advice(code: int, year: int) -> str:
    """What to write for an EDTF division of a year (21-41, in the month's place):
    seasons (21-24), seasons of a hemisphere (25-32), quarters (33-36),
    quadrimesters (37-39) and semesters (40-41)."""
    if code <= 24:
        return f"an EDTF season; {season_advice(_SEASONS[code - 21], str(year))}"
    if code <= 32:
        north = code <= 28
        first = _SEASON_MONTHS[_SEASONS[(code - 25) % 4]] + (0 if north else 6)
        months = _months(year, (first - 1) % 12 + 1, 3)
        where = "northern" if north else "southern"
        return (
            f"an EDTF season of the {where} hemisphere; write its months as a range, "
            f"such as {months}, and keep the season in display_date"
        )
    name, size, first_code = next(d for d in _DIVISIONS if code >= d[2])
    months = _months(year, (code - first_code) * size + 1, size)
    return f"an EDTF {name}; write its months as a range, {months}"


def _months(year: int, first: int, count: int) -> str:
    """The months `first` to `count` later as an ISO range, into the next year if need
    be; one month alone as itself."""
    if count == 1:
        return f"{year}-{first:02d}"
    last = first + count - 1
    return f"{year}-{first:02d}/{year + (last > 12)}-{(last - 1) % 12 + 1:02d}"
