"""The main screen's keys that go to another event: a related one and back again, the
next marked one, the next day or month with events, one picked from the list of a
search's matches or of the file's warnings."""

from __future__ import annotations

from timeline.ui.view_screen import ViewScreen


class JumpKeys(ViewScreen):
    """The keys that go to another event; part of the main screen (see
    timeline/ui/view_screen.py)."""

    # ------------------------------------------------------------------ related events

    def action_follow(self, n: int) -> None:
        """Go to the n-th related event; remember where we were."""
        self._tell(self.view.follow(n), timeout=2)
        self.draw_view()

    def action_history_back(self) -> None:
        """Return to the event before the last jump."""
        self._tell(self.view.back(), timeout=2)
        self.draw_view()

    # ------------------------------------------------------------------ bookmarks

    def action_bookmark(self) -> None:
        """Mark the selected event, or unmark it."""
        self._tell(self.view.toggle_bookmark(), timeout=2)
        self.rail.bookmarks = self.view.bookmarks
        self.rail.clear_cache()
        self.rail.refresh()
        self.overview.set_bookmarks(self.view.bookmarked_positions())

    def action_step_bookmark(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) marked event."""
        self._tell(self.view.step_bookmark(direction), timeout=2)
        self.draw_view()

    # ------------------------------------------------------------------ days and months

    def action_step_day(self, direction: int) -> None:
        """Previous or next day that has events."""
        self._tell(self.view.step_day(direction), timeout=2)
        self.draw_view()

    def action_step_month(self, direction: int) -> None:
        """Previous or next month that has events."""
        self._tell(self.view.step_month(direction), timeout=2)
        self.draw_view()

    # ------------------------------------------------------------------ lists to pick from

    def action_list_matches(self) -> None:
        """List every event the search matches, to pick one."""
        view = self.view
        notice = view.no_matches()
        if notice is not None:
            self._tell(notice)
            return
        from timeline.ui.screens.matches import MatchList

        listing = MatchList(view.query, view.shown_events, view.matches, view.cursor)
        self.app.push_screen(listing, self._match_picked)

    def action_list_warnings(self) -> None:
        """List every warning with its event, to go to one."""
        view = self.view
        if not view.warnings:
            self._tell(view.no_warnings())
            return
        from timeline.ui.screens.matches import WarningList

        several = view.timeline is not None and len(view.timeline.files) > 1
        listing = WarningList(view.warning_places(), view.events, view.cursor, files=several)
        self.app.clear_notifications()  # the notice of them would cover the list
        self.app.push_screen(listing, self._match_picked)

    def _match_picked(self, position: int | None) -> None:
        if position is not None:
            self.view.move_to(position)
            self.draw_view()
