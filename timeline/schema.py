"""One description of each record, read from the model's own classes.

The model's values are named tuples whose annotations say what each field holds
(`title: str`, `tags: tuple[str, ...]`, `source: Source | None`). `describe` reads
those annotations once and gives a `Record`: each field with its kind, the key that
holds it in a timeline file, and whether it is required. Everything that walks a
record goes through it:

- the TOML reader checks a table's keys and types by it, quickly when all is well
  (`timeline/read/quick_rows.py`) and with a located message for each field when not
  (`timeline/read/table_checks.py`);
- the cache turns values into plain rows and back (`to_row`, `from_row`);
- the JSON export writes every field (`plain`).

So a new field is one line in `timeline/model.py`: `note: str = ""` on `Quote` is read
(a string), checked ("field 'note' must be a string"), cached and exported with no
other change. What a type cannot say is said here too, once: which texts must not be
blank (a speaker of spaces, a tag "", a quote that quotes nothing: `Field.nonblank`)
and which records must name something (a source with no label, URL or archive:
`Record.named_by`), which both ways of reading a table follow, and the readers of
other formats too (`without_blanks`). Fields that need more than their type says
(dates, which are resolved against other events; the id, derived when missing) keep
their own code where they are read, and are still listed here so that the set of keys
and their order come from one place.

Nothing here imports the model: the model declares its records with `describe`.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any, NamedTuple, TypeVar


class Kind(Enum):
    """What a field holds, as far as reading, caching and exporting care."""

    TEXT = "a string"
    TEXTS = "an array of strings"
    FLAG = "true or false"
    INT = "an integer"
    INTS = "an array of integers"
    ENUM = "one of its names"
    ZONE = "a time zone"
    DATE = "a date"
    RECORD = "a table"
    RECORDS = "an array of tables"


class Field(NamedTuple):
    """One field of a record.

    Attributes:
        name: The attribute of the model value.
        kind: What it holds.
        key: The key that holds it in a timeline file; "" for fields no file sets
            (where an event came from, for instance).
        of: The record or enum class, for RECORD, RECORDS, DATE and ENUM fields.
        optional: Whether the value may be None.
        required: Whether a file must give it.
        default: The value when a file does not give it.
        example: What a valid value looks like, for the message when it is missing or
            wrong ("a slug such as \"raices-letter\""); "" to say only its kind.
        nonblank: A text a file gives must say something (see `blank`): a label such as
            a speaker or a tag. For a TEXT field, only white space is an error, and
            so is "" when the field is required; an optional text left "" is as if
            not written (its default). For TEXTS, each item: "" or only white space
            is an error.
        link: A URL that exports link to or embed (a source's, the media's): one
            they may not (`timeline.links.refusal`) is a warning, and kept.
    """

    name: str
    kind: Kind
    key: str
    of: type | None
    optional: bool
    required: bool
    default: Any
    example: str = ""
    nonblank: bool = False
    link: bool = False

    def is_blank(self, text: str) -> bool:
        """Whether a string a file gives for this field (an item, for TEXTS) is blank
        where `nonblank` forbids it."""
        if not self.nonblank:
            return False
        if not text:
            return self.required or self.kind is Kind.TEXTS
        return text.isspace()

    @property
    def expected(self) -> str:
        """What the field must be, for messages: "a string", "a table with 'url' ..."."""
        if self.kind in (Kind.RECORD, Kind.RECORDS) and self.of is not None:
            inner = _RECORDS[self.of]
            if self.kind is Kind.RECORD:
                return inner.help
            return f"an array of tables written as [[events.{self.key}]]"
        if self.example and self.kind is Kind.TEXT and self.required:
            return f"a non-empty string ({self.example})"
        return self.kind.value


class Record:
    """A record's fields, in the order of the model's class.

    Attributes:
        cls: The model class (a named tuple).
        name: How messages call one ("event", "quote", "source").
        fields: Every field, in the class's order.
        keys: The keys a file may use: the fields' keys, then `extra_keys`, in order.
        extra_keys: Keys files use that are not fields of the value (`relative_to`,
            `circa`: they shape an event's date).
        text_form: Builds a value from a plain string, for records a file may write as
            one (a source as its URL, a quote as its text); None when it may not. A
            blank string is never one: a quote that quotes nothing, a source that
            names nothing.
        text_hint: What such a string holds, for the message when it is blank: the
            example of the record's first required text ("the words quoted,
            verbatim"), else `help`.
        help: What a table of this record must be, for messages.
        strict: Unknown keys are errors rather than warnings (in a quote, a misspelt
            key would attribute the words wrongly).
        named_by: The texts of which a table must give at least one, not empty: what
            names it (a source's label, URL or archive). A table with none of them
            (`source = {}`) would be shown as a record of nothing.
    """

    def __init__(
        self,
        cls: type,
        name: str,
        fields: tuple[Field, ...],
        extra_keys: tuple[str, ...],
        text_form: Callable[[str], Any] | None,
        help: str,
        strict: bool,
        named_by: tuple[str, ...] = (),
    ):
        self.cls = cls
        self.name = name
        self.fields = fields
        self.extra_keys = extra_keys
        self.text_form = text_form
        self.strict = strict
        self.named_by = named_by
        #: Where the texts of `named_by` are in a value (or a row: the same order).
        self.named_at = tuple(i for i, f in enumerate(fields) if f.key in named_by)
        keys = [f.key for f in fields if f.key]
        self.help = help or (
            f"a table with {keys[0]!r} and optional {', '.join(keys[1:])}"
            if len(keys) > 1
            else f"a table with {keys[0]!r}"
        )
        self.keys = tuple(f.key for f in fields if f.key) + extra_keys
        self.key_set = frozenset(self.keys)
        self.by_key = {f.key: f for f in fields if f.key}
        self.by_name = {f.name: f for f in fields}
        #: Each file key's field and its position in the value.
        self.positions = {f.key: (i, f) for i, f in enumerate(fields) if f.key}
        #: Positions of the text fields a file must give (and not leave blank).
        self.required_texts = tuple(
            i for i, f in enumerate(fields) if f.required and f.kind is Kind.TEXT
        )
        self.date_keys = frozenset(f.key for f in fields if f.kind is Kind.DATE and f.key)
        required_text = next((f for f in fields if f.required and f.kind is Kind.TEXT), None)
        self.text_hint = (
            required_text.example if required_text and required_text.example else self.help
        )
        #: The plain text fields a file sets: read alike by every reader.
        self.texts = tuple(f for f in fields if f.kind is Kind.TEXT and f.key and f.name != "id")
        # For rows: which positions need converting (the rest are plain already).
        self._to_row: list[tuple[int, Callable[[Any], Any]]] = []
        self._from_row: list[tuple[int, Callable[[Any], Any]]] = []

    def __repr__(self) -> str:
        return f"Record({self.cls.__name__})"

    def field(self, key: str) -> Field:
        """The field a file's key sets."""
        return self.by_key[key]

    def names_nothing(self, value: Any) -> bool:
        """Whether a value (or its row) gives none of the texts that name it (`named_by`)."""
        return bool(self.named_at) and not any(value[i] for i in self.named_at)

    def build(self, values: dict[str, Any]) -> Any:
        """A value from field values by name; missing fields take their defaults."""
        return self.cls(*[values.get(f.name, f.default) for f in self.fields])


_RECORDS: dict[type, Record] = {}


def describe(
    cls: type,
    name: str,
    *,
    keys: dict[str, str] | None = None,
    required: tuple[str, ...] = (),
    internal: tuple[str, ...] = (),
    extra_keys: tuple[str, ...] = (),
    text_form: Callable[[str], Any] | None = None,
    help: str = "",
    strict: bool = False,
    examples: dict[str, str] | None = None,
    nonblank: tuple[str, ...] = (),
    named_by: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
) -> Record:
    """The record of a model class, read from its annotations.

    Args:
        cls: A named tuple whose annotations use the model's types.
        name: How messages call one value.
        keys: File keys that differ from field names (`{"when": "date"}`).
        required: Fields a file must give.
        internal: Fields no file sets.
        extra_keys: Keys files use that are not fields of the value.
        text_form: See `Record.text_form`.
        help: See `Record.help`; by default made from the keys.
        strict: See `Record.strict`.
        examples: What a valid value looks like, by field name (`Field.example`).
        nonblank: Text fields (and arrays of strings) whose values must not be blank
            (`Field.nonblank`). Required text fields are so without being named.
        named_by: Text fields of which a table must give one (`Record.named_by`).
        links: Text fields that hold a URL exports link to or embed (`Field.link`).
    """
    module = sys.modules[cls.__module__]
    hints = typing.get_type_hints(cls, vars(module))
    defaults: dict[str, Any] = getattr(cls, "_field_defaults", {})
    fields = []
    for attr in cls._fields:  # type: ignore[attr-defined]
        kind, of, optional = _kind(hints[attr])
        key = "" if attr in internal else (keys or {}).get(attr, attr)
        example = (examples or {}).get(attr, "")
        if attr in nonblank and kind not in (Kind.TEXT, Kind.TEXTS):
            raise TypeError(f"{cls.__name__}.{attr}: only texts can be nonblank")
        if attr in named_by and (kind is not Kind.TEXT or attr in required):
            raise TypeError(f"{cls.__name__}.{attr}: only optional texts name a record")
        if attr in links and kind is not Kind.TEXT:
            raise TypeError(f"{cls.__name__}.{attr}: only a text can be a link")
        filled = attr in nonblank or (attr in required and kind is Kind.TEXT)
        fields.append(
            Field(
                attr,
                kind,
                key,
                of,
                optional,
                attr in required,
                defaults.get(attr),
                example,
                filled,
                attr in links,
            )
        )
    record = Record(cls, name, tuple(fields), extra_keys, text_form, help, strict, named_by)
    _RECORDS[cls] = record
    return record


def blank(text: str) -> bool:
    """Whether a text says nothing: empty, or only white space (what `str.strip` takes
    away: spaces, tabs, line breaks, no-break and ideographic spaces)."""
    return not text or text.isspace()


def record_of(cls: type) -> Record:
    """The record `describe` made for a class."""
    return _RECORDS[cls]


def _kind(hint: Any) -> tuple[Kind, type | None, bool]:
    """(kind, record or enum class, optional) for an annotation."""
    optional = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        hint = args[0]
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if item is str:
            return Kind.TEXTS, None, optional
        if item is int:
            return Kind.INTS, None, optional
        return Kind.RECORDS, item, optional
    if hint is str:
        return Kind.TEXT, None, optional
    if hint is bool:
        return Kind.FLAG, None, optional
    if hint is int:
        return Kind.INT, None, optional
    if isinstance(hint, type) and issubclass(hint, Enum):
        return Kind.ENUM, hint, optional
    if isinstance(hint, type) and hint.__name__ == "tzinfo":
        return Kind.ZONE, None, optional
    if isinstance(hint, type) and hint.__name__ == "When":
        return Kind.DATE, hint, optional
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return Kind.RECORD, hint, optional
    raise TypeError(f"no kind for the annotation {hint!r}")


# ---------------------------------------------------------------------- rows


class Rows:
    """Turns values of a record into rows of plain data and back, for the cache.

    A row holds only strings, numbers, None and tuples of them (what `marshal` can
    write). Dates go by number into a table of their own (`date_index`, `date_of`):
    100,000 events share a few thousand dates. Records inside records, enums and time
    zones are converted here; the other fields are plain already and left as they are,
    so a row costs little more than the tuple it is.
    """

    def __init__(
        self,
        record: Record,
        date_index: Callable[[Any], int],
        date_of: Callable[[int], Any],
    ) -> None:
        self._to: list[tuple[int, Callable[[Any], Any]]] = []
        for i, field in enumerate(record.fields):
            found = self._converter(field, date_index, date_of)
            if found is not None:
                self._to.append((i, found))
        self.value: Callable[[Any], Any] = _compile_value(record, date_of)
        """The value a row was made of (`row`'s inverse)."""

    @staticmethod
    def _converter(
        field: Field, date_index: Callable[[Any], int], date_of: Callable[[int], Any]
    ) -> Callable[[Any], Any] | None:
        """How a field's value becomes plain data; None when it is plain already."""
        kind = field.kind
        if kind is Kind.DATE:
            if field.optional:
                return lambda v: -1 if v is None else date_index(v)
            return date_index
        if kind in (Kind.RECORD, Kind.RECORDS):
            assert field.of is not None
            inner = Rows(_RECORDS[field.of], date_index, date_of)
            if kind is Kind.RECORD:
                if not inner._to:
                    return lambda v: None if v is None else tuple(v)
                return lambda v: None if v is None else inner.row(v)
            if not inner._to:
                return lambda vs: tuple(map(tuple, vs))
            return lambda vs: tuple([inner.row(v) for v in vs])
        if kind is Kind.ENUM:
            return lambda v: v.value
        if kind is Kind.ZONE:
            return zone_row
        return None

    def row(self, value: Any) -> tuple[Any, ...]:
        """A value as a tuple of plain data."""
        if not self._to:
            return tuple(value)
        row = list(value)
        for i, convert in self._to:
            row[i] = convert(row[i])
        return tuple(row)


def _compile_value(record: Record, date_of: Callable[[int], Any]) -> Callable[[Any], Any]:
    """Write out how a row of `record` becomes its value again: one expression building
    the value and every record inside it, from the description.

    Reading a cached timeline is this, for every event: a loop over each record's
    fields with a converter each took 1.0 s of a cached open of 100,000 events (and
    most of 1,000,000's). Values are made with tuple.__new__ rather than the class's
    own __new__: no argument parsing.
    """
    names: dict[str, Any] = {"_new": tuple.__new__, "_tuple": tuple, "date_of": date_of}

    def made(rec: Record, row: str, depth: int) -> str:
        cls = f"C{depth}_{rec.cls.__name__}"
        names[cls] = rec.cls
        parts = []
        for n, field in enumerate(rec.fields):
            part = f"{row}[{n}]"
            kind = field.kind
            if kind is Kind.DATE:
                part = (
                    f"(None if {part} < 0 else date_of({part}))"
                    if field.optional
                    else (f"date_of({part})")
                )
            elif kind in (Kind.RECORD, Kind.RECORDS):
                assert field.of is not None
                inner, item = _RECORDS[field.of], f"x{depth}"
                if kind is Kind.RECORD:
                    part = f"(None if {part} is None else {made(inner, part, depth + 1)})"
                else:
                    part = f"_tuple([{made(inner, item, depth + 1)} for {item} in {part}])"
            elif kind is Kind.ENUM:
                enum = f"E_{rec.cls.__name__}_{field.name}"
                assert field.of is not None and issubclass(field.of, Enum)
                # A member by its value from a dict: Enum's call took a third of
                # making the 150,000 dates of a cached 1,000,000 events.
                names[enum] = {member.value: member for member in field.of}.__getitem__
                part = f"{enum}({part})"
            elif kind is Kind.ZONE:
                names["zone_of_row"] = zone_of_row
                # Most dates have no zone: no call for them (150,000 dates in a cached
                # 1,000,000 events).
                part = f"(None if {part} is None else zone_of_row({part}))"
            parts.append(part)
        return f"_new({cls}, ({', '.join(parts)},))"

    source = f"def value(r):\n    return {made(record, 'r', 0)}"
    exec(compile(source, f"<{record.name} from its row>", "exec"), names)
    value: Callable[[Any], Any] = names["value"]
    return value


def zone_row(zone: Any) -> Any:
    """A time zone as plain data: an IANA name, or (offset in seconds, name or None)."""
    if zone is None:
        return None
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    args = zone.__getinitargs__()  # a datetime.timezone: (offset,) or (offset, name)
    return (int(args[0].total_seconds()), args[1] if len(args) > 1 else None)


def zone_of_row(row: Any) -> Any:
    """The time zone `zone_row` gave."""
    if row is None:
        return None
    if isinstance(row, str):
        from zoneinfo import ZoneInfo

        return ZoneInfo(row)
    from datetime import timedelta, timezone

    seconds, name = row
    offset = timedelta(seconds=seconds)
    return timezone(offset) if name is None else timezone(offset, name)


# ---------------------------------------------------------------------- plain data


def plain(
    record: Record, value: Any, date: Callable[[Field, Any], Iterator[tuple[str, Any]]]
) -> dict[str, Any]:
    """A value as JSON-ready data, key by key in the record's order.

    Args:
        record: The value's record.
        value: The value.
        date: Gives the (key, data) pairs for a DATE field's value: a date is more
            than one key in most outputs (its ISO form, its precision, how it was
            written).
    """
    out: dict[str, Any] = {}
    for field, item in zip(record.fields, value, strict=True):
        if not field.key:
            continue
        kind = field.kind
        if kind is Kind.DATE:
            out.update(date(field, item))
        elif kind is Kind.RECORD:
            assert field.of is not None
            out[field.key] = None if item is None else plain(_RECORDS[field.of], item, date)
        elif kind is Kind.RECORDS:
            assert field.of is not None
            inner = _RECORDS[field.of]
            out[field.key] = [plain(inner, v, date) for v in item]
        elif kind in (Kind.TEXTS, Kind.INTS):
            out[field.key] = list(item)
        elif kind is Kind.ENUM:
            out[field.key] = None if item is None else item.value
        else:
            out[field.key] = item
    return out


_T = TypeVar("_T")


class Nameless(NamedTuple):
    """A record inside a value that names nothing (`Record.named_by`), as
    `without_blanks` leaves it out: its record, and the value, which says what it gave
    instead (a source's kind, a media's credit)."""

    record: Record
    value: Any

    def given(self) -> list[str]:
        """The keys it gave, for a message ("credit", "kind")."""
        return [f.key for f, item in zip(self.record.fields, self.value, strict=True) if item]


#: Told of each blank text `without_blanks` leaves out: the key of the top-level field
#: it is in ("quotes"), where it is ("quote 1's 'speaker'") and the text; or, for a
#: record inside that names nothing (`Record.named_by`: "source 1"), the record and
#: its value.
Dropped = Callable[[str, str, str | Nameless], None]


def without_blanks(record: Record, value: _T, dropped: Dropped, prefix: str = "") -> _T:
    """A value with the blank texts its record forbids (`Field.nonblank`) taken out,
    for the readers of other formats (TimelineJS, spreadsheets), whose files a user
    does not fix as they fix a timeline file: each is told to `dropped` and left out.
    An optional text becomes its default, a blank item leaves its array, and a record
    inside whose required text is blank (a quote of no words) leaves its array, as
    does one that names nothing once its blanks are out (a source of no label, URL or
    archive; an optional record becomes None). A required text of `value` itself (an
    event's title), or `value` naming nothing, is the caller's. `prefix` says whose
    fields they are, for `dropped` ("source's " for a timeline's source).
    """
    again: _T = _without_blanks(record, value, dropped, "", prefix)
    return again


def _without_blanks(record: Record, value: Any, dropped: Dropped, top: str, prefix: str) -> Any:
    changes: dict[str, Any] = {}
    for field, item in zip(record.fields, value, strict=True):
        if not field.key or not item:
            continue
        key = top or field.key
        if field.kind is Kind.TEXT and field.nonblank and not field.required:
            if item.isspace():
                dropped(key, f"{prefix}{field.key!r}", item)
                changes[field.name] = field.default
        elif field.kind is Kind.TEXTS and field.nonblank:
            kept = []
            for n, text in enumerate(item, start=1):
                if blank(text):
                    dropped(key, f"{prefix}{field.key!r} item {n}", text)
                else:
                    kept.append(text)
            if len(kept) != len(item):
                changes[field.name] = tuple(kept)
        elif field.kind is Kind.RECORD and field.of is not None:
            inner = _RECORDS[field.of]
            again = _without_blanks(inner, item, dropped, key, f"{prefix}{field.key}'s ")
            if inner.names_nothing(again) and field.optional:
                dropped(key, f"{prefix}{field.key}", Nameless(inner, again))
                changes[field.name] = None
            elif again is not item:
                changes[field.name] = again
        elif field.kind is Kind.RECORDS and field.of is not None:
            inner = _RECORDS[field.of]
            required = [i for i, f in enumerate(inner.fields) if f.required and f.nonblank]
            items = []
            for n, one in enumerate(item, start=1):
                where = f"{prefix}{inner.name} {n}"
                empty = next((one[i] for i in required if blank(one[i])), None)
                if empty is not None:
                    dropped(key, where, empty)
                    continue
                again = _without_blanks(inner, one, dropped, key, f"{where}'s ")
                if inner.names_nothing(again):
                    dropped(key, where, Nameless(inner, again))
                else:
                    items.append(again)
            if len(items) != len(item) or any(
                a is not b for a, b in zip(items, item, strict=False)
            ):
                changes[field.name] = tuple(items)
    return value._replace(**changes) if changes else value


def links_in(record: Record, value: Any, prefix: str = "") -> Iterator[tuple[str, str, str, str]]:
    """Every URL exports would link to or embed (`Field.link`) in a value, for the
    readers of other formats to check as the TOML reader does: (the key of the
    top-level field it is in, where it is, its own key, the URL). "Where" names it as
    `without_blanks` does: "source 2's 'url'", "quote 1's source's 'url'", "media's
    'url'" (with `prefix`, "source's " for a timeline's source)."""
    yield from _links_in(record, value, "", prefix)


def _links_in(
    record: Record, value: Any, top: str, prefix: str
) -> Iterator[tuple[str, str, str, str]]:
    for position, field in _link_fields(record):
        item = value[position]
        if not item:
            continue
        key = top or field.key
        if field.kind is Kind.TEXT:
            yield key, f"{prefix}{field.key!r}", field.key, item
        elif field.kind is Kind.RECORD:
            assert field.of is not None
            yield from _links_in(_RECORDS[field.of], item, key, f"{prefix}{field.key}'s ")
        else:
            assert field.of is not None
            inner = _RECORDS[field.of]
            for n, one in enumerate(item, start=1):
                yield from _links_in(inner, one, key, f"{prefix}{inner.name} {n}'s ")


_LINK_FIELDS: dict[Record, tuple[tuple[int, Field], ...]] = {}


def _link_fields(record: Record) -> tuple[tuple[int, Field], ...]:
    """The fields of a record that are links or hold records with links, with their
    positions: an event's sources, quotes and media, and none of the rest."""
    found = _LINK_FIELDS.get(record)
    if found is None:
        found = _LINK_FIELDS[record] = tuple(
            (position, field)
            for position, field in enumerate(record.fields)
            if field.key
            and (
                field.link
                or (
                    field.kind in (Kind.RECORD, Kind.RECORDS)
                    and field.of is not None
                    and bool(_link_fields(_RECORDS[field.of]))
                )
            )
        )
    return found
