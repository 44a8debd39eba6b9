"""The server of ``innograph serve``: options, limits, and queries and updates in workers."""

from __future__ import annotations

import hmac
import ipaddress
import math
import socket
import threading
from collections.abc import Callable, Sequence
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from .. import worker
from ..errors import InputError, QuerySyntaxError, StoreError
from ..guard import check_reach
from ..limits import LIMITS
from .answers import (
    CONTENT_TYPE,
    GRAPH_TYPES,
    RESULT_TYPES,
    TRUNCATED_HEADER,
    fit,
    negotiate,
    warm_up,
)
from .handler import Handler, host_of
from .protocol import Operation, Refused, located, run_query, with_base, with_dataset, with_using

if TYPE_CHECKING:  # pragma: no cover
    from ..kg import KnowledgeGraph
    from ..stores import QueryResult

__all__ = ["SparqlServer", "check_options"]


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
        handler = type("Handler", (Handler,), {"app": self, "timeout": self.idle_timeout})
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
        warm_up()
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
        host = host_of(header)
        return host in self.hosts or _is_address(host)

    # ------------------------------------------------------------------ running queries

    def _fork_guard(self) -> threading.Lock:
        if not self._state.acquire(timeout=self.timeout):
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                           "the server is busy applying an update; try again shortly",
                           {"Retry-After": "1"})
        return self._state

    def start_work(self, work: Callable[[], Any]) -> worker.Worker | None:
        """Start ``work`` in a worker process once a slot is free (None: in this process)."""
        if not self._running.acquire(timeout=2 * self.timeout):
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
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

    def over_limit(self, exc: StoreError) -> Refused:
        """The 503 for a query stopped at its time or memory limit."""
        if isinstance(exc, worker.MemoryLimitError):
            return Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"the query needed more than the memory limit of "
                            f"{self.memory_limit} MB and was stopped; narrow it (a LIMIT, "
                            "fewer joins, no ORDER BY over everything), or ask the operator to "
                            "raise --memory-limit")
        return Refused(HTTPStatus.SERVICE_UNAVAILABLE,
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

    def answer_bytes(self, op: Operation, accept: str, base: str) -> worker.Worker:
        """Start a query whose worker writes the serialised answer; the caller streams it.

        The query runs over the dataset the request gives (``op``), with ``base`` (the
        endpoint's URL) as the base of its relative IRIs.
        """
        sparql = op.query or ""
        self.check(sparql)
        text = with_base(with_dataset(sparql, op.default_graphs, op.named_graphs), base)
        store, rows, size = self.kg.store, self.max_results, self.max_bytes

        def work() -> tuple[bytes, dict[str, Any]]:
            result = run_query(store, text, sparql, rows)
            fmt = negotiate(accept, result.kind, op.requested)
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
            return data, {"status": 200, "type": CONTENT_TYPE[fmt] + "; charset=utf-8",
                          "headers": headers, "length": len(data)}

        job = self.start_work(work)
        assert job is not None
        return job

    def apply_update(self, op: Operation | str, authorization: str, base: str = "") -> None:
        """Run an update, if updates are allowed and the token matches.

        ``op`` is the update with the dataset the request gives (or the update text alone);
        ``base``, the endpoint's URL, is the base of its relative IRIs.
        """
        expected = f"Bearer {self.token}" if self.token else None
        if not self.allow_update or expected is None:
            raise Refused(HTTPStatus.FORBIDDEN,
                          "this endpoint is read-only: updates are refused. Start it with "
                          "`innograph serve --allow-update --token-file FILE` to accept them.")
        if not hmac.compare_digest(authorization.encode(), expected.encode()):
            raise Refused(HTTPStatus.FORBIDDEN,
                          "updates need the server's token: send `Authorization: Bearer T`.")
        if isinstance(op, str):
            op = Operation(update=op)
        sparql = op.update or ""
        self.check(sparql)
        text = with_using(sparql, op.default_graphs, op.named_graphs)
        text = with_base(text, base or self.url + "/sparql")
        with self._state:
            try:
                self.kg.update(text)
            except QuerySyntaxError as exc:
                raise located(exc, text.count("\n") - sparql.count("\n")) from None
            flush = getattr(getattr(self.kg.store, "ox", None), "flush", None)
            if getattr(self.kg.store, "path", None) is not None and flush is not None:
                flush()
