"""KnowledgeGraph: the one facade that the CLI, the server and notebooks use."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import NotFoundError, ValidationError
from .evidence import Evidence, RecordEvidence, evidence_query, record_evidence_query
from .kgexport import EXPORT_FORMATS, EXPORT_SUFFIXES, ExportMethods
from .kgviews import ViewMethods
from .search import LABEL_PROPERTIES, LabelIndex, Match
from .stores import LoadReport, Progress, QueryResult, Store, load_files, open_store
from .vocab import PREFIXES, expand

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

    from .validate import Report

__all__ = ["EXPORT_FORMATS", "EXPORT_SUFFIXES", "Entity", "Evidence", "KnowledgeGraph", "Relation",
           "load"]

#: Named queries that answer only after another step: an ASK that is true once the step has
#: run, and what to do.
_PREREQUISITES = {
    "top-brokers": (
        'ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), '
        '"https://w3id.org/innograph/id/analysis/")) }',
        "no network metrics are stored: run `innograph analyze --write` first, with a store "
        "that keeps them (--store oxigraph:PATH)",
    ),
}

_EVIDENCE = evidence_query(distinct=False)
_RECORDS = record_evidence_query()


@dataclass(frozen=True)
class Relation:
    """One triple around an entity, with its evidence (text spans, and register records)."""

    subject: str
    predicate: str
    object: Node
    evidence: tuple[Evidence, ...] = ()
    records: tuple[RecordEvidence, ...] = ()


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


class KnowledgeGraph(ExportMethods, ViewMethods):
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
        #: source IRI → text, for the sources of the data folders loaded (see :func:`load`)
        self.source_texts: dict[str, str] = {}
        #: what :func:`load` did: the files loaded (with the quads each added) and skipped
        self.load_report = LoadReport()

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

    def update(self, sparql: str, /) -> None:
        """Run a SPARQL 1.1 Update on the store, then forget what was read from it before
        (the label index, the organisation index), since names may have changed.

        Examples
        --------
        >>> kg = load()
        >>> kg.update('INSERT DATA { <https://example.org/x> <https://schema.org/name> "Eksempel" }')
        >>> kg.find("eksempel")[0].iri
        'https://example.org/x'
        """
        self.store.update(sparql)
        self.refresh()

    def refresh(self) -> None:
        """Forget the indexes built from the store (after it was changed from elsewhere)."""
        self._index = None
        self.__dict__.pop("_org_index", None)

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
            raise NotFoundError(f"no named query {name!r}; {KnowledgeGraph.suggest_query(name)}")
        return path.read_text(encoding="utf-8")

    def missing_step(self, name: str) -> str | None:
        """Why the named query ``name`` can have no answer yet on this store, or None.

        ``top-brokers`` reads the network metrics, which only ``analyze --write``
        (:meth:`add_metrics`) stores.

        Examples
        --------
        >>> load().missing_step("top-brokers")
        'no network metrics are stored: run `innograph analyze --write` first, with a store that keeps them (--store oxigraph:PATH)'
        >>> load().missing_step("article") is None
        True
        """
        check = _PREREQUISITES.get(name)
        if check is None or self.query(check[0]).boolean:
            return None
        return check[1]

    @staticmethod
    def suggest_query(name: str) -> str:
        """"Did you mean" for a misspelt named query, and the list of them.

        Examples
        --------
        >>> KnowledgeGraph.suggest_query("seminar-organizer").split("?")[0]
        "did you mean 'seminar-organiser'"
        """
        import difflib

        names = list(KnowledgeGraph.named_queries())
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        mean = f"did you mean {close[0]!r}? " if close else ""
        return f"{mean}the named queries are: {', '.join(names)} (innograph query --list)"

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
            close = self.index.suggest(text)
            hint = (f"Did you mean {' or '.join(repr(c) for c in close)}? " if close else "")
            raise NotFoundError(
                f"nothing is named {text!r}. {hint}Try part of the name: "
                f"innograph find {shlex.quote(text.split()[0] if text.split() else text)}"
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

        ``subject`` is anything :meth:`resolve` takes (an IRI, a prefixed name or a name);
        ``predicate`` an IRI or a prefixed name (``schema:name``).

        Raises
        ------
        NotFoundError
            When no entity has that name, or the graph says nothing about it.

        Examples
        --------
        >>> kg = load()
        >>> ev = kg.evidence("https://w3id.org/innograph/id/person/unni-skar",
        ...                  "https://schema.org/name")
        >>> [(e.start, e.end) for e in ev]
        [(1522, 1531)]
        >>> kg.evidence("Unni Skår", "schema:name") == ev
        True
        """
        from rdflib import URIRef

        iri = self._known(subject)
        bindings: dict[str, Any] = {"subject": URIRef(iri)}
        if predicate:
            bindings["property"] = URIRef(self._predicate(predicate))
        rows = self.query(_EVIDENCE, **bindings).rows
        return sorted({_evidence(r[3:]) for r in rows})

    def _predicate(self, text: str) -> str:
        """A property given as an IRI, ``<IRI>`` or a prefixed name."""
        text = text.strip()
        if text.startswith("<") and text.endswith(">"):
            return text[1:-1]
        if text.startswith(("http://", "https://", "urn:")):
            return text
        expanded = expand(text)
        if expanded is None:
            raise NotFoundError(
                f"{text!r} is not a property IRI or a prefixed name with a known prefix "
                f"({', '.join(sorted(PREFIXES))})"
            )
        return expanded

    def _known(self, name_or_iri: str) -> str:
        """:meth:`resolve`, and a NotFoundError when the graph says nothing about the IRI."""
        iri = self.resolve(name_or_iri)
        if not self.query("ASK { { ?s ?p ?o } UNION { ?o ?p ?s } }", s=_uri(iri)).boolean:
            raise NotFoundError(
                f"the graph says nothing about <{iri}>; look for it by name: "
                f"innograph find {shlex.quote(self.label(iri))}"
            )
        return iri

    def entity(self, name_or_iri: str) -> Entity:
        """Everything about one entity: labels, types, relations in and out, with evidence.

        ``name_or_iri`` is anything :meth:`resolve` takes: an IRI, a prefixed name
        (``person:unni-skar``) or a name.

        Raises
        ------
        NotFoundError
            When no entity has that name, or the graph says nothing about it.

        Examples
        --------
        >>> kg = load()
        >>> e = kg.entity("https://w3id.org/innograph/id/person/jon-vidar-knold")
        >>> e.label, len(e.incoming) > 0
        ('Jon-Vidar Knold', True)
        >>> kg.entity("Jon-Vidar Knold").iri == kg.entity("person:jon-vidar-knold").iri == e.iri
        True
        """
        from rdflib import RDF, Literal, URIRef

        iri = self._known(name_or_iri)
        node = URIRef(iri)
        out = [r[1:] for r in self.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", s=node)]
        inc = [r[:2] for r in self.query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", o=node)]
        ev: dict[tuple[str, str, str], list[Evidence]] = {}
        for s, p, o, *rest in self.query(_EVIDENCE, subject=node).rows + [
            (s, p, node, *rest) for s, p, _, *rest in self.query(_EVIDENCE, object=node).rows
        ]:
            ev.setdefault((str(s), str(p), o.n3()), []).append(_evidence(rest))
        recs: dict[tuple[str, str, str], set[RecordEvidence]] = {}
        for s, p, o, *rest in self.query(_RECORDS, subject=node).rows + [
            (s, p, node, *rest) for s, p, _, *rest in self.query(_RECORDS, object=node).rows
        ]:
            recs.setdefault((str(s), str(p), o.n3()), set()).add(_record(rest))
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
            rec = tuple(sorted(recs.get((iri, str(p), o.n3()), ())))
            entity.outgoing.append(Relation(iri, str(p), o, evid, rec))
        for s, p in sorted(inc, key=lambda r: (str(r[1]), str(r[0]))):
            evid = tuple(sorted(set(ev.get((str(s), str(p), node.n3()), []))))
            rec = tuple(sorted(recs.get((str(s), str(p), node.n3()), ())))
            entity.incoming.append(Relation(str(s), str(p), node, evid, rec))
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
        out.update({k: int(str(v)) for k, v in row.items()})
        return out


def _evidence(row: Iterable[Any]) -> Evidence:
    claim, source, start, end = row
    return Evidence(str(source), int(start), int(end), str(claim))


def _uri(iri: str) -> Node:
    from rdflib import URIRef

    return URIRef(iri)


def _record(row: Iterable[Node]) -> RecordEvidence:
    claim, source, register, day, fragment = row
    return RecordEvidence(str(source), str(register), str(day), str(fragment), str(claim))


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
        More RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML), claims files
        (``*.claims.toml``, compiled against their source texts) and data folders: every claims
        file, source text and RDF file in them (see :mod:`graph.claims.folder`).
    store : str or Store, optional
        ``memory``, ``oxigraph``, ``oxigraph:PATH`` or ``sparql:URL`` (default:
        ``$INNOGRAPH_STORE``, else ``oxigraph``), or an open store.
    progress : callable, optional
        Receives a :class:`~graph.stores.LoadProgress` as each file loads.

    A file whose content the store already holds is skipped (see
    :func:`graph.stores.load_files`), so opening a loaded on-disk store again is quick.

    Examples
    --------
    >>> kg = load(store="memory")
    >>> kg.store.name
    'memory'
    """
    paths = [Path(f) for f in extra_files]
    if not any(p.is_dir() or p.name.endswith(".claims.toml") or not p.suffix for p in paths):
        st = store if store is not None and not isinstance(store, str) else open_store(store)
        files = [*resources.default_files(), *paths]
        report = load_files(st, files, progress)
        kg = KnowledgeGraph(st, files)
        kg.load_report = report
        return kg
    import tempfile

    from .claims import serialize_trig
    from .claims.folder import compile_data, read_data

    data = read_data(paths)
    st = store if store is not None and not isinstance(store, str) else open_store(store)
    files = [*resources.default_files(), *data.rdf_files]
    report = load_files(st, files, progress)
    kg = KnowledgeGraph(st, files)
    try:
        # compiled against what the graph holds: its role concepts, the names of linked entities
        compiled = serialize_trig(compile_data(data, kg=kg))
        with tempfile.TemporaryDirectory(prefix="innograph-data-") as tmp:
            claims = Path(tmp) / "compiled-claims.trig"
            claims.write_text(compiled, encoding="utf-8")
            more = load_files(st, [claims], progress)
    except BaseException:
        kg.close()
        raise
    kg.files.append(claims)
    kg.source_texts = data.source_texts()
    kg.load_report = LoadReport(report.loaded + more.loaded, report.skipped + more.skipped)
    return kg


