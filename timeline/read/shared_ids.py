"""Ids several merged files give: said where they are, and so are the links naming them.

Merged, an id found in more than one file is renamed in each (`merge.ids_of`), and
each file's links follow its own event. That is what each file means read alone, but
it was done without a word: an event copied into another file and not deleted from
the first was shown twice, and a reply to another file's event silently answered a
new event of its own file given the same id (found trying the tool as a new user).

An id the reader never wrote, made from a title (`resolve.unique_ids`: "Press
conference" is `press-conference`), is another matter: two files each with a press
conference on another day give it twice, and renaming ids no one wrote or names
changes nothing anyone reads; one file alone numbers them (`-2`) without a word. So
of such an id, only what the reader wrote is said: a link naming it (which event it
goes to), an id written in another file that it makes renamed, or the same title on
the same date in two files, an event most likely given twice. Whether an id was made
from its title is read from the id itself (its title's, or that and `-2`...): one
written so is the title's all the same, and said of in its terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from timeline.dates.show import format_medium
from timeline.model import Event, Timeline, When
from timeline.problems import Problem, shown, shown_file
from timeline.read.resolve import slugify
from timeline.store import fields_of


class _Giver(NamedTuple):
    """An event giving a shared id: its line, title and dates."""

    line: int
    title: str
    when: When
    end: When | None

    def dated(self) -> str:
        return format_medium(self.when) + (
            f" – {format_medium(self.end)}" if self.end is not None else ""
        )


def made_from_title(ident: str, title: str) -> bool:
    """Whether the id is the one an event of this title gets when it gives none: the
    title's slug, or that and `-2`, `-3`... (`resolve.unique_ids`)."""
    slug = slugify(title)
    if ident == slug:
        return True
    number = ident[len(slug) + 1 :] if ident.startswith(slug + "-") else ""
    return number.isdigit() and number[0] != "0"


def _place(name: str, line: int) -> str:
    return f"line {line} of {shown_file(name)}" if line else shown_file(name)


def _places(found: list[tuple[str, _Giver, bool]]) -> str:
    """`the event on line 5 of 'a.toml'`, or of several: `the events on line 5 of
    'a.toml' and line 9 of 'c.toml'`; an id made from a title is said to be, with the
    title: `the event on line 5 of 'a.toml' ('Protest', whose id is made from its title)`."""
    each = [
        _place(name, giver.line)
        + (f" ({shown(giver.title)}, whose id is made from its title)" if made else "")
        for name, giver, made in found
    ]
    return _the_events(each)


def _the_events(places: list[str]) -> str:
    """`the event on line 5 of 'a.toml'`, `the events on line 5 of 'a.toml' and ...`."""
    listed = places[0] if len(places) == 1 else ", ".join(places[:-1]) + f" and {places[-1]}"
    return f"the event{'s' if len(places) > 1 else ''} on {listed}"


class _Mentions:
    """Of one file, its events giving a shared id (each with its line, title and dates)
    and its links naming one (the event's id and line, the field and the id named)."""

    def __init__(self, events: Sequence[Event], shared: set[str]) -> None:
        given: dict[str, int] = {}  # id -> index
        dates: dict[int, tuple[When, When | None]] = {}  # index -> its dates, if giving one
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
            if ident in shared and given.setdefault(ident, i) == i:
                dates[i] = (when, end)
            if reply in shared:
                linking.append((i, ident, "in_reply_to", reply))
            anchors = {when.anchor, end.anchor if end is not None else None} & shared
            linking += [(i, ident, "relative_to", anchor) for anchor in sorted(anchors)]
        # Their lines: from the rows when stored, read as far as the last one wanted.
        lines = dict.fromkeys([*given.values(), *(i for i, *_ in linking)], 0)
        for i, line in enumerate(islice(fields_of(events, "line"), max(lines, default=-1) + 1)):
            if i in lines:
                lines[i] = line
        # The titles of those giving one, as far as the last one.
        titles = dict.fromkeys(given.values(), "")
        last = max(titles, default=-1) + 1
        for i, title in enumerate(islice(fields_of(events, "title"), last)):
            if i in titles:
                titles[i] = title
        self.given = {ident: _Giver(lines[i], titles[i], *dates[i]) for ident, i in given.items()}
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
    # Each shared id with every (file number, event) giving it, in the files' order.
    where: dict[str, list[tuple[int, _Giver]]] = {}
    for n, found in enumerate(mentions):
        if found is not None:
            for ident, giver in found.given.items():
                where.setdefault(ident, []).append((n, giver))

    def others_of(ident: str, n: int) -> list[tuple[str, _Giver, bool]]:
        return [(names[m], g, made_from_title(ident, g.title)) for m, g in where[ident] if m != n]

    said: list[Problem] = []
    for n, found in enumerate(mentions):
        if found is None:
            continue
        name = names[n]
        for ident, giver in found.given.items():
            if where[ident][0][0] == n:
                continue  # said at the others
            message = _given_twice(
                ident, giver, others_of(ident, n), [renames[m][ident] for m, _ in where[ident]]
            )
            if message:
                said.append(Problem("warning", message, name, giver.line, 1, ident, "id"))
        for linked, line, field, named in found.linking:
            others = others_of(named, n)
            its = found.given[named]
            title = (
                f"{shown(its.title)}, whose id is made from its title, "
                if made_from_title(named, its.title)
                else ""
            )
            mine = f"line {its.line}, {title}renamed {shown(renames[n][named])}"
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


def _given_twice(
    ident: str, giver: _Giver, others: list[tuple[str, _Giver, bool]], renamed: list[str]
) -> str:
    """What is said at an event giving an id other files' events give too (`others`,
    each with whether its id is made from its title); "" when nothing the reader wrote
    is at stake (see the module's doc)."""
    made = made_from_title(ident, giver.title)
    titled = sum(made_other for *_, made_other in others) + made
    if titled == len(others) + 1:
        # Ids no one wrote: only an event given twice is worth a word, in its terms.
        twice = [
            _place(name, other.line)
            for name, other, _ in others
            if other.title == giver.title and other.dated() == giver.dated()
        ]
        if not twice:
            return ""
        return (
            f"event {shown(ident)}: {_the_events(twice)} {'have' if len(twice) > 1 else 'has'} "
            f"the same title ({shown(giver.title)}) and date ({giver.dated()}): if they are "
            "one event given twice, delete one (merged, each is shown)"
        )
    if titled:
        each = "each event" if titled > 1 else "the event"
        advice = (
            f"give {each} whose id is made from its title an id of its own, and the one "
            "written is no longer renamed"
        )
    else:
        advice = "if they are one event given twice, delete one, else give one of them another id"
    the_id = f"the id made from its title ({shown(giver.title)})" if made else "the id"
    return (
        f"event {shown(ident)}: {the_id} is also that of {_places(others)}; merged, each "
        f"is renamed ({', '.join(map(shown, renamed))}) and each file's links go to its "
        f"own event: {advice}"
    )
