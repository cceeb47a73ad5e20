"""The detail pane: everything about the selected event, quotes first-class.

The content is built by `describe_event`, a pure function returning Rich
renderables, so it can be tested without a screen; it wraps itself to the pane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline.dates import format_medium
from timeline.links import safe_url
from timeline.model import STATUS_MARKS, STATUS_MEANINGS, Event, Timeline
from timeline.problems import Problem
from timeline.provenance import facts_text
from timeline.query.eras import eras_of
from timeline.query.related import related
from timeline.show.citation import (
    attribution_text,
    full_date,
    has_source,
    media_shown,
    quote_own,
    row_date,
    tag_label,
)
from timeline.show.derivation import derivation
from timeline.text import ROW_LIMIT, clean, file_name, one_line, paragraphs
from timeline.ui.widgets import scrollbar
from timeline.ui.widgets.lines import SCROLLING, draw

Matcher = Callable[[str], list[tuple[int, int]]]
#: Columns taken by the scrollbar the pane draws at the right of its lines (as wide as
#: Textual's, an easy target for the mouse).
BAR = 2
#: Blank columns left and right of the text.
MARGIN = 1
MATCH_STYLE = Style(bgcolor="yellow", color="black")
#: The bar beside the selected quote (when an event has several).
CHOSEN_BAR = "bold yellow"
_CHOSEN_COLOR = Style.parse(CHOSEN_BAR).color


class BarQuote:
    """A block quote with a bar down its left side, wrapped at render time to fit."""

    def __init__(self, text: Text, bar_style: str) -> None:
        self.text = text
        self.bar_style = bar_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        bar = Segment("▌ ", console.get_style(self.bar_style))
        for line in self.text.wrap(console, max(8, options.max_width - 2)):
            yield bar
            yield from line.render(console)
            yield Segment.line()


#: A related event, which a click follows.
LINK = Style(underline=True)


def _link(url: str) -> Text:
    """A URL as the pane shows it: underlined and linked when it is a plain http(s)
    link that opens as shown (`safe_url`), dim otherwise."""
    safe = safe_url(url)
    style = Style(link=safe, underline=True, color="blue") if safe else Style(dim=True)
    return Text(one_line(url, LONGEST), style=style)


def _highlight(text: str, style: Style | str, matcher: Matcher | None) -> Text:
    out = Text(text, style=style)
    if matcher is not None and text:
        for start, end in matcher(text):
            out.stylize(MATCH_STYLE, start, end)
    return out


#: The most of one field the pane shows: wrapping a 10 MB title took seconds for each
#: key press. The rest is said to be there, and `Y` and `timeline print` give all of it.
LONGEST = 20_000


def _row(text: str) -> str:
    """File text for a part of the pane that is one line (a speaker, a source)."""
    return one_line(text, ROW_LIMIT)


def _cut(text: str) -> tuple[str, Text | None]:
    """The part of a field the pane shows, and a note saying how much is left out."""
    if len(text) <= LONGEST:
        return text, None
    more = f" … ({len(text) - LONGEST:,} more characters not shown; Y copies all of it)"
    return text[:LONGEST], Text(more, style="dim italic")


def _prose(text: str) -> str:
    """Prose as its author wrote it (`text.paragraphs`), as the HTML page and Markdown
    show it: a blank line between paragraphs, a line break where the file has one (a
    list, an address), each line wrapped to the pane. A line wrapped only for the
    editor ends with TOML's `\\`, which leaves no line break."""
    return "\n\n".join("\n".join(lines) for lines in paragraphs(clean(text)))


def _with_rest(text: Text, rest: Text | None) -> Text:
    if rest is not None:
        text.append_text(rest)
    return text


def describe_event(
    event: Event,
    timeline: Timeline,
    *,
    selected_quote: int = 0,
    matcher: Matcher | None = None,
    marks: Sequence[tuple[str, str] | None] | None = None,
    warnings: Sequence[Problem] = (),
) -> Group:
    """The detail pane's content for one event.

    `marks` gives each quote its verification mark and the mark's style (see
    `verification_mark`), None where it is not known yet. `warnings` say what loading
    the event assumed or ignored: under its date, which most of them are about.
    """
    parts: list[RenderableType] = []
    head = Text()
    title, rest = _cut(event.title)
    head.append_text(_with_rest(_highlight(one_line(title), "bold", matcher), rest))
    head.append("\n")
    date = full_date(event)
    if event.display_date:
        head.append(one_line(event.display_date, ROW_LIMIT), style="bold cyan")
        head.append(f"  ({date})", style="cyan")
    else:
        head.append(date, style="bold cyan")
    how = derivation(event, timeline)
    if how:
        head.append("\n" + how, style="italic dim")
    meta = [one_line(x, ROW_LIMIT) for x in (event.kind, event.group) if x]
    meta += [one_line(tag_label(tag), ROW_LIMIT) for tag in event.tags]
    if meta:
        head.append("\n")
        head.append_text(_highlight(" · ".join(meta), "dim", matcher))
    # Of merged files, "line 6" alone does not say which file to open: named, as `!`
    # lists them.
    several = len(timeline.files) > 1
    for warning in warnings:
        head.append("\n! ", style="bold yellow")
        head.append(one_line(warning.at_event(file=several), ROW_LIMIT), style="yellow")
    parts.append(head)
    who = Text(attribution_text(event))
    if who.plain:
        parts.append(Text(""))
        parts.append(_highlight(who.plain, "bold", matcher))
    for n, quote in enumerate(event.quotes):
        parts.append(Text(""))
        chosen = n == selected_quote and len(event.quotes) > 1
        body = Text()
        entry = marks[n] if marks is not None and n < len(marks) else None
        if entry is not None:
            mark, style = entry
            body.append(f"{mark} ", style=style)
        said_text, rest = _cut(quote.text)
        body.append_text(_with_rest(_highlight(clean(said_text), "italic", matcher), rest))
        said = quote_own(event, quote, _row)
        if said:
            body.append("\n")
            body.append_text(_highlight(said, "dim", matcher))
        if quote.note:
            body.append("\n")
            note, rest = _cut(quote.note)
            body.append_text(
                _with_rest(_highlight(f"Note: {_prose(note)}", "dim italic", matcher), rest)
            )
        parts.append(BarQuote(body, CHOSEN_BAR if chosen else "dim"))
    if event.context:
        parts.append(Text(""))
        context, rest = _cut(event.context)
        parts.append(_with_rest(_highlight(_prose(context), "", matcher), rest))
    media = media_shown(event.media, _row)
    if media is not None:
        line = Text("Media: ", style="bold dim")
        line.append_text(_highlight(media.named, "dim", matcher))
        if event.media is not None and media.url:
            # Under the name too: the link is where the picture is (it was hidden
            # whenever the media had a caption).
            if media.named:
                line.append("\n")
            line.append_text(_link(event.media.url))
        if media.credited:
            line.append_text(_highlight(" " + media.credited, "dim", matcher))
        parts.extend([Text(""), line])
    sources = [source for source in event.sources if has_source(source)]
    if sources:
        line = Text("Source: " if len(sources) == 1 else "Sources:", style="bold dim")
        for n, source in enumerate(sources):
            if len(sources) > 1:
                line.append("\n• ", style="dim")
            if source.label:
                line.append_text(_highlight(one_line(source.label, ROW_LIMIT), "", matcher))
            # What else is known of it, worded as `timeline print` words it: "(primary;
            # accessed 10 Jan 2024; archived copy: sources/raices.html)".
            facts = facts_text(source, _row)
            if facts:
                line.append(f" ({facts})" if source.label else f"({facts})", style="dim")
            if source.url:
                line.append("\n  " if len(sources) > 1 else "\n")
                line.append_text(_link(source.url))
                if safe_url(source.url) and n == 0:
                    line.append("  (o opens it)", style="dim")
        parts.extend([Text(""), line])
    if event.status:
        line = Text("Status: ", style="bold dim")
        line.append(event.status, style=STATUS_MARKS.get(event.status, ("", ""))[1])
        line.append(f" ({STATUS_MEANINGS.get(event.status, '')})", style="dim")
        parts.extend([Text(""), line])
    if event.notes:
        line = Text("Research notes: ", style="bold dim")
        notes, rest = _cut(event.notes)
        line.append_text(_with_rest(_highlight(_prose(notes), "italic", matcher), rest))
        parts.extend([Text(""), line])
    links = related(event, timeline)
    if links:
        lines = Text()
        for n, link in enumerate(links, start=1):
            key = "Enter" if n == 1 else str(n) if n <= 9 else ""
            if n > 1:
                lines.append("\n")
            lines.append(f"{link.label}: ", style="bold dim")
            # A click follows it, as Enter and 2 to 9 do (the screen's action).
            click = Style.from_meta({"@click": f"screen.follow({n})"})
            lines.append(f"▸ {one_line(link.event.title, ROW_LIMIT)}", style=LINK + click)
            lines.append(f" ({row_date(link.event)})", style=Style(dim=True) + click)
            if key:
                lines.append(f"  [{key}]", style="dim")
        parts.extend([Text(""), lines])
    # Said only where the event surely lies in the era; "may fall in" or "partly in"
    # where a bound, a coarse date or a span may reach out of it (`era_place`).
    eras = eras_of(timeline.eras, event)
    if eras:
        line = Text("Era: ", style="bold dim")
        for n, (era, place) in enumerate(eras):
            if n:
                line.append("; ")
            line.append(place.value, style="italic")
            line.append(one_line(era.title, ROW_LIMIT), style="bold")
            line.append(f" ({format_medium(era.start)} – {format_medium(era.end)})", style="dim")
        parts.extend([Text(""), line])
    if len(timeline.files) > 1 and event.file:
        origin = f"From {file_name(event.file)}" + (f", line {event.line}" if event.line else "")
        parts.extend([Text(""), Text(origin, style="dim")])
    return Group(*parts)


class Detail(ScrollView, can_focus=True):
    """Scrolls the selected event's details; focus it with Tab to scroll with the keys.

    Like the rail, it draws with the Line API: the event is rendered to strips once,
    at the pane's width, and showing another event repaints this pane alone. (A
    Static whose height changes with every event made Textual lay out and redraw
    the whole screen on each key press.)
    """

    BINDINGS = [*SCROLLING]
    #: What the mouse does here, as the help says it.
    MOUSE = (
        "Click a related event to follow it; the wheel scrolls the pane, and its "
        "scrollbar pages when clicked above or below its thumb"
    )

    # The pane draws its own scrollbar in its last column (timeline/ui/widgets/scrollbar.py):
    # Textual's is turned off. It is always there, so a new event never moves the text.
    DEFAULT_CSS = """
    Detail { overflow-y: scroll; overflow-x: hidden; scrollbar-size-vertical: 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.event: Event | None = None
        self.timeline: Timeline | None = None
        self.selected_quote = 0
        #: What the pane says when no event is selected.
        self.placeholder = Text("No event selected.", style="dim")
        self.matcher: Matcher | None = None
        self.marks_for: Callable[[Event], Sequence[tuple[str, str] | None] | None] | None = None
        self.warnings_for: Callable[[Event], Sequence[Problem]] | None = None
        """Each quote's verification mark for an event (set by the screen once known)."""
        self._strips: list[Strip] = []
        self._rendered_width = -1  # the width of `_strips`
        self._rendered_style: Style | None = None  # and the base style they were drawn in
        # (top row, blank line, the bar's cells) while drawing a frame
        self._frame: tuple[int, Strip, list[Segment]] | None = None
        self._blank_line: tuple[int, Style, Strip] | None = None
        # Lines with the bar's cell, by (row, cell): unchanged lines stay the same
        # objects from frame to frame, and Textual's line filters cache by object.
        self._with_bar: dict[tuple[int, Segment], Strip] = {}
        self._reveal_match = False  # bring the first match into view once rendered
        # What the lines show (`_drawing()` when they were rendered): `show` renders
        # only when it changed, whichever of them changed.
        self._drawn: tuple[object, ...] | None = None
        self._grab: tuple[int, float] | None = None  # (screen row, scroll_y) of a drag
        self._bar_hover = False

    def show(
        self, event: Event | None, timeline: Timeline | None, *, keep_place: bool = False
    ) -> None:
        """Show an event (None clears the pane); with `keep_place`, a new version of the
        event shown (a reload) keeps the pane where the reader had scrolled it."""
        changed = event is not self.event
        self.event, self.timeline = event, timeline
        if self._up_to_date():
            return  # the pane already shows this
        self.render_event()
        if changed and not keep_place:
            self.scroll_to(0, 0, animate=False, immediate=True)

    def _drawing(self) -> tuple[object, ...]:
        """What the pane's lines depend on, besides its width and the marks."""
        return (self.event, self.timeline, self.matcher, self.selected_quote)

    def _up_to_date(self) -> bool:
        """Whether the lines show what `_drawing()` says. The model is immutable, so an
        object's identity says whether it changed (comparing two timelines would
        compare every event)."""
        if self._drawn is None:
            return False
        event, timeline, matcher, quote = self._drawn
        return (
            event is self.event
            and timeline is self.timeline
            and matcher is self.matcher
            and quote == self.selected_quote
        )

    # ------------------------------------------------------------------ places in it

    def lines(self) -> list[str]:
        """What the pane holds, a line of plain text a row, as laid out at its width
        (scrolled out of sight or not)."""
        return [strip.text for strip in self._strips]

    def match_rows(self) -> list[int]:
        """The rows showing a search match, top to bottom."""
        background = MATCH_STYLE.bgcolor
        return [
            y
            for y, strip in enumerate(self._strips)
            if any(s.style is not None and s.style.bgcolor == background for s in strip)
        ]

    def quote_rows(self) -> tuple[int, int] | None:
        """The first and last rows of the selected quote (marked when there are several)."""
        rows = [
            y
            for y, strip in enumerate(self._strips)
            if any(
                s.text == "▌ " and s.style is not None and s.style.color == _CHOSEN_COLOR
                for s in strip
            )
        ]
        return (rows[0], rows[-1]) if rows else None

    def reveal_first_match(self) -> None:
        """Scroll to the first search match: now, or once the pane is laid out (a search
        given on the command line selects an event before the first render)."""
        self._reveal_match = True
        self._reveal()

    def _reveal(self) -> None:
        if not self._reveal_match or not self._strips or not self.scrollable_content_region.height:
            return
        self._reveal_match = False
        rows = self.match_rows()
        if rows:
            self.bring_into_view(rows[0])

    def bring_into_view(self, first: int, last: int | None = None) -> None:
        """Scroll the least that shows rows `first` to `last` (as many as fit, from the
        first): nothing moves when they are in view already."""
        last = first if last is None else last
        height = max(1, self.scrollable_content_region.height)
        last = min(last, first + height - 1)
        self.scroll_to_region(
            Region(0, first, 1, last - first + 1), animate=False, immediate=True, x_axis=False
        )

    def content(self) -> RenderableType:
        """What the pane shows, as Rich renderables."""
        if self.event is None or self.timeline is None:
            return self.placeholder
        marks = self.marks_for(self.event) if self.marks_for is not None else None
        warnings = self.warnings_for(self.event) if self.warnings_for is not None else ()
        return describe_event(
            self.event,
            self.timeline,
            selected_quote=self.selected_quote,
            matcher=self.matcher,
            marks=marks,
            warnings=warnings,
        )

    def render_event(self, *, repaint: bool = True) -> None:
        """Render the content again (selection, width, quote or search changed)."""
        self._rendered_width = self.scrollable_content_region.width
        width = self._rendered_width - BAR
        if width <= 0:
            return  # not laid out yet: the first draw renders it
        console = self.app.console
        self._drawn = self._drawing()
        style = self._rendered_style = self.rich_style
        # A margin of a cell each side, added here: not by CSS padding, so that the
        # lines can be drawn directly, and not by Rich's Padding, which splits every
        # line once more (a fifth of the render).
        margin = MARGIN if width > 2 * MARGIN else 0
        options = console.options.update(width=width - 2 * margin, height=None, highlight=False)
        lines = console.render_lines(self.content(), options, style=style, pad=True)
        edge = [Segment(" " * margin, style)] if margin else []
        self._strips = [Strip([*edge, *line, *edge], width) for line in lines]
        self._with_bar.clear()
        size = Size(width, len(self._strips))
        if size != self.virtual_size:
            # `virtual_size` is a layout reactive: setting it relays out the whole screen,
            # a third of a key press at 100,000 events. Nothing else depends on it.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        if repaint:
            self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._rendered_width:
            self.render_event()
        self._reveal()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._with_bar.clear()  # the bar's colours may have changed
        # Only the base style comes from CSS (the content's own styles are fixed): a
        # style update that leaves it as it was, as after start-up, changes nothing.
        if self._rendered_style is not None and self._rendered_style != self.rich_style:
            self.render_event()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.scrollable_content_region.width != self._rendered_width:
            # The first draw, before on_resize: render now, so that the first frame
            # shows the event rather than an empty pane.
            self.render_event(repaint=False)
        # As in Rail.render_lines: per-frame lookups once a frame, not once a line.
        self._frame = (int(self.scroll_offset.y), self._blank(), self._bar())
        try:
            return draw(self, crop, super().render_lines)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        top, blank, bar = self._frame or (int(self.scroll_offset.y), self._blank(), self._bar())
        row = top + y
        if not 0 <= row < len(self._strips):
            row = -1
        if not 0 <= y < len(bar):
            return self._strips[row] if row >= 0 else blank
        key = (row, bar[y])
        line = self._with_bar.get(key)
        if line is None:
            if len(self._with_bar) > 4 * len(bar):
                self._with_bar.clear()
            content = self._strips[row] if row >= 0 else blank
            line = self._with_bar[key] = Strip([*content, bar[y]], content.cell_length + BAR)
        return line

    def _bar(self) -> list[Segment]:
        """The scrollbar's cell on each row of the pane, as things stand."""
        back, color = scrollbar.colors(self, hover=self._bar_hover, grabbed=bool(self._grab))
        height = self.scrollable_content_region.height
        return scrollbar.cells(height, len(self._strips), height, self.scroll_y, back, color, BAR)

    # ------------------------------------------------------------------ the bar's mouse

    def _on_bar(self, x: int) -> bool:
        return x >= self.scrollable_content_region.width - BAR

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if not self._on_bar(event.x):
            return
        event.stop()
        height = self.scrollable_content_region.height
        found = scrollbar.thumb(height, len(self._strips), height, self.scroll_y)
        if found is None:
            return
        start, length = found
        if event.y < int(start):
            self.scroll_page_up()
        elif event.y >= start + length:
            self.scroll_page_down()
        else:
            self._grab = (event.screen_y, self.scroll_y)
            self.capture_mouse()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._grab is not None:
            row, position = self._grab
            height = self.scrollable_content_region.height
            if height:
                ratio = len(self._strips) / height
                self.scroll_to(y=position + (event.screen_y - row) * ratio, animate=False)
            event.stop()
            return
        hover = self._on_bar(event.x)
        if hover != self._bar_hover:
            self._bar_hover = hover
            self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._grab is not None:
            self._grab = None
            self.release_mouse()
            event.stop()

    def on_mouse_release(self) -> None:
        self._grab = None
        self.refresh()

    def on_leave(self) -> None:
        if self._bar_hover:
            self._bar_hover = False
            self.refresh()

    def _blank(self) -> Strip:
        """An empty line below the content (rich_style is costly: kept while unchanged)."""
        width, style = self.scrollable_content_region.width - BAR, self.rich_style
        if self._blank_line is None or self._blank_line[:2] != (width, style):
            self._blank_line = (width, style, Strip.blank(width, style))
        return self._blank_line[2]
