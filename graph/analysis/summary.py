"""Every analysis of a view in one pass: :class:`Analysis` and :func:`analyze`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .base import IndexedGraph, Node, Progress, collection_paused, no_progress, rank_key
from .centrality import (
    EIGEN_SOLVERS,
    betweenness_centrality,
    degree_centrality,
    eigenvector_centrality,
)
from .community import COMMUNITY_IMPLEMENTATIONS, communities
from .structure import articulation_points, bridges, brokers

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["METRICS", "Analysis", "analyze", "node_metrics"]

#: The per-node metrics of :func:`node_metrics`, in order.
METRICS = ("degree", "betweenness", "eigenvector", "community", "broker")


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
        return sorted(values, key=rank_key(self.G, values))

    def top(self, metric: str, n: int = 10) -> list[tuple[Node, float]]:
        """The ``n`` nodes with the highest ``metric``, with their values."""
        values = getattr(self, metric)
        return [(v, values[v]) for v in self.ranking(metric)[:n]]

    def broker_ranking(self) -> list[Node]:
        """The brokers, highest betweenness first."""
        return sorted(self.brokers, key=rank_key(self.G, self.betweenness))

    def algorithms(self) -> list[str]:
        """What was computed, and how: one line per metric, naming the solvers that ran."""
        sample = "exact" if self.k is None else f"estimated from {self.k} sampled sources"
        solvers = "; ".join(EIGEN_SOLVERS[s] for s in self.eigen_solvers) or "no edges"
        return [
            "degree centrality on the simple undirected graph",
            f"betweenness centrality (Brandes), {sample}, seed {self.seed}",
            "eigenvector centrality per connected component: leading eigenvector of the "
            f"adjacency matrix ({solvers})",
            f"Louvain communities ({COMMUNITY_IMPLEMENTATIONS[self.community_method]}), "
            f"resolution {self.resolution:g}, seed {self.seed}",
            "brokers: articulation points, cross-border and cross-sector ties",
        ]

    def software(self) -> list[str]:
        """The libraries whose code computed the results, sorted: numpy always (betweenness,
        eigenvectors), networkx always (the simple graph, components), igraph always
        (articulation points, bridges, and communities by default), scipy for ARPACK.

        Examples
        --------
        >>> import networkx as nx
        >>> analyze(nx.path_graph(3)).software()
        ['igraph', 'networkx', 'numpy']
        """
        used = {"igraph", "networkx", "numpy"}
        if {"ARPACK eigsh", "power iteration"} & set(self.eigen_solvers):
            used.add("scipy")
        return sorted(used)


class _Steps:
    """Runs the steps of an analysis: times each one and reports it to ``progress``."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.timings: dict[str, float] = {}

    def run(self, step: str, fn: Callable[[], Any], *, report: bool = True) -> Any:
        t = time.perf_counter()
        out = fn()
        self.timings[step] = time.perf_counter() - t
        if report:
            self.progress(step, 1, 1)
        return out


def analyze(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int = 0,
    resolution: float = 1.0,
    progress: Progress | None = None,
    community_method: str = "igraph",
    processes: int | None = None,
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
        communities, brokers), and as the sources of betweenness are done.
    processes : int, optional
        The processes betweenness may use (see :func:`betweenness_centrality`); the values are
        the same whatever the number.

    Examples
    --------
    >>> import networkx as nx
    >>> a = analyze(nx.path_graph(["a", "b", "c"]))
    >>> a.top("betweenness", 1), a.brokers
    ([('b', 1.0)], {'b': ['articulation point']})
    """

    with collection_paused():
        return _analyze(G, k=k, seed=seed, resolution=resolution, progress=progress,
                        community_method=community_method, processes=processes)


def _analyze(
    G: nx.Graph, *, k: int | None, seed: int, resolution: float, progress: Progress | None,
    community_method: str, processes: int | None,
) -> Analysis:
    report = progress or no_progress
    started = datetime.now(UTC)
    steps = _Steps(report)
    ig = steps.run("simple graph", lambda: IndexedGraph(G))
    H = ig.H
    degree = steps.run("degree", lambda: degree_centrality(ig))
    betweenness = steps.run("betweenness", lambda: betweenness_centrality(
        ig, k, seed=seed, progress=report, processes=processes), report=False)  # reports itself
    solvers: set[str] = set()
    eigen = steps.run("eigenvector", lambda: eigenvector_centrality(ig, solvers=solvers))
    groups = steps.run("communities", lambda: communities(
        ig, seed=seed, resolution=resolution, method=community_method))
    cut = steps.run("articulation points", lambda: articulation_points(ig))
    return Analysis(
        G=H,
        view=str(G.graph.get("view", "")),
        nodes=H.number_of_nodes(),
        edges=G.number_of_edges(),
        ties=H.number_of_edges(),
        components=len(ig.igraph.connected_components()) if len(H) else 0,
        k=k if k is not None and k < len(H) else None,
        seed=seed,
        resolution=resolution,
        degree=degree,
        betweenness=betweenness,
        eigenvector=eigen,
        communities=groups,
        articulation_points=cut,
        bridges=steps.run("bridges", lambda: bridges(ig)),
        brokers=steps.run("brokers", lambda: brokers(ig, cut=cut)),
        started=started,
        ended=datetime.now(UTC),
        timings=steps.timings,
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

