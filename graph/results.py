"""Query results as text: an aligned table, CSV, TSV, SPARQL JSON and XML, Turtle for graphs.

The CSV, TSV, JSON and XML forms follow the SPARQL 1.1 Query Results formats, so that any
SPARQL tool can read them. The table is for people: IRIs shortened with the project's prefixes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from .errors import InputError
from .vocab import PREFIXES, XSD, curie

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

    from .stores import QueryResult

__all__ = ["RESULT_FORMATS", "format_result", "nt_term", "short", "span_text", "text_table"]

#: The formats :func:`format_result` writes.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld")


def short(term: Node | None) -> str:
    """A term as a person reads it: prefixed IRI, or the literal's text.

    Examples
    --------
    >>> from rdflib import URIRef, Literal
    >>> short(URIRef("https://w3id.org/innograph/id/person/unni-skar"))
    'person:unni-skar'
    >>> short(Literal("Unni Skår"))
    'Unni Skår'
    >>> short(None)
    ''
    """
    from rdflib import URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return curie(term, brackets=True)
    return str(term)


_NT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\b": "\\b", "\f": "\\f"}


def _nt_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _NT_ESCAPES:
            out.append(_NT_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def _nt_iri(iri: str) -> str:
    # characters an IRIREF may not hold, as \u escapes
    return "".join(
        f"\\u{ord(ch):04X}" if ord(ch) <= 0x20 or ch in '<>"{}|^`\\' else ch for ch in iri
    )


def nt_term(term: Node) -> str:
    r"""A term in N-Triples form, on one line: ``<iri>``, ``_:b``, ``"text"@lang``, ``"1"^^<dt>``.

    This is the term syntax of the SPARQL 1.1 TSV results format: literals are quoted with
    ``"`` and escaped (``\t``, ``\n``...), never triple-quoted.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> print(nt_term(Literal('a\tb\nc "d"', lang="nb")))
    "a\tb\nc \"d\""@nb
    >>> print(nt_term(Literal(1522)))
    "1522"^^<http://www.w3.org/2001/XMLSchema#integer>
    >>> print(nt_term(URIRef("https://schema.org/name")))
    <https://schema.org/name>
    """
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        text = f'"{_nt_string(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{_nt_iri(str(term.datatype))}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{_nt_iri(str(term))}>"


_XSD_STRING = str(XSD.string)


def span_text(start: int, end: int) -> str:
    """A character span as the product prints it everywhere: ``start-end``, end exclusive.

    Examples
    --------
    >>> span_text(1522, 1531)
    '1522-1531'
    """
    return f"{start}-{end}"


def _csv_cell(term: Node | None) -> str:
    from rdflib import BNode

    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def text_table(header: Sequence[str], rows: Iterable[Sequence[str]], *, count: bool = True) -> str:
    """An aligned text table: the header, a rule, the rows and (with ``count``) the row count.

    Examples
    --------
    >>> print(text_table(["actor", "degree"], [["Unni Skår", "3"]]), end="")
    actor      degree
    ---------  ------
    Unni Skår  3
    (1 row)
    """
    header = list(header)
    cells = [[str(c) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    if count:
        n = len(cells)
        lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def _table(result: QueryResult) -> str:
    return text_table(result.vars, ([short(t) for t in row] for row in result.rows))


def _json_term(term: Node) -> dict[str, str]:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def _xml_term(term: Node) -> str:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        attr = ""
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype is not None:
            attr = f" datatype={quoteattr(str(term.datatype))}"
        return f"<literal{attr}>{escape(str(term))}</literal>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    return f"<uri>{escape(str(term))}</uri>"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Write a query result in a format of :data:`RESULT_FORMATS`.

    SELECT and ASK results take ``table``, ``csv``, ``tsv``, ``json`` and ``xml``; CONSTRUCT and
    DESCRIBE results take ``turtle`` (also for ``table``), ``ntriples`` and ``jsonld``.

    Examples
    --------
    >>> from rdflib import Literal
    >>> from graph.stores import QueryResult
    >>> r = QueryResult("SELECT", ["name"], [(Literal("Thor Moen"),)])
    >>> format_result(r, "csv")
    'name\\r\\nThor Moen\\r\\n'
    >>> print(format_result(r), end="")
    name
    ---------
    Thor Moen
    (1 row)
    """
    if fmt not in RESULT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if result.kind == "CONSTRUCT":
        return _graph_text(result, fmt)
    if fmt in ("turtle", "ntriples", "jsonld"):
        raise InputError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; a {result.kind} query "
            "takes table, csv, tsv, json or xml"
        )
    if result.kind == "ASK":
        return _ask_text(result, fmt)
    return _SELECT_WRITERS[fmt](result)


def _graph_text(result: QueryResult, fmt: str) -> str:
    """The graph of a CONSTRUCT or DESCRIBE result as Turtle, N-Triples (sorted) or JSON-LD."""
    assert result.graph is not None
    for prefix, ns in PREFIXES.items():
        result.graph.bind(prefix, ns, replace=True)
    rdf = {"table": "turtle", "turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}
    if fmt not in rdf:
        raise InputError(
            f"a CONSTRUCT or DESCRIBE query gives a graph; use --format turtle, ntriples "
            f"or jsonld, not {fmt!r}"
        )
    text = result.graph.serialize(format=rdf[fmt])
    if fmt == "ntriples":
        text = "\n".join(sorted(line for line in text.split("\n") if line)) + "\n"
    return text


def _ask_text(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2) + "\n"
    if fmt == "xml":
        value = "true" if result.boolean else "false"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{value}</boolean></sparql>\n"
        )
    return ("true" if result.boolean else "false") + "\n"


def _select_json(result: QueryResult) -> str:
    bindings = [
        {v: _json_term(t) for v, t in zip(result.vars, row, strict=True) if t is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _select_xml(result: QueryResult) -> str:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars)
    body = []
    for row in result.rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.vars, row, strict=True)
            if t is not None
        )
        body.append(f"<result>{cells}</result>")
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{head}</head><results>{''.join(body)}</results></sparql>\n"
    )


def _select_csv(result: QueryResult) -> str:
    # SPARQL 1.1 CSV results: CRLF line ends, fields quoted when they hold , " CR or LF
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(result.vars)
    for row in result.rows:
        w.writerow([_csv_cell(t) for t in row])
    return buf.getvalue()


def _select_tsv(result: QueryResult) -> str:
    # ?variables, then terms in N-Triples form (escaped, one line each)
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else nt_term(t) for t in row))
    return "\n".join(lines) + "\n"


#: The writer of each format of SELECT results.
_SELECT_WRITERS: dict[str, Callable[[QueryResult], str]] = {
    "table": _table,
    "json": _select_json,
    "xml": _select_xml,
    "csv": _select_csv,
    "tsv": _select_tsv,
}
