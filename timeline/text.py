"""Making text from a timeline file safe to show.

File text is data: Rich markup in it (`[bold]`, `[/]`, `[link=...]`) is never
interpreted, and nothing in it can drive the terminal. Control characters, and
characters that show nothing (a zero-width space), are shown as visible stand-ins
rather than dropped, so a reader can see that the file holds them and nothing is
silently changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional embedding,
# override and isolate marks that can reorder what a line appears to say, and the
# Unicode line and paragraph separators (some terminals and editors break lines there).
_CONTROLS = (
    "\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069"
)

# Characters that show nothing: "Sales\u200bforce" looks like "Salesforce" and is not
# found by a search for it, and tag characters can carry a whole hidden sentence. The
# zero-width space, word joiner and invisible operators, the zero-width no-break space
# (a byte order mark inside text), the Mongolian vowel separator.
_INVISIBLE = "\u180e\u200b\u2060-\u2064\ufeff"
# Joiners do a job between emoji (👩‍👩‍👧‍👦 is one picture) and between the letters of scripts
# that join (Persian writes ZWNJ inside words, Indic scripts choose a conjunct with
# ZWJ): there they stay. Anywhere else they are invisible and shown.
_EMOJI = (
    "\u203c\u2049\u2122\u2139\u2190-\u21ff\u2300-\u23ff\u24c2\u25a0-\u27bf"
    "\u2934\u2935\u2b00-\u2bff\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff"
)
# Hebrew to N'Ko (without U+061C, a bidi mark), the Indic scripts, Sinhala, Thai to
# Myanmar, Khmer, Mongolian, the Arabic presentation forms (without U+FEFF).
_JOINING = (
    "\u0590-\u061b\u061d-\u07ff\u0800-\u0dff\u0e00-\u109f\u1780-\u18af"
    "\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufefc"
)
# A joiner stays with an emoji or a letter of such a script on both sides. Each
# pattern starts with the joiner, and looks around only once it has found one: a
# lookbehind tried at every character made `clean` twenty times slower.
_STRAY_JOINER = (
    f"\u200d(?!(?<=[{_EMOJI}]\u200d)[{_EMOJI}])(?!(?<=[{_JOINING}]\u200d)[{_JOINING}])"
    f"|\u200c(?!(?<=[{_JOINING}]\u200c)[{_JOINING}])"
)
# Tag characters are invisible; their one use is a subdivision flag (🏴 then lower-case
# letters or digits and a cancel tag, as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 for Scotland), which is kept whole.
_TAG_FLAG = "\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{1,6}\U000e007f"
_TAGS = "[\U000e0000-\U000e007f]"
# Characters that show nothing or a blank but are letters, marks or symbols to Python
# (`str.isprintable`), so the check for the rest below does not find them: the Hangul
# fillers (U+3164 is drawn two cells wide where one is counted), the combining
# grapheme joiner, Khmer's invisible inherent vowels, the blank braille pattern.
BLANKS = "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0"


def _hidden(char: str) -> bool:
    """Whether `clean` shows this character as a stand-in although `_Unsafe.pattern`
    does not find it: format characters (a soft hyphen, interlinear annotation marks,
    the deprecated U+206A-U+206F), private use, surrogates, noncharacters and code
    points not assigned in this Python's Unicode.

    Those are what `str.isprintable` refuses beyond controls and spacing; none shows as
    itself, and terminals disagree with Rich on the width of some (U+E000, U+FFF9 moved
    the rail's pane divider a cell). Joiners and tag characters are left to the
    pattern, which keeps them inside emoji, joining scripts and flags.
    """
    if char.isprintable() or char.isspace() or char in "\u200c\u200d":
        return False
    return not "\U000e0000" <= char <= "\U000e007f"


def _may_hide(text: str) -> bool:
    """False when the text holds nothing `_hidden` finds, as most does: checked in C."""
    # `isprintable` is False for whitespace too, which is what most text that fails it
    # holds (a quote's line breaks): without it, only the characters to look at are left.
    if text.isprintable() or text.replace("\n", " ").isprintable():
        return False
    return not "".join(text.split()).isprintable()


def _show_hidden(text: str) -> str:
    """Text with each character `_hidden` finds as its stand-in."""
    # Only the distinct characters are looked at; a text holds few of them.
    found = {ord(char): f"<U+{ord(char):04X}>" for char in set(text) if _hidden(char)}
    return text.translate(found) if found else text


class _Unsafe:
    """What `clean` replaces: one character class finds whether there is anything to look
    at (most text has nothing), the full pattern what to replace, and `_show_hidden`
    the characters no class lists.

    The patterns are compiled when first needed: compiling them took 3 ms of every
    start-up, for text that seldom holds anything they would find.

    With `terminal` false, neither `BLANKS` nor what `_hidden` finds: for pages written
    to files (HTML, Markdown), whose readers draw soft hyphens and private-use icons as
    their authors meant, and which keep such characters as the other exports do.
    """

    def __init__(self, controls: str, *, terminal: bool = True) -> None:
        self.controls = controls + (BLANKS if terminal else "")
        self.terminal = terminal

    @cached_property
    def suspect(self) -> re.Pattern[str]:
        return re.compile(f"[{self.controls}{_INVISIBLE}\u200c\u200d\U000e0000-\U000e007f]")

    @cached_property
    def blank(self) -> re.Pattern[str]:
        return re.compile(f"[{BLANKS}]")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # The flag comes first, so that its tags are matched (and kept) as part of it.
        controls = self.controls
        return re.compile(f"{_TAG_FLAG}|[{controls}{_INVISIBLE}]|{_STRAY_JOINER}|{_TAGS}")

    def sub(self, text: str) -> str:
        # Printable text (most titles) holds no control, format character, private use
        # or unassigned code point, only perhaps a blank: one check in C, and ASCII
        # text needs no more.
        if text.isprintable():
            if not self.terminal or text.isascii() or self.blank.search(text) is None:
                return text
            return self.pattern.sub(_stand_in, text)
        if self.suspect.search(text) is not None:
            text = self.pattern.sub(_stand_in, text)
        if self.terminal and _may_hide(text):
            return _show_hidden(text)
        return text

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.suspect.search(text) is None:
            return iter(())
        return self.pattern.finditer(text)

    def hides(self, text: str) -> bool:
        """Whether the text holds a character `_show_hidden` would replace."""
        if not self.terminal or not _may_hide(text):
            return False
        return any(_hidden(char) for char in set(text))


_UNSAFE = _Unsafe(_CONTROLS)
# The same, with tab and newline too: for text that must stay on one line as it is.
_UNSAFE_INLINE = _Unsafe(_CONTROLS + "\t\n")
# For pages written to files: see `_Unsafe`.
_UNSAFE_PAGE = _Unsafe(_CONTROLS, terminal=False)


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


# What a shell reads as a word of its own, unquoted: letters, digits and `@%+=:,./-_`
# (as `shlex.quote` has it, but for letters of every script).
_SHELL_PLAIN = re.compile(r"[\w@%+=:,./-]+")
# How bash writes a control character in `$'...'`, where it has a name for it.
_NAMED_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\E",
    "\\": "\\\\",
    "'": "\\'",
}


def file_name(name: str) -> str:
    """A file's name or path as every message and output shows it: as it is when it
    is plain, else quoted whole as bash reads it back (`_shell_quoted`).

    Plain is every character showing as itself (no byte that is not UTF-8, nothing
    `visible` would show as a stand-in), no backslash, and no start that reads as
    quoting (`'`, `$'`). So an escape (`\\xe9`) is only ever seen inside `$'...'`:
    `café.toml` saved by a Latin-1 system is `$'caf\\xe9.toml'`, a file really named
    with a backslash `'caf\\xe9.toml'`, and neither can be taken for the other. Either
    can be pasted into a shell (`timeline check $'caf\\xe9.toml'`), and nothing in it
    acts on a terminal. Spaces and other characters a shell would want quoted are left
    as they are, as compilers and git name files: `my notes.toml:3:1: error: ...` stays
    what tools that read `FILE:LINE:COL` read, and what the reader typed.
    """
    return name if _plain(name) else _shell_quoted(name)


def file_title(name: str) -> str:
    """The title of a timeline whose file gives none: the file's name without its
    folders and extension, as `file_name` shows a name (`$'caf\\xe9'` for `café.toml`
    saved by a Latin-1 system: a byte that is not UTF-8 is no character a title could
    hold, and `caf<U+DCE9>` named one it does not)."""
    return file_name(PurePath(name).stem)


def shell_word(name: str) -> str:
    """A file's name as a shell word for a command shown to be pasted
    (`timeline print $'caf\\xe9.toml'`): as `file_name` shows it, and quoted also when
    a shell would read it otherwise (a space, `$`, `*`, a quote...), as `shlex.quote`
    would but for the bytes and characters it cannot write (`_shell_quoted`)."""
    if _plain(name) and _SHELL_PLAIN.fullmatch(name) is not None:
        return name
    return _shell_quoted(name)


def _plain(name: str) -> bool:
    """Whether `file_name` shows the name as it is. (`visible` shows a byte that is not
    UTF-8, a lone surrogate, as a stand-in too; most names it checks in C.)"""
    return "\\" not in name and not name.startswith(("'", "$'")) and visible(name) == name


def _shell_quoted(name: str) -> str:
    """The name quoted whole as bash reads it back: `'...'` when every character shows
    as itself, else `$'...'` with each byte that is not UTF-8 as `\\xe9`, a quote and
    a backslash escaped, and every character `visible` would show as a stand-in as its
    escape (`\\n`, `\\E`, `\\u202e`): exact, and inert on a terminal."""
    if "'" not in name and visible(name) == name:
        return f"'{name}'"
    return "$'" + "".join(map(_escaped, name)) + "'"


def _escaped(char: str) -> str:
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    # A byte of the name that is not UTF-8 (`café.toml` saved by a Latin-1 system):
    # Python reads each as a lone surrogate from U+DC80 to U+DCFF (`os.fsdecode`).
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if visible(char) == char:
        return char
    if code < 0x80:  # another C0 control, DEL: the byte is the character
        return f"\\x{code:02x}"
    # Written in full (bash reads up to 4 or 8 digits), so that no digit after it joins.
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_unsafe_raw(char: str) -> bool:
    """Whether `escape_unsafe` would escape this character."""
    return _UNSAFE_RAW.match(char) is not None


#: What `_stand_in` writes for a character that has no picture: `<U+00AD>`.
STAND_IN = re.compile(r"<U\+([0-9A-F]{4,6})>")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    if len(char) > 1:
        return char  # a subdivision flag, kept
    return stand_in(char)


def stand_in(char: str) -> str:
    """The stand-in `clean` shows for one character: its control picture, or `<U+XXXX>`."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def stood_in(shown: str) -> str | None:
    """The character a stand-in of `mark_page` stands for, or None when `shown` is not
    exactly the stand-in of a character a page shows as one."""
    match = STAND_IN.fullmatch(shown)
    if match is not None:
        code = int(match.group(1), 16)
        if code > 0x10FFFF:
            return None
        char = chr(code)
    elif shown == "\u2421":
        char = "\x7f"
    elif len(shown) == 1 and "\u2400" <= shown <= "\u241f":
        char = chr(ord(shown) - 0x2400)
    else:
        return None
    if stand_in(char) != shown or _UNSAFE_PAGE.pattern.fullmatch(char) is None:
        return None
    return char


def mark_page(text: str, mark: Callable[[str], str]) -> str:
    """Text with each character `clean_page` shows as a stand-in written as `mark`
    writes it: for pages that must read back exactly, where a stand-in cannot be told
    from the same words written by hand without markup around it (TimelineJS)."""
    if text.isprintable() or _UNSAFE_PAGE.suspect.search(text) is None:
        return text

    def marked(match: re.Match[str]) -> str:
        found = match.group()
        return found if len(found) > 1 else mark(found)  # a subdivision flag, kept

    return _UNSAFE_PAGE.pattern.sub(marked, text)


def json_unseen(text: str) -> str:
    """JSON text with each character `mark_page` marks (a page shows it as a stand-in:
    a zero-width space, a word joiner, a bidi override, a control, a tag, a stray
    joiner) written as its `\\uXXXX` escape, a surrogate pair beyond U+FFFF.

    For JSON that rides unseen inside a page (TimelineJS's hidden data): whoever opens
    the file or the spreadsheet cell sees that it holds them, as the slide's own text
    shows them, and a JSON reader reads back the very characters. Only valid where
    such characters can be in JSON text, inside its strings.
    """
    return mark_page(text, _json_escape)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def clean(text: str) -> str:
    """Replace every character that could control the terminal, or that shows nothing,
    with a visible stand-in.

    Carriage returns before a newline are dropped (Windows line ends); any other
    control character becomes its Unicode control picture or `<U+XXXX>`, and so do
    zero-width spaces, tag characters and joiners that join nothing (those inside an
    emoji or a word of a joining script stay), every other format character (a soft
    hyphen too: it shows nothing unless a line breaks at it, and the file holds it),
    the Hangul fillers, the blank braille pattern, private use, noncharacters and
    unassigned code points.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _UNSAFE.sub(text)


def visible(text: str) -> str:
    """Every control character, newlines and tabs included, as a visible stand-in.

    For file text inside a one-line message (`FILE:LINE:COL: error: ...`): a newline
    there would start what looks like a problem of its own, so it shows as ␊ instead.
    """
    return _UNSAFE_INLINE.sub(text)


# What `clipboard` shows as stand-ins: the control characters a shell or a terminal acts
# on in pasted text (C0 but tab and the line ends, DEL, C1), and lone surrogates, which
# UTF-8 cannot carry (OSC 52 and the copy kept in a file are UTF-8). Compiled when first
# needed, as `_Unsafe`'s patterns are.
_PASTED: re.Pattern[str] | None = None


def clipboard(text: str) -> str:
    """Text for the clipboard: as written, but for the control characters a paste acts on.

    What is copied is pasted into shells and editors: an escape in it could end a
    bracketed paste (`ESC [ 201 ~`) and have the shell run what follows, a DEL erase
    what came before, a Ctrl+C stop the line. No published text holds them, so they
    show as their stand-ins (ESC as ␛), which also says that the file holds them.

    Everything else is copied exactly, though the screen shows some of it as stand-ins
    (`clean`): line breaks as written (a Windows line end, a lone carriage return, a
    line separator), tabs, no-break spaces, zero-width spaces, soft hyphens, bidi marks
    and overrides (an Arabic or Hebrew quote needs them; a right-to-left override
    pasted reorders the words as the source showed them), tag characters, private use.
    A pasted "Sales\u200bforce" reading "Sales<U+200B>force" was not the quote. The
    fields the screen shows on one line (a title, a speaker, a source) are copied the
    same way, line breaks too: a title's carriage return, which the screen shows as ␍,
    was pasted as a space, and the paste was not what the file holds.

    A line break or carriage return pasted into a shell without bracketed paste runs
    the line before it, as a quote's own line breaks always could: it is the text. The
    viewer sends the copy to the terminal in base64 (OSC 52), where no character of it
    can end the sequence.
    """
    global _PASTED
    if text.isprintable():  # no control, format character or surrogate: checked in C
        return text
    if _PASTED is None:
        _PASTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
    return _PASTED.sub(_stand_in, text)


def is_clean(text: str) -> bool:
    """True when `clean` would leave the text unchanged."""
    if "\r\n" in text:
        return False
    # A subdivision flag is the one match that `clean` keeps.
    return all(len(match.group()) > 1 for match in _UNSAFE.finditer(text)) and not (
        _UNSAFE.hides(text)
    )


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


def paragraphs(text: str) -> list[list[str]]:
    """Prose as its author wrote it: paragraphs (split at blank lines), each a list of
    its lines, stripped (the text given is cleaned already: `clean`, `clean_page`).
    Every view keeps the paragraphs of a context, a summary, notes, and their lines
    (a list, an address), each wrapped to the view's width; a line wrapped only for
    the editor ends with TOML's backslash, which leaves no line break."""
    blocks = text.strip().replace("\r\n", "\n").split("\n")
    found: list[list[str]] = []
    lines: list[str] = []
    for line in blocks:
        line = line.strip(" \t")
        if line:
            lines.append(line)
        elif lines:
            found.append(lines)
            lines = []
    if lines:
        found.append(lines)
    return found


def clean_page(text: str) -> str:
    """`clean` for a page written to a file (HTML, Markdown): controls, zero-width
    characters, bidi marks, tags and stray joiners as stand-ins, and the rest kept, a
    soft hyphen or a private-use icon as its author meant it (see `_Unsafe`)."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _UNSAFE_PAGE.sub(text)


def one_line_page(text: str) -> str:
    """`one_line` for a page written to a file, cleaned as `clean_page` does."""
    return " ".join(clean_page(text).split())


# What terminals draw at different widths. tmux 3.3a draws 🏳️‍🌈 in one cell and 👍🏽 in
# four where Rich counts two (measured with the cursor position it reports); a terminal
# that does not join emoji draws 👩‍👩‍👧‍👦 in eight. Without them each part is one picture,
# as wide in every terminal as Rich counts it.
_DISPUTED_WIDTH = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")


def steady_width(text: str) -> str:
    """Text (already `one_line`) for a row laid out in columns: emoji sequences as their
    parts, without the joiners, emoji selectors and skin tones whose width terminals
    disagree on ("👩‍👩‍👧‍👦" as "👩👩👧👦", "🏳️‍🌈" as "🏳🌈", "👍🏽" as "👍").

    A cell more or less than Rich counted moves everything after it on the terminal's
    line: the rail's speaker column and the pane divider beside it. Places that show a
    field whole (the detail pane, the clipboard, exports) keep it as written.
    """
    if _DISPUTED_WIDTH.search(text) is None:
        return text
    return _DISPUTED_WIDTH.sub("", text)
