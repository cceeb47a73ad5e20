"""Making text from a timeline file safe to show.

File text is data: Rich markup in it (`[bold]`, `[/]`, `[link=...]`) is never
interpreted, and nothing in it can drive the terminal. Control characters are
shown as visible stand-ins rather than dropped, so a reader can see that the
file holds them and nothing is silently changed.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional
# embedding, override and isolate marks that can reorder what a line appears to say.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def clean(text: str) -> str:
    """Replace every character that could control the terminal with a visible stand-in.

    Carriage returns before a newline are dropped (Windows line ends); any other
    control character becomes its Unicode control picture or `<U+XXXX>`.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(_stand_in, text)


def is_clean(text: str) -> bool:
    """True when `clean` would leave the text unchanged."""
    return "\r\n" not in text and _UNSAFE.search(text) is None


def safe(text: str, style: str = "") -> Text:
    """A Rich `Text` showing file text literally: no markup, no control characters."""
    return Text(clean(text), style=style)


def one_line(text: str) -> str:
    """Clean text folded onto one line, for rows and titles."""
    return " ".join(clean(text).split())


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link that is safe to open or to link, else None."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    return url
