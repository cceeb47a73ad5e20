"""Model -> files: TOML, TimelineJS JSON and CSV, Markdown, JSON, HTML; written atomically.

Each format is a module with `dumps(timeline) -> str`, imported only when asked for.
"""

from __future__ import annotations

from timeline.model import Timeline

#: The formats `export --to` writes, each the name of its module here.
FORMATS = ("json", "timelinejs", "csv", "markdown", "html")


def render(timeline: Timeline, to: str) -> str:
    """The timeline in one of FORMATS."""
    if to == "timelinejs":
        from timeline.write import timelinejs

        return timelinejs.dumps(timeline)
    if to == "csv":
        from timeline.write import csv

        return csv.dumps(timeline)
    if to == "markdown":
        from timeline.write import markdown

        return markdown.dumps(timeline)
    if to == "html":
        from timeline.write import html

        return html.dumps(timeline)
    from timeline.write import json

    return json.dumps(timeline)
