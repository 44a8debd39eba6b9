"""Communities: Louvain, with igraph's multilevel method by default and networkx's Louvain as
the reference.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from ..errors import InputError
from .base import IndexedGraph, Node

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["COMMUNITY_METHODS", "COMMUNITY_IMPLEMENTATIONS", "communities", "igraph_louvain"]

#: The implementations :func:`communities` offers, and what each runs.
COMMUNITY_METHODS = ("igraph", "networkx")
COMMUNITY_IMPLEMENTATIONS = {
    "igraph": "igraph multilevel", "networkx": "networkx louvain_communities",
}


def communities(
    G: nx.Graph | IndexedGraph, *, seed: int = 0, resolution: float = 1.0, method: str = "igraph"
) -> list[list[Node]]:
    """Louvain communities of the simple undirected graph, seeded and so reproducible.

    Parameters
    ----------
    method : {"igraph", "networkx"}
        igraph's multilevel method (compiled, many times faster on large graphs; the default)
        or networkx's Louvain (the reference). Both optimise modularity the same way; the
        partitions agree in quality, not always node for node.

    Returns
    -------
    list of list
        The communities, largest first (ties by their first member); each sorted by label.

    Examples
    --------
    Two triangles joined by one edge fall apart into the two triangles.

    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (3, 4)])
    >>> communities(G)
    [[1, 2, 3], [4, 5, 6]]
    >>> communities(G, method="networkx")
    [[1, 2, 3], [4, 5, 6]]
    """
    if method not in COMMUNITY_METHODS:
        raise InputError(
            f"unknown community method {method!r}; use one of {', '.join(COMMUNITY_METHODS)}"
        )
    ig = IndexedGraph.of(G)
    if method == "igraph":
        found = _igraph_louvain(ig, seed=seed, resolution=resolution)
    else:
        import networkx as nx

        index = ig.index
        found = [[index[v] for v in c] for c in nx.community.louvain_communities(
            ig.H, seed=seed, resolution=resolution)]
    rank = ig.rank
    order = [sorted(c, key=rank.__getitem__) for c in found if len(c)]
    order.sort(key=lambda c: (-len(c), rank[c[0]]))
    return [[ig.nodes[i] for i in c] for c in order]


def igraph_louvain(H: nx.Graph, *, seed: int, resolution: float) -> list[set[Node]]:
    """igraph's multilevel (Louvain) method on a networkx graph, with a seeded generator."""
    ig = IndexedGraph.of(H)
    return [{ig.nodes[i] for i in c} for c in _igraph_louvain(ig, seed=seed, resolution=resolution)]


def _igraph_louvain(ig: IndexedGraph, *, seed: int, resolution: float) -> list[list[int]]:
    """The communities of :func:`igraph_louvain`, as lists of node numbers."""
    import igraph
    import numpy as np

    # the vertices in the order of their names, so the partition is the same for the same graph
    by_name = sorted(range(len(ig)), key=lambda i: str(ig.nodes[i]))
    position = np.empty(len(ig), dtype=np.int64)
    position[by_name] = np.arange(len(ig))
    g = igraph.Graph(n=len(ig), edges=position[ig.pairs].tolist())
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_multilevel(resolution=resolution)
    finally:
        igraph.set_random_number_generator(previous or random)
    return [[by_name[i] for i in members] for members in clustering if members]
