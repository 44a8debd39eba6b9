"""The ``memory`` store: rdflib's in-memory dataset.

Slow on large data, but it needs nothing beyond rdflib. Its answers are those of the Oxigraph
store: the default graph of a query that names no dataset is the union of all graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import GraphError, ParseError, StoreError
from .base import QueryResult
from .checks import check_bindings, check_query, query_error, take, unprojected
from .loading import FileLoading, Progress, RdfFile, Reader, parse_error, reading
from .terms import graph_result, ox_format, term_converter

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = ["MemoryStore"]

_RDFLIB_FORMATS = {"jsonld": "json-ld", "ntriples": "nt"}


def _bag_dataset() -> Any:
    """An rdflib dataset whose union default graph is a bag, as Oxigraph's is.

    rdflib's union matches a triple stated in two graphs once; Oxigraph (and SPARQL servers
    such as Virtuoso) match it once per graph. Queries over the default graph give the same
    rows on every store when the union here yields a triple once for each graph that holds it.
    """
    from rdflib import Dataset
    from rdflib.paths import Path as PropertyPath

    class BagUnionDataset(Dataset):
        def triples(self, triple_or_quad: Any, context: Any = None) -> Any:
            if (context is None and len(triple_or_quad) == 3
                    and not isinstance(triple_or_quad[1], PropertyPath)):
                for triple, graphs in self.store.triples(triple_or_quad, context=None):
                    for _ in graphs:
                        yield triple
                return
            yield from super().triples(triple_or_quad, context)

    return BagUnionDataset(default_union=True)


def _grouped(algebra: Any) -> bool:
    """Whether a query's algebra holds a GROUP BY."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(algebra, CompValue):
        if algebra.name == "Group" and algebra.get("expr") is not None:
            return True
        return any(_grouped(v) for v in algebra.values())
    if isinstance(algebra, list | tuple):
        return any(_grouped(v) for v in algebra)
    return False


def _solutions(result: Any, names: list[str], grouped: bool) -> Iterator[tuple[Any, ...]]:
    """The rows of an rdflib SELECT result, rows with every variable unbound included (rdflib's
    own iteration drops them, although they are solutions).

    rdflib answers a GROUP BY over no solutions with one empty solution where SPARQL has no
    group at all; that lone empty solution is left out (as rdflib's own iteration does).
    """
    from rdflib import Variable

    variables = [Variable(n) for n in names]
    pending = getattr(result, "_genbindings", None)
    solutions = iter(pending if pending is not None else result.bindings)
    if grouped:
        first = next(solutions, None)
        if first is None:
            return
        second = next(solutions, None)
        if second is None and not first:
            return
        yield tuple(first.get(v) for v in variables)
        if second is None:
            return
        yield tuple(second.get(v) for v in variables)
    for solution in solutions:
        yield tuple(solution.get(v) for v in variables)


class MemoryStore(FileLoading):
    """rdflib's in-memory dataset; queries see the union of all graphs (a bag, as Oxigraph's)."""

    name = "memory"

    def __init__(self) -> None:
        self.ds = _bag_dataset()
        self._digests: set[str] = set()

    def loaded_digests(self) -> set[str]:
        return set(self._digests)

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        from rdflib import Dataset

        from ..inputs import check_jsonld

        parsed = []
        for f, reader in reading(files, progress):
            scratch = Dataset()
            try:
                if f.fmt in ("ntriples", "nquads"):
                    _parse_with_oxigraph(scratch, reader, f.fmt)
                else:
                    if f.fmt == "jsonld":
                        check_jsonld(f.path)  # no context fetched from the network or disk
                    scratch.parse(source=reader.buffered(),
                                  format=_RDFLIB_FORMATS.get(f.fmt, f.fmt),
                                  publicID=f.path.resolve().as_uri())
            except ParseError:
                raise
            except (Exception, MemoryError) as exc:  # rdflib's parsers raise many kinds
                raise parse_error(f.path, exc) from None
            parsed.append((f, reader, scratch))
        counts = []
        for f, reader, scratch in parsed:
            before = len(self)
            default = scratch.default_graph.identifier
            for s, p, o, g in scratch.quads((None, None, None, None)):
                gid = getattr(g, "identifier", g)
                target = self.ds.default_graph if gid == default else self.ds.graph(gid)
                target.add((s, p, o))
            counts.append(len(self) - before)
            self._digests.add(f.digest)
            reader.report(f.size, counts[-1], True)
        return counts

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:
        import rdflib.plugins.sparql as rdflib_sparql
        from rdflib.plugins.sparql import prepareQuery

        # rdflib fetches a FROM graph it does not hold from the web: never (a query must not
        # make the process request any URL)
        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        check_query(sparql)
        try:
            prepared = prepareQuery(sparql)
        except Exception as exc:
            raise query_error(exc, sparql) from None
        check_bindings(bindings)
        try:
            result = self.ds.query(prepared, initBindings=dict(bindings or {}))
            if result.type == "SELECT":
                names = [str(v) for v in result.vars or []]
                missing = [k for k in bindings or {} if k not in names]
                if missing:
                    raise unprojected(missing)
                solutions = _solutions(result, names, _grouped(prepared.algebra))
                rows, more = take(solutions, max_rows, cancel)
                return QueryResult("SELECT", names, list(rows), truncated=more[0])
            if result.type == "ASK":
                return QueryResult("ASK", boolean=bool(result.askAnswer))
            return graph_result(result.graph if result.graph is not None else (), max_rows,
                                 cancel)
        except GraphError:
            raise
        except (Exception, MemoryError) as exc:  # evaluation: a SERVICE call, a bad value
            raise StoreError(
                f"the query failed in the memory store ({type(exc).__name__}): "
                f"{str(exc) or 'no message'}"
            ) from None

    def update(self, sparql: str) -> None:
        check_query(sparql)
        try:
            _update(self.ds, sparql)
        except Exception as exc:
            raise query_error(exc, sparql) from None

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        default = self.ds.default_graph.identifier
        for s, p, o, g in self.ds.quads((None, None, None, None)):
            gid = getattr(g, "identifier", g)
            yield s, p, o, (None if gid == default else gid)

    def __len__(self) -> int:
        return sum(1 for _ in self.ds.quads((None, None, None, None)))

    def close(self) -> None:
        self.ds.close()


def _update(ds: Any, sparql: str) -> None:
    """Run a SPARQL update on an rdflib dataset, one operation after the other.

    Two things rdflib gets wrong are put right here. An update's default graph is the store's
    own default graph (rdflib would hand the operations the union of the graphs, and then
    fail on a triple added to it with no graph). And ``DELETE WHERE { GRAPH ?g { … } }``
    runs as the ``DELETE { P } WHERE { P }`` it abbreviates (rdflib looks for a graph named
    ``?g`` and deletes nothing).
    """
    from rdflib.plugins.sparql import algebra, parser
    from rdflib.plugins.sparql import update as operations
    from rdflib.plugins.sparql.sparql import QueryContext
    from rdflib.term import Variable

    run = {
        "Load": operations.evalLoad, "Clear": operations.evalClear,
        "Drop": operations.evalDrop, "Create": operations.evalCreate,
        "Add": operations.evalAdd, "Move": operations.evalMove, "Copy": operations.evalCopy,
        "InsertData": operations.evalInsertData, "DeleteData": operations.evalDeleteData,
        "DeleteWhere": operations.evalDeleteWhere, "Modify": operations.evalModify,
    }
    for op in algebra.translateUpdate(parser.parseUpdate(sparql)).algebra:
        if op.name == "DeleteWhere" and any(isinstance(g, Variable) for g in op.quads or {}):
            pattern = _quad_pattern(op.triples or [], op.quads or {})
            modify = f"DELETE {{ {pattern} }} WHERE {{ {pattern} }}"
            op = algebra.translateUpdate(parser.parseUpdate(modify)).algebra[0]
        ctx = QueryContext(ds, initBindings={})
        ctx.graph = ds.default_graph
        ctx.prologue = op.prologue
        try:
            run[op.name](ctx, op)
        except Exception:
            if not op.silent:
                raise


def _quad_pattern(triples: Any, quads: Mapping[Any, Any]) -> str:
    """The text of a quad pattern of rdflib terms (variables, IRIs and literals)."""
    def block(triples: Any) -> str:
        return " ".join(" ".join(term.n3() for term in triple) + " ." for triple in triples)

    graphs = " ".join(f"GRAPH {g.n3()} {{ {block(t)} }}" for g, t in quads.items())
    return f"{block(triples)} {graphs}".strip()


def _parse_with_oxigraph(target: Any, reader: Reader, fmt: str) -> None:
    """Parse N-Triples or N-Quads with Oxigraph's parser (linear in the length of a literal,
    and every error with its line) into an rdflib dataset."""
    import pyoxigraph as ox

    convert = term_converter()
    default = target.default_graph
    graphs: dict[Any, Any] = {}
    for q in ox.parse(input=reader.buffered(), format=ox_format(fmt)):
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph):
            into = default
        else:
            into = graphs.get(g)
            if into is None:
                into = graphs[g] = target.graph(convert(g))
        into.add((convert(q.subject), convert(q.predicate), convert(q.object)))
