"""The timeline as one self-contained web page: `timeline export FILE --to html`.

A newsroom uploads the file anywhere or opens it from disk: the styles and the
script are inline, fonts are the reader's own, and the page asks no other host for
anything (media and sources are links, never embedded). The markup says what things
are: events in ordered lists under month headings, dates in `<time datetime>` at
their precision, quotes in `<blockquote>` with the speaker in `<cite>` and the quote's
own date, source and note beside it, every source as a link with its kind, access
date and archived copy, the verification status as a badge. Search as you type,
filters (status among them) and keyboard moves are the script's; without it the page
is a complete, readable document. Research notes are on the private page only
(`private=True`, `export --to html --private`).

Safety rests on two things. Every text from the file goes through Jinja's
autoescaping (this module never builds markup itself; control characters are shown
as visible stand-ins first, as on the terminal), and links are made only from http,
https and mailto URLs that show as themselves (`timeline.links`). Then a Content-Security-Policy allows only the page's own inline style and
script, by hash, so even a mistake in the first could not run a script or fetch
anything. No text from the file is ever put inside the script or the style: what the
script needs it reads from the page's elements and `data-` attributes.

Dates: `datetime` is ISO 8601 at the date's precision ("2018", "2018-07",
"2018-07-16"). HTML has no form for an hour alone, so a time known to the hour is
written with ":00" minutes; years before 1 have no HTML form at all, so those dates
are shown without `datetime`. The visible text always says what the file said.

jinja2 is imported here, and this module only by `render(..., "html")`, so the other
commands do not pay for it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from timeline import __version__
from timeline.dates import (
    Headings,
    format_iso,
    format_medium,
    format_range,
    period_name,
)
from timeline.links import link_url
from timeline.model import STATUSES, Event, Media, Precision, Quote, Source, Timeline, When
from timeline.provenance import facts_text
from timeline.query.eras import Place, era_place, eras_of
from timeline.query.facets import facets
from timeline.query.related import related
from timeline.query.search import fold_lower
from timeline.show.citation import event_date
from timeline.show.derivation import derivation
from timeline.text import clean_page as clean  # a page keeps a soft hyphen: `clean_page`
from timeline.text import one_line_page as one_line
from timeline.text import paragraphs
from timeline.write.json import published_path

#: The page's stylesheet and script, shipped beside the template in the package.
TEMPLATES = "templates"
#: Events per list that the browser renders or skips as one. Measured at 10,000 events
#: (benchmarks/html_page.py): skipping each event alone made the browser track 10,000
#: elements on every frame, and a search keystroke or j several times slower.
CHUNK = 50
#: The page's height, in pixels, that the estimated heights of the lists not yet
#: rendered stay under (with the script or without): Firefox lays out no more than
#: 17.9 million pixels (Chromium 33.5 million), and an event placed further could not
#: be reached. 100,000 events of 380 pixels are 38 million: each is estimated shorter.
BUDGET = 15_000_000
#: An event's height before any is measured, in rem: benchmarks/generate.py's mean
#: event, 1,200 pixels wide.
TYPICAL_REM = 24


class Link(NamedTuple):
    """Something to show as a link: `href` is None when the URL is not a safe web link.

    Attributes:
        text: What the reader sees (the label, or the URL when there is no label).
        href: An http(s) URL, or None.
        shown_url: The URL as text, when it is not made a link (so nothing is hidden).
    """

    text: str
    href: str | None
    shown_url: str = ""


class Related(NamedTuple):
    """A related event, linked in the page: "in reply to", "replied to by", "dated from".
    One a filter left out has no `href`, and its date is given instead."""

    label: str
    title: str
    href: str
    left_out: str = ""


class DateView(NamedTuple):
    """A date as shown, and its `datetime` attribute ("" when HTML has no form for it)."""

    text: str
    datetime: str


class SourceView(NamedTuple):
    """A source: its link, and what else is known of it ("primary; accessed 20 Jul 2018;
    archived copy: sources/raices.html"), "" when nothing."""

    link: Link
    about: str


class QuoteView(NamedTuple):
    """A quote's lines (line breaks kept), who said it, and its own date, source and note.

    Attributes:
        lines: The words, a line each.
        speaker: Who said them (the event's speaker when the quote names none).
        date: The quote's own date, or None.
        source: The quote's own source, or None.
        note: The note's lines (() when none: no list to allocate, and collect, for
            each of 25,000 quotes).
    """

    lines: list[str]
    speaker: str
    date: DateView | None
    source: SourceView | None
    note: Sequence[str]


class Facet(NamedTuple):
    """One filter: its name and, for each value, the label shown and how many events have it."""

    name: str
    plural: str
    options: list[tuple[str, int]]


class EventView(NamedTuple):
    """One event as the template shows it: every text already cleaned, none of it markup."""

    dom_id: str
    href: str
    title: str
    dates: list[DateView]
    display: bool
    kind: str
    speaker: str
    handle: str
    role: str
    group: str
    tags: list[str]
    eras: list[str]
    derivation: str
    context: list[list[str]]
    quotes: list[QuoteView]
    sources: list[SourceView]
    # The verification status, and its badge's class ("" when it has no badge of its own).
    status: str
    status_class: str
    media: Link | None
    media_credit: str
    related: list[Related]
    # An in_reply_to naming no event of the timeline, shown as written.
    reply_unknown: str
    # Indices into the facets' options, for the script's filters ("" when none).
    kind_key: str
    speaker_key: str
    group_key: str
    tag_keys: str
    status_key: str
    # Where the event was read, and its research notes: for the research page only
    # (`private=True`).
    origin: str
    notes: Sequence[list[str]]


class MonthView(NamedTuple):
    """A month (or a year, for events known only to the year) and its events.

    The events are in ordered lists of at most CHUNK, each the unit the browser may
    leave unrendered while it is out of sight, sized meanwhile by the script from the
    events it shows (see page.css and page.js).
    """

    label: str
    chunks: list[list[EventView]]


class EraView(NamedTuple):
    """An era: its title, span, text and a link to its first event in the page."""

    title: str
    span: str
    text: list[list[str]]
    first: str


def dumps(timeline: Timeline, *, private: bool = False, everything: Timeline | None = None) -> str:
    """The timeline as one HTML page, ending with a newline.

    Args:
        timeline: What to publish.
        private: Also show what is meant for the research team, not for readers:
            where each event was read (file and line) and its research notes; the
            template shows them inside its `{% if private %}` blocks only. A
            published page is made with the default, False. (The status is public:
            it tells readers how far each event is confirmed.)
        everything: The whole timeline when a filter kept `timeline`'s events: how a
            date was worked out and the related events a filter left out are found
            there, the latter named by title and date, without a link.
    """
    whole = everything or timeline
    facet_list, keys = _facets(timeline.events)
    ids = _dom_ids(timeline.events)
    months: list[MonthView] = []
    headings = Headings()  # as the rail and the printout head them
    for event in timeline.events:
        period = headings.before(event.when)
        if period is not None:
            months.append(MonthView(period_name(*period), []))
        chunks = months[-1].chunks
        if not chunks or len(chunks[-1]) == CHUNK:
            chunks.append([])
        chunks[-1].append(_event(event, timeline, whole, ids, keys, private=private))
    eras = [
        EraView(
            title=one_line(era.title),
            span=format_range(era.start, era.end),
            text=_paragraphs(era.text),
            first=next(
                (_href(ids[e.id]) for e in timeline.events if era_place(era, e) is not Place.OUT),
                "",
            ),
        )
        for era in timeline.eras
    ]
    lengths = [len(chunk) for month in months for chunk in month.chunks]
    style = _asset("page.css") + estimates(lengths)
    script = _asset("page.js")
    return (
        _environment()
        .get_template("page.html.j2")
        .render(
            title=_heading(timeline.title),
            window_title=_window_title(_heading(timeline.title)),
            summary=_paragraphs(timeline.summary),
            source=None if timeline.source is None else _source(timeline.source),
            media=_media(timeline.media),
            media_credit=one_line(timeline.media.credit) if timeline.media is not None else "",
            eras=eras,
            months=months,
            total=len(timeline.events),
            chunk_size=CHUNK,
            budget=BUDGET,
            typical=TYPICAL_REM,
            facets=[f for f in facet_list if len(f.options) > 1],
            private=private,
            version=__version__,
            csp=content_security_policy(style, script),
            style=Markup(style),
            script=Markup(script),
        )
    )


def estimates(lengths: Sequence[int]) -> str:
    """The style that sizes each list of events while the browser leaves it unrendered
    (`lengths`: the events of each list, in the page): its events times an estimated
    event's height, which keeps the page within BUDGET.

    Written into the page's style, so that a reader without the script gets a page that
    opens at once (laid out whole, 10,000 events took 23 s to open in Chromium, and
    100,000 more than ten minutes) and is as long as its events, within what a browser
    can lay out; the script refines the estimate from the events it sees rendered. A
    rule per length of list in the page (CSS cannot count a list's items, and the
    policy allows no style attribute); only numbers, never file text.
    """
    row = f"min({TYPICAL_REM}rem, {BUDGET / max(sum(lengths), 1):.2f}px)"
    rules = "".join(
        f".rows-{n} {{ contain-intrinsic-size: auto calc({n} * var(--row)); }}\n"
        for n in sorted(set(lengths))
    )
    return f":root {{ --row: {row}; }}\n{rules}"


def content_security_policy(style: str, script: str) -> str:
    """Nothing but this page's own inline style and script; no request anywhere.

    `default-src 'none'` covers images, fonts, frames and connections; forms and
    `<base>` are refused too, so nothing can send the reader elsewhere unasked.
    """
    return (
        "default-src 'none'; "
        f"style-src {_hash(style)}; "
        f"script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("timeline.write", TEMPLATES),
        # Every template, whatever its name: file text is escaped wherever it goes.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    """The stylesheet or the script, as inlined (and hashed for the policy)."""
    loader = _environment().loader
    assert loader is not None
    text, _, _ = loader.get_source(_environment(), name)
    # Inlined as they are: a closing tag inside would end the element early.
    if f"</{'style' if name.endswith('.css') else 'script'}" in text.lower():
        raise ValueError(f"{name} holds a closing tag and cannot be inlined")
    return text


def _paragraphs(text: str) -> list[list[str]]:
    """Paragraphs (split at blank lines), each a list of its lines, every line cleaned."""
    return paragraphs(clean(text))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in clean(text).strip().split("\n")]


_HOUR = re.compile(r"(T\d\d)")


def _datetime(when: When) -> str:
    """The `datetime` attribute at the date's precision; "" when HTML has no form for it."""
    if when.year < 1:
        return ""
    iso = format_iso(when)
    if when.precision is Precision.HOUR:
        # "2018-07-16T14" is not HTML; "14:00" is the nearest form that is.
        iso = _HOUR.sub(r"\1:00", iso, count=1)
    return iso


def _dom_ids(events: Sequence[Event]) -> dict[str, str]:
    """Each event's element id: its own id, unless that cannot be one.

    An HTML id holds no whitespace, so whitespace becomes "-" (and control
    characters their stand-ins); should that meet another event's id, "~2", "~3"...
    is added. Slugs, what ids almost always are, stay as they are, so a link to
    `page.html#raices-letter` works.
    """
    taken = {e.id for e in events}
    ids: dict[str, str] = {}
    used: set[str] = set()
    for event in events:
        base = "-".join(clean(event.id).split()) or "event"
        candidate = base
        if candidate != event.id:
            n = 2
            while candidate in used or candidate in taken:
                candidate = f"{base}~{n}"
                n += 1
        ids[event.id] = candidate
        used.add(candidate)
    return ids


# What a fragment may hold as it is (RFC 3986); anything else is percent-encoded.
_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@/?"
_PLAIN_FRAGMENT = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*")


def _href(dom_id: str) -> str:
    """A link to an element of the page; the browser decodes it before looking the id up."""
    if _PLAIN_FRAGMENT.fullmatch(dom_id):  # slugs, nearly always: no need to quote
        return "#" + dom_id
    return "#" + quote(dom_id, safe=_FRAGMENT_SAFE)


def _link(label: str, url: str) -> Link:
    href = link_url(url)
    text = one_line(label) or one_line(url)
    shown = "" if href is not None or not label else one_line(url)
    return Link(text, href, shown)


def _source(source: Source) -> SourceView:
    about = facts_text(source, one_line)
    return SourceView(_link(source.label, source.url), about)


def _quote(quote: Quote, event: Event) -> QuoteView:
    date = None
    if quote.date is not None:
        date = DateView(format_medium(quote.date), _datetime(quote.date))
    return QuoteView(
        # Verbatim: every space and line as written (the page keeps them: pre-wrap).
        clean(quote.text).split("\n"),
        one_line(quote.speaker or event.speaker),
        date,
        None if quote.source is None else _source(quote.source),
        _lines(quote.note) if quote.note else (),
    )


#: The class of each status's badge: its name as a slug.
_STATUS_CLASSES = {status: "status-" + "-".join(status.split()) for status in STATUSES}


def _media(media: Media | None) -> Link | None:
    """The media as a link named by its caption, else its alt text, else its URL
    itself (`Media.name`); none for a blank one (`Media.blank`), never a name of the
    page's own ("Media: Media" named a media of spaces, and a picture whose file gave
    none)."""
    if media is None or media.blank():
        return None
    return _link(media.name(), media.url)


@lru_cache(maxsize=65536)
def _key(value: str) -> str:
    """A value as filters compare it: case, accents and spacing ignored, as in the viewer."""
    return " ".join(fold_lower(value).split())


def _facets(events: Sequence[Event]) -> tuple[list[Facet], list[dict[str, int]]]:
    """The filters (values as `facets` groups them; statuses as they are) and, per filter,
    value key -> option."""
    found = facets(events)
    lists = (
        ("kind", "kinds", found.kinds),
        ("speaker", "speakers", found.speakers),
        ("group", "groups", found.groups),
        ("tag", "tags", found.tags),
    )
    result = [
        Facet(name, plural, [(one_line(v), n) for v, n in options])
        for name, plural, options in lists
    ]
    keys = [{_key(v): i for i, (v, _) in enumerate(options)} for _, _, options in lists]
    # Statuses in their order, strongest first, not by count: "confirmed" leads.
    counts = Counter(e.status for e in events if e.status.strip())
    ranks = {status: i for i, status in enumerate(STATUSES)}
    statuses = sorted(counts, key=lambda s: (ranks.get(s, len(STATUSES)), _key(s)))
    result.append(Facet("status", "statuses", [(one_line(s), counts[s]) for s in statuses]))
    keys.append({s: i for i, s in enumerate(statuses)})
    return result, keys


def _index(keys: dict[str, int], value: str) -> str:
    found = keys.get(_key(value)) if value.strip() else None
    return "" if found is None else str(found)


def _indices(keys: dict[str, int], values: Iterable[str]) -> str:
    found = {keys[k] for k in map(_key, values) if k in keys}
    return " ".join(str(i) for i in sorted(found))


def _event(
    event: Event,
    timeline: Timeline,
    everything: Timeline,
    ids: dict[str, str],
    keys: list[dict[str, int]],
    *,
    private: bool,
) -> EventView:
    quotes = [_quote(q, event) for q in event.quotes]
    media = _media(event.media)
    return EventView(
        dom_id=ids[event.id],
        href=_href(ids[event.id]),
        title=one_line(event.title),
        dates=_dates(event),
        display=bool(event.display_date),
        kind=one_line(event.kind),
        speaker=one_line(event.speaker),
        handle=one_line(event.handle),
        role=one_line(event.role),
        group=one_line(event.group),
        tags=[one_line(t) for t in event.tags if t.strip()],
        # "may fall in Era" where its dates may reach out of it (`eras_of`).
        eras=[place.value + one_line(era.title) for era, place in eras_of(timeline.eras, event)],
        derivation=derivation(event, everything, one_line),
        context=_paragraphs(event.context),
        quotes=quotes,
        sources=[_source(s) for s in event.sources],
        status=one_line(event.status),
        status_class=_STATUS_CLASSES.get(event.status, ""),
        media=media,
        media_credit=one_line(event.media.credit) if event.media is not None else "",
        related=[_related(link.label, link.event, ids) for link in related(event, everything)],
        reply_unknown=(
            one_line(event.in_reply_to)
            if event.in_reply_to and everything.get(event.in_reply_to) is None
            else ""
        ),
        kind_key=_index(keys[0], event.kind),
        speaker_key=_index(keys[1], event.speaker),
        group_key=_index(keys[2], event.group),
        tag_keys=_indices(keys[3], event.tags),
        status_key=str(keys[4][event.status]) if event.status in keys[4] else "",
        origin=_origin(event) if private else "",
        notes=_paragraphs(event.notes) if private and event.notes else (),
    )


def _related(label: str, event: Event, ids: dict[str, str]) -> Related:
    dom_id = ids.get(event.id)
    if dom_id is None:
        return Related(label, one_line(event.title), "", one_line(format_medium(event.when)))
    return Related(label, one_line(event.title), _href(dom_id))


def _dates(event: Event) -> list[DateView]:
    """The start, and the end of a range, each with its own `datetime`.

    A display date is the author's text for the whole event: it is shown alone,
    carrying the start's `datetime`.
    """
    if event.display_date:
        return [DateView(event_date(event, one_line), _datetime(event.when))]
    dates = [DateView(format_medium(event.when), _datetime(event.when))]
    if event.end is not None:
        dates.append(DateView(format_medium(event.end), _datetime(event.end)))
    return dates


def _origin(event: Event) -> str:
    if not event.file:
        return ""
    # As the JSON export publishes it: never where on whose machine the page was made.
    # Exactly (`published_path` shows no control or line break): `my  story.toml`
    # keeps both spaces, which the page shows (`.origin`: pre-wrap).
    name = published_path(event.file)
    return f"{name}, line {event.line}" if event.line else name


# Line breaks and tabs in a title, with the spaces beside them (see `_heading`).
_BREAKS = re.compile(r" *[\t\n][\t\n ]*")
# The spaces a browser's tab title would drop: each after a space (the heading's ends
# are trimmed: `_heading`).
_DROPPED_SPACES = re.compile(r"(?<= ) ")


def _heading(title: str) -> str:
    """The timeline's title on one line, its spaces as written: line breaks and tabs
    (with the spaces beside them) fold to one space, as `one_line` folds them, and
    nothing else does. A file without a title is titled by its name, and
    `my  story.toml` is `my  story` (the page shows it so: `h1`, pre-wrap), not the
    `my story` of another file. Its ends are trimmed, as `one_line` trims them: a
    title of spaces is none."""
    return " ".join(part for part in _BREAKS.split(clean(title).strip()) if part)


def _window_title(heading: str) -> str:
    """The heading for `<title>`, where a browser folds spaces whatever the style: each
    space it would drop as a no-break space, which it shows."""
    return _DROPPED_SPACES.sub("\u00a0", heading)
