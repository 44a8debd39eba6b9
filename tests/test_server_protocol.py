"""The W3C SPARQL 1.1 Protocol tests, run against a real ``innograph serve``.

Each test below checks what one test of the W3C "protocol" suite checks (its name is given),
against a server started by the command line on a free port: the 27 tests that apply to a
read-only endpoint against ``innograph serve``, and the 7 update tests against ``innograph serve
--allow-update`` (which must also pass the negative update tests). Several tests check more than
their W3C counterpart: that a dataset given by the request also leaves graphs *out*.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from .conftest import ROOT, free_port

TOKEN = "protocol-test-token"
G = "http://graphs.example/"
G0, G1, G2, G3 = (f"{G}data{i}" for i in range(4))
DOC = "http://xmlns.com/foaf/0.1/Document"
DATA = "".join(f"<{g}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DOC}> <{g}> .\n"
               f'<{g}> <http://purl.org/dc/terms/title> "graf {g[-1]}"@nb <{g}> .\n'
               for g in (G1, G2, G3))
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt",
             "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


@dataclass
class Served:
    """A running ``innograph serve`` process."""

    port: int
    process: subprocess.Popen[str]

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def request(self, method: str, params: dict[str, str | list[str]] | str | None = None,
                body: bytes | str | None = None, content_type: str | None = None,
                token: bool = False, accept: str | None = None,
                ) -> tuple[int, http.client.HTTPMessage, bytes]:
        query = (params if isinstance(params, str)
                 else urllib.parse.urlencode(params or {}, doseq=True))
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if token:
            headers["Authorization"] = f"Bearer {TOKEN}"
        if accept:
            headers["Accept"] = accept
        data = body.encode("utf-8") if isinstance(body, str) else body
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, "/sparql" + (f"?{query}" if query else ""), body=data,
                               headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def ask(self, query: str, **dataset: str | list[str]) -> bool:
        params = {k.replace("_", "-"): v for k, v in dataset.items()}
        status, headers, body = self.request("POST", params, query, "application/sparql-query",
                                             accept="application/sparql-results+json")
        assert status == 200, body
        return _boolean(headers, body)

    def update(self, update: str, **dataset: str | list[str]) -> None:
        params = {k.replace("_", "-"): v for k, v in dataset.items()}
        status, _, body = self.request("POST", params, update, "application/sparql-update",
                                       token=True)
        assert 200 <= status < 400, body


def _start(tmp: Path, *args: str) -> Iterator[Served]:
    port = free_port()
    data = tmp / "graphs.nq"
    data.write_text(DATA, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INNOGRAPH_TOKEN": TOKEN}
    env.pop("INNOGRAPH_STORE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--data", str(data), "--port", str(port),
         *args], env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # the server says where it listens once it does
        assert f"http://127.0.0.1:{port}/sparql" in line, line + process.stderr.read()
        yield Served(port, process)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def readonly(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _start(tmp_path_factory.mktemp("readonly"))


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _start(tmp_path_factory.mktemp("writable"), "--allow-update")


@pytest.fixture(params=["readonly", "writable"])
def either(request: pytest.FixtureRequest) -> Served:
    served: Served = request.getfixturevalue(request.param)
    return served


def _boolean(headers: http.client.HTTPMessage, body: bytes) -> bool:
    kind = headers.get_content_type()
    if kind == "application/sparql-results+json":
        value = json.loads(body)["boolean"]
        assert isinstance(value, bool)
        return value
    assert kind == "application/sparql-results+xml", kind
    text = body.decode("utf-8")
    assert ("<boolean>true</boolean>" in text) != ("<boolean>false</boolean>" in text)
    return "<boolean>true</boolean>" in text


def _graph(headers: http.client.HTTPMessage, body: bytes) -> Graph:
    kind = headers.get_content_type()
    assert kind in RDF_TYPES, kind
    return Graph().parse(data=body.decode("utf-8"), format=RDF_TYPES[kind])


def _typed(g1: str, g2: str) -> str:
    return f"ASK {{ GRAPH ?g1 {{ <{g1}> a ?type }} GRAPH ?g2 {{ <{g2}> a ?type }} }}"


# ---------------------------------------------------------------------------- queries


def test_query_post_form(readonly):
    status, headers, body = readonly.request(
        "POST", {"default-graph-uri": G0}, "query=ASK%20%7B%7D",
        "application/x-www-form-urlencoded")
    assert status == 200 and _boolean(headers, body) is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_default_graphs(readonly, method):
    # query_dataset_default_graphs_get and _post: two default graphs are merged
    query = f"ASK {{ <{G1}> a ?type . <{G2}> a ?type . }}"
    dataset = {"default-graph-uri": [G1, G2]}
    if method == "GET":
        status, headers, body = readonly.request("GET", {"query": query, **dataset})
    else:
        status, headers, body = readonly.request("POST", dataset, query,
                                                 "application/sparql-query")
    assert status == 200 and _boolean(headers, body) is True
    # and a graph left out of the default graph is out of it
    assert readonly.ask(f"ASK {{ <{G2}> a ?type }}", default_graph_uri=G1) is False
    assert readonly.ask(f"ASK {{ <{G2}> a ?type }}") is True  # no dataset: the union


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_named_graphs(readonly, method):
    # query_dataset_named_graphs_get and _post
    dataset = {"named-graph-uri": [G1, G2]}
    if method == "GET":
        status, headers, body = readonly.request("GET", {"query": _typed(G1, G2), **dataset})
    else:
        status, headers, body = readonly.request("POST", dataset, _typed(G1, G2),
                                                 "application/sparql-query")
    assert status == 200 and _boolean(headers, body) is True
    # only the named graphs given are named, and the default graph is empty
    assert readonly.ask(f"ASK {{ GRAPH ?g {{ <{G3}> a ?t }} }}", named_graph_uri=[G1, G2]) is False
    assert readonly.ask("ASK { ?s ?p ?o }", named_graph_uri=[G1, G2]) is False


def test_query_dataset_full(readonly):
    query = (f"ASK {{ <{G3}> a ?type GRAPH ?g1 {{ <{G1}> a ?type }} "
             f"GRAPH ?g2 {{ <{G2}> a ?type }} }}")
    assert readonly.ask(query, default_graph_uri=G3, named_graph_uri=[G1, G2]) is True
    status, _, body = readonly.request(
        "POST", {"default-graph-uri": G3, "named-graph-uri": [G1, G2]},
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
        "application/sparql-query", accept="text/csv")
    assert status == 200 and body.decode().split() == ["g", G1, G2]
    assert readonly.ask(f"ASK {{ <{G1}> a ?type }}", default_graph_uri=G3,
                        named_graph_uri=[G1, G2]) is False


def test_query_multiple_dataset(readonly):
    # the dataset of the request wins over the query's FROM
    query = f"ASK FROM <{G3}> {{ GRAPH ?g1 {{ <{G1}> a ?type }} GRAPH ?g2 {{ <{G2}> a ?type }} }}"
    assert readonly.ask(query, named_graph_uri=[G1, G2]) is True
    own = f"ASK FROM <{G3}> {{ <{G3}> a ?type }}"
    assert readonly.ask(own) is True  # without a request dataset the query's FROM holds
    assert readonly.ask(own, default_graph_uri=G1) is False
    assert readonly.ask(own, named_graph_uri=G3) is False  # the default graph is then empty
    assert readonly.ask(f"ASK FROM NAMED <{G1}> {{ <{G2}> a ?type }}", default_graph_uri=G2)


def test_query_get(readonly):
    status, headers, body = readonly.request("GET", {"query": "ASK {}", "default-graph-uri": G0})
    assert status == 200 and _boolean(headers, body) is True


def test_query_post_direct(readonly):
    status, headers, body = readonly.request("POST", None, "ASK {}", "application/sparql-query")
    assert status == 200 and _boolean(headers, body) is True


def test_query_content_type_select(readonly):
    status, headers, body = readonly.request("POST", {"default-graph-uri": G0},
                                             "SELECT (1 AS ?value) {}",
                                             "application/sparql-query")
    assert status == 200 and headers.get_content_type() in RESULT_TYPES
    assert headers.get_content_type() == "application/sparql-results+json"  # the default
    bindings = json.loads(body)["results"]["bindings"]
    assert [b["value"]["value"] for b in bindings] == ["1"]


def test_query_content_type_ask(readonly):
    status, headers, body = readonly.request("POST", {"default-graph-uri": G0}, "ASK {}",
                                             "application/sparql-query")
    assert status == 200 and _boolean(headers, body) is True


def test_query_content_type_describe(readonly):
    status, headers, body = readonly.request("POST", {"default-graph-uri": G0},
                                             "DESCRIBE <http://example.org/>",
                                             "application/sparql-query")
    assert status == 200 and len(_graph(headers, body)) == 0


@pytest.mark.parametrize("accept", [None, *RDF_TYPES])
def test_query_content_type_construct(readonly, accept):
    # relative IRIs resolve against the endpoint's URL
    status, headers, body = readonly.request("POST", {"default-graph-uri": G0},
                                             "CONSTRUCT { <s> <p> 1 } WHERE {}",
                                             "application/sparql-query", accept=accept)
    assert status == 200
    if accept:
        assert headers.get_content_type() == accept
    base = f"http://127.0.0.1:{readonly.port}/"
    triples = list(_graph(headers, body))
    assert [(str(s), str(p), o.toPython()) for s, p, o in triples] == [(base + "s", base + "p", 1)]


# ---------------------------------------------------------------------------- refused queries


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_bad_query_method(readonly, method):
    status, headers, body = readonly.request(
        method, {"query": "ASK {}", "default-graph-uri": G0}, b"",
        "application/x-www-form-urlencoded")
    assert status == 405, body
    assert {m.strip() for m in headers["Allow"].split(",")} >= {"GET", "POST"}
    assert headers.get_content_type() == "text/plain" and method.encode() in body


def test_bad_multiple_queries(readonly):
    status, _, body = readonly.request("GET", {"query": ["ASK {}", "SELECT * {}"]})
    assert status == 400 and b"2 'query' parameters" in body
    # a query in the URL and one in the body are two queries too
    status, _, _ = readonly.request("POST", {"query": "ASK {}"}, "ASK {}",
                                    "application/sparql-query")
    assert status == 400


def test_bad_query_wrong_media_type(readonly):
    status, _, body = readonly.request("POST", None, "ASK {}", "text/plain")
    assert status == 415 and b"application/sparql-query" in body


def test_bad_query_missing_form_type(readonly):
    status, _, _ = readonly.request("POST", None, "query=ASK%20%7B%7D")
    assert status == 415


def test_bad_query_missing_direct_type(readonly):
    status, _, _ = readonly.request("POST", None, "ASK {}")
    assert status == 415


def test_bad_query_non_utf8(readonly):
    body = "ASK {}".encode("utf-16")
    status, _, message = readonly.request("POST", None, body,
                                          "application/sparql-query; charset=UTF-16")
    assert status == 415 and b"UTF-8" in message
    # undeclared bytes that are not UTF-8 are refused as well, not guessed at
    status, _, message = readonly.request("POST", None, body, "application/sparql-query")
    assert status == 400 and b"UTF-8" in message


def test_bad_query_syntax(readonly):
    status, _, body = readonly.request("GET", {"query": "ASK {"})
    assert status == 400 and b"syntax error" in body


def test_a_syntax_error_is_placed_in_the_text_sent(readonly):
    # the endpoint adds a base and a dataset to the text; the error is still where it was sent
    status, _, body = readonly.request("POST", {"default-graph-uri": G1},
                                       "SELECT * WHERE {\n  <s> ?p ?o ;\n  FILTER(\n}",
                                       "application/sparql-query")
    assert status == 400 and b"line 4" in body and b"BASE" not in body


# ---------------------------------------------------------------------------- refused updates


def _intact(served: Served) -> bool:
    return served.ask(f"ASK {{ GRAPH <{G1}> {{ <{G1}> a ?t }} }}")


def _writable(served: Served) -> bool:
    return served.process.args[-1] == "--allow-update"  # type: ignore[index]


def _restore(served: Served) -> None:
    if _writable(served):
        inserts = " ".join(f"GRAPH <{g}> {{ <{g}> a <{DOC}> }}" for g in (G1, G2, G3))
        served.update(f"INSERT DATA {{ {inserts} }}")


def test_bad_update_get(either):
    _restore(either)
    status, _, body = either.request("GET", {"update": "CLEAR ALL"})
    assert status == 400 and b"POST" in body and _intact(either)


def test_bad_multiple_updates(either):
    _restore(either)
    status, _, _ = either.request("POST", None, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
                                  "application/x-www-form-urlencoded", token=True)
    assert status == 400 and _intact(either)


def test_bad_update_wrong_media_type(either):
    _restore(either)
    status, _, _ = either.request("POST", None, "CLEAR NAMED", "text/plain", token=True)
    assert status == 415 and _intact(either)


def test_bad_update_missing_form_type(either):
    _restore(either)
    status, _, _ = either.request("POST", None, "update=CLEAR%20NAMED", token=True)
    assert status == 415 and _intact(either)


def test_bad_update_non_utf8(either):
    _restore(either)
    status, _, _ = either.request("POST", None, "CLEAR NAMED".encode("utf-16"),
                                  "application/sparql-update; charset=UTF-16", token=True)
    assert status == 415 and _intact(either)


def test_bad_update_syntax(either):
    _restore(either)
    status, _, body = either.request("POST", None, "update=CLEAR%20XYZ",
                                     "application/x-www-form-urlencoded", token=True)
    # a read-only endpoint refuses every update before reading it
    assert status == (400 if _writable(either) else 403) and _intact(either), body


def test_bad_update_dataset_conflict(either):
    _restore(either)
    update = (f"WITH <{G1}> DELETE {{ ?s a ?t }} INSERT {{ ?s a <{G}Other> }} "
              "WHERE { ?s a ?t }")
    status, _, body = either.request("POST", None, urllib.parse.urlencode(
        {"using-named-graph-uri": G2, "update": update}), "application/x-www-form-urlencoded",
        token=True)
    if _writable(either):
        assert status == 400 and b"WITH" in body and _intact(either)
    else:
        assert status == 403 and _intact(either)


def test_updates_are_refused_by_a_read_only_endpoint(readonly):
    status, _, body = readonly.request("POST", None, "CLEAR ALL", "application/sparql-update",
                                       token=True)
    assert status == 403 and b"read-only" in body and _intact(readonly)


# ---------------------------------------------------------------------------- updates


INSERT_ALL = "INSERT DATA { " + " ".join(
    f"GRAPH <{g}> {{ <{g}> a <{DOC}> }}" for g in (G1, G2, G3)) + " } ;\n"


def test_update_dataset_default_graph(writable):
    writable.update("CLEAR ALL ;\n" + INSERT_ALL +
                    f"INSERT {{ GRAPH <{G}out> {{ ?s a <{G}Resource> }} }} WHERE {{ ?s a <{DOC}> }}",
                    using_graph_uri=G1)
    status, _, body = writable.request("POST", None,
                                       f"SELECT ?s WHERE {{ GRAPH <{G}out> {{ ?s ?p ?o }} }}",
                                       "application/sparql-query", accept="text/csv")
    assert status == 200 and body.decode().split() == ["s", G1]


def test_update_dataset_default_graphs(writable):
    writable.update("DROP ALL ;\n" + INSERT_ALL +
                    f"INSERT {{ GRAPH <{G}out> {{ ?s a <{G}Resource> }} }} WHERE {{ ?s a <{DOC}> }}",
                    using_graph_uri=[G1, G2])
    assert writable.ask(f"ASK {{ GRAPH <{G}out> {{ <{G1}> a ?t . <{G2}> a ?t }} "
                        f"FILTER NOT EXISTS {{ GRAPH <{G}out> {{ <{G3}> ?p ?o }} }} }}")


def test_update_dataset_named_graphs(writable):
    writable.update("DROP ALL ;\n" + INSERT_ALL +
                    f"INSERT {{ GRAPH <{G}out> {{ ?s a <{G}Resource> }} }} "
                    f"WHERE {{ GRAPH ?g {{ ?s a <{DOC}> }} }}",
                    using_named_graph_uri=[G1, G2])
    assert writable.ask(f"ASK {{ GRAPH <{G}out> {{ <{G1}> a ?t . <{G2}> a ?t }} "
                        f"FILTER NOT EXISTS {{ GRAPH <{G}out> {{ <{G3}> ?p ?o }} }} }}")


def test_update_dataset_full(writable):
    writable.update("DROP ALL ;\n" + INSERT_ALL +
                    f"INSERT {{ GRAPH <{G}out> {{ ?s <{G}in> ?in }} }} WHERE {{ "
                    f"{{ GRAPH ?g {{ ?s a <{DOC}> }} BIND(?g AS ?in) }} UNION "
                    f'{{ ?s a <{DOC}> BIND("default" AS ?in) }} }}',
                    using_graph_uri=G1, using_named_graph_uri=G2)
    status, _, body = writable.request(
        "POST", None, f"SELECT ?s ?in WHERE {{ GRAPH <{G}out> {{ ?s <{G}in> ?in }} }} ORDER BY ?s",
        "application/sparql-query", accept="text/csv")
    assert status == 200 and body.decode().split() == ["s,in", f"{G1},default", f"{G2},{G2}"]


def test_update_post_form(writable):
    _restore(writable)
    status, _, _ = writable.request("POST", None, "update=CLEAR%20ALL",
                                    "application/x-www-form-urlencoded", token=True)
    assert 200 <= status < 300 and not writable.ask("ASK { ?s ?p ?o }")


def test_update_post_direct(writable):
    _restore(writable)
    status, _, _ = writable.request("POST", None, "CLEAR ALL", "application/sparql-update",
                                    token=True)
    assert 200 <= status < 300 and not writable.ask("ASK { ?s ?p ?o }")


def test_update_base_uri(writable):
    # the graph exists beforehand: Oxigraph keeps empty graphs, and CLEAR of a graph that does
    # not exist is an error in SPARQL Update for such stores (CLEAR SILENT is not)
    writable.update(f"INSERT DATA {{ GRAPH <{G}base> {{ <{G}s> <{G}p> <{G}o> }} }}")
    writable.update(f"CLEAR GRAPH <{G}base> ;\n"
                    f"INSERT DATA {{ GRAPH <{G}base> {{ <{G}s> <{G}p> <test> }} }}")
    status, _, body = writable.request(
        "POST", None, f"SELECT ?o WHERE {{ GRAPH <{G}base> {{ <{G}s> <{G}p> ?o }} }}",
        "application/sparql-query")
    assert status == 200
    [row] = json.loads(body)["results"]["bindings"]
    assert row["o"] == {"type": "uri", "value": f"http://127.0.0.1:{writable.port}/test"}
    assert URIRef(row["o"]["value"]) != URIRef("test")


def test_update_syntax_errors_are_placed_in_the_text_sent(writable):
    status, _, body = writable.request("POST", None, "CLEAR ALL ;\nINSERT DATA { <s> <p> }",
                                       "application/sparql-update", token=True)
    assert status == 400 and b"line 2" in body and b"BASE" not in body


# ---------------------------------------------------------------------------- the rewriting


@pytest.fixture(scope="module")
def store() -> object:
    import pyoxigraph as ox

    s = ox.Store()
    s.load(DATA.encode("utf-8"), ox.RdfFormat.N_QUADS)
    return s


@pytest.mark.parametrize(("query", "expected"), [
    # FROM in a comment, a string or an IRI is not a dataset clause, and stays as it is
    (f'ASK {{ ?s ?p "FROM <{G3}>" }} # FROM <{G3}>', False),
    (f"ASK {{ <{G1}> a ?t }}", True),
    (f"ASK FROM <{G3}> FROM NAMED <{G3}> WHERE {{ <{G1}> a ?t }}", True),
    (f"PREFIX g: <{G}> ASK FROM g:data3 {{ <{G1}> a ?t }}", True),
    # a CONSTRUCT template is not the WHERE clause; EXISTS in a projection is not either
    (f"CONSTRUCT {{ ?s a ?t }} WHERE {{ ?s a ?t FILTER(?s = <{G1}>) }}", 1),
    (f"SELECT (EXISTS {{ <{G2}> a ?t }} AS ?x) WHERE {{ <{G1}> a ?t }}", "false"),
    (f"DESCRIBE <{G1}>", 2),
    ("SELECT ?s WHERE { ?s a ?t } ORDER BY ?s LIMIT 5", [G1]),
])
def test_a_request_dataset_replaces_the_query_s(store, query, expected):
    from graph.server.protocol import with_dataset

    rewritten = with_dataset(query, [G1], [])
    assert len(rewritten) >= len(query)
    result = store.query(rewritten)  # parses: the clauses went where the grammar has them
    if isinstance(expected, bool):
        assert bool(result) is expected
    elif isinstance(expected, int):
        assert len(list(result)) == expected
    elif isinstance(expected, str):
        assert [str(row[0].value) for row in result] == [expected]
    else:
        assert [row[0].value for row in result] == expected
    # the text outside the clauses is kept
    if "#" in query:
        assert rewritten.endswith(f"# FROM <{G3}>") and f'"FROM <{G3}>"' in rewritten


def test_using_goes_into_every_operation_with_a_where(store):
    from graph.server.protocol import with_using

    update = (f"INSERT {{ GRAPH <{G}a> {{ ?s a ?t }} }} WHERE {{ ?s a ?t }} ;\n"
              f"DELETE WHERE {{ GRAPH <{G}none> {{ ?s ?p ?o }} }} ;\n"
              f'INSERT DATA {{ <{G}x> <{G}y> "where" }} ;\n'
              f"DELETE {{ GRAPH <{G}a> {{ ?s a ?t }} }} WHERE {{ GRAPH ?g {{ ?s a ?t }} }}")
    rewritten = with_using(update, [G1], [G2])
    assert rewritten.count(f"USING <{G1}> USING NAMED <{G2}> WHERE") == 2
    assert "DELETE WHERE {" in rewritten and '"where"' in rewritten


@pytest.mark.parametrize("update", [
    f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    f"DELETE {{ ?s ?p ?o }} USING <{G1}> WHERE {{ ?s ?p ?o }}",
    f"DELETE {{ ?s ?p ?o }} using named <{G1}> WHERE {{ ?s ?p ?o }}",
])
def test_an_update_with_its_own_dataset_and_the_request_s_is_refused(update):
    from graph.server.protocol import Refused, with_using

    with pytest.raises(Refused, match="names its own dataset") as caught:
        with_using(update, [G2], [])
    assert caught.value.status == 400
    assert with_using(update, [], []) == update  # alone, it is the update's own


@pytest.mark.parametrize(("text", "based"), [
    (f"ASK {{ <{G1}> ?p ?o }}", False),
    ('ASK { ?s ?p "<relative>" } # <relative>', False),
    ("ASK { <relative> ?p ?o }", True),
    ("INSERT DATA { <urn:x:s> <urn:x:p> <#o> }", True),
])
def test_a_base_is_given_only_to_texts_with_relative_iris(text, based):
    from graph.server.protocol import with_base

    rewritten = with_base(text, "http://127.0.0.1:1/sparql")
    assert rewritten == ("BASE <http://127.0.0.1:1/sparql>\n" + text if based else text)


@pytest.mark.parametrize(("params", "message"), [
    ({"query": ["ASK {}"], "update": ["CLEAR ALL"]}, "both a query and an update"),
    ({"query": ["ASK {}"], "using-graph-uri": [G1]}, "using-graph-uri does not apply"),
    ({"query": ["ASK {}"], "default-graph-uri": ["relative/graph"]}, "not an absolute IRI"),
    ({"query": ["ASK {}"], "named-graph-uri": [f"{G1}>{{"]}, "not an absolute IRI"),
    ({}, "give a query"),
])
def test_malformed_requests_are_refused_with_what_is_wrong(params, message):
    from graph.server.protocol import Refused, read_operation

    form = urllib.parse.urlencode(params, doseq=True).encode("ascii")
    with pytest.raises(Refused, match=message) as caught:
        read_operation({}, True, "application/x-www-form-urlencoded", form)
    assert caught.value.status == 400


def test_head_answers_like_get_without_a_body(readonly):
    status, headers, body = readonly.request("HEAD", {"query": "ASK {}"})
    assert status == 200 and body == b""
    assert headers.get_content_type() == "application/sparql-results+json"
    assert int(headers["Content-Length"]) > 0
