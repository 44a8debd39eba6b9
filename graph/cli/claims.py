"""Commands that make claims: ``draft`` (suggest), ``review`` (decide in the browser),
``compile`` (to TriG)."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .args import open_graph
from .output import EXIT_OK, counted, err, out

if TYPE_CHECKING:  # pragma: no cover
    from ..claims.format import ClaimsFile
    from .parser import Commands


# ---------------------------------------------------------------------------- draft


def add_draft(commands: Commands) -> None:
    p = commands.add("draft", cmd_draft,
                     "Suggest claims (persons, organisations, posts, events, quotations) from a "
                     "Norwegian or Swedish text, linked to the graph.",
                     "innograph draft article.txt -o article.claims.toml --lang nb")
    p.add_argument("source", metavar="SOURCE.txt",
                   help="the text: headline on line 1, byline on line 2")
    p.add_argument("--output", "-o", metavar="DRAFT.toml",
                   help="the claims file to write (default: stdout)")
    p.add_argument("--lang", choices=("nb", "sv", "auto"), default="auto",
                   help="the language of the text (default: auto)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="the publication date (default: the byline's date)")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; give the path of a UTF-8 text file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def cmd_draft(args: argparse.Namespace) -> int:
    """``innograph draft``: write suggested claims for a source text."""
    import os

    from ..claims.format import dumps
    from ..draft import draft

    path = Path(args.source)
    text = _read_text(path)
    output = Path(args.output) if args.output else None
    rel = os.path.relpath(path.resolve(), (output.resolve().parent if output else Path.cwd()))
    cf = draft(text, lang=args.lang, published=args.published, source_id=path.stem,
               kg=open_graph(args), text_path=rel)
    body = dumps(cf)
    if output is None:
        out(body)
    else:
        output.write_text(body, encoding="utf-8")
        counts = ", ".join(counted(len(getattr(cf, k)), k) for k in (
            "persons", "organisations", "posts", "events", "participations", "quotations"))
        err(f"Wrote {output}: {counts} (suggested; review before compiling).")
    return EXIT_OK


# ---------------------------------------------------------------------------- review


def add_review(commands: Commands) -> None:
    p = commands.add("review", cmd_review,
                     "Review a draft in the browser: accept, reject, correct and add facts; each "
                     "decision is saved to the draft at once.",
                     "innograph review nb-dev-02.claims.toml --curator 'Kari Nordmann' --open")
    p.add_argument("draft", metavar="DRAFT.toml", help="the claims file to review")
    p.add_argument("--source", metavar="SOURCE.txt",
                   help="the source text (default: the file the draft's [source] text names)")
    p.add_argument("--port", type=int, default=0, help="port (default: 0, a free one)")
    p.add_argument("--curator", metavar="NAME", help="who decides (default: the login name)")
    p.add_argument("--open", action="store_true", help="open the page in the browser")


def cmd_review(args: argparse.Namespace) -> int:
    import getpass
    import webbrowser

    from ..review import Draft, ReviewServer

    curator = args.curator or getpass.getuser()
    draft = Draft(args.draft, args.source, curator=curator)
    with open_graph(args) as kg:
        server = ReviewServer(draft, kg, port=args.port)
        err(f"Reviewing {draft.path} ({len(list(draft.read().records()))} records) as "
            f"{draft.curator}; each decision is saved at once. Ctrl-C stops.")
        out(server.url)
        sys.stdout.flush()
        if args.open:
            webbrowser.open(server.url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            err("Stopped; every decision is in the draft.")
        finally:
            server.httpd.server_close()
    return EXIT_OK


# ---------------------------------------------------------------------------- compile


def add_compile(commands: Commands) -> None:
    p = commands.add("compile", cmd_compile,
                     "Compile a claims file (a reviewed draft) to TriG: one named graph per "
                     "claim, with evidence and who stated it.",
                     "innograph compile nb-01.claims.toml --source nb-01.txt --curator \"Kari "
                     "Nordmann\" -o nb-01.trig")
    p.add_argument("claims", metavar="CLAIMS.toml", help="the claims file")
    p.add_argument("--source", metavar="SOURCE.txt",
                   help="the source text (default: [source] text of the claims file, or "
                        "<source id>.txt beside it)")
    p.add_argument("--include-suggested", action="store_true",
                   help="compile every claim that is not rejected, not only accepted ones")
    p.add_argument("--curator", metavar="NAME",
                   help="who accepted the claims that do not say (decided_by)")
    p.add_argument("--output", "-o", metavar="OUT.trig",
                   help="the file to write (default: stdout)")


def _source_text(args: argparse.Namespace, cf: ClaimsFile) -> str:
    """The source text of a claims file: ``--source``, else [source] text, else a text of the
    file's folder with the recorded sha256."""
    from ..claims.folder import read_data, text_of

    if args.source:
        path = Path(args.source)
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the source text: {exc}") from None
    try:  # [source] text, or <source id>.txt beside the file: no folder scan needed
        return text_of(cf)
    except InputError:
        return text_of(cf, read_data([Path(args.claims).parent]))


def cmd_compile(args: argparse.Namespace) -> int:
    from ..claims import compile_claims, serialize_trig
    from ..claims.format import load_claims
    from ..vocab import OA, RDF

    cf = load_claims(args.claims)
    text = _source_text(args, cf)
    warnings: list[str] = []
    with open_graph(args) as kg:  # the graph the claims go into: its roles and names are reused
        ds = compile_claims(cf, text, include_suggested=args.include_suggested,
                            curator=args.curator, kg=kg, warnings=warnings)
    trig = serialize_trig(ds)
    for w in warnings:
        err(f"Warning: {w}")
    left = sum(1 for r in cf.records() if r.status == "suggested")
    if cf.drafted and left and not args.include_suggested:
        err(f"Warning: {left} suggested record(s) of this draft left out, as not yet accepted; "
            f"review them first (innograph review {shlex.quote(args.claims)}), or compile them "
            "all with --include-suggested")
    claims = sum(1 for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier)
    spans = len(set(ds.default_graph.subjects(RDF.type, OA.TextPositionSelector)))
    if args.output:
        Path(args.output).write_text(trig, encoding="utf-8")
        err(f"Compiled {counted(claims, 'claim')} with {counted(spans, 'evidence span')} "
            f"to {args.output}")
    else:
        sys.stdout.write(trig)
        err(f"Compiled {counted(claims, 'claim')} with {counted(spans, 'evidence span')}.")
    return EXIT_OK
