"""Reading archived copies: plain text, HTML and PDF, and every way that can fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from verify_support import make_pdf

from timeline.read.html import page_text, to_text
from timeline.verify.archive_text import ArchiveError, read_archive
from timeline.verify.archives import Archives, resolve
from timeline.verify.match import Outcome

PAGE = """<!doctype html>
<html><head><title>RAICES rejects</title>
<style>p { color: red } .x::before { content: "do not read me" }</style>
<script>var quote = "<p>Not in the article</p>";</script>
</head><body>
<nav><a href="/">Home</a></nav>
<h1>RAICES Rejects $250,000 Donation</h1>
<p>RAICES said the company <a href="https://example.org/x">rejected</a>
   the proposal.</p>
<blockquote class="twitter-tweet"><p>They refused. <a href="https://t.co/x">pic.twitter.com/Hx0e6l8LEy</a></p>
&mdash; RAICES (@RAICESTEXAS) <a href="https://twitter.com/x">July 19, 2018</a></blockquote>
<p>We won&rsquo;t accept&nbsp;it.<br>Second line.</p>
<noscript>Enable JavaScript</noscript>
<table><tr><td>cell one</td><td>cell two</td></tr></table>
</body></html>
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------- HTML


def test_page_text_keeps_paragraphs_in_order_and_drops_scripts_and_styles() -> None:
    text = page_text(PAGE)
    paragraphs = text.split("\n\n")
    assert paragraphs == [
        "RAICES rejects",
        "Home",
        "RAICES Rejects $250,000 Donation",
        "RAICES said the company rejected the proposal.",
        "They refused. pic.twitter.com/Hx0e6l8LEy",
        "— RAICES (@RAICESTEXAS) July 19, 2018",
        "We won’t accept\u00a0it.\nSecond line.",
        "cell one",
        "cell two",
    ]
    for hidden in ("color", "do not read me", "Not in the article", "Enable JavaScript"):
        assert hidden not in text


def test_to_text_is_unchanged_by_page_mode() -> None:
    # TimelineJS reading still moves quotes last and keeps link addresses.
    text = to_text(PAGE)
    assert text.startswith("RAICES rejects Home (/)\n\n")
    assert "rejected (https://example.org/x)" in text
    assert text.endswith(
        "They refused. pic.twitter.com/Hx0e6l8LEy (https://t.co/x)\n\n"
        "— RAICES (@RAICESTEXAS) July 19, 2018 (https://twitter.com/x)"
    )


def test_html_archive(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE)
    assert read_archive(path).text == page_text(PAGE)


# What a reader of the page does not see is never matched (a reviewer found each of these
# reported verbatim).
HIDDEN_PAGE = """<html><body>
<script src="x.js"/>invisible to readers</script>
<div hidden>secret hidden paragraph</div>
<center>Alpha</center><center>Beta</center>
<select><option>Yes</option><option>No</option></select>
</body></html>
"""


def test_quotes_the_page_does_not_show_are_not_found(tmp_path: Path) -> None:
    write(tmp_path, "p.html", HIDDEN_PAGE)
    archives = Archives(tmp_path)
    for quote in ("invisible to readers", "secret hidden paragraph", "AlphaBeta", "YesNo"):
        assert archives.check(quote, "p.html").outcome is not Outcome.VERBATIM, quote
    assert archives.check("Alpha", "p.html").outcome is Outcome.VERBATIM


def test_a_self_closed_script_style_or_template_runs_to_its_end_tag() -> None:
    # In HTML "/>" does not end a script: the browser reads script up to "</script>".
    page = (
        '<p>one</p><script src="x.js"/>var s = "<p>not shown</p>";</script>'
        '<style/>p { content: "no" }</style><template/><p>later</p></template>'
        "<noscript/>without JavaScript</noscript><p>two</p>"
    )
    assert page_text(page) == "one\n\ntwo"
    # In an SVG drawing "/>" does end an element.
    assert page_text("<svg><title/><text>drawn</text></svg><p>after</p>") == "drawn\n\nafter"


def test_hidden_elements_and_all_inside_them_are_dropped() -> None:
    page = (
        "<p>shown</p><div hidden><div>in a div<br>with<img src=x> a break</div>"
        "<p>and a paragraph</p></div><p>also shown</p>"
        "<section hidden/>self-closed is still open</section>"
        '<p hidden="until-found">found only by searching<p>a new paragraph'
        "<span hidden>secret</span> but not <span aria-hidden=true>this</span>"
    )
    assert page_text(page) == "shown\n\nalso shown\n\na new paragraph but not this"


def test_elements_styled_not_to_show_are_dropped() -> None:
    page = (
        '<p style="color: red; display : none !important">gone</p>'
        '<p style="Visibility:Hidden">gone too</p>'
        '<p style="display:block">kept</p><dialog>closed</dialog><dialog open>open</dialog>'
    )
    assert page_text(page) == "kept\n\nopen"


def test_every_block_starts_a_new_paragraph() -> None:
    page = (
        "<center>Alpha</center><center>Beta</center>"
        "<select><option>Yes</option><option>No</option></select>"
        "<form><fieldset><legend>Legend</legend>Field</fieldset></form>"
        "<menu><li>Menu</li></menu><details><summary>Summary</summary>Details</details>"
        "<figure>Figure<figcaption>Caption</figcaption></figure>"
    )
    assert page_text(page).split("\n\n") == [
        "Alpha",
        "Beta",
        "Yes",
        "No",
        "Legend",
        "Field",
        "Menu",
        "Summary",
        "Details",
        "Figure",
        "Caption",
    ]


def test_html_in_the_charset_it_declares(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Hernández</p></body></html>'
    path = write(tmp_path, "page.htm", page.encode("iso-8859-1"))
    assert read_archive(path).text == "Hernández"
    http_equiv = (
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>don\x92t</p>'
    )
    path = write(tmp_path, "old.html", http_equiv.encode("latin-1"))
    assert read_archive(path).text == "don’t"


def test_html_declaring_an_unknown_charset(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", b'<meta charset="klingon"><p>caf\xe9</p>')
    with pytest.raises(ArchiveError, match="unknown character encoding 'klingon'"):
        read_archive(path, name="sources/page.html")


# ---------------------------------------------------------------- plain text


def test_text_archive_is_read_exactly(tmp_path: Path) -> None:
    text = "Line one\r\nwon’t  accept\n\n— RAICES\n"
    assert read_archive(write(tmp_path, "a.txt", text)).text == text
    assert read_archive(write(tmp_path, "b.md", "\ufeffwith a BOM")).text == "with a BOM"
    utf16 = "\ufeffutf-16 text".encode("utf-16-le")
    assert read_archive(write(tmp_path, "c.text", utf16)).text == "utf-16 text"


def test_text_that_is_not_utf8_names_the_path_and_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "first line\nHern\xe1ndez".encode("latin-1"))
    with pytest.raises(ArchiveError) as caught:
        read_archive(path, name="sources/latin.txt")
    assert str(caught.value) == (
        "sources/latin.txt: is not valid UTF-8 (byte 0xE1 at line 2, column 5); "
        "save the archive as UTF-8"
    )
    assert caught.value.path == "sources/latin.txt"


# ---------------------------------------------------------------- PDF


def test_pdf_archive(tmp_path: Path) -> None:
    path = write(
        tmp_path, "letter.PDF", make_pdf(["We will not be a beneficiary", "of your effort."])
    )
    text = read_archive(path).text
    assert "We will not be a beneficiary" in text
    assert "of your effort." in text


def test_pdf_with_a_word_hyphenated_at_a_line_end_is_typographic(tmp_path: Path) -> None:
    write(tmp_path, "letter.pdf", make_pdf(["helps ICE operate effi-", "ciently, from recruiting"]))
    match = Archives(tmp_path).check("operate efficiently, from", "letter.pdf")
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert [(d.quote, d.source) for d in match.differences] == [("", "-")]


def test_damaged_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.pdf", b"%PDF-1.4\nthis is not a PDF at all")
    with pytest.raises(ArchiveError, match=r"^sources/broken.pdf: is not a readable PDF"):
        read_archive(path, name="sources/broken.pdf")
    path = write(tmp_path, "html.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ArchiveError, match="is not a PDF file"):
        read_archive(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(make_pdf(["secret text"]))))
    writer.encrypt(user_password="pw", algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    path = write(tmp_path, "locked.pdf", buffer.getvalue())
    with pytest.raises(ArchiveError, match="is an encrypted PDF; save an unencrypted copy"):
        read_archive(path)


def test_pdf_without_text(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", make_pdf([]))
    with pytest.raises(ArchiveError, match=r"holds no text \(a scanned PDF"):
        read_archive(path)


# ---------------------------------------------------------------- other failures


def test_missing_directory_unknown_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match=r"^sources/gone\.txt: no such archive"):
        read_archive(tmp_path / "gone.txt", name="sources/gone.txt")
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(ArchiveError, match="is a directory"):
        read_archive(tmp_path / "folder.html")
    with pytest.raises(
        ArchiveError, match=r"extension '\.docx'; an archive is plain text, HTML or PDF"
    ):
        read_archive(write(tmp_path, "a.docx", b"PK"))
    with pytest.raises(ArchiveError, match="no extension"):
        read_archive(write(tmp_path, "noext", b"text"))
    big = write(tmp_path, "big.txt", b"x" * 2048)
    assert read_archive(big, limit=2048).text == "x" * 2048
    with pytest.raises(ArchiveError, match=r"^big\.txt: is larger than 1,024 bytes, the most"):
        read_archive(big, name="big.txt", limit=1024)
    with pytest.raises(ArchiveError, match="holds no text"):
        read_archive(write(tmp_path, "blank.txt", " \n\n "))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root here, who can read a file with no permissions: refuse by hand.
    path = write(tmp_path, "private.txt", "text")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ArchiveError, match=r"^sources/private\.txt: permission denied"):
        read_archive(path, name="sources/private.txt")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("/etc/passwd", "relative to the timeline file's folder, not absolute"),
        ("C:\\sources\\a.txt", "not absolute"),
        ("../secret.txt", "must be inside the timeline file's folder"),
        ("sources/../../secret.txt", "must be inside the timeline file's folder"),
        ("", "archive path is empty"),
    ],
)
def test_archive_paths_stay_inside_the_timeline_folder(written: str, message: str) -> None:
    with pytest.raises(ArchiveError, match=message):
        resolve(Path("/work/timeline"), written)


def test_archive_paths_inside_are_resolved(tmp_path: Path) -> None:
    # resolve names the file itself, its links followed: it must be there.
    (tmp_path / "sources").mkdir()
    for name in ("sources/a.txt", "b.txt", "sources/c.txt"):
        write(tmp_path, name, "text")
    tmp_path = tmp_path.resolve()
    assert resolve(tmp_path, "sources/a.txt") == tmp_path / "sources" / "a.txt"
    assert resolve(tmp_path, "./sources/../b.txt") == tmp_path / "b.txt"
    assert resolve(tmp_path, "sources\\c.txt") == tmp_path / "sources" / "c.txt"


def test_each_archive_is_read_once_and_errors_are_remembered(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "one two three")
    archives = Archives(tmp_path)
    first = archives.get("a.txt")
    (tmp_path / "a.txt").unlink()
    assert archives.get("a.txt") is first
    assert archives.check("two", "a.txt").outcome is Outcome.VERBATIM
    with pytest.raises(ArchiveError, match="no such archive") as caught:
        archives.get("b.txt")
    write(tmp_path, "b.txt", "now here")
    with pytest.raises(ArchiveError) as again:
        archives.get("b.txt")
    assert again.value is caught.value


def test_the_best_of_several_archives(tmp_path: Path) -> None:
    write(tmp_path, "tweet.txt", "We won’t accept the donation")
    write(tmp_path, "article.txt", "We won't accept the donation, RAICES said.")
    write(tmp_path, "other.txt", "Nothing to do with it")
    archives = Archives(tmp_path)
    quote = "We won't accept the donation"
    name, match = archives.check_any(quote, ["gone.txt", "tweet.txt", "article.txt"])
    assert (name, match.outcome) == ("article.txt", Outcome.VERBATIM)
    name, match = archives.check_any(quote, ["other.txt", "tweet.txt"])
    assert (name, match.outcome) == ("tweet.txt", Outcome.TYPOGRAPHIC)
    name, match = archives.check_any("We will not accept", ["other.txt", "tweet.txt"])
    assert (name, match.outcome) == ("tweet.txt", Outcome.NOT_FOUND)
    with pytest.raises(ArchiveError, match=r"^gone\.txt: no such archive"):
        archives.check_any(quote, ["gone.txt", "gone.pdf"])
    with pytest.raises(ValueError, match="no archive"):
        archives.check_any(quote, [])


def test_quotes_are_found_in_a_saved_page_as_a_reader_sees_it(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    archives = Archives(tmp_path)
    # Across a link (no address added) and a line break in the markup.
    match = archives.check("the company rejected the proposal.", "page.html")
    assert match.outcome is Outcome.VERBATIM
    # Inside an embedded tweet, in document order, with what follows it.
    match = archives.check("pic.twitter.com/Hx0e6l8LEy — RAICES (@RAICESTEXAS)", "page.html")
    assert match.outcome is Outcome.VERBATIM
    # Entities decoded: &rsquo; and &nbsp; are typography.
    match = archives.check("We won't accept it.", "page.html")
    assert match.outcome is Outcome.TYPOGRAPHIC
    assert [(d.quote, d.source) for d in match.differences] == [("'", "’"), (" ", "\u00a0")]
    # Script text is not part of the page.
    assert archives.check("Not in the article", "page.html").outcome is Outcome.NOT_FOUND
