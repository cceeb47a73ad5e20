"""Times of day written in words or in forms dateutil does not read, refused (or noted)
with what to write. (Each was "cannot read ... as a date" with the list of every form,
or a wrong reason: found trying dates as journalists write them.)

- a part of the day ("2018-07-17 noon", "3:30 in the afternoon", "midnight July 17");
- "local time" after a time: a time without a zone is already in the timeline's zone;
- a time with a dot, as British writers write it ("3.30pm");
- 24:00, the end of a day;
- 12 a.m. and 12 p.m., read as 00:00 and 12:00 as in the US convention, but often
  written the other way round: read, with a note;
- a time dateutil made of a bare number ("July 17 2018 and 18" was 18:00), or the
  last of two times ("3 pm 4 pm" was 16:00), both read silently before.
"""

from __future__ import annotations

import re

from timeline.dates.patterns import on_first_use

_DAY_PART = on_first_use(
    r"\b(noon|midday|midnight|morning|afternoon|evening|night|tonight|dawn|dusk)\b", re.I
)
# "3:30 in the afternoon", "8 at night": a time the words put in the morning or after.
_HOUR_IN_PART = on_first_use(
    r"\b(\d{1,2}(?::\d{2})?)\s+(?:(?:o'clock\s+)?in\s+the\s+(morning|afternoon|evening)|at\s+(night))\b",
    re.I,
)
_LOCAL = on_first_use(r"\(?\blocal(?:\s+time)?\)?\s*$", re.I)
_DOTTED_TIME = on_first_use(
    r"(?<![.\d])(\d{1,2})\.(\d{2})(?![.\d])(?:\s*([ap])\.?\s*m\b\.?)?", re.I
)
_END_OF_DAY = on_first_use(r"(?<![\d:])24:00(?::00)?(?![\d:])")
_DIGIT = on_first_use(r"\d")
_TWELVE = on_first_use(r"(?<![\d:])12(?::00)?\s*([ap])\.?\s*m\b", re.I)
# A time of day as written: "15:00", "3:30:05", "3 pm", "3pm", "15h00", "15h" (an offset's
# "-05:00" is not one).
_TIME = on_first_use(
    r"(?<![+\-\d:])\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s*m\b\.?)?"
    r"|(?<![\d:])\d{1,2}\s*[ap]\.?\s*m\b\.?|(?<![\d:])\d{1,2}h(?:\d{2})?\b",
    re.I,
)
_KEEP = "and keep the words in display_date"


def clock_refusal(body: str, text: str) -> str | None:
    """Why a date with a time written so is refused, with what to write; None when it
    has none of these (or no number: "the morning after" is a relative form)."""
    if not _DIGIT().search(body):
        return None
    found = _HOUR_IN_PART().search(body)
    if found:
        clock = found.group(1)
        half = "am" if (found.group(2) or "").lower() == "morning" else "pm"
        return f"cannot read {text!r} as a date; write the time as {clock} {half}, {_KEEP}"
    if _LOCAL().search(body):
        return (
            f"cannot read {text!r} as a date; a time without a zone is already in the "
            "timeline's timezone: leave out 'local', or write the zone (such as "
            '"America/Chicago") after the time'
        )
    found = _DOTTED_TIME().search(body)
    if found:
        hour, minute, half = found.groups()
        clock = f"{hour}:{minute}" + (f" {half.lower()}m" if half else "")
        return f"cannot read {text!r} as a date; write the time with a colon, {clock}"
    if _END_OF_DAY().search(body):
        return (
            f"cannot read {text!r} as a date; 24:00 is the end of the day: write 00:00 of "
            f"the next day, {_KEEP}"
        )
    found = _DAY_PART().search(body)
    if found is None:
        return None
    word = found.group(1).lower()
    if word in ("noon", "midday"):
        return f"cannot read {text!r} as a date; write {word} as 12:00, {_KEEP}"
    if word == "midnight":
        return (
            f"cannot read {text!r} as a date; midnight may be the start of the day or its "
            f"end: write 00:00 of the day that begins (its date with T00:00), {_KEEP}"
        )
    return (
        f"cannot read {text!r} as a date; {word!r} names no time: write the day alone, or "
        f"the time itself (such as 2018-07-19T14:05) with {word} in display_date"
    )


def twelve_note(body: str, text: str) -> str | None:
    """What is said of "12 a.m." and "12 p.m.": read as midnight starting the day and as
    noon, which writers also mean the other way round; None for any other time."""
    found = _TWELVE().search(body)
    if found is None:
        return None
    if found.group(1).lower() == "a":
        return (
            f"{text!r} was read as 00:00, the midnight that starts the day; if the end of "
            "the day was meant, write 00:00 of the next day, and for noon write 12:00"
        )
    return f"{text!r} was read as 12:00, noon; for midnight, write 00:00 of the day it starts"


def clock_problem(body: str, text: str) -> str | None:
    """Why a time dateutil read is refused: the body writes no time (a bare number was
    taken for the hour) or more than one (the last was taken); None when it writes one.
    Called only when a time was read, and after the checks of four- and six-digit
    numbers and of noon and midnight (`written._check_bare_clock`)."""
    times = _TIME().findall(body)
    if not times:
        return (
            f"{text!r} has a number after the date that would be read as the hour; write "
            "a time with a colon or am/pm (such as 18:00 or 6 pm), or leave the number out"
        )
    if len(times) > 1:
        return (
            f"{text!r} gives two times ({times[0].strip()} and {times[1].strip()}); a date "
            "has one: for a span of times, write its ends as date and end_date"
        )
    return None
