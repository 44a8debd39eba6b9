"""The drafter: persons, organisations, posts, events, quotations and links, from invented
bokmål and Swedish sentences; the development set as a regression floor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from graph.claims.format import loads
from graph.draft import draft
from graph.draft.score import facts_from_claims, facts_from_gold, prf, span_validity

DEV = Path(os.environ.get("INNOGRAPH_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")) / "dev"


def names(records: list) -> list[str]:
    return sorted(r.name for r in records)


def posts(cf) -> set[tuple[str, str, str]]:
    by_id = {r.id: r.name for r in cf.persons + cf.organisations}
    return {(by_id[p.person], p.role, by_id[p.organisation]) for p in cf.posts}


def parts(cf) -> set[tuple[str, str]]:
    by_id = {r.id: r.name for r in cf.persons + cf.organisations}
    return {(by_id[p.agent], p.role) for p in cf.participations}


# ---------------------------------------------------------------------------- persons


def test_full_names_surnames_and_pronouns_attach_to_one_person() -> None:
    text = ("Torunn Eggen Lie leder arbeidet. Eggen Lie mener det haster.\n\n"
            "Hun er prosjektleder i Brattlia Sensor AS.")
    cf = draft(text)
    assert names(cf.persons) == ["Torunn Eggen Lie"]
    spans = [text[s.start:s.end] for s in cf.persons[0].spans]
    assert spans == ["Torunn Eggen Lie", "Eggen Lie", "Hun"]
    assert posts(cf) == {("Torunn Eggen Lie", "prosjektleder", "Brattlia Sensor AS")}


def test_initial_and_surname_is_a_person() -> None:
    cf = draft("Bland talarna finns forskaren K. Bergsten från Umeå universitet.")
    assert names(cf.persons) == ["K. Bergsten"]
    assert posts(cf) == {("K. Bergsten", "forskare", "Umeå universitet")}


def test_unknown_given_name_after_a_role_word() -> None:
    cf = draft("Enligt professor Zilvinas Petraitis vid Örebro universitet går det fort.")
    assert names(cf.persons) == ["Zilvinas Petraitis"]


@pytest.mark.parametrize("text", [
    "Kontoret ligger i Henrik Ibsens gate i sentrum.",
    "Butiken ligger på Gustav Adolfs väg nära torget.",
    "Byen ble grunnlagt av Christian IV for lenge siden.",
    "Rapporten «Kari Nordmann og framtida» kom i går.",
])
def test_streets_regnal_names_and_titles_are_not_persons(text: str) -> None:
    assert draft(text).persons == []


def test_names_only_inside_quoted_speech_are_not_persons() -> None:
    text = ("Åsa Brännström är VD för Norrsken Data AB.\n\n"
            "– Redan Carl Linnaeus visste att naturen lönar sig, säger Åsa Brännström.\n")
    cf = draft(text)
    assert names(cf.persons) == ["Åsa Brännström"]
    assert [q.speaker for q in cf.quotations] == ["asa-brannstrom"]
    assert cf.quotations[0].paraphrase == ""


def test_byline_author_is_not_a_person_mention() -> None:
    text = "Ny satsing i Vefsn\nAv Gudrun Haugland | 02.03.2022\n\nKnut Aasheim er ordfører i Vefsn kommune."
    cf = draft(text)
    assert cf.source.author == "Gudrun Haugland" and cf.source.published == "2022-03-02"
    assert names(cf.persons) == ["Knut Aasheim"]


# ---------------------------------------------------------------------------- organisations


def test_organisation_kinds_in_bokmal() -> None:
    text = ("Avtalen samler Saltstraumen Havbruk AS, Bodø kommune, Nordland fylkeskommune, "
            "Universitetet i Bergen og NTNU. Også klyngen Polar Fisk Nord og inkubatoren "
            "Spirehuset Helgeland er med.")
    cf = draft(text)
    kinds = {o.name: o.kind for o in cf.organisations}
    assert kinds == {
        "Saltstraumen Havbruk AS": "company", "Bodø kommune": "municipality",
        "Nordland fylkeskommune": "county", "Universitetet i Bergen": "university",
        "NTNU": "university", "Polar Fisk Nord": "cluster", "Spirehuset Helgeland": "incubator",
    }


def test_organisation_kinds_in_swedish_and_genitive_forms() -> None:
    text = ("Region Västerbotten och Skellefteå kommun stöder Lövånger Kraft AB. "
            "Skellefteå kommuns näringslivschef Nils Forsberg och Umeå universitets forskare "
            "deltar, liksom Mälardalens högskola.")
    cf = draft(text)
    assert names(cf.organisations) == [
        "Lövånger Kraft AB", "Mälardalens högskola", "Region Västerbotten", "Skellefteå kommun",
        "Umeå universitet",
    ]
    assert posts(cf) == {("Nils Forsberg", "näringslivschef", "Skellefteå kommun")}


def test_short_forms_attach_to_the_full_name() -> None:
    text = ("Havgløtt Robotikk AS i Ålesund vokser. Havgløtt Robotikk har nå tolv ansatte, "
            "og Havgløtt Robotikks eiere er fornøyde.")
    cf = draft(text)
    assert names(cf.organisations) == ["Havgløtt Robotikk AS"]
    assert len(cf.organisations[0].spans) == 3


@pytest.mark.parametrize("text", [
    "Han bor i Markveien og jobber på campus Ås.",
    "Prosjektet har fått navnet Blåskjell 2030 og skal gå over tre år.",
    "Rapporten «Grønn Kyst AS» ble lagt fram.",
    "Byen Tromsø har vokst.",
])
def test_places_projects_and_titles_are_not_organisations(text: str) -> None:
    assert draft(text).organisations == []


def test_a_name_given_to_an_incubator_is_an_organisation() -> None:
    cf = draft("Klustret startar en inkubator. Den får namnet Skogsgnistan Start och öppnar i maj.")
    assert ("Skogsgnistan Start", "incubator") in {(o.name, o.kind) for o in cf.organisations}


# ---------------------------------------------------------------------------- posts

POST_CASES = [
    ("Liv Sandmo, seniorrådgiver i Agder fylkeskommune, innledet.",
     ("Liv Sandmo", "seniorrådgiver", "Agder fylkeskommune")),
    ("Olle Bergkvist, verksamhetsledare för Klustret Norrskog, inledde.",
     ("Olle Bergkvist", "verksamhetsledare", "Norrskog")),
    ("Kommunedirektør i Hamar kommune, Jostein Myhre, var fornøyd.",
     ("Jostein Myhre", "kommunedirektør", "Hamar kommune")),
    ("Kommundirektör i Piteå kommun, Ulla Lindqvist, var nöjd.",
     ("Ulla Lindqvist", "kommundirektör", "Piteå kommun")),
    ("Tromsø kommunes næringssjef Ragnhild Olsen kom også.",
     ("Ragnhild Olsen", "næringssjef", "Tromsø kommune")),
    ("Region Gävleborgs innovationschef Stina Ek var där.",
     ("Stina Ek", "innovationschef", "Region Gävleborg")),
    ("Torbjørn Hegge, som er forsker ved NTNU, viste resultatene.",
     ("Torbjørn Hegge", "forsker", "NTNU")),
    ("Malin Sjöberg, som är docent vid Karlstads universitet, visade resultaten.",
     ("Malin Sjöberg", "docent", "Karlstads universitet")),
    ("Arbeidet ledes av Kari Fossum (prosjektleder i Fjordkraft Lab AS).",
     ("Kari Fossum", "prosjektleder", "Fjordkraft Lab AS")),
    ("Testet leds av Elsa Nyberg (projektledare vid Luleå tekniska universitet).",
     ("Elsa Nyberg", "projektledare", "Luleå tekniska universitet")),
    ("Møtet åpnet med professor Sigurd Rønning ved Universitetet i Agder.",
     ("Sigurd Rønning", "professor", "Universitetet i Agder")),
    ("Vi hörde professor Tove Lindgren vid Lunds universitet.",
     ("Tove Lindgren", "professor", "Lunds universitet")),
    ("VD:n för Nordljus Energi AB, Pontus Hägg, är nöjd.",
     ("Pontus Hägg", "VD", "Nordljus Energi AB")),
    ("Harald Nygaard var glad for prisen. Han er daglig leder i Lofotkraft AS.",
     ("Harald Nygaard", "daglig leder", "Lofotkraft AS")),
    ("Ebba Lund tackade publiken. Hon är ordförande i Föreningen Norrlandsmat.",
     ("Ebba Lund", "ordförande", "Norrlandsmat")),
    ("Senteret Grønnlia Lab AS får Berit Holm som daglig leder.",
     ("Berit Holm", "daglig leder", "Grønnlia Lab AS")),
    ("Region Dalarna, vars regiondirektör Olof Sand kom, bjöd på kaffe.",
     ("Olof Sand", "regiondirektör", "Region Dalarna")),
    ("Hun kommer fra Universitetet i Bergen, der hun har vært dekan. Hun heter Randi Eide.",
     None),
    ("Åsa Nyqvist kommer närmast från Region Örebro län, där hon har varit regional utvecklingsdirektör.",
     ("Åsa Nyqvist", "regional utvecklingsdirektör", "Region Örebro län")),
    ("Nortekk Solutions har fått ny daglig leder: Henning Bø.",
     ("Henning Bø", "daglig leder", "Nortekk Solutions")),
]


@pytest.mark.parametrize(("text", "expected"), POST_CASES)
def test_posts_in_the_ordinary_ways(text: str, expected: tuple[str, str, str] | None) -> None:
    found = posts(draft(text))
    if expected is None:     # the pronoun comes before the name: no post is guessed
        assert found == set()
    else:
        assert expected in found


def test_succession_gives_the_predecessor_the_same_post() -> None:
    text = ("Styret i Fjordvind AS har ansatt Lars Haug som ny daglig leder. "
            "Haug tar over etter Eli Brekke, som går av med pensjon.")
    assert posts(draft(text)) == {("Lars Haug", "daglig leder", "Fjordvind AS"),
                                  ("Eli Brekke", "daglig leder", "Fjordvind AS")}


def test_chair_belongs_to_the_board_the_text_names() -> None:
    text = ("Styret i Kystnett AS har møtt Tromsø kommune. Styreleder Arne Vik er fornøyd.")
    assert posts(draft(text)) == {("Arne Vik", "styreleder", "Kystnett AS")}


def test_role_with_its_kind_of_organisation() -> None:
    text = ("Avtalen mellom Bergvik Data AS og Lillevik kommune ble signert i går. "
            "Ordfører Ragna Lie var til stede.")
    assert posts(draft(text)) == {("Ragna Lie", "ordfører", "Lillevik kommune")}


def test_role_concepts_are_in_the_role_scheme() -> None:
    import graph

    kg = graph.load()
    cf = draft("Liv Sandmo, seniorrådgiver i Agder fylkeskommune, og Pontus Hägg, VD för Nordljus AB, kom.")
    concepts = {p.role_concept for p in cf.posts}
    assert concepts == {"ig:role-senior-adviser", "ig:role-chief-executive"}
    for c in concepts:
        assert kg.entity(kg.resolve(c)).labels  # a labelled concept of the ontology


def test_new_appointment_with_start_date_bokmal() -> None:
    text = ("Ny sjef\nAv Per Hansen | 10.01.2023\n\n"
            "Styret i Nordlyslab AS har ansatt Mona Vik som ny daglig leder. Hun tiltrer 1. mars.")
    cf = draft(text)
    (post,) = [p for p in cf.posts if p.person == "mona-vik"]
    assert (post.role, post.organisation, post.start) == ("daglig leder", "nordlyslab-as", "2023-03-01")


def test_new_appointment_with_start_date_swedish() -> None:
    text = ("Ny chef\n2024-01-15 | Eva Strand\n\n"
            "Kronolab AB ska ledas av Jonas Berg. Han tillträder som VD den 4 mars.")
    cf = draft(text)
    (post,) = [p for p in cf.posts if p.person == "jonas-berg"]
    assert (post.role, post.organisation, post.start) == ("VD", "kronolab-ab", "2024-03-04")


# ---------------------------------------------------------------------------- events


def test_event_with_organisers_host_speakers_and_moderator_bokmal() -> None:
    text = ("Næringsliv i nord\nAv Ola Dahl | 05.03.2021\n\n"
            "Seminaret «Grønt skifte i nord» holdes tirsdag 16. mars i Bodø. Det arrangeres av "
            "Bodø kommune og Nordland fylkeskommune, med Nord universitet som vertskap. "
            "Blant innlederne er Siv Hammer og Tor Kristiansen. Ordstyrer er Anne Bakke.")
    cf = draft(text)
    (ev,) = cf.events
    assert (ev.name, ev.date) == ("Grønt skifte i nord", "2021-03-16")
    assert parts(cf) == {
        ("Bodø kommune", "organiser"), ("Nordland fylkeskommune", "organiser"),
        ("Nord universitet", "host"), ("Siv Hammer", "speaker"), ("Tor Kristiansen", "speaker"),
        ("Anne Bakke", "facilitator"),
    }


def test_event_with_organisers_host_speakers_and_moderator_swedish() -> None:
    text = ("Inbjudan\n2022-09-01 | Maja Ek\n\n"
            "Klustret Västkustmat och Region Halland bjuder in till konferensen "
            "”Mat för framtiden” den 20 oktober. Högskolan i Halmstad står värd. "
            "Bland talarna finns Erik Holm och Sara Nilsson. Lena Ahl modererar.")
    cf = draft(text)
    (ev,) = cf.events
    assert (ev.name, ev.date) == ("Mat för framtiden", "2022-10-20")
    assert parts(cf) == {
        ("Västkustmat", "organiser"), ("Region Halland", "organiser"),
        ("Högskolan i Halmstad", "host"), ("Erik Holm", "speaker"), ("Sara Nilsson", "speaker"),
        ("Lena Ahl", "facilitator"),
    }


# ---------------------------------------------------------------------------- quotations


def test_quotations_attributed_by_name_and_pronoun() -> None:
    text = ("Stig Halvorsen er daglig leder i Fjellrev AS.\n\n"
            "– Vi vokser raskt, sier Halvorsen.\n\n"
            "Ingrid Moe er styreleder i selskapet.\n\n"
            "– Det er et godt år, sier hun.\n")
    cf = draft(text)
    assert [q.speaker for q in cf.quotations] == ["stig-halvorsen", "ingrid-moe"]
    assert all(q.paraphrase == "" for q in cf.quotations)


# ---------------------------------------------------------------------------- the file


def test_spans_lie_inside_the_text_and_name_what_they_claim() -> None:
    text = "Kari Nordmann, daglig leder i Fjellbyen Teknikk AS, åpnet dagen."
    cf = draft(text)
    assert span_validity(cf, text) == (len(list(cf.records())), len(list(cf.records())))


def test_draft_round_trips_through_the_claims_format() -> None:
    from graph.claims.format import dumps

    cf = draft("Liv Sandmo, seniorrådgiver i Agder fylkeskommune, innledet.", source_id="demo")
    again = loads(dumps(cf), "demo.claims.toml")
    assert [(p.person, p.role, p.organisation) for p in again.posts] == [
        ("liv-sandmo", "seniorrådgiver", "agder-fylkeskommune")
    ]
    assert again.source.sha256 == cf.source.sha256


def test_bad_language_is_input_error() -> None:
    from graph.errors import InputError

    with pytest.raises(InputError, match="nb, sv or auto"):
        draft("Tekst.", lang="de")


def test_language_detection() -> None:
    assert draft("Hon säger att företaget inte är klart och att det blir bättre.").source.language == "sv"
    assert draft("Hun sier at selskapet ikke er klart, og at det blir bedre.").source.language == "nb"


TITLED_NB = ("Fjellbyen Teknikk AS henter ny sjef fra Testvik\nAv Per Hansen | 10.01.2023\n\n"
             "Kari Nordmann blir daglig leder i Fjellbyen Teknikk AS fra mars.\n")
TITLED_SV = ("Nytt stöd till solceller i norr\nAv Eva Ek | 2024-03-01\n\n"
             "Norrljus AB får stöd av Energimyndigheten. Maja Lind, VD för Norrljus AB, är glad.\n")


@pytest.mark.parametrize("text, title", [
    (TITLED_NB, "Fjellbyen Teknikk AS"),          # the names the headline gives
    (TITLED_SV, "Norrljus AB, Energimyndigheten, Maja Lind"),   # the most mentioned, then in order
    ("Regn og vind\nAv Per Hansen | 10.01.2023\n\nDet regnet hele dagen.\n", ""),
])
def test_the_source_title_is_a_short_form_never_the_headline(text: str, title: str) -> None:
    from graph.claims.format import dumps

    cf = draft(text)
    headline = text.splitlines()[0]
    assert cf.source.title == title
    assert len(cf.source.title.split()) <= 6
    assert headline not in dumps(cf)
    # without an id from the caller, the id is made from the text's digest, not the headline
    assert cf.source.id == f"source-{cf.source.sha256[:12]}"


def test_the_short_title_names_the_compiled_source() -> None:
    from rdflib import Literal, URIRef

    from graph.claims import compile_claims

    cf = draft(TITLED_NB, source_id="nb-fjellbyen")
    ds = compile_claims(cf, TITLED_NB, include_suggested=True)
    names = set(ds.objects(URIRef(cf.source.iri), URIRef("https://schema.org/name")))
    assert names == {Literal("Fjellbyen Teknikk AS", lang="nb")}


# ---------------------------------------------------------------------------- linking


@pytest.fixture(scope="module")
def kg():
    import graph

    return graph.load()


@pytest.mark.parametrize("form", ["Svinesundskomiteen", "Svinesundskommittén", "Svinesundskomiteens",
                                  "Svinesundskommitténs"])
def test_first_articles_organisation_linked_from_genitive_and_swedish_forms(kg, form: str) -> None:
    cf = draft(f"Sekretariatet i {form} har ansatt en ny rådgiver.", kg=kg)
    org = next(o for o in cf.organisations if o.name.startswith("Svinesunds"))
    assert org.link == "https://w3id.org/innograph/id/org/svinesundskomiteen"
    assert org.match is not None and org.match.features["name"] >= 0.9


@pytest.mark.parametrize(("text", "iri"), [
    ("Smart Innovation Norways nye avdeling åpner i år.", "org/smart-innovation-norway"),
    ("Remmen Kunnskapsparks lokaler ble fulle.", "org/remmen-kunnskapspark"),
    ("Sarpsborgs kommun deltar i samarbetet.", "org/sarpsborg-kommune"),
])
def test_first_articles_other_organisations_linked(kg, text: str, iri: str) -> None:
    cf = draft(text, kg=kg)
    assert [o.link.rsplit("/id/", 1)[-1] for o in cf.organisations] == [iri]


def test_a_town_is_not_its_municipality(kg) -> None:
    assert draft("Hun bor i Sarpsborg og pendler til Halden.", kg=kg).organisations == []


def test_speakers_named_by_their_role() -> None:
    text = ("Kommunedirektør i Åsvik kommune, Jon Dahl, og daglig leder Siv Rud i Fjordlab AS kom. "
            "På seminaret «Data i nord» 4. mai holdt kommunedirektøren innlegg.")
    assert ("Jon Dahl", "speaker") in parts(draft(text))


def test_attendees(kg) -> None:
    cf = draft("Seminaret «Tech i nord» holdes 3. mai. Kari Nordmann og Ola Berg deltar på seminaret.")
    assert parts(cf) == {("Kari Nordmann", "attendee"), ("Ola Berg", "attendee")}


def test_person_linked_only_with_a_second_feature(kg) -> None:
    alone = draft("Unni Skår holdt et innlegg om lederskap.", kg=kg)
    (p,) = alone.persons
    assert p.link == "new" and "possibly the same as" in p.note
    assert p.candidates and p.candidates[0].iri.endswith("/person/unni-skar")


def test_new_organisation_stays_new(kg) -> None:
    cf = draft("Brattlia Sensor AS har fått ny eier.", kg=kg)
    assert [o.link for o in cf.organisations] == ["new"]


# ---------------------------------------------------------------------------- the dev set

FLOORS = {"persons": 0.95, "organisations": 0.9, "posts": 0.85, "event roles": 0.75}


def test_development_set_floors() -> None:
    if not (DEV / "gold.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the development set is missing: {DEV}")
        pytest.skip("no development set beside the repository")
    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    pred: dict[str, set] = {k: set() for k in FLOORS}
    want: dict[str, set] = {k: set() for k in FLOORS}
    for name, g in gold.items():
        text = (DEV / name).read_text(encoding="utf-8")
        cf = draft(text, source_id=Path(name).stem)
        v, n = span_validity(cf, text)
        assert v == n, name
        p, gf = facts_from_claims(cf), facts_from_gold(g)
        for k in FLOORS:
            pred[k] |= {(name, x) for x in p.kind(k)}
            want[k] |= {(name, x) for x in gf.kind(k)}
    for k, floor in FLOORS.items():
        assert prf(pred[k], want[k])[2] >= floor, k


# ---------------------------------------------------------------------------- scoring


def test_facts_from_dataset_reads_standard_vocabulary() -> None:
    from rdflib import Dataset, Literal, Namespace, URIRef
    from rdflib.namespace import ORG, RDF

    from graph.draft.score import facts_from_dataset

    schema = Namespace("https://schema.org/")
    ig = Namespace("https://w3id.org/innograph/ontology#")
    ex = Namespace("https://example.org/")
    ds = Dataset()
    g = ds.graph(URIRef("https://example.org/claim/1"))
    g.add((ex.kari, RDF.type, schema.Person))
    g.add((ex.kari, schema.name, Literal("Kari Nordmann")))
    g.add((ex.lab, RDF.type, ORG.Organization))
    g.add((ex.lab, schema.name, Literal("Fjellbyen Teknikk AS")))
    g.add((ex.m, RDF.type, ORG.Membership))
    g.add((ex.m, ORG.member, ex.kari))
    g.add((ex.m, ORG.organization, ex.lab))
    g.add((ex.m, ORG.role, ig["role-chief-executive"]))
    g.add((ex.ev, RDF.type, schema.Event))
    g.add((ex.ev, schema.organizer, ex.lab))
    g.add((ex.ev, ig.speaker, ex.kari))
    f = facts_from_dataset(ds)
    assert f.persons == {"kari nordmann"}
    assert f.organisations == {"fjellbyen teknikk as"}
    assert f.posts == {("kari nordmann", "chief-executive", "fjellbyen teknikk as")}
    assert f.event_roles == {("fjellbyen teknikk as", "organiser"), ("kari nordmann", "speaker")}


def test_claims_and_gold_meet_on_role_concepts() -> None:
    cf = draft("Kari Nordmann, daglig leder i Fjellbyen Teknikk AS, åpnet dagen.")
    gold = {"persons": ["Kari Nordmann"], "organisations": ["Fjellbyen Teknikk AS"],
            "posts": [["Kari Nordmann", "administrerende direktør", "Fjellbyen Teknikk AS", None]]}
    assert facts_from_claims(cf).posts == facts_from_gold(gold).posts


@pytest.mark.parametrize("folder", ["drafts", "drafts2", "drafts3", "drafts4", "drafts5", "drafts6", "drafts7", "drafts8",
                                    "drafts9"])
def test_invented_scored_sets(folder: str) -> None:
    """Invented articles in the development set's format, each set first scored unseen."""
    base = Path(__file__).parent / "data" / folder
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    for name, g in gold.items():
        text = (base / name).read_text(encoding="utf-8")
        cf = draft(text, source_id=Path(name).stem)
        p, gf = facts_from_claims(cf), facts_from_gold(g)
        for kind in ("persons", "organisations", "posts", "event roles"):
            assert prf(p.kind(kind), gf.kind(kind))[2] >= 0.75, (name, kind)


def test_every_invented_draft_round_trips_through_the_format() -> None:
    from graph.claims.format import dumps

    for path in sorted((Path(__file__).parent / "data").glob("drafts*/*.txt")):
        cf = draft(path.read_text(encoding="utf-8"), source_id=path.stem)
        again = loads(dumps(cf), f"{cf.source.id}.claims.toml")
        assert len(list(again.records())) == len(list(cf.records())), path.name


def test_every_role_concept_of_the_drafter_is_in_the_role_scheme() -> None:
    from graph.claims.terms import role_finder
    from graph.draft.gazetteer import gazetteers

    known = {str(c).rsplit("role-", 1)[-1] for c in role_finder().known}
    assert set(gazetteers().roles.values()) <= known
