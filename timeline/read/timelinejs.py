"""TimelineJS (Knight Lab) JSON in and out.

Reading: a TimelineJS JSON file (`title`, `events`, `eras`; slides with
`start_date`/`end_date` objects, `text`, `media`, `group`, `display_date`,
`unique_id`, `background`) becomes the model. Numbers may be strings ("2018").
A date keeps its precision: a slide with only a year and a month is July 2018.
HTML in text becomes plain text (see `timeline.read.html`), and each
`<blockquote>`, in the text or as the media URL, becomes a quote.

Writing: JSON that TimelineJS3 accepts as it is. Quotes become `<blockquote>`s in
the slide text with the speaker in `<cite>`, the source a link paragraph, and a
`display_date` is set for relative, approximate and before/after dates so readers
see "before 16 Jul 2018", and for a time with a zone ("4 Mar 2019 19:05 GMT"):
TimelineJS shows a time without one. Such a display date is marked as made, not
written, in the hidden data, and is not kept on import while it still matches.

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
(`timeline.read.csv`). Writing is `timeline.write.timelinejs`.

Reading is in layers, each a module: `json_text` reads the JSON safely, `slide_values`
checks numbers, date objects and text, `slide_hidden` reads back what a slide cannot
show, and `slides` makes each slide an event or an era, then the timeline.
"""

from __future__ import annotations

import json

from timeline.problems import LoadResult, Problem, shown, suggest
from timeline.read.json_text import read_json, slide_lines, text_position
from timeline.read.slide_values import RawSlide, json_shown
from timeline.read.slides import Builder

#: The top-level keys of this program's own JSON export (`timeline.write.json`; a test
#: holds them equal), and those of them TimelineJS never has: a file with some of
#: these and nothing else is that export, whose events read as slides gave an unknown
#: field and an error for every one of them.
OUR_EXPORT_KEYS = frozenset({"title", "summary", "timezone", "source", "media", "eras", "events"})
_OURS_ONLY = frozenset({"summary", "timezone", "source", "media"})

#: What is said of such a file, once.
OUR_EXPORT = (
    "this is timeline's own JSON export (`timeline export --to json`), not TimelineJS "
    "JSON: it is made for scripts, with dates resolved rather than as the file wrote "
    "them, so it is not read back. Open or import the TOML file it was exported from; "
    "to read a timeline back from JSON, export that file with `--to timelinejs`"
)


#: TimelineJS 2 (2012-2015) kept everything in one object under "timeline": its own
#: headline and text, its slides in "date" and its eras in "era", each dated
#: "startDate": "1963,8,9". Knight Lab's converter from it (TimelineJS3's
#: util/convert_json.py) wrote version 3 slides under "timeline" as "slides", the
#: timeline's own headline first. Neither is read: both are said, with what to write.
TIMELINEJS2 = (
    "this is TimelineJS 2's JSON (slides in 'timeline.date'), which timeline does not "
    'read; TimelineJS 3\'s is {"title": {...}, "events": [...]}: each slide\'s '
    '"headline" and "text" go in "text": {"headline": ..., "text": ...}, its "asset" '
    'becomes "media": {"url": ..., "caption": ..., "credit": ...}, and "startDate": '
    '"1963,8,9" becomes "start_date": {"year": 1963, "month": 8, "day": 9}; or write '
    "the events in TOML (docs/format.md)"
)
CONVERTED = (
    "the slides are under 'timeline' as 'slides' (the draft layout of Knight Lab's "
    "converter from TimelineJS 2), which timeline does not read; TimelineJS 3's is "
    '{"title": {...}, "events": [...]}: move the slides to "events" at the top level, '
    'and the first one to "title" if it is the timeline\'s own headline, not an event'
)


def _older_format(data: dict[str, object]) -> str | None:
    """What to say of a file in an older TimelineJS layout, or None."""
    inner = data.get("timeline")
    if "events" in data or not isinstance(inner, dict):
        return None
    if isinstance(inner.get("date"), list):
        return TIMELINEJS2
    if isinstance(inner.get("slides"), list):
        return CONVERTED
    return None


def loads(text: str, name: str = "<text>") -> LoadResult:
    """Read TimelineJS JSON text; `name` is used in problem locations."""
    try:
        data, fault = read_json(text)
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
        line, column = text_position(text, fault.offset) if fault.offset is not None else (0, 0)
        problem = Problem("error", f"the JSON {fault.message}", name, line, column)
        return LoadResult(None, [problem])
    builder = Builder(name)
    if not isinstance(data, dict):
        builder.add(
            "error",
            f'a TimelineJS file is a JSON object {{"title": ..., "events": [...]}}, found {json_shown(data)[:20]}',
            None,
        )
        return LoadResult(None, builder.problems)
    if data.keys() <= OUR_EXPORT_KEYS and data.keys() & _OURS_ONLY:
        return LoadResult(None, [Problem("error", OUR_EXPORT, name)])
    older = _older_format(data)
    if older is not None:
        return LoadResult(None, [Problem("error", older, name)])
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
    lines = slide_lines(text)
    event_lines = lines.get("events", [])
    slides: list[RawSlide] = []
    for n, slide in enumerate(events, start=1):
        line = event_lines[n - 1] if n <= len(event_lines) else 0
        if not isinstance(slide, dict):
            builder.add(
                "error",
                f"slide {n} must be an object, found {json_shown(slide)}",
                RawSlide({}, line=line),
            )
            continue
        slides.append(RawSlide(slide, "event", f"slide {n}", line))
    eras: list[RawSlide] = []
    raw_eras = data.get("eras") or []
    if not isinstance(raw_eras, list):
        builder.add(
            "error", f"'eras' must be a list, found {json_shown(raw_eras)}", None, key="eras"
        )
        raw_eras = []
    era_lines = lines.get("eras", [])
    for n, era in enumerate(raw_eras, start=1):
        line = era_lines[n - 1] if n <= len(era_lines) else 0
        if not isinstance(era, dict):
            builder.add(
                "error",
                f"era {n} must be an object, found {json_shown(era)}",
                RawSlide({}, line=line),
            )
            continue
        eras.append(RawSlide(era, "era", f"era {n}", line))
    title = data.get("title")
    title_raw = None
    if isinstance(title, dict):
        title_raw = RawSlide(title, "title", "title slide", (lines.get("title") or [0])[0])
    elif title is not None:
        builder.add("error", f"'title' must be a slide object, found {json_shown(title)}", None)
    return builder.timeline(title_raw, slides, eras)
