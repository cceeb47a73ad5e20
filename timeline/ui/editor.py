"""The reader's editor, opened at a line (`e` in the viewer).

The command comes from `$VISUAL`, else `$EDITOR` (split as a shell would split words,
but never run through a shell), else the first of `editor`, `nano` and `vi` found.
Most terminal editors take the line as `+LINE FILE` (vi, vim, nvim, nano, emacs, micro,
kakoune, joe, mg); the few that do not are listed here with their own form. A file
is named so that no editor takes it for an option or a command (`as_argument`).
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping, Sequence

from timeline.problems import Problem

#: Editors that want `FILE:LINE` rather than `+LINE FILE`, and the words before it.
_COLON_FORM = {
    "code": ["-g"],
    "code-insiders": ["-g"],
    "codium": ["-g"],
    "subl": [],
    "hx": [],
    "helix": [],
    "zed": [],
}
#: Tried in order when neither $VISUAL nor $EDITOR is set.
FALLBACKS = ("editor", "nano", "vi")


def first_error(problems: Sequence[Problem]) -> Problem | None:
    """The first error that names a file, as the list of problems shows them: where `e`
    goes while the files are broken (its line, else the file's top)."""
    return next((p for p in problems if p.severity == "error" and p.file), None)


def as_argument(path: str) -> str:
    """A path as a program reads it among its arguments: a relative one that starts
    with `-` or `+` gets `./` before it, which every program reads as a file (vi ran
    `+desk.toml` as a command; `--` would do only for the programs that know it)."""
    if path.startswith(("-", "+")):
        return f"./{path}"
    return path


class EditorError(Exception):
    """No editor can be run; the message says what to set."""


def editor_command(
    file: str,
    line: int,
    env: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """The command that opens `file` at `line` (0: its top) in the reader's editor.

    Raises:
        EditorError: $VISUAL or $EDITOR cannot be read or names no program found,
            or neither is set and no fallback is installed.
    """
    raw = env.get("VISUAL") or env.get("EDITOR") or ""
    if raw.strip():
        try:
            words = shlex.split(raw)
        except ValueError as exc:
            name = "VISUAL" if env.get("VISUAL") else "EDITOR"
            raise EditorError(f"${name} cannot be read ({exc}): {raw!r}") from None
        if not words or which(words[0]) is None:
            name = "VISUAL" if env.get("VISUAL") else "EDITOR"
            raise EditorError(
                f"${name} names {words[0] if words else raw!r}, which is not installed"
            )
    else:
        found = next((name for name in FALLBACKS if which(name) is not None), None)
        if found is None:
            raise EditorError("no editor: set $VISUAL or $EDITOR (for example EDITOR=nano)")
        words = [found]
    program = os.path.basename(words[0])
    colon = _COLON_FORM.get(program)
    file = as_argument(file)
    if line <= 0:
        return [*words, file]
    if colon is not None:
        return [*words, *colon, f"{file}:{line}"]
    return [*words, f"+{line}", file]
