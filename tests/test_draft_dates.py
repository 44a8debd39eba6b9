"""Dates in Norwegian and Swedish text: each form, the year rule, bylines, non-dates."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from graph.draft.dates import DateMention, find_dates, find_publication_date
from graph.errors import InputError

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def _day(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


# text, publication date, language, start, end, words, first day, last day, precision, label;
# the offsets are counted by hand, the weekdays checked against a calendar
CASES = [
    pytest.param("Styret møtes 12. mars 2024 på Hamar.", None, "nb", 13, 26, "12. mars 2024",
                 "2024-03-12", "2024-03-12", "day", "2024-03-12", id="nb-full"),
    pytest.param("Stämman hålls 14 mars 2024 i Umeå.", None, "sv", 14, 26, "14 mars 2024",
                 "2024-03-14", "2024-03-14", "day", "2024-03-14", id="sv-full"),
    pytest.param("Fristen er 12.03.2024 for alle søkere.", None, "nb", 11, 21, "12.03.2024",
                 "2024-03-12", "2024-03-12", "day", "2024-03-12", id="nb-numeric"),
    pytest.param("Beslutet togs 2024-03-12 av nämnden.", None, "sv", 14, 24, "2024-03-12",
                 "2024-03-12", "2024-03-12", "day", "2024-03-12", id="sv-iso"),
    pytest.param("Styremøtet blir 12. mars på Hamar.", "2024-01-15", "nb", 16, 24, "12. mars",
                 "2024-03-12", "2024-03-12", "day", "2024-03-12", id="nb-day-future"),
    pytest.param("Styremøtet var 12. mars på Hamar.", "2024-01-15", "nb", 15, 23, "12. mars",
                 "2023-03-12", "2023-03-12", "day", "2023-03-12", id="nb-day-past"),
    pytest.param("Messen åpner 5. januar i Tromsø.", "2024-11-20", "nb", 13, 22, "5. januar",
                 "2025-01-05", "2025-01-05", "day", "2025-01-05", id="nb-day-unknown-wraps"),
    pytest.param("Vi samles tirsdag 12. mars på biblioteket.", "2024-02-01", "nb", 10, 26, "tirsdag 12. mars",
                 "2024-03-12", "2024-03-12", "day", "2024-03-12", id="nb-weekday-date"),
    pytest.param("Fagdagen var fredag 14. mars i Alta.", "2025-01-10", "nb", 13, 28, "fredag 14. mars",
                 "2025-03-14", "2025-03-14", "day", "2025-03-14", id="nb-weekday-picks-year"),
    pytest.param("Mässan öppnar den 14 mars i Umeå.", "2024-02-20", "sv", 14, 25, "den 14 mars",
                 "2024-03-14", "2024-03-14", "day", "2024-03-14", id="sv-den"),
    pytest.param("Kursen börjar tisdagen den 12 mars i Falun.", "2024-02-20", "sv", 14, 34, "tisdagen den 12 mars",
                 "2024-03-12", "2024-03-12", "day", "2024-03-12", id="sv-weekday-den"),
    pytest.param("Festivalen går 12.–14. juni i Molde.", "2024-02-20", "nb", 15, 27, "12.–14. juni",
                 "2024-06-12", "2024-06-14", "day", "2024-06-12/2024-06-14", id="nb-range"),
    pytest.param("Rapporten legges fram på torsdag.", "2024-03-04", "nb", 22, 32, "på torsdag",
                 "2024-03-07", "2024-03-07", "day", "2024-03-07", id="nb-pa-torsdag"),
    pytest.param("Vi ses på fredag i Visby.", "2024-03-04", "sv", 7, 16, "på fredag",
                 "2024-03-08", "2024-03-08", "day", "2024-03-08", id="sv-pa-fredag"),
    pytest.param("Avtalet skrevs under i fredags.", "2024-03-04", "sv", 21, 30, "i fredags",
                 "2024-03-01", "2024-03-01", "day", "2024-03-01", id="sv-i-fredags"),
    pytest.param("Saken kom opp forrige mandag.", "2024-03-07", "nb", 14, 28, "forrige mandag",
                 "2024-03-04", "2024-03-04", "day", "2024-03-04", id="nb-forrige-mandag"),
    pytest.param("Avtalen ble signert onsdag i Lillehammer.", "2024-03-07", "nb", 20, 26, "onsdag",
                 "2024-03-06", "2024-03-06", "day", "2024-03-06", id="nb-weekday-past"),
    pytest.param("Avtalen skal signeres onsdag i Lillehammer.", "2024-03-07", "nb", 22, 28, "onsdag",
                 "2024-03-13", "2024-03-13", "day", "2024-03-13", id="nb-weekday-future"),
    pytest.param("Gruppen presenterade resultatet måndag.", "2024-03-07", "sv", 32, 38, "måndag",
                 "2024-03-04", "2024-03-04", "day", "2024-03-04", id="sv-weekday-past-ade"),
    pytest.param("Planen legges fram i dag.", "2024-03-07", "nb", 19, 24, "i dag",
                 "2024-03-07", "2024-03-07", "day", "2024-03-07", id="nb-i-dag"),
    pytest.param("Planen presenteras idag.", "2024-03-07", "sv", 19, 23, "idag",
                 "2024-03-07", "2024-03-07", "day", "2024-03-07", id="sv-idag"),
    pytest.param("Byggingen starter i morgen.", "2024-02-29", "nb", 18, 26, "i morgen",
                 "2024-03-01", "2024-03-01", "day", "2024-03-01", id="nb-i-morgen"),
    pytest.param("Bygget startar i morgon.", "2024-12-31", "sv", 15, 23, "i morgon",
                 "2025-01-01", "2025-01-01", "day", "2025-01-01", id="sv-i-morgon"),
    pytest.param("Avtalen ble klar i går.", "2024-03-01", "nb", 17, 22, "i går",
                 "2024-02-29", "2024-02-29", "day", "2024-02-29", id="nb-i-gar"),
    pytest.param("Avtalet blev klart igår.", "2024-03-01", "sv", 19, 23, "igår",
                 "2024-02-29", "2024-02-29", "day", "2024-02-29", id="sv-igar"),
    pytest.param("Møtet holdes torsdag 26. januar kl. 09.15 i Kilden.", "2023-01-11", "nb", 13, 41, "torsdag 26. januar kl. 09.15",
                 "2023-01-26", "2023-01-26", "time", "2023-01-26T09:15", id="nb-time"),
    pytest.param("Invigningen är på fredag klockan 10 vid hamnen.", "2024-03-04", "sv", 15, 35, "på fredag klockan 10",
                 "2024-03-08", "2024-03-08", "time", "2024-03-08T10:00", id="sv-time"),
    pytest.param("Seminariet hålls den 3 oktober kl. 08.00–10.00 i Lund.", "2017-09-21", "sv", 17, 46, "den 3 oktober kl. 08.00–10.00",
                 "2017-10-03", "2017-10-03", "time", "2017-10-03T08:00/10:00", id="sv-time-range"),
    pytest.param("Søknaden behandles neste uke.", "2024-03-04", "nb", 19, 28, "neste uke",
                 "2024-03-11", "2024-03-17", "week", "2024 (week 11)", id="nb-neste-uke"),
    pytest.param("Ansökan behandlas nästa vecka.", "2024-03-04", "sv", 18, 29, "nästa vecka",
                 "2024-03-11", "2024-03-17", "week", "2024 (week 11)", id="sv-nasta-vecka"),
    pytest.param("Kurset holdes i uke 43 på Gjøvik.", "2024-09-04", "nb", 16, 22, "uke 43",
                 "2024-10-21", "2024-10-27", "week", "2024 (week 43)", id="nb-uke"),
    pytest.param("Mässan hölls vecka 50 i Kiruna.", "2024-01-10", "sv", 13, 21, "vecka 50",
                 "2023-12-11", "2023-12-17", "week", "2023 (week 50)", id="sv-vecka-past"),
    pytest.param("Klyngen legger fram en plan i høst.", "2024-02-01", "nb", 28, 34, "i høst",
                 "2024-09-01", "2024-11-30", "season", "2024 (autumn)", id="nb-i-host"),
    pytest.param("Rapporten kom i vår.", "2019-10-17", "nb", 14, 19, "i vår",
                 "2019-03-01", "2019-05-31", "season", "2019 (spring)", id="nb-i-var-past"),
    pytest.param("Anlegget åpner til våren.", "2024-10-01", "nb", 15, 24, "til våren",
                 "2025-03-01", "2025-05-31", "season", "2025 (spring)", id="nb-til-varen"),
    pytest.param("Företaget flyttade hit i höstas.", "2024-02-01", "sv", 23, 31, "i höstas",
                 "2023-09-01", "2023-11-30", "season", "2023 (autumn)", id="sv-i-hostas"),
    pytest.param("Neste samling er høsten 2020 i Stjørdal.", "2019-10-17", "nb", 17, 28, "høsten 2020",
                 "2020-09-01", "2020-11-30", "season", "2020 (autumn)", id="nb-hosten-year"),
    pytest.param("Nästa upplaga hålls nästa vår.", "2024-10-01", "sv", 20, 29, "nästa vår",
                 "2025-03-01", "2025-05-31", "season", "2025 (spring)", id="sv-nasta-var"),
    pytest.param("Testerna görs i vinter.", "2024-10-01", "sv", 14, 22, "i vinter",
                 "2024-12-01", "2025-02-28", "season", "2025 (winter)", id="sv-i-vinter"),
    pytest.param("Inkubatoren åpner i april.", "2024-02-20", "nb", 18, 25, "i april",
                 "2024-04-01", "2024-04-30", "month", "2024-04", id="nb-i-april"),
    pytest.param("Bolaget startade i april.", "2024-02-20", "sv", 17, 24, "i april",
                 "2023-04-01", "2023-04-30", "month", "2023-04", id="sv-i-april-past"),
    pytest.param("Svaret kommer i slutten av mai.", "2024-02-01", "nb", 14, 30, "i slutten av mai",
                 "2024-05-21", "2024-05-31", "month", "2024-05 (late)", id="nb-slutten-av-mai"),
    pytest.param("Beskedet kommer i början av maj.", "2024-02-01", "sv", 16, 31, "i början av maj",
                 "2024-05-01", "2024-05-10", "month", "2024-05 (early)", id="sv-borjan-av-maj"),
    pytest.param("Bygget var klart i juni 2021.", None, "sv", 17, 28, "i juni 2021",
                 "2021-06-01", "2021-06-30", "month", "2021-06", id="sv-month-year"),
    pytest.param("Inkubatoren ble etablert i 2015 av tre gründere.", None, "nb", 25, 31, "i 2015",
                 "2015-01-01", "2015-12-31", "year", "2015", id="nb-i-2015"),
    pytest.param("Företaget har funnits sedan 2013.", None, "sv", 22, 32, "sedan 2013",
                 "2013-01-01", "2013-12-31", "year", "2013", id="sv-sedan-2013"),
    pytest.param("Anlegget skal stå klart neste år.", "2024-03-04", "nb", 24, 32, "neste år",
                 "2025-01-01", "2025-12-31", "year", "2025", id="nb-neste-ar"),
    pytest.param("Omsättningen växte i fjol.", "2024-03-04", "sv", 19, 25, "i fjol",
                 "2023-01-01", "2023-12-31", "year", "2023", id="sv-i-fjol"),
    pytest.param("Hun tok over 1. januar i år.", "2022-06-09", "nb", 13, 27, "1. januar i år",
                 "2022-01-01", "2022-01-01", "day", "2022-01-01", id="nb-day-i-ar"),
]


@pytest.mark.parametrize(
    "text, published, lang, start, end, words, begin, end_date, precision, label", CASES)
def test_each_form_is_found_and_resolved(text: str, published: str | None, lang: str, start: int,
                                         end: int, words: str, begin: str, end_date: str,
                                         precision: str, label: str) -> None:
    assert text[start:end] == words
    assert find_dates(text, _day(published), lang) == [
        DateMention(start, end, words, _day(begin), _day(end_date), precision, label)  # type: ignore[arg-type]
    ]


def test_several_mentions_in_one_text_in_order() -> None:
    text = "Søknadsfristen var 1. mars, og svar kommer i slutten av april. Byggestart blir i 2026."
    found = find_dates(text, datetime.date(2025, 3, 10), "nb")
    assert [(m.start, m.end, m.label) for m in found] == [
        (19, 26, "2025-03-01"), (43, 61, "2025-04 (late)"), (79, 85, "2026"),
    ]


def test_the_nearest_tense_marker_decides() -> None:
    # `tiltrer` (present, so future) is nearer to the date than `har ledet` (past)
    text = "Hun tiltrer 1. april og overtar etter en leder som har ledet huset lenge."
    assert [m.label for m in find_dates(text, datetime.date(2023, 1, 11), "nb")] == ["2023-04-01"]
    text = "Han var med da laget vant 1. april, og nå skal han lede det."
    assert [m.label for m in find_dates(text, datetime.date(2023, 6, 11), "nb")] == ["2023-04-01"]


def test_the_day_of_publication_counts_as_after_and_before() -> None:
    pub = datetime.date(2024, 5, 2)
    assert [m.label for m in find_dates("Utstillingen åpner 2. mai.", pub, "nb")] == ["2024-05-02"]
    assert [m.label for m in find_dates("Utstillingen åpnet 2. mai.", pub, "nb")] == ["2024-05-02"]


@pytest.mark.parametrize("text, lang", [
    ("Vekstverket fikk 40 søkere og har 28 selskaper i porteføljen.", "nb"),
    ("Selskapet har 1500 ansatte og omsatte for 2024 millioner.", "nb"),
    ("Nettverket har medlemmer i 2000 kommuner.", "nb"),
    ("Biljetterna kostar från 1200 kronor.", "sv"),
    ("Fjellet er 1850 meter høyt, og hytta ligger på 1200 meter.", "nb"),
    ("Samlingen har plass til 1500 deltakere.", "nb"),
    ("Klyngen møtes hver torsdag i kantina.", "nb"),
    ("Vi träffas varje måndag.", "sv"),
    ("Det skjer mye spennende i vår region.", "nb"),
    ("Vi satser på vår kommune og vårt næringsliv.", "nb"),
    ("Rapporten «Havet mot 2040» ble lagt fram.", "nb"),
    ("Dagen arrangeras av klustret varje vår.", "sv"),
    ("Søknader leveres innen 31. februar.", "nb"),
    ("Versjon 2.10.5 av programmet er ute, og 3.1 kommer.", "nb"),
    ("Prosjektet har 12,4 millioner kroner.", "nb"),
])
def test_numbers_and_words_that_are_not_dates(text: str, lang: str) -> None:
    assert find_dates(text, datetime.date(2024, 3, 4), lang) == []


def test_without_a_publication_date_only_dates_with_a_year_are_found() -> None:
    text = "Vi ses i morgen, og igjen den 14. mars og 20. mars 2025."
    found = find_dates(text, None, "nb")
    assert [(m.start, m.end, m.label) for m in found] == [(42, 55, "2025-03-20")]


def test_an_unknown_language_is_refused_with_the_choices() -> None:
    with pytest.raises(InputError, match="unknown language 'de'.*nb.*sv"):
        find_dates("heute", None, "de")


@pytest.mark.parametrize("text, expected", [
    ("Ny leder for klyngen\nTekst: Kari Lien · Publisert 11.01.2023 kl. 09.15\n\nBrødtekst.\n",
     "2023-01-11"),
    ("Inkubator i Karlstad\nANNA BERG · 20 februari 2024\n\nBrödtext.\n", "2024-02-20"),
    ("Digitalt seminar i grenseregionen\n\nAv Per Olsen, 9. januar 2018\n\nTekst.\n",
     "2018-01-09"),
    ("Rubrik om mat\n2017-09-21 | Mikael Ek\n", "2017-09-21"),
    ("PRESSMEDDELANDE: Ny testbädd\nÖstersund 2025-01-20 / Lena Ek\n", "2025-01-20"),
    ("Tittel\nPER OLSEN – torsdag 9. juni 2022\n", "2022-06-09"),
    ("Tittel\nAv Per Olsen | Publisert 03.02.2021, oppdatert 05.02.2021\n", "2021-02-03"),
    ("Tittel\nOppdatert 05.02.2021 – publisert 03.02.2021 av Per Olsen\n", "2021-02-03"),
    ("Tittel\nAv Per Olsen | Oppdatert 05.02.2021\n", "2021-02-05"),
    ("Seminar 12. mars 2024 i Bodø\nAv Per Olsen\n\nMøtet holdes 12. mars 2024.\n", None),
    ("Tittel uten dato\nAv Per Olsen\n\nMøtet er i morgen.\n", None),
    ("", None),
])
def test_publication_date_from_the_byline(text: str, expected: str | None) -> None:
    assert find_publication_date(text) == _day(expected)


def _dev_gold() -> dict[str, dict[str, object]]:
    if not (DEV / "gold.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the development set is missing: {DEV}")
        pytest.skip("the development set (../shared/corpus/dev) is not beside this checkout")
    return json.loads((DEV / "gold.json").read_text(encoding="utf-8"))


def test_dev_articles_publication_and_event_dates() -> None:
    for name, gold in sorted(_dev_gold().items()):
        text = (DEV / name).read_text(encoding="utf-8")
        published = find_publication_date(text)
        assert published == _day(str(gold["published"])), name
        labels = {m.label.split("T")[0] for m in find_dates(text, published, str(gold["lang"]))}
        for event in gold["events"]:  # type: ignore[attr-defined]
            assert event["date"] in labels, (name, event["name"], event["date"], sorted(labels))
