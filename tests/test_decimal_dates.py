"""A decimal number in a date written in words is refused, with what to write instead.

Bug fixed: dateutil kept a decimal number's whole part and dropped the rest without a
word: "July 4.5 2018" and "4.5 July 2018" were 4 July 2018, "1850.25" the year 1850,
"2018.07" the year 2018, "July 1850.25" July 1850, "3.30pm July 4 2018" 15:00, "4 July
2018 4.5 pm" 16:00, and the minutes of "14:05.30" 5.3 (14:05:18). Others were refused
as "cannot read ... as a date" with every form listed ("2018.5", "July 2018.5"), or for
a wrong reason ("07.2018" has no year, "July 4th.5 2018" a year of two digits). A
decimal comma was dropped too: "1850,25" was 1850, "1667,1668" 1667.
"""

from __future__ import annotations

import pytest

from timeline.dates import DateError, read_date, read_query
from timeline.read.toml import load_text

KEEP = ", and keep the words in display_date"
#: Each form, and what is said of it.
REFUSED = [
    (
        "July 4.5 2018",
        "'July 4.5 2018' gives the day as 4.5, and a day is a whole number: for a time of "
        "that day, write it (2018-07-04THH:MM), for several days, the span (such as "
        f"2018-07-04/2018-07-05){KEEP}",
    ),
    (
        "4.5 July 2018",
        "'4.5 July 2018' gives the day as 4.5, and a day is a whole number: for a time of "
        "that day, write it (2018-07-04THH:MM), for several days, the span (such as "
        f"2018-07-04/2018-07-05){KEEP}",
    ),
    (
        "Wednesday, July 4.25, 2018",
        "'Wednesday, July 4.25, 2018' gives the day as 4.25, and a day is a whole number: "
        "for a time of that day, write it (2018-07-04THH:MM), for several days, the span "
        f"(such as 2018-07-04/2018-07-05){KEEP}",
    ),
    (
        "circa 4.5th of July 2018",
        "'circa 4.5th of July 2018' gives the day as 4.5, and a day is a whole number: for "
        "a time of that day, write it (2018-07-04THH:MM), for several days, the span (such "
        f"as 2018-07-04/2018-07-05){KEEP}",
    ),
    (
        "31.5 December 9999",
        "'31.5 December 9999' gives the day as 31.5, and a day is a whole number: for a "
        f"time of that day, write it (9999-12-31THH:MM){KEEP}",
    ),
    (
        "July .5 2018",  # was the 5th
        "'July .5 2018' gives the day as .5, and a day is a whole number: for a time of "
        "that day, write it (as ISO, YYYY-MM-DDTHH:MM), for several days, the span "
        f"(YYYY-MM-DD/YYYY-MM-DD){KEEP}",
    ),
    (
        "2018.5",
        "'2018.5' gives the year as 2018.5, and a year is a whole number: write the month "
        f"or day meant as ISO (2018-MM or 2018-MM-DD){KEEP}",
    ),
    (
        "July 2018.5",
        "'July 2018.5' gives the year as 2018.5, and a year is a whole number: write the "
        f"month or day meant as ISO (2018-MM or 2018-MM-DD){KEEP}",
    ),
    (
        "1850.25",
        "'1850.25' gives the year as 1850.25, and a year is a whole number: write the "
        f"month or day meant as ISO (1850-MM or 1850-MM-DD){KEEP}",
    ),
    (
        "2018.07",
        "'2018.07' gives the year as 2018.07, and a year is a whole number: for July 2018, "
        "write 2018-07; for another part of 2018, the month or day meant as ISO (2018-MM "
        f"or 2018-MM-DD){KEEP}",
    ),
    ("07.2018", "'07.2018' writes the month and year with a dot; for July 2018, write 2018-07"),
    (
        "3.30pm July 4 2018",
        "cannot read '3.30pm July 4 2018' as a date; write the time with a colon, 3:30 pm",
    ),
    (
        "4 July 2018 4.5 pm",
        "'4 July 2018 4.5 pm' has a fraction of an hour (4.5), which the timeline does not "
        "hold: write the time as hours, minutes and seconds",
    ),
    (
        "July 4 2018 14:05.30",
        "'July 4 2018 14:05.30' has a fraction of a minute (.30), which the timeline does "
        "not hold: write the time as hours, minutes and seconds",
    ),
    (
        "July 4th.5 2018",
        "'July 4th.5 2018' has the number .5, and the numbers of a date are whole: write "
        f"the date as ISO (year-month-day, and a time after T in hours, minutes and seconds){KEEP}",
    ),
    # A decimal comma, as much of Europe writes it: read as 1850, and as 1667.
    (
        "1850,25",
        "'1850,25' gives the year as 1850,25, and a year is a whole number: write the "
        f"month or day meant as ISO (1850-MM or 1850-MM-DD){KEEP}",
    ),
    (
        "1667,1668",
        "'1667,1668' gives two years, 1667 and 1668: for an event over both, write the "
        f"span, 1667/1668; for one of them, that year with a ? after it (uncertain){KEEP}",
    ),
    (
        "July 4 2018 14:05,5",
        "'July 4 2018 14:05,5' has a fraction of a minute (,5), which the timeline does "
        "not hold: write the time as hours, minutes and seconds",
    ),
    (
        "2.5 days later",
        "'2.5 days later' counts 2.5 days, and a relative date counts whole days: write a "
        f"whole number of them, or the date itself{KEEP}",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_decimal_number_in_a_date_is_refused_with_what_to_write(text: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        read_date(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Jul. 4, 2018", 2018),
        ("4. July 2018", 2018),
        ("05.07.2018", 2018),
        ("2018.07.05", 2018),
        ("4 July 2018 2:05 p.m.", 2018),
        ("July 4,2018", 2018),
        ("100,000 BCE", -100000),
    ],
)
def test_a_dot_or_comma_that_is_no_decimal_point_is_read_as_before(text: str, year: int) -> None:
    assert read_date(text).start.year == year


def test_a_fraction_of_a_second_is_still_left_out_with_a_note() -> None:
    reading = read_date("July 4 2018 14:05:30.5")
    assert (reading.start.minute, reading.start.second) == (5, 30)
    assert "fractions of a second are left out" in reading.notes[0]


def test_the_loader_says_it_at_the_field() -> None:
    text = '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ntitle = "A"\ndate = "July 4.5 2018"\n'
    result = load_text(text, "t.toml")
    assert result.timeline is None
    (problem,) = result.problems
    assert (problem.line, problem.field) == (7, "date")
    assert "gives the day as 4.5" in problem.message


@pytest.mark.parametrize("text", ["july 4.5", "july 4.5 2018", "1850.25"])
def test_a_date_typed_with_a_decimal_number_is_refused_too(text: str) -> None:
    # "july 4.5" went to 4 July (a jump, a filter), without a year as with one.
    with pytest.raises(DateError, match="is a whole number") as info:
        read_query(text, 2018)
    assert "display_date" not in str(info.value)  # a typed date has none
