"""Whether an event lies in an era: said only when its dates surely fall in it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import SIZE, app_for, selected_id, wait_until
from rich.console import Console

from timeline.dates import parse_date
from timeline.model import Era, Event, Timeline
from timeline.query.eras import Place, era_place
from timeline.show.printing import console_for, lines
from timeline.ui.widgets.detail import describe_event

PROSECUTION = Era("Prosecution", parse_date("2018-03-14"), parse_date("2023-05-30"))
EARLY = Era("Early", parse_date("2016-01"), parse_date("2016-10"))


def event(date: str, end: str = "") -> Event:
    return Event("e", parse_date(date), "E", end=parse_date(end) if end else None)


@pytest.mark.parametrize(
    ("era", "date", "end", "place"),
    [
        # Found trying the tool: both were said to be in the era.
        (PROSECUTION, "before 2018-09-30", "", Place.MAY),  # perhaps before 14 March
        (EARLY, "after 5 Oct 2016", "", Place.MAY),  # perhaps after October
        # A bound's open side is not followed into eras further along it.
        (PROSECUTION, "after 5 Oct 2016", "", Place.OUT),
        (EARLY, "before 2018-09-30", "", Place.OUT),
        # A bound beyond the era's edge lies outside it.
        (PROSECUTION, "before 2018-03-14", "", Place.OUT),
        (EARLY, "after 2016-10", "", Place.OUT),
        (PROSECUTION, "after 2023-05-30", "", Place.OUT),
        # A bound whose open side stays inside the era.
        (PROSECUTION, "after 2020", "before 2021-06", Place.IN),
        (PROSECUTION, "after 2018-03-13", "2019", Place.IN),
        # The era's first and last days are its own, whole.
        (PROSECUTION, "2018-03-14", "", Place.IN),
        (PROSECUTION, "2023-05-30T23:59", "", Place.IN),
        (EARLY, "2016-10-31", "", Place.IN),
        (PROSECUTION, "2018-03-13", "", Place.OUT),
        # A coarse date may lie either side of an edge within its period.
        (PROSECUTION, "2018", "", Place.MAY),
        (PROSECUTION, "2018-03", "", Place.MAY),
        (PROSECUTION, "2019", "", Place.IN),
        (EARLY, "2016", "", Place.MAY),
        # Circa and "?" count as the period they name; their doubt is shown with them.
        (PROSECUTION, "circa 2019", "", Place.IN),
        (PROSECUTION, "2019?", "", Place.IN),
        # A span: in the era whole, or surely through part of it, or perhaps.
        (PROSECUTION, "2021-11-19", "2021-12-08", Place.IN),
        (PROSECUTION, "2023-05-01", "2023-06-30", Place.PARTLY),
        (PROSECUTION, "2017", "2019", Place.PARTLY),
        (PROSECUTION, "2017", "2018", Place.MAY),  # perhaps ended by 14 March 2018
        (PROSECUTION, "2010", "2011", Place.OUT),
        (PROSECUTION, "before 2018-05-01", "2019", Place.PARTLY),
    ],
)
def test_an_event_is_in_an_era_only_when_its_dates_surely_are(
    era: Era, date: str, end: str, place: Place
) -> None:
    assert era_place(era, event(date, end)) is place


def test_an_era_given_by_bounds_is_in_doubt_at_those_ends() -> None:
    vague = Era("Vague", parse_date("before 2018"), parse_date("after 2020"))
    assert era_place(vague, event("2018-06")) is Place.IN  # it began before, ends after
    assert era_place(vague, event("2017-06")) is Place.MAY  # it may have begun later
    assert era_place(vague, event("2021-06")) is Place.MAY


def _shown(event: Event, timeline: Timeline) -> str:
    console = Console(width=10_000, record=True, file=io.StringIO(), color_system=None)
    console.print(describe_event(event, timeline))
    return console.export_text()


def test_the_detail_pane_says_may_fall_in_or_partly_in() -> None:
    # Found trying the tool: "before 2018-09-30" showed "Era: Prosecution (14 Mar 2018
    # – 30 May 2023)" though it may lie before 14 March 2018.
    bounded, span, inside = (
        event("before 2018-09-30"),
        event("2023-05-01", "2023-07"),
        event("2019"),
    )
    timeline = Timeline("T", (bounded, span, inside), eras=(EARLY, PROSECUTION))
    assert "Era: may fall in Prosecution (14 Mar 2018 – 30 May 2023)" in _shown(bounded, timeline)
    assert "Early" not in _shown(bounded, timeline)  # its open side is not followed
    assert "Era: partly in Prosecution (14 Mar 2018 – 30 May 2023)" in _shown(span, timeline)
    assert "Era: Prosecution (14 Mar 2018 – 30 May 2023)" in _shown(inside, timeline)


ERAS = """[timeline]
title = "Eras"

[[eras]]
title = "Early"
start = "2016-01"
end = "2016-10"

[[eras]]
title = "Prosecution"
start = 2018-03-14
end = 2023-05-30

[[events]]
id = "after"
date = "after 5 Oct 2016"
title = "Bounded after"

[[events]]
id = "inside"
date = 2018-07-16
title = "Surely inside"

[[events]]
id = "before"
date = "before 2018-09-30"
title = "Bounded before"

[[events]]
id = "late"
date = "after 2023-05-30"
title = "After the last day"
"""


@pytest.fixture
def eras_file(tmp_path: Path) -> Path:
    path = tmp_path / "eras.toml"
    path.write_text(ERAS, encoding="utf-8")
    return path


async def test_the_rail_breaks_the_era_band_where_an_event_may_lie_outside(
    eras_file: Path,
) -> None:
    # The band ▎ beside an event said it lay in the era; "before 30 Sep" had it.
    app = app_for(eras_file)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: selected_id(app) == "after", "the first event")
        rail = app.main.rail
        rows: list[str] = [rail.render_line(y).text for y in range(rail.size.height)]

        def band(title: str) -> str:
            return next(row for row in rows if title in row)[0]

        assert band("Surely inside") == "▎"
        assert band("Bounded before") == "╎"
        assert band("Bounded after") == "╎"
        assert band("After the last day") == " "


def test_the_printout_says_which_events_only_may_lie_in_the_era_they_are_printed_in(
    eras_file: Path,
) -> None:
    from timeline.read import load_files

    timeline = load_files([eras_file]).timeline
    assert timeline is not None
    out = io.StringIO()
    console = console_for(out)
    console.width = 100
    text = "\n".join(lines(timeline, console))
    blocks = {block.split("\n")[0].split("  ")[-1].strip(): block for block in text.split("\n\n")}
    assert "Era: may fall in Early (Jan 2016 – Oct 2016)" in blocks["Bounded after"]
    assert "Era: may fall in Prosecution" in blocks["Bounded before"]
    assert "Era:" not in blocks["Surely inside"]
    # Printed before "Era ends" (it sorts on the last day), yet surely after it.
    assert "Era: not in Prosecution (14 Mar 2018 – 30 May 2023)" in blocks["After the last day"]


def test_the_html_page_says_may_fall_in_on_an_event_that_may() -> None:
    from timeline.write import html

    events = (event("2019")._replace(id="in"), event("before 2018-09-30")._replace(id="may"))
    page = html.dumps(Timeline("T", events, eras=(PROSECUTION,)))
    assert '<span class="era">Prosecution</span>' in page
    assert '<span class="era">may fall in Prosecution</span>' in page
