"""Stores side by side: load time, peak memory and competency-query latency at scale.

For each size (synthetic ecosystems from :mod:`graph.synthetic`, plus the packaged ontology and
data) and each backend, one fresh subprocess loads the data and runs every named competency
query (``evidence`` bound to one subject and property, as it is meant to be used), so that peak
memory is the backend's own:

``rdflib``   the ``memory`` store through :class:`graph.KnowledgeGraph`
``default``  the project's default store through :class:`graph.KnowledgeGraph`
``raw``      pyoxigraph alone: ``Store.load`` per file (load time and peak memory), and the
             queries run straight on the default worker's own pyoxigraph store, read into
             tuples of its terms, interleaved with the default store's runs
``raw-bulk``, ``raw-extend``
             pyoxigraph's other loaders (``bulk_load``; ``extend(parse(...))``), load time only:
             the load floor is the fastest of the three raw loaders

Then the cold start of ``innograph query seminar-topics`` (a fresh process, median of 5).

Run::

    python benchmarks/bench_stores.py                  # 10k, 100k, 1M triples
    python benchmarks/bench_stores.py --sizes 10k,100k --runs 3
    python benchmarks/bench_stores.py --with-10m --rdflib-max 100k
    python benchmarks/bench_stores.py --disk           # also on-disk loads at the top size

Targets at 1M triples: the default store's query latency within 1.3x of raw pyoxigraph, its
load within 1.5x, and the cold start under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBJECT = "https://w3id.org/innograph/id/person/unni-skar"
PROPERTY = "https://schema.org/name"
BACKENDS = ("rdflib", "default", "raw", "raw-bulk", "raw-extend")


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1_000}k"


# ---------------------------------------------------------------------------- workers


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _interleaved(fns: dict[str, object], runs: int) -> dict[str, tuple[float, int]]:
    """Median time of each function, their runs interleaved (so that a noisy neighbour on the
    machine slows them alike), after one warm-up run each; at least ``runs`` runs, more for
    fast functions."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    rows: dict[str, int] = {}
    start = time.perf_counter()
    for k, fn in fns.items():
        rows[k] = fn()
    warm = time.perf_counter() - start
    # fast queries get more runs (up to 100), so that their medians are not noise
    runs = max(runs, min(100, int(0.5 / max(warm, 1e-6))))
    for _ in range(runs):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return {k: (statistics.median(v), rows[k]) for k, v in times.items()}


class _OverTime(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _OverTime


def _capped(fn, seconds: float) -> tuple[float, int] | None:
    """One run of ``fn`` stopped after ``seconds`` (for rdflib, whose joins can take hours)."""
    import signal

    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        t = time.perf_counter()
        n = fn()
        return time.perf_counter() - t, n
    except _OverTime:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def worker(backend: str, data: str, runs: int, disk: str | None,
           query_cap: float = 60.0) -> dict:
    import pyoxigraph as ox
    from rdflib import URIRef

    import graph
    from graph import resources
    from graph.kg import KnowledgeGraph
    from graph.stores import format_for, ox_format

    files = [*resources.default_files(), Path(data)]
    queries = {n: KnowledgeGraph.named_query_text(n) for n in KnowledgeGraph.named_queries()}
    out: dict = {"backend": backend, "queries": {}, "rows": {}, "raw": {}, "raw_rows": {}}
    t = time.perf_counter()
    if backend in ("rdflib", "default"):
        store = "memory" if backend == "rdflib" else (f"oxigraph:{disk}" if disk else None)
        kg = graph.load(data, store=store)
        out["load"] = time.perf_counter() - t
        out["quads"] = len(kg)
        binds = {"subject": URIRef(SUBJECT), "property": URIRef(PROPERTY)}
        subs = {ox.Variable(k): ox.NamedNode(str(v)) for k, v in binds.items()}
        raw_store = getattr(kg.store, "ox", None)
        for name, q in queries.items():
            b = binds if name == "evidence" else {}
            if backend == "rdflib":
                # one run each, stopped at the cap: rdflib is here to show the scale of things
                got = _capped(lambda q=q, b=b: len(kg.query(q, **b).rows), query_cap)
                out["queries"][name], out["rows"][name] = got if got else (None, None)
                continue
            fns = {"kg": lambda q=q, b=b: len(kg.query(q, **b).rows)}
            if raw_store is not None and not disk:
                # raw pyoxigraph on the very same store: the floor, without our layer
                s = subs if name == "evidence" else {}
                fns["raw"] = lambda q=q, s=s: len([tuple(sol) for sol in raw_store.query(
                    q, use_default_graph_as_union=True, substitutions=s)])
            timed = _interleaved(fns, runs)
            out["queries"][name], out["rows"][name] = timed["kg"]
            if "raw" in timed:
                out["raw"][name], out["raw_rows"][name] = timed["raw"]
    else:
        st = ox.Store(disk) if disk else ox.Store()
        for f in files:
            fmt = ox_format(format_for(f))
            if backend == "raw":
                st.load(path=str(f), format=fmt)
            elif backend == "raw-bulk":
                st.bulk_load(path=str(f), format=fmt)
            else:
                st.extend(ox.parse(path=str(f), format=fmt))
        out["load"] = time.perf_counter() - t
        out["quads"] = len(st)
    out["peak_mb"] = _peak_mb()
    return out


# ---------------------------------------------------------------------------- driver


def run_worker(backend: str, data: Path, runs: int, timeout: float,
               disk: Path | None = None, query_cap: float = 60.0) -> dict:
    cmd = [sys.executable, __file__, "--worker", backend, str(data), "--runs", str(runs),
           "--rdflib-query-cap", str(query_cap)]
    if disk:
        cmd += ["--disk-path", str(disk)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"backend": backend, "error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        return {"backend": backend, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


def cold_start(runs: int = 5, store: str | None = None) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("INNOGRAPH_STORE", None)
    cmd = [sys.executable, "-m", "graph", "query", "seminar-topics"]
    if store:
        cmd += ["--store", store]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10k,100k,1M", help="comma-separated sizes in triples")
    p.add_argument("--with-10m", action="store_true", help="add 10M triples")
    p.add_argument("--rdflib-max", default="100k",
                   help="largest size at which rdflib runs (default: 100k; it takes minutes "
                        "and gigabytes beyond)")
    p.add_argument("--rdflib-query-cap", type=float, default=60.0,
                   help="seconds after which one rdflib query is stopped (default: 60)")
    p.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=1800, help="seconds per backend and size")
    p.add_argument("--disk", action="store_true",
                   help="also load the top size into oxigraph:PATH (staged) and raw on disk")
    p.add_argument("--workdir", help="where the synthetic files go (default: a temp folder)")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("data", nargs="?", help=argparse.SUPPRESS)
    p.add_argument("--disk-path", help=argparse.SUPPRESS)
    args = p.parse_args()

    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.runs, args.disk_path,
                                args.rdflib_query_cap)))
        return 0

    from graph.synthetic import generate

    sizes = [parse_size(s) for s in args.sizes.split(",")]
    if args.with_10m:
        sizes.append(10_000_000)
    rdflib_max = parse_size(args.rdflib_max)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="innograph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# innograph store benchmark: {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}, {args.runs} timed runs per query (median)\n")
    results: dict[int, dict[str, dict]] = {}
    for n in sizes:
        data = work / f"eco-{label(n)}-s{args.seed}.nq"
        if not data.exists():
            t = time.perf_counter()
            stats = generate(data, triples=n, seed=args.seed)
            print(f"generated {data.name}: {stats.quads:,} quads in "
                  f"{time.perf_counter() - t:.1f} s", flush=True)
        results[n] = {}
        for backend in BACKENDS:
            if backend == "rdflib" and n > rdflib_max:
                results[n][backend] = {"backend": backend,
                                       "error": f"skipped (over --rdflib-max {args.rdflib_max})"}
                continue
            r = run_worker(backend, data, args.runs, args.timeout,
                           query_cap=args.rdflib_query_cap)
            results[n][backend] = r
            load = fmt_s(r.get("load"))
            print(f"  {label(n):>4} {backend:<10} load {load:>10}  "
                  f"peak {r.get('peak_mb', 0):7.0f} MB  {r.get('error', '')}", flush=True)

    print("\n## Load and memory\n")
    print("| triples | backend | quads | load | peak RSS |")
    print("|---|---|---|---|---|")
    for n, by in results.items():
        for backend, r in by.items():
            if "error" in r:
                print(f"| {label(n)} | {backend} | - | {r['error']} | - |")
            else:
                print(f"| {label(n)} | {backend} | {r['quads']:,} | {fmt_s(r['load'])} | "
                      f"{r['peak_mb']:.0f} MB |")

    print("\n## Competency-query latency (median)\n")
    print("raw pyoxigraph runs on the default worker's own store, interleaved with it.")
    for n, by in results.items():
        default, rdf = by["default"], by.get("rdflib", {})
        if "error" in default:
            continue
        raw = default["raw"]
        print(f"\n### {label(n)} triples\n")
        print("| query | rows | rdflib | default | raw pyoxigraph | default/raw |")
        print("|---|---|---|---|---|---|")
        for name in default["queries"]:
            d, r = default["queries"][name], raw[name]
            x = rdf.get("queries", {}).get(name, "skipped")
            if x is None:
                x = f"> {args.rdflib_query_cap:g} s"
            elif x == "skipped":
                x = "-"
            else:
                x = fmt_s(x)
            if default["rows"][name] != default["raw_rows"][name]:
                print(f"| {name} | MISMATCH {default['rows'][name]} != "
                      f"{default['raw_rows'][name]} |")
            print(f"| {name} | {default['rows'][name]:,} | {x} | "
                  f"{fmt_s(d)} | {fmt_s(r)} | {d / r:.2f} |")
        tot_d, tot_r = sum(default["queries"].values()), sum(raw.values())
        tot_x = None
        if "queries" in rdf and None not in rdf["queries"].values():
            tot_x = sum(rdf["queries"].values())
        print(f"| **all queries** | | {fmt_s(tot_x)} | {fmt_s(tot_d)} | {fmt_s(tot_r)} | "
              f"**{tot_d / tot_r:.2f}** |")

    print("\n## Ratios, default store / raw pyoxigraph\n")
    print("| triples | query total | worst query | load (vs fastest raw loader) | peak RSS "
          "(vs raw Store.load) |")
    print("|---|---|---|---|---|")
    for n, by in results.items():
        d = by["default"]
        loads = [by[b]["load"] for b in ("raw", "raw-bulk", "raw-extend") if "load" in by[b]]
        if "error" in d or not loads or "error" in by["raw"]:
            continue
        worst = max(d["queries"][q] / d["raw"][q] for q in d["queries"])
        print(f"| {label(n)} | {sum(d['queries'].values()) / sum(d['raw'].values()):.2f} | "
              f"{worst:.2f} | {d['load'] / min(loads):.2f} | "
              f"{d['peak_mb'] / by['raw']['peak_mb']:.2f} |")

    if args.disk:
        n = sizes[-1]
        data = work / f"eco-{label(n)}-s{args.seed}.nq"
        print(f"\n## On disk, {label(n)} triples\n")
        print("| backend | load | peak RSS |")
        print("|---|---|---|")
        for backend in ("default", "raw", "raw-bulk"):
            disk = Path(tempfile.mkdtemp(prefix="innograph-disk-", dir=work)) / "db"
            r = run_worker(backend, data, 1, args.timeout, disk)
            name = {"default": "oxigraph:PATH (staged bulk load, atomic)",
                    "raw": "raw Store.load (one transaction)",
                    "raw-bulk": "raw bulk_load (not atomic)"}[backend]
            print(f"| {name} | {fmt_s(r.get('load'))} | {r.get('peak_mb', 0):.0f} MB |")
        store = f"oxigraph:{disk.parent.parent / 'cold-db'}"
        subprocess.run([sys.executable, "-m", "graph", "load", str(data), "--store", store],
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                       check=True)
        print(f"\ncold `innograph query seminar-topics --store oxigraph:PATH` on the loaded "
              f"{label(n)} store: {fmt_s(cold_start(5, store))}")

    print(f"\ncold `innograph query seminar-topics` (packaged graph, default store, median "
          f"of 5): {fmt_s(cold_start(5))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
