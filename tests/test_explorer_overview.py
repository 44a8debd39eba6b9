"""The overview of a large view: groups, drill-down, back, search that reaches every node."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import explorer_support as support
import networkx as nx
import pytest

from graph.render import DEFAULT_MAX_NODES, render_graph, view_model
from graph.render.overview import MIN_GROUP, OVERVIEW_NODES, overview

SIZES = [500, 450, 400, 350]
LONELY = 30

# the browser fixtures of the explorer tests
chromium, open_page = support.chromium, support.open_page



def four_groups() -> nx.Graph:
    """Four planted communities (dense inside, a few ties between) and 30 nodes with no tie."""
    G = nx.random_partition_graph(SIZES, 0.03, 0.0004, seed=4)
    G = nx.Graph(G)
    G.graph.clear()
    nx.set_node_attributes(G, {v: f"Node {v}" for v in G}, "label")
    nx.set_node_attributes(G, "person", "kind")
    for i in range(LONELY):
        G.add_node(f"lonely-{i}", label=f"Lonely {i}", kind="organisation")
    return G


def planted_block(v: Any) -> int:
    start = 0
    for b, size in enumerate(SIZES):
        if isinstance(v, int) and start <= v < start + size:
            return b
        start += size
    return -1


def test_the_threshold_is_a_named_constant():
    assert DEFAULT_MAX_NODES == OVERVIEW_NODES == 1500


def test_a_view_above_the_threshold_keeps_every_node_and_edge_and_groups_them():
    G = four_groups()
    model = view_model(G)
    assert model["counts"]["nodes"] == G.number_of_nodes() == sum(SIZES) + LONELY
    assert model["counts"]["edges"] == G.number_of_edges()
    assert model["counts"]["isolated"] == LONELY
    ov = model["overview"]
    top = [g for g in ov["groups"] if g["parent"] is None]
    # Louvain finds the planted blocks: each top group lies inside one block
    by_id = {n["id"]: n for n in model["nodes"]}
    iri_of = {n["id"]: n["iri"] for n in model["nodes"]}
    members: dict[int, set[int]] = {}
    for n in model["nodes"]:
        if n["group"] >= 0:
            members.setdefault(n["group"], set()).add(int(iri_of[n["id"]]))
    assert len(top) == 4 and sorted(g["size"] for g in top) == sorted(SIZES)
    for g in top:
        assert len({planted_block(v) for v in members[g["id"]]}) == 1
    # the nodes with no tie are in no group, and listed
    lonely = sorted(n["id"] for n in model["nodes"] if n["iri"].startswith("lonely"))
    assert sorted(ov["isolated"]) == lonely and all(by_id[i]["group"] == -1 for i in lonely)
    # the ties between groups are counted from the graph's own edges
    block_of = {v: g["id"] for g in top for v in members[g["id"]]}
    expected: dict[tuple[int, int], int] = {}
    for u, v in G.edges():
        a, b = sorted((block_of[u], block_of[v]))
        if a != b:
            expected[(a, b)] = expected.get((a, b), 0) + 1
    assert {(a, b): w for a, b, w in ov["edges"]} == expected
    # a group is named by its best-linked members
    for g in top:
        best = max(members[g["id"]], key=lambda v: (G.degree(v), -v))
        assert g["names"][0] == f"Node {best}" and g["label"].startswith(g["names"][0])


def test_large_groups_are_split_until_each_opens_readable():
    G = four_groups()
    model = view_model(G, max_nodes=300)
    groups = model["overview"]["groups"]
    leaves = [g for g in groups if not g["children"]]
    assert all(g["size"] <= 300 for g in leaves)
    assert sum(g["size"] for g in leaves) == sum(SIZES)
    for g in groups:
        if g["children"]:
            assert sum(groups[c]["size"] for c in g["children"]) == g["size"]
            assert all(groups[c]["parent"] == g["id"] for c in g["children"])
    counted: dict[int, int] = {}
    for n in model["nodes"]:
        counted[n["group"]] = counted.get(n["group"], 0) + 1
    assert all(counted[g["id"]] == g["size"] for g in leaves)


def test_small_components_are_pooled_into_one_group():
    G = nx.complete_graph(8)
    for i in range(5):
        G.add_edge(f"p{i}", f"q{i}")  # five separate pairs
    ov = overview(G, limit=6)
    pooled = [g for g in ov.groups if g["parent"] is None and g["size"] == 10]
    assert MIN_GROUP > 2 and len(pooled) == 1
    assert sorted(g["size"] for g in ov.groups if g["parent"] is None) == [8, 10]
    # 8 > 6: the clique is cut into pieces that each open readable
    assert all(g["size"] <= 6 for g in ov.groups if not g["children"])


def test_small_views_are_drawn_node_by_node():
    model = view_model(nx.path_graph(20))
    assert model["overview"] is None and model["counts"]["isolated"] == 0


# ---------------------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.Graph]:
    G = four_groups()
    path = render_graph(G, title="Four groups", metrics=False).save(
        tmp_path_factory.mktemp("overview") / "large.html")
    return path, G


def test_the_page_opens_on_the_groups_and_says_what_is_not_drawn(large_page, open_page):
    path, G = large_page
    p = open_page(path)
    assert p.requests == [p.url] and p.errors == []
    drawn = p.js("window.innograph.nodes.getIds()")
    assert len(drawn) == 4 and all(str(i).startswith("g") for i in drawn)
    assert p.js("window.innograph.scene().type") == "groups"
    notice = p.page.inner_text("#notice")
    assert f"{LONELY} nodes have no tie" in notice and "search finds each" in notice
    assert "4 groups of 1,700 nodes" in p.page.inner_text("#place-line")


def test_a_click_opens_a_group_and_back_returns(large_page, open_page):
    path, G = large_page
    p = open_page(path)
    gid = p.js("window.innograph.model.overview.groups.find(g => g.parent === null && g.size === 450).id")
    at = p.js("(g) => { const n = window.innograph.network; const pos = n.getPositions(['g' + g])['g' + g];"
              " const d = n.canvasToDOM(pos); const r = document.getElementById('network').getBoundingClientRect();"
              " return [r.x + d.x, r.y + d.y]; }", gid)
    p.page.mouse.click(at[0], at[1])
    p.wait("() => window.innograph.scene().type === 'group'")
    ids = p.js("window.innograph.nodes.getIds()")
    iris = {p.js("(i) => window.innograph.model.nodes[i].iri", i) for i in ids}
    members = {str(v) for v in G if planted_block(v) == 1}
    assert iris == members
    inner = sum(1 for u, v in G.edges() if planted_block(u) == planted_block(v) == 1)
    assert p.js("window.innograph.edges.length") == inner
    p.page.click("#back")
    p.wait("() => window.innograph.scene().type === 'groups'")
    assert len(p.js("window.innograph.nodes.getIds()")) == 4


def test_the_search_reaches_any_node_with_its_neighbours(large_page, open_page):
    path, G = large_page
    p = open_page(path)
    p.page.fill("#search", "Lonely 7")
    p.page.press("#search", "Enter")
    p.wait("() => window.innograph.scene().type === 'ego'")
    assert p.page.inner_text("#panel h2") == "Lonely 7"
    assert p.js("window.innograph.nodes.getIds()") == [p.node_id("lonely-7")]
    hub = max((v for v in G if isinstance(v, int)), key=lambda v: (G.degree(v), -v))
    p.page.fill("#search", f"Node {hub}")
    p.page.press("#search", "Enter")
    p.wait("(id) => window.innograph.scene().focus === id", p.node_id(str(hub)))
    drawn = {p.js("(i) => window.innograph.model.nodes[i].iri", i) for i in p.js("window.innograph.nodes.getIds()")}
    assert drawn == {str(hub)} | {str(v) for v in G[hub]}
    # the node stands at the centre of the picture
    offset = p.js("(id) => { const n = window.innograph.network; const d = n.canvasToDOM(n.getPositions([id])[id]);"
                  " const c = document.getElementById('network'); return [d.x - c.clientWidth / 2, d.y - c.clientHeight / 2]; }",
                  p.node_id(str(hub)))
    assert abs(offset[0]) < 2 and abs(offset[1]) < 2


@pytest.fixture(scope="module")
def larger_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.Graph]:
    """A page of 4,000 nodes in six planted communities (an overview in several levels)."""
    sizes = [1000, 800, 700, 600, 500, 400]
    G = nx.Graph(nx.random_partition_graph(sizes, 0.012, 0.0002, seed=9))
    G.graph.clear()
    nx.set_node_attributes(G, {v: f"Aktør {v:04d}" for v in G}, "label")
    nx.set_node_attributes(G, "organisation", "kind")
    path = render_graph(G, title="Six groups", metrics=False, max_nodes=600).save(
        tmp_path_factory.mktemp("overview") / "larger.html")
    return path, G


def test_the_groups_are_drawn_before_the_node_data_are_read(larger_page, chromium):
    path, G = larger_page
    # a node in a community that is never opened, found by its name
    target = max((v for v in G if v >= 3500), key=lambda v: (G.degree(v), -v))
    name = f"aktor {target:04d}"
    page = chromium.new_page(viewport=support.DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # at the first drawing of the groups, note what the page has read, and search: the
    # search reads the tables it needs at once
    page.add_init_script("""(() => {
      let api;
      Object.defineProperty(window, "innograph", {configurable: true, get() { return api; }, set(v) {
        api = v;
        const first = () => {
          if (!api.nodes.getIds().length) { api.network.once("afterDrawing", first); return; }
          const read = (m) => performance.getEntriesByName("innograph:" + m).length;
          window.atFirstFrame = {nodes: read("nodes"), edges: read("edges"), names: read("names"),
                                 drawn: api.nodes.getIds(), loaded: !!api.ready,
                                 found: api.find(NAME)};
        };
        api.network.once("afterDrawing", first);
      }});
    })();""".replace("NAME", repr(name)))
    try:
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.atFirstFrame && window.innograph.ready", timeout=60000)
        first = page.evaluate("window.atFirstFrame")
        assert errors == []
        # the first picture is the groups, drawn from the first data block alone
        top = page.evaluate("window.innograph.model.overview.groups.filter(g => g.parent === null).map(g => 'g' + g.id)")
        assert sorted(first["drawn"]) == sorted(top) and len(top) >= 4 and not first["loaded"]
        assert (first["nodes"], first["edges"], first["names"]) == (0, 0, 0)
        node_id = page.evaluate("(iri) => window.innograph.model.nodes.find(n => n.iri === iri).id", str(target))
        assert first["found"] == [node_id]
        # the search read the tables when it needed them, after the first drawing
        marks = page.evaluate("Object.fromEntries(performance.getEntriesByType('mark')"
                              ".map(m => [m.name.replace('innograph:', ''), m.startTime]))")
        assert marks["data"] < marks["drawn"] <= marks["nodes"] <= marks["loaded"]
        # the search box reaches the node although its group was never opened
        page.fill("#search", f"Aktør {target:04d}")
        page.press("#search", "Enter")
        page.wait_for_function("(id) => window.innograph.scene().focus === id", arg=node_id, timeout=60000)
        assert page.inner_text("#panel h2") == f"Aktør {target:04d}"
        drawn = page.evaluate("window.innograph.nodes.getIds()")
        assert sorted(drawn) == sorted([node_id] + page.evaluate(
            "(ids) => ids.map(v => window.innograph.model.nodes.find(n => n.iri === v).id)",
            [str(v) for v in G[target]]))
        assert page.evaluate("window.innograph.scene().type") == "ego" and errors == []
    finally:
        page.close()
