"""`timeline import` and the TOML writer: tidy output that reads back to the same values."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.model import Era, Event, Precision, Qualifier, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.read.timelinejs import OUR_EXPORT, OUR_EXPORT_KEYS
from timeline.read.toml import load_file, load_text
from timeline.write import json as json_format
from timeline.write import toml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _model(timeline: Timeline) -> dict[str, Any]:
    data = json_format.timeline_to_dict(timeline)
    for event in data["events"]:
        del event["file"]
    return data


@pytest.mark.parametrize("name", ["timelinejs.json", "timelinejs.csv"])
def test_import_writes_toml_that_loads_the_same(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "walls.toml"
    assert main(["import", str(FIXTURES / name), "-o", str(out)]) == 0
    assert "wrote 5 events" in capsys.readouterr().err
    original = load_any(FIXTURES / name).timeline
    again = load_any(out)
    assert original is not None and again.timeline is not None, again.problems
    assert not again.problems
    assert _model(again.timeline) == _model(original)
    assert again.timeline.eras == original.eras


def test_import_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.toml"
    out.write_text("keep me", encoding="utf-8")
    source = str(FIXTURES / "timelinejs.json")
    assert main(["import", source, "-o", str(out)]) == 2
    assert "already exists; add --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["import", source, "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("[timeline]\n")


def test_import_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    assert main(["import", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.toml")]) == 2
    assert not (tmp_path / "x.toml").exists()


def test_output_layout_and_dates_at_their_precision() -> None:
    events = (
        Event("day", When(2018, 7, 19), "Day", quotes=(Quote("q", "Someone"),)),
        Event("month", When(2018, 7, precision=Precision.MONTH), "Month", tags=("a", "b")),
        Event("year", When(-500, precision=Precision.YEAR), "Year"),
        Event("circa", When(1850, qualifier=Qualifier.CIRCA, precision=Precision.YEAR), "Circa"),
        Event("minute", When(2018, 7, 19, 14, 5, precision=Precision.MINUTE), "Minute"),
    )
    era = Era("An era", When(1900, precision=Precision.YEAR), When(1950, precision=Precision.YEAR))
    text = toml.dumps(Timeline("T", events, eras=(era,), source=Source("S", "https://s.org")))
    assert text.startswith(
        '[timeline]\ntitle = "T"\nsource = { label = "S", url = "https://s.org" }'
    )
    assert "date = 2018-07-19\n" in text
    assert 'date = "2018-07"\n' in text
    # A BCE date with its era named: "-0500" read back with a warning that ISO 8601
    # numbers it 501 BCE.
    assert 'date = "500 BCE"\n' in text
    assert 'date = "1850"\ncirca = true\n' in text
    assert 'date = "2018-07-19T14:05"\n' in text
    assert '[[events.quotes]]\ntext = "q"\nspeaker = "Someone"' in text
    assert '[[eras]]\ntitle = "An era"\nstart = "1900"\nend = "1950"' in text
    data = tomllib.loads(text)
    assert data["events"][0]["date"] == date(2018, 7, 19)
    assert data["events"][1]["tags"] == ["a", "b"]
    loaded = load_text(text)
    assert loaded.timeline is not None, loaded.problems
    assert not loaded.problems
    got = {
        e["id"]: (e["start"], e["precision"], e["qualifier"])
        for e in _model(loaded.timeline)["events"]
    }
    assert got == {
        "day": ("2018-07-19", "day", "exact"),
        "month": ("2018-07", "month", "exact"),
        "year": ("-0500", "year", "exact"),
        "circa": ("1850", "year", "circa"),
        "minute": ("2018-07-19T14:05", "minute", "exact"),
    }
    assert loaded.timeline.eras[0].start.year == 1900


def test_relative_dates_stay_relative() -> None:
    result = load_any(ROOT / "events.toml")
    assert result.timeline is not None
    text = toml.dumps(result.timeline)
    assert 'id = "raices-letter"\ndate = "Monday"\nrelative_to = "raices-tweet"' in text
    again = load_text(text)
    assert again.timeline is not None
    assert _model(again.timeline) == _model(result.timeline)


def test_long_text_is_a_wrapped_multiline_string() -> None:
    context = "word " * 60 + "end"
    text = toml.dumps(Timeline("T", (Event("a", When(2018, 1, 1), "A", context=context),)))
    assert 'context = """\n' in text
    assert max(len(line) for line in text.splitlines()) <= toml.WIDTH + 10
    assert tomllib.loads(text)["events"][0]["context"] == context


def test_bce_day_imports_and_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "ides.json"
    source.write_text(
        '{"events": [{"start_date": {"year": -44, "month": 3, "day": 15},'
        ' "text": {"headline": "Ides"}}]}',
        encoding="utf-8",
    )
    out = tmp_path / "o.toml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    timeline = load_file(out).timeline
    assert timeline is not None
    when = timeline.events[0].when
    assert (when.year, when.month, when.day, when.precision) == (-44, 3, 15, Precision.DAY)


_ANY = st.text()
#: Texts that name something (a speaker, a tag, a quote's words) are never blank in a
#: file that loads; an optional one may be "" (not written).
_WORDS = _ANY.filter(str.strip)
_LABEL = st.one_of(st.just(""), _WORDS)


@settings(max_examples=300)
@given(text=_ANY)
def test_strings_parse_back_exactly(text: str) -> None:
    for writer in (toml.string, toml.multiline, toml.text_value):
        assert tomllib.loads(f"x = {writer(text)}\n")["x"] == text


@settings(max_examples=100, deadline=None)
@given(
    title=_WORDS,
    context=_ANY,
    quote=_WORDS,
    speaker=_LABEL,
    tags=st.lists(_WORDS, max_size=3),
    label=_LABEL,
)
def test_any_event_text_reads_back_the_same(
    title: str, context: str, quote: str, speaker: str, tags: list[str], label: str
) -> None:
    event = Event(
        "an-id",
        When(2018, 7, 19, written="2018-07-19"),
        title,
        context=context,
        speaker=speaker,
        tags=tuple(tags),
        quotes=(Quote(quote, speaker),),
        sources=(Source(label=label, url="x"),),
    )
    text = toml.dumps(Timeline(title, (event,), summary=context))
    data = tomllib.loads(text)
    raw = data["events"][0]
    assert raw["title"] == title
    assert raw.get("context", "") == context
    assert raw.get("tags", []) == tags
    assert raw["quotes"][0]["text"] == quote
    assert data["timeline"]["title"] == title
    loaded = load_text(text)
    assert loaded.timeline is not None
    got = loaded.timeline.events[0]
    assert (got.title, got.context, got.speaker, got.tags) == (title, context, speaker, tuple(tags))
    assert got.source == Source(label, "x")


# ---------------------------------------------------------------- provenance

PROVENANCE = ROOT / "tests" / "fixtures" / "provenance.toml"


def _loaded(path: Path) -> Timeline:
    result = load_any(path)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def _everything(timeline: Timeline) -> list[Event]:
    """The events as values, where they were read left out."""
    return [event._replace(file="", line=0) for event in timeline.events]


def test_provenance_is_written_tidily_and_loads_back_equal(tmp_path: Path) -> None:
    timeline = _loaded(PROVENANCE)
    text = toml.dumps(timeline)
    # One plain source stays one line; several, or one with more, are tables.
    assert 'source = { label = "RAICES, as quoted in the article" }\n' in text
    assert (
        '[[events.sources]]\nlabel = "RAICES on Twitter, 19 July 2018"\n'
        'url = "https://twitter.com/RAICESTEXAS/status/1020013329146019840"\n'
        'archive = "sources/raices-tweet.html"\naccessed = 2018-07-20\nkind = "primary"\n'
    ) in text
    assert text.count("[[events.sources]]") == 3
    # A quote's own date as written, relative ones too; its own source and note.
    assert (
        '[[events.quotes]]\ntext = "the company responded by offering us a $250k donation."' in text
    )
    assert 'date = "3 days after"\n' in text
    assert "date = 2018-07-19\n" in text
    assert 'note = "Quoted by the article, not seen in the tweet itself."' in text
    assert 'status = "single source"\n' in text
    assert 'notes = "Ask RAICES for the letter itself."\n' in text
    out = tmp_path / "again.toml"
    out.write_text(text, encoding="utf-8")
    again = load_any(out)
    assert again.timeline is not None
    # The fixture's quote source "urn:tweet:..." is one no export links to: said, as
    # reading the fixture says it, and nothing else.
    (said,) = again.problems
    assert "'urn:tweet:1020013329146019840' is a urn: URL" in said.message
    assert _everything(again.timeline) == _everything(timeline)


def test_import_of_a_timelinejs_export_keeps_every_provenance_field(tmp_path: Path) -> None:
    original = _loaded(PROVENANCE)
    exported = tmp_path / "p.json"
    assert (
        main(["export", str(PROVENANCE), "--to", "timelinejs", "--private", "-o", str(exported)])
        == 0
    )
    out = tmp_path / "p.toml"
    assert main(["import", str(exported), "-o", str(out)]) == 0
    assert _everything(_loaded(out)) == _everything(original)


def test_a_quote_date_counted_from_another_event_is_written_as_the_date_it_gave() -> None:
    # Only a TimelineJS file's hidden data can say this; TOML counts from the quote's event.
    counted = When(2018, 7, 19, written="3 days after", anchor="other", rule="3 days after")
    events = (
        Event("other", When(2018, 7, 16, written="2018-07-16"), "Other"),
        Event("e", When(2018, 7, 1, written="2018-07-01"), "E", quotes=(Quote("q", date=counted),)),
    )
    text = toml.dumps(Timeline("T", events))
    assert (
        '# The quote\'s date was "3 days after" counted from "other"; written here as the '
        "date it gave.\ndate = 2018-07-19\n"
    ) in text
    loaded = load_text(text).timeline
    assert loaded is not None
    date = loaded.get("e").quotes[0].date  # type: ignore[union-attr]
    assert date is not None and (date.year, date.month, date.day, date.anchor) == (
        2018,
        7,
        19,
        None,
    )


def test_a_relative_quote_date_that_no_longer_counts_the_same_is_written_absolute() -> None:
    # "Monday" counted from 16 July 2018 is that day; from this event's date it would not be.
    stale = When(2018, 7, 16, written="Monday", anchor="e", rule="the Monday on or before")
    event = Event(
        "e", When(2018, 7, 25, written="2018-07-25"), "E", quotes=(Quote("q", date=stale),)
    )
    text = toml.dumps(Timeline("T", (event,)))
    assert 'date = "Monday"' not in text
    assert "date = 2018-07-16\n" in text


def test_a_circa_access_date_says_circa_in_its_string() -> None:
    accessed = When(2018, precision=Precision.YEAR, qualifier=Qualifier.CIRCA, written="2018")
    event = Event("e", When(2018, 7, 1), "E", sources=(Source("S", accessed=accessed),))
    text = toml.dumps(Timeline("T", (event,)))
    assert 'accessed = "circa 2018"\n' in text
    loaded = load_text(text).timeline
    assert loaded is not None
    again = loaded.events[0].sources[0].accessed
    assert again is not None and again.qualifier is Qualifier.CIRCA


HOSTILE = '\x1b]0;pwned\x07 """ \\ \n\u202e\x9b "end'


def test_hostile_text_in_the_provenance_fields_reads_back_exactly() -> None:
    source = Source(HOSTILE, HOSTILE, HOSTILE, None, HOSTILE)
    event = Event(
        "e",
        When(2018, 7, 1, written="2018-07-01"),
        "E",
        sources=(source, Source(HOSTILE)),
        quotes=(Quote(HOSTILE, HOSTILE, None, source, HOSTILE),),
        status="disputed",
        notes=HOSTILE,
    )
    text = toml.dumps(Timeline("T", (event,)))
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    loaded = load_text(text)
    assert loaded.timeline is not None, loaded.problems
    assert _everything(loaded.timeline) == [event]


def test_years_beyond_a_date_string_import_as_toml_integers(tmp_path: Path) -> None:
    # Knight Lab's cosmology template starts at the Big Bang: import refused it, "cannot
    # be written in TOML so that it reads back the same", though the TOML reader takes
    # such a year as an integer.
    source = tmp_path / "cosmos.json"
    source.write_text(
        '{"events": ['
        '{"start_date": {"year": "-13800000000"}, "text": {"headline": "Big Bang"}},'
        '{"start_date": {"year": "-1000000"}, "end_date": {"year": "2018"},'
        ' "text": {"headline": "Since a million years ago"}}]}',
        encoding="utf-8",
    )
    out = tmp_path / "cosmos.toml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert "date = -13800000000\n" in out.read_text(encoding="utf-8")
    imported, written = load_any(str(source)), load_file(out)
    assert imported.timeline is not None and written.timeline is not None
    assert [e.when for e in written.timeline.events] == [e.when for e in imported.timeline.events]
    assert written.timeline.events[0].when.year == -13_800_000_000


def test_bce_dates_import_with_their_era_and_read_back_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: a negative year in ISO's shape ("-0044") is read with a warning that
    # ISO 8601 numbers it otherwise (45 BCE), and import wrote every BCE date of a
    # TimelineJS file so: each warned when read back. It writes the era instead.
    source = tmp_path / "rome.json"
    source.write_text(
        '{"events": ['
        '{"start_date": {"year": -44, "month": 3, "day": 15}, "text": {"headline": "Ides"}},'
        '{"start_date": {"year": -1500, "month": 6}, "end_date": {"year": -1400},'
        ' "text": {"headline": "Long"}},'
        '{"start_date": {"year": -123456}, "text": {"headline": "Far"}}]}',
        encoding="utf-8",
    )
    out = tmp_path / "rome.toml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for written in ("15 March 44 BCE", "June 1500 BCE", "1400 BCE", "123456 BCE"):
        assert f'= "{written}"\n' in text
    imported, again = load_any(str(source)), load_file(out)
    assert imported.timeline is not None and again.timeline is not None
    assert not again.problems
    assert _model(again.timeline) == _model(imported.timeline)
    # Through TimelineJS and back, a file's own forms are kept: those in ISO's shape with
    # the warning they had, the rest (a year as an integer, the era named) with none.
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[timeline]\ntitle = "Rome"\n\n[[events]]\nid = "ides"\ndate = "-0044-03-15"\n'
        'title = "Ides"\n\n[[events]]\nid = "year"\ndate = -1000\ntitle = "Year"\n\n'
        '[[events]]\nid = "named"\ndate = "circa 100 BCE"\ntitle = "Named"\n',
        encoding="utf-8",
    )
    first = load_file(mine)
    assert first.timeline is not None
    said = [p.message for p in first.problems]
    assert len(said) == 1 and "'-0044-03-15' was read as 15 March 44 BCE" in said[0]
    exported, back = tmp_path / "mine.json", tmp_path / "back.toml"
    assert main(["export", str(mine), "--to", "timelinejs", "-o", str(exported)]) == 0
    assert main(["import", str(exported), "-o", str(back)]) == 0
    text = back.read_text(encoding="utf-8")
    assert 'date = "-0044-03-15"\n' in text and "date = -1000\n" in text
    read_back = load_file(back)
    assert read_back.timeline is not None
    assert [p.message for p in read_back.problems] == said
    assert _model(read_back.timeline) == _model(first.timeline)
    capsys.readouterr()


def test_a_time_in_another_zone_than_the_timeline_is_never_written_as_its_wall_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: two files in Paris and Chicago time, merged and exported to TimelineJS,
    # were imported with Chicago's 14:05 written bare under timezone = "Europe/Paris":
    # the letter moved 7 hours, to 14:05 CEST, without a word.
    for name, zone in (("a", "Europe/Paris"), ("b", "America/Chicago")):
        (tmp_path / f"{name}.toml").write_text(
            f'[timeline]\ntitle = "{name}"\ntimezone = "{zone}"\n\n'
            f'[[events]]\nid = "{name}-letter"\ndate = 2018-07-19T14:05:00\n'
            f'title = "{name} letter"\n',
            encoding="utf-8",
        )
    both = tmp_path / "both.json"
    files = [str(tmp_path / "a.toml"), str(tmp_path / "b.toml")]
    assert main(["export", *files, "--to", "timelinejs", "-o", str(both)]) == 0
    merged = load_any(both).timeline
    assert merged is not None
    out = tmp_path / "both.toml"
    if main(["import", str(both), "-o", str(out)]) == 0:
        again = load_any(out).timeline
        assert again is not None
        for event in merged.events:
            back = again.get(event.id)
            assert back is not None
            assert _instant(back.when) == _instant(event.when), (event.when, back.when)
    else:  # refused, said, and nothing written
        assert "b-letter" in capsys.readouterr().err and not out.exists()


def _instant(when: When) -> datetime:
    return datetime(when.year, when.month, when.day, when.hour, when.minute, tzinfo=when.tz)


def test_our_own_json_export_is_said_to_be_one_in_a_single_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: `check` or `import` of `export --to json` read it as TimelineJS, and
    # gave about 800 lines for events.toml: an unknown field for every key of every
    # event and an error for every slide, none saying what the file was.
    exported = tmp_path / "events.json"
    assert main(["export", str(ROOT / "events.toml"), "--to", "json", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["check", str(exported)]) == 1
    said = capsys.readouterr()
    lines = (said.out + said.err).splitlines()
    assert lines == [f"{exported}: error: {OUR_EXPORT}"]
    assert "--to timelinejs" in OUR_EXPORT and "TOML file it was exported from" in OUR_EXPORT
    out = tmp_path / "events.toml"
    assert main(["import", str(exported), "-o", str(out)]) == 1
    assert not out.exists()
    assert capsys.readouterr().err.count("error") == 1


def test_the_keys_that_mark_our_json_export_are_the_ones_it_writes() -> None:
    timeline = load_file(ROOT / "events.toml").timeline
    assert timeline is not None
    assert set(json_format.timeline_to_dict(timeline)) == OUR_EXPORT_KEYS


@pytest.mark.parametrize(
    ("data", "said"),
    [
        # TimelineJS 2, as Knight Lab's own examples still hold it (houston/timeline2.json).
        (
            '{"timeline": {"headline": "Whitney Houston", "type": "default", '
            '"startDate": "1963", "date": [{"startDate": "1963,8,9", '
            '"headline": "Born", "asset": {"media": "", "credit": ""}}]}}',
            "TimelineJS 2",
        ),
        # What Knight Lab's converter from version 2 wrote (TimelineJS3's welcome.json).
        (
            '{"timeline": {"slides": [{"start_date": {"year": "1888"}, '
            '"text": {"headline": "Welcome"}}]}}',
            "converter from TimelineJS 2",
        ),
    ],
)
def test_older_timelinejs_layouts_are_named_with_what_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str, said: str
) -> None:
    # Bug fixed: both were "unknown top-level key 'timeline' was ignored; did you mean
    # 'title'?" and "'events' must be a list of slide objects; the file has none", as if
    # a key were misspelt, saying nothing of what the file is or how to read it.
    path = tmp_path / "old.json"
    path.write_text(data)
    assert main(["check", str(path)]) == 1
    said_now = capsys.readouterr()
    lines = (said_now.out + said_now.err).splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: error: "), lines
    assert said in lines[0] and '"events": [...]' in lines[0]
    assert "did you mean" not in lines[0]
