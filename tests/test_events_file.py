"""events.toml: the project's own timeline loads cleanly and says only what the article says."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from timeline.dates import format_iso, format_long
from timeline.model import Event, Qualifier, Timeline
from timeline.read.toml import load_file

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"
ARTICLE = (Path(__file__).resolve().parent / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = load_file(EVENTS)
    assert [str(p) for p in result.problems] == []
    assert result.timeline is not None
    return result.timeline


def event(timeline: Timeline, event_id: str) -> Event:
    found = timeline.get(event_id)
    assert found is not None, f"events.toml has no event {event_id!r}"
    return found


def test_loads_without_any_problem() -> None:
    result = load_file(EVENTS)
    assert result.problems == []
    assert not result.unreadable
    assert result.timeline is not None


def test_every_quote_is_verbatim_from_the_article(timeline: Timeline) -> None:
    quotes = [(e.id, q.text) for e in timeline.events for q in e.quotes]
    assert len(quotes) >= 15
    for event_id, text in quotes:
        assert text == text.strip(), f"{event_id}: quote has stray blank space: {text!r}"
        assert text in ARTICLE, f"{event_id}: quote not verbatim in the article: {text!r}"


def test_quotes_are_checked_against_the_raw_file_too() -> None:
    # The model could in principle rewrite text; check what the file itself says.
    raw = tomllib.loads(EVENTS.read_text(encoding="utf-8"))
    for entry in raw["events"]:
        for quote in entry.get("quotes", []):
            assert quote["text"] in ARTICLE


def test_media_caption_is_verbatim(timeline: Timeline) -> None:
    media = event(timeline, "protest-bridgeport").media
    assert media is not None
    assert media.caption in ARTICLE
    assert media.credit == "John Moore/Getty"


@pytest.mark.parametrize(
    ("event_id", "iso"),
    [
        ("benioff-tweet", "2018-07-08"),
        ("protest-bridgeport", "2018-07-11"),
        ("raices-letter", "2018-07-16"),
        ("raices-tweet", "2018-07-19"),
        ("chema-tweet", "2018-07-19"),
    ],
)
def test_dates_the_project_promises(timeline: Timeline, event_id: str, iso: str) -> None:
    assert format_iso(event(timeline, event_id).when) == iso


def test_benioff_tweet(timeline: Timeline) -> None:
    tweet = event(timeline, "benioff-tweet")
    assert tweet.handle == "@Benioff"
    assert tweet.kind == "tweet"
    assert format_long(tweet.when) == "Sunday 8 July 2018"


def test_protest_in_bridgeport(timeline: Timeline) -> None:
    protest = event(timeline, "protest-bridgeport")
    assert "Bridgeport" in protest.title
    assert any("Bridgeport, Connecticut" in q.text for q in protest.quotes)


def test_raices_letter_is_the_monday_before_the_tweet(timeline: Timeline) -> None:
    letter = event(timeline, "raices-letter")
    assert letter.when.written == "Monday"
    assert letter.when.anchor == "raices-tweet"
    assert letter.when.rule == "the Monday on or before"
    assert letter.when.qualifier is Qualifier.EXACT
    assert format_long(letter.when) == "Monday 16 July 2018"
    assert "We responded on Monday" in event(timeline, "raices-tweet").quotes[0].text


def test_chema_tweet_replies_to_raices(timeline: Timeline) -> None:
    chema = event(timeline, "chema-tweet")
    assert chema.in_reply_to == "raices-tweet"
    assert chema.speaker == "Chema Hernández Gil"
    assert [e.id for e in timeline.replies_to("raices-tweet")] == ["chema-tweet"]


def test_employees_asked_before_the_offer(timeline: Timeline) -> None:
    ids = [e.id for e in timeline.events]
    assert ids.index("employees-ask") < ids.index("salesforce-pledge")
    assert ids.index("salesforce-pledge") < ids.index("salesforce-offer")
    assert ids.index("salesforce-offer") < ids.index("raices-letter")
    ask = event(timeline, "employees-ask")
    assert ask.when.qualifier is Qualifier.BEFORE
    assert ask.when.anchor == "salesforce-pledge"


def test_pledge_and_offer_are_present(timeline: Timeline) -> None:
    pledge = event(timeline, "salesforce-pledge")
    assert "$1 million" in pledge.title
    assert any("pledged $1 million" in q.text for q in pledge.quotes)
    offer = event(timeline, "salesforce-offer")
    assert "$250,000" in offer.title
    assert any("$250k donation" in q.text for q in offer.quotes)


def test_refusal_and_article_come_after(timeline: Timeline) -> None:
    ids = [e.id for e in timeline.events]
    assert ids.index("raices-letter") < ids.index("salesforce-refuses") < ids.index("raices-tweet")
    assert ids[-1] == "article"


def test_chronological_order(timeline: Timeline) -> None:
    assert [e.id for e in timeline.events] == [
        "benioff-tweet",
        "protest-bridgeport",
        "employees-ask",
        "salesforce-pledge",
        "salesforce-offer",
        "raices-letter",
        "salesforce-refuses",
        "raices-tweet",
        "chema-tweet",
        "article",
    ]


@pytest.mark.parametrize(
    ("event_id", "typo"),
    [
        ("raices-letter", "operate efficently, from"),
        ("benioff-tweet", "We dont work with CBP"),
        ("benioff-tweet", "We dont have an agreement"),
        ("benioff-tweet", "I’m Proud of the Men"),
        ("raices-tweet", "we won’t accept"),
    ],
)
def test_typos_and_curly_apostrophes_are_kept(timeline: Timeline, event_id: str, typo: str) -> None:
    assert any(typo in q.text for q in event(timeline, event_id).quotes)


def test_no_quote_was_corrected(timeline: Timeline) -> None:
    everything = " ".join(q.text for e in timeline.events for q in e.quotes)
    assert "efficiently" not in everything
    assert "don't work" not in everything
    assert "I'm Proud" not in everything  # the straight apostrophe would be a correction


def test_a_quote_the_article_does_not_place_is_dated_only_as_it_knows(timeline: Timeline) -> None:
    # Found by a fact-checker's audit: four of the letter's quotes took its date, 16 July,
    # though the article names the letter only for the first two ("RAICES told the
    # software company in a letter", "RAICES told CBP in its letter"); the others it
    # gives as RAICES's ("saying:", "asserting that", "the non-profit added", and one
    # paragraph with no speaker), without saying where or when.
    letter = event(timeline, "raices-letter")
    placed, unplaced = letter.quotes[:2], letter.quotes[2:]
    assert [q.date for q in placed] == [None, None]
    for quote in unplaced:
        assert quote.date is not None and format_iso(quote.date) == "2018-07", quote.text
        assert "RAICES" in quote.note and ("does not say" in quote.note or "taken" in quote.note)
    for sentence in ("in a letter published online", "told CBP in its letter"):
        assert sentence in ARTICLE
    # The letter's own date is an inference from the tweet's "We responded on Monday",
    # which the context states; its source does not give the letter a date of its own.
    assert "We responded on Monday" in letter.context and "taken to be" in letter.context
    assert not any("16 July" in source.label for source in letter.sources)


def test_titles_say_no_more_than_the_article(timeline: Timeline) -> None:
    # The audit: "has not responded" dropped the article's "immediately"; "donates"
    # made a fact of a tweet's "I'm donating to them right now"; "petition" is a word
    # the article never uses (it says calls, demands, asked).
    assert "has not immediately responded" in event(timeline, "article").title
    assert "says he is donating" in event(timeline, "chema-tweet").title
    assert event(timeline, "employees-ask").kind == "request" and "petition" not in ARTICLE
    assert "legal services non-profits" in timeline.summary
    assert "legal services non-profits" in ARTICLE
