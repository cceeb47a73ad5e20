"""The article shipped as an archive for events.toml: every quote in it is verbatim."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from timeline.verify.archives import Archives
from timeline.verify.match import Outcome
from timeline.verify.report import line_body

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"
ARCHIVE = "sources/ea3f62498f2fc560.txt"


def quotes() -> list[tuple[str, str]]:
    """(event id, quote) for every quote in events.toml, as the file says them."""
    raw = tomllib.loads(EVENTS.read_text(encoding="utf-8"))
    return [(e["id"], q["text"]) for e in raw["events"] for q in e.get("quotes", [])]


def test_the_archive_is_named_by_its_content_hash() -> None:
    data = (ROOT / ARCHIVE).read_bytes()
    assert Path(ARCHIVE).stem == hashlib.sha256(data).hexdigest()[:16]
    # The same text the other tests of events.toml read.
    assert data == (ROOT / "tests" / "article.txt").read_bytes()


def test_every_quote_in_events_toml_is_verbatim_in_the_archive() -> None:
    archives = Archives(ROOT)
    found = quotes()
    assert len(found) >= 15
    for event_id, quote in found:
        match = archives.check(quote, ARCHIVE)
        assert match.outcome is Outcome.VERBATIM, (event_id, line_body(match, ARCHIVE))
        assert match.passage == quote  # the article has them with the same line breaks too


@pytest.mark.parametrize(("event_id", "quote"), quotes())
def test_one_changed_character_is_not_found_and_shown(event_id: str, quote: str) -> None:
    archives = Archives(ROOT)
    # Change the first letter of the quote's middle word to another letter.
    words = quote.split(" ")
    middle = len(words) // 2
    while not words[middle][:1].isalpha():
        middle += 1
    position = sum(len(w) + 1 for w in words[:middle])
    old = quote[position]
    new = "q" if old != "q" else "z"
    changed = quote[:position] + new + quote[position + 1 :]

    match = archives.check(changed, ARCHIVE)
    assert match.outcome is Outcome.NOT_FOUND, event_id
    assert [(d.quote, d.source) for d in match.differences] == [(new, old)]
    [difference] = match.differences
    assert (difference.quote_start, difference.quote_end) == (position, position + 1)
    assert match.passage == quote
    body = line_body(match, ARCHIVE)
    assert body.startswith(f"error: not found in {ARCHIVE}; closest passage (line ")
    assert (
        f"{old} (U+{ord(old):04X}) in the source where the quote has {new} (U+{ord(new):04X})"
        in body
    )
    assert f"at character {position + 1} of the quote" in body


def test_dont_in_benioffs_tweet_must_stay_dont() -> None:
    archives = Archives(ROOT)
    [tweet] = [q for e, q in quotes() if e == "benioff-tweet"]
    assert "We dont work" in tweet
    match = archives.check(tweet.replace("We dont work", "We don't work"), ARCHIVE)
    assert match.outcome is Outcome.NOT_FOUND
    assert [(d.quote, d.source) for d in match.differences] == [("'", "")]
    assert "the quote has ' (U+0027) where the source has nothing" in line_body(match, ARCHIVE)
