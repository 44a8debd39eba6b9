"""The world of a synthetic region: its organisations and people, and the facts that describe
them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..vocab import ID
from .terms import FIELDS, FIRST_NAMES, FOAF, IG, ORG, RDF, SCHEMA, SKOS, SURNAMES, lit, uri

if TYPE_CHECKING:  # pragma: no cover
    from .generator import Generator

__all__ = ["Org", "Person", "Region", "build_region", "org_facts", "person_facts"]


@dataclass
class Org:
    iri: str
    name_nb: str
    name_en: str
    kind: str
    types: tuple[str, ...]
    helix: str
    head_role: str
    head_title: tuple[str, str]
    extra: tuple[tuple[str, str], ...] = ()
    parent: Org | None = None
    host: Org | None = None
    head: str = ""


@dataclass
class Person:
    iri: str
    name: str
    surname: str
    org: Org | None = None
    role: str = ""


@dataclass
class Region:
    index: int
    iri: str
    name: str
    countries: tuple[str, ...]
    orgs: list[Org]
    persons: list[Person]
    venues: list[tuple[str, str, str]]
    group: tuple[str, str, str]
    journalists: list[Person]
    photographer: Person
    articles: int = 0


def person_facts(p: Person) -> Iterator[tuple[str, str]]:
    for t in (FOAF + "Agent", FOAF + "Person", SCHEMA + "Person"):
        yield RDF + "type", uri(t)
    yield SCHEMA + "name", lit(p.name)
    yield SKOS + "prefLabel", lit(p.name)
    yield SKOS + "hiddenLabel", lit(p.surname)


def org_facts(o: Org) -> Iterator[tuple[str, str]]:
    for t in o.types:
        yield RDF + "type", uri(t)
    for p in (SCHEMA + "name", SKOS + "prefLabel"):
        yield p, lit(o.name_nb, "nb")
        yield p, lit(o.name_en, "en")
    yield ORG + "classification", uri(IG + "helix-" + o.helix)
    yield from o.extra
    if o.parent is not None:
        parent = uri(o.parent.iri)
        yield ORG + "unitOf", parent
        yield SCHEMA + "parentOrganization", parent


# ---------------------------------------------------------------------------- building a region
# Each function below draws from the generator's random stream; build_region calls them in a
# fixed order, so that a seed always gives the same world.


def build_region(gen: Generator, index: int) -> Region:
    """A new region: its organisations (municipalities, a science park, companies and their
    units, a cluster, a cross-border committee when it spans the border, a newspaper), its
    people and its venues."""
    rng = gen.rng
    name = gen.place_name()
    countries = rng.choices((("norway",), ("sweden",), ("norway", "sweden")), (4, 3, 3))[0]
    iri = gen.id("place", "region", index)
    orgs = _municipalities(gen, index, countries)
    park = _science_park(gen, index, name, iri)
    orgs.append(park)
    companies = _companies(gen, index, name, orgs)
    orgs.append(_cluster(gen, index, name, companies))
    if len(countries) == 2:
        orgs.append(_committee(gen, index, name, iri, countries))
    paper = Org(
        gen.id("org", index, "newspaper"), f"{name}posten", f"{name} Post", "newspaper",
        (ORG + "Organization", FOAF + "Agent", SCHEMA + "Organization"),
        "civil-society", "", ("", ""),
    )
    orgs.append(paper)
    persons, journalists, photographer = _people(gen, index, orgs, paper)
    venues = []
    for i in range(rng.randint(2, 3)):
        vname = gen.place_name()
        within = park.iri if i == 0 else iri
        venues.append((gen.id("place", index, "venue", i), f"{vname}salen", within))
    group = (
        gen.id("group", index, "leaders"), f"kommuneledere i {name}",
        f"municipal leaders of {name}",
    )
    gen.stats.regions += 1
    return Region(index, iri, name, countries, orgs, persons, venues, group,
                  journalists, photographer)


def _municipalities(gen: Generator, index: int, countries: tuple[str, ...]) -> list[Org]:
    orgs: list[Org] = []
    for i in range(gen.rng.randint(3, 6)):
        town = gen.place_name()
        sv = countries[i % len(countries)] == "sweden"
        orgs.append(Org(
            gen.id("org", index, "municipality", i), f"{town} {'kommun' if sv else 'kommune'}",
            f"{town} Municipality", "municipality",
            (ORG + "FormalOrganization", ORG + "Organization", FOAF + "Agent",
             SCHEMA + "GovernmentOrganization", SCHEMA + "Organization", IG + "Municipality"),
            "government", "chief-municipal-executive",
            ("chief municipal executive", "kommunedirektør" if sv else "rådmann"),
            ((SCHEMA + "location", uri(ID + "place/" + countries[i % len(countries)])),),
        ))
    return orgs


def _science_park(gen: Generator, index: int, name: str, region: str) -> Org:
    return Org(
        gen.id("org", index, "science-park"), f"{name} Kunnskapspark", f"{name} Science Park",
        "park", (ORG + "Organization", FOAF + "Agent", SCHEMA + "Organization",
                 SCHEMA + "Place", IG + "SciencePark"),
        "industry", "chief-executive", ("chief executive officer", "daglig leder"),
        ((SCHEMA + "containedInPlace", uri(region)),),
    )


def _companies(gen: Generator, index: int, name: str, orgs: list[Org]) -> list[Org]:
    """One or two companies, each followed in ``orgs`` by its units; returns the companies."""
    rng = gen.rng
    companies = []
    for i in range(rng.randint(1, 2)):
        field_en, field_nb = rng.choice(FIELDS)
        company = Org(
            gen.id("org", index, "company", i), f"{name} {field_en} Innovasjon",
            f"{name} {field_en} Innovation", "company",
            (ORG + "FormalOrganization", ORG + "Organization", FOAF + "Agent",
             SCHEMA + "Organization", IG + "ResearchAndInnovationCompany"),
            "academia", "chief-executive",
            ("chief executive officer", "administrerende direktør"),
        )
        companies.append(company)
        orgs.append(company)
        for j, (unit_en, unit_nb) in enumerate(rng.sample(FIELDS, rng.randint(2, 3))):
            orgs.append(Org(
                gen.id("org", index, "company", i, "unit", j),
                f"{unit_nb.capitalize()}avdelingen", f"{unit_en} Unit", "unit",
                (ORG + "Organization", ORG + "OrganizationalUnit", FOAF + "Agent",
                 SCHEMA + "Organization", IG + "OrganizationalUnit"),
                "academia", "head-of-unit", ("head of unit", "avdelingsleder"),
                parent=company,
            ))
    return companies


def _cluster(gen: Generator, index: int, name: str, companies: list[Org]) -> Org:
    field_en, field_nb = gen.rng.choice(FIELDS)
    host = gen.rng.choice(companies)
    return Org(
        gen.id("org", index, "cluster"), f"{name} {field_en} Cluster",
        f"{name} {field_en} Cluster", "cluster",
        (ORG + "Organization", FOAF + "Agent", SCHEMA + "Organization", IG + "Cluster"),
        "industry", "cluster-leader", ("cluster leader", "klyngeleder"),
        ((IG + "hostedBy", uri(host.iri)), (ORG + "linkedTo", uri(host.iri))), host=host,
    )


def _committee(gen: Generator, index: int, name: str, region: str,
               countries: tuple[str, ...]) -> Org:
    return Org(
        gen.id("org", index, "committee"), f"{name}komiteen", f"the {name} Committee",
        "committee",
        (ORG + "FormalOrganization", ORG + "Organization", FOAF + "Agent",
         SCHEMA + "GovernmentOrganization", SCHEMA + "Organization",
         IG + "CrossBorderCommittee"),
        "government", "chief-executive", ("chief executive officer", "daglig leder"),
        tuple((SCHEMA + "areaServed", uri(ID + "place/" + c)) for c in countries)
        + ((SCHEMA + "areaServed", uri(region)),),
    )


def _people(gen: Generator, index: int, orgs: list[Org],
            paper: Org) -> tuple[list[Person], list[Person], Person]:
    """The heads of the organisations, two journalists, a photographer and others."""
    rng = gen.rng
    persons: list[Person] = []

    def person(org: Org | None = None, role: str = "") -> Person:
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        p = Person(gen.id("person", index, len(persons)), f"{first} {last}", last, org, role)
        persons.append(p)
        return p

    for org in orgs:
        if org.head_role:
            org.head = person(org, org.head_role).iri
    journalists = [person(paper, "journalist") for _ in range(2)]
    photographer = person(paper, "photographer")
    for _ in range(rng.randint(10, 20)):
        person()
    return persons, journalists, photographer
