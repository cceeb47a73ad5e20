"""Below the panes after a broken save: what is wrong, located as `timeline check` says it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from timeline.problems import Problem
from timeline.text import ROW_LIMIT, clean, one_line

#: Problems listed; beyond, a line says how many more.
SHOWN = 8


class ProblemsPanel(Static):
    """The errors of the last load, while the last good timeline stays on screen."""

    def __init__(self) -> None:
        super().__init__("", id="problems")

    def show_problems(
        self, problems: list[Problem], *, shown: bool = True, held: Sequence[str] = ()
    ) -> None:
        """List the errors among `problems`, or hide the panel when there are none;
        `shown` says whether a last good version of the timeline is on screen, `held`
        which files are shown as they last loaded, beside the others' new versions."""
        errors = [p for p in problems if p.severity == "error"]
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
        text.append(f"{heading} e opens your editor at the first.\n", style="bold")
        for problem in errors[:SHOWN]:
            text.append(clean(str(problem)) + "\n")
        if len(errors) > SHOWN:
            text.append(f"… and {len(errors) - SHOWN} more (run `timeline check`)\n", style="dim")
        self.update(text)
        self.display = True


def files_named(names: Sequence[str]) -> str:
    """`b.toml`, `b.toml and c.toml`, `b.toml, c.toml and d.toml`: files as given."""
    shown = [one_line(name, ROW_LIMIT) for name in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"
