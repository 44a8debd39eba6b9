"""``innograph serve``: the SPARQL 1.1 Protocol, driven by SPARQLWrapper and by many clients."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, N3, TURTLE, XML, SPARQLWrapper

import graph
from graph.kg import KnowledgeGraph
from graph.server import TRUNCATED_HEADER, SparqlServer

from .conftest import free_port, run_module

PERSONS = """PREFIX schema: <https://schema.org/>
SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"""
# Every pair of quads times the six persons: about 1,100 x 1,100 x 6 = 7 million combinations,
# each checked by a string FILTER that never holds, so no row comes out and the query runs for
# several seconds (about 6 s here), far over the test's time limit of 0.5 s.
EXPENSIVE = """SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g a <https://schema.org/Person> .
  FILTER(CONCAT(STR(?c), STR(?f), STR(?g)) = "never") }"""


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return graph.load()


@pytest.fixture(scope="module")
def server(kg):
    s = SparqlServer(kg, port=0, timeout=20, max_results=1000)
    s.start()
    yield s
    s.stop()


def get(url: str, accept: str | None = None, data: bytes | None = None,
        headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    h = dict(headers or {})
    if accept:
        h["Accept"] = accept
    request = urllib.request.Request(url, data=data, headers=h)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def sparql_url(server: SparqlServer, query: str, **params: str) -> str:
    return f"{server.url}/sparql?{urllib.parse.urlencode({'query': query, **params})}"


def direct_names(kg: KnowledgeGraph) -> list[tuple[str, str]]:
    return [(str(p), str(n)) for p, n in kg.query(PERSONS).rows]


# ---------------------------------------------------------------------------- SPARQLWrapper


def wrapper(server: SparqlServer, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    w = SPARQLWrapper(server.url + "/sparql")
    w.setQuery(query)
    w.setReturnFormat(fmt)
    w.setMethod(method)
    return w


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server, kg, method):
    doc = wrapper(server, PERSONS, JSON, method).query().convert()
    got = [(b["p"]["value"], b["name"]["value"]) for b in doc["results"]["bindings"]]
    assert got == direct_names(kg)
    assert doc["head"]["vars"] == ["p", "name"]
    # six persons; Buckholm wrote the article, the others are named in it
    assert [n for _, n in got] == ["Elsie Hellström", "Jon-Vidar Knold", "Mari Kristine Buckholm",
                                   "Ole Gabrielsen", "Thor Moen", "Unni Skår"]


def test_sparqlwrapper_select_xml(server, kg):
    doc = wrapper(server, PERSONS, XML).query().convert()  # an xml.dom Document
    ns = "http://www.w3.org/2005/sparql-results#"
    got = []
    for result in doc.getElementsByTagNameNS(ns, "result"):
        cells = {b.getAttribute("name"): b.firstChild.firstChild.nodeValue
                 for b in result.getElementsByTagNameNS(ns, "binding")}
        got.append((cells["p"], cells["name"]))
    assert got == direct_names(kg)


def test_sparqlwrapper_select_csv(server, kg):
    text = wrapper(server, PERSONS, CSV).query().convert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["p", "name"]
    assert [tuple(r) for r in rows[1:]] == direct_names(kg)


def test_sparqlwrapper_ask(server):
    w = wrapper(server, "ASK { ?p a <https://schema.org/Person> }", JSON)
    assert w.query().convert()["boolean"] is True
    w = wrapper(server, "ASK { ?p a <https://schema.org/Spaceship> }", JSON)
    assert w.query().convert()["boolean"] is False


@pytest.mark.parametrize("fmt", [TURTLE, N3])
def test_sparqlwrapper_construct(server, kg, fmt):
    q = ("CONSTRUCT { ?p <https://schema.org/name> ?n } WHERE { ?p a <https://schema.org/Person> ;"
         " <https://schema.org/name> ?n }")
    w = wrapper(server, q, fmt)
    body = w.query().convert()
    g = body if isinstance(body, Graph) else Graph().parse(data=body, format="turtle")
    assert set(g) == set(kg.query(q).graph)
    assert len(g) == 6


# ---------------------------------------------------------------------------- the protocol


@pytest.mark.parametrize("accept,kind,check", [
    ("application/sparql-results+json", "application/sparql-results+json",
     lambda b: len(json.loads(b)["results"]["bindings"]) == 6),
    ("application/sparql-results+xml", "application/sparql-results+xml",
     lambda b: b.count(b"<result>") == 6),
    ("text/csv", "text/csv", lambda b: len(b.decode().splitlines()) == 7),
    ("text/tab-separated-values", "text/tab-separated-values",
     lambda b: b.decode().splitlines()[0] == "?p\t?name"),
])
def test_content_negotiation_for_results(server, accept, kind, check):
    status, headers, body = get(sparql_url(server, PERSONS), accept)
    assert status == 200
    assert headers["Content-Type"].startswith(kind)
    assert check(body)


@pytest.mark.parametrize("accept,kind,fmt", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_content_negotiation_for_graphs(server, kg, accept, kind, fmt):
    q = "DESCRIBE <https://w3id.org/innograph/id/person/thor-moen>"
    status, headers, body = get(sparql_url(server, q), accept)
    assert status == 200 and headers["Content-Type"].startswith(kind)
    assert set(Graph().parse(data=body.decode(), format=fmt)) == set(kg.query(q).graph)


def test_post_forms_and_sparql_query_bodies(server, kg):
    form = urllib.parse.urlencode({"query": PERSONS}).encode()
    a = get(server.url + "/sparql", "text/csv", form,
            {"Content-Type": "application/x-www-form-urlencoded"})
    b = get(server.url + "/sparql", "text/csv", PERSONS.encode(),
            {"Content-Type": "application/sparql-query"})
    assert a[0] == b[0] == 200 and a[2] == b[2]
    assert a[2].decode().count("\n") == 7


def test_unacceptable_types_and_bad_queries(server):
    status, _, body = get(sparql_url(server, PERSONS), "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = get(sparql_url(server, "SELECT ?x WHERE { ?x ?y }"))
    assert status == 400 and b"SPARQL syntax error" in body
    status, _, body = get(server.url + "/sparql")
    assert status == 400 and b"give a query" in body
    status, _, _ = get(server.url + "/nothing-here")
    assert status == 404


def test_a_format_parameter_overrides_accept(server):
    status, headers, _ = get(sparql_url(server, PERSONS, format="csv"), "application/json")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


def test_the_result_cap_cuts_rows_and_says_so(kg):
    s = SparqlServer(kg, port=0, max_results=3)
    s.start()
    try:
        status, headers, body = get(sparql_url(s, PERSONS), "application/sparql-results+json")
        rows = json.loads(body)["results"]["bindings"]
        assert status == 200 and len(rows) == 3
        assert headers[TRUNCATED_HEADER] == "true; max-results=3"
        # the first three of the six persons, in the query's order
        assert [r["name"]["value"] for r in rows] == [n for _, n in direct_names(kg)][:3]
        status, headers, _ = get(sparql_url(s, "ASK { ?s ?p ?o }"))
        assert TRUNCATED_HEADER not in headers
    finally:
        s.stop()


def test_a_query_over_its_time_is_stopped_and_others_are_served(kg):
    s = SparqlServer(kg, port=0, timeout=0.5)
    s.start()
    try:
        start = time.monotonic()
        box = {}
        t = threading.Thread(target=lambda: box.setdefault("r", get(sparql_url(s, EXPENSIVE))))
        t.start()
        time.sleep(0.1)
        # while the expensive query runs, a cheap one is answered, and correctly
        status, _, body = get(sparql_url(s, PERSONS), "text/csv")
        assert status == 200 and body.decode().count("\n") == 7
        t.join(30)
        status, headers, body = box["r"]
        assert status == 503
        assert b"time limit of 0.5 s" in body
        assert time.monotonic() - start < 10
    finally:
        s.stop()


def test_updates_are_refused_without_the_token(kg, tmp_path):
    update = ('INSERT DATA { <https://w3id.org/innograph/id/person/test> '
              '<https://schema.org/name> "Test Person" }')
    form = urllib.parse.urlencode({"update": update}).encode()
    ctype = {"Content-Type": "application/x-www-form-urlencoded"}
    ro = SparqlServer(kg, port=0)
    ro.start()
    try:
        status, _, body = get(ro.url + "/sparql", data=form, headers=ctype)
        assert status == 403 and b"read-only" in body
    finally:
        ro.stop()
    own = graph.load(store="oxigraph")
    rw = SparqlServer(own, port=0, allow_update=True, token="s3cret")
    rw.start()
    try:
        status, _, body = get(rw.url + "/sparql", data=form,
                              headers={**ctype, "Authorization": "Bearer wrong"})
        assert status == 403 and b"token" in body
        assert not own.find("Test Person")
        status, _, _ = get(rw.url + "/sparql", data=update.encode(), headers={
            "Content-Type": "application/sparql-update", "Authorization": "Bearer s3cret"})
        assert status == 204
        assert [m.label for m in own.find("Test Person")] == ["Test Person"]
    finally:
        rw.stop()


def test_allow_update_needs_a_token(kg):
    with pytest.raises(graph.InputError, match="--token"):
        SparqlServer(kg, port=0, allow_update=True)


# ---------------------------------------------------------------------------- concurrency


def test_fifty_clients_five_hundred_requests_all_correct(server, kg):
    names = sorted(KnowledgeGraph.named_queries())
    expected = {}
    for name in names:
        result = kg.named_query(name)
        expected[name] = [[None if t is None else str(t) for t in row] for row in result.rows]
    urls = {n: sparql_url(server, kg.named_query_text(n)) for n in names}

    busy = []

    def one(i: int) -> tuple[str, bool, str]:
        name = names[i % len(names)]
        # a busy server says so with 503 and Retry-After; a client waits that long and asks
        # again, as HTTP clients do (on a machine loaded with other work the slots can stay
        # full for the whole wait); every answer must still come, and be right
        for _ in range(4):
            status, headers, body = get(urls[name], "application/sparql-results+json")
            if status != 503:
                break
            busy.append(headers.get("Retry-After"))
            time.sleep(min(float(headers["Retry-After"]), 5.0))
        if status != 200:
            return name, False, f"HTTP {status}: {body[:200]!r}"
        doc = json.loads(body)
        got = [[b[v]["value"] if v in b else None for v in doc["head"]["vars"]]
               for b in doc["results"]["bindings"]]
        return name, got == expected[name], ""

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(500)))
    failures = [(n, why) for n, ok, why in results if not ok]
    assert not failures, failures[:5]
    assert len(results) == 500
    assert None not in busy  # every 503 said when to come back


# ---------------------------------------------------------------------------- page, explorer, CLI


def test_the_query_page_escapes_what_it_shows(server):
    evil = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'
    status, headers, body = get(f"{server.url}/?{urllib.parse.urlencode({'query': evil})}")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # in the form and in the table
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "http://" not in page.split("<body>")[0].replace("http-equiv", "")  # no CDN


def test_the_query_page_runs_a_named_query(server):
    status, _, body = get(f"{server.url}/?name=seminar-topics")
    page = body.decode()
    assert status == 200 and "5 rows" in page and "knowledge sharing" in page


def test_the_explorer_is_served_or_clearly_missing(server):
    status, headers, body = get(server.url + "/explorer")
    if hasattr(KnowledgeGraph, "render_html"):
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert b"Svinesundskomiteen" in body
    else:
        assert status == 501 and b"render_html" in body


def test_innograph_serve_from_the_command_line(tmp_path):
    port = free_port()
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/sparql" in line and "read-only" in line
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": PERSONS})
        status, _, body = get(url, "text/csv")
        assert status == 200 and "Unni Skår" in body.decode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_a_busy_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = run_module("serve", "--port", str(port))
    assert result.returncode == 1 and "Choose another --port" in result.stderr


def test_bindings_in_queries_through_the_server_are_values(server):
    # the server takes plain SPARQL; a query with its own VALUES works like any other
    q = ('SELECT ?name WHERE { VALUES ?p { <https://w3id.org/innograph/id/person/thor-moen> } '
         '?p <https://schema.org/name> ?name }')
    status, _, body = get(sparql_url(server, q), "text/csv")
    assert status == 200 and body.decode().splitlines() == ["name", "Thor Moen"]
