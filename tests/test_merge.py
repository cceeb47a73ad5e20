"""Several files at once, in any mix of formats: one merged timeline."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from timeline.cli import main
from timeline.read import load_files
from timeline.read.toml import Tuning

ROOT = Path(__file__).resolve().parent.parent
#: Files of any size read in chunks and cached, their events made whole (MADE), or a
#: cached file of 50 events or more kept as rows (STORED: the story, not the notes).
MADE = Tuning(large_file=0, chunk_events=5, parallel_file=0, cache_slice=7, stored_events=0)
STORED = MADE._replace(stored_events=50)
EVENTS = ROOT / "events.toml"
JSON = ROOT / "tests" / "fixtures" / "timelinejs.json"
CSV = ROOT / "tests" / "fixtures" / "timelinejs.csv"


def test_toml_json_and_csv_merge_into_one_timeline() -> None:
    result = load_files([EVENTS, JSON, CSV])
    timeline = result.timeline
    assert timeline is not None, result.problems
    assert len(timeline.events) == 10 + 5 + 5
    assert timeline.files == (str(EVENTS), str(JSON), str(CSV))
    ids = [e.id for e in timeline.events]
    assert len(set(ids)) == len(ids)
    # An id found in two files is prefixed with its file's name; unique ones are kept.
    assert "timelinejs.json:qin-shi-huang-joins-the-walls" in ids
    assert "timelinejs.csv:qin-shi-huang-joins-the-walls" in ids
    assert "raices-letter" in ids and "chu-walls" in ids
    assert len(timeline.eras) == 4
    years = [e.when.key for e in timeline.events]
    assert years == sorted(years)
    assert {e.file for e in timeline.events} == {str(EVENTS), str(JSON), str(CSV)}


def test_two_files_of_one_name_still_give_unique_ids(tmp_path: Path) -> None:
    # (It was the same file twice: that is read once now, below.)
    copy = tmp_path / JSON.name
    copy.write_bytes(JSON.read_bytes())
    timeline = load_files([JSON, copy]).timeline
    assert timeline is not None
    ids = [e.id for e in timeline.events]
    assert len(set(ids)) == len(ids) == 10
    assert any(i.startswith(f"{JSON.name}#2:") for i in ids)
    for event in timeline.events:
        assert timeline.get(event.id) is event


def test_a_file_given_again_is_read_once_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Merged with itself, every event was shown (and exported) twice, silently.
    link = tmp_path / "link.toml"
    link.symlink_to(EVENTS)
    monkeypatch.chdir(ROOT)
    result = load_files(["events.toml", "./events.toml", str(link), JSON])
    assert result.timeline is not None
    assert len(result.timeline.events) == 10 + 5
    assert result.timeline.files == ("events.toml", str(JSON))
    assert [str(p) for p in result.problems] == [
        "./events.toml: warning: is the file given before as 'events.toml'; it is read once",
        f"{link}: warning: is the file given before as 'events.toml'; it is read once",
        *(
            f"{JSON}: warning: the title slide's {part} ({field!r}) is not the merged "
            "timeline's, which takes it from the first file given ('events.toml'); "
            "each event keeps its own dates and sources"
            for part, field in (("summary", "text.text"), ("media", "media"))
        ),
    ]
    assert main(["export", "events.toml", "events.toml", "--to", "csv"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 + 10 + 1  # header, events, the title row
    assert "events.toml: warning: is the file given before as 'events.toml'" in err


def test_a_file_that_cannot_be_looked_at_is_still_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = load_files([EVENTS, missing, missing])
    assert result.timeline is None and result.unreadable
    assert [p.file for p in result.problems] == [str(missing), str(missing)]


def test_relative_dates_follow_renamed_anchors(tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    assert main(["export", str(EVENTS), "--to", "timelinejs", "-o", str(copy)]) == 0
    timeline = load_files([EVENTS, copy]).timeline
    assert timeline is not None
    offer = timeline.get("copy.json:salesforce-offer")
    assert offer is not None and offer.when.anchor == "copy.json:raices-letter"


def test_export_and_check_take_several_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(EVENTS), str(JSON), "--to", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["events"]) == 15
    assert data["title"] == "RAICES declines Salesforce's $250,000 + A Short History of Walls"
    assert main(["check", str(EVENTS), str(JSON), str(CSV)]) == 0
    out = capsys.readouterr().out
    assert f"{JSON}: ok, 5 events" in out and f"{CSV}: ok, 5 events" in out
    out_md = tmp_path / "all.md"
    assert main(["export", str(EVENTS), str(CSV), "--to", "markdown", "-o", str(out_md)]) == 0
    assert "## 700 BCE" in out_md.read_text(encoding="utf-8")


def test_one_bad_file_stops_the_merge_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Year,Headline\n2018,ok\nnot a year,bad\n", encoding="utf-8")
    assert main(["export", str(EVENTS), str(bad), "--to", "json"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:1: error:" in err
    assert main(["export", str(EVENTS), str(tmp_path / "missing.json"), "--to", "json"]) == 2


def test_merged_ids_take_the_files_name_not_its_path(tmp_path: Path) -> None:
    # Bug fixed: the prefix was the path as given ("/home/ana/cases/copy.json:letter"),
    # which the viewer showed and every export published; the README says the name.
    copy = tmp_path / "cases" / "copy.json"
    copy.parent.mkdir()
    assert main(["export", str(EVENTS), "--to", "timelinejs", "-o", str(copy)]) == 0
    timeline = load_files([EVENTS, copy]).timeline
    assert timeline is not None
    ids = {event.id for event in timeline.events}
    assert "copy.json:raices-letter" in ids and "events.toml:raices-letter" in ids
    assert not [i for i in ids if str(tmp_path) in i or str(ROOT) in i]
    reply = timeline.get("copy.json:chema-tweet")
    assert reply is not None and reply.in_reply_to == "copy.json:raices-tweet"
    # Where each event came from is still known, in full, for the viewer's "From ...".
    assert {event.file for event in timeline.events} == {str(EVENTS), str(copy)}


def test_a_merged_id_takes_a_file_name_that_is_not_utf8_as_messages_name_it(
    tmp_path: Path,
) -> None:
    # Bug fixed: of `café.toml` saved by a Latin-1 system, an id it shares with another
    # file became `caf<U+DCE9>.toml:a` on the screen and in messages, `caf\ufffd.toml:a`
    # in exports: characters the name does not hold. It is the name as every message
    # gives it (`text.file_name`), its byte as bash writes it.
    event = '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018-07-{}\ntitle = "{}"\n'
    latin = tmp_path / os.fsdecode(b"caf\xe9.toml")
    latin.write_text(event.format(19, "A"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(event.format(20, "B"), encoding="utf-8")
    result = load_files([latin, tmp_path / "b.toml"])
    assert result.timeline is not None
    assert [e.id for e in result.timeline.events] == [r"$'caf\xe9.toml':a", "b.toml:a"]
    (said,) = [p.message for p in result.problems if "renamed" in p.message]
    assert r"""renamed ("$'caf\xe9.toml':a", 'b.toml:a')""" in said and "DCE9" not in said


def test_two_files_of_one_name_in_different_folders_get_different_prefixes(
    tmp_path: Path,
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        text = EVENTS.read_text(encoding="utf-8")
        (tmp_path / folder / "events.toml").write_text(text, encoding="utf-8")
    timeline = load_files([tmp_path / "a" / "events.toml", tmp_path / "b" / "events.toml"]).timeline
    assert timeline is not None
    letters = sorted(e.id for e in timeline.events if e.id.endswith(":raices-letter"))
    assert letters == ["events.toml#2:raices-letter", "events.toml:raices-letter"]
    assert len({e.id for e in timeline.events}) == len(timeline.events) == 20


def test_a_merged_json_export_publishes_no_absolute_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.json"
    assert main(["export", str(EVENTS), "--to", "timelinejs", "-o", str(copy)]) == 0
    assert main(["export", str(EVENTS), str(copy), "--to", "json"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path) not in out and str(ROOT) not in out
    files = {event["file"] for event in json.loads(out)["events"]}
    assert files == {"events.toml", "copy.json"}


def test_files_on_a_file_system_without_inodes_are_all_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some network and FUSE file systems number every file 0: two files would have
    # looked like one, and the second been dropped with a false warning.
    import os

    from timeline.read import each_file_once

    real = os.stat

    def no_inodes(path: object, *args: object, **kwargs: object) -> os.stat_result:
        status = real(path, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((status.st_mode, 0, *tuple(status)[2:]))

    monkeypatch.setattr(os, "stat", no_inodes)
    assert each_file_once([EVENTS, JSON]) == ([EVENTS, JSON], [])


def test_the_viewer_sizes_a_file_given_twice_once(tmp_path: Path) -> None:
    # Counted twice, a file just over half the large-file size took the large-file way.
    from timeline.cli.viewer import _total_size

    size = EVENTS.stat().st_size
    assert _total_size([str(EVENTS), str(EVENTS), f"{ROOT}/./events.toml"]) == size


def test_a_prefixed_id_never_takes_an_id_another_file_already_has(tmp_path: Path) -> None:
    # Bug fixed: b.toml's "letter" became "b.toml:letter", the id d.toml already gave
    # one of its own events: two events of one id, and d.toml's reply to its own event
    # was printed and exported as a reply to b.toml's letter.
    d = tmp_path / "d.toml"
    d.write_text(
        '[timeline]\ntitle = "D"\n\n'
        '[[events]]\nid = "letter"\ndate = 2018-07-01\ntitle = "D letter"\n\n'
        '[[events]]\nid = "b.toml:letter"\ndate = 2018-07-02\ntitle = "D own"\n\n'
        '[[events]]\nid = "d-reply"\ndate = 2018-07-25\ntitle = "D reply"\n'
        'in_reply_to = "b.toml:letter"\n',
        encoding="utf-8",
    )
    b = tmp_path / "b.toml"
    b.write_text(
        '[timeline]\ntitle = "B"\n\n'
        '[[events]]\nid = "letter"\ndate = 2018-07-19\ntitle = "B letter"\n\n'
        '[[events]]\nid = "b-reply"\ndate = 2018-07-21\ntitle = "B reply"\n'
        'in_reply_to = "letter"\n',
        encoding="utf-8",
    )
    timeline = load_files([d, b]).timeline
    assert timeline is not None
    ids = [e.id for e in timeline.events]
    assert len(set(ids)) == len(ids) == 5
    for event in timeline.events:
        assert timeline.get(event.id) is event
    d_reply, b_reply = timeline.get("d-reply"), timeline.get("b-reply")
    assert d_reply is not None and b_reply is not None
    d_target = timeline.get(d_reply.in_reply_to or "")
    b_target = timeline.get(b_reply.in_reply_to or "")
    assert d_target is not None and d_target.title == "D own"
    assert b_target is not None and b_target.title == "B letter"


def test_a_reply_to_another_files_event_is_not_warned_about_once_merged(
    tmp_path: Path,
) -> None:
    # Bug fixed: b.toml's own check warned that its reply names no event, and the same
    # warning was shown for the merged timeline, whose rail and printout link the reply
    # to a.toml's event: the warning said the opposite of the screen.
    a = tmp_path / "a.toml"
    a.write_text(
        '[timeline]\ntitle = "A"\n\n[[events]]\nid = "only-a"\ndate = 2018-07-01\ntitle = "A"\n',
        encoding="utf-8",
    )
    b = tmp_path / "b.toml"
    b.write_text(
        '[timeline]\ntitle = "B"\n\n[[events]]\nid = "b-reply"\ndate = 2018-07-02\n'
        'title = "B"\nin_reply_to = "only-a"\n\n'
        '[[events]]\nid = "b-lost"\ndate = 2018-07-03\ntitle = "C"\nin_reply_to = "nowhere"\n',
        encoding="utf-8",
    )
    alone = load_files([b])
    assert [p.event for p in alone.warnings] == ["b-reply", "b-lost"]
    merged = load_files([a, b])
    assert merged.timeline is not None
    assert [e.title for e in merged.timeline.replies_to("only-a")] == ["B"]
    # The reply to no event of either file is still warned about.
    assert [(p.event, p.field) for p in merged.warnings] == [("b-lost", "in_reply_to")]


def test_a_later_files_header_the_merge_does_not_show_is_said(tmp_path: Path) -> None:
    # Bug fixed: the merged timeline takes its summary, source, media and zone from the
    # first file, and a second file's were dropped without a word.
    a = tmp_path / "a.toml"
    a.write_text(
        '[timeline]\ntitle = "A"\nsummary = "About A"\n\n'
        '[[events]]\ndate = 2018-07-01\ntitle = "A"\n',
        encoding="utf-8",
    )
    b = tmp_path / "b.toml"
    b.write_text(
        '[timeline]\ntitle = "B"\nsummary = "About B"\ntimezone = "America/Chicago"\n'
        'source = "https://example.org/b"\n\n[[events]]\ndate = 2018-07-02\ntitle = "B"\n',
        encoding="utf-8",
    )
    merged = load_files([a, b])
    assert merged.timeline is not None and merged.timeline.summary == "About A"
    said = [p for p in merged.warnings if p.file == str(b)]
    # Each at its field, as the file's own problems of its [timeline] are: one warning
    # of them all had no field (found by a review of the command line).
    assert [p.field for p in said] == ["timeline.summary", "timeline.source", "timeline.timezone"]
    for problem, part in zip(said, ("summary", "source", "timezone"), strict=True):
        assert problem.message == (
            f"[timeline] field {part!r} of this file is not the merged timeline's, which "
            f"takes it from the first file given ({str(a)!r}); each event keeps its own "
            "dates and sources"
        )
    assert str(said[0]).startswith(f"{b}: warning: [timeline] field 'summary' of this file")
    assert said[0].as_dict()["field"] == "timeline.summary"
    # The same header in both: nothing to say of it (its event is given twice: said).
    twin = tmp_path / "twin.toml"
    twin.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    assert [p.field for p in load_files([a, twin]).warnings] == ["id"]


def test_merged_times_of_other_zones_listed_out_of_their_order_are_said(tmp_path: Path) -> None:
    # Merged, each file's times keep its zone and are listed by their own clocks: 20:00 in
    # Chicago (01:00 UTC) came before 23:30 in Paris (21:30 UTC), silently.
    for name, zone, when in (
        ("a", "Europe/Paris", "2018-07-19T23:30:00"),
        ("b", "America/Chicago", "2018-07-19T20:00:00"),
    ):
        (tmp_path / f"{name}.toml").write_text(
            f'[timeline]\ntitle = "{name}"\ntimezone = "{zone}"\n\n'
            f'[[events]]\nid = "{name}-event"\ndate = {when}\ntitle = "{name}"\n',
            encoding="utf-8",
        )
    merged = load_files([tmp_path / "a.toml", tmp_path / "b.toml"])
    assert merged.timeline is not None
    assert [e.id for e in merged.timeline.events] == ["b-event", "a-event"]
    said = [p for p in merged.warnings if "listed by their own clocks" in p.message]
    assert len(said) == 1
    assert said[0].file == str(tmp_path / "a.toml") and said[0].event == "a-event"
    # Found trying the tool: it said to give [timeline] a timezone, which both had.
    assert said[0].message.endswith(
        "give every file the same [timeline] timezone (a time of another zone written "
        "with its offset, such as 16:00:00+02:00) to show and order every time in it"
    )


def test_a_files_own_times_out_of_order_are_said_once_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: `timeline check zones.toml qa.toml` said the pair of zones.toml twice,
    # once from the file (at its date's line) and once from the merge (at its event's,
    # advised for merged files): the merge compared the messages, worded otherwise.
    zones = tmp_path / "zones.toml"
    zones.write_text(
        '[timeline]\ntitle = "Zones"\n\n'
        '[[events]]\nid = "east"\ndate = "19 July 2018 10:00 pm ET"\ntitle = "east"\n\n'
        '[[events]]\nid = "west"\ndate = "19 July 2018 8:00 pm PT"\ntitle = "west"\n',
        encoding="utf-8",
    )
    qa = tmp_path / "qa.toml"
    qa.write_text(
        '[timeline]\ntitle = "QA"\n\n[[events]]\nid = "qa"\ndate = "1 August 2018"\ntitle = "qa"\n',
        encoding="utf-8",
    )
    said = [p for p in load_files([zones, qa]).warnings if "own clocks" in p.message]
    # As the file alone says it, at the line of the date.
    assert [str(p) for p in said] == [
        f"{zones}:6:1: warning: times in several zones are listed by their own clocks: "
        "'west' (19 Jul 2018 20:00 PDT) is listed before 'east' (19 Jul 2018 22:00 EDT), "
        "which is the earlier moment; give [timeline] a timezone to show and order every "
        "time in it"
    ]
    assert main(["check", str(zones), str(qa)]) == 0
    out = capsys.readouterr().out
    assert out.count("own clocks") == 1 and f"{zones.name}: ok, 2 events, 1 warning" in out


def test_merged_files_of_no_zone_and_a_reply_to_a_renamed_id_are_said(tmp_path: Path) -> None:
    # Bugs fixed: files with no `timezone` but times of other offsets were never checked
    # once merged; and a reply naming an id found in two other files (both renamed, so
    # naming nothing) lost its warning, as if the merge linked it.
    def write(name: str, body: str) -> Path:
        path = tmp_path / f"{name}.toml"
        path.write_text(f'[timeline]\ntitle = "{name}"\n\n{body}', encoding="utf-8")
        return path

    ny = write("ny", '[[events]]\nid = "ny"\ndate = 2018-07-16T20:00:00-04:00\ntitle = "NY"\n')
    pr = write("pr", '[[events]]\nid = "pr"\ndate = 2018-07-16T22:00:00+02:00\ntitle = "PR"\n')
    said = [p for p in load_files([ny, pr]).warnings if "own clocks" in p.message]
    assert [(p.file, p.event) for p in said] == [(str(pr), "pr")]

    a = write("a", '[[events]]\nid = "r"\ndate = 2018-07-20\ntitle = "R"\nin_reply_to = "x"\n')
    b = write("b", '[[events]]\nid = "x"\ndate = 2018-07-01\ntitle = "XB"\n')
    c = write("c", '[[events]]\nid = "x"\ndate = 2018-07-02\ntitle = "XC"\n')
    merged = load_files([a, b, c])
    assert merged.timeline is not None and merged.timeline.get("x") is None
    # (And c.toml's 'x', also b.toml's: said.)
    assert [(p.event, p.field) for p in merged.warnings] == [("r", "in_reply_to"), ("x", "id")]


def _reply_across(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "a.toml"
    a.write_text(
        '[timeline]\ntitle = "A"\n\n[[events]]\nid = "reply"\ndate = 2018-07-02\n'
        'title = "Reply"\nin_reply_to = "letter"\n',
        encoding="utf-8",
    )
    b = tmp_path / "b.toml"
    b.write_text(
        '[timeline]\ntitle = "B"\n\n[[events]]\nid = "letter"\ndate = 2018-07-01\ntitle = "Letter"\n',
        encoding="utf-8",
    )
    return a, b


def test_check_of_several_files_says_what_the_merged_timeline_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: `check a.toml b.toml` checked each file alone. It warned that a.toml's
    # reply names no event, and failed with --strict, while `print`, `export` and the
    # viewer of the same files link the reply to b.toml's event and say nothing.
    a, b = _reply_across(tmp_path)
    assert main(["check", "--strict", str(a), str(b)]) == 0
    assert capsys.readouterr().out == f"{a}: ok, 1 event\n{b}: ok, 1 event\n"
    assert main(["check", "--format", "json", str(a), str(b)]) == 0
    assert json.loads(capsys.readouterr().out) == {"problems": []}
    # Alone, the reply names no event: said, as before.
    assert main(["check", "--strict", str(a)]) == 1
    assert "in_reply_to names 'letter'" in capsys.readouterr().out


def test_check_reads_a_file_given_twice_once_as_the_other_commands_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bug fixed: `check a.toml ./a.toml` checked the file twice and said nothing, while
    # the viewer and `print` read it once with a warning (merged with itself, every
    # event would be shown twice).
    a, _ = _reply_across(tmp_path)
    again = f"{tmp_path}/./a.toml"
    assert main(["check", str(a), again]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{again}: warning: is the file given before as '{a}'; it is read once"
    assert len(lines) == 3  # then the reply's warning and the verdict, once
    assert lines[2] == f"{a}: ok, 1 event, 1 warning"
    assert main(["check", "--strict", str(a), again]) == 1


def test_check_of_several_files_says_what_the_merged_load_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `check` finds the merged timeline's problems without merging it (which makes every
    # event of a stored timeline): the same problems, in every case merging changes.
    from timeline.problems import to_json

    def write(name: str, head: str, body: str) -> str:
        path = tmp_path / f"{name}.toml"
        path.write_text(f'[timeline]\ntitle = "{name}"\n{head}\n{body}', encoding="utf-8")
        return str(path)

    zones = [
        write(
            "paris",
            'timezone = "Europe/Paris"\n',
            '[[events]]\nid = "p"\ndate = 2018-07-19T23:30:00\ntitle = "P"\n',
        ),
        write(
            "chicago",
            'timezone = "America/Chicago"\n',
            '[[events]]\nid = "c"\ndate = 2018-07-19T20:00:00\ntitle = "C"\n',
        ),
    ]
    renamed = [
        write(
            "a",
            'summary = "A"\n',
            '[[events]]\nid = "r"\ndate = 2018-07-20\ntitle = "R"\nin_reply_to = "x"\n',
        ),
        write(
            "b",
            'summary = "B"\n',
            '[[events]]\nid = "x"\ndate = 2018-07-01\ntitle = "XB"\n[[events]]\nid = "y"\ndate = 2018-07-03\ntitle = "Y"\nin_reply_to = "r"\n',
        ),
        write("c", "", '[[events]]\nid = "x"\ndate = 2018-07-02\ntitle = "XC"\n'),
    ]
    for files in (zones, renamed, [*zones, *renamed]):
        assert main(["check", "--format", "json", *files]) == 0
        said = json.loads(capsys.readouterr().out)
        expected = json.loads(to_json(load_files(files).problems))
        assert said == expected and said["problems"], files


#: Beside the story (a stored timeline), a file sharing its first id (both renamed) and
#: its first date (a tie: the files' order), dated from its own renamed event, replying
#: to the story's; and one sharing its second, replying to the notes.
NOTES = """[timeline]
title = "Notes"

[[events]]
id = "e000000-statement"
date = 2011-12-13
title = "A note on the story's first day"

[[events]]
id = "follow"
date = "before"
relative_to = "e000000-statement"
title = "Before the note"
in_reply_to = "e000001-interview"

[[events]]
id = "late"
date = "after 2030"
end_date = "before 2031-06"
title = "A span of bounds"
"""
MORE = """[timeline]
title = "More"

[[events]]
id = "after-interview"
date = "after"
relative_to = "e000001-interview"
title = "After its own event, which the story's id renames"

[[events]]
id = "e000001-interview"
date = 2012-01-11
title = "The story's second id again, and its day"
in_reply_to = "follow"
"""


@pytest.fixture
def stored_and_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    from conftest import generated

    monkeypatch.chdir(tmp_path)
    story, notes, more = tmp_path / "story.toml", tmp_path / "notes.toml", tmp_path / "more.toml"
    story.write_text(generated(300), encoding="utf-8")
    notes.write_text(NOTES, encoding="utf-8")
    more.write_text(MORE, encoding="utf-8")
    return [story, notes, more]


def test_a_stored_timeline_merged_is_the_made_one_merged(stored_and_notes: list[Path]) -> None:
    # Merged, a stored timeline's events were all made: 1,000,000 cached events and a
    # file of 10 more took 17.9 s and 1.9 GB to open, against 1.1 s alone.
    from conftest import same_timelines, walked

    from timeline.merged_rows import MergedRows
    from timeline.store import COLUMNS, fields_of, row_values

    story, notes, more = stored_and_notes
    files: list[Path]
    for files in ([story, notes], [notes, story, more], [more, story], [story, Path(story.name)]):
        whole = load_files(files, tuning=MADE)
        load_files(files, tuning=MADE)  # cached
        kept = load_files(files, tuning=STORED)
        assert whole.timeline is not None and kept.timeline is not None
        assert not isinstance(whole.timeline.events, MergedRows)
        assert isinstance(kept.timeline.events, MergedRows) == (files[-1] != Path(story.name))
        assert kept.problems == whole.problems
        same_timelines(kept.timeline, whole.timeline)
        assert walked(kept.timeline) == walked(whole.timeline)  # search, filters, dates
        events = kept.timeline.events
        if isinstance(events, MergedRows):  # each file's rows in the merged order, renamed
            rows = [row for part in events.rows() for row in part]
            assert list(row_values(rows, "id", "in_reply_to", "title")) == [
                (e.id, e.in_reply_to, e.title) for e in whole.timeline.events
            ]
        for name in (*COLUMNS, "tags", "quoted", "file", "line"):
            assert list(fields_of(kept.timeline.events, name)) == list(
                fields_of(whole.timeline.events, name)
            ), name


def test_a_stored_timeline_is_merged_without_making_its_events(
    stored_and_notes: list[Path], made_slices: list[int]
) -> None:

    story, notes, more = stored_and_notes
    load_files([story], tuning=MADE)  # cached
    merged = load_files([story, notes, more], tuning=STORED)
    assert merged.timeline is not None and len(merged.timeline.events) == 305
    assert made_slices == []  # merged whole, every slice was made
    assert merged.timeline.events[-1].file == str(notes)  # made when asked for


@pytest.mark.parametrize("placed_under", [1, 64, 10_000])
def test_dates_of_sorted_runs_are_ordered_as_all_of_them_sorted(
    placed_under: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stored timeline merged with a small file: the small file's dates are placed in
    # the large one's by bisection rather than all sorted again.
    import random

    from conftest import generated

    from timeline import model
    from timeline.model import When, order_of_dates, order_of_sorted
    from timeline.read.toml import load_text

    monkeypatch.setattr(model, "PLACED_UNDER", placed_under)  # 1: always placed
    story = load_text(generated(400)).timeline
    events = load_files([EVENTS]).timeline
    assert story is not None and events is not None
    spine = [event.when for event in story.events]  # with relative dates and bounds
    others = [event.when for event in events.events]  # "before" chains, circa, ranges
    rng = random.Random(3)
    for _ in range(40):
        # Ties: dates equal to the spine's (the same object, or an equal one).
        picked = rng.sample(others, rng.randint(0, 4)) + rng.sample(spine, rng.randint(0, 3))
        small = [when._replace() for when in picked]
        small = [small[i] for i in order_of_dates(small)]
        runs: list[list[When]] = [spine, small]
        if rng.random() < 0.5:
            runs.reverse()
        if rng.random() < 0.3:
            runs.insert(rng.randint(0, 2), [spine[rng.randrange(len(spine))]])
        whole = [when for run in runs for when in run]
        assert list(order_of_sorted(runs)) == order_of_dates(whole), runs
    assert list(order_of_sorted([])) == []
    assert list(order_of_sorted([spine, spine])) == order_of_dates(spine + spine)  # sorted all


def test_several_files_report_their_loads_progress_as_one(stored_and_notes: list[Path]) -> None:
    # The viewer's progress bar stood at 0% while 1,000,000 events and a file beside
    # them loaded: only one file's load said how far it was.
    from timeline.read.toml import Tuning

    story, notes, more = stored_and_notes
    chunked = Tuning(large_file=0, chunk_events=5, parallel_file=0, stored_events=0)
    said: list[float] = []
    result = load_files([notes, story, more], progress=said.append, tuning=chunked)
    assert result.timeline is not None
    sizes = [path.stat().st_size for path in (notes, story, more)]
    before, after = sizes[0] / sum(sizes), (sizes[0] + sizes[1]) / sum(sizes)
    assert said == sorted(said) and said[-1] == pytest.approx(1.0)
    assert said[0] == pytest.approx(before)  # the notes read whole, then the story
    assert len([f for f in said if before < f < after]) > 10  # its chunks, as they go


def test_a_merged_search_reads_the_text_kept_beside_a_stored_files_entry(
    stored_and_notes: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large file merged with another had its million events folded again at each
    # open's first search (14 s), though the viewer keeps their text beside the entry.
    from timeline.query import search as search_module
    from timeline.query.search import haystacks
    from timeline.query.search_text import write_text
    from timeline.store import StoredEvents

    story, notes, more = stored_and_notes
    files = [notes, story, more]
    whole = load_files(files, tuning=MADE).timeline
    alone = load_files([story], tuning=STORED).timeline
    assert whole is not None and alone is not None
    assert isinstance(alone.events, StoredEvents) and alone.events.entry is not None
    write_text(alone.events.entry, alone.events, haystacks, lambda: False)
    folded: list[int] = []
    fold = search_module._fold_joined

    def counted(texts: list[str]) -> str:
        folded.append(1)
        return fold(texts)

    monkeypatch.setattr(search_module, "_fold_joined", counted)
    kept = load_files(files, tuning=STORED).timeline
    assert kept is not None
    assert list(haystacks(kept.events)) == list(haystacks(whole.events))
    assert len(folded) == len(whole.events) + 5  # the made ones all, the merged: 5


def test_a_merged_filter_puts_the_files_indexes_of_values_together(
    stored_and_notes: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first filter of a large file merged with another read every merged row (3.6 s
    # at 1,000,000 cached events and events.toml), though the file's index of values
    # is kept beside its cache entry.
    from timeline.merged_rows import MergedRows
    from timeline.query.value_index import FIELDS, ValueIndex
    from timeline.store import StoredEvents

    story, notes, more = stored_and_notes
    load_files([story], tuning=MADE)  # cached
    alone = load_files([story], tuning=STORED).timeline
    assert alone is not None and isinstance(alone.events, StoredEvents)
    ValueIndex(alone.events).of("kind")  # kept beside its entry, as the viewer keeps it
    read: list[str] = []

    def counted(kind: Any) -> Any:
        rows = kind.rows

        def reading(events: Any) -> Any:
            read.append(kind.__name__)
            return rows(events)

        return reading

    for files in ([notes, story, more], [story, notes], [more, story]):
        whole = load_files(files, tuning=MADE).timeline
        kept = load_files(files, tuning=STORED).timeline
        assert whole is not None and kept is not None
        assert isinstance(kept.events, MergedRows)
        read.clear()
        with monkeypatch.context() as patched:
            for kind in (StoredEvents, MergedRows):
                patched.setattr(kind, "rows", counted(kind))
            index = ValueIndex(kept.events)
            merged = {field: index.of(field) for field in FIELDS}
        assert read == []
        expected = ValueIndex(whole.events)
        for field in FIELDS:
            assert merged[field] == expected.of(field), field
        assert merged["kind"] and any(len(where) > 1 for where in merged["tag"].values())


def test_a_reply_to_another_files_event_is_not_warned_about_when_a_file_has_errors(
    tmp_path: Path,
) -> None:
    # Found trying the tool as a new user: merged with a file that has an error, a reply
    # to events.toml's event was said to name no event; without the error, it linked.
    b = tmp_path / "b.toml"
    b.write_text(
        '[timeline]\ntitle = "B"\n\n'
        '[[events]]\nid = "b-reply"\ndate = 2018-07-20\ntitle = "R"\nin_reply_to = "raices-letter"\n\n'
        '[[events]]\nid = "b-lost"\ndate = 2018-07-21\ntitle = "L"\nin_reply_to = "no-such"\n\n'
        '[[events]]\nid = "b-bad"\ndate = 2018-07-22\ntitle = "X"\nstatus = "confirmd"\n'
        'in_reply_to = "chema-tweet"\n',
        encoding="utf-8",
    )
    c = tmp_path / "c.toml"
    c.write_text(
        '[[events]]\nid = "c"\ndate = 2018-07-23\ntitle = "C"\nin_reply_to = "b-reply"\n',
        encoding="utf-8",
    )
    result = load_files([EVENTS, b, c])
    assert result.timeline is None
    replies = [(p.event, p.message) for p in result.problems if p.field == "in_reply_to"]
    assert replies == [
        ("b-lost", "event 'b-lost': in_reply_to names 'no-such', which is not the id of any event")
    ]
    assert any(p.field == "status" for p in result.errors)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


REPLY = (
    '[timeline]\ntitle = "A"\n\n[[events]]\nid = "a"\ndate = 2017-05-01\ntitle = "Reply"\n'
    'in_reply_to = "b"\n'
)
ANSWERED = (
    '[timeline]\ntitle = "B"\n\n[[events]]\nid = "b"\ndate = 2022-01-03\ntitle = "Original"\n'
)


@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv"])
def test_a_reply_dated_before_another_files_event_it_answers_is_said_once_merged(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found by a new user: in one file, a reply dated before the event it answers is a
    # warning; merged with the file of that event, nothing was said (the merge dropped
    # the warning that it names no event, and no check of its date took its place).
    # From TimelineJS JSON and CSV, that warning was not even dropped.
    a = _write(tmp_path / "a.toml", REPLY)
    if suffix != ".toml":
        to = {".json": "timelinejs", ".csv": "csv"}[suffix]
        assert main(["export", str(a), "--to", to, "-o", str(a.with_suffix(suffix))]) == 0
        a = a.with_suffix(suffix)
    b = _write(tmp_path / "b.toml", ANSWERED)
    alone = load_files([a])
    [unknown] = alone.warnings
    merged = load_files([a, b])
    assert merged.timeline is not None
    [said] = merged.warnings
    assert said == unknown._replace(
        message="event 'a': in_reply_to names 'b' (in "
        f"{str(b)!r}), dated 3 Jan 2022, after this reply (1 May 2017); check the dates, "
        "or the event it answers"
    )  # where the file alone says it names no event: at its in_reply_to, of its event
    capsys.readouterr()
    assert main(["check", "--strict", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert f"{a}:{said.line}:" in out and "after this reply (1 May 2017)" in out
    # Dated after the event it answers, nothing is said, as in one file.
    _write(b, ANSWERED.replace("2022-01-03", "2016-01-03"))
    assert load_files([a, b]).warnings == []


def test_a_reply_across_files_is_checked_when_a_file_is_stored(tmp_path: Path) -> None:
    # The dates are read from a stored timeline's columns, both ways.
    from conftest import generated

    story = _write(tmp_path / "story.toml", generated(300))
    early = _write(
        tmp_path / "early.toml",
        '[timeline]\ntitle = "E"\n\n[[events]]\nid = "early"\ndate = 2011-01-01\n'
        'title = "Early"\nin_reply_to = "e000001-interview"\n\n'
        '[[events]]\nid = "e000001-interview-2"\ndate = 2030-01-01\ntitle = "Late"\n',
    )
    answering = story.read_text(encoding="utf-8").replace(
        'id = "e000000-statement"\n',
        'id = "e000000-statement"\nin_reply_to = "e000001-interview-2"\n',
    )
    _write(story, answering)
    load_files([story], tuning=MADE)  # cached
    whole = load_files([story, early], tuning=MADE)
    kept = load_files([story, early], tuning=STORED)
    assert kept.timeline is not None and not isinstance(kept.timeline.events, tuple)
    said = [(p.file, p.event) for p in kept.warnings if "after this reply" in p.message]
    assert said == [(str(story), "e000000-statement"), (str(early), "early")]
    assert kept.problems == whole.problems


def test_a_reply_to_an_id_two_other_files_give_says_what_they_became(tmp_path: Path) -> None:
    # Merged, both events are renamed and the reply links to neither: it was said to
    # name no event at all, though both files give one of that id.
    a = _write(tmp_path / "a.toml", REPLY)
    b = _write(tmp_path / "b.toml", ANSWERED)
    c = _write(tmp_path / "c.toml", ANSWERED.replace('"B"', '"C"'))
    said, given_twice = load_files([a, b, c]).warnings
    assert (given_twice.file, given_twice.event, given_twice.field) == (str(c), "b", "id")
    assert (said.file, said.line, said.event, said.field) == (str(a), 8, "a", "in_reply_to")
    assert said.message == (
        f"event 'a': in_reply_to names 'b', which {str(b)!r} and {str(c)!r} each give an "
        "event, so that merged each is renamed ('b.toml:b' and 'c.toml:b') and the reply "
        "answers none of them; give the event it answers an id no other file gives"
    )
    # Naming one of them by its new id links it, and checks its date.
    d = _write(tmp_path / "d.toml", REPLY.replace('"b"', '"c.toml:b"'))
    said, _ = load_files([d, b, c]).warnings
    assert said.message.startswith(
        f"event 'a': in_reply_to names 'c.toml:b' (in {str(c)!r}), dated"
    )


def test_a_date_counted_from_another_files_event_says_it_is_there(tmp_path: Path) -> None:
    # A relative date is counted only within its file; merged with the file that has
    # its anchor, the error said no event has that id, which the merge contradicts.
    r = _write(
        tmp_path / "r.toml",
        '[timeline]\ntitle = "R"\n\n[[events]]\nid = "r"\ndate = "the day after"\n'
        'relative_to = "b"\ntitle = "Rel"\n',
    )
    b = _write(tmp_path / "b.toml", ANSWERED)
    [alone] = load_files([r]).errors
    assert alone.message.endswith("which is not the id of any event")
    result = load_files([r, b])
    assert result.timeline is None
    [said] = result.errors
    assert said == alone._replace(
        message=f"event 'r': relative_to names 'b', which is the id of an event of {str(b)!r}, "
        "not of this file; a date is counted only from an event of its own file: write the "
        "date itself, or put the two events in one file"
    )


#: Two reporters' files: b.toml's school board answers a.toml's council vote.
CITY = """[timeline]
title = "City desk"

[[events]]
id = "council-vote"
date = 2024-03-05
title = "Council votes on the budget"

[[events]]
id = "mayor"
date = 2024-03-06
title = "Mayor comments on the vote"
in_reply_to = "council-vote"
"""
SCHOOLS = """[timeline]
title = "Schools desk"

[[events]]
id = "school-board"
date = 2024-03-07
title = "School board meets"
in_reply_to = "council-vote"

[[events]]
id = "teachers"
date = 2024-03-08
title = "Teachers respond"
in_reply_to = "school-board"
"""
HEARING = """
[[events]]
id = "council-vote"
date = 2024-03-01
title = "Schools desk: council pre-vote hearing"
"""


def test_an_id_two_merged_files_give_is_said_with_both_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found trying the tool as a new user: an event of b.toml given a.toml's id
    # "council-vote" silently became what b.toml's reply answers, and `check` was
    # clean; so was an event copied into a.toml and left in b.toml, shown twice.
    a = _write(tmp_path / "a.toml", CITY)
    b = _write(tmp_path / "b.toml", SCHOOLS + HEARING)
    merged = load_files([a, b])
    assert merged.timeline is not None
    board = merged.timeline.get("school-board")
    assert board is not None and board.in_reply_to == "b.toml:council-vote"  # as alone
    said = {(p.file, p.line, p.event, p.field): p.message for p in merged.warnings}
    assert said == {
        (str(b), 16, "council-vote", "id"): (
            f"event 'council-vote': the id is also that of the event on line 4 of {str(a)!r}; "
            "merged, each is renamed ('a.toml:council-vote', 'b.toml:council-vote') and each "
            "file's links go to its own event: if they are one event given twice, delete "
            "one, else give one of them another id"
        ),
        # Each reply naming it, in either file, says which it answers.
        (str(b), 4, "school-board", "in_reply_to"): (
            "event 'school-board': in_reply_to names 'council-vote', which is also the id "
            f"of the event on line 4 of {str(a)!r}; merged, it answers this file's own "
            "(line 16, renamed 'b.toml:council-vote'), as read alone: if it answers the "
            "other, give the two events different ids"
        ),
        (str(a), 9, "mayor", "in_reply_to"): (
            "event 'mayor': in_reply_to names 'council-vote', which is also the id of the "
            f"event on line 16 of {str(b)!r}; merged, it answers this file's own (line 4, "
            "renamed 'a.toml:council-vote'), as read alone: if it answers the other, give "
            "the two events different ids"
        ),
    }
    assert main(["check", "--strict", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert f"{b}:16:1: warning: event 'council-vote': the id is also that" in out

    # An event moved to a.toml and left in b.toml: said at b.toml's, with a.toml's line.
    moved = SCHOOLS.split('\n\n[[events]]\nid = "teachers"')[0].split("[[events]]", 1)[1]
    _write(a, CITY + "\n[[events]]" + moved)
    _write(b, SCHOOLS)
    merged = load_files([a, b])
    said = {(p.file, p.line, p.event, p.field): p.message for p in merged.warnings}
    assert set(said) == {
        (str(b), 4, "school-board", "id"),
        (str(b), 10, "teachers", "in_reply_to"),  # answers b.toml's, as alone
    }
    assert said[str(b), 4, "school-board", "id"].startswith(
        f"event 'school-board': the id is also that of the event on line 15 of {str(a)!r}"
    )


def test_a_relative_date_from_an_id_another_file_gives_too_says_which_it_counts_from(
    tmp_path: Path,
) -> None:
    a = _write(tmp_path / "a.toml", CITY)
    b = _write(
        tmp_path / "b.toml",
        SCHOOLS
        + HEARING
        + '\n[[events]]\nid = "after"\ndate = "the day after"\nrelative_to = "council-vote"\n'
        'title = "After the hearing"\n',
    )
    merged = load_files([a, b])
    assert merged.timeline is not None
    [said] = [p for p in merged.warnings if p.field == "relative_to"]
    assert (said.file, said.line, said.event) == (str(b), 21, "after")
    assert said.message == (
        "event 'after': relative_to names 'council-vote', which is also the id of the event "
        f"on line 4 of {str(a)!r}; the date is counted from this file's own (line 16, "
        "renamed 'b.toml:council-vote'): a date is counted only from an event of its own file"
    )


def test_a_reply_to_a_file_that_did_not_load_is_not_said_to_name_no_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Found trying the tool as a new user: with a.toml broken (a merge's conflict
    # markers), b.toml's reply to a.toml's event was said to name no event, and
    # b.toml "ok, 2 events, 1 warning", in text and in JSON.
    a = _write(tmp_path / "a.toml", "<<<<<<< HEAD\n" + CITY)
    b = _write(tmp_path / "b.toml", SCHOOLS)
    result = load_files([a, b])
    assert result.timeline is None
    [reply] = [p for p in result.problems if p.field == "in_reply_to"]
    assert (reply.file, reply.line, reply.event) == (str(b), 8, "school-board")
    assert reply.message == (
        "event 'school-board': in_reply_to names 'council-vote', which is not the id of any "
        f"event of the files read; {str(a)!r} did not load, and may give it"
    )
    assert main(["check", "--format", "json", str(a), str(b)]) == 1
    messages = [p["message"] for p in json.loads(capsys.readouterr().out)["problems"]]
    assert reply.message in messages
    assert not any(m.endswith("which is not the id of any event") for m in messages)
    # A file whose events were read, with errors, says what its ids are: as before.
    _write(a, CITY.replace('title = "Mayor', 'status = "confirmd"\ntitle = "Mayor'))
    result = load_files([a, b])
    assert result.timeline is None
    assert [p.field for p in result.problems] == ["status"]


def test_a_reply_to_a_renamed_id_of_another_file_gets_a_did_you_mean(tmp_path: Path) -> None:
    # Found trying the tool as a new user: after a.toml's id was renamed, a.toml's own
    # reply got "did you mean 'council-budget-vote'?", and b.toml's reply to it nothing.
    renamed = CITY.replace('id = "council-vote"', 'id = "council-budget-vote"')
    a = _write(tmp_path / "a.toml", renamed)
    b = _write(tmp_path / "b.toml", SCHOOLS)
    merged = load_files([a, b])
    said = {p.file: p.message for p in merged.warnings}
    assert said == {
        str(a): "event 'mayor': in_reply_to names 'council-vote', which is not the id of any "
        "event; did you mean 'council-budget-vote'?",
        str(b): "event 'school-board': in_reply_to names 'council-vote', which is not the id "
        f"of any event; did you mean 'council-budget-vote' (in {str(a)!r})?",
    }
    # So while another file does not load (b.toml's events read, with an error).
    _write(b, SCHOOLS.replace('title = "Teachers', 'status = "confirmd"\ntitle = "Teachers'))
    result = load_files([a, b])
    assert result.timeline is None
    [reply] = [p for p in result.problems if p.file == str(b) and p.field == "in_reply_to"]
    assert reply.message.endswith(f"did you mean 'council-budget-vote' (in {str(a)!r})?")


def _untitled(*events: tuple[str, str]) -> str:
    """A file of events given no id: (date, title) each."""
    return '[timeline]\ntitle = "T"\n' + "".join(
        f'\n[[events]]\ndate = {date}\ntitle = "{title}"\n' for date, title in events
    )


def test_ids_made_from_titles_are_said_only_where_what_was_written_is_at_stake(
    tmp_path: Path,
) -> None:
    # Bug fixed: two files each with a press conference on another day, neither given
    # an id, were warned of as giving the id 'press-conference' twice ("give one of
    # them another id"): ids no one wrote, renamed where no one reads them, as one file
    # alone numbers them without a word.
    a = _write(
        tmp_path / "a.toml",
        _untitled(("2018-07-16", "Press conference"), ("2018-07-19", "Protest")),
    )
    b = _write(
        tmp_path / "b.toml",
        _untitled(("2018-07-20", "Press conference"), ("2018-07-19", "Protest"))
        + '\n[[events]]\nid = "reply"\ndate = 2018-07-21\ntitle = "Reply"\n'
        'in_reply_to = "protest"\n',
    )
    merged = load_files([a, b])
    assert merged.timeline is not None
    said = {(p.line, p.event, p.field): p.message for p in merged.warnings}
    assert said == {
        # The same title on the same day in both: most likely one event given twice.
        (8, "protest", "id"): (
            f"event 'protest': the event on line 8 of {str(a)!r} has the same title "
            "('Protest') and date (19 Jul 2018): if they are one event given twice, delete "
            "one (merged, each is shown)"
        ),
        # A link the reader wrote, naming such an id: which event it goes to, by title.
        (12, "reply", "in_reply_to"): (
            "event 'reply': in_reply_to names 'protest', which is also the id of the event "
            f"on line 8 of {str(a)!r} ('Protest', whose id is made from its title); merged, "
            "it answers this file's own (line 8, 'Protest', whose id is made from its "
            "title, renamed 'b.toml:protest'), as read alone: if it answers the other, give "
            "the two events different ids"
        ),
    }
    # An id written in one file, made from a title in the other: the written one is
    # renamed because of a title, said in those terms at either.
    c = _write(
        tmp_path / "c.toml",
        '[timeline]\ntitle = "C"\n\n[[events]]\nid = "protest"\ndate = 2018-07-02\n'
        'title = "Sit-in at the office"\n',
    )
    [at_c] = load_files([a, c]).warnings
    assert (at_c.file, at_c.line, at_c.message) == (
        str(c),
        4,
        f"event 'protest': the id is also that of the event on line 8 of {str(a)!r} "
        "('Protest', whose id is made from its title); merged, each is renamed "
        "('a.toml:protest', 'c.toml:protest') and each file's links go to its own event: "
        "give the event whose id is made from its title an id of its own, and the one "
        "written is no longer renamed",
    )
    [at_a] = load_files([c, a]).warnings
    assert (at_a.file, at_a.line) == (str(a), 8)
    assert at_a.message.startswith(
        "event 'protest': the id made from its title ('Protest') is also that of the event "
        f"on line 4 of {str(c)!r}; merged"
    )


@pytest.mark.parametrize(
    ("ident", "title", "made"),
    [
        ("protest", "Protest!", True),
        ("protest-2", "Protest", True),
        ("protest-12", "Protest", True),
        ("protest-02", "Protest", False),
        ("protest-x", "Protest", False),
        ("event", "!!!", True),
        ("council-vote", "Schools desk: council pre-vote hearing", False),
    ],
)
def test_an_id_made_from_a_title_is_told_by_the_id(ident: str, title: str, made: bool) -> None:
    from timeline.read.shared_ids import made_from_title

    assert made_from_title(ident, title) is made
