"""The large-file path gives exactly what the plain path gives.

Large files are read as bytes, split at `[[events]]` headers, parsed with the fast parser and
validated on a quick path that hands any doubtful event to the full checks. Here the
`Tuning` makes a few hundred generated events "large", so they go through every chunk
boundary, and the result is compared with tomllib's whole-file parse and with the
full checks alone. No timings (the benchmark measures speed), no fixed waits, and no
test depends on which of the loader and its helper process takes a chunk.
"""

from __future__ import annotations

import gc
import importlib
import marshal
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import generated
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.collecting import collector_paused
from timeline.model import EVENT, QUOTE, SOURCE
from timeline.problems import LoadResult, Severity
from timeline.read import chunks
from timeline.read.helper import Helper, rows_of, unwire
from timeline.read.locate import headers
from timeline.read.quick_rows import quick_event
from timeline.read.records import EventReader, Shared
from timeline.read.toml import Tuning, load_file, load_text

EVENTS = Path(__file__).resolve().parent.parent / "events.toml"
PROVENANCE = Path(__file__).resolve().parent / "fixtures" / "provenance.toml"
HEAD = '[timeline]\ntitle = "T"\n\n'
#: Every file is "large"; an odd block size cuts lines and headers while scanning.
SMALL_CHUNKS = Tuning(large_file=0, chunk_events=7, block=777)


@pytest.fixture(scope="module")
def sample() -> str:
    return generated(300)


#: Every text is parsed with tomllib.
TOMLLIB = Tuning(fast_file=sys.maxsize)


def plain(text: str) -> LoadResult:
    """The reference: one tomllib parse and the full checks on every event."""
    return load_text(text, "big.toml", tuning=TOMLLIB)


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """Load text through load_file with tiny chunks; fails if tomllib is used."""
    monkeypatch.chdir(tmp_path)

    def run(
        content: str | bytes,
        *,
        allow_tomllib: bool = False,
        tuning: Tuning = SMALL_CHUNKS,
        **kwargs: Any,
    ) -> LoadResult:
        data = content.encode("utf-8") if isinstance(content, str) else content
        Path("big.toml").write_bytes(data)
        if allow_tomllib:
            return load_file("big.toml", tuning=tuning, **kwargs)
        with monkeypatch.context() as m:
            m.setattr(tomllib, "loads", _no_tomllib)
            return load_file("big.toml", tuning=tuning, **kwargs)

    return run


def _no_tomllib(text: str) -> dict[str, Any]:
    raise AssertionError("the chunked path fell back to tomllib")


def test_generated_file_is_valid_and_uses_every_date_form(sample: str) -> None:
    result = plain(sample)
    assert result.problems == []
    assert result.timeline is not None and len(result.timeline.events) == 300
    for needle in ('date = "circa ', "relative_to = ", "circa = true", "in_reply_to = ", "-05:00"):
        assert needle in sample
    assert generated(50) == generated(50), "the generator must be deterministic"
    # At scale too: the generator's replies answered any of the last 30 events, of which
    # 3% were dated after the reply once that was warned about; the bench then timed
    # 2,900 warnings at 100,000 events.
    assert plain(generated(5000)).problems == []


def test_the_generator_counts_no_relative_date_from_an_event_with_an_end() -> None:
    # Bug fixed: it counted "3 days after", "after", "the next day" from events with an
    # end_date, which the loader now warns about (the end may have been meant): 41
    # warnings at 10,000 events, thousands in the largest benchmark file.
    events = tomllib.loads(generated(5000))["events"]
    spans = {event["id"] for event in events if "end_date" in event}
    anchors = {event["relative_to"] for event in events if "relative_to" in event}
    assert spans and anchors
    assert not spans & anchors


def test_a_benchmark_file_an_older_generator_wrote_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: benchmarks/data kept a file written before the generator changed when
    # the file was the newer (copied, or written after a checkout), and the benchmarks
    # timed its warnings. Its first line now names the generator's version.
    monkeypatch.syspath_prepend(str(EVENTS.parent / "benchmarks"))
    run = importlib.import_module("run")
    monkeypatch.setattr(run, "DATA", tmp_path)
    stale = tmp_path / "events-30.toml"
    stale.write_text(
        "# Synthetic timeline for benchmarks; written by benchmarks/generate.py.\n\n"
        '[timeline]\ntitle = "Synthetic timeline of 30 events"\n',
        encoding="utf-8",
    )
    later = run.GENERATOR.stat().st_mtime + 3600
    os.utime(stale, (later, later))  # newer than generate.py: its date alone kept it
    assert run.generated(30) == stale
    assert stale.read_text(encoding="utf-8") == generated(30)
    assert run.current(stale)
    written = stale.stat().st_mtime_ns
    run.generated(30)
    assert stale.stat().st_mtime_ns == written, "a file of this version is kept"


def test_chunked_load_equals_plain_load(chunked: Any, sample: str) -> None:
    expected = plain(sample)
    result = chunked(sample)
    assert result.problems == expected.problems == []
    assert result.timeline == expected.timeline


def test_windows_line_endings_give_the_same_timeline(chunked: Any, sample: str) -> None:
    text = sample.replace("\n", "\r\n")
    expected = plain(text)
    assert expected.problems == []
    assert chunked(text) == expected


# ---------------------------------------------------------------------- quick and checked


def both_ways(text: str, zone: str = "") -> tuple[EventReader, EventReader]:
    """Every event of `text` read the quick way by one reader and with every check by
    another; fails if a well-formed event does not take the quick way."""
    events = tomllib.loads(text)["events"]
    quick, checked = Shared(), Shared()
    if zone:
        quick.zone = checked.zone = ZoneInfo(zone)
    lines = headers(text)[1]
    fast, slow = EventReader("big.toml", lines, quick), EventReader("big.toml", lines, checked)
    problems: list[str] = []

    def report(severity: Severity, message: str, key: str, place: tuple[str, int]) -> None:
        problems.append(message)

    for position, raw in enumerate(events):
        row = quick_event(raw)
        assert row is not None and fast.build(row, position), f"event {position} is well-formed"
        slow.check(raw, position, report)
    assert problems == []
    return fast, slow


def test_quick_path_builds_exactly_what_the_checks_build(sample: str) -> None:
    fast, slow = both_ways(sample)
    assert len(fast.events) == 300
    assert fast.events == slow.events
    assert fast.pending == slow.pending


# Unusual but valid events: each must come out the same on the quick and checked paths.
UNUSUAL = [
    'date = 2018-07-19\ntitle = "no id"',
    'id = " padded "\ndate = 2018\ntitle = "year only"',
    'id = "s"\ndate = "2018-07-19T14:05"\ntitle = "t"\nquote = "single"\nquotes = ["bare"]',
    'id = "u"\ndate = "July 8, 2018"\ntitle = "t"\nsource = "https://example.com/x"',
    'id = "l"\ndate = "circa 2018"\ntitle = "t"\nsource = "a label"\ncirca = false',
    'id = "m"\ndate = 2018-07-19\ntitle = "t"\nmedia = { url = "https://x", alt = "y" }',
    'id = "e"\ndate = 2018-07-19\ntitle = "t"\nend_date = "3 days after"\ncirca = true',
    'id = "r"\ndate = "Friday"\nrelative_to = "m"\ntitle = "t"\ncirca = true',
    'id = "b"\ndate = "before"\nrelative_to = "r"\ntitle = "t"\ntags = []',
    'id = "z"\ndate = 2018-07-19T14:05:00Z\ntitle = "t"\nend_date = 2018-07-20',
    'id = "f"\ndate = 2018-07-19T14:05:06+05:30\ntitle = "t"',
    'id = "g"\ndate = 2018-07-19T14:05:00\ntitle = "t"\nend_date = 2018-07-20T23:00:00Z',
    'id = "h"\ndate = 1999\ntitle = "t"\nend_date = "2001-03"',
    'id = "i"\ndate = 2018-07-19T23:30:00-00:00\ntitle = "t"\ncirca = true',
]
UNUSUAL_TEXT = "".join(f"[[events]]\n{body}\n\n" for body in UNUSUAL)


@pytest.mark.parametrize("zone", ["", "America/Chicago"])
def test_quick_path_matches_the_checks_on_unusual_events(zone: str) -> None:
    fast, slow = both_ways(HEAD + UNUSUAL_TEXT, zone)
    assert fast.events == slow.events
    assert fast.pending == slow.pending


# Values of every shape a TOML table can give, for any key of an event or of the
# records inside it: the quick way must give up on each it does not expect (blank
# texts where a label must say something among them).
ODD = st.one_of(
    st.text(max_size=3),
    st.sampled_from(
        ["", " ", "\t\n", "\u3000", "x", "2018-07-19", "Friday", "https://e.com", "confirmed"]
    ),
    st.integers(-2, 2),
    st.booleans(),
    st.dates(),
    st.lists(st.one_of(st.text(max_size=2), st.integers(0, 1)), max_size=2),
)
QUOTE_TABLES = st.dictionaries(
    st.sampled_from([*QUOTE.keys, "bogus"]),
    ODD | st.dictionaries(st.sampled_from(SOURCE.keys), ODD),
)
SOURCE_TABLES = st.dictionaries(st.sampled_from([*SOURCE.keys, "bogus"]), ODD)
TABLES = st.dictionaries(
    st.sampled_from([*EVENT.keys, "quote", "source", "bogus"]),
    ODD
    | st.lists(QUOTE_TABLES | st.text(max_size=2), max_size=2)
    | st.lists(SOURCE_TABLES, max_size=2)
    | SOURCE_TABLES,
).map(lambda table: {"title": "t", "date": "2018-07-19", **table})


@settings(max_examples=400, deadline=None)
@given(raw=TABLES)
def test_the_quick_way_keeps_only_what_the_checks_keep_as_they_keep_it(
    raw: dict[str, Any],
) -> None:
    quick, checked = Shared(), Shared()
    fast, slow = EventReader("f.toml", [], quick), EventReader("f.toml", [], checked)
    problems: list[str] = []
    slow.check(raw, 0, lambda severity, message, key, place: problems.append(message))
    row = quick_event(raw)
    if row is not None and fast.build(row, 0):
        assert problems == []
        # repr, not ==: a plain tuple equals a Quote, and an int a Precision.
        assert repr(fast.events) == repr(slow.events)
        assert fast.pending == slow.pending


@pytest.mark.parametrize("zone", ["", "America/Chicago"])
def test_the_helper_sends_every_kind_of_date_exactly(zone: str) -> None:
    # TOML dates, date-times with and without an offset, with seconds and fractions,
    # integer years, strings, relative dates: as the helper sends them.
    sent = rows_of(UNUSUAL_TEXT.encode(), len(UNUSUAL))  # the chunk after HEAD
    assert sent is not None
    shared = Shared()
    if zone:
        shared.zone = ZoneInfo(zone)
    reader = EventReader("big.toml", headers(HEAD + UNUSUAL_TEXT)[1], shared)
    for position, row in enumerate(marshal.loads(sent[0])):
        assert reader.build(unwire(row), position)
    fast, _ = both_ways(HEAD + UNUSUAL_TEXT, zone)
    assert reader.events == fast.events
    assert reader.pending == fast.pending


def test_the_helper_declines_a_chunk_it_is_unsure_of() -> None:
    text = UNUSUAL_TEXT + "[[events]]\ndate = 2018\ntitle = 5\n"
    assert rows_of(text.encode(), len(UNUSUAL) + 1) is None  # a doubtful event
    assert rows_of(UNUSUAL_TEXT.encode(), len(UNUSUAL) + 1) is None  # a count off
    assert rows_of(b"[[events]\n", 1) is None  # not TOML


# ---------------------------------------------------------------------- the large path


def test_progress_is_reported_while_a_large_file_loads(chunked: Any, sample: str) -> None:
    seen: list[float] = []
    result = chunked(sample, progress=seen.append)
    assert result.timeline is not None
    assert len(seen) > 10
    assert seen == sorted(seen)
    assert 0 < seen[0] < 1 and seen[-1] == 1.0


def broken_sample(sample: str) -> list[str]:
    """The sample's events with problems put in: non-ASCII text before each problem,
    where byte and character offsets differ."""
    events = sample.split("\n[[events]]\n")
    first_id = re.findall(r'^id = "[^"]*"', events[1], re.M)[0]
    events[40] = re.sub(r"\ndate = [^\n]*", '\ndate = "2018-13"', events[40], count=1)
    events[40] = events[40].replace("\ntitle = ", "\ntitel = ", 1)
    events[41] = events[41].replace("\nkind = ", '\nkindd = "é"\nkind = ', 1)
    events[200] = re.sub(r'^id = "[^"]*"', first_id, events[200], count=1, flags=re.M)
    events[201] = events[201].replace("\ntags = [", "\ntags = [1, ", 1)
    events[250] = events[250].replace("\nkind = ", '\nbogus = "a warning only"\nkind = ', 1)
    return events


def test_problems_in_a_large_file_are_located_like_in_a_small_one(
    chunked: Any, sample: str
) -> None:
    text = "\n[[events]]\n".join(broken_sample(sample))
    expected = plain(text)
    assert len(expected.errors) >= 4 and expected.warnings
    result = chunked(text)
    assert result.problems == expected.problems
    assert result.timeline is None


def test_syntax_error_after_non_ascii_text_is_located_exactly(chunked: Any, sample: str) -> None:
    at = sample.index('\ntitle = "', len(sample) // 2) + 1
    text = sample[:at] + 'title = "Zürich" oops ' + sample[at + len("title = ") :]
    line = text.count("\n", 0, at) + 1
    expected = plain(text)
    result = chunked(text, allow_tomllib=True)
    assert result.problems == expected.problems
    # Column 18 counts characters; the bytes before it are 19.
    assert [str(p) for p in result.problems] == [
        f"big.toml:{line}:18: error: TOML syntax: Expected newline or end of document after a statement"
    ]


def test_invalid_utf8_in_a_large_file_is_located(chunked: Any, sample: str, tmp_path: Path) -> None:
    data = sample.encode("utf-8")
    cut = data.index(b"[[events]]", len(data) // 2) + 20
    broken = data[:cut] + b"\xff" + data[cut:]
    result = chunked(broken, allow_tomllib=True)
    (tmp_path / "small.toml").write_bytes(broken)
    expected = load_file("small.toml", tuning=Tuning(large_file=10**12))
    assert [str(p).replace("big", "small") for p in result.problems] == [
        str(p) for p in expected.problems
    ]
    assert "not valid UTF-8 (byte 0xFF)" in str(result.problems[0])


def test_byte_order_mark_on_a_large_file(chunked: Any, sample: str) -> None:
    result = chunked(b"\xef\xbb\xbf" + sample.encode("utf-8"))
    assert [p.message[:40] for p in result.problems] == ["starts with a UTF-8 byte-order mark, whi"]
    assert result.timeline == plain(sample).timeline


def test_timeline_table_after_the_events_still_sets_their_zone(chunked: Any) -> None:
    # The zone changes what 14:05+02:00 becomes; it must apply to every chunk.
    events = "".join(
        f'[[events]]\nid = "e{i}"\ndate = 2018-07-19T14:05:00+02:00\ntitle = "a"\n\n'
        for i in range(20)
    )
    text = events + '[timeline]\ntitle = "T"\ntimezone = "America/Chicago"\n'
    expected = plain(text)
    result = chunked(text, allow_tomllib=True)
    assert result == expected
    assert result.timeline is not None and result.timeline.events[0].when.hour == 7


def test_inline_events_array_before_the_headers_is_an_error_as_in_tomllib(chunked: Any) -> None:
    events = "".join(f'[[events]]\nid = "e{i}"\ndate = 2018\ntitle = "a"\n\n' for i in range(20))
    text = 'events = [{ id = "x", date = 2018, title = "x" }]\n' + events
    expected = plain(text)
    assert expected.timeline is None and "TOML syntax" in str(expected.problems[0])
    assert chunked(text, allow_tomllib=True) == expected


def test_the_loader_leaves_the_garbage_collector_alone(
    chunked: Any, sample: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Process-wide state is the caller's: the loaders never touch it.
    def touched(*args: object) -> None:
        raise AssertionError("the loader changed the garbage collector")

    with monkeypatch.context() as m:
        for name in ("disable", "enable", "freeze", "unfreeze", "collect"):
            m.setattr(gc, name, touched)
        assert chunked(sample).timeline is not None
        assert plain(sample).timeline is not None


def test_collector_paused_restores_what_it_found() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a caller's choice to disable it is kept"
    finally:
        gc.enable()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError
    assert gc.isenabled()


# ---------------------------------------------------------------------- the cache


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample: str) -> Path:
    """A 'large' file in tmp_path, loaded by its short name."""
    monkeypatch.chdir(tmp_path)
    path = Path("big.toml")
    path.write_text(sample, encoding="utf-8")
    return path


LARGE = Tuning(large_file=0, chunk_events=50)


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "timeline").glob("*"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr(chunks, "scan", fail)
    monkeypatch.setattr(tomllib, "loads", fail)


def test_a_second_load_comes_from_the_cache_and_equals_the_first(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: str
) -> None:
    first = load_file(large, tuning=LARGE)
    assert first.timeline is not None and len(entries(tmp_path)) == 1
    with monkeypatch.context() as m:
        no_parsing(m)
        seen: list[float] = []
        again = load_file(large, progress=seen.append, tuning=LARGE)
    assert again == first
    assert again.timeline == plain(sample).timeline
    assert seen == [1.0]
    assert again.timeline is not None and first.timeline is not None
    some = first.timeline.events[7]
    assert again.timeline.index_of(some.id) == 7
    assert again.timeline.replies_to(some.in_reply_to) == first.timeline.replies_to(
        some.in_reply_to
    )


@pytest.mark.parametrize(
    "name", ["events.toml", "provenance.toml", "unusual.toml"], ids=lambda name: name
)
def test_every_field_comes_back_from_the_cache_as_it_was_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dates in zones and at offsets, qualifiers, eras, media, sources, quotes with
    # their own date and source, statuses: each record's fields, read back from rows.
    texts = {
        "events.toml": EVENTS.read_text(encoding="utf-8"),
        "provenance.toml": PROVENANCE.read_text(encoding="utf-8"),
        "unusual.toml": HEAD + UNUSUAL_TEXT,
    }
    path = tmp_path / name
    path.write_text(texts[name], encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=1)
    first = load_file(path, tuning=tuning)
    assert first.timeline is not None and len(entries(tmp_path)) == 1
    with monkeypatch.context() as m:
        no_parsing(m)
        again = load_file(path, tuning=tuning)
    assert again == first
    # repr, not ==: a plain tuple equals a Quote, and an int a Precision.
    assert repr(again.timeline) == repr(first.timeline)


def test_a_deferred_write_is_handed_over_and_done_when_called(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the viewer does: show the file first, write the cache after.
    writes: list[Callable[[], object]] = []
    first = load_file(large, tuning=LARGE, cache_writes=writes)
    assert first.timeline is not None and len(writes) == 1
    assert entries(tmp_path) == []  # nothing written yet
    assert load_file(large, tuning=LARGE) == first  # parsed again, and this one wrote
    for entry in entries(tmp_path):
        entry.unlink()
    writes[0]()
    assert len(entries(tmp_path)) == 1
    with monkeypatch.context() as m:
        no_parsing(m)
        assert load_file(large, tuning=LARGE) == first


def test_warnings_are_kept_in_the_cache(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = large.read_text(encoding="utf-8").replace("\nkind = ", '\nknd = "x"\nkind = ', 1)
    large.write_text(text, encoding="utf-8")
    first = load_file(large, tuning=LARGE)
    assert first.timeline is not None and [p.field for p in first.problems] == ["knd"]
    with monkeypatch.context() as m:
        no_parsing(m)
        assert load_file(large, tuning=LARGE) == first


def test_a_changed_file_is_never_served_from_the_cache(large: Path, tmp_path: Path) -> None:
    before = load_file(large, tuning=LARGE)
    assert before.timeline is not None
    stat = large.stat()
    # Same size and modification time, one letter different: only the hash tells.
    text = large.read_text(encoding="utf-8")
    at = text.index('title = "') + len('title = "')
    changed = text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1 :]
    large.write_text(changed, encoding="utf-8")
    os.utime(large, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert large.stat().st_size == stat.st_size
    after = load_file(large, tuning=LARGE)
    assert after.timeline == plain(changed).timeline != before.timeline
    # And a plain edit, which changes size and time.
    large.write_text(changed + '\n[[events]]\ndate = 2020\ntitle = "new"\n', encoding="utf-8")
    latest = load_file(large, tuning=LARGE)
    assert latest.timeline is not None and len(latest.timeline.events) == 301
    assert len(entries(tmp_path)) == 1, "one entry per file, replaced"


def test_the_cache_keeps_the_name_the_file_was_loaded_by(
    large: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_file(large, tuning=LARGE)
    with monkeypatch.context() as m:
        no_parsing(m)  # one entry serves every spelling of the file's path
        other = load_file(f"./{large}", tuning=LARGE)
    assert other.timeline is not None
    assert other.timeline.files == ("./big.toml",)
    assert {e.file for e in other.timeline.events} == {"./big.toml"}


def test_files_with_errors_are_not_cached(large: Path, tmp_path: Path) -> None:
    large.write_text(large.read_text(encoding="utf-8") + "[[events]]\ntitle = 1\n", "utf-8")
    assert load_file(large, tuning=LARGE).timeline is None
    assert entries(tmp_path) == []


def test_an_unreadable_or_foreign_entry_is_a_miss(large: Path, tmp_path: Path, sample: str) -> None:
    expected = load_file(large, tuning=LARGE)
    (entry,) = entries(tmp_path)
    whole = entry.read_bytes()
    for junk in (b"", b"not an entry", whole[: len(whole) // 2]):
        entry.write_bytes(junk)
        assert load_file(large, tuning=LARGE) == expected
    assert entries(tmp_path) == [entry]


def test_the_cache_can_be_turned_off_or_be_unwritable(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert load_file(large, tuning=LARGE).timeline is not None
    assert not (tmp_path / "cache").exists()
    monkeypatch.delenv("TIMELINE_CACHE")
    (tmp_path / "cache").write_text("a file where the directory should be")
    assert load_file(large, tuning=LARGE).timeline is not None


def test_a_file_changed_while_loading_is_read_again_whole_and_not_cached(
    large: Path, tmp_path: Path, sample: str
) -> None:
    edited = sample + '\n[[events]]\nid = "late"\ndate = 2030\ntitle = "saved meanwhile"\n'

    def save_meanwhile(fraction: float) -> None:
        # An editor saves the file while its chunks are being read.
        if fraction < 1 and large.read_text(encoding="utf-8") != edited:
            large.write_text(edited, encoding="utf-8")

    result = load_file(large, tuning=LARGE, progress=save_meanwhile)
    assert result.timeline == plain(edited).timeline
    assert entries(tmp_path) == []


# ---------------------------------------------------------------------- the helper process


def children() -> set[int]:
    """This process's child processes now (Linux: /proc lists them per thread)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        with (task / "children").open() as file:
            found.update(int(pid) for pid in file.read().split())
    return found


@pytest.fixture
def helped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[..., LoadResult]]:
    """Loads through load_file with the helper process on a small file, tiny chunks and
    no cache; checks that no helper is left running after each load."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    before = children()

    def run(content: str | bytes, **kwargs: Any) -> LoadResult:
        data = content.encode("utf-8") if isinstance(content, str) else content
        Path("big.toml").write_bytes(data)
        tuning = kwargs.pop("tuning", Tuning(large_file=0, chunk_events=7, parallel_file=0))
        try:
            return load_file("big.toml", tuning=tuning, **kwargs)
        finally:
            assert children() <= before, "a helper process is still running"

    yield run


def test_the_helper_gives_the_same_timeline_as_tomllib_and_the_serial_path(
    helped: Callable[..., LoadResult], sample: str
) -> None:
    expected = plain(sample)
    assert expected.problems == []
    result = helped(sample)
    assert result == expected
    alone = load_file("big.toml", tuning=Tuning(large_file=0, chunk_events=7))
    assert alone == result


def test_the_helper_takes_a_file_of_more_chunks_than_a_pipe_holds_the_job_of(
    tmp_path: Path,
) -> None:
    # The chunks' offsets went to the helper in one write to a pipe that holds 64 kB:
    # past about 6,500 chunks (1,000,000 events in chunks of 100) the write fell
    # short, and the helper was dropped without a word, the loader parsing alone.
    count = 8_000
    path = tmp_path / "many.toml"
    path.write_text(
        "".join(f'[[events]]\ntitle = "e{n}"\ndate = 2018-07-16\n' for n in range(count)),
        encoding="utf-8",
    )
    found = chunks.scan(path, 1 << 16)
    firsts = [*range(count), count]  # a chunk an event
    edges = [*found.offsets, found.size]
    assert len(marshal.dumps((edges, firsts))) > 1 << 16
    helper = Helper.start()
    assert helper is not None
    try:
        assert helper.begin(path, found.signature, edges, firsts)
        helper.claim(0)
        sent: set[int] = set()
        while helper.wait():
            sent.update(chunk for chunk, rows, _ in helper.sent() if rows is not None)
    finally:
        helper.close()
    assert sent == set(range(1, count))


def test_the_helper_sends_every_chunk_but_the_first_when_the_loader_waits(
    tmp_path: Path, sample: str
) -> None:
    # The helper alone, the loader never claiming a chunk: every chunk it sends must
    # give the events the loader would have built from it.
    path = tmp_path / "big.toml"
    path.write_text(sample, encoding="utf-8")
    found = chunks.scan(path, 1 << 16)
    firsts = [*range(0, len(found.offsets), 7), len(found.offsets)]
    edges = [[*found.offsets, found.size][i] for i in firsts]
    helper = Helper.start()
    assert helper is not None
    try:
        assert helper.begin(path, found.signature, edges, firsts)
        helper.claim(0)
        got: dict[int, list[Any] | None] = {}
        while helper.wait():
            got.update((chunk, rows) for chunk, rows, _ in helper.sent())
    finally:
        helper.close()
    assert sorted(got) == list(range(1, len(firsts) - 1))
    reference, _ = both_ways(sample)
    for chunk, rows in got.items():
        assert rows is not None, f"chunk {chunk} of well-formed events was declined"
        reader = EventReader("big.toml", found.lines, Shared())
        for n, row in enumerate(rows):
            assert reader.build(unwire(row), firsts[chunk] + n)
        at = firsts[chunk]
        assert reader.events == reference.events[at : at + len(rows)]


def test_problems_are_the_same_and_located_the_same_with_the_helper(
    helped: Callable[..., LoadResult], sample: str
) -> None:
    events = broken_sample(sample)
    text = "\n[[events]]\n".join(events)
    expected = plain(text)
    assert len(expected.errors) >= 4 and expected.warnings
    result = helped(text)
    assert result.problems == expected.problems
    assert result.timeline is None
    # Warnings only: the file loads, with the same warnings in the same places.
    text = "\n[[events]]\n".join([*events[:40], *events[42:200], *events[202:]])
    expected = plain(text)
    assert expected.timeline is not None and len(expected.warnings) == 1
    assert helped(text) == expected


def test_a_syntax_error_with_the_helper_is_reported_as_by_tomllib(
    helped: Callable[..., LoadResult], sample: str
) -> None:
    at = sample.index('\ntitle = "', len(sample) * 3 // 4) + 1
    text = sample[:at] + 'title = "Zürich" oops ' + sample[at + len("title = ") :]
    assert helped(text).problems == plain(text).problems


# Helpers that fail in each way: the load must come out as without them.
FAILING = {
    "cannot start": "raise SystemExit(3)",
    "exits at once": "import os; os._exit(0)",
    "dies after two chunks": (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import os, timeline.read.helper as h\n"
        "real, n = h.rows_of, [0]\n"
        "def rows(*a):\n"
        "    n[0] += 1\n"
        "    if n[0] > 2: os._exit(1)\n"
        "    return real(*a)\n"
        "h.rows_of = rows; h.serve()"
    ),
    "sends garbage": (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import timeline.read.helper as h\n"
        "h.rows_of = lambda *a: (b'not marshal', b''); h.serve()"
    ),
    "stalls on a chunk": (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import threading, timeline.read.helper as h\n"
        "h.rows_of = lambda *a: threading.Event().wait(); h.serve()"
    ),
}


@pytest.mark.parametrize("stored", [0, 1], ids=["made", "kept as rows"])
@pytest.mark.parametrize("boot", FAILING.values(), ids=FAILING.keys())
def test_a_failing_helper_leaves_the_load_to_the_loader(
    helped: Callable[..., LoadResult], sample: str, boot: str, stored: int
) -> None:
    tuning = Tuning(
        large_file=0,
        chunk_events=7,
        parallel_file=0,
        helper_timeout=0.5,
        helper_boot=boot,
        stored_events=stored,
    )
    seen: list[float] = []
    assert helped(sample, tuning=tuning, progress=seen.append) == plain(sample)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_without_a_python_to_start_the_loader_does_it_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    assert Helper.start() is None
    Path("big.toml").write_text(sample, encoding="utf-8")
    tuning = Tuning(large_file=0, chunk_events=7, parallel_file=0)
    assert load_file("big.toml", tuning=tuning) == plain(sample)


def test_progress_is_reported_with_the_helper(
    helped: Callable[..., LoadResult], sample: str
) -> None:
    seen: list[float] = []
    result = helped(sample, progress=seen.append)
    assert result.timeline is not None
    assert len(seen) > 10
    assert seen == sorted(seen)
    assert 0 < seen[0] < 1 and seen[-1] == 1.0


def test_the_helper_is_stopped_when_the_load_is_interrupted(
    helped: Callable[..., LoadResult], sample: str
) -> None:
    calls: list[float] = []

    def interrupt(fraction: float) -> None:
        calls.append(fraction)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        helped(sample, progress=interrupt)  # checks that the helper is gone, too


def test_small_files_do_without_the_helper(
    chunked: Any, sample: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("a helper process for a small file")

    monkeypatch.setattr(Helper, "start", fail)
    assert chunked(sample) == plain(sample)
