"""What a new user gets wrong on the command line: each mistake gets one clear message that
names the mistake and the way out, and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_misspelt_option_of_a_command_names_it_and_the_option_meant(cli) -> None:
    r = cli("query", "seminar-topics", "--fromat", "csv")
    assert r.code == 2
    assert r.err == ("Error: innograph query has no option '--fromat'. Did you mean --format? "
                     "See innograph query --help.\n")
    assert r.out == ""


def test_misspelt_option_with_its_value_after_an_equals_sign(cli) -> None:
    r = cli("analyze", "--tpo=3")
    assert r.code == 2
    assert r.err == ("Error: innograph analyze has no option '--tpo'. Did you mean --top? "
                     "See innograph analyze --help.\n")


def test_option_unlike_any_gets_no_guess(cli) -> None:
    r = cli("ego", "Svinesundskomiteen", "--zzzzzz")
    assert r.code == 2
    assert r.err == "Error: innograph ego has no option '--zzzzzz'. See innograph ego --help.\n"


def test_misspelt_global_option_is_named_not_taken_for_the_command(cli) -> None:
    r = cli("--stroe", "memory", "query", "seminar-topics")
    assert r.code == 2
    assert r.err == ("Error: innograph has no option '--stroe'. Did you mean --store? "
                     "See innograph --help.\n")


@pytest.mark.parametrize("argv, word", [
    (("entity", "Unni", "Skår"), "Skår"),  # a name with a space, not quoted
    (("query", "evidence", "--bind", "subject", "person:unni-skar"), "person:unni-skar"),
])
def test_argument_too_many_suggests_quotes(cli, argv: tuple[str, ...], word: str) -> None:
    r = cli(*argv)
    assert r.code == 2
    command = argv[0]
    assert r.err == (f"Error: innograph {command} takes no argument {word!r} there. A value "
                     f'with spaces needs quotes ("Unni Skår"); see innograph {command} --help.\n')


def test_global_options_in_their_equals_form_still_work(cli, tmp_path: Path) -> None:
    r = cli("--store=memory", "query", "--list")
    assert r.code == 0 and r.out.startswith("article ")


BROKEN_QUERY = """PREFIX schema: <https://schema.org/>
# personer med namn på bokmål
SELECT ?person ?name
WHERE {
  ?person a schema:Person ;
          schema:name ?name .
  FILTER(lang(?name) = "nb"
}
"""


@pytest.mark.parametrize("command", ["query", "view"])
def test_syntax_error_in_a_query_file_names_the_file(cli, tmp_path: Path, command: str) -> None:
    f = tmp_path / "personer.rq"
    f.write_text(BROKEN_QUERY, encoding="utf-8")
    argv = ("query", str(f)) if command == "query" else (
        "view", "--query", str(f), "-o", str(tmp_path / "page.html"))
    r = cli(*argv)
    assert r.code == 2
    first = r.err.splitlines()[0]
    assert first.startswith(f"Error: {f}: SPARQL syntax error at line 8, column 1: ")
    assert r.err.splitlines()[1:] == ["    }", "    ^"]
    assert not (tmp_path / "page.html").exists()


def test_syntax_error_in_query_text_names_no_file(cli) -> None:
    r = cli("query", "SELECT ?s WHERE { ?s ?p }")
    assert r.code == 2
    assert r.err.startswith("Error: SPARQL syntax error at line 1, column 26: ")


def test_resolve_with_an_iri_the_graph_lacks_says_so(cli, tmp_path: Path) -> None:
    target = tmp_path / "resolutions.trig"
    r = cli("resolve", "--accept", "orgs:no-938801363", "orgs:sarpsborg-kommune",
            "--curator", "Kari Nordmann", "-o", str(target))
    assert r.code == 2
    assert r.err == ("Error: the graph says nothing about orgs:no-938801363; check the IRI, or "
                     "look for the entity by name: innograph find no-938801363\n")
    assert not target.exists()


def test_resolve_of_a_person_and_an_organisation_is_still_refused_as_such(cli,
                                                                         tmp_path: Path) -> None:
    r = cli("resolve", "--reject", "person:unni-skar", "orgs:sarpsborg-kommune",
            "--curator", "Kari Nordmann", "-o", str(tmp_path / "r.trig"))
    assert r.code == 2
    assert "are not both persons or both organisations" in r.err


BROKEN_FILES = {
    # each breaks on line 7; the hint names what usually breaks a file of that format
    "klynge.ttl": ("""@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/> .

ex:klynge a schema:Organization ;
    schema:name "Fjordklyngen" .

ex:leder schema:name "Siv Fjell" ex:klynge .
""", "a missing '.', ';' or quote is the usual cause"),
    "klynge.jsonld": ("""{
  "@id": "https://example.org/klynge",
  "@type": "https://schema.org/Organization",
  "https://schema.org/name": "Fjordklyngen",
  "https://schema.org/location": {
    "@id": "https://example.org/sted"
    "https://schema.org/name": "Bodø"
  }
}
""", "a missing ',' or ':', or a key or text without its quotes, is the usual cause"),
    "klynge.rdf": ("""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:schema="https://schema.org/">
  <rdf:Description rdf:about="https://example.org/klynge">
    <schema:name>Fjordklyngen</schema:name>
  </rdf:Description>
  <rdf:Description rdf:about="https://example.org/sted">
</rdf:RDF>
""", "a tag that is not closed, or a bare '&' or '<' in text, is the usual cause"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_a_broken_rdf_file_gets_its_line_and_a_hint_for_its_format(cli, tmp_path: Path,
                                                                   name: str) -> None:
    text, hint = BROKEN_FILES[name]
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    r = cli("validate", str(f))
    assert r.code == 2
    first, second = r.err.splitlines()
    line = 8 if name.endswith(".rdf") else 7  # XML notices the unclosed tag where it should end
    assert first.startswith(f"Error: {f}:{line}: not valid ")
    assert second == f"Fix the file at that line ({hint}) and run again."


def test_export_network_csv_into_a_file_says_csv_needs_a_folder(cli, tmp_path: Path) -> None:
    f = tmp_path / "aktorer.graphml"
    f.write_text("<graphml/>\n", encoding="utf-8")
    r = cli("export-network", "--format", "csv", "-o", str(f))
    assert r.code == 2
    assert r.err == (f"Error: {f} is a file; CSV goes into a folder (nodes.csv and edges.csv): "
                     "give a folder with -o, or a .gexf or .graphml file name\n")
    assert f.read_text(encoding="utf-8") == "<graphml/>\n"


def test_export_network_gexf_onto_a_folder_says_it_is_a_folder(cli, tmp_path: Path) -> None:
    r = cli("export-network", "--format", "gexf", "-o", str(tmp_path))
    assert r.code == 2
    assert r.err == f"Error: {tmp_path} is a folder; -o takes the gexf file to write\n"


@pytest.mark.parametrize("spec", ["oxigraph:", "oxigraph: "])
def test_an_on_disk_store_without_a_folder_is_refused_not_kept_in_memory(
        cli, tmp_path: Path, spec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # as from --store oxigraph:$STORE_DIR with the variable unset: nothing would be kept
    monkeypatch.chdir(tmp_path)  # so that a store opened by mistake lands there
    f = tmp_path / "ekstra.ttl"
    f.write_text('<https://example.org/a> <https://schema.org/name> "Fjordklyngen" .\n',
                 encoding="utf-8")
    r = cli("load", str(f), "--store", spec)
    assert r.code == 2
    assert r.err == (f"Error: the store {spec!r} names no folder; give one after the colon "
                     "(oxigraph:./innograph-db), or oxigraph alone for a store in memory\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekstra.ttl"]


def test_an_on_disk_store_in_new_nested_folders_is_made(cli, tmp_path: Path) -> None:
    store = tmp_path / "prosjekt" / "lager" / "innograph-db"
    r = cli("query", "seminar-topics", "--format", "csv", "--store", f"oxigraph:{store}")
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == "topic,en,nb,sv"
    assert (store / "CURRENT").is_file()


def test_an_on_disk_store_under_a_file_names_the_file(cli, tmp_path: Path) -> None:
    blocking = tmp_path / "notat.txt"
    blocking.write_text("ikke en mappe\n", encoding="utf-8")
    r = cli("query", "seminar-topics", "--store", f"oxigraph:{blocking}/db")
    assert r.code == 1
    assert r.err == (f"Error: cannot open the Oxigraph store at {blocking}/db: {blocking} is a "
                     "file, not a folder. Give the path of a folder (new or holding a store).\n")


def test_an_option_of_another_command_gets_no_far_fetched_guess(cli) -> None:
    # ego has no --depth (view has); --data is too far from it to be what was meant
    r = cli("ego", "Unni Skår", "--depth", "2")
    assert r.code == 2
    assert r.err == "Error: innograph ego has no option '--depth'. See innograph ego --help.\n"


def test_a_bad_store_from_the_environment_says_where_it_came_from(
        cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INNOGRAPH_STORE", "oxigrah:./innograph-db")
    r = cli("query", "seminar-topics")
    assert r.code == 2
    assert r.err == ("Error: unknown store 'oxigrah:./innograph-db' (from $INNOGRAPH_STORE); use "
                     "memory, oxigraph, oxigraph:PATH or sparql:URL\n")
    r = cli("query", "seminar-topics", "--store", "memry")  # given on the command line
    assert r.err == ("Error: unknown store 'memry'; use memory, oxigraph, oxigraph:PATH or "
                     "sparql:URL\n")


ARTICLE_NB = """Ny leder i Fjordklyngen
Av Siv Fjell, 3. mars 2025

Torleif Mjøsund er ansatt som daglig leder i Fjordklyngen AS. Han kommer fra Nordlandsforskning.
"""


def test_compiling_an_unreviewed_draft_warns_that_its_suggestions_are_left_out(
        cli, tmp_path: Path) -> None:
    text = tmp_path / "fjordklyngen.txt"
    text.write_text(ARTICLE_NB, encoding="utf-8")
    draft = tmp_path / "fjordklyngen.claims.toml"
    assert cli("draft", str(text), "-o", str(draft)).code == 0
    suggested = draft.read_text(encoding="utf-8").count('status = "suggested"')
    assert suggested >= 3  # the person, the organisation, the post at least
    r = cli("compile", str(draft), "-o", str(tmp_path / "out.trig"))
    assert r.code == 0
    assert r.err.splitlines()[0] == (
        f"Warning: {suggested} suggested record(s) of this draft left out, as not yet accepted; "
        f"review them first (innograph review {draft}), or compile them all with "
        "--include-suggested")
    r = cli("compile", str(draft), "--include-suggested", "-o", str(tmp_path / "all.trig"))
    assert r.code == 0 and "left out" not in r.err


def test_a_misspelt_bind_name_is_refused_with_the_variable_meant(cli) -> None:
    r = cli("query", "person-posts", "--bind", "persn=person:unni-skar")
    assert r.code == 2
    assert r.err == ("Error: --bind persn=…: the query person-posts has no variable ?persn. "
                     "Did you mean ?person?\n")
    assert r.out == ""


def test_a_bind_name_unlike_any_lists_the_query_variables(cli) -> None:
    r = cli("query", "SELECT ?navn WHERE { ?org <https://schema.org/name> ?navn }",
            "--bind", "x=1")
    assert r.code == 2
    assert r.err == ("Error: --bind x=…: the query has no variable ?x. "
                     "Its variables: ?navn, ?org\n")


def test_binding_a_variable_the_query_has_still_works(cli) -> None:
    r = cli("query", "person-posts", "--bind", "person=person:unni-skar", "--format", "csv")
    assert r.code == 0
    assert r.out.count("\r\n") == 2  # the header and Unni Skår's one post
