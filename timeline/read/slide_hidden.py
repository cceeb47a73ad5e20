"""What TimelineJS cannot show, read back from a slide: the hidden data this program
writes in an HTML comment (how a date was written, the kind, tags, a quote's own date
and source, research notes), used only while what the slide shows still matches it;
and the parts a slide shows in its own way (media, background, sources, quotes, the
status paragraph)."""

from __future__ import annotations

from datetime import timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline.dates import DateError, days_in_month, format_iso, format_written
from timeline.dates.iso import parse_iso
from timeline.interchange import (
    DATE_PARTS,
    MAX_YEAR,
    QUOTE_KEY,
    STASH,
    background_is_url,
)
from timeline.model import (
    MEDIA,
    STATUSES,
    Media,
    Precision,
    Qualifier,
    Quote,
    Source,
    When,
)
from timeline.problems import shown, suggest_aside
from timeline.provenance import facts_text
from timeline.read import html
from timeline.read.json_text import read_json
from timeline.read.slide_pairs import (
    Found,
    QuoteEntry,
    quote_meta_text,
    quote_pairs,
    source_pairs,
)
from timeline.read.slide_values import (
    PART_LIMITS,
    RawSlide,
    SlideValues,
    json_shown,
)


def _edited_source(line: html.SourceLine, entry: Source) -> Source | None:
    """A source paragraph whose label or link was edited since it was exported, with
    its hidden entry's archive, accessed date and kind while it still shows them as
    written ("CNBC.com (primary; archived copy: sources/cnbc.html)", where "CNBC" was
    exported): the edit wins, and what it left as it was stays exact; else None."""
    facts = f"({facts_text(entry, str)})"
    if line.label == facts:
        label = ""
    elif line.label.endswith(f" {facts}"):
        label = line.label[: -len(facts) - 1]
    else:
        return None
    return entry._replace(label=label, url=line.url)


class HiddenData(SlideValues):
    """Reads a slide's text, media and hidden data into the model's parts."""

    def _apply_date_stash(
        self,
        when: When,
        data: object,
        zone: tzinfo | None,
        raw: RawSlide,
        who: str,
        key: str = "start_date",
    ) -> When:
        # A date read whole (a Start Date cell) has its zone or offset already.
        if when.precision >= Precision.HOUR and zone is not None and when.tz is None:
            when = when._replace(tz=zone, written=format_iso(when._replace(tz=zone)))
        if not isinstance(data, dict):
            return when
        if data.get("at") != format_iso(when._replace(tz=None)):
            if data.get("at") is not None:
                self.add(
                    "warning",
                    f"{who}: {'the end date' if key == 'end_date' else 'the date'} was "
                    "changed since the file was exported, so how it was written "
                    f"({shown(data.get('written', ''))}) was dropped",
                    raw,
                    who,
                    key,
                )
            return when
        try:
            return with_hidden_date(when, data)
        except _DAMAGED:
            self.add(
                "warning", f"{who}: damaged hidden date data was ignored", raw, who, "text.text"
            )
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
                f'{who}: \'text\' must be an object {{"headline": ..., "text": ...}}, found {json_shown(text_obj)}',
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
                    loaded, fault = read_json(comment[len(STASH) :])
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
                f"thumbnail, alt, found {json_shown(value)}",
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

    def _with_hidden_media(
        self, media: Media | None, stash: dict[str, Any], raw: RawSlide, who: str
    ) -> Media | None:
        """The media with the URLs the export left out of the slide (`links.refusal`:
        `javascript:...`, an embed code), from the hidden data. One the slide gives
        (filled in since) wins, and the hidden one is said to be dropped."""
        hidden = stash.get("media")
        if hidden is None:
            return media
        if (
            not isinstance(hidden, dict)
            or hidden.keys() - {"url", "thumbnail"}
            or not all(isinstance(url, str) for url in hidden.values())
        ):
            self._damaged(raw, who, "the media")
            return media
        now = media or Media()
        for key, url in hidden.items():
            if getattr(now, key):
                self.add(
                    "warning",
                    f"{who}: {self.field_name('media.' + key)!r} was filled in since the file "
                    f"was exported, so the one its hidden data kept ({shown(url)}) was dropped",
                    raw,
                    who,
                    f"media.{key}",
                )
            elif url:
                now = now._replace(**{key: url})
        return now if now != Media() else media

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
            f"{who}: 'background' must be an object with 'url' or 'color', found {json_shown(value)}",
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
        """The source paragraphs, each completed by the hidden data written for the
        source it still shows, wherever it now stands (`slide_pairs.source_pairs`: a
        paragraph added, removed or moved takes no other's); an edit in TimelineJS wins."""
        hidden = stash.get("sources")
        if hidden is not None and not isinstance(hidden, list):
            self._damaged(raw, who, "the sources")
        if not isinstance(hidden, list):
            legacy = stash.get("source")  # exports before several sources: the first only
            hidden = [legacy] if isinstance(legacy, dict) else []
        entries: dict[int, Source] = {}
        for n, entry in enumerate(hidden):
            if not isinstance(entry, dict):
                self._damaged(raw, who, f"source {n + 1}")
            elif entry:
                found = self._hidden_source(entry, zone, raw, who, f"source {n + 1}")
                if found is not None:
                    entries[n] = found
        given = source_pairs(parsed.sources, entries)
        paired = set(given.values())
        sources = [
            entries[given[place]] if place in given else Source(line.label, line.url)
            for place, line in enumerate(parsed.sources)
        ]
        for n, found in entries.items():
            if n in paired or not (found.archive or found.accessed is not None or found.kind):
                continue
            if n < len(sources) and n not in given:  # its paragraph, edited
                kept = _edited_source(parsed.sources[n], found)
                if kept is not None:  # its label or link only
                    sources[n] = kept
                    continue
                said = f"source {n + 1} was changed since the file was exported"
            else:
                said = (
                    f"the source exported as source {n + 1}, {shown(found.label or found.url)}, "
                    "is no longer on the slide"
                )
            self.add(
                "warning",
                f"{who}: {said}, so its archive, accessed date and kind in the hidden data "
                "were dropped",
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
        """The block quotes, each with its own date, source and note from the hidden
        data written for it, found by its words and by what its cite shows wherever
        the quote now stands (`slide_pairs.quote_pairs`): a quote added, removed or
        moved in TimelineJS takes no other quote's. A cite that does not show the
        hidden values is read whole as the speaker, as in any TimelineJS file."""
        hidden = stash.get("quotes")
        if hidden is not None and not isinstance(hidden, list):
            self._damaged(raw, who, "the quotes")
        entries = self._quote_entries(hidden if isinstance(hidden, list) else [], zone, raw, who)
        found = quote_pairs(parsed.quotes, entries)
        paired = {n for n, _ in found.values()}
        if not entries:
            unread = _NO_HIDDEN_QUOTES
        elif any(e.quote is None and n not in paired for n, e in entries.items()):
            unread = _DAMAGED_QUOTE
        else:
            unread = _NO_SUCH_QUOTE
        quotes: list[Quote] = []
        for place, quoted in enumerate(parsed.quotes):
            what = f"quote {place + 1}"
            n, how = found.get(place, (-1, None))
            entry = entries.get(n)
            kept = entry.quote if entry is not None else None
            cite = quoted.cite
            if kept is not None and how is not Found.CITE_CHANGED:
                if how in (Found.WORDS_CHANGED, Found.WORDS_CHANGED_ALIKE):
                    self._words_changed(what, n, place, how, raw, who)
                # A cite showing the event's speaker is the quote's own only when the
                # hidden data says the file gave it so.
                own = cite != speaker or kept.speaker == cite
                quotes.append(kept._replace(text=quoted.text, speaker=cite if own else ""))
                continue
            if kept is not None:
                self._quote_warning(
                    who,
                    f"{what}: the date, source or note after its speaker was changed since the "
                    "file was exported, so the hidden ones were dropped and the cite is read "
                    "whole as the speaker",
                    raw,
                )
            elif quoted.has_meta and entry is None:  # a damaged entry was said as such
                cited = shown(quoted.meta.removeprefix(", "))
                self._quote_warning(who, unread.format(what=what, cited=cited), raw)
            whole = cite + quoted.meta if cite else quoted.meta.removeprefix(", ")
            quotes.append(Quote(quoted.text, "" if whole == speaker else whole))
        for n, entry in entries.items():
            if n not in paired and entry.quote is not None:
                cited = quote_meta_text(entry.quote)
                kept = entry.quote
                if kept.date is None and kept.source is None and not kept.note:
                    lost = (
                        f"its speaker, {shown(kept.speaker)}, given though it is the "
                        "event's, was dropped (a cite showing the event's speaker is read "
                        "as the quote giving none)"
                    )
                else:
                    lost = "its hidden date, source and note were dropped"
                self._quote_warning(
                    who,
                    f"the quote exported as quote {n + 1}, "
                    + (
                        f"cited with {shown(cited)}, is no longer on the slide (removed, or "
                        "both its words and its cite were changed)"
                        if cited
                        else "whose cite showed nothing of it, is no longer on the slide "
                        "(removed, or its words were changed: nothing else tells it)"
                    )
                    + f", so {lost}",
                    raw,
                )
        return quotes

    def _quote_entries(
        self, hidden: list[Any], zone: tzinfo | None, raw: RawSlide, who: str
    ) -> dict[int, QuoteEntry]:
        """The quotes' hidden entries by their number (from 0, in the order exported),
        without the empty ones written for quotes that need none; a damaged one kept
        as such (no quote), which no block quote is given, to say why a cite could not
        be read back."""
        entries: dict[int, QuoteEntry] = {}
        for n, data in enumerate(hidden):
            what = f"quote {n + 1}"
            key = data.get(QUOTE_KEY) if isinstance(data, dict) else None
            if not isinstance(data, dict) or not isinstance(key, str | None):
                self._damaged(raw, who, what)
                entries[n] = QuoteEntry(None, None)
            elif data:
                entries[n] = QuoteEntry(key, self._hidden_quote(data, zone, raw, who, what))
        return entries

    def _words_changed(
        self, what: str, n: int, place: int, how: Found, raw: RawSlide, who: str
    ) -> None:
        """Says that a quote's words were changed since the export while its cite still
        shows its own date, source and note, which were kept."""
        moved = f" (exported as quote {n + 1})" if n != place else ""
        alike = (
            "; another quote whose words were changed shows the same date, source and note "
            "with other hidden values, so which are whose was taken from their order"
            if how is Found.WORDS_CHANGED_ALIKE
            else ""
        )
        self._quote_warning(
            who,
            f"{what}{moved}: its words were changed since the file was exported; its cite "
            "still shows its own date, source and note, so they were kept with the words "
            f"as they now read{alike}: check the words against the source (timeline verify)",
            raw,
        )

    def _quote_warning(self, who: str, message: str, raw: RawSlide) -> None:
        self.add("warning", f"{who}: {message}", raw, who, "text.text")

    def _hidden_quote(
        self, data: dict[str, Any], zone: tzinfo | None, raw: RawSlide, who: str, what: str
    ) -> Quote | None:
        """A quote's date, source and note from the hidden data (its text is the slide's),
        and its speaker where the file gave it though it is the event's."""
        note = data.get("note", "")
        speaker = data.get("speaker", "")
        if not isinstance(note, str) or not isinstance(speaker, str):
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
        return Quote("", speaker, date, source, note)

    def _notes(self, stash: dict[str, Any], raw: RawSlide, who: str) -> str:
        """The research notes from the hidden data ("" when there are none)."""
        notes = stash.get("notes")
        if notes is None or isinstance(notes, str):
            return notes or ""
        self._damaged(raw, who, "the research notes")
        return ""

    def _tags(self, stash: dict[str, Any], raw: RawSlide, who: str) -> tuple[str, ...]:
        """The tags from the hidden data: a list of strings (a string is not a list of
        one-letter tags)."""
        tags = stash.get("tags")
        if tags is None:
            return ()
        if not isinstance(tags, list):
            self._damaged(raw, who, "the tags")
            return ()
        if not all(isinstance(t, str) for t in tags):
            self._damaged(raw, who, "the tags")
        return tuple(t for t in tags if isinstance(t, str))

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
            f"{who}: the status paragraph says {shown(status)}{suggest_aside(status, STATUSES)}; a "
            f"status is one of {choices}, so it was dropped",
            raw,
            who,
            "text.text",
        )
        return ""


#: What reading damaged hidden date data raises: OverflowError for an offset beyond
#: timedelta or an order of 1e400, OSError for a zone name the file system refuses
#: ("Europe" is a folder, a name too long).
_DAMAGED = (ValueError, TypeError, OverflowError, OSError, ZoneInfoNotFoundError)


def with_hidden_date(when: When, data: dict[str, Any]) -> When:
    """The date a slide shows, completed by its hidden data: how it was written, its
    zone, qualifier, anchor and rule, and the parts finer than its precision.

    Raises:
        ValueError, TypeError, OverflowError, OSError, ZoneInfoNotFoundError: The
            hidden data is damaged (`_DAMAGED`).
    """
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
    elif tz_value is not None:
        # Skipped alone, the rest (how it was written) would name a zone it lacks.
        raise ValueError("a zone is a name, minutes east of UTC or an offset and a name")
    written = data.get("written")
    order = data.get("order", [])
    anchor = data.get("relative_to")
    # Not `when`: a fault found below must leave the date as the slide shows it.
    finer = _with_finer_parts(when, data.get("finer"))
    return finer._replace(
        tz=tz,
        written=written if isinstance(written, str) else format_written(finer._replace(tz=tz)),
        anchor=anchor if isinstance(anchor, str) and anchor else None,
        rule=str(data.get("rule", "")),
        order=tuple(int(n) for n in order),
        qualifier=Qualifier(data.get("qualifier", "exact")),
    )


def exported_date(shown_now: When, data: object, zone: tzinfo | None) -> When | None:
    """A slide's date as it was exported: `shown_now` (the date read, its hidden data
    applied) when the slide still shows the date its hidden data names ("at") or has
    none, else the date the hidden data names, as it was written; None when that is
    not known (damaged hidden data)."""
    if not isinstance(data, dict):
        return shown_now
    at = data.get("at")
    if not isinstance(at, str):
        return None
    if at == format_iso(shown_now._replace(tz=None)):
        return shown_now
    try:
        when = parse_iso(at, None)
    except DateError:
        return None
    if when is None:
        return None
    if when.precision >= Precision.HOUR and zone is not None:
        when = when._replace(tz=zone)
    try:
        return with_hidden_date(when, data)
    except _DAMAGED:
        return None


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


#: Why a cite's date, source or note cannot be read back, said of its block quote: a
#: file made in TimelineJS has no hidden data; in one exported with some, the entry
#: for it may be one that was damaged, or none was written for what the cite shows.
_NO_HIDDEN_QUOTES = (
    "{what}: the date, source or note after its speaker cannot be read back without the "
    "hidden data; the cite is read whole as the speaker"
)
_DAMAGED_QUOTE = (
    "{what}: the date, source or note after its speaker, {cited}, cannot be read back: "
    "its hidden data may be the damaged data ignored; the cite is read whole as the speaker"
)
_NO_SUCH_QUOTE = (
    "{what}: the date, source or note after its speaker, {cited}, is not that of any quote "
    "exported to this slide (a quote added since, or one whose words and cite were both "
    "changed), so it cannot be read back; the cite is read whole as the speaker"
)


def _date_from_parts(data: object) -> When | None:
    """A date from the parts of a TimelineJS date object kept in the hidden data, or None
    when they are not whole numbers in range, from the year down with none left out
    (there is no year 0)."""
    if not isinstance(data, dict):
        return None
    numbers: list[int] = []
    for part in DATE_PARTS:
        value = data.get(part)
        if value is None:
            break
        low, high = PART_LIMITS.get(part, (None, None))
        if type(value) is not int or (
            low is not None and high is not None and not low <= value <= high
        ):
            return None
        numbers.append(value)
    if not numbers or any(data.get(p) is not None for p in DATE_PARTS[len(numbers) :]):
        return None
    # Parts finer than the precision take their first values: month 1, day 1, 00:00:00.
    year, month, day, hour, minute, second = numbers + [1, 1, 0, 0, 0][len(numbers) - 1 :]
    if year == 0 or abs(year) > MAX_YEAR or not 1 <= day <= days_in_month(year, month):
        return None
    when = When(year, month, day, hour, minute, second, precision=Precision(len(numbers) - 1))
    return when._replace(written=format_written(when))
