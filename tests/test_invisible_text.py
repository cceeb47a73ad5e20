"""Characters that show nothing get visible stand-ins; joined emoji and joining scripts
stay whole; rows laid out in columns get emoji whose width terminals agree on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from timeline.model import Event, Quote, Timeline, When
from timeline.read.toml import load_text
from timeline.text import clean, clean_page, is_clean, one_line, steady_width, visible
from timeline.write import csv, html, json, markdown, timelinejs, toml

FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
RAINBOW = "\U0001f3f3\ufe0f\u200d\U0001f308"
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Sales\u200bforce", "Sales<U+200B>force"),  # a zero-width space
        ("word\u2060joiner", "word<U+2060>joiner"),
        ("bom\ufeffinside", "bom<U+FEFF>inside"),
        ("mongolian\u180evowel", "mongolian<U+180E>vowel"),
        ("invisible\u2062times", "invisible<U+2062>times"),
        ("a\u200db", "a<U+200D>b"),  # a joiner between letters that do not join
        ("a\u200cb", "a<U+200C>b"),
        (f"{FAMILY}\u200d", f"{FAMILY}<U+200D>"),  # joining nothing after it
        ("\u200d\U0001f469", "<U+200D>\U0001f469"),
        ("\U0001f469\u200c\U0001f469", "\U0001f469<U+200C>\U0001f469"),
        # Tag characters spell hidden text ("AB"); outside a flag they are shown.
        ("hid\U000e0041\U000e0042den", "hid<U+E0041><U+E0042>den"),
        ("\U0001f3f4\U000e0041\U000e007f", "\U0001f3f4<U+E0041><U+E007F>"),
        ("line\u2028separator", "line<U+2028>separator"),
    ],
)
def test_what_shows_nothing_gets_a_stand_in(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert visible(raw) == shown
    assert one_line(raw) == shown
    assert not is_clean(raw)
    assert is_clean(shown)


@pytest.mark.parametrize(
    "text",
    [
        f"family {FAMILY}",
        f"pride {RAINBOW}",
        f"flag {SCOTLAND}",
        "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # a woman with a skin tone at a laptop
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: ZWNJ inside a word
        "\u0915\u094d\u200d\u0937",  # Devanagari: ZWJ asks for the half form
        "\u0d28\u0d4d\u200d",  # Malayalam chillu: ZWJ ends the word
    ],
)
def test_joiners_that_join_stay(text: str) -> None:
    if text.endswith("\u200d"):
        # Malayalam's chillu ends a word with ZWJ; followed by a letter it is kept.
        text += "\u0d2e"
    assert clean(text) == text
    assert is_clean(text)


def test_line_separators_never_vanish_from_a_row() -> None:
    # A row folds whitespace; U+2028 and U+2029 are line breaks to str.split and must
    # show as themselves rather than as a space, or nothing.
    assert one_line("a\u2028b\u2029c") == "a<U+2028>b<U+2029>c"
    assert one_line("a\u2028b", limit=1) == "a…"
    assert one_line("ab\u2028", limit=5) == "ab<U+2028>"


PIECES = [
    *"ab \u200b\u200c\u200d\u2060\ufeff\ufe0f\u0645\u0915\u094d",
    FAMILY,
    RAINBOW,
    SCOTLAND,
    "\U0001f469",
    "\U0001f3f4",
    "\U000e0041",
    "\U000e007f",
    "\x1b",
    "\u061c",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_clean_is_idempotent_and_agrees_with_is_clean(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert is_clean(once)
    assert is_clean(text) is (once == text)


@pytest.mark.parametrize(
    ("text", "steady"),
    [
        (f"Family {FAMILY}", "Family \U0001f469\U0001f469\U0001f467\U0001f466"),
        (f"Pride {RAINBOW}", "Pride \U0001f3f3\U0001f308"),
        ("\u2764\ufe0f", "\u2764"),
        ("\U0001f44d\U0001f3fd", "\U0001f44d"),
        ("1\ufe0f\u20e3", "1\u20e3"),
        ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u0937"),
        ("plain text, é and 日本", "plain text, é and 日本"),
    ],
)
def test_steady_width_is_as_wide_as_every_terminal_draws_it(text: str, steady: str) -> None:
    assert steady_width(text) == steady
    # Character by character, as a terminal that joins nothing counts it, and as Rich
    # counts the whole: the same.
    assert cell_len(steady) == sum(cell_len(char) for char in steady)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        # Bug fixed: these were shown raw, unlike U+200B and U+2061 beside them. Format
        # characters: a soft hyphen, the interlinear annotation marks (tmux draws U+FFF9
        # a cell wider than Rich counts: the rail's pane divider moved), the deprecated
        # format characters, an Arabic number sign.
        ("soft\u00adhyphen", "soft<U+00AD>hyphen"),
        ("inter\ufff9lin\ufffaear\ufffb", "inter<U+FFF9>lin<U+FFFA>ear<U+FFFB>"),
        ("a\u206ab\u206fc", "a<U+206A>b<U+206F>c"),
        ("sign\u0600", "sign<U+0600>"),
        # Blanks Python counts as printable: the Hangul fillers (U+3164 is drawn two cells
        # wide where Rich counts none), the combining grapheme joiner, Khmer's invisible
        # inherent vowel, the blank braille pattern.
        ("hangul\u3164filler", "hangul<U+3164>filler"),
        ("\u115f\u1160\uffa0", "<U+115F><U+1160><U+FFA0>"),
        ("cgj\u034fx", "cgj<U+034F>x"),
        ("khmer\u17b4", "khmer<U+17B4>"),
        ("braille\u2800blank", "braille<U+2800>blank"),
        # Private use (a glyph only some font has, a cell wide or two), noncharacters, and
        # code points not assigned in this Python's Unicode.
        ("pua\ue000x", "pua<U+E000>x"),
        ("\U000f0000\U0010fffd", "<U+F0000><U+10FFFD>"),
        ("non\ufdd0\uffff\U0001ffff", "non<U+FDD0><U+FFFF><U+1FFFF>"),
        ("unassigned\u0378", "unassigned<U+0378>"),
        # Among text that takes the slower way: line breaks, a no-break space, an emoji.
        ("two\nlines\u00a0\u00ad", "two\nlines\u00a0<U+00AD>"),
        (f"{FAMILY}\u3164{SCOTLAND}\ue000", f"{FAMILY}<U+3164>{SCOTLAND}<U+E000>"),
    ],
)
def test_every_character_that_does_not_show_as_itself_gets_a_stand_in(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert visible(raw) == shown.replace("\n", "␊")
    assert one_line(raw) == " ".join(shown.split())
    assert not is_clean(raw)
    assert is_clean(shown)
    # Pages written to files (HTML, Markdown) keep them: a browser draws a soft hyphen
    # as its author meant, and the file holds it.
    assert clean_page(raw) == raw


def test_exports_keep_what_the_screen_shows_as_stand_ins() -> None:
    hidden = "soft\u00adhyphen hangul\u3164filler pua\ue000x inter\ufff9linear"
    quote = Quote(f"{hidden}\u2800", "Speaker\u034f")
    event = Event("a", When(2019, 1, 1), hidden, quotes=(quote,), tags=("t\u00adag",))
    timeline = Timeline("Invisible", (event,))
    back = load_text(toml.dumps(timeline)).timeline
    assert back is not None
    got = back.events[0]
    assert (got.title, got.quotes, got.tags) == (event.title, event.quotes, event.tags)
    for dumps in (html.dumps, markdown.dumps, json.dumps, timelinejs.dumps, csv.dumps):
        out = dumps(timeline)
        assert "<U+" not in out and ("\\u00ad" in out or hidden in out), dumps
