"""Import register files into a store: streamed, filtered, and re-importable.

:func:`import_registry` reads each file one record at a time and writes the records' claims as
N-Quads, so memory stays flat whatever the size of the file. Into an Oxigraph store that holds
nothing of the register yet (the first import of a register), the N-Quads go in pieces of a few
tens of megabytes straight to Oxigraph's bulk loader, which runs in a thread of its own while
the next piece is written; all or nothing, as a load is. Otherwise (a re-import, or another
kind of store) they go into a temporary file of at most ``chunk`` records, and each chunk is
loaded as ``innograph load`` does, after the claims it replaces are removed.

Re-importing a newer extract replaces each record's claim graph (names, addresses, codes that
changed; its evidence then cites the newer extract), never minting a second entity: an
organisation's IRI is its number. Registered posts keep their history: a post that the newer
extract still lists is left as it is; one it no longer lists (or marks as resigned) gets an end,
the date of the extract that first shows it ended.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError, ParseError
from ..evidence import RecordSelector
from ..stores import OxigraphStore, Store, load_files, rdf_file
from ..vocab import DCTERMS, ID, ORG, PREFIXES, PROV, ROV, TIME
from .bulk import BulkLoader
from .filters import Filters
from .model import REGISTERS, OrgRecord, RecordWriter, Register, RoleRecord, org_iri

__all__ = ["Filters", "ImportProgress", "ImportReport", "import_registry", "read_records"]

#: A record as the readers yield it: an organisation, or the posts of one organisation.
Item = OrgRecord | tuple[str, RecordSelector, list[RoleRecord]]


@dataclass
class ImportProgress:
    """How far an import has come (passed to the ``progress`` callback)."""

    path: Path
    index: int
    files: int
    records: int
    kept: int
    finished: bool = False


@dataclass
class ImportReport:
    """What :func:`import_registry` did.

    Attributes
    ----------
    files : list of (Path, records read, records kept, quads written)
    replaced : int
        Claims of an earlier extract replaced by this one.
    ended : int
        Posts that a newer extract showed had ended.
    posts : int
        Posts added.
    """

    files: list[tuple[Path, int, int, int]] = field(default_factory=list)
    replaced: int = 0
    ended: int = 0
    posts: int = 0

    @property
    def kept(self) -> int:
        return sum(f[2] for f in self.files)

    @property
    def quads(self) -> int:
        return sum(f[3] for f in self.files)


#: A reader: (path, where) → the records of the file; with ``filters`` (entity files of
#: Enhetsregisteret), None in place of a record that cannot pass them.
Reader = Callable[..., Iterator[Item | None]]


def _readers() -> dict[str, Reader]:
    from . import bolagsverket, generic

    return {"brreg": _brreg_reader, "bolagsverket": bolagsverket.read, "generic": generic.read}


def _brreg_reader(path: Path, where: str, filters: Filters | None = None
                  ) -> Iterator[Item | None]:
    """The records of an Enhetsregisteret file; with active ``filters``, None for each record
    that its raw text (or its CSV cells) shows cannot pass them, without parsing it further."""
    from .brreg import is_roles, nest, org_record, role_records
    from .reading import SKIPPED, first_char, iter_csv, iter_json_array, open_text

    head = first_char(path)
    text, _ = open_text(path)
    early = filters if filters is not None and filters.active else None
    with text:
        if head == "[":
            may = early.may_keep_json if early is not None else None
            for index, (line, rec) in enumerate(iter_json_array(text, where, may)):
                if rec is SKIPPED:
                    yield None
                    continue
                sel = RecordSelector.json(index)
                at = f"{where}:{line} (record {sel.value})"
                if is_roles(rec):
                    number = str(rec.get("organisasjonsnummer", ""))
                    yield number, sel, list(role_records(rec, sel, at))
                else:
                    yield org_record(rec, sel, at)
        else:
            for row, cells in iter_csv(text, where):
                if early is not None and not early.may_keep_cells(cells):
                    yield None
                    continue
                yield org_record(nest(cells), RecordSelector.csv(row), f"{where} (row {row})")


def read_records(register: str, path: str | Path, *, filters: Filters | None = None,
                 **options: Any) -> Iterator[Item | None]:
    """The records of one register file, in order (see the readers for the formats).

    With ``filters``, a reader that can tell early (Enhetsregisteret's) yields None in place of
    each record that cannot pass them; the records it yields still need :meth:`Filters.keep`.
    """
    p = Path(path)
    if register == "generic":
        from .generic import read_with

        return read_with(p, str(p), **options)
    readers = _readers()
    if register not in readers:
        raise InputError(f"unknown register {register!r}; use one of: {', '.join(sorted(readers))}")
    if filters is not None and register == "brreg":
        return _brreg_reader(p, str(p), filters)
    return readers[register](p, str(p))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _delete_claims(store: Store, claims: Sequence[str], batch: int = 500) -> None:
    """Remove claim graphs and their evidence (before writing them again)."""
    wdf = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
    sel = "<http://www.w3.org/ns/oa#hasSelector>"
    for i in range(0, len(claims), batch):
        values = _values(claims[i:i + batch])
        store.update(
            f"DELETE {{ GRAPH ?c {{ ?s ?p ?o }} }} WHERE {{ VALUES ?c {{ {values} }} "
            "GRAPH ?c { ?s ?p ?o } } ;\n"
            f"DELETE {{ ?c ?p ?o . ?r ?rp ?ro . ?x ?xp ?xo }} WHERE {{ VALUES ?c {{ {values} }} "
            f"?c {wdf} ?r . ?r {sel} ?x . ?c ?p ?o . ?r ?rp ?ro . ?x ?xp ?xo }}"
        )


def _has_register(store: Store, register: Register) -> bool:
    rows = store.query(
        f"SELECT ?s WHERE {{ ?s <{DCTERMS.isPartOf}> <{register.iri}> }} LIMIT 1"
    ).rows
    return bool(rows)


def _posts(store: Store, register: Register, numbers: Iterable[str]) -> dict[str, dict[str, bool]]:
    """Existing posts of these organisations: org number → {membership IRI: ended}."""
    numbers = sorted(set(numbers))
    if not numbers:
        return {}
    orgs = _values(org_iri(register.country, n) for n in numbers)
    prefix = f"{PREFIXES['mship']}{register.country}-"
    rows = store.query(
        f"SELECT ?org ?m ?end WHERE {{ VALUES ?org {{ {orgs} }} ?m <{ORG.organization}> ?org ; "
        f"a <{ORG.Membership}> . OPTIONAL {{ ?m <{ORG.memberDuring}> ?i . ?i <{TIME.hasEnd}> ?end }} "
        f'FILTER(STRSTARTS(STR(?m), "{prefix}")) }}'
    ).rows
    out: dict[str, dict[str, bool]] = {}
    for org, m, end in rows:
        number = str(org).rsplit("-", 1)[1]
        posts = out.setdefault(number, {})
        posts[str(m)] = posts.get(str(m), False) or end is not None
    return out


def _known_numbers(store: Store, register: Register) -> set[str]:
    prefix = f"{ID}org/{register.country}-"
    rows = store.query(
        f"SELECT ?o WHERE {{ ?o a <{ROV.RegisteredOrganization}> "
        f'FILTER(STRSTARTS(STR(?o), "{prefix}")) }}'
    ).rows
    return {str(r[0])[len(prefix):] for r in rows}


def _fresh(store: Store, register: Register, existing: bool, kind: str) -> bool:
    """Whether a file of ``kind`` can replace nothing in the store: none of the register's
    records (for entities), none of its posts (for roles)."""
    if not existing:
        return True
    if kind != "roles":
        return False
    prefix = f"{PREFIXES['mship']}{register.country}-"
    return not store.query(
        f"ASK {{ ?m a <{ORG.Membership}> FILTER(STRSTARTS(STR(?m), \"{prefix}\")) }}"
    ).boolean


def _first_kind(items: Iterator[Item | None]) -> str:
    for item in items:
        return "roles" if isinstance(item, tuple) else "orgs"
    return "orgs"


def import_registry(
    store: Store,
    register: str,
    paths: Sequence[str | Path],
    *,
    filters: Filters | None = None,
    extract_date: date | str | None = None,
    progress: Callable[[ImportProgress], None] | None = None,
    chunk: int = 20_000,
    mapping: str | Path | None = None,
) -> ImportReport:
    """Import register files into ``store``.

    Parameters
    ----------
    store : Store
        Where the claims go (any store; see :func:`graph.stores.open_store`).
    register : str
        ``brreg`` (Enhetsregisteret), ``bolagsverket``, or ``generic`` (with ``mapping``).
    paths : sequence of path
        Register files: entities, sub-entities and roles, in any order (entity files are read
        first, so that filters apply to the roles of the organisations kept).
    filters : Filters, optional
        Keep only some organisations (and their posts).
    extract_date : date or ISO string, optional
        The date of the extract; by default the file's modification date.
    progress : callable, optional
        Called with an :class:`ImportProgress` now and then, and when a file is finished.
    chunk : int
        Records per load into the store.

    Raises
    ------
    InputError
        A file that is missing or does not parse (with its file and line), an unknown register.
    """
    filters = filters or Filters()
    files = [Path(p) for p in paths]
    for p in files:
        if not p.is_file():
            raise InputError(f"{p}: no such file")
    options: dict[str, Any] = {}
    if register == "generic":
        if mapping is None:
            raise InputError("the generic import needs a mapping file: --mapping FILE.toml")
        from .generic import load_mapping

        options["mapping"] = load_mapping(Path(mapping))
        reg = options["mapping"].register
    elif register in REGISTERS:
        reg = REGISTERS[register]
    else:
        raise InputError(
            f"unknown register {register!r}; use brreg, bolagsverket or generic (with --mapping)"
        )
    if isinstance(extract_date, str):
        try:
            extract_date = date.fromisoformat(extract_date)
        except ValueError:
            raise InputError(f"--extract-date {extract_date!r} is not a date (YYYY-MM-DD)") from None

    kinds = {p: _first_kind(read_records(register, p, **options)) for p in files}
    ordered = [p for p in files if kinds[p] == "orgs"] + [p for p in files if kinds[p] == "roles"]
    report = ImportReport()
    described: set[str] = set()   # the codes that files of this import described
    existing = _has_register(store, reg)
    kept_numbers: set[str] | None = None
    if filters.active:
        kept_numbers = _known_numbers(store, reg) if existing else set()
    for index, path in enumerate(ordered, start=1):
        day = (extract_date or datetime.fromtimestamp(path.stat().st_mtime, UTC).date()).isoformat()
        _import_file(store, reg, register, path, index, len(ordered), day, filters, existing,
                     kept_numbers, progress, chunk, report, options, kinds[path], described)
        existing = True
    return report


def _import_file(store: Store, reg: Register, register: str, path: Path, index: int, files: int,
                 day: str, filters: Filters, existing: bool, kept_numbers: set[str] | None,
                 progress: Callable[[ImportProgress], None] | None, chunk: int,
                 report: ImportReport, options: dict[str, Any], kind: str,
                 described: set[str]) -> None:
    """Import one file: streamed to the bulk loader when it can replace nothing in the store
    (an entity file is checked piece by piece when the store holds the register already: a
    piece that would replace a claim sends the whole file the other way), else chunk by chunk."""
    stream = isinstance(store, OxigraphStore) and (
        kind != "roles" or _fresh(store, reg, existing, kind))
    if stream:
        try:
            _read_file(store, reg, register, path, index, files, day, filters, existing,
                       kept_numbers, progress, chunk, report, options, True, described, kind)
            return
        except _Replaces:
            pass
    _read_file(store, reg, register, path, index, files, day, filters, existing, kept_numbers,
               progress, chunk, report, options, False, described, kind)


def _read_file(store: Store, reg: Register, register: str, path: Path, index: int, files: int,
               day: str, filters: Filters, existing: bool, kept_numbers: set[str] | None,
               progress: Callable[[ImportProgress], None] | None, chunk: int,
               report: ImportReport, options: dict[str, Any], stream: bool,
               described: set[str], kind: str) -> None:
    job = _FileImport(store, reg, path, day, existing, report, stream=stream, described=described)
    records = kept = 0

    def tell(finished: bool = False) -> None:
        if progress is not None:
            progress(ImportProgress(path, index, files, records, kept, finished))

    try:
        for item in read_records(register, path, filters=filters if kind == "orgs" else None,
                                 **options):
            records += 1
            if records % 10_000 == 0:
                tell()
            if item is None:   # cannot pass the filters (told early)
                continue
            if isinstance(item, OrgRecord):
                if filters.active and not filters.keep(item):
                    continue
                job.writer.org(item)
                if kept_numbers is not None:
                    kept_numbers.add(item.number)
            else:
                number = item[0]
                if kept_numbers is not None and number not in kept_numbers:
                    continue
                job.roles.append(item)
                if len(job.roles) >= 500:
                    job.flush_roles()
            kept += 1
            job.pending += 1
            if job.pending >= chunk or (stream and job.out.tell() >= _PIECE):
                job.flush()
        job.flush()
        job.finish()
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start} of a block); "
                         "save the file as UTF-8") from None
    finally:
        job.close()
    report.files.append((path, records, kept, job.quads))
    described.update(job.writer.codes)
    tell(finished=True)


def _any_claim(store: Store, claims: Sequence[str]) -> bool:
    """Whether the store holds any of these claims."""
    return any(
        store.query(f"ASK {{ VALUES ?c {{ {_values(claims[i:i + 2000])} }} "
                    f"?c <{PROV.wasDerivedFrom}> ?r }}").boolean
        for i in range(0, len(claims), 2000)
    )


class _Replaces(Exception):
    """A piece of a streamed file would replace claims the store holds."""


class _FileImport:
    """The claims of one register file, loaded into the store piece by piece; posts are
    compared with those the store holds.

    With ``stream`` (an Oxigraph store that holds nothing of the register), the pieces go to
    the store's bulk loader through a :class:`~.bulk.BulkLoader`; otherwise each chunk is written to a
    temporary N-Quads file and loaded, after the claims it replaces are removed.
    """

    def __init__(self, store: Store, reg: Register, path: Path, day: str, existing: bool,
                 report: ImportReport, *, stream: bool = False,
                 described: Iterable[str] = ()) -> None:
        self.store, self.reg, self.day, self.existing, self.report = store, reg, day, existing, report
        digest = _sha256(path)
        self.loader: BulkLoader | None = None
        self.tmpdir = ""
        self.out: Any
        if stream:
            assert isinstance(store, OxigraphStore)
            self.loader = BulkLoader(store, f"{reg.key}-{path.name}.nq")
            self.out = io.StringIO()
        else:
            self.tmpdir = tempfile.mkdtemp(prefix="innograph-registry-")
            self.tmp = Path(self.tmpdir) / "chunk.nq"
            self.out = self.tmp.open("w", encoding="utf-8")
        self.writer = RecordWriter(self.out, reg, f"{ID}source/{reg.key}-{digest}", described)
        self.writer.describe_source(sha256=digest, extract_date=day, file_name=path.name)
        self.pending = 0
        self.quads = 0
        self.roles: list[tuple[str, RecordSelector, list[RoleRecord]]] = []

    def flush_roles(self) -> None:
        """Write the posts of the roles read: new ones, and the end of those that ended or that
        the register no longer lists."""
        if not self.roles:
            return
        reg, day, writer, report = self.reg, self.day, self.writer, self.report
        before = _posts(self.store, reg, (n for n, _, _ in self.roles)) if self.existing else {}
        for number, sel, posts in self.roles:
            old = before.get(number, {})
            seen: set[str] = set()
            for post in posts:
                from .model import membership_iri, person_iri

                member = (org_iri(reg.country, post.member_number) if post.member_number
                          else person_iri(reg.country, post.person_name, post.person_key))
                iri = membership_iri(reg.country, post.number, post.role, member)
                seen.add(iri)
                if iri not in old:
                    writer.membership(post, extract_date=day)
                    report.posts += 1
                    old_ended = False
                else:
                    old_ended = old[iri]
                if post.ended and not old_ended:
                    writer.end_membership(iri, number=number, day=post.changed or day,
                                          selector=sel)
                    report.ended += 1
            for iri, ended in sorted(old.items()):
                if iri not in seen and not ended:
                    writer.end_membership(iri, number=number, day=day, selector=sel)
                    report.ended += 1
        self.roles = []

    def flush(self) -> None:
        """Load the piece written so far into the store and start a new one."""
        self.flush_roles()
        if self.loader is not None:
            if self.existing and _any_claim(self.store, self.writer.claims):
                raise _Replaces()
            self.loader.put(self.out.getvalue().encode("utf-8"))
            self.out = io.StringIO()
        else:
            self._load_chunk()
            self.out = self.tmp.open("w", encoding="utf-8")
        self.writer.claims = []
        self.quads = self.writer.quads
        self.writer.out = self.out
        self.pending = 0

    def _load_chunk(self) -> None:
        self.out.close()
        piece = rdf_file(self.tmp, "nquads")
        # a chunk the store already holds (the same extract again) changes nothing
        if piece.size and piece.digest not in self.store.loaded_digests():
            if self.existing and self.writer.claims:
                _delete_claims(self.store, self.writer.claims)
                self.report.replaced += len(self.writer.claims)
            load_files(self.store, [piece])

    def finish(self) -> None:
        """Wait until the store holds every piece (after the last :meth:`flush`)."""
        if self.loader is not None:
            self.loader.finish()
            self.loader = None

    def close(self) -> None:
        """Stop a bulk load that did not finish (the store stays as it was); remove the
        temporary chunk."""
        if self.loader is not None:
            self.loader.abort()
            self.loader = None
        self.out.close()
        if self.tmpdir:
            try:
                self.tmp.unlink()
                os.rmdir(self.tmpdir)
            except OSError:
                pass


#: Characters of N-Quads per piece handed to the bulk loader.
_PIECE = 48 << 20
