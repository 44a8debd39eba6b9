"""The Norwegian Register of Legal Entities (Enhetsregisteret, Brønnøysundregistrene).

Reads the register's bulk files, JSON (gzipped or not) and CSV, of entities (*enheter*),
sub-entities (*underenheter*) and roles (*roller*), in the field names of the register's open
API: ``organisasjonsnummer``, ``navn``, ``organisasjonsform.kode``, ``naeringskode1.kode``,
``institusjonellSektorkode.kode``, ``forretningsadresse`` (``beliggenhetsadresse`` for a
sub-entity) with ``adresse``, ``postnummer``, ``poststed``, ``kommunenummer``, ``kommune``,
``landkode``; ``overordnetEnhet``; ``stiftelsesdato``/``oppstartsdato``,
``slettedato``/``nedleggelsesdato``. A roles record is ``organisasjonsnummer`` with
``rollegrupper``, each with ``roller`` of a ``type`` (``kode``, ``beskrivelse``), a ``person``
(``navn.fornavn``/``mellomnavn``/``etternavn``, ``fodselsdato``) or an ``enhet``
(``organisasjonsnummer``), and ``fratraadt``. In CSV the nested fields are dotted column names
(``forretningsadresse.kommunenummer``).

Examples
--------
>>> rec = org_record({"organisasjonsnummer": "999999999", "navn": "Fjordlys AS",
...                   "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"}},
...                  RecordSelector.json(0), "f.json:1")
>>> rec.name, rec.legal_form
('Fjordlys AS', ('AS', 'Aksjeselskap'))
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import ParseError
from ..evidence import RecordSelector
from .model import BRREG, Address, OrgRecord, RoleRecord

__all__ = ["is_roles", "nest", "org_record", "role_records"]


def nest(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row with dotted column names as nested dictionaries (empty cells left out).

    Examples
    --------
    >>> nest({"navn": "X", "organisasjonsform.kode": "AS", "hjemmeside": ""})
    {'navn': 'X', 'organisasjonsform': {'kode': 'AS'}}
    """
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None or value == "" or key is None:
            continue
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            nxt = node.get(part)
            if not isinstance(nxt, dict):
                nxt = node[part] = {}
            node = nxt
        node[parts[-1]] = value
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _code(obj: Any) -> tuple[str, str] | None:
    if isinstance(obj, dict) and _text(obj.get("kode")):
        return _text(obj["kode"]), _text(obj.get("beskrivelse"))
    if isinstance(obj, str) and obj.strip():
        return obj.strip(), ""
    return None


def _address(obj: Any) -> Address | None:
    if not isinstance(obj, dict):
        return None
    lines = obj.get("adresse") or []
    if isinstance(lines, str):
        lines = [x.strip() for x in lines.split(",")]
    return Address(
        lines=tuple(_text(x) for x in lines if _text(x)),
        postcode=_text(obj.get("postnummer")),
        locality=_text(obj.get("poststed")),
        municipality=_text(obj.get("kommunenummer")),
        municipality_name=_text(obj.get("kommune")),
        country=_text(obj.get("landkode")),
    )


def _check(number: str, where: str, field: str = "organisasjonsnummer") -> str:
    number = number.replace(" ", "")
    if not BRREG.check_number(number):
        raise ParseError(
            f"{where}: {field} {number!r} is not a Norwegian organisation number (nine digits); "
            "is this a file of Enhetsregisteret?"
        )
    return number


def is_roles(record: Any) -> bool:
    """Whether a record is a roles record (it has ``rollegrupper``)."""
    return isinstance(record, dict) and "rollegrupper" in record


def org_record(rec: Any, selector: RecordSelector, where: str) -> OrgRecord:
    """An entity or sub-entity record as an :class:`OrgRecord`."""
    if not isinstance(rec, dict):
        raise ParseError(f"{where}: expected a JSON object for an entity, got {type(rec).__name__}")
    number = _check(_text(rec.get("organisasjonsnummer")), where)
    name = _text(rec.get("navn"))
    if not name:
        raise ParseError(f"{where}: the entity {number} has no navn (name)")
    unit = "beliggenhetsadresse" in rec or "oppstartsdato" in rec or (
        "overordnetEnhet" in rec and "forretningsadresse" not in rec
        and "institusjonellSektorkode" not in rec)
    industries = [c for c in (_code(rec.get(f"naeringskode{i}")) for i in (1, 2, 3)) if c]
    sector = _code(rec.get("institusjonellSektorkode"))
    parent = _text(rec.get("overordnetEnhet")) or None
    if parent:
        parent = _check(parent, where, "overordnetEnhet")
    return OrgRecord(
        number=number,
        name=name,
        selector=selector,
        legal_form=_code(rec.get("organisasjonsform")),
        industries=industries,
        sector_code=sector[0] if sector else None,
        address=_address(rec.get("beliggenhetsadresse") if unit else rec.get("forretningsadresse"))
        or _address(rec.get("postadresse")),
        parent=parent,
        unit=unit,
        founded=_text(rec.get("stiftelsesdato") or rec.get("oppstartsdato")) or None,
        dissolved=_text(rec.get("slettedato") or rec.get("nedleggelsesdato")) or None,
    )


def _person_name(navn: Any) -> str:
    if isinstance(navn, dict):
        parts = [_text(navn.get(k)) for k in ("fornavn", "mellomnavn", "etternavn")]
        return " ".join(p for p in parts if p)
    return _text(navn)


def role_records(rec: Any, selector: RecordSelector, where: str) -> Iterator[RoleRecord]:
    """The posts of one roles record."""
    number = _check(_text(rec.get("organisasjonsnummer")), where)
    for group in rec.get("rollegrupper") or []:
        changed = _text(group.get("sistEndret")) or None
        for role in group.get("roller") or []:
            code = _code(role.get("type"))
            if code is None:
                raise ParseError(f"{where}: a role of {number} has no type.kode")
            person, entity = role.get("person"), role.get("enhet")
            out = RoleRecord(number=number, role=code[0], role_label=code[1], selector=selector,
                             ended=bool(role.get("fratraadt")), changed=changed)
            if isinstance(person, dict):
                out.person_name = _person_name(person.get("navn"))
                out.person_key = _text(person.get("fodselsdato"))
                if not out.person_name:
                    raise ParseError(f"{where}: a {code[0]} role of {number} has a person "
                                     "without a name")
            elif isinstance(entity, dict):
                out.member_number = _check(_text(entity.get("organisasjonsnummer")), where)
                names = entity.get("navn")
                out.member_name = " ".join(names) if isinstance(names, list) else _text(names)
            else:
                raise ParseError(f"{where}: a {code[0]} role of {number} names neither a person "
                                 "nor an entity")
            yield out
