"""JSON-LD for a dataset: the default graph at the top, each named graph under its name.

rdflib writes a dataset's default graph as an anonymous ``{"@graph": ...}`` object inside a
list, which JSON-LD processors (jsonld.js, Oxigraph) read as a graph named by a blank node. This
module writes the form every processor reads alike: one top-level object whose ``@graph`` holds
the default graph's node objects; a named graph is the ``@graph`` of the node object that has
its name as ``@id`` (JSON-LD 1.1, section 4.9, Named Graphs). Terms are in expanded form, so no
context has to be fetched, and the output is sorted, so it diffs cleanly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .vocab import RDF, XSD

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = ["dataset_jsonld"]

_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)


def _id(term: Node) -> str:
    from rdflib import BNode

    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _object(term: Node) -> dict[str, str]:
    from rdflib import Literal

    if isinstance(term, Literal):
        out = {"@value": str(term)}
        if term.language:
            out["@language"] = term.language
        elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
            out["@type"] = str(term.datatype)
        return out
    return {"@id": _id(term)}


def _key(value: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(value.items()))


def _nodes(triples: Iterable[tuple[Node, Node, Node]]) -> dict[str, dict[str, Any]]:
    from rdflib import URIRef

    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in triples:
        node = nodes.setdefault(_id(s), {"@id": _id(s)})
        if str(p) == _RDF_TYPE and isinstance(o, URIRef):
            node.setdefault("@type", []).append(str(o))
        else:
            node.setdefault(str(p), []).append(_object(o))
    for node in nodes.values():
        for key, values in node.items():
            if key == "@type":
                node[key] = sorted(set(values))
            elif key != "@id":
                node[key] = sorted({_key(v): v for v in values}.values(), key=_key)
    return nodes


def dataset_jsonld(quads: Iterable[tuple[Node, Node, Node, Node | None]], *,
                   indent: int | None = 1) -> str:
    """The quads as a JSON-LD document (expanded terms, sorted).

    Parameters
    ----------
    quads : iterable of (s, p, o, g)
        rdflib terms; ``g`` is None for the default graph.
    indent : int, optional
        JSON indentation (None for one line).

    Examples
    --------
    >>> from rdflib import URIRef, Literal
    >>> a, name = URIRef("https://example.org/a"), URIRef("https://schema.org/name")
    >>> g = URIRef("https://example.org/claim")
    >>> print(dataset_jsonld([(a, name, Literal("A", lang="nb"), None),
    ...                       (a, name, Literal("B"), g)], indent=None), end="")
    {"@graph": [{"@id": "https://example.org/a", "https://schema.org/name": [{"@language": "nb", "@value": "A"}]}, {"@graph": [{"@id": "https://example.org/a", "https://schema.org/name": [{"@value": "B"}]}], "@id": "https://example.org/claim"}]}
    """
    default: list[tuple[Node, Node, Node]] = []
    named: dict[str, list[tuple[Node, Node, Node]]] = {}
    for s, p, o, g in quads:
        if g is None:
            default.append((s, p, o))
        else:
            named.setdefault(_id(g), []).append((s, p, o))
    top = _nodes(default)
    for name, triples in named.items():
        node = top.setdefault(name, {"@id": name})
        node["@graph"] = [v for _, v in sorted(_nodes(triples).items())]
    doc = {"@graph": [v for _, v in sorted(top.items())]}
    return json.dumps(doc, indent=indent, ensure_ascii=False, sort_keys=True) + "\n"
