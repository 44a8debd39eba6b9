"""Synthetic regional innovation ecosystems, for tests and benchmarks at scale.

:func:`generate` writes N-Quads in exactly the shape of the packaged data (``data/*.trig``):
one named graph per claim, and each claim's provenance in the default graph (a
``prov:wasDerivedFrom`` to an ``oa:SpecificResource`` with an ``oa:TextPositionSelector`` into
a source article). The named competency queries therefore run on it unchanged.

An ecosystem is a series of regions (in Norway, in Sweden, or across the border). Each region
has municipalities, a science park, research and innovation companies with their units, a
cluster hosted by one of them, a cross-border committee when it spans the border, a local
newspaper, and people: the heads of those organisations, journalists, a photographer and
others. Each synthetic news article reports one seminar (its organiser, hosts, speakers,
facilitator, attendees, place, date and topics), the posts of the people it mentions on its
date (``org:Membership`` with a role of ``ig:RoleScheme`` and ``org:memberDuring``), some
quotations, and sometimes a planned follow-up event. Names are built from syllables; they
belong to no real person or organisation.

The output is a function of ``triples`` and ``seed`` alone: the same arguments give the same
bytes.

Examples
--------
>>> import io
>>> buf = io.StringIO()
>>> stats = write_nquads(buf, triples=2000, seed=1)
>>> stats.quads >= 2000 and stats.quads == len(buf.getvalue().splitlines())
True
>>> stats.articles > 0 and stats.claims > stats.articles
True
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO

from . import vocab
from .errors import InputError
from .evidence import Span, evidence_statements
from .vocab import ID

__all__ = ["SynthStats", "generate", "write_nquads"]

# The namespaces as plain strings: the generator writes N-Quads text directly.
RDF, RDFS, XSD = str(vocab.RDF), str(vocab.RDFS), str(vocab.XSD)
SCHEMA, ORG, FOAF, SKOS = str(vocab.SCHEMA), str(vocab.ORG), str(vocab.FOAF), str(vocab.SKOS)
PROV, OA, TIME, DCTERMS = str(vocab.PROV), str(vocab.OA), str(vocab.TIME), str(vocab.DCTERMS)
IG = vocab.ONTOLOGY

#: The smallest and largest sizes :func:`generate` accepts.
MIN_TRIPLES, MAX_TRIPLES = 1_000, 100_000_000

#: The date of the seminar that the packaged article reports; the first seminar of one region
#: in :data:`SEMINAR_DAY_EVERY` falls on it too, so that the date-bound competency queries find
#: synthetic answers at every size (and as many more as the size grows, not all of them).
SEMINAR_DAY = date(2018, 1, 8)
SEMINAR_DAY_EVERY = 25

TOPICS = (
    "digitalisation", "municipal-leadership", "innovation", "smart-cities",
    "knowledge-sharing", "cross-sector-partnership", "service-development",
)
TOPIC_NAMES = {
    "digitalisation": ("digitalisation", "digitalisering"),
    "municipal-leadership": ("municipal leadership", "kommunalt lederskap"),
    "innovation": ("innovation", "innovasjon"),
    "smart-cities": ("smart communities", "smarte samfunn"),
    "knowledge-sharing": ("knowledge sharing", "kunnskapsdeling"),
    "cross-sector-partnership": ("partnership across sectors", "partnerskap"),
    "service-development": ("service development", "tjenesteutvikling"),
}
FIELDS = (
    ("Energy", "energi"), ("Health", "helse"), ("Ocean", "hav"), ("Food", "mat"),
    ("Mobility", "mobilitet"), ("Materials", "materialer"), ("Data", "data"),
    ("Forest", "skog"), ("Tourism", "reiseliv"), ("Logistics", "logistikk"),
)
_ONSET = (
    "Ar", "Bjør", "Da", "El", "Fj", "Gr", "Ha", "Is", "Kv", "Lu", "Mo", "Ny", "Os", "Ri",
    "Sk", "Tr", "Ul", "Ve", "Å", "Ør", "Br", "St", "Sn", "Ho", "Ly", "Mal", "Nor", "Sol",
)
_MIDDLE = ("a", "e", "i", "o", "u", "y", "ø", "ås", "er", "en", "el", "an", "ek", "is")
_CODA = (
    "vik", "by", "dal", "berg", "sund", "stad", "holm", "ås", "fjord", "lund", "heim",
    "ness", "ker", "strand", "torp", "bro", "mark", "sjö", "hamn", "rud",
)
_FIRST = (
    "Anders", "Astrid", "Bente", "Birger", "Camilla", "Dag", "Eirik", "Elin", "Frida",
    "Geir", "Gunhild", "Hanne", "Henrik", "Ida", "Ingrid", "Jan", "Jorunn", "Kari", "Karl",
    "Kjersti", "Lars", "Linnea", "Magnus", "Maja", "Nils", "Nora", "Ola", "Per", "Ragnhild",
    "Rune", "Sigrid", "Siv", "Stein", "Sven", "Tone", "Trond", "Ulla", "Vidar", "Åse", "Øystein",
)
_LAST = (
    "Aas", "Berg", "Dahl", "Eriksson", "Fjeld", "Gustafsson", "Haug", "Holm", "Johansen",
    "Karlsson", "Lie", "Lindqvist", "Moe", "Nilsen", "Nyström", "Olsen", "Pettersson",
    "Rustad", "Sandberg", "Strand", "Solheim", "Tangen", "Vik", "Wallin", "Økland",
)


@dataclass
class SynthStats:
    """What :func:`generate` wrote."""

    quads: int = 0
    regions: int = 0
    articles: int = 0
    claims: int = 0
    persons: int = 0
    organisations: int = 0
    events: int = 0


def _esc(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def lit(value: str, lang: str = "", datatype: str = "") -> str:
    """A literal in N-Quads syntax.

    Examples
    --------
    >>> lit('say "hi"', "en")
    '"say \\\\"hi\\\\""@en'
    >>> lit("2018-01-08", datatype=XSD + "date")
    '"2018-01-08"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    if lang:
        return f'"{_esc(value)}"@{lang}'
    if datatype:
        return f'"{_esc(value)}"^^<{datatype}>'
    return f'"{_esc(value)}"'


def _iri(value: str) -> str:
    return f"<{value}>"


_A = _iri(RDF + "type")


def _integer(n: int) -> str:
    return lit(str(n), datatype=XSD + "integer")


def _date(d: date) -> str:
    return lit(d.isoformat(), datatype=XSD + "date")


@dataclass
class _Org:
    iri: str
    name_nb: str
    name_en: str
    kind: str
    types: tuple[str, ...]
    helix: str
    head_role: str
    head_title: tuple[str, str]
    extra: tuple[tuple[str, str], ...] = ()
    parent: _Org | None = None
    host: _Org | None = None
    head: str = ""


@dataclass
class _Person:
    iri: str
    name: str
    surname: str
    org: _Org | None = None
    role: str = ""


@dataclass
class _Region:
    index: int
    iri: str
    name: str
    countries: tuple[str, ...]
    orgs: list[_Org]
    persons: list[_Person]
    venues: list[tuple[str, str, str]]
    group: tuple[str, str, str]
    journalists: list[_Person]
    photographer: _Person
    articles: int = 0


class _Writer:
    """Collects the quads of one synthetic article, then writes them."""

    def __init__(self, out: IO[str], stats: SynthStats, seed: int) -> None:
        self.out = out
        self.stats = stats
        self.seed = seed
        self.declared: set[str] = set()
        self.lines: list[str] = []

    def quad(self, s: str, p: str, o: str, g: str = "") -> None:
        self.lines.append(f"{s} {p} {o} {g} .\n" if g else f"{s} {p} {o} .\n")

    def flush(self) -> None:
        self.out.writelines(self.lines)
        self.stats.quads += len(self.lines)
        self.lines = []


class _Generator:
    def __init__(self, out: IO[str], triples: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.target = triples
        self.stats = SynthStats()
        self.w = _Writer(out, self.stats, seed)
        self.base = f"s{seed}"
        self.names: set[str] = set()

    # ------------------------------------------------------------------ names and IRIs

    def place_name(self) -> str:
        rng = self.rng
        for _ in range(50):
            name = rng.choice(_ONSET) + rng.choice(_MIDDLE) + rng.choice(_CODA)
            if rng.random() < 0.3:
                name = rng.choice(_ONSET) + rng.choice(_MIDDLE) + name.lower()
            if name not in self.names:
                self.names.add(name)
                return name
        return name

    def id(self, kind: str, *parts: object) -> str:
        return ID + kind + "/" + "-".join([self.base, *(str(p) for p in parts)])

    # ------------------------------------------------------------------ the world

    def region(self, index: int) -> _Region:
        rng = self.rng
        name = self.place_name()
        countries = rng.choices((("norway",), ("sweden",), ("norway", "sweden")), (4, 3, 3))[0]
        iri = self.id("place", "region", index)
        orgs: list[_Org] = []
        for i in range(rng.randint(3, 6)):
            town = self.place_name()
            sv = countries[i % len(countries)] == "sweden"
            orgs.append(_Org(
                self.id("org", index, "municipality", i), f"{town} {'kommun' if sv else 'kommune'}",
                f"{town} Municipality", "municipality",
                (ORG + "FormalOrganization", ORG + "Organization", FOAF + "Agent",
                 SCHEMA + "GovernmentOrganization", SCHEMA + "Organization", IG + "Municipality"),
                "government", "chief-municipal-executive",
                ("chief municipal executive", "kommunedirektør" if sv else "rådmann"),
                ((SCHEMA + "location", _iri(ID + "place/" + countries[i % len(countries)])),),
            ))
        park = _Org(
            self.id("org", index, "science-park"), f"{name} Kunnskapspark", f"{name} Science Park",
            "park", (ORG + "Organization", FOAF + "Agent", SCHEMA + "Organization",
                     SCHEMA + "Place", IG + "SciencePark"),
            "industry", "chief-executive", ("chief executive officer", "daglig leder"),
            ((SCHEMA + "containedInPlace", _iri(iri)),),
        )
        orgs.append(park)
        companies = []
        for i in range(rng.randint(1, 2)):
            field_en, field_nb = rng.choice(FIELDS)
            company = _Org(
                self.id("org", index, "company", i), f"{name} {field_en} Innovasjon",
                f"{name} {field_en} Innovation", "company",
                (ORG + "FormalOrganization", ORG + "Organization", FOAF + "Agent",
                 SCHEMA + "Organization", IG + "ResearchAndInnovationCompany"),
                "academia", "chief-executive",
                ("chief executive officer", "administrerende direktør"),
            )
            companies.append(company)
            orgs.append(company)
            for j, (unit_en, unit_nb) in enumerate(rng.sample(FIELDS, rng.randint(2, 3))):
                orgs.append(_Org(
                    self.id("org", index, "company", i, "unit", j), f"{unit_nb.capitalize()}avdelingen",
                    f"{unit_en} Unit", "unit",
                    (ORG + "Organization", ORG + "OrganizationalUnit", FOAF + "Agent",
                     SCHEMA + "Organization", IG + "OrganizationalUnit"),
                    "academia", "head-of-unit", ("head of unit", "avdelingsleder"),
                    parent=company,
                ))
        field_en, field_nb = rng.choice(FIELDS)
        host = rng.choice(companies)
        orgs.append(_Org(
            self.id("org", index, "cluster"), f"{name} {field_en} Cluster", f"{name} {field_en} Cluster",
            "cluster", (ORG + "Organization", FOAF + "Agent", SCHEMA + "Organization", IG + "Cluster"),
            "industry", "cluster-leader", ("cluster leader", "klyngeleder"),
            ((IG + "hostedBy", _iri(host.iri)), (ORG + "linkedTo", _iri(host.iri))), host=host,
        ))
        if len(countries) == 2:
            orgs.append(_Org(
                self.id("org", index, "committee"), f"{name}komiteen", f"the {name} Committee",
                "committee",
                (ORG + "FormalOrganization", ORG + "Organization", FOAF + "Agent",
                 SCHEMA + "GovernmentOrganization", SCHEMA + "Organization",
                 IG + "CrossBorderCommittee"),
                "government", "chief-executive", ("chief executive officer", "daglig leder"),
                tuple((SCHEMA + "areaServed", _iri(ID + "place/" + c)) for c in countries)
                + ((SCHEMA + "areaServed", _iri(iri)),),
            ))
        paper = _Org(
            self.id("org", index, "newspaper"), f"{name}posten", f"{name} Post", "newspaper",
            (ORG + "Organization", FOAF + "Agent", SCHEMA + "Organization"),
            "civil-society", "", ("", ""),
        )
        orgs.append(paper)
        persons: list[_Person] = []

        def person(org: _Org | None = None, role: str = "") -> _Person:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            p = _Person(self.id("person", index, len(persons)), f"{first} {last}", last, org, role)
            persons.append(p)
            return p

        for org in orgs:
            if org.head_role:
                org.head = person(org, org.head_role).iri
        journalists = [person(paper, "journalist") for _ in range(2)]
        photographer = person(paper, "photographer")
        for _ in range(rng.randint(10, 20)):
            person()
        venues = []
        for i in range(rng.randint(2, 3)):
            vname = self.place_name()
            within = park.iri if i == 0 else iri
            venues.append((self.id("place", index, "venue", i), f"{vname}salen", within))
        group = (
            self.id("group", index, "leaders"), f"kommuneledere i {name}",
            f"municipal leaders of {name}",
        )
        self.stats.regions += 1
        return _Region(index, iri, name, countries, orgs, persons, venues, group,
                       journalists, photographer)

    # ------------------------------------------------------------------ one article

    def article(self, region: _Region, number: int) -> None:
        _Article(self, region, number).write()

    def run(self) -> SynthStats:
        index = 0
        while self.stats.quads < self.target:
            region = self.region(index)
            for number in range(1, self.rng.randint(8, 16) + 1):
                self.article(region, number)
                if self.stats.quads >= self.target:
                    break
            index += 1
        return self.stats


class _Article:
    """One synthetic article about one seminar of a region: its claims, written as N-Quads."""

    def __init__(self, gen: _Generator, region: _Region, number: int) -> None:
        self.gen, self.region, self.number = gen, region, number
        self.rng, self.w, self.q = gen.rng, gen.w, gen.w.quad
        self.k = k = gen.stats.articles
        gen.stats.articles += 1
        region.articles += 1
        if region.articles == 1 and region.index % SEMINAR_DAY_EVERY == 0:
            self.day = SEMINAR_DAY
        else:
            self.day = date(2016, 1, 1) + timedelta(days=self.rng.randrange(5 * 365))
        self.published = self.day + timedelta(days=1)
        self.article = _iri(gen.id("article", k))
        self.event_iri = gen.id("event", region.index, region.articles)
        self.event = _iri(self.event_iri)
        self.length = self.rng.randint(2500, 6000)
        self.claim_ns = f"{ID}claim/synthetic-{gen.seed}/{k}/"
        self.digest = hashlib.sha256(f"synthetic-{gen.seed}-{k}".encode()).hexdigest()
        self.mentioned: dict[str, str] = {}
        self.instant = ""

    # ------------------------------------------------------------------ building blocks

    def claim(self, name: str, spans: int = 1) -> str:
        """A new claim graph with ``spans`` random evidence spans; returns its term."""
        g = _iri(self.claim_ns + name)
        self.gen.stats.claims += 1
        found = []
        for _ in range(spans):
            start = self.rng.randrange(self.length - 20)
            found.append(Span(start, min(self.length, start + self.rng.randint(10, 300))))
        for triple in evidence_statements(g, self.article, found, iri=_iri, integer=_integer):
            self.q(*triple)
        return g

    def mention(self, iri: str, declare: Iterator[tuple[str, str]], kind: str = "") -> str:
        """The claim that the article mentions ``iri``, describing it the first time it is seen."""
        if iri in self.mentioned:
            return self.mentioned[iri]
        g = self.mentioned[iri] = self.claim(iri[len(ID):].replace("/", "-"))
        self.q(self.article, _iri(SCHEMA + "mentions"), _iri(iri), g)
        if iri not in self.w.declared:
            self.w.declared.add(iri)
            if kind:
                setattr(self.gen.stats, kind, getattr(self.gen.stats, kind) + 1)
            for p, o in declare:
                self.q(_iri(iri), _iri(p), o, g)
        return g

    def declare_org(self, o: _Org) -> None:
        if o.iri in self.mentioned:
            return
        first = o.iri not in self.w.declared
        for other in (o.parent, o.host):
            if other is not None:
                self.declare_org(other)
        g = self.mention(o.iri, _org_facts(o), "organisations")
        if first and o.parent is not None:
            self.q(_iri(o.parent.iri), _iri(ORG + "hasUnit"), _iri(o.iri), g)
            self.q(_iri(o.parent.iri), _iri(SCHEMA + "subOrganization"), _iri(o.iri), g)

    def declare_place(self, iri: str, nb: str, en: str, within: str, kind: str) -> None:
        if iri in self.w.declared or iri in self.mentioned:
            return
        S = SCHEMA
        types = (S + "Place",) if kind == "venue" else (S + "AdministrativeArea", S + "Place")
        facts = [(RDF + "type", _iri(t)) for t in types]
        facts += [(p, lit(nb, "nb")) for p in (S + "name", SKOS + "prefLabel")]
        facts += [(p, lit(en, "en")) for p in (S + "name", SKOS + "prefLabel") if en != nb]
        facts += [(S + "containedInPlace", _iri(x)) for x in within.split()]
        self.mention(iri, iter(facts))

    def post(self, p: _Person) -> None:
        if p.org is None:
            return
        q = self.q
        self.declare_org(p.org)
        pid, oid = p.iri.rsplit("/", 1)[1], p.org.iri.rsplit("/", 1)[1]
        g = self.claim(f"post-{pid}")
        interval = _iri(f"{ID}interval/{pid}-{oid}")
        membership = _iri(f"{ID}membership/{pid}-{oid}")
        q(interval, _iri(TIME + "inside"), self.instant, g)
        if membership in self.w.declared:
            # A post seen before: this article adds only the date it was held on. Stating
            # the whole membership again would repeat its triples in one more graph.
            return
        self.w.declared.add(membership)
        q(interval, _A, _iri(TIME + "Interval"), g)
        q(membership, _A, _iri(ORG + "Membership"), g)
        q(membership, _iri(ORG + "member"), _iri(p.iri), g)
        q(membership, _iri(ORG + "memberDuring"), interval, g)
        q(membership, _iri(ORG + "organization"), _iri(p.org.iri), g)
        q(membership, _iri(ORG + "role"), _iri(IG + "role-" + p.role), g)
        if p.org.head == p.iri:
            q(_iri(p.iri), _iri(ORG + "headOf"), _iri(p.org.iri), g)
            en, nb = p.org.head_title
            q(_iri(p.iri), _iri(SCHEMA + "jobTitle"), lit(en, "en"), g)
            q(_iri(p.iri), _iri(SCHEMA + "jobTitle"), lit(nb, "nb"), g)
        q(_iri(p.iri), _iri(SCHEMA + "worksFor"), _iri(p.org.iri), g)

    def declare_person(self, p: _Person) -> None:
        if p.iri not in self.mentioned:
            self.mention(p.iri, _person_facts(p), "persons")
            self.post(p)

    # ------------------------------------------------------------------ the parts

    def write(self) -> None:
        self.write_article()
        self.write_places()
        organiser, speakers, attendees, topic = self.write_seminar()
        self.write_quotations(speakers, attendees, topic)
        if self.rng.random() < 0.3:
            self.write_follow_up(organiser, speakers)
            self.gen.stats.events += 1
        self.gen.stats.events += 1
        self.w.flush()

    def write_article(self) -> None:
        q, S, article, k, region = self.q, SCHEMA, self.article, self.k, self.region
        g = self.claim("article")
        for t in ("Article", "CreativeWork", "NewsArticle"):
            q(article, _A, _iri(S + t), g)
        q(article, _iri(S + "about"), self.event, g)
        q(article, _iri(S + "identifier"), lit(self.digest), g)
        q(article, _iri(S + "inLanguage"), lit("nb"), g)
        q(article, _iri(S + "name"), lit(f"Article {k} on a seminar in {region.name}", "en"), g)
        q(article, _iri(S + "name"), lit(f"Artikkel {k} om et seminar i {region.name}", "nb"), g)
        q(article, _iri(IG + "sha256"), lit(self.digest), g)
        author = self.rng.choice(region.journalists)
        g = self.claim("article-byline")
        q(article, _iri(S + "author"), _iri(author.iri), g)
        q(article, _iri(S + "datePublished"), _date(self.published), g)
        self.instant = _iri(f"{ID}time/{self.published.isoformat()}")
        if self.instant not in self.w.declared:
            # A shared node (a day, a year) is described once, in the first claim that needs
            # it: Oxigraph's union of graphs is a bag, and a description repeated in every
            # claim that mentions the day would multiply each join through it.
            self.w.declared.add(self.instant)
            q(self.instant, _A, _iri(TIME + "Instant"), g)
            q(self.instant, _iri(TIME + "inXSDDate"), _date(self.published), g)
        self.declare_person(author)
        g = self.claim("article-headline", 2)
        q(article, _iri(S + "headline"), lit(f"Seminar {self.number} in {region.name}", "en"), g)
        q(article, _iri(S + "alternativeHeadline"),
          lit(f"Seminar {self.number} i {region.name}", "nb"), g)
        g = self.claim("article-photographer")
        q(article, _iri(S + "contributor"), _iri(region.photographer.iri), g)
        q(article, _iri(IG + "photographer"), _iri(region.photographer.iri), g)
        self.declare_person(region.photographer)

    def write_places(self) -> None:
        region = self.region
        for country in region.countries:
            cname = {"norway": ("Norge", "Norway"), "sweden": ("Sverige", "Sweden")}[country]
            self.declare_place(ID + "place/" + country, *cname, "", "country")
        self.declare_place(region.iri, region.name, region.name, " ".join(
            ID + "place/" + c for c in region.countries), "region")
        self.venue, venue_name, within = self.rng.choice(region.venues)
        park = next(o for o in region.orgs if o.kind == "park")
        if within == park.iri:
            self.declare_org(park)
        self.declare_place(self.venue, venue_name, venue_name, within, "venue")

    def write_seminar(self) -> tuple[_Org, list[_Person], list[_Person], str]:
        q, S, rng, event, region = self.q, SCHEMA, self.rng, self.event, self.region
        number = self.number
        topic = rng.choice(TOPICS)
        en, nb = TOPIC_NAMES[topic]
        self.mention(self.event_iri, iter([
            (RDF + "type", _iri(S + "Event")), (RDF + "type", _iri(IG + "Seminar")),
            (S + "name", lit(f"{nb.capitalize()} i {region.name} {number}", "nb")),
            (S + "name", lit(f"{en.capitalize()} in {region.name} {number}", "en")),
            (SKOS + "prefLabel", lit(f"{nb.capitalize()} i {region.name} {number}", "nb")),
            (S + "description", lit(f"A seminar on {en} for actors in {region.name}.", "en")),
        ]))
        g = self.claim("seminar-place-and-date")
        q(event, _iri(S + "startDate"), _date(self.day), g)
        q(event, _iri(S + "endDate"), _date(self.day), g)
        q(event, _iri(S + "location"), _iri(self.venue), g)
        organisers = [o for o in region.orgs if o.kind in ("municipality", "committee", "cluster")]
        organiser = rng.choice(organisers)
        self.declare_org(organiser)
        g = self.claim("seminar-organizer", rng.randint(1, 2))
        q(event, _iri(S + "organizer"), _iri(organiser.iri), g)
        hosts = rng.sample([o for o in region.orgs if o.kind in ("park", "company", "cluster")], 2)
        for h in hosts:
            self.declare_org(h)
        g = self.claim("seminar-hosts")
        for h in hosts:
            q(event, _iri(S + "contributor"), _iri(h.iri), g)
            q(event, _iri(IG + "host"), _iri(h.iri), g)
        pool = [p for p in region.persons if p.role not in ("journalist", "photographer")]
        speakers = rng.sample(pool, rng.randint(1, 3))
        rest = [p for p in pool if p not in speakers]
        facilitator = rng.choice(rest)
        rest.remove(facilitator)
        attendees = rng.sample(rest, min(len(rest), rng.randint(2, 6)))
        for p in [*speakers, facilitator, *attendees]:
            self.declare_person(p)
        g = self.claim("seminar-speakers")
        for p in speakers:
            q(event, _iri(S + "performer"), _iri(p.iri), g)
            q(event, _iri(IG + "speaker"), _iri(p.iri), g)
        g = self.claim("seminar-facilitator")
        q(event, _iri(S + "contributor"), _iri(facilitator.iri), g)
        q(event, _iri(IG + "facilitator"), _iri(facilitator.iri), g)
        for p in attendees:
            g = self.claim("seminar-attendee-" + p.iri.rsplit("/", 1)[1])
            q(event, _iri(S + "attendee"), _iri(p.iri), g)
        if rng.random() < 0.4:
            self.write_group_attendee()
        g = self.claim("seminar-topics", rng.randint(1, 3))
        for t in sorted({topic, *rng.sample(TOPICS, rng.randint(0, 3))}):
            q(event, _iri(S + "about"), _iri(IG + "topic-" + t), g)
        return organiser, speakers, attendees, topic

    def write_group_attendee(self) -> None:
        giri, gnb, gen = self.region.group
        S = SCHEMA
        self.mention(giri, iter([
            *((RDF + "type", _iri(t)) for t in
              (PROV + "Agent", FOAF + "Agent", FOAF + "Group", IG + "PersonGroup")),
            (S + "name", lit(gnb, "nb")), (S + "name", lit(gen, "en")),
            (SKOS + "prefLabel", lit(gnb, "nb")), (SKOS + "prefLabel", lit(gen, "en")),
            (ORG + "role", _iri(IG + "role-chief-municipal-executive")),
        ]))
        g = self.claim("seminar-attendee-" + giri.rsplit("/", 1)[1])
        self.q(self.event, _iri(S + "attendee"), _iri(giri), g)

    def write_quotations(
        self, speakers: list[_Person], attendees: list[_Person], topic: str
    ) -> None:
        q, S = self.q, SCHEMA
        en, nb = TOPIC_NAMES[topic]
        chosen = self.rng.sample([*speakers, *attendees], min(3, len(attendees)))
        for i, p in enumerate(chosen):
            quote = _iri(f"{ID}quote/{self.gen.base}-{self.k}-{i}")
            g = self.claim(f"quote-{i}")
            q(quote, _A, _iri(S + "CreativeWork"), g)
            q(quote, _A, _iri(S + "Quotation"), g)
            q(quote, _iri(S + "about"), self.event, g)
            q(quote, _iri(S + "about"), _iri(IG + "topic-" + topic), g)
            q(quote, _iri(S + "creator"), _iri(p.iri), g)
            q(quote, _iri(S + "description"), lit(f"Finds {en} useful for the region.", "en"), g)
            q(quote, _iri(S + "description"), lit(f"Mener {nb} er nyttig for regionen.", "nb"), g)
            q(quote, _iri(S + "isPartOf"), self.article, g)

    def write_follow_up(self, organiser: _Org, speakers: list[_Person]) -> None:
        q, S, region, event = self.q, SCHEMA, self.region, self.event
        year = str(self.published.year + 1)
        follow = self.gen.id("event", region.index, region.articles, "follow-up")
        backer = self.rng.choice(speakers)
        g = self.mention(follow, iter([
            (RDF + "type", _iri(S + "Event")), (RDF + "type", _iri(IG + "PlannedEvent")),
            (RDF + "type", _iri(IG + "Seminar")),
            (DCTERMS + "relation", event),
            (S + "name", lit(f"Follow-up seminar {year} in {region.name}", "en")),
            (S + "name", lit(f"Oppfølgingsseminar {year} i {region.name}", "nb")),
            (SKOS + "prefLabel", lit(f"Follow-up seminar {year} in {region.name}", "en")),
            (TIME + "hasTime", _iri(f"{ID}time/{year}")),
            (S + "organizer", _iri(organiser.iri)),
            (S + "sponsor", _iri(backer.iri)), (IG + "backer", _iri(backer.iri)),
            (IG + "followUpOf", event),
        ]))
        tm, desc = _iri(f"{ID}time/{year}"), _iri(f"{ID}time/{year}-description")
        if tm not in self.w.declared:
            self.w.declared.add(tm)
            q(tm, _A, _iri(TIME + "ProperInterval"), g)
            q(tm, _iri(RDFS + "label"), lit(year), g)
            q(tm, _iri(TIME + "hasDateTimeDescription"), desc, g)
            q(desc, _A, _iri(TIME + "DateTimeDescription"), g)
            q(desc, _iri(TIME + "unitType"), _iri(TIME + "unitYear"), g)
            q(desc, _iri(TIME + "year"), lit(year, datatype=XSD + "gYear"), g)


def _person_facts(p: _Person) -> Iterator[tuple[str, str]]:
    for t in (FOAF + "Agent", FOAF + "Person", SCHEMA + "Person"):
        yield RDF + "type", _iri(t)
    yield SCHEMA + "name", lit(p.name)
    yield SKOS + "prefLabel", lit(p.name)
    yield SKOS + "hiddenLabel", lit(p.surname)


def _org_facts(o: _Org) -> Iterator[tuple[str, str]]:
    for t in o.types:
        yield RDF + "type", _iri(t)
    for p in (SCHEMA + "name", SKOS + "prefLabel"):
        yield p, lit(o.name_nb, "nb")
        yield p, lit(o.name_en, "en")
    yield ORG + "classification", _iri(IG + "helix-" + o.helix)
    yield from o.extra
    if o.parent is not None:
        parent = _iri(o.parent.iri)
        yield ORG + "unitOf", parent
        yield SCHEMA + "parentOrganization", parent


def write_nquads(out: IO[str], triples: int = 10_000, seed: int = 0) -> SynthStats:
    """Write a synthetic ecosystem of about ``triples`` quads (a little more) to a text stream.

    Parameters
    ----------
    out : text stream
        Where the N-Quads lines go.
    triples : int
        The size to reach; generation stops at the end of the article that reaches it.
    seed : int
        The seed of the generator: the same seed and size give the same output.
    """
    if not MIN_TRIPLES <= triples <= MAX_TRIPLES:
        raise InputError(
            f"--triples {triples}: choose a size from {MIN_TRIPLES:,} to {MAX_TRIPLES:,}"
        )
    return _Generator(out, triples, seed).run()


def generate(path: str | Path, triples: int = 10_000, seed: int = 0) -> SynthStats:
    """Write a synthetic ecosystem to an N-Quads file (see :func:`write_nquads`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "eco.nq"
    >>> generate(path, triples=1000, seed=7).quads == len(path.read_text().splitlines())
    True
    """
    import os
    import tempfile

    path = Path(path)
    if path.suffix.lower() != ".nq":
        raise InputError(f"{path}: synthetic data are written as N-Quads; name the file *.nq")
    if isinstance(triples, bool) or not isinstance(triples, int) or not (
            MIN_TRIPLES <= triples <= MAX_TRIPLES):
        raise InputError(
            f"--triples {triples}: choose a size from {MIN_TRIPLES:,} to {MAX_TRIPLES:,}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the path of the .nq file to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # write beside the target, then rename: the old file stays whole until the new one is
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            stats = write_nquads(out, triples, seed)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return stats


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask
