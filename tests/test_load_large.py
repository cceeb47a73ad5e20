"""The large-file path of timeline.load gives exactly what the plain path gives.

Large files are read as bytes, split at `[[events]]` headers, parsed with rtoml and
validated on a quick path that hands any doubtful event to the full checks. Here
LARGE_FILE and CHUNK_EVENTS are made small, so a few hundred generated events go
through every chunk boundary, and the result is compared with tomllib's whole-file
parse and with the full checks alone. No timings: the benchmark measures speed.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import re
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import timeline.read.toml as load_module
from timeline import cache
from timeline.problems import LoadResult
from timeline.read.toml import load_file, load_text

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
HEAD = '[timeline]\ntitle = "T"\n\n'


def generated(count: int) -> str:
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(count)
    return text


@pytest.fixture(scope="module")
def sample() -> str:
    return generated(300)


def plain(text: str) -> LoadResult:
    """The reference: one tomllib parse and the full checks on every event."""
    return load_text(text, "big.toml")


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """Load text through load_file with tiny chunks; fails if tomllib is used."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(load_module, "LARGE_FILE", 0)
    monkeypatch.setattr(load_module, "CHUNK_EVENTS", 7)
    # Headers are looked for a block at a time: an odd size cuts lines and headers.
    monkeypatch.setattr(load_module, "_BLOCK", 777)

    def run(content: str | bytes, *, allow_tomllib: bool = False, **kwargs: Any) -> LoadResult:
        data = content.encode("utf-8") if isinstance(content, str) else content
        Path("big.toml").write_bytes(data)
        if allow_tomllib:
            return load_file("big.toml", **kwargs)
        with monkeypatch.context() as m:
            m.setattr(tomllib, "loads", _no_tomllib)
            return load_file("big.toml", **kwargs)

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


def test_quick_path_builds_exactly_what_the_checks_build(
    chunked: Any, sample: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = chunked(sample)
    taken: list[int] = []
    real = load_module._Loader._plain_event

    def counting(self: Any, raw: dict[str, Any], index: int) -> bool:
        ok: bool = real(self, raw, index)
        taken.append(ok)
        return ok

    monkeypatch.setattr(load_module._Loader, "_plain_event", counting)
    chunked(sample)
    assert all(taken) and len(taken) == 300, "well-formed events all take the quick path"
    monkeypatch.setattr(load_module._Loader, "_plain_event", lambda *args: False)
    checked = chunked(sample)
    assert checked.problems == quick.problems == []
    assert checked.timeline == quick.timeline


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
]


@pytest.mark.parametrize("timezone", ["", 'timezone = "America/Chicago"\n'])
def test_quick_path_matches_the_checks_on_unusual_events(
    monkeypatch: pytest.MonkeyPatch, timezone: str
) -> None:
    text = f'[timeline]\ntitle = "T"\n{timezone}\n' + "".join(
        f"[[events]]\n{body}\n\n" for body in UNUSUAL
    )
    quick = load_text(text)
    assert quick.problems == []
    monkeypatch.setattr(load_module._Loader, "_plain_event", lambda *args: False)
    assert load_text(text) == quick


def test_progress_is_reported_while_a_large_file_loads(chunked: Any, sample: str) -> None:
    seen: list[float] = []
    result = chunked(sample, progress=seen.append)
    assert result.timeline is not None
    assert len(seen) > 10
    assert seen == sorted(seen)
    assert 0 < seen[0] < 1 and seen[-1] == 1.0


def test_problems_in_a_large_file_are_located_like_in_a_small_one(
    chunked: Any, sample: str
) -> None:
    # Non-ASCII text before each problem: byte and character offsets differ there.
    events = sample.split("\n[[events]]\n")
    first_id = re.findall(r'^id = "[^"]*"', events[1], re.M)[0]
    events[40] = re.sub(r"\ndate = [^\n]*", '\ndate = "2018-13"', events[40], count=1)
    events[40] = events[40].replace("\ntitle = ", "\ntitel = ", 1)
    events[41] = events[41].replace("\nkind = ", '\nkindd = "é"\nkind = ', 1)
    events[200] = re.sub(r'^id = "[^"]*"', first_id, events[200], count=1, flags=re.M)
    events[201] = events[201].replace("\ntags = [", "\ntags = [1, ", 1)
    text = "\n[[events]]\n".join(events)
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
    with pytest.MonkeyPatch.context() as m:
        m.setattr(load_module, "LARGE_FILE", 10**12)
        expected = load_file("small.toml")
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


def test_garbage_collection_is_restored_after_a_load(chunked: Any, sample: str) -> None:
    assert gc.isenabled()
    chunked(sample)
    assert gc.isenabled()
    gc.disable()
    try:
        chunked(sample)
        assert not gc.isenabled(), "a caller's choice to disable it is kept"
    finally:
        gc.enable()
    chunked(sample[: len(sample) // 3] + "\n[[events]]\nid = \n", allow_tomllib=True)
    assert gc.isenabled()


# ---------------------------------------------------------------------- the cache


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample: str) -> Path:
    """A 'large' file (the threshold lowered) in tmp_path, loaded by its short name."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(load_module, "LARGE_FILE", 0)
    monkeypatch.setattr(load_module, "CHUNK_EVENTS", 50)
    path = Path("big.toml")
    path.write_text(sample, encoding="utf-8")
    return path


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "timeline").glob("*"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("parsed although the cache holds this file")

    monkeypatch.setattr(load_module, "_scan", fail)
    monkeypatch.setattr(tomllib, "loads", fail)


def test_a_second_load_comes_from_the_cache_and_equals_the_first(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: str
) -> None:
    first = load_file(large)
    assert first.timeline is not None and len(entries(tmp_path)) == 1
    with monkeypatch.context() as m:
        no_parsing(m)
        seen: list[float] = []
        again = load_file(large, progress=seen.append)
    assert again == first
    assert again.timeline == plain(sample).timeline
    assert seen == [1.0]
    assert again.timeline is not None and first.timeline is not None
    some = first.timeline.events[7]
    assert again.timeline.index_of(some.id) == 7
    assert again.timeline.replies_to(some.in_reply_to) == first.timeline.replies_to(
        some.in_reply_to
    )


def test_a_deferred_write_is_handed_over_and_done_when_called(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the viewer does: show the file first, write the cache after.
    writes: list[Callable[[], None]] = []
    with cache.writes_deferred(writes):
        first = load_file(large)
    assert first.timeline is not None and len(writes) == 1
    assert entries(tmp_path) == []  # nothing written yet
    assert load_file(large, progress=None) == first  # parsed again, and this one wrote
    for entry in entries(tmp_path):
        entry.unlink()
    writes[0]()
    assert len(entries(tmp_path)) == 1
    with monkeypatch.context() as m:
        no_parsing(m)
        assert load_file(large) == first


def test_warnings_are_kept_in_the_cache(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = large.read_text(encoding="utf-8").replace("\nkind = ", '\nknd = "x"\nkind = ', 1)
    large.write_text(text, encoding="utf-8")
    first = load_file(large)
    assert first.timeline is not None and [p.field for p in first.problems] == ["knd"]
    with monkeypatch.context() as m:
        no_parsing(m)
        assert load_file(large) == first


def test_a_changed_file_is_never_served_from_the_cache(large: Path, tmp_path: Path) -> None:
    before = load_file(large)
    assert before.timeline is not None
    stat = large.stat()
    # Same size and modification time, one letter different: only the hash tells.
    text = large.read_text(encoding="utf-8")
    at = text.index('title = "') + len('title = "')
    changed = text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1 :]
    large.write_text(changed, encoding="utf-8")
    os.utime(large, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert large.stat().st_size == stat.st_size
    after = load_file(large)
    assert after.timeline == plain(changed).timeline != before.timeline
    # And a plain edit, which changes size and time.
    large.write_text(changed + '\n[[events]]\ndate = 2020\ntitle = "new"\n', encoding="utf-8")
    latest = load_file(large)
    assert latest.timeline is not None and len(latest.timeline.events) == 301
    assert len(entries(tmp_path)) == 1, "one entry per file, replaced"


def test_the_cache_keeps_the_name_the_file_was_loaded_by(large: Path) -> None:
    load_file(large)
    other = load_file(f"./{large}")
    assert other.timeline is not None
    assert other.timeline.files == ("./big.toml",)
    assert {e.file for e in other.timeline.events} == {"./big.toml"}


def test_files_with_errors_are_not_cached(large: Path, tmp_path: Path) -> None:
    large.write_text(large.read_text(encoding="utf-8") + "[[events]]\ntitle = 1\n", "utf-8")
    assert load_file(large).timeline is None
    assert entries(tmp_path) == []


def test_an_unreadable_or_foreign_entry_is_a_miss(large: Path, tmp_path: Path, sample: str) -> None:
    expected = load_file(large)
    (entry,) = entries(tmp_path)
    for junk in (b"", b"not a pickle", entry.read_bytes()[: entry.stat().st_size // 2]):
        entry.write_bytes(junk)
        assert load_file(large) == expected
    assert entries(tmp_path) == [entry]


def test_the_cache_can_be_turned_off_or_be_unwritable(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert load_file(large).timeline is not None
    assert not (tmp_path / "cache").exists()
    monkeypatch.delenv("TIMELINE_CACHE")
    (tmp_path / "cache").write_text("a file where the directory should be")
    assert load_file(large).timeline is not None


def test_a_file_changed_while_loading_is_read_again_whole_and_not_cached(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: str
) -> None:
    monkeypatch.setattr(load_module, "file_signature", lambda path: (0, 0, 0))
    result = load_file(large)
    assert result.timeline == plain(sample).timeline
    assert entries(tmp_path) == []


# ---------------------------------------------------------------------- the helper process


class Helped:
    """Loads through load_file with the helper process on a small file, tiny chunks and no
    cache, and keeps each helper it started to check that none is left running."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.started: list[Any] = []
        real = load_module._Helper.start.__func__  # type: ignore[attr-defined]

        def start(cls: type[Any]) -> Any:
            helper = real(cls)
            assert helper is not None, "the helper process could not be started"
            self.started.append(helper)
            return helper

        monkeypatch.setattr(load_module._Helper, "start", classmethod(start))

    def __call__(self, content: str | bytes, *, slow: bool = False, **kwargs: Any) -> LoadResult:
        """Load `content`; `slow` makes the loader's own chunks slow, so the helper's
        share is larger."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        Path("big.toml").write_bytes(data)
        with self.monkeypatch.context() as m:
            if slow:
                real = load_module._Loader._take_document

                def take(loader: Any, *args: Any) -> None:
                    time.sleep(0.005)
                    real(loader, *args)

                m.setattr(load_module._Loader, "_take_document", take)
            try:
                return load_file("big.toml", **kwargs)
            finally:
                self.check_stopped()

    def check_stopped(self) -> None:
        assert self.started, "the helper was not used"
        for helper in self.started:
            assert helper._process.returncode is not None, "the helper process is still running"


@pytest.fixture
def helped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Helped:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    monkeypatch.setattr(load_module, "LARGE_FILE", 0)
    monkeypatch.setattr(load_module, "PARALLEL_FILE", 0)
    monkeypatch.setattr(load_module, "CHUNK_EVENTS", 7)
    return Helped(monkeypatch)


@pytest.fixture
def kept_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """First events of the chunks the loader kept from the helper's rows."""
    kept: list[int] = []
    real = load_module._Loader._take_rows

    def take_rows(loader: Any, rows: list[Any], first: int) -> bool:
        ok: bool = real(loader, rows, first)
        if ok:
            kept.append(first)
        return ok

    monkeypatch.setattr(load_module._Loader, "_take_rows", take_rows)
    return kept


@pytest.mark.parametrize("slow", [False, True])
def test_the_helper_gives_the_same_timeline_as_tomllib_and_the_serial_path(
    helped: Helped, sample: str, monkeypatch: pytest.MonkeyPatch, kept_rows: list[int], slow: bool
) -> None:
    expected = plain(sample)
    assert expected.problems == []
    result = helped(sample, slow=slow)
    assert result == expected
    if slow:
        assert len(kept_rows) > 5, "the helper's chunks were not used"
    monkeypatch.setattr(load_module, "PARALLEL_FILE", 10**12)
    assert load_file("big.toml") == result


def test_the_helper_sends_every_kind_of_date_exactly(helped: Helped, kept_rows: list[int]) -> None:
    # TOML dates, date-times with and without an offset, with seconds and fractions,
    # integer years, strings, relative dates: as the helper sends them, in a time zone or not.
    bodies = [
        *UNUSUAL,
        'id = "f"\ndate = 2018-07-19T14:05:06.250+05:30\ntitle = "t"',
        'id = "g"\ndate = 2018-07-19T14:05:00\ntitle = "t"\nend_date = 2018-07-20T23:00:00Z',
        'id = "h"\ndate = 1999\ntitle = "t"\nend_date = "2001-03"',
        'id = "i"\ndate = 2018-07-19T23:30:00-00:00\ntitle = "t"\ncirca = true',
    ]
    filler = [f'[[events]]\nid = "x{n}"\ndate = 2018\ntitle = "x"\n\n' for n in range(200)]
    events = "".join(f"[[events]]\n{body}\n\n" for body in bodies)
    for timezone in ("", 'timezone = "America/Chicago"\n'):
        # The unusual events at every position in a chunk, and after the helper has started.
        for shift in range(7):
            head = '[timeline]\ntitle = "T"\n' + timezone + "".join(filler[: 150 + shift])
            text = head + events + "".join(filler[150 + shift :])
            expected = plain(text)
            assert expected.problems == [], expected.problems
            kept_rows.clear()
            assert helped(text, slow=True) == expected
            assert any(first > 150 for first in kept_rows)


def test_problems_are_the_same_and_located_the_same_with_the_helper(
    helped: Helped, sample: str
) -> None:
    events = sample.split("\n[[events]]\n")
    first_id = re.findall(r'^id = "[^"]*"', events[1], re.M)[0]
    events[40] = re.sub(r"\ndate = [^\n]*", '\ndate = "2018-13"', events[40], count=1)
    events[40] = events[40].replace("\ntitle = ", "\ntitel = ", 1)
    events[41] = events[41].replace("\nkind = ", '\nkindd = "é"\nkind = ', 1)
    events[200] = re.sub(r'^id = "[^"]*"', first_id, events[200], count=1, flags=re.M)
    events[201] = events[201].replace("\ntags = [", "\ntags = [1, ", 1)
    events[250] = events[250].replace("\nkind = ", '\nbogus = "a warning only"\nkind = ', 1)
    text = "\n[[events]]\n".join(events)
    expected = plain(text)
    assert len(expected.errors) >= 4 and expected.warnings
    for slow in (False, True):
        result = helped(text, slow=slow)
        assert result.problems == expected.problems
        assert result.timeline is None
    # Warnings only: the file loads, with the same warnings in the same places.
    text = "\n[[events]]\n".join([*events[:40], *events[42:200], *events[202:]])
    expected = plain(text)
    assert expected.timeline is not None and len(expected.warnings) == 1
    assert helped(text, slow=True) == expected


def test_a_syntax_error_with_the_helper_is_reported_as_by_tomllib(
    helped: Helped, sample: str
) -> None:
    at = sample.index('\ntitle = "', len(sample) * 3 // 4) + 1
    text = sample[:at] + 'title = "Zürich" oops ' + sample[at + len("title = ") :]
    assert helped(text, slow=True).problems == plain(text).problems


# Helpers that fail in each way: the load must come out as without them.
FAILING = {
    "cannot start": "raise SystemExit(3)",
    "exits at once": "import os; os._exit(0)",
    "dies after two chunks": (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import os, timeline.read.toml as t\n"
        "real, n = t._rows, [0]\n"
        "def rows(*a):\n"
        "    n[0] += 1\n"
        "    if n[0] > 2: os._exit(1)\n"
        "    return real(*a)\n"
        "t._rows = rows; t._serve()"
    ),
    "sends garbage": (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import timeline.read.toml as t\n"
        "t._rows = lambda *a: b'not marshal'; t._serve()"
    ),
    "stalls on a chunk": (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import time, timeline.read.toml as t\n"
        "t._rows = lambda *a: time.sleep(600); t._serve()"
    ),
}


@pytest.mark.parametrize("boot", FAILING.values(), ids=FAILING.keys())
def test_a_failing_helper_leaves_the_load_to_the_loader(
    helped: Helped, sample: str, monkeypatch: pytest.MonkeyPatch, boot: str
) -> None:
    monkeypatch.setattr(load_module, "_BOOT", boot)
    monkeypatch.setattr(load_module, "HELPER_TIMEOUT", 0.5)
    seen: list[float] = []
    assert helped(sample, slow=True, progress=seen.append) == plain(sample)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_without_a_python_to_start_the_loader_does_it_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    monkeypatch.setattr(load_module, "LARGE_FILE", 0)
    monkeypatch.setattr(load_module, "PARALLEL_FILE", 0)
    monkeypatch.setattr(load_module, "CHUNK_EVENTS", 7)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    assert load_module._Helper.start() is None
    Path("big.toml").write_text(sample, encoding="utf-8")
    assert load_file("big.toml") == plain(sample)


def test_progress_is_reported_with_the_helper(helped: Helped, sample: str) -> None:
    seen: list[float] = []
    result = helped(sample, slow=True, progress=seen.append)
    assert result.timeline is not None
    assert len(seen) > 10
    assert seen == sorted(seen)
    assert 0 < seen[0] < 1 and seen[-1] == 1.0


def test_the_helper_is_stopped_when_the_load_is_interrupted(helped: Helped, sample: str) -> None:
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
    def fail(cls: type[Any]) -> None:
        raise AssertionError("a helper process for a small file")

    monkeypatch.setattr(load_module._Helper, "start", classmethod(fail))
    assert chunked(sample) == plain(sample)


def test_redated_is_a_replace(sample: str) -> None:
    result = plain(sample)
    assert result.timeline is not None
    event, other = result.timeline.events[5], result.timeline.events[9]
    for end in (None, other.when):
        assert load_module._redated(event, other.when, end) == event._replace(
            when=other.when, end=end
        )
