"""Where an event is validated: `[[events]]` tables -> `Event`s, by the records' description.

Every table goes one of two ways, with one result:

- The quick way (`quick_event`, then `EventReader.build`) asks only "is everything as
  expected?", with cheap type checks and no message built, and gives up at the first
  doubt. It is what 100,000 well-formed events take. `quick_event` needs nothing but
  the table, so the helper process (timeline/read/helper.py) can run it too and send
  its rows.
- The checked way (`EventReader.check`) looks at every field and reports each problem
  with its place; when it finds none it keeps exactly what the quick way would have.

Both walk the records of `timeline.model` (see timeline/schema.py): which keys exist,
which are strings, which are tables of which record, which a file must give.
Dates are read here too: absolute ones at once, relative ones ("Monday" with
`relative_to`) kept pending until every event is known (timeline/read/resolve.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date, tzinfo
from typing import Any, NamedTuple

from timeline.dates import DateError, Reading, Relative, parse_relative, read_date
from timeline.model import EVENT, QUOTE, SOURCE, STATUSES, Event, Qualifier, Quote, Source, When
from timeline.problems import Severity, describe, shown, suggest
from timeline.schema import Field, Kind, Record, record_of
from timeline.text import visible

#: Reports a problem: severity, message, the key it concerns ("" for the table), and for
#: a key inside the event's nth quote or source, its place: ("quotes", n), ("sources", n);
#: ("", 0) for the event's own keys.
Place = tuple[str, int]
Report = Callable[[Severity, str, str, Place], None]
_HERE: Place = ("", 0)

#: A relative date waiting for its anchor: (event's position in `EventReader.events`,
#: anchor id, start form, end form).
Pending = tuple[int, str, Relative | None, Relative | None]

_NO_DATE = When(0)
_WHEN, _END, _ID = (EVENT.positions[key][0] for key in ("date", "end_date", "id"))
#: Where a quick row holds dates as written.
DATES = (_WHEN, _END)
_FILE, _LINE = (EVENT.fields.index(EVENT.by_name[name]) for name in ("file", "line"))
#: Where the quick row keeps `relative_to` and `circa`, after the fields.
_RELATIVE_TO, _CIRCA = len(EVENT.fields), len(EVENT.fields) + 1
_QUOTES = EVENT.positions["quotes"][0]
_SOURCES = EVENT.positions["sources"][0]
_STATUS = EVENT.positions["status"][0]
#: A quote written as `quote = "..."`: its text, then its other fields' defaults.
_QUOTE_DEFAULTS = tuple(f.default for f in QUOTE.fields[1:])


# ---------------------------------------------------------------------- the quick way


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
    names: dict[str, Any] = {"_str": str, "_list": list, "_dict": dict, "_tuple": tuple}
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
            lines.append(
                f"    if {value} is not {default} and type({value}) is not _str: return None"
            )
        elif field.kind is Kind.TEXTS:
            lines += [
                f"    if {value} is not {default}:",
                f"        if type({value}) is not _list: return None",
                f"        for item in {value}:",
                "            if type(item) is not _str: return None",
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
    listed = ", ".join(values)
    # An event's row grows (its `relative_to` and `circa`); a record's inside it is kept.
    lines.append(f"    return [{listed}]" if record is EVENT else f"    return ({listed},)")
    names.update(keys=record.key_set, dated=record.date_keys, text_form=record.text_form)
    lines += [
        "def table(value):",
        "    kind = type(value)",
        "    if kind is _str:",
        "        return None if text_form is None else _tuple(text_form(value))",
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
    raw_date = row[_WHEN]
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
        if type(single) is not str:
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


# ---------------------------------------------------------------------- the reader


class Shared:
    """What the readers of one file share: its time zone, and one object per repeated value.

    Dates and short texts repeat across events: one immutable object per value rather
    than one per event (about 30 MB at 100,000 events).
    """

    def __init__(self) -> None:
        self.zone: tzinfo | None = None
        self.dates: dict[object, When] = {}
        self.circa: dict[When, When] = {}
        self.relatives: dict[str, Relative | None] = {}
        #: Strings kept once (a speaker, a group, a tag), and tags lists, which repeat too.
        self.strings: dict[Any, Any] = {}


class EventReader:
    """Reads events of one file (all of them, or one chunk's), keeping them with their
    pending relative dates.

    Attributes:
        name: The file's name, for the events' `file`.
        header_lines: The line of each `[[events]]` header, by position in the file.
        events: The events kept so far, in file order.
        pending: Their relative dates, waiting for `resolve` (indices into `events`).
        pending_quotes: Their quotes' relative dates, counted once the events are dated.
        positions: Each kept event's position in the file (for locating problems later).
    """

    def __init__(self, name: str, header_lines: list[int], shared: Shared) -> None:
        self.name = name
        self.header_lines = header_lines
        self.shared = shared
        self.events: list[Event] = []
        self.pending: list[Pending] = []
        self.pending_quotes: list[tuple[int, int, Relative]] = []
        self.rejected: list[tuple[str, int]] = []
        """The ids of tables the checks rejected, with their positions in the file."""
        """Quotes dated relative to their event: (event, quote, form), indices into
        `events` and its quotes."""
        # An array, not a list: 100,000 positions as ints take 3 MB of the loading peak.
        self.positions = array("i")
        self._dates = shared.dates
        self._circa = shared.circa
        self._relatives = shared.relatives
        self._strings = shared.strings

    @property
    def zone(self) -> tzinfo | None:
        """The timeline's time zone, for times written without an offset."""
        return self.shared.zone

    def take(self, raw: dict[str, Any], position: int, report: Report) -> None:
        """Keep one table: the quick way when it is well-formed, else with every check."""
        row = quick_event(raw)
        if row is None or not self.build(row, position):
            self.check(raw, position, report)

    # ------------------------------------------------------------------ dates

    def when(self, value: object) -> When | None:
        """A date read strictly, shared per distinct value; None when the value is not a
        date, is a span, or comes with something to say (the checks then say it)."""
        kind = type(value)
        # A TOML local date does not depend on the zone; a string may name a time in it.
        # (A date-time is not a key: equal instants at different offsets are equal.)
        key = value if kind is date else (value, self.zone) if kind is str else None
        if key is not None:
            when = self._dates.get(key)
            if when is not None:
                return when
        try:
            reading = read_date(value, self.zone)
        except DateError:
            return None
        if reading.end is not None or reading.notes:
            return None  # a span or something to say: the checks do it
        when = reading.start
        if key is not None:
            self._dates[key] = when
        return when

    def relative(self, text: str) -> Relative | None:
        """`parse_relative`, shared per distinct text (a few forms recur thousands of times)."""
        try:
            return self._relatives[text]
        except KeyError:
            found = self._relatives[text] = parse_relative(text)
            return found

    def _circa_of(self, when: When) -> When:
        found = self._circa.get(when)
        if found is None:
            found = self._circa[when] = when._replace(qualifier=Qualifier.CIRCA)
        return found

    # ------------------------------------------------------------------ quick

    def build(self, row: list[Any], position: int) -> bool:
        """Keep the event of a `quick_event` row; False, keeping nothing, if its dates are
        not as expected (the checks then say what is wrong)."""
        relative_to, circa = row[_RELATIVE_TO], row[_CIRCA]
        raw_date, raw_end = row[_WHEN], row[_END]
        start_rel: Relative | None = None
        when: When | None = None
        if relative_to is not None:
            start_rel = self.relative(raw_date)
            if start_rel is None:
                return False
        else:
            when = self.when(raw_date)
            if when is None:
                return False
        if circa:
            if when is not None:
                when = self._circa_of(when)
            elif start_rel is not None:
                start_rel = start_rel._replace(circa=True)
        end: When | None = None
        end_rel: Relative | None = None
        if raw_end is not None:
            if type(raw_end) is str:
                end_rel = self.relative(raw_end)
            if end_rel is None:
                end = self.when(raw_end)
                if end is None:
                    return False
            elif end_rel.bound:
                return False
        if start_rel is not None or end_rel is not None:
            self.pending.append((len(self.events), relative_to or "", start_rel, end_rel))
        values = row[:_RELATIVE_TO]
        values[_WHEN] = when or _NO_DATE
        values[_END] = end
        _VALUES(values, self._strings.setdefault)
        values[_FILE] = self.name
        lines = self.header_lines
        values[_LINE] = lines[position] if position < len(lines) else 0
        self.events.append(tuple.__new__(Event, values))
        self.positions.append(position)
        return True

    # ------------------------------------------------------------------ checked

    def check(self, raw: dict[str, Any], position: int, report: Report) -> None:
        """Validate one table, reporting every problem with it; keep it if there are none."""
        ident = raw.get("id")
        label = ident if isinstance(ident, str) and ident else f"#{position + 1}"
        who = f"event {shown(label)}" if isinstance(ident, str) and ident else f"event {label}"
        failed = False

        def say(severity: Severity, message: str, key: str = "", place: Place = _HERE) -> None:
            nonlocal failed
            failed = failed or severity == "error"
            report(severity, f"{who}: {message}", key, place)

        quote_dates: list[tuple[int, Relative]] = []  # relative dates of quotes, by quote

        def table_date(field: Field, value: object, say: Say, place: Place) -> object:
            # A quote's date may be relative: counted from its event once that is dated.
            if type(value) is str and field is _QUOTE_DATE and place[0] == "quotes":
                relative = parse_relative(value)
                if relative is not None:
                    if relative.bound:
                        say("error", _BOUND_QUOTE, field.key, place)
                        return _WRONG
                    quote_dates.append((place[1] - 1, relative))
                    return None
            return date_in_table(field, value, say, place, self.zone)

        values = check_table(EVENT, raw, say, special=_EVENT_SPECIAL, dates=table_date)
        if ident is not None and (not isinstance(ident, str) or not ident.strip()):
            say(
                "error",
                f"field 'id' must be a non-empty string (a slug such as \"raices-letter\"), found {describe(ident)}",
                "id",
            )
        title = raw.get("title")
        if title is None:
            say("error", "missing required field 'title' (a string saying what happened)")
        elif not isinstance(title, str) or not title.strip():
            say(
                "error",
                f"field 'title' must be a non-empty string, found {describe(title)}",
                "title",
            )
        quotes = list(values.get("quotes", ()))
        single = raw.get("quote")
        if single is not None:
            if type(single) is str:
                quotes.insert(0, Quote.from_text(single))
                quote_dates[:] = [(n + 1, relative) for n, relative in quote_dates]
            else:
                say("error", f"field 'quote' must be a string, found {describe(single)}", "quote")
        values["quotes"] = tuple(quotes)
        one = raw.get("source")
        if one is not None:
            found = check_value(ONE_SOURCE, one, say, dates=table_date)
            if found is not _WRONG:
                values["sources"] = (found, *values.get("sources", ()))
        status = values.get("status", "")
        if status and status not in STATUSES:
            choices = ", ".join(repr(s) for s in STATUSES)
            say(
                "error",
                f"field 'status' is {shown(status)}{suggest(status, STATUSES)}; a status is one "
                f"of {choices} (see docs/format.md)",
                "status",
            )
        when, end, start_rel, end_rel, relative_to = self._check_dates(raw, say)
        if failed:
            if isinstance(ident, str) and ident.strip():
                # Its id is still known: duplicates and the events dated from it are
                # reported against it, not as "no such event".
                self.rejected.append((ident.strip(), position))
            return
        assert isinstance(ident, str | None) and isinstance(title, str)
        values.update(
            id=ident.strip() if ident else "",
            title=title,
            when=when or _NO_DATE,
            end=end,
            file=self.name,
            line=self.header_lines[position] if position < len(self.header_lines) else 0,
        )
        if start_rel is not None or end_rel is not None:
            self.pending.append((len(self.events), relative_to or "", start_rel, end_rel))
        for n, relative in quote_dates:
            self.pending_quotes.append((len(self.events), n, relative))
        self.events.append(EVENT.build(values))
        self.positions.append(position)

    def _read(self, value: object, key: str, say: Callable[..., None]) -> Reading | None:
        """A date field read strictly: its notes said as warnings; None, having said
        why, when it cannot be read."""
        try:
            reading = read_date(value, self.zone)
        except DateError as exc:
            say("error", f"field {shown(key)}: {exc}", key)
            return None
        for note in reading.notes:
            say("warning", f"field {shown(key)}: {note}", key)
        return reading

    def _check_dates(
        self, raw: dict[str, Any], say: Callable[..., None]
    ) -> tuple[When | None, When | None, Relative | None, Relative | None, str | None]:
        """An event's start and end, absolute or relative, checked with their messages."""
        relative_to = raw.get("relative_to")
        if relative_to is not None and (type(relative_to) is not str or not relative_to):
            say(
                "error",
                f"field 'relative_to' must be the id of another event, found {describe(relative_to)}",
                "relative_to",
            )
            relative_to = None
        when: When | None = None
        span_end: When | None = None
        start_rel: Relative | None = None
        raw_date = raw.get("date")
        if raw_date is None:
            say("error", f"missing required field 'date' ({EVENT.by_name['when'].example})")
        elif relative_to is not None and type(raw_date) is str:
            start_rel = parse_relative(raw_date)
        if raw_date is not None and start_rel is None:
            reading = self._read(raw_date, "date", say)
            if reading is not None:
                when, span_end = reading.start, reading.end
                if relative_to is not None:
                    say(
                        "warning",
                        f"'relative_to' was ignored because 'date' ({shown(raw_date)}) is "
                        'absolute; relative forms are "Monday", "3 days before", "before"',
                        "relative_to",
                    )
        circa = raw.get("circa")
        if circa is not None:
            if type(circa) is not bool:
                say(
                    "error",
                    f"field 'circa' must be true or false, found {describe(circa)}",
                    "circa",
                )
            elif circa and when is not None:
                when = when._replace(qualifier=Qualifier.CIRCA)
                if span_end is not None:
                    span_end = span_end._replace(qualifier=Qualifier.CIRCA)
            elif circa and start_rel is not None:
                start_rel = start_rel._replace(circa=True)
        end: When | None = span_end
        end_rel: Relative | None = None
        raw_end = raw.get("end_date")
        if raw_end is not None and span_end is not None:
            say(
                "error",
                f"'date' ({shown(raw_date)}) gives a span, start and end, and 'end_date' gives "
                "an end too; keep one: the span, or a single date with its end_date",
                "end_date",
            )
        elif raw_end is not None:
            if type(raw_end) is str:
                end_rel = parse_relative(raw_end)
            if end_rel is None:
                reading = self._read(raw_end, "end_date", say)
                if reading is not None and reading.end is not None:
                    say(
                        "error",
                        f"field 'end_date' ({shown(raw_end)}) is a span; an end is one date "
                        "(the span's own end, for instance)",
                        "end_date",
                    )
                elif reading is not None:
                    end = reading.start
            elif end_rel.bound:
                say(
                    "error",
                    "field 'end_date' cannot be a plain 'before' or 'after'; give a date or "
                    'an offset such as "3 days after"',
                    "end_date",
                )
                end_rel = None
        return when, end, start_rel, end_rel, relative_to


#: Text fields whose values repeat from event to event (a speaker, a group, a source's
#: label): kept once in memory rather than once per event (about 30 MB at 100,000).
_REPEATED = {
    Event: ("kind", "speaker", "handle", "role", "group"),
    Quote: ("speaker",),
    Source: ("label", "kind"),
}


def _compile_values() -> Callable[[list[Any], Callable[[Any, Any], Any]], None]:
    """Write out how `build` makes a quick row's values the model's, in place: repeated
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


_VALUES = _compile_values()


#: Event fields with checks of their own in `EventReader.check` (not the generic ones).
_EVENT_SPECIAL = frozenset({"id", "title", "date", "end_date"})


# ---------------------------------------------------------------------- checks by record


#: Reports from inside a table: severity, message, key, place.
Say = Callable[..., None]
#: Reads a date field inside a table: (field, value, say, place) -> a When, None (to be
#: dated later) or `_WRONG` (having said why).
DateReader = Callable[[Field, object, Say, Place], object]
_BOUND_QUOTE = (
    "field 'date': a quote's date cannot be a plain 'before' or 'after'; give a date or an "
    'offset from its event such as "3 days after"'
)


def check_table(
    record: Record,
    raw: dict[str, Any],
    say: Say,
    *,
    path: str = "",
    place: Place = _HERE,
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
        hint = suggest(key, record.keys)
        if record.strict:
            takes = " and ".join(repr(k) for k in record.keys)
            say(
                "error",
                f"unknown field {shown(path + key)}{hint}; {record.name}s take {takes}",
                key,
                place,
            )
        else:
            say("warning", f"unknown field {shown(path + key)} was ignored{hint}", key, place)
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
                    "" if not place[1] else record.keys[0],
                    place,
                )
            continue
        if field.kind is Kind.DATE:
            if dates is None:
                continue
            checked = dates(field, value, say, place)
        else:
            checked = check_value(field, value, say, path=path, place=place, dates=dates)
        if checked is not _WRONG:
            values[field.name] = checked
    return values


_WRONG = object()


def date_in_table(
    field: Field, value: object, say: Say, place: Place, zone: tzinfo | None
) -> object:
    """A date inside a table (a source's `accessed`, a quote's `date`): one date, what
    was assumed said as a warning; `_WRONG`, having said why, when it cannot be read."""
    try:
        reading = read_date(value, zone)
    except DateError as exc:
        say("error", f"field {shown(field.key)}: {exc}", field.key, place)
        return _WRONG
    if reading.end is not None:
        say("error", f"field {shown(field.key)} is a span; give one date", field.key, place)
        return _WRONG
    for note in reading.notes:
        say("warning", f"field {shown(field.key)}: {note}", field.key, place)
    return reading.start


def check_value(
    field: Field,
    value: object,
    say: Say,
    *,
    path: str = "",
    place: Place = _HERE,
    dates: DateReader | None = None,
) -> Any:
    """A field's value when it is right; `_WRONG`, having said why, when not."""
    name = path + field.key
    kind = field.kind

    def wrong(message: str = "") -> object:
        say(
            "error",
            message or f"field {shown(name)} must be {field.expected}, found {describe(value)}",
            field.key,
            place,
        )
        return _WRONG

    if kind is Kind.TEXT:
        return value if type(value) is str else wrong()
    if kind is Kind.FLAG:
        return value if type(value) is bool else wrong()
    if kind is Kind.TEXTS:
        if type(value) is list and all(type(t) is str for t in value):
            return tuple(value)
        if type(value) is str:
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return wrong(
                f'field {shown(name)} must be {kind.value}; write {field.key} = ["{visible(quoted)}"]'
            )
        return wrong()
    if kind is Kind.RECORD:
        assert field.of is not None
        inner = record_of(field.of)
        if type(value) is str and inner.text_form is not None:
            return inner.text_form(value)
        if not isinstance(value, dict):
            return wrong()
        failed = False

        def inner_say(severity: Severity, message: str, key: str, where: Place) -> None:
            nonlocal failed
            failed = failed or severity == "error"
            say(severity, message, key, where)

        parts = check_table(inner, value, inner_say, path=f"{name}.", place=place, dates=dates)
        return _WRONG if failed else inner.build(parts)
    if kind is Kind.RECORDS:
        assert field.of is not None
        inner = record_of(field.of)
        if not isinstance(value, list):
            return wrong()
        items = []
        ok = True
        for n, item in enumerate(value, start=1):
            if type(item) is str and inner.text_form is not None:
                items.append(inner.text_form(item))
                continue
            if not isinstance(item, dict):
                say(
                    "error",
                    f"{inner.name} {n} must be {inner.help}, found {describe(item)}",
                    field.key,
                    place,
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

            parts = check_table(inner, item, item_say, place=(field.key, n), dates=dates)
            if failed:
                ok = False
            else:
                items.append(inner.build(parts))
        return tuple(items) if ok else _WRONG
    return value


#: The field a quote's date is read by (relative forms count from its event).
_QUOTE_DATE = QUOTE.by_name["date"]
#: `source = ...`: one source, written as a string or a table, before `[[events.sources]]`.
ONE_SOURCE = EVENT.by_key["sources"]._replace(kind=Kind.RECORD, key="source", optional=True)
