"""Hostile files, stores, SPARQL and views: parsers that must not blow up or reach the network,
loads that must not lose data, and errors that must stay inside the GraphError tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import graph
from graph import stores as store_mod
from graph.stores import OxigraphStore, load_files
from graph.stores import oxigraph as oxigraph_store

from .hostile import Recorder, laughs

TINY = "<http://example.org/fjord> <http://example.org/navn> \"Iddefjorden\" .\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.nt"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.ttl"
    path.write_text('<http://example.org/a> <http://example.org/b> "uten slutt .\n',
                    encoding="utf-8")
    return path


STORES = ["memory", "oxigraph"]


# ---------------------------------------------------------------------------- 9. billion laughs


@pytest.mark.parametrize("spec", [*STORES, "disk"])
def test_nested_xml_entities_are_refused_on_every_store(tmp_path, spec):
    bomb = laughs(tmp_path / "latter.rdf")
    if spec == "disk":
        spec = f"oxigraph:{tmp_path / 'db'}"
    st = store_mod.open_store(spec)
    try:
        with pytest.raises(graph.ParseError, match=r"latter\.rdf:4: the entity 'l1' refers to "
                                                   "other entities"):
            load_files(st, [bomb])
        assert len(st) == 0
    finally:
        st.close()


def test_many_references_to_a_flat_entity_are_bounded(tmp_path):
    path = tmp_path / "flat.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY t "' + "x" * 1000 + '">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="http://example.org/x">\n'
        "<ex:p>" + "&t;" * 10_000 + "</ex:p>\n</rdf:Description>\n</rdf:RDF>\n",
        encoding="utf-8")
    with pytest.raises(graph.ParseError, match=r"flat\.rdf:5: .* more than 8 MB"):
        load_files(store_mod.open_store("oxigraph"), [path])


@pytest.mark.parametrize("spec", STORES)
def test_harmless_entities_still_load(tmp_path, spec):
    path = tmp_path / "ns.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="&ex;halden">'
        "<ex:navn>Halden</ex:navn></rdf:Description>\n</rdf:RDF>\n", encoding="utf-8")
    st = store_mod.open_store(spec)
    load_files(st, [path])
    rows = st.query("SELECT ?n WHERE { <http://example.org/halden> ?p ?n }").rows
    assert [str(r[0]) for r in rows] == ["Halden"]


def test_external_entities_are_refused(tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("passord", encoding="utf-8")
    path = tmp_path / "xxe.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/x">'
        "<ex:p>&s;</ex:p></rdf:Description></rdf:RDF>\n", encoding="utf-8")
    for spec in STORES:
        with pytest.raises(graph.ParseError, match="external entity 's' is refused"):
            load_files(store_mod.open_store(spec), [path])


# ---------------------------------------------------------------------------- 10. JSON-LD contexts


@pytest.mark.parametrize("spec", STORES)
def test_remote_json_ld_contexts_are_not_fetched(tmp_path, spec):
    victim = Recorder()
    try:
        path = tmp_path / "remote.jsonld"
        path.write_text(json.dumps({
            "@context": f"{victim.url}/context.jsonld",
            "@id": "http://example.org/halden", "navn": "Halden",
        }, indent=1), encoding="utf-8")
        with pytest.raises(graph.ParseError) as info:
            load_files(store_mod.open_store(spec), [path])
        assert "remote.jsonld" in str(info.value)
        assert victim.requests == []
    finally:
        victim.stop()


def test_a_context_file_beside_the_data_is_not_read(tmp_path):
    (tmp_path / "ctx.jsonld").write_text('{"@context": {"navn": "http://example.org/navn"}}')
    path = tmp_path / "local.jsonld"
    path.write_text('{\n "@context": [{"@vocab": "http://example.org/"}, "ctx.jsonld"],\n'
                    ' "@id": "http://example.org/x", "navn": "X"\n}\n', encoding="utf-8")
    with pytest.raises(graph.ParseError, match=r"local\.jsonld:2: the context 'ctx\.jsonld'"):
        load_files(store_mod.open_store("memory"), [path])


def test_inline_json_ld_contexts_load_on_the_memory_store(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(json.dumps({"@context": {"navn": "http://example.org/navn"},
                                "@id": "http://example.org/moss", "navn": "Moss"}))
    st = store_mod.open_store("memory")
    load_files(st, [path])
    assert [str(r[0]) for r in st.query("SELECT ?n WHERE { ?s ?p ?n }").rows] == ["Moss"]


# ---------------------------------------------------------------------------- 11. huge literals


@pytest.mark.parametrize("spec", STORES)
def test_a_literal_over_the_limit_names_the_file_and_the_limit(tmp_path, spec):
    path = tmp_path / "enorm.nt"
    with path.open("w", encoding="utf-8") as f:
        f.write('<http://example.org/a> <http://example.org/b> "')
        f.write("ø" * (9 << 20))  # 18 MB of UTF-8
        f.write('" .\n')
    with pytest.raises(graph.ParseError, match=r"enorm\.nt: a single literal or IRI is longer "
                                               r"than the parser's limit of 16 MB"):
        load_files(store_mod.open_store(spec), [path])


def test_a_two_megabyte_literal_loads_whole_on_the_memory_store(tmp_path):
    path = tmp_path / "lang.nt"
    value = "fjell og fjord " * 140_000  # 2.1 MB
    path.write_text(f'<http://example.org/a> <http://example.org/b> "{value}" .\n',
                    encoding="utf-8")
    st = store_mod.open_store("memory")
    load_files(st, [path])
    (row,) = st.query("SELECT ?o WHERE { ?s ?p ?o }").rows
    assert str(row[0]) == value


# ---------------------------------------------------------------------------- 12. lines


def test_rdf_xml_errors_name_the_line_on_the_default_store(tmp_path):
    path = tmp_path / "feil.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:ex="http://example.org/">\n<rdf:Description rdf:about="http://example.org/a">\n'
        "  <ex:p>x</ex:q>\n</rdf:Description>\n</rdf:RDF>\n", encoding="utf-8")
    with pytest.raises(graph.ParseError, match=r"feil\.rdf:4: not valid xml") as info:
        graph.load(path)
    assert info.value.line == 4


def test_n_quads_errors_name_the_line_on_the_memory_store(tmp_path):
    path = tmp_path / "feil.nq"
    path.write_text(TINY + '<http://example.org/a> <http://example.org/b> "x <http://g> .\n',
                    encoding="utf-8")
    with pytest.raises(graph.ParseError, match=r"feil\.nq:2: not valid nquads") as info:
        graph.load(path, store="memory")
    assert info.value.line == 2


# ---------------------------------------------------------------------------- 13. symlinks


def test_a_failed_staged_load_through_a_symlink_changes_nothing(tmp_path, good, bad,
                                                                monkeypatch):
    real, link = tmp_path / "db-real", tmp_path / "db-link"
    st = OxigraphStore(real)
    load_files(st, [good])
    size = len(st)
    st.close()
    link.symlink_to(real)
    monkeypatch.setattr(oxigraph_store, "STAGING_THRESHOLD", 0)  # every load is staged
    st = store_mod.open_store(f"oxigraph:{link}")
    with pytest.raises(graph.ParseError, match=r"bad\.ttl"):
        load_files(st, [bad])
    st.close()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("db")) == [
        "db-link", "db-real"]
    # a staged load that works goes through the link to the real folder
    more = tmp_path / "more.nt"
    more.write_text('<http://example.org/b> <http://example.org/navn> "Sarpsborg" .\n')
    st = store_mod.open_store(f"oxigraph:{link}")
    assert len(st) == size
    load_files(st, [more])
    st.close()
    assert link.is_symlink() and link.resolve() == real.resolve()
    st = OxigraphStore(real)
    assert len(st) == size + 1  # the triple (the record of the file is kept beside the data)
    assert len(st.loaded_digests()) == 2
    st.close()


# ---------------------------------------------------------------------------- 14. synth


def test_synth_keeps_the_old_file_when_the_arguments_are_bad(tmp_path, cli):
    keep = tmp_path / "keep.nq"
    keep.write_text(TINY, encoding="utf-8")
    result = cli("synth", "--triples", "5", "-o", str(keep))
    assert result.code == 2 and "--triples 5" in result.err
    assert keep.read_text(encoding="utf-8") == TINY
    result = cli("synth", "--triples", "1000", "-o", str(keep))
    assert result.code == 0
    assert keep.read_text(encoding="utf-8") != TINY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.nq"]  # no temporary file left


# ---------------------------------------------------------------------------- 15. all or nothing


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_a_failed_load_into_an_open_store_adds_nothing(good, bad, spec):
    st = store_mod.open_store(spec)
    with pytest.raises(graph.ParseError):
        graph.load(good, bad, store=st)
    assert len(st) == 0 and st.loaded_digests() == set()
    graph.load(store=st)
    size = len(st)
    with pytest.raises(graph.ParseError):
        load_files(st, [good, bad])
    assert len(st) == size


# ---------------------------------------------------------------------------- 16. bad values


@pytest.mark.parametrize("value", ["<http://example.org/a b>", "<>", "<http://example.org/}>",
                                   "<relativ/sti>"])
def test_bad_iris_in_bind_are_input_errors(cli, value):
    result = cli("query", "SELECT ?o WHERE { ?s ?p ?o }", "--bind", f"o={value}")
    assert result.code == 2, result.err
    assert result.err.startswith("Error: cannot bind ?o to <")
    assert "Internal error" not in result.err


@pytest.mark.parametrize("spec", STORES)
def test_bad_api_bindings_are_input_errors(spec):
    kg = graph.load(store=spec)
    q = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    for bindings in ({"o": URIRef("http://example.org/a b")}, {"o": URIRef("")},
                     {"o": URIRef("http://example.org/}")}, {"a b": Literal("x")},
                     {"o": Literal("\ud800")}, {"o": URIRef("http://example.org/\ud800")}):
        with pytest.raises(graph.InputError):
            kg.query(q, **bindings)
    with pytest.raises(graph.InputError, match="lone surrogate"):
        kg.query('SELECT ?s WHERE { ?s ?p "\ud800" }')


@pytest.mark.parametrize("call", ['entity("")', 'entity("<>")', 'entity("\\ud800")',
                                  'evidence("<>")', 'evidence("")'])
def test_bad_entity_names_are_graph_errors(kg, call):
    with pytest.raises(graph.GraphError):
        eval(f"kg.{call}", {"kg": kg})  # noqa: S307 - the calls above, nothing else


# ---------------------------------------------------------------------------- 17. escaping errors


def test_a_binary_source_text_is_refused_plainly(tmp_path, cli):
    path = tmp_path / "000_1c50d6c5c024da5a.txt"
    path.write_bytes(b"\xff\xfe\x00binary\x00")
    result = cli("view", "--source", str(path), "-o", str(tmp_path / "v.html"),
                        "--no-metrics")
    assert result.code == 2 and "not UTF-8 text" in result.err


@pytest.mark.parametrize("args", [
    ["export", "-o", "{dir}"], ["view", "--no-metrics", "-o", "{dir}"],
    ["build", "--no-metrics", "-o", "{file}"],
    ["export-network", "-o", "{file}/x.gexf"],
])
def test_outputs_of_the_wrong_kind_are_input_errors(tmp_path, cli, args):
    folder = tmp_path / "mappe.ttl"
    folder.mkdir()
    file = tmp_path / "fil"
    file.write_text("x", encoding="utf-8")
    argv = [a.format(dir=folder, file=file) for a in args]
    result = cli(*argv)
    assert result.code == 2, result.err
    assert "Error: " in result.err and "Internal error" not in result.err
    assert "Traceback" not in result.err
    assert file.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("url", ["http://bruker:hemmelig@[::1/query",
                                 "http://bruker:hemmelig@example.org/a b/query"])
def test_malformed_sparql_urls_are_input_errors_without_the_password(cli, url):
    result = cli("--store", f"sparql:{url}", "query", "article")
    assert result.code == 2, result.err
    assert "hemmelig" not in result.err and "Internal error" not in result.err


def test_a_service_that_drops_the_connection_is_a_store_error():
    dropper = Recorder(drop=True)
    try:
        kg = graph.load(store="memory")
        with pytest.raises(graph.StoreError, match="failed in the memory store"):
            kg.query(f"SELECT * WHERE {{ SERVICE <{dropper.url}/sparql> {{ ?s ?p ?o }} }}")
        assert dropper.requests
    finally:
        dropper.stop()


# ---------------------------------------------------------------------------- 18. terminal escapes


@pytest.mark.parametrize("command", ["entity", "find", "ego"])
def test_user_input_in_messages_is_escaped(cli, command):
    result = cli(command, "\x1b]0;eid\x07\x1b[2J")
    assert result.code in (1, 2)
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "\\x1b" in result.err


# ---------------------------------------------------------------------------- views


def test_hostile_labels_reach_the_page_as_text(tmp_path):
    path = tmp_path / "etiketter.ttl"
    path.write_text(
        '@prefix schema: <https://schema.org/> .\n'
        '<https://w3id.org/innograph/id/person/x> a schema:Person ;\n'
        '  schema:name "</script><script>alert(1)</script>" ;\n'
        '  schema:memberOf <https://w3id.org/innograph/id/org/svinesundskomiteen> .\n',
        encoding="utf-8")
    kg = graph.load(path)
    page = str(kg.render_html("actors", metrics=False))
    assert "<script>alert(1)</script>" not in page
    assert "alert(1)" in page  # shown, as text


@pytest.mark.parametrize("spec", STORES)
def test_queries_nested_past_the_parsers_stack_are_syntax_errors(spec):
    # 5,000 nested groups overflow Oxigraph's parser and crash the process
    st = store_mod.open_store(spec)
    for deep in ("SELECT * WHERE " + "{ " * 5_000 + "?s ?p ?o" + " }" * 5_000,
                 "ASK { FILTER(" + "(" * 5_000 + "1" + ")" * 5_000 + ") }"):
        with pytest.raises(graph.QuerySyntaxError, match="more than 1000 deep"):
            st.query(deep)
    shallow = "ASK { FILTER(" + "(" * 200 + "1" + ")" * 200 + ") }"
    if spec == "oxigraph":
        assert st.query(shallow).boolean is True
    else:  # rdflib's parser gives up much earlier, but with a plain syntax error
        with pytest.raises(graph.QuerySyntaxError):
            st.query(shallow)


def test_environment_tokens_do_not_leak_into_errors(monkeypatch):
    monkeypatch.setenv("INNOGRAPH_SPARQL_PASSWORD", "hemmelig")
    monkeypatch.setenv("INNOGRAPH_SPARQL_USER", "bruker")
    with pytest.raises(graph.StoreError) as info:
        graph.load(store=f"sparql:http://127.0.0.1:{_closed_port()}/query")
    assert "hemmelig" not in str(info.value)


def _closed_port() -> int:
    from .conftest import free_port

    return free_port()





@pytest.mark.parametrize("spec", STORES)
def test_a_from_graph_is_never_fetched(spec):
    victim = Recorder()
    try:
        kg = graph.load(store=spec)
        for q in (f"SELECT * FROM <{victim.url}/g.ttl> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{victim.url}/n.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                  f"ASK FROM <{victim.url}/a.ttl> {{ ?s ?p ?o }}"):
            kg.query(q)
        assert victim.requests == []
    finally:
        victim.stop()
