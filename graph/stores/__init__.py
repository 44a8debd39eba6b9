"""The stores behind one small interface: load, query, update, quads, close.

:mod:`~graph.stores.base`
    The :class:`Store` protocol, :class:`QueryResult` and :func:`open_store`.
:mod:`~graph.stores.loading`
    Loading RDF files by content (:func:`load_files`).
:mod:`~graph.stores.memory`
    ``memory``: rdflib's in-memory dataset.
:mod:`~graph.stores.oxigraph`
    ``oxigraph`` and ``oxigraph:PATH``: embedded Oxigraph, in memory or on disk.
:mod:`~graph.stores.sparql`
    ``sparql:URL``: any SPARQL 1.1 Protocol and Graph Store Protocol server.
:mod:`~graph.stores.terms`
    Terms and results between pyoxigraph and rdflib.
:mod:`~graph.stores.checks`
    Checks of query text, bindings and IRIs shared by every store.

Examples
--------
>>> from graph.stores import load_files, open_store
>>> from graph import resources
>>> st = open_store("memory")
>>> load_files(st, resources.default_files()).added == len(st)
True
"""

from .base import DEFAULT_STORE, STORE_ENV, QueryResult, Store, open_store, text_rows
from .checks import check_bindings, check_iri
from .loading import (
    FORMATS,
    LOADS_GRAPH,
    LoadProgress,
    LoadReport,
    Progress,
    RdfFile,
    format_for,
    load_files,
    rdf_file,
)
from .memory import MemoryStore
from .oxigraph import OxigraphStore
from .sparql import SparqlStore
from .terms import XSD, ox_format, term_converter, to_oxigraph, to_rdflib

__all__ = [
    "DEFAULT_STORE",
    "FORMATS",
    "LOADS_GRAPH",
    "STORE_ENV",
    "XSD",
    "LoadProgress",
    "LoadReport",
    "MemoryStore",
    "OxigraphStore",
    "Progress",
    "QueryResult",
    "RdfFile",
    "SparqlStore",
    "Store",
    "check_bindings",
    "check_iri",
    "format_for",
    "load_files",
    "open_store",
    "ox_format",
    "rdf_file",
    "term_converter",
    "text_rows",
    "to_oxigraph",
    "to_rdflib",
]
