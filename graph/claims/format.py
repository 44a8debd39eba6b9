"""The claims file: a curator's facts about one source, each with its evidence.

One TOML file per source (``<source-id>.claims.toml``), written by hand, by ``innograph draft``
or by the review page, and compiled to claim graphs by ``innograph compile``. The common facts
have tables of their own (``[[person]]``, ``[[organisation]]``, ``[[post]]``, ``[[event]]``,
``[[participation]]``, ``[[quotation]]``); anything else is a ``[[claim]]`` with a Turtle body.
Records refer to each other by ``id``, or to entities the graph already holds by IRI or CURIE.

Every record carries its evidence in ``spans``: each item is ``[start, end]`` code-point offsets
(end exclusive), or an anchor phrase (``"phrase"``, ``["start", "end"]`` or ``["start", "end",
"after"]``) that the compiler resolves against the text.

Examples
--------
>>> cf = loads('''
... format = 1
... [source]
... id = "demo"
... language = "nb"
... [[person]]
... id = "kari"
... name = "Kari Nordmann"
... spans = [[0, 13]]
... ''', "demo.claims.toml")
>>> cf.persons[0].name, cf.persons[0].spans
('Kari Nordmann', [Span(start=0, end=13)])
>>> print(dumps(cf).splitlines()[0])
format = 1
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

from ..errors import ParseError
from ..evidence import Span

__all__ = [
    "EVENT_ROLES", "FORMAT", "LANGUAGES", "ORG_KINDS", "SOURCE_KINDS", "STATUSES", "Anchor",
    "Candidate", "ClaimsFile", "Event", "Organisation", "Participation", "Person", "Post",
    "Quotation", "Record", "Source", "TurtleClaim", "dumps", "load_claims", "loads",
]

#: The version of the format that this module reads and writes.
FORMAT = 1
STATUSES = ("suggested", "accepted", "rejected")
SOURCE_KINDS = ("news-article", "press-release", "event-notice", "registry-record")
LANGUAGES = ("nb", "nn", "sv", "da", "en")
ORG_KINDS = (
    "company", "municipality", "county", "region", "university", "university-college",
    "research-institute", "cluster", "incubator", "science-park", "committee", "association",
    "public-agency", "unit", "organisation",
)
EVENT_ROLES = ("organiser", "host", "speaker", "facilitator", "attendee")

#: An anchor phrase: one phrase, or (start, end) or (start, end, after) phrases.
Anchor = tuple[str, ...]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Candidate:
    """An existing entity a mention may be: its IRI, a score, and the features that matched."""

    iri: str
    score: float
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Source:
    """The source a claims file is about."""

    id: str
    iri: str = ""
    title: str = ""
    language: str = ""
    kind: str = "news-article"
    published: str = ""
    author: str = ""
    sha256: str = ""
    length: int | None = None
    text: str = ""


@dataclass
class Record:
    """What every record has: an id, evidence, and its review state."""

    TABLE: ClassVar[str] = ""
    REFERENCES: ClassVar[tuple[str, ...]] = ()

    id: str
    spans: list[Span | Anchor] = field(default_factory=list)
    status: str = "suggested"
    confidence: float | None = None
    rule: str = ""
    decided_by: str = ""
    decided_at: str = ""
    note: str = ""
    #: 1-based line of the record's table header in the file it was read from (0 if none)
    line: int = field(default=0, compare=False, repr=False)


@dataclass
class _Mention(Record):
    name: str = ""
    link: str = "new"
    match: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Person(_Mention):
    """A person, with every mention of them (names, surnames, pronouns) as spans."""

    TABLE: ClassVar[str] = "person"


@dataclass
class Organisation(_Mention):
    """An organisation or a unit of one."""

    TABLE: ClassVar[str] = "organisation"
    REFERENCES: ClassVar[tuple[str, ...]] = ("unit_of",)
    kind: str = "organisation"
    unit_of: str = ""
    org_number: str = ""


@dataclass
class Post(Record):
    """A person's post: role in an organisation, from a start date when one is stated.

    ``ended`` marks a post the source speaks of as over (``har vært``, ``tidligere``), when
    it gives no end date: it ended before the source was published."""

    TABLE: ClassVar[str] = "post"
    REFERENCES: ClassVar[tuple[str, ...]] = ("person", "organisation")
    person: str = ""
    role: str = ""
    role_concept: str = ""
    organisation: str = ""
    start: str = ""
    end: str = ""
    ended: bool = False


@dataclass
class Event(Record):
    """An event: name, date (a day, or an interval when only a week, season or year is known)."""

    TABLE: ClassVar[str] = "event"
    REFERENCES: ClassVar[tuple[str, ...]] = ("place_ref",)
    name: str = ""
    date: str = ""
    start: str = ""
    end: str = ""
    date_text: str = ""
    place: str = ""
    place_ref: str = ""
    link: str = "new"


@dataclass
class Participation(Record):
    """One agent's part in one event: organiser, host, speaker, facilitator or attendee."""

    TABLE: ClassVar[str] = "participation"
    REFERENCES: ClassVar[tuple[str, ...]] = ("event", "agent")
    event: str = ""
    agent: str = ""
    role: str = ""


@dataclass
class Quotation(Record):
    """A quoted passage and its speaker; the paraphrase is the curator's own words."""

    TABLE: ClassVar[str] = "quotation"
    REFERENCES: ClassVar[tuple[str, ...]] = ("speaker",)
    speaker: str = ""
    paraphrase: str = ""
    language: str = ""


@dataclass
class TurtleClaim(Record):
    """Any other fact, as a Turtle body (the prefixes of :mod:`graph.vocab` apply)."""

    TABLE: ClassVar[str] = "claim"
    body: str = ""


_KINDS: tuple[type[Record], ...] = (
    Person, Organisation, Post, Event, Participation, Quotation, TurtleClaim,
)


@dataclass
class ClaimsFile:
    """A whole claims file: its source, how it was drafted, and its records by kind."""

    source: Source
    persons: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    claims: list[TurtleClaim] = field(default_factory=list)
    drafted: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def records(self) -> Iterator[Record]:
        """Every record, in file order by kind."""
        for kind in _KINDS:
            yield from getattr(self, _attr(kind))

    def by_id(self) -> dict[str, Record]:
        """The records by id."""
        return {r.id: r for r in self.records()}

    def add(self, record: Record) -> Record:
        """Append a record to the list of its kind and return it."""
        getattr(self, _attr(type(record))).append(record)
        return record

    def text_path(self) -> Path | None:
        """Where the source text is, resolved against the file's folder."""
        if not self.source.text:
            return None
        p = Path(self.source.text)
        if not p.is_absolute() and self.path is not None:
            p = self.path.parent / p
        return p


def _attr(kind: type[Record]) -> str:
    return {
        "person": "persons", "organisation": "organisations", "post": "posts",
        "event": "events", "participation": "participations", "quotation": "quotations",
        "claim": "claims",
    }[kind.TABLE]


# ---------------------------------------------------------------------------- reading


def load_claims(path: str | Path) -> ClaimsFile:
    """Read a claims file.

    Raises
    ------
    ParseError
        When the file is not TOML, or a record is not of the format (with the file and line of
        the record, and how to fix it).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParseError(f"{path}: no such claims file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"{path}: cannot read the claims file: {exc}", str(path)) from None
    return loads(text, path)


def _headers(text: str) -> dict[str, list[int]]:
    """The 1-based lines of each ``[[table]]`` header, by table name, in order."""
    out: dict[str, list[int]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]", line)
        if m:
            out.setdefault(m.group(1), []).append(n)
    return out


def loads(text: str, path: str | Path = "<claims>") -> ClaimsFile:
    """Read a claims file from text; ``path`` names it in messages and anchors ``source.text``."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
        where = f"{path}:{line}" if line else str(path)
        raise ParseError(f"{where}: not valid TOML: {exc}", str(path), line) from None
    lines = _headers(text)

    def fail(message: str, line: int | None = None) -> ParseError:
        where = f"{path}:{line}" if line else str(path)
        return ParseError(f"{where}: {message}", str(path), line)

    version = data.get("format", FORMAT)
    if version != FORMAT:
        raise fail(f"format {version!r} is not known; this version reads format {FORMAT}")
    raw_source = data.get("source")
    if not isinstance(raw_source, dict) or not raw_source.get("id"):
        raise fail('a claims file needs a [source] table with an id, e.g. id = "my-article"')
    source = _source(raw_source, fail)
    known = {"format", "source", "drafted", *(k.TABLE for k in _KINDS)}
    for key in data:
        if key not in known:
            raise fail(
                f"unknown table or key {key!r}; a claims file has [source], [drafted] and "
                + ", ".join(f"[[{k.TABLE}]]" for k in _KINDS)
            )
    cf = ClaimsFile(source=source, path=path)
    drafted = data.get("drafted", {})
    if not isinstance(drafted, dict):
        raise fail("[drafted] must be a table (by = …, at = …)")
    cf.drafted = {str(k): str(v) for k, v in drafted.items()}
    seen: dict[str, int] = {}
    for kind in _KINDS:
        items = data.get(kind.TABLE, [])
        if not isinstance(items, list):
            raise fail(f"{kind.TABLE} must be an array of tables: write [[{kind.TABLE}]]")
        header_lines = lines.get(kind.TABLE, [])
        for i, item in enumerate(items):
            line = header_lines[i] if i < len(header_lines) else None
            record = _record(kind, item, lambda m, line=line: fail(m, line))
            record.line = line or 0
            if record.id in seen:
                raise fail(
                    f"[[{kind.TABLE}]] id {record.id!r} is used twice (also at line "
                    f"{seen[record.id]}); give each record its own id", line)
            seen[record.id] = line or 0
            cf.add(record)
    ids = set(seen)
    for record in cf.records():
        for name in record.REFERENCES:
            ref = getattr(record, name)
            if ref and ref not in ids and ":" not in ref:
                raise fail(
                    f"[[{record.TABLE}]] {record.id!r}: {name} = {ref!r} names no record of this "
                    "file; give the id of a record here, or an IRI or CURIE of an existing entity",
                    record.line)
    return cf


def _source(raw: dict[str, Any], fail: Any) -> Source:
    allowed = {f.name for f in fields(Source)}
    for key in raw:
        if key not in allowed:
            raise fail(f"[source] has no field {key!r}; fields: {', '.join(sorted(allowed))}")
    src = Source(**{k: v for k, v in raw.items()})
    if not _ID.match(str(src.id)):
        raise fail(f"[source] id {src.id!r} must be a slug: lower-case letters, digits, . _ -")
    if src.language and src.language not in LANGUAGES:
        raise fail(f"[source] language {src.language!r} is not one of {', '.join(LANGUAGES)}")
    if src.kind not in SOURCE_KINDS:
        raise fail(f"[source] kind {src.kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    if src.published and not _DATE.match(str(src.published)):
        raise fail(f"[source] published {src.published!r} must be a date: YYYY-MM-DD")
    if src.length is not None and not isinstance(src.length, int):
        raise fail("[source] length must be a whole number of characters")
    return src


def _record(kind: type[Record], raw: Any, fail: Any) -> Record:
    table = f"[[{kind.TABLE}]]"
    if not isinstance(raw, dict):
        raise fail(f"{table} must be a table")
    allowed = {f.name for f in fields(kind)} - {"line"}
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise fail(f"{table} needs an id: a slug of lower-case letters, digits, . _ - "
                   f"(got {rid!r})")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in allowed:
            raise fail(f"{table} {rid!r} has no field {key!r}; fields: "
                       f"{', '.join(sorted(allowed))}")
        values[key] = value
    values["spans"] = [_span(s, fail, f"{table} {rid!r}") for s in raw.get("spans", [])]
    if not isinstance(raw.get("spans", []), list):
        raise fail(f"{table} {rid!r}: spans must be a list, e.g. spans = [[10, 24]]")
    for key in ("match",):
        if key in values and values[key] is not None:
            values[key] = _candidate(values[key], fail, f"{table} {rid!r}: {key}")
    if "candidates" in values:
        values["candidates"] = [
            _candidate(c, fail, f"{table} {rid!r}: candidates") for c in values["candidates"]
        ]
    record = kind(**values)
    _check(record, fail, f"{table} {rid!r}")
    return record


def _span(raw: Any, fail: Any, where: str) -> Span | Anchor:
    if isinstance(raw, str) and raw:
        return (raw,)
    if isinstance(raw, list) and len(raw) == 2 and all(type(x) is int for x in raw):
        start, end = raw
        if not 0 <= start < end:
            raise fail(f"{where}: span [{start}, {end}] must have 0 <= start < end")
        return Span(start, end)
    if isinstance(raw, list) and 1 <= len(raw) <= 3 and all(isinstance(x, str) and x for x in raw):
        return tuple(raw)
    raise fail(
        f"{where}: a span is [start, end] offsets or an anchor: \"phrase\", "
        f"[\"start phrase\", \"end phrase\"] or [start, end, after] phrases; not {raw!r}"
    )


def _candidate(raw: Any, fail: Any, where: str) -> Candidate:
    if not isinstance(raw, dict) or "iri" not in raw:
        raise fail(f"{where} must be a table with iri, score and features")
    try:
        return Candidate(str(raw["iri"]), float(raw.get("score", 0.0)),
                         {str(k): float(v) for k, v in dict(raw.get("features", {})).items()})
    except (TypeError, ValueError):
        raise fail(f"{where}: score and features must be numbers") from None


def _check(r: Record, fail: Any, where: str) -> None:
    if r.status not in STATUSES:
        raise fail(f"{where}: status {r.status!r} is not one of {', '.join(STATUSES)}")
    if r.confidence is not None and not (
        isinstance(r.confidence, int | float) and 0 <= r.confidence <= 1
    ):
        raise fail(f"{where}: confidence must be a number from 0 to 1")
    need: dict[type[Record], tuple[str, ...]] = {
        Person: ("name",), Organisation: ("name",), Post: ("person", "role", "organisation"),
        Event: ("name",), Participation: ("event", "agent", "role"),
        Quotation: ("speaker",), TurtleClaim: ("body",),
    }
    for name in need.get(type(r), ()):
        if not getattr(r, name):
            raise fail(f"{where}: {name} is missing")
    if isinstance(r, Organisation) and r.kind not in ORG_KINDS:
        raise fail(f"{where}: kind {r.kind!r} is not one of {', '.join(ORG_KINDS)}")
    if isinstance(r, Post) and not isinstance(r.ended, bool):
        raise fail(f"{where}: ended must be true or false, not {r.ended!r}")
    if isinstance(r, Participation) and r.role not in EVENT_ROLES:
        raise fail(f"{where}: role {r.role!r} is not one of {', '.join(EVENT_ROLES)}")
    for name in ("start", "end", "date"):
        value = getattr(r, name, "")
        if value and isinstance(r, Post | Event) and not _DATE.match(str(value)):
            raise fail(f"{where}: {name} {value!r} must be a date: YYYY-MM-DD")


# ---------------------------------------------------------------------------- writing


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(round(value, 4)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        if "\n" in value:
            escaped = value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
            return f'"""\n{escaped}"""'
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Span):
        return f"[{value.start}, {value.end}]"
    if isinstance(value, tuple):
        return _toml(value[0]) if len(value) == 1 else "[" + ", ".join(map(_toml, value)) + "]"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Candidate):
        feats = ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in sorted(value.features.items()))
        return f"{{ iri = {_toml(value.iri)}, score = {_toml(value.score)}, features = {{ {feats} }} }}"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _key(k: str) -> str:
    return k if re.match(r"^[A-Za-z0-9_-]+$", k) else json.dumps(k, ensure_ascii=False)


_ALWAYS = ("id", "spans", "status", "link")


def _default(f: Any) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return None


def dumps(cf: ClaimsFile) -> str:
    """Write a claims file as TOML: fields in a fixed order, defaults left out.

    Reading the result with :func:`loads` gives the same records back.
    """
    out = [f"format = {FORMAT}", "", "[source]"]
    for f in fields(Source):
        value = getattr(cf.source, f.name)
        if value not in ("", None) or f.name == "id":
            out.append(f"{f.name} = {_toml(value)}")
    if cf.drafted:
        out += ["", "[drafted]"]
        out += [f"{_key(k)} = {_toml(v)}" for k, v in cf.drafted.items()]
    base = [f for f in fields(Record) if f.name not in ("id", "line")]
    for record in cf.records():
        out += ["", f"[[{record.TABLE}]]"]
        own = [f for f in fields(record) if f.name not in {b.name for b in base} | {"line"}]
        for f in own + base:
            value = getattr(record, f.name)
            if f.name in _ALWAYS or (value not in ("", None, []) and value != _default(f)):
                out.append(f"{f.name} = {_toml(value)}")
    return "\n".join(out) + "\n"
