"""The errors that innograph raises.

Every error is a :class:`GraphError`; catch that one to handle them all. The tree::

    GraphError
    ├── InputError             bad input from a user: a file, an option, a name
    │   ├── ParseError         an RDF or TOML file that does not parse (file and line)
    │   ├── QuerySyntaxError   a SPARQL query that does not parse (line and column)
    │   ├── NotFoundError      no entity, named query, view or file by that name
    │   └── SourceError        a source text that does not match its claims (offsets, digest)
    ├── ValidationError        the data do not conform to the SHACL shapes
    └── StoreError             a store that cannot be opened, loaded or reached

Each message says what is wrong, where, and how to fix it.
"""

from __future__ import annotations


class GraphError(Exception):
    """The root of every error that innograph raises."""


class InputError(GraphError):
    """Bad input from a user: a file, an option or a name."""


class ParseError(InputError):
    """An RDF or TOML file that does not parse.

    Attributes
    ----------
    path : str
        The file that failed.
    line : int or None
        The 1-based line of the error, when the parser reports it.
    """

    def __init__(self, message: str, path: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class QuerySyntaxError(InputError):
    """A SPARQL query that does not parse.

    Attributes
    ----------
    line, column : int or None
        The 1-based position of the error in the query text, when known.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class NotFoundError(InputError):
    """No entity, named query, view or file by that name."""


class SourceError(InputError):
    """A source text that does not match its claims: a phrase not found, a wrong digest."""


class ValidationError(GraphError):
    """The data do not conform to the SHACL shapes.

    Attributes
    ----------
    report : graph.validate.Report
        The full validation report.
    """

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(GraphError):
    """A store that cannot be opened, loaded or reached."""
