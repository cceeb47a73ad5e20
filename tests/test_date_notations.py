"""Dates in a notation whose meaning is plain are refused with exactly what to write.

Bug fixed: each was "cannot read ... as a date" with the list of every form, though
its writer's meaning is plain: a date in parentheses or square brackets, as citations
and catalogues write it; circa joined to the year, as historians write it ("c1850");
a month named in French, German, Spanish, Italian, Portuguese or Dutch. None is read
(a date in brackets may be one a catalogue supplied, "c1850" a copyright date, and a
month's name a guess at the language): the message says what to write, the date as
ISO computed from the text when it can be.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from conftest import loaded

from timeline.dates import DateError, read_date, read_query
from timeline.model import Qualifier
from timeline.query.filter_args import FilterError, parse_filter_args
from timeline.query.view import View
from timeline.read.toml import load_text

KEEP = ", and keep the words in display_date"
ENGLISH = "month names are read in English"
REFUSED = [
    (
        "(1850)",
        "'(1850)' has the date in parentheses; a date field holds the date alone: write 1850",
    ),
    (
        "(16–19 July 2018)",
        "'(16–19 July 2018)' has the date in parentheses; a date field holds the date "
        "alone: write 16–19 July 2018",
    ),
    (
        "[1850]",
        "'[1850]' has the date in square brackets, as a catalogue marks a date it supplied "
        "(and EDTF one of a set); a date field holds the date alone: write 1850, with a ? "
        "after it if it is uncertain",
    ),
    # Words in brackets beside the date: out of them when the date reads with them.
    (
        "1850 (approx.)",
        "'1850 (approx.)' has words in parentheses ('(approx.)'); a date field holds the "
        "date alone: write approx. 1850",
    ),
    (
        "17 July 2018 15:00 (EDT)",
        "'17 July 2018 15:00 (EDT)' has words in parentheses ('(EDT)'); a date field "
        "holds the date alone: write 17 July 2018 15:00 EDT",
    ),
    (
        "1850 [sic]",
        "'1850 [sic]' has words in square brackets ('[sic]'); a date field holds the date "
        f"alone: write 1850{KEEP}",
    ),
    (
        "July (?) 2018",
        "'July (?) 2018' has a ? in parentheses: for an uncertain date, write July 2018?",
    ),
    (
        "c1850",
        "'c1850' joins c to the date: for circa, write c. 1850 (or circa 1850); for the "
        "date itself (a catalogue's c1850 is a copyright date), write 1850",
    ),
    (
        "C1850",
        "'C1850' joins c to the date: for circa, write c. 1850 (or circa 1850); for the "
        "date itself (a catalogue's c1850 is a copyright date), write 1850",
    ),
    ("ca1850", "'ca1850' joins ca to the date: for circa, write ca. 1850"),
    ("circa1850", "'circa1850' joins circa to the date: for circa, write circa 1850"),
    (
        "17 juillet 2018",
        f"'17 juillet 2018' names the month in French (juillet: July); {ENGLISH}: write 2018-07-17",
    ),
    (
        "1er juillet 2018",
        f"'1er juillet 2018' names the month in French (juillet: July); {ENGLISH}: write 2018-07-01",
    ),
    (
        "17. Juli 2018",
        "'17. Juli 2018' names the month in German or Dutch (Juli: July); "
        f"{ENGLISH}: write 2018-07-17",
    ),
    (
        "17 de julio de 2018",
        "'17 de julio de 2018' names the month in Spanish (julio: July); "
        f"{ENGLISH}: write 2018-07-17",
    ),
    (
        "17 luglio 2018",
        f"'17 luglio 2018' names the month in Italian (luglio: July); {ENGLISH}: write 2018-07-17",
    ),
    (
        "17 de março de 2018",
        "'17 de março de 2018' names the month in Portuguese (março: March); "
        f"{ENGLISH}: write 2018-03-17",
    ),
    (
        "17 maart 2018",
        f"'17 maart 2018' names the month in Dutch (maart: March); {ENGLISH}: write 2018-03-17",
    ),
    (
        "agosto 2018",
        "'agosto 2018' names the month in Spanish, Italian or Portuguese (agosto: August); "
        f"{ENGLISH}: write 2018-08",
    ),
    (
        "circa 17 juillet 2018",
        "'circa 17 juillet 2018' names the month in French (juillet: July); "
        f"{ENGLISH}: write circa 2018-07-17",
    ),
    (
        "16–19 juillet 2018",
        "'16–19 juillet 2018' names the month in French (juillet: July); "
        f"{ENGLISH}: write 2018-07-16/2018-07-19",
    ),
    (
        "17 Dezember 2018 14:00",
        "'17 Dezember 2018 14:00' names the month in German (Dezember: December); "
        f"{ENGLISH}: write 2018-12-17T14:00",
    ),
    # The date is not computed when the text does not say one: a weekday in French,
    # a day February lacks.
    (
        "mardi 17 juillet 2018",
        "'mardi 17 juillet 2018' names the month in French (juillet: July); "
        f"{ENGLISH}: write the date as ISO (year-month-day), or with the month's English "
        "name, July",
    ),
    (
        "31 février 2018",
        "'31 février 2018' names the month in French (février: February); "
        f"{ENGLISH}: write the date as ISO (year-month-day), or with the month's English "
        "name, February",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_plain_notation_is_refused_with_what_to_write(text: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        read_date(text)
    assert str(info.value) == message


WEEKDAY = "check the source and correct the weekday or the date"


@pytest.mark.parametrize(
    "text",
    [
        "16 July 2018 (Sunday)",
        "(Sunday) 16 July 2018",
        "16 July 2018 [Sun.]",
        "(Sunday 16 July 2018)",
        "circa 16 July 2018 (Sunday)",
        "Sunday 16 juillet 2018",
    ],
)
def test_a_weekday_the_date_does_not_fall_on_is_said_as_written_plainly(text: str) -> None:
    # Bug fixed: "16 July 2018 (Sunday)" (a Monday) was told to write 16 July 2018 and
    # keep "(Sunday)" in display_date, the contradiction unsaid, where "Sunday 16 July
    # 2018" is refused for it: the weekday is checked, in brackets too.
    with pytest.raises(DateError) as plain:
        read_date("Sunday 16 July 2018")
    with pytest.raises(DateError) as info:
        read_date(text)
    assert str(info.value) == str(plain.value).replace("'Sunday 16 July 2018'", repr(text))
    assert str(info.value).endswith(f"but 16 July 2018 was a Monday; {WEEKDAY}")


def test_a_weekday_in_brackets_is_checked_in_the_zone_written() -> None:
    # 23:30 in Los Angeles on Sunday 8 July is Monday in London: the weekday written
    # is the day as written.
    london = ZoneInfo("Europe/London")
    with pytest.raises(DateError, match="was a Sunday; " + WEEKDAY):
        read_date("8 Jul 2018 11:30 pm PT (Monday)", london)
    with pytest.raises(DateError) as info:
        read_date("8 Jul 2018 11:30 pm PT (Sunday)", london)
    assert str(info.value).endswith("write Sunday 8 Jul 2018 11:30 pm PT")


def test_the_right_weekday_in_brackets_is_told_out_of_them() -> None:
    # Kept: a date field holds the date alone, as for every other word in brackets
    # ("(EDT)", "(approx.)"), and the date offered is read with its weekday checked.
    with pytest.raises(DateError) as info:
        read_date("16 July 2018 (Monday)")
    assert str(info.value) == (
        "'16 July 2018 (Monday)' has words in parentheses ('(Monday)'); a date field "
        "holds the date alone: write Monday 16 July 2018"
    )
    assert read_date("Monday 16 July 2018").start.day == 16


@pytest.mark.parametrize("text", ["c. 1850", "c.1850", "ca. 1850", "circa 1850"])
def test_circa_as_the_format_writes_it_is_read(text: str) -> None:
    reading = read_date(text)
    assert (reading.start.year, reading.start.qualifier) == (1850, Qualifier.CIRCA)


@pytest.mark.parametrize(
    ("text", "year"), [("17 April 2018", 2018), ("August 2018", 2018), ("Mar 2018", 2018)]
)
def test_english_names_that_other_languages_share_are_read(text: str, year: int) -> None:
    assert read_date(text).start.year == year


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1667,1668]", "lists several possible dates"),  # EDTF's set
        ("17 July 2018 3:30pm (local)", "a time without a zone is already in the timeline"),
        ("17 juillet 2018 noon", "write noon as 12:00"),
    ],
)
def test_a_more_precise_refusal_keeps_its_own_message(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        read_date(text)


def test_the_loader_says_it_at_the_field() -> None:
    text = (
        '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ntitle = "A"\ndate = 2018\n\n'
        '[[events.quotes]]\ntext = "q"\ndate = "17 juillet 2018"\n'
    )
    result = load_text(text, "t.toml")
    (problem,) = result.problems
    assert (problem.line, problem.field) == (11, "quotes[0].date")
    assert problem.message.endswith("write 2018-07-17")


def test_square_brackets_offer_a_question_mark_only_where_it_reads() -> None:
    # "1990s?" is refused (a span takes no qualifier): "[1990s]" was told to add one.
    with pytest.raises(DateError) as info:
        read_date("[1990s]")
    assert str(info.value).endswith("a date field holds the date alone: write 1990s")


TYPED = "a date is typed alone"
TYPED_REFUSED = [
    (
        "17 juillet 2018",
        f"'17 juillet 2018' names the month in French (juillet: July); {ENGLISH}: "
        "write 17 July 2018",
    ),
    # Without a year: the words typed, never a year made up for them.
    (
        "17 juillet",
        f"'17 juillet' names the month in French (juillet: July); {ENGLISH}: write 17 July",
    ),
    (
        "17. Juli 2018",
        f"'17. Juli 2018' names the month in German or Dutch (Juli: July); {ENGLISH}: "
        "write 17 July 2018",
    ),
    ("(1850)", f"'(1850)' has the date in parentheses; {TYPED}: write 1850"),
    ("(july 16)", f"'(july 16)' has the date in parentheses; {TYPED}: write july 16"),
    (
        "[1850]",
        "'[1850]' has the date in square brackets, as a catalogue marks a date it supplied "
        f"(and EDTF one of a set); {TYPED}: write 1850",
    ),
    # Circa and ? are not read in a date typed: the date alone is offered.
    (
        "1850 (approx.)",
        f"'1850 (approx.)' has words in parentheses ('(approx.)'); {TYPED}: write 1850",
    ),
    (
        "July (?) 2018",
        f"'July (?) 2018' has words in parentheses ('(?)'); {TYPED}: write July 2018",
    ),
    ("c1850", "'c1850' joins c to the date: write 1850"),
    ("ca1850", "'ca1850' joins ca to the date: write 1850"),
    (
        "16 July 2018 (Sunday)",
        f"'16 July 2018 (Sunday)' says Sunday, but 16 July 2018 was a Monday; {WEEKDAY}",
    ),
]


@pytest.mark.parametrize(("text", "message"), TYPED_REFUSED, ids=[r[0] for r in TYPED_REFUSED])
def test_a_date_typed_in_a_plain_notation_is_told_what_to_type(text: str, message: str) -> None:
    # Bug fixed: a date typed in the viewer's date line or a filter got "cannot read ...
    # as a date; try "july 16", ..." where a file's field is told what to write.
    with pytest.raises(DateError) as info:
        read_query(text, 2016)
    assert str(info.value) == message
    with pytest.raises(FilterError) as filtered:
        parse_filter_args([f"from={text}"], default_year=2016)
    assert str(filtered.value) == f"filter 'from={text}': {message}"
    view = View()
    view.show(loaded())
    notice = view.go_to_date(text)
    assert notice is not None and (notice.text, notice.severity) == (message, "warning")


@pytest.mark.parametrize(
    ("text", "objection"),
    [
        # EST was not kept in New York in July: dropping "(EST)" would move the instant.
        ("17 July 2018 15:00 (EST)", "but New York kept EDT (UTC-04:00) on 17 July 2018"),
        ("17 July 2018 15:00 (BST)", "may mean British Summer Time (+01:00) or Bangladesh"),
    ],
)
def test_a_zone_in_brackets_that_says_something_of_the_date_is_not_told_to_be_dropped(
    text: str, objection: str
) -> None:
    with pytest.raises(DateError) as refused:
        read_date(text)
    said = str(refused.value)
    assert objection in said
    assert "keep the words in display_date" not in said
    assert "write 17 July 2018 15:00," not in said
