"""The error every date reader raises, with a message a person can act on."""

from __future__ import annotations


class DateError(ValueError):
    """A date that cannot be read; the message says what was found and what is valid."""


#: What a date may be, for messages that refuse one.
VALID_FORMS = (
    "an ISO date such as 2018, 2018-07, 2018-07-19 or 2018-07-19T14:05, a written date "
    'such as "July 8, 2018", a TOML date, or with relative_to set, "Monday", '
    '"3 days before", "before" or "after"'
)
