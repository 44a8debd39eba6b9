"""The facade's views: network projections, their analysis, files and the explorer page.

:class:`ViewMethods` is part of :class:`~graph.kg.KnowledgeGraph`; use them from there. The
layers they reach (network, analysis, render) build on the facade, so they are imported when a
method runs, never when this module is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .analysis import Analysis, EgoSummary, Hop
    from .analysis import Progress as StepProgress
    from .kg import KnowledgeGraph
    from .render import HtmlView

__all__ = ["ViewMethods"]


def _facade(methods: ViewMethods) -> KnowledgeGraph:
    """The knowledge graph these methods belong to (they are only ever part of one)."""
    return cast("KnowledgeGraph", methods)


class ViewMethods:
    """Networks, analyses and explorer pages of a knowledge graph (lazy imports inside)."""

    def to_networkx(
        self,
        view: str = "actors",
        *,
        focus: str | None = None,
        depth: int = 1,
        query: str | None = None,
        as_of: str | None = None,
        evidence: bool = True,
    ) -> nx.Graph:
        """The graph as a networkx graph: ``actors``, ``organisations``, ``ego`` or ``query``.

        See :mod:`graph.network` for what becomes a node and an edge in each view; with
        ``as_of`` (``YYYY-MM-DD``), what the view shows on that day (see :mod:`graph.asof`).
        ``evidence=False`` leaves the actor view's edge evidence out (read twice as fast).

        Examples
        --------
        >>> from graph import load
        >>> G = load().to_networkx("ego", focus="Unni Skår")
        >>> G.number_of_nodes()
        4
        >>> load().to_networkx(as_of="2018-01-08").number_of_edges()
        30
        """
        from .network import to_networkx

        G = to_networkx(
            _facade(self), view, focus=focus, depth=depth, query=query, evidence=evidence
        )
        if as_of is None:
            return G
        from .asof import as_of as on_day

        return on_day(G, as_of)

    def analyze(
        self, view: str = "actors", *, k: int | None = None, seed: int = 0,
        progress: StepProgress | None = None, as_of: str | None = None,
        processes: int | None = None,
    ) -> Analysis:
        """Centralities, brokers and communities of a view (see :func:`graph.analysis.analyze`),
        as of a day when ``as_of`` is given (``YYYY-MM-DD``; see :mod:`graph.asof`);
        ``processes`` caps the processes betweenness may share its sources among (by default
        one per core, for large views).

        Examples
        --------
        >>> from graph import load
        >>> [str(n).rsplit("/", 1)[1] for n in load().analyze().broker_ranking()][:2]
        ['2018-01-08-digital-tsunami-seminar', 'svinesundskomiteen']
        """
        from .analysis import analyze

        # an analysis reads the structure and the nodes' attributes, never the evidence
        G = self.to_networkx(view, as_of=as_of, evidence=False)
        return analyze(G, k=k, seed=seed, progress=progress, processes=processes)

    def shortest_path(self, source: str, target: str, *, view: str = "actors") -> list[Hop]:
        """The shortest connection between two entities, given by name or IRI, with evidence.

        Examples
        --------
        >>> from graph import load
        >>> [h.target_label for h in load().shortest_path("Unni Skår", "Jon-Vidar Knold")]
        ['Den digitale tsunamien og kommunalt lederskap', 'Jon-Vidar Knold']
        """
        from .analysis import shortest_path

        kg = _facade(self)
        return shortest_path(self.to_networkx(view), kg.resolve(source), kg.resolve(target))

    def ego_summary(
        self, name: str, *, view: str = "actors", k: int | None = None, seed: int = 0
    ) -> EgoSummary:
        """One entity's ties, metrics, ranks, community and broker roles within a view."""
        from .analysis import analyze, ego_summary

        G = self.to_networkx(view)
        return ego_summary(G, _facade(self).resolve(name), analyze(G, k=k, seed=seed))

    def add_metrics(
        self, view: str = "actors", *, k: int | None = None, seed: int = 0,
        progress: StepProgress | None = None, analysis: Analysis | None = None,
    ) -> str:
        """Store a view's metrics as RDF in their own named graph, with their provenance.

        Returns the named graph's IRI; see :func:`graph.analysis.metrics_graph`. The named
        query ``top-brokers`` reads them. ``analysis`` reuses an analysis of the view.
        """
        from .analysis import add_metrics

        return add_metrics(_facade(self), view, k=k, seed=seed, progress=progress,
                           analysis=analysis)

    def export_network(
        self, path: str | Path, *, view: str = "actors", format: str | None = None
    ) -> list[Path]:
        """Write a view as GEXF, GraphML or CSV (see :func:`graph.network.write_network`)."""
        from .network import write_network

        return write_network(self.to_networkx(view), path, format)

    def render_html(
        self,
        view: str = "actors",
        *,
        focus: str | None = None,
        depth: int = 1,
        query: str | None = None,
        path: str | Path | None = None,
        source_texts: dict[str, str] | None = None,
        metrics: dict[str, dict[str, float]] | bool | None = None,
        size_by: str | None = None,
        color_by: str | None = None,
        max_nodes: int | None = None,
        as_of: str | None = None,
    ) -> HtmlView:
        """An interactive explorer page of a view: one self-contained HTML file.

        The page draws the view (colour and shape by kind, with a legend), finds nodes by any
        name, filters by kind and helix sector, and shows each node's names, posts and links
        and each edge's evidence in a side panel. It loads nothing from the network. In Jupyter
        the returned :class:`~graph.render.HtmlView` displays inline; it is also the HTML string.

        Parameters
        ----------
        view : {"actors", "organisations", "ego", "query"}
        focus, depth : the entity and the number of links out, for the ego view
        query : SPARQL text (CONSTRUCT, or SELECT ?s ?p ?o), for the query view
        path : file to write the page to, optional
        source_texts : source IRI → text; evidence then shows the excerpt with the span marked
        metrics : by default the view's network metrics (degree, betweenness, eigenvector,
            community, broker; betweenness sampled above 1,000 nodes), listed in the side
            panel and the table; False leaves them out; or node IRI → {metric name: number}
        size_by : a metric name that scales the nodes when the page opens
        color_by : a metric name that colours the nodes when the page opens (default: kind)
        max_nodes : views of more nodes open on the overview of their groups (default 1,500);
            nothing is left out
        as_of : a day (``YYYY-MM-DD``): the page opens on the view as of that day, with its
            date control set (the whole view is in the page; the control changes the day)

        Examples
        --------
        >>> from graph import load
        >>> page = load().render_html("ego", focus="Svinesundskomiteen")
        >>> page.startswith("<!DOCTYPE html>"), "cdn" in page.lower()
        (True, False)
        """
        from .render import DEFAULT_MAX_NODES, render_kg

        page = render_kg(
            _facade(self), view, focus=focus, depth=depth, query=query, source_texts=source_texts,
            metrics=metrics, size_by=size_by, color_by=color_by,
            max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes, as_of=as_of,
        )
        if path is not None:
            page.save(path)
        return page
