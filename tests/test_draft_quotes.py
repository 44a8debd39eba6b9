"""Quotations in Norwegian and Swedish text and who is quoted."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from graph.draft.quotes import QuoteMention, find_quotes
from graph.errors import InputError

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

# text, language, quote start and end, speaker start and end, name, pronoun, role before the
# name; the offsets are counted by hand
CASES = [
    pytest.param("– Vi gleder oss til å komme i gang, sier Kari Nordlie.", "nb", 2, 34, 41, 53, "Kari Nordlie", None, None,
                 id="nb-sier-name"),
    pytest.param("– Tallene er gode, sier styreleder Per Åsheim.", "nb", 2, 17, 35, 45, "Per Åsheim", None, "styreleder",
                 id="nb-role-before"),
    pytest.param("– Dette er en viktig dag, sier ordfører i Eksempel kommune, Liv Brattås.", "nb", 2, 24, 60, 71, "Liv Brattås", None, "ordfører i Eksempel kommune",
                 id="nb-role-org-comma"),
    pytest.param("– Vi satser videre, sier Kari Nordlie, daglig leder i Nordlys AS.", "nb", 2, 18, 25, 37, "Kari Nordlie", None, None,
                 id="nb-apposition-after"),
    pytest.param("– Vi må tenke nytt, sier hun.", "nb", 2, 18, 25, 28, None, "hun", None,
                 id="nb-sier-hun"),
    pytest.param("– Vi måste tänka nytt, säger han.", "sv", 2, 21, 29, 32, None, "han", None,
                 id="sv-sager-han"),
    pytest.param("– Prosjektet er i rute, sa Fjell da han la fram tallene.", "nb", 2, 22, 27, 32, "Fjell", None, None,
                 id="nb-sa-surname-clause"),
    pytest.param("– Vi er klare, sier Berg Lunde.", "nb", 2, 13, 20, 30, "Berg Lunde", None, None,
                 id="nb-double-surname"),
    pytest.param("– Dette er bare starten, forteller Ola Bakke.", "nb", 2, 23, 35, 44, "Ola Bakke", None, None,
                 id="nb-forteller"),
    pytest.param("– Havna må utvides, mener næringssjef Tone Vik.", "nb", 2, 18, 38, 46, "Tone Vik", None, "næringssjef",
                 id="nb-mener"),
    pytest.param("– Ingen skal stå alene, understreker Jon Rud.", "nb", 2, 22, 37, 44, "Jon Rud", None, None,
                 id="nb-understreker"),
    pytest.param("– Det handler om folk, poengterer hun.", "nb", 2, 21, 34, 37, None, "hun", None,
                 id="nb-poengterer-hun"),
    pytest.param("– Vi började i ett garage, berättar Lisa Ek.", "sv", 2, 25, 36, 43, "Lisa Ek", None, None,
                 id="sv-berattar"),
    pytest.param("– Kommunen måste våga mer, menar Sven Dahl.", "sv", 2, 25, 33, 42, "Sven Dahl", None, None,
                 id="sv-menar"),
    pytest.param("– Det blev ett rekordår, konstaterar hon.", "sv", 2, 23, 37, 40, None, "hon", None,
                 id="sv-konstaterar-hon"),
    pytest.param("– Nu börjar arbetet, säger verksamhetsledare Sofia Nyström.", "sv", 2, 19, 45, 58, "Sofia Nyström", None, "verksamhetsledare",
                 id="sv-role-before"),
    pytest.param("– Vi växer snabbt, säger Regionens innovationschef Eva Lind.", "sv", 2, 17, 51, 59, "Eva Lind", None, "Regionens innovationschef",
                 id="sv-genitive-role"),
    pytest.param("– Det gick bättre än väntat, säger J. Berg.", "sv", 2, 27, 35, 42, "J. Berg", None, None,
                 id="sv-initial"),
    pytest.param("– Hvem skal betale for dette? spør Ola Fjell.", "nb", 2, 29, 35, 44, "Ola Fjell", None, None,
                 id="nb-question"),
    pytest.param("– Vi er i rute, sier Ola Fjell. Neste år skal anlegget stå ferdig.", "nb", 2, 66, 21, 30, "Ola Fjell", None, None,
                 id="nb-mid-paragraph"),
    pytest.param("– Vi har fått ja, säger Maja Holm, och nu kan bygget börja. Det tar två år.", "sv", 2, 75, 24, 33, "Maja Holm", None, None,
                 id="sv-mid-paragraph"),
    pytest.param("— Alt er på plass, sier Siv Lie.", "nb", 2, 17, 24, 31, "Siv Lie", None, None,
                 id="nb-em-dash"),
    pytest.param("- Alt er på plass, sier Siv Lie.", "nb", 2, 17, 24, 31, "Siv Lie", None, None,
                 id="nb-hyphen"),
    pytest.param("Ordføreren var fornøyd. «Vi er klare», sier Berit Holm til avisen.", "nb", 25, 36, 44, 54, "Berit Holm", None, None,
                 id="nb-guillemets"),
    pytest.param("”Det här är en milstolpe”, säger Anna Ek.", "sv", 1, 24, 33, 40, "Anna Ek", None, None,
                 id="sv-curly"),
]


@pytest.mark.parametrize(
    "text, lang, start, end, s_start, s_end, speaker, pronoun, role", CASES)
def test_each_form_finds_the_quote_and_its_speaker(text: str, lang: str, start: int, end: int,
                                                   s_start: int, s_end: int,
                                                   speaker: str | None, pronoun: str | None,
                                                   role: str | None) -> None:
    assert find_quotes(text, lang) == [
        QuoteMention(start, end, s_start, s_end, speaker, pronoun, role)
    ]
    # the speaker span lies inside the text and holds the name or the pronoun as written
    assert text[s_start:s_end] == (speaker or pronoun)


def test_a_dash_paragraph_without_a_verb_continues_the_previous_speaker() -> None:
    text = ("– Vi har ventet lenge, sier Eva Sand.\n\n"
            "– Nå skal vi endelig bygge, og det gleder oss.\n\n"
            "– Og vi er ikke alene!\n")
    assert find_quotes(text, "nb") == [
        QuoteMention(2, 21, 28, 36, "Eva Sand", None, None),
        QuoteMention(41, 85, None, None, "Eva Sand", None, None),
        QuoteMention(89, 109, None, None, "Eva Sand", None, None),
    ]
    assert text[41:85] == "Nå skal vi endelig bygge, og det gleder oss."


def test_a_pronoun_speaker_is_carried_to_the_continuation() -> None:
    text = "– Det här går bra, säger hon.\n– Vi fortsätter i höst.\n"
    assert find_quotes(text, "sv") == [
        QuoteMention(2, 17, 25, 28, None, "hon", None),
        QuoteMention(32, 53, None, None, None, "hon", None),
    ]


def test_a_narrative_paragraph_ends_the_continuation() -> None:
    text = "– Vi er i gang, sier Eva Sand.\n\nHun leder klyngen.\n\n– Nå skal vi bygge mer.\n"
    assert [q.speaker for q in find_quotes(text, "nb")] == ["Eva Sand"]


@pytest.mark.parametrize("text, lang", [
    ("Programmet:\n- kaffe og registrering\n- innlegg fra kommunen\n- lunsj\n", "nb"),
    ("Ny giv for klyngen\n\n– Et nytt kapittel\n\nKlyngen fikk nye medlemmer.\n", "nb"),
    ("– Han sier at det går bra med prosjektet.\n", "nb"),
    ("Kommunen sier at planen står fast, og rådmannen mener det samme.\n", "nb"),
    ("Rapporten «Havet mot 2040» ble lagt fram i fjor.\n", "nb"),
    ("Dagordning:\n– fika\n– presentationer från företagen\n– avslutning\n", "sv"),
    ("– Budsjettet, sier at alle må spare.\n", "nb"),
])
def test_dashes_and_quotation_marks_that_are_not_quotes(text: str, lang: str) -> None:
    assert find_quotes(text, lang) == []


def test_a_list_after_a_quote_is_not_quoted() -> None:
    text = "– Vi trenger tre ting, sier Eva Sand.\n- penger\n- folk\n- mer tid.\n"
    assert [(q.start, q.speaker) for q in find_quotes(text, "nb")] == [(2, "Eva Sand")]


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(InputError, match="unknown language 'en'.*nb.*sv"):
        find_quotes("– Hello, says Ann.", "en")


def _dev_gold() -> dict[str, dict[str, object]]:
    if not (DEV / "gold.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the development set is missing: {DEV}")
        pytest.skip("the development set (../shared/corpus/dev) is not beside this checkout")
    return json.loads((DEV / "gold.json").read_text(encoding="utf-8"))


def _forms(person: str) -> list[str]:
    """The ways a text names a person: in full, without the first given name, the last name."""
    parts = person.split()
    return sorted({person, " ".join(parts[1:]), parts[-1]} - {""}, key=len, reverse=True)


def _previous_person(text: str, before: int, persons: list[str]) -> str | None:
    best: tuple[int, str] | None = None
    for person in persons:
        for form in _forms(person):
            for m in re.finditer(rf"\b{re.escape(form)}\b", text[:before]):
                if best is None or m.end() > best[0]:
                    best = (m.end(), person)
    return best[1] if best else None


def test_dev_articles_quotes_per_person_match_the_gold_counts() -> None:
    for name, gold in sorted(_dev_gold().items()):
        text = (DEV / name).read_text(encoding="utf-8")
        persons = list(gold["persons"])  # type: ignore[call-overload]
        counts: Counter[str] = Counter()
        for quote in find_quotes(text, str(gold["lang"])):
            if quote.speaker_start is not None:
                assert quote.speaker_end is not None
                written = text[quote.speaker_start:quote.speaker_end]
                assert written == (quote.speaker or quote.pronoun), (name, written)
            if quote.speaker is not None:
                matches = [p for p in persons if quote.speaker in _forms(p)]
                assert len(matches) == 1, (name, quote.speaker)
                counts[matches[0]] += 1
            else:
                person = _previous_person(text, quote.start, persons)
                assert person is not None, (name, quote.pronoun)
                counts[person] += 1
        assert dict(counts) == gold["quotes"], name
