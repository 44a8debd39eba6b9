"""One synthetic news article: the claims it makes about a seminar of a region, as N-Quads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..evidence import Span, evidence_statements
from ..vocab import ID
from .terms import (
    DCTERMS,
    FOAF,
    IG,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEMINAR_DAY,
    SEMINAR_DAY_EVERY,
    SKOS,
    TIME,
    TOPIC_NAMES,
    TOPICS,
    XSD,
    A,
    date_term,
    integer,
    lit,
    uri,
)
from .world import Org, Person, Region, org_facts, person_facts

if TYPE_CHECKING:  # pragma: no cover
    from .generator import Generator

__all__ = ["Article"]


class Article:
    """One synthetic article about one seminar of a region: its claims, written as N-Quads."""

    def __init__(self, gen: Generator, region: Region, number: int) -> None:
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
        self.article = uri(gen.id("article", k))
        self.event_iri = gen.id("event", region.index, region.articles)
        self.event = uri(self.event_iri)
        self.length = self.rng.randint(2500, 6000)
        self.claim_ns = f"{ID}claim/synthetic-{gen.seed}/{k}/"
        self.digest = hashlib.sha256(f"synthetic-{gen.seed}-{k}".encode()).hexdigest()
        self.mentioned: dict[str, str] = {}
        self.instant = ""

    # ------------------------------------------------------------------ building blocks

    def claim(self, name: str, spans: int = 1) -> str:
        """A new claim graph with ``spans`` random evidence spans; returns its term."""
        g = uri(self.claim_ns + name)
        self.gen.stats.claims += 1
        found = []
        for _ in range(spans):
            start = self.rng.randrange(self.length - 20)
            found.append(Span(start, min(self.length, start + self.rng.randint(10, 300))))
        for triple in evidence_statements(g, self.article, found, iri=uri, integer=integer):
            self.q(*triple)
        return g

    def mention(self, iri: str, declare: Iterator[tuple[str, str]], kind: str = "") -> str:
        """The claim that the article mentions ``iri``, describing it the first time it is seen."""
        if iri in self.mentioned:
            return self.mentioned[iri]
        g = self.mentioned[iri] = self.claim(iri[len(ID):].replace("/", "-"))
        self.q(self.article, uri(SCHEMA + "mentions"), uri(iri), g)
        if iri not in self.w.declared:
            self.w.declared.add(iri)
            if kind:
                setattr(self.gen.stats, kind, getattr(self.gen.stats, kind) + 1)
            for p, o in declare:
                self.q(uri(iri), uri(p), o, g)
        return g

    def declare_org(self, o: Org) -> None:
        if o.iri in self.mentioned:
            return
        first = o.iri not in self.w.declared
        for other in (o.parent, o.host):
            if other is not None:
                self.declare_org(other)
        g = self.mention(o.iri, org_facts(o), "organisations")
        if first and o.parent is not None:
            self.q(uri(o.parent.iri), uri(ORG + "hasUnit"), uri(o.iri), g)
            self.q(uri(o.parent.iri), uri(SCHEMA + "subOrganization"), uri(o.iri), g)

    def declare_place(self, iri: str, nb: str, en: str, within: str, kind: str) -> None:
        if iri in self.w.declared or iri in self.mentioned:
            return
        S = SCHEMA
        types = (S + "Place",) if kind == "venue" else (S + "AdministrativeArea", S + "Place")
        facts = [(RDF + "type", uri(t)) for t in types]
        facts += [(p, lit(nb, "nb")) for p in (S + "name", SKOS + "prefLabel")]
        facts += [(p, lit(en, "en")) for p in (S + "name", SKOS + "prefLabel") if en != nb]
        facts += [(S + "containedInPlace", uri(x)) for x in within.split()]
        self.mention(iri, iter(facts))

    def post(self, p: Person) -> None:
        if p.org is None:
            return
        q = self.q
        self.declare_org(p.org)
        pid, oid = p.iri.rsplit("/", 1)[1], p.org.iri.rsplit("/", 1)[1]
        g = self.claim(f"post-{pid}")
        interval = uri(f"{ID}interval/{pid}-{oid}")
        membership = uri(f"{ID}membership/{pid}-{oid}")
        q(interval, uri(TIME + "inside"), self.instant, g)
        if membership in self.w.declared:
            # A post seen before: this article adds only the date it was held on. Stating
            # the whole membership again would repeat its triples in one more graph.
            return
        self.w.declared.add(membership)
        q(interval, A, uri(TIME + "Interval"), g)
        q(membership, A, uri(ORG + "Membership"), g)
        q(membership, uri(ORG + "member"), uri(p.iri), g)
        q(membership, uri(ORG + "memberDuring"), interval, g)
        q(membership, uri(ORG + "organization"), uri(p.org.iri), g)
        q(membership, uri(ORG + "role"), uri(IG + "role-" + p.role), g)
        if p.org.head == p.iri:
            q(uri(p.iri), uri(ORG + "headOf"), uri(p.org.iri), g)
            en, nb = p.org.head_title
            q(uri(p.iri), uri(SCHEMA + "jobTitle"), lit(en, "en"), g)
            q(uri(p.iri), uri(SCHEMA + "jobTitle"), lit(nb, "nb"), g)
        q(uri(p.iri), uri(SCHEMA + "worksFor"), uri(p.org.iri), g)

    def declare_person(self, p: Person) -> None:
        if p.iri not in self.mentioned:
            self.mention(p.iri, person_facts(p), "persons")
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
            q(article, A, uri(S + t), g)
        q(article, uri(S + "about"), self.event, g)
        q(article, uri(S + "identifier"), lit(self.digest), g)
        q(article, uri(S + "inLanguage"), lit("nb"), g)
        q(article, uri(S + "name"), lit(f"Article {k} on a seminar in {region.name}", "en"), g)
        q(article, uri(S + "name"), lit(f"Artikkel {k} om et seminar i {region.name}", "nb"), g)
        q(article, uri(IG + "sha256"), lit(self.digest), g)
        author = self.rng.choice(region.journalists)
        g = self.claim("article-byline")
        q(article, uri(S + "author"), uri(author.iri), g)
        q(article, uri(S + "datePublished"), date_term(self.published), g)
        self.instant = uri(f"{ID}time/{self.published.isoformat()}")
        if self.instant not in self.w.declared:
            # A shared node (a day, a year) is described once, in the first claim that needs
            # it: Oxigraph's union of graphs is a bag, and a description repeated in every
            # claim that mentions the day would multiply each join through it.
            self.w.declared.add(self.instant)
            q(self.instant, A, uri(TIME + "Instant"), g)
            q(self.instant, uri(TIME + "inXSDDate"), date_term(self.published), g)
        self.declare_person(author)
        g = self.claim("article-headline", 2)
        q(article, uri(S + "headline"), lit(f"Seminar {self.number} in {region.name}", "en"), g)
        q(article, uri(S + "alternativeHeadline"),
          lit(f"Seminar {self.number} i {region.name}", "nb"), g)
        g = self.claim("article-photographer")
        q(article, uri(S + "contributor"), uri(region.photographer.iri), g)
        q(article, uri(IG + "photographer"), uri(region.photographer.iri), g)
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

    def write_seminar(self) -> tuple[Org, list[Person], list[Person], str]:
        q, S, rng, event, region = self.q, SCHEMA, self.rng, self.event, self.region
        number = self.number
        topic = rng.choice(TOPICS)
        en, nb = TOPIC_NAMES[topic]
        self.mention(self.event_iri, iter([
            (RDF + "type", uri(S + "Event")), (RDF + "type", uri(IG + "Seminar")),
            (S + "name", lit(f"{nb.capitalize()} i {region.name} {number}", "nb")),
            (S + "name", lit(f"{en.capitalize()} in {region.name} {number}", "en")),
            (SKOS + "prefLabel", lit(f"{nb.capitalize()} i {region.name} {number}", "nb")),
            (S + "description", lit(f"A seminar on {en} for actors in {region.name}.", "en")),
        ]))
        g = self.claim("seminar-place-and-date")
        q(event, uri(S + "startDate"), date_term(self.day), g)
        q(event, uri(S + "endDate"), date_term(self.day), g)
        q(event, uri(S + "location"), uri(self.venue), g)
        organisers = [o for o in region.orgs if o.kind in ("municipality", "committee", "cluster")]
        organiser = rng.choice(organisers)
        self.declare_org(organiser)
        g = self.claim("seminar-organizer", rng.randint(1, 2))
        q(event, uri(S + "organizer"), uri(organiser.iri), g)
        hosts = rng.sample([o for o in region.orgs if o.kind in ("park", "company", "cluster")], 2)
        for h in hosts:
            self.declare_org(h)
        g = self.claim("seminar-hosts")
        for h in hosts:
            q(event, uri(S + "contributor"), uri(h.iri), g)
            q(event, uri(IG + "host"), uri(h.iri), g)
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
            q(event, uri(S + "performer"), uri(p.iri), g)
            q(event, uri(IG + "speaker"), uri(p.iri), g)
        g = self.claim("seminar-facilitator")
        q(event, uri(S + "contributor"), uri(facilitator.iri), g)
        q(event, uri(IG + "facilitator"), uri(facilitator.iri), g)
        for p in attendees:
            g = self.claim("seminar-attendee-" + p.iri.rsplit("/", 1)[1])
            q(event, uri(S + "attendee"), uri(p.iri), g)
        if rng.random() < 0.4:
            self.write_group_attendee()
        g = self.claim("seminar-topics", rng.randint(1, 3))
        for t in sorted({topic, *rng.sample(TOPICS, rng.randint(0, 3))}):
            q(event, uri(S + "about"), uri(IG + "topic-" + t), g)
        return organiser, speakers, attendees, topic

    def write_group_attendee(self) -> None:
        giri, gnb, gen = self.region.group
        S = SCHEMA
        self.mention(giri, iter([
            *((RDF + "type", uri(t)) for t in
              (PROV + "Agent", FOAF + "Agent", FOAF + "Group", IG + "PersonGroup")),
            (S + "name", lit(gnb, "nb")), (S + "name", lit(gen, "en")),
            (SKOS + "prefLabel", lit(gnb, "nb")), (SKOS + "prefLabel", lit(gen, "en")),
            (ORG + "role", uri(IG + "role-chief-municipal-executive")),
        ]))
        g = self.claim("seminar-attendee-" + giri.rsplit("/", 1)[1])
        self.q(self.event, uri(S + "attendee"), uri(giri), g)

    def write_quotations(
        self, speakers: list[Person], attendees: list[Person], topic: str
    ) -> None:
        q, S = self.q, SCHEMA
        en, nb = TOPIC_NAMES[topic]
        chosen = self.rng.sample([*speakers, *attendees], min(3, len(attendees)))
        for i, p in enumerate(chosen):
            quote = uri(f"{ID}quote/{self.gen.base}-{self.k}-{i}")
            g = self.claim(f"quote-{i}")
            q(quote, A, uri(S + "CreativeWork"), g)
            q(quote, A, uri(S + "Quotation"), g)
            q(quote, uri(S + "about"), self.event, g)
            q(quote, uri(S + "about"), uri(IG + "topic-" + topic), g)
            q(quote, uri(S + "creator"), uri(p.iri), g)
            q(quote, uri(S + "description"), lit(f"Finds {en} useful for the region.", "en"), g)
            q(quote, uri(S + "description"), lit(f"Mener {nb} er nyttig for regionen.", "nb"), g)
            q(quote, uri(S + "isPartOf"), self.article, g)

    def write_follow_up(self, organiser: Org, speakers: list[Person]) -> None:
        q, S, region, event = self.q, SCHEMA, self.region, self.event
        year = str(self.published.year + 1)
        follow = self.gen.id("event", region.index, region.articles, "follow-up")
        backer = self.rng.choice(speakers)
        g = self.mention(follow, iter([
            (RDF + "type", uri(S + "Event")), (RDF + "type", uri(IG + "PlannedEvent")),
            (RDF + "type", uri(IG + "Seminar")),
            (DCTERMS + "relation", event),
            (S + "name", lit(f"Follow-up seminar {year} in {region.name}", "en")),
            (S + "name", lit(f"Oppfølgingsseminar {year} i {region.name}", "nb")),
            (SKOS + "prefLabel", lit(f"Follow-up seminar {year} in {region.name}", "en")),
            (TIME + "hasTime", uri(f"{ID}time/{year}")),
            (S + "organizer", uri(organiser.iri)),
            (S + "sponsor", uri(backer.iri)), (IG + "backer", uri(backer.iri)),
            (IG + "followUpOf", event),
        ]))
        tm, desc = uri(f"{ID}time/{year}"), uri(f"{ID}time/{year}-description")
        if tm not in self.w.declared:
            self.w.declared.add(tm)
            q(tm, A, uri(TIME + "ProperInterval"), g)
            q(tm, uri(RDFS + "label"), lit(year), g)
            q(tm, uri(TIME + "hasDateTimeDescription"), desc, g)
            q(desc, A, uri(TIME + "DateTimeDescription"), g)
            q(desc, uri(TIME + "unitType"), uri(TIME + "unitYear"), g)
            q(desc, uri(TIME + "year"), lit(year, datatype=XSD + "gYear"), g)
