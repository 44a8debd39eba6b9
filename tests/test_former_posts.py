"""Posts a text speaks of as over: drafted as ``ended``, compiled as an interval that lies
before the day the source was published (not as a post held that day, and not as whom the
person works for), and left out of the network as of that day.

The texts are invented here, in Norwegian bokmål and Swedish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

import graph
from graph.asof import as_of
from graph.claims import compile_claims, serialize_trig
from graph.claims.format import dumps, loads
from graph.draft import draft
from graph.errors import ParseError
from graph.vocab import ORG, SCHEMA, TIME

NB = (
    "Ny leder i Havkraft\n\n"
    "Kari Nordmann er ny daglig leder i Havkraft AS. Hun kommer fra Nordlandsforskning, der hun "
    "har vært seniorforsker i mange år.\n"
)
SV = (
    "Ny chef för Kustlabbet\n\n"
    "Eva Lindqvist är ny verksamhetschef för Kustlabbet AB. Hon kommer från Havsinstitutet, "
    "där hon har varit forskare sedan 2015.\n"
)


def _posts(cf) -> dict[str, bool]:
    return {f"{p.role}@{p.organisation}": p.ended for p in cf.posts}


def test_the_drafter_marks_a_post_the_text_speaks_of_as_over() -> None:
    cf = draft(NB, lang="nb", published="2024-03-01")
    assert _posts(cf) == {"daglig leder@havkraft": False,
                          "seniorforsker@nordlandsforskning": True}
    # «har varit … sedan 2015»: she still is
    sv = draft(SV, lang="sv", published="2024-03-01")
    assert sv.posts and not any(p.ended for p in sv.posts)
    # the flag goes through the claims file and back; a post that goes on writes no flag
    text = dumps(cf)
    assert text.count("ended = true") == 1 and "ended = false" not in text
    assert _posts(loads(text, "nb.claims.toml")) == _posts(cf)


@pytest.mark.parametrize("sentence, lang, ended", [
    ("Ola Dahl var rådgiver i Bodø kommune.", "nb", True),
    ("Ola Dahl er rådgiver i Bodø kommune.", "nb", False),
    ("Tidligere var Ola Dahl rådgiver i Bodø kommune.", "nb", True),
    ("Ola Dahl var med på møtet og er rådgiver i Bodø kommune.", "nb", False),
    ("Ola Dahl, f.d. rådgiver i Bodø kommune, talte.", "nb", True),
    ("Ola Dahl har vært rådgiver i Bodø kommune siden 2019.", "nb", False),
    ("Per Berg var tidigare handläggare på Luleå kommun.", "sv", True),
    ("Per Berg är handläggare på Luleå kommun.", "sv", False),
])
def test_former_post_reads_the_sentence(sentence: str, lang: str, ended: bool) -> None:
    from graph.draft.posts import former_post

    start = 0 if not sentence.startswith("Tidligere") else len("Tidligere ")
    end = sentence.index("kommun") + len("kommune" if lang == "nb" else "kommun")
    assert former_post(sentence, [(start, end)]) is ended


def test_an_ended_post_compiles_before_the_day_of_publication(tmp_path: Path) -> None:
    cf = draft(NB, lang="nb", published="2024-03-01")
    ds = compile_claims(cf, NB, include_suggested=True)
    quads = set(ds.quads((None, None, None, None)))
    former = next(p for p in cf.posts if p.ended)
    current = next(p for p in cf.posts if not p.ended)

    def interval_of(post) -> URIRef:
        # the membership whose organisation bears the name the draft gave it
        name = next(o.name for o in cf.organisations if o.id == post.organisation)
        orgs = {s for s, p, o, _ in quads if p == SCHEMA.name and str(o) == name}
        m = next(s for s, p, o, _ in quads if p == ORG.organization and o in orgs)
        return next(o for s, p, o, _ in quads if s == m and p == ORG.memberDuring)

    def day(iri) -> str:
        return next(str(o) for s, p, o, _ in quads if s == iri and p == TIME.inXSDDate)

    before = [o for s, p, o, _ in quads if s == interval_of(former) and p == TIME.before]
    assert [day(x) for x in before] == ["2024-03-01"]
    assert not [o for s, p, o, _ in quads if s == interval_of(former) and p == TIME.inside]
    inside = [o for s, p, o, _ in quads if s == interval_of(current) and p == TIME.inside]
    assert [day(x) for x in inside] == ["2024-03-01"]
    works_for = {str(n) for s, p, o, _ in quads if p == SCHEMA.worksFor
                 for s2, p2, n, _ in quads if s2 == o and p2 == SCHEMA.name}
    assert works_for == {"Havkraft AS"}
    # the compiled claims keep the graph valid
    (tmp_path / "nb.trig").write_text(serialize_trig(ds), encoding="utf-8")
    kg = graph.load(tmp_path / "nb.trig", store="memory")
    assert kg.validate().conforms
    # in the network the former post lasts until the day before publication
    G = kg.to_networkx("actors")
    during = {G.nodes[o]["label"]: d["during"] for _, o, d in G.edges(data=True)
              if d.get("relation") == str(ORG) + "Membership" and "Kari" in G.nodes[_]["label"]}
    assert during == {"Havkraft AS": "2024-03-01", "Nordlandsforskning": "../2024-02-29"}
    on_the_day = as_of(G, "2024-03-01")
    earlier = as_of(G, "2024-02-01")
    assert {G.nodes[o]["label"] for s, o in on_the_day.edges() if "Kari" in G.nodes[s]["label"]} \
        == {"Havkraft AS"}
    assert "Nordlandsforskning" in {
        G.nodes[o]["label"] for s, o in earlier.edges() if "Kari" in G.nodes[s]["label"]}


def test_ended_must_be_true_or_false() -> None:
    text = dumps(draft(NB, lang="nb", published="2024-03-01")).replace(
        "ended = true", 'ended = "yes"')
    with pytest.raises(ParseError, match="ended must be true or false"):
        loads(text, "nb.claims.toml")
