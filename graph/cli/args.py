"""What the arguments of a command name: the data to load, the graph to open, a query's text,
a file to write."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import InputError, NotFoundError, QuerySyntaxError

__all__ = ["data_paths", "in_file", "open_graph", "query_file", "query_text", "refuse_folder"]


def data_paths(args: argparse.Namespace) -> list[str]:
    """The data files and folders: ``$INNOGRAPH_DATA``, then ``--data`` before and after the
    command."""
    import os

    env = [p for p in os.environ.get("INNOGRAPH_DATA", "").split(os.pathsep) if p]
    return [*env, *(getattr(args, "global_data", None) or []), *(getattr(args, "data", []) or [])]


def open_graph(args: argparse.Namespace, *files: str) -> Any:
    """The knowledge graph of the packaged data, the data paths and ``files``, in ``--store``."""
    from ..kg import load

    return load(*data_paths(args), *files, store=args.store)


def query_file(text: str) -> Path | None:
    """The file that :func:`query_text` reads the query ``text`` names from, or None.

    Examples
    --------
    >>> query_file("my-query.rq"), query_file("seminar-topics")
    (PosixPath('my-query.rq'), None)
    """
    if text.endswith(".rq") or (len(text) < 256 and "\n" not in text and Path(text).is_file()):
        return Path(text)
    return None


def in_file(path: Path | None, exc: QuerySyntaxError) -> QuerySyntaxError:
    """``exc`` with the name of the query file it is in, when the query came from one.

    Examples
    --------
    >>> print(in_file(Path("q.rq"), QuerySyntaxError("SPARQL syntax error at line 2", 2, 1)))
    q.rq: SPARQL syntax error at line 2
    """
    if path is None:
        return exc
    return QuerySyntaxError(f"{path}: {exc}", exc.line, exc.column)


def query_text(text: str) -> str:
    """The SPARQL text of a named query, a ``.rq`` file or the query itself."""
    from ..kg import KnowledgeGraph

    path = query_file(text)
    if path is not None:
        if not path.is_file():
            raise InputError(f"{text}: no such query file")
        return path.read_text(encoding="utf-8")
    if text in KnowledgeGraph.named_queries():
        return KnowledgeGraph.named_query_text(text)
    lead = text.lstrip().split(None, 1)[0].upper() if text.strip() else ""
    keywords = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")
    if lead not in keywords and not text.lstrip().startswith("#"):
        raise NotFoundError(
            f"{text!r} is not a named query, a .rq file or a SPARQL query; "
            f"{KnowledgeGraph.suggest_query(text)}"
        )
    return text


def refuse_folder(path: Path) -> None:
    """Refuse an output path that is a folder."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; -o takes the file to write")
