"""The timeline rail: one row per event on a vertical line, with headings and gaps.

Only the rows on screen are drawn (Textual's Line API on a ScrollView), rendered
rows are cached, and moving the cursor repaints just the old and new rows, so the
cost of a key press does not grow with the file.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from operator import attrgetter

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline.dates import MONTHS, format_gap, format_medium, format_short, format_year, has_gap
from timeline.dates.show import QUALIFIER_SUFFIX, listed_under
from timeline.model import STATUS_MARKS, Era, Event, Precision, Qualifier, When
from timeline.text import ROW_LIMIT, one_line, steady_width
from timeline.ui.widgets.lines import draw
from timeline.ui.widgets.styles import ComponentStyles

# Row kinds, stored in a bytearray: a row list for 100,000 events stays a few MB.
YEAR, MONTH, GAP, EVENT, ERA = 0, 1, 2, 3, 4

GLYPHS: dict[str, str] = {
    "tweet": "◆", "post": "◆", "toot": "◆",
    "letter": "■", "email": "■", "memo": "■",
    "statement": "●", "interview": "●", "speech": "●", "quote": "●",
    "photo": "▣", "video": "▣", "image": "▣",
    "article": "▤", "report": "▤", "press": "▤",
    "pledge": "◈", "donation": "◈", "donation offer": "◈", "offer": "◈",
    "protest": "▲", "rally": "▲", "meeting": "▲",
    "petition": "✚", "refusal": "✖", "decision": "◼",
}  # fmt: skip
DEFAULT_GLYPH = "○"
BEFORE, MONTH_PRECISION = Qualifier.BEFORE, Precision.MONTH
_STATUS = attrgetter("status")
# Each status's mark, in a component class of its own: the theme's colours, not the
# terminal's green and yellow (which read poorly on light themes).
_STATUS_MARKS = {
    status: (mark, f"rail--status-{status.replace(' ', '-')}")
    for status, (mark, _) in STATUS_MARKS.items()
}
_NO_STATUS = (" ", None)
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
CONTEXT_ROWS = 3


def glyph_for(kind: str) -> str:
    """The rail marker for a kind of event; free-text kinds fall back to a circle."""
    return GLYPHS.get(kind.strip().lower(), DEFAULT_GLYPH)


def rail_date(event: Event) -> str:
    """The date as the rail shows it, under year and month headings.

    A range shows its end with the month and year when they differ from the start's
    (the headings give only the start's): the most detailed form that fits the date
    column, never one without the end's year.
    """
    if event.display_date:
        return steady_width(one_line(event.display_date, ROW_LIMIT))
    when, end = event.when, event.end
    first = _marked(when, _start_text(when))
    if end is None or end.key == when.key:
        return first
    if when[:7] == end[:7]:  # an open end or start ("2018-07-16/..", "../2018-07-16")
        if end.qualifier is Qualifier.AFTER:
            return f"{first}–…"
        if when.qualifier is Qualifier.BEFORE:
            return f"…–{_marked(end, format_short(end))}"
    starts = [first]
    if end.year != when.year:
        # Shorter starts: without the weekday, or without the year the heading gives.
        month = MONTHS[when.month - 1][:3]
        if when.precision >= Precision.DAY:
            starts.append(_marked(when, f"{when.day} {month}"))
        elif when.precision is Precision.MONTH:
            starts.append(_marked(when, month))
    texts = [f"{start}–{_marked(end, tail)}" for tail in _end_forms(when, end) for start in starts]
    return next((text for text in texts if cell_len(text) <= DATE_WIDTH), texts[-1])


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
    if end.month == start.month:
        return [format_short(end)]
    return [f"{end.day} {month}"]


def _shown_speaker(speaker: str) -> str:
    return steady_width(one_line(speaker, ROW_LIMIT))


def columns(width: int, dates: int, speakers: int, statuses: bool) -> tuple[int, int, int]:
    """The date, speaker and title columns' widths on a rail `width` cells wide, for
    dates and speakers as wide as `dates` and `speakers` (0: none has a speaker).

    The date column is as wide as the widest date (up to `DATE_LIMIT`, and a third of
    the row); the title gets `TITLE_ROOM` before the speaker column takes any, and the
    rest of the row after it.
    """
    # Two cells for the era band, the marker and a blank; a status mark; a blank after
    # the date and one at the end of the row.
    room = width - 4 - statuses - 2
    date = max(0, min(dates, DATE_LIMIT, room // 3))
    room -= date
    speaker = min(speakers, SPEAKER_WIDTH, room - TITLE_ROOM - 2)
    if speaker < min(SPEAKER_LEAST, speakers):
        speaker = 0
    title = room - (speaker + 2 if speaker else 0)
    return date, speaker, max(0, title)


def _truncate(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    out = Text(text)
    out.truncate(width, overflow="ellipsis")
    return out.plain


class Rail(ScrollView, can_focus=True):
    """The scrolling timeline. Shows `events[i] for i in shown`."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Next", show=False),
        Binding("up,k", "cursor(-1)", "Previous", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES = {
        "rail--cursor",
        "rail--year",
        "rail--month",
        "rail--gap",
        "rail--line",
        "rail--marker",
        "rail--date",
        "rail--speaker",
        "rail--match",
        "rail--era",
        *(name for _, name in _STATUS_MARKS.values()),
    }

    DEFAULT_CSS = """
    Rail {
        background: $surface;
        scrollbar-gutter: stable;
        overflow-x: hidden;
        scrollbar-size-vertical: 0;
    }
    Rail > .rail--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: bold;
    }
    Rail:focus > .rail--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    /* ANSI themes leave an unfocused cursor in the terminal's own colours: reversed,
       it shows in any palette. */
    Rail:ansi > .rail--cursor { text-style: bold reverse; }
    Rail:ansi:focus > .rail--cursor { text-style: $block-cursor-text-style; }
    Rail > .rail--year { color: $text-accent; text-style: bold; }
    Rail > .rail--month { color: $text-secondary; text-style: bold; }
    Rail > .rail--gap { color: $text-muted; text-style: italic; }
    Rail > .rail--line { color: $text-muted; }
    Rail > .rail--marker { color: $text-warning; }
    Rail > .rail--date { color: $text-secondary; }
    Rail > .rail--speaker { color: $text-muted; }
    Rail > .rail--match { background: $warning 50%; color: $text; }
    Rail:ansi > .rail--match { background: $warning; color: ansi_black; }
    Rail > .rail--era { color: $text-success; text-style: bold; }
    Rail > .rail--status-confirmed { color: $text-success; text-style: bold; }
    Rail > .rail--status-single-source { color: $text-warning; text-style: bold; }
    Rail > .rail--status-disputed { color: $text-error; text-style: bold; }
    Rail > .rail--status-unverified { color: $text-accent; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Position of the selected event within `shown`."""

    class Scrolled(Message):
        """The rail was resized; scrolling is seen by watching `scroll_y`."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Rail.Scrolled)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: Sequence[Event] = ()
        self.shown: Sequence[int] = ()
        self.eras: Sequence[Era] = ()
        self._statuses = False  # whether any event says how far it is verified
        self.bookmarks: set[str] = set()  # ids of the events the reader marked (the view's)
        #: Whether loading an event assumed or ignored something (the view's warnings).
        self.warned: Callable[[Event], bool] = lambda event: False
        self._kinds = bytearray()
        self._refs = array("i")
        self._row_of = array("i")
        self._full_rows: (
            tuple[Sequence[Event], Sequence[Era], tuple[bytearray, array[int], array[int]]] | None
        ) = None
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(1024)
        # (top row, width, base style) while drawing: rich_style is costly to look up
        self._frame: tuple[int, int, Style] | None = None
        self._blank: tuple[int, Style, Strip] | None = None  # the line below the rows
        self.matcher: Callable[[str], list[tuple[int, int]]] | None = None
        self._style_of = ComponentStyles(self)
        self.measured = MEASURED
        """How many events around the selection `set_events` measures (MEASURED)."""
        # The widest date and speaker measured so far.
        self._dates = 0
        self._speakers = 0

    # ------------------------------------------------------------------ data

    def set_events(
        self,
        events: Sequence[Event],
        shown: Sequence[int],
        cursor: int = 0,
        eras: Sequence[Era] = (),
    ) -> None:
        """Show `events[i] for i in shown`, with the cursor on position `cursor`."""
        if events is not self.events:
            # A column for statuses only in timelines that give any.
            self._statuses = any(map(_STATUS, events))
        self.events = events
        self.shown = shown
        self.eras = eras
        unfiltered = isinstance(shown, range) and len(shown) == len(events)
        full = self._full_rows
        if unfiltered and full is not None and full[0] is events and full[1] is eras:
            # Clearing a filter returns to rows already laid out for this timeline.
            self._kinds, self._refs, self._row_of = full[2]
        else:
            self._build_rows()
            if unfiltered:
                self._full_rows = (events, eras, (self._kinds, self._refs, self._row_of))
        self._cache.clear()
        self._measure(cursor)
        # Width 0: rows are drawn at the pane's width and never scroll sideways, and a
        # virtual size that does not change on resize spares a layout of the screen.
        self.virtual_size = Size(0, len(self._kinds))
        self.set_reactive(Rail.cursor, max(0, min(cursor, len(shown) - 1)))
        self.refresh()
        self.call_after_refresh(self.scroll_to_cursor)

    def _measure(self, cursor: int) -> None:
        """The widest date and speaker among the events around the selection."""
        events, shown = self.events, self.shown
        low = max(0, min(cursor, len(shown)) - self.measured // 2)
        nearby = [events[i] for i in shown[low : low + self.measured]]
        self._dates = max(map(cell_len, map(rail_date, nearby)), default=0)
        # Speakers repeat: each is cleaned and measured once.
        speakers = {event.speaker for event in nearby}
        speakers.discard("")
        self._speakers = max(map(cell_len, map(_shown_speaker, speakers)), default=0)

    def _build_rows(self) -> None:
        # Runs over every shown event on load, reload and filter changes: kept lean.
        kinds, refs, row_of = bytearray(), array("i"), array("i")
        add_kind, add_ref, add_row = kinds.append, refs.append, row_of.append
        events, eras = self.events, self.eras
        previous: When | None = None
        year: int | None = None  # no heading yet (any int could be a year)
        month = -1
        pending_eras = sorted(range(len(eras)), key=lambda i: eras[i].start.key)
        for position, index in enumerate(self.shown):
            when = events[index].when
            if previous is not None and has_gap(previous, when):
                add_kind(GAP)
                add_ref(position)
            while pending_eras and eras[pending_eras[0]].start.key <= when.key:
                era = pending_eras.pop(0)
                if eras[era].contains(when):
                    add_kind(ERA)
                    add_ref(era)
            if when.qualifier is BEFORE:
                shown_year, shown_month = listed_under(when)
            else:  # the common case, inline: this loop runs over every event
                shown_year = when.year
                shown_month = when.month if when.precision >= MONTH_PRECISION else -1
            if shown_year != year:
                add_kind(YEAR)
                add_ref(position)
                year, month = shown_year, -1
            if shown_month >= 0 and shown_month != month:
                add_kind(MONTH)
                add_ref(position)
                month = shown_month
            add_row(len(kinds))
            add_kind(EVENT)
            add_ref(position)
            previous = when
        self._kinds, self._refs, self._row_of = kinds, refs, row_of

    @property
    def selected(self) -> Event | None:
        """The selected event, if any is shown."""
        if not self.shown:
            return None
        return self.events[self.shown[self.cursor]]

    def row_of(self, position: int) -> int:
        """The row on which the event at `position` is drawn."""
        return self._row_of[position]

    def clear_cache(self) -> None:
        """Forget rendered rows (after a style or search change)."""
        self._cache.clear()
        self.refresh()

    # ------------------------------------------------------------------ cursor

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.shown:
            return
        for position in (old, new):
            if 0 <= position < len(self._row_of):
                self._refresh_row(self._row_of[position])
        # The app watches `cursor` and `scroll_y` rather than waiting for a message:
        # the detail pane then changes in the same frame as the rail, not one frame
        # later (two renders of the screen per key press instead of one).
        self.scroll_to_cursor()

    def visible_positions(self) -> tuple[int, int]:
        """Positions in `shown` of the first and last events on screen."""
        from bisect import bisect_left, bisect_right

        top = int(self.scroll_offset.y)
        first = bisect_left(self._row_of, top)
        last = bisect_right(self._row_of, top + max(0, self.size.height - 1)) - 1
        count = len(self._row_of)
        if not count:
            return 0, -1
        return min(first, count - 1), max(0, min(last, count - 1))

    def _refresh_row(self, row: int) -> None:
        self.refresh(Region(0, row - int(self.scroll_offset.y), self.size.width, 1))

    def scroll_to_cursor(self) -> None:
        """Keep the selected row in view with a few rows of context around it."""
        if not self.shown:
            return
        row = self._row_of[self.cursor]
        # Show the headings above the first event of a month too.
        top = row
        while top > 0 and self._kinds[top - 1] in (YEAR, MONTH, ERA):
            top -= 1
        margin = max(0, min(CONTEXT_ROWS, (self.size.height - 1) // 3))
        self.scroll_to_region(
            Region(0, top, 1, row - top + 1),
            spacing=Spacing(margin, 0, margin, 0),
            animate=False,
            force=True,
            immediate=True,
        )

    def move_to(self, position: int) -> None:
        """Select the event at `position` in `shown` (clamped)."""
        if self.shown:
            self.cursor = max(0, min(position, len(self.shown) - 1))

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        if not self.shown:
            return
        target_row = self._row_of[self.cursor] + direction * max(1, self.size.height - 1)
        self.move_to(self._position_near_row(target_row))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.shown) - 1)

    def _position_near_row(self, row: int) -> int:
        from bisect import bisect_left

        i = bisect_left(self._row_of, row)
        return max(0, min(i, len(self._row_of) - 1))

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_offset.y)
        if 0 <= row < len(self._kinds):
            self.move_to(
                self._refs[row] if self._kinds[row] == EVENT else self._position_near_row(row)
            )
        self.focus()

    # ------------------------------------------------------------------ drawing

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.call_after_refresh(self.scroll_to_cursor)
        self.post_message(self.Scrolled())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_of.clear()
        self._cache.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Scroll offset and width are looked up once a frame, not once a line: each
        # lookup goes through the compositor and the styles (a tenth of a redraw).
        self._frame = (
            int(self.scroll_offset.y),
            self.scrollable_content_region.width,
            self.rich_style,
        )
        try:
            return draw(self, crop, super().render_lines)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        top, width, base = self._frame or (
            int(self.scroll_offset.y),
            self.scrollable_content_region.width,
            self.rich_style,
        )
        row = top + y
        if not 0 <= row < len(self._kinds) or width <= 0:
            blank = self._blank
            if blank is None or blank[:2] != (width, base):
                blank = self._blank = (width, base, Strip.blank(width, base))
            return blank[2]
        selected = self._kinds[row] == EVENT and self._refs[row] == self.cursor
        key = (row, width, selected)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, width, selected, base)
            self._cache[key] = strip
        return strip

    def columns(self, width: int) -> tuple[int, int, int]:
        """The date, speaker and title columns' widths at this width (see `columns`)."""
        return columns(width, self._dates, self._speakers, self._statuses)

    def _widen(self, date: str, speaker: str) -> None:
        """Widen a column for a row drawn with a wider date or speaker than measured."""
        dates = min(cell_len(date), DATE_LIMIT)
        speakers = min(cell_len(speaker), SPEAKER_WIDTH)
        if dates > self._dates or speakers > self._speakers:
            self._dates = max(self._dates, dates)
            self._speakers = max(self._speakers, speakers)
            # Rows drawn before this one are drawn again at the new widths.
            self._cache.clear()
            self.call_later(self.refresh)

    def _render_row(self, row: int, width: int, selected: bool, base: Style) -> Strip:
        kind, position = self._kinds[row], self._refs[row]
        style_of = self._style_of
        line = base + style_of("rail--line")
        if kind == ERA:
            era = self.eras[position]
            style = base + style_of("rail--era")
            span = f"{format_medium(era.start)} – {format_medium(era.end)}"
            label = f"━ {steady_width(one_line(era.title, ROW_LIMIT))}  ({span})"
            return self._strip([(" ", base), (label, style)], width, base)
        event = self.events[self.shown[position]]
        if kind == YEAR:
            label = format_year(listed_under(event.when)[0])
            style = base + style_of("rail--year")
            return self._strip([(" ", base), (label, style)], width, base)
        if kind == MONTH:
            style = base + style_of("rail--month")
            month = MONTHS[listed_under(event.when)[1] - 1]
            return self._strip([("  ┼ ", line), (month, style)], width, base)
        if kind == GAP:
            previous = self.events[self.shown[position - 1]]
            style = base + style_of("rail--gap")
            gap = format_gap(previous.when, event.when)
            return self._strip([("  │ ", line), (f"  · {gap}", style)], width, base)
        under = None
        if selected:
            # On the selected row the cursor's colours win, so that every part of it
            # reads on the cursor's background, whatever the theme.
            under = "rail--cursor"
            base = line = marker = date_style = dim = band = base + style_of(under)
        else:
            marker = base + style_of("rail--marker")
            date_style = base + style_of("rail--date")
            dim = base + style_of("rail--speaker")
            band = base + style_of("rail--era")
        date_text = rail_date(event)
        speaker_text = _shown_speaker(event.speaker)
        if cell_len(date_text) > self._dates or cell_len(speaker_text) > self._speakers:
            self._widen(date_text, speaker_text)
        date_width, speaker_width, title_width = self.columns(width)
        date = _truncate(date_text, date_width)
        date = date + " " * (date_width - cell_len(date))
        # A speaker column of its own, so titles end at one edge and speakers line up.
        speaker = _truncate(speaker_text, speaker_width)
        title = _truncate(steady_width(one_line(event.title, ROW_LIMIT)), title_width)
        pad = max(0, title_width - cell_len(title))
        if speaker_width:
            pad += 2 + speaker_width - cell_len(speaker)
        in_era = any(era.contains(event.when) for era in self.eras)
        marked = event.id in self.bookmarks
        # A bookmark's star hides the warning's mark: the reader has looked at it.
        mark = "★" if marked else "!" if self.warned(event) else " "
        pieces: list[tuple[str, Style]] = [
            ("▎" if in_era else " ", band if in_era else line),
            (mark, base if mark == " " else marker),
            (glyph_for(event.kind), marker),
        ]
        if self._statuses:
            mark, name = _STATUS_MARKS.get(event.status, _NO_STATUS)
            pieces.append((mark, base if selected or name is None else base + style_of(name)))
        pieces += [
            (" ", base),
            (date, date_style),
            (" ", base),
        ]
        pieces.extend(self._highlighted(title, base, under))
        pieces.append((" " * pad, base))
        pieces.extend(self._highlighted(speaker, dim, under))
        return self._strip(pieces, width, base)

    def _highlighted(
        self, text: str, style: Style, under: str | None = None
    ) -> list[tuple[str, Style]]:
        """Split text into pieces with search matches in the match style."""
        if not text or self.matcher is None:
            return [(text, style)]
        spans = self.matcher(text)
        if not spans:
            return [(text, style)]
        match = style + self._style_of("rail--match", under)
        pieces: list[tuple[str, Style]] = []
        last = 0
        for start, end in spans:
            if start > last:
                pieces.append((text[last:start], style))
            pieces.append((text[start:end], match))
            last = end
        if last < len(text):
            pieces.append((text[last:], style))
        return pieces

    @staticmethod
    def _strip(pieces: list[tuple[str, Style]], width: int, fill: Style) -> Strip:
        segments = [Segment(text, style) for text, style in pieces if text]
        return Strip(segments).crop_extend(0, width, fill)
