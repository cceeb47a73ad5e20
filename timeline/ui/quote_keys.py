"""The main screen's keys for the selected event's quotes and sources: the next quote,
copying it or the event, opening the source link, and a quote shown inside its archived
source. Every quote of a timeline shown is checked against its archive in a worker, for
the marks beside them and for that last key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from timeline.model import Timeline
from timeline.query.selection import Notice
from timeline.query.view import View
from timeline.show.citation import event_citation, quote_citation
from timeline.text import file_name, shell_word
from timeline.ui.collector import IdleCollector
from timeline.ui.threads import given_up_when_cancelled
from timeline.ui.view_screen import ViewScreen

if TYPE_CHECKING:
    from timeline.verify.run import Checked


class QuoteKeys(ViewScreen):
    """The keys for the selected event's quotes and sources; part of the main screen
    (see timeline/ui/view_screen.py)."""

    def __init__(self, view: View, collector: IdleCollector, *, narrow: bool) -> None:
        super().__init__(view, collector, narrow=narrow)
        # Each quote's check against its archive, by (event id, quote number); None
        # until the worker has checked the timeline shown.
        self._checks: dict[tuple[str, int], Checked] | None = None

    @property
    def quotes_checked(self) -> bool:
        """Whether the quotes of the timeline shown have been checked against their
        archives (the worker reports once it is done)."""
        return self._checks is not None

    # ------------------------------------------------------------------ quotes

    def action_quote(self, delta: int) -> None:
        """Select the next or previous quote of the event (what y copies), scrolled into
        view."""
        self.view.step_quote(delta)
        self.detail.selected_quote = self.view.quote
        self.detail.render_event()
        rows = self.detail.quote_rows()
        if rows is not None:
            self.detail.bring_into_view(*rows)
        self.title_bar.refresh()  # "quote 3 of 6"

    def action_copy_quote(self) -> None:
        """Copy the selected quote, with its attribution, date, source and note."""
        event = self.view.selected
        if event is None:
            return
        if not event.quotes:
            self.app.notify("This event has no quote; Y copies the whole event.", timeout=3)
            return
        quote = event.quotes[min(self.view.quote, len(event.quotes) - 1)]
        self._copy(quote_citation(event, quote), "Quote")

    def action_copy_event(self) -> None:
        """Copy the whole event as plain text, as the detail pane shows it."""
        event = self.view.selected
        if event is None:
            return
        self._copy(event_citation(event, self.view.timeline), "Event")

    def _copy(self, text: str, what: str) -> None:
        """Copy through the terminal, keep a copy in a file, and say where it went."""
        from timeline.ui.clipboard import ignores_osc52, keep_copy

        self.app.copy_to_clipboard(text)
        kept = keep_copy(text)
        where = f" It is also in {kept}." if kept else ""
        terminal = ignores_osc52()
        if terminal:
            self.app.notify(
                f"{what} sent to the clipboard, but {terminal} ignores that (OSC 52).{where}",
                severity="warning",
                timeout=8,
            )
        else:
            self.app.notify(f"{what} copied to the clipboard.{where}", timeout=3)

    def action_open_source(self) -> None:
        """Open the selected event's source link in the browser (http and https only)."""
        url = self.view.source_url()
        if isinstance(url, Notice):
            self._tell(url)
            return
        self.app.open_url(url)  # which says what it did

    # ------------------------------------------------------------------ verification

    def _quotes_shown(self, timeline: Timeline, *, check: bool) -> None:
        """A timeline is shown: forget the last one's checks, and check its quotes
        unless it is only part of a file (`check` False)."""
        self._checks = None
        if check:
            # After the first frame: checking quotes against their archives is slow work.
            self.call_after_refresh(self._verify, timeline)

    # Each worker has a description: Textual otherwise names it after the repr of its
    # arguments, the whole timeline (400 MB and seconds at 100,000 events).
    @work(
        thread=True,
        exclusive=True,
        group="verify",
        exit_on_error=False,
        description="checking quotes against their archives",
    )
    @given_up_when_cancelled
    def _verify(self, timeline: Timeline) -> None:
        """Check every quote against its archive, as `timeline verify` does."""
        from timeline.verify.run import check_quotes, mark_of

        checks = check_quotes(timeline)
        marks = {key: mark_of(checked) for key, checked in checks.items()}
        self.app.call_from_thread(self._verified, timeline, checks, marks)

    def _verified(
        self,
        timeline: Timeline,
        checks: dict[tuple[str, int], Checked],
        marks: dict[tuple[str, int], tuple[str, str]],
    ) -> None:
        if timeline is not self.view.timeline:
            return  # a reload replaced it: its own check follows
        self._checks = checks
        self.view.marks = marks
        self.detail.render_event()

    def action_in_source(self) -> None:
        """Show the selected quote inside its archived source."""
        event = self.view.selected
        if event is None:
            return
        if not event.quotes:
            self.app.notify("This event has no quote to find in a source.", timeout=3)
            return
        if self._checks is None:
            self.app.notify("Quotes are still being checked against their sources…", timeout=3)
            return
        number = min(self.view.quote, len(event.quotes) - 1)
        checked = self._checks.get((event.id, number))
        if checked is None:
            if self._checks:  # other files' quotes were checked: this file archives nothing
                from timeline.ui.editor import as_argument

                command = f"timeline archive {shell_word(as_argument(event.file))}"
                said = f"No quote of {file_name(event.file)} has an archived source; `{command}`"
            else:
                said = "No quote in this timeline has an archived source; `timeline archive FILE`"
            self.app.notify(f"{said} saves them.", timeout=4)
            return
        self._open_in_source(checked)

    @work(
        thread=True,
        exclusive=True,
        group="source",
        exit_on_error=False,
        description="reading a quote's source",
    )
    def _open_in_source(self, checked: Checked) -> None:
        """Read the quote's archive (a PDF takes a while) and show the passage."""
        from pathlib import Path

        from timeline.ui.screens.source import SourceScreen, source_content
        from timeline.verify.archives import folder_of

        file = checked.event.file
        content = source_content(checked, folder_of(file) if file else Path())
        self.app.call_from_thread(self.app.push_screen, SourceScreen(content))
