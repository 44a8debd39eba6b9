"""The claims compiler: each record kind, statuses and attribution, shared nodes, the errors a
curator sees, and ``innograph compile``.

The texts are invented for these tests (bokmål and Swedish); the expected triples are worked out
by hand from the claims format (docs in graph/claims/format.py and the README).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from graph.claims import build_claims, compile_claims, serialize_trig
from graph.claims.format import loads
from graph.errors import InputError, ParseError, SourceError
from graph.vocab import DCTERMS, FOAF, ID, IG, OA, ORG, PREFIXES, PROV, RDF, SCHEMA, SKOS, TIME, XSD

from .conftest import ROOT

TEXT = (
    "Bodø, 2. mai 2024. Ingrid Solheim blir ny klyngeleder i Nordlys Havbruksklynge fra 1. juni. "
    "Hun kommer fra Bodø kommune, der hun var næringssjef. Klyngen arrangerer Havdagen 2024 "
    "på Stormen bibliotek 12. juni, og Solheim leder møtet. «Vi skal vokse sammen», sier Solheim."
)
SHA = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()

HEAD = f"""format = 1
[source]
id = "nb-demo"
title = "Ny klyngeleder i Nordlys Havbruksklynge"
language = "nb"
kind = "news-article"
published = "2024-05-02"
author = "Ola Skribent"
sha256 = "{SHA}"
length = {len(TEXT)}
text = "sources/nb-demo.txt"
"""

DRAFTED = """
[drafted]
by = "innograph 0.1.0 draft (rules)"
at = "2026-11-29T15:00:00+00:00"
"""

RECORDS = """
[[person]]
id = "ingrid-solheim"
name = "Ingrid Solheim"
spans = ["Ingrid Solheim", ["Solheim leder", "Solheim"]]
status = "accepted"
decided_by = "Kari Kurator"
decided_at = "2026-11-29T16:00:00+00:00"

[[organisation]]
id = "nordlys-havbruksklynge"
name = "Nordlys Havbruksklynge"
kind = "cluster"
spans = ["Nordlys Havbruksklynge"]
status = "accepted"

[[organisation]]
id = "bodo-kommune"
name = "Bodø kommune"
kind = "municipality"
link = "orgs:bodo-kommune-existing"
spans = ["Bodø kommune"]
status = "accepted"

[[post]]
id = "post-klyngeleder"
person = "ingrid-solheim"
role = "klyngeleder"
organisation = "nordlys-havbruksklynge"
start = "2024-06-01"
spans = [["Ingrid Solheim blir", "1. juni"]]
status = "accepted"

[[post]]
id = "post-naeringssjef"
person = "ingrid-solheim"
role = "havnefogd"
organisation = "bodo-kommune"
spans = [["Bodø kommune, der", "næringssjef"]]
status = "suggested"

[[event]]
id = "havdagen"
name = "Havdagen 2024"
date = "2024-06-12"
place = "Stormen bibliotek"
spans = [["Havdagen 2024", "12. juni"]]
status = "accepted"

[[participation]]
id = "havdagen-organiser"
event = "havdagen"
agent = "nordlys-havbruksklynge"
role = "organiser"
spans = [["Klyngen arrangerer", "Havdagen"]]
status = "accepted"

[[participation]]
id = "havdagen-facilitator"
event = "havdagen"
agent = "ingrid-solheim"
role = "facilitator"
spans = [["Solheim leder møtet"]]
status = "accepted"

[[quotation]]
id = "quote-1"
speaker = "ingrid-solheim"
paraphrase = "She expects the members to grow together."
language = "en"
spans = [["«Vi skal", "sier Solheim"]]
status = "accepted"

[[organisation]]
id = "stormen"
name = "Stormen"
kind = "organisation"
spans = [["Stormen"]]
status = "rejected"
"""


def cf_of(text: str, path: str = "nb-demo.claims.toml"):
    return loads(text, path)


def ids(ds: Dataset) -> set[str]:
    base = f"{ID}claim/nb-demo/"
    return {str(g.identifier)[len(base):] for g in ds.graphs()
            if len(g) and str(g.identifier).startswith(base)}


def graph_of(ds: Dataset, rid: str):
    return ds.graph(URIRef(f"{ID}claim/nb-demo/{rid}"))


def P(prefix: str, local: str) -> URIRef:
    return URIRef(PREFIXES[prefix] + local)


@pytest.fixture(scope="module")
def draft():
    return cf_of(HEAD + DRAFTED + RECORDS)


@pytest.fixture(scope="module")
def compiled(draft) -> Dataset:
    return compile_claims(draft, TEXT)


# ---------------------------------------------------------------------------- record kinds


def test_accepted_records_only_and_never_rejected(draft, compiled) -> None:
    # accepted: 8 records (the suggested post and the rejected organisation are left out) plus
    # the description of the source
    assert ids(compiled) == {
        "ingrid-solheim", "nordlys-havbruksklynge", "bodo-kommune", "post-klyngeleder",
        "havdagen", "havdagen-organiser", "havdagen-facilitator", "quote-1", "source",
    }
    everything = compile_claims(draft, TEXT, include_suggested=True)
    assert ids(everything) == ids(compiled) | {"post-naeringssjef"}


def test_person_and_organisation(compiled) -> None:
    person = P("person", "ingrid-solheim")
    g = graph_of(compiled, "ingrid-solheim")
    assert set(g) == {
        (person, RDF.type, SCHEMA.Person), (person, RDF.type, FOAF.Person),
        (person, RDF.type, FOAF.Agent),
        (person, SCHEMA.name, Literal("Ingrid Solheim")),
        (person, SKOS.prefLabel, Literal("Ingrid Solheim")),
    }
    org = P("orgs", "nordlys-havbruksklynge")
    g = graph_of(compiled, "nordlys-havbruksklynge")
    assert {o for o in g.objects(org, RDF.type)} == {
        IG.Cluster, SCHEMA.Organization, ORG.Organization, FOAF.Agent}
    assert (org, ORG.classification, IG["helix-industry"]) in g
    assert (org, SCHEMA.name, Literal("Nordlys Havbruksklynge")) in g


def test_a_linked_entity_keeps_its_iri_and_gains_the_spelling(compiled) -> None:
    existing = P("orgs", "bodo-kommune-existing")
    g = graph_of(compiled, "bodo-kommune")
    # that it is an organisation, and the spelling; its kind and sector are the graph's
    assert set(g) == {
        (existing, SKOS.hiddenLabel, Literal("Bodø kommune")),
        (existing, RDF.type, SCHEMA.Organization), (existing, RDF.type, ORG.Organization),
        (existing, RDF.type, FOAF.Agent),
    }
    assert not list(compiled.triples((P("orgs", "bodo-kommune"), None, None)))


def test_post_with_a_start_date(compiled) -> None:
    m = P("mship", "ingrid-solheim-nordlys-havbruksklynge")
    interval = P("interval", "ingrid-solheim-nordlys-havbruksklynge")
    person, org = P("person", "ingrid-solheim"), P("orgs", "nordlys-havbruksklynge")
    g = graph_of(compiled, "post-klyngeleder")
    assert (m, RDF.type, ORG.Membership) in g
    assert (m, ORG.member, person) in g and (m, ORG.organization, org) in g
    assert (m, ORG.role, IG["role-cluster-leader"]) in g   # "klyngeleder" is a label of it
    assert (m, ORG.memberDuring, interval) in g
    assert (interval, TIME.hasBeginning, P("tm", "2024-06-01")) in g
    assert (person, ORG.headOf, org) in g
    assert (person, SCHEMA.jobTitle, Literal("klyngeleder", lang="nb")) in g
    # no day the post is known to hold besides its start: the article's date is not claimed
    assert (interval, TIME.inside, None) not in g


def test_shared_days_are_described_once_in_the_default_graph(compiled) -> None:
    day = P("tm", "2024-06-01")
    assert (day, TIME.inXSDDate, Literal("2024-06-01", datatype=XSD.date)) in compiled.default_graph
    in_claims = [g.identifier for g in compiled.graphs()
                 if g.identifier != compiled.default_graph.identifier
                 and (day, RDF.type, TIME.Instant) in g]
    assert in_claims == []


def test_event_participation_and_quotation(compiled) -> None:
    event = P("event", "2024-06-12-havdagen-2024")
    place = P("place", "stormen-bibliotek")
    g = graph_of(compiled, "havdagen")
    assert set(g) == {
        (event, RDF.type, SCHEMA.Event),
        (event, SCHEMA.name, Literal("Havdagen 2024", lang="nb")),
        (event, SCHEMA.startDate, Literal("2024-06-12", datatype=XSD.date)),
        (event, SCHEMA.location, place),
        (place, RDF.type, SCHEMA.Place), (place, SCHEMA.name, Literal("Stormen bibliotek")),
    }
    assert set(graph_of(compiled, "havdagen-organiser")) == {
        (event, SCHEMA.organizer, P("orgs", "nordlys-havbruksklynge"))}
    # ig:facilitator with its super-property stated for schema.org-only readers
    assert set(graph_of(compiled, "havdagen-facilitator")) == {
        (event, IG.facilitator, P("person", "ingrid-solheim")),
        (event, SCHEMA.contributor, P("person", "ingrid-solheim")),
    }
    q = P("quote", "nb-demo-quote-1")
    g = graph_of(compiled, "quote-1")
    assert (q, SCHEMA.creator, P("person", "ingrid-solheim")) in g
    assert (q, SCHEMA.isPartOf, P("source", "nb-demo")) in g
    assert (q, SCHEMA.description, Literal("She expects the members to grow together.", lang="en")) in g


def test_the_source_is_described_once(compiled) -> None:
    s = P("source", "nb-demo")
    g = graph_of(compiled, "source")
    assert {o for o in g.objects(s, RDF.type)} == {
        SCHEMA.NewsArticle, SCHEMA.Article, SCHEMA.CreativeWork}
    assert (s, IG.sha256, Literal(SHA)) in g
    assert (s, IG.length, Literal(len(TEXT), datatype=XSD.integer)) in g
    assert (s, SCHEMA.datePublished, Literal("2024-05-02", datatype=XSD.date)) in g
    assert (s, SCHEMA.inLanguage, Literal("nb")) in g
    assert (s, SCHEMA.author, Literal("Ola Skribent")) in g
    assert (s, SCHEMA.name, Literal("Ny klyngeleder i Nordlys Havbruksklynge", lang="nb")) in g
    # where the text is: its file name, never an absolute path
    assert set(g.objects(s, DCTERMS.source)) == {Literal("nb-demo.txt")}
    # only the source's own claim describes it
    assert [g.identifier for g in compiled.graphs() if (s, RDF.type, None) in g] == [g.identifier]


@pytest.mark.parametrize("kind, cls", [
    ("press-release", IG.PressRelease), ("event-notice", IG.EventNotice),
    ("registry-record", IG.RegistryRecord),
])
def test_source_kinds(kind: str, cls: URIRef) -> None:
    cf = cf_of(HEAD.replace('"news-article"', f'"{kind}"'))
    ds = compile_claims(cf, TEXT)
    assert (P("source", "nb-demo"), RDF.type, cls) in ds


def test_evidence_spans_and_attribution(compiled) -> None:
    claim = URIRef(f"{ID}claim/nb-demo/ingrid-solheim")
    d = compiled.default_graph
    spans = sorted(
        (int(d.value(d.value(r, OA.hasSelector), OA.start)),
         int(d.value(d.value(r, OA.hasSelector), OA.end)))
        for r in d.objects(claim, PROV.wasDerivedFrom)
    )
    # ["Solheim leder", "Solheim"]: the end phrase is found from the start phrase on
    assert [TEXT[a:b] for a, b in spans] == ["Ingrid Solheim", "Solheim"]
    curator = URIRef(f"{ID}curator/kari-kurator")
    assert d.value(claim, PROV.wasAttributedTo) == curator
    assert d.value(claim, PROV.generatedAtTime) == Literal(
        "2026-11-29T16:00:00+00:00", datatype=XSD.dateTime)
    assert (curator, RDF.type, PROV.Person) in d and (curator, FOAF.name, Literal("Kari Kurator")) in d
    # accepted without decided_by, no --curator given: nobody is named
    org_claim = URIRef(f"{ID}claim/nb-demo/nordlys-havbruksklynge")
    assert d.value(org_claim, PROV.wasAttributedTo) is None


def test_suggestions_are_attributed_to_the_drafting_software(draft) -> None:
    ds = compile_claims(draft, TEXT, include_suggested=True, curator="Per Pålsson")
    d = ds.default_graph
    suggested = URIRef(f"{ID}claim/nb-demo/post-naeringssjef")
    software = d.value(suggested, PROV.wasAttributedTo)
    assert (software, RDF.type, PROV.SoftwareAgent) in d
    assert str(d.value(software, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        "innograph 0.1.0 draft (rules)")
    assert d.value(suggested, PROV.generatedAtTime) == Literal(
        "2026-11-29T15:00:00+00:00", datatype=XSD.dateTime)
    # accepted without decided_by: the curator given
    accepted = URIRef(f"{ID}claim/nb-demo/havdagen")
    assert d.value(accepted, PROV.wasAttributedTo) == URIRef(f"{ID}curator/per-palsson")


def test_a_known_spelling_of_a_linked_entity_is_not_repeated(cli, tmp_path: Path) -> None:
    text = "Unni Skår og Svinesundskomiteens leder møttes i Halden."
    (tmp_path / "nb-link.txt").write_text(text, encoding="utf-8")
    (tmp_path / "nb-link.claims.toml").write_text("""
[source]
id = "nb-link"
[[person]]
id = "unni"
name = "Unni Skår"
link = "person:unni-skar"
spans = ["Unni Skår"]
[[organisation]]
id = "komiteen"
name = "Svinesundskomiteens"
link = "orgs:svinesundskomiteen"
spans = ["Svinesundskomiteens"]
""", encoding="utf-8")
    r = cli("compile", str(tmp_path / "nb-link.claims.toml"))
    assert r.code == 0, r.err
    ds = Dataset(default_union=True)
    ds.parse(data=r.out, format="trig")
    # the graph knows the name "Unni Skår" (compiled with it); the genitive is a new spelling
    assert not list(ds.objects(P("person", "unni-skar"), SKOS.hiddenLabel))
    assert list(ds.objects(P("orgs", "svinesundskomiteen"), SKOS.hiddenLabel)) == [
        Literal("Svinesundskomiteens")]


def test_an_unknown_role_word_becomes_a_concept(draft) -> None:
    warnings: list[str] = []
    ds = compile_claims(draft, TEXT, include_suggested=True, warnings=warnings)
    concept = IG["role-havnefogd"]
    assert (P("mship", "ingrid-solheim-bodo-kommune-existing"), ORG.role, concept) in ds
    d = ds.default_graph
    assert (concept, SKOS.inScheme, IG.RoleScheme) in d
    assert (concept, SKOS.prefLabel, Literal("havnefogd", lang="nb")) in d
    assert any("'havnefogd' is not in the role scheme" in w for w in warnings)


def test_swedish_role_words_map_to_the_scheme() -> None:
    text = "Anna Berg är verksamhetsledare för Klustret Väst."
    cf = cf_of("""
[source]
id = "sv-demo"
language = "sv"
[[person]]
id = "anna"
name = "Anna Berg"
spans = ["Anna Berg"]
[[organisation]]
id = "klustret"
name = "Klustret Väst"
kind = "cluster"
spans = ["Klustret Väst"]
[[post]]
id = "post"
person = "anna"
role = "verksamhetsledare"
organisation = "klustret"
spans = [["Anna Berg", "Väst"]]
""")
    ds = compile_claims(cf, text)
    assert (P("mship", "anna-berg-klustret-vast"), ORG.role, IG["role-operations-manager"]) in ds


def test_output_is_deterministic(draft) -> None:
    one = serialize_trig(compile_claims(draft, TEXT, include_suggested=True))
    two = serialize_trig(compile_claims(cf_of(HEAD + DRAFTED + RECORDS), TEXT,
                                        include_suggested=True))
    assert one == two


# ---------------------------------------------------------------------------- faults


def test_literals_that_contain_article_or_source_are_left_alone() -> None:
    cf = cf_of(HEAD + """
[[claim]]
id = "note"
spans = ["Bodø, 2. mai 2024"]
body = '''
source: schema:comment "see article: page 2 and source: the archive" .
article: schema:keywords "article:x" .
'''
""")
    ds = compile_claims(cf, TEXT)
    g = graph_of(ds, "note")
    s = P("source", "nb-demo")
    assert (s, SCHEMA.comment, Literal("see article: page 2 and source: the archive")) in g
    assert (s, SCHEMA.keywords, Literal("article:x")) in g


def test_a_record_without_spans_is_refused_with_file_and_line() -> None:
    cf = cf_of(HEAD + """
[[person]]
id = "ingrid"
name = "Ingrid Solheim"
""")
    with pytest.raises(InputError, match=r"nb-demo.claims.toml:13: \[\[person\]\] 'ingrid': has "
                       r"no spans; every fact needs its evidence"):
        compile_claims(cf, TEXT)


def test_blank_nodes_get_stable_iris() -> None:
    body = """
[[claim]]
id = "address"
spans = ["Stormen bibliotek"]
body = '''
place:stormen-bibliotek schema:address [ schema:addressLocality "Bodø" ; schema:postalCode "8006" ] .
'''
"""
    ds = compile_claims(cf_of(HEAD + body), TEXT)
    trig = serialize_trig(ds)
    node = URIRef(f"{ID}claim/nb-demo/address.node-1")
    assert (P("place", "stormen-bibliotek"), SCHEMA.address, node) in ds
    assert (node, SCHEMA.postalCode, Literal("8006")) in ds
    swapped = body.replace('schema:addressLocality "Bodø" ; schema:postalCode "8006"',
                           'schema:postalCode "8006" ; schema:addressLocality "Bodø"')
    assert serialize_trig(compile_claims(cf_of(HEAD + swapped), TEXT)) == trig


def test_an_ambiguous_anchor_names_the_record_and_the_places() -> None:
    cf = cf_of(HEAD + """
[[person]]
id = "solheim"
name = "Ingrid Solheim"
spans = ["Solheim"]
""")
    with pytest.raises(SourceError) as err:
        compile_claims(cf, TEXT)
    starts = [i for i in range(len(TEXT)) if TEXT.startswith("Solheim", i)]
    assert len(starts) == 3
    message = str(err.value)
    assert message.startswith("nb-demo.claims.toml:13: [[person]] 'solheim': ")
    assert f"occurs 3 times in the source text (at {', '.join(map(str, starts))})" in message


def test_a_span_beyond_the_text_is_refused() -> None:
    cf = cf_of(HEAD + f"""
[[person]]
id = "far"
name = "Ingrid Solheim"
spans = [[10, {len(TEXT) + 5}]]
""")
    with pytest.raises(SourceError, match=rf"ends beyond the source text, which has {len(TEXT)} "
                       "characters"):
        compile_claims(cf, TEXT)


def test_a_different_text_is_refused() -> None:
    cf = cf_of(HEAD)
    with pytest.raises(SourceError, match="sha256"):
        compile_claims(cf, TEXT + " ")
    no_digest = cf_of(HEAD.replace(f'sha256 = "{SHA}"\n', ""))
    with pytest.raises(SourceError, match=f"has {len(TEXT) - 1} characters, but \\[source\\] "
                       f"length is {len(TEXT)}"):
        compile_claims(no_digest, TEXT[:-1])


def test_an_accepted_quotation_needs_a_paraphrase_and_a_suggested_one_is_skipped() -> None:
    quote = """
[[quotation]]
id = "q"
speaker = "person:ingrid-solheim"
spans = [["«Vi skal", "sammen»"]]
status = "{status}"
"""
    with pytest.raises(InputError, match=r"nb-demo.claims.toml:17: \[\[quotation\]\] 'q': an "
                       "accepted quotation needs a paraphrase"):
        compile_claims(cf_of(HEAD + DRAFTED + quote.format(status="accepted")), TEXT)
    warnings: list[str] = []
    ds = compile_claims(cf_of(HEAD + DRAFTED + quote.format(status="suggested")), TEXT,
                        include_suggested=True, warnings=warnings)
    assert "q" not in ids(ds)
    assert warnings == ["nb-demo.claims.toml:17: [[quotation]] 'q': skipped: a suggested "
                        "quotation without a paraphrase"]


def test_a_reference_to_a_record_left_out_is_refused() -> None:
    text = HEAD + DRAFTED + """
[[person]]
id = "ingrid"
name = "Ingrid Solheim"
spans = ["Ingrid Solheim"]
status = "suggested"

[[event]]
id = "havdagen"
name = "Havdagen 2024"
spans = ["Havdagen 2024"]
status = "accepted"

[[participation]]
id = "p"
event = "havdagen"
agent = "ingrid"
role = "speaker"
spans = ["Solheim leder"]
status = "accepted"
"""
    with pytest.raises(InputError, match=r"claims.toml:29: \[\[participation\]\] 'p': agent = "
                       r"'ingrid' refers to a record that is suggested \(line 17\)"):
        compile_claims(cf_of(text), TEXT)


def test_a_turtle_body_that_does_not_parse() -> None:
    cf = cf_of(HEAD + """
[[claim]]
id = "broken"
spans = ["Bodø"]
body = "person:x schema:name ."
""")
    with pytest.raises(ParseError, match=r"claims.toml:13: \[\[claim\]\] 'broken': the body is "
                       "not valid Turtle"):
        compile_claims(cf, TEXT)


# ---------------------------------------------------------------------------- the old entry point


def test_build_claims_reads_a_file(tmp_path: Path) -> None:
    spec = tmp_path / "nb-demo.claims.toml"
    spec.write_text(HEAD + RECORDS, encoding="utf-8")
    # a file without [drafted] is written by a curator: every record not rejected is compiled
    assert "post-naeringssjef" in ids(build_claims(spec, TEXT))
    assert "stormen" not in ids(build_claims(spec, TEXT))


def _module(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.claims", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_python_m_graph_claims_exits_2_on_bad_input(tmp_path: Path) -> None:
    spec = tmp_path / "nb-demo.claims.toml"
    spec.write_text(HEAD + '\n[[person]]\nid = "x"\nname = "X"\n', encoding="utf-8")
    source = tmp_path / "nb-demo.txt"
    source.write_text(TEXT, encoding="utf-8")
    r = _module(str(spec), str(source))
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"Error: {spec}:13: [[person]] 'x': has no spans")
    assert "Traceback" not in r.stderr
    r = _module(str(spec), str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and "cannot read the source text" in r.stderr


# ---------------------------------------------------------------------------- innograph compile


@pytest.fixture
def draft_on_disk(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "nb-demo.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "nb-demo.claims.toml"
    path.write_text(HEAD + DRAFTED + RECORDS, encoding="utf-8")
    return path


def test_cli_compile_writes_trig_and_counts(cli, draft_on_disk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.trig"
    r = cli("compile", str(draft_on_disk), "-o", str(out))
    assert r.code == 0, r.err
    # 8 accepted records and the source; spans: 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1, the source 1
    assert r.err.splitlines() == [
        f"Warning: 1 suggested record(s) of this draft left out, as not yet accepted; review "
        f"them first (innograph review {draft_on_disk}), or compile them all with "
        "--include-suggested",
        f"Compiled 9 claims with 10 evidence spans to {out}",
    ]
    expected = serialize_trig(compile_claims(cf_of(HEAD + DRAFTED + RECORDS), TEXT))
    assert out.read_text(encoding="utf-8") == expected
    r = cli("compile", str(draft_on_disk), "--include-suggested", "--curator", "Per Pålsson",
            "--source", str(tmp_path / "sources" / "nb-demo.txt"))
    assert r.code == 0
    assert "Compiled 10 claims with 11 evidence spans." in r.err
    assert "Warning: " in r.err and "'havnefogd' is not in the role scheme" in r.err
    assert f"<{ID}curator/per-palsson>" in r.out


def test_cli_compile_bad_input_exits_2(cli, draft_on_disk: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(TEXT.replace("Bodø", "Bodo"), encoding="utf-8")
    r = cli("compile", str(draft_on_disk), "--source", str(wrong))
    assert r.code == 2 and "sha256" in r.err and "Traceback" not in r.err
    r = cli("compile", str(tmp_path / "none.claims.toml"))
    assert r.code == 2 and "no such claims file" in r.err
    (tmp_path / "sources" / "nb-demo.txt").unlink()
    r = cli("compile", str(draft_on_disk))
    assert r.code == 2 and "the text of source 'nb-demo' is not found" in r.err


def test_compiled_draft_validates_with_the_packaged_graph(draft_on_disk: Path, tmp_path: Path):
    import graph

    out = tmp_path / "out.trig"
    out.write_text(serialize_trig(compile_claims(cf_of(HEAD + DRAFTED + RECORDS), TEXT)),
                   encoding="utf-8")
    # the linked organisation must exist for the graph to be whole: state it
    extra = tmp_path / "bodo.ttl"
    extra.write_text(
        f"<{PREFIXES['orgs']}bodo-kommune-existing> a <{SCHEMA}Organization> , "
        f"<{ORG}Organization> .\n", encoding="utf-8")
    report = graph.load(out, extra).validate()
    # the stand-in organisation has no claim, name or sector: exactly those violations, nothing
    # about the compiled claims
    focus = {v.focus for v in report.violations}
    assert focus == {"orgs:bodo-kommune-existing"}, report.text()


def test_an_event_known_by_season_a_unit_and_an_organisation_number() -> None:
    text = "Nordlys Havbruksklynge og dens avdeling Havlab holder Høstmøtet i høst."
    cf = cf_of("""
[source]
id = "nb-season"
language = "nb"
published = "2024-08-20"
[[organisation]]
id = "klyngen"
name = "Nordlys Havbruksklynge"
kind = "cluster"
org_number = "999888777"
spans = ["Nordlys Havbruksklynge"]
[[organisation]]
id = "havlab"
name = "Havlab"
kind = "unit"
unit_of = "klyngen"
spans = ["avdeling Havlab"]
[[event]]
id = "hostmotet"
name = "Høstmøtet"
start = "2024-09-01"
end = "2024-11-30"
date_text = "i høst"
place_ref = "klyngen"
spans = [["Høstmøtet", "i høst"]]
""", "nb-season.claims.toml")
    ds = compile_claims(cf, text)
    event = P("event", "2024-09-01-hostmotet")
    assert (event, SCHEMA.startDate, Literal("2024-09-01", datatype=XSD.date)) in ds
    assert (event, SCHEMA.endDate, Literal("2024-11-30", datatype=XSD.date)) in ds
    assert (event, SCHEMA.location, P("orgs", "nordlys-havbruksklynge")) in ds
    unit = P("orgs", "havlab")
    assert (unit, ORG.unitOf, P("orgs", "nordlys-havbruksklynge")) in ds
    assert (unit, RDF.type, ORG.OrganizationalUnit) in ds
    # a unit is in its parent's helix sector
    assert (unit, ORG.classification, IG["helix-industry"]) in ds
    assert (P("orgs", "nordlys-havbruksklynge"), IG.organisationNumber, Literal("999888777")) in ds
