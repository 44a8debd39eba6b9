"""Benchmark: importing a register extract, whole and filtered, and reconciling names.

Writes a synthetic Enhetsregisteret bulk file (gzipped JSON, the register's own format) of N
entities, then times, each step in a fresh process (so that peak memory is its own):

- ``floor``: loading the equivalent N-Quads (what the import writes, written beforehand by
  ``write``) straight into pyoxigraph with its bulk loader;
- ``import``: ``import_registry`` of the whole file;
- ``county``: the same, filtered to one county (``--county 31``);
- ``county-write`` and ``county-floor``: the county's own N-Quads written (the reading and
  writing alone, no store), and those N-Quads loaded straight into pyoxigraph (the county's
  floor);
- ``reconcile``: the organisation index over the whole register (built from the store and
  written beside an on-disk store, or read from there when a run before wrote it: run the
  phase twice to time both), then matching 1,000 names (with genitives, lower case and dropped
  legal forms) as OpenRefine would send them.

Stores are in memory up to 300,000 entities, on disk (``oxigraph:PATH``, as a user importing
the whole register would) above that or with ``--store-dir``; floor and import alike. Each step
reports wall-clock seconds, CPU seconds (user + system, its threads included: steadier than the
wall clock on a shared machine) and peak resident memory; the machine's load average is
printed beside them.

Usage::

    python benchmarks/bench_registry.py --entities 100000
    python benchmarks/bench_registry.py --entities 100000 --store-dir /tmp/bench
    python benchmarks/bench_registry.py --entities 1100000   # the size of the real register
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Above this many entities the stores are on disk (in memory the floor alone would need
#: about 15 GB for the whole register).
DISK_ABOVE = 300_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _spec(store_dir: str, name: str) -> str:
    if not store_dir:
        return "oxigraph"
    path = Path(store_dir) / name
    shutil.rmtree(path, ignore_errors=True)
    return f"oxigraph:{path}"


def _county_nquads(nquads: Path) -> Path:
    return nquads.with_name("county-" + nquads.name)


def _variants(n: int) -> list[str]:
    """1,000 names as a spreadsheet would hold them: genitives without the legal form, lower
    case, the first two words."""
    from graph.registry.synthetic import entities

    rng = random.Random(7)
    sample = [r["navn"] for r in entities(min(200_000, n), seed=0)]
    out = []
    for i, name in enumerate(rng.sample(sample, 1000)):
        words = name.split()
        if i % 3 == 0:
            out.append(" ".join(words[:2]).title() + "s")     # genitive, no form
        elif i % 3 == 1:
            out.append(name.lower())
        else:
            out.append(" ".join(words[:2]))
    return out


def phase(name: str, bulk: Path, nquads: Path, store_dir: str, n: int) -> dict:
    from graph.registry import Filters, import_registry
    from graph.stores import open_store

    t0 = time.perf_counter()
    out: dict = {}
    if name in ("import", "county"):
        store = open_store(_spec(store_dir, name))
        filters = Filters(counties=frozenset({"31"})) if name == "county" else None
        report = import_registry(store, "brreg", [bulk], extract_date="2026-11-01",
                                 filters=filters)
        out = {"records": report.kept, "quads": report.quads}
        store.close()
    elif name in ("write", "county-write"):
        # the import's own N-Quads, for the floor: the same reader and writer, no store
        from graph.registry.importer import read_records
        from graph.registry.model import BRREG, OrgRecord, RecordWriter

        county = name == "county-write"
        filters = Filters(counties=frozenset({"31"})) if county else Filters()
        path = _county_nquads(nquads) if county else nquads
        with path.open("w", encoding="utf-8") as f:
            w = RecordWriter(f, BRREG, "https://w3id.org/innograph/id/source/brreg-x")
            w.describe_source(sha256="0" * 64, extract_date="2026-11-01", file_name=bulk.name)
            for rec in read_records("brreg", bulk, filters=filters):
                if isinstance(rec, OrgRecord) and filters.keep(rec):
                    w.org(rec)
                if len(w.claims) > 10000:
                    w.claims = []
        out = {"quads": w.quads}
    elif name in ("floor", "county-floor"):
        import pyoxigraph as ox

        if name == "county-floor":
            nquads = _county_nquads(nquads)
        spec = _spec(store_dir, name)
        store = ox.Store(spec.split(":", 1)[1]) if ":" in spec else ox.Store()
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        out = {"quads": len(store)}
    elif name == "reconcile":
        from graph.kg import KnowledgeGraph
        from graph.registry import match_organisation
        from graph.registry.match import OrgIndex

        if store_dir:  # the store the import phase made
            store = open_store(f"oxigraph:{Path(store_dir) / 'import'}")
        else:
            store = open_store("oxigraph")
            import_registry(store, "brreg", [bulk], extract_date="2026-11-01")
        kg = KnowledgeGraph(store)
        builds = []
        build = OrgIndex.build.__func__  # type: ignore[attr-defined]
        OrgIndex.build = classmethod(lambda cls, kg: builds.append(1) or build(cls, kg))
        t0, c0 = time.perf_counter(), _cpu_s()
        OrgIndex.of(kg)   # built from the store, or read from the file beside it
        built, built_cpu, index_mb = time.perf_counter() - t0, _cpu_s() - c0, _peak_mb()
        variants = _variants(n)
        t1, c1 = time.perf_counter(), _cpu_s()
        found = sum(1 for v in variants if match_organisation(kg, v))
        out = {"index": "built" if builds else "read from file", "index_s": round(built, 2),
               "index_cpu_s": round(built_cpu, 2), "index_peak_mb": round(index_mb),
               "names": len(variants), "with_candidates": found,
               "match_s": round(time.perf_counter() - t1, 2),
               "match_cpu_s": round(_cpu_s() - c1, 2)}
    else:
        raise SystemExit(f"unknown phase {name}")
    out["seconds"] = round(time.perf_counter() - t0, 2)
    out["cpu_s"] = round(_cpu_s(), 2)
    out["peak_mb"] = round(_peak_mb())
    out["load"] = round(os.getloadavg()[0], 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--store-dir", default="",
                    help="put the stores (and the files) here, on disk; default: in memory up "
                         f"to {DISK_ABOVE:,} entities, else a temporary folder")
    ap.add_argument("--phases", default="write,floor,import,county-write,county-floor,county,reconcile")
    ap.add_argument("--phase")
    ap.add_argument("--bulk")
    ap.add_argument("--nquads")
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, Path(args.bulk), Path(args.nquads), args.store_dir,
                               args.entities)))
        return
    if args.store_dir:  # kept: the files and stores stay for a later --phases reconcile
        Path(args.store_dir).mkdir(parents=True, exist_ok=True)
        results = _run(args, Path(args.store_dir), args.store_dir)
    else:
        with tempfile.TemporaryDirectory() as d:
            results = _run(args, Path(d), d if args.entities > DISK_ABOVE else "")
    _table(results)


def _run(args: argparse.Namespace, d: Path, store_dir: str) -> dict:
    from graph.registry.synthetic import write_brreg_entities

    bulk, nq = d / f"enheter_{args.entities}.json.gz", d / "equivalent.nq"
    t0 = time.perf_counter()
    if not bulk.is_file():
        write_brreg_entities(bulk, args.entities, seed=0)
    print(f"{args.entities:,} entities ({bulk.stat().st_size / 1e6:.1f} MB gzipped) "
          f"in {time.perf_counter() - t0:.1f} s; stores "
          f"{'on disk in ' + store_dir if store_dir else 'in memory'}", flush=True)
    results = {}
    for name in args.phases.split(","):
        r = subprocess.run([sys.executable, __file__, "--phase", name, "--bulk", str(bulk),
                            "--nquads", str(nq), "--store-dir", store_dir,
                            "--entities", str(args.entities)],
                           capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"{name} failed:\n{r.stderr}")
        results[name] = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"{name:10} {results[name]}", flush=True)
        if name in ("floor", "county-floor"):
            (nq if name == "floor" else _county_nquads(nq)).unlink()
            if store_dir:
                shutil.rmtree(Path(store_dir) / name, ignore_errors=True)
    return results


def _table(results: dict) -> None:
    print()
    print("| step | time (s) | CPU (s) | peak RSS (MB) | time / floor | load |")
    print("|---|---|---|---|---|---|")
    for key, label, base in (
            ("floor", "N-Quads straight into pyoxigraph (floor), {quads:,} quads", "floor"),
            ("import", "import-registry, whole file ({records:,} records)", "floor"),
            ("county-write", "the county's N-Quads written (no store), {quads:,} quads", ""),
            ("county-floor", "the county's N-Quads into pyoxigraph (its floor), {quads:,} quads",
             "county-floor"),
            ("county", "import-registry, one county ({records:,} records)", "county-floor")):
        r = results.get(key)
        if r is None:
            continue
        floor = results.get(base)
        ratio = (f"{r['seconds'] / floor['seconds']:.2f} ({r['cpu_s'] / floor['cpu_s']:.2f} CPU)"
                 if floor else "")
        print(f"| {label.format(**r)} | {r['seconds']} | {r['cpu_s']} | {r['peak_mb']} | "
              f"{ratio} | {r['load']} |")
    rec = results.get("reconcile")
    if rec:
        print(f"| reconcile {rec['names']:,} names (index {rec['index']}: {rec['index_s']} s, "
              f"{rec['index_cpu_s']} s CPU, {rec['index_peak_mb']} MB) | {rec['match_s']} | "
              f"{rec['match_cpu_s']} | {rec['peak_mb']} | | {rec['load']} |")


if __name__ == "__main__":
    main()
