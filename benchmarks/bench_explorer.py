"""How fast the explorer draws a large graph, in headless Chromium.

Builds a seeded synthetic graph of 5,000 nodes with the attributes of the real projections
(kinds, labels in three languages, sectors, posts with dates, evidence spans), renders it with
``graph.render``, opens the page from ``file://`` and measures the time from navigation to the
first drawing of the network (``window.innograph.drawnAt``, set on vis-network's first
``afterDrawing``). Prints the time of the network metrics that the page carries (as
``render_kg`` computes them: betweenness sampled above 1,000 nodes), the Python render time, the
median of the runs, and the median time to each step of the page (script start, data parsed,
data sets built, network built, drawn); the target is under 2 s. Timings depend on the machine:
run it on an idle one. ``--no-metrics`` renders the page without them, for comparison.

    python benchmarks/bench_explorer.py
    python benchmarks/bench_explorer.py --nodes 2000 --runs 5
    python benchmarks/bench_explorer.py --screenshot benchmarks/explorer-default-view.png

``--screenshot`` also saves a picture of the default view of the packaged graph (the actor view).

    python benchmarks/bench_explorer.py --overview 100000

builds the overview page of a synthetic ecosystem of 100,000 actors instead (see
``graph.render.overview``) and prints the build time, the peak memory of the process, the time
to the first drawing in headless Chromium (and to each step of the page before and after it:
script loaded, settings and groups read, data sets and network built, drawn, then the node,
edge and name tables read after the first frame) and the time to open the largest group and
the largest leaf group (laid out in the browser as it opens), once the tables are read. Then
pyvis's page of the same graph (``Network.from_nx``), beside it: its build time in Python and
its first drawing, each capped at ``--pyvis-cap`` seconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.render import page_metrics, render_graph  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
IG = "https://w3id.org/innograph/ontology#"
ID = "https://w3id.org/innograph/id/"
SOURCE = ID + "article/synthetic"

KINDS = (  # kind, share, class, IRI folder
    ("person", 0.45, SCHEMA + "Person", "person"),
    ("organisation", 0.18, SCHEMA + "Organization", "org"),
    ("unit", 0.05, ORG + "OrganizationalUnit", "org"),
    ("group", 0.02, IG + "PersonGroup", "group"),
    ("event", 0.12, SCHEMA + "Event", "event"),
    ("place", 0.05, SCHEMA + "Place", "place"),
    ("topic", 0.10, IG + "TopicScheme", "topic"),
    ("article", 0.03, SCHEMA + "NewsArticle", "article"),
)
SECTORS = ("academia", "industry", "government", "civil society")
ROLES = (("daglig leder", "chief executive"), ("rådgiver", "adviser"),
         ("styreleder", "chair of the board"), ("prosjektleder", "project manager"))


def synthetic_graph(n: int = 5000, seed: int = 42) -> nx.MultiDiGraph:
    """A seeded random actor graph of ``n`` nodes, shaped like :func:`graph.network.actor_graph`."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(view="actors")
    by_kind: dict[str, list[str]] = {}
    i = 0
    for kind, share, cls, folder in KINDS:
        for _ in range(max(1, round(n * share))):
            if i >= n:
                break
            iri = f"{ID}{folder}/{kind}-{i:05d}"
            nb = f"{kind.capitalize()} {i:05d} Ås"
            en = f"{kind.capitalize()} {i:05d}"
            G.add_node(
                iri, label=nb, label_nb=nb, label_en=en, label_sv=nb, kind=kind, types=cls,
                country=rng.choice(("Norway", "Sweden", "Norway;Sweden", "")),
                sector=rng.choice(SECTORS) if kind in ("organisation", "unit") else "",
                date="2018-01-08" if kind == "event" else "", iri=iri,
            )
            by_kind.setdefault(kind, []).append(iri)
            i += 1
    orgs = by_kind["organisation"]
    weights = [1.0 / (k + 1) ** 0.8 for k in range(len(orgs))]  # a few large organisations
    cum: list[float] = []
    for w in weights:
        cum.append(w + (cum[-1] if cum else 0.0))

    def some_orgs(k: int) -> list[str]:
        return rng.choices(orgs, cum_weights=cum, k=k)

    def span() -> dict[str, str]:
        start = rng.randrange(0, 3000)
        return {"evidence": f"{start}-{start + rng.randrange(10, 120)}", "source": SOURCE,
                "evidence_sources": SOURCE, "claims": ID + f"claim/synthetic/c{rng.randrange(10**6)}"}

    def link(s: str, o: str, rel: str, label: str, **extra: object) -> None:
        G.add_edge(s, o, key=rel if "Membership" not in rel else f"{rel}-{s}-{o}", relation=rel,
                   label=label, role=extra.pop("role", ""), heads=extra.pop("heads", False),
                   **span(), **extra)

    for person in by_kind["person"]:
        for org in dict.fromkeys(some_orgs(rng.choice((1, 1, 2)))):
            nb, _ = rng.choice(ROLES)
            link(person, org, ORG + "Membership", nb, role=IG + "role-x", heads=rng.random() < 0.1,
                 during="2018-01-09")
    for unit in by_kind["unit"]:
        link(unit, some_orgs(1)[0], ORG + "unitOf", "unit of")
    for org in orgs:
        link(org, rng.choice(by_kind["place"]), SCHEMA + "areaServed", "area served")
    for event in by_kind["event"]:
        link(event, some_orgs(1)[0], SCHEMA + "organizer", "organizer")
        for person in rng.sample(by_kind["person"], rng.randrange(2, 7)):
            link(event, person, SCHEMA + "attendee", "attendee")
        for topic in rng.sample(by_kind["topic"], rng.randrange(1, 4)):
            link(event, topic, SCHEMA + "about", "about")
        link(event, rng.choice(by_kind["place"]), SCHEMA + "location", "location")
    for group in by_kind["group"]:
        link(rng.choice(by_kind["event"]), group, IG + "speaker", "speaker")
    for article in by_kind["article"]:
        link(article, rng.choice(by_kind["event"]), SCHEMA + "about", "about")
        link(article, rng.choice(by_kind["person"]), SCHEMA + "author", "author")
    return G


def time_to_draw(browser: object, path: Path) -> dict[str, float]:
    """Milliseconds from navigation to each step of the page (explorer.js marks them), up to
    ``drawn``: the first drawing of the network."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.innograph && window.innograph.drawnAt !== null", timeout=60000)
    marks = page.evaluate(
        "Object.fromEntries(performance.getEntriesByType('mark')"
        ".map(m => [m.name.replace('innograph:', ''), m.startTime]))"
    )
    page.close()
    if requests != [path.as_uri()]:
        raise SystemExit(f"the page made requests besides itself: {requests}")
    return marks


def overview_run(browser: object, G: nx.MultiDiGraph, out: Path) -> dict[str, float]:
    """The overview page of ``G``: Python build time and peak memory, first drawing and the time
    to open the largest group, in headless Chromium."""
    import resource

    from graph.render.model import view_model
    from graph.render.page import render_page

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    model = view_model(G, title=f"Synthetic ecosystem of {len(G)} actors")
    modelled = time.perf_counter() - start
    html = render_page(model)
    built = time.perf_counter() - start
    out.write_text(html, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    groups = model["overview"]["groups"]
    top = [g for g in groups if g["parent"] is None]
    leaves = [g for g in groups if not g["children"]]
    print(f"overview: {len(top)} top groups, {len(groups)} groups in all, largest leaf "
          f"{max(g['size'] for g in leaves)} nodes, {model['counts']['isolated']} with no tie")
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.goto(out.as_uri())
    page.wait_for_function("() => window.innograph && window.innograph.drawnAt !== null", timeout=300000)
    drawn = page.evaluate("window.innograph.drawnAt")
    # the page reads its node, edge, name and evidence tables after the first frame: the
    # groups open once it has (a group opened before reads them at once)
    page.wait_for_function("() => performance.getEntriesByName('innograph:loaded').length > 0",
                           timeout=300000)
    steps = page.evaluate(
        "Object.fromEntries(performance.getEntriesByType('mark')"
        ".map(m => [m.name.replace('innograph:', ''), m.startTime]))"
    )
    # the scene is built synchronously (clearing the picture may draw it at once, empty);
    # the group is on screen at the first drawing after that
    opening = """(g) => new Promise(done => {
        const n = window.innograph.network, t0 = performance.now();
        window.innograph.openGroup(g);
        n.once("afterDrawing", () => done(performance.now() - t0));
    })"""
    drill = page.evaluate(opening, max(top, key=lambda g: g["size"])["id"])
    leaf = max(leaves, key=lambda g: g["size"])
    drill_leaf = page.evaluate(opening, leaf["id"])
    page.close()
    return {"model_s": modelled, "build_s": built, "peak_mb": peak, "rss_before_mb": rss_before,
            "mb": len(html) / 1e6, "drawn_ms": drawn, "drill_ms": drill,
            "loaded_ms": steps.get("loaded", steps.get("data", 0.0)),
            "leaf_ms": drill_leaf, "leaf_size": leaf["size"], "steps": steps}


#: Set on the pyvis page before its script runs: the time of vis-network's first drawing.
_PYVIS_DRAWN = """
window.__drawn = null;
Object.defineProperty(window, "network", {
  configurable: true,
  get() { return this.__network; },
  set(n) {
    this.__network = n;
    n.once("afterDrawing", () => { window.__drawn = performance.now(); });
  },
});
"""


def _pyvis_page(G: nx.MultiDiGraph, out: Path) -> dict[str, float]:
    """pyvis's page of ``G`` (``Network.from_nx``, its HTML with vis-network inlined), in a
    child process: the build time, its size and the child's peak memory."""
    import resource

    from pyvis.network import Network

    # what a pyvis user gives it: each node's label and kind, each edge's label
    P = nx.MultiDiGraph()
    P.add_nodes_from((v, {"label": str(d.get("label") or v), "group": str(d.get("kind") or "")})
                     for v, d in G.nodes(data=True))
    P.add_edges_from((u, v, {"title": str(d.get("label") or "")})
                     for u, v, d in G.edges(data=True))
    start = time.perf_counter()
    net = Network(height="900px", width="100%", cdn_resources="in_line")
    net.from_nx(P)
    html = net.generate_html()
    built = time.perf_counter() - start
    out.write_text(html, encoding="utf-8")
    return {"build_s": built, "mb": len(html) / 1e6,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def pyvis_run(browser: object, G: nx.MultiDiGraph, out: Path, cap: float) -> str:
    """pyvis's figures for the same graph, each step capped at ``cap`` seconds: the page
    built in Python, then drawn in headless Chromium."""
    from graph.errors import GraphError
    from graph.worker import call

    try:
        r = call(lambda: _pyvis_page(G, out), timeout=cap)
    except GraphError as exc:
        return f"pyvis: the page was not built within {cap:.0f} s ({type(exc).__name__})"
    line = (f"pyvis: page built in {r['build_s']:.1f} s, {r['mb']:.1f} MB of HTML, peak memory "
            f"{r['peak_mb']:.0f} MB (its process)")
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.add_init_script(_PYVIS_DRAWN)
    # its template still links stylesheets and scripts on CDNs: offline they fail at once
    # here rather than after a network timeout
    page.route("http*://**", lambda route: route.abort())
    try:
        page.goto(out.as_uri(), timeout=cap * 1000)
        page.wait_for_function("() => window.__drawn !== null", timeout=cap * 1000)
        drawn = page.evaluate("window.__drawn")
        return line + f"; first drawing {drawn / 1000:.2f} s after navigation"
    except Exception as exc:  # noqa: BLE001 - a page that never draws times out
        return line + f"; not drawn within {cap:.0f} s ({type(exc).__name__})"
    finally:
        page.close()


def screenshot_default_view(browser: object, out: Path) -> None:
    import graph

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "index.html"
        graph.load().render_html(path=page_path)
        page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
        page.goto(page_path.as_uri())
        page.wait_for_function("() => window.innograph && window.innograph.drawnAt !== null")
        page.wait_for_timeout(200)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--screenshot", type=Path, metavar="PATH",
                        help="also save a screenshot of the default view of the packaged graph")
    parser.add_argument("--no-metrics", action="store_true",
                        help="render the page without the network metrics")
    parser.add_argument("--overview", type=int, metavar="N", default=0,
                        help="instead: the overview page of a synthetic graph of N actors "
                        "(e.g. 100000): build time, peak memory, first drawing, drill-down")
    parser.add_argument("--pyvis-cap", type=float, default=120, metavar="SECONDS",
                        help="with --overview, also pyvis's page of the same graph, each step "
                        "capped at SECONDS (default: 120; 0 skips it)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    sum(range(30_000_000))
    print(f"machine speed: a fixed Python loop took {time.perf_counter() - start:.2f} s "
          "(compare runs on different machines or loads by it)")
    if args.overview:
        start = time.perf_counter()
        G = synthetic_graph(args.overview, args.seed)
        print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
              f"(generated in {time.perf_counter() - start:.1f} s)")
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            r = overview_run(browser, G, Path(tmp) / "overview.html")
            theirs = None if args.pyvis_cap <= 0 else pyvis_run(
                browser, G, Path(tmp) / "pyvis.html", args.pyvis_cap)
            browser.close()
        print(f"page built in {r['build_s']:.1f} s (view model {r['model_s']:.1f} s), "
              f"{r['mb']:.1f} MB of HTML; peak memory {r['peak_mb']:.0f} MB "
              f"(process, {r['rss_before_mb']:.0f} MB before the build)  [targets: 20 s, 2 GB]")
        print(f"first drawing {r['drawn_ms'] / 1000:.2f} s after navigation [target: 2 s], "
              f"every table read {r['loaded_ms'] / 1000:.2f} s after navigation; "
              f"opening the largest group {r['drill_ms'] / 1000:.2f} s, the largest leaf group "
              f"({r['leaf_size']} nodes) {r['leaf_ms'] / 1000:.2f} s [target: 1 s]")
        print("ms from navigation to: " + ", ".join(
            f"{step} {ms:.0f}" for step, ms in sorted(r["steps"].items(), key=lambda x: x[1])))
        if theirs:
            print(f"{theirs}  [the same graph, after ours]")
        return 0
    G = synthetic_graph(args.nodes, args.seed)
    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    metrics: dict | bool = False
    note = "no metrics"
    if not args.no_metrics:
        start = time.perf_counter()
        metrics, note = page_metrics(G)
        print(f"network metrics in Python: {time.perf_counter() - start:.2f} s ({note})")
    start = time.perf_counter()
    page = render_graph(G, title=f"Synthetic graph of {args.nodes} nodes", metrics=metrics,
                        metrics_note=note)
    render_s = time.perf_counter() - start
    print(f"render in Python (layout + page): {render_s:.2f} s, {len(page) / 1e6:.1f} MB of HTML")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = page.save(Path(tmp) / "large.html")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        runs = [time_to_draw(browser, path) for _ in range(args.runs)]
        times = [r["drawn"] for r in runs]
        print("navigation to first drawing (ms): " + ", ".join(f"{t:.0f}" for t in times))
        steps = ("start", "data", "datasets", "network", "drawn")
        print("median ms from navigation to: " + ", ".join(
            f"{step} {statistics.median(r[step] for r in runs):.0f}" for step in steps))
        median = statistics.median(times)
        print(f"median of {args.runs}: {median / 1000:.2f} s (target: under 2 s) "
              f"{'OK' if median < 2000 else 'TOO SLOW'}")
        if args.screenshot:
            screenshot_default_view(browser, args.screenshot)
            print(f"screenshot of the default view: {args.screenshot}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
