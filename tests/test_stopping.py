"""Work given up from outside its thread (timeline/stopping.py), and the viewer's work in
threads waiting while the reader presses keys (timeline/ui/threads.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from timeline.model import Event, When
from timeline.query.search import haystacks
from timeline.stopping import Stopped, awaited, check, stoppable
from timeline.ui import threads
from timeline.ui.collector import IDLE_COLLECT
from timeline.ui.threads import waiting_for_the_reader


def test_a_pass_stops_at_its_next_slice_once_given_up() -> None:
    events = tuple(Event(f"e{n}", When(2000, 1, 1), f"Event {n}") for n in range(5_000))
    given_up = threading.Event()
    folded = []
    with stoppable(given_up.is_set), pytest.raises(Stopped):
        for text in haystacks(events):
            folded.append(text)
            if len(folded) == 1_500:
                given_up.set()
    assert len(folded) == 2_000  # the rest of its slice of 1,000, no more
    check()  # outside, nothing is given up
    assert len(list(haystacks(events))) == len(events)


def test_the_pause_comes_before_the_question() -> None:
    calls: list[str] = []

    def stopped() -> bool:
        calls.append("stopped?")
        return True

    with stoppable(stopped, lambda: calls.append("pause")), pytest.raises(Stopped):
        check()
    assert calls == ["pause", "stopped?"]


def test_work_waits_until_the_reader_has_paused() -> None:
    pressed = time.monotonic()
    pause = waiting_for_the_reader(lambda: pressed, lambda: False)
    pause()
    assert time.monotonic() - pressed >= IDLE_COLLECT
    pause()  # paused long enough already: at once, whatever the clock says


def test_work_given_up_does_not_wait_for_the_reader() -> None:
    # The reader never stops pressing keys: only giving up ends the wait.
    given_up = threading.Event()
    asked: list[int] = []

    def stopped() -> bool:
        asked.append(1)
        if len(asked) == 3:
            given_up.set()
        return given_up.is_set()

    waiting_for_the_reader(time.monotonic, stopped)()
    assert given_up.is_set() and len(asked) == 3


def test_work_in_the_background_waits_for_work_the_reader_waits_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bug fixed: a search typed after a first open of 1,000,000 events shared the
    # interpreter with the cache being written, and took 62 s to answer. The writing
    # now waits while the search's text is made.
    waited = threading.Event()
    sleep = threads._sleep

    def waiting(seconds: float) -> None:
        waited.set()
        sleep(min(seconds, 0.01))

    monkeypatch.setattr(threads, "_sleep", waiting)
    holding, release = threading.Event(), threading.Event()

    def awaited_work() -> None:
        with awaited():
            holding.set()
            assert release.wait(timeout=60)

    worker = threading.Thread(target=awaited_work)
    worker.start()
    assert holding.wait(timeout=60)
    returned: list[bool] = []

    def background() -> None:
        waiting_for_the_reader(lambda: float("-inf"), lambda: False)()  # no key pressed
        returned.append(release.is_set())

    writer = threading.Thread(target=background)
    writer.start()
    assert waited.wait(timeout=60)  # it waits...
    release.set()
    worker.join()
    writer.join()
    assert returned == [True]  # ...until the awaited work is done
    # The awaited work waits only for the reader's keys, not for itself or its like.
    waited.clear()
    with awaited():
        waiting_for_the_reader(lambda: float("-inf"), lambda: False, yielding=False)()
    assert not waited.is_set()


def test_work_that_waits_for_awaited_work_never_waits_for_work_waiting_for_it(
    tmp_path: Path,
) -> None:
    # Found reviewing the change above: the viewer's writer, making the search text
    # beside a cache entry (holding its lock), would wait for a search the reader waits
    # for, itself waiting for that lock: neither would ever end.
    from timeline.cache_beside import making
    from timeline.store import Entry

    entry = Entry(tmp_path / "story.entry", "0" * 64)
    searching, got, given_up = threading.Event(), threading.Event(), threading.Event()

    def writer() -> None:
        with making(entry, ".search"):
            assert searching.wait(timeout=60)
            waiting_for_the_reader(lambda: float("-inf"), given_up.is_set)()

    def search() -> None:
        with awaited():
            searching.set()
            with making(entry, ".search"):
                got.set()

    threads_ = [threading.Thread(target=writer), threading.Thread(target=search)]
    for thread in threads_:
        thread.start()
    got_it = got.wait(timeout=60)
    given_up.set()  # (so that the test ends either way)
    for thread in threads_:
        thread.join()
    assert got_it, "the search never got what the writer was making"
