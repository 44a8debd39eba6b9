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
    The server binds to 127.0.0.1 unless told otherwise, and answers only requests whose
    ``Host`` is an address, ``localhost`` or a name given with ``allowed_hosts`` (a page on
    another site cannot reach it through DNS rebinding). It is read-only: updates are refused
    (403) unless it was started with ``allow_update`` and a token, and the request carries
    ``Authorization: Bearer <token>``. ``SERVICE`` (federated queries) and ``LOAD`` reach only
    the URLs the operator listed (``allow_service``, ``allow_load``; none by default).

Limits
    Each query runs in a child process (see :mod:`graph.worker`) with a time limit
    (``timeout``) and a memory limit (``memory_limit``): a query that overruns either is
    killed and answered with 503 and a message, and stops consuming anything. At most
    ``max_running`` queries run at once; others wait for a free slot for up to twice
    ``timeout``, then get 503. Answers are cut at ``max_results`` rows (or triples) and at
    ``max_bytes`` bytes, and the ``X-Innograph-Truncated`` header says so; they are streamed to
    the client. A client must send its request line and headers within ``idle_timeout``
    seconds, and a connection idle that long is closed; at most ``max_connections``
    connections are served at once, further ones get 503 at once. Request bodies over
    :data:`MAX_BODY` bytes get 413.

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
import ipaddress
import math
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from . import worker
from .errors import GraphError, InputError, StoreError
from .guard import check_reach
from .limits import LIMITS, MAX_BODY

if TYPE_CHECKING:  # pragma: no cover
    from .kg import KnowledgeGraph
    from .stores import QueryResult

__all__ = ["LIMITS", "SparqlServer", "negotiate"]

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


def _positive(name: str, value: Any, *, whole: bool = False, most: float | None = None) -> None:
    """Refuse an option value that is not a positive (finite, whole) number."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok and whole:
        ok = float(value).is_integer()
    if not ok or not math.isfinite(value) or value <= 0 or (most is not None and value > most):
        bound = f" up to {most:g}" if most is not None else ""
        kind = "a whole number" if whole else "a number"
        raise InputError(f"--{name.replace('_', '-')} must be {kind} above 0{bound}; "
                         f"got {value!r}")


def check_options(port: Any, **limits: Any) -> None:
    """Check the port and the limits (see :data:`LIMITS`) before anything starts.

    Examples
    --------
    >>> check_options(8000, timeout=2.5)
    >>> check_options(99999)
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --port must be a whole number from 0 to 65535 (0: any free port); got 99999
    >>> check_options(8000, timeout=float("nan"))
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --timeout must be a number above 0 up to 86400; got nan
    """
    if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 65535:
        raise InputError(
            f"--port must be a whole number from 0 to 65535 (0: any free port); got {port!r}")
    for name, value in limits.items():
        if name in ("timeout", "idle_timeout"):
            _positive(name, value, most=86400)
        else:
            _positive(name, value, whole=True)


def _host_of(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class _HttpServer(ThreadingHTTPServer):
    """A threading HTTP server that serves at most ``max_connections`` connections at once."""

    daemon_threads = True
    max_connections = 64

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(self.max_connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; "
                                b"charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
                                b"the server has too many open connections; try again shortly\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that failed mid-way concerns only its client: no traceback."""

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


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
    max_bytes : int
        Bytes of an answer at most.
    memory_limit : int
        Megabytes a query may use on top of what the server holds.
    max_running, max_connections : int
        Queries running at once; connections served at once.
    idle_timeout : float
        Seconds a client has to send its request headers, and an idle connection stays open.
    allow_service, allow_load : list of str
        The IRIs that ``SERVICE`` may query and ``LOAD`` may fetch (``*`` at the end: a prefix).
    allowed_hosts : list of str
        Host names besides addresses and ``localhost`` under which the server answers (for
        a name that points at it, or a proxy in front of it).
    log : callable, optional
        Receives one line per request.
    """

    def __init__(
        self, kg: KnowledgeGraph, host: str = "127.0.0.1", port: int = 8000, *,
        allow_update: bool = False, token: str | None = None,
        timeout: float = LIMITS["timeout"], max_results: int = int(LIMITS["max_results"]),
        max_bytes: int = int(LIMITS["max_bytes"]), memory_limit: int = int(LIMITS["memory_limit"]),
        max_running: int = int(LIMITS["max_running"]),
        max_connections: int = int(LIMITS["max_connections"]),
        idle_timeout: float = LIMITS["idle_timeout"],
        allow_service: Sequence[str] = (), allow_load: Sequence[str] = (),
        allowed_hosts: Sequence[str] = (), log: Callable[[str], None] | None = None,
    ) -> None:
        if allow_update and not token:
            raise InputError("--allow-update needs a token: give --token-file FILE or set "
                             "$INNOGRAPH_TOKEN; updates must carry that token")
        check_options(port, timeout=timeout, max_results=max_results, max_bytes=max_bytes,
                      memory_limit=memory_limit, max_running=max_running,
                      max_connections=max_connections, idle_timeout=idle_timeout)
        self.kg = kg
        self.allow_update = allow_update
        self.token = token
        self.timeout = float(timeout)
        self.max_results = int(max_results)
        self.max_bytes = int(max_bytes)
        self.memory_limit = int(memory_limit)
        self.idle_timeout = float(idle_timeout)
        self.allow_service = list(allow_service)
        self.allow_load = list(allow_load)
        self.log = log
        self._running = threading.BoundedSemaphore(int(max_running))
        # held while the store changes (an update) and while a worker forks
        self._state = threading.Lock()
        handler = type("Handler", (_Handler,), {"app": self, "timeout": self.idle_timeout})
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        server_cls = type("Server", (_HttpServer,), {
            "max_connections": int(max_connections), "address_family": family})
        try:
            self.httpd = server_cls((host, port), handler)
        except OSError as exc:
            raise StoreError(
                f"cannot listen on {host}:{port}: {exc.strerror}. Choose another --port."
            ) from None
        except OverflowError:  # pragma: no cover - check_options keeps ports in range
            raise InputError(f"--port {port} is out of range (0 to 65535)") from None
        _warm_up()
        bound = str(self.httpd.server_address[0]).lower()
        self.hosts = {"localhost", bound, f"[{bound}]", *(h.lower() for h in allowed_hosts)}
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

    def host_allowed(self, header: str | None) -> bool:
        """Whether a request with this ``Host`` header is for this server (not rebound DNS)."""
        if not header:
            return True
        host = _host_of(header)
        return host in self.hosts or _is_address(host)

    # ------------------------------------------------------------------ running queries

    def _fork_guard(self) -> threading.Lock:
        if not self._state.acquire(timeout=self.timeout):
            raise _Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                           "the server is busy applying an update; try again shortly",
                           {"Retry-After": "1"})
        return self._state

    def start_work(self, work: Callable[[], Any]) -> worker.Worker | None:
        """Start ``work`` in a worker process once a slot is free (None: in this process)."""
        if not self._running.acquire(timeout=2 * self.timeout):
            raise _Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                           "the server is busy: all its query slots ran for the whole time "
                           "limit; try again shortly",
                           {"Retry-After": str(int(self.timeout) + 1)})
        store = self.kg.store

        def in_child() -> Any:
            reopen = getattr(store, "reopen_read_only", None)
            if reopen is not None:
                reopen()
            return work()

        try:
            return worker.Worker(in_child, timeout=self.timeout,
                                 memory=self.memory_limit << 20, before_fork=self._fork_guard)
        except BaseException:
            self._running.release()
            raise

    def finish_work(self, job: worker.Worker) -> None:
        """Stop a worker (if it still runs) and free its slot."""
        job.stop()
        self._running.release()

    def over_limit(self, exc: StoreError) -> _Refused:
        """The 503 for a query stopped at its time or memory limit."""
        if isinstance(exc, worker.MemoryLimitError):
            return _Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"the query needed more than the memory limit of "
                            f"{self.memory_limit} MB and was stopped; narrow it (a LIMIT, "
                            "fewer joins, no ORDER BY over everything), or ask the operator to "
                            "raise --memory-limit")
        return _Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                        f"the query ran over the time limit of {self.timeout:g} s and was "
                        "stopped; narrow it (a LIMIT, fewer joins, a more specific pattern), "
                        "or ask the operator to raise --timeout")

    def run(self, work: Callable[[], Any]) -> Any:
        """Run ``work()`` in a worker under the limits; what it returns."""
        job = self.start_work(work)
        assert job is not None
        try:
            value = job.head()
            if job.has_payload:
                return b"".join(job.payload()), value
            return value
        except (worker.TimeLimitError, worker.MemoryLimitError) as exc:
            raise self.over_limit(exc) from None
        finally:
            self.finish_work(job)

    def check(self, sparql: str) -> None:
        """Refuse SERVICE and LOAD targets that the operator did not allow."""
        check_reach(sparql, self.allow_service, self.allow_load)

    def answer(self, sparql: str) -> QueryResult:
        """Run a query under the limits (in a worker) and return its result."""
        self.check(sparql)
        store, cap = self.kg.store, self.max_results
        return self.run(lambda: store.query(sparql, max_rows=cap))

    def answer_bytes(self, sparql: str, accept: str, requested: str | None) -> worker.Worker:
        """Start a query whose worker writes the serialised answer; the caller streams it."""
        self.check(sparql)
        store, rows, size = self.kg.store, self.max_results, self.max_bytes

        def work() -> tuple[bytes, dict[str, Any]]:
            result = store.query(sparql, max_rows=rows)
            fmt = negotiate(accept, result.kind, requested)
            if fmt is None:
                offered = GRAPH_TYPES if result.kind == "CONSTRUCT" else RESULT_TYPES
                message = (f"cannot answer a {result.kind} query in {accept}; accept one of "
                           f"{', '.join(offered)}\n")
                return message.encode(), {"status": 406, "type": "text/plain; charset=utf-8"}
            data, cut = fit(result, fmt, size)
            headers = {}
            if result.truncated or cut:
                headers[TRUNCATED_HEADER] = (f"true; max-bytes={size}" if cut
                                             else f"true; max-results={rows}")
            return data, {"status": 200, "type": _CONTENT_TYPE[fmt] + "; charset=utf-8",
                          "headers": headers, "length": len(data)}

        job = self.start_work(work)
        assert job is not None
        return job

    def apply_update(self, sparql: str, authorization: str) -> None:
        """Run an update, if updates are allowed and the token matches."""
        expected = f"Bearer {self.token}" if self.token else None
        if not self.allow_update or expected is None:
            raise _Refused(HTTPStatus.FORBIDDEN,
                           "this endpoint is read-only: updates are refused. Start it with "
                           "`innograph serve --allow-update --token-file FILE` to accept them.")
        if not hmac.compare_digest(authorization.encode(), expected.encode()):
            raise _Refused(HTTPStatus.FORBIDDEN,
                           "updates need the server's token: send `Authorization: Bearer T`.")
        self.check(sparql)
        with self._state:
            self.kg.store.update(sparql)
            flush = getattr(getattr(self.kg.store, "ox", None), "flush", None)
            if getattr(self.kg.store, "path", None) is not None and flush is not None:
                flush()
        self.kg._index = None  # names may have changed


def _warm_up() -> None:
    """Import and exercise, once, what workers use to write answers: a worker is a fork of this
    process, and what it imports or builds for itself is lost when it ends."""
    from rdflib import Graph, Literal, URIRef

    from .stores import QueryResult, term_converter

    term_converter()
    g = Graph()
    g.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("o")))
    select = QueryResult("SELECT", ["s"], [(URIRef("urn:x:s"),)])
    for name in ("json", "xml", "csv", "tsv"):
        fit(select, name, 1 << 20)
    for name in ("turtle", "ntriples", "jsonld", "rdfxml"):
        fit(QueryResult("CONSTRUCT", graph=g), name, 1 << 20)
    _html_result(select, 1, 1 << 20)


def fit(result: QueryResult, fmt: str, max_bytes: int) -> tuple[bytes, bool]:
    """The result serialised in ``fmt``, cut to at most ``max_bytes``; and whether it was cut.

    Rows (or triples) are dropped from the end until the answer fits; the size of each row is
    estimated first, so a result far over the cap is never serialised whole.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from graph.stores import QueryResult
    >>> r = QueryResult("SELECT", ["x"], [(Literal("a" * 100),)] * 10)
    >>> data, cut = fit(r, "csv", 500)
    >>> cut, len(data) <= 500, data.count(b"\\n")
    (True, True, 5)
    """
    from dataclasses import replace

    from rdflib import Graph

    data = _serialise(result, fmt).encode("utf-8") if _small(result, max_bytes) else None
    if data is not None and len(data) <= max_bytes:
        return data, False
    if result.kind == "ASK":  # pragma: no cover - an ASK answer is a few bytes
        assert data is not None
        return data, False
    items: list[Any] = (list(result.rows) if result.kind == "SELECT"
                        else sorted(result.graph or ()))
    keep, total = 0, 0
    for item in items:
        total += sum(len(str(t)) + 8 for t in item if t is not None) + 8
        if total > max_bytes:
            break
        keep += 1
    while True:
        if result.kind == "SELECT":
            part = replace(result, rows=items[:keep])
        else:
            g = Graph()
            for t in items[:keep]:
                g.add(t)
            part = replace(result, graph=g)
        data = _serialise(part, fmt).encode("utf-8")
        if len(data) <= max_bytes or keep == 0:
            return (data if len(data) <= max_bytes else b""), True
        keep = keep * max_bytes // len(data) if keep * max_bytes // len(data) < keep else keep - 1


def _small(result: QueryResult, max_bytes: int) -> bool:
    """Whether a result is small enough (estimated) to serialise whole before checking."""
    if result.kind == "ASK":
        return True
    items: Any = result.rows if result.kind == "SELECT" else (result.graph or ())
    total = 0
    for item in items:
        total += sum(len(str(t)) for t in item if t is not None)
        if total > max_bytes:
            return False
    return True


class _Handler(BaseHTTPRequestHandler):
    app: SparqlServer
    server_version = "innograph"

    def setup(self) -> None:
        super().setup()
        # the whole request line and headers must arrive within the idle time
        self._timer = threading.Timer(self.app.idle_timeout, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def finish(self) -> None:
        self._timer.cancel()
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:
        if self.app.log is not None:
            self.app.log(f"{self.address_string()} {format % args}")

    # ------------------------------------------------------------------ plumbing

    def _head(self, status: HTTPStatus | int, content_type: str, length: int | None,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()

    def _send(self, status: HTTPStatus | int, body: str | bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self._head(status, content_type, len(data), headers)
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
        if length < 0:
            raise _Refused(HTTPStatus.BAD_REQUEST, "Content-Length is negative")
        return self.rfile.read(length) if length > 0 else b""

    def _params(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def do_GET(self) -> None:  # noqa: N802 - the http.server convention
        self._dispatch(post=False)

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch(post=True)

    def _dispatch(self, post: bool) -> None:
        self._timer.cancel()
        try:
            self._answer(post)
        except OSError:  # the client went away (or stalled) while being answered
            self.close_connection = True

    def _answer(self, post: bool) -> None:
        try:
            if not self.app.host_allowed(self.headers.get("Host")):
                raise _Refused(HTTPStatus.MISDIRECTED_REQUEST,
                               "this server does not answer under the host name "
                               f"{_host_of(self.headers.get('Host') or '')!r}; its operator can "
                               "add it with innograph serve --allow-host NAME")
            path, params = self._params()
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
        except (worker.TimeLimitError, worker.MemoryLimitError) as exc:
            refused = self.app.over_limit(exc)
            self._error(refused.status, str(refused))
        except InputError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except GraphError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
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
                query = next(iter(form.get("query") or ()), None)
                update = next(iter(form.get("update") or ()), None)
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
            query = next(iter(params.get("query") or ()), None)
            if params.get("update"):
                raise _Refused(HTTPStatus.BAD_REQUEST, "updates must be sent with POST")
        if update is not None:
            self.app.apply_update(update, self.headers.get("Authorization") or "")
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            return
        if not query:
            raise _Refused(HTTPStatus.BAD_REQUEST,
                           "give a query: /sparql?query=SELECT... (or POST it)")
        requested = next(iter(params.get("format") or params.get("output") or ()), None)
        job = self.app.answer_bytes(query, self.headers.get("Accept") or "", requested)
        try:
            try:
                meta = job.head()
            except (worker.TimeLimitError, worker.MemoryLimitError) as exc:
                raise self.app.over_limit(exc) from None
            job.deadline = time.monotonic() + self.app.timeout
            self._head(meta["status"], meta["type"], meta.get("length"), meta.get("headers"))
            for chunk in job.payload():
                if self.command != "HEAD":
                    self.wfile.write(chunk)
        finally:
            self.app.finish_work(job)

    # ------------------------------------------------------------------ the page

    def _page(self, params: dict[str, list[str]]) -> None:
        kg = self.app.kg
        names = kg.named_queries()
        name = (params.get("name") or [""])[0]
        query = (params.get("query") or [""])[0]
        answer = ""
        if name and not query:
            if name in names:
                query = kg.named_query_text(name)
            else:
                answer = (f'<p class="error">There is no named query {html.escape(name)!r}; '
                          "choose one of the links above.</p>")
        if query:
            cap = self.app.max_results
            try:
                answer = self.app.run(lambda: _html_result(
                    self.app.kg.store.query(query, max_rows=cap), cap, self.app.max_bytes))
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
            if not 0 <= options["depth"] <= 10:
                raise InputError("depth must be from 0 to 10")
        page = self.app.run(lambda: str(render(view, **options)))
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")


def _serialise(result: QueryResult, fmt: str) -> str:
    from .results import format_result

    if fmt == "rdfxml":
        assert result.graph is not None
        return result.graph.serialize(format="xml")
    return format_result(result, fmt)


def _html_result(result: QueryResult, cap: int, max_bytes: int) -> str:
    from .results import short

    if result.kind == "ASK":
        return f"<p>Answer: <strong>{'yes' if result.boolean else 'no'}</strong></p>"
    if result.kind == "CONSTRUCT":
        data, cut = fit(result, "turtle", max_bytes)
        note = f"<p>(cut at {max_bytes} bytes)</p>" if cut else ""
        return f"{note}<pre>{html.escape(data.decode('utf-8', 'replace'))}</pre>"
    head = "".join(f"<th>{html.escape(v)}</th>" for v in result.vars)
    cells, size = [], 0
    for row in result.rows:
        cell = "<tr>" + "".join(f"<td>{html.escape(short(t))}</td>" for t in row) + "</tr>"
        size += len(cell)
        if size > max_bytes:
            break
        cells.append(cell)
    body = "".join(cells)
    n = len(cells)
    note = (f" (cut at {cap})" if result.truncated and n == len(result.rows)
            else f" (cut at {max_bytes} bytes)" if n < len(result.rows) else "")
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
