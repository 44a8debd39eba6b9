"""Register imports: exact triples, evidence per record, re-import, filters, other registers."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import pytest

from graph import resources
from graph.errors import InputError, ParseError
from graph.kg import KnowledgeGraph
from graph.registry import Filters, import_registry, match_organisation
from graph.stores import load_files, open_store
from graph.vocab import curie

DATA = Path(__file__).parent / "data" / "registry"
ID = "https://w3id.org/innograph/id/"
FJORDLYS = ID + "org/no-999100001"


def _kg(*imports: tuple[str, list[str], str], **kw) -> KnowledgeGraph:
    store = open_store("oxigraph")
    load_files(store, resources.default_files())
    for register, files, day in imports:
        import_registry(store, register, [DATA / f for f in files], extract_date=day, **kw)
    return KnowledgeGraph(store)


def claim_triples(kg: KnowledgeGraph, claim: str) -> set[tuple[str, str, str]]:
    rows = kg.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{claim}> {{ ?s ?p ?o }} }}").rows
    return {(curie(s), curie(p), curie(o) if not hasattr(o, "datatype") else o.n3())
            for s, p, o in rows}


def sha(name: str) -> str:
    return hashlib.sha256((DATA / name).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def first() -> KnowledgeGraph:
    return _kg(("brreg", ["roller.json", "enheter.json", "underenheter.json"], "2026-10-01"))


@pytest.fixture(scope="module")
def second() -> KnowledgeGraph:
    return _kg(("brreg", ["roller.json", "enheter.json", "underenheter.json"], "2026-10-01"),
               ("brreg", ["enheter-2.json", "roller-2.json"], "2026-11-01"))


XSD = "http://www.w3.org/2001/XMLSchema#"
FJORDLYS_TRIPLES = {
    ("orgs:no-999100001", "rdf:type", "schema:Organization"),
    ("orgs:no-999100001", "rdf:type", "org:Organization"),
    ("orgs:no-999100001", "rdf:type", "foaf:Agent"),
    ("orgs:no-999100001", "rdf:type", "org:FormalOrganization"),
    ("orgs:no-999100001", "rdf:type", "rov:RegisteredOrganization"),
    ("orgs:no-999100001", "schema:name", '"FJORDLYS FORSKNING AS"'),
    ("orgs:no-999100001", "rov:legalName", '"FJORDLYS FORSKNING AS"'),
    ("orgs:no-999100001", "org:identifier", '"999100001"'),
    ("orgs:no-999100001", "schema:identifier", "orgs:no-999100001.identifier"),
    ("orgs:no-999100001.identifier", "rdf:type", "schema:PropertyValue"),
    ("orgs:no-999100001.identifier", "schema:propertyID", '"NO-BRC"'),
    ("orgs:no-999100001.identifier", "schema:value", '"999100001"'),
    ("orgs:no-999100001", "rov:orgType", "legalform:no-AS"),
    ("orgs:no-999100001", "org:classification", "legalform:no-AS"),
    ("orgs:no-999100001", "rov:orgActivity", "nace:72.190"),
    ("orgs:no-999100001", "org:classification", "nace:72.190"),
    ("orgs:no-999100001", "org:classification", "ig:helix-industry"),
    ("orgs:no-999100001", "schema:address", "orgs:no-999100001.address"),
    ("orgs:no-999100001.address", "rdf:type", "schema:PostalAddress"),
    ("orgs:no-999100001.address", "schema:streetAddress", '"Lyktestien 4"'),
    ("orgs:no-999100001.address", "schema:postalCode", '"1701"'),
    ("orgs:no-999100001.address", "schema:addressLocality", '"SARPSBORG"'),
    ("orgs:no-999100001.address", "schema:addressCountry", '"NO"'),
    ("orgs:no-999100001.address", "schema:addressRegion", '"SARPSBORG"'),
    ("orgs:no-999100001", "schema:location", "place:no-kommune-3105"),
    ("orgs:no-999100001", "schema:foundingDate", f'"2015-03-02"^^<{XSD}date>'),
}


def test_an_entity_record_becomes_exactly_these_triples(first):
    assert claim_triples(first, ID + "claim/registry/brreg/999100001") == FJORDLYS_TRIPLES


def test_csv_gives_the_same_triples_as_json():
    kg = _kg(("brreg", ["enheter.csv"], "2026-10-01"))
    assert claim_triples(kg, ID + "claim/registry/brreg/999100001") == FJORDLYS_TRIPLES


def test_gzipped_json_reads_like_plain_json(tmp_path):
    gz = tmp_path / "enheter.json.gz"
    with gzip.open(gz, "wb") as f:
        f.write((DATA / "enheter.json").read_bytes())
    store = open_store("oxigraph")
    report = import_registry(store, "brreg", [gz], extract_date="2026-10-01")
    assert report.files[0][1:3] == (3, 3)
    kg = KnowledgeGraph(store)
    assert claim_triples(kg, ID + "claim/registry/brreg/999100001") == FJORDLYS_TRIPLES


def test_codes_municipality_and_county(first):
    muni = claim_triples(first, ID + "claim/registry/brreg/code/municipality/3105")
    assert ("place:no-kommune-3105", "schema:containedInPlace", "place:no-fylke-31") in muni
    assert ("place:no-kommune-3105", "schema:identifier", '"3105"') in muni
    county = claim_triples(first, ID + "claim/registry/brreg/code/county/31")
    assert ("place:no-fylke-31", "schema:name", '"Østfold"') in county
    form = claim_triples(first, ID + "claim/registry/brreg/code/legal-form/AS")
    assert ("legalform:no-AS", "skos:prefLabel", '"Aksjeselskap"@nb') in form
    assert ("legalform:no-AS", "skos:notation", '"AS"') in form


def test_a_sub_entity_is_a_unit_of_its_parent(first):
    t = claim_triples(first, ID + "claim/registry/brreg/999200001")
    assert ("orgs:no-999200001", "org:unitOf", "orgs:no-999100001") in t
    assert ("orgs:no-999200001", "rdf:type", "org:OrganizationalUnit") in t
    assert ("orgs:no-999200001", "schema:location", "place:no-kommune-3101") in t
    assert ("orgs:no-999200001", "schema:foundingDate", f'"2019-06-01"^^<{XSD}date>') in t


def test_every_fact_cites_its_record(first):
    e = first.entity(FJORDLYS)
    name = [r for r in e.outgoing if r.predicate == "https://schema.org/name"]
    assert len(name) == 1
    (rec,) = name[0].records
    assert rec.source == ID + "source/brreg-" + sha("enheter.json")
    assert (rec.register, rec.extract_date, rec.selector) == ("Enhetsregisteret", "2026-10-01", "/0")
    assert str(rec) == "from the register Enhetsregisteret, extract of 2026-10-01 (/0)"
    sub = first.entity(ID + "org/no-999200001")
    (unit,) = [r for r in sub.outgoing if r.predicate.endswith("#unitOf")]
    assert unit.records[0].source.endswith(sha("underenheter.json"))


def posts(kg: KnowledgeGraph, number: str) -> dict[tuple[str, str], str | None]:
    rows = kg.query(f"""SELECT ?name ?code ?end WHERE {{
      ?m a <http://www.w3.org/ns/org#Membership> ;
         <http://www.w3.org/ns/org#organization> <{ID}org/no-{number}> ;
         <http://www.w3.org/ns/org#member> ?who ; <http://www.w3.org/ns/org#role> ?r ;
         <http://www.w3.org/ns/org#memberDuring> ?i .
      ?r <http://www.w3.org/2004/02/skos/core#notation> ?code .
      ?who <https://schema.org/name> ?name .
      OPTIONAL {{ ?i <http://www.w3.org/2006/time#hasEnd>/<http://www.w3.org/2006/time#inXSDDate> ?end }}
    }}""").rows
    return {(str(n), str(c)): (str(e) if e is not None else None) for n, c, e in rows}


def test_roles_become_posts(first):
    assert posts(first, "999100001") == {
        ("Kari Nordvik Lunde", "DAGL"): None, ("Ola Fjell", "LEDE"): None,
        ("Siri Haug", "MEDL"): None, ("NORDVIK DATA AS", "REVI"): None,
    }
    assert posts(first, "999100004") == {("Jonas Vik", "DAGL"): None}
    dagl = claim_triples(first, ID + "claim/registry/brreg/code/role/DAGL")
    assert ("regrole:no-DAGL", "skos:exactMatch", "ig:role-chief-executive") in dagl


def test_a_newer_extract_updates_and_ends_posts(second):
    t = claim_triples(second, ID + "claim/registry/brreg/999100001")
    assert ("orgs:no-999100001", "schema:name", '"FJORDLYS RESEARCH AS"') in t
    assert ("orgs:no-999100001", "schema:name", '"FJORDLYS FORSKNING AS"') not in t
    assert ("orgs:no-999100001", "schema:location", "place:no-kommune-3101") in t
    assert ("orgs:no-999100001", "schema:location", "place:no-kommune-3105") not in t
    names = second.query(f"SELECT ?n WHERE {{ <{FJORDLYS}> <https://schema.org/name> ?n }}").rows
    assert [str(n[0]) for n in names] == ["FJORDLYS RESEARCH AS"]
    same = second.query('SELECT ?o WHERE { ?o <http://www.w3.org/ns/org#identifier> "999100001" }')
    assert [str(r[0]) for r in same.rows] == [FJORDLYS]
    assert posts(second, "999100001") == {
        ("Kari Nordvik Lunde", "DAGL"): "2026-11-01",   # no longer listed
        ("Per Strand", "DAGL"): None,                   # new
        ("Ola Fjell", "LEDE"): None,                    # unchanged
        ("Siri Haug", "MEDL"): "2024-02-15",            # marked as resigned
        ("NORDVIK DATA AS", "REVI"): None,
    }
    e = second.entity(FJORDLYS)
    (name,) = [r for r in e.outgoing if r.predicate == "https://schema.org/name"]
    assert [r.extract_date for r in name.records] == ["2026-11-01"]
    assert second.validate().conforms


def test_importing_the_same_extract_twice_changes_nothing():
    kg = _kg(("brreg", ["enheter.json", "roller.json"], "2026-10-01"))
    before = len(kg)
    import_registry(kg.store, "brreg", [DATA / "enheter.json", DATA / "roller.json"],
                    extract_date="2026-10-01")
    assert len(kg) == before


def test_filters_keep_one_county_and_its_roles():
    kg = _kg(("brreg", ["enheter.json", "roller.json"], "2026-10-01"),
             filters=Filters(counties=frozenset({"03"})))
    orgs = kg.query("SELECT ?o WHERE { ?o a <http://www.w3.org/ns/regorg#RegisteredOrganization> }")
    assert [str(r[0]) for r in orgs.rows] == [ID + "org/no-999100004"]
    assert posts(kg, "999100001") == {}
    assert posts(kg, "999100004") == {("Jonas Vik", "DAGL"): None}


@pytest.mark.parametrize("filters, kept", [
    (Filters(municipalities=frozenset({"3101"})), {"999100002"}),
    (Filters(forms=frozenset({"AS"})), {"999100001", "999100004"}),
    (Filters(industries=("72",)), {"999100001"}),
    (Filters(industries=("62.010",)), {"999100004"}),
])
def test_filters(filters, kept):
    store = open_store("oxigraph")
    report = import_registry(store, "brreg", [DATA / "enheter.json"], filters=filters,
                             extract_date="2026-10-01")
    rows = KnowledgeGraph(store).query(
        "SELECT ?n WHERE { ?o a <http://www.w3.org/ns/regorg#RegisteredOrganization> ; "
        "<http://www.w3.org/ns/org#identifier> ?n }").rows
    assert {str(r[0]) for r in rows} == kept
    assert report.kept == len(kept)


def test_bad_files_are_refused_with_file_and_line(tmp_path):
    bad = tmp_path / "enheter.json"
    bad.write_text('[\n {"organisasjonsnummer": "999100001", "navn": "A"},\n {"navn": }\n]')
    with pytest.raises(ParseError, match=r"enheter.json:3: the JSON does not parse"):
        import_registry(open_store("oxigraph"), "brreg", [bad])
    wrong = tmp_path / "wrong.json"
    wrong.write_text('[{"organisasjonsnummer": "12ab", "navn": "A"}]')
    with pytest.raises(ParseError, match=r"wrong.json:1 \(record /0\): organisasjonsnummer '12ab'"):
        import_registry(open_store("oxigraph"), "brreg", [wrong])
    with pytest.raises(InputError, match="no such file"):
        import_registry(open_store("oxigraph"), "brreg", [tmp_path / "missing.json"])
    with pytest.raises(InputError, match="not a date"):
        import_registry(open_store("oxigraph"), "brreg", [DATA / "enheter.json"],
                        extract_date="1. oktober")


def test_bolagsverket_bulk_file(tmp_path):
    kg = _kg(("bolagsverket", ["bolagsverket.txt"], "2026-10-05"))
    t = claim_triples(kg, ID + "claim/registry/bolagsverket/5599000011")
    org, addr = "orgs:se-5599000011", "orgs:se-5599000011.address"
    assert (org, "schema:name", '"Gränslös Innovation AB"') in t
    assert (org, "rov:orgType", "legalform:se-AB") in t
    assert ("orgs:se-5599000011.identifier", "schema:propertyID", '"SE-BLV"') in t
    assert (addr, "schema:postalCode", '"45230"') in t
    assert (addr, "schema:addressLocality", '"STRÖMSTAD"') in t
    assert (addr, "schema:streetAddress", '"Tullgatan 7"') in t
    other = claim_triples(kg, ID + "claim/registry/bolagsverket/8020000022")
    assert ("orgs:se-8020000022", "schema:dissolutionDate", f'"2023-12-31"^^<{XSD}date>') in other
    assert ("orgs:se-8020000022", "org:classification", "ig:helix-civil-society") in other
    # the zipped bulk file reads the same
    import zipfile

    z = tmp_path / "bolagsverket_bulkfil.zip"
    with zipfile.ZipFile(z, "w") as archive:
        archive.write(DATA / "bolagsverket.txt", "bolagsverket_bulkfil.txt")
    store = open_store("oxigraph")
    import_registry(store, "bolagsverket", [z], extract_date="2026-10-05")
    assert claim_triples(KnowledgeGraph(store), ID + "claim/registry/bolagsverket/5599000011") == t
    assert kg.validate().conforms


def test_generic_import_with_a_mapping():
    kg = _kg(("generic", ["generic.csv"], "2026-10-07"), mapping=DATA / "generic.toml")
    t = claim_triples(kg, ID + "claim/registry/cvr/39990001")
    assert ("orgs:dk-39990001", "schema:name", '"Øresund Klyngen ApS"') in t
    assert ("orgs:dk-39990001", "schema:location", "place:dk-kommune-217") in t
    assert ("orgs:dk-39990001", "rov:orgActivity", "nace:72.19") in t
    assert ("orgs:dk-39990001.identifier", "schema:propertyID", '"DK-CVR"') in t


def test_a_generic_mapping_with_an_unknown_field_is_refused(tmp_path):
    m = tmp_path / "m.toml"
    m.write_text((DATA / "generic.toml").read_text() + 'phone = "tlf"\n')
    with pytest.raises(InputError, match="unknown field"):
        import_registry(open_store("oxigraph"), "generic", [DATA / "generic.csv"], mapping=m)


def test_match_by_number_name_form_and_municipality(second):
    (c,) = match_organisation(second, "whatever", org_number="999 100 004")
    assert (c.iri, c.match, c.features["number"]) == (ID + "org/no-999100004", True, 1.0)
    best = match_organisation(second, "Fjordlys Researchs")[0]      # genitive
    assert (best.iri, best.match) == (FJORDLYS, True)
    assert match_organisation(second, "fjordlys research as")[0].features["legal_form"] == 1.0
    here = match_organisation(second, "Fjordlys Research", municipality="Halden")[0]
    assert here.features["municipality"] == 1.0 and here.score == 1.0
    there = match_organisation(second, "Fjordlys Research", municipality="3105")[0]
    assert there.features["municipality"] == 0.0 and there.score < 0.9
    article = match_organisation(second, "Sarpsborgs kommune")[0]
    assert article.iri == ID + "org/sarpsborg-kommune"


def test_cli_import_and_entity_evidence(cli, tmp_path):
    store = f"oxigraph:{tmp_path / 'db'}"
    src = tmp_path / "enheter.json"
    shutil.copy(DATA / "enheter.json", src)
    r = cli("import-registry", "brreg", str(src), "--extract-date", "2026-10-01",
            "--store", store)
    assert r.code == 0, r.err
    assert "Imported 3 record(s) from 1 file(s)" in r.err
    r = cli("--store", store, "entity", FJORDLYS)
    assert r.code == 0, r.err
    assert "from the register Enhetsregisteret, extract of 2026-10-01 (/0)" in r.out
    bad = tmp_path / "bad.json"
    bad.write_text("[{]")
    r = cli("import-registry", "brreg", str(bad), "--store", store)
    assert r.code == 2 and "bad.json:1" in r.err and "Traceback" not in r.err


def test_re_import_on_rdflib_store():
    store = open_store("memory")
    import_registry(store, "brreg", [DATA / "enheter.json", DATA / "roller.json"],
                    extract_date="2026-10-01")
    report = import_registry(store, "brreg", [DATA / "enheter-2.json", DATA / "roller-2.json"],
                             extract_date="2026-11-01")
    assert (report.posts, report.ended) == (1, 2)
    kg = KnowledgeGraph(store)
    names = kg.query(f"SELECT ?n WHERE {{ <{FJORDLYS}> <https://schema.org/name> ?n }}").rows
    assert [str(n[0]) for n in names] == ["FJORDLYS RESEARCH AS"]
    assert posts(kg, "999100001")[("Kari Nordvik Lunde", "DAGL")] == "2026-11-01"


def _all_quads(store) -> set[tuple[str, str, str, str]]:
    return {tuple(str(t) for t in q) for q in store.quads()}


def test_a_first_import_streams_into_a_disk_store_piece_by_piece(tmp_path, monkeypatch):
    from graph.registry import importer

    files = [DATA / "enheter.json", DATA / "underenheter.json", DATA / "roller.json"]
    memory = open_store("oxigraph")
    import_registry(memory, "brreg", files, extract_date="2026-10-01")
    monkeypatch.setattr(importer, "_PIECE", 1)   # every record a piece of its own
    disk = open_store(f"oxigraph:{tmp_path / 'db'}")
    report = import_registry(disk, "brreg", files, extract_date="2026-10-01")
    assert _all_quads(disk) == _all_quads(memory)
    assert report.replaced == 0                   # every file went to the bulk loader
    assert len(disk.loaded_digests()) == 3        # one entry per register file
    # a newer extract into the disk store: the same updates as in memory
    newer = [DATA / "enheter-2.json", DATA / "roller-2.json"]
    import_registry(memory, "brreg", newer, extract_date="2026-11-01")
    import_registry(disk, "brreg", newer, extract_date="2026-11-01")
    assert _all_quads(disk) == _all_quads(memory)
    assert posts(KnowledgeGraph(disk), "999100001")[("Kari Nordvik Lunde", "DAGL")] == "2026-11-01"
    assert not list(tmp_path.glob("db.innograph-*"))


def test_a_bad_record_leaves_the_disk_store_as_it_was(tmp_path, monkeypatch):
    from graph.registry import importer

    monkeypatch.setattr(importer, "_PIECE", 1)   # the records before the bad one are loaded
    bad = tmp_path / "enheter.json"
    bad.write_text('[{"organisasjonsnummer": "999100001", "navn": "A"},\n'
                   ' {"organisasjonsnummer": "999100002", "navn": "B"},\n'
                   ' {"organisasjonsnummer": "9991", "navn": "C"}]')
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    load_files(store, resources.default_files())
    before, digests = _all_quads(store), store.loaded_digests()
    with pytest.raises(ParseError, match=r"enheter.json:3 \(record /2\): organisasjonsnummer"):
        import_registry(store, "brreg", [bad], extract_date="2026-10-01")
    assert _all_quads(store) == before and store.loaded_digests() == digests
    assert not list(tmp_path.glob("db.innograph-*"))
    memory = open_store("oxigraph")
    with pytest.raises(ParseError):
        import_registry(memory, "brreg", [bad], extract_date="2026-10-01")
    assert len(memory) == 0
