"""Below the panes after a broken save: what is wrong, located as `timeline check` says it.

The panel takes at most a third of the screen (app.tcss: 12 rows at 35, 8 at 24,
where 12 left the rail no event to show), and errors wrap, so it may show only the
first few: it scrolls (Tab moves the keys to it after the panes, and the detail
pane's keys scroll it), and its top border says how many errors there are in all
and, while some are out of sight, how to reach them. A list cut by the panel's
height, its "… and 6 more" cut with it, said nothing of the rest.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from timeline.problems import Problem
from timeline.text import clean, file_name
from timeline.ui.editor import first_error
from timeline.ui.widgets.lines import SCROLLING

#: Problems listed; beyond, a line says how many more.
SHOWN = 100


class ProblemsPanel(VerticalScroll):
    """The errors of the last load, while the last good timeline stays on screen."""

    BINDINGS: ClassVar[list[BindingType]] = [*SCROLLING]

    def __init__(self) -> None:
        super().__init__(id="problems")
        self._list = Static("", id="problems-list")
        self._errors = 0

    def compose(self) -> ComposeResult:
        yield self._list

    @property
    def plain(self) -> str:
        """What the panel lists, as plain text."""
        shown = self._list.render()
        return shown.plain if isinstance(shown, Text) else str(shown)

    def show_problems(
        self, problems: list[Problem], *, shown: bool = True, held: Sequence[str] = ()
    ) -> None:
        """List the errors among `problems`, or hide the panel when there are none;
        `shown` says whether a last good version of the timeline is on screen, `held`
        which files are shown as they last loaded, beside the others' new versions."""
        errors = [p for p in problems if p.severity == "error"]
        self._errors = len(errors)
        if not errors:
            self.display = False
            return
        text = Text()
        if held:
            its = "its" if len(held) == 1 else "their"
            heading = (
                f"{files_named(held)} {'has' if len(held) == 1 else 'have'} problems: "
                f"{its} last good version stays on screen, with the other files as saved, "
                "until they are fixed."
            )
        elif shown:
            heading = (
                "The file has problems; the last good version stays on screen until they are fixed."
            )
        else:
            heading = "The file has problems: fix them and save, and the timeline appears."
        first = first_error(errors)
        # Not when the first is a file that is gone: there is nothing to open (`e` says so).
        if first is not None and os.path.exists(first.file):
            heading += " e opens your editor at the first."
        text.append(heading + "\n", style="bold")
        for problem in errors[:SHOWN]:
            text.append(clean(str(problem)) + "\n")
        if len(errors) > SHOWN:
            text.append(f"… and {len(errors) - SHOWN} more (run `timeline check`)\n", style="dim")
        text.rstrip()  # no blank line below the last
        self._list.update(text)
        self.display = True
        self.scroll_home(animate=False)
        self._name_it()
        self.call_after_refresh(self._name_it)  # once the list is laid out

    def on_mount(self) -> None:
        # Watched, not handled as Focus and Blur: those reach a subclass before the
        # widget has set `has_focus`.
        self.watch(self, "has_focus", self._name_it, init=False)
        self.watch(self, "scroll_y", self._name_it, init=False)

    def on_resize(self) -> None:
        self._name_it()

    def _name_it(self) -> None:
        """The count in the top border, which never scrolls away; while errors are
        out of sight below, how to read them (Tab first, while the keys are elsewhere)."""
        said = f" {self._errors} error{'s' if self._errors != 1 else ''}"
        if self.scroll_y < self.max_scroll_y - 0.5:  # (an animation may end a hair short)
            said += "; more below: ↓" if self.has_focus else "; more below: Tab to here, then ↓"
        self.border_title = said + " "


def files_named(names: Sequence[str]) -> str:
    """`b.toml`, `b.toml and c.toml`, `b.toml, c.toml and d.toml`: files as given, each
    as messages name it (`file_name`)."""
    shown = [file_name(name) for name in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"
