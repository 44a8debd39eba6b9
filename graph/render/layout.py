"""Node positions for the explorer, computed in Python so that the page opens still and readable.

Small graphs get a seeded spring layout around a centre node, then the label boxes are pushed
apart until no two overlap. Large graphs get a force layout whose repulsion is computed on a grid
with FFT convolutions (particle-mesh), which lays out 5,000 nodes in about a second.

Positions are in canvas pixels (vis-network's units), rounded to one decimal so that pages diff
cleanly.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import numpy as np

__all__ = ["Box", "LARGE_GRAPH", "fit_scale", "label_box", "layout", "wrap"]

#: Above this many nodes a graph is "large": fast layout, no label separation, physics off.
LARGE_GRAPH = 300

#: Label metrics that the page uses too (explorer.js): font size, line height, wrap width.
FONT_PX = 14
LINE_PX = 17
WRAP_PX = 150
CHAR_PX = 7.6  # a generous average advance of a 14 px sans-serif character
LABEL_GAP = 6  # between a node's shape and its label
TAG_PX = 14  # the height of an edge label (11 px font)
TAG_CHAR_PX = 6.2  # a generous average advance of an 11 px character


@dataclass(frozen=True)
class Box:
    """The room a node takes on the canvas: its shape and its label below it.

    ``left``, ``right``, ``top`` and ``bottom`` are offsets from the node's centre.
    """

    left: float
    right: float
    top: float
    bottom: float


def wrap(label: str, width_px: float = WRAP_PX) -> list[str]:
    """Break a label into lines no wider than ``width_px`` (estimated), at spaces.

    Examples
    --------
    >>> wrap("Den digitale tsunamien og kommunalt lederskap")
    ['Den digitale', 'tsunamien og', 'kommunalt lederskap']
    >>> wrap("Sverige")
    ['Sverige']
    """
    per_line = max(1, int(width_px // CHAR_PX))
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def label_box(labels: Sequence[str], radius: float) -> Box:
    """The box of a node of ``radius`` whose label is the widest of ``labels`` (one per language).

    Examples
    --------
    >>> b = label_box(["Sverige", "Sweden"], 10)
    >>> b.top, b.bottom > 10 + 17
    (-10, True)
    """
    width, lines = 2.0 * radius, 1
    for label in labels:
        wrapped = wrap(label)
        lines = max(lines, len(wrapped))
        width = max(width, max(len(line) for line in wrapped) * CHAR_PX)
    return Box(-width / 2, width / 2, -radius, radius + LABEL_GAP + lines * LINE_PX)


def layout(
    G: nx.Graph,
    *,
    centre: Hashable | None = None,
    boxes: Mapping[Hashable, Box] | None = None,
    edge_labels: Sequence[tuple[Hashable, Hashable, float, int]] = (),
    seed: int = 7,
    large: int = LARGE_GRAPH,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``G``, in canvas pixels.

    Parameters
    ----------
    G : networkx graph
        Any graph; direction and parallel edges are ignored.
    centre : node, optional
        A node to put at (0, 0), with the others around it.
    boxes : mapping, optional
        The :class:`Box` of each node; with them, a small graph's labels are kept apart.
    edge_labels : sequence of (node, node, width, lines)
        The node pairs whose edge labels are drawn (one line per parallel edge, stacked at the
        middle of the edge), with the widest label's width in pixels: with ``boxes``, these
        labels are kept apart from the others too.
    seed : int
        The seed of the random start: the same graph gives the same positions.
    large : int
        Graphs with more nodes than this get the fast layout.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = layout(nx.star_graph(4), centre=0)
    >>> pos[0]
    (0.0, 0.0)
    >>> pos == layout(nx.star_graph(4), centre=0)
    True
    """
    import numpy as np

    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    fixed = index.get(centre) if centre is not None else None
    if n > large:
        xy = _large_layout(n, edges, seed=seed, fixed=fixed)
    else:
        if boxes is not None:
            bx = np.array([[boxes[v].left, boxes[v].right, boxes[v].top, boxes[v].bottom]
                           for v in nodes], dtype=float)
        else:
            bx = np.tile([-15.0, 15.0, -15.0, 15.0], (n, 1))
        tags = np.array([[index[u], index[v], w, k] for u, v, w, k in edge_labels if u != v],
                        dtype=float).reshape(-1, 4)
        xy = _small_layout(n, edges, bx, tags, seed=seed, fixed=fixed,
                           separate=boxes is not None)
    if fixed is not None:
        xy -= xy[fixed]
    return {v: (round(float(x), 1) + 0.0, round(float(y), 1) + 0.0)
            for v, (x, y) in zip(nodes, xy, strict=True)}


def fit_scale(pos: Mapping[Hashable, tuple[float, float]], boxes: Mapping[Hashable, Box],
              centre: Hashable | None, canvas: tuple[float, float] = (960.0, 640.0)) -> float:
    """The zoom at which every box fits a canvas of ``canvas`` pixels, centred on ``centre``.

    Examples
    --------
    >>> fit_scale({"a": (0, 0), "b": (470, 0)}, {v: Box(-10, 10, -10, 10) for v in "ab"}, "a")
    1.0
    """
    if not pos:
        return 1.0
    cx, cy = pos[centre] if centre in pos else (0.0, 0.0)
    half_w = max(max(abs(x + boxes[v].left - cx), abs(x + boxes[v].right - cx))
                 for v, (x, _) in pos.items())
    half_h = max(max(abs(y + boxes[v].top - cy), abs(y + boxes[v].bottom - cy))
                 for v, (_, y) in pos.items())
    return min(canvas[0] / (2 * max(half_w, 1.0)), canvas[1] / (2 * max(half_h, 1.0)))


def _median_nearest(xy: np.ndarray, sample: int = 300) -> float:
    """The median distance from a node to its nearest neighbour (over a fixed sample)."""
    import numpy as np

    picked = xy[:: max(1, len(xy) // sample)]
    d = np.linalg.norm(picked[:, None, :] - xy[None, :, :], axis=2)
    d[d == 0] = np.inf
    nearest = d.min(axis=1)
    return float(np.median(nearest[np.isfinite(nearest)])) if np.isfinite(nearest).any() else 1.0


def _median_edge(xy: np.ndarray, edges: np.ndarray) -> float:
    import numpy as np

    if len(edges) == 0:
        return float(np.ptp(xy, axis=0).max() / max(math.sqrt(len(xy)), 1.0))
    d = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1)
    return float(np.median(d))


def _components(n: int, edges: np.ndarray, fixed: int | None) -> tuple[nx.Graph, list[list[int]]]:
    """The graph of ``n`` nodes and ``edges``, and its connected components: the fixed node's
    first, then by size (largest first), each sorted."""
    import networkx as nx

    H: nx.Graph = nx.Graph()
    H.add_nodes_from(range(n))
    H.add_edges_from(map(tuple, edges.tolist()))
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c))
    if fixed is not None:
        comps.sort(key=lambda c: fixed not in c)
    return H, comps


def _small_layout(n: int, edges: np.ndarray, bx: np.ndarray, tags: np.ndarray, *, seed: int,
                  fixed: int | None, separate: bool) -> np.ndarray:
    """Each connected component laid out on its own, then packed in rows around the main one.

    The main component (the centre's, else the largest) stays at the origin; the others fill
    rows below and above it in turn, largest first.
    """
    import numpy as np

    H, comps = _components(n, edges, fixed)
    xy = np.zeros((n, 2))
    taken: list[np.ndarray] = []  # the rectangles of the edge labels drawn: left, right, top, bottom
    for comp in comps:
        sub = H.subgraph(comp)
        local = {v: i for i, v in enumerate(comp)}
        centre = local.get(fixed) if fixed is not None else None
        local_edges = [(local[u], local[v]) for u, v in sub.edges()]
        part = _spring(len(comp), local_edges, seed=seed, fixed=centre)
        if separate:
            mine = tags[np.isin(tags[:, 0], comp)] if len(tags) else tags
            ends = np.array([[local[int(a)], local[int(b)]] for a, b, _, _ in mine],
                            dtype=np.int64).reshape(-1, 2)
            tag_boxes = np.array([[-w / 2 - 2, w / 2 + 2, -k * TAG_PX / 2, k * TAG_PX / 2]
                                  for _, _, w, k in mine]).reshape(-1, 4)
            part = _compact(part, np.vstack([bx[comp], tag_boxes]))
            part = _separate(part, bx[comp], ends, tag_boxes, fixed=centre)
            if comp is comps[0] and len(ends):
                mid = (part[ends[:, 0]] + part[ends[:, 1]]) / 2 - (
                    part[centre] if centre is not None else part.mean(axis=0))
                taken.append(np.column_stack([mid[:, 0] + tag_boxes[:, 0], mid[:, 0] + tag_boxes[:, 1],
                                              mid[:, 1] + tag_boxes[:, 2], mid[:, 1] + tag_boxes[:, 3]]))
        elif len(comp) > 1:
            part *= 120.0 / max(_median_edge(part, np.array(local_edges).reshape(-1, 2)), 1e-9)
        xy[comp] = part - (part[centre] if centre is not None else part.mean(axis=0))
    _pack(xy, bx, comps, taken)
    return xy


def _extent(xy: np.ndarray, bx: np.ndarray, comp: list[int]) -> tuple[float, float, float, float]:
    return (float((xy[comp, 0] + bx[comp, 0]).min()), float((xy[comp, 0] + bx[comp, 1]).max()),
            float((xy[comp, 1] + bx[comp, 2]).min()), float((xy[comp, 1] + bx[comp, 3]).max()))


def _rects(xy: np.ndarray, bx: np.ndarray, comp: list[int]) -> np.ndarray:
    import numpy as np

    return np.column_stack([xy[comp, 0] + bx[comp, 0], xy[comp, 0] + bx[comp, 1],
                            xy[comp, 1] + bx[comp, 2], xy[comp, 1] + bx[comp, 3]])


def _free_spot(rects: np.ndarray, taken: np.ndarray, area: tuple[float, float, float, float],
               gap: float) -> tuple[float, float] | None:
    """Where ``rects`` (moved as one) fit inside ``area`` clear of ``taken``: the spot farthest
    from the origin (a corner), or None. Returns the shift to apply."""
    import numpy as np

    left, right, top, bottom = area
    lo_x, hi_x = rects[:, 0].min(), rects[:, 1].max()
    lo_y, hi_y = rects[:, 2].min(), rects[:, 3].max()
    xs = np.arange(left - lo_x, right - hi_x + 1e-9, 8.0)
    ys = np.arange(top - lo_y, bottom - hi_y + 1e-9, 8.0)
    if not len(xs) or not len(ys):
        return None
    sx, sy = (a.ravel() for a in np.meshgrid(xs, ys, indexing="ij"))
    clear = np.ones(len(sx), dtype=bool)
    for r in rects:
        clear &= ~(
            ((r[0] + sx)[:, None] < taken[None, :, 1] + gap)
            & ((r[1] + sx)[:, None] > taken[None, :, 0] - gap)
            & ((r[2] + sy)[:, None] < taken[None, :, 3] + gap)
            & ((r[3] + sy)[:, None] > taken[None, :, 2] - gap)
        ).any(axis=1)
    if not clear.any():
        return None
    cx = sx + (lo_x + hi_x) / 2
    cy = sy + (lo_y + hi_y) / 2
    best = int(np.argmax(np.where(clear, cx * cx + cy * cy, -1.0)))
    return float(sx[best]), float(sy[best])


def _pack(xy: np.ndarray, bx: np.ndarray, comps: list[list[int]], taken: list[np.ndarray],
          gap: float = 24.0, fill_gaps: bool = True) -> None:
    """Place ``comps[1:]`` around ``comps[0]`` (in place): in free corners of its box when they
    fit there (with ``fill_gaps``), else in rows under and over it."""
    import numpy as np

    if len(comps) < 2:
        return
    left, right, top, bottom = _extent(xy, bx, comps[0])
    placed = np.vstack([_rects(xy, bx, comps[0]), *taken])
    rest = [] if fill_gaps else comps[1:]
    for comp in comps[1:] if fill_gaps else []:
        shift = _free_spot(_rects(xy, bx, comp), placed, (left, right, top, bottom), gap / 2)
        if shift is None:
            rest.append(comp)
            continue
        xy[comp] += shift
        placed = np.vstack([placed, _rects(xy, bx, comp)])
    if not rest:
        return
    width = max(right - left, 600.0)
    rows: list[list[list[int]]] = [[]]
    used = 0.0
    for comp in rest:
        lo, hi, _, _ = _extent(xy, bx, comp)
        if rows[-1] and used + (hi - lo) > width:
            rows.append([])
            used = 0.0
        rows[-1].append(comp)
        used += hi - lo + gap
    below, above = bottom + gap, top - gap
    for r, row in enumerate(rows):
        ext = [_extent(xy, bx, c) for c in row]
        row_width = sum(e[1] - e[0] for e in ext) + gap * (len(row) - 1)
        height = max(e[3] - e[2] for e in ext)
        x = (left + right) / 2 - row_width / 2
        y = below if r % 2 == 0 else above - height
        for comp, (lo, hi, tp, _) in zip(row, ext, strict=True):
            xy[comp, 0] += x - lo
            xy[comp, 1] += y - tp
            x += hi - lo + gap
        if r % 2 == 0:
            below += height + gap
        else:
            above -= height + gap


def _spring(n: int, edges: list[tuple[int, int]], *, seed: int, fixed: int | None) -> np.ndarray:
    """networkx's spring layout (dense Fruchterman-Reingold), ``fixed`` pinned at the origin."""
    import networkx as nx
    import numpy as np

    if n == 1:
        return np.zeros((1, 2))
    if n <= 4:  # a few nodes: the best-linked (or the fixed one) amid the others
        hub = fixed if fixed is not None else max(range(n), key=lambda i: sum(i in e for e in edges))
        others = [i for i in range(n) if i != hub]
        angles = np.arange(len(others)) * 2 * math.pi / len(others)
        xy = np.zeros((n, 2))
        xy[others] = np.stack([np.cos(angles), np.sin(angles)], axis=1) * 0.5
        return xy
    H: nx.Graph = nx.Graph()
    H.add_nodes_from(range(n))
    H.add_edges_from(edges)
    rng = np.random.default_rng(seed)
    start = {i: tuple(rng.uniform(-1.0, 1.0, 2)) for i in H}
    kwargs: dict = {}
    if fixed is not None:
        start[fixed] = (0.0, 0.0)
        kwargs["fixed"] = [fixed]
    pos = nx.spring_layout(H, pos=start, seed=seed, iterations=min(300, 30 + 10 * n),
                           k=1.0 / math.sqrt(n), **kwargs)
    return np.array([pos[i] for i in range(n)], dtype=float)


def _compact(xy: np.ndarray, bx: np.ndarray) -> np.ndarray:
    """Scale the layout so that its area is about 1.5 times the area of all the label boxes."""
    import numpy as np

    area = float(((bx[:, 1] - bx[:, 0]) * (bx[:, 3] - bx[:, 2])).sum())
    span = np.maximum(np.ptp(xy, axis=0), 1e-9)
    return xy * math.sqrt(1.5 * area / float(span[0] * span[1]))


def _separate(xy: np.ndarray, bx: np.ndarray, ends: np.ndarray, tag_boxes: np.ndarray, *,
              fixed: int | None, pad: float = 6.0, rounds: int = 3000) -> np.ndarray:
    """Push overlapping boxes apart, each pair along the axis where they overlap least.

    The boxes are the nodes' (``bx``, around each node) and the edge labels' (``tag_boxes``,
    around the middle of the edge between ``ends``). A push on an edge label moves both ends
    of its edge. When pushes alone do not clear every overlap within a while, the whole layout
    grows by 4 % and pushing goes on: growing clears every overlap in the end.
    """
    import numpy as np

    xy = xy.copy()
    n, m = len(xy), len(ends)
    # T maps node positions to box positions: a node's box moves with the node, an edge
    # label's box with the middle of its edge
    T = np.zeros((n + m, n))
    T[np.arange(n), np.arange(n)] = 1.0
    if m:
        T[n + np.arange(m), ends[:, 0]] += 0.5
        T[n + np.arange(m), ends[:, 1]] += 0.5
    free = np.ones(n)
    if fixed is not None:
        free[fixed] = 0.0
    boxes = np.vstack([bx, tag_boxes]) if m else bx
    # a fixed, tiny tie-breaker for boxes with the same centre
    jitter = np.arange(n + m, dtype=float) * 1e-3
    hw = (boxes[:, 1] - boxes[:, 0]) / 2 + pad / 2
    hh = (boxes[:, 3] - boxes[:, 2]) / 2 + pad / 2
    # what every round reads, made once: the sums of half sizes, the pairs above the diagonal
    reach_x, reach_y = hw[:, None] + hw[None, :], hh[:, None] + hh[None, :]
    above = np.triu(np.ones((n + m, n + m), dtype=bool), k=1)
    middle_x, middle_y = (boxes[:, 0] + boxes[:, 1]) / 2, (boxes[:, 2] + boxes[:, 3]) / 2
    age = np.zeros((n + m, n + m), dtype=np.int64)
    for _ in range(rounds):
        centre = T @ xy
        cx = centre[:, 0] + middle_x + jitter
        cy = centre[:, 1] + middle_y + jitter
        dx = cx[:, None] - cx[None, :]
        dy = cy[:, None] - cy[None, :]
        ox = reach_x - np.abs(dx)
        oy = reach_y - np.abs(dy)
        hit = (ox > 0) & (oy > 0) & above
        i, j = np.nonzero(hit)
        if not len(i):
            break
        # the push that would part each pair, along the axis where they overlap least; a pair
        # that stays stuck that way (a box squeezed between two others) tries the other axis
        age += 1
        age *= hit
        on_x = (ox[i, j] <= oy[i, j]) ^ ((age[i, j] // 40) % 2 == 1)
        push = np.zeros((len(i), 2))
        push[on_x, 0] = np.sign(dx[i, j][on_x]) * ox[i, j][on_x]
        push[~on_x, 1] = np.sign(dy[i, j][~on_x]) * oy[i, j][~on_x]
        # the smallest node moves that make it: along (T_i - T_j), the free nodes only
        W = (T[i] - T[j]) * free
        norm = (W * W).sum(axis=1)
        ok = norm > 1e-12
        xy += 0.5 * (W[ok].T @ (push[ok] / norm[ok, None]))
        # pairs that no free node can part, or that stay stuck for long: grow
        if not ok.all() or age.max() > 160:
            xy *= 1.02
            age[:] = 0
    return xy


def _large_layout(n: int, edges: np.ndarray, *, seed: int, fixed: int | None,
                  spacing: float = 30.0) -> np.ndarray:
    """The main component by :func:`_grid_force_layout`; the other components, each laid out on
    its own, in rows under and over it."""
    import numpy as np

    _, comps = _components(n, edges, fixed)
    xy = np.zeros((n, 2))
    label = np.zeros(n, dtype=np.int64)
    local = np.zeros(n, dtype=np.int64)
    for c, comp in enumerate(comps):
        label[comp] = c
        local[comp] = np.arange(len(comp))
    edges = edges[np.argsort(label[edges[:, 0]], kind="stable")] if len(edges) else edges
    bounds = np.searchsorted(label[edges[:, 0]], np.arange(len(comps) + 1)) if len(edges) else None
    for c, comp in enumerate(comps):
        if len(comp) == 1 or bounds is None:
            continue
        sub = local[edges[bounds[c]:bounds[c + 1]]]
        centre = int(local[fixed]) if fixed is not None and label[fixed] == c else None
        if len(comp) > LARGE_GRAPH:
            part = _grid_force_layout(len(comp), sub, seed=seed, fixed=centre)
        else:
            part = _spring(len(comp), [tuple(e) for e in sub.tolist()], seed=seed, fixed=centre)
        xy[comp] = part * spacing / max(_median_nearest(part), 1e-9)
    half = spacing / 3
    _pack(xy, np.tile([-half, half, -half, half], (n, 1)), comps, [], fill_gaps=False)
    return xy


def _grid_force_layout(n: int, edges: np.ndarray, *, seed: int, fixed: int | None,
                       iterations: int = 80) -> np.ndarray:
    """Fruchterman-Reingold with the all-pairs repulsion computed on a grid (FFT convolution).

    Every node lands in a cell; the repulsion on a node is the convolution of the cell counts
    with the kernel ``k² r / |r|²``, read at its cell. Attraction runs along the edges.
    Cost per round: O(nodes + edges + cells · log cells).
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    k = 1.0
    side = math.sqrt(n) * k
    xy = rng.uniform(0.0, side, size=(n, 2))
    cells = min(128, max(16, 1 << math.ceil(math.log2(2 * math.sqrt(n)))))
    size = 2 * cells
    off = np.fft.fftfreq(size, d=1.0 / size)  # 0, 1, ..., -1 as cell offsets
    ax, ay = np.meshgrid(off, off, indexing="ij")
    r2 = ax * ax + ay * ay
    r2[0, 0] = 1.0
    kx = np.where(r2 > 0, ax / r2, 0.0)
    ky = np.where(r2 > 0, ay / r2, 0.0)
    kx[0, 0] = ky[0, 0] = 0.0
    fkx, fky = np.fft.rfft2(kx), np.fft.rfft2(ky)
    temperature = side / 8.0
    cool = (0.01) ** (1.0 / iterations)
    gravity = 0.05
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    for _ in range(iterations):
        lo = xy.min(axis=0)
        h = max(float(np.ptp(xy, axis=0).max()) / (cells - 1), 1e-9)
        cell = np.minimum(((xy - lo) / h).astype(np.int64), cells - 1)
        density = np.zeros((size, size))
        np.add.at(density, (cell[:, 0], cell[:, 1]), 1.0)
        fd = np.fft.rfft2(density)
        fx = np.fft.irfft2(fd * fkx, s=(size, size))[cell[:, 0], cell[:, 1]]
        fy = np.fft.irfft2(fd * fky, s=(size, size))[cell[:, 0], cell[:, 1]]
        disp = np.stack([fx, fy], axis=1) * (k * k / h)
        # nodes that share a cell get no push from the grid: push them off their cell's centre
        flat = cell[:, 0] * cells + cell[:, 1]
        count = np.bincount(flat, minlength=cells * cells)
        mean_x = np.bincount(flat, xy[:, 0], minlength=cells * cells) / np.maximum(count, 1)
        mean_y = np.bincount(flat, xy[:, 1], minlength=cells * cells) / np.maximum(count, 1)
        off = xy - np.stack([mean_x[flat], mean_y[flat]], axis=1)
        d2 = (off * off).sum(axis=1, keepdims=True) + (0.01 * k) ** 2
        disp += k * k * (count[flat, None] - 1) * off / d2
        if len(edges):
            d = xy[dst] - xy[src]
            dist = np.linalg.norm(d, axis=1, keepdims=True)
            pull = d * dist / k
            np.add.at(disp, src, pull)
            np.add.at(disp, dst, -pull)
        disp -= gravity * (xy - xy.mean(axis=0)) * math.sqrt(n) / side
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        step = disp / length * np.minimum(length, temperature)
        if fixed is not None:
            step[fixed] = 0.0
        xy += step
        temperature *= cool
    return xy
