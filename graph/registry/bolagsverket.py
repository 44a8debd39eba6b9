"""Sweden's companies register (Bolagsverket): the free bulk file of all organisations.

The bulk file is a text file (in a zip archive, or unpacked), one organisation per line, fields
separated by ``;`` under a header row: ``organisationsidentitet``, ``namnskyddslopnummer``,
``registreringsland``, ``organisationsnamn``, ``organisationsform``, ``avregistreringsdatum``,
``avregistreringsorsak``, ``pagandeAvvecklingsEllerOmstruktureringsforfarande``,
``registreringsdatum``, ``verksamhetsbeskrivning``, ``postadress``. A field with parts separates
them with ``$``: the identity is the number and its kind (``5561234567$ORGNR-IDORG``), a name is
the name, its kind and its date (several names are separated by ``|``), the form is the code
and its kind (``AB-ORGFO``), the postal address is street, c/o, city, postcode and country.

The file has neither municipality nor industry codes (those come from Statistics Sweden), so
the organisations have no ``schema:location`` and no ``rov:orgActivity``; the address carries
the postcode and city.

Examples
--------
>>> rec = org_record({"organisationsidentitet": "5599999999$ORGNR-IDORG",
...                   "organisationsnamn": "Gränslös Innovation AB$FORETAGSNAMN-ORGNAM$2019-03-01",
...                   "organisationsform": "AB-ORGFO"}, RecordSelector.csv(1), "f.txt:2")
>>> rec.number, rec.name, rec.legal_form
('5599999999', 'Gränslös Innovation AB', ('AB', 'Aktiebolag'))
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import ParseError
from ..evidence import RecordSelector
from .model import BOLAGSVERKET, Address, OrgRecord
from .reading import iter_csv

__all__ = ["FORMS", "org_record", "read"]

#: The legal forms of the bulk file, with their Swedish names.
FORMS = {
    "AB": "Aktiebolag", "BAB": "Bankaktiebolag", "BF": "Bostadsförening",
    "BRF": "Bostadsrättsförening", "E": "Enskild näringsverksamhet", "EB": "Enkla bolag",
    "EGTS": "Europeisk gruppering för territoriellt samarbete", "EK": "Ekonomisk förening",
    "FAB": "Försäkringsaktiebolag", "FL": "Filial", "HB": "Handelsbolag", "I": "Ideell förening",
    "KB": "Kommanditbolag", "KHF": "Kooperativ hyresrättsförening", "MB": "Medlemsbank",
    "OFB": "Ömsesidigt försäkringsbolag", "S": "Stiftelse", "SB": "Sparbank",
    "SCE": "Europakooperativ", "SE": "Europabolag", "TSF": "Trossamfund",
}
_POSTCODE = re.compile(r"^\d{3} ?\d{2}$")


def _first(value: str) -> str:
    return value.split("|", 1)[0].split("$", 1)[0].strip()


def org_record(row: dict[str, str], selector: RecordSelector, where: str) -> OrgRecord:
    """One line of the bulk file as an :class:`OrgRecord`."""
    number = re.sub(r"[\s\-]", "", _first(row.get("organisationsidentitet") or ""))
    if not BOLAGSVERKET.check_number(number):
        raise ParseError(f"{where}: organisationsidentitet {number!r} is not a Swedish "
                         "organisation number (ten digits); is this Bolagsverket's bulk file?")
    name = _first(row.get("organisationsnamn") or "")
    if not name:
        raise ParseError(f"{where}: the organisation {number} has no organisationsnamn")
    form_code = _first(row.get("organisationsform") or "").split("-", 1)[0]
    address = None
    parts = [p.strip() for p in (row.get("postadress") or "").split("$")]
    if any(parts):
        postcode = next((p for p in parts if _POSTCODE.match(p)), "")
        rest = [p for p in parts if p and p != postcode]
        street = rest[0] if rest else ""
        city = ""
        if postcode and parts.index(postcode) > 0:
            city = parts[parts.index(postcode) - 1]
            if city == street:
                city = ""
        address = Address(lines=(street,) if street else (), postcode=postcode.replace(" ", ""),
                          locality=city, country="SE")
    return OrgRecord(
        number=number, name=name, selector=selector,
        legal_form=(form_code, FORMS.get(form_code, form_code)) if form_code else None,
        address=address,
        dissolved=(row.get("avregistreringsdatum") or "").strip() or None,
        description=(row.get("verksamhetsbeskrivning") or "").strip() or None,
    )


def _open(path: Path) -> IO[str]:
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.namelist() if not m.endswith("/")]
        if len(members) != 1:
            raise ParseError(f"{path}: expected one file in the zip archive, found {len(members)}")
        raw: IO[bytes] = archive.open(members[0])
    else:
        raw = path.open("rb")
    data = io.BufferedReader(raw)  # type: ignore[type-var]
    head = data.peek(1 << 16)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # a cut multi-byte character at the end of the peek is still UTF-8
        encoding = "utf-8-sig" if exc.start >= len(head) - 3 else "latin-1"
    return io.TextIOWrapper(data, encoding=encoding, newline="")


def read(path: Path, where: str) -> Iterator[OrgRecord]:
    """The organisations of a bulk file, one at a time."""
    with _open(path) as text:
        for row, cells in iter_csv(text, where):
            yield org_record(cells, RecordSelector.csv(row), f"{where} (row {row})")
