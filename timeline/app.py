"""The interactive viewer: a scrolling timeline rail and a detail pane.

Keys are bindings with descriptions, so the footer, the help screen and the
command palette all list the same actions.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, ProgressBar, Static

from timeline.dates import DateError, format_long, parse_query
from timeline.files import load_files
from timeline.load import LoadResult, Problem, file_signature
from timeline.model import Event, Timeline
from timeline.text import clean, one_line
from timeline.widgets.detail import Detail, related, safe_url
from timeline.widgets.rail import Rail

#: How often the files are checked for changes, in seconds.
POLL_INTERVAL = 0.5
#: Narrower than this, the panes are stacked instead of side by side.
NARROW = 100


class HelpScreen(ModalScreen[None]):
    """Every binding with its description, and what the rail's marks mean."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Keys\n\n", style="bold")
        section = ""
        for where, keys, description in self.rows:
            if where != section:
                section = where
                text.append(f"{where}\n", style="bold underline")
            text.append(f"  {keys:<22}", style="bold cyan")
            text.append(f"{description}\n")
        text.append("\nDates in the rail\n", style="bold underline")
        text.append("  c. Jul 2018            circa: approximate\n")
        text.append("  before Mon 16          only known to be before that date or event\n")
        text.append("  after Mon 16           only known to be after it\n")
        text.append("  Jul 2018               known to the month; 2018: to the year\n")
        text.append("\nPress Escape, q or ? to close.", style="dim")
        with VerticalScroll(id="help-box"):
            yield Static(text)


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


class TimelineApp(App[int]):
    """The timeline viewer."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline"

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
    ) -> None:
        super().__init__()
        self.files = list(files)
        self.timeline = timeline
        self.at = at
        self.end = end
        self.poll = poll
        self.history: list[str] = []
        self.problems: list[Problem] = []
        self.startup_problems: list[Problem] = []
        self._signatures = self._current_signatures()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Rail(id="rail")
                with Vertical(id="loading"):
                    yield Static("Loading…", id="loading-label")
                    yield ProgressBar(total=100, show_eta=False, id="loading-bar")
            yield Detail(id="detail")
        yield Static("", id="problems")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_width(self.size.width)
        if self.timeline is None:
            self.query_one("#loading").display = True
            self._load_in_background(first=True)
        else:
            self.query_one("#loading").display = False
            self._show(self.timeline, self._start_position(self.timeline))
        if self.poll:
            self.set_interval(POLL_INTERVAL, self._check_files)
        self.query_one(Rail).focus()

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        self.screen.set_class(width < NARROW, "narrow")

    @property
    def rail(self) -> Rail:
        return self.query_one(Rail)

    @property
    def detail(self) -> Detail:
        return self.query_one(Detail)

    # ------------------------------------------------------------------ data

    def _show(self, timeline: Timeline, position: int) -> None:
        self.timeline = timeline
        self.title = one_line(timeline.title) or "timeline"
        self.rail.set_events(timeline.events, range(len(timeline.events)), position)
        self._update_position()

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
                when = parse_query(self.at, events[0].when.year)
            except DateError as exc:
                self.notify(str(exc), title="--at", severity="warning")
                return 0
            return nearest(events, when)
        return 0

    def _update_position(self) -> None:
        rail = self.rail
        total = len(rail.shown)
        if not total:
            self.sub_title = "no events"
            return
        self.sub_title = f"{rail.cursor + 1} of {total}"

    @on(Rail.Highlighted)
    def _highlighted(self, message: Rail.Highlighted) -> None:
        self.detail.show(self.rail.selected, self.timeline)
        self._update_position()

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

    @work(thread=True, exclusive=True, group="load")
    def _load_in_background(self, first: bool) -> None:
        def progress(fraction: float) -> None:
            if first:
                self.call_from_thread(self._progress, fraction)

        result = load_files(self.files, progress=progress)
        self.call_from_thread(self._loaded, result, first)

    def _progress(self, fraction: float) -> None:
        self.query_one("#loading-bar", ProgressBar).update(progress=fraction * 100)

    def _loaded(self, result: LoadResult, first: bool) -> None:
        if first:
            self.query_one("#loading").display = False
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
            position = self._start_position(timeline)
        else:
            position = self._position_after_reload(timeline, selected)
            self.notify(f"Reloaded: {len(timeline.events)} events", timeout=2)
        self._show(timeline, position)

    def _position_after_reload(self, timeline: Timeline, selected: Event | None) -> int:
        if selected is None or not timeline.events:
            return 0
        index = timeline.index_of(selected.id)
        if index is not None:
            return index
        return nearest(timeline.events, selected.when)

    def _set_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        panel = self.query_one("#problems", Static)
        errors = [p for p in problems if p.severity == "error"]
        if not errors:
            panel.display = False
            return
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
        self.notify(f"Opening {url}", timeout=2)

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


def quote_citation(event: Event, text: str, speaker: str) -> str:
    """“Quote.” — Speaker (@handle), Monday 16 July 2018. Source: ..."""
    who = speaker or event.speaker
    if event.handle and not speaker:
        who = f"{who} ({event.handle})" if who else event.handle
    line = f"“{text}”"
    if who:
        line += f" — {who}"
    line += f", {format_long(event.when)}"
    if event.source is not None and (event.source.label or event.source.url):
        line += ". Source: " + " ".join(p for p in (event.source.label, event.source.url) if p)
    return line


def event_citation(event: Event) -> str:
    """The event as plain text: date, title, quotes, context, source."""
    lines = [format_long(event.when), event.title]
    lines += [quote_citation(event, q.text, q.speaker) for q in event.quotes]
    if event.context:
        lines.append(" ".join(event.context.split()))
    if event.source is not None and event.source.url:
        lines.append(event.source.url)
    return "\n".join(lines)


def nearest(events: Sequence[Event], when: object) -> int:
    """Position of the event nearest a date."""
    from bisect import bisect_left

    from timeline.dates import approximate_day
    from timeline.model import When

    assert isinstance(when, When)
    keys = [e.when.key for e in events]
    i = bisect_left(keys, when.key)
    if i >= len(events):
        return len(events) - 1
    if i == 0:
        return 0
    target = approximate_day(when)
    before, after = events[i - 1].when, events[i].when
    return i - 1 if target - approximate_day(before) <= approximate_day(after) - target else i


def run_viewer(
    files: Sequence[str],
    timeline: Timeline | None,
    *,
    at: str | None = None,
    end: bool = False,
) -> int:
    """Run the viewer until the reader quits; returns the exit code."""
    app = TimelineApp(files, timeline, at=at, end=end)
    app.run()
    for problem in app.startup_problems:
        print(problem, file=sys.stderr)
    return app.return_code or 0
