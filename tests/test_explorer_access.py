"""The explorer on phones, by keyboard and for screen readers; axe-core on every page."""

from __future__ import annotations

from pathlib import Path

import explorer_support as support
import pytest

import graph
from graph.render import build_site, read_source_texts, render_graph

from .conftest import source_path

ID = "https://w3id.org/innograph/id/"
SEMINAR = ID + "event/2018-01-08-digital-tsunami-seminar"
UNNI = ID + "person/unni-skar"

# the browser fixtures of the explorer tests
chromium, open_page = support.chromium, support.open_page
DESKTOP, PHONE = support.DESKTOP, support.PHONE



@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    kg = graph.load()
    folder = tmp_path_factory.mktemp("site")
    texts = read_source_texts(kg, [source_path()]) if source_path().is_file() else None
    build_site(kg, folder, source_texts=texts)
    kg.render_html("ego", focus="Unni Skår", depth=1, path=folder / "ego.html", source_texts=texts)
    import networkx as nx

    G = nx.random_partition_graph([900, 800], 0.01, 0.0005, seed=2)
    G = nx.Graph(G)
    G.graph.clear()
    nx.set_node_attributes(G, {v: f"Node {v}" for v in G}, "label")
    render_graph(G, title="Two groups", metrics=False).save(folder / "overview.html")
    return {"actors": folder / "index.html", "organisations": folder / "organisations.html",
            "ego": folder / "ego.html", "overview": folder / "overview.html"}


# ---------------------------------------------------------------------------- phones


def test_on_a_phone_the_graph_comes_first_and_labels_are_readable(pages, open_page):
    p = open_page(pages["actors"], PHONE)
    box = p.page.locator("#network").bounding_box()
    assert box["y"] < 200 and box["height"] > 0.5 * PHONE["height"]
    assert not p.page.is_visible("#controls") and not p.page.is_visible("#panel")
    # 14 px labels drawn at least 10 px high, the seminar inside the picture
    assert p.js("window.innograph.network.getScale()") * 14 >= 10 - 1e-9
    at = p.js("(id) => { const n = window.innograph.network; return n.canvasToDOM(n.getPositions([id])[id]); }",
              p.node_id(SEMINAR))
    assert 0 <= at["x"] <= box["width"] and 0 <= at["y"] <= box["height"]
    assert p.no_horizontal_scroll()
    p.screenshot("phone-actors.png")


def test_on_a_phone_the_controls_are_in_a_drawer_and_details_in_a_bottom_sheet(pages, open_page):
    p = open_page(pages["actors"], PHONE)
    p.page.click("#open-controls")
    p.wait("() => document.activeElement.id === 'search'")
    assert p.page.is_visible("#controls")
    assert p.page.get_attribute("#open-controls", "aria-expanded") == "true"
    p.screenshot("phone-drawer.png")
    p.page.fill("#search", "Unni Skår")
    p.page.press("#search", "Enter")
    p.wait("() => document.body.classList.contains('has-details')")
    assert not p.page.is_visible("#controls")
    sheet = p.page.locator("#panel").bounding_box()
    assert abs(sheet["y"] + sheet["height"] - PHONE["height"]) < 1 and sheet["width"] == PHONE["width"]
    assert p.page.inner_text("#panel h2") == "Unni Skår"
    # the chosen node stays in sight, above the sheet
    p.wait("""([id, top]) => { const n = window.innograph.network, r = document.getElementById('network').getBoundingClientRect();
        const y = r.y + n.canvasToDOM(n.getPositions([id])[id]).y; return y > r.y && y < top - 20; }""",
           [p.node_id(UNNI), sheet["y"]])
    assert p.no_horizontal_scroll()
    p.screenshot("phone-details.png")


def test_on_a_phone_the_table_scrolls_inside_itself(pages, open_page):
    p = open_page(pages["actors"], PHONE)
    p.page.click("#table-box summary")
    p.wait("() => document.querySelectorAll('#table-body tr').length > 0")
    assert p.no_horizontal_scroll()
    assert p.js("(() => { const s = document.querySelector('.table-scroll'); return s.scrollWidth > s.clientWidth; })()")
    p.screenshot("phone-table.png")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["actors", "organisations", "ego", "overview"])
def test_no_page_scrolls_sideways(pages, open_page, name, viewport):
    p = open_page(pages[name], viewport)
    assert p.no_horizontal_scroll() and p.errors == []
    p.screenshot(f"{name}-{viewport['width']}.png")


# ---------------------------------------------------------------------------- keyboard


def test_the_network_is_one_named_tab_stop(pages, open_page):
    p = open_page(pages["actors"])
    stops = p.js("Array.from(document.querySelectorAll('#network, #network *'))"
                 ".filter(e => e.tabIndex >= 0).map(e => e.id)")
    assert stops == ["network"]
    assert p.page.get_attribute("#network", "aria-label") == "Network picture"
    assert "Arrow keys" in p.page.inner_text("#network-help")


def test_arrow_keys_move_between_neighbours_enter_opens_escape_returns(pages, open_page):
    p = open_page(pages["actors"])
    p.page.focus("#network")
    p.page.keyboard.press("ArrowRight")
    seminar = p.node_id(SEMINAR)
    p.wait("(id) => window.innograph.network.getSelectedNodes()[0] === id", seminar)
    assert "Den digitale tsunamien" in p.page.inner_text("#announce")
    neighbours = set(p.js("(id) => window.innograph.network.getConnectedNodes(id)", seminar))
    for key in ("ArrowLeft", "ArrowDown", "ArrowRight", "ArrowUp"):
        p.page.keyboard.press(key)
        now = p.js("window.innograph.network.getSelectedNodes()[0]")
        assert now in neighbours, key
        p.page.keyboard.press({"ArrowLeft": "ArrowRight", "ArrowRight": "ArrowLeft",
                               "ArrowUp": "ArrowDown", "ArrowDown": "ArrowUp"}[key])
        neighbours = set(p.js("(id) => window.innograph.network.getConnectedNodes(id)",
                              p.js("window.innograph.network.getSelectedNodes()[0]"))) | neighbours
    chosen = p.js("window.innograph.network.getSelectedNodes()[0]")
    p.page.keyboard.press("Enter")
    p.wait("() => document.activeElement.id === 'panel-title'")
    label = p.js("(id) => window.innograph.model.nodes[id].labels.nb || window.innograph.model.nodes[id].label", chosen)
    assert p.page.inner_text("#panel h2") == label
    announcement = p.page.inner_text("#announce")
    assert "\n" not in announcement and len(announcement) < 120
    p.page.keyboard.press("Escape")
    p.wait("() => document.activeElement.id === 'network'")
    assert p.js("window.innograph.selected") is None


def test_close_returns_focus_to_where_the_selection_came_from(pages, open_page):
    p = open_page(pages["actors"])
    p.page.click("#table-box summary")
    p.page.focus("#table-body tr:first-child button")
    p.page.keyboard.press("Enter")
    p.wait("() => document.activeElement.id === 'panel-title'")
    p.page.click("#panel .close")
    p.wait("() => document.activeElement.closest('#table-body') !== null")


def test_the_overview_opens_a_group_by_keyboard_and_escape_goes_back(pages, open_page):
    p = open_page(pages["overview"])
    p.page.focus("#network")
    p.page.keyboard.press("ArrowRight")
    p.page.keyboard.press("Enter")
    p.wait("() => window.innograph.scene().type === 'group'")
    assert "Opened Group" in p.page.inner_text("#announce")
    p.page.keyboard.press("Escape")
    p.wait("() => window.innograph.scene().type === 'groups'")


# ---------------------------------------------------------------------------- axe-core


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["actors", "organisations", "ego", "overview"])
def test_axe_finds_no_violations(pages, open_page, name, viewport):
    p = open_page(pages[name], viewport, bypass_csp=True)
    assert p.axe() == []
    p.page.click("#table-box summary")
    p.js("window.innograph.selectNode(0, false)")
    p.wait("() => document.querySelector('#panel h2') !== null")
    assert p.axe() == []
