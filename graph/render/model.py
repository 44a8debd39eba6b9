"""The view model: a networkx graph turned into the plain data that the explorer page draws.

:func:`view_model` is the one place that decides what the page shows: every node and edge, drawn
one by one or, above a size, opening on the overview of their groups (:mod:`.overview`); where
they stand, how each kind looks, how each metric sizes and
colours the nodes, which names find a node, and the evidence of each edge (with an excerpt of
the source when the text is given). The result is deterministic: nodes sorted by IRI, edges by
their ends, no timestamps; the nodes, edges and evidence are tables kept as columns
(:mod:`.tables`), read as lists of dicts.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..analysis.base import collection_paused
from ..errors import InputError
from .layout import (
    CHAR_PX,
    LABEL_GAP,
    LARGE_GRAPH,
    LINE_PX,
    TAG_CHAR_PX,
    WRAP_PX,
    fit_scale,
    label_box,
    layout,
)
from .metrics import check_metric, colour_scale, order_metrics
from .overview import OVERVIEW_NODES, Overview, overview
from .tables import (
    EXCERPT_CONTEXT,
    KIND_STYLES,
    Listed,
    edge_table,
    legends,
    node_table,
    short_iri,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DEFAULT_MAX_NODES", "EXCERPT_CONTEXT", "KIND_STYLES", "view_model"]

#: Views of more nodes than this open on the overview of their groups (nothing is left out).
DEFAULT_MAX_NODES = OVERVIEW_NODES
#: Edge labels show at first only when there are at most this many edges.
MAX_EDGE_LABELS = 200
#: The least zoom (on a 960 × 640 canvas) at which edge labels show from the start.
READABLE_SCALE = 0.8
_RADIUS, _RADIUS_MIN, _RADIUS_MAX = 11.0, 7.0, 30.0
#: The label measures of :mod:`.layout`, which the page uses to frame the picture as Python did.
TEXT_METRICS = {"wrap_px": WRAP_PX, "char_px": CHAR_PX, "line_px": LINE_PX, "label_gap": LABEL_GAP}


def view_model(
    G: nx.Graph,
    *,
    title: str = "",
    metrics: Mapping[str, Mapping[str, float]] | None = None,
    size_by: str | None = None,
    color_by: str | None = None,
    metrics_note: str = "",
    max_nodes: int = DEFAULT_MAX_NODES,
    names: Mapping[str, Iterable[str]] | None = None,
    source_texts: Mapping[str, str] | None = None,
    links: Iterable[tuple[str, str]] = (),
    current: str = "",
    centre: Hashable | None = None,
    focus_hint: str = "",
    large: int = LARGE_GRAPH,
    seed: int = 7,
) -> dict[str, Any]:
    """Turn a graph from :func:`graph.network.to_networkx` into the data the page draws.

    Parameters
    ----------
    G : networkx graph
        Nodes keyed by IRI with the attributes of :mod:`graph.network` (``label``, ``kind``,
        ...); missing attributes are taken as empty.
    metrics : mapping, optional
        Node IRI → {metric name: number}, listed in the panel and the table (to
        :data:`~graph.render.tables.METRIC_DIGITS` digits); ``size_by`` (not a category) and ``color_by`` (see
        :mod:`graph.render.metrics`; default: the kind) name the ones the page opens with, and
        ``metrics_note`` says how they were computed.
    max_nodes : int
        Views of more nodes open on the overview of their groups (:mod:`.overview`): every
        node is still on the page, each group opens on click, the search reaches any node.
    names, source_texts : mapping, optional
        Node IRI → the names that find it; source IRI → its text (for evidence excerpts).
    links, current, title, focus_hint : optional
        Links to the site's other pages ((href, label), ``current`` is this page's), the page
        title, and how to focus on one entity (shown on the overview).
    centre : node, optional
        The node at the centre (default: the graph's ``focus``, else a clear hub).
    large, seed : int
        From ``large`` nodes on, the fast layout is used and labels wait for a zoom; the seed
        of the layout.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``legend``, ``sectors``, ``evidence``, ``names``, ``metrics``,
        ``counts``, ``overview`` (the groups of a large view, else None) and page settings.
        ``nodes``, ``edges`` and ``evidence`` are tables kept as columns
        (:class:`~graph.render.columns.Table`), read as sequences of dicts. In an overview the
        nodes stand at (0, 0): the page lays out a group as it opens.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("ex:a", label="A", kind="person")
    >>> G.add_node("ex:b", label="B & Co", kind="organisation")
    >>> G.add_edge("ex:a", "ex:b", label="member", evidence="5-9", source="ex:text")
    >>> m = view_model(G, source_texts={"ex:text": "Some text here."})
    >>> m["counts"]["nodes"], m["counts"]["edges"], [n["label"] for n in m["nodes"]]
    (2, 1, ['A', 'B & Co'])
    >>> m["evidence"][0]["excerpt"]["span"], sorted(k for k, _ in m["names"])
    ('text', ['a', 'b og co'])
    """
    if max_nodes < 1:
        raise InputError(f"max_nodes must be 1 or more, not {max_nodes}")
    metrics = {str(k): dict(v) for k, v in (metrics or {}).items()}
    metric_names = order_metrics({name for values in metrics.values() for name in values})
    size_by = check_metric("size_by", size_by, metric_names)
    color_by = check_metric("color_by", color_by, metric_names)
    with collection_paused():  # a large view builds millions of small objects
        model = _content(G, metrics, metric_names, size_by, max_nodes=max_nodes, centre=centre,
                         seed=seed, large=large, names=names, source_texts=source_texts)
    model.update(_settings(G, model, metric_names, title=title, metrics_note=metrics_note,
                           size_by=size_by, color_by=color_by, focus_hint=focus_hint,
                           links=links, current=current))
    return model


def _settings(G: nx.Graph, model: dict[str, Any], metric_names: list[str], *, title: str,
              metrics_note: str, size_by: str, color_by: str, focus_hint: str,
              links: Iterable[tuple[str, str]], current: str) -> dict[str, Any]:
    """The page settings of a view model: title, metrics and their scales, sizes, links."""
    return {
        "title": title,
        "view": str(G.graph.get("view") or ""),
        "directed": G.is_directed(),
        "metrics": metric_names,
        "metrics_note": metrics_note if metric_names else "",
        "scales": {m: colour_scale(m, model["nodes"].columns["metrics"][m]) for m in metric_names},
        "size_by": size_by,
        "color_by": color_by,
        "radius": {"default": _RADIUS, "min": _RADIUS_MIN, "max": _RADIUS_MAX},
        "text": TEXT_METRICS,
        "focus_hint": focus_hint if model["overview"] is not None else "",
        "links": [{"href": h, "label": lbl, "current": h == current} for h, lbl in links],
    }


def _content(G: nx.Graph, metrics: Mapping[str, Mapping[str, float]], metric_names: list[str],
             size_by: str, *,
             max_nodes: int, centre: Hashable | None, seed: int, large: int,
             names: Mapping[str, Iterable[str]] | None,
             source_texts: Mapping[str, str] | None) -> dict[str, Any]:
    """The nodes, edges, evidence, names, legends and counts of a page, and its overview."""
    degree = dict(G.degree())
    if size_by:
        score = {v: float(metrics.get(str(v), {}).get(size_by, 0.0)) for v in G}
    else:
        score = {v: float(degree[v]) for v in G}
    focus = G.graph.get("focus")
    centre = _centre(G, degree, centre)
    order = sorted(G, key=str)
    index = {v: i for i, v in enumerate(order)}
    radius = _radii(order, score if size_by else None)
    listed = _listed(G, index)
    over = None
    if len(order) > max_nodes:
        over = _overview(G, listed, max_nodes, metrics, seed)
        # the page lays out each group when it opens (graph/render/explorer-overview.js)
        pos: dict[Hashable, tuple[float, float]] = dict.fromkeys(order, (0, 0))
        edge_labels = False
    else:
        pos, edge_labels = _drawing(G, order, listed, radius, centre, seed, large)
    nodes, names_index = node_table(G, order, degree, pos, radius if size_by else None,
                                metrics, metric_names, names)
    if over is not None:
        leaf = over.leaf
        nodes.columns["group"] = [leaf.get(v, -1) for v in order]
    evidence, sources, edges = edge_table(listed, order, G, source_texts)
    is_large = len(order) > large
    return {
        "large": is_large,
        "edge_labels": edge_labels,
        # a large graph is shown whole, around its middle, unless it has a focus
        "centre": index[centre] if centre in index and (not is_large or centre == focus) else None,
        "nodes": nodes,
        "edges": edges,
        **legends(nodes),
        "evidence": evidence,
        "sources": sources,
        "names": names_index,
        "counts": {
            "nodes": len(nodes), "edges": len(edges),
            "graph_nodes": len(nodes), "graph_edges": len(edges), "left_out": 0,
            "isolated": len(over.isolated) if over is not None else 0,
        },
        "overview": None if over is None else {
            "groups": over.groups, "edges": over.group_edges, "limit": max_nodes,
            "isolated": [index[v] for v in over.isolated],
        },
    }


def _centre(G: nx.Graph, degree: Mapping[Hashable, int], centre: Hashable | None) -> Hashable | None:
    """The node at the centre: the one given, else the graph's focus, else a clear hub."""
    focus = G.graph.get("focus")
    if centre is None or centre not in G:
        centre = focus if focus in G else None
    if centre is None and len(G) > 1:
        # the best-linked node, when one stands out
        first, second = heapq.nsmallest(2, G, key=lambda v: (-degree[v], str(v)))
        centre = first if degree[first] > degree[second] else None
    return centre


def _radii(order: list[Hashable], score: Mapping[Hashable, float] | None) -> dict[Hashable, float]:
    """Each node's radius: the default, or from ``score`` between the least and the most."""
    if score is None or not order:
        return {v: _RADIUS for v in order}
    lo, hi = min(score[v] for v in order), max(score[v] for v in order)
    return {v: _RADIUS_MIN + ((score[v] - lo) / (hi - lo) if hi > lo else 0.5)
            * (_RADIUS_MAX - _RADIUS_MIN) for v in order}




def _listed(G: nx.Graph, index: Mapping[Hashable, int]) -> Listed:
    """The edges as (from, to, relation, label, data), sorted."""
    raw_edges = (
        G.edges(keys=True, data=True) if G.is_multigraph()  # type: ignore[call-overload]
        else ((u, v, "", d) for u, v, d in G.edges(data=True))
    )
    return sorted(
        ((index[u], index[v], str(d.get("relation") or key), str(d.get("label") or ""), d)
         for u, v, key, d in raw_edges),
        key=lambda e: e[:4],
    )


def _overview(G: nx.Graph, listed: Listed, limit: int, metrics: Mapping[str, Mapping[str, float]],
              seed: int) -> Overview:
    """The groups of a view too large to draw node by node (by its communities if known)."""
    community = None
    if metrics and all("community" in metrics.get(str(v), {}) for v in G):
        community = {v: int(metrics[str(v)]["community"]) for v in G}
    import numpy as np

    ends = np.fromiter((k for e in listed for k in e[:2]), dtype=np.int64, count=2 * len(listed))
    return overview(G, limit=limit, seed=seed, community=community, layouts=False, ends=ends)


def _drawing(G: nx.Graph, order: list[Hashable], listed: Listed, radius: Mapping[Hashable, float],
             centre: Hashable | None, seed: int, large: int,
             ) -> tuple[dict[Hashable, tuple[float, float]], bool]:
    """Positions of a view drawn node by node, and whether its edge labels show at first."""
    is_large = len(order) > large
    edge_labels = not is_large and len(listed) <= MAX_EDGE_LABELS
    boxes = None
    tags: list[tuple[Hashable, Hashable, float, int]] = []
    if not is_large:
        boxes = {
            v: label_box([str(G.nodes[v].get(f"label{s}") or G.nodes[v].get("label") or v)
                          for s in ("", "_nb", "_en")], radius[v])
            for v in order
        }
        if edge_labels:
            widest: dict[tuple[int, int], list[float]] = {}
            for a, b, rel, label, _ in listed:
                pair = (min(a, b), max(a, b))
                widest.setdefault(pair, []).append(len(label or short_iri(rel)) * TAG_CHAR_PX)
            tags = [(order[a], order[b], max(ws), len(ws)) for (a, b), ws in widest.items()]
    pos = layout(G, centre=centre, boxes=boxes, edge_labels=tags, seed=seed, large=large)
    if tags and boxes is not None and fit_scale(pos, boxes, centre) < READABLE_SCALE:
        # the edge labels would make the picture too small to read: they show on demand
        edge_labels = False
        pos = layout(G, centre=centre, boxes=boxes, seed=seed, large=large)
    return pos, edge_labels


