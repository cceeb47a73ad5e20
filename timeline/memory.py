"""Freed memory handed back to the system before a large load's peak.

A load of 100,000 events frees the tables its chunks were parsed into, then makes
what needs every event (ids, dates counted from others, the sort): its peak. glibc
keeps much of what was freed in its heap, so the peak stood 5 to 10 MB higher than
what was live (`make bench`: 195 and 202 MB with the cache off and writing it, 190
and 194 MB trimmed). Elsewhere (macOS, musl) this does nothing.
"""

from __future__ import annotations

#: Loads of fewer events than this are not worth a trim (it walks the heap).
TRIM_AT = 20_000

_trim: list[object] = []  # the C function, once looked up (None where there is none)


def give_back(events: int) -> None:
    """Return the heap's free pages to the system, after a load of `events` events
    freed what it was parsed into."""
    if events < TRIM_AT:
        return
    if not _trim:
        import ctypes  # only large loads pay for it

        try:
            _trim.append(ctypes.CDLL(None).malloc_trim)
        except (AttributeError, OSError):
            _trim.append(None)
    trim = _trim[0]
    if callable(trim):
        trim(0)
