"""The interactive viewer: a scrolling timeline rail and a detail pane.

The App wires keys to the reader's view (`timeline.query.view.View`, which holds what
is shown, selected, searched, filtered and followed) and draws it: after each change
`draw_view` hands the widgets what they show. It also watches the files and loads them
again when they change. Keys are bindings with descriptions (timeline/ui/keys.py), so
the footer, the help screen and the command palette all list the same actions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from timeline.model import Timeline
from timeline.problems import LoadResult, Problem
from timeline.query.filters import Filter
from timeline.query.view import Notice, View
from timeline.read.toml import TUNING, Tuning
from timeline.show.citation import event_citation, quote_citation
from timeline.text import one_line, safe_url
from timeline.ui.collector import IdleCollector
from timeline.ui.files import Files, Progressed
from timeline.ui.keys import BINDINGS
from timeline.ui.widgets.containers import Column, Row
from timeline.ui.widgets.detail import Detail
from timeline.ui.widgets.keybar import KeyBar
from timeline.ui.widgets.overview import Overview
from timeline.ui.widgets.prompt import PromptBar
from timeline.ui.widgets.rail import Rail
from timeline.ui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from textual.command import Provider

    from timeline.query.search import SearchIndex
    from timeline.ui.widgets.loading import LoadingBox
    from timeline.ui.widgets.problems import ProblemsPanel

#: Narrower than this, the panes are stacked instead of side by side.
NARROW = 100
#: How often (seconds) the viewer checks that its terminal is still there.
TERMINAL_CHECK = 1.0
#: The exit code when the terminal went away, as for a shell's hangup (128 + SIGHUP).
EXIT_HANGUP = 129
#: Seconds after start-up to mount the (hidden) search and date line.
PREPARE_PROMPT = 0.5


def _on_terminal() -> bool:
    """Whether standard input, which Textual reads keys from, is a live terminal."""
    try:
        return sys.__stdin__ is not None and os.isatty(sys.__stdin__.fileno())
    except (OSError, ValueError):
        return False


def _go_to_event() -> type[Provider]:
    # The palette's provider, imported when the palette first opens, not at start-up.
    from timeline.ui.palette import GoToEvent

    return GoToEvent


class TimelineApp(App[int]):
    """The timeline viewer.

    Args:
        files: The files shown (merged when several).
        timeline: Their timeline, already loaded; None to load them in a worker behind a
            progress bar (large files).
        at, end: Where to start: an event's id or a date, or the last event.
        poll: Watch the files and load them again when they change.
        filter_args: `--filter KEY=VALUE` arguments to start with.
        search: A search to start with.
        dayfirst: Read dates typed like 16/7/2018 day first.
        tuning: How large files are read.
    """

    CSS_PATH = "app.tcss"
    TITLE = "timeline"
    COMMANDS = App.COMMANDS | {_go_to_event}
    BINDINGS: ClassVar[list[BindingType]] = BINDINGS

    def __init__(
        self,
        files: Sequence[str],
        timeline: Timeline | None = None,
        *,
        at: str | None = None,
        end: bool = False,
        poll: bool = True,
        filter_args: Sequence[str] = (),
        search: str = "",
        dayfirst: bool = False,
        tuning: Tuning = TUNING,
    ) -> None:
        super().__init__()
        self.files = Files(self, files, tuning)
        self.view = View(dayfirst=dayfirst)
        self._first = timeline
        self.at = at
        self.end = end
        self.poll = poll
        self.filter_args = list(filter_args)
        self.start_search = search
        self.problems: list[Problem] = []
        self.startup_problems: list[Problem] = []
        self.collector = IdleCollector(self._building)
        self._loading: LoadingBox | None = None  # mounted while a large file loads
        self._problems: ProblemsPanel | None = None  # mounted when a reload has problems

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield TitleBar(lambda: self.view.status)
        with Row(id="main"):
            with Column(id="left"):
                yield Overview(id="overview")
                yield Rail(id="rail")
                # The progress of a large file's load is mounted here when needed, and
                # the problems of a reload below the panes.
            with Column(id="detail-pane"):
                yield Detail(id="detail")
        yield self.prompt_bar  # its label and input: see PromptBar.prepare
        yield KeyBar()

    def on_mount(self) -> None:
        if self.collector.start():
            self.set_interval(IdleCollector.TICK, self.collector.tick)
        self.overview.window_source = self.rail.visible_positions
        self._apply_width(self.size.width)
        if self._first is None:
            self._show_loading(True)
            # After the first frame: the loader's thread would slow it down.
            self.call_after_refresh(self.files.load, True)
        else:
            self._show_first(self._first)
        if self.poll:
            self.files.watch()
        if _on_terminal():
            self.set_interval(TERMINAL_CHECK, self._check_terminal)
        self.rail.focus()
        # Synchronous, unlike a message: see Rail.watch_cursor.
        self.watch(self.rail, "cursor", self._cursor_moved, init=False)
        self.watch(self.rail, "scroll_y", self._sync_overview, init=False)
        # Hidden until / or d: prepared once the first screen is up (or when first used).
        self.set_timer(PREPARE_PROMPT, self.prompt_bar.prepare)

    def on_unmount(self) -> None:
        self.collector.stop()

    def _check_terminal(self) -> None:
        """Leave when the terminal is gone (its window closed under `make run`).

        No hangup signal reaches the viewer then, and Textual's input thread reads the
        dead terminal's end of file in a loop: a whole core, for as long as it runs.
        """
        if not _on_terminal():
            self.exit(return_code=EXIT_HANGUP)

    def _building(self) -> bool:
        return any(w.group in ("load", "index") and not w.is_finished for w in self.workers)

    def get_default_screen(self) -> Screen[object]:
        # Classed before it is styled: setting a class later restyles every widget.
        screen: Screen[object] = super().get_default_screen()
        screen.set_class(self.size.width < NARROW, "narrow")
        return screen

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW
        # Changing a class restyles every widget: only do it when it changes.
        if self.screen.has_class("narrow") != narrow:
            self.screen.set_class(narrow, "narrow")

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

    # ------------------------------------------------------------------ the view, drawn

    def _show_first(self, timeline: Timeline) -> None:
        """Show the first load: where the reader asked to start, filtered and searched."""
        view = self.view
        view.show(timeline)
        self._tell(view.filter_from_args(self.filter_args))
        self._tell(view.start_at(self.at, self.end))
        self._timeline_shown(timeline)
        if self.start_search:
            self.search(self.start_search)

    def _timeline_shown(self, timeline: Timeline) -> None:
        self.collector.freeze(len(timeline.events))
        self.title = one_line(timeline.title) or "timeline"
        self.draw_view(shown=True)
        if self.view.query:
            self._build_index_if_needed()

    def draw_view(self, *, shown: bool = False) -> None:
        """Draw the view: the selection, and with `shown` the events shown too."""
        view = self.view
        if shown:
            eras = view.timeline.eras if view.timeline is not None else ()
            self.rail.set_events(view.events, view.shown, view.cursor, eras=eras)
            self.overview.set_events(view.events, view.shown)
        elif self.rail.cursor != view.cursor:
            self.rail.move_to(view.cursor)  # its watcher draws the rest
            return
        self._show_selected()
        self._sync_overview()

    def _cursor_moved(self) -> None:
        # The rail moved (a key, a click, a page): the view follows, then the rest.
        self.view.move_to(self.rail.cursor)
        self._show_selected()

    def _show_selected(self) -> None:
        view = self.view
        self.collector.activity()
        self.detail.selected_quote = view.quote
        self.detail.show(view.selected, view.timeline)
        self.title_bar.refresh()
        # The window follows the rail's scroll_y, which a key press that scrolls changes.
        self.overview.set_selection(view.cursor)

    @on(Rail.Scrolled)
    def _sync_overview(self) -> None:
        self.collector.activity()
        self.overview.set_selection(self.view.cursor)
        self.overview.set_window(*self.rail.visible_positions())

    @on(Overview.Jump)
    def _overview_jump(self, message: Overview.Jump) -> None:
        self.rail.move_to(message.position)
        self.rail.focus()

    def go_to_position(self, position: int) -> None:
        """Select the event at this position on the rail (the palette's "Go to")."""
        self.rail.move_to(position)
        self.rail.focus()

    def _tell(self, notice: Notice | None, timeout: float = 3) -> None:
        if notice is not None:
            severity: SeverityLevel = "warning" if notice.severity == "warning" else "information"
            self.notify(notice.text, title=notice.title, severity=severity, timeout=timeout)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often quote file text, so markup is off unless asked for."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # ------------------------------------------------------------------ loading

    def _show_loading(self, loading: bool) -> None:
        """While a large file loads, the progress takes the place of the empty rail."""
        if loading and self._loading is None:
            from timeline.ui.widgets.loading import LoadingBox

            names = one_line(", ".join(os.path.basename(f) for f in self.files.names))
            size = sum(os.path.getsize(f) for f in self.files.names if os.path.exists(f))
            self.title = f"Loading {names}"
            self._loading = LoadingBox(f"Loading {names} ({size / 1e6:.0f} MB)…")
            self.rail.parent.mount(self._loading, after=self.rail)  # type: ignore[union-attr]
        if self._loading is not None:
            self._loading.display = loading
        self.rail.display = not loading
        self.overview.display = not loading

    @on(Progressed)
    def _progress(self, message: Progressed) -> None:
        if self._loading is not None and self._loading.is_mounted:
            self._loading.set_progress(message.fraction)

    def loaded(self, result: LoadResult, first: bool) -> None:
        """Show what a load gave: the timeline, or the problems that stopped it."""
        if first:
            self._show_loading(False)
        if result.timeline is None:
            if first:
                self.startup_problems = result.problems
                self.exit(return_code=2 if result.unreadable else 1)
                return
            self._set_problems(result.problems)
            return
        self._set_problems([])
        if first:
            self._show_first(result.timeline)
            return
        self.notify(f"Reloaded: {len(result.timeline.events)} events", timeout=2)
        self.view.reload(result.timeline)
        self._timeline_shown(result.timeline)

    def files_missing(self, problems: list[Problem]) -> None:
        """A file is gone: say so, and keep showing the last version loaded."""
        self._set_problems(problems)

    def _set_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        panel = self._problems
        if panel is None:
            if not any(p.severity == "error" for p in problems):
                return
            from timeline.ui.widgets.problems import ProblemsPanel

            # Below the panes, in the layout flow. Not looked up on `self.screen`: the
            # help or the palette may be on top when a reload comes.
            panel = self._problems = ProblemsPanel()
            self.prompt_bar.parent.mount(panel, before=self.prompt_bar)  # type: ignore[union-attr]
        panel.show_problems(problems)

    def action_reload(self) -> None:
        """Reload the files now."""
        self.files.reload()

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        """Show every key."""
        from timeline.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(section, keys, description) for every binding, for the help screen."""
        from timeline.ui.screens.help import help_rows

        rows = help_rows(
            [
                ("Timeline", Rail.BINDINGS),
                ("Detail pane (after Tab)", Detail.BINDINGS),
                ("Anywhere", self.BINDINGS),
            ]
        )
        rows.append(("Anywhere", "Ctrl+P", "Command palette: every action, themes"))
        rows.append(("Anywhere", "mouse", "Click a row to select it; the wheel scrolls"))
        return rows

    def action_switch_pane(self) -> None:
        """Move focus between the timeline and the detail pane."""
        if isinstance(self.screen, ModalScreen):
            self.screen.focus_next()
            return
        target = self.detail if self.focused is self.rail else self.rail
        target.focus()

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
        event = self.view.selected
        raw = event.source.url if event and event.source else ""
        if not raw and event and event.media:
            raw = event.media.url
        url = safe_url(raw)
        if url is None:
            why = "has no source link" if not raw else "has a link that is not http(s)"
            self.notify(f"This event {why}.", severity="warning", timeout=3)
            return
        self.open_url(url)
        self.notify(f"Opening {url}", timeout=2)

    def action_quote(self, delta: int) -> None:
        """Select the next or previous quote of the event (what y copies)."""
        self.view.step_quote(delta)
        self.detail.selected_quote = self.view.quote
        self.detail.render_event()

    def action_copy_quote(self) -> None:
        """Copy the selected quote, with its attribution and date."""
        event = self.view.selected
        if event is None:
            return
        if not event.quotes:
            self.notify("This event has no quote; Y copies the whole event.", timeout=3)
            return
        quote = event.quotes[min(self.view.quote, len(event.quotes) - 1)]
        self.copy_to_clipboard(quote_citation(event, quote.text, quote.speaker))
        self.notify("Quote copied to the clipboard.", timeout=2)

    def action_copy_event(self) -> None:
        """Copy the whole event as plain text."""
        event = self.view.selected
        if event is None:
            return
        self.copy_to_clipboard(event_citation(event))
        self.notify("Event copied to the clipboard.", timeout=2)

    # ------------------------------------------------------------------ prompt

    async def _open_prompt(self, mode: str, label: str, value: str, placeholder: str) -> None:
        await self.prompt_bar.open(mode, label, value, placeholder)

    def action_close_prompt(self) -> None:
        """Close the prompt; Escape in the search line also clears the search."""
        if self.prompt_bar.mode == "search":
            self.search("")
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
        if mode == "search" and message.value != self.view.query:
            # Typed faster than the line reports changes (a paste, a script): the
            # final text is what counts.
            self.search(message.value)
        self._hide_prompt()

    # ------------------------------------------------------------------ search

    async def action_search(self) -> None:
        """Open the search line."""
        await self._open_prompt(
            "search", " / ", self.view.query, "search titles, quotes, speakers…"
        )

    def _build_index_if_needed(self) -> None:
        # Only once a search needs it: built beside the reader's keys, it would slow them.
        index = self.view.index_to_build()
        if index is not None and self.view.timeline is not None:
            self._build_index(index, self.view.timeline)

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self, index: SearchIndex, timeline: Timeline) -> None:
        index.build()
        self.call_from_thread(self._index_built, index, timeline)

    def _index_built(self, index: SearchIndex, timeline: Timeline) -> None:
        # A reload may have replaced the timeline meanwhile; its own index will follow.
        if self.view.set_index(index, timeline):
            self.search(self.view.query)

    def search(self, query: str) -> None:
        """Search for `query` ("" clears the search), highlighting what matches."""
        from timeline.query.search import highlight_spans

        if query:
            self._build_index_if_needed()
        self.view.search(query)
        matcher = (lambda text: highlight_spans(text, query)) if query else None
        self.rail.matcher = matcher
        self.detail.matcher = matcher
        self.rail.clear_cache()
        self.detail.render_event()
        self.draw_view()
        self.title_bar.refresh()

    def action_match(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        notice = self.view.next_match(direction)
        self._tell(notice, timeout=1.5 if notice and notice.text.startswith("Search") else 2)
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

        events = self.view.events
        default_year = events[0].when.year if events else 2000
        picker = FilterPicker(facets(events), self.view.filter, default_year, self.view.dayfirst)
        self.push_screen(picker, self._filter_picked)

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
        await self._open_prompt("date", " Go to date: ", "", "july 16 · 2018-07 · 16 July 2018")

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
        overview = self.overview
        overview.zoom(direction)
        self.notify(f"Overview scale: {overview.scale}", timeout=1.5)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from timeline.ui.screens.help import key_label

        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action not in ("quit",) and binding.show:
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    f"{binding.description} ({key_label(binding.key)})",
                    lambda action=action: self.run_action(action),
                )


def run_viewer(
    files: Sequence[str],
    timeline: Timeline | None,
    *,
    at: str | None = None,
    end: bool = False,
    filter_args: Sequence[str] = (),
    search: str = "",
    dayfirst: bool = False,
) -> int:
    """Run the viewer until the reader quits; returns the exit code."""
    app = TimelineApp(
        files,
        timeline,
        at=at,
        end=end,
        filter_args=filter_args,
        search=search,
        dayfirst=dayfirst,
    )
    app.run()
    for problem in app.startup_problems:
        print(problem, file=sys.stderr)
    return app.return_code or 0
