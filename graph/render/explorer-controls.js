/* The header, the filters (kind and sector), the display options, the metric selects and the
   drawer that holds the controls on phones. */

$("page-title").textContent = model.title || "innograph";
var nav = $("pages");
model.links.forEach(function (link) {
  if (!/^[A-Za-z0-9._-]+\.html$/.test(link.href)) return;
  var a = el("a", { href: link.href, text: link.label });
  if (link.current) a.setAttribute("aria-current", "page");
  nav.appendChild(a);
});
if (!model.links.length) nav.hidden = true;
$("total-nodes").textContent = model.counts.nodes;
$("total-edges").textContent = model.counts.edges;

// ------------------------------------------------------------------ the drawer (phones)

var drawerButton = $("open-controls");
function isPhone() { return window.getComputedStyle(drawerButton).display !== "none"; }
function openDrawer() {
  document.body.classList.add("drawer-open");
  drawerButton.setAttribute("aria-expanded", "true");
  $("search").focus();
}
function closeDrawer() {
  if (!document.body.classList.contains("drawer-open")) return false;
  document.body.classList.remove("drawer-open");
  drawerButton.setAttribute("aria-expanded", "false");
  return true;
}
drawerButton.addEventListener("click", function () {
  if (document.body.classList.contains("drawer-open")) { closeDrawer(); drawerButton.focus(); } else openDrawer();
});
$("close-controls").addEventListener("click", function () { closeDrawer(); drawerButton.focus(); });
$("controls").addEventListener("keydown", function (event) {
  if (event.key === "Escape" && closeDrawer()) { event.preventDefault(); drawerButton.focus(); }
});

// ------------------------------------------------------------------ filters

function swatch(st) {
  var ns = "http://www.w3.org/2000/svg";
  var svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("class", "swatch");
  svg.setAttribute("aria-hidden", "true");
  var shape;
  var pts = {
    triangle: "10,2 18,17 2,17", triangleDown: "2,3 18,3 10,18",
    diamond: "10,1 19,10 10,19 1,10", hexagon: "5,2 15,2 19,10 15,18 5,18 1,10",
    star: "10,1 12.6,7 19,7.5 14,11.6 15.6,18 10,14.5 4.4,18 6,11.6 1,7.5 7.4,7"
  }[st.shape];
  if (pts) {
    shape = document.createElementNS(ns, "polygon");
    shape.setAttribute("points", pts);
  } else if (st.shape === "square") {
    shape = document.createElementNS(ns, "rect");
    shape.setAttribute("x", "2"); shape.setAttribute("y", "2");
    shape.setAttribute("width", "16"); shape.setAttribute("height", "16");
  } else {
    shape = document.createElementNS(ns, "circle");
    shape.setAttribute("cx", "10"); shape.setAttribute("cy", "10"); shape.setAttribute("r", "8");
  }
  shape.setAttribute("fill", st.colour);
  shape.setAttribute("stroke", darker(st.colour));
  svg.appendChild(shape);
  return svg;
}

function checkbox(id, checked, onChange, children) {
  var box = el("input", { type: "checkbox", id: id });
  box.checked = checked;
  box.addEventListener("change", function () { onChange(box.checked); });
  return el("label", { "for": id }, [box].concat(children));
}

model.legend.forEach(function (k, i) {
  $("kinds").appendChild(checkbox("kind-" + i, true, function (on) {
    state.kindOn[k.kind] = on;
    applyFilters();
  }, [swatch(k), k.label + " ", el("span", { className: "count", text: "(" + k.count + ")" })]));
});
model.sectors.forEach(function (s, i) {
  $("sectors").appendChild(checkbox("sector-" + i, true, function (on) {
    state.sectorOn[s.sector] = on;
    applyFilters();
  }, [(s.sector || "no sector") + " ", el("span", { className: "count", text: "(" + s.count + ")" })]));
});
if (model.sectors.length < 2) $("sectors").hidden = true;

function isVisible(n) { return !!state.kindOn[n.kind] && !!state.sectorOn[n.sector] && timeNode(n.id); }

/* Hide the drawn nodes that the filters leave out, and the edges to them. */
function applyFilters() {
  var nodeUpdates = [], edgeUpdates = [];
  var shownNodes = 0, shownEdges = 0;
  scene.ids.forEach(function (id) {
    var on = isVisible(byId[id]);
    if (on !== state.shown[id]) { state.shown[id] = on; nodeUpdates.push({ id: id, hidden: !on }); }
    if (on) shownNodes += 1;
  });
  scene.edgeIds.forEach(function (id) {
    var e = edgeById[id];
    var on = !!(state.shown[e.from] && state.shown[e.to]) && timeEdge(id);
    if (on !== state.shownEdge[id]) { state.shownEdge[id] = on; edgeUpdates.push({ id: id, hidden: !on }); }
    if (on) shownEdges += 1;
  });
  if (nodeUpdates.length) nodes.update(nodeUpdates);
  if (edgeUpdates.length) edges.update(edgeUpdates);
  api.counts.visibleNodes = shownNodes;
  api.counts.visibleEdges = shownEdges;
  $("shown-nodes").textContent = shownNodes;
  $("shown-edges").textContent = shownEdges;
  styleChanges();
  if (tableBox.open) renderTable();
}

// ------------------------------------------------------------------ display options

var physics = $("physics");
physics.checked = false;
physics.addEventListener("change", function () {
  network.setOptions({ physics: { enabled: physics.checked } });
});
var edgeLabelBox = $("edge-labels");
edgeLabelBox.checked = state.edgeLabels;
edgeLabelBox.addEventListener("change", function () {
  state.edgeLabels = edgeLabelBox.checked;
  labelled = {};
  edges.update(scene.edgeIds.map(function (id) { return { id: id, label: state.edgeLabels ? edgeText(edgeById[id]) : "" }; }));
  refreshLabels();
});
var language = $("language");
language.value = state.lang;
language.addEventListener("change", function () {
  state.lang = language.value === "en" ? "en" : "nb";
  document.documentElement.setAttribute("lang", state.lang === "nb" ? "nb" : "en");
  nodes.update(scene.ids.map(function (id) {
    var n = byId[id], u = { id: id };
    if (state.labels) u.label = drawnLabel(n);
    if (!model.large) u.title = labelOf(n) + " (" + kindLabel(n.kind) + ")";
    return u;
  }));
  if (state.selected) show(state.selected.type, state.selected.id);
  if (tableBox.open) renderTable();
});
$("fit").addEventListener("click", frame);

// ------------------------------------------------------------------ size and colour by metric

var sizeBy = $("size-by"), colourBy = $("color-by"), metricLegend = $("metric-legend");

function fillSelect(select, first, names) {
  select.appendChild(el("option", { value: first[0], text: first[1] }));
  names.forEach(function (name) { select.appendChild(el("option", { value: name, text: name })); });
}
fillSelect(sizeBy, ["", "none (all alike)"], model.metrics.filter(function (m) {
  return model.scales[m].type !== "categorical";
}));
fillSelect(colourBy, ["", "kind"], model.metrics);
sizeBy.value = state.sizeBy;
colourBy.value = state.colourBy;
if (!model.metrics.length) $("metric-controls").hidden = true;

function legendItem(fill, text) {
  var dot = el("span", { className: "dot", "aria-hidden": "true" });
  dot.style.background = fill;
  dot.style.borderColor = darker(fill);
  return el("li", {}, [dot, text]);
}

/* The key of the metric colouring: low → high, the communities, or brokers. */
function renderMetricLegend() {
  clear(metricLegend);
  $("kinds").classList.toggle("by-shape", !!state.colourBy);
  if (!state.colourBy) { metricLegend.hidden = true; return; }
  var name = state.colourBy, scale = model.scales[name];
  metricLegend.appendChild(el("p", { className: "legend-title", text: "Colour: " + name + " (the shape shows the kind)" }));
  if (scale.type === "sequential") {
    var bar = el("div", { className: "ramp", role: "img", "aria-label": "from light (low) to dark (high)" });
    bar.style.background = "linear-gradient(to right, " + scale.stops.join(", ") + ")";
    metricLegend.appendChild(bar);
    metricLegend.appendChild(el("p", { className: "ramp-ends" }, [
      el("span", { text: "low " + metricText(scale.lo) }), el("span", { text: "high " + metricText(scale.hi) })
    ]));
  } else if (scale.type === "categorical") {
    var items = scale.classes.map(function (c) {
      return legendItem(c.colour, name + " " + c.value + " (" + c.count + ")");
    });
    if (scale.other_count) items.push(legendItem(scale.other, "others (" + scale.other_count + ")"));
    metricLegend.appendChild(el("ul", { className: "key" }, items));
  } else {
    metricLegend.appendChild(el("ul", { className: "key" }, [
      legendItem(scale.on, name + " (" + scale.counts.on + ")"),
      legendItem(scale.off, "not " + name + " (" + scale.counts.off + ")")
    ]));
  }
  metricLegend.hidden = false;
}

/* Resize and recolour the drawn nodes in place. */
function restyle() {
  nodes.update(scene.ids.map(function (id) { var n = byId[id]; return { id: id, size: sizeOf(n), color: colourOf(n) }; }));
  styledChanges.nodes = {};
  styleChanges();
  renderMetricLegend();
  if (state.selected && state.selected.type === "node") show("node", state.selected.id);
}
sizeBy.addEventListener("change", function () {
  state.sizeBy = model.scales[sizeBy.value] ? sizeBy.value : "";
  restyle();
});
colourBy.addEventListener("change", function () {
  state.colourBy = model.scales[colourBy.value] ? colourBy.value : "";
  restyle();
});
renderMetricLegend();
