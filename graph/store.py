"""The stores behind one small interface: load, query, update, dump, close.

``memory``
    rdflib's in-memory dataset. Slow on large data, but has no dependency beyond rdflib.
``oxigraph``
    Embedded Oxigraph (pyoxigraph), in memory. The default: the fastest store that serves.
``oxigraph:PATH``
    Embedded Oxigraph on disk at PATH.

Every store answers SPARQL over the union of its graphs (the default graph of a query is the
merge of all named graphs and the default graph), so that a fact is found whichever claim graph
holds it, and ``GRAPH ?g { ... }`` still reaches each claim.

Query results come back as :class:`QueryResult`: rdflib terms for SELECT rows, a bool for ASK,
and an rdflib :class:`~rdflib.Graph` for CONSTRUCT and DESCRIBE.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import InputError, ParseError, QuerySyntaxError, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "DEFAULT_STORE",
    "FORMATS",
    "QueryResult",
    "Store",
    "format_for",
    "open_store",
]

#: The environment variable that chooses the store when none is given.
STORE_ENV = "INNOGRAPH_STORE"
#: The store used when neither an argument nor the environment chooses one.
DEFAULT_STORE = "oxigraph"

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
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
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


class Store(Protocol):
    """What every store backend offers."""

    name: str

    def load(self, path: Path, fmt: str | None = None) -> None:
        """Add the quads of an RDF file (all or nothing)."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Answer a SPARQL query over the union of all graphs."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad: subject, predicate, object and graph name (None for the default)."""

    def __len__(self) -> int:
        """The number of quads."""

    def close(self) -> None:
        """Release the store."""


_POSITION = re.compile(r"(?:line|at) (\d+)(?::| column )(\d+)")


def _query_error(exc: Exception, sparql: str) -> QuerySyntaxError:
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


def _unprojected(names: list[str]) -> InputError:
    listed = ", ".join(f"?{k}" for k in names)
    return InputError(
        f"cannot bind {listed}: a bound variable must be in the query's SELECT clause "
        "(list it after SELECT, or use SELECT *)"
    )


def _parse_error(path: Path, exc: Exception) -> ParseError:
    text = str(exc).strip()
    line = getattr(exc, "lineno", None)
    if not isinstance(line, int):
        m = re.search(r"line (\d+)", text)
        line = int(m.group(1)) if m else None
    where = f"{path}:{line}" if line else str(path)
    first = text.splitlines()[0] if text else type(exc).__name__
    return ParseError(
        f"{where}: not valid {format_for(path)}: {first}\n"
        "Fix the file at that line (a missing '.', ';' or quote is the usual cause) and run again.",
        str(path),
        line,
    )


# ---------------------------------------------------------------------------- rdflib (memory)


class MemoryStore:
    """rdflib's in-memory dataset; queries see the union of all graphs."""

    name = "memory"

    def __init__(self) -> None:
        from rdflib import Dataset

        self.ds = Dataset(default_union=True)

    def load(self, path: Path, fmt: str | None = None) -> None:
        from rdflib import Dataset

        fmt = fmt or format_for(path)
        scratch = Dataset()
        try:
            scratch.parse(str(path), format=fmt)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except Exception as exc:  # rdflib's parsers raise many kinds
            raise _parse_error(Path(path), exc) from None
        default = scratch.default_graph.identifier
        for s, p, o, g in scratch.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            target = self.ds.default_graph if gid == default else self.ds.graph(gid)
            target.add((s, p, o))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepared = prepareQuery(sparql)
        except Exception as exc:
            raise _query_error(exc, sparql) from None
        result = self.ds.query(prepared, initBindings=dict(bindings or {}))
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or []]
            missing = [k for k in bindings or {} if k not in names]
            if missing:
                raise _unprojected(missing)
            return QueryResult("SELECT", names, [tuple(row) for row in result])
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        return QueryResult("CONSTRUCT", graph=result.graph)

    def update(self, sparql: str) -> None:
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


# ---------------------------------------------------------------------------- Oxigraph


def to_rdflib(term: Any) -> Node | None:
    """Convert a pyoxigraph term to the rdflib term with the same meaning."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise StoreError(f"unsupported RDF term from Oxigraph: {term!r}")


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


class OxigraphStore:
    """Embedded Oxigraph, in memory (``path=None``) or on disk."""

    def __init__(self, path: str | Path | None = None) -> None:
        import pyoxigraph as ox

        self.path = Path(path) if path else None
        self.name = f"oxigraph:{self.path}" if self.path else "oxigraph"
        try:
            self.ox = ox.Store(str(self.path)) if self.path else ox.Store()
        except OSError as exc:
            raise StoreError(
                f"cannot open the Oxigraph store at {self.path}: {exc}. "
                "Another process may hold it open; close that one, or use another path."
            ) from None

    def load(self, path: Path, fmt: str | None = None) -> None:
        import pyoxigraph as ox

        fmt = fmt or format_for(path)
        try:
            self.ox.load(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]))
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except SyntaxError as exc:
            raise _parse_error(Path(path), exc) from None

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        import pyoxigraph as ox

        subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            result = self.ox.query(sparql, use_default_graph_as_union=True, substitutions=subs)
        except SyntaxError as exc:
            raise _query_error(exc, sparql) from None
        except RuntimeError as exc:
            if subs and "projection" in str(exc):
                raise _unprojected(list(bindings or {})) from None
            raise StoreError(f"the query failed in Oxigraph: {exc}") from None
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [tuple(to_rdflib(sol[i]) for i in range(len(names))) for sol in result]
            return QueryResult("SELECT", names, rows)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        from rdflib import Graph

        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return QueryResult("CONSTRUCT", graph=g)

    def update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql)
        except SyntaxError as exc:
            raise _query_error(exc, sparql) from None

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        for q in self.ox:
            yield (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                to_rdflib(q.graph_name),
            )

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        if self.path:
            self.ox.flush()
        del self.ox


# ---------------------------------------------------------------------------- choosing


def open_store(spec: str | None = None) -> Store:
    """Open a store by its specification.

    Parameters
    ----------
    spec : str, optional
        ``memory``, ``oxigraph`` or ``oxigraph:PATH``. When omitted, the ``INNOGRAPH_STORE``
        environment variable, else ``oxigraph``.

    Examples
    --------
    >>> open_store("memory").name
    'memory'
    >>> open_store("postgres")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: unknown store 'postgres'; use memory, oxigraph or oxigraph:PATH
    """
    spec = spec or os.environ.get(STORE_ENV) or DEFAULT_STORE
    if spec == "memory":
        return MemoryStore()
    if spec == "oxigraph":
        return OxigraphStore()
    if spec.startswith("oxigraph:"):
        return OxigraphStore(spec.split(":", 1)[1])
    raise InputError(f"unknown store {spec!r}; use memory, oxigraph or oxigraph:PATH")


def load_files(store: Store, files: Iterable[Path]) -> None:
    """Load several files into a store, in order."""
    for path in files:
        store.load(Path(path))
