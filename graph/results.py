"""Query results as text: an aligned table, CSV, TSV, SPARQL JSON and XML, Turtle for graphs.

The CSV, TSV, JSON and XML forms follow the SPARQL 1.1 Query Results formats, so that any
SPARQL tool can read them. The table is for people: IRIs shortened with the project's prefixes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from .errors import InputError
from .vocab import PREFIXES, curie

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

    from .store import QueryResult

__all__ = ["RESULT_FORMATS", "format_result", "short", "text_table"]

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
    >>> from graph.store import QueryResult
    >>> r = QueryResult("SELECT", ["name"], [(Literal("Thor Moen"),)])
    >>> print(format_result(r, "csv"), end="")
    name
    Thor Moen
    >>> print(format_result(r), end="")
    name
    ---------
    Thor Moen
    (1 row)
    """
    if fmt not in RESULT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if result.kind == "CONSTRUCT":
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
            text = "\n".join(sorted(line for line in text.splitlines() if line)) + "\n"
        return text
    if fmt in ("turtle", "ntriples", "jsonld"):
        raise InputError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; a {result.kind} query "
            "takes table, csv, tsv, json or xml"
        )
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}, indent=2) + "\n"
        if fmt == "xml":
            value = "true" if result.boolean else "false"
            return (
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{value}</boolean></sparql>\n"
            )
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "table":
        return _table(result)
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(result.vars, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "xml":
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
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.vars)
        for row in result.rows:
            w.writerow(["" if t is None else str(t) for t in row])
        return buf.getvalue()
    # tsv: terms in their SPARQL/Turtle form
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"
