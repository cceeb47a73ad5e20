"""Time zones: the abbreviations reporters copy, and IANA names looked up once."""

from __future__ import annotations

from datetime import timedelta, timezone, tzinfo

# Common abbreviations a reporter copies from a press release or a tweet; dateutil
# knows only UTC and the machine's own zone without them.
ABBREVIATIONS: dict[str, tzinfo] = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "EET": 2,
        "EEST": 3,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "IST": 5.5,
        "JST": 9,
    }.items()
}
