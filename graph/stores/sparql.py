"""The ``sparql:URL`` store: any SPARQL 1.1 Protocol and Graph Store Protocol server.

Queries and updates go over the SPARQL 1.1 Protocol (HTTP POST, form-encoded); files are added
over the Graph Store Protocol (HTTP POST of N-Quads to the dataset, or of N-Triples to each
graph for servers that only take one graph at a time). HTTP is spoken by
:mod:`graph.stores.protocol`. The record of loaded files (:data:`~graph.stores.LOADS_GRAPH`)
is kept on the server, left out of ``len()`` and :meth:`SparqlStore.quads`.

Endpoints
    ``sparql:URL`` names the query endpoint. The update and Graph Store endpoints are found
    beside it: for a URL ending in ``/query`` (Oxigraph, ``oxigraph serve``) they are
    ``/update`` and ``/store``; for one ending in ``/sparql`` (Apache Jena Fuseki) ``/update``
    and ``/data``; for a bare server URL (``http://localhost:7878``) ``/query``, ``/update``
    and ``/store`` are added. ``INNOGRAPH_SPARQL_UPDATE_URL`` and ``INNOGRAPH_SPARQL_STORE_URL``
    override them.

Server quirks
    The server names itself in its ``Server`` header, read before the first write, count or
    export. OpenLink Virtuoso takes updates at its query endpoint, the Graph Store Protocol at
    ``/sparql-graph-crud`` and one graph per request (no N-Quads); it keeps system graphs of
    its own (``virtrdf#``, ``ldp#`` and its service description), which ``len()`` and
    :meth:`SparqlStore.quads` leave out. ``INNOGRAPH_SPARQL_LOAD=graph`` asks any server for
    one graph per request, ``=dataset`` for whole N-Quads files. A Graph Store Protocol
    answer that is an HTML page (Virtuoso answers a request it does not understand with a
    form) is taken as a failure, not as success.

Authentication
    HTTP basic, from the URL (``sparql:https://user:pass@host/ds/sparql``) or from
    ``INNOGRAPH_SPARQL_USER`` and ``INNOGRAPH_SPARQL_PASSWORD``; or a bearer token from
    ``INNOGRAPH_SPARQL_TOKEN``. Credentials never appear in error messages.

The union default graph
    innograph's queries expect the default graph to be the union of all graphs. Start Oxigraph
    with ``oxigraph serve --union-default-graph``; in Fuseki set ``tdb2:unionDefaultGraph
    true`` on the dataset; GraphDB and Virtuoso query the union by default. Because some
    servers (Fuseki among them) leave the stored default graph out of that union, this store
    keeps the default-graph triples of loaded files in the named graph :data:`DEFAULT_GRAPH`
    and gives them back as the default graph from :meth:`SparqlStore.quads`; on Virtuoso,
    updates write their default graph there too. A server whose default graph is not a union
    is detected on the first empty answer, with a StoreError that says how to fix it.

Bindings
    The protocol has no parameter for variable bindings, so this is the one store that writes
    them into the query: as a ``VALUES`` block appended to it, built from N-Triples terms
    escaped here (quotes, backslashes, line breaks), with IRIs, language tags and variable
    names checked first. A value cannot end the block early or add to the query. A query
    that has its own trailing ``VALUES`` block cannot take bindings on this store.
"""

from __future__ import annotations

import http.client
import os
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..dataset import dataset_iris, names_dataset, query_form, values_first
from ..errors import InputError, StoreError
from ..resources import ID
from .base import QueryResult
from .checks import check_bindings, check_text, unprojected
from .loading import (
    DIGESTS_QUERY,
    LOADS_GRAPH,
    FileLoading,
    Progress,
    RdfFile,
    digests_of,
    load_quads,
    parse_error,
    reading,
)
from .protocol import STORE_ENV, UPDATE_ENV, Client, endpoints, html_text, values_clause
from .terms import graph_result, ox_format, ox_result, term_converter

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = ["DEFAULT_GRAPH", "LOAD_ENV", "VIRTUOSO_GRAPHS", "ServerQuirks", "SparqlStore"]

#: The named graph that holds the default-graph triples of files loaded into a SPARQL server.
DEFAULT_GRAPH = ID + "graph/default"
#: ``graph`` loads one graph per request, ``dataset`` whole N-Quads files (else by server).
LOAD_ENV = "INNOGRAPH_SPARQL_LOAD"
#: The graphs that OpenLink Virtuoso keeps for itself (its service description is found too).
VIRTUOSO_GRAPHS = frozenset({
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
})
_SERVICE_GRAPHS = (
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { "
    "?s a <http://www.w3.org/ns/sparql-service-description#Service> } }"
)
_BATCH = 20_000
#: The one column of Virtuoso's answer to an ASK.
_VIRTUOSO_ASK = "__ASK_RETVAL"


@dataclass(frozen=True)
class ServerQuirks:
    """What a SPARQL server is, as far as loading and counting need to know.

    Attributes
    ----------
    server : str
        The server's ``Server`` header (empty when it sends none).
    virtuoso : bool
        The server is OpenLink Virtuoso.
    hidden : frozenset of str
        Graphs that are no data: the record of loaded files, and the server's own graphs.
    """

    server: str
    virtuoso: bool
    hidden: frozenset[str]

    def data_only(self, variable: str = "?g") -> str:
        """A FILTER that leaves the hidden graphs out of ``GRAPH ?g`` patterns.

        Examples
        --------
        >>> ServerQuirks("", False, frozenset({"urn:x:a"})).data_only()
        'FILTER(?g NOT IN (<urn:x:a>))'
        """
        listed = ", ".join(f"<{g}>" for g in sorted(self.hidden))
        return f"FILTER({variable} NOT IN ({listed}))" if listed else ""


class SparqlStore(FileLoading):
    """A SPARQL 1.1 Protocol and Graph Store Protocol server (see the module notes).

    Parameters
    ----------
    url : str
        The query endpoint, optionally with ``user:password@``.
    update_url, store_url : str, optional
        The update and Graph Store endpoints, when not beside the query endpoint.
    per_graph : bool, optional
        Load one graph per request (plain Graph Store Protocol) instead of whole datasets.
        Default: ``$INNOGRAPH_SPARQL_LOAD``, else what the server takes.
    timeout : float, optional
        Seconds to wait for a response (default: ``$INNOGRAPH_SPARQL_TIMEOUT``, else 600).
    """

    def __init__(
        self, url: str, update_url: str | None = None, store_url: str | None = None,
        *, per_graph: bool | None = None, timeout: float | None = None,
    ) -> None:
        self.query_url, update, store = endpoints(url)
        self.update_url = update_url or update
        self.store_url = store_url or store
        self._chosen = {"update": bool(update_url or os.environ.get(UPDATE_ENV)),
                        "store": bool(store_url or os.environ.get(STORE_ENV))}
        self.name = f"sparql:{self.query_url}"
        if per_graph is None:
            per_graph = self._load_mode()
        self.per_graph = per_graph
        self._chosen["per_graph"] = per_graph is not None
        self.client = Client(url, timeout)
        self.timeout = self.client.timeout
        self._union_checked = False
        self._quirks: ServerQuirks | None = None

    @staticmethod
    def _load_mode() -> bool | None:
        mode = os.environ.get(LOAD_ENV, "").strip().lower()
        if mode in ("", "auto"):
            return None
        if mode not in ("graph", "dataset"):
            raise InputError(f"${LOAD_ENV} is {mode!r}; use graph (one graph per request) or "
                             "dataset (whole N-Quads files), or leave it unset")
        return mode == "graph"

    # ------------------------------------------------------------------ the server

    def quirks(self) -> ServerQuirks:
        """What the server is (asked once): its name, and the graphs that are no data.

        For Virtuoso, the update and Graph Store endpoints and the one-graph-per-request
        loading are set here, unless given by argument or environment.
        """
        if self._quirks is not None:
            return self._quirks
        with self.client.post_query(self.query_url, "ASK {}") as response:
            server = response.headers.get("Server", "") or ""
            response.read()
        virtuoso = "virtuoso" in server.lower()
        hidden = {LOADS_GRAPH}
        if virtuoso:
            parts = urllib.parse.urlsplit(self.query_url)
            if not self._chosen["update"]:
                self.update_url = self.query_url
            if not self._chosen["store"]:
                self.store_url = urllib.parse.urlunsplit(
                    (parts.scheme, parts.netloc, "/sparql-graph-crud", "", ""))
            if not self._chosen["per_graph"]:
                self.per_graph = True  # its Graph Store Protocol takes no N-Quads
            hidden |= VIRTUOSO_GRAPHS
            hidden |= {str(r[0]) for r in self.query(_SERVICE_GRAPHS).rows}
        self._quirks = ServerQuirks(server.strip(), virtuoso, frozenset(hidden))
        return self._quirks

    # ------------------------------------------------------------------ querying

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:

        check_text(sparql)
        check_bindings(bindings)
        text = self._bind(sparql, bindings) if bindings else sparql
        try:
            result = self._read_result(text, max_rows, cancel)
        except (http.client.HTTPException, ConnectionError, TimeoutError) as exc:
            raise StoreError(
                f"the SPARQL server at {self.query_url} dropped the connection while answering "
                f"({type(exc).__name__}); check the server and its logs, then try again"
            ) from None
        if result.kind == "SELECT" and bindings:
            missing = [k for k in bindings if k not in result.vars]
            if missing:
                raise unprojected(missing)
        if not self._union_checked and (
            (result.kind == "SELECT" and not result.rows) or result.boolean is False
        ):
            self._check_union()
        return result

    def _read_result(self, text: str, max_rows: int | None,
                     cancel: Callable[[], bool] | None) -> QueryResult:
        import pyoxigraph as ox

        graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
        # the dataset a query names goes as protocol parameters too: a server that answers
        # over the union of its graphs may ignore FROM (Oxigraph server does), not these
        default, named = dataset_iris(text) if names_dataset(text) else ([], [])
        with self.client.post_query(self.query_url, text, graph=graph, default_graphs=default,
                                    named_graphs=named) as response:
            kind = response.headers.get_content_type()
            if kind in ("application/sparql-results+json", "application/sparql-results+xml"):
                fmt = (ox.QueryResultsFormat.JSON if kind.endswith("json")
                       else ox.QueryResultsFormat.XML)
                try:
                    parsed = ox.parse_query_results(response, format=fmt)
                    result = ox_result(parsed, max_rows, cancel)
                except SyntaxError as exc:
                    raise StoreError(
                        f"the SPARQL server at {self.query_url} sent results that do not "
                        f"parse: {exc}"
                    ) from None
            elif kind in ("application/n-triples", "text/turtle"):
                rdf = ox.RdfFormat.N_TRIPLES if kind.endswith("triples") else ox.RdfFormat.TURTLE
                triples = (q.triple for q in ox.parse(input=response, format=rdf))
                result = graph_result(triples, max_rows, cancel, term_converter())
            else:
                raise StoreError(
                    f"the SPARQL server at {self.query_url} answered with {kind!r}, not SPARQL "
                    "results or RDF; is the URL its query endpoint?"
                )
            server = response.headers.get("Server", "") or ""
        if (result.kind == "SELECT" and result.vars == [_VIRTUOSO_ASK]
                and "virtuoso" in server.lower()):
            # Virtuoso answers ASK with one row of 1 (true) or no row (false)
            value = result.rows[0][0] if result.rows else None
            return QueryResult("ASK", boolean=value is not None and str(value) not in ("0",
                                                                                        "false"))
        return result

    def _bind(self, sparql: str, bindings: Mapping[str, Node]) -> str:
        """The query with its bindings as a ``VALUES`` block: after it, or on Virtuoso (which
        takes a trailing block only in a SELECT, and only of projected variables) first in its
        WHERE group, where Virtuoso takes it in every query form."""
        block = values_clause(bindings)
        if self.quirks().virtuoso:
            first = values_first(sparql, block)
            if first is not None:
                return first
        return sparql + block

    def _ask(self, sparql: str) -> bool:
        return bool(self._read_result(sparql, None, None).boolean)

    def _check_union(self) -> None:
        if not self._ask("ASK { GRAPH ?g { ?s ?p ?o } }"):
            return  # nothing stored yet: nothing to tell
        self._union_checked = True
        if not self._ask("ASK { ?s ?p ?o }"):
            raise StoreError(
                f"the SPARQL server at {self.query_url} does not query the union of its graphs "
                "by default, and innograph's queries need it: start Oxigraph with "
                "`oxigraph serve --union-default-graph`, or set tdb2:unionDefaultGraph true on "
                "a Fuseki dataset"
            )
    def update(self, sparql: str) -> None:
        """Run a SPARQL update. On Virtuoso, which has no plain default graph to write to,
        the default graph of the update is :data:`DEFAULT_GRAPH`, where loads put it too."""
        check_text(sparql, "the update")
        if self.quirks().virtuoso:
            sparql = f"DEFINE input:default-graph-uri <{DEFAULT_GRAPH}>\n{sparql}"
        data = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
        self.client.send(self.update_url, data, {
            "Content-Type": "application/x-www-form-urlencoded",
        }, what="update", sparql=sparql).close()

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        """Every quad of the data: not the record of loaded files, nor the server's own."""
        default = DEFAULT_GRAPH
        where = self.quirks().data_only()
        for s, p, o, g in self.query(
                f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {where} }}").rows:
            yield s, p, o, (None if str(g) == default else g)

    def __len__(self) -> int:
        where = self.quirks().data_only()
        rows = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {where} }}").rows
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def close(self) -> None:
        """Nothing to release: each request has its own connection."""

    # ------------------------------------------------------------------ loading

    def loaded_digests(self) -> set[str]:
        return digests_of(row[0] for row in self.query(DIGESTS_QUERY).rows)

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        """Add each file in one request, or one per graph (the server decides whether that
        is atomic)."""
        self.quirks()
        counts = []
        for f, reader in reading(files, progress):
            before = len(self)
            if self.per_graph:
                self._post_per_graph(f, reader.buffered())
            else:
                self._post_dataset(f, reader.buffered())
            counts.append(len(self) - before)
            reader.report(f.size, counts[-1], True)
        return counts

    def _quads(self, f: RdfFile, stream: Any) -> Iterator[Any]:
        """The file's quads, default-graph triples moved to :data:`DEFAULT_GRAPH`, then the
        quad that records the file."""
        import pyoxigraph as ox

        default = ox.NamedNode(DEFAULT_GRAPH)
        try:
            for q in ox.parse(input=stream, format=ox_format(f.fmt)):
                if isinstance(q.graph_name, ox.DefaultGraph):
                    q = ox.Quad(q.subject, q.predicate, q.object, default)
                yield q
        except SyntaxError as exc:
            raise parse_error(f.path, exc) from None
        yield from load_quads([(f.digest, f.path.name)])

    def _post_dataset(self, f: RdfFile, stream: Any) -> None:
        import pyoxigraph as ox

        quads = self._quads(f, stream)

        def body() -> Iterator[bytes]:
            batch: list[Any] = []
            for q in quads:
                batch.append(q)
                if len(batch) >= _BATCH:
                    yield ox.serialize(batch, format=ox.RdfFormat.N_QUADS) or b""
                    batch = []
            if batch:
                yield ox.serialize(batch, format=ox.RdfFormat.N_QUADS) or b""

        self._stored(self.store_url, body(), "application/n-quads", f)

    def _post_per_graph(self, f: RdfFile, stream: Any) -> None:
        import pyoxigraph as ox

        scratch = ox.Store()
        scratch.extend(self._quads(f, stream))
        for graph in sorted(scratch.named_graphs(), key=lambda g: g.value):
            data = scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph.value})}"
            self._stored(url, data, "application/n-triples", f)

    def _stored(self, url: str, data: Any, kind: str, f: RdfFile) -> None:
        """Send data to the Graph Store endpoint; a StoreError unless the server says it
        stored them (a success status with no HTML page in place of an answer)."""
        with self.client.send(url, data, {"Content-Type": kind},
                              what=f"load of {f.path}") as response:
            answer = response.headers.get_content_type()
            body = response.read(8000).decode("utf-8", "replace")
        if answer in ("text/html", "application/xhtml+xml") and "<html" in body.lower():
            raise StoreError(
                f"the SPARQL server at {url} answered the load of {f.path} with an HTML page "
                f"({html_text(body)[:200]}), not a Graph Store Protocol success, so nothing "
                f"says the data were stored. Set ${STORE_ENV} to the server's Graph Store "
                "endpoint (for Virtuoso http://HOST:PORT/sparql-graph-crud), or "
                f"${LOAD_ENV}=graph for one graph per request."
            )
