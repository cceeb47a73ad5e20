"""The commands that write files: export (text formats, streamed from the cache, or a
picture) and import (any timeline as our TOML), and how they write their output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from timeline.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from timeline.cli.loading import (
    exit_code,
    load,
    parse_filter,
    report_problems,
    select,
    timeline_zone,
)
from timeline.model import Timeline, When
from timeline.text import file_name, visible

#: Formats that are pictures (binary but for SVG): never written to a terminal.
PICTURES = ("svg", "png", "pdf")
#: `-o -` writes to standard output, as in most tools.
STDOUT = "-"


def cmd_export(args: argparse.Namespace) -> int:
    """Write the timeline in another format, atomically, refusing to overwrite without --force."""
    if args.to not in PICTURES and args.width is not None:
        print("timeline: error: --width is for --to svg, png or pdf", file=sys.stderr)
        return EXIT_USAGE
    if not _output_usable(args.output, args.files):
        return EXIT_USAGE
    streamed = _export_streamed(args)
    if streamed is not None:
        return streamed
    timeline, result = load(args.files)
    if timeline is None:
        return exit_code(result)
    if args.to in PICTURES:
        if args.private:
            print(
                "timeline: error: --private is for the text formats (json, timelinejs, csv, "
                "markdown, html): a picture shows no research notes",
                file=sys.stderr,
            )
            return EXIT_USAGE
        return _export_picture(timeline, args)
    selected = select(timeline, args)
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
    from timeline.read import FORMATS

    if Path(args.files[0]).suffix.lower() in FORMATS:
        # Read as TimelineJS, not TOML: a link named .json to a cached TOML file is
        # an error to `check`, and must be one here too.
        return None
    from timeline.read.toml import stream_cached

    found = stream_cached(args.files[0])
    if found is None:
        return None
    from timeline.cache_rows import CacheError

    report_problems(found.problems, sys.stderr)
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
            f"{file_name(args.files[0])}: error: {exc}; {done}. Run the export again with "
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
        chosen = parse_filter(
            args, events[0].when.year if events else None, events, timeline_zone(timeline)
        )
        span = (chosen.date_from, chosen.date_to)
    timeline = select(timeline, args)
    from timeline.write import render_picture
    from timeline.write.picture import PictureError

    notes: list[str] = []
    try:
        data = render_picture(timeline, args.to, width=args.width, span=span, notes=notes)
    except PictureError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for note in notes:
        # Said in the picture too; here with what gives the labels more room.
        print(
            f"timeline: note: {note} A wider --width, or fewer dates (--filter from=... "
            "to=...), makes room.",
            file=sys.stderr,
        )
    if not args.output or args.output == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    return _write(args.output, data, force=args.force, example=f"timeline.{args.to}")


def cmd_import(args: argparse.Namespace) -> int:
    """Write a file (TimelineJS JSON or CSV, or TOML) as tidy TOML, ready to edit."""
    if not _output_usable(args.output, [args.file]):
        return EXIT_USAGE
    from timeline.read import FORMATS

    suffix = Path(args.output).suffix.lower()
    if suffix in FORMATS:
        # Written there, our TOML would be read back as TimelineJS: "JSON syntax: Expecting
        # value" from `timeline check`, of a file import had just written without a word.
        print(
            f"{file_name(args.output)}: error: import writes TOML, and a {suffix} file is read "
            f"as {FORMATS[suffix]}; name it .toml (export --to timelinejs or csv writes "
            "TimelineJS)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    timeline, result = load([args.file])
    if timeline is None:
        return exit_code(result)
    from timeline.write import toml as toml_format

    try:
        text = toml_format.dumps(timeline)
    except toml_format.UnwritableDate as exc:
        print(f"{file_name(args.file)}: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_DATA
    if args.output == STDOUT:
        _to_stdout(text)
        return EXIT_OK
    code = _write(args.output, text, force=args.force, example="timeline.toml")
    if code == EXIT_OK:
        count = len(timeline.events)
        where = file_name(args.output)
        print(f"{where}: wrote {count} event{'s' if count != 1 else ''}", file=sys.stderr)
    return code


def _output_usable(output: str | None, files: Iterable[str]) -> bool:
    """Whether OUT may be written, said on standard error when not; before anything is
    read, so that a large file is not loaded for nothing.

    `-o ""` (`-o "$OUT"` with OUT unset, in a script) wrote the export to standard
    output, exit 0; and `-o events.toml --force` replaced the timeline being read with
    its own export, with no copy left: --force is for an earlier output, never an input.
    """
    if output == "":
        print(
            "timeline: error: -o is given an empty name; give the file to write, or -o - "
            "for standard output",
            file=sys.stderr,
        )
        return False
    if output is None or output == STDOUT:
        return True
    for name in files:
        try:
            same = os.path.samefile(output, name)
        except (OSError, ValueError):
            continue  # OUT not there yet (or the input is not): it is not the input
        if same:
            shown = file_name(output)
            also = (
                ""
                if os.path.normpath(output) == os.path.normpath(name)
                else f" (as {file_name(name)})"
            )
            print(
                f"{shown}: error: is a file being read{also}, and is never written over, "
                "even with --force; give -o another file",
                file=sys.stderr,
            )
            return False
    return True


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

    shown = file_name(output)
    try:
        atomic_write(output, text, force=force)
    except OutputExists:
        print(f"{shown}: error: already exists; add --force to overwrite it", file=sys.stderr)
        return EXIT_USAGE
    except IsAFolder:
        print(
            f"{shown}: error: is a folder; give the name of the file to write, such as "
            f"{file_name(os.path.join(output, example))}, or -o - for standard output",
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
