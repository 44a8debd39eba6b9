/* The overview of a large view: its groups as super-nodes, a group opened on click, a node's
   neighbourhood opened from the search, and the way back. */

var overview = model.overview;
var GROUP_COLOUR = "#7aa6d6";
var membersOf = {};
var innerEdges = {};
if (overview) {
  afterLoad(function () {
    byId.forEach(function (n) {
      if (n.group >= 0) (membersOf[n.group] = membersOf[n.group] || []).push(n.id);
    });
    edgeById.forEach(function (e) {
      var g = byId[e.from].group;
      if (g >= 0 && g === byId[e.to].group) (innerEdges[g] = innerEdges[g] || []).push(e.id);
    });
  });
}
/* The scenes one came through, to go back. */
var trail = [];

function groupsUnder(parent) {
  return overview.groups.filter(function (g) { return g.parent === parent; });
}

function groupNodes(parent) {
  return groupsUnder(parent).map(function (g) {
    return {
      id: "g" + g.id, x: g.x, y: g.y, shape: "dot", size: g.r,
      label: g.drawn,
      title: g.label + ": " + plural(g.size, "node", "nodes"),
      color: colourObject(GROUP_COLOUR), borderWidth: 2
    };
  });
}

function groupEdges(parent) {
  var under = {};
  groupsUnder(parent).forEach(function (g) { under[g.id] = true; });
  var out = [];
  overview.edges.forEach(function (t, i) {
    if (under[t[0]] && under[t[1]]) {
      out.push({ id: "h" + i, from: "g" + t[0], to: "g" + t[1], value: t[2], title: plural(t[2], "tie", "ties"), color: { color: "#c4c4d0", highlight: "#0b5cad", hover: "#0b5cad" } });
    }
  });
  return out;
}

function groupName(g) { return "Group " + (g.id + 1) + ": " + g.label; }

function groupScene(parent) {
  if (parent === null || overview.groups[parent].children.length) {
    return { type: "groups", group: parent, ids: [], edgeIds: [], focus: null, at: null };
  }
  loadData();
  return { type: "group", group: parent, ids: membersOf[parent] || [], edgeIds: innerEdges[parent] || [], focus: null, at: leafPicture(parent) };
}

/* A small seeded random number generator (mulberry32): the same picture on every opening. */
function seeded(seed) {
  var a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    var t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* The picture of a leaf group, made when it first opens: Fruchterman-Reingold on a grid (only
   nodes in neighbouring cells repel), from a seeded start, centred, nearest neighbours 30 px
   apart. */
var pictures = {};
var LEAF_ROUNDS = 60;
/* The cells a node's cell shares its pairs with, as (dx, dy): itself, then half its neighbours. */
var HALF = [0, 0, 1, -1, 1, 0, 1, 1, 0, 1];
function leafPicture(gid) {
  if (pictures[gid]) return pictures[gid];
  var ids = membersOf[gid] || [], n = ids.length, local = {}, i, j, r;
  ids.forEach(function (id, k) { local[id] = k; });
  var ends = [];
  (innerEdges[gid] || []).forEach(function (eid) {
    var e = edgeById[eid], a = local[e.from], b = local[e.to];
    if (a !== b) ends.push(a, b);
  });
  var x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
  var random = seeded(gid + 7), side = Math.sqrt(n);
  for (i = 0; i < n; i++) { x[i] = random() * side; y[i] = random() * side; }
  var cell = 2, next = new Int32Array(n), cx = new Int32Array(n), cy = new Int32Array(n);
  for (r = 0; r < LEAF_ROUNDS; r++) {
    var heat = Math.max(side / 10, 0.1) * (1 - r / LEAF_ROUNDS) + 0.01;
    dx.fill(0); dy.fill(0);
    // the grid: the nodes of each cell in a chain
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (i = 0; i < n; i++) {
      if (x[i] < minX) minX = x[i];
      if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i];
      if (y[i] > maxY) maxY = y[i];
    }
    var gw = Math.floor((maxX - minX) / cell) + 1, gh = Math.floor((maxY - minY) / cell) + 1;
    var head = new Int32Array(gw * gh).fill(-1);
    for (i = 0; i < n; i++) {
      cx[i] = Math.floor((x[i] - minX) / cell);
      cy[i] = Math.floor((y[i] - minY) / cell);
      var c0 = cx[i] * gh + cy[i];
      next[i] = head[c0];
      head[c0] = i;
    }
    // each pair once: the nodes after i in its own cell, and all of four neighbouring cells
    for (i = 0; i < n; i++) {
      var gx = cx[i], gy = cy[i];
      for (var q = 0; q < 5; q++) {
        var hx = gx + HALF[2 * q], hy = gy + HALF[2 * q + 1];
        if (hx >= gw || hy < 0 || hy >= gh) continue;
        for (j = q === 0 ? next[i] : head[hx * gh + hy]; j !== -1; j = next[j]) {
          var vx = x[i] - x[j], vy = y[i] - y[j], d2 = vx * vx + vy * vy;
          if (d2 > cell * cell) continue;
          if (d2 < 1e-9) { vx = random() - 0.5; vy = random() - 0.5; d2 = vx * vx + vy * vy; }
          var f = 1 / d2;
          dx[i] += vx * f; dy[i] += vy * f; dx[j] -= vx * f; dy[j] -= vy * f;
        }
      }
    }
    for (var k = 0; k < ends.length; k += 2) {
      var a = ends[k], b = ends[k + 1], ux = x[a] - x[b], uy = y[a] - y[b];
      var d = Math.sqrt(ux * ux + uy * uy);
      dx[a] -= ux * d; dy[a] -= uy * d; dx[b] += ux * d; dy[b] += uy * d;
    }
    for (i = 0; i < n; i++) {
      var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len > heat) { dx[i] *= heat / len; dy[i] *= heat / len; }
      x[i] += dx[i]; y[i] += dy[i];
    }
  }
  // centred, scaled so that the median distance to the nearest neighbour is 30 px
  var mx = 0, my = 0;
  for (i = 0; i < n; i++) { mx += x[i] / n; my += y[i] / n; }
  var nearest = [], stride = Math.max(1, Math.floor(n / 300));
  for (i = 0; i < n; i += stride) {
    var best = Infinity;
    for (j = 0; j < n; j++) {
      var ddx = x[i] - x[j], ddy = y[i] - y[j], dd = ddx * ddx + ddy * ddy;
      if (j !== i && dd > 0 && dd < best) best = dd;
    }
    if (best < Infinity) nearest.push(Math.sqrt(best));
  }
  nearest.sort(function (p, q) { return p - q; });
  var median = nearest.length ? nearest[Math.floor(nearest.length / 2)] : 1;
  var scale = 30 / Math.max(median, 1e-9), at = {};
  for (i = 0; i < n; i++) {
    at[ids[i]] = { x: Math.round((x[i] - mx) * scale * 10) / 10, y: Math.round((y[i] - my) * scale * 10) / 10 };
  }
  pictures[gid] = at;
  return at;
}

function go(next) {
  trail.push(scene);
  clearSelection();
  setScene(next);
}

/* Open a group: its subgroups, or its nodes and their edges. */
function openGroup(gid) {
  var g = overview.groups[gid];
  go(groupScene(gid));
  announce("Opened " + groupName(g) + ", " + plural(g.size, "node", "nodes") + ". Escape goes back.");
}

/* A node and its neighbours, the node at the centre, the others around it in rings. */
function egoScene(id) {
  loadData();
  var seen = {}, ring = [], edgeIds = [];
  seen[id] = true;
  (edgesOf[id] || []).forEach(function (e) {
    var o = otherEnd(e, id);
    edgeIds.push(e.id);
    if (!seen[o]) { seen[o] = true; ring.push(o); }
  });
  ring.sort(byLabel);
  var at = {};
  at[id] = { x: 0, y: 0 };
  var placed = 0, radius = 190;
  while (placed < ring.length) {
    var room = Math.max(6, Math.floor(2 * Math.PI * radius / 170));
    var count = Math.min(room, ring.length - placed);
    for (var k = 0; k < count; k++) {
      var angle = -Math.PI / 2 + 2 * Math.PI * k / count + (radius > 190 ? Math.PI / count : 0);
      at[ring[placed + k]] = { x: Math.round(radius * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) };
    }
    placed += count;
    radius += 150;
  }
  if (ring.length <= 300) {
    ring.forEach(function (o) {
      (edgesOf[o] || []).forEach(function (e) {
        var other = otherEnd(e, o);
        if (other !== id && seen[other] && e.from === o) edgeIds.push(e.id);
      });
    });
  }
  return { type: "ego", group: null, ids: [id].concat(ring), edgeIds: edgeIds, focus: id, at: at };
}

function openEgo(id) {
  if (scene.type === "ego" && scene.focus === id) return;
  go(egoScene(id));
}

/* Back to the scene before (Escape on the picture, or the Back button). */
function back() {
  if (!trail.length) return false;
  clearSelection();
  setScene(trail.pop());
  announce("Back to " + placeName(scene) + ".");
  return true;
}

function placeName(s) {
  if (s.type === "ego") return "the neighbourhood of " + labelOf(byId[s.focus]);
  if (s.type === "all") return "the whole graph";
  if (s.group === null) return "the overview";
  return groupName(overview.groups[s.group]);
}

/* The line that says where one is, with the way back; and the notice of a large view. */
function renderPlace() {
  var place = $("place");
  clear(place);
  $("status").hidden = scene.type === "groups";
  if (!overview) { place.hidden = true; return; }
  place.hidden = false;
  var top = el("button", { type: "button", id: "to-overview", text: "Overview" });
  top.addEventListener("click", function () { if (scene.type !== "groups" || scene.group !== null) go(groupScene(null)); });
  var crumbs = [top];
  var path = [];
  for (var g = scene.group; g !== null && g !== undefined; g = overview.groups[g].parent) path.unshift(g);
  path.forEach(function (gid) {
    var b = el("button", { type: "button", text: "Group " + (gid + 1) });
    b.addEventListener("click", function () { go(groupScene(gid)); });
    crumbs.push(b);
  });
  if (scene.type === "ego") crumbs.push(el("span", { text: "Around " + labelOf(byId[scene.focus]) }));
  var list = el("ol", {}, crumbs.map(function (c, i) {
    if (i === crumbs.length - 1 && c.tagName === "BUTTON") c.setAttribute("aria-current", "location");
    return el("li", {}, [c]);
  }));
  place.appendChild(list);
  var backButton = el("button", { type: "button", id: "back", text: "Back" });
  backButton.disabled = !trail.length;
  backButton.addEventListener("click", back);
  place.appendChild(backButton);
  var line = "";
  if (scene.type === "groups") {
    var groups = groupsUnder(scene.group);
    var size = groups.reduce(function (s, g) { return s + g.size; }, 0);
    line = plural(groups.length, "group", "groups") + " of " + plural(size, "node", "nodes") +
      ". Open a group to see its nodes; find any node with the search.";
  } else if (scene.type === "group") {
    line = groupName(overview.groups[scene.group]) + ".";
  } else if (scene.type === "ego") {
    line = labelOf(byId[scene.focus]) + " and " + plural(scene.ids.length - 1, "neighbour", "neighbours") + ".";
  }
  place.appendChild(el("p", { id: "place-line", text: line }));
}

function overviewNotice() {
  var notice = $("notice");
  notice.appendChild(document.createTextNode(
    "This view has " + plural(model.counts.nodes, "node", "nodes") + ": it opens on its " +
    plural(groupsUnder(null).length, "group", "groups") + " (communities), each of which opens on click. "));
  var isolated = overview.isolated.length;
  if (isolated) {
    notice.appendChild(document.createTextNode(
      plural(isolated, "node has", "nodes have") + " no tie and " + (isolated === 1 ? "is" : "are") +
      " not drawn; the search finds each of them. "));
  }
  if (model.focus_hint) {
    notice.appendChild(document.createTextNode("One entity's page: "));
    notice.appendChild(el("code", { text: model.focus_hint }));
  }
  notice.hidden = false;
}
