"""What only TOML 1.1 allows, looked for without parsing: rtoml reads it, tomllib does not.

rtoml (the fast parser) reads TOML 1.1, tomllib (the reference, which says where an
error is) TOML 1.0. A text holding what 1.1 added would load with one and be refused
by the other, so a file's fate would depend on which parser happened to read it.
These checks find every place 1.1 syntax could be, and some that are not (a time in
a quote's text after a comma, a `{` in a multi-line string): such a text is read by
tomllib, as before rtoml read small files. What TOML 1.1 added, and what rtoml 0.14
also takes that tomllib does not (each in tests/test_small_files.py):

- a byte-order mark as text (the file's own is removed before parsing; a second one
  is text);
- the escapes `\\e` and `\\xHH`;
- times without seconds (`07:32`, `1979-05-27T07:32Z`);
- newlines, comments and a trailing comma inside an inline table.
"""

from __future__ import annotations

import re

# Possessive quantifiers (`*+`, `++`): the grammar never needs to give back what it
# took, and a line is matched in under a microsecond instead of six.
_KEY = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+')"""
_KEYS = rf"{_KEY}(?:[ \t]*+\.[ \t]*+{_KEY})*+"
_VALUE = r"""(?:"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+'|[^\s,{}\[\]"'#=]++)"""
_PAIR = rf"{_KEYS}[ \t]*+=[ \t]*+{_VALUE}"
#: A key and an inline table of strings and plain values, whole on one line: the form
#: a timeline's `source = { ... }` and `media = { ... }` take, and TOML 1.0's.
_FLAT_TABLE = re.compile(
    rf"[ \t]*+{_KEYS}[ \t]*+=[ \t]*+\{{[ \t]*+(?:{_PAIR}[ \t]*+(?:,[ \t]*+{_PAIR}[ \t]*+)*+)?\}}"
    r"[ \t]*+(?:#[^\n]*+)?\r?"
)
_ESCAPE = re.compile(r"\\[ex]")
#: Where a time's minutes may end without seconds after them (found by its colon: a
#: pattern that starts with a character is looked for at C speed).
_MINUTES = re.compile(r":[0-9][0-9](?!:[0-9])")
_DATE_AND_T = re.compile(r"[0-9]{4}-[0-9][0-9]-[0-9][0-9][Tt ]")
#: What may come before a value: `=`, and in an array `[`, `,` or a line's start.
_VALUE_STARTS = "=[,\n"


def _starts_a_value(text: str, at: int) -> bool:
    """Whether a value may start at `at`: only spaces and tabs after `=`, `[`, `,`, a
    line's start or the text's."""
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    return at == 0 or text[at - 1] in _VALUE_STARTS


def _short_time(text: str) -> bool:
    """Whether a time of day without seconds may stand where a value can."""
    for match in _MINUTES.finditer(text):
        start = match.start() - 2  # the hour's two digits
        if start < 0 or not text[start : start + 2].isdigit():
            continue
        if _starts_a_value(text, start):
            return True
        date = start - 11  # a date and T before the time
        if date >= 0 and _DATE_AND_T.fullmatch(text, date, start) and _starts_a_value(text, date):
            return True
    return False


def _inline_tables_on_one_line(text: str) -> bool:
    """Whether every line with a `{` is a whole one-line inline table of plain values."""
    at = text.find("{")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _FLAT_TABLE.fullmatch(text, start, end) is None:
            return False
        at = text.find("{", end)
    return True


def may_need_toml_1_1(text: str) -> bool:
    """Whether the text may hold syntax TOML 1.1 added (False: it certainly does not)."""
    if text.startswith("\ufeff") or ("\\" in text and _ESCAPE.search(text)):
        return True
    # Every inline table that may span lines or end in a comma starts on a line with a
    # `{` that is not a whole one-line table.
    return _short_time(text) or not _inline_tables_on_one_line(text)
