"""The command line: `timeline FILE` opens the viewer; check, print and export need no UI.

Textual is imported only when the viewer opens, so the other commands start fast
and run anywhere (CI included). Exit codes: 0 fine, 1 problems in the data,
2 a file cannot be read or the command line is wrong.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from timeline.cli import exits
from timeline.cli.exits import EXIT_OK, EXIT_USAGE
from timeline.collecting import collector_paused

if TYPE_CHECKING:
    import argparse

#: Commands that run until the reader stops them: the collector runs as it was found
#: (see `_run`), not paused for their whole life.
LONG_RUNNING = ("view", "serve")

COMMANDS = ("check", "print", "export", "import", "view", "serve", "cache", "verify", "archive")


def _view_defaults() -> dict[str, object]:
    """What `timeline view FILE...` sets besides its files when no option is given: the
    defaults of the view command's options in `parser` (a test holds the two equal)."""
    return {
        "command": "view",
        "at": None,
        "end": False,
        "view": "list",
        "filter": [],
        "search": [],
        "dayfirst": False,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Ctrl-C anywhere ends it with exit code 130 and no traceback: while the command
    runs, as KeyboardInterrupt (so an output file being written is removed); run as
    the program (`argv` None), once the command is done too, while Python flushes
    its output and shuts down, by the signal's own default action.
    """
    done = _interrupts_quiet_after_main() if argv is None else None
    exits.forget()
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        _say_cache_unused()
        if argv is None:
            sys.stdout.flush()  # here, where Ctrl-C and a closed pipe are still handled
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # `timeline print big.toml | head`: the reader left; that is not an error, but
        # errors found before it left are (`check bad.toml | head` exited 0 in CI).
        _silence_stdout()
        sys.stderr.close()
        code = exits.settled()
    except OSError as exc:
        if exc.errno not in _OUTPUT_FULL:
            raise
        # `timeline export big.toml --to json > out.json` on a full disk ended in a
        # traceback. The output is cut short: said, and a failure whatever the data.
        _silence_stdout()
        with suppress(OSError, ValueError):
            print(f"timeline: error: cannot write the output: {exc.strerror}", file=sys.stderr)
        code = EXIT_USAGE
    finally:
        if done is not None:
            done()
    return code


def _say_cache_unused() -> None:
    """Say on standard error why a large file was read without the cache, when it could
    not be used or its entry not written (`cache.went_without`: XDG_CACHE_HOME naming a
    file, a folder it may not write to); the command went on without it. Before,
    nothing said so, and every open read the file in full."""
    # Imported here: what `timeline.cli` imports is built before main pauses the
    # collector (tests/test_cli.py: importing the command line imports no command).
    from timeline import cache_unused

    said = cache_unused.went_without()
    if said:
        print(f"timeline: warning: {said}", file=sys.stderr)


#: What a write can fail with only for want of room: standard output (a file on a full
#: disk, /dev/full) is then said to be cut short. Any other error is a bug, shown as one.
_OUTPUT_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


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


def plain_view(args_list: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of `timeline FILE...` with no option, read without argparse; None
    for any other command line.

    Importing argparse and building the view command's parser was 5 ms of every start
    of the viewer (about a tenth of what it adds to a bare Textual app), for the
    command line readers type most.
    """
    if not args_list or args_list[0] in COMMANDS:
        return None
    if any(not arg or arg.startswith("-") for arg in args_list):
        return None  # an option, or an empty name that argparse's reading refuses
    return cast("argparse.Namespace", SimpleNamespace(files=list(args_list), **_view_defaults()))


def _run(args_list: list[str]) -> int:
    """Parse the command line and run the command; exceptions are main's to handle.

    The collector is paused from here: starting builds what lives as long as the
    process (the modules, then the timeline), and collecting meanwhile only rescans
    it (14 ms of the viewer's first screen on events.toml). A command runs paused to
    its end (a third of a large load). The viewer and the server pause their own
    start-up: the viewer then runs its own policy (timeline/ui/collector.py), and the
    server, which runs for days, Python's.
    """
    with collector_paused():
        args = plain_view(args_list)
        if args is None:
            parsed = _parse(args_list)
            if isinstance(parsed, int):
                return parsed
            args = parsed
        if getattr(args, "filter", None):
            # Checked before loading, so a typo is reported at once, not after a large
            # file has loaded. A leap year, so that "feb 29" is not refused here.
            code = _handled(_filter_checked, args)
            if code:
                return code
        handler = _command(args.command)
        if args.command not in LONG_RUNNING:
            return _handled(handler, args)
    return _handled(handler, args)


def _filter_checked(args: argparse.Namespace) -> int:
    from datetime import UTC

    from timeline.cli.loading import parse_filter

    # In a zone, as the timeline's zone is not known yet: a time given with one is
    # read (and checked), not refused for a timeline that may have a zone.
    parse_filter(args, default_year=2000, tz=UTC)
    return EXIT_OK


def _handled(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """The command's exit code; a filter that does not read (`FilterError`: a typo, or
    a date that needs the timeline's year, "feb 29", and finds none) is bad usage."""
    try:
        return handler(args)
    except ValueError as exc:
        # Its module is imported only now: most commands filter nothing.
        from timeline.query.filter_args import FilterError

        if not isinstance(exc, FilterError):
            raise
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _parse(args_list: list[str]) -> argparse.Namespace | int:
    """The command line read by argparse, or the exit code when it says to stop."""
    from timeline.cli.parser import parse

    try:
        return parse(args_list)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 for --help
        return int(exc.code or 0)


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The command's function; its module is imported only now, so that the viewer
    starts without the other commands'."""
    if name in ("view", "serve"):
        from timeline.cli import viewer

        return viewer.cmd_view if name == "view" else viewer.cmd_serve
    if name in ("check", "print"):
        from timeline.cli import reading

        return reading.cmd_check if name == "check" else reading.cmd_print
    if name in ("export", "import"):
        from timeline.cli import writing

        return writing.cmd_export if name == "export" else writing.cmd_import
    if name in ("verify", "archive"):
        from timeline.cli import sources

        return sources.cmd_verify if name == "verify" else sources.cmd_archive
    from timeline.cli import cache

    return cache.cmd_cache
