"""One load of one TOML document (or a large file's chunks): its events read, put
together, and what needs them all done, with every problem located.

The document comes whole (timeline/read/toml_parse.py) or a chunk at a time
(timeline/read/chunks.py); each `[[events]]` table becomes an event
(timeline/read/records.py), the [timeline] table and the eras are checked by
timeline/read/toml_header.py, then ids, relative dates and links
(timeline/read/resolve.py), and problems are placed in the text only when there are
some (timeline/read/locate.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from operator import attrgetter, sub
from typing import TYPE_CHECKING, Any

from timeline.dates import Relative
from timeline.memory import give_back
from timeline.model import Event, Timeline, chronological, chronological_order
from timeline.problems import LoadResult, Problem, Severity, describe, shown, suggest
from timeline.read.conflicts import conflict_problems
from timeline.read.display_dates import check_display_dates
from timeline.read.locate import Locator
from timeline.read.records import EventReader, Shared
from timeline.read.resolve import (
    check_links,
    check_ranges,
    out_of_order,
    resolve_dates,
    resolve_quote_dates,
    unique_ids,
    unknown_anchor,
    unknown_reply,
)
from timeline.read.table_checks import Place, Report, field_path
from timeline.read.toml_header import Header
from timeline.read.toml_parse import parse_whole
from timeline.text import file_title

if TYPE_CHECKING:
    from timeline.read.chunks import KeptRows

TOP_KEYS = ("timeline", "events", "eras")
_ID, _IN_REPLY_TO, _STATUS, _WHEN, _END, _LINE = map(
    attrgetter, ("id", "in_reply_to", "status", "when", "end", "line")
)
#: A file whose events are further than this many from their place in the timeline
#: (or in reverse) has them all made at once: a pass over rows kept in the file's
#: order keeps this many read (timeline/file_rows.py).
WINDOW = 25_000


class Load:
    """One load of one document: its header, eras and events, and every problem."""

    def __init__(self, name: str, locator: Locator) -> None:
        self.name = name
        self.locator = locator
        self.problems: list[Problem] = []
        self.shared = Shared()
        self.header = Header(name, locator, self.add, self.shared)

    # ------------------------------------------------------------------ problems

    def add(
        self,
        severity: Severity,
        message: str,
        line: int = 0,
        column: int = 0,
        event: str = "",
        key: str = "",
    ) -> None:
        self.problems.append(Problem(severity, message, self.name, line, column, event, key))

    def event_reporter(self, position: int, event: str) -> Report:
        """Reports problems with the event at `position` in the file, placed at their key
        (in the event's own table, or in its nth `[[events.quotes]]` or `[[events.sources]]`)."""

        def report(severity: Severity, message: str, key: str, place: Place) -> None:
            locator = self.locator
            if key or place[1]:
                line, column = locator.field(position, key, "events", place)
            else:
                line, column = locator.header_line(position), 1
            self.add(severity, message, line, column, event, field_path(key, place))

        return report

    # ------------------------------------------------------------------ documents

    def new_reader(self) -> EventReader:
        return EventReader(self.name, self.locator.header_lines, self.shared)

    def whole(self, text: str, fast: bool = True) -> LoadResult:
        """Parse the whole text and load it: with the fast parser when `fast`, and with
        tomllib when not or when that refuses it (tomllib's messages locate the error)."""
        doc = parse_whole(text, fast, self.add)
        if "<<<<<<<" in text or ">>>>>>>" in text:
            self._conflicts(text, doc)
        if doc is None:
            return LoadResult(None, self.problems)
        return self._whole(doc)

    def _conflicts(self, text: str, doc: dict[str, Any] | None) -> None:
        """Git's conflict markers left in the text, as errors (timeline/read/conflicts.py),
        before the syntax error they may have caused."""
        events = doc.get("events") if doc is not None else None

        def label(position: int) -> str:
            if isinstance(events, list) and position < len(events):
                raw = events[position]
                ident = raw.get("id") if isinstance(raw, dict) else None
                if isinstance(ident, str) and ident:
                    return ident
            return f"#{position + 1}"

        found: list[Problem] = []
        conflict_problems(
            text,
            self.locator.header_lines,
            label,
            lambda line, message, event: found.append(
                Problem("error", message, self.name, line, 1, event)
            ),
        )
        self.problems[:0] = found

    def _whole(self, doc: dict[str, Any]) -> LoadResult:
        events = doc.get("events")
        if isinstance(events, list) and len(events) != len(self.locator.header_lines):
            # A header quoted in a multi-line string was counted: every later event,
            # and every problem in it, would be placed lines too early.
            self.locator.read_exactly()
        reader = self.new_reader()
        self.take_document(doc, 0, reader)
        return self.finish([reader])

    def take_document(self, doc: dict[str, Any], first: int, reader: EventReader) -> None:
        """Take a parsed document (or chunk) whose first event is the file's `first`."""
        # The header first: its time zone applies to the events' times.
        for key, value in sorted(doc.items(), key=lambda kv: kv[0] != "timeline"):
            if key == "events":
                if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                    self.add(
                        "error",
                        f"'events' must be an array of tables written as [[events]], "
                        f"found {describe(value)}",
                        *self.locator.place_of_key("events"),
                        key="events",
                    )
                    continue
                for offset, raw in enumerate(value):
                    position = first + offset
                    ident = raw.get("id")
                    label = ident if isinstance(ident, str) and ident else f"#{position + 1}"
                    reader.take(raw, position, self.event_reporter(position, label))
            elif key == "timeline":
                if not isinstance(value, dict):
                    self.add(
                        "error",
                        f"'timeline' must be a table written as [timeline], found {describe(value)}",
                        *self.locator.place_of_key("timeline"),
                        key="timeline",
                    )
                    continue
                self.header.table.update(value)
                if "timezone" in value:
                    self.header.zone_from(value["timezone"])
            elif key == "eras":
                if not isinstance(value, list):
                    self.add(
                        "error",
                        f"'eras' must be an array of tables written as [[eras]], found {describe(value)}",
                        *self.locator.place_of_key("eras"),
                        key="eras",
                    )
                    continue
                self.header.raw_eras.extend(value)
            else:
                self.add(
                    "warning",
                    f"unknown top-level key {shown(key)} was ignored{suggest(key, TOP_KEYS)}",
                    *self.locator.place_of_key(key),
                    key=key,
                )

    # ------------------------------------------------------------------ finishing

    def preview(self, readers: list[EventReader]) -> Timeline:
        """The events these readers hold whose dates are known already, in order: what
        can be shown while the rest of the file loads.

        Nothing is said about them: the whole load says every problem. Events dated
        from another event, or with a quote dated from theirs, wait for the whole load
        (their anchors may not be read yet), as do eras.

        An event without an id is given "\\0" and its line, which a link could name only
        by writing a NUL character, not an id made from its title: the whole load makes
        those knowing every id of the file, and "press" made here could be the id of an
        event not read yet, which a reply names.
        """
        events: list[Event] = []
        for reader in readers:
            waiting = {pending[0] for pending in reader.pending}
            waiting.update(pending[0] for pending in reader.pending_quotes)
            events += [
                e if e.id else e._replace(id=f"\0{e.line}")
                for i, e in enumerate(reader.events)
                if i not in waiting
            ]
        title, zone = self.header.table.get("title"), self.header.table.get("timezone")
        return Timeline(
            title=title if type(title) is str else file_title(self.name),
            events=chronological(events),
            timezone=zone if type(zone) is str else "",
            files=(self.name,),
        )

    def finish(
        self, readers: list[EventReader], kept: KeptRows | None = None, per_chunk: int = 0
    ) -> LoadResult:
        """Put the readers' events together and do what needs them all.

        With `kept`, the readers are a large file's chunks of `per_chunk` events, and
        those of the chunks it keeps as rows hold only their events' light rows made
        events (timeline/read/chunks.py): the timeline's events are made of the rows
        as they are asked for (timeline/file_rows.py)."""
        events: list[Any] = []
        pending: list[Any] = []
        quote_dates: list[tuple[int, int, Relative, int]] = []
        positions = array("i")
        rejected: dict[str, int] = {}  # ids of tables rejected by the checks, by position
        give_back(sum(len(reader.events) for reader in readers))  # the parsed tables
        for reader in readers:
            base = len(events)
            events += reader.events
            pending += [(base + i, anchor, start, end) for i, anchor, start, end in reader.pending]
            quote_dates += [(base + i, n, form, k) for i, n, form, k in reader.pending_quotes]
            positions += reader.positions
            for ident, position in reader.rejected:
                if ident in rejected:
                    first = self.locator.header_line(rejected[ident])
                    self.event_reporter(position, ident)(
                        "error",
                        f"duplicate id {shown(ident)}: already used by the event on line "
                        f"{first}; ids must be unique",
                        "id",
                        ("", 0),
                    )
                else:
                    rejected[ident] = position
        title, summary, source, media = self.header.fields()

        def report(
            i: int, severity: Severity, message: str, key: str, place: Place = ("", 0)
        ) -> None:
            self.event_reporter(positions[i], events[i].id or f"#{positions[i] + 1}")(
                severity, message, key, place
            )

        # Ids first, so relative_to can name an id derived from a title, as in_reply_to can.
        ids = unique_ids(
            events,
            report,
            rejected={i: self.locator.header_line(p) for i, p in rejected.items()},
        )
        waiting = resolve_dates(events, pending, ids, report, frozenset(rejected))
        for anchor, dependents in waiting.items():
            names = ", ".join(shown(d) for d in dependents[:5])
            more = f" and {len(dependents) - 5:,} more" if len(dependents) > 5 else ""
            self.event_reporter(rejected[anchor], anchor)(
                "error",
                f"event {shown(anchor)}: could not be read, so the events dated from it could "
                f"not be dated either: {names}{more}",
                "",
                ("", 0),
            )
        self._check_unlinked(readers, ids, rejected)
        resolve_quote_dates(events, quote_dates, report)
        check_ranges(events, report)
        check_display_dates(events, self.shared.zone, report)
        eras = self.header.eras()
        check_links(events, ids, report, rejected)
        unknown = self._unknown_anchors(events, pending, readers, ids, rejected, positions)
        del ids  # 5 MB at 100,000 events: not kept for the sort's peak
        # Nor the readers' tables of one object per repeated value, every event read:
        # what they hold lives on in the events; the tables themselves are let go.
        shared = self.shared
        for table in (shared.dates, shared.circa, shared.relatives, shared.strings):
            table.clear()
        give_back(len(events))  # and what the checks above were made of
        order: list[int] | None = None
        if kept is not None and any(where is not None for where in kept.chunks):
            order = chronological_order(events)
            ordered: Sequence[Event] = list(map(events.__getitem__, order))
        else:
            ordered = chronological(events)
        if self.shared.zone is None:
            found = out_of_order(ordered)
            if found is not None:  # at the event listed after the earlier moment
                where = next(i for i, e in enumerate(events) if e is found.event)
                report(where, "warning", found.said, "date")
        errors = any(p.severity == "error" for p in self.problems)
        if not ordered and not errors:
            # Not when events were rejected: the errors say why, and there are [[events]].
            self.add("warning", "the timeline has no events yet; add an [[events]] table", 1)
        if order is not None and not errors:
            assert kept is not None
            rows = array("i")  # each event's row: its place in the file, -1 for one made
            for chunk, reader in enumerate(readers):
                if kept.chunks[chunk] is None:
                    rows.extend([-1] * len(reader.events))
                else:
                    rows.extend(reader.positions)
            ordered = self._made_of_rows(
                ordered, array("i", map(rows.__getitem__, order)), kept, per_chunk
            )
            kept.taken = not isinstance(ordered, tuple)
        elif order is not None:
            ordered = tuple(ordered)
        timezone_name = self.header.table.get("timezone", "")
        timeline = Timeline(
            title=title,
            events=ordered,
            summary=summary,
            timezone=timezone_name if isinstance(timezone_name, str) else "",
            source=source,
            eras=eras,
            media=media,
            files=(self.name,),
        )
        errors = any(p.severity == "error" for p in self.problems)
        # Found in several passes (fields, then links and relative dates); shown in file order.
        self.problems.sort(key=lambda p: (p.line, p.column))
        if not errors:
            return LoadResult(timeline, self.problems)
        # What files merged with this one answer (`read.merged`): its replies and ids.
        links = [(e.id, e.in_reply_to) for e in events if e.in_reply_to]
        links += [(n[1], n[4]) for reader in readers for n in reader.unlinked if n[4]]
        own = frozenset(map(_ID, events)) | frozenset(rejected)
        return LoadResult(None, self.problems, links=links, ids=own, anchors=unknown)

    def _unknown_anchors(
        self,
        events: list[Event],
        pending: list[Any],
        readers: list[EventReader],
        ids: dict[str, int],
        rejected: dict[str, int],
        positions: array[int],
    ) -> list[tuple[str, str, str]]:
        """The events dated from an id no event of the file gives (`LoadResult.anchors`):
        what files merged with this one may give. Each is an error, so none without."""
        if not any(p.severity == "error" for p in self.problems):
            return []
        found = [
            (events[i].id or f"#{positions[i] + 1}", f"event {shown(events[i].id)}", anchor)
            for i, anchor, start, _ in pending
            if start is not None and anchor not in ids and anchor not in rejected
        ]
        found += [
            (label, who, anchor)
            for reader in readers
            for _, label, who, anchor, _ in reader.unlinked
            if anchor and anchor not in ids and anchor not in rejected
        ]
        return found

    def _check_unlinked(
        self, readers: list[EventReader], ids: dict[str, int], rejected: dict[str, int]
    ) -> None:
        """Say of the tables the checks rejected what is said of a kept event: an event
        it is dated from, or answers, that is not in the file (an error and a warning).
        Found trying the tool: a typo in a status hid a `relative_to` naming no event
        until the status was mended."""
        for reader in readers:
            for position, label, who, anchor, target in reader.unlinked:
                said = self.event_reporter(position, label)
                if anchor and anchor not in ids and anchor not in rejected:
                    said("error", unknown_anchor(who, anchor, ids), "relative_to", ("", 0))
                if target and target not in ids:
                    said(
                        "warning", unknown_reply(who, target, ids, rejected), "in_reply_to", ("", 0)
                    )

    def _made_of_rows(
        self, ordered: Sequence[Event], rows: array[int], kept: KeptRows, per_chunk: int
    ) -> Sequence[Event]:
        """The timeline's events, made of the rows `kept` as they are asked for, given
        those the work on all events gave (`ordered`) and the row of each (`rows`)."""
        from timeline.file_rows import FileRows
        from timeline.read.quick_rows import event_maker

        count = len(ordered)
        made_at = [i for i, row in enumerate(rows) if row < 0] if -1 in rows else []

        def far(places: range) -> int:
            """How far an event is at most from `places` (each event's, in order); an
            event kept made is counted as in its place. In C: a loop over 1,000,000
            rows in Python took 0.5 s."""
            placed = rows
            if made_at:
                placed = array("i", rows)
                for i in made_at:
                    placed[i] = places[i]
            return max(map(abs, map(sub, placed, places)), default=0)

        window = far(range(count))
        if window > WINDOW:  # perhaps written newest first
            window = min(window, far(range(count - 1, -1, -1)))
        columns: dict[str, Sequence[Any]] = {
            "id": list(map(_ID, ordered)),
            "in_reply_to": list(map(_IN_REPLY_TO, ordered)),
            "status": list(map(_STATUS, ordered)),
            "when": list(map(_WHEN, ordered)),
            "end": list(map(_END, ordered)),
        }
        lines = array("i", map(_LINE, ordered))
        # Where each event is written, for the viewer to find its part's in the whole.
        columns["file"], columns["line"] = [self.name] * count, lines
        full = {i: ordered[i] for i in made_at}
        make = event_maker(self.name, columns["id"], columns["when"], columns["end"], lines)
        stored = FileRows(
            kept.files, kept.chunks, per_chunk, rows, full, columns, lines, make, window
        )
        return stored if window <= WINDOW else stored.made()
