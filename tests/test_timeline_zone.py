"""One lookup of a timeline's zone from its name, for the commands, the viewer and the
writers (`dates.timeline_zone`)."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

import pytest

from timeline.cli.loading import timeline_zone as cli_zone
from timeline.dates import timeline_zone
from timeline.model import Timeline
from timeline.query.selection import Selection
from timeline.write import timelinejs


def test_named_zones_are_read_as_the_readers_read_them() -> None:
    assert timeline_zone("") is None
    assert timeline_zone("Europe/Paris") == ZoneInfo("Europe/Paris")
    # As the TOML reader reads the events' times:
    assert timeline_zone("Z") is UTC
    assert timeline_zone("UTC") is UTC
    # As the TimelineJS reader reads a title slide's zone:
    assert timeline_zone("UTC", tzdata_only=True) == ZoneInfo("UTC")
    assert timeline_zone("Z", tzdata_only=True) is None


@pytest.mark.parametrize("name", ["Mars/Base", "Europe", "x" * 300, "a\x00b", " "])
@pytest.mark.parametrize("tzdata_only", [False, True])
def test_a_name_that_is_no_zone_is_none(name: str, tzdata_only: bool) -> None:
    assert timeline_zone(name, tzdata_only=tzdata_only) is None


def test_every_caller_gives_none_for_a_name_that_is_no_zone() -> None:
    """A timeline made in code (a file's is refused or dropped when read): no caller
    stops on it, the command's filter included, which let the DateError through."""
    made = Timeline(title="t", events=(), timezone="Mars/Base")
    assert cli_zone(made) is None
    assert timelinejs.timeline_zone(made) is None
    selection = Selection()
    selection.show(made)
    assert selection.zone is None
