"""The main screen: the rail, the detail pane, and the keys that move through them.

Every key here changes the reader's view (`timeline.query.view.View`) and then draws
it: `draw_view` hands the widgets what they show. The screen knows nothing of files:
the app gives it timelines (`show_first`, `show_reload`) and problems to show.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input

from timeline.model import Timeline
from timeline.problems import Problem
from timeline.query.filters import Filter
from timeline.query.selection import Notice
from timeline.query.view import View
from timeline.show.citation import event_citation, quote_citation
from timeline.text import ROW_LIMIT, one_line
from timeline.ui.collector import IdleCollector
from timeline.ui.keys import READING
from timeline.ui.widgets.containers import Pane, Row
from timeline.ui.widgets.detail import Detail
from timeline.ui.widgets.keybar import KeyBar
from timeline.ui.widgets.overview import Overview
from timeline.ui.widgets.prompt import PromptBar
from timeline.ui.widgets.rail import Rail
from timeline.ui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from timeline.query.search import SearchIndex
    from timeline.ui.widgets.lanes import Lanes
    from timeline.ui.widgets.loading import LoadingBox
    from timeline.ui.widgets.problems import ProblemsPanel
    from timeline.verify.run import Checked

#: Narrower than this, the panes are stacked instead of side by side.
NARROW = 100
#: Seconds after start-up to mount the (hidden) search and date line.
PREPARE_PROMPT = 0.5


class TimelineScreen(Screen[object]):
    """The rail and the detail pane, driven by the reader's view.

    Args:
        view: What the reader sees (the app's).
        collector: Told of the reader's activity, so garbage waits for a pause.
        narrow: Start with the panes stacked (the app knows its size before styling).
        mounted: Called once the screen's widgets are mounted: the app shows its first
            timeline then, so that the first frame shows it.
    """

    BINDINGS: ClassVar[list[BindingType]] = READING

    def __init__(
        self,
        view: View,
        collector: IdleCollector,
        *,
        narrow: bool,
        mounted: Callable[[], None] = lambda: None,
    ) -> None:
        # Classed before it is styled: setting a class later restyles every widget.
        super().__init__(classes="narrow" if narrow else None)
        self.view = view
        self._mounted = mounted
        self.collector = collector
        self._loading: LoadingBox | None = None  # mounted while a large file loads
        self._problems: ProblemsPanel | None = None  # mounted when a reload has problems
        self._lanes: Lanes | None = None  # mounted when the lanes view is first shown
        self._lanes_stale = True  # the view's events changed since the lanes drew them
        # Each quote's check against its archive, by (event id, quote number); None
        # until the worker has checked the timeline shown.
        self._checks: dict[tuple[str, int], Checked] | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield TitleBar(lambda: self.view.status)
        with Row(id="main"):
            with Pane("Timeline", id="left"):
                yield Overview(id="overview")
                yield Rail(id="rail")
                # The progress of a large file's load is mounted here when needed, and
                # the problems of a reload below the panes.
            with Pane("Detail", id="detail-pane"):
                yield Detail(id="detail")
        yield self.prompt_bar  # its label and input: see PromptBar.prepare
        yield KeyBar()

    def on_mount(self) -> None:
        self.overview.window_source = self.rail.visible_positions
        self.detail.marks_for = self.view.marks_of
        self.detail.warnings_for = self.view.warnings_of
        self.rail.warned = lambda event: bool(self.view.warnings_of(event))
        self.rail.focus()
        # Synchronous, unlike a message: see Rail.watch_cursor.
        self.watch(self.rail, "cursor", self._cursor_moved, init=False)
        self.watch(self.rail, "scroll_y", self._sync_overview, init=False)
        # Hidden until / or d: prepared once the first screen is up (or when first used).
        self.set_timer(PREPARE_PROMPT, self.prompt_bar.prepare)
        self._mounted()

    def set_split(self, percent: int) -> None:
        """Give the timeline this share of the width when the panes are side by side."""
        self.query_one("#left").styles.width = f"{percent}fr"
        self.query_one("#detail-pane").styles.width = f"{100 - percent}fr"

    def on_resize(self) -> None:
        narrow = self.app.size.width < NARROW
        # Changing a class restyles every widget: only do it when it changes.
        if self.has_class("narrow") != narrow:
            self.set_class(narrow, "narrow")

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
        return PromptBar()

    @cached_property
    def title_bar(self) -> TitleBar:
        return self.query_one(TitleBar)

    # ------------------------------------------------------------------ timelines

    def show_first(
        self,
        timeline: Timeline,
        *,
        at: str | None,
        end: bool,
        filter_args: Sequence[str],
        search: str,
        lanes: bool = False,
        warnings: Sequence[Problem] = (),
    ) -> None:
        """Show the first load: where the reader asked to start, filtered and searched,
        in the lanes view if asked; `warnings` say what loading it assumed or ignored."""
        view = self.view
        view.show(timeline)
        told = view.warn(warnings)
        self._tell(view.filter_from_args(filter_args))
        self._tell(view.start_at(at, end))
        self._timeline_shown(timeline)
        self._tell(told, timeout=10)  # the view decides when it is news
        if search:
            self.search(search)
        if lanes:
            self.action_toggle_view()

    def show_preview(self, timeline: Timeline, read: int, total: int) -> None:
        """Show what is read of a very large file while the rest loads: the reader can
        move, search and filter in it; the whole replaces it, the selection kept."""
        self.show_loading(False)
        self.view.read_so_far(read / total)
        self.view.show(timeline)
        self._timeline_shown(timeline, check_quotes=False)
        self.app.notify(
            f"Showing the {len(timeline.events):,} events read so far. The whole timeline "
            "replaces them once the file is read (or its errors, if it has any).",
            title="Still reading",
            timeout=8,
        )

    def show_whole(self, timeline: Timeline, warnings: Sequence[Problem] = ()) -> None:
        """The whole file is read: it replaces the part shown, the selection kept."""
        same = self.view.take_whole(timeline)
        told = self.view.warn(warnings)  # the part has none: known once all is read
        self._timeline_shown(timeline, keep_place=same)
        self._tell(told, timeout=10)

    def drop_part(self) -> None:
        """The whole file did not load: the part shown while it loaded goes too."""
        self.view.forget()
        self.draw_view(shown=True)

    def show_reload(self, timeline: Timeline, warnings: Sequence[Problem] = ()) -> None:
        """Show a new version of the timeline, the selection kept."""
        self.app.notify(f"Reloaded: {len(timeline.events)} events", timeout=2)
        # The same event still selected (an edit elsewhere, or to it): the reader keeps
        # their quote and their place in the detail pane.
        same = self.view.reload(timeline)
        told = self.view.warn(warnings)
        self._timeline_shown(timeline, keep_place=same)
        self._tell(told, timeout=10)

    def _timeline_shown(
        self, timeline: Timeline, *, keep_place: bool = False, check_quotes: bool = True
    ) -> None:
        self.collector.freeze(len(timeline.events))
        self.app.title = one_line(timeline.title, ROW_LIMIT) or "timeline"
        self.draw_view(shown=True, keep_place=keep_place)
        if self.view.query:
            self._build_index_if_needed()
        self._checks = None
        if check_quotes:
            # After the first frame: checking quotes against their archives is slow work.
            self.call_after_refresh(self._verify, timeline)

    # ------------------------------------------------------------------ verification

    # Each worker has a description: Textual otherwise names it after the repr of its
    # arguments, the whole timeline (400 MB and seconds at 100,000 events).
    @work(
        thread=True,
        exclusive=True,
        group="verify",
        exit_on_error=False,
        description="checking quotes against their archives",
    )
    def _verify(self, timeline: Timeline) -> None:
        """Check every quote against its archive, as `timeline verify` does."""
        from timeline.verify.run import check_quotes, mark_of

        checks = check_quotes(timeline)
        marks = {key: mark_of(checked) for key, checked in checks.items()}
        self.app.call_from_thread(self._verified, timeline, checks, marks)

    def _verified(
        self,
        timeline: Timeline,
        checks: dict[tuple[str, int], Checked],
        marks: dict[tuple[str, int], tuple[str, str]],
    ) -> None:
        if timeline is not self.view.timeline:
            return  # a reload replaced it: its own check follows
        self._checks = checks
        self.view.marks = marks
        self.detail.render_event()

    def action_in_source(self) -> None:
        """Show the selected quote inside its archived source."""
        event = self.view.selected
        if event is None:
            return
        if not event.quotes:
            self.app.notify("This event has no quote to find in a source.", timeout=3)
            return
        if self._checks is None:
            self.app.notify("Quotes are still being checked against their sources…", timeout=3)
            return
        number = min(self.view.quote, len(event.quotes) - 1)
        checked = self._checks.get((event.id, number))
        if checked is None:
            self.app.notify(
                "No quote in this timeline has an archived source; "
                "`timeline archive FILE` saves them.",
                timeout=4,
            )
            return
        self._open_in_source(checked)

    @work(
        thread=True,
        exclusive=True,
        group="source",
        exit_on_error=False,
        description="reading a quote's source",
    )
    def _open_in_source(self, checked: Checked) -> None:
        """Read the quote's archive (a PDF takes a while) and show the passage."""
        from pathlib import Path

        from timeline.ui.screens.source import SourceScreen, source_content

        content = source_content(checked, Path(checked.event.file or ".").parent)
        self.app.call_from_thread(self.app.push_screen, SourceScreen(content))

    def show_loading(self, loading: bool, files: Sequence[str] = ()) -> None:
        """While a large file loads, the progress takes the place of the empty rail."""
        if loading and self._loading is None:
            from timeline.ui.widgets.loading import LoadingBox

            names = one_line(", ".join(os.path.basename(f) for f in files))
            size = sum(os.path.getsize(f) for f in files if os.path.exists(f))
            self.app.title = f"Loading {names}"
            self._loading = LoadingBox(f"Loading {names} ({size / 1e6:.0f} MB)…")
            self.rail.parent.mount(self._loading, after=self.rail)  # type: ignore[union-attr]
        if self._loading is not None:
            self._loading.display = loading
        self.rail.display = not loading
        self.overview.display = not loading

    def show_progress(self, fraction: float) -> None:
        """Move the progress bar of the load under way (0.0 to 1.0); while part of the
        file is shown, say how far in the title bar instead."""
        if self.view.reading:
            self.view.read_so_far(fraction)
            self.title_bar.refresh()
        elif self._loading is not None:
            self._loading.set_progress(fraction)

    def show_broken(self, problems: list[Problem]) -> None:
        """The files did not load at start: their problems, and a pane saying what to do."""
        self.show_loading(False)
        self.app.title = "timeline: problems to fix"
        errors = sum(p.severity == "error" for p in problems)
        self.detail.placeholder = Text(
            f"Nothing to show yet: {errors} error{'s stop' if errors != 1 else ' stops'} the "
            "file loading (listed below). Save a fix and the timeline appears; e opens your editor "
            "at the first problem.",
            style="bold",
        )
        self.detail.show(None, None)
        self.detail.render_event()
        self.show_problems(problems, shown=False)

    def show_problems(self, problems: list[Problem], *, shown: bool = True) -> None:
        """List a reload's errors below the panes (or hide them when there are none)."""
        panel = self._problems
        if panel is None:
            if not any(p.severity == "error" for p in problems):
                return
            from timeline.ui.widgets.problems import ProblemsPanel

            # Below the panes, in the layout flow; mounted on this screen even when the
            # help or the palette is on top.
            panel = self._problems = ProblemsPanel()
            self.prompt_bar.parent.mount(panel, before=self.prompt_bar)  # type: ignore[union-attr]
        panel.show_problems(problems, shown=shown)

    # ------------------------------------------------------------------ the view, drawn

    def draw_view(self, *, shown: bool = False, keep_place: bool = False) -> None:
        """Draw the view: the selection, and with `shown` the events shown too; with
        `keep_place`, the detail pane stays scrolled where it was (a reload)."""
        view = self.view
        if shown:
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
            showing = True
        else:
            showing = not lanes.display
        lanes.display = showing
        self.rail.display = self.overview.display = not showing
        if showing:
            self._draw_lanes()
            lanes.focus()
        else:
            self.rail.focus()

    def _draw_lanes(self) -> None:
        """Give the lanes the view's events, when they are shown and out of date."""
        lanes = self._lanes
        if lanes is None or not lanes.display or not self._lanes_stale:
            return
        view = self.view
        eras = view.timeline.eras if view.timeline is not None else ()
        lanes.set_events(view.events, view.shown, view.cursor, eras)
        lanes.set_matches(view.matches)
        self._lanes_stale = False

    def _lanes_moved(self) -> None:
        # The lanes moved the selection: the rail follows, and with it the rest.
        lanes = self._lanes
        if lanes is not None and lanes.cursor != self.rail.cursor:
            self.rail.move_to(lanes.cursor)

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
        self.rail.focus()

    def _tell(self, notice: Notice | None, timeout: float = 3) -> None:
        if notice is not None:
            severity: SeverityLevel = "warning" if notice.severity == "warning" else "information"
            self.app.notify(notice.text, title=notice.title, severity=severity, timeout=timeout)

    # ------------------------------------------------------------------ related events, quotes

    def action_follow(self, n: int) -> None:
        """Go to the n-th related event; remember where we were."""
        self._tell(self.view.follow(n), timeout=2)
        self.draw_view()

    def action_history_back(self) -> None:
        """Return to the event before the last jump."""
        self._tell(self.view.back(), timeout=2)
        self.draw_view()

    def action_open_source(self) -> None:
        """Open the selected event's source link in the browser (http and https only)."""
        url = self.view.source_url()
        if isinstance(url, Notice):
            self._tell(url)
            return
        self.app.open_url(url)
        self.app.notify(f"Opening {one_line(url)}", timeout=2)

    def action_quote(self, delta: int) -> None:
        """Select the next or previous quote of the event (what y copies), scrolled into
        view."""
        self.view.step_quote(delta)
        self.detail.selected_quote = self.view.quote
        self.detail.render_event()
        rows = self.detail.quote_rows()
        if rows is not None:
            self.detail.bring_into_view(*rows)
        self.title_bar.refresh()  # "quote 3 of 6"

    def action_copy_quote(self) -> None:
        """Copy the selected quote, with its attribution and date."""
        event = self.view.selected
        if event is None:
            return
        if not event.quotes:
            self.app.notify("This event has no quote; Y copies the whole event.", timeout=3)
            return
        quote = event.quotes[min(self.view.quote, len(event.quotes) - 1)]
        self._copy(quote_citation(event, quote), "Quote")

    def action_copy_event(self) -> None:
        """Copy the whole event as plain text."""
        event = self.view.selected
        if event is None:
            return
        self._copy(event_citation(event), "Event")

    def _copy(self, text: str, what: str) -> None:
        """Copy through the terminal, keep a copy in a file, and say where it went."""
        from timeline.ui.clipboard import ignores_osc52, keep_copy

        self.app.copy_to_clipboard(text)
        kept = keep_copy(text)
        where = f" It is also in {kept}." if kept else ""
        terminal = ignores_osc52()
        if terminal:
            self.app.notify(
                f"{what} sent to the clipboard, but {terminal} ignores that (OSC 52).{where}",
                severity="warning",
                timeout=8,
            )
        else:
            self.app.notify(f"{what} copied to the clipboard.{where}", timeout=3)

    # ------------------------------------------------------------------ the prompt line

    def action_close_prompt(self) -> None:
        """Close the prompt; Escape in the search line also clears the search and goes
        back to where it began."""
        if self.prompt_bar.mode == "search":
            self.view.cancel_search()
            self._searched("")
        self._hide_prompt()

    def _hide_prompt(self) -> None:
        self.prompt_bar.close()
        self.rail.focus()

    @on(Input.Changed, "#prompt-input")
    def _prompt_changed(self, message: Input.Changed) -> None:
        if self.prompt_bar.mode == "search":
            self.search(message.value)

    @on(Input.Submitted, "#prompt-input")
    def _prompt_submitted(self, message: Input.Submitted) -> None:
        mode = self.prompt_bar.mode
        if mode == "date":
            notice = self.view.go_to_date(message.value)
            self._tell(notice, timeout=4)
            self.draw_view()
            if notice is None:
                self._hide_prompt()
            return
        if mode == "search":
            if message.value != self.view.query:
                # Typed faster than the line reports changes (a paste, a script): the
                # final text is what counts.
                self.search(message.value)
            self.view.accept_search()
            self.draw_view()
        self._hide_prompt()

    # ------------------------------------------------------------------ search

    async def action_search(self) -> None:
        """Open the search line."""
        self.view.begin_search()
        await self.prompt_bar.open(
            "search", " / ", self.view.query, "search titles, quotes, speakers…"
        )

    def _build_index_if_needed(self) -> None:
        # Only once a search needs it: built beside the reader's keys, it would slow them.
        index = self.view.index_to_build()
        if index is not None and self.view.timeline is not None:
            self._build_index(index, self.view.timeline)

    @work(thread=True, exclusive=True, group="index", description="building the search index")
    def _build_index(self, index: SearchIndex, timeline: Timeline) -> None:
        index.build()
        self.app.call_from_thread(self._index_built, index, timeline)

    def _index_built(self, index: SearchIndex, timeline: Timeline) -> None:
        # A reload may have replaced the timeline meanwhile; its own index will follow.
        if self.view.set_index(index, timeline):
            self.search(self.view.query)

    def search(self, query: str) -> None:
        """Search for `query` ("" clears the search), highlighting what matches."""
        if query:
            self._build_index_if_needed()
        self.view.search(query)
        self._searched(query)

    def _searched(self, query: str) -> None:
        """Draw a search's matches and highlights (none for "")."""
        from timeline.query.search import highlight_spans

        if self._lanes is not None:
            self._lanes.set_matches(self.view.matches)
        matcher = (lambda text: highlight_spans(text, query)) if query else None
        self.rail.matcher = matcher
        self.detail.matcher = matcher
        self.rail.clear_cache()
        self.draw_view()  # the detail pane renders once, with the new matcher
        self.title_bar.refresh()

    def action_match(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping around: first to the next
        match further down (or up) the detail pane, then to the next event's."""
        detail = self.detail
        rows = detail.match_rows() if self.view.query else []
        # Only matches out of sight: one already on screen is not worth a key press.
        top = round(detail.scroll_y)
        bottom = top + detail.scrollable_content_region.height - 1
        hidden = [r for r in rows if (r > bottom if direction > 0 else r < top)]
        if self.view.selected is not None and hidden:
            detail.bring_into_view(hidden[0] if direction > 0 else hidden[-1])
            return
        notice = self.view.next_match(direction)
        self._tell(notice, timeout=1.5 if notice and notice.text.startswith("Search") else 2)
        self.draw_view()
        rows = detail.match_rows()
        if direction < 0 and rows:
            # Backwards, an event is entered at its last match.
            detail.bring_into_view(rows[-1])

    def action_list_matches(self) -> None:
        """List every event the search matches, to pick one."""
        view = self.view
        notice = view.no_matches()
        if notice is not None:
            self._tell(notice)
            return
        from timeline.ui.screens.matches import MatchList

        listing = MatchList(view.query, view.shown_events, view.matches, view.cursor)
        self.app.push_screen(listing, self._match_picked)

    def action_list_warnings(self) -> None:
        """List every warning with its event, to go to one."""
        view = self.view
        if not view.warnings:
            self._tell(view.no_warnings())
            return
        from timeline.ui.screens.matches import WarningList

        listing = WarningList(view.warning_places(), view.events, view.cursor)
        self.app.clear_notifications()  # the notice of them would cover the list
        self.app.push_screen(listing, self._match_picked)

    def _match_picked(self, position: int | None) -> None:
        if position is not None:
            self.view.move_to(position)
            self.draw_view()

    # ------------------------------------------------------------------ bookmarks

    def action_bookmark(self) -> None:
        """Mark the selected event, or unmark it."""
        self._tell(self.view.toggle_bookmark(), timeout=2)
        self.rail.bookmarks = self.view.bookmarks
        self.rail.clear_cache()
        self.rail.refresh()
        self.overview.set_bookmarks(self.view.bookmarked_positions())

    def action_step_bookmark(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) marked event."""
        self._tell(self.view.step_bookmark(direction), timeout=2)
        self.draw_view()

    def action_clear_search(self) -> None:
        """Clear the search and its highlights."""
        if self.view.query:
            self.search("")

    # ------------------------------------------------------------------ filters

    def action_filter(self) -> None:
        """Open the filter picker."""
        if self.view.timeline is None:
            return
        from timeline.query.filters import facets
        from timeline.ui.screens.filter_picker import FilterPicker  # loaded when needed

        view = self.view
        picker = FilterPicker(facets(view.events), view.filter, view.default_year, view.dayfirst)
        self.app.push_screen(picker, self._filter_picked)

    def _filter_picked(self, picked: Filter | None) -> None:
        if picked is not None:
            self.set_filter(picked)

    def set_filter(self, new: Filter) -> None:
        """Show only the events `new` keeps."""
        self._tell(self.view.set_filter(new), timeout=4)
        self.draw_view(shown=True)

    def action_clear_filter(self) -> None:
        """Show every event again."""
        if self.view.filter.active:
            self.set_filter(Filter())

    # ------------------------------------------------------------------ dates

    async def action_go_to_date(self) -> None:
        """Ask for a date and jump to the nearest event."""
        await self.prompt_bar.open("date", " Go to date: ", "", "july 16 · 2018-07 · 16 July 2018")

    def action_step_day(self, direction: int) -> None:
        """Previous or next day that has events."""
        self.view.step_day(direction)
        self.draw_view()

    def action_step_month(self, direction: int) -> None:
        """Previous or next month that has events."""
        self.view.step_month(direction)
        self.draw_view()

    def action_zoom(self, direction: int) -> None:
        """Zoom the overview strip in (-1: day, week) or out (+1: month, year)."""
        self.overview.zoom(direction)
        self.app.notify(f"Overview scale: {self.overview.scale}", timeout=1.5)
