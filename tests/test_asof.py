"""The network as of a day and what changed between two days (graph/asof.py)."""

from __future__ import annotations

import networkx as nx
import pytest

import graph
from graph.asof import MEMBERSHIP, alive, as_of, bounds, changes
from graph.errors import InputError
from graph.network import to_networkx

ID = "https://w3id.org/innograph/id/"
SEMINAR = ID + "event/2018-01-08-digital-tsunami-seminar"
FOLLOW_UP = ID + "event/2018-follow-up-seminar"


@pytest.mark.parametrize("text, expected", [
    ("2018-01-08", ("2018-01-08", "2018-01-08")),
    ("2018", ("2018-01-01", "2018-12-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2015-01-01/2018-06", ("2015-01-01", "2018-06-30")),
    ("../2019", (None, "2019-12-31")),
    ("2019-05-01/..", ("2019-05-01", None)),
    ("", (None, None)),
])
def test_bounds_of_dates_and_periods(text, expected):
    assert bounds(text) == expected


def _toy() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, kind, date in [("kari", "person", ""), ("ola", "person", ""),
                          ("fjordlys", "organisation", "2016-01-01/2021-12-31"),
                          ("dagen", "event", "2019-09-12"), ("torget", "place", "")]:
        G.add_node(n, kind=kind, date=date)
    G.add_edge("kari", "fjordlys", key="m1", relation=MEMBERSHIP, during="2017-03-01/2019-12-31")
    G.add_edge("ola", "fjordlys", key="m2", relation=MEMBERSHIP, during="2020-01-01")
    G.add_edge("kari", "dagen", key="speaker", relation="speaker", during="")
    G.add_edge("dagen", "torget", key="location", relation="location", during="")
    return G


@pytest.mark.parametrize("day, nodes, edges", [
    # before the company and the event: the people and the place have no link left
    ("2015-06-01", set(), set()),
    ("2018-06-01", {"kari", "fjordlys"}, {("kari", "fjordlys", "m1")}),
    # the event stays once it took place; the place comes with it
    ("2019-10-01", {"kari", "fjordlys", "dagen", "torget"},
     {("kari", "fjordlys", "m1"), ("kari", "dagen", "speaker"), ("dagen", "torget", "location")}),
    # Kari's post ended; Ola's post, seen on one day, counts from that day on
    ("2021-01-01", {"ola", "fjordlys", "kari", "dagen", "torget"},
     {("ola", "fjordlys", "m2"), ("kari", "dagen", "speaker"), ("dagen", "torget", "location")}),
    # the company is dissolved: its posts go with it
    ("2022-01-01", {"kari", "dagen", "torget"},
     {("kari", "dagen", "speaker"), ("dagen", "torget", "location")}),
])
def test_what_a_day_shows(day, nodes, edges):
    assert alive(_toy(), day) == (nodes, edges)
    H = as_of(_toy(), day)
    assert set(H) == nodes and set(H.edges(keys=True)) == edges and H.graph["as_of"] == day


def test_an_isolated_node_stays():
    G = _toy()
    G.add_node("alone", kind="organisation", date="")
    assert "alone" in as_of(G, "2015-01-01")


def test_changes_mark_added_removed_and_kept():
    C = changes(_toy(), "2018-06-01", "2021-01-01")
    assert {n: d["change"] for n, d in C.nodes(data=True)} == {
        "kari": "kept", "fjordlys": "kept", "ola": "added", "dagen": "added", "torget": "added"}
    assert {k: d["change"] for _, _, k, d in C.edges(keys=True, data=True)} == {
        "m1": "removed", "m2": "added", "speaker": "added", "location": "added"}
    with pytest.raises(InputError, match="after the second"):
        changes(_toy(), "2021-01-01", "2018-06-01")


def test_bad_days_are_refused():
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        as_of(_toy(), "9 January 2018")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        changes(_toy(), "2018-01-01", "2018-13-01")


def test_the_article_on_the_days_of_its_seminar_and_posts():
    G = to_networkx(graph.load(), "actors")
    posts = {(u, v) for u, v, d in G.edges(data=True) if d.get("relation") == MEMBERSHIP}
    assert len(posts) == 5
    before = as_of(G, "2018-01-08")       # the seminar day: posts are seen the day after
    assert SEMINAR in before and FOLLOW_UP in before
    assert not posts & set(before.edges())
    after = as_of(G, "2018-01-09")
    assert set(after) == set(G) and after.number_of_edges() == G.number_of_edges()
    earlier = as_of(G, "2017-06-01")      # neither seminar yet: no post holder is linked
    assert SEMINAR not in earlier and FOLLOW_UP not in earlier
    assert not {u for u, _ in posts} & set(earlier)
    assert all(not d.get("during") for *_, d in earlier.edges(data=True))
    C = changes(G, "2018-01-08", "2018-01-09")
    added = {(u, v) for u, v, d in C.edges(data=True) if d["change"] == "added"}
    assert added == posts


def test_cli_analyze_and_view_as_of_a_day(cli, tmp_path):
    G = as_of(to_networkx(graph.load(), "actors"), "2018-01-08")
    r = cli("analyze", "--as-of", "2018-01-08", "--top", "1")
    assert r.code == 0, r.err
    assert r.out.splitlines()[0].startswith(
        f"Actors view: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    assert "As of 2018-01-08" in r.err
    page = tmp_path / "p.html"
    r = cli("view", "--as-of", "2018-01-08", "-o", str(page), "--no-metrics")
    assert r.code == 0, r.err
    assert '"as_of":"2018-01-08"' in page.read_text(encoding="utf-8")
    for bad in (["analyze", "--as-of", "8.1.2018"], ["view", "--as-of", "2018-02-30", "-o",
                                                     str(tmp_path / "q.html")],
                ["analyze", "--as-of", "2018-01-08", "--write"]):
        r = cli(*bad)
        assert r.code == 2 and r.err.startswith("Error: "), bad
    assert not (tmp_path / "q.html").exists()
