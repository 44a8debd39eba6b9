"""Terms and results between pyoxigraph and rdflib.

:func:`term_converter` turns pyoxigraph terms into rdflib terms fast; :func:`to_oxigraph` goes
the other way; :func:`ox_result` and :func:`graph_result` build a :class:`QueryResult`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..vocab import XSD as _XSD_NS
from .base import QueryResult
from .checks import take

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = [
    "XSD",
    "graph_result",
    "ox_format",
    "ox_result",
    "term_converter",
    "to_oxigraph",
    "to_rdflib",
]

XSD = str(_XSD_NS)
_XSD_STRING = XSD + "string"


class _LiteralMaker:
    """Makers of rdflib literals that skip rdflib's checks for values Oxigraph already checked.

    rdflib's ``Literal()`` re-validates and re-normalises every value (a typed literal takes
    several microseconds); a plain or language-tagged string, or a canonical integer, date or
    boolean, is just the string with its tag or datatype and its Python value. The makers check
    themselves against ``Literal()`` once, and fall back to it if an rdflib version ever builds
    literals differently.
    """

    #: Datatypes with a fast path: the canonical lexical form, and the Python value of it.
    TYPED: dict[str, tuple[re.Pattern[str], Callable[[str], Any]]] = {
        XSD + "integer": (re.compile(r"-?(0|[1-9][0-9]*)"), int),
        XSD + "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
                       lambda v: __import__("datetime").date.fromisoformat(v)),
        XSD + "boolean": (re.compile(r"true|false"), lambda v: v == "true"),
    }

    def __init__(self) -> None:
        from rdflib import Literal, URIRef

        self.Literal = Literal
        self.datatypes = {dt: URIRef(dt) for dt in self.TYPED}
        samples_s = (("Skår", None), ("Skår", "nb"), ("2018", "en-gb"))
        samples_t = (("42", XSD + "integer"), ("-7", XSD + "integer"),
                     ("2018-01-08", XSD + "date"), ("true", XSD + "boolean"))
        try:
            self.fast = all(self._same(self._string(v, lang), Literal(v, lang=lang))
                            for v, lang in samples_s) and all(
                self._same(self._typed(v, dt), Literal(v, datatype=URIRef(dt)))
                for v, dt in samples_t)
        except (AttributeError, TypeError, ValueError):  # pragma: no cover
            self.fast = False

    @staticmethod
    def _same(a: Any, b: Any) -> bool:
        return (a == b and hash(a) == hash(b) and a.value == b.value and a.ill_typed ==
                b.ill_typed and a.language == b.language and a.datatype == b.datatype
                and repr(a) == repr(b))

    def _string(self, value: str, lang: str | None) -> Any:
        inst = str.__new__(self.Literal, value)
        inst._language, inst._datatype, inst._value, inst._ill_typed = lang, None, value, None
        return inst

    def _typed(self, value: str, dt: str) -> Any:
        pattern, to_python = self.TYPED[dt]
        if not pattern.fullmatch(value):
            return self.Literal(value, datatype=self.datatypes[dt])
        inst = str.__new__(self.Literal, value)
        inst._language, inst._datatype = None, self.datatypes[dt]
        inst._value, inst._ill_typed = to_python(value), False
        return inst

    def typed(self, value: str, dt: str) -> Any | None:
        """A literal of a datatype in :attr:`TYPED`, or None for other datatypes."""
        if not self.fast or dt not in self.TYPED:
            return None
        return self._typed(value, dt)


_MAKER: list[_LiteralMaker] = []


def term_converter() -> Callable[[Any], Node | None]:
    """A function that converts pyoxigraph terms to rdflib terms, remembering what it made.

    Query results repeat terms (a name, a date, a class on many rows); each distinct term is
    converted once. rdflib's constructors are slow next to Oxigraph (a typed literal takes
    microseconds), so this is what keeps large results close to raw pyoxigraph speed.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> convert = term_converter()
    >>> convert(ox.Literal("Unni Skår", language="nb"))
    rdflib.term.Literal('Unni Skår', lang='nb')
    >>> convert(ox.Literal("2018-01-08", datatype=ox.NamedNode(XSD + "date")))
    rdflib.term.Literal('2018-01-08', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> convert(ox.NamedNode("https://schema.org/name"))
    rdflib.term.URIRef('https://schema.org/name')
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if not _MAKER:
        _MAKER.append(_LiteralMaker())
    maker = _MAKER[0]
    typed = maker.typed
    cache: dict[Any, Any] = {}
    datatypes: dict[str, URIRef] = {}
    named, literal, blank = ox.NamedNode, ox.Literal, ox.BlankNode
    new = str.__new__  # an IRI from Oxigraph is valid: skip rdflib's check
    fast = maker.fast

    def string(value: str, lang: str | None) -> Any:
        if not fast:  # pragma: no cover - another rdflib layout
            return Literal(value, lang=lang)
        inst = new(Literal, value)
        inst._language = lang
        inst._datatype = None
        inst._value = value
        inst._ill_typed = None
        return inst

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        out = cache.get(term)
        if out is not None:
            return out
        kind = type(term)
        if kind is named:
            out = new(URIRef, term.value)
        elif kind is literal:
            lang = term.language
            if lang:
                out = string(term.value, lang)
            else:
                dt = term.datatype.value
                if dt == _XSD_STRING:
                    out = string(term.value, None)
                else:
                    out = typed(term.value, dt)
                    if out is None:
                        dtype = datatypes.get(dt)
                        if dtype is None:
                            dtype = datatypes[dt] = URIRef(dt)
                        out = Literal(term.value, datatype=dtype)
        elif kind is blank:
            out = BNode(term.value)
        elif isinstance(term, ox.DefaultGraph):
            return None
        else:
            raise StoreError(f"unsupported RDF term from Oxigraph: {term!r}")
        if len(cache) < 1_000_000:
            cache[term] = out
        return out

    return convert


def to_rdflib(term: Any) -> Node | None:
    """Convert a pyoxigraph term to the rdflib term with the same meaning."""
    return term_converter()(term)


def to_oxigraph(term: Node) -> Any:
    """Convert an rdflib term (or a plain Python value) to a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if not isinstance(term, Literal):
        term = Literal(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


_OX_FORMATS = {
    "turtle": "TURTLE",
    "trig": "TRIG",
    "ntriples": "N_TRIPLES",
    "nquads": "N_QUADS",
    "jsonld": "JSON_LD",
    "xml": "RDF_XML",
}


def ox_format(fmt: str) -> Any:
    """The pyoxigraph RdfFormat of one of our format names."""
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, _OX_FORMATS[fmt])



def graph_result(triples: Iterable[Any], max_rows: int | None,
                  cancel: Callable[[], bool] | None,
                  convert: Callable[[Any], Any] | None = None) -> QueryResult:
    from rdflib import Graph

    g = Graph()
    rows, more = take(triples, max_rows, cancel)
    if convert is None:
        for t in rows:
            g.add(t)
    else:
        for t in rows:
            g.add((convert(t.subject), convert(t.predicate), convert(t.object)))
    return QueryResult("CONSTRUCT", graph=g, truncated=more[0])



def ox_result(result: Any, max_rows: int | None = None,
              cancel: Callable[[], bool] | None = None) -> QueryResult:
    """A :class:`QueryResult` from pyoxigraph query results (solutions, boolean or triples)."""
    import pyoxigraph as ox

    convert = term_converter()
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows, more = take(result, max_rows, cancel)
        try:
            out = [tuple(map(convert, sol)) for sol in rows]
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the query failed in Oxigraph: {exc}") from None
        return QueryResult("SELECT", names, out, truncated=more[0])
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(result))
    return graph_result(result, max_rows, cancel, convert)
