"""The [timeline] table and the [[eras]] of our TOML files: gathered as each document
(or chunk) is taken, checked once the load has every one (timeline/read/toml_load.py).

The time zone is read at once: it applies to the events' times, read after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from timeline.dates import DateError, read_date, zone_named
from timeline.model import EVENT, Era, Media, Source
from timeline.problems import Severity, describe, shown, suggest
from timeline.read.locate import Locator
from timeline.read.records import Shared
from timeline.read.table_checks import ONE_SOURCE, Place, Say, check_value, date_in_table
from timeline.schema import Field, blank
from timeline.text import file_title

TIMELINE_KEYS = ("title", "summary", "timezone", "source", "media")
ERA_KEYS = ("title", "start", "end", "text")

_SOURCE: Field = ONE_SOURCE
_MEDIA: Field = EVENT.by_name["media"]


class Header:
    """The [timeline] table and the [[eras]] of one load, and their problems.

    Attributes:
        name: The file's name (a timeline without a title takes its stem).
        locator: Where the problems are placed.
        add: Adds a problem: the load's `add`; its field is the path from the file's
            top (`timeline.title`, `eras[0].start`), no event's.
        shared: What the file's readers share: the time zone is set here.
        table: The [timeline] table, as written.
        raw_eras: The [[eras]] tables, as written.
    """

    def __init__(
        self, name: str, locator: Locator, add: Callable[..., None], shared: Shared
    ) -> None:
        self.name = name
        self.locator = locator
        self.add = add
        self.shared = shared
        self.table: dict[str, Any] = {}
        self.raw_eras: list[Any] = []

    def zone_from(self, name: object) -> None:
        """Set the readers' time zone from the [timeline] table's `timezone`."""
        if type(name) is not str:
            self.add(
                "error",
                f"[timeline] field 'timezone' must be an IANA zone name such as \"America/Chicago\", found {describe(name)}",
                *self.locator.place_in_header_table("timezone"),
                key="timeline.timezone",
            )
            return
        try:
            self.shared.zone = zone_named(name)
        except DateError as exc:
            self.add(
                "error",
                f"[timeline] timezone {exc}",
                *self.locator.place_in_header_table("timezone"),
                key="timeline.timezone",
            )

    def fields(self) -> tuple[str, str, Source | None, Media | None]:
        """The [timeline] table's title, summary, source and media, each checked."""
        header = self.table
        for key in sorted(header.keys() - set(TIMELINE_KEYS)):
            self.add(
                "warning",
                f"[timeline]: unknown field {shown(key)} was ignored{suggest(key, TIMELINE_KEYS)}",
                *self.locator.place_in_header_table(key),
                key=f"timeline.{key}",
            )
        title = header.get("title")
        if title is None:
            self.add(
                "warning",
                '[timeline] has no title; add title = "..." so readers know what the timeline is about',
                *self.locator.place_of_key("timeline"),
                key="timeline.title",
            )
            title = file_title(self.name)
        elif type(title) is not str:
            self.add(
                "error",
                f"[timeline] field 'title' must be a string, found {describe(title)}",
                *self.locator.place_in_header_table("title"),
                key="timeline.title",
            )
            title = ""
        elif title and blank(title):
            self.add(
                "error",
                f"[timeline] field 'title' is blank ({shown(title)}); write what the "
                'timeline is about, such as "RAICES declines Salesforce\'s $250,000"',
                *self.locator.place_in_header_table("title"),
                key="timeline.title",
            )
        summary = header.get("summary", "")
        if type(summary) is not str:
            self.add(
                "error",
                f"[timeline] field 'summary' must be a string, found {describe(summary)}",
                *self.locator.place_in_header_table("summary"),
                key="timeline.summary",
            )
            summary = ""
        source = self._table(_SOURCE)
        media = self._table(_MEDIA)
        assert source is None or isinstance(source, Source)
        assert media is None or isinstance(media, Media)
        return title, summary, source, media

    def _table(self, field: Field) -> object:
        """The [timeline] table's source or media, checked as an event's are."""
        value = self.table.get(field.key)
        if value is None:
            return None
        inner = isinstance(value, dict)

        def say(severity: Severity, message: str, key: str, place: Place) -> None:
            # `key` is the field's path in the table: "source.label", or "source".
            inside = key.partition(".")[2]
            line, column = self.locator.place_in_header_table(field.key, inside if inner else "")
            # As written since the first version: "[timeline] field ..." for errors,
            # "[timeline]: unknown field ..." for warnings.
            said = f"[timeline]{':' if severity == 'warning' else ''} {message}"
            self.add(severity, said, line, column, "", f"timeline.{key}")

        def header_date(inner: Field, raw: object, say: Say, place: Place) -> object:
            return date_in_table(inner, raw, say, place, self.shared.zone)

        found = check_value(field, value, say, dates=header_date)
        return found if isinstance(found, Source | Media) else None

    def eras(self) -> tuple[Era, ...]:
        """The [[eras]], each checked: those without errors."""
        eras: list[Era] = []
        field = self.locator.field
        zone = self.shared.zone

        def add(severity: Severity, message: str, n: int, key: str) -> None:
            line, column = field(n, key, "eras")
            self.add(severity, message, line, column, "", f"eras[{n}].{key}")

        for n, raw in enumerate(self.raw_eras):
            where = f"era {n + 1}"
            if not isinstance(raw, dict):
                add(
                    "error",
                    f"{where} must be a table written as [[eras]], found {describe(raw)}",
                    n,
                    "title",
                )
                continue
            for key in sorted(raw.keys() - set(ERA_KEYS)):
                add(
                    "warning",
                    f"{where}: unknown field {shown(key)} was ignored{suggest(key, ERA_KEYS)}",
                    n,
                    key,
                )
            title, text = raw.get("title", ""), raw.get("text", "")
            if type(title) is not str or type(text) is not str:
                add("error", f"{where}: 'title' and 'text' must be strings", n, "title")
                continue
            if title and blank(title):
                add(
                    "error",
                    f"{where}: field 'title' is blank ({shown(title)}); write the era's name, "
                    'such as "Inquiry", or leave the field out',
                    n,
                    "title",
                )
                continue
            missing = [key for key in ("start", "end") if raw.get(key) is None]
            if missing:
                add(
                    "error",
                    f"{where} ({shown(title)}) is missing {' and '.join(map(repr, missing))}; "
                    'eras need both, for example start = "2018-07" and end = "2018-08"',
                    n,
                    "title",
                )
                continue
            ends = []
            for key in ("start", "end"):
                try:
                    reading = read_date(raw.get(key), zone)
                except DateError as exc:
                    add("error", f"{where} ({shown(title)}): '{key}' must be a date: {exc}", n, key)
                    continue
                if reading.end is not None:
                    add(
                        "error",
                        f"{where} ({shown(title)}): '{key}' is a span; give one date",
                        n,
                        key,
                    )
                    continue
                for note in reading.notes:
                    add("warning", f"{where} ({shown(title)}): field '{key}': {note}", n, key)
                ends.append(reading.start)
            if len(ends) != 2:
                continue
            start, end = ends
            from timeline.read.resolve import ends_after_starts

            if not ends_after_starts(start, end):
                from timeline.dates import format_iso

                add(
                    "error",
                    f"{where} ({shown(title)}): end {format_iso(end)} is before start "
                    f"{format_iso(start)}; the end must be on or after the start",
                    n,
                    "end",
                )
                continue
            eras.append(Era(title, start, end, text))
        return tuple(eras)
