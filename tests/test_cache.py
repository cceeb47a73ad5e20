"""The cache of large files cannot run code, serves nothing changed, and keeps to itself."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import cache
from timeline.cli import main
from timeline.read.toml import Tuning, load_file

EVENTS = Path(__file__).resolve().parent.parent / "events.toml"
LARGE = Tuning(large_file=0, chunk_events=2)
#: And cached in slices of 3 events.
SLICED = LARGE._replace(cache_slice=3)


@pytest.fixture
def large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "story.toml"
    path.write_text(EVENTS.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def store(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "timeline"


def only_entry(tmp_path: Path) -> Path:
    (entry,) = store(tmp_path).glob("*.entry")
    return entry


def test_a_large_file_whose_name_is_not_utf8_is_cached_without_a_traceback(
    large: Path, tmp_path: Path
) -> None:
    # Bug fixed: `café.toml` saved by a Latin-1 system, large enough to be cached,
    # ended `check` and the viewer in a traceback (UnicodeEncodeError): its entry was
    # named from the path encoded as text, which its byte that is not UTF-8 is not.
    path = tmp_path / os.fsdecode(b"caf\xe9.toml")
    large.rename(path)
    first = load_file(path, tuning=LARGE)  # parsed, and its entry written
    assert first.timeline is not None and first.problems == []
    assert only_entry(tmp_path).exists()
    assert load_file(path, tuning=LARGE) == first  # read back from it
    # Every other name's entry is where it was: named from the same bytes.
    expected = hashlib.sha256(str(large.resolve()).encode()).hexdigest()[:32]
    large.write_text(EVENTS.read_text(encoding="utf-8"), encoding="utf-8")
    load_file(large, tuning=LARGE)
    assert (store(tmp_path) / f"{expected}.entry").exists()


def test_a_planted_pickle_runs_nothing(large: Path, tmp_path: Path) -> None:
    # Bug fixed: the cache called pickle.load on a predictable path before any check,
    # so a file planted there ran a command during `timeline check`.
    first = load_file(large, tuning=LARGE)
    entry = only_entry(tmp_path)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    entry.write_bytes(pickle.dumps(Payload()))
    assert load_file(large, tuning=LARGE) == first
    assert not marker.exists()


def test_a_changed_byte_in_an_entry_is_a_miss_never_a_changed_title(
    large: Path, tmp_path: Path
) -> None:
    # Bug fixed: a one-byte change inside an entry served a changed title.
    first = load_file(large, tuning=LARGE)
    assert first.timeline is not None
    entry = only_entry(tmp_path)
    data = entry.read_bytes()
    title = first.timeline.title.encode()
    at = data.index(title)
    entry.write_bytes(data[:at] + b"X" + data[at + 1 :])
    again = load_file(large, tuning=LARGE)
    assert again.timeline is not None and again.timeline.title == first.timeline.title


@pytest.mark.parametrize("stored", [0, 1], ids=["made", "stored"])
def test_a_changed_byte_in_an_event_is_a_miss_never_a_changed_event(
    large: Path, tmp_path: Path, stored: int
) -> None:
    # A change in a slice of events is found before any event is read, whether they
    # are all made or made as they are asked for (timeline/store.py).
    first = load_file(large, tuning=LARGE)
    assert first.timeline is not None
    entry = only_entry(tmp_path)
    data = entry.read_bytes()
    title = first.timeline.events[-1].title.encode()
    at = data.index(title)
    entry.write_bytes(data[:at] + b"X" + data[at + 1 :])
    again = load_file(large, tuning=LARGE._replace(stored_events=stored))
    assert again.timeline is not None
    assert [e.title for e in again.timeline.events] == [e.title for e in first.timeline.events]


def test_the_folder_is_private_and_others_entries_are_ignored(large: Path, tmp_path: Path) -> None:
    os.umask(0o022)
    load_file(large, tuning=LARGE)
    folder = store(tmp_path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    entry = only_entry(tmp_path)
    assert cache.get(large, str(large)) is not None
    # An entry someone else could have written is not trusted.
    entry.chmod(0o666)
    assert cache.get(large, str(large)) is None
    entry.chmod(0o600)
    folder.chmod(0o777)
    assert cache.get(large, str(large)) is None
    folder.chmod(0o700)
    assert cache.get(large, str(large)) is not None


def test_what_a_killed_writer_left_is_removed_by_the_next(large: Path, tmp_path: Path) -> None:
    folder = store(tmp_path)
    folder.mkdir(parents=True)
    stale = folder / "0123.abcd.partial"
    stale.write_bytes(b"half an entry")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = folder / "4567.efgh.partial"  # another writer, still at work
    fresh.write_bytes(b"being written")
    load_file(large, tuning=LARGE)
    assert not stale.exists()
    assert fresh.exists()


def test_entries_unused_for_a_month_are_pruned(large: Path, tmp_path: Path) -> None:
    folder = store(tmp_path)
    folder.mkdir(parents=True)
    forgotten = folder / "feed.entry"
    forgotten.write_bytes(b"an old entry")
    old = time.time() - 40 * 24 * 3600
    os.utime(forgotten, (old, old))
    load_file(large, tuning=LARGE)
    assert not forgotten.exists()
    assert len(list(folder.glob("*.entry"))) == 1


def test_cache_clear_removes_every_entry(
    large: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_file(large, tuning=LARGE)
    assert list(store(tmp_path).glob("*.entry"))
    assert main(["cache", "clear"]) == 0
    assert list(store(tmp_path).glob("*")) == []
    out = capsys.readouterr().out
    assert "removed 1 cached timeline" in out and str(store(tmp_path)) in out


def test_with_the_cache_off_what_it_wrote_before_is_said_and_cleared(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Turned off, the cache said "nothing is cached" and cleared nothing, with a full
    # copy of the story still on disk: the README offers both as the way to keep a
    # confidential story off the disk.
    load_file(large, tuning=LARGE)
    (entry,) = store(tmp_path).glob("*.entry")
    capsys.readouterr()
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert str(store(tmp_path)) in out and "still holds 1 cached timeline (" in out, out
    assert "turned off (TIMELINE_CACHE=0)" in out and "timeline cache clear" in out
    assert main(["cache", "clear"]) == 0
    out = capsys.readouterr().out
    assert not entry.exists() and list(store(tmp_path).glob("*")) == []
    assert "removed 1 cached timeline" in out and "TIMELINE_CACHE=0" in out
    assert main(["cache", "clear"]) == 0  # nothing left: said, not an error
    assert "removed 0 cached timelines" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["0", "off", "No"])
def test_cache_info_says_plainly_that_the_cache_is_off_and_by_what(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    # It said "0 cached timelines, 0.0 MB, written before the cache was turned off":
    # as if the cache were on and empty, and always naming TIMELINE_CACHE=0.
    monkeypatch.setenv("TIMELINE_CACHE", value)
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{store(tmp_path)}: the cache is turned off (TIMELINE_CACHE={value})")
    assert "it holds nothing" in out and "written before" not in out, out
    assert main(["cache", "clear"]) == 0
    assert f"the cache is turned off: TIMELINE_CACHE={value}" in capsys.readouterr().out


def _writer_for(large: Path, tuning: Tuning = LARGE) -> cache.Writer:
    """The deferred write of a load of `large`, as the viewer is handed it."""
    writes: list[Callable[[], object]] = []
    assert load_file(large, tuning=tuning, cache_writes=writes).timeline is not None
    (write,) = writes
    assert isinstance(write, cache.Writer)
    return write


def test_a_write_given_up_leaves_neither_an_entry_nor_a_temporary_file(
    large: Path, tmp_path: Path
) -> None:
    # Slices of 3 events: several, so a write can stop between them.
    write = _writer_for(large, SLICED)
    asked: list[bool] = []
    seen: list[list[str]] = []

    def stopped() -> bool:
        # Asked before each part: the file is half written when it says stop.
        seen.append(sorted(p.suffix for p in store(tmp_path).iterdir()))
        asked.append(len(asked) >= 2)
        return asked[-1]

    write(stopped)
    assert seen[-1] == [".partial"], "it had begun"
    assert list(store(tmp_path).iterdir()) == []
    write()  # not stopped: the whole entry
    assert only_entry(tmp_path).stat().st_size > 0
    assert list(store(tmp_path).glob("*.partial")) == []


def test_reading_a_large_entry_reports_progress(large: Path, tmp_path: Path) -> None:
    first = load_file(large, tuning=SLICED)
    assert first.timeline is not None and len(first.timeline.events) == 10
    seen: list[float] = []
    again = load_file(large, tuning=SLICED, progress=seen.append)
    assert again == first
    # After each slice of 3 of the 10 events, then done.
    assert seen == [0.3, 0.6, 0.9, 1.0]


def test_every_spelling_of_the_path_shares_one_entry(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The key is the resolved file: a relative path, an absolute one, one through a
    # symbolic link to its folder and one with `..` in it are one entry, read back
    # without parsing, each with the name it was given by.
    (tmp_path / "link").symlink_to(tmp_path)
    (tmp_path / "sub").mkdir()
    first = load_file("story.toml", tuning=LARGE)
    assert first.timeline is not None
    entry = only_entry(tmp_path)

    def fail(*args: object) -> None:
        raise AssertionError("parsed although the cache holds this file")

    from timeline.read import chunks

    monkeypatch.setattr(chunks, "scan", fail)
    for name in (str(large), "./story.toml", "link/story.toml", "sub/../story.toml"):
        again = load_file(name, tuning=LARGE)
        assert again.timeline is not None and again.timeline.files == (name,)
        assert again.timeline.events == tuple(e._replace(file=name) for e in first.timeline.events)
    assert list(store(tmp_path).iterdir()) == [entry]


def test_a_title_taken_from_the_file_name_is_the_name_it_is_read_under(
    large: Path, tmp_path: Path
) -> None:
    # A timeline without a title takes its file's name, and one entry serves every name
    # of the file. Through a link, the cache gave the name of whichever wrote the entry.
    text = large.read_text(encoding="utf-8")
    untitled = tmp_path / "notitle.toml"
    untitled.write_text(text.replace('title = "', 'headline = "', 1), encoding="utf-8")
    (tmp_path / "alias.toml").symlink_to(untitled)
    fresh = load_file("notitle.toml", tuning=LARGE._replace(large_file=10**12))  # read whole
    assert fresh.timeline is not None and fresh.timeline.title == "notitle"
    first = load_file("alias.toml", tuning=LARGE)  # writes the entry
    assert first.timeline is not None and first.timeline.title == "alias"
    again = load_file("notitle.toml", tuning=LARGE)  # from it
    assert len(list(store(tmp_path).glob("*.entry"))) == 1
    assert again.timeline is not None and again.timeline.title == "notitle"
    assert again.problems == fresh.problems
    # A title the file gives is its own under any name, "" included.
    for title in ("alias", ""):
        untitled.write_text(
            text.replace('title = "', f'title = "{title}" # "', 1), encoding="utf-8"
        )
        load_file("notitle.toml", tuning=LARGE)
        again = load_file("notitle.toml", tuning=LARGE)
        assert again.timeline is not None and again.timeline.title == title
        assert load_file("alias.toml", tuning=LARGE).timeline.title == title  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda text: text, id="as is"),
        pytest.param(
            lambda text: text[text.index("[[events]]") :] + "\n" + text[: text.index("[[events]]")],
            id="[timeline] after the events",
        ),
        pytest.param(
            lambda text: text.replace(
                'id = "employees-ask"\n',
                "id = \"employees-ask\"\nnotes = '''a file quoted:\n[[events]]\n'''\n",
            ),
            id="a header quoted in a string",
        ),
    ],
)
def test_a_file_read_whole_for_its_shape_is_cached_too(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[str], str]
) -> None:
    # A file the chunks cannot stand for is read whole; it was never cached, so each open
    # of a large file with [timeline] at its end paid the whole parse again.
    large.write_text(edit(large.read_text(encoding="utf-8")), encoding="utf-8")
    first = load_file(large, tuning=LARGE)
    assert first.timeline is not None and len(first.timeline.events) == 10
    entry = only_entry(tmp_path)

    from timeline.read import chunks

    def fail(*args: object) -> None:
        raise AssertionError("read again although the cache holds this file")

    monkeypatch.setattr(chunks, "scan", fail)
    assert load_file(large, tuning=LARGE) == first
    assert list(store(tmp_path).iterdir()) == [entry]


@pytest.mark.parametrize("value", ["0", "off", "OFF", "false", "no", " 0 "])
def test_the_cache_is_off_however_off_is_written(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    # Bug fixed: only "0" turned it off; TIMELINE_CACHE=off (or false, no) left it on,
    # and a full copy of a confidential story was written to the disk without a word.
    monkeypatch.setenv("TIMELINE_CACHE", value)
    assert cache.directory() is None
    assert load_file(large, tuning=LARGE).timeline is not None
    assert list(tmp_path.glob("cache/timeline/*")) == []


@pytest.mark.parametrize("value", ["disabled", "none", "n", "maybe"])
def test_a_value_that_is_neither_on_nor_off_turns_the_cache_off(
    large: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
) -> None:
    # Bug fixed: TIMELINE_CACHE=disabled (or none, n) left the cache on, and a full copy
    # of a confidential story was written to the disk: it is set only to turn it off.
    monkeypatch.setenv("TIMELINE_CACHE", value)
    assert cache.directory() is None
    assert load_file(large, tuning=LARGE).timeline is not None
    assert list(tmp_path.glob("cache/timeline/*")) == []
    assert main(["cache", "info"]) == 0
    assert capsys.readouterr().out.startswith(
        f"{store(tmp_path)}: the cache is turned off (TIMELINE_CACHE={value}, which is not "
        "1, on, true or yes)"
    )


@pytest.mark.parametrize("value", ["1", "on", "TRUE", "yes", ""])
def test_the_cache_is_on_however_on_is_written(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("TIMELINE_CACHE", value)
    assert cache.directory() is not None


def test_a_relative_xdg_cache_home_is_ignored_as_the_spec_says(
    large: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: XDG_CACHE_HOME=cache wrote a full copy of the story under the current
    # folder (a clone of a newsroom's repository, say), where the next command run
    # from elsewhere never looked; the XDG spec says to ignore a relative path.
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert cache.location() == home / ".cache" / "timeline"
    assert load_file(large, tuning=LARGE).timeline is not None
    assert not (tmp_path / "relative").exists()
    assert len(list((home / ".cache" / "timeline").glob("*.entry"))) == 1


@pytest.mark.parametrize("where", ["", "timeline"])
def test_a_file_where_the_cache_must_be_is_said_and_loads_go_on_without_it(
    large: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    # Bug fixed: with XDG_CACHE_HOME naming a regular file, `cache info` said "0 cached
    # timelines" as of a cache in use, and every load of a large file went on without
    # it and without a word (read in full every time). Likewise a file in the place of
    # the cache's own folder.
    blocker = tmp_path / "cache"
    if where:
        blocker.mkdir()
        blocker = blocker / where
    blocker.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    why = (
        f"{blocker} is a file, not a folder"
        if where
        else f"XDG_CACHE_HOME names {blocker}, which is a file, not a folder"
    )
    assert cache.unusable() == why
    assert main(["cache", "info"]) == 0
    assert capsys.readouterr().out == (
        f"{cache.location()}: the cache cannot be used there: {why}; it holds nothing, "
        "and large files are read in full every time\n"
    )
    assert main(["cache", "clear"]) == 0
    assert "there is nothing to remove" in capsys.readouterr().out
    # A load goes on without the cache, and says why once, where it was run.
    assert load_file(large, tuning=LARGE).timeline is not None
    assert load_file(large, tuning=LARGE).timeline is not None
    said = (
        f"the cache cannot be used: {why}; large files are read in full every time "
        "(`timeline cache info` says where the cache is)"
    )
    assert cache.went_without() == said
    assert cache.went_without() == ""  # taken: said once
    # `check` of a large file (1 MB): its verdict, then why the cache was not used.
    big = tmp_path / "big.toml"
    big.write_text(large.read_text(encoding="utf-8") + "# padding\n" * 100_000, encoding="utf-8")
    assert main(["check", str(big)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"{big}: ok, 10 events\n", f"timeline: warning: {said}\n")
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    # A small file never wants the cache: nothing to say.
    assert main(["check", str(large)]) == 0
    assert capsys.readouterr().err == ""


def test_an_entry_that_cannot_be_written_is_said_once_and_the_command_goes_on(
    tmp_path: Path,
) -> None:
    # Bug fixed: a cache folder that could not be written to (a read-only disk, a
    # folder of another user's, a full disk) was skipped without a word, and every
    # open of a large file read it in full. Here the system refuses files over 64 KiB
    # to the process (`ulimit -f`), which stops root too: its entry is larger.
    import resource
    import subprocess

    from conftest import default_signals, generated

    def small_files_only() -> None:
        default_signals()
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    # Two files of 1 MB and more, each large enough to be cached: said once.
    text = generated(2000)
    files = [tmp_path / "big.toml", tmp_path / "other.toml"]
    files[0].write_text(text, encoding="utf-8")
    files[1].write_text(text.replace('"e0', '"f0'), encoding="utf-8")  # other ids
    assert all(path.stat().st_size > 1024**2 for path in files)
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "check", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=small_files_only,
        env=os.environ,  # XDG_CACHE_HOME in tmp_path (conftest)
    )
    assert done.returncode == 0
    assert done.stdout == f"{files[0]}: ok, 2000 events\n{files[1]}: ok, 2000 events\n"
    folder = cache.location()
    assert done.stderr == (
        f"timeline: warning: the cache could not be written in {folder}: File too large; "
        "large files are read in full every time until it can be (`timeline cache info` "
        "says where the cache is)\n"
    )
    assert list(folder.iterdir()) == []  # nothing half written left behind


def test_leaving_while_a_thread_still_imports_the_cache_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by the benchmark: q at the first screen while a thread loading 100,000
    # events was importing timeline.cache ended the viewer in a traceback
    # (AttributeError: partially initialized module 'timeline.cache' has no attribute
    # 'went_without'), as the command line asked the module what to say on leaving.
    import types

    from timeline.cli import _say_cache_unused

    monkeypatch.setitem(sys.modules, "timeline.cache", types.ModuleType("timeline.cache"))
    _say_cache_unused()
    assert capsys.readouterr().err == ""
