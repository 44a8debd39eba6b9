"""Does a SPARQL query name its dataset (``FROM`` / ``FROM NAMED``)? Where does its WHERE group open?

The stores answer a query over the union of all graphs only when the query names no dataset;
a query with ``FROM`` or ``FROM NAMED`` gets exactly the dataset it names, as SPARQL 1.1
(section 13.2) defines it: ``FROM`` graphs merged into the default graph, ``FROM NAMED``
graphs as the named graphs, and an empty default graph when only ``FROM NAMED`` is given.
"""

from __future__ import annotations

import re

__all__ = ["dataset_iris", "names_dataset", "query_form", "values_first", "where_group"]

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


_FORM = re.compile(r"(?<![\w?$:.-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.IGNORECASE)


_IRI = re.compile(r'<[^<>"{}|^`\\\s]*>')
_PREFIX_DECL = re.compile(r"(?i)(?<![\w?$:.-])PREFIX\s+([A-Za-z][\w.-]*)?:\s*(<[^<>\s]*>)")
_DATASET_CLAUSE = re.compile(
    r"(?i)(?<![\w?$:.-])FROM(?![\w:-])\s+(NAMED\s+)?(<[^<>\s]*>|(?:[A-Za-z][\w.-]*)?:[^\s{}()]*)")


def dataset_iris(sparql: str) -> tuple[list[str], list[str]]:
    """The graphs a query's ``FROM`` and ``FROM NAMED`` clauses name (IRIs, prefixed names
    expanded by the query's own prefixes), in order.

    Examples
    --------
    >>> dataset_iris("PREFIX g: <https://example.org/g/> SELECT * FROM <https://example.org/a> "
    ...              "FROM NAMED g:b WHERE { ?s ?p '{FROM <x:c>}' }")
    (['https://example.org/a'], ['https://example.org/g/b'])
    """
    # comments and strings masked, IRIs kept; clauses count only outside every group
    text = _SKIP.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " " * len(m.group(0)),
                     sparql)
    prefixes = {m.group(1) or "": m.group(2)[1:-1] for m in _PREFIX_DECL.finditer(text)}
    masked = _IRI.sub(lambda m: " " * len(m.group(0)), text)
    default: list[str] = []
    named: list[str] = []
    for m in _DATASET_CLAUSE.finditer(text):
        if masked[:m.start()].count("{") != masked[:m.start()].count("}"):
            continue
        ref = m.group(2)
        if ref.startswith("<"):
            iri = ref[1:-1]
        else:
            prefix, _, local = ref.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local
        (named if m.group(1) else default).append(iri)
    return default, named


def where_group(sparql: str) -> int | None:
    r"""The index of the ``{`` that opens a query's WHERE group, or None when there is none.

    Comments, strings and IRIs are skipped; in a ``CONSTRUCT`` with a template the WHERE group
    is the one after the template.

    Examples
    --------
    >>> q = 'PREFIX s: <https://schema.org/> # {\nSELECT ?n { ?p s:name ?n }'
    >>> q[where_group(q):]
    '{ ?p s:name ?n }'
    >>> q = 'CONSTRUCT { ?p ?q "{" } WHERE { ?p ?q ?o }'
    >>> q[where_group(q):]
    '{ ?p ?q ?o }'
    >>> where_group("ASK") is None
    True
    """
    text = _SKIP.sub(lambda m: " " * len(m.group(0)), sparql)
    form = _FORM.search(text)
    if form is None:
        return None
    braces = [i for i in range(form.end(), len(text)) if text[i] == "{"]
    if not braces:
        return None
    if form.group(1).upper() == "CONSTRUCT" and not text[form.end():braces[0]].strip():
        # the template comes first: the WHERE group opens at the next brace at depth 0
        depth = 0
        for i in range(braces[0], len(text)):
            if text[i] == "{":
                if depth == 0 and i != braces[0]:
                    return i
                depth += 1
            elif text[i] == "}":
                depth -= 1
        return None
    return braces[0]


def values_first(sparql: str, block: str) -> str | None:
    """``sparql`` with ``block`` (a ``VALUES`` block) first in its WHERE group, where engines
    join from it outwards; None when there is no WHERE group to put it in, or when a brace
    comes before the group (an ``EXISTS`` in the projection).

    Examples
    --------
    >>> values_first("SELECT ?n WHERE { ?p <https://schema.org/name> ?n }", "VALUES ?p { <x:p> }")
    'SELECT ?n WHERE {VALUES ?p { <x:p> } ?p <https://schema.org/name> ?n }'
    >>> values_first("SELECT (EXISTS { ?s ?p ?o } AS ?e) { ?s ?p ?o }", "VALUES ?s { <x:s> }") is None
    True
    """
    at = where_group(sparql)
    if at is None:
        return None
    text = _SKIP.sub(lambda m: " " * len(m.group(0)), sparql)
    form = _FORM.search(text)
    if form is None or re.search(r"(?i)\bEXISTS\b", text[form.end():at]):
        return None
    return f"{sparql[:at + 1]}{block}{sparql[at + 1:]}"


def query_form(sparql: str) -> str | None:
    r"""The form of a query: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (None if none).

    Examples
    --------
    >>> query_form('PREFIX ask: <https://example.org/> # SELECT\nconstruct where { ?s ?p ?o }')
    'CONSTRUCT'
    """
    form = _FORM.search(_SKIP.sub(lambda m: " " * len(m.group(0)), sparql))
    return form.group(1).upper() if form else None
