"""Register records and their RDF: one writer for every register format.

A reader (:mod:`.brreg`, :mod:`.bolagsverket`, :mod:`.generic`) turns each record of a register
file into an :class:`OrgRecord` or a :class:`RoleRecord`; :class:`RecordWriter` writes them as
N-Quads, one claim graph per record, each with its evidence (the file, the register, the extract
date and a selector for the record, see :func:`graph.evidence.record_evidence_statements`).

The mapping uses standard terms:

- an organisation is a ``schema:Organization``, ``org:FormalOrganization`` and
  ``rov:RegisteredOrganization`` (a sub-entity an ``org:OrganizationalUnit``, ``org:unitOf`` its
  parent); its number is ``org:identifier`` and a ``schema:identifier`` ``schema:PropertyValue``
  whose ``schema:propertyID`` is the org-id.guide scheme (``NO-BRC``, ``SE-BLV``);
- the legal form (``rov:orgType``) and the industry codes (``rov:orgActivity``, SN2007/NACE) are
  SKOS concepts, also stated as ``org:classification``; the helix sector is derived;
- the address is a ``schema:PostalAddress``; the municipality a ``schema:AdministrativeArea``
  (``schema:location`` of the organisation) inside its county;
- a registered role is an ``org:Membership`` with an ``org:role`` concept and an
  ``org:memberDuring`` interval that contains the extract's date (and ends when a later extract
  no longer lists it).

Examples
--------
>>> org_iri("no", "999999999")
'https://w3id.org/innograph/id/org/no-999999999'
>>> helix_sector("KOMM", "6500", ["84.110"])
'government'
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from ..evidence import RecordSelector, record_evidence_nquads
from ..search import fold
from ..vocab import DCTERMS, FOAF, ID, IG, ORG, PREFIXES, RDF, ROV, SCHEMA, SKOS, TIME, XSD

__all__ = [
    "BOLAGSVERKET", "BRREG", "REGISTERS", "Address", "OrgRecord", "RecordWriter", "Register",
    "RoleRecord", "claim_iri", "helix_sector", "membership_iri", "org_iri", "person_iri",
]


@dataclass(frozen=True)
class Register:
    """A register: its key, name, country and the org-id.guide scheme of its numbers."""

    key: str
    name: str
    country: str
    scheme: str
    number_pattern: str
    licence: str = ""

    @property
    def iri(self) -> str:
        """The register as a dataset: every extract ``dcterms:isPartOf`` it."""
        return f"{ID}source/register-{self.key}"

    def check_number(self, number: str) -> bool:
        """Whether ``number`` has the form of this register's numbers."""
        return re.fullmatch(self.number_pattern, number) is not None


BRREG = Register("brreg", "Enhetsregisteret", "no", "NO-BRC", r"[0-9]{9}",
                 "https://data.norge.no/nlod/no/2.0")
BOLAGSVERKET = Register("bolagsverket", "Bolagsverkets företagsregister", "se", "SE-BLV",
                        r"[0-9]{10}")
#: The registers innograph reads, by key.
REGISTERS = {r.key: r for r in (BRREG, BOLAGSVERKET)}

#: Norwegian county numbers (the first two digits of a municipality number), old and new.
COUNTIES = {
    "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland",
    "06": "Buskerud", "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder",
    "11": "Rogaland", "12": "Hordaland", "14": "Sogn og Fjordane", "15": "Møre og Romsdal",
    "16": "Sør-Trøndelag", "17": "Nord-Trøndelag", "18": "Nordland", "19": "Troms",
    "20": "Finnmark", "30": "Viken", "31": "Østfold", "32": "Akershus", "33": "Buskerud",
    "34": "Innlandet", "38": "Vestfold og Telemark", "39": "Vestfold", "40": "Telemark",
    "42": "Agder", "46": "Vestland", "50": "Trøndelag", "54": "Troms og Finnmark", "55": "Troms",
    "56": "Finnmark",
}

#: Register role codes that mean the same as a role of the project's role scheme.
ROLE_MATCHES = {"DAGL": "role-chief-executive"}

_GOVERNMENT_FORMS = {"KOMM", "FYLK", "STAT", "ORGL", "SF", "KF", "FKF", "IKS", "KIRK"}
_CIVIL_FORMS = {"FLI", "STI", "FORE", "SAM", "BRL", "I", "S", "TSF"}


def helix_sector(form: str | None, sector_code: str | None, industries: Iterable[str]) -> str:
    """The helix sector of a registered organisation: academia, industry, government, civil society.

    Public bodies (by legal form or institutional sector 6100/6500) are government; higher
    education and research institutes (SN2007 85.4, 72.1 outside business) academia;
    associations and foundations civil society; the rest industry.

    Examples
    --------
    >>> helix_sector("AS", "2100", ["62.010"]), helix_sector("STI", None, ["85.422"])
    ('industry', 'academia')
    >>> helix_sector("FLI", "7000", ["94.991"])
    'civil-society'
    """
    codes = list(industries)
    if any(c.startswith("85.4") for c in codes):
        return "academia"
    if form in _GOVERNMENT_FORMS or (sector_code or "")[:2] in {"61", "65"}:
        return "government"
    if any(c.startswith("72.1") for c in codes) and form not in {"AS", "ASA", "AB", "ENK"}:
        return "academia"
    if form in _CIVIL_FORMS or (sector_code or "").startswith("70"):
        return "civil-society"
    return "industry"


def org_iri(country: str, number: str) -> str:
    """The IRI of a registered organisation."""
    return f"{ID}org/{country}-{number}"


def person_iri(country: str, name: str, key: str) -> str:
    """The IRI of a person named in a register (``key`` tells namesakes apart; not stored)."""
    slug = fold(name).replace(" ", "-") or "person"
    digest = hashlib.sha256(f"{fold(name)}|{key}".encode()).hexdigest()[:8]
    return f"{ID}person/{country}-{slug}-{digest}"


def membership_iri(country: str, number: str, role: str, member: str) -> str:
    """The IRI of a registered post: organisation, role code and member."""
    digest = hashlib.sha256(member.encode()).hexdigest()[:10]
    return f"{PREFIXES['mship']}{country}-{number}-{role.lower()}-{digest}"


def claim_iri(register: Register, *parts: str) -> str:
    """The claim graph of a record (or of a code the records share)."""
    return f"{ID}claim/registry/{register.key}/" + "/".join(parts)


@dataclass(frozen=True)
class Address:
    """A postal address of a register record."""

    lines: tuple[str, ...] = ()
    postcode: str = ""
    locality: str = ""
    municipality: str = ""
    municipality_name: str = ""
    country: str = ""


@dataclass
class OrgRecord:
    """An organisation as a register states it."""

    number: str
    name: str
    selector: RecordSelector
    legal_form: tuple[str, str] | None = None
    industries: list[tuple[str, str]] = field(default_factory=list)
    sector_code: str | None = None
    address: Address | None = None
    parent: str | None = None
    unit: bool = False
    founded: str | None = None
    dissolved: str | None = None
    description: str | None = None

    @property
    def municipality(self) -> str:
        return self.address.municipality if self.address else ""


@dataclass
class RoleRecord:
    """One registered post: the organisation, the role and who holds it."""

    number: str
    role: str
    role_label: str
    selector: RecordSelector
    person_name: str = ""
    person_key: str = ""
    member_number: str = ""
    member_name: str = ""
    ended: bool = False
    changed: str | None = None


def _esc(text: str) -> str:
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r"))
    return text


def _i(value: str) -> str:
    return f"<{value}>"


def _l(value: str, lang: str = "", datatype: str = "") -> str:
    if lang:
        return f'"{_esc(value)}"@{lang}'
    if datatype:
        return f'"{_esc(value)}"^^<{datatype}>'
    return f'"{_esc(value)}"'


# the IRIs the writer uses, in N-Quads form, made once
_DCTERMS_isPartOf = _i(str(DCTERMS.isPartOf))
_DCTERMS_issued = _i(str(DCTERMS.issued))
_DCTERMS_license = _i(str(DCTERMS.license))
_IG_sha256 = _i(str(IG.sha256))
_ORG_Membership = _i(str(ORG.Membership))
_ORG_Role = _i(str(ORG.Role))
_ORG_classification = _i(str(ORG.classification))
_ORG_identifier = _i(str(ORG.identifier))
_ORG_member = _i(str(ORG.member))
_ORG_memberDuring = _i(str(ORG.memberDuring))
_ORG_organization = _i(str(ORG.organization))
_ORG_role = _i(str(ORG.role))
_ORG_subOrganizationOf = _i(str(ORG.subOrganizationOf))
_ORG_unitOf = _i(str(ORG.unitOf))
_RDF_type = _i(str(RDF.type))
_ROV_legalName = _i(str(ROV.legalName))
_ROV_orgActivity = _i(str(ROV.orgActivity))
_ROV_orgType = _i(str(ROV.orgType))
_SCHEMA_AdministrativeArea = _i(str(SCHEMA.AdministrativeArea))
_SCHEMA_Dataset = _i(str(SCHEMA.Dataset))
_SCHEMA_Place = _i(str(SCHEMA.Place))
_SCHEMA_PostalAddress = _i(str(SCHEMA.PostalAddress))
_SCHEMA_PropertyValue = _i(str(SCHEMA.PropertyValue))
_SCHEMA_address = _i(str(SCHEMA.address))
_SCHEMA_addressRegion = _i(str(SCHEMA.addressRegion))
_SCHEMA_areaServed = _i(str(SCHEMA.areaServed))
_SCHEMA_containedInPlace = _i(str(SCHEMA.containedInPlace))
_SCHEMA_description = _i(str(SCHEMA.description))
_SCHEMA_dissolutionDate = _i(str(SCHEMA.dissolutionDate))
_SCHEMA_foundingDate = _i(str(SCHEMA.foundingDate))
_SCHEMA_identifier = _i(str(SCHEMA.identifier))
_SCHEMA_location = _i(str(SCHEMA.location))
_SCHEMA_name = _i(str(SCHEMA.name))
_SCHEMA_parentOrganization = _i(str(SCHEMA.parentOrganization))
_SCHEMA_propertyID = _i(str(SCHEMA.propertyID))
_SCHEMA_value = _i(str(SCHEMA.value))
_SKOS_Concept = _i(str(SKOS.Concept))
_SKOS_ConceptScheme = _i(str(SKOS.ConceptScheme))
_SKOS_exactMatch = _i(str(SKOS.exactMatch))
_SKOS_inScheme = _i(str(SKOS.inScheme))
_SKOS_notation = _i(str(SKOS.notation))
_SKOS_prefLabel = _i(str(SKOS.prefLabel))
_TIME_Instant = _i(str(TIME.Instant))
_TIME_Interval = _i(str(TIME.Interval))
_TIME_TemporalEntity = _i(str(TIME.TemporalEntity))
_TIME_hasEnd = _i(str(TIME.hasEnd))
_TIME_inXSDDate = _i(str(TIME.inXSDDate))
_TIME_inside = _i(str(TIME.inside))
_A = _RDF_type
_SCHEMA_streetAddress = _i(str(SCHEMA.streetAddress))
_SCHEMA_postalCode = _i(str(SCHEMA.postalCode))
_SCHEMA_addressLocality = _i(str(SCHEMA.addressLocality))
_SCHEMA_addressCountry = _i(str(SCHEMA.addressCountry))
_HELIX = {s: _i(f"{IG}helix-{s}") for s in ("academia", "industry", "government", "civil-society")}
_ORG_TYPES = tuple(_i(str(c)) for c in (SCHEMA.Organization, ORG.Organization, FOAF.Agent))
_FORMAL_TYPES = _ORG_TYPES + (_i(str(ORG.FormalOrganization)), _i(str(ROV.RegisteredOrganization)))
_UNIT_TYPES = _ORG_TYPES + (_i(str(ORG.OrganizationalUnit)),)
_MUNICIPALITY_TYPES = (_i(str(IG.Municipality)), _i(str(SCHEMA.GovernmentOrganization)))
_PERSON_TYPES = tuple(_i(str(c)) for c in (SCHEMA.Person, FOAF.Person, FOAF.Agent))
_DATE = str(XSD.date)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str) -> str:
    return _l(value, datatype=_DATE)


class RecordWriter:
    """Writes register records as N-Quads: each record a claim graph with its evidence.

    Codes that many records share (legal forms, industry codes, municipalities, counties, role
    concepts) are described once per extract, in a claim graph of their own, with the evidence
    of the first record that named them.

    Parameters
    ----------
    out : text stream
        Where the N-Quads go.
    register : Register
    source : str
        The IRI of the extract (the file).
    described : iterable of str, optional
        Codes that earlier files of the same import described (keys of :attr:`codes`): not
        described again.
    """

    def __init__(self, out: IO[str], register: Register, source: str,
                 described: Iterable[str] = ()) -> None:
        self.out = out
        self.register = register
        self.source = _i(source)
        self._source = source
        self.quads = 0
        self.claims: list[str] = []
        #: the codes described so far (with ``described``: by earlier files of the same import)
        self._codes: set[str] = set(described)
        self.country = register.country

    @property
    def codes(self) -> set[str]:
        """The keys of the codes described (by this writer or before it)."""
        return self._codes

    # ------------------------------------------------------------------ plumbing

    def _emit(self, graph: str, triples: Iterable[tuple[str, str, str]]) -> None:
        g = f" {_i(graph)}" if graph else ""
        lines = [f"{s} {p} {o}{g} .\n" for s, p, o in triples]
        self.out.write("".join(lines))
        self.quads += len(lines)

    def _claim(self, claim: str, selector: RecordSelector,
               triples: list[tuple[str, str, str]]) -> None:
        self.claims.append(claim)
        g = f" <{claim}> .\n"
        self.out.write("".join([f"{s} {p} {o}{g}" for s, p, o in triples])
                       + record_evidence_nquads(claim, self._source, selector))
        self.quads += len(triples) + 9

    def describe_source(self, *, sha256: str, extract_date: str, file_name: str) -> None:
        """The extract and its register, in the default graph."""
        src, reg = self.source, _i(self.register.iri)
        triples = [
            (src, _A, _SCHEMA_Dataset),
            (src, _SCHEMA_name,
             _l(f"{self.register.name}, extract of {extract_date} ({file_name})")),
            (src, _IG_sha256, _l(sha256)),
            (src, _DCTERMS_issued, _date(extract_date)),
            (src, _DCTERMS_isPartOf, reg),
            (reg, _A, _SCHEMA_Dataset),
            (reg, _SCHEMA_name, _l(self.register.name)),
        ]
        if self.register.licence:
            triples.append((reg, _DCTERMS_license, _i(self.register.licence)))
        self._emit("", triples)

    def describe_date(self, day: str) -> str:
        """The instant of a day (the extract's), in the default graph; its IRI."""
        node = f"{PREFIXES['tm']}{day}"
        if ("tm", day) not in self._codes:
            self._codes.add(("tm", day))  # type: ignore[arg-type]
            self._emit("", [(_i(node), _A, _TIME_Instant),
                            (_i(node), _A, _TIME_TemporalEntity),
                            (_i(node), _TIME_inXSDDate, _date(day))])
        return node

    # ------------------------------------------------------------------ shared codes

    def _concept(self, kind: str, iri: str, code: str, label: str, scheme_name: str,
                 selector: RecordSelector, extra: list[tuple[str, str, str]] = ()) -> str:  # type: ignore[assignment]
        key = f"{kind}:{code}"
        if key in self._codes:
            return iri
        self._codes.add(key)
        scheme = _i(f"{ID}concept/{kind}")
        c = _i(iri)
        triples = [
            (c, _A, _SKOS_Concept),
            (c, _SKOS_notation, _l(code)),
            (c, _SKOS_prefLabel, _l(label or code, "nb" if self.country == "no" else "sv")),
            (c, _SKOS_inScheme, scheme),
            (scheme, _A, _SKOS_ConceptScheme),
            (scheme, _SKOS_prefLabel, _l(scheme_name, "en")),
            *extra,
        ]
        self._claim(claim_iri(self.register, "code", kind, _slug(code)), selector, triples)
        return iri

    def legal_form(self, code: str, label: str, selector: RecordSelector) -> str:
        iri = f"{PREFIXES['legalform']}{self.country}-{_slug(code)}"
        return self._concept("legal-form", iri, code, label,
                             f"legal forms ({self.register.name})", selector)

    def industry(self, code: str, label: str, selector: RecordSelector) -> str:
        iri = f"{PREFIXES['nace']}{_slug(code)}"
        name = "SN2007 industry codes" if self.country == "no" else "SNI 2007 industry codes"
        return self._concept("nace", iri, code, label, name, selector)

    def role(self, code: str, label: str, selector: RecordSelector) -> str:
        iri = f"{PREFIXES['regrole']}{self.country}-{_slug(code)}"
        extra = [(_i(iri), _A, _ORG_Role)]
        if code in ROLE_MATCHES:
            extra.append((_i(iri), _SKOS_exactMatch, _i(f"{IG}{ROLE_MATCHES[code]}")))
        return self._concept("role", iri, code, label, f"registered roles ({self.register.name})",
                             selector, extra)

    def municipality(self, number: str, name: str, selector: RecordSelector) -> str:
        iri = f"{ID}place/{self.country}-kommune-{number}"
        key = f"municipality:{number}"
        if key in self._codes:
            return iri
        self._codes.add(key)
        m = _i(iri)
        triples = [
            (m, _A, _SCHEMA_Place), (m, _A, _SCHEMA_AdministrativeArea),
            (m, _SCHEMA_name, _l(name or number)),
            (m, _SCHEMA_identifier, _l(number)),
        ]
        if self.country == "no" and len(number) == 4:
            county = self.county(number[:2], selector)
            triples.append((m, _SCHEMA_containedInPlace, _i(county)))
        self._claim(claim_iri(self.register, "code", "municipality", number), selector, triples)
        return iri

    def county(self, number: str, selector: RecordSelector) -> str:
        iri = f"{ID}place/{self.country}-fylke-{number}"
        key = f"county:{number}"
        if key not in self._codes:
            self._codes.add(key)
            c = _i(iri)
            self._claim(claim_iri(self.register, "code", "county", number), selector, [
                (c, _A, _SCHEMA_Place), (c, _A, _SCHEMA_AdministrativeArea),
                (c, _SCHEMA_name, _l(COUNTIES.get(number, f"fylke {number}"))),
                (c, _SCHEMA_identifier, _l(number)),
            ])
        return iri

    # ------------------------------------------------------------------ records

    def org(self, rec: OrgRecord) -> str:
        """Write one organisation record; its IRI."""
        sel = rec.selector
        iri = org_iri(self.country, rec.number)
        o = _i(iri)
        t: list[tuple[str, str, str]] = []
        types = _UNIT_TYPES if rec.unit else _FORMAL_TYPES
        form = rec.legal_form[0] if rec.legal_form else None
        if form == "KOMM":
            types += _MUNICIPALITY_TYPES
        t += [(o, _A, c) for c in types]
        t.append((o, _SCHEMA_name, _l(rec.name)))
        t.append((o, _ROV_legalName, _l(rec.name)))
        ident = _i(f"{iri}.identifier")
        t += [
            (o, _ORG_identifier, _l(rec.number)),
            (o, _SCHEMA_identifier, ident),
            (ident, _A, _SCHEMA_PropertyValue),
            (ident, _SCHEMA_propertyID, _l(self.register.scheme)),
            (ident, _SCHEMA_value, _l(rec.number)),
        ]
        if rec.legal_form:
            c = _i(self.legal_form(*rec.legal_form, sel))
            t += [(o, _ROV_orgType, c), (o, _ORG_classification, c)]
        for code, label in rec.industries:
            c = _i(self.industry(code, label, sel))
            t += [(o, _ROV_orgActivity, c), (o, _ORG_classification, c)]
        sector = helix_sector(form, rec.sector_code, [c for c, _ in rec.industries])
        t.append((o, _ORG_classification, _HELIX.get(sector) or _i(f"{IG}helix-{sector}")))
        if rec.address is not None:
            t += self._address(o, iri, rec.address, sel, form)
        if rec.parent:
            p = _i(org_iri(self.country, rec.parent))
            if rec.unit:
                t += [(o, _ORG_unitOf, p), (o, _ORG_subOrganizationOf, p)]
            else:
                t.append((o, _ORG_subOrganizationOf, p))
            t.append((o, _SCHEMA_parentOrganization, p))
        if rec.founded and _DATE_RE.match(rec.founded):
            t.append((o, _SCHEMA_foundingDate, _date(rec.founded)))
        if rec.dissolved and _DATE_RE.match(rec.dissolved):
            t.append((o, _SCHEMA_dissolutionDate, _date(rec.dissolved)))
        if rec.description:
            t.append((o, _SCHEMA_description, _l(rec.description)))
        self._claim(claim_iri(self.register, rec.number), sel, t)
        return iri

    def _address(self, o: str, iri: str, a: Address, sel: RecordSelector,
                 form: str | None) -> list[tuple[str, str, str]]:
        node = _i(f"{iri}.address")
        t = [(o, _SCHEMA_address, node), (node, _A, _SCHEMA_PostalAddress)]
        street = ", ".join(x for x in a.lines if x)
        for prop, value in ((_SCHEMA_streetAddress, street), (_SCHEMA_postalCode, a.postcode),
                            (_SCHEMA_addressLocality, a.locality),
                            (_SCHEMA_addressCountry, a.country)):
            if value:
                t.append((node, prop, _l(value)))
        if a.municipality:
            m = _i(self.municipality(a.municipality, a.municipality_name, sel))
            t += [(o, _SCHEMA_location, m), (node, _SCHEMA_addressRegion,
                                                     _l(a.municipality_name or a.municipality))]
            if form == "KOMM":
                t.append((o, _SCHEMA_areaServed, m))
        return t

    def membership(self, rec: RoleRecord, *, extract_date: str) -> str:
        """Write one registered post (it holds on the extract's date); its IRI."""
        sel = rec.selector
        if rec.member_number:
            member = org_iri(self.country, rec.member_number)
        else:
            member = person_iri(self.country, rec.person_name, rec.person_key)
        iri = membership_iri(self.country, rec.number, rec.role, member)
        m, who = _i(iri), _i(member)
        interval = _i(_interval(iri))
        role = _i(self.role(rec.role, rec.role_label, sel))
        org = _i(org_iri(self.country, rec.number))
        t = [
            (m, _A, _ORG_Membership),
            (m, _ORG_member, who), (m, _ORG_organization, org),
            (m, _ORG_role, role), (m, _ORG_memberDuring, interval),
            (interval, _A, _TIME_Interval), (interval, _A, _TIME_TemporalEntity),
            (interval, _TIME_inside, _i(self.describe_date(extract_date))),
        ]
        if not rec.member_number:
            t += [(who, _A, c) for c in _PERSON_TYPES]
            t.append((who, _SCHEMA_name, _l(rec.person_name)))
        self._claim(claim_iri(self.register, rec.number, "role", iri.rsplit("/", 1)[1]), sel, t)
        return iri

    def end_membership(self, iri: str, *, number: str, day: str, selector: RecordSelector) -> None:
        """State that a post had ended by ``day`` (an extract that no longer lists it)."""
        interval = _i(_interval(iri))
        self._claim(claim_iri(self.register, number, "role", iri.rsplit("/", 1)[1] + "-end"),
                    selector, [(interval, _TIME_hasEnd, _i(self.describe_date(day)))])


def _interval(membership: str) -> str:
    return f"{PREFIXES['interval']}{membership.rsplit('/', 1)[1]}"


@functools.lru_cache(maxsize=4096)
def _slug(code: str) -> str:
    return re.sub(r"[^0-9A-Za-z.\-]+", "-", code).strip("-") or "x"
