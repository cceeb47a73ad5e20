"""The commands that read a timeline and say what is in it: check and print."""

from __future__ import annotations

import argparse
import sys

from timeline.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from timeline.cli.loading import (
    exit_code,
    load,
    report_problems,
    select,
)
from timeline.problems import Problem, to_json
from timeline.read import load_any
from timeline.text import visible


def cmd_check(args: argparse.Namespace) -> int:
    """Validate each file; report every problem; exit 1 on errors (or warnings with --strict)."""
    worst = EXIT_OK
    everything: list[Problem] = []
    for name in args.files:
        result = load_any(name)
        code = exit_code(result)
        if code == EXIT_OK and args.strict and result.warnings:
            code = EXIT_DATA
        worst = max(worst, code)
        if args.format == "json":
            everything.extend(result.problems)
            continue
        report_problems(result.problems, sys.stdout)
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
    timeline, result = load(args.files)
    if timeline is None:
        return exit_code(result)
    # Relations and derived dates are looked up in the whole timeline: a reply to an
    # event the filters leave out still says what it replies to.
    printed = lines(select(timeline, args), console_for(sys.stdout), everything=timeline)
    pager.page(printed, sys.stdout, screen=screen, pager=command, env=pager.environment())
    return EXIT_OK
