"""The network as of a date, and what changed between two dates.

Projections (:mod:`graph.network`) carry time as text: a node's ``date`` (an event's day or
period, an organisation's founding and dissolution) and a post edge's ``during``. Both are
``YYYY[-MM[-DD]]`` or a period ``START/END`` with ``..`` for an open bound (see
``graph.network._period``). As of a day ``D``:

- an *event* (and a *source*) is shown once it has begun: its period starts on or before ``D``;
- any other node with a period is shown while ``D`` lies in it;
- a *post* is shown while ``D`` lies in its period; a post known only by the day a source saw
  it held (one date, no start or end) counts from that day on, until a source ends it;
- every other edge is shown when both its ends are;
- a node that has edges in the whole picture but none left as of ``D`` is left out too (a
  person known only through a later post is not part of the earlier picture).

The explorer's date control (``graph/render/explorer-time.js``) applies the same rules in the
page; a test checks that both agree.

Examples
--------
>>> bounds("2018")
('2018-01-01', '2018-12-31')
>>> bounds("2015-03/..")
('2015-03-01', None)
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("p", kind="person", date=""); G.add_node("o", kind="organisation", date="")
>>> _ = G.add_edge("p", "o", relation=MEMBERSHIP, during="2020-05-01/..")
>>> sorted(as_of(G, "2020-01-01").nodes), sorted(as_of(G, "2021-01-01").nodes)
([], ['o', 'p'])
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import Any

from .errors import InputError
from .vocab import ORG

__all__ = ["MEMBERSHIP", "alive", "as_of", "bounds", "changes", "check_day"]

MEMBERSHIP = str(ORG) + "Membership"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: The kinds whose nodes stay once they have begun (an event that took place stays in the past).
_BEGUN = ("event", "article", "source")


def check_day(text: str, option: str = "--as-of") -> str:
    """``text`` when it is a ``YYYY-MM-DD`` day, else an :class:`InputError` that says so.

    >>> check_day("2018-01-09")
    '2018-01-09'
    """
    try:
        _dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InputError(f"{option} takes a day as YYYY-MM-DD, e.g. {option} 2018-01-09; "
                         f"got {text!r}") from None
    return text


def _start(text: str) -> str | None:
    m = _DATE.match(text)
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{mo or '01'}-{d or '01'}"


def _end(text: str) -> str | None:
    m = _DATE.match(text)
    if not m:
        return None
    y, mo, d = m.groups()
    if d:
        return f"{y}-{mo}-{d}"
    if mo:
        return f"{y}-{mo}-{calendar.monthrange(int(y), int(mo))[1]:02d}"
    return f"{y}-12-31"


def bounds(text: str) -> tuple[str | None, str | None]:
    """The first and last day of a date or period (None for an open or unknown bound)."""
    text = (text or "").strip()
    if not text:
        return None, None
    if "/" in text:
        a, b = text.split("/", 1)
        return (None if a in ("", "..") else _start(a)), (None if b in ("", "..") else _end(b))
    return _start(text), _end(text)


def _node_on(attrs: dict[str, Any], day: str) -> bool:
    start, end = bounds(str(attrs.get("date") or ""))
    if start is not None and start > day:
        return False
    if attrs.get("kind") in _BEGUN:
        return True
    return end is None or end >= day


def _edge_on(attrs: dict[str, Any], day: str) -> bool:
    during = str(attrs.get("during") or "")
    if not during:
        return True
    start, end = bounds(during)
    if attrs.get("relation") == MEMBERSHIP and "/" not in during:
        end = None                       # seen held on that day: from then on
    return (start is None or start <= day) and (end is None or end >= day)


def alive(G: Any, day: str) -> tuple[set[Any], set[tuple[Any, ...]]]:
    """The nodes and the edges (``(u, v, key)``, or ``(u, v)`` in a simple graph) shown as of
    ``day``, by the rules of the module."""
    check_day(day, "day")
    multi = G.is_multigraph()
    nodes = {n for n, d in G.nodes(data=True) if _node_on(d, day)}
    edges: set[tuple[Any, ...]] = set()
    touched: set[Any] = set()
    items = G.edges(keys=True, data=True) if multi else ((u, v, None, d) for u, v, d in
                                                            G.edges(data=True))
    for u, v, k, d in items:
        if u in nodes and v in nodes and _edge_on(d, day):
            edges.add((u, v, k) if multi else (u, v))
            touched.update((u, v))
    nodes = {n for n in nodes if n in touched or G.degree(n) == 0}
    return nodes, edges


def as_of(G: Any, day: str) -> Any:
    """A copy of the projection ``G`` with what it shows as of ``day`` (``YYYY-MM-DD``).

    Raises
    ------
    InputError
        When ``day`` is not a ``YYYY-MM-DD`` day.
    """
    nodes, edges = alive(G, day)
    H = G.__class__()
    H.graph.update(G.graph, as_of=day)
    H.add_nodes_from((n, G.nodes[n]) for n in G.nodes if n in nodes)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                         if (u, v, k) in edges)
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if (u, v) in edges)
    return H


def changes(G: Any, start: str, end: str) -> Any:
    """What changed from ``start`` to ``end``: the nodes and edges shown on either day, each
    with ``change`` = ``added`` (shown on ``end`` only), ``removed`` (on ``start`` only) or
    ``kept``.

    Raises
    ------
    InputError
        For a day that is not ``YYYY-MM-DD``, or ``start`` after ``end``.
    """
    check_day(start, "the first day")
    check_day(end, "the second day")
    if start > end:
        raise InputError(f"the first day ({start}) is after the second ({end}): give them in order")
    n1, e1 = alive(G, start)
    n2, e2 = alive(G, end)

    def change(x: Any, a: set[Any], b: set[Any]) -> str:
        return "kept" if x in a and x in b else "added" if x in b else "removed"

    H = G.__class__()
    H.graph.update(G.graph, changes=f"{start}/{end}")
    H.add_nodes_from((n, {**G.nodes[n], "change": change(n, n1, n2)}) for n in G.nodes
                     if n in n1 or n in n2)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, {**d, "change": change((u, v, k), e1, e2)})
                         for u, v, k, d in G.edges(keys=True, data=True)
                         if (u, v, k) in e1 or (u, v, k) in e2)
    else:
        H.add_edges_from((u, v, {**d, "change": change((u, v), e1, e2)})
                         for u, v, d in G.edges(data=True) if (u, v) in e1 or (u, v) in e2)
    return H
