"""The explorer page: our template, CSS and JS, vis-network inlined, the view model as JSON.

The page is one self-contained file. It loads nothing: vis-network comes from pyvis's bundled
copy, the data sit in ``<script type="application/json">`` blocks, and a Content Security
Policy allows only the page's own two scripts (by hash), so that even a label that slipped
through as markup could not run or fetch anything.

The data are in five blocks (:data:`BLOCKS`): the settings, legends, counts and the overview's
groups (``innograph-data``, all that the first picture of an overview needs), then the node,
edge, name and evidence tables, as columns (:mod:`.columns`). The page draws an overview from
the first block and reads the others after its first frame, or at once when they are needed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import GraphError, InputError
from .columns import Table
from .tables import edge_row, evidence_row, node_row

__all__ = ["BLOCKS", "SCRIPTS", "HtmlView", "explorer_js", "json_for_script", "page_data",
           "render_page", "vis_network_js"]

HERE = Path(__file__).parent
#: The page's script, one file per concern, joined in this order into one function.
SCRIPTS: tuple[str, ...] = (
    "explorer-core.js", "explorer-colours.js", "explorer-network.js", "explorer-overview.js",
    "explorer-panel.js", "explorer-search.js", "explorer-table.js", "explorer-controls.js",
    "explorer-time.js", "explorer-keyboard.js", "explorer-start.js",
)
#: The id of each data block of a page, and the parts of the view model it holds.
BLOCKS: dict[str, tuple[str, ...]] = {
    "innograph-nodes": ("nodes",),
    "innograph-edges": ("edges",),
    "innograph-names": ("names",),
    "innograph-evidence": ("evidence", "sources"),
}
_ROWS = {"nodes": node_row, "edges": edge_row, "evidence": evidence_row}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def json_for_script(data: Any, *, lines: bool = True) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 escaped.

    With ``lines`` (the default) each top-level entry, and each item of a top-level list of
    objects, is on a line of its own (a changed node is a changed line in a diff); without, it
    is one line, written in one pass (the tables of a large page).

    Examples
    --------
    >>> print(json_for_script({"label": "</script><b>&", "nodes": [{"id": 0}, {"id": 1}]}))
    {
    "label":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026",
    "nodes":[
    {"id":0},
    {"id":1}
    ]
    }
    >>> json.loads(json_for_script(["\\u2028"])) == ["\\u2028"]
    True
    """
    text = _lines(data) if lines else _ENCODER.encode(data)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _rows(value: Any) -> Any:
    """A table (:class:`~graph.render.columns.Table`) is written as its rows."""
    if isinstance(value, Table):
        return list(value)
    raise TypeError(f"a {type(value).__name__} cannot be written as JSON")


#: One encoder for every value of a page (``json.dumps`` with options builds one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                            allow_nan=False, default=_rows)


def _lines(data: Any) -> str:
    """Compact JSON with each top-level entry, and each item of a top-level list of objects,
    on a line of its own: a changed node or edge is a changed line in a diff."""

    dump = _ENCODER.encode

    if not isinstance(data, dict):
        return dump(data)
    entries = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value and all(isinstance(v, (dict, list)) for v in value):
            body = "[\n" + ",\n".join(dump(v) for v in value) + "\n]"
        else:
            body = dump(value)
        entries.append(f"{dump(key)}:{body}")
    return "{\n" + ",\n".join(entries) + "\n}"


@cache
def vis_network_js() -> str:
    """The vis-network script that pyvis ships (the newest version it bundles)."""
    try:
        import pyvis
    except ImportError:  # pragma: no cover - pyvis is a dependency
        raise GraphError("pyvis is not installed; install it with `pip install pyvis`") from None
    lib = Path(pyvis.__file__).parent / "lib"
    found = sorted(
        lib.glob("vis-*/vis-network.min.js"),
        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)),
    )
    if not found:
        raise GraphError(
            f"pyvis's bundled vis-network is missing under {lib}; reinstall pyvis "
            "(`pip install --force-reinstall pyvis`)"
        )
    return found[-1].read_text(encoding="utf-8")


def _inline_js(text: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return _SCRIPT_END.sub(r"<\\/\1", text).replace("<!--", "<\\!--")


def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@cache
def explorer_js() -> str:
    """The page's script: the files of :data:`SCRIPTS` joined in one strict-mode function.

    Examples
    --------
    >>> js = explorer_js()
    >>> js.startswith("(function () {"), js.rstrip().endswith("})();")
    (True, True)
    """
    parts = [f"// ---- {name}\n{_asset(name)}" for name in SCRIPTS]
    return '(function () {\n"use strict";\n' + "\n".join(parts) + "\n})();\n"


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(model: dict[str, Any]) -> str:
    """The HTML of the explorer page for a view model (see :func:`~graph.render.view_model`).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.render.model import view_model
    >>> G = nx.Graph()
    >>> G.add_node("ex:a", label="<b>A</b>", kind="person")
    >>> page = render_page(view_model(G, title="A & B"))
    >>> page.startswith("<!DOCTYPE html>"), "<title>A &amp; B · innograph</title>" in page
    (True, True)
    >>> "<b>A</b>" in page
    False
    """
    vis = _inline_js(vis_network_js())
    app = _inline_js(explorer_js())
    title = str(model.get("title") or "innograph")
    csp = (
        "default-src 'none'; "
        f"script-src {_hash(vis)} {_hash(app)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    inside = {part for parts in BLOCKS.values() for part in parts}
    blocks = [_block("innograph-data", {k: v for k, v in model.items() if k not in inside})]
    blocks.extend(_block(name, {part: _columns(part, model[part]) for part in parts}, lines=False)
                  for name, parts in BLOCKS.items())
    values = {
        "title": html.escape(title, quote=True),
        "csp": html.escape(csp, quote=True),
        "style": _asset("explorer.css"),
        "data": "\n".join(blocks),
        "vis": vis,
        "script": app,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("explorer.html"))


def _block(name: str, data: Any, lines: bool = True) -> str:
    return f'<script type="application/json" id="{name}">{json_for_script(data, lines=lines)}</script>'


def _columns(part: str, value: Any) -> Any:
    """A part of the view model as its block holds it: a table as its columns, the names as
    two columns (folded name, node)."""
    if part == "names":
        return {"key": [k for k, _ in value], "node": [i for _, i in value]}
    if part in _ROWS:
        if not isinstance(value, Table):
            raise InputError(f"the view model's {part!r} must be the table that view_model makes, "
                             f"not {type(value).__name__}")
        return value.columns
    return value


def page_data(page: str) -> dict[str, Any]:
    """The view model inside a page, read back from its data blocks (tables as rows).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.render.model import view_model
    >>> G = nx.Graph()
    >>> G.add_edge("ex:a", "ex:b")
    >>> data = page_data(render_page(view_model(G)))
    >>> [n["iri"] for n in data["nodes"]], data["names"]
    (['ex:a', 'ex:b'], [['ex a', 0], ['ex b', 1]])
    """
    found = dict(re.findall(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', page, re.S))
    if "innograph-data" not in found:
        raise InputError("the page has no innograph-data block: it is not an explorer page")
    model: dict[str, Any] = json.loads(found["innograph-data"])
    for name in BLOCKS:
        model.update(json.loads(found[name]))
    model["names"] = [list(p) for p in zip(model["names"]["key"], model["names"]["node"], strict=True)]
    for part, row in _ROWS.items():
        columns = model[part]
        for key in ("excerpt", "weight", "via", "shift"):
            if isinstance(columns.get(key), dict):
                columns[key] = {int(k): v for k, v in columns[key].items()}
        model[part] = Table(columns, row, len(columns["start"] if part == "evidence" else columns["from"]
                                               if part == "edges" else columns["label"]))
    return model


class HtmlView(str):
    """An explorer page: the HTML text itself, which also shows inline in Jupyter.

    It is a ``str`` (write it, search it, compare it), with :meth:`save` and a short ``repr``.

    Examples
    --------
    >>> view = HtmlView("<!DOCTYPE html><title>x</title>")
    >>> view.html == view, repr(view)
    (True, '<HtmlView: 31 characters of HTML>')
    """

    @property
    def html(self) -> str:
        """The page as a plain string."""
        return str(self)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (folders are created); return the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(str(self), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        srcdoc = html.escape(str(self), quote=True)
        return (
            '<iframe sandbox="allow-scripts" style="width:100%;height:640px;border:1px solid #ccc"'
            f' title="innograph explorer" srcdoc="{srcdoc}"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<HtmlView: {len(self)} characters of HTML>"
