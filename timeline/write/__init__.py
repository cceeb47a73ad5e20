"""Model -> files: TOML, TimelineJS JSON and CSV, Markdown, JSON, HTML, pictures; written
atomically.

Each text format is a module with `dumps(timeline, *, private=False) -> str`, imported
only when asked for. `private` is for the research team: an event's research notes are
written only with it (and the HTML page shows where each event was read). The pictures (SVG, PNG, PDF) are bytes, drawn by `picture.dumps` with matplotlib,
which only they import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from timeline.model import Event, Timeline, When

#: The text formats `export --to` writes, each the name of its module here.
TEXTS = ("json", "timelinejs", "csv", "markdown", "html")

#: The pictures `export --to` draws (`picture.PICTURES`, named here so that the command
#: line does not import the drawing code to list them).
PICTURES = ("svg", "png", "pdf")

#: Every format `export --to` knows.
FORMATS = TEXTS + PICTURES

#: The text formats written an event at a time (`render_chunks`), so that a large
#: timeline's events can be read from the cache as they are written.
STREAMED = ("timelinejs", "csv", "json")


def render_chunks(
    timeline: Timeline, to: str, *, private: bool = False, events: Iterable[Event] | None = None
) -> Iterator[str]:
    """What `render` gives for one of STREAMED, a piece at a time; `events` stands for
    the timeline's own when given."""
    if to == "timelinejs":
        from timeline.write import timelinejs

        return timelinejs.chunks(timeline, private=private, events=events)
    if to == "csv":
        from timeline.write import csv

        return csv.chunks(timeline, private=private, events=events)
    if to == "json":
        from timeline.write import json

        return json.chunks(timeline, private=private, events=events)
    raise ValueError(f"{to} is not written a piece at a time")


def render(
    timeline: Timeline, to: str, *, private: bool = False, everything: Timeline | None = None
) -> str:
    """The timeline in one of TEXTS; research notes only when `private`. `everything` is
    the whole timeline when a filter kept `timeline`'s events: Markdown and HTML name
    related events left out by their titles."""
    if to in PICTURES:
        raise ValueError(f"{to} is a picture: draw it with render_picture")
    if to == "timelinejs":
        from timeline.write import timelinejs

        return timelinejs.dumps(timeline, private=private)
    if to == "csv":
        from timeline.write import csv

        return csv.dumps(timeline, private=private)
    if to == "markdown":
        from timeline.write import markdown

        return markdown.dumps(timeline, private=private, everything=everything)
    if to == "html":
        from timeline.write import html

        return html.dumps(timeline, private=private, everything=everything)
    from timeline.write import json

    return json.dumps(timeline, private=private)


def render_picture(
    timeline: Timeline,
    to: str,
    *,
    width: str | None = None,
    span: tuple[When | None, When | None] = (None, None),
    notes: list[str] | None = None,
) -> bytes:
    """The timeline as a picture in one of PICTURES (see `timeline.write.picture`).

    Args:
        timeline: The events to draw.
        to: "svg", "png" or "pdf".
        width: As `--width` takes it: pixels ("1200", "1200px") or inches ("8in").
        span: The first and last dates to draw (`When`s, from the `from` and `to`
            filters), each None for the timeline's own.
        notes: Given, what the picture says it leaves out is added to it.

    Raises:
        picture.PictureError: A width that cannot be read, or a format that is not a
            picture; the message says what is valid.
    """
    from timeline.write import picture

    inches = picture.DEFAULT_WIDTH if width is None else picture.parse_width(width)
    start, end = span
    return picture.dumps(timeline, to, width=inches, span=picture.Span(start, end), notes=notes)
