"""The ``innograph`` command: parse, call one public method, print, map errors to exit codes.

Exit codes: 0 success; 1 the data do not conform, or a store or source failed; 2 bad input
(a query that does not parse, a file that does not parse, an unknown name or option).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import GraphError, InputError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def _shown(text: str) -> str:
    r"""A message with the control characters of user input escaped (lines and tabs kept), so
    that a name or a path cannot send escape sequences to the terminal.

    Examples
    --------
    >>> print(_shown("nothing is named 'a\x1b[2Jb'\nnext line"))
    nothing is named 'a\x1b[2Jb'
    next line
    """
    return "".join(
        c if c in "\n\t" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000)
        else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )


def _open(args: argparse.Namespace) -> Any:
    from .kg import load

    return load(*getattr(args, "data", []) or [], store=args.store)


# ---------------------------------------------------------------------------- query


def _parse_binding(text: str) -> tuple[str, Any]:
    from rdflib import Literal, URIRef

    name, sep, value = text.partition("=")
    if not sep or not name:
        raise InputError(f"--bind takes NAME=VALUE, e.g. --bind subject=person:unni-skar; got {text!r}")
    name = name.lstrip("?$")
    from .store import check_iri
    from .vocab import expand

    def iri_term(iri: str) -> Any:
        check_iri(iri, f"bind ?{name} to")
        return URIRef(iri)

    if value.startswith("<") and value.endswith(">"):
        return name, iri_term(value[1:-1])
    if value.startswith(("http://", "https://", "urn:")):
        return name, iri_term(value)
    iri = expand(value)
    if iri is not None:
        return name, iri_term(iri)
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        return name, Literal(value[1:-1])
    return name, Literal(value)


def _query_text(kg_cls: Any, text: str) -> str:
    if text.endswith(".rq") or (len(text) < 256 and "\n" not in text and Path(text).is_file()):
        path = Path(text)
        if not path.is_file():
            raise InputError(f"{text}: no such query file")
        return path.read_text(encoding="utf-8")
    if text in kg_cls.named_queries():
        return kg_cls.named_query_text(text)
    lead = text.lstrip().split(None, 1)[0].upper() if text.strip() else ""
    keywords = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")
    if lead not in keywords and not text.lstrip().startswith("#"):
        names = ", ".join(kg_cls.named_queries())
        raise InputError(
            f"{text!r} is not a named query, a .rq file or a SPARQL query.\n"
            f"Named queries: {names}"
        )
    return text


def cmd_query(args: argparse.Namespace) -> int:
    from .kg import KnowledgeGraph
    from .results import format_result

    if args.list:
        for name, question in KnowledgeGraph.named_queries().items():
            _out(f"{name:36} {question}")
        return EXIT_OK
    if not args.query:
        raise InputError("give a query: a named query, a .rq file or SPARQL text (see --list)")
    sparql = _query_text(KnowledgeGraph, args.query)
    timeout = getattr(args, "timeout", None)
    if timeout is not None and not (0 < timeout <= 86400):  # also refuses nan
        raise InputError(f"--timeout must be a number of seconds above 0 up to 86400; "
                         f"got {timeout!r}")
    bindings = dict(_parse_binding(b) for b in args.bind)
    with _open(args) as kg:
        _out(_stoppable(lambda: format_result(kg.query(sparql, **bindings), args.format),
                        timeout))
    return EXIT_OK


def _stoppable(work: Callable[[], str], timeout: float | None) -> str:
    """Run ``work`` in a worker process that Ctrl-C or the time limit stops for good."""
    from . import worker

    try:
        return str(worker.call(work, timeout=timeout))
    except worker.TimeLimitError:
        raise InputError(f"the query ran over --timeout {timeout:g} s and was stopped; narrow it "
                         "(a LIMIT, fewer joins), or give a longer --timeout") from None


# ---------------------------------------------------------------------------- validate


def cmd_validate(args: argparse.Namespace) -> int:
    from .kg import load

    with load(*args.files, store=args.store) as kg:
        report = kg.validate()
    _out(report.text())
    return EXIT_OK if report.conforms else EXIT_FAILED


# ---------------------------------------------------------------------------- find, entity


def cmd_find(args: argparse.Namespace) -> int:
    from .results import short

    with _open(args) as kg:
        hits = kg.find(args.text)
    if not hits:
        _err(f"Nothing is named like {args.text!r}. Try a shorter part of the name.")
        return EXIT_FAILED
    for m in hits:
        how = "" if m.label == m.matched else f"  (as {m.matched!r})"
        _out(f"{short(_iri(m.iri))}  {m.label}{how}")
    return EXIT_OK


def _iri(text: str) -> Any:
    from rdflib import URIRef

    return URIRef(text)


def _evidence_text(evidence: Sequence[Any]) -> str:
    return "; ".join(f"[{e.start}:{e.end}]" for e in evidence)


def cmd_entity(args: argparse.Namespace) -> int:
    from .results import short

    with _open(args) as kg:
        e = kg.entity(kg.resolve(args.name))
        lines = [f"{e.label}  <{e.iri}>"]
        if e.types:
            lines.append("types: " + ", ".join(short(_iri(t)) for t in e.types))
        for lang, names in e.labels.items():
            lines.append(f"names{' @' + lang if lang else ''}: " + " | ".join(names))
        lines.append("out:")
        for r in e.outgoing:
            ev = f"   evidence {_evidence_text(r.evidence)}" if r.evidence else ""
            lines.append(f"  {short(_iri(r.predicate))}  {short(r.object)}{ev}")
        lines.append("in:")
        for r in e.incoming:
            ev = f"   evidence {_evidence_text(r.evidence)}" if r.evidence else ""
            lines.append(f"  {short(_iri(r.subject))}  {short(_iri(r.predicate))}{ev}")
    _out("\n".join(lines))
    return EXIT_OK


# ---------------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    with _open(args) as kg:
        if args.output in (None, "-"):
            _out(kg.serialize(args.format))
            return EXIT_OK
        path = kg.export(args.output, args.format)
    _err(f"Wrote {path} ({args.format}).")
    return EXIT_OK


# ---------------------------------------------------------------------------- network analysis


class _Progress:
    """Progress of long steps on stderr: a live line on a terminal (cleared when a step ends);
    elsewhere a line at every tenth of a step with 100 parts or more."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown: dict[str, int] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.tty:
            line = "\r\x1b[K" if done == total else f"\r\x1b[K{step}: {done}/{total}"
            sys.stderr.write(line)
            sys.stderr.flush()
            return
        tenth = done * 10 // max(total, 1)
        if total >= 100 and self.shown.get(step) != tenth:
            self.shown[step] = tenth
            _err(f"{step}: {done}/{total}")


def cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import format_analysis

    with _open(args) as kg:
        result = kg.analyze(args.view, k=args.k, seed=args.seed, progress=_Progress())
        if args.write:
            name = kg.add_metrics(args.view, analysis=result)
            _err(f"Stored the metrics in <{name}> ({kg.store.name}).")
    _out(format_analysis(result, args.format, top=args.top))
    return EXIT_OK


def cmd_path(args: argparse.Namespace) -> int:
    from .analysis import format_path

    with _open(args) as kg:
        hops = kg.shortest_path(args.source, args.target, view=args.view)
        _out(format_path(hops, args.format))
    return EXIT_OK


def cmd_ego(args: argparse.Namespace) -> int:
    from .analysis import format_ego

    with _open(args) as kg:
        summary = kg.ego_summary(args.name, view=args.view, k=args.k, seed=args.seed)
        _out(format_ego(summary, args.format))
    return EXIT_OK


def cmd_export_network(args: argparse.Namespace) -> int:
    with _open(args) as kg:
        paths = kg.export_network(args.output, view=args.view, format=args.format)
    _err("Wrote " + ", ".join(str(p) for p in paths) + ".")
    return EXIT_OK


def _analysis_options(p: argparse.ArgumentParser, *, sampling: bool = True) -> None:
    from .analysis import ANALYSIS_FORMATS

    p.add_argument("--view", default="actors", choices=("actors", "organisations"),
                   help="the network: actors (default) or organisations")
    p.add_argument("--format", "-f", default="table", choices=ANALYSIS_FORMATS,
                   help="output format (default: table)")
    if sampling:
        p.add_argument("--k", type=int, metavar="K",
                       help="estimate betweenness from K sampled nodes (large graphs); "
                       "default: exact")
        p.add_argument("--seed", type=int, default=0,
                       help="seed of the betweenness sample and of Louvain (default: 0)")


def _add_analysis_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("analyze", cmd_analyze,
            "Centralities, brokers and communities of the actor or organisation network.",
            "innograph analyze --view actors --top 5 --format csv")
    _analysis_options(p)
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="rows in each top table (default: 10)")
    p.add_argument("--write", action="store_true",
                   help="also store the metrics as RDF in the store (with --store oxigraph:PATH "
                   "they stay for `innograph query top-brokers`)")

    p = add("path", cmd_path,
            "The shortest connection between two entities, with each relation and its evidence.",
            'innograph path "Unni Skår" "Jon-Vidar Knold"')
    p.add_argument("source", help="where the path starts: a name, prefixed name or IRI")
    p.add_argument("target", help="where the path ends")
    _analysis_options(p, sampling=False)

    p = add("ego", cmd_ego,
            "One entity's ties, centralities, community and broker roles.",
            'innograph ego Svinesundskomiteen')
    p.add_argument("name", help="a name, prefixed name (orgs:svinesundskomiteen) or IRI")
    _analysis_options(p)

    from .network import NETWORK_FORMATS

    p = add("export-network", cmd_export_network,
            "Write the actor or organisation network as GEXF, GraphML or CSV node and edge lists.",
            "innograph export-network --view actors --format gexf -o actors.gexf")
    p.add_argument("--view", default="actors", choices=("actors", "organisations"),
                   help="the network: actors (default) or organisations")
    p.add_argument("--format", "-f", choices=NETWORK_FORMATS,
                   help="gexf (Gephi), graphml, or csv (a folder with nodes.csv and edges.csv); "
                   "default: from the extension of --output")
    p.add_argument("--output", "-o", required=True, metavar="PATH",
                   help="the file to write (for csv: a folder)")


# ---------------------------------------------------------------------------- build, view


def cmd_build(args: argparse.Namespace) -> int:
    from .render import build_site, read_source_texts

    with _open(args) as kg:
        _err(f"Loaded {len(kg)} quads from {len(kg.files)} files.")
        texts = read_source_texts(kg, args.source) if args.source else None
        result = build_site(kg, args.output, source_texts=texts, max_nodes=args.max_nodes,
                            **_metric_options(args), progress=_err)
    s = result.stats
    _out(
        f"{s['quads']} quads: {s['persons']} persons, {s['organisations']} organisations, "
        f"{s['events']} events, {s['claims']} claims, {s['spans']} evidence spans.\n"
        f"Wrote {len(result.pages)} pages and {len(result.exports)} exports to {result.folder}/\n"
        f"Open {result.index.resolve()}"
    )
    return EXIT_OK


def _metric_options(args: argparse.Namespace) -> dict[str, Any]:
    """The metric options of ``build`` and ``view``, as :func:`graph.render.build_site` takes them."""
    return {"metrics": not args.no_metrics, "size_by": args.size_by, "color_by": args.color_by}


def cmd_view(args: argparse.Namespace) -> int:
    from .kg import KnowledgeGraph
    from .render import read_source_texts

    query = _query_text(KnowledgeGraph, args.query) if args.query else None
    view = args.view or ("ego" if args.focus else "query" if query else "actors")
    with _open(args) as kg:
        texts = read_source_texts(kg, args.source) if args.source else None
        options = _metric_options(args)
        kg.render_html(view, focus=args.focus, depth=args.depth, query=query, path=args.output,
                       source_texts=texts, max_nodes=args.max_nodes,
                       metrics=None if options.pop("metrics") else False, **options)
    _err(f"Wrote the {view} view to {args.output}")
    _out(str(Path(args.output).resolve()))
    return EXIT_OK


# ---------------------------------------------------------------------------- load, serve, synth


def _progress_bar(stream: Any = None) -> Callable[[Any], None]:
    """A LoadProgress callback that draws one bar per file on stderr."""
    stream = stream or sys.stderr
    live = stream.isatty()

    def draw(p: Any) -> None:
        name = f"[{p.index}/{p.files}] {p.path.name}"
        if p.skipped:
            stream.write(f"{name}  already loaded, skipped\n")
        elif p.finished:
            end = "\r" if live else ""
            stream.write(f"{end}{name}  [{'#' * 30}] 100%  {p.quads:,} quads added\n")
        elif live:
            frac = p.done / p.size if p.size else 1.0
            bar = "#" * int(frac * 30)
            stream.write(f"\r{name}  [{bar:<30}] {frac:4.0%}  {p.done / 1e6:,.1f} MB")
        stream.flush()

    return draw


def cmd_load(args: argparse.Namespace) -> int:
    from . import resources
    from .store import load_files, open_store

    store = open_store(args.store)
    try:
        report = load_files(store, [*resources.default_files(), *args.files], _progress_bar())
        total = len(store)
    finally:
        store.close()
    _err(
        f"Loaded {len(report.loaded)} file(s), {report.added:,} quads added; "
        f"{len(report.skipped)} already loaded. {store.name} holds {total:,} quads."
    )
    return EXIT_OK


def _read_token(args: argparse.Namespace) -> str | None:
    """The update token: from --token-file, else $INNOGRAPH_TOKEN (never from the command line,
    where every user of the machine could read it in the process list)."""
    import os

    if args.token is not None:
        raise InputError("--token would show the token to every user of this machine (in `ps`); "
                         "put it in a file and give --token-file FILE, or set $INNOGRAPH_TOKEN")
    if args.token_file:
        path = Path(args.token_file)
        try:
            token = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or "it is not UTF-8 text"
            raise InputError(f"{path}: cannot read the token file: {why}") from None
        if not token or any(c.isspace() or ord(c) < 32 for c in token):
            raise InputError(f"{path}: the token file must hold one token on one line "
                             "(no spaces or control characters)")
        return token
    return os.environ.get("INNOGRAPH_TOKEN") or os.environ.get("INNOGRAPH_SERVE_TOKEN") or None


def cmd_serve(args: argparse.Namespace) -> int:
    from .server import SparqlServer, check_options

    token = _read_token(args)
    limits = {"timeout": args.timeout, "max_results": args.max_results,
              "max_bytes": args.max_bytes, "memory_limit": args.memory_limit,
              "max_running": args.max_running, "max_connections": args.max_connections,
              "idle_timeout": args.idle_timeout}
    check_options(args.port, **limits)
    if args.allow_update and not token:
        raise InputError("--allow-update needs a token: give --token-file FILE or set "
                         "$INNOGRAPH_TOKEN; updates must carry that token")
    with _open(args) as kg:
        if not args.allow_update:
            reopen = getattr(kg.store, "reopen_read_only", None)
            if reopen is not None:
                reopen(retire=False)  # other commands can open the store while it is served
        server = SparqlServer(
            kg, args.host, args.port, allow_update=args.allow_update, token=token,
            allow_service=args.allow_service, allow_load=args.allow_load,
            allowed_hosts=args.allow_host, log=_err if args.verbose else None, **limits,
        )
        mode = "read-write (token required)" if args.allow_update else "read-only"
        _err(f"Serving {kg.store.name} ({mode}) at {server.url}/sparql; "
             f"query page {server.url}/ ; Ctrl-C stops.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            _err("Stopped.")
    return EXIT_OK


def cmd_synth(args: argparse.Namespace) -> int:
    from .synthetic import generate

    stats = generate(args.output, triples=args.triples, seed=args.seed)
    _err(
        f"Wrote {args.output}: {stats.quads:,} quads, {stats.regions} regions, "
        f"{stats.articles} articles, {stats.claims:,} claims, {stats.persons:,} persons, "
        f"{stats.organisations:,} organisations, {stats.events:,} events."
    )
    return EXIT_OK


def _add_store_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("load", cmd_load,
            "Load the ontology, the data and extra RDF files into a store (files already "
            "loaded are skipped).",
            "innograph load regional-registry.nq --store oxigraph:./innograph-db",
            with_data=False)
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="extra RDF files: Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML")

    p = add("serve", cmd_serve,
            "Serve a SPARQL 1.1 endpoint (/sparql), a query page (/) and the explorer.",
            "innograph serve --store oxigraph:./innograph-db --port 8000")
    from .limits import LIMITS

    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this host name (a name that points here, or "
                        "a proxy's); addresses and localhost are always answered (repeatable)")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL updates that carry the token")
    p.add_argument("--token-file", metavar="FILE",
                   help="a file holding the bearer token updates must carry "
                        "(or $INNOGRAPH_TOKEN)")
    p.add_argument("--token", help=argparse.SUPPRESS)
    p.add_argument("--allow-service", action="append", default=[], metavar="URL",
                   help="an endpoint that SERVICE may query (a trailing * allows a prefix); "
                        "none by default (repeatable)")
    p.add_argument("--allow-load", action="append", default=[], metavar="URL",
                   help="a URL that an update's LOAD may fetch (a trailing * allows a prefix); "
                        "none by default (repeatable)")
    p.add_argument("--timeout", type=float, default=LIMITS["timeout"], metavar="SECONDS",
                   help=f"seconds a query may run (default: {LIMITS['timeout']:g})")
    p.add_argument("--memory-limit", type=int, default=int(LIMITS["memory_limit"]), metavar="MB",
                   help=f"megabytes a query may use (default: {LIMITS['memory_limit']:g})")
    p.add_argument("--max-results", type=int, default=int(LIMITS["max_results"]), metavar="N",
                   help=f"rows returned at most (default: {LIMITS['max_results']:g})")
    p.add_argument("--max-bytes", type=int, default=int(LIMITS["max_bytes"]), metavar="N",
                   help=f"bytes of an answer at most (default: {LIMITS['max_bytes']:g})")
    p.add_argument("--max-running", type=int, default=int(LIMITS["max_running"]), metavar="N",
                   help=f"queries running at once (default: {LIMITS['max_running']:g})")
    p.add_argument("--max-connections", type=int, default=int(LIMITS["max_connections"]),
                   metavar="N",
                   help=f"connections served at once (default: {LIMITS['max_connections']:g})")
    p.add_argument("--idle-timeout", type=float, default=LIMITS["idle_timeout"],
                   metavar="SECONDS",
                   help="seconds a client has to send its request, and an idle connection "
                        f"stays open (default: {LIMITS['idle_timeout']:g})")
    p.add_argument("--verbose", "-v", action="store_true", help="log each request on stderr")

    p = add("synth", cmd_synth,
            "Write a synthetic regional innovation ecosystem (N-Quads) for tests and "
            "benchmarks.",
            "innograph synth --triples 1000000 --seed 1 -o eco-1m.nq", with_data=False)
    p.add_argument("--triples", type=int, default=10_000, metavar="N",
                   help="about how many quads to write (default: 10000)")
    p.add_argument("--seed", type=int, default=0, help="the generator's seed (default: 0)")
    p.add_argument("--output", "-o", required=True, metavar="FILE.nq", help="the file to write")


# ---------------------------------------------------------------------------- parser

EPILOG = """examples:
  innograph query seminar-organiser
  innograph query --list
  innograph query 'SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name }'
  innograph query evidence --bind subject=person:unni-skar --format csv
  innograph validate
  innograph find Svinesundskomitténs
  innograph entity "Unni Skår"
  innograph export --format trig -o innograph.trig
  innograph load extra.nq --store oxigraph:./innograph-db
  innograph serve --store oxigraph:./innograph-db
  innograph analyze --top 5
  innograph path "Unni Skår" "Jon-Vidar Knold"
  innograph ego Svinesundskomiteen
  innograph export-network --format gexf -o actors.gexf
  innograph build -o site/ --source ../shared/corpus/000_1c50d6c5c024da5a.txt
  innograph view --view ego --focus "Unni Skår" --depth 2 -o unni.html
  innograph view --size-by betweenness --color-by community -o actors.html
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``innograph``."""
    from .results import RESULT_FORMATS

    store_help = (
        "memory, oxigraph, oxigraph:PATH or sparql:URL (default: $INNOGRAPH_STORE, else oxigraph)"
    )
    common = argparse.ArgumentParser(add_help=False)
    # given before or after the command; SUPPRESS keeps a later default from hiding an earlier value
    common.add_argument("--store", metavar="STORE", default=argparse.SUPPRESS, help=store_help)
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data", action="append", default=[], metavar="FILE",
        help="an extra RDF file to load with the packaged data (repeatable)",
    )
    parser = argparse.ArgumentParser(
        prog="innograph",
        description="A knowledge graph of regional innovation actors: query, validate, explore.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--store", metavar="STORE", default=None, help=store_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, handler: Handler, help: str, example: str, with_data: bool = True
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, help=help, description=help, epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common, data] if with_data else [common],
        )
        p.set_defaults(handler=handler)
        COMMANDS[name] = handler
        return p

    p = add("query", cmd_query, "Run a SPARQL query, a .rq file or a named query.",
            "innograph query seminar-participants --format csv")
    p.add_argument("query", nargs="?", help="a named query, a .rq file, or SPARQL text")
    p.add_argument("--format", "-f", default="table", choices=RESULT_FORMATS,
                   help="output format (default: table; turtle for CONSTRUCT/DESCRIBE)")
    p.add_argument("--bind", "-b", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a variable: an IRI (<...> or prefix:name) or a literal")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop the query after this many seconds (default: no limit; Ctrl-C "
                        "always stops it)")

    p = add("validate", cmd_validate, "Check the ontology and data against the SHACL shapes.",
            "innograph validate my-extra-data.ttl", with_data=False)
    p.add_argument("files", nargs="*", help="extra RDF files to validate with the packaged data")

    p = add("find", cmd_find, "Find entities by any name or spelling.",
            "innograph find Svinesundskomitténs")
    p.add_argument("text", help="a name, part of a name, or a spelling")

    p = add("entity", cmd_entity, "Show everything about one entity, with evidence.",
            'innograph entity "Jon-Vidar Knold"')
    p.add_argument("name", help="an IRI, a prefixed name (person:unni-skar) or a name")

    p = add("export", cmd_export, "Write the ontology and data as RDF.",
            "innograph export --format nquads -o innograph.nq")
    p.add_argument("--format", "-f", default="turtle",
                   choices=("turtle", "trig", "nquads", "jsonld"), help="default: turtle")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")

    _add_analysis_commands(add)
    _add_store_commands(add)
    from .analysis import METRICS
    from .render import DEFAULT_MAX_NODES

    def page_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--source", action="append", default=[], metavar="FILE",
            help="a source text, named <source id>.txt, so that evidence shows its excerpt "
                 "(repeatable)",
        )
        p.add_argument(
            "--max-nodes", type=int, default=DEFAULT_MAX_NODES, metavar="N",
            help=f"show at most N nodes per page (default: {DEFAULT_MAX_NODES})",
        )
        metrics = ", ".join(METRICS)
        p.add_argument(
            "--size-by", metavar="METRIC", choices=[m for m in METRICS if m != "community"],
            help="open the page with nodes sized by a metric: "
                 + ", ".join(m for m in METRICS if m != "community"),
        )
        p.add_argument(
            "--color-by", metavar="METRIC", choices=("kind", *METRICS),
            help=f"open the page with nodes coloured by a metric: {metrics} (default: kind)",
        )
        p.add_argument(
            "--no-metrics", action="store_true",
            help="leave the network metrics out of the page (they take a few seconds on "
                 "views of thousands of nodes)",
        )

    p = add("build", cmd_build,
            "Validate, then write the explorer pages and the RDF exports into a folder.",
            "innograph build -o site/ --source ../shared/corpus/000_1c50d6c5c024da5a.txt")
    page_options(p)
    p.add_argument("--output", "-o", default="site", metavar="DIR",
                   help="the folder to write (default: site)")

    p = add("view", cmd_view, "Write one explorer page: a view of the graph as HTML.",
            'innograph view --view ego --focus "Unni Skår" --depth 2 -o unni.html')
    page_options(p)
    p.add_argument("--view", choices=("actors", "organisations", "ego", "query"),
                   help="default: ego with --focus, query with --query, else actors")
    p.add_argument("--focus", metavar="TEXT", help="the entity at the centre of an ego view")
    p.add_argument("--depth", type=int, default=1, metavar="N",
                   help="links out from the focus (default: 1)")
    p.add_argument("--query", metavar="FILE.rq",
                   help="a CONSTRUCT (or SELECT ?s ?p ?o) query: a .rq file or a named query")
    p.add_argument("--output", "-o", required=True, metavar="FILE.html", help="the page to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``innograph`` with ``argv``; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except InputError as exc:
        _err(f"Error: {_shown(str(exc))}")
        return EXIT_USAGE
    except GraphError as exc:
        _err(f"Error: {_shown(str(exc))}")
        return EXIT_FAILED
    except UnicodeDecodeError as exc:
        _err(f"Error: a file is not UTF-8 text (byte {exc.start}: 0x{exc.object[exc.start]:02x});"
             " give a text file")
        return EXIT_USAGE
    except UnicodeEncodeError as exc:
        _err(f"Error: the input holds text that is not valid Unicode at character {exc.start + 1}"
             f" ({_shown(repr(exc.object[exc.start:exc.end]))}); fix how it was produced")
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            return EXIT_OK
        where = _shown(str(exc.filename)) if exc.filename else "a file"
        hint = {
            "IsADirectoryError": "it is a folder; give a file path",
            "NotADirectoryError": "a part of the path is a file, not a folder; give a folder",
            "FileExistsError": "it is a file; give a folder path",
            "PermissionError": "you may not write there; choose another place",
        }.get(type(exc).__name__, "check the path")
        _err(f"Error: {where}: {exc.strerror or exc}; {hint}.")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("Interrupted.")
        return 130
    except Exception as exc:  # a bug: say so plainly, without a traceback
        _err(f"Internal error ({type(exc).__name__}): {_shown(str(exc))}\n"
             "Please report this with the command.")
        return EXIT_FAILED
