"""KnowledgeGraph: the one facade that the CLI, the server and notebooks use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import InputError, NotFoundError, ValidationError
from .evidence import Evidence, evidence_query
from .search import LABEL_PROPERTIES, LabelIndex, Match
from .store import Progress, QueryResult, Store, format_for, load_files, open_store
from .vocab import expand

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from rdflib.term import Node

    from .analysis import Analysis, EgoSummary, Hop, Progress
    from .render import HtmlView
    from .validate import Report

__all__ = ["Entity", "Evidence", "KnowledgeGraph", "Relation", "load"]

EXPORT_FORMATS = ("turtle", "trig", "nquads", "jsonld")

_EVIDENCE = evidence_query(distinct=False)


@dataclass(frozen=True)
class Relation:
    """One triple around an entity, with its evidence."""

    subject: str
    predicate: str
    object: Node
    evidence: tuple[Evidence, ...] = ()


@dataclass
class Entity:
    """Everything the graph says about one IRI.

    Attributes
    ----------
    iri : str
    label : str
        The display label.
    labels : dict
        Every name by language tag ("" for none): ``{"nb": ["Svinesundskomiteen"], ...}``.
    types : list of str
        The rdf:type IRIs, sorted.
    outgoing, incoming : list of Relation
        Triples with the entity as subject, and as object, each with its evidence.
    """

    iri: str
    label: str
    labels: dict[str, list[str]] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)
    outgoing: list[Relation] = field(default_factory=list)
    incoming: list[Relation] = field(default_factory=list)


class KnowledgeGraph:
    """A knowledge graph of innovation actors, over one store.

    Build one with :func:`load`. Every method returns values and raises
    :class:`~graph.errors.GraphError` subclasses; none prints.

    Examples
    --------
    >>> kg = load()
    >>> [m.label for m in kg.find("Svinesundskomitténs")]
    ['Svinesundskomiteen']
    >>> q = "SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }"
    >>> sorted(str(row[0]) for row in kg.query(q))[:2]
    ['Elsie Hellström', 'Jon-Vidar Knold']
    """

    def __init__(self, store: Store, files: Iterable[Path] = ()) -> None:
        self.store = store
        self.files = [Path(f) for f in files]
        self._index: LabelIndex | None = None

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def __len__(self) -> int:
        """The number of quads in the store."""
        return len(self.store)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph store={self.store.name!r} quads={len(self)}>"

    # ------------------------------------------------------------------ SPARQL

    def query(self, sparql: str, /, **bindings: Any) -> QueryResult:
        """Answer a SPARQL query over the union of all graphs.

        Parameters
        ----------
        sparql : str
            A SELECT, ASK, CONSTRUCT or DESCRIBE query.
        **bindings
            Values for variables of the query, bound by the store (never pasted into the text):
            rdflib terms, or plain Python values (taken as literals). In a SELECT query a bound
            variable must be projected (listed after SELECT, or SELECT *), on every store.

        Examples
        --------
        >>> from rdflib import URIRef, Literal
        >>> kg = load()
        >>> q = "SELECT ?p ?name WHERE { ?p <https://schema.org/name> ?name }"
        >>> kg.query(q, p=URIRef("https://w3id.org/innograph/id/person/unni-skar")).rows[0][1]
        rdflib.term.Literal('Unni Skår')
        """
        return self.store.query(sparql, {k: _term(v) for k, v in bindings.items()})

    @staticmethod
    def named_queries() -> dict[str, str]:
        """The named competency queries: name → the question it answers.

        Examples
        --------
        >>> sorted(KnowledgeGraph.named_queries())[:2]
        ['article', 'cross-border-actors']
        """
        out = {}
        for path in sorted(resources.queries_dir().glob("*.rq")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            out[path.stem] = first.lstrip("# ").strip()
        return out

    @staticmethod
    def named_query_text(name: str) -> str:
        """The SPARQL text of a named query."""
        path = resources.queries_dir() / f"{name}.rq"
        if name not in KnowledgeGraph.named_queries():  # a name, never a path
            known = ", ".join(KnowledgeGraph.named_queries())
            raise NotFoundError(f"no named query {name!r}; the named queries are: {known}")
        return path.read_text(encoding="utf-8")

    def named_query(self, name: str, /, **bindings: Any) -> QueryResult:
        """Run a named competency query (see :meth:`named_queries`).

        Examples
        --------
        >>> kg = load()
        >>> [str(r[1]) for r in kg.named_query("cross-border-actors")]
        ['Svinesundskomiteen']
        """
        return self.query(self.named_query_text(name), **bindings)

    # ------------------------------------------------------------------ lookup

    @property
    def index(self) -> LabelIndex:
        """The label index behind :meth:`find` (built on first use)."""
        if self._index is None:
            values = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
            rows = self.query(
                f"SELECT DISTINCT ?s ?p ?l WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?l "
                "FILTER(isIRI(?s) && isLiteral(?l)) }"
            ).rows
            self._index = LabelIndex(
                (str(s), str(p), str(lbl), getattr(lbl, "language", None) or "")
                for s, p, lbl in rows
            )
        return self._index

    def find(self, text: str) -> list[Match]:
        """Entities with a name or spelling like ``text`` (case, accents and genitive -s ignored).

        Examples
        --------
        >>> kg = load()
        >>> [m.iri for m in kg.find("svinesundskomittens")]
        ['https://w3id.org/innograph/id/org/svinesundskomiteen']
        """
        return self.index.find(text)

    def resolve(self, name_or_iri: str) -> str:
        """The IRI of an entity given by IRI, prefixed name (``person:unni-skar``) or name.

        Raises
        ------
        NotFoundError
            When nothing, or more than one thing, has that name.
        """
        text = name_or_iri.strip()
        if text.startswith("<") and text.endswith(">"):
            return text[1:-1]
        if text.startswith(("http://", "https://", "urn:")):
            return text
        expanded = expand(text)
        if expanded is not None:
            return expanded
        hits = self.find(text)
        if not hits:
            raise NotFoundError(
                f"nothing is named {text!r}; try part of the name, or `innograph find {text}`"
            )
        exact = [m for m in hits if m.exact]
        if len(exact) == 1 or len(hits) == 1:
            return (exact or hits)[0].iri
        names = "; ".join(f"{m.label} <{m.iri}>" for m in hits[:10])
        raise NotFoundError(f"{text!r} names {len(hits)} things: {names}. Give the IRI instead.")

    def label(self, iri: str) -> str:
        """The display label of an IRI (its last path segment when it has none)."""
        return self.index.label(str(iri)) or re.split(r"[/#]", str(iri).rstrip("/"))[-1]

    def evidence(self, subject: str, predicate: str | None = None) -> list[Evidence]:
        """The evidence for the facts about ``subject`` (through ``predicate``, when given).

        Examples
        --------
        >>> kg = load()
        >>> ev = kg.evidence("https://w3id.org/innograph/id/person/unni-skar",
        ...                  "https://schema.org/name")
        >>> [(e.start, e.end) for e in ev]
        [(1522, 1531)]
        """
        from rdflib import URIRef

        bindings: dict[str, Any] = {"subject": URIRef(subject)}
        if predicate:
            bindings["property"] = URIRef(predicate)
        rows = self.query(_EVIDENCE, **bindings).rows
        return sorted({_evidence(r[3:]) for r in rows})

    def entity(self, iri: str) -> Entity:
        """Everything about one entity: labels, types, relations in and out, with evidence.

        Examples
        --------
        >>> kg = load()
        >>> e = kg.entity("https://w3id.org/innograph/id/person/jon-vidar-knold")
        >>> e.label, len(e.incoming) > 0
        ('Jon-Vidar Knold', True)
        """
        from rdflib import RDF, Literal, URIRef

        node = URIRef(iri)
        out = [r[1:] for r in self.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", s=node)]
        inc = [r[:2] for r in self.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", o=node)]
        if not out and not inc:
            raise NotFoundError(f"the graph says nothing about <{iri}>; find it with `find`")
        ev: dict[tuple[str, str, str], list[Evidence]] = {}
        for s, p, o, *rest in self.query(_EVIDENCE, subject=node).rows + [
            (s, p, node, *rest) for s, p, _, *rest in self.query(_EVIDENCE, object=node).rows
        ]:
            ev.setdefault((str(s), str(p), o.n3()), []).append(_evidence(rest))
        labels: dict[str, list[str]] = {}
        label_props = set(LABEL_PROPERTIES)
        entity = Entity(iri=iri, label=self.label(iri))
        for p, o in sorted(out, key=lambda r: (str(r[0]), r[1].n3())):
            if str(p) in label_props and isinstance(o, Literal):
                labels.setdefault(o.language or "", [])
                if str(o) not in labels[o.language or ""]:
                    labels[o.language or ""].append(str(o))
            if p == RDF.type:
                entity.types.append(str(o))
            evid = tuple(sorted(set(ev.get((iri, str(p), o.n3()), []))))
            entity.outgoing.append(Relation(iri, str(p), o, evid))
        for s, p in sorted(inc, key=lambda r: (str(r[1]), str(r[0]))):
            evid = tuple(sorted(set(ev.get((str(s), str(p), node.n3()), []))))
            entity.incoming.append(Relation(str(s), str(p), node, evid))
        entity.labels = {k: sorted(v) for k, v in sorted(labels.items())}
        entity.types.sort()
        return entity

    # ------------------------------------------------------------------ validation

    def validate(self, *, raise_on_violation: bool = False) -> Report:
        """Check the graph against the SHACL shapes (``ontology/shapes.ttl``).

        Returns the :class:`~graph.validate.Report`; with ``raise_on_violation=True`` a
        non-conforming graph raises :class:`~graph.errors.ValidationError` instead.

        Examples
        --------
        >>> load().validate().conforms
        True
        """
        from .validate import validate_graph, validation_view

        report = validate_graph(validation_view(self.store.quads()), resources.shapes_file())
        if raise_on_violation and not report.conforms:
            raise ValidationError(report.text(), report)
        return report

    # ------------------------------------------------------------------ serialisation

    def dataset(self) -> Any:
        """All quads as an rdflib Dataset (named graphs kept), with the project's prefixes."""
        from rdflib import Dataset

        from .vocab import PREFIXES

        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, replace=True)
        default = ds.default_graph
        for s, p, o, g in self.store.quads():
            (default if g is None else ds.graph(g)).add((s, p, o))
        return ds

    def serialize(self, format: str = "turtle") -> str:
        """The graph as text: ``turtle`` (all graphs merged), ``trig``, ``nquads`` or ``jsonld``.

        TriG, N-Quads and JSON-LD keep each claim in its named graph, with its provenance.
        N-Quads lines are sorted, so the output diffs cleanly.

        Examples
        --------
        >>> text = load().serialize("nquads")
        >>> text.splitlines()[0].endswith(" .")
        True
        """
        if format not in EXPORT_FORMATS:
            raise InputError(
                f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}"
            )
        ds = self.dataset()
        if format == "turtle":
            from rdflib import Graph

            merged = Graph()
            for prefix, ns in ds.namespaces():
                merged.bind(prefix, ns)
            for s, p, o, _ in ds.quads((None, None, None, None)):
                merged.add((s, p, o))
            return merged.serialize(format="turtle")
        if format == "nquads":
            lines = ds.serialize(format="nquads").splitlines()
            return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
        if format == "jsonld":
            return ds.serialize(format="json-ld", indent=1, sort_keys=True)
        return ds.serialize(format="trig")

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write :meth:`serialize` output to a file; the format defaults from its extension."""
        path = Path(path)
        if format is None:
            format = {"ntriples": "turtle", "xml": "turtle"}.get(
                format_for(path), format_for(path)
            )
        text = self.serialize(format)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    # ------------------------------------------------------------------ summary

    def stats(self) -> dict[str, int]:
        """Counts for a summary: quads, persons, organisations, events, claims, evidence spans.

        Examples
        --------
        >>> s = load().stats()
        >>> s["persons"], s["organisations"]
        (6, 6)
        """
        q = """
        PREFIX schema: <https://schema.org/>
        PREFIX ig: <https://w3id.org/innograph/ontology#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT
          (COUNT(DISTINCT ?person) AS ?persons)
          (COUNT(DISTINCT ?org) AS ?organisations)
          (COUNT(DISTINCT ?event) AS ?events)
          (COUNT(DISTINCT ?claim) AS ?claims)
          (COUNT(DISTINCT ?selector) AS ?spans)
        WHERE {
          { ?person a schema:Person } UNION { ?org a schema:Organization }
          UNION { ?event a schema:Event } UNION { ?claim a ig:Claim }
          UNION { ?selector a oa:TextPositionSelector }
        }
        """
        row = self.query(q).dicts()[0]
        out = {"quads": len(self)}
        out.update({k: int(v) for k, v in row.items()})
        return out

    # ------------------------------------------------------------------ network analysis

    def to_networkx(
        self,
        view: str = "actors",
        *,
        focus: str | None = None,
        depth: int = 1,
        query: str | None = None,
    ) -> nx.Graph:
        """The graph as a networkx graph: ``actors``, ``organisations``, ``ego`` or ``query``.

        See :mod:`graph.network` for what becomes a node and an edge in each view.

        Examples
        --------
        >>> G = load().to_networkx("ego", focus="Unni Skår")
        >>> G.number_of_nodes()
        4
        """
        from .network import to_networkx

        return to_networkx(self, view, focus=focus, depth=depth, query=query)

    def analyze(
        self, view: str = "actors", *, k: int | None = None, seed: int = 0,
        progress: Progress | None = None,
    ) -> Analysis:
        """Centralities, brokers and communities of a view (see :func:`graph.analysis.analyze`).

        Examples
        --------
        >>> [str(n).rsplit("/", 1)[1] for n in load().analyze().broker_ranking()][:2]
        ['2018-01-08-digital-tsunami-seminar', 'svinesundskomiteen']
        """
        from .analysis import analyze

        return analyze(self.to_networkx(view), k=k, seed=seed, progress=progress)

    def shortest_path(self, source: str, target: str, *, view: str = "actors") -> list[Hop]:
        """The shortest connection between two entities, given by name or IRI, with evidence.

        Examples
        --------
        >>> [h.target_label for h in load().shortest_path("Unni Skår", "Jon-Vidar Knold")]
        ['Den digitale tsunamien og kommunalt lederskap', 'Jon-Vidar Knold']
        """
        from .analysis import shortest_path

        return shortest_path(self.to_networkx(view), self.resolve(source), self.resolve(target))

    def ego_summary(
        self, name: str, *, view: str = "actors", k: int | None = None, seed: int = 0
    ) -> EgoSummary:
        """One entity's ties, metrics, ranks, community and broker roles within a view."""
        from .analysis import analyze, ego_summary

        G = self.to_networkx(view)
        return ego_summary(G, self.resolve(name), analyze(G, k=k, seed=seed))

    def add_metrics(
        self, view: str = "actors", *, k: int | None = None, seed: int = 0,
        progress: Progress | None = None, analysis: Analysis | None = None,
    ) -> str:
        """Store a view's metrics as RDF in their own named graph, with their provenance.

        Returns the named graph's IRI; see :func:`graph.analysis.metrics_graph`. The named
        query ``top-brokers`` reads them. ``analysis`` reuses an analysis of the view.
        """
        from .analysis import add_metrics

        return add_metrics(self, view, k=k, seed=seed, progress=progress, analysis=analysis)

    def export_network(
        self, path: str | Path, *, view: str = "actors", format: str | None = None
    ) -> list[Path]:
        """Write a view as GEXF, GraphML or CSV (see :func:`graph.network.write_network`)."""
        from .network import write_network

        return write_network(self.to_networkx(view), path, format)

    # ------------------------------------------------------------------ explorer

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
        max_nodes : show at most this many nodes (default 5,000); the page says how many were
            left out and how to focus

        Examples
        --------
        >>> page = load().render_html("ego", focus="Svinesundskomiteen")
        >>> page.startswith("<!DOCTYPE html>"), "cdn" in page.lower()
        (True, False)
        """
        from .render import DEFAULT_MAX_NODES, render_kg

        page = render_kg(
            self, view, focus=focus, depth=depth, query=query, source_texts=source_texts,
            metrics=metrics, size_by=size_by, color_by=color_by,
            max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes,
        )
        if path is not None:
            page.save(path)
        return page


def _evidence(row: Iterable[Node]) -> Evidence:
    claim, source, start, end = row
    return Evidence(str(source), int(start), int(end), str(claim))


def _term(value: Any) -> Node:
    from rdflib import Literal
    from rdflib.term import Node

    return value if isinstance(value, Node) else Literal(value)


def load(
    *extra_files: str | Path, store: str | Store | None = None, progress: Progress | None = None
) -> KnowledgeGraph:
    """Load the packaged ontology and data, and any extra RDF files, into a store.

    Parameters
    ----------
    *extra_files : path
        More RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).
    store : str or Store, optional
        ``memory``, ``oxigraph``, ``oxigraph:PATH`` or ``sparql:URL`` (default:
        ``$INNOGRAPH_STORE``, else ``oxigraph``), or an open store.
    progress : callable, optional
        Receives a :class:`~graph.store.LoadProgress` as each file loads.

    A file whose content the store already holds is skipped (see
    :func:`graph.store.load_files`), so opening a loaded on-disk store again is quick.

    Examples
    --------
    >>> kg = load(store="memory")
    >>> kg.store.name
    'memory'
    """
    st = store if store is not None and not isinstance(store, str) else open_store(store)
    files = [*resources.default_files(), *(Path(f) for f in extra_files)]
    load_files(st, files, progress)
    return KnowledgeGraph(st, files)


