"""Loading RDF files by content.

:func:`load_files` adds files by content: a file whose SHA-256 digest the store has seen is
skipped, so loading twice adds nothing twice. The digests are no part of the data:
``oxigraph:PATH`` keeps them in a file beside its data (:mod:`graph.stores.loadlog`), a
``sparql:URL`` server in one small named graph, :data:`LOADS_GRAPH`, that the store leaves out
of its length and its quads, and the in-memory stores in a set.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import InputError, ParseError
from ..resources import ID
from ..vocab import DCTERMS

if TYPE_CHECKING:  # pragma: no cover
    from .base import Store

__all__ = [
    "DIGESTS_QUERY",
    "FORMATS",
    "LOADS_GRAPH",
    "FileLoading",
    "LoadProgress",
    "LoadReport",
    "Progress",
    "RdfFile",
    "Reader",
    "digests_of",
    "format_for",
    "load_files",
    "load_quads",
    "parse_error",
    "rdf_file",
    "reading",
]

#: The named graph in which persistent stores record the digests of the files they hold.
LOADS_GRAPH = ID + "graph/loaded"
_SOURCE = str(DCTERMS.source)

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
    >>> from graph.stores import open_store
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


class Reader(io.RawIOBase):
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


def reading(files: list[RdfFile], progress: Progress | None) -> Iterator[tuple[RdfFile, Reader]]:
    from ..inputs import check_xml

    for i, f in enumerate(files, 1):
        if f.fmt == "xml":
            check_xml(f.path)  # entities that would expand it far beyond its size
        reader = Reader(f, i, len(files), progress)
        try:
            yield f, reader
        finally:
            reader.close()



class FileLoading:
    """The ``load`` of every store: one file through :func:`load_files`."""

    def load(self, path: str | Path, fmt: str | None = None) -> None:
        """Add the quads of an RDF file, unless the store already holds its content."""
        load_files(self, [rdf_file(path, fmt)])  # type: ignore[arg-type]



#: What usually breaks a file of each RDF format, for the hint after a parse error.
_USUAL_CAUSE = {
    "jsonld": "a missing ',' or ':', or a key or text without its quotes,",
    "xml": "a tag that is not closed, or a bare '&' or '<' in text,",
    "turtle": "a missing '.', ';' or quote",
}


def parse_error(path: Path, exc: BaseException) -> ParseError:
    from ..inputs import TERM_LIMIT, xml_error_line

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
        f"Fix the file at that line ({_USUAL_CAUSE.get(fmt, _USUAL_CAUSE['turtle'])} is the usual "
        "cause) and run again.",
        str(path),
        line,
    )


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
