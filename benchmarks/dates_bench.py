"""How fast dates are read: the loader's fast path for ISO dates, and the written forms.

Run with `.venv/bin/python benchmarks/dates_bench.py`. The loader reads up to 100,000
dates a file, nearly all ISO, so `parse_date` on ISO text must stay on its fast path;
the written forms go through python-dateutil and may be a hundred times slower.
Prints microseconds per date, the median of several rounds.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.dates import parse_date

COUNT = 20_000
ROUNDS = 7


def _days() -> list[str]:
    start = date(2012, 1, 1)
    return [(start + timedelta(days=i % 3000)).isoformat() for i in range(COUNT)]


def _per_date(read: Callable[[object], object], values: list[object]) -> float:
    """Median microseconds per value over ROUNDS passes."""
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        for value in values:
            read(value)
        times.append((time.perf_counter() - began) / len(values) * 1e6)
    return statistics.median(times)


def main() -> None:
    days = _days()
    cases: dict[str, list[object]] = {
        "ISO day string (2018-07-16)": list(days),
        "ISO month string (2018-07)": [d[:7] for d in days],
        "ISO date-time string (2018-07-16T14:05)": [d + "T14:05" for d in days],
        "TOML date (datetime.date)": [date.fromisoformat(d) for d in days],
        "circa ISO day (circa 2018-07-16)": ["circa " + d for d in days[:2000]],
        "written day (July 16, 2018)": ["July 16, 2018"] * 500,
    }
    for what, values in cases.items():
        print(f"{what:45} {_per_date(parse_date, values):8.2f} µs")


if __name__ == "__main__":
    main()
