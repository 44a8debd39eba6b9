"""Paths and egos: the shortest connection between two nodes, and one node's place in the
graph, each with the relations and evidence of its ties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import NotFoundError
from .base import Node, as_simple, node_label
from .summary import Analysis, analyze

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["EgoSummary", "Hop", "Tie", "ego_summary", "shortest_path"]


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
        # spans as everywhere in the output: start-end, several joined by "; "
        spans = "; ".join(x.strip() for x in str(d.get("evidence", "")).split(";") if x.strip())
        ties.append(
            Tie(u, v, relation, label, str(d.get("role", "")), forward,
                spans, str(d.get("source", "")), str(d.get("claims", "")))
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
        hint = ("; persons and events are in the actors view (--view actors)"
                if view == "organisations" else "; find it with `innograph find`")
        raise NotFoundError(f"{what} {node!r} is not a node of the {view} view{hint}")
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
    H = as_simple(G)
    try:
        path = nx.shortest_path(H, source, target)
    except nx.NetworkXNoPath:
        raise NotFoundError(
            f"no path joins {node_label(G, source)!r} and {node_label(G, target)!r}: "
            "they lie in different components of the graph"
        ) from None
    return [
        Hop(a, b, node_label(G, a), node_label(G, b), tuple(_ties(G, a, b)))
        for a, b in zip(path, path[1:], strict=False)
    ]


@dataclass
class EgoSummary:
    """One node's place in the graph: its attributes, metrics, ranks, community and ties.

    ``ranks`` gives the node's place (1 is first) in each centrality ranking of ``of`` nodes:
    one more than the nodes whose value is higher, so nodes with the same value share a place;
    ``tied`` says how many other nodes share it.
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
    #: how many other nodes share the node's place in each ranking
    tied: dict[str, int] = field(default_factory=dict)


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
    ties.sort(key=lambda t: (t.label, node_label(G, t.other).casefold(), str(t.other)))
    places = {m: _place(getattr(a, m), node) for m in _RANKED}
    return EgoSummary(
        node=node,
        label=node_label(G, node),
        kind=str(attrs.get("kind", "")),
        country=str(attrs.get("country", "")),
        sector=str(attrs.get("sector", "")),
        neighbours=a.G.degree(node),
        metrics=a.metrics()[node],
        ranks={m: place for m, (place, _) in places.items()},
        of=a.nodes,
        community=community,
        community_size=len(a.communities[community]),
        broker=a.brokers.get(node, []),
        ties=ties,
        others={
            t.other: (node_label(G, t.other), str(G.nodes[t.other].get("kind", ""))) for t in ties
        },
        tied={m: tied for m, (_, tied) in places.items()},
    )


_RANKED = ("degree", "betweenness", "eigenvector")


def _place(values: dict[Node, float], node: Node) -> tuple[int, int]:
    """A node's place in a ranking (one more than the nodes valued higher, to 12 decimals, as
    the rankings compare) and how many other nodes share it.

    >>> _place({"a": 0.5, "b": 0.25, "c": 0.25, "d": 0.0}, "c")
    (2, 1)
    """
    mine = round(values[node], 12)
    rounded = [round(x, 12) for x in values.values()]
    return 1 + sum(x > mine for x in rounded), sum(x == mine for x in rounded) - 1
