// Read a file with independent JavaScript parsers and print what they found, as JSON.
//
//   node read.cjs rdf FORMAT FILE    N3.js (turtle, trig, ntriples, nquads) or jsonld.js
//                                    (jsonld): {"quads": ["<s> <p> <o> <g> .", ...]} in N-Quads
//   node read.cjs graphml FILE       graphology-graphml: nodes and edges with their attributes
//   node read.cjs gexf FILE          graphology-gexf: the same
//
// The packages are looked up in $INNOGRAPH_NODE_MODULES (the folder that holds node_modules).
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const base = process.env.INNOGRAPH_NODE_MODULES || path.join(__dirname, "..", "..", ".ci");
const need = createRequire(path.join(path.resolve(base), "package.json"));


async function readRdf(format, file) {
  const text = fs.readFileSync(file, "utf8");
  if (format === "jsonld") {
    const jsonld = need("jsonld");
    const doc = JSON.parse(text);
    const nquads = await jsonld.toRDF(doc, {
      format: "application/n-quads",
      documentLoader: (url) => { throw new Error("no network: " + url); },
    });
    return { quads: nquads.split("\n").filter((l) => l.trim()) };
  }
  const N3 = need("n3");
  const names = { turtle: "Turtle", trig: "TriG", ntriples: "N-Triples", nquads: "N-Quads" };
  const parser = new N3.Parser({ format: names[format] });
  const writer = new N3.Writer({ format: "N-Quads" });
  const quads = parser.parse(text);
  const lines = quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object, q.graph).trim());
  return { quads: lines };
}

function dump(graph) {
  const nodes = [], edges = [];
  graph.forEachNode((key, attributes) => nodes.push({ key, attributes }));
  graph.forEachEdge((key, attributes, source, target) => edges.push({ key, source, target, attributes }));
  return { type: graph.type, multi: graph.multi, nodes, edges };
}

async function main() {
  const [kind, a, b] = process.argv.slice(2);
  let out;
  if (kind === "rdf") out = await readRdf(a, b);
  else if (kind === "graphml" || kind === "gexf") {
    const { DOMParser } = need("@xmldom/xmldom");
    global.DOMParser = DOMParser;
    const Graph = need("graphology");
    const parser = need(kind === "graphml" ? "graphology-graphml" : "graphology-gexf");
    const text = fs.readFileSync(a, "utf8");
    out = dump(parser.parse(Graph, text));
  } else throw new Error("usage: read.cjs rdf FORMAT FILE | graphml FILE | gexf FILE");
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exit(1); });
