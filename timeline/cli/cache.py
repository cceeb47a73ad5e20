"""The cache command: where large files' full copies are kept, and removing them."""

from __future__ import annotations

import argparse

from timeline.cli.exits import EXIT_OK


def cmd_cache(args: argparse.Namespace) -> int:
    """Say where the cache is and what it holds, or remove every entry."""
    from timeline import cache

    # Turned off, the cache is neither read nor written; what it wrote before is still
    # a full copy of each story on disk, said and cleared as when it is on.
    where, off = cache.location(), cache.directory() is None
    note = " (the cache is off: TIMELINE_CACHE=0)" if off else ""
    if args.action == "clear":
        removed = cache.clear()
        print(f"{where}: removed {removed} cached timeline{'s' if removed != 1 else ''}{note}")
        return EXIT_OK
    count, size = cache.held()  # with the search text kept beside the largest
    held = f"{count} cached timeline{'s' if count != 1 else ''}, {size / 1e6:.1f} MB"
    if off:
        print(
            f"{where}: {held}, written before the cache was turned off (TIMELINE_CACHE=0): "
            "nothing more is read or written there; `timeline cache clear` removes them"
        )
    else:
        print(
            f"{where}: {held} (full copies of large files, and for the largest the text "
            "search looks in; `timeline cache clear` removes them, TIMELINE_CACHE=0 turns "
            "the cache off)"
        )
    return EXIT_OK
