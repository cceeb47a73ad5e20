"""The conventions timeline shares with TimelineJS, which its reader and writer both follow.

TimelineJS (Knight Lab) holds text as HTML, so plain text is escaped so that it reads
back exactly, and what shows nothing or reorders a line (a bidi override) is shown as
a stand-in span that reads back as the character; fields TimelineJS has no slot for ride in an HTML comment at the end of
the slide text (`<!--timeline:{...}-->`); a source is a paragraph of its own class; the
spreadsheet has the template's columns. Writing and reading both import this module,
so a convention is stated once.

What a published slide shows of provenance: every source as a paragraph of its own,
the verification status as a paragraph ("Status: single source"; public: it tells
readers how far to trust the slide), and after a quote's speaker in its `<cite>`, a
span with the quote's own date, source and note; and a media TimelineJS would not
show (a caption with no URL it embeds) as a paragraph. Research notes are never shown;
they ride in the hidden data only when the export is asked for them (`--private`).

The hidden data of a quote or a source is matched to its block quote or paragraph by
what that shows (a quote's words by `quote_key`, its cite, a source's label and link),
not by its place: a quote added, removed or moved in TimelineJS leaves every other
quote its own date and source (`read/slide_pairs.py`).
"""

from __future__ import annotations

import hashlib
import html as _html
import re

from timeline.dates import format_medium, format_range
from timeline.dates.calendar import MAX_YEAR as CALENDAR_MAX_YEAR
from timeline.dates.show import zone_abbreviation, zone_name
from timeline.links import link_url, refusal
from timeline.model import Event, Media, Qualifier, Quote, Source, When
from timeline.provenance import facts_text
from timeline.text import mark_page, stand_in

#: The classes marking blocks this program writes, so it can read them back.
SOURCE_CLASS = "timeline-source"
STATUS_CLASS = "timeline-status"
#: A media TimelineJS would not show: a caption (and credit) with no URL it embeds.
MEDIA_CLASS = "timeline-media"
#: The span in a quote's `<cite>`, after the speaker: the quote's date, source and note.
QUOTE_META_CLASS = "timeline-quote-meta"
#: The span standing in for a character that shows nothing or reorders the text: a
#: bidi override, a zero-width space, a control character ("<U+202E>", "␛").
UNSEEN_CLASS = "timeline-unseen"


#: What `escape` writes for each space character it must not leave as it is: HTML
#: would collapse runs of them and drop them at the ends of an element.
_SPACE_REFS = {" ": "&#32;", "\t": "&#9;", "\r": "&#13;", "\f": "&#12;", "\n": "<br>"}
#: The spaces `escape` rewrites: runs of two or more, any other space character, and a
#: space at either end. A single space between two other characters stays as it is.
_SPACES_TO_WRITE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]|\A | \Z")


def _space_refs(match: re.Match[str]) -> str:
    return "".join([_SPACE_REFS[char] for char in match.group()])


def _unseen_span(char: str) -> str:
    """The span a published slide shows for a character that shows nothing or
    reorders the text: `<span class="timeline-unseen">&lt;U+202E&gt;</span>`. A
    carriage return and a form feed are spaces to HTML, written as references."""
    if char in "\r\f":
        return char
    return f'<span class="{UNSEEN_CLASS}">{_html.escape(stand_in(char), quote=False)}</span>'


def escape(text: str) -> str:
    """HTML for plain text that `parse` reads back as exactly the same text, shown on
    the published page as the file holds it.

    `&`, `<` and `>` become references, a newline `<br>`, and every space character
    that HTML would collapse or trim a character reference; a single space between two
    other characters stays. A character that shows nothing or that reorders what a
    line appears to say (a bidi override, a zero-width space, a control character)
    becomes a span showing its stand-in, as the HTML page shows it ("<U+202E>"); a
    character reference would not do, being the same character to the browser. Done
    by `str.replace` and patterns over the text: a loop over each character took 40%
    of an export (1.3 of 3.0 s at 10,000 events).
    """
    text = _markup_escaped(text)
    # Most text has no space to rewrite and nothing unseen: two scans in C tell, where
    # the pattern's `sub` took half of a CSV export's escaping. `isprintable` is False
    # for every space, format and control character but the space; a run of spaces
    # alone holds two.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES_TO_WRITE.sub(_space_refs, mark_page(text, _unseen_span))


def escape_value(text: str) -> str:
    """`escape` for a value TimelineJS puts into an attribute or a style, never shows
    as text (alt text, a background colour): every character kept as it is, for a
    span there would be markup in the attribute."""
    text = _markup_escaped(text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES_TO_WRITE.sub(_space_refs, text)


def _markup_escaped(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text: str) -> str:
    """Text for a double-quoted attribute value."""
    return _html.escape(text, quote=True)


STASH = "timeline:"


DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")


SLIDE_KEYS = (
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "unique_id",
    "autolink",
)


#: The largest year (either side of year 0) a date may have: the same limit as every
#: other reader's (`dates.calendar.MAX_YEAR`), so Knight Lab's cosmology template
#: (13,800,000,000 BCE) loads, in TimelineJS as in TOML.
MAX_YEAR = CALENDAR_MAX_YEAR


DATE_KEYS = (*DATE_PARTS, "millisecond", "display_date", "format")


def derived(when: When) -> bool:
    """Whether a slide must say the date in words: relative, approximate or bounded
    dates, which TimelineJS's date objects cannot say, and times with a zone, which
    it shows without one ("7:05 PM", in no one's zone in particular)."""
    return bool(when.anchor) or when.qualifier is not Qualifier.EXACT or bool(zone_name(when))


def linkable(url: str) -> bool:
    """Whether the URL may be written as a link as it is (`links.link_url`): http, https
    or mailto, never javascript: and such."""
    return bool(url) and link_url(url) == url


def source_link(source: Source) -> str:
    """A source's label as a link to its URL, as HTML.

    Only a URL `linkable` passes becomes a link; any other URL is shown as text after
    the label, and the hidden data keeps it exactly for the way back.
    """
    if not source.url or linkable(source.url):
        shown = escape(source.label or source.url)
        if source.url:
            shown = f'<a href="{escape_attribute(source.url)}">{shown}</a>'
        return shown
    if source.label:
        return f"{escape(source.label)} ({escape(source.url)})"
    return escape(source.url)


def source_shown(source: Source) -> str:
    """A source as a slide shows it, as HTML: its label as a link (`source_link`), then
    what else is known of it, as every output says it ("RAICES on Twitter (primary;
    accessed 20 Jul 2018)"; "(archived copy: sources/letter.txt)" for a source known
    only by its saved copy, never an empty "Source: "). The hidden data gives the
    values back exactly; shown, they read back as what the slide says."""
    link = source_link(source)
    facts = facts_text(source, escape)
    if not facts:
        return link
    return f"{link} ({facts})" if link else f"({facts})"


def source_html(source: Source) -> str:
    """The source as a paragraph the reader can recognise and read back."""
    return f'<p class="{SOURCE_CLASS}">Source: {source_shown(source)}</p>'


def without_facts(source: Source) -> Source:
    """The source as exports before `source_shown` showed its facts wrote it: the
    paragraph (or cite) of such an export still shows its hidden entry."""
    return source._replace(archive="", accessed=None, kind="")


def embedded(url: str) -> str:
    """A media's URL as a slide gives it to TimelineJS to embed: "" for one no export
    makes media (`links.refusal`) and for one of spaces, which TimelineJS would embed
    as an image of nothing (a broken picture). Either is kept in the hidden data."""
    return "" if not url.strip() or refusal(url) else url


def media_html(media: Media) -> str:
    """A media with no URL a slide embeds (a photo known by its caption, or a URL no
    export links to) as a paragraph, or "": TimelineJS shows a slide's media, caption
    and credit only with a URL, and would show none of it. Read back, the paragraph is
    left aside: the slide's media object (a spreadsheet's media columns) holds it. A
    blank media (`Media.blank`) has no paragraph: there is nothing to name it by. It is
    named as every output names it (`Media.name`), else by its address."""
    if embedded(media.url) or media.blank():
        return ""  # the slide embeds it, with its caption and credit; or nothing to show
    shown = escape(media.name() or media.url)
    if media.credit.strip():  # (a credit of spaces credits nobody: "Photo (   )")
        shown = f"{shown} ({escape(media.credit)})"
    return f'<p class="{MEDIA_CLASS}">Media: {shown}</p>'


def status_html(status: str) -> str:
    """The verification status as a paragraph the reader can recognise and read back."""
    return f'<p class="{STATUS_CLASS}">Status: {escape(status)}</p>'


def quote_meta_html(quote: Quote, after_speaker: bool) -> str:
    """The span of a quote's own date, source and note in its `<cite>`, or "".

    "RAICES<span>, 19 Jul 2018, RAICES on Twitter. Note: translated</span>": readable
    on the published page. Reading it back, the hidden data gives the values exactly
    while this span still reads as it would be written from them.
    """
    parts: list[str] = []
    if quote.date is not None:
        parts.append(escape(format_medium(quote.date)))
    if quote.source is not None and (shown := source_shown(quote.source)):
        parts.append(shown)
    text = ", ".join(parts)
    if quote.note:
        text += (". " if text else "") + "Note: " + escape(quote.note)
    if not text:
        return ""
    if after_speaker:
        text = ", " + text
    return f'<span class="{QUOTE_META_CLASS}">{text}</span>'


#: The key of a quote's hidden data holding `quote_key` of its words.
QUOTE_KEY = "text_hash"


def quote_key(text: str) -> str:
    """A short fingerprint of a quote's words, kept in its hidden data so that the
    reader finds the block quote it belongs to wherever it now stands, and tells
    when its words were changed. A fingerprint, not the words: the slide shows them,
    and a second copy would double what a quote takes in the file."""
    # surrogatepass: a timeline made in code may hold a lone surrogate; never a crash.
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def quote_html(quote: Quote, speaker: str) -> str:
    """A quote as a block quote: its words, and in `<cite>` the speaker (the event's when
    the quote has none of its own), then the quote's own date, source and note."""
    meta = quote_meta_html(quote, bool(speaker))
    cite = f"<cite>{escape(speaker)}{meta}</cite>" if speaker or meta else ""
    return f"<blockquote><p>{escape(quote.text)}</p>{cite}</blockquote>"


def display_date(event: Event) -> str:
    """The date readers should see: the file's own, or one for a derived date ("before
    16 Jul 2019 09:30 UTC+01:00", "4 Mar 2019 19:05 GMT")."""
    if event.display_date:
        return event.display_date
    if derived(event.when) or (event.end is not None and derived(event.end)):
        return format_range(event.when, event.end)
    return ""


def derives(event: Event, shown: str) -> bool:
    """Whether `shown` is the display date an export derives from the event's dates
    (`display_date`, the event's own left aside), as exports write it now or as they
    wrote it before a zone's abbreviation the date reader does not read back was
    written as its offset ("09:30 BST", now "09:30 UTC+01:00"): a sheet exported then
    is read back as it was written, without a display date of its own."""
    now = display_date(event._replace(display_date=""))
    if not now or shown == now:
        return shown == now
    for when in (event.when, event.end):
        if when is not None and zone_abbreviation(when) != zone_name(when):
            shown = shown.replace(f" {zone_abbreviation(when)}", f" {zone_name(when)}")
    return shown == now


def background_is_url(background: str) -> bool:
    """Whether a slide background is an image URL (else it is a colour)."""
    return background.startswith(("http://", "https://", "//", "/"))


# A cell a spreadsheet would read as a formula (OWASP's list: =, +, -, @, tab,
# carriage return), possibly behind quotes that this program added before.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
# A whole number is read as a number, never as a formula: years such as -500 stay so.
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_FORMULA_START = frozenset("'=+-@\t\r")  # a quick look before the pattern


def to_cell(text: str) -> str:
    """A spreadsheet cell that Google Sheets and Excel never run as a formula.

    As OWASP recommends, a cell starting with =, +, -, @, a tab or a carriage return
    gets a single quote in front (`=HYPERLINK(...)` becomes `'=HYPERLINK(...)`). A
    cell that already starts with quotes before one of those gets one more, so that
    `from_cell` can take exactly one away. Whole numbers are left alone.
    """
    if text[:1] in _FORMULA_START and _FORMULA.match(text) and not _WHOLE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def from_cell(text: str) -> str:
    """A cell as `to_cell` was given it: one leading quote before a formula character
    (after any further quotes) is taken away; any other quote is the cell's own."""
    if text.startswith("'") and _FORMULA.match(text, 1):
        return text[1:]
    return text


COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Alt Text",
    "Type",
    "Group",
    "Background",
)


#: Columns of the oldest template, read but not written.
OLD_COLUMNS = ("Start Date", "End Date", "Tag")
