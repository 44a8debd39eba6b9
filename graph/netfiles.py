"""GraphML and GEXF files of a network view, valid against their XML Schemas.

GraphML ids must be ``NMTOKEN`` s, which IRIs are not: nodes are numbered ``n0``, ``n1``...
in the order of their sorted keys, and each node's key (its IRI) is kept in the ``iri``
attribute. Edges are numbered ``e0``, ``e1``... in sorted order, so every edge id is unique
also where two nodes are tied by several relations. The GEXF file is GEXF 1.3 (ids there may
be any string, so they stay the IRIs, and attribute ids are the attribute names); both files list every node and edge attribute with its
type, and the graph's own attributes (GraphML ``<data>`` of the graph, GEXF ``<description>``).
The networkx key of a multigraph edge is not written: in the views it is the edge's
``relation`` (or, for a post, its ``membership``), which are attributes. Output is
deterministic: the same view writes the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["GEXF_NS", "GRAPHML_NS", "write_gexf", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _kind(values: list[Any]) -> str:
    """The attribute type that holds every value: boolean, long, double or string."""
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("boolean")
        elif isinstance(v, int):
            kinds.add("long")
        elif isinstance(v, float):
            kinds.add("double")
        else:
            kinds.add("string")
    if kinds <= {"long"}:
        return "long"
    if kinds <= {"long", "double"}:
        return "double"
    if kinds == {"boolean"}:
        return "boolean"
    return "string"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        return " ".join(str(v) for v in value)
    return str(value)


def _columns(items: list[dict[str, Any]]) -> dict[str, str]:
    """Attribute name → type, sorted by name, over every item."""
    seen: dict[str, list[Any]] = {}
    for d in items:
        for k, v in d.items():
            if v is not None:
                seen.setdefault(str(k), []).append(v)
    return {k: _kind(seen[k]) for k in sorted(seen)}


def _ordered(G: nx.Graph) -> tuple[list[tuple[Any, dict[str, Any]]],
                                   list[tuple[Any, Any, Any, dict[str, Any]]]]:
    nodes = sorted(G.nodes(data=True), key=lambda x: str(x[0]))
    if G.is_multigraph():
        edges = [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)]  # type: ignore[call-overload]
    else:
        edges = [(u, v, None, d) for u, v, d in G.edges(data=True)]
    edges.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2] if e[2] is not None else "")))
    return nodes, edges


def _write(root: ET.Element, path: Path) -> Path:
    ET.indent(root, space=" ")
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    path.write_bytes(data + b"\n")
    return path


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GraphML 1.0, valid against the GraphML XSD; the path written.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.MultiDiGraph(view="demo")
    >>> G.add_edge("https://example.org/a", "https://example.org/b", key="knows", weight=2)
    'knows'
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = write_graphml(G, Path(tmp) / "g.graphml").read_text(encoding="utf-8")
    >>> '<node id="n0">' in text and '<edge id="e0" source="n0" target="n1">' in text
    True
    """
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", _XSI)
    q = f"{{{GRAPHML_NS}}}"
    root = ET.Element(q + "graphml", {
        f"{{{_XSI}}}schemaLocation":
            f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
    })
    nodes, edges = _ordered(G)
    node_data = [{"iri": str(n), **d} if "iri" not in d else dict(d) for n, d in nodes]
    edge_data = [dict(d) for _, _, _, d in edges]
    keys: dict[tuple[str, str], str] = {}
    for domain, columns in (("graph", _columns([dict(G.graph)])),
                            ("node", _columns(node_data)), ("edge", _columns(edge_data))):
        for name, kind in columns.items():
            key_id = f"d{len(keys)}"
            keys[(domain, name)] = key_id
            ET.SubElement(root, q + "key", {"id": key_id, "for": domain, "attr.name": name,
                                            "attr.type": kind})
    graph = ET.SubElement(root, q + "graph", {
        "id": "G", "edgedefault": "directed" if G.is_directed() else "undirected"})

    def data(parent: ET.Element, domain: str, d: dict[str, Any]) -> None:
        for name, value in sorted(d.items(), key=lambda x: str(x[0])):
            if value is not None:
                ET.SubElement(parent, q + "data", {"key": keys[(domain, str(name))]}).text = (
                    _text(value))

    data(graph, "graph", dict(G.graph))
    ids = {}
    for i, ((n, _), d) in enumerate(zip(nodes, node_data, strict=True)):
        ids[n] = f"n{i}"
        data(ET.SubElement(graph, q + "node", {"id": ids[n]}), "node", d)
    for i, ((u, v, _, _), d) in enumerate(zip(edges, edge_data, strict=True)):
        data(ET.SubElement(graph, q + "edge", {"id": f"e{i}", "source": ids[u], "target": ids[v]}),
             "edge", d)
    return _write(root, Path(path))


def write_gexf(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GEXF 1.3, valid against the GEXF 1.3 XSD; the path written.

    Node ids are the node keys (IRIs); the node's ``label`` attribute, or its key, is the GEXF
    label; an edge's numeric ``weight`` is the GEXF weight and its ``relation`` the GEXF kind.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.Graph([("a", "b", {"weight": 2})], view="demo")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = write_gexf(G, Path(tmp) / "g.gexf").read_text(encoding="utf-8")
    >>> '<edge id="e0" source="a" target="b" weight="2">' in text
    True
    """
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", _XSI)
    q = f"{{{GEXF_NS}}}"
    root = ET.Element(q + "gexf", {
        "version": "1.3",
        f"{{{_XSI}}}schemaLocation": f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd",
    })
    meta = ET.SubElement(root, q + "meta")
    ET.SubElement(meta, q + "creator").text = "innograph"
    about = "; ".join(f"{k}: {_text(v)}" for k, v in sorted(G.graph.items()) if v is not None)
    ET.SubElement(meta, q + "description").text = about or "a network view"
    graph = ET.SubElement(root, q + "graph", {
        "mode": "static", "defaultedgetype": "directed" if G.is_directed() else "undirected"})
    nodes, edges = _ordered(G)
    node_columns = _columns([d for _, d in nodes])
    edge_items = [dict(d) for _, _, _, d in edges]
    edge_columns = _columns(edge_items)
    ids: dict[tuple[str, str], str] = {}
    for domain, columns in (("node", node_columns), ("edge", edge_columns)):
        box = ET.SubElement(graph, q + "attributes", {"class": domain, "mode": "static"})
        for name, kind in columns.items():
            ids[(domain, name)] = name  # GEXF ids are strings: the name reads best
            ET.SubElement(box, q + "attribute", {"id": ids[(domain, name)], "title": name,
                                                 "type": kind})

    def values(parent: ET.Element, domain: str, d: dict[str, Any]) -> None:
        present = [(str(k), v) for k, v in sorted(d.items(), key=lambda x: str(x[0]))
                   if v is not None]
        if present:
            box = ET.SubElement(parent, q + "attvalues")
            for name, value in present:
                ET.SubElement(box, q + "attvalue", {"for": ids[(domain, name)],
                                                    "value": _text(value)})

    box = ET.SubElement(graph, q + "nodes", {"count": str(len(nodes))})
    for n, d in nodes:
        label = d.get("label")
        node = ET.SubElement(box, q + "node", {"id": str(n),
                                               "label": _text(label) if label else str(n)})
        values(node, "node", d)
    box = ET.SubElement(graph, q + "edges", {"count": str(len(edges))})
    for i, ((u, v, _, d), items) in enumerate(zip(edges, edge_items, strict=True)):
        attrs = {"id": f"e{i}", "source": str(u), "target": str(v)}
        weight = d.get("weight")
        if isinstance(weight, (int, float)) and not isinstance(weight, bool):
            attrs["weight"] = _text(weight)
        if d.get("relation"):
            attrs["kind"] = _text(d["relation"])
        values(ET.SubElement(box, q + "edge", attrs), "edge", items)
    return _write(root, Path(path))
