"""`timeline export --to svg|png|pdf`: a picture of the lanes for an article
(timeline/write/picture.py), its structure compared with a snapshot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest

from timeline.cli import main
from timeline.model import Event, Precision, Qualifier, Source, Timeline, When
from timeline.read.toml import load_file
from timeline.show.marks import BLANK, LABEL, MARK_ROLES
from timeline.write import render_picture
from timeline.write.picture import (
    DEFAULT_WIDTH,
    LEGEND,
    WHOLE,
    PictureError,
    Span,
    _Drawing,
    dumps,
    parse_width,
)

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"
SVG = "{http://www.w3.org/2000/svg}"


def events_toml() -> Timeline:
    timeline = load_file(EVENTS).timeline
    assert timeline is not None
    return timeline


def structure(svg: bytes) -> dict[str, Any]:
    """What a reader sees in an SVG, without the drawing's coordinates: its text, in
    order, and how many marks, lines and patches it draws."""
    root = ET.fromstring(svg)
    texts = ["".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")]
    groups = [node.get("id", "") for node in root.iter(f"{SVG}g")]
    return {
        "texts": [text for text in texts if text],
        "markers": sum(1 for _ in root.iter(f"{SVG}use")),
        "lines": sum(1 for name in groups if name.startswith("line2d_")),
        "patches": sum(1 for name in groups if name.startswith("patch_")),
    }


def test_events_toml_svg_structure(snapshot: Any) -> None:
    found = structure(dumps(events_toml(), "svg"))
    assert found == snapshot
    texts = found["texts"]
    assert texts[-1].startswith("Source: RAICES Rejects $250,000")
    assert "RAICES declines Salesforce's $250,000" in texts
    for lane in ("Salesforce", "Protests", "RAICES", "Supporters", "Press"):
        assert lane in texts
    assert "8 Jul 2018" in texts and "19" in texts
    # Every event is drawn: a marker for each point, two for a bound (line and head).
    assert found["markers"] >= 10


def test_dollar_signs_are_money_not_mathematics() -> None:
    timeline = Timeline(
        "$250,000 and $1 million",
        (Event("a", When(2018, 7, 1), "Pledge of $1 million, not $x^2$", group="$g$"),),
        source=Source("Paid $5 for $\\alpha$"),
    )
    texts = structure(dumps(timeline, "svg"))["texts"]
    assert "$250,000 and $1 million" in texts
    assert "Pledge of $1 million, not $x^2$" in texts
    assert "$g$" in texts
    assert "Source: Paid $5 for $\\alpha$" in texts


def test_file_text_cannot_inject_markup_or_control_characters() -> None:
    timeline = Timeline(
        "<script>alert(1)</script>",
        (Event("a", When(2018, 7, 1), 'Title "with" <b>tags</b> & \x1b[31m escape'),),
    )
    svg = dumps(timeline, "svg")
    ET.fromstring(svg)  # still well-formed XML
    assert b"<script>" not in svg
    assert b"\x1b" not in svg
    texts = structure(svg)["texts"]
    assert "<script>alert(1)</script>" in texts
    assert 'Title "with" <b>tags</b> & ␛[31m escape' in texts


def test_the_credit_names_a_file_as_messages_do() -> None:
    # Bug fixed: drawn from `café.toml` saved by a Latin-1 system, the picture said
    # "Data: caf<U+DCE9>.toml": a character its name does not hold.
    latin = os.fsdecode(b"/home/ana/caf\xe9.toml")
    timeline = Timeline("T", (Event("a", When(2018, 7, 1), "A"),), files=(latin,))
    assert r"Data: $'caf\xe9.toml'" in structure(dumps(timeline, "svg"))["texts"]


@pytest.mark.parametrize("qualifier", list(Qualifier))
def test_every_qualifier_is_drawn_in_every_picture_format(qualifier: Qualifier) -> None:
    # "2019-09-02?" crashed every picture with a KeyError.
    timeline = Timeline(
        "Qualifiers",
        (
            Event("a", When(2019, 8, precision=Precision.MONTH, qualifier=qualifier), "Audit"),
            Event("b", When(2019, 9, 2, qualifier=qualifier), "Auditor resigns"),
            Event("c", When(2019, 10, 1, qualifier=qualifier), "Inquiry", end=When(2019, 11, 30)),
        ),
    )
    texts = structure(dumps(timeline, "svg"))["texts"]
    assert {"Audit", "Auditor resigns", "Inquiry"} <= set(texts)
    assert dumps(timeline, "png").startswith(b"\x89PNG")
    assert dumps(timeline, "pdf").startswith(b"%PDF")


def test_an_uncertain_date_is_a_question_mark_not_a_circa_mark(tmp_path: Path) -> None:
    path = tmp_path / "unc.toml"
    path.write_text(
        '[timeline]\ntitle = "Uncertain"\n[[events]]\ndate = "2019-09-02?"\n'
        'title = "Auditor resigns"\n',
        encoding="utf-8",
    )
    result = run("export", str(path), "--to", "svg")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    texts = structure(result.stdout)["texts"]
    assert "Auditor resigns" in texts
    assert "?" in texts  # the mark: a "?" in a circle


TRIAL = """
[timeline]
title = "Picture test 3"
[[events]]
date = "c. 480 BCE"
title = "Greek colony founded at the harbour"
group = "Background"
[[events]]
date = "before 2000"
title = "Secret memo drafted"
group = "Council"
[[events]]
date = 2019-03-04T18:30:00
title = "Council votes to sell the bridge"
group = "Council"
[[events]]
date = "after 2019-03-04"
title = "Mayor's office acknowledges letter"
group = "Council"
[[events]]
date = "circa 16 July 2019"
title = "Long speech by the mayor about the future of the harbour bridge"
group = "Council"
[[events]]
date = "2019-08"
title = "Audit begins"
group = "Council"
[[events]]
date = "2019-09-02"
title = "Auditor resigns"
group = "Council"
[[events]]
date = "by 2019-11-30"
title = "Inquiry closes"
group = "Council"
"""


def test_every_event_keeps_its_label_and_no_mark_reads_as_another_s(tmp_path: Path) -> None:
    # The trial's picture left out "Secret memo drafted" (before 2000) and drew its
    # arrow beside "Mayor's office acknowledges letter" (after 4 March 2019): the image
    # read "◀┄┄▶ Mayor's office acknowledges letter", one event bounded on both sides.
    path = tmp_path / "pic3.toml"
    path.write_text(TRIAL, encoding="utf-8")
    timeline = load_file(path).timeline
    assert timeline is not None
    texts = structure(dumps(timeline, "svg"))["texts"]
    for event in timeline.events:
        assert event.title in texts
    assert not any("not labelled" in text for text in texts)
    # On each row, every mark is followed by its own label, nothing between them (or
    # holds it inside): no mark stands where it reads as the next event's.
    drawing = _Drawing(timeline, DEFAULT_WIDTH, WHOLE)
    for line in drawing.frame.lines:
        shown = [p for p in line.pieces if p.role != BLANK]
        runs = [list(run) for _, run in groupby(shown, key=lambda piece: piece.position)]
        assert len(runs) == len({run[0].position for run in runs}), shown
        for run in runs:
            assert run[0].role in MARK_ROLES and run[1].role == LABEL, shown


def test_a_picture_says_how_many_events_it_leaves_unlabelled(tmp_path: Path) -> None:
    # Sixty events on one day need more rows than a picture gives a lane: the lane is a
    # bar of how many events begin in each column, and the picture says so.
    crowd = tuple(
        Event(f"e{n}", When(2019, 3, 4), f"Statement {n}", group="Crowd") for n in range(60)
    )
    others = (Event("x", When(2019, 3, 1), "Before the crowd", group="Other"),)
    timeline = Timeline("Crowded", tuple(sorted(crowd + others, key=lambda e: e.when.key)))
    texts = structure(dumps(timeline, "svg"))["texts"]
    assert "Before the crowd" in texts
    assert not any(text.startswith("Statement") for text in texts)
    (note,) = [text for text in texts if "not labelled" in text]
    assert note.startswith("60 events are not labelled, for want of room at this width")
    assert "Crowd: a bar of how many events begin in each column" in note
    # The command says it too, with what makes room.
    path = tmp_path / "crowd.toml"
    path.write_text(
        '[timeline]\ntitle = "Crowded"\n'
        + "".join(
            f'[[events]]\ndate = 2019-03-04\ntitle = "Statement {n}"\ngroup = "Crowd"\n'
            for n in range(60)
        ),
        encoding="utf-8",
    )
    result = run("export", str(path), "--to", "svg")
    assert result.returncode == 0, result.stderr
    assert b"timeline: note: 60 events are not labelled" in result.stderr
    assert b"--width" in result.stderr


def test_the_axis_ends_with_the_events_and_has_no_year_0(tmp_path: Path) -> None:
    # The trial's picture of "c. 480 BCE" to 2019 ran its axis to 4000 CE (the room
    # kept for a long label) and had a tick "0", a year no calendar has.
    path = tmp_path / "pic3.toml"
    path.write_text(TRIAL, encoding="utf-8")
    timeline = load_file(path).timeline
    assert timeline is not None
    texts = structure(dumps(timeline, "svg"))["texts"]
    assert "500 BCE" in texts and "1 CE" in texts and "2000 CE" in texts
    assert "0" not in texts
    assert not any(text in texts for text in ("2500 CE", "3000 CE", "3500 CE", "4000 CE"))
    # Asked for dates past the events (the `to` filter), the axis runs to them.
    span = Span(When(1, precision=Precision.YEAR), When(3000, precision=Precision.YEAR))
    texts = structure(dumps(timeline, "svg", span=span))["texts"]
    assert max(int(text) for text in texts if text.isdigit()) >= 2500


def test_a_legend_tells_the_marks_apart_when_they_are_drawn() -> None:
    def legend(*whens: When) -> list[str]:
        events = tuple(Event(f"e{n}", when, f"Event {n}") for n, when in enumerate(whens))
        texts = structure(dumps(Timeline("Legend", events), "svg"))["texts"]
        return [text for text in texts if text in LEGEND.values()]

    exact, circa = When(2019, 3, 4), When(2019, 3, 1, qualifier=Qualifier.CIRCA)
    before, after = exact._replace(qualifier=Qualifier.BEFORE), When(2019, 3, 6)
    assert legend(exact, When(2019, 5, 1)) == []
    assert legend(circa, exact) == [LEGEND["circa"]]
    assert legend(before, exact, after._replace(qualifier=Qualifier.AFTER)) == [
        LEGEND["before"],
        LEGEND["after"],
    ]
    uncertain = When(2019, 9, 2, qualifier=Qualifier.UNCERTAIN)
    assert legend(circa, uncertain) == [LEGEND["circa"], LEGEND["uncertain"]]
    # A circa month is a dashed span: circa too.
    month = When(2019, 8, precision=Precision.MONTH, qualifier=Qualifier.CIRCA)
    assert legend(month, exact) == [LEGEND["circa"]]


def test_png_and_pdf_are_what_they_say() -> None:
    png = dumps(events_toml(), "png", width=8.0)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    # 8 inches at 100 dots an inch.
    assert int.from_bytes(png[16:20], "big") == 800
    assert dumps(events_toml(), "pdf").startswith(b"%PDF")


def test_the_same_timeline_makes_the_same_bytes() -> None:
    assert dumps(events_toml(), "svg") == dumps(events_toml(), "svg")
    assert dumps(events_toml(), "png") == dumps(events_toml(), "png")


@pytest.mark.parametrize(
    ("text", "inches"), [("1200", 12.0), ("800px", 8.0), ("8in", 8.0), ("6.5in", 6.5)]
)
def test_widths(text: str, inches: float) -> None:
    assert parse_width(text) == inches


@pytest.mark.parametrize("text", ["12x", "", "-5", "20000", "1in"])
def test_bad_widths_say_what_is_valid(text: str) -> None:
    with pytest.raises(PictureError, match=r"pixels|inches"):
        parse_width(text)


def test_from_and_to_choose_the_dates_drawn() -> None:
    timeline = events_toml()
    whole = structure(render_picture(timeline, "svg"))["texts"]
    start, end = When(2018, 7, 15), When(2018, 7, 20)
    near = structure(render_picture(timeline, "svg", span=(start, end)))["texts"]
    assert "Marc Benioff: Salesforce is “true to our core values”" in whole
    assert "15 Jul 2018" in near
    assert not any("Benioff" in text for text in near)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args], cwd=cwd, capture_output=True, timeout=120
    )


def test_export_png_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    result = run("export", "events.toml", "--to", "png", "--width", "900", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    again = run("export", "events.toml", "--to", "png", "-o", str(out))
    assert again.returncode == 2
    assert b"already exists; add --force" in again.stderr


def test_export_picture_to_a_pipe_and_filters(tmp_path: Path) -> None:
    result = run(
        "export",
        "events.toml",
        "--to",
        "svg",
        "--filter",
        "group=RAICES",
        "--filter",
        "from=july 15 2018",
    )
    assert result.returncode == 0, result.stderr
    texts = structure(result.stdout)["texts"]
    assert "RAICES" in texts
    assert "Salesforce" not in texts  # the lane is filtered out
    # Nothing but the filter as read (as the viewer's header says it).
    assert result.stderr == b"timeline: 2 of 10 events kept: group=RAICES, from 15 Jul 2018\n"


def test_a_binary_picture_is_not_written_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", str(EVENTS), "--to", "png"]) == 2
    assert "add -o OUT.png" in capsys.readouterr().err


def test_bad_width_and_width_for_text_exit_2() -> None:
    result = run("export", "events.toml", "--to", "png", "--width", "wide", "-o", "x.png")
    assert result.returncode == 2
    assert b"--width 'wide' is not a width" in result.stderr
    assert b"Traceback" not in result.stderr
    result = run("export", "events.toml", "--to", "json", "--width", "800")
    assert result.returncode == 2
    assert b"--width is for --to svg, png or pdf" in result.stderr


def test_export_imports_no_textual_and_check_no_matplotlib() -> None:
    code = (
        "import sys; from timeline.cli import main; "
        "main(['export', 'events.toml', '--to', 'svg', '-o', sys.argv[1]]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'matplotlib'}))"
    )
    out = run_python(code)
    assert out == "['matplotlib']"
    code = (
        "import sys; from timeline.cli import main; main(['check', 'events.toml']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'matplotlib'}), "
        "file=sys.stderr)"
    )
    assert run_python(code, stream="stderr") == "[]"


def run_python(code: str, stream: str = "stdout") -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as where:
        result = subprocess.run(
            [sys.executable, "-c", code, str(Path(where) / "out.svg")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    text = result.stdout if stream == "stdout" else result.stderr
    return re.sub(r"\s+$", "", text.splitlines()[-1])
