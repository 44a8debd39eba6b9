"""Benchmark: importing a register extract, whole and filtered, and reconciling names.

Writes a synthetic Enhetsregisteret bulk file (gzipped JSON, the register's own format) of N
entities, then times, each step in a fresh process (so that peak memory is its own):

- ``import``: ``import_registry`` of the whole file into embedded Oxigraph (in memory);
- ``county``: the same, filtered to one county (``--county 31``);
- ``floor``: loading the equivalent N-Quads (what the import writes) straight into pyoxigraph;
- ``reconcile``: building the organisation index over the whole register, then matching 1,000
  names (with genitives, lower case and dropped legal forms) as OpenRefine would send them.

Usage::

    python benchmarks/bench_registry.py --entities 100000
    python benchmarks/bench_registry.py --entities 1100000   # the size of the real register
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, bulk: Path, nquads: Path) -> dict:
    from graph.registry import Filters, import_registry
    from graph.stores import open_store

    t0 = time.perf_counter()
    if name == "import":
        store = open_store("oxigraph")
        report = import_registry(store, "brreg", [bulk], extract_date="2026-11-01")
        out = {"records": report.kept, "quads": len(store)}
    elif name == "county":
        store = open_store("oxigraph")
        report = import_registry(store, "brreg", [bulk], extract_date="2026-11-01",
                                 filters=Filters(counties=frozenset({"31"})))
        out = {"records": report.kept, "quads": len(store)}
    elif name == "write":
        # the import's own N-Quads, for the floor: the same writer, no store
        import io

        from graph.registry.importer import read_records
        from graph.registry.model import BRREG, OrgRecord, RecordWriter

        with nquads.open("w", encoding="utf-8") as f:
            w = RecordWriter(f, BRREG, "https://w3id.org/innograph/id/source/brreg-x")
            w.describe_source(sha256="0" * 64, extract_date="2026-11-01", file_name=bulk.name)
            for rec in read_records("brreg", bulk):
                if isinstance(rec, OrgRecord):
                    w.org(rec)
                if len(w.claims) > 10000:
                    w.claims = []
        out = {"quads": w.quads}
        _ = io
    elif name == "floor":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        out = {"quads": len(store)}
    elif name == "reconcile":
        from graph.kg import KnowledgeGraph
        from graph.registry import import_registry, match_organisation
        from graph.registry.match import OrgIndex
        from graph.registry.synthetic import entities
        from graph.stores import open_store

        store = open_store("oxigraph")
        import_registry(store, "brreg", [bulk], extract_date="2026-11-01")
        kg = KnowledgeGraph(store)
        t0 = time.perf_counter()
        OrgIndex.of(kg)
        built = time.perf_counter() - t0
        rng = random.Random(7)
        sample = [r["navn"] for r in entities(min(200_000, 10**9), seed=0)][:200_000]
        picks = rng.sample(sample, 1000)
        variants = []
        for i, name in enumerate(picks):
            words = name.split()
            if i % 3 == 0:
                variants.append(" ".join(words[:2]).title() + "s")     # genitive, no form
            elif i % 3 == 1:
                variants.append(name.lower())
            else:
                variants.append(" ".join(words[:2]))
        t1 = time.perf_counter()
        found = sum(1 for v in variants if match_organisation(kg, v))
        out = {"index_s": round(built, 2), "names": 1000, "with_candidates": found,
               "match_s": round(time.perf_counter() - t1, 2)}
    else:
        raise SystemExit(f"unknown phase {name}")
    out["seconds"] = round(time.perf_counter() - t0, 2)
    out["peak_mb"] = round(_peak_mb())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--phase")
    ap.add_argument("--bulk")
    ap.add_argument("--nquads")
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, Path(args.bulk), Path(args.nquads))))
        return
    from graph.registry.synthetic import write_brreg_entities

    with tempfile.TemporaryDirectory() as d:
        bulk, nq = Path(d) / "enheter_alle.json.gz", Path(d) / "equivalent.nq"
        t0 = time.perf_counter()
        write_brreg_entities(bulk, args.entities, seed=0)
        print(f"wrote {args.entities:,} entities ({bulk.stat().st_size / 1e6:.1f} MB gzipped) "
              f"in {time.perf_counter() - t0:.1f} s", flush=True)
        results = {}
        for name in ("write", "floor", "import", "county", "reconcile"):
            r = subprocess.run([sys.executable, __file__, "--phase", name, "--bulk", str(bulk),
                                "--nquads", str(nq)], capture_output=True, text=True, check=True)
            results[name] = json.loads(r.stdout.strip().splitlines()[-1])
            print(f"{name:10} {results[name]}", flush=True)
    imp, floor, county = results["import"], results["floor"], results["county"]
    print()
    print("| step | time (s) | peak RSS (MB) | ratio to the floor |")
    print("|---|---|---|---|")
    print(f"| N-Quads straight into pyoxigraph (floor), {floor['quads']:,} quads | "
          f"{floor['seconds']} | {floor['peak_mb']} | 1.00 |")
    print(f"| import-registry, whole file ({imp['records']:,} records) | {imp['seconds']} | "
          f"{imp['peak_mb']} | {imp['seconds'] / floor['seconds']:.2f} |")
    print(f"| import-registry, one county ({county['records']:,} records) | {county['seconds']} | "
          f"{county['peak_mb']} | {county['seconds'] / floor['seconds']:.2f} |")
    rec = results["reconcile"]
    print(f"| reconcile 1,000 names (index {rec['index_s']} s, once) | {rec['match_s']} | "
          f"{rec['peak_mb']} | |")


if __name__ == "__main__":
    main()
