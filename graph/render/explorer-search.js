/* The search: any name or spelling of a node, folded as graph.search.fold folds it. */

function variants(q) {
  var out = [q];
  if (q.length > 3 && q.charAt(q.length - 1) === "s") out.push(q.slice(0, -1));
  return out;
}

/* Nodes named like the text: whole names first, else names with words starting so. */
function find(text) {
  var q = fold(text);
  if (!q) return [];
  var vs = variants(q);
  var hits = {};
  // the search index: folded names and their nodes, two columns (read on first use)
  var keys = model.names.key, owner = model.names.node, i;
  for (i = 0; i < keys.length; i++) {
    if (vs.indexOf(keys[i]) !== -1) hits[owner[i]] = true;
  }
  if (!Object.keys(hits).length) {
    var words = q.split(" ").map(variants);
    for (i = 0; i < keys.length; i++) {
      var tokens = keys[i].split(" ");
      var all = words.every(function (ws) {
        return ws.some(function (w) {
          return tokens.some(function (t) { return t.indexOf(w) === 0; });
        });
      });
      if (all) hits[owner[i]] = true;
    }
  }
  return Object.keys(hits).map(Number).sort(byLabel);
}

var search = $("search");
var results = $("search-results");
function listMatches(ids) {
  clear(results);
  ids.slice(0, 20).forEach(function (id) {
    var n = byId[id];
    var b = el("button", { type: "button", text: labelOf(n) + " (" + kindLabel(n.kind) + ")" });
    b.addEventListener("click", function () { closeDrawer(); selectNode(id, true, true); });
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
    closeDrawer();
    selectNode(ids[0], true, isPhone());
  } else if (search.value.trim()) {
    clear(results);
    results.appendChild(el("li", { className: "help", text: "Nothing is named like that. Try part of the name." }));
    announce("Nothing is named like that.");
  }
});
