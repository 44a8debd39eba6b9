"""Every backend gives the same answers; loading is by content, in every RDF format, and atomic."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, Namespace, URIRef

import graph
from graph import resources
from graph.errors import InputError, ParseError
from graph.kg import KnowledgeGraph
from graph.stores import LOADS_GRAPH, OxigraphStore, load_files, open_store, text_rows
from graph.stores.loadlog import LoadLog

SCHEMA = Namespace("https://schema.org/")
PERSON = "https://w3id.org/innograph/id/person/"


def canonical(result: graph.QueryResult) -> list[tuple[str, ...]]:
    """Rows in a form that compares across stores: N3 of each term, sorted."""
    return sorted(tuple("" if t is None else t.n3() for t in row) for row in result.rows)


@pytest.fixture(scope="module")
def reference() -> KnowledgeGraph:
    return graph.load(store="oxigraph")


# ---------------------------------------------------------------------------- competency queries


# top-brokers answers only after metrics are added (tests/test_analysis.py)
@pytest.mark.parametrize("name", sorted(set(KnowledgeGraph.named_queries()) - {"top-brokers"}))
def test_every_backend_answers_every_named_query_alike(backend_kg, reference, name):
    ours = backend_kg.named_query(name)
    theirs = reference.named_query(name)
    assert ours.vars == theirs.vars
    assert canonical(ours) == canonical(theirs)
    assert ours.rows, f"{name} found nothing on {backend_kg.store.name}"


def test_seminar_topics_on_every_backend(backend_kg):
    # The claim graph claims:seminar-topics states five schema:about topics of the seminar held
    # on 2018-01-08: digitalisation, innovation, knowledge sharing, municipal leadership and
    # smart cities; the English prefLabels come from the ontology's TopicScheme.
    labels = [str(r[1]) for r in backend_kg.named_query("seminar-topics")]
    assert labels == ["digitalisation", "innovation", "knowledge sharing",
                      "municipal leadership", "smart cities and communities"]


def test_posts_on_article_date_on_every_backend(backend_kg):
    # Five post claims (claims:post-*) put a person in an org:Membership whose interval lies
    # inside tm:2018-01-09, the article's schema:datePublished; each person also heads the
    # organisation (org:headOf), so ?heads is true on every row.
    rows = backend_kg.named_query("posts-on-article-date").dicts()
    assert [str(r["name"]) for r in rows] == [
        "Elsie Hellström", "Jon-Vidar Knold", "Ole Gabrielsen", "Thor Moen", "Unni Skår"]
    assert {str(r["date"]) for r in rows} == {"2018-01-09"}
    assert all(r["heads"].toPython() is True for r in rows)


def test_evidence_with_bindings_on_every_backend(backend_kg):
    # Unni Skår's schema:name is asserted in claims:unni-skar, whose one selector spans the
    # code points 1522-1531 of the article (where her name stands).
    ev = backend_kg.evidence(PERSON + "unni-skar", str(SCHEMA.name))
    assert [(e.start, e.end) for e in ev] == [(1522, 1531)]
    assert ev[0].claim.endswith("/unni-skar")


def test_a_bound_variable_must_be_projected_on_every_backend(backend_kg):
    q = "SELECT ?name WHERE { ?p <https://schema.org/name> ?name }"
    with pytest.raises(InputError, match=r"\?p"):
        backend_kg.query(q, p=URIRef(PERSON + "unni-skar"))


def test_ask_and_construct_on_every_backend(backend_kg):
    assert backend_kg.query("ASK { ?p a <https://schema.org/Person> }").boolean is True
    assert backend_kg.query("ASK { ?p a <https://schema.org/Nothing> }").boolean is False
    g = backend_kg.query(
        "CONSTRUCT { ?p <https://schema.org/name> ?n } WHERE { ?p a <https://schema.org/Person> ;"
        " <https://schema.org/name> ?n }").graph
    # six persons are named in the article: Buckholm, Hellström, Knold, Gabrielsen, Moen, Skår
    assert len(g) == 6
    assert (URIRef(PERSON + "thor-moen"), SCHEMA.name, Literal("Thor Moen")) in g


def test_quads_give_back_what_was_loaded(backend_kg, reference):
    # The same quads on every backend, the graph name None for the default graph (the
    # provenance), whatever the store does inside; the load log graph is left out.
    def norm(kg):
        return sorted((s.n3(), p.n3(), o.n3(), "" if g is None else g.n3())
                      for s, p, o, g in kg.store.quads() if str(g) != LOADS_GRAPH)

    assert norm(backend_kg) == norm(reference)


# ---------------------------------------------------------------------------- loading


def _formats(tmp_path: Path) -> list[Path]:
    """The same small dataset (one named graph, a blank node) in every format we read."""
    ds = Dataset()
    ex = Namespace("http://example.org/")
    g = ds.graph(URIRef("http://example.org/claim"))
    g.add((ex.a, SCHEMA.name, Literal('Quote " and } and\nnewline', lang="en")))
    g.add((ex.a, SCHEMA.knows, ex.b))
    ds.default_graph.add((ex.claim, SCHEMA.about, ex.a))
    ds.default_graph.add((ex.b, SCHEMA.address, BNode("x")))
    ds.default_graph.add((BNode("x"), SCHEMA.name, Literal("somewhere")))
    out = []
    for ext, fmt in ((".trig", "trig"), (".nq", "nquads"), (".jsonld", "json-ld")):
        path = tmp_path / f"data{ext}"
        path.write_text(ds.serialize(format=fmt), encoding="utf-8")
        out.append(path)
    merged = ds.default_graph
    for ext, fmt in ((".ttl", "turtle"), (".nt", "nt"), (".rdf", "xml")):
        path = tmp_path / f"data{ext}"
        path.write_text(merged.serialize(format=fmt), encoding="utf-8")
        out.append(path)
    return out


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_every_rdf_format_loads(tmp_path, spec):
    # Quad formats hold 5 quads (2 in the named graph, 3 in the default graph); the triple
    # formats hold the 3 default-graph triples.
    for path in _formats(tmp_path):
        store = open_store(spec)
        report = load_files(store, [path])
        expected = 5 if path.suffix in (".trig", ".nq", ".jsonld") else 3
        assert len(store) == expected, path.name
        assert report.added == expected
        names = store.query("SELECT ?n WHERE { <http://example.org/a> <https://schema.org/name> ?n }")
        if expected == 5:
            assert str(names.rows[0][0]) == 'Quote " and } and\nnewline'


def test_loading_twice_adds_nothing_twice(tmp_path):
    for spec in ("memory", "oxigraph", f"oxigraph:{tmp_path / 'db'}"):
        store = open_store(spec)
        files = [*resources.default_files(), *_formats(tmp_path)[:1]]
        first = load_files(store, files)
        n = len(store)
        again = load_files(store, files)
        assert len(store) == n, spec
        assert again.added == 0 and len(again.skipped) == 3
        assert first.added > 1000
        store.close()


def test_the_load_log_survives_reopening_so_blank_nodes_are_not_added_again(tmp_path):
    # A blank node from a file is a new node each time the file is parsed, so only the
    # recorded digest keeps a second load (from another process, here another open) out.
    spec = f"oxigraph:{tmp_path / 'db'}"
    data = _formats(tmp_path)[0]
    kg = graph.load(data, store=spec)
    n = len(kg)
    kg.close()
    kg = graph.load(data, store=spec)
    assert len(kg) == n
    assert len(kg.store.loaded_digests()) == 3
    kg.close()


def test_the_load_log_records_each_file_beside_the_data(tmp_path):
    import hashlib

    store = OxigraphStore(tmp_path / "db")
    load_files(store, resources.default_files())
    entries = LoadLog(tmp_path / "db").entries()
    assert sorted(name for _, name in entries) == sorted(
        p.name for p in resources.default_files())
    assert sorted(d for d, _ in entries) == sorted(
        hashlib.sha256(p.read_bytes()).hexdigest() for p in resources.default_files())
    assert store.loaded_digests() == {d for d, _ in entries}
    store.close()


def test_in_memory_stores_keep_no_load_log_in_the_data():
    for spec in ("memory", "oxigraph"):
        kg = graph.load(store=spec)
        assert not kg.query(f"ASK {{ GRAPH <{LOADS_GRAPH}> {{ ?s ?p ?o }} }}").boolean


def test_a_parse_error_leaves_the_disk_store_as_it_was(tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    store = open_store(spec)
    load_files(store, resources.default_files())
    before = len(store)
    good = tmp_path / "good.ttl"
    good.write_text("<http://example.org/x> <http://example.org/p> 1 .\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/y> <http://example.org/p> 2 .\n<http://a> <http://b> \n",
                   encoding="utf-8")
    with pytest.raises(ParseError, match=r"bad\.ttl"):
        load_files(store, [good, bad])
    # good.ttl came first in the same load, so it is not kept either
    assert len(store) == before
    assert not store.query("ASK { <http://example.org/x> ?p ?o }").boolean
    assert load_files(store, [good]).added == 1


def test_a_parse_error_in_a_staged_load_leaves_the_disk_store_as_it_was(tmp_path, monkeypatch):
    import graph.stores.oxigraph as store_module

    monkeypatch.setattr(store_module, "STAGING_THRESHOLD", 0)
    db = tmp_path / "db"
    store = open_store(f"oxigraph:{db}")
    load_files(store, resources.default_files())
    before = len(store)
    bad = tmp_path / "bad.nq"
    bad.write_text("<http://example.org/y> <http://example.org/p> 2 .\n<http://a> <b> .\n",
                   encoding="utf-8")
    with pytest.raises(ParseError):
        load_files(store, [bad])
    assert len(store) == before
    assert not list(tmp_path.glob("*innograph-staging"))
    # the staged path works when the file is good, and the store stays where it was
    good = tmp_path / "good.nq"
    good.write_text('<http://example.org/y> <http://example.org/p> "2" .\n', encoding="utf-8")
    assert load_files(store, [good]).added == 1
    assert len(store) == before + 1  # the quad (the load log is kept beside the data)
    assert len(store.loaded_digests()) == 3  # the two default files and good.nq
    store.close()
    assert db.is_dir() and not list(tmp_path.glob("*innograph-old"))


def test_a_swap_cut_short_is_rolled_back_on_open(tmp_path):
    # A process killed between the two renames of a staged load leaves the old store beside
    # the path and nothing at it; opening the store puts the old one back.
    db = tmp_path / "db"
    kg = graph.load(store=f"oxigraph:{db}")
    n = len(kg)
    kg.close()
    db.rename(tmp_path / "db.innograph-old")
    store = open_store(f"oxigraph:{db}")
    assert len(store) == n
    assert not (tmp_path / "db.innograph-old").exists()
    store.close()


def test_unknown_and_missing_files_are_input_errors(tmp_path):
    store = open_store("oxigraph")
    with pytest.raises(InputError, match="no such file"):
        load_files(store, [tmp_path / "missing.ttl"])
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF file extension"):
        load_files(store, [tmp_path / "x.csv"])


def test_progress_reports_each_file(tmp_path):
    seen = []
    graph.load(_formats(tmp_path)[1], store="oxigraph", progress=seen.append)
    finished = [p for p in seen if p.finished]
    assert [p.path.name for p in finished] == [
        *(p.name for p in resources.default_files()), "data.nq"]
    assert [p.index for p in finished] == [1, 2, 3] and {p.files for p in seen} == {3}
    assert finished[-1].quads == 5 and finished[-1].done == finished[-1].size


# ---------------------------------------------------------------------------- term conversion


@pytest.mark.parametrize("value,datatype,lang", [
    ("Skår", None, None), ("Skår", None, "nb"), ("", None, None), ("x", None, "en-GB"),
    ("42", "integer", None), ("-7", "integer", None), ("007", "integer", None),
    ("+5", "integer", None), ("abc", "integer", None), ("0", "integer", None),
    ("2018-01-08", "date", None), ("2018-1-8", "date", None), ("2018-01-08Z", "date", None),
    ("true", "boolean", None), ("1", "boolean", None), ("TRUE", "boolean", None),
    ("2018", "gYear", None), ("3.50", "decimal", None), ("hi", "string", None),
])
def test_fast_term_conversion_builds_what_rdflib_builds(value, datatype, lang):
    # Oxigraph's terms become rdflib terms by a fast path for common literals; each must be
    # the very literal that rdflib's own constructor makes, value and all.
    import pyoxigraph as ox

    from graph.stores import XSD, term_converter

    dt = XSD + datatype if datatype else None
    if lang:
        term, expected = ox.Literal(value, language=lang), Literal(value, lang=lang.lower())
    elif dt:
        term = ox.Literal(value, datatype=ox.NamedNode(dt))
        expected = Literal(value) if datatype == "string" else Literal(value, datatype=URIRef(dt))
    else:
        term, expected = ox.Literal(value), Literal(value)
    got = term_converter()(term)
    assert (got, type(got), got.language, got.datatype) == (
        expected, type(expected), expected.language, expected.datatype)
    assert got.value == expected.value and got.ill_typed == expected.ill_typed
    assert hash(got) == hash(expected) and repr(got) == repr(expected)


def test_text_rows_are_the_query_rows_as_text_on_every_backend(backend_kg):
    # names with a language tag, IRIs and an unbound OPTIONAL, read both ways
    q = """SELECT ?e ?name ?none WHERE {
      ?e a <https://schema.org/Person> ; <https://schema.org/name> ?name .
      OPTIONAL { ?e <https://example.org/never> ?none } }"""
    plain = sorted(text_rows(backend_kg.store, q), key=str)
    terms = sorted((tuple(None if t is None else str(t) for t in row)
                    for row in backend_kg.query(q).rows), key=str)
    assert plain == terms
    assert ("https://w3id.org/innograph/id/person/unni-skar", "Unni Skår", None) in plain


def test_the_actor_view_is_the_same_on_every_backend(backend_kg, reference):
    # the projection reads links and evidence with one-property scans joined in Python; every
    # store must give the same nodes, edges and evidence as the in-memory Oxigraph
    def edges(kg):
        G = kg.to_networkx(view="actors")
        return sorted((u, v, k, d["evidence"], d["claims"], d["source"])
                      for u, v, k, d in G.edges(keys=True, data=True))

    ours, theirs = edges(backend_kg), edges(reference)
    assert ours == theirs
    assert any(e[3] for e in ours), "no edge carries evidence"
