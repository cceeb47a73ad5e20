"""Hypothesis strategies for whole timeline files: any text in any field, every date form.

(Any text a field may hold: the texts that name something, a speaker, a tag, a quote's
words, are never blank, or the file would not load; an optional one may be "".)

A strategy draws the TOML text of a file, not model values: the TOML reader is what
decides what a valid timeline is (how a date was written, its zone, its qualifier,
relative dates resolved against their anchors), so a file it loads without errors
is a timeline users can have. Shared by the round-trip and fuzz tests.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from timeline.dates.calendar import MONTHS
from timeline.model import STATUSES
from timeline.write.toml import string as toml_string

#: Zones with today's offsets, half-hour offsets, and historic offsets with seconds
#: (Amsterdam was UTC+00:19:32 until 1937, Monrovia UTC-00:44:30 until 1972).
ZONES = ("", "America/Chicago", "Europe/Paris", "Asia/Kolkata", "Europe/Amsterdam", "UTC")
HISTORIC_ZONES = ("Europe/Amsterdam", "Africa/Monrovia")
ABBREVIATIONS = ("UTC", "GMT", "CDT", "CST", "EDT", "PST", "IST", "JST", "CEST", "BST")

TEXT = st.text()
NONBLANK = st.text().filter(str.strip)
#: A text that names something (`Field.nonblank`): words, or "" for none.
LABEL = st.one_of(st.just(""), NONBLANK)
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
# Years where zones have history and dateutil reads every form.
MODERN_DAYS = st.dates(min_value=date(1850, 1, 1), max_value=date(2100, 12, 31))


def _iso_year(year: int) -> str:
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


@st.composite
def toml_dates(draw: st.DrawFn) -> str:
    """A TOML date or date-time literal, as the file writes it."""
    day = draw(DAYS)
    if draw(st.booleans()):
        return day.isoformat()
    moment = datetime(
        day.year,
        day.month,
        day.day,
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.sampled_from([0, 0, 30, 59])),
    )
    text = moment.isoformat()
    if draw(st.integers(0, 5)) == 0:
        text += draw(st.sampled_from([".250", ".5", ".000001"]))  # kept as written only
    offset = draw(st.sampled_from(["", "", "Z", "+02:00", "-05:00", "+05:30"]))
    if offset and not 2 <= day.year <= 9998:
        offset = ""  # an offset near the calendar's ends can cross it
    return text + offset


@st.composite
def iso_strings(draw: st.DrawFn) -> str:
    """An ISO date string at any precision, BCE included."""
    precision = draw(st.integers(0, 5))
    if precision <= 1:
        year = draw(st.integers(-9999, 9999))
        text = _iso_year(year)
        return text if precision == 0 else f"{text}-{draw(st.integers(1, 12)):02d}"
    if precision == 2 and draw(st.booleans()):
        year = draw(st.integers(-9999, -1))
        month = draw(st.integers(1, 12))
        return f"-{-year}-{month:02d}-{draw(st.integers(1, 28)):02d}"
    day = draw(DAYS)
    text = day.isoformat()
    if precision == 2:
        return text
    text += f"T{draw(st.integers(0, 23)):02d}"
    if precision >= 4:
        text += f":{draw(st.integers(0, 59)):02d}"
    if precision == 5:
        text += f":{draw(st.integers(0, 59)):02d}"
    if precision >= 4 and 2 <= day.year <= 9998:
        text += draw(st.sampled_from(["", "Z", "+01:00", "-03:30"]))
    return text


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    """A date written as people write it: "July 8, 2018", "8 Jul 1976 2:05 pm CDT"."""
    day = draw(MODERN_DAYS)
    month = MONTHS[day.month - 1]
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"{month} {day.day}, {day.year}"
    if form == 1:
        return f"{month} {day.year}"
    if form == 2:
        return f"{day.day} {month[:3]} {day.year}"
    hour = draw(st.integers(1, 12))
    minute = draw(st.integers(0, 59))
    period = draw(st.sampled_from(["am", "pm"]))
    zone = draw(st.sampled_from(ABBREVIATIONS))
    return f"{day.day} {month[:3]} {day.year} {hour}:{minute:02d} {period} {zone}"


@st.composite
def absolute_dates(draw: st.DrawFn) -> tuple[str, bool]:
    """The TOML value of an absolute date, and whether to add `circa = true`."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        value = draw(toml_dates())
    elif kind == 1:
        value = str(draw(st.integers(-999_999, 999_999)))
    elif kind == 2:
        value = toml_string(draw(iso_strings()))
    elif kind == 3:
        value = toml_string(draw(written_dates()))
    else:
        word = draw(st.sampled_from(["circa", "c.", "~", "before", "after", "by", "about"]))
        inner = draw(st.one_of(iso_strings(), written_dates()))
        value = toml_string(f"{word} {inner}")
    return value, draw(st.booleans()) and draw(st.booleans())


RELATIVE_FORMS = (
    "Monday",
    "next Friday",
    "last Sunday",
    "3 days before",
    "two weeks after",
    "the day after",
    "a month later",
    "1 year earlier",
    "same day",
    "before",
    "after",
    "shortly before",
)


@st.composite
def medias(draw: st.DrawFn) -> str:
    """A media table naming a picture (`MEDIA.named_by`: a url or a caption, not
    empty), with any of the other keys."""
    naming = draw(st.sampled_from(("url", "caption")))
    keys = ("url", "caption", "credit", "thumbnail", "alt")
    present = draw(st.lists(st.sampled_from(keys), unique=True))
    texts = {key: draw(TEXT) for key in present} | {naming: draw(st.text(min_size=1))}
    body = ", ".join(f"{key} = {toml_string(text)}" for key, text in texts.items())
    return "{ " + body + " }"


#: Relative forms a quote's date may take (counted from its own event; not bounds).
QUOTE_RELATIVE_FORMS = tuple(
    f for f in RELATIVE_FORMS if f not in ("before", "after", "shortly before")
)
SOURCE_KINDS = ("primary", "secondary")


def source_keys(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A source's keys and TOML values: label and URL, and at times an archive, an
    access date (any absolute date form) and a kind."""
    label, url = draw(LABEL), draw(st.one_of(LABEL, st.just("https://example.org/story")))
    pairs = [("label", toml_string(label)), ("url", toml_string(url))]
    if draw(st.booleans()):
        archive = draw(st.one_of(LABEL, st.just("sources/3f2a.html")))
        pairs.append(("archive", toml_string(archive)))
    if draw(st.booleans()):
        pairs.append(("accessed", draw(absolute_dates())[0]))
    if draw(st.booleans()):
        pairs.append(("kind", toml_string(draw(st.one_of(st.sampled_from(SOURCE_KINDS), LABEL)))))
    return pairs


@st.composite
def sources(draw: st.DrawFn) -> str:
    """A source as one TOML value: a URL string, or an inline table."""
    if draw(st.booleans()):
        url = draw(st.sampled_from(["https://example.org/a?b=1&c=<2>", "http://x.org", ""]))
        return toml_string(url or draw(NONBLANK))
    pairs = source_keys(draw)
    return "{ " + ", ".join(f"{key} = {value}" for key, value in pairs) + " }"


@st.composite
def source_tables(draw: st.DrawFn) -> str:
    """One `[[events.sources]]` table."""
    return "\n".join(["", "[[events.sources]]", *(f"{k} = {v}" for k, v in source_keys(draw))])


@st.composite
def quotes(draw: st.DrawFn, event_speaker: str = "") -> str:
    """One `[[events.quotes]]` table: its text, and at times a speaker (now and then its
    event's, written out), a date of its own (relative to its event or absolute), a
    source of its own and a note."""
    lines = ["", "[[events.quotes]]", f"text = {toml_string(draw(NONBLANK))}"]
    if draw(st.booleans()):
        speakers = st.one_of(LABEL, st.just(event_speaker)) if event_speaker else LABEL
        lines.append(f"speaker = {toml_string(draw(speakers))}")
    dated = draw(st.booleans())
    if dated:
        if draw(st.booleans()):
            date = toml_string(draw(st.sampled_from(QUOTE_RELATIVE_FORMS)))
        else:
            date = draw(absolute_dates())[0]
        lines.append(f"date = {date}")
    # With or without a date: the quick way (no date) and the checked way both read it.
    if draw(st.booleans()):
        lines.append(f"source = {draw(sources())}")
    if draw(st.booleans()):
        lines.append(f"note = {toml_string(draw(TEXT))}")
    return "\n".join(lines)


@st.composite
def events(draw: st.DrawFn, index: int, ids: list[str]) -> str:
    """One `[[events]]` table; relative dates count from an earlier event in `ids`."""
    ident = draw(st.one_of(NONBLANK, st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)))
    ident = ident.strip() if ident.strip() not in ids else f"{ident.strip()}-{index}"
    ids.append(ident)
    lines = ["[[events]]", f"id = {toml_string(ident)}"]
    if ids[:-1] and draw(st.integers(0, 3)) == 0:
        form = draw(st.sampled_from(RELATIVE_FORMS))
        lines += [f"date = {toml_string(form)}", f"relative_to = {toml_string(ids[-2])}"]
        if draw(st.booleans()) and draw(st.booleans()):
            lines.append("circa = true")
    else:
        value, circa = draw(absolute_dates())
        lines.append(f"date = {value}")
        if circa:
            lines.append("circa = true")
        if draw(st.integers(0, 4)) == 0:
            end, _ = draw(absolute_dates())
            lines.append(f"end_date = {end}")
    lines.append(f"title = {toml_string(draw(NONBLANK))}")
    speaker = ""
    for key in ("display_date", "kind", "speaker", "handle", "role", "group"):
        if draw(st.booleans()):
            value = draw(LABEL)
            speaker = value if key == "speaker" else speaker
            lines.append(f"{key} = {toml_string(value)}")
    if draw(st.booleans()):
        lines.append(f"context = {toml_string(draw(TEXT))}")
    if draw(st.booleans()):
        tags = draw(st.lists(NONBLANK))
        lines.append("tags = [" + ", ".join(toml_string(t) for t in tags) + "]")
    if draw(st.booleans()):
        lines.append(f"source = {draw(sources())}")
    if draw(st.booleans()):
        lines.append(f"status = {toml_string(draw(st.sampled_from(STATUSES)))}")
    if draw(st.booleans()):
        lines.append(f"notes = {toml_string(draw(TEXT))}")
    if ids[:-1] and draw(st.integers(0, 3)) == 0:
        lines.append(f"in_reply_to = {toml_string(draw(st.sampled_from(ids[:-1])))}")
    if draw(st.booleans()):
        lines.append(f"media = {draw(medias())}")
    if draw(st.integers(0, 3)) == 0:
        background = draw(st.one_of(TEXT, st.just("#ff0000"), st.just("https://x.org/b.png")))
        lines.append(f"background = {toml_string(background)}")
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(source_tables()))
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(quotes(speaker)))
    return "\n".join(lines)


@st.composite
def era_dates(draw: st.DrawFn, day: date, iso_end: int) -> str:
    """An era's start or end on `day` as a TOML value: ISO (cut at `iso_end`), written
    as people write it, at the minute (in the timeline's zone or with an offset), or
    behind circa, before, after or with "?"."""
    form = draw(st.integers(0, 4))
    if form == 0:
        text = day.isoformat()[:iso_end]
    elif form == 1:
        text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    elif form == 2:
        text = f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
        text += draw(st.sampled_from(["", "Z", "+02:00"]))
    elif form == 3:
        word = draw(st.sampled_from(["circa", "c.", "~", "before", "after"]))
        text = f"{word} {day.isoformat()[:iso_end]}"
    else:
        text = f"{day.isoformat()[:iso_end]}?"
    return toml_string(text)


@st.composite
def eras(draw: st.DrawFn) -> str:
    start = draw(MODERN_DAYS)
    end = start + timedelta(days=draw(st.integers(0, 5000)))
    lines = [
        "[[eras]]",
        f"title = {toml_string(draw(LABEL))}",
        f"start = {draw(era_dates(start, draw(st.sampled_from([4, 7, 10]))))}",
        f"end = {draw(era_dates(end, 10))}",
    ]
    if draw(st.booleans()):
        lines.append(f"text = {toml_string(draw(TEXT))}")
    return "\n".join(lines)


@st.composite
def timeline_files(draw: st.DrawFn, max_events: int = 4) -> str:
    """The TOML text of a whole timeline file (which may still fail to load)."""
    head = ["[timeline]", f"title = {toml_string(draw(NONBLANK))}"]
    if draw(st.booleans()):
        head.append(f"summary = {toml_string(draw(TEXT))}")
    zone = draw(st.sampled_from(ZONES + HISTORIC_ZONES))
    if zone:
        head.append(f"timezone = {toml_string(zone)}")
    if draw(st.booleans()):
        head.append(f"source = {draw(sources())}")
    if draw(st.booleans()):
        head.append(f"media = {draw(medias())}")
    blocks = ["\n".join(head)]
    blocks += [draw(eras()) for _ in range(draw(st.integers(0, 2)))]
    ids: list[str] = []
    for index in range(draw(st.integers(1, max_events))):
        blocks.append(draw(events(index, ids)))
    return "\n\n".join(blocks) + "\n"


def utc_offset_text(offset: timedelta | None) -> str:
    """An offset as +HH:MM[:SS], for comparing zones by what they do, not what they are."""
    if offset is None:
        return ""
    return str(timezone(offset))
