"""Hidden entries paired with the parts of a slide they were written for (its block
quotes, its source paragraphs) by what those parts show, not by where they stand.

The export writes a slide's hidden data for its quotes and its sources as lists, an
entry for each part in order. Read by place, a quote added in TimelineJS before
another took the other's hidden date and source (or, as the cite did not show them,
left the other's date and source read whole as its speaker); one removed or moved
did the same to every quote after it. Here each entry goes to its own place while
the part there still shows it (an unedited slide costs what it did), else, pass by
pass, each one weaker evidence than the one before, to the first free part in the
slide's order that shows what it was written for. A part goes to one entry at most.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from timeline.interchange import quote_key, quote_meta_html, source_html, without_facts
from timeline.model import Quote, Source
from timeline.read import html


class Pairs:
    """Which entry each part of a slide was given, filled in pass by pass.

    Entries and parts are numbered from 0 in their lists; entry n was written for the
    part that stood at place n when the file was exported.
    """

    def __init__(self) -> None:
        self.entry_at: dict[int, int] = {}  # a part's place: its entry
        self.place_of: dict[int, int] = {}  # an entry: its part's place

    def _pair(self, entry: int, place: int) -> None:
        self.entry_at[place] = entry
        self.place_of[entry] = place

    def at_home(self, entries: Iterable[int], parts: int, fits: Callable[[int], bool]) -> None:
        """Each entry given the part at its own place, when there is one, free, that
        still shows it (`fits(entry)`)."""
        for entry in entries:
            free = entry not in self.entry_at and entry not in self.place_of
            if entry < parts and free and fits(entry):
                self._pair(entry, entry)

    def by_key(
        self,
        keys: Sequence[Hashable | None],
        wanted: Iterable[tuple[int, Iterable[Hashable]]],
    ) -> list[int]:
        """Each entry not given a part yet given the first free part, in the slide's
        order, whose key (`keys`, by place; None matches nothing) is one of the entry's
        own; the entries given one by this pass, in order.

        Linear in the parts and entries: a slide of thousands of identical quotes is
        a hostile file's, never a reason to compare each with each.
        """
        free: dict[Hashable, deque[int]] = {}
        for place, key in enumerate(keys):
            if key is not None and place not in self.entry_at:
                free.setdefault(key, deque()).append(place)
        given: list[int] = []
        for entry, options in wanted:
            if entry in self.place_of:
                continue
            first: int | None = None
            for key in options:
                places = free.get(key)
                while places and places[0] in self.entry_at:  # taken under another key
                    places.popleft()
                if places and (first is None or places[0] < first):
                    first = places[0]
            if first is not None:
                self._pair(entry, first)
                given.append(entry)
        return given


class Found(Enum):
    """How a block quote's hidden entry was found (`quote_pairs`)."""

    #: By its words, and its cite still shows the entry's date, source and note.
    SAME = "same"
    #: By its words; its cite no longer shows them (edited in TimelineJS).
    CITE_CHANGED = "cite changed"
    #: By its cite, which shows them; its words are not those exported (edited).
    WORDS_CHANGED = "words changed"
    #: As WORDS_CHANGED, while another entry whose quote's words were changed shows
    #: the same and holds other hidden values: the two were told apart by order.
    WORDS_CHANGED_ALIKE = "words changed, alike"


@dataclass(frozen=True)
class QuoteEntry:
    """A quote's hidden data as read.

    Attributes:
        key: `quote_key` of its words when exported; None in files exported before
            it was kept.
        quote: Its date, source and note; None when damaged (said when read).
    """

    key: str | None
    quote: Quote | None


def quote_pairs(
    quoted: Sequence[html.Quoted], entries: Mapping[int, QuoteEntry]
) -> dict[int, tuple[int, Found]]:
    """Each block quote's hidden entry, by place: (the entry's number, how it was found).

    First by the words and the cite together; then by the words alone (the cite was
    edited: the entry is the quote's, and is dropped); then by what the cite shows
    alone (the words were edited, or the file was exported before their fingerprint
    was kept: nothing tells otherwise). An entry found by none of them was written
    for a quote removed since, or one whose words and cite were both changed; a block
    quote given none was added, or is such a one.
    """
    keys = [quote_key(q.text) for q in quoted] if any(e.key for e in entries.values()) else []
    pairs = Pairs()

    def at_home(n: int) -> bool:
        entry = entries[n]
        if entry.quote is None or (entry.key is not None and entry.key != keys[n]):
            return False
        return meta_shows(entry.quote, quoted[n])

    pairs.at_home(entries, len(quoted), at_home)
    found = {place: (n, Found.SAME) for place, n in pairs.entry_at.items()}
    if len(found) == len(entries):
        return found  # nothing moved: an unedited slide stops here
    # What each entry's cite would show, after a speaker and without one.
    cites = {
        n: _cite_keys(entry.quote)
        for n, entry in entries.items()
        if entry.quote is not None and n not in pairs.place_of
    }
    keyed = [(n, entry.key) for n, entry in entries.items() if entry.key is not None]
    place_cites = [(bool(q.cite), q.meta, q.has_meta) for q in quoted]
    with_words = [(key, *cite) for key, cite in zip(keys, place_cites, strict=False)]
    wanted = ((n, [(key, *cite) for cite in cites[n]]) for n, key in keyed if n in cites)
    for n in pairs.by_key(with_words, wanted):
        found[pairs.place_of[n]] = (n, Found.SAME)
    for n in pairs.by_key(keys, ((n, [key]) for n, key in keyed)):
        found[pairs.place_of[n]] = (n, Found.CITE_CHANGED)
    # Entries left that a cite could show; those holding other values under the same
    # cite can be told apart only by their order.
    left = {n: cite for n, cite in cites.items() if n not in pairs.place_of}
    alike: dict[tuple[Hashable, ...], set[Quote | None]] = {}
    for n, cite in left.items():
        alike.setdefault(tuple(cite), set()).add(entries[n].quote)
    only_cites = [cite if cite[2] else None for cite in place_cites]
    for n in pairs.by_key(only_cites, left.items()):
        if entries[n].key is None:
            how = Found.SAME  # an older export: the words cannot be compared
        elif len(alike[tuple(left[n])]) > 1:
            how = Found.WORDS_CHANGED_ALIKE
        else:
            how = Found.WORDS_CHANGED
        found[pairs.place_of[n]] = (n, how)
    return found


def _cite_keys(quote: Quote | None) -> list[tuple[bool, str, bool]]:
    """What a cite shows of the quote's date, source and note as this program writes
    them (or wrote them: `_as_written`), after a speaker and without one, as
    `html.Quoted` reads it: (whether there is a speaker, the span's text, whether
    there is a span)."""
    assert quote is not None
    keys = []
    for written in _as_written(quote):
        for after_speaker in (True, False):
            shown = _shown_meta(written, after_speaker)
            if shown is not None and (after_speaker, *shown) not in keys:
                keys.append((after_speaker, *shown))
    return keys


def _as_written(quote: Quote) -> list[Quote]:
    """A quote as exports write its cite, and as those before a source's kind,
    accessed date and archive were shown wrote it (`interchange.without_facts`)."""
    if quote.source is None or without_facts(quote.source) == quote.source:
        return [quote]
    return [quote, quote._replace(source=without_facts(quote.source))]


def _sources_written(source: Source) -> list[Source]:
    """A source as exports write its paragraph, and as those before its kind, accessed
    date and archive were shown wrote it (`interchange.without_facts`)."""
    before = without_facts(source)
    return [source] if before == source else [source, before]


def _shown_meta(quote: Quote, after_speaker: bool) -> tuple[str, bool] | None:
    """The span after a quote's speaker as this program writes it, read back: its
    text and whether there is one (None if it does not read back as a quote)."""
    written = quote_meta_html(quote, after_speaker)
    speaker = "x" if after_speaker else ""
    again = html.parse(f"<blockquote><p>x</p><cite>{speaker}{written}</cite></blockquote>")
    if not again.quotes:
        return None
    return again.quotes[0].meta, again.quotes[0].has_meta


def quote_meta_text(quote: Quote) -> str:
    """What a cite without a speaker shows of the quote's date, source and note, as
    text ("16 Oct 2015, CNBC transcript (https://...)"): how a warning names a quote
    whose words it does not have."""
    shown = _shown_meta(quote, after_speaker=False)
    return shown[0] if shown is not None else ""


def source_pairs(lines: Sequence[html.SourceLine], entries: Mapping[int, Source]) -> dict[int, int]:
    """Each source paragraph's hidden entry, by place: the one whose source it shows
    as this program writes it, its own place's first (a paragraph shows all of a
    source's hidden entry but its archive, accessed date and kind: what tells two
    entries apart is what the paragraph shows)."""
    pairs = Pairs()
    pairs.at_home(entries, len(lines), lambda n: source_shows(entries[n], lines[n]))
    if len(pairs.place_of) < len(entries):
        keys = [(line.label, line.url) for line in lines]
        wanted = (
            (n, _shown_source(source)) for n, source in entries.items() if n not in pairs.place_of
        )
        pairs.by_key(keys, wanted)
    return pairs.entry_at


def _shown_source(source: Source) -> list[tuple[str, str]]:
    """A source paragraph as this program writes it (or wrote it), read back: its
    label and link (none if it does not read back as one paragraph, which no paragraph
    then shows)."""
    keys = []
    for written in _sources_written(source):
        lines = html.parse(source_html(written)).sources
        if len(lines) == 1:
            keys.append((lines[0].label, lines[0].url))
    return keys


def meta_shows(quote: Quote, quoted: html.Quoted) -> bool:
    """Whether the span after a quote's speaker still shows the quote's own date,
    source and note as this program writes them (checked as `source_shows` checks a
    source paragraph)."""
    for form in _as_written(quote):
        written = quote_meta_html(form, bool(quoted.cite))
        if quoted.meta_markup and quoted.meta_markup == written:
            return True
        if _shown_meta(form, bool(quoted.cite)) == (quoted.meta, quoted.has_meta):
            return True
    return False


def source_shows(source: Source, line: html.SourceLine) -> bool:
    """Whether a source paragraph still shows the source as this program writes it.

    The same markup, as it is unless edited, says so at once; otherwise the paragraph
    must read the same as the one written (a tool may have rewritten the markup
    without changing what it says).
    """
    for form in _sources_written(source):
        written = source_html(form)
        if (line.markup and line.markup == written) or html.parse(written).sources == [line]:
            return True
    return False
