"""A network view written for the tools analysts use: GEXF, GraphML, or CSV node and edge lists.

The view comes from :func:`graph.network.to_networkx`; GraphML and GEXF are written by
:mod:`graph.netfiles`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["NETWORK_FORMATS", "write_network"]

#: The file formats of :func:`write_network`.
NETWORK_FORMATS = ("gexf", "graphml", "csv")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attrs(d: dict[str, Any]) -> dict[str, Any]:
    # an edge attribute named like an endpoint column gets a prefix
    return {(f"attr_{k}" if k in ("source", "target", "key") else k): v for k, v in d.items()}


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return list(names)


def write_network(G: nx.Graph, path: str | Path, format: str | None = None) -> list[Path]:
    """Write a view for the tools analysts use, with every node and edge attribute.

    Parameters
    ----------
    G : networkx graph
        A view (:func:`to_networkx`).
    path : path
        The file to write; for ``csv`` a folder, which gets ``nodes.csv`` and ``edges.csv``.
    format : {"gexf", "graphml", "csv"}, optional
        GEXF (Gephi), GraphML (yEd, Cytoscape, igraph) or CSV node and edge lists; by default
        from the extension of ``path`` (a path without one means ``csv``).

    Returns
    -------
    list of Path
        The files written.

    Notes
    -----
    The CSV node list has an ``id`` column and one column per attribute; the edge list has
    ``source``, ``target``, ``key`` (for multigraphs, the relation or post IRI) and one column
    per attribute. An edge attribute named ``source``, ``target`` or ``key`` is written as
    ``attr_source`` (and so on): in the projections, ``attr_source`` is the document the
    evidence comes from. Booleans are written ``true``/``false``. Spreadsheets and Gephi's
    import read these files as they are.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.Graph([("a", "b")], view="demo")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_network(G, Path(tmp) / "demo")]
    ['nodes.csv', 'edges.csv']
    """
    import csv

    path = Path(path)
    if format is None:
        format = path.suffix.lower().lstrip(".") or "csv"
    if format not in NETWORK_FORMATS:
        raise InputError(
            f"unknown network format {format!r} (from {path}); use one of "
            f"{', '.join(NETWORK_FORMATS)}"
        )
    if format == "csv" and path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file; CSV goes into a folder (nodes.csv and edges.csv): "
                         "give a folder with -o, or a .gexf or .graphml file name")
    if format != "csv" and path.is_dir():
        raise InputError(f"{path} is a folder; -o takes the {format} file to write")
    if format == "csv":
        path.mkdir(parents=True, exist_ok=True)
        nodes = [{"id": n, **d} for n, d in sorted(G.nodes(data=True), key=lambda x: str(x[0]))]
        if G.is_multigraph():
            edges = [{"source": u, "target": v, "key": k, **_attrs(d)}
                     for u, v, k, d in G.edges(keys=True, data=True)]  # type: ignore[call-overload]
        else:
            edges = [{"source": u, "target": v, **_attrs(d)} for u, v, d in G.edges(data=True)]
        edges.sort(key=lambda e: (str(e["source"]), str(e["target"]), str(e.get("key", ""))))
        written = []
        for name, rows in (("nodes.csv", nodes), ("edges.csv", edges)):
            columns = _columns(rows) or (["id"] if name == "nodes.csv" else ["source", "target"])
            with open(path / name, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(columns)
                w.writerows([_cell(row.get(c, "")) for c in columns] for row in rows)
            written.append(path / name)
        return written
    from .netfiles import write_gexf, write_graphml

    if format == "gexf":
        return [write_gexf(G, path)]
    return [write_graphml(G, path)]
