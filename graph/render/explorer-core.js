/* innograph explorer: the data, the state and small helpers.
 *
 * The page's script is these files joined in one function (graph/render/page.py): core,
 * colours, network, overview, panel, search, table, controls, time, keyboard, start. Every label and
 * value from the data reaches the page as text (textContent, text nodes, or attribute values):
 * nothing from the data is ever parsed as HTML.
 */
function mark(name) { if (window.performance && performance.mark) performance.mark("innograph:" + name); }
mark("start");
var model = JSON.parse(document.getElementById("innograph-data").textContent);
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

var byId = {};
model.nodes.forEach(function (n) {
  n.sector = n.sector || "";
  n.country = n.country || [];
  n.types = n.types || [];
  n.date = n.date || "";
  n.labels = n.labels || {};
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
