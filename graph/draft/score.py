"""Scoring drafts against a gold standard: facts per kind, precision, recall and F1.

A post is compared as (person, role concept, organisation): the role word is mapped to its
concept of the role scheme (so ``VD`` and ``verkställande direktör`` are one role). Facts are
read either from claims files (:func:`facts_from_claims`) or, through standard
vocabulary, from any RDF dataset (:func:`facts_from_dataset`: schema:Person,
org:Organization, org:Membership with org:member, org:role and org:organization, schema:Event
with schema:organizer and ig:speaker ⊑ schema:performer), so that anything compiled to RDF can
be scored the same way. Names are compared folded (case, accents, punctuation) with a genitive
-s removed.

Examples
--------
>>> prf({"a", "b"}, {"b", "c"})
(0.5, 0.5, 0.5)
>>> norm("Sydsmaks"), norm("Luleå kommuns")
('sydsmak', 'lulea kommun')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..search import fold

__all__ = ["KINDS", "Facts", "facts_from_claims", "facts_from_dataset", "facts_from_gold", "norm",
           "prf", "span_validity"]

KINDS = ("persons", "organisations", "posts", "event roles")


def norm(name: str) -> str:
    """A name folded, its last word without a genitive -s."""
    f = fold(name)
    if f.endswith("s") and len(f) > 4 and not f.endswith(("ss", "us", " as", " ks", " hs")):
        f = f[:-1]
    return f


@dataclass
class Facts:
    """What a draft or a gold standard says about one source, as comparable tuples."""

    persons: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)
    posts: set[tuple[str, str, str]] = field(default_factory=set)
    event_roles: set[tuple[str, str]] = field(default_factory=set)

    def kind(self, name: str) -> set[Any]:
        return getattr(self, name.replace(" ", "_"))


def role_key(role: str, concept: str = "") -> str:
    """The role of a post as compared: its concept in the role scheme (``chief-executive``),
    from ``concept`` when given, else from the role word; the folded word when no concept fits.

    Examples
    --------
    >>> role_key("daglig leder"), role_key("VD"), role_key("ig:role-professor")
    ('chief-executive', 'chief-executive', 'professor')
    """
    if concept:
        return concept.rsplit("role-", 1)[-1]
    if role.startswith(("ig:role-", "http")):
        return role.rsplit("role-", 1)[-1]
    from .roles import role_at
    from .text import tokenize

    toks = tokenize(role)
    found = role_at(toks, 0)
    if found and found[2] == len(toks):
        return found[1]
    return fold(role)


def facts_from_gold(gold: dict[str, Any]) -> Facts:
    """Facts of one object of a ``gold.json``."""
    f = Facts({norm(p) for p in gold.get("persons", [])},
              {norm(o) for o in gold.get("organisations", [])})
    for person, role, org, *_ in gold.get("posts", []):
        f.posts.add((norm(person), role_key(role), norm(org)))
    for ev in gold.get("events", []):
        for agent in ev.get("organisers", []):
            f.event_roles.add((norm(agent), "organiser"))
        for agent in ev.get("speakers", []):
            f.event_roles.add((norm(agent), "speaker"))
    return f


def facts_from_claims(cf: Any, min_confidence: float = 0.0) -> Facts:
    """Facts of a claims file (suggestions below ``min_confidence`` and rejected ones left out)."""
    def ok(r: Any) -> bool:
        return r.status != "rejected" and (r.confidence is None or r.confidence >= min_confidence)

    names = {r.id: r.name for r in list(cf.persons) + list(cf.organisations) if ok(r)}
    f = Facts({norm(p.name) for p in cf.persons if ok(p)},
              {norm(o.name) for o in cf.organisations if ok(o)})
    for p in cf.posts:
        if ok(p) and p.person in names and p.organisation in names:
            f.posts.add((norm(names[p.person]), role_key(p.role, p.role_concept),
                         norm(names[p.organisation])))
    for part in cf.participations:
        if ok(part) and part.role in ("organiser", "speaker") and part.agent in names:
            f.event_roles.add((norm(names[part.agent]), part.role))
    return f


def facts_from_dataset(ds: Any) -> Facts:
    """Facts of an RDF dataset (rdflib ``Dataset`` or ``Graph``) read through standard terms.

    A role is compared by its label (any language); an agent by its ``schema:name``.
    """
    q = """
    PREFIX schema: <https://schema.org/>
    PREFIX org: <http://www.w3.org/ns/org#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX ig: <https://w3id.org/innograph/ontology#>
    SELECT ?kind ?a ?b ?c WHERE {
      { ?x a schema:Person ; schema:name ?a . BIND("person" AS ?kind) }
      UNION { ?x a org:Organization ; schema:name ?a . BIND("org" AS ?kind) }
      UNION { ?m a org:Membership ; org:member/schema:name ?a ; org:organization/schema:name ?c ;
                 org:role ?b . BIND("post" AS ?kind) }
      UNION { ?e a schema:Event ; schema:organizer/schema:name ?a . BIND("organiser" AS ?kind) }
      UNION { ?e a schema:Event ; ig:speaker/schema:name ?a . BIND("speaker" AS ?kind) }
    }"""
    f = Facts()
    union = getattr(ds, "default_union", None)
    if union is False:
        ds.default_union = True     # read the claims' named graphs too
    try:
        rows = list(ds.query(q))
    finally:
        if union is False:
            ds.default_union = False
    for kind, a, b, c in rows:
        if str(kind) == "person":
            f.persons.add(norm(str(a)))
        elif str(kind) == "org":
            f.organisations.add(norm(str(a)))
        elif str(kind) == "post":
            f.posts.add((norm(str(a)), role_key("", str(b)), norm(str(c))))
        else:
            f.event_roles.add((norm(str(a)), str(kind)))
    return f


def prf(predicted: Iterable[Any], gold: Iterable[Any]) -> tuple[float, float, float]:
    """Precision, recall and F1 of two sets (1.0 each when both are empty)."""
    p, g = set(predicted), set(gold)
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


def span_validity(cf: Any, text: str) -> tuple[int, int]:
    """(valid, all) suggestions: every span inside the text, and for a person or organisation
    the first span naming it (its excerpt folds to the name, or the name's last word)."""
    from ..evidence import Span

    valid = total = 0
    for r in cf.records():
        total += 1
        spans = [s for s in r.spans if isinstance(s, Span)]
        if not spans or any(not (0 <= s.start < s.end <= len(text)) for s in spans):
            continue
        name = getattr(r, "name", None)
        if name and r.TABLE in ("person", "organisation"):
            first = norm(spans[0].excerpt(text))
            if not (first == norm(name) or norm(name).endswith(first) or first in norm(name)):
                continue
        valid += 1
    return valid, total
