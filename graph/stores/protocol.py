"""Speaking the SPARQL 1.1 Protocol over HTTP: endpoints, credentials, requests and errors.

Only the standard library speaks HTTP. :class:`Client` sends requests with the credentials of
a ``sparql:URL`` store and turns every failure into a StoreError (or a QuerySyntaxError when
the server rejects a query) that says what to do; :func:`nt_term` and :func:`values_clause`
write the terms that a query sent to a server binds.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, QuerySyntaxError, StoreError
from .checks import printable, query_error

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = [
    "PASSWORD_ENV",
    "STORE_ENV",
    "TIMEOUT_ENV",
    "TOKEN_ENV",
    "UPDATE_ENV",
    "USER_ENV",
    "Client",
    "endpoints",
    "html_text",
    "nt_term",
    "public",
    "values_clause",
]

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
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8, application/sparql-results+json;q=0.1"
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LANG = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

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
            f"sparql:{printable(public(url))} holds a space or a control character; "
            "percent-encode it (%20 for a space)"
        )
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(
            f"sparql:{printable(public(url))} is not a valid URL ({exc}); give the query "
            "endpoint, e.g. sparql:http://127.0.0.1:7878/query or sparql:http://[::1]:7878/query"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"sparql:{printable(public(url))} is not an http(s) URL; give the query endpoint, "
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


def public(url: str) -> str:
    """A URL without its user name and password (even a URL that does not parse).

    Examples
    --------
    >>> public("http://u:p@[::1/query")
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


def html_text(body: str) -> str:
    """The words of an HTML error page (its title and text), for a one-line message.

    Examples
    --------
    >>> html_text("<html><head><title>Failed</title></head><body><h1>403</h1></body></html>")
    'Failed 403'
    """
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    text = re.sub(r"(?s)<[^>]*>", " ", text)
    return " ".join(text.split())


class Client:
    """Requests to a SPARQL server, with the credentials of its ``sparql:URL``.

    Parameters
    ----------
    url : str
        The ``sparql:URL`` (user and password in it are used, and never shown).
    timeout : float, optional
        Seconds to wait for a response (default: ``$INNOGRAPH_SPARQL_TIMEOUT``, else 600).
    """

    def __init__(self, url: str, timeout: float | None = None) -> None:
        self.timeout = timeout or float(os.environ.get(TIMEOUT_ENV) or 600)
        parts = urllib.parse.urlsplit(url)
        user = urllib.parse.unquote(parts.username) if parts.username else None
        password = urllib.parse.unquote(parts.password or "") if parts.username else None
        user = user or os.environ.get(USER_ENV)
        password = password if password is not None else os.environ.get(PASSWORD_ENV, "")
        token = os.environ.get(TOKEN_ENV)
        self.auth: str | None = None
        if token:
            self.auth = f"Bearer {token}"
        elif user:
            pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            self.auth = f"Basic {pair}"

    def send(self, url: str, data: Any = None, headers: Mapping[str, str] | None = None,
             *, what: str = "request", sparql: str = "") -> Any:
        """Send a request (a POST when there is data); the response, or a StoreError."""
        headers = dict(headers or {})
        if self.auth:
            headers["Authorization"] = self.auth
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
        if "<html" in body[:400].lower():
            body = html_text(body)
        message = body[:1000] or exc.reason or ""
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

    def post_query(self, url: str, sparql: str, *, graph: bool = False,
                   default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> Any:
        """POST a query (form-encoded); the response. ``graph`` asks for RDF first (for a
        CONSTRUCT or DESCRIBE: some servers answer one with a table when they may);
        ``default_graphs`` and ``named_graphs`` go as the protocol's ``default-graph-uri`` and
        ``named-graph-uri``."""
        fields = [("query", sparql), *(("default-graph-uri", g) for g in default_graphs),
                  *(("named-graph-uri", g) for g in named_graphs)]
        data = urllib.parse.urlencode(fields).encode("utf-8")
        return self.send(url, data, {
            "Accept": _GRAPH_ACCEPT if graph else _ACCEPT,
            "Content-Type": "application/x-www-form-urlencoded",
        }, what="query", sparql=sparql)
