"""The node, edge and evidence tables of a view model, built as columns (:mod:`.columns`).

Each table is a list per field: kinds, types, sectors, countries, relations, roles, edge labels
and the namespaces of IRIs and claims are numbers looked up in small tables of their own, and
rare fields are kept by row number, so that a page of 100,000 nodes stays small and quick to
read. :func:`node_row`, :func:`edge_row` and :func:`evidence_row` give a row as the dict that the
page's script builds from the same columns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..search import fold
from ..vocab import PREFIXES
from .columns import Interned, Table
from .layout import TAG_PX

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["EXCERPT_CONTEXT", "KINDS", "KIND_STYLES", "METRIC_DIGITS", "SAME_AS_LABEL", "Listed",
           "edge_row", "edge_table", "evidence_row", "legends", "node_row", "node_table", "short_iri"]

#: Characters of source text shown on each side of an evidence span.
EXCERPT_CONTEXT = 160
#: Significant digits of the metric values on a page (as the side panel and the table show them).
METRIC_DIGITS = 4

#: How each kind of node looks: (kind, legend label, colour, vis-network shape), legend order.
KIND_STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("person", "Person", "#0072B2", "dot"),
    ("organisation", "Organisation", "#D55E00", "square"),
    ("unit", "Unit of an organisation", "#E69F00", "square"),
    ("group", "Group of people", "#56B4E9", "triangle"),
    ("event", "Event", "#CC79A7", "star"),
    ("place", "Place", "#009E73", "triangleDown"),
    ("topic", "Topic", "#B8A600", "diamond"),
    ("article", "Source article", "#6E6E6E", "hexagon"),
    ("other", "Other", "#9A9A9A", "dot"),
)

_SPAN = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


#: The project's namespaces, longest first (as :func:`graph.vocab.curie` tries them).
_BY_LENGTH = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: (-len(x[0]), x[1]))


@cache
def _namespaces_under(head: str) -> tuple[tuple[str, str], ...]:
    """The namespaces (longest first) that may shorten an IRI whose text up to its last ``/``
    is ``head``: the local part has no ``/``, so only those that begin with ``head``."""
    return tuple((ns, p) for ns, p in _BY_LENGTH if ns.startswith(head))


def short_iri(iri: str) -> str:
    """:func:`graph.vocab.curie` (not strict), trying only the namespaces that can fit: a page
    shortens hundreds of thousands of claim and relation IRIs.

    >>> from graph.vocab import curie
    >>> [short_iri(x) == curie(x) for x in ("https://schema.org/Event", "http://example.org/x/y",
    ...  "https://w3id.org/innograph/id/claim/000/a", "urn:x", "")]
    [True, True, True, True, True]
    """
    text = str(iri)
    head = text[:text.rfind("/") + 1]
    for ns, prefix in _namespaces_under(head):
        if text.startswith(ns) and "/" not in text[len(ns):]:
            return f"{prefix}:{text[len(ns):]}"
    return text


@cache
def _types(text: str) -> tuple[str, ...]:
    """The types of a node (IRIs separated by spaces), shortened and sorted."""
    return tuple(sorted(short_iri(t) for t in text.split()))


@cache
def _parts(text: str) -> tuple[str, ...]:
    """The parts of a ``;``-separated value that repeats across nodes (countries)."""
    return tuple(_split(text))


def _split(text: Any, sep: str = ";") -> list[str]:
    if not text:
        return []
    text = str(text)
    if sep not in text:
        return [text] if text.strip() else []
    return [p for p in text.split(sep) if p.strip()]


def _number(value: Any, digits: int = 6) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    x = float(value)
    if x != x or x in (float("inf"), float("-inf")):
        raise InputError(f"a metric value must be a finite number, not {value!r}")
    return float(f"{x:.{digits}g}")


def _excerpt(text: str, start: int, end: int, context: int) -> dict[str, Any]:
    """The span of ``text`` with up to ``context`` characters each side, cut at spaces."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return {
        "before": ("… " if lo > 0 else "") + text[lo:start],
        "span": text[start:end],
        "after": text[end:hi] + (" …" if hi < len(text) else ""),
    }


Listed = list[tuple[int, int, str, str, Mapping[str, Any]]]


#: The kinds in the order of :data:`KIND_STYLES`: a node's kind is its number in this list.
KINDS: tuple[str, ...] = tuple(k for k, *_ in KIND_STYLES)
_KIND_NUMBER = {k: i for i, k in enumerate(KINDS)}
_LANGS = ("nb", "en", "sv")
#: In a column of names in one language: the name is the node's label.
SAME_AS_LABEL = 1
_ASCII_NON_WORD = re.compile(r"[^0-9a-z]+")


@cache
def _fold_word(word: str) -> str:
    if word.isascii():
        return _ASCII_NON_WORD.sub(" ", word.replace("&", " og ").lower()).strip()
    return fold(word)


def _fold(text: str) -> str:
    """:func:`graph.search.fold`, a word at a time with each word's folding kept (the words
    of names repeat): folding works on each character and its accents, and any space
    separates, so the result is the same."""
    return " ".join(w for w in map(_fold_word, text.split()) if w)


def node_row(c: dict[str, Any], i: int) -> dict[str, Any]:
    """A node as a dict, from the columns of the node table."""
    label = c["label"][i]
    labels = {}
    for lang in _LANGS:
        x = c[lang][i]
        if x is not None:
            labels[lang] = label if x == SAME_AS_LABEL else x
    node: dict[str, Any] = {
        "id": i, "iri": c["iri_heads"][c["iri_head"][i]] + c["iri"][i], "label": label, "labels": labels,
        "kind": c["kinds"][c["kind"][i]], "degree": c["degree"][i], "x": c["x"][i], "y": c["y"][i],
    }
    optional = (("types", c["type_sets"][c["types"][i]]), ("sector", c["sector_names"][c["sector"][i]]),
                ("country", c["country_sets"][c["country"][i]]), ("date", c["date"][i]))
    node.update((k, list(x) if isinstance(x, tuple) else x) for k, x in optional if x)
    if "size" in c:
        node["size"] = c["size"][i]
    if "metrics" in c:
        node["metrics"] = {k: col[i] for k, col in c["metrics"].items() if col[i] is not None}
    if "group" in c:
        node["group"] = c["group"][i]
    return node


def node_table(G: nx.Graph, order: list[Hashable], degree: Mapping[Hashable, int],
           pos: Mapping[Hashable, tuple[float, float]], radius: Mapping[Hashable, float] | None,
           metrics: Mapping[str, Mapping[str, float]], metric_names: list[str],
           names: Mapping[str, Iterable[str]] | None) -> tuple[Table, list[list[Any]]]:
    """The nodes as the page reads them (a table of columns), and the search index of their
    folded names."""
    attrs = [G.nodes[v] for v in order]
    label = [str(a.get("label") or a.get("iri") or v) for a, v in zip(attrs, order, strict=True)]
    iris = [str(a.get("iri") or v) for a, v in zip(attrs, order, strict=True)]
    heads = Interned([""])
    cut = [_head(x) for x in iris]
    c: dict[str, Any] = {
        "iri_head": [heads.number(x[:k]) for x, k in zip(iris, cut, strict=True)],
        "iri": [x[k:] for x, k in zip(iris, cut, strict=True)],
        "iri_heads": heads.values,
        "label": label,
    }
    for lang in _LANGS:
        key = f"label_{lang}"
        c[lang] = [None if not (x := a.get(key)) else SAME_AS_LABEL if str(x) == lb else str(x)
                   for a, lb in zip(attrs, label, strict=True)]
    other = _KIND_NUMBER["other"]
    c["kind"] = [_KIND_NUMBER.get(str(a.get("kind") or "other"), other) for a in attrs]
    c["kinds"] = list(KINDS)
    c["degree"] = [degree[v] for v in order]
    c["x"] = [pos[v][0] for v in order]
    c["y"] = [pos[v][1] for v in order]
    types, sectors, countries = Interned([()]), Interned([""]), Interned([()])
    c["types"] = [types.number(_types(str(a.get("types") or ""))) for a in attrs]
    c["type_sets"] = types.values
    c["sector"] = [sectors.number(str(a.get("sector") or "")) for a in attrs]
    c["sector_names"] = sectors.values
    c["country"] = [countries.number(_parts(str(a.get("country") or ""))) for a in attrs]
    c["country_sets"] = countries.values
    c["date"] = [str(a.get("date") or "") for a in attrs]
    if radius is not None:
        c["size"] = [round(radius[v], 1) for v in order]
    if metrics:
        values = [metrics.get(str(v), {}) for v in order]
        c["metrics"] = {m: [None if (x := mv.get(m)) is None else _number(x, METRIC_DIGITS)
                            for mv in values] for m in sorted(metric_names)}
    name_index: set[tuple[str, int]] = set()
    extra = names or {}
    for i, a in enumerate(attrs):
        found = {label[i], *(str(a[f"label_{lang}"]) for lang in _LANGS if a.get(f"label_{lang}"))}
        found.update(str(x) for x in extra.get(str(order[i]), ()))
        for name in found:
            key = _fold(name)
            if key:
                name_index.add((key, i))
    return Table(c, node_row, len(order)), sorted([k, i] for k, i in name_index)


def evidence_row(c: dict[str, Any], i: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"source": c["source"][i], "start": c["start"][i], "end": c["end"][i]}
    excerpt = c["excerpt"].get(i)
    if excerpt is not None:
        entry["excerpt"] = excerpt
    return entry


class _Citations:
    """The evidence table of a page: each (source, start, end) once, with its excerpt."""

    def __init__(self, source_label: Mapping[str, str], texts: Mapping[str, str] | None) -> None:
        self.source_label, self.texts = source_label, texts or {}
        self.columns: dict[str, Any] = {"source": [], "start": [], "end": [], "excerpt": {}}
        self.sources: list[dict[str, str]] = []
        self._evidence_id: dict[tuple[str, int, int], int] = {}
        self._source_id: dict[str, int] = {}

    @property
    def evidence(self) -> Table:
        return Table(self.columns, evidence_row, len(self.columns["start"]))

    def cite(self, source: str, start: int, end: int) -> int:
        key = (source, start, end)
        found = self._evidence_id.get(key)
        if found is not None:
            return found
        if source not in self._source_id:
            self._source_id[source] = len(self.sources)
            self.sources.append({"iri": source,
                                 "label": self.source_label.get(source, short_iri(source))})
        c = self.columns
        found = self._evidence_id[key] = len(c["start"])
        c["source"].append(self._source_id[source])
        c["start"].append(start)
        c["end"].append(end)
        text = self.texts.get(source)
        if text is not None and 0 <= start <= end <= len(text):
            c["excerpt"][found] = _excerpt(text, start, end, EXCERPT_CONTEXT)
        return found

    def spans(self, d: Mapping[str, Any]) -> list[int]:
        """The evidence ids of an edge's ``evidence`` spans."""
        evidence = d.get("evidence")
        if not evidence:
            return []
        span_sources = _split(d.get("evidence_sources"))
        fallback = _split(d.get("source"))
        cited = []
        for j, span in enumerate(_split(evidence)):
            m = _SPAN.match(span)
            source = span_sources[j] if j < len(span_sources) else (fallback[0] if len(fallback) == 1 else "")
            if m:
                cited.append(self.cite(source, int(m.group(1)), int(m.group(2))))
        return cited if len(cited) == 1 else sorted(set(cited))


def edge_row(c: dict[str, Any], i: int) -> dict[str, Any]:
    """An edge as a dict, from the columns of the edge table."""
    relation = c["relations"][c["relation"][i]]
    claims, heads = c["claims"][i], c["claim_heads"]
    edge: dict[str, Any] = {
        "id": i, "from": c["from"][i], "to": c["to"][i],
        "label": c["labels"][c["label"][i]] or relation, "relation": relation,
        "evidence": list(c["evidence"][i]),
        "claims": [heads[claims[k]] + claims[k + 1] for k in range(0, len(claims), 2)],
    }
    if c["role"][i]:
        edge["role"] = c["roles"][c["role"][i]]
    if c["heads"][i]:
        edge["heads"] = True
    if c["during"][i]:
        edge["during"] = c["during"][i]
    for key in ("weight", "via", "shift"):
        x = c[key].get(i)
        if x is not None:
            edge[key] = list(x) if key == "via" else x
    return edge


def edge_table(listed: Listed, order: list[Hashable], G: nx.Graph,
           source_texts: Mapping[str, str] | None,
           ) -> tuple[Table, list[dict[str, str]], Table]:
    """The evidence table, the sources and the edges of the page."""
    citations = _Citations({str(G.nodes[v].get("iri") or v): str(G.nodes[v].get("label") or v)
                            for v in order if G.nodes[v].get("kind") == "article"}, source_texts)
    # parallel edges (either direction) share one line: stack their labels on it
    bundle: dict[tuple[int, int], int] = {}
    for a, b, *_ in listed:
        pair = (a, b) if a < b else (b, a)
        bundle[pair] = bundle.get(pair, 0) + 1
    seen: dict[tuple[int, int], int] = {}
    relations, roles, labels, heads = Interned([""]), Interned([""]), Interned([""]), Interned([""])
    c: dict[str, Any] = {k: [] for k in ("from", "to", "label", "relation", "evidence", "claims",
                                         "role", "heads", "during")}
    c.update(weight={}, via={}, shift={})  # rare: by edge number
    spans = citations.spans
    for i, (a, b, relation, label, d) in enumerate(listed):
        pair = (a, b) if a < b else (b, a)
        short = short_iri(relation) if relation else ""
        c["from"].append(a)
        c["to"].append(b)
        c["label"].append(0 if not label or label == short else labels.number(label))
        c["relation"].append(relations.number(short))
        c["evidence"].append(spans(d))
        claims = d.get("claims")
        cited: list[Any] = []
        for x in _split(claims) if claims else ():
            x = short_iri(x)
            k = _head(x)
            cited += (heads.number(x[:k]), x[k:])
        c["claims"].append(cited)
        role = d.get("role")
        c["role"].append(roles.number(short_iri(str(role))) if role else 0)
        c["heads"].append(1 if d.get("heads") else 0)
        during = d.get("during")
        c["during"].append(str(during) if during else "")
        weight = d.get("weight")
        if weight is not None:
            c["weight"][i] = _number(weight)
        via = d.get("via")
        if via:
            c["via"][i] = _split(via)
        if bundle[pair] > 1:
            nth = seen.get(pair, 0)
            seen[pair] = nth + 1
            c["shift"][i] = round((nth - (bundle[pair] - 1) / 2) * TAG_PX, 1)
    c["relations"], c["roles"], c["labels"], c["claim_heads"] = (
        relations.values, roles.values, labels.values, heads.values)
    return citations.evidence, citations.sources, Table(c, edge_row, len(listed))


def _head(iri: str) -> int:
    """Where the last part of an IRI (or CURIE) begins: after its last ``/``, ``#`` or ``:``.

    >>> x = "https://w3id.org/innograph/id/person/unni"; x[:_head(x)]
    'https://w3id.org/innograph/id/person/'
    """
    return max(iri.rfind("/"), iri.rfind("#"), iri.rfind(":")) + 1


def legends(nodes: Table) -> dict[str, Any]:
    """The legend of kinds (also a filter) and the helix sectors, with their counts."""
    c = nodes.columns
    kinds = Counter(c["kinds"][k] for k in c["kind"])
    sectors = Counter(c["sector_names"][x] for x in c["sector"])
    return {
        "legend": [{"kind": k, "label": label, "colour": colour, "shape": shape, "count": kinds[k]}
                   for k, label, colour, shape in KIND_STYLES if k in kinds],
        "sectors": [{"sector": s, "count": n} for s, n in sorted(sectors.items())],
    }
