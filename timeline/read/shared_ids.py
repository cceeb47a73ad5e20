"""Ids several merged files give: said where they are, and so are the links naming them.

Merged, an id found in more than one file is renamed in each (`merge.ids_of`), and
each file's links follow its own event. That is what each file means read alone, but
it was done without a word: an event copied into another file and not deleted from
the first was shown twice, and a reply to another file's event silently answered a
new event of its own file given the same id (found trying the tool as a new user).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from timeline.model import Event, Timeline
from timeline.problems import Problem, shown
from timeline.store import fields_of


def _places(found: list[tuple[str, int]]) -> str:
    """`the event on line 5 of 'a.toml'`, or of several: `the events on line 5 of
    'a.toml' and line 9 of 'c.toml'`."""
    # (Paths, whole: `shown` cuts long text.)
    each = [f"line {line} of {name!r}" if line else repr(name) for name, line in found]
    listed = each[0] if len(each) == 1 else ", ".join(each[:-1]) + f" and {each[-1]}"
    return f"the event{'s' if len(each) > 1 else ''} on {listed}"


class _Mentions:
    """Of one file, its events giving a shared id (each with its line) and its links
    naming one (the event's id and line, the field and the id named)."""

    def __init__(self, events: Sequence[Event], shared: set[str]) -> None:
        given: dict[str, int] = {}  # id -> index
        linking: list[tuple[int, str, str, str]] = []  # (index, id, field, id named)
        # From the columns when stored, without making the events (merging makes none).
        for i, (ident, reply, when, end) in enumerate(
            zip(
                fields_of(events, "id"),
                fields_of(events, "in_reply_to"),
                fields_of(events, "when"),
                fields_of(events, "end"),
                strict=True,
            )
        ):
            if ident in shared:
                given.setdefault(ident, i)
            if reply in shared:
                linking.append((i, ident, "in_reply_to", reply))
            anchors = {when.anchor, end.anchor if end is not None else None} & shared
            linking += [(i, ident, "relative_to", anchor) for anchor in sorted(anchors)]
        # Their lines: from the rows when stored, read as far as the last one wanted.
        lines = dict.fromkeys([*given.values(), *(i for i, *_ in linking)], 0)
        for i, line in enumerate(islice(fields_of(events, "line"), max(lines, default=-1) + 1)):
            if i in lines:
                lines[i] = line
        self.given = {ident: lines[i] for ident, i in given.items()}
        self.linking = [(ident, lines[i], field, named) for i, ident, field, named in linking]


def shared_ids(
    timelines: Sequence[Timeline],
    names: Sequence[str],
    own: Sequence[set[str]],
    renames: Sequence[dict[str, str]],
    shared: set[str],
) -> list[Problem]:
    """What to say of the ids several of the files give: at each file's event of one
    but the first file's, where the others are, that merged each is renamed, and what
    to do (one event given twice, or two events of one id); at each link naming one,
    from a file giving it too, that it goes to that file's own event.

    A reply naming one that its own file does not give answers none of them merged,
    which `merge.replies_across` says. `names` are the files' names, as messages give
    them; `own`, `renames` and `shared` are `merge.Ids`'s."""
    if not shared:
        return []
    mentions = [
        _Mentions(timeline.events, shared & given) if shared & given else None
        for timeline, given in zip(timelines, own, strict=True)
    ]
    # Each shared id with every (file number, line) giving it, in the files' order.
    where: dict[str, list[tuple[int, int]]] = {}
    for n, found in enumerate(mentions):
        if found is not None:
            for ident, line in found.given.items():
                where.setdefault(ident, []).append((n, line))
    said: list[Problem] = []
    for n, found in enumerate(mentions):
        if found is None:
            continue
        name = names[n]
        for ident, line in found.given.items():
            if where[ident][0][0] == n:
                continue  # said at the others
            others = [(names[m], at) for m, at in where[ident] if m != n]
            renamed = ", ".join(shown(renames[m][ident]) for m, _ in where[ident])
            said.append(
                Problem(
                    "warning",
                    f"event {shown(ident)}: the id is also that of {_places(others)}; merged, "
                    f"each is renamed ({renamed}) and each file's links go to its own "
                    "event: if they are one event given twice, delete one, else give one "
                    "of them another id",
                    name,
                    line,
                    1,
                    ident,
                    "id",
                )
            )
        for linked, line, field, named in found.linking:
            others = [(names[m], at) for m, at in where[named] if m != n]
            mine = f"line {found.given[named]}, renamed {shown(renames[n][named])}"
            if field == "in_reply_to":
                what = (
                    f"merged, it answers this file's own ({mine}), as read alone: if it "
                    "answers the other, give the two events different ids"
                )
            else:
                what = (
                    f"the date is counted from this file's own ({mine}): a date is counted "
                    "only from an event of its own file"
                )
            said.append(
                Problem(
                    "warning",
                    f"event {shown(linked)}: {field} names {shown(named)}, which is also "
                    f"the id of {_places(others)}; {what}",
                    name,
                    line,
                    1,
                    linked,
                    field,
                )
            )
    return sorted(said, key=lambda problem: problem.line)  # each file's in its order
