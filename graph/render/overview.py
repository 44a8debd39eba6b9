"""The overview of a large view: groups of nodes drawn as super-nodes, opened one at a time.

Above :data:`OVERVIEW_NODES` nodes a node-level drawing stops being readable, so the page opens
on an aggregated picture instead:

- the connected nodes fall into groups: the communities of the view (its ``community`` metric
  when the page carries it, else computed here by igraph's Leiden method for modularity);
  communities of fewer than :data:`MIN_GROUP` members (small separate components) are pooled
  into one group of small clusters;
- a group with more than the limit is split again (Leiden on its own ties, else in chunks), so
  that every group opens on a readable picture: the groups form a tree whose leaves hold at most
  ``limit`` nodes;
- each level is a weighted graph: one super-node per group (sized by its members, named after
  its best-linked members), one edge per pair of groups with ties between them, weighted by the
  number of ties;
- the nodes with no tie at all are counted, not drawn: the search still finds each one.

Nothing is left out of the page: every node and edge is in the view model, with its leaf group,
and the search reaches any node. The picture of a leaf group (igraph's Fruchterman-Reingold in
``positions``) is left to the page when it opens the group (``layouts=False``), which keeps the
build of a page of 100,000 nodes short.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edges_from((f"a{i}", f"a{j}") for i in range(6) for j in range(i))
>>> G.add_edges_from((f"b{i}", f"b{j}") for i in range(6) for j in range(i))
>>> G.add_edge("a0", "b0"); G.add_node("lonely")
>>> ov = overview(G, limit=8)
>>> [(g["size"], g["parent"]) for g in ov.groups], ov.isolated
([(6, None), (6, None)], ['lonely'])
>>> ov.group_edges
[[0, 1, 1]]
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .layout import LABEL_GAP, LINE_PX, Box, layout, wrap

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import numpy as np

__all__ = ["MIN_GROUP", "OVERVIEW_NODES", "Overview", "overview"]

#: Views of more nodes than this open on the overview of their groups.
OVERVIEW_NODES = 1500
#: Communities smaller than this are pooled into one group of small clusters.
MIN_GROUP = 4
#: How many of a group's best-linked members name it.
NAMED_BY = 3
#: A super-node's radius: this much, plus the square root of its members times the next.
_GROUP_RADIUS, _GROUP_GROWTH = 12.0, 1.1
#: Levels of splitting before a large group is cut into chunks.
_MAX_DEPTH = 4
#: Rounds of the Leiden method that finds the groups.
_LEIDEN_ROUNDS = 2
#: Rounds of the force layout of a leaf group.
_LEAF_ROUNDS = 150


@dataclass
class Overview:
    """The groups of a large view, their ties, node positions in their leaf groups.

    ``groups`` lists every group (top level first, then depth first): ``parent`` (None at the
    top), ``children`` (group indices, empty for a leaf), ``size`` (nodes under it), ``label``
    (its best-linked members), ``names`` (those members), ``drawn`` (its label as drawn, in
    lines), ``x``/``y``/``r`` (in its parent's picture) and, for a leaf, ``members``. ``group_edges`` are ``[a, b, ties]`` between groups
    of the same parent; ``leaf`` maps each connected node to its leaf group; ``positions`` give
    each connected node's place in its leaf's picture; ``isolated`` are the nodes without ties.
    """

    groups: list[dict[str, Any]] = field(default_factory=list)
    group_edges: list[list[int]] = field(default_factory=list)
    leaf: dict[Hashable, int] = field(default_factory=dict)
    positions: dict[Hashable, tuple[float, float]] = field(default_factory=dict)
    isolated: list[Hashable] = field(default_factory=list)


def _simple(G: nx.Graph, ends: np.ndarray | None = None,
            ) -> tuple[list[Hashable], np.ndarray, np.ndarray]:
    """The nodes of ``G`` sorted by name, and its ties without direction, loops or repeats as
    two arrays of node numbers (``src < dst``, sorted). ``ends`` (the edges as rows of two
    node numbers in that order, when the caller has them) saves a pass over the graph."""
    import numpy as np

    nodes = sorted(G, key=str)
    if ends is None:
        index = {v: i for i, v in enumerate(nodes)}
        ends = np.fromiter((k for u, v in G.edges() for k in (index[u], index[v])), dtype=np.int64)
    pairs = np.asarray(ends, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs.sort(axis=1)
    if len(pairs):
        pairs = np.unique(pairs, axis=0)
    return nodes, pairs[:, 0].copy(), pairs[:, 1].copy()


class _Builder:
    def __init__(self, G: nx.Graph, limit: int, seed: int, ends: np.ndarray | None = None) -> None:
        import igraph
        import numpy as np

        self.G, self.limit, self.seed = G, limit, seed
        self.nodes, self.src, self.dst = _simple(G, ends)
        n = len(self.nodes)
        self.degree = np.bincount(self.src, minlength=n) + np.bincount(self.dst, minlength=n)
        self.degrees: list[int] = self.degree.tolist()
        self.graph = igraph.Graph(n=n, edges=np.stack([self.src, self.dst], axis=1).tolist())
        self.leaves: list[tuple[int, list[int]]] = []
        self.out = Overview()

    def label(self, i: int) -> str:
        v = self.nodes[i]
        return str(self.G.nodes[v].get("label") or v)

    def best(self, part: list[int]) -> list[int]:
        """The :data:`NAMED_BY` best-linked members of a group (ties by name, then number)."""
        degree = self.degrees
        # only the members as well linked as the NAMED_BY-th best can be among them
        if len(part) > NAMED_BY:
            cut = heapq.nlargest(NAMED_BY, (degree[i] for i in part))[-1]
            part = [i for i in part if degree[i] >= cut]
        return heapq.nsmallest(NAMED_BY, part, key=lambda i: (-degree[i], self.label(i).casefold(), i))

    def partition(self, ids: list[int], community: Mapping[Hashable, int] | None = None,
                  ) -> list[list[int]]:
        """``ids`` (sorted) cut into communities (largest first), the small ones pooled at the
        end: ``community`` if given, else igraph's Leiden method (modularity, seeded): on a
        graph of 100,000 actors it finds communities as good as Louvain's about ten times
        faster."""
        import igraph

        if community is not None:
            found: dict[int, list[int]] = {}
            for i in ids:
                found.setdefault(int(community.get(self.nodes[i], -1)), []).append(i)
            parts = list(found.values())
        else:
            sub = self.graph.induced_subgraph(ids)
            previous = igraph.set_random_number_generator(random.Random(self.seed))
            try:
                clustering = sub.community_leiden(objective_function="modularity",
                                                  resolution=1.0, n_iterations=_LEIDEN_ROUNDS)
            finally:
                igraph.set_random_number_generator(previous or random)
            parts = [[ids[m] for m in members] for members in clustering if members]
        # node numbers follow the names, so sorting them sorts the members by name
        parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
        big = [p for p in parts if len(p) >= MIN_GROUP]
        small = [i for p in parts if len(p) < MIN_GROUP for i in p]
        return big + ([sorted(small)] if small else [])

    def chunks(self, ids: list[int]) -> list[list[int]]:
        """``ids`` in pieces of at most the limit, neighbours together (breadth-first order)."""
        sub = self.graph.induced_subgraph(ids)
        degree = sub.degree()
        comps = sorted((sorted(c) for c in sub.connected_components()),
                       key=lambda c: (-len(c), c[0]))
        order: list[int] = []
        for comp in comps:
            start = min(comp, key=lambda m: (-degree[m], m))
            order.extend(ids[m] for m in sub.bfs(start)[0])
        size = -(-len(order) // -(-len(order) // self.limit))  # equal pieces, each at most limit
        return [order[i:i + size] for i in range(0, len(order), size)]

    def ties(self, parts: list[list[int]], first: int) -> dict[tuple[int, int], int]:
        """The number of ties between each pair of the groups ``first``, ``first + 1``, ..."""
        import numpy as np

        owner = np.full(len(self.nodes), -1, dtype=np.int64)
        for gid, part in enumerate(parts, start=first):
            owner[part] = gid
        a, b = owner[self.src], owner[self.dst]
        keep = (a >= 0) & (b >= 0) & (a != b)
        lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
        pairs, counts = np.unique(np.stack([lo, hi], axis=1).reshape(-1, 2), axis=0,
                                  return_counts=True)
        return {(int(x), int(y)): int(w) for (x, y), w in zip(pairs, counts, strict=True)}

    def level(self, parts: list[list[int]], parent: int | None, depth: int) -> None:
        """Add one group per part under ``parent``, their ties and picture; recurse."""
        first = len(self.out.groups)
        ids = list(range(first, first + len(parts)))
        for gid, part in zip(ids, parts, strict=True):
            names = [self.label(i) for i in self.best(part)]
            more = len(part) - len(names)
            lines = [*wrap(", ".join(names))[:3], f"({len(part):,})"]
            self.out.groups.append({
                "id": gid, "parent": parent, "children": [], "size": len(part),
                "names": names, "label": ", ".join(names) + (f" and {more:,} more" if more else ""),
                "drawn": "\n".join(lines),
                "r": round(_GROUP_RADIUS + _GROUP_GROWTH * len(part) ** 0.5, 1),
            })
        ties = self.ties(parts, first)
        self.out.group_edges.extend([a, b, w] for (a, b), w in sorted(ties.items()))
        self.place(ids, ties)
        if parent is not None:
            self.out.groups[parent]["children"] = ids
        for gid, part in zip(ids, parts, strict=True):
            if len(part) <= self.limit:
                self.out.groups[gid]["members"] = len(part)
                self.leaves.append((gid, part))
                continue
            sub = self.partition(part) if depth < _MAX_DEPTH else []
            if len(sub) < 2 or max(len(p) for p in sub) == len(part):
                sub = self.chunks(part)
            self.level(sub, gid, depth + 1)

    def place(self, ids: list[int], ties: Mapping[tuple[int, int], int]) -> None:
        """Positions of the super-nodes of one level, spread by their size."""
        import networkx as nx

        from .layout import CHAR_PX

        P: nx.Graph = nx.Graph()
        P.add_nodes_from(ids)
        P.add_edges_from(ties)
        groups = self.out.groups
        boxes: dict[Hashable, Box] = {}
        for g in ids:
            r, lines = groups[g]["r"], groups[g]["drawn"].split("\n")
            half = max(r, max(len(line) for line in lines) * CHAR_PX / 2)
            boxes[g] = Box(-half, half, -r, r + LABEL_GAP + len(lines) * LINE_PX)
        pos = layout(P, boxes=boxes, seed=self.seed, large=10**9)
        for g in ids:
            groups[g]["x"], groups[g]["y"] = pos[g]

    def pictures(self, layouts: bool = True) -> None:
        """Every leaf's members and (with ``layouts``) their picture, nearest neighbours 30 px
        apart."""
        import numpy as np

        if not layouts:
            for gid, part in self.leaves:
                self.out.leaf.update((self.nodes[i], gid) for i in part)
            return
        leaf_of = np.full(len(self.nodes), -1, dtype=np.int64)
        for gid, part in self.leaves:
            leaf_of[part] = gid
        a = leaf_of[self.src]
        inside = (a >= 0) & (a == leaf_of[self.dst])
        by_leaf = np.argsort(a[inside], kind="stable")
        src, dst, owner = self.src[inside][by_leaf], self.dst[inside][by_leaf], a[inside][by_leaf]
        local = np.zeros(len(self.nodes), dtype=np.int64)
        for gid, part in sorted(self.leaves):
            lo, hi = np.searchsorted(owner, gid), np.searchsorted(owner, gid, side="right")
            local[part] = np.arange(len(part))
            edges = np.stack([local[src[lo:hi]], local[dst[lo:hi]]], axis=1)
            xy = _leaf_layout(len(part), edges, self.seed)
            members = [self.nodes[i] for i in part]
            self.out.leaf.update((v, gid) for v in members)
            self.out.positions.update(
                (v, (x + 0.0, y + 0.0))
                for v, (x, y) in zip(members, np.round(xy, 1).tolist(), strict=True))


def _leaf_layout(n: int, edges: np.ndarray, seed: int) -> np.ndarray:
    """A leaf group's picture: igraph's Fruchterman-Reingold on a grid (in C, from a seeded
    start), centred, nearest neighbours 30 px apart."""
    import igraph
    import numpy as np

    from .layout import _median_nearest

    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    start = rng.uniform(0.0, math.sqrt(n), size=(n, 2)).tolist()
    g = igraph.Graph(n=n, edges=edges.tolist())
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        xy = np.array(g.layout_fruchterman_reingold(seed=start, niter=_LEAF_ROUNDS, grid=True).coords)
    finally:
        igraph.set_random_number_generator(previous or random)
    return (xy - xy.mean(axis=0)) * 30.0 / max(_median_nearest(xy), 1e-9)


def overview(G: nx.Graph, *, limit: int = OVERVIEW_NODES, seed: int = 7,
             community: Mapping[Hashable, int] | None = None, layouts: bool = True,
             ends: np.ndarray | None = None) -> Overview:
    """The groups of ``G`` (see the module's description), each leaf of at most ``limit`` nodes.

    ``community`` (node → community number, e.g. the ``community`` metric of the page) gives
    the top-level groups; without it they are computed (igraph's Leiden method, seeded).
    ``layouts=False`` leaves out the pictures of the leaf groups (``positions`` stays empty):
    the explorer page lays a group out when it opens. ``ends`` gives the edges as rows of two
    node numbers (the nodes sorted by ``str``), when the caller has them.
    """
    builder = _Builder(G, max(1, limit), seed, ends)
    linked = builder.degree > 0
    builder.out.isolated = [v for v, t in zip(builder.nodes, linked.tolist(), strict=True) if not t]
    connected = [i for i, t in enumerate(linked.tolist()) if t]
    if connected:
        builder.level(builder.partition(connected, community), None, 0)
        builder.pictures(layouts)
    return builder.out
