/* The page's data: JSON as it is, or (a large view) gzip-compressed and base64-encoded, which
 * the browser unpacks itself (DecompressionStream: nothing is fetched). */
(function () {
  var data = document.getElementById("innograph-data");
  var mark = function (name) { if (window.performance && performance.mark) performance.mark("innograph:" + name); };
  mark("load");
  if (data.type !== "application/gzip") {
    explorer(data.textContent);
    return;
  }
  var binary = atob(data.textContent.trim());
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  mark("decoded");
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(stream).text().then(function (text) {
    mark("unpacked");
    explorer(text);
  });
})();
