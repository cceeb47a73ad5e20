"""The quick way to read an event: an `[[events]]` table as a plain row, and the row's
values made the model's, with code written out for each record from its description.

`quick_event` asks only "is everything as expected?", with cheap type checks and no
message built, and gives up at the first doubt (the checks, timeline/read/records.py,
then say what is wrong). It needs nothing but the table, so the helper process
(timeline/read/helper.py) can run it too and send its rows; `EventReader.build` makes a
row an event, its values made the model's by `model_values`.

Both walk the records of `timeline.model` (see timeline/schema.py) as code written for
them, not as loops over their fields: a new field needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from timeline.links import PLAIN
from timeline.model import EVENT, QUOTE, SOURCE, STATUSES, Event, Quote, Source, When
from timeline.schema import Kind, Record, record_of

ROW_WHEN, ROW_END, _ID = (EVENT.positions[key][0] for key in ("date", "end_date", "id"))
#: Where a quick row holds dates as written.
DATES = (ROW_WHEN, ROW_END)
#: Where the quick row keeps `relative_to` and `circa`, after the fields.
ROW_RELATIVE_TO, ROW_CIRCA = len(EVENT.fields), len(EVENT.fields) + 1
_QUOTES = EVENT.positions["quotes"][0]
_SOURCES = EVENT.positions["sources"][0]
_STATUS = EVENT.positions["status"][0]
#: A quote written as `quote = "..."`: its text, then its other fields' defaults.
_QUOTE_DEFAULTS = tuple(f.default for f in QUOTE.fields[1:])


class _Quick(NamedTuple):
    """A record's quick way, written out for it (see `_compile`)."""

    row: Callable[[dict[str, Any]], Any]
    """A table -> its values in field order (a list for events, a tuple for the records
    inside them), or None at the first doubt."""
    table: Callable[[object], tuple[Any, ...] | None]
    """A value written where the record is expected (a table, or its text form) -> its
    row as a tuple, or None at the first doubt."""


_QUICK: dict[str, _Quick] = {}


def _quick(record: Record) -> _Quick:
    found = _QUICK.get(record.name)
    if found is None:
        found = _QUICK[record.name] = _compile(record)
    return found


def _compile(record: Record) -> _Quick:
    """Write out the quick way for one record, from its description.

    A loop over a table's keys that looks each up in the record's fields took 0.55 s
    for the tables of 100,000 events; code written for the record, one `get` and one
    type check per field with the defaults and records inside bound as constants, does
    the same checks in a fraction (see benchmarks/run.py, loading). This is the loader's
    inner loop (half a million tables at 100,000 events), on both sides of the helper
    process. The code is made from the description alone: a new field needs nothing here.
    """
    names: dict[str, Any] = {
        "_str": str,
        "_list": list,
        "_dict": dict,
        "_tuple": tuple,
        "_plain_link": PLAIN.fullmatch,
    }
    lines = ["def row(raw):", "    get = raw.get"]
    values = []
    for n, field in enumerate(record.fields):
        value, default = f"v{n}", f"d{n}"
        names[default] = field.default
        values.append(value)
        if not field.key:
            lines.append(f"    {value} = {default}")
            continue
        lines.append(f"    {value} = get({field.key!r}, {default})")
        if field.kind is Kind.TEXT:
            # A blank label (`Field.nonblank`): only white space. ("" is its default,
            # and a required text's "" is caught below.) `isspace` stops at the first
            # other character: no copy, as `strip` would make of padded text.
            blank = f" or {value}.isspace()" if field.nonblank else ""
            # A URL exports may not link to (`links.refusal`) is said by the checks:
            # most pass one match, any other is a doubt.
            link = f" or _plain_link({value}) is None" if field.link else ""
            lines.append(
                f"    if {value} is not {default} and "
                f"(type({value}) is not _str{blank}{link}): return None"
            )
        elif field.kind is Kind.TEXTS:
            blank = " or not item or item.isspace()" if field.nonblank else ""
            lines += [
                f"    if {value} is not {default}:",
                f"        if type({value}) is not _list: return None",
                f"        for item in {value}:",
                f"            if type(item) is not _str{blank}: return None",
                f"        {value} = _tuple({value})",
            ]
        elif field.kind in (Kind.RECORD, Kind.RECORDS):
            assert field.of is not None
            inner = f"table{n}"
            names[inner] = _quick(record_of(field.of)).table
            if field.kind is Kind.RECORD:
                lines += [
                    f"    if {value} is not {default}:",
                    f"        {value} = {inner}({value})",
                    f"        if {value} is None: return None",
                ]
            else:
                lines += [
                    f"    if {value} is not {default}:",
                    f"        if type({value}) is not _list: return None",
                    "        items = []",
                    f"        for item in {value}:",
                    f"            item = {inner}(item)",
                    "            if item is None: return None",
                    "            items.append(item)",
                    f"        {value} = _tuple(items)",
                ]
        elif field.kind is not Kind.DATE:  # dates are read by the caller, as written
            lines.append(f"    if {value} is not {default}: return None")
    for position in record.required_texts:
        value = values[position]
        lines.append(f"    if {value} is None or not {value}.strip(): return None")
    if record.named_at:
        # A record that names nothing (`Record.named_by`: `source = {}`): the checks say so.
        named = " or ".join(values[position] for position in record.named_at)
        lines.append(f"    if not ({named}): return None")
    listed = ", ".join(values)
    # An event's row grows (its `relative_to` and `circa`); a record's inside it is kept.
    lines.append(f"    return [{listed}]" if record is EVENT else f"    return ({listed},)")
    names.update(keys=record.key_set, dated=record.date_keys, text_form=record.text_form)
    lines += [
        "def table(value):",
        "    kind = type(value)",
        "    if kind is _str:",
        # A blank string is no quote or source (`Record.text_form`).
        "        if text_form is None or not value or value.isspace(): return None",
        "        made = _tuple(text_form(value))",
        # A source's URL written as a string ("https://x/<a>"), checked as in a table.
        *[
            f"        if _plain_link(made[{n}]) is None: return None"
            for n, field in enumerate(record.fields)
            if field.link
        ],
        "        return made",
        "    if kind is not _dict or not keys.issuperset(value): return None",
    ]
    if record.date_keys:
        # A date inside (a quote's own): read with the checks, which parse it.
        lines.append("    if not dated.isdisjoint(value): return None")
    lines.append("    return row(value)")
    exec(compile("\n".join(lines), f"<quick {record.name}>", "exec"), names)
    return _Quick(names["row"], names["table"])


_EVENT_ROW = _quick(EVENT).row
_SOURCE_TABLE = _quick(SOURCE).table


def quick_event(raw: dict[str, Any]) -> list[Any] | None:
    """An `[[events]]` table as a row for `EventReader.build`, or None at the first doubt.

    The row holds the event's fields in `Event` order (dates as written), then
    `relative_to` and `circa`. Plain data only, so the helper process can send it.
    """
    if not EVENT.key_set.issuperset(raw):
        return None
    row: list[Any] | None = _EVENT_ROW(raw)
    if row is None:
        return None
    ident = row[_ID]
    if ident is None:
        row[_ID] = ""
    else:
        ident = ident.strip()
        if not ident:
            return None  # id = "" is an error
        row[_ID] = ident
    get = raw.get
    relative_to = get("relative_to")
    raw_date = row[ROW_WHEN]
    if relative_to is not None:
        # Anything but a relative form with an anchor draws an error or a warning.
        if type(relative_to) is not str or not relative_to or type(raw_date) is not str:
            return None
    elif raw_date is None:
        return None
    circa = get("circa")
    if circa is not None and type(circa) is not bool:
        return None
    single = get("quote")
    if single is not None:
        if type(single) is not str or not single or single.isspace():
            return None
        row[_QUOTES] = ((single, *_QUOTE_DEFAULTS), *row[_QUOTES])
    one = get("source")
    if one is not None:
        found = _SOURCE_TABLE(one)
        if found is None:
            return None
        row[_SOURCES] = (found, *row[_SOURCES])
    status = row[_STATUS]
    if status and status not in STATUSES:
        return None
    row.append(relative_to)
    row.append(circa)
    return row


#: Text fields whose values repeat from event to event (a speaker, a group, a source's
#: label): kept once in memory rather than once per event (about 30 MB at 100,000).
_REPEATED = {
    Event: ("kind", "speaker", "handle", "role", "group"),
    Quote: ("speaker",),
    Source: ("label", "kind"),
}


def _compile_values() -> Callable[[list[Any], Callable[[Any, Any], Any]], None]:
    """Write out how `EventReader.build` makes a quick row's values the model's, in place: repeated
    texts shared, tags lists shared, and the rows of the records inside an event (its
    sources, quotes, media, a quote's own source) made model values.

    Written for the records, as `_compile` writes the quick way, because it runs for
    every event of a large file, in the loader's process while the helper parses:
    walking the fields in a loop took 0.56 s for 100,000 events.
    """
    names: dict[str, Any] = {"_new": tuple.__new__, "_tuple": tuple}

    def shared(text: str) -> str:
        # "" is one object already, and the most common value of most of these.
        return f"(share({text}, {text}) if {text} else {text})"

    def made(cls: type, row: str, depth: int = 0) -> str:
        """The expression making one row of `cls` a model value."""
        record = record_of(cls)
        names[cls.__name__] = cls
        repeated = _REPEATED.get(cls, ())
        parts = []
        for n, field in enumerate(record.fields):
            part = f"{row}[{n}]"
            if field.name in repeated:
                part = shared(part)
            elif field.kind is Kind.RECORD and field.of:
                part = f"(None if {part} is None else {made(field.of, part, depth + 1)})"
            elif field.kind is Kind.RECORDS and field.of:
                item = f"y{depth}"
                part = f"_tuple([{made(field.of, item, depth + 1)} for {item} in {part}])"
            parts.append(part)
        return f"_new({cls.__name__}, ({', '.join(parts)},))"

    lines = ["def values(v, share):"]
    for n, field in enumerate(EVENT.fields):
        if field.name in _REPEATED[Event]:
            lines.append(f"    x = v[{n}]")
            lines.append(f"    if x: v[{n}] = share(x, x)")
        elif field.kind is Kind.TEXTS:
            # The same tags come back together: ("press", "protest") is kept once.
            lines += [
                f"    x = v[{n}]",
                "    if x:",
                "        x = _tuple([share(t, t) for t in x])",
                f"        v[{n}] = share(x, x)",
            ]
        elif field.kind is Kind.RECORDS and field.of:
            lines += [
                f"    x = v[{n}]",
                f"    if x: v[{n}] = _tuple([{made(field.of, 'r')} for r in x])",
            ]
        elif field.kind is Kind.RECORD and field.of:
            lines += [
                f"    x = v[{n}]",
                f"    if x is not None: v[{n}] = {made(field.of, 'x')}",
            ]
    exec(compile("\n".join(lines), "<event values>", "exec"), names)
    made_values: Callable[[list[Any], Callable[[Any, Any], Any]], None] = names["values"]
    return made_values


#: A quick row's values made the model's, in place (see `_compile_values`).
model_values = _compile_values()


_TITLE, _DISPLAY, _REPLY = (
    EVENT.positions[key][0] for key in ("title", "display_date", "in_reply_to")
)
#: What a light row keeps of a quick row (`light_of`).
LIGHT = (_ID, ROW_WHEN, ROW_END, _DISPLAY, _REPLY, _STATUS, ROW_RELATIVE_TO, ROW_CIRCA)


def _compile_light() -> Callable[[list[Any]], list[Any]]:
    """Write out `light_of`: a list of the quick row's values where `LIGHT` says, the
    defaults elsewhere (the title kept when there is no id: one is made of it)."""
    blank = [*(field.default for field in EVENT.fields), None, None]
    names: dict[str, Any] = {}
    parts = []
    for n, default in enumerate(blank):
        if n in LIGHT:
            parts.append(f"r[{n}]")
        elif n == _TITLE:
            parts.append(f"(r[{n}] if not r[{_ID}] else '')")
        else:
            names[f"d{n}"] = default
            parts.append(f"d{n}")
    code = f"def light(r):\n    return [{', '.join(parts)}]"
    exec(compile(code, "<light row>", "exec"), names)
    light: Callable[[list[Any]], list[Any]] = names["light"]
    return light


#: A quick row's light row: what the work on all events of a file reads (ids, dates,
#: links, display dates: timeline/read/toml_load.py) and a first read's columns hold,
#: the rest as if not written. `EventReader.build` takes it as it takes the row, to the
#: same verdict: it reads only the dates, `relative_to` and `circa` of a row.
light_of = _compile_light()


def event_maker(
    name: str,
    ids: Sequence[str],
    whens: Sequence[When],
    ends: Sequence[When | None],
    lines: Sequence[int],
) -> Callable[[list[Any], int], Event]:
    """Makes the event of a quick row (dates as `helper` sends them) that is the `i`th
    of a timeline, as `EventReader.build` makes it, with the id and dates the work on
    all events gave it (`ids`, `whens`, `ends`, by `i`) and its header's line."""
    strings: dict[Any, Any] = {}
    share = strings.setdefault
    file_at, line_at = (EVENT.fields.index(EVENT.by_name[name]) for name in ("file", "line"))

    def make(row: list[Any], i: int) -> Event:
        values = row[:ROW_RELATIVE_TO]
        values[_ID] = ids[i]
        values[ROW_WHEN] = whens[i]
        values[ROW_END] = ends[i]
        model_values(values, share)
        values[file_at] = name
        values[line_at] = lines[i]
        return tuple.__new__(Event, values)

    return make
