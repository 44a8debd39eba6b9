"""innograph: a knowledge graph of regional innovation actors.

People, their posts, organisations and their units, events, places and topics, each fact
traceable to its source. Start with :func:`load`::

    >>> import graph
    >>> kg = graph.load()
    >>> [m.label for m in kg.find("Skår")]
    ['Unni Skår']
"""

from .errors import (
    GraphError,
    InputError,
    NotFoundError,
    ParseError,
    QuerySyntaxError,
    SourceError,
    StoreError,
    ValidationError,
)
from .kg import Entity, Evidence, KnowledgeGraph, Relation, load
from .search import Match, fold
from .stores import QueryResult, open_store
from .validate import Report, Violation

__version__ = "0.1.0"

__all__ = [
    "Entity",
    "Evidence",
    "GraphError",
    "InputError",
    "KnowledgeGraph",
    "Match",
    "NotFoundError",
    "ParseError",
    "QueryResult",
    "QuerySyntaxError",
    "Relation",
    "Report",
    "SourceError",
    "StoreError",
    "ValidationError",
    "Violation",
    "fold",
    "load",
    "open_store",
]
