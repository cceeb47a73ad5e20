"""Several files as one timeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import NamedTuple

from timeline.model import Event, Timeline, chronological
from timeline.problems import Problem, closest, shown, shown_file
from timeline.read.resolve import out_of_order, reply_dated_after
from timeline.read.shared_ids import shared_ids
from timeline.store import Stored, fields_of
from timeline.text import file_name


class Ids(NamedTuple):
    """The files' ids as merging reads them (`ids_of`)."""

    own: list[set[str]]
    """Each file's ids."""
    renames: list[dict[str, str]]
    """Each file's ids that another file gives an event too, and what each becomes
    merged (see `merge`)."""
    merged: set[str]
    """Every id a file gives, and every id a rename gives."""
    shared: set[str]
    """The ids several files give: the merged timeline has them only renamed."""

    def in_merged(self, ident: str) -> bool:
        """Whether the merged timeline has an event of this id."""
        return ident in self.merged and ident not in self.shared


def ids_of(timelines: Sequence[Timeline]) -> Ids:
    """The files' ids, those several give, and what those become merged; read from the
    ids alone (a stored timeline's events are not made), with sets: counting every id
    took 0.9 s at 1,000,000 events, and both `merge` and `merge_problems` did."""
    own = [set(fields_of(timeline.events, "id")) for timeline in timelines]
    taken: set[str] = set()  # a prefixed id must not be one a file already gives an event
    shared: set[str] = set()
    for ids in own:
        shared |= ids & taken
        taken |= ids
    used: Counter[str] = Counter()
    found = []
    for timeline, ids in zip(timelines, own, strict=True):
        # As messages name it (`$'caf\\xe9.toml'` for a byte that is not UTF-8, which
        # no id could hold); a title made of the name is named so already.
        name = file_name(PurePath(timeline.files[0]).name) if timeline.files else timeline.title
        twice = ids & shared
        prefix = name
        while True:
            used[name] += 1
            if used[name] > 1:  # two files of one name, or the name and an id are taken
                prefix = f"{name}#{used[name]}"
            if not any(f"{prefix}:{i}" in taken for i in twice):
                break
        renamed = {i: f"{prefix}:{i}" for i in twice}
        taken.update(renamed.values())
        found.append(renamed)
    return Ids(own, found, taken, shared)


def merge(timelines: Sequence[Timeline], ids: Ids | None = None) -> Timeline:
    """One timeline from several: an id found in more than one file gets its file's name
    as a prefix ("b.toml:letter"; "b.toml#2:letter" for the second file of that name,
    or when another file already gives an event the id "b.toml:letter"), and links
    within that file follow the rename (`ids_of`, given as `ids` when read already).

    The name, not the path: ids are shown, linked and exported, and "/home/ana/b.toml:
    letter" would publish where the file was kept; the path stays in `Event.file`."""
    plan = (ids or ids_of(timelines)).renames
    # Imported here: every command and the viewer import this module as they start.
    from timeline.merged_rows import MergedRows, renaming

    ordered: Sequence[Event]
    if any(isinstance(timeline.events, Stored) for timeline in timelines):
        # Each event made from its file's when asked for: merged whole, 1,000,000
        # cached events and 10 more took 17.9 s and 1.9 GB to open.
        ordered = MergedRows(
            [timeline.events for timeline in timelines],
            plan,
            [timeline.files[0] if timeline.files else timeline.title for timeline in timelines],
        )
    else:
        events: list[Event] = []
        for timeline, renamed in zip(timelines, plan, strict=True):
            if renamed:
                events.extend(map(renaming(renamed), timeline.events))
            else:
                events.extend(timeline.events)
        ordered = chronological(events)
    first = timelines[0]
    return Timeline(
        title=" + ".join(t.title for t in timelines),
        events=ordered,
        summary=first.summary,
        timezone=first.timezone,
        source=first.source,
        eras=tuple(era for t in timelines for era in t.eras),
        media=first.media,
        files=tuple(f for t in timelines for f in t.files),
    )


def replies_of(events: Sequence[Event]) -> Iterator[tuple[str, str]]:
    """Each event's id and the id it answers ("" for none), from the columns when stored."""
    return zip(fields_of(events, "id"), fields_of(events, "in_reply_to"), strict=True)


def answered_elsewhere(
    replies: Iterable[tuple[str, str]], own: Container[str], elsewhere: Callable[[str], bool]
) -> dict[str, str]:
    """The events of `replies` (`replies_of`) that answer an id not of their own file
    (`own`) but of another (`elsewhere`), each id with the id it answers: merged, the
    file's warning that the reply names no event no longer stands as it is."""
    return {
        ident: target
        for ident, target in replies
        if target and target not in own and elsewhere(target)
    }


def _name_of(timeline: Timeline) -> str:
    return timeline.files[0] if timeline.files else timeline.title


def replies_across(timelines: Sequence[Timeline], ids: Ids) -> dict[tuple[str, str], str | None]:
    """The replies naming no event of their own file, by file and id, with what is to
    be said of each once the files are merged, in place of its file's warning that it
    names no event: None when it is linked to another file's event and nothing is
    wrong; that it is dated before it, as its own file says of a reply to one of its
    own (`reply_dated_after`); or, when several other files give an event that id
    (each renamed, so the reply names none), which they are.

    The dates are read for those events alone, from the columns when stored."""
    elsewhere = [
        answered_elsewhere(replies_of(timeline.events), known, ids.merged.__contains__)
        for timeline, known in zip(timelines, ids.own, strict=True)
    ]
    if not any(elsewhere):
        return {}
    # Each id answered, with the files giving it an event and its id there: one file,
    # or several (each renamed), or the one whose renamed event it names ("b.toml:x").
    given = {
        new: [(m, old)] for m, renamed in enumerate(ids.renames) for old, new in renamed.items()
    }
    owners = {
        target: given.get(target)
        or [(m, target) for m, known in enumerate(ids.own) if target in known]
        for replies in elsewhere
        for target in replies.values()
    }
    wanted: list[set[str]] = [set(replies) for replies in elsewhere]
    for found_in in owners.values():
        if len(found_in) == 1:
            m, own = found_in[0]
            wanted[m].add(own)
    dates = [
        {
            ident: when
            for ident, when in zip(
                fields_of(timeline.events, "id"), fields_of(timeline.events, "when"), strict=True
            )
            if ident in want
        }
        if want
        else {}
        for timeline, want in zip(timelines, wanted, strict=True)
    ]
    said: dict[tuple[str, str], str | None] = {}
    for n, (timeline, replies) in enumerate(zip(timelines, elsewhere, strict=True)):
        for ident, target in replies.items():
            found_in = owners[target]
            if len(found_in) == 1:
                m, own = found_in[0]
                wrong = reply_dated_after(
                    dates[n][ident], target, dates[m][own], _name_of(timelines[m])
                )
            else:
                wrong = _renamed_away(
                    target, [(_name_of(timelines[m]), ids.renames[m][own]) for m, own in found_in]
                )
            for name in timeline.files:
                said[name, ident] = None if wrong is None else f"event {shown(ident)}: {wrong}"
    return said


def nearest_id(
    target: str, groups: Sequence[tuple[str, Collection[str]]]
) -> tuple[str, str] | None:
    """The id nearest `target` among these files' ids (each group: a file's name, ""
    for the file naming it, and the ids it can name there), with its file's name; None
    when none is near enough to be a slip."""
    near = closest(target, [ident for _, given in groups for ident in given])
    if near is None:
        return None
    return near, next(name for name, given in groups if near in given)


def reply_to_none(
    who: str, target: str, near: tuple[str, str] | None, unread: Sequence[str] = ()
) -> str:
    """What is said, merged, of a reply (`who`) naming `target`, which no event of the
    files gives: the nearest id of any of them (`near`, from `nearest_id`), as one file
    alone suggests among its own (`resolve.unknown_reply`), and the files that did not
    load (`unread`), which may give it."""
    said = f"{who}: in_reply_to names {shown(target)}, which is not the id of any event"
    if unread:
        files = " and ".join(map(shown_file, unread))
        said += f" of the files read; {files} did not load, and may give it"
    if near is not None:
        ident, name = near
        said += f"; did you mean {ident!r}" + (f" (in {shown_file(name)})" if name else "") + "?"
    return said


def replies_to_none(timelines: Sequence[Timeline], ids: Ids) -> dict[tuple[str, str], str]:
    """The replies naming an id no file gives whose nearest id is another file's, by
    file and id, with what to say of each in place of its file's warning, which
    suggests only its own ids: after an id was renamed in one file, a reply from another
    said no more than that it names no event (found trying the tool as a new user)."""
    said: dict[tuple[str, str], str] = {}
    for n, (timeline, own) in enumerate(zip(timelines, ids.own, strict=True)):
        lost = [
            (ident, target)
            for ident, target in replies_of(timeline.events)
            if target and target not in own and target not in ids.merged
        ]
        if not lost:
            continue
        # What the file can name: its own ids, and the others' as merged (renamed).
        groups: list[tuple[str, Collection[str]]] = [("", own)]
        groups += [
            (_name_of(other), (given - ids.shared) | set(renamed.values()))
            for m, (other, given, renamed) in enumerate(
                zip(timelines, ids.own, ids.renames, strict=True)
            )
            if m != n
        ]
        for ident, target in lost:
            near = nearest_id(target, groups)
            if near is not None and near[1]:  # else as its file said it
                for name in timeline.files:
                    said[name, ident] = reply_to_none(f"event {shown(ident)}", target, near)
    return said


def _renamed_away(target: str, renamed: list[tuple[str, str]]) -> str:
    """What to say of a reply naming an id that several other files give an event:
    merged, each of those is renamed (`renamed`: each file and its event's new id)."""
    files = ", ".join(shown_file(name) for name, _ in renamed[:-1])
    files += f" and {shown_file(renamed[-1][0])}"
    now = ", ".join(shown(new) for _, new in renamed[:-1]) + f" and {shown(renamed[-1][1])}"
    return (
        f"in_reply_to names {shown(target)}, which {files} each give an event, so that "
        f"merged each is renamed ({now}) and the reply answers none of them; give the "
        "event it answers an id no other file gives"
    )


def _not_merged(name: str, part: str, first: str) -> Problem:
    """The warning that a later file's summary, source, media or time zone (`part`) is
    not the merged timeline's, which shows the first file's: at its field, as the file's
    own problems of it are (`timeline.summary` in our TOML; the title slide's key in
    TimelineJS JSON, its column in a spreadsheet), one for each."""
    suffix = PurePath(name).suffix.lower()
    if suffix in (".json", ".csv"):
        # The title slide holds its summary, its source paragraph and, hidden, its zone
        # in its text; its media in its own keys.
        field = "media" if part == "media" else "text.text"
        if suffix == ".csv":
            from timeline.read.csv import field_name

            field = field_name(field)
        said = f"the title slide's {part} ({field!r}) is"
    else:
        field = f"timeline.{part}"
        said = f"[timeline] field {part!r} of this file is"
    message = (
        f"{said} not the merged timeline's, which takes it from the first file given "
        f"({shown_file(first)}); each event keeps its own dates and sources"
    )
    return Problem("warning", message, name, field=field)


def merge_problems(
    timelines: Sequence[Timeline],
    problems: list[Problem],
    merged: Timeline | None = None,
    ids: Ids | None = None,
) -> list[Problem]:
    """The files' problems as they stand once merged: a reply each file found naming no
    event of its own is no longer warned about when another file's event has that id
    (the merged timeline links them), unless it is dated before that event, which is
    then said where that warning was (`replies_across`); one naming no event of any
    file suggests the nearest id of all of them (`replies_to_none`); an id several
    files give is said, and so are the links naming it (`shared_ids`); what of a later
    file's `[timeline]` the merged one does not show is said, and so are times of the
    files' different zones that the merged order lists after a later moment.

    Found from the files' ids, links and dates (`ids_of`, given as `ids` when read
    already), without `merge` (given as `merged` when it is made anyway) unless times
    of several zones need the merged order: merging made every event of a stored
    timeline (`timeline check` of 1,000,000 events and 100,000 more took 83 s and
    1.9 GB)."""
    ids = ids or ids_of(timelines)
    across: dict[tuple[str, str], str | None] = {
        **replies_across(timelines, ids),
        **replies_to_none(timelines, ids),
    }
    kept: list[Problem] = []
    placed: set[tuple[str, str]] = set()
    for problem in problems:
        key = (problem.file, problem.event)
        if problem.field != "in_reply_to" or key not in across:
            kept.append(problem)
            continue
        said = across[key]
        if said is not None and key not in placed:  # at the reply's in_reply_to
            kept.append(problem._replace(message=said))
            placed.add(key)
    # Every reader warns of a reply naming no event of its file, so each is placed
    # above; one that was not is said at its file all the same.
    kept += [
        Problem("warning", said, file, 0, 0, ident, "in_reply_to")
        for (file, ident), said in across.items()
        if said is not None and (file, ident) not in placed
    ]
    names = [_name_of(timeline) for timeline in timelines]
    kept += shared_ids(timelines, names, ids.own, ids.renames, ids.shared)
    first = timelines[0]
    shown_from = _name_of(first)
    for timeline in timelines[1:]:
        for part, value, merged_value in (
            ("summary", timeline.summary, first.summary),
            ("source", timeline.source, first.source),
            ("media", timeline.media, first.media),
            ("timezone", timeline.timezone, first.timezone),
        ):
            if value and value != merged_value and timeline.files:
                kept.append(_not_merged(timeline.files[0], part, shown_from))
    zones = {when.tz for timeline in timelines for when in fields_of(timeline.events, "when")}
    zones.discard(None)
    if len(zones) < 2:  # (`out_of_order` would find nothing)
        return kept
    found = out_of_order((merged or merge(timelines, ids)).events, merged=True)
    if found is None:
        return kept
    # Not again when it is a pair of one file, which that file's own check has said at
    # the event's date, advised for that file: the merged advice is worded otherwise,
    # so the pair is compared, not the message (`timeline check` of such a file and
    # another said it twice).
    file = found.event.file or shown_from
    if not any(
        problem.file == file
        and problem.event == found.event.id
        and problem.message.startswith(f"{found.finding};")
        for problem in kept
    ):
        kept.append(
            Problem("warning", found.said, file, found.event.line, 1, found.event.id, "date")
        )
    return kept
