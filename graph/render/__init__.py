"""The interactive network explorer: self-contained HTML pages of the graph's views.

A page is one file that loads nothing from the network: vis-network (pyvis's bundled copy) and
our own script and styles are inlined, and the data sit in JSON blocks (settings and groups
first, then the node, edge, name and evidence tables, see :mod:`graph.render.page`). Open it from disk,
offline; move it anywhere.

- :func:`view_model` turns a networkx graph (from :func:`graph.network.to_networkx`) into the
  data that the page draws: nodes with positions, edges with their evidence, legend, names;
  a view of more than :data:`DEFAULT_MAX_NODES` nodes also gets the overview of its groups
  (:mod:`graph.render.overview`), on which the page opens.
- :func:`render_page` turns a view model into the HTML; :func:`render_graph` does both, with
  the network metrics of :mod:`graph.render.metrics` (which size and colour nodes on demand).
- :func:`render_kg` renders a view of a :class:`~graph.kg.KnowledgeGraph`, and
  :func:`build_site` writes the whole site (pages and RDF exports).
- :class:`HtmlView` is the HTML, which also shows inline in Jupyter.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("ex:a", "ex:b")
>>> page = render_graph(G, title="Two nodes")
>>> page.count('type="application/json"')
5
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .layout import LARGE_GRAPH
from .metrics import EXACT_METRICS, SAMPLED_SOURCES, metric_colour, page_metrics, resolve_metrics
from .model import DEFAULT_MAX_NODES, KIND_STYLES, view_model
from .overview import OVERVIEW_NODES, overview
from .page import HtmlView, json_for_script, page_data, render_page
from .site import PAGES, SiteResult, build_site, read_source_texts, render_kg

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "DEFAULT_MAX_NODES",
    "EXACT_METRICS",
    "KIND_STYLES",
    "LARGE_GRAPH",
    "OVERVIEW_NODES",
    "PAGES",
    "SAMPLED_SOURCES",
    "HtmlView",
    "SiteResult",
    "build_site",
    "json_for_script",
    "metric_colour",
    "overview",
    "page_data",
    "page_metrics",
    "read_source_texts",
    "render_graph",
    "render_kg",
    "render_page",
    "view_model",
]


def render_graph(
    G: nx.Graph,
    *,
    metrics: Mapping[str, Mapping[str, float]] | bool | None = None,
    **options: Any,
) -> HtmlView:
    """The explorer page of a networkx graph; ``options`` are those of :func:`view_model`.

    ``metrics``: None (default) computes them with :func:`page_metrics`, False leaves them
    out, a mapping (node → {name: number}) gives them.

    Examples
    --------
    >>> import networkx as nx
    >>> page = render_graph(nx.path_graph(3), color_by="betweenness")
    >>> '"color_by":"betweenness"' in page, '"metrics":[]' in render_graph(nx.path_graph(3), metrics=False)
    (True, True)
    """
    values, note = resolve_metrics(G, metrics)
    options.setdefault("metrics_note", note)
    return HtmlView(render_page(view_model(G, metrics=values, **options)))
