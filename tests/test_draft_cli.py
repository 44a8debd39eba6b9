"""``innograph draft``: the file it writes, its messages and exit codes."""

from __future__ import annotations

from pathlib import Path

from graph.claims.format import load_claims
from graph.cli import main

TEXT = ("Ny leder i Fjellbyen\nAv Per Hansen | 10.01.2023\n\n"
        "Kari Nordmann, daglig leder i Fjellbyen Teknikk AS, åpnet dagen.\n\n"
        "– Vi vokser, sier Nordmann.\n")


def test_draft_writes_a_claims_file(tmp_path: Path, capsys) -> None:
    src = tmp_path / "nb-test-fjellbyen.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "drafts" / "nb-test-fjellbyen.claims.toml"
    out.parent.mkdir()
    assert main(["draft", str(src), "-o", str(out), "--store", "memory"]) == 0
    assert "1 person, 1 organisation, 1 post, 0 events" in capsys.readouterr().err
    cf = load_claims(out)
    assert cf.source.id == "nb-test-fjellbyen"
    assert cf.source.published == "2023-01-10" and cf.source.author == "Per Hansen"
    assert cf.text_path() is not None and cf.text_path().resolve() == src.resolve()
    assert [p.name for p in cf.persons] == ["Kari Nordmann"]
    assert [q.paraphrase for q in cf.quotations] == [""]


def test_draft_to_stdout_with_language_and_date(tmp_path: Path, capsys) -> None:
    src = tmp_path / "text.txt"
    src.write_text("Eva Ek är VD för Norrljus AB.", encoding="utf-8")
    assert main(["draft", str(src), "--lang", "sv", "--published", "2024-05-01", "--store", "memory"]) == 0
    out = capsys.readouterr().out
    assert 'language = "sv"' in out and 'published = "2024-05-01"' in out


def test_draft_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["draft", str(tmp_path / "missing.txt"), "--store", "memory"]) == 2
    assert "no such file" in capsys.readouterr().err
    src = tmp_path / "t.txt"
    src.write_text("Tekst.", encoding="utf-8")
    assert main(["draft", str(src), "--published", "10.01.2023", "--store", "memory"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Bodø".encode("latin-1"))
    assert main(["draft", str(latin), "--store", "memory"]) == 2
    assert "not UTF-8" in capsys.readouterr().err
