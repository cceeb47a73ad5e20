"""The article shipped as an archive for events.toml: every quote in it is verbatim."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.verify.archive_text import ArchiveError
from timeline.verify.archives import Archives
from timeline.verify.match import Outcome
from timeline.verify.report import line_body
from timeline.verify.words import negation

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
    # Change the first letter of the quote's middle word to another letter. Not of a
    # negation ("dont" made "qont"): that is said as a negation taken out, with its
    # whole word (tests/test_verify_reversals.py).
    words = quote.split(" ")
    middle = len(words) // 2
    while not words[middle][:1].isalpha() or negation(words[middle]):
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


# A timeline someone sent, with its `sources/` folder: a link in it must not lead out.
OUTSIDE = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
LEADS_OUT = "through a symbolic link"


def sent_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A timeline's folder with an empty `sources/`, and a folder beside it with a
    file of the user's own (`private/passwd.txt`) that the timeline must not reach."""
    home = tmp_path / "sent"
    (home / "sources").mkdir(parents=True)
    private = tmp_path / "private"
    private.mkdir()
    (private / "passwd.txt").write_text(OUTSIDE, encoding="utf-8")
    return home, private


def test_a_link_to_a_file_outside_the_folder_is_refused(tmp_path: Path) -> None:
    home, private = sent_folder(tmp_path)
    (home / "sources" / "article.txt").symlink_to(private / "passwd.txt")
    archives = Archives(home)
    with pytest.raises(ArchiveError, match=LEADS_OUT) as caught:
        archives.check("root:x:0:0", "sources/article.txt")
    assert caught.value.path == "sources/article.txt"
    assert "root:x" not in str(caught.value) and str(private) not in str(caught.value)


def test_a_linked_folder_outside_is_refused(tmp_path: Path) -> None:
    home, private = sent_folder(tmp_path)
    (home / "sources" / "etc").symlink_to(private, target_is_directory=True)
    with pytest.raises(ArchiveError, match=LEADS_OUT):
        Archives(home).check("root:x:0:0", "sources/etc/passwd.txt")


def test_a_link_to_nothing_outside_reads_nothing(tmp_path: Path) -> None:
    home, private = sent_folder(tmp_path)
    (home / "sources" / "later.txt").symlink_to(private / "not-yet.txt")
    with pytest.raises(ArchiveError, match="no such archive"):
        Archives(home).check("root", "sources/later.txt")


def test_a_link_that_stays_inside_the_folder_is_followed(tmp_path: Path) -> None:
    home, _ = sent_folder(tmp_path)
    (home / "sources" / "ab12.txt").write_text("They refused.", encoding="utf-8")
    (home / "sources" / "latest.txt").symlink_to("ab12.txt")
    (home / "saved").symlink_to("sources", target_is_directory=True)
    archives = Archives(home)
    assert archives.check("They refused.", "sources/latest.txt").outcome is Outcome.VERBATIM
    assert archives.check("They refused.", "saved/ab12.txt").outcome is Outcome.VERBATIM


def test_a_timeline_folder_reached_through_a_link_is_still_its_folder(tmp_path: Path) -> None:
    home, _ = sent_folder(tmp_path)
    (home / "sources" / "ab12.txt").write_text("They refused.", encoding="utf-8")
    (tmp_path / "shortcut").symlink_to(home, target_is_directory=True)
    match = Archives(tmp_path / "shortcut").check("They refused.", "sources/ab12.txt")
    assert match.outcome is Outcome.VERBATIM


def test_verify_names_the_link_on_the_quote_and_prints_nothing_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, private = sent_folder(tmp_path)
    (home / "sources" / "article.txt").symlink_to(private / "passwd.txt")
    path = home / "events.toml"
    path.write_text(
        '[timeline]\ntitle = "Sent"\n\n[[events]]\nid = "leak"\ndate = 2020-01-01\ntitle = "Leak"\n\n'
        '[[events.sources]]\narchive = "sources/article.txt"\n\n'
        '[[events.quotes]]\ntext = "root:x:0:0:root:/root:/bin/sh and the rest"\n',
        encoding="utf-8",
    )
    assert main(["verify", str(path)]) == 2
    out = capsys.readouterr().out
    assert "root:x" not in out.replace("root:x:0:0:root:/root:/bin/sh and the rest", "")
    assert out.splitlines()[0] == (
        f"{path}:13:1: error: event 'leak': quote 1: cannot check: sources/article.txt: "
        "archive must be inside the "
        "timeline file's folder (the path leads out of it through a symbolic link; a link is "
        "followed only to a file inside the folder)"
    )


def test_a_link_is_read_as_the_kind_its_written_name_says(tmp_path: Path) -> None:
    home, _ = sent_folder(tmp_path)
    (home / "sources" / "page.txt").write_text("<p>They <b>refused</b>.</p>", encoding="utf-8")
    (home / "sources" / "page.html").symlink_to("page.txt")
    match = Archives(home).check("They refused.", "sources/page.html")
    assert match.outcome is Outcome.VERBATIM
