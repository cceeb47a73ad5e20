"""TimelineJS (Knight Lab) JSON out: slides TimelineJS3 accepts as they are.

Quotes become `<blockquote>`s in the slide text with the speaker, then the quote's own
date, source and note, in `<cite>`; each source a link paragraph, the status a
paragraph; and a `display_date` is set for relative, approximate and before/after
dates so readers see "before 16 Jul 2018", and for times with a zone, which
TimelineJS would show as "7:05 PM" in no zone, so readers see "4 Mar 2019 19:05 GMT".
Fields TimelineJS has no slot for travel in
the hidden comment (see `timeline.interchange`): among them every source's archive,
accessed date and kind, and each quote's date as written and resolved. Research notes
are left out unless the export is private (`private=True`, `export --private`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from timeline.dates import format_iso, format_written
from timeline.dates import timeline_zone as zone_of
from timeline.interchange import (
    DATE_PARTS,
    QUOTE_KEY,
    STASH,
    background_is_url,
    derived,
    display_date,
    embedded,
    escape,
    escape_value,
    linkable,
    media_html,
    quote_html,
    quote_key,
    source_html,
    status_html,
)
from timeline.model import (
    Era,
    Event,
    Media,
    Precision,
    Qualifier,
    Quote,
    Source,
    Timeline,
    When,
)
from timeline.text import escape_unsafe, json_unseen

_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}


def _stash(data: dict[str, Any]) -> str:
    """The hidden data as an HTML comment, what the slide's own text shows as a stand-in
    escaped as in JSON (`json_unseen`: bidi marks, controls, zero-width characters...)
    and `<`, `>` too, so that nothing in it can close the comment."""
    if not data:
        return ""
    payload = json_unseen(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<!--{STASH}{payload}-->"


def _zone_name(tz: tzinfo | None, when: When) -> str | int | dict[str, Any] | None:
    """A zone as its IANA name, or as an offset in minutes; a fixed offset with a name
    of its own ("CDT", "GMT", as written in the date) or with seconds as
    `{"offset": seconds, "name": "CDT"}`, so that the date reads back as it was shown."""
    if tz is None:
        return None
    if isinstance(tz, ZoneInfo):
        return tz.key
    offset = tz.utcoffset(None)
    if offset is None:
        return None
    seconds = int(offset.total_seconds())
    name = tz.tzname(None)
    if seconds % 60 or name != timezone(offset).tzname(None):
        return {"offset": seconds, "name": name}
    return seconds // 60


def date_object(when: When) -> dict[str, int]:
    """A TimelineJS date object with only the fields the precision knows."""
    parts = [when.year, when.month, when.day, when.hour, when.minute, when.second]
    return dict(zip(DATE_PARTS[: when.precision + 1], parts[: when.precision + 1], strict=True))


def _finer_parts(when: When) -> list[int]:
    """The parts of a date finer than its precision, when they are not the usual 1s and 0s.

    A time converted into a zone whose offset has seconds (Amsterdam was UTC+00:19:32
    until 1937) is 00:19:32 although shown to the minute; a TimelineJS date object at
    that precision would drop the seconds.
    """
    parts = [when.month, when.day, when.hour, when.minute, when.second]
    usual = [1, 1, 0, 0, 0]
    if parts[when.precision :] == usual[when.precision :]:
        return []
    return parts[when.precision :]


def _date_stash(when: When, zone: tzinfo | None) -> dict[str, Any]:
    """What a TimelineJS date object loses about a date, or {} when nothing."""
    data: dict[str, Any] = {}
    if when.written and when.written != format_written(when):
        # (What the slide's numbers are read back as written, `read/slide_values.py`.)
        data["written"] = when.written
    if when.anchor:
        data["relative_to"] = when.anchor
    if when.rule:
        data["rule"] = when.rule
    if when.order:
        data["order"] = list(when.order)
    if when.qualifier is not Qualifier.EXACT:
        data["qualifier"] = when.qualifier.value
    expected = zone if when.precision >= Precision.HOUR else None
    if when.tz is not expected and _zone_name(when.tz, when) != _zone_name(expected, when):
        data["tz"] = _zone_name(when.tz, when)
    finer = _finer_parts(when)
    if finer:
        data["finer"] = finer
    if data:
        data["at"] = format_iso(when._replace(tz=None))
    return data


def event_html(event: Event) -> str:
    """The visible slide text: context, quotes as block quotes, a media the slide would
    not show (`media_html`), the status, the sources."""
    parts: list[str] = []
    if event.context:
        parts.append(f"<p>{escape(event.context)}</p>")
    for quote in _written_quotes(event):
        parts.append(quote_html(quote, quote.speaker or event.speaker))
    if event.media is not None:
        parts.append(media_html(event.media))
    if event.status:
        parts.append(status_html(event.status))
    for source in event.sources:
        parts.append(source_html(source))
    return "".join(parts)


def _written_quotes(event: Event) -> list[Quote]:
    """The quotes a slide shows: those with words (a block quote of none would not be read
    back as a quote, and the hidden data of the quotes after it would go astray)."""
    return [quote for quote in event.quotes if quote.text]


def when_data(when: When, zone: tzinfo | None) -> dict[str, Any]:
    """A date no slide date object holds (a quote's, an access date) as hidden data:
    its TimelineJS date object, and what that loses, as for a slide's dates."""
    return date_object(when) | _date_stash(when, zone)


def source_data(source: Source, zone: tzinfo | None) -> dict[str, Any]:
    """A source in full, as hidden data: its label and URL, and what it has of archive,
    accessed date and kind."""
    data: dict[str, Any] = {"label": source.label, "url": source.url}
    if source.archive:
        data["archive"] = source.archive
    if source.accessed is not None:
        data["accessed"] = when_data(source.accessed, zone)
    if source.kind:
        data["kind"] = source.kind
    return data


def _shows_exactly(source: Source) -> bool:
    """Whether a source paragraph gives the source back exactly by itself: a label and
    a link (or neither URL), and nothing but what the paragraph shows.

    A URL not written as a link, or a link whose label is its own URL (read back, it
    looks like a bare URL with no label), needs the hidden data.
    """
    if source.archive or source.accessed is not None or source.kind:
        return False
    return not source.url or (linkable(source.url) and source.label != source.url)


def sources_stash(sources: tuple[Source, ...], zone: tzinfo | None) -> dict[str, Any]:
    """Hidden data for the sources the paragraphs cannot give back exactly, or {}.

    One entry per source paragraph, in order: {} for one that needs nothing, else the
    whole source (so that the reader can check the paragraph still shows it).
    """
    entries = [{} if _shows_exactly(s) else source_data(s, zone) for s in sources]
    while entries and not entries[-1]:
        entries.pop()
    return {"sources": entries} if entries else {}


def quote_stash(quote: Quote, zone: tzinfo | None, event_speaker: str = "") -> dict[str, Any]:
    """Hidden data for a quote's own date, source and note, or {} when it has none;
    with the fingerprint of its words (`quote_key`), by which the reader finds its
    block quote again after quotes were added, removed or moved in TimelineJS.

    A speaker the quote gives that is its event's own is kept too: its `<cite>` shows
    the event's speaker either way, and read back alone it would say the quote gave
    none, where the file wrote one."""
    data: dict[str, Any] = {}
    if quote.speaker and quote.speaker == event_speaker:
        data["speaker"] = quote.speaker
    if quote.date is not None:
        data["date"] = when_data(quote.date, zone)
    if quote.source is not None:
        data["source"] = source_data(quote.source, zone)
    if quote.note:
        data["note"] = quote.note
    if data:
        data[QUOTE_KEY] = quote_key(quote.text)
    return data


def event_stash(event: Event, zone: tzinfo | None, *, private: bool = False) -> dict[str, Any]:
    """The fields of an event TimelineJS has no slot for; its research notes only when
    `private`."""
    data: dict[str, Any] = {"id": event.id}
    for name in ("kind", "speaker", "handle", "role", "in_reply_to"):
        value = getattr(event, name)
        if value:
            data[name] = value
    data.update(sources_stash(event.sources, zone))
    quotes = [quote_stash(quote, zone, event.speaker) for quote in _written_quotes(event)]
    while quotes and not quotes[-1]:
        quotes.pop()
    if quotes:
        data["quotes"] = quotes
    if private and event.notes:
        data["notes"] = event.notes
    data.update(media_stash(event.media))
    if event.tags:
        data["tags"] = list(event.tags)
    start = _date_stash(event.when, zone)
    if start:
        data["date"] = start
    if event.end is not None:
        end = _date_stash(event.end, zone)
        if end:
            data["end_date"] = end
    if not event.display_date and (
        derived(event.when) or (event.end is not None and derived(event.end))
    ):
        data["display_date"] = "derived"
    return data


def background_object(background: str) -> dict[str, str]:
    """A colour or an image URL as TimelineJS's background object; a colour escaped,
    as it is written into a style attribute and read back as HTML text."""
    if background_is_url(background):
        return {"url": background}
    return {"color": escape_value(background)}


#: The media's URLs, which TimelineJS follows and embeds.
_MEDIA_URLS = ("url", "thumbnail")


def media_object(media: Media) -> dict[str, str]:
    """The media object, without empty fields.

    Caption and credit are HTML to TimelineJS (it sets them as innerHTML), and alt
    text goes into an attribute: all three are escaped like the slide text, so file
    text can never become markup, and read back exactly (alt text without the spans
    that show an unseen character: they would be markup in the attribute). URLs are
    followed and embedded, not shown: one that `links.refusal` refuses
    (`javascript:alert(1)`, an embed code) or of spaces (`interchange.embedded`) is
    left out, and kept in the hidden data (`media_stash`).
    """
    url, thumbnail = embedded(media.url), embedded(media.thumbnail)
    fields = {
        "url": url,
        "caption": escape(media.caption),
        "credit": escape(media.credit),
        "thumbnail": thumbnail,
        "alt": escape_value(media.alt),
    }
    return {"url": url} | {k: v for k, v in fields.items() if v}


def media_stash(media: Media | None) -> dict[str, Any]:
    """Hidden data for the media's URLs that `media_object` left out, or {}."""
    if media is None:
        return {}
    left_out = {key: getattr(media, key) for key in _MEDIA_URLS}
    left_out = {key: url for key, url in left_out.items() if url and not embedded(url)}
    return {"media": left_out} if left_out else {}


def timeline_zone(timeline: Timeline) -> tzinfo | None:
    """The timeline's zone, or None: read as the TimelineJS reader reads the one the
    title slide keeps (tzdata's names only), so that a time is stashed with its own zone
    whenever the reader would not give it that one."""
    return zone_of(timeline.timezone, tzdata_only=True)


def event_slide(event: Event, zone: tzinfo | None, *, private: bool = False) -> dict[str, Any]:
    """One event as a TimelineJS slide (with its research notes only when `private`)."""
    slide: dict[str, Any] = {"start_date": date_object(event.when)}
    if event.end is not None:
        slide["end_date"] = date_object(event.end)
    slide["text"] = {
        "headline": escape(event.title),
        "text": event_html(event) + _stash(event_stash(event, zone, private=private)),
    }
    if event.media is not None:
        slide["media"] = media_object(event.media)
    if event.group:
        slide["group"] = escape(event.group)  # TimelineJS shows it as innerHTML
    shown = display_date(event)
    if shown:
        slide["display_date"] = escape(shown)
    if event.background:
        slide["background"] = background_object(event.background)
    slide["unique_id"] = event.id
    return slide


def title_slide(timeline: Timeline) -> dict[str, Any]:
    """The title slide: title, summary, source, media; the zone in the hidden data."""
    text = f"<p>{escape(timeline.summary)}</p>" if timeline.summary else ""
    if timeline.media is not None:
        text += media_html(timeline.media)
    sources = () if timeline.source is None else (timeline.source,)
    for source in sources:
        text += source_html(source)
    hidden = sources_stash(sources, timeline_zone(timeline)) | media_stash(timeline.media)
    if timeline.timezone:
        hidden["timezone"] = timeline.timezone
    text += _stash(hidden)
    slide: dict[str, Any] = {"text": {"headline": escape(timeline.title), "text": text}}
    if timeline.media is not None:
        slide["media"] = media_object(timeline.media)
    return slide


def era_stash(era: Era, zone: tzinfo | None) -> dict[str, Any]:
    """What an era's date objects lose about its dates (how they were written, circa,
    before, a zone...), under the keys an event's slide uses, or {} when nothing."""
    data: dict[str, Any] = {}
    start = _date_stash(era.start, zone)
    if start:
        data["date"] = start
    end = _date_stash(era.end, zone)
    if end:
        data["end_date"] = end
    return data


def era_object(era: Era, zone: tzinfo | None) -> dict[str, Any]:
    """An era as TimelineJS has them: dates and text, what the dates lose hidden after
    the text as on a slide."""
    return {
        "start_date": date_object(era.start),
        "end_date": date_object(era.end),
        "text": {
            "headline": escape(era.title),
            "text": escape(era.text) + _stash(era_stash(era, zone)),
        },
    }


def to_dict(timeline: Timeline, *, private: bool = False) -> dict[str, Any]:
    """The whole timeline as a TimelineJS JSON object; research notes only when `private`."""
    zone = timeline_zone(timeline)
    data: dict[str, Any] = {"title": title_slide(timeline)}
    data["events"] = list(event_slides(timeline.events, zone, private=private))
    if timeline.eras:
        data["eras"] = [era_object(era, zone) for era in timeline.eras]
    return data


def event_slides(
    events: Iterable[Event], zone: tzinfo | None, *, private: bool = False
) -> Iterator[dict[str, Any]]:
    """Each event's slide in turn, made when it is asked for."""
    for event in events:
        yield event_slide(event, zone, private=private)


_string = json.encoder.encode_basestring  # json's own, in C
_PLAIN = {True: "true", False: "false", None: "null"}


def _nested(value: object, depth: int) -> str:
    """A value as `json.dumps(..., ensure_ascii=False, indent=2)` writes it `depth`
    levels deep.

    Written here rather than by `json.JSONEncoder` once per slide: with an indent, the
    encoder is made of closures that refer to each other, a reference cycle for each
    call, which only the garbage collector frees; the command line pauses it for the
    whole command, and an export of 1,000,000 events held 2.6 GB of them.
    """
    out: list[str] = []
    _encode(value, "\n" + "  " * depth, out)
    return "".join(out)


def _encode(value: object, newline: str, out: list[str]) -> None:
    """Append `value` as JSON, its lines indented after `newline`."""
    if isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, dict) and all(type(key) is str for key in value):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator + _string(key) + ": ")
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif value is None or isinstance(value, bool):
        out.append(_PLAIN[value])
    elif type(value) is int:
        out.append(int.__repr__(value))
    else:  # anything else (a float), exactly as json writes it
        out.append(json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline))


def _array(key: str, items: Iterable[object], last: bool) -> Iterator[str]:
    """A member of the top-level object holding an array, an item at a time."""
    opening = f'  "{key}": ['
    for item in items:
        yield f"{opening}\n    {_nested(item, 2)}"
        opening = ","
    yield f"{opening}]" if opening != "," else "\n  ]"
    if not last:
        yield ",\n"


def chunks(
    timeline: Timeline, *, private: bool = False, events: Iterable[Event] | None = None
) -> Iterator[str]:
    """The text `dumps` gives, a slide at a time: an export holds the text, never every
    slide's dictionaries as well (6 KB for each event, a third of the time; 100,000
    events took 10.5 s and 850 MB, growing faster than the events). `events` stands
    for the timeline's own when they are read as they are written (from the cache).

    Exactly `json.dumps(to_dict(...), ensure_ascii=False, indent=2)`, with what a
    terminal acts on escaped (`escape_unsafe` changes characters one by one, so it may
    be applied a piece at a time); tests hold the two equal.
    """
    zone = timeline_zone(timeline)
    yield escape_unsafe(f'{{\n  "title": {_nested(title_slide(timeline), 1)},\n')
    slides = event_slides(timeline.events if events is None else events, zone, private=private)
    for piece in _array("events", slides, last=not timeline.eras):
        yield escape_unsafe(piece)
    if timeline.eras:
        eras = (era_object(era, zone) for era in timeline.eras)
        for piece in _array("eras", eras, last=True):
            yield escape_unsafe(piece)
    yield "\n}\n"


def dumps(timeline: Timeline, *, private: bool = False) -> str:
    """TimelineJS JSON text, ending with a newline; DEL, C1 and bidi marks as \\uXXXX.

    Research notes are left out unless `private`: a TimelineJS file is for publishing.
    """
    return "".join(chunks(timeline, private=private))
