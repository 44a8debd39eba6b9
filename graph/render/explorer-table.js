/* The table: the nodes (or groups) of the picture as text, a text alternative. */

var tableBox = $("table-box");
function renderGroupTable(head, body) {
  ["Group", "Nodes", "Best-linked members"].forEach(function (h) {
    head.appendChild(el("th", { scope: "col", text: h }));
  });
  groupsUnder(scene.group).forEach(function (g) {
    var b = el("button", { type: "button", text: "Group " + (g.id + 1) });
    b.addEventListener("click", function () { openGroup(g.id); });
    body.appendChild(el("tr", { "data-group": String(g.id) }, [
      el("th", { scope: "row" }, [b]),
      el("td", { className: "num", text: g.size.toLocaleString("en") }),
      el("td", { text: g.names.join(", ") })
    ]));
  });
}

function renderTable() {
  var head = $("table-head"), body = $("table-body");
  clear(head); clear(body);
  if (scene.type === "groups") { renderGroupTable(head, body); return; }
  ["Name", "Kind", "Sector", "Country", "Links"].concat(model.metrics).forEach(function (h) {
    head.appendChild(el("th", { scope: "col", text: h }));
  });
  var ids = scene.ids.filter(function (id) { return state.shown[id]; }).sort(byLabel);
  var rows = document.createDocumentFragment();
  ids.forEach(function (id) {
    var n = byId[id];
    var tr = el("tr", { "data-node": String(id) });
    tr.appendChild(el("th", { scope: "row" }, [nodeButton(id)]));
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
