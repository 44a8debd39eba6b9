"""RDF → networkx projections, one function per view.

Nodes are *entities*: persons, organisations and their units, unnamed groups of people, events,
places, topics and the source articles (linked to their authors and photographers, not to every
actor they mention). Literals, classes, properties, roles, helix sectors, claims, evidence and
other vocabulary terms never become nodes: a class becomes the node's ``types`` and ``kind``, a
helix sector its ``sector``, a role the ``role`` of a post's edge. Topics are the one kind of
concept that is a node: what events are about, shared between them. Quotations are works, not
entities; their links do not show. Every node carries:

``label`` (display label), ``label_nb``, ``label_en``, ``label_sv``, ``kind`` (person,
organisation, unit, group, event, place, topic or article), ``types`` (the rdf:type IRIs, space
separated), ``country`` (the countries it serves or lies in, ``;``-separated), ``sector`` (its
helix sector: academia, industry, government, civil society), ``date`` (when an event takes
place: ``2018-01-08``, a period ``start/end``, or a named time such as ``2018``) and ``iri``.

Every edge carries ``relation`` (the property IRI, or ``org:Membership`` for a post),
``label`` (how a person reads it: "host", "speaker", or the post, e.g. "rådmann"), ``role`` (the
role concept IRI of a post, else empty), ``heads`` (True when the post heads the organisation)
and ``evidence`` (``start-end`` spans in the source, ``;``-separated) with ``source`` (the
document the spans are in) and ``claims`` (the claim graphs) naming where they come from. A post's
edge also carries ``membership``, the IRI of its ``org:Membership``. Edges run from subject to
object, person to organisation for a post; in a multigraph view an edge's key is its relation
IRI (the membership IRI for a post). Edges also carry ``evidence_sources`` (the source of each span, in
the order of ``evidence``); a post also carries ``during``: the date or period it is stated for.

Where the data state a standard super-property next to a local one (``schema:contributor``
beside ``ig:host``), or both directions of one link (``org:hasUnit`` and ``org:unitOf``), the
projection keeps one edge: the most specific property, in its canonical direction.

Examples
--------
>>> import graph
>>> G = actor_graph(graph.load())
>>> G.nodes["https://w3id.org/innograph/id/org/svinesundskomiteen"]["country"]
'Norway;Sweden'
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING, Any

from . import vocab
from .errors import InputError, NotFoundError
from .evidence import evidence_spans
from .netexport import NETWORK_FORMATS, write_network
from .netqueries import DETAILS as _DETAILS
from .netqueries import ENTITIES as _ENTITIES
from .netqueries import NAMES as _NAMES
from .netqueries import POSTS as _POSTS
from .netqueries import SKIP as _SKIP
from .netqueries import SUPERS as _SUPERS
from .netqueries import TRIPLES as _TRIPLES
from .netqueries import link_filter as _link_filter
from .stores import text_rows

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .kg import KnowledgeGraph

__all__ = [
    "KINDS",
    "NETWORK_FORMATS",
    "VIEWS",
    "actor_graph",
    "ego_graph",
    "organisation_graph",
    "query_graph",
    "to_networkx",
    "write_network",
]

SCHEMA, ORG, IG, SKOS = str(vocab.SCHEMA), str(vocab.ORG), vocab.ONTOLOGY, str(vocab.SKOS)

#: Entity kinds, most specific first: the first class an entity has decides its kind.
KINDS: tuple[tuple[str, str], ...] = (
    ("person", SCHEMA + "Person"),
    ("group", IG + "PersonGroup"),
    ("unit", ORG + "OrganizationalUnit"),
    ("organisation", SCHEMA + "Organization"),
    ("event", SCHEMA + "Event"),
    ("place", SCHEMA + "Place"),
    ("topic", IG + "TopicScheme"),
    ("article", SCHEMA + "NewsArticle"),
)

#: The views :func:`to_networkx` knows.
VIEWS = ("actors", "organisations", "ego", "query")

def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _period(dates: dict[str, Any]) -> str:
    """A date or period as text: ``2018-01-08``, ``2015-01-01/2018-12-31``, ``2018-01-09/..``.

    ``dates`` holds any of ``start``, ``end`` (bounds) and ``time`` (a date or a named time
    inside the period); unbound values are None or missing.

    Examples
    --------
    >>> _period({"start": "2018-01-08", "end": "2018-01-08"})
    '2018-01-08'
    >>> _period({"start": "2015-01-01", "end": None})
    '2015-01-01/..'
    >>> _period({"time": "2018"})
    '2018'
    """
    start, end, time = (dates.get(k) for k in ("start", "end", "time"))
    if start is not None or end is not None:
        if start is not None and end is not None and str(start) == str(end):
            return str(start)
        return f"{start if start is not None else '..'}/{end if end is not None else '..'}"
    return str(time) if time is not None else ""


def _day_before(day: str) -> str:
    """The day before a ``YYYY-MM-DD`` day (the day itself when it is no such day).

    >>> _day_before("2024-03-01"), _day_before("2024")
    ('2024-02-29', '2024')
    """
    import datetime as _dt

    try:
        return (_dt.date.fromisoformat(day) - _dt.timedelta(days=1)).isoformat()
    except ValueError:
        return day


def _humanise(name: str) -> str:
    out = "".join(" " + c.lower() if c.isupper() else c for c in name).strip()
    return out.replace("-", " ")


class _Facts:
    """Everything the projections need, read from the graph in a few queries."""

    def __init__(
        self, kg: KnowledgeGraph, *, every_link: bool = False, evidence: bool = True
    ) -> None:
        """``every_link``: read the evidence of every statement with an IRI object, not only
        of those that can become an edge of the actor graph (a query view shows any).
        ``evidence``: False reads no evidence at all (edges then carry empty ``evidence``,
        ``claims`` and ``source``): for an analysis, which never reads them."""
        classes = " ".join(f"<{c}>" for _, c in KINDS)
        rank = {c: i for i, (_, c) in enumerate(KINDS)}
        self.kind: dict[str, str] = {}
        best: dict[str, int] = {}
        rows = partial(text_rows, kg.store)
        for e, cls in rows(_ENTITIES % classes):
            r = rank[str(cls)]
            if str(e) not in best or r < best[str(e)]:
                best[str(e)] = r
                self.kind[str(e)] = KINDS[r][0]
        self.names: dict[str, dict[str, str]] = defaultdict(dict)
        for e, name in kg.query(_NAMES).rows:
            lang = getattr(name, "language", None) or ""
            self.names[str(e)].setdefault(lang, str(name))
        self.types: dict[str, set[str]] = defaultdict(set)
        self.sector: dict[str, str] = {}
        self.country: dict[str, set[str]] = defaultdict(set)
        self.dates: dict[str, dict[str, str]] = defaultdict(dict)
        for e, what, value in rows(_DETAILS % {"kinds": classes}):
            if what == "type":
                self.types[str(e)].add(str(value))
            elif what == "sector":
                self.sector[str(e)] = str(value)
            elif what in ("start", "end", "time"):
                known = self.dates[str(e)].get(what)
                self.dates[str(e)][what] = min(known, str(value)) if known else str(value)
            else:
                self.country[str(e)].add(str(value))
        self.supers: dict[str, set[str]] = defaultdict(set)
        self.prop_label: dict[str, str] = {}
        for p, sup, label in kg.query(_SUPERS).rows:
            if sup is not None:
                self.supers[str(p)].add(str(sup))
            if label is not None:
                self.prop_label[str(p)] = str(label)
        self.evidence: dict[tuple[str, str, str], set[tuple[int, int, str, str]]] = defaultdict(
            set
        )
        if evidence:
            self.evidence.update(
                evidence_spans(rows, keep="isIRI(?object)" if every_link
                               else _link_filter("?property", "?object"))
            )
        # every column is bound: the pattern has no OPTIONAL
        self.triples: list[tuple[str, str, str]] = rows(  # type: ignore[assignment]
            _TRIPLES % {"kinds": classes}
        )
        self.posts = kg.query(_POSTS).rows
        self.heads = {
            (s, o) for s, p, o in self.triples if p == ORG + "headOf"
        }
        from .duplicates import same_as_groups

        canon = same_as_groups(kg)
        if canon:
            self._join(canon)

    def _join(self, canon: dict[str, str]) -> None:
        """Entities a curator joined (``owl:sameAs``, see :mod:`graph.duplicates`) become one
        node, the entity kept, with the names, types, places, dates, links and evidence of all."""
        from rdflib import URIRef

        def c(x: str) -> str:
            return canon.get(x, x)

        for e in sorted(self.kind):
            k = c(e)
            if k == e:
                continue
            self.kind.setdefault(k, self.kind[e])
            del self.kind[e]
            for lang, name in self.names.pop(e, {}).items():
                kept = self.names[k].get(lang)
                # a register's capitals give way to a name as people write it
                if kept is None or (kept.isupper() and not name.isupper()):
                    self.names[k][lang] = name
            self.types[k] |= self.types.pop(e, set())
            self.country[k] |= self.country.pop(e, set())
            if e in self.sector:
                self.sector.setdefault(k, self.sector.pop(e))
            for what, value in self.dates.pop(e, {}).items():
                known = self.dates[k].get(what)
                self.dates[k][what] = min(known, value) if known else value
        evidence: dict[tuple[str, str, str], set[tuple[int, int, str, str]]] = defaultdict(set)
        for (s, p, o), found in self.evidence.items():
            evidence[(c(s), p, c(o))] |= found
        self.evidence = evidence
        self.triples = [(c(s), p, c(o)) for s, p, o in self.triples]
        self.posts = [tuple(URIRef(c(str(x))) if i in (1, 2) and x is not None else x
                            for i, x in enumerate(row)) for row in self.posts]
        self.heads = {(c(s), c(o)) for s, o in self.heads}

    def label(self, e: str, lang: str = "") -> str:
        names = self.names.get(e, {})
        if lang:
            return names.get(lang) or self.label(e)
        return names.get("nb") or names.get("") or names.get("en") or next(
            iter(sorted(names.values())), _local(e)
        )

    def node_attrs(self, e: str) -> dict[str, Any]:
        return {
            "label": self.label(e),
            "label_nb": self.label(e, "nb"),
            "label_en": self.label(e, "en"),
            "label_sv": self.label(e, "sv"),
            "kind": self.kind[e],
            "types": " ".join(sorted(self.types.get(e, ()))),
            "country": ";".join(sorted(self.country.get(e, ()))),
            "sector": self.sector.get(e, ""),
            "date": _period(self.dates.get(e, {})),
            "iri": e,
        }

    def edge_evidence(self, keys: list[tuple[str, str, str]]) -> dict[str, str]:
        found = sorted(set().union(*(self.evidence.get(k, set()) for k in keys)))
        return {
            "evidence": ";".join(f"{s}-{e}" for s, e, _, _ in found),
            "claims": ";".join(sorted({c for _, _, c, _ in found})),
            "source": ";".join(sorted({src for _, _, _, src in found})),
            "evidence_sources": ";".join(src for _, _, _, src in found),
        }

    def prop_name(self, p: str) -> str:
        return self.prop_label.get(p) or _humanise(_local(p))


def actor_graph(
    kg: KnowledgeGraph, *, facts: _Facts | None = None, evidence: bool = True
) -> nx.MultiDiGraph:
    """The actor graph: every entity, linked by the relations and posts the data state.

    ``evidence=False`` leaves the edges' evidence out (read faster, for an analysis).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI; edges keyed by relation IRI (``org:Membership`` IRI for posts).

    Examples
    --------
    >>> import graph
    >>> G = actor_graph(graph.load())
    >>> seminar = "https://w3id.org/innograph/id/event/2018-01-08-digital-tsunami-seminar"
    >>> sorted(d["label"] for _, _, d in G.out_edges(seminar, data=True))[:3]
    ['about', 'about', 'about']
    """
    import networkx as nx

    f = facts or _Facts(kg, evidence=evidence)
    G: nx.MultiDiGraph = nx.MultiDiGraph(view="actors")
    for e in sorted(f.kind):
        G.add_node(e, **f.node_attrs(e))
    asserted = defaultdict(set)
    for s, p, o in f.triples:
        if s in f.kind and o in f.kind and p not in _SKIP and s != o:
            asserted[(s, o)].add(p)
    for (s, o), props in sorted(asserted.items()):
        for p in sorted(props):
            # keep the most specific property: drop p when a sub-property of p links s and o too
            if any(p in f.supers.get(q, ()) for q in props if q != p):
                continue
            G.add_edge(
                s, o, key=p, relation=p, label=f.prop_name(p), role="", heads=False, during="",
                **f.edge_evidence([(s, p, o)]),
            )
    for m, person, org, role, role_label, on, start, end, before in f.posts:
        if end is None and before is not None:  # a former post: over by the day before
            end = _day_before(str(before))
        s, o = str(person), str(org)
        if s not in f.kind or o not in f.kind:
            continue
        G.add_edge(
            s, o, key=str(m), relation=ORG + "Membership",
            label=str(role_label) if role_label is not None else "member",
            role=str(role) if role is not None else "",
            heads=(s, o) in f.heads, membership=str(m),
            during=_period({"time": on, "start": start, "end": end}),
            **f.edge_evidence([(str(m), ORG + "member", s), (str(m), ORG + "organization", o)]),
        )
    return G


def organisation_graph(kg: KnowledgeGraph, *, facts: _Facts | None = None) -> nx.Graph:
    """The organisation network: organisations (and units) linked through shared people and
    events, and through their structure (unit of, hosted by).

    An organisation takes part in an event when it has a role in it (organiser, host, ...) or
    one of its people does (speaker, facilitator, attendee, backer). Two organisations are
    linked once per event both take part in, once per person with a post in both, and once for
    a structural link; ``weight`` counts these ties and ``via`` names them.

    Examples
    --------
    >>> import graph
    >>> G = organisation_graph(graph.load())
    >>> d = G.edges["https://w3id.org/innograph/id/org/svinesundskomiteen",
    ...             "https://w3id.org/innograph/id/org/sarpsborg-kommune"]
    >>> d["weight"], d["via"]
    (2, 'Den digitale tsunamien og kommunalt lederskap; Oppfølgingsseminar 2018')
    """
    import networkx as nx

    # the organisation network carries no evidence: its ties are counted, not stated
    f = facts or _Facts(kg, evidence=False)
    orgs = {e for e, k in f.kind.items() if k in ("organisation", "unit")}
    people_of: dict[str, set[str]] = defaultdict(set)
    for _, person, org, *_ in f.posts:
        if str(org) in orgs:
            people_of[str(person)].add(str(org))
    events: dict[str, set[str]] = defaultdict(set)
    structure: set[tuple[str, str]] = set()
    for s, p, o in f.triples:
        if p in _SKIP:
            continue
        if f.kind.get(s) == "event" and o in orgs:
            events[s].add(o)
        elif f.kind.get(s) == "event" and o in people_of:
            events[s].update(people_of[o])
        elif s in orgs and o in orgs and s != o:
            structure.add(tuple(sorted((s, o))))  # type: ignore[arg-type]
    ties: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, members in sorted(events.items()):
        ms = sorted(members)
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                ties[(a, b)].append(f.label(event))
    for person, its in sorted(people_of.items()):
        ms = sorted(its)
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                ties[(a, b)].append(f.label(person))
    for a, b in sorted(structure):
        ties[(a, b)].append("structure")
    G: nx.Graph = nx.Graph(view="organisations")
    for e in sorted(orgs):
        G.add_node(e, **f.node_attrs(e))
    for (a, b), via in sorted(ties.items()):
        G.add_edge(a, b, weight=len(via), via="; ".join(sorted(via)), label=str(len(via)))
    return G


def ego_graph(kg: KnowledgeGraph, focus: str, depth: int = 1) -> nx.MultiDiGraph:
    """The actor graph within ``depth`` links (either direction) of one entity.

    Parameters
    ----------
    focus : str
        An IRI, a prefixed name or any name that :meth:`KnowledgeGraph.find` knows.
    depth : int
        How many links out to go (1 or more).

    Examples
    --------
    >>> import graph
    >>> G = ego_graph(graph.load(), "Thor Moen", 1)
    >>> sorted(G.nodes[n]["label"] for n in G)
    ['Den digitale tsunamien og kommunalt lederskap', 'Smarte byer og samfunn', 'Thor Moen']
    """
    import networkx as nx

    if depth < 1:
        raise InputError(f"depth must be 1 or more, not {depth}")
    iri = kg.resolve(focus)
    G = actor_graph(kg)
    if iri not in G:
        raise NotFoundError(
            f"{focus!r} (<{iri}>) is not an actor, event, place or topic in the graph"
        )
    keep = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), iri, depth)
    H = G.subgraph(keep).copy()
    H.graph.update(view="ego", focus=iri, depth=depth)
    return H


def query_graph(kg: KnowledgeGraph, sparql: str) -> nx.MultiDiGraph:
    """A view of any CONSTRUCT query, or of a SELECT that binds ``?s ?p ?o``.

    Nodes are the IRIs in subject or object position (literals are left out); each node gets
    the attributes of the actor graph when it is an entity, else ``kind`` "other".
    """
    import networkx as nx

    result = kg.query(sparql)
    if result.kind == "CONSTRUCT":
        assert result.graph is not None
        triples = list(result.graph)
    elif result.kind == "SELECT" and {"s", "p", "o"} <= set(result.vars):
        i, j, k = (result.vars.index(v) for v in ("s", "p", "o"))
        triples = [(r[i], r[j], r[k]) for r in result.rows]
    else:
        raise InputError(
            "a query view needs a CONSTRUCT query, or a SELECT that binds ?s ?p ?o"
        )
    from rdflib import Literal

    f = _Facts(kg, every_link=True)
    G: nx.MultiDiGraph = nx.MultiDiGraph(view="query")
    for s, p, o in sorted(triples):
        if isinstance(o, Literal) or s is None or o is None or p is None:
            continue
        for n in (str(s), str(o)):
            if n not in G:
                attrs = f.node_attrs(n) if n in f.kind else {
                    "label": f.label(n), "label_nb": f.label(n), "label_en": f.label(n, "en"),
                    "label_sv": f.label(n, "sv"), "kind": "other", "types": "",
                    "country": "", "sector": "", "iri": n,
                }
                G.add_node(n, **attrs)
        G.add_edge(
            str(s), str(o), key=str(p), relation=str(p), label=f.prop_name(str(p)), role="",
            heads=False, during="", **f.edge_evidence([(str(s), str(p), str(o))]),
        )
    return G


def to_networkx(
    kg: KnowledgeGraph,
    view: str = "actors",
    *,
    focus: str | None = None,
    depth: int = 1,
    query: str | None = None,
    evidence: bool = True,
) -> nx.Graph:
    """Project the knowledge graph to networkx for one of :data:`VIEWS`.

    Parameters
    ----------
    view : {"actors", "organisations", "ego", "query"}
    focus, depth : for the ego view
    query : SPARQL text, for the query view
    evidence : bool
        False leaves the edges' evidence out of the actor view (it reads about half as much;
        an analysis never uses it).

    Examples
    --------
    >>> import graph
    >>> G = to_networkx(graph.load(), "organisations")
    >>> G.number_of_nodes()
    6
    """
    if view == "actors":
        return actor_graph(kg, evidence=evidence)
    if view == "organisations":
        return organisation_graph(kg)
    if view == "ego":
        if not focus:
            raise InputError("the ego view needs a focus: an entity's name or IRI")
        return ego_graph(kg, focus, depth)
    if view == "query":
        if not query:
            raise InputError("the query view needs a SPARQL query (CONSTRUCT, or SELECT ?s ?p ?o)")
        return query_graph(kg, query)
    raise InputError(f"unknown view {view!r}; use one of {', '.join(VIEWS)}")
