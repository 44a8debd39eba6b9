"""Time the network analysis on synthetic actor graphs of 10,000 and 100,000 actors.

    python benchmarks/bench_analysis.py                 # 10k and 100k actors
    python benchmarks/bench_analysis.py --sizes 2000 --k 50

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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from graph import analysis  # noqa: E402

SECTORS = (("government", 35), ("industry", 35), ("academia", 20), ("civil society", 10))
COUNTRIES = (("Norway", 55), ("Sweden", 40), ("Norway;Sweden", 5))


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def synthetic_actor_graph(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A seeded synthetic actor graph of about ``n`` nodes (persons, organisations, events)."""
    rng = random.Random(seed)
    n_org, n_event = max(2, n // 10), max(1, n // 15)
    n_person = n - n_org - n_event
    G = nx.MultiDiGraph(view="actors")
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
        for o in set(rng.choices(orgs, cum_weights=org_weights, k=posts)):
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


class Progress:
    """Progress to stderr: a line at every tenth of a long step."""

    def __init__(self) -> None:
        self.shown: dict[str, int] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if self.shown.get(step) != tenth:
            self.shown[step] = tenth
            print(f"  {step}: {done}/{total}", file=sys.stderr, flush=True)


def run(n: int, k: int, seed: int) -> list[tuple[str, str, float]]:
    """Time each step on an ``n``-actor graph; return (step, detail, seconds) rows."""
    rows = []
    t = time.perf_counter()
    G = synthetic_actor_graph(n, seed)
    rows.append(("generate", f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges",
                 time.perf_counter() - t))
    progress = Progress()
    t = time.perf_counter()
    H = analysis.simple_graph(G)
    rows.append(("simple graph", f"{H.number_of_edges()} ties", time.perf_counter() - t))
    steps = [
        ("degree", "", lambda: analysis.degree_centrality(H)),
        ("betweenness", f"k={k} sampled sources",
         lambda: analysis.betweenness_centrality(H, k, seed=seed, progress=progress)),
        ("eigenvector", "", lambda: analysis.eigenvector_centrality(H)),
        ("louvain (igraph)", "", lambda: analysis.communities(H, seed=seed)),
        ("louvain (networkx)", "reference, not in the total",
         lambda: analysis.communities(H, seed=seed, method="networkx")),
        ("articulation points", "", lambda: analysis.articulation_points(H)),
        ("bridges", "", lambda: analysis.bridges(H)),
        ("brokers", "", lambda: analysis.brokers(H)),
    ]
    for name, detail, fn in steps:
        print(f"{n} actors: {name} ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - t
        if name.startswith("louvain"):
            import networkx as nx

            q = nx.community.modularity(H, [set(c) for c in out])
            detail = f"{len(out)} communities, modularity {q:.3f}" + (
                f"; {detail}" if detail else "")
        elif name in ("articulation points", "bridges", "brokers"):
            detail = f"{len(out)} found"
        rows.append((name, detail, seconds))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--k", type=int, default=500,
                        help="sampled sources for betweenness (default: 500)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"betweenness is estimated from k={args.k} sampled sources (seed {args.seed})")
    for n in args.sizes:
        rows = run(n, args.k, args.seed)
        total = sum(s for name, _, s in rows if name not in ("generate", "louvain (networkx)"))
        print(f"\n{n:,} actors")
        print(f"{'step':<22}{'seconds':>9}  detail")
        for name, detail, seconds in rows:
            print(f"{name:<22}{seconds:>9.2f}  {detail}")
        print(f"{'analysis in all':<22}{total:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
