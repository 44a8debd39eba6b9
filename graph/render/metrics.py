"""Network metrics on the explorer page: which are computed, and how they size and colour nodes.

A page of a view carries every node's metrics from :func:`graph.analysis.node_metrics` (degree,
betweenness and eigenvector centrality, community, broker flag), unless they are turned off.
They are listed in the side panel and the table, and the page can size and colour the nodes by
any of them. How a metric colours the nodes depends on what it is:

- ``community``, a category: a fixed palette of :data:`COMMUNITY_PALETTE` (colour-blind safe),
  community ``i`` in colour ``i``; communities past the palette share :data:`OTHER_COLOUR`.
- ``broker``, a flag: brokers in :data:`BROKER_COLOUR`, the others in :data:`NOT_BROKER_COLOUR`.
- any other metric, a number: a sequential scale (:data:`SEQUENTIAL`, reversed viridis: light
  for low values, dark for high ones) from the lowest to the highest value on the page.

A node without a value gets :data:`MISSING_COLOUR`. The page (``explorer.js``) maps values to
colours with the same arithmetic as :func:`metric_colour`, from the scales that
:func:`colour_scale` puts in the view model, so the colours in the browser are these colours.

Cost. Betweenness is the slow metric: exact on graphs of up to :data:`EXACT_METRICS` nodes,
estimated from :data:`SAMPLED_SOURCES` seeded sample sources above (the page says so). Louvain
communities come next; on a 5,000-node view all metrics together take a few seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "BROKER_COLOUR",
    "COLOUR_BY",
    "COMMUNITY_PALETTE",
    "EXACT_METRICS",
    "MISSING_COLOUR",
    "NOT_BROKER_COLOUR",
    "OTHER_COLOUR",
    "SAMPLED_SOURCES",
    "SEQUENTIAL",
    "check_metric",
    "colour_scale",
    "metric_colour",
    "order_metrics",
    "page_metrics",
    "resolve_metrics",
]

#: Betweenness is exact on views of up to this many nodes, and sampled above.
EXACT_METRICS = 1000
#: The number of sampled source nodes of betweenness on views above :data:`EXACT_METRICS`.
SAMPLED_SOURCES = 200
#: Colour by kind: the page's default colouring (shape and colour by kind).
COLOUR_BY = "kind"

#: Community colours (Paul Tol's "muted" qualitative scheme, safe for colour-blind readers).
COMMUNITY_PALETTE: tuple[str, ...] = (
    "#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee",
    "#882255", "#44aa99", "#999933", "#aa4499",
)
#: The colour of the communities past the palette.
OTHER_COLOUR = "#bbbbbb"
#: The sequential scale of numeric metrics, low to high: viridis reversed (light to dark, its
#: lightness falls steadily, so that order reads without hue).
SEQUENTIAL: tuple[str, ...] = (
    "#fde725", "#addc30", "#5ec962", "#28ae80", "#21918c",
    "#2c728e", "#3b528b", "#472d7b", "#440154",
)
BROKER_COLOUR = "#d55e00"
NOT_BROKER_COLOUR = "#dddddd"
MISSING_COLOUR = "#f2f2f2"

#: Metrics that are categories (coloured by class, never used for size).
CATEGORICAL = ("community",)
#: Metrics that are yes/no flags.
FLAGS = ("broker",)


def order_metrics(names: Iterable[str]) -> list[str]:
    """Metric names in the order of :data:`graph.analysis.METRICS`, then the others sorted.

    Examples
    --------
    >>> order_metrics(["links", "community", "degree"])
    ['degree', 'community', 'links']
    """
    from ..analysis import METRICS

    names = set(names)
    return [m for m in METRICS if m in names] + sorted(names - set(METRICS))


def check_metric(what: str, name: str | None, known: Iterable[str]) -> str:
    """``name`` if it is a metric that ``what`` (``size_by`` or ``color_by``) can use, else ``""``
    for None, and :class:`InputError` naming the ones it can use.

    Examples
    --------
    >>> check_metric("size_by", "degree", ["degree", "betweenness"])
    'degree'
    >>> check_metric("size_by", "pagerank", ["degree", "betweenness"])
    Traceback (most recent call last):
    ...
    graph.errors.InputError: size_by='pagerank' is not a metric of this page; use one of: degree, betweenness
    """
    known = list(known)
    if name is None or name == "":
        return ""
    if what == "color_by" and name == COLOUR_BY:
        return ""
    if name in known and not (what == "size_by" and name in CATEGORICAL):
        return name
    usable = [m for m in known if not (what == "size_by" and m in CATEGORICAL)]
    if what == "color_by":
        usable = [COLOUR_BY, *usable]
    if not known:
        hint = ("the page has no metrics: they were turned off (metrics=False, --no-metrics) "
                "or none were given")
    elif name in CATEGORICAL:
        hint = f"{name} is a category, not a size (colour by it instead); use one of: " + ", ".join(usable)
    else:
        hint = "use one of: " + ", ".join(usable)
    raise InputError(f"{what}={name!r} is not a metric of this page; {hint}")


def page_metrics(
    G: nx.Graph, *, exact: int = EXACT_METRICS, k: int = SAMPLED_SOURCES, seed: int = 0
) -> tuple[dict[str, dict[str, float]], str]:
    """Every node's metrics for a page of ``G``, and a note on how they were computed.

    Betweenness is exact up to ``exact`` nodes and estimated from ``k`` seeded sample sources
    above; everything else is exact (see :func:`graph.analysis.node_metrics`).

    Examples
    --------
    >>> import networkx as nx
    >>> values, note = page_metrics(nx.path_graph(["a", "b", "c"]))
    >>> values["b"]["betweenness"], note
    (1.0, 'Metrics of this view: exact.')
    >>> page_metrics(nx.path_graph(50), exact=10, k=5)[1]
    'Metrics of this view: betweenness estimated from 5 sampled sources (seed 0), as the view has 50 nodes.'
    """
    from ..analysis import node_metrics

    sampled = len(G) > exact and k < len(G)
    values = node_metrics(G, k=k if sampled else None, seed=seed)
    note = "Metrics of this view: exact."
    if sampled:
        note = (f"Metrics of this view: betweenness estimated from {k} sampled sources "
                f"(seed {seed}), as the view has {len(G)} nodes.")
    return {str(v): m for v, m in values.items()}, note


def resolve_metrics(
    G: nx.Graph, metrics: Mapping[str, Mapping[str, float]] | bool | None
) -> tuple[Mapping[str, Mapping[str, float]] | None, str]:
    """The metrics a page of ``G`` shows: computed (None or True), none (False), or as given.

    Examples
    --------
    >>> import networkx as nx
    >>> resolve_metrics(nx.path_graph(2), False)
    (None, '')
    >>> sorted(resolve_metrics(nx.path_graph(2), None)[0]["0"])
    ['betweenness', 'broker', 'community', 'degree', 'eigenvector']
    """
    if metrics is False:
        return None, ""
    if metrics is None or metrics is True:
        return page_metrics(G)
    return metrics, ""


def _kind(metric: str) -> str:
    return "categorical" if metric in CATEGORICAL else "flag" if metric in FLAGS else "sequential"


def colour_scale(metric: str, values: Iterable[float | None]) -> dict[str, Any]:
    """How ``metric`` colours nodes whose values are ``values`` (None: no value); JSON-able.

    ``type`` is ``sequential`` (``lo``, ``hi``, ``stops``), ``categorical`` (``classes``: value,
    colour and count of each community, largest first, then ``other``) or ``flag`` (``on``,
    ``off`` and their counts). Read it with :func:`metric_colour`.

    Examples
    --------
    >>> colour_scale("betweenness", [0.0, 0.5, None])["lo"], colour_scale("betweenness", [0.0, 0.5])["hi"]
    (0.0, 0.5)
    >>> colour_scale("community", [0, 1, 1])["classes"]
    [{'value': 0, 'colour': '#cc6677', 'count': 1}, {'value': 1, 'colour': '#332288', 'count': 2}]
    >>> colour_scale("broker", [1, 0, 0])["counts"]
    {'on': 1, 'off': 2}
    """
    present = [v for v in values if v is not None]
    kind = _kind(metric)
    scale: dict[str, Any] = {"type": kind, "missing": MISSING_COLOUR}
    if kind == "categorical":
        counts: dict[int, int] = {}
        for v in present:
            counts[int(v)] = counts.get(int(v), 0) + 1
        palette = len(COMMUNITY_PALETTE)
        scale["palette"] = list(COMMUNITY_PALETTE)
        scale["other"] = OTHER_COLOUR
        scale["classes"] = [{"value": c, "colour": COMMUNITY_PALETTE[c], "count": n}
                            for c, n in sorted(counts.items()) if 0 <= c < palette]
        scale["other_count"] = sum(n for c, n in counts.items() if not 0 <= c < palette)
    elif kind == "flag":
        on = sum(1 for v in present if v)
        scale.update(on=BROKER_COLOUR, off=NOT_BROKER_COLOUR,
                     counts={"on": on, "off": len(present) - on})
    else:
        scale["stops"] = list(SEQUENTIAL)
        scale["lo"] = min(present) if present else 0
        scale["hi"] = max(present) if present else 0
    return scale


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def metric_colour(scale: Mapping[str, Any], value: float | None) -> str:
    """The colour of a node whose metric is ``value``, on a scale from :func:`colour_scale`.

    On a sequential scale, ``t = (value - lo) / (hi - lo)`` (0.5 when all values are equal) is
    placed among the stops and the two nearest are mixed in sRGB, each channel rounded half up:
    ``explorer.js`` does the same arithmetic, in the same order, so both give the same colour.

    Examples
    --------
    >>> scale = colour_scale("betweenness", [0.0, 1.0])
    >>> metric_colour(scale, 0.0), metric_colour(scale, 1.0), metric_colour(scale, 0.5)
    ('#fde725', '#440154', '#21918c')
    >>> metric_colour(scale, 1 / 16)  # halfway from #fde725 to #addc30: green 225.5 → 226 (e2)
    '#d5e22b'
    >>> metric_colour(colour_scale("community", [0, 12]), 12), metric_colour(scale, None)
    ('#bbbbbb', '#f2f2f2')
    """
    if value is None:
        return str(scale["missing"])
    if scale["type"] == "categorical":
        palette = scale["palette"]
        c = int(value)
        return str(palette[c]) if 0 <= c < len(palette) else str(scale["other"])
    if scale["type"] == "flag":
        return str(scale["on"] if value else scale["off"])
    stops = scale["stops"]
    lo, hi = scale["lo"], scale["hi"]
    t = (value - lo) / (hi - lo) if hi > lo else 0.5
    t = min(1.0, max(0.0, t))
    pos = t * (len(stops) - 1)
    i = min(math.floor(pos), len(stops) - 2)
    f = pos - i
    a, b = _rgb(stops[i]), _rgb(stops[i + 1])
    return "#" + "".join(f"{math.floor(x + (y - x) * f + 0.5):02x}" for x, y in zip(a, b, strict=True))
