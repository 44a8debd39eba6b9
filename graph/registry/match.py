"""Link a name (or a number) to an organisation: register entries first, any organisation else.

:func:`match_organisation` is what the drafter and the reconciliation service call. A mention
matches by organisation number when one is written; otherwise by its folded name (case, accents,
punctuation and a genitive -s ignored), compared with and without the legal form (``AS``,
``ASA``, ``AB``...), and confirmed by the municipality when one is given.

Examples
--------
>>> split_legal_form("Fjordvik Forskning AS")
('fjordvik forskning', 'AS')
>>> split_legal_form("Sarpsborgs kommune")
('sarpsborg kommune', '')
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..search import fold
from ..vocab import ORG, ROV, SCHEMA, SKOS

__all__ = ["Candidate", "OrgIndex", "match_organisation", "split_legal_form"]

#: Legal-form words that may follow (or precede) a name, folded, with their codes.
LEGAL_FORMS = {
    "as": "AS", "asa": "ASA", "ab": "AB", "ab publ": "AB", "aktiebolag": "AB",
    "aksjeselskap": "AS", "allmennaksjeselskap": "ASA", "sa": "SA", "ba": "BA", "ans": "ANS",
    "da": "DA", "ks": "KS", "enk": "ENK", "nuf": "NUF", "hb": "HB", "kb": "KB",
    "ek for": "EK", "ekonomisk forening": "EK", "stiftelse": "STI", "stiftelsen": "STI",
}
_FORM_RE = re.compile(r"^(?:(?P<pre>" + "|".join(sorted(LEGAL_FORMS, key=len, reverse=True))
                      + r") )?(?P<core>.*?)(?: (?P<post>"
                      + "|".join(sorted(LEGAL_FORMS, key=len, reverse=True)) + "))?$")


def split_legal_form(name: str) -> tuple[str, str]:
    """The folded name without a leading or trailing legal form, and the form.

    A genitive -s is dropped from every word longer than three letters (names are compared
    after the same treatment, so a name that ends in -s still matches itself).
    """
    key = fold(name)
    m = _FORM_RE.match(key)
    core, form = key, ""
    if m and m.group("core"):
        core = m.group("core")
        word = m.group("post") or m.group("pre")
        form = LEGAL_FORMS[word] if word else ""
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and w[:-1] else w for w in core.split()]
    return " ".join(words), form


@dataclass(frozen=True)
class Candidate:
    """An organisation that may be the one meant.

    Attributes
    ----------
    iri, name : str
    score : float
        0 to 1; 1 for a number match or an exact name with matching form and municipality.
    match : bool
        True when the candidate is certain: a number, or a clear best exact name.
    features : dict
        The scores it is built from: ``number``, ``name``, ``legal_form``, ``municipality``.
    number, municipality : str
        The organisation number and municipality number ("" when unknown).
    types : tuple of str
    """

    iri: str
    name: str
    score: float
    match: bool = False
    features: dict[str, float] = field(default_factory=dict, compare=False)
    number: str = ""
    municipality: str = ""
    types: tuple[str, ...] = ()


@dataclass(slots=True)
class _Org:
    iri: str
    name: str
    names: list[str] = field(default_factory=list)
    number: str = ""
    municipality: str = ""
    municipality_name: str = ""
    form: str = ""
    types: frozenset[str] = frozenset()
    #: the names folded, without legal form and genitive (what a query is compared with)
    cores: list[str] = field(default_factory=list)


_ORG = f"?o a <{SCHEMA.Organization}> ."
#: The queries the index reads, each a simple pattern (fast on every store).
_QUERIES = {
    "name": f"SELECT ?o ?v WHERE {{ {_ORG} VALUES ?p {{ <{SCHEMA.name}> <{SKOS.prefLabel}> "
            f"<{SKOS.altLabel}> <{SKOS.hiddenLabel}> }} ?o ?p ?v }}",
    "number": f"SELECT ?o ?v WHERE {{ {_ORG} ?o <{ORG.identifier}> ?v }}",
    "municipality": f"SELECT ?o ?v ?w WHERE {{ {_ORG} ?o <{SCHEMA.location}> ?m . "
                    f"?m <{SCHEMA.identifier}> ?v ; <{SCHEMA.name}> ?w }}",
    "form": f"SELECT ?o ?v WHERE {{ {_ORG} ?o <{ROV.orgType}> ?f . ?f <{SKOS.notation}> ?v }}",
    "type": f"SELECT ?o ?v WHERE {{ {_ORG} VALUES ?v {{ <{SCHEMA.Organization}> "
            f"<{ROV.RegisteredOrganization}> <{ORG.OrganizationalUnit}> <{ORG.FormalOrganization}> "
            f"<{SCHEMA.GovernmentOrganization}> <https://w3id.org/innograph/ontology#Municipality> }} "
            "?o a ?v }",
}


def _rows(kg: Any, key: str, sparql: str) -> Iterable[tuple[Any, ...]]:
    """The rows of one index query as plain strings (see :func:`graph.stores.text_rows`; no
    conversion of each term, which would take most of the time on a whole register). Names
    keep their language: straight from Oxigraph, else as the store's rdflib literals."""
    from ..stores import OxigraphStore, text_rows

    store = getattr(kg, "store", None)
    if key != "name":
        return text_rows(store, sparql) if store is not None else kg.query(sparql).rows
    if not isinstance(store, OxigraphStore):
        return kg.query(sparql).rows
    solutions: Any = store.ox.query(sparql, use_default_graph_as_union=True)
    return ((s[0].value, s[1].value, getattr(s[1], "language", None)) for s in solutions)


class OrgIndex:
    """Organisations by number, by folded name and core name, and by name word.

    Build it once per graph (:meth:`of` caches it on the graph) and ask it many times.
    """

    def __init__(self, rows: dict[str, Iterable[tuple[Any, ...]]]) -> None:
        self.orgs: dict[str, _Org] = {}
        rank: dict[str, tuple[bool, int, int, str]] = {}
        for row in rows.get("name", ()):
            iri, name = str(row[0]), str(row[1])
            lang = (row[2] if len(row) > 2 else getattr(row[1], "language", None)) or ""
            org = self.orgs.get(iri)
            if org is None:
                org = self.orgs[iri] = _Org(iri, name)
            if name not in org.names:
                org.names.append(name)
            key = (name.isupper(), {"nb": 0, "": 1}.get(lang, 2), -len(name), name)
            if iri not in rank or key < rank[iri]:
                rank[iri] = key
                org.name = name
        del rank
        orgs = self.orgs
        for o, number in rows.get("number", ()):
            if (org := orgs.get(str(o))) is not None:
                org.number = str(number)
        for o, muni, muni_name in rows.get("municipality", ()):
            if (org := orgs.get(str(o))) is not None:
                org.municipality, org.municipality_name = str(muni), str(muni_name)
        for o, form in rows.get("form", ()):
            if (org := orgs.get(str(o))) is not None:
                org.form = str(form)
        types: dict[str, set[str]] = {}
        for o, typ in rows.get("type", ()):
            if str(o) in orgs:
                types.setdefault(str(o), set()).add(str(typ))
        shared: dict[frozenset[str], frozenset[str]] = {}   # one object per combination
        for iri, kinds in types.items():
            combination = frozenset(kinds)
            orgs[iri].types = shared.setdefault(combination, combination)
        del types
        self.by_number: dict[str, str] = {}
        #: the organisations (IRIs, each once) by core name and by word of a core name
        self.by_core: dict[str, list[str]] = {}
        self.by_word: dict[str, list[str]] = {}
        self._sorted: dict[str, list[str]] = {}
        for org in orgs.values():
            if org.number:
                self.by_number[org.number] = org.iri
            words: set[str] = set()
            for name in org.names:
                core, _ = split_legal_form(name)
                if core in org.cores:
                    continue
                org.cores.append(core)
                self.by_core.setdefault(core, []).append(org.iri)
                words.update(core.split())
            for w in words:
                self.by_word.setdefault(w, []).append(org.iri)

    @classmethod
    def of(cls, kg: Any) -> OrgIndex:
        """The index of a :class:`~graph.kg.KnowledgeGraph` (built on first use, then kept)."""
        index = getattr(kg, "_org_index", None)
        if index is None:
            index = cls({k: _rows(kg, k, q) for k, q in _QUERIES.items()})
            kg._org_index = index
        return index

    def __len__(self) -> int:
        return len(self.orgs)

    def get(self, iri: str) -> _Org | None:
        return self.orgs.get(iri)

    def candidates(self, core: str, limit: int = 200) -> set[str]:
        """Organisations sharing the core name, else its rarest words."""
        exact = set(self.by_core.get(core, ()))
        if exact:
            return exact
        words = sorted((w for w in set(core.split()) if w in self.by_word),
                       key=lambda w: len(self.by_word[w]))
        out: set[str] = set()
        for w in words[:2]:
            if len(self.by_word[w]) <= 50_000:
                out.update(self._first(w)[:limit])
        return out

    def _first(self, word: str) -> list[str]:
        """The organisations with a word in their name, sorted (kept once sorted)."""
        done = self._sorted.get(word)
        if done is None:
            done = self._sorted[word] = sorted(self.by_word[word])
        return done


def _municipality_matches(org: _Org, municipality: str) -> bool:
    if municipality.isdigit():
        return org.municipality == municipality
    return bool(org.municipality_name) and fold(org.municipality_name) == fold(municipality)


def _scored(sim: float, form_ok: float | None, muni_ok: float | None) -> float:
    """A candidate's score from its name similarity, confirmed by the legal form and the
    municipality when the query gives them."""
    score = sim
    if form_ok is not None:
        score = score * 0.9 + 0.1 * form_ok
    if muni_ok is not None:
        score = score * 0.8 + 0.2 * muni_ok
    return round(score, 4)


def _upper(letters: Counter[str], length: int, other: str) -> float:
    """An upper bound of the similarity of ``other`` with the query whose letters (and their
    number) are given: the letters the two have in common, as ``quick_ratio()`` counts them."""
    if not length + len(other):
        return 1.0
    common = sum((letters & Counter(other)).values())
    return 2.0 * common / (length + len(other))


def _ratio(matcher: difflib.SequenceMatcher[str], query: str, other: str) -> float:
    """``SequenceMatcher(None, query, other).ratio()``, with ``matcher`` holding ``query`` as
    its first sequence (one matcher for all the candidates of a query)."""
    if other == query:
        return 1.0
    matcher.set_seq2(other)
    return matcher.ratio()


def match_organisation(
    kg: Any, name: str = "", *, org_number: str | None = None, municipality: str | None = None,
    legal_form: str | None = None, limit: int = 5, types: Iterable[str] = (),
) -> list[Candidate]:
    """The organisations that ``name`` (or ``org_number``) may mean, best first.

    Parameters
    ----------
    kg : KnowledgeGraph
    name : str
        The name as written (genitive, accents, case and a legal form do not matter).
    org_number : str, optional
        An organisation number as written (spaces and dashes ignored): decides when found.
    municipality : str, optional
        A municipality number (``3105``) or name (``Sarpsborg``) that the candidate must be in
        to score fully.
    legal_form : str, optional
        A legal form code (``AS``); else the one the name carries, if any.
    limit : int
        The most candidates to return.
    types : iterable of str
        Keep only candidates with one of these rdf:types (IRIs).

    Returns
    -------
    list of Candidate
        Sorted by score (highest first), then name and IRI.
    """
    index = OrgIndex.of(kg)
    wanted = set(types)
    if org_number:
        digits = re.sub(r"[\s.\-]", "", org_number)
        iri = index.by_number.get(digits)
        if iri is not None:
            org = index.orgs[iri]
            if not wanted or wanted & org.types:
                return [Candidate(iri, org.name, 1.0, True, {"number": 1.0, "name": 1.0},
                                  org.number, org.municipality, tuple(sorted(org.types)))]
    core, form = split_legal_form(name)
    form = (legal_form or form or "").upper()
    if not core:
        return []
    out: list[Candidate] = []
    matcher = difflib.SequenceMatcher(None, core, "")
    letters = Counter(core)
    top: list[float] = []             # the `limit` best scores so far (a min-heap)
    for iri in index.candidates(core):
        org = index.orgs[iri]
        if wanted and not wanted & org.types:
            continue
        form_ok = (1.0 if org.form.upper() == form else 0.0) if form else None
        muni_ok = (1.0 if _municipality_matches(org, municipality) else 0.0) if municipality else None
        # a candidate whose best possible score is below the `limit` best so far cannot be
        # among them: its exact similarity is not worked out
        if len(top) == limit and _scored(max(_upper(letters, len(core), c) for c in org.cores),
                                          form_ok, muni_ok) < top[0]:
            continue
        sim = max(_ratio(matcher, core, c) for c in org.cores)
        features = {"number": 0.0, "name": round(sim, 4)}
        if form_ok is not None:
            features["legal_form"] = form_ok
        if muni_ok is not None:
            features["municipality"] = muni_ok
        score = _scored(sim, form_ok, muni_ok)
        heapq.heappush(top, score)
        if len(top) > limit:
            heapq.heappop(top)
        out.append(Candidate(iri, org.name, score, False, features, org.number,
                             org.municipality, tuple(sorted(org.types))))
    out.sort(key=lambda c: (-c.score, c.name, c.iri))
    out = out[:limit]
    if out and out[0].features["name"] == 1.0 and out[0].score >= 0.9 and (
        len(out) == 1 or out[0].score - out[1].score >= 0.1
    ):
        best = out[0]
        out[0] = Candidate(best.iri, best.name, best.score, True, best.features, best.number,
                           best.municipality, best.types)
    return out




