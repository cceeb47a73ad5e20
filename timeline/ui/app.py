"""The interactive viewer: its lifetime, its files, and when garbage is collected.

What the reader sees and does lives in the main screen (timeline/ui/screen.py), which
draws the reader's view (timeline/query/view.py). The app loads the files (in a
worker for large ones: timeline/ui/files.py), hands each load to the screen, and
leaves when its terminal is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from timeline import cache_unused
from timeline.model import Timeline
from timeline.problems import LoadResult, Problem
from timeline.query.view import View
from timeline.read.toml import TUNING, Tuning
from timeline.text import one_line
from timeline.ui.collector import IdleCollector
from timeline.ui.files import Files, Previewed, Progressed
from timeline.ui.keys import READING
from timeline.ui.notices import PlainNotices
from timeline.ui.screen import NARROW, TimelineScreen
from timeline.ui.terminal import keep_writing_when_gone

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.command import Provider
    from textual.widget import Widget

#: How often (seconds) the viewer checks that its terminal is still there.
TERMINAL_CHECK = 1.0
#: The exit code when the terminal went away, as for a shell's hangup (128 + SIGHUP).
EXIT_HANGUP = 129


def _on_terminal() -> bool:
    """Whether standard input, which Textual reads keys from, is a live terminal."""
    return _is_terminal(sys.__stdin__)


def _no_terminal() -> str | None:
    """Why the viewer cannot run here, or None. With its input at an end (a script's
    /dev/null, a pipe), Textual read it again and again: a process at full speed that
    never ended, in CI or a cron job. Another driver (a browser tab's, a test's) reads
    no terminal."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    if not _on_terminal():
        return "its input is not one"
    if not (_is_terminal(sys.__stdout__) or _is_terminal(sys.__stderr__)):
        return "its output is not one"
    return None


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and os.isatty(stream.fileno())
    except (OSError, ValueError):  # closed, or no descriptor
        return False


def _go_to_event() -> type[Provider]:
    # The palette's provider, imported when the palette first opens, not at start-up.
    from timeline.ui.palette import GoToEvent

    return GoToEvent


#: What the reader does that work in threads waits out: keys, clicks, the wheel (not
#: the mouse moving over the terminal).
_INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


class TimelineApp(PlainNotices):
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
        lanes: Start in the lanes view.
        broken: The problems that stopped the files loading before the viewer started:
            it shows them and waits for a save that fixes them.
        warnings: What loading `timeline` assumed or ignored.
        parts: Of several files, each one's result in the load that gave `timeline`
            (`LoadResult.parts`): one broken by a later save is shown as it was then,
            beside the others' new versions.
    """

    CSS_PATH = "app.tcss"
    TITLE = "timeline"
    COMMANDS = App.COMMANDS | {_go_to_event}
    # Ctrl+C quits, as in every terminal program (Textual only says how to quit).
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="interrupt")]

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
        lanes: bool = False,
        broken: Sequence[Problem] = (),
        warnings: Sequence[Problem] = (),
        parts: Mapping[str, LoadResult] | None = None,
    ) -> None:
        super().__init__()
        # So that a closed terminal is noticed, not waited on.
        keep_writing_when_gone(self.driver_class)
        self.files = Files(self, files, tuning, parts)
        self.view = View(dayfirst=dayfirst)
        #: The keys the reader's settings file gives bindings, by id (`_apply_config`).
        self.keys: dict[str, str] = {}
        self._first = timeline
        self._start = {
            "at": at,
            "end": end,
            "filter_args": list(filter_args),
            "search": search,
            "lanes": lanes,
            "warnings": list(warnings),
        }
        self.poll = poll
        self.problems: list[Problem] = list(broken)
        self._broken_start = bool(broken)  # no timeline yet: the first good load is the first
        self._previewing = False  # part of a very large file is shown while it loads
        self._said_cache_unused = False
        self.startup_problems: list[Problem] = []
        self.collector = IdleCollector(self._building)
        self.last_input = float("-inf")
        """When the reader last pressed a key or used the mouse (`time.monotonic()`):
        work in threads waits for a pause (`threads.waiting_for_the_reader`)."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _INPUT) and not event.is_forwarded:
            self.last_input = time.monotonic()
        await super().on_event(event)

    def get_default_screen(self) -> Screen[object]:
        narrow = self.size.width < NARROW
        return TimelineScreen(self.view, self.collector, narrow=narrow, mounted=self._show_first)

    @property
    def main(self) -> TimelineScreen:
        """The main screen (the rail and the detail pane): the bottom of the stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, TimelineScreen)
        return screen

    def on_mount(self) -> None:
        if self.collector.start():
            self.set_interval(IdleCollector.TICK, self.collector.tick)
        if self.poll:
            self.files.watch()
        if _on_terminal():
            self.set_interval(TERMINAL_CHECK, self._check_terminal)
            # A closed terminal leaves as q does: a load under way then stops its helper
            # processes, and a cache entry being written is removed, not left half done.
            with contextlib.suppress(AttributeError, NotImplementedError, RuntimeError):
                asyncio.get_running_loop().add_signal_handler(
                    signal.SIGHUP, lambda: self.exit(return_code=EXIT_HANGUP)
                )

    def _apply_config(self) -> None:
        """The reader's theme, keys and pane split (timeline/ui/config.py); mistakes in
        the file are shown, located, and the defaults kept."""
        from timeline.ui.config import load_config

        ids = {b.id: b.key for b in (*READING, *self.BINDINGS) if isinstance(b, Binding) and b.id}
        config = load_config(self.available_themes, ids)
        if config.theme:
            self.theme = config.theme
        if config.keys:
            self.set_keymap(config.keys)
            self.keys = dict(config.keys)
        if config.split:
            self.main.set_split(config.split)
        for problem in config.problems:
            self.notify(str(problem), title="Settings", severity="error", timeout=20)

    def _show_first(self) -> None:
        """The main screen is mounted: show the timeline, or load it."""
        self._apply_config()
        if self._broken_start:
            self.main.show_broken(self.problems)
        elif self._first is None:
            self.main.show_loading(True, self.files.names)
            # After the first frame: the loader's thread would slow it down.
            self.call_after_refresh(self.files.load, True)
        else:
            self.main.show_first(self._first, **self._start)  # type: ignore[arg-type]

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
        busy = ("load", "index", "verify")
        return any(w.group in busy and not w.is_finished for w in self.workers)

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

    # ------------------------------------------------------------------ loads

    def loaded(self, result: LoadResult, first: bool) -> None:
        """Show what a load gave: the timeline, or the problems that stopped it."""
        main = self.main
        previewing, self._previewing = self._previewing, False
        if first and not previewing:  # the part shown took the progress bar's place
            main.show_loading(False)
        if result.timeline is None:
            if previewing:
                main.drop_part()  # nothing of a file that does not load stays on screen
            if first and result.unreadable:
                self.startup_problems = result.problems
                self.exit(return_code=2)
                return
            if first or self._broken_start:
                # Broken, not unreadable: shown, and a save that fixes it is awaited.
                self._broken_start = True
                self.problems = result.problems
                main.show_broken(result.problems)
                return
            self.files_missing(result.problems)
            return
        self.say_cache_unused()
        # Files held back (broken, shown as they last loaded) keep their errors listed.
        self.files_missing(result.errors, held=result.held)
        if previewing:
            main.show_whole(result.timeline, result.warnings)
        elif first or self._broken_start:
            self._broken_start = False
            start = {**self._start, "warnings": result.warnings}
            main.show_first(result.timeline, **start)  # type: ignore[arg-type]
        else:
            main.show_reload(result.timeline, result.warnings, held=result.held)

    def say_cache_unused(self) -> None:
        """Say, once, that a large file was read without the cache when it could not be
        used there (XDG_CACHE_HOME naming a file), or its entry could not be written
        (a folder not writable, a full disk): every open reads it in full."""
        said = cache_unused.went_without()
        if said and not self._said_cache_unused:
            self._said_cache_unused = True
            self.notify(said[0].upper() + said[1:] + ".", title="Cache", severity="warning")

    @on(Progressed)
    def _progress(self, message: Progressed) -> None:
        self.main.show_progress(message.fraction)

    @on(Previewed)
    def _previewed(self, message: Previewed) -> None:
        # Only for a plain first open: where the reader asked to start (an event, a
        # date, a filter, a search, the lanes view) is known once everything is read.
        start = self._start
        asked = start["at"] or start["end"] or start["filter_args"] or start["search"]
        if asked or start["lanes"] or self._broken_start or self.view.timeline is not None:
            return
        self._previewing = True
        self.main.show_preview(message.timeline, message.read, message.total)

    def files_missing(self, problems: list[Problem], held: Sequence[str] = ()) -> None:
        """Show problems with the files (a broken save, a file gone); the last good
        timeline stays on screen, or, of several files, the last good version of those
        `held` back beside the others' new ones."""
        self.problems = problems
        self.main.show_problems(problems, held=held)

    def action_reload(self) -> None:
        """Reload the files now (not while they are first read: they are being read)."""
        if not self.files.reload():
            self.notify("Still reading the file; r reloads it once it is shown.", timeout=3)

    def exit(
        self,
        result: int | None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        """Leave (q, Ctrl+C, a closed terminal), giving up the viewer's work in threads
        at once: Textual cancels workers only after it has waited for its input thread,
        and meanwhile they held the interpreter from the exit (0.54 s from q to exit
        while a first open of 1,000,000 events was cached, against 0.39 s on
        events.toml). Each stops at its next slice, and removes what it had begun."""
        self.workers.cancel_all()
        super().exit(result, return_code, message)

    async def action_quit(self) -> None:
        """Quit: with exit status 1, and the problems printed, while the files are broken,
        so a script that opened the viewer still sees the failure."""
        errors = [p for p in self.problems if p.severity == "error"]
        if errors:
            self.startup_problems = self.problems
        self.exit(return_code=1 if errors else 0)

    # ------------------------------------------------------------------ the editor

    def action_edit(self) -> None:
        """Open the reader's editor at the first problem, else at the selected event;
        the file is checked again as soon as the editor closes. A file that is gone is
        said to be, never opened: the editor would show it empty, as a new file."""
        from timeline.text import file_name
        from timeline.ui.editor import EditorError, editor_command

        file, line = self._edit_target()
        if not file:
            return
        if not os.path.exists(file):
            self.notify(
                f"{file_name(file)} was deleted or moved: there is nothing to open. Put it "
                "back and the viewer loads it again; the last version loaded stays meanwhile.",
                title="e",
                severity="warning",
                timeout=8,
            )
            return
        try:
            command = editor_command(file, line)
        except EditorError as exc:
            self.notify(str(exc), title="e", severity="error", timeout=8)
            return
        if self._run_suspended(command):
            self.files.check()

    def _edit_target(self) -> tuple[str, int]:
        """(file, line) to edit: the first problem, as the list of them says (its line,
        else the file's top), else the selected event."""
        from timeline.ui.editor import first_error

        problem = first_error(self.problems)
        if problem is not None:
            return problem.file, problem.line
        event = self.view.selected
        if event is not None and event.file:
            return event.file, event.line
        names = self.files.names
        return (names[0], 0) if names else ("", 0)

    def _run_suspended(self, command: list[str]) -> bool:
        """Run a program in the terminal, the viewer suspended meanwhile; False (having
        said why) when it cannot run."""
        import subprocess

        from textual.app import SuspendNotSupported

        try:
            try:
                with self.suspend():
                    subprocess.run(command, check=False)
            except SuspendNotSupported:
                if not self.is_headless:
                    self.notify(
                        "This terminal cannot be handed to an editor (is it a browser?).",
                        title="e",
                        severity="warning",
                        timeout=6,
                    )
                    return False
                subprocess.run(command, check=False, stdin=subprocess.DEVNULL)
        except OSError as exc:
            self.notify(f"{command[0]} could not run: {exc}", title="e", severity="error")
            return False
        return True

    # ------------------------------------------------------------------ help and palette

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a link in a web browser, saying so; in a terminal with no browser of
        its own to open it (see timeline/ui/browser.py), say the link instead."""
        if self.is_web:  # `timeline serve`: the reader's browser opens it
            super().open_url(url, new_tab=new_tab)
        else:
            from timeline.ui.browser import opened

            if not opened(url):
                self.notify(
                    f"No web browser to open it here: the link is {one_line(url)}",
                    severity="warning",
                    timeout=8,
                )
                return
        self.notify(f"Opening {one_line(url)}", timeout=2)

    def action_help(self) -> None:
        """Show every key."""
        from timeline.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[tuple[str, str, str]]:
        """(section, keys, description) for every binding, for the help screen."""
        from timeline.ui.screens.help import help_rows
        from timeline.ui.widgets.detail import Detail
        from timeline.ui.widgets.lanes import Lanes
        from timeline.ui.widgets.rail import Rail

        rows: list[tuple[str, str, str]] = []
        # The wheel scrolls the list and the detail pane but zooms the lanes: each
        # view's section says what the mouse does there.
        for section, bindings, mouse in (
            ("Timeline", Rail.BINDINGS, Rail.MOUSE),
            ("Detail pane (after Tab)", Detail.BINDINGS, Detail.MOUSE),
            ("Lanes view (after v)", Lanes.BINDINGS, Lanes.MOUSE),
        ):
            rows += help_rows([(section, bindings)], self.keys)
            rows.append((section, "mouse", mouse))
        rows += help_rows([("Anywhere", READING)], self.keys)
        rows.append(("Anywhere", "Ctrl+P", "Command palette: every action, themes"))
        return rows

    def action_switch_pane(self) -> None:
        """Move focus between the timeline, the detail pane and the list of a broken
        save's errors when it is shown."""
        main = self.main
        if self.screen is not main:
            self.screen.focus_next()
            return
        shown = main.timeline_widget  # the lanes in the lanes view, else the rail
        panel = main.problems_panel
        order: list[Widget] = [shown, main.detail, *([panel] if panel is not None else [])]
        at = order.index(self.focused) if self.focused in order else -1
        order[(at + 1) % len(order)].focus()

    def go_to_position(self, position: int) -> None:
        """Select the event at this position on the rail (the palette's "Go to")."""
        self.main.go_to_position(position)

    def go_to_hidden(self, index: int) -> None:
        """Clear the filters and select this event of the timeline (the palette's "Go
        to" an event they hide)."""
        self.main.action_clear_filter()
        self.main.go_to_position(index)  # every event shown, in the timeline's order

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from timeline.ui.screens.help import key_label

        yield from super().get_system_commands(screen)
        for binding in READING:
            if isinstance(binding, Binding) and binding.action != "app.quit" and binding.show:
                action = binding.action
                # Under its name, what it does and its key: the name again read as
                # each command listed twice ("Back", then "Back (Backspace)").
                yield SystemCommand(
                    binding.description,
                    f"{binding.tooltip or binding.description} "
                    f"({key_label(self.keys.get(binding.id or '', binding.key))})",
                    lambda action=action: self.main.run_action(action),
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
    lanes: bool = False,
    broken: Sequence[Problem] = (),
    warnings: Sequence[Problem] = (),
    parts: Mapping[str, LoadResult] | None = None,
) -> int:
    """Run the viewer until the reader quits; returns the exit code."""
    refused = _no_terminal()
    if refused is not None:
        from timeline.cli.exits import EXIT_USAGE
        from timeline.text import shell_word
        from timeline.ui.editor import as_argument

        # Each name as a shell reads it back, its bytes that are not UTF-8 too: the
        # commands are there to be pasted.
        shown = " ".join(shell_word(as_argument(str(name))) for name in files)
        print(
            f"timeline: error: the viewer reads its keys from a terminal, and {refused}; "
            f"`timeline print {shown}` prints the timeline, `timeline check {shown}` checks it",
            file=sys.stderr,
        )
        return EXIT_USAGE
    app = TimelineApp(
        files,
        timeline,
        at=at,
        end=end,
        filter_args=filter_args,
        search=search,
        dayfirst=dayfirst,
        lanes=lanes,
        broken=broken,
        warnings=warnings,
        parts=parts,
    )
    app.run()
    for problem in app.startup_problems:
        print(problem, file=sys.stderr)
    return app.return_code or 0
