"""What every family of analysis shares: the simple undirected graph, node labels, stable
rankings and the progress callback.

Centralities, brokers and communities are computed on the *simple undirected* version of a view
(:func:`simple_graph`): two nodes are tied when the data link them in either direction, however
many relations they share.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "IndexedGraph",
    "Node",
    "Progress",
    "collection_paused",
    "as_simple",
    "attribute_values",
    "label_key",
    "no_progress",
    "node_label",
    "rank_key",
    "simple_graph",
]

#: A progress callback: ``progress(step, done, total)``, e.g. ``("betweenness", 40, 100)``.
Progress = Callable[[str, int, int], None]

#: A node of a networkx graph.
Node = Hashable


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block that builds many objects.

    Building the arrays and listings of a large graph allocates millions of small objects, and
    each collection would walk all of them again; the analysis makes no reference cycles, so
    nothing waits for the collector. It runs again as before when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def no_progress(step: str, done: int, total: int) -> None:
    """The progress callback that reports nothing."""
    return None


def node_label(G: nx.Graph, n: Node) -> str:
    """A node's ``label`` attribute, else the node itself as text.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("a", label="Ann")
    >>> G.add_node("b")
    >>> node_label(G, "a"), node_label(G, "b")
    ('Ann', 'b')
    """
    return str(G.nodes[n].get("label") or n)


def label_key(G: nx.Graph, n: Node) -> tuple[str, str]:
    """The sort key of a node in every listing: its label (case folded), then its id."""
    return (node_label(G, n).casefold(), str(n))


def rank_key(G: nx.Graph, values: dict[Node, float]) -> Callable[[Node], tuple[Any, ...]]:
    """The sort key of a ranking: highest value first; ties (to 12 decimals) by label, then by
    node id, so that the order is stable."""
    return lambda n: (-round(values[n], 12), *label_key(G, n))


def attribute_values(text: object) -> list[str]:
    """The values of a node attribute that holds one value or several, ``;``-separated.

    Examples
    --------
    >>> attribute_values("Norway;Sweden"), attribute_values(None)
    (['Norway', 'Sweden'], [])
    """
    return [v for v in str(text or "").split(";") if v]


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
    # each neighbour once, however many parallel edges lead to it
    H.add_edges_from((u, v) for u, around in G.adj.items() for v in around if u != v)
    return H


def as_simple(G: nx.Graph) -> nx.Graph:
    """``G`` itself when it is already simple and undirected, else :func:`simple_graph`."""
    import networkx as nx

    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G) > 0:
        return simple_graph(G)
    return G


class IndexedGraph:
    """A simple undirected graph with its nodes numbered, in the array forms the algorithms
    use; one analysis builds it once and every step shares it.

    Node ``i`` is ``nodes[i]`` (networkx's order, so the same graph gives the same numbers);
    ``pairs`` holds each tie once, as an ``(m, 2)`` array, in networkx's edge order. The other
    forms are made when first asked for: the adjacency in compressed sparse rows
    (:attr:`csr`), the igraph graph (:attr:`igraph`, edge ``i`` is ``pairs[i]``) and each
    node's place in the order of every listing (:attr:`rank`, by :func:`label_key`).

    Examples
    --------
    >>> import networkx as nx
    >>> ig = IndexedGraph(nx.MultiDiGraph([("b", "a"), ("a", "b"), ("b", "c")]))
    >>> ig.nodes, ig.pairs.tolist()
    (['b', 'a', 'c'], [[0, 1], [0, 2]])
    >>> [ig.nodes[i] for i in ig.rank.argsort()]
    ['a', 'b', 'c']
    """

    def __init__(self, G: nx.Graph) -> None:
        import numpy as np

        self.H = as_simple(G)
        self.nodes: list[Node] = list(self.H)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        index = self.index
        self.pairs = np.array(
            [(index[u], index[v]) for u, v in self.H.edges()], dtype=np.int64
        ).reshape(-1, 2)

    @classmethod
    def of(cls, G: nx.Graph | IndexedGraph) -> IndexedGraph:
        """``G`` itself when it is already an :class:`IndexedGraph`, else one built from it."""
        return G if isinstance(G, IndexedGraph) else cls(G)

    def __len__(self) -> int:
        return len(self.nodes)

    @cached_property
    def csr(self) -> tuple[Any, Any]:
        """``(indptr, indices)``: the neighbours of node ``i`` are
        ``indices[indptr[i]:indptr[i + 1]]``."""
        import numpy as np

        n, pairs = len(self.nodes), self.pairs
        rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
        cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
        order = np.argsort(rows, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
        # 32-bit node numbers halve what a gather reads (up to two billion nodes)
        small = n < 2**31
        return indptr, cols[order].astype(np.int32 if small else np.int64)

    @cached_property
    def degrees(self) -> Any:
        """Each node's number of ties, as an array."""
        import numpy as np

        return np.diff(self.csr[0])

    @cached_property
    def igraph(self) -> Any:
        """The graph in igraph, vertex ``i`` for node ``i`` and edge ``i`` for ``pairs[i]``."""
        import igraph

        return igraph.Graph(n=len(self.nodes), edges=self.pairs.tolist())

    @cached_property
    def rank(self) -> Any:
        """Each node's place in the order of every listing (:func:`label_key`), as an array."""
        import numpy as np

        # label_key of every node, read in one pass over the node attributes
        keys = [(str(label or v).casefold(), str(v)) for v, label in self.H.nodes(data="label")]
        rank = np.empty(len(keys), dtype=np.int64)
        rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
        return rank

    def in_label_order(self, members: Iterable[int]) -> list[Node]:
        """The nodes numbered ``members``, in the order of every listing."""
        return [self.nodes[i] for i in sorted(members, key=self.rank.__getitem__)]
