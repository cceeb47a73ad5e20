"""Helpers for the verify and archive tests: PDFs made here, and a local HTTP server.

The server listens on 127.0.0.1 on a free port chosen by the system, serves only the
routes a test gives it, and is shut down by the test. Nothing here reaches any other
address.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def make_pdf(lines: list[str], *pages: list[str]) -> bytes:
    """A PDF showing the lines in Helvetica, written out by hand (ASCII text): one page,
    and one more for each of `pages`."""

    def escaped(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = [lines, *pages]
    # Objects 1 and 2 are the catalog and the page tree, 3 the font; each page is two
    # more: the page, then its contents.
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(len(shown)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), len(shown)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n, page in enumerate(shown):
        text = " ".join(f"({escaped(line)}) Tj T*" for line in page)
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {text} ET".encode("latin-1")
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * n),
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Server:
    """A running local server: `url(path)` addresses it; `routes` maps paths to handlers."""

    port: int
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    #: Set by the test to let handlers that wait (to test timeouts) finish.
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def respond(
    status: int = 200,
    body: bytes = b"",
    content_type: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    length: bool = True,
) -> Handler:
    """A handler answering with a fixed response."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        if content_type is not None:
            request.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        if length:
            request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


@contextmanager
def local_server() -> Iterator[Server]:
    """Serve on 127.0.0.1 until the block ends."""
    state = Server(port=0)

    class Handle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            route = state.routes.get(self.path)
            if route is None:
                respond(404, b"not here", "text/plain")(self)
            else:
                route(self)

        def log_message(self, format: str, *args: object) -> None:  # quiet tests
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()
