"""What every command does first: load the files, report their problems, keep the
events --filter and --search choose; and the exit codes that follow."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, TextIO

from timeline.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE, settle
from timeline.model import Event, Timeline
from timeline.problems import LoadResult, Problem
from timeline.read import load_files

if TYPE_CHECKING:  # argparse is not imported when the viewer starts, nor the filters
    import argparse

    from timeline.query.filters import Filter


def parse_filter(
    args: argparse.Namespace,
    default_year: int | None,
    events: Sequence[Event] | None = None,
    tz: tzinfo | None = None,
) -> Filter:
    from timeline.query.facets import known_values
    from timeline.query.filter_args import parse_filter_args

    # With the events, a kind, speaker, group or tag they do not have is refused with
    # the valid ones listed ("kind=twet"), rather than keeping nothing.
    known = known_values(events) if events is not None else None
    return parse_filter_args(
        args.filter, default_year=default_year, dayfirst=args.dayfirst, known=known, tz=tz
    )


def timeline_zone(timeline: Timeline) -> tzinfo | None:
    """The timeline's zone, in which a filter's time given with a zone is put, as its
    events' times are; None when it has none (`dates.timeline_zone`)."""
    if not timeline.timezone:  # timeline.dates is not imported for a timeline without one
        return None
    from timeline.dates import timeline_zone as zone_of

    return zone_of(timeline.timezone)


def select(timeline: Timeline, args: argparse.Namespace) -> Timeline:
    """The timeline with only the events --filter and --search keep (all without them)."""
    if not args.filter and not args.search:
        return timeline
    from dataclasses import replace

    from timeline.query.search import SearchIndex

    events = timeline.events
    # A date written without a year ("from=july 10") means the timeline's own year.
    chosen = parse_filter(
        args, events[0].when.year if events else None, events, timeline_zone(timeline)
    )
    kept, unsure = chosen.apply_counted(events)
    # As the viewer's header says it: the dates as read (a year taken for one typed
    # without it) and how many the range kept only because their dates bound it.
    said = f"{len(kept):,} of {len(events):,} events kept: {chosen.describe(unsure)}"
    for query in args.search:
        index = SearchIndex([events[i] for i in kept])
        kept = [kept[i] for i in index.search(query)]
    if chosen.date_from is not None or chosen.date_to is not None:
        searched = f"; the search, {len(kept):,} of them" if args.search else ""
        print(f"timeline: {said}{searched}", file=sys.stderr)
    # The lookup tables must be new: `replace` would hand over (and refill) the old ones.
    return replace(timeline, events=tuple(events[i] for i in kept))


def report_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(problem, file=stream)


def load(files: Sequence[str]) -> tuple[Timeline | None, LoadResult]:
    """Load the file(s); print problems to stderr."""
    result = load_files(files)
    settle(exit_code(result))  # before the problems are written (`exits.settle`)
    report_problems(result.problems, sys.stderr)
    return result.timeline, result


def exit_code(result: LoadResult) -> int:
    if result.unreadable:
        return EXIT_USAGE
    return EXIT_DATA if result.errors else EXIT_OK
