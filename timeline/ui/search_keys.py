"""The main screen's prompt line and search: `/` searches as the reader types, `n` and
`N` go through the matches, Escape clears them; `d` goes to a date typed there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.widgets import Input

from timeline.model import Timeline
from timeline.ui.threads import awaited_by_the_reader
from timeline.ui.view_screen import ViewScreen

if TYPE_CHECKING:
    from timeline.query.search import SearchIndex


class SearchKeys(ViewScreen):
    """The keys that type into the prompt line (a search, a date) and go through a
    search's matches; part of the main screen (see timeline/ui/view_screen.py)."""

    # ------------------------------------------------------------------ the prompt line

    def _typed_in_a_line(self) -> None:
        """Leave a key to the line being typed in: `/` and `d` open the prompt as priority
        bindings (timeline/ui/keys.py), and Textual gives "/" to them even in a line
        (it does not find the character of its key name, "slash")."""
        if isinstance(self.focused, Input):
            raise SkipAction

    async def action_go_to_date(self) -> None:
        """Ask for a date and jump to the nearest event."""
        self._typed_in_a_line()
        await self.prompt_bar.open("date", " Go to date: ", "", "july 16 · 2018-07 · 16 July 2018")

    def action_close_prompt(self) -> None:
        """Close the prompt; Escape in the search line also clears the search and goes
        back to where it began."""
        if self.prompt_bar.mode == "search":
            self.view.cancel_search()
            self._searched("")
        self._hide_prompt()

    def _hide_prompt(self) -> None:
        self.prompt_bar.close()
        self.focus_timeline()

    @on(Input.Changed, "#prompt-input")
    def _prompt_changed(self, message: Input.Changed) -> None:
        if self.prompt_bar.mode == "search":
            self.search(message.value)

    def _submit(self, value: str) -> None:
        """Enter in the prompt line (`PromptInput`): take what it holds."""
        mode = self.prompt_bar.mode
        if mode == "date":
            notice = self.view.go_to_date(value)
            self._tell(notice, timeout=4)
            self.draw_view()
            if notice is None:
                self._hide_prompt()
            return
        if mode == "search":
            if value != self.view.query:
                # Typed faster than the line reports changes (a paste, a script): the
                # final text is what counts.
                self.search(value)
            self.view.accept_search()
            self.draw_view()
        self._hide_prompt()

    # ------------------------------------------------------------------ search

    async def action_search(self) -> None:
        """Open the search line."""
        self._typed_in_a_line()
        self.view.begin_search()
        await self.prompt_bar.open(
            "search", " / ", self.view.query, "search titles, quotes, speakers…"
        )

    def _build_index_if_needed(self) -> None:
        # Only once a search needs it: built beside the reader's keys, it would slow them.
        index = self.view.index_to_build()
        if index is not None and self.view.timeline is not None:
            self._build_index(index, self.view.timeline)

    @work(thread=True, exclusive=True, group="index", description="building the search index")
    @awaited_by_the_reader
    def _build_index(self, index: SearchIndex, timeline: Timeline) -> None:
        index.build()
        self.app.call_from_thread(self._index_built, index, timeline)

    def _index_built(self, index: SearchIndex, timeline: Timeline) -> None:
        # A reload may have replaced the timeline meanwhile; its own index will follow.
        # The view goes to the first match only if the reader has not moved since the
        # search was made (it was searched again here, and took them there).
        if self.view.set_index(index, timeline):
            self._searched(self.view.query)

    def search(self, query: str) -> None:
        """Search for `query` ("" clears the search), highlighting what matches."""
        if query:
            self._build_index_if_needed()
        self.view.search(query)
        self._searched(query)

    def _searched(self, query: str) -> None:
        """Draw a search's matches and highlights (none for "")."""
        from timeline.query.search import highlight_spans

        if self._lanes is not None:
            self._lanes.set_matches(self.view.matches)
        matcher = (lambda text: highlight_spans(text, query)) if query else None
        self.rail.matcher = matcher
        self.detail.matcher = matcher
        self.rail.clear_cache()
        self.draw_view()  # the detail pane renders once, with the new matcher
        self.title_bar.refresh()

    def action_match(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) match, wrapping around: first to the next
        match further down (or up) the detail pane, then to the next event's."""
        detail = self.detail
        rows = detail.match_rows() if self.view.query else []
        # Only matches out of sight: one already on screen is not worth a key press.
        top = round(detail.scroll_y)
        bottom = top + detail.scrollable_content_region.height - 1
        hidden = [r for r in rows if (r > bottom if direction > 0 else r < top)]
        if self.view.selected is not None and hidden:
            detail.bring_into_view(hidden[0] if direction > 0 else hidden[-1])
            return
        notice = self.view.next_match(direction)
        self._tell(notice, timeout=1.5 if notice and notice.text.startswith("Search") else 2)
        self.draw_view()
        rows = detail.match_rows()
        if direction < 0 and rows:
            # Backwards, an event is entered at its last match.
            detail.bring_into_view(rows[-1])

    def action_clear_search(self) -> None:
        """Clear the search and its highlights."""
        if self.view.query:
            self.search("")
