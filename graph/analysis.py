"""Network analysis of a projected view: who sits at the centre, who connects whom.

Every function takes a networkx graph, usually a view from :mod:`graph.network`
(:meth:`KnowledgeGraph.to_networkx <graph.kg.KnowledgeGraph.to_networkx>`), and works on any
other graph too. Centralities, brokers and communities are computed on the *simple undirected*
version of the view (:func:`simple_graph`): two nodes are tied when the data link them in either
direction, however many relations they share.

What the numbers mean
---------------------
degree
    The share of the other nodes a node is tied to: ``neighbours / (n - 1)``.
betweenness
    The share of shortest paths between two other nodes that run through a node, over all
    pairs (normalised by ``(n - 1)(n - 2) / 2``): a broker's measure. With ``k`` it is
    estimated from ``k`` sampled source nodes (seeded, so reproducible).
eigenvector
    A node is central when its neighbours are central: the leading eigenvector of the
    adjacency matrix, with unit Euclidean length. On a disconnected graph only the component(s)
    with the largest leading eigenvalue get values above zero, as the definition implies.
community
    The number of the node's Louvain community (0 is the largest), seeded and reproducible.
broker
    1 when the node is an actor (person, group, organisation, unit or event) that is an
    articulation point (removing it cuts the graph apart), or whose neighbours lie in both
    countries (cross-border), or come from several helix sectors (cross-sector); else 0.

The library never prints: long steps report to an optional ``progress(step, done, total)``
callback.

Examples
--------
>>> import graph
>>> G = graph.load().to_networkx("actors")
>>> result = analyze(G)
>>> [G.nodes[n]["label"] for n, _ in result.top("betweenness", 2)]
['Den digitale tsunamien og kommunalt lederskap', 'Svinesundskomiteen']
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .errors import InputError, NotFoundError
from .vocab import ID

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from rdflib import Dataset

    from .kg import KnowledgeGraph

__all__ = [
    "ACTOR_KINDS",
    "ANALYSIS_FORMATS",
    "METRICS",
    "Analysis",
    "EgoSummary",
    "Hop",
    "Progress",
    "Tie",
    "add_metrics",
    "analyze",
    "articulation_points",
    "betweenness_centrality",
    "bridges",
    "brokers",
    "communities",
    "degree_centrality",
    "ego_summary",
    "eigenvector_centrality",
    "format_analysis",
    "format_ego",
    "format_path",
    "metrics_graph",
    "metrics_graph_iri",
    "node_metrics",
    "shortest_path",
    "simple_graph",
    "spanning_actors",
]

#: A progress callback: ``progress(step, done, total)``, e.g. ``("betweenness", 40, 100)``.
Progress = Callable[[str, int, int], None]

#: The kinds of node that can be brokers: those that act or bring actors together. Places,
#: topics and articles are context, never brokers.
ACTOR_KINDS = ("person", "group", "unit", "organisation", "event")

#: The per-node metrics of :func:`node_metrics`, in order.
METRICS = ("degree", "betweenness", "eigenvector", "community", "broker")

#: The output formats of :func:`format_analysis`, :func:`format_path` and :func:`format_ego`.
ANALYSIS_FORMATS = ("table", "csv", "json")

Node = Hashable


def _noop(step: str, done: int, total: int) -> None:
    return None


def _label(G: nx.Graph, n: Node) -> str:
    return str(G.nodes[n].get("label") or n)


def _rank_key(G: nx.Graph, values: dict[Node, float]) -> Callable[[Node], tuple[Any, ...]]:
    # highest first; ties (to 12 decimals) by label, then by node id, so the order is stable
    return lambda n: (-round(values[n], 12), _label(G, n).casefold(), str(n))


def _values(text: object) -> list[str]:
    return [v for v in str(text or "").split(";") if v]


# ---------------------------------------------------------------------------- the simple graph


def simple_graph(G: nx.Graph) -> nx.Graph:
    """The simple undirected version of a (multi, directed) graph: one tie per linked pair.

    Node attributes are kept; edge attributes, parallel edges and self-loops are dropped.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b"), ("b", "c"), ("c", "c")])
    >>> sorted(simple_graph(M).edges())
    [('a', 'b'), ('b', 'c')]
    """
    import networkx as nx

    H: nx.Graph = nx.Graph(**G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def _simple(G: nx.Graph) -> nx.Graph:
    import networkx as nx

    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G) > 0:
        return simple_graph(G)
    return G


# ---------------------------------------------------------------------------- centralities


def degree_centrality(G: nx.Graph) -> dict[Node, float]:
    """The share of the other nodes each node is tied to, on the simple undirected graph.

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centrality(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    {'a': 0.5, 'b': 1.0, 'c': 0.5}
    """
    H = _simple(G)
    n = H.number_of_nodes()
    if n <= 1:
        return dict.fromkeys(H, 1.0 if n == 1 else 0.0)
    return {v: d / (n - 1) for v, d in H.degree()}


def betweenness_centrality(
    G: nx.Graph,
    k: int | None = None,
    *,
    seed: int = 0,
    normalized: bool = True,
    progress: Progress | None = None,
) -> dict[Node, float]:
    """Betweenness centrality on the simple undirected graph (Brandes), exact or sampled.

    Parameters
    ----------
    G : networkx graph
    k : int, optional
        Estimate from ``k`` source nodes sampled with ``random.Random(seed)`` (the same sample
        and the same scaling as :func:`networkx.betweenness_centrality`). None, or ``k`` of
        ``n`` or more, computes the exact value from every node.
    seed : int
        The seed of the sample.
    normalized : bool
        Divide by the number of pairs of other nodes (``(n - 1)(n - 2) / 2``); else the value
        counts pairs of nodes (a pair with two shortest paths, one through the node, adds 1/2).
    progress : callable, optional
        Called as ``progress("betweenness", done, total)`` after each source node.

    Examples
    --------
    A path a - b - c: b lies on the one shortest path between a and c.

    >>> import networkx as nx
    >>> betweenness_centrality(nx.path_graph(["a", "b", "c"]), normalized=False)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import numpy as np

    H = _simple(G)
    nodes = list(H)
    n = len(nodes)
    if k is not None and k < 1:
        raise InputError(f"k must be 1 or more (the number of sampled source nodes), not {k}")
    if k is not None and k >= n:
        k = None
    index = {v: i for i, v in enumerate(nodes)}
    indptr, indices = _adjacency(H, index)
    sources = (
        list(range(n)) if k is None
        else [index[v] for v in random.Random(seed).sample(nodes, k)]
    )
    report = progress or _noop
    bc = np.zeros(n)
    total = len(sources)
    step = max(1, total // 200)
    for done, s in enumerate(sources, 1):
        _accumulate(indptr, indices, s, bc)
        if done % step == 0 or done == total:
            report("betweenness", done, total)
    return _rescale(nodes, bc.tolist(), k=k, sampled=set(sources), normalized=normalized)


def _adjacency(H: nx.Graph, index: dict[Node, int]) -> tuple[Any, Any]:
    """The adjacency of a simple undirected graph in compressed sparse rows (numpy arrays)."""
    import numpy as np

    n = len(index)
    pairs = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64).reshape(-1, 2)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.argsort(rows, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    return indptr, cols[order]


def _neighbours(indptr: Any, indices: Any, nodes: Any) -> tuple[Any, Any]:
    """The neighbours of each of ``nodes``, concatenated, and how many each node has."""
    import numpy as np

    starts = indptr[nodes]
    counts = indptr[nodes + 1] - starts
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return indices[offsets], counts


def _accumulate(indptr: Any, indices: Any, s: int, bc: Any) -> None:
    """One source of Brandes' algorithm (unweighted), a level of the search at a time:
    add the source's pair dependencies to ``bc``."""
    import numpy as np

    n = len(indptr) - 1
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)  # the number of shortest paths from s
    dist[s], sigma[s] = 0, 1.0
    levels = [np.array([s], dtype=np.int64)]
    while True:
        front = levels[-1]
        near, counts = _neighbours(indptr, indices, front)
        new = dist[near] < 0  # the next level: reached for the first time
        if not new.any():
            break
        reached, where = np.unique(near[new], return_inverse=True)
        dist[reached] = len(levels)
        sigma[reached] = np.bincount(where, weights=np.repeat(sigma[front], counts)[new])
        levels.append(reached)
    delta = np.zeros(n)
    for depth in range(len(levels) - 1, 0, -1):
        front = levels[depth]
        near, counts = _neighbours(indptr, indices, front)
        back = dist[near] == depth - 1  # predecessors on a shortest path
        coeff = np.repeat((1.0 + delta[front]) / sigma[front], counts)[back]
        preds, where = np.unique(near[back], return_inverse=True)
        delta[preds] += sigma[preds] * np.bincount(where, weights=coeff)
    delta[s] = 0.0
    bc += delta


def _rescale(
    nodes: list[Node], bc: list[float], *, k: int | None, sampled: set[int], normalized: bool
) -> dict[Node, float]:
    # The scaling of networkx.betweenness_centrality (endpoints excluded, undirected).
    pairs = len(nodes) - 1  # the other nodes a path through v can start or end at
    if pairs < 2:
        return dict.fromkeys(nodes, 0.0)
    if k is None:
        scale = 1 / (pairs * (pairs - 1)) if normalized else 0.5
        return {v: bc[i] * scale for i, v in enumerate(nodes)}
    if normalized:
        source = 1 / ((k - 1) * (pairs - 1)) if k > 1 else float("nan")
        other = 1 / (k * (pairs - 1))
    else:
        source = pairs / ((k - 1) * 2) if k > 1 else float("nan")
        other = pairs / (k * 2)
    return {v: bc[i] * (source if i in sampled else other) for i, v in enumerate(nodes)}


def eigenvector_centrality(
    G: nx.Graph, *, max_iter: int = 2000, tol: float = 1e-10, solvers: set[str] | None = None
) -> dict[Node, float]:
    """Eigenvector centrality on the simple undirected graph; never fails on disconnected graphs.

    The leading eigenvector of the adjacency matrix, with unit Euclidean length (as
    :func:`networkx.eigenvector_centrality`). Each connected component gets its own leading
    eigenpair (dense ``numpy.linalg.eigh`` for small components, ARPACK through
    ``scipy.sparse.linalg.eigsh`` for large ones, power iteration on ``A + I`` should ARPACK
    not converge); then only the component(s) with the largest leading eigenvalue keep their
    values: on a disconnected graph that is what the leading eigenvector is. Components that
    tie share the unit length equally. A graph without edges gets 0 everywhere.

    Parameters
    ----------
    max_iter, tol : for the power iteration fallback (tolerance on the largest change).
    solvers : set, optional
        Receives the name of each solver that ran (``numpy eigh``, ``ARPACK eigsh``,
        ``power iteration``), so that a report can say what was computed.

    Examples
    --------
    Two components: the triangle's eigenvalue (2) beats the single edge's (1).

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> {n: round(v, 4) for n, v in eigenvector_centrality(G).items()}
    {'a': 0.5774, 'b': 0.5774, 'c': 0.5774, 'x': 0.0, 'y': 0.0}
    """
    import networkx as nx
    import numpy as np

    H = _simple(G)
    out = dict.fromkeys(H, 0.0)
    if H.number_of_edges() == 0:
        return out
    best = 0.0
    chosen: list[tuple[list[Node], Any]] = []
    close = 1e-9
    for members in sorted(nx.connected_components(H), key=len, reverse=True):
        if len(members) < 2:
            continue
        # the leading eigenvalue of a component is at most its largest degree
        if max(d for _, d in H.degree(members)) < best * (1 - close):
            continue
        order = list(members)
        value, vector, solver = _leading_eigenpair(H, order, max_iter=max_iter, tol=tol)
        if solvers is not None:
            solvers.add(solver)
        if value > best * (1 + close):
            best, chosen = value, [(order, vector)]
        elif value >= best * (1 - close):
            chosen.append((order, vector))
    share = 1 / np.sqrt(len(chosen))
    for order, vector in chosen:
        for v, x in zip(order, vector / np.linalg.norm(vector) * share, strict=True):
            out[v] = float(x)
    return out


def _leading_eigenpair(
    H: nx.Graph, order: list[Node], *, max_iter: int, tol: float
) -> tuple[float, Any, str]:
    """The largest eigenvalue of a connected component's adjacency matrix, its (positive)
    eigenvector, and the solver that found them."""
    import numpy as np

    n = len(order)
    index = {v: i for i, v in enumerate(order)}
    edges = np.array([(index[u], index[v]) for u, v in H.edges(order)], dtype=np.int64)
    rows = np.concatenate([edges[:, 0], edges[:, 1]])
    cols = np.concatenate([edges[:, 1], edges[:, 0]])
    if n <= 500:
        A = np.zeros((n, n))
        A[rows, cols] = 1.0
        values, vectors = np.linalg.eigh(A)
        return float(values[-1]), np.abs(vectors[:, -1]), "numpy eigh"
    from scipy.sparse import csr_matrix
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    S = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    try:
        values, vectors = eigsh(S, k=1, which="LA", v0=np.ones(n), maxiter=max(n, 1000))
        return float(values[0]), np.abs(vectors[:, 0]), "ARPACK eigsh"
    except ArpackNoConvergence:
        return (*_power_iteration(S, max_iter=max_iter, tol=tol), "power iteration")


def _power_iteration(A: Any, *, max_iter: int, tol: float) -> tuple[float, Any]:
    """The leading eigenpair of a connected component's adjacency matrix by power iteration
    on ``A + I`` (the shift keeps bipartite components from oscillating)."""
    import numpy as np

    n = A.shape[0]
    x = np.ones(n) / np.sqrt(n)
    for _ in range(max_iter):
        y = x + A @ x
        y /= np.linalg.norm(y)
        if np.abs(y - x).max() < tol:
            x = y
            break
        x = y
    return float(x @ (A @ x)), x


# ---------------------------------------------------------------------------- structure


#: The implementations :func:`communities` offers.
COMMUNITY_METHODS = ("igraph", "networkx")
_COMMUNITY_IMPL = {
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
    H = _simple(G)
    if method == "igraph":
        found = _igraph_louvain(H, seed=seed, resolution=resolution)
    else:
        import networkx as nx

        found = nx.community.louvain_communities(H, seed=seed, resolution=resolution)
    order = [sorted(c, key=lambda v: (_label(H, v).casefold(), str(v))) for c in found]
    return sorted(order, key=lambda c: (-len(c), _label(H, c[0]).casefold(), str(c[0])))


def _igraph_louvain(H: nx.Graph, *, seed: int, resolution: float) -> list[set[Node]]:
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


def articulation_points(G: nx.Graph) -> list[Node]:
    """The nodes whose removal cuts their component apart, sorted by label.

    Examples
    --------
    >>> import networkx as nx
    >>> articulation_points(nx.path_graph(["a", "b", "c", "d"]))
    ['b', 'c']
    """
    import networkx as nx

    H = _simple(G)
    return sorted(nx.articulation_points(H), key=lambda v: (_label(H, v).casefold(), str(v)))


def bridges(G: nx.Graph) -> list[tuple[Node, Node]]:
    """The ties whose removal cuts their component apart, each as a pair sorted by label.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    [('c', 'd')]
    """
    import networkx as nx

    H = _simple(G)

    def key(v: Node) -> tuple[str, str]:
        return (_label(H, v).casefold(), str(v))

    pairs = [tuple(sorted(e, key=key)) for e in nx.bridges(H)]
    return sorted(pairs, key=lambda e: (key(e[0]), key(e[1])))


def spanning_actors(
    G: nx.Graph, attribute: str, *, kinds: Sequence[str] = ACTOR_KINDS, at_least: int = 2
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
    H = _simple(G)
    out = {}
    for v in H:
        kind = H.nodes[v].get("kind")
        if kind is not None and kind not in kinds:
            continue
        covered: set[str] = set()
        carriers = 0
        for w in H[v]:
            values = _values(H.nodes[w].get(attribute))
            if values:
                carriers += 1
                covered.update(values)
        # with two carriers and two values, two different neighbours always carry two values
        if carriers >= 2 and len(covered) >= at_least:
            out[v] = sorted(covered)
    return dict(sorted(out.items(), key=lambda item: (_label(H, item[0]).casefold(), str(item[0]))))


def brokers(
    G: nx.Graph, *, kinds: Sequence[str] = ACTOR_KINDS, cut: Iterable[Node] | None = None
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
    H = _simple(G)
    cut = articulation_points(H) if cut is None else cut
    reasons: dict[Node, list[str]] = {}
    for v in cut:
        kind = H.nodes[v].get("kind")
        if kind is None or kind in kinds:
            reasons.setdefault(v, []).append("articulation point")
    for attribute, name in (("country", "cross-border"), ("sector", "cross-sector")):
        for v, values in spanning_actors(H, attribute, kinds=kinds).items():
            reasons.setdefault(v, []).append(f"{name}: {', '.join(values)}")
    return dict(sorted(reasons.items(), key=lambda item: (_label(H, item[0]).casefold(), str(item[0]))))


# ---------------------------------------------------------------------------- all together


@dataclass
class Analysis:
    """Every result of :func:`analyze` on one graph.

    Attributes
    ----------
    G : networkx graph
        The simple undirected graph the numbers were computed on (node attributes kept).
    view : str
        The view's name (``G.graph["view"]``), e.g. ``"actors"``.
    nodes, edges, ties, components : int
        Nodes; edges of the graph as given; ties of the simple graph; connected components.
    k : int or None
        The betweenness sample size; None for the exact value.
    seed : int
        The seed of the betweenness sample and of Louvain.
    degree, betweenness, eigenvector : dict
        Node → centrality (see the module's notes).
    communities : list of list
        Louvain communities, largest first.
    articulation_points : list
    bridges : list of pairs
    brokers : dict
        Actor → why it is a broker.
    started, ended : datetime
        When the analysis ran (UTC).
    timings : dict
        Seconds per step.
    """

    G: Any
    view: str
    nodes: int
    edges: int
    ties: int
    components: int
    k: int | None
    seed: int
    resolution: float
    degree: dict[Node, float]
    betweenness: dict[Node, float]
    eigenvector: dict[Node, float]
    communities: list[list[Node]]
    articulation_points: list[Node]
    bridges: list[tuple[Node, Node]]
    brokers: dict[Node, list[str]]
    started: datetime
    ended: datetime
    timings: dict[str, float] = field(default_factory=dict)
    community_method: str = "igraph"
    eigen_solvers: tuple[str, ...] = ()

    def community_of(self) -> dict[Node, int]:
        """Node → the number of its community (0 is the largest)."""
        return {v: i for i, members in enumerate(self.communities) for v in members}

    def metrics(self) -> dict[Node, dict[str, float]]:
        """Node → ``{"degree", "betweenness", "eigenvector", "community", "broker"}``."""
        community = self.community_of()
        return {
            v: {
                "degree": self.degree[v],
                "betweenness": self.betweenness[v],
                "eigenvector": self.eigenvector[v],
                "community": community[v],
                "broker": 1 if v in self.brokers else 0,
            }
            for v in self.G
        }

    def ranking(self, metric: str) -> list[Node]:
        """All nodes, highest ``metric`` first (ties by label)."""
        if metric not in ("degree", "betweenness", "eigenvector"):
            raise InputError(f"unknown metric {metric!r}; use degree, betweenness or eigenvector")
        values = getattr(self, metric)
        return sorted(values, key=_rank_key(self.G, values))

    def top(self, metric: str, n: int = 10) -> list[tuple[Node, float]]:
        """The ``n`` nodes with the highest ``metric``, with their values."""
        values = getattr(self, metric)
        return [(v, values[v]) for v in self.ranking(metric)[:n]]

    def broker_ranking(self) -> list[Node]:
        """The brokers, highest betweenness first."""
        return sorted(self.brokers, key=_rank_key(self.G, self.betweenness))

    def algorithms(self) -> list[str]:
        """What was computed, and how: one line per metric."""
        sample = "exact" if self.k is None else f"estimated from {self.k} sampled sources"
        return [
            "degree centrality on the simple undirected graph",
            f"betweenness centrality (Brandes), {sample}, seed {self.seed}",
            "eigenvector centrality per connected component: leading eigenvector of the "
            f"adjacency matrix ({', '.join(self.eigen_solvers) or 'no edges'})",
            f"Louvain communities ({_COMMUNITY_IMPL[self.community_method]}), "
            f"resolution {self.resolution:g}, seed {self.seed}",
            "brokers: articulation points, cross-border and cross-sector ties",
        ]


def analyze(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int = 0,
    resolution: float = 1.0,
    progress: Progress | None = None,
    community_method: str = "igraph",
) -> Analysis:
    """Centralities, communities and brokers of a graph, in one pass.

    Parameters
    ----------
    G : networkx graph
        A view from :mod:`graph.network`, or any graph (``kind``, ``country`` and ``sector``
        node attributes are used when present).
    k : int, optional
        Estimate betweenness from ``k`` sampled sources (for large graphs); exact by default.
    seed : int
        Seed of the betweenness sample and of Louvain.
    resolution : float
        Louvain's resolution (above 1: smaller communities).
    community_method : {"igraph", "networkx"}
        The Louvain implementation (see :func:`communities`).
    progress : callable, optional
        ``progress(step, done, total)`` for each step (degree, betweenness, eigenvector,
        communities, brokers), and for each source of betweenness.

    Examples
    --------
    >>> import networkx as nx
    >>> a = analyze(nx.path_graph(["a", "b", "c"]))
    >>> a.top("betweenness", 1), a.brokers
    ([('b', 1.0)], {'b': ['articulation point']})
    """
    import networkx as nx

    report = progress or _noop
    started = datetime.now(UTC)
    timings: dict[str, float] = {}

    def timed(step: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        out = fn()
        timings[step] = time.perf_counter() - t
        report(step, 1, 1)
        return out

    H = timed("simple graph", lambda: _simple(G))
    degree = timed("degree", lambda: degree_centrality(H))
    t = time.perf_counter()
    betweenness = betweenness_centrality(H, k, seed=seed, progress=report)
    timings["betweenness"] = time.perf_counter() - t
    solvers: set[str] = set()
    eigen = timed("eigenvector", lambda: eigenvector_centrality(H, solvers=solvers))
    groups = timed("communities", lambda: communities(
        H, seed=seed, resolution=resolution, method=community_method))
    cut = timed("articulation points", lambda: articulation_points(H))
    ties = timed("bridges", lambda: bridges(H))
    roles = timed("brokers", lambda: brokers(H, cut=cut))
    return Analysis(
        G=H,
        view=str(G.graph.get("view", "")),
        nodes=H.number_of_nodes(),
        edges=G.number_of_edges(),
        ties=H.number_of_edges(),
        components=nx.number_connected_components(H) if len(H) else 0,
        k=k if k is not None and k < len(H) else None,
        seed=seed,
        resolution=resolution,
        degree=degree,
        betweenness=betweenness,
        eigenvector=eigen,
        communities=groups,
        articulation_points=cut,
        bridges=ties,
        brokers=roles,
        started=started,
        ended=datetime.now(UTC),
        timings=timings,
        community_method=community_method,
        eigen_solvers=tuple(sorted(solvers)),
    )


def node_metrics(
    G: nx.Graph, *, k: int | None = None, seed: int = 0, progress: Progress | None = None
) -> dict[Node, dict[str, float]]:
    """Every node's degree, betweenness and eigenvector centrality, community and broker flag.

    For sizing and colouring nodes: ``{node: {"degree": ..., "betweenness": ...,
    "eigenvector": ..., "community": 0, "broker": 1}}`` (see :data:`METRICS`).

    Examples
    --------
    >>> import networkx as nx
    >>> m = node_metrics(nx.path_graph(["a", "b", "c"]))["b"]
    >>> {name: round(value, 4) for name, value in m.items()}
    {'degree': 1.0, 'betweenness': 1.0, 'eigenvector': 0.7071, 'community': 0, 'broker': 1}
    """
    return analyze(G, k=k, seed=seed, progress=progress).metrics()


# ---------------------------------------------------------------------------- paths and egos


@dataclass(frozen=True)
class Tie:
    """One edge between two nodes, as the data state it.

    ``forward`` is True when the edge runs from ``node`` to ``other`` (``node`` is the subject
    of the triple), False when it runs the other way.
    """

    node: Node
    other: Node
    relation: str
    label: str
    role: str
    forward: bool
    evidence: str
    source: str
    claims: str

    def arrow(self) -> str:
        """The relation with its direction, as read from ``node``: ``-host->``, ``<-host-``."""
        return f"-{self.label}->" if self.forward else f"<-{self.label}-"


def _ties(G: nx.Graph, u: Node, v: Node) -> list[Tie]:
    found: list[tuple[bool, dict[str, Any]]] = []
    pairs = [(u, v, True), (v, u, False)] if G.is_directed() else [(u, v, True)]
    for a, b, forward in pairs:
        if not G.has_edge(a, b):
            continue
        data = G[a][b]
        for d in (data.values() if G.is_multigraph() else [data]):
            found.append((forward, d))
    ties = []
    for forward, d in found:
        relation = str(d.get("relation", ""))
        label = str(d.get("via") or d.get("label") or relation.rsplit("/", 1)[-1] or "linked")
        ties.append(
            Tie(u, v, relation, label, str(d.get("role", "")), forward,
                str(d.get("evidence", "")), str(d.get("source", "")), str(d.get("claims", "")))
        )
    return sorted(ties, key=lambda t: (t.label, t.relation, not t.forward, t.evidence))


@dataclass(frozen=True)
class Hop:
    """One step of a path: from ``source`` to ``target`` through every tie between them."""

    source: Node
    target: Node
    source_label: str
    target_label: str
    ties: tuple[Tie, ...]


def _node(G: nx.Graph, node: Node, what: str) -> Node:
    if node not in G:
        view = G.graph.get("view", "this")
        raise NotFoundError(
            f"{what} {node!r} is not a node of the {view} view; find it with `innograph find`"
        )
    return node


def shortest_path(G: nx.Graph, source: Node, target: Node) -> list[Hop]:
    """The shortest connection between two nodes, ignoring direction, with every relation.

    Parameters
    ----------
    G : networkx graph
        A view; its edges' ``relation``, ``label``, ``role`` and ``evidence`` are reported.
    source, target : node

    Returns
    -------
    list of Hop
        One hop per step; empty when ``source`` is ``target``.

    Raises
    ------
    NotFoundError
        When a node is not in the graph, or no path joins them.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("seminar", "Ann", label="speaker")
    0
    >>> G.add_edge("seminar", "Bo", label="attendee")
    0
    >>> [[t.arrow() for t in hop.ties] for hop in shortest_path(G, "Ann", "Bo")]
    [['<-speaker-'], ['-attendee->']]
    """
    import networkx as nx

    _node(G, source, "the start")
    _node(G, target, "the end")
    H = _simple(G)
    try:
        path = nx.shortest_path(H, source, target)
    except nx.NetworkXNoPath:
        raise NotFoundError(
            f"no path joins {_label(G, source)!r} and {_label(G, target)!r}: "
            "they lie in different components of the graph"
        ) from None
    return [
        Hop(a, b, _label(G, a), _label(G, b), tuple(_ties(G, a, b)))
        for a, b in zip(path, path[1:], strict=False)
    ]


@dataclass
class EgoSummary:
    """One node's place in the graph: its attributes, metrics, ranks, community and ties.

    ``ranks`` gives the node's place (1 is first) in each centrality ranking of ``of`` nodes.
    """

    node: Node
    label: str
    kind: str
    country: str
    sector: str
    neighbours: int
    metrics: dict[str, float]
    ranks: dict[str, int]
    of: int
    community: int
    community_size: int
    broker: list[str]
    ties: list[Tie]
    #: label and kind of each node the ties reach
    others: dict[Node, tuple[str, str]] = field(default_factory=dict)


def ego_summary(G: nx.Graph, node: Node, analysis: Analysis | None = None) -> EgoSummary:
    """Summarise one node: who it is tied to and how, and where it ranks.

    Parameters
    ----------
    analysis : Analysis, optional
        The analysis of ``G``, when already computed (else it is computed, exact).

    Examples
    --------
    >>> import networkx as nx
    >>> s = ego_summary(nx.path_graph(["a", "b", "c"]), "b")
    >>> s.neighbours, s.ranks["betweenness"], s.broker
    (2, 1, ['articulation point'])
    """
    _node(G, node, "the node")
    a = analysis or analyze(G)
    community = a.community_of()[node]
    attrs = G.nodes[node]
    ties = [t for other in a.G[node] for t in _ties(G, node, other)]
    ties.sort(key=lambda t: (t.label, _label(G, t.other).casefold(), str(t.other)))
    return EgoSummary(
        node=node,
        label=_label(G, node),
        kind=str(attrs.get("kind", "")),
        country=str(attrs.get("country", "")),
        sector=str(attrs.get("sector", "")),
        neighbours=a.G.degree(node),
        metrics=a.metrics()[node],
        ranks={m: a.ranking(m).index(node) + 1 for m in ("degree", "betweenness", "eigenvector")},
        of=a.nodes,
        community=community,
        community_size=len(a.communities[community]),
        broker=a.brokers.get(node, []),
        ties=ties,
        others={
            t.other: (_label(G, t.other), str(G.nodes[t.other].get("kind", ""))) for t in ties
        },
    )


# ---------------------------------------------------------------------------- back into RDF

def metrics_graph_iri(view: str) -> str:
    """The named graph that holds the metrics of a view.

    Examples
    --------
    >>> metrics_graph_iri("actors")
    'https://w3id.org/innograph/id/analysis/actors'
    """
    return f"{ID}analysis/{view}"


def metrics_graph(
    G: nx.Graph,
    *,
    analysis: Analysis | None = None,
    k: int | None = None,
    seed: int = 0,
    used: Iterable[str] = (),
    progress: Progress | None = None,
) -> Dataset:
    """The metrics of every IRI node as RDF: a named graph, marked as derived.

    The named graph (:func:`metrics_graph_iri`) holds, for each node, ``ig:degreeCentrality``,
    ``ig:betweennessCentrality``, ``ig:eigenvectorCentrality`` (xsd:double), ``ig:community``
    (xsd:integer) and ``ig:isBroker`` (xsd:boolean). The default graph says how it was made:
    the named graph is a ``prov:Entity`` ``prov:wasGeneratedBy`` a ``prov:Activity`` with
    ``ig:algorithm`` lines, ``ig:randomSeed``, ``ig:sampleSize`` (when sampled),
    ``prov:startedAtTime``, ``prov:endedAtTime``, ``prov:used`` (the graphs it read) and
    ``prov:wasAssociatedWith`` networkx.

    Parameters
    ----------
    analysis : Analysis, optional
        The analysis of ``G``; computed with ``k``, ``seed`` and ``progress`` when omitted.
    used : iterable of str
        The IRIs of the data the view was projected from (e.g. its claim graphs).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["https://example.org/a", "https://example.org/b"])
    >>> G.graph["view"] = "demo"
    >>> ds = metrics_graph(G)
    >>> len(ds.graph(metrics_graph_iri("demo")))
    10
    """
    import networkx as nx
    from rdflib import Dataset, Literal, URIRef

    from .vocab import IG, PREFIXES, PROV, RDF, RDFS, XSD

    a = analysis or analyze(G, k=k, seed=seed, progress=progress)
    view = a.view or "graph"
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    name = URIRef(metrics_graph_iri(view))
    g = ds.graph(name)
    for node, m in sorted(a.metrics().items(), key=lambda item: str(item[0])):
        if not str(node).startswith(("http://", "https://", "urn:")):
            continue
        s = URIRef(str(node))
        g.add((s, IG.degreeCentrality, Literal(m["degree"], datatype=XSD.double)))
        g.add((s, IG.betweennessCentrality, Literal(m["betweenness"], datatype=XSD.double)))
        g.add((s, IG.eigenvectorCentrality, Literal(m["eigenvector"], datatype=XSD.double)))
        g.add((s, IG.community, Literal(int(m["community"]), datatype=XSD.integer)))
        g.add((s, IG.isBroker, Literal(bool(m["broker"]))))
    d = ds.default_graph
    activity = URIRef(f"{name}/activity")
    agent = URIRef("https://networkx.org/")
    d.add((name, RDF.type, PROV.Entity))
    d.add((name, RDFS.label, Literal(f"network metrics of the {view} view", lang="en")))
    d.add((name, RDFS.label, Literal(f"nettverksmål for visningen {view}", lang="nb")))
    d.add((name, PROV.wasGeneratedBy, activity))
    d.add((activity, RDF.type, PROV.Activity))
    d.add((activity, RDFS.label, Literal(f"network analysis of the {view} view", lang="en")))
    for line in a.algorithms():
        d.add((activity, IG.algorithm, Literal(line)))
    d.add((activity, IG.randomSeed, Literal(a.seed, datatype=XSD.integer)))
    if a.k is not None:
        d.add((activity, IG.sampleSize, Literal(a.k, datatype=XSD.integer)))
    for when, prop in ((a.started, PROV.startedAtTime), (a.ended, PROV.endedAtTime)):
        stamp = when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        d.add((activity, prop, Literal(stamp, datatype=XSD.dateTime)))
    for iri in sorted(set(used)):
        d.add((activity, PROV.used, URIRef(iri)))
    d.add((activity, PROV.wasAssociatedWith, agent))
    d.add((agent, RDF.type, PROV.SoftwareAgent))
    d.add((agent, RDFS.label, Literal(f"networkx {nx.__version__}")))
    return ds


_DATA_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _insert_data(ds: Dataset) -> str:
    """A SPARQL ``INSERT DATA`` of every quad of ``ds`` (terms in N-Triples form), sorted."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    graphs: dict[str, list[str]] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        key = "" if name is None or name == DATASET_DEFAULT_GRAPH_ID else name.n3()
        graphs.setdefault(key, []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    parts = []
    for key, triples in sorted(graphs.items()):
        body = "\n".join(sorted(triples))
        parts.append(body if not key else f"GRAPH {key} {{\n{body}\n}}")
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


def add_metrics(
    kg: KnowledgeGraph,
    view: str = "actors",
    *,
    k: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    analysis: Analysis | None = None,
) -> str:
    """Analyse a view of ``kg`` and store its :func:`metrics_graph` in the store.

    An earlier analysis of the same view is replaced. Returns the named graph's IRI.

    Parameters
    ----------
    analysis : Analysis, optional
        The analysis of the view, when already computed (``k``, ``seed`` are then unused).
    """

    name = metrics_graph_iri(view)
    G = kg.to_networkx(view)
    used = [
        str(row[0]) for row in kg.query(_DATA_GRAPHS).rows
        if not str(row[0]).startswith(f"{ID}analysis/")
    ]
    ds = metrics_graph(G, analysis=analysis, k=k, seed=seed, used=used, progress=progress)
    # replace an earlier result: its graph, and its provenance in the default graph
    kg.store.update(
        f"DROP SILENT GRAPH <{name}> ;\n"
        f"DELETE WHERE {{ <{name}> ?p ?o }} ;\n"
        f"DELETE WHERE {{ <{name}/activity> ?p ?o }} ;\n"
        + _insert_data(ds)
    )
    return name


# ---------------------------------------------------------------------------- text output


def _check_format(fmt: str) -> None:
    if fmt not in ANALYSIS_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(ANALYSIS_FORMATS)}")


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _json(doc: object) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _num(x: float) -> str:
    return f"{x:.4f}"


def _sig(x: float) -> float:
    return float(f"{x:.6g}")


def _node_doc(a: Analysis, v: Node, community: dict[Node, int]) -> dict[str, Any]:
    attrs = a.G.nodes[v]
    return {
        "id": str(v),
        "label": _label(a.G, v),
        "kind": str(attrs.get("kind", "")),
        "country": str(attrs.get("country", "")),
        "sector": str(attrs.get("sector", "")),
        "neighbours": a.G.degree(v),
        "degree": _sig(a.degree[v]),
        "betweenness": _sig(a.betweenness[v]),
        "eigenvector": _sig(a.eigenvector[v]),
        "community": community[v],
        "broker": a.brokers.get(v, []),
    }


def format_analysis(a: Analysis, fmt: str = "table", *, top: int = 10) -> str:
    """An analysis as text: tables for people, CSV for spreadsheets, JSON for programs.

    ``table`` shows the ``top`` nodes by each centrality, the brokers, the bridges and the
    communities; ``csv`` lists every node with all its metrics (highest betweenness first);
    ``json`` holds everything (``top`` limits its rankings).

    Examples
    --------
    >>> import networkx as nx
    >>> print(format_analysis(analyze(nx.path_graph(["a", "b", "c"])), "csv"), end="")
    rank,id,label,kind,country,sector,neighbours,degree,betweenness,eigenvector,community,broker
    1,b,b,,,,2,1.0,1.0,0.707107,0,articulation point
    2,a,a,,,,1,0.5,0.0,0.5,0,
    3,c,c,,,,1,0.5,0.0,0.5,0,
    """
    from .results import text_table

    _check_format(fmt)
    G = a.G
    community = a.community_of()
    if fmt == "csv":
        docs = [_node_doc(a, v, community) for v in a.ranking("betweenness")]
        header = ["rank", *docs[0].keys()] if docs else ["rank", "id"]
        return _csv(header, (
            [i, *(("; ".join(x) if isinstance(x, list) else x) for x in d.values())]
            for i, d in enumerate(docs, 1)
        ))
    if fmt == "json":
        return _json({
            "view": a.view,
            "nodes": a.nodes,
            "edges": a.edges,
            "ties": a.ties,
            "components": a.components,
            "parameters": {"k": a.k, "seed": a.seed, "resolution": a.resolution},
            "algorithms": a.algorithms(),
            "started": a.started.isoformat(),
            "ended": a.ended.isoformat(),
            "top": {
                m: [{"id": str(v), "label": _label(G, v), "value": x} for v, x in a.top(m, top)]
                for m in ("degree", "betweenness", "eigenvector")
            },
            "brokers": [
                {"id": str(v), "label": _label(G, v), "betweenness": a.betweenness[v],
                 "reasons": a.brokers[v]}
                for v in a.broker_ranking()
            ],
            "bridges": [[str(u), str(v)] for u, v in a.bridges],
            "communities": [[str(v) for v in c] for c in a.communities],
            "metrics": [_node_doc(a, v, community) for v in a.ranking("betweenness")],
        })
    sample = "exact" if a.k is None else f"estimated from {a.k} sampled sources, seed {a.seed}"
    parts = [
        f"{(a.view or 'graph').capitalize()} view: {a.nodes} nodes, {a.edges} edges, {a.ties} ties "
        f"(linked pairs), {a.components} component{'s' if a.components != 1 else ''}\n"
        f"betweenness: {sample}; communities: Louvain, seed {a.seed}\n"
    ]
    titles = {"degree": "degree centrality", "betweenness": "betweenness centrality",
              "eigenvector": "eigenvector centrality"}
    for metric, title in titles.items():
        rows = [
            [str(i), _label(G, v), str(G.nodes[v].get("kind", "")), str(G.degree(v)), _num(x)]
            for i, (v, x) in enumerate(a.top(metric, top), 1)
        ]
        parts.append(f"Top {len(rows)} by {title}\n" + text_table(
            ["rank", "node", "kind", "ties", metric], rows, count=False))
    ranked = a.broker_ranking()
    rows = [
        [str(i), _label(G, v), str(G.nodes[v].get("kind", "")), _num(a.betweenness[v]),
         "; ".join(a.brokers[v])]
        for i, v in enumerate(ranked[:top], 1)
    ]
    parts.append(f"Brokers ({len(ranked)}), highest betweenness first\n" + text_table(
        ["rank", "actor", "kind", "betweenness", "why"], rows, count=False))
    rows = [[_label(G, u), _label(G, v)] for u, v in a.bridges[:top]]
    parts.append(f"Bridges ({len(a.bridges)}): ties whose removal cuts the graph apart\n"
                 + text_table(["node", "node"], rows, count=False))
    rows = []
    for i, members in enumerate(a.communities[:top]):
        by_degree = sorted(members, key=_rank_key(G, a.degree))
        names = ", ".join(_label(G, v) for v in by_degree[:4])
        more = f" and {len(members) - 4} more" if len(members) > 4 else ""
        rows.append([str(i), str(len(members)), names + more])
    parts.append(f"Communities ({len(a.communities)}), largest first\n" + text_table(
        ["community", "size", "members (most ties first)"], rows, count=False))
    return "\n".join(parts)


def format_path(hops: Sequence[Hop], fmt: str = "table") -> str:
    """A path as text: one row per relation along the way, with its evidence.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("seminar", "Ann", label="speaker", evidence="10-20")
    0
    >>> print(format_path(shortest_path(G, "seminar", "Ann"), "csv"), end="")
    step,from,relation,direction,to,evidence,source,relation_iri,role
    1,seminar,speaker,->,Ann,10-20,,,
    """
    from .results import text_table

    _check_format(fmt)
    rows = [
        (i, hop, t) for i, hop in enumerate(hops, 1) for t in hop.ties
    ]
    if fmt == "json":
        return _json([
            {"step": i, "from": str(hop.source), "from_label": hop.source_label,
             "to": str(hop.target), "to_label": hop.target_label,
             "ties": [{"relation": t.relation, "label": t.label, "role": t.role,
                       "direction": "->" if t.forward else "<-", "evidence": t.evidence,
                       "source": t.source, "claims": t.claims} for t in hop.ties]}
            for i, hop in enumerate(hops, 1)
        ])
    if fmt == "csv":
        return _csv(
            ["step", "from", "relation", "direction", "to", "evidence", "source",
             "relation_iri", "role"],
            ([i, hop.source_label, t.label, "->" if t.forward else "<-", hop.target_label,
              t.evidence, t.source, t.relation, t.role] for i, hop, t in rows),
        )
    if not hops:
        return "The start and the end are the same node.\n"
    head = (f"From {hops[0].source_label} to {hops[-1].target_label}: "
            f"{len(hops)} hop{'s' if len(hops) != 1 else ''}\n")
    return head + text_table(
        ["step", "from", "relation", "to", "evidence"],
        ([str(i), hop.source_label, t.arrow(), hop.target_label, t.evidence]
         for i, hop, t in rows),
        count=False,
    )


def format_ego(s: EgoSummary, fmt: str = "table") -> str:
    """An :class:`EgoSummary` as text.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> print(format_ego(ego_summary(G, "b")), end="")
    b  <b>
    kind: -; country: -; sector: -
    ties: 2 neighbours; community 0 (3 members)
    degree centrality 1.0000 (rank 1 of 3)
    betweenness centrality 1.0000 (rank 1 of 3)
    eigenvector centrality 0.7071 (rank 1 of 3)
    broker: articulation point
    <BLANKLINE>
    relation   neighbour  kind  evidence
    ---------  ---------  ----  --------
    -linked->  a
    -linked->  c
    """
    from .results import text_table

    _check_format(fmt)

    def other_label(t: Tie) -> str:
        return s.others[t.other][0]

    def other_kind(t: Tie) -> str:
        return s.others[t.other][1]

    if fmt == "json":
        return _json({
            "id": str(s.node), "label": s.label, "kind": s.kind, "country": s.country,
            "sector": s.sector, "neighbours": s.neighbours, "metrics": s.metrics,
            "ranks": s.ranks, "of": s.of, "community": s.community,
            "community_size": s.community_size, "broker": s.broker,
            "ties": [{"relation": t.relation, "label": t.label, "role": t.role,
                      "direction": "->" if t.forward else "<-", "neighbour": str(t.other),
                      "neighbour_label": other_label(t), "evidence": t.evidence,
                      "source": t.source} for t in s.ties],
        })
    if fmt == "csv":
        return _csv(
            ["relation", "direction", "neighbour", "neighbour_label", "kind", "evidence",
             "relation_iri", "role"],
            ([t.label, "->" if t.forward else "<-", str(t.other), other_label(t),
              other_kind(t), t.evidence, t.relation, t.role] for t in s.ties),
        )
    lines = [
        f"{s.label}  <{s.node}>",
        f"kind: {s.kind or '-'}; country: {s.country or '-'}; sector: {s.sector or '-'}",
        f"ties: {s.neighbours} neighbours; community {s.community} "
        f"({s.community_size} members)",
    ]
    for m in ("degree", "betweenness", "eigenvector"):
        lines.append(f"{m} centrality {_num(s.metrics[m])} (rank {s.ranks[m]} of {s.of})")
    lines.append(f"broker: {'; '.join(s.broker) if s.broker else 'no'}")
    table = text_table(
        ["relation", "neighbour", "kind", "evidence"],
        ([t.arrow(), other_label(t), other_kind(t), t.evidence] for t in s.ties),
        count=False,
    )
    return "\n".join(lines) + "\n\n" + table
