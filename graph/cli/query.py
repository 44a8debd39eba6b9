"""Commands that read the graph: ``query``, ``validate``, ``find``, ``entity``, ``export``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, NotFoundError, QuerySyntaxError
from .args import in_file, open_graph, query_file, query_text, refuse_folder
from .output import EXIT_FAILED, EXIT_OK, entity_text, err, out

if TYPE_CHECKING:  # pragma: no cover
    from .parser import Commands


# ---------------------------------------------------------------------------- query


def add_query(commands: Commands) -> None:
    from ..results import RESULT_FORMATS

    p = commands.add("query", cmd_query, "Run a SPARQL query, a .rq file or a named query.",
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


def cmd_query(args: argparse.Namespace) -> int:
    from ..kg import KnowledgeGraph

    if args.list:
        for name, question in KnowledgeGraph.named_queries().items():
            out(f"{name:36} {question}")
        return EXIT_OK
    if not args.query:
        raise InputError("give a query: a named query, a .rq file or SPARQL text (see --list)")
    sparql = query_text(args.query)
    timeout = getattr(args, "timeout", None)
    if timeout is not None and not (0 < timeout <= 86400):  # also refuses nan
        raise InputError(f"--timeout must be a number of seconds above 0 up to 86400; "
                         f"got {timeout!r}")
    bindings = dict(_parse_binding(b) for b in args.bind)
    _check_bound_names(args.query, sparql, list(bindings))
    try:
        return _run_query(args, sparql, bindings, timeout)
    except QuerySyntaxError as exc:  # name the file the query came from
        raise in_file(query_file(args.query), exc) from None


def _run_query(args: argparse.Namespace, sparql: str, bindings: dict[str, Any],
               timeout: float | None) -> int:
    """Run the query text ``sparql`` of ``innograph query`` and print its answer."""
    import threading

    from ..results import format_result

    with open_graph(args) as kg:

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
        out(text)
        if empty:
            _empty_warnings(kg, args)
    return EXIT_OK


def _check_bound_names(name: str, sparql: str, bound: list[str]) -> None:
    """Refuse a ``--bind`` name that is no variable of the query (a misspelt one, most often).

    Examples
    --------
    >>> _check_bound_names("q.rq", "SELECT ?person WHERE { ?person ?p ?o }", ["person"])
    >>> _check_bound_names("q.rq", "SELECT ?person WHERE { ?person ?p ?o }", ["persn"])
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --bind persn=…: the query q.rq has no variable ?persn. Did you mean ?person?
    >>> _check_bound_names("q.rq", "ASK { ?s ?p ?o }", ["x"])
    Traceback (most recent call last):
    ...
    graph.errors.InputError: --bind x=…: the query q.rq has no variable ?x. Its variables: ?o, ?p, ?s
    """
    import difflib
    import re

    variables = sorted(set(re.findall(r"[?$]([A-Za-z_0-9\u00b7\u00c0-\uffff]+)", sparql)))
    for b in bound:
        if b in variables:
            continue
        close = difflib.get_close_matches(b, variables, n=1, cutoff=0.6)
        hint = (f"Did you mean ?{close[0]}?" if close else
                f"Its variables: {', '.join('?' + v for v in variables) or 'none'}")
        what = "the query" if any(c.isspace() for c in name) else f"the query {name}"
        raise InputError(f"--bind {b}=…: {what} has no variable ?{b}. {hint}")


def _unknown_prefix(value: str) -> str | None:
    """The prefix of ``value`` when it looks like a prefixed name whose prefix is unknown."""
    import re

    from ..vocab import PREFIXES

    m = re.fullmatch(r"([A-Za-z][\w-]*):[^\s/][^\s]*", value)
    if m and m.group(1) not in PREFIXES and m.group(1) not in ("http", "https", "urn"):
        return m.group(1)
    return None


def _parse_binding(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` of ``--bind`` as a variable name and an RDF term: an IRI (``<...>``, a
    full IRI or a prefixed name) or a literal."""
    from rdflib import Literal, URIRef

    from ..stores import check_iri
    from ..vocab import expand

    name, sep, value = text.partition("=")
    if not sep or not name:
        raise InputError(f"--bind takes NAME=VALUE, e.g. --bind subject=person:unni-skar; got {text!r}")
    name = name.lstrip("?$")

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


def _empty_warnings(kg: Any, args: argparse.Namespace) -> None:
    """Say on stderr why a query may have found nothing: a missing step, an unknown prefix."""
    from ..vocab import PREFIXES

    if args.query in kg.named_queries():
        why = kg.missing_step(args.query)
        if why:
            err(f"Warning: {args.query} found nothing: {why}.")
    for binding in args.bind:
        name, _, value = binding.partition("=")
        prefix = _unknown_prefix(value)
        if prefix:
            err(f"Warning: --bind {name}={value}: {prefix!r} is not a known prefix, so the value "
                f"was bound as the text {value!r}, which matched nothing. Known prefixes: "
                f"{', '.join(sorted(PREFIXES))}; or give a full IRI in <...>.")


def _stoppable(work: Callable[[], Any], timeout: float | None) -> Any:
    """Run ``work`` in a worker process that Ctrl-C or the time limit stops for good."""
    from .. import worker

    try:
        return worker.call(work, timeout=timeout)
    except worker.TimeLimitError:
        raise InputError(f"the query ran over --timeout {timeout:g} s and was stopped; narrow it "
                         "(a LIMIT, fewer joins), or give a longer --timeout") from None


# ---------------------------------------------------------------------------- validate


def add_validate(commands: Commands) -> None:
    p = commands.add("validate", cmd_validate,
                     "Check the ontology and data against the SHACL shapes.",
                     "innograph validate my-extra-data.ttl")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="extra RDF files to validate with the packaged data (the same as "
                   "--data FILE)")


def cmd_validate(args: argparse.Namespace) -> int:
    with open_graph(args, *args.files) as kg:
        report = kg.validate()
    out(report.text())
    return EXIT_OK if report.conforms else EXIT_FAILED


# ---------------------------------------------------------------------------- find, entity


def add_find(commands: Commands) -> None:
    p = commands.add("find", cmd_find, "Find entities by any name or spelling.",
                     "innograph find Svinesundskomitténs")
    p.add_argument("text", help="a name, part of a name, or a spelling")


def cmd_find(args: argparse.Namespace) -> int:
    from rdflib import URIRef

    from ..results import short

    with open_graph(args) as kg:
        hits = kg.find(args.text)
        close = [] if hits else kg.index.suggest(args.text)
    if not hits:
        mean = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(
            f"nothing is named like {args.text!r}.{mean} Try a shorter part of the name."
        )
    for m in hits:
        how = "" if m.label == m.matched else f"  (as {m.matched!r})"
        out(f"{short(URIRef(m.iri))}  {m.label}{how}")
    return EXIT_OK


def add_entity(commands: Commands) -> None:
    p = commands.add("entity", cmd_entity, "Show everything about one entity, with evidence.",
                     'innograph entity "Jon-Vidar Knold"')
    p.add_argument("name", help="an IRI, a prefixed name (person:unni-skar) or a name")


def cmd_entity(args: argparse.Namespace) -> int:
    with open_graph(args) as kg:
        text = entity_text(kg.entity(args.name))
    out(text)
    return EXIT_OK


# ---------------------------------------------------------------------------- export


def add_export(commands: Commands) -> None:
    from ..kg import EXPORT_FORMATS, EXPORT_SUFFIXES

    suffixes = ", ".join(f"{s} {f}" for s, f in sorted(EXPORT_SUFFIXES.items()))
    p = commands.add("export", cmd_export, "Write the ontology and data as RDF.",
                     "innograph export -o innograph.nq")
    p.add_argument("--format", "-f", default=None, choices=EXPORT_FORMATS,
                   help=f"default: from the extension of --output ({suffixes}); turtle on "
                   "stdout; a format that contradicts the extension is refused")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")


def cmd_export(args: argparse.Namespace) -> int:
    from ..kg import EXPORT_SUFFIXES

    if args.output not in (None, "-"):
        refuse_folder(Path(args.output))
    with open_graph(args) as kg:
        if args.output in (None, "-"):
            out(kg.serialize(args.format or "turtle"))
            return EXIT_OK
        path = kg.export(args.output, args.format)
    fmt = args.format or EXPORT_SUFFIXES[path.suffix.lower()]
    err(f"Wrote {path} ({fmt}).")
    return EXIT_OK
