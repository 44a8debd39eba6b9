"""Named queries at national scale: each one's time on an on-disk store, through innograph and
through raw pyoxigraph on the very same text, side by side.

    python benchmarks/bench_queries.py STORE_PATH [STORE_PATH ...] [--runs 3] [--cap 60]

A store is an ``oxigraph:PATH`` folder holding a synthetic ecosystem and the packaged graph
(for instance: ``innograph synth --triples 10000000 -o eco.nq`` then
``innograph load eco.nq --store oxigraph:PATH``). Queries that take an entity (``entity-facts``,
``entity-sources``, ``person-posts``, ``evidence``) are bound to a person who holds a post,
picked from the store. Each query runs in a fresh process, ``--runs`` times (the median is
printed), and is stopped after ``--cap`` seconds. Raw pyoxigraph gets the bindings as
``substitutions``; innograph as a ``VALUES`` block first in the WHERE group, which is why a
bound query is faster through innograph than raw.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, sys, time
import pyoxigraph as ox
from rdflib import URIRef
path, name, binds, runs, how = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
from graph.kg import KnowledgeGraph
text = KnowledgeGraph.named_query_text(name)
times, rows = [], 0
if how == "raw":
    store = ox.Store.read_only(path)
    subs = {ox.Variable(k): ox.NamedNode(v) for k, v in binds.items()}
    for _ in range(runs):
        t = time.perf_counter()
        r = store.query(text, use_default_graph_as_union=True, substitutions=subs)
        rows = 1 if isinstance(r, bool) else sum(1 for _ in r)
        times.append(time.perf_counter() - t)
else:
    import graph
    kg = graph.load(store=f"oxigraph:{path}")
    for _ in range(runs):
        t = time.perf_counter()
        rows = len(kg.query(text, **{k: URIRef(v) for k, v in binds.items()}).rows)
        times.append(time.perf_counter() - t)
print(json.dumps([times, rows]))
"""


def sample(path: str) -> dict[str, str]:
    """A person who holds a post, and a property, to bind the queries that take an entity."""
    import pyoxigraph as ox

    store = ox.Store.read_only(path)
    row = next(iter(store.query(
        "SELECT ?p WHERE { ?m <http://www.w3.org/ns/org#member> ?p } LIMIT 1",
        use_default_graph_as_union=True)))
    return {"person": row[0].value}


def bindings(name: str, person: str) -> dict[str, str]:
    if name in ("entity-facts", "entity-sources"):
        return {"entity": person}
    if name == "person-posts":
        return {"person": person}
    if name == "evidence":
        return {"subject": person, "property": "https://schema.org/name"}
    return {}


def timed(path: str, name: str, binds: dict[str, str], runs: int, cap: float,
          how: str) -> tuple[float | None, int | str]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, path, name, json.dumps(binds), str(runs), how],
            capture_output=True, text=True, timeout=cap * runs + 30, cwd=ROOT, check=False)
    except subprocess.TimeoutExpired:
        return None, f"over {cap:.0f} s"
    if done.returncode != 0:
        return None, done.stderr.strip().splitlines()[-1][:60]
    times, rows = json.loads(done.stdout)
    return statistics.median(times), rows


def _seconds(x: float | None) -> str:
    return f"{x:.3f}" if x is not None else "–"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="+", metavar="STORE_PATH")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cap", type=float, default=60.0, help="seconds per run (default 60)")
    ap.add_argument("--only", nargs="*", help="these named queries only")
    args = ap.parse_args(argv)
    from graph.kg import KnowledgeGraph

    names = args.only or sorted(KnowledgeGraph.named_queries())
    for path in args.stores:
        import pyoxigraph as ox

        quads = len(ox.Store.read_only(path))
        person = sample(path)["person"]
        print(f"\n{path}: {quads:,} quads; entity queries bound to <{person}>")
        print("| query | rows | innograph (s) | raw pyoxigraph (s) | ratio |")
        print("|---|---|---|---|---|")
        for name in names:
            b = bindings(name, person)
            ours, rows = timed(path, name, b, args.runs, args.cap, "kg")
            raw, _ = timed(path, name, b, args.runs, args.cap, "raw")
            ratio = f"{ours / raw:.2f}" if ours is not None and raw else "–"
            print(f"| `{name}` | {rows} | {_seconds(ours)} | {_seconds(raw)} | {ratio} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
