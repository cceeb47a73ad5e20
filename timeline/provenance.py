"""What is said of a source besides its label and link, in one wording for every
output: the viewer, the printout, the clipboard and every export (TimelineJS's source
paragraphs and cites too), so that each shows what a source has ("(primary; accessed
20 Jul 2018; archived copy: sources/raices.html)"), and a source known only by its
saved copy is never shown as an empty "Source: "."""

from __future__ import annotations

from collections.abc import Callable

from timeline.dates import format_medium
from timeline.model import Source
from timeline.text import one_line


def source_facts(source: Source) -> list[tuple[str, str]]:
    """What is known of a source besides its label and link, in the order every output
    gives it, as (words, value): ("", "primary"), ("accessed ", "20 Jul 2018"),
    ("archived copy: ", "sources/raices.html"). Values are as the file wrote them:
    each output makes them safe its own way."""
    facts: list[tuple[str, str]] = []
    if source.kind:
        facts.append(("", source.kind))
    if source.accessed is not None:
        facts.append(("accessed ", format_medium(source.accessed)))
    if source.archive:
        facts.append(("archived copy: ", source.archive))
    return facts


def facts_text(source: Source, line: Callable[[str], str] = one_line) -> str:
    """ "primary; accessed 20 Jul 2018; archived copy: sources/raices.html", each value
    made safe by `line`; "" when nothing is known."""
    return "; ".join(words + line(value) for words, value in source_facts(source))
