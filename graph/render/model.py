"""The view model: a networkx graph turned into the plain data that the explorer page draws.

:func:`view_model` is the one place that decides what the page shows: which nodes (all, or the
best-linked ones up to a cap), where they stand, how each kind looks, how each metric sizes and
colours the nodes, which names find a node, and the evidence of each edge (with an excerpt of
the source when the text is given). The result is JSON-able and deterministic: nodes sorted by
IRI, edges by their ends, no timestamps.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..search import fold
from ..vocab import curie
from .layout import LARGE_GRAPH, TAG_CHAR_PX, TAG_PX, fit_scale, label_box, layout
from .metrics import check_metric, colour_scale, order_metrics

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DEFAULT_MAX_NODES", "EXCERPT_CONTEXT", "KIND_STYLES", "view_model"]

#: Nodes beyond this many are left out of a page (the best-linked ones are kept).
DEFAULT_MAX_NODES = 5000
#: Edge labels show at first only when there are at most this many edges.
MAX_EDGE_LABELS = 200
#: The least zoom (on a 960 × 640 canvas) at which edge labels show from the start.
READABLE_SCALE = 0.8
#: Characters of source text shown on each side of an evidence span.
EXCERPT_CONTEXT = 160
#: Significant digits of the metric values on a page (as the side panel and the table show them).
METRIC_DIGITS = 4

#: How each kind of node looks: (kind, legend label, colour, vis-network shape), legend order.
KIND_STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("person", "Person", "#0072B2", "dot"),
    ("organisation", "Organisation", "#D55E00", "square"),
    ("unit", "Unit of an organisation", "#E69F00", "square"),
    ("group", "Group of people", "#56B4E9", "triangle"),
    ("event", "Event", "#CC79A7", "star"),
    ("place", "Place", "#009E73", "triangleDown"),
    ("topic", "Topic", "#B8A600", "diamond"),
    ("article", "Source article", "#6E6E6E", "hexagon"),
    ("other", "Other", "#9A9A9A", "dot"),
)
_STYLE = {k: (label, colour, shape) for k, label, colour, shape in KIND_STYLES}

_RADIUS, _RADIUS_MIN, _RADIUS_MAX = 11.0, 7.0, 30.0
_SPAN = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_PREFIXED = ("https://", "http://", "urn:")


_short = cache(curie)


def _split(text: Any, sep: str = ";") -> list[str]:
    return [p for p in (str(text or "").split(sep)) if p.strip()]


def _number(value: Any, digits: int = 6) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    x = float(value)
    if x != x or x in (float("inf"), float("-inf")):
        raise InputError(f"a metric value must be a finite number, not {value!r}")
    return float(f"{x:.{digits}g}")


def _excerpt(text: str, start: int, end: int, context: int) -> dict[str, Any]:
    """The span of ``text`` with up to ``context`` characters each side, cut at spaces."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return {
        "before": ("… " if lo > 0 else "") + text[lo:start],
        "span": text[start:end],
        "after": text[end:hi] + (" …" if hi < len(text) else ""),
    }


def _keep(G: nx.Graph, max_nodes: int, score: Mapping[Hashable, float],
          always: Iterable[Hashable]) -> list[Hashable]:
    """The ``max_nodes`` nodes to show: the ``always`` ones, then the highest ``score``."""
    keep = [v for v in always if v in G][:max_nodes]
    rest = sorted((v for v in G if v not in set(keep)), key=lambda v: (-score[v], str(v)))
    return keep + rest[: max(0, max_nodes - len(keep))]


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
    title : str
        The page title.
    metrics : mapping, optional
        Node IRI → {metric name: number} (e.g. from :func:`graph.analysis.node_metrics`);
        listed in the side panel and the table (to :data:`METRIC_DIGITS` significant digits),
        and the page can size and colour the nodes by each.
    size_by : str, optional
        A metric name: node size grows with it (and it decides which nodes a cap keeps); the
        page opens so. Not a category (``community``).
    color_by : str, optional
        A metric name: the page opens with the nodes coloured by it (see
        :mod:`graph.render.metrics`), the kind still shown by the shape. Default (None or
        ``"kind"``): colour by kind.
    metrics_note : str
        How the metrics were computed, shown with them.
    max_nodes : int
        Show at most this many nodes (the best-linked ones, and the centre); the page says how
        many were left out and how to focus.
    names : mapping, optional
        Node IRI → every name and spelling that should find it in the search box.
    source_texts : mapping, optional
        Source IRI → its text: evidence then carries the excerpt around each span.
    links : iterable of (href, label)
        Links to the other pages of a site; ``current`` is the href of this page.
    centre : node, optional
        The node at the centre (default: the graph's ``focus``, else the best-linked node).
    focus_hint : str
        How to focus on one entity, shown when nodes are left out.
    large : int
        From this many nodes on, the fast layout is used and physics starts off.
    seed : int
        Seed of the layout.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``legend``, ``sectors``, ``evidence``, ``names``, ``metrics``,
        ``counts`` and page settings; see ``explorer.js`` for how each is drawn.

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
    >>> m["evidence"][0]["excerpt"]["span"]
    'text'
    >>> sorted(k for k, _ in m["names"])
    ['a', 'b og co']
    """
    if max_nodes < 1:
        raise InputError(f"max_nodes must be 1 or more, not {max_nodes}")
    metrics = {str(k): dict(v) for k, v in (metrics or {}).items()}
    metric_names = order_metrics({name for values in metrics.values() for name in values})
    size_by = check_metric("size_by", size_by, metric_names)
    color_by = check_metric("color_by", color_by, metric_names)

    degree = dict(G.degree())
    if size_by:
        score = {v: float(metrics.get(str(v), {}).get(size_by, 0.0)) for v in G}
    else:
        score = {v: float(degree[v]) for v in G}
    focus = G.graph.get("focus")
    if centre is None or centre not in G:
        centre = focus if focus in G else None
    if centre is None and len(G) > 1:
        # the best-linked node, when one stands out
        first, second = sorted(G, key=lambda v: (-degree[v], str(v)))[:2]
        centre = first if degree[first] > degree[second] else None
    total_nodes, total_edges = G.number_of_nodes(), G.number_of_edges()
    if total_nodes > max_nodes:
        G = G.subgraph(_keep(G, max_nodes, score, [centre] if centre is not None else []))

    order = sorted(G, key=str)
    index = {v: i for i, v in enumerate(order)}
    attrs = {v: G.nodes[v] for v in order}

    radius = {v: _RADIUS for v in order}
    if size_by:
        lo = min(score[v] for v in order) if order else 0.0
        hi = max(score[v] for v in order) if order else 0.0
        for v in order:
            t = (score[v] - lo) / (hi - lo) if hi > lo else 0.5
            radius[v] = _RADIUS_MIN + t * (_RADIUS_MAX - _RADIUS_MIN)
    raw_edges = (
        G.edges(keys=True, data=True) if G.is_multigraph()
        else ((u, v, "", d) for u, v, d in G.edges(data=True))
    )
    listed = sorted(
        ((index[u], index[v], str(d.get("relation") or key), str(d.get("label") or ""), d)
         for u, v, key, d in raw_edges),
        key=lambda e: e[:4],
    )
    is_large = len(order) > large
    edge_labels = not is_large and len(listed) <= MAX_EDGE_LABELS
    boxes = None
    tags: list[tuple[Hashable, Hashable, float]] = []
    if not is_large:
        boxes = {
            v: label_box([str(attrs[v].get(f"label{s}") or attrs[v].get("label") or v)
                          for s in ("", "_nb", "_en")], radius[v])
            for v in order
        }
        if edge_labels:
            widest: dict[tuple[int, int], list[float]] = {}
            for a, b, rel, label, _ in listed:
                pair = (min(a, b), max(a, b))
                widest.setdefault(pair, []).append(len(label or _short(rel)) * TAG_CHAR_PX)
            tags = [(order[a], order[b], max(ws), len(ws)) for (a, b), ws in widest.items()]
    pos = layout(G, centre=centre, boxes=boxes, edge_labels=tags, seed=seed, large=large)
    if tags and boxes is not None and fit_scale(pos, boxes, centre) < READABLE_SCALE:
        # the edge labels would make the picture too small to read: they show on demand
        edge_labels = False
        pos = layout(G, centre=centre, boxes=boxes, seed=seed, large=large)

    nodes = []
    name_index: set[tuple[str, int]] = set()
    for v in order:
        a = attrs[v]
        label = str(a.get("label") or a.get("iri") or v)
        labels = {lang: str(a[f"label_{lang}"]) for lang in ("nb", "en", "sv")
                  if a.get(f"label_{lang}")}
        kind = str(a.get("kind") or "other")
        if kind not in _STYLE:
            kind = "other"
        node: dict[str, Any] = {
            "id": index[v],
            "iri": str(a.get("iri") or v),
            "label": label,
            "labels": labels,
            "kind": kind,
            "degree": degree[v],
            "x": pos[v][0],
            "y": pos[v][1],
        }
        # optional fields are left out when empty, to keep large pages small
        optional = {
            "types": sorted(_short(t) for t in str(a.get("types") or "").split()),
            "sector": str(a.get("sector") or ""),
            "country": _split(a.get("country")),
            "date": str(a.get("date") or ""),
        }
        node.update((k, x) for k, x in optional.items() if x)
        if size_by:
            node["size"] = round(radius[v], 1)
        if metrics:
            node["metrics"] = {k: _number(x, METRIC_DIGITS)
                               for k, x in sorted(metrics.get(str(v), {}).items())}
        nodes.append(node)
        for name in {label, *labels.values(), *(names or {}).get(str(v), ())}:
            key = fold(str(name))
            if key:
                name_index.add((key, index[v]))

    source_label = {
        str(attrs[v].get("iri") or v): str(attrs[v].get("label") or v)
        for v in order if attrs[v].get("kind") == "article"
    }
    evidence: list[dict[str, Any]] = []
    evidence_id: dict[tuple[str, int, int], int] = {}
    sources: list[dict[str, str]] = []
    source_id: dict[str, int] = {}

    def cite(source: str, start: int, end: int) -> int:
        key = (source, start, end)
        if key not in evidence_id:
            if source not in source_id:
                source_id[source] = len(sources)
                sources.append({"iri": source, "label": source_label.get(source, _short(source))})
            entry: dict[str, Any] = {"source": source_id[source], "start": start, "end": end}
            text = (source_texts or {}).get(source)
            if text is not None and 0 <= start <= end <= len(text):
                entry["excerpt"] = _excerpt(text, start, end, EXCERPT_CONTEXT)
            evidence_id[key] = len(evidence)
            evidence.append(entry)
        return evidence_id[key]

    # parallel edges (either direction) share one line: stack their labels on it
    bundle: dict[tuple[int, int], int] = {}
    for a, b, *_ in listed:
        bundle[(min(a, b), max(a, b))] = bundle.get((min(a, b), max(a, b)), 0) + 1
    seen: dict[tuple[int, int], int] = {}
    edges = []
    for i, (a, b, relation, label, d) in enumerate(listed):
        pair = (min(a, b), max(a, b))
        nth = seen.get(pair, 0)
        seen[pair] = nth + 1
        spans = _split(d.get("evidence"))
        span_sources = _split(d.get("evidence_sources"))
        fallback = _split(d.get("source"))
        cited = []
        for j, span in enumerate(spans):
            m = _SPAN.match(span)
            source = span_sources[j] if j < len(span_sources) else (fallback[0] if len(fallback) == 1 else "")
            if m:
                cited.append(cite(source, int(m.group(1)), int(m.group(2))))
        edge: dict[str, Any] = {
            "id": i,
            "from": a,
            "to": b,
            "label": label or _short(relation),
            "relation": _short(relation) if relation else "",
            "evidence": sorted(set(cited)),
            "claims": [_short(c) for c in _split(d.get("claims"))],
        }
        if d.get("role"):
            edge["role"] = _short(str(d["role"]))
        if d.get("heads"):
            edge["heads"] = True
        if d.get("during"):
            edge["during"] = str(d["during"])
        if d.get("weight") is not None:
            edge["weight"] = _number(d["weight"])
        if d.get("via"):
            edge["via"] = _split(d["via"])
        if bundle[pair] > 1:
            edge["shift"] = round((nth - (bundle[pair] - 1) / 2) * TAG_PX, 1)
        edges.append(edge)

    kinds: dict[str, int] = {}
    sectors: dict[str, int] = {}
    for node in nodes:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
        sectors[node.get("sector", "")] = sectors.get(node.get("sector", ""), 0) + 1
    legend = [
        {"kind": k, "label": label, "colour": colour, "shape": shape, "count": kinds[k]}
        for k, label, colour, shape in KIND_STYLES if k in kinds
    ]
    left_out = total_nodes - len(nodes)
    return {
        "title": title,
        "view": str(G.graph.get("view") or ""),
        "directed": G.is_directed(),
        "large": is_large,
        "edge_labels": edge_labels,
        # a large graph is shown whole, around its middle, unless it has a focus
        "centre": index[centre] if centre in index and (not is_large or centre == focus) else None,
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "sectors": [{"sector": s, "count": c} for s, c in sorted(sectors.items())],
        "evidence": evidence,
        "sources": sources,
        "names": sorted([k, i] for k, i in name_index),
        "metrics": metric_names,
        "metrics_note": metrics_note if metric_names else "",
        "scales": {m: colour_scale(m, [n["metrics"].get(m) for n in nodes]) for m in metric_names},
        "size_by": size_by,
        "color_by": color_by,
        "radius": {"default": _RADIUS, "min": _RADIUS_MIN, "max": _RADIUS_MAX},
        "counts": {
            "nodes": len(nodes), "edges": len(edges),
            "graph_nodes": total_nodes, "graph_edges": total_edges, "left_out": left_out,
        },
        "focus_hint": focus_hint if left_out else "",
        "links": [{"href": h, "label": lbl, "current": h == current} for h, lbl in links],
    }
