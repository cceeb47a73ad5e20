"""A timeline whose every text tries to become markup, script or a link elsewhere.

Shared by the HTML page's tests: read back in Python (test_html.py) and opened in
Chromium (test_html_browser.py), where a script that ran would set `window.pwned`.
"""

from __future__ import annotations

from timeline.model import Era, Event, Media, Quote, Source, Timeline, When

HOSTILE = [
    "</title><script>window.pwned = 1</script>",
    '"><img src=x onerror="window.pwned=1">',
    "</script><script>window.pwned=1</script>",
    "<!-- x --> <style>body{display:none}</style> &amp; &lt;",
    "' onmouseover='window.pwned=1",
    "javascript:window.pwned=1",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "\x1b[31m red \u202e reversed \x00 nul",
    "<svg onload=window.pwned=1><script>document.title='pwned'</script></svg>",
    " JaVaScRiPt:window.pwned=1",
    'https://example.org/"onclick="window.pwned=1"',
]


def hostile_timeline() -> Timeline:
    """One event per hostile text, with that text in every field, ids and URLs included
    (sources' archives and kinds, a quote's own source and note, the status and research
    notes too: the model holds any text there; only the readers check a status)."""
    events = tuple(
        Event(
            id=f"e{i}{text}",
            when=When(2018, 7, i + 1),
            title=text,
            kind=text,
            speaker=text,
            handle=text,
            role=text,
            group=text,
            tags=(text, "ok"),
            context=text,
            sources=(Source(text, text), Source(text, text, text, None, text)),
            quotes=(Quote(text, text, None, Source(text, text, text, None, text), text),),
            media=Media(text, text, text),
            display_date=text if i % 2 else "",
            status=text,
            notes=text,
        )
        for i, text in enumerate(HOSTILE)
    )
    era = Era(HOSTILE[0], When(2018, 7, 1), When(2018, 7, 31), HOSTILE[1])
    return Timeline(
        HOSTILE[0], events, summary=HOSTILE[2], source=Source(HOSTILE[3], HOSTILE[5]), eras=(era,)
    )
