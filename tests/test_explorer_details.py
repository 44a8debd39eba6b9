"""Reading the picture: evidence inline in the node panel, edge labels clear of node labels,
ego views centred on their focus, the article's claim cited by its own phrases."""

from __future__ import annotations

from pathlib import Path

import explorer_support as support
import pytest

import graph
from graph.network import to_networkx
from graph.render import build_site, read_source_texts

from .conftest import source_path

# the browser fixtures of the explorer tests
chromium, open_page = support.chromium, support.open_page

ID = "https://w3id.org/innograph/id/"
SEMINAR = ID + "event/2018-01-08-digital-tsunami-seminar"
COMMITTEE = ID + "org/svinesundskomiteen"
ARTICLE = ID + "article/2018-01-09-digital-tsunami-seminar"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not source_path().is_file():
        support._missing(f"the source article is missing: {source_path()}")
    kg = graph.load()
    folder = tmp_path_factory.mktemp("site")
    texts = read_source_texts(kg, [source_path()])
    build_site(kg, folder, source_texts=texts)
    kg.render_html("ego", focus="Thor Moen", depth=2, path=folder / "ego.html", source_texts=texts)
    return {"actors": folder / "index.html", "ego": folder / "ego.html"}


def test_the_node_panel_lists_each_link_with_its_evidence(site, open_page, source_text):
    G = to_networkx(graph.load(), "actors")
    expected = sorted(
        ";".join(sorted(d["evidence"].split(";"), key=lambda s: int(s.split("-")[0])))
        for u, v, d in G.edges(data=True) if COMMITTEE in (u, v)
    )
    p = open_page(site["actors"])
    p.js("(id) => window.innograph.selectNode(id, false)", p.node_id(COMMITTEE))
    p.wait("() => document.querySelectorAll('#panel .link').length > 0")
    items = p.page.eval_on_selector_all("#panel .link", """ls => ls.map(l => Array.from(
        l.querySelectorAll('.evidence-item > p:first-child')).map(p => p.textContent.split('characters ')[1]).join(';'))""")
    assert sorted(items) == expected
    marks = p.page.eval_on_selector_all("#panel .link mark", "ms => ms.map(m => m.textContent)")
    spans = [span.split("-") for links in expected for span in links.split(";")]
    assert sorted(marks) == sorted(source_text[int(a):int(b)] for a, b in spans)


def test_edge_labels_of_a_selection_never_cover_a_node_or_its_label(site, open_page):
    p = open_page(site["actors"])
    seminar = p.node_id(SEMINAR)
    p.page.uncheck("#edge-labels") if p.page.is_checked("#edge-labels") else None
    p.js("(id) => window.innograph.selectNode(id, false)", seminar)
    p.wait("() => document.querySelector('#panel h2') !== null")
    overlaps = p.js("""() => {
        const api = window.innograph, n = api.network, ctx = document.createElement('canvas').getContext('2d');
        ctx.font = "11px Arial";
        const boxes = api.nodes.getIds().map(id => n.getBoundingBox(id));
        const out = [], shown = [];
        api.edges.get().filter(e => e.label).forEach(e => {
            const pos = n.getPositions([e.from, e.to]), m = api.model.edges[e.id];
            const x = (pos[e.from].x + pos[e.to].x) / 2, y = (pos[e.from].y + pos[e.to].y) / 2 + (m.shift || 0);
            const half = ctx.measureText(e.label).width / 2;
            shown.push(e.id);
            boxes.forEach(b => { if (x + half > b.left && x - half < b.right && y + 7 > b.top && y - 7 < b.bottom) out.push([e.id, b]); });
        });
        return {overlaps: out, shown: shown.length};
    }""")
    assert overlaps["overlaps"] == []
    assert overlaps["shown"] > 0


def test_an_ego_view_is_centred_on_its_focus(site, open_page):
    for viewport in (support.DESKTOP, support.PHONE):
        p = open_page(site["ego"], viewport)
        focus = p.js("window.innograph.model.centre")
        assert p.js("(id) => window.innograph.model.nodes[id].label", focus) == "Thor Moen"
        offset = p.js("(id) => { const n = window.innograph.network; const d = n.canvasToDOM(n.getPositions([id])[id]);"
                      " const c = document.getElementById('network'); return [d.x - c.clientWidth / 2, d.y - c.clientHeight / 2]; }",
                      focus)
        assert abs(offset[0]) < 2 and abs(offset[1]) < 2, viewport


def test_the_article_is_about_the_seminar_by_two_short_phrases(site, open_page, source_text):
    p = open_page(site["actors"])
    edge = p.js("""([a, s]) => { const m = window.innograph.model; const ia = m.nodes.find(n => n.iri === a).id,
        is = m.nodes.find(n => n.iri === s).id; return m.edges.find(e => e.from === ia && e.to === is && e.label === 'about').id; }""",
                [ARTICLE, SEMINAR])
    p.js("(id) => window.innograph.selectEdge(id)", edge)
    p.wait("() => document.querySelectorAll('#panel mark').length > 0")
    marks = p.page.eval_on_selector_all("#panel mark", "ms => ms.map(m => m.textContent)")
    assert marks == [source_text[59:99], source_text[258:286]]
    assert all(len(m.split()) <= 6 for m in marks)
