/* The first picture: the whole view, or the overview of its groups. */

if (overview) {
  overviewNotice();
  setScene(groupScene(null));
  // the node, edge, name and evidence tables are read after the first frame is on screen
  // (a task queued from an animation frame runs after its paint), in small steps
  requestAnimationFrame(function () { setTimeout(function () { loadData(true); }, 0); });
} else {
  loadData();
  setScene({
    type: "all", group: null, focus: null, at: null,
    ids: model.nodes.map(function (n) { return n.id; }),
    edgeIds: model.edges.map(function (e) { return e.id; })
  });
}
clearSelection();
/* Frame again when the picture's size changes before anyone moved it (fonts, scroll bars). */
network.on("resize", function () {
  if (!moved && framed && (framed.width !== container.clientWidth || framed.height !== container.clientHeight)) frame();
});
var moved = false;
network.on("dragStart", function () { moved = true; });
network.on("zoom", function () { moved = true; });

api.selectNode = selectNode;
api.selectEdge = selectEdge;
api.frame = frame;
api.openGroup = openGroup;
api.back = back;
api.scene = function () { return { type: scene.type, group: scene.group, focus: scene.focus, ids: scene.ids.slice() }; };
api.ready = true;
