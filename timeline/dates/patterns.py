"""Regular expressions compiled the first time they are used, not at import.

Every start of the viewer or of `check` imports the date readers, but most files write
their dates in ISO or relative forms and never reach the written, EDTF or span forms.
Compiling those forms' forty-odd patterns at import cost about 7 ms of a 250 ms start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def on_first_use(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns the pattern, compiled on its first call and kept.

    Args:
        pattern: The regular expression, as for `re.compile`.
        flags: Its flags, as for `re.compile`.

    Returns:
        A function of no arguments; `_ZONE().match(text)` reads as `_ZONE.match(text)`
        would with the pattern compiled at import.
    """
    return cache(lambda: re.compile(pattern, flags))
