"""The claims file format: reading, writing, and the errors a curator sees."""

from __future__ import annotations

import pytest

from graph.claims.format import (
    Candidate,
    ClaimsFile,
    Event,
    Organisation,
    Participation,
    Person,
    Post,
    Quotation,
    Source,
    TurtleClaim,
    dumps,
    load_claims,
    loads,
)
from graph.errors import ParseError
from graph.evidence import Span
from graph.resources import data_dir


def _sample() -> ClaimsFile:
    cf = ClaimsFile(source=Source(id="demo-1", language="sv", published="2024-02-20",
                                  text="demo.txt", length=120, sha256="ab" * 32))
    cf.drafted = {"by": "innograph draft", "at": "2026-01-01T00:00:00+00:00"}
    cf.add(Person(id="eva", name="Eva Berg", spans=[Span(0, 8), ("Berg",)], confidence=0.9,
                  rule="person:given-name", match=Candidate("person:eva-berg", 0.75,
                                                            {"name": 1.0, "organisation": 0.5})))
    cf.add(Organisation(id="acme", name="Acme AB", kind="company", spans=[("Acme", "AB")],
                        link="orgs:acme", status="accepted", decided_by="Ola", decided_at="x"))
    cf.add(Post(id="p", person="eva", role="VD", organisation="acme", start="2024-04-02",
                spans=[Span(0, 30)]))
    cf.add(Event(id="e", name="Fiberdagen", start="2024-03-01", end="2024-05-31",
                 date_text="i vår", place="Karlstad", spans=[Span(40, 50)]))
    cf.add(Participation(id="e-org", event="e", agent="acme", role="organiser",
                         spans=[Span(40, 60)], status="rejected"))
    cf.add(Quotation(id="q", speaker="eva", paraphrase="Glad för \"stödet\"\\n.",
                     spans=[Span(61, 90)]))
    cf.add(TurtleClaim(id="t", body='person:eva schema:jobTitle "VD" .\n', spans=[Span(0, 8)]))
    return cf


def test_a_written_file_reads_back_the_same():
    cf = _sample()
    again = loads(dumps(cf), "demo.claims.toml")
    assert list(again.records()) == list(cf.records())
    assert again.source == cf.source and again.drafted == cf.drafted
    assert dumps(again) == dumps(cf)


def test_record_lines_are_remembered():
    text = dumps(_sample())
    cf = loads(text, "demo.claims.toml")
    lines = text.splitlines()
    for r in cf.records():
        assert lines[r.line - 1] == f"[[{r.TABLE}]]"


def test_the_packaged_specification_reads():
    spec = next(data_dir().glob("*.claims.toml"))
    cf = load_claims(spec)
    assert cf.source.id == "000_1c50d6c5c024da5a"
    assert len(cf.claims) == 45 and not cf.persons


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('[source]\nid = "a"\n[[post]]\nid = "p"\nperson = "x"\nrole = "r"\norganisation = "o"\n',
         3, "names no record"),
        ('[source]\nid = "a"\n[[person]]\nid = "p"\nname = "A"\n[[person]]\nid = "p"\nname = "B"\n',
         6, "used twice"),
        ('[source]\nid = "a"\n[[person]]\nid = "p"\nname = "A"\nspans = [[5, 2]]\n', 3,
         "0 <= start < end"),
        ('[source]\nid = "a"\n[[person]]\nid = "p"\nnmae = "A"\n', 3, "no field 'nmae'"),
        ('[source]\nid = "a"\n[[organisation]]\nid = "o"\nname = "A"\nkind = "shop"\n', 3,
         "kind 'shop'"),
        ('[source]\nid = "a"\n[[participation]]\nid = "x"\nevent = "e:1"\nagent = "orgs:a"\n'
         'role = "sponsor"\n', 3, "role 'sponsor'"),
        ('[source]\nid = "a"\n[[event]]\nid = "e"\nname = "E"\ndate = "14 mars"\n', 3,
         "YYYY-MM-DD"),
        ('[source]\nid = "a"\n[[person]]\nid = "Bad Id"\nname = "A"\n', 3, "slug"),
        ('[source]\nid = "a"\n[[person]]\nid = "p"\nname = "A"\nstatus = "maybe"\n', 3,
         "status 'maybe'"),
        ('[source]\nid = "a"\n[[person\nid = "p"\n', 3, "not valid TOML"),
    ],
)
def test_errors_name_the_file_and_line(body, line, words):
    with pytest.raises(ParseError) as info:
        loads(body, "x.claims.toml")
    assert str(info.value).startswith(f"x.claims.toml:{line}: "), str(info.value)
    assert words in str(info.value)
    assert info.value.line == line


def test_a_file_without_a_source_says_how_to_fix_it(tmp_path):
    p = tmp_path / "a.claims.toml"
    p.write_text('[[person]]\nid = "p"\nname = "A"\n', encoding="utf-8")
    with pytest.raises(ParseError, match=r"needs a \[source\] table"):
        load_claims(p)
    with pytest.raises(ParseError, match="no such claims file"):
        load_claims(tmp_path / "missing.claims.toml")
