/* innograph explorer: the data, the state and small helpers.
 *
 * The page's script is these files joined in one function (graph/render/page.py): core,
 * colours, network, overview, panel, search, table, controls, time, keyboard, start. Every label and
 * value from the data reaches the page as text (textContent, text nodes, or attribute values):
 * nothing from the data is ever parsed as HTML.
 */
function mark(name) { if (window.performance && performance.mark) performance.mark("innograph:" + name); }
mark("start");
/* The page's data are in blocks (graph/render/page.py): the settings and the overview's groups
   first, read at once; the node, edge, name and evidence tables (as columns) are read by
   loadData(), after the first frame of an overview, or at once when something needs them
   (model.nodes, model.edges, model.names and model.evidence read them on first use). */
function block(id) { return JSON.parse(document.getElementById(id).textContent); }
var model = block("innograph-data");
mark("data");
var FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";
// the label measures of graph/render/layout.py, from the page's data
var WRAP_PX = model.text.wrap_px;
var CHAR_PX = model.text.char_px;
var LINE_PX = model.text.line_px;
var LABEL_GAP = model.text.label_gap;
/* The least zoom of the first picture of a view drawn node by node: 14 px labels at least
   10 px on screen. */
var READABLE_ZOOM = 10 / 14;
var MEMBERSHIP = "org:Membership";
var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

var byId = [];
var edgeById = [];
var edgesOf = {};
var loaded = false;
var whenLoaded = [];
var tables = { nodes: [], edges: [], names: null, evidence: [], sources: [] };
["nodes", "edges", "names", "evidence", "sources"].forEach(function (key) {
  Object.defineProperty(model, key, {
    enumerable: true,
    get: function () { loadData(); return tables[key]; }
  });
});

/* Rows from the columns of a table: numbers looked up in their small tables, defaults filled. */
function nodeRows(c) {
  var out = new Array(c.label.length);
  var langs = ["nb", "en", "sv"];
  for (var i = 0; i < out.length; i++) {
    var label = c.label[i], labels = {};
    for (var k = 0; k < 3; k++) {
      var x = c[langs[k]][i];
      if (x !== null) labels[langs[k]] = x === 1 ? label : x;
    }
    var n = {
      id: i, iri: c.iri_heads[c.iri_head[i]] + c.iri[i], label: label, labels: labels, kind: c.kinds[c.kind[i]], degree: c.degree[i],
      x: c.x[i], y: c.y[i], types: c.type_sets[c.types[i]], sector: c.sector_names[c.sector[i]],
      country: c.country_sets[c.country[i]], date: c.date[i]
    };
    if (c.size) n.size = c.size[i];
    if (c.metrics) {
      n.metrics = {};
      for (var name in c.metrics) { if (c.metrics[name][i] !== null) n.metrics[name] = c.metrics[name][i]; }
    }
    if (c.group) n.group = c.group[i];
    out[i] = n;
  }
  return out;
}

function edgeRows(c) {
  var out = new Array(c.from.length);
  for (var i = 0; i < out.length; i++) {
    var relation = c.relations[c.relation[i]], cited = c.claims[i], claims = [];
    for (var k = 0; k < cited.length; k += 2) claims.push(c.claim_heads[cited[k]] + cited[k + 1]);
    var e = {
      id: i, from: c.from[i], to: c.to[i], label: c.labels[c.label[i]] || relation, relation: relation,
      evidence: c.evidence[i], claims: claims
    };
    if (c.role[i]) e.role = c.roles[c.role[i]];
    if (c.heads[i]) e.heads = true;
    if (c.during[i]) e.during = c.during[i];
    if (i in c.weight) e.weight = c.weight[i];
    if (i in c.via) e.via = c.via[i];
    if (i in c.shift) e.shift = c.shift[i];
    out[i] = e;
  }
  return out;
}

function evidenceRows(c) {
  var out = new Array(c.start.length);
  for (var i = 0; i < out.length; i++) {
    out[i] = { source: c.source[i], start: c.start[i], end: c.end[i] };
    var x = c.excerpt[i];
    if (x) out[i].excerpt = x;
  }
  return out;
}

/* Read the data blocks that are not read yet, in steps: each step is one block, so that an
   overview reads them in small tasks after its first frame (loadData(true)), or all at once. */
var steps = [
  function () {
    tables.nodes = byId = nodeRows(block("innograph-nodes").nodes);
    mark("nodes");
  },
  function () {
    tables.edges = edgeById = edgeRows(block("innograph-edges").edges);
    edgeById.forEach(function (e) {
      (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
      if (e.to !== e.from) (edgesOf[e.to] = edgesOf[e.to] || []).push(e);
    });
    mark("edges");
  },
  function () {
    tables.names = block("innograph-names").names;
    var ev = block("innograph-evidence");
    tables.evidence = evidenceRows(ev.evidence);
    tables.sources = ev.sources;
    mark("names");
  }
];
var stepsDone = 0;
function loadData(inSteps) {
  if (loaded) return;
  if (inSteps) {
    steps[stepsDone++]();
    if (stepsDone < steps.length) { setTimeout(function () { loadData(true); }, 0); return; }
  } else {
    while (stepsDone < steps.length) steps[stepsDone++]();
  }
  loaded = true;
  mark("loaded");
  whenLoaded.forEach(function (f) { f(); });
  whenLoaded = [];
}
/* Run f now if the data are read, else once they are. */
function afterLoad(f) { if (loaded) f(); else whenLoaded.push(f); }
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
  // the node (or group) that the arrow keys start from
  cursor: null,
  // a large graph opens too small to read any label: they are made when one zooms in
  labels: !model.large,
  // the metric that sizes the nodes ("" for none) and the one that colours them ("" for kind)
  sizeBy: model.size_by || "",
  colourBy: model.color_by || ""
};
model.legend.forEach(function (k) { state.kindOn[k.kind] = true; });
model.sectors.forEach(function (s) { state.sectorOn[s.sector] = true; });

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

/* One short line for screen readers (the live region says it). */
function announce(text) {
  var live = $("announce");
  live.textContent = "";
  live.textContent = text;
}

function plural(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }

/* The folding of graph.search.fold: lower case, no accents, ø→o, æ→ae, & → og. */
var EXTRA = { "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d", "ð": "d" };
function fold(text) {
  var t = String(text).replace(/[øØæÆßđð]/g, function (c) { return EXTRA[c]; });
  t = t.replace(/&/g, " og ").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return t.replace(/[^0-9a-z]+/g, " ").trim();
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

/* The label as drawn: broken into lines as the Python layout assumed (the same measures), so
   that vis-network need not measure where to break. */
function drawnLabel(n) { return wrapLines(labelOf(n)).join("\n"); }

function kindLabel(kind) { return (style[kind] && style[kind].label) || kind; }

function darker(hex) {
  var v = parseInt(hex.slice(1), 16);
  var r = Math.round(((v >> 16) & 255) * 0.7), g = Math.round(((v >> 8) & 255) * 0.7);
  var b = Math.round((v & 255) * 0.7);
  return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
}

function edgeText(e) {
  return e.weight !== undefined && !e.label ? String(e.weight) : e.label;
}

/* The other end of an edge, seen from node id. */
function otherEnd(e, id) { return e.from === id ? e.to : e.from; }
