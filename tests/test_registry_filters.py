"""Filtered imports decide early, on a record's raw text, and keep exactly what they kept."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from graph.evidence import RecordSelector
from graph.registry import Filters, import_registry
from graph.registry.brreg import nest, org_record
from graph.registry.importer import read_records
from graph.stores import open_store

DATA = Path(__file__).parent / "data" / "registry"


def _entity(number: str, name: str, muni: str, *, form: str = "AS", industry: str = "62.010",
            postcode: str = "0150", **extra) -> dict:
    rec = {"organisasjonsnummer": number, "navn": name,
           "organisasjonsform": {"kode": form, "beskrivelse": "Aksjeselskap"},
           "naeringskode1": {"kode": industry, "beskrivelse": "Programmeringstjenester"},
           "forretningsadresse": {"landkode": "NO", "postnummer": postcode, "poststed": "STED",
                                  "adresse": ["Fjellveien 3"], "kommune": "STED",
                                  "kommunenummer": muni}}
    rec.update(extra)
    return rec


#: Entities whose raw text holds the filtered numbers and codes in other fields (their name,
#: postcode, street, the description of a code), beside entities that do pass.
ENTITIES = [
    _entity("999300001", "HALDEN 3101 TEKNIKK AS", "0301", postcode="3105"),
    _entity("999300002", "SJØKANT ANALYSE AS", "3105"),
    _entity("999300003", "BRUVIK 72 KONSULT AS", "4601", industry="62.010",
            forretningsadresse={"landkode": "NO", "postnummer": "3101", "kommune": "BERGEN",
                                 "adresse": ["72 Bryggeveien"], "kommunenummer": "4601"}),
    _entity("999300004", "TINDVIK FORSKNING ASA", "3101", form="ASA", industry="72.190"),
    _entity("999300005", "ELVESTAD HANDEL", "3203", form="ENK", industry="47.190",
            postadresse={"kommunenummer": "3105", "postnummer": "1701"}),
    _entity("999300006", "FJELLHEIM BYGG AS", "5001", industry="41.200"),
    # a municipality number written with spaces, one as a JSON number, one with an escape
    _entity("999300007", "MARKVIK DATA AS", " 3105 "),
    {**_entity("999300008", "SOLNES ENERGI AS", "x"),
     "forretningsadresse": {"kommunenummer": 3103, "landkode": "NO"}},
    _entity("999300009", "LUNDVIK SYSTEMER AS", "\u0033\u0031\u0030\u0031"),
    # a sub-entity: its business address is its location address
    {"organisasjonsnummer": "999300010", "navn": "TINDVIK FORSKNING AVD MOSS",
     "overordnetEnhet": "999300004", "organisasjonsform": {"kode": "BEDR"},
     "naeringskode1": {"kode": "72.190"},
     "beliggenhetsadresse": {"kommunenummer": "3103", "kommune": "MOSS", "landkode": "NO"},
     "oppstartsdato": "2020-01-01"},
]

FILTERS = [
    Filters(counties=frozenset({"31"})),
    Filters(municipalities=frozenset({"3105", "3101"})),
    Filters(forms=frozenset({"ASA"})),
    Filters(industries=("72",)),
    Filters(industries=("72.19",)),
    Filters(counties=frozenset({"31"}), forms=frozenset({"AS"})),
    Filters(municipalities=frozenset({"3103"}), industries=("7219",)),
]


def _write(path: Path, records: list[dict], *, escaped: bool = False) -> Path:
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=escaped) for r in records) + "\n]\n"
    if escaped:  # the municipality number of one record as \u escapes, as a file may have it
        text = text.replace('"kommunenummer": "3101"', '"kommunenummer": "\\u0033101"')
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _quads(path: Path, filters: Filters) -> set[tuple[str, str, str, str]]:
    store = open_store("oxigraph")
    import_registry(store, "brreg", [path], filters=filters, extract_date="2026-11-01")
    return {tuple(str(t) for t in q) for q in store.quads()}  # type: ignore[misc]


def _kept(quads: set[tuple[str, str, str, str]]) -> set[str]:
    org = "https://w3id.org/innograph/id/org/no-"
    return {s[len(org):] for s, p, o, _ in quads
            if s.startswith(org) and p == "http://www.w3.org/ns/org#identifier"}


def _expected(filters: Filters) -> set[str]:
    """The numbers that the filters keep, worked out on the parsed records one by one."""
    out = set()
    for i, rec in enumerate(ENTITIES):
        parsed = org_record(rec, RecordSelector.json(i), "test")
        if filters.keep(parsed):
            out.add(parsed.number)
    return out


@pytest.mark.parametrize("filters", FILTERS, ids=str)
@pytest.mark.parametrize("name", ["entities.json", "entities.json.gz"])
def test_the_early_test_changes_no_triple(tmp_path, monkeypatch, filters, name):
    path = _write(tmp_path / name, ENTITIES)
    asked = []
    original = Filters.may_keep_json

    def spy(self, text, start, end):
        answer = original(self, text, start, end)
        asked.append(answer)
        return answer

    monkeypatch.setattr(Filters, "may_keep_json", spy)
    early = _quads(path, filters)
    assert len(asked) == len(ENTITIES) and not all(asked)     # some records were skipped
    monkeypatch.setattr(Filters, "may_keep_json", lambda self, text, start, end: True)
    assert early == _quads(path, filters)                     # as parsing every record
    assert _kept(early) == _expected(filters)


def test_a_number_elsewhere_in_the_record_is_let_through_then_refused():
    f = Filters(counties=frozenset({"31"}))
    text = json.dumps(ENTITIES[0], ensure_ascii=False)        # postcode 3105, name with 3101
    assert f.may_keep_json(text, 0, len(text)) is False       # no kommunenummer 31..
    text = json.dumps(ENTITIES[4], ensure_ascii=False)        # a postal address in 3105
    assert f.may_keep_json(text, 0, len(text)) is True
    assert not f.keep(org_record(ENTITIES[4], RecordSelector.json(4), "test"))
    refused = Filters(industries=("72",))
    text = json.dumps(ENTITIES[2], ensure_ascii=False)        # a street "72 ...", postcode 3101
    assert refused.may_keep_json(text, 0, len(text)) is True
    assert not refused.keep(org_record(ENTITIES[2], RecordSelector.json(2), "test"))


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_the_early_test_never_refuses_a_record_that_passes(filters):
    for i, rec in enumerate(ENTITIES):
        for escaped in (False, True):
            text = json.dumps(rec, ensure_ascii=escaped, indent=1 if escaped else None)
            if filters.keep(org_record(rec, RecordSelector.json(i), "test")):
                assert filters.may_keep_json(text, 0, len(text)), (i, text)


def test_escaped_numbers_are_parsed(tmp_path):
    path = _write(tmp_path / "escaped.json", ENTITIES, escaped=True)
    assert '\\u0033101' in path.read_text(encoding="utf-8")
    f = Filters(municipalities=frozenset({"3101"}))
    assert _kept(_quads(path, f)) == _expected(f) == {"999300004", "999300009"}


def test_roles_are_never_refused_early(tmp_path):
    f = Filters(counties=frozenset({"31"}))
    roles = (DATA / "roller.json").read_text(encoding="utf-8")
    assert f.may_keep_json(roles, roles.index("{"), len(roles)) is True


def test_csv_rows_are_refused_on_their_cells(tmp_path):
    path = tmp_path / "entities.csv"
    columns = ["organisasjonsnummer", "navn", "organisasjonsform.kode", "naeringskode1.kode",
               "forretningsadresse.postnummer", "forretningsadresse.kommunenummer",
               "postadresse.kommunenummer"]
    rows = [["999300001", "HALDEN 3101 TEKNIKK AS", "AS", "62.010", "3105", "0301", ""],
            ["999300002", "SJØKANT ANALYSE AS", "AS", "72.190", "1701", "3105", ""],
            ["999300005", "ELVESTAD HANDEL", "ENK", "47.190", "1701", "3203", "3105"],
            ["999300007", "MARKVIK DATA AS", "ASA", "72.1", "1701", " 3101 ", ""]]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        w.writerows(rows)
    for filters in FILTERS:
        items = list(read_records("brreg", path, filters=filters))
        skipped = {rows[i][0] for i, item in enumerate(items) if item is None}
        kept = {item.number for item in items if item is not None and filters.keep(item)}
        every = {r.number for r in read_records("brreg", path) if filters.keep(r)}
        assert kept == every
        assert not skipped & every
        cells = [dict(zip(columns, r, strict=True)) for r in rows]
        assert every == {c["organisasjonsnummer"] for i, c in enumerate(cells)
                         if filters.keep(org_record(nest(c), RecordSelector.csv(i + 1), "t"))}
    county = list(read_records("brreg", path, filters=Filters(counties=frozenset({"31"}))))
    assert [item is None for item in county] == [True, False, False, False]


def test_progress_counts_every_record_read(tmp_path):
    path = _write(tmp_path / "entities.json", ENTITIES)
    store = open_store("oxigraph")
    report = import_registry(store, "brreg", [path], filters=Filters(forms=frozenset({"ASA"})),
                             extract_date="2026-11-01")
    (_, read, kept, _), = report.files
    assert (read, kept) == (len(ENTITIES), 1)
