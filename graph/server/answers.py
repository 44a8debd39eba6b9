"""Answers of the endpoint: content negotiation, and results serialised within a byte cap."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..stores import QueryResult

__all__ = ["CONTENT_TYPE", "GRAPH_TYPES", "RESULT_TYPES", "TRUNCATED_HEADER", "fit",
           "html_result", "negotiate", "serialise", "warm_up"]

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
CONTENT_TYPE = {
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



def warm_up() -> None:
    """Import and exercise, once, what workers use to write answers: a worker is a fork of this
    process, and what it imports or builds for itself is lost when it ends."""
    from rdflib import Graph, Literal, URIRef

    from ..stores import QueryResult, term_converter

    term_converter()
    g = Graph()
    g.add((URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("o")))
    select = QueryResult("SELECT", ["s"], [(URIRef("urn:x:s"),)])
    for name in ("json", "xml", "csv", "tsv"):
        fit(select, name, 1 << 20)
    for name in ("turtle", "ntriples", "jsonld", "rdfxml"):
        fit(QueryResult("CONSTRUCT", graph=g), name, 1 << 20)
    html_result(select, 1, 1 << 20)


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

    data = serialise(result, fmt).encode("utf-8") if _small(result, max_bytes) else None
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
        data = serialise(part, fmt).encode("utf-8")
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


def serialise(result: QueryResult, fmt: str) -> str:
    from ..results import format_result

    if fmt == "rdfxml":
        assert result.graph is not None
        return result.graph.serialize(format="xml")
    return format_result(result, fmt)


def html_result(result: QueryResult, cap: int, max_bytes: int) -> str:
    from ..results import short

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

