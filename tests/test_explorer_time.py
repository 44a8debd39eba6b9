"""The explorer's date control: the picture as of a day and the changes since an earlier one,
by the same rules as graph/asof.py."""

from __future__ import annotations

from pathlib import Path

import explorer_support as support
import pytest

import graph
from graph.asof import as_of, changes
from graph.network import to_networkx

# the browser fixtures of the explorer tests
chromium, open_page = support.chromium, support.open_page

ADDED, REMOVED = "#1a7f37", "#b42318"


@pytest.fixture(scope="module")
def actors(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    kg = graph.load()
    path = tmp_path_factory.mktemp("time") / "actors.html"
    kg.render_html("actors", path=path, metrics=False)
    return path, to_networkx(kg, "actors")


def _set(p: support.Page, field: str, day: str) -> None:
    p.page.fill(field, day)
    p.wait("([f, d]) => document.querySelector(f).value === d && "
           "(f !== '#as-of' || window.innograph.asOf === d)", [field, day])


def test_as_of_a_day_shows_what_the_library_shows(actors, open_page):
    path, G = actors
    p = open_page(path)
    assert p.page.is_visible("#time")
    assert p.js("[document.querySelector('#as-of').min, document.querySelector('#as-of').max]") == [
        "2018-01-01", "2018-12-31"]
    for day in ("2017-06-01", "2018-01-08", "2018-01-09"):
        _set(p, "#as-of", day)
        H = as_of(G, day)
        counts = p.js("window.innograph.counts")
        assert (counts["visibleNodes"], counts["visibleEdges"]) == (
            H.number_of_nodes(), H.number_of_edges()), day
        hidden = p.js("window.innograph.nodes.get({filter: n => n.hidden})"
                      ".map(n => window.innograph.model.nodes.find(m => m.id === n.id).iri)")
        assert set(hidden) == set(G) - set(H), day
        assert p.page.inner_text("#time-help").startswith(f"As of {day}: {H.number_of_nodes()} of")
    p.page.click("#all-dates")
    p.wait("() => window.innograph.counts.visibleNodes === window.innograph.model.nodes.length")
    assert p.js("window.innograph.counts.visibleEdges") == G.number_of_edges()
    assert p.errors == []


def test_changes_since_an_earlier_day_are_marked(actors, open_page):
    path, G = actors
    p = open_page(path, bypass_csp=True)     # axe-core is injected as a script
    _set(p, "#as-of", "2018-01-09")
    _set(p, "#since", "2018-01-08")
    p.wait("() => window.innograph.changes !== null && window.innograph.changes !== undefined")
    C = changes(G, "2018-01-08", "2018-01-09")

    def count(kind: str, what: str) -> int:
        items = C.nodes(data=True) if kind == "nodes" else ((u, v, d) for u, v, d in C.edges(data=True))
        return sum(1 for *_, d in items if d["change"] == what)

    assert p.js("window.innograph.changes") == {
        k: {"added": count(k, "added"), "removed": count(k, "removed")} for k in ("nodes", "edges")}
    green = p.js(f"window.innograph.edges.get({{filter: e => e.color && e.color.color === '{ADDED}'}}).length")
    assert green == count("edges", "added") == 5
    assert p.js(f"window.innograph.nodes.get({{filter: n => n.color && n.color.border === '{ADDED}'}}).length") == count("nodes", "added")
    # the other way round: what was there on the later day is gone on the earlier one
    _set(p, "#as-of", "2018-01-08")
    _set(p, "#since", "2017-06-01")
    C = changes(G, "2017-06-01", "2018-01-08")
    assert p.js("window.innograph.changes.nodes.added") == count("nodes", "added") > 0
    _set(p, "#since", "2018-02-01")       # not earlier than As of: no comparison
    assert "needs an earlier day" in p.page.inner_text("#time-help")
    assert p.js(f"window.innograph.edges.get({{filter: e => e.color && (e.color.color === '{ADDED}' "
                f"|| e.color.color === '{REMOVED}')}}).length") == 0
    assert p.axe() == []
    assert p.errors == []
