"""Fuzzing the readers: whatever a file holds, loading it ends, soon, without an exception.

Inputs are valid timelines in each format (TOML, TimelineJS JSON, the spreadsheet's
CSV) cut, spliced and sprinkled with hostile characters, and JSON of any shape. Each
is written to a file and loaded with `load_any`, as every command does. A file that
loads must then print and export without an exception, and every problem must be
safe to show. Each input must finish within BOUND seconds: a generous bound, checked
by a timer that interrupts a hang instead of letting the suite wait for ever.
"""

from __future__ import annotations

import io
import json
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from timelines import timeline_files

from timeline.read import load_any
from timeline.read.toml import load_text
from timeline.show.citation import event_citation
from timeline.show.printing import print_timeline
from timeline.write import csv as csv_writer
from timeline.write import render
from timeline.write import timelinejs as timelinejs_writer
from timeline.write import toml as toml_writer

#: Seconds any one input may take, start to end (loading takes milliseconds).
BOUND = 10
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)
FUZZ = settings(
    max_examples=60,
    deadline=None,  # the bound is enforced by `bounded`, whatever the machine's load
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class TookTooLong(Exception):
    """An input ran past BOUND seconds."""


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Raise TookTooLong in the block after `seconds` (on the main thread: SIGALRM)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TookTooLong(f"an input took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x1b]0;x\x07",
        "\x9b",
        "\u202e",
        "\ud800",
        "\\ud800",
        '"',
        "'",
        "\\",
        "[",
        "{",
        "]]",
        "<!--",
        "-->",
        "<!--timeline:",
        "\n",
        "\r",
        ",",
        "=",
        "[[events]]\n",
        "9" * 5000,
        "[" * 3000,
        "<b>" * 2000,
        "\ufeff",
    ]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The text cut, spliced, repeated and sprinkled with hostile pieces."""
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            text = draw(HOSTILE)
            continue
        at = draw(st.integers(0, len(text)))
        action = draw(st.integers(0, 3))
        if action == 0:
            text = text[:at]  # a truncated file
        elif action == 1:
            text = text[:at] + draw(st.one_of(HOSTILE, st.text(max_size=20))) + text[at:]
        elif action == 2:
            end = draw(st.integers(at, len(text)))
            text = text[:at] + text[end:]
        else:
            end = draw(st.integers(at, min(len(text), at + 200)))
            text = text[:end] + text[at:end] * draw(st.integers(1, 5)) + text[end:]
    return text


@st.composite
def files(draw: st.DrawFn, suffix: str) -> str:
    """A file of the format `suffix`: a valid one exported then mutated, or random text."""
    source = draw(timeline_files(max_events=3))
    loaded = load_text(source, "seed.toml").timeline
    if suffix == ".toml" or loaded is None:
        text = source
    elif suffix == ".json":
        text = timelinejs_writer.dumps(loaded)
    else:
        text = csv_writer.dumps(loaded)
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text())
    return draw(mutated(text))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
SLIDE_KEYS = st.sampled_from(
    ["start_date", "end_date", "text", "media", "group", "display_date", "background", "x"]
)


@st.composite
def json_shapes(draw: st.DrawFn) -> str:
    """TimelineJS JSON with any value in any slot."""
    slides = draw(
        st.lists(st.dictionaries(SLIDE_KEYS, JSON_VALUES, max_size=6), min_size=0, max_size=4)
    )
    for slide in slides:
        if draw(st.booleans()):
            slide["start_date"] = {"year": draw(st.one_of(st.integers(), st.text()))}
    data: dict[str, Any] = {"events": slides}
    if draw(st.booleans()):
        data["title"] = draw(JSON_VALUES)
    if draw(st.booleans()):
        data["eras"] = draw(JSON_VALUES)
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


def check_file(folder: Path, suffix: str, text: str) -> None:
    """Load the text as a file, then use what loaded as every command would."""
    path = folder / f"fuzz{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with bounded(BOUND):
        result = load_any(path)
        for problem in result.problems:
            assert UNSAFE.search(str(problem)) is None, str(problem)
        timeline = result.timeline
        if timeline is None:
            assert result.errors, "no timeline and no error to say why"
            return
        print_timeline(timeline, io.StringIO())
        for to in ("json", "timelinejs", "csv", "markdown"):
            render(timeline, to).encode("utf-8")
        for event in timeline.events:
            event_citation(event).encode("utf-8")
        with suppress(toml_writer.UnwritableDate):  # `import` says it, with the event
            toml_writer.dumps(timeline).encode("utf-8")


@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv"])
@FUZZ
@given(data=st.data())
def test_no_file_makes_a_reader_raise_or_hang(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: st.DataObject
) -> None:
    text = data.draw(files(suffix))
    check_file(tmp_path_factory.mktemp("fuzz"), suffix, text)


@FUZZ
@given(text=json_shapes())
def test_json_of_any_shape_never_makes_the_reader_raise(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    check_file(tmp_path_factory.mktemp("fuzz"), ".json", text)


def test_the_bound_interrupts_a_hang() -> None:
    with pytest.raises(TookTooLong), bounded(0.05):
        threading.Event().wait()  # blocks until interrupted
