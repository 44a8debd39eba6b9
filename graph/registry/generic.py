"""Any other register: a CSV or JSON file and a small mapping file (column → property).

The mapping is TOML::

    [register]
    key = "cvr"                      # a short name: IRIs and claims use it
    name = "Det Centrale Virksomhedsregister"
    country = "dk"                   # two letters: organisation IRIs are org/<country>-<number>
    scheme = "DK-CVR"                # the org-id.guide code of the numbers
    number_pattern = "[0-9]{8}"      # a regular expression a number must match

    [columns]                        # field = "column" (CSV header, or a dotted JSON path)
    number = "cvrnr"                 # org:identifier, schema:identifier (required)
    name = "navn"                    # schema:name (required)
    legal_form = "form"              # rov:orgType, a SKOS concept
    industry = "branche"             # rov:orgActivity, a SKOS concept (NACE)
    street = "adresse"               # schema:address / schema:streetAddress
    postcode = "postnr"              # schema:postalCode
    locality = "by"                  # schema:addressLocality
    municipality = "kommunekode"     # schema:location, a schema:AdministrativeArea
    municipality_name = "kommune"    # its schema:name
    parent = "moder"                 # org:subOrganizationOf (org:unitOf with unit = true)
    founded = "startdato"            # schema:foundingDate (YYYY-MM-DD)
    dissolved = "ophoer"             # schema:dissolutionDate
    description = "formaal"          # schema:description

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "m.toml").write_text('[register]\\nkey = "x"\\nname = "X"\\ncountry = "dk"\\n'
...     'scheme = "DK-CVR"\\nnumber_pattern = "[0-9]{8}"\\n[columns]\\nnumber = "nr"\\nname = "navn"\\n')
>>> load_mapping(d / "m.toml").register.iri
'https://w3id.org/innograph/id/source/register-x'
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, ParseError
from ..evidence import RecordSelector
from .model import Address, OrgRecord, Register
from .reading import first_char, iter_csv, iter_json_array, open_text

__all__ = ["FIELDS", "Mapping", "load_mapping", "read_with"]

#: The fields a mapping may fill, each with the property it becomes.
FIELDS = {
    "number": "org:identifier", "name": "schema:name", "legal_form": "rov:orgType",
    "industry": "rov:orgActivity", "street": "schema:streetAddress",
    "postcode": "schema:postalCode", "locality": "schema:addressLocality",
    "municipality": "schema:location", "municipality_name": "schema:name of the municipality",
    "parent": "org:subOrganizationOf", "founded": "schema:foundingDate",
    "dissolved": "schema:dissolutionDate", "description": "schema:description",
}


@dataclass(frozen=True)
class Mapping:
    """A register and where each field is in its files."""

    register: Register
    columns: dict[str, str]
    unit: bool = False


def load_mapping(path: Path) -> Mapping:
    """Read a mapping file (TOML); errors say what is wrong and where."""
    if not path.is_file():
        raise InputError(f"{path}: no such mapping file")
    try:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"{path}: the mapping does not parse as TOML: {exc}") from None
    reg, cols = spec.get("register"), spec.get("columns")
    if not isinstance(reg, dict) or not isinstance(cols, dict):
        raise InputError(f"{path}: a mapping needs a [register] and a [columns] table")
    missing = [k for k in ("key", "name", "country", "scheme") if not reg.get(k)]
    if missing:
        raise InputError(f"{path}: [register] lacks {', '.join(missing)}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", str(reg["key"])) or not re.fullmatch(
            r"[a-z]{2}", str(reg["country"])):
        raise InputError(f"{path}: [register] key must be lower-case letters, digits and '-', "
                         "country two lower-case letters")
    unknown = sorted(set(cols) - set(FIELDS) - {"unit"})
    if unknown:
        raise InputError(f"{path}: [columns] has unknown field(s) {', '.join(unknown)}; "
                         f"the fields are: {', '.join(FIELDS)}")
    for need in ("number", "name"):
        if need not in cols:
            raise InputError(f"{path}: [columns] must say which column holds the {need}")
    try:
        re.compile(str(reg.get("number_pattern", ".+")))
    except re.error as exc:
        raise InputError(f"{path}: number_pattern is not a regular expression: {exc}") from None
    register = Register(str(reg["key"]), str(reg["name"]), str(reg["country"]),
                        str(reg["scheme"]), str(reg.get("number_pattern", ".+")),
                        str(reg.get("licence", "")))
    return Mapping(register, {k: str(v) for k, v in cols.items() if k != "unit"},
                   bool(cols.get("unit", False)))


def _get(row: dict[str, Any], path: str) -> str:
    if path in row:
        value: Any = row[path]
    else:
        value = row
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def _record(row: dict[str, Any], m: Mapping, sel: RecordSelector, where: str) -> OrgRecord:
    def col(f: str) -> str:
        return _get(row, m.columns[f]) if f in m.columns else ""

    number = col("number").replace(" ", "")
    if not m.register.check_number(number):
        raise ParseError(f"{where}: the number {number!r} (column {m.columns['number']!r}) does "
                         f"not match number_pattern {m.register.number_pattern!r}")
    name = col("name")
    if not name:
        raise ParseError(f"{where}: no name in column {m.columns['name']!r}")
    address = None
    if any(col(f) for f in ("street", "postcode", "locality", "municipality")):
        address = Address(lines=(col("street"),) if col("street") else (),
                          postcode=col("postcode"), locality=col("locality"),
                          municipality=col("municipality"),
                          municipality_name=col("municipality_name"),
                          country=m.register.country.upper())
    return OrgRecord(
        number=number, name=name, selector=sel,
        legal_form=(col("legal_form"), "") if col("legal_form") else None,
        industries=[(col("industry"), "")] if col("industry") else [],
        address=address, parent=col("parent") or None, unit=m.unit and bool(col("parent")),
        founded=col("founded") or None, dissolved=col("dissolved") or None,
        description=col("description") or None,
    )


def read_with(path: Path, where: str, *, mapping: Mapping) -> Iterator[OrgRecord]:
    """The organisations of a CSV or JSON file, read through ``mapping``."""
    first = first_char(path)
    text, _ = open_text(path)
    with text:
        if first == "[":
            for index, (line, rec) in enumerate(iter_json_array(text, where)):
                if not isinstance(rec, dict):
                    raise ParseError(f"{where}:{line}: expected an object, got {rec!r:.40}")
                yield _record(rec, mapping, RecordSelector.json(index), f"{where}:{line}")
        else:
            for row, cells in iter_csv(text, where):
                yield _record(cells, mapping, RecordSelector.csv(row), f"{where} (row {row})")


def read(path: Path, where: str) -> Iterator[OrgRecord]:  # pragma: no cover - needs a mapping
    raise InputError("the generic import needs a mapping file: --mapping FILE.toml")
