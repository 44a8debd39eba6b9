"""Compile a claims file against its source text: one named graph per record, with evidence.

:func:`compile_claims` turns every record of a :class:`~graph.claims.format.ClaimsFile` into a
claim graph ``claim:<source-id>/<record-id>``: persons, organisations, posts, events,
participations and quotations in the standard vocabularies, ``[[claim]]`` records from their
Turtle body. Each claim's evidence (the record's spans, anchor phrases resolved to code-point
offsets) is written by :func:`graph.evidence.evidence_statements` in the default graph, with who
stated it (``prov:wasAttributedTo`` the curator, or the drafting software for a suggestion) and
when. Super-types and super-properties from the ontology are stated explicitly, so that a
consumer who reads only schema.org or W3C ORG terms still finds every fact. Nodes that many
claims share (days, role concepts, curators) are described once, in the default graph.

Rebuild a data file from the command line::

    python -m graph.claims data/000_1c50d6c5c024da5a.claims.toml SOURCE.txt \\
        -o data/000_1c50d6c5c024da5a.trig
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import InputError, ParseError
from ..evidence import Span, find_span
from ..vocab import (
    DCTERMS,
    FOAF,
    IG,
    ORG,
    PREFIXES,
    RDF,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)
from .context import (
    Context,
    _date,
    _helix_of,
    _local,
    _where,
    fold_label,
    included,
    source_iri,
)
from .format import (
    ClaimsFile,
    Event,
    Organisation,
    Participation,
    Person,
    Post,
    Quotation,
    Record,
    TurtleClaim,
    load_claims,
)
from .terms import (
    EVENT_PROPERTIES,
    HEAD_ROLES,
    HELIX,
    ORG_CLASSES,
    SOURCE_CLASSES,
    slug,
)
from .trig import CLAIMS_PREFIX, serialize_trig

__all__ = [
    "CLAIMS_PREFIX", "PREFIXES", "Span", "build_claims", "compile_claims", "find_span",
    "included", "new_names", "serialize_trig", "source_iri",
]


class _Compiler(Context):
    """Compiles each record kind into the triples of its claim graph."""

    # ------------------------------------------------------------------ records

    def literal(self, text: str) -> Literal:
        return Literal(text, lang=self.lang) if self.lang else Literal(text)

    def mention(self, record: Person | Organisation, g: Graph) -> URIRef:
        """A new entity is named in full; a linked mention adds the spelling it uses, unless
        the graph (``kg``) or an earlier record of this file already has it."""
        node = self.iri(record)
        if record.link != "new":
            known = self.known_names(node)
            if fold_label(record.name) not in known:
                known.add(fold_label(record.name))
                g.add((node, SKOS.hiddenLabel, Literal(record.name)))
            return node
        self.labels.setdefault(node, set()).add(fold_label(record.name))
        g.add((node, SCHEMA.name, Literal(record.name)))
        g.add((node, SKOS.prefLabel, Literal(record.name)))
        return node

    def person(self, r: Person, g: Graph) -> None:
        node = self.mention(r, g)
        g.add((node, RDF.type, SCHEMA.Person))
        g.add((node, RDF.type, FOAF.Person))

    def organisation(self, r: Organisation, g: Graph) -> None:
        node = self.mention(r, g)
        if r.link != "new":
            # the kind of a linked organisation is the graph's business; that it is one is not
            g.add((node, RDF.type, SCHEMA.Organization))
            g.add((node, RDF.type, ORG.Organization))
            return
        g.add((node, RDF.type, ORG_CLASSES[r.kind]))
        g.add((node, RDF.type, SCHEMA.Organization))
        g.add((node, RDF.type, ORG.Organization))
        helix = self.helix(r)
        if helix is not None:
            g.add((node, ORG.classification, helix))
        if r.unit_of:
            g.add((node, ORG.unitOf, self.ref(r, "unit_of", Organisation)))
        if r.org_number:
            g.add((node, IG.organisationNumber, Literal(str(r.org_number))))

    def helix(self, r: Organisation) -> URIRef | None:
        if r.kind in HELIX:
            return HELIX[r.kind]
        parent = self.records.get(r.unit_of)
        if isinstance(parent, Organisation) and parent.id != r.id:
            return self.helix(parent) if parent.link == "new" else _helix_of(
                self.kg, self.iri(parent))
        if r.unit_of:
            return _helix_of(self.kg, self.ref(r, "unit_of", Organisation))
        return None

    def post(self, r: Post, g: Graph) -> None:
        node = self.iri(r)
        person = self.ref(r, "person", Person)
        org = self.ref(r, "organisation", Organisation)
        role = self.role(r)
        interval = URIRef(f"{PREFIXES['interval']}{_local(node)}")
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, person))
        g.add((node, ORG.organization, org))
        g.add((node, ORG.role, role))
        g.add((node, ORG.memberDuring, interval))
        g.add((interval, RDF.type, TIME.Interval))
        if r.start:
            g.add((interval, TIME.hasBeginning, self.day(r.start)))
        if r.end:
            g.add((interval, TIME.hasEnd, self.day(r.end)))
        published = self.cf.source.published
        if r.ended and not r.end:
            # over by the time the source was published: the interval lies before that day
            if published:
                g.add((interval, TIME.before, self.day(published)))
            return  # a former post: not whom the person works for, nor their title, now
        if not r.start and not r.end and published:
            g.add((interval, TIME.inside, self.day(published)))
        g.add((person, SCHEMA.worksFor, org))
        g.add((person, SCHEMA.jobTitle, self.literal(r.role)))
        if role in HEAD_ROLES:
            g.add((person, ORG.headOf, org))

    def role(self, r: Post) -> URIRef:
        concept = None
        if r.role_concept:
            concept = self.external(r.role_concept, r, "role_concept")
            if concept not in self.roles.known:
                concept = self.new_role(concept, r)
        else:
            concept = self.roles.concept(r.role)
            if concept is None:
                concept = self.new_role(IG[f"role-{slug(r.role)}"], r)
        return concept

    def new_role(self, concept: URIRef, r: Post) -> URIRef:
        """A role word the scheme lacks becomes a concept of it, labelled with the word."""
        self.shared(concept, [
            (RDF.type, SKOS.Concept), (RDF.type, ORG.Role), (SKOS.inScheme, IG.RoleScheme),
            (SKOS.prefLabel, self.literal(r.role)),
        ])
        self.warnings.append(
            f"{_where(self.cf, r)}: the role {r.role!r} is not in the role scheme; it becomes "
            f"the new concept {concept}"
        )
        return concept

    def event(self, r: Event, g: Graph) -> None:
        node = self.iri(r)
        g.add((node, RDF.type, SCHEMA.Event))
        if r.link == "new":
            g.add((node, SCHEMA.name, self.literal(r.name)))
        else:
            known = self.known_names(node)
            if fold_label(r.name) not in known:
                known.add(fold_label(r.name))
                g.add((node, SKOS.hiddenLabel, Literal(r.name)))
        start = r.date or r.start
        if start:
            g.add((node, SCHEMA.startDate, _date(start)))
        end = r.end if not r.date else ""
        if end:
            g.add((node, SCHEMA.endDate, _date(end)))
        if r.place_ref:
            g.add((node, SCHEMA.location, self.ref(r, "place_ref", Organisation)))
        elif r.place:
            place = URIRef(f"{PREFIXES['place']}{slug(r.place)}")
            g.add((node, SCHEMA.location, place))
            if place not in self.described:
                self.described.add(place)
                g.add((place, RDF.type, SCHEMA.Place))
                g.add((place, SCHEMA.name, Literal(r.place)))

    def participation(self, r: Participation, g: Graph) -> None:
        event = self.ref(r, "event", Event)
        agent = self.ref(r, "agent", Person, Organisation)
        g.add((event, EVENT_PROPERTIES[r.role], agent))

    def quotation(self, r: Quotation, g: Graph) -> bool:
        if not r.paraphrase.strip():
            if r.status == "accepted" or not self.cf.drafted:
                raise InputError(
                    f"{_where(self.cf, r)}: an accepted quotation needs a paraphrase in your own "
                    'words (paraphrase = "…"); the quoted words themselves are never stored'
                )
            self.warnings.append(
                f"{_where(self.cf, r)}: skipped: a suggested quotation without a paraphrase"
            )
            return False
        node = self.iri(r)
        g.add((node, RDF.type, SCHEMA.Quotation))
        g.add((node, SCHEMA.creator, self.ref(r, "speaker", Person)))
        g.add((node, SCHEMA.isPartOf, self.source))
        lang = r.language or None
        g.add((node, SCHEMA.description, Literal(r.paraphrase, lang=lang)))
        return True

    def turtle(self, r: TurtleClaim, g: Graph) -> None:
        header = "".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items()
                         if p not in ("source", "article"))
        # `source:` (and, in older files, `article:`) alone names this source
        header += f"@prefix source: <{self.source}> .\n@prefix article: <{self.source}> .\n"
        try:
            g.parse(data=header + r.body, format="turtle")
        except Exception as exc:  # rdflib raises several kinds
            raise ParseError(f"{_where(self.cf, r)}: the body is not valid Turtle: {exc}",
                             str(self.cf.path or ""), r.line or None) from None

    def describe_source(self, compiled: list[Record]) -> None:
        """Describe the source in a claim of its own, unless a Turtle claim already does."""
        for r in compiled:
            if isinstance(r, TurtleClaim) and (self.source, RDF.type, None) in self.ds.graph(
                URIRef(f"{self.claim_base}{r.id}")
            ):
                return
        src = self.cf.source
        rid = "source" if "source" not in self.records else "source.description"
        record = Record(id=rid, spans=[Span(0, len(self.text))] if self.text else [],
                        status="accepted" if self.curator else "suggested")
        g = Graph()
        s = self.source
        g.add((s, RDF.type, SOURCE_CLASSES[src.kind]))
        g.add((s, IG.sha256, Literal(hashlib.sha256(self.text.encode("utf-8")).hexdigest())))
        g.add((s, IG.length, Literal(len(self.text), datatype=XSD.integer)))
        if src.title:
            g.add((s, SCHEMA.name, self.literal(src.title)))
        if src.language:
            g.add((s, SCHEMA.inLanguage, Literal(src.language)))
        if src.published:
            g.add((s, SCHEMA.datePublished, _date(src.published)))
        if src.author:
            g.add((s, SCHEMA.author, Literal(src.author)))
        if src.text:
            g.add((s, DCTERMS.source, Literal(Path(src.text).name)))
        if not self.text:
            return
        self.emit(record, g, [Span(0, len(self.text))])

    def run(self) -> Dataset:
        self.check_text()
        compiled: list[Record] = []
        for r in self.cf.records():
            if not included(r, self.cf, self.include_suggested):
                continue
            g = Graph()
            if isinstance(r, Person):
                self.person(r, g)
            elif isinstance(r, Organisation):
                self.organisation(r, g)
            elif isinstance(r, Post):
                self.post(r, g)
            elif isinstance(r, Event):
                self.event(r, g)
            elif isinstance(r, Participation):
                self.participation(r, g)
            elif isinstance(r, Quotation):
                if not self.quotation(r, g):
                    continue
            elif isinstance(r, TurtleClaim):
                self.turtle(r, g)
            self.emit(r, g)
            compiled.append(r)
        self.describe_source(compiled)
        return self.ds




def compile_claims(
    cf: ClaimsFile,
    text: str,
    *,
    include_suggested: bool = False,
    curator: str | None = None,
    kg: Any = None,
    warnings: list[str] | None = None,
    names: dict[URIRef, set[str]] | None = None,
) -> Dataset:
    """Compile a claims file against its source text.

    Parameters
    ----------
    cf : ClaimsFile
        The claims (see :mod:`graph.claims.format`).
    text : str
        The source text; its sha256 and length must be those of ``[source]`` when given.
    include_suggested : bool
        Compile suggestions too (a draft's records), not only accepted ones.
    curator : str, optional
        Who accepted the records that do not say (``decided_by``): the claims are attributed to
        this person. Suggestions are attributed to the drafting software (``[drafted] by``).
    kg : KnowledgeGraph, optional
        The graph the claims go into: role concepts and names it already holds are reused.
    warnings : list, optional
        Receives a message for each record skipped or role concept made.
    names : dict, optional
        Folded names already known of entities, by IRI (see :func:`new_names`), besides those in
        ``kg``: a linked mention adds its spelling as a ``skos:hiddenLabel`` only when it is new.

    Returns
    -------
    rdflib.Dataset
        One named graph per record, evidence and shared nodes in the default graph.

    Raises
    ------
    SourceError
        A text that is not the source's (digest, length), an anchor phrase not found or found
        more than once, a span beyond the text.
    InputError
        A record without spans, a reference to a record that is not compiled, an accepted
        quotation without a paraphrase.
    ParseError
        A Turtle body that does not parse.

    Examples
    --------
    >>> from graph.claims.format import loads
    >>> cf = loads('''
    ... [source]
    ... id = "demo"
    ... [[person]]
    ... id = "kari"
    ... name = "Kari Nordmann"
    ... spans = ["Kari Nordmann"]
    ... ''', "demo.claims.toml")
    >>> ds = compile_claims(cf, "I går talte Kari Nordmann.")
    >>> print(serialize_trig(ds).split("claims:kari {")[1].split("}")[0].strip())
    person:kari-nordmann
            a foaf:Agent , foaf:Person , schema:Person ;
            skos:prefLabel "Kari Nordmann" ;
            schema:name "Kari Nordmann" .
    """
    return _Compiler(cf, text, include_suggested, curator, kg, warnings, names).run()


def new_names(cf: ClaimsFile, include_suggested: bool = False) -> dict[URIRef, set[str]]:
    """The folded names of the entities a claims file introduces (``link = "new"``), by IRI:
    compiling other files with them, a linked mention adds no spelling these already have."""
    c = _Compiler(cf, "", include_suggested, None, None, None)
    out: dict[URIRef, set[str]] = {}
    for r in cf.records():
        if isinstance(r, Person | Organisation | Event) and r.link == "new" and included(
                r, cf, include_suggested):
            out.setdefault(c.iri(r), set()).add(fold_label(r.name))
    return out


def build_claims(spec_path: str | Path, text: str) -> Dataset:
    """Compile a claims file read from ``spec_path`` (every record that is not rejected).

    Raises
    ------
    SourceError, InputError, ParseError
        As :func:`compile_claims`, and when the file does not parse.
    """
    return compile_claims(load_claims(spec_path), text, include_suggested=True)


def main(argv: list[str] | None = None) -> int:
    """Rebuild a data file: ``python -m graph.claims SPEC SOURCE [-o OUT]``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m graph.claims",
        description="Build the claim graphs (TriG) of a claims file against its source text.",
        epilog="example: python -m graph.claims data/000_1c50d6c5c024da5a.claims.toml "
        "../shared/corpus/000_1c50d6c5c024da5a.txt -o data/000_1c50d6c5c024da5a.trig",
    )
    parser.add_argument("spec", help="claims file (TOML)")
    parser.add_argument("source", help="the source text (UTF-8)")
    parser.add_argument("-o", "--output", help="TriG file to write (default: standard output)")
    args = parser.parse_args(argv)
    try:
        text = Path(args.source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Error: {args.source}: cannot read the source text: {exc}", file=sys.stderr)
        return 2
    try:
        trig = serialize_trig(build_claims(args.spec, text))
    except InputError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(trig, encoding="utf-8")
    else:
        sys.stdout.write(trig)
    return 0
