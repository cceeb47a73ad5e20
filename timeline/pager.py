"""Output taller than the terminal goes through a pager, as git does it.

Only when standard output is a terminal: piped or redirected, the output is written
as it is. The pager is `$PAGER` (split as a shell splits words; empty or `cat` means
none, as for git), else `less -R`, given LESS=FRX when LESS is not set (quit at once
if everything fits, keep the text on the screen after quitting, show colours), and
LV=-c for `lv`. Output that fits the terminal with a line to spare for the prompt is
printed without starting any pager, whichever it is: the first screenful is held
back until it is known to be more than that, then the pager gets it and the rest as
it is made, so a long printout starts showing at once.

The terminal is the caller's: `Screen` says what standard output is, and `page`
takes it, the command and its environment as arguments, so that tests decide them.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from itertools import chain, islice
from typing import NamedTuple, TextIO

#: The pager when $PAGER is not set; -R passes colours through as colours.
DEFAULT = ("less", "-R")
#: Set for the pager when the user has not set them (git's defaults).
DEFAULT_ENVIRONMENT = {"LESS": "FRX", "LV": "-c"}


class Screen(NamedTuple):
    """Where output goes: whether it is a terminal, and how many lines it shows."""

    terminal: bool
    height: int


def screen_of(stream: TextIO, environ: Mapping[str, str] = os.environ) -> Screen:
    """What `stream` is: a terminal and its height (LINES, if set, as for COLUMNS), or
    not a terminal. A terminal of unknown height counts as one that shows everything."""
    try:
        terminal = os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):  # io.StringIO, a closed stream
        return Screen(False, 0)
    if not terminal:
        return Screen(False, 0)
    lines = environ.get("LINES", "")
    if lines.isdigit():
        return Screen(True, int(lines))
    try:
        return Screen(True, os.get_terminal_size(stream.fileno()).lines)
    except OSError:
        return Screen(True, 0)


class PagerError(ValueError):
    """$PAGER cannot be read as a command; the message says what to write instead."""


def command(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """The pager to run, as arguments; None for none ($PAGER empty or `cat`)."""
    written = environ.get("PAGER")
    if written is None:
        return list(DEFAULT)
    try:
        words = shlex.split(written)
    except ValueError as exc:
        raise PagerError(
            f"PAGER={written!r} cannot be read as a command ({exc}): write the program and "
            "its options as in a shell, such as PAGER='less -R', or use --no-pager"
        ) from None
    if not words or words == ["cat"]:
        return None
    return words


def environment(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The pager's environment: ours, with LESS and LV set when the user has not."""
    return {**DEFAULT_ENVIRONMENT, **environ}


def page(
    lines: Iterable[str],
    out: TextIO,
    *,
    screen: Screen,
    pager: Sequence[str] | None,
    env: Mapping[str, str] | None = None,
    err: TextIO | None = None,
) -> None:
    """Write `lines` (each without its newline) to `out`, or through `pager` when `out`
    is a terminal they would not fit on.

    If the pager cannot be started, a note says so on `err` and the lines are written
    to `out`: nothing is lost. A reader who quits the pager early ends the printout
    quietly; Ctrl-C ends it once the pager has exited, as KeyboardInterrupt.
    """
    rest = iter(lines)
    if not screen.terminal or pager is None or screen.height <= 0:
        _write(out, rest)
        return
    # A line to spare: the shell's prompt comes after the output, and `less -F` also
    # keeps its last line for itself.
    first = list(islice(rest, screen.height))
    if len(first) < screen.height:
        _write(out, first)
        return
    out.flush()
    try:
        process = subprocess.Popen(list(pager), stdin=subprocess.PIPE, env=env)
    except OSError as exc:
        print(
            f"timeline: note: cannot start the pager {shlex.join(pager)!r} "
            f"({exc.strerror or exc}); printing without it (set PAGER, or add --no-pager)",
            file=err or sys.stderr,
        )
        _write(out, chain(first, rest))
        return
    assert process.stdin is not None
    into = io.TextIOWrapper(
        process.stdin,
        encoding=getattr(out, "encoding", None) or "utf-8",
        errors=getattr(out, "errors", None) or "strict",
        write_through=False,
    )
    try:
        _write(into, chain(first, rest))
    except BrokenPipeError:
        pass  # the reader quit the pager: what they did not read is not needed
    except KeyboardInterrupt:
        _close(into)
        _wait(process)
        raise
    _close(into)
    _wait(process)


def _write(out: TextIO, lines: Iterator[str] | Sequence[str]) -> None:
    for line in lines:
        out.write(line + "\n")


def _close(stream: TextIO) -> None:
    with suppress(OSError):  # BrokenPipeError: the pager has gone already
        stream.close()


def _wait(process: subprocess.Popen[bytes]) -> None:
    """Wait for the pager to end: it has the terminal, and the shell's prompt must not
    come back under it. Ctrl-C meanwhile is the pager's (less keeps running)."""
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:
            continue
