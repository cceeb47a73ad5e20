"""How fast dates are read: the loader's fast path for ISO dates, and the written forms.

Run with `.venv/bin/python benchmarks/dates_bench.py`. The loader reads up to 100,000
dates a file, nearly all ISO, so `parse_date` on ISO text must stay on its fast path;
written forms go through python-dateutil and are tens of times slower.

Each form is timed in many short rounds, interleaved with the same number of calls to
`date.fromisoformat` (the C function the fast path is built on), and the minimum of
each is kept: on a busy machine the ratio to that baseline is what to compare between
versions, not the microseconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.dates import parse_date, read_date

COUNT = 2_000
ROUNDS = 40


def _per_call(read: Callable[[object], object], values: Sequence[object]) -> float:
    began = time.perf_counter()
    for value in values:
        read(value)
    return (time.perf_counter() - began) / len(values) * 1e6


def main() -> None:
    start = date(2012, 1, 1)
    days = [(start + timedelta(days=i % 3000)).isoformat() for i in range(COUNT)]
    cases: dict[str, tuple[Callable[[object], object], Sequence[object]]] = {
        "ISO day string (2018-07-16)": (parse_date, days),
        "ISO month string (2018-07)": (parse_date, [d[:7] for d in days]),
        "ISO date-time string (2018-07-16T14:05)": (parse_date, [d + "T14:05" for d in days]),
        "TOML date (datetime.date)": (parse_date, [date.fromisoformat(d) for d in days]),
        "circa ISO day (circa 2018-07-16)": (parse_date, ["circa " + d for d in days]),
        "written day (July 16, 2018)": (parse_date, ["July 16, 2018"] * 200),
        "range (16–19 July 2018), read_date": (read_date, ["16–19 July 2018"] * 200),
        "EDTF (2018-07-16?), read_date": (read_date, ["2018-07-16?"] * 200),
    }
    baseline = date.fromisoformat
    print(f"{'form':48} {'µs/date':>8} {'× fromisoformat':>16}")
    for what, (read, values) in cases.items():
        read(values[0])  # imports (dateutil, edtf) outside the timing
        best = base = float("inf")
        for _ in range(ROUNDS):
            best = min(best, _per_call(read, values))
            base = min(base, _per_call(baseline, days[: len(values)]))  # type: ignore[arg-type]
        print(f"{what:48} {best:8.2f} {best / base:16.1f}")


if __name__ == "__main__":
    main()
