"""The claim data: rebuilt from its specification, and every evidence span checked against
the source article."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import RDF, Dataset, Namespace, URIRef

from graph import resources
from graph.claims import build_claims, find_span, serialize_trig
from graph.errors import SourceError
from graph.search import fold

SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
IG = Namespace(resources.ONTOLOGY)
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")

SPEC = resources.data_dir() / "000_1c50d6c5c024da5a.claims.toml"
TRIG = resources.data_dir() / "000_1c50d6c5c024da5a.trig"
NAME_PROPS = (SCHEMA.name, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@pytest.fixture(scope="module")
def packaged() -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(TRIG, format="trig")
    return ds


def test_packaged_data_is_the_specification_built_against_the_source(source_text: str) -> None:
    # Golden file: data/000_*.trig is exactly what `python -m graph.claims` writes.
    # To regenerate: python -m graph.claims SPEC SOURCE -o data/000_1c50d6c5c024da5a.trig
    rebuilt = serialize_trig(build_claims(SPEC, source_text))
    assert rebuilt == TRIG.read_text(encoding="utf-8")


def test_the_article_digest_is_the_digest_of_the_source(packaged: Dataset, source_text: str):
    digests = {str(o) for o in packaged.objects(None, IG.sha256)}
    assert digests == {hashlib.sha256(source_text.encode("utf-8")).hexdigest()}


def _claims(ds: Dataset) -> list[URIRef]:
    return sorted(ds.default_graph.subjects(RDF.type, IG.Claim))


def _spans(ds: Dataset, claim: URIRef) -> list[tuple[int, int]]:
    out = []
    for resource in ds.default_graph.objects(claim, PROV.wasDerivedFrom):
        selector = ds.default_graph.value(resource, OA.hasSelector)
        out.append(
            (int(ds.default_graph.value(selector, OA.start)),
             int(ds.default_graph.value(selector, OA.end)))
        )
    return sorted(out)


def test_every_claim_has_evidence_inside_the_source(packaged: Dataset, source_text: str):
    claims = _claims(packaged)
    assert len(claims) == 45
    for claim in claims:
        spans = _spans(packaged, claim)
        assert spans, f"{claim} has no evidence"
        for start, end in spans:
            assert 0 <= start < end <= len(source_text), (claim, start, end)


def _named_things(ds: Dataset) -> set[URIRef]:
    """Agents and places other than countries: things a span must name to be evidence.

    Countries are left out: the article implies them ("both sides of the border", "Swedish and
    Norwegian") rather than naming them.
    """
    union = set()
    for cls in (FOAF.Agent, SCHEMA.Place):
        union.update(s for s in ds.subjects(RDF.type, cls) if isinstance(s, URIRef))
    return union - set(ds.subjects(RDF.type, SCHEMA.Country))


def _names(ds: Dataset, thing: URIRef) -> set[str]:
    return {fold(str(o)) for p in NAME_PROPS for o in ds.objects(thing, p)}


def test_each_span_names_the_actors_and_places_its_claim_is_about(
    packaged: Dataset, source_text: str
) -> None:
    # For every claim, every agent or place that the claim's triples mention (as subject or
    # object) must be named in one of the claim's evidence spans, in any of its spellings;
    # folding makes the check blind to case, accents and a genitive -s.
    named = _named_things(packaged)
    checked = 0
    for claim in _claims(packaged):
        excerpts = [fold(source_text[s:e]) for s, e in _spans(packaged, claim)]
        g = packaged.graph(claim)
        about = {n for t in g for n in (t[0], t[2]) if n in named}
        for thing in about:
            names = _names(packaged, thing)
            assert any(name in ex for name in names for ex in excerpts), (
                f"{claim}: no span names {thing} (names: {sorted(names)}; "
                f"spans: {_spans(packaged, claim)})"
            )
            checked += 1
    assert checked >= 50


def test_quotation_spans_hold_the_speakers_name(packaged: Dataset, source_text: str) -> None:
    quotes = sorted(packaged.subjects(RDF.type, SCHEMA.Quotation))
    assert len(quotes) == 6
    for q in quotes:
        creator = packaged.value(q, SCHEMA.creator)
        claim = next(c for c in _claims(packaged) if (q, RDF.type, SCHEMA.Quotation) in
                     packaged.graph(c))
        excerpt = fold(" ".join(source_text[s:e] for s, e in _spans(packaged, claim)))
        assert any(n in excerpt for n in _names(packaged, creator)), q


def test_paraphrases_are_not_the_quoted_words(packaged: Dataset, source_text: str) -> None:
    # A paraphrase shares no run of five words with the source.
    words = fold(source_text).split()
    grams = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
    for q in packaged.subjects(RDF.type, SCHEMA.Quotation):
        for text in packaged.objects(q, SCHEMA.description):
            w = fold(str(text)).split()
            assert not any(tuple(w[i : i + 5]) in grams for i in range(len(w) - 4)), text


def test_find_span_reports_a_missing_phrase() -> None:
    with pytest.raises(SourceError, match="'tsunami' is not in the source text"):
        find_span("a digital wave", "tsunami", "spec: claim 'x'")


def test_a_source_with_another_digest_is_refused(source_text: str) -> None:
    with pytest.raises(SourceError, match="sha256"):
        build_claims(SPEC, source_text + " ")


def test_super_types_are_stated_for_schema_only_consumers(packaged: Dataset) -> None:
    # The committee is an ig:CrossBorderCommittee; a consumer who knows only schema.org or ORG
    # still finds it as an organisation.
    committee = URIRef(resources.ID + "org/svinesundskomiteen")
    types = set(packaged.objects(committee, RDF.type))
    assert {SCHEMA.Organization, SCHEMA.GovernmentOrganization,
            URIRef("http://www.w3.org/ns/org#Organization")} <= types
    seminar = URIRef(resources.ID + "event/2018-01-08-digital-tsunami-seminar")
    assert (seminar, SCHEMA.contributor, URIRef(resources.ID + "org/remmen-kunnskapspark")) in (
        packaged
    )
