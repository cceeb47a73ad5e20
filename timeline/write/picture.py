"""A picture of the timeline for an article: SVG, PNG or PDF, drawn with matplotlib.

The picture is the lanes view laid out for paper: the same lanes, rows, marks and
label placement (`timeline.show.lanes_view`), with a "cell" the width of an average
character of the labels' font, so labels the layout says fit do fit and never
collide. Its lanes take the rows every label needs to be whole (`LANE_ROWS` at most;
past that a lane is a density bar, and a note says how many events are not labelled):
a reader cannot select an event to learn what a bare mark is. Marks are drawn at their exact moments, not at cells: a point at the
middle of its date's period, a span over a month or year known only to the month or
year (dashed when circa or uncertain), a bar over a range, a dotted arrow for "before"
and "after", a hollow mark for circa, a "?" in a circle for an uncertain date; era
bands behind the lanes; the time axis on top, ending with the events; the title
above; below, a legend of the circa, uncertain, "before" and "after" marks drawn (only
those), the notes of what is not shown, and a source credit line.

matplotlib is imported here only, when a picture is asked for, with the Agg backend's
machinery (no window, no pyplot state). Text from the file is data: every string is
folded onto one line with control characters made visible (`text.one_line`), and
matplotlib's mathtext is off (`text.parse_math`), so "$250,000 ... $1 million" is not
read as a formula, and TeX is never used. The output is reproducible: no dates in
the metadata, fixed SVG ids.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.cells import cell_len

from timeline.model import Timeline, When
from timeline.show.axis import View, period
from timeline.show.lanes import AFTER, BEFORE, CIRCA, QUALIFIER_BITS, UNCERTAIN
from timeline.show.lanes_view import Frame, LanesModel
from timeline.show.marks import (
    BOUND,
    CIRCA_POINT,
    COUNT,
    LABEL,
    MARK_ROLES,
    RANGE_BAR,
    SPAN,
    UNCERTAIN_POINT,
    elide,
)
from timeline.show.placement import column_counts
from timeline.text import file_name, one_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The formats `export --to` draws as pictures.
PICTURES = ("svg", "png", "pdf")

#: Resolution of a PNG, and how pixels given as a width turn into inches.
DPI = 100

#: The width when none is given: 1200 pixels, 12 inches.
DEFAULT_WIDTH = 12.0

#: Widths outside these bounds (inches) are refused: a picture, not a poster.
MIN_WIDTH, MAX_WIDTH = 3.0, 100.0

LABEL_SIZE = 8.0  # points
NAME_SIZE = 8.5
TITLE_SIZE = 13.0
CREDIT_SIZE = 7.0

#: A cell of the layout, as a share of the labels' font size: a little wider than an
#: average character of DejaVu Sans, so a label the layout fits into N cells fits.
CELL_EM = 0.62

#: Lane names longer than this are cut with "…".
NAME_CHARACTERS = 24

ROW = 0.21  # inches a row
TITLE_ROOM = 0.55
AXIS_ROOM = 0.3
CREDIT_ROOM = 0.4
NOTE_ROOM = 0.2  # a line of notes above the credit
LEGEND_ROOM = 0.24  # a line of the legend above the notes
LEGEND_PAD = 0.08  # between the lanes and the legend
LEGEND_SIZE = 7.5
LEGEND_HANDLE = 0.34  # inches of a legend entry's drawing
LEGEND_GAP = 0.3  # inches between entries
INK = "#444444"

#: What the legend says of the marks a picture draws, in its order; an entry is
#: shown only when its mark is drawn.
LEGEND = {
    "circa": "circa: an approximate date",
    "uncertain": "uncertain: perhaps this date",
    "before": "before the date: only known to be earlier",
    "after": "after the date: only known to be later",
}
MARGIN = 0.25

#: The most rows a lane takes in a picture: as many as it needs for every label to be
#: whole, up to this; a lane that needs more is a density bar, and a note says how
#: many events are not labelled (`timeline.show.placement`, "Whole labels").
LANE_ROWS = 40

#: Lane colours: Okabe and Ito's palette, told apart with most colour blindness.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
ERA_COLOURS = ("#E8E2C8", "#D6E6F2")
STRIPE = "#F4F4F4"
MUTED = "#666666"

#: Markers by kind, after the rail's glyphs (diamonds for posts and pledges, squares
#: for documents, triangles for gatherings); free-text kinds get a circle.
MARKERS = {
    "tweet": "D", "post": "D", "toot": "D", "pledge": "D", "donation": "D",
    "donation offer": "D", "offer": "D",
    "letter": "s", "email": "s", "memo": "s", "article": "s", "report": "s", "press": "s",
    "photo": "s", "video": "s", "image": "s", "decision": "s",
    "protest": "^", "rally": "^", "meeting": "^",
    "petition": "P", "request": "P", "demand": "P", "refusal": "X",
}  # fmt: skip


class PictureError(ValueError):
    """A picture cannot be made as asked; the message says why and what is valid."""


_WIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|in|)\s*$", re.IGNORECASE)


def parse_width(text: str) -> float:
    """A width in inches from "1200", "1200px" (pixels at `DPI`) or "8in".

    Raises:
        PictureError: Not a width, or outside `MIN_WIDTH` to `MAX_WIDTH` inches.
    """
    found = _WIDTH.match(text)
    if not found:
        raise PictureError(
            f"--width {text!r} is not a width; expected pixels (1200 or 1200px) or inches (8in)"
        )
    amount, unit = float(found.group(1)), found.group(2).lower()
    inches = amount if unit == "in" else amount / DPI
    if not MIN_WIDTH <= inches <= MAX_WIDTH:
        raise PictureError(
            f"--width {text!r} is {inches:g} inches; expected {MIN_WIDTH:g} to {MAX_WIDTH:g} "
            f"inches ({MIN_WIDTH * DPI:.0f} to {MAX_WIDTH * DPI:.0f} pixels)"
        )
    return inches


class Span(NamedTuple):
    """The dates a picture is drawn between (from the `from` and `to` filters)."""

    start: When | None = None
    end: When | None = None


WHOLE = Span()


def dumps(
    timeline: Timeline,
    to: str,
    *,
    width: float = DEFAULT_WIDTH,
    span: Span = WHOLE,
    notes: list[str] | None = None,
) -> bytes:
    """The timeline as a picture.

    Args:
        timeline: The events to draw (already filtered).
        to: One of `PICTURES`.
        width: Inches across (see `parse_width`).
        span: Draw from and to these dates; the whole timeline when unset.
        notes: Given, what the picture says it leaves out (labels with no room) is
            added to it, for the command to tell the user too.

    Raises:
        PictureError: `to` is not a picture format.
    """
    if to not in PICTURES:
        raise PictureError(f"cannot draw {to!r}; expected one of {', '.join(PICTURES)}")
    import matplotlib

    matplotlib.use("Agg")  # no window, whatever the environment says
    from matplotlib.figure import Figure

    settings: dict[Any, Any] = {
        "text.parse_math": False,  # "$250,000" is money, not mathematics
        "text.usetex": False,
        "svg.fonttype": "none",  # text stays text: searchable, selectable, tested
        "svg.hashsalt": "timeline",  # the same ids every time
        "font.family": "DejaVu Sans",
        "font.size": LABEL_SIZE,
        "pdf.fonttype": 42,
    }
    with matplotlib.rc_context(settings):
        drawing = _Drawing(timeline, width, span)
        if notes is not None:
            notes.extend(drawing.notes)
        figure = Figure(figsize=(width, drawing.height), dpi=DPI)
        drawing.draw(figure)
        out = io.BytesIO()
        metadata: dict[str, Any] = {
            "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
            "png": {"Software": None},
        }[to]
        with warnings.catch_warnings():
            # A character the font lacks (a control character's stand-in, a script
            # DejaVu does not cover) is drawn as a box in a PNG; SVG keeps the text.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            figure.savefig(out, format=to, dpi=DPI, metadata=metadata, facecolor="white")
        return out.getvalue()


class _Drawing:
    """The layout of one picture, and its drawing on a matplotlib figure."""

    def __init__(self, timeline: Timeline, width: float, span: Span) -> None:
        self.timeline = timeline
        events = timeline.events
        self.names_width = self._names_room(timeline, width)
        plot = width - self.names_width - MARGIN
        self.cells = max(10, int(plot * 72 / (LABEL_SIZE * CELL_EM)))
        # Exports keep emoji sequences as written (text.steady_width is for terminals).
        # Every label whole: a reader of the picture cannot select an event to see it.
        model = LanesModel(self.cells, 0, steady=False, max_rows=LANE_ROWS, whole=True)
        model.set_events(events, range(len(events)), timeline.eras, None)
        model.set_size(self.cells, max(1, len(model.index.lanes)) * LANE_ROWS)
        # Room on the right for the last events' labels: a quarter of the width, more
        # (up to half) while a label is still cut at the right edge (the events move
        # left as the room grows: a few rounds find it).
        right = self.cells // 4
        model.fit(right=right)
        for _ in range(8):
            short = _cut_at_edge(model.frame(), model)
            if not short or right >= self.cells // 2:
                break
            right = min(self.cells // 2, right + short)
            model.fit(right=right)
        if span.start is not None or span.end is not None:
            fitted = model.view or View(0.0, 1.0)
            start = period(span.start)[0] if span.start is not None else fitted.start
            end = period(span.end)[1] if span.end is not None else fitted.end
            if end > start:
                model.view = View(start, end)
        self.model = model
        # The axis ends with the events, not with the room kept for the last labels:
        # stretched to fit a long label it ran to 4000 CE for events ending in 2019.
        self.axis_end = model.index.last if span == WHOLE else None
        self.frame: Frame = model.frame()
        if self.frame.dense and all(self.frame.dense) and span == WHOLE:
            # Density bars have no labels to make room for.
            model.fit()
            self.frame = model.frame()
        self.rows = len(self.frame.header) - 2 + len(self.frame.lines)
        self.notes = _notes(self.frame, model)
        self.width = width
        self.legend = _legend_rows(self._marks_drawn(), width)
        legend = LEGEND_PAD + len(self.legend) * LEGEND_ROOM if self.legend else 0.0
        self.footer = legend + len(self.notes) * NOTE_ROOM + CREDIT_ROOM
        self.height = TITLE_ROOM + AXIS_ROOM + max(1, self.rows) * ROW + self.footer

    @staticmethod
    def _names_room(timeline: Timeline, width: float) -> float:
        from timeline.show.lanes import lane_name

        names = {lane_name(event, "group") for event in timeline.events}
        longest = min(NAME_CHARACTERS, max(map(len, names), default=4))
        # Bold capitals are wider than the labels' average character.
        return min(width / 4, 0.25 + longest * NAME_SIZE * 0.75 / 72)

    # ------------------------------------------------------------------ drawing

    def draw(self, figure: Any) -> None:
        width, height = self.width, self.height
        bottom = self.footer / height
        top = 1 - (TITLE_ROOM + AXIS_ROOM) / height
        ax = figure.add_axes(
            (
                self.names_width / width,
                bottom,
                1 - (self.names_width + MARGIN) / width,
                top - bottom,
            )
        )
        view = self.frame.view
        ax.set_xlim(view.start, view.end)
        ax.set_ylim(max(1, self.rows), 0)
        ax.set_yticks([])
        for side in ("left", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.spines["top"].set_color(MUTED)
        self._axis(ax)
        eras = len(self.frame.header) - 2
        self._eras(ax, eras)
        self._lanes(ax, eras)
        self._legend(figure)
        self._title_and_credit(figure)

    def _marks_drawn(self) -> set[str]:
        """The kinds of mark in `LEGEND` that the picture draws."""
        index = self.model.index
        kinds: set[str] = set()
        for line in self.frame.lines:
            lane = index.lanes[line.lane]
            for piece in line.pieces:
                if piece.role not in MARK_ROLES:
                    continue
                flags = lane.flags[index.slot_of[piece.position]]
                qualifier = flags & QUALIFIER_BITS
                if piece.role == BOUND:
                    kinds.add("before" if qualifier == BEFORE else "after")
                elif flags & UNCERTAIN:
                    kinds.add("uncertain")
                elif qualifier == CIRCA:
                    kinds.add("circa")
        return kinds

    def _legend(self, figure: Any) -> None:
        """The legend's rows above the notes: each entry a small drawing of the mark,
        in grey, and what it means."""
        from matplotlib.lines import Line2D

        width, height = self.width, self.height
        for row, entries in enumerate(self.legend):
            y = (self.footer - LEGEND_PAD - (row + 0.5) * LEGEND_ROOM) / height
            x = 0.2  # inches
            for kind in entries:
                start, end = x / width, (x + LEGEND_HANDLE) / width
                middle = (start + end) / 2
                dotted = kind in ("before", "after")
                figure.add_artist(
                    Line2D(
                        [start, end],
                        [y, y],
                        transform=figure.transFigure,
                        color=INK,
                        lw=1.2,
                        ls=(0, (1, 1.5)) if dotted else "--",
                    )
                )
                if kind == "circa":
                    figure.add_artist(
                        Line2D(
                            [middle],
                            [y],
                            transform=figure.transFigure,
                            marker="o",
                            ms=5.5,
                            mfc="white",
                            mec=INK,
                            mew=1.2,
                            ls="none",
                        )
                    )
                elif kind == "uncertain":
                    _uncertain_mark(figure, middle, y, INK, transform=figure.transFigure)
                else:
                    at, marker = (start, "<") if kind == "before" else (end, ">")
                    figure.add_artist(
                        Line2D(
                            [at], [y], transform=figure.transFigure, marker=marker, ms=5, color=INK
                        )
                    )
                figure.text(
                    (x + LEGEND_HANDLE + 0.08) / width,
                    y,
                    LEGEND[kind],
                    fontsize=LEGEND_SIZE,
                    va="center",
                    ha="left",
                    color="#222222",
                )
                x += _legend_entry_width(kind)

    def _axis(self, ax: Axes) -> None:
        axis = self.frame.axis
        placed = dict(axis.labels)
        ends = self.axis_end
        shown = [tick for tick in axis.ticks if ends is None or tick.time <= ends]
        if ends is not None:
            view = self.frame.view
            ax.spines["top"].set_bounds(view.start, min(view.end, ends))
        ax.xaxis.tick_top()
        ax.set_xticks([tick.time for tick in shown])
        ax.set_xticklabels([placed.get(tick.column, "") for tick in shown])
        ax.tick_params(axis="x", colors=MUTED, labelcolor="#222222", labelsize=LABEL_SIZE, length=3)
        ax.grid(axis="x", color="#E3E3E3", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)

    def _x(self, column: float) -> float:
        return self.frame.view.time_at(column, self.cells)

    def _eras(self, ax: Axes, rows: int) -> None:
        total = max(1, self.rows)
        for row, line in enumerate(self.frame.header[2:]):
            for piece in line.pieces:
                if not piece.role.startswith("era"):
                    continue
                colour = ERA_COLOURS[0 if piece.role == "era" else 1]
                start, end = self._x(piece.column), self._x(piece.end)
                ax.axvspan(
                    start,
                    end,
                    ymin=0,
                    ymax=1 - row / total,
                    color=colour,
                    alpha=0.45,
                    lw=0,
                    zorder=0.5,
                )
                title = piece.text.lstrip("▏").strip()
                if title:
                    ax.text(
                        start,
                        row + 0.5,
                        " " + title,
                        va="center",
                        ha="left",
                        fontsize=LABEL_SIZE,
                        fontweight="bold",
                        color="#333333",
                        clip_on=True,
                        zorder=3,
                    )

    def _lanes(self, ax: Axes, offset: int) -> None:
        frame, model = self.frame, self.model
        index = model.index
        drawn: set[int] = set()
        for line_number, line in enumerate(frame.lines):
            row = offset + line_number
            lane = index.lanes[line.lane]
            colour = COLOURS[line.lane % len(COLOURS)]
            if line.name:
                last = (
                    frame.first_line[line.lane + 1]
                    if line.lane + 1 < len(frame.first_line)
                    else len(frame.lines)
                )
                if line.lane % 2 == 1:
                    ax.axhspan(row, offset + last, color=STRIPE, lw=0, zorder=0.2)
                ax.text(
                    -0.01,
                    row + 0.5,
                    elide(line.name, NAME_CHARACTERS),
                    transform=ax.get_yaxis_transform(),
                    ha="right",
                    va="center",
                    fontsize=NAME_SIZE,
                    fontweight="bold",
                    color=colour,
                )
                if frame.dense[line.lane]:
                    self._density(ax, line.lane, row, colour)
            for piece in line.pieces:
                if piece.role == LABEL:
                    inside = piece.text.startswith(" ")
                    ax.text(
                        self._x(piece.column + (1 if inside else 0)),
                        row + 0.5,
                        piece.text.strip(),
                        va="center",
                        ha="left",
                        fontsize=LABEL_SIZE,
                        color="#111111",
                        clip_on=True,
                        zorder=4,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6}
                        if inside
                        else None,
                    )
                elif piece.role == COUNT:
                    ax.text(
                        self._x(piece.column + 0.5),
                        row + 0.5,
                        piece.text,
                        va="center",
                        ha="center",
                        fontsize=LABEL_SIZE - 1,
                        fontweight="bold",
                        color="#222222",
                        zorder=4,
                        bbox={
                            "boxstyle": "round,pad=0.2",
                            "facecolor": "#DDDDDD",
                            "edgecolor": "none",
                        },
                    )
                elif piece.role in MARK_ROLES and piece.position not in drawn:
                    drawn.add(piece.position)
                    slot = index.slot_of[piece.position]
                    self._mark(
                        ax,
                        piece.role,
                        lane.times[slot],
                        lane.ends[slot],
                        lane.flags[slot],
                        row + 0.5,
                        colour,
                        marker_for(index.event_at(piece.position).kind),
                    )

    def _mark(
        self,
        ax: Axes,
        role: str,
        start: float,
        end: float,
        flags: int,
        y: float,
        colour: str,
        marker: str,
    ) -> None:
        cell = self.frame.view.span / self.cells
        qualifier = flags & QUALIFIER_BITS
        uncertain = bool(flags & UNCERTAIN)
        # Circa and uncertain dates are drawn hollow or dashed; an uncertain one's mark
        # (a point, a span's or a bar's start) is a "?" in a circle.
        dashed = qualifier == CIRCA or uncertain
        if role == BOUND:
            if qualifier == BEFORE:
                ax.plot(
                    [start - 2 * cell, start],
                    [y, y],
                    ls=(0, (1, 1.5)),
                    color=colour,
                    lw=1.2,
                    zorder=3,
                )
                ax.plot([start - 2 * cell], [y], marker="<", color=colour, ms=5, zorder=3)
            elif qualifier == AFTER:
                ax.plot(
                    [end, end + 2 * cell], [y, y], ls=(0, (1, 1.5)), color=colour, lw=1.2, zorder=3
                )
                ax.plot([end + 2 * cell], [y], marker=">", color=colour, ms=5, zorder=3)
        elif role == RANGE_BAR:
            ax.plot(
                [start, end],
                [y, y],
                color=colour,
                lw=5,
                solid_capstyle="butt",
                alpha=0.45 if dashed else 0.85,
                ls="--" if dashed else "-",
                zorder=2,
            )
            if uncertain:
                _uncertain_mark(ax, start, y, colour)
            else:
                ax.plot(
                    [start],
                    [y],
                    marker=marker,
                    color=colour,
                    ms=5,
                    zorder=3,
                    mfc="white" if dashed else colour,
                )
        elif role == SPAN:
            ax.plot(
                [start, end], [y, y], color=colour, lw=1.4, ls="--" if dashed else "-", zorder=2
            )
            ends = [end] if uncertain else [start, end]
            ax.plot(ends, [y] * len(ends), color=colour, marker="|", ms=7, lw=0, zorder=2)
            if uncertain:
                _uncertain_mark(ax, start, y, colour)
        else:
            middle = (start + end) / 2
            if role == UNCERTAIN_POINT:
                _uncertain_mark(ax, middle, y, colour)
            elif role == CIRCA_POINT:
                ax.plot(
                    [middle],
                    [y],
                    marker="o",
                    ms=5.5,
                    mfc="white",
                    mec=colour,
                    mew=1.2,
                    ls="none",
                    zorder=3,
                )
            else:
                ax.plot([middle], [y], marker=marker, ms=5, color=colour, ls="none", zorder=3)

    def _density(self, ax: Axes, lane: int, row: int, colour: str) -> None:
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Rectangle

        counts = column_counts(self.model.index.lanes[lane], self.frame.view, self.cells)
        peak = max(counts, default=0)
        if not peak:
            return
        cell = self.frame.view.span / self.cells
        bars = [
            Rectangle((self._x(column), row + 0.9 - 0.8 * count / peak), cell, 0.8 * count / peak)
            for column, count in enumerate(counts)
            if count
        ]
        ax.add_collection(
            PatchCollection(bars, facecolor=colour, edgecolor="none", alpha=0.8, zorder=2)
        )

    def _title_and_credit(self, figure: Any) -> None:
        timeline = self.timeline
        width, height = self.width, self.height
        left = 0.2 / width
        title = one_line(timeline.title) or "Timeline"
        characters = int(width * 72 / (TITLE_SIZE * 0.6))
        figure.text(
            left,
            1 - 0.32 / height,
            elide(title, characters),
            fontsize=TITLE_SIZE,
            fontweight="bold",
            va="center",
            ha="left",
            color="#111111",
        )
        characters = int(width * 72 / (CREDIT_SIZE * 0.6))
        figure.text(
            left,
            0.18 / height,
            elide(_credit(timeline), characters),
            fontsize=CREDIT_SIZE,
            va="center",
            ha="left",
            color=MUTED,
        )
        for number, note in enumerate(reversed(self.notes), start=1):
            figure.text(
                left,
                (0.18 + number * NOTE_ROOM) / height,
                elide(note, characters),
                fontsize=CREDIT_SIZE,
                va="center",
                ha="left",
                color="#222222",
            )


def _uncertain_mark(where: Any, x: float, y: float, colour: str, transform: Any = None) -> None:
    """An uncertain date's mark: a "?" in a hollow circle, told apart from circa's
    empty one; on axes in data coordinates, or on a figure in its own."""
    from matplotlib.lines import Line2D

    extra = {} if transform is None else {"transform": transform}
    circle = Line2D(
        [x], [y], marker="o", ms=7.5, mfc="white", mec=colour, mew=1.0, ls="none", zorder=3
    )
    circle.set(**extra)
    if transform is None:
        where.add_line(circle)
    else:
        where.add_artist(circle)
    where.text(
        x,
        y,
        "?",
        ha="center",
        va="center_baseline",
        fontsize=LABEL_SIZE - 2.5,
        fontweight="bold",
        color=colour,
        zorder=3.5,
        **extra,
    )


def _legend_entry_width(kind: str) -> float:
    """Inches a legend entry takes, its gap included: its drawing, and its text at a
    generous average character width, so entries never meet."""
    return LEGEND_HANDLE + 0.08 + len(LEGEND[kind]) * LEGEND_SIZE * 0.6 / 72 + LEGEND_GAP


def _legend_rows(kinds: set[str], width: float) -> list[list[str]]:
    """The legend's entries for the marks drawn, in `LEGEND`'s order, in rows that fit
    the width; none when no mark needs telling apart."""
    rows: list[list[str]] = []
    used = width  # a new row for the first entry
    for kind in LEGEND:
        if kind not in kinds:
            continue
        size = _legend_entry_width(kind)
        if used + size > width - 0.2:
            rows.append([])
            used = 0.2
        rows[-1].append(kind)
        used += size
    return rows


def _notes(frame: Frame, model: LanesModel) -> list[str]:
    """What the picture must say it does not show: how many events have no label (a
    lane drawn as a density bar, a mark with no room left for its label). A label cut
    at the right edge says so itself, with "…"."""
    index = model.index
    unlabelled = 0
    for number, lane in enumerate(index.lanes):
        lines = [line for line in frame.lines if line.lane == number]
        if frame.dense[number]:
            unlabelled += sum(column_counts(lane, frame.view, frame.width))
            continue
        marked: set[int] = set()
        labelled: set[int] = set()
        for line in lines:
            for piece in line.pieces:
                if piece.role in MARK_ROLES:
                    marked.add(piece.position)
                elif piece.role == LABEL:
                    labelled.add(piece.position)
        # (Whole labels count nothing: a lane with no row left is a density bar.)
        unlabelled += sum(1 for position in marked - labelled if model.title(position))
    notes = []
    if unlabelled:
        dense = [index.lanes[n].name for n, found in enumerate(frame.dense) if found]
        where = ""
        if dense:
            names = ", ".join(one_line(name) for name in dense)
            where = f"; {names}: a bar of how many events begin in each column"
        events = "1 event is" if unlabelled == 1 else f"{unlabelled:,} events are"
        notes.append(f"{events} not labelled, for want of room at this width{where}.")
    return notes


def _cut_at_edge(frame: Frame, model: LanesModel) -> int:
    """How many more cells the labels cut at the right edge would need to be whole."""
    need = 0
    for line in frame.lines:
        for piece in line.pieces:
            if piece.role == LABEL and piece.end >= frame.width - 1 and piece.text.endswith("…"):
                need = max(need, cell_len(model.title(piece.position)) - cell_len(piece.text) + 1)
    return need


def marker_for(kind: str) -> str:
    """The matplotlib marker for a kind of event."""
    return MARKERS.get(kind.strip().lower(), "o")


def _credit(timeline: Timeline) -> str:
    """ "Source: <label> · <url>", or the files it was drawn from."""
    source = timeline.source
    if source is not None and (source.label or source.url):
        parts = [one_line(part) for part in (source.label, source.url) if part]
        return "Source: " + " · ".join(parts)
    files: Sequence[str] = timeline.files
    names = ", ".join(file_name(name.rsplit("/", 1)[-1]) for name in files)
    return f"Data: {names}" if names else ""
