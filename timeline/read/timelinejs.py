"""TimelineJS (Knight Lab) JSON in and out.

Reading: a TimelineJS JSON file (`title`, `events`, `eras`; slides with
`start_date`/`end_date` objects, `text`, `media`, `group`, `display_date`,
`unique_id`, `background`) becomes the model. Numbers may be strings ("2018").
A date keeps its precision: a slide with only a year and a month is July 2018.
HTML in text becomes plain text (see `timeline.formats.html`), and each
`<blockquote>`, in the text or as the media URL, becomes a quote.

Writing: JSON that TimelineJS3 accepts as it is. Quotes become `<blockquote>`s in
the slide text with the speaker in `<cite>`, the source a link paragraph, and a
`display_date` is set for relative, approximate and before/after dates so readers
see "before 16 Jul 2018".

Round trips. TimelineJS has no slot for kind, speaker, handle, role, tags,
in_reply_to, how a date was written (relative_to, "Monday", "before", circa), a
source's archive, accessed date and kind, a quote's own date (as written and
resolved), source and note, or research notes. They travel in an HTML comment at the
end of the slide text, `<!--timeline:{"kind": "tweet", ...}-->`: TimelineJS does not
show comments, and on import the comment gives them back. The JSON inside never
contains `<` or `>` (they are written as \\u003c and \\u003e), so it cannot end the
comment early. Hidden data is used only while what the slide shows still matches it,
so an edit made in TimelineJS wins: a slide's date, a source paragraph, the date,
source and note shown after a quote's speaker. The status is read from its paragraph.

The same slides, flattened, are the rows of the TimelineJS spreadsheet
(`timeline.formats.csv`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline.dates import days_in_month, format_iso, format_range
from timeline.interchange import (
    DATE_KEYS,
    DATE_PARTS,
    MAX_YEAR,
    SLIDE_KEYS,
    STASH,
    background_is_url,
    display_date,
    quote_meta_html,
    source_html,
)
from timeline.model import (
    MEDIA,
    STATUSES,
    Era,
    Event,
    Media,
    Precision,
    Qualifier,
    Quote,
    Source,
    Timeline,
    When,
    chronological,
)
from timeline.problems import LoadResult, Problem, Severity, shown, suggest
from timeline.read import html
from timeline.read.resolve import slugify
from timeline.text import visible

_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}


@dataclass
class RawSlide:
    """A slide as read, before checking: TimelineJS JSON shape, and where it was.

    Attributes:
        data: The slide object (for spreadsheet rows, built from the columns).
        kind: "event", "title" or "era".
        label: "slide 3" or "row 5", for messages.
        line: Line in the file, 0 when unknown.
    """

    data: dict[str, Any]
    kind: str = "event"
    label: str = ""
    line: int = 0


FieldName = Callable[[str], str]


def _json_field(path: str) -> str:
    return path


@dataclass
class Builder:
    """Turns raw slides into a timeline, collecting located problems.

    Attributes:
        name: The file, for problems.
        field_name: How a slide path ("start_date.month") is called in this format.
    """

    name: str
    field_name: FieldName = _json_field
    problems: list[Problem] = field(default_factory=list)
    #: Id (or "slide 3") of the event being read, for problems.
    current: str = ""
    # Errors among problems[:_counted]: counted as they come (the spreadsheet reader
    # appends problems directly), so counting per slide is not quadratic.
    _counted: int = 0
    _errors: int = 0

    def add(
        self, severity: Severity, message: str, raw: RawSlide | None, event: str = "", key: str = ""
    ) -> None:
        line = raw.line if raw is not None else 0
        event = event if event and not event.startswith(("event ", "era ")) else self.current
        named = self.field_name(key) if key else ""
        self.problems.append(Problem(severity, message, self.name, line, 0, event, named))

    # ------------------------------------------------------------------ values

    def _int(
        self, value: object, raw: RawSlide, who: str, path: str, low: int | None, high: int | None
    ) -> tuple[int | None, bool]:
        """A whole number from an int or a string; (None, True) when absent."""
        if value is None or value == "":
            return None, True
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            cleaned = value.replace(",", "").replace(" ", "").strip()
            try:
                number = int(cleaned)
            except ValueError:
                number = None
        if (
            number is None
            or (low is not None and number < low)
            or (high is not None and number > high)
        ):
            bounds = f" from {low} to {high}" if low is not None and high is not None else ""
            self.add(
                "error",
                f"{who}: {self.field_name(path)!r} must be a whole number{bounds}, found {_show(value)}",
                raw,
                who,
                path,
            )
            return None, False
        return number, True

    def date(self, value: object, raw: RawSlide, who: str, path: str) -> When | None:
        """A TimelineJS date object as a `When` at the precision it gives."""
        if not isinstance(value, dict):
            self.add(
                "error",
                f"{who}: {self.field_name(path)!r} must be a date object with at least a year "
                f'such as {{"year": 2018, "month": 7}}, found {_show(value)}',
                raw,
                who,
                path,
            )
            return None
        for key in sorted(value.keys() - set(DATE_KEYS)):
            self.add(
                "warning",
                f"{who}: unknown field {shown(f'{path}.{key}')} was ignored{suggest(key, DATE_KEYS)}",
                raw,
                who,
                f"{path}.{key}",
            )
        numbers: dict[str, int] = {}
        ok = True
        for part in DATE_PARTS:
            low, high = _LIMITS.get(part, (None, None))
            number, fine = self._int(value.get(part), raw, who, f"{path}.{part}", low, high)
            ok = ok and fine
            if number is not None:
                numbers[part] = number
        if not ok:
            return None
        if "year" not in numbers:
            self.add(
                "error",
                f"{who}: {self.field_name(path + '.year')!r} is missing; every date needs a year "
                "(negative for BCE: -500 is 500 BCE)",
                raw,
                who,
                f"{path}.year",
            )
            return None
        known = [part for part in DATE_PARTS if part in numbers]
        precision = Precision(len(known) - 1)
        if known != list(DATE_PARTS[: len(known)]):
            missing = next(p for p in DATE_PARTS if p not in numbers)
            after = next(p for p in DATE_PARTS[DATE_PARTS.index(missing) :] if p in numbers)
            self.add(
                "error",
                f"{who}: {self.field_name(path + '.' + after)!r} is given without "
                f"{self.field_name(path + '.' + missing)!r}; give the {missing} too, or leave "
                f"out the {after}",
                raw,
                who,
                f"{path}.{after}",
            )
            return None
        year = numbers["year"]
        if abs(year) > MAX_YEAR:
            self.add(
                "error",
                f"{who}: {self.field_name(path + '.year')!r} is {_show(year)}; years run "
                f"from -{MAX_YEAR:,} to {MAX_YEAR:,}",
                raw,
                who,
                f"{path}.year",
            )
            return None
        month = numbers.get("month", 1)
        day = numbers.get("day", 1)
        if "day" in numbers:
            longest = days_in_month(year, month)
            if not 1 <= day <= longest:
                self.add(
                    "error",
                    f"{who}: {self.field_name(path + '.day')!r} is {day}, but month {month} of "
                    f"{year} has days 1 to {longest}",
                    raw,
                    who,
                    f"{path}.day",
                )
                return None
        when = When(
            year,
            month,
            day,
            numbers.get("hour", 0),
            numbers.get("minute", 0),
            numbers.get("second", 0),
            precision=precision,
        )
        return when._replace(written=format_iso(when))

    def text(self, value: object, raw: RawSlide, who: str, path: str) -> str:
        """A string field (numbers are accepted and written as text)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.add(
            "error",
            f"{who}: {self.field_name(path)!r} must be a string, found {_show(value)}",
            raw,
            who,
            path,
        )
        return ""

    # ------------------------------------------------------------------ slides

    def _apply_date_stash(
        self, when: When, data: object, zone: tzinfo | None, raw: RawSlide, who: str
    ) -> When:
        if when.precision >= Precision.HOUR and zone is not None:
            when = when._replace(tz=zone, written=format_iso(when._replace(tz=zone)))
        if not isinstance(data, dict):
            return when
        if data.get("at") != format_iso(when._replace(tz=None)):
            if data.get("at") is not None:
                self.add(
                    "warning",
                    f"{who}: the date was changed since the file was exported, so how it was "
                    f"written ({shown(data.get('written', ''))}) was dropped",
                    raw,
                    who,
                    "start_date",
                )
            return when
        try:
            tz_value = data.get("tz")
            tz: tzinfo | None = when.tz
            if isinstance(tz_value, str):
                tz = ZoneInfo(tz_value)
            elif isinstance(tz_value, int) and not isinstance(tz_value, bool):
                tz = timezone(timedelta(minutes=tz_value))
            elif isinstance(tz_value, dict):  # a named offset: CDT, GMT as written
                offset, zone_name = tz_value.get("offset"), tz_value.get("name")
                if type(offset) is not int or not isinstance(zone_name, str):
                    raise ValueError("a zone needs an offset in seconds and a name")
                tz = timezone(timedelta(seconds=offset), zone_name)
            written = data.get("written")
            order = data.get("order", [])
            anchor = data.get("relative_to")
            when = _with_finer_parts(when, data.get("finer"))
            return when._replace(
                tz=tz,
                written=written if isinstance(written, str) else format_iso(when._replace(tz=tz)),
                anchor=anchor if isinstance(anchor, str) and anchor else None,
                rule=str(data.get("rule", "")),
                order=tuple(int(n) for n in order),
                qualifier=Qualifier(data.get("qualifier", "exact")),
            )
        except (ValueError, TypeError, ZoneInfoNotFoundError):
            self.add("warning", f"{who}: damaged hidden date data was ignored", raw, who)
            return when

    def _text_parts(
        self, slide: dict[str, Any], raw: RawSlide, who: str
    ) -> tuple[str, html.Parsed, dict[str, Any]]:
        text_obj = slide.get("text")
        if text_obj is None:
            text_obj = {}
        if not isinstance(text_obj, dict):
            self.add(
                "error",
                f'{who}: \'text\' must be an object {{"headline": ..., "text": ...}}, found {_show(text_obj)}',
                raw,
                who,
                "text",
            )
            text_obj = {}
        headline = html.parse(self.text(text_obj.get("headline"), raw, who, "text.headline")).text
        parsed = html.parse(self.text(text_obj.get("text"), raw, who, "text.text"))
        stash: dict[str, Any] = {}
        for comment in parsed.comments:
            if comment.startswith(STASH):
                try:
                    loaded, fault = _read_json(comment[len(STASH) :])
                except ValueError:  # not JSON: said below as damaged
                    loaded, fault = None, None
                if fault is not None:
                    # Nothing a program wrote: refused rather than half read.
                    self.add(
                        "error",
                        f"{who}: the hidden round-trip data in {self.field_name('text.text')!r} "
                        f"{fault.message}",
                        raw,
                        who,
                        "text.text",
                    )
                elif isinstance(loaded, dict):
                    stash = loaded
                else:
                    self.add(
                        "warning",
                        f"{who}: damaged hidden round-trip data in 'text.text' was ignored",
                        raw,
                        who,
                        "text.text",
                    )
        return headline, parsed, stash

    def _media(self, value: object, raw: RawSlide, who: str) -> tuple[Media | None, list[Quote]]:
        if value is None:
            return None, []
        if not isinstance(value, dict):
            self.add(
                "error",
                f"{who}: 'media' must be an object with 'url' and optional caption, credit, "
                f"thumbnail, alt, found {_show(value)}",
                raw,
                who,
                "media",
            )
            return None, []
        for key in sorted(value.keys() - set(MEDIA.keys)):
            self.add(
                "warning",
                f"{who}: {shown(f'media.{key}')} was ignored: timeline keeps only {', '.join(MEDIA.keys)}",
                raw,
                who,
                f"media.{key}",
            )
        parts = {k: self.text(value.get(k), raw, who, f"media.{k}") for k in MEDIA.keys}
        url = parts["url"].strip()
        if url.lower().startswith("<blockquote"):
            parsed = html.parse(url)
            credit = html.parse(parts["credit"]).text
            quotes = [Quote(q.text, q.cite or credit) for q in parsed.quotes]
            rest = {k: parts[k] for k in ("caption", "thumbnail", "alt") if parts[k]}
            media = Media(caption=html.parse(rest.get("caption", "")).text) if rest else None
            if media is not None:
                media = media._replace(
                    thumbnail=rest.get("thumbnail", ""), alt=html.parse(rest.get("alt", "")).text
                )
            return media, quotes
        if not any(parts.values()):
            return None, []
        return (
            Media(
                url=parts["url"],
                caption=html.parse(parts["caption"]).text,
                credit=html.parse(parts["credit"]).text,
                thumbnail=parts["thumbnail"],
                alt=html.parse(parts["alt"]).text,
            ),
            [],
        )

    def _background(self, value: object, raw: RawSlide, who: str) -> str:
        """An image URL as it is, or a colour, which is HTML text (written escaped)."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):  # a spreadsheet's cell: a URL or a colour
            return value if background_is_url(value) else html.parse(value).text
        if isinstance(value, dict):
            url, color = value.get("url"), value.get("color")
            if isinstance(url, str) and url:
                return url
            if isinstance(color, str) and color:
                return html.parse(color).text
            return ""
        self.add(
            "error",
            f"{who}: 'background' must be an object with 'url' or 'color', found {_show(value)}",
            raw,
            who,
            "background",
        )
        return ""

    # ------------------------------------------------------------------ provenance

    def _damaged(self, raw: RawSlide, who: str, what: str) -> None:
        self.add(
            "warning", f"{who}: damaged hidden data for {what} was ignored", raw, who, "text.text"
        )

    def _hidden_when(
        self, data: object, zone: tzinfo | None, raw: RawSlide, who: str, what: str
    ) -> When | None:
        """A date kept whole in the hidden data (a quote's, an access date), or None,
        with a warning, when the data is not one."""
        when = _date_from_parts(data)
        if when is None:
            self._damaged(raw, who, what)
            return None
        assert isinstance(data, dict)
        at = data.get("at")
        if at is not None and at != format_iso(when):
            self._damaged(raw, who, what)
            return None
        return self._apply_date_stash(when, data, zone, raw, who)

    def _hidden_source(
        self, data: dict[str, Any], zone: tzinfo | None, raw: RawSlide, who: str, what: str
    ) -> Source | None:
        """A source kept whole in the hidden data, or None, with a warning, when damaged."""
        label, url = data.get("label", ""), data.get("url", "")
        archive, kind = data.get("archive", ""), data.get("kind", "")
        if not all(isinstance(v, str) for v in (label, url, archive, kind)):
            self._damaged(raw, who, what)
            return None
        accessed: When | None = None
        if data.get("accessed") is not None:
            accessed = self._hidden_when(
                data["accessed"], zone, raw, who, f"{what}'s accessed date"
            )
            if accessed is None:
                return None
        return Source(label, url, archive, accessed, kind)

    def _sources(
        self,
        parsed: html.Parsed,
        stash: dict[str, Any],
        zone: tzinfo | None,
        raw: RawSlide,
        who: str,
    ) -> tuple[Source, ...]:
        """The source paragraphs, each completed by its hidden data while it still shows
        what was written (an edit in TimelineJS wins)."""
        hidden = stash.get("sources")
        if hidden is not None and not isinstance(hidden, list):
            self._damaged(raw, who, "the sources")
        if not isinstance(hidden, list):
            legacy = stash.get("source")  # exports before several sources: the first only
            hidden = [legacy] if isinstance(legacy, dict) else []
        sources: list[Source] = []
        for n, line in enumerate(parsed.sources, start=1):
            shown_source = Source(line.label, line.url)
            entry = hidden[n - 1] if n <= len(hidden) else None
            what = f"source {n}"
            found = None
            if isinstance(entry, dict) and entry:
                found = self._hidden_source(entry, zone, raw, who, what)
            elif entry is not None and not isinstance(entry, dict):
                self._damaged(raw, who, what)
            if found is None:
                sources.append(shown_source)
            elif _source_shows(found, line):
                sources.append(found)
            else:
                sources.append(shown_source)
                if found.archive or found.accessed is not None or found.kind:
                    self.add(
                        "warning",
                        f"{who}: {what} was changed since the file was exported, so its "
                        "archive, accessed date and kind in the hidden data were dropped",
                        raw,
                        who,
                        "text.text",
                    )
        return tuple(sources)

    def _quotes(
        self,
        parsed: html.Parsed,
        stash: dict[str, Any],
        speaker: str,
        zone: tzinfo | None,
        raw: RawSlide,
        who: str,
    ) -> list[Quote]:
        """The block quotes; each one's date, source and note from the hidden data while
        the cite still shows them as written. Otherwise the cite is read whole as the
        speaker, as in any TimelineJS file."""
        hidden = stash.get("quotes")
        if hidden is not None and not isinstance(hidden, list):
            self._damaged(raw, who, "the quotes")
        if not isinstance(hidden, list):
            hidden = []
        quotes: list[Quote] = []
        for n, quoted in enumerate(parsed.quotes, start=1):
            entry = hidden[n - 1] if n <= len(hidden) else None
            kept = isinstance(entry, dict) and bool(entry)  # hidden values to restore
            found = None
            if isinstance(entry, dict) and kept:
                found = self._hidden_quote(entry, zone, raw, who, f"quote {n}")
            elif entry is not None and not isinstance(entry, dict):
                self._damaged(raw, who, f"quote {n}")
            cite = quoted.cite
            if found is not None:
                if _meta_shows(found, quoted):
                    quotes.append(
                        found._replace(text=quoted.text, speaker="" if cite == speaker else cite)
                    )
                    continue
                self.add(
                    "warning",
                    f"{who}: quote {n}: the date, source or note after its speaker was changed "
                    "since the file was exported, so the hidden ones were dropped and the "
                    "cite is read whole as the speaker",
                    raw,
                    who,
                    "text.text",
                )
            elif quoted.has_meta and not kept:
                self.add(
                    "warning",
                    f"{who}: quote {n}: the date, source or note after its speaker cannot be "
                    "read back without the hidden data; the cite is read whole as the speaker",
                    raw,
                    who,
                    "text.text",
                )
            whole = cite + quoted.meta if cite else quoted.meta.removeprefix(", ")
            quotes.append(Quote(quoted.text, "" if whole == speaker else whole))
        return quotes

    def _hidden_quote(
        self, data: dict[str, Any], zone: tzinfo | None, raw: RawSlide, who: str, what: str
    ) -> Quote | None:
        """A quote's date, source and note from the hidden data (its text is the slide's)."""
        note = data.get("note", "")
        if not isinstance(note, str):
            self._damaged(raw, who, what)
            return None
        date: When | None = None
        if data.get("date") is not None:
            date = self._hidden_when(data["date"], zone, raw, who, f"{what}'s date")
            if date is None:
                return None
        source: Source | None = None
        if data.get("source") is not None:
            if not isinstance(data["source"], dict):
                self._damaged(raw, who, f"{what}'s source")
                return None
            source = self._hidden_source(data["source"], zone, raw, who, f"{what}'s source")
            if source is None:
                return None
        return Quote("", "", date, source, note)

    def _notes(self, stash: dict[str, Any], raw: RawSlide, who: str) -> str:
        """The research notes from the hidden data ("" when there are none)."""
        notes = stash.get("notes")
        if notes is None or isinstance(notes, str):
            return notes or ""
        self._damaged(raw, who, "the research notes")
        return ""

    def _status(self, parsed: html.Parsed, raw: RawSlide, who: str) -> str:
        """The status paragraph's status; one that is not a status is dropped, saying so."""
        status = parsed.status
        if status is None:
            return ""
        if status in STATUSES:
            return status
        choices = ", ".join(repr(s) for s in STATUSES)
        self.add(
            "warning",
            f"{who}: the status paragraph says {shown(status)}{suggest(status, STATUSES)}; a "
            f"status is one of {choices}, so it was dropped",
            raw,
            who,
            "text.text",
        )
        return ""

    def event(self, raw: RawSlide, zone: tzinfo | None) -> Event | None:
        """One slide as an event, or None when it has errors (they are reported)."""
        slide = raw.data
        errors_before = self.error_count()
        headline, parsed, stash = self._text_parts(slide, raw, raw.label)
        unique = self.text(slide.get("unique_id"), raw, raw.label, "unique_id").strip()
        ident = unique or _string(stash.get("id"))
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
        start = (
            self.date(slide.get("start_date"), raw, who, "start_date")
            if slide.get("start_date") is not None
            else None
        )
        if slide.get("start_date") is None:
            self.add(
                "error",
                f"{who}: {self.field_name('start_date')!r} is missing; every slide but the "
                "title needs a start date with at least a year",
                raw,
                ident,
                "start_date.year",
            )
        end = None
        if slide.get("end_date") not in (None, {}, ""):
            end = self.date(slide.get("end_date"), raw, who, "end_date")
        media, media_quotes = self._media(slide.get("media"), raw, who)
        group = _plain(self.text(slide.get("group"), raw, who, "group"))
        on_slide = _plain(self.text(slide.get("display_date"), raw, who, "display_date"))
        background = self._background(slide.get("background"), raw, who)
        if start is None or self.error_count() > errors_before:
            self.current = ""
            return None
        start = self._apply_date_stash(start, stash.get("date"), zone, raw, who)
        if end is not None:
            end = self._apply_date_stash(end, stash.get("end_date"), zone, raw, who)
            # Compared at the coarser precision, as the TOML reader does: an end of
            # 2018 is fine for a start of July 2018.
            known = min(end.precision, start.precision) + 1
            if end.key[:known] < start.key[:known]:
                self.add(
                    "error",
                    f"{who}: {self.field_name('end_date')!r} {format_iso(end)} is before "
                    f"{self.field_name('start_date')!r} {format_iso(start)}; the end must be "
                    "on or after the start",
                    raw,
                    ident,
                    "end_date",
                )
                return None
        if not on_slide:
            parts = [
                html.parse(_string(d.get("display_date"))).text
                for d in (slide.get("start_date"), slide.get("end_date"))
                if isinstance(d, dict)
            ]
            on_slide = " – ".join(p for p in parts if p)
        speaker = _string(stash.get("speaker"))
        quotes = self._quotes(parsed, stash, speaker, zone, raw, who)
        quotes.extend(media_quotes)
        event = Event(
            id=ident,
            when=start,
            title=headline,
            end=end,
            display_date=on_slide,
            kind=_string(stash.get("kind")),
            speaker=speaker,
            handle=_string(stash.get("handle")),
            role=_string(stash.get("role")),
            group=group,
            tags=tuple(t for t in stash.get("tags", ()) if isinstance(t, str)),
            context=parsed.text,
            sources=self._sources(parsed, stash, zone, raw, who),
            in_reply_to=_string(stash.get("in_reply_to")),
            quotes=tuple(quotes),
            media=media,
            background=background,
            status=self._status(parsed, raw, who),
            notes=self._notes(stash, raw, who),
            file=self.name,
            line=raw.line,
        )
        if stash.get("display_date") == "derived" and on_slide == display_date(
            event._replace(display_date="")
        ):
            event = event._replace(display_date="")
        if not event.title.strip():
            event = event._replace(title=_fallback_title(event))
            self.add(
                "warning",
                f"{who}: has no headline; its title is {shown(event.title)}",
                raw,
                ident,
                "text.headline",
            )
        return event

    def era(self, raw: RawSlide) -> Era | None:
        """An era: a headline and a span."""
        slide = raw.data
        self.current = ""
        headline, parsed, _ = self._text_parts(slide, raw, raw.label)
        who = f"era {shown(headline)} ({raw.label})" if headline else f"era ({raw.label})"
        dates: list[When] = []
        for key in ("start_date", "end_date"):
            if slide.get(key) is None:
                self.add(
                    "error",
                    f"{who}: {self.field_name(key)!r} is missing; an era needs a start and an end",
                    raw,
                    "",
                    f"{key}.year",
                )
                continue
            when = self.date(slide.get(key), raw, who, key)
            if when is not None:
                dates.append(when)
        if len(dates) != 2:
            return None
        return Era(headline, dates[0], dates[1], parsed.text)

    def errors(self) -> list[Problem]:
        """Errors so far."""
        return [p for p in self.problems if p.severity == "error"]

    def error_count(self) -> int:
        """How many errors so far, in time proportional to the problems added since."""
        for problem in self.problems[self._counted :]:
            self._errors += problem.severity == "error"
        self._counted = len(self.problems)
        return self._errors

    def timeline(
        self, title: RawSlide | None, slides: list[RawSlide], eras: list[RawSlide]
    ) -> LoadResult:
        """The timeline from its title slide, event slides and eras."""
        title_text, summary, source, media = Path(self.name).stem, "", None, None
        zone_name = ""
        zone: tzinfo | None = None
        if title is not None:
            headline, parsed, stash = self._text_parts(title.data, title, title.label)
            title_text = headline or title_text
            summary = parsed.text
            quotes = [f"“{q.text}”" + (f" ({q.cite})" if q.cite else "") for q in parsed.quotes]
            summary = "\n\n".join(p for p in [summary, *quotes] if p)
            media, _ = self._media(title.data.get("media"), title, title.label)
            zone_name = _string(stash.get("timezone"))
            if zone_name:
                try:
                    zone = ZoneInfo(zone_name)
                except (ZoneInfoNotFoundError, ValueError):
                    zone, zone_name = None, ""
            sources = self._sources(parsed, stash, zone, title, title.label)
            source = sources[0] if sources else None
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
        for raw in slides:
            event = self.event(raw, zone)
            if event is not None:
                events.append(event)
        self.current = ""
        era_list = [era for era in (self.era(raw) for raw in eras) if era is not None]
        events = self._unique_ids(events, slides)
        self._check_links(events)
        if not events and not self.error_count():
            self.add("warning", "the timeline has no events", None)
        if self.error_count():
            return LoadResult(None, self.problems)
        timeline = Timeline(
            title=title_text,
            events=chronological(events),
            summary=summary,
            timezone=zone_name,
            source=source,
            eras=tuple(era_list),
            media=media,
            files=(self.name,),
        )
        return LoadResult(timeline, self.problems)

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
                    event.id,
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
        for i, event in enumerate(events):
            if event.in_reply_to and event.in_reply_to not in ids:
                self.add(
                    "warning",
                    f"event {shown(event.id)}: in_reply_to names {shown(event.in_reply_to)}, which is not "
                    "the id of any event",
                    RawSlide({}, line=event.line),
                    event.id,
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


_FINER = ("month", "day", "hour", "minute", "second")
_FINER_RANGES = ((1, 12), (1, 31), (0, 23), (0, 59), (0, 59))


def _with_finer_parts(when: When, finer: object) -> When:
    """The date with the parts finer than its precision that the hidden data kept.

    Raises:
        ValueError: They are not whole numbers in range, one for each finer part.
    """
    if finer is None:
        return when
    parts = [when.month, when.day, when.hour, when.minute, when.second]
    first = int(when.precision)
    if not isinstance(finer, list) or len(finer) != len(parts) - first:
        raise ValueError("finer parts do not match the precision")
    for index, value in enumerate(finer, start=first):
        low, high = _FINER_RANGES[index]
        if type(value) is not int or not low <= value <= high:
            raise ValueError(f"{_FINER[index]} out of range")
        parts[index] = value
    month, day, hour, minute, second = parts
    if day > days_in_month(when.year, month):
        raise ValueError("no such day")
    return when._replace(month=month, day=day, hour=hour, minute=minute, second=second)


def _source_shows(source: Source, line: html.SourceLine) -> bool:
    """Whether a source paragraph still shows the source as this program writes it.

    The same markup, as it is unless edited, says so at once; otherwise the paragraph
    must read the same as the one written (a tool may have rewritten the markup
    without changing what it says).
    """
    written = source_html(source)
    if line.markup and line.markup == written:
        return True
    return html.parse(written).sources == [line]


def _meta_shows(quote: Quote, quoted: html.Quoted) -> bool:
    """Whether the span after a quote's speaker still shows the quote's own date,
    source and note as this program writes them (checked as `_source_shows` checks a
    source paragraph)."""
    written = quote_meta_html(quote, bool(quoted.cite))
    if quoted.meta_markup and quoted.meta_markup == written:
        return True
    speaker = "x" if quoted.cite else ""
    again = html.parse(f"<blockquote><p>x</p><cite>{speaker}{written}</cite></blockquote>")
    return bool(again.quotes) and (again.quotes[0].meta, again.quotes[0].has_meta) == (
        quoted.meta,
        quoted.has_meta,
    )


def _date_from_parts(data: object) -> When | None:
    """A date from the parts of a TimelineJS date object kept in the hidden data, or None
    when they are not whole numbers in range, from the year down with none left out."""
    if not isinstance(data, dict):
        return None
    numbers: list[int] = []
    for part in DATE_PARTS:
        value = data.get(part)
        if value is None:
            break
        low, high = _LIMITS.get(part, (None, None))
        if type(value) is not int or (
            low is not None and high is not None and not low <= value <= high
        ):
            return None
        numbers.append(value)
    if not numbers or any(data.get(p) is not None for p in DATE_PARTS[len(numbers) :]):
        return None
    # Parts finer than the precision take their first values: month 1, day 1, 00:00:00.
    year, month, day, hour, minute, second = numbers + [1, 1, 0, 0, 0][len(numbers) - 1 :]
    if abs(year) > MAX_YEAR or not 1 <= day <= days_in_month(year, month):
        return None
    when = When(year, month, day, hour, minute, second, precision=Precision(len(numbers) - 1))
    return when._replace(written=format_iso(when))


def _plain(markup: str) -> str:
    """The plain text of an HTML field; empty fields (most) cost nothing."""
    return html.parse(markup).text if markup else ""


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _show(value: object) -> str:
    """A JSON value as a message quotes it: short, and nothing in it raw."""
    if isinstance(value, str):
        return shown(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (RecursionError, ValueError):  # nested deeper than the encoder goes
        text = "an object" if isinstance(value, dict) else "an array"
    return visible(text if len(text) <= 40 else text[:37] + "...")


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


class _Fault(NamedTuple):
    """Why JSON text was not read: the message's end, and the offset in the text."""

    message: str
    offset: int | None = None


#: Nesting reported as too deep, once Python's parser has given up: TimelineJS files
#: nest about five levels; Python's own limit is near a thousand.
_DEEPEST = 500
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.S)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _too_deep(text: str) -> int | None:
    """Offset of the bracket that nests JSON text more than _DEEPEST levels, or None."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > _DEEPEST:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def _lone_surrogate(text: str) -> int | None:
    """Offset of the first `\\uD800`-`\\uDFFF` escape in JSON text that is not half of a
    surrogate pair, or None.

    JSON allows such an escape, and Python reads it into a string that is not Unicode
    and cannot be written out: every printout, export and copy of it would fail.
    """
    if _SURROGATE_ESCAPE.search(text) is None:
        return None
    high: int | None = None  # offset of a high half waiting for its low half
    end = -1
    for match in _ESCAPE.finditer(text):  # every escape, so `\\\\ud800` is no escape
        code = int(match.group(1), 16) if match.group(1) else -1
        if high is not None:
            if match.start() != end or not 0xDC00 <= code <= 0xDFFF:
                return high
            high = None
        elif 0xD800 <= code <= 0xDBFF:
            high = match.start()
        elif 0xDC00 <= code <= 0xDFFF:
            return match.start()
        end = match.end()
    return high


def _read_json(text: str) -> tuple[Any, _Fault | None]:
    """JSON text as data, or why it cannot be read (syntax errors raise as json's do)."""
    try:
        data = json.loads(text)
    except RecursionError:
        where = _too_deep(text)
        nesting = f"more than {_DEEPEST} levels" if where is not None else "too deeply"
        return None, _Fault(f"is nested {nesting} deep, too deep to read", where)
    surrogate = _lone_surrogate(text)
    if surrogate is not None:
        return None, _Fault(
            f"holds {shown(text[surrogate : surrogate + 6])}, half of a UTF-16 surrogate "
            "pair without its other half: it is no character and cannot be shown or "
            "written out; remove it, or give the whole pair",
            surrogate,
        )
    return data, None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def loads(text: str, name: str = "<text>") -> LoadResult:
    """Read TimelineJS JSON text; `name` is used in problem locations."""
    try:
        data, fault = _read_json(text)
    except json.JSONDecodeError as exc:
        return LoadResult(
            None,
            [Problem("error", f"JSON syntax: {exc.msg}", name, exc.lineno, exc.colno)],
        )
    except ValueError as exc:
        # Python refuses to read an integer of more than 4,300 digits (a guard against
        # slow conversions); json.loads raises a plain ValueError for it.
        return LoadResult(None, [Problem("error", f"JSON value cannot be read: {exc}", name)])
    if fault is not None:
        line, column = _position(text, fault.offset) if fault.offset is not None else (0, 0)
        problem = Problem("error", f"the JSON {fault.message}", name, line, column)
        return LoadResult(None, [problem])
    builder = Builder(name)
    if not isinstance(data, dict):
        builder.add(
            "error",
            f'a TimelineJS file is a JSON object {{"title": ..., "events": [...]}}, found {_show(data)[:20]}',
            None,
        )
        return LoadResult(None, builder.problems)
    for key in sorted(data.keys() - {"title", "events", "eras", "scale"}):
        builder.add(
            "warning",
            f"unknown top-level key {shown(key)} was ignored{suggest(key, ['title', 'events', 'eras'])}",
            None,
        )
    events = data.get("events")
    if not isinstance(events, list):
        builder.add(
            "error",
            "'events' must be a list of slide objects"
            + ("" if events is not None else "; the file has none"),
            None,
            key="events",
        )
        return LoadResult(None, builder.problems)
    slides: list[RawSlide] = []
    for n, slide in enumerate(events, start=1):
        if not isinstance(slide, dict):
            builder.add("error", f"slide {n} must be an object, found {_show(slide)}", None)
            continue
        slides.append(RawSlide(slide, "event", f"slide {n}"))
    eras: list[RawSlide] = []
    raw_eras = data.get("eras") or []
    if not isinstance(raw_eras, list):
        builder.add("error", f"'eras' must be a list, found {_show(raw_eras)}", None, key="eras")
        raw_eras = []
    for n, era in enumerate(raw_eras, start=1):
        if not isinstance(era, dict):
            builder.add("error", f"era {n} must be an object, found {_show(era)}", None)
            continue
        eras.append(RawSlide(era, "era", f"era {n}"))
    title = data.get("title")
    title_raw = None
    if isinstance(title, dict):
        title_raw = RawSlide(title, "title", "title slide")
    elif title is not None:
        builder.add("error", f"'title' must be a slide object, found {_show(title)}", None)
    return builder.timeline(title_raw, slides, eras)
