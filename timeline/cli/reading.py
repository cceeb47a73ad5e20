"""The commands that read a timeline and say what is in it: check and print."""

from __future__ import annotations

import argparse
import sys

from timeline.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE, settle
from timeline.cli.loading import (
    exit_code,
    load,
    report_problems,
    select,
)
from timeline.problems import Problem, to_json
from timeline.read import each_file_once, load_any, merged
from timeline.text import file_name, visible


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the files as the other commands read them, merged into one timeline;
    report every problem; exit 1 on errors (or warnings with --strict)."""
    paths, again = each_file_once(args.files)
    # No entry written that would mean making every event again (`remake_for_cache`).
    results = [load_any(path, remake_for_cache=False) for path in paths]
    whole = merged(results, again, timeline=False)
    code = exit_code(whole)
    if code == EXIT_OK and args.strict and whole.warnings:
        code = EXIT_DATA
    settle(code)  # before anything is written: a closed pipe ends with it
    if args.format == "json":
        print(to_json(whole.problems))
        return code
    # Each file's problems, then its verdict: a problem of the merged timeline is said
    # under the file it names; one naming none of them (a file given twice) first.
    names = [str(path) for path in paths]
    said: dict[str, list[Problem]] = {name: [] for name in names}
    report_problems([p for p in whole.problems if p.file not in said], sys.stdout)
    for problem in whole.problems:
        if problem.file in said:
            said[problem.file].append(problem)
    for name, result in zip(names, results, strict=True):
        report_problems(said[name], sys.stdout)
        if result.timeline is not None:
            count = len(result.timeline.events)
            warned = sum(problem.severity == "warning" for problem in said[name])
            note = f", {warned} warning{'s' if warned != 1 else ''}" if warned else ""
            print(f"{file_name(name)}: ok, {count} event{'s' if count != 1 else ''}{note}")
    return code


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
