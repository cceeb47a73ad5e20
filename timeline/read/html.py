"""HTML in and out: TimelineJS text is HTML, our text is plain.

Reading (`parse`) turns any HTML into plain blocks with the standard library's
`html.parser`: paragraphs and `<br>` become line breaks, links are kept as
"text (URL)", `<script>` and `<style>` contents are dropped, other markup is
dropped, entities are decoded, and each `<blockquote>` becomes a quote (its
`<cite>` the speaker). The blocks this program writes are recognised by their class
(`timeline.interchange`): each source paragraph, the status paragraph, the media
paragraph (left aside: the slide's media holds what it shows), and inside a
`<cite>` the span after the speaker with the quote's own date, source and note; and
a `<span class="timeline-unseen">` holding only a stand-in ("<U+202E>", "␛") is the
character it stands for, as `escape` writes one. Nothing in the text is ever
interpreted further.

Reading a whole saved web page (`page_text`, for `timeline verify`) is the same
reader in page mode: the text stays in document order (a block quote is one more
paragraph, where it stands), nothing is added to it (no link addresses), table
cells and every other block are kept apart, and paragraphs that look like this
program's source lines are ordinary text. What a browser does not show is dropped:
elements the page hides (the `hidden` attribute, a closed dialog, `display: none` or
`visibility: hidden` in their own style or in a simple rule of a `<style>` element:
`html_styles`), frames and media fallback; and as in a browser, "/>"
ends no element but a void one (or one in SVG or MathML), so `<script src="x"/>`
hides what follows up to `</script>`. A quote checked against a page is then checked
against what a reader of the page saw, in the order they saw it; and `read_page` says
where the markup writes each character of that text, so that a passage found in it can
be shown at its line and column in the file.

Writing (`escape`) is designed so that *any* string survives a round trip
exactly: `<`, `>` and `&` become entities, a newline becomes `<br>`, and every
whitespace character that HTML would collapse (tabs, carriage returns, runs of
spaces, spaces at either end) is written as a numeric character reference. The
reader collapses only whitespace written literally, as a browser does, and keeps
whitespace written as references.
"""

from __future__ import annotations

import html
import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from timeline.interchange import (
    MEDIA_CLASS,
    QUOTE_META_CLASS,
    SOURCE_CLASS,
    STATUS_CLASS,
    UNSEEN_CLASS,
)
from timeline.read.html_notes import Markers
from timeline.read.html_styles import Stylesheet, hidden_by
from timeline.text import stood_in

_HTML_SPACE = " \t\n\r\f"
_LITERAL_SPACE = re.compile(r"[ \t\n\r\f]+")
# Runs that collapse to a space shorter than themselves: where a page's text and its
# markup stop following each other one for one.
_LONG_SPACE = re.compile(r"[ \t\n\r\f]{2,}")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "pre",
        "figure",
        "figcaption",
        "hr",
        "dl",
        "dt",
        "dd",
        "address",
    }
)
# Page mode only: more places where a browser starts a new box. (Not in `parse`, whose
# TimelineJS text has no tables, and where a block quote is a quote.)
_PAGE_BLOCK_TAGS = _BLOCK_TAGS | {
    "blockquote",
    "main",
    "nav",
    "td",
    "th",
    "caption",
    "details",
    "summary",
    "title",
    "center",
    "form",
    "fieldset",
    "legend",
    "menu",
    "dialog",
    "hgroup",
    "search",
    "option",
    "optgroup",
}
_DROP_TAGS = frozenset({"script", "style", "template", "noscript"})
# Page mode only: what a browser never shows (raw text, or fallback for what it plays).
_PAGE_DROP_TAGS = _DROP_TAGS | {"iframe", "noembed", "noframes", "video", "audio", "canvas"}
# Page mode only: start tags that end an open `<p>` (an element hidden from `<p hidden>`
# on ends at one of these, as it does in a browser, not at the page's end).
_P_CLOSERS = _PAGE_BLOCK_TAGS - {"td", "th", "caption", "title", "option", "optgroup"}
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "area", "source"})


@dataclass
class Quoted:
    """A `<blockquote>` read from HTML.

    Attributes:
        text: The quoted words.
        cite: Its `<cite>`, but for the span of its date, source and note.
        meta: That span's text, as read ("" when there is none).
        has_meta: Whether there was one.
        meta_markup: That span's markup exactly as written, from `<span` to `</span>`
            ("" when it did not end with its own end tag).
    """

    text: str
    cite: str = ""
    meta: str = ""
    has_meta: bool = False
    meta_markup: str = field(default="", compare=False)


@dataclass
class SourceLine:
    """A source paragraph written by this program: its label and its link, and its
    markup exactly as written, from `<p` to `</p>` ("" when it did not end with its
    own end tag). The markup lets a reader check it against what it would write with
    one comparison of strings, rather than by parsing that again."""

    label: str = ""
    url: str = ""
    markup: str = field(default="", compare=False)


@dataclass
class Parsed:
    """What `parse` found.

    Attributes:
        paragraphs: Plain-text blocks outside quotes, in order.
        quotes: The block quotes, in order.
        sources: The source paragraphs written by this program, in order.
        status: The text of the status paragraph written by this program (after
            "Status: "), or None when there is none.
        comments: The HTML comments, in order (where the round-trip data hides).
    """

    paragraphs: list[str] = field(default_factory=list)
    quotes: list[Quoted] = field(default_factory=list)
    sources: list[SourceLine] = field(default_factory=list)
    status: str | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)


class PageText:
    """The text of a web page (`read_page`), and where the markup writes each part of it.

    The text is marked where it and the markup stop following each other one for one:
    at each piece of text between tags, after each run of whitespace collapsed to one
    space, and at each character an entity or a `<br>` writes. Between two marks, the
    text follows the markup character for character.
    """

    def __init__(self) -> None:
        self.text = ""
        self.length = 0  # of the text so far, while it is read
        self._at = array("q")  # where each mark is in the text
        # Where it is in the markup; -1 less that, for a mark whose characters all come
        # from that one place (an entity, a `<br>`).
        self._origin = array("q")
        self.line_starts = array("q", [0])  # of the markup
        #: Footnote markers (`html_notes`): where each one is in the text, in order.
        self.notes: list[tuple[int, int]] = []
        #: Whether the page hides any element from its readers (`html_styles`).
        self.hides = False
        #: Read with what it hides (`read_page`'s `keep_hidden`): each hidden element's
        #: start and end in the markup, and what hides it, in words.
        self.hidden: list[tuple[int, int, str]] = []

    def mark(self, at: int, origin: int, one_for_one: bool = True) -> None:
        """Note that the text at `at` is written at `origin` in the markup, and what
        follows too, character for character when `one_for_one`."""
        self._at.append(at)
        self._origin.append(origin if one_for_one else -1 - origin)

    def origin(self, offset: int) -> int:
        """Where the markup writes the character at `offset` in the text: the character
        itself, or the entity or tag that writes it."""
        k = bisect_right(self._at, offset) - 1
        if k < 0:
            return 0
        origin = self._origin[k]
        return -1 - origin if origin < 0 else origin + offset - self._at[k]

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the markup where the character at `offset`
        in the text is written (see `origin`)."""
        origin = self.origin(offset)
        line = bisect_right(self.line_starts, origin)
        return line, origin - self.line_starts[line - 1] + 1


class _Block:
    """Text being collected: pieces written literally (collapsible) or exactly, each
    with where it starts in the markup (-1 when not known)."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, bool, int]] = []

    def add(self, text: str, literal: bool, at: int = -1) -> None:
        if text:
            self.pieces.append((text, literal, at))

    def finish(
        self, page: PageText | None = None, start: int = 0, notes: Sequence[tuple[int, int]] = ()
    ) -> str:
        """The text as a browser shows it: each run of literal whitespace one space, also
        across pieces, and none at either end; whitespace written exactly (an entity, a
        `<br>`) as it is.

        Args:
            page: Where to mark where the markup writes the text (`PageText.mark`).
            start: Where the text will start in the page's text: after a blank line,
                unless 0, which is placed where the text starts.
            notes: Footnote markers, as ranges of pieces (`html_notes.Markers`): where
                their text is shown is added to `page.notes`.
        """
        out: list[str] = []
        length = start
        spaced = False  # the text ends in a collapsed space: more whitespace joins it
        shown_at: list[int] = []  # where each piece's text starts being shown
        for text, literal, at in self.pieces:
            shown_at.append(length)
            shown, skip = text, 0  # `skip`: characters of the piece not shown, at its start
            if literal:
                shown = _LITERAL_SPACE.sub(" ", text)
                if shown[0] == " " and (spaced or not out):
                    shown = shown[1:]
                    if not shown:
                        continue
                    found = _LITERAL_SPACE.match(text)
                    assert found is not None
                    skip = found.end()
            if page is not None:
                if start and not out:
                    page.mark(start - 2, at + skip, False)
                page.mark(length, at + skip, literal)
                into, done = length, skip  # text[done] is shown at `into`
                for run in _LONG_SPACE.finditer(text, skip) if literal else ():
                    if run.end() < len(text):  # (nothing follows a run at the end)
                        into += run.start() - done + 1
                        done = run.end()
                        page.mark(into, at + done)
            out.append(shown)
            length += len(shown)
            spaced = literal and shown[-1] == " "
        if spaced:
            out[-1] = out[-1][:-1]
        shown_at.append(length)
        whole = "".join(out)
        if page is not None:
            for first, last in notes:  # each marker's text, blanks at its ends left out
                a, b = shown_at[first] - start, min(shown_at[last] - start, len(whole))
                while a < b and whole[a].isspace():
                    a += 1
                while b > a and whole[b - 1].isspace():
                    b -= 1
                if a < b:
                    page.notes.append((start + a, start + b))
        self.pieces = []
        return whole


class _Reader(HTMLParser):
    def __init__(
        self,
        markup: str = "",
        *,
        page: bool = False,
        styles: Stylesheet | None = None,
        keep_hidden: bool = False,
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.markup = markup
        self._line_starts: list[int] | None = None
        self.page = page
        self.result = Parsed()
        self.block = _Block()
        self.dropping = 0
        # Page mode: the element hidden from readers that is being skipped ("" when none),
        # and how many elements of its name are open inside it, itself included.
        self.hiding = ""
        self.hiding_depth = 0
        self.styles = styles  # page mode: the rules of its <style> elements that hide
        # Page mode: read what the page hides too, noting where (`PageText.hidden`).
        self.keep_hidden = keep_hidden
        self.hidden_from = 0  # where the element being hidden starts in the markup
        self.hidden_why = ""
        self.foreign = 0  # page mode: depth in <svg> and <math>, where "/>" ends an element
        self.placed = PageText()  # page mode: where the markup writes the page's text
        self.markers = Markers()  # page mode: footnote markers in the block being read
        self.quote_depth = 0
        self.quote_text = _Block()
        self.quote_parts: list[str] = []
        self.in_cite = 0
        self.cite = _Block()
        # Inside a cite: the span of the quote's own date, source and note (its depth in
        # spans, so that a span inside it does not end it), and its text.
        self.in_meta = 0
        self.meta = _Block()
        self.has_meta = False
        self.meta_start = -1
        self.meta_markup = ""
        # Inside a paragraph of ours: "source" or "status"; "" elsewhere.
        self.special = ""
        self.special_start = -1
        self.source_url = ""
        self.links: list[tuple[str, int]] = []  # href, position in the current block
        # Inside a span standing in for an unseen character: its text, as it came.
        self.unseen: list[tuple[str, bool]] | None = None

    # -- where things are

    def _here(self) -> int:
        """Where the tag, text or entity being handled starts, as an offset into the markup."""
        line, column = self.getpos()
        if self._line_starts is None:  # for our own elements and a page's text, so only then
            starts = [0]
            find = self.markup.find
            at = find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = find("\n", at + 1)
            self._line_starts = starts
        return self._line_starts[line - 1] + column

    def _tag_end(self) -> int:
        """Where the end tag being handled ends, as an offset into the markup."""
        return self.markup.find(">", self._here()) + 1

    # -- where text goes

    def _target(self) -> _Block:
        if self.in_meta and self.quote_depth:
            return self.meta
        if self.in_cite and self.quote_depth:
            return self.cite
        if self.quote_depth:
            return self.quote_text
        return self.block

    def _emit(self, text: str, literal: bool) -> None:
        if self.dropping or (self.hiding and not self.keep_hidden):
            return
        if self.page:  # a page's text is placed in its markup (`PageText`)
            self.block.add(text, literal, self._here())
            return
        if self.unseen is not None:
            self.unseen.append((text, literal))
            return
        self._target().add(text, literal)

    def _end_unseen(self, whole: bool) -> None:
        """End a span standing in for an unseen character: the character, when the span
        held exactly its stand-in and nothing else (`whole`: it ended with its own end
        tag, no other tag inside); else its text, as any span's."""
        pieces, self.unseen = self.unseen or [], None
        char = stood_in("".join(text for text, _ in pieces)) if whole else None
        if char is not None:
            self._target().add(char, False)
            return
        for text, literal in pieces:
            self._emit(text, literal)

    def _break_block(self) -> None:
        """End the current paragraph (inside a quote: the quote's paragraph)."""
        if self.quote_depth:
            if self.in_cite:
                return
            text = self.quote_text.finish()
            if text:
                self.quote_parts.append(text)
            return
        if self.page:
            self._page_paragraph()
            return
        text = self.block.finish()
        if self.special:
            return
        if text:
            self.result.paragraphs.append(text)

    def _page_paragraph(self) -> None:
        """End a paragraph of a page's text, marking where the markup writes it."""
        page = self.placed
        notes = self.markers.found
        text = self.block.finish(page, page.length + 2 if page.length else 0, notes)
        self.markers.clear()
        if text:  # (nothing was marked if not)
            page.length += len(text) + 2 if page.length else len(text)
            self.result.paragraphs.append(text)

    # -- parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.page:
            self._page_starttag(tag, attrs)
            return
        if tag in _DROP_TAGS:
            self.dropping += 1
            return
        if self.dropping:
            return
        if self.unseen is not None:
            self._end_unseen(False)
        attributes = {k: v or "" for k, v in attrs}
        if tag == "span" and attributes.get("class") == UNSEEN_CLASS:
            self.unseen = []
        elif tag == "br":
            self._emit("\n", False)
        elif tag == "blockquote":
            if not self.quote_depth:
                self._break_block()
                self.quote_parts = []
                self.cite = _Block()
                self.meta = _Block()
                self.has_meta = False
                self.meta_markup = ""
            self.quote_depth += 1
        elif tag == "cite" and self.quote_depth:
            self._break_block()
            self.in_cite += 1
        elif tag == "span" and self.in_cite and self.quote_depth:
            if self.in_meta:
                self.in_meta += 1
            elif QUOTE_META_CLASS in attributes.get("class", "").split():
                self.in_meta = 1
                self.has_meta = True
                self.meta_start = self._here()
        elif tag == "a":
            href = attributes.get("href", "").strip()
            self.links.append((href, len(self._target().pieces)))
        elif tag in _BLOCK_TAGS:
            self._break_block()
            classes = attributes.get("class", "").split() if tag == "p" else []
            if SOURCE_CLASS in classes:
                self.special = "source"
                self.special_start = self._here()
                self.source_url = ""
            elif STATUS_CLASS in classes:
                self.special = "status"
            elif MEDIA_CLASS in classes:
                self.special = "media"

    def _page_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hiding:
            if tag == self.hiding == "p" or (self.hiding == "p" and tag in _P_CLOSERS):
                self._stop_hiding(self._here())  # the browser ends the hidden paragraph here
            else:
                self.hiding_depth += tag == self.hiding
                if not self.keep_hidden:
                    return
        if tag in _PAGE_DROP_TAGS:
            self.dropping += 1
            return
        if self.dropping:
            return
        if tag in ("svg", "math"):
            self.foreign += 1
        if tag in _PAGE_BLOCK_TAGS:
            self._break_block()
        why = "" if tag in _VOID_TAGS or self.hiding else hidden_by(tag, attrs, self.styles)
        if why:
            self.hiding = tag
            self.hiding_depth = 1
            self.placed.hides = True
            line, column = self.getpos()
            self.hidden_from = self._here()
            self.hidden_why = f"the <{tag}> at line {line}, column {column + 1} is hidden by {why}"
            if not self.keep_hidden:
                return
        if tag == "br":
            self._emit("\n", False)
        elif tag in ("sup", "a"):
            href = next((value or "" for name, value in attrs if name == "href"), "")
            self.markers.open(tag, href, self.block.pieces)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.page and not self.foreign and tag not in ("svg", "math"):
            # In HTML "/>" closes only a void element: `<script src="x"/>` and
            # `<div hidden/>` hide what follows up to their real end tag, as in a browser.
            self.handle_starttag(tag, attrs)
            if tag in self.CDATA_CONTENT_ELEMENTS:
                self.set_cdata_mode(tag)  # what follows is script, however it looks
            return
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.page:
            self._page_endtag(tag)
            return
        if tag in _DROP_TAGS:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        if self.unseen is not None:
            self._end_unseen(tag == "span")
            if tag == "span":
                return
        if tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
            if not self.quote_depth:
                self.in_cite = 0
                self.in_meta = 0
                text = self.quote_text.finish()
                if text:
                    self.quote_parts.append(text)
                speaker = self.cite.finish()
                meta = self.meta.finish()
                if self.quote_parts or speaker or self.has_meta:
                    self.result.quotes.append(
                        Quoted(
                            "\n\n".join(self.quote_parts),
                            speaker,
                            meta,
                            self.has_meta,
                            self.meta_markup,
                        )
                    )
                self.quote_parts = []
        elif tag == "span" and self.in_meta:
            self.in_meta -= 1
            if not self.in_meta:
                self.meta_markup = self.markup[self.meta_start : self._tag_end()]
        elif tag == "cite" and self.in_cite:
            self.in_cite -= 1
            if not self.in_cite:
                self.in_meta = 0
        elif tag == "a" and self.links:
            self._end_link()
        elif tag in _BLOCK_TAGS:
            if self.special and tag == "p":
                self._end_special(self._tag_end())
                return
            self._break_block()

    def _page_endtag(self, tag: str) -> None:
        if self.hiding:
            if tag == self.hiding:
                self.hiding_depth -= 1
                if not self.hiding_depth:
                    self._stop_hiding(self._tag_end())
                    if tag in ("svg", "math"):
                        self.foreign = max(0, self.foreign - 1)
                    if tag in _PAGE_BLOCK_TAGS:
                        self._break_block()
                    if tag in ("sup", "a") and self.keep_hidden:  # (else never opened)
                        self.markers.close(tag, self.block.pieces)
                    return
            if not self.keep_hidden:
                return
        if tag in _PAGE_DROP_TAGS:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        if tag in ("svg", "math"):
            self.foreign = max(0, self.foreign - 1)
        if tag in _PAGE_BLOCK_TAGS:
            self._break_block()
        elif tag in ("sup", "a"):
            self.markers.close(tag, self.block.pieces)

    def _stop_hiding(self, end: int) -> None:
        """The element being hidden ends at `end` in the markup."""
        if self.keep_hidden:
            self.placed.hidden.append((self.hidden_from, end, self.hidden_why))
        self.hiding = ""

    def _end_link(self) -> None:
        href, start = self.links.pop()
        target = self._target()
        shown = "".join(piece[0] for piece in target.pieces[start:]).strip(_HTML_SPACE)
        if self.special == "source" and not self.quote_depth:
            self.source_url = href
            return
        if href and href != shown and not href.startswith(("javascript:", "#")):
            plain = href.removeprefix("mailto:")
            target.add(f" ({plain})" if shown else plain, False)

    def _end_special(self, end: int = -1) -> None:
        """End a paragraph of ours: a source, or the status; `end` is where its end tag
        ends (-1 when it had none)."""
        text = self.block.finish()
        special, self.special = self.special, ""
        if special == "media":
            return  # what the slide's media object holds, shown (`interchange.media_html`)
        if special == "status":
            self.result.status = text.removeprefix("Status:").removeprefix(" ")
            return
        label = text.removeprefix("Source:").removeprefix(" ")
        url = self.source_url
        markup = self.markup[self.special_start : end] if end >= 0 else ""
        self.result.sources.append(SourceLine("" if label == url else label, url, markup))

    def handle_data(self, data: str) -> None:
        self._emit(data, True)

    def handle_entityref(self, name: str) -> None:
        decoded = html.unescape(f"&{name};")
        self._emit(decoded if decoded != f"&{name};" else f"&{name}", False)

    def handle_charref(self, name: str) -> None:
        self._emit(html.unescape(f"&#{name};"), False)

    def handle_comment(self, data: str) -> None:
        if not self.dropping and not self.hiding:
            self.result.comments.append(data)

    def finish(self) -> Parsed:
        self.close()
        if self.hiding:
            self._stop_hiding(len(self.markup))
        if self.unseen is not None:
            self._end_unseen(False)
        self.quote_depth = 0
        self.in_cite = 0
        self.in_meta = 0
        if self.special:  # a paragraph of ours left open at the end
            self._end_special()
        self._break_block()
        return self.result


def parse(markup: str) -> Parsed:
    """Read TimelineJS HTML as plain paragraphs, quotes and comments; never raises."""
    reader = _Reader(markup)
    reader.feed(markup)
    return reader.finish()


def page_text(markup: str) -> str:
    """Plain text of a whole web page, in document order, paragraphs separated by blank lines.

    Unlike `to_text`, block quotes stay where they stand and nothing is added (no link
    addresses): this is the text a quote is verified against. Never raises.
    """
    return read_page(markup).text


def read_page(markup: str, *, keep_hidden: bool = False) -> PageText:
    """`page_text`, with where the markup writes each part of it. Never raises.

    With `keep_hidden`, the text a reader of the page does not see is read too, and
    `PageText.hidden` says where it is, and what hides it.
    """
    reader = _Reader(markup, page=True, styles=Stylesheet.of(markup), keep_hidden=keep_hidden)
    reader.feed(markup)
    page = reader.placed
    page.text = reader.finish().text
    page.line_starts = array("q", reader._line_starts or [0])
    return page


def to_text(markup: str) -> str:
    """Plain text of HTML: paragraphs, then quotes, separated by blank lines."""
    parsed = parse(markup)
    quotes = [f"{q.text} ({q.cite})" if q.cite else q.text for q in parsed.quotes]
    return "\n\n".join([*parsed.paragraphs, *quotes])
