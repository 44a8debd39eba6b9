"""One consistent command line: --version, "did you mean", hints that paste, one span format,
exit codes as the README's table says, warnings for empty answers, and the API accepting what
the CLI accepts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import graph
from graph import NotFoundError
from graph.cli import build_parser

from .conftest import ROOT, run_module

COMMANDS = build_parser().commands

UNNI = "https://w3id.org/innograph/id/person/unni-skar"


def test_version_prints_the_installed_version(cli) -> None:
    from importlib.metadata import version

    r = cli("--version")
    assert (r.code, r.out, r.err) == (0, f"innograph {version('innograph')}\n", "")


def test_a_misspelt_command_gets_did_you_mean(cli) -> None:
    r = cli("quer", "seminar-topics")
    assert r.code == 2 and r.out == ""
    assert r.err.startswith("Error: 'quer' is not an innograph command. Did you mean 'query'? ")
    r = cli("--store", "memory", "exprot", "-o", "x.ttl")
    assert r.code == 2 and "Did you mean 'export'?" in r.err


def test_a_misspelt_named_query_gets_did_you_mean(cli) -> None:
    r = cli("query", "seminar-topic")
    assert r.code == 2
    assert r.err.startswith(
        "Error: 'seminar-topic' is not a named query, a .rq file or a SPARQL query; "
        "did you mean 'seminar-topics'? the named queries are: article,")
    with pytest.raises(NotFoundError, match="did you mean 'quotations'"):
        graph.KnowledgeGraph.named_query_text("quotation")


def test_a_misspelt_name_gets_did_you_mean_and_a_hint_that_pastes(cli) -> None:
    r = cli("path", "Uni Skaar", "Jon-Vidar Knold")
    assert r.code == 2
    assert r.err == ("Error: nothing is named 'Uni Skaar'. Did you mean 'Unni Skår'? "
                     "Try part of the name: innograph find Uni\n")
    r = cli("find", "Tor Møen")
    assert (r.code, r.out) == (2, "")
    assert r.err == ("Error: nothing is named like 'Tor Møen'. Did you mean 'Thor Moen'? "
                     "Try a shorter part of the name.\n")


def test_hints_quote_what_the_shell_would_split(kg) -> None:
    with pytest.raises(NotFoundError) as caught:
        kg.resolve("Ola's  firma")
    hint = str(caught.value).rsplit(": ", 1)[1]
    assert hint == "innograph find " + shlex.quote("Ola's")
    assert shlex.split(hint) == ["innograph", "find", "Ola's"]


def test_evidence_spans_print_one_way(cli) -> None:
    entity = cli("entity", "Unni Skår").out
    path = cli("path", "Unni Skår", "Jon-Vidar Knold").out
    spans = re.findall(r"\b\d+[-:–]\d+\b|\[\d+:\d+\]", entity + path)
    assert spans and all(re.fullmatch(r"\d+-\d+", s) for s in spans)
    assert "schema:name  Unni Skår   evidence 1522-1531" in entity


def test_find_without_a_match_is_exit_2_as_the_readme_says(cli) -> None:
    r = cli("find", "xyzzy")
    assert (r.code, r.out) == (2, "")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `find` | the store fails | nothing is named like that |" in readme


def test_the_readme_exit_code_table_names_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for command in COMMANDS:
        assert f"`{command}`" in table, command


def test_every_readme_flag_is_a_flag_of_its_command() -> None:
    """Each ``innograph COMMAND ... --flag`` in the README exists in that command's --help."""
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        m = re.search(r"innograph\s+(?:--store \S+\s+)?([a-z-]+)\b(.*)", line)
        if not m or m.group(1) not in COMMANDS:
            continue
        known = {o for a in sub.choices[m.group(1)]._actions for o in a.option_strings}
        known |= {"--store", "--version", "--help"}
        for flag in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", m.group(2)):
            assert flag in known, (m.group(1), flag, line)


def test_extra_data_files_are_given_the_same_way_everywhere(cli, tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "<https://w3id.org/innograph/id/person/ola-test> a <https://schema.org/Person> .\n",
        encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        if name in ("synth", "import-registry"):  # they write data from their own inputs
            continue
        assert "--data" in {o for a in p._actions for o in a.option_strings}, name
    # validate takes them as --data, or (as load does) as plain arguments
    a, b = cli("validate", "--data", str(extra)), cli("validate", str(extra))
    assert a.code == b.code == 1 and a.out == b.out
    assert "ola-test" in a.out


def test_query_top_brokers_warns_when_no_metrics_are_stored(cli) -> None:
    r = cli("query", "top-brokers")
    assert r.code == 0 and r.out.endswith("(0 rows)\n")
    assert r.err == (
        "Warning: top-brokers found nothing: no network metrics are stored: run `innograph "
        "analyze --write` first, with a store that keeps them (--store oxigraph:PATH).\n")


def test_top_brokers_answers_after_analyze_write_without_a_warning(cli, tmp_path: Path) -> None:
    store = f"oxigraph:{tmp_path / 'db'}"
    assert cli("--store", store, "analyze", "--write").code == 0
    r = cli("--store", store, "query", "top-brokers")
    assert r.code == 0 and r.err == "" and "(0 rows)" not in r.out


def test_an_unknown_prefix_in_bind_warns(cli) -> None:
    r = cli("query", "evidence", "--bind", "subject=persn:unni-skar")
    assert r.code == 0 and r.out.endswith("(0 rows)\n")
    assert r.err.startswith(
        "Warning: --bind subject=persn:unni-skar: 'persn' is not a known prefix, so the value "
        "was bound as the text 'persn:unni-skar', which matched nothing. Known prefixes: ")
    # a known prefix: no warning
    r = cli("query", "evidence", "--bind", "subject=person:unni-skar")
    assert r.code == 0 and r.err == ""


def test_analyze_csv_honours_top(cli) -> None:
    rows = cli("analyze", "--format", "csv", "--top", "5").out.strip("\n").split("\n")
    assert len(rows) == 6 and rows[0].startswith("rank,id,label")
    assert [r.split(",")[0] for r in rows[1:]] == ["1", "2", "3", "4", "5"]
    every = cli("analyze", "--format", "csv").out.strip("\n").split("\n")
    assert len(every) == 29 and every[1:6] == rows[1:]  # all 28 actors without --top
    r = cli("analyze", "--top", "0")
    assert r.code == 2 and r.err == "Error: --top 0: give 1 or more rows\n"


def test_entity_and_evidence_take_an_iri_a_curie_or_a_name(kg) -> None:
    by_iri = kg.entity(UNNI)
    assert kg.entity("person:unni-skar") == by_iri == kg.entity("Unni Skår")
    assert kg.entity(f"<{UNNI}>") == by_iri
    spans = [(e.start, e.end) for e in kg.evidence("Unni Skår", "schema:name")]
    assert spans == [(1522, 1531)]
    assert kg.evidence(UNNI, "https://schema.org/name") == kg.evidence("person:unni-skar",
                                                                      "schema:name")


@pytest.mark.parametrize("name", ["Nobody Nowhere", "person:nobody",
                                  "https://w3id.org/innograph/id/person/nobody"])
def test_entity_and_evidence_raise_not_found(kg, name: str) -> None:
    with pytest.raises(NotFoundError):
        kg.entity(name)
    with pytest.raises(NotFoundError):
        kg.evidence(name)


def test_build_refuses_a_folder_it_did_not_write(cli, tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "plan.txt").write_text("mitt", encoding="utf-8")
    r = cli("build", "-o", str(mine), "--no-metrics")
    assert (r.code, r.out) == (2, "")
    assert r.err == (f"Error: {mine} has files that `innograph build` did not write (no "
                     ".innograph-site in it); choose a new folder with -o, or give --force to "
                     "write into it anyway\n")
    assert sorted(p.name for p in mine.iterdir()) == ["plan.txt"]
    # a folder it wrote is written again without a word; --force writes into any folder
    site = tmp_path / "site"
    assert cli("build", "-o", str(site), "--no-metrics").code == 0
    assert cli("build", "-o", str(site), "--no-metrics").code == 0
    r = cli("build", "-o", str(mine), "--no-metrics", "--force")
    assert r.code == 0 and (mine / "plan.txt").is_file() and (mine / "index.html").is_file()


def test_user_mistakes_are_errors_with_exit_2_never_internal(cli, tmp_path: Path) -> None:
    a_file = tmp_path / "taken.html"
    a_file.write_text("x", encoding="utf-8")
    cases = {
        ("build", "-o", str(a_file)):
            f"Error: {a_file} is a file, not a folder; give a folder to write with -o\n",
        ("build", "-o", str(tmp_path / "s"), "--source", str(tmp_path / "000_x.txt")):
            f"Error: {tmp_path / '000_x.txt'}: no such file or folder; --source takes a "
            "source text named <source id>.txt, or a folder of source texts (source ids of the "
            "graph: 000_1c50d6c5c024da5a)\n",
        ("export", "-o", str(tmp_path)):
            f"Error: {tmp_path} is a folder; -o takes the file to write\n",
        ("view", "-o", str(tmp_path)):
            f"Error: {tmp_path} is a folder; -o takes the file to write\n",
    }
    for args, message in cases.items():
        r = cli(*args)
        assert r.code == 2, args
        assert r.err.endswith(message), (args, r.err)
        assert "Internal error" not in r.err


def test_bad_options_exit_2_without_a_traceback() -> None:
    p = run_module("export", "--format", "rdfxml")
    assert p.returncode == 2 and "invalid choice: 'rdfxml'" in p.stderr
    assert "Traceback" not in p.stderr


def test_the_readme_counts_the_named_queries_right() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    n = len(graph.KnowledgeGraph.named_queries())
    words = {10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen",
             16: "sixteen", 17: "seventeen", 18: "eighteen"}
    assert f"names the {words[n]} competency queries" in readme
    table = readme.split("names the", 1)[1].split("\n\n", 2)[1]
    assert len([line for line in table.splitlines() if line.startswith("| `")]) == n


def test_rdf_formats_have_one_name_in_every_command() -> None:
    from graph.kg import EXPORT_FORMATS
    from graph.results import RESULT_FORMATS

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    choices = {name: next(a.choices for a in p._actions if "--format" in a.option_strings)
               for name, p in sub.choices.items()
               if any("--format" in a.option_strings for a in p._actions)}
    rdf_in_query = set(choices["query"]) - {"table", "csv", "tsv", "json", "xml"}
    assert rdf_in_query == {"turtle", "ntriples", "jsonld"} <= set(EXPORT_FORMATS)
    assert set(choices["export"]) == set(EXPORT_FORMATS) == {
        "turtle", "ntriples", "trig", "nquads", "jsonld"}
    assert set(RESULT_FORMATS) == set(choices["query"])
    # the network views are chosen with the same flag and names wherever a network is read
    views = {name: next(a.choices for a in p._actions if "--view" in a.option_strings)
             for name, p in sub.choices.items()
             if any("--view" in a.option_strings for a in p._actions)}
    assert set(views) == {"analyze", "path", "ego", "export-network", "view"}
    assert all({"actors", "organisations"} <= set(v) for v in views.values())
