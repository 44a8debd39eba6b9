"""SHACL validation: the packaged data conform; bad data get clear reports and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import graph

PREFIXES = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix ex: <https://example.org/> .
"""


def test_the_packaged_data_conform(any_kg: graph.KnowledgeGraph) -> None:
    report = any_kg.validate()
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.focus_count > 100


def test_a_membership_without_role_or_evidence_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        PREFIXES
        + "ex:m a org:Membership ; org:member <https://w3id.org/innograph/id/person/thor-moen> ;\n"
        "    org:organization <https://w3id.org/innograph/id/org/smart-innovation-norway> .\n",
        encoding="utf-8",
    )
    report = graph.load(bad).validate()
    assert not report.conforms
    by_path = {v.path: v for v in report.violations if v.focus == "<https://example.org/m>"}
    assert set(by_path) == {"org:role", "org:memberDuring", "prov:wasDerivedFrom"}
    assert by_path["org:role"].shape == "igsh:MembershipShape"
    assert "needs a role" in by_path["org:role"].message
    text = report.text()
    assert "Does not conform: 3 violation(s)." in text
    assert "<https://example.org/m>" in text and "path: org:role" in text


def test_validate_raises_when_asked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIXES + "ex:o a schema:Organization .\n", encoding="utf-8")
    with pytest.raises(graph.ValidationError) as info:
        graph.load(bad).validate(raise_on_violation=True)
    assert info.value.report.violations


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_malformed_turtle_names_file_and_line(tmp_path: Path, store: str) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text(PREFIXES + 'ex:a schema:name "ok" .\nex:b schema:name "not closed .\n',
                   encoding="utf-8")
    with pytest.raises(graph.ParseError) as info:
        graph.load(bad, store=store)
    assert info.value.path == str(bad)
    assert info.value.line in (6, 7)  # the open quote is on line 6; parsers report 6 or EOF
    assert str(info.value).startswith(f"{bad}:{info.value.line}: not valid turtle")


def test_unknown_extension_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "data.csv"
    f.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(graph.InputError, match="unknown RDF file extension '.csv'"):
        graph.load(f)


def test_a_cross_border_committee_must_serve_two_countries(tmp_path: Path) -> None:
    # Take Sweden away from the committee's area: it then serves one country only.
    f = tmp_path / "one-country.ttl"
    f.write_text(
        PREFIXES
        + "ex:c a <https://w3id.org/innograph/ontology#CrossBorderCommittee>, schema:Organization ;\n"
        "    schema:name \"Demo committee\" ;\n"
        "    schema:areaServed <https://w3id.org/innograph/id/place/norway> .\n",
        encoding="utf-8",
    )
    report = graph.load(f).validate()
    shapes = {v.shape for v in report.violations if v.focus == "<https://example.org/c>"}
    assert "igsh:CrossBorderCommitteeShape" in shapes
