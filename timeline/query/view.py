"""What `j` changes: the reader's view of a timeline, without a screen.

`View` holds everything the viewer shows that is not drawing: the events the filter
keeps, the selected one and its selected quote (its base, query/selection.py), the
search and its matches (query/finder.py), the history of followed links and the
bookmarks (query/places.py), what loading assumed or ignored (query/warnings.py), and
the status line. The viewer (timeline/ui/screen.py) wires keys to its methods and draws
what it holds; tests drive it directly. Methods that can fail or have news for the
reader return a `Notice` for the viewer to show, and never raise for anything a reader
can do.

Positions are indices into `shown` (what the rail lists); indices are into
`timeline.events`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.dates import DateError, parse_query
from timeline.links import safe_url
from timeline.model import Event, Timeline
from timeline.problems import Problem
from timeline.query.finder import Finder
from timeline.query.navigate import nearest_index
from timeline.query.places import Places
from timeline.query.selection import Notice, Selection
from timeline.query.warnings import Warnings
from timeline.store import fields_of, spans_of
from timeline.text import ROW_LIMIT, one_line

if TYPE_CHECKING:
    from timeline.query.search import SearchIndex
    from timeline.query.titles import Titles


class View(Selection):
    """One reader's view of a timeline: a selection (what is shown, what is selected)
    with the parts that move it. The parts are reached through the view's methods.

    Attributes:
        query: The search text; "" for none.
        matches: Positions of the shown events matching it, in order.
        history: Ids of the events followed from, newest last.
        bookmarks: Ids of the events the reader marked (`m`); kept across reloads.
        reading: While the file is still being read and part of it is shown, how far
            ("40% read", first in the status line); "" once the whole is shown.
        warnings: What loading the timeline shown assumed or ignored (`warn`), in file
            order; each event's own are `warnings_of(event)`.
        marks: Each quote's verification mark and its style, by (event id, quote
            number): filled by the viewer once the quotes are checked against their
            archives.
    """

    def __init__(
        self,
        *,
        dayfirst: bool = False,
        search_sliced: int = Finder.SLICED,
        search_slice: int = Finder.SLICE,
    ) -> None:
        super().__init__(dayfirst=dayfirst)
        self.reading = ""
        self.marks: dict[tuple[str, int], tuple[str, str]] = {}
        self._finder = Finder(self, sliced=search_sliced, slice_size=search_slice)
        self._places = Places(self)
        self._warnings = Warnings(self)
        self._titles: Titles | None = None  # for the palette, on its first search
        self._many = search_sliced

    # ------------------------------------------------------------------ timelines

    def show(self, timeline: Timeline, index: int = 0) -> None:
        """Show a (new) timeline, with the event at `index` (or the nearest shown) selected."""
        if timeline is not self.timeline:
            self._finder.forget()
            self._titles = None
            self.marks = {}
            self._warnings.forget()  # a new timeline's come with it (`warn`)
        super().show(timeline, index)

    def _apply(self, index: int | None) -> None:
        super()._apply(index)
        self._finder.refresh()  # the matches are positions among the events shown

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
        # Columns of a first read's events (timeline/file_rows.py): none is made.
        events = timeline.events
        written = zip(fields_of(events, "file"), fields_of(events, "line"), strict=True)
        for i, place_of in enumerate(written):
            if place_of in wanted:
                found[place_of] = i

        def whole_id(ident: str) -> str:
            at = found.get(place.get(ident, ("", -1)))
            return ident if at is None else timeline.events[at].id

        self._places.rename(whole_id)
        index = found.get((selected.file, selected.line)) if selected is not None else None
        if index is None and selected is not None and timeline.events:
            index = nearest_index(spans_of(timeline.events), selected.when)
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
            self.select_index(len(events) - 1)
        elif at:
            assert self.timeline is not None
            index = self.timeline.index_of(at)
            if index is None:
                try:
                    when = parse_query(
                        at, events[0].when.year, dayfirst=self.dayfirst, tz=self.zone
                    )
                except DateError as exc:
                    # Either an id or a date: say both, it may be an id mistyped (a
                    # near id is looked for among a few thousand events only).
                    from timeline.problems import suggest_aside

                    near = suggest_aside(at, [e.id for e in events]) if len(events) <= 5_000 else ""
                    return Notice(
                        f"no event has the id {one_line(repr(at), ROW_LIMIT)}{near}, nor is it "
                        f"a date: {exc}",
                        "warning",
                        "--at",
                    )
                index = nearest_index(events, when)
            self.select_index(index)
        return None

    # ------------------------------------------------------------------ warnings

    @property
    def warnings(self) -> list[Problem]:
        """What loading the timeline shown assumed or ignored, in file order."""
        return self._warnings.problems

    def warn(self, problems: Sequence[Problem]) -> Notice | None:
        """The warnings of the timeline shown (its errors would have stopped it loading),
        given after each `show`, `reload` or `take_whole`, which forget the last ones;
        news for the reader unless they say what the last ones said (`Warnings.warn`)."""
        return self._warnings.warn(problems)

    def warnings_of(self, event: Event) -> list[Problem]:
        """The warnings about one event: what was assumed in reading it, or ignored."""
        return self._warnings.of(event)

    def warning_places(self) -> list[tuple[Problem, int | None, int | None]]:
        """Each warning with its event's index and position (`Warnings.places`)."""
        return self._warnings.places()

    def no_warnings(self) -> Notice:
        """What to say when asked for the warnings and there are none (yet)."""
        if self.reading or self.timeline is None:
            return Notice("Warnings are known once the whole file is read, if it loads.")
        return Notice("No warnings: the file was read as written.")

    # ------------------------------------------------------------------ quotes and links

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

    # ------------------------------------------------------------------ related events, bookmarks

    @property
    def history(self) -> list[str]:
        """Ids of the events followed from, newest last."""
        return self._places.history

    @property
    def bookmarks(self) -> set[str]:
        """Ids of the events the reader marked."""
        return self._places.bookmarks

    def follow(self, n: int) -> Notice | None:
        """Go to the n-th related event, remembering where the reader was."""
        return self._places.follow(n)

    def back(self) -> Notice | None:
        """Return to the event before the last jump."""
        return self._places.back()

    def toggle_bookmark(self) -> Notice | None:
        """Mark the selected event, or unmark it."""
        return self._places.toggle_bookmark()

    def bookmarked_positions(self) -> list[int]:
        """Positions of the shown events that are marked, in order."""
        return self._places.bookmarked_positions()

    def step_bookmark(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) marked event, wrapping around."""
        return self._places.step_bookmark(direction)

    # ------------------------------------------------------------------ search

    @property
    def query(self) -> str:
        """The search text; "" for none."""
        return self._finder.query

    @property
    def matches(self) -> list[int]:
        """Positions of the shown events matching the search, in order."""
        return self._finder.matches

    def search(self, query: str, *, jump: bool = True) -> None:
        """Search for `query` ("" clears the search); with `jump`, go to the first match
        at or after the selection."""
        self._finder.search(query, jump=jump)

    def search_positions(self, query: str) -> list[int]:
        """Positions of the shown events that match `query`."""
        return self._finder.positions(query)

    @property
    def many(self) -> bool:
        """Whether the timeline has so many events that work over all of them is done
        away from the reader's keys: a search a slice at a time (`search_sliced`, 200,000
        events by default), the filter picker's counts in a thread."""
        return len(self.events) > self._many

    def titles_holding(
        self, words: Sequence[str], limit: int, among: Sequence[int] | None = None
    ) -> list[int]:
        """Positions in `among` (the events shown by default) of up to `limit` events
        whose title or speaker holds every one of `words`, in any case, those holding
        them as a phrase first: the palette's candidates among many events."""
        if self.timeline is None:
            return []
        if self._titles is None:
            from timeline.query.titles import Titles

            self._titles = Titles(self.timeline.events)
        return self._titles.find(words, self.shown if among is None else among, limit)

    def begin_search(self) -> None:
        """The reader starts typing a search (`cancel_search` goes back to where)."""
        self._finder.begin()

    def cancel_search(self) -> None:
        """Clear the search being typed and go back to where it started."""
        self._finder.cancel()

    def accept_search(self) -> None:
        """Keep the search typed and where it led (with no match, go back)."""
        self._finder.accept()

    def next_match(self, direction: int) -> Notice | None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        return self._finder.next_match(direction)

    def no_matches(self) -> Notice | None:
        """What to say when asked for the list of matches and there is none."""
        return self._finder.no_matches()

    @property
    def searching(self) -> bool:
        """Whether a search among many events is still being found (`advance_search`)."""
        return self._finder.searching

    @property
    def search_grows(self) -> bool:
        """Whether the search is found among what its index has ready while it is built
        (more of it as it grows)."""
        return self._finder.growing

    def advance_search(self, seconds: float) -> bool:
        """Find more of the search for about `seconds`; whether there is more to find."""
        return self._finder.advance(seconds)

    def index_to_build(self) -> SearchIndex | None:
        """A search index for the viewer to build in a thread, when one is needed."""
        return self._finder.index_to_build()

    def set_index(self, index: SearchIndex, timeline: Timeline) -> bool:
        """Take an index built for `timeline`; False when another timeline replaced it."""
        return self._finder.set_index(index, timeline)

    # ------------------------------------------------------------------ status

    @property
    def status(self) -> str:
        """Where the reader is: "4 of 9 shown (40 in all) · kind=tweet · match 2 of 5"."""
        total, everything = len(self.shown), len(self.events)
        parts: list[str] = [self.reading] if self.reading else []
        if not everything:
            parts.append("no events")
        elif self.filter.active:
            where = f"{self.cursor + 1:,} of {total:,} shown" if total else "none shown"
            # Those only a bound keeps are said first: the header is cut at its end,
            # and at 80 columns an "after" of years before a date range stood there
            # with nothing on screen to say why.
            unsure = self._unsure
            bounded = f", {unsure:,} kept whose dates only bound them" if unsure else ""
            parts.append(f"{where} ({everything:,} in all{bounded})")
            parts.append(self._filter_text)
        else:
            parts.append(f"{self.cursor + 1:,} of {total:,}")
        selected = self.selected
        if selected is not None and len(selected.quotes) > 1:
            parts.append(f"quote {self.quote + 1} of {len(selected.quotes)}")
        if self.query:
            parts.append(self._finder.status())
        if self.warnings:
            count = len(self.warnings)
            parts.append(f"{count:,} warning{'s' if count != 1 else ''} (!)")
        return " · ".join(parts)
