"""`timeline print`: a printout people can paste (no trailing spaces, dates and URLs
whole, quotes set apart), with eras, relations and derived dates, and a pager on a
terminal it does not fit."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_timeline, terminal_output
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import pager
from timeline.model import Event, Media, Precision, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.read.toml import load_text
from timeline.show.citation import event_date
from timeline.show.printing import console_for, lines, print_timeline
from timeline.show.wrap import Builder, wrap

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"
WIDTHS = (40, 60, 80, 200)
LONG_URL = (
    "https://web.archive.org/web/20180720093000/https://www.example.org/news/2018/07/19/"
    "raices-rejects-250000-donation-from-salesforce-over-contract-with-trump-administration"
)

STORY = f"""\
[timeline]
title = "T"

[[eras]]
title = "The letter and its answer"
start = 2018-07-16
end = 2018-07-19
text = "From RAICES's letter to its tweet."

[[eras]]
title = "Before the story"
start = 2018-06-01
end = 2018-06-30

[[events]]
id = "benioff"
date = 2018-07-08
title = "Benioff tweets"
speaker = "Marc Benioff"

[[events.sources]]
label = "The tweet, archived"
url = "{LONG_URL}"
accessed = 2018-07-20
archive = "sources/a long name with spaces.html"

[[events]]
id = "letter"
date = "Monday"
relative_to = "tweet"
title = "RAICES writes to Salesforce"
speaker = "RAICES"
quotes = ["First quote.", "Second quote.", "Third quote."]

[[events]]
id = "tweet"
date = 2018-07-19
title = "RAICES announces it refused"
speaker = "RAICES"

[[events]]
id = "reply"
date = 2018-07-19T14:05:30+02:00
title = "A supporter answers"
in_reply_to = "tweet"
kind = "tweet"
"""


def _story(tmp_path: Path) -> Path:
    path = tmp_path / "story.toml"
    path.write_text(STORY, encoding="utf-8")
    return path


def _loaded(path: Path) -> Timeline:
    result = load_any(path)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    terminal = ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "PAGER", "LESS")
    return run_timeline(*args, env=env, drop=terminal)


def printed(timeline: Timeline, width: int, everything: Timeline | None = None) -> list[str]:
    out = io.StringIO()
    console = console_for(out)
    console.width = width
    return list(lines(timeline, console, everything=everything))


# ---------------------------------------------------------------------- pasting


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_ends_in_spaces_when_piped(width: int, tmp_path: Path) -> None:
    # Bug fixed: Rich padded every line of the table to the width (`print | cat -A`).
    for path in (EVENTS, _story(tmp_path)):
        result = run("print", str(path), env={"COLUMNS": str(width)})
        assert result.returncode == 0, result.stderr
        padded = [line for line in result.stdout.splitlines() if line != line.rstrip()]
        assert padded == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_date_is_never_split_across_lines(width: int, tmp_path: Path) -> None:
    # Bug fixed: a date wider than the 20-column date column was folded onto two lines.
    shown = printed(_loaded(_story(tmp_path)), width)
    assert "19 Jul 2018 14:05:30 UTC+02:00" in shown


@pytest.mark.parametrize("width", WIDTHS)
def test_every_date_of_events_toml_stands_whole_on_its_line(width: int) -> None:
    timeline = _loaded(EVENTS)
    shown = printed(timeline, width)
    for event in timeline.events:
        date = event_date(event)
        # Beside the event (followed by two spaces or more), or alone above it.
        assert any(line == date or line.startswith(date + "  ") for line in shown), date


@pytest.mark.parametrize("width", WIDTHS)
def test_a_url_is_never_cut_or_broken(width: int, tmp_path: Path) -> None:
    shown = printed(_loaded(_story(tmp_path)), width)
    # Bug fixed: a URL wider than its column was folded, and pasted as two halves.
    holding = [line for line in shown if LONG_URL in line]
    assert len(holding) == 1
    assert "…" not in "\n".join(shown)
    # The archive's path, spaces and all, and the access date are never split either.
    assert any("sources/a long name with spaces.html" in line for line in shown)
    assert any("accessed 20 Jul 2018" in line for line in shown)


def test_a_url_that_fits_stays_on_the_line_and_one_that_does_not_gets_its_own() -> None:
    text = Builder().add("Source: The tweet ").add(LONG_URL, whole=True).add(" (primary)")
    shown = [line.plain for line in wrap(text.paragraph(), 60)]
    assert shown == ["Source: The tweet", LONG_URL, "(primary)"]
    shown = [line.plain for line in wrap(text.paragraph(), 300)]
    assert shown == [f"Source: The tweet {LONG_URL} (primary)"]


def test_long_words_that_are_not_links_are_cut_where_the_line_ends() -> None:
    # A quote in Chinese has no spaces to break at: it is cut, or it would run off.
    shown = [line.plain for line in wrap(Builder().add("天" * 30).paragraph(), 20)]
    assert shown == ["天" * 10, "天" * 10, "天" * 10]


def test_quotes_are_set_apart_by_blank_lines(tmp_path: Path) -> None:
    shown = printed(_loaded(_story(tmp_path)), 80)
    # Bug fixed: one quote ran into the next.
    first = next(i for i, line in enumerate(shown) if "“First quote.”" in line)
    second = next(i for i, line in enumerate(shown) if "“Second quote.”" in line)
    third = next(i for i, line in enumerate(shown) if "“Third quote.”" in line)
    assert shown[first - 1] == "" and shown[second - 1] == "" and shown[third - 1] == ""
    assert second == first + 2 and third == second + 2


# ---------------------------------------------------------------------- what it shows


def test_eras_begin_and_end_among_the_events(tmp_path: Path) -> None:
    shown = printed(_loaded(_story(tmp_path)), 80)
    text = "\n".join(shown)
    begins = shown.index("Era begins: The letter and its answer (16–19 Jul 2018)")
    assert shown[begins + 1] == "  From RAICES's letter to its tweet."
    ends = shown.index("Era ends: The letter and its answer")
    letter = next(i for i, line in enumerate(shown) if "RAICES writes to Salesforce" in line)
    tweet = next(i for i, line in enumerate(shown) if "RAICES announces it refused" in line)
    reply = next(i for i, line in enumerate(shown) if "A supporter answers" in line)
    benioff = next(i for i, line in enumerate(shown) if "Benioff tweets" in line)
    # The era holds the letter, the tweet and the reply (on the era's last day, which
    # counts whole), not Benioff's tweet before it.
    assert benioff < begins < letter < tweet < reply < ends
    # An era with no event is said where it falls.
    assert "Era: Before the story (1–30 Jun 2018), with no event in this printout" in text
    assert text.index("Era: Before the story") < text.index("July 2018 ─")


def test_relations_and_derived_dates_are_printed(tmp_path: Path) -> None:
    shown = printed(_loaded(_story(tmp_path)), 200)
    text = "\n".join(shown)
    assert (
        "written as “Monday”: the Monday on or before “RAICES announces it refused” "
        "(Thursday 19 July 2018)"
    ) in text
    assert "Dated from: RAICES announces it refused (19 Jul 2018)" in text
    assert "Replied to by: A supporter answers (19 Jul 2018 14:05:30 UTC+02:00)" in text
    assert "In reply to: RAICES announces it refused (19 Jul 2018)" in text


def test_relations_to_events_a_filter_left_out_say_so(tmp_path: Path) -> None:
    path = _story(tmp_path)
    result = run("print", str(path), "--filter", "kind=tweet", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "A supporter answers" in result.stdout
    assert "RAICES writes to Salesforce" not in result.stdout
    assert (
        "In reply to: RAICES announces it refused (19 Jul 2018), not in this printout"
        in result.stdout
    )


def test_a_date_in_a_derivation_is_kept_on_one_line(tmp_path: Path) -> None:
    for width in range(40, 90):
        shown = printed(_loaded(_story(tmp_path)), width)
        assert any("(Thursday 19 July 2018)" in line for line in shown), width


def test_the_long_date_stands_above_its_event_and_short_ones_beside(tmp_path: Path) -> None:
    shown = printed(_loaded(_story(tmp_path)), 80)
    at = shown.index("19 Jul 2018 14:05:30 UTC+02:00")
    assert shown[at + 1] == " " * 22 + "A supporter answers  [tweet]"
    assert "8 Jul 2018            Benioff tweets" in shown
    narrow = printed(_loaded(_story(tmp_path)), 40)
    at = narrow.index("8 Jul 2018")
    assert narrow[at + 1] == "  Benioff tweets"


def test_print_timeline_writes_to_a_file_object(tmp_path: Path) -> None:
    out = io.StringIO()
    print_timeline(_loaded(_story(tmp_path)), out)
    assert out.getvalue().startswith("T\n\nEra: Before the story")


# ---------------------------------------------------------------------- the pager

FAKE_PAGER = """\
import os, sys
data = sys.stdin.buffer.read()
target = sys.argv[1]
with open(target + ".part", "wb") as f:
    f.write(data)
    f.write(("\\n--LESS=" + os.environ.get("LESS", "<unset>") + "\\n").encode())
os.replace(target + ".part", target)
"""


def _fake_pager(tmp_path: Path) -> tuple[list[str], Path]:
    script = tmp_path / "pager.py"
    script.write_text(FAKE_PAGER, encoding="utf-8")
    got = tmp_path / "paged.txt"
    return [sys.executable, str(script), str(got)], got


def wait_for(condition: Callable[[], bool], what: str, limit: float = 60) -> None:
    """Until `condition()` holds; the limit only ends a test that would hang."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.01)


def test_output_taller_than_the_terminal_goes_to_the_pager(tmp_path: Path) -> None:
    command, got = _fake_pager(tmp_path)
    out = io.StringIO()
    text = [f"line {n}" for n in range(30)]
    pager.page(
        iter(text),
        out,
        screen=pager.Screen(True, 10),
        pager=command,
        env=pager.environment({**os.environ, "PATH": os.environ.get("PATH", "")}),
    )
    wait_for(got.exists, "the pager's copy")
    assert got.read_text(encoding="utf-8") == "\n".join(text) + "\n\n--LESS=FRX\n"
    assert out.getvalue() == ""


def test_output_that_fits_is_printed_without_a_pager(tmp_path: Path) -> None:
    command, got = _fake_pager(tmp_path)
    out = io.StringIO()
    # Nine lines on a ten-line terminal: they fit, with the prompt below them.
    pager.page(iter(["x"] * 9), out, screen=pager.Screen(True, 10), pager=command)
    assert out.getvalue() == "x\n" * 9
    assert not got.exists()
    # Ten do not: the first would scroll away.
    pager.page(iter(["x"] * 10), out, screen=pager.Screen(True, 10), pager=command)
    wait_for(got.exists, "the pager's copy")


def test_never_a_pager_when_piped_or_turned_off(tmp_path: Path) -> None:
    command, got = _fake_pager(tmp_path)
    for screen, chosen in (
        (pager.Screen(False, 0), command),  # piped
        (pager.Screen(True, 10), None),  # --no-pager, PAGER=cat or PAGER=""
        (pager.Screen(True, 0), command),  # a terminal of unknown height
    ):
        out = io.StringIO()
        pager.page(iter(["x"] * 100), out, screen=screen, pager=chosen)
        assert out.getvalue() == "x\n" * 100
    assert not got.exists()


def test_the_pager_is_pager_else_less(tmp_path: Path) -> None:
    assert pager.command({}) == ["less", "-R"]
    assert pager.command({"PAGER": "most -s"}) == ["most", "-s"]
    assert pager.command({"PAGER": "'my pager' --x"}) == ["my pager", "--x"]
    assert pager.command({"PAGER": "cat"}) is None
    assert pager.command({"PAGER": ""}) is None
    with pytest.raises(pager.PagerError, match="PAGER='less \"' cannot be read"):
        pager.command({"PAGER": 'less "'})
    assert pager.environment({})["LESS"] == "FRX"
    assert pager.environment({"LESS": "-S"})["LESS"] == "-S"


def test_a_pager_that_cannot_start_is_said_and_nothing_is_lost(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    missing = [str(tmp_path / "no-such-pager")]
    pager.page(iter(["x"] * 20), out, screen=pager.Screen(True, 10), pager=missing, err=err)
    assert out.getvalue() == "x\n" * 20
    assert "cannot start the pager" in err.getvalue()
    assert "--no-pager" in err.getvalue()


def test_a_pager_quit_early_ends_the_printout_quietly(tmp_path: Path) -> None:
    # `head -n 1` reads a line and leaves, as a reader quitting less does.
    quitter = [sys.executable, "-c", "import sys; sys.stdin.readline()"]
    out = io.StringIO()
    pager.page(
        (f"line {n}" for n in range(200_000)),
        out,
        screen=pager.Screen(True, 10),
        pager=quitter,
    )
    assert out.getvalue() == ""


def _on_a_terminal(tmp_path: Path, *args: str, env: dict[str, str]) -> bytes:
    """What `timeline ARGS` writes to a pseudo-terminal of 24 lines."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "NO_COLOR", "PAGER", "LESS") and not k.startswith("PYTEST")
    }
    base.update({"COLUMNS": "80", "LINES": "24", **env})
    return terminal_output(args, tmp_path, base)


def test_print_on_a_terminal_pages_through_pager(tmp_path: Path) -> None:
    command, got = _fake_pager(tmp_path)
    shown = _on_a_terminal(
        tmp_path, "print", str(EVENTS), env={"PAGER": " ".join(f"'{c}'" for c in command)}
    )
    wait_for(got.exists, "the pager's copy")
    paged = got.read_text(encoding="utf-8")
    assert "RAICES declines Salesforce's $250,000" in paged
    assert "\x1b[" in paged  # colours go to the pager, as git sends them to less -R
    assert paged.endswith("\n--LESS=FRX\n")
    assert b"RAICES declines" not in shown  # the pager had it all


def test_no_pager_and_short_output_print_straight_to_the_terminal(tmp_path: Path) -> None:
    command, got = _fake_pager(tmp_path)
    env = {"PAGER": " ".join(f"'{c}'" for c in command)}
    shown = _on_a_terminal(tmp_path, "print", "--no-pager", str(EVENTS), env=env)
    assert b"RAICES declines" in shown and b"Chema Hern" in shown
    short = tmp_path / "short.toml"
    short.write_text('[[events]]\ndate = 2018\ntitle = "Only one"\n', encoding="utf-8")
    shown = _on_a_terminal(tmp_path, "print", str(short), env=env)
    assert b"Only one" in shown
    assert not got.exists()


def test_piped_output_never_starts_the_pager_even_with_pager_set(tmp_path: Path) -> None:
    command, got = _fake_pager(tmp_path)
    result = run("print", str(EVENTS), env={"PAGER": " ".join(f"'{c}'" for c in command)})
    assert result.returncode == 0
    assert "RAICES declines" in result.stdout
    assert not got.exists()


def test_a_pager_that_cannot_be_read_is_a_usage_error_on_a_terminal(tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({"PAGER": 'less "', "LINES": "24", "COLUMNS": "80"})
    proc = subprocess.run(
        [sys.executable, "-m", "timeline", "print", str(EVENTS)],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    os.close(leader)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert re.match(r"timeline: error: PAGER='less \"' cannot be read as a command", err)
    assert "--no-pager" in err


def test_help_names_the_pager_option() -> None:
    result = run("print", "--help")
    assert "--no-pager" in result.stdout and "PAGER" in result.stdout


def test_dates_at_a_precision_of_a_year_head_their_year(tmp_path: Path) -> None:
    events = (Event("a", When(1999, precision=Precision.YEAR), "a", quotes=(Quote("q"),)),)
    shown = printed(Timeline("T", events, source=Source("S")), 80)
    assert shown[:4] == ["T", "Source: S", "", "1999 " + "─" * 75]


@pytest.mark.parametrize("no_color", [False, True])
def test_styles_on_a_terminal_are_written_as_rich_writes_them(no_color: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    from timeline.show.printing import printout

    timeline = _loaded(EVENTS)
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, no_color=no_color, width=80, highlight=False, markup=False
    )
    shown = list(lines(timeline, console))
    expected = []
    for n, piece in enumerate(printout(timeline, 80)):
        expected += [""] if n else []
        for line in piece:
            with console.capture() as capture:
                console.print(Text.assemble(*line.runs()), soft_wrap=True, crop=False)
            expected.append(capture.get().removesuffix("\n"))
    assert shown == expected
    assert any("\x1b[" in line for line in shown)
    assert [line for line in shown if re.sub(r"\x1b\[[0-9;]*m", "", line).endswith(" ")] == []


def test_eras_found_by_bisecting_match_each_events_own_answer() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from timeline.model import Era, chronological
    from timeline.show.printing import _Eras

    precisions = st.sampled_from([Precision.YEAR, Precision.MONTH, Precision.DAY])

    @st.composite
    def dates(draw: st.DrawFn) -> When:
        precision = draw(precisions)
        month = draw(st.integers(1, 12)) if precision >= Precision.MONTH else 1
        day = draw(st.integers(1, 28)) if precision >= Precision.DAY else 1
        return When(draw(st.integers(2016, 2019)), month, day, precision=precision)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(dates(), max_size=30), st.lists(st.tuples(dates(), dates()), max_size=4))
    def check(whens: list[When], spans: list[tuple[When, When]]) -> None:
        events = chronological(Event(str(n), when, "e") for n, when in enumerate(whens))
        eras = []
        for n, span in enumerate(spans):
            start, end = sorted(span, key=lambda w: w.key)
            eras.append(Era(str(n), start, end))
        found = _Eras(eras, events)
        for era in eras:
            inside = [i for i, event in enumerate(events) if era.contains(event.when)]
            if inside:
                assert era in found.begin[inside[0]] and era in found.end[inside[-1]]
            else:
                assert any(era in listed for listed in found.empty.values())

    check()


def test_group_tags_and_media_are_printed() -> None:
    # The detail pane shows them; a printout left them out.
    timeline = _loaded(ROOT / "events.toml")
    text = " ".join(" ".join(printed(timeline, 200)).split())
    assert "Salesforce · #salesforce · #cbp · #ice" in text
    assert "Media: Protesters rally against the separation of immigrant families" in text
    assert "Bridgeport, Connecticut. — John Moore/Getty" in text


def test_print_says_no_media_for_a_blank_one(tmp_path: Path) -> None:
    # Bug fixed: `media = { url = " " }` (which loads: kept for round trips) printed a
    # line "Media:" naming nothing, as the exports no longer do.
    path = tmp_path / "m.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n\n[[events]]\ndate = 2020-01-01\ntitle = "Blank"\n'
        'media = { url = " " }\n',
        encoding="utf-8",
    )
    result = run("print", str(path), "--no-pager", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert "Blank" in result.stdout
    assert "Media" not in result.stdout


@pytest.mark.parametrize(
    ("media", "said"),
    [
        (Media(url=" "), None),
        (Media(url=" ", caption="  ", credit="AP"), None),
        (Media(url="", caption=" ", credit="AP", alt="a crowd"), None),
        # Named by its caption, else its alt text, else its address, as the exports name
        # it (`Media.name`); the printout said "Media:  — AP https://..." of a caption of
        # spaces, and "Media: — AP https://..." of none.
        (
            Media(url="https://example.org/p.jpg", caption="Protesters", credit="AP"),
            "Media: Protesters — AP https://example.org/p.jpg",
        ),
        (
            Media(url="https://example.org/p.jpg", caption="  ", credit="AP", alt="a crowd"),
            "Media: a crowd — AP https://example.org/p.jpg",
        ),
        (
            Media(url="https://example.org/p.jpg", credit="AP", alt=" "),
            "Media: https://example.org/p.jpg — AP",
        ),
        (Media(url=" ", caption="Protesters"), "Media: Protesters"),
    ],
)
def test_a_media_is_named_alike_in_the_printout_the_pane_and_the_copy(
    media: Media, said: str | None
) -> None:
    from rich.console import Console

    from timeline.show.citation import event_citation
    from timeline.ui.widgets.detail import describe_event

    event = Event(id="e", title="E", when=When(2018, 7, 19), media=media)
    timeline = Timeline(title="T", events=(event,))
    out = [line.strip() for line in printed(timeline, 200) if "Media" in line]
    assert out == ([] if said is None else [said])
    copied = [line for line in event_citation(event).splitlines() if "Media" in line]
    assert copied == ([] if said is None else [said])
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(event, timeline))
    pane = " ".join(console.export_text().split())
    # The pane puts a named media's link on the line under its name.
    assert ("Media" in pane) == (said is not None)
    if said is not None:
        assert said in pane


def test_a_toml_date_time_is_not_quoted_as_written(tmp_path: Path) -> None:
    # Bug fixed: `date = 2018-07-19T14:05:00Z` showed 'written as
    # “2018-07-19T14:05:00+00:00”', text the file does not hold: a TOML date-time is read
    # as a value, its spelling lost. A date written as text is still quoted as written.
    path = tmp_path / "t.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\ntimezone = "America/New_York"\n\n'
        '[[events]]\ntitle = "value"\ndate = 2018-07-19T14:05:00Z\n\n'
        '[[events]]\ntitle = "text"\ndate = "2018-07-19T14:05:00Z"\n',
        encoding="utf-8",
    )
    shown = [line.strip() for line in printed(_loaded(path), 80)]
    assert "given as 2018-07-19T14:05:00+00:00" in shown
    assert "written as “2018-07-19T14:05:00Z”" in shown
    assert not any("written as “2018-07-19T14:05:00+00:00”" in line for line in shown)


def test_a_tag_written_with_its_hash_is_printed_with_one(tmp_path: Path) -> None:
    # Bug fixed: tags = ["#cbp"] printed as "##cbp" (filters read it as the tag "cbp").
    path = tmp_path / "t.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n\n[[events]]\ndate = 2018-07-19\ntitle = "E"\n'
        'tags = ["#cbp", "salesforce"]\n',
        encoding="utf-8",
    )
    text = " ".join(printed(_loaded(path), 80))
    assert "#cbp · #salesforce" in text and "##" not in text


def test_a_bound_that_starts_a_month_is_printed_under_the_month_before(tmp_path: Path) -> None:
    # Bug fixed: the rail lists "before 1 July 2018" and "before July 2018" under June
    # (they lie in June or earlier), but the printout, Markdown and the HTML page put
    # them under a "July 2018" heading, among events they are known to precede.
    path = tmp_path / "bounds.toml"
    path.write_text(
        '[timeline]\ntitle = "Bounds"\n'
        '[[events]]\nid = "a"\ndate = 2018-06-20\ntitle = "June 20"\n'
        '[[events]]\nid = "b"\ndate = "before 2018-07-01"\ntitle = "Before 1 July"\n'
        '[[events]]\nid = "c"\ndate = "before July 2018"\ntitle = "Before July"\n'
        '[[events]]\nid = "d"\ndate = 2018-07-05\ntitle = "July 5"\n'
        '[[events]]\nid = "e"\ndate = "before 2020"\ntitle = "Before 2020"\n',
        encoding="utf-8",
    )
    timeline = _loaded(path)
    shown = [line.split("──")[0].strip() for line in printed(timeline, 80)]
    headings_and_titles = [
        text
        for text in shown
        if text.endswith(("2018", "2019", "2020")) or "Before" in text or "July 5" in text
    ]
    assert headings_and_titles == [
        "June 2018",
        "before 1 Jul 2018     Before 1 July",
        "before Jul 2018       Before July",
        "July 2018",
        "5 Jul 2018            July 5",
        "2019",
        "before 2020           Before 2020",
    ]
    from timeline.write import html
    from timeline.write import markdown as md

    markdown = md.dumps(timeline)
    assert markdown.index("## June 2018") < markdown.index("### Before July")
    assert markdown.index("### Before July") < markdown.index("## July 2018")
    assert markdown.index("## 2019") < markdown.index("### Before 2020")
    page = html.dumps(timeline)
    assert page.index("<h2>June 2018</h2>") < page.index("Before July</")
    assert page.index("Before July</") < page.index("<h2>July 2018</h2>")


def _dated(dates: list[str]) -> Timeline:
    """A timeline of events titled "E0", "E1"… with these dates (as TOML values)."""
    text = '[timeline]\ntitle = "T"\n' + "".join(
        f'[[events]]\nid = "e{n}"\ntitle = "E{n}"\ndate = {date}\n' for n, date in enumerate(dates)
    )
    result = load_text(text)
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline


def _headings_and_titles(timeline: Timeline) -> list[str]:
    """The printout's headings ("# 2019") and event titles, in order."""
    found: list[str] = []
    for line in printed(timeline, 80):
        if " ──" in line:
            found.append("# " + line.split(" ──")[0])
        else:
            found += re.findall(r"\bE\d+\b", line)
    return found


def _rail_headings_and_titles(timeline: Timeline) -> list[str]:
    """The same as the rail lays them out, a year heading followed by a month heading
    of that year written as the month's alone ("December 2019" names its year)."""
    from timeline.dates import listed_under, period_name
    from timeline.show.rail import EVENT, MONTH, YEAR, lay_out

    events = timeline.events
    rows = lay_out(events, range(len(events)), timeline.eras)
    found: list[str] = []
    for kind, ref in zip(rows.kinds, rows.refs, strict=True):
        year, month = listed_under(events[ref].when)
        if kind == YEAR:
            found.append(f"# {period_name(year, -1)}")
        elif kind == MONTH:
            if found and found[-1] == f"# {period_name(year, -1)}":
                found.pop()
            found.append(f"# {period_name(year, month)}")
        elif kind == EVENT:
            found.append(events[ref].title)
    return found


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            ['"2019-12-05"', '"before 2020"', '"2020-01-10"'],
            ["# December 2019", "E0", "E1", "# January 2020", "E2"],
        ),
        (
            ["-13800000000", '"before 2020"', '"2019-12-05"'],
            ["# 13800000000 BCE", "E0", "# December 2019", "E2", "E1"],
        ),
        (
            ['"2019-11-03"', '"before 2019-12"', '"2019-12-05"', '"before 2020"'],
            ["# November 2019", "E0", "E1", "# December 2019", "E2", "E3"],
        ),
        (
            ['"2019"', '"after 2019"', '"2019-03-02"', '"2019-12-30"'],
            ["# 2019", "E0", "# March 2019", "E2", "# December 2019", "E3", "E1"],
        ),
        (
            ['"2018"', '"2018-05-01"', '"before 2019"', '"after 2018"', '"2019-01"'],
            ["# 2018", "E0", "# May 2018", "E1", "E2", "E3", "# January 2019", "E4"],
        ),
    ],
)
def test_a_year_heading_never_follows_a_month_of_its_year(
    dates: list[str], expected: list[str]
) -> None:
    # Bug fixed: "before 2020" is listed under 2019, and the printout gave it a "2019"
    # heading after "December 2019"'s events (and "after 2019" the same), where the
    # rail lists it under December 2019's heading, as one more event of 2019.
    timeline = _dated(dates)
    shown = _headings_and_titles(timeline)
    assert shown == expected
    assert shown == _rail_headings_and_titles(timeline)


_DATES = st.sampled_from(
    [
        '"2019-12-05"', '"2019-12"', '"2019"', '"2019-01-01"', '"2019-11-30"', '"2020-01-10"',
        '"before 2020"', '"before 2019-12"', '"before 2019-12-01"', '"before 2019"',
        '"after 2019"', '"after 2019-12"', '"circa 2019"', '"2019?"', '"before 2020-01-01"',
        "-13800000000", '"1 BCE"', '"before 1"', '"2018-07-16"',
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_DATES, min_size=1, max_size=8))
def test_the_printout_heads_its_periods_as_the_rail_does(dates: list[str]) -> None:
    timeline = _dated(dates)
    shown = _headings_and_titles(timeline)
    assert shown == _rail_headings_and_titles(timeline)
    headings = [text for text in shown if text.startswith("#")]
    assert len(headings) == len(set(headings))  # each once


PROSE = "First paragraph,\n  its second line.\n\n\n  Second paragraph."


def _detail_lines(event: Event, timeline: Timeline, width: int = 200) -> list[str]:
    """The detail pane's text for the event, line by line, as Rich draws it."""
    from rich.console import Console

    from timeline.ui.widgets.detail import describe_event

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(event, timeline))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_a_context_keeps_its_paragraphs_and_line_breaks_everywhere() -> None:
    # Bugs fixed: the printout, the detail pane and `Y`'s copy folded a context (its
    # research notes, a summary, an era's text) into one paragraph, where the HTML
    # page and Markdown keep its paragraphs; then the printout and the pane joined
    # the lines within a paragraph, where those pages break them (`<br>`, a hard
    # break). Each line is stripped, as on those pages; `Y` copies it as written,
    # every line break and indent (test_copy.py).
    from timeline.show.citation import event_citation

    event = Event(id="e", title="E", when=When(2018, 7, 19), context=PROSE, notes=PROSE)
    timeline = Timeline(title="T", events=(event,), summary=PROSE)
    kept = ["First paragraph,", "its second line.", "", "Second paragraph."]
    out = [line.strip() for line in printed(timeline, 120)]
    assert out[1:5] == kept  # the summary, under the title
    at = out.index(kept[0], 5)
    assert out[at : at + 4] == kept  # the context
    assert out[at + 4 : at + 8] == [f"Research notes: {kept[0]}", *kept[1:]]
    shown = _detail_lines(event, timeline)
    at = shown.index(kept[0])
    assert shown[at : at + 4] == kept
    assert event_citation(event).endswith(f"\n\n{PROSE}")


DEMANDS = (
    '[timeline]\ntitle = "T"\n[[events]]\nid = "e"\ntitle = "E"\ndate = 2018-07-17\n'
    'context = """\nRAICES listed its demands:\n1. cancel the contract;\n'
    '2. publish the terms.\n\nA paragraph wrapped \\\nonly for the editor."""\n'
    '[[events.quotes]]\ntext = "Cancel the contract."\n'
    'note = """\nParaphrased in:\n- the Post;\n- the Times."""\n'
)


def test_a_list_keeps_its_lines_and_a_backslash_joins_them() -> None:
    # Bug fixed: a context written as a list was shown as one paragraph, "…demands:
    # 1. cancel the contract; 2. publish the terms.", by `print` and the detail pane.
    # A line ended with TOML's backslash leaves no line break: one line, as before.
    result = load_text(DEMANDS)
    assert result.timeline is not None, [str(p) for p in result.problems]
    timeline = result.timeline
    kept = [
        "RAICES listed its demands:",
        "1. cancel the contract;",
        "2. publish the terms.",
        "",
        "A paragraph wrapped only for the editor.",
    ]
    out = [line.strip() for line in printed(timeline, 80)]
    at = out.index(kept[0])
    assert out[at : at + 5] == kept
    shown = _detail_lines(timeline.events[0], timeline, width=60)
    at = shown.index(kept[0])
    assert shown[at : at + 5] == kept


def test_a_quote_note_keeps_its_lines() -> None:
    # Bug fixed: a quote's note written on several lines was folded onto one ("Note:
    # Paraphrased in: - the Post; - the Times.") by `print` and the detail pane, where
    # the HTML page and Markdown keep its lines and `y` copies them.
    result = load_text(DEMANDS)
    assert result.timeline is not None, [str(p) for p in result.problems]
    timeline = result.timeline
    kept = ["Note: Paraphrased in:", "- the Post;", "- the Times."]
    out = [line.strip() for line in printed(timeline, 80)]
    at = out.index(kept[0])
    assert out[at : at + 3] == kept
    shown = [line.removeprefix("▌ ") for line in _detail_lines(timeline.events[0], timeline)]
    at = shown.index(kept[0])
    assert shown[at : at + 3] == kept
