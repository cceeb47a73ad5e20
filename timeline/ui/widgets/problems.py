"""Below the panes after a broken save: what is wrong, located as `timeline check` says it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from timeline.problems import Problem
from timeline.text import clean

#: Problems listed; beyond, a line says how many more.
SHOWN = 8


class ProblemsPanel(Static):
    """The errors of the last load, while the last good timeline stays on screen."""

    def __init__(self) -> None:
        super().__init__("", id="problems")

    def show_problems(self, problems: list[Problem], *, shown: bool = True) -> None:
        """List the errors among `problems`, or hide the panel when there are none;
        `shown` says whether a last good version of the timeline is on screen."""
        errors = [p for p in problems if p.severity == "error"]
        if not errors:
            self.display = False
            return
        text = Text()
        if shown:
            heading = (
                "The file has problems; the last good version stays on screen until they are fixed."
            )
        else:
            heading = "The file has problems: fix them and save, and the timeline appears."
        text.append(f"{heading} e opens your editor at the first.\n", style="bold")
        for problem in errors[:SHOWN]:
            text.append(clean(str(problem)) + "\n")
        if len(errors) > SHOWN:
            text.append(f"… and {len(errors) - SHOWN} more (run `timeline check`)\n", style="dim")
        self.update(text)
        self.display = True
