"""What a SPARQL request may reach beyond the store: ``SERVICE`` endpoints and ``LOAD`` sources.

A query with ``SERVICE <url>`` makes the store send a request to that URL, and an update with
``LOAD <url>`` fetches it. On a server, either lets any client make the server reach other
machines (request forgery), so the server refuses both unless the operator allowed the URL.

The scan reads the request as the SPARQL grammar does: keywords outside comments, strings and
IRIs; each ``SERVICE`` or ``LOAD`` must name its target as a full IRI in ``<...>`` that the
operator listed. A target given by a variable or a prefixed name is refused too. Code point
escapes (``\\u0053``) are decoded before the scan, so they cannot hide a keyword.

Examples
--------
>>> reached("SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }")
[('SERVICE', 'http://example.org/sparql')]
>>> reached('SELECT * WHERE { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>')
[]
>>> reached("LOAD <http://example.org/data.ttl> INTO GRAPH <http://g/>")
[('LOAD', 'http://example.org/data.ttl')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import InputError

__all__ = ["MAX_NESTING", "check_nesting", "check_reach", "reached"]

#: The deepest nesting of brackets a query may have (deeper ones overflow the parser's stack).
MAX_NESTING = 1000

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# comments, strings (long forms first), IRIs, and the two keywords with what follows them
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                   |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?<![\w:?$.-])(?P<kw>SERVICE|LOAD)(?![\w:.-])
    """,
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_AFTER = re.compile(r"(?:\s|\#[^\n\r]*)*(?:SILENT(?:\s|\#[^\n\r]*)+)?(<[^<>\"{}|^`\\\x00-\x20]*>)?",
                    re.IGNORECASE)


def _decode(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code < 0x110000 else m.group(0)

    return _ESCAPE.sub(one, text)


def reached(sparql: str) -> list[tuple[str, str | None]]:
    """The ``SERVICE`` and ``LOAD`` targets of a query or update: (keyword, IRI or None).

    None stands for a target that is not a full IRI (a variable or a prefixed name).
    """
    text = _decode(sparql)
    out: list[tuple[str, str | None]] = []
    for m in _TOKEN.finditer(text):
        if m.group("kw"):
            after = _AFTER.match(text, m.end())
            iri = after.group(1) if after else None
            out.append((m.group("kw").upper(), iri[1:-1] if iri else None))
    return out


def _allowed(iri: str, allowed: Iterable[str]) -> bool:
    for a in allowed:
        if a.endswith("*"):
            if iri.startswith(a[:-1]):
                return True
        elif iri == a:
            return True
    return False


def check_reach(sparql: str, services: Iterable[str] = (), loads: Iterable[str] = ()) -> None:
    """Refuse a request whose ``SERVICE`` or ``LOAD`` targets the operator did not allow.

    ``services`` and ``loads`` list the allowed IRIs; one ending in ``*`` allows every IRI
    that starts with the rest.

    Examples
    --------
    >>> check_reach("SELECT * WHERE { SERVICE <http://a/sparql> { ?s ?p ?o } }",
    ...             services=["http://a/sparql"])
    >>> check_reach("SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: SERVICE with a variable or prefixed name is refused: this server queries no other endpoint unless its operator allows it (innograph serve --allow-service URL)
    """
    services, loads = list(services), list(loads)
    for keyword, iri in reached(sparql):
        allowed, option = (services, "--allow-service") if keyword == "SERVICE" else (
            loads, "--allow-load")
        what = "query no other endpoint" if keyword == "SERVICE" else "load no URL"
        if iri is None:
            raise InputError(
                f"{keyword} with a variable or prefixed name is refused: this server "
                f"{what.replace('query', 'queries').replace('load', 'loads')} unless its "
                f"operator allows it (innograph serve {option} URL)"
            )
        if not _allowed(iri, allowed):
            listed = ", ".join(allowed) if allowed else "none"
            raise InputError(
                f"{keyword} <{iri}> is refused: the operator allowed {listed}. Ask the operator "
                f"to start the server with {option} {iri}"
            )


_NEST = re.compile(
    r"""(?P<skip>\#[^\n\r]*
      | '\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<open>[({\[]) | (?P<close>[)}\]])""",
    re.VERBOSE | re.DOTALL,
)


def check_nesting(sparql: str, limit: int = MAX_NESTING) -> None:
    """Refuse a query nested deeper than ``limit`` brackets, before a parser recurses into it.

    Examples
    --------
    >>> check_nesting("SELECT * WHERE { { ?s ?p '{{{' } }")
    >>> check_nesting("SELECT * WHERE " + "{" * 2000)
    Traceback (most recent call last):
    ...
    graph.errors.QuerySyntaxError: the query nests brackets more than 1000 deep (at character 1016); flatten it
    """
    from .errors import QuerySyntaxError

    depth = 0
    for m in _NEST.finditer(sparql):
        if m.group("open"):
            depth += 1
            if depth > limit:
                raise QuerySyntaxError(f"the query nests brackets more than {limit} deep (at "
                                       f"character {m.start() + 1}); flatten it")
        elif m.group("close"):
            depth -= 1
