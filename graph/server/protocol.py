"""The SPARQL 1.1 Protocol's request rules: one operation per request, its dataset and its base.

A request carries exactly one ``query`` or one ``update``: by ``GET ?query=``, by a ``POST`` of a
form, or by a ``POST`` of the text itself (``application/sparql-query`` or
``application/sparql-update``, UTF-8). The protocol's dataset parameters are honoured as the
protocol defines them:

- ``default-graph-uri`` and ``named-graph-uri`` give a query's dataset; when a request gives them
  they win over the query's own ``FROM`` and ``FROM NAMED`` (SPARQL 1.1 Protocol, 2.1.4). With only
  ``named-graph-uri`` the default graph is empty.
- ``using-graph-uri`` and ``using-named-graph-uri`` give the dataset of an update's ``WHERE``; an
  update that names its own (``USING``, ``USING NAMED`` or ``WITH``) is then refused (2.2.3).

Relative IRIs in a request resolve against the endpoint's URL (its base IRI).

Examples
--------
>>> with_dataset("SELECT * FROM <http://a.example/g> { ?s ?p ?o }", ["http://b.example/g"], [])
'SELECT * FROM <http://b.example/g>                          { ?s ?p ?o }'
>>> with_base("CONSTRUCT { <s> <p> 1 } WHERE {}", "http://127.0.0.1:8000/sparql")
'BASE <http://127.0.0.1:8000/sparql>\\nCONSTRUCT { <s> <p> 1 } WHERE {}'
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING

from ..errors import QuerySyntaxError

if TYPE_CHECKING:  # pragma: no cover
    from ..stores import QueryResult, Store

__all__ = ["Operation", "Refused", "located", "read_operation", "run_query", "with_base",
           "with_dataset", "with_using"]

#: The HTTP methods the endpoint answers (others get 405 with this list).
ALLOWED_METHODS = "GET, HEAD, POST"

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


class Refused(Exception):
    """A request the server answers with an HTTP error status and a message."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass(frozen=True)
class Operation:
    """One protocol operation: a query or an update, with the dataset the request gives."""

    query: str | None = None
    update: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    requested: str | None = None  # a ``format`` (or ``output``) parameter


def _bad(message: str) -> Refused:
    return Refused(HTTPStatus.BAD_REQUEST, message)


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"the {what} is not UTF-8 (byte {exc.start}); send it in UTF-8") from None


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise _bad(f"the request has {len(values)} {name!r} parameters; send exactly one")
    return values[0] if values else None


def _graphs(params: dict[str, list[str]], name: str) -> tuple[str, ...]:
    graphs = params.get(name) or []
    for iri in graphs:
        if not _ABSOLUTE.match(iri) or _BAD_IRI.search(iri):
            raise _bad(f"{name}={iri!r} is not an absolute IRI; give the graph's full IRI, "
                       "e.g. https://example.org/graph")
    return tuple(dict.fromkeys(graphs))


def read_operation(params: dict[str, list[str]], post: bool, content_type: str,
                   body: bytes) -> Operation:
    """The operation of a request: its URL parameters, method, ``Content-Type`` and body.

    Raises
    ------
    Refused
        400 for a request the protocol calls malformed (two queries, an update by GET, a
        dataset parameter of the wrong kind), 415 for a body that is neither a form nor a
        SPARQL text, or text in another encoding than UTF-8.

    Examples
    --------
    >>> op = read_operation({"query": ["ASK {}"], "default-graph-uri": ["http://a.example/"]},
    ...                     False, "", b"")
    >>> op.query, op.default_graphs
    ('ASK {}', ('http://a.example/',))
    >>> read_operation({"query": ["ASK {}", "ASK {}"]}, False, "", b"")
    Traceback (most recent call last):
    ...
    graph.server.protocol.Refused: the request has 2 'query' parameters; send exactly one
    """
    fields = [f.strip() for f in content_type.split(";")]
    kind = fields[0].lower()
    charset = next((f.split("=", 1)[1].strip().strip('"').lower() for f in fields[1:]
                    if f.lower().startswith("charset=")), "utf-8")
    params = {k: list(v) for k, v in params.items()}
    text: dict[str, str] = {}
    if post:
        if kind not in (_FORM, _QUERY, _UPDATE):
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                          f"POST a form ({_FORM}: query= or update=), {_QUERY} or {_UPDATE}; "
                          f"got Content-Type {kind or 'none'!r}")
        if charset not in ("utf-8", "utf8"):
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                          f"the body is declared as {charset!r}; send it in UTF-8")
        if kind == _FORM:
            form = urllib.parse.parse_qs(_utf8(body, "form"), keep_blank_values=True)
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            name = "query" if kind == _QUERY else "update"
            if params.get(name):
                raise _bad(f"the request has a {name} in its body and one in its URL; "
                           "send exactly one")
            text[name] = _utf8(body, name)
    elif params.get("update"):
        raise _bad("updates must be sent with POST (a form with update=, or "
                   f"{_UPDATE})")
    query = text.get("query", _one(params, "query"))
    update = text.get("update", _one(params, "update"))
    if query is not None and update is not None:
        raise _bad("the request has both a query and an update; send one of them")
    if not query and not update:
        raise _bad("give a query: /sparql?query=SELECT... (or POST it)")
    dataset, other = (("default-graph-uri", "named-graph-uri"),
                      ("using-graph-uri", "using-named-graph-uri"))
    if update is not None:
        dataset, other = other, dataset
    for name in other:
        if params.get(name):
            what = "an update" if update is not None else "a query"
            raise _bad(f"{name} does not apply to {what}; use {' or '.join(dataset)}")
    return Operation(query=query, update=update,
                     default_graphs=_graphs(params, dataset[0]),
                     named_graphs=_graphs(params, dataset[1]),
                     requested=next(iter(params.get("format") or params.get("output") or ()),
                                    None))


# ---------------------------------------------------------------------------- rewriting

# comments and string literals (long and short), then IRIs: nothing in them is syntax
_OPAQUE = re.compile(
    r'#[^\n]*'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>',
)
_KEYWORDS = ("SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|FROM|NAMED|USING|WITH|DELETE|INSERT|ORDER"
             "|GROUP|HAVING|LIMIT|OFFSET|VALUES")
_TOKEN = re.compile(rf"[{{}}()]|(?<![\w?$:.-])(?:{_KEYWORDS})(?![\w:-])", re.IGNORECASE)
_TERM = re.compile(r"\s*(?:<[^<>\s]*>|[^\s{}()<]+)")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_MODIFIERS = {"ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES"}


def _mask(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with comments, strings and IRIs blanked (same length); the IRIs' spans."""
    iris: list[tuple[int, int]] = []

    def blank(m: re.Match[str]) -> str:
        if m.group(0).startswith("<"):
            iris.append((m.start() + 1, m.end() - 1))
        return re.sub(r"[^\n]", " ", m.group(0))

    return _OPAQUE.sub(blank, text), iris


def _top_tokens(text: str) -> list[tuple[int, int, str]]:
    """Keywords and braces outside every group: (start, end, upper-case token)."""
    masked, _ = _mask(text)
    found, braces, parens = [], 0, 0
    for m in _TOKEN.finditer(masked):
        token = m.group(0).upper()
        if token == "{":
            if braces == 0 and parens == 0:
                found.append((m.start(), m.end(), token))
            braces += 1
        elif token == "}":
            braces = max(braces - 1, 0)
        elif token == "(":
            parens += 1
        elif token == ")":
            parens = max(parens - 1, 0)
        elif braces == 0 and parens == 0:
            found.append((m.start(), m.end(), token))
    return found


def _clauses(graphs: Sequence[str], named: Sequence[str], keyword: str) -> str:
    parts = [f"{keyword} <{g}>" for g in graphs] + [f"{keyword} NAMED <{g}>" for g in named]
    return " ".join(parts)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def with_dataset(query: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """The query over the dataset a request gives: its ``FROM`` clauses replaced by these.

    Nothing changes when the request gives no dataset. The query's own dataset clauses are
    blanked (the text keeps its length and lines) and the request's are written where the
    first of them stood, or just before the ``WHERE`` clause.

    Examples
    --------
    >>> with_dataset("ASK { ?s ?p ?o }", [], ["http://a.example/g"])
    'ASK FROM NAMED <http://a.example/g> { ?s ?p ?o }'
    >>> with_dataset("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://a.example/g"], [])
    'CONSTRUCT { ?s ?p ?o } FROM <http://a.example/g> WHERE { ?s ?p ?o }'
    """
    if not default_graphs and not named_graphs:
        return query
    tokens = _top_tokens(query)
    at: int | None = None
    for i, (start, end, token) in enumerate(tokens):
        if token != "FROM":
            continue
        stop = end
        if i + 1 < len(tokens) and tokens[i + 1][2] == "NAMED":
            stop = tokens[i + 1][1]
        term = _TERM.match(query, stop)
        stop = term.end() if term else stop
        query = _blank(query, start, stop)
        at = start if at is None else at
    if at is None:
        at = _where(tokens, len(query))
    clause = _clauses(default_graphs, named_graphs, "FROM")
    before = "" if at == 0 or query[at - 1].isspace() else " "
    after = "" if at < len(query) and query[at].isspace() else " "
    return query[:at] + before + clause + after + query[at:]


def _where(tokens: list[tuple[int, int, str]], end: int) -> int:
    """Where a query's dataset clauses go: before its WHERE clause (or its modifiers)."""
    form, template = None, False
    for start, _, token in tokens:
        if form is None:
            if token in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                form, template = token, token == "CONSTRUCT"
            continue
        if token == "{" and template:
            template = False
            continue
        template = False
        if token in ("WHERE", "{") or token in _MODIFIERS:
            return start
    return end


def with_using(update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """The update with ``USING`` clauses for the dataset a request gives, in every operation
    that has a ``WHERE`` clause.

    Raises
    ------
    Refused
        400 when the update names its own dataset (``USING``, ``USING NAMED``, ``WITH``).

    Examples
    --------
    >>> with_using("INSERT { ?s a ?t } WHERE { ?s a ?t }", ["http://a.example/g"], [])
    'INSERT { ?s a ?t } USING <http://a.example/g> WHERE { ?s a ?t }'
    """
    if not default_graphs and not named_graphs:
        return update
    tokens = _top_tokens(update)
    own = sorted({t for _, _, t in tokens if t in ("USING", "WITH")})
    if own:
        raise _bad(f"the update names its own dataset ({' and '.join(own)}) and the request "
                   "gives using-graph-uri or using-named-graph-uri; give only one of them")
    clause = _clauses(default_graphs, named_graphs, "USING") + " "
    spots = [start for i, (start, _, token) in enumerate(tokens)
             if token == "WHERE" and not (i and tokens[i - 1][2] == "DELETE"
                                          and not update[tokens[i - 1][1]:start].strip())]
    for at in reversed(spots):
        update = update[:at] + clause + update[at:]
    return update


def with_base(text: str, base: str) -> str:
    """The query or update with ``base`` as its base IRI when it holds a relative IRI.

    Examples
    --------
    >>> with_base("ASK { <http://a.example/s> ?p ?o }", "http://127.0.0.1/sparql")
    'ASK { <http://a.example/s> ?p ?o }'
    """
    _, iris = _mask(text)
    if all(_ABSOLUTE.match(text, start) for start, _ in iris):
        return text
    return f"BASE <{base}>\n{text}"


def run_query(store: Store, text: str, original: str, max_rows: int) -> QueryResult:
    """Run the query as rewritten for the request (``text``); a syntax error is reported at
    its line in the text the client sent (``original``)."""
    try:
        return store.query(text, max_rows=max_rows)
    except QuerySyntaxError as exc:
        raise located(exc, text.count("\n") - original.count("\n")) from None


def located(exc: QuerySyntaxError, added_lines: int) -> QuerySyntaxError:
    """The syntax error of a text that had ``added_lines`` lines put before it, placed in the
    text as the client sent it.

    Examples
    --------
    >>> e = located(QuerySyntaxError("SPARQL syntax error at line 3, column 2: x", 3, 2), 1)
    >>> str(e), e.line
    ('SPARQL syntax error at line 2, column 2: x', 2)
    """
    if not added_lines or exc.line is None or exc.line <= added_lines:
        return exc
    line = exc.line - added_lines
    message = re.sub(r"\bat line \d+", f"at line {line}", str(exc), count=1)
    return QuerySyntaxError(message, line, exc.column)
