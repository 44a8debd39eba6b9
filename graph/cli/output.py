"""What the ``innograph`` command writes: stdout and stderr, messages made safe for a terminal,
progress lines, an entity as text, and analysis results as a table, CSV or JSON.

The library returns values and never prints; this module turns them into text. Query results
keep their own formats in :mod:`graph.results` (the SPARQL server writes the same ones).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis, EgoSummary, Hop, Node, Tie
    from ..kg import Entity

__all__ = [
    "ANALYSIS_FORMATS",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "StepProgress",
    "counted",
    "entity_text",
    "err",
    "evidence_text",
    "format_analysis",
    "format_ego",
    "format_path",
    "load_progress_bar",
    "out",
    "shown",
]

#: The exit codes, the same for every command: success; the data do not conform, or a store or
#: source failed; bad input.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: The output formats of :func:`format_analysis`, :func:`format_path` and :func:`format_ego`.
ANALYSIS_FORMATS = ("table", "csv", "json")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """A number with its noun, singular for one.

    >>> counted(1, "claim"), counted(2, "claim"), counted(0, "evidence span")
    ('1 claim', '2 claims', '0 evidence spans')
    >>> counted(1, "persons"), counted(1, "quotations"), counted(1, "quads")
    ('1 person', '1 quotation', '1 quad')
    """
    if noun.endswith("s") and plural is None:  # given in the plural: the singular drops the s
        noun, plural = noun[:-1], noun
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def out(text: str) -> None:
    """Write ``text`` to stdout, ending it with a newline when it has none."""
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def err(text: str) -> None:
    """Write ``text`` to stderr as one message ending in one newline."""
    sys.stderr.write(text.rstrip("\n") + "\n")


def shown(text: str) -> str:
    r"""A message with the control characters of user input escaped (lines and tabs kept), so
    that a name or a path cannot send escape sequences to the terminal.

    Examples
    --------
    >>> print(shown("nothing is named 'a\x1b[2Jb'\nnext line"))
    nothing is named 'a\x1b[2Jb'
    next line
    """
    return "".join(
        c if c in "\n\t" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000)
        else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )


# ---------------------------------------------------------------------------- progress


class StepProgress:
    """Progress of long steps on stderr: a live line on a terminal (cleared when a step ends);
    elsewhere a line at every tenth of a step with 100 parts or more."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown: dict[str, int] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.tty:
            line = "\r\x1b[K" if done == total else f"\r\x1b[K{step}: {done}/{total}"
            sys.stderr.write(line)
            sys.stderr.flush()
            return
        tenth = done * 10 // max(total, 1)
        if total >= 100 and self.shown.get(step) != tenth:
            self.shown[step] = tenth
            err(f"{step}: {done}/{total}")


def load_progress_bar(stream: Any = None) -> Callable[[Any], None]:
    """A load progress callback that draws one bar per file on stderr."""
    stream = stream or sys.stderr
    live = stream.isatty()

    def draw(p: Any) -> None:
        name = f"[{p.index}/{p.files}] {p.path.name}"
        if p.skipped:
            stream.write(f"{name}  already loaded, skipped\n")
        elif p.finished:
            end = "\r" if live else ""
            stream.write(f"{end}{name}  [{'#' * 30}] 100%  {p.quads:,} quads added\n")
        elif live:
            frac = p.done / p.size if p.size else 1.0
            bar = "#" * int(frac * 30)
            stream.write(f"\r{name}  [{bar:<30}] {frac:4.0%}  {p.done / 1e6:,.1f} MB")
        stream.flush()

    return draw


# ---------------------------------------------------------------------------- entities


def _iri(text: str) -> Any:
    from rdflib import URIRef

    return URIRef(text)


def evidence_text(
    evidence: Sequence[Any], sources: bool = False, records: Sequence[Any] = ()
) -> str:
    """Spans as ``start-end`` (with ``sources``, each after its source, when there are many),
    then register records ("from the register …")."""
    from ..results import short, span_text

    spans = [
        f"{short(_iri(e.source)) + ' ' if sources else ''}{span_text(e.start, e.end)}"
        for e in evidence
    ]
    return "; ".join(spans + [str(r) for r in records])


def entity_text(e: Entity) -> str:
    """An entity as ``innograph entity`` shows it: names and types, then its relations out and
    in, each with its evidence."""
    from ..results import short

    lines = [f"{e.label}  <{e.iri}>"]
    if e.types:
        lines.append("types: " + ", ".join(short(_iri(t)) for t in e.types))
    for lang, names in e.labels.items():
        lines.append(f"names{' @' + lang if lang else ''}: " + " | ".join(names))
    many = len({x.source for r in e.outgoing + e.incoming for x in r.evidence}) > 1
    lines.append("out:")
    for r in e.outgoing:
        ev = (f"   evidence {evidence_text(r.evidence, many, r.records)}"
              if r.evidence or r.records else "")
        lines.append(f"  {short(_iri(r.predicate))}  {short(r.object)}{ev}")
    lines.append("in:")
    for r in e.incoming:
        ev = (f"   evidence {evidence_text(r.evidence, many, r.records)}"
              if r.evidence or r.records else "")
        lines.append(f"  {short(_iri(r.subject))}  {short(_iri(r.predicate))}{ev}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- analysis results


def _check_format(fmt: str) -> None:
    if fmt not in ANALYSIS_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(ANALYSIS_FORMATS)}")


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _json(doc: object) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _num(x: float) -> str:
    return f"{x:.4f}"


def _sig(x: float) -> float:
    return float(f"{x:.6g}")


def _node_doc(a: Analysis, v: Node, community: dict[Node, int]) -> dict[str, Any]:
    from ..analysis.base import node_label

    attrs = a.G.nodes[v]
    return {
        "id": str(v),
        "label": node_label(a.G, v),
        "kind": str(attrs.get("kind", "")),
        "country": str(attrs.get("country", "")),
        "sector": str(attrs.get("sector", "")),
        "neighbours": a.G.degree(v),
        "degree": _sig(a.degree[v]),
        "betweenness": _sig(a.betweenness[v]),
        "eigenvector": _sig(a.eigenvector[v]),
        "community": community[v],
        "broker": a.brokers.get(v, []),
    }


def format_analysis(a: Analysis, fmt: str = "table", *, top: int | None = None) -> str:
    """An analysis as text: tables for people, CSV for spreadsheets, JSON for programs.

    ``table`` shows the ``top`` nodes (default 10) by each centrality, the brokers, the bridges
    and the communities; ``csv`` lists the ``top`` nodes (default: every node) with all their
    metrics, highest betweenness first; ``json`` holds everything (``top``, default 10, limits
    its rankings).

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis import analyze
    >>> print(format_analysis(analyze(nx.path_graph(["a", "b", "c"])), "csv"), end="")
    rank,id,label,kind,country,sector,neighbours,degree,betweenness,eigenvector,community,broker
    1,b,b,,,,2,1.0,1.0,0.707107,0,articulation point
    2,a,a,,,,1,0.5,0.0,0.5,0,
    3,c,c,,,,1,0.5,0.0,0.5,0,
    """
    _check_format(fmt)
    if fmt == "csv":
        return _analysis_csv(a, top)
    if fmt == "json":
        return _analysis_json(a, top)
    return _analysis_table(a, top)


def _analysis_csv(a: Analysis, top: int | None) -> str:
    community = a.community_of()
    ranked = a.ranking("betweenness")
    docs = [_node_doc(a, v, community) for v in (ranked if top is None else ranked[:top])]
    header = ["rank", *docs[0].keys()] if docs else ["rank", "id"]
    return _csv(header, (
        [i, *(("; ".join(x) if isinstance(x, list) else x) for x in d.values())]
        for i, d in enumerate(docs, 1)
    ))


def _analysis_json(a: Analysis, top: int | None) -> str:
    from ..analysis.base import node_label

    G = a.G
    community = a.community_of()
    return _json({
        "view": a.view,
        "nodes": a.nodes,
        "edges": a.edges,
        "ties": a.ties,
        "components": a.components,
        "parameters": {"k": a.k, "seed": a.seed, "resolution": a.resolution},
        "algorithms": a.algorithms(),
        "started": a.started.isoformat(),
        "ended": a.ended.isoformat(),
        "top": {
            m: [{"id": str(v), "label": node_label(G, v), "value": x}
                for v, x in a.top(m, 10 if top is None else top)]
            for m in ("degree", "betweenness", "eigenvector")
        },
        "brokers": [
            {"id": str(v), "label": node_label(G, v), "betweenness": a.betweenness[v],
             "reasons": a.brokers[v]}
            for v in a.broker_ranking()
        ],
        "bridges": [[str(u), str(v)] for u, v in a.bridges],
        "communities": [[str(v) for v in c] for c in a.communities],
        "metrics": [_node_doc(a, v, community) for v in a.ranking("betweenness")],
    })


def _analysis_table(a: Analysis, top: int | None) -> str:
    from ..analysis.base import node_label, rank_key
    from ..results import text_table

    G = a.G
    sample = "exact" if a.k is None else f"estimated from {a.k} sampled sources, seed {a.seed}"
    parts = [
        f"{(a.view or 'graph').capitalize()} view: {a.nodes} nodes, {a.edges} edges, {a.ties} ties "
        f"(linked pairs), {a.components} component{'s' if a.components != 1 else ''}\n"
        f"betweenness: {sample}; communities: Louvain, seed {a.seed}\n"
    ]
    titles = {"degree": "degree centrality", "betweenness": "betweenness centrality",
              "eigenvector": "eigenvector centrality"}
    for metric, title in titles.items():
        rows = [
            [str(i), node_label(G, v), str(G.nodes[v].get("kind", "")), str(G.degree(v)), _num(x)]
            for i, (v, x) in enumerate(a.top(metric, 10 if top is None else top), 1)
        ]
        parts.append(f"Top {len(rows)} by {title}\n" + text_table(
            ["rank", "node", "kind", "ties", metric], rows, count=False))
    ranked = a.broker_ranking()
    rows = [
        [str(i), node_label(G, v), str(G.nodes[v].get("kind", "")), _num(a.betweenness[v]),
         "; ".join(a.brokers[v])]
        for i, v in enumerate(ranked[:top], 1)
    ]
    parts.append(f"Brokers ({len(ranked)}), highest betweenness first\n" + text_table(
        ["rank", "actor", "kind", "betweenness", "why"], rows, count=False))
    rows = [[node_label(G, u), node_label(G, v)] for u, v in a.bridges[:top]]
    parts.append(f"Bridges ({len(a.bridges)}): ties whose removal cuts the graph apart\n"
                 + text_table(["node", "node"], rows, count=False))
    rows = []
    for i, members in enumerate(a.communities[:top]):
        by_degree = sorted(members, key=rank_key(G, a.degree))
        names = ", ".join(node_label(G, v) for v in by_degree[:4])
        more = f" and {len(members) - 4} more" if len(members) > 4 else ""
        rows.append([str(i), str(len(members)), names + more])
    parts.append(f"Communities ({len(a.communities)}), largest first\n" + text_table(
        ["community", "size", "members (most ties first)"], rows, count=False))
    return "\n".join(parts)


def format_path(hops: Sequence[Hop], fmt: str = "table") -> str:
    """A path as text: one row per relation along the way, with its evidence.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> from graph.analysis import shortest_path
    >>> G.add_edge("seminar", "Ann", label="speaker", evidence="10-20")
    0
    >>> print(format_path(shortest_path(G, "seminar", "Ann"), "csv"), end="")
    step,from,relation,direction,to,evidence,source,relation_iri,role
    1,seminar,speaker,->,Ann,10-20,,,
    """
    from ..results import text_table

    _check_format(fmt)
    rows = [
        (i, hop, t) for i, hop in enumerate(hops, 1) for t in hop.ties
    ]
    if fmt == "json":
        return _json([
            {"step": i, "from": str(hop.source), "from_label": hop.source_label,
             "to": str(hop.target), "to_label": hop.target_label,
             "ties": [{"relation": t.relation, "label": t.label, "role": t.role,
                       "direction": "->" if t.forward else "<-", "evidence": t.evidence,
                       "source": t.source, "claims": t.claims} for t in hop.ties]}
            for i, hop in enumerate(hops, 1)
        ])
    if fmt == "csv":
        return _csv(
            ["step", "from", "relation", "direction", "to", "evidence", "source",
             "relation_iri", "role"],
            ([i, hop.source_label, t.label, "->" if t.forward else "<-", hop.target_label,
              t.evidence, t.source, t.relation, t.role] for i, hop, t in rows),
        )
    if not hops:
        return "The start and the end are the same node.\n"
    head = (f"From {hops[0].source_label} to {hops[-1].target_label}: "
            f"{len(hops)} hop{'s' if len(hops) != 1 else ''}\n")
    return head + text_table(
        ["step", "from", "relation", "to", "evidence"],
        ([str(i), hop.source_label, t.arrow(), hop.target_label, t.evidence]
         for i, hop, t in rows),
        count=False,
    )


def format_ego(s: EgoSummary, fmt: str = "table") -> str:
    """An :class:`EgoSummary` as text.

    Examples
    --------
    >>> import networkx as nx
    >>> from graph.analysis import ego_summary
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> print(format_ego(ego_summary(G, "b")), end="")
    b  <b>
    kind: -; country: -; sector: -
    ties: 2 neighbours; community 0 (3 members)
    degree centrality 1.0000 (rank 1 of 3)
    betweenness centrality 1.0000 (rank 1 of 3)
    eigenvector centrality 0.7071 (rank 1 of 3)
    broker: articulation point
    <BLANKLINE>
    relation   neighbour  kind  evidence
    ---------  ---------  ----  --------
    -linked->  a
    -linked->  c
    """
    from ..results import text_table

    _check_format(fmt)

    def other_label(t: Tie) -> str:
        return s.others[t.other][0]

    def other_kind(t: Tie) -> str:
        return s.others[t.other][1]

    if fmt == "json":
        return _json({
            "id": str(s.node), "label": s.label, "kind": s.kind, "country": s.country,
            "sector": s.sector, "neighbours": s.neighbours, "metrics": s.metrics,
            "ranks": s.ranks, "tied": s.tied, "of": s.of, "community": s.community,
            "community_size": s.community_size, "broker": s.broker,
            "ties": [{"relation": t.relation, "label": t.label, "role": t.role,
                      "direction": "->" if t.forward else "<-", "neighbour": str(t.other),
                      "neighbour_label": other_label(t), "evidence": t.evidence,
                      "source": t.source} for t in s.ties],
        })
    if fmt == "csv":
        return _csv(
            ["relation", "direction", "neighbour", "neighbour_label", "kind", "evidence",
             "relation_iri", "role"],
            ([t.label, "->" if t.forward else "<-", str(t.other), other_label(t),
              other_kind(t), t.evidence, t.relation, t.role] for t in s.ties),
        )
    lines = [
        f"{s.label}  <{s.node}>",
        f"kind: {s.kind or '-'}; country: {s.country or '-'}; sector: {s.sector or '-'}",
        f"ties: {s.neighbours} neighbours; community {s.community} "
        f"({s.community_size} members)",
    ]
    for m in ("degree", "betweenness", "eigenvector"):
        tied = s.tied.get(m, 0)
        shared = f", tied with {tied} other{'s' if tied > 1 else ''}" if tied else ""
        lines.append(f"{m} centrality {_num(s.metrics[m])} (rank {s.ranks[m]} of {s.of}{shared})")
    lines.append(f"broker: {'; '.join(s.broker) if s.broker else 'no'}")
    table = text_table(
        ["relation", "neighbour", "kind", "evidence"],
        ([t.arrow(), other_label(t), other_kind(t), t.evidence] for t in s.ties),
        count=False,
    )
    return "\n".join(lines) + "\n\n" + table
