"""How events point at each other, and how a derived date was worked out."""

from __future__ import annotations

from typing import NamedTuple

from timeline.dates import format_iso, format_long
from timeline.model import Event, Qualifier, Timeline
from timeline.text import one_line


class Link(NamedTuple):
    """A related event the reader can follow from the detail pane."""

    label: str
    event: Event


def related(event: Event, timeline: Timeline) -> list[Link]:
    """Events linked to this one: what it replies to, then what replies to it."""
    links: list[Link] = []
    if event.in_reply_to:
        target = timeline.get(event.in_reply_to)
        if target is not None:
            links.append(Link("in reply to", target))
    links.extend(Link("replied to by", reply) for reply in timeline.replies_to(event.id))
    anchor = event.when.anchor
    if anchor and anchor != event.in_reply_to:
        target = timeline.get(anchor)
        if target is not None:
            links.append(Link("dated from", target))
    return links


def derivation(event: Event, timeline: Timeline) -> str:
    """How a date was worked out, for dates that are not plain ISO."""
    when = event.when
    written = one_line(when.written)
    if when.anchor:
        anchor = timeline.get(when.anchor)
        if anchor is None:
            return f"written as “{written}”, relative to {when.anchor}"
        target = f"“{one_line(anchor.title)}” ({format_long(anchor.when)})"
        if when.qualifier in (Qualifier.BEFORE, Qualifier.AFTER) and when.rule in (
            "before",
            "after",
        ):
            return f"written as “{written}”: only known to be {when.rule} {target}"
        return f"written as “{written}”: {when.rule} {target}"
    if written and written != format_iso(when) and not written.startswith(format_iso(when)):
        return f"written as “{written}”"
    return ""
