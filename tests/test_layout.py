"""The package's shape: data flows one way, so no module imports one that imports it back."""

from __future__ import annotations

import ast

from conftest import ROOT


def imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports (lazily too)."""
    package = ROOT / "timeline"
    modules = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in package.rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    whole = f"{node.module}.{alias.name}"
                    found.add(whole if whole in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm,
    with an explicit stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_import_cycle_anywhere_in_the_package() -> None:
    graph = imports()
    assert "timeline.query.view" in graph
    assert cycles(graph) == []


def test_cycles_are_found_when_there_are_some() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_never_imports_the_viewer() -> None:
    graph = imports()
    core = [m for m in graph if not m.startswith("timeline.ui")]
    importers = [m for m in core if any(i.startswith("timeline.ui") for i in graph[m])]
    # The front door, the timeline.cli package: it opens the viewer, imported there only.
    assert importers
    assert [m for m in importers if m != "timeline.cli" and not m.startswith("timeline.cli.")] == []


def test_the_views_come_after_the_query() -> None:
    # file -> read -> model -> query -> show -> views: an earlier step never imports a later.
    order = ["timeline.read", "timeline.query", "timeline.show", "timeline.write", "timeline.ui"]
    graph = imports()
    backwards = []
    for module, used in graph.items():
        for step, prefix in enumerate(order):
            if module.startswith(prefix):
                later = order[step + 1 :]
                backwards += [(module, u) for u in used if any(u.startswith(p) for p in later)]
    assert backwards == []
