"""Candidate duplicates across the whole graph, and the curator's decision about them.

Sources name the same organisation or person in many ways, and a register names it once more:
the packaged article's ``Sarpsborg kommune`` and the register's ``SARPSBORG KOMMUNE`` are two
nodes until someone says they are one. :func:`find_duplicates` lists pairs that may be the same
entity, each with the scores of the features it rests on; :func:`resolution` turns a curator's
decision into a named graph of its own (an ``ig:IdentityDecision``), so that no source's claims
are rewritten:

- *accepted*: ``<keep> owl:sameAs <other>``, and every spelling of the other that the kept
  entity lacks becomes a ``skos:hiddenLabel`` of it (search finds it by either name);
- *rejected*: ``<keep> owl:differentFrom <other>``, so that the pair is not proposed again.

Each decision is attributed to the curator (``prov:wasAttributedTo``) with its time
(``prov:generatedAtTime``); it cites no span, since it rests on what the graph says about both.

Features
--------
Organisations
    ``name`` (similarity of the folded names without legal form and genitive, 0 to 1),
    ``number`` (1 when both have the same organisation number; two different numbers mean two
    registered entities, and the pair is not proposed), ``legal_form`` and ``municipality``
    (1 or 0, when both sides state one), ``type`` (1 when both are of the same specific kind:
    municipality, unit, registered organisation...).
Persons
    ``name`` (1 for the same folded name, 0.9 for an initial that agrees, else the similarity),
    ``organisation`` (1 when they hold posts in the same organisation), ``role`` (1 when they
    hold the same role). A name alone gives at most 0.5: below the default threshold.

Examples
--------
>>> from graph import load
>>> kg = load()
>>> find_duplicates(kg)         # the packaged article names each actor once
[]
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, NotFoundError
from .search import fold
from .vocab import FOAF, ID, IG, ORG, OWL, PROV, RDF, ROV, SCHEMA, SKOS, XSD, curie

__all__ = [
    "KINDS",
    "DuplicatePair",
    "Resolution",
    "find_duplicates",
    "resolution",
    "same_as_groups",
    "write_resolution",
]

#: The kinds of entity :func:`find_duplicates` compares.
KINDS = ("organisation", "person")

_ORG_WEIGHTS = {"name": 0.6, "number": 0.4, "legal_form": 0.1, "municipality": 0.15, "type": 0.1}
_PERSON_WEIGHTS = {"name": 0.5, "organisation": 0.3, "role": 0.2}
_NAMES = (SCHEMA.name, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, ROV.legalName)
#: Types specific enough that two entities of different specific types are hardly the same.
_SPECIFIC = (IG.Municipality, ORG.OrganizationalUnit, ROV.RegisteredOrganization,
             SCHEMA.GovernmentOrganization, SCHEMA.CollegeOrUniversity)


@dataclass(frozen=True)
class DuplicatePair:
    """Two entities that may be one.

    Attributes
    ----------
    kind : {"organisation", "person"}
    keep, other : str
        The IRIs; ``keep`` is the one suggested to keep (the one the graph says more about).
    keep_label, other_label : str
    score : float
        0 to 1: the weighted mean of the features that could be compared.
    features : dict
        Feature name → score (only the features both sides state).
    """

    kind: str
    keep: str
    other: str
    keep_label: str
    other_label: str
    score: float
    features: dict[str, float] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The pair as plain JSON-ready values."""
        return {"kind": self.kind, "keep": self.keep, "keep_label": self.keep_label,
                "other": self.other, "other_label": self.other_label, "score": self.score,
                "features": dict(sorted(self.features.items()))}


@dataclass(frozen=True)
class Resolution:
    """A curator's decision about a pair, as a named graph of its own.

    Attributes
    ----------
    claim : str
        The decision graph's IRI (``id/claim/resolution/<hash of the pair>``).
    keep, other : str
    accepted : bool
        True for "the same entity" (``owl:sameAs``), False for "different" (``owl:differentFrom``).
    hidden_labels : tuple of str
        The other's spellings that the kept entity gains as ``skos:hiddenLabel``.
    trig : str
        The decision in TriG, ready to add to a data folder or load into a store.
    """

    claim: str
    keep: str
    other: str
    accepted: bool
    hidden_labels: tuple[str, ...]
    trig: str


# ---------------------------------------------------------------------------- reading the graph


@dataclass
class _Entity:
    iri: str
    names: set[str] = field(default_factory=set)
    label: str = ""
    number: str = ""
    form: str = ""
    municipality: str = ""
    types: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    weight: int = 0


def _rows(kg: Any, sparql: str) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in kg.query(sparql).rows]


def _known_entity(kg: Any, iri: str) -> None:
    """Raise NotFoundError when the graph says nothing about ``iri``."""
    from rdflib import URIRef

    if not kg.query("ASK { { ?s ?p ?o } UNION { ?o ?p ?s } }", s=URIRef(iri)).boolean:
        name = re.split(r"[/#:]", iri.rstrip("/"))[-1]
        raise NotFoundError(f"the graph says nothing about {curie(iri)}; check the IRI, or look "
                            f"for the entity by name: innograph find {name}")


def _values(*terms: Any) -> str:
    return " ".join(f"<{t}>" for t in terms)


def _entities(kg: Any, cls: Any) -> dict[str, _Entity]:
    out: dict[str, _Entity] = {}
    for iri, name in _rows(kg, f"SELECT ?s ?n WHERE {{ ?s a <{cls}> . VALUES ?p {{ "
                               f"{_values(*_NAMES)} }} ?s ?p ?n }}"):
        out.setdefault(iri, _Entity(iri)).names.add(name)
    for iri, n in _rows(kg, f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ ?s a <{cls}> ; ?p ?o }} "
                            "GROUP BY ?s"):
        if iri in out:
            out[iri].weight = int(n)
    for e in out.values():
        e.label = kg.label(e.iri)
    return out


def _organisations(kg: Any) -> dict[str, _Entity]:
    orgs = _entities(kg, SCHEMA.Organization)
    for iri, number in _rows(kg, f"SELECT ?s ?v WHERE {{ ?s a <{SCHEMA.Organization}> ; "
                                 f"<{ORG.identifier}> ?v }}"):
        if iri in orgs:
            orgs[iri].number = re.sub(r"\D", "", number) or number
    for iri, form in _rows(kg, f"SELECT ?s ?v WHERE {{ ?s a <{SCHEMA.Organization}> ; "
                               f"<{ROV.orgType}> ?f . ?f <{SKOS.notation}> ?v }}"):
        if iri in orgs:
            orgs[iri].form = form.upper()
    for iri, place in _rows(kg, f"SELECT ?s ?m WHERE {{ ?s a <{SCHEMA.Organization}> ; "
                                f"<{SCHEMA.location}> ?m }}"):
        if iri in orgs:
            orgs[iri].municipality = place
    for iri, typ in _rows(kg, f"SELECT ?s ?t WHERE {{ VALUES ?t {{ {_values(*_SPECIFIC)} }} "
                              "?s a ?t }"):
        if iri in orgs:
            orgs[iri].types.add(typ)
    return orgs


def _persons(kg: Any) -> dict[str, _Entity]:
    people = _entities(kg, SCHEMA.Person)
    for person, org, role in _rows(kg, f"SELECT ?p ?o ?r WHERE {{ ?m <{ORG.member}> ?p ; "
                                       f"<{ORG.organization}> ?o . OPTIONAL {{ ?m <{ORG.role}> ?r }} }}"):
        if person in people:
            people[person].orgs.add(org)
            if role:
                people[person].roles.add(role)
    return people


def same_as_groups(kg: Any) -> dict[str, str]:
    """Every entity that an ``owl:sameAs`` joins to another, mapped to its group's canonical IRI.

    The canonical IRI of a group is the one that is never the object of a ``sameAs`` from
    another member (the entity a curator kept), else the smallest IRI.

    Examples
    --------
    >>> from graph import load
    >>> same_as_groups(load())
    {}
    """
    pairs = _rows(kg, f"SELECT DISTINCT ?a ?b WHERE {{ ?a <{OWL.sameAs}> ?b FILTER(isIRI(?b) && "
                      "?a != ?b) FILTER EXISTS { ?b a ?t } }")
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    objects = {b for _, b in pairs}
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    out: dict[str, str] = {}
    for members in groups.values():
        kept = sorted(m for m in members if m not in objects) or sorted(members)
        for m in members:
            out[m] = kept[0]
    return out


def _decided(kg: Any) -> set[frozenset[str]]:
    rows = _rows(kg, f"SELECT ?a ?b WHERE {{ VALUES ?p {{ <{OWL.sameAs}> <{OWL.differentFrom}> }} "
                     "?a ?p ?b FILTER(isIRI(?b)) }")
    return {frozenset(r) for r in rows}


def _related(kg: Any) -> set[frozenset[str]]:
    """Pairs of organisations where one is a unit or part of the other (never duplicates)."""
    rows = _rows(kg, f"SELECT ?a ?b WHERE {{ VALUES ?p {{ <{ORG.unitOf}> <{ORG.subOrganizationOf}> "
                     f"<{SCHEMA.parentOrganization}> }} ?a ?p ?b }}")
    return {frozenset(r) for r in rows}


# ---------------------------------------------------------------------------- comparing


def _core(name: str) -> str:
    from .registry.match import split_legal_form

    return split_legal_form(name)[0]


def _similarity(a: Iterable[str], b: Iterable[str], key: Any = fold) -> float:
    best = 0.0
    keys_b = {key(n) for n in b}
    for x in {key(n) for n in a}:
        for y in keys_b:
            if x and y:
                best = max(best, 1.0 if x == y else difflib.SequenceMatcher(None, x, y).ratio())
    return best


def _score(features: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights[f] for f in features)
    return round(sum(weights[f] * v for f, v in features.items()) / total, 3) if total else 0.0


def _org_features(a: _Entity, b: _Entity) -> dict[str, float] | None:
    if a.number and b.number:
        if a.number != b.number:
            return None
        return {"number": 1.0, "name": round(_similarity(a.names, b.names, _core), 3)}
    name = _similarity(a.names, b.names, _core)
    if name < 0.85:
        return None
    feats = {"name": round(name, 3)}
    if a.form and b.form:
        feats["legal_form"] = float(a.form == b.form)
    if a.municipality and b.municipality:
        feats["municipality"] = float(a.municipality == b.municipality)
    if a.types and b.types:
        feats["type"] = float(bool(a.types & b.types))
    return feats


def _person_name(a: _Entity, b: _Entity) -> float:
    best = _similarity(a.names, b.names)
    for x in (fold(n).split() for n in a.names):
        for y in (fold(n).split() for n in b.names):
            if len(x) > 1 and len(y) > 1 and x[-1] == y[-1] and x[0][0] == y[0][0] and (
                len(x[0]) == 1 or len(y[0]) == 1
            ):
                best = max(best, 0.9)
    return best


def _person_features(a: _Entity, b: _Entity, canon: dict[str, str]) -> dict[str, float] | None:
    name = _person_name(a, b)
    if name < 0.85:
        return None
    feats = {"name": round(name, 3)}
    orgs_a = {canon.get(o, o) for o in a.orgs}
    orgs_b = {canon.get(o, o) for o in b.orgs}
    if orgs_a and orgs_b:
        feats["organisation"] = float(bool(orgs_a & orgs_b))
    if a.roles and b.roles:
        feats["role"] = float(bool(a.roles & b.roles))
    return feats


def _blocks(entities: dict[str, _Entity], keys: Any) -> Iterable[tuple[_Entity, _Entity]]:
    """Pairs that share a blocking key (each pair once, in IRI order)."""
    index: dict[str, set[str]] = {}
    for e in entities.values():
        for k in keys(e):
            index.setdefault(k, set()).add(e.iri)
    seen: set[tuple[str, str]] = set()
    for members in index.values():
        if len(members) < 2 or len(members) > 200:
            continue
        ordered = sorted(members)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1:]:
                if (x, y) not in seen:
                    seen.add((x, y))
                    yield entities[x], entities[y]


def _org_keys(e: _Entity) -> set[str]:
    from .draft.entities import org_key

    out = {org_key(n) for n in e.names}
    if e.number:
        out.add("#" + e.number)
    return {k for k in out if k}


def _person_keys(e: _Entity) -> set[str]:
    return {w[-1] + " " + w[0][:1] for w in (fold(n).split() for n in e.names) if len(w) > 1}


def find_duplicates(
    kg: Any, *, kinds: Iterable[str] = KINDS, min_score: float = 0.6, limit: int | None = None,
) -> list[DuplicatePair]:
    """Pairs of entities that may be the same, best first.

    Parameters
    ----------
    kg : KnowledgeGraph
    kinds : iterable of {"organisation", "person"}
    min_score : float
        The lowest score listed (0 to 1). Persons who share only a name score 0.5.
    limit : int, optional
        The most pairs to return.

    Returns
    -------
    list of DuplicatePair
        Sorted by score (highest first), then labels. Pairs already decided (``owl:sameAs`` or
        ``owl:differentFrom`` between them, or in one ``sameAs`` group), an organisation and its
        own unit, and two organisations with different numbers are never listed.

    Raises
    ------
    InputError
        For an unknown kind or a score outside 0–1.
    """
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise InputError(f"unknown kind {unknown[0]!r}: give {' or '.join(KINDS)}")
    if not 0.0 <= min_score <= 1.0:
        raise InputError(f"the minimum score is a number from 0 to 1; got {min_score}")
    canon = same_as_groups(kg)
    decided = _decided(kg) | _related(kg)
    out: list[DuplicatePair] = []

    def add(kind: str, a: _Entity, b: _Entity, feats: dict[str, float] | None,
            weights: dict[str, float]) -> None:
        if feats is None or frozenset((a.iri, b.iri)) in decided:
            return
        if a.iri in canon and canon.get(a.iri) == canon.get(b.iri):
            return
        score = _score(feats, weights)
        if score < min_score:
            return
        keep, other = sorted((a, b), key=lambda e: (not e.number, -e.weight, e.iri))
        out.append(DuplicatePair(kind, keep.iri, other.iri, keep.label, other.label, score,
                                 feats))

    if "organisation" in kinds:
        orgs = _organisations(kg)
        for a, b in _blocks(orgs, _org_keys):
            add("organisation", a, b, _org_features(a, b), _ORG_WEIGHTS)
    if "person" in kinds:
        people = _persons(kg)
        for a, b in _blocks(people, _person_keys):
            add("person", a, b, _person_features(a, b, canon), _PERSON_WEIGHTS)
    out.sort(key=lambda p: (-p.score, p.kind, fold(p.keep_label), fold(p.other_label), p.keep,
                            p.other))
    return out[:limit] if limit is not None else out


# ---------------------------------------------------------------------------- deciding


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def resolution(
    kg: Any, keep: str, other: str, *, accepted: bool = True, curator: str = "",
    at: str | None = None,
) -> Resolution:
    """A curator's decision that ``keep`` and ``other`` are (or are not) the same entity.

    Parameters
    ----------
    kg : KnowledgeGraph
    keep, other : str
        IRIs, CURIEs or names (as ``kg.resolve`` takes them).
    accepted : bool
        True: the same entity (``owl:sameAs``; the other's spellings become hidden labels of
        ``keep``). False: different entities (``owl:differentFrom``).
    curator : str
        Who decided (required).
    at : str, optional
        When (``xsd:dateTime``); now by default.

    Returns
    -------
    Resolution
        The decision; nothing is written (add ``.trig`` to a data folder or load it).

    Raises
    ------
    InputError
        For a missing curator, the same entity twice, or entities of different kinds.
    NotFoundError
        For a name the graph does not know.
    """
    from .claims.terms import slug

    if not curator.strip():
        raise InputError("say who decides: give the curator's name (--curator NAME)")
    a, b = kg.resolve(keep), kg.resolve(other)
    if a == b:
        raise InputError(f"{curie(a)} was given twice: a resolution needs two different entities")
    kinds = {}
    for iri in (a, b):
        typ = _rows(kg, f"SELECT ?t WHERE {{ VALUES ?t {{ <{SCHEMA.Person}> <{SCHEMA.Organization}> }} "
                        f"<{iri}> a ?t }}")
        kinds[iri] = {t for (t,) in typ}
        if not kinds[iri]:
            _known_entity(kg, iri)
    if kinds[a] != kinds[b] or not kinds[a]:
        raise InputError(f"{curie(a)} and {curie(b)} are not both persons or both organisations: "
                         "only entities of one kind can be the same")
    decided = _rows(kg, f"SELECT ?g WHERE {{ VALUES (?x ?y) {{ (<{a}> <{b}>) (<{b}> <{a}>) }} "
                        f"VALUES ?p {{ <{OWL.sameAs}> <{OWL.differentFrom}> }} "
                        "{ ?x ?p ?y } UNION { GRAPH ?g { ?x ?p ?y } } }")
    if decided:
        where = next((g for (g,) in decided if g), "")
        raise InputError(f"{curie(a)} and {curie(b)} are already decided"
                         f"{' in ' + where if where else ''}; change that decision where it is "
                         "recorded")
    when = at or _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    try:
        _dt.datetime.fromisoformat(when)
    except ValueError:
        raise InputError(f"the time of a decision is an ISO date-time; got {when!r}") from None
    h = hashlib.sha256(f"{a} {b}".encode()).hexdigest()[:16]
    claim = f"{ID}claim/resolution/{h}"
    names_a = {fold(n) for n in kg.index.names(a)}
    hidden = tuple(n for n in kg.index.names(b) if fold(n) not in names_a) if accepted else ()
    agent = f"{ID}curator/{slug(curator)}"
    lines = [f"GRAPH <{claim}> {{",
             f"  <{a}> <{OWL.sameAs if accepted else OWL.differentFrom}> <{b}> ."]
    lines += [f"  <{a}> <{SKOS.hiddenLabel}> {_literal(n)} ." for n in hidden]
    lines.append("}")
    stamp = f'"{when}"^^<{XSD.dateTime}>'
    lines += [f"<{claim}> <{RDF.type}> <{IG.IdentityDecision}>, <{PROV.Entity}> ;",
              f"  <{PROV.wasAttributedTo}> <{agent}> ;",
              f"  <{PROV.generatedAtTime}> {stamp} ."]
    lines += [f"<{agent}> <{RDF.type}> <{PROV.Person}>, <{PROV.Agent}>, <{FOAF.Person}> ;",
              f"  <{FOAF.name}> {_literal(curator.strip())} ."]
    return Resolution(claim, a, b, accepted, hidden, "\n".join(lines) + "\n")


def write_resolution(res: Resolution, path: str | Path) -> Path:
    """Add a decision to a TriG file (created when missing), atomically.

    Put the file in a data folder (``--data``) and every command includes the decision.

    Raises
    ------
    InputError
        When ``path`` is not a ``.trig`` file or already holds a decision about the pair.
    """
    target = Path(path)
    if target.suffix != ".trig":
        raise InputError(f"{target}: decisions are written as TriG; give a file ending in .trig")
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    if f"<{res.claim}>" in old:
        raise InputError(f"{target} already holds a decision about {curie(res.keep)} and "
                         f"{curie(res.other)} ({res.claim}); edit that file to change it")
    text = (old + ("\n" if old and not old.endswith("\n") else "") + res.trig) if old else (
        "# Curators' decisions about duplicate entities (innograph resolve).\n" + res.trig)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target
