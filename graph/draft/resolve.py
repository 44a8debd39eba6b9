"""Linking mentions to what the graph already holds.

Organisations link by a loose key of their names (case, accents, genitive -s, legal-form words,
doubled consonants, Norwegian and Swedish spellings: ``Svinesundskommitténs`` finds
``Svinesundskomiteen``). Persons link only when a second feature agrees — an organisation or a
role the graph also gives them; a name alone gives a candidate and a note for the curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..search import fold
from .entities import org_key

__all__ = ["Linker", "LinkResult", "written_number"]

ORG_TYPES = ("http://www.w3.org/ns/org#Organization", "https://schema.org/Organization")
PERSON_TYPES = ("https://schema.org/Person", "http://xmlns.com/foaf/0.1/Person")


_NUMBER = re.compile(
    r"^[\s,(]{0,3}(?:\(|,)?\s*(?:org(?:anisasjons|anisations)?\.?\s*-?\s*(?:n(?:umme)?r|nummer)\.?"
    r"|orgnr\.?)\s*:?\s*(\d{3}[\s.]?\d{3}[\s.]?\d{3}|\d{6}-?\d{4})(?!\d)", re.I)


def written_number(text: str, spans: list[tuple[int, int]]) -> str:
    """The organisation number written right after a mention (``(org.nr. 912 345 678)``,
    ``, organisationsnummer 556677-8899``), digits only, or "".

    Examples
    --------
    >>> t = "Avtalen med Fjordlys AS (org.nr. 999 100 001) ble signert."
    >>> written_number(t, [(12, 23)])
    '999100001'
    >>> written_number("Bolaget Norrsken AB, organisationsnummer 556677-8899, växer.", [(8, 19)])
    '5566778899'
    >>> written_number("Fjordlys AS har 120 ansatte.", [(0, 11)])
    ''
    """
    for _, end in sorted(spans):
        m = _NUMBER.match(text[end:end + 60])
        if m:
            return re.sub(r"\D", "", m.group(1))
    return ""


@dataclass
class LinkResult:
    """The link of one entity: an IRI (or ``new``), the best match, other candidates, a note."""

    link: str = "new"
    iri: str = ""
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)
    candidates: list[tuple[str, float, dict[str, float]]] = field(default_factory=list)
    note: str = ""


class Linker:
    """Looks names up in a knowledge graph (read once)."""

    def __init__(self, kg: Any) -> None:
        self.kg = kg
        types = " ".join(f"<{t}>" for t in ORG_TYPES + PERSON_TYPES)
        rows = kg.query(
            f"SELECT DISTINCT ?s ?t WHERE {{ VALUES ?t {{ {types} }} ?s a ?t }}"
        ).rows
        self.orgs = {str(s) for s, t in rows if str(t) in ORG_TYPES}
        self.people = {str(s) for s, t in rows if str(t) in PERSON_TYPES}
        from ..duplicates import same_as_groups

        #: an entity a curator joined to another (``innograph resolve``) → the one kept
        self.canon = same_as_groups(kg)
        index = kg.index
        self.org_keys: dict[str, set[str]] = {}
        self.person_keys: dict[str, set[str]] = {}
        for iri in self.orgs:
            for name in index.names(iri):
                self.org_keys.setdefault(org_key(name), set()).add(self.canon.get(iri, iri))
        for iri in self.people:
            for name in index.names(iri):
                self.person_keys.setdefault(fold(name), set()).add(iri)
        posts = kg.query(
            "SELECT ?p ?o ?r WHERE { ?m <http://www.w3.org/ns/org#member> ?p ; "
            "<http://www.w3.org/ns/org#organization> ?o . OPTIONAL { ?m <http://www.w3.org/ns/org#role> ?r } }"
        ).rows
        self.person_orgs: dict[str, set[str]] = {}
        self.person_roles: dict[str, set[str]] = {}
        for p, o, r in posts:
            self.person_orgs.setdefault(str(p), set()).add(self.canon.get(str(o), str(o)))
            if r is not None:
                self.person_roles.setdefault(str(p), set()).add(str(r))

    def recogniser(self) -> Any:
        """A recogniser of the graph's organisations by their names."""
        from .recognise import GraphRecogniser

        keys = {}
        for key, iris in self.org_keys.items():
            if len(iris) == 1 and len(key) > 3:
                iri = next(iter(iris))
                keys[key] = (self.kg.label(iri), "organisation")
        return GraphRecogniser(keys)

    def organisation(self, name: str, number: str = "") -> LinkResult:
        """Link an organisation by its name, or by its organisation number when the text gives
        one (register entries count as much as any other entity; entities a curator joined
        with ``innograph resolve`` count as one)."""
        if number:
            from ..registry.match import match_organisation

            found = match_organisation(self.kg, name, org_number=number, limit=1)
            if found and found[0].features.get("number") == 1.0:
                iri = self.canon.get(found[0].iri, found[0].iri)
                return LinkResult(iri, iri, 1.0, {"number": 1.0, "name": 1.0})
        hits = sorted(self.org_keys.get(org_key(name), ()))
        if len(hits) == 1:
            exact = fold(name) in {fold(n) for n in self._names(hits[0])}
            feats = {"name": 1.0 if exact else 0.9}
            return LinkResult(hits[0], hits[0], feats["name"], feats)
        if hits:
            from ..vocab import curie

            shown = " and ".join(curie(h) for h in hits[:2])
            return LinkResult(candidates=[(h, 0.5, {"name": 0.9}) for h in hits],
                              note="several organisations of the graph have this name; if they "
                              f"are one, record it: innograph resolve --accept {shown}")
        return LinkResult()

    def _names(self, iri: str) -> set[str]:
        """The names of an entity and of every entity joined to it."""
        members = [m for m, c in self.canon.items() if c == iri] or [iri]
        return {n for m in members for n in self.kg.index.names(m)}

    def person(self, name: str, orgs: set[str], roles: set[str]) -> LinkResult:
        """Link a person when the name and a second feature (organisation or role) agree."""
        hits = sorted(self.person_keys.get(fold(name), ()))
        initial = re.match(r"^([A-ZÆØÅÄÖ])\. (.+)$", name)
        if not hits:
            # «J. Lidén» and «Johanna Lidén»; «Lidén» alone is never enough
            words = fold(name).split()
            hits = sorted(
                iri for key, iris in self.person_keys.items() for iri in iris
                if len(words) > 1 and key.split()[1:] == words[1:]
                and key[:1] == words[0][:1] and (initial or len(key.split()[0]) == 1)
            )
        if not hits:
            return LinkResult()
        scored = []
        for iri in hits:
            feats = {"name": 1.0}
            if orgs & self.person_orgs.get(iri, set()):
                feats["organisation"] = 1.0
            if roles & self.person_roles.get(iri, set()):
                feats["role"] = 1.0
            scored.append((iri, round(sum(feats.values()) / 3, 2), feats))
        best = max(scored, key=lambda s: s[1])
        if len(best[2]) >= 2:
            return LinkResult(best[0], best[0], best[1], best[2],
                              [s for s in scored if s[0] != best[0]])
        label = self.kg.label(best[0])
        return LinkResult(candidates=scored, note=f"possibly the same as {label} <{best[0]}>: "
                          "the name agrees, but no organisation or role does")
