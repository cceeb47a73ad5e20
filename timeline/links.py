"""Which URLs from a file a published page may follow: one rule, for every reader and
every writer.

A URL is refused when it has a scheme other than http, https or mailto
(`javascript:alert(1)`, `data:`, `vbscript:`, `file:`), as a browser reads it, or
holds `<`, `>` or `"` (markup, such as an embed code): no export writes it as a link
or as media (the HTML page and TimelineJS's source paragraphs show it as text,
Markdown leaves it out, TimelineJS's media keeps it in the slide's hidden data only),
and every reader (TOML, TimelineJS, its spreadsheet) warns about it at its field
(`refusal`), so nothing is left out of a page without a word. A URL without a scheme
(`pictures/letter.jpg`) is relative to the page, so as safe as the page: TimelineJS's
media may be one, as before; a link is made only of a whole http, https or mailto
address (`link_url`), since a reader goes where it says.

Why markup characters too: TimelineJS puts a media URL that mentions "iframe" or
"blockquote" into the page as HTML (an embed code), so `https://x/"><img
onerror=...>iframe` would run; a URL writes them as %3C, %3E and %22.
"""

from __future__ import annotations

import re

from timeline.text import is_clean

#: The schemes a link or media of an export may have: a web page, a mail address.
SCHEMES = ("http", "https", "mailto")
#: What the viewer opens in a browser (`o`): web pages only.
WEB = ("http", "https")

# A scheme, as RFC 3986 writes it, before the first colon.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_MARKUP = re.compile(r'[<>"]')
# What browsers take away before reading a URL: tabs and line breaks anywhere in it,
# and control characters and spaces at its ends ("java\tscript:" is "javascript:").
_DROPPED = str.maketrans("", "", "\t\n\r")
_ENDS = "".join(map(chr, range(0x21)))
#: A URL `refusal` passes, told by one match in C: what a file's URLs mostly are (an
#: http, https or mailto address, or one without a scheme that a browser could not
#: read as having one). The loader's quick way asks it of every URL: any other goes to
#: the checks.
PLAIN = re.compile(
    r'(?:(?:https?|mailto):[^<>"]*'
    r'|(?![A-Za-z][A-Za-z0-9+.\-]*:)[^\x00-\x20<>"][^\t\n\r<>"]*)?'
)
_LINKED = re.compile(r'(https?|mailto):[^<>"]*')


def scheme(url: str) -> str:
    """The scheme a browser reads in the URL, lowercased ("javascript" for
    " JavaScript:alert(1)" and for "java\\tscript:..."); "" when it has none (a path,
    "example.org/story")."""
    found = _SCHEME.match(url.translate(_DROPPED).strip(_ENDS))
    return found.group(1).lower() if found else ""


def refusal(url: str) -> str:
    """Why no export writes the URL as a link or as media, to follow the URL quoted in
    a warning ("'javascript:alert(1)' is a javascript: URL, ..."); "" when one may."""
    if PLAIN.fullmatch(url):
        return ""
    written = scheme(url)
    if written and written not in SCHEMES:
        return (
            f"is a {written}: URL, not an http, https or mailto address, so no export "
            "makes it a link or media: they show it as text or leave it out"
        )
    markup = _MARKUP.search(url)
    if markup is None:
        return ""
    refused = "so no export makes it a link or media: they show it as text or leave it out"
    if url.strip().startswith("<"):
        return (
            f"is markup (an embed code?), not an address, {refused}; give the address of "
            "what it shows instead"
        )
    char = markup.group()
    return (
        f"holds {char!r}, which a page would read as HTML, {refused}; in a URL, write "
        f"{char} as %{ord(char):02X}"
    )


def link_url(url: str, schemes: tuple[str, ...] = SCHEMES) -> str | None:
    """The URL if it is safe to write as a link, else None: a whole address of one of
    `schemes` that `refusal` passes, showing as itself, with no character the screen
    would not show as itself (controls, C1, bidi marks such as the override in
    `/\u202egpj.exe`, line separators) and no white space, so the link followed is the
    link read. Stray ASCII spacing around it is taken away."""
    url = url.strip(" \t\n\r\f")  # stray ASCII spacing only: a trailing NEL is refused
    plain = _LINKED.fullmatch(url)  # most links: the scheme as written, in one match
    if plain is not None:
        written = plain.group(1)
    elif not url or refusal(url):
        return None
    else:
        written = scheme(url)
    if written not in schemes:
        return None
    # `split` finds whitespace as `str.isspace` does, in C: a loop over the characters
    # took a fifth of an export (two links an event).
    if not is_clean(url) or url.split() != [url]:
        return None
    return url


def safe_url(url: str) -> str | None:
    """`link_url` of a web page only (http or https): what the viewer links and opens."""
    return link_url(url, WEB)
