"""The interactive viewer: a scrolling timeline rail and a detail pane.

Keys are bindings with descriptions, so the footer, the help screen and the
command palette all list the same actions.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from timeline.dates import DateError, parse_query
from timeline.model import Event, Timeline
from timeline.problems import LoadResult, Problem
from timeline.query.filters import Filter, FilterError, facets, parse_filter_args
from timeline.query.navigate import (
    nearest_index,
    next_day,
    next_month,
    previous_day,
    previous_month,
)
from timeline.read import load_files
from timeline.read.files import file_signature
from timeline.show.citation import event_citation, quote_citation
from timeline.show.related import related
from timeline.text import clean, one_line, safe_url
from timeline.ui.widgets.detail import Detail
from timeline.ui.widgets.keybar import KeyBar
from timeline.ui.widgets.lines import blank
from timeline.ui.widgets.overview import Overview
from timeline.ui.widgets.rail import Rail

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.widgets import ProgressBar

    from timeline.query.search import SearchIndex

#: How often the files are checked for changes, in seconds.
POLL_INTERVAL = 0.5
#: Narrower than this, the panes are stacked instead of side by side.
NARROW = 100
#: Up to this many events the search index is built on the spot; beyond, in a thread.
INDEX_NOW = 20_000
#: From this many events the loaded model is kept out of garbage collections.
FREEZE_AT = 10_000
#: Garbage is collected once the reader has paused this long (seconds) ...
IDLE_COLLECT = 0.3
#: ... or, while keys keep coming, once this many objects are waiting.
COLLECT_ANYWAY = 50_000
#: While idle, a full collection at most this often (seconds), unless keys came
#: meanwhile; the young objects the timers leave are collected as Python would.
IDLE_FULL_COLLECT = 10.0
IDLE_YOUNG_COLLECT = 700
#: How often (seconds) the viewer checks that its terminal is still there.
TERMINAL_CHECK = 1.0
#: The exit code when the terminal went away, as for a shell's hangup (128 + SIGHUP).
EXIT_HANGUP = 129
#: Seconds after start-up to mount the (hidden) search and date line.
PREPARE_PROMPT = 0.5
#: Seconds between updates of the progress bar while a large file loads.
PROGRESS_INTERVAL = 0.25


class ShownEvents(Sequence[Event]):
    """The events the rail shows, as a sequence, without copying them."""

    def __init__(self, events: Sequence[Event], shown: Sequence[int]) -> None:
        self.events = events
        self.shown = shown

    def __len__(self) -> int:
        return len(self.shown)

    def __getitem__(self, position: int) -> Event:  # type: ignore[override]
        return self.events[self.shown[position]]


class TitleBar(Widget):
    """The timeline's title and where the reader is ("4 of 9 shown · match 2 of 5").

    Textual's Header updates a Static, which relays out the whole screen on every
    key press, and App.sub_title, a reactive, repaints the whole screen when set. This
    is one line drawn from `TimelineApp.status` as a single strip (the Line API): a
    rendered widget would go through Rich's layout on every key press.
    """

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; width: 1fr; background: $panel; color: $foreground; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        status = getattr(self.app, "status", "")
        title = Text(no_wrap=True, overflow="ellipsis", end="")
        title.append(f" ◆ {self.app.title}", style="bold")
        if status:
            title.append(" — ", style="dim")
            title.append(status, style="dim")
        title.truncate(width, overflow="ellipsis")
        title.align("center", width)
        style = self.rich_style
        return Strip(title.render(self.app.console), width).apply_style(style)


class Column(Vertical):
    """A Vertical whose own lines are only background (see `lines.blank`)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank(self, crop) or super().render_lines(crop)


class Row(Horizontal):
    """A Horizontal whose own lines are only background (see `lines.blank`)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return blank(self, crop) or super().render_lines(crop)


class PromptBar(Horizontal):
    """The line at the bottom where search text and dates are typed."""

    BINDINGS = [Binding("escape", "app.close_prompt", "Close", show=False)]


class HelpScreen(ModalScreen[None]):
    """Every binding with its description, and what the rail's marks mean."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        from rich.console import Group
        from rich.table import Table

        parts: list[Table | Text] = [Text("Keys", style="bold")]
        table: Table | None = None
        section = ""
        for where, keys, description in self.rows:
            if where != section or table is None:
                section = where
                parts.append(Text(f"\n{where}", style="bold underline"))
                # A grid keeps long descriptions wrapping in their own column.
                table = Table.grid(padding=(0, 2))
                table.add_column(width=18, style="bold cyan", no_wrap=True)
                table.add_column(ratio=1)
                parts.append(table)
            table.add_row(keys, description)
        marks = Table.grid(padding=(0, 2))
        marks.add_column(width=18, no_wrap=True)
        marks.add_column(ratio=1)
        for mark, meaning in (
            ("c. Jul 2018", "circa: approximate"),
            ("before Mon 16", "only known to be before that date or event"),
            ("after Mon 16", "only known to be after it"),
            ("Jul 2018 · 2018", "known to the month · to the year"),
            ("━ Title", "an era begins; ▎ marks the events inside it"),
        ):
            marks.add_row(mark, meaning)
        parts += [Text("\nDates and marks in the rail", style="bold underline"), marks]
        parts.append(Text("\nPress Escape, q or ? to close.", style="dim"))
        with VerticalScroll(id="help-box"):
            yield Static(Group(*parts))


def key_label(key: str) -> str:
    """A binding's keys as a person types them: "down,j" -> "↓ j"."""
    names = {
        "down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home",
        "end": "End", "enter": "Enter", "backspace": "Backspace", "tab": "Tab",
        "shift+tab": "Shift+Tab", "question_mark": "?", "escape": "Esc", "ctrl+p": "Ctrl+P",
        "full_stop": ".", "comma": ",", "left_square_bracket": "[",
        "right_square_bracket": "]",
    }  # fmt: skip
    return " ".join(names.get(k, k) for k in key.split(","))


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
    """The timeline viewer."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline"
    COMMANDS = App.COMMANDS | {_go_to_event}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Quit the viewer"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This help"),
        Binding(
            "tab",
            "switch_pane",
            "Pane",
            priority=True,
            tooltip="Move focus between the timeline and the detail pane",
        ),
        Binding("enter", "follow(1)", "Follow", tooltip="Go to the first related event"),
        Binding("backspace", "history_back", "Back", tooltip="Go back to where you followed from"),
        Binding("o", "open_source", "Open source", tooltip="Open the source link in the browser"),
        Binding(
            "y",
            "copy_quote",
            "Copy quote",
            tooltip="Copy the selected quote with its attribution and date",
        ),
        Binding(
            "Y",
            "copy_event",
            "Copy event",
            show=False,
            tooltip="Copy the whole event as plain text",
        ),
        Binding(
            "full_stop",
            "quote(1)",
            "Next quote",
            show=False,
            key_display=".",
            tooltip="Select the next quote (what y copies)",
        ),
        Binding(
            "comma",
            "quote(-1)",
            "Previous quote",
            show=False,
            key_display=",",
            tooltip="Select the previous quote",
        ),
        Binding("r", "reload", "Reload", tooltip="Reload the file now (it also reloads by itself)"),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            tooltip="Search titles, quotes, speakers, tags, context, sources",
        ),
        Binding("n", "match(1)", "Next match", show=False, tooltip="Go to the next search match"),
        Binding(
            "N",
            "match(-1)",
            "Previous match",
            show=False,
            tooltip="Go to the previous search match",
        ),
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            show=False,
            tooltip="Clear the search and its highlights",
        ),
        Binding("f", "filter", "Filter", tooltip="Filter by kind, speaker, group, tag and dates"),
        Binding("F", "clear_filter", "Clear filters", show=False, tooltip="Show every event again"),
        Binding(
            "z",
            "zoom(-1)",
            "Zoom in",
            show=False,
            tooltip="Overview strip: finer scale (year → month → week → day)",
        ),
        Binding("Z", "zoom(1)", "Zoom out", show=False, tooltip="Overview strip: coarser scale"),
        Binding(
            "d,colon",
            "go_to_date",
            "Date",
            tooltip="Jump to the event nearest a date (“july 16”, “2018-07”)",
        ),
        Binding(
            "left_square_bracket",
            "step_day(-1)",
            "Previous day",
            show=False,
            key_display="[",
            tooltip="Previous day that has events",
        ),
        Binding(
            "right_square_bracket",
            "step_day(1)",
            "Next day",
            show=False,
            key_display="]",
            tooltip="Next day that has events",
        ),
        Binding(
            "left_curly_bracket",
            "step_month(-1)",
            "Previous month",
            show=False,
            key_display="{",
            tooltip="Previous month that has events",
        ),
        Binding(
            "right_curly_bracket",
            "step_month(1)",
            "Next month",
            show=False,
            key_display="}",
            tooltip="Next month that has events",
        ),
        *[Binding(str(n), f"follow({n})", f"Follow related {n}", show=False) for n in range(2, 10)],
    ]

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
    ) -> None:
        super().__init__()
        self.files = list(files)
        self.timeline = timeline
        self.at = at
        self.end = end
        self.poll = poll
        self.filter_args = list(filter_args)
        self.filter = Filter()
        self.dayfirst = dayfirst
        self.query_text = search
        self.matches: list[int] = []
        self.search_index: SearchIndex | None = None
        self.prompt_mode = ""
        self._filter_text = ""
        self._last_activity = 0.0
        self._collected_at = float("-inf")  # when the last full collection ran
        self._collector_was_on = False
        self.status = ""
        """Where the reader is: "4 of 9 shown (40 in all) · kind=tweet · match 2 of 5"."""
        self.history: list[str] = []
        self.problems: list[Problem] = []
        self.startup_problems: list[Problem] = []
        # The box and bar mounted when a large file loads
        self._loading: tuple[Widget, ProgressBar] | None = None
        self._problems: Static | None = None  # mounted when a reload has problems
        self._signatures = self._current_signatures()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Row(id="main"):
            with Column(id="left"):
                yield Overview(id="overview")
                yield Rail(id="rail")
                # The progress of a large file's load is mounted here when needed, and
                # the problems of a reload below the panes (each widget composed costs
                # start-up time, shown or not).
            with Column(id="detail-pane"):
                yield Detail(id="detail")
        yield self.prompt_bar  # its Label and Input: see _mount_prompt
        yield KeyBar()

    def on_mount(self) -> None:
        self._collect_when_idle()
        self.overview.window_source = self.rail.visible_positions
        self._apply_width(self.size.width)
        if self.timeline is None:
            self._show_loading(True)
            # After the first frame: the loader's thread would slow it down.
            self.call_after_refresh(self._load_in_background, True)
        else:
            self._show(self.timeline, self._start_position(self.timeline), first=True)
        if self.poll:
            self.set_interval(POLL_INTERVAL, self._check_files)
        if _on_terminal():
            self.set_interval(TERMINAL_CHECK, self._check_terminal)
        self.rail.focus()
        # Synchronous, unlike a message: see Rail.watch_cursor.
        self.watch(self.rail, "cursor", self._show_selected, init=False)
        self.watch(self.rail, "scroll_y", self._sync_overview, init=False)
        # Hidden until / or d: prepared once the first screen is up (or when first used).
        self.set_timer(PREPARE_PROMPT, self._mount_prompt)

    def _check_terminal(self) -> None:
        """Leave when the terminal is gone (its window closed under `make run`).

        No hangup signal reaches the viewer then, and Textual's input thread reads the
        dead terminal's end of file in a loop: a whole core, for as long as it runs.
        """
        if not _on_terminal():
            self.exit(return_code=EXIT_HANGUP)

    def _collect_when_idle(self) -> None:
        """Collect garbage between key presses rather than during them.

        Textual leaves enough objects behind each frame that the collector's young
        generations run every few key presses, doubling those presses (the p95 of a
        key at 100,000 events was 23 ms against a median of 14). Collections now wait
        for a pause, or for a pile of garbage if keys never stop.
        """
        self._collector_was_on = gc.isenabled()
        if self._collector_was_on:
            gc.disable()
            self.set_interval(IDLE_COLLECT / 2, self._collect)

    def _collect(self) -> None:
        if any(w.group in ("load", "index") and not w.is_finished for w in self.workers):
            # A worker is building millions of objects that will live on: collecting
            # now would rescan them again and again (a first load took 2.5x as long).
            return
        waiting = gc.get_count()[0]
        now = time.monotonic()
        paused = now - self._last_activity >= IDLE_COLLECT
        if paused and waiting:
            # Once a pause (and now and then while idle), not on every tick: a full
            # collection scans all of Textual's objects, and an idle viewer spent a
            # tenth of a core doing it every 0.15 s.
            fresh = self._last_activity > self._collected_at
            if fresh or now - self._collected_at >= IDLE_FULL_COLLECT:
                gc.collect()  # all generations: cheap with the model frozen out of them
                self._collected_at = now
            elif waiting >= IDLE_YOUNG_COLLECT:
                gc.collect(0)
        elif waiting >= COLLECT_ANYWAY:
            gc.collect(0)  # the youngest generation only, while keys keep coming

    def on_unmount(self) -> None:
        # The viewer may run inside another program (its tests do): leave it as found.
        if self._collector_was_on:
            gc.enable()

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
        return PromptBar(id="prompt")

    @cached_property
    def title_bar(self) -> TitleBar:
        return self.query_one(TitleBar)

    # ------------------------------------------------------------------ data

    def _show(self, timeline: Timeline, index: int, *, first: bool = False) -> None:
        """Show a (new) timeline with the event at `index` selected, or the nearest shown."""
        if timeline is not self.timeline or self.search_index is None:
            self.search_index = None
        self.timeline = timeline
        if len(timeline.events) >= FREEZE_AT:
            # The loaded model lives as long as the viewer. Without this, every full
            # garbage collection rescans it: 200-400 ms pauses on a key press at 100,000
            # events. It forms no cycles, so a reload still frees the old one.
            gc.freeze()
        self.title = one_line(timeline.title) or "timeline"
        if first and self.filter_args:
            default_year = timeline.events[0].when.year if timeline.events else 2000
            try:
                self.filter = parse_filter_args(
                    self.filter_args, default_year=default_year, dayfirst=self.dayfirst
                )
            except FilterError as exc:
                self.notify(str(exc), title="--filter", severity="warning")
        self._apply_view(index)
        if first and self.query_text:
            self._run_search(self.query_text, jump=True)

    def _apply_view(self, index: int | None) -> None:
        """Show the events the filter keeps, selecting `index` or the nearest shown event."""
        assert self.timeline is not None
        events = self.timeline.events
        shown: Sequence[int] = (
            self.filter.apply(events) if self.filter.active else range(len(events))
        )
        position = 0
        if shown and index is not None and 0 <= index < len(events):
            position = self._nearest_shown(shown, index)
        self.rail.set_events(events, shown, position, eras=self.timeline.eras)
        self._filter_text = self.filter.describe() if self.filter.active else ""
        self.overview.set_events(events, shown)
        self._refresh_matches()
        # Now, not on a later message: the first frame then shows the event.
        self._show_selected()
        self._sync_overview()

    def _nearest_shown(self, shown: Sequence[int], index: int) -> int:
        from bisect import bisect_left

        position = bisect_left(shown, index)
        if position < len(shown) and shown[position] == index:
            return position
        assert self.timeline is not None
        view = ShownEvents(self.timeline.events, shown)
        return nearest_index(view, self.timeline.events[index].when)

    @property
    def shown_events(self) -> ShownEvents:
        """The events on the rail, in order."""
        return ShownEvents(self.rail.events, self.rail.shown)

    def _start_position(self, timeline: Timeline) -> int:
        events = timeline.events
        if not events:
            return 0
        if self.end:
            return len(events) - 1
        if self.at:
            index = timeline.index_of(self.at)
            if index is not None:
                return index
            try:
                when = parse_query(self.at, events[0].when.year, dayfirst=self.dayfirst)
            except DateError as exc:
                self.notify(str(exc), title="--at", severity="warning")
                return 0
            return nearest_index(events, when)
        return 0

    def _update_position(self) -> None:
        rail = self.rail
        total, everything = len(rail.shown), len(rail.events)
        parts: list[str] = []
        if not everything:
            parts.append("no events")
        elif self.filter.active:
            where = f"{rail.cursor + 1} of {total} shown" if total else "none shown"
            parts.append(f"{where} ({everything} in all)")
            parts.append(self._filter_text)
        else:
            parts.append(f"{rail.cursor + 1} of {total}")
        if self.query_text:
            parts.append(self._match_status())
        status = " · ".join(parts)
        if status != self.status:
            self.status = status
            self.title_bar.refresh()

    def _match_status(self) -> str:
        from bisect import bisect_left

        count = len(self.matches)
        if self.search_index is None and len(self.rail.events) > INDEX_NOW:
            return "indexing for search…"
        if not count:
            return f"no match for “{one_line(self.query_text)}”"
        i = bisect_left(self.matches, self.rail.cursor)
        if i < count and self.matches[i] == self.rail.cursor:
            return f"match {i + 1} of {count}"
        return f"{count} match{'es' if count != 1 else ''}"

    def _show_selected(self) -> None:
        self._last_activity = time.monotonic()
        self.detail.show(self.rail.selected, self.timeline)
        self._update_position()
        # The window follows the rail's scroll_y, which a key press that scrolls changes.
        self.overview.set_selection(self.rail.cursor)

    @on(Rail.Scrolled)
    def _sync_overview(self) -> None:
        self._last_activity = time.monotonic()
        self.overview.set_selection(self.rail.cursor)
        self.overview.set_window(*self.rail.visible_positions())

    @on(Overview.Jump)
    def _overview_jump(self, message: Overview.Jump) -> None:
        self.rail.move_to(message.position)
        self.rail.focus()

    def action_zoom(self, direction: int) -> None:
        """Zoom the overview strip in (-1: day, week) or out (+1: month, year)."""
        overview = self.overview
        overview.zoom(direction)
        self.notify(f"Overview scale: {overview.scale}", timeout=1.5)

    def go_to_position(self, position: int) -> None:
        """Select the event at this position on the rail (the palette's "Go to")."""
        self.rail.move_to(position)
        self.rail.focus()

    # ------------------------------------------------------------------ loading

    def _current_signatures(self) -> list[tuple[int, int, int] | None]:
        return [file_signature(f) for f in self.files]

    def _check_files(self) -> None:
        signatures = self._current_signatures()
        if signatures != self._signatures:
            self._signatures = signatures
            if any(s is None for s in signatures):
                missing = [f for f, s in zip(self.files, signatures, strict=True) if s is None]
                self._set_problems(
                    [
                        Problem(
                            "error",
                            "the file was deleted or moved; showing the last version loaded "
                            "until it is back",
                            name,
                        )
                        for name in missing
                    ]
                )
                return
            self._load_in_background(first=False)

    class _Progressed(Message):
        """A large file's load has gone this far (posted from the loading thread)."""

        def __init__(self, fraction: float) -> None:
            self.fraction = fraction
            super().__init__()

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TimelineApp._Progressed)

    @work(thread=True, exclusive=True, group="load")
    def _load_in_background(self, first: bool) -> None:
        last = 0.0

        def progress(fraction: float) -> None:
            # Posted, not called, and four times a second: each step redraws the screen
            # while the loader waits (`call_from_thread`) or competes for the
            # interpreter. A step for every 500 events took 0.3 s of a first open of
            # 100,000 events.
            nonlocal last
            now = time.monotonic()
            if first and (now - last >= PROGRESS_INTERVAL or fraction >= 1.0):
                last = now
                self.post_message(self._Progressed(fraction))

        from timeline import cache  # imported here: start-up does not need it

        writes: list[Callable[[], None]] = []
        with cache.writes_deferred(writes):
            result = load_files(self.files, progress=progress)
        self.call_from_thread(self._loaded, result, first, writes)

    def _write_cache(self, writes: list[Callable[[], None]]) -> None:
        """Write the cache once the loaded timeline is on screen, in a thread that
        leaving waits for (not a daemon), so that an entry is never cut short."""
        import threading

        def write_all() -> None:
            for write in writes:
                write()

        threading.Thread(target=write_all, name="timeline-cache", daemon=False).start()

    def _show_loading(self, loading: bool) -> None:
        """While a large file loads, the progress takes the place of the empty rail."""
        if loading and self._loading is None:
            from textual.widgets import ProgressBar

            names = one_line(", ".join(os.path.basename(f) for f in self.files))
            size = sum(os.path.getsize(f) for f in self.files if os.path.exists(f))
            self.title = f"Loading {names}"
            bar = ProgressBar(total=100, show_eta=False, id="loading-bar")
            box = Vertical(
                Static(Text(f"Loading {names} ({size / 1e6:.0f} MB)…"), id="loading-label"),
                bar,
                id="loading",
            )
            self._loading = (box, bar)
            self.rail.parent.mount(box, after=self.rail)  # type: ignore[union-attr]
        if self._loading is not None:
            self._loading[0].display = loading
        self.rail.display = not loading
        self.overview.display = not loading

    @on(_Progressed)
    def _progress(self, message: _Progressed) -> None:
        if self._loading is not None:
            self._loading[1].update(progress=message.fraction * 100)

    def _loaded(
        self, result: LoadResult, first: bool, writes: list[Callable[[], None]] | None = None
    ) -> None:
        if writes:
            self.call_after_refresh(self._write_cache, writes)
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
        selected = self.rail.selected
        timeline = result.timeline
        if first:
            self._show(timeline, self._start_position(timeline), first=True)
            return
        self.notify(f"Reloaded: {len(timeline.events)} events", timeout=2)
        self._show(timeline, self._index_after_reload(timeline, selected))

    def _index_after_reload(self, timeline: Timeline, selected: Event | None) -> int:
        if selected is None or not timeline.events:
            return 0
        index = timeline.index_of(selected.id)
        if index is not None:
            return index
        return nearest_index(timeline.events, selected.when)

    def _set_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        panel = self._problems
        if not errors:
            if panel is not None:
                panel.display = False
            return
        if panel is None:
            # Below the panes, in the layout flow. Not looked up on `self.screen`: the
            # help or the palette may be on top when a reload comes.
            panel = self._problems = Static("", id="problems")
            self.prompt_bar.parent.mount(panel, before=self.prompt_bar)  # type: ignore[union-attr]
        text = Text()
        text.append(
            "The file has problems; the last good version stays on screen until they are fixed.\n",
            style="bold",
        )
        for problem in errors[:8]:
            text.append(clean(str(problem)) + "\n")
        if len(errors) > 8:
            text.append(f"… and {len(errors) - 8} more (run `timeline check`)\n", style="dim")
        panel.update(text)
        panel.display = True

    def action_reload(self) -> None:
        """Reload the files now."""
        self._signatures = self._current_signatures()
        self._load_in_background(first=False)

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        """Show every key."""
        self.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(section, keys, description) for every binding, for the help screen."""
        rows: list[tuple[str, str, str]] = []
        for section, bindings in (
            ("Timeline", Rail.BINDINGS),
            ("Detail pane (after Tab)", Detail.BINDINGS),
            ("Anywhere", self.BINDINGS),
        ):
            for binding in bindings:
                if not isinstance(binding, Binding) or binding.key in "3456789":
                    continue
                keys = key_label(binding.key)
                description = binding.tooltip or binding.description
                if binding.key == "2":
                    keys, description = "2 … 9", "Go to the 2nd … 9th related event"
                rows.append((section, keys, description))
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
        event = self.rail.selected
        if event is None or self.timeline is None:
            return
        links = related(event, self.timeline)
        if not 1 <= n <= len(links):
            self.notify("This event has no related event to follow.", timeout=2)
            return
        self.history.append(event.id)
        self._select_id(links[n - 1].event.id)

    def action_history_back(self) -> None:
        """Return to the event before the last jump."""
        while self.history:
            if self._select_id(self.history.pop()):
                return
        self.notify("Nothing to go back to.", timeout=2)

    def _select_id(self, event_id: str) -> bool:
        if self.timeline is None:
            return False
        index = self.timeline.index_of(event_id)
        if index is None:
            return False
        rail = self.rail
        try:
            position = rail.shown.index(index)
        except ValueError:
            return False
        rail.move_to(position)
        return True

    def action_open_source(self) -> None:
        """Open the selected event's source link in the browser (http and https only)."""
        event = self.rail.selected
        raw = event.source.url if event and event.source else ""
        if not raw and event and event.media:
            raw = event.media.url
        url = safe_url(raw)
        if url is None:
            why = "has no source link" if not raw else "has a link that is not http(s)"
            self.notify(f"This event {why}.", severity="warning", timeout=3)
            return
        self.open_url(url)
        self.notify(f"Opening {one_line(url)}", timeout=2)

    def action_quote(self, delta: int) -> None:
        """Select the next or previous quote of the event (what y copies)."""
        event = self.rail.selected
        if event is None or not event.quotes:
            return
        detail = self.detail
        detail.selected_quote = (detail.selected_quote + delta) % len(event.quotes)
        detail.render_event()

    def action_copy_quote(self) -> None:
        """Copy the selected quote, with its attribution and date."""
        event = self.rail.selected
        if event is None:
            return
        if not event.quotes:
            self.notify("This event has no quote; Y copies the whole event.", timeout=3)
            return
        quote = event.quotes[min(self.detail.selected_quote, len(event.quotes) - 1)]
        self.copy_to_clipboard(quote_citation(event, quote.text, quote.speaker))
        self.notify("Quote copied to the clipboard.", timeout=2)

    def action_copy_event(self) -> None:
        """Copy the whole event as plain text."""
        event = self.rail.selected
        if event is None:
            return
        self.copy_to_clipboard(event_citation(event))
        self.notify("Event copied to the clipboard.", timeout=2)

    # ------------------------------------------------------------------ notify

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

    # ------------------------------------------------------------------ prompt

    async def _mount_prompt(self) -> None:
        # After the first screen, so its widgets cost nothing at start-up. Opening the
        # line mounts it if it is not there yet: keys that follow / wait in the app's
        # queue meanwhile and reach the line, not the rail.
        # Kept, not looked up: the timer may fire while the viewer is closing.
        bar = self.prompt_bar
        if not bar.children and bar.is_mounted and self.is_running:
            await bar.mount(Label("", id="prompt-label"), Input(id="prompt-input"))

    async def _open_prompt(self, mode: str, label: str, value: str, placeholder: str) -> None:
        await self._mount_prompt()
        self.prompt_mode = mode
        self.prompt_bar.query_one("#prompt-label", Label).update(label)
        field = self.prompt_bar.query_one("#prompt-input", Input)
        field.placeholder = placeholder
        field.value = value
        self.prompt_bar.display = True
        self.screen.set_focus(field)  # now: keys already queued after / must reach it

    def action_close_prompt(self) -> None:
        """Close the prompt; Escape in the search line also clears the search."""
        if self.prompt_mode == "search":
            self._run_search("")
        self._hide_prompt()

    def _hide_prompt(self) -> None:
        self.prompt_mode = ""
        self.prompt_bar.display = False
        self.rail.focus()

    @on(Input.Changed, "#prompt-input")
    def _prompt_changed(self, message: Input.Changed) -> None:
        if self.prompt_mode == "search":
            self._run_search(message.value, jump=True)

    @on(Input.Submitted, "#prompt-input")
    def _prompt_submitted(self, message: Input.Submitted) -> None:
        if self.prompt_mode == "date":
            if self._go_to_date(message.value):
                self._hide_prompt()
            return
        if self.prompt_mode == "search" and message.value != self.query_text:
            # Typed faster than the line reports changes (a paste, a script): the
            # final text is what counts.
            self._run_search(message.value, jump=True)
        self._hide_prompt()

    # ------------------------------------------------------------------ search

    async def action_search(self) -> None:
        """Open the search line."""
        await self._open_prompt(
            "search", " / ", self.query_text, "search titles, quotes, speakers…"
        )

    def _index(self) -> SearchIndex | None:
        """The search index, or None while it is being built in a thread."""
        if self.search_index is None and self.timeline is not None:
            from timeline.query.search import SearchIndex

            index = SearchIndex(self.timeline.events)
            if len(self.timeline.events) <= INDEX_NOW:
                index.build()
                self.search_index = index
            else:
                self._build_index(index, self.timeline)
        return self.search_index

    @work(thread=True, exclusive=True, group="index")
    def _build_index(self, index: SearchIndex, timeline: Timeline) -> None:
        index.build()
        self.call_from_thread(self._index_built, index, timeline)

    def _index_built(self, index: SearchIndex, timeline: Timeline) -> None:
        # A reload may have replaced the timeline meanwhile; its own index will follow.
        if timeline is self.timeline:
            self.search_index = index
            self._run_search(self.query_text, jump=True)

    def search_positions(self, query: str) -> list[int]:
        """Positions on the rail of the shown events that match `query`."""
        index = self._index()
        if index is None or not query:
            return []
        found = index.search(query)
        shown = self.rail.shown
        if isinstance(shown, range):
            return found
        wanted = set(found)
        return [p for p, i in enumerate(shown) if i in wanted]

    def _run_search(self, query: str, *, jump: bool = False) -> None:
        from timeline.query.search import highlight_spans

        self.query_text = query
        matcher = (lambda text: highlight_spans(text, query)) if query else None
        self.rail.matcher = matcher
        self.detail.matcher = matcher
        self._refresh_matches()
        self.rail.clear_cache()
        self.detail.render_event()
        if jump and self.matches:
            from bisect import bisect_left

            i = bisect_left(self.matches, self.rail.cursor)
            self.rail.move_to(self.matches[i % len(self.matches)])
        self._update_position()

    def _refresh_matches(self) -> None:
        self.matches = self.search_positions(self.query_text) if self.query_text else []

    def action_match(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping around."""
        if not self.query_text:
            self.notify("No search: press / to search.", timeout=2)
            return
        if not self.matches:
            self.notify(f"No match for “{one_line(self.query_text)}”.", timeout=2)
            return
        from bisect import bisect_left, bisect_right

        cursor = self.rail.cursor
        if direction > 0:
            i = bisect_right(self.matches, cursor)
            wrapped = i >= len(self.matches)
        else:
            i = bisect_left(self.matches, cursor) - 1
            wrapped = i < 0
        if wrapped:
            self.notify("Search wrapped around.", timeout=1.5)
        self.rail.move_to(self.matches[i % len(self.matches)])

    def action_clear_search(self) -> None:
        """Clear the search and its highlights."""
        if self.query_text:
            self._run_search("")

    # ------------------------------------------------------------------ filters

    def action_filter(self) -> None:
        """Open the filter picker."""
        if self.timeline is None:
            return
        events = self.timeline.events
        default_year = events[0].when.year if events else 2000
        from timeline.ui.widgets.filter_picker import FilterPicker  # its widgets load when needed

        picker = FilterPicker(facets(events), self.filter, default_year, self.dayfirst)
        self.push_screen(picker, self._filter_picked)

    def _filter_picked(self, picked: Filter | None) -> None:
        if picked is not None:
            self._set_filter(picked)

    def _set_filter(self, new: Filter) -> None:
        selected = self.rail.selected
        index = self.timeline.index_of(selected.id) if self.timeline and selected else None
        self.filter = new
        self._apply_view(index)
        if new.active and not self.rail.shown:
            self.notify("No event matches these filters; F shows every event.", timeout=4)

    def action_clear_filter(self) -> None:
        """Show every event again."""
        if self.filter.active:
            self._set_filter(Filter())

    # ------------------------------------------------------------------ dates

    async def action_go_to_date(self) -> None:
        """Ask for a date and jump to the nearest event."""
        await self._open_prompt("date", " Go to date: ", "", "july 16 · 2018-07 · 16 July 2018")

    def _go_to_date(self, text: str) -> bool:
        rail = self.rail
        if not rail.shown or not text.strip():
            return not text.strip()
        selected = rail.selected
        year = selected.when.year if selected else 2000
        try:
            when = parse_query(text, year, dayfirst=self.dayfirst)
        except DateError as exc:
            self.notify(str(exc), severity="warning", timeout=4)
            return False
        rail.move_to(nearest_index(self.shown_events, when))
        return True

    def action_step_day(self, direction: int) -> None:
        """Previous or next day that has events."""
        self._step(previous_day if direction < 0 else next_day)

    def action_step_month(self, direction: int) -> None:
        """Previous or next month that has events."""
        self._step(previous_month if direction < 0 else next_month)

    def _step(self, step: Callable[[Sequence[Event], int], int]) -> None:
        rail = self.rail
        if rail.shown:
            rail.move_to(step(self.shown_events, rail.cursor))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
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
