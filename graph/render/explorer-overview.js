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
  return { type: "group", group: parent, ids: membersOf[parent] || [], edgeIds: innerEdges[parent] || [], focus: null, at: null };
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
