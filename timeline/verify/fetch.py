"""Downloading a source and saving it under `sources/`, for `timeline archive`.

Only http and https are ever fetched. Redirects are followed by this module itself,
at most `MAX_REDIRECTS`, and only to http or https: a redirect anywhere else (`file:`,
`ftp:`, `data:`) is refused with a message naming it, and a redirect's own body is
never read. The whole exchange, redirects included, must finish within the timeout
(checked between reads, so it can overrun by at most one read's timeout), and a body
larger than the limit is refused, whether the server announced its size or not.

What is saved must be something `timeline verify` can read: HTML, plain text or PDF,
told by the Content-Type (or, when the server gives none or a generic one, by the
first bytes). The bytes are saved exactly as received, except that text which is
neither UTF-8 nor HTML declaring its own encoding is converted to UTF-8 from the
charset the server declared, since the saved file loses the server's header.

The file's name is the first 16 hexadecimal digits of the SHA-256 of its bytes and the
kind's extension (`sources/1f2e3d4c5b6a7980.html`): the same page archived twice is
one file, and a changed page is a new one.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urljoin, urlsplit

from timeline.verify.archive_text import (
    MAX_ARCHIVE_BYTES,
    ArchiveError,
    Kind,
    declared_charset,
    describe_size,
    text_of,
)
from timeline.verify.archives import folder_of

if TYPE_CHECKING:
    from email.message import Message
    from http.client import HTTPResponse
    from urllib.request import OpenerDirector

#: Seconds for the whole download, redirects included.
DEFAULT_TIMEOUT = 30.0
#: Redirects followed before giving up.
MAX_REDIRECTS = 10
#: The folder beside the timeline file that archives go into.
SOURCES = "sources"
EXTENSIONS: dict[Kind, str] = {"html": ".html", "text": ".txt", "pdf": ".pdf"}

_KINDS: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/pdf": "pdf",
}
_GENERIC = ("", "application/octet-stream", "binary/octet-stream", "application/unknown")
_USER_AGENT = "Mozilla/5.0 (compatible; timeline-archive/0.1)"
_ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.9, application/pdf;q=0.9"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A source that could not be archived: `url` says which, `message` why."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


class Fetched(NamedTuple):
    """A downloaded source, ready to save.

    Attributes:
        url: The address asked for.
        final_url: The address the content came from, after redirects.
        kind: HTML, plain text or PDF.
        content_type: The media type the server gave ("" when none).
        body: The bytes to save.
        converted_from: The charset the text was converted to UTF-8 from, if it was.
    """

    url: str
    final_url: str
    kind: Kind
    content_type: str
    body: bytes
    converted_from: str | None = None


class Archived(NamedTuple):
    """A source saved: what to write into the timeline file.

    Attributes:
        archive: The saved file's path relative to the timeline file's folder,
            with forward slashes (`sources/1f2e3d4c5b6a7980.html`).
        accessed: The day it was fetched.
        fetched: The download itself.
        new: Whether this call wrote the file (False when an identical one was there):
            a new file nothing names yet, if the timeline file is not written.
    """

    archive: str
    accessed: date
    fetched: Fetched
    new: bool = False


def is_fetchable(url: str) -> bool:
    """Whether the address is one this module would fetch: http or https with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, limit: int = MAX_ARCHIVE_BYTES) -> Fetched:
    """Download a source.

    Args:
        url: An http or https address.
        timeout: Seconds for the whole download, redirects included.
        limit: The largest body accepted, in bytes.

    Raises:
        FetchError: Anything that stops it; the message says what and, where it helps,
            what to do.
    """
    import threading

    # In a thread of its own, given up at the deadline: the socket's timeout bounds each
    # read, and a server sending its headers a byte at a time (a hundred lines of 64 KB
    # each, to http.client) held the download for as long as it liked.
    outcome: list[Fetched | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_fetch(url, timeout, limit))
        except BaseException as exc:  # handed to the caller, whatever it is
            outcome.append(exc)

    worker = threading.Thread(target=run, name="timeline-fetch", daemon=True)
    worker.start()
    worker.join(timeout + _GRACE)
    if not outcome:  # still reading: left to end with the process (it holds nothing else)
        raise FetchError(url, f"no complete answer within {timeout:g} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


#: Beyond the deadline, how long `fetch` waits for the download to give up by itself
#: (and say why in its own words) before giving up on it.
_GRACE = 1.0


def _fetch(url: str, timeout: float, limit: int) -> Fetched:
    """`fetch`, in the thread that reads."""
    import http.client
    import urllib.error
    import urllib.request

    if not is_fetchable(url):
        raise FetchError(url, "only http:// and https:// addresses are fetched")
    current = url.strip()
    blank = next((n for n, c in enumerate(current) if c.isspace() or not c.isprintable()), None)
    if blank is not None:
        # http.client said "URL can't contain control characters" of a space.
        from timeline.text import stand_in

        char = current[blank]
        what = "a space" if char == " " else stand_in(char)
        raise FetchError(
            url,
            f"the address holds {what} (character {blank + 1}), which no URL may: write a "
            "space in a path as %20, or remove it",
        )
    deadline = time.monotonic() + timeout
    opener = _opener()
    for _ in range(MAX_REDIRECTS + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(url, f"no complete answer within {timeout:g} s")
        request = urllib.request.Request(
            current, headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT}, method="GET"
        )
        try:
            response = opener.open(request, timeout=remaining)
        except urllib.error.HTTPError as error:
            error.close()  # never read: a redirect's or an error page's body is not wanted
            if error.code in (301, 302, 303, 307, 308):
                current = _redirect_target(url, current, error.headers)
                continue
            raise FetchError(url, f"the server answered {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            raise FetchError(url, _network_problem(error.reason, timeout)) from None
        except TimeoutError:
            raise FetchError(url, f"no complete answer within {timeout:g} s") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(url, _network_problem(error, timeout)) from None
        with response:
            headers = response.headers
            try:
                body = _read_body(url, response, limit, deadline, timeout)
            except TimeoutError:
                raise FetchError(url, f"no complete answer within {timeout:g} s") from None
            except (OSError, http.client.HTTPException) as error:
                raise FetchError(url, _network_problem(error, timeout)) from None
        return _checked(url, current, headers, body)
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects; not followed further")


def _opener() -> OpenerDirector:
    """An opener for http and https only, that follows no redirect by itself."""
    import urllib.request

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),  # the user's http_proxy / https_proxy / no_proxy
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _redirect_target(url: str, current: str, headers: Message) -> str:
    location = headers.get("Location")
    if not location:
        raise FetchError(url, "the server redirected without saying where (no Location header)")
    target = urljoin(current, location.strip())
    if not is_fetchable(target):
        scheme = urlsplit(target).scheme or "no scheme"
        raise FetchError(
            url,
            f"redirected to {_shown(target)} ({scheme}); only http and https are followed, "
            "so it was not fetched",
        )
    return target


def _read_body(
    url: str, response: HTTPResponse, limit: int, deadline: float, timeout: float
) -> bytes:
    """The body, refusing one larger than `limit` or slower than the deadline."""
    announced = response.headers.get("Content-Length", "").strip()
    if announced.isdigit() and int(announced) > limit:
        raise FetchError(url, _too_large(limit, int(announced)))
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(url, f"no complete answer within {timeout:g} s")
        chunk = response.read1(_CHUNK)  # what has arrived: the deadline is checked between
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(url, _too_large(limit))
        chunks.append(chunk)


def _checked(url: str, final_url: str, headers: Message, body: bytes) -> Fetched:
    """The download as something `verify` can read, or why not."""
    given = headers.get("Content-Type", "")
    media = given.split(";", 1)[0].strip().lower()
    kind = _KINDS.get(media) if media not in _GENERIC else _sniff(body)
    if kind is None:
        said = f"is {_shown(media)}" if media not in _GENERIC else "is of an unknown type"
        raise FetchError(url, f"{said}; only HTML, plain text and PDF can be archived and verified")
    charset = headers.get_content_charset() if media not in _GENERIC else None
    try:
        text_of(body, kind, url, charset=charset)
    except ArchiveError as error:
        raise FetchError(url, f"cannot be read as {kind}: {error.message}") from None
    converted = None
    if kind != "pdf" and charset and not _readable_alone(body, kind, declared_charset(body)):
        body = body.decode(charset).encode("utf-8")
        converted = charset
    return Fetched(url, final_url, kind, media, body, converted)


def _readable_alone(body: bytes, kind: Kind, declared: str | None) -> bool:
    """Whether the saved bytes decode without the server's header."""
    if kind == "html" and declared:
        return True
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _sniff(body: bytes) -> Kind | None:
    head = body[:1024].lstrip().lower()
    if body.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def save(fetched: Fetched, timeline_file: str | Path) -> str:
    """Save a download under `sources/` beside the timeline file (the real file, links
    followed: `archives.folder_of`); its path from there.

    An identical file already there is kept as it is.

    Raises:
        FetchError: The folder or the file cannot be written, or a different file
            already has the name.
    """
    return _save(fetched, timeline_file)[0]


def _save(fetched: Fetched, timeline_file: str | Path) -> tuple[str, bool]:
    """`save`, and whether it wrote the file (False for an identical one there)."""
    home = folder_of(timeline_file)
    folder = home / SOURCES
    digest = hashlib.sha256(fetched.body).hexdigest()
    name = f"{digest[:16]}{EXTENSIONS[fetched.kind]}"
    target = folder / name
    relative = f"{SOURCES}/{name}"
    try:
        folder.mkdir(exist_ok=True)
        # As `verify` reads no archive through a link out of the timeline's folder,
        # nothing is written through one: the folder may have come in a tarball.
        home = home.resolve(strict=True)
        for path in (folder, target) if target.exists() else (folder,):
            if not path.resolve(strict=True).is_relative_to(home):
                raise FetchError(
                    fetched.url,
                    f"{relative if path is target else SOURCES} leads out of the timeline "
                    "file's folder through a symbolic link; not saved",
                )
        if target.exists():
            if target.is_file() and target.read_bytes() == fetched.body:
                return relative, False
            raise FetchError(
                fetched.url,
                f"{relative} already exists with other content; move it aside and run again",
            )
        new = _write_new(target, fetched.body)
    except OSError as error:
        raise FetchError(
            fetched.url, f"cannot save to {relative}: {error.strerror or error}"
        ) from None
    return relative, new


def _write_new(target: Path, data: bytes) -> bool:
    """Write a new file whole or not at all (never over an existing one); False when
    an identical one appeared meanwhile (written by another run)."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 less the umask: archives are ordinary files, readable like the timeline.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, target)
        except FileExistsError:
            if target.read_bytes() != data:
                raise
            return False
        return True
    finally:
        temporary.unlink(missing_ok=True)


def archive(
    url: str,
    timeline_file: str | Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    limit: int = MAX_ARCHIVE_BYTES,
    today: date | None = None,
) -> Archived:
    """Fetch a source and save it beside the timeline file.

    Args:
        url: The source's http(s) address.
        timeline_file: The timeline file whose folder gets `sources/`.
        timeout: Seconds for the whole download.
        limit: The largest body accepted, in bytes.
        today: The access date to record (the local date when not given).

    Raises:
        FetchError: It could not be downloaded or saved.
    """
    fetched = fetch(url, timeout=timeout, limit=limit)
    relative, new = _save(fetched, timeline_file)
    return Archived(relative, today or date.today(), fetched, new)


def _network_problem(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no complete answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused (is the address right, is the site up?)"
    import ssl

    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"its TLS certificate could not be verified ({reason.verify_message})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect: {reason.strerror}"
    return f"cannot fetch: {reason}"


def _too_large(limit: int, announced: int | None = None) -> str:
    said = f" (the server announced {announced:,} bytes)" if announced is not None else ""
    return f"is larger than {describe_size(limit)}, the most an archive may be{said}; not saved"


def _shown(text: str) -> str:
    """An address or a type from a server, safe to print, and cut when long (data: URLs)."""
    from timeline.text import one_line

    shown = one_line(text)
    return shown if len(shown) <= 200 else shown[:199] + "…"
