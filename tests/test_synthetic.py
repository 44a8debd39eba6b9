"""Synthetic ecosystems: reproducible, in the shape of the packaged data, valid under the shapes."""

from __future__ import annotations

import pytest

import graph
from graph.errors import InputError
from graph.kg import KnowledgeGraph
from graph.synthetic import SEMINAR_DAY, generate


@pytest.fixture(scope="module")
def eco(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "eco.nq"
    stats = generate(path, triples=10_000, seed=11)
    return path, stats


@pytest.fixture(scope="module")
def eco_kg(eco) -> KnowledgeGraph:
    return graph.load(eco[0], store="oxigraph")


def test_the_same_seed_gives_the_same_bytes(tmp_path, eco):
    again = tmp_path / "again.nq"
    generate(again, triples=10_000, seed=11)
    assert again.read_bytes() == eco[0].read_bytes()
    other = tmp_path / "other.nq"
    generate(other, triples=10_000, seed=12)
    assert other.read_bytes() != eco[0].read_bytes()


def test_size_and_no_duplicate_quads(eco):
    path, stats = eco
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == stats.quads
    # generation stops at the end of the article that reaches the size: a few hundred over
    assert 10_000 <= stats.quads < 11_000
    assert len(set(lines)) == len(lines)


def test_the_synthetic_data_conform_to_the_shapes(eco_kg):
    report = eco_kg.validate()
    assert report.conforms, report.text()[:2000]
    assert report.focus_count > 2000


def test_every_named_query_finds_synthetic_actors(eco_kg):
    # the first seminar of every region is held on the packaged seminar's date, and every
    # article reports posts on its date, so the date-bound queries find synthetic answers too
    for name in ("article", "posts-on-article-date", "quotations", "seminar-participants",
                 "seminar-organiser", "follow-up-event", "evidence"):
        rows = eco_kg.named_query(name).rows
        synthetic = [r for r in rows if any("/s11-" in str(t) or "synthetic-11" in str(t)
                                            for t in r)]
        assert synthetic, name
    dates = {str(r[2]) for r in eco_kg.named_query("seminar-organiser").rows}
    assert dates == {SEMINAR_DAY.isoformat()}


def test_each_claim_has_evidence_in_a_synthetic_source(eco_kg):
    # every claim graph of the synthetic file has at least one selector into an article
    q = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#>
    SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {
      GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "/claim/synthetic-11/"))
      FILTER NOT EXISTS { ?g prov:wasDerivedFrom/oa:hasSelector/oa:start ?start ;
                             prov:wasDerivedFrom/oa:hasSource ?src . ?src a <https://schema.org/NewsArticle> }
    }"""
    assert int(eco_kg.query(q).rows[0][0]) == 0


def test_sizes_out_of_range_and_wrong_extensions(tmp_path):
    with pytest.raises(InputError, match="choose a size"):
        generate(tmp_path / "x.nq", triples=10)
    with pytest.raises(InputError, match=r"\*\.nq"):
        generate(tmp_path / "x.ttl", triples=1000)


def test_synth_and_load_from_the_command_line(cli, tmp_path):
    out = tmp_path / "eco.nq"
    r = cli("synth", "--triples", "2000", "--seed", "5", "-o", str(out))
    assert r.code == 0 and "quads" in r.err and out.is_file()
    db = tmp_path / "db"
    r = cli("load", str(out), "--store", f"oxigraph:{db}")
    assert r.code == 0
    assert "[3/3] eco.nq" in r.err and "quads added" in r.err
    first_total = int(r.err.rsplit("holds ", 1)[1].split(" quads")[0].replace(",", ""))
    r = cli("load", str(out), "--store", f"oxigraph:{db}")
    assert r.code == 0 and r.err.count("already loaded, skipped") == 3
    assert f"holds {first_total:,} quads" in r.err
    # an on-disk store that holds everything is queried without loading anything again
    r = cli("query", "seminar-topics", "--store", f"oxigraph:{db}", "--format", "csv")
    assert r.code == 0 and "digitalisation" in r.out
    r = cli("load", str(tmp_path / "missing.nq"), "--store", "oxigraph")
    assert r.code == 2 and "no such file" in r.err
