"""Network analysis commands: ``analyze``, ``path``, ``ego``, ``export-network``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import open_graph
from .output import (
    ANALYSIS_FORMATS,
    EXIT_OK,
    StepProgress,
    err,
    format_analysis,
    format_ego,
    format_path,
    out,
)

if TYPE_CHECKING:  # pragma: no cover
    from .parser import Commands


def _analysis_options(p: argparse.ArgumentParser, *, sampling: bool = True) -> None:
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


def add_analyze(commands: Commands) -> None:
    p = commands.add("analyze", cmd_analyze,
                     "Centralities, brokers and communities of the actor or organisation "
                     "network.",
                     "innograph analyze --view actors --top 5 --format csv")
    _analysis_options(p)
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="rows in each ranking: in the table and json (default: 10) and in "
                   "the csv (default: every node)")
    p.add_argument("--write", action="store_true",
                   help="also store the metrics as RDF in the store (with --store oxigraph:PATH "
                   "they stay for `innograph query top-brokers`)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="analyse the view as of this day: posts held then, events up to then "
                        "(compare brokers across years)")
    p.add_argument("--processes", type=int, metavar="N",
                   help="processes betweenness may use (default: one per core on large views; "
                   "1 keeps it in this process); the values are the same")


def cmd_analyze(args: argparse.Namespace) -> int:
    if args.top is not None and args.top < 1:
        raise InputError(f"--top {args.top}: give 1 or more rows")
    if args.processes is not None and args.processes < 1:
        raise InputError(f"--processes {args.processes}: give 1 or more processes")
    if args.as_of and args.write:
        raise InputError("--write stores the metrics of the whole view; run it without --as-of")
    if args.as_of:
        from ..asof import check_day

        check_day(args.as_of)
    with open_graph(args) as kg:
        result = kg.analyze(args.view, k=args.k, seed=args.seed, progress=StepProgress(),
                            as_of=args.as_of, processes=args.processes)
        if args.as_of:
            err(f"As of {args.as_of}: posts held on that day, events up to it.")
        if args.write:
            name = kg.add_metrics(args.view, analysis=result)
            err(f"Stored the metrics in <{name}> ({kg.store.name}).")
    out(format_analysis(result, args.format, top=args.top))
    return EXIT_OK


def add_path(commands: Commands) -> None:
    p = commands.add("path", cmd_path,
                     "The shortest connection between two entities, with each relation and its "
                     "evidence.",
                     'innograph path "Unni Skår" "Jon-Vidar Knold"')
    p.add_argument("source", help="where the path starts: a name, prefixed name or IRI")
    p.add_argument("target", help="where the path ends")
    _analysis_options(p, sampling=False)


def cmd_path(args: argparse.Namespace) -> int:
    with open_graph(args) as kg:
        hops = kg.shortest_path(args.source, args.target, view=args.view)
        out(format_path(hops, args.format))
    return EXIT_OK


def add_ego(commands: Commands) -> None:
    p = commands.add("ego", cmd_ego, "One entity's ties, centralities, community and broker roles.",
                     'innograph ego Svinesundskomiteen')
    p.add_argument("name", help="a name, prefixed name (orgs:svinesundskomiteen) or IRI")
    _analysis_options(p)


def cmd_ego(args: argparse.Namespace) -> int:
    with open_graph(args) as kg:
        summary = kg.ego_summary(args.name, view=args.view, k=args.k, seed=args.seed)
        out(format_ego(summary, args.format))
    return EXIT_OK


def add_export_network(commands: Commands) -> None:
    from ..network import NETWORK_FORMATS

    p = commands.add("export-network", cmd_export_network,
                     "Write the actor or organisation network as GEXF, GraphML or CSV node and "
                     "edge lists.",
                     "innograph export-network --view actors --format gexf -o actors.gexf")
    p.add_argument("--view", default="actors", choices=("actors", "organisations"),
                   help="the network: actors (default) or organisations")
    p.add_argument("--format", "-f", choices=NETWORK_FORMATS,
                   help="gexf (Gephi), graphml, or csv (a folder with nodes.csv and edges.csv); "
                   "default: from the extension of --output")
    p.add_argument("--output", "-o", required=True, metavar="PATH",
                   help="the file to write (for csv: a folder)")


def cmd_export_network(args: argparse.Namespace) -> int:
    with open_graph(args) as kg:
        paths = kg.export_network(args.output, view=args.view, format=args.format)
    err("Wrote " + ", ".join(str(p) for p in paths) + ".")
    return EXIT_OK
