"""``innograph serve``: a read-only SPARQL 1.1 Protocol endpoint, a query page and the explorer.

Paths
    ``/sparql``
        The SPARQL 1.1 Protocol: ``GET ?query=``, ``POST`` form-encoded (``query=`` or
        ``update=``), ``POST`` with ``application/sparql-query`` or ``application/sparql-update``.
        Results by content negotiation (``Accept``, or a ``format`` parameter): SPARQL JSON, XML,
        CSV and TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD and RDF/XML for CONSTRUCT and
        DESCRIBE.
    ``/``
        A small query page: a form, the named queries, and the answer as a table.
    ``/explorer``
        The interactive explorer of the graph (``?view=actors|organisations|ego&focus=...``).

Protection
    The server binds to 127.0.0.1 unless told otherwise. It is read-only: updates are refused
    (403) unless it was started with ``allow_update`` and a token, and the request carries
    ``Authorization: Bearer <token>``. Each query runs in a worker thread with a time limit:
    a query that runs over is answered with 503 and a message, and the server goes on serving
    others. The worker is told to stop; Oxigraph cannot interrupt a running evaluation, so a
    query blocked inside one (a big sort or aggregate) finishes in the background, and while
    :data:`MAX_OVERRUNNING` such queries run, new ones get 503 at once. Rows (or triples)
    beyond ``max_results`` are cut, and the response says so in the ``X-Innograph-Truncated``
    header.

Examples
--------
>>> import graph, urllib.request
>>> server = SparqlServer(graph.load(), port=0)
>>> server.start()
>>> url = server.url + "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
>>> with urllib.request.urlopen(url) as response:
...     response.read()
b'{\\n  "head": {},\\n  "boolean": true\\n}\\n'
>>> server.stop()
"""

from __future__ import annotations

import hmac
import html
import threading
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from .errors import GraphError, InputError, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from .kg import KnowledgeGraph
    from .store import QueryResult

__all__ = ["MAX_OVERRUNNING", "SparqlServer", "negotiate"]

#: How many overrunning queries may still be running before new queries are refused.
MAX_OVERRUNNING = 4
#: The largest request body accepted (bytes).
MAX_BODY = 1 << 20
TRUNCATED_HEADER = "X-Innograph-Truncated"

#: Media types for SELECT and ASK results, and the format_result name of each.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: Media types for CONSTRUCT and DESCRIBE results.
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
_CONTENT_TYPE = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def negotiate(accept: str, kind: str, requested: str | None = None) -> str | None:
    """The result format for an ``Accept`` header (or a ``format`` parameter), or None.

    Examples
    --------
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
    'xml'
    >>> negotiate("*/*", "CONSTRUCT")
    'turtle'
    >>> negotiate("", "SELECT", requested="tsv")
    'tsv'
    >>> negotiate("image/png", "SELECT") is None
    True
    """
    table = GRAPH_TYPES if kind == "CONSTRUCT" else RESULT_TYPES
    if requested:
        name = requested.strip().lower()
        if name in table:
            return table[name]
        if name in table.values():
            return name
    default = "turtle" if kind == "CONSTRUCT" else "json"
    ranges = []
    for i, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, i, media))
    for _, _, media in sorted(ranges):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class SparqlServer:
    """The HTTP server over one knowledge graph.

    Parameters
    ----------
    kg : KnowledgeGraph
    host, port : where to listen (port 0: any free port)
    allow_update : bool
        Accept SPARQL updates (with the token).
    token : str, optional
        The bearer token that updates must carry; required with ``allow_update``.
    timeout : float
        Seconds a query may run.
    max_results : int
        Rows (or triples) returned at most.
    log : callable, optional
        Receives one line per request.
    """

    def __init__(
        self, kg: KnowledgeGraph, host: str = "127.0.0.1", port: int = 8000, *,
        allow_update: bool = False, token: str | None = None, timeout: float = 30.0,
        max_results: int = 10_000, log: Callable[[str], None] | None = None,
    ) -> None:
        if allow_update and not token:
            raise InputError("--allow-update needs --token T: updates must carry that token")
        if timeout <= 0 or max_results <= 0:
            raise InputError("--timeout and --max-results must be positive")
        self.kg = kg
        self.allow_update = allow_update
        self.token = token
        self.timeout = timeout
        self.max_results = max_results
        self.log = log
        self._lock = threading.Lock()
        self._overrunning = 0
        self._update_lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"app": self})
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as exc:
            raise StoreError(
                f"cannot listen on {host}:{port}: {exc.strerror}. Choose another --port."
            ) from None
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8000``."""
        host, port = self.httpd.server_address[:2]
        host = str(host)
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}"

    def serve_forever(self) -> None:
        """Serve until interrupted (or :meth:`stop`)."""
        try:
            self.httpd.serve_forever(poll_interval=0.2)
        finally:
            self.httpd.server_close()

    def start(self) -> None:
        """Serve in a background thread (for tests and notebooks)."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.1,),
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # ------------------------------------------------------------------ running queries

    def run(self, work: Callable[[Callable[[], bool]], Any]) -> Any:
        """Run ``work(cancelled)`` in a worker thread within the time limit."""
        with self._lock:
            if self._overrunning >= MAX_OVERRUNNING:
                raise _Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                               f"the server is busy with {self._overrunning} queries that ran "
                               "over their time limit; try again shortly",
                               {"Retry-After": str(int(self.timeout) + 1)})
        done = threading.Event()
        cancel = threading.Event()
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["value"] = work(cancel.is_set)
            except BaseException as exc:  # handed to the request thread
                box["error"] = exc
            finally:
                with self._lock:
                    done.set()
                    if box.get("abandoned"):
                        self._overrunning -= 1

        threading.Thread(target=target, daemon=True).start()
        if not done.wait(self.timeout):
            with self._lock:
                if not done.is_set():
                    box["abandoned"] = True
                    self._overrunning += 1
                    cancel.set()
                    raise _Refused(
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        f"the query ran over the time limit of {self.timeout:g} s and was "
                        "stopped; narrow it (a LIMIT, fewer joins, a more specific pattern), "
                        "or ask the operator to raise --timeout",
                    )
        if "error" in box:
            raise box["error"]
        return box["value"]

    def answer(self, sparql: str) -> QueryResult:
        """Run a query under the time limit and the result cap."""
        return self.run(lambda cancelled: self.kg.store.query(
            sparql, max_rows=self.max_results, cancel=cancelled))

    def apply_update(self, sparql: str, authorization: str) -> None:
        """Run an update, if updates are allowed and the token matches."""
        expected = f"Bearer {self.token}" if self.token else None
        if not self.allow_update or expected is None:
            raise _Refused(HTTPStatus.FORBIDDEN,
                           "this endpoint is read-only: updates are refused. Start it with "
                           "`innograph serve --allow-update --token T` to accept them.")
        if not hmac.compare_digest(authorization.encode(), expected.encode()):
            raise _Refused(HTTPStatus.FORBIDDEN,
                           "updates need the server's token: send `Authorization: Bearer T`.")
        with self._update_lock:
            self.run(lambda cancelled: self.kg.store.update(sparql))
        self.kg._index = None  # names may have changed


class _Handler(BaseHTTPRequestHandler):
    app: SparqlServer
    server_version = "innograph"

    def log_message(self, format: str, *args: Any) -> None:
        if self.app.log is not None:
            self.app.log(f"{self.address_string()} {format % args}")

    # ------------------------------------------------------------------ plumbing

    def _send(self, status: HTTPStatus, body: str | bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None):
        self._send(status, message.rstrip("\n") + "\n", "text/plain; charset=utf-8", headers)

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Refused(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length > MAX_BODY:
            raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                           f"the request body is over {MAX_BODY} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _params(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def do_GET(self) -> None:  # noqa: N802 - the http.server convention
        self._dispatch(post=False)

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch(post=True)

    def _dispatch(self, post: bool) -> None:
        path, params = self._params()
        try:
            if path == "/sparql":
                self._sparql(params, post)
            elif path == "/" and not post:
                self._page(params)
            elif path == "/explorer" and not post:
                self._explorer(params)
            elif path == "/reconcile" or path.startswith("/reconcile/"):
                from .reconcile import handle

                self._send(HTTPStatus.OK, *handle(self.app, path, params,
                                                  self._body() if post else b""))
            else:
                self._error(HTTPStatus.NOT_FOUND,
                            f"nothing at {path}; the endpoint is /sparql, the query page /, "
                            "the explorer /explorer")
        except _Refused as exc:
            self._error(exc.status, str(exc), exc.headers)
        except InputError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except GraphError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            pass

    # ------------------------------------------------------------------ /sparql

    def _sparql(self, params: dict[str, list[str]], post: bool) -> None:
        query = update = None
        if post:
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            body = self._body()
            if kind == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                             keep_blank_values=True)
                query = (form.get("query") or [None])[0]
                update = (form.get("update") or [None])[0]
                params = {**params, **form}
            elif kind == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            elif kind == "application/sparql-update":
                update = body.decode("utf-8", "replace")
            else:
                raise _Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "POST a form (query= or update=), application/sparql-query or "
                               "application/sparql-update")
        else:
            query = (params.get("query") or [None])[0]
            if params.get("update"):
                raise _Refused(HTTPStatus.BAD_REQUEST, "updates must be sent with POST")
        if update is not None:
            self.app.apply_update(update, self.headers.get("Authorization") or "")
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            return
        if not query:
            raise _Refused(HTTPStatus.BAD_REQUEST,
                           "give a query: /sparql?query=SELECT... (or POST it)")
        requested = (params.get("format") or params.get("output") or [None])[0]
        result = self.app.answer(query)
        fmt = negotiate(self.headers.get("Accept") or "", result.kind, requested)
        if fmt is None:
            offered = GRAPH_TYPES if result.kind == "CONSTRUCT" else RESULT_TYPES
            raise _Refused(HTTPStatus.NOT_ACCEPTABLE,
                           f"cannot answer a {result.kind} query in {self.headers.get('Accept')}; "
                           f"accept one of {', '.join(offered)}")
        headers = {}
        if result.truncated:
            headers[TRUNCATED_HEADER] = f"true; max-results={self.app.max_results}"
        self._send(HTTPStatus.OK, _serialise(result, fmt),
                   _CONTENT_TYPE[fmt] + "; charset=utf-8", headers)

    # ------------------------------------------------------------------ the page

    def _page(self, params: dict[str, list[str]]) -> None:
        kg = self.app.kg
        names = kg.named_queries()
        name = (params.get("name") or [""])[0]
        query = (params.get("query") or [""])[0]
        if name and not query:
            query = kg.named_query_text(name)
        answer = ""
        if query:
            try:
                answer = _html_result(self.app.answer(query), self.app.max_results)
            except _Refused as exc:
                answer = f'<p class="error">{html.escape(str(exc))}</p>'
            except GraphError as exc:
                answer = f'<pre class="error">{html.escape(str(exc))}</pre>'
        links = " ".join(
            f'<a href="/?name={urllib.parse.quote(n)}" title="{html.escape(q)}">{html.escape(n)}</a>'
            for n, q in names.items()
        )
        page = _PAGE.format(query=html.escape(query or _EXAMPLE), links=links, answer=answer)
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", {
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                       "form-action 'self'",
        })

    def _explorer(self, params: dict[str, list[str]]) -> None:
        render = getattr(self.app.kg, "render_html", None)
        if render is None:
            raise _Refused(HTTPStatus.NOT_IMPLEMENTED,
                           "the explorer is not part of this installation "
                           "(KnowledgeGraph.render_html is missing); use /sparql or /")
        view = (params.get("view") or ["actors"])[0]
        options: dict[str, Any] = {}
        if params.get("focus"):
            options["focus"] = params["focus"][0]
        if params.get("depth"):
            try:
                options["depth"] = int(params["depth"][0])
            except ValueError:
                raise InputError("depth must be a whole number") from None
        page = self.app.run(lambda cancelled: str(render(view, **options)))
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")


def _serialise(result: QueryResult, fmt: str) -> str:
    from .results import format_result

    if fmt == "rdfxml":
        assert result.graph is not None
        return result.graph.serialize(format="xml")
    return format_result(result, fmt)


def _html_result(result: QueryResult, cap: int) -> str:
    from .results import format_result, short

    if result.kind == "ASK":
        return f"<p>Answer: <strong>{'yes' if result.boolean else 'no'}</strong></p>"
    if result.kind == "CONSTRUCT":
        return f"<pre>{html.escape(format_result(result, 'turtle'))}</pre>"
    head = "".join(f"<th>{html.escape(v)}</th>" for v in result.vars)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(short(t))}</td>" for t in row) + "</tr>"
        for row in result.rows
    )
    n = len(result.rows)
    note = f" (cut at {cap})" if result.truncated else ""
    return (f"<p>{n} row{'s' if n != 1 else ''}{note}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


_EXAMPLE = """PREFIX schema: <https://schema.org/>
SELECT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>innograph SPARQL</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 70rem; color: #222; }}
textarea {{ width: 100%; font-family: ui-monospace, monospace; font-size: 0.9rem; }}
table {{ border-collapse: collapse; margin-top: 0.5rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }}
th {{ background: #f2f2f2; }}
.error {{ color: #a00; white-space: pre-wrap; }}
nav a {{ margin-right: 0.6rem; }}
</style></head>
<body>
<h1>innograph SPARQL</h1>
<p>The SPARQL 1.1 endpoint is <code>/sparql</code> (GET or POST; JSON, XML, CSV, TSV, Turtle,
N-Triples, JSON-LD by <code>Accept</code>). The explorer is at <a href="/explorer">/explorer</a>.</p>
<nav>Named queries: {links}</nav>
<form method="get" action="/">
<p><label for="query">Query</label></p>
<textarea id="query" name="query" rows="14">{query}</textarea>
<p><button type="submit">Run</button></p>
</form>
{answer}
</body></html>
"""
