/* Colours and sizes of the nodes: by kind, or by a network metric. */

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
