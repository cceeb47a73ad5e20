"""The timeline model: immutable values that every view and format reads.

Nothing here imports Textual; the loader builds these, the views only read them.

The values (all but `Timeline`, which builds lookups) are named tuples rather than
frozen dataclasses: as immutable, but built in a seventh of the time (100,000 events
and their dates are built on every load; a frozen dataclass sets each field through
`object.__setattr__`), and their classes are made in a fraction of the time at
start-up (a dataclass compiles its methods). Change a field with `value._replace(...)`.

Unlike the rest of the package, this module's annotations are evaluated as it is
imported (no `from __future__ import annotations`): `schema.describe` reads them, and
as strings each would be compiled and evaluated again, 1 ms of every start.
"""

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from enum import Enum, IntEnum
from itertools import chain, compress, count
from operator import attrgetter
from typing import Any, NamedTuple

from timeline.schema import describe


class Precision(IntEnum):
    """How much of a date is known. Ordered from coarse to fine."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    HOUR = 3
    MINUTE = 4
    SECOND = 5


class Qualifier(Enum):
    """How exact a date is: known, approximate, uncertain, or only a bound.

    CIRCA is EDTF's "~" (approximate: near this date); UNCERTAIN is its "?" (perhaps
    this date: the source is in doubt), shown "2018?".
    """

    EXACT = "exact"
    CIRCA = "circa"
    UNCERTAIN = "uncertain"
    BEFORE = "before"
    AFTER = "after"


class When(NamedTuple):
    """A resolved date at its precision, with what the file said about it.

    Dates are kept as fields rather than a `datetime` so that years before 1
    (TimelineJS allows BCE dates) and partial dates ("July 2018") are exact.

    Attributes:
        year: The year; negative years are BCE as in TimelineJS (-500 is 500 BCE).
        month: 1-12; 1 when the precision is coarser than a month.
        day: 1-31; 1 when the precision is coarser than a day.
        hour: 0-23, minute and second: 0 when coarser than the precision.
        precision: How much of the above is known.
        qualifier: Exact, circa, or only known to lie before or after this date.
        tz: The zone the wall-clock time is in, when a time and a zone are known.
        written: The date as written in the file ("Monday", "2018-07", "July 8, 2018").
        anchor: Id of the event a relative date was resolved against.
        rule: How a relative date was resolved ("Monday on or before").
        order: Tie-breaking for dates that are only bounds: "before X" sorts just
            before X, "after X" just after, recursively. Its first number is the side
            of the dated event the date lies on (-1 or 1); the TOML loader stores
            (side, rank among the file's bound dates) rather than the whole path, so
            its length does not grow with a chain (see `timeline.read.orders`).
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    second: int = 0
    precision: Precision = Precision.DAY
    qualifier: Qualifier = Qualifier.EXACT
    tz: tzinfo | None = None
    written: str = ""
    anchor: str | None = None
    rule: str = ""
    order: tuple[int, ...] = ()

    @property
    def key(self) -> tuple[int, int, int, int, int, int]:
        """Chronological position: the start of the period, or past a period for bounds.

        A date known only to lie after a period ("after 2019", or "after" an event of
        16 July) sorts after everything in that period: its key is past the period's
        last moment (month 13, day 32, hour 24, minute 60) and before the next period.
        One known only to lie before a period ("before 2020", "before 16 July") sorts
        past everything in the period before it (2019, 15 July), so "before 2020"
        comes before "after 2019", as the dates they stand for do. The side is read
        from `order`, whose first step says on which side of the dated event the date
        lies (a bound counted from a bound is on its side: the reader refuses one on
        the other, which could be any date). Ties are broken by `order`.
        """
        if self.order or self.qualifier is not _EXACT:  # bounds are few: the rest is quick
            side = _side(self)
            if side > 0:
                return _past(self)
            if side < 0 and self.precision is not Precision.SECOND:
                return _past_previous(self)
        precision = self.precision
        if precision is _YEAR:
            return (self.year, 0, 0, 0, 0, 0)
        if precision is _MONTH:
            return (self.year, self.month, 0, 0, 0, 0)
        if precision is _DAY:
            return (self.year, self.month, self.day, -1, 0, 0)
        return (self.year, self.month, self.day, self.hour, self.minute, self.second)


_EXACT = Qualifier.EXACT
_YEAR, _MONTH, _DAY = Precision.YEAR, Precision.MONTH, Precision.DAY


def _side(when: When) -> int:
    """Which side of its date a date lies on: -1 before, 1 after, 0 on it."""
    if when.order:
        return when.order[0]
    qualifier = when.qualifier
    return 1 if qualifier is Qualifier.AFTER else -1 if qualifier is Qualifier.BEFORE else 0


def _past_previous(when: When) -> tuple[int, int, int, int, int, int]:
    """A key past every moment of the year, month, day, hour or minute before the date's.

    Day 31 stands for the last day of any month, as in `dates.calendar.last_moment`:
    no real day comes after it in its month. There is no year 0: before 1 CE is 1 BCE.
    (A second has nothing finer: "before" it keeps its key, and `order` puts it first.)
    """
    year, month, day, hour, minute = when.year, when.month, when.day, when.hour, when.minute
    earlier_year = year - 1 if year != 1 else -1
    if when.precision is Precision.YEAR:
        return (earlier_year, 13, 0, 0, 0, 0)
    if when.precision is Precision.MONTH:
        return (year, month - 1, 32, 0, 0, 0) if month > 1 else (earlier_year, 12, 32, 0, 0, 0)
    if when.precision is Precision.MINUTE and minute:
        return (year, month, day, hour, minute - 1, 60)
    if when.precision >= Precision.HOUR and hour:
        return (year, month, day, hour - 1, 60, 0)
    if day > 1:
        return (year, month, day - 1, 24, 0, 0)
    return (year, month - 1, 31, 24, 0, 0) if month > 1 else (earlier_year, 12, 31, 24, 0, 0)


def _past(when: When) -> tuple[int, int, int, int, int, int]:
    """A key after every moment of the date's period and before the next period."""
    precision = when.precision
    if precision is Precision.YEAR:
        return (when.year, 13, 0, 0, 0, 0)
    if precision is Precision.MONTH:
        return (when.year, when.month, 32, 0, 0, 0)
    if precision is Precision.DAY:
        return (when.year, when.month, when.day, 24, 0, 0)
    if precision is Precision.HOUR:
        return (when.year, when.month, when.day, when.hour, 60, 0)
    if precision is Precision.MINUTE:
        return (when.year, when.month, when.day, when.hour, when.minute, 60)
    # A second has nothing finer: `order` puts "after" it behind it.
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


class Source(NamedTuple):
    """Where something is documented.

    Attributes:
        label: What it is ("RAICES on Twitter, 19 July 2018").
        url: Where it is online.
        archive: A saved copy, as a path relative to the timeline file (plain text,
            HTML or PDF): what `timeline verify` checks quotes against.
        accessed: When the copy was saved or the page read.
        kind: "primary" (the tweet itself) or "secondary" (an article quoting it).
    """

    label: str = ""
    url: str = ""
    archive: str = ""
    accessed: When | None = None
    kind: str = ""

    @classmethod
    def from_text(cls, text: str) -> "Source":
        """A source written as a string: an http(s) address is the URL, else the label."""
        return cls("", text) if text.startswith(("http://", "https://")) else cls(text, "")


class Quote(NamedTuple):
    """One quoted passage, attributed to `speaker` when it differs from the event's.

    Attributes:
        text: The words, verbatim.
        speaker: Who said them, when not the event's speaker.
        date: When they were said or published, when not the event's date (RAICES's
            tweet of 19 July quotes what happened before).
        source: Where they are documented, when not the event's sources.
        note: A remark about the quote (a translation, a doubt).
    """

    text: str
    speaker: str = ""
    date: When | None = None
    source: Source | None = None
    note: str = ""

    @classmethod
    def from_text(cls, text: str) -> "Quote":
        """A quote written as a plain string."""
        return cls(text)


class Media(NamedTuple):
    """A picture, video or embed attached to an event (TimelineJS's media object)."""

    url: str = ""
    caption: str = ""
    credit: str = ""
    thumbnail: str = ""
    alt: str = ""

    def blank(self) -> bool:
        """Whether it names no picture a reader could see: its url and its caption are
        empty or spaces. A file may give them so (kept for round trips, which the
        exports that carry data do); a page shows no such media, rather than one
        named by a word of its own ("Media") or by nothing."""
        return not self.url.strip() and not self.caption.strip()

    def name(self) -> str:
        """What it is named by where it is shown: its caption, else its alt text; ""
        when both are empty or spaces, and then it is named by its address. Every
        output names it so (a caption of spaces named a link of nothing, "[](<...>)",
        and the printout said "Media:  — AP")."""
        if self.caption.strip():
            return self.caption
        return self.alt if self.alt.strip() else ""


class Event(NamedTuple):
    """One dated moment of the story.

    Attributes:
        id: Unique slug within the timeline; links and `--at` use it.
        when: The resolved start.
        title: One line saying what happened.
        end: The resolved end of a range, if any.
        display_date: Text shown instead of the computed date, if the author gave one.
        kind: Free text; tweet, letter, statement, photo, article, pledge, ...
        speaker, handle, role: Who said or did it.
        group: A lane or storyline (TimelineJS's group).
        tags: Free keywords for filtering.
        context: Prose explaining the moment.
        sources: Where it is documented, primary sources first by convention.
        in_reply_to: Id of the event this one answers.
        quotes: Verbatim passages.
        media: An attached picture or embed.
        background: TimelineJS's slide background (a colour or an image URL), kept for round trips.
        status: How far the event is verified: one of `STATUSES`, "" when not said.
        notes: Research notes, never published unless asked for.
        file: The file the event came from (several files can be merged).
        line: The line of its `[[events]]` header, 0 when unknown.
    """

    id: str
    when: When
    title: str
    end: When | None = None
    display_date: str = ""
    kind: str = ""
    speaker: str = ""
    handle: str = ""
    role: str = ""
    group: str = ""
    tags: tuple[str, ...] = ()
    context: str = ""
    sources: tuple[Source, ...] = ()
    in_reply_to: str = ""
    quotes: tuple[Quote, ...] = ()
    media: Media | None = None
    background: str = ""
    status: str = ""
    notes: str = ""
    file: str = ""
    line: int = 0

    @property
    def source(self) -> Source | None:
        """The first source, or None: where a single source is all there is room for."""
        return self.sources[0] if self.sources else None

    def quote_date(self, quote: Quote) -> When:
        """When a quote was said: its own date, else the event's."""
        return quote.date or self.when

    def quote_sources(self, quote: Quote) -> tuple[Source, ...]:
        """Where a quote is documented: its own source, else the event's sources."""
        return (quote.source,) if quote.source is not None else self.sources


#: The verification statuses an event may carry, from strongest to weakest.
STATUSES = ("confirmed", "single source", "disputed", "unverified")
#: What each means, for the help and the docs.
STATUS_MEANINGS = {
    "confirmed": "documented by independent sources, or by a primary one",
    "single source": "known from one account only (often a party's own)",
    "disputed": "sources disagree, or a party denies it",
    "unverified": "not yet checked",
}
#: The one-character mark and style each status gets where space is short (the rail).
STATUS_MARKS = {
    "confirmed": ("✓", "bold green"),
    "single source": ("1", "bold yellow"),
    "disputed": ("!", "bold red"),
    "unverified": ("?", "bold magenta"),
}


# How many parts of `When.key` a date at each precision fixes (the rest are zeros).
_KEY_PARTS = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}


class Era(NamedTuple):
    """A named span of time shown as a band behind the events it contains."""

    title: str
    start: When
    end: When
    text: str = ""

    def contains(self, when: When) -> bool:
        """Whether a date falls in the era; the end counts whole at its precision."""
        reach = _KEY_PARTS.get(self.end.precision, 6)
        return self.start.key <= when.key and when.key[:reach] <= self.end.key[:reach]


_ID = attrgetter("id")
_IN_REPLY_TO = attrgetter("in_reply_to")
_WHEN, _ORDER = attrgetter("when"), attrgetter("order")
#: Ids put in the index at a time when a thread builds it (`Timeline.index_ids`): about
#: 5 ms of holding the interpreter each at 1,000,000 events.
IDS_SLICE = 20_000


@dataclass(frozen=True, slots=True)
class Timeline:
    """A whole timeline, events in chronological order (ties keep file order)."""

    title: str
    events: Sequence[Event]
    """A tuple, or for a large file its rows made as they are asked for: from the
    cache (timeline/store.py) or as first read (timeline/file_rows.py)."""
    summary: str = ""
    timezone: str = ""
    source: Source | None = None
    eras: tuple[Era, ...] = ()
    media: Media | None = None
    files: tuple[str, ...] = ()
    # Not constructor arguments: `dataclasses.replace` must build fresh lookups, not
    # share (and refill) the original timeline's.
    _index: dict[str, int] = field(default_factory=dict, init=False, compare=False, repr=False)
    _replies: dict[str, list[int]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        # Built once so the viewer's per-key work does not grow with the file; from the
        # columns of events kept as rows (timeline/store.py), which are not all made.
        columns = getattr(self.events, "columns", None)
        if columns is None:
            replying: Iterable[tuple[int, str]] = enumerate(map(_IN_REPLY_TO, self.events))
        else:  # the few events that reply, found in C
            targets = columns["in_reply_to"]
            replying = ((i, targets[i]) for i in compress(count(), targets))
        for i, target in replying:
            if target:
                self._replies.setdefault(target, []).append(i)

    def _ids(self) -> dict[str, int]:
        # Built on first use: 0.3-0.4 s at 1,000,000 events, before any link is
        # followed. Put in place whole, so another thread sees all of it or none (two
        # may both build it; each builds the same).
        if not self._index and self.events:
            columns = getattr(self.events, "columns", None)
            ids = map(_ID, self.events) if columns is None else columns["id"]
            object.__setattr__(self, "_index", dict(zip(ids, count())))
        return self._index

    def index_ids(self, between: Callable[[], None], size: int = IDS_SLICE) -> None:
        """Build the index of ids `size` ids at a time, calling `between` after each
        slice (where the viewer's thread hands the interpreter back, or gives the work
        up): built where first asked for (a relative date's anchor named, a link
        followed), it held the viewer for 0.3 s at 1,000,000 events. A lookup before it
        is done builds it whole, as it would have (looking through the ids instead,
        20-40 ms a lookup, took seconds where each row drawn asked)."""
        columns = getattr(self.events, "columns", None)
        ids: Sequence[Any] = self.events if columns is None else columns["id"]
        index: dict[str, int] = {}
        for start in range(0, len(ids), size):
            if self._index:
                return  # built meanwhile, where it was asked for
            part = ids[start : start + size]
            index.update(zip(map(_ID, part) if columns is None else part, count(start)))
            between()
        if not self._index:
            object.__setattr__(self, "_index", index)

    def index_of(self, event_id: str) -> int | None:
        """Position of the event with this id, or None."""
        return self._ids().get(event_id)

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        i = self.index_of(event_id)
        return None if i is None else self.events[i]

    def replies_to(self, event_id: str) -> list[Event]:
        """Events that name this one in `in_reply_to`, in timeline order."""
        return [self.events[i] for i in self._replies.get(event_id, ())]


def chronological(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events sorted by `When.key`, then `When.order`; ties keep their order.

    "before X" sorts after everything in the period before X's, and "after X" after
    everything in X's (see `When.key`): "after 2019" follows 1 June 2019, and "before
    2020" follows 1 June 2019 and precedes "after 2019".
    """
    items = list(events)
    return tuple(map(items.__getitem__, chronological_order(items)))


def chronological_order(events: Sequence[Event]) -> list[int]:
    """Where each event of `chronological(events)` is in `events`."""
    return order_of_dates(list(map(_WHEN, events)))


def order_of_dates(whens: Sequence[When]) -> list[int]:
    """Where each date of these, sorted as `chronological` sorts events, is among them
    (ties keep their order): a stored timeline's column of dates, without its events."""
    key = _date_key(_depth(whens))
    # The distinct dates sorted once, then every event by its date's rank: ints compare
    # quicker than keys, tuples of tuples (1.14 against 0.97 s at 1,000,000 events).
    # Dates are told apart by identity (the loader shares one among events), equal
    # ones given one rank.
    ids = list(map(id, whens))
    rank: dict[int, int] = {}
    last: object = None
    ranked = -1
    for when in sorted(dict(zip(ids, whens, strict=True)).values(), key=key):
        found = key(when)
        if found != last:
            ranked, last = ranked + 1, found
        rank[id(when)] = ranked
    ranks = list(map(rank.__getitem__, ids))
    # Let go before the sort, which holds a key and an index an event: at the end of a
    # load, this sort is where its memory peaks.
    del ids, rank
    return sorted(range(len(whens)), key=ranks.__getitem__)


#: Runs' dates are placed in the longest by bisection when it holds this many times
#: as many as the others (`order_of_sorted`); else all are sorted.
PLACED_UNDER = 64


def order_of_sorted(runs: Sequence[Sequence[When]]) -> Sequence[int]:
    """`order_of_dates` of these runs one after another, each in that order already
    (several files' timelines, merged).

    When one holds nearly all the dates (a stored timeline of 1,000,000 events and a
    file of notes), it is kept whole and the others' dates are placed in it by
    bisection: sorting them all again took 0.5 s."""
    sizes = list(map(len, runs))
    whole = list(chain.from_iterable(runs))
    big = max(range(len(runs)), key=sizes.__getitem__, default=0)
    if not runs or (len(whole) - sizes[big]) * PLACED_UNDER > sizes[big]:
        return order_of_dates(whole)
    key = _date_key(max(map(_depth, runs)))
    spine, first = runs[big], sum(sizes[:big])
    rest = [*range(first), *range(first + sizes[big], len(whole))]
    rest.sort(key=lambda i: key(whole[i]))  # ties: the runs' order
    order = array("i")
    at = 0
    for i in rest:
        # Before the spine's dates of the same key if its run comes before the spine's.
        place = bisect_left if i < first else bisect_right
        goes = place(spine, key(whole[i]), lo=at, key=key)
        order.extend(range(first + at, first + goes))
        order.append(i)
        at = goes
    order.extend(range(first + at, first + len(spine)))
    return order


def _depth(whens: Sequence[When]) -> int:
    return max(map(len, map(_ORDER, whens)), default=0)


def _date_key(depth: int) -> Callable[[When], tuple[tuple[int, ...], ...]]:
    pad = (0,) * depth
    # The loader shares one When among events with the same date, so the sort keys are
    # built once per date rather than once per event: at 100,000 events that is a
    # third of the time and 20 MB less at the loader's peak.
    keys: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def key(when: When) -> tuple[tuple[int, ...], tuple[int, ...]]:
        found = keys.get(id(when))
        if found is None:
            found = keys[id(when)] = (when.key, (*when.order, *pad)[:depth])
        return found

    return key


# ---------------------------------------------------------------------- the records
#
# The one description of each record that the readers, the cache and the exports use
# (see timeline/schema.py): the fields come from the classes above; what follows adds
# only what their annotations cannot say.

WHEN = describe(When, "date")
# The texts that name or label something (a speaker, a tag, a source's label, the
# quoted words) must not be blank: shown, a blank one is a label with nothing in it
# ("— " under a quote, a tag "#", a lane of spaces), surely a slip. Prose (context,
# notes, a quote's note) and what is kept for round trips (background, media) may be.
# The examples say what to write instead, in the message for a blank one.
SOURCE = describe(
    Source,
    "source",
    text_form=Source.from_text,
    help="a URL string or a table with 'label' and 'url'",
    nonblank=("label", "url", "archive", "kind"),
    # A source of nothing but a kind or a date (`source = {}`, `{ label = "" }`) would
    # be shown and exported as a source that names nothing.
    named_by=("label", "url", "archive"),
    links=("url",),
    examples={
        "label": 'what it is, such as "RAICES on Twitter, 19 July 2018"',
        "url": 'where it is online, such as "https://example.org/story"',
        "archive": 'the path of a saved copy, such as "sources/letter.txt"',
        "kind": '"primary" or "secondary"',
    },
)
MEDIA = describe(
    Media,
    "media",
    links=("url", "thumbnail"),
    # A picture is where it is online or what its caption says it shows (a photo of
    # the article, known by its caption). A credit, thumbnail or alt text alone names
    # no picture, and `media = {}` would be exported as media of nothing.
    named_by=("url", "caption"),
    examples={
        "url": 'where the picture is online, such as "https://example.org/photo.jpg"',
        "caption": 'what it shows, such as "Protesters outside the federal court"',
    },
)
QUOTE = describe(
    Quote,
    "quote",
    required=("text",),
    text_form=Quote.from_text,
    strict=True,
    nonblank=("speaker",),
    examples={"text": "the words quoted, verbatim", "speaker": "who said them"},
)
EVENT = describe(
    Event,
    "event",
    keys={"when": "date", "end": "end_date"},
    required=("title", "when"),
    internal=("file", "line"),
    extra_keys=("relative_to", "circa", "quote", "source"),
    nonblank=("display_date", "kind", "speaker", "handle", "role", "group", "tags"),
    examples={
        "id": 'a slug such as "raices-letter"',
        "title": "a string saying what happened",
        "when": 'for example date = 2018-07-19, date = "2018-07", or date = "Monday" with relative_to',
        "display_date": 'the date to show, such as "summer 2018"',
        "kind": 'what it is, such as "tweet" or "letter"',
        "speaker": 'who said or did it, such as "Marc Benioff"',
        "handle": 'their account, such as "@RAICESTEXAS"',
        "role": 'what they are, such as "CEO, Salesforce"',
        "group": 'its lane, such as "Salesforce"',
        "tags": 'a word or phrase, such as "cbp"',
    },
)
ERA = describe(Era, "era", required=("start", "end"))
