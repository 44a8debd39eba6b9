"""Time the network analysis on synthetic actor graphs of 10,000 and 100,000 actors, and on
the actor view of a store (its projection included), beside networkx's figures.

    python benchmarks/bench_analysis.py                 # 10k and 100k actors
    python benchmarks/bench_analysis.py --sizes 2000 --k 50
    python benchmarks/bench_analysis.py --sizes --store oxigraph:eco-1m   # a store only

For a store, the first step is the projection (``kg.to_networkx(view="actors")``). Each step
that networkx also offers (sampled betweenness, Louvain, articulation points, bridges) runs
again through networkx on the same graph in the same run (``--no-reference`` skips these).

The synthetic graph looks like the actor view of a region: organisations (a tenth of the
actors; some are units of others, some hosted by others) with a helix sector and a country
(Norway, Sweden, a few both); persons with one or two posts in organisations chosen by
popularity (a power law: a few large employers, many small ones); events organised and hosted
by organisations, whose attendees and speakers are drawn from the persons, the active ones more
often (heavy-tailed event sizes and person activity), and a few follow-ups of earlier events.
It is a MultiDiGraph with the attributes of :func:`graph.network.actor_graph`, so each step runs
exactly as it does on real data. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from graph import analysis  # noqa: E402
from graph.analysis.base import IndexedGraph, collection_paused  # noqa: E402

SECTORS = (("government", 35), ("industry", 35), ("academia", 20), ("civil society", 10))
COUNTRIES = (("Norway", 55), ("Sweden", 40), ("Norway;Sweden", 5))


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def synthetic_actor_graph(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A seeded synthetic actor graph of about ``n`` nodes (persons, organisations, events)."""
    rng = random.Random(seed)
    n_org, n_event = max(2, n // 10), max(1, n // 15)
    n_person = n - n_org - n_event
    G: nx.MultiDiGraph = nx.MultiDiGraph(view="actors")
    orgs = [f"org/{i}" for i in range(n_org)]
    for i, o in enumerate(orgs):
        G.add_node(o, label=f"Organisation {i}", kind="unit" if i % 10 == 9 else "organisation",
                   country=_pick(rng, COUNTRIES), sector=_pick(rng, SECTORS))
    # organisation structure: units of larger organisations, clusters hosted by others
    for i, o in enumerate(orgs):
        if G.nodes[o]["kind"] == "unit":
            G.add_edge(o, orgs[rng.randrange(max(1, i // 2))], key="unitOf", relation="unitOf",
                       label="unit of")
        elif rng.random() < 0.05:
            G.add_edge(o, rng.choice(orgs), key="hostedBy", relation="hostedBy",
                       label="hosted by")
    org_weights = _cumulative([1 / (i + 1) for i in range(n_org)])
    persons = [f"person/{i}" for i in range(n_person)]
    for i, p in enumerate(persons):
        G.add_node(p, label=f"Person {i}", kind="person", country="", sector="")
        posts = 1 if rng.random() < 0.8 else (2 if rng.random() < 0.75 else 0)
        for o in dict.fromkeys(rng.choices(orgs, cum_weights=org_weights, k=posts)):
            G.add_edge(p, o, key=f"post/{i}/{o}", relation="Membership", label="member")
    activity = [1 / (i + 1) ** 0.7 for i in range(n_person)]
    rng.shuffle(activity)
    person_weights = _cumulative(activity)
    events = [f"event/{i}" for i in range(n_event)]
    for i, e in enumerate(events):
        G.add_node(e, label=f"Event {i}", kind="event", country="", sector="")
        organiser = rng.choices(orgs, cum_weights=org_weights)[0]
        G.add_edge(e, organiser, key="organizer", relation="organizer", label="organizer")
        if rng.random() < 0.5:
            G.add_edge(e, rng.choice(orgs), key="host", relation="host", label="host")
        size = min(500, int(5 * rng.paretovariate(1.5)))
        people = sorted(set(rng.choices(persons, cum_weights=person_weights, k=size)))
        for j, p in enumerate(people):
            role = "speaker" if j < 2 and rng.random() < 0.5 else "attendee"
            G.add_edge(e, p, key=role, relation=role, label=role)
        if i and rng.random() < 0.1:
            G.add_edge(e, events[rng.randrange(i)], key="followUpOf", relation="followUpOf",
                       label="follow-up of")
    return G


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


#: A row of the table: step, innograph's seconds, networkx's seconds (or None), detail.
Row = tuple[str, float, "float | None", str]


class Progress:
    """Progress to stderr: a line at every tenth of a long step."""

    def __init__(self) -> None:
        self.shown: dict[str, int] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if self.shown.get(step) != tenth:
            self.shown[step] = tenth
            print(f"  {step}: {done}/{total}", file=sys.stderr, flush=True)


def _steps(ig: IndexedGraph, k: int, seed: int, progress: Progress) -> list[tuple[str, Any, Any]]:
    """(step, innograph's call, networkx's call or None) for each step of the analysis, on the
    arrays the steps of one analysis share."""
    H = ig.H
    nx_steps = {
        "betweenness": lambda: nx.betweenness_centrality(H, k=min(k, len(H)), seed=seed),
        "communities": lambda: nx.community.louvain_communities(H, seed=seed),
        "articulation points": lambda: list(nx.articulation_points(H)),
        "bridges": lambda: list(nx.bridges(H)),
    }
    ours = [
        ("degree", lambda: analysis.degree_centrality(ig)),
        ("betweenness", lambda: analysis.betweenness_centrality(
            ig, k, seed=seed, progress=progress)),
        ("eigenvector", lambda: analysis.eigenvector_centrality(ig)),
        ("communities", lambda: analysis.communities(ig, seed=seed)),
        ("articulation points", lambda: analysis.articulation_points(ig)),
        ("bridges", lambda: analysis.bridges(ig)),
        ("brokers", lambda: analysis.brokers(ig)),
    ]
    return [(name, fn, nx_steps.get(name)) for name, fn in ours]


def _detail(H: nx.Graph, name: str, out: Any) -> str:
    if name == "communities":
        q = nx.community.modularity(H, [set(c) for c in out])
        return f"{len(out)} communities, modularity {q:.3f}"
    if name in ("articulation points", "bridges", "brokers"):
        return f"{len(out)} found"
    return ""


def _timed(fn: Any) -> tuple[Any, float]:
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def run(G: nx.MultiDiGraph, k: int, seed: int, reference: bool) -> list[Row]:
    """Time each step on one graph, innograph's and (with ``reference``) networkx's; then
    betweenness again in one process, beside the processes it used."""
    progress = Progress()
    with collection_paused():  # as analyze() runs its steps
        ig, seconds = _timed(lambda: IndexedGraph(G))
        H = ig.H
        rows: list[Row] = [("simple graph", seconds, None, f"{H.number_of_edges()} ties")]
        shared: dict[str, float] = {}
        for name, ours, theirs in _steps(ig, k, seed, progress):
            print(f"  {name} ...", file=sys.stderr, flush=True)
            out, seconds = _timed(ours)
            detail = _detail(H, name, out)
            if name == "betweenness":
                shared = out
                count = _processes(ig, k)
                detail = f"{count} process{'es' if count > 1 else ''}"
            reference_seconds = None
            if reference and theirs is not None:
                print(f"  {name} (networkx) ...", file=sys.stderr, flush=True)
                got, reference_seconds = _timed(theirs)
                if name == "communities":
                    detail += f"; networkx: {_detail(H, name, got)}"
            rows.append((name, seconds, reference_seconds, detail))
        print("  betweenness in one process ...", file=sys.stderr, flush=True)
        one, seconds = _timed(lambda: analysis.betweenness_centrality(
            ig, k, seed=seed, processes=1))
    ratio = next(r[1] for r in rows if r[0] == "betweenness") / seconds
    return [*rows, ("(betweenness in one process)", seconds, None,
                    f"the same values: {one == shared}; the processes took {ratio:.2f}x its time")]


def _processes(ig: IndexedGraph, k: int) -> int:
    """How many processes betweenness chooses for this graph (see its ``processes``)."""
    from graph.analysis import centrality

    sources = min(k, len(ig))
    blocks = -(-sources // centrality.BLOCK)
    return centrality._default_processes(sources * len(ig.csr[1]), blocks)


def print_table(title: str, rows: list[Row], first: tuple[Row, ...] = ()) -> None:
    """The steps with innograph's and networkx's seconds side by side, and the totals; the
    last of ``first`` (the projection the analysis used) counts in the last total."""
    print(f"\n{title}")
    print(f"{'step':<32}{'innograph s':>12}{'networkx s':>12}{'ratio':>8}  detail")
    for name, seconds, reference, detail in [*first, *rows]:
        theirs = f"{reference:12.2f}" if reference is not None else f"{'':>12}"
        ratio = f"{reference / seconds:7.1f}x" if reference is not None and seconds else f"{'':>8}"
        print(f"{name:<32}{seconds:12.2f}{theirs}{ratio}  {detail}")
    total = sum(seconds for name, seconds, _, _ in rows if not name.startswith("("))
    print(f"{'analysis in all':<32}{total:12.2f}")
    if first:
        print(f"{'analysis with its projection':<32}{total + first[-1][1]:12.2f}")


def from_store(spec: str) -> tuple[nx.MultiDiGraph, tuple[Row, Row]]:
    """The actor view of a store, and the time its projection took, with its edges' evidence
    (as pages and exports read it) and without (as an analysis reads it)."""
    from graph.kg import KnowledgeGraph
    from graph.stores import open_store

    kg = KnowledgeGraph(open_store(spec))
    print(f"{spec}: {len(kg):,} quads; projecting the actor view ...", file=sys.stderr,
          flush=True)
    full, with_evidence = _timed(lambda: kg.to_networkx(view="actors"))
    G, bare = _timed(lambda: kg.to_networkx(view="actors", evidence=False))
    kg.close()
    detail = f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"
    spans = sum(1 for *_, d in full.edges(data=True) if d["evidence"])
    return G, (("projection, with evidence", with_evidence, None,
                f"{detail}, {spans:,} with evidence"),
               ("projection for the analysis", bare, None, "the same, without evidence"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000],
                        help="synthetic actor graphs of these sizes (default: 10000 100000)")
    parser.add_argument("--store", action="append", default=[], metavar="STORE",
                        help="also the actor view of a store, projection included, e.g. "
                        "oxigraph:eco-1m (repeatable)")
    parser.add_argument("--k", type=int, default=500,
                        help="sampled sources for betweenness (default: 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-reference", action="store_true",
                        help="skip networkx's figures (the slow reference)")
    args = parser.parse_args(argv)
    print(f"betweenness is estimated from k={args.k} sampled sources (seed {args.seed})")
    start = time.perf_counter()
    sum(range(30_000_000))
    print(f"machine speed: a fixed Python loop took {time.perf_counter() - start:.2f} s "
          "(compare runs on different machines or loads by it)")
    for spec in args.store:
        G, first = from_store(spec)
        print_table(f"{spec} (the actor view)",
                    run(G, args.k, args.seed, not args.no_reference), first)
    for n in args.sizes:
        print(f"{n:,} actors ...", file=sys.stderr, flush=True)
        G, seconds = _timed(lambda n=n: synthetic_actor_graph(n, args.seed))
        print_table(f"{n:,} synthetic actors ({G.number_of_nodes()} nodes, "
                    f"{G.number_of_edges()} edges, generated in {seconds:.1f} s)",
                    run(G, args.k, args.seed, not args.no_reference))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
