"""Communities: Louvain, with igraph's multilevel method by default and networkx's Louvain as
the reference.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from ..errors import InputError
from .base import Node, as_simple, label_key

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["COMMUNITY_METHODS", "COMMUNITY_IMPLEMENTATIONS", "communities", "igraph_louvain"]

#: The implementations :func:`communities` offers, and what each runs.
COMMUNITY_METHODS = ("igraph", "networkx")
COMMUNITY_IMPLEMENTATIONS = {
    "igraph": "igraph multilevel", "networkx": "networkx louvain_communities",
}


def communities(
    G: nx.Graph, *, seed: int = 0, resolution: float = 1.0, method: str = "igraph"
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
    H = as_simple(G)
    if method == "igraph":
        found = igraph_louvain(H, seed=seed, resolution=resolution)
    else:
        import networkx as nx

        found = nx.community.louvain_communities(H, seed=seed, resolution=resolution)
    order = [sorted(c, key=lambda v: label_key(H, v)) for c in found]
    return sorted(order, key=lambda c: (-len(c), *label_key(H, c[0])))


def igraph_louvain(H: nx.Graph, *, seed: int, resolution: float) -> list[set[Node]]:
    """igraph's multilevel (Louvain) method on a networkx graph, with a seeded generator."""
    import igraph

    nodes = sorted(H.nodes, key=str)
    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges])
    previous = igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_multilevel(resolution=resolution)
    finally:
        igraph.set_random_number_generator(previous or random)
    return [{nodes[i] for i in members} for members in clustering if members]
