"""The named competency queries, each checked against the answer the article gives.

Every query runs on every embedded store (``any_kg``); the expected answers are read off the
article by hand, as the comments say.
"""

from __future__ import annotations

from graph import KnowledgeGraph
from graph.results import short


def rows(kg: KnowledgeGraph, name: str, *cols: str, **bindings) -> list[tuple[str, ...]]:
    result = kg.named_query(name, **bindings)
    idx = [result.vars.index(c) for c in cols]
    return [tuple(short(r[i]) for i in idx) for r in result.rows]


def test_every_named_query_is_tested() -> None:
    tested = {
        "seminar-organiser", "seminar-participants", "posts-on-article-date",
        "smart-innovation-norway-structure", "cross-border-actors", "quotations",
        "follow-up-event", "seminar-topics", "article", "evidence",
    }
    assert tested <= set(KnowledgeGraph.named_queries())


def test_1_seminar_organiser_date_place_hosts(any_kg: KnowledgeGraph) -> None:
    # The committee arranged the seminar on Monday 8 January 2018 in the simulator centre at
    # Remmen Kunnskapspark; Smart Innovation Norway and Remmen Kunnskapspark were the hosts.
    got = rows(any_kg, "seminar-organiser",
               "date", "organizerName", "locationName", "withinName", "hostName")
    where = ("2018-01-08", "Svinesundskomiteen", "Simulatorsenteret", "Remmen Kunnskapspark")
    assert got == [(*where, "Remmen Kunnskapspark"), (*where, "Smart Innovation Norway")]


def test_2_speakers_facilitator_attendees(any_kg: KnowledgeGraph) -> None:
    # Speakers: the CEO (Gabrielsen), the head of the smart-cities unit (Moen) and several
    # local chief executives (unnamed). Facilitator: the cluster leader, Knold. Attending: the
    # committee's VD Hellström (she speaks of "those who were here"), Skår (she speaks of
    # being here), and the Swedish and Norwegian municipal leaders who met.
    assert rows(any_kg, "seminar-participants", "role", "name", "kind") == [
        ("attendee", "Elsie Hellström", "person"),
        ("attendee", "Unni Skår", "person"),
        ("attendee", "svenske og norske kommuneledere", "unnamed group"),
        ("facilitator", "Jon-Vidar Knold", "person"),
        ("speaker", "Ole Gabrielsen", "person"),
        ("speaker", "Thor Moen", "person"),
        ("speaker", "lokale rådmenn", "unnamed group"),
    ]


def test_3_posts_on_the_article_date(any_kg: KnowledgeGraph) -> None:
    # Five people hold a post the article names; each heads the organisation or unit.
    # The journalist's employer is not stated, so she holds no post in the graph.
    assert rows(any_kg, "posts-on-article-date",
                "name", "roleLabel", "organizationName", "heads", "date") == [
        ("Elsie Hellström", "chief executive officer", "Svinesundskomiteen", "true", "2018-01-09"),
        ("Jon-Vidar Knold", "cluster leader", "NCE Smart Energy Markets", "true", "2018-01-09"),
        ("Ole Gabrielsen", "chief executive officer", "Smart Innovation Norway", "true",
         "2018-01-09"),
        ("Thor Moen", "head of unit", "Smarte byer og samfunn", "true", "2018-01-09"),
        ("Unni Skår", "chief municipal executive", "Sarpsborg kommune", "true", "2018-01-09"),
    ]


def test_4_structure_of_smart_innovation_norway(any_kg: KnowledgeGraph) -> None:
    # Smart Innovation Norway is led by its CEO; its smart-cities department is led by Moen;
    # the NCE Smart Energy Markets cluster sits "at" it and is led by Knold.
    assert rows(any_kg, "smart-innovation-norway-structure",
                "relation", "partName", "leaderName", "leaderRole") == [
        ("hosted cluster", "NCE Smart Energy Markets", "Jon-Vidar Knold", "cluster leader"),
        ("organisation", "Smart Innovation Norway", "Ole Gabrielsen", "chief executive officer"),
        ("unit", "Smarte byer og samfunn", "Thor Moen", "head of unit"),
    ]


def test_5_actors_spanning_the_border(any_kg: KnowledgeGraph) -> None:
    # Only the committee serves both countries (directly and through the Svinesund region).
    assert rows(any_kg, "cross-border-actors", "actor", "name", "nameSv", "kind") == [
        ("orgs:svinesundskomiteen", "Svinesundskomiteen", "Svinesundskommittén",
         "cross-border committee"),
    ]


def test_6_quotations_counted_with_spans(any_kg: KnowledgeGraph, source_text: str) -> None:
    # Hellström: three quotations (the last attributed through "she", read as Hellström);
    # Skår: two; Knold: one.
    got = rows(any_kg, "quotations", "name", "quotes", "start", "end")
    assert [(n, q) for n, q, _, _ in got] == [
        ("Elsie Hellström", "3"), ("Elsie Hellström", "3"), ("Elsie Hellström", "3"),
        ("Unni Skår", "2"), ("Unni Skår", "2"), ("Jon-Vidar Knold", "1"),
    ]
    # Each span holds the quoted words: it starts right after the dash that opens the
    # quotation, or (for the quotation attributed by a pronoun) takes the dash in.
    for _, _, start, end in got:
        s, e = int(start), int(end)
        assert source_text[s - 2 : s] == "– " or "– " in source_text[s:e]


def test_7_follow_up_event(any_kg: KnowledgeGraph) -> None:
    # The committee wants a similar seminar during 2018, and Skår backs it fully.
    assert rows(any_kg, "follow-up-event",
                "organizerName", "year", "backerName", "followsUpName") == [
        ("Svinesundskomiteen", "2018", "Unni Skår", "Den digitale tsunamien og kommunalt lederskap"),
    ]


def test_8_seminar_topics(any_kg: KnowledgeGraph) -> None:
    # Innovation, smart cities and communities, and digitalisation; the title names municipal
    # leadership; the photo caption's keyword is knowledge sharing.
    assert rows(any_kg, "seminar-topics", "en", "nb") == [
        ("digitalisation", "digitalisering"),
        ("innovation", "innovasjon"),
        ("knowledge sharing", "kunnskapsdeling"),
        ("municipal leadership", "kommunalt lederskap"),
        ("smart cities and communities", "smarte byer og samfunn"),
    ]


def test_9_article_author_photographer_date_mentions(any_kg: KnowledgeGraph) -> None:
    got = rows(any_kg, "article", "authorName", "photographerName", "published", "mentionedName")
    assert {r[:3] for r in got} == {
        ("Mari Kristine Buckholm", "Mari Kristine Buckholm", "2018-01-09")
    }
    # Every person, organisation, unit and group the article names.
    assert [r[3] for r in got] == [
        "Elsie Hellström", "Jon-Vidar Knold", "Mari Kristine Buckholm", "NCE Smart Energy Markets",
        "Ole Gabrielsen", "Remmen Kunnskapspark", "Sarpsborg kommune", "Smart Innovation Norway",
        "Smarte byer og samfunn", "Svinesundskomiteen", "Thor Moen", "Unni Skår",
        "lokale rådmenn", "svenske og norske kommuneledere",
    ]


def test_10_evidence_for_a_subject_and_property(
    any_kg: KnowledgeGraph, source_text: str
) -> None:
    from rdflib import URIRef

    got = rows(
        any_kg, "evidence", "object", "start", "end",
        subject=URIRef("https://w3id.org/innograph/id/event/2018-01-08-digital-tsunami-seminar"),
        property=URIRef("https://schema.org/organizer"),
    )
    # Two places in the text say who organised it: the lead ("the committee's seminar") and
    # the first quotation's attribution ("which arranged the seminar").
    assert got == [("orgs:svinesundskomiteen", "72", "99"),
                   ("orgs:svinesundskomiteen", "1003", "1047")]
    assert source_text[72:99].startswith("Svinesundskomit")
    assert "arrangerte" in source_text[1003:1047]
