/* innograph explorer.
 *
 * Reads the view model from the JSON block, draws it with vis-network and wires the controls.
 * Every label and value from the data reaches the page as text (textContent, text nodes, or
 * attribute values): nothing from the data is ever parsed as HTML.
 */
(function () {
  "use strict";

  function mark(name) { if (window.performance && performance.mark) performance.mark("innograph:" + name); }
  mark("start");
  var model = JSON.parse(document.getElementById("innograph-data").textContent);
  mark("data");
  var FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";
  var WRAP_PX = 150;
  var CHAR_PX = 7.6;
  var LINE_PX = 17;
  var LABEL_GAP = 6;
  var MEMBERSHIP = "org:Membership";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var byId = {};
  model.nodes.forEach(function (n) {
    n.sector = n.sector || "";
    n.country = n.country || [];
    n.types = n.types || [];
    n.date = n.date || "";
    byId[n.id] = n;
  });
  var edgeById = {};
  var edgesOf = {};
  model.edges.forEach(function (e) {
    edgeById[e.id] = e;
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) (edgesOf[e.to] = edgesOf[e.to] || []).push(e);
  });
  var style = {};
  model.legend.forEach(function (k) { style[k.kind] = k; });

  var state = {
    lang: "nb",
    edgeLabels: model.edge_labels,
    kindOn: {},
    sectorOn: {},
    shown: {},
    shownEdge: {},
    selected: null,
    hover: null,
    // a large graph opens too small to read any label: they are made when one zooms in
    labels: !model.large,
    // the metric that sizes the nodes ("" for none) and the one that colours them ("" for kind)
    sizeBy: model.size_by || "",
    colourBy: model.color_by || ""
  };
  model.legend.forEach(function (k) { state.kindOn[k.kind] = true; });
  model.sectors.forEach(function (s) { state.sectorOn[s.sector] = true; });

  // ------------------------------------------------------------------ helpers

  function $(id) { return document.getElementById(id); }

  /* An element with text children: strings become text nodes, never markup. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "className") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* The folding of graph.search.fold: lower case, no accents, ø→o, æ→ae, & → og. */
  var EXTRA = { "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d", "ð": "d" };
  function fold(text) {
    var t = String(text).replace(/[øØæÆßđð]/g, function (c) { return EXTRA[c]; });
    t = t.replace(/&/g, " og ").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    return t.replace(/[^0-9a-z]+/g, " ").trim();
  }

  function variants(q) {
    var out = [q];
    if (q.length > 3 && q.charAt(q.length - 1) === "s") out.push(q.slice(0, -1));
    return out;
  }

  function labelOf(n, lang) {
    var l = lang || state.lang;
    return (n.labels && n.labels[l]) || n.label;
  }

  function byLabel(a, b) {
    var fa = fold(labelOf(byId[a])), fb = fold(labelOf(byId[b]));
    if (fa !== fb) return fa < fb ? -1 : 1;
    return a - b;
  }

  /* Nodes named like the text: whole names first, else names with words starting so. */
  function find(text) {
    var q = fold(text);
    if (!q) return [];
    var vs = variants(q);
    var hits = {};
    model.names.forEach(function (entry) {
      if (vs.indexOf(entry[0]) !== -1) hits[entry[1]] = true;
    });
    if (!Object.keys(hits).length) {
      var words = q.split(" ").map(variants);
      model.names.forEach(function (entry) {
        var tokens = entry[0].split(" ");
        var all = words.every(function (ws) {
          return ws.some(function (w) {
            return tokens.some(function (t) { return t.indexOf(w) === 0; });
          });
        });
        if (all) hits[entry[1]] = true;
      });
    }
    return Object.keys(hits).map(Number).sort(byLabel);
  }

  function wrapLines(label) {
    var perLine = Math.max(1, Math.floor(WRAP_PX / CHAR_PX));
    var lines = [];
    String(label).split(/\s+/).forEach(function (word) {
      if (!word) return;
      if (lines.length && lines[lines.length - 1].length + 1 + word.length <= perLine) {
        lines[lines.length - 1] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines.length ? lines : [""];
  }

  /* The label as drawn: broken into lines as the Python layout assumed (explorer.js and
     layout.py wrap alike), so that vis-network need not measure where to break. */
  function drawnLabel(n) { return wrapLines(labelOf(n)).join("\n"); }

  function kindLabel(kind) { return (style[kind] && style[kind].label) || kind; }

  function darker(hex) {
    var v = parseInt(hex.slice(1), 16);
    var r = Math.round(((v >> 16) & 255) * 0.7), g = Math.round(((v >> 8) & 255) * 0.7);
    var b = Math.round((v & 255) * 0.7);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }

  // ------------------------------------------------------------------ metrics: size and colour

  function metricOf(n, name) {
    var v = n.metrics ? n.metrics[name] : undefined;
    return v === undefined || v === null ? null : v;
  }

  /* Metric values as the side panel and the table show them (the page holds them rounded). */
  function metricText(v) { return v === null || v === undefined ? "" : String(v); }

  function hex2(c) { return ("0" + c.toString(16)).slice(-2); }

  /* The colour of a metric value on a scale of the model: the arithmetic of
     graph.render.metrics.metric_colour, step by step, so that both give the same colour. */
  function scaleColour(scale, v) {
    if (v === null) return scale.missing;
    if (scale.type === "categorical") {
      var c = Math.trunc(v);
      return c >= 0 && c < scale.palette.length ? scale.palette[c] : scale.other;
    }
    if (scale.type === "flag") return v ? scale.on : scale.off;
    var stops = scale.stops, lo = scale.lo, hi = scale.hi;
    var t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    t = Math.min(1.0, Math.max(0.0, t));
    var pos = t * (stops.length - 1);
    var i = Math.min(Math.floor(pos), stops.length - 2);
    var f = pos - i;
    var a = stops[i], b = stops[i + 1], out = "#";
    for (var k = 1; k < 7; k += 2) {
      var x = parseInt(a.slice(k, k + 2), 16), y = parseInt(b.slice(k, k + 2), 16);
      out += hex2(Math.floor(x + (y - x) * f + 0.5));
    }
    return out;
  }

  /* The range of a metric over the page's nodes (a missing value counts as 0, as in Python). */
  var ranges = {};
  function rangeOf(name) {
    if (!ranges[name]) {
      var lo = Infinity, hi = -Infinity;
      model.nodes.forEach(function (n) {
        var v = metricOf(n, name);
        v = v === null ? 0 : v;
        lo = Math.min(lo, v); hi = Math.max(hi, v);
      });
      ranges[name] = { lo: lo, hi: hi };
    }
    return ranges[name];
  }

  function sizeOf(n) {
    var r = model.radius;
    if (!state.sizeBy) return r["default"];
    if (state.sizeBy === model.size_by && n.size) return n.size;  // as the Python layout had it
    var range = rangeOf(state.sizeBy), v = metricOf(n, state.sizeBy);
    v = v === null ? 0 : v;
    var t = range.hi > range.lo ? (v - range.lo) / (range.hi - range.lo) : 0.5;
    return Math.round((r.min + t * (r.max - r.min)) * 10) / 10;
  }

  function colourObject(fill) {
    return {
      background: fill, border: darker(fill),
      highlight: { background: fill, border: "#000000" },
      hover: { background: fill, border: "#000000" }
    };
  }

  /* A node's colour: its kind's, or its metric's (the shape still tells the kind). */
  function colourOf(n) {
    if (!state.colourBy) return colourObject(style[n.kind].colour);
    return colourObject(scaleColour(model.scales[state.colourBy], metricOf(n, state.colourBy)));
  }

  // ------------------------------------------------------------------ network

  function visNode(n) {
    var node = { id: n.id, x: n.x, y: n.y, group: n.kind };
    if (state.labels) node.label = drawnLabel(n);
    if (!model.large) node.title = labelOf(n) + " (" + kindLabel(n.kind) + ")";
    if (state.sizeBy) node.size = sizeOf(n);
    if (state.colourBy) node.color = colourOf(n);
    if (n.id === model.centre) node.borderWidth = 3;
    return node;
  }

  /* One vis-network group per kind: colour and shape are set once, not on every node. */
  function groups() {
    var out = {};
    model.legend.forEach(function (k) {
      out[k.kind] = { shape: k.shape, color: colourObject(k.colour) };
    });
    return out;
  }

  function edgeText(e) {
    return e.weight !== undefined && !e.label ? String(e.weight) : e.label;
  }

  function visEdge(e) {
    var edge = { id: e.id, from: e.from, to: e.to };
    if (state.edgeLabels) edge.label = edgeText(e);
    if (!model.large) edge.title = labelOf(byId[e.from]) + " — " + edgeText(e) + " — " + labelOf(byId[e.to]);
    if (e.heads) edge.width = 2.5;
    if (e.weight !== undefined) edge.value = e.weight;
    if (e.shift) edge.font = { vadjust: e.shift };
    return edge;
  }

  var nodes = new vis.DataSet(model.nodes.map(visNode));
  var edges = new vis.DataSet(model.edges.map(visEdge));
  model.nodes.forEach(function (n) { state.shown[n.id] = true; });
  model.edges.forEach(function (e) { state.shownEdge[e.id] = true; });

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
      keyboard: { enabled: true, bindToWindow: false },
      hideEdgesOnDrag: model.large,
      hideEdgesOnZoom: model.large,
      multiselect: false
    },
    groups: groups(),
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

  /* Show the visible nodes around the centre node, as large as they fit (at most 1.3×). */
  function frame() {
    var ids = model.nodes.filter(function (n) { return state.shown[n.id]; }).map(function (n) { return n.id; });
    if (!ids.length) return;
    var pos = network.getPositions(ids);
    var centreId = model.centre !== null && state.shown[model.centre] ? model.centre : null;
    var cx, cy;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    ids.forEach(function (id) {
      var n = byId[id], p = pos[id];
      var r = sizeOf(n);
      var half = r, lines = 1;
      if (!model.large) {
        [n.label, labelOf(n, "nb"), labelOf(n, "en")].forEach(function (l) {
          var w = wrapLines(l);
          lines = Math.max(lines, w.length);
          w.forEach(function (line) { half = Math.max(half, line.length * CHAR_PX / 2); });
        });
      }
      minX = Math.min(minX, p.x - half); maxX = Math.max(maxX, p.x + half);
      minY = Math.min(minY, p.y - r); maxY = Math.max(maxY, p.y + r + (model.large ? 0 : LABEL_GAP + lines * LINE_PX));
    });
    if (centreId !== null) { cx = pos[centreId].x; cy = pos[centreId].y; }
    else { cx = (minX + maxX) / 2; cy = (minY + maxY) / 2; }
    var halfW = Math.max(cx - minX, maxX - cx, 1), halfH = Math.max(cy - minY, maxY - cy, 1);
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min(1.3, 0.96 * Math.min(w / (2 * halfW), h / (2 * halfH)));
    network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
  }

  var api = {
    model: model,
    network: network,
    nodes: nodes,
    edges: edges,
    fold: fold,
    find: find,
    drawnAt: null,
    selected: null,
    counts: { nodes: model.nodes.length, edges: model.edges.length, visibleNodes: 0, visibleEdges: 0 }
  };
  window.innograph = api;

  network.once("afterDrawing", function () {
    mark("drawn");
    api.drawnAt = performance.now();
    document.body.setAttribute("data-drawn", "true");
  });
  frame();

  // ------------------------------------------------------------------ header, notice

  $("page-title").textContent = model.title || "innograph";
  var nav = $("pages");
  model.links.forEach(function (link) {
    if (!/^[A-Za-z0-9._-]+\.html$/.test(link.href)) return;
    var a = el("a", { href: link.href, text: link.label });
    if (link.current) a.setAttribute("aria-current", "page");
    nav.appendChild(a);
  });
  if (!model.links.length) nav.hidden = true;
  $("total-nodes").textContent = model.nodes.length;
  $("total-edges").textContent = model.edges.length;
  if (model.counts.left_out > 0) {
    var notice = $("notice");
    notice.appendChild(document.createTextNode(
      "Showing the " + model.counts.nodes + " best-linked of " + model.counts.graph_nodes +
      " nodes: " + model.counts.left_out + " nodes were left out. "));
    if (model.focus_hint) {
      notice.appendChild(document.createTextNode("To see them, focus on one entity: "));
      notice.appendChild(el("code", { text: model.focus_hint }));
    }
    notice.hidden = false;
  }

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

  var kinds = $("kinds");
  model.legend.forEach(function (k, i) {
    kinds.appendChild(checkbox("kind-" + i, true, function (on) {
      state.kindOn[k.kind] = on;
      applyFilters();
    }, [swatch(k), k.label + " ", el("span", { className: "count", text: "(" + k.count + ")" })]));
  });
  var sectors = $("sectors");
  model.sectors.forEach(function (s, i) {
    sectors.appendChild(checkbox("sector-" + i, true, function (on) {
      state.sectorOn[s.sector] = on;
      applyFilters();
    }, [(s.sector || "no sector") + " ", el("span", { className: "count", text: "(" + s.count + ")" })]));
  });
  if (model.sectors.length < 2) sectors.hidden = true;

  function isVisible(n) { return !!state.kindOn[n.kind] && !!state.sectorOn[n.sector]; }

  function applyFilters() {
    var nodeUpdates = [], edgeUpdates = [];
    var shownNodes = 0, shownEdges = 0;
    model.nodes.forEach(function (n) {
      var on = isVisible(n);
      if (on !== state.shown[n.id]) { state.shown[n.id] = on; nodeUpdates.push({ id: n.id, hidden: !on }); }
      if (on) shownNodes += 1;
    });
    model.edges.forEach(function (e) {
      var on = state.shown[e.from] && state.shown[e.to];
      if (on !== state.shownEdge[e.id]) { state.shownEdge[e.id] = on; edgeUpdates.push({ id: e.id, hidden: !on }); }
      if (on) shownEdges += 1;
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    api.counts.visibleNodes = shownNodes;
    api.counts.visibleEdges = shownEdges;
    $("shown-nodes").textContent = shownNodes;
    $("shown-edges").textContent = shownEdges;
    if ($("table-box").open) renderTable();
  }

  // ------------------------------------------------------------------ options

  var physics = $("physics");
  physics.checked = false;
  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });
  var edgeLabels = $("edge-labels");
  edgeLabels.checked = state.edgeLabels;
  edgeLabels.addEventListener("change", function () {
    state.edgeLabels = edgeLabels.checked;
    labelled = {};
    edges.update(model.edges.map(function (e) { return { id: e.id, label: state.edgeLabels ? edgeText(e) : "" }; }));
    refreshLabels();
  });

  /* With edge labels off, the edges of the hovered and the selected node (or the selected
     edge) still show theirs. */
  var labelled = {};
  function refreshLabels() {
    if (state.edgeLabels) return;
    var want = {};
    [state.hover, state.selected && state.selected.type === "node" ? state.selected.id : null].forEach(function (id) {
      if (id !== null && id !== undefined) (edgesOf[id] || []).forEach(function (e) { want[e.id] = true; });
    });
    if (state.selected && state.selected.type === "edge") want[state.selected.id] = true;
    var updates = [];
    Object.keys(labelled).forEach(function (id) {
      if (!want[id]) { updates.push({ id: Number(id), label: "" }); delete labelled[id]; }
    });
    Object.keys(want).forEach(function (id) {
      if (!labelled[id]) { labelled[id] = true; updates.push({ id: Number(id), label: edgeText(edgeById[id]) }); }
    });
    if (updates.length) edges.update(updates);
  }
  network.on("hoverNode", function (params) { state.hover = params.node; refreshLabels(); });
  network.on("blurNode", function () { state.hover = null; refreshLabels(); });
  var language = $("language");
  language.value = state.lang;
  language.addEventListener("change", function () {
    state.lang = language.value === "en" ? "en" : "nb";
    document.documentElement.setAttribute("lang", state.lang === "nb" ? "nb" : "en");
    nodes.update(model.nodes.map(function (n) {
      var u = { id: n.id };
      if (state.labels) u.label = drawnLabel(n);
      if (!model.large) u.title = labelOf(n) + " (" + kindLabel(n.kind) + ")";
      return u;
    }));
    if (state.selected) show(state.selected.type, state.selected.id);
    if ($("table-box").open) renderTable();
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

  /* Resize and recolour the nodes in place. */
  function restyle() {
    nodes.update(model.nodes.map(function (n) { return { id: n.id, size: sizeOf(n), color: colourOf(n) }; }));
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

  // ------------------------------------------------------------------ selection and panel

  var panel = $("panel");

  function reveal(n) {
    if (isVisible(n)) return;
    state.kindOn[n.kind] = true;
    state.sectorOn[n.sector] = true;
    model.legend.forEach(function (k, i) { if (k.kind === n.kind) $("kind-" + i).checked = true; });
    model.sectors.forEach(function (s, i) { if (s.sector === n.sector) $("sector-" + i).checked = true; });
    applyFilters();
  }

  function selectNode(id, zoom) {
    var n = byId[id];
    if (!n) return;
    reveal(n);
    network.selectNodes([id]);
    if (zoom) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: reduceMotion ? false : { duration: 300 } });
      if (reduceMotion) labelsWhenReadable();
    }
    show("node", id);
  }

  function selectEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    reveal(byId[e.from]);
    reveal(byId[e.to]);
    network.setSelection({ nodes: [], edges: [id] });
    show("edge", id);
  }

  function nodeButton(id) {
    var b = el("button", { type: "button", className: "linkish", text: labelOf(byId[id]) });
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }

  function edgeButton(e, text) {
    var b = el("button", { type: "button", className: "linkish", text: text });
    b.addEventListener("click", function () { selectEdge(e.id); });
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

  function evidenceList(ids) {
    var box = el("div", { className: "evidence" });
    if (!ids.length) {
      box.appendChild(el("p", { className: "help", text: "No evidence is recorded for this edge." }));
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
      if (source.iri) item.appendChild(el("p", { className: "iri", text: source.iri }));
      if (ev.excerpt) {
        item.appendChild(el("blockquote", {}, [
          ev.excerpt.before, el("mark", { text: ev.excerpt.span }), ev.excerpt.after
        ]));
      }
      box.appendChild(item);
    });
    return box;
  }

  function closeButton() {
    var b = el("button", { type: "button", className: "close", text: "Close", "aria-label": "Close the details" });
    b.addEventListener("click", function () {
      state.selected = api.selected = null;
      network.unselectAll();
      refreshLabels();
      clear(panel);
      panel.appendChild(el("p", { className: "help", text: "Nothing selected." }));
    });
    return b;
  }

  function postLine(e, n) {
    var other = e.from === n.id ? e.to : e.from;
    var li = el("li");
    if (e.from === n.id) {
      li.appendChild(document.createTextNode(e.label + ", "));
      li.appendChild(nodeButton(other));
    } else {
      li.appendChild(nodeButton(other));
      li.appendChild(document.createTextNode(", " + e.label));
    }
    if (e.heads) li.appendChild(document.createTextNode(" (heads it)"));
    if (e.during) li.appendChild(document.createTextNode(", on " + e.during));
    if (e.evidence.length) {
      li.appendChild(document.createTextNode(" · evidence "));
      li.appendChild(edgeButton(e, spanText(e.evidence)));
    }
    return li;
  }

  function showNode(n) {
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", { text: labelOf(n) }));
    panel.appendChild(defs([
      ["Kind", kindLabel(n.kind)],
      ["Norwegian (nb)", n.labels.nb || ""],
      ["Swedish (sv)", n.labels.sv || ""],
      ["English (en)", n.labels.en || ""],
      ["Types", n.types],
      ["Sector", n.sector],
      ["Country", n.country],
      ["Date", n.date],
      ["Links", n.degree],
      ["IRI", el("span", { className: "iri", text: n.iri })]
    ]));
    var mine = edgesOf[n.id] || [];
    var posts = mine.filter(function (e) { return e.relation === MEMBERSHIP; });
    if (posts.length) {
      panel.appendChild(el("h3", { text: "Posts" }));
      panel.appendChild(el("ul", {}, posts.map(function (e) { return postLine(e, n); })));
    }
    if (model.metrics.length && n.metrics) {
      panel.appendChild(el("h3", { text: "Metrics" }));
      var metricList = defs(model.metrics.map(function (name) {
        var uses = [];
        if (name === state.sizeBy) uses.push("size");
        if (name === state.colourBy) uses.push("colour");
        return [name + (uses.length ? " (node " + uses.join(", ") + ")" : ""), metricText(metricOf(n, name))];
      }));
      metricList.id = "panel-metrics";
      panel.appendChild(metricList);
      if (model.metrics_note) panel.appendChild(el("p", { className: "help", text: model.metrics_note }));
    }
    var others = mine.filter(function (e) { return e.relation !== MEMBERSHIP; });
    if (others.length) {
      var limit = 200;
      panel.appendChild(el("h3", { text: "Links (" + others.length + ")" }));
      panel.appendChild(el("ul", {}, others.slice(0, limit).map(function (e) {
        var out = e.from === n.id;
        var li = el("li", {}, [out ? "→ " : "← "]);
        li.appendChild(edgeButton(e, edgeText(e)));
        li.appendChild(document.createTextNode(out ? " → " : " ← "));
        li.appendChild(nodeButton(out ? e.to : e.from));
        return li;
      })));
      if (others.length > limit) panel.appendChild(el("p", { className: "help", text: "and " + (others.length - limit) + " more" }));
    }
  }

  function showEdge(e) {
    var a = byId[e.from], b = byId[e.to];
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", { text: labelOf(a) + " — " + edgeText(e) + " — " + labelOf(b) }));
    panel.appendChild(defs([
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
    panel.appendChild(el("h3", { text: "Evidence" }));
    panel.appendChild(evidenceList(e.evidence));
    var same = siblings(e);
    if (same.length) {
      panel.appendChild(el("h3", { text: "Also between these two" }));
      panel.appendChild(el("ul", {}, same.map(function (o) { return el("li", {}, [edgeButton(o, edgeText(o))]); })));
    }
  }

  function show(type, id) {
    state.selected = api.selected = { type: type, id: id };
    clear(panel);
    if (type === "node") showNode(byId[id]);
    else showEdge(edgeById[id]);
    panel.scrollTop = 0;
    refreshLabels();
  }

  /* Labels of a large graph: made the first time they would be big enough to draw. */
  function labelsWhenReadable() {
    if (state.labels || network.getScale() * 14 < 5) return;
    state.labels = true;
    nodes.update(model.nodes.map(function (n) { return { id: n.id, label: drawnLabel(n) }; }));
  }
  network.on("zoom", labelsWhenReadable);
  network.on("animationFinished", labelsWhenReadable);

  network.on("click", function (params) {
    if (params.nodes.length) show("node", params.nodes[0]);
    else if (params.edges.length) show("edge", params.edges[0]);
  });

  /* Other edges between the same two nodes (drawn on the same line). */
  function siblings(e) {
    return (edgesOf[e.from] || []).filter(function (o) {
      return o.id !== e.id && ((o.from === e.from && o.to === e.to) || (o.from === e.to && o.to === e.from));
    });
  }

  // ------------------------------------------------------------------ search

  var search = $("search");
  var results = $("search-results");
  function listMatches(ids) {
    clear(results);
    ids.slice(0, 20).forEach(function (id) {
      var n = byId[id];
      var b = el("button", { type: "button", text: labelOf(n) + " (" + kindLabel(n.kind) + ")" });
      b.addEventListener("click", function () { selectNode(id, true); });
      results.appendChild(el("li", {}, [b]));
    });
    if (ids.length > 20) results.appendChild(el("li", { className: "help", text: "and " + (ids.length - 20) + " more" }));
  }
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { listMatches(search.value.trim() ? find(search.value) : []); }, 120);
  });
  $("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    var ids = find(search.value);
    listMatches(ids);
    if (ids.length) {
      selectNode(ids[0], true);
    } else if (search.value.trim()) {
      clear(results);
      results.appendChild(el("li", { className: "help", text: "Nothing is named like that. Try part of the name." }));
    }
  });

  // ------------------------------------------------------------------ table

  var tableBox = $("table-box");
  function renderTable() {
    var head = $("table-head"), body = $("table-body");
    clear(head); clear(body);
    ["Name", "Kind", "Sector", "Country", "Links"].concat(model.metrics).forEach(function (h) {
      head.appendChild(el("th", { scope: "col", text: h }));
    });
    var ids = model.nodes.filter(function (n) { return state.shown[n.id]; }).map(function (n) { return n.id; }).sort(byLabel);
    var rows = document.createDocumentFragment();
    ids.forEach(function (id) {
      var n = byId[id];
      var tr = el("tr", { "data-node": String(id) });
      var name = el("th", { scope: "row" }, [nodeButton(id)]);
      tr.appendChild(name);
      tr.appendChild(el("td", { text: kindLabel(n.kind) }));
      tr.appendChild(el("td", { text: n.sector }));
      tr.appendChild(el("td", { text: n.country.join(", ") }));
      tr.appendChild(el("td", { className: "num", text: String(n.degree) }));
      model.metrics.forEach(function (m) {
        tr.appendChild(el("td", { className: "num", text: metricText(metricOf(n, m)) }));
      });
      rows.appendChild(tr);
    });
    body.appendChild(rows);
  }
  tableBox.addEventListener("toggle", function () { if (tableBox.open) renderTable(); });

  applyFilters();
  api.selectNode = selectNode;
  api.selectEdge = selectEdge;
  api.frame = frame;
  api.ready = true;
})();
