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

import bisect
import difflib
import heapq
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..search import fold
from ..vocab import IG, ORG, ROV, SCHEMA, SKOS

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


@dataclass(frozen=True, slots=True)
class _Org:
    """One organisation of an :class:`OrgIndex` (made when asked for)."""

    iri: str
    name: str
    names: tuple[str, ...] = ()
    number: str = ""
    municipality: str = ""
    municipality_name: str = ""
    form: str = ""
    types: frozenset[str] = frozenset()
    #: the names folded, without legal form and genitive (what a query is compared with)
    cores: tuple[str, ...] = ()


#: The names an organisation is known by.
_NAME_PREDICATES = (SCHEMA.name, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
#: The types a query may ask for (the first: every organisation indexed has it).
_TYPES = (SCHEMA.Organization, ROV.RegisteredOrganization, ORG.OrganizationalUnit,
          ORG.FormalOrganization, SCHEMA.GovernmentOrganization, IG.Municipality)


def _scan(kg: Any, sparql: str) -> Iterator[tuple[Any, ...]]:
    """The rows of one query: the terms' text, and for the last term its language.

    Straight from Oxigraph (no conversion of each term, which would take most of the time on a
    whole register), else from the store's rdflib terms.
    """
    from ..stores import OxigraphStore

    store = getattr(kg, "store", None)
    if isinstance(store, OxigraphStore):
        solutions: Any = store.ox.query(sparql, use_default_graph_as_union=True)
    else:
        solutions = kg.query(sparql).rows
    for row in solutions:
        last = row[len(row) - 1]
        yield (*(str(getattr(t, "value", t)) for t in row), getattr(last, "language", None))


def _batches(iris: Iterable[str], size: int = 500) -> Iterator[str]:
    """VALUES blocks of at most ``size`` IRIs."""
    chunk: list[str] = []
    for iri in sorted(iris):
        chunk.append(f"<{iri}>")
        if len(chunk) == size:
            yield " ".join(chunk)
            chunk = []
    if chunk:
        yield " ".join(chunk)


class OrgIndex:
    """Organisations by number, by folded name and core name, and by name word.

    Build it once per graph (:meth:`of` caches it on the graph, and beside an on-disk Oxigraph
    store in a file of its own, see :mod:`.indexfile`) and ask it many times. The organisations
    are numbered in the order of their IRIs and kept column by column (a list per field), so
    the index of a whole register stays compact and is quick to save and load.

    Examples
    --------
    >>> index = OrgIndex.from_rows({"names": [("urn:o", "Fjordvik Data AS", "")],
    ...                             "types": [("urn:o", str(SCHEMA.Organization))],
    ...                             "numbers": [("urn:o", "999999999")]})
    >>> index.orgs["urn:o"].cores, index.by_number["999999999"]
    (('fjordvik data',), 'urn:o')
    """

    #: the fields saved (see :meth:`state`)
    FIELDS = ("iris", "name", "names", "number", "municipality", "municipality_name", "form",
              "types", "cores", "numbers", "core_ids", "word_ids")

    def __init__(self, state: dict[str, Any]) -> None:
        self.iris: list[str] = state["iris"]
        self.name: list[str] = state["name"]
        self.names: list[tuple[str, ...]] = state["names"]
        self.number: list[str] = state["number"]
        self.municipality: list[str] = state["municipality"]
        self.municipality_name: list[str] = state["municipality_name"]
        self.form: list[str] = state["form"]
        self.types: list[frozenset[str]] = state["types"]
        self.cores: list[tuple[str, ...]] = state["cores"]
        #: number → organisation (its position); core name → one position or several
        self.numbers: dict[str, int] = state["numbers"]
        self.core_ids: dict[str, int | tuple[int, ...]] = state["core_ids"]
        #: word of a core name → the positions of the organisations, ascending (IRI order)
        self.word_ids: dict[str, array[int]] = state["word_ids"]
        self.orgs = _Orgs(self)
        self.by_number = _ByNumber(self)

    def state(self) -> dict[str, Any]:
        """The columns, for :meth:`__init__` (what the index file holds)."""
        return {f: getattr(self, f) for f in self.FIELDS}

    @classmethod
    def from_rows(cls, rows: Mapping[str, Iterable[tuple[Any, ...]]]) -> OrgIndex:
        """Build the index from rows of text: ``types`` (o, type), ``names`` (o, name,
        language), ``numbers`` (o, number), ``municipalities`` (o, number, name), ``forms``
        (o, code); an organisation is one with the type schema:Organization and a name."""
        # one string per IRI and per value (not sys.intern: the index file would intern each
        # again when read, which takes longer than reading it)
        pool: dict[str, str] = {}
        members: dict[str, set[str]] = {}     # type → its members
        for o, typ, *_ in rows.get("types", ()):
            members.setdefault(typ, set()).add(pool.setdefault(o, o))
        organisations = members.get(str(SCHEMA.Organization), set())
        #: each organisation's names, with the rank of their language (nb first, then none)
        named: dict[str, list[tuple[str, int]]] = {}
        for o, name, *rest in rows.get("names", ()):
            if o not in organisations:
                continue
            known = named.setdefault(pool[o], [])
            if all(name != x for x, _ in known):
                known.append((name, {"nb": 0, "": 1}.get((rest[0] if rest else "") or "", 2)))
        iris = sorted(named)
        ids = {iri: i for i, iri in enumerate(iris)}
        n = len(iris)

        def column(key: str, width: int = 1) -> list[tuple[str, ...]]:
            """The least value (of ``width`` terms) each organisation has under ``key``."""
            col: list[tuple[str, ...]] = [("",) * width] * n
            seen = [False] * n
            for o, *values in rows.get(key, ()):
                i = ids.get(o)
                if i is not None:
                    v = tuple(pool.setdefault(x, x) for x in values[:width])
                    if not seen[i] or v < col[i]:
                        col[i], seen[i] = v, True
            return col

        number = [v[0] for v in column("numbers")]
        form = [v[0] for v in column("forms")]
        places = column("municipalities", 2)
        shared: dict[frozenset[str], frozenset[str]] = {}   # one object per combination
        kinds = []
        for iri in iris:
            combination = frozenset(t for t, m in members.items() if iri in m)
            kinds.append(shared.setdefault(combination, combination))
        del members, organisations
        cores: list[tuple[str, ...]] = []
        by_core: dict[str, list[int]] = {}
        words: dict[str, list[int]] = {}
        for i, iri in enumerate(iris):
            own: list[str] = []
            for name, _ in named[iri]:
                core, _ = split_legal_form(name)
                if core not in own:
                    own.append(core)
            cores.append(tuple(own))
            for core in own:
                by_core.setdefault(core, []).append(i)
            for w in {w for core in own for w in core.split()}:
                words.setdefault(w, []).append(i)
        return cls({
            "iris": iris,
            "name": [min(named[iri], key=lambda x: (x[0].isupper(), x[1], -len(x[0]), x[0]))[0]
                     for iri in iris],
            "names": [tuple(x for x, _ in named[iri]) for iri in iris], "number": number,
            "municipality": [p[0] for p in places], "municipality_name": [p[1] for p in places],
            "form": form, "types": kinds, "cores": cores,
            "numbers": {num: i for i, num in enumerate(number) if num},
            "core_ids": {c: v[0] if len(v) == 1 else tuple(v) for c, v in by_core.items()},
            "word_ids": {w: array("l", v) for w, v in words.items()},
        })

    @classmethod
    def build(cls, kg: Any) -> OrgIndex:
        """Build the index from the graph: a few queries, each one triple pattern (a scan of
        one predicate, fast on every store), joined here."""
        def types() -> Iterator[tuple[str, str]]:
            for typ in _TYPES:
                for o, _ in _scan(kg, f"SELECT ?o WHERE {{ ?o a <{typ}> }}"):
                    yield o, str(typ)

        def names() -> Iterator[tuple[Any, ...]]:
            for p in _NAME_PREDICATES:
                yield from _scan(kg, f"SELECT ?o ?v WHERE {{ ?o <{p}> ?v }}")

        def joined(predicate: str, variables: str, pattern: str) -> Iterator[tuple[str, ...]]:
            """(o, ``variables``...) for ``?o predicate ?x`` and ``pattern`` about ?x: the
            pattern is asked for the distinct ?x in batches."""
            pool: dict[str, str] = {}
            pairs = [(pool.setdefault(o, o), pool.setdefault(x, x)) for o, x, _ in _scan(
                kg, f"SELECT ?o ?x WHERE {{ ?o <{predicate}> ?x FILTER(isIRI(?x)) }}")]
            found: dict[str, list[tuple[str, ...]]] = {}
            for batch in _batches({x for _, x in pairs}):
                for x, *rest in _scan(kg, f"SELECT ?x {variables} WHERE {{ VALUES ?x {{ {batch} }} "
                                          f"{pattern} }}"):
                    found.setdefault(x, []).append(tuple(rest[:-1]))  # (the last: a language)
            for o, x in pairs:
                for values in found.get(x, ()):
                    yield (o, *values)

        rows = {
            "types": types(), "names": names(),
            "numbers": _scan(kg, f"SELECT ?o ?v WHERE {{ ?o <{ORG.identifier}> ?v }}"),
            "municipalities": joined(str(SCHEMA.location), "?v ?w",
                                     f"?x <{SCHEMA.identifier}> ?v ; <{SCHEMA.name}> ?w"),
            "forms": joined(str(ROV.orgType), "?v", f"?x <{SKOS.notation}> ?v"),
        }
        return cls.from_rows(rows)

    @classmethod
    def of(cls, kg: Any) -> OrgIndex:
        """The index of a :class:`~graph.kg.KnowledgeGraph`: kept on the graph once built; for
        an on-disk Oxigraph store, read from the index file beside it when that was written
        for the store as it is now, else built and written there."""
        index = getattr(kg, "_org_index", None)
        if index is None:
            from . import indexfile

            store = getattr(kg, "store", None)
            folder = indexfile.folder_of(store)
            state = store.data_state() if folder is not None else None  # type: ignore[union-attr]
            index = indexfile.read(folder, cls, state) if folder and state is not None else None
            if index is None:
                index = cls.build(kg)
                if folder is not None and state is not None:
                    indexfile.write(folder, index, state)
            kg._org_index = index
        return index

    def __len__(self) -> int:
        return len(self.iris)

    def position(self, iri: str) -> int | None:
        """The position of an organisation (None when it is not in the index)."""
        i = bisect.bisect_left(self.iris, iri)
        return i if i < len(self.iris) and self.iris[i] == iri else None

    def org(self, i: int) -> _Org:
        """The organisation at position ``i``."""
        return _Org(self.iris[i], self.name[i], self.names[i], self.number[i],
                    self.municipality[i], self.municipality_name[i], self.form[i],
                    self.types[i], self.cores[i])

    def get(self, iri: str) -> _Org | None:
        i = self.position(iri)
        return None if i is None else self.org(i)

    def by_core(self, core: str) -> tuple[int, ...]:
        """The positions of the organisations with this core name."""
        found = self.core_ids.get(core)
        return () if found is None else (found,) if isinstance(found, int) else found

    def candidates(self, core: str, limit: int = 200) -> set[int]:
        """Organisations (positions) sharing the core name, else its rarest words (the first
        ``limit`` of each, in IRI order)."""
        exact = set(self.by_core(core))
        if exact:
            return exact
        words = sorted((w for w in set(core.split()) if w in self.word_ids),
                       key=lambda w: len(self.word_ids[w]))
        out: set[int] = set()
        for w in words[:2]:
            if len(self.word_ids[w]) <= 50_000:
                out.update(self.word_ids[w][:limit])
        return out


class _Orgs(Mapping[str, _Org]):
    """The organisations of an index by IRI (``index.orgs[iri]``)."""

    def __init__(self, index: OrgIndex) -> None:
        self._index = index

    def __getitem__(self, iri: str) -> _Org:
        org = self._index.get(iri)
        if org is None:
            raise KeyError(iri)
        return org

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.iris)

    def __len__(self) -> int:
        return len(self._index.iris)


class _ByNumber(Mapping[str, str]):
    """The organisations of an index by number: number → IRI."""

    def __init__(self, index: OrgIndex) -> None:
        self._index = index

    def __getitem__(self, number: str) -> str:
        return self._index.iris[self._index.numbers[number]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.numbers)

    def __len__(self) -> int:
        return len(self._index.numbers)


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
    for i in index.candidates(core):
        org = index.org(i)
        iri = org.iri
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




