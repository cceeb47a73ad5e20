"""Measure how the readers take hostile input, for the README's Reliability section.

Each figure is the median of fresh processes that load one generated file with
`timeline.read.load_any` and report the time the load took. With `--against DIR`
(a directory holding an older `timeline` package, such as `git archive` of an older
commit unpacked) the same files are loaded by both, interleaved, so load from other
work on the machine hits both alike.

    python benchmarks/hostile.py
    python benchmarks/hostile.py --against /tmp/old-timeline
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3

LOAD = """
import sys, time
from timeline.read import load_any
start = time.perf_counter()
result = load_any(sys.argv[1])
took = time.perf_counter() - start
errors = sum(p.severity == "error" for p in result.problems)
print(f"{took} {errors}")
"""


def _slides(n: int, **extra: object) -> str:
    slide = {"start_date": {"year": 2018}, "text": {"headline": "Same"}, **extra}
    return json.dumps({"events": [slide] * n})


def _sheet(n: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Year", "Headline", "Text"])
    writer.writerows([["2018", "Same", ""]] * n)
    return out.getvalue()


CASES: list[tuple[str, str, Callable[[], str]]] = [
    ("10,000 slides, same headline, no id (JSON)", ".json", lambda: _slides(10_000)),
    ("20,000 slides, same headline, no id (JSON)", ".json", lambda: _slides(20_000)),
    ("10,000 rows, same headline (CSV, no id column)", ".csv", lambda: _sheet(10_000)),
    ("10,000 slides with the same unique_id", ".json", lambda: _slides(10_000, unique_id="x")),
    ("10,000 slides with an unknown field each", ".json", lambda: _slides(10_000, bogus=1)),
    (
        "Hidden data nested 50,000 deep",
        ".json",
        lambda: _slides(1).replace(
            '"Same"}', '"Same", "text": "<!--timeline:' + "[" * 50_000 + '-->"}'
        ),
    ),
    (
        "A lone surrogate (\\ud800) in a headline",
        ".json",
        lambda: _slides(1).replace('"Same"', '"Same\\ud800"'),
    ),
]


def _measure(code: Path, path: Path) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(code), TIMELINE_CACHE="0")
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,  # not ROOT: `python -c` imports from its working directory first
        env=env,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return float("nan"), -1 if "Error" in last else done.returncode
    took, errors = done.stdout.split()
    return float(took), int(errors)


def _shown(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _refusal(path: str) -> str:
    """`timeline check PATH` from process start to exit, and its exit code."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "check", path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    return f"{_shown(time.perf_counter() - start)}, exit {done.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, help="an older timeline package's parent dir")
    args = parser.parse_args()
    versions = [("now", ROOT)] + ([("before", args.against)] if args.against else [])
    header = "| Input | " + " | ".join(name for name, _ in versions) + " |"
    print(header)
    print("|---|" + "--:|" * len(versions))
    with tempfile.TemporaryDirectory() as folder:
        for what, suffix, make in CASES:
            path = Path(folder) / f"case{suffix}"
            path.write_text(make(), encoding="utf-8")
            times: dict[str, list[float]] = {name: [] for name, _ in versions}
            errors: dict[str, int] = {}
            for _ in range(RUNS):
                for name, code in versions:  # interleaved
                    took, errors[name] = _measure(code, path)
                    times[name].append(took)
            cells = []
            for name, _ in versions:
                if errors[name] < 0:
                    cells.append("an exception")
                    continue
                figure = _shown(statistics.median(times[name]))
                cells.append(figure + (" (refused)" if errors[name] else ""))
            print(f"| {what} | " + " | ".join(cells) + " |", flush=True)
        fifo = Path(folder) / "pipe.toml"
        os.mkfifo(fifo)
        for special in ("/dev/zero", "/dev/urandom", str(fifo)):
            shown = Path(special).name
            print(f"| `timeline check {shown}`, start to exit | {_refusal(special)} |")


if __name__ == "__main__":
    main()
