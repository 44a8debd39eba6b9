/* The keyboard on the picture: the arrow keys move between a node and its neighbours (else to
   the nearest node that way), Enter opens the details (or a group) and moves the focus to them,
   Escape closes the details and gives the focus back, or goes back one step. */

var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function drawnIds() { return nodes.getIds({ filter: function (item) { return !item.hidden; } }); }

function neighboursOf(id) {
  var out = {};
  if (isGroupId(id)) {
    var g = Number(id.slice(1));
    overview.edges.forEach(function (t) {
      if (t[0] === g) out["g" + t[1]] = true;
      if (t[1] === g) out["g" + t[0]] = true;
    });
  } else {
    (edgesOf[id] || []).forEach(function (e) { if (state.shownEdge[e.id]) out[otherEnd(e, id)] = true; });
  }
  return Object.keys(out).map(function (k) { return isGroupId(k) ? k : Number(k); })
    .filter(function (k) { return nodes.get(k) && !nodes.get(k).hidden; });
}

/* The candidate that lies best in direction d from p: along it, and near. */
function towards(p, d, candidates, pos) {
  var best = null, bestCost = Infinity;
  candidates.forEach(function (id) {
    var q = pos[id];
    if (!q) return;
    var vx = q.x - p.x, vy = q.y - p.y, dist = Math.sqrt(vx * vx + vy * vy);
    var along = vx * d[0] + vy * d[1];
    if (dist === 0 || along <= 0) return;
    var cost = dist * (1 + 2 * (1 - along / dist));
    if (cost < bestCost) { bestCost = cost; best = id; }
  });
  return best;
}

function describe(id) {
  if (isGroupId(id)) {
    var g = overview.groups[Number(id.slice(1))];
    return groupName(g) + ", " + plural(g.size, "node", "nodes") + ". Enter opens it.";
  }
  var n = byId[id];
  return labelOf(n) + ", " + kindLabel(n.kind) + ", " + plural(neighboursOf(id).length, "neighbour", "neighbours") + " here. Enter for details.";
}

function moveCursor(id) {
  state.cursor = id;
  network.selectNodes([id]);
  var p = network.getPositions([id])[id];
  var dom = network.canvasToDOM(p);
  if (dom.x < 0 || dom.y < 0 || dom.x > container.clientWidth || dom.y > container.clientHeight) {
    network.moveTo({ position: p, animation: false });
  }
  announce(describe(id));
}

function startCursor(ids) {
  var c = sceneCentre();
  if (c !== null && ids.indexOf(c) !== -1) return c;
  if (scene.type === "groups") return ids[0];
  var view = network.getViewPosition(), pos = network.getPositions(ids), best = ids[0], bestD = Infinity;
  ids.forEach(function (id) {
    var dx = pos[id].x - view.x, dy = pos[id].y - view.y, d = dx * dx + dy * dy;
    if (d < bestD) { bestD = d; best = id; }
  });
  return best;
}

function arrow(key) {
  var ids = drawnIds();
  if (!ids.length) return;
  if (state.cursor === null || ids.indexOf(state.cursor) === -1) { moveCursor(startCursor(ids)); return; }
  var pos = network.getPositions(ids), p = pos[state.cursor], d = ARROWS[key];
  var next = towards(p, d, neighboursOf(state.cursor), pos) ||
    towards(p, d, ids.filter(function (id) { return id !== state.cursor; }), pos);
  if (next === null) { announce("No node further that way."); return; }
  moveCursor(next);
}

container.addEventListener("keydown", function (event) {
  if (ARROWS[event.key]) {
    event.preventDefault();
    arrow(event.key);
  } else if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    if (state.cursor === null) { arrow("ArrowRight"); return; }
    if (isGroupId(state.cursor)) { openGroup(Number(state.cursor.slice(1))); return; }
    returnFocus = container;
    show("node", state.cursor, true);
  } else if (event.key === "Escape") {
    if (state.selected) { event.preventDefault(); closeDetails(); } else if (back()) event.preventDefault();
  } else if (event.key === "+" || event.key === "-") {
    event.preventDefault();
    network.moveTo({ scale: network.getScale() * (event.key === "+" ? 1.25 : 0.8), animation: false });
    labelsWhenReadable();
  }
});
container.addEventListener("focus", function () {
  if (state.cursor === null) announce("Network picture. Arrow keys move between nodes, Enter opens one, Escape goes back.");
});
panel.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && state.selected) { event.preventDefault(); closeDetails(); }
});
