"""Every key of the main screen, with what it does (the rail's and the detail pane's own
keys are in their widgets). The footer, the help screen and the command palette all
list these, so each binding's description says what it does.

Each binding has an id: the user's config file (timeline/ui/config.py) remaps keys by
id, so the names below are part of the documented format and do not change lightly.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType


def _key(
    ident: str,
    keys: str,
    action: str,
    description: str,
    tooltip: str,
    *,
    show: bool = True,
    display: str | None = None,
    priority: bool = False,
) -> Binding:
    return Binding(
        keys,
        action,
        description,
        show=show,
        key_display=display,
        priority=priority,
        tooltip=tooltip,
        id=ident,
    )


# _OPENS_A_PROMPT: the keys that open the prompt line are priority bindings, run by the
# app as it takes each key, before it hands the next one on. As the focused widget's
# bindings, they ran in the rail's own queue, and the keys typed right after them had
# already been handed to the rail: "/board" typed quickly gave an empty search, and
# the "o" and "d" in it opened a link and the date line. Textual leaves a key an
# input takes to the input, so "/" and "d" are still typed in the line once it is open.
READING: list[BindingType] = [
    _key("quit", "q", "app.quit", "Quit", "Quit the viewer"),
    _key("help", "question_mark", "app.help", "Help", "This help", display="?"),
    _key(
        "pane",
        "tab",
        "app.switch_pane",
        "Pane",
        "Move focus between the timeline, the detail pane and a broken save's errors",
        priority=True,
    ),
    _key("follow", "enter", "follow(1)", "Follow", "Go to the first related event"),
    _key("back", "backspace", "history_back", "Back", "Go back to where you followed from"),
    _key("open-source", "o", "open_source", "Open source", "Open the source link in the browser"),
    _key(
        "copy-quote",
        "y",
        "copy_quote",
        "Copy quote",
        "Copy the selected quote with its attribution, date, source and note",
    ),
    _key(
        "copy-event",
        "Y",
        "copy_event",
        "Copy event",
        "Copy the whole event as plain text, as the detail pane shows it",
        show=False,
    ),
    _key(
        "in-source",
        "s",
        "in_source",
        "In source",
        "Show the selected quote inside its archived source, differences marked",
        show=False,
    ),
    _key(
        "next-quote",
        "full_stop",
        "quote(1)",
        "Next quote",
        "Select the next quote (what y copies)",
        show=False,
        display=".",
    ),
    _key(
        "previous-quote",
        "comma",
        "quote(-1)",
        "Previous quote",
        "Select the previous quote",
        show=False,
        display=",",
    ),
    _key(
        "edit",
        "e",
        "app.edit",
        "Edit",
        "Open $VISUAL or $EDITOR at the selected event (or the first problem)",
        show=False,
    ),
    _key(
        "lanes",
        "v",
        "toggle_view",
        "Lanes",
        "Switch between the list and the lanes view (time across the screen)",
    ),
    _key(
        "warnings",
        "exclamation_mark",
        "list_warnings",
        "Warnings",
        "List what reading the file assumed or ignored (its warnings), to go to one",
        show=False,
        display="!",
    ),
    _key("reload", "r", "app.reload", "Reload", "Reload the file now (it also reloads by itself)"),
    _key(
        "search",
        "slash",
        "search",
        "Search",
        "Search titles, quotes, speakers, tags, context, sources",
        display="/",
        priority=True,  # see _OPENS_A_PROMPT
    ),
    _key("next-match", "n", "match(1)", "Next match", "Go to the next search match", show=False),
    _key(
        "previous-match",
        "N",
        "match(-1)",
        "Previous match",
        "Go to the previous search match",
        show=False,
    ),
    _key(
        "matches",
        "M",
        "list_matches",
        "Matches",
        "List every event the search matches, to pick one",
        show=False,
    ),
    _key(
        "clear-search",
        "escape",
        "clear_search",
        "Clear search",
        "Clear the search and its highlights",
        show=False,
    ),
    _key(
        "filter", "f", "filter", "Filter", "Filter by kind, speaker, group, tag, status and dates"
    ),
    _key(
        "clear-filters", "F", "clear_filter", "Clear filters", "Show every event again", show=False
    ),
    _key(
        "bookmark",
        "m",
        "bookmark",
        "Mark",
        "Mark the selected event (or unmark it)",
        show=False,
    ),
    _key(
        "next-bookmark",
        "apostrophe",
        "step_bookmark(1)",
        "Next mark",
        "Go to the next marked event",
        show=False,
        display="'",
    ),
    _key(
        "previous-bookmark",
        "quotation_mark",
        "step_bookmark(-1)",
        "Previous mark",
        "Go to the previous marked event",
        show=False,
        display='"',
    ),
    _key(
        "zoom-in",
        "z",
        "zoom(-1)",
        "Zoom in",
        "Overview strip: finer scale (century → decade → year → month → week → day → hour)",
        show=False,
    ),
    _key(
        "zoom-out",
        "Z",
        "zoom(1)",
        "Zoom out",
        "Overview strip: coarser scale (hour → day → … → century)",
        show=False,
    ),
    _key(
        "date",
        "d,colon",
        "go_to_date",
        "Date",
        "Jump to the event nearest a date (“july 16”, “2018-07”)",
        priority=True,  # see _OPENS_A_PROMPT
    ),
    _key(
        "previous-day",
        "left_square_bracket",
        "step_day(-1)",
        "Previous day",
        "Previous day that has events (“before” or “after” a day is one of its own)",
        show=False,
        display="[",
    ),
    _key(
        "next-day",
        "right_square_bracket",
        "step_day(1)",
        "Next day",
        "Next day that has events (“before” or “after” a day is one of its own)",
        show=False,
        display="]",
    ),
    _key(
        "previous-month",
        "left_curly_bracket",
        "step_month(-1)",
        "Previous month",
        "Previous month that has events",
        show=False,
        display="{",
    ),
    _key(
        "next-month",
        "right_curly_bracket",
        "step_month(1)",
        "Next month",
        "Next month that has events",
        show=False,
        display="}",
    ),
    *[
        _key(f"follow-{n}", str(n), f"follow({n})", f"Follow related {n}", "", show=False)
        for n in range(2, 10)
    ],
]
