"""Commands that write explorer pages: ``build`` (the site) and ``view`` (one page)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import QuerySyntaxError
from .args import in_file, open_graph, query_file, query_text, refuse_folder
from .output import EXIT_OK, counted, err, out

if TYPE_CHECKING:  # pragma: no cover
    from .parser import Commands


def _page_options(p: argparse.ArgumentParser) -> None:
    from ..analysis import METRICS
    from ..render import DEFAULT_MAX_NODES

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
    sizes = [m for m in METRICS if m != "community"]
    p.add_argument(
        "--size-by", metavar="METRIC", choices=sizes,
        help="open the page with nodes sized by a metric: " + ", ".join(sizes),
    )
    p.add_argument(
        "--color-by", metavar="METRIC", choices=("kind", *METRICS),
        help=f"open the page with nodes coloured by a metric: {', '.join(METRICS)} "
             "(default: kind)",
    )
    p.add_argument(
        "--no-metrics", action="store_true",
        help="leave the network metrics out of the page (they take a few seconds on "
             "views of thousands of nodes)",
    )


def _metric_options(args: argparse.Namespace) -> dict[str, Any]:
    """The metric options of ``build`` and ``view``, as :func:`graph.render.build_site` takes them."""
    return {"metrics": not args.no_metrics, "size_by": args.size_by, "color_by": args.color_by}


def _source_texts(kg: Any, args: argparse.Namespace) -> dict[str, str] | None:
    """The source texts of the graph and of ``--source``; None without ``--source``."""
    from ..render import read_source_texts

    return {**kg.source_texts, **read_source_texts(kg, args.source)} if args.source else None


# ---------------------------------------------------------------------------- build


def add_build(commands: Commands) -> None:
    p = commands.add("build", cmd_build,
                     "Validate, then write the explorer pages and the RDF exports into a folder.",
                     "innograph build -o site/ --source ../shared/corpus/000_1c50d6c5c024da5a.txt")
    _page_options(p)
    p.add_argument("--output", "-o", default="site", metavar="DIR",
                   help="the folder to write (default: site)")
    p.add_argument("--force", action="store_true",
                   help="write into the folder even if `innograph build` did not write it")


def cmd_build(args: argparse.Namespace) -> int:
    from ..render import build_site
    from ..render.site import check_site_folder

    check_site_folder(Path(args.output), force=args.force)
    with open_graph(args) as kg:
        err(f"Loaded {len(kg)} quads from {len(kg.files)} files.")
        result = build_site(kg, args.output, source_texts=_source_texts(kg, args),
                            max_nodes=args.max_nodes, **_metric_options(args), progress=err,
                            force=args.force)
    s = result.stats
    out(
        f"{counted(s['quads'], 'quad')}: {counted(s['persons'], 'person')}, "
        f"{counted(s['organisations'], 'organisation')}, {counted(s['events'], 'event')}, "
        f"{counted(s['claims'], 'claim')}, {counted(s['spans'], 'evidence span')}.\n"
        f"Wrote {len(result.pages)} pages and {len(result.exports)} exports to {result.folder}/\n"
        f"Open {result.index.resolve()}"
    )
    return EXIT_OK


# ---------------------------------------------------------------------------- view


def add_view(commands: Commands) -> None:
    p = commands.add("view", cmd_view, "Write one explorer page: a view of the graph as HTML.",
                     'innograph view --view ego --focus "Unni Skår" --depth 2 -o unni.html')
    _page_options(p)
    p.add_argument("--view", choices=("actors", "organisations", "ego", "query"),
                   help="default: ego with --focus, query with --query, else actors")
    p.add_argument("--focus", metavar="TEXT", help="the entity at the centre of an ego view")
    p.add_argument("--depth", type=int, default=1, metavar="N",
                   help="links out from the focus (default: 1)")
    p.add_argument("--query", metavar="FILE.rq",
                   help="a CONSTRUCT (or SELECT ?s ?p ?o) query: a .rq file or a named query")
    p.add_argument("--output", "-o", required=True, metavar="FILE.html", help="the page to write")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="open the page on the view as of this day (its date control can change "
                        "the day)")


def cmd_view(args: argparse.Namespace) -> int:
    refuse_folder(Path(args.output))
    query = query_text(args.query) if args.query else None
    view = args.view or ("ego" if args.focus else "query" if query else "actors")
    with open_graph(args) as kg:
        options = _metric_options(args)
        try:
            kg.render_html(view, focus=args.focus, depth=args.depth, query=query,
                           path=args.output, source_texts=_source_texts(kg, args),
                           max_nodes=args.max_nodes,
                           metrics=None if options.pop("metrics") else False, as_of=args.as_of,
                           **options)
        except QuerySyntaxError as exc:  # name the file the query came from
            raise in_file(query_file(args.query) if args.query else None, exc) from None
    err(f"Wrote the {view} view to {args.output}")
    out(str(Path(args.output).resolve()))
    return EXIT_OK
