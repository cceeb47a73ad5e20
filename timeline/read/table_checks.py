"""A table checked against its record: every field looked at, every problem said with
its place, and the values of the fields that are right.

The checked way of reading an event (`EventReader.check`, timeline/read/records.py)
checks its table and the records inside it (its quotes, sources, media) here, as the
[timeline] table's source and media are (timeline/read/toml_header.py). The checks
walk the records' description (timeline/schema.py): which keys exist, which are
strings, which are tables of which record, which a file must give.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from timeline.dates import DateError, read_date
from timeline.dates.errors import ABSOLUTE_FORMS, QUOTE_FORMS, VALID_FORMS, WITH_RELATIVE_TO
from timeline.dates.patterns import on_first_use
from timeline.links import refusal
from timeline.model import EVENT
from timeline.problems import Severity, describe, shown, suggest, suggest_aside
from timeline.read.event_checks import read_after_today
from timeline.schema import Field, Kind, Record, blank, links_in, record_of
from timeline.text import visible

#: Reports a problem: severity, message, the key it concerns ("" for the table; a
#: table's key inside the table it is in, "source.url"), and for a key inside the
#: event's nth quote or source, its place: ("quotes", n), ("sources", n); ("", 0) for
#: the event's own keys.
Place = tuple[str, int]
Report = Callable[[Severity, str, str, Place], None]
HERE: Place = ("", 0)


def field_path(key: str, place: Place) -> str:
    """Where a reported key is, as `check --format json` names it: `date`,
    `source.url`, and inside the nth item of an array of tables `quotes[0].date`
    (counted from 0, as JSON and jq count; messages say "quote 1"); `quotes[0]` for
    the item itself."""
    sub, n = place
    if not n:
        return key
    item = f"{sub}[{n - 1}]"
    return f"{item}.{key}" if key else item


#: Reports from inside a table: severity, message, key, place.
Say = Callable[..., None]
#: Reads a date field inside a table: (field, value, say, place) -> a When, None (to be
#: dated later) or `WRONG` (having said why).
DateReader = Callable[[Field, object, Say, Place], object]

#: What a check gives for a value that is not right (having said why).
WRONG = object()


def check_table(
    record: Record,
    raw: dict[str, Any],
    say: Say,
    *,
    path: str = "",
    place: Place = HERE,
    special: frozenset[str] = frozenset(),
    dates: DateReader | None = None,
) -> dict[str, Any]:
    """Check a table against its record; the values of the fields that are right, by name.

    Args:
        record: What the table should be.
        raw: The table.
        say: Reports (severity, message, key, place).
        path: The table's place in its parent, for messages ("source." for an event's
            source, so a field is named 'source.label').
        place: For a quote or a source of an event's arrays, which one (messages locate it).
        special: Keys checked by the caller: left alone here.
        dates: Reads date fields; without it they are the caller's.
    """
    for key in sorted(raw.keys() - record.key_set):
        if record.strict:
            # ("...; did you mean 'text'?; quotes take ..." read badly: the hint aside.)
            *most, last = (repr(k) for k in record.keys)
            say(
                "error",
                f"unknown field {shown(path + key)}{suggest_aside(key, record.keys)}; a "
                f"{record.name} takes {', '.join(most)} or {last}, and no other: a "
                f"misspelt key could attribute the words wrongly",
                path + key,
                place,
            )
        else:
            hint = suggest(key, record.keys)
            say(
                "warning", f"unknown field {shown(path + key)} was ignored{hint}", path + key, place
            )
    values: dict[str, Any] = {}
    for field in record.fields:
        if not field.key or field.key in special:
            continue
        value = raw.get(field.key)
        if value is None:
            if field.required and field.kind is not Kind.DATE:
                say(
                    "error",
                    f"missing required field {shown(path + field.key)}",
                    path + field.key,
                    place,
                )
            continue
        if field.kind is Kind.DATE:
            if dates is None:
                continue
            # Named by its path (a message's 'source.accessed', a problem's field).
            checked = dates(
                field._replace(key=path + field.key) if path else field, value, say, place
            )
        else:
            checked = check_value(field, value, say, path=path, place=place, dates=dates)
        if checked is not WRONG:
            values[field.name] = checked
    return values


_KEEP_WORDS = on_first_use(r",? (?:and )?keep the [\w ]+? in display_date")


def date_in_table(
    field: Field, value: object, say: Say, place: Place, zone: tzinfo | None
) -> object:
    """A date inside a table (a source's `accessed`, a quote's `date`): one date, what
    was assumed said as a warning; `WRONG`, having said why, when it cannot be read."""
    try:
        reading = read_date(value, zone)
    except DateError as exc:
        # The forms an event's date may take named relative_to, which a table has not
        # (found trying the tool): a quote's dates count from its event, a source's
        # `accessed` is absolute.
        # (Not a quote's source's `accessed`, which is a date of its own.)
        quote = place[0] == "quotes" and field.key == "date"
        said = str(exc).replace(VALID_FORMS, QUOTE_FORMS if quote else ABSOLUTE_FORMS)
        said = said.replace(WITH_RELATIVE_TO, " (counted from its event)" if quote else "")
        # Nor has a table a display_date: a quote keeps such words in its note, and a
        # source's access date has nowhere to keep them.
        said = said.replace("display_date", "its note") if quote else _KEEP_WORDS().sub("", said)
        say("error", f"field {shown(field.key)}: {said}", field.key, place)
        return WRONG
    if reading.end is not None:
        say("error", f"field {shown(field.key)} is a span; give one date", field.key, place)
        return WRONG
    for note in reading.notes:
        say("warning", f"field {shown(field.key)}: {note}", field.key, place)
    if field.name == "accessed":  # (its key may carry a path: "source.accessed")
        future = read_after_today(reading.start)
        if future is not None:
            say("warning", f"field {shown(field.key)}: {future}", field.key, place)
    return reading.start


def check_value(
    field: Field,
    value: object,
    say: Say,
    *,
    path: str = "",
    place: Place = HERE,
    dates: DateReader | None = None,
) -> Any:
    """A field's value when it is right; `WRONG`, having said why, when not."""
    name = path + field.key
    kind = field.kind

    def wrong(message: str = "") -> object:
        say(
            "error",
            message or f"field {shown(name)} must be {field.expected}, found {describe(value)}",
            name,
            place,
        )
        return WRONG

    if kind is Kind.TEXT:
        if type(value) is not str:
            return wrong()
        if field.is_blank(value):
            return wrong(blank_text(field, name, value))
        if field.link:
            reason = refusal(value)
            if reason:
                say("warning", f"field {shown(name)}: {shown(value)} {reason}", name, place)
        return value
    if kind is Kind.FLAG:
        return value if type(value) is bool else wrong()
    if kind is Kind.TEXTS:
        if type(value) is list and all(type(t) is str for t in value):
            blanks = [n for n, t in enumerate(value, 1) if field.is_blank(t)]
            if blanks:
                return wrong(blank_items(field, name, value, blanks))
            return tuple(value)
        if type(value) is str:
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return wrong(
                f'field {shown(name)} must be {kind.value}; write {field.key} = ["{visible(quoted)}"]'
            )
        if type(value) is list:
            # Which item is not a string: "found an array" alone sent the reader looking.
            n, item = next((n, t) for n, t in enumerate(value, 1) if type(t) is not str)
            return wrong(
                f"field {shown(name)} must be {kind.value}, found {describe(item)} as its "
                f"item {n}; write each item in quotes"
            )
        return wrong()
    if kind is Kind.RECORD:
        assert field.of is not None
        inner = record_of(field.of)
        if type(value) is str and inner.text_form is not None:
            if blank(value):
                return wrong(blank_text_form(inner, f"field {shown(name)}", value))
            made = inner.text_form(value)
            _said_links(inner, made, f"field {shown(name)}", say, name, place)
            return made
        if not isinstance(value, dict):
            return wrong()
        failed = False

        def inner_say(severity: Severity, message: str, key: str, where: Place) -> None:
            nonlocal failed
            failed = failed or severity == "error"
            say(severity, message, key, where)

        parts = check_table(inner, value, inner_say, path=f"{name}.", place=place, dates=dates)
        if failed:
            return WRONG
        built = inner.build(parts)
        if inner.names_nothing(built):
            return wrong(names_nothing(inner, f"field {shown(name)}", "or leave the field out"))
        return built
    if kind is Kind.RECORDS:
        assert field.of is not None
        inner = record_of(field.of)
        if not isinstance(value, list):
            return wrong()
        items = []
        ok = True
        for n, item in enumerate(value, start=1):
            # An item's own problems are at the item: `quotes[1]`, where it is written.
            at: Place = (field.key, n)
            if type(item) is str and inner.text_form is not None:
                if blank(item):
                    say("error", blank_text_form(inner, f"{inner.name} {n}", item), "", at)
                    ok = False
                else:
                    made = inner.text_form(item)
                    _said_links(inner, made, f"{inner.name} {n}", say, "", at)
                    items.append(made)
                continue
            if not isinstance(item, dict):
                say(
                    "error",
                    f"{inner.name} {n} must be {inner.help}, found {describe(item)}",
                    "",
                    at,
                )
                ok = False
                continue
            failed = False

            def item_say(
                severity: Severity, message: str, key: str, where: Place, n: int = n
            ) -> None:
                nonlocal failed
                failed = failed or severity == "error"
                say(severity, f"{inner.name} {n}: {message}", key, where)

            parts = check_table(inner, item, item_say, place=at, dates=dates)
            built = None if failed else inner.build(parts)
            if built is not None and inner.names_nothing(built):
                # At the table's header (`[[events.sources]]`), or at `sources = [...]`.
                said = names_nothing(inner, f"{inner.name} {n}", "or remove it")
                say("error", said, "", at)
                built = None
            if built is None:
                ok = False
            else:
                items.append(built)
        return tuple(items) if ok else WRONG
    return value


def _said_links(
    record: Record, value: object, named: str, say: Say, key: str, place: Place
) -> None:
    """Warn about the URLs of a record written as a string (`source = "https://..."`)
    that exports may not link to, as `check_value` does of one in a table."""
    for _, _, _, url in links_in(record, value):
        reason = refusal(url)
        if reason:
            say("warning", f"{named}: {shown(url)} {reason}", key, place)


def blank_text(field: Field, name: str, value: str) -> str:
    """The message for a blank text where `field.nonblank` forbids one."""
    advice = f"write {field.example or 'its text'}"
    if not field.required:
        advice += ", or leave the field out"
    return f"field {shown(name)} is blank ({shown(value)}); {advice}"


def blank_items(field: Field, name: str, items: list[str], blanks: list[int]) -> str:
    """The message for the blank items (their numbers, from 1) of an array of strings."""
    if len(blanks) == 1:
        said = f"item {blanks[0]} is blank ({shown(items[blanks[0] - 1])}); remove it"
    else:
        numbers = ", ".join(map(str, blanks[:-1])) + f" and {blanks[-1]}"
        said = f"items {numbers} are blank; remove them"
    each = f" (each is {field.example})" if field.example else ""
    return f"field {shown(name)}: {said}{each}"


def names_nothing(record: Record, named: str, advice: str) -> str:
    """The message for a table of a record that gives none of the texts naming it
    (`Record.named_by`: a source of no label, URL or archive); `named` is what the file
    wrote ("field 'source'", "source 2")."""
    give = " or ".join(
        f"{_a(key)} {key} ({record.by_key[key].example})" for key in record.named_by[:2]
    )
    return f"{named} {nameless(record)}; give it {give}, {advice}"


def nameless(record: Record) -> str:
    """What is said of a record that names nothing: "names nothing: a source needs at
    least a label or a url (or an archive)". The first two texts name it for every
    reader (a source's label and URL); the rest do too, less well (an archive is a copy
    on the writer's disk)."""
    first, rest = record.named_by[:2], record.named_by[2:]
    needs = " or ".join(f"{_a(key)} {key}" for key in first)
    needs += "".join(f" (or {_a(key)} {key})" for key in rest)
    return f"names nothing: a {record.name} needs at least {needs}"


def _a(word: str) -> str:
    """The article before a key ("a url", "an archive")."""
    return "an" if word.startswith(("a", "e", "i", "o")) else "a"


def blank_text_form(record: Record, named: str, value: str) -> str:
    """The message for a record written as a blank string (`quote = ""`), which would
    be a quote of nothing, a source naming nothing; `named` is what the file wrote
    ("field 'quote'", "quote 2")."""
    advice = "or leave the field out" if named.startswith("field ") else "or remove it"
    return f"{named} is blank ({shown(value)}); write {record.text_hint}, {advice}"


#: `source = ...`: one source, written as a string or a table, before `[[events.sources]]`.
ONE_SOURCE = EVENT.by_key["sources"]._replace(kind=Kind.RECORD, key="source", optional=True)
