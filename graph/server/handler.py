"""The HTTP side of ``innograph serve``: one request in, one answer out."""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

from .. import worker
from ..errors import GraphError, InputError
from ..limits import MAX_BODY
from .pages import PAGE_POLICY, explorer_page, query_page
from .protocol import ALLOWED_METHODS, Refused, read_operation

if TYPE_CHECKING:  # pragma: no cover
    from .app import SparqlServer

__all__ = ["Handler", "host_of"]

# a Host header that can stand in a base IRI as it is
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def host_of(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower case.

    Examples
    --------
    >>> host_of("Example.org:8000"), host_of("[::1]:80")
    ('example.org', '[::1]')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Handler(BaseHTTPRequestHandler):
    """Answers the requests of one connection for the server."""

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
            raise Refused(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length > MAX_BODY:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                           f"the request body is over {MAX_BODY} bytes")
        if length < 0:
            raise Refused(HTTPStatus.BAD_REQUEST, "Content-Length is negative")
        return self.rfile.read(length) if length > 0 else b""

    def _params(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def do_GET(self) -> None:  # noqa: N802 - the http.server convention
        self._dispatch(post=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch(post=False)

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch(post=True)

    def _not_allowed(self) -> None:
        self._timer.cancel()
        self.close_connection = True
        try:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED,
                        f"{self.command} is not a method of this server; use {ALLOWED_METHODS}",
                        {"Allow": ALLOWED_METHODS})
        except OSError:
            pass

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def _dispatch(self, post: bool) -> None:
        self._timer.cancel()
        try:
            self._answer(post)
        except OSError:  # the client went away (or stalled) while being answered
            self.close_connection = True

    def _answer(self, post: bool) -> None:
        try:
            if not self.app.host_allowed(self.headers.get("Host")):
                raise Refused(HTTPStatus.MISDIRECTED_REQUEST,
                              "this server does not answer under the host name "
                               f"{host_of(self.headers.get('Host') or '')!r}; its operator can "
                               "add it with innograph serve --allow-host NAME")
            path, params = self._params()
            if path == "/sparql":
                self._sparql(params, post)
            elif path == "/" and not post:
                self._send(HTTPStatus.OK, query_page(self.app, params),
                           "text/html; charset=utf-8", {"Content-Security-Policy": PAGE_POLICY})
            elif path == "/explorer" and not post:
                self._send(HTTPStatus.OK, explorer_page(self.app, params),
                           "text/html; charset=utf-8")
            elif path == "/reconcile" or path.startswith("/reconcile/"):
                from ..reconcile import handle

                self._send(HTTPStatus.OK, *handle(self.app, path, params,
                                                  self._body() if post else b""))
            else:
                self._error(HTTPStatus.NOT_FOUND,
                            f"nothing at {path}; the endpoint is /sparql, the query page /, "
                            "the explorer /explorer")
        except Refused as exc:
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

    def _endpoint(self) -> str:
        """The endpoint's URL as the client named it: the base IRI of its requests."""
        host = (self.headers.get("Host") or "").strip()
        root = f"http://{host}" if _HOST.fullmatch(host) else self.app.url
        return root + "/sparql"

    def _sparql(self, params: dict[str, list[str]], post: bool) -> None:
        content_type = self.headers.get("Content-Type") or ""
        body = self._body() if post else b""
        op = read_operation(params, post, content_type, body)
        if op.update is not None:
            self.app.apply_update(op, self.headers.get("Authorization") or "", self._endpoint())
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")
            return
        job = self.app.answer_bytes(op, self.headers.get("Accept") or "", self._endpoint())
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
