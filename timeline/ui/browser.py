"""A source link opened in the reader's web browser, from the viewer in a terminal.

Python's `webbrowser` opens a link with whatever it finds: with no display (over ssh,
on a server) a browser that runs in the terminal (lynx, w3m, www-browser), which,
started while the viewer holds the terminal, fights it for the screen and the keys;
with none at all it does nothing, and the viewer said "Opening https://..." all the
same. Those are told apart here, so that the viewer can say the link instead.
"""

from __future__ import annotations

import webbrowser

#: The browsers `webbrowser` runs in the terminal, when there is no display.
IN_THE_TERMINAL = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})


def opened(url: str) -> bool:
    """Open `url` in a web browser that has a window of its own; False when there is no
    such browser here (none, or only one that would run in this terminal)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if getattr(browser, "name", "") in IN_THE_TERMINAL:
        return False
    try:
        return bool(browser.open(url))
    except OSError:
        return False
