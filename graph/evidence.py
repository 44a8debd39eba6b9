"""The evidence model: one writer and one reader for "this claim comes from these characters".

Every fact lives in a claim, a named graph. In the default graph the claim is a
``prov:Entity`` and an ``ig:Claim`` that ``prov:wasDerivedFrom`` one ``oa:SpecificResource`` per
span; each resource has ``oa:hasSource`` (the source document) and ``oa:hasSelector`` an
``oa:TextPositionSelector`` with ``oa:start`` and ``oa:end`` (code points, end exclusive). Who
stated the claim, when it is known, is ``prov:wasAttributedTo`` (a curator, or the drafting
software for a machine suggestion) with ``prov:generatedAtTime``.

:func:`evidence_statements` writes that shape; every producer of claims (the compiler, the
synthetic generator, the drafter) uses it. :data:`PATTERN` reads it; the facade, the network
projections and the pages build their queries from it.

Examples
--------
>>> from rdflib import URIRef
>>> triples = list(evidence_statements(URIRef("urn:claim:1"), URIRef("urn:doc"), [Span(0, 4)]))
>>> len(triples)
9
>>> sorted({str(p).rsplit("#", 1)[-1] for _, p, _ in triples})[:4]
['end', 'hasSelector', 'hasSource', 'start']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rdflib import Literal, URIRef

from .vocab import DCTERMS, IG, OA, PROV, RDF, XSD

__all__ = [
    "JSON_POINTER", "PATTERN", "RECORD_PATTERN", "TEXT_CSV_FRAGMENT", "Evidence", "RecordEvidence",
    "RecordSelector", "Span", "evidence_query", "evidence_spans", "evidence_statements",
    "find_span", "record_evidence_nquads", "record_evidence_query",
    "record_evidence_statements", "selector_iri",
]

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Span:
    """A span of a source text: code-point offsets, ``end`` exclusive.

    Examples
    --------
    >>> Span(3, 7).excerpt("the seminar")
    ' sem'
    >>> str(Span(1522, 1531))
    '1522-1531'
    """

    start: int
    end: int

    def excerpt(self, text: str) -> str:
        """The part of ``text`` that this span covers."""
        return text[self.start : self.end]

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact comes from: a span of a source, and the claim graph that holds the fact.

    ``start`` and ``end`` are code-point offsets into the source text, ``end`` exclusive.
    """

    source: str
    start: int
    end: int
    claim: str

    @property
    def span(self) -> Span:
        """The span as a :class:`Span`."""
        return Span(self.start, self.end)


def selector_iri(claim: str, number: int) -> tuple[str, str]:
    """The IRIs of a claim's ``number``-th evidence resource and its selector.

    Examples
    --------
    >>> selector_iri("https://w3id.org/innograph/id/claim/x/a", 1)[1]
    'https://w3id.org/innograph/id/claim/x/a.evidence-1.selector'
    """
    resource = f"{claim}.evidence-{number}"
    return resource, f"{resource}.selector"


def _integer(n: int) -> Any:
    return Literal(n, datatype=XSD.integer)


def evidence_statements(
    claim: Any,
    source: Any,
    spans: Sequence[Span],
    *,
    attributed_to: Any = None,
    generated_at: Any = None,
    iri: Callable[[str], T] = URIRef,  # type: ignore[assignment]
    integer: Callable[[int], T] = _integer,
) -> Iterator[tuple[T, T, T]]:
    """The default-graph statements that tie ``claim`` to its ``spans`` of ``source``.

    Parameters
    ----------
    claim, source : term
        The claim graph's name and the source document, as terms made by ``iri``.
    spans : sequence of Span
        The evidence, in order; resource ``i`` (from 1) is ``<claim>.evidence-i``.
    attributed_to, generated_at : term, optional
        Who stated the claim (``prov:wasAttributedTo``) and when (``prov:generatedAtTime``).
    iri, integer : callable
        Term constructors: rdflib's by default; a fast writer passes its own (say, N-Triples
        strings), so that every producer writes the very same shape.

    Yields
    ------
    (subject, predicate, object)
    """
    a = iri(str(RDF.type))
    yield claim, a, iri(str(PROV.Entity))
    yield claim, a, iri(str(IG.Claim))
    if attributed_to is not None:
        yield claim, iri(str(PROV.wasAttributedTo)), attributed_to
    if generated_at is not None:
        yield claim, iri(str(PROV.generatedAtTime)), generated_at
    name = _plain(claim)
    for i, span in enumerate(spans, start=1):
        r_iri, s_iri = selector_iri(name, i)
        resource, selector = iri(r_iri), iri(s_iri)
        yield claim, iri(str(PROV.wasDerivedFrom)), resource
        yield resource, a, iri(str(OA.SpecificResource))
        yield resource, iri(str(OA.hasSource)), source
        yield resource, iri(str(OA.hasSelector)), selector
        yield selector, a, iri(str(OA.TextPositionSelector))
        yield selector, iri(str(OA.start)), integer(span.start)
        yield selector, iri(str(OA.end)), integer(span.end)


def _plain(term: Any) -> str:
    text = str(term)
    return text[1:-1] if text.startswith("<") and text.endswith(">") else text


#: The graph pattern that reads evidence: binds ?subject ?property ?object (a triple of the
#: claim graph ?claim), ?source, ?start and ?end.
PATTERN = """\
  GRAPH ?claim { ?subject ?property ?object }
  ?claim <http://www.w3.org/ns/prov#wasDerivedFrom> ?resource .
  ?resource <http://www.w3.org/ns/oa#hasSource> ?source ;
            <http://www.w3.org/ns/oa#hasSelector> ?selector .
  ?selector <http://www.w3.org/ns/oa#start> ?start ; <http://www.w3.org/ns/oa#end> ?end ."""


def evidence_query(*, iri_objects: bool = False, distinct: bool = True) -> str:
    """The SELECT query over :data:`PATTERN`; bind ``subject``, ``property``, ``object``.

    With ``iri_objects`` only triples whose object is an IRI (the edges of a network) are read.

    Examples
    --------
    >>> print(evidence_query().splitlines()[0])
    SELECT DISTINCT ?subject ?property ?object ?claim ?source ?start ?end WHERE {
    """
    head = "SELECT DISTINCT" if distinct else "SELECT"
    pattern = PATTERN
    if iri_objects:
        pattern = pattern.replace("?object }", "?object FILTER(isIRI(?object)) }", 1)
    return f"{head} ?subject ?property ?object ?claim ?source ?start ?end WHERE {{\n{pattern}\n}}"


#: Each link of :data:`PATTERN` on its own, as ``(name, query)``: every one is a scan of one
#: property, which an on-disk store answers far faster than the joined pattern.
_LINKS = (
    ("derived", f"SELECT ?a ?b WHERE {{ ?a <{PROV}wasDerivedFrom> ?b }}"),
    ("source", f"SELECT ?a ?b WHERE {{ ?a <{OA}hasSource> ?b }}"),
    ("selector", f"SELECT ?a ?b WHERE {{ ?a <{OA}hasSelector> ?b }}"),
    ("start", f"SELECT ?a ?b WHERE {{ ?a <{OA}start> ?b }}"),
    ("end", f"SELECT ?a ?b WHERE {{ ?a <{OA}end> ?b }}"),
)


def evidence_spans(
    rows: Callable[[str], Any], *, keep: str = ""
) -> dict[tuple[str, str, str], set[tuple[int, int, str, str]]]:
    """Every claimed statement's spans, read as :data:`PATTERN` reads them, for a whole graph.

    The same answer as :func:`evidence_query` without bindings, from six one-pattern queries
    joined here: ``(subject, property, object) → {(start, end, claim, source)}``, as text.

    Parameters
    ----------
    rows : callable
        Runs a SELECT query and returns its rows (tuples of terms), e.g.
        ``lambda q: kg.query(q).rows``.
    keep : str
        A SPARQL expression over ``?subject ?property ?object`` that the statements read must
        meet (for instance ``isIRI(?object)``); empty for all.

    Examples
    --------
    >>> from rdflib import Dataset, URIRef
    >>> ds = Dataset()
    >>> claim = URIRef("urn:claim:1")
    >>> ds.graph(claim).add((URIRef("urn:a"), URIRef("urn:knows"), URIRef("urn:b")))
    <Graph identifier=urn:claim:1 (<class 'rdflib.graph.Graph'>)>
    >>> for t in evidence_statements(claim, URIRef("urn:doc"), [Span(0, 4)]):
    ...     _ = ds.add(t)
    >>> run = lambda q: list(ds.query(q))
    >>> evidence_spans(run)
    {('urn:a', 'urn:knows', 'urn:b'): {(0, 4, 'urn:claim:1', 'urn:doc')}}
    """
    links: dict[str, dict[str, list[str]]] = {}
    for name, text in _LINKS:
        found: dict[str, list[str]] = {}
        for a, b in rows(text):
            found.setdefault(str(a), []).append(str(b))
        links[name] = found
    # each selector's offsets, each resource's (offsets, source), then each claim's spans
    offsets = {sel: [(int(a), int(b)) for a in starts for b in links["end"].get(sel, ())]
               for sel, starts in links["start"].items()}
    cited = {
        resource: [(a, b, source) for sel in selectors for a, b in offsets.get(sel, ())
                   for source in links["source"].get(resource, ())]
        for resource, selectors in links["selector"].items()
    }
    spans = {claim: [span for r in resources for span in cited.get(r, ())]
             for claim, resources in links["derived"].items()}
    where = f" FILTER({keep})" if keep else ""
    statements = (
        "SELECT DISTINCT ?claim ?subject ?property ?object WHERE "
        f"{{ GRAPH ?claim {{ ?subject ?property ?object{where} }} }}"
    )
    out: dict[tuple[str, str, str], set[tuple[int, int, str, str]]] = {}
    for claim, s, p, o in rows(statements):
        found_spans = spans.get(str(claim))
        if found_spans:
            into = out.setdefault((str(s), str(p), str(o)), set())
            into.update((start, end, str(claim), source) for start, end, source in found_spans)
    return out


def find_span(text: str, anchor: list[str] | str, where: str = "") -> Span:
    """Resolve an anchor (``[start, end]``, ``[start, end, after]`` or one phrase) in ``text``.

    The start phrase must occur once (after the ``after`` phrase, when given); an anchor that
    could mean several places is refused, with the offsets of each, so that its author can add
    an ``after`` phrase or use offsets.

    Examples
    --------
    >>> find_span("one two three two four", ["three", "four"])
    Span(start=8, end=22)
    >>> find_span("one two three two four", ["two", "two", "three"])
    Span(start=14, end=17)
    >>> find_span("one two three two four", "two")
    Traceback (most recent call last):
    ...
    graph.errors.SourceError: : the phrase 'two' occurs 2 times in the source text (at 4, 14); \
add a phrase it follows ([start, end, after]) or give offsets
    """
    from .errors import SourceError

    parts = [anchor] if isinstance(anchor, str) else list(anchor)
    if not 1 <= len(parts) <= 3 or not all(isinstance(p, str) and p for p in parts):
        raise SourceError(
            f"{where}: a span is one phrase, [start, end] or [start, end, after] phrases, "
            f"or [start, end] offsets; not {anchor!r}"
        )
    start_phrase = parts[0]
    end_phrase = parts[1] if len(parts) > 1 else start_phrase
    origin = 0
    if len(parts) == 3:
        origin = text.find(parts[2])
        if origin < 0:
            raise SourceError(f"{where}: the phrase {parts[2]!r} is not in the source text")
        if text.find(parts[2], origin + 1) >= 0:
            raise SourceError(
                f"{where}: the phrase {parts[2]!r} occurs more than once in the source text; "
                "choose a longer one"
            )
        origin += len(parts[2])
    hits = []
    at = text.find(start_phrase, origin)
    while at >= 0:
        hits.append(at)
        at = text.find(start_phrase, at + 1)
    if not hits:
        raise SourceError(
            f"{where}: the phrase {start_phrase!r} is not in the source text"
            + (f" after {parts[2]!r}" if len(parts) == 3 else "")
            + "; check its spelling against the source (it is matched exactly)"
        )
    if len(hits) > 1 and len(parts) < 3:
        places = ", ".join(str(h) for h in hits[:10])
        raise SourceError(
            f"{where}: the phrase {start_phrase!r} occurs {len(hits)} times in the source text "
            f"(at {places}); add a phrase it follows ([start, end, after]) or give offsets"
        )
    start = hits[0]
    end_at = text.find(end_phrase, start)
    if end_at < 0:
        raise SourceError(
            f"{where}: the phrase {end_phrase!r} does not follow {start_phrase!r} in the source text"
        )
    return Span(start, end_at + len(end_phrase))


# ---------------------------------------------------------------------------- register records

#: The specification a JSON Pointer selector conforms to (RFC 6901).
JSON_POINTER = "https://www.rfc-editor.org/rfc/rfc6901"
#: The specification a CSV row selector (``row=N``) conforms to (RFC 7111).
TEXT_CSV_FRAGMENT = "https://www.rfc-editor.org/rfc/rfc7111"


@dataclass(frozen=True, order=True)
class RecordSelector:
    """One record of a register file: a JSON Pointer (``/12``) or a CSV row (``row=14``).

    Written as an ``oa:FragmentSelector`` whose ``rdf:value`` is ``value`` and whose
    ``dcterms:conformsTo`` is the fragment specification.

    Examples
    --------
    >>> RecordSelector.json(0).value, RecordSelector.csv(2).value
    ('/0', 'row=2')
    """

    value: str
    conforms_to: str

    @classmethod
    def json(cls, index: int) -> RecordSelector:
        """The ``index``-th element (from 0) of a JSON array file."""
        return cls(f"/{index}", JSON_POINTER)

    @classmethod
    def csv(cls, row: int) -> RecordSelector:
        """The ``row``-th record (from 1, the header not counted) of a CSV file."""
        return cls(f"row={row}", TEXT_CSV_FRAGMENT)


@dataclass(frozen=True, order=True)
class RecordEvidence:
    """Where a register fact comes from: a record of a register extract.

    Attributes
    ----------
    source : str
        The extract (a file, identified by its SHA-256).
    register : str
        The register's name, e.g. ``Enhetsregisteret``.
    extract_date : str
        The date of the extract (ISO 8601).
    selector : str
        The record within the file (a JSON Pointer or ``row=N``).
    claim : str
        The claim graph that holds the fact.
    """

    source: str
    register: str
    extract_date: str
    selector: str
    claim: str

    def __str__(self) -> str:
        return f"from the register {self.register}, extract of {self.extract_date} ({self.selector})"


_T = {
    "type": str(RDF.type), "Entity": str(PROV.Entity), "Claim": str(IG.Claim),
    "wasDerivedFrom": str(PROV.wasDerivedFrom), "SpecificResource": str(OA.SpecificResource),
    "hasSource": str(OA.hasSource), "hasSelector": str(OA.hasSelector),
    "FragmentSelector": str(OA.FragmentSelector), "value": str(RDF.value),
    "conformsTo": str(DCTERMS.conformsTo),
}


def record_evidence_statements(
    claim: Any,
    source: Any,
    selector: RecordSelector,
    *,
    iri: Callable[[str], T] = URIRef,  # type: ignore[assignment]
    literal: Callable[[str], T] = Literal,  # type: ignore[assignment]
) -> Iterator[tuple[T, T, T]]:
    """The default-graph statements that tie ``claim`` to one record of a register file.

    The same shape as :func:`evidence_statements`, with an ``oa:FragmentSelector`` in place of
    the text position: ``rdf:value`` the record's fragment, ``dcterms:conformsTo`` its
    specification. The source (the file) carries the register and the extract date.

    Examples
    --------
    >>> t = list(record_evidence_statements(URIRef("urn:c"), URIRef("urn:f"), RecordSelector.json(3)))
    >>> [str(o) for _, p, o in t if str(p).endswith("#value")]
    ['/3']
    """
    a = iri(_T['type'])
    yield claim, a, iri(_T['Entity'])
    yield claim, a, iri(_T['Claim'])
    r_iri, s_iri = selector_iri(_plain(claim), 1)
    resource, node = iri(r_iri), iri(s_iri)
    yield claim, iri(_T['wasDerivedFrom']), resource
    yield resource, a, iri(_T['SpecificResource'])
    yield resource, iri(_T['hasSource']), source
    yield resource, iri(_T['hasSelector']), node
    yield node, a, iri(_T['FragmentSelector'])
    yield node, iri(_T['value']), literal(selector.value)
    yield node, iri(_T['conformsTo']), iri(selector.conforms_to)


def _nq_literal(text: str) -> str:
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r"))
    return f'"{text}"'


_NQ = {k: f"<{v}>" for k, v in _T.items()}
#: The lines of :func:`record_evidence_statements` as N-Quads, with the claim, the resource, the
#: selector node, the source, the fragment and its specification left to fill in.
_RECORD_NQ = (
    "{c} {type} {Entity} .\n{c} {type} {Claim} .\n{c} {wasDerivedFrom} {r} .\n"
    "{r} {type} {SpecificResource} .\n{r} {hasSource} {src} .\n{r} {hasSelector} {n} .\n"
    "{n} {type} {FragmentSelector} .\n{n} {value} {v} .\n{n} {conformsTo} {spec} .\n"
)
_RECORD_NQ = _RECORD_NQ.format(c="{c}", r="{r}", n="{n}", src="{src}", v="{v}", spec="{spec}",
                               **_NQ)


def record_evidence_nquads(claim: str, source: str, selector: RecordSelector) -> str:
    """:func:`record_evidence_statements` as N-Quads lines in the default graph (for bulk writers).

    ``claim`` and ``source`` are plain IRIs.

    Examples
    --------
    >>> text = record_evidence_nquads("urn:c", "urn:f", RecordSelector.csv(2))
    >>> len(text.splitlines()), '<urn:c.evidence-1.selector> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "row=2" .' in text
    (9, True)
    """
    r_iri, s_iri = selector_iri(claim, 1)
    return _RECORD_NQ.format(c=f"<{claim}>", r=f"<{r_iri}>", n=f"<{s_iri}>", src=f"<{source}>",
                             v=_nq_literal(selector.value), spec=f"<{selector.conforms_to}>")


#: The graph pattern that reads register evidence: binds ?subject ?property ?object (a triple
#: of the claim graph ?claim), ?source, ?register (its name), ?date and ?fragment.
RECORD_PATTERN = """\
  GRAPH ?claim { ?subject ?property ?object }
  ?claim <http://www.w3.org/ns/prov#wasDerivedFrom> ?resource .
  ?resource <http://www.w3.org/ns/oa#hasSource> ?source ;
            <http://www.w3.org/ns/oa#hasSelector> ?selector .
  ?selector a <http://www.w3.org/ns/oa#FragmentSelector> ;
            <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?fragment .
  ?source <http://purl.org/dc/terms/issued> ?date ;
          <http://purl.org/dc/terms/isPartOf> ?reg .
  ?reg <https://schema.org/name> ?register ."""


def record_evidence_query() -> str:
    """The SELECT query over :data:`RECORD_PATTERN`; bind ``subject``, ``property``, ``object``.

    Examples
    --------
    >>> print(record_evidence_query().splitlines()[0])
    SELECT DISTINCT ?subject ?property ?object ?claim ?source ?register ?date ?fragment WHERE {
    """
    return (
        "SELECT DISTINCT ?subject ?property ?object ?claim ?source ?register ?date ?fragment "
        f"WHERE {{\n{RECORD_PATTERN}\n}}"
    )
