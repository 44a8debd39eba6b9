"""Build claim graphs from a claim specification and its source text.

A specification (TOML, in ``data/``) lists claims: each has an id, a Turtle body and evidence
spans given as short anchor phrases. :func:`build_claims` finds each phrase in the source text,
turns it into code-point offsets, and writes one named graph per claim with its provenance (a
``prov:wasDerivedFrom`` to an ``oa:SpecificResource`` whose ``oa:TextPositionSelector`` holds the
offsets) in the default graph. Super-types and super-properties from the ontology are stated
explicitly, so that a consumer who reads only schema.org or W3C ORG terms still finds every fact.

Rebuild a data file from the command line::

    python -m graph.claims data/000_1c50d6c5c024da5a.claims.toml SOURCE.txt \\
        -o data/000_1c50d6c5c024da5a.trig
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import ParseError, SourceError
from ..evidence import Span, evidence_statements, find_span
from ..resources import ontology_files
from ..vocab import ID, PREFIXES, RDF, RDFS

__all__ = ["PREFIXES", "Span", "build_claims", "find_span", "serialize_trig"]

#: The prefix that a generated TriG file binds to the claims of its source.
CLAIMS_PREFIX = "claims"


def _ontology_closure() -> tuple[dict[Node, set[Node]], dict[Node, set[Node]]]:
    onto = Graph()
    for path in ontology_files():
        onto.parse(path, format="turtle")

    def closure(pred: URIRef) -> dict[Node, set[Node]]:
        direct: dict[Node, set[Node]] = {}
        for s, o in onto.subject_objects(pred):
            direct.setdefault(s, set()).add(o)
        result: dict[Node, set[Node]] = {}
        for start in direct:
            seen: set[Node] = set()
            todo = list(direct[start])
            while todo:
                n = todo.pop()
                if n not in seen:
                    seen.add(n)
                    todo.extend(direct.get(n, ()))
            result[start] = seen
        return result

    return closure(RDFS.subClassOf), closure(RDFS.subPropertyOf)


def _materialise(g: Graph, supers: tuple[dict, dict]) -> None:
    classes, properties = supers
    for s, p, o in list(g):
        if p == RDF.type:
            for c in classes.get(o, ()):
                g.add((s, RDF.type, c))
        else:
            for q in properties.get(p, ()):
                g.add((s, q, o))


def build_claims(spec_path: str | Path, text: str) -> Dataset:
    """Build the claim graphs of a specification against its source text.

    Parameters
    ----------
    spec_path : path
        A claims specification (TOML); see ``data/*.claims.toml``.
    text : str
        The source text the offsets point into.

    Returns
    -------
    rdflib.Dataset
        One named graph per claim, provenance in the default graph.

    Raises
    ------
    SourceError
        When the text's digest differs from the specification's, or a phrase is not found.
    ParseError
        When the specification or a claim body does not parse.
    """
    spec_path = Path(spec_path)
    try:
        spec = tomllib.loads(spec_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"{spec_path}: {exc}", str(spec_path)) from None
    source = spec["source"]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != source["sha256"]:
        raise SourceError(
            f"{spec_path}: the source text's sha256 is {digest}, but the specification is for "
            f"{source['sha256']}; pass the exact text of source {source['id']}"
        )
    article = URIRef(source["iri"])
    supers = _ontology_closure()
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    header = "".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items())
    header += f"@prefix article: <{article}> .\n"
    claim_base = f"{ID}claim/{source['id']}/"
    ds.bind(CLAIMS_PREFIX, claim_base)
    seen: set[str] = set()
    for claim in spec["claim"]:
        cid = claim["id"]
        where = f"{spec_path}: claim {cid!r}"
        if cid in seen:
            raise SourceError(f"{where}: the id is used twice; give each claim its own id")
        seen.add(cid)
        body = claim["body"].replace("article:", "<" + str(article) + ">")
        g = Graph()
        try:
            g.parse(data=header + body, format="turtle")
        except Exception as exc:  # rdflib raises several kinds
            raise ParseError(f"{where}: the body is not valid Turtle: {exc}", str(spec_path)) from None
        _materialise(g, supers)
        claim_iri = URIRef(f"{claim_base}{cid}")
        named = ds.graph(claim_iri)
        for t in g:
            named.add(t)
        spans = [find_span(text, anchor, where) for anchor in claim["spans"]]
        for triple in evidence_statements(claim_iri, article, spans):
            ds.add(triple)
    return ds


_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*(?<!\.)$")


def _term(node: Node, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(node, URIRef):
        if node == RDF.type:
            return "a"
        for prefix, ns in prefixes:
            if node.startswith(ns):
                local = node[len(ns) :]
                if _LOCAL.match(local):
                    return f"{prefix}:{local}"
        return f"<{node}>"
    if isinstance(node, Literal):
        if node.datatype is not None:
            for prefix, ns in prefixes:
                if node.datatype.startswith(ns) and _LOCAL.match(node.datatype[len(ns) :]):
                    lexical = Literal(str(node)).n3()
                    return f"{lexical}^^{prefix}:{node.datatype[len(ns):]}"
        return node.n3()
    raise ValueError(f"blank nodes are not written to claim files: {node!r}")


def _sort_key(node: Node) -> tuple[int, str]:
    return (0 if node == RDF.type else 1, str(node))


def _block(g: Graph, prefixes: list[tuple[str, str]], indent: str) -> list[str]:
    lines: list[str] = []
    for s in sorted(set(g.subjects()), key=str):
        preds = sorted(set(g.predicates(s)), key=_sort_key)
        parts = []
        for p in preds:
            objs = sorted(g.objects(s, p), key=lambda o: (type(o).__name__, o.n3()))
            rendered = " , ".join(_term(o, prefixes) for o in objs)
            parts.append(f"{indent}    {_term(p, prefixes)} {rendered}")
        lines.append(f"{indent}{_term(s, prefixes)}\n" + " ;\n".join(parts) + " .")
    return lines


def serialize_trig(ds: Dataset) -> str:
    """Write a dataset as TriG, sorted, so that rebuilt files diff cleanly.

    Examples
    --------
    >>> from rdflib import Dataset, URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("https://w3id.org/innograph/id/claim/x")).add(
    ...     (URIRef(ID + "person/a"), RDF.type, URIRef("https://schema.org/Person")))
    >>> print(serialize_trig(ds).splitlines()[-4:])
    ['claim:x {', '    person:a', '        a schema:Person .', '}']
    """
    bound = dict(PREFIXES)
    bound.update((p, str(n)) for p, n in ds.namespaces() if p == CLAIMS_PREFIX)
    # longest namespace first, so that the most specific prefix wins
    prefixes = sorted(bound.items(), key=lambda kv: -len(kv[1]))
    out = [f"@prefix {p}: <{n}> ." for p, n in sorted(bound.items())]
    out.append("")
    default = ds.default_graph
    out.extend(_block(default, prefixes, ""))
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if g.identifier == default.identifier or len(g) == 0:
            continue
        out.append("")
        out.append(f"{_term(g.identifier, prefixes)} {{")
        out.extend(_block(g, prefixes, "    "))
        out.append("}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rebuild a data file: ``python -m graph.claims SPEC SOURCE [-o OUT]``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m graph.claims",
        description="Build the claim graphs (TriG) of a claims specification against its source.",
        epilog="example: python -m graph.claims data/000_1c50d6c5c024da5a.claims.toml "
        "../shared/corpus/000_1c50d6c5c024da5a.txt -o data/000_1c50d6c5c024da5a.trig",
    )
    parser.add_argument("spec", help="claims specification (TOML)")
    parser.add_argument("source", help="the source text (UTF-8)")
    parser.add_argument("-o", "--output", help="TriG file to write (default: standard output)")
    args = parser.parse_args(argv)
    try:
        text = Path(args.source).read_text(encoding="utf-8")
        trig = serialize_trig(build_claims(args.spec, text))
    except (OSError, SourceError, ParseError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_text(trig, encoding="utf-8")
    else:
        sys.stdout.write(trig)
    return 0

