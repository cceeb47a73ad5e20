"""Making text from a timeline file safe to show.

File text is data: Rich markup in it (`[bold]`, `[/]`, `[link=...]`) is never
interpreted, and nothing in it can drive the terminal. Control characters are
shown as visible stand-ins rather than dropped, so a reader can see that the
file holds them and nothing is silently changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional embedding,
# override and isolate marks that can reorder what a line appears to say, and the
# Unicode line and paragraph separators (some terminals and editors break lines there).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)
# The same, with tab and newline too: for text that must stay on one line as it is.
_UNSAFE_INLINE = re.compile(
    "[\x00-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]"
)


# What escaping formats (JSON, TOML) can write as \uXXXX although their libraries leave
# it raw: DEL, C1, bidi marks and line separators (C0 is escaped by both already).
_UNSAFE_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


def escape_unsafe(text: str) -> str:
    """JSON or TOML text with what a terminal acts on written as `\\uXXXX` escapes.

    Lossless (both formats read the escape as the character) and only valid inside
    their strings, which is where such characters can be, since neither format's own
    syntax uses them. So the output is exact for programs and inert on a screen.
    """
    return _UNSAFE_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_unsafe_raw(char: str) -> bool:
    """Whether `escape_unsafe` would escape this character."""
    return _UNSAFE_RAW.match(char) is not None


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


def visible(text: str) -> str:
    """Every control character, newlines and tabs included, as a visible stand-in.

    For file text inside a one-line message (`FILE:LINE:COL: error: ...`): a newline
    there would start what looks like a problem of its own, so it shows as ␊ instead.
    """
    return _UNSAFE_INLINE.sub(_stand_in, text)


def clipboard(text: str) -> str:
    """Text for the clipboard, cleaned as the screen is: line breaks and tabs kept.

    What is copied is pasted into shells and editors, so nothing in it may end a
    bracketed paste (`ESC [ 201 ~`) or run a line on its own (a lone carriage return);
    bidi marks could make a pasted command read differently from what runs. Those show
    as their stand-ins, so the copy says what the file held.
    """
    return clean(text)


def is_clean(text: str) -> bool:
    """True when `clean` would leave the text unchanged."""
    return "\r\n" not in text and _UNSAFE.search(text) is None


def safe(text: str, style: str = "") -> Text:
    """A Rich `Text` showing file text literally: no markup, no control characters."""
    # Imported here: messages use this module too, and `check` never needs Rich.
    from rich.text import Text

    return Text(clean(text), style=style)


#: The most of one field a screen row, heading or palette entry shows (`one_line`'s
#: `limit`): no row is this wide, and cleaning and measuring a 10 MB title for every
#: row drawn froze the viewer for seconds.
ROW_LIMIT = 2_000


def one_line(text: str, limit: int = 0) -> str:
    """Clean text folded onto one line, for rows and titles.

    With a `limit`, only that many characters of the text are used and "…" ends the
    line when there was more: for places that show one row of it at most.
    """
    if limit and len(text) > limit:
        return " ".join(clean(text[:limit]).split()) + "…"
    return " ".join(clean(text).split())


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link that is safe to open or to link, else None.

    Refused: any scheme but http(s), and any character the screen would not show as
    itself (controls, C1, bidi marks such as the override in `/\u202egpj.exe`, line
    separators) or any whitespace, so the link opened is exactly the link shown.
    """
    url = url.strip(" \t\n\r\f")  # stray ASCII spacing only: a trailing NEL is refused
    if not url.lower().startswith(("http://", "https://")):
        return None
    if not is_clean(url) or any(char.isspace() for char in url):
        return None
    return url
