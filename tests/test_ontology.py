"""The ontology: local terms are few, labelled in English and Norwegian, and tied to a standard
term; the concept schemes carry nb, sv and en labels; no article text is copied."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace

from conftest import ROOT, require_shared, require_source
from graph import resources

IG = Namespace(resources.ONTOLOGY)
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for f in resources.ontology_files():
        g.parse(f, format="turtle")
    return g


def test_local_terms_are_labelled_and_tied_to_standard_terms(onto: Graph) -> None:
    terms = [s for s in set(onto.subjects(RDF.type, None))
             if str(s).startswith(str(IG)) and (s, RDF.type, SKOS.Concept) not in onto
             and (s, RDF.type, SKOS.ConceptScheme) not in onto]
    assert len(terms) >= 15
    for t in terms:
        langs = {lbl.language for lbl in onto.objects(t, RDFS.label)}
        assert {"en", "nb"} <= langs, t
        assert {c.language for c in onto.objects(t, RDFS.comment)} >= {"en", "nb"}, t
        supers = list(onto.objects(t, RDFS.subClassOf)) + list(onto.objects(t, RDFS.subPropertyOf))
        if (t, RDF.type, OWL.Class) in onto or (t, RDF.type, OWL.ObjectProperty) in onto:
            assert any(not str(s).startswith(str(IG)) for s in supers), t


def test_event_roles_hang_under_schema_org(onto: Graph) -> None:
    schema = Namespace("https://schema.org/")
    assert (IG.host, RDFS.subPropertyOf, schema.contributor) in onto
    assert (IG.facilitator, RDFS.subPropertyOf, schema.contributor) in onto
    assert (IG.speaker, RDFS.subPropertyOf, schema.performer) in onto


@pytest.mark.parametrize("scheme", ["RoleScheme", "TopicScheme", "HelixScheme"])
def test_concepts_have_nb_sv_en_labels(onto: Graph, scheme: str) -> None:
    concepts = list(onto.subjects(SKOS.inScheme, IG[scheme]))
    assert concepts
    for c in concepts:
        assert {lbl.language for lbl in onto.objects(c, SKOS.prefLabel)} == {"en", "nb", "sv"}, c


def test_no_run_of_eight_words_from_the_article_in_the_repo() -> None:
    tool = require_shared("tools/copycheck.py")
    p = subprocess.run([sys.executable, str(tool), "--repo", str(ROOT), str(require_source())],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout
