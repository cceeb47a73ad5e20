"""The main screen: the rail, the detail pane, and the keys that move through them.

Every key here changes the reader's view (`timeline.query.view.View`) and then draws
it: `draw_view` hands the widgets what they show. The screen knows nothing of files:
the app gives it timelines (`show_first`, `show_reload`) and problems to show.

The screen is assembled from parts, a module each (timeline/ui/view_screen.py says
why): the view drawn (view_screen), the prompt line and search (search_keys), moving
to another event (jump_keys), the selected event's quotes and sources (quote_keys).
What is left here is its layout, the timelines and problems the app gives it, and the
filters.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType

from timeline.model import IDS_SLICE, Timeline
from timeline.problems import Problem
from timeline.query.filters import Filter
from timeline.query.view import View
from timeline.text import ROW_LIMIT, file_name, one_line
from timeline.ui.collector import IdleCollector
from timeline.ui.jump_keys import JumpKeys
from timeline.ui.keys import READING
from timeline.ui.quote_keys import QuoteKeys
from timeline.ui.search_keys import SearchKeys
from timeline.ui.threads import awaited_by_the_reader, handing_over_between_slices
from timeline.ui.widgets.containers import Pane, Row
from timeline.ui.widgets.detail import Detail
from timeline.ui.widgets.keybar import KeyBar
from timeline.ui.widgets.overview import Overview
from timeline.ui.widgets.rail import Rail
from timeline.ui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from timeline.model import Event
    from timeline.query.value_index import ValueIndex
    from timeline.ui.screens.filter_picker import FilterPicker
    from timeline.ui.widgets.loading import LoadingBox
    from timeline.ui.widgets.problems import ProblemsPanel

#: Narrower than this, the panes are stacked instead of side by side.
NARROW = 100
#: Seconds after start-up to mount the (hidden) search and date line.
PREPARE_PROMPT = 0.5


class TimelineScreen(SearchKeys, JumpKeys, QuoteKeys):
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
        super().__init__(view, collector, narrow=narrow)
        self._mounted = mounted
        self._loading: LoadingBox | None = None  # mounted while a large file loads
        self._problems: ProblemsPanel | None = None  # mounted when a reload has problems

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield TitleBar(self._status)
        with Row(id="main"):
            with Pane("Timeline", id="left", focused=True):  # the rail has the keys
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

    def show_reload(
        self, timeline: Timeline, warnings: Sequence[Problem] = (), held: Sequence[str] = ()
    ) -> None:
        """Show a new version of the timeline, the selection kept; of several files,
        those `held` back (broken) as they last loaded, which the notice says."""
        if held:
            from timeline.ui.widgets.problems import files_named

            its = "its new save has" if len(held) == 1 else "their new saves have"
            self.app.notify(
                f"Reloaded: {len(timeline.events):,} events, with the last good version of "
                f"{files_named(held)}: {its} problems (listed below).",
                title="Held back",
                severity="warning",
                timeout=8,
            )
        else:
            self.app.notify(f"Reloaded: {len(timeline.events):,} events", timeout=2)
        # The same event still selected (an edit elsewhere, or to it): the reader keeps
        # their quote and their place in the detail pane.
        same = self.view.reload(timeline)
        told = self.view.warn(warnings)
        self._timeline_shown(timeline, keep_place=same)
        self._tell(told, timeout=10)

    def _index_ids(self, timeline: Timeline) -> None:
        """Have a large timeline's index of ids built in a thread as soon as it is shown:
        built where a link is first followed or a relative date first shown, it held a
        key press for 0.3 s at 1,000,000 events."""
        if len(timeline.events) > IDS_SLICE:
            self._build_ids(timeline)

    @work(thread=True, exclusive=True, group="ids", exit_on_error=False, description="ids")
    @handing_over_between_slices
    def _build_ids(self, timeline: Timeline) -> None:
        from timeline.stopping import check

        timeline.index_ids(check)

    def _timeline_shown(
        self, timeline: Timeline, *, keep_place: bool = False, check_quotes: bool = True
    ) -> None:
        self.collector.freeze(len(timeline.events))
        self.app.title = one_line(timeline.title, ROW_LIMIT) or "timeline"
        self.draw_view(shown=True, keep_place=keep_place)
        self.call_after_refresh(self._index_ids, timeline)  # after the first frame
        if self.view.query:
            self._build_index_if_needed()
        self._quotes_shown(timeline, check=check_quotes)

    # ------------------------------------------------------------------ loading, problems

    def _status(self) -> str:
        """The title bar's status: the view's, or while the file is first read (the
        progress bar in place of the rail) that it is being read, not "no events"."""
        if self._loading is not None and self._loading.display:
            return "reading…"
        return self.view.status

    def show_loading(self, loading: bool, files: Sequence[str] = ()) -> None:
        """While a large file loads, the progress takes the place of the empty rail."""
        if loading and self._loading is None:
            from timeline.ui.widgets.loading import LoadingBox

            names = ", ".join(file_name(os.path.basename(f)) for f in files)
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

    def show_problems(
        self, problems: list[Problem], *, shown: bool = True, held: Sequence[str] = ()
    ) -> None:
        """List a reload's errors below the panes (or hide them when there are none);
        `held`: the files shown as they last loaded, beside the others' new versions."""
        panel = self._problems
        if panel is None:
            if not any(p.severity == "error" for p in problems):
                return
            from timeline.ui.widgets.problems import ProblemsPanel

            # Below the panes, in the layout flow; mounted on this screen even when the
            # help or the palette is on top.
            panel = self._problems = ProblemsPanel()
            self.prompt_bar.parent.mount(panel, before=self.prompt_bar)  # type: ignore[union-attr]
        panel.show_problems(problems, shown=shown, held=held)
        if not panel.display and panel.has_focus:  # fixed: the keys go back to the events
            self.timeline_widget.focus()

    @property
    def problems_panel(self) -> ProblemsPanel | None:
        """The list of a broken save's errors while it is shown (Tab goes to it too)."""
        panel = self._problems
        return panel if panel is not None and panel.display else None

    # ------------------------------------------------------------------ filters

    def on_screen_suspend(self) -> None:
        """A dialog or a list is pushed over the main screen: its toasts go (the
        warnings said on opening lay over the filter picker's speakers at 80x24); what
        they said stays in the header ("4 warnings (!)")."""
        self.app.clear_notifications()

    def action_filter(self) -> None:
        """Open the filter picker."""
        if self.view.timeline is None:
            return
        from timeline.query.facets import facets
        from timeline.ui.screens.filter_picker import FilterPicker  # loaded when needed

        view = self.view
        # Counting a million events' values takes seconds (2.7 s the first time, the
        # index of values included): among many, the picker opens at once and fills in.
        found = None if view.many else facets(view.events, view.value_index)
        picker = FilterPicker(
            found,
            view.filter,
            view.default_year,
            view.dayfirst,
            counting=len(view.events),
            tz=view.zone,
        )
        self.app.push_screen(picker, self._filter_picked)
        if found is None:
            self._count_facets(picker, view.events, view.value_index)

    @work(thread=True, exclusive=True, group="facets", description="counting filter values")
    @awaited_by_the_reader
    def _count_facets(
        self, picker: FilterPicker, events: Sequence[Event], index: ValueIndex
    ) -> None:
        from timeline.query.facets import facets

        # The counts come from the index the filter will look values up in (kinds,
        # speakers, groups, tags); its statuses and dates are indexed too while the
        # reader chooses (else when it is applied: 0.3-1 s a field at 1,000,000 events).
        self.app.call_from_thread(picker.show_facets, facets(events, index))
        index.of("status")
        index.layout()

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
