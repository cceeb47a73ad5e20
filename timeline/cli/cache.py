"""The cache command: where large files' full copies are kept, and removing them."""

from __future__ import annotations

import argparse

from timeline.cli.loading import EXIT_OK


def cmd_cache(args: argparse.Namespace) -> int:
    """Say where the cache is and what it holds, or remove every entry."""
    from timeline import cache

    where = cache.directory()
    if where is None:
        print("the cache is off (TIMELINE_CACHE=0): nothing is cached")
        return EXIT_OK
    if args.action == "clear":
        removed = cache.clear()
        print(f"{where}: removed {removed} cached timeline{'s' if removed != 1 else ''}")
        return EXIT_OK
    entries = list(where.glob("*.entry")) if where.is_dir() else []
    size = sum(entry.stat().st_size for entry in entries)
    print(
        f"{where}: {len(entries)} cached timeline{'s' if len(entries) != 1 else ''}, "
        f"{size / 1e6:.1f} MB (full copies of large files; `timeline cache clear` removes them, "
        "TIMELINE_CACHE=0 turns the cache off)"
    )
    return EXIT_OK
