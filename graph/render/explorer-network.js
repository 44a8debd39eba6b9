/* The network picture: vis-network data sets, the scene drawn, framing, labels on demand.
 *
 * A scene is what the picture shows: "all" (every node, a view drawn node by node), "groups"
 * (the super-nodes of one level of the overview), "group" (the nodes of one group of the
 * overview) or "ego" (a node and its neighbours). Groups are drawn with ids "g<number>".
 */

function visNode(n, at) {
  var p = at || n;
  var node = { id: n.id, x: p.x, y: p.y, group: n.kind, hidden: false };
  node.label = state.labels ? drawnLabel(n) : undefined;
  if (!model.large) node.title = labelOf(n) + " (" + kindLabel(n.kind) + ")";
  if (state.sizeBy) node.size = sizeOf(n);
  if (state.colourBy) node.color = colourOf(n);
  if (n.id === sceneCentre()) node.borderWidth = 3;
  return node;
}

/* One vis-network group per kind: colour and shape are set once, not on every node. */
function visGroups() {
  var out = {};
  model.legend.forEach(function (k) {
    out[k.kind] = { shape: k.shape, color: colourObject(k.colour) };
  });
  return out;
}

function visEdge(e) {
  var edge = { id: e.id, from: e.from, to: e.to, hidden: false };
  edge.label = state.edgeLabels ? edgeText(e) : undefined;
  if (!model.large) edge.title = labelOf(byId[e.from]) + " — " + edgeText(e) + " — " + labelOf(byId[e.to]);
  if (e.heads) edge.width = 2.5;
  if (e.weight !== undefined) edge.value = e.weight;
  if (e.shift) edge.font = { vadjust: e.shift };
  return edge;
}

var nodes = new vis.DataSet([]);
var edges = new vis.DataSet([]);
var container = $("network");
var options = {
  autoResize: true,
  layout: { improvedLayout: false, randomSeed: 1 },
  physics: {
    enabled: false,
    solver: "barnesHut",
    barnesHut: { gravitationalConstant: -3000, springLength: 140, avoidOverlap: 0.3 },
    stabilization: { enabled: false }
  },
  interaction: {
    hover: !model.large,
    tooltipDelay: 250,
    // the page's own keys move between nodes (explorer-keyboard.js)
    keyboard: { enabled: false },
    hideEdgesOnDrag: model.large,
    hideEdgesOnZoom: model.large,
    multiselect: false
  },
  groups: visGroups(),
  nodes: {
    size: model.radius["default"],
    font: { size: 14, face: FONT, color: "#1d1d1f", strokeWidth: 3, strokeColor: "#ffffff" },
    scaling: { min: 7, max: 30 }
  },
  edges: {
    arrows: { to: { enabled: model.directed && !model.large, scaleFactor: 0.6 } },
    color: { color: "#9a9aa8", highlight: "#0b5cad", hover: "#0b5cad" },
    font: { size: 11, face: FONT, color: "#444444", strokeWidth: 3, strokeColor: "#ffffff" },
    smooth: false,
    scaling: { min: 1, max: 8, label: { enabled: false } },
    selectionWidth: 2
  }
};
mark("datasets");
var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
mark("network");
// the network is one tab stop: the container, never vis-network's own elements
Array.prototype.forEach.call(container.querySelectorAll("[tabindex]"), function (node) { node.tabIndex = -1; });

var api = {
  model: model,
  network: network,
  nodes: nodes,
  edges: edges,
  fold: fold,
  find: find,
  drawnAt: null,
  selected: null,
  counts: { nodes: model.counts.nodes, edges: model.counts.edges, visibleNodes: 0, visibleEdges: 0 }
};
window.innograph = api;
network.once("afterDrawing", function () {
  mark("drawn");
  api.drawnAt = performance.now();
  document.body.setAttribute("data-drawn", "true");
});

var scene = { type: "all", ids: [], edgeIds: [], group: null, focus: null, at: null };

function sceneCentre() {
  if (scene.type === "ego") return scene.focus;
  if (scene.type === "all") return model.centre;
  return null;
}

function isGroupId(id) { return typeof id === "string" && id.charAt(0) === "g"; }

/* Draw a scene: replaces the nodes and edges of the picture, then frames it. */
function setScene(next) {
  if (next.type !== "groups") loadData();
  scene = next;
  state.shown = {};
  state.shownEdge = {};
  state.hover = null;
  state.cursor = null;
  labelled = {};
  state.labels = next.type === "groups" || next.ids.length <= 300 && !(next.type === "all" && model.large);
  nodes.clear();
  edges.clear();
  if (next.type === "groups") {
    nodes.add(groupNodes(next.group));
    edges.add(groupEdges(next.group));
  } else {
    nodes.add(next.ids.map(function (id) { return visNode(byId[id], next.at && next.at[id]); }));
    edges.add(next.edgeIds.map(function (id) { return visEdge(edgeById[id]); }));
    next.ids.forEach(function (id) { state.shown[id] = true; });
    next.edgeIds.forEach(function (id) { state.shownEdge[id] = true; });
  }
  applyFilters();
  frame();
  renderPlace();
}

/* The box that a drawn node (or group) and its label take, around its position p. */
function boxOf(id, p) {
  if (isGroupId(id)) {
    var g = model.overview.groups[Number(id.slice(1))];
    var lines = g.drawn.split("\n"), half = g.r;
    lines.forEach(function (line) { half = Math.max(half, line.length * CHAR_PX / 2); });
    return { left: p.x - half, right: p.x + half, top: p.y - g.r, bottom: p.y + g.r + LABEL_GAP + lines.length * LINE_PX };
  }
  var n = byId[id], r = sizeOf(n), w = r, lines = 1;
  if (state.labels) {
    [n.label, labelOf(n, "nb"), labelOf(n, "en")].forEach(function (l) {
      var ls = wrapLines(l);
      lines = Math.max(lines, ls.length);
      ls.forEach(function (line) { w = Math.max(w, line.length * CHAR_PX / 2); });
    });
  }
  return { left: p.x - w, right: p.x + w, top: p.y - r, bottom: p.y + r + (state.labels ? LABEL_GAP + lines * LINE_PX : 0) };
}

/* Show the visible nodes around the centre node, as large as they fit (at most 1.3×); a view
   drawn node by node opens no smaller than READABLE_ZOOM, around its centre. */
function frame() {
  var ids = nodes.getIds({ filter: function (item) { return !item.hidden; } });
  if (!ids.length) return;
  var pos = network.getPositions(ids);
  var centreId = sceneCentre();
  if (centreId !== null && (!pos[centreId])) centreId = null;
  var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  ids.forEach(function (id) {
    var b = boxOf(id, pos[id]);
    minX = Math.min(minX, b.left); maxX = Math.max(maxX, b.right);
    minY = Math.min(minY, b.top); maxY = Math.max(maxY, b.bottom);
  });
  var cx, cy;
  if (centreId !== null) { cx = pos[centreId].x; cy = pos[centreId].y; }
  else { cx = (minX + maxX) / 2; cy = (minY + maxY) / 2; }
  var halfW = Math.max(cx - minX, maxX - cx, 1), halfH = Math.max(cy - minY, maxY - cy, 1);
  var w = container.clientWidth || 800, h = container.clientHeight || 600;
  var scale = Math.min(1.3, 0.96 * Math.min(w / (2 * halfW), h / (2 * halfH)));
  if (state.labels && scene.type !== "groups") scale = Math.max(scale, READABLE_ZOOM);
  network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
  framed = { width: w, height: h };
}
var framed = null;

/* Labels of a large scene: made the first time they would be big enough to draw. */
function labelsWhenReadable() {
  if (state.labels || network.getScale() * 14 < 5) return;
  state.labels = true;
  nodes.update(nodes.getIds().map(function (id) { return { id: id, label: drawnLabel(byId[id]) }; }));
}
network.on("zoom", labelsWhenReadable);
network.on("animationFinished", labelsWhenReadable);

/* With edge labels off, the edges of the hovered and the selected node (or the selected edge)
   show theirs, unless one would cover a node or its label. */
var labelled = {};
var measure = document.createElement("canvas").getContext("2d");
function tagCovers(e, boxes) {
  var pos = network.getPositions([e.from, e.to]);
  if (!pos[e.from] || !pos[e.to]) return true;
  measure.font = "11px " + FONT;
  var half = measure.measureText(edgeText(e)).width / 2 + 2;
  var x = (pos[e.from].x + pos[e.to].x) / 2, y = (pos[e.from].y + pos[e.to].y) / 2 + (e.shift || 0);
  return boxes.some(function (b) {
    return x + half > b.left && x - half < b.right && y + 9 > b.top && y - 9 < b.bottom;
  });
}
function refreshLabels() {
  if (state.edgeLabels) return;
  var want = {};
  [state.hover, state.selected && state.selected.type === "node" ? state.selected.id : null].forEach(function (id) {
    if (id !== null && id !== undefined) (edgesOf[id] || []).forEach(function (e) { if (state.shownEdge[e.id]) want[e.id] = true; });
  });
  if (state.selected && state.selected.type === "edge" && state.shownEdge[state.selected.id]) want[state.selected.id] = true;
  var ids = Object.keys(want);
  if (ids.length && ids.length <= 400) {
    var drawn = nodes.getIds({ filter: function (item) { return !item.hidden; } });
    var boxes = drawn.length <= 3000 ? drawn.map(function (id) { return network.getBoundingBox(id); }) : [];
    ids.forEach(function (id) {
      if (state.selected && state.selected.type === "edge" && String(state.selected.id) === id) return;
      if (tagCovers(edgeById[id], boxes)) delete want[id];
    });
  } else if (ids.length) {
    want = {};
  }
  var updates = [];
  Object.keys(labelled).forEach(function (id) {
    if (!want[id]) { if (state.shownEdge[id]) updates.push({ id: Number(id), label: "" }); delete labelled[id]; }
  });
  Object.keys(want).forEach(function (id) {
    if (!labelled[id]) { labelled[id] = true; updates.push({ id: Number(id), label: edgeText(edgeById[id]) }); }
  });
  if (updates.length) edges.update(updates);
}
network.on("hoverNode", function (params) { if (!isGroupId(params.node)) { state.hover = params.node; refreshLabels(); } });
network.on("blurNode", function () { state.hover = null; refreshLabels(); });
