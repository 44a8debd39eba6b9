"""Candidate duplicates across the graph, curators' decisions, and drafts that use both."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from graph import resources
from graph.draft import draft
from graph.duplicates import find_duplicates, resolution, same_as_groups, write_resolution
from graph.errors import InputError, NotFoundError
from graph.kg import KnowledgeGraph
from graph.registry import import_registry
from graph.stores import load_files, open_store

DATA = Path(__file__).parent / "data" / "resolve"
ID = "https://w3id.org/innograph/id/"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SARPSBORG, SARPSBORG_NO = ID + "org/sarpsborg-kommune", ID + "org/no-938801363"
SIN, SIN_NO = ID + "org/smart-innovation-norway", ID + "org/no-999200007"


def _kg(*extra: Path) -> KnowledgeGraph:
    """The packaged graph, the register extract of tests/data/resolve, and ``extra`` files."""
    store = open_store("oxigraph")
    load_files(store, [*resources.default_files(), *extra])
    import_registry(store, "brreg", [DATA / "enheter.json"], extract_date="2026-11-01")
    return KnowledgeGraph(store)


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return _kg()


def test_register_entries_pair_with_the_article_organisations(kg):
    pairs = find_duplicates(kg)
    got = [(p.kind, p.keep, p.other, p.score, p.features) for p in pairs]
    assert got == [
        ("organisation", SARPSBORG_NO, SARPSBORG, 1.0, {"name": 1.0, "type": 1.0}),
        ("organisation", SIN_NO, SIN, 1.0, {"name": 1.0}),
    ]
    # the register's third entity is only like one of them: not proposed
    assert all("999200008" not in p.keep + p.other for p in find_duplicates(kg, min_score=0))
    assert find_duplicates(kg, kinds=["person"]) == []
    assert len(find_duplicates(kg, limit=1)) == 1
    with pytest.raises(InputError, match="unknown kind 'place'"):
        find_duplicates(kg, kinds=["place"])
    with pytest.raises(InputError, match="from 0 to 1"):
        find_duplicates(kg, min_score=2)


def test_a_person_pairs_when_a_second_feature_agrees():
    kg = _kg_with_claims()
    (pair,) = find_duplicates(kg, kinds=["person"])
    assert (pair.keep, pair.other) == (ID + "person/unni-skar", ID + "person/u-skar")
    assert pair.features == {"name": 0.9, "organisation": 1.0, "role": 1.0}
    assert pair.score == round((0.5 * 0.9 + 0.3 + 0.2) / 1.0, 3)


def _kg_with_claims() -> KnowledgeGraph:
    from graph.claims.folder import compile_data, read_data

    ds = compile_data(read_data([DATA / "grenseblad.claims.toml"]))
    store = open_store("oxigraph")
    load_files(store, resources.default_files())
    out = Path(__import__("tempfile").mkdtemp()) / "grenseblad.trig"
    out.write_text(ds.serialize(format="trig"), encoding="utf-8")
    load_files(store, [out])
    return KnowledgeGraph(store)


def test_accepting_records_same_as_and_hidden_labels_without_touching_claims(kg, tmp_path):
    before = len(kg)
    res = resolution(kg, "orgs:smart-innovation-norway", SIN_NO, curator="Kari Nordmann",
                     at="2026-11-29T12:00:00+00:00")
    assert len(kg) == before                       # nothing written by resolution()
    assert (res.keep, res.other, res.accepted) == (SIN, SIN_NO, True)
    assert res.hidden_labels == ("SMART INNOVATION NORWAY AS",)
    path = write_resolution(res, tmp_path / "resolutions.trig")
    ds = Dataset()
    ds.parse(path, format="trig")
    g = ds.graph(URIRef(res.claim))
    assert set(g) == {
        (URIRef(SIN), URIRef(OWL + "sameAs"), URIRef(SIN_NO)),
        (URIRef(SIN), URIRef(SKOS + "hiddenLabel"), Literal("SMART INNOVATION NORWAY AS")),
    }
    agent = ds.value(URIRef(res.claim), URIRef(PROV + "wasAttributedTo"))
    assert agent == URIRef(ID + "curator/kari-nordmann")
    with pytest.raises(InputError, match="already holds a decision"):
        write_resolution(res, path)
    with pytest.raises(InputError, match="ending in .trig"):
        write_resolution(res, tmp_path / "x.ttl")

    joined = _kg(path)
    assert joined.validate().conforms
    assert same_as_groups(joined) == {SIN: SIN, SIN_NO: SIN}
    assert [(p.keep, p.other) for p in find_duplicates(joined)] == [(SARPSBORG_NO, SARPSBORG)]
    with pytest.raises(InputError, match="already decided"):
        resolution(joined, SIN, SIN_NO, curator="Kari Nordmann")
    # the packaged claims about the organisation are where they were
    q = f"ASK {{ GRAPH ?g {{ <{SIN}> ?p ?o }} FILTER(?g != <{res.claim}>) }}"
    assert joined.query(q).boolean


def test_rejecting_keeps_the_pair_from_coming_back(kg, tmp_path):
    res = resolution(kg, SARPSBORG, SARPSBORG_NO, accepted=False, curator="Kari Nordmann")
    assert res.hidden_labels == () and OWL + "differentFrom" in res.trig
    joined = _kg(write_resolution(res, tmp_path / "r.trig"))
    assert [p.other for p in find_duplicates(joined)] == [SIN]
    assert same_as_groups(joined) == {}


def test_bad_decisions_are_refused(kg):
    with pytest.raises(InputError, match="curator"):
        resolution(kg, SIN, SIN_NO, curator=" ")
    with pytest.raises(InputError, match="twice"):
        resolution(kg, SIN, "Smart Innovation Norway", curator="K")
    with pytest.raises(InputError, match="not both persons or both organisations"):
        resolution(kg, SIN, "person:unni-skar", curator="K")
    with pytest.raises(NotFoundError):
        resolution(kg, SIN, "Ingen Slik Bedrift", curator="K")
    with pytest.raises(InputError, match="ISO date-time"):
        resolution(kg, SIN, SIN_NO, curator="K", at="yesterday")


def _draft_links(kg: KnowledgeGraph, text: str) -> dict[str, tuple[str, str]]:
    cf = draft(text, lang="nb", published="2026-03-03", source_id="t", kg=kg)
    return {o.name: (o.link, o.note) for o in cf.organisations}


TEXT_NB = ("Sarpsborg kommune har valgt Smart Innovation Norway AS (org.nr. 999 200 007) som "
           "partner. Sarpsborgs kommune betaler halvparten.")


def test_drafts_link_to_register_entries_by_number_and_to_the_kept_entity(kg, tmp_path):
    links = _draft_links(kg, TEXT_NB)
    # the written number decides between the article's entity and the register entry
    assert links["Smart Innovation Norway AS"][0] == SIN_NO
    # two entities with the name: no link, and the note says how to join them
    link, note = links["Sarpsborg kommune"]
    assert link == "new" and "innograph resolve --accept" in note
    res = resolution(kg, SARPSBORG, SARPSBORG_NO, curator="Kari Nordmann")
    joined = _kg(write_resolution(res, tmp_path / "r.trig"))
    assert _draft_links(joined, TEXT_NB)["Sarpsborg kommune"][0] == SARPSBORG


def test_swedish_draft_links_by_a_written_swedish_number(tmp_path):
    register = tmp_path / "bolagsverket.txt"
    header = (DATA.parent / "registry" / "bolagsverket.txt").read_text(encoding="utf-8")
    register.write_text(header.splitlines()[0] + "\n" + "5566778899$ORGNR-IDORG;;SE-LAND;"
                        "Norrsken Analys AB$FORETAGSNAMN-ORGNAM$2020-01-01;AB-ORGFO;;;;"
                        "2020-01-01;;Box 3$$STRÖMSTAD$45230$SE-LAND\n", encoding="utf-8")
    store = open_store("oxigraph")
    load_files(store, resources.default_files())
    import_registry(store, "bolagsverket", [register], extract_date="2026-11-01")
    kg = KnowledgeGraph(store)
    text = ("Bolaget Norrsken Analys AB, organisationsnummer 556677-8899, öppnar kontor i "
            "Strömstad. Det anställer fem.")
    cf = draft(text, lang="sv", published="2026-03-03", source_id="t", kg=kg)
    (org,) = [o for o in cf.organisations if o.name.startswith("Norrsken")]
    assert org.link == ID + "org/se-5566778899"
    assert org.match is not None and org.match.features == {"number": 1.0, "name": 1.0}


# ---------------------------------------------------------------------------- CLI


def test_cli_lists_accepts_and_refuses(cli, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "grenseblad.claims.toml").write_text(
        (DATA / "grenseblad.claims.toml").read_text(encoding="utf-8").replace(
            'text = "grenseblad.txt"', f'text = "{(DATA / "grenseblad.txt").as_posix()}"'),
        encoding="utf-8")
    r = cli("--data", str(folder), "resolve")
    assert r.code == 0, r.err
    assert r.out == ("0.95  person  person:unni-skar 'Unni Skår'  =?  person:u-skar 'U. Skår'  "
                     "(name 0.90, organisation 1.00, role 1.00)\n")
    assert "innograph resolve --accept person:unni-skar person:u-skar" in r.err
    r = cli("--data", str(folder), "resolve", "--format", "json")
    assert '"other_label": "U. Skår"' in r.out
    r = cli("--data", str(folder), "resolve", "--accept", "person:unni-skar", "person:u-skar",
            "--curator", "Kari Nordmann")
    assert r.code == 0, r.err
    assert r.err == (f"Recorded in {folder / 'resolutions.trig'}: Unni Skår and U. Skår are the "
                     "same entity; 1 spelling(s) became hidden labels.\n")
    r = cli("--data", str(folder), "resolve")
    assert (r.code, r.out) == (0, "")
    assert "No candidate duplicates scored 0.6 or more." in r.err
    r = cli("--data", str(folder), "find", "U. Skår")
    assert "person:unni-skar  Unni Skår  (as 'U. Skår')" in r.out.splitlines()
    r = cli("--data", str(folder), "resolve", "--accept", "person:unni-skar", "person:u-skar",
            "--curator", "K")
    assert r.code == 2 and "already decided" in r.err
    r = cli("resolve", "--accept", "person:unni-skar", "orgs:sarpsborg-kommune")
    assert r.code == 2 and "not both persons or both organisations" in r.err
    r = cli("resolve", "--reject", "person:unni-skar", "person:thor-moen", "--curator", "K")
    assert r.code == 2 and "-o FILE.trig" in r.err
    r = cli("resolve", "--min-score", "7")
    assert r.code == 2 and "from 0 to 1" in r.err


def test_joined_entities_are_one_node_in_the_network(kg, tmp_path):
    from graph.network import to_networkx

    G0 = to_networkx(kg, "actors")
    assert SARPSBORG in G0 and SARPSBORG_NO in G0
    res = resolution(kg, SARPSBORG_NO, SARPSBORG, curator="Kari Nordmann")
    joined = _kg(write_resolution(res, tmp_path / "r.trig"))
    G = to_networkx(joined, "actors")
    assert SARPSBORG not in G and G.number_of_nodes() == G0.number_of_nodes() - 1
    node = G.nodes[SARPSBORG_NO]
    # the name as the article writes it, not the register's capitals
    assert node["label"] == "Sarpsborg kommune" and node["kind"] == "organisation"
    before = {(u, d["relation"], v) for u, v, d in G0.edges(data=True) if SARPSBORG in (u, v)}
    after = {(u, d["relation"], v) for u, v, d in G.edges(data=True) if SARPSBORG_NO in (u, v)}
    moved = {(SARPSBORG_NO if u == SARPSBORG else u, r, SARPSBORG_NO if v == SARPSBORG else v)
             for u, r, v in before}
    assert moved <= after
    post = next(d for u, v, d in G.edges(data=True)
                if v == SARPSBORG_NO and u == ID + "person/unni-skar")
    assert post["evidence"]                  # the article's evidence came along
