"""The text of an archived copy of a source: plain text, HTML or PDF.

The kind is told by the file's extension (`.txt`, `.text`, `.md`; `.html`, `.htm`,
`.xhtml`, `.xht`; `.pdf`), so that a file is always read the same way. Plain text must
be UTF-8. HTML is UTF-8 too unless its own `<meta charset>` says otherwise, and is read
with the project's HTML reader in page mode (`timeline.read.html.read_page`: document
order, scripts and styles dropped, nothing added). A PDF's pages are read with pypdf,
imported only then, and joined by blank lines. The text comes with a way to say where
in the file a passage of it is (`places`), as a reader of the file would look for it.

Every failure is an `ArchiveError` naming the archive and saying what would do: a
missing or unreadable file, one larger than `MAX_ARCHIVE_BYTES`, an unknown extension,
bytes that are not text in the expected encoding, a PDF that cannot be parsed, or an
archive with no text in it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Literal, NamedTuple

from timeline.verify.places import InMarkup, InPages, Lines, Placer

Kind = Literal["text", "html", "pdf"]

#: Archives larger than this are refused rather than read (and `archive` refuses to
#: download more): a saved article is kilobytes, a long report a few megabytes.
MAX_ARCHIVE_BYTES = 32 * 1024 * 1024
#: Why an archive that is not there cannot be read.
NO_SUCH_ARCHIVE = "no such archive; run `timeline archive` or fix the path"

SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xht": "html",
    ".pdf": "pdf",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`,
# looked for where the HTML standard says a browser looks: the first 1024 bytes.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


class ArchiveError(Exception):
    """An archive that cannot be read as text: `path` says which, `message` why."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class ArchiveText(NamedTuple):
    """An archive's text, and where a passage of it is in the file (`places.Placer`);
    and for a web page, where its footnote markers are in the text
    (`timeline.read.html_notes`), which a quote may leave out."""

    text: str
    places: Placer
    notes: tuple[tuple[int, int], ...] = ()
    #: For a web page that hides text from its readers: the page read with that text
    #: kept, made when asked (`with_hidden`).
    hidden: Callable[[], HiddenText] | None = None


class HiddenText(NamedTuple):
    """A web page's text with what it hides from its readers kept, and what hides the
    text of a passage of it (`why(start, end)`: "" when none of it is hidden)."""

    archive: ArchiveText
    why: Callable[[int, int], str]


def kind_of(path: str | Path, name: str | None = None) -> Kind:
    """What an archive holds, from its extension.

    Raises:
        ArchiveError: The extension is not one of `SUFFIXES`.
    """
    suffix = Path(path).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        known = ", ".join(SUFFIXES)
        said = f"extension {suffix!r}" if suffix else "no extension"
        raise ArchiveError(
            name or str(path),
            f"archive has {said}; an archive is plain text, HTML or PDF ({known})",
        )
    return kind


def read_archive(
    path: str | Path, *, name: str | None = None, limit: int = MAX_ARCHIVE_BYTES
) -> ArchiveText:
    """The text of the archive at `path`.

    Args:
        path: The file.
        name: The archive as the user wrote it (`sources/ab12.html`), for messages;
            its extension tells the kind, as the user wrote it, when `path` is the
            file a link of that name leads to.
        limit: The largest file read, in bytes.

    Raises:
        ArchiveError: It cannot be read as text; the message says why.
    """
    shown = name or str(path)
    kind = kind_of(shown)
    data = read_limited(Path(path), shown, limit)
    return text_of(data, kind, shown)


def read_limited(path: Path, name: str, limit: int) -> bytes:
    """The bytes of a file of at most `limit` bytes; ArchiveError otherwise."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ArchiveError(name, NO_SUCH_ARCHIVE) from None
    except IsADirectoryError:
        raise ArchiveError(name, "is a directory; an archive is a file") from None
    except PermissionError:
        raise ArchiveError(name, "permission denied: the archive cannot be read") from None
    except OSError as exc:
        raise ArchiveError(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ArchiveError(
            name, f"is larger than {describe_size(limit)}, the most an archive may be; not read"
        )
    return data


def text_of(data: bytes, kind: Kind, name: str, *, charset: str | None = None) -> ArchiveText:
    """The text of an archive's bytes.

    Args:
        data: The bytes.
        kind: What they are.
        name: The archive, for messages.
        charset: The encoding a server declared, tried when the bytes are not UTF-8
            (HTML's own `<meta charset>` comes first).

    Raises:
        ArchiveError: The bytes cannot be read, or hold no text.
    """
    places: Placer
    notes: tuple[tuple[int, int], ...] = ()
    hidden: Callable[[], HiddenText] | None = None
    if kind == "pdf":
        pages = _pdf_pages(data, name)
        text = "\n\n".join(pages)
        starts = [0]
        for one in pages[:-1]:
            starts.append(starts[-1] + len(one) + 2)
        places = InPages(text, starts)
    elif kind == "html":
        from timeline.read.html import read_page

        markup = _decode(data, name, declared_charset(data) or charset)
        page = read_page(markup)
        text, places, notes = page.text, InMarkup(page), tuple(page.notes)
        if page.hides:
            hidden = partial(with_hidden, markup)
    else:
        text = _decode(data, name, charset)
        places = Lines(text)
    if not text.strip():
        what = " (a scanned PDF without a text layer?)" if kind == "pdf" else ""
        raise ArchiveError(name, f"archive holds no text{what}; nothing to check quotes against")
    return ArchiveText(text, places, notes, hidden)


def with_hidden(markup: str) -> HiddenText:
    """A web page's text read with what it hides from its readers, so that a quote not
    found in what they see can be said to be in what they do not."""
    from timeline.read.html import read_page

    page = read_page(markup, keep_hidden=True)

    def why(start: int, end: int) -> str:
        first, last = page.origin(start), page.origin(max(start, end - 1))
        return next((said for a, b, said in page.hidden if a <= last and first < b), "")

    return HiddenText(ArchiveText(page.text, InMarkup(page), tuple(page.notes)), why)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML file declares in a `<meta>` in its first 1024 bytes, if any."""
    found = _META_CHARSET.search(data[:1024])
    return found.group(1).decode("ascii") if found else None


def _decode(data: bytes, name: str, charset: str | None) -> str:
    """Text from bytes: a byte-order mark decides; else UTF-8; else the declared charset."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ArchiveError(name, _bad_bytes(body, exc, encoding)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            codecs.lookup(charset)
        except LookupError:
            raise ArchiveError(
                name, f"declares the unknown character encoding {charset!r}; save it as UTF-8"
            ) from None
        try:
            return data.decode(charset)
        except UnicodeDecodeError as exc:
            raise ArchiveError(name, _bad_bytes(data, exc, charset)) from None
    raise ArchiveError(name, _bad_bytes(data, utf8_error, "UTF-8"))


def _bad_bytes(data: bytes, exc: UnicodeDecodeError, encoding: str) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    bad = data[exc.start : exc.start + 1].hex().upper()
    return (
        f"is not valid {encoding} (byte 0x{bad} at line {line}, column {column}); "
        "save the archive as UTF-8"
    )


def _pdf_pages(data: bytes, name: str) -> list[str]:
    """Every page's text."""
    import io
    import logging

    if not data.startswith(b"%PDF-"):
        raise ArchiveError(name, "is not a PDF file (it does not start with %PDF-)")
    # pypdf logs what it repairs in damaged files; the user gets our one message instead.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ArchiveError(name, "is an encrypted PDF; save an unencrypted copy")
        return [page.extract_text() for page in reader.pages]
    except ArchiveError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files; never a traceback
        raise ArchiveError(name, f"is not a readable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        log.setLevel(level)


def describe_size(size: int) -> str:
    """A size in words: "32 MB" for whole megabytes, else "1,024 bytes"."""
    megabyte = 1024 * 1024
    if size >= megabyte and size % megabyte == 0:
        return f"{size // megabyte} MB"
    return f"{size:,} bytes"
