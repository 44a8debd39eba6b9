"""From text to the graph: draft, (edit,) compile, load with the packaged graph, validate, query."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import graph
from graph.claims.format import dumps, loads

from .conftest import require_shared


def _cli(cli, *args: str):
    r = cli(*args)
    assert r.code == 0, r.err
    return r


def test_every_dev_article_drafts_compiles_and_validates_with_the_packaged_graph(cli, tmp_path):
    dev = require_shared("corpus/dev")
    texts = sorted(dev.glob("*.txt"))
    assert len(texts) >= 8
    trigs = []
    for text in texts:
        draft = tmp_path / f"{text.stem}.claims.toml"
        _cli(cli, "draft", str(text), "-o", str(draft))
        out = tmp_path / f"{text.stem}.trig"
        _cli(cli, "compile", str(draft), "--include-suggested", "-o", str(out))
        trigs.append(str(out))
    kg = graph.load(*trigs)
    report = kg.validate()
    assert report.conforms, report.text()[:3000]
    # every source is described once, and every span lies inside its own source's text
    lengths = {
        str(s): int(n) for s, n in kg.query(
            "SELECT ?s ?n WHERE { ?s <https://w3id.org/innograph/ontology#length> ?n }")
    }
    assert len(lengths) >= len(texts)
    for e in kg.query(
        "SELECT ?src ?end WHERE { ?r <http://www.w3.org/ns/oa#hasSource> ?src ; "
        "<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#end> ?end }"
    ):
        src, end = str(e[0]), int(e[1])
        if src in lengths:
            assert end <= lengths[src], (src, end)


TEXT_NB = (
    "Ny leder for Nordlys Teknologi\n"
    "Av Kari Lunde · 3. februar 2025\n\n"
    "Styret i Nordlys Teknologi AS har ansatt Torill Vangsnes som daglig leder. "
    "Hun kommer fra Hamar kommune, der hun har vært næringssjef.\n\n"
    "– Vi skal hjelpe flere gründere i gang, sier Torill Vangsnes.\n"
)


def test_a_draft_edited_by_a_curator_compiles_and_answers_queries(cli, tmp_path: Path):
    source = tmp_path / "nb-nordlys.txt"
    source.write_text(TEXT_NB, encoding="utf-8")
    draft = tmp_path / "nb-nordlys.claims.toml"
    _cli(cli, "draft", str(source), "-o", str(draft))
    cf = loads(draft.read_text(encoding="utf-8"), draft)
    names = {p.name for p in cf.persons}
    assert "Torill Vangsnes" in names
    assert any(o.name == "Nordlys Teknologi AS" for o in cf.organisations)
    post = next(p for p in cf.posts if p.role == "daglig leder")
    # the curator accepts the person, the company and the post, writes the quotation's
    # paraphrase and accepts it, and rejects anything else
    keep = {post.id, post.person, post.organisation}
    for r in cf.records():
        r.status = "accepted" if r.id in keep else "rejected"
        r.decided_by = "Kari Kurator"
        r.decided_at = "2025-02-04T10:00:00+00:00"
    quote = cf.quotations[0]
    quote.status, quote.paraphrase = "accepted", "Wants to help more founders get started."
    draft.write_text(dumps(cf), encoding="utf-8")
    out = tmp_path / "nb-nordlys.trig"
    _cli(cli, "compile", str(draft), "-o", str(out))
    kg = graph.load(out)
    assert kg.validate().conforms
    rows = kg.query(
        "SELECT ?name ?orgName ?curator WHERE {"
        " GRAPH ?c { ?m <http://www.w3.org/ns/org#member> ?p ;"
        "            <http://www.w3.org/ns/org#organization> ?o }"
        " ?p <https://schema.org/name> ?name . ?o <https://schema.org/name> ?orgName ."
        " ?c <http://www.w3.org/ns/prov#wasAttributedTo> ?a . ?a <http://xmlns.com/foaf/0.1/name> ?curator }"
    ).dicts()
    assert [(str(r["name"]), str(r["orgName"]), str(r["curator"])) for r in rows] == [
        ("Torill Vangsnes", "Nordlys Teknologi AS", "Kari Kurator")]
    # rejected suggestions are not in the graph, but stay in the file as rejected
    assert "rejected" in draft.read_text(encoding="utf-8")
    assert not kg.query('ASK { ?x <https://schema.org/name> "Hamar kommune" }').boolean
    # the evidence of the post points into this text only
    digest = hashlib.sha256(TEXT_NB.encode("utf-8")).hexdigest()
    assert kg.query(f'ASK {{ ?s <https://w3id.org/innograph/ontology#sha256> "{digest}" }}').boolean


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_draft_refuses_a_missing_source_with_exit_2(cli, tmp_path, lang):
    r = cli("draft", str(tmp_path / "missing.txt"), "--lang", lang)
    assert r.code == 2 and "missing.txt" in r.err and "Traceback" not in r.err
