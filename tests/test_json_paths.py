"""`export --to json` names the file each event came from without publishing where it
was kept: the path as given when relative and inside the folder, else the name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_timeline

from timeline.write.json import published_path


def _files(args: list[str], cwd: Path) -> set[str]:
    result = run_timeline("export", *args, "--to", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert str(ROOT) not in result.stdout
    return {event["file"] for event in json.loads(result.stdout)["events"]}


def test_a_relative_path_is_written_as_given() -> None:
    # Bug fixed: only the name was written, so two files of one name in two folders
    # ("a/events.toml", "b/events.toml") could not be told apart.
    assert _files(["tests/fixtures/provenance.toml"], ROOT) == {"tests/fixtures/provenance.toml"}
    assert _files(["./events.toml"], ROOT) == {"events.toml"}


def test_an_absolute_path_or_one_climbing_out_is_written_as_the_name() -> None:
    assert _files([str(ROOT / "events.toml")], ROOT) == {"events.toml"}
    assert _files(["../fixtures/provenance.toml"], ROOT / "tests" / "__snapshots__") == {
        "provenance.toml"
    }


@pytest.mark.parametrize(
    ("given", "published"),
    [
        ("events.toml", "events.toml"),
        ("./data/b.toml", "data/b.toml"),
        ("/home/ana/cases/b.toml", "b.toml"),
        ("../b.toml", "b.toml"),
        ("data/../../b.toml", "b.toml"),
        ("", ""),
    ],
)
def test_published_path(given: str, published: str) -> None:
    assert published_path(given) == published


def test_every_date_says_how_exact_it_is() -> None:
    # A quote's own date and an event's end were written as bare ISO dates: "before
    # 1 July", "circa 1 July" and "2 July?" all read as exact days, and an open end
    # ("after 20 July") as the day the event ended.
    from timeline.read.toml import load_text
    from timeline.write.json import timeline_to_dict

    text = (
        '[timeline]\ntitle = "Q"\n[[events]]\nid = "e"\ndate = 2018-07-19\n'
        'end_date = "after 2018-07-20"\ntitle = "Event"\n'
        '[[events.quotes]]\ntext = "a"\ndate = "before 2018-07-01"\n'
        '[[events.quotes]]\ntext = "b"\ndate = "circa 2018-07-01"\n'
        '[[events.quotes]]\ntext = "c"\ndate = "2018-07-02?"\n'
        '[[events.quotes]]\ntext = "d"\n'
    )
    timeline = load_text(text, "q.toml").timeline
    assert timeline is not None
    (event,) = timeline_to_dict(timeline)["events"]
    assert (event["end"], event["end_qualifier"]) == ("2018-07-20", "after")
    assert [(q["date"], q["date_qualifier"]) for q in event["quotes"]] == [
        ("2018-07-01", "before"),
        ("2018-07-01", "circa"),
        ("2018-07-02", "uncertain"),
        (None, None),
    ]
