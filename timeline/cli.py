"""The command line: `timeline FILE` opens the viewer; check, print and export need no UI.

Textual is imported only when the viewer opens, so the other commands start fast
and run anywhere (CI included). Exit codes: 0 fine, 1 problems in the data,
2 a file cannot be read or the command line is wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from timeline import __version__
from timeline.model import Event, Timeline, When
from timeline.problems import LoadResult, Problem, safe_json, to_json
from timeline.query.facets import known_values
from timeline.query.filter_args import FilterError, parse_filter_args
from timeline.query.filters import Filter
from timeline.read import FORMATS as READ_FORMATS
from timeline.read import load_any, load_files
from timeline.text import visible

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "print", "export", "import", "view", "serve", "cache", "verify", "archive")
FORMATS = ("json", "timelinejs", "csv", "markdown", "html", "svg", "png", "pdf")
#: Formats that are pictures (binary but for SVG): never written to a terminal.
PICTURES = ("svg", "png", "pdf")
#: `-o -` writes to standard output, as in most tools.
STDOUT = "-"

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


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `command`, that command's alone (the viewer
    starts sooner: building the five takes 3 ms, for help that only `--help` shows)."""
    parser = argparse.ArgumentParser(
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


def _add_view(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    view = sub.add_parser("view", help="open the interactive viewer (the default command)")
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
    _add_selection(view)


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="validate timeline files")
    check.add_argument("files", nargs="+", metavar="FILE")
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
    show.add_argument("files", nargs="+", metavar="FILE")
    show.add_argument(
        "--no-pager", action="store_true", help="never start a pager: write everything at once"
    )
    _add_selection(show)


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="write the timeline in another format")
    export.add_argument("files", nargs="+", metavar="FILE")
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
        "import", help="write a TimelineJS .json or .csv file (or any timeline) as our TOML"
    )
    imp.add_argument("file", metavar="FILE")
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
    )
    cache.add_argument(
        "action",
        choices=("info", "clear"),
        help="info: where and how big; clear: remove every entry",
    )


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="open the viewer in a web browser (textual-serve)")
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
        "quotes, dashes, ellipses; the characters are named), or not found (the closest "
        "passage and each differing character). Whitespace runs count as one space.",
        epilog="Exit status: 0 when every quote with an archive is found (verbatim or up "
        "to typography), 1 when any is not found, else 2 when an archive or a timeline "
        "file cannot be read. Quotes without an archive are reported, not failed; "
        "`timeline archive FILE` saves the sources that have a URL.",
    )
    verify.add_argument("files", nargs="+", metavar="FILE", help="timeline files (TOML)")
    verify.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print the results"
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


def _add_selection(command: argparse.ArgumentParser) -> None:
    """--filter, --search and --dayfirst: the options that narrow a timeline."""
    command.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="keep only matching events; keys: kind, speaker, group, tag, status, from, to "
        '(e.g. kind=tweet, "to=july 20 2018"); repeat a key for either value, '
        "different keys must all match",
    )
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


def _filter(
    args: argparse.Namespace, default_year: int | None, events: Sequence[Event] | None = None
) -> Filter:
    # With the events, a kind, speaker, group or tag they do not have is refused with
    # the valid ones listed ("kind=twet"), rather than keeping nothing.
    known = known_values(events) if events is not None else None
    return parse_filter_args(
        args.filter, default_year=default_year, dayfirst=args.dayfirst, known=known
    )


def _select(timeline: Timeline, args: argparse.Namespace) -> Timeline:
    """The timeline with only the events --filter and --search keep (all without them)."""
    if not args.filter and not args.search:
        return timeline
    from dataclasses import replace

    from timeline.query.search import SearchIndex

    events = timeline.events
    # A date written without a year ("from=july 10") means the timeline's own year.
    kept = _filter(args, events[0].when.year if events else None, events).apply(events)
    for query in args.search:
        index = SearchIndex([events[i] for i in kept])
        kept = [kept[i] for i in index.search(query)]
    # The lookup tables must be new: `replace` would hand over (and refill) the old ones.
    return replace(timeline, events=tuple(events[i] for i in kept))


def _report(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(problem, file=stream)


def _load(files: Sequence[str]) -> tuple[Timeline | None, LoadResult]:
    """Load the file(s); print problems to stderr."""
    result = load_files(files)
    _report(result.problems, sys.stderr)
    return result.timeline, result


def _exit_code(result: LoadResult) -> int:
    if result.unreadable:
        return EXIT_USAGE
    return EXIT_DATA if result.errors else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each file; report every problem; exit 1 on errors (or warnings with --strict)."""
    worst = EXIT_OK
    everything: list[Problem] = []
    for name in args.files:
        result = load_any(name)
        code = _exit_code(result)
        if code == EXIT_OK and args.strict and result.warnings:
            code = EXIT_DATA
        worst = max(worst, code)
        if args.format == "json":
            everything.extend(result.problems)
            continue
        _report(result.problems, sys.stdout)
        if result.timeline is not None:
            count = len(result.timeline.events)
            warned = len(result.warnings)
            note = f", {warned} warning{'s' if warned != 1 else ''}" if warned else ""
            print(f"{visible(name)}: ok, {count} event{'s' if count != 1 else ''}{note}")
    if args.format == "json":
        print(to_json(everything))
    return worst


def cmd_print(args: argparse.Namespace) -> int:
    """Print the timeline, through a pager when it is taller than the terminal."""
    from timeline import pager
    from timeline.show.printing import console_for, lines

    screen = pager.screen_of(sys.stdout)
    try:  # read before loading, so that a bad PAGER is said at once; unused when piped
        command = None if args.no_pager or not screen.terminal else pager.command()
    except pager.PagerError as exc:
        print(f"timeline: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    timeline, result = _load(args.files)
    if timeline is None:
        return _exit_code(result)
    # Relations and derived dates are looked up in the whole timeline: a reply to an
    # event the filters leave out still says what it replies to.
    printed = lines(_select(timeline, args), console_for(sys.stdout), everything=timeline)
    pager.page(printed, sys.stdout, screen=screen, pager=command, env=pager.environment())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the timeline in another format, atomically, refusing to overwrite without --force."""
    if args.to not in PICTURES and args.width is not None:
        print("timeline: error: --width is for --to svg, png or pdf", file=sys.stderr)
        return EXIT_USAGE
    streamed = _export_streamed(args)
    if streamed is not None:
        return streamed
    timeline, result = _load(args.files)
    if timeline is None:
        return _exit_code(result)
    if args.to in PICTURES:
        if args.private:
            print(
                "timeline: error: --private is for the text formats (json, timelinejs, csv, "
                "markdown, html): a picture shows no research notes",
                file=sys.stderr,
            )
            return EXIT_USAGE
        return _export_picture(timeline, args)
    selected = _select(timeline, args)
    from timeline.write import render

    text = render(selected, args.to, private=args.private, everything=timeline)
    if not args.output or args.output == STDOUT:
        _to_stdout(text)
        return EXIT_OK
    extension = {"timelinejs": "json", "markdown": "md"}.get(args.to, args.to)
    return _write(args.output, text, force=args.force, example=f"timeline.{extension}")


def _export_streamed(args: argparse.Namespace) -> int | None:
    """Export a large file's events as they are read from its cache entry, when it has
    one: 1,000,000 events to TimelineJS took 5.7 GB held whole. None when the export
    needs the whole timeline (a filter, a search, several files, another format) or
    there is no entry: it is then loaded, and the entry written."""
    from timeline.write import STREAMED, render_chunks

    if args.to not in STREAMED or args.filter or args.search or len(args.files) != 1:
        return None
    from timeline.read.toml import stream_cached

    found = stream_cached(args.files[0])
    if found is None:
        return None
    from timeline.cache import CacheError

    _report(found.problems, sys.stderr)
    text = render_chunks(found.timeline, args.to, private=args.private, events=found.events)
    to_stdout = not args.output or args.output == STDOUT
    try:
        if to_stdout:
            for piece in text:
                _to_stdout(piece)
            return EXIT_OK
        extension = {"timelinejs": "json"}.get(args.to, args.to)
        return _write(args.output, text, force=args.force, example=f"timeline.{extension}")
    except CacheError as exc:
        done = "the output above stops short" if to_stdout else "nothing was written"
        print(
            f"{visible(args.files[0])}: error: {exc}; {done}. Run the export again with "
            "TIMELINE_CACHE=0 to read the file itself",
            file=sys.stderr,
        )
        return EXIT_DATA
    finally:
        found.close()


def _export_picture(timeline: Timeline, args: argparse.Namespace) -> int:
    """Draw the picture; write it to OUT, or to standard output when that is not a
    terminal (a PNG or PDF on a terminal would be noise; SVG is text and may go there)."""
    if args.output in (None, STDOUT) and args.to != "svg" and sys.stdout.isatty():
        print(
            f"timeline: error: --to {args.to} draws a binary picture; add -o OUT.{args.to}, "
            "or redirect standard output to a file",
            file=sys.stderr,
        )
        return EXIT_USAGE
    events = timeline.events
    span: tuple[When | None, When | None] = (None, None)
    if args.filter:
        chosen = _filter(args, events[0].when.year if events else None, events)
        span = (chosen.date_from, chosen.date_to)
    timeline = _select(timeline, args)
    from timeline.write import render_picture
    from timeline.write.picture import PictureError

    try:
        data = render_picture(timeline, args.to, width=args.width, span=span)
    except PictureError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.output or args.output == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    return _write(args.output, data, force=args.force, example=f"timeline.{args.to}")


def cmd_import(args: argparse.Namespace) -> int:
    """Write a file (TimelineJS JSON or CSV, or TOML) as tidy TOML, ready to edit."""
    timeline, result = _load([args.file])
    if timeline is None:
        return _exit_code(result)
    from timeline.write import toml as toml_format

    try:
        text = toml_format.dumps(timeline)
    except toml_format.UnwritableDate as exc:
        print(f"{visible(args.file)}: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_DATA
    if args.output == STDOUT:
        _to_stdout(text)
        return EXIT_OK
    code = _write(args.output, text, force=args.force, example="timeline.toml")
    if code == EXIT_OK:
        count = len(timeline.events)
        where = visible(args.output)
        print(f"{where}: wrote {count} event{'s' if count != 1 else ''}", file=sys.stderr)
    return code


def _to_stdout(text: str) -> None:
    """An export on standard output: exact when redirected, cleaned on a terminal.

    JSON and TOML escape what a terminal acts on and Markdown shows it as stand-ins,
    but CSV has no escapes: a cell holding ESC would reach the terminal raw.
    """
    if sys.stdout.isatty():
        from timeline.text import clean

        text = clean(text)
    sys.stdout.write(text)


def _write(output: str, text: str | bytes | Iterable[str], *, force: bool, example: str) -> int:
    """Write atomically; exit 2 when OUT exists without --force or cannot be written.

    `example` is a file name to suggest when OUT is a folder.
    """
    from timeline.write.atomic import IsAFolder, NotAFile, OutputExists, atomic_write

    shown = visible(output)
    try:
        atomic_write(output, text, force=force)
    except OutputExists:
        print(f"{shown}: error: already exists; add --force to overwrite it", file=sys.stderr)
        return EXIT_USAGE
    except IsAFolder:
        print(
            f"{shown}: error: is a folder; give the name of the file to write, such as "
            f"{visible(os.path.join(output, example))}, or -o - for standard output",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except NotAFile:
        print(
            f"{shown}: error: is not a regular file (a link or a device) and is never "
            "replaced; use -o - or leave out -o to write to standard output",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except OSError as exc:
        print(f"{shown}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_view(args: argparse.Namespace) -> int:
    """Open the viewer; a file that does not load is reported like `check` and not opened.

    Small files are loaded first, so a broken one never flashes an empty screen. Large
    ones are loaded by the viewer in a worker thread behind a progress bar, so the
    first screen appears at once; if they turn out broken, the viewer closes and the
    problems are printed just the same.
    """
    from timeline.read.toml import TUNING

    timeline = None
    broken: list[Problem] = []
    warnings: list[Problem] = []
    if _total_size(args.files) < TUNING.large_file:
        result = load_files(args.files)
        timeline = result.timeline
        if timeline is None:
            if result.unreadable or not sys.stdout.isatty():
                _report(result.problems, sys.stderr)
                return _exit_code(result)
            # Broken, not unreadable: the viewer shows where and waits for a fix (and
            # prints the problems if the reader quits before fixing them).
            broken = result.problems
        else:
            _report(result.problems, sys.stderr)  # seen again once the viewer ends
            warnings = result.warnings
    from timeline.ui.app import run_viewer

    return run_viewer(
        args.files,
        timeline,
        at=args.at,
        end=args.end,
        filter_args=args.filter,
        # Several --search options narrow the printout; the viewer's search line holds one.
        search=args.search[-1] if args.search else "",
        dayfirst=args.dayfirst,
        lanes=args.view == "lanes",
        broken=broken,
        warnings=warnings,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the viewer to web browsers; a file that does not load is reported, not served.

    Each browser tab gets its own viewer process (`timeline view FILE...`), run by
    textual-serve, which is imported only here.
    """
    timeline, result = _load(args.files)
    if timeline is None:
        return _exit_code(result)
    del timeline, result  # each browser tab loads the files in a process of its own
    from timeline.serve import serve

    return serve(args.files, host=args.host, port=args.port)


def _total_size(files: Sequence[str]) -> int:
    total = 0
    for name in files:
        try:
            total += os.stat(name).st_size
        except OSError:
            return 0  # let the loader report it, before the viewer starts
    return total


def cmd_verify(args: argparse.Namespace) -> int:
    """Check each file's quotes against their archives; 1 when any is not found, else 2
    when an archive cannot be read."""
    from pathlib import Path

    from timeline.verify import report
    from timeline.verify.match import Outcome
    from timeline.verify.run import verify

    worst = EXIT_OK
    results: list[dict[str, object]] = []
    for name in args.files:
        result = load_any(name)
        _report(result.problems, sys.stderr)
        if result.timeline is None:
            worst = max(worst, _exit_code(result))
            continue
        counts = {"verbatim": 0, "typographic": 0, "not found": 0, "unchecked": 0, "unreadable": 0}
        for checked in verify(Path(name), result.timeline):
            where = f"{visible(name)}:{checked.site.line}:{checked.site.column}"
            if checked.match is None:
                assert checked.error is not None
                counts["unreadable"] += 1
                worst = max(worst, EXIT_USAGE) if worst != EXIT_DATA else worst
                body, data = (
                    report.error_body(checked.error),
                    report.error_dict(checked.error, checked.quote.text),
                )
            else:
                outcome = checked.match.outcome
                counts[outcome.value.replace("_", " ")] += 1
                if outcome is Outcome.NOT_FOUND:
                    worst = EXIT_DATA
                body = report.line_body(checked.match, checked.archive)
                data = report.as_dict(checked.match, checked.archive)
            if args.format == "json":
                data.update(
                    file=name,
                    line=checked.site.line,
                    column=checked.site.column,
                    event=checked.event.id,
                )
                results.append(data)
            else:
                print(f"{where}: {body}")
        if args.format == "text":
            summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
            print(f"{visible(name)}: {summary or 'no quotes'}")
    if args.format == "json":
        print(safe_json({"quotes": results}))
    return worst


def cmd_archive(args: argparse.Namespace) -> int:
    """Save a copy of every source with a URL and no archive; write where into the file."""
    from pathlib import Path

    from timeline.verify.fetch import Archived, FetchError, archive, is_fetchable
    from timeline.verify.run import Sites
    from timeline.verify.writeback import ArchiveEdit, SourceRef, WritebackError, write_archives

    worst = EXIT_OK
    for name in args.files:
        result = load_any(name)
        _report(result.problems, sys.stderr)
        if result.timeline is None:
            worst = max(worst, _exit_code(result))
            continue
        if Path(name).suffix.lower() in READ_FORMATS:
            print(f"{visible(name)}: error: archive writes into TOML files only", file=sys.stderr)
            worst = max(worst, EXIT_USAGE)
            continue
        sites = Sites(Path(name).read_text(encoding="utf-8-sig"))
        edits: list[ArchiveEdit] = []
        saved: dict[str, Archived] = {}  # one download per URL
        tried = 0
        for event in result.timeline.events:
            position = sites.event_position(event)
            wanted = [(SourceRef(position, n), s) for n, s in enumerate(event.sources)]
            for q, quote in enumerate(event.quotes):
                site = sites.quote(event, q)
                if quote.source is not None and site.table is not None:
                    wanted.append((SourceRef(position, 0, site.table), quote.source))
            for ref, source in wanted:
                if source.archive or not is_fetchable(source.url):
                    continue
                tried += 1
                try:
                    got = saved.get(source.url) or archive(source.url, name)
                except FetchError as exc:
                    print(
                        f"{visible(name)}:{event.line}: error: {visible(str(exc))}", file=sys.stderr
                    )
                    worst = max(worst, EXIT_DATA)
                    continue
                saved[source.url] = got
                edits.append(ArchiveEdit(ref, got.archive, got.accessed))
                saying = f"saved {visible(source.url)} as {got.archive}"
                print(f"{visible(name)}:{event.line}: {saying}")
        if edits:
            try:
                write_archives(name, edits)
            except WritebackError as exc:
                print(f"{visible(name)}: error: {visible(str(exc))}", file=sys.stderr)
                worst = max(worst, EXIT_USAGE)
        elif not tried:
            print(f"{visible(name)}: every source with a URL is archived already")
    return worst


def cmd_cache(args: argparse.Namespace) -> int:
    """Say where the cache is and what it holds, or remove every entry."""
    from timeline import cache

    where = cache.directory()
    if where is None:
        print("the cache is off (TIMELINE_CACHE=0): nothing is cached")
        return EXIT_OK
    if args.action == "clear":
        removed = cache.clear()
        print(f"{where}: removed {removed} cached timeline{'s' if removed != 1 else ''}")
        return EXIT_OK
    entries = list(where.glob("*.entry")) if where.is_dir() else []
    size = sum(entry.stat().st_size for entry in entries)
    print(
        f"{where}: {len(entries)} cached timeline{'s' if len(entries) != 1 else ''}, "
        f"{size / 1e6:.1f} MB (full copies of large files; `timeline cache clear` removes them, "
        "TIMELINE_CACHE=0 turns the cache off)"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Ctrl-C anywhere ends it with exit code 130 and no traceback: while the command
    runs, as KeyboardInterrupt (so an output file being written is removed); run as
    the program (`argv` None), once the command is done too, while Python flushes
    its output and shuts down, by the signal's own default action.
    """
    done = _interrupts_quiet_after_main() if argv is None else None
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        if argv is None:
            sys.stdout.flush()  # here, where Ctrl-C and a closed pipe are still handled
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # `timeline print big.toml | head`: the reader left; that is not an error.
        _silence_stdout()
        sys.stderr.close()
        code = EXIT_OK
    finally:
        if done is not None:
            done()
    return code


def _interrupts_quiet_after_main() -> Callable[[], None] | None:
    """Have Ctrl-C raise KeyboardInterrupt until the returned function is called, and
    from then on end the process at once, quietly, as an unhandled SIGINT does.

    Python's own handler would raise KeyboardInterrupt wherever the interpreter is,
    even in its shutdown, and print a traceback there. Nothing changes when another
    handler is installed already (an embedding program's) or off the main thread.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return None
    running = True

    def on_interrupt(signum: int, frame: object) -> None:
        if running:
            raise KeyboardInterrupt
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)

    signal.signal(signal.SIGINT, on_interrupt)

    def done() -> None:
        nonlocal running
        running = False

    return done


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that flushing it at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(args_list: list[str]) -> int:
    """Parse the command line and run the command; exceptions are main's to handle."""
    if args_list and args_list[0] not in COMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "view")  # `timeline FILE` means `timeline view FILE`
    parser = _parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
    if not args_list:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 for --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        if getattr(args, "filter", None):
            # Checked before loading, so a typo is reported at once, not after a large
            # file has loaded. A leap year, so that "feb 29" is not refused here.
            _filter(args, default_year=2000)
    except FilterError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    handler = {
        "check": cmd_check,
        "print": cmd_print,
        "export": cmd_export,
        "import": cmd_import,
        "view": cmd_view,
        "cache": cmd_cache,
        "verify": cmd_verify,
        "archive": cmd_archive,
        "serve": cmd_serve,
    }[args.command]
    try:
        if args.command == "view":
            return handler(args)  # the viewer runs its own collection policy
        from timeline.read import collector_paused

        # A command's process lives for one load and what follows: the collector
        # would only rescan the timeline being built (a third of a large load).
        with collector_paused():
            return handler(args)
    except FilterError as exc:  # a date that needs the timeline's year ("feb 29")
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
