"""Filter values as a reader writes them: tags with "#", speakers of quotes, and values
the timeline does not have (which are refused with the valid ones listed)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EVENTS, ROOT, loaded
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.model import Event, Quote, Timeline, When
from timeline.query.facets import known_values
from timeline.query.filter_args import FilterError, parse_filter_args


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return loaded()  # type: ignore[no-any-return]


def kept(timeline: Timeline, *args: str) -> list[str]:
    chosen = parse_filter_args(args, known=known_values(timeline.events))
    kept = chosen.apply(timeline.events)
    assert kept == [n for n, e in enumerate(timeline.events) if chosen.keeps(e)]
    return [timeline.events[i].id for i in kept]


def test_a_tag_matches_as_it_is_shown_with_a_hash(timeline: Timeline) -> None:
    # Bug fixed: the detail pane shows "#cbp", and "tag=#cbp" found nothing.
    assert kept(timeline, "tag=#cbp") == kept(timeline, "tag=cbp")
    assert kept(timeline, "tag=#CBP") == kept(timeline, "tag=cbp") != []
    # A tag written with its "#" in the file is found either way.
    events = (Event(id="m", when=When(2018, 7, 1), title="m", tags=("#MeToo",)),)
    for arg in ("tag=MeToo", "tag=#metoo", "tag=##MeToo"):
        assert parse_filter_args([arg]).apply(events) == [0]


def test_a_speaker_is_whoever_speaks_in_the_event(timeline: Timeline) -> None:
    # Decided for issue 14: the event's speaker, its handle, or a quote's speaker.
    # RAICES's tweet of 19 July is quoted on the events it tells of.
    assert kept(timeline, "speaker=RAICES") == [
        "employees-ask",
        "salesforce-pledge",
        "salesforce-offer",
        "raices-letter",
        "salesforce-refuses",
        "raices-tweet",
    ]
    assert kept(timeline, "speaker=@Benioff") == ["benioff-tweet"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "RAICES", "Benioff"]),
            st.lists(st.sampled_from(["", "RAICES", "raíces", "Benioff", "ICE"]), max_size=3),
        ),
        max_size=8,
    ),
    st.sampled_from(["RAICES", "raices", "Benioff", "ICE"]),
)
def test_apply_agrees_with_keeps_on_quote_speakers(
    raw: list[tuple[str, list[str]]], wanted: str
) -> None:
    events = [
        Event(
            id=f"e{n}",
            when=When(2018, 7, 1 + n),
            title="t",
            speaker=speaker,
            quotes=tuple(Quote("q", who) for who in quoted),
        )
        for n, (speaker, quoted) in enumerate(raw)
    ]
    chosen = parse_filter_args([f"speaker={wanted}"])

    def fold(name: str) -> str:
        return name.casefold().replace("í", "i")

    expected = [
        n
        for n, (speaker, quoted) in enumerate(raw)
        if fold(wanted) in {fold(speaker), *map(fold, quoted)}
    ]
    assert chosen.apply(events) == expected
    assert [n for n, e in enumerate(events) if chosen.keeps(e)] == expected


@pytest.mark.parametrize(
    ("arg", "said"),
    [
        ("kind=twet", "names no kind in the timeline (did you mean 'tweet'?); its kinds: 'tweet'"),
        ("speaker=benioff", "(did you mean '@Benioff'?)"),
        ("group=nobody", "names no group in the timeline; its groups: "),
        ("tag=#nope", "names no tag in the timeline; its tags: 'salesforce', 'cbp'"),
    ],
)
def test_a_value_the_timeline_does_not_have_lists_the_valid_ones(
    timeline: Timeline, arg: str, said: str
) -> None:
    with pytest.raises(FilterError) as raised:
        parse_filter_args([arg], known=known_values(timeline.events))
    assert f"filter {arg!r}" in str(raised.value)
    assert said in str(raised.value)
    # Without what the timeline has, any value is taken.
    assert parse_filter_args([arg]).active


def test_a_long_list_of_values_is_cut() -> None:
    events = [
        Event(id=f"e{n}", when=When(2018, 7, 1), title="t", kind=f"k{n:02}") for n in range(30)
    ]
    with pytest.raises(FilterError, match=r"'k11' and 18 more$"):
        parse_filter_args(["kind=zzz"], known=known_values(events))


def test_the_command_line_lists_the_valid_values() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "print", str(EVENTS), "--filter", "kind=twet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "", "COLUMNS": "100", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert done.returncode == 2
    assert "did you mean 'tweet'?" in done.stderr and "its kinds: 'tweet'" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
