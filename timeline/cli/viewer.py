"""The commands that open the viewer: in this terminal (view) or in web browsers (serve)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.cli.loading import exit_code, load, report_problems
from timeline.collecting import collector_paused
from timeline.problems import LoadResult, Problem
from timeline.read import each_file_once, load_files

if TYPE_CHECKING:  # argparse is not imported when the viewer starts
    import argparse


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
    parts: dict[str, LoadResult] = {}
    # Paused up to the viewer, which runs its own policy (see timeline/collecting.py).
    with collector_paused():
        if _total_size(args.files) < TUNING.large_file:
            result = load_files(args.files)
            timeline, parts = result.timeline, result.parts
            if timeline is None:
                if result.unreadable or not sys.stdout.isatty():
                    report_problems(result.problems, sys.stderr)
                    return exit_code(result)
                # Broken, not unreadable: the viewer shows where and waits for a fix
                # (and prints the problems if the reader quits before fixing them).
                broken = result.problems
            else:
                report_problems(result.problems, sys.stderr)  # seen again once it ends
                warnings = result.warnings
        from timeline.ui.app import run_viewer

    return run_viewer(
        args.files,
        timeline,
        at=args.at,
        end=args.end,
        filter_args=args.filter,
        # The viewer's search line holds one text (the parser takes --search once).
        search=args.search[0] if args.search else "",
        dayfirst=args.dayfirst,
        lanes=args.view == "lanes",
        broken=broken,
        warnings=warnings,
        parts=parts,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the viewer to web browsers; a file that does not load is reported, not served.

    Each browser tab gets its own viewer process (`timeline view FILE...`), run by
    textual-serve, which is imported only here.
    """
    with collector_paused():
        timeline, result = load(args.files)
        if timeline is None:
            return exit_code(result)
        del timeline, result  # each browser tab loads the files in a process of its own
        from timeline.serve import serve

    return serve(args.files, host=args.host, port=args.port)


def _total_size(files: Sequence[str]) -> int:
    total = 0
    for name in each_file_once(files)[0]:  # a file given twice is read once
        try:
            total += os.stat(name).st_size
        except OSError:
            return 0  # let the loader report it, before the viewer starts
    return total
