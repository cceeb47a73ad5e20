"""How the HTML page copes with 10,000 events: writing it, opening it, searching it.

    python benchmarks/html_page.py [COUNT]          # 10,000 events unless told
    python benchmarks/html_page.py COUNT --keys     # j alone: 100,000 events, say

Writing is timed in this process (`html.dumps` on a loaded timeline) and as the
command a user runs (`timeline export FILE --to html -o OUT`, a fresh process). The
page is then opened from disk in Debian's headless Chromium (as the browser tests
open it): first contentful paint and DOMContentLoaded (the page's script has run by
then) from the navigation's start, and the page's height then (its lists out of sight
estimated), median of several fresh loads. A keystroke in the
search box is timed from the input event to the frame after the list was narrowed
(a requestAnimationFrame queued after the page's own, then a task: what runs after
that frame's style, layout and paint), typing each of search_bench's queries and
deleting it again; j is timed the same way.

With --keys, only j is timed, on the page alone (every event rendered, 100,000 take
minutes to open): pressed in a row, then at a reader's pace, a second apart, when the
page writes its address after each press (a pass over the whole page in Chromium).

The page keeps events out of sight unrendered (`content-visibility: auto`). Its
effect is measured in the same run on a copy of the page without it (its policy hash
recomputed), interleaved, and given as a ratio, since the machine is shared.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from anywhere
sys.path.insert(0, str(HERE))

from markupsafe import escape  # noqa: E402
from run import generated, load_average, machine, percentile  # noqa: E402
from search_bench import QUERIES  # noqa: E402

from timeline.read.toml import load_file  # noqa: E402
from timeline.write import html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1100,860",
)
LOADS = 5
J_PRESSES = 60
PACED_PRESSES = 15
PACE = 1.0  # seconds between presses at a reader's pace

# Runs in the page: one keystroke's worth of input, resolved after the next frame.
KEYSTROKE = """
const [value, done] = arguments;
const input = document.querySelector('.bar input');
const start = performance.now();
input.value = value;
input.dispatchEvent(new Event('input', {bubbles: true}));
requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
"""
PRESS_J = """
const done = arguments[0];
const start = performance.now();
document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}));
requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
"""
TIMING = """
const nav = performance.getEntriesByType('navigation')[0];
const paint = performance.getEntriesByName('first-contentful-paint')[0];
return {fcp: paint ? paint.startTime : null, dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd, shown: document.querySelectorAll('li.event').length,
        height: document.documentElement.scrollHeight};
"""


def without_content_visibility(page: str) -> str:
    """The same page with every event rendered, its policy made to allow the changed style."""
    # The page's own: the stylesheet and the estimates written for this page.
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    plain = style.replace("content-visibility: auto;", "")
    assert plain != style
    script = html._asset("page.js")
    # As the template writes them, inside an attribute: quotes escaped. Unescaped, the
    # policy was not found, and the browser refused the changed style.
    policy, allowed = (escape(html.content_security_policy(s, script)) for s in (style, plain))
    assert policy in page
    return page.replace(style, plain).replace(policy, allowed)


def browser(profile: str) -> Any:
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(120)
    return driver


def open_page(driver: Any, url: str) -> dict[str, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, 120).until(
        lambda d: (
            d.execute_script("return document.readyState") == "complete"
            and d.execute_script("return performance.getEntriesByName('first-contentful-paint')")
        )
    )
    timing: dict[str, float] = driver.execute_script(TIMING)
    return timing


def keystrokes(driver: Any) -> tuple[float, list[float]]:
    """The first keystroke after loading, then every keystroke typing and deleting queries."""
    first = float(driver.execute_async_script(KEYSTROKE, QUERIES[0][:1]))
    driver.execute_async_script(KEYSTROKE, "")
    times = []
    for query in QUERIES:
        typed = [query[:n] for n in range(1, len(query) + 1)]
        for value in [*typed, *reversed(typed[:-1]), ""]:
            times.append(float(driver.execute_async_script(KEYSTROKE, value)))
    return first, times


def presses(driver: Any) -> list[float]:
    return [float(driver.execute_async_script(PRESS_J)) for _ in range(J_PRESSES)]


def paced(driver: Any) -> list[float]:
    """j pressed a second apart: each press after the page has written its address."""
    times = []
    for _ in range(PACED_PRESSES):
        time.sleep(PACE)
        times.append(float(driver.execute_async_script(PRESS_J)))
    return times


def keys_only(count: int) -> int:
    """j on the page of `count` events: the first press, in a row, a second apart."""
    print(machine(), file=sys.stderr)
    before = load_average()
    result = load_file(generated(count))
    assert result.timeline is not None, result.problems[:3]
    work = Path(tempfile.mkdtemp(prefix="timeline-html-bench-"))
    out = work / "page.html"
    out.write_text(html.dumps(result.timeline), encoding="utf-8")
    rows = [row(f"Page of {count:,} events", f"{out.stat().st_size / 1e6:.1f} MB")]
    driver = browser(str(work / "profile"))
    try:
        timing = open_page(driver, out.as_uri())
        rows.append(
            row(
                "Open: first contentful paint / DOMContentLoaded",
                f"{timing['fcp']:.0f} ms / {timing['dcl']:.0f} ms",
            )
        )
        first = float(driver.execute_async_script(PRESS_J))
        rows.append(row("Key j, the first press at once after opening", f"{first:.0f} ms"))
        js = presses(driver)
        rows.append(
            row(
                f"Key j, {J_PRESSES} presses in a row: p50 / p95 / max",
                f"{percentile(js, 0.5):.1f} ms / {percentile(js, 0.95):.1f} ms / {max(js):.1f} ms",
            )
        )
        slow = paced(driver)
        rows.append(
            row(
                f"Key j, {PACED_PRESSES} presses {PACE:.0f} s apart: p50 / p95 / max",
                f"{percentile(slow, 0.5):.1f} ms / {percentile(slow, 0.95):.1f} ms / {max(slow):.1f} ms",
            )
        )
        version = driver.capabilities.get("browserVersion", "?")
    finally:
        driver.quit()
    return _report(version, before, rows)


def row(what: str, figure: str) -> str:
    return f"| {what} | {figure} |"


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 10_000
    if "--keys" in argv[1:]:
        return keys_only(count)
    print(machine(), file=sys.stderr)
    before = load_average()
    source = generated(count)
    result = load_file(source)
    assert result.timeline is not None, result.problems[:3]
    timeline = result.timeline
    rows = [row(f"Generated file: {count:,} events", f"{source.stat().st_size / 1e6:.1f} MB")]

    dumps = []
    for _ in range(5):
        start = time.perf_counter()
        page = html.dumps(timeline)
        dumps.append(time.perf_counter() - start)
    rows.append(
        row(
            "`html.dumps`, the timeline loaded (median of 5)",
            f"{statistics.median(dumps) * 1000:.0f} ms",
        )
    )
    rows.append(row("Page size", f"{len(page.encode()) / 1e6:.1f} MB"))

    work = Path(tempfile.mkdtemp(prefix="timeline-html-bench-"))
    out = work / "page.html"
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "timeline",
                "export",
                str(source),
                "--to",
                "html",
                "-o",
                str(out),
                "--force",
            ],
            check=True,
            cwd=HERE.parent,
            env={"TIMELINE_CACHE": "0", "PATH": "/usr/bin:/bin"},
        )
        runs.append(time.perf_counter() - start)
    rows.append(
        row(
            "`timeline export --to html`: process start to exit, no cache (median of 3)",
            f"{statistics.median(runs):.2f} s",
        )
    )

    plain = work / "plain.html"
    plain.write_text(without_content_visibility(out.read_text(encoding="utf-8")), encoding="utf-8")
    driver = browser(str(work / "profile"))
    try:
        timings: dict[str, list[dict[str, float]]] = {"page": [], "plain": []}
        open_page(driver, out.as_uri())  # warm-up: the browser's own first start
        for _ in range(LOADS):
            for name, path in (("page", out), ("plain", plain)):
                timings[name].append(open_page(driver, path.as_uri()))
        for name, label in (("page", "the page"), ("plain", "every event rendered")):
            fcp = statistics.median(t["fcp"] for t in timings[name])
            dcl = statistics.median(t["dcl"] for t in timings[name])
            rows.append(
                row(
                    f"Open {label}: first contentful paint / DOMContentLoaded (median of {LOADS})",
                    f"{fcp:.0f} ms / {dcl:.0f} ms",
                )
            )
        # The lists out of sight are only estimated; every event rendered, it is exact.
        heights = [statistics.median(t["height"] for t in timings[n]) for n in ("page", "plain")]
        rows.append(
            row(
                "Page height once open: the page (estimated) / every event rendered",
                f"{heights[0]:,.0f} px / {heights[1]:,.0f} px",
            )
        )
        ratio = statistics.median(t["fcp"] for t in timings["plain"]) / statistics.median(
            t["fcp"] for t in timings["page"]
        )
        rows.append(row("First paint, every event rendered / the page", f"{ratio:.1f}x"))

        keys: dict[str, list[float]] = {}
        for name, path in (("page", out), ("plain", plain)):
            open_page(driver, path.as_uri())
            first, times = keystrokes(driver)
            keys[name] = times
            if name == "page":
                rows.append(
                    row(
                        "First search keystroke at once after opening (folds what idle time has not yet)",
                        f"{first:.0f} ms",
                    )
                )
                rows.append(
                    row(
                        f"Search keystroke, {len(times)} typing and deleting {len(QUERIES)} queries: p50 / p95 / max",
                        f"{percentile(times, 0.5):.1f} ms / {percentile(times, 0.95):.1f} ms / {max(times):.1f} ms",
                    )
                )
                open_page(driver, path.as_uri())
                js = presses(driver)
                rows.append(
                    row(
                        f"Key j, {J_PRESSES} presses: p50 / p95",
                        f"{percentile(js, 0.5):.1f} ms / {percentile(js, 0.95):.1f} ms",
                    )
                )
        slower = percentile(keys["plain"], 0.5) / percentile(keys["page"], 0.5)
        rows.append(row("Search keystroke p50, every event rendered / the page", f"{slower:.1f}x"))
        version = driver.capabilities.get("browserVersion", "?")
    finally:
        driver.quit()
    return _report(version, before, rows)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


def _report(version: str, before: str, rows: list[str]) -> int:
    """Print the table of a run: the browser, the machine's load around it, the rows."""
    print(f"Chromium {version}, headless; load average {before} before, {load_average()} after.\n")
    print("| Measurement | Figure |\n|---|--:|")
    print("\n".join(rows))
    return 0
