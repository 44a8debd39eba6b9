"""Centralities: who sits at the centre of a view.

degree
    The share of the other nodes a node is tied to: ``neighbours / (n - 1)``.
betweenness
    The share of shortest paths between two other nodes that run through a node, over all
    pairs (normalised by ``(n - 1)(n - 2) / 2``): a broker's measure. With ``k`` it is
    estimated from ``k`` sampled source nodes (seeded, so reproducible). Brandes' algorithm,
    one breadth-first level at a time over numpy arrays; the sources go in blocks, which forked
    processes share on large graphs.
eigenvector
    A node is central when its neighbours are central: the leading eigenvector of the
    adjacency matrix, with unit Euclidean length, found per connected component by a symmetric
    eigensolver (numpy's ``eigh``, or ARPACK's ``eigsh`` on large components, with power
    iteration should ARPACK not converge).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .base import IndexedGraph, Node, Progress, as_simple, no_progress

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "EIGEN_SOLVERS",
    "betweenness_centrality",
    "degree_centrality",
    "eigenvector_centrality",
]

#: What each eigenvector solver is, as an analysis's description names it.
EIGEN_SOLVERS = {
    "numpy eigh": "numpy eigh, the dense symmetric eigensolver",
    "ARPACK eigsh": "ARPACK eigsh, the sparse symmetric (Lanczos) eigensolver",
    "power iteration": "power iteration on A + I, where ARPACK did not converge",
}


def degree_centrality(G: nx.Graph | IndexedGraph) -> dict[Node, float]:
    """The share of the other nodes each node is tied to, on the simple undirected graph.

    Examples
    --------
    >>> import networkx as nx
    >>> degree_centrality(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    {'a': 0.5, 'b': 1.0, 'c': 0.5}
    """
    H = G.H if isinstance(G, IndexedGraph) else as_simple(G)
    n = H.number_of_nodes()
    if n <= 1:
        return dict.fromkeys(H, 1.0 if n == 1 else 0.0)
    return {v: d / (n - 1) for v, d in H.degree()}


#: Sources per block of betweenness: each block's dependencies are summed on their own, then
#: the blocks in order, so the value is the same however many processes share the blocks.
BLOCK = 25

#: Below this much work (sources times arcs) betweenness runs in one process.
PARALLEL_WORK = 20_000_000


def betweenness_centrality(
    G: nx.Graph | IndexedGraph,
    k: int | None = None,
    *,
    seed: int = 0,
    normalized: bool = True,
    progress: Progress | None = None,
    processes: int | None = None,
) -> dict[Node, float]:
    """Betweenness centrality on the simple undirected graph (Brandes), exact or sampled.

    Parameters
    ----------
    G : networkx graph
    k : int, optional
        Estimate from ``k`` source nodes sampled with ``random.Random(seed)`` (the same sample
        and the same scaling as :func:`networkx.betweenness_centrality`). None, or ``k`` of
        ``n`` or more, computes the exact value from every node.
    seed : int
        The seed of the sample.
    normalized : bool
        Divide by the number of pairs of other nodes (``(n - 1)(n - 2) / 2``); else the value
        counts pairs of nodes (a pair with two shortest paths, one through the node, adds 1/2).
    progress : callable, optional
        Called as ``progress("betweenness", done, total)`` as the sources are done.
    processes : int, optional
        How many processes share the sources (forked; each takes blocks of :data:`BLOCK`
        sources). By default one per available core when the work is large (sources times
        arcs above :data:`PARALLEL_WORK`) and the process may fork (it runs no other thread);
        else 1. The values are the same whatever the number.

    Examples
    --------
    A path a - b - c: b lies on the one shortest path between a and c.

    >>> import networkx as nx
    >>> betweenness_centrality(nx.path_graph(["a", "b", "c"]), normalized=False)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import numpy as np

    ig = IndexedGraph.of(G)
    nodes = ig.nodes
    n = len(nodes)
    if k is not None and k < 1:
        raise InputError(f"k must be 1 or more (the number of sampled source nodes), not {k}")
    if processes is not None and processes < 1:
        raise InputError(f"processes must be 1 or more, not {processes}")
    if k is not None and k >= n:
        k = None
    indptr, indices = ig.csr
    sources = (
        list(range(n)) if k is None
        else [ig.index[v] for v in random.Random(seed).sample(nodes, k)]
    )
    report = progress or no_progress
    blocks = [sources[i:i + BLOCK] for i in range(0, len(sources), BLOCK)]
    if processes is None:
        processes = _default_processes(len(sources) * len(indices), len(blocks))
    bc = np.zeros(n)
    for part in _blocks(indptr, indices, blocks, min(processes, len(blocks)), report):
        bc += part
    return _rescale(nodes, bc.tolist(), k=k, sampled=set(sources), normalized=normalized)


def _default_processes(work: int, blocks: int) -> int:
    """One process per available core for large work in a process that may fork, else 1."""
    import multiprocessing
    import os
    import threading

    if work < PARALLEL_WORK or blocks < 2:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    # forking a threaded process (a server) can leave a lock held in the child
    if threading.active_count() > 1 or multiprocessing.current_process().daemon:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, blocks))


#: The adjacency the forked processes read (set just before they are forked).
_SHARED: tuple[Any, Any] | None = None


def _blocks(
    indptr: Any, indices: Any, blocks: list[list[int]], processes: int, report: Progress
) -> Iterator[Any]:
    """Each block's summed dependencies, in the blocks' order; ``report`` hears of each source
    done (of each block, when processes share them)."""
    import numpy as np

    global _SHARED
    total = sum(map(len, blocks))
    done = 0
    if processes <= 1:
        for block in blocks:
            part = np.zeros(len(indptr) - 1)
            for s in block:
                _accumulate(indptr, indices, s, part)
                done += 1
                report("betweenness", done, total)
            yield part
        return
    import multiprocessing

    _SHARED = (indptr, indices)
    try:
        # Ctrl-C is the parent's to handle: it stops the pool, the workers stay quiet
        with multiprocessing.get_context("fork").Pool(processes, _ignore_interrupts) as pool:
            for part, block in zip(pool.imap(_forked_block, blocks), blocks, strict=True):
                done += len(block)
                report("betweenness", done, total)
                yield part
    finally:
        _SHARED = None


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _forked_block(block: list[int]) -> Any:
    """The summed dependencies of one block of sources, from zero, in a forked process."""
    import numpy as np

    assert _SHARED is not None, "the adjacency is set before the processes fork"
    indptr, indices = _SHARED
    part = np.zeros(len(indptr) - 1)
    for s in block:
        _accumulate(indptr, indices, s, part)
    return part


def _neighbours(indptr: Any, indices: Any, nodes: Any) -> tuple[Any, Any]:
    """The neighbours of each of ``nodes``, concatenated, and how many each node has."""
    import numpy as np

    starts = indptr[nodes]
    counts = indptr[nodes + 1] - starts
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return indices[offsets], counts


def _accumulate(indptr: Any, indices: Any, s: int, bc: Any) -> None:
    """One source of Brandes' algorithm (unweighted), a level of the search at a time:
    add the source's pair dependencies to ``bc``.

    A level's nodes and their path counts come from a ``bincount`` over the whole graph when
    the level reaches many nodes, and from sorting what it reaches when it reaches few (below
    a sixteenth of the nodes), so that a small level costs no pass over the whole graph. The
    sums are the same either way. The neighbours gathered going out are kept for the way
    back."""
    import numpy as np

    n = len(indptr) - 1
    few = n // 16
    dist = np.full(n, -1, dtype=np.int32)
    sigma = np.zeros(n)  # the number of shortest paths from s
    dist[s], sigma[s] = 0, 1.0
    front = np.array([s], dtype=np.int64)
    levels, around = [front], []
    while True:
        near, counts = _neighbours(indptr, indices, front)
        around.append((near, counts))
        new = dist[near] < 0  # the next level: reached for the first time
        reached = near[new]
        if not len(reached):
            break
        weights = np.repeat(sigma[front], counts)[new]
        if len(reached) < few:
            front, which = np.unique(reached, return_inverse=True)
            paths = np.bincount(which, weights=weights)
        else:
            every = np.bincount(reached, weights=weights, minlength=n)
            front = np.flatnonzero(every)
            paths = every[front]
        dist[front] = len(levels)
        sigma[front] = paths
        levels.append(front)
    delta = np.zeros(n)
    # the source's own dependency is never counted, so the way back stops at depth 2
    for depth in range(len(levels) - 1, 1, -1):
        front = levels[depth]
        near, counts = around[depth]
        back = dist[near] == depth - 1  # predecessors on a shortest path
        coeff = np.repeat((1.0 + delta[front]) / sigma[front], counts)[back]
        before = near[back]
        if len(before) < few:
            nodes, which = np.unique(before, return_inverse=True)
            delta[nodes] += sigma[nodes] * np.bincount(which, weights=coeff)
        else:
            delta += sigma * np.bincount(before, weights=coeff, minlength=n)
    bc += delta


def _rescale(
    nodes: list[Node], bc: list[float], *, k: int | None, sampled: set[int], normalized: bool
) -> dict[Node, float]:
    # The scaling of networkx.betweenness_centrality (endpoints excluded, undirected).
    pairs = len(nodes) - 1  # the other nodes a path through v can start or end at
    if pairs < 2:
        return dict.fromkeys(nodes, 0.0)
    if k is None:
        scale = 1 / (pairs * (pairs - 1)) if normalized else 0.5
        return {v: bc[i] * scale for i, v in enumerate(nodes)}
    if normalized:
        source = 1 / ((k - 1) * (pairs - 1)) if k > 1 else float("nan")
        other = 1 / (k * (pairs - 1))
    else:
        source = pairs / ((k - 1) * 2) if k > 1 else float("nan")
        other = pairs / (k * 2)
    return {v: bc[i] * (source if i in sampled else other) for i, v in enumerate(nodes)}


def eigenvector_centrality(
    G: nx.Graph | IndexedGraph, *, max_iter: int = 2000, tol: float = 1e-10,
    solvers: set[str] | None = None,
) -> dict[Node, float]:
    """Eigenvector centrality on the simple undirected graph; never fails on disconnected graphs.

    The leading eigenvector of the adjacency matrix, with unit Euclidean length (as
    :func:`networkx.eigenvector_centrality`). Each connected component gets its own leading
    eigenpair (dense ``numpy.linalg.eigh`` for small components, ARPACK through
    ``scipy.sparse.linalg.eigsh`` for large ones, power iteration on ``A + I`` should ARPACK
    not converge); then only the component(s) with the largest leading eigenvalue keep their
    values: on a disconnected graph that is what the leading eigenvector is. Components that
    tie share the unit length equally. A graph without edges gets 0 everywhere.

    Parameters
    ----------
    max_iter, tol : for the power iteration fallback (tolerance on the largest change).
    solvers : set, optional
        Receives the name of each solver that ran (``numpy eigh``, ``ARPACK eigsh``,
        ``power iteration``), so that a report can say what was computed.

    Examples
    --------
    Two components: the triangle's eigenvalue (2) beats the single edge's (1).

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> {n: round(v, 4) for n, v in eigenvector_centrality(G).items()}
    {'a': 0.5774, 'b': 0.5774, 'c': 0.5774, 'x': 0.0, 'y': 0.0}
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    ig = IndexedGraph.of(G)
    out = dict.fromkeys(ig.nodes, 0.0)
    if len(ig.pairs) == 0:
        return out
    n = len(ig)
    indptr, indices = ig.csr
    A = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, n))
    _, label = connected_components(A, directed=False)
    by_component = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[by_component])) + 1
    members_of = [m for m in np.split(by_component, bounds) if len(m) > 1]
    # the leading eigenvalue of a component is at most its largest degree
    degrees = ig.degrees
    best = 0.0
    chosen: list[tuple[Any, Any]] = []
    close = 1e-9
    for members in sorted(members_of, key=len, reverse=True):
        if degrees[members].max() < best * (1 - close):
            continue
        # the same order, so the same digits, every run
        order = np.array(sorted(members.tolist(), key=lambda i: str(ig.nodes[i])), dtype=np.int64)
        value, vector, solver = _leading_eigenpair(A[order][:, order], max_iter=max_iter, tol=tol)
        if solvers is not None:
            solvers.add(solver)
        if value > best * (1 + close):
            best, chosen = value, [(order, vector)]
        elif value >= best * (1 - close):
            chosen.append((order, vector))
    share = 1 / np.sqrt(len(chosen))
    for order, vector in chosen:
        for i, x in zip(order.tolist(), (vector / np.linalg.norm(vector) * share).tolist(),
                        strict=True):
            out[ig.nodes[i]] = x
    return out


def _leading_eigenpair(S: Any, *, max_iter: int, tol: float) -> tuple[float, Any, str]:
    """The largest eigenvalue of a connected component's adjacency matrix (sparse), its
    (positive) eigenvector, and the solver that found them."""
    import numpy as np

    n = S.shape[0]
    if n <= 500:
        values, vectors = np.linalg.eigh(S.toarray())
        return float(values[-1]), np.abs(vectors[:, -1]), "numpy eigh"
    from scipy.sparse.linalg import ArpackNoConvergence, eigsh

    try:
        values, vectors = eigsh(S, k=1, which="LA", v0=np.ones(n), maxiter=max(n, 1000))
        return float(values[0]), np.abs(vectors[:, 0]), "ARPACK eigsh"
    except ArpackNoConvergence:
        return (*_power_iteration(S, max_iter=max_iter, tol=tol), "power iteration")


def _power_iteration(A: Any, *, max_iter: int, tol: float) -> tuple[float, Any]:
    """The leading eigenpair of a connected component's adjacency matrix by power iteration
    on ``A + I`` (the shift keeps bipartite components from oscillating)."""
    import numpy as np

    n = A.shape[0]
    x = np.ones(n) / np.sqrt(n)
    for _ in range(max_iter):
        y = x + A @ x
        y /= np.linalg.norm(y)
        if np.abs(y - x).max() < tol:
            x = y
            break
        x = y
    return float(x @ (A @ x)), x
