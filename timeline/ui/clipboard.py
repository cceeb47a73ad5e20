"""What `y` and `Y` copy, where else it goes, and when the terminal will not take it.

The viewer copies through the terminal (OSC 52), which works over ssh and in tmux with
`set-clipboard on`, but several terminals ignore it without a word. So every copy is also
written to a file only the user can read, and a terminal known to ignore OSC 52 is named
in the message, with where the text is.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def ignores_osc52(env: Mapping[str, str] = os.environ) -> str:
    """The name of the terminal if it is one known to ignore OSC 52, else ""."""
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return "Apple's Terminal"
    if env.get("VTE_VERSION") and not env.get("TMUX"):
        return "this VTE terminal (GNOME Terminal, Tilix…)"
    if env.get("TERM") == "linux":
        return "the Linux console"
    return ""


def copy_file(env: Mapping[str, str] = os.environ) -> Path:
    """Where the last copy is kept: in $XDG_RUNTIME_DIR, else a private temporary folder."""
    runtime = env.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path(tempfile.gettempdir()) / f"timeline-{os.getuid()}"
    return base / "timeline-clipboard.txt"


def keep_copy(text: str, env: Mapping[str, str] = os.environ) -> Path | None:
    """Write what was copied to `copy_file()` (mode 0600); None when it cannot be written.

    The text is the clipboard's (`timeline.text.clipboard`), as written but for the
    control characters a paste acts on: to be opened in an editor or handed to a
    clipboard tool (`wl-copy <`, `xclip -selection clipboard <`, `pbcopy <`). Shown
    with `cat`, a bidi override in a quote would reorder the line on the screen."""
    path = copy_file(env)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.parent.stat().st_uid != os.getuid():
            return None  # a folder someone else made in /tmp: not ours to write in
        # Never through a link: another user could point one at a file of ours.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError:
        return None
    return path
