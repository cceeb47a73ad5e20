"""The cache command: where large files' full copies are kept, and removing them."""

from __future__ import annotations

import argparse

from timeline.cli.exits import EXIT_OK
from timeline.text import file_name


def _timelines(count: int) -> str:
    return f"{count} cached timeline{'s' if count != 1 else ''}"


def cmd_cache(args: argparse.Namespace) -> int:
    """Say where the cache is and what it holds, or remove every entry."""
    from timeline import cache

    # Turned off, the cache is neither read nor written; what it wrote before is still
    # a full copy of each story on disk, said and cleared as when it is on.
    location, off_by = cache.location(), cache.turned_off_by()
    where = file_name(str(location))
    # Nothing can be kept there: said rather than "0 cached timelines", which read as
    # a cache in use and empty while every load went on without it.
    unusable = cache.unusable(location)
    if unusable:
        doing = "there is nothing to remove" if args.action == "clear" else "it holds nothing"
        off = f"; it is also turned off ({off_by})" if off_by else ""
        print(
            f"{where}: the cache cannot be used there: {unusable}; {doing}, and large files "
            f"are read in full every time{off}"
        )
        return EXIT_OK
    if args.action == "clear":
        removed = cache.clear()
        note = f" (the cache is turned off: {off_by})" if off_by else ""
        print(f"{where}: removed {_timelines(removed)}{note}")
        return EXIT_OK
    count, size = cache.held()  # with the search text kept beside the largest
    if off_by:
        # Said first and plainly: "0 cached timelines, written before the cache was
        # turned off" read as if the cache were on and merely empty.
        if count:
            held = (
                f"it still holds {_timelines(count)} ({size / 1e6:.1f} MB), written before "
                "it was turned off: full copies of large files; `timeline cache clear` "
                "removes them"
            )
        else:
            held = "it holds nothing"
        print(
            f"{where}: the cache is turned off ({off_by}): no timeline is read from it or "
            f"written to it; {held}"
        )
    else:
        print(
            f"{where}: {_timelines(count)}, {size / 1e6:.1f} MB (full copies of large files, "
            "and for the largest the text search looks in; `timeline cache clear` removes "
            "them, TIMELINE_CACHE=0 turns the cache off)"
        )
    return EXIT_OK
