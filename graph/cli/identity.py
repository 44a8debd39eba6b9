"""``resolve``: entities that may be one, and a curator's decision about them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .args import data_paths, open_graph
from .output import EXIT_OK, err, out

if TYPE_CHECKING:  # pragma: no cover
    from .parser import Commands


def add_resolve(commands: Commands) -> None:
    p = commands.add(
        "resolve", cmd_resolve,
        "List entities that may be the same, with per-feature scores; record a curator's "
        "decision (owl:sameAs or owl:differentFrom) without rewriting any claim.",
        "innograph --data my-sources/ resolve --accept orgs:no-938801363 "
        "orgs:sarpsborg-kommune --curator 'Kari Nordmann'")
    p.add_argument("--kind", action="append", choices=("organisation", "person"),
                   help="compare only this kind (repeatable; default: both)")
    p.add_argument("--min-score", type=float, default=0.6, metavar="S",
                   help="list pairs scoring at least S, 0 to 1 (default: 0.6; persons who share "
                        "only a name score 0.5)")
    p.add_argument("--limit", type=int, metavar="N", help="list at most N pairs")
    p.add_argument("--format", "-f", default="table", choices=("table", "json"),
                   help="output format (default: table)")
    decision = p.add_mutually_exclusive_group()
    decision.add_argument("--accept", nargs=2, metavar=("KEEP", "OTHER"),
                          help="record that OTHER is the same entity as KEEP (IRIs, CURIEs or "
                               "names)")
    decision.add_argument("--reject", nargs=2, metavar=("KEEP", "OTHER"),
                          help="record that they are different entities (not proposed again)")
    p.add_argument("--curator", metavar="NAME", help="who decides (default: the login name)")
    p.add_argument("--output", "-o", metavar="FILE.trig",
                   help="where to record the decision (default: resolutions.trig in the one "
                        "--data folder)")


def cmd_resolve(args: argparse.Namespace) -> int:
    from ..duplicates import find_duplicates

    pair = args.accept or args.reject
    with open_graph(args) as kg:
        if pair:
            return _decide(args, kg, pair)
        pairs = find_duplicates(kg, kinds=args.kind or ("organisation", "person"),
                                min_score=args.min_score, limit=args.limit)
    if args.format == "json":
        import json

        out(json.dumps([p.as_dict() for p in pairs], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not pairs:
        err(f"No candidate duplicates scored {args.min_score} or more.")
        return EXIT_OK
    from rdflib import URIRef

    from ..results import short

    for p in pairs:
        feats = ", ".join(f"{k} {v:.2f}" for k, v in sorted(p.features.items()))
        out(f"{p.score:.2f}  {p.kind}  {short(URIRef(p.keep))} {p.keep_label!r}  =?  "
            f"{short(URIRef(p.other))} {p.other_label!r}  ({feats})")
    first = pairs[0]
    err(f"{len(pairs)} candidate pair(s). To record one: innograph resolve --accept "
        f"{short(URIRef(first.keep))} {short(URIRef(first.other))} (or --reject)")
    return EXIT_OK


def _decide(args: argparse.Namespace, kg: Any, pair: list[str]) -> int:
    import getpass

    from ..duplicates import resolution, write_resolution

    res = resolution(kg, pair[0], pair[1], accepted=bool(args.accept),
                     curator=args.curator or getpass.getuser())
    target = _resolution_file(args)
    write_resolution(res, target)
    how = "the same entity" if res.accepted else "different entities"
    hidden = (f"; {len(res.hidden_labels)} spelling(s) became hidden labels"
              if res.hidden_labels else "")
    folders = {Path(d).resolve() for d in data_paths(args) if Path(d).is_dir()}
    use = ("" if target.resolve().parent in folders
           else f" Include it with --data {target} (or put it in your data folder).")
    err(f"Recorded in {target}: {kg.label(res.keep)} and {kg.label(res.other)} are "
        f"{how}{hidden}.{use}")
    return EXIT_OK


def _resolution_file(args: argparse.Namespace) -> Path:
    if args.output:
        return Path(args.output)
    folders = [Path(d) for d in data_paths(args) if Path(d).is_dir()]
    if len(folders) == 1:
        return folders[0] / "resolutions.trig"
    raise InputError("say where to record the decision: -o FILE.trig (or give one data folder "
                     "with --data FOLDER, and it goes to FOLDER/resolutions.trig)")
