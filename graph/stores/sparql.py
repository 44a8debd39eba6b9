"""The ``sparql:URL`` store: any SPARQL 1.1 Protocol and Graph Store Protocol server.

Queries and updates go over the SPARQL 1.1 Protocol (HTTP POST, form-encoded); files are added
over the Graph Store Protocol (HTTP POST of N-Quads to the dataset, or of N-Triples to each
graph for servers that only take one graph at a time). Only the standard library speaks HTTP.

Endpoints
    ``sparql:URL`` names the query endpoint. The update and Graph Store endpoints are found
    beside it: for a URL ending in ``/query`` (Oxigraph, ``oxigraph serve``) they are
    ``/update`` and ``/store``; for one ending in ``/sparql`` (Apache Jena Fuseki) ``/update``
    and ``/data``; for a bare server URL (``http://localhost:7878``) ``/query``, ``/update``
    and ``/store`` are added. ``INNOGRAPH_SPARQL_UPDATE_URL`` and ``INNOGRAPH_SPARQL_STORE_URL``
    override them.

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
    and gives them back as the default graph from :meth:`SparqlStore.quads`. A server whose
    default graph is not a union is detected on the first empty answer, with a StoreError
    that says how to fix it.

Bindings
    The protocol has no parameter for variable bindings, so this is the one store that writes
    them into the query: as a ``VALUES`` block appended to it, built from N-Triples terms
    escaped here (quotes, backslashes, line breaks), with IRIs, language tags and variable
    names checked first. A value cannot end the block early or add to the query. A query
    that has its own trailing ``VALUES`` block cannot take bindings on this store.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import InputError, QuerySyntaxError, StoreError
from ..resources import ID
from .base import QueryResult
from .checks import check_bindings, check_text, printable, query_error, unprojected
from .loading import (
    DIGESTS_QUERY,
    FileLoading,
    Progress,
    RdfFile,
    digests_of,
    load_quads,
    parse_error,
    reading,
)
from .terms import graph_result, ox_format, ox_result, term_converter

if TYPE_CHECKING:  # pragma: no cover

    from rdflib.term import Node

__all__ = ["DEFAULT_GRAPH", "SparqlStore", "endpoints", "values_clause"]

#: The named graph that holds the default-graph triples of files loaded into a SPARQL server.
DEFAULT_GRAPH = ID + "graph/default"

USER_ENV, PASSWORD_ENV, TOKEN_ENV = (
    "INNOGRAPH_SPARQL_USER", "INNOGRAPH_SPARQL_PASSWORD", "INNOGRAPH_SPARQL_TOKEN",
)
UPDATE_ENV, STORE_ENV, TIMEOUT_ENV = (
    "INNOGRAPH_SPARQL_UPDATE_URL", "INNOGRAPH_SPARQL_STORE_URL", "INNOGRAPH_SPARQL_TIMEOUT",
)

_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5"
)
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LANG = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_BATCH = 20_000


def endpoints(url: str) -> tuple[str, str, str]:
    """The query, update and Graph Store endpoints for a ``sparql:URL`` (credentials removed).

    Examples
    --------
    >>> endpoints("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
    >>> endpoints("https://u:p@example.org/ds/sparql")[1:]
    ('https://example.org/ds/update', 'https://example.org/ds/data')
    >>> endpoints("http://127.0.0.1:7878")[0]
    'http://127.0.0.1:7878/query'
    """
    if re.search(r"[\x00-\x20\x7f]", url):
        raise InputError(
            f"sparql:{printable(_public(url))} holds a space or a control character; "
            "percent-encode it (%20 for a space)"
        )
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(
            f"sparql:{printable(_public(url))} is not a valid URL ({exc}); give the query "
            "endpoint, e.g. sparql:http://127.0.0.1:7878/query or sparql:http://[::1]:7878/query"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"sparql:{printable(_public(url))} is not an http(s) URL; give the query endpoint, "
            "e.g. sparql:http://127.0.0.1:7878/query"
        )
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port:
        netloc += f":{port}"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last in ("query", "sparql"):
        base = clean[: clean.rindex(last)]
        query, graphs = clean, ("store" if last == "query" else "data")
    else:
        base = clean.rstrip("/") + "/"
        query, graphs = base + "query", "store"
    return (
        query,
        os.environ.get(UPDATE_ENV) or base + "update",
        os.environ.get(STORE_ENV) or base + graphs,
    )


def _public(url: str) -> str:
    """A URL without its user name and password (even a URL that does not parse).

    Examples
    --------
    >>> _public("http://u:p@[::1/query")
    'http://[::1/query'
    """
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", r"\1", url)


def nt_term(term: Node) -> str:
    """An rdflib IRI or literal in N-Triples (and SPARQL) syntax, checked and escaped.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> print(nt_term(Literal('a "b" }\\nc', lang="en")))
    "a \\"b\\" }\\nc"@en
    >>> nt_term(URIRef("http://example.org/a b"))
    Traceback (most recent call last):
    ...
    graph.errors.InputError: cannot bind <http://example.org/a b>: an IRI may not hold spaces, quotes, braces, angle brackets or backslashes
    """
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        if _BAD_IRI.search(str(term)):
            raise InputError(
                f"cannot bind <{term}>: an IRI may not hold spaces, quotes, braces, angle "
                "brackets or backslashes"
            )
        return f"<{term}>"
    if isinstance(term, BNode):
        raise InputError(
            "cannot bind a blank node on a SPARQL server: its label means nothing outside one "
            "request; bind an IRI or a literal"
        )
    if not isinstance(term, Literal):
        term = Literal(term)
    text = (
        str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    if term.language:
        if not _LANG.fullmatch(term.language):
            raise InputError(f"cannot bind a literal with the language tag {term.language!r}")
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^{nt_term(term.datatype)}'
    return f'"{text}"'


def values_clause(bindings: Mapping[str, Node]) -> str:
    """The ``VALUES`` block that binds variables on a SPARQL server (appended to a query).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> print(values_clause({"p": URIRef("http://example.org/p"), "n": Literal("x")}).strip())
    VALUES (?p ?n) { (<http://example.org/p> "x") }
    """
    for name in bindings:
        if not _VARNAME.fullmatch(name):
            raise InputError(f"cannot bind {name!r}: not a SPARQL variable name")
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(nt_term(v) for v in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


class SparqlStore(FileLoading):
    """A SPARQL 1.1 Protocol and Graph Store Protocol server (see the module notes).

    Parameters
    ----------
    url : str
        The query endpoint, optionally with ``user:password@``.
    update_url, store_url : str, optional
        The update and Graph Store endpoints, when not beside the query endpoint.
    per_graph : bool
        Load one graph per request (plain Graph Store Protocol) instead of whole datasets.
    timeout : float, optional
        Seconds to wait for a response (default: ``$INNOGRAPH_SPARQL_TIMEOUT``, else 600).
    """

    def __init__(
        self, url: str, update_url: str | None = None, store_url: str | None = None,
        *, per_graph: bool = False, timeout: float | None = None,
    ) -> None:
        self.query_url, update, store = endpoints(url)
        self.update_url = update_url or update
        self.store_url = store_url or store
        self.name = f"sparql:{self.query_url}"
        self.per_graph = per_graph
        self.timeout = timeout or float(os.environ.get(TIMEOUT_ENV) or 600)
        parts = urllib.parse.urlsplit(url)
        user = urllib.parse.unquote(parts.username) if parts.username else None
        password = urllib.parse.unquote(parts.password or "") if parts.username else None
        user = user or os.environ.get(USER_ENV)
        password = password if password is not None else os.environ.get(PASSWORD_ENV, "")
        token = os.environ.get(TOKEN_ENV)
        self._auth: str | None = None
        if token:
            self._auth = f"Bearer {token}"
        elif user:
            pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            self._auth = f"Basic {pair}"
        self._union_checked = False

    # ------------------------------------------------------------------ HTTP

    def _send(self, url: str, data: Any = None, headers: Mapping[str, str] | None = None,
              *, what: str = "request", sparql: str = "") -> Any:
        headers = dict(headers or {})
        if self._auth:
            headers["Authorization"] = self._auth
        request = urllib.request.Request(url, data=data, headers=headers,
                                         method="POST" if data is not None else "GET")
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc, url, what, sparql) from None
        except urllib.error.URLError as exc:
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise StoreError(
                f"cannot reach the SPARQL server at {url}: {reason}. Start the server, or fix "
                "the URL (--store sparql:URL or $INNOGRAPH_STORE)."
            ) from None
        except TimeoutError:
            raise StoreError(
                f"the SPARQL server at {url} did not answer within {self.timeout:g} s; "
                f"raise ${TIMEOUT_ENV}, or simplify the {what}"
            ) from None
        except (http.client.HTTPException, OSError) as exc:
            raise StoreError(
                f"the SPARQL server at {url} dropped the connection during the {what} "
                f"({type(exc).__name__}: {exc}); check the server and its logs, then try again"
            ) from None

    def _http_error(self, exc: urllib.error.HTTPError, url: str, what: str,
                    sparql: str) -> Exception:
        try:
            body = exc.read(4000).decode("utf-8", "replace").strip()
        except OSError:  # pragma: no cover - a connection dropped mid-error
            body = ""
        message = body or exc.reason or ""
        code = exc.code
        if code == 400 and sparql:
            err = query_error(message, sparql)
            return QuerySyntaxError(f"the SPARQL server at {url} rejected the {what}: {err}",
                                    err.line, err.column)
        if code in (401, 403):
            return StoreError(
                f"the SPARQL server at {url} refused the {what} (HTTP {code}): {message}. "
                f"Give credentials: sparql:https://USER:PASSWORD@host/..., or ${USER_ENV} and "
                f"${PASSWORD_ENV}, or a token in ${TOKEN_ENV}."
            )
        if code == 404:
            return StoreError(
                f"no SPARQL endpoint at {url} (HTTP 404). Give the query endpoint, e.g. "
                f"sparql:http://127.0.0.1:7878/query, or set ${UPDATE_ENV} / ${STORE_ENV}."
            )
        return StoreError(f"the SPARQL server at {url} failed the {what} (HTTP {code}): {message}")

    def _post_query(self, sparql: str) -> Any:
        data = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        return self._send(self.query_url, data, {
            "Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded",
        }, what="query", sparql=sparql)

    # ------------------------------------------------------------------ querying

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:

        check_text(sparql)
        check_bindings(bindings)
        text = sparql + values_clause(bindings) if bindings else sparql
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

        with self._post_query(text) as response:
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
        return result

    def _ask(self, sparql: str) -> bool:
        import pyoxigraph as ox

        with self._post_query(sparql) as response:
            return bool(ox.parse_query_results(response, format=ox.QueryResultsFormat.JSON))

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
        data = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
        self._send(self.update_url, data, {
            "Content-Type": "application/x-www-form-urlencoded",
        }, what="update", sparql=sparql).close()

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        default = DEFAULT_GRAPH
        for s, p, o, g in self.query(_QUADS).rows:
            yield s, p, o, (None if str(g) == default else g)

    def __len__(self) -> int:
        rows = self.query(_COUNT).rows
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def close(self) -> None:
        """Nothing to release: each request has its own connection."""

    # ------------------------------------------------------------------ loading

    def loaded_digests(self) -> set[str]:
        return digests_of(row[0] for row in self.query(DIGESTS_QUERY).rows)

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        """Add each file in one request (the server decides whether that is atomic)."""
        counts = []
        for f, reader in reading(files, progress):
            before = len(self)
            if self.per_graph:
                self._post_per_graph(f, reader.buffered())
            else:
                self._post_dataset(f, reader.buffered())
            counts.append(len(self) - before - 1)
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

        self._send(self.store_url, body(), {"Content-Type": "application/n-quads"},
                   what=f"load of {f.path}").close()

    def _post_per_graph(self, f: RdfFile, stream: Any) -> None:
        import pyoxigraph as ox

        scratch = ox.Store()
        scratch.extend(self._quads(f, stream))
        for graph in sorted(scratch.named_graphs(), key=lambda g: g.value):
            data = scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph.value})}"
            self._send(url, data, {"Content-Type": "application/n-triples"},
                       what=f"load of {f.path}").close()
