"""Quotes and sources edited on a TimelineJS slide or in the sheet keep their own
hidden data.

What a slide cannot show of a quote (its date as written, its source's archive,
accessed date and kind) rides in the hidden comment, read back on import. It was
matched to the block quotes by place: a quote added before another, one removed or
two swapped in TimelineJS took the other's date and source, or left them read whole
as the speaker ("Elizabeth Holmes, 16 Oct 2015, CNBC Mad Money transcript"), with no
source for `timeline verify` to check. Now each hidden entry goes to the block quote
whose words (and cite) it was written for; a quote whose words were changed keeps
its own while its cite still shows them, and says so. Source paragraphs likewise.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_round_trip import admitted, as_data
from timelines import timeline_files

from timeline.model import Event, Quote, Source, Timeline
from timeline.problems import LoadResult
from timeline.provenance import source_facts
from timeline.read import load_any
from timeline.read.toml import load_text
from timeline.write import csv as csv_writer
from timeline.write import timelinejs as timelinejs_writer

#: A slide's block quotes (as the export writes them: their text escaped, so no
#: `</blockquote>` inside), each edit given and giving a list of their markup.
_BLOCKQUOTE = re.compile(r"<blockquote>.*?</blockquote>", re.DOTALL)
Edit = Callable[[list[str]], list[str]]


def _quotes_edited(text: str, edit: Edit) -> str:
    """A slide's text with its run of block quotes edited."""
    found = list(_BLOCKQUOTE.finditer(text))
    start = found[0].start() if found else 0
    end = found[-1].end() if found else 0
    assert text[start:end] == "".join(m.group() for m in found)  # written together
    return text[:start] + "".join(edit([m.group() for m in found])) + text[end:]


def _exported_and_edited(timeline: Timeline, path: Path, edits: Sequence[Edit]) -> LoadResult:
    """The timeline exported (privately) to TimelineJS JSON or CSV by `path`'s suffix,
    each event's block quotes edited as TimelineJS or a sheet's editor would, in the
    order of `timeline.events` (the slides' and rows' order), then read back."""
    if path.suffix == ".json":
        data = timelinejs_writer.to_dict(timeline, private=True)
        for slide, edit in zip(data["events"], edits, strict=True):
            slide["text"]["text"] = _quotes_edited(slide["text"]["text"], edit)
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        rows = list(csv.reader(io.StringIO(csv_writer.dumps(timeline, private=True), newline="")))
        text, kind = rows[0].index("Text"), rows[0].index("Type")
        events = [row for row in rows[1:] if not row[kind]]  # not the title, not eras
        for row, edit in zip(events, edits, strict=True):
            row[text] = _quotes_edited(row[text], edit)
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return load_any(path)


def _own_data(quote: Quote, event_speaker: str) -> bool:
    """Whether a quote has hidden data of its own: a date, a source or a note, or a
    speaker given though it is the event's (which its cite cannot tell)."""
    own_speaker = bool(quote.speaker) and quote.speaker == event_speaker
    return quote.date is not None or quote.source is not None or bool(quote.note) or own_speaker


def _cited(quote: Quote) -> bool:
    """Whether its cite shows any of them: a source shows its label, its link and what
    else it has (its kind, access date and archive: `provenance.source_facts`)."""
    source = quote.source
    shown = bool(source and (source.label or source.url or source_facts(source)))
    return quote.date is not None or bool(quote.note) or shown


def _said(result: LoadResult, words: str) -> list[str]:
    return [p.message for p in result.warnings if words in p.message]


ADDED = "<blockquote><p>We are not going anywhere.</p><cite>Elizabeth Holmes</cite></blockquote>"

HOLMES = """
[timeline]
title = "Theranos"

[[events]]
id = "mad-money"
title = "Holmes on Mad Money"
date = 2015-10-16
speaker = "Elizabeth Holmes"

[[events.sources]]
label = "CNBC"
url = "https://www.cnbc.com/mad-money"
archive = "sources/cnbc.html"
kind = "primary"

[[events.sources]]
label = "The Wall Street Journal"
url = "https://www.wsj.com/articles/theranos"
archive = "sources/wsj.html"
accessed = 2024-01-03
kind = "secondary"

[[events.quotes]]
text = "First they think you're crazy, then they fight you."

[[events.quotes]]
text = "This is what happens when you work to change things."
date = 2015-10-16
source = { label = "CNBC Mad Money transcript", url = "https://www.cnbc.com/x", archive = "sources/cnbc.html", accessed = 2024-01-02, kind = "primary" }
note = "Said twice in the interview."

[[events.quotes]]
text = "We have tested the devices in our lab."
date = "1 day after"
source = { label = "Interview notes", archive = "sources/notes.txt", kind = "secondary" }
"""


def _holmes() -> Timeline:
    loaded = load_text(HOLMES, "holmes.toml").timeline
    assert loaded is not None
    return loaded


def _edit_holmes(tmp_path: Path, suffix: str, edit: Edit) -> tuple[Event, LoadResult, Event]:
    """The Holmes event exported, its quotes edited, read back; with it as it was."""
    timeline = _holmes()
    result = _exported_and_edited(timeline, tmp_path / f"t{suffix}", [edit])
    assert result.timeline is not None, [str(p) for p in result.problems]
    return result.timeline.events[0], result, timeline.events[0]


FORMATS = pytest.mark.parametrize("suffix", [".json", ".csv"])


@FORMATS
def test_a_quote_added_before_the_others_takes_none_of_their_data(
    tmp_path: Path, suffix: str
) -> None:
    back, result, before = _edit_holmes(tmp_path, suffix, lambda quotes: [ADDED, *quotes])
    assert back.quotes == (Quote("We are not going anywhere."), *before.quotes)
    assert result.warnings == []  # nothing lost, nothing assumed


@FORMATS
def test_a_quote_removed_leaves_the_others_theirs_and_says_what_went(
    tmp_path: Path, suffix: str
) -> None:
    back, result, before = _edit_holmes(tmp_path, suffix, lambda quotes: quotes[2:])
    assert back.quotes == before.quotes[2:]
    # The second quote had a date and a source of its own: their going is said.
    (said,) = _said(result, "no longer on the slide")
    assert said.startswith("event 'mad-money' (")
    assert "the quote exported as quote 2, cited with '16 Oct 2015, CNBC Mad Money" in said
    assert len(result.warnings) == 1


@FORMATS
def test_swapped_quotes_each_keep_their_own(tmp_path: Path, suffix: str) -> None:
    back, result, before = _edit_holmes(tmp_path, suffix, lambda q: [q[2], q[0], q[1]])
    assert back.quotes == (before.quotes[2], before.quotes[0], before.quotes[1])
    assert result.warnings == []


@FORMATS
def test_a_quote_whose_words_were_changed_keeps_its_own_and_says_so(
    tmp_path: Path, suffix: str
) -> None:
    def fix_typo(quotes: list[str]) -> list[str]:
        return [quotes[2], quotes[0], quotes[1].replace("change things", "change the world")]

    back, result, before = _edit_holmes(tmp_path, suffix, fix_typo)
    changed = before.quotes[1]._replace(
        text="This is what happens when you work to change the world."
    )
    assert back.quotes == (before.quotes[2], before.quotes[0], changed)
    where = "slide 1" if suffix == ".json" else "row 3"  # the sheet's header is row 1
    assert [p.message for p in result.warnings] == [
        f"event 'mad-money' ({where}): quote 3 (exported as quote 2): its words were changed "
        "since the file was exported; its cite still shows its own date, source and note, "
        "so they were kept with the words as they now read: check the words against the "
        "source (timeline verify)"
    ]


RAICES = """
[timeline]
title = "RAICES"

[[events]]
id = "letter"
title = "RAICES declines the gift"
date = 2018-07-19
speaker = "RAICES"

[[events.quotes]]
text = "They refused."
speaker = "RAICES"

[[events.quotes]]
text = "We will not be a beneficiary."
"""

#: A quote added in TimelineJS, cited with the event's speaker.
ADDED_BY_RAICES = "<blockquote><p>We said no.</p><cite>RAICES</cite></blockquote>"


def _raices() -> Timeline:
    loaded = load_text(RAICES, "raices.toml").timeline
    assert loaded is not None
    return loaded


@FORMATS
def test_a_speaker_written_as_the_events_stays_the_quotes_own_wherever_it_moves(
    tmp_path: Path, suffix: str
) -> None:
    # Both cites show "RAICES": only the hidden data tells which quote gave it.
    before = _raices().events[0]
    assert [q.speaker for q in before.quotes] == ["RAICES", ""]

    def moved(quotes: list[str]) -> list[str]:
        return [quotes[1], ADDED_BY_RAICES, quotes[0]]

    result = _exported_and_edited(_raices(), tmp_path / f"t{suffix}", [moved])
    assert result.timeline is not None
    assert result.timeline.events[0].quotes == (
        before.quotes[1],
        Quote("We said no."),  # added: its cite gives the event's speaker, as any slide's
        before.quotes[0],
    )
    assert result.warnings == []


@FORMATS
def test_a_speaker_written_as_the_events_is_said_lost_when_its_words_change(
    tmp_path: Path, suffix: str
) -> None:
    def reworded(quotes: list[str]) -> list[str]:
        return [quotes[0].replace("They refused.", "They refused it."), quotes[1]]

    result = _exported_and_edited(_raices(), tmp_path / f"t{suffix}", [reworded])
    assert result.timeline is not None
    # Nothing tells the block quote its hidden entry: shown alike, attributed alike.
    assert result.timeline.events[0].quotes[0] == Quote("They refused it.")
    (said,) = [p.message for p in result.warnings]
    assert (
        "the quote exported as quote 1, whose cite showed nothing of it, is no longer on the "
        "slide (removed, or its words were changed: nothing else tells it), so its speaker, "
        "'RAICES', given though it is the event's, was dropped"
    ) in said


@FORMATS
def test_a_quote_copied_with_another_cite_takes_no_data_and_says_why(
    tmp_path: Path, suffix: str
) -> None:
    # A new quote made by copying one and changing its words: its cite shows a date
    # and a source that no hidden data was written for.
    def copied(quotes: list[str]) -> list[str]:
        return [quotes[1].replace("change things", "win"), *quotes]

    back, result, before = _edit_holmes(tmp_path, suffix, copied)
    assert back.quotes[1:] == before.quotes
    assert back.quotes[0].date is None and back.quotes[0].source is None
    assert back.quotes[0].speaker.startswith("Elizabeth Holmes, 16 Oct 2015, CNBC Mad Money")
    (said,) = [p.message for p in result.warnings]
    assert "quote 1: the date, source or note after its speaker, '16 Oct 2015, CNBC" in said
    assert "is not that of any quote exported to this slide (a quote added since" in said


@FORMATS
def test_a_cite_edited_still_drops_its_hidden_values_wherever_the_quote_is(
    tmp_path: Path, suffix: str
) -> None:
    def redated(quotes: list[str]) -> list[str]:
        return [ADDED, quotes[1].replace("16 Oct 2015", "15 Oct 2015"), quotes[0], quotes[2]]

    back, result, before = _edit_holmes(tmp_path, suffix, redated)
    assert back.quotes[1] == Quote(
        before.quotes[1].text,
        "Elizabeth Holmes, 15 Oct 2015, CNBC Mad Money transcript (https://www.cnbc.com/x) "
        "(primary; accessed 2 Jan 2024; archived copy: sources/cnbc.html). "
        "Note: Said twice in the interview.",
    )
    assert back.quotes[2:] == (before.quotes[0], before.quotes[2])
    (said,) = [p.message for p in result.warnings]
    assert "quote 2: the date, source or note after its speaker was changed since" in said


@FORMATS
def test_reworded_quotes_citing_the_same_are_told_apart_by_order_and_said(
    tmp_path: Path, suffix: str
) -> None:
    # Two quotes of one transcript, whose hidden data differ only where the slide
    # cannot show it (how their day was written): with both reworded, nothing on the
    # slide tells which is which.
    source = (
        '[timeline]\ntitle = "T"\n[[events]]\nid = "e"\ntitle = "E"\ndate = 2015-10-16\n'
        '[[events.quotes]]\ntext = "One."\nsource = "Transcript"\ndate = 2015-10-15\n'
        '[[events.quotes]]\ntext = "Two."\nsource = "Transcript"\ndate = "15 October 2015"\n'
    )
    timeline = load_text(source, "t.toml").timeline
    assert timeline is not None

    def reworded(quotes: list[str]) -> list[str]:
        return [q.replace(".</p>", "!</p>") for q in quotes]

    result = _exported_and_edited(timeline, tmp_path / f"t{suffix}", [reworded])
    assert result.timeline is not None
    before, back = timeline.events[0].quotes, result.timeline.events[0].quotes
    assert [(q.source, q.date) for q in back] == [(q.source, q.date) for q in before]
    said = _said(result, "which are whose was taken from their order")
    assert len(said) == 2 and len(result.warnings) == 2


def _without_keys(text: str) -> str:
    """A slide's text as exports before the quotes' fingerprints wrote it."""
    return re.sub(r',"text_hash":"[0-9a-f]+"', "", text)


def test_an_older_export_finds_moved_quotes_by_their_cites(tmp_path: Path) -> None:
    timeline = _holmes()
    data = timelinejs_writer.to_dict(timeline, private=True)
    slide = data["events"][0]
    old = _without_keys(slide["text"]["text"])
    assert "text_hash" not in old and '"quotes":[{},{"date"' in old
    slide["text"]["text"] = _quotes_edited(old, lambda q: [ADDED, q[2], q[1], q[0]])
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = load_any(path)
    assert result.timeline is not None and result.warnings == []
    quotes = timeline.events[0].quotes
    assert result.timeline.events[0].quotes == (
        Quote("We are not going anywhere."),
        quotes[2],
        quotes[1],
        quotes[0],
    )


def _sources_edited(text: str, edit: Edit) -> str:
    found = list(re.finditer(r'<p class="timeline-source">.*?</p>', text))
    start, end = found[0].start(), found[-1].end()
    return text[:start] + "".join(edit([m.group() for m in found])) + text[end:]


def _edit_sources(tmp_path: Path, edit: Edit) -> tuple[tuple[Source, ...], LoadResult]:
    timeline = _holmes()
    data = timelinejs_writer.to_dict(timeline, private=True)
    slide = data["events"][0]
    slide["text"]["text"] = _sources_edited(slide["text"]["text"], edit)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = load_any(path)
    assert result.timeline is not None
    return result.timeline.events[0].sources, result


def test_a_source_added_or_moved_leaves_every_other_its_archive(tmp_path: Path) -> None:
    before = _holmes().events[0].sources
    added = '<p class="timeline-source">Source: Court filing</p>'
    back, result = _edit_sources(tmp_path, lambda s: [added, s[1], s[0]])
    assert back == (Source("Court filing"), before[1], before[0])
    assert result.warnings == []


def test_a_source_removed_or_edited_says_which_lost_its_archive(tmp_path: Path) -> None:
    before = _holmes().events[0].sources
    back, result = _edit_sources(tmp_path, lambda s: [s[1]])
    assert back == (before[1],)
    (said,) = [p.message for p in result.warnings]
    assert "the source exported as source 1, 'CNBC', is no longer on the slide, so its " in said
    # Its label edited, what else it shows as written: the edit wins, the rest is kept.
    back, result = _edit_sources(tmp_path, lambda s: [s[0].replace(">CNBC<", ">CNBC.com<"), s[1]])
    assert back == (before[0]._replace(label="CNBC.com"), before[1])
    assert result.warnings == []

    # What it shows of its archive and kind edited too: they are the edit's.
    def refacted(s: list[str]) -> list[str]:
        return [s[0].replace(">CNBC<", ">CNBC.com<").replace("primary; ", ""), s[1]]

    back, result = _edit_sources(tmp_path, refacted)
    shown = "CNBC.com (archived copy: sources/cnbc.html)"
    assert back == (Source(shown, before[0].url), before[1])
    (said,) = [p.message for p in result.warnings]
    assert "source 1 was changed since the file was exported, so its archive" in said


# ------------------------------------------------------------------ any timeline

NEW_WORDS, NEW_SPEAKER = "Added in TimelineJS.", "Someone New"
NEW = f"<blockquote><p>{NEW_WORDS}</p><cite>{NEW_SPEAKER}</cite></blockquote>"
#: What a reworded quote has added to its words (no space: HTML could collapse it
#: after a line break).
SIC = "[sic]"


def _reworded(quote: Quote, event_speaker: str) -> Quote:
    """A quote read back with `SIC` added to its words: its own date, source and note
    (and a speaker given though it is the event's) kept when its cite shows them, else
    nothing tells them its own, and a cite of the event's speaker reads as none."""
    if _cited(quote):
        return quote._replace(text=quote.text + SIC)
    return Quote(quote.text + SIC, "" if quote.speaker == event_speaker else quote.speaker)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,  # the same timelines on every run: no flaky failures in CI
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(text=timeline_files(), data=st.data(), suffix=st.sampled_from([".json", ".csv"]))
def test_any_quotes_added_removed_moved_or_reworded_keep_their_own_hidden_data(
    tmp_path_factory: pytest.TempPathFactory, text: str, data: st.DataObject, suffix: str
) -> None:
    loaded = load_text(text, "any.toml")
    assume(loaded.timeline is not None)
    timeline = loaded.timeline
    assert timeline is not None
    edits: list[Edit] = []
    expected: list[Event] = []
    reworded_with_data = removed_with_data = 0
    for event in timeline.events:
        quotes = admitted(event).quotes
        words = [q.text for q in quotes]
        assume(len(set(words)) == len(words) and NEW_WORDS not in words)
        order = data.draw(st.permutations(range(len(quotes))))
        order = order[: data.draw(st.integers(0, len(order)))]  # some removed
        added = data.draw(st.none() | st.integers(0, len(order)))
        reworded = data.draw(st.none() | st.sampled_from(order)) if order else None
        event_speaker = event.speaker
        removed_with_data += sum(
            _own_data(q, event_speaker) for n, q in enumerate(quotes) if n not in order
        )
        if reworded is not None and _own_data(quotes[reworded], event_speaker):
            # Found by its cite; one that shows nothing is not found, and is said gone.
            cited = _cited(quotes[reworded])
            reworded_with_data += cited
            removed_with_data += not cited

        def edit(
            markup: list[str],
            order: list[int] = order,
            added: int | None = added,
            reworded: int | None = reworded,
        ) -> list[str]:
            out = [
                markup[n].replace("</p>", f"{SIC}</p>", 1) if n == reworded else markup[n]
                for n in order
            ]
            return out if added is None else [*out[:added], NEW, *out[added:]]

        kept = [_reworded(quotes[n], event_speaker) if n == reworded else quotes[n] for n in order]
        if added is not None:
            speaker = "" if event.speaker == NEW_SPEAKER else NEW_SPEAKER
            kept.insert(added, Quote(NEW_WORDS, speaker))
        edits.append(edit)
        expected.append(event._replace(quotes=tuple(kept)))
    path = tmp_path_factory.mktemp("edited") / f"t{suffix}"
    back = _exported_and_edited(timeline, path, edits)
    assert back.timeline is not None, [str(p) for p in back.problems]
    assert as_data(back.timeline) == as_data(replace(timeline, events=tuple(expected)))
    assert len(_said(back, "its words were changed since")) == reworded_with_data
    assert len(_said(back, "is no longer on the slide")) == removed_with_data
    assert _said(back, "after its speaker") == []


@FORMATS
def test_a_reworded_quote_whose_source_has_only_an_archive_is_told_by_its_cite(
    tmp_path: Path, suffix: str
) -> None:
    # Its source has an archive and a kind but no label nor link. Bug fixed: its cite
    # showed nothing of it (published, the quote named no source), so once its words
    # changed nothing told its block quote, and its source was dropped. The cite shows
    # what the source has, and tells the quote as any other's does.
    source = (
        '[timeline]\ntitle = "T"\n[[events]]\nid = "e"\ntitle = "E"\ndate = 2015-10-16\n'
        '[[events.quotes]]\ntext = "One."\nsource = { archive = "sources/a.html", kind = "primary" }\n'
    )
    timeline = load_text(source, "t.toml").timeline
    assert timeline is not None
    archived = Source(archive="sources/a.html", kind="primary")
    assert timeline.events[0].quotes[0].source == archived
    text = timelinejs_writer.event_slide(timeline.events[0], None)["text"]["text"]
    assert '<span class="timeline-quote-meta">(primary; archived copy: sources/a.html)' in text

    def replaced(quotes: list[str]) -> list[str]:
        return [quotes[0].replace("One.", "Another.")]

    result = _exported_and_edited(timeline, tmp_path / f"t{suffix}", [replaced])
    assert result.timeline is not None
    assert result.timeline.events[0].quotes == (Quote("Another.", source=archived),)
    (said,) = [p.message for p in result.warnings]
    assert "quote 1: its words were changed since the file was exported; its cite still" in said
