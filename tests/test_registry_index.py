"""The organisation index: built from scans, saved beside an on-disk store, rebuilt when stale,
and built in the background by the server."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import astuple
from pathlib import Path

import pytest

from graph import resources
from graph.kg import KnowledgeGraph
from graph.registry import import_registry, indexfile, match_organisation
from graph.registry.match import OrgIndex, split_legal_form
from graph.server import SparqlServer
from graph.stores import load_files, open_store

DATA = Path(__file__).parent / "data" / "registry"
ID = "https://w3id.org/innograph/id/"
FILES = [DATA / "enheter.json", DATA / "underenheter.json", DATA / "roller.json"]
QUERIES = ["Fjordlys Forsknings", "fjordlys forskning as", "Nordvik", "Sarpsborgs kommune",
           "Grenseland Innovasjonsforum", "Svinesundskomitténs", "Østfold", "Fjordlys",
           "Ingen slik organisasjon"]


def _fill(store) -> None:
    load_files(store, resources.default_files())
    import_registry(store, "brreg", FILES, extract_date="2026-10-01")


def _reference(kg: KnowledgeGraph) -> dict[str, tuple]:
    """Each organisation's fields, read with one joined query each (as rdflib terms)."""
    org = "?o a <https://schema.org/Organization> ."
    names: dict[str, set[str]] = {}
    for o, v in kg.query(f"SELECT ?o ?v WHERE {{ {org} VALUES ?p {{ <https://schema.org/name> "
                         "<http://www.w3.org/2004/02/skos/core#prefLabel> "
                         "<http://www.w3.org/2004/02/skos/core#altLabel> "
                         "<http://www.w3.org/2004/02/skos/core#hiddenLabel> } ?o ?p ?v }").rows:
        names.setdefault(str(o), set()).add(str(v))
    one: dict[str, dict[str, str]] = {"number": {}, "form": {}, "muni": {}}
    for o, v in kg.query(f"SELECT ?o ?v WHERE {{ {org} ?o <http://www.w3.org/ns/org#identifier> "
                         "?v }").rows:
        one["number"][str(o)] = str(v)
    for o, v in kg.query(f"SELECT ?o ?v WHERE {{ {org} ?o <http://www.w3.org/ns/regorg#orgType> "
                         "?f . ?f <http://www.w3.org/2004/02/skos/core#notation> ?v }").rows:
        one["form"][str(o)] = str(v)
    for o, v in kg.query(f"SELECT ?o ?v WHERE {{ {org} ?o <https://schema.org/location> ?m . "
                         "?m <https://schema.org/identifier> ?v ; <https://schema.org/name> ?w }"
                         ).rows:
        one["muni"][str(o)] = str(v)
    return {o: (sorted(n), one["number"].get(o, ""), one["form"].get(o, ""),
                one["muni"].get(o, ""), sorted({split_legal_form(x)[0] for x in n}))
            for o, n in names.items()}


def _answers(kg: KnowledgeGraph) -> list:
    return [[astuple(c) for c in match_organisation(kg, q)] for q in QUERIES] + [
        [astuple(c) for c in match_organisation(kg, "x", org_number="999 100 004")],
        [astuple(c) for c in match_organisation(kg, "Fjordlys Forskning", municipality="3105")]]


def test_the_index_holds_what_the_graph_says():
    store = open_store("oxigraph")
    _fill(store)
    kg = KnowledgeGraph(store)
    index = OrgIndex.of(kg)
    expected = _reference(kg)
    assert len(expected) >= 8 and list(index.iris) == sorted(expected)
    got = {o.iri: (sorted(o.names), o.number, o.form, o.municipality, sorted(o.cores))
           for o in map(index.get, index.iris) if o is not None}
    assert got == expected
    fjordlys = index.orgs[ID + "org/no-999100001"]
    assert (fjordlys.name, fjordlys.municipality_name) == ("FJORDLYS FORSKNING AS", "SARPSBORG")
    assert index.by_number["999100004"] == ID + "org/no-999100004"


def test_the_same_answers_from_memory_from_disk_and_from_the_index_file(tmp_path):
    memory = open_store("oxigraph")
    _fill(memory)
    expected = _answers(KnowledgeGraph(memory))
    assert expected[0][0][0] == ID + "org/no-999100001" and expected[-3] == []
    disk = open_store(f"oxigraph:{tmp_path / 'db'}")
    _fill(disk)
    assert _answers(KnowledgeGraph(disk)) == expected      # built, and written beside the store
    assert (tmp_path / "db" / indexfile.INDEX_NAME).is_file()
    disk.close()
    again = open_store(f"oxigraph:{tmp_path / 'db'}")
    assert indexfile.read(tmp_path / "db", OrgIndex, again.data_state()) is not None    # the store is as it was
    kg = KnowledgeGraph(again)
    built = []
    original = OrgIndex.build
    OrgIndex.build = classmethod(lambda cls, kg: built.append(1) or original(kg))  # type: ignore[method-assign]
    try:
        assert _answers(kg) == expected
    finally:
        OrgIndex.build = original  # type: ignore[method-assign]
    assert built == []                                     # read from the file, not built
    again.close()


def test_a_store_changed_after_the_index_was_written_is_detected(tmp_path):
    folder = tmp_path / "db"
    store = open_store(f"oxigraph:{folder}")
    _fill(store)
    assert OrgIndex.of(KnowledgeGraph(store)).get(ID + "org/no-999100099") is None
    store.close()
    store = open_store(f"oxigraph:{folder}")
    store.update(f'INSERT DATA {{ <{ID}org/no-999100099> a <https://schema.org/Organization> ; '
                 '<https://schema.org/name> "Havbris Marin AS" }')
    assert indexfile.read(folder, OrgIndex, store.data_state()) is None        # stale while the store is open
    store.close()
    store = open_store(f"oxigraph:{folder}")
    assert indexfile.read(folder, OrgIndex, store.data_state()) is None        # and after it was closed
    best = match_organisation(KnowledgeGraph(store), "Havbris Marin")[0]
    assert (best.iri, best.match) == (ID + "org/no-999100099", True)
    store.close()
    assert indexfile.read(folder, OrgIndex, store.data_state()) is not None    # written again, for the new state


def test_a_damaged_index_file_is_built_again(tmp_path):
    folder = tmp_path / "db"
    store = open_store(f"oxigraph:{folder}")
    _fill(store)
    OrgIndex.of(KnowledgeGraph(store))
    (folder / indexfile.INDEX_NAME).write_bytes(b"\x00not an index")
    assert indexfile.read(folder, OrgIndex, store.data_state()) is None
    assert match_organisation(KnowledgeGraph(store), "Nordvik Data")[0].number == "999100004"
    store.close()


def test_the_server_answers_while_the_index_is_built(monkeypatch):
    import graph.reconcile as reconcile

    store = open_store("oxigraph")
    _fill(store)
    kg = KnowledgeGraph(store)
    release = threading.Event()
    original = OrgIndex.build.__func__  # type: ignore[attr-defined]

    def slow(cls, kg):
        release.wait(30)
        return original(cls, kg)

    monkeypatch.setattr(OrgIndex, "build", classmethod(slow))
    monkeypatch.setattr(reconcile, "INDEX_WAIT", 0.2)
    server = SparqlServer(kg, port=0)
    server.start()
    try:
        base = f"{server.url}/reconcile"
        query = f"{base}?" + urllib.parse.urlencode(
            {"queries": json.dumps({"q0": {"query": "Nordvik Data"}})})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(query)
        assert err.value.code == 503 and err.value.headers["Retry-After"] == "10"
        assert b"being built" in err.value.read()
        with urllib.request.urlopen(base) as r:                    # the manifest: at once
            assert json.loads(r.read())["versions"] == ["0.2"]
        release.set()
        for _ in range(100):
            try:
                with urllib.request.urlopen(query) as r:
                    out = json.loads(r.read())
                break
            except urllib.error.HTTPError as exc:
                assert exc.code == 503
        assert out["q0"]["result"][0]["id"] == ID + "org/no-999100004"
    finally:
        release.set()
        server.stop()
