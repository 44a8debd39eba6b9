"""Commands that fill or serve a store: ``load``, ``serve``, ``synth``, ``import-registry``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .args import data_paths, open_graph
from .output import EXIT_OK, err, load_progress_bar

if TYPE_CHECKING:  # pragma: no cover
    from .parser import Commands


# ---------------------------------------------------------------------------- load


def add_load(commands: Commands) -> None:
    p = commands.add("load", cmd_load,
                     "Load the ontology, the data and extra RDF files into a store (files already "
                     "loaded are skipped).",
                     "innograph load regional-registry.nq --store oxigraph:./innograph-db")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="extra RDF files: Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML "
                   "(the same as --data FILE)")


def cmd_load(args: argparse.Namespace) -> int:
    from ..kg import load

    with load(*args.files, *data_paths(args), store=args.store,
              progress=load_progress_bar()) as kg:
        report, total, name = kg.load_report, len(kg), kg.store.name
    err(
        f"Loaded {len(report.loaded)} file(s), {report.added:,} quads added; "
        f"{len(report.skipped)} already loaded. {name} holds {total:,} quads."
    )
    return EXIT_OK


# ---------------------------------------------------------------------------- serve


def add_serve(commands: Commands) -> None:
    from ..limits import LIMITS

    p = commands.add("serve", cmd_serve,
                     "Serve a SPARQL 1.1 endpoint (/sparql), a query page (/) and the explorer.",
                     "innograph serve --store oxigraph:./innograph-db --port 8000")
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
    for flag, kind, what in (
        ("--timeout", float, "seconds a query may run"),
        ("--memory-limit", int, "megabytes a query may use"),
        ("--max-results", int, "rows returned at most"),
        ("--max-bytes", int, "bytes of an answer at most"),
        ("--max-running", int, "queries running at once"),
        ("--max-connections", int, "connections served at once"),
        ("--idle-timeout", float, "seconds a client has to send its request, and an idle "
                                  "connection stays open"),
    ):
        limit = LIMITS[flag[2:].replace("-", "_")]
        metavar = {float: "SECONDS", int: "N"}[kind] if flag != "--memory-limit" else "MB"
        p.add_argument(flag, type=kind, default=kind(limit), metavar=metavar,
                       help=f"{what} (default: {limit:g})")
    p.add_argument("--verbose", "-v", action="store_true", help="log each request on stderr")


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
    from ..server import SparqlServer, check_options

    token = _read_token(args)
    limits = {"timeout": args.timeout, "max_results": args.max_results,
              "max_bytes": args.max_bytes, "memory_limit": args.memory_limit,
              "max_running": args.max_running, "max_connections": args.max_connections,
              "idle_timeout": args.idle_timeout}
    check_options(args.port, **limits)
    if args.allow_update and not token:
        raise InputError("--allow-update needs a token: give --token-file FILE or set "
                         "$INNOGRAPH_TOKEN; updates must carry that token")
    with open_graph(args) as kg:
        if not args.allow_update:
            reopen = getattr(kg.store, "reopen_read_only", None)
            if reopen is not None:
                reopen(retire=False)  # other commands can open the store while it is served
        server = SparqlServer(
            kg, args.host, args.port, allow_update=args.allow_update, token=token,
            allow_service=args.allow_service, allow_load=args.allow_load,
            allowed_hosts=args.allow_host, log=err if args.verbose else None, **limits,
        )
        mode = "read-write, token required" if args.allow_update else "read-only"
        err(f"Serving {kg.store.name} ({mode}) at {server.url}/sparql; "
            f"query page {server.url}/ ; Ctrl-C stops.")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            err("Stopped.")
    return EXIT_OK


# ---------------------------------------------------------------------------- synth


def add_synth(commands: Commands) -> None:
    p = commands.add("synth", cmd_synth,
                     "Write a synthetic regional innovation ecosystem (N-Quads) for tests and "
                     "benchmarks.",
                     "innograph synth --triples 1000000 --seed 1 -o eco-1m.nq", with_data=False)
    p.add_argument("--triples", type=int, default=10_000, metavar="N",
                   help="about how many quads to write (default: 10000)")
    p.add_argument("--seed", type=int, default=0, help="the generator's seed (default: 0)")
    p.add_argument("--output", "-o", required=True, metavar="FILE.nq", help="the file to write")


def cmd_synth(args: argparse.Namespace) -> int:
    from ..synthetic import generate

    stats = generate(args.output, triples=args.triples, seed=args.seed)
    err(
        f"Wrote {args.output}: {stats.quads:,} quads, {stats.regions} regions, "
        f"{stats.articles} articles, {stats.claims:,} claims, {stats.persons:,} persons, "
        f"{stats.organisations:,} organisations, {stats.events:,} events."
    )
    return EXIT_OK


# ---------------------------------------------------------------------------- registers


def add_import_registry(commands: Commands) -> None:
    p = commands.add("import-registry", cmd_import_registry,
                     "Import a register's bulk files: Enhetsregisteret (brreg), Bolagsverket, or "
                     "any register with a mapping file (generic).",
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


def _registry_progress(p: Any) -> None:
    state = "done" if p.finished else "..."
    err(f"[{p.index}/{p.files}] {p.path.name}  {p.records:,} records read, "
        f"{p.kept:,} kept {state}")


def cmd_import_registry(args: argparse.Namespace) -> int:
    from .. import resources
    from ..registry import Filters, import_registry
    from ..stores import load_files, open_store

    filters = Filters(frozenset(args.municipality), frozenset(args.county),
                      frozenset(args.form), tuple(args.industry))
    store = open_store(args.store)
    try:
        load_files(store, resources.default_files())
        report = import_registry(store, args.register, args.files, filters=filters,
                                 extract_date=args.extract_date, progress=_registry_progress,
                                 mapping=args.mapping)
        total = len(store)
    finally:
        store.close()
    err(f"Imported {report.kept:,} record(s) from {len(report.files)} file(s), "
        f"{report.quads:,} quads; {report.posts:,} post(s) added, {report.ended:,} ended, "
        f"{report.replaced:,} earlier claim(s) replaced. "
        f"{store.name} holds {total:,} quads.")
    return EXIT_OK
