"""timeline.verify.fetch against a local HTTP server on 127.0.0.1 that each test starts.

No test reaches any other address: every URL is the local server's, or is refused
before any connection is made (other schemes).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from verify_support import Server, local_server, make_pdf, respond

from timeline.verify.archive_text import read_archive
from timeline.verify.fetch import (
    FetchError,
    archive,
    fetch,
    is_fetchable,
    save,
)

PAGE = b"<!doctype html><html><body><p>They refused.</p></body></html>"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1, never through a proxy the environment names."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture
def server() -> Iterator[Server]:
    with local_server() as running:
        yield running


def test_html_page(server: Server) -> None:
    server.routes["/page"] = respond(body=PAGE)
    fetched = fetch(server.url("/page"))
    assert fetched.kind == "html"
    assert fetched.body == PAGE
    assert fetched.content_type == "text/html"
    assert fetched.final_url == server.url("/page")
    assert fetched.converted_from is None


def test_text_and_pdf_and_sniffed_types(server: Server) -> None:
    pdf = make_pdf(["We will not be a beneficiary"])
    server.routes["/a.txt"] = respond(body="won’t".encode(), content_type="text/plain")
    server.routes["/letter"] = respond(body=pdf, content_type="application/pdf")
    server.routes["/octet"] = respond(body=pdf, content_type="application/octet-stream")
    server.routes["/none"] = respond(body=PAGE, content_type=None)
    assert fetch(server.url("/a.txt")).kind == "text"
    assert fetch(server.url("/letter")).kind == "pdf"
    assert fetch(server.url("/octet")).kind == "pdf"
    assert fetch(server.url("/none")).kind == "html"


def test_other_types_are_refused(server: Server) -> None:
    server.routes["/photo"] = respond(body=b"\x89PNG....", content_type="image/png")
    server.routes["/blob"] = respond(body=b"\x00\x01", content_type="application/octet-stream")
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/photo"))
    assert caught.value.message == (
        "is image/png; only HTML, plain text and PDF can be archived and verified"
    )
    with pytest.raises(FetchError, match="is of an unknown type"):
        fetch(server.url("/blob"))


def test_text_in_a_declared_charset_is_saved_as_utf8(server: Server, tmp_path: Path) -> None:
    server.routes["/latin"] = respond(
        body="Chema Hernández Gil".encode("latin-1"), content_type="text/plain; charset=ISO-8859-1"
    )
    server.routes["/meta"] = respond(
        body='<meta charset="iso-8859-1"><p>Hernández</p>'.encode("latin-1"),
        content_type="text/html; charset=iso-8859-1",
    )
    fetched = fetch(server.url("/latin"))
    assert fetched.body == "Chema Hernández Gil".encode()
    assert fetched.converted_from == "iso-8859-1"
    # HTML that says its own encoding is kept byte for byte.
    meta = fetch(server.url("/meta"))
    assert meta.converted_from is None
    assert meta.body.startswith(b'<meta charset="iso-8859-1">')
    saved = save(meta, tmp_path / "events.toml")
    assert read_archive(tmp_path / saved).text == "Hernández"


def test_undecodable_text_is_refused(server: Server) -> None:
    server.routes["/bad"] = respond(body=b"caf\xe9", content_type="text/plain")
    with pytest.raises(FetchError, match=r"cannot be read as text: is not valid UTF-8 \(byte 0xE9"):
        fetch(server.url("/bad"))


def test_redirects_to_http_are_followed(server: Server) -> None:
    server.routes["/old"] = respond(301, headers={"Location": "/middle"})
    server.routes["/middle"] = respond(302, headers={"Location": server.url("/page")})
    server.routes["/page"] = respond(body=PAGE)
    fetched = fetch(server.url("/old"))
    assert fetched.final_url == server.url("/page")
    assert fetched.body == PAGE
    assert server.requests == ["/old", "/middle", "/page"]


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "ftp://127.0.0.1/file.txt", "data:text/html,<p>x</p>", "javascript:x"],
)
def test_redirects_to_other_schemes_are_refused(server: Server, target: str) -> None:
    server.routes["/away"] = respond(302, body=b"x" * 100, headers={"Location": target})
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/away"))
    scheme = target.split(":")[0]
    assert caught.value.url == server.url("/away")
    assert caught.value.message.startswith(
        f"redirected to {target} ({scheme}); only http and https"
    )
    assert server.requests == ["/away"]


def test_a_redirect_loop_stops(server: Server) -> None:
    server.routes["/loop"] = respond(302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 10 redirects"):
        fetch(server.url("/loop"))
    assert len(server.requests) == 11


def test_a_redirect_without_location(server: Server) -> None:
    server.routes["/nowhere"] = respond(302)
    with pytest.raises(FetchError, match="no Location header"):
        fetch(server.url("/nowhere"))


def test_error_status(server: Server) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/missing"))
    assert caught.value.message == "the server answered 404 Not Found"


def test_a_body_announced_too_large_is_refused_unread(server: Server) -> None:
    server.routes["/big"] = respond(body=b"x" * 5000, content_type="text/plain")
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/big"), limit=4096)
    assert caught.value.message == (
        "is larger than 4,096 bytes, the most an archive may be "
        "(the server announced 5,000 bytes); not saved"
    )


def test_a_body_too_large_without_a_length_is_refused(server: Server) -> None:
    server.routes["/stream"] = respond(body=b"x" * 200_000, content_type="text/plain", length=False)
    with pytest.raises(
        FetchError, match="is larger than 100,000 bytes, the most an archive may be; not saved"
    ):
        fetch(server.url("/stream"), limit=100_000)
    assert fetch(server.url("/stream"), limit=200_000).body == b"x" * 200_000


def test_a_server_that_does_not_answer_times_out(server: Server) -> None:
    def never(request: BaseHTTPRequestHandler) -> None:
        server.release.wait()  # until the test ends: the client must give up first

    server.routes["/silent"] = never
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/silent"), timeout=0.3)
    assert caught.value.message == "no complete answer within 0.3 s"


def test_a_body_that_never_ends_times_out(server: Server) -> None:
    def stall(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", "1000")
        request.end_headers()
        request.wfile.write(b"only part")
        request.wfile.flush()
        server.release.wait()

    server.routes["/stall"] = stall
    with pytest.raises(FetchError, match=r"no complete answer within 0\.3 s"):
        fetch(server.url("/stall"), timeout=0.3)


def test_a_refused_connection(server: Server) -> None:
    # A port nothing listens on: the server's own, once it is closed.
    with local_server() as closed:
        url = closed.url("/page")
    with pytest.raises(FetchError, match="the connection was refused"):
        fetch(url, timeout=5)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://",
        "127.0.0.1/x",
        "",
    ],
)
def test_only_http_and_https_are_fetched(url: str) -> None:
    assert not is_fetchable(url)
    with pytest.raises(FetchError, match="only http:// and https:// addresses are fetched"):
        fetch(url)


def test_save_names_the_file_by_its_hash(server: Server, tmp_path: Path) -> None:
    server.routes["/page"] = respond(body=PAGE)
    timeline = tmp_path / "events.toml"
    fetched = fetch(server.url("/page"))
    saved = save(fetched, timeline)
    digest = hashlib.sha256(PAGE).hexdigest()[:16]
    assert saved == f"sources/{digest}.html"
    path = tmp_path / "sources" / f"{digest}.html"
    assert path.read_bytes() == PAGE
    assert path.stat().st_mode & 0o777 != 0o600  # an ordinary file, not a private temporary
    # The same content again is the same file; nothing else is left behind.
    assert save(fetched, timeline) == saved
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == [f"{digest}.html"]


def test_save_never_overwrites_other_content(server: Server, tmp_path: Path) -> None:
    server.routes["/page"] = respond(body=PAGE)
    fetched = fetch(server.url("/page"))
    name = f"{hashlib.sha256(PAGE).hexdigest()[:16]}.html"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / name).write_bytes(b"something else")
    with pytest.raises(FetchError, match=f"sources/{name} already exists with other content"):
        save(fetched, tmp_path / "events.toml")
    assert (tmp_path / "sources" / name).read_bytes() == b"something else"


def test_save_where_sources_cannot_be_made(server: Server, tmp_path: Path) -> None:
    server.routes["/page"] = respond(body=PAGE)
    (tmp_path / "sources").write_text("a file, not a folder")
    with pytest.raises(FetchError, match="cannot save to sources/"):
        save(fetch(server.url("/page")), tmp_path / "events.toml")


def test_save_never_writes_through_a_link_out_of_the_folder(server: Server, tmp_path: Path) -> None:
    server.routes["/page"] = respond(body=PAGE)
    home, elsewhere = tmp_path / "sent", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    (home / "sources").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(FetchError, match="sources leads out of the timeline file's folder"):
        save(fetch(server.url("/page")), home / "events.toml")
    assert list(elsewhere.iterdir()) == []


def test_archive_fetches_saves_and_dates(server: Server, tmp_path: Path) -> None:
    server.routes["/a.txt"] = respond(body=b"They refused.", content_type="text/plain")
    done = archive(server.url("/a.txt"), tmp_path / "t.toml", today=date(2024, 5, 1))
    assert done.archive == f"sources/{hashlib.sha256(b'They refused.').hexdigest()[:16]}.txt"
    assert done.accessed == date(2024, 5, 1)
    assert read_archive(tmp_path / done.archive).text == "They refused."
    again = archive(server.url("/a.txt"), tmp_path / "t.toml")
    assert again.accessed == date.today()
    # The first wrote the file; the second found it there, as `archive` says of the
    # copies it kept when it cannot write the timeline file.
    assert done.new and not again.new


def test_a_body_that_trickles_in_forever_times_out(server: Server) -> None:
    # Each byte comes well within the socket's timeout; only the overall deadline stops it.
    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", "1000000")
        request.end_headers()
        # The slow server being simulated; it gives up after 300 bytes (6 s or more), so
        # that a client without a deadline fails (the body is short) rather than hangs.
        for _ in range(300):
            if server.release.wait(0.02):
                return
            request.wfile.write(b"x")
            request.wfile.flush()

    server.routes["/trickle"] = trickle
    with pytest.raises(FetchError, match=r"no complete answer within 0\.5 s"):
        fetch(server.url("/trickle"), timeout=0.5)


def test_headers_that_trickle_in_forever_time_out(server: Server) -> None:
    # Bug fixed: the deadline was looked at only between reads of the body, and each
    # byte of a header reset the socket's timeout: `archive` waited for as long as the
    # server went on sending headers (http.client takes lines of up to 64 KB).
    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
        while not server.release.wait(0.02):  # until the test ends
            request.wfile.write(b"x")
            request.wfile.flush()

    server.routes["/headers"] = trickle
    outcome: list[BaseException | None] = []

    def download() -> None:
        try:
            fetch(server.url("/headers"), timeout=0.5)
        except FetchError as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    worker = threading.Thread(target=download, daemon=True)
    worker.start()
    # The fetch gives up about a second after its deadline; without one it never would.
    worker.join(60)
    server.release.set()
    assert outcome, "the download was still waiting for headers after a minute"
    assert isinstance(outcome[0], FetchError)
    assert outcome[0].message == "no complete answer within 0.5 s"


def test_a_long_redirect_target_is_cut_in_the_message(server: Server) -> None:
    target = "data:text/html," + "x" * 5000
    server.routes["/data"] = respond(302, headers={"Location": target})
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/data"))
    assert len(caught.value.message) < 300
    assert caught.value.message.startswith("redirected to data:text/html,xxx")
