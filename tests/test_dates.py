"""timeline.dates: every date form, relative dates, and every formatter."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.dates import (
    DateError,
    days_in_month,
    format_gap,
    format_iso,
    format_long,
    format_medium,
    format_range,
    format_short,
    has_gap,
    parse_date,
    parse_query,
    parse_relative,
    read_date,
    resolve,
    weekday_of,
)
from timeline.model import Precision, Qualifier, When
from timeline.problems import describe

CHICAGO = ZoneInfo("America/Chicago")
# Thursday 19 July 2018: the day RAICES tweeted.
THURSDAY = When(2018, 7, 19, written="2018-07-19")


def relative(text: str, anchor: When = THURSDAY, anchor_id: str = "raices-tweet") -> When:
    form = parse_relative(text)
    assert form is not None, f"{text!r} should be a relative form"
    return resolve(form, anchor, anchor_id)


# ---------------------------------------------------------------- TOML values


def test_toml_local_date() -> None:
    when = parse_date(date(2018, 7, 8))
    assert (when.year, when.month, when.day) == (2018, 7, 8)
    assert when.precision is Precision.DAY
    assert when.qualifier is Qualifier.EXACT
    assert when.tz is None
    assert when.written == "2018-07-08"


@given(st.dates(), st.sampled_from([None, CHICAGO, UTC]))
def test_a_toml_date_reads_the_same_on_the_quick_way(day: date, zone: tzinfo | None) -> None:
    # The loader reads TOML dates with `parse_date`'s quick way (timeline/read/records.py);
    # `read_date`, which reads every other value, must give the same date and say nothing.
    reading = read_date(day, zone)
    assert reading.end is None and reading.notes == ()
    assert parse_date(day, zone) == reading.start


def test_toml_local_datetime_without_timezone_has_no_zone() -> None:
    when = parse_date(datetime(2018, 7, 19, 14, 5))
    assert (when.hour, when.minute) == (14, 5)
    assert when.precision is Precision.MINUTE
    assert when.tz is None
    assert format_long(when) == "Thursday 19 July 2018, 14:05"


def test_toml_local_datetime_is_taken_to_be_in_the_timeline_zone() -> None:
    when = parse_date(datetime(2018, 7, 19, 14, 5), CHICAGO)
    assert (when.hour, when.minute) == (14, 5)
    assert when.tz is CHICAGO
    assert format_long(when) == "Thursday 19 July 2018, 14:05 CDT"
    assert format_iso(when) == "2018-07-19T14:05-05:00"


def test_toml_datetime_with_offset_keeps_its_offset_without_a_timeline_zone() -> None:
    when = parse_date(datetime(2018, 7, 19, 14, 5, 30, tzinfo=timezone(timedelta(hours=2))))
    assert (when.hour, when.minute, when.second) == (14, 5, 30)
    assert when.precision is Precision.SECOND
    assert format_long(when) == "Thursday 19 July 2018, 14:05:30 UTC+02:00"
    assert format_iso(when) == "2018-07-19T14:05:30+02:00"


def test_toml_datetime_with_offset_is_shown_in_the_timeline_zone() -> None:
    when = parse_date(datetime(2018, 7, 19, 14, 5, tzinfo=UTC), CHICAGO)
    assert (when.day, when.hour, when.minute) == (19, 9, 5)
    assert format_long(when) == "Thursday 19 July 2018, 09:05 CDT"
    assert when.written == "2018-07-19T14:05:00+00:00"


def test_toml_datetime_with_offset_can_change_the_day_in_the_timeline_zone() -> None:
    when = parse_date(datetime(2018, 7, 20, 3, 0, tzinfo=UTC), CHICAGO)
    assert (when.month, when.day, when.hour) == (7, 19, 22)


def test_toml_integer_is_a_year() -> None:
    when = parse_date(2018)
    assert when.precision is Precision.YEAR
    assert format_long(when) == "2018"


def test_toml_time_of_day_alone_is_an_error() -> None:
    with pytest.raises(DateError, match=r"found a time of day \(14:05:00\) without a date"):
        parse_date(time(14, 5))


@pytest.mark.parametrize(
    ("value", "found"),
    [(True, "a boolean (true)"), (1.5, "a float (1.5)"), ([2018], "an array"), ({}, "a table")],
)
def test_toml_values_that_are_not_dates(value: object, found: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert str(info.value).startswith(f"found {found}; expected an ISO date such as 2018")


# ---------------------------------------------------------------- ISO strings


@pytest.mark.parametrize(
    ("text", "precision", "key", "long"),
    [
        ("2018", Precision.YEAR, (2018, 0, 0, 0, 0, 0), "2018"),
        ("2018-07", Precision.MONTH, (2018, 7, 0, 0, 0, 0), "July 2018"),
        ("2018-7", Precision.MONTH, (2018, 7, 0, 0, 0, 0), "July 2018"),
        ("2018-07-19", Precision.DAY, (2018, 7, 19, -1, 0, 0), "Thursday 19 July 2018"),
        # Known to the hour: "14h", not "14:00", which reads as known to the minute.
        ("2018-07-19T14", Precision.HOUR, (2018, 7, 19, 14, 0, 0), "Thursday 19 July 2018, 14h"),
        (
            "2018-07-19T14:05",
            Precision.MINUTE,
            (2018, 7, 19, 14, 5, 0),
            "Thursday 19 July 2018, 14:05",
        ),
        (
            "2018-07-19 14:05",
            Precision.MINUTE,
            (2018, 7, 19, 14, 5, 0),
            "Thursday 19 July 2018, 14:05",
        ),
        (
            "2018-07-19T14:05:30",
            Precision.SECOND,
            (2018, 7, 19, 14, 5, 30),
            "Thursday 19 July 2018, 14:05:30",
        ),
        (
            "2018-07-19T14:05Z",
            Precision.MINUTE,
            (2018, 7, 19, 14, 5, 0),
            "Thursday 19 July 2018, 14:05 UTC",
        ),
        (
            "2018-07-19T14:05:30+02:00",
            Precision.SECOND,
            (2018, 7, 19, 14, 5, 30),
            "Thursday 19 July 2018, 14:05:30 UTC+02:00",
        ),
    ],
)
def test_iso_at_every_precision(
    text: str, precision: Precision, key: tuple[int, ...], long: str
) -> None:
    when = parse_date(text)
    assert when.precision is precision
    assert when.key == key
    assert format_long(when) == long
    assert when.written == text
    assert when.qualifier is Qualifier.EXACT


def test_iso_local_time_is_in_the_timeline_zone() -> None:
    when = parse_date("2018-07-19T14:05", CHICAGO)
    assert when.tz is CHICAGO
    assert format_iso(when) == "2018-07-19T14:05-05:00"


def test_iso_utc_time_is_converted_to_the_timeline_zone() -> None:
    when = parse_date("2018-07-19T14:05Z", CHICAGO)
    assert (when.hour, when.minute) == (9, 5)
    assert format_medium(when) == "19 Jul 2018 09:05 CDT"


def test_month_precision_is_kept_and_never_shown_as_the_first() -> None:
    when = parse_date("2018-07")
    assert format_long(when) == "July 2018"
    assert format_medium(when) == "Jul 2018"
    assert format_short(when) == "Jul 2018"
    assert format_iso(when) == "2018-07"
    for shown in (format_long(when), format_medium(when), format_short(when)):
        assert "1" not in shown.replace("2018", "")


def test_year_precision_is_kept() -> None:
    when = parse_date("2018")
    assert (format_long(when), format_medium(when), format_short(when)) == ("2018",) * 3
    assert format_iso(when) == "2018"


def test_partial_dates_sort_before_the_days_they_contain() -> None:
    year, month, day = parse_date("2018"), parse_date("2018-07"), parse_date("2018-07-01")
    morning = parse_date("2018-07-01T00:00")
    assert year.key < month.key < day.key < morning.key


@pytest.mark.parametrize("text", ["44", "0044"])
def test_short_year_strings_are_years_not_two_digit_abbreviations(text: str) -> None:
    # Bug fixed: "44" used to go to dateutil, which read it as 2044.
    when = parse_date(text)
    assert (when.year, when.precision) == (44, Precision.YEAR)
    assert format_long(when) == "44 CE"


@pytest.mark.parametrize(
    ("when", "long", "medium"),
    [
        # August of the year 1 was "August 1" and "Aug 1": the first of August.
        (When(1, 8, precision=Precision.MONTH), "August 1 CE", "Aug 1 CE"),
        # "5 Mar 12" reads as 2012.
        (When(12, 3, 5), "Monday 5 March 12 CE", "5 Mar 12 CE"),
        (When(999, 12, 31), "Tuesday 31 December 999 CE", "31 Dec 999 CE"),
        (When(1000, 1, 1), "Wednesday 1 January 1000", "1 Jan 1000"),
    ],
)
def test_years_of_the_common_era_before_1000_say_so(when: When, long: str, medium: str) -> None:
    assert (format_long(when), format_medium(when)) == (long, medium)


# ---------------------------------------------------------------- BCE


@pytest.mark.parametrize(
    ("value", "long", "iso"),
    [
        (-500, "500 BCE", "-0500"),
        ("-500", "500 BCE", "-0500"),
        ("-5", "5 BCE", "-0005"),
        ("-44-03", "March 44 BCE", "-0044-03"),
    ],
)
def test_bce_years_follow_timelinejs(value: object, long: str, iso: str) -> None:
    when = parse_date(value)
    assert when.year < 0
    assert format_long(when) == long
    assert format_medium(when).endswith("BCE")
    assert format_iso(when) == iso


@given(
    st.integers(1, 999_999),
    st.integers(1, 12),
    st.integers(1, 31),
    st.sampled_from([Precision.YEAR, Precision.MONTH, Precision.DAY]),
    st.sampled_from(list(Qualifier)),
)
def test_a_bce_date_written_with_its_era_reads_back_as_itself_without_a_note(
    year: int, month: int, day: int, precision: Precision, qualifier: Qualifier
) -> None:
    # What the warnings on "-0043" tell a writer to write, and what import writes.
    from timeline.dates.bce import era_form

    day = min(day, days_in_month(-year, month))
    when = When(-year, month, day, precision=precision)._replace(
        month=month if precision >= Precision.MONTH else 1,
        day=day if precision >= Precision.DAY else 1,
    )
    written = era_form(when._replace(qualifier=qualifier))
    reading = read_date(written)
    assert reading.notes == () and reading.end is None
    assert reading.start._replace(written="", order=()) == when._replace(qualifier=qualifier)


def test_bce_years_sort_before_ce_years() -> None:
    assert parse_date(-500).key < parse_date(-44).key < parse_date(1).key


def test_bce_dates_have_no_weekday() -> None:
    assert weekday_of(When(-44, 3, 15)) == ""
    assert format_long(When(-44, 3, 15)) == "15 March 44 BCE"


# ---------------------------------------------------------------- written dates


def test_written_date_via_dateutil() -> None:
    when = parse_date("July 8, 2018")
    assert (when.year, when.month, when.day) == (2018, 7, 8)
    assert when.precision is Precision.DAY
    assert format_long(when) == "Sunday 8 July 2018"
    assert when.written == "July 8, 2018"


def test_written_date_time_with_zone_abbreviation() -> None:
    when = parse_date("8 Jul 2018 2:05 pm CDT")
    assert (when.day, when.hour, when.minute) == (8, 14, 5)
    assert when.precision is Precision.MINUTE
    assert format_medium(when) == "8 Jul 2018 14:05 CDT"
    assert format_iso(when) == "2018-07-08T14:05-05:00"


def test_written_date_time_with_abbreviation_is_shown_in_the_timeline_zone() -> None:
    when = parse_date("8 Jul 2018 2:05 pm EDT", CHICAGO)
    assert (when.hour, when.minute) == (13, 5)
    assert format_medium(when) == "8 Jul 2018 13:05 CDT"


def test_written_numeric_offset_shows_as_utc_offset() -> None:
    when = parse_date("8 Jul 2018 2:05 pm +0200")
    assert format_medium(when) == "8 Jul 2018 14:05 UTC+02:00"


@pytest.mark.parametrize(
    ("text", "precision", "long"),
    [
        ("July 2018", Precision.MONTH, "July 2018"),
        ("Jul 2018", Precision.MONTH, "July 2018"),
        ("8 July 2018", Precision.DAY, "Sunday 8 July 2018"),
        ("July 8 2018 14:05:30", Precision.SECOND, "Sunday 8 July 2018, 14:05:30"),
    ],
)
def test_written_dates_keep_their_precision(text: str, precision: Precision, long: str) -> None:
    when = parse_date(text)
    assert when.precision is precision
    assert format_long(when) == long


def test_dayfirst() -> None:
    assert parse_date("16/7/2018").month == 7  # unambiguous either way
    assert (parse_date("5/7/2018").month, parse_date("5/7/2018", dayfirst=True).month) == (5, 7)


@pytest.mark.parametrize("text", ["5-7-2018", "5 7 2018", "5/7/2018"])
def test_every_separator_is_month_first_with_a_note_unless_dayfirst(text: str) -> None:
    reading = read_date(text)
    assert reading.start.month == 5
    assert reading.notes == (
        f"{text!r} was read month-first, as 7 May: write the date as ISO (year-month-day) "
        "to say which",
    )
    reading = read_date(text, dayfirst=True)
    assert (reading.start.month, reading.notes) == (7, ())


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("text", "qualifier", "long", "order"),
    [
        ("circa 2018", Qualifier.CIRCA, "circa 2018", ()),
        ("c. 1850", Qualifier.CIRCA, "circa 1850", ()),
        ("ca. 1850", Qualifier.CIRCA, "circa 1850", ()),
        ("about July 2018", Qualifier.CIRCA, "circa July 2018", ()),
        ("~1900", Qualifier.CIRCA, "circa 1900", ()),
        ("before 2018-07", Qualifier.BEFORE, "before July 2018", (-1,)),
        ("by 2018-07-19", Qualifier.BEFORE, "before Thursday 19 July 2018", (-1,)),
        ("after July 8, 2018", Qualifier.AFTER, "after Sunday 8 July 2018", (1,)),
    ],
)
def test_circa_before_after_prefixes(
    text: str, qualifier: Qualifier, long: str, order: tuple[int, ...]
) -> None:
    when = parse_date(text)
    assert when.qualifier is qualifier
    assert format_long(when) == long
    assert when.order == order
    assert when.written == text


def test_before_a_date_sorts_before_it_and_after_sorts_after() -> None:
    exact = parse_date("2018-07")
    before, after = parse_date("before 2018-07"), parse_date("after 2018-07")
    assert before.order < (0,) < after.order
    # "before July" lies after every day of June, and before July.
    assert parse_date("2018-06-30T23:59:59").key < before.key < exact.key
    # "after July" lies after every day of July, and before August.
    assert parse_date("2018-07-31T23:59:59").key < after.key < parse_date("2018-08").key


def test_qualifier_words_in_medium_format() -> None:
    assert format_medium(parse_date("circa 2018-07-19")) == "circa 19 Jul 2018"
    assert format_medium(parse_date("before 2018-07-19")) == "before 19 Jul 2018"
    assert format_medium(parse_date("after 2018")) == "after 2018"


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2018-13", "'2018-13' has month 13; months run from 1 to 12"),
        ("2018-00", "'2018-00' has month 0; months run from 1 to 12"),
        ("July 8", "'July 8' has no year; write the year, e.g. July 8 2018"),
        (
            "Monday 16 July",
            "'Monday 16 July' has no year; write the year, e.g. Monday 16 July 2018",
        ),
        (
            "2018-07-19T25:00",
            "'2018-07-19T25:00' is not a valid ISO date-time (hour must be in 0..23)",
        ),
        (
            "Monday",
            "'Monday' is relative to another event; add relative_to = \"<event id>\" "
            "naming the event it is counted from",
        ),
        (
            "3 days before",
            "'3 days before' is relative to another event; add relative_to = \"<event id>\" "
            "naming the event it is counted from",
        ),
    ],
)
def test_date_errors(value: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert str(info.value) == message


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_date(value: str) -> None:
    with pytest.raises(DateError, match=r"^is empty; expected an ISO date"):
        parse_date(value)


@pytest.mark.parametrize("value", ["garbage", "13/13/2018"])
def test_unreadable_dates(value: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert str(info.value).startswith(f"cannot read {value!r} as a date; expected an ISO date")


@settings(max_examples=200, deadline=None)
@example("0A-30")  # dateutil read the zone "A" at -30 hours: a ValueError
@given(
    st.one_of(
        st.text(max_size=30),
        st.text(alphabet="0123456789-:T +Zjulyaon ,/.~", max_size=25),
        st.from_regex(r"(circa |before |after )?-?\d{1,7}(-\d{1,3}(-\d{1,3})?)?", fullmatch=True),
    )
)
def test_any_string_is_a_date_or_a_date_error(text: str) -> None:
    try:
        when = parse_date(text)
    except DateError:
        return
    format_long(when)
    format_medium(when)
    format_short(when)
    format_iso(when)


def test_describe_names_toml_types() -> None:
    assert describe("x") == "a string ('x')"
    assert describe(3) == "an integer (3)"
    assert describe(False) == "a boolean (false)"
    assert describe([1]) == "an array"
    assert describe({"a": 1}) == "a table"
    assert describe(date(2018, 7, 19)) == "a date (2018-07-19)"
    assert describe("x" * 100) == "a string ('" + "x" * 36 + "...)"


# ---------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "iso", "rule"),
    [
        # Plain weekday: on or before the anchor.
        ("Monday", "2018-07-16", "the Monday on or before"),
        ("monday", "2018-07-16", "the Monday on or before"),
        ("on Monday", "2018-07-16", "the Monday on or before"),
        ("Mon", "2018-07-16", "the Monday on or before"),
        ("Thursday", "2018-07-19", "the Thursday on or before"),
        # next / following / "X after": strictly after.
        ("next Monday", "2018-07-23", "the Monday after"),
        ("following Monday", "2018-07-23", "the Monday after"),
        ("the following Monday", "2018-07-23", "the Monday after"),
        ("Monday after", "2018-07-23", "the Monday after"),
        ("next Thursday", "2018-07-26", "the Thursday after"),
        # last / previous / "X before": strictly before.
        ("last Friday", "2018-07-13", "the Friday before"),
        ("previous Friday", "2018-07-13", "the Friday before"),
        ("Monday before", "2018-07-16", "the Monday before"),
        ("last Thursday", "2018-07-12", "the Thursday before"),
        # Offsets.
        ("3 days before", "2018-07-16", "3 days before"),
        ("3 days after", "2018-07-22", "3 days after"),
        ("two weeks after", "2018-08-02", "two weeks after"),
        ("a week earlier", "2018-07-12", "a week earlier"),
        ("the day after", "2018-07-20", "the day after"),
        ("the day before", "2018-07-18", "the day before"),
        ("next day", "2018-07-20", "next day"),
        ("previous day", "2018-07-18", "previous day"),
        ("same day", "2018-07-19", "same day"),
    ],
)
def test_relative_forms(text: str, iso: str, rule: str) -> None:
    when = relative(text)
    assert format_iso(when) == iso
    assert when.rule == rule
    assert when.anchor == "raices-tweet"
    assert when.written == text
    assert when.precision is Precision.DAY
    assert when.qualifier is Qualifier.EXACT


def test_monday_relative_to_the_raices_tweet_is_16_july() -> None:
    assert format_long(relative("Monday")) == "Monday 16 July 2018"


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.mark.parametrize("start", [date(2018, 7, 1), date(1, 1, 1), date(9999, 12, 1)])
def test_weekday_forms_count_as_dateutil_does(start: date) -> None:
    # The weekdays are counted with plain day arithmetic, so that reading a file does
    # not import dateutil; dateutil's relativedelta, which counted them before, is the
    # reference: every form, from every day of five weeks (the calendar's ends too).
    from dateutil.relativedelta import relativedelta, weekday

    for offset in range(35):
        try:
            anchor_day = start + timedelta(days=offset)
        except OverflowError:
            break
        anchor = When(anchor_day.year, anchor_day.month, anchor_day.day)
        for index, name in enumerate(_DAY_NAMES):
            for text, delta in (
                (name, relativedelta(weekday=weekday(index, -1))),
                (f"last {name}", relativedelta(days=-1, weekday=weekday(index, -1))),
                (f"next {name}", relativedelta(days=1, weekday=weekday(index, +1))),
            ):
                try:
                    expected: date | None = anchor_day + delta
                except (ValueError, OverflowError):
                    expected = None
                if expected is None:
                    with pytest.raises(DateError):
                        relative(text, anchor)
                    continue
                when = relative(text, anchor)
                assert (when.year, when.month, when.day) == (
                    expected.year,
                    expected.month,
                    expected.day,
                ), (text, anchor_day)


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        # Counted on the month: a month after 31 January is February, not March.
        ("a month later", When(2018, 1, 31), "2018-02"),
        ("2 months earlier", When(2018, 5, 31), "2018-03"),
        ("13 months after", When(2018, 12, 15), "2020-01"),
        ("3 months before", When(2018, 2, precision=Precision.MONTH), "2017-11"),
        ("a year later", When(2020, 2, 29), "2021"),
        ("2 years before", When(1, 12, 31), None),
        ("a month later", When(9999, 12, 1), None),
        ("two weeks before", When(2018, 1, 3), "2017-12-20"),
    ],
)
def test_offsets_count_across_month_and_year_ends(text: str, anchor: When, iso: str | None) -> None:
    if iso is None:
        with pytest.raises(DateError, match="between the years 1 and 9999"):
            relative(text, anchor)
    else:
        assert format_iso(relative(text, anchor)) == iso


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("a month later", "2018-08", Precision.MONTH),
        ("next month", "2018-08", Precision.MONTH),
        ("1 year earlier", "2017", Precision.YEAR),
    ],
)
def test_offsets_in_months_and_years_keep_only_what_is_known(
    text: str, iso: str, precision: Precision
) -> None:
    when = relative(text)
    assert when.precision is precision
    assert format_iso(when) == iso


def test_month_offset_from_a_month_precision_anchor() -> None:
    when = relative("a month later", parse_date("2018-07"), "july")
    assert (format_iso(when), when.precision) == ("2018-08", Precision.MONTH)


@pytest.mark.parametrize(
    ("text", "qualifier", "order"),
    [
        ("before", Qualifier.BEFORE, (-1,)),
        ("after", Qualifier.AFTER, (1,)),
        ("shortly before", Qualifier.BEFORE, (-1,)),
    ],
)
def test_before_and_after_bounds(text: str, qualifier: Qualifier, order: tuple[int, ...]) -> None:
    when = relative(text)
    assert when.qualifier is qualifier
    # "before" lies past the day before the anchor's; "after" past the anchor's day.
    if qualifier is Qualifier.AFTER:
        assert when.key == (2018, 7, 19, 24, 0, 0)
    else:
        assert when.key == (2018, 7, 18, 24, 0, 0)
    assert when.order == order
    assert when.rule == qualifier.value
    assert format_long(when) == f"{qualifier.value} Thursday 19 July 2018"


def test_bounds_nest_their_order() -> None:
    offer = relative("before")
    pledge = relative("before", offer, "offer")
    employees = relative("before", pledge, "pledge")
    assert pledge.order == (-1, -1)
    assert employees.order == (-1, -1, -1)
    depth = 3

    def padded(when: When) -> tuple[int, ...]:
        return (*when.order, *(0,) * depth)[:depth]

    ordered = sorted([THURSDAY, offer, employees, pledge], key=padded)
    assert ordered == [employees, pledge, offer, THURSDAY]
    # After something only known to lie before Thursday: any date, not a bound.
    with pytest.raises(DateError, match="'after' cannot be counted from the anchor 'offer'"):
        relative("after", offer, "offer")


def test_bound_keeps_the_anchors_precision() -> None:
    when = relative("before", parse_date("2018-07"), "july")
    assert when.precision is Precision.MONTH
    assert format_long(when) == "before July 2018"


def test_relative_to_a_circa_anchor_is_circa() -> None:
    assert relative("Monday", parse_date("circa 2018-07-19")).qualifier is Qualifier.CIRCA


def test_relative_to_a_timed_anchor_is_a_day() -> None:
    when = relative("the day after", parse_date("2018-07-19T23:30"))
    assert (format_iso(when), when.precision) == ("2018-07-20", Precision.DAY)


@pytest.mark.parametrize("text", ["Monday", "3 days before", "the day after"])
def test_weekday_or_day_offset_needs_a_day_precision_anchor(text: str) -> None:
    with pytest.raises(DateError) as info:
        relative(text, parse_date("2018-07"), "july")
    assert str(info.value) == (
        f"{text!r} needs the anchor 'july' to be known to the day, but it is July 2018"
    )


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("a year later", When(-500, precision=Precision.YEAR)),
        ("the day after", When(9999, 12, 31)),
        ("a year later", When(9999, 12, 31)),
        ("a year later", When(100000, precision=Precision.YEAR)),
    ],
)
def test_relative_dates_out_of_range_are_date_errors(text: str, anchor: When) -> None:
    # Bug fixed: these raised ValueError/OverflowError, a traceback in `timeline check`.
    with pytest.raises(DateError) as info:
        relative(text, anchor, "far")
    assert str(info.value) == (
        f"{text!r} cannot be counted from the anchor 'far' ({format_long(anchor)}): "
        "relative dates work between the years 1 and 9999; give this event an absolute date"
    )


@pytest.mark.parametrize(
    "text", ["2018-07-19", "July 2018", "yesterday", "Mondays", "3 fortnights ago", ""]
)
def test_not_relative(text: str) -> None:
    assert parse_relative(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [("a fortnight later", (2018, 8, 2)), ("two fortnights before", (2018, 6, 21))],
)
def test_a_fortnight_is_two_weeks(text: str, day: tuple[int, int, int]) -> None:
    # Bug fixed: "a fortnight later" was "cannot read ... as a date" with every form
    # listed, though it is as exact as "2 weeks later" (found trying relative dates).
    found = parse_relative(text)
    assert found is not None
    assert relative(text, When(2018, 7, 19), "a")[:3] == day


@pytest.mark.parametrize(
    ("text", "amount", "direction"),
    [
        ("3 days prior", -3, -1),
        ("afterwards", 0, 1),
        ("soon after", 0, 1),
        ("shortly afterwards", 0, 1),
        ("later", 0, 1),
        ("earlier", 0, -1),
        ("beforehand", 0, -1),
    ],
)
def test_prior_and_the_words_of_order_are_relative(text: str, amount: int, direction: int) -> None:
    # Bug fixed: each was "cannot read ... as a date" with the list of every form, where
    # "shortly after" was a bound and "3 days before" an offset (found trying relative
    # dates as journalists write them).
    found = parse_relative(text)
    assert found is not None
    assert (found.amount, found.direction, found.bound) == (amount, direction, amount == 0)


def test_relative_form_details() -> None:
    plain = parse_relative("Monday")
    assert plain is not None
    assert (plain.weekday, plain.direction, plain.inclusive) == (0, -1, True)
    nxt = parse_relative("next  Monday")  # runs of spaces are folded
    assert nxt is not None
    assert (nxt.weekday, nxt.direction, nxt.inclusive) == (0, 1, False)
    bound = parse_relative("after")
    assert bound is not None
    assert (bound.bound, bound.direction) == (True, 1)


# ---------------------------------------------------------------- formatting


def test_format_short() -> None:
    assert format_short(parse_date("2018-07-16")) == "Mon 16"
    assert format_short(parse_date("2018-07-08")) == "Sun  8"
    assert format_short(parse_date("2018-07-19T14:05:30")) == "Thu 19 14:05"
    assert format_short(parse_date(-500)) == "500 BCE"
    assert format_short(When(-44, 3, 15)) == "15 Mar"


def test_format_medium_and_long_with_seconds() -> None:
    when = parse_date("2018-07-19T14:05:30")
    assert format_medium(when) == "19 Jul 2018 14:05:30"
    assert format_long(when) == "Thursday 19 July 2018, 14:05:30"


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2018-07-16", "2018-07-19", "16–19 Jul 2018"),
        ("2018-07-16", "2018-08-02", "16 Jul 2018 – 2 Aug 2018"),
        ("2018-07", "2018-08", "Jul 2018 – Aug 2018"),
        ("circa 2018-07-16", "2018-07-19", "circa 16 Jul 2018 – 19 Jul 2018"),
        ("2018-07-16T10:00", "2018-07-16T12:00", "16 Jul 2018 10:00 – 16 Jul 2018 12:00"),
    ],
)
def test_format_range(start: str, end: str, shown: str) -> None:
    assert format_range(parse_date(start), parse_date(end)) == shown


def test_format_range_without_end_is_the_start() -> None:
    assert format_range(parse_date("2018-07-16"), None) == "16 Jul 2018"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2018", "2018"),
        ("2018-07", "2018-07"),
        ("2018-07-19", "2018-07-19"),
        ("2018-07-19T14", "2018-07-19T14"),
        ("2018-07-19T14:05", "2018-07-19T14:05"),
        ("2018-07-19T14:05:30", "2018-07-19T14:05:30"),
        ("2018-07-19T14:05Z", "2018-07-19T14:05+00:00"),
        ("2018-07-19T14:05-05:30", "2018-07-19T14:05-05:30"),
        ("44", "0044"),
    ],
)
def test_format_iso(value: str, iso: str) -> None:
    assert format_iso(parse_date(value)) == iso


@pytest.mark.parametrize(
    ("earlier", "later", "gap"),
    [
        ("2018-07-08", "2018-07-08", ""),
        ("2018-07-08", "2018-07-09", "next day"),
        ("2018-07-08", "2018-07-11", "3 days later"),
        ("2018-07-08", "2018-07-21", "13 days later"),
        ("2018-07-01", "2018-07-15", "2 weeks later"),
        ("2018-07-01", "2018-08-30", "8 weeks later"),
        ("2018-07-01", "2018-09-01", "2 months later"),
        ("2018-01-01", "2020-01-01", "2 years later"),
        ("2018-07", "2018-08", "1 month later"),
        ("2018-07", "2019-06", "11 months later"),
        ("2018-07", "2020-07", "2 years later"),
        ("2018", "2019", "1 year later"),
        ("2018", "2018-07-19", ""),
        ("2018-07-19", "2018-07-08", ""),
        ("before 2018-07-08", "2018-07-19", ""),
        ("2018-07-08", "after 2018-07-19", ""),
        ("circa 2018-07-08", "2018-07-11", "3 days later"),
        ("-500", "-400", "100 years later"),
    ],
)
def test_format_gap(earlier: str, later: str, gap: str) -> None:
    assert format_gap(parse_date(earlier), parse_date(later)) == gap


def test_format_gap_across_bce_days_is_empty() -> None:
    assert format_gap(When(-44, 3, 15), When(-44, 3, 20)) == ""


# ---------------------------------------------------------------- queries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("july 16", When(2018, 7, 16)),
        ("July 16", When(2018, 7, 16)),
        ("16 jul", When(2018, 7, 16)),
        ("july", When(2018, 7, precision=Precision.MONTH)),
        ("2018-07", When(2018, 7, precision=Precision.MONTH)),
        ("2017", When(2017, precision=Precision.YEAR)),
        ("16 July 2017", When(2017, 7, 16)),
        ("2018-07-19", When(2018, 7, 19)),
    ],
)
def test_parse_query_takes_the_default_year(text: str, expected: When) -> None:
    assert parse_query(text, 2018) == expected


def test_parse_query_dayfirst() -> None:
    assert parse_query("5/7", 2018, dayfirst=True) == When(2018, 7, 5)
    # Bug fixed: "5/7" was 7 May with nothing said; a typed date has no note to say it.
    with pytest.raises(DateError, match="'5/7' could be 7 May or 5 July; write the month"):
        parse_query("5/7", 2018)


@pytest.mark.parametrize("default_year", [-500, 0, 20000])
def test_parse_query_with_any_default_year(default_year: int) -> None:
    when = parse_query("july 16", default_year)
    assert (when.month, when.day) == (7, 16)


@pytest.mark.parametrize("text", ["", "nonsense words"])
def test_parse_query_errors(text: str) -> None:
    with pytest.raises(DateError, match='try "july 16", "2018-07" or "16 July 2018"'):
        parse_query(text, 2018)


_WHENS = st.builds(
    When,
    year=st.integers(-3000, 3000),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    precision=st.sampled_from(list(Precision)),
    qualifier=st.sampled_from(list(Qualifier)),
)


@given(_WHENS, _WHENS)
def test_has_gap_agrees_with_format_gap(earlier: When, later: When) -> None:

    assert has_gap(earlier, later) == bool(format_gap(earlier, later))


@pytest.mark.parametrize(
    ("zone", "value"),
    [
        ("Asia/Tokyo", "9999-12-31T23:00:00-05:00"),
        ("America/Chicago", "0001-01-01T00:00:00+05:00"),
        ("Asia/Tokyo", '"9999-12-31T23:00-05:00"'),
    ],
)
def test_offset_date_time_beyond_the_calendar_in_the_zone_is_a_located_problem(
    zone: str, value: str
) -> None:
    from timeline.read.toml import load_text

    result = load_text(
        f'[timeline]\ntimezone = "{zone}"\n[[events]]\nid = "a"\ntitle = "A"\ndate = {value}\n'
    )
    errors = [p for p in result.problems if p.severity == "error"]
    assert len(errors) == 1
    assert "outside the years 1 to 9999" in errors[0].message
    assert errors[0].line == 6


@pytest.mark.parametrize("year", [10000, 12345678901234567890123, -(10**6)])
@pytest.mark.parametrize("precision", [Precision.DAY, Precision.MINUTE])
@pytest.mark.parametrize("tz", [None, CHICAGO, timezone(timedelta(hours=-5))])
def test_formatting_a_day_outside_the_years_1_to_9999_does_not_raise(
    year: int, precision: Precision, tz: timezone | ZoneInfo | None
) -> None:
    when = When(
        year, 2, 3, 14, 5, precision=precision, tz=tz if precision >= Precision.HOUR else None
    )
    other = When(year, 2, 10, precision=Precision.DAY)
    assert weekday_of(when) == ""
    shown = str(abs(year))
    for text in (format_long(when), format_medium(when), format_range(when, other)):
        assert shown in text
    assert "Feb" in format_short(when)
    assert format_iso(when).endswith(("-02-03", "T14:05"))
    assert format_gap(when, other) == ""
    assert not has_gap(when, other)


@pytest.mark.parametrize(
    ("year", "text"), [(2018, "2018"), (0, "0"), (-1, "1 BCE"), (-500, "500 BCE"), (10000, "10000")]
)
def test_format_year(year: int, text: str) -> None:
    from timeline.dates import format_year

    assert format_year(year) == text


@given(st.integers(-(10**12), 10**12), st.integers(1, 12))
def test_days_in_month_follows_the_proleptic_gregorian_calendar(year: int, month: int) -> None:
    import calendar

    from timeline.dates import days_in_month
    from timeline.dates.calendar import astronomical

    # The calendar repeats every 400 years; year 2000 + year % 400 is one `calendar` knows,
    # counted astronomically (1 BCE is the year 0).
    known = 2000 + astronomical(year) % 400
    assert days_in_month(year, month) == calendar.monthrange(known, month)[1]


def test_bce_days_follow_the_leap_years_counted_astronomically() -> None:
    # Bug fixed: the leap-year rule was applied to the year as written, so 29 February
    # 1 BCE (the astronomical year 0, a leap year) was refused and 4 BCE's accepted.
    assert parse_date("-1-02-29").day == 29  # 1 BCE: the year 0
    assert parse_date("-5-02-29").day == 29  # 5 BCE: the year -4
    assert parse_date("-401-02-29").day == 29  # 401 BCE: the year -400
    for year in ("-4", "-101"):  # -3, and -100 (a century, not a fourth one)
        with pytest.raises(DateError, match="days 1 to 28"):
            parse_date(f"{year}-02-29")


def test_a_time_known_to_the_hour_is_never_written_as_one_known_to_the_minute() -> None:
    # "2018-07-19T14" printed, listed and published as "14:00", as if the source had
    # given the minute.
    from zoneinfo import ZoneInfo

    from timeline.dates import format_medium, format_short

    hour = When(2018, 7, 19, 14, precision=Precision.HOUR, tz=ZoneInfo("America/Chicago"))
    assert format_medium(hour) == "19 Jul 2018 14h CDT"
    assert format_short(hour) == "Thu 19 14h"
    minute = hour._replace(precision=Precision.MINUTE)
    assert format_medium(minute) == "19 Jul 2018 14:00 CDT"
    assert format_short(minute) == "Thu 19 14:00"
