"""Blank texts where a label is expected: a tag "", a speaker of spaces, a quote of no
words, a source naming nothing (`source = {}`). Each is an error naming its file, line,
event and field and saying what to write, on every way a file is read (whole, in chunks, with the helper process), and
the readers of other formats leave them out with a warning, so `timeline import` never
writes a file that `timeline check` refuses.

Bugs fixed: `tags = ["policy", ""]`, `speaker = "   "` and `text = ""` in
`[[events.quotes]]` were accepted without a word, and shown ("#", "“” —") as if they
said something.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import generated
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.interchange import COLUMNS
from timeline.model import EVENT, QUOTE, SOURCE, Media, Source
from timeline.problems import LoadResult
from timeline.read import chunks, load_any
from timeline.read.quick_rows import quick_event
from timeline.read.records import EventReader, Shared
from timeline.read.toml import Tuning, load_file, load_text

HEAD = '[timeline]\ntitle = "T"\n\n'
EVENT_A = '[[events]]\nid = "a"\ndate = 2018-07-08\ntitle = "A"\n'
#: More events after the case's: the chunked path takes files of two chunks or more.
AFTER = "".join(
    f'\n[[events]]\nid = "{n}"\ndate = 2018-07-20\ntitle = "Z"\nspeaker = "Ana"\n'
    for n in ("x", "y", "z")
)

TAG = '(each is a word or phrase, such as "cbp")'
NAMES_NOTHING = (
    "names nothing: a source needs at least a label or a url (or an archive); give it a "
    'label (what it is, such as "RAICES on Twitter, 19 July 2018") or a url (where it is '
    'online, such as "https://example.org/story")'
)
MEDIA_NAMES_NOTHING = (
    "names nothing: a media needs at least a url or a caption; give it a url (where the "
    'picture is online, such as "https://example.org/photo.jpg") or a caption (what it '
    'shows, such as "Protesters outside the federal court"), or leave the field out'
)

# Each case: what follows HEAD, and every problem exactly as `timeline check` prints it.
CASES: list[tuple[str, str, list[str]]] = [
    (
        "tag-empty",
        EVENT_A + 'tags = ["policy", ""]\n',
        [f"t.toml:8:1: error: event 'a': field 'tags': item 2 is blank (''); remove it {TAG}"],
    ),
    (
        "tag-spaces",
        EVENT_A + 'tags = ["  "]\n',
        [f"t.toml:8:1: error: event 'a': field 'tags': item 1 is blank ('  '); remove it {TAG}"],
    ),
    (
        "tags-several-blank",
        EVENT_A + 'tags = ["", "cbp", "\\t", "raices"]\n',
        [f"t.toml:8:1: error: event 'a': field 'tags': items 1 and 3 are blank; remove them {TAG}"],
    ),
    (
        "speaker-spaces",
        EVENT_A + 'speaker = "   "\n',
        [
            "t.toml:8:1: error: event 'a': field 'speaker' is blank ('   '); write who said or "
            'did it, such as "Marc Benioff", or leave the field out'
        ],
    ),
    (
        "speaker-ideographic-space",
        EVENT_A + 'speaker = "\\u3000"\n',
        [
            "t.toml:8:1: error: event 'a': field 'speaker' is blank ('\u3000'); write who said "
            'or did it, such as "Marc Benioff", or leave the field out'
        ],
    ),
    (
        "labels-blank",
        EVENT_A + 'kind = " "\nhandle = "\\t"\nrole = "  "\ngroup = " "\ndisplay_date = " "\n',
        [
            "t.toml:8:1: error: event 'a': field 'kind' is blank (' '); write what it is, such "
            'as "tweet" or "letter", or leave the field out',
            "t.toml:9:1: error: event 'a': field 'handle' is blank ('␉'); write their account, "
            'such as "@RAICESTEXAS", or leave the field out',
            "t.toml:10:1: error: event 'a': field 'role' is blank ('  '); write what they are, "
            'such as "CEO, Salesforce", or leave the field out',
            "t.toml:11:1: error: event 'a': field 'group' is blank (' '); write its lane, such "
            'as "Salesforce", or leave the field out',
            "t.toml:12:1: error: event 'a': field 'display_date' is blank (' '); write the date "
            'to show, such as "summer 2018", or leave the field out',
        ],
    ),
    (
        "quote-text-empty",
        EVENT_A + '\n[[events.quotes]]\ntext = ""\nspeaker = "RAICES"\n',
        [
            "t.toml:10:1: error: event 'a': quote 1: field 'text' is blank (''); write the "
            "words quoted, verbatim"
        ],
    ),
    (
        "quote-text-spaces",
        EVENT_A + '\n[[events.quotes]]\ntext = "fine"\n\n[[events.quotes]]\ntext = """\n  \n"""\n',
        [
            "t.toml:13:1: error: event 'a': quote 2: field 'text' is blank ('  ␊'); write the "
            "words quoted, verbatim"
        ],
    ),
    (
        "quote-shorthands-blank",
        EVENT_A + 'quote = ""\nquotes = ["fine", " "]\n',
        [
            "t.toml:8:1: error: event 'a': field 'quote' is blank (''); write the words quoted, "
            "verbatim, or leave the field out",
            "t.toml:9:19: error: event 'a': quote 2 is blank (' '); write the words quoted, "
            "verbatim, or remove it",
        ],
    ),
    (
        "quote-speaker-spaces",
        EVENT_A + '\n[[events.quotes]]\ntext = "They refused."\nspeaker = " "\n',
        [
            "t.toml:11:1: error: event 'a': quote 1: field 'speaker' is blank (' '); write who "
            "said them, or leave the field out"
        ],
    ),
    (
        "source-blank",
        EVENT_A + 'source = " "\n\n[[events.sources]]\nlabel = "  "\nurl = "https://x.org"\n',
        [
            "t.toml:8:1: error: event 'a': field 'source' is blank (' '); write a URL string or "
            "a table with 'label' and 'url', or leave the field out",
            "t.toml:11:1: error: event 'a': source 1: field 'label' is blank ('  '); write what "
            'it is, such as "RAICES on Twitter, 19 July 2018", or leave the field out',
        ],
    ),
    (
        "source-parts-blank",
        EVENT_A + 'source = { url = " ", archive = "\\t", kind = " " }\n',
        [
            "t.toml:8:1: error: event 'a': field 'source.url' is blank (' '); write where it is "
            'online, such as "https://example.org/story", or leave the field out',
            "t.toml:8:1: error: event 'a': field 'source.archive' is blank ('␉'); write the "
            'path of a saved copy, such as "sources/letter.txt", or leave the field out',
            "t.toml:8:1: error: event 'a': field 'source.kind' is blank (' '); write "
            '"primary" or "secondary", or leave the field out',
        ],
    ),
    # A source of nothing (bug fixed: loaded, shown and exported as a source naming
    # nothing): an empty table, one of empty strings, one with only a kind or a date.
    (
        "source-empty-table",
        EVENT_A + "source = {}\n",
        [f"t.toml:8:1: error: event 'a': field 'source' {NAMES_NOTHING}, or leave the field out"],
    ),
    (
        "sources-empty-table",
        EVENT_A + 'sources = [{ label = "L" }, {}]\n',
        [f"t.toml:8:29: error: event 'a': source 2 {NAMES_NOTHING}, or remove it"],
    ),
    (
        "sources-table-of-empty-strings",
        EVENT_A + '\n[[events.sources]]\nlabel = ""\nurl = ""\nkind = "primary"\n',
        [f"t.toml:9:1: error: event 'a': source 1 {NAMES_NOTHING}, or remove it"],
    ),
    (
        "quote-source-accessed-only",
        EVENT_A
        + '\n[[events.quotes]]\ntext = "They refused."\nsource = { accessed = 2018-07-20 }\n',
        [
            f"t.toml:11:1: error: event 'a': quote 1: field 'source' {NAMES_NOTHING}, or "
            "leave the field out"
        ],
    ),
    # Media of nothing (bug fixed: `media = {}` loaded as media of nothing, exported to
    # TimelineJS as `"media": {"url": ""}`), or of a credit alone: no picture named.
    (
        "media-empty-table",
        EVENT_A + "media = {}\n",
        [f"t.toml:8:1: error: event 'a': field 'media' {MEDIA_NAMES_NOTHING}"],
    ),
    (
        "media-credit-only",
        EVENT_A + 'media = { url = "", credit = "John Moore/Getty" }\n',
        [f"t.toml:8:1: error: event 'a': field 'media' {MEDIA_NAMES_NOTHING}"],
    ),
]


def load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, tuning: Tuning) -> LoadResult:
    """t.toml in tmp_path, loaded by that short name, so messages are exact."""
    monkeypatch.chdir(tmp_path)
    Path("t.toml").write_text(text, encoding="utf-8")
    return load_file("t.toml", tuning=tuning)


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_blank_label_is_an_error_that_says_where_and_what_to_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: list[str]
) -> None:
    result = load(tmp_path, monkeypatch, HEAD + body, Tuning())
    assert messages(result) == expected
    assert result.timeline is None
    # Each names its event and field for `check --format json` and the viewer.
    for problem in result.problems:
        assert problem.event == "a" and problem.field, problem


#: Every way a file is read: tomllib and the fast parser whole, chunks of one and two
#: events in this process, and chunks shared with the helper process.
WAYS = {
    "tomllib": Tuning(fast_file=10**9),
    "fast parser": Tuning(),
    "chunks of 1": Tuning(large_file=0, chunk_events=1),
    "chunks of 2": Tuning(large_file=0, chunk_events=2),
    "helper": Tuning(large_file=0, chunk_events=1, parallel_file=0),
}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_way_of_reading_gives_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: list[str], way: str
) -> None:
    read: list[object] = []
    real = chunks.read_chunks

    def spy(*args: Any) -> Any:
        read.append(real(*args))  # raises chunks.Fallback when the file is read whole
        return read[-1]

    monkeypatch.setattr(chunks, "read_chunks", spy)
    result = load(tmp_path, monkeypatch, HEAD + body + AFTER, WAYS[way])
    assert bool(read) == (WAYS[way].large_file == 0), "read in chunks, or whole"
    assert messages(result) == expected
    assert result.timeline is None


@pytest.mark.parametrize("way", ["chunks of 2", "helper"])
def test_a_blank_among_many_events_is_found_in_its_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    # Well-formed events around it take the quick way (in the helper, too): the blank
    # one must not.
    events = generated(40).split("\n[[events]]\n")
    events[25] = events[25].replace("\nspeaker = ", '\nspeaker = " "\nrole = ', 1)
    events[31] = events[31].replace("\ntags = [", '\ntags = ["", ', 1)
    text = "\n[[events]]\n".join(events)
    expected = load_text(text, "t.toml")
    assert [p.field for p in expected.problems] == ["speaker", "tags"]
    tuning = WAYS[way]._replace(chunk_events=5)
    assert load(tmp_path, monkeypatch, text, tuning).problems == expected.problems


def test_a_cached_file_that_gains_a_blank_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tuning = Tuning(large_file=0, chunk_events=1)
    good = HEAD + EVENT_A + 'speaker = "RAICES"\n' + AFTER
    first = load(tmp_path, monkeypatch, good, tuning)
    assert first.timeline is not None and first.problems == []
    assert load_file("t.toml", tuning=tuning) == first  # from the cache
    blank = good.replace('"RAICES"', '"      "')  # as many bytes
    assert len(blank) == len(good)
    broken = load(tmp_path, monkeypatch, blank, tuning)
    assert [p.field for p in broken.errors] == ["speaker"]
    # A file with errors is not cached: read again, it says them again.
    assert load_file("t.toml", tuning=tuning) == broken


def test_an_empty_label_is_as_if_not_written_and_padded_text_is_kept() -> None:
    # "" says "none" as leaving the field out does; text around spaces is verbatim.
    text = HEAD + EVENT_A + 'speaker = ""\ngroup = ""\nhandle = " @a "\ntags = [" b "]\n'
    result = load_text(text + AFTER)
    assert result.problems == [] and result.timeline is not None
    event = result.timeline.events[0]
    assert (event.speaker, event.group, event.handle, event.tags) == ("", "", " @a ", (" b ",))


# ---------------------------------------------------------------- the quick way


BLANKS = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000", min_size=1, max_size=3)
BASE = {"id": "a", "date": "2018-07-19", "title": "t"}


def _table(record: str, key: str, text: str) -> dict[str, object]:
    """An event with `text` in its (or its quote's, or its source's) field `key`."""
    if record == "event":
        field = EVENT.by_key[key]
        return {**BASE, key: [text] if field.kind.name == "TEXTS" else text}
    if record == "quote":
        quote = {"text": "words", key: text}
        return {**BASE, "quotes": [quote]}
    return {**BASE, "sources": [{"label": "L", key: text}]}


#: The labels that must not be blank: (record, key).
PLACES = [
    ("event", "display_date"),
    ("event", "kind"),
    ("event", "speaker"),
    ("event", "handle"),
    ("event", "role"),
    ("event", "group"),
    ("event", "tags"),
    ("quote", "text"),
    ("quote", "speaker"),
    ("source", "label"),
    ("source", "url"),
    ("source", "archive"),
    ("source", "kind"),
]


def test_the_labels_that_must_not_be_blank_are_said_once_in_the_description() -> None:
    # The model's description says it (`Field.nonblank`); the checks, the quick way and
    # the readers of other formats all read it there.
    described = [
        (record.name, field.key)
        for record in (EVENT, QUOTE, SOURCE)
        for field in record.fields
        if field.nonblank and field.key != "title"  # the title has checks of its own
    ]
    assert described == PLACES


@settings(max_examples=150, deadline=None)
@given(place=st.sampled_from(PLACES), text=BLANKS)
def test_the_quick_way_gives_a_blank_to_the_checks_which_say_it(
    place: tuple[str, str], text: str
) -> None:
    raw = _table(*place, text)
    assert quick_event(raw) is None
    reader = EventReader("f.toml", [], Shared())
    said: list[tuple[str, str]] = []
    reader.check(raw, 0, lambda severity, message, key, where: said.append((severity, key)))
    assert said == [("error", place[1])]
    assert reader.events == []


@pytest.mark.parametrize("place", PLACES, ids=[".".join(place) for place in PLACES])
def test_a_label_with_words_takes_the_quick_way(place: tuple[str, str]) -> None:
    # (A URL says an address: one exports may not link to is a doubt, tests/test_links.py.)
    raw = _table(*place, "https://example.org/ words " if place[1] == "url" else " words ")
    row = quick_event(raw)
    fast, slow = EventReader("f.toml", [], Shared()), EventReader("f.toml", [], Shared())
    assert row is not None and fast.build(row, 0)
    said: list[str] = []
    slow.check(raw, 0, lambda severity, message, key, where: said.append(message))
    assert said == []
    assert repr(fast.events) == repr(slow.events)


# ---------------------------------------------------------------- other formats

SLIDE_TEXT = (
    "<p>ctx</p><blockquote><cite>Someone</cite></blockquote>"
    "<blockquote><p>words</p><cite>\u0085</cite></blockquote>"
    '<!--timeline:{"id": "a", "speaker": "  ", "kind": "\\t", "tags": ["policy", "", " "]}-->'
)
B_TEXT = (
    '<p class="timeline-source">Source: the letter</p>'
    '<!--timeline:{"sources": [{"label": "the letter", "url": "", "kind": " "}]}-->'
)
TIMELINEJS = {
    "title": {"text": {"headline": "T", "text": '<p class="timeline-source">Source: \u0085</p>'}},
    "events": [
        {
            "start_date": {"year": 2018, "month": 7, "day": 8},
            "display_date": "\u0085",
            "text": {"headline": "A", "text": SLIDE_TEXT},
        },
        {
            "start_date": {"year": 2018, "month": 7, "day": 9},
            "group": "\u0085",
            "text": {"headline": "B", "text": B_TEXT},
        },
    ],
}


def test_timelinejs_blanks_are_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(TIMELINEJS, indent=1), encoding="utf-8")
    result = load_any(path)
    assert [f"{p.severity}: {p.message}" for p in result.problems] == [
        "warning: title slide: source's 'label' is blank ('<U+0085>'), so it was left out",
        # Its only text gone, "Source: " would be a source of nothing.
        "warning: title slide: source names nothing: a source needs at least a label or a url "
        "(or an archive), so it was left out",
        "warning: event 'a' (slide 1): 'display_date' is blank ('<U+0085>'), so it was left out",
        "warning: event 'a' (slide 1): 'kind' is blank ('␉'), so it was left out",
        "warning: event 'a' (slide 1): 'speaker' is blank ('  '), so it was left out",
        "warning: event 'a' (slide 1): 'tags' item 2 is blank (''), so it was left out",
        "warning: event 'a' (slide 1): 'tags' item 3 is blank (' '), so it was left out",
        "warning: event 'a' (slide 1): quote 1 is blank (''), so it was left out",
        "warning: event 'a' (slide 1): quote 2's 'speaker' is blank ('<U+0085>'), so it was left out",
        "warning: event slide 2: 'group' is blank ('<U+0085>'), so it was left out",
        "warning: event slide 2: source 1's 'kind' is blank (' '), so it was left out",
    ]
    assert [(p.event, p.field) for p in result.problems] == [
        ("", "text.text"),
        ("", "text.text"),
        ("a", "display_date"),
        *[("a", "text.text")] * 6,
        ("slide 2", "group"),
        ("slide 2", "text.text"),
    ]
    assert result.timeline is not None
    a, b = result.timeline.events
    assert (a.display_date, a.kind, a.speaker, a.tags) == ("", "", "", ("policy",))
    assert [(q.text, q.speaker) for q in a.quotes] == [("words", "")]
    assert b.group == "" and b.sources[0] == Source("the letter")
    assert result.timeline.source is None


def test_a_spreadsheet_group_of_white_space_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Year,Month,Day,Headline,Text,Group\n2018,7,8,A,,\x85\n2018,7,9,B,,Lane\n",
        encoding="utf-8",
    )
    result = load_any(path)
    assert [str(p) for p in result.problems] == [
        f"{path}:2:1: warning: event row 2: 'Group' is blank ('<U+0085>'), so it was left out"
    ]
    assert result.timeline is not None
    assert [e.group for e in result.timeline.events] == ["", "Lane"]


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_import_writes_a_file_that_check_accepts(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"t{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(TIMELINEJS), encoding="utf-8")
    else:
        path.write_text("Year,Month,Day,Headline,Text,Group\n2018,7,8,A,,\x85\n", encoding="utf-8")
    out = tmp_path / "imported.toml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert "is blank" in capsys.readouterr().err  # said, not dropped silently
    assert main(["check", "--strict", str(out)]) == 0
    written = tomllib.loads(out.read_text(encoding="utf-8"))
    for event in written["events"]:
        for key in ("display_date", "kind", "speaker", "group"):
            assert key not in event


def test_a_timeline_source_of_nothing_is_an_error_and_an_archive_names_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: `source = {}` loaded as a source of nothing, shown and exported so. A
    # source known only by its saved copy is one (`timeline verify` reads it).
    text = HEAD.replace('"T"\n', '"T"\nsource = { label = "" }\n') + EVENT_A
    assert messages(load(tmp_path, monkeypatch, text, Tuning())) == [
        f"t.toml:3:1: error: [timeline] field 'source' {NAMES_NOTHING}, or leave the field out"
    ]
    archived = text.replace('label = ""', 'archive = "sources/a.txt"')
    archived += 'source = { archive = "sources/b.txt", kind = "primary" }\n'
    result = load(tmp_path, monkeypatch, archived, Tuning())
    assert result.problems == [] and result.timeline is not None
    assert result.timeline.events[0].sources == (Source(archive="sources/b.txt", kind="primary"),)


#: A slide's source paragraph with nothing after "Source: ", and a quote's own source
#: of nothing but a kind in the hidden data.
NAMELESS_SOURCES = {
    "events": [
        {
            "start_date": {"year": 2018, "month": 7, "day": 8},
            "unique_id": "a",
            "text": {
                "headline": "A",
                "text": '<blockquote><p>words</p></blockquote><p class="timeline-source">'
                'Source: </p><p class="timeline-source">Source: the letter</p>'
                '<!--timeline:{"quotes": [{"source": {"kind": "primary"}}]}-->',
            },
        }
    ]
}


def test_a_slides_source_of_nothing_is_left_out_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: each was read as a source of nothing, and `import` wrote `source = {}`.
    path = tmp_path / "t.json"
    path.write_text(json.dumps(NAMELESS_SOURCES, indent=1), encoding="utf-8")
    result = load_any(path)
    nothing = "names nothing: a source needs at least a label or a url (or an archive)"
    assert [p.message for p in result.problems] == [
        f"event 'a' (slide 1): source 1 {nothing}, so it was left out",
        f"event 'a' (slide 1): quote 1's source {nothing} (it gives only kind), so it was left out",
    ]
    assert result.timeline is not None
    (event,) = result.timeline.events
    assert event.sources == (Source("the letter"),) and event.quotes[0].source is None
    out = tmp_path / "imported.toml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert main(["check", "--strict", str(out)]) == 0


#: Media of a credit alone, on the title slide and on a slide: TimelineJS shows none of
#: it (no URL), and kept, `import` wrote a file that `check` refuses.
NAMELESS_MEDIA = {
    "title": {"text": {"headline": "T"}, "media": {"url": "", "credit": "AP"}},
    "events": [
        {
            "start_date": {"year": 2018, "month": 7, "day": 8},
            "unique_id": "a",
            "text": {"headline": "A"},
            "media": {"url": "", "credit": "AP", "alt": "a crowd"},
        },
        {
            "start_date": {"year": 2018, "month": 7, "day": 9},
            "unique_id": "b",
            "text": {"headline": "B"},
            "media": {"caption": "Protesters", "credit": "John Moore/Getty"},
        },
    ],
}
SHEET_MEDIA = (
    ",".join(COLUMNS)
    + "\n,,,,,,,,,T,,,AP,,,,title,,\n2018,7,8,,,,,,,A,,,AP,,,a crowd,,,\n"
    + "2018,7,9,,,,,,,B,,,John Moore/Getty,Protesters,,,,,\n"
)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_media_of_a_credit_alone_is_left_out_with_a_warning_saying_what_it_gave(
    tmp_path: Path, suffix: str
) -> None:
    # Bug fixed: kept as media of nothing, which `import` wrote and `check` now refuses.
    path = tmp_path / f"t{suffix}"
    text = json.dumps(NAMELESS_MEDIA, indent=1) if suffix == ".json" else SHEET_MEDIA
    path.write_text(text, encoding="utf-8")
    result = load_any(path)
    nothing = "media names nothing: a media needs at least a url or a caption"
    title, slide, field = ("title slide", "event 'a' (slide 1)", "media")
    if suffix == ".csv":
        title, slide, field = ("title row 2", "event row 3", "Media")
    assert [(p.message, p.field) for p in result.problems] == [
        (f"{title}: {nothing} (it gives only credit), so it was left out", field),
        (f"{slide}: {nothing} (it gives only credit and alt), so it was left out", field),
    ]
    assert result.timeline is not None and result.timeline.media is None
    a, b = result.timeline.events
    assert a.media is None and b.media == Media(caption="Protesters", credit="John Moore/Getty")
    out = tmp_path / "imported.toml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert main(["check", "--strict", str(out)]) == 0


def test_a_timeline_or_era_title_of_white_space_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: both were accepted, and shown as an empty heading and "Era begins:  (2018
    # – 2019)". Left empty (""), each is as before: not written.
    text = (
        '[timeline]\ntitle = "   "\n[[eras]]\ntitle = "\\t"\nstart = 2018\nend = 2019\n'
        '[[events]]\nid = "a"\ndate = 2018-07-16\ntitle = "A"\n'
    )
    assert messages(load(tmp_path, monkeypatch, text, Tuning())) == [
        "t.toml:2:1: error: [timeline] field 'title' is blank ('   '); write what the "
        'timeline is about, such as "RAICES declines Salesforce\'s $250,000"',
        "t.toml:4:1: error: era 1: field 'title' is blank ('␉'); write the era's name, such "
        'as "Inquiry", or leave the field out',
    ]
    empty = text.replace('"   "', '""').replace('"\\t"', '""')
    assert messages(load(tmp_path, monkeypatch, empty, Tuning())) == []
