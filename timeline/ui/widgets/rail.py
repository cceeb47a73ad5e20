"""The timeline rail: one row per event on a vertical line, with headings and gaps.

Only the rows on screen are drawn (Textual's Line API on a ScrollView), rendered
rows are cached, and moving the cursor repaints just the old and new rows, so the
cost of a key press does not grow with the file. Which rows there are and their text
come from timeline/show/rail.py; this widget styles them, scrolls and takes keys.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline.dates import MONTHS, format_gap, format_medium, format_year
from timeline.dates.show import listed_under
from timeline.model import STATUS_MARKS, Era, Event
from timeline.show.rail import (
    DATE_LIMIT,
    ERA,
    EVENT,
    GAP,
    MEASURED,
    MONTH,
    NO_BAND,
    SPEAKER_WIDTH,
    YEAR,
    band_mark,
    columns,
    fit_date,
    glyph_for,
    heading_top,
    lay_out,
    measure,
    position_near_row,
    rail_dates,
    several_zones,
    shown_speaker,
    truncate,
    visible_positions,
)
from timeline.store import fields_of
from timeline.text import ROW_LIMIT, one_line, steady_width
from timeline.ui.threads import handing_over_between_slices
from timeline.ui.widgets.lines import draw
from timeline.ui.widgets.styles import ComponentStyles

# Each status's mark, in a component class of its own: the theme's colours, not the
# terminal's green and yellow (which read poorly on light themes).
_STATUS_MARKS = {
    status: (mark, f"rail--status-{status.replace(' ', '-')}")
    for status, (mark, _) in STATUS_MARKS.items()
}
_NO_STATUS = (" ", None)
#: Rows of context kept around the selection when it scrolls into view.
CONTEXT_ROWS = 3


#: Timelines of at most this many events are looked through for their times' zones
#: on the viewer's thread (`several_zones`: about 5 ms); larger ones in a worker.
ZONES_HERE = 50_000


class Rail(ScrollView, can_focus=True):
    """The scrolling timeline. Shows `events[i] for i in shown`."""

    #: What the mouse does here, as the help says it.
    MOUSE = (
        "Click a row to select it, or the overview strip above the list to jump there; "
        "the wheel scrolls the list (the selection stays)"
    )

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
        self._zoned: bool | None = None  # whether times show their zones (`_zones_shown`)
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
            self._statuses = any(fields_of(events, "status"))
            self._zoned = None
        self.events = events
        self.shown = shown
        self.eras = eras
        unfiltered = isinstance(shown, range) and len(shown) == len(events)
        full = self._full_rows
        if unfiltered and full is not None and full[0] is events and full[1] is eras:
            # Clearing a filter returns to rows already laid out for this timeline.
            self._kinds, self._refs, self._row_of = full[2]
        else:
            self._kinds, self._refs, self._row_of = lay_out(events, shown, eras)
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

    def _zones_shown(self, event: Event) -> bool:
        """Whether this event's time is shown with its zone: when the timeline's times
        are in several (`several_zones`, asked once, at the first time with a zone
        drawn: a pass over every date, in a worker for a large timeline, whose times
        are shown without zones meanwhile: on the viewer's thread it held a key press
        for 94 ms at 1,000,000 events)."""
        if event.when.tz is None:
            return False
        if self._zoned is None:
            if len(self.events) <= ZONES_HERE:
                self._zoned = several_zones(self.events)
            else:
                self._zoned = False  # until the worker has looked
                self._find_zones(self.events)
        return self._zoned

    @work(thread=True, exclusive=True, group="zones", exit_on_error=False, description="zones")
    @handing_over_between_slices
    def _find_zones(self, events: Sequence[Event]) -> None:
        from timeline.stopping import check

        if several_zones(events, check):
            self.app.call_from_thread(self._zones_found, events)

    def _zones_found(self, events: Sequence[Event]) -> None:
        if events is self.events:
            self._zoned = True
            self._cache.clear()  # rows drawn without them
            self.refresh()

    def _measure(self, cursor: int) -> None:
        """The widest date and speaker among the events around the selection."""
        self._dates, self._speakers = measure(self.events, self.shown, cursor, self.measured)

    @property
    def row_kinds(self) -> Sequence[int]:
        """What each row of the rail is (`show.rail`: YEAR, MONTH, GAP, EVENT, ERA), top to
        bottom."""
        return self._kinds

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
        return visible_positions(self._row_of, int(self.scroll_offset.y), self.size.height)

    def _refresh_row(self, row: int) -> None:
        self.refresh(Region(0, row - int(self.scroll_offset.y), self.size.width, 1))

    def scroll_to_cursor(self) -> None:
        """Keep the selected row in view with a few rows of context around it."""
        if not self.shown:
            return
        row = self._row_of[self.cursor]
        top = heading_top(self._kinds, row)  # the headings above a month's first event too
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
        self.move_to(position_near_row(self._row_of, target_row))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.shown) - 1)

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_offset.y)
        if event.y == 0 and self._headings_over(row):
            row += 1  # the top line names the rows below it: the first of them
        if 0 <= row < len(self._kinds):
            self.move_to(
                self._refs[row]
                if self._kinds[row] == EVENT
                else position_near_row(self._row_of, row)
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
        if y == 0 and width > 0 and self._headings_over(row):
            return self._headings_above(row, width, base)
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

    def _headings_over(self, row: int) -> bool:
        """Whether the top line, on `row`, shows the year and month instead of the row:
        once the rail is scrolled past a year's heading, unless a year's heading is on
        the row or next, or the row is the selected event's (the keys keep a few rows
        between it and the edge; the mouse wheel does not)."""
        kinds = self._kinds
        return (
            0 < row < len(kinds) - 1
            and YEAR not in kinds[row : row + 2]
            and not (kinds[row] == EVENT and self._refs[row] == self.cursor)
        )

    def _headings_above(self, row: int, width: int, base: Style) -> Strip:
        """The top line once the rail is scrolled past a year's heading (`_headings_over`):
        the year, and the month unless its heading is next, that the rows below it are
        listed under, over the row there. Without it, rows such as "Mon  4 16:00"
        showed no month or year on screen at 80x24. Over an event, that event's: the
        rows below up to the next heading are under it, a gap line ("6 months later")
        counted from it."""
        key = (-1 - row, width, False)
        strip = self._cache.get(key)
        if strip is None:
            below = row + 1
            at = (
                self._refs[row]
                if self._kinds[row] == EVENT
                else position_near_row(self._row_of, row)
            )
            event = self.events[self.shown[at]]
            year, month = listed_under(event.when)
            parts = [(" ", base), (format_year(year), base + self._style_of("rail--year"))]
            if month > 0 and not self._month_heading_next(below):
                line = base + self._style_of("rail--line")
                parts += [(" ┼ ", line), (MONTHS[month - 1], base + self._style_of("rail--month"))]
            strip = self._cache[key] = self._strip(parts, width, base)
        return strip

    def _month_heading_next(self, row: int) -> bool:
        """Whether a month's heading comes at `row` or below it before any event: an
        era's line may stand first (at 60x20 the top line said "2015 ┼ October" over
        "━ Exposure" and "┼ October", found trying the viewer as a new user)."""
        kinds = self._kinds
        while row < len(kinds) and kinds[row] == ERA:
            row += 1
        return row < len(kinds) and kinds[row] == MONTH

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
        dates = rail_dates(event, self._zones_shown(event))
        date_text = dates[0]
        speaker_text = shown_speaker(event.speaker)
        if cell_len(date_text) > self._dates or cell_len(speaker_text) > self._speakers:
            self._widen(date_text, speaker_text)
        date_width, speaker_width, title_width = self.columns(width)
        # A shorter form of the date before any is cut ("Mon 16 14:00–19 16:00").
        date = fit_date(dates, date_width)
        date = date + " " * (date_width - cell_len(date))
        # A speaker column of its own, so titles end at one edge and speakers line up.
        speaker = truncate(speaker_text, speaker_width)
        title = truncate(steady_width(one_line(event.title, ROW_LIMIT)), title_width)
        pad = max(0, title_width - cell_len(title))
        if speaker_width:
            pad += 2 + speaker_width - cell_len(speaker)
        # The band where the event surely lies in an era; broken where it only may, or
        # only partly does ("before 30 Sep" in an era from 14 March: `era_place`).
        era_mark = band_mark(self.eras, event)
        marked = event.id in self.bookmarks
        # A bookmark's star hides the warning's mark: the reader has looked at it.
        mark = "★" if marked else "!" if self.warned(event) else " "
        pieces: list[tuple[str, Style]] = [
            (era_mark, line if era_mark == NO_BAND else band),
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
