"""The explorer pages in a real browser: Debian's Chromium, driven by Playwright.

Every page is opened from ``file://`` with every request recorded: the only request allowed is
the page itself. Without Chromium the tests skip, except in CI (``CI=true``), where they fail.
``INNOGRAPH_CHROMIUM`` names another Chromium binary (default ``/usr/bin/chromium``).
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import explorer_support as support
import pytest

import graph
from graph.analysis import node_metrics
from graph.network import to_networkx
from graph.render import build_site, metric_colour, read_source_texts
from graph.render.metrics import COMMUNITY_PALETTE

from .conftest import source_path

# the one headless Chromium of each browser test module (tests/explorer_support.py)
chromium = support.chromium
ID = "https://w3id.org/innograph/id/"
SEMINAR = ID + "event/2018-01-08-digital-tsunami-seminar"
COMMITTEE = ID + "org/svinesundskomiteen"
UNNI = ID + "person/unni-skar"
VIEWPORT = {"width": 1400, "height": 900}


@dataclass
class Opened:
    """An open page with what it did: requests, dialogs and script errors."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def node_id(self, iri: str) -> int:
        return self.js("(iri) => window.innograph.model.nodes.find(n => n.iri === iri).id", iri)

    def open_table(self) -> int:
        """Open the table of visible nodes and wait until it shows one row per visible node.

        The page fills the table in the ``toggle`` event, which the browser fires after the
        click returns: reading the rows straight away races with it.
        """
        self.page.click("#table-box summary")
        return self.wait_for_table()

    def wait_for_table(self) -> int:
        """Wait until the open table has as many rows as there are visible nodes; that number."""
        self.page.wait_for_function(
            """() => document.getElementById('table-box').open
                && document.querySelectorAll('#table-body tr').length
                   === window.innograph.counts.visibleNodes""")
        return int(self.js("document.querySelectorAll('#table-body tr').length"))


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Any]:
    contexts = []

    def open_(path: Path) -> Opened:
        context = chromium.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, path.resolve().as_uri())
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.goto(opened.url)
        page.wait_for_function("() => window.innograph && window.innograph.drawnAt !== null")
        return opened

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The built site with the source text, plus an ego and a query page."""
    kg = graph.load()
    folder = tmp_path_factory.mktemp("site")
    # without the source article the pages carry no excerpts; the test that needs them skips
    texts = read_source_texts(kg, [source_path()]) if source_path().is_file() else {}
    build_site(kg, folder, source_texts=texts)
    kg.render_html("ego", focus="Unni Skår", depth=2, path=folder / "ego.html", source_texts=texts)
    kg.render_html("query", query=QUERY, path=folder / "query.html")
    return {
        "actors": folder / "index.html",
        "organisations": folder / "organisations.html",
        "ego": folder / "ego.html",
        "query": folder / "query.html",
    }


QUERY = """
PREFIX schema: <https://schema.org/>
CONSTRUCT { ?e ?p ?o } WHERE {
  VALUES ?p { schema:organizer schema:attendee }
  ?e a schema:Event ; ?p ?o .
}
"""

NETWORKS = {
    "actors": lambda kg: to_networkx(kg, "actors"),
    "organisations": lambda kg: to_networkx(kg, "organisations"),
    "ego": lambda kg: to_networkx(kg, "ego", focus="Unni Skår", depth=2),
    "query": lambda kg: to_networkx(kg, "query", query=QUERY),
}


# ---------------------------------------------------------------------------- opening


@pytest.mark.parametrize("view", sorted(NETWORKS))
def test_each_view_opens_offline_and_shows_the_whole_graph(kg, site, open_page, view):
    G = NETWORKS[view](kg)
    p = open_page(site[view])
    assert p.requests == [p.url]  # nothing but the file itself
    assert p.errors == [] and p.dialogs == []
    counts = p.js("window.innograph.counts")
    drawn = p.js("[window.innograph.nodes.length, window.innograph.edges.length]")
    assert counts["visibleNodes"] == counts["nodes"] == drawn[0] == G.number_of_nodes() > 0
    assert counts["visibleEdges"] == counts["edges"] == drawn[1] == G.number_of_edges() > 0
    assert p.page.inner_text("#shown-nodes") == str(G.number_of_nodes())
    assert p.page.inner_text("#shown-edges") == str(G.number_of_edges())


def test_the_page_still_works_after_being_moved(kg, site, open_page, tmp_path):
    moved = tmp_path / "elsewhere" / "deeper" / "explorer.html"
    moved.parent.mkdir(parents=True)
    shutil.copy(site["actors"], moved)
    p = open_page(moved)
    assert p.requests == [p.url] and p.errors == []
    assert p.js("window.innograph.counts.visibleNodes") == len(to_networkx(kg, "actors"))


def test_pages_link_to_each_other(site, open_page):
    p = open_page(site["actors"])
    links = p.page.eval_on_selector_all("#pages a", "as => as.map(a => [a.textContent, a.getAttribute('href'), a.getAttribute('aria-current')])")
    assert links == [["Actors", "index.html", "page"], ["Organisations", "organisations.html", None]]
    p.page.click("#pages a[href='organisations.html']")
    p.page.wait_for_url(Path(site["organisations"]).resolve().as_uri())
    p.page.wait_for_function("() => window.innograph && window.innograph.model.view === 'organisations'")
    assert all(url.startswith("file://") for url in p.requests)


# ---------------------------------------------------------------------------- first sight


def test_default_view_opens_readable_with_the_seminar_at_the_centre(site, open_page):
    p = open_page(site["actors"])
    result = p.js("""(seminar) => {
      const g = window.innograph, ids = g.model.nodes.map(n => n.id);
      const boxes = ids.map(id => g.network.getBoundingBox(id));
      const overlaps = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          overlaps.push([g.model.nodes[i].label, g.model.nodes[j].label]);
      }
      const s = g.model.nodes.find(n => n.iri === seminar).id;
      const at = g.network.canvasToDOM(g.network.getPositions([s])[s]);
      const box = document.getElementById('network');
      const view = g.network.getViewPosition(), corner = g.network.DOMtoCanvas({x: 0, y: 0});
      const widest = Math.max(...boxes.map(b => b.right - b.left));
      return {overlaps, at, w: box.clientWidth, h: box.clientHeight, scale: g.network.getScale(),
              widest, centre: g.model.centre === s,
              inside: boxes.every(b => { const tl = g.network.canvasToDOM({x: b.left, y: b.top}),
                br = g.network.canvasToDOM({x: b.right, y: b.bottom});
                return tl.x >= 0 && tl.y >= 0 && br.x <= box.clientWidth && br.y <= box.clientHeight; })};
    }""", SEMINAR)
    # the bounding boxes are vis-network's own, labels included: the widest is a label
    assert result["widest"] > 60
    assert result["overlaps"] == []
    assert result["centre"]
    assert abs(result["at"]["x"] - result["w"] / 2) < 0.05 * result["w"]
    assert abs(result["at"]["y"] - result["h"] / 2) < 0.05 * result["h"]
    assert result["inside"]  # the whole graph is in view
    assert result["scale"] >= 0.7  # 14 px labels drawn at 10 px or more
    assert p.js("window.innograph.network.physics.options.enabled") is False


def png_colours(png: bytes) -> tuple[int, float]:
    """The number of distinct colours of an 8-bit RGB(A) PNG, and the share of non-white pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    pixels = [row[x:x + 3] for row in rows for x in range(0, stride, bpp)]
    return len(set(pixels)), sum(px != b"\xff\xff\xff" for px in pixels) / len(pixels)


def test_screenshot_is_not_blank(site, open_page):
    p = open_page(site["actors"])
    colours, inked = png_colours(p.page.locator("#network").screenshot())
    # nodes in eight kind colours, grey edges and anti-aliased text: many colours, some ink
    assert colours > 50
    assert inked > 0.01


# ---------------------------------------------------------------------------- controls


def test_search_selects_and_zooms_to_the_node(site, open_page):
    p = open_page(site["actors"])
    p.page.fill("#search", "Svinesundskomitténs")
    p.page.press("#search", "Enter")
    committee = p.node_id(COMMITTEE)
    p.page.wait_for_function("(id) => (window.innograph.selected || {}).id === id", arg=committee)
    assert p.js("window.innograph.network.getSelectedNodes()") == [committee]
    assert p.page.inner_text("#panel h2") == "Svinesundskomiteen"
    # the zoom is animated: wait (up to 5 s on a busy machine) until it has arrived
    p.page.wait_for_function(
        """(id) => {
            const n = window.innograph.network, box = document.getElementById('network');
            const at = n.canvasToDOM(n.getPositions([id])[id]);
            return n.getScale() >= 1.0 && Math.abs(at.x - box.clientWidth / 2) < 20
                && Math.abs(at.y - box.clientHeight / 2) < 20;
        }""",
        arg=committee, timeout=5000,
    )


def test_search_matches_like_python_fold(site, open_page):
    p = open_page(site["actors"])
    samples = ["Svinesundskomitténs", "Unni SKÅR", "Smarte byer & samfunn", "Ørsta Ærø",
               "Hellström", "  rådmann  ", "Ĳssel-ﬁne"]
    assert p.js("(xs) => xs.map(window.innograph.fold)", samples) == [graph.fold(s) for s in samples]
    assert p.js("window.innograph.find('skår')") == [p.node_id(UNNI)]


def test_filters_hide_a_kind_and_a_sector(kg, site, open_page):
    G = to_networkx(kg, "actors")
    p = open_page(site["actors"])
    legend = p.js("window.innograph.model.legend.map(k => k.kind)")
    p.page.uncheck(f"#kind-{legend.index('topic')}")
    topics = {v for v, d in G.nodes(data=True) if d["kind"] == "topic"}
    touching = sum(1 for u, v in G.edges() if u in topics or v in topics)
    counts = p.js("window.innograph.counts")
    assert counts["visibleNodes"] == G.number_of_nodes() - len(topics)
    assert counts["visibleEdges"] == G.number_of_edges() - touching
    assert p.page.inner_text("#shown-nodes") == str(counts["visibleNodes"])
    assert sorted(p.js("window.innograph.nodes.get({filter: n => n.hidden}).map(n => n.id)")) == sorted(
        p.node_id(t) for t in topics)
    p.page.check(f"#kind-{legend.index('topic')}")
    sectors = p.js("window.innograph.model.sectors.map(s => s.sector)")
    p.page.uncheck(f"#sector-{sectors.index('government')}")
    government = {v for v, d in G.nodes(data=True) if d["sector"] == "government"}
    assert len(government) == 2  # Sarpsborg kommune and the committee
    touching = sum(1 for u, v in G.edges() if u in government or v in government)
    counts = p.js("window.innograph.counts")
    assert counts["visibleNodes"] == G.number_of_nodes() - 2
    assert counts["visibleEdges"] == G.number_of_edges() - touching
    # the text alternative follows the filters, also when a filter changes while it is open
    assert p.open_table() == counts["visibleNodes"]
    shown = p.page.eval_on_selector_all("#table-body tr", "rs => rs.map(r => +r.dataset.node)")
    assert sorted(shown) == sorted(p.node_id(str(v)) for v in G if v not in government)
    p.page.check(f"#sector-{sectors.index('government')}")
    assert p.wait_for_table() == G.number_of_nodes()


def click_canvas_point(p: Opened, canvas_point: dict[str, float]) -> None:
    dom = p.js("(pt) => window.innograph.network.canvasToDOM(pt)", canvas_point)
    box = p.page.locator("#network").bounding_box()
    p.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])


def test_clicking_a_node_shows_its_names_and_posts(site, open_page):
    p = open_page(site["actors"])
    unni = p.node_id(UNNI)
    click_canvas_point(p, p.js("(id) => window.innograph.network.getPositions([id])[id]", unni))
    p.page.wait_for_function("(id) => (window.innograph.selected || {}).id === id", arg=unni)
    panel = p.page.inner_text("#panel")
    assert p.page.inner_text("#panel h2") == "Unni Skår"
    # her post, from the data: rådmann of Sarpsborg kommune, heading it, on the article's date
    assert "rådmann" in panel and "Sarpsborg kommune" in panel and "2018-01-09" in panel
    assert "schema:Person" in panel


def test_clicking_an_edge_shows_its_evidence_with_the_span_marked(site, open_page, source_text):
    p = open_page(site["actors"])
    seminar, committee = p.node_id(SEMINAR), p.node_id(COMMITTEE)
    edge = p.js("""([s, c]) => window.innograph.model.edges.find(
        e => e.from === s && e.to === c && e.relation === 'schema:organizer').id""", [seminar, committee])
    # a point on the edge, clear of every node and its label
    point = p.js("""([eid, s, c]) => {
      const net = window.innograph.network, pos = net.getPositions([s, c]);
      for (let t = 0.5; t < 0.95; t += 0.05) for (const u of [t, 1 - t]) {
        const pt = {x: pos[s].x + u * (pos[c].x - pos[s].x), y: pos[s].y + u * (pos[c].y - pos[s].y)};
        const dom = net.canvasToDOM(pt);
        if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === eid) return pt;
      }
      return null; }""", [edge, seminar, committee])
    assert point is not None
    click_canvas_point(p, point)
    p.page.wait_for_function("(id) => (window.innograph.selected || {}).id === id", arg=edge)
    panel = p.page.inner_text("#panel")
    assert "organizer" in p.page.inner_text("#panel h2")
    assert "characters 72-99" in panel
    marks = p.page.eval_on_selector_all("#panel mark", "ms => ms.map(m => m.textContent)")
    assert source_text[72:99] in marks


def test_language_switch_relabels_the_nodes(site, open_page):
    p = open_page(site["actors"])
    committee = p.node_id(COMMITTEE)
    label = "(id) => window.innograph.nodes.get(id).label.replace(/\\n/g, ' ')"
    assert p.js(label, committee) == "Svinesundskomiteen"
    p.page.select_option("#language", "en")
    assert p.js(label, committee) == "the Svinesund Committee"
    p.page.select_option("#language", "nb")
    assert p.js(label, committee) == "Svinesundskomiteen"


def test_physics_toggle_lets_the_nodes_move(site, open_page):
    p = open_page(site["actors"])
    p.js("window.before = window.innograph.network.getPositions()")
    p.page.check("#physics")
    # wait until some node has moved (the test fails on the timeout if none ever does)
    p.page.wait_for_function("""() => {
        const now = window.innograph.network.getPositions();
        return Object.keys(window.before).some(id =>
            Math.hypot(now[id].x - window.before[id].x, now[id].y - window.before[id].y) > 1);
    }""")
    p.page.uncheck("#physics")
    assert p.js("window.innograph.network.physics.options.enabled") is False


def test_controls_are_labelled_and_reachable_by_keyboard(site, open_page):
    p = open_page(site["actors"])
    unlabelled = p.js("""Array.from(document.querySelectorAll('input, select'))
        .filter(e => !e.labels || e.labels.length === 0).map(e => e.id)""")
    assert unlabelled == []
    seen = []
    for _ in range(40):
        p.page.keyboard.press("Tab")
        seen.append(p.js("document.activeElement.id || document.activeElement.tagName"))
    for wanted in ("search", "kind-0", "size-by", "color-by", "sector-0", "physics", "edge-labels",
                   "language", "network"):
        assert wanted in seen
    # a node can be chosen with the keyboard alone, from the table
    p.page.focus("#table-box summary")
    p.page.keyboard.press("Enter")
    p.wait_for_table()
    p.page.focus("#table-body tr:first-child button")
    p.page.keyboard.press("Enter")
    first = p.page.inner_text("#table-body tr:first-child button")
    assert p.page.inner_text("#panel h2") == first


# ---------------------------------------------------------------------------- metrics


def test_colour_by_community_recolours_the_nodes_and_shows_the_legend(kg, site, open_page):
    p = open_page(site["actors"])
    G = to_networkx(kg, "actors")
    community = {str(v): m["community"] for v, m in node_metrics(G).items()}
    ids = p.js("Object.fromEntries(window.innograph.model.nodes.map(n => [n.iri, n.id]))")
    fills = "() => Object.fromEntries(window.innograph.nodes.get().map(n => [n.id, n.color ? n.color.background : null]))"
    assert set(p.js(fills).values()) == {None}  # coloured by kind: the groups' colours
    assert p.page.is_hidden("#metric-legend")
    p.page.select_option("#color-by", "community")
    colours = p.js(fills)
    # every node in its community's palette colour, as Python numbers the communities
    assert {iri: colours[str(i)] for iri, i in ids.items()} == {
        iri: COMMUNITY_PALETTE[community[iri]] for iri in ids}
    # the legend: the seven communities, largest first, with their sizes (see test_render.py)
    items = p.page.eval_on_selector_all("#metric-legend li", "ls => ls.map(l => l.textContent)")
    assert items == ["community 0 (10)", "community 1 (6)", "community 2 (5)", "community 3 (3)",
                     "community 4 (2)", "community 5 (1)", "community 6 (1)"]
    # the kind still shows, by shape: the committee is a square, the seminar a star
    shapes = p.js("(ids) => ids.map(id => window.innograph.network.body.nodes[id].options.shape)",
                  [ids[COMMITTEE], ids[SEMINAR]])
    assert shapes == ["square", "star"]
    # a numeric metric: the page's colours are those of graph.render.metrics, to the digit
    p.page.select_option("#color-by", "betweenness")
    model = p.js("window.innograph.model")
    scale = model["scales"]["betweenness"]
    colours = p.js(fills)
    assert {str(n["id"]): metric_colour(scale, n["metrics"]["betweenness"]) for n in model["nodes"]} == colours
    assert "low 0" in p.page.inner_text("#metric-legend") and "high 0.7602" in p.page.inner_text("#metric-legend")
    p.page.select_option("#color-by", "")
    assert p.page.is_hidden("#metric-legend")
    assert p.errors == []


def test_size_by_betweenness_makes_the_seminar_largest_and_the_panel_shows_it(site, open_page):
    p = open_page(site["actors"])
    seminar = p.node_id(SEMINAR)
    sizes = "() => window.innograph.network.body.nodeIndices.map(id => [id, window.innograph.network.body.nodes[id].options.size])"
    assert {size for _, size in p.js(sizes)} == {11}  # all alike at first
    p.page.select_option("#size-by", "betweenness")
    ranked = sorted(p.js(sizes), key=lambda x: -x[1])
    # the seminar lies on 1601/6 of the 351 paths between the other 27 nodes: by far the most
    assert ranked[0] == [seminar, 30] and ranked[1][1] < 30
    p.js("(id) => window.innograph.selectNode(id, false)", seminar)
    terms = p.page.eval_on_selector_all("#panel-metrics dt", "ds => ds.map(d => d.textContent)")
    values = p.page.eval_on_selector_all("#panel-metrics dd", "ds => ds.map(d => d.textContent)")
    shown = dict(zip(terms, values, strict=True))
    value = node_metrics(to_networkx(graph.load(), "actors"))[SEMINAR]["betweenness"]
    assert value == pytest.approx(1601 / 6 / 351)
    assert shown["betweenness (node size)"] == f"{value:.4g}" == "0.7602"
    assert shown["broker"] == "1" and shown["community"] == "0"


# ---------------------------------------------------------------------------- safety

HOSTILE = {
    "person/evil-img": "<img src=x onerror=alert(1)>",
    "org/evil-script": "</script><script>window.pwned=1</script>",
    "person/evil-quote": "\" onmouseover=\"alert(2)\" x='y' `z`",
    "person/evil-amp": "Tom &amp; Jerry &lt;3 \u2028 line",
}


def test_hostile_labels_show_as_text_and_never_run(open_page, tmp_path):
    schema = "https://schema.org/"
    lines = []
    for path, label in HOSTILE.items():
        cls = "Organization" if path.startswith("org/") else "Person"
        escaped = label.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\u2028")
        lines.append(f'<{ID}{path}> a <{schema}{cls}> ; <{schema}name> "{escaped}" .')
        lines.append(f"<{SEMINAR}> <{schema}attendee> <{ID}{path}> .")
    extra = tmp_path / "hostile.ttl"
    extra.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kg = graph.load(extra)
    page_path = tmp_path / "hostile.html"
    kg.render_html(path=page_path)
    p = open_page(page_path)
    assert p.dialogs == []
    assert p.js("typeof window.pwned") == "undefined"
    assert p.requests == [p.url]  # no image was fetched
    assert p.errors == []
    assert p.js("document.querySelectorAll('#network img, body img').length") == 0
    assert p.open_table() == len(to_networkx(kg, "actors"))
    names = p.page.eval_on_selector_all("#table-body th", "ths => ths.map(t => t.textContent)")
    for path, label in HOSTILE.items():
        assert label in names
        p.js("(id) => window.innograph.selectNode(id, false)", p.node_id(ID + path))
        assert p.page.eval_on_selector("#panel h2", "h => h.textContent") == label
    # the search finds them by their words, too
    assert p.js("window.innograph.find('img src')") == [p.node_id(ID + "person/evil-img")]
    assert p.dialogs == [] and p.js("typeof window.pwned") == "undefined"

