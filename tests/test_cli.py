"""The command line, run as users run it: `python -m timeline ...` in a subprocess.

The interactive viewer (`timeline FILE`) is not exercised here.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import python_passes, run_timeline

from timeline import __version__
from timeline.cli import COMMANDS, plain_view
from timeline.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"
ARTICLE = (Path(__file__).resolve().parent / "article.txt").read_text(encoding="utf-8")
# Any ANSI/VT escape sequence, or a colour-setting SGR parameter.
ESC = "\x1b"
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|4[0-9]|10[0-7])(?:;[0-9;]*)?m")

GOOD = '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'
WARNED = GOOD + 'titel = "x"\n'
BROKEN = '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018-13"\ntitle = "A"\n'


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m timeline ARGS` with a clean, non-terminal environment."""
    terminal = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS")
    return run_timeline(*args, cwd=cwd or ROOT, env=env, drop=terminal)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------- help and version


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"timeline {__version__}\n"


def test_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("check", "print", "export", "view"):
        assert command in result.stdout
    assert "Exit codes: 0 fine, 1 problems in the data, 2" in result.stdout
    assert result.stderr == ""


def test_no_arguments_prints_help_and_exits_2() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: timeline" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: timeline {command}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_says_what_it_does_and_what_it_takes(command: str) -> None:
    # Found trying the command line as a new user: `check --help` and `import --help`
    # said nothing but their usage, and import not which files it reads.
    from timeline.cli.parser import build_parser

    parser = build_parser()
    sub = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    command_parser = sub.choices[command]
    assert command_parser.description, command
    for action in command_parser._actions:
        if not action.option_strings:
            assert action.help, f"{command}: {action.dest}"


@pytest.mark.parametrize(
    "argv", [["events.toml"], ["a.toml", "b.csv"], ["with space.toml"], ["view.toml"]]
)
def test_a_plain_file_list_reads_as_argparse_reads_it(argv: list[str]) -> None:
    # `timeline FILE...` skips argparse (5 ms of each start): what it gives the viewer
    # must be what argparse gives, option for option.
    fast = plain_view(argv)
    assert fast is not None
    assert vars(fast) == vars(build_parser("view").parse_args(["view", *argv]))


@pytest.mark.parametrize(
    "argv", [[], ["view", "a.toml"], ["check", "a.toml"], ["a.toml", "--end"], ["-h"], ["--"]]
)
def test_anything_but_plain_files_goes_through_argparse(argv: list[str]) -> None:
    assert plain_view(argv) is None


def test_opening_the_viewer_imports_no_argparse() -> None:
    code = (
        "import sys\n"
        "from timeline.cli import plain_view, viewer\n"
        "import timeline.ui.app\n"
        "assert plain_view(['events.toml']) is not None\n"
        "assert 'argparse' not in sys.modules, 'argparse imported on the way to the viewer'\n"
    )
    python_passes(code)


def test_the_viewers_first_screen_imports_only_what_it_shows() -> None:
    # What the first screen of events.toml does not use is imported when first needed:
    # each of these cost 0.5-3 ms of every start (dateutil's relativedelta counted the
    # "Monday" of events.toml; the filters' parsers, the written, span and EDTF date
    # readers, `print`'s layout and the prompt's input were imported with the modules
    # that may need them).
    code = (
        "import asyncio, sys\n"
        "from timeline.read import load_files\n"
        "from timeline.ui.app import TimelineApp\n"
        "import timeline.ui.screen as screen\n"
        # The hidden prompt line is mounted by a timer after the first screen: on a
        # loaded machine it fired before the check (its input is imported then).
        "screen.PREPARE_PROMPT = 3600\n"
        "timeline = load_files(['events.toml']).timeline\n"
        "async def main():\n"
        "    app = TimelineApp(['events.toml'], timeline, poll=False)\n"
        "    async with app.run_test(size=(120, 35)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.main.detail.event is not None, 'the first screen shows no event'\n"
        "asyncio.run(main())\n"
        "deferred = ['dateutil', 'calendar', 'timeline.dates.written', 'timeline.dates.spans',\n"
        "    'timeline.dates.extended', 'timeline.query.facets', 'timeline.query.filter_args',\n"
        "    'timeline.show.printing', 'timeline.ui.widgets.prompt_input']\n"
        "loaded = [name for name in deferred if name in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    python_passes(code)


def test_importing_the_command_line_imports_no_command() -> None:
    # The program imports `timeline.cli` before `main` runs: what it imports then is
    # built with the collector running (see the next test).
    code = (
        "import sys\n"
        "import timeline.cli\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('timeline.'))\n"
        "assert loaded == ['timeline.cli', 'timeline.cli.exits', 'timeline.collecting'], loaded\n"
    )
    python_passes(code)


def test_the_viewer_starts_with_the_collector_paused_then_runs_its_own_policy() -> None:
    # Collecting while the modules and a small file are read only rescans what lives
    # on: 14 ms of the first screen on events.toml. The viewer's policy
    # (timeline/ui/collector.py) takes over only if it finds the collector running.
    code = (
        "import gc\n"
        "import timeline.cli as cli\n"
        "import timeline.cli.viewer as viewer\n"
        "import timeline.ui.app as ui_app\n"
        "seen = []\n"
        "real_load, real_command = viewer.load_files, cli._command\n"
        "def load_files(files):\n"
        "    seen.append(('load', gc.isenabled()))\n"
        "    return real_load(files)\n"
        "def command(name):\n"
        "    seen.append(('import', gc.isenabled()))\n"
        "    return real_command(name)\n"
        "def run_viewer(*args, **kwargs):\n"
        "    seen.append(('viewer', gc.isenabled()))\n"
        "    return 0\n"
        "viewer.load_files, cli._command, ui_app.run_viewer = load_files, command, run_viewer\n"
        "assert gc.isenabled()\n"
        "assert cli.main(['events.toml']) == 0\n"
        "assert seen == [('import', False), ('load', False), ('viewer', True)], seen\n"
        "assert gc.isenabled()\n"
    )
    python_passes(code)


def test_the_server_runs_with_the_collector_as_found() -> None:
    # It runs for days, answering browsers: paused for its whole life, the garbage
    # its connections leave in cycles would never be collected.
    code = (
        "import gc\n"
        "import timeline.cli as cli\n"
        "import timeline.serve\n"
        "seen = []\n"
        "def serve(files, **options):\n"
        "    seen.append(gc.isenabled())\n"
        "    return 0\n"
        "timeline.serve.serve = serve\n"
        "assert cli.main(['serve', 'events.toml']) == 0\n"
        "assert seen == [True], seen\n"
    )
    python_passes(code)


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--bogus", "events.toml"),
        ("check", "--format", "xml", "events.toml"),
        ("export", "events.toml"),
        ("export", "events.toml", "--to", "docx"),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage: timeline" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_viewer_takes_one_search_and_says_what_it_does() -> None:
    # `timeline FILE --search cbp --search ice` searched for "ice" alone, saying
    # nothing, and its help said it kept only the events holding the text: it hides
    # none, it starts a search.
    result = run("events.toml", "--search", "cbp", "--search", "ice")
    assert result.returncode == 2
    assert "--search is given once: the viewer searches for one text" in result.stderr
    view = build_parser("view")
    assert view.parse_args(["view", "a.toml", "--search", "cbp"]).search == ["cbp"]
    assert "no event is hidden" in " ".join(run("view", "--help").stdout.split())
    assert build_parser("print").parse_args(
        ["print", "a", "--search", "x", "--search", "y"]
    ).search == [
        "x",
        "y",
    ]


def test_bad_usage_echoes_no_control_character() -> None:
    # Bug fixed: `timeline check $'--b\e[31mRED' x` printed "unrecognized arguments:
    # --b" and the escape itself, which turned the terminal red.
    for args in (("check", "--b\x1b[31mRED", "x"), ("export", "x", "--to", "csv", "-\x1b]0;t\x07")):
        result = run(*args)
        assert result.returncode == 2
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "unrecognized arguments: " in result.stderr


# ---------------------------------------------------------------- check


def test_check_good_file() -> None:
    result = run("check", "events.toml")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "events.toml: ok, 10 events\n",
        "",
    )


def test_check_warning_is_ok_but_reported(tmp_path: Path) -> None:
    write(tmp_path, "w.toml", WARNED)
    result = run("check", "w.toml", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        "w.toml:8:1: warning: event 'a': unknown field 'titel' was ignored; did you mean 'title'?\n"
        "w.toml: ok, 1 event, 1 warning\n"
    )


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    write(tmp_path, "w.toml", WARNED)
    write(tmp_path, "g.toml", GOOD)
    assert run("check", "--strict", "w.toml", cwd=tmp_path).returncode == 1
    assert run("check", "--strict", "g.toml", cwd=tmp_path).returncode == 0


def test_check_broken_file_exits_1_with_located_problem(tmp_path: Path) -> None:
    write(tmp_path, "b.toml", BROKEN)
    result = run("check", "b.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "b.toml:6:1: error: event 'a': field 'date': '2018-13' has month 13; "
        "months run from 1 to 12\n"
    )
    assert result.stderr == ""


def test_check_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("check", "missing.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "missing.toml: error: no such file\n"


def test_check_directory_exits_2(tmp_path: Path) -> None:
    (tmp_path / "d.toml").mkdir()
    result = run("check", "d.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "d.toml: error: is a directory; give the path of a .toml file\n"


def test_check_several_files_exits_with_the_worst(tmp_path: Path) -> None:
    write(tmp_path, "g.toml", GOOD)
    write(tmp_path, "b.toml", BROKEN)
    assert run("check", "g.toml", "b.toml", cwd=tmp_path).returncode == 1
    result = run("check", "g.toml", "b.toml", "missing.toml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "g.toml: ok, 1 event"
    assert lines[1].startswith("b.toml:6:1: error: ")
    assert lines[2] == "missing.toml: error: no such file"


def test_check_format_json(tmp_path: Path) -> None:
    write(tmp_path, "b.toml", BROKEN + "kind = 1\n")
    write(tmp_path, "g.toml", GOOD)
    result = run("check", "--format", "json", "g.toml", "b.toml", cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data == {
        "problems": [
            {
                "severity": "error",
                "file": "b.toml",
                "line": 6,
                "column": 1,
                "event": "a",
                "field": "date",
                "message": "event 'a': field 'date': '2018-13' has month 13; "
                "months run from 1 to 12",
            },
            {
                "severity": "error",
                "file": "b.toml",
                "line": 8,
                "column": 1,
                "event": "a",
                "field": "kind",
                "message": "event 'a': field 'kind' must be a string, found an integer (1)",
            },
        ]
    }


NESTED = """\
[timeline]
title = "T"

[timeline.source]
label = 3

[[eras]]
title = "E"
start = "2018-13"
end = 2019-01-01

[[events]]
id = "a"
date = "2018-13-01"
title = "A"
source = { label = 4 }
media = { url = "javascript:x" }
quotes = [{ text = "x", date = "2018-15" }, 5]

[events.extra]
x = 1

[[events]]
id = "b"
date = 2018-12-01
title = "B"
quote = "y"

[events.source]
url = 9

[[events.quotes]]
text = "z"
source = { url = 3 }

[[events.quotes]]
text = "w"
date = "2018-14"

[[events.sources]]
label = "S"
accessed = "2018-02-30"
"""


def test_check_json_says_where_each_nested_field_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: a quote's date, a source's url, the [timeline] table's source were
    # "field": "date", "url" or null, as an event's own date is: a script reading
    # the JSON could not tell them apart. And a quote's date written inline was placed
    # at the line of the event's own date (a key of the event's table of that name).
    from timeline.cli import main

    path = write(tmp_path, "n.toml", NESTED)
    assert main(["check", "--format", "json", str(path)]) == 1
    found = [
        (p["line"], p["column"], p["event"], p["field"], p["message"].split(": ")[0:2])
        for p in json.loads(capsys.readouterr().out)["problems"]
    ]
    assert found == [
        (
            5,
            1,
            None,
            "timeline.source.label",
            ["[timeline] field 'source.label' must be a string, found an integer (3)"],
        ),
        (9, 1, None, "eras[0].start", ["era 1 ('E')", "'start' must be a date"]),
        (14, 1, "a", "date", ["event 'a'", "field 'date'"]),
        (
            16,
            1,
            "a",
            "source.label",
            ["event 'a'", "field 'source.label' must be a string, found an integer (4)"],
        ),
        (17, 1, "a", "media.url", ["event 'a'", "field 'media.url'"]),
        (18, 11, "a", "quotes[0].date", ["event 'a'", "quote 1"]),
        (
            18,
            45,
            "a",
            "quotes[1]",
            [
                "event 'a'",
                "quote 2 must be a table with 'text' and optional speaker, date, source, note, found an integer (5)",
            ],
        ),
        (20, 1, "a", "extra", ["event 'a'", "unknown field 'extra' was ignored"]),
        (
            30,
            1,
            "b",
            "source.url",
            ["event 'b'", "field 'source.url' must be a string, found an integer (9)"],
        ),
        (34, 1, "b", "quotes[0].source.url", ["event 'b'", "quote 1"]),
        (38, 1, "b", "quotes[1].date", ["event 'b'", "quote 2"]),
        (42, 1, "b", "sources[0].accessed", ["event 'b'", "source 1"]),
    ]


def test_a_quotes_relative_date_is_numbered_and_placed_as_its_other_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: with a `quote = "..."` before them, the quotes' relative dates were
    # "quote 2" and "quote 3" (the others' problems say "quote 1" and "quote 2"), and
    # placed at the next table's date, or at the event's own date for the last one.
    from timeline.cli import main

    text = (
        '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = "2018"\ntitle = "A"\n'
        'quote = "single"\n\n[[events.quotes]]\ntext = "one"\ndate = "Monday"\n\n'
        '[[events.quotes]]\ntext = "two"\ndate = "the day after"\n'
    )
    path = write(tmp_path, "r.toml", text)
    assert main(["check", str(path)]) == 1
    said = "needs the anchor 'a' to be known to the day, but it is 2018"
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:12:1: error: event 'a': quote 1: field 'date': 'Monday' {said}",
        f"{path}:16:1: error: event 'a': quote 2: field 'date': 'the day after' {said}",
    ]


def test_check_format_json_for_a_good_file_is_an_empty_list() -> None:
    result = run("check", "--format", "json", "events.toml")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"problems": []}


BROKEN_INPUTS: list[tuple[str, str | bytes]] = [
    ("syntax.toml", '[timeline]\ntitle = "x\n'),
    ("empty.toml", b""),
    ("utf.toml", b'[timeline]\ntitle = "caf\xe9"\n'),
    ("types.toml", '[[events]]\nid = 1\ndate = [1]\ntitle = {}\nquotes = "x"\ntags = 5\n'),
    ("events.toml", "events = 5\ntimeline = 3\neras = [1]\n"),
    ("cycle.toml", '[[events]]\nid = "a"\ndate = "after"\nrelative_to = "a"\ntitle = "a"\n'),
    (
        "far.toml",
        '[[events]]\nid = "a"\ndate = 9999-12-31\nend_date = "a year later"\ntitle = "a"\n',
    ),
    (
        "bce.toml",
        '[[events]]\nid = "a"\ndate = -500\ntitle = "a"\n[[events]]\ndate = "Monday"\nrelative_to = "a"\ntitle = "b"\n',
    ),
    (
        "zone.toml",
        '[timeline]\ntimezone = "Mars/Olympus"\n[[events]]\ndate = 2018-07-19T10:00:00\ntitle = "a"\n',
    ),
    ("nul.toml", b"\x00\x01\x02"),
]


@pytest.mark.parametrize(("name", "content"), BROKEN_INPUTS, ids=[n for n, _ in BROKEN_INPUTS])
@pytest.mark.parametrize("command", ["check", "print", "export"])
def test_broken_inputs_never_give_a_traceback(
    tmp_path: Path, name: str, content: str | bytes, command: str
) -> None:
    write(tmp_path, name, content)
    extra = ["--to", "json"] if command == "export" else []
    result = run(command, name, *extra, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    reported = result.stdout if command == "check" else result.stderr
    assert re.search(rf"^{re.escape(name)}(:\d+:\d+)?: error: ", reported, re.M)
    if command != "check":
        assert result.stdout == ""


def test_print_and_export_report_problems_on_stderr_with_exit_2_for_a_missing_file(
    tmp_path: Path,
) -> None:
    for args in (("print", "missing.toml"), ("export", "missing.toml", "--to", "json")):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == "missing.toml: error: no such file\n"
        assert result.stdout == ""


# ---------------------------------------------------------------- print


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [("check", "events.toml"), ("export", "events.toml", "--to", "json"), ("cache", "info")]
)
def test_an_output_on_a_full_disk_is_said_to_be_cut_short(args: tuple[str, ...]) -> None:
    # Bug fixed: `timeline export big.toml --to json > out.json` on a full disk ended
    # in a traceback (OSError: No space left on device).
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "timeline", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "timeline: error: cannot write the output: No space left on device\n"


def test_print_piped_is_plain_text_at_80_columns() -> None:
    result = run("print", "events.toml")
    assert result.returncode == 0
    assert result.stderr == ""
    assert ESC not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "RAICES declines Salesforce's $250,000"
    assert max(len(line) for line in lines) == 80
    assert any(line.startswith("July 2018 ─") for line in lines)
    assert any(line.startswith("8 Jul 2018 ") for line in lines)
    assert any(line.startswith("16 Jul 2018 ") for line in lines)
    assert any(line.startswith("before 16 Jul 2018 ") for line in lines)
    assert "· 3 days later" in result.stdout


def test_print_respects_columns() -> None:
    result = run("print", "events.toml", env={"COLUMNS": "60"})
    assert result.returncode == 0
    widths = [len(line) for line in result.stdout.splitlines()]
    assert max(widths) == 60


def test_print_takes_columns_0_for_an_unknown_width() -> None:
    # Bug fixed: COLUMNS=0 (a terminal whose size was never set, in a container or a CI
    # job) printed the timeline one character a line.
    result = run("print", "events.toml", env={"COLUMNS": "0"})
    assert result.returncode == 0
    assert result.stdout == run("print", "events.toml").stdout  # 80 columns, piped


def test_print_shows_quotes_verbatim() -> None:
    result = run("print", "events.toml", env={"COLUMNS": "1000"})
    assert "We dont work with CBP regarding separation of families." in result.stdout
    assert "I’m Proud of our Ohana." in result.stdout


def test_print_forced_colour_uses_colour_and_no_color_removes_it() -> None:
    coloured = run("print", "events.toml", env={"FORCE_COLOR": "1"})
    assert coloured.returncode == 0
    assert COLOUR_SGR.search(coloured.stdout)
    plain = run("print", "events.toml", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.returncode == 0
    assert not COLOUR_SGR.search(plain.stdout)


def test_print_never_passes_escapes_from_the_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "evil.toml",
        '[timeline]\ntitle = "\\u001b]0;pwned\\u0007"\n\n'
        '[[events]]\ndate = 2018\ntitle = "\\u001b[2J[bold]x[/]"\n'
        'quote = "\\u009b31m\\u202eevil"\n',
    )
    result = run("print", "evil.toml", cwd=tmp_path)
    assert result.returncode == 0
    assert ESC not in result.stdout
    assert "\x9b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "␛[2J[bold]x[/]" in result.stdout
    assert "<U+009B>31m<U+202E>evil" in result.stdout


def test_print_to_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    big = '[timeline]\ntitle = "T"\n' + "".join(
        f'[[events]]\ndate = {1000 + i}\ntitle = "Event {i}"\n' for i in range(3000)
    )
    write(tmp_path, "big.toml", big)
    # Bug fixed: Rich exits 1 when the reader of the pipe leaves (`timeline print | head`).
    with subprocess.Popen(
        [sys.executable, "-m", "timeline", "print", "big.toml"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline() == b"T\n"
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        proc.wait(timeout=60)
    assert stderr == ""
    assert proc.returncode == 0


@pytest.mark.parametrize(
    ("command", "closed"),
    [
        (["check", "bad.toml"], "stdout"),
        (["check", "--format", "json", "bad.toml"], "stdout"),
        (["print", "bad.toml"], "stderr"),
        (["export", "bad.toml", "--to", "csv"], "stderr"),
        (["check", "--strict", "warned.toml"], "stdout"),
        (["verify", "quoted.toml"], "stdout"),
    ],
)
def test_a_closed_pipe_keeps_the_exit_code_the_data_earned(
    tmp_path: Path, command: list[str], closed: str
) -> None:
    # Bug fixed: `timeline check bad.toml | head` exited 0 on a file of 3,000 errors,
    # so a CI step with pipefail passed. The pipe is closed before the command writes
    # what no pipe holds at once: it meets the closed pipe whenever it writes.
    bad = '[timeline]\ntitle = "T"\n' + "".join(
        f'[[events]]\nid = "e{i}"\ndate = "2018-02-30"\ntitle = "x"\n' for i in range(3000)
    )
    write(tmp_path, "bad.toml", bad)
    warned = '[timeline]\ntitle = "T"\n' + "".join(
        f'[[events]]\nid = "e{i}"\ndate = "05.07.2018"\ntitle = "x"\n' for i in range(3000)
    )
    write(tmp_path, "warned.toml", warned)
    # Quotes not in their archive: verify exits 1.
    quoted = '[timeline]\ntitle = "T"\n' + "".join(
        f'[[events]]\nid = "e{i}"\ndate = 2018-07-01\ntitle = "x"\nquote = "bye {i}"\n'
        'source = { label = "a", archive = "a.txt" }\n'
        for i in range(1000)
    )
    write(tmp_path, "quoted.toml", quoted)
    write(tmp_path, "a.txt", "hello world\n")
    with subprocess.Popen(
        [sys.executable, "-m", "timeline", *command],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        pipe, other = (
            (proc.stdout, proc.stderr) if closed == "stdout" else (proc.stderr, proc.stdout)
        )
        pipe.close()
        said = other.read().decode()
        proc.wait(timeout=120)
    assert proc.returncode == 1, said
    assert "Traceback" not in said


# ---------------------------------------------------------------- export


def test_export_json_to_stdout() -> None:
    result = run("export", "events.toml", "--to", "json")
    assert result.returncode == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["title"] == "RAICES declines Salesforce's $250,000"
    events = {e["id"]: e for e in data["events"]}
    assert [e["id"] for e in data["events"]][:2] == ["benioff-tweet", "protest-bridgeport"]
    assert events["benioff-tweet"]["start"] == "2018-07-08"
    assert events["raices-letter"]["start"] == "2018-07-16"
    assert events["raices-letter"]["written"] == "Monday"
    assert events["raices-letter"]["relative_to"] == "raices-tweet"
    assert events["employees-ask"]["qualifier"] == "before"
    assert events["chema-tweet"]["in_reply_to"] == "raices-tweet"
    quotes = [q["text"] for e in data["events"] for q in e["quotes"]]
    assert len(quotes) >= 15
    for text in quotes:
        assert text in ARTICLE
    assert any("I’m Proud" in text for text in quotes)
    # Unicode is written as is, not as \\u escapes.
    assert "I’m Proud" in result.stdout


def test_export_to_a_file(tmp_path: Path) -> None:
    result = run("export", str(EVENTS), "--to", "json", "-o", "out.json", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    stdout = run("export", str(EVENTS), "--to", "json").stdout
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = write(tmp_path, "out.json", "precious\n")
    result = run("export", str(EVENTS), "--to", "json", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "out.json: error: already exists; add --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]

    forced = run("export", str(EVENTS), "--to", "json", "-o", "out.json", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["events"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize(
    "args",
    [
        ("export", "t.toml", "--to", "json", "-o", "t.toml", "--force"),
        ("export", "t.toml", "--to", "png", "-o", "./t.toml", "--force"),
        ("export", "g.toml", "link.toml", "--to", "csv", "-o", "sub/../t.toml", "--force"),
        ("import", "t.toml", "-o", "t.toml", "--force"),
    ],
)
def test_an_output_that_is_a_file_being_read_is_never_written(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Bug fixed: `export t.toml --to json -o t.toml --force` replaced the timeline, a
    # file written by hand, with its export, and exited 0.
    timeline = write(tmp_path, "t.toml", GOOD)
    write(tmp_path, "g.toml", GOOD.replace('"a"', '"b"'))
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.toml").symlink_to("t.toml")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    out = args[args.index("-o") + 1]
    also = " (as link.toml)" if "link.toml" in args else ""
    assert result.stderr == (
        f"{out}: error: is a file being read{also}, and is never written over, even with "
        "--force; give -o another file\n"
    )
    assert timeline.read_text(encoding="utf-8") == GOOD
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("out", "read_as"), [("t.json", "TimelineJS JSON"), ("T.CSV", "TimelineJS spreadsheet CSV")]
)
def test_import_never_writes_toml_under_a_name_read_as_timelinejs(
    tmp_path: Path, out: str, read_as: str
) -> None:
    # Bug fixed: `import sheet.csv -o sheet.json` wrote TOML into sheet.json, exit 0;
    # `timeline check sheet.json` then said "JSON syntax: Expecting value".
    write(tmp_path, "t.toml", GOOD)
    result = run("import", "t.toml", "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    suffix = out[out.index(".") :].lower()
    assert result.stderr == (
        f"{out}: error: import writes TOML, and a {suffix} file is read as {read_as}; name it "
        ".toml (export --to timelinejs or csv writes TimelineJS)\n"
    )
    assert not (tmp_path / out).exists()


@pytest.mark.parametrize(
    "args",
    [("export", "t.toml", "--to", "csv", "-o", ""), ("import", "t.toml", "-o", "")],
)
def test_an_empty_output_name_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    # Bug fixed: `-o ""` (`-o "$OUT"` with OUT unset, in a script) wrote the export to
    # standard output, and exited 0.
    write(tmp_path, "t.toml", GOOD)
    result = run(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "timeline: error: -o is given an empty name; give the file to write, or -o - for "
        "standard output\n"
    )


@pytest.mark.parametrize(
    "args", [("check", ""), ("",), ("print", "events.toml", ""), ("import", "", "-o", "-")]
)
def test_an_empty_file_name_is_refused(args: tuple[str, ...]) -> None:
    # Bug fixed: `timeline check "$FILE"` with FILE unset said ": error: is a directory"
    # (an empty path is the current folder).
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.endswith(
        "error: a file name is empty (''); give the path of a timeline file\n"
    )


def test_a_dash_is_said_not_to_be_standard_input(tmp_path: Path) -> None:
    # `-o -` is standard output; `check -` said only "no such file".
    result = run("check", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == (
        "-: error: no such file; timeline does not read standard input: save the text to a "
        "file and give its path\n"
    )
    write(tmp_path, "-", GOOD)  # a file of that name is read
    assert run("check", "-", cwd=tmp_path).stdout == "-: ok, 1 event\n"


def test_a_windows_path_is_said_to_be_one(tmp_path: Path) -> None:
    # Bug fixed: `C:\Users\me\events.toml` (pasted from Windows) said only "no such
    # file", as if the file were missing rather than named as on another system.
    result = run("check", r"C:\Users\me\events.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == (  # (quoted whole: a backslash is read as an escape's)
        r"'C:\Users\me\events.toml': error: no such file; this looks like a Windows path, "
        "which names no file on this system: give the file's path here, with / between "
        "folders (in WSL, /mnt/c/Users/me/events.toml)\n"
    )
    share = run("check", r"\\server\share\events.toml", cwd=tmp_path).stdout
    assert "no such file; this looks like a Windows path" in share and "WSL" not in share
    # A folder written with a backslash: the file it means, when there is one.
    (tmp_path / "data").mkdir()
    write(tmp_path / "data", "a.toml", GOOD)
    assert run("check", r"data\a.toml", cwd=tmp_path).stdout == (
        r"'data\a.toml': error: no such file; did you mean data/a.toml? Folders are "
        "separated by / here\n"
    )
    assert run("check", r"data\b.toml", cwd=tmp_path).stdout == (
        r"'data\b.toml': error: no such file" + "\n"
    )


def test_a_file_name_that_is_not_utf8_is_named_as_the_shell_names_it(tmp_path: Path) -> None:
    # Bug fixed: `café.toml` saved by a Latin-1 system (its byte 0xE9 is not UTF-8) was
    # named `caf<U+DCE9>.toml`, a character it does not hold, which no shell reads back.
    # Every message names it as bash writes it: `$'caf\xe9.toml'`.
    name = os.fsdecode(b"caf\xe9.toml")
    write(tmp_path, name, WARNED)
    shown = r"$'caf\xe9.toml'"
    result = run("check", name, f"./{name}", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        rf"$'./caf\xe9.toml': warning: is the file given before as {shown}; it is read once",
        f"{shown}:8:1: warning: event 'a': unknown field 'titel' was ignored; did you "
        "mean 'title'?",
        f"{shown}: ok, 1 event, 1 warning",
    ]
    problems = json.loads(run("check", "--format", "json", name, cwd=tmp_path).stdout)
    assert [p["file"] for p in problems["problems"]] == [shown]
    missing = run("check", os.fsdecode(b"gone\xe9.toml"), cwd=tmp_path)
    assert missing.stdout == r"$'gone\xe9.toml': error: no such file" + "\n"
    verified = run("verify", name, cwd=tmp_path)
    assert verified.stdout == f"{shown}: no quotes\n"


def test_a_file_named_with_a_backslash_is_not_taken_for_a_byte_escaped(tmp_path: Path) -> None:
    # Bug fixed: a file really named `caf\xe9.toml` (a backslash, an x, two hex digits)
    # was named in every message as `café.toml` saved by a Latin-1 system is (its byte
    # 0xE9 written as bash writes it): two files, one name on the screen. A name that
    # is not plain is now quoted whole, as bash reads it back; each can be pasted.
    byte, backslash = os.fsdecode(b"caf\xe9.toml"), "caf\\xe9.toml"
    write(tmp_path, byte, WARNED)
    write(tmp_path, backslash, WARNED)
    for name, shown in ((byte, r"$'caf\xe9.toml'"), (backslash, r"'caf\xe9.toml'")):
        assert run("check", name, cwd=tmp_path).stdout.splitlines() == [
            f"{shown}:8:1: warning: event 'a': unknown field 'titel' was ignored; did you "
            "mean 'title'?",
            f"{shown}: ok, 1 event, 1 warning",
        ]
    problems = json.loads(run("check", "--format", "json", backslash, cwd=tmp_path).stdout)
    assert [p["file"] for p in problems["problems"]] == [r"'caf\xe9.toml'"]


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--to", "json", "-o", "out.json"),
        ("export", "--to", "json"),
        ("export", "--to", "html", "--private", "-o", "out.html"),
        ("verify", "--format", "json"),
    ],
)
def test_a_file_name_that_is_not_utf8_is_named_in_json_and_pages(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Bug fixed: of `café.toml` saved by a Latin-1 system (its name's byte 0xE9 is not
    # UTF-8), `export --to json` and `verify --format json` ended in a traceback
    # (UnicodeEncodeError), writing nothing. They name it as `check --format json` does,
    # its byte as bash writes it (`$'caf\xe9.toml'`; it was `caf<U+DCE9>.toml`, a
    # character the name does not hold).
    name = os.fsdecode(b"caf\xe9.toml")
    write(tmp_path, name, GOOD + 'quote = "They refused."\n')  # unchecked: no archive
    result = run(*args[:1], name, *args[1:], cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0
    out = tmp_path / args[-1] if "-o" in args else None
    written = out.read_text(encoding="utf-8") if out else result.stdout
    # (JSON writes the backslash as two, HTML the quote as `&#39;`.)
    written = html.unescape(written)
    assert r"$'caf\xe9.toml'" in written or r"$'caf\\xe9.toml'" in written
    assert "DCE9" not in written


def test_export_into_a_missing_directory_fails_cleanly(tmp_path: Path) -> None:
    result = run("export", str(EVENTS), "--to", "json", "-o", "no/such/dir/out.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("no/such/dir/out.json: error: cannot write: ")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_broken_file_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, "b.toml", BROKEN)
    result = run("export", "b.toml", "--to", "json", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.toml"]


# ---------------------------------------------------------------- no Textual


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_core_modules_do_not_import_textual() -> None:
    # Every module outside timeline/ui/ (where all Textual code lives), imported together.
    package = ROOT / "timeline"
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in package.rglob("*.py")
        if "ui" not in path.relative_to(package).parts and path.name != "__main__.py"
    )
    assert "timeline.read.toml" in modules and "timeline.query.view" in modules
    result = python(
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"


def test_every_textual_import_is_in_the_ui_folder() -> None:
    package = ROOT / "timeline"
    outside = [
        str(path.relative_to(ROOT))
        for path in package.rglob("*.py")
        if "ui" not in path.relative_to(package).parts
        and re.search(r"^\s*(from|import) textual\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert outside == []


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "events.toml"],
        ["check", "--format", "json", "events.toml"],
        ["print", "events.toml"],
        ["export", "events.toml", "--to", "json"],
        ["check", "missing.toml"],
    ],
)
def test_commands_do_not_import_textual(argv: list[str]) -> None:
    result = python(
        "import contextlib, io, sys\n"
        "import timeline.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = timeline.cli.main({argv!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
        "print(code)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("2\n" if "missing.toml" in argv else "0\n")


def test_force_never_replaces_what_is_not_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(target, link)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for out in (link, fifo, tmp_path):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "timeline",
                "export",
                str(EVENTS),
                "--to",
                "json",
                "-o",
                str(out),
                "--force",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, out
        assert ("is a folder" if out == tmp_path else "is not a regular file") in done.stderr
        assert "Traceback" not in done.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
    assert not fifo.is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["view", "a.toml", "--at", "july 16", "--filter", "kind=tweet", "--dayfirst"],
        ["view", "a.toml", "b.toml", "--end", "--search", "cbp"],
        ["check", "a.toml", "--format", "json", "--strict"],
        ["print", "a.toml", "--filter", "tag=cbp", "--search", "x", "--search", "y"],
        ["export", "a.toml", "--to", "csv", "-o", "out.csv", "--force"],
        ["import", "a.json", "-o", "out.toml"],
    ],
)
def test_a_command_parsed_alone_reads_as_with_every_command(argv: list[str]) -> None:
    # The viewer builds only its own command's parser (a quicker start): the result
    # must be what the whole command line's parser gives.
    from timeline.cli.parser import build_parser

    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    ("argv", "same_as"),
    [
        # Bug fixed: the viewer's options before its files, without `view`, said
        # "invalid choice: 'events.toml'" (the option taken for timeline's own).
        (["--end", "a.toml"], ["view", "a.toml", "--end"]),
        (["--at", "july 16", "a.toml", "b.toml"], ["view", "a.toml", "b.toml", "--at", "july 16"]),
        (
            ["--filter", "kind=tweet", "--dayfirst", "a.toml"],
            ["view", "a.toml", "--filter", "kind=tweet", "--dayfirst"],
        ),
        (["--view=lanes", "a.toml"], ["view", "a.toml", "--view", "lanes"]),
        # An option's value named like a command is its value; after `--`, a file.
        (["--at", "check", "a.toml"], ["view", "a.toml", "--at", "check"]),
        (["--end", "--", "check", "-d.toml"], ["view", "--end", "--", "check", "-d.toml"]),
        (["--", "print"], ["view", "--", "print"]),
        # Bug fixed: files after an option were "unrecognized arguments".
        (["a.toml", "--end", "b.toml"], ["view", "a.toml", "b.toml", "--end"]),
        (["check", "a.toml", "--strict", "b.toml"], ["check", "a.toml", "b.toml", "--strict"]),
        (
            ["check", "a", "--strict", "b", "--", "-c", "--format"],
            ["check", "--strict", "--", "a", "b", "-c", "--format"],
        ),
        (["print", "-", "--no-pager", "b"], ["print", "-", "b", "--no-pager"]),
        (
            ["export", "a", "--to", "csv", "b", "-o", "c"],
            ["export", "a", "b", "--to", "csv", "-o", "c"],
        ),
    ],
)
def test_options_and_files_in_any_order(argv: list[str], same_as: list[str]) -> None:
    from timeline.cli.parser import parse

    assert vars(parse(argv)) == vars(build_parser().parse_args(same_as))


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["import", "a.json", "b.json", "-o", "c.toml"],
            "timeline import: error: unrecognized arguments: b.json",
        ),
        (["check", "a", "--bogus", "b"], "timeline check: error: unrecognized arguments: --bogus"),
        (
            ["--end", "--at", "x", "a"],
            "timeline view: error: argument --at: not allowed with argument --end",
        ),
        (["cache", "info", "x"], "timeline cache: error: unrecognized arguments: x"),
        (["--end"], "timeline view: error: the following arguments are required: FILE"),
    ],
)
def test_what_is_not_a_file_nor_an_option_is_refused(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from timeline.cli.parser import parse

    with pytest.raises(SystemExit) as exited:
        parse(argv)
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(says + "\n")


@pytest.mark.parametrize("argv", [["--version"], ["--vers"], ["-h"], ["--help"], ["--he"]])
def test_timelines_own_options_are_not_the_viewers(argv: list[str]) -> None:
    from timeline.cli.parser import command_of

    assert command_of(argv) is None
    assert command_of(["--end", *argv]) == "view"


def test_the_viewers_options_before_its_file_open_it() -> None:
    done = run_timeline("--end", "--filter", "kind=tweet", "events.toml", stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.startswith("timeline: error: the viewer reads its keys from a terminal")


def test_the_viewer_without_a_terminal_says_so_and_ends() -> None:
    # Bug fixed: with its input at an end (/dev/null, as in CI or a cron job), Textual
    # read it again and again: `timeline events.toml` ran at full speed for ever.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "TEXTUAL"))}
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "events.toml"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "timeline: error: the viewer reads its keys from a terminal, and its input is not "
        "one; `timeline print events.toml` prints the timeline, `timeline check "
        "events.toml` checks it\n"
    )
    assert done.stdout == ""


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_viewer_without_a_terminal_suggests_commands_that_run_as_pasted(
    tmp_path: Path,
) -> None:
    # Bug fixed: of `café.toml` saved by a Latin-1 system, the commands suggested were
    # `timeline print 'caf<U+DCE9>.toml'`: pasted, they named no file. Each name is now
    # written as bash reads it back (`$'caf\xe9.toml'`), and so is a space or a quote.
    names = [os.fsdecode(b"caf\xe9.toml"), "my notes.toml", "Ana's.toml"]
    for n, name in enumerate(names):
        write(tmp_path, name, GOOD.replace('id = "a"', f'id = "e{n}"'))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "TEXTUAL"))}
    done = subprocess.run(
        [sys.executable, "-m", "timeline", *names],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    files = r"$'caf\xe9.toml' 'my notes.toml' $'Ana\'s.toml'"
    assert done.stderr.endswith(
        f"`timeline print {files}` prints the timeline, `timeline check {files}` checks it\n"
    )
    for command in re.findall(r"`timeline ([^`]*)`", done.stderr):
        # As typed into bash, `timeline` being this checkout's.
        typed = f"{shlex.quote(sys.executable)} -m timeline {command}"
        env.update(PYTHONPATH=str(ROOT), LC_ALL="C.UTF-8", PAGER="cat")
        pasted = subprocess.run(
            ["bash", "-c", typed], capture_output=True, cwd=tmp_path, env=env, timeout=60
        )
        assert pasted.returncode == 0, pasted.stderr
        if command.startswith("check"):
            assert pasted.stdout.decode().count(": ok, 1 event") == 3
        else:
            assert pasted.stdout.decode().startswith("T + T + T\n")  # the three merged


def test_a_date_filter_says_how_it_was_read_and_what_it_is_unsure_of() -> None:
    # Bug fixed: the viewer's header says "from 17 Jul 2018" (the year taken for a date
    # typed without one) and "(3 kept whose dates only bound them)"; print and export
    # kept those events, and took that year, without a word.
    done = run_timeline("print", "--no-pager", "events.toml", "--filter", "from=july 15")
    assert done.returncode == 0
    assert done.stderr == (
        "timeline: 8 of 10 events kept: from 15 Jul 2018 (3 kept whose dates only bound them)\n"
    )
    # With a search, what the search kept of them.
    searched = run_timeline(
        "print", "--no-pager", "events.toml", "--filter", "from=july 15", "--search", "benioff"
    )
    assert searched.stderr == (
        "timeline: 8 of 10 events kept: from 15 Jul 2018 (3 kept whose dates only bound "
        "them); the search, 4 of them\n"
    )
    # A filter of no date has nothing to say.
    assert run_timeline("print", "--no-pager", "events.toml", "--filter", "kind=tweet").stderr == ""
