"""Reading `--filter KEY=VALUE` arguments into a `Filter` (timeline/query/filters.py):
each refused with a message that names it and says what is valid.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date, tzinfo
from difflib import get_close_matches

from timeline.dates import DateError, format_medium, parse_query
from timeline.dates.calendar import first_moment, last_moment
from timeline.model import STATUSES, When
from timeline.query.filters import NO_STATUS, Filter, norm_tag, norm_value

# The keys `--filter` takes, in the order they are listed in messages; plurals too,
# since "tags=cbp" is as natural to type as "tag=cbp".
KEYS = ("kind", "speaker", "group", "tag", "status", "from", "to")
_ALIASES = {
    "kinds": "kind",
    "speakers": "speaker",
    "groups": "group",
    "tags": "tag",
    "statuses": "status",
}


class FilterError(ValueError):
    """A filter argument that cannot be read; the message names it and says what is valid."""


def parse_filter_args(
    args: Iterable[str],
    *,
    default_year: int | None = None,
    dayfirst: bool = False,
    known: Mapping[str, Collection[str]] | None = None,
    tz: tzinfo | None = None,
) -> Filter:
    """Build a filter from `KEY=VALUE` arguments, as `--filter` takes them.

    Repeating a key keeps events matching any of its values ("kind=tweet kind=letter").
    Dates are read by `dates.parse_query`, so "2018-07-10", "july 20 2018" and, with
    `dayfirst`, "20/7/2018" all work; a date without a year takes the `from` date's
    year for `to`, else `default_year`.

    Args:
        args: Arguments such as "kind=tweet", "speaker=RAICES", "from=2018-07-10".
        default_year: The year for dates written without one (the timeline's first
            year, say); None for the current year.
        dayfirst: Read "16/7/2018" as 16 July.
        known: The values the timeline has, by key (`known_values`): a kind,
            speaker, group or tag it does not have is refused, with the valid ones
            listed. Without it any value is taken (and may keep nothing).
        tz: The timeline's zone, in which a time given with a zone is put (as
            `dates.read_query` says); None when it has none.

    Returns:
        The filter.

    Raises:
        FilterError: An argument is not KEY=VALUE, names an unknown key, has an empty
            value or an unreadable date, gives a date twice, names a value `known`
            does not have, or `from` is after `to`.
    """
    values: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, tuple[str, str]] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        key = key.strip().lower()
        key = _ALIASES.get(key, key)
        value = value.strip()
        if not sep:
            raise FilterError(f"filter {arg!r} is not KEY=VALUE; valid keys: {', '.join(KEYS)}")
        if key not in KEYS:
            raise FilterError(
                f"filter {arg!r} has unknown key {key!r}{_suggest(key)}; "
                f"valid keys: {', '.join(KEYS)}"
            )
        if not value:
            raise FilterError(f"filter {arg!r} has no value after '='")
        if key in ("from", "to"):
            if key in dates:
                raise FilterError(
                    f"filter {arg!r} gives {key!r} a second time (it was {dates[key][1]!r})"
                )
            dates[key] = (value, arg)
        elif key == "status":
            values[key].add(_status(value, arg))
        else:
            if known is not None and key in known:
                _check_known(key, value, arg, known[key])
            values[key].add(value)
    if default_year is None:
        default_year = date.today().year
    date_from = _parse_date(dates.get("from"), default_year, dayfirst, tz)
    to_year = date_from.year if date_from is not None else default_year
    date_to = _parse_date(dates.get("to"), to_year, dayfirst, tz)
    check_dates(date_from, date_to)
    return Filter(
        kinds=frozenset(values["kind"]),
        speakers=frozenset(values["speaker"]),
        groups=frozenset(values["group"]),
        tags=frozenset(values["tag"]),
        statuses=frozenset(values["status"]),
        date_from=date_from,
        date_to=date_to,
    )


def _status(value: str, arg: str) -> str:
    """The status a `status=` filter names ("" for "none"), or a FilterError."""
    folded = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    if folded == NO_STATUS:
        return ""
    if folded not in STATUSES:
        close = get_close_matches(folded, (*STATUSES, NO_STATUS), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        valid = ", ".join(repr(s) for s in (*STATUSES, NO_STATUS))
        raise FilterError(f"filter {arg!r} names no status{hint}; valid statuses: {valid}")
    return folded


def check_dates(date_from: When | None, date_to: When | None) -> None:
    """Refuse a range whose `from` is after its `to` (nothing could match).

    Raises:
        FilterError: Naming both dates.
    """
    if (
        date_from is not None
        and date_to is not None
        and first_moment(date_from) > last_moment(date_to)
    ):
        raise FilterError(
            f"filter from {format_medium(date_from)} is after to {format_medium(date_to)}; "
            "nothing could match"
        )


#: At most this many valid values are listed when a value is unknown.
LISTED = 12
_PLURALS = {"kind": "kinds", "speaker": "speakers", "group": "groups", "tag": "tags"}


def _check_known(key: str, value: str, arg: str, known: Collection[str]) -> None:
    norm = norm_tag if key == "tag" else norm_value
    if norm(value) in {norm(one) for one in known}:
        return
    plural = _PLURALS.get(key, key)
    if not known:
        raise FilterError(f"filter {arg!r}: the timeline has no {plural}")
    ordered = list(known)
    close = get_close_matches(norm(value), [norm(one) for one in ordered], n=1, cutoff=0.6)
    hint = ""
    if close:
        hint = f" (did you mean {next(one for one in ordered if norm(one) == close[0])!r}?)"
    listed = ", ".join(repr(one) for one in ordered[:LISTED])
    more = f" and {len(ordered) - LISTED} more" if len(ordered) > LISTED else ""
    raise FilterError(
        f"filter {arg!r} names no {key} in the timeline{hint}; its {plural}: {listed}{more}"
    )


def _suggest(key: str) -> str:
    close = get_close_matches(key, KEYS, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_date(
    given: tuple[str, str] | None, default_year: int, dayfirst: bool, tz: tzinfo | None
) -> When | None:
    if given is None:
        return None
    value, arg = given
    try:
        return parse_query(value, default_year, dayfirst=dayfirst, tz=tz)
    except DateError as exc:
        raise FilterError(f"filter {arg!r}: {exc}") from None
