"""The error every date reader raises, with a message a person can act on."""

from __future__ import annotations


class DateError(ValueError):
    """A date that cannot be read; the message says what was found and what is valid."""


class UnreadDate(DateError):
    """A date in no form the reader knows, refused with the forms it does know. What
    reads the whole field says more when it can (`notations`: "(1850)", "c1850", a
    month named in another language), in place of that list."""


class WrongWeekday(DateError):
    """A weekday named with a date that does not fall on it. Said of the text as the
    writer wrote it (`said_of`), also when the reader found the weekday elsewhere in it
    ("16 July 2018 (Sunday)" is read as "Sunday 16 July 2018" to check it)."""

    def __init__(self, text: str, weekday: str, day: str, actual: str) -> None:
        super().__init__(text, weekday, day, actual)
        self.text, self.weekday, self.day, self.actual = text, weekday, day, actual

    def __str__(self) -> str:
        return self.said_of(self.text)

    def said_of(self, text: str) -> str:
        """The message, of `text` (the whole field or the date typed)."""
        return (
            f"{text!r} says {self.weekday}, but {self.day} was a {self.actual}; check the "
            "source and correct the weekday or the date"
        )


#: What an absolute date may be.
ABSOLUTE_FORMS = (
    "an ISO date such as 2018, 2018-07, 2018-07-19 or 2018-07-19T14:05, a written date "
    'such as "July 8, 2018", a TOML date'
)
#: What a date may be, for messages that refuse one: an event's, which may be relative.
VALID_FORMS = (
    f'{ABSOLUTE_FORMS}, or with relative_to set, "Monday", "3 days before", "before" or "after"'
)
#: What a quote's date may be: relative forms count from its event (it has no relative_to).
QUOTE_FORMS = (
    f'{ABSOLUTE_FORMS}, or counted from its event, "Monday", "3 days before", "before" or "after"'
)
#: How a refusal names the relative form to write instead ("the next day" (with
#: relative_to)): said of a quote's date as counted from its event, and left out for a
#: date that cannot be relative.
WITH_RELATIVE_TO = " (with relative_to)"
