"""Every key of the main screen, with what it does (the rail's and the detail pane's own
keys are in their widgets). The footer, the help screen and the command palette all
list these, so each binding's description says what it does.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

READING: list[BindingType] = [
    Binding("q", "app.quit", "Quit", tooltip="Quit the viewer"),
    Binding("question_mark", "app.help", "Help", key_display="?", tooltip="This help"),
    Binding(
        "tab",
        "app.switch_pane",
        "Pane",
        priority=True,
        tooltip="Move focus between the timeline and the detail pane",
    ),
    Binding("enter", "follow(1)", "Follow", tooltip="Go to the first related event"),
    Binding("backspace", "history_back", "Back", tooltip="Go back to where you followed from"),
    Binding("o", "open_source", "Open source", tooltip="Open the source link in the browser"),
    Binding(
        "y",
        "copy_quote",
        "Copy quote",
        tooltip="Copy the selected quote with its attribution and date",
    ),
    Binding(
        "Y",
        "copy_event",
        "Copy event",
        show=False,
        tooltip="Copy the whole event as plain text",
    ),
    Binding(
        "s",
        "in_source",
        "In source",
        show=False,
        tooltip="Show the selected quote inside its archived source, differences marked",
    ),
    Binding(
        "full_stop",
        "quote(1)",
        "Next quote",
        show=False,
        key_display=".",
        tooltip="Select the next quote (what y copies)",
    ),
    Binding(
        "comma",
        "quote(-1)",
        "Previous quote",
        show=False,
        key_display=",",
        tooltip="Select the previous quote",
    ),
    Binding(
        "v",
        "toggle_view",
        "Lanes",
        tooltip="Switch between the list and the lanes view (time across the screen)",
    ),
    Binding("r", "app.reload", "Reload", tooltip="Reload the file now (it also reloads by itself)"),
    Binding(
        "slash",
        "search",
        "Search",
        key_display="/",
        tooltip="Search titles, quotes, speakers, tags, context, sources",
    ),
    Binding("n", "match(1)", "Next match", show=False, tooltip="Go to the next search match"),
    Binding(
        "N",
        "match(-1)",
        "Previous match",
        show=False,
        tooltip="Go to the previous search match",
    ),
    Binding(
        "escape",
        "clear_search",
        "Clear search",
        show=False,
        tooltip="Clear the search and its highlights",
    ),
    Binding("f", "filter", "Filter", tooltip="Filter by kind, speaker, group, tag and dates"),
    Binding("F", "clear_filter", "Clear filters", show=False, tooltip="Show every event again"),
    Binding(
        "z",
        "zoom(-1)",
        "Zoom in",
        show=False,
        tooltip="Overview strip: finer scale (year → month → week → day)",
    ),
    Binding("Z", "zoom(1)", "Zoom out", show=False, tooltip="Overview strip: coarser scale"),
    Binding(
        "d,colon",
        "go_to_date",
        "Date",
        tooltip="Jump to the event nearest a date (“july 16”, “2018-07”)",
    ),
    Binding(
        "left_square_bracket",
        "step_day(-1)",
        "Previous day",
        show=False,
        key_display="[",
        tooltip="Previous day that has events",
    ),
    Binding(
        "right_square_bracket",
        "step_day(1)",
        "Next day",
        show=False,
        key_display="]",
        tooltip="Next day that has events",
    ),
    Binding(
        "left_curly_bracket",
        "step_month(-1)",
        "Previous month",
        show=False,
        key_display="{",
        tooltip="Previous month that has events",
    ),
    Binding(
        "right_curly_bracket",
        "step_month(1)",
        "Next month",
        show=False,
        key_display="}",
        tooltip="Next month that has events",
    ),
    *[Binding(str(n), f"follow({n})", f"Follow related {n}", show=False) for n in range(2, 10)],
]
