"""The commands about sources' archived copies: verify quotes against them, archive
the sources that have none."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from timeline.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE, settle
from timeline.cli.loading import exit_code, report_problems
from timeline.problems import safe_json, shown
from timeline.read import FORMATS as READ_FORMATS
from timeline.read import each_file_once, load_any
from timeline.text import file_name, visible

if TYPE_CHECKING:
    from timeline.verify.fetch import Archived


def cmd_verify(args: argparse.Namespace) -> int:
    """Check each file's quotes against their archives; 1 when any is not found (or with
    --strict, not verbatim), else 2 when an archive cannot be read."""
    from pathlib import Path

    from timeline.verify import report
    from timeline.verify.match import Outcome
    from timeline.verify.run import verify

    worst = EXIT_OK
    results: list[dict[str, object]] = []
    for name in _each_once(args.files):
        result = load_any(name)
        if result.timeline is None:
            worst = max(worst, exit_code(result))
        settle(worst)  # before anything is written: a closed pipe ends with it
        report_problems(result.problems, sys.stderr)
        if result.timeline is None:
            continue
        counts = dict.fromkeys(
            ("verbatim", "typographic", "edited", "not found", "unchecked", "unreadable"), 0
        )
        for checked in verify(Path(name), result.timeline):
            where = f"{file_name(name)}:{checked.site.line}:{checked.site.column}"
            subject = report.about(checked.event.id, checked.number)
            said: list[tuple[str, dict[str, object]]] = []
            if checked.match is not None:
                outcome = checked.match.outcome
                counts[outcome.value.replace("_", " ")] += 1
                if outcome is Outcome.NOT_FOUND or (
                    args.strict and outcome in (Outcome.TYPOGRAPHIC, Outcome.EDITED)
                ):
                    worst = EXIT_DATA
                said.append(
                    (
                        report.line_body(checked.match, checked.archive, subject),
                        report.as_dict(checked.match, checked.archive),
                    )
                )
            # An archive that cannot be read is reported on every quote that cites it,
            # also when another archive of the quote gave the result above.
            for error in (checked.error,) if checked.match is None else checked.unread:
                assert error is not None
                counts["unreadable"] += 1
                worst = max(worst, EXIT_USAGE) if worst != EXIT_DATA else worst
                said.append(
                    (
                        report.error_body(error, subject),
                        report.error_dict(error, checked.quote.text),
                    )
                )
            settle(worst)
            for body, data in said:
                if args.format == "json":
                    data.update(
                        # The file and the event as check --format json names them.
                        file=file_name(name),
                        line=checked.site.line,
                        column=checked.site.column,
                        event=visible(checked.event.id),
                        quote_number=checked.number + 1,
                    )
                    results.append(data)
                else:
                    print(f"{where}: {body}")
        if args.format == "text":
            summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
            print(f"{file_name(name)}: {summary or 'no quotes'}")
    if args.format == "json":
        print(safe_json({"quotes": results}))
    return worst


def cmd_archive(args: argparse.Namespace) -> int:
    """Save a copy of every source with a URL and no archive; write where into the file."""
    from pathlib import Path

    from timeline.verify.archives import folder_of
    from timeline.verify.fetch import FetchError, archive, is_fetchable
    from timeline.verify.run import Sites
    from timeline.verify.writeback import ArchiveEdit, SourceRef, WritebackError, write_archives

    worst = EXIT_OK
    for name in _each_once(args.files):
        result = load_any(name)
        if result.timeline is None:
            worst = max(worst, exit_code(result))
        settle(worst)  # before anything is written: a closed pipe ends with it
        report_problems(result.problems, sys.stderr)
        if result.timeline is None:
            continue
        if Path(name).suffix.lower() in READ_FORMATS:
            worst = settle(max(worst, EXIT_USAGE))
            print(f"{file_name(name)}: error: archive writes into TOML files only", file=sys.stderr)
            continue
        sites = Sites(Path(name).read_text(encoding="utf-8-sig"))
        # Archives go beside the real file: given a link to it, that is another folder
        # than the link's, and each line says which.
        folder = folder_of(name)
        leads = ""
        if folder != Path(name).parent.resolve():
            leads = f" in {file_name(str(folder))} (beside the file {file_name(name)} links to)"
        edits: list[ArchiveEdit] = []
        saved: dict[str, Archived] = {}  # one download per URL
        new: list[Archived] = []  # copies this run wrote, which nothing names until written
        tried = 0
        try:
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
                    # At the source's url, naming it as `check` does: the event's header
                    # alone left a reader of an event of five sources to guess which failed.
                    line, column, named = sites.source(event, ref.source, ref.quote)
                    where = f"{file_name(name)}:{line}:{column}"
                    who = f"event {shown(event.id)}: " + (f"{named}: " if named else "")
                    try:
                        got = saved.get(source.url) or archive(source.url, name)
                    except FetchError as exc:
                        worst = settle(max(worst, EXIT_DATA))
                        print(f"{where}: error: {who}{visible(str(exc))}", file=sys.stderr)
                        continue
                    if got.new and source.url not in saved:
                        new.append(got)
                    saved[source.url] = got
                    edits.append(ArchiveEdit(ref, got.archive, got.accessed))
                    saying = f"saved {visible(source.url)} as {got.archive}{leads}"
                    print(f"{where}: {who}{saying}")
        except KeyboardInterrupt:
            # Ctrl-C between fetches: the copies saved so far stay, and nothing names
            # them, as when the file cannot be written; said, then ended as Ctrl-C is.
            if edits:
                print(
                    f"{file_name(name)}: note: interrupted; nothing was written into the file",
                    file=sys.stderr,
                )
            for said in _kept_unnamed(name, new, leads, again=""):
                print(f"{file_name(name)}: note: {said}", file=sys.stderr)
            raise
        if edits:
            try:
                write_archives(name, edits)
            except WritebackError as exc:
                worst = settle(max(worst, EXIT_USAGE))
                place = f":{exc.line}:{exc.column}" if exc.line else ""
                print(f"{file_name(name)}{place}: error: {visible(str(exc))}", file=sys.stderr)
                for said in _kept_unnamed(name, new, leads):
                    print(f"{file_name(name)}: note: {said}", file=sys.stderr)
        elif not tried:
            print(f"{file_name(name)}: every source with a URL is archived already")
    return worst


def _kept_unnamed(
    name: str, new: list[Archived], leads: str, again: str = " once the file can be written"
) -> list[str]:
    """What to say of the copies an archive run saved when it could not write the file,
    or was interrupted (Ctrl-C) before it did (`again` "": nothing to wait for to run
    it again): they stay, and nothing names them (before, nothing said so). A run again fetches
    each source again (a copy records no address), which names the same copy only when
    the page is unchanged: a page gone or edited meanwhile would leave the copy saved
    here unnamed, so the user is told how to name it as saved, or that it can go."""
    if not new:
        return []
    copies = ", ".join(got.archive for got in new)
    days = " or ".join(sorted({got.accessed.isoformat() for got in new}))
    return [
        f"kept the {'copy' if len(new) == 1 else f'{len(new)} copies'} saved above{leads}, "
        f"which nothing in the file names yet: {copies}",
        f"`timeline archive {file_name(name)}` run again{again} "
        "fetches each source again, and names a copy here only if its page is unchanged; "
        "to keep a copy as saved (its page may change or go), write in its source "
        f'archive = "sources/..." and accessed = {days}; a copy no source names can be '
        "deleted",
    ]


def _each_once(files: list[str]) -> list[str]:
    """The files, each once (a warning for each given again), as check reads them: a
    file given twice was verified, or archived, twice."""
    once, again = each_file_once(files)
    report_problems(again, sys.stderr)
    return [str(name) for name in once]
