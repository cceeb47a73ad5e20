"""TimelineJS JSON: reading the public format, writing what TimelineJS3 accepts, round trips."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.dates import format_iso
from timeline.interchange import SLIDE_KEYS, escape
from timeline.model import Event, Media, Precision, Quote, Source, Timeline, When
from timeline.problems import shown
from timeline.read import html, load_any
from timeline.read import timelinejs as read_timelinejs
from timeline.read.toml import load_text
from timeline.write import json as json_format
from timeline.write import timelinejs, toml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "timelinejs.json"
EVENTS = ROOT / "events.toml"
PROVENANCE = ROOT / "tests" / "fixtures" / "provenance.toml"


def _loaded(path: Path) -> Timeline:
    result = load_any(path)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def _model(timeline: Timeline, *, private: bool = False) -> dict[str, Any]:
    data = json_format.timeline_to_dict(timeline, private=private)
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
        (
            {"start_date": {"year": 0}},
            "'start_date.year' is the year 0, which the calendar does not have: 1 BCE (-1) is "
            "followed by 1 CE (1)",
        ),
        ({"start_date": {"year": -1}, "end_date": {"year": "0"}}, "'end_date.year' is the year 0"),
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


def test_a_slides_problem_gives_the_line_the_slide_starts_on(tmp_path: Path) -> None:
    # Bug fixed: problems in a JSON file named no line, even pretty-printed, so a slide
    # had to be found by counting ("event slide 2").
    good = {"start_date": {"year": 2018}, "text": {"headline": "a"}}
    data = {
        "events": [good, {"start_date": {"year": 2018, "month": 13}}, 7, good],
        "eras": [{"start_date": {"year": "x"}, "end_date": {"year": 2019}}],
    }
    text = json.dumps(data, indent=2)
    path = _write(tmp_path, "pretty.json", text)
    # Each item of the two arrays starts on a line of its own, four spaces in.
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line in ("    {", "    7,")]
    assert len(starts) == 5  # four events, one era
    placed = {(p.line, p.message.split(":")[0]) for p in load_any(path).problems}
    assert placed == {
        (starts[1], "event slide 2"),
        (starts[2], "slide 3 must be an object, found 7"),
        (starts[4], "era (era 1)"),
    }
    shown = [str(p) for p in load_any(path).problems]
    assert any(f"pretty.json:{starts[1]}:1: error: event slide 2: " in m for m in shown), shown


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


@pytest.mark.parametrize("path", [EVENTS, PROVENANCE], ids=["events", "provenance"])
def test_events_toml_round_trips_exactly_through_timelinejs(tmp_path: Path, path: Path) -> None:
    original = _loaded(path)
    exported = _write(tmp_path, "e.json", timelinejs.dumps(original, private=True))
    back = _loaded(exported)
    assert _model(back, private=True) == _model(original, private=True)
    # Every field, dates as written and resolved included: not only what JSON shows.
    assert [e._replace(file="", line=0) for e in back.events] == [
        e._replace(file="", line=0) for e in original.events
    ]


@pytest.mark.parametrize("path", [EVENTS, PROVENANCE], ids=["events", "provenance"])
def test_cli_round_trip_through_timelinejs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    out = tmp_path / "e.json"
    assert main(["export", str(path), "--to", "timelinejs", "--private", "-o", str(out)]) == 0
    assert main(["export", str(path), "--to", "json", "--private"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert main(["export", str(out), "--to", "json", "--private"]) == 0
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


def test_a_display_date_naming_another_date_is_said_at_its_slide(tmp_path: Path) -> None:
    # Bug fixed: the slide's display_date is shown in place of its date, and one naming
    # another day was read without a word (the TOML reader warns about it).
    slides = [
        {"start_date": {"year": 2019, "month": 7, "day": 4}, "display_date": shown}
        | {"text": {"headline": "E"}, "unique_id": ident}
        for ident, shown in (("agrees", "4 July 2019"), ("disagrees", "July 5, 2019"))
    ]
    text = json.dumps({"events": slides}, indent=1)
    result = load_any(_write(tmp_path, "dd.json", text))
    assert result.timeline is not None
    (problem,) = result.warnings
    assert problem.message.startswith(
        "event 'disagrees' (slide 2): display_date 'July 5, 2019' names another date than "
        "the event's (4 Jul 2019)"
    )
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    assert (problem.line, problem.field, problem.event) == (starts[1], "display_date", "disagrees")


def test_a_display_date_stating_another_range_is_said_at_its_slide(tmp_path: Path) -> None:
    # Bug fixed: a range ("1815 – 1853" over 1815 to 1852) was shown, and imported,
    # without a word; so were the start's and end's own display dates, joined.
    span: dict[str, Any] = {"start_date": {"year": 1815}, "end_date": {"year": 1852}}
    span["text"] = {"headline": "E"}
    slides = [
        span | {"display_date": "1815 – 1853", "unique_id": "range"},
        span | {"display_date": "1815 – 1852", "unique_id": "right"},
        span
        | {
            "start_date": {"year": 1815, "display_date": "1815"},
            "end_date": {"year": 1852, "display_date": "1853"},
            "unique_id": "ends",
        },
    ]
    result = load_any(_write(tmp_path, "dd.json", json.dumps({"events": slides}, indent=1)))
    assert result.timeline is not None
    said = "its end names another date than the event's end_date (1852)"
    advice = (
        "; it is shown in place of the dates everywhere; correct the one that is wrong: "
        'end_date = "1853" if the display date is right, or show the dates, such as '
        "'1815 – 1852'"
    )
    assert [(p.event, p.field, p.message) for p in result.warnings] == [
        (
            "range",
            "display_date",
            f"event 'range' (slide 1): display_date '1815 – 1853': {said}{advice}",
        ),
        (
            "ends",
            "display_date",
            f"event 'ends' (slide 3): display_date '1815 – 1853': {said}{advice}",
        ),
    ]


def test_an_end_and_a_quote_counted_from_a_moved_start_keep_the_dates_shown(
    tmp_path: Path,
) -> None:
    # Bug fixed: with the slide's start moved, its end ("3 days after") and its quote's
    # date ("2 days after") showed the dates they gave when exported, and import wrote
    # them back relative, counting them again from the new start: other dates, unsaid.
    text = (
        '[timeline]\ntitle = "T"\n\n[[events]]\nid = "trip"\ndate = 2019-03-04\n'
        'end_date = "3 days after"\ntitle = "Trip"\n\n[[events.quotes]]\ntext = "Hi"\n'
        'date = "2 days after"\n'
    )
    original = load_text(text, "t.toml").timeline
    assert original is not None
    data = timelinejs.to_dict(original)
    data["events"][0]["start_date"]["day"] = 1
    result = load_any(_write(tmp_path, "moved.json", json.dumps(data)))
    assert result.timeline is not None
    (trip,) = result.timeline.events
    assert trip.end is not None and trip.quotes[0].date is not None
    assert (format_iso(trip.when), format_iso(trip.end), trip.end.anchor) == (
        "2019-03-01",
        "2019-03-07",
        None,
    )
    assert (format_iso(trip.quotes[0].date), trip.quotes[0].date.anchor) == ("2019-03-06", None)
    said = {p.field: p.message for p in result.warnings}
    assert said["end_date"].startswith(
        "event 'trip' (slide 1): its end date, '3 days after' counted from its own date, was "
        "7 Mar 2019 when the file was exported, but its date is now 1 Mar 2019, from which "
        "it counts to 4 Mar 2019."
    )
    assert said["text.text"].startswith(
        "event 'trip' (slide 1): quote 1's date, '2 days after' counted from its event's "
        "date, was 6 Mar 2019 when the file was exported"
    )
    imported = toml.dumps(result.timeline)
    assert "end_date = 2019-03-07\n" in imported and "date = 2019-03-06\n" in imported


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


@pytest.mark.parametrize(
    "media",
    [
        Media(url=" "),
        Media(url="\t", caption=" ", credit="AP", alt="a crowd"),
        Media(caption="  "),
        Media(url=" ", caption="Protesters"),
    ],
)
def test_a_blank_media_url_is_not_embedded_nor_named_and_survives(
    tmp_path: Path, media: Media
) -> None:
    # Bug fixed: `media = { url = " " }` gave the slide `"media": {"url": " "}`, which
    # TimelineJS embeds as an image of nothing (its type "imageblank": a broken
    # picture), and a blank caption a paragraph "Media: " naming nothing. The URL is
    # kept in the hidden data, as one no export makes media is.
    event = Event(id="e", when=When(2018, 7, 19, written="2018-07-19"), title="T", media=media)
    timeline = Timeline(title="T", events=(event,), media=media)
    data = timelinejs.to_dict(timeline)
    for slide in (data["title"], data["events"][0]):
        assert slide["media"]["url"] == ""
        paragraphs = re.findall(r'<p class="timeline-media">.*?</p>', slide["text"]["text"])
        named = media.caption.strip()
        assert paragraphs == (['<p class="timeline-media">Media: Protesters</p>'] if named else [])
    back = _loaded(_write(tmp_path, "t.json", json.dumps(data)))
    assert back.events[0].media == media
    assert back.media == media


@pytest.mark.parametrize(
    ("media", "said"),
    [
        (Media(url="javascript:x", caption="  ", alt="a crowd"), "Media: a crowd"),
        (Media(url="javascript:x", caption=" ", credit="AP"), "Media: javascript:x (AP)"),
    ],
)
def test_a_media_the_slide_cannot_embed_is_named_as_every_output_names_it(
    tmp_path: Path, media: Media, said: str
) -> None:
    # Bug fixed: its paragraph named it by a caption of spaces ("Media:   "), where the
    # page, Markdown and the printout name it by its alt text, else its address.
    event = Event(id="e", when=When(2018, 7, 19, written="2018-07-19"), title="T", media=media)
    data = timelinejs.to_dict(Timeline(title="T", events=(event,)))
    text = data["events"][0]["text"]["text"]
    paragraphs = re.findall(r'<p class="timeline-media">(.*?)</p>', text)
    assert paragraphs == [said]
    assert _loaded(_write(tmp_path, "t.json", json.dumps(data))).events[0].media == media


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


#: A text that names something (a label, a URL, a speaker: `Field.nonblank`) as a
#: timeline file may hold it: words, or "" for none. (A blank one is left out on the
#: way back, with a warning: tests/test_blank_texts.py.)
_LABEL = st.one_of(st.just(""), st.text().filter(str.strip))


@settings(max_examples=100, deadline=None)
@given(label=_LABEL, url=st.text().filter(str.strip))
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
    quote=_TEXT.filter(str.strip),
    speaker=_LABEL,
    label=_LABEL,
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


# ---------------------------------------------------------------------- provenance


def _slide(timeline: Timeline, ident: str) -> dict[str, Any]:
    data = timelinejs.to_dict(timeline)
    return next(slide for slide in data["events"] if slide["unique_id"] == ident)


def _hidden(text: str) -> dict[str, Any]:
    comment = text[text.index("<!--timeline:") + len("<!--timeline:") : text.rindex("-->")]
    loaded = json.loads(comment)
    assert isinstance(loaded, dict)
    return loaded


def test_every_source_is_a_paragraph_and_what_they_cannot_show_is_hidden() -> None:
    text = _slide(_loaded(PROVENANCE), "raices-tweet")["text"]["text"]
    assert (
        '<p class="timeline-source">Source: <a href="https://twitter.com/RAICESTEXAS/status/'
        '1020013329146019840">RAICES on Twitter, 19 July 2018</a> (primary; accessed 20 Jul 2018; '
        'archived copy: sources/raices-tweet.html)</p><p class="timeline-source">Source: The '
        "article (secondary; archived copy: sources/article.txt)</p>"
    ) in text
    hidden = _hidden(text)["sources"]
    assert hidden[0]["archive"] == "sources/raices-tweet.html"
    assert hidden[0]["accessed"] == {"year": 2018, "month": 7, "day": 20}
    assert (hidden[0]["kind"], hidden[1]["kind"]) == ("primary", "secondary")


ARCHIVED_ONLY = """\
[timeline]
title = "T"
source = { archive = "sources/t.txt" }

[[events]]
id = "a"
date = 2018-07-08
title = "A"
source = { archive = "sources/b.txt", kind = "primary", accessed = 2018-07-09 }

[[events.quotes]]
text = "They refused."
source = { archive = "sources/q.txt" }
"""


@pytest.mark.parametrize("to", ["timelinejs", "csv"])
def test_a_source_known_only_by_its_archive_is_shown_and_read_back(tmp_path: Path, to: str) -> None:
    # Bug fixed: each was published as "Source: " and nothing after it (the quote's
    # not at all), where every other export shows "(archived copy: ...)".
    timeline = load_text(ARCHIVED_ONLY, "t.toml").timeline
    assert timeline is not None
    written = tmp_path / ("t.json" if to == "timelinejs" else "t.csv")
    (tmp_path / "t.toml").write_text(ARCHIVED_ONLY, encoding="utf-8")
    assert main(["export", str(tmp_path / "t.toml"), "--to", to, "-o", str(written)]) == 0
    # The slides' text as written, its quotes unescaped (JSON's \", CSV's "").
    text = written.read_text(encoding="utf-8").replace('\\"', '"').replace('""', '"')
    assert "Source: </p>" not in text
    assert '"timeline-source">Source: (archived copy: sources/t.txt)</p>' in text
    assert (
        '"timeline-source">Source: (primary; accessed 9 Jul 2018; archived copy: sources/b.txt)'
        in text
    )
    assert '<cite><span class="timeline-quote-meta">(archived copy: sources/q.txt)</span>' in text
    back = load_any(written)
    assert back.problems == [] and back.timeline is not None
    assert _model(back.timeline) == _model(timeline)


CAPTIONED = """\
[timeline]
title = "T"
media = { caption = "The front page", credit = "AP" }

[[events]]
id = "photo"
date = 2018-07-11
title = "Protest in Bridgeport"
media = { caption = "Protesters rally <outside> the court", credit = "John Moore/Getty" }

[[events]]
id = "pictured"
date = 2018-07-12
title = "Pictured"
media = { url = "https://example.org/a.jpg", caption = "Shown by TimelineJS" }
"""


@pytest.mark.parametrize("to", ["timelinejs", "csv"])
def test_media_with_no_url_is_shown_on_the_slide_and_read_back_once(
    tmp_path: Path, to: str
) -> None:
    # Bug fixed: TimelineJS shows a slide's media, caption and credit only with a URL,
    # so a photo known by its caption (the article's, in events.toml) was published
    # as nothing. Its slide shows it as a paragraph, which is not read back as context.
    (tmp_path / "t.toml").write_text(CAPTIONED, encoding="utf-8")
    written = tmp_path / ("t.json" if to == "timelinejs" else "t.csv")
    assert main(["export", str(tmp_path / "t.toml"), "--to", to, "-o", str(written)]) == 0
    text = written.read_text(encoding="utf-8").replace('\\"', '"').replace('""', '"')
    assert '<p class="timeline-media">Media: The front page (AP)</p>' in text
    assert (
        '<p class="timeline-media">Media: Protesters rally &lt;outside&gt; the court '
        "(John Moore/Getty)</p>"
    ) in text
    assert text.count("timeline-media") == 2  # not for the media TimelineJS shows
    back = load_any(written)
    timeline = load_text(CAPTIONED, "t.toml").timeline
    assert back.problems == [] and back.timeline is not None and timeline is not None
    assert _model(back.timeline) == _model(timeline)


def test_an_export_from_before_sources_showed_their_facts_keeps_them(tmp_path: Path) -> None:
    # Its paragraphs and cites show labels and links alone: they still show their
    # hidden entries, whose archives, dates and kinds are kept.
    timeline = _loaded(PROVENANCE)
    data = timelinejs.to_dict(timeline)
    for slide in [data["title"], *data["events"]]:
        text = slide["text"]["text"]
        slide["text"]["text"] = re.sub(r" \((primary|secondary|accessed)[^)]*\)", "", text)
    assert "archived copy" not in json.dumps(data)
    back = _loaded(_write(tmp_path, "old.json", json.dumps(data)))
    assert _model(back) == _model(timeline)


def test_a_quote_cites_its_own_date_and_source_after_the_speaker() -> None:
    timeline = _loaded(PROVENANCE)
    offer = _slide(timeline, "salesforce-offer")["text"]["text"]
    assert (
        '<cite>RAICES<span class="timeline-quote-meta">, 19 Jul 2018, <a href="https://twitter.'
        'com/RAICESTEXAS/status/1020013329146019840">RAICES on Twitter, 19 July 2018</a> '
        "(accessed 20 Jul 2018 09:30 CDT). Note: Quoted by the article, not seen in the tweet "
        "itself.</span></cite>"
    ) in offer
    # A relative date is shown resolved; the hidden data keeps how it was written.
    letter = _slide(timeline, "raices-letter")["text"]["text"]
    assert "<cite>RAICES</cite>" in letter
    assert (
        '<cite>RAICES<span class="timeline-quote-meta">, 19 Jul 2018, RAICES on Twitter (urn:'
        in letter
    )
    date = _hidden(letter)["quotes"][1]["date"]
    assert (date["written"], date["relative_to"]) == ("3 days after", "raices-letter")


def test_the_status_is_public_and_research_notes_are_private() -> None:
    timeline = _loaded(PROVENANCE)
    public = timelinejs.dumps(timeline)
    assert '<p class=\\"timeline-status\\">Status: single source</p>' in public
    assert "Ask RAICES" not in public and "notes" not in public
    private = timelinejs.to_dict(timeline, private=True)
    letter = next(s for s in private["events"] if s["unique_id"] == "raices-letter")
    assert _hidden(letter["text"]["text"])["notes"] == "Ask RAICES for the letter itself."
    back = timelinejs.dumps(timeline, private=True)
    assert "Ask RAICES for the letter itself." in back


def test_without_private_the_notes_do_not_come_back(tmp_path: Path) -> None:
    back = _loaded(_write(tmp_path, "p.json", timelinejs.dumps(_loaded(PROVENANCE))))
    assert [e.notes for e in back.events] == ["", "", "", ""]
    assert [e.status for e in back.events] == [
        "confirmed",
        "single source",
        "single source",
        "confirmed",
    ]


def test_exports_before_several_sources_still_read_their_hidden_source(tmp_path: Path) -> None:
    text = (
        '<p class="timeline-source">Source: Label (javascript:x)</p>'
        '<!--timeline:{"id":"e","source":{"label":"Label","url":"javascript:x"}}-->'
    )
    slide = {"start_date": {"year": 2018}, "text": {"headline": "E", "text": text}}
    back = _loaded(_write(tmp_path, "old.json", json.dumps({"events": [slide]})))
    assert back.events[0].sources == (Source("Label", "javascript:x"),)


def _edited(tmp_path: Path, ident: str, old: str, new: str) -> tuple[Timeline, list[str]]:
    data = timelinejs.to_dict(_loaded(PROVENANCE))
    slide = next(s for s in data["events"] if s["unique_id"] == ident)
    assert old in slide["text"]["text"]
    slide["text"]["text"] = slide["text"]["text"].replace(old, new)
    result = load_any(_write(tmp_path, "edited.json", json.dumps(data)))
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline, [p.message for p in result.warnings]


def test_an_edited_source_keeps_the_edit_and_says_its_archive_was_dropped(tmp_path: Path) -> None:
    # What the paragraph shows of its kind and archive edited too: they are dropped.
    shown = "Source: The article (secondary; archived copy: sources/article.txt)"
    timeline, warnings = _edited(tmp_path, "raices-tweet", shown, "Source: A blog")
    event = timeline.get("raices-tweet")
    assert event is not None
    assert event.sources[1] == Source("A blog")
    assert event.sources[0].archive == "sources/raices-tweet.html"  # not edited: kept
    assert any("source 2 was changed since the file was exported" in w for w in warnings)
    # Its label alone edited: the paragraph still shows them, and they are kept.
    timeline, warnings = _edited(tmp_path, "raices-tweet", "Source: The article", "Source: A blog")
    event = timeline.get("raices-tweet")
    assert event is not None
    assert event.sources[1] == Source("A blog", archive="sources/article.txt", kind="secondary")
    assert not any("source 2" in w for w in warnings)


def test_an_edited_quote_date_keeps_the_cite_whole_and_says_so(tmp_path: Path) -> None:
    timeline, warnings = _edited(
        tmp_path,
        "salesforce-offer",
        'RAICES<span class="timeline-quote-meta">, 19 Jul',
        'RAICES<span class="timeline-quote-meta">, 18 Jul',
    )
    event = timeline.get("salesforce-offer")
    assert event is not None
    quote = event.quotes[0]
    assert (quote.date, quote.source, quote.note) == (None, None, "")
    assert quote.speaker.startswith("RAICES, 18 Jul 2018, RAICES on Twitter")
    assert any(
        "quote 1: the date, source or note after its speaker was changed" in w for w in warnings
    )


def test_a_status_that_is_not_one_is_dropped_with_a_warning(tmp_path: Path) -> None:
    timeline, warnings = _edited(
        tmp_path, "raices-letter", "Status: single source", "Status: single-source"
    )
    assert timeline.get("raices-letter").status == ""  # type: ignore[union-attr]
    assert any("'single source'" in w and "was dropped" in w for w in warnings)


@pytest.mark.parametrize(
    "hidden",
    [
        '{"id":"e","quotes":[{"date":{"year":2018,"month":13}}]}',
        '{"id":"e","quotes":[{"date":"yesterday"}]}',
        '{"id":"e","quotes":[{"source":{"label":1}}]}',
        '{"id":"e","quotes":[{"note":["x"]}]}',
        '{"id":"e","sources":[{"label":"L","url":"","accessed":{"month":2}}]}',
        '{"id":"e","quotes":[{"date":{"year":2018,"at":"1999"}}]}',
        '{"id":"e","quotes":["2018"]}',
        '{"id":"e","sources":[7]}',
        '{"id":"e","sources":{"label":"L"}}',
        '{"id":"e","quotes":"x"}',
        '{"id":"e","notes":["x"]}',
        '{"id":"e","tags":5}',
        '{"id":"e","tags":"abc"}',
        '{"id":"e","tags":["a",1]}',
        '{"id":"e","quotes":[{"date":{"year":0}}]}',
        '{"id":"e","quotes":[{"text_hash":5,"note":"n"}]}',
        '{"id":"e","sources":[{"label":"L","url":"","accessed":{"year":0}}]}',
    ],
)
def test_damaged_hidden_provenance_is_a_warning_not_a_crash(tmp_path: Path, hidden: str) -> None:
    text = (
        '<blockquote><p>Q</p><cite>S<span class="timeline-quote-meta">, 2018</span></cite>'
        f'</blockquote><p class="timeline-source">Source: L</p><!--timeline:{hidden}-->'
    )
    slide = {"start_date": {"year": 2018}, "text": {"headline": "E", "text": text}}
    result = load_any(_write(tmp_path, "d.json", json.dumps({"events": [slide]})))
    assert result.timeline is not None and not result.errors
    assert any("damaged hidden data" in p.message for p in result.warnings)
    # The cite is not said to be another quote's: its own hidden data was the damage.
    assert not any("is not that of any quote" in p.message for p in result.warnings)
    event = result.timeline.events[0]
    assert event.quotes[0].text == "Q" and event.sources[0].label == "L"


def test_damaged_tags_are_dropped_whole_with_a_warning(tmp_path: Path) -> None:
    # A string is not a list of one-letter tags, nor a number a crash.
    for tags in ('"abc"', "5", "null", '["a", 1]'):
        text = f'<p>x</p><!--timeline:{{"tags":{tags}}}-->'
        slide = {"start_date": {"year": 2018}, "text": {"headline": "E", "text": text}}
        result = load_any(_write(tmp_path, "t.json", json.dumps({"events": [slide]})))
        assert result.timeline is not None and not result.errors
        assert result.timeline.events[0].tags == (() if tags != '["a", 1]' else ("a",))
        assert [p.message for p in result.warnings] == (
            []
            if tags == "null"
            else ["event slide 1: damaged hidden data for the tags was ignored"]
        )


@pytest.mark.parametrize(
    "stash",
    [
        '"tz":99999999999999999999',
        '"tz":-99999999999999999999',
        '"tz":{"offset":99999999999999999999,"name":"X"}',
        '"tz":"Europe"',
        '"tz":"' + "a" * 300 + '"',
        '"tz":1.5',
        '"tz":true',
        '"tz":[60]',
        '"order":[1e400]',
        '"order":[-1e400]',
        '"order":5',
        '"finer":[0,0],"order":[1e400]',
    ],
)
@pytest.mark.parametrize("key", ["date", "end_date"])
def test_damaged_hidden_date_data_is_a_located_warning_and_the_shown_date_is_kept(
    tmp_path: Path, stash: str, key: str
) -> None:
    at = "2018-07-19T14" if key == "date" else "2018-07-20T01"
    text = f'<p>x</p><!--timeline:{{"{key}":{{"at":"{at}",{stash}}}}}-->'
    slide = {
        "start_date": {"year": 2018, "month": 7, "day": 19, "hour": 14},
        "end_date": {"year": 2018, "month": 7, "day": 20, "hour": 1},
        "text": {"headline": "E", "text": text},
    }
    path = _write(tmp_path, "d.json", json.dumps({"events": [slide]}))
    result = load_any(path)
    assert result.timeline is not None and not result.errors
    (warning,) = result.warnings
    assert warning.message == "event slide 1: damaged hidden date data was ignored"
    assert (warning.file, warning.field) == (str(path), "text.text")
    event = result.timeline.events[0]
    assert event.when == When(2018, 7, 19, 14, precision=Precision.HOUR, written="2018-07-19T14")
    assert event.end == When(2018, 7, 20, 1, precision=Precision.HOUR, written="2018-07-20T01")


def test_finer_parts_of_damaged_hidden_date_data_are_not_half_kept(tmp_path: Path) -> None:
    # The finer parts are good, the order is not: none of it is used.
    text = '<!--timeline:{"date":{"at":"2018","finer":[7,19,0,0,0],"order":[1e400]}}-->'
    slide = {"start_date": {"year": 2018}, "text": {"headline": "E", "text": text}}
    result = load_any(_write(tmp_path, "d.json", json.dumps({"events": [slide]})))
    assert result.timeline is not None
    assert result.timeline.events[0].when == When(2018, precision=Precision.YEAR, written="2018")
    assert "damaged hidden date data" in result.warnings[0].message


def test_a_title_zone_that_is_a_folder_of_zones_is_not_used(tmp_path: Path) -> None:
    text = '<!--timeline:{"timezone":"Europe"}-->'
    data = {
        "title": {"text": {"headline": "T", "text": text}},
        "events": [{"start_date": {"year": 2018}, "text": {"headline": "E"}}],
    }
    result = load_any(_write(tmp_path, "z.json", json.dumps(data)))
    # Not used, and said: an error, as `timezone = "Europe"` is in a TOML file.
    assert result.timeline is None
    assert [p.message for p in result.problems] == [
        "title slide: its hidden data gives the timezone 'Europe', which is not an IANA zone "
        'name such as "America/Chicago"; its times would be read in no zone: write the '
        "zone's name there, or remove it"
    ]


@pytest.mark.parametrize(
    ("slide", "code", "expected"),
    [
        (
            {
                "start_date": {"year": 2018, "month": 7, "day": 19, "hour": 14},
                "text": {
                    "headline": "a",
                    "text": '<!--timeline:{"date":{"at":"2018-07-19T14",'
                    '"tz":99999999999999999999},"tags":5}-->',
                },
            },
            0,
            "warning: event slide 1: damaged hidden date data was ignored",
        ),
        (
            {"start_date": {"year": 0}, "text": {"headline": "a"}},
            1,
            "error: event slide 1: 'start_date.year' is the year 0",
        ),
    ],
)
@pytest.mark.parametrize(
    "command", ["check {}", "import {} -o out.toml", "export {} --to timelinejs -o -"]
)
def test_hostile_slides_are_reported_without_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    slide: dict[str, Any],
    code: int,
    expected: str,
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "hostile.json", json.dumps({"events": [slide]}))
    assert main(command.format(path).split()) == code
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    # One line of JSON: the slide is on line 1.
    assert f"hostile.json:1:1: {expected}" in out.out + out.err


HOSTILE_TEXT = '</p><script>alert(1)</script><!-- --> "quoted" & \x1b]0;x\x07 \u202e'


def test_hostile_text_in_provenance_never_becomes_markup_and_reads_back(tmp_path: Path) -> None:
    source = Source(HOSTILE_TEXT, "javascript:alert(1)", HOSTILE_TEXT, None, HOSTILE_TEXT)
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        sources=(source, Source(HOSTILE_TEXT, "https://example.org/" + HOSTILE_TEXT)),
        quotes=(Quote(HOSTILE_TEXT, HOSTILE_TEXT, None, source, HOSTILE_TEXT),),
        status="disputed",
        notes=HOSTILE_TEXT,
    )
    dumped = timelinejs.dumps(Timeline("T", (event,)), private=True)
    text = json.loads(dumped)["events"][0]["text"]["text"]
    visible = text.split("<!--timeline:")[0]
    assert "<script" not in text and 'href="javascript' not in visible
    assert "&lt;/p&gt;&lt;script&gt;" in visible  # shown as the text it is
    assert "\x1b" not in dumped and "\u202e" not in dumped
    assert text.count("<!--") == 1 and text.count("-->") == 1
    back = _loaded(_write(tmp_path, "h.json", dumped))
    assert back.events[0]._replace(file="", line=0) == event


def test_markup_rewritten_without_changing_what_it_says_keeps_the_hidden_data(
    tmp_path: Path,
) -> None:
    # A tool that rewrites HTML (attributes in single quotes, a space as a reference)
    # changes the markup, not what it says: the hidden values still apply.
    data = timelinejs.to_dict(_loaded(PROVENANCE))
    slide = next(s for s in data["events"] if s["unique_id"] == "raices-tweet")
    text = slide["text"]["text"]
    assert html.parse(text).sources[0].markup.startswith('<p class="timeline-source">')
    slide["text"]["text"] = text.replace('class="timeline-source"', "class='timeline-source'")
    offer = next(s for s in data["events"] if s["unique_id"] == "salesforce-offer")
    offer["text"]["text"] = offer["text"]["text"].replace(", 19 Jul 2018,", ", 19&#32;Jul 2018,")
    result = load_any(_write(tmp_path, "rewritten.json", json.dumps(data)))
    assert result.timeline is not None
    # Only what the fixture's own reading says: its "urn:tweet:..." is no link.
    assert [w.message.split("'url' ")[-1][:42] for w in result.warnings] == [
        "'urn:tweet:1020013329146019840' is a urn: "
    ]
    assert [e._replace(file="", line=0) for e in result.timeline.events] == [
        e._replace(file="", line=0, notes="") for e in _loaded(PROVENANCE).events
    ]


# ---------------------------------------------------------------------- eras


def _era_slide(text: str) -> dict[str, Any]:
    return {
        "start_date": {"year": 1850},
        "end_date": {"year": 1900},
        "text": {"headline": "Era", "text": text},
    }


def test_an_eras_text_is_shown_as_written_and_its_dates_hidden(tmp_path: Path) -> None:
    era_text = ' <b>"x"</b> &\nnext '
    source = (
        '[timeline]\ntitle = "T"\n[[eras]]\ntitle = "Era"\nstart = "circa 1850"\n'
        f'end = "before 1900"\ntext = {json.dumps(era_text)}\n'
        '[[events]]\ntitle = "E"\ndate = 2018\n'
    )
    (era,) = timelinejs.to_dict(_loaded(_write(tmp_path, "e.toml", source)))["eras"]
    assert era["start_date"] == {"year": 1850} and era["end_date"] == {"year": 1900}
    shown = era["text"]["text"]
    assert shown.startswith(escape(era_text) + "<!--timeline:")
    assert html.parse(shown).text == era_text
    hidden = _hidden(shown)
    assert (hidden["date"]["written"], hidden["date"]["qualifier"]) == ("circa 1850", "circa")
    assert (hidden["end_date"]["written"], hidden["end_date"]["qualifier"]) == (
        "before 1900",
        "before",
    )


@pytest.mark.parametrize(
    "stash",
    ['{"date":{"at":"1850","tz":"Europe"}}', '{"end_date":{"at":"1900","qualifier":"often"}}'],
)
def test_damaged_hidden_era_date_data_is_a_located_warning(tmp_path: Path, stash: str) -> None:
    data = {
        "events": [{"start_date": {"year": 2018}, "text": {"headline": "E"}}],
        "eras": [_era_slide(f"words<!--timeline:{stash}-->")],
    }
    path = _write(tmp_path, "d.json", json.dumps(data))
    result = load_any(path)
    assert result.timeline is not None and not result.errors
    (warning,) = result.warnings
    assert warning.message == "era 'Era' (era 1): damaged hidden date data was ignored"
    assert (warning.file, warning.field) == (str(path), "text.text")
    (era,) = result.timeline.eras
    assert (era.start, era.end, era.text) == (
        When(1850, precision=Precision.YEAR, written="1850"),
        When(1900, precision=Precision.YEAR, written="1900"),
        "words",
    )


def test_an_edited_era_date_wins_over_its_hidden_data(tmp_path: Path) -> None:
    stash = '{"date":{"at":"1850","written":"circa 1850","qualifier":"circa"}}'
    slide = _era_slide(f"<!--timeline:{stash}-->") | {"start_date": {"year": 1851}}
    data = {"events": [{"start_date": {"year": 2018}, "text": {"headline": "E"}}], "eras": [slide]}
    result = load_any(_write(tmp_path, "d.json", json.dumps(data)))
    assert result.timeline is not None
    assert result.timeline.eras[0].start == When(1851, precision=Precision.YEAR, written="1851")
    assert any("date was changed" in p.message for p in result.warnings)


def test_milliseconds_left_out_are_said(tmp_path: Path) -> None:
    # Bug fixed: a slide's `millisecond` was dropped without a word (a TOML time's
    # fraction of a second is said to be left out).
    path = tmp_path / "ms.json"
    start: dict[str, object] = {"year": 2018, "month": 7, "day": 19, "hour": 14, "minute": 5}
    start["millisecond"] = 250
    slide = {"start_date": start, "text": {"headline": "A"}}
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    result = load_any(path)
    assert result.timeline is not None
    assert [p.message for p in result.warnings] == [
        "event slide 1: 'start_date.millisecond' (250) was left out: times are kept to the second"
    ]
    for zero in (0, "000", 0.0, ""):
        start["millisecond"] = zero
        path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
        assert load_any(path).warnings == [], zero


def test_a_dates_display_date_left_out_for_the_slides_is_said(tmp_path: Path) -> None:
    # Bug fixed: a slide with its own `display_date` dropped its start date's (and end
    # date's) without a word, on import too: the text was gone from the TOML written.
    path = tmp_path / "shown.json"
    start = {"year": 2018, "month": 7, "display_date": "Summer 2018"}
    end = {"year": 2018, "month": 8, "display_date": "Summer 2018"}
    slide = {"start_date": start, "end_date": end, "text": {"headline": "A"}}
    slide["display_date"] = "July and August"
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    result = load_any(path)
    assert result.timeline is not None
    assert result.timeline.events[0].display_date == "July and August"
    assert [p.message for p in result.warnings] == [
        f"event slide 1: '{key}.display_date' ('Summer 2018') was left out: the slide's "
        "display_date ('July and August') is shown in its place"
        for key in ("start_date", "end_date")
    ]
    slide["display_date"] = "Summer 2018"  # the same text: nothing is lost
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    assert load_any(path).warnings == []
    del slide["display_date"]  # none of its own: the dates' are shown, joined
    path.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
    result = load_any(path)
    assert result.warnings == [] and result.timeline is not None
    assert result.timeline.events[0].display_date == "Summer 2018 – Summer 2018"


def test_a_key_given_twice_is_a_located_error(tmp_path: Path) -> None:
    # Bug fixed: the last "day" and the last "headline" were read without a word.
    text = (
        '{"events": [\n  {"start_date": {"year": 2019, "month": 3, "day": 4, "day": 5},\n'
        '   "text": {"headline": "dup key", "headline": "second"}}]}'
    )
    path = _write(tmp_path, "dk.json", text)
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    line, day = text.splitlines()[1], '"day"'
    assert (problem.line, problem.column) == (2, line.rindex(day) + 1)
    assert problem.message == (
        f"the JSON gives the key 'day' twice in one object (first at line 2, column "
        f"{line.index(day) + 1}): which value was meant cannot be told; keep one"
    )
    # Written with an escape, a key is still the same key; in another object it is not.
    path.write_text('{"events": [{"start_date": {"year": 1}, "\\u0074ext": {}, "text": {}}]}')
    (problem,) = load_any(path).errors
    assert "the key 'text' twice" in problem.message
    path.write_text(
        '{"events": [{"start_date": {"year": 2019}, "text": {"headline": "a"}},'
        ' {"start_date": {"year": 2019}, "text": {"headline": "b"}}]}'
    )
    assert len(_loaded(path).events) == 2


def test_hidden_data_with_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    stash = '<!--timeline:{"id":"a","kind":"tweet","kind":"speech"}-->'
    slide = {"start_date": {"year": 2019}, "text": {"headline": "h", "text": stash}}
    path = _write(tmp_path, "s.json", json.dumps({"events": [slide]}))
    result = load_any(path)
    assert result.timeline is None
    (problem,) = result.errors
    assert "hidden round-trip data in 'text.text' gives the key 'kind' twice" in problem.message


def test_a_time_without_a_zone_gets_no_display_date() -> None:
    # A time with a zone is shown with it ("4 Mar 2019 19:05 GMT", tests/test_round_trip.py);
    # one the file gives no zone for has none to add to what TimelineJS shows.
    event = Event("e", When(2018, 7, 19, 14, 5, precision=Precision.MINUTE), "E")
    slide = timelinejs.event_slide(event, None)
    assert "display_date" not in slide
    assert "derived" not in slide["text"]["text"]


@pytest.mark.parametrize(
    "headline", ["<script>alert(1)</script>", "<style>h2 {}</style><b></b>", "<!-- x -->"]
)
def test_a_headline_of_markup_alone_is_said_to_be_dropped_markup(
    tmp_path: Path, headline: str
) -> None:
    # Bug fixed: it was said to have "no headline", which the file plainly had.
    slide = {"start_date": {"year": 2019}, "text": {"headline": headline, "text": "<p>Body</p>"}}
    path = _write(tmp_path, "m.json", json.dumps({"events": [slide]}))
    result = load_any(path)
    assert result.timeline is not None
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert problem.message == (
        f"event slide 1: its headline {shown(headline)} held only markup, which was dropped "
        "(scripts, styles and tags are not text); its title is 'Body'"
    )
    # A headline that is empty has none.
    path.write_text(json.dumps({"events": [slide | {"text": {"headline": " "}}]}))
    (problem,) = load_any(path).problems
    assert problem.message == "event slide 1: has no headline; its title is 'Event of 2019'"


def test_a_year_after_9999_is_said_and_a_compact_date_named() -> None:
    # Bug fixed: {"year": "20180717"} was read as the year 20,180,717 with nothing said,
    # and so was a Unix time (found trying dates as a new user; the TOML reader refuses
    # both).
    text = (
        '{"events": [{"start_date": {"year": "20180717"}, "text": {"headline": "a"}},'
        ' {"start_date": {"year": 1532000000}, "text": {"headline": "b"}}]}'
    )
    said = [str(p) for p in read_timelinejs.loads(text, "y.json").problems]
    assert said == [
        "y.json:1:1: warning: event slide 1: 'start_date.year' is 20180717, read as the "
        "year 20,180,717; it may be the date 2018-07-17 written as one number: give its "
        "year, month and day apart",
        "y.json:1:1: warning: event slide 2: 'start_date.year' is 1532000000, read as the "
        "year 1,532,000,000; it may be a Unix time (seconds since 1970), "
        "2018-07-19T11:33:20Z: give its year, month, day and time",
    ], said


def test_hidden_data_naming_no_zone_is_an_error_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: a title slide whose hidden data named no IANA zone ("Mars/Base", a
    # hand edit) was read with no zone, its times moved, and `check` said "ok". It is
    # an error, as `[timeline] timezone` naming no zone is in a TOML file.
    source = tmp_path / "z.toml"
    source.write_text(
        '[timeline]\ntitle = "T"\ntimezone = "America/Chicago"\n\n'
        '[[events]]\nid = "a"\ndate = "2018-07-19T09:00"\ntitle = "A"\n',
        encoding="utf-8",
    )
    out = tmp_path / "z.json"
    assert main(["export", str(source), "--to", "timelinejs", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "America/Chicago" in text
    out.write_text(text.replace("America/Chicago", "Mars/Base"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    said = capsys.readouterr()
    assert "error: title slide: its hidden data gives the timezone 'Mars/Base', which is not" in (
        said.out + said.err
    )
