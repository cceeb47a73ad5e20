"""Research notes are never published unless asked for: `export --private`.

Every text format leaves an event's notes out by default and writes them with
--private: in the hidden data of TimelineJS JSON and CSV, shown in Markdown and on
the HTML page, as the key `notes` of --to json (absent without it). The status is
public in every format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.write import TEXTS

PROVENANCE = Path(__file__).resolve().parent / "fixtures" / "provenance.toml"
NOTE = "Ask RAICES for the letter itself."


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["export", str(PROVENANCE), *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("to", TEXTS)
def test_notes_appear_only_with_private(capsys: pytest.CaptureFixture[str], to: str) -> None:
    public = _export(capsys, "--to", to)
    assert NOTE not in public
    assert "single source" in public  # the status is public
    private = _export(capsys, "--to", to, "--private")
    assert NOTE in private


def test_json_has_no_notes_key_unless_private(capsys: pytest.CaptureFixture[str]) -> None:
    public = json.loads(_export(capsys, "--to", "json"))
    assert all("notes" not in event for event in public["events"])
    private = json.loads(_export(capsys, "--to", "json", "--private"))
    assert [e["notes"] for e in private["events"]][2] == NOTE


def test_private_is_refused_for_a_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.svg"
    assert main(["export", str(PROVENANCE), "--to", "svg", "--private", "-o", str(out)]) == 2
    assert "--private is for the text formats" in capsys.readouterr().err
    assert not out.exists()
