"""The values of TimelineJS slides checked one by one: numbers given as numbers or
strings, date objects at the precision they give, text; every problem located at its
slide and field. The slide reader (`slides.py`) and the spreadsheet reader share it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from timeline.dates import days_in_month, format_written
from timeline.dates.iso import LAST_PLAIN_YEAR, compact_date, no_year_zero
from timeline.interchange import (
    DATE_KEYS,
    DATE_PARTS,
    MAX_YEAR,
)
from timeline.model import (
    Precision,
    When,
)
from timeline.problems import Problem, Severity, shown, suggest
from timeline.read import html
from timeline.text import visible

PART_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}


@dataclass
class RawSlide:
    """A slide as read, before checking: TimelineJS JSON shape, and where it was.

    Attributes:
        data: The slide object (for spreadsheet rows, built from the columns).
        kind: "event", "title" or "era".
        label: "slide 3" or "row 5", for messages.
        line: Line in the file, 0 when unknown.
        written: Date cells of the oldest spreadsheet template ("Start Date", "End
            Date") by slide key ("start_date"), as written: read as a TOML file's date
            field is, with its qualifier, zone and notes, once the timeline's zone is
            known (`Builder.event`).
    """

    data: dict[str, Any]
    kind: str = "event"
    label: str = ""
    line: int = 0
    written: dict[str, str] = field(default_factory=dict)


FieldName = Callable[[str], str]


def _json_field(path: str) -> str:
    return path


@dataclass
class SlideValues:
    """Checks the values of slides (numbers, dates, text), collecting located problems.

    Attributes:
        name: The file, for problems.
        field_name: How a slide path ("start_date.month") is called in this format.
    """

    name: str
    field_name: FieldName = _json_field
    problems: list[Problem] = field(default_factory=list)
    #: Id (or "slide 3") of the event being read, for problems.
    current: str = ""
    # Errors among problems[:_counted]: counted as they come (the spreadsheet reader
    # appends problems directly), so counting per slide is not quadratic.
    _counted: int = 0
    _errors: int = 0

    def add(
        self, severity: Severity, message: str, raw: RawSlide | None, event: str = "", key: str = ""
    ) -> None:
        line = raw.line if raw is not None else 0
        event = event if event and not event.startswith(("event ", "era ")) else self.current
        named = self.field_name(key) if key else ""
        self.problems.append(Problem(severity, message, self.name, line, 0, event, named))

    def _int(
        self, value: object, raw: RawSlide, who: str, path: str, low: int | None, high: int | None
    ) -> tuple[int | None, bool]:
        """A whole number from an int or a string; (None, True) when absent."""
        if value is None or value == "":
            return None, True
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            cleaned = value.replace(",", "").replace(" ", "").strip()
            try:
                number = int(cleaned)
            except ValueError:
                number = None
        if (
            number is None
            or (low is not None and number < low)
            or (high is not None and number > high)
        ):
            bounds = f" from {low} to {high}" if low is not None and high is not None else ""
            self.add(
                "error",
                f"{who}: {self.field_name(path)!r} must be a whole number{bounds}, found {json_shown(value)}",
                raw,
                who,
                path,
            )
            return None, False
        return number, True

    def date(self, value: object, raw: RawSlide, who: str, path: str) -> When | None:
        """A TimelineJS date object as a `When` at the precision it gives."""
        if not isinstance(value, dict):
            self.add(
                "error",
                f"{who}: {self.field_name(path)!r} must be a date object with at least a year "
                f'such as {{"year": 2018, "month": 7}}, found {json_shown(value)}',
                raw,
                who,
                path,
            )
            return None
        for key in sorted(value.keys() - set(DATE_KEYS)):
            self.add(
                "warning",
                f"{who}: unknown field {shown(f'{path}.{key}')} was ignored{suggest(key, DATE_KEYS)}",
                raw,
                who,
                f"{path}.{key}",
            )
        numbers: dict[str, int] = {}
        ok = True
        for part in DATE_PARTS:
            low, high = PART_LIMITS.get(part, (None, None))
            number, fine = self._int(value.get(part), raw, who, f"{path}.{part}", low, high)
            ok = ok and fine
            if number is not None:
                numbers[part] = number
        if not ok:
            return None
        if "year" not in numbers:
            self.add(
                "error",
                f"{who}: {self.field_name(path + '.year')!r} is missing; every date needs a year "
                "(negative for BCE: -500 is 500 BCE)",
                raw,
                who,
                f"{path}.year",
            )
            return None
        known = [part for part in DATE_PARTS if part in numbers]
        precision = Precision(len(known) - 1)
        if known != list(DATE_PARTS[: len(known)]):
            missing = next(p for p in DATE_PARTS if p not in numbers)
            after = next(p for p in DATE_PARTS[DATE_PARTS.index(missing) :] if p in numbers)
            self.add(
                "error",
                f"{who}: {self.field_name(path + '.' + after)!r} is given without "
                f"{self.field_name(path + '.' + missing)!r}; give the {missing} too, or leave "
                f"out the {after}",
                raw,
                who,
                f"{path}.{after}",
            )
            return None
        year = numbers["year"]
        if abs(year) > MAX_YEAR:
            self.add(
                "error",
                f"{who}: {self.field_name(path + '.year')!r} is {json_shown(year)}; years run "
                f"from -{MAX_YEAR:,} to {MAX_YEAR:,}",
                raw,
                who,
                f"{path}.year",
            )
            return None
        if year == 0:
            # The TOML reader's words; the field stands for the value (0, "00", "-0").
            self.add(
                "error",
                f"{who}: {no_year_zero(self.field_name(path + '.year'))}",
                raw,
                who,
                f"{path}.year",
            )
            return None
        if year > LAST_PLAIN_YEAR and precision is Precision.YEAR:
            self._far_year(year, raw, who, path)
        month = numbers.get("month", 1)
        day = numbers.get("day", 1)
        if "day" in numbers:
            longest = days_in_month(year, month)
            if not 1 <= day <= longest:
                self.add(
                    "error",
                    f"{who}: {self.field_name(path + '.day')!r} is {day}, but month {month} of "
                    f"{year} has days 1 to {longest}",
                    raw,
                    who,
                    f"{path}.day",
                )
                return None
        fraction = value.get("millisecond")
        if fraction not in (None, "") and not _is_zero(fraction):
            # A date holds whole seconds, as a TOML time's fraction is left out and said.
            self.add(
                "warning",
                f"{who}: {self.field_name(path + '.millisecond')!r} ({json_shown(fraction)}) "
                "was left out: times are kept to the second",
                raw,
                who,
                f"{path}.millisecond",
            )
        when = When(
            year,
            month,
            day,
            numbers.get("hour", 0),
            numbers.get("minute", 0),
            numbers.get("second", 0),
            precision=precision,
        )
        return when._replace(written=format_written(when))

    def _far_year(self, year: int, raw: RawSlide, who: str, path: str) -> None:
        """Say a year after 9999 was read as one: 20180717 may be a date written as one
        number, 1532000000 a Unix time (each was read as that year with nothing said)."""
        field = self.field_name(path + ".year")
        found = compact_date(year)
        if found is None:
            maybe = "if it is not a year, give the date's year, month and day"
        elif found[0] == "date":
            maybe = (
                f"it may be the date {found[1]} written as one number: give its year, month "
                "and day apart"
            )
        else:
            maybe = f"it may be {found[1]}: give its year, month, day and time"
        self.add(
            "warning",
            f"{who}: {field!r} is {year}, read as the year {year:,}; {maybe}",
            raw,
            who,
            f"{path}.year",
        )

    def text(self, value: object, raw: RawSlide, who: str, path: str) -> str:
        """A string field (numbers are accepted and written as text)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.add(
            "error",
            f"{who}: {self.field_name(path)!r} must be a string, found {json_shown(value)}",
            raw,
            who,
            path,
        )
        return ""

    def errors(self) -> list[Problem]:
        """Errors so far."""
        return [p for p in self.problems if p.severity == "error"]

    def error_count(self) -> int:
        """How many errors so far, in time proportional to the problems added since."""
        for problem in self.problems[self._counted :]:
            self._errors += problem.severity == "error"
        self._counted = len(self.problems)
        return self._errors


def _is_zero(value: object) -> bool:
    """Whether a number (or its text, "000") is zero: nothing is left out then."""
    try:
        return float(str(value).strip()) == 0
    except ValueError:
        return False


def plain_text(markup: str) -> str:
    """The plain text of an HTML field; empty fields (most) cost nothing."""
    return html.parse(markup).text if markup else ""


def string_or_empty(value: object) -> str:
    return value if isinstance(value, str) else ""


def json_shown(value: object) -> str:
    """A JSON value as a message quotes it: short, and nothing in it raw."""
    if isinstance(value, str):
        return shown(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError):  # nested deeper than the encoder goes
        text = "an object" if isinstance(value, dict) else "an array"
    return visible(text if len(text) <= 40 else text[:37] + "...")
