"""The server's HTML pages: the query page at ``/`` and the explorer at ``/explorer``."""

from __future__ import annotations

import html
import urllib.parse
from typing import TYPE_CHECKING, Any

from ..errors import GraphError, InputError
from .answers import html_result
from .protocol import Refused

if TYPE_CHECKING:  # pragma: no cover
    from .app import SparqlServer

__all__ = ["PAGE_POLICY", "explorer_page", "query_page"]

#: The Content-Security-Policy of the query page: no script, forms only to this server.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"


def query_page(app: SparqlServer, params: dict[str, list[str]]) -> str:
    """The query page: a form, the named queries, and the answer to ``query`` or ``name``."""
    kg = app.kg
    names = kg.named_queries()
    name = (params.get("name") or [""])[0]
    query = (params.get("query") or [""])[0]
    answer = ""
    if name and not query:
        if name in names:
            query = kg.named_query_text(name)
        else:
            answer = (f'<p class="error">There is no named query {html.escape(name)!r}; '
                      "choose one of the links above.</p>")
    if query:
        cap = app.max_results
        store = kg.store
        try:
            answer = app.run(lambda: html_result(
                store.query(query, max_rows=cap), cap, app.max_bytes))
        except Refused as exc:
            answer = f'<p class="error">{html.escape(str(exc))}</p>'
        except GraphError as exc:
            answer = f'<pre class="error">{html.escape(str(exc))}</pre>'
    links = " ".join(
        f'<a href="/?name={urllib.parse.quote(n)}" title="{html.escape(q)}">{html.escape(n)}</a>'
        for n, q in names.items()
    )
    return _PAGE.format(query=html.escape(query or _EXAMPLE), links=links, answer=answer)


def explorer_page(app: SparqlServer, params: dict[str, list[str]]) -> str:
    """The explorer page for ``view``, ``focus`` and ``depth``."""
    from http import HTTPStatus

    render = getattr(app.kg, "render_html", None)
    if render is None:
        raise Refused(HTTPStatus.NOT_IMPLEMENTED,
                      "the explorer is not part of this installation "
                      "(KnowledgeGraph.render_html is missing); use /sparql or /")
    view = (params.get("view") or ["actors"])[0]
    options: dict[str, Any] = {}
    if params.get("focus"):
        options["focus"] = params["focus"][0]
    if params.get("depth"):
        try:
            options["depth"] = int(params["depth"][0])
        except ValueError:
            raise InputError("depth must be a whole number") from None
        if not 0 <= options["depth"] <= 10:
            raise InputError("depth must be from 0 to 10")
    return str(app.run(lambda: str(render(view, **options))))


_EXAMPLE = """PREFIX schema: <https://schema.org/>
SELECT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>innograph SPARQL</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 70rem; color: #222; }}
textarea {{ width: 100%; font-family: ui-monospace, monospace; font-size: 0.9rem; }}
table {{ border-collapse: collapse; margin-top: 0.5rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }}
th {{ background: #f2f2f2; }}
.error {{ color: #a00; white-space: pre-wrap; }}
nav a {{ margin-right: 0.6rem; }}
</style></head>
<body>
<h1>innograph SPARQL</h1>
<p>The SPARQL 1.1 endpoint is <code>/sparql</code> (GET or POST; JSON, XML, CSV, TSV, Turtle,
N-Triples, JSON-LD by <code>Accept</code>). The explorer is at <a href="/explorer">/explorer</a>.</p>
<nav>Named queries: {links}</nav>
<form method="get" action="/">
<p><label for="query">Query</label></p>
<textarea id="query" name="query" rows="14">{query}</textarea>
<p><button type="submit">Run</button></p>
</form>
{answer}
</body></html>
"""
