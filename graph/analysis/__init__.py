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
    adjacency matrix, with unit Euclidean length, from a symmetric eigensolver (numpy's
    ``eigh``; ARPACK's ``eigsh`` on components above 500 nodes, with power iteration should
    it not converge). On a disconnected graph only the component(s) with the largest leading
    eigenvalue get values above zero, as the definition implies.
community
    The number of the node's Louvain community (0 is the largest), seeded and reproducible.
broker
    1 when the node is an actor (person, group, organisation, unit or event) that is an
    articulation point (removing it cuts the graph apart), or whose neighbours lie in both
    countries (cross-border), or come from several helix sectors (cross-sector); else 0.

The library never prints: long steps report to an optional ``progress(step, done, total)``
callback. Text, CSV and JSON output of the results belong to the command line
(:mod:`graph.cli.output`).

The families, one module each
-----------------------------
:mod:`~graph.analysis.base`
    the simple undirected graph and its numbered arrays (shared by the steps of one
    analysis), labels, stable rankings, the progress callback
:mod:`~graph.analysis.centrality`
    degree, betweenness (Brandes), eigenvector (a symmetric eigensolver per component)
:mod:`~graph.analysis.structure`
    articulation points, bridges, cross-border and cross-sector actors, brokers
:mod:`~graph.analysis.community`
    Louvain communities: igraph's multilevel method, networkx's Louvain as the reference
:mod:`~graph.analysis.summary`
    :class:`Analysis`: every metric in one pass (:func:`analyze`)
:mod:`~graph.analysis.paths`
    shortest paths and ego summaries, with the relations and evidence of each tie
:mod:`~graph.analysis.rdf`
    metrics as RDF, with their provenance (PROV-O), stored back into the graph

Examples
--------
>>> import graph
>>> G = graph.load().to_networkx("actors")
>>> result = analyze(G)
>>> [G.nodes[n]["label"] for n, _ in result.top("betweenness", 2)]
['Den digitale tsunamien og kommunalt lederskap', 'Svinesundskomiteen']
"""

from .base import Node, Progress, simple_graph
from .centrality import betweenness_centrality, degree_centrality, eigenvector_centrality
from .community import COMMUNITY_METHODS, communities
from .paths import EgoSummary, Hop, Tie, ego_summary, shortest_path
from .rdf import add_metrics, metrics_graph, metrics_graph_iri
from .structure import ACTOR_KINDS, articulation_points, bridges, brokers, spanning_actors
from .summary import METRICS, Analysis, analyze, node_metrics

__all__ = [
    "ACTOR_KINDS",
    "COMMUNITY_METHODS",
    "METRICS",
    "Analysis",
    "EgoSummary",
    "Hop",
    "Node",
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
    "metrics_graph",
    "metrics_graph_iri",
    "node_metrics",
    "shortest_path",
    "simple_graph",
    "spanning_actors",
]
