"""One rule for the URLs exports link to or embed (`timeline.links`), kept by every
writer and said by every reader.

Found by a new-user trial: `media = { url = "javascript:alert(1)" }` went unchanged
into the TimelineJS export, which TimelineJS follows or embeds, with nothing said.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.links import link_url, refusal, safe_url, scheme
from timeline.model import Event, Media, Quote, Source, Timeline, When
from timeline.read import load_any
from timeline.read.quick_rows import quick_event
from timeline.read.records import EventReader, Shared
from timeline.write import render

REFUSED = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "urn:tweet:1",
    "<iframe src='https://evil.example'></iframe>",
    '<blockquote onmouseover="alert(1)">',
    'https://example.org/"><img src=x onerror=alert(1)>iframe',
]
ALLOWED = [
    "https://example.org/story?a=1&b=2#c",
    "http://example.org/",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:desk@example.org",
    "pictures/letter.jpg",
    "//cdn.example.org/a.png",
    "https://example.org/a b",
    "",
]


@pytest.mark.parametrize("url", REFUSED)
def test_what_a_page_must_not_follow_is_refused(url: str) -> None:
    assert refusal(url)
    assert link_url(url) is None and safe_url(url) is None


@pytest.mark.parametrize("url", ALLOWED)
def test_web_and_mail_addresses_and_paths_are_not(url: str) -> None:
    assert refusal(url) == ""


def test_a_scheme_is_read_as_a_browser_reads_it() -> None:
    assert scheme(" JavaScript:x") == scheme("java\nscript:x") == "javascript"
    assert scheme("pictures/a:b.jpg") == scheme("//host/x") == ""
    # A link must say where it goes: a path or a host without its scheme is no link.
    assert link_url("pictures/letter.jpg") is None and link_url("example.org/a") is None
    assert link_url("mailto:desk@example.org") == "mailto:desk@example.org"
    assert safe_url("mailto:desk@example.org") is None  # the viewer opens web pages only


def _hostile(url: str) -> Timeline:
    source = Source("The label", url)
    event = Event(
        id="e",
        when=When(2018, 7, 19, written="2018-07-19"),
        title="T",
        sources=(source,),
        quotes=(Quote("words", source=source),),
        media=Media(url=url, caption="c", thumbnail=url),
    )
    return Timeline("T", (event,), source=source, media=Media(url=url, thumbnail=url))


def _followed(text: str, to: str) -> list[str]:
    """Every URL a browser may follow or embed in an export's text."""
    if to in ("timelinejs", "csv"):
        if to == "csv":
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            slides = [
                {
                    "media": {"url": r["Media"], "thumbnail": r["Media Thumbnail"]},
                    "text": {"text": r["Text"]},
                }
                for r in rows
            ]
        else:
            data = json.loads(text)
            slides = [data["title"], *data["events"]]
        found = []
        for slide in slides:
            media = slide.get("media", {})
            found += [media.get("url", ""), media.get("thumbnail", "")]
            visible = slide["text"]["text"].split("<!--timeline:")[0]
            found += re.findall(r'href="([^"]*)"', visible)
        return [url for url in found if url]
    if to == "html":
        return re.findall(r'(?:href|src)="([^"#][^"]*)"', text)
    return re.findall(r"\]\(<([^>]*)>\)", text)  # markdown


@pytest.mark.parametrize("url", REFUSED)
@pytest.mark.parametrize("to", ["timelinejs", "csv", "html", "markdown"])
def test_no_export_links_to_or_embeds_a_refused_url(url: str, to: str) -> None:
    followed = _followed(render(_hostile(url), to), to)
    assert [u for u in followed if refusal(u)] == []
    # An ordinary address still is one: the rule lets web links through.
    ok = _followed(render(_hostile("https://example.org/a.jpg"), to), to)
    assert "https://example.org/a.jpg" in ok


@pytest.mark.parametrize("url", REFUSED)
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_refused_media_url_is_kept_hidden_and_comes_back(
    tmp_path: Path, url: str, suffix: str
) -> None:
    timeline = _hostile(url)
    path = tmp_path / f"t{suffix}"
    path.write_text(render(timeline, "timelinejs" if suffix == ".json" else "csv"), "utf-8")
    result = load_any(path)
    assert result.timeline is not None, result.problems
    assert result.timeline.media == timeline.media
    (event,) = result.timeline.events
    assert event._replace(file="", line=0) == timeline.events[0]


def test_the_trials_javascript_media_url_is_said_and_never_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n\n[[events]]\nid = "a"\ndate = 2018-07-19\ntitle = "A"\n'
        'media = { url = "javascript:alert(1)" }\n',
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"{path}:8:1: warning: event 'a': field 'media.url': 'javascript:alert(1)' is a "
        "javascript: URL, not an http, https or mailto address, so no export makes it a "
        "link or media"
    ), out
    assert main(["check", "--strict", str(path)]) == 1
    capsys.readouterr()
    exported = tmp_path / "t.json"
    assert main(["export", str(path), "--to", "timelinejs", "-o", str(exported)]) == 0
    assert "javascript:alert(1)" in capsys.readouterr().err  # the warning, on the way out
    slide = json.loads(exported.read_text(encoding="utf-8"))["events"][0]
    assert "media" not in slide or slide["media"]["url"] == ""
    # The TimelineJS and spreadsheet readers say it too, at the slide's media field.
    for name, field in (("t.json", "'media.url'"), ("t.csv", "'Media'")):
        foreign = tmp_path / name
        if name == "t.csv":
            foreign.write_text("Year,Headline,Text,Media\n2018,A,,javascript:alert(1)\n", "utf-8")
        else:
            slide = {"start_date": {"year": 2018}, "text": {"headline": "A"}}
            slide["media"] = {"url": "javascript:alert(1)"}
            foreign.write_text(json.dumps({"events": [slide]}), encoding="utf-8")
        (warning,) = [w for w in load_any(foreign).warnings if "javascript" in w.message]
        assert f"{field} 'javascript:alert(1)' is a javascript: URL" in warning.message


@pytest.mark.parametrize("url", [*REFUSED, *ALLOWED])
def test_the_quick_way_and_the_checks_keep_the_same_and_only_the_checks_say(url: str) -> None:
    raw = {"id": "e", "title": "T", "date": "2018-07-19", "media": {"url": url, "caption": "c"}}
    row = quick_event(raw)
    slow = EventReader("f.toml", [], Shared())
    said: list[str] = []
    slow.check(raw, 0, lambda severity, message, key, where: said.append(severity))
    if refusal(url):
        assert row is None and said == ["warning"]
    elif row is not None:  # (an unusual allowed one may still be a doubt, checked)
        fast = EventReader("f.toml", [], Shared())
        assert fast.build(row, 0) and said == []
        assert repr(fast.events) == repr(slow.events)
    assert [e.media for e in slow.events] == [Media(url=url, caption="c")]


_TITLE_MEDIA = {"url": "javascript:alert(1)", "thumbnail": "javascript:x"}


@pytest.mark.parametrize(
    ("name", "text", "who", "fields"),
    [
        (
            "t.json",
            json.dumps(
                {
                    "title": {"text": {"headline": "T"}, "media": _TITLE_MEDIA},
                    "events": [{"start_date": {"year": 2018}, "text": {"headline": "A"}}],
                }
            ),
            "title slide",
            ("media.url", "media.thumbnail"),
        ),
        (
            "t.csv",
            "Year,Headline,Text,Media,Media Thumbnail,Type\n"
            ",T,,javascript:alert(1),javascript:x,title\n2018,A,,,,\n",
            "title row 2",
            ("Media", "Media Thumbnail"),
        ),
    ],
)
def test_a_title_slides_refused_media_url_is_placed_at_its_media_field(
    tmp_path: Path, name: str, text: str, who: str, fields: tuple[str, str]
) -> None:
    # Bug fixed: the title slide's media URL was said to be at `text.text` (where its
    # source paragraph is), and named "media's 'url'" where an event slide's is named
    # 'media.url': a tool reading `check --format json` looked in the wrong field.
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    said = [(w.message.split(" is a ")[0], w.field) for w in load_any(path).warnings]
    url, thumbnail = fields
    assert said == [
        (f"{who}: '{url}' 'javascript:alert(1)'", url),
        (f"{who}: '{thumbnail}' 'javascript:x'", thumbnail),
    ]
