"""Provenance end to end: `timeline verify` and `timeline archive` as a user runs them,
statuses in filters and the rail, and a quote shown inside its source."""

from __future__ import annotations

import hashlib
import io
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import EVENTS, ROOT, SIZE, app_for, generated, loaded, wait_until
from rich.console import Console
from verify_support import local_server, respond

from timeline.cli import main
from timeline.query.facets import facets
from timeline.query.filter_args import FilterError, parse_filter_args
from timeline.ui.app import TimelineApp
from timeline.verify.match import SourceText, check
from timeline.verify.passage import passage

ARTICLE = (ROOT / "sources" / "ea3f62498f2fc560.txt").read_text(encoding="utf-8")


def plain(renderable: object) -> str:
    """What Rich draws for a renderable, as text."""
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def copy_of_events(tmp_path: Path) -> Path:
    """events.toml and its archives in a folder of their own."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return Path(shutil.copy(EVENTS, tmp_path / "events.toml"))


# ---------------------------------------------------------------------- timeline verify


def test_verify_passes_on_events_toml(capsys: pytest.CaptureFixture[str]) -> None:
    quotes = sum(len(e.get("quotes", [])) for e in tomllib.loads(EVENTS.read_text())["events"])
    assert main(["verify", str(EVENTS)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"{EVENTS}: {quotes} verbatim"


def test_verify_reads_a_file_given_twice_once(capsys: pytest.CaptureFixture[str]) -> None:
    # Bug fixed: `verify events.toml ./events.toml` checked and reported every quote
    # twice, where check and print read a file given twice once, and say so.
    spelt = str(EVENTS.parent / "." / EVENTS.name)
    assert main(["verify", str(EVENTS), spelt]) == 0
    captured = capsys.readouterr()
    assert [line for line in captured.out.splitlines() if "verbatim" in line][-1] == (
        f"{EVENTS}: 15 verbatim"
    )
    assert captured.out.count(": 15 verbatim") == 1
    assert captured.err == (
        f"{spelt}: warning: is the file given before as {str(EVENTS)!r}; it is read once\n"
    )


def test_verify_fails_on_one_changed_character_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of_events(tmp_path)
    text = path.read_text(encoding="utf-8")
    quote = 'text = "They refused."'
    assert text.count(quote) == 1
    at = text.index(quote)
    line = text.count("\n", 0, at) + 1
    path.write_text(text.replace(quote, 'text = "They refuzed."'), encoding="utf-8")

    assert main(["verify", str(path)]) == 1
    out = capsys.readouterr().out
    [report] = [row for row in out.splitlines() if "not found" in row and "error" in row]
    # The quote's own line: a fact-checker jumps straight to it.
    assert report.startswith(f"{path}:{line}:")
    assert "s (U+0073) in the source where the quote has z (U+007A)" in report
    assert out.splitlines()[-1].endswith("1 not found")


# ---------------------------------------------------------------------- timeline archive


def test_archive_saves_writes_back_and_leaves_every_other_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = b"<html><body><p>We responded on Monday.</p><p>They refused.</p></body></html>"
    with local_server() as server:
        server.routes["/statement"] = respond(body=page)
        path = tmp_path / "story.toml"
        original = (
            '# A comment the user wrote\ntitle = "Story"\n\n'
            "[[events]]   # keep this too\n"
            'date = "2018-07-19"\n'
            'title = "RAICES posts its letter"\n'
            f'source = {{ label = "RAICES", url = "{server.url("/statement")}" }}\n'
            'quote = "They refused."\n\n'
            "[[events]]\n"
            'date = "2018-07-20"\n'
            'title = "Unsourced"\n'
        )
        path.write_bytes(original.encode())
        assert main(["archive", str(path)]) == 0
        assert server.requests == ["/statement"]
    name = f"sources/{hashlib.sha256(page).hexdigest()[:16]}.html"
    assert (tmp_path / name).read_bytes() == page
    out = capsys.readouterr().out
    assert f"saved {server.url('/statement')} as {name}" in out

    written = path.read_text(encoding="utf-8").splitlines(keepends=True)
    before = original.splitlines(keepends=True)
    changed = [n for n, (a, b) in enumerate(zip(before, written, strict=False)) if a != b]
    # Only the source's line changed; every other line is byte for byte what it was.
    assert changed == [6] and len(written) == len(before)
    assert f'archive = "{name}"' in written[6] and "accessed = " in written[6]
    assert main(["verify", str(path)]) == 0
    assert "1 verbatim" in capsys.readouterr().out


def test_archive_reports_a_source_it_cannot_fetch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with local_server() as server:
        path = tmp_path / "story.toml"
        original = (
            '[[events]]\ndate = "2018-07-19"\ntitle = "Gone"\n'
            f'source = {{ url = "{server.url("/missing")}" }}\n'
        )
        path.write_text(original, encoding="utf-8")
        assert main(["archive", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"{path}:4:1: error: event 'gone': field 'source': " in captured.err
    assert "404" in captured.err
    assert "archived already" not in captured.out
    assert path.read_text(encoding="utf-8") == original


def test_archive_names_the_file_it_cannot_write_back_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: "story.toml: error: story.toml: not valid TOML (...)": the file's name
    # was said twice, by the command and by the writer's message. Once now, first, as
    # `check` places a problem. Bug fixed too: where was said inside the message,
    # "(at line 1, column 9)", not as FILE:LINE:COL, which editors jump to.
    path = tmp_path / "story.toml"
    statement = respond(body=b"<html><body><p>They refused.</p></body></html>")

    def saved_broken_meanwhile(handler: BaseHTTPRequestHandler) -> None:
        path.write_text("[[events]\n", encoding="utf-8")  # saved in an editor meanwhile
        statement(handler)

    monkeypatch.chdir(tmp_path)
    with local_server() as server:
        server.routes["/statement"] = saved_broken_meanwhile
        path.write_text(
            '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018-07-19"\n'
            f'title = "A"\nsource = {{ url = "{server.url("/statement")}" }}\n',
            encoding="utf-8",
        )
        assert main(["archive", "story.toml"]) == 2
    error = capsys.readouterr().err.splitlines()[0]
    assert error == (
        "story.toml:1:9: error: not valid TOML: Expected ']]' at the end of an array "
        "declaration; nothing was written"
    )


def test_archive_that_cannot_write_back_says_which_copies_it_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: the copies fetched into sources/ stayed there, named by nothing, and
    # nothing said so. A run again fetches each source again: it names the same copy
    # only while the page is unchanged, so the user is told how to keep a copy as saved.
    path = tmp_path / "story.toml"
    page = b"<html><body><p>They refused.</p></body></html>"
    other = b"<html><body><p>We responded on Monday.</p></body></html>"
    copy = f"sources/{hashlib.sha256(page).hexdigest()[:16]}.html"
    there = f"sources/{hashlib.sha256(other).hexdigest()[:16]}.html"
    (tmp_path / "sources").mkdir()
    (tmp_path / there).write_bytes(other)  # saved before: not this run's to speak of
    statement = respond(body=page)

    def saved_broken_meanwhile(handler: BaseHTTPRequestHandler) -> None:
        path.write_text("[[events]\n", encoding="utf-8")  # saved in an editor meanwhile
        statement(handler)

    monkeypatch.chdir(tmp_path)
    with local_server() as server:
        server.routes["/statement"] = saved_broken_meanwhile
        server.routes["/other"] = respond(body=other)
        good = (
            '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018-07-19"\n'
            f'title = "A"\nsources = ["{server.url("/other")}", "{server.url("/statement")}"]\n'
        )
        path.write_text(good, encoding="utf-8")
        assert main(["archive", "story.toml"]) == 2
        captured = capsys.readouterr()
        assert f"saved {server.url('/statement')} as {copy}" in captured.out
        assert (tmp_path / copy).read_bytes() == page
        assert captured.err.splitlines()[1:] == [
            f"story.toml: note: kept the copy saved above, which nothing in the file names "
            f"yet: {copy}",
            "story.toml: note: `timeline archive story.toml` run again once the file can be "
            "written fetches each source again, and names a copy here only if its page is "
            "unchanged; to keep a copy as saved (its page may change or go), write in its "
            f'source archive = "sources/..." and accessed = {date.today().isoformat()}; a '
            "copy no source names can be deleted",
        ]
        # As said: the page unchanged, a run again names the copy kept.
        server.routes["/statement"] = statement
        path.write_text(good, encoding="utf-8")
        assert main(["archive", "story.toml"]) == 0
    assert f'archive = "{copy}"' in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == sorted(
        Path(p).name for p in (copy, there)
    )


def test_archive_interrupted_says_which_copies_it_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bug fixed: Ctrl-C after a copy was saved in sources/ left it there, named by
    # nothing, and nothing said so (as it is said when the file cannot be written).
    # Ctrl-C is made to come as the second source is fetched, not sent: no race.
    import timeline.verify.fetch as fetch

    path = tmp_path / "story.toml"
    page = b"<html><body><p>They refused.</p></body></html>"
    copy = f"sources/{hashlib.sha256(page).hexdigest()[:16]}.html"
    real_archive = fetch.archive
    fetched: list[str] = []

    def interrupted_second(url: str, timeline_file: str | Path) -> fetch.Archived:
        fetched.append(url)
        if len(fetched) == 2:
            raise KeyboardInterrupt
        return real_archive(url, timeline_file)

    monkeypatch.setattr(fetch, "archive", interrupted_second)
    monkeypatch.chdir(tmp_path)
    with local_server() as server:
        server.routes["/statement"] = respond(body=page)
        written = (
            '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018-07-19"\n'
            f'title = "A"\nsources = ["{server.url("/statement")}", "{server.url("/next")}"]\n'
        )
        path.write_text(written, encoding="utf-8")
        assert main(["archive", "story.toml"]) == 130
    captured = capsys.readouterr()
    assert len(fetched) == 2
    assert f"saved {server.url('/statement')} as {copy}" in captured.out
    assert (tmp_path / copy).read_bytes() == page
    assert path.read_text(encoding="utf-8") == written  # nothing written
    assert captured.err.splitlines() == [
        "story.toml: note: interrupted; nothing was written into the file",
        f"story.toml: note: kept the copy saved above, which nothing in the file names yet: {copy}",
        "story.toml: note: `timeline archive story.toml` run again fetches each source "
        "again, and names a copy here only if its page is unchanged; to keep a copy as "
        'saved (its page may change or go), write in its source archive = "sources/..." '
        f"and accessed = {date.today().isoformat()}; a copy no source names can be deleted",
    ]
    assert "Traceback" not in captured.err


def test_archive_says_each_source_at_its_url_naming_it_as_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: every line was at the event's header ("story.toml:1: error: ..."),
    # without a column, its event or which of its sources: of an event of four sources,
    # a reader could not tell which had failed. And a space in an address was said as
    # "URL can't contain control characters".
    page = b"<html><body><p>They refused.</p></body></html>"
    with local_server() as server:
        server.routes["/ok"] = respond(body=page)
        gone = server.url("/gone")
        path = tmp_path / "story.toml"
        path.write_text(
            '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018-07-19"\ntitle = "A"\n'
            f'sources = ["{gone}", {{ label = "ok", url = "{server.url("/ok")}" }}]\n\n'
            '[[events.quotes]]\ntext = "They refused."\n'
            f'source = {{ url = "{gone}/quote" }}\n\n'
            '[[events]]\nid = "b"\ndate = "2018-07-20"\ntitle = "B"\n\n'
            f'[[events.sources]]\nlabel = "L"\nurl = "{gone}"\n\n'
            '[[events.sources]]\nlabel = "spaced"\nurl = "http://exa mple.org/x"\n',
            encoding="utf-8",
        )
        assert main(["archive", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"{path}:8:{16 + len(gone)}: event 'a': source 2: saved {server.url('/ok')} as "
        f"sources/{hashlib.sha256(page).hexdigest()[:16]}.html\n"
    )
    errors = [line.split(" the server")[0] for line in captured.err.splitlines()]
    assert errors == [
        f"{path}:8:12: error: event 'a': source 1: {gone}:",
        f"{path}:12:1: error: event 'a': quote 1: field 'source': {gone}/quote:",
        f"{path}:21:1: error: event 'b': source 1: {gone}:",
        f"{path}:25:1: error: event 'b': source 2: http://exa mple.org/x: the address holds a "
        "space (character 11), which no URL may: write a space in a path as %20, or remove it",
    ]


def test_archives_are_beside_the_real_file_for_every_spelling_of_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: `archive` through a link (here/g.toml -> ../elsewhere/g.toml) saved
    # under here/sources/ and wrote "sources/…", which `verify` of the real file then
    # looked for beside it: "no such archive" (exit 2), while the link's spelling
    # found it. One folder now, the real file's, for archive, verify and the viewer.
    page = b"<html><body><p>They refused.</p></body></html>"
    (tmp_path / "here").mkdir()
    (tmp_path / "elsewhere").mkdir()
    real = tmp_path / "elsewhere" / "g.toml"
    link = tmp_path / "here" / "g.toml"
    link.symlink_to(Path("..") / "elsewhere" / "g.toml")
    with local_server() as server:
        server.routes["/statement"] = respond(body=page)
        real.write_text(
            '[[events]]\nid = "refused"\ndate = "2018-07-19"\ntitle = "Refused"\n'
            f'source = {{ url = "{server.url("/statement")}" }}\n'
            'quote = "They refused."\n',
            encoding="utf-8",
        )
        assert main(["archive", str(link)]) == 0
    name = f"sources/{hashlib.sha256(page).hexdigest()[:16]}.html"
    assert (tmp_path / "elsewhere" / name).read_bytes() == page
    assert not (tmp_path / "here" / "sources").exists()
    assert f'archive = "{name}"' in real.read_text(encoding="utf-8")
    assert f"as {name} in {real.parent} (beside the file {link} links to)" in (
        capsys.readouterr().out
    )
    for spelling in (real, link, tmp_path / "here" / ".." / "elsewhere" / "g.toml"):
        assert main(["verify", str(spelling)]) == 0, capsys.readouterr()
        assert capsys.readouterr().out.endswith(": 1 verbatim\n")


async def test_s_finds_the_archive_of_a_file_opened_through_a_link(tmp_path: Path) -> None:
    from timeline.ui.screens.source import SourceScreen

    (tmp_path / "elsewhere").mkdir()
    real = one_archived_quote(tmp_path / "elsewhere")
    (tmp_path / "here").mkdir()
    link = tmp_path / "here" / "t.toml"
    link.symlink_to(real)
    app = app_for(link)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.quotes_checked, "quotes checked")
        assert app.view.marks[("one", 0)][0] == "✓"
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), "the passage")
        assert "found verbatim" in plain(app.screen.content)


# ---------------------------------------------------------------------- citations


async def test_y_cites_the_quote_on_its_own_date() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        assert app.view.select_id("employees-ask")
        app.main.draw_view()
        await pilot.press("y")
        assert app.clipboard.startswith("“After @salesforce workers asked their CEO")
        # The tweet said it on 19 July; the event it documents is dated before 16 July.
        assert "Thursday 19 July 2018" in app.clipboard
        assert "before Monday 16 July" not in app.clipboard


# ---------------------------------------------------------------------- statuses


async def test_the_detail_pane_says_when_a_source_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: the pane gave a source's `accessed` date only when the source also had
    # an archived copy, where `timeline print` gave "(primary; accessed 10 Jan 2024)".
    path = tmp_path / "read.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2022-01-03\ntitle = "A"\n'
        '[[events.sources]]\nlabel = "Court record"\nurl = "https://example.org/record"\n'
        'kind = "primary"\naccessed = 2024-01-10\n',
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: bool(app.main.detail.lines()), "the pane is drawn")
        shown = " ".join(line.strip() for line in app.main.detail.lines())
        assert "Source: Court record (primary; accessed 10 Jan 2024) https://" in shown
    assert main(["print", "--no-pager", str(path)]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert "Court record https://example.org/record (primary; accessed 10 Jan 2024)" in printed


def test_status_filter_reads_names_and_says_what_is_valid() -> None:
    events = loaded().events
    single = parse_filter_args(["status=single-source"])
    assert single.statuses == frozenset({"single source"})
    kept = [e for e in events if single.keeps(e)]
    assert kept and all(e.status == "single source" for e in kept)
    assert single.describe() == "status=single source"
    with pytest.raises(FilterError, match=r"did you mean 'confirmed'\?.*'unverified', 'none'"):
        parse_filter_args(["status=confirmd"])
    unstated = parse_filter_args(["status=none"])
    assert unstated.describe() == "status=none"
    assert all(e.status == "" for e in events if unstated.keeps(e))


def test_facets_count_statuses() -> None:
    events = loaded().events
    counted = dict(facets(events).statuses)
    assert sum(counted.values()) == len(events)
    assert set(counted) <= {"confirmed", "single source", "disputed", "unverified", ""}


async def test_the_rail_marks_statuses_only_when_the_timeline_has_them(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        '[[events]]\ndate = "2018-07-19"\ntitle = "Checked"\nstatus = "confirmed"\n'
        '[[events]]\ndate = "2018-07-20"\ntitle = "Contested"\nstatus = "disputed"\n'
        '[[events]]\ndate = "2018-07-21"\ntitle = "Said nothing"\n',
        encoding="utf-8",
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [app.main.rail.render_line(y).text for y in range(app.main.rail.size.height)]
    marked = {row.split()[0][-1] for row in rows if "Checked" in row or "Contested" in row}
    assert marked == {"✓", "!"}
    [plain] = [row for row in rows if "Said nothing" in row]
    checked = next(row for row in rows if "Checked" in row)
    assert plain.index("Said") == checked.index("Checked")  # titles still line up

    path.write_text('[[events]]\ndate = "2018-07-21"\ntitle = "Said nothing"\n')
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [app.main.rail.render_line(y).text for y in range(app.main.rail.size.height)]
    [plain] = [row for row in rows if "Said nothing" in row]
    assert plain.split()[:2] == ["○", "Sat"]  # the date follows the marker: no status column


async def test_the_filter_picker_offers_statuses() -> None:
    from textual.widgets import SelectionList

    from timeline.ui.screens.filter_picker import FilterPicker

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterPicker), "the picker")
        statuses = app.screen.query_one("#facet-status", SelectionList)
        values = {statuses.get_option_at_index(i).value for i in range(statuses.option_count)}
        assert "single source" in values
        statuses.select("single source")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, FilterPicker), "closing")
        assert app.view.filter.statuses == frozenset({"single source"})
        shown = [app.view.timeline.events[i] for i in app.view.shown]
        assert shown and all(e.status == "single source" for e in shown)


# ---------------------------------------------------------------------- in source


def test_a_passage_marks_the_quote_and_its_differences() -> None:
    found = SourceText(ARTICLE)
    quote = "They refused."
    match = check(quote.replace("refused", "refuzed"), found)
    laid = passage(ARTICLE, match, context=80)
    assert "".join(p.text for p in laid.source) == ARTICLE[laid.start : laid.end]
    assert [p.text for p in laid.source if p.role == "differs"] == ["s"]
    assert [p.text for p in laid.quote if p.role == "differs"] == ["z"]
    assert laid.cut_before and laid.cut_after

    verbatim = passage(ARTICLE, check(quote, found), context=80)
    assert [p.text for p in verbatim.source if p.role == "passage"] == [quote]
    assert {p.role for p in verbatim.source} == {"context", "passage"}


def one_archived_quote(tmp_path: Path) -> Path:
    """Two events with a quote each; only the first's source has an archived copy."""
    path = tmp_path / "t.toml"
    path.write_text(
        '[[events]]\ndate = "2018-07-19"\ntitle = "One"\nquote = "They refused."\n'
        '[[events.sources]]\nlabel = "Saved"\narchive = "saved.txt"\n'
        '[[events]]\ndate = "2018-07-20"\ntitle = "Two"\nquote = "Nothing saved."\n',
        encoding="utf-8",
    )
    (tmp_path / "saved.txt").write_text("In the end: They refused. Then nothing.", encoding="utf-8")
    return path


def test_the_viewer_has_each_quote_checked_by_event_and_number(tmp_path: Path) -> None:
    from timeline.verify.run import check_quotes, mark_of

    path = one_archived_quote(tmp_path)
    checks = check_quotes(loaded(path))
    assert {key: mark_of(checked)[0] for key, checked in checks.items()} == {
        ("one", 0): "✓",
        ("two", 0): "?",  # no archive to check it against
    }
    bare = tmp_path / "bare.toml"
    bare.write_text('[[events]]\ndate = "2018-07-19"\ntitle = "One"\nquote = "Hm."\n')
    assert check_quotes(loaded(bare)) == {}  # nothing archived: nothing read


async def test_s_shows_the_selected_quote_inside_its_source() -> None:
    from timeline.ui.screens.source import SourceScreen

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.quotes_checked, "quotes checked")
        assert app.view.select_id("employees-ask")
        app.main.draw_view()
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SourceScreen), "the passage")
        shown = plain(app.screen.content)
        assert "found verbatim" in shown and "After @salesforce workers asked" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SourceScreen), "closing")


async def test_s_on_a_quote_without_an_archive_says_how_to_get_one(tmp_path: Path) -> None:
    path = one_archived_quote(tmp_path)
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.quotes_checked, "quotes checked")
        assert app.view.marks[("one", 0)][0] == "✓"
        await pilot.press("j", "s")
        await wait_until(pilot, lambda: len(app.screen_stack) > 1, "the source screen")
        shown = plain(app.screen.content)
        assert "no archived copy" in shown and "timeline archive FILE" in shown


def test_the_viewer_checks_a_quote_whose_own_source_alone_is_archived(tmp_path: Path) -> None:
    # Bug fixed: the viewer asked whether anything was archived by looking at the
    # events' sources only, so a timeline whose archives were all on quotes' own
    # sources had no quote checked or marked, while `timeline verify` checked them.
    from timeline.verify.run import check_quotes, mark_of, verify

    path = tmp_path / "t.toml"
    path.write_text(
        '[[events]]\ndate = "2018-07-19"\ntitle = "One"\n'
        '[[events.quotes]]\ntext = "They refused."\n'
        'source = { label = "Saved", archive = "saved.txt" }\n',
        encoding="utf-8",
    )
    (tmp_path / "saved.txt").write_text("In the end: They refused. Then nothing.", encoding="utf-8")
    timeline = loaded(path)
    assert [mark_of(checked)[0] for checked in verify(path, timeline)] == ["✓"]
    checks = check_quotes(timeline)
    assert {key: mark_of(checked)[0] for key, checked in checks.items()} == {("one", 0): "✓"}


def test_merged_files_have_the_quotes_of_each_file_that_archives_checked_alone(
    tmp_path: Path, made_slices: list[int]
) -> None:
    # Bug fixed: merged with a file that archives (events.toml), a large one's quotes
    # were all marked unchecked, each event made: the viewer on 1,000,000 events and
    # events.toml held 2.9 GB. A file that archives nothing is not read for its
    # quotes, as when it is opened alone.

    from timeline.merged_rows import MergedRows
    from timeline.read import load_files
    from timeline.read.toml import Tuning
    from timeline.verify.run import check_quotes

    path = one_archived_quote(tmp_path)
    story = tmp_path / "story.toml"
    # The quote file's second id ("two") given by the story too: renamed merged.
    twice = '\n[[events]]\nid = "two"\ndate = 2019-01-01\ntitle = "T"\nquote = "Q"\n'
    story.write_text(generated(300) + twice, encoding="utf-8")
    made = Tuning(large_file=0, chunk_events=5, parallel_file=0, cache_slice=7, stored_events=0)
    load_files([story], tuning=made)  # cached
    for files in ([story, path], [path, story]):
        timeline = load_files(files, tuning=made._replace(stored_events=50)).timeline
        assert timeline is not None and isinstance(timeline.events, MergedRows)
        checks = check_quotes(timeline)
        marks = {
            key: checked.match.outcome.value for key, checked in checks.items() if checked.match
        }
        assert marks == {("one", 0): "verbatim", ("t.toml:two", 0): "unchecked"}
        assert made_slices == []  # the story's events: none made
        assert checks[("t.toml:two", 0)].event == timeline.get("t.toml:two")  # as merged
        made_slices.clear()


@pytest.mark.parametrize(
    ("name", "shown", "word"),
    [
        ("my notes.toml", "{}/my notes.toml", "'{}/my notes.toml'"),
        # Bug fixed: `café.toml` saved by a Latin-1 system was said as
        # `caf<U+DCE9>.toml`, and the command to paste named no file.
        (os.fsdecode(b"caf\xe9.toml"), r"$'{}/caf\xe9.toml'", r"$'{}/caf\xe9.toml'"),
    ],
)
async def test_s_on_a_quote_of_a_merged_file_without_archives_names_that_file(
    tmp_path: Path, name: str, shown: str, word: str
) -> None:
    # Found in review: merged with a file that archives, the quotes of one that does not
    # are not checked (as when it is opened alone), and `s` on one said that no quote
    # of the whole timeline had an archived source.
    archived = one_archived_quote(tmp_path)
    notes = tmp_path / name
    notes.write_text(
        '[[events]]\nid = "note"\ndate = "2018-07-16"\ntitle = "A note"\nquote = "Said."\n',
        encoding="utf-8",
    )
    app = TimelineApp([str(archived), str(notes)], None, poll=False, at="note")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.quotes_checked, "quotes checked")
        assert app.view.selected is not None and app.view.selected.id == "note"
        await pilot.press("s")
        said = [n.message for n in app._notifications]
        shown, word = shown.format(tmp_path), word.format(tmp_path)
        assert (
            f"No quote of {shown} has an archived source; `timeline archive {word}` saves them."
            in said
        )
        assert len(app.screen_stack) == 1
    # The command runs as pasted into bash (`timeline` being this checkout's).
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    typed = f"{shlex.quote(sys.executable)} -m timeline archive {word}"
    pasted = subprocess.run(["bash", "-c", typed], capture_output=True, env=env, timeout=60)
    assert pasted.returncode == 0, pasted.stderr
    assert pasted.stdout.endswith(b": every source with a URL is archived already\n")
