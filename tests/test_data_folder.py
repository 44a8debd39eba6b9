"""Many sources, one graph: a curator's data folder loaded with the packaged graph.

``tests/data/grown`` holds two invented sources (a bokmål press release and a Swedish event
notice, in ``sources/``) and their claims (``claims/``), written for these tests. They link to
the first article's actors: Unni Skår takes a new post and speaks at two events, the committee
organises both, Elsie Hellström opens the second. The expected answers are read off those files.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

import graph
from graph.claims.folder import compile_data, read_data, text_of
from graph.render import read_source_texts
from graph.results import short
from graph.server import SparqlServer
from graph.vocab import ID, OA, PREFIXES, PROV

from .conftest import ROOT
from .test_render import data_of

GROWN = ROOT / "tests" / "data" / "grown"
NB = "nb-test-01-ny-direktor"
SV = "sv-test-02-gransdialogen"


def text(source_id: str) -> str:
    return (GROWN / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def grown() -> graph.KnowledgeGraph:
    return graph.load(GROWN)


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def grown_any(request: pytest.FixtureRequest) -> graph.KnowledgeGraph:
    """The grown graph on every embedded store: the named queries answer the same on each."""
    return graph.load(GROWN, store=request.param)


def rows(kg: graph.KnowledgeGraph, name: str, *cols: str, **bindings) -> list[tuple[str, ...]]:
    result = kg.named_query(name, **bindings)
    idx = [result.vars.index(c) for c in cols]
    return [tuple(short(r[i]) if r[i] is not None else "" for i in idx) for r in result.rows]


def iri(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


# ---------------------------------------------------------------------------- loading


def test_the_folder_is_compiled_and_validates(grown: graph.KnowledgeGraph) -> None:
    report = grown.validate()
    assert report.conforms, report.text()
    names = {str(r[0]) for r in grown.query(
        "SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }")}
    # six persons of the article (and its author), two new ones; the rejected record is not
    # a person, the suggested link to Sarpsborg kommune is not compiled
    assert names == {"Unni Skår", "Elsie Hellström", "Ole Gabrielsen", "Thor Moen",
                     "Jon-Vidar Knold", "Mari Kristine Buckholm", "Per Arne Vik", "Lars Berg"}
    assert not grown.query(
        f"ASK {{ GRAPH <{ID}claim/{NB}/sarpsborg-kommune> {{ ?s ?p ?o }} }}").boolean


def test_evidence_from_one_source_never_points_into_another() -> None:
    data = read_data([GROWN])
    ds: Dataset = compile_data(data)
    d = ds.default_graph
    texts = {f"{PREFIXES['source']}{sid}": text(sid) for sid in (NB, SV)}
    checked = 0
    for claim in set(d.subjects(PROV.wasDerivedFrom, None)):
        source_id = str(claim).split("/claim/", 1)[1].split("/", 1)[0]
        own = f"{PREFIXES['source']}{source_id}"
        for resource in d.objects(claim, PROV.wasDerivedFrom):
            assert str(d.value(resource, OA.hasSource)) == own, claim
            selector = d.value(resource, OA.hasSelector)
            start, end = int(d.value(selector, OA.start)), int(d.value(selector, OA.end))
            assert 0 <= start < end <= len(texts[own]), (claim, start, end)
            checked += 1
    assert checked == 15 + 15  # the source descriptions, 14 records of each file, one has 2 spans


def test_texts_are_found_by_digest_in_any_layout(tmp_path: Path) -> None:
    # side by side, the text under another name and no [source] text: found by its sha256
    shutil.copy(GROWN / "sources" / f"{SV}.txt", tmp_path / "inbjudan.txt")
    shutil.copy(GROWN / "claims" / f"{SV}.claims.toml", tmp_path)
    data = read_data([tmp_path])
    assert text_of(data.claims[0], data) == text(SV)
    (tmp_path / "inbjudan.txt").write_text(text(SV).upper(), encoding="utf-8")
    with pytest.raises(graph.InputError, match="the text of source 'sv-test-02-gransdialogen' is "
                       "not found; put it beside the claims file"):
        text_of(read_data([tmp_path]).claims[0], read_data([tmp_path]))


def test_two_files_for_one_source_are_refused(cli, tmp_path: Path) -> None:
    shutil.copytree(GROWN, tmp_path / "a")
    shutil.copy(GROWN / "claims" / f"{SV}.claims.toml", tmp_path / "a" / "copy.claims.toml")
    r = cli("--data", str(tmp_path / "a"), "query", "article")
    assert r.code == 2 and "source id 'sv-test-02-gransdialogen' is also the source of" in r.err
    r = cli("--data", str(tmp_path / "missing"), "query", "article")
    assert r.code == 2 and "no such file or folder" in r.err


def test_source_texts_by_digest_from_folders(grown: graph.KnowledgeGraph, tmp_path) -> None:
    stray = tmp_path / "stray.txt"
    stray.write_text("Ingen kilde har denne teksten.", encoding="utf-8")
    found = read_source_texts(grown, [GROWN / "sources", tmp_path])
    assert found == {f"{PREFIXES['source']}{NB}": text(NB), f"{PREFIXES['source']}{SV}": text(SV)}
    # the texts of the data folder come with the graph itself
    assert grown.source_texts == found


# ---------------------------------------------------------------------------- named queries


def test_person_posts_over_time_across_sources(grown_any: graph.KnowledgeGraph) -> None:
    got = rows(grown_any, "person-posts", "roleLabel", "organizationName", "start", "heldOn",
               "source", person=iri("person:unni-skar"))
    assert got == [
        ("chief municipal executive", "Sarpsborg kommune", "", "2018-01-09",
         "article:2018-01-09-digital-tsunami-seminar"),
        ("director", "Østfold Kunnskapsklynge", "2019-03-01", "", f"source:{NB}"),
    ]
    # the same post, stated by two sources on two days
    got = rows(grown_any, "person-posts", "membership", "heldOn", "source",
               person=iri("person:elsie-hellstrom"))
    assert got == [
        ("mship:elsie-hellstrom-svinesundskomiteen", "2018-01-09",
         "article:2018-01-09-digital-tsunami-seminar"),
        ("mship:elsie-hellstrom-svinesundskomiteen", "2019-02-20", f"source:{SV}"),
    ]


def test_organisations_meeting_at_events(grown_any: graph.KnowledgeGraph) -> None:
    got = rows(grown_any, "organisations-meeting", "organization", "other", "event")
    by_event: dict[str, set[tuple[str, str]]] = {}
    for a, b, event in got:
        by_event.setdefault(event, set()).add((a, b))
    # Gränsdialogen: the committee and Strömstads kommun organise; Elsie Hellström (committee),
    # Unni Skår (Sarpsborg kommune; Østfold Kunnskapsklynge from 1 March) speak, Lars Berg
    # (Strömstads kommun) moderates
    four = ["orgs:ostfold-kunnskapsklynge", "orgs:sarpsborg-kommune", "orgs:stromstads-kommun",
            "orgs:svinesundskomiteen"]
    assert by_event["event:2019-04-09-gransdialogen-2019"] == {
        (a, b) for a in four for b in four if a < b}
    three = ["orgs:ostfold-kunnskapsklynge", "orgs:sarpsborg-kommune", "orgs:svinesundskomiteen"]
    assert by_event["event:2019-03-14-gronn-grensehandel"] == {
        (a, b) for a in three for b in three if a < b}
    # Unni Skår's post in the cluster starts in 2019: it did not meet anyone at the 2018 seminar
    seminar = by_event["event:2018-01-08-digital-tsunami-seminar"]
    assert not any("orgs:ostfold-kunnskapsklynge" in pair for pair in seminar)
    assert ("orgs:sarpsborg-kommune", "orgs:svinesundskomiteen") in seminar


def test_entity_sources(grown_any: graph.KnowledgeGraph) -> None:
    got = rows(grown_any, "entity-sources", "source", "published", "claims",
               entity=iri("orgs:svinesundskomiteen"))
    # nb: the organisation record and one organiser; sv: the organisation record, Hellström's
    # post and one organiser
    assert got[1:] == [(f"source:{NB}", "2019-02-04", "2"), (f"source:{SV}", "2019-02-20", "3")]
    assert got[0][:2] == ("article:2018-01-09-digital-tsunami-seminar", "2018-01-09")
    assert rows(grown_any, "entity-sources", "source", entity=iri("person:lars-berg")) == [
        (f"source:{SV}",)]


def test_entity_facts_with_their_spans(grown_any: graph.KnowledgeGraph) -> None:
    result = grown_any.named_query("entity-facts", entity=iri("person:lars-berg"))
    sv = text(SV)
    facts = {(str(r[1]), short(r[2]), short(r[3]), sv[int(str(r[6])):int(str(r[7]))]) for r in result.rows}
    assert {str(r[5]) for r in result.rows} == {f"{PREFIXES['source']}{SV}"}
    name = "Lars Berg"
    post = "Lars Berg, näringslivschef i Strömstads kommun"
    moderator = "Moderator är Lars Berg"
    assert facts == {
        ("out", "rdf:type", "schema:Person", name), ("out", "rdf:type", "foaf:Person", name),
        ("out", "rdf:type", "foaf:Agent", name),
        ("out", "schema:name", "Lars Berg", name), ("out", "skos:prefLabel", "Lars Berg", name),
        ("out", "schema:jobTitle", "näringslivschef", post),
        ("out", "schema:worksFor", "orgs:stromstads-kommun", post),
        ("in", "org:member", "mship:lars-berg-stromstads-kommun", post),
        ("in", "ig:facilitator", "event:2019-04-09-gransdialogen-2019", moderator),
        ("in", "schema:contributor", "event:2019-04-09-gransdialogen-2019", moderator),
    }


# ---------------------------------------------------------------------------- every command


def test_commands_show_the_new_actors_linked_to_the_old(cli, tmp_path, monkeypatch) -> None:
    r = cli("--data", str(GROWN), "path", "Lars Berg", "Thor Moen")
    assert r.code == 0, r.err
    hops = [line.split() for line in r.out.splitlines()[3:]]
    assert r.out.startswith("From Lars Berg to Thor Moen: 4 hops")
    assert "Svinesundskomiteen" in r.out and "Gränsdialogen 2019" in r.out
    assert len(hops) == 4
    r = cli("ego", "Østfold Kunnskapsklynge", "--data", str(GROWN))
    assert r.code == 0, r.err
    for name in ("Unni Skår", "Per Arne Vik", "Grønn grensehandel"):
        assert name in r.out
    r = cli("--data", str(GROWN), "analyze", "--format", "csv", "--top", "50")
    assert r.code == 0 and "Lars Berg" in r.out and "Strömstads kommun" in r.out
    monkeypatch.setenv("INNOGRAPH_DATA", str(GROWN))
    r = cli("query", "person-posts", "--bind", "person=person:lars-berg", "--format", "csv")
    assert r.code == 0, r.err
    assert "business development director,https://w3id.org/innograph/id/org/stromstads-kommun" in (
        r.out)
    r = cli("entity", "Per Arne Vik")
    assert r.code == 0 and "orgs:ostfold-kunnskapsklynge" in r.out, r.err
    r = cli("entity", "Elsie Hellström")
    # evidence from two sources: each span names its source
    heads = next(line for line in r.out.splitlines() if "org:headOf" in line)
    assert re.search(r"article:2018-01-09-digital-tsunami-seminar \d+-\d+", heads), heads
    assert re.search(rf"source:{SV} \d+-\d+", heads), heads
    r = cli("find", "Svinesundskommittén")
    assert r.code == 0 and "orgs:svinesundskomiteen" in r.out
    r = cli("validate")
    assert r.code == 0 and r.out.startswith("Conforms:")
    r = cli("export", "--format", "nquads", "-o", str(tmp_path / "all.nq"))
    assert r.code == 0
    assert f"<{PREFIXES['person']}lars-berg>" in (tmp_path / "all.nq").read_text(encoding="utf-8")


def _evidence_of_edge(model: dict, source_iri: str) -> list[dict]:
    sources = [s["iri"] for s in model["sources"]]
    return [e for e in model["evidence"] if sources[e["source"]] == source_iri]


def test_build_shows_each_sources_own_excerpt(cli, tmp_path, source_text) -> None:
    r = cli("--data", str(GROWN), "build", "-o", str(tmp_path / "site"),
            "--source", str(ROOT.parent / "shared" / "corpus" / "000_1c50d6c5c024da5a.txt"),
            "--no-metrics")
    assert r.code == 0, r.err
    model = data_of((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    texts = {f"{PREFIXES['source']}{NB}": text(NB), f"{PREFIXES['source']}{SV}": text(SV),
             f"{PREFIXES['article']}2018-01-09-digital-tsunami-seminar": source_text}
    for iri_, body in texts.items():
        cited = _evidence_of_edge(model, iri_)
        assert cited, iri_
        for e in cited:
            assert e["excerpt"]["span"] == body[e["start"]:e["end"]]
    facilitator = [e for e in _evidence_of_edge(model, f"{PREFIXES['source']}{SV}")
                   if e["excerpt"]["span"] == "Moderator är Lars Berg"]
    assert len(facilitator) == 1


def test_the_server_serves_the_grown_graph(grown: graph.KnowledgeGraph) -> None:
    server = SparqlServer(grown, port=0, timeout=30)
    server.start()
    try:
        query = ("SELECT ?n WHERE { <https://w3id.org/innograph/id/event/2019-04-09-gransdialogen-"
                 "2019> <https://schema.org/organizer>/<https://schema.org/name> ?n } ORDER BY ?n")
        url = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read().decode("utf-8")
        assert body.split() == ["n", "Strömstads", "kommun", "Svinesundskomiteen",
                                "Svinesundskommittén", "the", "Svinesund", "Committee"]
        url = f"{server.url}/explorer?" + urllib.parse.urlencode(
            {"view": "ego", "focus": "Lars Berg"})
        with urllib.request.urlopen(url, timeout=120) as response:
            model = data_of(response.read().decode("utf-8"))
        spans = {e["excerpt"]["span"]
                 for e in _evidence_of_edge(model, f"{PREFIXES['source']}{SV}")}
        assert "Moderator är Lars Berg" in spans
    finally:
        server.stop()


def test_sources_of_other_kinds_are_described(grown: graph.KnowledgeGraph) -> None:
    rows_ = grown.query(
        "SELECT ?s ?t ?len ?sha WHERE { ?s <https://w3id.org/innograph/ontology#length> ?len ; "
        "a ?t ; <https://w3id.org/innograph/ontology#sha256> ?sha "
        "FILTER(?t IN (<https://w3id.org/innograph/ontology#PressRelease>, "
        "<https://w3id.org/innograph/ontology#EventNotice>)) } ORDER BY ?s").rows
    got = [(short(s), short(t), int(str(n)), str(h)) for s, t, n, h in rows_]
    assert got == [
        (f"source:{NB}", "ig:PressRelease", len(text(NB)),
         hashlib.sha256(text(NB).encode("utf-8")).hexdigest()),
        (f"source:{SV}", "ig:EventNotice", len(text(SV)),
         hashlib.sha256(text(SV).encode("utf-8")).hexdigest()),
    ]


def test_load_puts_a_data_folder_into_an_on_disk_store_once(cli, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    resolve_data = Path(__file__).parent / "data" / "resolve"
    for name in ("grenseblad.txt", "grenseblad.claims.toml"):
        shutil.copy(resolve_data / name, folder / name)
    store = f"oxigraph:{tmp_path / 'db'}"
    first = cli("load", "--data", str(folder), "--store", store)
    assert first.code == 0, first.err
    kg = graph.load(store=store)
    try:
        quads = len(kg)
        assert kg.load_report.added == 0 and len(kg.load_report.skipped) == 2
    finally:
        kg.close()
    assert f"Loaded 3 file(s), {quads:,} quads added; 0 already loaded." in first.err
    again = cli("load", "--data", str(folder), "--store", store)
    assert "Loaded 0 file(s), 0 quads added; 3 already loaded." in again.err
    found = cli("--store", store, "find", "U. Skår")
    assert found.out == "person:u-skar  U. Skår\n"
