"""Structure and brokers: articulation points, bridges, and the actors whose ties span
countries or helix sectors.

broker
    An actor (person, group, organisation, unit or event) that is an articulation point
    (removing it cuts the graph apart), or whose neighbours lie in both countries
    (cross-border), or come from several helix sectors (cross-sector).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .base import IndexedGraph, Node, attribute_values

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["ACTOR_KINDS", "articulation_points", "bridges", "brokers", "spanning_actors"]

#: The kinds of node that can be brokers: those that act or bring actors together. Places,
#: topics and articles are context, never brokers.
ACTOR_KINDS = ("person", "group", "unit", "organisation", "event")


def articulation_points(G: nx.Graph | IndexedGraph) -> list[Node]:
    """The nodes whose removal cuts their component apart, sorted by label.

    Examples
    --------
    >>> import networkx as nx
    >>> articulation_points(nx.path_graph(["a", "b", "c", "d"]))
    ['b', 'c']
    """
    ig = IndexedGraph.of(G)
    return ig.in_label_order(ig.igraph.articulation_points())


def bridges(G: nx.Graph | IndexedGraph) -> list[tuple[Node, Node]]:
    """The ties whose removal cuts their component apart, each as a pair sorted by label.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    [('c', 'd')]
    """
    import numpy as np

    ig = IndexedGraph.of(G)
    found = ig.pairs[np.asarray(ig.igraph.bridges(), dtype=np.int64)].reshape(-1, 2)
    ranks = ig.rank[found]
    first, second = ranks.min(axis=1), ranks.max(axis=1)
    flip = ranks[:, 0] > ranks[:, 1]
    found[flip] = found[flip][:, ::-1]
    order = np.lexsort((second, first))
    return [(ig.nodes[u], ig.nodes[v]) for u, v in found[order].tolist()]


def spanning_actors(
    G: nx.Graph | IndexedGraph, attribute: str, *, kinds: Sequence[str] = ACTOR_KINDS,
    at_least: int = 2,
) -> dict[Node, list[str]]:
    """Actors whose ties span several values of a node attribute (countries, helix sectors).

    An actor spans values when at least two *different* neighbours carry them: a neighbour in
    Norway and another in Sweden, not one neighbour that lies in both. ``attribute`` holds one
    value or several, ``;``-separated (as ``country`` in the projections).

    Parameters
    ----------
    attribute : str
        ``"country"`` for cross-border actors, ``"sector"`` for cross-sector actors.
    kinds : sequence of str
        The node kinds (``kind`` attribute) that count as actors; nodes without a kind count.
    at_least : int
        How many different values the neighbours must cover.

    Returns
    -------
    dict
        Actor → the values its neighbours cover, sorted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("broker", "oslo"), ("broker", "gothenburg"), ("x", "oslo")])
    >>> nx.set_node_attributes(G, {"oslo": "Norway", "gothenburg": "Sweden"}, "country")
    >>> spanning_actors(G, "country")
    {'broker': ['Norway', 'Sweden']}
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    ig = IndexedGraph.of(G)
    n = len(ig)
    carriers: list[int] = []
    carried: list[str] = []
    for i, (_, text) in enumerate(ig.H.nodes(data=attribute)):
        for value in set(attribute_values(text)):
            carriers.append(i)
            carried.append(value)
    if n == 0 or not carriers:
        return {}
    values = sorted(set(carried))
    column = {value: j for j, value in enumerate(values)}
    C = csr_matrix((np.ones(len(carriers)), (carriers, [column[x] for x in carried])),
                   shape=(n, len(values)))
    indptr, indices = ig.csr
    A = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, n))
    covered = (A @ C).tocsr()  # node × value: how many neighbours carry the value
    # how many different neighbours carry any value
    neighbours = A @ (np.diff(C.indptr) > 0).astype(float)
    actor = np.array([kind is None or kind in kinds for _, kind in ig.H.nodes(data="kind")],
                     dtype=bool)
    # with two carriers and two values, two different neighbours always carry two values
    chosen = np.flatnonzero(actor & (neighbours >= 2) & (np.diff(covered.indptr) >= at_least))
    out = {}
    for i in chosen[np.argsort(ig.rank[chosen], kind="stable")].tolist():
        row = covered.indices[covered.indptr[i]:covered.indptr[i + 1]]
        out[ig.nodes[i]] = [values[j] for j in sorted(row.tolist())]
    return out


def brokers(
    G: nx.Graph | IndexedGraph, *, kinds: Sequence[str] = ACTOR_KINDS, cut: Iterable[Node] | None = None
) -> dict[Node, list[str]]:
    """Actors that broker: articulation points, cross-border and cross-sector actors.

    Parameters
    ----------
    kinds : sequence of str
        The node kinds that count as actors (see :data:`ACTOR_KINDS`).
    cut : iterable, optional
        The articulation points, when already computed.

    Returns
    -------
    dict
        Actor → why it is a broker: ``"articulation point"``, ``"cross-border: Norway,
        Sweden"``, ``"cross-sector: academia, industry"``.

    Examples
    --------
    >>> import networkx as nx
    >>> brokers(nx.path_graph(["a", "b", "c"]))
    {'b': ['articulation point']}
    """
    ig = IndexedGraph.of(G)
    cut = articulation_points(ig) if cut is None else cut
    reasons: dict[Node, list[str]] = {}
    for v in cut:
        kind = ig.H.nodes[v].get("kind")
        if kind is None or kind in kinds:
            reasons.setdefault(v, []).append("articulation point")
    for attribute, name in (("country", "cross-border"), ("sector", "cross-sector")):
        for v, values in spanning_actors(ig, attribute, kinds=kinds).items():
            reasons.setdefault(v, []).append(f"{name}: {', '.join(values)}")
    rank = ig.rank
    index = ig.index
    return dict(sorted(reasons.items(), key=lambda item: rank[index[item[0]]]))
