"""The command line's arguments: each command's options and help, built with argparse."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from timeline import __version__

FORMATS = ("json", "timelinejs", "csv", "markdown", "html", "svg", "png", "pdf")

DESCRIPTION = """\
A terminal timeline viewer for hand-written, dated, sourced events.

  timeline FILE                 open the viewer (also: timeline view FILE)
  timeline check FILE...        validate files; problems as FILE:LINE:COL: error: ...
  timeline print FILE [--no-pager]   print the timeline (plain text when piped)
  timeline export FILE... --to json|timelinejs|csv|markdown|html [-o OUT] [--force] [--private]
  timeline export FILE... --to svg|png|pdf [--width W] -o OUT   a picture for an article
  timeline import FILE -o OUT.toml [--force]   TimelineJS .json/.csv -> our TOML
  timeline serve FILE... [--host HOST] [--port PORT]   the viewer in a web browser
  timeline verify FILE...       check every quote against its source's archived copy
  timeline archive FILE...      save a copy of every source with a URL (sources/)
  timeline cache info|clear     where large files are cached; remove every entry

Exit codes: 0 fine, 1 problems in the data, 2 cannot read a file or bad usage.
Run `timeline COMMAND --help` for a command's options."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its messages made safe for a terminal: what it echoes back of the
    command line ("unrecognized arguments: ...") may hold an escape sequence (a file
    name from a glob), shown as a stand-in as file text is. Its subparsers are made of
    this class too."""

    def error(self, message: str) -> NoReturn:
        from timeline.text import visible

        super().error(visible(message))


#: What the commands that read timelines take.
TIMELINE_FILES = "timeline files (TOML, or TimelineJS .json/.csv)"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command`, that command's alone (a command
    starts sooner: building all nine is for help that only `--help` shows)."""
    parser: argparse.ArgumentParser = _Parser(
        prog="timeline",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _COMMAND_PARSERS.items():
        if command is None or name == command:
            add(sub)
    return parser


#: `timeline`'s own options; any other option before the files is the viewer's.
_OWN_OPTIONS = ("--help", "--version")


def command_of(args_list: Sequence[str]) -> str | None:
    """The command a command line runs: its first word when that names one, else the
    viewer's (`timeline FILE`, `timeline --end FILE`, `timeline -- -desk.toml`); None
    for `timeline` alone and its own options (`--help`, `--version`, `-h`, or one
    shortened as argparse reads them: `--vers`)."""
    if not args_list:
        return None
    first = args_list[0]
    if first in _COMMAND_PARSERS:
        return first
    option = first.split("=", 1)[0]
    if first == "-h" or (len(option) > 2 and any(o.startswith(option) for o in _OWN_OPTIONS)):
        return None
    return "view"


def parse(args_list: Sequence[str]) -> argparse.Namespace:
    """The command line read, as argparse reads it but for two things: `view` may be
    left out (`timeline --end FILE` is `timeline view --end FILE`), and files may stand
    between options (`timeline check a.toml --strict b.toml`), which argparse leaves
    unread after the first run of them. `--` still ends the options: what follows it is
    a file, whatever its name. Bad usage exits as argparse does (SystemExit, 2), and
    so does a command line with no command, after printing the help."""
    command = command_of(args_list)
    words = list(args_list)
    if command == "view" and words[0] != "view":
        words.insert(0, "view")
    parser = build_parser(command)
    if not words:
        parser.print_help(sys.stderr)
        raise SystemExit(2)
    args, extras = parser.parse_known_args(words)
    if args.command is None:
        parser.print_help(sys.stderr)
        raise SystemExit(2)
    if extras:
        _more_files(args, extras, _subparser(parser, args.command))
    files = getattr(args, "files", None) or [getattr(args, "file", None)]
    if "" in files:
        # `timeline check "$FILE"` with FILE unset: read as the current folder, it was
        # "'': error: is a directory".
        _subparser(parser, args.command).error(
            "a file name is empty (''); give the path of a timeline file"
        )
    return args


def _more_files(
    args: argparse.Namespace, extras: list[str], command: argparse.ArgumentParser
) -> None:
    """Add to the command's files those argparse left unread after an option, and
    refuse the options it did not know (`--` ends them: its first one in `extras` is
    one argparse did not reach, the ones it reached are gone)."""
    end = extras.index("--") if "--" in extras else len(extras)
    before, after = extras[:end], extras[end + 1 :]
    unknown = [word for word in before if word.startswith("-") and word != "-"]
    if unknown or not isinstance(getattr(args, "files", None), list):
        command.error("unrecognized arguments: " + " ".join(unknown or extras))
    args.files.extend([word for word in before if word not in unknown] + after)


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found: argparse.ArgumentParser = action.choices[name]
    return found


def _add_view(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    view = sub.add_parser(
        "view",
        help="open the interactive viewer (the default command)",
        description="Open the viewer on the files (several are merged into one "
        "timeline): the rail of events on the left, the selected event's quotes and "
        "sources on the right. Press ? in it for every key. `timeline FILE...` is the "
        "same.",
    )
    view.add_argument("files", nargs="+", metavar="FILE", help="timeline file(s) to open")
    start = view.add_mutually_exclusive_group()
    start.add_argument(
        "--at",
        metavar="DATE|ID",
        help='start on the event with this id, or nearest this date ("july 16", "2018-07")',
    )
    start.add_argument("--end", action="store_true", help="start on the last event")
    view.add_argument(
        "--view",
        choices=("list", "lanes"),
        default="list",
        help="start in the list (the default) or the lanes view: time across the screen, "
        "a lane per group (v switches)",
    )
    _add_selection(view, viewer=True)


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "check",
        help="validate timeline files",
        description="Read the files as the other commands do (several are merged into "
        "one timeline, as the viewer shows them) and report every problem as "
        "FILE:LINE:COL: error|warning: message, naming the event and the field and "
        "saying what would be valid. Files ending .json or .csv are read as TimelineJS. "
        "Nothing is written.",
        epilog="Exit status: 0 when there are no errors (warnings are printed, and fail "
        "only with --strict), 1 when there are, 2 when a file cannot be read. Output cut "
        "short by a closed pipe (timeline check x.toml | head) keeps the status.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help=TIMELINE_FILES)
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print problems"
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")


def _add_print(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = sub.add_parser(
        "print",
        help="print the timeline to standard output",
        description="Print the timeline as text: colours on a terminal, plain text when "
        "piped (no line ends in spaces, dates and URLs are never split). Output taller "
        "than the terminal goes through a pager, as in git: $PAGER, else less -R "
        "(with LESS=FRX unless LESS is set); never when piped.",
    )
    show.add_argument("files", nargs="+", metavar="FILE", help=TIMELINE_FILES)
    show.add_argument(
        "--no-pager", action="store_true", help="never start a pager: write everything at once"
    )
    _add_selection(show)


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="write the timeline in another format",
        description="Write the timeline (several files merged) in another format, to "
        "standard output or atomically to OUT. File text is data in every format: never "
        "markup, a formula or a control character in the output.",
        epilog="Exit status: 0 when written, 1 when a file has errors (nothing is "
        "written), 2 when a file cannot be read, the options are wrong or OUT exists "
        "(add --force).",
    )
    export.add_argument("files", nargs="+", metavar="FILE", help=TIMELINE_FILES)
    export.add_argument(
        "--to",
        choices=FORMATS,
        required=True,
        help="json: the resolved model; timelinejs: TimelineJS JSON; csv: the TimelineJS "
        "spreadsheet; markdown: a dated document; html: one self-contained web page; "
        "svg, png, pdf: a picture of the lanes "
        "(the from and to filters choose the dates it spans)",
    )
    export.add_argument(
        "--width",
        metavar="W",
        help="a picture's width: pixels (1200, the default, or 1200px; PNGs are 100 dpi) "
        "or inches (8in)",
    )
    export.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (default, and with -o -: stdout)"
    )
    export.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    export.add_argument(
        "--private",
        action="store_true",
        help="for the research team, not for publishing: write each event's research "
        "notes (the key notes in json; hidden data in timelinejs and csv; shown in "
        "markdown and html, where html also says where each event was read); without it "
        "notes never appear",
    )
    _add_selection(export)


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import",
        help="write a TimelineJS .json or .csv file (or any timeline) as our TOML",
        description="Read a TimelineJS JSON file, a TimelineJS spreadsheet saved as CSV, "
        "or any timeline file, and write it as TOML to edit by hand. What this tool's own "
        "exports keep hidden in each slide or row (ids, quotes, sources, how each date "
        "was written) is read back; whatever cannot be read exactly is a warning naming "
        "the slide or row and the field.",
        epilog="Exit status: 0 when OUT is written, 1 when the file has errors (nothing "
        "is written), 2 when it cannot be read or OUT exists (add --force).",
    )
    imp.add_argument(
        "file", metavar="FILE", help="a TimelineJS .json or .csv file, or a timeline (TOML)"
    )
    imp.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        required=True,
        help="the TOML file to write (-o - for standard output)",
    )
    imp.add_argument("--force", action="store_true", help="overwrite OUT if it exists")


def _add_cache(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cache = sub.add_parser(
        "cache",
        help="the cache of large files: full copies of their timelines (see README)",
        description="A file of 1 MB or more that loads without errors is kept, parsed, "
        "under $XDG_CACHE_HOME/timeline (~/.cache/timeline), so that opening it again "
        "skips parsing it; an entry is used only for the file's bytes as they are now. "
        "TIMELINE_CACHE=0 (or off, false, no; any value but 1, on, true, yes) stops it "
        "being read or written.",
    )
    cache.add_argument(
        "action",
        choices=("info", "clear"),
        help="info: where and how big; clear: remove every entry",
    )


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser(
        "serve",
        help="open the viewer in a web browser (textual-serve)",
        description="Serve the viewer over HTTP, each browser tab running its own viewer "
        "on the files, as in a terminal. It listens on this machine only unless --host "
        "says otherwise.",
    )
    serve.add_argument("files", nargs="+", metavar="FILE", help="timeline file(s) to open")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=8000,
        help="port to listen on; 0 picks a free one (default: 8000)",
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port: use 0 to 65535 (0: any free one)"
        )
    return port


def _add_verify(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = sub.add_parser(
        "verify",
        help="check every quote against the archived copy of its source (see docs/verify.md)",
        description="Check that every quote appears in the archived copy of its source "
        "(the quote's own source, else its event's): verbatim, up to typography (curly "
        "quotes, dashes, ellipses; the characters are named), with the edits it marks "
        "(... for words left out, [ ] for words put in; each said with what it stands "
        "for) or a first letter's case or final punctuation changed, or not found (the "
        "closest passage and each differing character). Whitespace runs count as one space.",
        epilog="Exit status: 0 when every quote with an archive is found (verbatim, up "
        "to typography or with edits; with --strict, verbatim only), 1 when any is not "
        "found, else 2 when an archive or a timeline file cannot be read. Quotes without "
        "an archive are reported, not failed; `timeline archive FILE` saves the sources "
        "that have a URL.",
    )
    verify.add_argument("files", nargs="+", metavar="FILE", help="timeline files (TOML)")
    verify.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print the results"
    )
    verify.add_argument(
        "--strict",
        action="store_true",
        help="a quote found only up to typography or with edits fails too (exit 1)",
    )


def _add_archive(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    archive = sub.add_parser(
        "archive",
        help="save a copy of every source with an http(s) URL and no archive yet, under "
        "sources/ beside the file, and write archive and accessed into the file",
        description="For every source with an http(s) URL and no archive yet: fetch it "
        "(http and https only, redirects too; a time and size limit), save it under "
        "sources/ beside the timeline file named by its content's hash, and write "
        "`archive` and `accessed` into that source's table. Nothing else in the file "
        "changes: comments, order and layout stay byte for byte.",
        epilog="Exit status: 0 when every such source was saved, 1 when any could not be "
        "(each is named with the reason), 2 when a file cannot be read.",
    )
    archive.add_argument("files", nargs="+", metavar="FILE", help="timeline files (TOML)")


_COMMAND_PARSERS = {
    "view": _add_view,
    "check": _add_check,
    "print": _add_print,
    "export": _add_export,
    "import": _add_import,
    "cache": _add_cache,
    "verify": _add_verify,
    "archive": _add_archive,
    "serve": _add_serve,
}


class _Once(argparse.Action):
    """An option given at most once: the viewer's --search, whose search line holds
    one text. Given twice, it used to search for the last alone, saying nothing."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        if getattr(namespace, self.dest):
            parser.error(
                f"{option_string} is given once: the viewer searches for one text "
                "(`timeline print` and `export` keep the events holding each of several)"
            )
        setattr(namespace, self.dest, [values])


def _add_selection(command: argparse.ArgumentParser, *, viewer: bool = False) -> None:
    """--filter, --search and --dayfirst: the options that narrow a timeline (the
    viewer's --search starts a search instead, hiding no event)."""
    command.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="keep only matching events; keys: kind, speaker, group, tag, status, from, to "
        '(e.g. kind=tweet, "to=july 20 2018"); repeat a key for either value, '
        "different keys must all match",
    )
    if viewer:
        command.add_argument(
            "--search",
            action=_Once,
            default=[],
            metavar="TEXT",
            help="start with this search, as / does: its matches highlighted, n and N go "
            "through them; no event is hidden (--filter hides)",
        )
    else:
        command.add_argument(
            "--search",
            action="append",
            default=[],
            metavar="TEXT",
            help="keep only events whose text holds TEXT (accents ignored; case too, unless "
            "TEXT has a capital); repeat to require each",
        )
    command.add_argument(
        "--dayfirst", action="store_true", help="read dates like 16/7/2018 as day first"
    )
