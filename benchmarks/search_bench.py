"""How fast search and filters answer: per keystroke, per filter, per facet count.

    python benchmarks/search_bench.py [COUNT]

`measure(events)` is the part another table can call: it returns milliseconds by name.
Typing is simulated the way the viewer searches, one `SearchIndex.search` per
keystroke on one index, typing each query and deleting it again.
"""

from __future__ import annotations

import gc
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from anywhere

from timeline.dates import parse_query  # noqa: E402
from timeline.model import Event, Timeline  # noqa: E402
from timeline.query.facets import facets  # noqa: E402
from timeline.query.filter_args import parse_filter_args  # noqa: E402
from timeline.query.filters import Filter  # noqa: E402
from timeline.query.navigate import nearest_index  # noqa: E402
from timeline.query.search import SearchIndex  # noqa: E402
from timeline.query.value_index import ValueIndex  # noqa: E402
from timeline.query.view import View  # noqa: E402
from timeline.show.rail import MEASURED, lay_out  # noqa: E402
from timeline.show.rail import measure as measure_rail  # noqa: E402

# What a reader might type: names with and without accents, common words whose first
# letters match nearly every event (the slow case), phrases, capitals (case-sensitive),
# and words found nowhere.
QUERIES = (
    "hernandez",
    "the board",
    "separated",
    "Zürich",
    "principled stance",
    "cbp",
    "efficently",
    "donation",
    "RAICES",
    "xyzzy",
)

FILTERS = (
    ("kind=tweet",),
    ("tag=cbp", "tag=ice"),
    ("speaker=Chema Hernández",),
    ("from=2015-03-01", "to=2016-06-30"),
    ("kind=letter", "group=Press", "from=2014"),
)


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _median_ms(action: Callable[[], object], runs: int = 5) -> float:
    return statistics.median(_ms(action) for _ in range(runs))


def _built(index: SearchIndex) -> tuple[float, float]:
    """Build the index in a thread, as the viewer does: milliseconds until it is built,
    and until a search can look through the first 20,000 events (a reader at the top
    sees their matches while the rest is built: `SearchIndex.ready`)."""
    wanted = min(20_000, len(index))
    done = threading.Event()
    start = time.perf_counter()

    def build() -> None:
        index.build()
        done.set()

    threading.Thread(target=build).start()
    first = None
    while not done.wait(0.005):
        if first is None and index.ready >= wanted:
            first = time.perf_counter()
    end = time.perf_counter()
    return (end - start) * 1000, ((first or end) - start) * 1000


def _typed(query: str) -> list[str]:
    """What the search line holds at each keystroke, typing the query and deleting it."""
    typing = [query[:n] for n in range(1, len(query) + 1)]
    return [*typing, *typing[-2::-1], ""]


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _find_the_rest(view: View) -> None:
    """The turns the viewer takes between keys, one after another, until all is found."""
    while view.advance_search(0.008):
        pass


def measure_view(timeline: Timeline, index: SearchIndex) -> dict[str, float]:
    """Time a search typed in the viewer's view state, from the middle of the timeline.

    Beyond `Finder.SLICED` events the view finds the events around the selection at a
    keystroke, and the rest in turns between keys: the keystrokes here get no turn in
    between (the slowest case: nothing found earlier is at hand), and finding the rest
    of each query, turn by turn, is timed apart.

    Returns:
        Milliseconds: `view_keystroke_p95_ms`, `view_keystroke_max_ms`, and
        `view_rest_ms`, the median time of the turns that find the rest of a query.
    """
    index.forget()  # what `measure` typed is not at hand
    view = View()
    view.show(timeline, len(timeline.events) // 2)
    view.set_index(index, timeline)
    keystrokes: list[float] = []
    rest: list[float] = []
    gc.collect()
    for query in QUERIES:
        view.begin_search()
        for text in _typed(query):
            keystrokes.append(_ms(lambda text=text: view.search(text)))  # type: ignore[misc]
        view.cancel_search()
        index.forget()
        view.search(query, jump=False)
        rest.append(_ms(lambda: _find_the_rest(view)))
        view.search("", jump=False)
        index.forget()
    return {
        "view_keystroke_p95_ms": _p95(keystrokes),
        "view_keystroke_max_ms": max(keystrokes),
        "view_rest_ms": statistics.median(rest),
    }


def measure(events: Sequence[Event], index: SearchIndex | None = None) -> dict[str, float]:
    """Time search, filters, facets and jumping on these events.

    Args:
        events: Events in chronological order (`timeline.events`).
        index: Their search index, not built yet (`measure_view` can use it after).

    Returns:
        Milliseconds: `search_build_ms` (folding every event once, in a thread),
        `search_first_ms` (until the first 20,000 can be searched),
        `search_keystroke_p95_ms` and `search_keystroke_max_ms` over every keystroke of
        typing and deleting QUERIES, `filter_ms` (the slowest of FILTERS, median of 5,
        with the viewer's index of values), `values_ms` (the first run of every filter,
        which builds that index),
        `facets_ms`, and `nearest_ms` (one jump to a date).
    """
    index = SearchIndex(events) if index is None else index
    build, first = _built(index)
    keystrokes: list[float] = []
    gc.collect()
    for query in QUERIES:
        for text in _typed(query):
            keystrokes.append(_ms(lambda text=text: index.search(text)))  # type: ignore[misc]
    keystrokes.sort()
    p95 = _p95(keystrokes)
    filters = [parse_filter_args(args) for args in FILTERS]
    # As the viewer filters: with the index of the timeline's values it keeps, built
    # on the first filter by each field (timed apart, as `values_ms`).
    values = ValueIndex(events)
    values_ms = _ms(lambda: [f.apply(events, values) for f in filters])
    filter_ms = max(_median_ms(lambda f=f: f.apply(events, values)) for f in filters)  # type: ignore[misc]
    year = events[len(events) // 2].when.year if events else 2018
    when = parse_query(f"july 16 {year}", year)
    return {
        "search_build_ms": build,
        "search_first_ms": first,
        "search_keystroke_p95_ms": p95,
        "search_keystroke_max_ms": keystrokes[-1],
        "filter_ms": filter_ms,
        "values_ms": values_ms,
        "facets_ms": _median_ms(lambda: facets(events), runs=3),
        "nearest_ms": _median_ms(lambda: nearest_index(events, when)) if events else 0.0,
    }


def measure_filters(timeline: Timeline) -> dict[str, float]:
    """Time a filter as the viewer's thread runs it, from the middle of the timeline:
    the view's filter (`View.set_filter`, with the index of values it keeps), then the
    rail's rows laid out and its columns measured for the events it keeps (what
    `Rail.set_events` computes before drawing), each filter after clearing the last.

    Returns:
        Milliseconds: `view_filter_ms`, the slowest of FILTERS (median of 5, after a
        first run of each that builds the index of values).
    """
    view = View()
    view.show(timeline, len(timeline.events) // 2)
    events, eras = timeline.events, timeline.eras
    filters = [parse_filter_args(args) for args in FILTERS]

    def shown(new: Filter) -> None:
        view.set_filter(new)
        lay_out(events, view.shown, eras)
        measure_rail(events, view.shown, view.cursor, MEASURED)

    def timed(new: Filter) -> float:
        view.set_filter(Filter())
        return _ms(lambda: shown(new))

    for new in filters:
        timed(new)  # the index of values, as the first filter of each field builds it
    slowest = max(statistics.median(timed(new) for _ in range(5)) for new in filters)
    view.set_filter(Filter())
    return {"view_filter_ms": slowest}


def load_events(count: int) -> Sequence[Event]:
    """The generated timeline of `count` events (from benchmarks/data when written)."""
    from timeline.read.toml import load_file, load_text

    sys.path.insert(0, str(HERE))
    from generate import current, generate

    path = HERE / "data" / f"events-{count}.toml"
    if current(path):  # not one an older generator wrote
        result = load_file(path)
    else:
        result = load_text(generate(count), f"<{count} generated events>")
    if result.timeline is None:
        raise SystemExit(f"cannot load {count} generated events: {result.problems[:3]}")
    return result.timeline.events


def main(argv: list[str] | None = None) -> int:
    """Print the measurements for COUNT generated events (default 100,000)."""
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 100_000
    events = load_events(count)
    for name, value in measure(events).items():
        print(f"{name:28} {value:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
