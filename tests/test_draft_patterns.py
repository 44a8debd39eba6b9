"""Sentence patterns the drafter handles beyond the articles it was first tuned on: speaker
lists introduced by a list phrase, opening and leading verbs, an event named by an anaphor,
posts written with «av» or taken up in a move, and organisation names without a suffix."""

from __future__ import annotations

import pytest

from graph.draft import draft


def facts(text: str) -> tuple[set[str], set[tuple[str, str, str]], set[tuple[str, str]]]:
    """(organisations, posts as person-role-organisation, event roles as agent-role)."""
    cf = draft(text)
    names = {r.id: r.name for r in list(cf.persons) + list(cf.organisations)}
    posts = {(names[p.person], p.role, names[p.organisation]) for p in cf.posts}
    parts = {(names[p.agent], p.role) for p in cf.participations}
    return {o.name for o in cf.organisations}, posts, parts


NB_EVENT = "Seminaret Fjordlab 2025 blir holdt i Vassbygd tirsdag 6. mai. "
SV_EVENT = "Konferensen Skogsriket 2025 hålls i Umeå den 6 maj. "


@pytest.mark.parametrize("text, speakers", [
    (NB_EVENT + "Blant innlederne er Sigrun Vatne og Eirik Solheim.", {"Sigrun Vatne", "Eirik Solheim"}),
    (NB_EVENT + "Sigrun Vatne og Eirik Solheim er blant innlederne.", {"Sigrun Vatne", "Eirik Solheim"}),
    (SV_EVENT + "Maja Ekholm och Nils Berggren är bland talarna.", {"Maja Ekholm", "Nils Berggren"}),
    (SV_EVENT + "Talare är bland andra Maja Ekholm och docent Nils Berggren från Umeå universitet.",
     {"Maja Ekholm", "Nils Berggren"}),
])
def test_speakers_named_by_a_list_phrase(text: str, speakers: set[str]) -> None:
    _, _, parts = facts(text)
    assert {a for a, r in parts if r == "speaker"} == speakers


@pytest.mark.parametrize("text, speaker, facilitator", [
    (NB_EVENT + "Ordfører Sigrun Vatne innledet dagen. Eirik Solheim leder debatten.",
     "Sigrun Vatne", "Eirik Solheim"),
    (NB_EVENT + "Sigrun Vatne åpnet dagen, og journalist Eirik Solheim ledet samtalen.",
     "Sigrun Vatne", "Eirik Solheim"),
    (SV_EVENT + "Maja Ekholm inledde dagen. Nils Berggren ledde panelsamtalen.", "Maja Ekholm", "Nils Berggren"),
])
def test_who_opens_speaks_and_who_leads_facilitates(text: str, speaker: str, facilitator: str) -> None:
    _, _, parts = facts(text)
    assert (speaker, "speaker") in parts
    assert (facilitator, "facilitator") in parts
    assert (facilitator, "speaker") not in parts


@pytest.mark.parametrize("text", [
    NB_EVENT + "Sigrun Vatne forteller at hun gleder seg til dagen.",
    SV_EVENT + "Maja Ekholm berättar att anmälan redan är full.",
])
def test_telling_that_is_not_giving_a_talk(text: str) -> None:
    assert facts(text)[2] == set()


def test_organisers_and_host_after_an_anaphor_for_the_event_sv() -> None:
    _, _, parts = facts(SV_EVENT + "Dagen arrangeras av Region Västerbotten och Skellefteå kommun, "
                                   "med Umeå universitet som värd.")
    assert parts == {("Region Västerbotten", "organiser"), ("Skellefteå kommun", "organiser"),
                     ("Umeå universitet", "host")}


@pytest.mark.parametrize("text, post", [
    ("Hanne Brekke er daglig leder av Fjordvekst.", ("Hanne Brekke", "daglig leder", "Fjordvekst")),
    ("Hanne Brekke, som har vært daglig leder av Fjordvekst siden 2019, slutter i sommer.",
     ("Hanne Brekke", "daglig leder", "Fjordvekst")),
    ("Hanne Brekke går over i en stilling som seniorforsker ved Havlaget.",
     ("Hanne Brekke", "seniorforsker", "Havlaget")),
    ("Lars Dahlin går över till en tjänst som forskare vid Trälabbet.",
     ("Lars Dahlin", "forskare", "Trälabbet")),
    ("Lars Dahlin har tidigare arbetat på Skogsforum och är nu forskare vid Träcentrum.",
     ("Lars Dahlin", "forskare", "Träcentrum")),
])
def test_posts_with_av_and_moves_to_a_new_position(text: str, post: tuple[str, str, str]) -> None:
    assert facts(text)[1] == {post}


def test_the_post_left_is_not_placed_at_the_new_employer_sv() -> None:
    _, posts, _ = facts("Lars Dahlin lämnar sin tjänst som projektledare för att börja som "
                        "forskare vid Trälabbet.")
    assert posts == {("Lars Dahlin", "forskare", "Trälabbet")}


def test_chair_named_by_apposition_and_a_second_post_after_a_pronoun_nb() -> None:
    _, posts, _ = facts("Fjordbyen Havklynge vokser raskt. Styreleder i klyngen, Hanne Brekke, "
                        "er fornøyd. Hun er også daglig leder i Tangvik Marin AS.")
    assert posts == {("Hanne Brekke", "styreleder", "Fjordbyen Havklynge"),
                     ("Hanne Brekke", "daglig leder", "Tangvik Marin AS")}


def test_chair_of_a_body_named_in_the_genitive_and_a_noun_before_a_company_sv() -> None:
    _, posts, _ = facts("Skogsklustret Bergslagen har vuxit. Ordförande i klustrets styrelse är "
                        "Lars Dahlin, som också är vd för sågverket Norrvik Trä AB.")
    assert posts == {("Lars Dahlin", "ordförande", "Skogsklustret Bergslagen"),
                     ("Lars Dahlin", "VD", "Norrvik Trä AB")}


def test_cluster_leader_named_after_the_copula_goes_to_the_cluster_nb() -> None:
    _, posts, _ = facts("Vassbygd Batteriklynge ble stiftet i 2021. Klyngeleder er Hanne Brekke, "
                        "som kom fra Vassbygd kommune.")
    assert posts == {("Hanne Brekke", "klyngeleder", "Vassbygd Batteriklynge")}


def test_a_project_leader_after_the_copula_is_not_guessed_sv() -> None:
    _, posts, _ = facts("Träklustret Norr driver projektet Trähus. Projektledare är Lars Dahlin.")
    assert posts == set()


@pytest.mark.parametrize("text, org", [
    ("Styret i Vassbygd Næringshage AS har ansatt Hanne Brekke som daglig leder.",
     "Vassbygd Næringshage AS"),
    ("Vassbygd Næringshage AS har ansatt Hanne Brekke som daglig leder.", "Vassbygd Næringshage AS"),
    ("Styrelsen för Norrvik Företagspark AB har utsett Lars Dahlin till vd.", "Norrvik Företagspark AB"),
])
def test_a_type_word_before_a_legal_form_is_part_of_the_company_name(text: str, org: str) -> None:
    orgs, posts, _ = facts(text)
    assert orgs == {org}
    assert {o for _, _, o in posts} == {org}


@pytest.mark.parametrize("text, org", [
    ("Kommunen samarbeider tett med SINTEF Ocean om nye fôrtyper.", "SINTEF Ocean"),
    ("Projektet finansieras av Västra Götalandsregionen.", "Västra Götalandsregionen"),
    ("Elevene ved Vassbygd videregående skole deltok.", "Vassbygd videregående skole"),
    ("Hanne Brekke er seniorforsker ved Havlaget.", "Havlaget"),
    ("Lars Dahlin har tidigare arbetat på Skogsforum.", "Skogsforum"),
])
def test_organisations_without_a_suffix_known_by_context_or_form(text: str, org: str) -> None:
    assert org in facts(text)[0]


def test_a_compound_ending_in_regionen_alone_is_a_place_nb() -> None:
    assert facts("Bedriftene i Mjøsregionen samarbeider mer enn før.")[0] == set()


@pytest.mark.parametrize("text, post", [
    ("Hanne Brekke slutter som daglig leder i Fjordvekst AS etter ti år.",
     ("Hanne Brekke", "daglig leder", "Fjordvekst AS")),
    ("Hanne Brekke går av som rektor ved Universitetet i Agder.",
     ("Hanne Brekke", "rektor", "Universitetet i Agder")),
    ("Lars Dahlin lämnar posten som vd för Norrvik Trä AB.", ("Lars Dahlin", "VD", "Norrvik Trä AB")),
    ("Lars Dahlin arbetar som forskare på Skogforsk sedan 2020.", ("Lars Dahlin", "forskare", "Skogforsk")),
    ("Lars Dahlin valdes till ordförande i Norrvik Trä AB vid stämman.",
     ("Lars Dahlin", "ordförande", "Norrvik Trä AB")),
])
def test_posts_held_as_a_role_after_any_verb(text: str, post: tuple[str, str, str]) -> None:
    assert facts(text)[1] == {post}


PROGRAMME_NB = """Fjordlab 2025
Invitasjon | 2. april 2025 | Fjordvekst AS

Seminaret Fjordlab 2025 blir holdt i Vassbygd tirsdag 6. mai.

Program:
09.00 Velkommen v/ Hanne Brekke, daglig leder i Fjordvekst AS
09.30 Havvind i nord v/ Eirik Solheim, SINTEF Energi
10.15 Kaffe
10.30 Paneldebatt. Ordstyrer: Sigrun Vatne
"""

PROGRAMME_SV = """Skogsriket 2025
Inbjudan | 2 april 2025 | Norrvik Trä AB

Konferensen Skogsriket 2025 hålls i Umeå den 6 maj.

Program
Kl. 9.00 Välkomna. Lars Dahlin, vd Norrvik Trä AB
Kl. 9.30 Skogen och klimatet. Maja Ekholm, Skogforsk
Kl. 10.30 Panelsamtal. Moderator: Nils Berggren
"""


@pytest.mark.parametrize("text, speakers, facilitator", [
    (PROGRAMME_NB, {"Hanne Brekke", "Eirik Solheim"}, "Sigrun Vatne"),
    (PROGRAMME_SV, {"Lars Dahlin", "Maja Ekholm"}, "Nils Berggren"),
])
def test_people_on_the_lines_of_a_programme_speak_and_its_chair_facilitates(
        text: str, speakers: set[str], facilitator: str) -> None:
    _, _, parts = facts(text)
    assert {a for a, r in parts if r == "speaker"} == speakers
    assert {a for a, r in parts if r == "facilitator"} == {facilitator}


@pytest.mark.parametrize("text, post", [
    ("Hos Norrvik Trä AB är Lars Dahlin projektledare.", ("Lars Dahlin", "projektledare", "Norrvik Trä AB")),
    ("Ved Universitetet i Agder er Hanne Brekke professor.",
     ("Hanne Brekke", "professor", "Universitetet i Agder")),
])
def test_a_post_after_the_organisation_in_front_position(text: str, post: tuple[str, str, str]) -> None:
    assert facts(text)[1] == {post}


@pytest.mark.parametrize("text, host", [
    (NB_EVENT + "Vertskap for dagen er Fjordvekst AS.", "Fjordvekst AS"),
    (SV_EVENT + "Värd är Skellefteå kommun.", "Skellefteå kommun"),
])
def test_a_host_named_after_the_copula(text: str, host: str) -> None:
    assert facts(text)[2] == {(host, "host")}


@pytest.mark.parametrize("text, org", [
    ("Hanne Brekke er leder i Næringsforeningen i Vassbygd.", "Næringsforeningen i Vassbygd"),
    ("Lars Dahlin sitter i styret för Företagarförbundet i Norrvik.", "Företagarförbundet i Norrvik"),
    ("Hanne Brekke er daglig leder i Fjordvekst SA.", "Fjordvekst SA"),
    ("Hanne Brekke er prosjektleder i Vassbygd Vekst KF.", "Vassbygd Vekst KF"),
])
def test_bodies_named_with_their_place_and_short_legal_forms(text: str, org: str) -> None:
    assert facts(text)[0] == {org}


def test_a_short_legal_form_alone_is_not_a_company() -> None:
    assert facts("Det sa Hanne Brekke. SA er ikke et ord her.")[0] == set()


@pytest.mark.parametrize("text, organisers", [
    ("Norrvik Trä AB bjuder in till seminarium om skog i Umeå den 6 maj. Seminariet arrangeras i "
     "samarbete med Skogsforum.", {"Norrvik Trä AB", "Skogsforum"}),
    ("Fjordvekst AS inviterer til frokostmøte om havvind i Vassbygd 6. mai. Møtet arrangeres i "
     "samarbeid med Havlaget og Vassbygd kommune.", {"Fjordvekst AS", "Havlaget", "Vassbygd kommune"}),
])
def test_a_one_word_co_organiser_after_i_samarbeid_med(text: str, organisers: set[str]) -> None:
    assert {a for a, r in facts(text)[2] if r == "organiser"} == organisers


@pytest.mark.parametrize("text, post, concept", [
    ("Vestkyst fylkeskommune har lovet penger til prosjektet. Fylkesråd for samferdsel Oddny "
     "Krogstad la fram planen onsdag.",
     ("Oddny Krogstad", "fylkesråd", "Vestkyst fylkeskommune"), "county-commissioner"),
    ("Kari Nordmann er fylkesrådsleder i Vestkyst fylkeskommune.",
     ("Kari Nordmann", "fylkesrådsleder", "Vestkyst fylkeskommune"), "county-commissioner"),
    ("Byrådsleder Trond Aasvik i Havbyen kommune åpnet konferansen.",
     ("Trond Aasvik", "byrådsleder", "Havbyen kommune"), "municipal-commissioner"),
    ("Per Haugen, kommunaldirektør for oppvekst i Havbyen kommune, tok ordet.",
     ("Per Haugen", "kommunaldirektør", "Havbyen kommune"), "head-of-unit"),
    ("Region Fjällmark satsar på nya tåglinjer. Regionråd Lovisa Engström (S) öppnade mötet.",
     ("Lovisa Engström", "regionråd", "Region Fjällmark"), "county-commissioner"),
    ("Regionrådet Lovisa Engström (S) i Region Fjällmark vill se fler tåg.",
     ("Lovisa Engström", "regionråd", "Region Fjällmark"), "county-commissioner"),
    ("Landstingsrådet Eva Berg i Region Fjällmark gick i pension i fjol.",
     ("Eva Berg", "landstingsråd", "Region Fjällmark"), "county-commissioner"),
    ("Oppositionsrådet Mikael Strand i Sjöviks kommun kritiserade beslutet.",
     ("Mikael Strand", "oppositionsråd", "Sjöviks kommun"), "municipal-commissioner"),
])
def test_political_roles_of_counties_regions_and_municipalities(
        text: str, post: tuple[str, str, str], concept: str) -> None:
    cf = draft(text)
    names = {r.id: r.name for r in list(cf.persons) + list(cf.organisations)}
    found = {(names[p.person], p.role, names[p.organisation]): p.role_concept for p in cf.posts}
    assert found == {post: f"ig:role-{concept}"}


def test_a_regional_council_named_with_its_place_is_a_body_not_a_role_nb() -> None:
    orgs, posts, _ = facts("Regionrådet i Fjelldalen har vedtatt en ny strategi for reiselivet, "
                           "sier Kari Nordmann.")
    assert orgs == {"Regionrådet i Fjelldalen"}
    assert posts == set()


@pytest.mark.parametrize("word, concept", [
    ("fylkesråd", "county-commissioner"), ("fylkesrådet", "county-commissioner"),
    ("regionråd", "county-commissioner"), ("regionrådet", "county-commissioner"),
    ("landstingsråd", "county-commissioner"), ("fylkesrådsleder", "county-commissioner"),
    ("byrådsleder", "municipal-commissioner"), ("oppositionsråd", "municipal-commissioner"),
    ("fylkeskommunedirektør", "chief-county-executive"), ("kommunaldirektør", "head-of-unit"),
    ("fylkesmann", "county-governor"),
])
def test_role_words_of_public_administration_map_to_the_role_scheme(word: str, concept: str) -> None:
    from graph.draft.score import role_key

    assert role_key(word) == concept
