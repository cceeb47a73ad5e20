"""The filter picker: kinds, speakers, groups, tags, statuses and a date range, combined."""

from __future__ import annotations

from datetime import tzinfo

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Button, Checkbox, Input, Label, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from timeline.dates import DateError, parse_query, typeable
from timeline.model import When
from timeline.query.facets import Facets
from timeline.query.filter_args import FilterError, check_dates
from timeline.query.filters import Filter
from timeline.text import one_line

#: Facets with more values than this show the most frequent ones.
MAX_CHOICES = 200
#: Each list's field of `Facets` and of a `Filter`, by the list's name.
_FIELDS = {
    "kind": "kinds",
    "speaker": "speakers",
    "group": "groups",
    "tag": "tags",
    "status": "statuses",
}


def _shown(value: str) -> str:
    # Only a status can be empty: events whose file does not say how far they are checked.
    return one_line(value) if value else "none (not stated)"


class Choices(SelectionList[str]):
    """A list of values to pick, whose boxes say which are chosen without colour:
    Textual draws an X in every box, chosen or not told apart only by its colour, so
    a monochrome terminal or a screen capture could not tell (found trying the viewer
    as a new user). An unchosen box is drawn empty."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(int(self.scroll_offset.y) + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if option.value in self.selected or len(segments) < 2:
            return strip
        box = segments[1]
        if box.text != Checkbox.BUTTON_INNER:
            return strip
        segments[1] = Segment(" " * cell_len(box.text), box.style)
        return Strip(segments, strip.cell_length)


class FilterPicker(ModalScreen[Filter | None]):
    """Pick what to show. Dismisses with the new Filter, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
    ]

    DEFAULT_CSS = """
    FilterPicker { align: center middle; }
    FilterPicker #picker {
        width: 90; max-width: 96%; height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    FilterPicker #facets { height: auto; }
    FilterPicker .facet-label { margin-top: 1; text-style: bold; }
    FilterPicker SelectionList { height: auto; max-height: 8; }
    FilterPicker #dates { height: auto; margin-top: 1; }
    FilterPicker #dates Input { width: 1fr; }
    FilterPicker #buttons { height: auto; margin-top: 1; }
    FilterPicker #error { color: $error; height: auto; }
    """

    def __init__(
        self,
        facets: Facets | None,
        current: Filter,
        default_year: int,
        dayfirst: bool,
        *,
        counting: int = 0,
        tz: tzinfo | None = None,
    ) -> None:
        """`facets` None: they are being counted (`counting` events), and come to
        `show_facets`; the picker answers keys meanwhile."""
        super().__init__()
        self.facets = facets
        self.current = current
        self.default_year = default_year
        self.dayfirst = dayfirst
        self.counting = counting
        self.tz = tz  # the timeline's zone, in which a time typed with a zone is put

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="picker"):
            yield Static(
                Text(
                    "Filter the timeline. Space toggles a choice; values of one field "
                    "combine with OR, fields with AND. Ctrl+S or Apply to use it, "
                    "Escape to cancel.",
                    style="dim",
                )
            )
            with Vertical(id="facets"):
                if self.facets is None:
                    yield Static(
                        Text(f"Counting the values of {self.counting:,} events…", style="dim"),
                        id="counting",
                    )
                else:
                    yield from self._lists(self.facets)
            with Horizontal(id="dates"):
                yield Input(
                    typeable(self.current.date_from) if self.current.date_from else "",
                    placeholder="from (e.g. july 10 2018)",
                    id="from",
                )
                yield Input(
                    typeable(self.current.date_to) if self.current.date_to else "",
                    placeholder="to (e.g. 2018-07-20)",
                    id="to",
                )
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear all", id="clear")
                yield Button("Cancel", id="cancel")

    def _lists(self, facets: Facets) -> ComposeResult:
        for name, field in _FIELDS.items():
            # A picker's list and the filter's field have the same name ("kinds").
            values: list[tuple[str, int]] = getattr(facets, field)
            chosen: frozenset[str] = getattr(self.current, field)
            if not values:
                continue
            yield Label(f"{name.title()} ({len(values)})", classes="facet-label")
            choices = [
                Selection(Text(f"{_shown(value)}  ({count:,})"), value, value in chosen)
                for value, count in values[:MAX_CHOICES]
            ]
            yield Choices(*choices, id=f"facet-{name}")

    def show_facets(self, facets: Facets) -> None:
        """The values counted: list them (the picker may have been closed meanwhile)."""
        if not self.is_attached or self.facets is not None:
            return
        self.facets = facets
        box = self.query_one("#facets", Vertical)
        box.remove_children()
        box.mount_all(list(self._lists(facets)))
        self.call_after_refresh(self._focus_first_list)

    def _focus_first_list(self) -> None:
        lists = self.query(SelectionList)
        if lists and not isinstance(self.focused, Input):  # not while a date is typed
            lists.first().focus()

    def on_mount(self) -> None:
        # The first list has the keys, so Space (which the text above names) toggles a
        # choice at once: nothing had focus until Tab.
        lists = self.query(SelectionList)
        if lists:
            lists.first().focus()
        else:
            self.query_one("#from", Input).focus()

    def _chosen(self, name: str) -> frozenset[str]:
        if self.facets is None:  # not counted yet: what the filter has stays
            chosen: frozenset[str] = getattr(self.current, _FIELDS[name])
            return chosen
        found = self.query(f"#facet-{name}")
        if not found:
            return frozenset()
        selection: SelectionList[str] = found.first(SelectionList)
        return frozenset(selection.selected)

    def _date(self, input_id: str) -> tuple[bool, When | None]:
        text = self.query_one(f"#{input_id}", Input).value.strip()
        if not text:
            return True, None
        try:
            return True, parse_query(text, self.default_year, dayfirst=self.dayfirst, tz=self.tz)
        except DateError as exc:
            self.query_one("#error", Static).update(Text(f"{input_id}: {exc}"))
            return False, None

    def action_apply(self) -> None:
        """Build the filter from the choices and close."""
        ok_from, date_from = self._date("from")
        ok_to, date_to = self._date("to")
        if not (ok_from and ok_to):
            return
        try:
            check_dates(date_from, date_to)
        except FilterError as exc:
            self.query_one("#error", Static).update(Text(str(exc)))
            return
        try:
            picked = Filter(
                kinds=self._chosen("kind"),
                speakers=self._chosen("speaker"),
                groups=self._chosen("group"),
                tags=self._chosen("tag"),
                statuses=self._chosen("status"),
                date_from=date_from,
                date_to=date_to,
            )
        except ValueError as exc:
            self.query_one("#error", Static).update(Text(str(exc)))
            return
        self.dismiss(picked)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#clear")
    def _clear_pressed(self) -> None:
        self.dismiss(Filter())

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
