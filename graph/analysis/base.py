"""What every family of analysis shares: the simple undirected graph, node labels, stable
rankings and the progress callback.

Centralities, brokers and communities are computed on the *simple undirected* version of a view
(:func:`simple_graph`): two nodes are tied when the data link them in either direction, however
many relations they share.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "Node",
    "Progress",
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
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def as_simple(G: nx.Graph) -> nx.Graph:
    """``G`` itself when it is already simple and undirected, else :func:`simple_graph`."""
    import networkx as nx

    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G) > 0:
        return simple_graph(G)
    return G


def igraph_graph(H: nx.Graph) -> tuple[list[Node], Any]:
    """A simple undirected networkx graph as an igraph graph, with the node of each vertex.

    Vertex ``i`` is ``nodes[i]``; the nodes keep their networkx order, so the result is the
    same for the same graph.

    Examples
    --------
    >>> import networkx as nx
    >>> nodes, g = igraph_graph(nx.Graph([("a", "b"), ("b", "c")]))
    >>> nodes, g.vcount(), g.ecount()
    (['a', 'b', 'c'], 3, 2)
    """
    import igraph

    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()])
    return nodes, g
