"""The array forms one analysis shares (:class:`graph.analysis.base.IndexedGraph`), betweenness
shared among forked processes, and the vectorised brokers, each checked against a plain
reference written here on random graphs."""

from __future__ import annotations

import gc
import json
import random
import threading

import networkx as nx
import pytest

import graph
from graph.analysis import analyze, betweenness_centrality, bridges, centrality, spanning_actors
from graph.analysis.base import IndexedGraph, label_key

COUNTRIES = ["Norway", "Sweden", "Denmark", "Norway;Sweden", "", None]
SECTORS = ["industry", "academia", "government", "civil society", None]
KINDS = ["person", "organisation", "event", "place", "topic", None]


def _ecosystem(seed: int, n: int = 240, m: int = 420) -> nx.MultiDiGraph:
    """A random multigraph with parallel and reverse edges, self-loops, isolated nodes, labels
    that tie and attributes that hold one value, several or none."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        attrs = {"label": rng.choice(["Ann", "Bo", "ann", f"Node {i}"]), "kind": rng.choice(KINDS)}
        if (country := rng.choice(COUNTRIES)) is not None:
            attrs["country"] = country
        if (sector := rng.choice(SECTORS)) is not None:
            attrs["sector"] = sector
        G.add_node(f"n/{i}", **attrs)
    for _ in range(m):
        u, v = rng.randrange(n - 10), rng.randrange(n - 10)  # the last ten stay alone
        G.add_edge(f"n/{u}", f"n/{v}")
        if rng.random() < 0.2:
            G.add_edge(f"n/{v}", f"n/{u}")
    return G


def _spanning_reference(H: nx.Graph, attribute: str, kinds, at_least: int = 2) -> dict:
    out = {}
    for v, kind in H.nodes(data="kind"):
        if kind is not None and kind not in kinds:
            continue
        carriers = [set(filter(None, str(H.nodes[w].get(attribute) or "").split(";")))
                    for w in H.adj[v]]
        carriers = [c for c in carriers if c]
        covered = set().union(*carriers) if carriers else set()
        if len(carriers) >= 2 and len(covered) >= at_least:
            out[v] = sorted(covered)
    return dict(sorted(out.items(), key=lambda item: label_key(H, item[0])))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_graph_is_the_simple_graph(seed) -> None:
    G = _ecosystem(seed)
    ig = IndexedGraph(G)
    H = nx.Graph((u, v) for u, v in G.edges() if u != v)
    H.add_nodes_from(G)
    assert ig.nodes == list(G)
    assert {frozenset((ig.nodes[u], ig.nodes[v])) for u, v in ig.pairs.tolist()} == {
        frozenset(e) for e in H.edges()}
    assert len(ig.pairs) == H.number_of_edges()
    indptr, indices = ig.csr
    for i, v in enumerate(ig.nodes):
        assert sorted(ig.nodes[j] for j in indices[indptr[i]:indptr[i + 1]]) == sorted(H.adj[v])
    assert ig.degrees.tolist() == [H.degree(v) for v in ig.nodes]
    in_order = sorted(ig.nodes, key=lambda v: label_key(ig.H, v))
    assert [ig.nodes[i] for i in ig.rank.argsort()] == in_order
    assert ig.in_label_order(range(len(ig))) == in_order
    assert {frozenset((ig.nodes[e.source], ig.nodes[e.target])) for e in ig.igraph.es} == {
        frozenset(e) for e in H.edges()}
    assert IndexedGraph.of(ig) is ig


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_spanning_actors_agree_with_a_plain_reference(seed) -> None:
    G = _ecosystem(seed)
    H = graph.analysis.simple_graph(G)
    for attribute in ("country", "sector"):
        for kinds, at_least in ((("person", "organisation", "event"), 2), (("person",), 3)):
            expected = _spanning_reference(H, attribute, kinds, at_least)
            found = spanning_actors(G, attribute, kinds=kinds, at_least=at_least)
            assert found == expected
            assert list(found) == list(expected)  # the order of the listing, too
    assert spanning_actors(nx.Graph(), "country") == {}
    assert spanning_actors(nx.path_graph(4), "country") == {}


@pytest.mark.parametrize("seed", [1, 2])
def test_bridges_are_sorted_by_label_within_and_across_pairs(seed) -> None:
    G = _ecosystem(seed, m=200)  # sparse: many bridges
    H = graph.analysis.simple_graph(G)

    def key(v):
        return label_key(H, v)

    expected = sorted((tuple(sorted(e, key=key)) for e in nx.bridges(H)),
                      key=lambda e: (key(e[0]), key(e[1])))
    assert len(expected) > 20
    assert bridges(G) == expected


@pytest.mark.parametrize("k", [None, 60])
def test_betweenness_is_the_same_in_one_process_or_several(k) -> None:
    G = _ecosystem(4)
    one = betweenness_centrality(G, k, seed=3, processes=1)
    calls: list[int] = []
    shared = betweenness_centrality(G, k, seed=3, processes=3,
                                    progress=lambda step, done, total: calls.append(done))
    assert shared == one  # exactly: blocks are summed in the same order
    sources = len(G) if k is None else k
    assert calls == sorted(calls) and calls[-1] == sources
    assert len(calls) == -(-sources // centrality.BLOCK)  # one report per block
    H = graph.analysis.simple_graph(G)
    if k is None:
        assert one == pytest.approx(nx.betweenness_centrality(H))


def test_betweenness_forks_only_for_large_work_in_an_unthreaded_process() -> None:
    big = centrality.PARALLEL_WORK
    assert centrality._default_processes(big - 1, 20) == 1
    assert centrality._default_processes(big, 1) == 1
    assert centrality._default_processes(big, 20) >= 1
    found: list[int] = []
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        found.append(centrality._default_processes(big, 20))
    finally:
        stop.set()
        other.join()
    assert found == [1]
    with pytest.raises(graph.InputError, match="processes must be 1 or more"):
        betweenness_centrality(nx.path_graph(3), processes=0)


def test_analysis_leaves_the_garbage_collector_as_it_found_it() -> None:
    G = _ecosystem(5)
    assert gc.isenabled()
    analyze(G)
    assert gc.isenabled()
    gc.disable()
    try:
        analyze(G)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cli_analyze_gives_the_same_answer_in_several_processes(cli) -> None:
    one = cli("analyze", "--format", "json", "--processes", "1")
    two = cli("analyze", "--format", "json", "--processes", "2")
    assert one.code == two.code == 0

    def answer(out: str) -> dict:
        data = json.loads(out)
        return {k: v for k, v in data.items() if k not in ("started", "ended")}

    assert answer(one.out) == answer(two.out)
    assert answer(one.out)["top"]["betweenness"]
    bad = cli("analyze", "--processes", "0")
    assert bad.code == 2
    assert "--processes 0: give 1 or more processes" in bad.err
    assert "Traceback" not in bad.err


INTERRUPTED = r"""
import sys
import networkx as nx
from graph.analysis import betweenness_centrality

G = nx.barabasi_albert_graph(20000, 3, seed=1)

def report(step, done, total):
    print("started", flush=True)

try:
    betweenness_centrality(G, 4000, processes=2, progress=report)
except KeyboardInterrupt:
    print("stopped", flush=True)
    sys.exit(130)
print("finished", flush=True)
"""


def test_ctrl_c_stops_betweenness_shared_among_processes_quietly() -> None:
    # Ctrl-C reaches the whole foreground process group: the parent stops the pool, the
    # workers neither print nor live on
    import os
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "started"
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert "stopped" in out and "finished" not in out
    assert err == ""  # no worker's traceback
    assert _in_session(proc.pid) == []


def _in_session(sid: int) -> list[int]:
    """The live processes of a session, read from /proc (field 6 of a process's stat)."""
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        # after the command: state, ppid, pgrp, session; zombies are gone already
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_cli_ego_and_path_speak_of_shared_places_and_of_the_right_view(cli) -> None:
    # the organisations view of the article: six organisations, all tied to one another
    ego = cli("ego", "Svinesundskomiteen", "--view", "organisations")
    assert ego.code == 0
    assert "degree centrality 1.0000 (rank 1 of 6, tied with 5 others)" in ego.out
    path = cli("path", "Unni Skår", "Svinesundskomiteen", "--view", "organisations")
    assert path.code == 2
    assert "not a node of the organisations view; persons and events are in the actors view " \
           "(--view actors)" in path.err
