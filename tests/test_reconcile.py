"""The reconciliation service: every response valid against the 0.2 JSON Schemas, over HTTP too."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph import resources
from graph.errors import InputError
from graph.kg import KnowledgeGraph
from graph.reconcile import ReconciliationService
from graph.registry import import_registry
from graph.server import SparqlServer
from graph.stores import load_files, open_store

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

SCHEMAS = Path(os.environ.get("INNOGRAPH_SHARED", Path(__file__).resolve().parents[2] / "shared")) \
    / "schemas" / "reconciliation-0.2"
DATA = Path(__file__).parent / "data" / "registry"
ID = "https://w3id.org/innograph/id/"

if not SCHEMAS.is_dir():  # pragma: no cover
    pytest.skip(f"the reconciliation schemas are not at {SCHEMAS}", allow_module_level=True)


def _validator(name: str):
    from referencing import Registry, Resource

    resources_ = []
    for f in SCHEMAS.glob("*.json"):
        doc = json.loads(f.read_text(encoding="utf-8"))
        if "$id" in doc:
            resources_.append((doc["$id"], Resource.from_contents(
                doc, default_specification=referencing.jsonschema.DRAFT7)))
    registry = Registry().with_resources(resources_)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, registry=registry)


def valid(name: str, doc: object) -> object:
    errors = sorted(_validator(name).iter_errors(doc), key=str)
    assert not errors, [e.message for e in errors]
    return doc


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    store = open_store("oxigraph")
    load_files(store, resources.default_files())
    import_registry(store, "brreg", [DATA / "enheter.json", DATA / "underenheter.json",
                                     DATA / "roller.json"], extract_date="2026-10-01")
    return KnowledgeGraph(store)


@pytest.fixture(scope="module")
def service(kg) -> ReconciliationService:
    return ReconciliationService(kg, "http://127.0.0.1:9/reconcile")


def test_manifest(service):
    m = valid("manifest", service.manifest())
    assert m["versions"] == ["0.2"]
    assert m["preview"]["url"] == "http://127.0.0.1:9/reconcile/preview?id={{id}}"


def test_reconcile_names_with_types_and_properties(service):
    queries = {
        "q0": {"query": "Fjordlys Forsknings"},
        "q1": {"query": "fjordlys forskning", "type": "https://schema.org/Organization",
               "properties": [{"pid": "municipality", "v": "3105"}]},
        "q2": {"query": "Nordvik", "properties": [{"pid": "number", "v": "999100004"}]},
        "q3": {"query": "Sarpsborg kommune", "limit": 2},
        "q4": {"query": "Fjordlys", "type": ["http://www.w3.org/ns/org#OrganizationalUnit"]},
        "q5": {"query": "Ingen slik organisasjon finnes"},
    }
    valid("reconciliation-query-batch", queries)
    out = valid("reconciliation-result-batch", service.reconcile(queries))
    first = out["q0"]["result"][0]
    assert (first["id"], first["match"], first["score"]) == (ID + "org/no-999100001", True, 100.0)
    assert first["description"] == "org. no. 999100001, AS, SARPSBORG"
    features = {f["id"]: f["value"] for f in out["q1"]["result"][0]["features"]}
    assert features == {"municipality": 1.0, "name": 1.0, "number": 0.0}
    assert out["q2"]["result"][0]["id"] == ID + "org/no-999100004"
    assert out["q2"]["result"][0]["features"][1] == {"id": "number", "value": 1.0}
    assert out["q3"]["result"][0]["id"] == ID + "org/sarpsborg-kommune"
    assert [c["id"] for c in out["q4"]["result"]] == [ID + "org/no-999200001"]
    assert out["q5"]["result"] == []


def test_bad_queries_are_refused(service):
    with pytest.raises(InputError, match="unknown property 'phone'"):
        service.reconcile({"q0": {"query": "x", "properties": [{"pid": "phone", "v": "1"}]}})
    with pytest.raises(InputError, match="needs a 'query'"):
        service.reconcile({"q0": {"limit": 3}})


def test_suggest_preview_and_extension(service):
    s = valid("suggest-entities-response", service.suggest("fjordl"))
    assert [r["id"] for r in s["result"]] == [ID + "org/no-999100001", ID + "org/no-999200001"]
    page = service.preview(ID + "org/no-999100001")
    assert "<td>999100001</td>" in page and "<td>SARPSBORG</td>" in page
    valid("data-extension-property-proposal", service.propose_properties())
    query = {"ids": [ID + "org/no-999100001", ID + "org/svinesundskomiteen"],
             "properties": [{"id": "number"}, {"id": "municipality"}, {"id": "sector"}]}
    valid("data-extension-query", query)
    ext = valid("data-extension-response", service.extend(query))
    row = ext["rows"][ID + "org/no-999100001"]
    assert row["number"] == [{"str": "999100001"}]
    assert row["municipality"] == [{"id": ID + "place/no-kommune-3105", "name": "SARPSBORG"}]
    assert row["sector"] == [{"id": "https://w3id.org/innograph/ontology#helix-industry",
                              "name": "industry"}]
    assert ext["rows"][ID + "org/svinesundskomiteen"]["number"] == []


def test_over_http(kg):
    server = SparqlServer(kg, port=0)
    server.start()
    try:
        base = f"{server.url}/reconcile"
        with urllib.request.urlopen(base) as r:
            manifest = valid("manifest", json.loads(r.read()))
        assert manifest["suggest"]["entity"]["service_url"] == base
        body = urllib.parse.urlencode(
            {"queries": json.dumps({"q0": {"query": "Grenseland Innovasjonsforum"}})}).encode()
        with urllib.request.urlopen(base, data=body) as r:
            out = valid("reconciliation-result-batch", json.loads(r.read()))
        assert out["q0"]["result"][0]["id"] == ID + "org/no-999100002"
        with urllib.request.urlopen(f"{base}/suggest/entity?prefix=nordvik") as r:
            valid("suggest-entities-response", json.loads(r.read()))
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{base}?queries=%7Bnot-json")
        assert err.value.code == 400
        assert b"not JSON" in err.value.read()
    finally:
        server.stop()
