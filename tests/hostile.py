"""What the hostile-input tests share: a loopback server that records what reaches it, files
crafted to hurt parsers, and the child processes of a process."""

from __future__ import annotations

import os
import socket
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EMPTY_RESULTS = b'{"head": {"vars": []}, "results": {"bindings": []}}'
# Every triple with every triple with every triple: about 1,100^3 combinations on the packaged
# graph; counting them runs for minutes and holds almost no memory.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# The same product sorted: the sort must hold every combination, so memory grows without bound.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
PERSONS = """PREFIX schema: <https://schema.org/>
SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"""


class Recorder:
    """A loopback HTTP server that records every request and answers with empty results
    (``drop=True``: accepts connections and closes them without a word)."""

    def __init__(self, drop: bool = False) -> None:
        self.requests: list[tuple[str, str]] = []
        self.drop = drop
        if drop:
            self.sock = socket.socket()
            self.sock.bind(("127.0.0.1", 0))
            self.sock.listen()
            self.port = self.sock.getsockname()[1]
            self.thread = threading.Thread(target=self._drop, daemon=True)
        else:
            recorder = self

            class Handler(BaseHTTPRequestHandler):
                def log_message(self, *args: object) -> None:
                    pass

                def _any(self) -> None:
                    recorder.requests.append((self.command, self.path))
                    self.send_response(200)
                    self.send_header("Content-Type", "application/sparql-results+json")
                    self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
                    self.end_headers()
                    self.wfile.write(EMPTY_RESULTS)

                do_GET = do_POST = _any  # noqa: N815

            self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            self.port = self.httpd.server_address[1]
            self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.1,),
                                           daemon=True)
        self.thread.start()

    def _drop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.requests.append(("CONNECT", ""))
            conn.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.drop:
            self.sock.close()
        else:
            self.httpd.shutdown()
            self.httpd.server_close()


def children(pid: int | None = None) -> list[int]:
    """The live forks of a process (children running its own command line; Linux /proc)."""
    pid = pid or os.getpid()
    try:
        own = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in found:
            try:
                if Path(f"/proc/{child}/cmdline").read_bytes() == own and alive(child):
                    out.append(child)
            except OSError:
                pass
    return sorted(out)


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """GET (or POST ``data``) a URL: status, headers, body, also for error statuses."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def laughs(path: Path, levels: int = 9) -> Path:
    """An RDF/XML file whose nested entities expand 10**levels times ("billion laughs")."""
    decls = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, levels + 1)
    ]
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(decls) + "\n]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/">\n'
        f'<rdf:Description rdf:about="http://example.org/x"><ex:p>&l{levels};</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    return path
