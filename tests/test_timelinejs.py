"""TimelineJS JSON: reading the public format, writing what TimelineJS3 accepts, round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.interchange import SLIDE_KEYS, escape
from timeline.model import Event, Precision, Quote, Source, Timeline, When
from timeline.read import html, load_any
from timeline.write import json as json_format
from timeline.write import timelinejs

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "timelinejs.json"
EVENTS = ROOT / "events.toml"


def _loaded(path: Path) -> Timeline:
    result = load_any(path)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def _model(timeline: Timeline) -> dict[str, Any]:
    data = json_format.timeline_to_dict(timeline)
    for event in data["events"]:
        del event["file"]
    return data


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------- reading


def test_sample_opens_with_title_eras_and_groups() -> None:
    timeline = _loaded(FIXTURE)
    assert timeline.title == "A Short History of Walls"
    assert timeline.summary.startswith("Built, breached & rebuilt")
    assert timeline.media is not None and timeline.media.credit == "Wikimedia Commons"
    assert [era.title for era in timeline.eras] == ["Imperial China", "The Berlin Wall stands"]
    assert timeline.eras[0].start.year == -700
    assert timeline.eras[1].start.precision is Precision.MONTH
    assert {e.group for e in timeline.events} == {"China", "Berlin"}


def test_precision_and_bce_years_are_kept() -> None:
    timeline = _loaded(FIXTURE)
    chu = timeline.get("chu-walls")
    assert chu is not None
    assert (chu.when.year, chu.when.precision) == (-700, Precision.YEAR)
    kennedy = timeline.get("kennedy-in-berlin")
    assert kennedy is not None
    assert (kennedy.when.year, kennedy.when.month, kennedy.when.precision) == (
        1963,
        6,
        Precision.MONTH,
    )
    berlin = timeline.get("berlin-divided")
    assert berlin is not None
    assert (berlin.when.hour, berlin.when.minute, berlin.when.precision) == (
        1,
        30,
        Precision.MINUTE,
    )
    # BCE sorts before CE.
    assert [e.when.year for e in timeline.events] == sorted(e.when.year for e in timeline.events)


def test_html_becomes_plain_text_and_blockquotes_become_quotes() -> None:
    timeline = _loaded(FIXTURE)
    chu = timeline.get("chu-walls")
    assert chu is not None
    assert chu.context == "Earliest walls, built of rammed earth.\nDates are approximate."
    assert "alert" not in chu.context
    qin = timeline.get("qin-shi-huang-joins-the-walls")
    assert qin is not None
    assert qin.quotes == (
        Quote("Until you reach the Great Wall, you are not a true man.", "Mao Zedong"),
    )
    assert qin.media is not None and qin.media.caption == "Qin & the wall"
    kennedy = timeline.get("kennedy-in-berlin")
    assert kennedy is not None
    assert kennedy.quotes == (Quote("Ich bin ein Berliner.", "John F. Kennedy"),)
    assert kennedy.media is None
    berlin = timeline.get("berlin-divided")
    assert berlin is not None
    assert "the archive (https://example.org/berlin)" in berlin.context
    assert berlin.background == "#223344"


def test_numbers_may_be_strings(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "s.json",
        '{"events": [{"start_date": {"year": "2018", "month": "07", "day": ""},'
        ' "text": {"headline": "x"}}]}',
    )
    event = _loaded(path).events[0]
    assert (event.when.year, event.when.month, event.when.precision) == (2018, 7, Precision.MONTH)


def test_syntax_error_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.json", '{"events": [\n  {"start_date": {"year": 2018}\n]}')
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert problem.line == 3
    assert "JSON syntax" in problem.message


def test_an_integer_too_long_to_read_is_a_located_problem(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "long.json", '{"events": [{"start_date": {"year": ' + "9" * 5000 + "}}]}"
    )
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert problem.file.endswith("long.json")
    assert "JSON value cannot be read" in problem.message
    assert "4300" in problem.message


@pytest.mark.parametrize(
    ("slide", "expected"),
    [
        (
            {"start_date": {"year": 2018, "month": 13}},
            "'start_date.month' must be a whole number from 1 to 12",
        ),
        ({"start_date": {"month": 3}}, "'start_date.year' is missing"),
        (
            {"start_date": {"year": 2018, "day": 3}},
            "'start_date.day' is given without 'start_date.month'",
        ),
        ({"start_date": {"year": 2018, "month": 2, "day": 30}}, "month 2 of 2018 has days 1 to 28"),
        ({"text": {"headline": "no date"}}, "'start_date' is missing"),
        ({"start_date": {"year": "twenty"}}, "found 'twenty'"),
        (
            {"start_date": {"year": -(10**20), "month": 1, "day": 1}},
            "years run from -100,000,000,000 to 100,000,000,000",
        ),
        ({"start_date": {"year": 2019}, "end_date": {"year": 2018}}, "the end must be on or after"),
    ],
)
def test_bad_slides_are_reported_with_event_and_field(
    tmp_path: Path, slide: dict[str, Any], expected: str
) -> None:
    slide = {"unique_id": "s1", "text": {"headline": "h"}} | slide
    path = _write(tmp_path, "bad.json", json.dumps({"events": [slide]}))
    result = load_any(path)
    assert result.timeline is None
    messages = [p.message for p in result.errors]
    assert any(expected in m for m in messages), messages
    assert all(p.event == "s1" for p in result.errors)
    assert all(p.file == str(path) for p in result.errors)


def test_bad_input_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for text in ("[]", '{"events": 3}', '{"events": [1, {"start_date": []}]}', "{" * 5000):
        path = _write(tmp_path, "bad.json", text)
        assert main(["check", str(path)]) == 1
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err
        assert "bad.json" in out.out


# ---------------------------------------------------------------------- writing


def test_export_is_timelinejs_shaped() -> None:
    data = timelinejs.to_dict(_loaded(EVENTS))
    assert data["title"]["text"]["headline"] == "RAICES declines Salesforce&#32;s $250,000".replace(
        "&#32;", "'"
    )
    by_id = {slide["unique_id"]: slide for slide in data["events"]}
    letter = by_id["raices-letter"]
    assert letter["start_date"] == {"year": 2018, "month": 7, "day": 16}
    assert "<blockquote><p>After careful consideration" in letter["text"]["text"]
    assert "<cite>RAICES</cite>" in letter["text"]["text"]
    assert letter["group"] == "RAICES"
    assert by_id["salesforce-refuses"]["display_date"] == "after 16 Jul 2018"
    assert by_id["salesforce-offer"]["display_date"] == "before 16 Jul 2018"
    assert "display_date" not in by_id["benioff-tweet"]
    # Every slide key is one TimelineJS knows.
    for slide in data["events"]:
        assert set(slide) <= set(SLIDE_KEYS)


def test_precision_is_kept_by_omitting_finer_fields() -> None:
    assert timelinejs.date_object(When(2018, 7, precision=Precision.MONTH)) == {
        "year": 2018,
        "month": 7,
    }
    assert timelinejs.date_object(When(-500, precision=Precision.YEAR)) == {"year": -500}


def test_events_toml_round_trips_exactly_through_timelinejs(tmp_path: Path) -> None:
    original = _loaded(EVENTS)
    path = _write(tmp_path, "e.json", timelinejs.dumps(original))
    assert _model(_loaded(path)) == _model(original)


def test_cli_round_trip_through_timelinejs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "e.json"
    assert main(["export", str(EVENTS), "--to", "timelinejs", "-o", str(out)]) == 0
    assert main(["export", str(EVENTS), "--to", "json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["export", str(out), "--to", "json"]) == 0
    after = json.loads(capsys.readouterr().out)
    for data in (before, after):
        for event in data["events"]:
            del event["file"]
    assert after == before


def test_timelinejs_to_toml_to_timelinejs_keeps_everything(tmp_path: Path) -> None:
    from timeline.write import toml

    first = _loaded(FIXTURE)
    path = _write(tmp_path, "walls.toml", toml.dumps(first))
    again = _write(tmp_path, "walls.json", timelinejs.dumps(_loaded(path)))
    second = _loaded(again)
    assert _model(second) == _model(first)
    assert second.eras == first.eras
    assert second.media == first.media


def test_edited_date_wins_over_hidden_data(tmp_path: Path) -> None:
    data = timelinejs.to_dict(_loaded(EVENTS))
    for slide in data["events"]:
        if slide["unique_id"] == "salesforce-refuses":
            slide["start_date"] = {"year": 2018, "month": 7, "day": 18}
    path = _write(tmp_path, "edited.json", json.dumps(data))
    result = load_any(path)
    assert result.timeline is not None
    event = result.timeline.get("salesforce-refuses")
    assert event is not None
    assert (event.when.day, event.when.anchor) == (18, None)
    assert any("date was changed" in p.message for p in result.warnings)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "https://example.org/a b",
        "example.org/no-scheme",
    ],
)
@pytest.mark.parametrize("label", ["", "The Label"])
def test_a_url_that_is_not_http_is_never_a_link_but_survives_a_round_trip(
    tmp_path: Path, url: str, label: str
) -> None:
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        sources=(Source(label=label, url=url),),
    )
    timeline = Timeline(title="T", events=(event,), source=Source(label=label, url=url))
    data = timelinejs.to_dict(timeline)
    for slide in (data["title"], data["events"][0]):
        shown = slide["text"]["text"]
        assert "<a " not in shown and "href" not in shown
        assert escape(url) in shown  # shown as text, so nothing is hidden
    back = _loaded(_write(tmp_path, "t.json", json.dumps(data)))
    assert back.events[0].source == Source(label, url)
    assert back.source == Source(label, url)


def test_an_edited_source_paragraph_wins_over_the_hidden_url(tmp_path: Path) -> None:
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        sources=(Source(label="Label", url="javascript:x"),),
    )
    data = timelinejs.to_dict(Timeline(title="T", events=(event,)))
    slide = data["events"][0]
    slide["text"]["text"] = slide["text"]["text"].replace("Label (javascript:x)", "New label")
    back = _loaded(_write(tmp_path, "t.json", json.dumps(data)))
    assert back.events[0].source == Source("New label", "")


def test_a_link_labelled_with_its_own_url_survives(tmp_path: Path) -> None:
    # Found by the property test below: <a href="http://">http://</a> reads back as a
    # bare URL with no label, so such a source travels in the hidden data.
    event = Event(
        id="e", when=When(2018, 7, 19), title="T", sources=(Source("http://", "http://"),)
    )
    path = tmp_path / "t.json"
    path.write_text(timelinejs.dumps(Timeline(title="T", events=(event,))), encoding="utf-8")
    assert _loaded(path).events[0].source == Source("http://", "http://")


@settings(max_examples=100, deadline=None)
@given(label=st.text(), url=st.text(min_size=1))
def test_any_source_survives_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory, label: str, url: str
) -> None:
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        sources=(Source(label=label, url=url),),
    )
    text = timelinejs.event_slide(event, None)["text"]["text"]
    if not url.lower().startswith(("http://", "https://")):
        assert "href" not in text
    path = tmp_path_factory.mktemp("rt") / "t.json"
    path.write_text(timelinejs.dumps(Timeline(title="T", events=(event,))), encoding="utf-8")
    assert _loaded(path).events[0].source == Source(label, url)


# ---------------------------------------------------------------------- properties

_TEXT = st.text(min_size=1)


@settings(max_examples=150, deadline=None)
@given(
    title=_TEXT.filter(str.strip),
    context=st.text(),
    quote=_TEXT,
    speaker=st.text(),
    label=st.text(),
)
def test_any_text_survives_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    context: str,
    quote: str,
    speaker: str,
    label: str,
) -> None:
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title=title,
        context=context,
        speaker=speaker,
        quotes=(Quote(quote),),
        sources=(Source(label=label, url="https://example.org/?a=1&b=<2>"),),
        group=title,
    )
    timeline = Timeline(title=title, events=(event,), summary=context)
    path = tmp_path_factory.mktemp("rt") / "t.json"
    path.write_text(timelinejs.dumps(timeline), encoding="utf-8")
    back = _loaded(path)
    got = back.events[0]
    assert (got.title, got.context, got.speaker, got.group) == (title, context, speaker, title)
    assert got.quotes == (Quote(quote),)
    assert got.source == Source(label, "https://example.org/?a=1&b=<2>")
    assert (back.title, back.summary) == (title, context)


@given(st.text(st.characters(codec="utf-8", exclude_characters="<>&\n\t\r\f ")))
def test_text_without_markup_characters_reads_as_itself(text: str) -> None:
    assert html.parse(text).text == text


def test_html_conversion_rules() -> None:
    markup = (
        "<p>One&nbsp;&amp; two</p><p>Line<br>break <a href='https://x.org'>link</a> "
        "<a href='https://y.org'>https://y.org</a></p><style>p{}</style><script>bad()</script>"
        "<div>AT&T <b>bold</b></div>"
    )
    assert html.to_text(markup) == (
        "One\u00a0& two\n\nLine\nbreak link (https://x.org) https://y.org\n\nAT&T bold"
    )
