"""Several files at once, in any mix of formats: one merged timeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.read import load_files

ROOT = Path(__file__).resolve().parent.parent
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
    assert f"{JSON}:qin-shi-huang-joins-the-walls" in ids
    assert f"{CSV}:qin-shi-huang-joins-the-walls" in ids
    assert "raices-letter" in ids and "chu-walls" in ids
    assert len(timeline.eras) == 4
    years = [e.when.key for e in timeline.events]
    assert years == sorted(years)
    assert {e.file for e in timeline.events} == {str(EVENTS), str(JSON), str(CSV)}


def test_same_file_twice_still_gives_unique_ids() -> None:
    timeline = load_files([JSON, JSON]).timeline
    assert timeline is not None
    ids = [e.id for e in timeline.events]
    assert len(set(ids)) == len(ids) == 10
    for event in timeline.events:
        assert timeline.get(event.id) is event


def test_relative_dates_follow_renamed_anchors(tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    assert main(["export", str(EVENTS), "--to", "timelinejs", "-o", str(copy)]) == 0
    timeline = load_files([EVENTS, copy]).timeline
    assert timeline is not None
    offer = timeline.get(f"{copy}:salesforce-offer")
    assert offer is not None and offer.when.anchor == f"{copy}:raices-letter"


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
