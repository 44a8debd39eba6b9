"""Metrics as RDF: a named graph of each node's metrics, with its provenance (PROV-O): the
activity that made it, the algorithms and solvers that ran, the seed, the data it used.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..vocab import ID
from .base import Progress
from .summary import Analysis, analyze

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from rdflib import Dataset, Graph, URIRef

    from ..kg import KnowledgeGraph

__all__ = ["SOFTWARE_PAGES", "add_metrics", "metrics_graph", "metrics_graph_iri"]


def metrics_graph_iri(view: str) -> str:
    """The named graph that holds the metrics of a view.

    Examples
    --------
    >>> metrics_graph_iri("actors")
    'https://w3id.org/innograph/id/analysis/actors'
    """
    return f"{ID}analysis/{view}"


def metrics_graph(
    G: nx.Graph,
    *,
    analysis: Analysis | None = None,
    k: int | None = None,
    seed: int = 0,
    used: Iterable[str] = (),
    progress: Progress | None = None,
) -> Dataset:
    """The metrics of every IRI node as RDF: a named graph, marked as derived.

    The named graph (:func:`metrics_graph_iri`) holds, for each node, ``ig:degreeCentrality``,
    ``ig:betweennessCentrality``, ``ig:eigenvectorCentrality`` (xsd:double), ``ig:community``
    (xsd:integer) and ``ig:isBroker`` (xsd:boolean). The default graph says how it was made:
    the named graph is a ``prov:Entity`` ``prov:wasGeneratedBy`` a ``prov:Activity`` with
    ``ig:algorithm`` lines, ``ig:randomSeed``, ``ig:sampleSize`` (when sampled),
    ``prov:startedAtTime``, ``prov:endedAtTime``, ``prov:used`` (the graphs it read) and
    ``prov:wasAssociatedWith`` each library whose code ran
    (:meth:`Analysis.software`).

    Parameters
    ----------
    analysis : Analysis, optional
        The analysis of ``G``; computed with ``k``, ``seed`` and ``progress`` when omitted.
    used : iterable of str
        The IRIs of the data the view was projected from (e.g. its claim graphs).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(["https://example.org/a", "https://example.org/b"])
    >>> G.graph["view"] = "demo"
    >>> ds = metrics_graph(G)
    >>> len(ds.graph(metrics_graph_iri("demo")))
    10
    """
    from rdflib import Dataset, URIRef

    from ..vocab import PREFIXES

    a = analysis or analyze(G, k=k, seed=seed, progress=progress)
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    name = URIRef(metrics_graph_iri(a.view or "graph"))
    _add_node_metrics(ds.graph(name), a)
    _add_provenance(ds.default_graph, name, a, used)
    return ds


#: The home page of each library an analysis may run (see :meth:`Analysis.software`): the
#: IRI of its prov:SoftwareAgent.
SOFTWARE_PAGES = {
    "igraph": "https://igraph.org/python/",
    "networkx": "https://networkx.org/",
    "numpy": "https://numpy.org/",
    "scipy": "https://scipy.org/",
}


def _add_node_metrics(g: Graph, a: Analysis) -> None:
    """The five metrics of every IRI node of the analysis, into ``g``."""
    from rdflib import Literal, URIRef

    from ..vocab import IG, XSD

    for node, m in sorted(a.metrics().items(), key=lambda item: str(item[0])):
        if not str(node).startswith(("http://", "https://", "urn:")):
            continue
        s = URIRef(str(node))
        g.add((s, IG.degreeCentrality, Literal(m["degree"], datatype=XSD.double)))
        g.add((s, IG.betweennessCentrality, Literal(m["betweenness"], datatype=XSD.double)))
        g.add((s, IG.eigenvectorCentrality, Literal(m["eigenvector"], datatype=XSD.double)))
        g.add((s, IG.community, Literal(int(m["community"]), datatype=XSD.integer)))
        g.add((s, IG.isBroker, Literal(bool(m["broker"]))))


def _add_provenance(d: Graph, name: URIRef, a: Analysis, used: Iterable[str]) -> None:
    """How the metrics graph ``name`` was made, into the default graph ``d``."""
    from importlib.metadata import PackageNotFoundError, version

    from rdflib import Literal, URIRef

    from ..vocab import IG, PROV, RDF, RDFS, XSD

    view = a.view or "graph"
    activity = URIRef(f"{name}/activity")
    d.add((name, RDF.type, PROV.Entity))
    d.add((name, RDFS.label, Literal(f"network metrics of the {view} view", lang="en")))
    d.add((name, RDFS.label, Literal(f"nettverksmål for visningen {view}", lang="nb")))
    d.add((name, PROV.wasGeneratedBy, activity))
    d.add((activity, RDF.type, PROV.Activity))
    d.add((activity, RDFS.label, Literal(f"network analysis of the {view} view", lang="en")))
    for line in a.algorithms():
        d.add((activity, IG.algorithm, Literal(line)))
    d.add((activity, IG.randomSeed, Literal(a.seed, datatype=XSD.integer)))
    if a.k is not None:
        d.add((activity, IG.sampleSize, Literal(a.k, datatype=XSD.integer)))
    for when, prop in ((a.started, PROV.startedAtTime), (a.ended, PROV.endedAtTime)):
        stamp = when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
        d.add((activity, prop, Literal(stamp, datatype=XSD.dateTime)))
    for iri in sorted(set(used)):
        d.add((activity, PROV.used, URIRef(iri)))
    for library in a.software():
        agent = URIRef(SOFTWARE_PAGES[library])
        try:
            named = f"{library} {version(library)}"
        except PackageNotFoundError:  # pragma: no cover - every library is a dependency
            named = library
        d.add((activity, PROV.wasAssociatedWith, agent))
        d.add((agent, RDF.type, PROV.SoftwareAgent))
        d.add((agent, RDFS.label, Literal(named)))


_DATA_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _insert_data(ds: Dataset) -> str:
    """A SPARQL ``INSERT DATA`` of every quad of ``ds`` (terms in N-Triples form), sorted."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    graphs: dict[str, list[str]] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        key = "" if name is None or name == DATASET_DEFAULT_GRAPH_ID else name.n3()
        graphs.setdefault(key, []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    parts = []
    for key, triples in sorted(graphs.items()):
        body = "\n".join(sorted(triples))
        parts.append(body if not key else f"GRAPH {key} {{\n{body}\n}}")
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


def add_metrics(
    kg: KnowledgeGraph,
    view: str = "actors",
    *,
    k: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    analysis: Analysis | None = None,
) -> str:
    """Analyse a view of ``kg`` and store its :func:`metrics_graph` in the store.

    An earlier analysis of the same view is replaced. Returns the named graph's IRI.

    Parameters
    ----------
    analysis : Analysis, optional
        The analysis of the view, when already computed (``k``, ``seed`` are then unused).
    """

    name = metrics_graph_iri(view)
    G = kg.to_networkx(view, evidence=False)  # the metrics are per node
    used = [
        str(row[0]) for row in kg.query(_DATA_GRAPHS).rows
        if not str(row[0]).startswith(f"{ID}analysis/")
    ]
    ds = metrics_graph(G, analysis=analysis, k=k, seed=seed, used=used, progress=progress)
    # replace an earlier result: its graph, and its provenance in the default graph
    kg.update(
        f"DROP SILENT GRAPH <{name}> ;\n"
        f"DELETE WHERE {{ <{name}> ?p ?o }} ;\n"
        f"DELETE WHERE {{ <{name}/activity> ?p ?o }} ;\n"
        + _insert_data(ds)
    )
    return name
