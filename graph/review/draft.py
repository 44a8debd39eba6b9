"""The draft under review: read it, apply one decision, write it back at once, atomically.

Every change names the version of the file it was made against (the SHA-256 of the file's
bytes). When the file on disk is no longer that version, because another tab or an editor
changed it, the change is refused with :class:`VersionConflict` and nothing is written. A change
that passes is applied to the records, checked by reading the result back with the claims format
(:func:`graph.claims.format.loads`), and written to a temporary file in the same folder that is
then renamed over the draft: the draft is always either the old or the new version, never half.

Changes (as the review page sends them, JSON objects):

``{"op": "status", "ids": [...], "status": "accepted" | "rejected" | "suggested"}``
    Accept, reject, or undo the decision on one record or many (bulk).
``{"op": "edit", "id": ..., "fields": {...}, "spans": [[start, end], ...]}``
    Correct a record's fields (and, optionally, its spans); the record is then accepted.
``{"op": "add", "kind": "person" | ..., "fields": {...}, "spans": [[start, end], ...]}``
    Add a fact the draft missed; it is accepted, with ``rule = "curator"``.

Accepted and rejected records carry ``decided_by`` (the curator) and ``decided_at`` (UTC, to
the second); a record set back to ``suggested`` loses both.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "demo.txt").write_text("Kari Nordmann leder Fjellklyngen.", encoding="utf-8")
33
>>> _ = (folder / "demo.claims.toml").write_text('''format = 1
... [source]
... id = "demo"
... text = "demo.txt"
... [[person]]
... id = "kari"
... name = "Kari Nordmann"
... spans = [[0, 13]]
... ''', encoding="utf-8")
>>> draft = Draft(folder / "demo.claims.toml", curator="Ola", clock=lambda: "2026-01-02T03:04:05Z")
>>> version = draft.apply({"op": "status", "ids": ["kari"], "status": "accepted"}, draft.version())
>>> print((folder / "demo.claims.toml").read_text(encoding="utf-8").split("[[person]]")[1].strip())
id = "kari"
name = "Kari Nordmann"
link = "new"
spans = [[0, 13]]
status = "accepted"
decided_by = "Ola"
decided_at = "2026-01-02T03:04:05Z"
>>> draft.apply({"op": "status", "ids": ["kari"], "status": "rejected"}, "0" * 64)
... # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.review.draft.VersionConflict: the draft ... changed since this page read it ...
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..claims.format import (
    STATUSES,
    ClaimsFile,
    Event,
    Organisation,
    Participation,
    Person,
    Post,
    Quotation,
    Record,
    TurtleClaim,
    dumps,
    loads,
)
from ..errors import GraphError, InputError, ParseError, SourceError
from ..evidence import Span, find_span

__all__ = [
    "EDITABLE", "KINDS", "Draft", "VersionConflict", "atomic_write", "now", "slug",
]

#: The record kinds by table name.
KINDS: dict[str, type[Record]] = {
    k.TABLE: k
    for k in (Person, Organisation, Post, Event, Participation, Quotation, TurtleClaim)
}
#: The fields a curator may set, by table name (every kind also has ``note``).
EDITABLE: dict[str, tuple[str, ...]] = {
    "person": ("name", "link", "note"),
    "organisation": ("name", "kind", "link", "unit_of", "org_number", "note"),
    "post": ("person", "role", "organisation", "start", "end", "ended", "note"),
    "event": ("name", "date", "start", "end", "date_text", "place", "place_ref", "link", "note"),
    "participation": ("event", "agent", "role", "note"),
    "quotation": ("speaker", "paraphrase", "note"),
    "claim": ("body", "note"),
}
#: Longest value accepted for one field (characters).
MAX_FIELD = 20_000


class VersionConflict(GraphError):
    """The draft on disk is not the version a change was made against."""


def now() -> str:
    """The current UTC time to the second, ISO 8601 (``2026-11-29T15:00:00Z``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def slug(text: str) -> str:
    """A record id made from a name.

    Examples
    --------
    >>> slug("Siri Aasen Tveit"), slug("Øresundskomiteen"), slug("«!»")
    ('siri-aasen-tveit', 'oresundskomiteen', 'fact')
    """
    folded = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O")
                                   .replace("æ", "ae").replace("Æ", "AE"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60].strip("-")
    return out or "fact"


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder that cannot be opened (not on POSIX)
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class Draft:
    """A claims file under review, and its source text.

    Parameters
    ----------
    path : path
        The claims file (a draft).
    source : path, optional
        The source text; by default the file that ``[source] text`` names.
    curator : str
        Who decides (written into ``decided_by``).
    clock : callable, optional
        Gives the time written into ``decided_at`` (default: :func:`now`).

    Raises
    ------
    ParseError
        The claims file does not parse.
    NotFoundError, SourceError
        No source text, or one whose SHA-256 or length differs from the draft's.
    """

    def __init__(self, path: str | Path, source: str | Path | None = None, *,
                 curator: str = "curator", clock: Callable[[], str] = now) -> None:
        self.path = Path(path)
        self.curator = curator.strip() or "curator"
        self.clock = clock
        cf = self.read()
        source_path = Path(source) if source else cf.text_path()
        if source_path is None:
            raise InputError(
                f"{self.path}: the draft names no source text ([source] text); give one with "
                "--source SOURCE.txt")
        try:
            self.text = source_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{source_path}: no such source text; give it with --source") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{source_path}: cannot read the source text: {exc}") from None
        self.source_path = source_path
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        if cf.source.sha256 and cf.source.sha256 != digest:
            raise SourceError(
                f"{source_path}: this text's SHA-256 is {digest}, but the draft {self.path} was "
                f"made from a text with {cf.source.sha256}; give the source the draft was made "
                "from, since its offsets fit only that text")
        if cf.source.length is not None and cf.source.length != len(self.text):
            raise SourceError(
                f"{source_path}: this text has {len(self.text)} characters, the draft says "
                f"{cf.source.length}; give the source the draft was made from")

    # ------------------------------------------------------------------ reading

    def raw(self) -> bytes:
        """The draft file's bytes."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{self.path}: no such draft file") from None
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read the draft: {exc}") from None

    def version(self) -> str:
        """The SHA-256 of the draft file as it is on disk now."""
        return hashlib.sha256(self.raw()).hexdigest()

    def read(self) -> ClaimsFile:
        """The draft's records as they are on disk now."""
        data = self.raw()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(f"{self.path}: the draft is not UTF-8 text", str(self.path)) from None
        return loads(text, self.path)

    def span(self, item: Any) -> Span | None:
        """The offsets of one span of a record (an anchor resolved in the text), or None."""
        if isinstance(item, Span):
            return item if item.end <= len(self.text) else None
        try:
            return find_span(self.text, list(item))
        except SourceError:
            return None

    # ------------------------------------------------------------------ changing

    def apply(self, change: Any, version: Any) -> str:
        """Apply one change made against ``version``, write the draft, return the new version.

        Raises
        ------
        VersionConflict
            The file on disk is not ``version`` (another tab or an editor changed it).
        InputError
            The change is not well formed, or gives a value the format refuses (the message
            says which field and why).
        """
        if not isinstance(change, dict):
            raise InputError("a change must be a JSON object with an op")
        data = self.raw()
        current = hashlib.sha256(data).hexdigest()
        if not isinstance(version, str) or version != current:
            raise VersionConflict(
                f"the draft {self.path.name} changed since this page read it (in another tab or "
                "on disk); nothing was saved. Reload the page to see the current state, then "
                "repeat your change")
        cf = loads(data.decode("utf-8"), self.path)
        op = change.get("op")
        if op == "status":
            self._status(cf, change)
        elif op == "edit":
            self._edit(cf, change)
        elif op == "add":
            self._add(cf, change)
        else:
            raise InputError(f"unknown op {op!r}; the ops are status, edit and add")
        text = dumps(cf)
        try:
            loads(text, self.path)
        except ParseError as exc:
            message = str(exc).split(": ", 1)[-1]
            raise InputError(f"not saved: {message}") from None
        atomic_write(self.path, text)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _decide(self, record: Record, status: str) -> None:
        if status == "accepted" and isinstance(record, Quotation) and not record.paraphrase.strip():
            raise InputError(
                f"quotation {record.id!r} needs a paraphrase in your own words before it is "
                "accepted (the quoted words themselves are never stored): edit it and write one")
        record.status = status
        if status == "suggested":
            record.decided_by = record.decided_at = ""
        else:
            record.decided_by, record.decided_at = self.curator, self.clock()

    def _status(self, cf: ClaimsFile, change: dict[str, Any]) -> None:
        status = change.get("status")
        if status not in STATUSES:
            raise InputError(f"status must be one of {', '.join(STATUSES)}; got {status!r}")
        ids = change.get("ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise InputError("ids must be a non-empty list of record ids")
        records = cf.by_id()
        missing = [i for i in ids if i not in records]
        if missing:
            raise InputError(f"no record with id {missing[0]!r} in the draft")
        for rid in ids:
            self._decide(records[rid], status)

    def _spans(self, raw: Any) -> list[Span]:
        if not isinstance(raw, list) or not raw:
            raise InputError("spans must be a non-empty list of [start, end] offsets")
        out = []
        for item in raw:
            if not (isinstance(item, list) and len(item) == 2
                    and all(type(x) is int for x in item)):
                raise InputError(f"a span is [start, end] offsets; not {item!r}")
            start, end = item
            if not 0 <= start < end <= len(self.text):
                raise InputError(
                    f"span [{start}, {end}] is outside the text (0 to {len(self.text)}) or empty; "
                    "select some text and try again")
            out.append(Span(start, end))
        return out

    def _fields(self, kind: str, raw: Any) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise InputError("fields must be an object of field names and values")
        allowed = EDITABLE[kind]
        out: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in allowed:
                raise InputError(f"a {kind} has no editable field {name!r}; fields: "
                                 f"{', '.join(allowed)}")
            if name == "ended":  # over or not: true or false (or their text)
                if value not in (True, False, "true", "false"):
                    raise InputError(f"{kind} field 'ended' must be true or false")
                out[name] = value in (True, "true")
                continue
            if not isinstance(value, str):
                raise InputError(f"{kind} field {name!r} must be text")
            if len(value) > MAX_FIELD:
                raise InputError(f"{kind} field {name!r} is longer than {MAX_FIELD} characters")
            out[name] = value if name in ("paraphrase", "body", "note") else value.strip()
        return out

    def _edit(self, cf: ClaimsFile, change: dict[str, Any]) -> None:
        rid = change.get("id")
        record = cf.by_id().get(rid) if isinstance(rid, str) else None
        if record is None:
            raise InputError(f"no record with id {rid!r} in the draft")
        for name, value in self._fields(record.TABLE, change.get("fields", {})).items():
            setattr(record, name, value)
        if "spans" in change:
            record.spans = list(self._spans(change["spans"]))
        self._decide(record, "accepted")

    def _add(self, cf: ClaimsFile, change: dict[str, Any]) -> None:
        kind = change.get("kind")
        if kind not in KINDS:
            raise InputError(f"kind must be one of {', '.join(KINDS)}; got {kind!r}")
        values = self._fields(kind, change.get("fields", {}))
        spans = self._spans(change.get("spans"))
        base = slug(values.get("name") or values.get("role") or values.get("speaker")
                    or self.text[spans[0].start:spans[0].end])
        taken = set(cf.by_id())
        rid, n = base, 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        cls = KINDS[kind]
        known = {f.name for f in dataclasses.fields(cls)}
        given: dict[str, Any] = {k: v for k, v in values.items() if k in known}
        record = cls(id=rid, spans=list(spans), rule="curator", **given)
        self._decide(record, "accepted")
        cf.add(record)

    # ------------------------------------------------------------------ the page's view

    def state(self, label: Callable[[str], str] | None = None) -> dict[str, Any]:
        """The draft as the review page shows it: records with resolved spans, and the version.

        ``label`` names an IRI (the graph's label); without it an IRI is shown as it is.
        """
        data = self.raw()
        cf = loads(data.decode("utf-8"), self.path)
        name = label or (lambda iri: "")
        records = []
        for order, record in enumerate(cf.records()):
            spans, problems = [], []
            for item in record.spans:
                span = self.span(item)
                if span is None:
                    problems.append(f"[{item.start}, {item.end}]" if isinstance(item, Span)
                                    else " … ".join(f"“{p}”" for p in item))
                else:
                    spans.append([span.start, span.end])
            fields = {f: getattr(record, f) for f in EDITABLE[record.TABLE]}
            entry: dict[str, Any] = {
                "id": record.id, "kind": record.TABLE, "order": order, "fields": fields,
                "spans": spans, "unresolved": problems,
                "status": record.status, "confidence": record.confidence, "rule": record.rule,
                "decided_by": record.decided_by, "decided_at": record.decided_at,
            }
            if isinstance(record, Person | Organisation):
                entry["match"] = _candidate(record.match, name) if record.match else None
                entry["candidates"] = [_candidate(c, name) for c in record.candidates]
                entry["link_label"] = name(_expand(record.link)) if record.link != "new" else ""
            records.append(entry)
        src = cf.source
        return {
            "version": hashlib.sha256(data).hexdigest(),
            "file": self.path.name,
            "curator": self.curator,
            "source": {"id": src.id, "title": src.title, "language": src.language,
                       "kind": src.kind, "published": src.published},
            "records": records,
        }


def _expand(ref: str) -> str:
    from ..vocab import expand

    return expand(ref) or ref


def _candidate(c: Any, name: Callable[[str], str]) -> dict[str, Any]:
    return {"iri": c.iri, "label": name(_expand(c.iri)), "score": c.score,
            "features": dict(sorted(c.features.items()))}
