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

from .base import Node, as_simple, attribute_values, igraph_graph, label_key

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["ACTOR_KINDS", "articulation_points", "bridges", "brokers", "spanning_actors"]

#: The kinds of node that can be brokers: those that act or bring actors together. Places,
#: topics and articles are context, never brokers.
ACTOR_KINDS = ("person", "group", "unit", "organisation", "event")


def articulation_points(G: nx.Graph) -> list[Node]:
    """The nodes whose removal cuts their component apart, sorted by label.

    Examples
    --------
    >>> import networkx as nx
    >>> articulation_points(nx.path_graph(["a", "b", "c", "d"]))
    ['b', 'c']
    """
    H = as_simple(G)
    nodes, g = igraph_graph(H)
    return sorted((nodes[i] for i in g.articulation_points()), key=lambda v: label_key(H, v))


def bridges(G: nx.Graph) -> list[tuple[Node, Node]]:
    """The ties whose removal cuts their component apart, each as a pair sorted by label.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    [('c', 'd')]
    """
    H = as_simple(G)
    nodes, g = igraph_graph(H)

    def key(v: Node) -> tuple[str, str]:
        return label_key(H, v)

    pairs = [
        tuple(sorted((nodes[edge.source], nodes[edge.target]), key=key))
        for edge in g.es[g.bridges()]
    ]
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
    H = as_simple(G)
    values = {v: attribute_values(a) for v, a in H.nodes(data=attribute) if a}
    out = {}
    for v, data in H.nodes(data=True):
        kind = data.get("kind")
        if kind is not None and kind not in kinds:
            continue
        carried = [values[w] for w in H.adj[v] if w in values]
        # with two carriers and two values, two different neighbours always carry two values
        if len(carried) < 2:
            continue
        covered = set().union(*carried)
        if len(covered) >= at_least:
            out[v] = sorted(covered)
    return dict(sorted(out.items(), key=lambda item: label_key(H, item[0])))


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
    H = as_simple(G)
    cut = articulation_points(H) if cut is None else cut
    reasons: dict[Node, list[str]] = {}
    for v in cut:
        kind = H.nodes[v].get("kind")
        if kind is None or kind in kinds:
            reasons.setdefault(v, []).append("articulation point")
    for attribute, name in (("country", "cross-border"), ("sector", "cross-sector")):
        for v, values in spanning_actors(H, attribute, kinds=kinds).items():
            reasons.setdefault(v, []).append(f"{name}: {', '.join(values)}")
    return dict(sorted(reasons.items(), key=lambda item: label_key(H, item[0])))
