"""The context of compiling one claims file: names, references, spans and provenance.

:class:`Context` holds what one compilation needs across records: the entities' IRIs (minted
from names or linked), the resolved evidence spans, who stated each claim, the nodes described
once, and the dataset being written. The record kinds themselves are compiled in
:mod:`graph.claims.compiler`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import InputError, SourceError
from ..evidence import Span, evidence_statements, find_span
from ..search import fold
from ..vocab import (
    FOAF,
    ID,
    IG,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    expand,
)
from .format import (
    ClaimsFile,
    Event,
    Organisation,
    Person,
    Post,
    Quotation,
    Record,
)
from .terms import (
    RoleFinder,
    materialise,
    ontology,
    role_finder,
    skolemise,
    slug,
)
from .trig import CLAIMS_PREFIX

__all__ = ["Context", "included", "source_iri"]


def source_iri(cf: ClaimsFile) -> URIRef:
    """The IRI of a claims file's source: ``[source].iri``, else ``source:<id>``.

    Examples
    --------
    >>> from graph.claims.format import Source
    >>> str(source_iri(ClaimsFile(Source(id="nb-01"))))
    'https://w3id.org/innograph/id/source/nb-01'
    """
    return URIRef(cf.source.iri or f"{PREFIXES['source']}{cf.source.id}")


def included(record: Record, cf: ClaimsFile, include_suggested: bool = False) -> bool:
    """Whether a record is compiled: never when rejected; accepted ones always; suggested ones
    with ``include_suggested``, or when the file is no draft (it has no ``[drafted]`` table, so a
    curator wrote every record of it)."""
    if record.status == "rejected":
        return False
    return record.status == "accepted" or include_suggested or not cf.drafted


def _where(cf: ClaimsFile, record: Record) -> str:
    path = cf.path or Path("<claims>")
    place = f"{path}:{record.line}" if record.line else str(path)
    return f"{place}: [[{record.TABLE}]] {record.id!r}"


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def _day(value: str) -> URIRef:
    return URIRef(f"{PREFIXES['tm']}{value}")


def _local(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


class Context:
    """The state of one compilation: the file, its text, the names minted, the dataset made;
    resolving references and spans, and writing a claim with its provenance."""

    def __init__(self, cf: ClaimsFile, text: str, include_suggested: bool, curator: str | None,
                 kg: Any, warnings: list[str] | None,
                 names: dict[URIRef, set[str]] | None = None) -> None:
        self.cf = cf
        self.text = text
        self.include_suggested = include_suggested
        self.curator = curator
        self.kg = kg
        self.warnings = warnings if warnings is not None else []
        self.source = source_iri(cf)
        self.lang = cf.source.language or None
        self.records = cf.by_id()
        self.iris: dict[str, URIRef] = {}
        self.ds = Dataset(default_union=True)
        for prefix, ns in PREFIXES.items():
            self.ds.bind(prefix, ns, replace=True)
        self.claim_base = f"{ID}claim/{cf.source.id}/"
        self.ds.bind(CLAIMS_PREFIX, self.claim_base)
        self.described: set[URIRef] = set()
        #: the folded names known of each entity (from ``kg`` and the records compiled)
        self.labels: dict[URIRef, set[str]] = {}
        self.names = names or {}
        self.roles = role_finder()
        if kg is not None:
            self.roles = RoleFinder(ontology(), _role_graph(kg))

    # ------------------------------------------------------------------ checks and names

    def check_text(self) -> None:
        src, where = self.cf.source, str(self.cf.path or "<claims>")
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        if src.sha256 and digest != src.sha256:
            raise SourceError(
                f"{where}: the source text's sha256 is {digest}, but the claims are for "
                f"{src.sha256}; pass the exact text of source {src.id}"
            )
        if src.length is not None and len(self.text) != src.length:
            raise SourceError(
                f"{where}: the source text has {len(self.text)} characters, but [source] length "
                f"is {src.length}; pass the exact text of source {src.id}"
            )

    def iri(self, record: Record) -> URIRef:
        """The entity a record describes (minted from its name, or the one it links to)."""
        if record.id in self.iris:
            return self.iris[record.id]
        link = getattr(record, "link", "new") or "new"
        if link != "new":
            iri = self.external(link, record, "link")
        elif isinstance(record, Person):
            iri = URIRef(f"{PREFIXES['person']}{slug(record.name)}")
        elif isinstance(record, Organisation):
            iri = URIRef(f"{PREFIXES['orgs']}{slug(record.name)}")
        elif isinstance(record, Event):
            day = record.date or record.start
            iri = URIRef(f"{PREFIXES['event']}{day + '-' if day else ''}{slug(record.name)}")
        elif isinstance(record, Post):
            person, org = self.ref(record, "person", Person), self.ref(record, "organisation",
                                                                       Organisation)
            iri = URIRef(f"{PREFIXES['mship']}{_local(person)}-{_local(org)}")
        elif isinstance(record, Quotation):
            iri = URIRef(f"{PREFIXES['quote']}{self.cf.source.id}-{record.id}")
        else:
            raise InputError(f"{_where(self.cf, record)}: names no entity")
        self.iris[record.id] = iri
        return iri

    def known_names(self, node: URIRef) -> set[str]:
        """The folded names of an entity known so far: in ``kg``, ``names`` and this file."""
        if node not in self.labels:
            self.labels[node] = _labels(self.kg, node) | self.names.get(node, set())
        return self.labels[node]

    def external(self, value: str, record: Record, name: str) -> URIRef:
        if value.startswith(("http://", "https://", "urn:")):
            return URIRef(value)
        full = expand(value)
        if full is None:
            raise InputError(
                f"{_where(self.cf, record)}: {name} = {value!r} is neither a record id of this "
                "file nor an IRI or CURIE (such as orgs:svinesundskomiteen)"
            )
        return URIRef(full)

    def ref(self, record: Record, name: str, *kinds: type[Record]) -> URIRef:
        value = getattr(record, name)
        target = self.records.get(value)
        if target is None:
            return self.external(value, record, name)
        if not isinstance(target, kinds):
            wanted = " or ".join(f"[[{k.TABLE}]]" for k in kinds)
            raise InputError(
                f"{_where(self.cf, record)}: {name} = {value!r} is a [[{target.TABLE}]] record; "
                f"it must name a {wanted}"
            )
        if not included(target, self.cf, self.include_suggested) and included(
            record, self.cf, self.include_suggested
        ):
            raise InputError(
                f"{_where(self.cf, record)}: {name} = {value!r} refers to a record that is "
                f"{target.status} (line {target.line}); accept that record too, or reject this one"
            )
        return self.iri(target)

    def spans(self, record: Record) -> list[Span]:
        where = _where(self.cf, record)
        if not record.spans:
            raise InputError(
                f"{where}: has no spans; every fact needs its evidence: add spans = "
                '["phrase"] (or [start, end] offsets) naming where the source states it'
            )
        out = []
        for span in record.spans:
            if isinstance(span, Span):
                if span.end > len(self.text):
                    raise SourceError(
                        f"{where}: the span [{span.start}, {span.end}] ends beyond the source "
                        f"text, which has {len(self.text)} characters; correct the offsets"
                    )
                out.append(span)
            else:
                out.append(find_span(self.text, list(span), where))
        return out

    # ------------------------------------------------------------------ provenance

    def attribution(self, record: Record) -> tuple[URIRef | None, Literal | None]:
        who = record.decided_by or (
            self.curator if record.status == "accepted" or not self.cf.drafted else None
        )
        if who:
            agent = URIRef(f"{ID}curator/{slug(who)}")
            self.shared(agent, [(RDF.type, PROV.Person), (RDF.type, PROV.Agent),
                                (RDF.type, FOAF.Person), (FOAF.name, Literal(who))])
            at = record.decided_at if record.decided_by else ""
            return agent, (Literal(at, datatype=XSD.dateTime) if at else None)
        by = self.cf.drafted.get("by", "")
        if record.status == "suggested" and by:
            agent = URIRef(f"{ID}software/{slug(by)}")
            self.shared(agent, [(RDF.type, PROV.SoftwareAgent), (RDF.type, PROV.Agent),
                                (RDFS.label, Literal(by))])
            at = self.cf.drafted.get("at", "")
            return agent, (Literal(at, datatype=XSD.dateTime) if at else None)
        return None, None

    def shared(self, node: URIRef, statements: Iterable[tuple[URIRef, Any]]) -> None:
        """Describe a node that many claims share, once, in the default graph."""
        if node in self.described:
            return
        self.described.add(node)
        for p, o in statements:
            self.ds.add((node, p, o))

    def day(self, value: str) -> URIRef:
        node = _day(value)
        self.shared(node, [(RDF.type, TIME.Instant), (TIME.inXSDDate, _date(value))])
        return node

    def emit(self, record: Record, g: Graph, spans: list[Span] | None = None) -> None:
        claim = URIRef(f"{self.claim_base}{record.id}")
        g = skolemise(g, str(claim))
        materialise(g)
        named = self.ds.graph(claim)
        for t in g:
            named.add(t)
        agent, at = self.attribution(record)
        for t in evidence_statements(claim, self.source, spans or self.spans(record),
                                     attributed_to=agent, generated_at=at):
            self.ds.add(t)


def fold_label(text: str) -> str:
    """A name folded for comparison (see :func:`graph.search.fold`)."""
    return fold(text)


def _labels(kg: Any, node: URIRef) -> set[str]:
    if kg is None:
        return set()
    rows = kg.query(
        "SELECT ?n ?l WHERE { ?n ?p ?l VALUES ?p { <https://schema.org/name> "
        f"<{SKOS.prefLabel}> <{SKOS.altLabel}> <{SKOS.hiddenLabel}> }} }}", n=node).rows
    return {fold_label(str(row[1])) for row in rows}


def _helix_of(kg: Any, node: URIRef) -> URIRef | None:
    if kg is None:
        return None
    rows = kg.query(
        f"SELECT ?n ?h WHERE {{ ?n <{ORG.classification}> ?h . "
        f"?h <{SKOS.inScheme}> <{IG.HelixScheme}> }}", n=node).rows
    return URIRef(str(rows[0][1])) if rows else None


def _role_graph(kg: Any) -> Graph:
    g = Graph()
    rows = kg.query(
        f"SELECT ?c ?p ?l WHERE {{ ?c <{SKOS.inScheme}> <{IG.RoleScheme}> ; ?p ?l . "
        f"VALUES ?p {{ <{SKOS.prefLabel}> <{SKOS.altLabel}> <{SKOS.hiddenLabel}> }} }}").rows
    for c, p, label in rows:
        g.add((URIRef(str(c)), SKOS.inScheme, IG.RoleScheme))
        g.add((URIRef(str(c)), URIRef(str(p)), Literal(str(label))))
    return g


