"""The ``innograph`` command: parse, call one public method, print, map errors to exit codes.

Exit codes, the same for every command: 0 success; 1 the data do not conform, or a store or
source failed; 2 bad input (an unknown command, option, name or named query, a file that is
missing or does not parse, a query that does not parse, nothing found by ``find``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import GraphError, InputError, NotFoundError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")


def _data(args: argparse.Namespace) -> list[str]:
    """The data files and folders: ``$INNOGRAPH_DATA``, then ``--data`` before and after the
    command."""
    import os

    env = [p for p in os.environ.get("INNOGRAPH_DATA", "").split(os.pathsep) if p]
    return [*env, *(getattr(args, "global_data", None) or []), *(getattr(args, "data", []) or [])]


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

    return load(*_data(args), store=args.store)


# ---------------------------------------------------------------------------- query


def _unknown_prefix(value: str) -> str | None:
    """The prefix of ``value`` when it looks like a prefixed name whose prefix is unknown."""
    import re

    from .vocab import PREFIXES

    m = re.fullmatch(r"([A-Za-z][\w-]*):[^\s/][^\s]*", value)
    if m and m.group(1) not in PREFIXES and m.group(1) not in ("http", "https", "urn"):
        return m.group(1)
    return None


def _parse_binding(text: str) -> tuple[str, Any]:
    from rdflib import Literal, URIRef

    name, sep, value = text.partition("=")
    if not sep or not name:
        raise InputError(f"--bind takes NAME=VALUE, e.g. --bind subject=person:unni-skar; got {text!r}")
    name = name.lstrip("?$")
    from .stores import check_iri
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
        from .kg import _suggest_query

        raise NotFoundError(
            f"{text!r} is not a named query, a .rq file or a SPARQL query; "
            f"{_suggest_query(text)}"
        )
    return text


def cmd_query(args: argparse.Namespace) -> int:
    import threading

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

        def work() -> tuple[str, bool]:
            result = kg.query(sparql, **bindings)
            return format_result(result, args.format), result.kind == "SELECT" and not result.rows

        if timeout is None and (getattr(kg.store, "path", None) is not None
                                or threading.active_count() > 1):
            # A process forked while another thread holds a lock (RocksDB's threads behind an
            # on-disk store, or this program's own) can wait for it for ever: without a time
            # limit, query in place.
            text, empty = work()
        else:
            text, empty = _stoppable(work, timeout)
        _out(text)
        if empty:
            _empty_warnings(kg, args)
    return EXIT_OK


def _empty_warnings(kg: Any, args: argparse.Namespace) -> None:
    """Say on stderr why a query may have found nothing: a missing step, an unknown prefix."""
    from .vocab import PREFIXES

    if args.query in kg.named_queries():
        why = kg.missing_step(args.query)
        if why:
            _err(f"Warning: {args.query} found nothing: {why}.")
    for binding in args.bind:
        name, _, value = binding.partition("=")
        prefix = _unknown_prefix(value)
        if prefix:
            _err(f"Warning: --bind {name}={value}: {prefix!r} is not a known prefix, so the value "
                 f"was bound as the text {value!r}, which matched nothing. Known prefixes: "
                 f"{', '.join(sorted(PREFIXES))}; or give a full IRI in <...>.")


def _stoppable(work: Callable[[], Any], timeout: float | None) -> Any:
    """Run ``work`` in a worker process that Ctrl-C or the time limit stops for good."""
    from . import worker

    try:
        return worker.call(work, timeout=timeout)
    except worker.TimeLimitError:
        raise InputError(f"the query ran over --timeout {timeout:g} s and was stopped; narrow it "
                         "(a LIMIT, fewer joins), or give a longer --timeout") from None


# ---------------------------------------------------------------------------- validate


def cmd_validate(args: argparse.Namespace) -> int:
    from .kg import load

    with load(*_data(args), *args.files, store=args.store) as kg:
        report = kg.validate()
    _out(report.text())
    return EXIT_OK if report.conforms else EXIT_FAILED


# ---------------------------------------------------------------------------- find, entity


def cmd_draft(args: argparse.Namespace) -> int:
    """``innograph draft``: write suggested claims for a source text."""
    import os

    from .claims.format import dumps
    from .draft import draft

    path = Path(args.source)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the path of a UTF-8 text file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    out = Path(args.output) if args.output else None
    rel = os.path.relpath(path.resolve(), (out.resolve().parent if out else Path.cwd()))
    source_id = path.stem
    cf = draft(text, lang=args.lang, published=args.published, source_id=source_id,
               kg=_open(args), text_path=rel)
    body = dumps(cf)
    if out is None:
        _out(body)
    else:
        out.write_text(body, encoding="utf-8")
        counts = ", ".join(f"{len(getattr(cf, k))} {k}" for k in (
            "persons", "organisations", "posts", "events", "participations", "quotations"))
        _err(f"Wrote {out}: {counts} (suggested; review before compiling).")
    return EXIT_OK


def cmd_find(args: argparse.Namespace) -> int:
    from .results import short

    with _open(args) as kg:
        hits = kg.find(args.text)
        close = [] if hits else kg.index.suggest(args.text)
    if not hits:
        mean = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(
            f"nothing is named like {args.text!r}.{mean} Try a shorter part of the name."
        )
    for m in hits:
        how = "" if m.label == m.matched else f"  (as {m.matched!r})"
        _out(f"{short(_iri(m.iri))}  {m.label}{how}")
    return EXIT_OK


def _iri(text: str) -> Any:
    from rdflib import URIRef

    return URIRef(text)


def _evidence_text(
    evidence: Sequence[Any], sources: bool = False, records: Sequence[Any] = ()
) -> str:
    """Spans as ``start-end`` (with ``sources``, each after its source, when there are many),
    then register records ("from the register …")."""
    from .results import short, span_text

    spans = [
        f"{short(_iri(e.source)) + ' ' if sources else ''}{span_text(e.start, e.end)}"
        for e in evidence
    ]
    return "; ".join(spans + [str(r) for r in records])


def cmd_entity(args: argparse.Namespace) -> int:
    from .results import short

    with _open(args) as kg:
        e = kg.entity(args.name)
        lines = [f"{e.label}  <{e.iri}>"]
        if e.types:
            lines.append("types: " + ", ".join(short(_iri(t)) for t in e.types))
        for lang, names in e.labels.items():
            lines.append(f"names{' @' + lang if lang else ''}: " + " | ".join(names))
        many = len({x.source for r in e.outgoing + e.incoming for x in r.evidence}) > 1
        lines.append("out:")
        for r in e.outgoing:
            ev = (f"   evidence {_evidence_text(r.evidence, many, r.records)}"
                  if r.evidence or r.records else "")
            lines.append(f"  {short(_iri(r.predicate))}  {short(r.object)}{ev}")
        lines.append("in:")
        for r in e.incoming:
            ev = (f"   evidence {_evidence_text(r.evidence, many, r.records)}"
                  if r.evidence or r.records else "")
            lines.append(f"  {short(_iri(r.subject))}  {short(_iri(r.predicate))}{ev}")
    _out("\n".join(lines))
    return EXIT_OK


# ---------------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    from .kg import EXPORT_SUFFIXES

    if args.output not in (None, "-"):
        _refuse_folder(Path(args.output))
    with _open(args) as kg:
        if args.output in (None, "-"):
            _out(kg.serialize(args.format or "turtle"))
            return EXIT_OK
        path = kg.export(args.output, args.format)
    fmt = args.format or EXPORT_SUFFIXES[path.suffix.lower()]
    _err(f"Wrote {path} ({fmt}).")
    return EXIT_OK


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise InputError(f"{path} is a folder; -o takes the file to write")


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

    if args.top is not None and args.top < 1:
        raise InputError(f"--top {args.top}: give 1 or more rows")
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
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="rows in each ranking: in the table and json (default: 10) and in "
                   "the csv (default: every node)")
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
    from .render.site import check_site_folder

    check_site_folder(Path(args.output), force=args.force)
    with _open(args) as kg:
        _err(f"Loaded {len(kg)} quads from {len(kg.files)} files.")
        texts = {**kg.source_texts, **read_source_texts(kg, args.source)} if args.source else None
        result = build_site(kg, args.output, source_texts=texts, max_nodes=args.max_nodes,
                            **_metric_options(args), progress=_err, force=args.force)
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

    _refuse_folder(Path(args.output))
    query = _query_text(KnowledgeGraph, args.query) if args.query else None
    view = args.view or ("ego" if args.focus else "query" if query else "actors")
    with _open(args) as kg:
        texts = {**kg.source_texts, **read_source_texts(kg, args.source)} if args.source else None
        options = _metric_options(args)
        kg.render_html(view, focus=args.focus, depth=args.depth, query=query, path=args.output,
                       source_texts=texts, max_nodes=args.max_nodes,
                       metrics=None if options.pop("metrics") else False, **options)
    _err(f"Wrote the {view} view to {args.output}")
    _out(str(Path(args.output).resolve()))
    return EXIT_OK


# ---------------------------------------------------------------------------- compile


def cmd_compile(args: argparse.Namespace) -> int:
    from .claims import compile_claims, serialize_trig
    from .claims.folder import read_data, text_of
    from .claims.format import load_claims
    from .vocab import OA, RDF

    cf = load_claims(args.claims)
    if args.source:
        path = Path(args.source)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the source text: {exc}") from None
    else:
        try:  # [source] text, or <source id>.txt beside the file: no folder scan needed
            text = text_of(cf)
        except InputError:  # else a text of the file's folder with the recorded sha256
            text = text_of(cf, read_data([Path(args.claims).parent]))
    warnings: list[str] = []
    with _open(args) as kg:  # the graph the claims go into: its roles and names are reused
        ds = compile_claims(cf, text, include_suggested=args.include_suggested,
                            curator=args.curator, kg=kg, warnings=warnings)
    trig = serialize_trig(ds)
    for w in warnings:
        _err(f"Warning: {w}")
    claims = sum(1 for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier)
    spans = len(set(ds.default_graph.subjects(RDF.type, OA.TextPositionSelector)))
    if args.output:
        Path(args.output).write_text(trig, encoding="utf-8")
        _err(f"Compiled {claims} claims with {spans} evidence spans to {args.output}")
    else:
        sys.stdout.write(trig)
        _err(f"Compiled {claims} claims with {spans} evidence spans.")
    return EXIT_OK


def _add_compile_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("compile", cmd_compile,
            "Compile a claims file (a reviewed draft) to TriG: one named graph per claim, with "
            "evidence and who stated it.",
            "innograph compile nb-01.claims.toml --source nb-01.txt --curator \"Kari Nordmann\" "
            "-o nb-01.trig")
    p.add_argument("claims", metavar="CLAIMS.toml", help="the claims file")
    p.add_argument("--source", metavar="SOURCE.txt",
                   help="the source text (default: [source] text of the claims file, or "
                        "<source id>.txt beside it)")
    p.add_argument("--include-suggested", action="store_true",
                   help="compile every claim that is not rejected, not only accepted ones")
    p.add_argument("--curator", metavar="NAME",
                   help="who accepted the claims that do not say (decided_by)")
    p.add_argument("--output", "-o", metavar="OUT.trig", help="the file to write (default: stdout)")


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
    from .stores import load_files, open_store

    store = open_store(args.store)
    try:
        report = load_files(store, [*resources.default_files(), *args.files, *args.data],
                            _progress_bar())
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


def cmd_review(args: argparse.Namespace) -> int:
    import getpass
    import webbrowser

    from .review import Draft, ReviewServer

    curator = args.curator or getpass.getuser()
    draft = Draft(args.draft, args.source, curator=curator)
    with _open(args) as kg:
        server = ReviewServer(draft, kg, port=args.port)
        _err(f"Reviewing {draft.path} ({len(list(draft.read().records()))} records) as "
             f"{draft.curator}; each decision is saved at once. Ctrl-C stops.")
        _out(server.url)
        sys.stdout.flush()
        if args.open:
            webbrowser.open(server.url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            _err("Stopped; every decision is in the draft.")
        finally:
            server.httpd.server_close()
    return EXIT_OK


def _add_store_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("load", cmd_load,
            "Load the ontology, the data and extra RDF files into a store (files already "
            "loaded are skipped).",
            "innograph load regional-registry.nq --store oxigraph:./innograph-db")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="extra RDF files: Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML "
                   "(the same as --data FILE)")

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


# ---------------------------------------------------------------------------- registers


def cmd_import_registry(args: argparse.Namespace) -> int:
    from . import resources
    from .registry import Filters, import_registry
    from .stores import load_files, open_store

    def progress(p: Any) -> None:
        state = "done" if p.finished else "..."
        _err(f"[{p.index}/{p.files}] {p.path.name}  {p.records:,} records read, "
             f"{p.kept:,} kept {state}")

    filters = Filters(frozenset(args.municipality), frozenset(args.county),
                      frozenset(args.form), tuple(args.industry))
    store = open_store(args.store)
    try:
        load_files(store, resources.default_files())
        report = import_registry(store, args.register, args.files, filters=filters,
                                 extract_date=args.extract_date, progress=progress,
                                 mapping=args.mapping)
        total = len(store)
    finally:
        store.close()
    _err(f"Imported {report.kept:,} record(s) from {len(report.files)} file(s), "
         f"{report.quads:,} quads; {report.posts:,} post(s) added, {report.ended:,} ended, "
         f"{report.replaced:,} earlier claim(s) replaced. "
         f"{store.name} holds {total:,} quads.")
    return EXIT_OK


def _add_registry_command(add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("import-registry", cmd_import_registry,
            "Import a register's bulk files: Enhetsregisteret (brreg), Bolagsverket, or any "
            "register with a mapping file (generic).",
            "innograph import-registry brreg enheter_alle.json.gz roller.json --county 31 "
            "--store oxigraph:./innograph-db", with_data=False)
    p.add_argument("register", choices=("brreg", "bolagsverket", "generic"),
                   help="the register the files come from")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="bulk files: JSON (gzipped or not) or CSV; entities, sub-entities, roles")
    for flag, what in (("--municipality", "municipality numbers (3105)"),
                       ("--county", "county numbers (31), the first two digits of a "
                                    "municipality number"),
                       ("--form", "legal form codes (AS, ASA, STI)"),
                       ("--industry", "industry codes, with their sub-codes (72, 62.010)")):
        p.add_argument(flag, nargs="+", action="extend", default=[], metavar="CODE",
                       help=f"keep only organisations with one of these {what}")
    p.add_argument("--extract-date", metavar="YYYY-MM-DD",
                   help="the date of the extract (default: each file's modification date)")
    p.add_argument("--mapping", metavar="FILE.toml",
                   help="for generic: which column holds which field")


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
  innograph draft article.txt -o article.claims.toml
  innograph view --view ego --focus "Unni Skår" --depth 2 -o unni.html
  innograph compile my-sources/claims/nb-01.claims.toml --curator "Kari Kurator" -o nb-01.trig
  innograph --data my-sources/ query person-posts --bind person=person:unni-skar
  innograph view --size-by betweenness --color-by community -o actors.html
  innograph review draft.claims.toml --curator "Kari Nordmann"
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``innograph``."""
    import os

    from .results import RESULT_FORMATS

    store_help = (
        "memory, oxigraph, oxigraph:PATH or sparql:URL (default: $INNOGRAPH_STORE, else oxigraph)"
    )
    common = argparse.ArgumentParser(add_help=False)
    # given before or after the command; SUPPRESS keeps a later default from hiding an earlier value
    common.add_argument("--store", metavar="STORE", default=argparse.SUPPRESS, help=store_help)
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data", action="append", default=[], metavar="PATH",
        help="an extra RDF file, claims file or data folder to load with the packaged data "
             "(repeatable)",
    )
    parser = argparse.ArgumentParser(
        prog="innograph",
        description="A knowledge graph of regional innovation actors: query, validate, explore.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--store", metavar="STORE", default=None, help=store_help)
    parser.add_argument("--version", action="version", version=f"innograph {version()}")
    parser.add_argument(
        "--data", action="append", default=[], dest="global_data", metavar="PATH",
        help="a data folder (claims files, source texts, RDF files) or file to include with the "
             "packaged graph in every command (repeatable; also $INNOGRAPH_DATA, separated by "
             f"{os.pathsep!r})",
    )
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
            "innograph validate my-extra-data.ttl")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="extra RDF files to validate with the packaged data (the same as "
                   "--data FILE)")

    p = add("find", cmd_find, "Find entities by any name or spelling.",
            "innograph find Svinesundskomitténs")
    p.add_argument("text", help="a name, part of a name, or a spelling")

    p = add("entity", cmd_entity, "Show everything about one entity, with evidence.",
            'innograph entity "Jon-Vidar Knold"')
    p.add_argument("name", help="an IRI, a prefixed name (person:unni-skar) or a name")

    from .kg import EXPORT_FORMATS, EXPORT_SUFFIXES

    suffixes = ", ".join(f"{s} {f}" for s, f in sorted(EXPORT_SUFFIXES.items()))
    p = add("export", cmd_export, "Write the ontology and data as RDF.",
            "innograph export -o innograph.nq")
    p.add_argument("--format", "-f", default=None, choices=EXPORT_FORMATS,
                   help=f"default: from the extension of --output ({suffixes}); turtle on "
                   "stdout; a format that contradicts the extension is refused")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")

    p = add("review", cmd_review,
            "Review a draft in the browser: accept, reject, correct and add facts; each "
            "decision is saved to the draft at once.",
            "innograph review nb-dev-02.claims.toml --curator 'Kari Nordmann' --open")
    p.add_argument("draft", metavar="DRAFT.toml", help="the claims file to review")
    p.add_argument("--source", metavar="SOURCE.txt",
                   help="the source text (default: the file the draft's [source] text names)")
    p.add_argument("--port", type=int, default=0, help="port (default: 0, a free one)")
    p.add_argument("--curator", metavar="NAME", help="who decides (default: the login name)")
    p.add_argument("--open", action="store_true", help="open the page in the browser")

    _add_analysis_commands(add)
    _add_store_commands(add)

    p = add("draft", cmd_draft,
            "Suggest claims (persons, organisations, posts, events, quotations) from a "
            "Norwegian or Swedish text, linked to the graph.",
            "innograph draft article.txt -o article.claims.toml --lang nb")
    p.add_argument("source", metavar="SOURCE.txt", help="the text: headline on line 1, byline on line 2")
    p.add_argument("--output", "-o", metavar="DRAFT.toml",
                   help="the claims file to write (default: stdout)")
    p.add_argument("--lang", choices=("nb", "sv", "auto"), default="auto",
                   help="the language of the text (default: auto)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="the publication date (default: the byline's date)")
    from .analysis import METRICS
    from .render import DEFAULT_MAX_NODES

    def page_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--source", action="append", default=[], metavar="PATH",
            help="a source text, or a folder of them, so that evidence shows its excerpt; a text "
                 "is matched to its source by sha256 or by its name <source id>.txt (repeatable)",
        )
        p.add_argument(
            "--max-nodes", type=int, default=DEFAULT_MAX_NODES, metavar="N",
            help=f"draw up to N nodes one by one; larger views open on the overview of their groups "
                 f"(default: {DEFAULT_MAX_NODES})",
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
    p.add_argument("--force", action="store_true",
                   help="write into the folder even if `innograph build` did not write it")

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

    _add_compile_command(add)
    _add_registry_command(add)
    return parser


def version() -> str:
    """The installed version of innograph."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("innograph")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        from . import __version__

        return __version__


def _command_of(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` (skipping the global ``--store``/``--data VALUE``), or None."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--store", "--data"):
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``innograph`` with ``argv``; return the exit code."""
    import difflib

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    command = _command_of(argv)
    if command is not None and command not in COMMANDS:
        close = difflib.get_close_matches(command, list(COMMANDS), n=1, cutoff=0.5)
        mean = f" Did you mean {close[0]!r}?" if close else ""
        _err(f"Error: {command!r} is not an innograph command.{mean} "
             f"The commands: {', '.join(COMMANDS)} (innograph --help).")
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or argparse's own usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
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
    except BrokenPipeError:
        return EXIT_OK
    except (IsADirectoryError, NotADirectoryError, FileExistsError, PermissionError) as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"Error: {where}{exc.strerror or exc}; choose another path.")
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so plainly, without a traceback
        _err(f"Internal error ({type(exc).__name__}): {_shown(str(exc))}\n"
             "Please report this with the command.")
        return EXIT_FAILED
