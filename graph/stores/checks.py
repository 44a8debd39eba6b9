r"""Checks shared by every store: query text, bindings and IRIs, and how errors read.

Examples
--------
>>> printable("a\nb")
'a\\nb'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ..errors import InputError, QuerySyntaxError, StoreError

__all__ = [
    "cancelled",
    "check_bindings",
    "check_iri",
    "check_query",
    "check_text",
    "printable",
    "query_error",
    "take",
    "unprojected",
]

_POSITION = re.compile(r"(?:line|at) (\d+)(?::| column )(\d+)")


def query_error(exc: Exception | str, sparql: str) -> QuerySyntaxError:
    text = str(exc)
    line = column = None
    m = _POSITION.search(text)
    if m:
        line, column = int(m.group(1)), int(m.group(2))
    else:
        lineno = getattr(exc, "lineno", None)
        col = getattr(exc, "col", None) or getattr(exc, "column", None)
        if isinstance(lineno, int) and isinstance(col, int):
            line, column = lineno, col
    msg = re.sub(r"^error at \d+:\d+: ", "", getattr(exc, "msg", None) or text)
    message = f"SPARQL syntax error: {msg}"
    if line is not None and column is not None:
        lines = sparql.splitlines() or [""]
        shown = lines[line - 1] if 0 < line <= len(lines) else ""
        message = (
            f"SPARQL syntax error at line {line}, column {column}: {msg}\n"
            f"    {shown}\n    {' ' * max(column - 1, 0)}^"
        )
    return QuerySyntaxError(message, line, column)


_VARNAME = re.compile(r"[A-Za-z_0-9\u00b7\u00c0-\ufffd][A-Za-z_0-9\u00b7\u00c0-\ufffd]*")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def printable(text: str, limit: int = 80) -> str:
    """A value to show in a message: control characters escaped, long values cut."""
    shown = text.encode("unicode_escape", "backslashreplace").decode("ascii") if any(
        ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) < 0xE000 for c in text
    ) else text
    return shown if len(shown) <= limit else shown[:limit] + "…"


def check_text(text: str, what: str = "the query") -> None:
    """Refuse text that is not valid Unicode (a lone surrogate cannot be encoded)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{what} holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at character "
            f"{exc.start + 1}: it is not valid Unicode text; fix how it was produced"
        ) from None


def check_query(sparql: str, what: str = "the query") -> None:
    """Refuse query text that is not Unicode, or nested so deep that a parser would crash."""
    from ..guard import check_nesting

    check_text(sparql, what)
    check_nesting(sparql)


def check_iri(iri: str, what: str = "bind") -> None:
    """Refuse an IRI that no store can hold: empty, relative, or with forbidden characters.

    Examples
    --------
    >>> check_iri("https://schema.org/name")
    >>> check_iri("")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: cannot bind <>: an IRI must be absolute (start with a scheme such as https:)
    """
    check_text(iri, f"the IRI <{printable(iri)}>")
    if _BAD_IRI.search(iri):
        raise InputError(
            f"cannot {what} <{printable(iri)}>: an IRI may not hold spaces, quotes, braces, "
            "angle brackets, backslashes or control characters"
        )
    if not _SCHEME.match(iri):
        raise InputError(
            f"cannot {what} <{printable(iri)}>: an IRI must be absolute (start with a scheme "
            "such as https:)"
        )


def check_bindings(bindings: Mapping[str, Any] | None) -> None:
    """Refuse bindings that no store can take: bad variable names, IRIs or text."""
    from rdflib import Literal, URIRef

    for name, value in (bindings or {}).items():
        if not isinstance(name, str) or not _VARNAME.fullmatch(name):
            raise InputError(f"cannot bind {printable(str(name))!r}: not a SPARQL variable "
                             "name (letters, digits and _)")
        if isinstance(value, URIRef):
            check_iri(str(value))
        elif isinstance(value, Literal):
            check_text(str(value), f"the value bound to ?{name}")
            if value.datatype is not None:
                check_iri(str(value.datatype))


def unprojected(names: list[str]) -> InputError:
    listed = ", ".join(f"?{k}" for k in names)
    return InputError(
        f"cannot bind {listed}: a bound variable must be in the query's SELECT clause "
        "(list it after SELECT, or use SELECT *)"
    )


def cancelled() -> StoreError:
    return StoreError("the query was stopped: it ran over its time limit")


def take(rows: Iterable[Any], max_rows: int | None,
          cancel: Callable[[], bool] | None) -> tuple[Iterator[Any], list[bool]]:
    """Rows up to ``max_rows``, polling ``cancel``; the flag list says whether more were left."""
    more = [False]

    def gen() -> Iterator[Any]:
        for n, row in enumerate(rows):
            if max_rows is not None and n >= max_rows:
                more[0] = True
                return
            if cancel is not None and cancel():
                raise cancelled()
            yield row

    if max_rows is None and cancel is None:
        return iter(rows), more
    return gen(), more

