"""The error every date reader raises, with a message a person can act on."""

from __future__ import annotations


class DateError(ValueError):
    """A date that cannot be read; the message says what was found and what is valid."""
