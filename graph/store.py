"""The stores behind one small interface: load, query, update, quads, close.

``memory``
    rdflib's in-memory dataset. Slow on large data, but has no dependency beyond rdflib.
``oxigraph``
    Embedded Oxigraph (pyoxigraph), in memory. The default: the fastest store that serves.
``oxigraph:PATH``
    Embedded Oxigraph on disk at PATH.
``sparql:URL``
    Any SPARQL 1.1 Protocol and Graph Store Protocol server (see :mod:`graph.remote`).

Every store answers SPARQL over the union of its graphs (the default graph of a query is the
merge of all named graphs and the default graph), so that a fact is found whichever claim graph
holds it, and ``GRAPH ?g { ... }`` still reaches each claim. Oxigraph's union is a bag (a triple
stated in two graphs is matched twice), so queries use ``SELECT DISTINCT`` where that matters.

Query results come back as :class:`QueryResult`: rdflib terms for SELECT rows, a bool for ASK,
and an rdflib :class:`~rdflib.Graph` for CONSTRUCT and DESCRIBE.

Loading (:func:`load_files`) adds files by content: a file whose SHA-256 digest the store has
seen is skipped, so loading twice adds nothing twice. Persistent stores (``oxigraph:PATH``,
``sparql:URL``) keep the digests in one small named graph, :data:`LOADS_GRAPH`; the in-memory
stores keep them beside the data. A load into ``oxigraph:PATH`` is all or nothing: a process
killed during it leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from .errors import GraphError, InputError, ParseError, QuerySyntaxError, StoreError
from .resources import ID
from .vocab import DCTERMS
from .vocab import XSD as _XSD_NS

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "DEFAULT_STORE",
    "FORMATS",
    "LOADS_GRAPH",
    "LoadProgress",
    "LoadReport",
    "QueryResult",
    "RdfFile",
    "Store",
    "format_for",
    "load_files",
    "open_store",
    "rdf_file",
]

#: The environment variable that chooses the store when none is given.
STORE_ENV = "INNOGRAPH_STORE"
#: The store used when neither an argument nor the environment chooses one.
DEFAULT_STORE = "oxigraph"
#: The named graph in which persistent stores record the digests of the files they hold.
LOADS_GRAPH = ID + "graph/loaded"
_SOURCE = str(DCTERMS.source)
#: Loads into ``oxigraph:PATH`` larger than this (bytes) go through a staging copy of the store
#: and Oxigraph's bulk loader; smaller ones through one transaction. Both are all or nothing.
STAGING_THRESHOLD = 32 * 1024 * 1024

#: File extensions and the RDF formats they hold.
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


def format_for(path: str | Path) -> str:
    """The RDF format of a file, from its extension.

    Examples
    --------
    >>> format_for("data/article.trig")
    'trig'
    >>> format_for("x.csv")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: x.csv: unknown RDF file extension '.csv'; use one of .json, .jsonld, .nq, .nt, .owl, .rdf, .trig, .ttl, .turtle, .xml
    """
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(
            f"{path}: unknown RDF file extension {suffix!r}; use one of {known}"
        ) from None


@dataclass
class QueryResult:
    """The answer to a SPARQL query.

    Attributes
    ----------
    kind : str
        ``"SELECT"``, ``"ASK"``, ``"CONSTRUCT"`` (also for DESCRIBE).
    vars : list of str
        The projected variables of a SELECT, in order.
    rows : list of tuple
        The solutions of a SELECT: one rdflib term (or ``None`` when unbound) per variable.
    boolean : bool or None
        The answer of an ASK.
    graph : rdflib.Graph or None
        The triples of a CONSTRUCT or DESCRIBE.
    truncated : bool
        True when the store stopped at ``max_rows`` and more rows (or triples) were left.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    # a row's terms are rdflib Nodes or None; typed Any, since callers know which columns of
    # their query are always bound
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        if self.kind == "SELECT":
            return len(self.rows)
        if self.kind == "CONSTRUCT" and self.graph is not None:
            return len(self.graph)
        return 1

    def dicts(self) -> list[dict[str, Node]]:
        """The SELECT rows as dictionaries, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.vars, row, strict=True) if t is not None}
            for row in self.rows
        ]


# ---------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class RdfFile:
    """An RDF file to load: its path, format, size in bytes and SHA-256 digest (hex)."""

    path: Path
    fmt: str
    size: int
    digest: str


@dataclass
class LoadProgress:
    """How far a load has come; passed to the ``progress`` callback of :func:`load_files`.

    Attributes
    ----------
    path : Path
        The file being loaded.
    index, files : int
        Its 1-based position among the files of this load, and their number.
    done, size : int
        Bytes of the file read so far, and its size.
    quads : int or None
        When ``finished``: the quads the file added (quads already in the store not counted).
    finished, skipped : bool
        The file is done; it was skipped because the store already holds it.
    """

    path: Path
    index: int
    files: int
    done: int
    size: int
    quads: int | None = None
    finished: bool = False
    skipped: bool = False


#: A callback that receives :class:`LoadProgress` reports.
Progress = Callable[[LoadProgress], None]


@dataclass
class LoadReport:
    """What :func:`load_files` did.

    Attributes
    ----------
    loaded : list of (Path, int)
        The files loaded, each with the quads it added.
    skipped : list of Path
        The files skipped because the store already held their content.
    """

    loaded: list[tuple[Path, int]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def added(self) -> int:
        """The quads added by the whole load."""
        return sum(n for _, n in self.loaded)


def rdf_file(path: str | Path, fmt: str | None = None) -> RdfFile:
    """Check an RDF file and read its digest.

    Examples
    --------
    >>> from graph import resources
    >>> f = rdf_file(resources.data_files()[0])
    >>> f.fmt, len(f.digest)
    ('trig', 64)
    >>> rdf_file("missing.ttl")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: missing.ttl: no such file
    """
    path = Path(path)
    fmt = fmt or format_for(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return RdfFile(path, fmt, path.stat().st_size, digest.hexdigest())


def load_files(
    store: Store, files: Iterable[str | Path | RdfFile], progress: Progress | None = None
) -> LoadReport:
    """Load RDF files into a store, skipping those whose content it already holds.

    Parameters
    ----------
    store : Store
    files : paths
        Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML files (format from the extension).
    progress : callable, optional
        Called with a :class:`LoadProgress` as each file starts, advances and finishes.

    Examples
    --------
    >>> from graph import resources
    >>> st = open_store("oxigraph")
    >>> first = load_files(st, resources.default_files())
    >>> again = load_files(st, resources.default_files())
    >>> first.added == len(st), again.added, len(again.skipped)
    (True, 0, 2)
    """
    checked = [f if isinstance(f, RdfFile) else rdf_file(f) for f in files]
    seen = set(store.loaded_digests())
    pending: list[RdfFile] = []
    report = LoadReport()
    for i, f in enumerate(checked, 1):
        if f.digest in seen:
            report.skipped.append(f.path)
            if progress:
                progress(LoadProgress(f.path, i, len(checked), f.size, f.size, 0, True, True))
            continue
        seen.add(f.digest)
        pending.append(f)
    if pending:
        positions = {f.path: i for i, f in enumerate(checked, 1)}

        def relay(p: LoadProgress) -> None:
            assert progress is not None
            p.index, p.files = positions[p.path], len(checked)
            progress(p)

        counts = store.add_files(pending, relay if progress else None)
        report.loaded = list(zip((f.path for f in pending), counts, strict=True))
    return report


class _Reader(io.RawIOBase):
    """A binary file that reports how many bytes have been read from it."""

    def __init__(self, f: RdfFile, index: int, files: int, progress: Progress | None) -> None:
        try:
            self.raw: IO[bytes] = f.path.open("rb")
        except OSError as exc:
            raise InputError(f"{f.path}: cannot read it: {exc.strerror}") from None
        self.file, self.index, self.files, self.progress = f, index, files, progress
        self.done = self.last = 0
        self.step = max(f.size // 100, 1 << 20)
        self.report(0)

    def report(self, done: int, quads: int | None = None, finished: bool = False) -> None:
        if self.progress:
            f = self.file
            self.progress(LoadProgress(f.path, self.index, self.files, done, f.size, quads,
                                       finished))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self.raw.readinto(buffer) or 0  # type: ignore[attr-defined]
        self.done += n
        if self.done - self.last >= self.step:
            self.last = self.done
            self.report(self.done)
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()

    def buffered(self) -> io.BufferedReader:
        return io.BufferedReader(self, 1 << 16)


def _reading(files: list[RdfFile], progress: Progress | None) -> Iterator[tuple[RdfFile, _Reader]]:
    from .inputs import check_xml

    for i, f in enumerate(files, 1):
        if f.fmt == "xml":
            check_xml(f.path)  # entities that would expand it far beyond its size
        reader = _Reader(f, i, len(files), progress)
        try:
            yield f, reader
        finally:
            reader.close()


class Store(Protocol):
    """What every store backend offers."""

    name: str

    def load(self, path: Path, fmt: str | None = None) -> None:
        """Add the quads of an RDF file (all or nothing), unless the store already holds it."""

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        """Add files (all or nothing where the store allows); the quads each one added."""

    def loaded_digests(self) -> set[str]:
        """The SHA-256 digests of the files the store holds."""

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:
        """Answer a SPARQL query over the union of all graphs, or over the dataset that the
        query names with ``FROM`` / ``FROM NAMED`` (see :mod:`graph.dataset`).

        ``max_rows`` stops after that many rows (or triples), marking the result truncated;
        ``cancel`` is polled while the answer is read, and stops it with a StoreError.
        """

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad: subject, predicate, object and graph name (None for the default)."""

    def __len__(self) -> int:
        """The number of quads."""

    def close(self) -> None:
        """Release the store."""


# ---------------------------------------------------------------------------- errors

_POSITION = re.compile(r"(?:line|at) (\d+)(?::| column )(\d+)")


def _query_error(exc: Exception | str, sparql: str) -> QuerySyntaxError:
    text = str(exc)
    line = column = None
    m = _POSITION.search(text)
    if m:
        line, column = int(m.group(1)), int(m.group(2))
    else:
        lineno = getattr(exc, "lineno", None)
        col = getattr(exc, "col", None) or getattr(exc, "column", None)
        if isinstance(lineno, int) and isinstance(col, int):
            line, column = lineno, col
    msg = re.sub(r"^error at \d+:\d+: ", "", getattr(exc, "msg", None) or text)
    message = f"SPARQL syntax error: {msg}"
    if line is not None and column is not None:
        lines = sparql.splitlines() or [""]
        shown = lines[line - 1] if 0 < line <= len(lines) else ""
        message = (
            f"SPARQL syntax error at line {line}, column {column}: {msg}\n"
            f"    {shown}\n    {' ' * max(column - 1, 0)}^"
        )
    return QuerySyntaxError(message, line, column)


_VARNAME = re.compile(r"[A-Za-z_0-9\u00b7\u00c0-\ufffd][A-Za-z_0-9\u00b7\u00c0-\ufffd]*")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _printable(text: str, limit: int = 80) -> str:
    """A value to show in a message: control characters escaped, long values cut."""
    shown = text.encode("unicode_escape", "backslashreplace").decode("ascii") if any(
        ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000 for c in text
    ) else text
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _check_text(text: str, what: str = "the query") -> None:
    """Refuse text that is not valid Unicode (a lone surrogate cannot be encoded)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{what} holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at character "
            f"{exc.start + 1}: it is not valid Unicode text; fix how it was produced"
        ) from None


def _check_query(sparql: str, what: str = "the query") -> None:
    """Refuse query text that is not Unicode, or nested so deep that a parser would crash."""
    from .guard import check_nesting

    _check_text(sparql, what)
    check_nesting(sparql)


def check_iri(iri: str, what: str = "bind") -> None:
    """Refuse an IRI that no store can hold: empty, relative, or with forbidden characters.

    Examples
    --------
    >>> check_iri("https://schema.org/name")
    >>> check_iri("")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: cannot bind <>: an IRI must be absolute (start with a scheme such as https:)
    """
    _check_text(iri, f"the IRI <{_printable(iri)}>")
    if _BAD_IRI.search(iri):
        raise InputError(
            f"cannot {what} <{_printable(iri)}>: an IRI may not hold spaces, quotes, braces, "
            "angle brackets, backslashes or control characters"
        )
    if not _SCHEME.match(iri):
        raise InputError(
            f"cannot {what} <{_printable(iri)}>: an IRI must be absolute (start with a scheme "
            "such as https:)"
        )


def check_bindings(bindings: Mapping[str, Any] | None) -> None:
    """Refuse bindings that no store can take: bad variable names, IRIs or text."""
    from rdflib import Literal, URIRef

    for name, value in (bindings or {}).items():
        if not isinstance(name, str) or not _VARNAME.fullmatch(name):
            raise InputError(f"cannot bind {_printable(str(name))!r}: not a SPARQL variable "
                             "name (letters, digits and _)")
        if isinstance(value, URIRef):
            check_iri(str(value))
        elif isinstance(value, Literal):
            _check_text(str(value), f"the value bound to ?{name}")
            if value.datatype is not None:
                check_iri(str(value.datatype))


def _unprojected(names: list[str]) -> InputError:
    listed = ", ".join(f"?{k}" for k in names)
    return InputError(
        f"cannot bind {listed}: a bound variable must be in the query's SELECT clause "
        "(list it after SELECT, or use SELECT *)"
    )


def _parse_error(path: Path, exc: BaseException) -> ParseError:
    from .inputs import TERM_LIMIT, xml_error_line

    text = str(exc).strip()
    if isinstance(exc, MemoryError):
        return ParseError(
            f"{path}: a single literal or IRI is longer than the parser's limit of "
            f"{TERM_LIMIT >> 20} MB ({text or 'out of memory'}). Split the value, or keep "
            "such large texts outside the graph and link to them.",
            str(path), None,
        )
    line = getattr(exc, "lineno", None)
    if not isinstance(line, int):
        m = re.search(r"line (\d+)", text)
        line = int(m.group(1)) if m else None
    fmt = format_for(path)
    if line is None and fmt == "xml":
        line, why = xml_error_line(path)
        text = f"{text} ({why})" if why and why not in text else text
    where = f"{path}:{line}" if line else f"{path}:1 (the parser gave no line; the error may be later)"
    first = text.splitlines()[0] if text else type(exc).__name__
    return ParseError(
        f"{where}: not valid {fmt}: {first}\n"
        "Fix the file at that line (a missing '.', ';' or quote is the usual cause) and run again.",
        str(path),
        line,
    )


def _cancelled() -> StoreError:
    return StoreError("the query was stopped: it ran over its time limit")


def _take(rows: Iterable[Any], max_rows: int | None,
          cancel: Callable[[], bool] | None) -> tuple[Iterator[Any], list[bool]]:
    """Rows up to ``max_rows``, polling ``cancel``; the flag list says whether more were left."""
    more = [False]

    def gen() -> Iterator[Any]:
        for n, row in enumerate(rows):
            if max_rows is not None and n >= max_rows:
                more[0] = True
                return
            if cancel is not None and cancel():
                raise _cancelled()
            yield row

    if max_rows is None and cancel is None:
        return iter(rows), more
    return gen(), more


# ---------------------------------------------------------------------------- rdflib (memory)

_RDFLIB_FORMATS = {"jsonld": "json-ld", "ntriples": "nt"}


class FileLoading:
    """The ``load`` of every store: one file through :func:`load_files`."""

    def load(self, path: str | Path, fmt: str | None = None) -> None:
        """Add the quads of an RDF file, unless the store already holds its content."""
        load_files(self, [rdf_file(path, fmt)])  # type: ignore[arg-type]


class MemoryStore(FileLoading):
    """rdflib's in-memory dataset; queries see the union of all graphs."""

    name = "memory"

    def __init__(self) -> None:
        from rdflib import Dataset

        self.ds = Dataset(default_union=True)
        self._digests: set[str] = set()

    def loaded_digests(self) -> set[str]:
        return set(self._digests)

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        from rdflib import Dataset

        from .inputs import check_jsonld

        parsed = []
        for f, reader in _reading(files, progress):
            scratch = Dataset()
            try:
                if f.fmt in ("ntriples", "nquads"):
                    _parse_with_oxigraph(scratch, reader, f.fmt)
                else:
                    if f.fmt == "jsonld":
                        check_jsonld(f.path)  # no context fetched from the network or disk
                    scratch.parse(source=reader.buffered(),
                                  format=_RDFLIB_FORMATS.get(f.fmt, f.fmt),
                                  publicID=f.path.resolve().as_uri())
            except ParseError:
                raise
            except (Exception, MemoryError) as exc:  # rdflib's parsers raise many kinds
                raise _parse_error(f.path, exc) from None
            parsed.append((f, reader, scratch))
        counts = []
        for f, reader, scratch in parsed:
            before = len(self)
            default = scratch.default_graph.identifier
            for s, p, o, g in scratch.quads((None, None, None, None)):
                gid = getattr(g, "identifier", g)
                target = self.ds.default_graph if gid == default else self.ds.graph(gid)
                target.add((s, p, o))
            counts.append(len(self) - before)
            self._digests.add(f.digest)
            reader.report(f.size, counts[-1], True)
        return counts

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:
        from rdflib.plugins.sparql import prepareQuery

        _check_query(sparql)
        try:
            prepared = prepareQuery(sparql)
        except Exception as exc:
            raise _query_error(exc, sparql) from None
        check_bindings(bindings)
        try:
            result = self.ds.query(prepared, initBindings=dict(bindings or {}))  # type: ignore[arg-type]
            if result.type == "SELECT":
                names = [str(v) for v in result.vars or []]
                missing = [k for k in bindings or {} if k not in names]
                if missing:
                    raise _unprojected(missing)
                rows, more = _take(result, max_rows, cancel)
                return QueryResult("SELECT", names, [tuple(r) for r in rows], truncated=more[0])
            if result.type == "ASK":
                return QueryResult("ASK", boolean=bool(result.askAnswer))
            return _graph_result(result.graph if result.graph is not None else (), max_rows,
                                 cancel)
        except GraphError:
            raise
        except (Exception, MemoryError) as exc:  # evaluation: a SERVICE call, a bad value
            raise StoreError(
                f"the query failed in the memory store ({type(exc).__name__}): "
                f"{str(exc) or 'no message'}"
            ) from None

    def update(self, sparql: str) -> None:
        _check_query(sparql)
        try:
            self.ds.update(sparql)
        except Exception as exc:
            raise _query_error(exc, sparql) from None

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        default = self.ds.default_graph.identifier
        for s, p, o, g in self.ds.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            yield s, p, o, (None if gid == default else gid)

    def __len__(self) -> int:
        return sum(1 for _ in self.ds.quads((None, None, None, None)))

    def close(self) -> None:
        self.ds.close()


def _parse_with_oxigraph(target: Any, reader: _Reader, fmt: str) -> None:
    """Parse N-Triples or N-Quads with Oxigraph's parser (linear in the length of a literal,
    and every error with its line) into an rdflib dataset."""
    import pyoxigraph as ox

    convert = term_converter()
    default = target.default_graph
    graphs: dict[Any, Any] = {}
    for q in ox.parse(input=reader.buffered(), format=ox_format(fmt)):
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph):
            into = default
        else:
            into = graphs.get(g)
            if into is None:
                into = graphs[g] = target.graph(convert(g))
        into.add((convert(q.subject), convert(q.predicate), convert(q.object)))


def _graph_result(triples: Iterable[Any], max_rows: int | None,
                  cancel: Callable[[], bool] | None,
                  convert: Callable[[Any], Any] | None = None) -> QueryResult:
    from rdflib import Graph

    g = Graph()
    rows, more = _take(triples, max_rows, cancel)
    if convert is None:
        for t in rows:
            g.add(t)
    else:
        for t in rows:
            g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    return QueryResult("CONSTRUCT", graph=g, truncated=more[0])


# ---------------------------------------------------------------------------- Oxigraph

XSD = str(_XSD_NS)
_XSD_STRING = XSD + "string"


class _LiteralMaker:
    """Makers of rdflib literals that skip rdflib's checks for values Oxigraph already checked.

    rdflib's ``Literal()`` re-validates and re-normalises every value (a typed literal takes
    several microseconds); a plain or language-tagged string, or a canonical integer, date or
    boolean, is just the string with its tag or datatype and its Python value. The makers check
    themselves against ``Literal()`` once, and fall back to it if an rdflib version ever builds
    literals differently.
    """

    #: Datatypes with a fast path: the canonical lexical form, and the Python value of it.
    TYPED: dict[str, tuple[re.Pattern[str], Callable[[str], Any]]] = {
        XSD + "integer": (re.compile(r"-?(0|[1-9][0-9]*)"), int),
        XSD + "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
                       lambda v: __import__("datetime").date.fromisoformat(v)),
        XSD + "boolean": (re.compile(r"true|false"), lambda v: v == "true"),
    }

    def __init__(self) -> None:
        from rdflib import Literal, URIRef

        self.Literal = Literal
        self.datatypes = {dt: URIRef(dt) for dt in self.TYPED}
        samples_s = (("Skår", None), ("Skår", "nb"), ("2018", "en-gb"))
        samples_t = (("42", XSD + "integer"), ("-7", XSD + "integer"),
                     ("2018-01-08", XSD + "date"), ("true", XSD + "boolean"))
        try:
            self.fast = all(self._same(self._string(v, lang), Literal(v, lang=lang))
                            for v, lang in samples_s) and all(
                self._same(self._typed(v, dt), Literal(v, datatype=URIRef(dt)))
                for v, dt in samples_t)
        except (AttributeError, TypeError, ValueError):  # pragma: no cover
            self.fast = False

    @staticmethod
    def _same(a: Any, b: Any) -> bool:
        return (a == b and hash(a) == hash(b) and a.value == b.value and a.ill_typed ==
                b.ill_typed and a.language == b.language and a.datatype == b.datatype
                and repr(a) == repr(b))

    def _string(self, value: str, lang: str | None) -> Any:
        inst = str.__new__(self.Literal, value)
        inst._language, inst._datatype, inst._value, inst._ill_typed = lang, None, value, None
        return inst

    def _typed(self, value: str, dt: str) -> Any:
        pattern, to_python = self.TYPED[dt]
        if not pattern.fullmatch(value):
            return self.Literal(value, datatype=self.datatypes[dt])
        inst = str.__new__(self.Literal, value)
        inst._language, inst._datatype = None, self.datatypes[dt]
        inst._value, inst._ill_typed = to_python(value), False
        return inst

    def typed(self, value: str, dt: str) -> Any | None:
        """A literal of a datatype in :attr:`TYPED`, or None for other datatypes."""
        if not self.fast or dt not in self.TYPED:
            return None
        return self._typed(value, dt)


_MAKER: list[_LiteralMaker] = []


def term_converter() -> Callable[[Any], Node | None]:
    """A function that converts pyoxigraph terms to rdflib terms, remembering what it made.

    Query results repeat terms (a name, a date, a class on many rows); each distinct term is
    converted once. rdflib's constructors are slow next to Oxigraph (a typed literal takes
    microseconds), so this is what keeps large results close to raw pyoxigraph speed.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> convert = term_converter()
    >>> convert(ox.Literal("Unni Skår", language="nb"))
    rdflib.term.Literal('Unni Skår', lang='nb')
    >>> convert(ox.Literal("2018-01-08", datatype=ox.NamedNode(XSD + "date")))
    rdflib.term.Literal('2018-01-08', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> convert(ox.NamedNode("https://schema.org/name"))
    rdflib.term.URIRef('https://schema.org/name')
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if not _MAKER:
        _MAKER.append(_LiteralMaker())
    maker = _MAKER[0]
    typed = maker.typed
    cache: dict[Any, Any] = {}
    datatypes: dict[str, URIRef] = {}
    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    new = str.__new__  # an IRI from Oxigraph is valid: skip rdflib's check
    fast = maker.fast

    def string(value: str, lang: str | None) -> Any:
        if not fast:  # pragma: no cover - another rdflib layout
            return Literal(value, lang=lang)
        inst = new(Literal, value)
        inst._language = lang
        inst._datatype = None
        inst._value = value
        inst._ill_typed = None
        return inst

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        out = cache.get(term)
        if out is not None:
            return out
        kind = type(term)
        if kind is named:
            out = new(URIRef, term.value)
        elif kind is literal:
            lang = term.language
            if lang:
                out = string(term.value, lang)
            else:
                dt = term.datatype.value
                if dt == _XSD_STRING:
                    out = string(term.value, None)
                else:
                    out = typed(term.value, dt)
                    if out is None:
                        dtype = datatypes.get(dt)
                        if dtype is None:
                            dtype = datatypes[dt] = URIRef(dt)
                        out = Literal(term.value, datatype=dtype)
        elif kind is blank:
            out = BNode(term.value)
        elif isinstance(term, ox.DefaultGraph):
            return None
        else:
            raise StoreError(f"unsupported RDF term from Oxigraph: {term!r}")
        if len(cache) < 1_000_000:
            cache[term] = out
        return out

    return convert


def to_rdflib(term: Any) -> Node | None:
    """Convert a pyoxigraph term to the rdflib term with the same meaning."""
    return term_converter()(term)


def to_oxigraph(term: Node) -> Any:
    """Convert an rdflib term (or a plain Python value) to a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if not isinstance(term, Literal):
        term = Literal(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


_OX_FORMATS = {
    "turtle": "TURTLE",
    "trig": "TRIG",
    "ntriples": "N_TRIPLES",
    "nquads": "N_QUADS",
    "jsonld": "JSON_LD",
    "xml": "RDF_XML",
}


def ox_format(fmt: str) -> Any:
    """The pyoxigraph RdfFormat of one of our format names."""
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, _OX_FORMATS[fmt])


def load_quads(digests: Iterable[tuple[str, str]]) -> list[Any]:
    """The quads that record loaded files (digest, file name) in :data:`LOADS_GRAPH`."""
    import pyoxigraph as ox

    g, p = ox.NamedNode(LOADS_GRAPH), ox.NamedNode(_SOURCE)
    return [ox.Quad(ox.NamedNode(f"urn:sha256:{d}"), p, ox.Literal(name), g) for d, name in digests]


#: The query that lists the digests recorded in :data:`LOADS_GRAPH`.
DIGESTS_QUERY = f"SELECT ?file WHERE {{ GRAPH <{LOADS_GRAPH}> {{ ?file <{_SOURCE}> ?name }} }}"


def digests_of(iris: Iterable[Any]) -> set[str]:
    """The hex digests of ``urn:sha256:`` IRIs."""
    return {str(i).rsplit(":", 1)[1] for i in iris if str(i).startswith("urn:sha256:")}


#: Oxigraph stores replaced in a worker process: kept, never closed (closing a store that
#: the parent process opened could wait for threads that do not exist in the child).
_RETIRED: list[Any] = []


class OxigraphStore(FileLoading):
    """Embedded Oxigraph, in memory (``path=None``) or on disk.

    On disk, the path is resolved first (a symbolic link to the store stays a link to it, and
    every load writes beside the real folder). When another process holds the store open for
    writing (a ``load``, or ``serve --allow-update``), or the folder is not writable, the store
    is opened read-only: queries work, writes fail with a StoreError that says why.
    ``read_only=True`` asks for that mode from the start.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.path = Path(path).resolve() if path else None
        self.name = f"oxigraph:{path}" if path else "oxigraph"
        self._digests: set[str] = set()
        self._size: int | None = 0
        self.read_only: str | None = None  # why the store is read-only, when it is
        if self.path is None:
            self.ox = ox.Store()
            return
        self._size = None
        if read_only:
            self._open_read_only("it was opened read-only")
            return
        try:
            self._recover()
        except OSError:
            pass  # another process is mid-swap, or the folder is not ours: open as it is
        try:
            self.ox = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                self._open_read_only(
                    "another process holds it open for writing (an `innograph load`, or "
                    "`innograph serve --allow-update`); stop that process to write")
                return
            if ("ermission denied" in text or "ead-only file system" in text) and (
                    self.path / "CURRENT").is_file():
                self._open_read_only(
                    f"its folder {self.path} is not writable by this user; ask its owner, or "
                    "copy the store")
                return
            raise StoreError(self._open_failure(text)) from None
        self._clean()

    def _open_failure(self, text: str) -> str:
        assert self.path is not None
        if "ermission denied" in text or "ead-only file system" in text:
            return (f"cannot open the Oxigraph store at {self.path}: the folder is not writable "
                    f"by this user and holds no store yet ({text}). Choose a folder you can "
                    "write to.")
        if self.path.exists() and not self.path.is_dir():
            return (f"cannot open the Oxigraph store at {self.path}: it is a file, not a "
                    "store folder. Give the path of a folder (new or holding a store).")
        return f"cannot open the Oxigraph store at {self.path}: {text}"

    def _open_read_only(self, why: str) -> None:
        import pyoxigraph as ox

        assert self.path is not None
        if not (self.path / "CURRENT").is_file():
            raise StoreError(f"cannot open the Oxigraph store at {self.path} read-only: there "
                             "is no store there yet. Load one first: innograph load --store "
                             f"oxigraph:{self.path}")
        try:
            self.ox = ox.Store.read_only(str(self.path))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self.path} read-only: "
                             f"{exc}") from None
        self.read_only = why

    def reopen_read_only(self, *, retire: bool = True) -> None:
        """Open the store again, read-only (a disk store; an in-memory one stays as it is).

        A server that does not write opens its store this way, so that other commands can
        still open it; a worker process does, to read the store as it is on disk now.
        ``retire`` keeps the previous handle instead of closing it (in a worker process).
        """
        if self.path is None:
            return
        old = self.ox
        if retire:
            _RETIRED.append(old)
        else:
            old.flush()
        del self.ox, old
        for attempt in range(3):  # a writer may be replacing files as we open: try again
            try:
                self._open_read_only("it was opened read-only (a server that takes no updates)")
                break
            except StoreError:
                if attempt == 2:
                    raise
        self._size = None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"cannot write to {self.name}: it is open read-only because "
                             f"{self.read_only}.")

    # ------------------------------------------------------------------ loading

    def loaded_digests(self) -> set[str]:
        if self.path is None:
            return set(self._digests)
        return digests_of(row[0].value for row in self.ox.query(DIGESTS_QUERY))  # type: ignore[union-attr]

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        if not files:
            return []
        self._writable()
        if self.path is None:
            return self._add_in_memory(files, progress)
        if sum(f.size for f in files) > STAGING_THRESHOLD:
            return self._add_staged(files, progress)
        return self._add_in_transaction(files, progress)

    def _len(self) -> int:
        if self._size is None:
            self._size = len(self.ox)
        return self._size

    def _add_in_memory(self, files: list[RdfFile], progress: Progress | None) -> list[int]:
        """All or nothing: into an empty store directly (emptied again on failure), else
        through a scratch store that is added only when every file has parsed."""
        import pyoxigraph as ox

        if self._len() > 0:
            counts = self._add_in_transaction(files, progress)
            self._digests.update(f.digest for f in files)
            return counts
        counts = []
        try:
            for f, reader in _reading(files, progress):
                before = len(self.ox)
                try:
                    # one transaction per file; parsing in Rust, straight into the store
                    self.ox.extend(ox.parse(input=reader.buffered(), format=ox_format(f.fmt)))
                except (SyntaxError, MemoryError) as exc:
                    raise _parse_error(f.path, exc) from None
                counts.append(len(self.ox) - before)
                reader.report(f.size, counts[-1], True)
        except BaseException:
            self.ox.clear()  # it was empty: all or nothing
            self._size = None
            raise
        self._size = None
        self._digests.update(f.digest for f in files)
        return counts

    def _add_in_transaction(self, files: list[RdfFile], progress: Progress | None) -> list[int]:
        """Small loads into the disk store, and loads into an in-memory store that holds data
        already: parse into memory, then one transaction (all or nothing)."""
        import pyoxigraph as ox

        batch = ox.Store()
        counts, readers = [], []
        for f, reader in _reading(files, progress):
            part = ox.Store()
            try:
                part.extend(ox.parse(input=reader.buffered(), format=ox_format(f.fmt)))
            except (SyntaxError, MemoryError) as exc:
                raise _parse_error(f.path, exc) from None
            new = [q for q in part if q not in batch and q not in self.ox]
            batch.extend(new)
            counts.append(len(new))
            readers.append(reader)
        if self.path is not None:
            batch.extend(load_quads((f.digest, f.path.name) for f in files))
        try:
            self.ox.extend(batch)
        except OSError as exc:
            raise StoreError(f"cannot write to the Oxigraph store at {self.path}: {exc}") from None
        finally:
            self._size = None
        for reader, count in zip(readers, counts, strict=True):
            reader.report(reader.file.size, count, True)
        return counts

    def _sibling(self, what: str) -> Path:
        assert self.path is not None
        path = self.path.resolve()
        return path.with_name(f"{path.name}.innograph-{what}")

    def _recover(self) -> None:
        """Finish or roll back a swap that a killed process left half done."""
        assert self.path is not None
        old = self._sibling("old")
        if old.is_dir():
            if self.path.exists():
                shutil.rmtree(old)
            else:
                os.rename(old, self.path)

    def _clean(self) -> None:
        """Remove a staging copy that a killed load left (we hold the store's lock now)."""
        staging = self._sibling("staging")
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)

    def _add_staged(self, files: list[RdfFile], progress: Progress | None) -> list[int]:
        """Big loads into the disk store: bulk-load a copy of the store, then swap it in.

        The copy is an Oxigraph backup (hard links to the store's immutable files, so cheap);
        Oxigraph's bulk loader fills it fast but without a transaction, which is safe because
        nobody reads the copy. Two renames swap it in; a process killed before them leaves the
        store untouched, one killed between them is rolled back when the store is next opened.
        """
        import pyoxigraph as ox

        assert self.path is not None
        staging = self._sibling("staging")
        if staging.exists():
            shutil.rmtree(staging)
        try:
            self.ox.flush()
            self.ox.backup(str(staging))
            copy = ox.Store(str(staging))
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"cannot stage a load next to {self.path}: {exc}") from None
        counts = []
        try:
            size = self._len()
            for f, reader in _reading(files, progress):
                try:
                    copy.bulk_load(input=reader.buffered(), format=ox_format(f.fmt))
                except (SyntaxError, MemoryError) as exc:
                    raise _parse_error(f.path, exc) from None
                now = len(copy)
                counts.append(now - size)
                size = now
                reader.report(f.size, counts[-1], True)
            copy.extend(load_quads((f.digest, f.path.name) for f in files))
            copy.flush()
        except BaseException:
            del copy
            shutil.rmtree(staging, ignore_errors=True)
            raise
        del copy
        old = self._sibling("old")
        del self.ox
        os.rename(self.path, old)
        os.rename(staging, self.path)
        shutil.rmtree(old)
        self.ox = ox.Store(str(self.path))
        self._size = None
        return counts

    # ------------------------------------------------------------------ querying

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:
        import pyoxigraph as ox

        from .dataset import names_dataset

        _check_query(sparql)
        check_bindings(bindings)
        try:
            subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        except (ValueError, TypeError) as exc:
            raise InputError(f"cannot bind these values: {exc}") from None
        # the union of the graphs is the default graph only when the query names no dataset
        union = not names_dataset(sparql)
        try:
            result = self.ox.query(sparql, use_default_graph_as_union=union, substitutions=subs)
        except SyntaxError as exc:
            raise _query_error(exc, sparql) from None
        except (RuntimeError, OSError) as exc:
            if subs and "projection" in str(exc):
                raise _unprojected(list(bindings or {})) from None
            raise StoreError(f"the query failed in Oxigraph: {exc}") from None
        return ox_result(result, max_rows, cancel)

    def update(self, sparql: str) -> None:
        _check_query(sparql, "the update")
        self._writable()
        try:
            self.ox.update(sparql)
        except SyntaxError as exc:
            raise _query_error(exc, sparql) from None
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the update failed in Oxigraph: {exc}") from None
        finally:
            self._size = None

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        convert = term_converter()
        for q in self.ox:
            yield (  # type: ignore[misc]
                convert(q.subject),
                convert(q.predicate),
                convert(q.object),
                convert(q.graph_name),
            )

    def __len__(self) -> int:
        return self._len()

    def close(self) -> None:
        if not hasattr(self, "ox"):
            return
        if self.path and not self.read_only:
            self.ox.flush()
        del self.ox


def ox_result(result: Any, max_rows: int | None = None,
              cancel: Callable[[], bool] | None = None) -> QueryResult:
    """A :class:`QueryResult` from pyoxigraph query results (solutions, boolean or triples)."""
    import pyoxigraph as ox

    convert = term_converter()
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows, more = _take(result, max_rows, cancel)
        try:
            out = [tuple(map(convert, sol)) for sol in rows]
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the query failed in Oxigraph: {exc}") from None
        return QueryResult("SELECT", names, out, truncated=more[0])
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(result))
    return _graph_result(result, max_rows, cancel, convert)


# ---------------------------------------------------------------------------- choosing


def open_store(spec: str | None = None) -> Store:
    """Open a store by its specification.

    Parameters
    ----------
    spec : str, optional
        ``memory``, ``oxigraph``, ``oxigraph:PATH`` or ``sparql:URL``. When omitted, the
        ``INNOGRAPH_STORE`` environment variable, else ``oxigraph``.

    Examples
    --------
    >>> open_store("memory").name
    'memory'
    >>> open_store("postgres")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: unknown store 'postgres'; use memory, oxigraph, oxigraph:PATH or sparql:URL
    """
    spec = spec or os.environ.get(STORE_ENV) or DEFAULT_STORE
    if spec == "memory":
        return MemoryStore()
    if spec == "oxigraph":
        return OxigraphStore()
    if spec.startswith("oxigraph:"):
        return OxigraphStore(spec.split(":", 1)[1])
    if spec.startswith("sparql:"):
        from .remote import SparqlStore

        return SparqlStore(spec.split(":", 1)[1])
    raise InputError(
        f"unknown store {spec!r}; use memory, oxigraph, oxigraph:PATH or sparql:URL"
    )
