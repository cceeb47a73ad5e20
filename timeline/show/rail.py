"""The rail's rows as text, without Textual: which rows there are (year and month
headings, gaps, eras, events), each event's date as the rail writes it, the widths of
its columns, and where the events are among the rows. The widget
(timeline/ui/widgets/rail.py) styles and draws them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import chain, compress, islice
from operator import attrgetter, is_not
from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text

from timeline.dates import MONTHS, format_short, format_year, has_gap, weekday_of
from timeline.dates.show import (
    QUALIFIER_SUFFIX,
    format_medium,
    listed_under,
    short_zone_name,
    zone_name,
)
from timeline.model import Era, Event, Precision, Qualifier, When
from timeline.query.eras import Place, era_place
from timeline.store import Stored, fields_of, whens_of
from timeline.text import ROW_LIMIT, one_line, steady_width

# Row kinds, stored in a bytearray: a row list for 100,000 events stays a few MB.
YEAR, MONTH, GAP, EVENT, ERA = 0, 1, 2, 3, 4
_EVENT_ROW = bytes([EVENT])
_TZ = attrgetter("tz")
#: The kinds of row above an event that belong with it (shown when it scrolls into view).
HEADINGS = (YEAR, MONTH, ERA)

GLYPHS: dict[str, str] = {
    "tweet": "◆", "post": "◆", "toot": "◆",
    "letter": "■", "email": "■", "memo": "■",
    "statement": "●", "interview": "●", "speech": "●", "quote": "●",
    "photo": "▣", "video": "▣", "image": "▣",
    "article": "▤", "report": "▤", "press": "▤",
    "pledge": "◈", "donation": "◈", "donation offer": "◈", "offer": "◈",
    "protest": "▲", "rally": "▲", "meeting": "▲",
    "petition": "✚", "request": "✚", "demand": "✚", "refusal": "✖", "decision": "◼",
}  # fmt: skip
DEFAULT_GLYPH = "○"
BEFORE, MONTH_PRECISION = Qualifier.BEFORE, Precision.MONTH
_MARKS = {Qualifier.EXACT: "", Qualifier.CIRCA: "c. ", Qualifier.UNCERTAIN: "", Qualifier.BEFORE: "before ", Qualifier.AFTER: "after "}  # fmt: skip
#: The most a range's date takes before its shorter forms are tried ("Mon 16–Thu 19").
DATE_WIDTH = 14
#: The widest the date column grows for dates with no shorter form ("before Fri 14 09:30",
#: a `display_date`); wider ones end in "…".
DATE_LIMIT = 24
#: The widest the speaker column grows.
SPEAKER_WIDTH = 16
#: The title's room before the speaker column takes any: on a narrow rail the speaker
#: column shrinks, and below SPEAKER_LEAST it is left out (the detail pane names them).
TITLE_ROOM = 36
SPEAKER_LEAST = 8
#: Around the selection, this many events are measured for the columns' widths when
#: the events are set: all of them in most timelines. Rows drawn later widen a column
#: if they need it, so the cost does not grow with a large file.
MEASURED = 2_000


def glyph_for(kind: str) -> str:
    """The rail marker for a kind of event; free-text kinds fall back to a circle."""
    return GLYPHS.get(kind.strip().lower(), DEFAULT_GLYPH)


#: Dates looked at a time by `several_zones` between calls of its `between`.
ZONES_SLICE = 20_000


def several_zones(events: Sequence[Event], between: Callable[[], None] | None = None) -> bool:
    """Whether the events' times are in more than one zone (a file with no zone of its
    own and times written with offsets, or files of other zones merged): the rail then
    shows each time's zone, or 10:00 CDT and 16:00 CEST read as six hours apart.

    A pass over every date, `ZONES_SLICE` at a time, calling `between` after each (the
    viewer's worker hands the interpreter back there: 90 ms at 1,000,000 events held a
    key press)."""
    zones: set[object] = set()
    dates = iter(fields_of(events, "when"))
    while part := list(islice(dates, ZONES_SLICE)):
        zones.update(map(_TZ, part))
        zones.discard(None)
        if len(zones) > 1:
            return True
        if between is not None:
            between()
    return False


def rail_date(event: Event, zoned: bool = False) -> str:
    """The date as the rail shows it, under year and month headings.

    A range shows its end with the month and year when they differ from the start's
    (the headings give only the start's): the most detailed form that fits the date
    column, never one without the end's year. An end on the start's day shows its time
    alone ("Mon 16 14:00–16:00").
    """
    return rail_dates(event, zoned)[0]


def rail_dates(event: Event, zoned: bool = False) -> list[str]:
    """`rail_date`, then its shorter forms, each as exact: what a date column narrower
    than the first is given, the first that fits (`fit_date`), before any is cut.

    With `zoned` (the timeline's times are in several zones: `several_zones`), a time
    is followed by its zone ("Thu 19 10:00 CDT", "Thu 19 09:30 UTC+01:00")."""
    if event.display_date:
        return [steady_width(one_line(event.display_date, ROW_LIMIT))]
    when, end = event.when, event.end
    if zoned and when.tz is not None and when.precision >= Precision.HOUR:
        return _zoned_dates(when, end)
    first = _marked(when, _start_text(when))
    if end is None or end.key == when.key:
        # Without its weekday before it is cut: "before Tue 16 09…" hid the time.
        return list(dict.fromkeys([first, _marked(when, _no_weekday(when, _start_text(when)))]))
    if when[:7] == end[:7]:  # an open end or start ("2018-07-16/..", "../2018-07-16")
        if end.qualifier is Qualifier.AFTER:
            return [f"{first}–…"]
        if when.qualifier is Qualifier.BEFORE:
            return [f"…–{_marked(end, format_short(end))}"]
    if (when.precision, end.precision) == (Precision.MONTH, Precision.MONTH) and (
        end.year == when.year
    ):
        # "Mar–Jul 2022", as people write it: it read "Mar 2022–Jul".
        start = _marked(when, MONTHS[when.month - 1][:3])
        return [f"{start}–{_marked(end, format_short(end))}"]
    starts = [first]
    if end.year != when.year and _year_before_end(when, end):
        # Shorter starts: without the weekday, or without the year the heading gives,
        # only where the reader takes the start to fall in the year before the end's:
        # "Nov–Feb 2019" is November 2018, but "Mar–Feb 2019" of March 2017 and "1
        # Mar–Jul 2019" of 1 March 2018 read as a year later (found trying the viewer).
        month = MONTHS[when.month - 1][:3]
        if when.precision >= Precision.DAY:
            starts.append(_marked(when, f"{when.day} {month}"))
        elif when.precision is Precision.MONTH:
            starts.append(_marked(when, month))
    texts = [f"{start}–{_marked(end, tail)}" for tail in _end_forms(when, end) for start in starts]
    forms = texts[next((i for i, text in enumerate(texts) if cell_len(text) <= DATE_WIDTH), -1) :]
    if end.year == when.year:
        # One form; shorter ones without the weekdays, which the day and the month
        # heading say as much as: the end's first ("c. Mon 16–c. 19", "c. 16–c. 19").
        tail = _marked(end, _no_weekday(end, _end_forms(when, end)[-1]))
        forms.append(f"{first}–{tail}")
        forms.append(f"{_marked(when, _no_weekday(when, _start_text(when)))}–{tail}")
    return list(dict.fromkeys(forms))  # each once, in order


def _year_before_end(start: When, end: When) -> bool:
    """Whether "30 Dec–2 Jan 2019" reads as it is: the start in the year before the
    end's, and later in its year than the end is in the end's."""
    if end.year != start.year + 1 or start.precision < Precision.MONTH:
        return False
    if start.precision is Precision.MONTH or end.precision is Precision.MONTH:
        return start.month > end.month
    return (start.month, start.day) > (end.month, end.day)


def _zoned_dates(when: When, end: When | None) -> list[str]:
    """A time and its zone, with its end, then without the weekday, then with an
    offset in fewer cells ("UTC+1"): never without the zone, which says how it stands
    against the others, nor with it cut ("UTC+0…")."""
    zone, short = zone_name(when), short_zone_name(when)
    day = _no_weekday(when, _start_text(when))
    texts = [f"{_start_text(when)} {zone}", f"{day} {zone}"]
    if short != zone:
        texts.append(f"{day} {short}")
    starts = [_marked(when, text) for text in texts]
    if end is None or end.key == when.key:
        return starts
    tail = format_medium(end)  # with its year and, for a time, its zone
    return [f"{start}–{_marked(end, tail)}" for start in starts]


def fit_date(forms: Sequence[str], width: int) -> str:
    """The first of a date's `forms` (`rail_dates`) that fits `width` cells; when none
    does, the shortest cut, so that its start stays whole as long as it can."""
    for text in forms:
        if cell_len(text) <= width:
            return text
    return truncate(min(forms, key=cell_len), width)


def _no_weekday(when: When, text: str) -> str:
    """`text` without the weekday it starts with: "Thu 19 16:00" -> "19 16:00"."""
    name = weekday_of(when)[:3]
    if name and text.startswith(f"{name} "):
        return text[len(name) + 1 :].lstrip()
    return text


def _start_text(when: When) -> str:
    """The start as `format_short` gives it, with its month (and year) when it is listed
    under another heading ("before 1 Jul" under June)."""
    if when.qualifier is not Qualifier.BEFORE or when.precision < Precision.DAY:
        return format_short(when)
    year, month = listed_under(when)
    if (year, month) == (when.year, when.month):
        return format_short(when)
    text = f"{when.day} {MONTHS[when.month - 1][:3]}"
    if year != when.year:
        text += f" {format_year(when.year)}"
    if when.precision >= Precision.HOUR:
        text += f" {when.hour:02d}:{when.minute:02d}"
    return text


def _marked(when: When, text: str) -> str:
    return _MARKS[when.qualifier] + text + QUALIFIER_SUFFIX.get(when.qualifier, "")


def _end_forms(start: When, end: When) -> list[str]:
    """A range's end after its start, from the most detailed form to the shortest."""
    month = MONTHS[end.month - 1][:3]
    if end.year != start.year:
        year = format_year(end.year)
        forms = [f"{end.day} {month} {year}"] if end.precision >= Precision.DAY else []
        if end.precision >= Precision.MONTH:
            forms.append(f"{month} {year}")
        return [*forms, year]
    if end.precision < Precision.DAY or start.precision < Precision.DAY:
        return [format_short(end) if end.precision < Precision.MONTH else month]
    if end[:3] == start[:3] and end.precision > Precision.DAY:
        # The same day: its time alone ("Mon 16 14:00–16:00"); with the day again the
        # end was cut at any width ("Mon 16 14:00–Mon 16 1…").
        day = format_short(end._replace(precision=Precision.DAY))
        return [format_short(end)[len(day) :].lstrip()]
    if end.month == start.month:
        return [format_short(end)]
    return [f"{end.day} {month}"]


#: The era band beside an event: where it surely lies in an era, where it only partly
#: or perhaps does (`era_place`), and where it lies in none.
BAND, BAND_UNSURE, NO_BAND = "▎", "╎", " "


def band_mark(eras: Sequence[Era], event: Event) -> str:
    """The era band's mark beside an event: whole where it surely lies in an era,
    broken where it only may or only partly does, none where it lies in none."""
    mark = NO_BAND
    for era in eras:
        place = era_place(era, event)
        if place is Place.IN:
            return BAND
        if place is not Place.OUT:
            mark = BAND_UNSURE
    return mark


def shown_speaker(speaker: str) -> str:
    """A speaker as the rail names them: on one line, in steady-width characters."""
    return steady_width(one_line(speaker, ROW_LIMIT))


def columns(width: int, dates: int, speakers: int, statuses: bool) -> tuple[int, int, int]:
    """The date, speaker and title columns' widths on a rail `width` cells wide, for
    dates and speakers as wide as `dates` and `speakers` (0: none has a speaker).

    The date column is as wide as the widest date (up to `DATE_LIMIT`, and a third of
    the row); the title gets `TITLE_ROOM` before the speaker column takes any, and the
    rest of the row after it. A date column wider than `DATE_WIDTH` gives way to the
    speakers' `SPEAKER_LEAST` cells where that keeps them: one long display date
    ("Sunday evening, 8 July 2018") took the speakers off every row at 120 columns; it
    is cut a few cells sooner instead (the detail pane gives it whole), and every date
    with a shorter form still has it (`fit_date`).
    """
    # Two cells for the era band, the marker and a blank; a status mark; a blank after
    # the date and one at the end of the row.
    room = width - 4 - statuses - 2
    date = max(0, min(dates, DATE_LIMIT, room // 3))
    if speakers:
        # What the date may take with the title's room and the least speaker column.
        beside = room - TITLE_ROOM - 2 - min(SPEAKER_LEAST, speakers)
        if min(date, DATE_WIDTH) <= beside < date:
            date = beside
    room -= date
    speaker = min(speakers, SPEAKER_WIDTH, room - TITLE_ROOM - 2)
    if speaker < min(SPEAKER_LEAST, speakers):
        speaker = 0
    title = room - (speaker + 2 if speaker else 0)
    return date, speaker, max(0, title)


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` cells, ending in "…" when it is cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = Text(text)
    out.truncate(width, overflow="ellipsis")
    return out.plain


class Rows(NamedTuple):
    """The rail's rows: what each row is, what it refers to, and each event's row.

    Attributes:
        kinds: Each row's kind (YEAR, MONTH, GAP, EVENT, ERA).
        refs: Each row's event, as a position among those shown (the first event of
            its year or month, the event after a gap); for an ERA row, its era's index.
        row_of: The row of the event at each position.
    """

    kinds: bytearray
    refs: array[int]
    row_of: array[int]


def lay_out(events: Sequence[Event], shown: Sequence[int], eras: Sequence[Era]) -> Rows:
    """The rows of `events[i] for i in shown`: a year heading where the year changes, a
    month heading where the month does, a gap where time passes, an era where one
    begins, and a row for each event."""
    # Runs over every shown event on load, reload and filter changes: kept lean. Events
    # in a row with equal dates need no heading, gap or era between them, so only
    # where the date changes is looked at (found in C), and the events' rows between
    # two headings are written at once: at 1,000,000 events a loop over each event
    # took 0.6 s, this 0.25 s. A change is looked for by identity: equal dates are one
    # object as the readers and the cache make them (145,161 changes against 144,926
    # among 444,532 events; 17 ms against 57 ms), and a change to an equal date adds
    # nothing below, only a turn of the loop.
    kinds, refs, row_of = bytearray(), array("i"), array("i")
    whens = whens_of(events, shown)
    count = len(whens)
    changes = compress(range(1, count), map(is_not, whens, islice(whens, 1, None)))
    previous: When | None = None
    day: tuple[int, ...] = ()
    year: int | None = None  # no heading yet (any int could be a year)
    month = -1
    pending_eras = sorted(range(len(eras)), key=lambda i: eras[i].start.key)
    written = 0  # the events before this one have their rows

    def heading(kind: int, ref: int, position: int) -> None:
        nonlocal written
        if written < position:  # the events since the last heading first
            row_of.extend(range(len(kinds), len(kinds) + position - written))
            kinds.extend(_EVENT_ROW * (position - written))
            refs.extend(range(written, position))
            written = position
        kinds.append(kind)
        refs.append(ref)

    for position in chain((0,) if count else (), changes):
        when = whens[position]
        # A gap needs another day (a date's first three fields equal: never one).
        if when[:3] != day and previous is not None and has_gap(previous, when):
            heading(GAP, position, position)
        while pending_eras and eras[pending_eras[0]].start.key <= when.key:
            era = pending_eras.pop(0)
            if eras[era].contains(when):
                heading(ERA, era, position)
        if when.qualifier is BEFORE:
            shown_year, shown_month = listed_under(when)
        else:  # the common case, inline
            shown_year = when.year
            shown_month = when.month if when.precision >= MONTH_PRECISION else -1
        if shown_year != year:
            heading(YEAR, position, position)
            year, month = shown_year, -1
        if shown_month >= 0 and shown_month != month:
            heading(MONTH, position, position)
            month = shown_month
        previous, day = when, when[:3]
    heading_rows = len(kinds)
    row_of.extend(range(heading_rows, heading_rows + count - written))
    kinds.extend(_EVENT_ROW * (count - written))
    refs.extend(range(written, count))
    return Rows(kinds, refs, row_of)


def measure(
    events: Sequence[Event], shown: Sequence[int], cursor: int, count: int
) -> tuple[int, int]:
    """The widest date and speaker among `count` shown events around position `cursor`.

    Of a stored timeline (`store.Stored`), only those of them within `count // 2`
    events of the selected one in the whole timeline: each slice of events they fall
    in is made, and a filter that keeps events far apart (a date filter keeps every
    "after" that may fall within it) reached 175 slices at 1,000,000 events, 1.4 s on
    the viewer's thread at each filter. A column still widens for a wider row drawn.
    """
    low = max(0, min(cursor, len(shown)) - count // 2)
    positions = shown[low : low + count]
    if isinstance(events, Stored) and positions:
        selected = shown[max(0, min(cursor, len(shown) - 1))]
        positions = positions[
            bisect_left(positions, selected - count // 2) : bisect_right(
                positions, selected + count // 2
            )
        ]
    nearby = [events[i] for i in positions]
    dates = max(map(cell_len, map(rail_date, nearby)), default=0)
    # Speakers repeat: each is cleaned and measured once.
    speakers = {event.speaker for event in nearby}
    speakers.discard("")
    return dates, max(map(cell_len, map(shown_speaker, speakers)), default=0)


def heading_top(kinds: bytearray, row: int) -> int:
    """The first of the headings right above `row` (`row` itself when there are none):
    an event scrolled into view brings the year and month it starts with."""
    top = row
    while top > 0 and kinds[top - 1] in HEADINGS:
        top -= 1
    return top


def visible_positions(row_of: array[int], top: int, height: int) -> tuple[int, int]:
    """Positions of the first and last events on rows `top` to `top + height - 1`;
    (0, -1) when there is no event."""
    first = bisect_left(row_of, top)
    last = bisect_right(row_of, top + max(0, height - 1)) - 1
    count = len(row_of)
    if not count:
        return 0, -1
    return min(first, count - 1), max(0, min(last, count - 1))


def position_near_row(row_of: array[int], row: int) -> int:
    """The position of the event on `row`, or of the first one below it (the last one
    when there is none)."""
    i = bisect_left(row_of, row)
    return max(0, min(i, len(row_of) - 1))
