/* Selection and the details panel (a bottom sheet on phones): names, posts, metrics, and each
   link with its evidence inline. */

var panel = $("panel");
var panelBody = $("panel-body");
/* Where the focus goes back to when the details close. */
var returnFocus = null;

function reveal(n) {
  if (isVisible(n)) return;
  state.kindOn[n.kind] = true;
  state.sectorOn[n.sector] = true;
  model.legend.forEach(function (k, i) { if (k.kind === n.kind) $("kind-" + i).checked = true; });
  model.sectors.forEach(function (s, i) { if (s.sector === n.sector) $("sector-" + i).checked = true; });
  applyFilters();
}

/* Select a node: drawn in this scene, or else opened with its neighbours. */
function selectNode(id, zoom, focusPanel) {
  loadData();
  var n = byId[id];
  if (!n) return;
  if (!nodes.get(id)) openEgo(id);
  reveal(n);
  network.selectNodes([id]);
  state.cursor = id;
  if (zoom) {
    // on a phone the details sheet covers the lower half: the node goes to the upper part
    var offset = { x: 0, y: isPhone() ? -Math.round(container.clientHeight * 0.3) : 0 };
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), offset: offset, animation: reduceMotion ? false : { duration: 300 } });
    if (reduceMotion) labelsWhenReadable();
  }
  show("node", id, focusPanel);
}

function selectEdge(id, focusPanel) {
  loadData();
  var e = edgeById[id];
  if (!e) return;
  if (!nodes.get(e.from) || !nodes.get(e.to)) openEgo(e.from);
  reveal(byId[e.from]);
  reveal(byId[e.to]);
  network.setSelection({ nodes: [], edges: [id] });
  show("edge", id, focusPanel);
}

function nodeButton(id) {
  var b = el("button", { type: "button", className: "linkish", text: labelOf(byId[id]) });
  b.addEventListener("click", function () { selectNode(id, true, true); });
  return b;
}

function edgeButton(e, text) {
  var b = el("button", { type: "button", className: "linkish", text: text || "link" });
  b.addEventListener("click", function () { selectEdge(e.id, true); });
  return b;
}

function defs(pairs) {
  var dl = el("dl");
  pairs.forEach(function (p) {
    if (p[1] === null || p[1] === undefined || p[1] === "" || (Array.isArray(p[1]) && !p[1].length)) return;
    var value = Array.isArray(p[1]) ? p[1].join(", ") : p[1];
    dl.appendChild(el("dt", { text: p[0] }));
    dl.appendChild(el("dd", {}, [typeof value === "object" ? value : String(value)]));
  });
  return dl;
}

function spanText(ids) {
  return ids.map(function (i) {
    var ev = model.evidence[i];
    return ev.start + "-" + ev.end;
  }).join("; ");
}

/* The evidence of an edge: source, characters, and the excerpt with the span marked. */
function evidenceList(ids, compact) {
  var box = el("div", { className: "evidence" });
  if (!ids.length) {
    box.appendChild(el("p", { className: "help", text: "No evidence is recorded for this link." }));
    return box;
  }
  ids.forEach(function (i) {
    var ev = model.evidence[i];
    var source = model.sources[ev.source] || { iri: "", label: "" };
    var item = el("div", { className: "evidence-item" });
    item.appendChild(el("p", {}, [
      el("strong", { text: source.label || source.iri || "unknown source" }),
      ", characters " + ev.start + "-" + ev.end
    ]));
    if (source.iri && !compact) item.appendChild(el("p", { className: "iri", text: source.iri }));
    if (ev.excerpt) {
      item.appendChild(el("blockquote", {}, [
        ev.excerpt.before, el("mark", { text: ev.excerpt.span }), ev.excerpt.after
      ]));
    }
    box.appendChild(item);
  });
  return box;
}

function clearSelection() {
  state.selected = api.selected = null;
  network.unselectAll();
  document.body.classList.remove("has-details");
  clear(panelBody);
  panelBody.appendChild(el("p", { className: "help", text: "Nothing selected." }));
}

/* Close the details and give the focus back to where it was (the picture by default). */
function closeDetails() {
  var was = state.selected;
  clearSelection();
  refreshLabels();
  var target = returnFocus && document.body.contains(returnFocus) && returnFocus.offsetParent !== null ? returnFocus : container;
  returnFocus = null;
  target.focus();
  if (was) announce("Details closed.");
}

function closeButton() {
  var b = el("button", { type: "button", className: "close", text: "Close", "aria-label": "Close the details" });
  b.addEventListener("click", closeDetails);
  return b;
}

/* One link of a node: relation, the other end, role and date, and its evidence inline. */
function linkItem(e, n) {
  var out = e.from === n.id;
  var li = el("li", { className: "link" });
  var line = el("p", {}, [out ? "→ " : "← "]);
  line.appendChild(edgeButton(e, edgeText(e)));
  line.appendChild(document.createTextNode(out ? " → " : " ← "));
  line.appendChild(nodeButton(otherEnd(e, n.id)));
  if (e.heads) line.appendChild(document.createTextNode(" (heads it)"));
  if (e.during) line.appendChild(document.createTextNode(", on " + e.during));
  li.appendChild(line);
  li.appendChild(evidenceList(e.evidence, true));
  return li;
}

function linkSection(title, list, n, limit) {
  if (!list.length) return;
  panelBody.appendChild(el("h3", { text: title + " (" + list.length + ")" }));
  panelBody.appendChild(el("ul", { className: "links" }, list.slice(0, limit).map(function (e) { return linkItem(e, n); })));
  if (list.length > limit) panelBody.appendChild(el("p", { className: "help", text: "and " + (list.length - limit) + " more" }));
}

function showNode(n) {
  panelBody.appendChild(closeButton());
  panelBody.appendChild(el("h2", { id: "panel-title", tabindex: "-1", text: labelOf(n) }));
  panelBody.appendChild(defs([
    ["Kind", kindLabel(n.kind)],
    ["Norwegian (nb)", n.labels.nb || ""],
    ["Swedish (sv)", n.labels.sv || ""],
    ["English (en)", n.labels.en || ""],
    ["Types", n.types],
    ["Sector", n.sector],
    ["Country", n.country],
    ["Date", n.date],
    ["Links", n.degree],
    ["Group", overview && n.group >= 0 ? groupName(overview.groups[n.group]) : ""],
    ["IRI", el("span", { className: "iri", text: n.iri })]
  ]));
  if (overview && n.group >= 0 && !(scene.type === "group" && scene.group === n.group)) {
    var open = el("button", { type: "button", text: "Open its group" });
    open.addEventListener("click", function () { openGroup(n.group); selectNode(n.id, false, true); });
    panelBody.appendChild(open);
  }
  var mine = edgesOf[n.id] || [];
  linkSection("Posts", mine.filter(function (e) { return e.relation === MEMBERSHIP; }), n, 100);
  if (model.metrics.length && n.metrics) {
    panelBody.appendChild(el("h3", { text: "Metrics" }));
    var metricList = defs(model.metrics.map(function (name) {
      var uses = [];
      if (name === state.sizeBy) uses.push("size");
      if (name === state.colourBy) uses.push("colour");
      return [name + (uses.length ? " (node " + uses.join(", ") + ")" : ""), metricText(metricOf(n, name))];
    }));
    metricList.id = "panel-metrics";
    panelBody.appendChild(metricList);
    if (model.metrics_note) panelBody.appendChild(el("p", { className: "help", text: model.metrics_note }));
  }
  linkSection("Links", mine.filter(function (e) { return e.relation !== MEMBERSHIP; }), n, 200);
}

/* Other edges between the same two nodes (drawn on the same line). */
function siblings(e) {
  return (edgesOf[e.from] || []).filter(function (o) {
    return o.id !== e.id && ((o.from === e.from && o.to === e.to) || (o.from === e.to && o.to === e.from));
  });
}

function showEdge(e) {
  var a = byId[e.from], b = byId[e.to];
  panelBody.appendChild(closeButton());
  panelBody.appendChild(el("h2", { id: "panel-title", tabindex: "-1", text: labelOf(a) + " — " + edgeText(e) + " — " + labelOf(b) }));
  panelBody.appendChild(defs([
    ["From", nodeButton(a.id)],
    ["To", nodeButton(b.id)],
    ["Relation", e.relation],
    ["Role", e.role || ""],
    ["Heads", e.heads ? "yes: the post heads the organisation" : ""],
    ["During", e.during || ""],
    ["Weight", e.weight === undefined ? "" : String(e.weight)],
    ["Through", e.via || []],
    ["Claims", e.claims]
  ]));
  panelBody.appendChild(el("h3", { text: "Evidence" }));
  panelBody.appendChild(evidenceList(e.evidence, false));
  var same = siblings(e);
  if (same.length) {
    panelBody.appendChild(el("h3", { text: "Also between these two" }));
    panelBody.appendChild(el("ul", {}, same.map(function (o) { return el("li", {}, [edgeButton(o, edgeText(o))]); })));
  }
}

/* Fill the panel for a node or an edge; focusPanel moves the focus to its heading. */
function show(type, id, focusPanel) {
  state.selected = api.selected = { type: type, id: id };
  clear(panelBody);
  if (type === "node") showNode(byId[id]);
  else showEdge(edgeById[id]);
  document.body.classList.add("has-details");
  panel.scrollTop = 0;
  refreshLabels();
  if (type === "node") {
    var n = byId[id];
    announce(labelOf(n) + ", " + kindLabel(n.kind) + ", " + plural(n.degree, "link", "links") + ".");
  } else {
    announce(edgeText(edgeById[id]) + ": " + labelOf(byId[edgeById[id].from]) + " to " + labelOf(byId[edgeById[id].to]) + ".");
  }
  if (focusPanel) {
    if (!returnFocus && document.activeElement && document.activeElement !== document.body && !panel.contains(document.activeElement)) {
      returnFocus = document.activeElement;
    }
    $("panel-title").focus();
  }
}

network.on("click", function (params) {
  if (params.nodes.length && isGroupId(params.nodes[0])) openGroup(Number(params.nodes[0].slice(1)));
  else if (params.nodes.length) { state.cursor = params.nodes[0]; show("node", params.nodes[0]); }
  else if (params.edges.length && typeof params.edges[0] === "number") show("edge", params.edges[0]);
});
