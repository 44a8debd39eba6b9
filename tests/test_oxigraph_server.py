"""The ``sparql:URL`` store against a real Oxigraph server (the ``oxigraph`` package)."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

import graph
from graph.errors import InputError, QuerySyntaxError, StoreError
from graph.kg import KnowledgeGraph
from graph.network import to_networkx
from graph.server import SparqlServer
from graph.stores.sparql import DEFAULT_GRAPH, SparqlStore

from .conftest import free_port, start_oxigraph

PERSON = "https://w3id.org/innograph/id/person/"
TRICKY = 'He said "yes" } ; DROP ALL ; SELECT * { \n and \\ left a backslash\r\nthere'


@pytest.fixture
def fresh_server(tmp_path):
    server = start_oxigraph(tmp_path / "server")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def embedded() -> KnowledgeGraph:
    return graph.load(store="oxigraph")


def test_a_view_renders_from_the_server(oxigraph_server, embedded):
    kg = graph.load(store=f"sparql:{oxigraph_server.url}")
    ours, theirs = to_networkx(kg, "actors"), to_networkx(embedded, "actors")
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert sorted(ours.edges(keys=True, data=True), key=repr) == sorted(
        theirs.edges(keys=True, data=True), key=repr)
    # the seminar's organiser, hosts, speakers, facilitator and attendees are all nodes
    assert ours.nodes["https://w3id.org/innograph/id/org/svinesundskomiteen"]["country"] == \
        "Norway;Sweden"
    render = getattr(kg, "render_html", None)
    if render is not None:
        assert "Svinesundskomiteen" in str(render("actors"))


def test_loading_through_the_graph_store_protocol_and_again(fresh_server, embedded):
    spec = f"sparql:{fresh_server.url}"
    kg = graph.load(store=spec)
    n = len(kg)
    # every quad of the embedded store (the load log on the server is no data)
    assert n == len(embedded)
    assert len(kg.store.loaded_digests()) == 2
    again = graph.load(store=spec)
    assert len(again) == n
    # the provenance (default graph in the files) sits in its stand-in graph on the server
    prov = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    assert kg.query(f"ASK {{ GRAPH <{DEFAULT_GRAPH}> {{ ?c {prov} ?e }} }}").boolean


def test_one_graph_per_request_loads_the_same(fresh_server, oxigraph_server):
    # Servers that take one graph per Graph Store request get the same dataset.
    per_graph = SparqlStore(fresh_server.url, per_graph=True)
    graph.load(store=per_graph)
    whole = SparqlStore(oxigraph_server.url)
    assert sorted(per_graph.quads(), key=repr) == sorted(whole.quads(), key=repr)


def test_bindings_are_values_that_cannot_break_out(fresh_server, tmp_path):
    data = tmp_path / "tricky.nt"
    quoted = TRICKY.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r")
    data.write_text(f'<{PERSON}tricky> <https://schema.org/name> "{quoted}" .\n',
                    encoding="utf-8")
    kg = graph.load(data, store=f"sparql:{fresh_server.url}")
    local = graph.load(data, store="oxigraph")
    n = len(kg)
    q = "SELECT ?p ?name WHERE { ?p <https://schema.org/name> ?name }"
    rows = kg.query(q, name=Literal(TRICKY)).rows
    # exactly the one person with that name comes back, the value intact, as on the embedded store
    assert rows == [(URIRef(PERSON + "tricky"), Literal(TRICKY))]
    assert rows == local.query(q, name=Literal(TRICKY)).rows
    # a value built to end the VALUES block and add an update matches nothing and changes nothing
    attack = '") } DELETE WHERE { ?s ?p ?o } #'
    assert kg.query(q, name=Literal(attack)).rows == []
    assert len(kg) == n
    # a language tag and an IRI are checked before they go out
    assert kg.query(q, p=URIRef(PERSON + "thor-moen"), name=Literal("Thor Moen")).rows
    with pytest.raises(InputError, match="an IRI may not hold"):
        kg.query(q, p=URIRef(PERSON + "x> } DELETE WHERE { ?s ?p ?o } #"))
    with pytest.raises(InputError, match="blank node"):
        kg.query(q, p=BNode())
    with pytest.raises(InputError, match="bound variable must be"):
        kg.query("SELECT ?name WHERE { ?p <https://schema.org/name> ?name }",
                 p=URIRef(PERSON + "thor-moen"))


def test_updates_through_the_protocol(fresh_server):
    store = SparqlStore(fresh_server.url)
    store.update('INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> '
                 '<http://example.org/p> "v" } }')
    assert len(store) == 1
    assert [str(r[0]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }").rows] == ["v"]


def test_errors_name_the_server_and_the_fix(fresh_server):
    nobody = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1"
                                         r".*Start the server"):
        SparqlStore(nobody).query("ASK {}")
    with pytest.raises(StoreError) as info:
        SparqlStore(nobody.replace("http://", "http://alice:s3cret@")).query("ASK {}")
    assert "s3cret" not in str(info.value) and "alice" not in str(info.value)
    wrong = fresh_server.url.replace("/query", "/nothing/query")
    with pytest.raises(StoreError, match="HTTP 404"):
        SparqlStore(wrong).query("ASK {}")
    with pytest.raises(QuerySyntaxError, match=r"server at http://127\.0\.0\.1.*rejected the "
                                               r"query: SPARQL syntax error at line 1, column 26"):
        SparqlStore(fresh_server.url).query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(InputError, match="not an http"):
        SparqlStore("ftp://example.org/query")


def test_credentials_in_the_url_are_used_and_kept_out_of_messages(fresh_server):
    url = fresh_server.url.replace("http://", "http://alice:s3cret@")
    store = SparqlStore(url)
    assert store.query("ASK { }").boolean is True
    assert "s3cret" not in store.name
    with pytest.raises(QuerySyntaxError) as info:
        store.query("SELECT")
    assert "s3cret" not in str(info.value)


def test_a_bearer_token_is_sent(monkeypatch):
    # our own server takes updates only with its token: the token from the environment
    # gets an update through; without it the server refuses and the message says how to fix it
    own = graph.load(store="oxigraph")
    server = SparqlServer(own, port=0, allow_update=True, token="t0ken")
    server.start()
    try:
        endpoint = server.url + "/sparql"
        monkeypatch.setenv("INNOGRAPH_SPARQL_UPDATE_URL", endpoint)
        update = ('INSERT DATA { <https://w3id.org/innograph/id/person/new> '
                  '<https://schema.org/name> "New Person" }')
        with pytest.raises(StoreError, match=r"HTTP 403.*INNOGRAPH_SPARQL_TOKEN"):
            SparqlStore(endpoint).update(update)
        monkeypatch.setenv("INNOGRAPH_SPARQL_TOKEN", "t0ken")
        SparqlStore(endpoint).update(update)
        assert own.query('ASK { ?p <https://schema.org/name> "New Person" }').boolean
    finally:
        server.stop()


def test_a_server_without_a_union_default_graph_is_reported(tmp_path):
    server = start_oxigraph(tmp_path / "plain", union=False)
    try:
        kg = graph.load(store=f"sparql:{server.url}")
        with pytest.raises(StoreError, match="--union-default-graph"):
            kg.named_query("seminar-topics")
    finally:
        server.stop()
