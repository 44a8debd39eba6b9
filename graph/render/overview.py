"""The overview of a large view: groups of nodes drawn as super-nodes, opened one at a time.

Above :data:`OVERVIEW_NODES` nodes a node-level drawing stops being readable, so the page opens
on an aggregated picture instead:

- the connected nodes fall into groups: the Louvain communities of the view (its ``community``
  metric when the page carries it, else computed here with :func:`graph.analysis.communities`);
  communities of fewer than :data:`MIN_GROUP` members (small separate components) are pooled
  into one group of small clusters;
- a group with more than the limit is split again (Louvain on its own ties, else in chunks), so
  that every group opens on a readable picture: the groups form a tree whose leaves hold at most
  ``limit`` nodes;
- each level is a weighted graph: one super-node per group (sized by its members, named after
  its best-linked members), one edge per pair of groups with ties between them, weighted by the
  number of ties;
- the nodes with no tie at all are counted, not drawn: the search still finds each one.

Nothing is left out of the page: every node and edge is in the view model, with its position in
its leaf group, so that a group opens at once, and the search reaches any node.

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

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .layout import LABEL_GAP, LINE_PX, Box, layout, wrap

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

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


def _simple(G: nx.Graph) -> nx.Graph:
    import networkx as nx

    H: nx.Graph = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def _partition(H: nx.Graph, nodes: Sequence[Hashable], *, seed: int,
               community: Mapping[Hashable, int] | None = None) -> list[list[Hashable]]:
    """``nodes`` cut into communities (largest first), the small ones pooled at the end."""
    from ..analysis.community import igraph_louvain as _igraph_louvain

    if community is not None:
        found: dict[int, list[Hashable]] = {}
        for v in nodes:
            found.setdefault(int(community.get(v, -1)), []).append(v)
        parts = list(found.values())
    else:
        # igraph's multilevel method, seeded, as graph.analysis.communities runs it
        parts = [list(c) for c in _igraph_louvain(H.subgraph(nodes), seed=seed, resolution=1.0)]
    parts = sorted((sorted(p, key=str) for p in parts), key=lambda p: (-len(p), str(p[0])))
    big = [p for p in parts if len(p) >= MIN_GROUP]
    small = [v for p in parts if len(p) < MIN_GROUP for v in p]
    return big + ([small] if small else [])


def _chunks(H: nx.Graph, nodes: Sequence[Hashable], limit: int) -> list[list[Hashable]]:
    """``nodes`` in pieces of at most ``limit``, neighbours together (breadth-first order)."""
    import networkx as nx

    sub = H.subgraph(nodes)
    order: list[Hashable] = []
    for comp in sorted(nx.connected_components(sub), key=lambda c: (-len(c), str(min(c, key=str)))):
        start = min(comp, key=lambda v: (-sub.degree(v), str(v)))
        order.extend(nx.bfs_tree(sub, start).nodes)
    size = -(-len(order) // -(-len(order) // limit))  # equal pieces, each at most limit
    return [order[i:i + size] for i in range(0, len(order), size)]


class _Builder:
    def __init__(self, G: nx.Graph, H: nx.Graph, limit: int, seed: int) -> None:
        self.G, self.H, self.limit, self.seed = G, H, limit, seed
        self.degree = dict(H.degree())
        self.out = Overview()

    def label(self, v: Hashable) -> str:
        return str(self.G.nodes[v].get("label") or v)

    def level(self, parts: list[list[Hashable]], parent: int | None, depth: int) -> None:
        """Add one group per part under ``parent``, their ties and picture; recurse."""
        first = len(self.out.groups)
        ids = list(range(first, first + len(parts)))
        owner: dict[Hashable, int] = {}
        for gid, part in zip(ids, parts, strict=True):
            best = sorted(part, key=lambda v: (-self.degree[v], self.label(v).casefold(), str(v)))
            names = [self.label(v) for v in best[:NAMED_BY]]
            more = len(part) - len(names)
            lines = [*wrap(", ".join(names))[:3], f"({len(part):,})"]
            self.out.groups.append({
                "id": gid, "parent": parent, "children": [], "size": len(part),
                "names": names, "label": ", ".join(names) + (f" and {more:,} more" if more else ""),
                "drawn": "\n".join(lines),
                "r": round(_GROUP_RADIUS + _GROUP_GROWTH * len(part) ** 0.5, 1),
            })
            owner.update((v, gid) for v in part)
        ties: dict[tuple[int, int], int] = {}
        for part in parts:
            for u, v in self.H.edges(part):
                a, b = owner[u], owner.get(v)
                if b is not None and a < b:
                    ties[(a, b)] = ties.get((a, b), 0) + 1
        self.out.group_edges.extend([a, b, w] for (a, b), w in sorted(ties.items()))
        self.place(ids, ties)
        if parent is not None:
            self.out.groups[parent]["children"] = ids
        for gid, part in zip(ids, parts, strict=True):
            if len(part) <= self.limit:
                self.leaf(gid, part)
                continue
            sub = _partition(self.H, part, seed=self.seed) if depth < _MAX_DEPTH else []
            if len(sub) < 2 or max(len(p) for p in sub) == len(part):
                sub = _chunks(self.H, part, self.limit)
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

    def leaf(self, gid: int, part: list[Hashable]) -> None:
        """A leaf's members and their picture: the grid force layout of :mod:`.layout` (linear
        in the nodes and ties, unlike a spring layout), nearest neighbours 30 px apart."""
        import numpy as np

        from .layout import _grid_force_layout, _median_nearest

        self.out.groups[gid]["members"] = len(part)
        self.out.leaf.update((v, gid) for v in part)
        index = {v: i for i, v in enumerate(part)}
        edges = np.array([(index[u], index[v]) for u, v in self.H.subgraph(part).edges()],
                         dtype=np.int64).reshape(-1, 2)
        if len(part) == 1:
            xy = np.zeros((1, 2))
        else:
            xy = _grid_force_layout(len(part), edges, seed=self.seed, fixed=None, iterations=40)
            xy = (xy - xy.mean(axis=0)) * 30.0 / max(_median_nearest(xy), 1e-9)
        self.out.positions.update(
            (v, (round(float(x), 1) + 0.0, round(float(y), 1) + 0.0))
            for v, (x, y) in zip(part, xy, strict=True))


def overview(G: nx.Graph, *, limit: int = OVERVIEW_NODES, seed: int = 7,
             community: Mapping[Hashable, int] | None = None) -> Overview:
    """The groups of ``G`` (see the module's description), each leaf of at most ``limit`` nodes.

    ``community`` (node → community number, e.g. the ``community`` metric of the page) gives
    the top-level groups; without it they are computed (igraph's Louvain, seeded).
    """
    H = _simple(G)
    builder = _Builder(G, H, max(1, limit), seed)
    connected = sorted((v for v in H if H.degree(v) > 0), key=str)
    builder.out.isolated = sorted((v for v in H if H.degree(v) == 0), key=str)
    if connected:
        builder.level(_partition(H, connected, seed=seed, community=community), None, 0)
    return builder.out
