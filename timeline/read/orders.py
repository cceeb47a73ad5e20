"""Short tie-breaking orders for dates that are only bounds ("before X", "after before X").

`When.order` once held each bound date's whole path of sides: "before" an event that is
itself "before" another had the path (-1, -1), and a chain of 10,000 such events held
10,000 × 10,000 numbers (1.3 GB). Here each path is a node of a tree, made once; when
the file's dates are resolved, every path becomes (its first side, its rank), which
sorts as the whole paths do: the rank is the path's place, counted from the exact date
(0), among the paths the file uses. So the first step still says on which side of the
dated event a date lies, and the order's length no longer grows with the chain.

Ranks are made per file: when several files are merged, bounds on the same day from
different files are ordered by side, then by their rank in their own file.
"""

from __future__ import annotations

#: The node of the empty path: an exact date.
ROOT = 0


class Paths:
    """The paths of sides of one file's bound dates, each stored once.

    Sides are -1 ("before") and 1 ("after"), as `dates.resolve` gives them.
    """

    def __init__(self) -> None:
        self._child: dict[tuple[int, int], int] = {}  # (node, side) -> node
        self._first: list[int] = [0]  # each node's first side

    def child(self, node: int, side: int) -> int:
        """The node of `node`'s path followed by one more side."""
        key = (node, side)
        found = self._child.get(key)
        if found is None:
            found = self._child[key] = len(self._first)
            self._first.append(side if node == ROOT else self._first[node])
        return found

    def node(self, order: tuple[int, ...]) -> int:
        """The node of a path written out in full."""
        node = ROOT
        for side in order:
            node = self.child(node, side)
        return node

    def first(self, node: int) -> int:
        """The first side of a node's path (0 for the empty path)."""
        return self._first[node]

    def orders(self, used: set[int]) -> dict[int, tuple[int, ...]]:
        """The short order of each used node: (first side, rank); () for the root.

        Paths compare as sequences padded with zeros, so a path's "before" branch comes
        before it and its "after" branch after it: an in-order walk of the tree, made
        with a stack (a chain of thousands must not exhaust Python's).
        """
        walk: list[int] = []
        stack: list[int] = []
        node: int | None = ROOT
        child = self._child.get
        while stack or node is not None:
            while node is not None:
                stack.append(node)
                node = child((node, -1))
            node = stack.pop()
            walk.append(node)
            node = child((node, 1))
        ranks: dict[int, int] = {}
        rank = 0
        for node in walk:
            if node in used or node == ROOT:
                rank += 1
                ranks[node] = rank
        root = ranks[ROOT]
        return {
            node: (self._first[node], ranks[node] - root) if node != ROOT else () for node in used
        }
