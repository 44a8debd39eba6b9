"""The innograph command: exact output, exit codes, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_module


def test_query_named_prints_an_aligned_table(cli) -> None:
    r = cli("query", "seminar-topics")
    assert r.code == 0
    assert r.out == (
        "topic                          en                            nb                      sv\n"
        "-----------------------------  ----------------------------  ----------------------  ---------------------------\n"
        "ig:topic-digitalisation        digitalisation                digitalisering          digitalisering\n"
        "ig:topic-innovation            innovation                    innovasjon              innovation\n"
        "ig:topic-knowledge-sharing     knowledge sharing             kunnskapsdeling         kunskapsdelning\n"
        "ig:topic-municipal-leadership  municipal leadership          kommunalt lederskap     kommunalt ledarskap\n"
        "ig:topic-smart-cities          smart cities and communities  smarte byer og samfunn  smarta städer och samhällen\n"
        "(5 rows)\n"
    )


def test_query_csv_and_bindings(cli) -> None:
    r = cli("query", "evidence", "--bind", "subject=person:unni-skar",
            "--bind", "property=schema:name", "--format", "csv")
    assert r.code == 0
    # SPARQL 1.1 CSV results: CRLF line ends
    assert r.out == (
        "subject,property,object,claim,source,start,end\r\n"
        "https://w3id.org/innograph/id/person/unni-skar,https://schema.org/name,Unni Skår,"
        "https://w3id.org/innograph/id/claim/000_1c50d6c5c024da5a/unni-skar,"
        "https://w3id.org/innograph/id/article/2018-01-09-digital-tsunami-seminar,1522,1531\r\n"
    )


def test_query_json_is_sparql_results_json(cli) -> None:
    r = cli("query", "cross-border-actors", "--format", "json", "--store", "memory")
    doc = json.loads(r.out)
    assert doc["head"]["vars"] == ["actor", "name", "nameSv", "kind"]
    [row] = doc["results"]["bindings"]
    assert row["actor"] == {"type": "uri",
                            "value": "https://w3id.org/innograph/id/org/svinesundskomiteen"}
    assert row["nameSv"] == {"type": "literal", "value": "Svinesundskommittén", "xml:lang": "sv"}


def test_query_tsv_uses_rdf_terms(cli) -> None:
    r = cli("query", "SELECT ?d WHERE { ?a <https://schema.org/datePublished> ?d }",
            "--format", "tsv")
    assert r.out == '?d\n"2018-01-09"^^<http://www.w3.org/2001/XMLSchema#date>\n'


def test_query_from_a_file_and_ask(cli, tmp_path: Path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("ASK { ?x <https://schema.org/name> \"Thor Moen\" }\n", encoding="utf-8")
    assert cli("query", str(f)).out == "true\n"


def test_construct_prints_turtle(cli) -> None:
    r = cli("query", "CONSTRUCT { ?s <https://schema.org/name> ?n } WHERE { "
            "?s a <https://schema.org/Person> ; <https://schema.org/name> ?n }")
    assert r.code == 0
    assert 'person:unni-skar schema:name "Unni Skår" .' in r.out


def test_query_list_names_every_question(cli) -> None:
    out = cli("query", "--list").out.splitlines()
    assert len(out) == 15
    assert out[0].startswith("article ") and "photographed the article" in out[0]


def test_store_option_before_or_after_the_command(cli) -> None:
    a = cli("--store", "memory", "query", "seminar-topics", "--format", "csv")
    b = cli("query", "seminar-topics", "--format", "csv", "--store", "memory")
    assert a.out == b.out and a.code == b.code == 0


def test_syntax_error_exit_2_position_and_no_traceback() -> None:
    p = run_module("query", "SELECT ?s WHERE {\n  ?s ?p\n}")
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.startswith("Error: SPARQL syntax error at line 3, column ")
    assert "Traceback" not in p.stderr


def test_unknown_query_name_lists_the_named_queries(cli) -> None:
    r = cli("query", "who-is-who")
    assert r.code == 2
    assert "the named queries are: article, cross-border-actors" in r.err
    assert "did you mean" not in r.err


def test_validate_ok_and_with_violations(cli, tmp_path: Path) -> None:
    ok = cli("validate")
    assert ok.code == 0 and ok.out.startswith("Conforms:")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/p> a <https://schema.org/Person> .\n", encoding="utf-8")
    r = cli("validate", str(bad))
    assert r.code == 1
    assert r.out.splitlines()[:6] == [
        "Does not conform: 2 violation(s).",
        "",
        "Violation: <https://example.org/p>",
        "  path: prov:wasDerivedFrom",
        "  shape: igsh:PersonShape",
        "  A person must be asserted in a claim with evidence in a source.",
    ]


def test_validate_malformed_turtle_exit_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c ;\n", encoding="utf-8")
    p = run_module("validate", str(bad))
    assert p.returncode == 2
    assert p.stderr.startswith(f"Error: {bad}:")
    assert "Traceback" not in p.stderr


def test_find_and_entity(cli) -> None:
    assert cli("find", "Svinesundskomitténs").out == (
        "orgs:svinesundskomiteen  Svinesundskomiteen  (as 'Svinesundskomittén')\n"
    )
    r = cli("find", "nobody here")
    assert r.code == 2 and r.out == ""
    assert r.err == ("Error: nothing is named like 'nobody here'. "
                     "Try a shorter part of the name.\n")
    e = cli("entity", "Thor Moen").out.splitlines()
    assert e[0] == "Thor Moen  <https://w3id.org/innograph/id/person/thor-moen>"
    assert "  org:headOf  orgs:smart-innovation-norway-smart-cities   evidence 1604-1657" in e


def test_entity_ambiguous_name_is_an_input_error(cli) -> None:
    r = cli("entity", "smart")
    assert r.code == 2
    assert "'smart' names 4 things" in r.err


@pytest.mark.parametrize("fmt,suffix", [("turtle", ".ttl"), ("trig", ".trig"),
                                        ("nquads", ".nq"), ("ntriples", ".nt"),
                                        ("jsonld", ".jsonld")])
def test_export_writes_each_format(cli, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"graph{suffix}"
    r = cli("export", "--format", fmt, "-o", str(out))
    assert r.code == 0 and r.err == f"Wrote {out} ({fmt}).\n"
    assert out.stat().st_size > 10_000


def test_python_dash_m_and_help_with_examples() -> None:
    p = run_module("--help")
    assert p.returncode == 0
    assert "examples:" in p.stdout and "innograph query seminar-organiser" in p.stdout
    q = run_module("query", "--help")
    assert "example:\n  innograph query seminar-participants --format csv" in q.stdout
