"""Dates written in a notation the reader does not take, whose meaning is plain:
refused with exactly what to write, computed from the text.

- a date in brackets, as a citation or a catalogue writes it ("(1850)", "[1850]"), or
  with words in brackets beside it ("1850 (approx.)");
- circa joined to the year, as historians write it ("c1850", "ca1850"; "c. 1850" and
  "c.1850" are read);
- a month named in another language ("17 juillet 2018", "17. Juli 2018", "17 de julio
  de 2018"): French, German, Spanish, Italian, Portuguese and Dutch names;
- an era written in words or in another language's abbreviation after the year ("44
  before Christ", "44 v. Chr.", "44 av. J.-C.", "44 a.C.", "79 n. Chr."): the reader
  takes BCE, BC, CE and AD.

Each was "cannot read ... as a date" with every form listed, and is said so only when
that is what the reader would say (`errors.UnreadDate`): a more precise refusal stands
("17 July 2018 3:30pm (local)": a time is in the timeline's zone already). None is
read: a date in brackets may be one a catalogue supplied (and EDTF's one of a set),
"c1850" is also a catalogue's copyright date, and a month's name in another language
is a guess at the language (the tool reads English names only, and says so).

A date typed in the viewer or a filter (`parse.read_query`) is told the same, with
what the typed reader reads: it was told to try "july 16" whatever it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from timeline.dates.calendar import MONTH_NUMBERS, MONTHS
from timeline.dates.errors import DateError, UnreadDate, WrongWeekday
from timeline.dates.patterns import on_first_use
from timeline.dates.show import format_iso, qualified
from timeline.model import Qualifier, When

#: Reads a whole date field: its start and, for a span, its end.
ReadEnds = Callable[[str], tuple[When, When | None]]

# One pair of brackets, with the date inside it or beside it.
_BRACKETS = on_first_use(
    r"(?P<before>[^()\[\]]*?)\s*(?P<open>[(\[])\s*(?P<inside>[^()\[\]]*?)\s*[)\]]\s*"
    r"(?P<after>[^()\[\]]*)",
    re.S,
)
# Circa's word joined to a number ("c1850", "ca1850", "circa1850").
_JOINED_CIRCA = on_first_use(r"(?i)(?P<word>circa|ca|c)(?P<rest>\d.*)", re.S)
_LETTERS = on_first_use(r"[^\W\d_]+")
# What the rewritten text drops: words joining day, month and year ("17 de julio de
# 2018", "le 17 juillet"), and ordinal endings ("1er juillet", "1º de julho", German's
# "17. Juli", which a date typed in English words would keep as "17. July").
_JOINING = on_first_use(r"(?i)(?<![^\W\d_])(?:de|del|di|le|der|den|am|el|il|op|em)(?![^\W\d_])")
_ORDINAL = on_first_use(r"(?<=\d)(?:(?:er|º|ª)(?![^\W\d_])|\.(?=\s))")

_LANGUAGES = {
    "French": (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ),
    "German": "januar februar märz april mai juni juli august september oktober november dezember",
    "Spanish": (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    "Italian": (
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
        "novembre dicembre"
    ),
    "Portuguese": (
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
    ),
    "Dutch": (
        "januari februari maart april mei juni juli augustus september oktober november december"
    ),
}
#: Spellings without their accents, as they are often typed.
_UNACCENTED = {"fevrier": "février", "aout": "août", "decembre": "décembre", "maerz": "märz"}
_UNACCENTED |= {"marco": "março", "jänner": "januar"}  # (and Austria's January)


def _month_names() -> dict[str, tuple[int, tuple[str, ...]]]:
    """Each name that is not English: its month and the languages that name it so."""
    names: dict[str, tuple[int, tuple[str, ...]]] = {}
    for language, words in _LANGUAGES.items():
        for number, name in enumerate(words.split(), 1):
            month, languages = names.get(name, (number, ()))
            names[name] = (month, (*languages, language))
    for spelling, name in _UNACCENTED.items():
        names[spelling] = names[name]
    return {name: said for name, said in names.items() if name not in MONTH_NUMBERS}


_MONTH_NAMES = _month_names()


def notation_refusal(text: str, read: ReadEnds, *, in_file: bool = True) -> str | None:
    """Why `text`, a whole date field, is refused for a notation named above, with what
    to write; None when it is written in none of them. `read` reads what the message
    offers, to give it only when it reads (what it raises leaves it out). `in_file`: a
    file's field, whose words can be kept in display_date; else a date typed in the
    viewer or a filter, told what the typed reader reads (`read` is that reader: no
    circa, no ?), in the words typed rather than as ISO, which would make up a year
    that was not typed ("17 juillet": 17 July).

    A weekday the date does not fall on is said as it is of the date written plainly:
    "16 July 2018 (Sunday)" was told to write 16 July 2018 and keep "(Sunday)" in
    display_date, where "Sunday 16 July 2018" says the weekday contradicts the date."""
    try:
        return (
            _in_brackets(text, read, in_file)
            or _joined_circa(text, read)
            or _other_era(text, read)
            or _other_language(text, read, in_file)
        )
    except WrongWeekday as wrong:
        return wrong.said_of(text)


def _reads(text: str, read: ReadEnds) -> tuple[When, When | None] | None:
    """What `read` reads of `text`, None when it refuses it; a weekday the date does not
    fall on is raised (`WrongWeekday`), to be said of the whole text."""
    try:
        return read(text)
    except WrongWeekday:
        raise
    except DateError:
        return None


def _objection(text: str, read: ReadEnds) -> str | None:
    """What reading `text` objects to, when it is more than "cannot read" (`UnreadDate`)."""
    try:
        read(text)
    except UnreadDate:
        return None
    except DateError as error:
        return str(error)
    return None


def _in_brackets(text: str, read: ReadEnds, in_file: bool) -> str | None:
    """ "(1850)", "[1850]": the date alone, without them; "1850 (approx.)": the date,
    the words in display_date."""
    if "(" not in text and "[" not in text:
        return None
    found = _BRACKETS().fullmatch(text)
    if found is None:
        return None
    inside = found["inside"]
    outside = " ".join(f"{found['before']} {found['after']}".split())
    kind = "parentheses" if found["open"] == "(" else "square brackets"
    alone = "a date field holds the date alone" if in_file else "a date is typed alone"
    if not outside:
        ends = _reads(inside, read) if inside else None
        if ends is None:
            return None
        said = f"{text!r} has the date in {kind}"
        doubt = ""
        if kind == "square brackets":
            said += ", as a catalogue marks a date it supplied (and EDTF one of a set)"
            if _reads(f"{inside}?", read) is not None:
                doubt = ", with a ? after it if it is uncertain"
        return f"{said}; {alone}: write {inside}{doubt}"
    if _reads(outside, read) is None:
        return None
    if inside == "?" and _reads(f"{outside}?", read) is not None:
        # "July (?) 2018": the writer's doubt, which the reader takes after the date.
        return f"{text!r} has a ? in {kind}: for an uncertain date, write {outside}?"
    words = text[text.index(found["open"]) : len(text) - len(found["after"])].strip()
    said = f"{text!r} has words in {kind} ({words!r}); {alone}"
    # Words the date reads with them, out of the brackets: "1850 (approx.)" is circa
    # 1850, "15:00 (EDT)" a time in a zone; else the date, the words kept beside it.
    for joined in (f"{inside} {outside}", f"{outside} {inside}"):
        if inside and _reads(joined, read) is not None:
            return f"{said}: write {joined}"
    if inside and in_file:  # (a date typed reads no zone: its refusal says nothing more)
        # Out of the brackets, the words say something of the date itself: a zone that
        # was not kept then ("15:00 (EST)" in July), or one that names two. Dropping
        # them would move the instant without a word: what they say is said instead.
        objection = _objection(f"{outside} {inside}", read)
        if objection is not None:
            return f"{said}; out of them, {objection}"
    return f"{said}: write {outside}" + (", and keep the words in display_date" if in_file else "")


def _joined_circa(text: str, read: ReadEnds) -> str | None:
    """ "c1850": circa (or a catalogue's copyright date), "ca1850", "circa1850": circa."""
    found = _JOINED_CIRCA().fullmatch(text)
    if found is None or _reads(found["rest"], read) is None:
        return None
    word, rest = found["word"], found["rest"]
    if _reads(f"circa {rest}", read) is None:  # a date typed: circa is not read there
        return f"{text!r} joins {word} to the date: write {rest}"
    if word.lower() == "c":
        return (
            f"{text!r} joins c to the date: for circa, write c. {rest} (or circa {rest}); "
            f"for the date itself (a catalogue's c{rest} is a copyright date), write {rest}"
        )
    written = "circa" if word.lower() == "circa" else f"{word}."
    return f"{text!r} joins {word} to the date: for circa, write {written} {rest}"


# An era after the year, as words or another language's abbreviation: before Christ
# (German and Dutch "v. Chr.", French "av. J.-C.", Spanish, Italian and Portuguese
# "a.C."), and after (anno Domini, "n. Chr.", "apr. J.-C.", "d.C."). "a.C." and "d.C."
# only so cased: "D.C." is Washington's.
_ERA_WORDS = on_first_use(
    r"(?P<date>.*\d)\s*(?P<era>(?P<bce>before\s+(?:the\s+)?(?:Christ|common\s+era)"
    r"|v\.\s*Chr\.?|vor\s+Christus|voor\s+Christus|av\.?\s*J\.?\s*-?\s*C\.?"
    r"|avant\s+J[ée]sus[-\s]Christ|(?-i:a\.\s*C\.?)|antes\s+de\s+Cristo|avanti\s+Cristo)"
    r"|anno\s+domini|n\.\s*Chr\.?|nach\s+Christus|na\s+Christus|apr\.?\s*J\.?\s*-?\s*C\.?"
    r"|apr[èe]s\s+J[ée]sus[-\s]Christ|(?-i:d\.\s*C\.?)|despu[ée]s\s+de\s+Cristo"
    r"|dopo\s+Cristo|depois\s+de\s+Cristo)\s*",
    re.I,
)


def _other_era(text: str, read: ReadEnds) -> str | None:
    """ "44 v. Chr.", "44 before Christ": the year with BCE (or CE), as the reader reads
    an era. They were "cannot read ... as a date", with nothing said of the era."""
    found = _ERA_WORDS().fullmatch(text)
    if found is None:
        return None
    era = "BCE" if found["bce"] else "CE"
    rewritten = f"{found['date'].strip()} {era}"
    if _reads(rewritten, read) is None:
        return None
    meaning = "before Christ, BCE" if era == "BCE" else "anno Domini, CE"
    return (
        f"{text!r} writes the era as {' '.join(found['era'].split())!r} ({meaning}); eras "
        f"are read as BCE, BC, CE or AD: write {rewritten}"
    )


def _other_language(text: str, read: ReadEnds, in_file: bool) -> str | None:
    """A month named in another language: its English name, and the date to write."""
    found = next((word for word in _LETTERS().findall(text) if word.lower() in _MONTH_NAMES), None)
    if found is None:
        return None
    month, languages = _MONTH_NAMES[found.lower()]
    english = MONTHS[month - 1]
    named = (
        " or ".join((", ".join(languages[:-1]), languages[-1])) if languages[1:] else languages[0]
    )
    said = (
        f"{text!r} names the month in {named} ({found}: {english}); month names are read in English"
    )
    rewritten = _in_english(text)
    ends = _reads(rewritten, read)
    if ends is None:
        return (
            f"{said}: write the date as ISO (year-month-day), or with the month's English "
            f"name, {english}"
        )
    return f"{said}: write {(_iso(*ends) if in_file else '') or rewritten}"


def _in_english(text: str) -> str:
    """The text with each month's name in English and the words joining the date's
    parts left out ("17 de julio de 2018": "17 July 2018")."""
    words = _LETTERS().sub(
        lambda m: (
            MONTHS[_MONTH_NAMES[m.group().lower()][0] - 1]
            if m.group().lower() in _MONTH_NAMES
            else m.group()
        ),
        text,
    )
    return " ".join(_ORDINAL().sub("", _JOINING().sub("", words)).split())


def _iso(start: When, end: When | None) -> str:
    """The date as ISO writes it, qualifier and all ("circa 2018-07-17"); a span of
    exact ends as an interval; "" for a span with a qualifier, which ISO cannot say."""
    if end is None:
        return qualified(start, format_iso(start))
    exact = start.qualifier is Qualifier.EXACT and end.qualifier is Qualifier.EXACT
    return f"{format_iso(start)}/{format_iso(end)}" if exact else ""
