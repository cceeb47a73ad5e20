"""How events point at each other: what one replies to, what replies to it, what it is
dated from."""

from __future__ import annotations

from typing import NamedTuple

from timeline.model import Event, Timeline


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
