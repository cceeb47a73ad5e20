"""Exports in linear time and bounded memory, with exactly the text they always gave.

TimelineJS JSON and the spreadsheet CSV are made a slide at a time (`chunks`), and
HTML escaping works on whole strings instead of a character at a time. What they
write is compared with the whole-dictionary way they were written before, on the
shipped files and on drawn timelines; how much work and memory they take is
counted (Python lines run, memory traced), never timed.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from conftest import EVENTS, ROOT, generated, lines_run
from hypothesis import given, settings
from hypothesis import strategies as st
from timelines import timeline_files

from timeline.interchange import COLUMNS, escape
from timeline.model import Timeline
from timeline.read.html import parse
from timeline.read.toml import load_text
from timeline.text import _UNSAFE_PAGE, escape_unsafe, stand_in
from timeline.write import csv as csv_writer
from timeline.write import timelinejs

PROVENANCE = ROOT / "tests" / "fixtures" / "provenance.toml"
SPACES = " \t\n\r\f"


def escaped_a_character_at_a_time(text: str) -> str:
    """What `escape` is defined to give, written the plain way (as it was), with the
    characters a page shows as stand-ins (`clean_page`) as stand-in spans."""
    out: list[str] = []
    last = len(text) - 1
    unseen = {
        found.start()
        for found in _UNSAFE_PAGE.pattern.finditer(text)
        if len(found.group()) == 1 and found.group() not in SPACES  # not a flag's tags
    }
    for i, char in enumerate(text):
        if i in unseen:
            shown = stand_in(char).replace("<", "&lt;").replace(">", "&gt;")
            out.append(f'<span class="timeline-unseen">{shown}</span>')
        elif char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "\n":
            out.append("<br>")
        elif char == " ":
            lone = 0 < i < last and text[i - 1] not in SPACES and text[i + 1] not in SPACES
            out.append(" " if lone else "&#32;")
        elif char in SPACES:
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


TRICKY = st.text(
    alphabet=st.sampled_from(
        [*SPACES, "&", "<", ">", "a", "é", "\u00a0", "\v", "\u202e", "\u200d", "👩"]
    )
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.one_of(TRICKY, st.text()))
def test_escape_gives_what_it_always_gave_and_reads_back(text: str) -> None:
    assert escape(text) == escaped_a_character_at_a_time(text)
    assert parse(f"<p>{escape(text)}</p>").text == text


def test_escape_does_not_run_a_line_of_python_per_character() -> None:
    # It ran five per character: 100,000 lines for this text.
    assert lines_run(lambda: escape("a word, & <b> " * 1_000)) < 20


def reference_json(timeline: Timeline, private: bool) -> str:
    text = json.dumps(timelinejs.to_dict(timeline, private=private), ensure_ascii=False, indent=2)
    return escape_unsafe(text) + "\n"


def reference_csv(timeline: Timeline, private: bool) -> str:
    data = timelinejs.to_dict(timeline, private=private)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(csv_writer._row(data["title"], "title"))
    for era in data.get("eras", []):
        writer.writerow(csv_writer._row(era, "era"))
    for slide in data["events"]:
        writer.writerow(csv_writer._row(slide))
    return out.getvalue()


def same_as_before(timeline: Timeline) -> None:
    for private in (False, True):
        assert timelinejs.dumps(timeline, private=private) == reference_json(timeline, private)
        assert csv_writer.dumps(timeline, private=private) == reference_csv(timeline, private)


@pytest.mark.parametrize("text", ["events", "provenance", "generated"])
def test_exports_give_the_text_they_gave_before(text: str) -> None:
    source = {
        "events": lambda: EVENTS.read_text(encoding="utf-8"),
        "provenance": lambda: PROVENANCE.read_text(encoding="utf-8"),
        "generated": lambda: generated(1_200),  # more than one piece of CSV
    }[text]()
    timeline = load_text(source).timeline
    assert timeline is not None
    same_as_before(timeline)
    same_as_before(Timeline(title=timeline.title, events=()))


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(timeline_files(max_events=4))
def test_drawn_timelines_export_as_before(text: str) -> None:
    timeline = load_text(text).timeline
    if timeline is not None:
        same_as_before(timeline)


def held_while_writing(timeline: Timeline, chunks: Callable[..., Any]) -> int:
    """The most memory an export holds while its pieces are written away as they come
    (to a file, here to nowhere)."""
    tracemalloc.start()
    try:
        for _ in chunks(timeline):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("chunks", [timelinejs.chunks, csv_writer.chunks], ids=["json", "csv"])
def test_an_export_written_as_it_comes_holds_no_more_for_more_events(
    chunks: Callable[..., Any],
) -> None:
    # The whole-dictionary way held every slide (about 6 KB for each event, three times
    # the text) and then the whole text as well. Written as it comes, what is held grows
    # only with what is cached about dates and the longest row, not with the text.
    held, written = [], []
    for count in (800, 3_200):
        timeline = load_text(generated(count)).timeline
        assert timeline is not None
        written.append(sum(len(piece) for piece in chunks(timeline)))
        held.append(held_while_writing(timeline, chunks))
    assert held[1] - held[0] < (written[1] - written[0]) / 10


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(value=JSON_VALUES, depth=st.integers(min_value=0, max_value=3))
def test_each_slide_is_written_as_json_would_write_it(value: object, depth: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert timelinejs._nested(value, depth) == expected


def test_writing_a_slide_leaves_nothing_for_the_collector() -> None:
    # json's indenting encoder is closures that refer to each other: a cycle per call,
    # which a command line that pauses the collector kept until exit (2.6 GB at 1,000,000).
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        for _ in range(1_000):
            timelinejs._nested({"text": {"headline": "a", "list": [1, None, True]}}, 2)
        assert len(gc.get_objects()) - before < 100
    finally:
        gc.enable()
