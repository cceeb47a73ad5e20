"""Exports of a large cached file read its events from the cache as they are written.

1,000,000 events to TimelineJS held the whole timeline and then the text: 5.7 GB.
Written from the cache entry a slice of events at a time, an export holds a slice,
and writes exactly what the loaded timeline gives.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import tracemalloc
from pathlib import Path

import pytest
from conftest import generated

from timeline import cache
from timeline.cli import main
from timeline.read.toml import stream_cached

#: Over the 1 MB from which a file is large (and cached): 4,000 events, 2.3 MB.
COUNT = 4_000


@pytest.fixture(scope="module")
def text() -> str:
    return generated(COUNT)


@pytest.fixture
def big(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "big.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 0  # writes its cache entry
    assert list((tmp_path / "cache" / "timeline").glob("*.entry"))
    return path


def export(path: Path, to: str, out: str, *more: str) -> int:
    return main(["export", str(path), "--to", to, "-o", out, *more])


@pytest.mark.parametrize("to", ["timelinejs", "csv", "json"])
@pytest.mark.parametrize("private", [False, True])
def test_an_export_from_the_cache_is_the_export_of_the_file_itself(
    big: Path, to: str, private: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    more = ("--private",) if private else ()
    found = stream_cached(big)
    assert found is not None  # what the export reads: the entry, not the file
    found.close()
    assert export(big, to, "cached.out", *more) == 0
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert export(big, to, "read.out", *more) == 0
    cached, read = Path("cached.out").read_bytes(), Path("read.out").read_bytes()
    assert cached == read
    # Every event: a slide each in TimelineJS; a row each, after the heading, in CSV;
    # a start's precision each in JSON.
    sign = {"timelinejs": b'"unique_id"', "csv": b"\r\n", "json": b'"precision"'}[to]
    assert cached.count(sign) >= COUNT


def peak_of_export(path: Path, to: str, out: str) -> int:
    tracemalloc.start()
    try:
        assert export(path, to, out) == 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("to", ["timelinejs", "csv", "json"])
def test_an_export_from_the_cache_holds_a_slice_of_the_events_not_all_of_them(
    big: Path, to: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed = peak_of_export(big, to, "cached.out")
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    whole = peak_of_export(big, to, "read.out")
    # A slice is a thousand of the 4,000 events; the whole timeline is all of them,
    # with what loading them takes.
    assert streamed < whole / 3


def without_a_slice(entry: Path) -> None:
    """Rewrite a cache entry without one of its slices of events, with a trailer that
    matches: checked whole, it passes."""
    part, trailer = struct.Struct("<Q"), struct.Struct("<Q32s")
    data = entry.read_bytes()
    first = data.index(b"\n", data.index(b"\n") + 1) + 1  # after the magic and the header
    body = data[first : len(data) - trailer.size]
    parts, at = [], 0
    while at < len(body):
        (length,) = part.unpack_from(body, at)
        parts.append(body[at : at + part.size + length])
        marshal.loads(parts[-1][part.size :])  # each is whole
        at += part.size + length
    assert len(parts) > 4  # the heading, slices, the dates, the columns
    kept = b"".join(parts[:2] + parts[3:])
    entry.write_bytes(data[:first] + kept + trailer.pack(len(kept), hashlib.sha256(kept).digest()))


def test_an_entry_short_of_a_slice_is_a_miss(big: Path, tmp_path: Path) -> None:
    (entry,) = (tmp_path / "cache" / "timeline").glob("*.entry")
    without_a_slice(entry)
    # Its parts are counted against its heading before any event is read.
    assert cache.stream(big, str(big)) is None
    assert cache.get(big, str(big)) is None
    assert export(big, "csv", "out.csv") == 0
    assert Path("out.csv").read_text(encoding="utf-8").count("\n") > COUNT


def test_an_entry_that_stops_short_is_said_and_nothing_is_written(
    big: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Checked whole when opened, then cut short while it is read, as a failing disk
    # would: the export stops, says so, and writes nothing.
    (entry,) = (tmp_path / "cache" / "timeline").glob("*.entry")
    opened = cache.stream

    def cut_once_open(path: Path, name: str) -> cache.Streamed | None:
        found = opened(path, name)
        assert found is not None  # it passes the checks made up front
        os.truncate(entry, entry.stat().st_size // 2)
        return found

    monkeypatch.setattr(cache, "stream", cut_once_open)
    capsys.readouterr()
    assert export(big, "csv", "out.csv") == 1
    err = capsys.readouterr().err
    assert str(big) in err and "cut short" in err and "TIMELINE_CACHE=0" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.toml", "cache"]


def test_width_is_refused_for_a_text_export_cached_or_not(
    big: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for cache_on in ("1", "0"):
        monkeypatch.setenv("TIMELINE_CACHE", cache_on)
        assert export(big, "csv", "out.csv", "--width", "800") == 2
        assert "--width is for --to svg, png or pdf" in capsys.readouterr().err
    assert not Path("out.csv").exists()


def test_a_file_read_as_another_format_is_never_exported_from_a_toml_entry(
    big: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The entry is keyed on the file the name resolves to: a link named .json to a
    # cached TOML file was exported from the entry, 4,000 events, where `check` and an
    # uncached export said the JSON is not JSON.
    link = tmp_path / "big-link.json"
    link.symlink_to(big)
    capsys.readouterr()
    assert main(["check", str(link)]) == 1
    checked = capsys.readouterr().out
    assert "JSON" in checked
    assert export(link, "csv", "out.csv") == 1
    assert not Path("out.csv").exists()
    said = capsys.readouterr()
    assert checked.strip() in said.out + said.err
