"""Whether a load went without the cache, asked without importing the cache.

`timeline.cache` is imported by a large file's load alone; a command or a viewer that
loaded none has nothing to say and should not pay for the import. Asked on leaving, the
module may also be half imported, by a thread loading a large file when the viewer was
left (q at the first screen): no load has used it then, so none went without it.
"""

from __future__ import annotations

import sys


def went_without() -> str:
    """`cache.went_without` when the cache module is imported whole, else ""."""
    cache = sys.modules.get("timeline.cache")
    said = getattr(cache, "went_without", None)
    return said() if said is not None else ""
