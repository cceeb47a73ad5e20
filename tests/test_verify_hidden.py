"""Text a web page hides from its readers is not what they read: a quote found only
there was verbatim when a stylesheet rule hid it (`.hidden { display: none }`), since
`<style>` rules were not read. It is now not found, an error; and said to be in what
the page hides, where and why, so that a fact-checker who finds it in the file knows
why the checker does not count it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.read.html import page_text
from timeline.read.html_styles import Stylesheet, hidden_by
from timeline.verify.archive_text import text_of
from timeline.verify.match import Match, Outcome, SourceText, check
from timeline.verify.report import HIDDEN_CLOSE, as_dict, line_body

PAGE = """<html><head><style>
.hidden { display: none }
#gone { visibility: hidden }
span.sr-note, .also { display:none !important }
</style></head><body>
<p>The mayor spoke. <span class="hidden">We will close every library tomorrow.</span> Then she left.</p>
<p id="gone">The budget is a disaster for the city.</p>
<p style="display: none">Inline hidden sentence is right here.</p>
<p hidden>Attribute hidden sentence is right here.</p>
<p aria-hidden="true">Aria hidden sentence is visible to readers.</p>
</body></html>
"""


def on_page(quote: str, page: str = PAGE) -> Match:
    return check(quote, SourceText.of(text_of(page.encode(), "html", "a.html")))


@pytest.mark.parametrize(
    ("quote", "line", "why"),
    [
        (
            "We will close every library tomorrow.",
            6,
            'the <span> at line 6, column 21 is hidden by display: none in the rule ".hidden" '
            "of a <style> element",
        ),
        (
            "The budget is a disaster for the city.",
            7,
            'the <p> at line 7, column 1 is hidden by visibility: hidden in the rule "#gone" '
            "of a <style> element",
        ),
        (
            "Inline hidden sentence is right here.",
            8,
            "the <p> at line 8, column 1 is hidden by display: none in its style attribute",
        ),
        (
            "Attribute hidden sentence is right here.",
            9,
            "the <p> at line 9, column 1 is hidden by its hidden attribute",
        ),
    ],
)
def test_a_quote_only_in_hidden_text_is_not_found_and_said_to_be_there(
    quote: str, line: int, why: str
) -> None:
    match = on_page(quote)
    assert match.outcome is Outcome.NOT_FOUND
    assert match.hidden is not None
    assert (match.hidden.outcome, match.hidden.line, match.hidden.why) == (
        Outcome.VERBATIM,
        line,
        why,
    )
    body = line_body(match, "a.html")
    assert body.startswith(
        "error: not found in what a reader of a.html sees; it is in text the page hides "
        f"from its readers, verbatim (line {line}, column "
    )
    # Nothing a reader sees comes close: no unrelated passage and its differences.
    assert body.endswith(
        f"): {why}; no passage a reader sees comes close ({match.score:g}% similar at best)"
    )
    assert match.score < HIDDEN_CLOSE and match.passage not in body
    data = as_dict(match, "a.html")
    assert data["outcome"] == "not_found"
    assert data["hidden"] == {
        "outcome": "verbatim",
        "line": line,
        "column": match.hidden.column,
        "why": why,
    }


def test_what_a_reader_sees_is_checked_as_before() -> None:
    assert on_page("Aria hidden sentence is visible to readers.").outcome is Outcome.VERBATIM
    # The words either side of the hidden span, as a reader reads them.
    assert on_page("The mayor spoke. Then she left.").outcome is Outcome.VERBATIM
    # Not in the page at all: nothing said of hidden text.
    match = on_page("The council will meet on Tuesday.")
    assert match.outcome is Outcome.NOT_FOUND and match.hidden is None
    assert as_dict(match)["hidden"] is None
    # Partly hidden: it is found with the hidden words, which are said.
    match = on_page("The mayor spoke. We will close every library tomorrow.")
    assert match.hidden is not None and 'rule ".hidden"' in match.hidden.why


def test_simple_rules_are_applied_as_a_browser_orders_them() -> None:
    sheet = Stylesheet.of(
        "<style>/* .x { display: none } */ @import url(x.css);"
        "@media print { .a { display: none } } .b { display: none } p.c, #d "
        "{ visibility: hidden } .e .f { display: none } .g { display: none } "
        ".g.h { display: block } .i { display: none !important } "
        ".k { display: none; display: flex }</style>"
        '<style media="print">.j { display: none }</style>'
    )

    def hides(tag: str, **attrs: str) -> bool:
        return bool(hidden_by(tag, list(attrs.items()), sheet))

    assert hides("p", **{"class": "b"}) and hides("p", **{"class": "c"}) and hides("div", id="d")
    assert not hides("span", **{"class": "c"})  # p.c only
    assert not hides("p", **{"class": "x"})  # in a comment
    assert not hides("p", **{"class": "a"}) and not hides("p", **{"class": "j"})  # print
    assert not hides("p", **{"class": "f"})  # a descendant selector: not understood
    assert hides("p", **{"class": "g"}) and not hides("p", **{"class": "g h"})
    assert not hides("p", **{"class": "b", "style": "display: block"})  # its own style wins
    assert hides("p", **{"class": "i", "style": "display: block"})  # but not !important
    assert not hides("p", **{"class": "k"})  # the last declaration wins
    assert not hides("p", **{"aria-hidden": "true"})


def test_a_hidden_svg_ends_where_it_ends() -> None:
    # A page's sprite of icons, hidden: "/>" closed elements after it, as in SVG,
    # so `<div hidden/>` hid nothing and its text was read.
    page = '<svg style="display:none"><symbol id="i"/></svg><div hidden/>unseen</div><p>seen</p>'
    assert page_text(page) == "seen"


def test_verify_fails_on_a_quote_the_page_hides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.html").write_text(PAGE, encoding="utf-8")
    quote = "We will close every library tomorrow."
    (tmp_path / "t.toml").write_text(
        '[[events]]\nid = "h"\ndate = 2024-03-11\ntitle = "Hidden"\n'
        'source = { label = "Article", archive = "sources/a.html" }\n'
        f"[[events.quotes]]\ntext = {json.dumps(quote)}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    assert main(["verify", "t.toml"]) == 1
    out = capsys.readouterr().out
    assert "quote 1: not found in what a reader of sources/a.html sees; it is in text" in out
    assert main(["verify", "--format", "json", "t.toml"]) == 1
    [result] = json.loads(capsys.readouterr().out)["quotes"]
    assert result["hidden"]["outcome"] == "verbatim"


def test_the_source_screen_says_the_quote_is_in_hidden_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from timeline.read import load_any
    from timeline.ui.screens.source import source_content
    from timeline.verify.run import verify

    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    path = tmp_path / "t.toml"
    path.write_text(
        '[[events]]\nid = "h"\ndate = 2024-03-11\ntitle = "Hidden"\n'
        'source = { label = "Article", archive = "a.html" }\n'
        '[[events.quotes]]\ntext = "We will close every library tomorrow."\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TIMELINE_CACHE", "0")
    timeline = load_any(str(path)).timeline
    assert timeline is not None
    [checked] = verify(path, timeline)
    console = Console(width=400, record=True, color_system=None)
    console.print(source_content(checked, tmp_path))
    assert "• it is in text the page hides from its readers, verbatim (line 6" in (
        console.export_text()
    )


def test_a_visible_variant_close_to_a_hidden_quote_is_shown_beside_it() -> None:
    # The page shows a near variant of the words it hides: that passage is worth
    # reading beside where the quote is; one less alike was only noise.
    page = PAGE.replace("Then she left.", "Then she left. We shall close each library tomorrow.")
    match = on_page("We will close every library tomorrow.", page)
    assert match.outcome is Outcome.NOT_FOUND and match.hidden is not None
    assert match.score >= HIDDEN_CLOSE
    body = line_body(match, "a.html")
    assert "closest passage a reader sees (line 6, column 102, " in body
    assert '"We shall close each library tomorrow."' in body
