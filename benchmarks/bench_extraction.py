"""Score the drafter on a folder of texts with a gold.json (default: ../shared/corpus/dev).

Prints precision, recall and F1 per kind (persons, organisations, posts as person-role-
organisation, event organisers and speakers as agent-role), links to the graph's entities,
the share of suggestions whose spans lie inside the text and name what they claim, and the
time per article (the graph is loaded once, before timing).

    python benchmarks/bench_extraction.py [FOLDER] [--per-article]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.draft import draft  # noqa: E402
from graph.draft.score import KINDS, Facts, facts_from_claims, facts_from_gold, prf, span_validity  # noqa: E402


def score_folder(folder: Path, kg: object = None, per_article: bool = False) -> dict[str, object]:
    """Draft every ``*.txt`` of ``folder`` and score it against ``gold.json``."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    pred_all: dict[str, set[object]] = {k: set() for k in KINDS}
    gold_all: dict[str, set[object]] = {k: set() for k in KINDS}
    valid = total = 0
    times: list[float] = []
    links_expected = links_found = links_right = 0
    for path in sorted(folder.glob("*.txt")):
        if path.name not in gold:
            continue
        text = path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        cf = draft(text, source_id=path.stem, kg=kg)
        times.append(time.perf_counter() - t0)
        p, g = facts_from_claims(cf), facts_from_gold(gold[path.name])
        for k in KINDS:
            pred_all[k] |= {(path.name, x) for x in p.kind(k)}
            gold_all[k] |= {(path.name, x) for x in g.kind(k)}
        if per_article:
            _article(path.name, p, g)
        v, n = span_validity(cf, text)
        valid, total = valid + v, total + n
        if kg is not None:
            for o in gold[path.name].get("organisations", []):
                hits = [m for m in kg.find(o) if m.exact]  # type: ignore[attr-defined]
                if len(hits) == 1:
                    links_expected += 1
                    rec = next((r for r in cf.organisations if r.name and _same(r.name, o)), None)
                    links_right += bool(rec and rec.link == hits[0].iri)
            links_found += sum(1 for r in cf.organisations if r.link != "new")
    rows = {k: prf(pred_all[k], gold_all[k]) for k in KINDS}
    return {"rows": rows, "valid": (valid, total), "times": times,
            "links": (links_right, links_found, links_expected)}


def _same(a: str, b: str) -> bool:
    from graph.draft.score import norm

    return norm(a) == norm(b)


def _article(name: str, p: Facts, g: Facts) -> None:
    print(f"\n{name}")
    for k in KINDS:
        missing, extra = g.kind(k) - p.kind(k), p.kind(k) - g.kind(k)
        if missing or extra:
            print(f"  {k}: missing {sorted(missing)}; extra {sorted(extra)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    ap.add_argument("--per-article", action="store_true", help="list what was missed or extra")
    ap.add_argument("--no-graph", action="store_true", help="draft without linking to the graph")
    args = ap.parse_args()
    kg = None
    if not args.no_graph:
        import graph

        kg = graph.load()
        _ = kg.index
    draft("Kari Nordmann, daglig leder i Eksempel AS, åpnet dagen.", kg=kg)  # start-up, untimed
    result = score_folder(Path(args.folder), kg, args.per_article)
    rows = result["rows"]
    print(f"\n{'kind':<16} {'precision':>9} {'recall':>7} {'F1':>6}")
    for k, (p, r, f) in rows.items():  # type: ignore[union-attr]
        print(f"{k:<16} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
    right, found, expected = result["links"]  # type: ignore[misc]
    print(f"links to the graph: {right} of {expected} expected organisation links made; "
          f"{found} links in all")
    v, n = result["valid"]  # type: ignore[misc]
    print(f"valid spans: {v}/{n} suggestions ({v / max(n, 1):.1%})")
    times = result["times"]
    print(f"time per article: mean {sum(times) / len(times) * 1000:.0f} ms, "  # type: ignore[arg-type]
          f"max {max(times) * 1000:.0f} ms ({len(times)} articles)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
