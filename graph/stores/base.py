"""What every store offers (:class:`Store`), what a query answers (:class:`QueryResult`), and
:func:`open_store`, which opens a store by its specification.

``memory``
    rdflib's in-memory dataset (:mod:`graph.stores.memory`).
``oxigraph``
    Embedded Oxigraph (pyoxigraph), in memory. The default: the fastest store that serves.
``oxigraph:PATH``
    Embedded Oxigraph on disk at PATH (:mod:`graph.stores.oxigraph`).
``sparql:URL``
    Any SPARQL 1.1 Protocol and Graph Store Protocol server (:mod:`graph.stores.sparql`).

Every store answers SPARQL over the union of its graphs when a query names no dataset (the
default graph of a query is the merge of all named graphs and the default graph), so that a
fact is found whichever claim graph holds it, and ``GRAPH ?g { ... }`` still reaches each
claim. Query results come back as :class:`QueryResult`: rdflib terms for SELECT rows, a bool
for ASK, and an rdflib :class:`~rdflib.Graph` for CONSTRUCT and DESCRIBE.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

    from .loading import Progress, RdfFile

__all__ = ["DEFAULT_STORE", "STORE_ENV", "QueryResult", "Store", "open_store"]

#: The environment variable that chooses the store when none is given.
STORE_ENV = "INNOGRAPH_STORE"
#: The store used when neither an argument nor the environment chooses one.
DEFAULT_STORE = "oxigraph"


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


def text_rows(store: Store, sparql: str) -> list[tuple[str | None, ...]]:
    """The rows of a SELECT over the union of the graphs, each term as plain text: an IRI, a
    literal's lexical form (without its language or datatype), a blank node's label; None when
    unbound. For reading many rows: a store that can (Oxigraph) skips building rdflib terms.

    Examples
    --------
    >>> from graph import resources
    >>> from graph.stores import load_files
    >>> st = open_store("memory")
    >>> _ = load_files(st, resources.default_files())
    >>> q = "SELECT ?n WHERE { <https://w3id.org/innograph/id/person/unni-skar> <https://schema.org/name> ?n }"
    >>> text_rows(st, q)
    [('Unni Skår',)]
    """
    fast = getattr(store, "text_rows", None)
    if fast is not None:
        return list(fast(sparql))
    return [tuple(None if t is None else str(t) for t in row) for row in store.query(sparql).rows]


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
    origin = ""
    if not spec and os.environ.get(STORE_ENV):
        origin = f" (from ${STORE_ENV})"
    spec = spec or os.environ.get(STORE_ENV) or DEFAULT_STORE
    if spec == "memory":
        from .memory import MemoryStore

        return MemoryStore()
    if spec.startswith("oxigraph:") and not spec[len("oxigraph:"):].strip():
        raise InputError(
            f"the store {spec!r}{origin} names no folder; give one after the colon "
            "(oxigraph:./innograph-db), or oxigraph alone for a store in memory"
        )
    if spec == "oxigraph" or spec.startswith("oxigraph:"):
        from .oxigraph import OxigraphStore

        return OxigraphStore(spec.split(":", 1)[1] if ":" in spec else None)
    if spec.startswith("sparql:"):
        from .sparql import SparqlStore

        return SparqlStore(spec.split(":", 1)[1])
    raise InputError(
        f"unknown store {spec!r}{origin}; use memory, oxigraph, oxigraph:PATH or sparql:URL"
    )
