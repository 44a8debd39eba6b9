"""Does a SPARQL query name its dataset (``FROM`` / ``FROM NAMED``)?

The stores answer a query over the union of all graphs only when the query names no dataset;
a query with ``FROM`` or ``FROM NAMED`` gets exactly the dataset it names, as SPARQL 1.1
(section 13.2) defines it: ``FROM`` graphs merged into the default graph, ``FROM NAMED``
graphs as the named graphs, and an empty default graph when only ``FROM NAMED`` is given.
"""

from __future__ import annotations

import re

__all__ = ["names_dataset"]

# comments, string literals (long and short) and IRIs: none can hold a dataset clause
_SKIP = re.compile(
    r'#[^\n]*'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>',
)
_TOKEN = re.compile(r"[{}]|(?<![\w?$:.-])FROM(?![\w:-])", re.IGNORECASE)


def names_dataset(sparql: str) -> bool:
    """True when the query has a ``FROM`` or ``FROM NAMED`` clause.

    Dataset clauses stand outside every group (brace depth 0), so a ``FROM`` in a comment, a
    string, an IRI, a prefixed name or inside the query pattern does not count.

    Examples
    --------
    >>> names_dataset("SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset("CONSTRUCT { ?s ?p ?o } FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }")
    True
    >>> names_dataset('SELECT * WHERE { ?s ex:from "FROM <x>" } # FROM <y>')
    False
    >>> names_dataset("PREFIX from: <https://example.org/> SELECT * { ?s from:x ?o }")
    False
    """
    text = _SKIP.sub(" ", sparql)
    depth = 0
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            return True
    return False
