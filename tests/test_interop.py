"""Exports read back by parsers nobody here wrote: pyoxigraph, rdflib, N3.js, jsonld.js and
graphology (from npm, in ``.ci/node_modules``), and the GraphML and GEXF XML Schemas (from
``../shared/schemas``, validated offline with lxml).

Without node or the npm packages, or without ``../shared``, these tests skip with the reason,
except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef

import graph
from graph import KnowledgeGraph
from graph.network import to_networkx, write_network
from graph.results import format_result
from graph.stores import QueryResult

from .conftest import ROOT, missing, require_shared

NODE_MODULES = Path(os.environ.get("INNOGRAPH_NODE_MODULES", ROOT / ".ci"))
READER = ROOT / "tests" / "node" / "read.cjs"
NPM_PACKAGES = ("n3", "jsonld", "graphology", "graphology-graphml", "graphology-gexf",
                "@xmldom/xmldom")
ID = "https://w3id.org/innograph/id/"
SCHEMA = "https://schema.org/"

# Literals that break careless writers: tabs, line breaks, quotes, backslashes, commas,
# a line separator, non-Latin letters, an empty string, a language tag and a datatype.
TRICKY = [
    Literal("Kari\tNordmann"),
    Literal("første linje\nandre linje\r\ntredje"),
    Literal('Hon sa "hej", och gick.', lang="sv"),
    Literal("C:\\mappe\\fil"),
    Literal("Ærlig, ødsel og årvåken \u2028 slutt"),
    Literal(""),
    Literal("kode 7", datatype=URIRef("https://example.org/kode")),
]


def node_reader() -> None:
    """Skip (fail under CI) unless node and the npm readers are installed."""
    if shutil.which("node") is None:
        missing("node is missing: apt-get install nodejs npm (bash .ci/run installs it)")
    absent = [p for p in NPM_PACKAGES if not (NODE_MODULES / "node_modules" / p).is_dir()]
    if absent:
        missing(f"npm packages missing in {NODE_MODULES}/node_modules: {', '.join(absent)}; "
                f"install them with: npm ci --prefix .ci")


def read_js(*args: str) -> Any:
    """Run tests/node/read.cjs and return its JSON answer."""
    node_reader()
    p = subprocess.run(["node", str(READER), *args], capture_output=True, text=True,
                       timeout=120, env={**os.environ, "INNOGRAPH_NODE_MODULES": str(NODE_MODULES)})
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def quad_set(nquads_lines: list[str]) -> set[ox.Quad]:
    """N-Quads lines, parsed by pyoxigraph."""
    text = "\n".join(nquads_lines) + "\n"
    return set(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def ox_read(path: Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(path.read_bytes(), format=fmt))


def no_graph(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads}


@pytest.fixture(scope="module")
def tricky_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The packaged graph plus a person whose names are the tricky literals."""
    folder = tmp_path_factory.mktemp("tricky")
    ds = Dataset()
    person = URIRef(ID + "person/kari-test")
    claim = ds.graph(URIRef(ID + "claim/test/kari"))
    for value in TRICKY:
        claim.add((person, URIRef(SCHEMA + "alternateName"), value))
    ds.add((person, URIRef(SCHEMA + "name"), Literal("Kari Test")))
    path = folder / "tricky.trig"
    ds.serialize(path, format="trig")
    return graph.load(path)


@pytest.fixture(scope="module")
def exports(tricky_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    return {suffix: tricky_kg.export(folder / f"innograph{suffix}")
            for suffix in (".ttl", ".nt", ".trig", ".nq", ".jsonld")}


@pytest.fixture(scope="module")
def reference(exports: dict[str, Path]) -> set[ox.Quad]:
    """Every quad, as pyoxigraph reads the N-Quads export."""
    return ox_read(exports[".nq"], ox.RdfFormat.N_QUADS)


# ---------------------------------------------------------------------------- RDF exports


def test_nquads_export_holds_every_quad_with_the_tricky_literals(tricky_kg, reference) -> None:
    assert len(reference) == len(tricky_kg)
    person = ox.NamedNode(ID + "person/kari-test")
    names = {q.object.value for q in reference if q.subject == person
             and q.predicate == ox.NamedNode(SCHEMA + "alternateName")}
    assert names == {str(v) for v in TRICKY}


@pytest.mark.parametrize("suffix,fmt", [(".trig", ox.RdfFormat.TRIG),
                                        (".jsonld", ox.RdfFormat.JSON_LD)])
def test_pyoxigraph_reads_the_dataset_exports_as_written(exports, reference, suffix, fmt) -> None:
    assert ox_read(exports[suffix], fmt) == reference


@pytest.mark.parametrize("suffix,fmt", [(".ttl", ox.RdfFormat.TURTLE),
                                        (".nt", ox.RdfFormat.N_TRIPLES)])
def test_pyoxigraph_reads_the_merged_exports(exports, reference, suffix, fmt) -> None:
    quads = ox_read(exports[suffix], fmt)
    assert {q.graph_name for q in quads} == {ox.DefaultGraph()}
    assert no_graph(quads) == no_graph(reference)


def test_jsonld_default_graph_is_the_default_graph_everywhere(tricky_kg, exports,
                                                              reference) -> None:
    default = {q for q in reference if q.graph_name == ox.DefaultGraph()}
    # the store's own default graph, counted without any export in between
    assert len(default) == sum(1 for *_, g in tricky_kg.store.quads() if g is None) > 700
    # pyoxigraph
    quads = ox_read(exports[".jsonld"], ox.RdfFormat.JSON_LD)
    assert {q for q in quads if q.graph_name == ox.DefaultGraph()} == default
    assert not any(isinstance(q.graph_name, ox.BlankNode) for q in quads)
    # rdflib
    ds = Dataset()
    ds.parse(exports[".jsonld"], format="json-ld")
    assert len(ds.default_graph) == len(default)
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(reference)
    # jsonld.js
    js = quad_set(read_js("rdf", "jsonld", str(exports[".jsonld"]))["quads"])
    assert js == reference


@pytest.mark.parametrize("suffix,fmt", [(".trig", "trig"), (".nq", "nquads")])
def test_n3js_reads_the_dataset_exports_as_pyoxigraph_does(exports, reference, suffix,
                                                           fmt) -> None:
    assert quad_set(read_js("rdf", fmt, str(exports[suffix]))["quads"]) == reference


@pytest.mark.parametrize("suffix,fmt", [(".ttl", "turtle"), (".nt", "ntriples")])
def test_n3js_reads_the_merged_exports_as_pyoxigraph_does(exports, reference, suffix,
                                                          fmt) -> None:
    assert no_graph(quad_set(read_js("rdf", fmt, str(exports[suffix]))["quads"])) == (
        no_graph(reference))


def test_cli_export_takes_the_format_from_the_extension(cli, tmp_path) -> None:
    out = tmp_path / "x.nq"
    r = cli("export", "-o", str(out))
    assert (r.code, r.out, r.err) == (0, "", f"Wrote {out} (nquads).\n")
    quads = ox_read(out, ox.RdfFormat.N_QUADS)
    assert len(quads) == len(graph.load())
    assert any(q.graph_name != ox.DefaultGraph() for q in quads)


def test_cli_export_refuses_a_format_the_extension_contradicts(cli, tmp_path) -> None:
    r = cli("export", "-o", str(tmp_path / "x.nq"), "--format", "turtle")
    assert r.code == 2
    assert r.err == ("Error: x.nq: the extension .nq means nquads, not turtle; "
                     "name the file x.ttl, or use --format nquads\n")
    assert not (tmp_path / "x.nq").exists()
    r = cli("export", "-o", str(tmp_path / "x.txt"))
    assert r.code == 2
    assert r.err == (f"Error: {tmp_path / 'x.txt'}: cannot tell the export format from the "
                     "extension '.txt'; use one of .json, .jsonld, .nq, .nt, .trig, .ttl, or "
                     "give --format (jsonld, nquads, ntriples, trig, turtle)\n")
    # an extension that is no export format, with --format: written as asked
    r = cli("export", "-o", str(tmp_path / "x.txt"), "--format", "ntriples")
    assert r.code == 0
    assert len(ox_read(tmp_path / "x.txt", ox.RdfFormat.N_TRIPLES)) > 700


# ---------------------------------------------------------------------------- SPARQL results


def tricky_result() -> QueryResult:
    """A SELECT result with every kind of term, and an unbound cell."""
    rows = [(URIRef(ID + "person/kari-test"), v, BNode("b1") if i == 0 else None)
            for i, v in enumerate(TRICKY)]
    return QueryResult("SELECT", ["who", "name", "note"], rows)


def test_tsv_results_are_read_back_by_pyoxigraph_term_for_term() -> None:
    result = tricky_result()
    text = format_result(result, "tsv")
    assert '"""' not in text
    lines = text.split("\n")
    assert lines[0] == "?who\t?name\t?note" and lines[-1] == ""
    assert len(lines) == len(result.rows) + 2  # one line per row: breaks are escaped
    parsed = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    assert [v.value for v in parsed.variables] == result.vars
    got = [[s[v] for v in parsed.variables] for s in parsed]
    for row, (who, name, note) in zip(result.rows, got, strict=True):
        assert who == ox.NamedNode(str(row[0]))
        assert isinstance(name, ox.Literal) and name.value == str(row[1])
        assert (name.language or None) == row[1].language
        dt = row[1].datatype or (URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
                                 if row[1].language else
                                 URIRef("http://www.w3.org/2001/XMLSchema#string"))
        assert name.datatype.value == str(dt)
        assert (note is None) == (row[2] is None)
    assert isinstance(got[0][2], ox.BlankNode)


def test_csv_results_have_crlf_lines_and_quoted_fields() -> None:
    result = tricky_result()
    data = format_result(result, "csv")
    assert data.startswith("who,name,note\r\n")
    # every record ends in CRLF; a bare LF appears only inside a quoted field
    assert data.endswith("\r\n")
    assert '"Hon sa ""hej"", och gick."' in data
    assert '"første linje\nandre linje\r\ntredje"' in data
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == result.vars
    assert [r[1] for r in rows[1:]] == [str(v) for v in TRICKY]
    assert rows[1][2] == "_:b1" and rows[2][2] == ""
    assert [r[0] for r in rows[1:]] == [ID + "person/kari-test"] * len(TRICKY)


# ---------------------------------------------------------------------------- network files


NMTOKEN = re.compile(r"^[\w.:-]+$")


@pytest.fixture(scope="module")
def network_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    kg = graph.load()
    folder = tmp_path_factory.mktemp("networks")
    out = {}
    for view in ("actors", "organisations"):
        for fmt in ("graphml", "gexf"):
            (out[view, fmt],) = write_network(to_networkx(kg, view), folder / f"{view}.{fmt}")
    return out


def xsd(relative: str) -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(require_shared(relative))))


@pytest.mark.parametrize("view", ["actors", "organisations"])
def test_graphml_is_valid_and_graphology_reads_it(kg, network_files, view) -> None:
    from lxml import etree

    path = network_files[view, "graphml"]
    schema = xsd("schemas/graphml/graphml.xsd")
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    node_ids = doc.xpath("//g:node/@id", namespaces=ns)
    edge_ids = doc.xpath("//g:edge/@id", namespaces=ns)
    assert all(NMTOKEN.match(i) for i in node_ids + edge_ids)
    assert len(set(edge_ids)) == len(edge_ids)
    G = to_networkx(kg, view)
    read = read_js("graphml", str(path))
    assert sorted(n["attributes"]["iri"] for n in read["nodes"]) == sorted(G)
    iri = {n["key"]: n["attributes"]["iri"] for n in read["nodes"]}
    ends = sorted((iri[e["source"]], iri[e["target"]]) for e in read["edges"])
    want = sorted((u, v) if G.is_directed() else (u, v) for u, v in G.edges())
    if not G.is_directed():
        ends, want = sorted(tuple(sorted(e)) for e in ends), sorted(tuple(sorted(e)) for e in want)
    assert ends == want
    labels = {n["attributes"]["iri"]: n["attributes"]["label_en"] for n in read["nodes"]}
    assert labels[ID + "org/svinesundskomiteen"] == G.nodes[ID + "org/svinesundskomiteen"][
        "label_en"]


@pytest.mark.parametrize("view", ["actors", "organisations"])
def test_gexf_is_valid_gexf_1_3_and_graphology_reads_it(kg, network_files, view) -> None:
    from lxml import etree

    path = network_files[view, "gexf"]
    doc = etree.parse(str(path))
    assert doc.getroot().get("version") == "1.3"
    schema = xsd("schemas/gexf/1.3/gexf.xsd")
    assert schema.validate(doc), schema.error_log
    G = to_networkx(kg, view)
    read = read_js("gexf", str(path))
    assert sorted(n["key"] for n in read["nodes"]) == sorted(G)
    assert len(read["edges"]) == G.number_of_edges()
    assert len({e["key"] for e in read["edges"]}) == G.number_of_edges()
    sectors = {n["key"]: n["attributes"]["sector"] for n in read["nodes"]}
    assert sectors == {v: d["sector"] for v, d in G.nodes(data=True)}
