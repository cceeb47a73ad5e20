"""How fast quotes are checked against archives: 10,000 quotes, 1,000 pages of 5,000 words.

    python benchmarks/verify_bench.py [PAGES [QUOTES_PER_PAGE [WORDS]]]

The pages are generated deterministically (a fixed seed) as plain-text archives in a
temporary folder: common words with curly apostrophes and quotes, dashes, ellipses and
full stops, in lines of 11 words (about 70 columns) and paragraphs, as saved articles
are. Each quote
is a run of 8 to 60 words taken from its page, and is then kept (verbatim: 60%), made
straight where the page is curly (typographic: 20%), or altered by one character
(a letter changed or an apostrophe dropped: 20%), so that every path of the matcher
is taken in the proportions a real timeline might show. Every result is checked
against what was generated.

`measure()` is what benchmarks/run.py calls: it returns seconds by name.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from anywhere

from timeline.verify.archives import Archives  # noqa: E402
from timeline.verify.match import Outcome  # noqa: E402

PAGES = 1_000
QUOTES_PER_PAGE = 10
WORDS = 5_000
SEED = 2018

_SENTENCE = (
    "the company said that it would not accept any donation from the software firm "
    "until the contract with the agency was cancelled and families were reunited at "
    "the border while employees asked their chief executive to reconsider the deal "
    "which had been signed before the policy of separation was announced in July"
)
_COMMON = _SENTENCE.split(" ")
_CURLY = ("don’t", "won’t", "it’s", "RAICES’s", "“zero", "tolerance”", "—", "…", "we’re")
_STRAIGHTEN = str.maketrans({"’": "'", "“": '"', "”": '"', "—": "-", "…": "..."})


def page(rng: random.Random, words: int) -> str:
    """One archived page: paragraphs of lines of 11 words, some words curly, some ending
    a sentence."""
    vocabulary = [*_COMMON, *(f"w{rng.randrange(20_000)}" for _ in range(400))]
    pool = [*vocabulary, *(_CURLY * 2), *(f"{w}." for w in _COMMON[:20])]
    chosen = rng.choices(pool, k=words)
    lines = [" ".join(chosen[i : i + 11]) for i in range(0, words, 11)]
    breaks = rng.choices(["\n", "\n", "\n", "\n", "\n", "\n\n"], k=len(lines))
    return "".join(line + gap for line, gap in zip(lines, breaks, strict=True)).rstrip()


def quotes_of(rng: random.Random, text: str, count: int) -> list[tuple[str, Outcome]]:
    """Quotes taken from a page, each with the outcome it must get."""
    words = text.split()
    made: list[tuple[str, Outcome]] = []
    while len(made) < count:
        length = rng.randrange(8, 61)
        start = rng.randrange(0, len(words) - length)
        quote = " ".join(words[start : start + length])
        kind = rng.random()
        if kind < 0.6:
            made.append((quote, Outcome.VERBATIM))
        elif kind < 0.8:
            straight = quote.translate(_STRAIGHTEN)
            if straight != quote:
                made.append((straight, Outcome.TYPOGRAPHIC))
        else:
            made.append((_altered(rng, quote), Outcome.NOT_FOUND))
    return made


def _altered(rng: random.Random, quote: str) -> str:
    """The quote with one character changed: an apostrophe dropped, or a letter."""
    if "’" in quote and rng.random() < 0.5:
        at = quote.index("’")
        return quote[:at] + quote[at + 1 :]
    letters = [i for i, c in enumerate(quote) if c.isalpha()]
    at = rng.choice(letters)
    return quote[:at] + ("q" if quote[at] != "q" else "z") + quote[at + 1 :]


def generate(folder: Path, pages: int, per_page: int, words: int) -> list[tuple[str, str, Outcome]]:
    """Write the pages into folder; (quote, archive, expected outcome) for every quote."""
    rng = random.Random(SEED)
    work: list[tuple[str, str, Outcome]] = []
    for n in range(pages):
        text = page(rng, words)
        name = f"sources/{n:04d}.txt"
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        work.extend((quote, name, outcome) for quote, outcome in quotes_of(rng, text, per_page))
    rng.shuffle(work)  # quotes in a timeline are not grouped by archive
    return work


def measure(
    pages: int = PAGES, per_page: int = QUOTES_PER_PAGE, words: int = WORDS
) -> dict[str, float]:
    """Check every generated quote; seconds taken, and counts.

    Returns:
        `total_s` (reading, indexing and checking everything, as `timeline verify`
        would), `read_s` (reading and normalising the archives alone), `quotes`,
        `pages`, `mb` (megabytes of archived text), one count per outcome, and
        `wrong` (results that differ from what was generated; must be 0).
    """
    with tempfile.TemporaryDirectory(prefix="timeline-verify-bench-") as where:
        folder = Path(where)
        work = generate(folder, pages, per_page, words)
        size = sum(p.stat().st_size for p in (folder / "sources").iterdir())

        start = time.perf_counter()
        archives = Archives(folder)
        outcomes: Counter[str] = Counter()
        wrong = 0
        for quote, name, expected in work:
            got = archives.check(quote, name).outcome
            outcomes[got.value] += 1
            wrong += got is not expected
        total = time.perf_counter() - start

        start = time.perf_counter()
        fresh = Archives(folder)
        for n in range(pages):
            fresh.get(f"sources/{n:04d}.txt")
        read = time.perf_counter() - start
    return {
        "total_s": total,
        "read_s": read,
        "quotes": float(len(work)),
        "pages": float(pages),
        "mb": size / 1e6,
        **{o.value: float(outcomes[o.value]) for o in Outcome if o is not Outcome.UNCHECKED},
        "wrong": float(wrong),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the measurements; exit 1 if any result was wrong."""
    args = [int(a) for a in (sys.argv[1:] if argv is None else argv)]
    result = measure(*args)
    for name, value in result.items():
        print(f"{name:12} {value:12.2f}")
    return 1 if result["wrong"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
