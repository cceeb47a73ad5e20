"""Incremental full-text search over a timeline's events, and match spans for highlighting.

Matching is by substring after folding: accents are dropped (Unicode NFKD, then the
combining marks removed), so are characters that show nothing (a soft hyphen, a
zero-width space), typographic quotation marks and apostrophes (’ “ ”) read as the
typed ones (' "), runs of whitespace become one space, and the case is folded
unless the query holds a capital letter ("smart case", as in vim and ripgrep). So
"hernandez" finds "Hernández", "HERNÁNDEZ" and "hernández"; "RAICES" finds only the
capitalised spelling.

The core never imports Textual: the viewer builds a `SearchIndex` (possibly in a
background thread, with `SearchIndex.build`) and asks it for matches on each keystroke.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from timeline.model import EVENT, QUOTE, SOURCE, Event
from timeline.schema import Record
from timeline.stopping import check
from timeline.store import Stored
from timeline.text import BLANKS, STAND_IN

if TYPE_CHECKING:
    from timeline.query.search_text import StoredTexts

# Joins an event's fields into one haystack. A query never holds it in practice (it is
# not typeable); a query that does is matched field by field instead, so a match can
# never span two fields.
SEPARATOR = "\x00"

# A run of whitespace that is not a single space: what collapsing replaces. Matching
# only those leaves ordinary text untouched. (`\s` is exactly `str.isspace` for str
# patterns.)
_WHITESPACE_TO_COLLAPSE = re.compile(r"[^\S ]\s*| \s+")

# Characters beyond the Basic Multilingual Plane: only text holding some needs the
# (slower) pattern for the combining marks found there.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# How many recent queries keep their results, so that typing on and deleting back
# both reuse work.
_CACHE_SIZE = 64
#: And how many event numbers they keep in all (8 bytes each; `SearchIndex`'s
#: `remembered`).
REMEMBERED = 4_000_000
#: Events folded between two asks whether the work was given up (`stopping.check`).
_PASS = 1_000


# Characters that show nothing but are not format characters (category Cf, which are
# all passed over): the screen's blanks (the combining grapheme joiner, the Hangul
# fillers, Khmer's invisible inherent vowels), but the braille blank, a pattern of its
# own that is searched as itself.
_FILLERS = BLANKS.replace("\u2800", "")
# Where format characters (category Cf) are: the first two planes and the tags.
_FORMAT_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


def _passed_over(char: str) -> bool:
    """Whether folding drops the character: a combining mark, or one that shows nothing.

    "soft\u00adhyphen" (a soft hyphen, as German and Dutch text holds) and
    "Sales\u200bforce" read as "softhyphen" and "Salesforce", and the viewer shows the
    hidden character as a stand-in, so a search for what the reader sees finds them.
    """
    if unicodedata.combining(char) or char in _FILLERS:
        return True
    return unicodedata.category(char) == "Cf"


@cache
def _marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for what folding drops (`_passed_over`) in the BMP and beyond it, built
    on first use.

    Two patterns because `re` tests a class of BMP characters with a table lookup but
    walks a list of ranges once the class holds a character beyond it: one class for
    both made folding ten times slower.
    """
    # What `_passed_over` says, found a class at a time: a call of it for each of the
    # 1.1 million code points took 2.5 times as long.
    combining, category = unicodedata.combining, unicodedata.category
    codes = {code for code in range(sys.maxunicode + 1) if combining(chr(code))}
    codes.update(c for plane in _FORMAT_PLANES for c in plane if category(chr(c)) == "Cf")
    codes.update(map(ord, _FILLERS))
    ordered = sorted(codes)
    inside = [code for code in ordered if code < 0x10000]
    beyond = [code for code in ordered if code >= 0x10000]
    return re.compile(_char_class(inside) + "+"), re.compile(_char_class(beyond) + "+")


def _char_class(codes: list[int]) -> str:
    """A regular-expression class of the (sorted) code points, as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


# Typographic quotation marks and apostrophes as a keyboard types them: a quote copied
# from an article holds ’ and “”, a reader types ' and ". One character for one, so
# highlights keep their places.
_TYPED = tuple(zip("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f", "''''\"\"\"\"", strict=True))


def _typed(text: str) -> str:
    """The typographic marks in `text` made the typed ones (`_TYPED`).

    A `replace` for each mark the text holds, not `str.translate`, which looks every
    character up in a table: folding 100,000 events took 2.25 s with it, 0.91 s so
    (0.80 s with neither).
    """
    for mark, typed in _TYPED:
        if mark in text:
            text = text.replace(mark, typed)
    return text


def _drop_accents(text: str) -> str:
    if text.isascii():
        return text
    inside, beyond = _marks()
    text = _typed(inside.sub("", unicodedata.normalize("NFKD", text)))
    if _ASTRAL.search(text):
        text = beyond.sub("", text)
    return text


def _collapse(text: str, plain: str) -> str:
    """Collapse whitespace runs; `plain` is the text with its separators made spaces."""
    # Checking first is cheap (two scans in C) and most text needs nothing done;
    # `isprintable` is False for every whitespace character but the space.
    if "  " in plain or not plain.isprintable():
        return _WHITESPACE_TO_COLLAPSE.sub(" ", text)
    return text


def fold(text: str) -> str:
    """Text as search compares it, keeping case: accents dropped, whitespace runs collapsed.

    Args:
        text: Any text.

    Returns:
        The NFKD decomposition without combining marks, every run of whitespace made
        a single space. "Hernández" gives "Hernandez"; "ﬁ" gives "fi".
    """
    text = _drop_accents(text)
    return _collapse(text, text)


def _fold_joined(texts: list[str]) -> str:
    """`SEPARATOR.join(fold(t) for t in texts)`, in a few calls over the whole text."""
    text = _drop_accents(SEPARATOR.join(texts))
    return _collapse(text, text.replace(SEPARATOR, " "))


def fold_lower(text: str) -> str:
    """`fold`, then case-folded ("Straße" gives "strasse")."""
    return fold(text).casefold()


def fold_lower_each(texts: Iterable[str]) -> list[str]:
    """`[fold_lower(text) for text in texts]`, with plain ASCII text (most titles and
    names) only case-folded, which is all folding does to it."""
    return [
        text.casefold()
        if text.isascii() and text.isprintable() and "  " not in text
        else fold_lower(text)
        for text in texts
    ]


def is_case_sensitive(query: str) -> bool:
    """Smart case: True when the query holds an uppercase or titlecase letter."""
    return any(unicodedata.category(char) in ("Lu", "Lt") for char in query)


def _at(record: Record, *names: str) -> itemgetter[Any]:
    """The fields of a record by name, read by their place: an event and its row (the
    rows of stored events, `store.Stored.rows`) hold them in the same places."""
    return itemgetter(*(record.fields.index(record.by_name[name]) for name in names))


# The fields search looks in, read in C (itemgetter) rather than one at a time: that
# halves building the index (0.42 s to 0.21 s at 100,000 events).
_HEAD = _at(EVENT, "title", "kind", "speaker", "handle", "role", "group")
_TAGS = _at(EVENT, "tags")
_DATE_CONTEXT = _at(EVENT, "display_date", "context")
_QUOTES_SOURCES = _at(EVENT, "quotes", "sources")
_END = _at(EVENT, "status", "notes")
_QUOTE = _at(QUOTE, "text", "speaker", "note")
_QUOTE_SOURCE = _at(QUOTE, "source")
_SOURCE = _at(SOURCE, "label", "url")


def haystack(event: Event) -> str:
    """An event's text as search looks in it: its fields folded, case kept, apart by
    `SEPARATOR`."""
    return _fold_joined(event_fields(event))


def haystacks(events: Sequence[Event]) -> Iterator[str]:
    """`haystack` of each event, in order; of stored events from their rows, without
    making them (making them was a third of the time at 1,000,000 events); of several
    files merged, each file's, in the merged order (`_file_haystacks`)."""
    if isinstance(events, Stored):
        from timeline.merged_rows import MergedRows  # (not imported as the viewer starts)

        if isinstance(events, MergedRows):
            yield from events.in_order(_file_haystacks)
            return
        for rows in events.rows():  # each slice asks whether the pass was given up
            yield from map(_fold_joined, map(event_fields, rows))
        return
    for first in range(0, len(events), _PASS):
        check()  # given up (the viewer left): stopped here
        yield from map(_fold_joined, map(event_fields, events[first : first + _PASS]))


def _file_haystacks(events: Sequence[Event]) -> Iterator[str]:
    """`haystacks` of one file's events; of a cache entry's, the text kept beside it
    when there is one: a large file merged with another had its million events folded
    again at each open's first search (14 s), though their text was kept."""
    if isinstance(events, Stored):
        from timeline.query.search_text import kept_texts

        kept = kept_texts(events)
        if kept is not None:
            yield from kept
            return
    yield from haystacks(events)


def event_fields(event: Event | Sequence[Any]) -> list[str]:
    """The texts of an event (or of its row) that search looks in, in the order they
    are shown.

    Title, kind, speaker, handle, role, group, tags, display date, context, each quote's
    text, speaker, note and source, every source's label and URL, the status and the
    research notes.
    """
    fields = [*_HEAD(event), *_TAGS(event), *_DATE_CONTEXT(event)]
    quotes, sources = _QUOTES_SOURCES(event)
    for quote in quotes:
        fields += _QUOTE(quote)
        source = _QUOTE_SOURCE(quote)
        if source is not None:
            fields += _SOURCE(source)
    for source in sources:
        fields += _SOURCE(source)
    fields += _END(event)
    return [text for text in fields if text]


def matches(event: Event, query: str) -> bool:
    """Whether one event matches the query; the slow, obviously right definition.

    `SearchIndex.search` gives the same answer for every event, only faster.
    """
    if is_case_sensitive(query):
        folded = fold(query)
        return any(folded in fold(text) for text in event_fields(event)) or not folded
    folded = fold_lower(query)
    return any(folded in fold_lower(text) for text in event_fields(event)) or not folded


class SearchIndex:
    """Folded text of every event, built once, for substring search on each keystroke.

    Building costs about a second per 100,000 events, so nothing is built until the
    first search (or an explicit `build`, which the viewer can run in a worker thread
    while the reader is still looking at the timeline).

    Args:
        events: The events to search, usually `timeline.events`; results index into it.
        remembered: How many event numbers the answers to recent queries keep, in all.
    """

    def __init__(self, events: Sequence[Event], *, remembered: int = REMEMBERED) -> None:
        self._events = events
        self._limit = remembered
        self._lock = threading.Lock()
        self._cased: list[str] | None = None
        self._lower: list[str] | None = None
        # A stored timeline's text is read from beside its cache entry (a first read's
        # events get theirs once the viewer has written it), or from a file of its own
        # without one: not held.
        self._stored = isinstance(events, Stored)
        self._texts: StoredTexts | None = None
        # A stored timeline's text while `build` writes it: its first events searchable.
        self._partial: StoredTexts | None = None
        self._recent: OrderedDict[tuple[bool, str], array[int]] = OrderedDict()
        self._remembered = 0  # indices in `_recent`, in all

    def __len__(self) -> int:
        return len(self._events)

    @property
    def built(self) -> bool:
        """Whether the folded text is ready (searching will not have to build it)."""
        return self._lower is not None or self._texts is not None

    @property
    def ready(self) -> int:
        """How many events, from the first, a search can look through now: every one once
        built; while a stored timeline's text is written (`build`, in a thread), those
        written so far; none while any other's is folded."""
        if self.built:
            return len(self._events)
        partial = self._partial
        return 0 if partial is None else partial.ready

    def search_ready(self, query: str, start: int, stop: int) -> list[int] | None:
        """`search_slice` from `start` to `stop`, all of which are `ready`, without
        waiting for the rest: the first matches of a search made while the index is
        built. None when they are not ready after all (the building was given up).
        Safe from another thread than the one building it."""
        if self.built:
            return self.search_slice(query, start, stop)
        partial = self._partial
        if partial is None or stop > partial.ready:
            return None
        sensitive, needle = _needle(query)
        if not needle:
            return list(range(start, stop))
        if SEPARATOR in needle:
            events = self._events
            return [i for i in range(start, stop) if matches(events[i], query)]
        try:
            return partial.find(sensitive, needle, start, stop)
        except (OSError, ValueError):  # closed: the building was given up meanwhile
            return None

    def _grow(self, partial: StoredTexts) -> None:
        self._partial = partial

    @contextmanager
    def _growing(self) -> Iterator[None]:
        """While the text is written: what is written so far is searchable, until it is
        done or given up."""
        try:
            yield
        finally:
            self._partial = None

    def build(self) -> None:
        """Fold every event's text now (for a stored timeline, open the file that holds
        it, or write it). Safe to call from another thread, and more than once."""
        if self._stored_texts() is None:
            self._haystacks()

    def _stored_texts(self) -> StoredTexts | None:
        """The text of a stored timeline, from beside its entry; None for any other,
        or when the file cannot be written (the text is then held, as for any other)."""
        if self._texts is None and self._stored:
            with self._lock, self._growing():
                if self._texts is None and self._stored:
                    from timeline.query.search_text import StoredTexts

                    events = self._events
                    if isinstance(events, Stored) and events.entry is not None:
                        self._texts = StoredTexts.of(events, haystacks, self._grow)
                    elif isinstance(events, Stored):  # no entry (yet): in a file all the same
                        self._texts = StoredTexts.aside(events, haystacks, self._grow)
                    self._stored = self._texts is not None
        return self._texts

    def _haystacks(self) -> tuple[list[str], list[str]]:
        cased, lower = self._cased, self._lower
        if cased is not None and lower is not None:
            return cased, lower
        with self._lock:
            if self._cased is None or self._lower is None:
                # One string per event, folded in one call: per-field calls would cost
                # about ten times as many Python-level operations.
                cased = list(haystacks(self._events))
                # casefold is per character and never joins across the separator, so
                # folding the joined text equals joining the folded fields.
                self._lower = [text.casefold() for text in cased]
                self._cased = cased
            return self._cased, self._lower

    def search(self, query: str) -> list[int]:
        """Indices of the events matching the query, in order.

        Args:
            query: What the reader typed. Capital letters make it case-sensitive.

        Returns:
            Positions in the sequence given to the constructor; every position when
            the query is empty.
        """
        sensitive, needle = _needle(query)
        if not needle:
            return list(range(len(self._events)))
        key = (sensitive, needle)
        found = self._recent.get(key)
        if found is not None:
            self._recent.move_to_end(key)
            return list(found)
        result = self.search_slice(query, 0, len(self._events))
        self._remember(key, result)
        return result

    @property
    def remembered(self) -> int:
        """How many event numbers the answers remembered hold, in all."""
        return self._remembered

    def forget(self) -> None:
        """Forget every answer remembered: the next search of any query scans (the
        folded text is kept)."""
        self._recent.clear()
        self._remembered = 0

    def remembers(self, query: str) -> bool:
        """Whether `search` has the answer for this query at hand (it was asked lately,
        or the query is empty), so that it costs no scan."""
        sensitive, needle = _needle(query)
        return not needle or (sensitive, needle) in self._recent

    def search_slice(self, query: str, start: int, stop: int) -> list[int]:
        """The indices from `start` to `stop` of the events matching the query, in order:
        `search`'s answer cut to that slice, found by looking at that slice only.

        The viewer finds a search among a million events a slice at a time, those
        around the selection first, so that typing never waits for the whole scan.
        """
        sensitive, needle = _needle(query)
        if not needle:
            return list(range(start, stop))
        found = self._recent.get((sensitive, needle))
        if found is not None:
            return list(found[bisect_left(found, start) : bisect_left(found, stop)])
        if SEPARATOR in needle:
            events = self._events
            return [i for i in range(start, stop) if matches(events[i], query)]
        candidates = self._narrowest(sensitive, needle)
        stored = self._stored_texts()
        if stored is not None:
            if candidates is None:
                return stored.find(sensitive, needle, start, stop)
            candidates = candidates[bisect_left(candidates, start) : bisect_left(candidates, stop)]
            return stored.among(sensitive, needle, candidates)
        cased, lower = self._haystacks()
        haystacks = cased if sensitive else lower
        # List comprehensions: about twice as fast here as generators or
        # itertools.compress, and the substring test itself is the rest of the cost.
        if candidates is None:
            whole = start == 0 and stop >= len(haystacks)
            texts = haystacks if whole else haystacks[start:stop]  # no copy for `search`
            return [i for i, text in enumerate(texts, start) if needle in text]
        if start > 0 or stop < len(haystacks):
            candidates = candidates[bisect_left(candidates, start) : bisect_left(candidates, stop)]
        return [i for i in candidates if needle in haystacks[i]]

    def remember(self, query: str, found: list[int]) -> None:
        """Keep the whole answer to a query found a slice at a time (`search_slice`), so
        that asking again, or typing on from it, costs what `search` would."""
        sensitive, needle = _needle(query)
        if needle:
            self._remember((sensitive, needle), found)

    def _narrowest(self, sensitive: bool, needle: str) -> array[int] | None:
        """The smallest remembered result that must contain every match of `needle`.

        A match of a query is a match of any part of it, so the results for a query
        the new one contains (typing on, or pasting around it) bound the new results.
        A case-insensitive result also bounds a case-sensitive query, through the
        case-folded form of the query.
        """
        lowered = needle.casefold() if sensitive else needle
        best: array[int] | None = None
        for (was_sensitive, earlier), found in self._recent.items():
            if was_sensitive == sensitive:
                contained = earlier in needle
            else:
                contained = not was_sensitive and earlier in lowered
            if contained and (best is None or len(found) < len(best)):
                best = found
        return best

    def _remember(self, key: tuple[bool, str], found: list[int]) -> None:
        # As an array, and no more than `remembered` in all: as lists of numbers, the
        # answers to typing ten queries at 1,000,000 events held 430 MB.
        recent = self._recent
        if key in recent:
            self._remembered -= len(recent.pop(key))
        recent[key] = array("q", found)
        self._remembered += len(found)
        while len(recent) > 1 and (len(recent) > _CACHE_SIZE or self._remembered > self._limit):
            self._remembered -= len(recent.popitem(last=False)[1])


def _needle(query: str) -> tuple[bool, str]:
    """Whether a query is case-sensitive, and the text it looks for."""
    sensitive = is_case_sensitive(query)
    return sensitive, fold(query) if sensitive else fold_lower(query)


def _stand_ins_passed_over(text: str) -> list[tuple[int, int]]:
    """Where shown text holds the stand-in of a character folding drops: the viewer
    highlights in what it shows, and a soft hyphen there is `<U+00AD>`."""
    if "<U+" not in text:
        return []
    spans = []
    for match in STAND_IN.finditer(text):
        code = int(match.group(1), 16)
        if code <= sys.maxunicode and _passed_over(chr(code)):
            spans.append(match.span())
    return spans


def _fold_with_positions(
    text: str, lower: bool, skipped: frozenset[int] = frozenset()
) -> tuple[str, list[int], list[int]]:
    """Fold text one character at a time, keeping where each folded character came from.

    The characters at `skipped` offsets fold to nothing (stand-ins for what folding
    drops).

    Returns:
        The folded text (equal to `fold(text)` or `fold_lower(text)`), and for each of
        its characters the start and end offsets in `text` of what it stands for. The
        end reaches over characters that folded to nothing (combining marks, the rest
        of a whitespace run) so a highlight covers them too.
    """
    out: list[str] = []
    starts: list[int] = []
    after_space = False
    for offset, char in enumerate(text):
        if skipped and offset in skipped:
            continue
        if char.isascii():
            piece = char
        else:
            piece = "".join(c for c in unicodedata.normalize("NFKD", char) if not _passed_over(c))
            piece = _typed(piece)
        for c in piece:
            if c.isspace():
                if after_space:
                    continue
                c = " "
                after_space = True
            else:
                after_space = False
            for folded in c.casefold() if lower else c:
                out.append(folded)
                starts.append(offset)
    # The end of what a folded character covers is where the next character that shows
    # up in the folded text begins (the same offset when one character became several,
    # as "ß" became "ss"): one pass from the back, carrying the start of the last
    # different character seen.
    ends = [0] * len(starts)
    following = len(text)
    for k in range(len(starts) - 1, -1, -1):
        ends[k] = following
        if k and starts[k - 1] != starts[k]:
            following = starts[k]
    return "".join(out), starts, ends


def fold_positions(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each of its characters the offset in `text` it comes from:
    to match folded text and show where in the text as written."""
    folded, starts, _ = _fold_with_positions(text, lower=False)
    return folded, starts


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query matches in the text, as (start, end) offsets into `text` itself.

    Matching folds both sides the way `SearchIndex.search` does, so the spans can be
    longer or shorter than the query ("hernandez" covers the accented "Hernández"; "ss"
    covers "ß"). Spans are sorted and never overlap.

    Args:
        text: The text as shown (a title, a quote, a line of the detail pane).
        query: The search query.

    Returns:
        Spans in `text` coordinates; empty for an empty query or no match.
    """
    sensitive = is_case_sensitive(query)
    needle = fold(query) if sensitive else fold_lower(query)
    if not needle or not text:
        return []
    # Stand-ins of what folding drops are passed over as the characters are in search.
    stand_ins = _stand_ins_passed_over(text)
    shown = text
    for start, end in reversed(stand_ins):
        shown = shown[:start] + shown[end:]
    # The cheap whole-text fold first: most visible text does not match at all.
    if needle not in (fold(shown) if sensitive else fold_lower(shown)):
        return []
    skipped = frozenset(i for start, end in stand_ins for i in range(start, end))
    folded, starts, ends = _fold_with_positions(text, lower=not sensitive, skipped=skipped)
    spans: list[tuple[int, int]] = []
    position = folded.find(needle)
    while position >= 0:
        last = position + len(needle) - 1
        start, end = starts[position], ends[last]
        if spans and start < spans[-1][1]:
            # Two matches inside one original character ("s" twice in "ß").
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
        position = folded.find(needle, position + len(needle))
    return spans
