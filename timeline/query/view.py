"""What `j` changes: the reader's view of a timeline, without a screen.

`View` holds everything the viewer shows that is not drawing: the events the filter
keeps, the selected one, the search and its matches, the history of followed links,
the selected quote and the status line. The viewer (timeline/ui/app.py) wires keys to
its methods and draws what it holds; tests drive it directly. Methods that can fail
or have news for the reader return a `Notice` for the viewer to show, and never
raise for anything a reader can do.

Positions are indices into `shown` (what the rail lists); indices are into
`timeline.events`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from timeline.dates import DateError, parse_query, read_query
from timeline.model import Event, Timeline
from timeline.problems import Problem, by_event
from timeline.query.filters import Filter, FilterError, known_values, parse_filter_args
from timeline.query.navigate import (
    jump_index,
    nearest_index,
    next_day,
    next_month,
    previous_day,
    previous_month,
)
from timeline.query.related import related
from timeline.query.value_index import ValueIndex
from timeline.text import ROW_LIMIT, one_line, safe_url

if TYPE_CHECKING:
    from timeline.query.search import SearchIndex


class Notice(NamedTuple):
    """Something to tell the reader after an action.

    Attributes:
        text: What to say.
        severity: "information" or "warning".
        title: What it is about ("--filter"), or "".
    """

    text: str
    severity: str = "information"
    title: str = ""


class ShownEvents(Sequence[Event]):
    """The events the rail shows, as a sequence, without copying them."""

    def __init__(self, events: Sequence[Event], shown: Sequence[int]) -> None:
        self.events = events
        self.shown = shown

    def __len__(self) -> int:
        return len(self.shown)

    def __getitem__(self, position: int) -> Event:  # type: ignore[override]
        return self.events[self.shown[position]]


class View:
    """One reader's view of a timeline.

    Attributes:
        timeline: What is shown; None before the first load.
        filter: Which events are kept.
        shown: Indices (into `timeline.events`) of the events kept, in order.
        cursor: Position (in `shown`) of the selected event.
        query: The search text; "" for none.
        matches: Positions of the shown events matching it, in order.
        history: Ids of the events followed from, newest last.
        bookmarks: Ids of the events the reader marked (`m`); kept across reloads.
        quote: The selected quote of the selected event (what `y` copies).
        reading: While the file is still being read and part of it is shown, how far
            ("40% read", first in the status line); "" once the whole is shown.
        warnings: What loading the timeline shown assumed or ignored (`warn`), in file
            order; each event's own are `warnings_of(event)`.
        dayfirst: Read dates typed like 16/7/2018 day first.
    """

    #: Up to this many events the search index is built on the spot; beyond, the
    #: viewer builds it in a thread and hands it over (`set_index`).
    INDEX_NOW = 20_000

    def __init__(self, *, dayfirst: bool = False) -> None:
        self.timeline: Timeline | None = None
        self.filter = Filter()
        self.shown: Sequence[int] = ()
        self.cursor = 0
        self.query = ""
        self.matches: list[int] = []
        self.history: list[str] = []
        self.bookmarks: set[str] = set()
        self.quote = 0
        self.dayfirst = dayfirst
        self.reading = ""
        self.warnings: list[Problem] = []
        self._warned: dict[int, list[Problem]] | None = None  # by event index
        self._told: list[str] = []  # the warnings the reader was last told of
        self.marks: dict[tuple[str, int], tuple[str, str]] = {}
        """Each quote's verification mark and its style, by (event id, quote number):
        filled by the viewer once the quotes are checked against their archives."""
        self._search_origin: int | None = None  # where a search being typed started
        self._index: SearchIndex | None = None
        self._values: ValueIndex | None = None  # where each value is, for filters
        self._indexing: Timeline | None = None  # the timeline an index is being built for
        self._filter_text = ""

    # ------------------------------------------------------------------ data

    @property
    def events(self) -> Sequence[Event]:
        """Every event of the timeline."""
        return self.timeline.events if self.timeline is not None else ()

    @property
    def shown_events(self) -> ShownEvents:
        """The shown events, in order."""
        return ShownEvents(self.events, self.shown)

    @property
    def selected(self) -> Event | None:
        """The selected event, if any is shown."""
        if not self.shown:
            return None
        return self.events[self.shown[self.cursor]]

    @property
    def default_year(self) -> int:
        """The year of a date typed without one: the timeline's first (2000 when empty)."""
        events = self.events
        return events[0].when.year if events else 2000

    def show(self, timeline: Timeline, index: int = 0) -> None:
        """Show a (new) timeline, with the event at `index` (or the nearest shown) selected."""
        if timeline is not self.timeline:
            self._index = None
            self._values = None
            self.marks = {}
            self.warnings, self._warned = [], None  # a new timeline's come with it (`warn`)
        self.timeline = timeline
        self._apply(index)

    def warn(self, problems: Sequence[Problem]) -> Notice | None:
        """The warnings of the timeline shown (its errors would have stopped it loading).

        Given after each `show`, `reload` or `take_whole`, which forget the last ones.

        Returns:
            News for the reader when there are warnings, unless they say what the last
            ones said (a reload that changed something else): an assumed date must
            never go unnoticed, nor be announced at every save.
        """
        files: dict[str, int] = {}  # in the order the files were given
        for problem in problems:
            files.setdefault(problem.file, len(files))
        self.warnings = sorted(
            (p for p in problems if p.severity == "warning"),
            key=lambda p: (files[p.file], p.line),
        )
        self._warned = None
        said = sorted(p.message for p in self.warnings)  # lines move as a file is edited
        before, self._told = self._told, said
        if not said or said == before:
            return None
        count = len(said)
        plural = "s" if count != 1 else ""
        return Notice(
            f"Reading the file assumed or ignored something {count:,} time{plural}. Each "
            "warning is shown at its event, under the date; ! lists them, to go to one.",
            "warning",
            f"{count:,} warning{plural}",
        )

    def warnings_of(self, event: Event) -> list[Problem]:
        """The warnings about one event: what was assumed in reading it, or ignored."""
        if not self.warnings or self.timeline is None:
            return []
        index = self.timeline.index_of(event.id)
        if index is None or self.events[index] is not event:
            return []
        return self._placed().get(index, [])

    def _placed(self) -> dict[int, list[Problem]]:
        if self._warned is None:  # placed once, on first asking: most files have none
            assert self.timeline is not None
            self._warned = by_event(self.warnings, self.timeline)
        return self._warned

    def no_warnings(self) -> Notice:
        """What to say when asked for the warnings and there are none (yet)."""
        if self.reading or self.timeline is None:
            return Notice("Warnings are known once the whole file is read, if it loads.")
        return Notice("No warnings: the file was read as written.")

    def warning_places(self) -> list[tuple[Problem, int | None, int | None]]:
        """Each warning, in file order, with the index of its event in the timeline
        and its position among those shown: (None, None) for a warning not about one
        event (of the file, of its `[timeline]` table), (index, None) for one about an
        event the filter hides."""
        if not self.warnings:
            return []
        placed = self._placed()
        index_of = {id(p): index for index, found in placed.items() for p in found}
        places: list[tuple[Problem, int | None, int | None]] = []
        for problem in self.warnings:
            index = index_of.get(id(problem))
            position = self._position_of(index) if index is not None else None
            places.append((problem, index, position))
        return places

    def reload(self, timeline: Timeline) -> bool:
        """Show a new version of the timeline, keeping the selected event: by its id, else
        (its id edited) the event with its title and date, else the nearest its date.

        Returns:
            Whether the same event is still selected (by id, title or date), so the reader
            keeps their place in it: its selected quote here, its scroll in the viewer.
        """
        selected = self.selected
        quote = self.quote
        index = 0
        if selected is not None and timeline.events:
            found = timeline.index_of(selected.id)
            if found is None:
                found = next(
                    (
                        i
                        for i, e in enumerate(timeline.events)
                        if e.title == selected.title and e.when == selected.when
                    ),
                    None,
                )
            index = found if found is not None else nearest_index(timeline.events, selected.when)
        self.show(timeline, index)
        again = self.selected
        same = (
            selected is not None
            and again is not None
            and (
                again.id == selected.id
                or (again.title, again.when) == (selected.title, selected.when)
            )
        )
        if same and again is not None and quote < len(again.quotes):
            self.quote = quote
        return same

    def take_whole(self, timeline: Timeline) -> bool:
        """Show the whole file in place of the part of it shown while it loaded
        (`reading`), keeping the selected event, the bookmarks and the history.

        They are carried across by where each event is written (its file and line), not
        by id: the part gives events without an id stand-ins of its own.

        Returns:
            Whether the selected event is still selected (`reload`'s meaning).
        """
        self.reading = ""
        place = {event.id: (event.file, event.line) for event in self.events}
        selected, quote = self.selected, self.quote
        wanted = {place[i] for i in (*self.bookmarks, *self.history) if i in place}
        if selected is not None:
            wanted.add((selected.file, selected.line))
        found: dict[tuple[str, int], int] = {}
        for i, event in enumerate(timeline.events):
            if (event.file, event.line) in wanted:
                found[(event.file, event.line)] = i

        def whole_id(ident: str) -> str:
            at = found.get(place.get(ident, ("", -1)))
            return ident if at is None else timeline.events[at].id

        self.bookmarks = {whole_id(i) for i in self.bookmarks}
        self.history = [whole_id(i) for i in self.history]
        index = found.get((selected.file, selected.line)) if selected is not None else None
        if index is None and selected is not None and timeline.events:
            index = nearest_index(timeline.events, selected.when)
        self.show(timeline, index or 0)
        again = self.selected
        if selected is None or again is None:
            return False
        same = (again.file, again.line) == (selected.file, selected.line)
        if same and quote < len(again.quotes):
            self.quote = quote
        return same

    def read_so_far(self, fraction: float) -> None:
        """Part of the file is shown while it loads: say how far it is read (`reading`)."""
        self.reading = f"{fraction:.0%} read"

    def forget(self) -> None:
        """Show nothing: the part of a file shown while it loaded, when the whole turned
        out not to load."""
        self.reading = ""
        self.show(Timeline(title="", events=()))

    def start_at(self, at: str | None, end: bool) -> Notice | None:
        """Select where a reader asked to start: an id, a date, or the last event."""
        events = self.events
        if not events:
            return None
        if end:
            self._select_index(len(events) - 1)
        elif at:
            assert self.timeline is not None
            index = self.timeline.index_of(at)
            if index is None:
                try:
                    when = parse_query(at, events[0].when.year, dayfirst=self.dayfirst)
                except DateError as exc:
                    return Notice(str(exc), "warning", "--at")
                index = nearest_index(events, when)
            self._select_index(index)
        return None

    def _apply(self, index: int | None) -> None:
        """Recompute what the filter keeps, selecting `index` or the nearest shown event."""
        events = self.events
        if self.filter.active:
            if self._values is None:  # kept for the next filter of the same timeline
                self._values = ValueIndex(events)
            self.shown, unsure = self.filter.apply_counted(events, self._values)
            self._filter_text = self.filter.describe(unsure)
        else:
            self.shown, self._filter_text = range(len(events)), ""
        self.cursor = 0
        if self.shown and index is not None and 0 <= index < len(events):
            self.cursor = self._nearest_shown(index)
        self.quote = 0
        self._refresh_matches()

    def _position_of(self, index: int) -> int | None:
        """Where the event at `index` is among those shown, or None when it is hidden."""
        position = bisect_left(self.shown, index)
        if position < len(self.shown) and self.shown[position] == index:
            return position
        return None

    def _nearest_shown(self, index: int) -> int:
        position = self._position_of(index)
        if position is not None:
            return position
        return nearest_index(self.shown_events, self.events[index].when)

    def _select_index(self, index: int) -> None:
        if self.shown:
            self.move_to(self._nearest_shown(index))

    # ------------------------------------------------------------------ moving

    def move_to(self, position: int) -> None:
        """Select the event at `position` (clamped to what is shown)."""
        if not self.shown:
            return
        position = max(0, min(position, len(self.shown) - 1))
        if position != self.cursor:
            self.cursor = position
            self.quote = 0

    def select_id(self, event_id: str) -> bool:
        """Select the event with this id; False when there is none or it is not shown."""
        if self.timeline is None:
            return False
        index = self.timeline.index_of(event_id)
        if index is None:
            return False
        position = self._position_of(index)
        if position is None:
            return False
        self.move_to(position)
        return True

    def step_day(self, direction: int) -> None:
        """Previous or next day that has events."""
        self._step(previous_day if direction < 0 else next_day)

    def step_month(self, direction: int) -> None:
        """Previous or next month that has events."""
        self._step(previous_month if direction < 0 else next_month)

    def _step(self, step: Callable[[Sequence[Event], int], int]) -> None:
        if self.shown:
            self.move_to(step(self.shown_events, self.cursor))

    def go_to_date(self, text: str) -> Notice | None:
        """Select the event nearest a date a reader typed; a notice when it cannot be read."""
        if not self.shown or not text.strip():
            return None
        selected = self.selected
        year = selected.when.year if selected else 2000
        try:
            query = read_query(text, year, dayfirst=self.dayfirst)
        except DateError as exc:
            return Notice(str(exc), "warning")
        # A date typed without a year goes to the nearest such day that has events.
        self.move_to(jump_index(self.shown_events, query, near=selected.when if selected else None))
        return None

    # ------------------------------------------------------------------ related events

    def follow(self, n: int) -> Notice | None:
        """Go to the n-th related event, remembering where the reader was."""
        event = self.selected
        if event is None or self.timeline is None:
            return None
        links = related(event, self.timeline)
        if not links:
            return Notice("This event has no related event to follow.")
        if not 1 <= n <= len(links):
            if len(links) == 1:
                return Notice("This event has only one related event: Enter follows it.")
            return Notice(
                f"This event has only {len(links)} related events: Enter follows the first, "
                f"2 to {len(links)} the others."
            )
        if not self.select_id(links[n - 1].event.id):
            return Notice("That event is hidden by the filters; F shows every event.")
        self.history.append(event.id)
        return None

    def back(self) -> Notice | None:
        """Return to the event before the last jump."""
        while self.history:
            if self.select_id(self.history.pop()):
                return None
        return Notice("Nothing to go back to.")

    # ------------------------------------------------------------------ bookmarks

    def toggle_bookmark(self) -> Notice | None:
        """Mark the selected event, or unmark it."""
        event = self.selected
        if event is None:
            return None
        if event.id in self.bookmarks:
            self.bookmarks.discard(event.id)
            return Notice("Mark removed.")
        self.bookmarks.add(event.id)
        return Notice(f"Marked ({len(self.bookmarks)} in all): ' and \" go from mark to mark.")

    def bookmarked_positions(self) -> list[int]:
        """Positions of the shown events that are marked, in order."""
        if not self.bookmarks or self.timeline is None:
            return []
        indices = (self.timeline.index_of(i) for i in self.bookmarks)
        found = sorted(i for i in indices if i is not None)
        if isinstance(self.shown, range):
            return found
        positions = (self._position_of(i) for i in found)
        return [p for p in positions if p is not None]

    def step_bookmark(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) marked event, wrapping around."""
        marked = self.bookmarked_positions()
        if not marked:
            if self.bookmarks:
                return Notice("The marked events are hidden by the filters; F shows every event.")
            return Notice("No event is marked: m marks the selected one.")
        if direction > 0:
            i = bisect_right(marked, self.cursor)
            wrapped = i >= len(marked)
        else:
            i = bisect_left(marked, self.cursor) - 1
            wrapped = i < 0
        self.move_to(marked[i % len(marked)])
        return Notice("Marks wrapped around.") if wrapped else None

    # ------------------------------------------------------------------ quotes

    def step_quote(self, delta: int) -> None:
        """Select the next or previous quote of the selected event (what `y` copies)."""
        event = self.selected
        if event is not None and event.quotes:
            self.quote = (self.quote + delta) % len(event.quotes)

    def marks_of(self, event: Event) -> list[tuple[str, str] | None] | None:
        """Each quote's verification mark (`marks`) for the detail pane, None for a quote
        without one; None when no quote has one (not checked yet, or nothing archived)."""
        marks = self.marks
        if not marks:
            return None
        return [marks.get((event.id, n)) for n in range(len(event.quotes))]

    def source_url(self) -> str | Notice:
        """The link `o` opens: the selected event's source, else its media, when it is
        http(s); otherwise what to tell the reader."""
        event = self.selected
        raw = event.source.url if event and event.source else ""
        if not raw and event and event.media:
            raw = event.media.url
        url = safe_url(raw)
        if url is None:
            why = "has no source link" if not raw else "has a link that is not http(s)"
            return Notice(f"This event {why}.", "warning")
        return url

    # ------------------------------------------------------------------ filters

    def set_filter(self, new: Filter) -> Notice | None:
        """Keep only what `new` keeps, the selection staying on (or near) its event."""
        selected = self.selected
        index = self.timeline.index_of(selected.id) if self.timeline and selected else None
        self.filter = new
        self._apply(index)
        if new.active and not self.shown:
            return Notice("No event matches these filters; F shows every event.")
        return None

    def filter_from_args(self, args: Sequence[str]) -> Notice | None:
        """Filter by `--filter KEY=VALUE` arguments (dates without a year are the
        timeline's first year)."""
        if not args:
            return None
        try:
            new = parse_filter_args(
                args,
                default_year=self.default_year,
                dayfirst=self.dayfirst,
                known=known_values(self.events),
            )
        except FilterError as exc:
            return Notice(str(exc), "warning", "--filter")
        return self.set_filter(new)

    # ------------------------------------------------------------------ search

    @property
    def index(self) -> SearchIndex | None:
        """The search index, or None while the viewer builds it in a thread."""
        if self._index is None and self.timeline is not None and len(self.events) <= self.INDEX_NOW:
            from timeline.query.search import SearchIndex

            index = SearchIndex(self.events)
            index.build()
            self._index = index
        return self._index

    def index_to_build(self) -> SearchIndex | None:
        """A search index for the viewer to build in a thread, when one is needed and
        none is being built already."""
        if (
            self._index is not None
            or self.timeline is None
            or self._indexing is self.timeline
            or len(self.events) <= self.INDEX_NOW
        ):
            return None
        from timeline.query.search import SearchIndex

        self._indexing = self.timeline
        return SearchIndex(self.events)

    def set_index(self, index: SearchIndex, timeline: Timeline) -> bool:
        """Take an index built for `timeline`; False when another timeline replaced it."""
        if timeline is not self.timeline:
            return False
        self._index = index
        self._indexing = None
        self._refresh_matches()
        return True

    def search_positions(self, query: str) -> list[int]:
        """Positions of the shown events that match `query`."""
        index = self.index
        if index is None or not query:
            return []
        found = index.search(query)
        if isinstance(self.shown, range):
            return found
        wanted = set(found)
        return [p for p, i in enumerate(self.shown) if i in wanted]

    def begin_search(self) -> None:
        """The reader starts typing a search: remember where they are, so that giving it
        up (`cancel_search`) brings them back."""
        selected = self.selected
        if self.timeline is not None and selected is not None:
            self._search_origin = self.timeline.index_of(selected.id)

    def cancel_search(self) -> None:
        """Clear the search being typed and go back to where it started."""
        self.search("", jump=False)
        self._return_to_origin()

    def accept_search(self) -> None:
        """Keep the search typed and where it led; with no match, go back to where it
        started (there is nothing to be at)."""
        if not self.matches:
            self._return_to_origin()
        self._search_origin = None

    def _return_to_origin(self) -> None:
        origin, self._search_origin = self._search_origin, None
        if origin is not None and origin < len(self.events):
            self._select_index(origin)

    def search(self, query: str, *, jump: bool = True) -> None:
        """Search for `query` ("" clears the search); with `jump`, go to the first match
        at or after the selection."""
        self.query = query
        self._refresh_matches()
        if jump and self.matches:
            # While it is typed, from where the search began: each letter refines the
            # search, not the place the previous letter led to.
            origin = self._search_origin
            start = self.cursor
            if origin is not None and self.shown:
                start = min(bisect_left(self.shown, origin), len(self.shown) - 1)
            i = bisect_left(self.matches, start)
            self.move_to(self.matches[i % len(self.matches)])

    def _refresh_matches(self) -> None:
        self.matches = self.search_positions(self.query) if self.query else []

    def no_matches(self) -> Notice | None:
        """What to say when asked for the list of matches (`M`) and there is none to
        list; None when there are matches."""
        if not self.query:
            return Notice("No search: press / to search, then M lists the matches.")
        if not self.matches:
            return Notice(f"No match for “{one_line(self.query, ROW_LIMIT)}”.")
        return None

    def next_match(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        if not self.query:
            return Notice("No search: press / to search.")
        if not self.matches:
            return Notice(f"No match for “{one_line(self.query)}”.")
        if direction > 0:
            i = bisect_right(self.matches, self.cursor)
            wrapped = i >= len(self.matches)
        else:
            i = bisect_left(self.matches, self.cursor) - 1
            wrapped = i < 0
        self.move_to(self.matches[i % len(self.matches)])
        return Notice("Search wrapped around.") if wrapped else None

    # ------------------------------------------------------------------ status

    @property
    def status(self) -> str:
        """Where the reader is: "4 of 9 shown (40 in all) · kind=tweet · match 2 of 5"."""
        total, everything = len(self.shown), len(self.events)
        parts: list[str] = [self.reading] if self.reading else []
        if not everything:
            parts.append("no events")
        elif self.filter.active:
            where = f"{self.cursor + 1} of {total} shown" if total else "none shown"
            parts.append(f"{where} ({everything} in all)")
            parts.append(self._filter_text)
        else:
            parts.append(f"{self.cursor + 1} of {total}")
        selected = self.selected
        if selected is not None and len(selected.quotes) > 1:
            parts.append(f"quote {self.quote + 1} of {len(selected.quotes)}")
        if self.query:
            parts.append(self._match_status())
        if self.warnings:
            count = len(self.warnings)
            parts.append(f"{count:,} warning{'s' if count != 1 else ''} (!)")
        return " · ".join(parts)

    def _match_status(self) -> str:
        count = len(self.matches)
        if self._index is None and len(self.events) > self.INDEX_NOW:
            return "indexing for search…"
        if not count:
            return f"no match for “{one_line(self.query)}”"
        i = bisect_left(self.matches, self.cursor)
        if i < count and self.matches[i] == self.cursor:
            return f"match {i + 1} of {count}"
        return f"{count} match{'es' if count != 1 else ''}"
