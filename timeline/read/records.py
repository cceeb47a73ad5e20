"""Where an event is validated: `[[events]]` tables -> `Event`s, by the records' description.

Every table goes one of two ways, with one result:

- The quick way (`quick_event`, timeline/read/quick_rows.py, then `EventReader.build`)
  asks only "is everything as expected?", with cheap type checks and no message built,
  and gives up at the first doubt. It is what 100,000 well-formed events take.
  `quick_event` needs nothing but the table, so the helper process
  (timeline/read/helper.py) can run it too and send its rows.
- The checked way (`EventReader.check`) looks at every field and reports each problem
  with its place (the records inside an event by timeline/read/table_checks.py); when
  it finds none it keeps exactly what the quick way would have.

Both walk the records of `timeline.model` (see timeline/schema.py): which keys exist,
which are strings, which are tables of which record, which a file must give.
Dates are read here too: absolute ones at once, relative ones ("Monday" with
`relative_to`) kept pending until every event is known (timeline/read/resolve.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from typing import Any

from timeline.dates import (
    DateError,
    Reading,
    Relative,
    format_medium,
    parse_date,
    parse_relative,
    read_date,
)
from timeline.model import EVENT, QUOTE, STATUSES, Event, Qualifier, Quote, When
from timeline.problems import Severity, describe, shown, suggest_aside
from timeline.read.event_checks import quote_after_sources
from timeline.read.quick_rows import (
    ROW_CIRCA,
    ROW_END,
    ROW_RELATIVE_TO,
    ROW_WHEN,
    model_values,
    quick_event,
)
from timeline.read.table_checks import (
    HERE,
    ONE_SOURCE,
    WRONG,
    Place,
    Report,
    Say,
    blank_text_form,
    check_table,
    check_value,
    date_in_table,
)
from timeline.schema import Field, blank

#: A relative date waiting for its anchor: (event's position in `EventReader.events`,
#: anchor id, start form, end form).
Pending = tuple[int, str, Relative | None, Relative | None]

_NO_DATE = When(0)
_FILE, _LINE = (EVENT.fields.index(EVENT.by_name[name]) for name in ("file", "line"))


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

    def __init__(self, name: str, header_lines: Sequence[int], shared: Shared) -> None:
        self.name = name
        self.header_lines = header_lines
        self.shared = shared
        self.events: list[Event] = []
        self.pending: list[Pending] = []
        self.pending_quotes: list[tuple[int, int, Relative, int]] = []
        self.rejected: list[tuple[str, int]] = []
        """The ids of tables the checks rejected, with their positions in the file."""
        self.unlinked: list[tuple[int, str, str, str, str]] = []
        """Of tables the checks rejected, the event each is dated from and the one it
        answers (position, its id or "#N", its name in messages, `relative_to`,
        `in_reply_to`; "" for none): checked once every id is known, as a kept event's are, so that one pass
        says every problem."""
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
        if kind is date:
            # A TOML local date, the commonest value in large files: it does not depend on
            # the zone and has nothing to say, so `parse_date`'s quick way reads it (without
            # `read_date`'s Reading: a fifth of building 1,000 events).
            when = self._dates.get(value)
            if when is None:
                when = self._dates[value] = parse_date(value)
            return when
        # A string may name a time in the zone. (A date-time is not a key: equal instants
        # at different offsets are equal.)
        key = (value, self.zone) if kind is str else None
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
        relative_to, circa = row[ROW_RELATIVE_TO], row[ROW_CIRCA]
        raw_date, raw_end = row[ROW_WHEN], row[ROW_END]
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
                if when.qualifier in _QUALIFIED:
                    return False  # a bound or a doubt made circa: the checks say so
                when = self._circa_of(when)
            elif start_rel is not None:
                if start_rel.bound:
                    return False  # circa beside a bound: the checks say so
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
        values = row[:ROW_RELATIVE_TO]
        values[ROW_WHEN] = when or _NO_DATE
        values[ROW_END] = end
        model_values(values, self._strings.setdefault)
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

        def say(severity: Severity, message: str, key: str = "", place: Place = HERE) -> None:
            nonlocal failed
            failed = failed or severity == "error"
            report(severity, f"{who}: {message}", key, place)

        # Relative dates of quotes: the quote's index among the event's quotes, its
        # date, and its number in the file's `quotes` (one given as `quote` comes first).
        quote_dates: list[tuple[int, Relative, int]] = []

        def table_date(field: Field, value: object, say: Say, place: Place) -> object:
            # A quote's date may be relative: counted from its event once that is dated.
            if type(value) is str and field is _QUOTE_DATE and place[0] == "quotes":
                relative = parse_relative(value)
                if relative is not None:
                    if relative.bound:
                        say("error", _BOUND_QUOTE, field.key, place)
                        return WRONG
                    quote_dates.append((place[1] - 1, relative, place[1]))
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
        listed = tuple(quotes)  # as the file's `quotes` numbers them
        single = raw.get("quote")
        if single is not None:
            if type(single) is str and blank(single):
                say("error", blank_text_form(QUOTE, "field 'quote'", single), "quote")
            elif type(single) is str:
                quotes.insert(0, Quote.from_text(single))
                quote_dates[:] = [(n + 1, relative, k) for n, relative, k in quote_dates]
            else:
                say("error", f"field 'quote' must be a string, found {describe(single)}", "quote")
        values["quotes"] = tuple(quotes)
        one = raw.get("source")
        if one is not None:
            found = check_value(ONE_SOURCE, one, say, dates=table_date)
            if found is not WRONG:
                values["sources"] = (found, *values.get("sources", ()))
        sources = values.get("sources", ())
        for k, quote in enumerate(listed, 1):
            said = quote_after_sources(quote, sources)
            if said is not None:
                say("warning", f"quote {k}: field 'date': {said}", "date", ("quotes", k))
        status = values.get("status", "")
        if status and status not in STATUSES:
            choices = ", ".join(repr(s) for s in STATUSES)
            say(
                "error",
                f"field 'status' is {shown(status)}{suggest_aside(status, STATUSES)}; a status is one "
                f"of {choices} (see docs/format.md)",
                "status",
            )
        when, end, start_rel, end_rel, relative_to = self._check_dates(raw, say)
        if failed:
            if isinstance(ident, str) and ident.strip():
                # Its id is still known: duplicates and the events dated from it are
                # reported against it, not as "no such event".
                self.rejected.append((ident.strip(), position))
            anchor = relative_to if start_rel is not None or end_rel is not None else None
            target = values.get("in_reply_to")
            if anchor or target:
                self.unlinked.append((position, label, who, anchor or "", target or ""))
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
        for n, relative, k in quote_dates:
            self.pending_quotes.append((len(self.events), n, relative, k))
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
                if when.qualifier in _QUALIFIED and not raw.get("display_date"):
                    say("warning", _circa_over(raw_date, when), "circa")
                when = when._replace(qualifier=Qualifier.CIRCA)
                if span_end is not None:
                    span_end = span_end._replace(qualifier=Qualifier.CIRCA)
            elif circa and start_rel is not None:
                if start_rel.bound and not raw.get("display_date"):
                    side = "before" if start_rel.direction < 0 else "after"
                    say(
                        "warning",
                        f"field 'circa': 'date' ({shown(raw_date)}) is a bound (only known to "
                        f"lie {side} its anchor), and a date takes one qualifier: it is shown "
                        f"as {side} the anchor's date, and nothing shows circa = true; remove "
                        "circa, or say both in display_date",
                        "circa",
                    )
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


#: Event fields with checks of their own in `EventReader.check` (not the generic ones).
_EVENT_SPECIAL = frozenset({"id", "title", "date", "end_date"})
#: The field a quote's date is read by (relative forms count from its event).
_QUOTE_DATE = QUOTE.by_name["date"]
_BOUND_QUOTE = (
    "field 'date': a quote's date cannot be a plain 'before' or 'after'; give a date or an "
    'offset from its event such as "3 days after"'
)


#: The qualifiers `circa = true` takes the place of.
_QUALIFIED = frozenset({Qualifier.BEFORE, Qualifier.AFTER, Qualifier.UNCERTAIN})


def _circa_over(raw_date: object, when: When) -> str:
    """What is said of `circa = true` beside a date that has a qualifier of its own: a
    date takes one, and circa's is kept, so every view shows "circa 8 Jan 1980" for
    "after 8 Jan 1980" (sorted after it still), the bound or the doubt unseen."""
    if when.qualifier is Qualifier.UNCERTAIN:
        own, unseen = "uncertain", "that it is uncertain"
    else:
        side = when.qualifier.value
        own, unseen = f"a bound (only known to lie {side} it)", f"that it lies {side} it"
    circa = when._replace(qualifier=Qualifier.CIRCA)
    return (
        f"field 'circa': 'date' ({shown(raw_date)}) is {own}, and a date takes one "
        f"qualifier: with circa = true it is shown as {format_medium(circa)} everywhere, "
        f"and nothing shows {unseen}; remove circa to show {format_medium(when)}, or say "
        "both in display_date"
    )
