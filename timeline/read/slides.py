"""TimelineJS slides into a timeline: each slide an event or an era, then ids made
unique and links checked, every problem located."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, TypeVar

from timeline.dates import (
    DateError,
    Reading,
    format_iso,
    format_medium,
    format_range,
    format_written,
    parse_relative,
    read_date,
    resolve,
    timeline_zone,
)
from timeline.interchange import (
    SLIDE_KEYS,
    STASH,
    derives,
    display_date,
)
from timeline.links import refusal
from timeline.model import (
    EVENT,
    MEDIA,
    SOURCE,
    Era,
    Event,
    Source,
    Timeline,
    When,
    chronological,
)
from timeline.problems import LoadResult, Severity, shown, suggest
from timeline.read import html
from timeline.read.display_dates import check_display_dates
from timeline.read.event_checks import doubts, source_doubt
from timeline.read.resolve import out_of_order, reply_problem, slugify
from timeline.read.slide_hidden import HiddenData, exported_date
from timeline.read.slide_values import RawSlide, plain_text, string_or_empty
from timeline.read.table_checks import nameless
from timeline.schema import Dropped, Nameless, Record, links_in, without_blanks
from timeline.text import file_title

#: How a TimelineJS file or sheet is given a zone for all its times: its title slide's
#: hidden data holds it, which only an export writes.
_ZONE_ADVICE = (
    "import the file (timeline import FILE -o OUT.toml) and give its [timeline] a "
    "timezone to show and order every time in it"
)
#: The event's fields a slide holds in keys of its own (the rest are in its text).
_SLIDE_TEXTS = ("group", "display_date", "media")
_T = TypeVar("_T")


@dataclass
class Builder(HiddenData):
    """Turns raw slides into a timeline, collecting located problems.

    Attributes:
        hidden: The event slides read whose hidden data was read.
        bare: Those that carry none.
    """

    hidden: list[RawSlide] = field(default_factory=list)
    bare: list[RawSlide] = field(default_factory=list)

    #: The slides ("slide 3") whose display date was said already not to show the
    #: dates (one derived by the export, kept): not said again as any display date is.
    _display_said: set[str] = field(default_factory=set)

    def event(self, raw: RawSlide, zone: tzinfo | None) -> Event | None:
        """One slide as an event, or None when it has errors (they are reported)."""
        slide = raw.data
        errors_before = self.error_count()
        headline, parsed, stash = self._text_parts(slide, raw, raw.label)
        if stash:
            self.hidden.append(raw)
        elif not any(comment.startswith(STASH) for comment in parsed.comments):
            self.bare.append(raw)  # (damaged hidden data is said as such, and is neither)
        unique = self.text(slide.get("unique_id"), raw, raw.label, "unique_id").strip()
        ident = unique or string_or_empty(stash.get("id"))
        who = f"event {shown(ident)} ({raw.label})" if ident else f"event {raw.label}"
        self.current = ident or raw.label
        for key in sorted(slide.keys() - set(SLIDE_KEYS)):
            self.add(
                "warning",
                f"{who}: unknown field {shown(key)} was ignored{suggest(key, SLIDE_KEYS)}",
                raw,
                ident,
                key,
            )
        start = span_end = None
        if "start_date" in raw.written:
            reading = self._written(raw, "start_date", zone, who)
            if reading is not None:
                start, span_end = reading.start, reading.end
        elif slide.get("start_date") is not None:
            start = self.date(slide.get("start_date"), raw, who, "start_date")
        else:
            self.add(
                "error",
                f"{who}: {self.field_name('start_date')!r} is missing; every slide but the "
                "title needs a start date with at least a year",
                raw,
                ident,
                "start_date.year",
            )
        end = span_end
        end_key = "end_date.written" if "end_date" in raw.written else "end_date"
        # The oldest spreadsheet's cells are named as they are ("Start Date"), not as Year.
        start_key = "start_date.written" if "start_date" in raw.written else "start_date"
        if "end_date" in raw.written or slide.get("end_date") not in (None, {}, ""):
            if span_end is not None:
                # The TOML reader's words for a span in 'date' beside an 'end_date'.
                self.add(
                    "error",
                    f"{who}: {self.field_name('start_date.written')!r} "
                    f"({shown(raw.written['start_date'])}) gives a span, start and end, and "
                    f"{self.field_name(end_key)!r} gives an end too; keep one: the span, or a "
                    "single date with its end",
                    raw,
                    ident,
                    end_key,
                )
            elif "end_date" in raw.written:
                reading = self._written(raw, "end_date", zone, who)
                if reading is not None and reading.end is not None:
                    self.add(
                        "error",
                        f"{who}: {self.field_name(end_key)!r} ({shown(raw.written['end_date'])}) "
                        "is a span; an end is one date (the span's own end, for instance)",
                        raw,
                        ident,
                        end_key,
                    )
                elif reading is not None:
                    end = reading.start
            else:
                end = self.date(slide.get("end_date"), raw, who, "end_date")
        media, media_quotes = self._media(slide.get("media"), raw, who)
        media = self._with_hidden_media(media, stash, raw, who)
        group = plain_text(self.text(slide.get("group"), raw, who, "group"))
        on_slide = plain_text(self.text(slide.get("display_date"), raw, who, "display_date"))
        background = self._background(slide.get("background"), raw, who)
        if start is None or self.error_count() > errors_before:
            self.current = ""
            return None
        start = self._apply_date_stash(start, stash.get("date"), zone, raw, who)
        if end is not None:
            end = self._apply_date_stash(end, stash.get("end_date"), zone, raw, who, "end_date")
            # Compared at the coarser precision, as the TOML reader does: an end of
            # 2018 is fine for a start of July 2018.
            known = min(end.precision, start.precision) + 1
            if end.key[:known] < start.key[:known]:
                self.add(
                    "error",
                    f"{who}: {self.field_name(end_key)!r} {format_iso(end)} is before "
                    f"{self.field_name(start_key)!r} {format_iso(start)}; the end must be "
                    "on or after the start",
                    raw,
                    ident,
                    end_key,
                )
                return None
        parts = [
            (key, html.parse(string_or_empty(value.get("display_date"))).text)
            for key in ("start_date", "end_date")
            if isinstance(value := slide.get(key), dict)
        ]
        if not on_slide:
            on_slide = " – ".join(part for _, part in parts if part)
        else:
            # One display date an event: the slide's is shown, and the dates' own said
            # (TimelineJS shows them on the time axis), never dropped without a word.
            for key, part in parts:
                if part and part != on_slide:
                    self.add(
                        "warning",
                        f"{who}: {self.field_name(key + '.display_date')!r} ({shown(part)}) "
                        f"was left out: the slide's display_date ({shown(on_slide)}) is "
                        "shown in its place",
                        raw,
                        ident,
                        f"{key}.display_date",
                    )
        speaker = string_or_empty(stash.get("speaker"))
        quotes = self._quotes(parsed, stash, speaker, zone, raw, who)
        quotes.extend(media_quotes)
        event = Event(
            id=ident,
            when=start,
            title=headline,
            end=end,
            display_date=on_slide,
            kind=string_or_empty(stash.get("kind")),
            speaker=speaker,
            handle=string_or_empty(stash.get("handle")),
            role=string_or_empty(stash.get("role")),
            group=group,
            tags=self._tags(stash, raw, who),
            context=parsed.text,
            sources=self._sources(parsed, stash, zone, raw, who),
            in_reply_to=string_or_empty(stash.get("in_reply_to")),
            quotes=tuple(quotes),
            media=media,
            background=background,
            status=self._status(parsed, raw, who),
            notes=self._notes(stash, raw, who),
            file=self.name,
            line=raw.line,
        )
        if stash.get("display_date") == "derived" and on_slide:
            event = self._derived_display(event, stash, zone, raw, who)
        if not event.title.strip():
            event = event._replace(title=_fallback_title(event))
            self.add(
                "warning",
                f"{who}: {_no_headline(slide)}; its title is {shown(event.title)}",
                raw,
                ident,
                "text.headline",
            )
        event = self._without_blanks(EVENT, event, raw, ident, who)
        self._said_links(EVENT, event, raw, ident, who)
        return event

    def _derived_display(
        self, event: Event, stash: dict[str, Any], zone: tzinfo | None, raw: RawSlide, who: str
    ) -> Event:
        """The event without the display date the export derived from its date, which
        every reader derives again; a display date edited since is the writer's own.

        When the date was changed since, the derived one names the old date: it is
        dropped, saying so, so that the date is shown as it now reads (kept, it would
        show the old date everywhere, and `import` would write it as the writer's).
        """
        if derives(event, event.display_date):
            return event._replace(display_date="")
        start = exported_date(event.when, stash.get("date"), zone)
        end = None if event.end is None else exported_date(event.end, stash.get("end_date"), zone)
        if start is None or (event.end is not None and end is None):
            return event  # not known what the export derived: kept, and checked
        exported = derives(event._replace(when=start, end=end), event.display_date)
        hidden = [stash.get("date")] + ([stash.get("end_date")] if event.end else [])
        if not exported and all(isinstance(h, dict) for h in hidden):
            return event  # edited in the sheet: the writer's own, checked as such
        if not exported:
            now = display_date(event._replace(display_date=""))
            # An exact date has no hidden data, so whether it was changed since (and the
            # display date is the old one's) or the display date was edited is unknown.
            self._display_said.add(raw.label)
            self.add(
                "warning",
                f"{who}: {self.field_name('display_date')!r} ({shown(event.display_date)}) "
                "was derived from the dates when the file was exported, and does not show "
                f"them as they now read ({now}); it was kept and is shown in their place: "
                "correct it, or empty it to show the dates",
                raw,
                event.id,
                "display_date",
            )
            return event
        self.add(
            "warning",
            f"{who}: {self.field_name('display_date')!r} ({shown(event.display_date)}) was "
            "derived from the date when the file was exported, and the date was changed "
            "since, so it was dropped: the date is shown as it now reads, "
            f"{format_range(event.when, event.end)}",
            raw,
            event.id,
            "display_date",
        )
        return event._replace(display_date="")

    def era(self, raw: RawSlide, zone: tzinfo | None) -> Era | None:
        """An era: a headline and a span, its dates completed by the hidden data as an
        event's are."""
        slide = raw.data
        self.current = ""
        headline, parsed, stash = self._text_parts(slide, raw, raw.label)
        who = f"era {shown(headline)} ({raw.label})" if headline else f"era ({raw.label})"
        dates: list[When] = []
        for key in ("start_date", "end_date"):
            if key in raw.written:
                reading = self._written(raw, key, zone, who)
                if reading is not None and reading.end is not None:
                    # As a TOML file's era: its start and its end are one date each.
                    self.add(
                        "error",
                        f"{who}: {self.field_name(key + '.written')!r} "
                        f"({shown(raw.written[key])}) is a span; give one date",
                        raw,
                        "",
                        f"{key}.written",
                    )
                elif reading is not None:
                    dates.append(reading.start)
                continue
            if slide.get(key) is None:
                # A row of the oldest template misses its Start Date or End Date cell.
                path = f"{key}.written" if raw.written else f"{key}.year"
                self.add(
                    "error",
                    f"{who}: {self.field_name(path if raw.written else key)!r} is missing; an "
                    "era needs a start and an end",
                    raw,
                    "",
                    path,
                )
                continue
            when = self.date(slide.get(key), raw, who, key)
            if when is not None:
                hidden = stash.get("date" if key == "start_date" else "end_date")
                dates.append(self._apply_date_stash(when, hidden, zone, raw, who, key))
        if len(dates) != 2:
            return None
        return Era(headline, dates[0], dates[1], parsed.text)

    def timeline(
        self, title: RawSlide | None, slides: list[RawSlide], eras: list[RawSlide]
    ) -> LoadResult:
        """The timeline from its title slide, event slides and eras."""
        title_text, summary, source, media = file_title(self.name), "", None, None
        zone_name = ""
        zone: tzinfo | None = None
        if title is not None:
            headline, parsed, stash = self._text_parts(title.data, title, title.label)
            title_text = headline or title_text
            summary = parsed.text
            quotes = [f"“{q.text}”" + (f" ({q.cite})" if q.cite else "") for q in parsed.quotes]
            summary = "\n\n".join(p for p in [summary, *quotes] if p)
            media, _ = self._media(title.data.get("media"), title, title.label)
            media = self._with_hidden_media(media, stash, title, title.label)
            zone_name = string_or_empty(stash.get("timezone"))
            if zone_name:
                # As the writers name it (`timeline_zone`'s tzdata_only: "UTC" is tzdata's).
                zone = timeline_zone(zone_name, tzdata_only=True)
                if zone is None:
                    # An error, as `[timeline] timezone` naming no zone is in a TOML file:
                    # the times would be read in no zone. It was dropped without a word.
                    self.add(
                        "error",
                        f"{title.label}: its hidden data gives the timezone {shown(zone_name)}, "
                        'which is not an IANA zone name such as "America/Chicago"; its times '
                        "would be read in no zone: write the zone's name there, or remove it",
                        title,
                        "",
                        "text.text",
                    )
                    zone, zone_name = None, ""
            sources = self._sources(parsed, stash, zone, title, title.label)
            source = self._title_record(SOURCE, sources[0] if sources else None, title)
            media = self._title_record(MEDIA, media, title)
            if len(sources) > 1:
                self.add(
                    "warning",
                    f"{title.label}: has {len(sources)} source paragraphs; a timeline has one "
                    "source, so only the first was kept",
                    title,
                    "",
                    "text.text",
                )
        events: list[Event] = []
        read: list[RawSlide] = []  # each event's slide
        for raw in slides:
            event = self.event(raw, zone)
            if event is not None:
                events.append(event)
                read.append(raw)
        self.current = ""
        era_list = [era for era in (self.era(raw, zone) for raw in eras) if era is not None]
        self._said_bare()
        events = self._unique_ids(events, slides)
        self._check_links(events)
        self._check_counted(events, read)
        self._check_display_dates(events, read, zone)
        self._check_doubts(events, read, title, source)
        # Sorted once: a file with no zone is checked in that order, then kept in it.
        ordered = None
        if zone is None:
            ordered = chronological(events)
            self._check_order(events, ordered, read)
        if not events and not self.error_count():
            self.add("warning", "the timeline has no events", None)
        failed = self.error_count()  # counted before the order changes
        # Found in several passes (a row's cells, then its slide, then ids and links):
        # shown in file order, as the TOML reader shows its own.
        self.problems.sort(key=lambda p: (p.line, p.column))
        if failed:
            return LoadResult(None, self.problems)
        timeline = Timeline(
            title=title_text,
            events=chronological(events) if ordered is None else ordered,
            summary=summary,
            timezone=zone_name,
            source=source,
            eras=tuple(era_list),
            media=media,
            files=(self.name,),
        )
        return LoadResult(timeline, self.problems)

    def _title_record(self, record: Record, value: _T | None, title: RawSlide) -> _T | None:
        """The title slide's source or media without its blank texts, its links said;
        None, said, when it then names nothing ("Source: " and nothing after it, media
        of a credit alone): an event's are left out so too (`_without_blanks`)."""
        if value is None:
            return None
        prefix = f"{record.name}'s "
        value = self._without_blanks(record, value, title, "", title.label, prefix)
        if record.names_nothing(value):
            self._dropped(title, "", title.label)(record.name, record.name, Nameless(record, value))
            return None
        # At its key (the title's media is at `media.url`, as an event's; a source, in
        # the text's paragraphs, at `text.text`): its own key (`url`) named no field.
        self._said_links(record, value, title, "", title.label, prefix, top=record.name)
        return value

    def _said_bare(self) -> None:
        """Say, once, which event slides have no hidden data in a file whose others have.

        Every event slide this program exports carries it (its id at least), so the
        others were added since, or lost it: the comment deleted, or cut off with the
        end of a long cell. Without a word, `import` made their ids from headlines and
        dropped how their dates were written, their speakers and tags, with the rest.
        """
        if not self.hidden or not self.bare:
            return
        listed = _listed([raw.label for raw in self.bare])
        ids = (
            "their ids (made from their headlines)"
            if not any(raw.data.get("unique_id") for raw in self.bare)
            else "their ids where they have no unique_id (made from their headlines)"
        )
        self.add(
            "warning",
            f"{listed} {'has' if len(self.bare) == 1 else 'have'} no hidden data at the end of "
            f"{self.field_name('text.text')!r}, while the {len(self.hidden)} other "
            f"{'one has' if len(self.hidden) == 1 else 'ones have'} it, as timeline exports "
            "them: added since, or their hidden data was deleted or cut off with the end of "
            f"the cell. What it held is not known for them: {ids}, how their dates were "
            "written (relative, circa, before or after, a time zone), kind, speaker, "
            "handle, role, tags, replies, and their quotes' own dates, sources and notes",
            self.bare[0],
            "",
            "text.text",
        )

    def _said_links(
        self,
        record: Record,
        value: object,
        raw: RawSlide,
        ident: str,
        who: str,
        prefix: str = "",
        top: str = "",
    ) -> None:
        """Warn about each URL of `value` that no export writes as a link or as media
        (`links.refusal`: `javascript:...`, a path, an embed code), as the TOML reader
        does: kept, and said, so that `import` and every export say it too. `top` is the
        slide's key that holds `value` when it is not an event (the title slide's
        `media`), so that a URL is placed at that key's field as an event's is."""
        for key, where, own, url in links_in(record, value, prefix):
            key = top or key
            reason = refusal(url)
            if not reason:
                continue
            path = f"media.{own}" if key == "media" else "text.text"
            named = repr(self.field_name(path)) if key == "media" else where
            self.add("warning", f"{who}: {named} {shown(url)} {reason}", raw, ident, path)

    def _without_blanks(
        self, record: Record, value: _T, raw: RawSlide, ident: str, who: str, prefix: str = ""
    ) -> _T:
        """`value` without the blank texts a timeline file may not hold (a tag "", a
        speaker of spaces, a quote of no words: `Field.nonblank`) and the records inside
        that name nothing (a source of no label, URL or archive: `Record.named_by`),
        each left out with a warning. TimelineJS shows them as nothing, but kept,
        `timeline import` would write a file that `timeline check` refuses."""
        return without_blanks(record, value, self._dropped(raw, ident, who), prefix)

    def _dropped(self, raw: RawSlide, ident: str, who: str) -> Dropped:
        """Says, at the slide, what `without_blanks` leaves out."""

        def dropped(key: str, where: str, text: str | Nameless) -> None:
            on_slide = key in _SLIDE_TEXTS  # else from the slide's text or hidden data
            if isinstance(text, str):
                named = repr(self.field_name(key)) if on_slide else where
                said = f"is blank ({shown(text)})"
            else:  # what it gave is said: it is left out with the record
                named = where
                given = text.given()
                said = nameless(text.record)
                if given:
                    said += f" (it gives only {' and '.join(given)})"
            self.add(
                "warning",
                f"{who}: {named} {said}, so it was left out",
                raw,
                ident,
                key if on_slide else "text.text",
            )

        return dropped

    def _written(self, raw: RawSlide, key: str, zone: tzinfo | None, who: str) -> Reading | None:
        """A date cell as written (`RawSlide.written`), read as the TOML reader reads a
        date field: its notes said as warnings; None, having said why, when it cannot be
        read."""
        text = raw.written[key]
        path = f"{key}.written"
        name = self.field_name(path)
        try:
            reading = read_date(text, zone)
        except DateError as exc:
            message = f"{name!r}: {exc}"
            if parse_relative(text) is not None:
                # The reader's message names relative_to, which a sheet has no column for.
                message = (
                    f"{name!r} {shown(text)} is relative to another event, which a "
                    "spreadsheet cannot say; give the date it stands for"
                )
            self.add("error", f"{who}: {message}", raw, who, path)
            return None
        for note in reading.notes:
            self.add("warning", f"{who}: {name!r}: {note}", raw, who, path)
        return reading

    def _check_counted(self, events: list[Event], read: list[RawSlide]) -> None:
        """Relative dates that no longer count to the date their slide shows, as their
        anchor was moved in TimelineJS or the sheet, made absolute, saying so.

        The hidden data keeps "3 days after" 'letter' with the date it gave then. Once
        'letter' is moved, the slide still shows (and TimelineJS places it at) that
        date, while counting again would give another: kept relative, the printout
        would show one date and `import` write another. What the slide shows is kept,
        as what readers of the sheet see: the relative form goes, with a warning that
        says what it would count to now and how to count it again. An end counted from
        its own start and a quote's date counted from its event are checked the same way.
        """
        by_id = {event.id: event for event in events}
        for i, event in enumerate(events):
            raw = read[i]
            who = f"event {shown(event.id)} ({raw.label})"
            when = self._recounted(event.when, event, by_id, who, raw, "start_date")
            end = event.end
            if end is not None and end.anchor == event.id:  # as a TOML end_date counts
                end = self._recounted(end, event, by_id, who, raw, "end_date")
            quotes = tuple(
                q._replace(date=self._recounted(q.date, event, by_id, who, raw, f"quote {n}"))
                if q.date is not None and q.date.anchor == event.id
                else q
                for n, q in enumerate(event.quotes, start=1)
            )
            if when is not event.when or end is not event.end or quotes != event.quotes:
                events[i] = event._replace(when=when, end=end, quotes=quotes)

    def _recounted(
        self,
        when: When,
        event: Event,
        by_id: dict[str, Event],
        who: str,
        raw: RawSlide,
        what: str,
    ) -> When:
        """The date as it is while it counts from its anchor as it did when exported;
        else made absolute, saying so (`_check_counted`). `what` is "start_date",
        "end_date" or "quote 2"."""
        if not when.anchor or when.anchor not in by_id:
            return when
        anchor = by_id[when.anchor].when
        relative = parse_relative(when.written)
        again: When | None = None
        failure = ""
        if relative is None:  # hidden data edited by hand
            failure = f"{shown(when.written)} is not a relative date"
        else:
            try:
                again = resolve(relative, anchor, when.anchor)
            except DateError as exc:
                failure = str(exc)
        if again is not None and _calendar(again) == _calendar(when):
            return when
        written, anchor_id = json.dumps(when.written), json.dumps(when.anchor)  # TOML strings
        if what == "start_date":
            field, source, kept = "its date", shown(when.anchor), "The date"
            moved = f"{shown(when.anchor)} is now dated"
            advice = f"date = {written} with relative_to = {anchor_id}"
        elif what == "end_date":
            field, source, kept = "its end date", "its own date", "The end date"
            moved = "its date is now"
            advice = f"end_date = {written}"
        else:
            field, source, kept = f"{what}'s date", "its event's date", "The quote's date"
            moved = "the event's date is now"
            advice = f"the quote's date = {written}"
        if again is not None:
            outcome = f"from which it counts to {format_medium(again)}"
        else:
            outcome = f"from which it cannot be counted ({failure})"
        self.add(
            "warning",
            f"{who}: {field}, {shown(when.written)} counted from {source}, was "
            f"{format_medium(when)} when the file was exported, but {moved} "
            f"{format_medium(anchor)}, {outcome}. {kept} is kept as {raw.label} shows it, "
            f"{format_medium(when)}, and no longer counted from {source}; to count it "
            f"again, write {advice} in the imported TOML",
            raw,
            event.id,
            "text.text" if what.startswith("quote") else what,
        )
        return when._replace(anchor=None, rule="", written=format_written(when))

    def _check_display_dates(
        self, events: list[Event], read: list[RawSlide], zone: tzinfo | None
    ) -> None:
        """The TOML reader's check of display dates against dates, said at each slide's
        display date: a sheet's Display Date cell is shown in place of its date too."""

        def report(i: int, severity: Severity, message: str, key: str) -> None:
            self.add(severity, message, read[i], events[i].id, key)

        said = self._display_said
        checked = [
            event._replace(display_date="") if raw.label in said else event
            for event, raw in zip(events, read, strict=True)
        ]
        check_display_dates(
            checked,
            zone,
            report,
            field=self.field_name("display_date"),
            name=lambda i: f"event {shown(events[i].id)} ({read[i].label})",
        )

    def _check_doubts(
        self,
        events: list[Event],
        read: list[RawSlide],
        title: RawSlide | None,
        source: Source | None,
    ) -> None:
        """What the TOML reader says of the same events' dates (`event_checks`): a
        quote dated after its sources were read, a source read after today. Said at
        the slide's text, where its quotes and sources are, once relative dates are
        counted (`_check_counted`)."""
        for event, raw in zip(events, read, strict=True):
            for doubt in doubts(event):
                who = f"event {shown(event.id)} ({raw.label})"
                self.add("warning", f"{who}: {doubt.message}", raw, event.id, "text.text")
        if title is not None and source is not None:
            said = source_doubt(source)
            if said is not None:
                self.add("warning", f"{title.label}: source: {said}", title, "", "text.text")

    def _check_order(
        self, events: list[Event], ordered: tuple[Event, ...], read: list[RawSlide]
    ) -> None:
        """Times in several zones listed by their own clocks, said at the slide listed
        after the earlier moment, as the TOML reader says it (`resolve.out_of_order`).
        `ordered` is `events` sorted (`chronological`), as the timeline keeps them."""
        found = out_of_order(ordered, advice=_ZONE_ADVICE)
        if found is not None:
            raw = read[next(i for i, e in enumerate(events) if e is found.event)]
            self.add("warning", found.said, raw, found.event.id, "start_date")

    def _unique_ids(self, events: list[Event], slides: list[RawSlide]) -> list[Event]:
        """Ids for slides without one (from the headline) and for repeated ids: `base-2`...

        Each base remembers the last number it gave, so ten thousand slides with the
        same headline and no id (a spreadsheet has no id column) take linear time.
        """
        taken = {e.id for e in events if e.id}
        seen: set[str] = set()
        out: list[Event] = []
        numbers: dict[str, int] = {}

        def numbered(base: str) -> str:
            n = numbers.get(base, 2)
            while f"{base}-{n}" in taken:
                n += 1
            numbers[base] = n + 1
            return f"{base}-{n}"

        for event in events:
            ident = event.id
            if ident and ident in seen:
                ident = numbered(ident)
                self.add(
                    "warning",
                    f"event {shown(event.id)}: the id is used by an earlier slide too; this one is "
                    f"{shown(ident)}",
                    RawSlide({}, line=event.line),
                    ident,  # the event it is about is this one, under its new id
                    "unique_id",
                )
            elif not ident:
                ident = slugify(event.title)
                if ident in taken:
                    ident = numbered(ident)
            taken.add(ident)
            seen.add(ident)
            out.append(event._replace(id=ident) if ident != event.id else event)
        return out

    def _check_links(self, events: list[Event]) -> None:
        ids = {e.id for e in events}
        by_id = {e.id: e for e in events}
        for i, event in enumerate(events):
            if event.in_reply_to and event.in_reply_to not in ids:
                self.add(
                    "warning",
                    f"event {shown(event.id)}: in_reply_to names {shown(event.in_reply_to)}, which is not "
                    "the id of any event",
                    RawSlide({}, line=event.line),
                    event.id,
                    "in_reply_to",  # (what merging looks for: another file may have it)
                )
            elif event.in_reply_to:
                said = reply_problem(event, by_id[event.in_reply_to])
                if said is not None:
                    self.add(
                        "warning",
                        f"event {shown(event.id)}: {said}",
                        RawSlide({}, line=event.line),
                        event.id,
                        "in_reply_to",
                    )
            for name in ("when", "end"):
                when = getattr(event, name)
                if when is not None and when.anchor and when.anchor not in ids | {event.id}:
                    events[i] = event = event._replace(**{name: when._replace(anchor=None)})
                    self.add(
                        "warning",
                        f"event {shown(event.id)}: its date was relative to {shown(when.anchor)}, which "
                        "is not in this file; the date is kept as it was resolved",
                        RawSlide({}, line=event.line),
                        event.id,
                    )
            quotes = list(event.quotes)
            for n, quote in enumerate(quotes):
                when = quote.date
                if when is not None and when.anchor and when.anchor not in ids | {event.id}:
                    quotes[n] = quote._replace(date=when._replace(anchor=None))
                    events[i] = event = event._replace(quotes=tuple(quotes))
                    self.add(
                        "warning",
                        f"event {shown(event.id)}: quote {n + 1}'s date was relative to "
                        f"{shown(when.anchor)}, which is not in this file; the date is kept as "
                        "it was resolved",
                        RawSlide({}, line=event.line),
                        event.id,
                    )


def _no_headline(slide: dict[str, object]) -> str:
    """Why a slide's headline gave no title: it had none, or only markup that reading
    HTML drops (tags, and a script or style with what is inside it)."""
    text = slide.get("text")
    written = text.get("headline") if isinstance(text, dict) else None
    if isinstance(written, str) and "<" in written and written.strip():
        return (
            f"its headline {shown(written)} held only markup, which was dropped (scripts, "
            "styles and tags are not text)"
        )
    return "has no headline"


def _fallback_title(event: Event) -> str:
    for candidate in (
        event.context,
        *(q.text for q in event.quotes),
        event.media.caption if event.media else "",
    ):
        line = " ".join(candidate.split())
        if line:
            return line if len(line) <= 80 else line[:79] + "…"
    return f"Event of {format_range(event.when, event.end)}"


def _calendar(when: When) -> tuple[int, ...]:
    """A date's precision and parts, whatever its qualifier, zone and order."""
    return (when.precision, when.year, when.month, when.day, when.hour, when.minute, when.second)


def _listed(labels: list[str]) -> str:
    """Slides or rows named together: "row 4", "rows 4, 6 and 9", "slides 2, 3, ...
    and 12 more" (their labels are "row 4", "slide 2")."""
    if len(labels) == 1:
        return labels[0]
    word = labels[0].split(" ")[0]
    numbers = [label.removeprefix(f"{word} ") for label in labels]
    if len(numbers) > 10:
        return f"{word}s {', '.join(numbers[:10])} and {len(numbers) - 10} more"
    return f"{word}s {', '.join(numbers[:-1])} and {numbers[-1]}"
