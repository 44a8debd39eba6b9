"""The review page: our template, CSS and JS joined into one self-contained HTML page.

The draft's state, the source text and the token sit in a ``<script type="application/json">``
block, so no value ever reaches the page as markup; the script shows every text with
``textContent``. The Content Security Policy lets only the page's own script and style (by hash)
run, and lets the page connect only to the server it came from.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..claims.format import EVENT_ROLES, ORG_KINDS
from ..render.page import json_for_script
from .draft import EDITABLE

__all__ = ["KIND_NAMES", "render_review_page"]

HERE = Path(__file__).parent
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)
_STYLE_END = re.compile(r"</(style)", re.IGNORECASE)

#: Each record kind: the group it is listed in, and its text marker in the source text.
KIND_NAMES: dict[str, dict[str, str]] = {
    "person": {"group": "People", "one": "person", "mark": "P"},
    "organisation": {"group": "Organisations", "one": "organisation", "mark": "O"},
    "post": {"group": "Posts", "one": "post", "mark": "Po"},
    "event": {"group": "Events and roles", "one": "event", "mark": "E"},
    "participation": {"group": "Events and roles", "one": "role at an event", "mark": "R"},
    "quotation": {"group": "Quotations", "one": "quotation", "mark": "Q"},
    "claim": {"group": "Other facts", "one": "fact", "mark": "F"},
}


@cache
def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_review_page(state: dict[str, Any], text: str, token: str) -> tuple[str, str]:
    """The review page's HTML and its Content Security Policy (for the response header).

    The page carries the policy in a ``<meta>`` element too, less ``frame-ancestors``, which
    only the header can give.

    Examples
    --------
    >>> state = {"source": {"id": "demo", "title": "<b>A & B</b>", "language": "nb"},
    ...          "records": [], "version": "0", "file": "demo.claims.toml", "curator": "Ola"}
    >>> page, csp = render_review_page(state, "<script>alert(1)</script>", "t0k")
    >>> "<script>alert(1)" in page, "<b>A" in page, "&lt;b&gt;A &amp; B&lt;/b&gt;" in page
    (False, False, True)
    >>> "connect-src 'self'" in csp, "'unsafe-inline'" in csp
    (True, False)
    """
    script = _SCRIPT_END.sub(r"<\\/\1", _asset("review.js")).replace("<!--", "<\\!--")
    style = _STYLE_END.sub(r"<\\/\1", _asset("review.css"))
    csp = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; "
        "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    source = state.get("source", {})
    title = source.get("title") or source.get("id") or "draft"
    data = {
        "state": state,
        "text": text,
        "token": token,
        "kinds": KIND_NAMES,
        "kind_order": list(KIND_NAMES),
        "editable": {k: list(v) for k, v in EDITABLE.items()},
        "org_kinds": list(ORG_KINDS),
        "event_roles": list(EVENT_ROLES),
    }
    values = {
        "title": html.escape(str(title), quote=True),
        "lang": html.escape(str(source.get("language") or ""), quote=True),
        "csp": html.escape(csp, quote=True),
        "style": style,
        "data": json_for_script(data),
        "script": script,
    }
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("review.html"))
    return page, csp + "; frame-ancestors 'none'"
