"""Time zones: IANA names looked up safely, and the abbreviations reporters copy.

An abbreviation is read only when it names one zone. Generic names ("PT", "ET")
become the region's IANA zone, so summer time follows the date. Standard and summer
names ("PST", "CEST") say their offset, so they must match the region's clock on that
date: "EST" on a July afternoon in New York is refused, since the writer meant either
the offset or the local time and the tool cannot tell which. Abbreviations that
several zones share (IST: India, Ireland, Israel) are refused with what to write.

What the tool writes after a time follows the same tables (`written_zone`): an
abbreviation the reader would not read back as that offset (one it does not know,
one naming several zones, one it reads as another zone's) is written as the offset
instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple

from timeline.dates.errors import DateError

#: IANA names are made of at most a few path parts of at most 14 characters each
#: (tzdata's own rule); 64 is generous and keeps a long name away from the file system.
MAX_ZONE_NAME = 64


@lru_cache(maxsize=256)
def zone_named(name: str) -> tzinfo:
    """The zone with this IANA name ("America/Chicago", "UTC").

    Raises:
        DateError: The name is not an IANA zone; the message suggests the closest name.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only timelines with zones pay

    if name in ("UTC", "Z"):
        return UTC
    if len(name) > MAX_ZONE_NAME or not name.strip() or "\x00" in name:
        raise DateError(f'{_shown(name)} is not an IANA zone name such as "America/Chicago"')
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: names the file system refuses (a component too long, say).
        raise DateError(
            f'{_shown(name)} is not an IANA zone name such as "America/Chicago"{_suggest(name)}'
        ) from None


def timeline_zone(name: str, *, tzdata_only: bool = False) -> tzinfo | None:
    """The zone a timeline's `timezone` field names; None when it names none, and when
    the name is no zone.

    A file naming an unknown zone is refused when read (the TOML reader, and the
    TimelineJS reader, which asks here), so only a timeline made in code reaches the
    commands and the viewer with one; None then, rather than an error, so that neither
    stops with a traceback on a name the reader has already dealt with.

    Args:
        name: The timeline's `timezone` ("" when it has none).
        tzdata_only: Read the name as `ZoneInfo` does, as the TimelineJS reader reads
            the zone the writers put in its files ("UTC" is tzdata's zone, "Z" none);
            otherwise as `zone_named` does, as the TOML reader read the events' times
            ("UTC" and "Z" are `datetime.UTC`).
    """
    if not name:
        return None
    if not tzdata_only:
        try:
            return zone_named(name)
        except DateError:
            return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe", a folder
        return None


def _shown(name: str) -> str:
    return repr(name if len(name) <= 40 else name[:40] + "…")


def _suggest(name: str) -> str:
    from zoneinfo import available_timezones

    from timeline.problems import suggest

    return suggest(name, sorted(available_timezones()))


class Abbreviation(NamedTuple):
    """What a zone abbreviation means.

    Attributes:
        zone: The IANA zone whose clock it names.
        offset_hours: For a standard or summer name ("PST"), the offset it says, which
            the zone must have on the date; None for a generic name ("PT").
        region: The place whose clock it is, for messages ("Los Angeles").
    """

    zone: str
    offset_hours: float | None
    region: str


ABBREVIATIONS: dict[str, Abbreviation] = {
    "UTC": Abbreviation("UTC", 0, "UTC"),
    "GMT": Abbreviation("UTC", 0, "GMT"),
    "Z": Abbreviation("UTC", 0, "UTC"),
    # North America: generic names follow summer time; the others must match it.
    "ET": Abbreviation("America/New_York", None, "New York"),
    "EST": Abbreviation("America/New_York", -5, "New York"),
    "EDT": Abbreviation("America/New_York", -4, "New York"),
    "CT": Abbreviation("America/Chicago", None, "Chicago"),
    "CDT": Abbreviation("America/Chicago", -5, "Chicago"),
    "MT": Abbreviation("America/Denver", None, "Denver"),
    "MDT": Abbreviation("America/Denver", -6, "Denver"),
    # Arizona keeps MST all year, so it is always right for MST; Denver's winter too.
    "MST": Abbreviation("America/Phoenix", -7, "Phoenix"),
    "PT": Abbreviation("America/Los_Angeles", None, "Los Angeles"),
    "PST": Abbreviation("America/Los_Angeles", -8, "Los Angeles"),
    "PDT": Abbreviation("America/Los_Angeles", -7, "Los Angeles"),
    "AKT": Abbreviation("America/Anchorage", None, "Anchorage"),
    "AKST": Abbreviation("America/Anchorage", -9, "Anchorage"),
    "AKDT": Abbreviation("America/Anchorage", -8, "Anchorage"),
    "HST": Abbreviation("Pacific/Honolulu", -10, "Honolulu"),
    # Europe.
    "WET": Abbreviation("Europe/Lisbon", 0, "Lisbon"),
    "WEST": Abbreviation("Europe/Lisbon", 1, "Lisbon"),
    "CET": Abbreviation("Europe/Paris", 1, "Paris"),
    "CEST": Abbreviation("Europe/Paris", 2, "Paris"),
    "EET": Abbreviation("Europe/Athens", 2, "Athens"),
    "EEST": Abbreviation("Europe/Athens", 3, "Athens"),
    "MSK": Abbreviation("Europe/Moscow", 3, "Moscow"),
    # Asia and the Pacific.
    "JST": Abbreviation("Asia/Tokyo", 9, "Tokyo"),
    "KST": Abbreviation("Asia/Seoul", 9, "Seoul"),
    "HKT": Abbreviation("Asia/Hong_Kong", 8, "Hong Kong"),
    "AEST": Abbreviation("Australia/Sydney", 10, "Sydney"),
    "AEDT": Abbreviation("Australia/Sydney", 11, "Sydney"),
    "NZST": Abbreviation("Pacific/Auckland", 12, "Auckland"),
    "NZDT": Abbreviation("Pacific/Auckland", 13, "Auckland"),
}


class Meaning(NamedTuple):
    """One thing an ambiguous abbreviation may mean: whose clock, its offset, and the
    IANA zone that keeps it."""

    region: str
    offset: str
    zone: str


#: Abbreviations that name more than one zone, and what they might mean.
AMBIGUOUS: dict[str, tuple[Meaning, ...]] = {
    "IST": (
        Meaning("India", "+05:30", "Asia/Kolkata"),
        Meaning("Ireland", "+01:00", "Europe/Dublin"),
        Meaning("Israel", "+02:00", "Asia/Jerusalem"),
    ),
    "BST": (
        Meaning("British Summer Time", "+01:00", "Europe/London"),
        Meaning("Bangladesh", "+06:00", "Asia/Dhaka"),
    ),
    "CST": (
        Meaning("US Central Standard Time", "-06:00", "America/Chicago"),
        Meaning("China", "+08:00", "Asia/Shanghai"),
        Meaning("Cuba", "-05:00", "America/Havana"),
    ),
    "AST": (
        Meaning("Atlantic", "-04:00", "America/Halifax"),
        Meaning("Arabia", "+03:00", "Asia/Riyadh"),
    ),
    "SST": (
        Meaning("Samoa", "-11:00", "Pacific/Pago_Pago"),
        Meaning("Singapore", "+08:00", "Asia/Singapore"),
    ),
}


def _one_of(items: list[str]) -> str:
    """ "a, b or c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


#: For messages: every abbreviation accepted.
ACCEPTED = ", ".join(ABBREVIATIONS)


def abbreviation_error(abbreviation: str) -> str | None:
    """Why an abbreviation is refused, or None when it is accepted or not a zone word."""
    meanings = AMBIGUOUS.get(abbreviation.upper())
    if meanings is None:
        return None
    regions = _one_of([f"{m.region} ({m.offset})" for m in meanings])
    # Each candidate's own offset and zone: the fix for the one the source meant.
    fixes = "; ".join(f"{m.offset} or {m.zone} for {m.region}" for m in meanings)
    return (
        f"the zone abbreviation {abbreviation} may mean {regions}; write the one meant "
        f"after the time instead: {fixes} (abbreviations read: {ACCEPTED})"
    )


def written_zone(moment: datetime) -> str:
    """How the zone of an aware time is written after it ("CDT", "UTC+01:00"): its
    abbreviation there and then, unless the date reader would not read that back as
    the time's offset; then the offset, in `timezone`'s own form.

    Not read back as the offset: an abbreviation the reader does not know (Israel's
    IDT, Halifax's ADT, tzdata's "+06"), which it refuses, so an export read back (a
    sheet whose hidden data was lost, a display date edited) could not be; one of
    several zones, which the reader refuses too (a slide reading "09:30 BST" is 09:30
    in London to some and in Dhaka to others); or one the reader takes for another
    zone (Havana's summer CDT, UTC-04:00, read as Chicago's UTC-05:00; Manila's PST as
    Los Angeles's). The rule comes from the reader's own tables, so what the tool
    writes is what it reads.
    """
    name = moment.tzname() or ""
    offset = moment.utcoffset()
    if offset is None or not _misread(name, moment, offset):
        return name
    return timezone(offset).tzname(None)  # "UTC+01:00"; seconds too, when it has them


def _misread(name: str, moment: datetime, offset: timedelta) -> bool:
    """Whether the reader would not read `name`, at `moment`'s wall clock, as
    `offset`: it does not know it, refuses it as ambiguous, or reads another offset."""
    upper = name.upper()
    if upper == timezone(offset).tzname(None):
        return False  # already the offset ("UTC+02:00"), or "UTC"
    meaning = ABBREVIATIONS.get(upper)
    if meaning is None:  # unknown or ambiguous: refused
        return True
    if meaning.offset_hours is not None:
        return timedelta(hours=meaning.offset_hours) != offset
    # A generic name ("PT") is the local time there: its region's offset at that clock.
    return moment.replace(tzinfo=zone_named(meaning.zone)).utcoffset() != offset
