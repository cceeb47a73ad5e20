"""The HTML page (`export --to html`), read back with Python's own HTML parser.

What a browser does with it (search, filters, keys, no request, no script from the
file) is in test_html_browser.py; here: the markup, the escaping, the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from conftest import generated
from hostile import HOSTILE, hostile_timeline
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.model import Era, Event, Media, Precision, Quote, Source, Timeline, When
from timeline.query.search import event_fields
from timeline.read import load_any
from timeline.read.toml import load_text
from timeline.text import clean_page as clean
from timeline.text import one_line_page as one_line
from timeline.write import FORMATS, html, render

ROOT = Path(__file__).resolve().parent.parent
CHICAGO = ZoneInfo("America/Chicago")
VOID = {"meta", "br", "input", "link", "img", "hr", "source", "wbr", "area", "col", "embed"}


class Node:
    """An element of the page: its tag, attributes, children and text."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Node(tag, dict(attrs), self.at))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def parse(page: str) -> Node:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.at is builder.root, f"<{builder.at.tag}> is never closed"
    return builder.root


def events_toml() -> Timeline:
    result = load_any(ROOT / "events.toml")
    assert result.timeline is not None
    return result.timeline


def event_item(doc: Node, dom_id: str) -> Node:
    found = [n for n in doc.find_all("li", "event") if n.attrs.get("id") == dom_id]
    assert len(found) == 1, dom_id
    return found[0]


# ---------------------------------------------------------------- the page's structure


def test_html_is_an_export_format() -> None:
    assert "html" in FORMATS
    assert render(events_toml(), "html").startswith("<!DOCTYPE html>\n")


def test_every_event_is_an_item_of_an_ordered_list_with_its_id() -> None:
    timeline = events_toml()
    doc = parse(html.dumps(timeline))
    items = doc.find_all("li", "event")
    assert [i.attrs["id"] for i in items] == [e.id for e in timeline.events]
    assert all(i.parent is not None and i.parent.tag == "ol" for i in items)
    # Under month headings, in order.
    assert [h.text() for h in doc.find_all("h2") if h.parent and h.parent.tag == "section"] == [
        "July 2018"
    ]


def test_the_title_summary_and_source_head_the_page() -> None:
    doc = parse(html.dumps(events_toml()))
    assert doc.find("title").text() == "RAICES declines Salesforce's $250,000"
    assert doc.find("h1").text() == "RAICES declines Salesforce's $250,000"
    assert "zero tolerance" in doc.find("p", "summary").text()
    assert doc.find("p", "credit").text().startswith("Source: RAICES Rejects $250,000")


def test_quotes_are_blockquotes_with_the_speaker_cited() -> None:
    timeline = events_toml()
    doc = parse(html.dumps(timeline))
    letter = event_item(doc, "raices-letter")
    quotes = letter.find_all("blockquote")
    assert [q.text() for q in quotes] == [q.text for q in timeline.get("raices-letter").quotes]  # type: ignore[union-attr]
    cites = [f.find("cite").text() for f in letter.find_all("figure", "quote")]
    assert cites == ["RAICES"] * 6
    # Line breaks inside a quote are kept: as written, shown by the page's pre-wrap
    # (with every space; leading, trailing and repeated ones were dropped).
    tweet = event_item(doc, "raices-tweet").find("blockquote")
    written = timeline.get("raices-tweet").quotes[0].text  # type: ignore[union-attr]
    assert "\n" in written and tweet.text() == written
    assert "white-space: pre-wrap" in html.dumps(timeline)


def test_dates_carry_datetime_at_their_precision() -> None:
    events = (
        Event("bce", When(-500, precision=Precision.YEAR), "Old"),
        Event("y", When(1999, precision=Precision.YEAR), "Year"),
        Event("m", When(2018, 7, precision=Precision.MONTH), "Month"),
        Event("d", When(2018, 7, 16), "Day", end=When(2018, 7, 19)),
        Event("h", When(2018, 7, 16, 14, precision=Precision.HOUR), "Hour"),
        Event("hz", When(2018, 7, 16, 14, precision=Precision.HOUR, tz=CHICAGO), "Hour, zone"),
        Event("s", When(2018, 7, 16, 14, 5, 6, precision=Precision.SECOND), "Second"),
    )
    doc = parse(html.dumps(Timeline("T", events)))

    def datetimes(ident: str) -> list[str | None]:
        return [t.attrs.get("datetime") for t in event_item(doc, ident).find_all("time")]

    assert datetimes("y") == ["1999"]
    assert datetimes("m") == ["2018-07"]
    assert datetimes("d") == ["2018-07-16", "2018-07-19"]
    # HTML has no hour-only form: the nearest valid one, the text saying what is known.
    assert datetimes("h") == ["2018-07-16T14:00"]
    assert datetimes("hz") == ["2018-07-16T14:00-05:00"]
    assert datetimes("s") == ["2018-07-16T14:05:06"]
    # No HTML form for years before 1: shown, without a datetime.
    assert datetimes("bce") == []
    assert event_item(doc, "bce").find("span", "date").text() == "500 BCE"
    assert [h.text() for h in doc.find_all("h2")] == ["500 BCE", "1999", "July 2018"]


def test_the_display_date_is_shown_and_the_start_stays_machine_readable() -> None:
    event = Event("a", When(2018, 7, 16), "T", display_date="Mid-July 2018")
    time = parse(html.dumps(Timeline("T", (event,)))).find("time")
    assert (time.text(), time.attrs["datetime"]) == ("Mid-July 2018", "2018-07-16")


def test_derived_dates_say_how_they_were_worked_out() -> None:
    doc = parse(html.dumps(events_toml()))
    derived = event_item(doc, "raices-letter").find("p", "derived").text()
    assert derived.startswith("Date written as “Monday”: the Monday on or before “RAICES announces")


def test_related_events_are_links_inside_the_page() -> None:
    doc = parse(html.dumps(events_toml()))
    ids = {n.attrs["id"] for n in doc.find_all("li", "event")}
    related = event_item(doc, "raices-letter").find("ul", "related")
    links = related.find_all("a")
    assert links
    for link in links:
        href = link.attrs["href"]
        assert href is not None and href.startswith("#") and href[1:] in ids
    assert "Dated from: RAICES announces it has refused Salesforce's donation" in related.text()


def test_a_reply_to_an_event_not_in_the_timeline_is_said_not_linked() -> None:
    event = Event("a", When(2018, 7, 2), "A", in_reply_to="gone")
    related = event_item(parse(html.dumps(Timeline("T", (event,)))), "a").find("ul", "related")
    assert related.text().strip() == "In reply to: gone (not in this timeline)"
    assert related.find_all("a") == []


@pytest.mark.parametrize("private", [False, True], ids=["public", "private"])
@pytest.mark.parametrize("name", ["events.toml", "tests/fixtures/provenance.toml"])
def test_search_looks_in_the_fields_the_viewers_search_does(name: str, private: bool) -> None:
    # The script folds the text of the elements marked "f"; event_fields is the viewer's.
    # Research notes are on the private page only, so only there are they searched.
    result = load_any(ROOT / name)
    timeline = result.timeline
    assert timeline is not None
    doc = parse(html.dumps(timeline, private=private))
    for event in timeline.events:
        item = event_item(doc, event.id)
        marked = [n for n in item.iter() if "f" in (n.attrs.get("class") or "").split()]
        shown = " ".join(" ".join(n.text().split()) for n in marked)
        shown += " " + " ".join(n.attrs.get("href") or "" for n in marked if n.tag == "a")
        searched = event if private else event._replace(notes="")
        for text in event_fields(searched):
            assert " ".join(text.split()) in shown, (event.id, text)
        if event.notes and not private:
            assert event.notes.split()[0] not in item.text()
        # Nothing else: the media caption, the dates and related titles are not searched.
        media = item.find_all("p", "media")
        assert all("f" not in (n.attrs.get("class") or "") for p in media for n in p.iter())


def test_eras_are_listed_with_a_link_to_their_first_event() -> None:
    events = (Event("a", When(2018, 7, 2), "A"), Event("b", When(2018, 9, 2), "B"))
    era = Era("Summer", When(2018, 8, 1), When(2018, 9, 30), "Hot")
    doc = parse(html.dumps(Timeline("T", events, eras=(era,))))
    item = doc.find("section", "eras").find("li")
    assert item.find("a").attrs["href"] == "#b"
    assert "Summer" in item.text() and "Hot" in item.text()
    assert event_item(doc, "b").find("span", "era").text() == "Summer"
    assert event_item(doc, "a").find_all("span", "era") == []


# ---------------------------------------------------------------- links


def test_sources_are_links_only_when_http_and_never_leak_the_referrer() -> None:
    good = Event(
        "a", When(2018, 7, 2), "A", sources=(Source("The story", "https://example.org/x"),)
    )
    bad = Event("b", When(2018, 7, 3), "B", sources=(Source("click", "javascript:alert(1)"),))
    bare = Event("c", When(2018, 7, 4), "C", sources=(Source("", "data:text/html,<b>x</b>"),))
    doc = parse(html.dumps(Timeline("T", (good, bad, bare))))
    link = event_item(doc, "a").find("p", "source").find("a")
    assert link.attrs["href"] == "https://example.org/x"
    assert link.attrs["rel"] == "noopener noreferrer"
    assert link.text() == "The story"
    # Anything else is shown as text, so the reader still sees what the file says.
    assert event_item(doc, "b").find("p", "source").find_all("a") == []
    assert event_item(doc, "b").find("p", "source").text() == "Source: click (javascript:alert(1))"
    assert event_item(doc, "c").find("p", "source").text() == "Source: data:text/html,<b>x</b>"
    for node in doc.iter():
        for name in ("href", "src", "action", "formaction"):
            value = (node.attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (node.tag, value)


def test_media_is_a_link_never_embedded() -> None:
    media = Media("https://example.org/p.jpg", "Caption", "Credit", "https://example.org/t.jpg")
    doc = parse(html.dumps(Timeline("T", (Event("a", When(2018, 7, 2), "A", media=media),))))
    paragraph = event_item(doc, "a").find("p", "media")
    assert paragraph.find("a").attrs["href"] == "https://example.org/p.jpg"
    assert paragraph.text() == "Media: Caption (Credit)"
    assert doc.find_all("img") == [] and doc.find_all("iframe") == []


def test_the_title_media_keeps_its_credit() -> None:
    # Bug fixed: the timeline's own picture was linked without its credit, which
    # every event's media keeps.
    media = Media("https://example.org/p.jpg", "Caption", "Getty <Images>")
    timeline = Timeline("T", (Event("a", When(2018, 7, 2), "A"),), media=media)
    credits = [p.text() for p in parse(html.dumps(timeline)).find_all("p", "credit")]
    assert credits == ["Media: Caption (Getty <Images>)"]


@pytest.mark.parametrize(
    ("media", "html_said", "markdown_said"),
    [
        # Bug fixed: a media of spaces was "Media: Media", a name of the page's own.
        (Media(url=" "), None, None),
        (Media(caption="  ", credit="AP", alt="a crowd"), None, None),
        (Media(url=" ", caption=" "), None, None),
        # A picture whose file names it by nothing else is named by its address (it
        # was "Media" too), and a caption beside a blank URL by the caption.
        (
            Media(url="https://example.org/p.jpg"),
            "Media: https://example.org/p.jpg",
            "Media: [https://example.org/p.jpg](<https://example.org/p.jpg>)",
        ),
        (Media(url=" ", caption="Protesters"), "Media: Protesters", "Media: Protesters"),
        (Media(url=" ", caption=" ", alt="a crowd"), None, None),
        # A credit of spaces credits nobody: it was "Media: Protesters (   )".
        (
            Media(url=" ", caption="Protesters", credit="   "),
            "Media: Protesters",
            "Media: Protesters",
        ),
        # An alt text of spaces names nothing: Markdown linked "[](<...>)", a link of
        # nothing to click on.
        (
            Media(url="https://example.org/p.jpg", alt="  "),
            "Media: https://example.org/p.jpg",
            "Media: [https://example.org/p.jpg](<https://example.org/p.jpg>)",
        ),
    ],
)
def test_a_media_is_never_given_a_name_its_file_does_not_give(
    media: Media, html_said: str | None, markdown_said: str | None
) -> None:
    timeline = Timeline("T", (Event("a", When(2018, 7, 2), "A", media=media),), media=media)
    doc = parse(html.dumps(timeline))
    paragraphs = [p.text() for p in event_item(doc, "a").find_all("p", "media")]
    assert paragraphs == ([] if html_said is None else [html_said])
    credits = [p.text() for p in doc.find_all("p", "credit")]
    assert credits == ([] if html_said is None else [html_said])
    said = [line for line in render(timeline, "markdown").splitlines() if "Media" in line]
    assert said == ([] if markdown_said is None else [markdown_said])


def test_ids_that_cannot_be_element_ids_get_safe_ones_and_links_follow() -> None:
    events = (
        Event("two words", When(2018, 7, 1), "A"),
        Event("two-words", When(2018, 7, 2), "B", in_reply_to="two words"),
        Event("a#b?c", When(2018, 7, 3), "C", in_reply_to="two-words"),
    )
    doc = parse(html.dumps(Timeline("T", events)))
    assert [n.attrs["id"] for n in doc.find_all("li", "event")] == [
        "two-words~2",
        "two-words",
        "a#b?c",
    ]
    titles = [n.find("h3").find("a").attrs["href"] for n in doc.find_all("li", "event")]
    assert titles == ["#two-words~2", "#two-words", "#a%23b?c"]
    reply = event_item(doc, "two-words").find("ul", "related").find("a")
    assert reply.attrs["href"] == "#two-words~2"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=6, unique=True))
def test_every_event_gets_a_distinct_element_id_its_links_reach(ids: list[str]) -> None:
    events = tuple(
        Event(ident, When(2018, 7, 1), "T", in_reply_to=ids[i - 1] if i else "")
        for i, ident in enumerate(ids)
    )
    doc = parse(html.dumps(Timeline("T", events)))
    dom_ids = [n.attrs["id"] or "" for n in doc.find_all("li", "event")]
    assert len(set(dom_ids)) == len(ids)
    for dom_id, ident in zip(dom_ids, ids, strict=True):
        assert dom_id and not any(c.isspace() for c in dom_id)
        if not any(c.isspace() for c in ident) and clean(ident) == ident:
            assert dom_id == ident
    # Each link, as the browser decodes it, names the element of the event it points at.
    for i, item in enumerate(doc.find_all("li", "event")):
        href = item.find("h3").find("a").attrs["href"] or ""
        assert unquote(href[1:]) == dom_ids[i]
        if i:
            reply = item.find("ul", "related").find("a").attrs["href"] or ""
            assert unquote(reply[1:]) == dom_ids[i - 1]


# ---------------------------------------------------------------- safety


def _inline(doc: Node, tag: str) -> str:
    (element,) = doc.find_all(tag)
    return element.text()


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_only_the_pages_own_style_and_script_by_hash() -> None:
    page = html.dumps(events_toml())
    doc = parse(page)
    (policy,) = [
        m.attrs["content"]
        for m in doc.find_all("meta")
        if m.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == _sha256(_inline(doc, "script"))
    assert directives["style-src"] == _sha256(_inline(doc, "style"))
    assert "unsafe" not in policy
    # The policy comes before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_the_estimated_lists_of_100000_events_stay_within_what_browsers_lay_out() -> None:
    # Laid out whole, 100,000 events are 38 million pixels long: Firefox lays out 17.9
    # million (Chromium 33.5 million), and the events beyond cannot be reached.
    lengths = [html.CHUNK] * 1_990 + [1, 7, 23] * 166
    style = html.estimates(lengths)
    (row,) = re.findall(r"--row: min\(24rem, ([0-9.]+)px\)", style)
    assert float(row) * sum(lengths) <= html.BUDGET
    # Each length of list is sized, once: CSS cannot count a list's events.
    assert style.count(".rows-50 ") == 1
    assert sorted(int(n) for n in re.findall(r"\.rows-(\d+) ", style)) == [1, 7, 23, 50]
    # A page of ten events estimates each at the typical height.
    assert "--row: min(24rem, 1500000.00px)" in html.estimates([10])


def test_each_list_of_events_is_sized_by_its_length_without_the_script() -> None:
    timeline = load_text(generated(100)).timeline
    assert timeline is not None
    doc = parse(html.dumps(timeline))
    lengths = set()
    for ol in doc.find_all("ol", "events"):
        length = len(ol.find_all("li", "event"))
        assert f"rows-{length}" in (ol.attrs.get("class") or "").split()
        lengths.add(length)
    assert len(lengths) > 1
    for length in lengths:
        assert f".rows-{length} {{" in _inline(doc, "style")


def test_nothing_is_loaded_from_anywhere() -> None:
    doc = parse(html.dumps(events_toml()))
    for node in doc.iter():
        assert "src" not in node.attrs, node.tag
        assert node.tag not in ("link", "img", "iframe", "object", "embed", "base")
    assert "url(" not in _inline(doc, "style")
    assert "@import" not in _inline(doc, "style")
    assert not re.search(r"\b(fetch|XMLHttpRequest|import\(|WebSocket)\b", _inline(doc, "script"))


def test_file_text_never_becomes_markup() -> None:
    page = html.dumps(hostile_timeline(), private=True)
    doc = parse(page)
    assert len(doc.find_all("script")) == 1 and len(doc.find_all("style")) == 1
    assert doc.find_all("img") == []
    for node in doc.iter():
        assert not any(name.startswith("on") for name in node.attrs), (node.tag, node.attrs)
    # Every text is shown as written (control characters as visible stand-ins).
    assert doc.find("title").text() == one_line(HOSTILE[0])
    titles = [n.find("h3").text() for n in doc.find_all("li", "event")]
    assert titles == [one_line(t) for t in HOSTILE]
    quotes = [n.find("blockquote").text() for n in doc.find_all("li", "event")]
    assert quotes == [clean(t) for t in HOSTILE]  # verbatim, spaces and all
    assert "{{" not in _inline(doc, "script") and "49" not in titles[6]
    assert "\x1b" not in page and "\u202e" not in page and "\x00" not in page


@settings(max_examples=60, deadline=None)
@given(st.text(), st.text(), st.text())
def test_any_text_is_shown_as_text(title: str, context: str, quote: str) -> None:
    event = Event(
        "a", When(2018, 7, 2), title, context=context, quotes=(Quote(quote, title),), tags=(quote,)
    )
    doc = parse(html.dumps(Timeline(title, (event,))))
    assert len(doc.find_all("script")) == 1
    item = event_item(doc, "a")
    assert item.find("h3").text() == one_line(title)
    # The page's title: the same words, its spaces as written (a tab's title shows a
    # run of spaces only as no-break spaces), nothing at its ends.
    heading, tab = doc.find("h1").text(), doc.find("title").text()
    assert " ".join(heading.split()) == one_line(title) == " ".join(tab.split())
    assert tab.replace("\u00a0", " ") == heading.replace("\u00a0", " ")
    assert heading == heading.strip()
    for node in doc.iter():
        assert not any(name.startswith("on") for name in node.attrs)


# ---------------------------------------------------------------- filters and the private page


def test_filters_list_each_value_with_its_count_and_events_point_at_them() -> None:
    timeline = events_toml()
    doc = parse(html.dumps(timeline))
    selects = {s.attrs["data-facet"]: s for s in doc.find_all("select")}
    assert set(selects) == {"kind", "speaker", "group", "tag", "status"}
    options = {
        facet: [o.text() for o in select.find_all("option")] for facet, select in selects.items()
    }
    assert options["kind"][0] == "All kinds"
    assert "letter (1)" in options["kind"]
    for event in timeline.events:
        item = event_item(doc, event.id)
        chosen = options["kind"][int(item.attrs["data-kind"] or "x") + 1]
        assert chosen.startswith(event.kind + " (")
        tags = [options["tag"][int(i) + 1] for i in (item.attrs["data-tags"] or "").split()]
        assert sorted(t.rsplit(" (", 1)[0] for t in tags) == sorted(event.tags)


def test_a_filter_with_one_value_is_not_offered() -> None:
    events = (Event("a", When(2018, 7, 2), "A", kind="tweet", group="G"),)
    doc = parse(html.dumps(Timeline("T", events)))
    assert doc.find_all("select") == []


def test_what_is_for_the_research_team_shows_only_when_asked() -> None:
    timeline = events_toml()
    public = html.dumps(timeline)
    assert "aside" not in public and "events.toml" not in public
    private = parse(html.dumps(timeline, private=True))
    origin = event_item(private, "raices-letter").find("aside", "private").text()
    line = timeline.get("raices-letter").line  # type: ignore[union-attr]
    # The file is loaded by its absolute path; the page names it alone, not whose
    # machine made it.
    assert timeline.events[0].file.startswith("/")
    assert origin.strip() == f"Read from events.toml, line {line}"


def test_a_file_name_is_shown_with_its_spaces_as_written(tmp_path: Path) -> None:
    # Bug fixed: a file named `my  story.toml` (two spaces), without a title, was
    # titled "my story" on the page and "Read from my story.toml": the export folded
    # the spaces, and a browser folds them again unless told not to.
    path = tmp_path / "my  story.toml"
    path.write_text('[[events]]\nid = "a"\ndate = 2018-07-02\ntitle = "A"\n', encoding="utf-8")
    result = load_any(path)
    assert result.timeline is not None and result.timeline.title == "my  story"
    page = html.dumps(result.timeline, private=True)
    doc = parse(page)
    assert doc.find("h1").text() == "my  story"
    # A tab's title folds spaces whatever the style: the second is a no-break space.
    assert doc.find("title").text() == "my \u00a0story"
    origin = event_item(doc, "a").find("span", "origin").text()
    assert origin == "my  story.toml, line 1"
    # And the page's style keeps them where they are shown.
    style = doc.find("style").text()
    for rule in (r"h1 \{[^}]*white-space: pre-wrap;", r"\.origin \{ white-space: pre-wrap; \}"):
        assert re.search(rule, style), rule
    # Line breaks in a title written in the file still fold, spaces beside them too.
    assert parse(html.dumps(Timeline("A  \n  B\tC", ()))).find("h1").text() == "A B C"


def test_large_counts_are_written_with_separators() -> None:
    events = tuple(Event(f"e{i}", When(2018, 7, 1 + i % 28), "T") for i in range(1234))
    doc = parse(html.dumps(Timeline("T", events)))
    assert doc.find("span", "count").text() == "1,234 events"
    # At most 50 events in a list: the unit the browser renders or skips as one.
    lists = doc.find_all("ol", "events")
    assert [len(ol.find_all("li", "event")) for ol in lists] == [50] * 24 + [34]
    assert [ol.attrs.get("start") for ol in lists[:3]] == [None, "51", "101"]


def test_the_counts_and_the_search_line_wait_for_the_script() -> None:
    doc = parse(html.dumps(events_toml()))
    bar = doc.find("div", "bar")
    # Without the script the controls would do nothing, so they are hidden until it runs.
    assert "hidden" in bar.attrs
    assert bar.find("span", "count").text() == "10 events"


# ---------------------------------------------------------------- the command


def test_export_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "export", "events.toml", "--to", "html", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == html.dumps(events_toml())


def test_jinja_is_imported_only_for_the_page() -> None:
    code = (
        "import contextlib, io, sys\n"
        "import timeline.cli\n"
        "for to in ('json', 'markdown'):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        assert timeline.cli.main(['export', 'events.toml', '--to', to]) == 0\n"
        "assert 'jinja2' not in sys.modules\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert timeline.cli.main(['export', 'events.toml', '--to', 'html']) == 0\n"
        "assert 'jinja2' in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "ok\n", result.stderr


# ---------------------------------------------------------------- provenance

PROVENANCE = ROOT / "tests" / "fixtures" / "provenance.toml"


def provenance() -> Timeline:
    result = load_any(PROVENANCE)
    assert result.timeline is not None
    return result.timeline


def test_every_source_is_listed_as_a_link_with_what_is_known_of_it() -> None:
    doc = parse(html.dumps(provenance()))
    listed = event_item(doc, "raices-tweet").find("div", "source")
    assert listed.find("p").text() == "Sources:"
    items = listed.find_all("li")
    assert [i.find("a").attrs.get("href") for i in items[:1]] == [
        "https://twitter.com/RAICESTEXAS/status/1020013329146019840"
    ]
    assert " ".join(items[0].text().split()) == (
        "RAICES on Twitter, 19 July 2018 (primary; accessed 20 Jul 2018; "
        "archived copy: sources/raices-tweet.html)"
    )
    assert " ".join(items[1].text().split()) == (
        "The article (secondary; archived copy: sources/article.txt)"
    )
    # One source is one line, as before.
    one = event_item(doc, "benioff-tweet").find("p", "source")
    assert " ".join(one.text().split()).endswith("8 July 2018 (primary)")
    assert " ".join(doc.find("p", "credit").text().split()) == (
        "Source: The article (secondary; archived copy: sources/article.txt)"
    )


def test_a_quote_cites_its_own_date_and_source_and_shows_its_note() -> None:
    doc = parse(html.dumps(provenance()))
    figure = event_item(doc, "salesforce-offer").find("figure", "quote")
    caption = figure.find("figcaption")
    assert caption.find("cite").text() == "RAICES"
    assert caption.find("time").attrs["datetime"] == "2018-07-19"
    assert caption.find("time").text() == "19 Jul 2018"
    assert caption.find("a").attrs["href"] == (
        "https://twitter.com/RAICESTEXAS/status/1020013329146019840"
    )
    assert figure.find("p", "note").text() == (
        "Note: Quoted by the article, not seen in the tweet itself."
    )
    # A relative quote date is shown as the day it gives; a URL that is no link as text.
    second = event_item(doc, "raices-letter").find_all("figure", "quote")[1]
    assert second.find("time").attrs["datetime"] == "2018-07-19"
    assert second.find_all("a") == []
    assert "(urn:tweet:1020013329146019840)" in second.find("figcaption").text()


def test_the_status_is_a_public_badge_and_a_filter() -> None:
    timeline = provenance()
    doc = parse(html.dumps(timeline))
    badge = event_item(doc, "salesforce-offer").find("span", "status")
    assert badge.text() == "single source"
    assert "status-single-source" in (badge.attrs.get("class") or "").split()
    select = next(s for s in doc.find_all("select") if s.attrs["data-facet"] == "status")
    options = [o.text() for o in select.find_all("option")]
    # Strongest first, as the statuses are listed, not by count.
    assert options == ["All statuses", "confirmed (2)", "single source (2)"]
    for event in timeline.events:
        key = event_item(doc, event.id).attrs["data-status"]
        assert options[int(key or "x") + 1].startswith(event.status + " (")


def test_research_notes_are_on_the_private_page_only() -> None:
    public = html.dumps(provenance())
    assert "Ask RAICES" not in public and "Research notes" not in public
    doc = parse(html.dumps(provenance(), private=True))
    aside = event_item(doc, "raices-tweet").find("aside", "private")
    assert aside.find("p", "notes-label").text() == "Research notes:"
    notes = aside.find("p", "notes")
    assert notes.text() == "Two sources agree.\nThe tweet was archived the next morning."
    assert event_item(doc, "benioff-tweet").find("aside", "private").find_all("p", "notes") == []


def test_hostile_provenance_text_is_shown_as_text() -> None:
    doc = parse(html.dumps(hostile_timeline(), private=True))
    for item, text in zip(doc.find_all("li", "event"), HOSTILE, strict=True):
        assert item.find("span", "status").text() == one_line(text)
        assert item.find("p", "note").text() == "Note: " + clean(text).strip()
        assert item.find("p", "notes").text() == clean(text).strip()
        for about in item.find_all("span", "about"):
            assert about.text() == f"({one_line(text)}; archived copy: {one_line(text)})"


def test_an_export_with_a_filter_names_left_out_events_and_says_how_dates_were_found(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Bug fixed: the page was made from the kept events alone. A reply to an event the
    # filter left out was shown by its id, "not in this timeline", and a date counted
    # from a left-out event only named its anchor's id, as Markdown and print do not.
    from timeline.cli import main

    args = ["export", str(ROOT / "events.toml"), "--to", "html", "--filter", "kind=letter"]
    assert main(args) == 0
    letter = event_item(parse(capsys.readouterr().out), "raices-letter")
    assert letter.find("p", "derived").text() == (
        "Date written as “Monday”: the Monday on or before “RAICES announces it has "
        "refused Salesforce's donation” (Thursday 19 July 2018)"
    )
    (dated,) = letter.find("ul", "related").find_all("li")
    assert dated.text() == (
        "Dated from: RAICES announces it has refused Salesforce's donation (19 Jul 2018), "
        "not in this page"
    )
    assert dated.find_all("a") == []  # no link to an element the page does not have
    everything = load_any(ROOT / "events.toml").timeline
    assert everything is not None
    kept = tuple(e for e in everything.events if e.id == "chema-tweet")
    chema = event_item(parse(html.dumps(Timeline("T", kept), everything=everything)), "chema-tweet")
    assert chema.find("ul", "related").find_all("li")[0].text() == (
        "In reply to: RAICES announces it has refused Salesforce's donation (19 Jul 2018), "
        "not in this page"
    )


def test_a_date_listed_under_a_year_takes_no_heading_after_a_month_of_it() -> None:
    # Found trying the tool as a new user: "before 2020", listed under 2019, got a
    # "2019" heading after "December 2019", as if 2019 began again.
    from conftest import BEFORE_A_YEAR

    from timeline.read.toml import load_text

    loaded = load_text(BEFORE_A_YEAR).timeline
    assert loaded is not None
    page = html.dumps(loaded)
    assert re.findall(r"<h2>([^<]*)</h2>", page) == ["December 2019", "January 2020"]
