/* Time: the picture as of a day, and what changed since an earlier day.
 *
 * The rules are those of graph/asof.py (a test checks that both agree): an event or a source
 * shows once it has begun; another node with a period shows while the day lies in it; a post
 * shows while the day lies in its period, and one seen held on a single day counts from that
 * day on; other links show when both their ends do; a node that has links in the view but none
 * left on the day is left out. With "changes since", the picture shows what either day shows:
 * green what was added, red and dashed what was gone by the later day.
 */

var ADDED = "#1a7f37", REMOVED = "#b42318";
var timeBox = $("time"), asOfInput = $("as-of"), sinceInput = $("since");
var timeHelp = $("time-help");

function dayStart(text) {
  var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text);
  return m ? m[1] + "-" + (m[2] || "01") + "-" + (m[3] || "01") : null;
}
function dayEnd(text) {
  var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text);
  if (!m) return null;
  if (m[3]) return m[1] + "-" + m[2] + "-" + m[3];
  if (m[2]) {
    var last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
    return m[1] + "-" + m[2] + "-" + (last < 10 ? "0" : "") + last;
  }
  return m[1] + "-12-31";
}
/* The first and last day of a date or period ("" for an open bound). */
function periodBounds(text) {
  text = (text || "").trim();
  if (!text) return ["", ""];
  var i = text.indexOf("/");
  if (i < 0) return [dayStart(text) || "", dayEnd(text) || ""];
  var a = text.slice(0, i), b = text.slice(i + 1);
  return [a === "" || a === ".." ? "" : dayStart(a) || "", b === "" || b === ".." ? "" : dayEnd(b) || ""];
}

function nodeOnDay(n, day) {
  var b = periodBounds(n.date);
  if (b[0] && b[0] > day) return false;
  if (n.kind === "event" || n.kind === "article" || n.kind === "source") return true;
  return !b[1] || b[1] >= day;
}
function edgeOnDay(e, day) {
  if (!e.during) return true;
  var b = periodBounds(e.during);
  if (e.relation === MEMBERSHIP && e.during.indexOf("/") < 0) b[1] = "";
  return (!b[0] || b[0] <= day) && (!b[1] || b[1] >= day);
}

/* The ids of the nodes and edges of the whole view shown on a day. */
function aliveOn(day) {
  var nodeOn = {}, edgeOn = {}, touched = {};
  model.nodes.forEach(function (n) { if (nodeOnDay(n, day)) nodeOn[n.id] = true; });
  model.edges.forEach(function (e) {
    if (nodeOn[e.from] && nodeOn[e.to] && edgeOnDay(e, day)) {
      edgeOn[e.id] = true;
      touched[e.from] = touched[e.to] = true;
    }
  });
  Object.keys(nodeOn).forEach(function (id) {
    if (!touched[id] && (edgesOf[id] || []).length) delete nodeOn[id];
  });
  return { nodes: nodeOn, edges: edgeOn };
}

var timeState = { asOf: "", since: "", now: null, then: null };

function timeNode(id) {
  if (!timeState.now) return true;
  return !!(timeState.now.nodes[id] || timeState.then && timeState.then.nodes[id]);
}
function timeEdge(id) {
  if (!timeState.now) return true;
  return !!(timeState.now.edges[id] || timeState.then && timeState.then.edges[id]);
}
/* "added", "removed" or "" (kept, or no comparison) for a node or an edge. */
function changeOf(kind, id) {
  if (!timeState.then) return "";
  var a = !!timeState.then[kind][id], b = !!timeState.now[kind][id];
  return a === b ? "" : b ? "added" : "removed";
}

/* The days that the view's data name, for the control's range. */
function viewDays() {
  var days = [];
  model.nodes.forEach(function (n) { var b = periodBounds(n.date); if (b[0]) days.push(b[0]); if (b[1]) days.push(b[1]); });
  model.edges.forEach(function (e) { var b = periodBounds(e.during); if (b[0]) days.push(b[0]); if (b[1]) days.push(b[1]); });
  return days.sort();
}

var styledChanges = { nodes: {}, edges: {}, scene: null };
/* Mark what was added or removed since the earlier day (and unmark the rest). */
function styleChanges() {
  if (styledChanges.scene !== scene) styledChanges = { nodes: {}, edges: {}, scene: scene };
  if (scene.type === "groups") return;
  var nodeUpdates = [], edgeUpdates = [], next = { nodes: {}, edges: {}, scene: scene };
  scene.ids.forEach(function (id) {
    var c = changeOf("nodes", id);
    if (c) next.nodes[id] = c;
    if (c === (styledChanges.nodes[id] || "")) return;
    var base = colourOf(byId[id]);
    nodeUpdates.push(c ? {
      id: id, borderWidth: 4,
      color: { background: base.background, border: c === "added" ? ADDED : REMOVED,
               highlight: base.highlight, hover: base.hover },
      shapeProperties: { borderDashes: c === "removed" ? [5, 4] : false }
    } : { id: id, borderWidth: id === sceneCentre() ? 3 : 1, color: state.colourBy ? base : null,
          shapeProperties: { borderDashes: false } });
  });
  scene.edgeIds.forEach(function (id) {
    var c = changeOf("edges", id);
    if (c) next.edges[id] = c;
    if (c === (styledChanges.edges[id] || "")) return;
    edgeUpdates.push(c ? { id: id, color: { color: c === "added" ? ADDED : REMOVED }, dashes: c === "removed", width: 2.5 }
                       : { id: id, color: null, dashes: false, width: edgeById[id].heads ? 2.5 : 1 });
  });
  styledChanges = next;
  if (nodeUpdates.length) nodes.update(nodeUpdates);
  if (edgeUpdates.length) edges.update(edgeUpdates);
}

function countChanges(kind) {
  var out = { added: 0, removed: 0 };
  var ids = kind === "nodes" ? model.nodes.map(function (n) { return n.id; }) : model.edges.map(function (e) { return e.id; });
  ids.forEach(function (id) { var c = changeOf(kind, id); if (c) out[c] += 1; });
  return out;
}

function setTime(asOf, since, quiet) {
  timeState.asOf = asOf || "";
  timeState.since = asOf && since && since < asOf ? since : "";
  timeState.now = timeState.asOf ? aliveOn(timeState.asOf) : null;
  timeState.then = timeState.since ? aliveOn(timeState.since) : null;
  var text = "All dates.";
  if (timeState.then) {
    var n = countChanges("nodes"), e = countChanges("edges");
    text = "From " + timeState.since + " to " + timeState.asOf + ": " + n.added + " node(s) and " +
      e.added + " link(s) added (green), " + n.removed + " node(s) and " + e.removed +
      " link(s) gone (red, dashed).";
    api.changes = { nodes: n, edges: e };
  } else if (timeState.now) {
    text = "As of " + timeState.asOf + ": " + Object.keys(timeState.now.nodes).length + " of " +
      model.nodes.length + " nodes, " + Object.keys(timeState.now.edges).length + " of " +
      model.edges.length + " links.";
    api.changes = null;
  } else {
    api.changes = null;
  }
  if (since && !timeState.since) text += " (Changes since needs an earlier day than As of.)";
  timeHelp.textContent = text;
  api.asOf = timeState.asOf;
  if (!quiet) applyFilters();
}

afterLoad(function initTime() {
  var days = viewDays();
  if (!days.length) return;
  timeBox.hidden = false;
  [asOfInput, sinceInput].forEach(function (input) {
    input.min = days[0];
    input.max = days[days.length - 1];
  });
  asOfInput.addEventListener("change", function () { setTime(asOfInput.value, sinceInput.value); });
  sinceInput.addEventListener("change", function () { setTime(asOfInput.value, sinceInput.value); });
  $("all-dates").addEventListener("click", function () {
    asOfInput.value = "";
    sinceInput.value = "";
    setTime("", "");
  });
  if (model.as_of) {
    // the page was written --as-of a day: the first picture (drawn by start) shows that day
    asOfInput.value = model.as_of;
    setTime(model.as_of, "", true);
  }
});
