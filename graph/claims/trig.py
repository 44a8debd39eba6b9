"""Sorted TriG: the one writer of compiled claims, so that rebuilt files diff cleanly."""

from __future__ import annotations

import re

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import GraphError
from ..vocab import PREFIXES, RDF

__all__ = ["CLAIMS_PREFIX", "serialize_trig"]

#: The prefix that a generated TriG file binds to the claims of its source.
CLAIMS_PREFIX = "claims"

_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*(?<!\.)$")


def _term(node: Node, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(node, URIRef):
        if node == RDF.type:
            return "a"
        for prefix, ns in prefixes:
            if node.startswith(ns):
                local = node[len(ns) :]
                if _LOCAL.match(local):
                    return f"{prefix}:{local}"
        return f"<{node}>"
    if isinstance(node, Literal):
        if node.datatype is not None:
            for prefix, ns in prefixes:
                if node.datatype.startswith(ns) and _LOCAL.match(node.datatype[len(ns) :]):
                    lexical = Literal(str(node)).n3()
                    return f"{lexical}^^{prefix}:{node.datatype[len(ns):]}"
        return node.n3()
    if isinstance(node, BNode):
        raise GraphError(
            "a blank node cannot be written to a sorted claim file; give the node an IRI "
            "(the compiler names the blank nodes of claim bodies itself)"
        )
    raise GraphError(f"cannot write {node!r} as TriG")


def _sort_key(node: Node) -> tuple[int, str]:
    return (0 if node == RDF.type else 1, str(node))


def _block(g: Graph, prefixes: list[tuple[str, str]], indent: str) -> list[str]:
    lines: list[str] = []
    for s in sorted(set(g.subjects()), key=str):
        preds = sorted(set(g.predicates(s)), key=_sort_key)
        parts = []
        for p in preds:
            objs = sorted(g.objects(s, p), key=lambda o: (type(o).__name__, o.n3()))
            rendered = " , ".join(_term(o, prefixes) for o in objs)
            parts.append(f"{indent}    {_term(p, prefixes)} {rendered}")
        lines.append(f"{indent}{_term(s, prefixes)}\n" + " ;\n".join(parts) + " .")
    return lines


def serialize_trig(ds: Dataset) -> str:
    """Write a dataset as TriG, sorted, so that rebuilt files diff cleanly.

    Examples
    --------
    >>> from rdflib import Dataset, URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("https://w3id.org/innograph/id/claim/x")).add(
    ...     (URIRef("https://w3id.org/innograph/id/person/a"), RDF.type, URIRef("https://schema.org/Person")))
    >>> print(serialize_trig(ds).splitlines()[-4:])
    ['claim:x {', '    person:a', '        a schema:Person .', '}']
    """
    bound = dict(PREFIXES)
    bound.update((p, str(n)) for p, n in ds.namespaces() if p == CLAIMS_PREFIX)
    # longest namespace first, so that the most specific prefix wins
    prefixes = sorted(bound.items(), key=lambda kv: -len(kv[1]))
    out = [f"@prefix {p}: <{n}> ." for p, n in sorted(bound.items())]
    out.append("")
    default = ds.default_graph
    out.extend(_block(default, prefixes, ""))
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if g.identifier == default.identifier or len(g) == 0:
            continue
        out.append("")
        out.append(f"{_term(g.identifier, prefixes)} {{")
        out.extend(_block(g, prefixes, "    "))
        out.append("}")
    return "\n".join(out) + "\n"
