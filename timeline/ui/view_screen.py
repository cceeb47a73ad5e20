"""The main screen's base: the reader's view, the widgets that show it, and how a
change to the view is drawn on them (the rail or the lanes, the detail pane, the title
bar and the overview strip).

The main screen (timeline/ui/screen.py) is this base with the parts that add its keys,
a module each: search_keys (the prompt line: a search, a date), jump_keys (to another
event: a link, a mark, a day, one listed) and quote_keys (the selected event's quotes
and sources). They are Screen classes, not helpers the screen would delegate to,
because Textual looks a key's action, an `@on` handler and a `@work` method up on the
screen itself. Each part reaches the view and the widgets through this base only, and
none imports another.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from textual import on
from textual.notifications import SeverityLevel
from textual.screen import Screen

from timeline.query.selection import Notice
from timeline.query.view import View
from timeline.ui.collector import IdleCollector
from timeline.ui.widgets.detail import Detail
from timeline.ui.widgets.overview import Overview
from timeline.ui.widgets.prompt import PromptBar
from timeline.ui.widgets.rail import Rail
from timeline.ui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from timeline.ui.widgets.lanes import Lanes


#: The actions that act on events (or the one selected). Before any timeline has loaded
#: (a broken file's first open, where the pane says what to fix) their keys are shown
#: dimmed and do nothing: "f Filter", "/ Search" and "d Date" stayed on offer in the key
#: bar and did nothing, without a word, and `o` said "This event has no source link".
NEED_EVENTS = frozenset(
    {
        "follow",
        "history_back",
        "open_source",
        "copy_quote",
        "copy_event",
        "in_source",
        "quote",
        "toggle_view",
        "search",
        "match",
        "list_matches",
        "clear_search",
        "filter",
        "clear_filter",
        "bookmark",
        "step_bookmark",
        "zoom",
        "go_to_date",
        "step_day",
        "step_month",
    }
)


class ViewScreen(Screen[object]):
    """A screen that draws the reader's view.

    Args:
        view: What the reader sees (the app's).
        collector: Told of the reader's activity, so garbage waits for a pause.
        narrow: Start with the panes stacked (the app knows its size before styling).
    """

    def __init__(self, view: View, collector: IdleCollector, *, narrow: bool) -> None:
        # Classed before it is styled: setting a class later restyles every widget.
        super().__init__(classes="narrow" if narrow else None)
        self.view = view
        self.collector = collector
        self._lanes: Lanes | None = None  # mounted when the lanes view is first shown
        self._lanes_stale = True  # the view's events changed since the lanes drew them
        self._search_turn_due = False  # a turn of finding a search is scheduled
        self._loaded = False  # whether a timeline was drawn (`check_action`)

    # The widgets a key press touches, looked up once rather than on every key.
    @cached_property
    def rail(self) -> Rail:
        return self.query_one(Rail)

    @cached_property
    def detail(self) -> Detail:
        return self.query_one(Detail)

    @cached_property
    def overview(self) -> Overview:
        return self.query_one(Overview)

    @cached_property
    def prompt_bar(self) -> PromptBar:
        bar = PromptBar()
        bar.submit = self._submit
        return bar

    def _submit(self, value: str) -> None:
        """Enter in the prompt line: taken by the search and date keys' part of the
        screen (timeline/ui/search_keys.py)."""
        raise NotImplementedError

    @cached_property
    def title_bar(self) -> TitleBar:
        return self.query_one(TitleBar)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys of `NEED_EVENTS` dimmed (None) while no timeline has loaded."""
        if action in NEED_EVENTS and self.view.timeline is None:
            return None
        return True

    # ------------------------------------------------------------------ the view, drawn

    def draw_view(self, *, shown: bool = False, keep_place: bool = False) -> None:
        """Draw the view: the selection, and with `shown` the events shown too; with
        `keep_place`, the detail pane stays scrolled where it was (a reload)."""
        view = self.view
        if shown:
            loaded = view.timeline is not None
            if loaded != self._loaded:  # the keys that act on events, dimmed or not
                self._loaded = loaded
                self.refresh_bindings()
            eras = view.timeline.eras if view.timeline is not None else ()
            self.rail.set_events(view.events, view.shown, view.cursor, eras=eras)
            self.overview.set_events(view.events, view.shown)
            self.overview.set_bookmarks(view.bookmarked_positions())
            self._lanes_stale = True
            self._draw_lanes()
        elif self.rail.cursor != view.cursor:
            self.rail.move_to(view.cursor)  # its watcher draws the rest
            return
        self._show_selected(keep_place=keep_place)
        self._sync_overview()

    #: How long each turn of finding a search among many events may take: the reader's
    #: keys are answered between turns.
    SEARCH_TURN = 0.008

    #: While the search index is built, how often the search looks through what it has
    #: ready (the building thread folds about 50,000 events a second).
    SEARCH_GROWS_EVERY = 0.1

    def _keep_searching(self) -> None:
        """While a search among many events is being found, find more of it between the
        reader's keys, a turn at a time, and show the count as it grows."""
        if self.view.searching and not self._search_turn_due:
            self._search_turn_due = True
            if self.view.search_grows:  # waiting for the index: not a turn on every tick
                self.set_timer(self.SEARCH_GROWS_EVERY, self._search_turn)
            else:
                self.call_later(self._search_turn)

    def _search_turn(self) -> None:
        self._search_turn_due = False
        view = self.view
        if not view.searching:
            return
        cursor = view.cursor
        if not view.advance_search(self.SEARCH_TURN) and self._lanes is not None:
            self._lanes.set_matches(view.matches)  # the whole search, found
        if view.cursor != cursor:
            self.draw_view()  # the search's first match, found this turn
        self.title_bar.refresh()
        self._keep_searching()

    def _cursor_moved(self) -> None:
        # The rail moved (a key, a click, a page): the view follows, then the rest.
        self.view.move_to(self.rail.cursor)
        self._show_selected()

    def _show_selected(self, *, keep_place: bool = False) -> None:
        view = self.view
        self.collector.activity()
        detail = self.detail
        arrived = detail.event is not view.selected and not keep_place
        detail.selected_quote = view.quote
        detail.show(view.selected, view.timeline, keep_place=keep_place)
        if arrived and view.query:
            # The first match in the event, not the top of it, is what the reader is
            # looking for.
            detail.reveal_first_match()
        self.title_bar.refresh()
        self._keep_searching()
        # The window follows the rail's scroll_y, which a key press that scrolls changes.
        self.overview.set_selection(view.cursor)
        lanes = self._lanes
        if lanes is not None and lanes.display and lanes.cursor != view.cursor:
            lanes.move_to(view.cursor)

    # ------------------------------------------------------------------ the lanes view

    def action_toggle_view(self) -> None:
        """Switch between the list and the lanes view (time across the screen)."""
        lanes = self._lanes
        if lanes is None:
            from timeline.ui.widgets.lanes import Lanes

            lanes = self._lanes = Lanes(id="lanes")
            self.rail.parent.mount(lanes, after=self.rail)  # type: ignore[union-attr]
            self.watch(lanes, "cursor", self._lanes_moved, init=False)
            self.watch(lanes, "sight", self._name_timeline_pane, init=False)
            showing = True
        else:
            showing = not lanes.display
        lanes.display = showing
        self.rail.display = self.overview.display = not showing
        if showing:
            self._draw_lanes()
        self.focus_timeline()
        self._name_timeline_pane()

    def _name_timeline_pane(self) -> None:
        """The timeline pane's name, and in the lanes view how many lanes are out of
        sight and the keys that reach them (see Lanes.sight)."""
        lanes = self._lanes
        sight = lanes.sight if lanes is not None and lanes.display else ""
        self.query_one("#left").border_title = f" Timeline · {sight} " if sight else " Timeline "

    @property
    def timeline_widget(self) -> Rail | Lanes:
        """Where the timeline is shown: the lanes while they are, else the rail (hidden
        then: focus given to it would take the keys out of sight)."""
        lanes = self._lanes
        return lanes if lanes is not None and lanes.display else self.rail

    def focus_timeline(self) -> None:
        """Give the keys to the timeline as it is shown."""
        self.timeline_widget.focus()

    def _draw_lanes(self) -> None:
        """Give the lanes the view's events, when they are shown and out of date."""
        lanes = self._lanes
        if lanes is None or not lanes.display or not self._lanes_stale:
            return
        view = self.view
        eras = view.timeline.eras if view.timeline is not None else ()
        lanes.set_events(view.events, view.shown, view.cursor, eras, in_thread=view.many)
        lanes.set_matches(view.matches)
        self._lanes_stale = False

    def _lanes_moved(self) -> None:
        # The lanes moved the selection: the rail follows, and with it the rest.
        lanes = self._lanes
        if lanes is not None and lanes.cursor != self.rail.cursor:
            self.rail.move_to(lanes.cursor)

    # ------------------------------------------------------------------ the overview strip

    @on(Rail.Scrolled)
    def _sync_overview(self) -> None:
        self.collector.activity()
        self.overview.set_selection(self.view.cursor)
        self.overview.set_window(*self.rail.visible_positions())

    @on(Overview.Jump)
    def _overview_jump(self, message: Overview.Jump) -> None:
        self.go_to_position(message.position)

    def go_to_position(self, position: int) -> None:
        """Select the event at this position on the rail (the palette's "Go to")."""
        self.rail.move_to(position)
        self.focus_timeline()

    def action_zoom(self, direction: int) -> None:
        """Zoom the overview strip in (-1: day, week) or out (+1: month, year)."""
        self.overview.zoom(direction)
        self.app.notify(f"Overview scale: {self.overview.scale}", timeout=1.5)

    # ------------------------------------------------------------------ notices

    def _tell(self, notice: Notice | None, timeout: float = 3) -> None:
        """Say what an action of the view had to tell the reader, if anything."""
        if notice is not None:
            severity: SeverityLevel = "warning" if notice.severity == "warning" else "information"
            self.app.notify(notice.text, title=notice.title, severity=severity, timeout=timeout)
