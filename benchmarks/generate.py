"""Write a synthetic timeline of N events for benchmarks, the same bytes for the same N and seed.

The events look like hand-written ones: TOML dates mostly, some month-only and
"circa" dates, some written relative to an earlier event, several quotes each,
a paragraph of context, tags, a source with a URL, and replies to earlier events.
100,000 events come to about 56 MB.

    python benchmarks/generate.py 100000 -o benchmarks/data/events-100000.toml
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from bisect import bisect_right
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

_PROSE = (
    "the company said its contract with the agency would continue while employees asked "
    "for a review of the policy and the board met to discuss donations pledged to families "
    "separated at the border according to a statement published online after reporters "
    "asked about the letter from the non-profit which declined the gift unless the work "
    "stopped; critics called it a public-relations move and supporters thanked the staff "
    "for their principled stance on immigration enforcement technology funding and ethics "
    "— “we will not be a beneficiary” ‘efficently’ café Zürich São Paulo"
)
WORDS = _PROSE.split()
KINDS = ("tweet", "letter", "statement", "article", "pledge", "photo", "interview", "filing")
GROUPS = ("Company", "Non-profit", "Employees", "Press", "Supporters", "Government")
TAGS = (
    "cbp",
    "ice",
    "donation",
    "employees",
    "contract",
    "protest",
    "policy",
    "press",
    "CancelTheContract",
    "families",
)
FIRST = ("Ana", "Marc", "Chema", "Li", "Priya", "Tomás", "Fatima", "John", "Olga", "Kwame")
LAST = ("Benioff", "Hernández", "Nguyen", "Okafor", "Smith", "García", "Kowalski", "Ito")
SITES = ("example.com", "news.example.org", "twitter.com", "archive.example.net")
RELATIVE = ("before", "after", "Monday", "Friday", "3 days after", "the next day", "2 weeks later")
#: Which events this file writes: raise it whenever they change. Said in every file's
#: first line, which `current` reads: a file an older generator wrote is written again
#: before it is used (version 1, before relative dates were kept off events with an
#: end, warned about hundreds of times in the timings).
VERSION = 2
FIRST_LINE = (
    f"# Synthetic timeline for benchmarks; written by benchmarks/generate.py, version {VERSION}."
)


def _s(text: str) -> str:
    # json's escapes (\", \\, \n, \uXXXX) are all valid in a TOML basic string.
    return json.dumps(text, ensure_ascii=False)


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    text = _words(rng, low, high)
    return text[0].upper() + text[1:] + "."


def generate(count: int, seed: int = 2018) -> str:
    """The TOML text of a timeline with `count` events."""
    return "".join(chunks(count, seed))


def chunks(count: int, seed: int = 2018) -> Iterator[str]:
    """The same text in pieces, so a large file never sits whole in memory."""
    rng = random.Random(seed)
    yield "\n".join(
        [
            FIRST_LINE + "\n",
            "[timeline]",
            f"title = {_s(f'Synthetic timeline of {count} events')}",
            'summary = "Generated events with the fields a hand-written timeline uses."',
            'source = { label = "benchmarks/generate.py", url = "https://example.com/timeline" }',
            "",
        ]
    )
    start = date(2012, 1, 1)
    span = 365 * 8
    # Events that have an exact day and no end, so relative dates can be counted from them.
    anchors: list[str] = []
    # Events a reply may answer, and the day each is spread to before its jitter (the
    # loader warns about a reply dated before what it answers, as a writer would want).
    answerable: list[str] = []
    spread: list[date] = []
    for n in range(count):
        ident = f"e{n:06d}-{rng.choice(KINDS)}"
        base = start + timedelta(days=(n * span) // max(count, 1))
        day = base + timedelta(days=rng.randint(-20, 20))
        lines = ["[[events]]", f'id = "{ident}"']
        roll = rng.random()
        exact_day = False
        relative = roll < 0.08 and bool(anchors)
        if relative:
            lines.append(f'date = "{rng.choice(RELATIVE)}"')
            lines.append(f'relative_to = "{rng.choice(anchors[-50:])}"')
        elif roll < 0.16:
            lines.append(f'date = "{day.year}-{day.month:02d}"')
        elif roll < 0.20:
            lines.append(f'date = "circa {day.isoformat()}"')
        elif roll < 0.26:
            hour, minute = rng.randint(0, 23), rng.randint(0, 59)
            lines.append(f"date = {day.isoformat()}T{hour:02d}:{minute:02d}:00-05:00")
        else:
            lines.append(f"date = {day.isoformat()}")
            exact_day = True
            if rng.random() < 0.05:
                lines.append("circa = true")
        spans = exact_day and rng.random() < 0.05
        if spans:
            lines.append(f"end_date = {(day + timedelta(days=rng.randint(1, 30))).isoformat()}")
        speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        lines.append(f"title = {_s(_sentence(rng, 3, 8))}")
        lines.append(f'kind = "{rng.choice(KINDS)}"')
        lines.append(f"speaker = {_s(speaker)}")
        if rng.random() < 0.6:
            lines.append(f'handle = "@{speaker.split()[1].lower()}{n % 97}"')
        if rng.random() < 0.2:
            lines.append(f"role = {_s(_words(rng, 2, 5))}")
        lines.append(f'group = "{rng.choice(GROUPS)}"')
        tags = rng.sample(TAGS, rng.randint(1, 4))
        lines.append("tags = [" + ", ".join(f'"{t}"' for t in tags) + "]")
        if answerable and rng.random() < 0.1:
            # One of the thirty events spread at least 45 days before this one: with 20
            # days of jitter either way (and a day for an offset), it is surely earlier.
            last = bisect_right(spread, base - timedelta(days=45))
            if last and not relative:
                lines.append(f'in_reply_to = "{rng.choice(answerable[max(0, last - 30) : last])}"')
        context = " ".join(_sentence(rng, 4, 9) for _ in range(rng.randint(1, 2)))
        lines.append(f"context = {_s(context)}")
        site = rng.choice(SITES)
        label = _s(f"{speaker.split()[1]}, {site}")
        lines.append(f'source = {{ label = {label}, url = "https://{site}/{n}" }}')
        for _ in range(rng.randint(1, 4)):
            lines.append("")
            lines.append("[[events.quotes]]")
            lines.append(f"text = {_s(_sentence(rng, 3, 8))}")
            if rng.random() < 0.3:
                lines.append(f"speaker = {_s(rng.choice(FIRST) + ' ' + rng.choice(LAST))}")
        lines.append("")
        yield "\n" + "\n".join(lines)
        if exact_day and not spans:
            # Not an event with an end: a date counted forward from one is counted from
            # its start, which the loader warns about (the end may have been meant).
            anchors.append(ident)
        if not relative:
            answerable.append(ident)
            spread.append(base)
    yield "\n"


def current(path: Path) -> bool:
    """Whether `path` is a file this version of the generator wrote (its first line says
    so); False for a missing file, or one an older version wrote."""
    try:
        with path.open(encoding="utf-8", errors="replace") as text:
            return text.readline().rstrip("\n") == FIRST_LINE
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of events")
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args(argv)
    if args.output is None:
        sys.stdout.writelines(chunks(args.count, args.seed))
        return 0
    path = Path(args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed, so an interrupted run never leaves a truncated file
    # that a later benchmark would take for a finished one.
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.writelines(chunks(args.count, args.seed))
    partial.replace(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
