"""The review server: one draft, one page, on 127.0.0.1, for the holder of a random token.

Paths
    ``GET /?token=T``
        The review page (self-contained: its CSS, JS and data are inlined).
    ``GET /api/state``
        The draft as it is on disk now (JSON), with its version.
    ``GET /api/search?q=NAME``
        Entities of the graph named like ``NAME`` (any name or spelling), for linking.
    ``POST /api/change``
        ``{"version": V, "change": {...}}``: one decision (see :mod:`graph.review.draft`),
        written to the draft at once. 409 when the draft is no longer version ``V``.

Protection
    Every path needs the token: the page in its ``token`` parameter, the API in the
    ``X-Review-Token`` header (which a cross-site form cannot send, and no CORS header lets a
    cross-site script send). A change must also come from the server's own page: its ``Origin``
    (and ``Sec-Fetch-Site``, when sent) must be this server. The ``Host`` header must name
    127.0.0.1 or localhost, so that another site's domain pointed at this address gets nothing.
    Nothing but the page and these answers is served. The page carries a Content Security
    Policy that lets only its own script and style run and connect only to this server.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from ..errors import GraphError, InputError
from .draft import Draft, VersionConflict
from .page import render_review_page

if TYPE_CHECKING:  # pragma: no cover
    from ..kg import KnowledgeGraph

__all__ = ["MAX_BODY", "TOKEN_HEADER", "ReviewServer"]

#: The header that carries the token on API requests.
TOKEN_HEADER = "X-Review-Token"
#: The largest change accepted (bytes).
MAX_BODY = 1 << 20
#: Most answers of a search.
MAX_HITS = 20


class ReviewServer:
    """Serve the review page of one draft.

    Parameters
    ----------
    draft : Draft
        The draft and its source text.
    kg : KnowledgeGraph, optional
        The graph whose labels name linked entities and answer searches (no search without it).
    port : int
        0 picks a free port.
    token : str, optional
        The secret the page and the API need (default: a random one).
    log : callable, optional
        Called with a line per request.

    Examples
    --------
    >>> import tempfile, urllib.request
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "d.txt").write_text("Kari Nordmann", encoding="utf-8")
    >>> _ = (folder / "d.claims.toml").write_text(
    ...     'format = 1\\n[source]\\nid = "d"\\ntext = "d.txt"\\n', encoding="utf-8")
    >>> server = ReviewServer(Draft(folder / "d.claims.toml"), port=0)
    >>> server.start()
    >>> with urllib.request.urlopen(server.url) as response:
    ...     response.status, response.headers["Content-Security-Policy"].startswith("default-src")
    (200, True)
    >>> server.stop()
    """

    def __init__(self, draft: Draft, kg: KnowledgeGraph | None = None, *, port: int = 0,
                 token: str | None = None, log: Callable[[str], None] | None = None) -> None:
        self.draft = draft
        self.kg = kg
        self.token = token or secrets.token_urlsafe(24)
        self.log = log
        self.lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"app": self})
        try:
            self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError as exc:
            raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc}; choose another "
                             "--port, or --port 0 for a free one") from None
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The page's address, with the token."""
        return f"{self.origin}/?token={self.token}"

    def label(self, iri: str) -> str:
        """The graph's label of an IRI ("" without a graph or a label)."""
        if self.kg is None:
            return ""
        return self.kg.index.label(iri) or ""

    def state(self) -> dict[str, Any]:
        """The draft as the page shows it."""
        return self.draft.state(self.label)

    def search(self, text: str) -> list[dict[str, str]]:
        """Entities named like ``text``, sorted by label."""
        if self.kg is None or not text.strip():
            return []
        return [{"iri": m.iri, "label": m.label, "matched": m.matched}
                for m in self.kg.find(text)[:MAX_HITS]]

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self.httpd.serve_forever()

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join()


class _Handler(BaseHTTPRequestHandler):
    app: ReviewServer
    server_version = "innograph-review"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        if self.app.log is not None:
            self.app.log(f"{self.address_string()} {format % args}")

    # ------------------------------------------------------------------ answers

    def _send(self, status: int, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        if self.path.startswith("/api/"):
            self._json(status, {"error": message})
        else:
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        return host in (f"127.0.0.1:{self.app.port}", f"localhost:{self.app.port}")

    def _token_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(str(given), self.app.token)

    # ------------------------------------------------------------------ methods

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        if not self._host_ok():
            return self._error(421, "this server answers only for 127.0.0.1 and localhost")
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/":
            if not self._token_ok((query.get("token") or [""])[0]):
                return self._error(403, "open the address the review command printed: it "
                                        "carries the token")
            try:
                html, csp = render_review_page(self.app.state(), self.app.draft.text,
                                               self.app.token)
            except GraphError as exc:
                return self._error(500, f"cannot read the draft: {exc}")
            return self._send(200, html.encode("utf-8"), "text/html; charset=utf-8",
                              {"Content-Security-Policy": csp})
        if url.path not in ("/api/state", "/api/search"):
            return self._error(404, "not found: this server serves the review page and its API")
        if not self._token_ok(self.headers.get(TOKEN_HEADER)):
            return self._error(403, f"the {TOKEN_HEADER} header is missing or wrong")
        if url.path == "/api/state":
            try:
                return self._json(200, self.app.state())
            except GraphError as exc:
                return self._error(500, f"cannot read the draft: {exc}")
        return self._json(200, self.app.search((query.get("q") or [""])[0][:200]))

    def do_HEAD(self) -> None:  # noqa: N802
        self._error(405, "use GET or POST")

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return self._error(421, "this server answers only for 127.0.0.1 and localhost")
        if self.path != "/api/change":
            return self._error(404, "not found: changes go to /api/change")
        if self.headers.get("Origin") != self.app.origin:
            return self._error(403, "changes are accepted only from the review page itself "
                                    "(the Origin header must be this server)")
        if self.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            return self._error(403, "changes are accepted only from the review page itself")
        if not self._token_ok(self.headers.get(TOKEN_HEADER)):
            return self._error(403, f"the {TOKEN_HEADER} header is missing or wrong")
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            return self._error(415, "send the change as application/json")
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return self._error(413, f"a change is between 1 byte and {MAX_BODY} bytes")
        try:
            body = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return self._error(400, f"the change is not JSON: {exc}")
        if not isinstance(body, dict):
            return self._error(400, 'send {"version": ..., "change": {...}}')
        with self.app.lock:
            try:
                version = self.app.draft.apply(body.get("change"), body.get("version"))
            except VersionConflict as exc:
                return self._json(409, {"error": str(exc), "version": self.app.draft.version()})
            except InputError as exc:
                return self._error(400, str(exc))
            except GraphError as exc:
                return self._error(500, str(exc))
            except OSError as exc:
                return self._error(500, f"the draft could not be written: {exc}")
            state = self.app.state()
        state["version"] = version
        self._json(200, state)
