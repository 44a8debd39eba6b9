"""Checks on RDF files received from others, before a parser reads them.

A parser must not be made to expand a small file into gigabytes, nor to read the network or
other files while it parses:

- RDF/XML: entity declarations are allowed only in a harmless form (a short text without
  references to other entities, no parameter or external entities), and the text they expand
  to in all is bounded, so nested entities ("billion laughs") are refused before any parser
  sees them, on every store;
- JSON-LD: a ``@context`` (or ``@import``) that names a document is refused, since resolving it
  means fetching a URL or reading a file; contexts must be given inline.

Each refusal is a :class:`~graph.errors.ParseError` that names the file and the line.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> lol = folder / "lol.rdf"
>>> _ = lol.write_text('<?xml version="1.0"?><!DOCTYPE r [\\n<!ENTITY a "ha">\\n'
...                    '<!ENTITY b "&a;&a;">]><r>&b;</r>')
>>> check_xml(lol)
Traceback (most recent call last):
...
graph.errors.ParseError: ...lol.rdf:3: the entity 'b' refers to other entities; nested entities are refused (they can expand a small file into gigabytes). Write the text out in the file instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import ParseError

__all__ = ["MAX_ENTITY_TEXT", "MAX_EXPANSION", "TERM_LIMIT", "check_jsonld", "check_xml",
           "xml_error_line"]

#: The longest text an XML entity may stand for (characters).
MAX_ENTITY_TEXT = 1024
#: The most text that entity references in one RDF/XML file may expand to in all (characters).
MAX_EXPANSION = 8 << 20
#: The longest single term (a literal or an IRI) Oxigraph's parsers accept (bytes).
TERM_LIMIT = 16 << 20

_CHUNK = 1 << 20
_ENTITY = re.compile(rb"<!ENTITY\b", re.IGNORECASE)
_DECL = re.compile(
    rb"""<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s"'>]+)\s+
         (?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<ext>SYSTEM|PUBLIC)\b[^>]*)\s*>""",
    re.VERBOSE,
)
_REF = re.compile(rb"&([A-Za-z_:][\w:.-]*);")
_BUILTIN = {b"lt", b"gt", b"amp", b"quot", b"apos"}


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _refuse(path: Path, line: int | None, message: str) -> ParseError:
    where = f"{path}:{line}" if line else str(path)
    return ParseError(f"{where}: {message}", str(path), line)


def check_xml(path: str | Path) -> None:
    """Refuse an RDF/XML file whose entities could expand it far beyond its size."""
    path = Path(path)
    values: dict[bytes, int] = {}
    expansion = 0
    tail = b""
    lines_before = 0
    with path.open("rb") as f:
        first = True
        while chunk := f.read(_CHUNK):
            data = tail + chunk
            before = lines_before - tail.count(b"\n")  # lines that end before ``data``
            if first:
                first = False
                for m in _ENTITY.finditer(data):
                    decl = _DECL.match(data, m.start())
                    line = _line(data, m.start())
                    if decl is None:
                        raise _refuse(path, line, "an entity declaration this reader does not "
                                      "accept; write the text out in the file instead.")
                    name = decl.group("name").decode("utf-8", "replace")
                    text = decl.group("dq") if decl.group("dq") is not None else decl.group("sq")
                    if decl.group("param"):
                        raise _refuse(path, line, f"the parameter entity {name!r} is refused; "
                                      "write the declarations out in the file instead.")
                    if text is None:
                        raise _refuse(path, line, f"the external entity {name!r} is refused "
                                      "(it would read another file or the network); write its "
                                      "text out in the file instead.")
                    if b"&" in text or b"%" in text:
                        raise _refuse(path, line, f"the entity {name!r} refers to other "
                                      "entities; nested entities are refused (they can expand "
                                      "a small file into gigabytes). Write the text out in the "
                                      "file instead.")
                    if len(text) > MAX_ENTITY_TEXT:
                        raise _refuse(path, line, f"the entity {name!r} stands for "
                                      f"{len(text):,} bytes, more than {MAX_ENTITY_TEXT:,}; "
                                      "write the text out in the file instead.")
                    values[decl.group("name")] = len(text)
            elif (late := _ENTITY.search(data)) is not None:
                raise _refuse(path, before + _line(data, late.start()), "an entity declaration "
                              "after the start of the document is refused.")
            if values:
                for m in _REF.finditer(data):
                    size = values.get(m.group(1))
                    if size is None:
                        continue
                    expansion += size
                    if expansion > MAX_EXPANSION:
                        line = before + _line(data, m.start())
                        raise _refuse(path, line, "its entity references expand to more than "
                                      f"{MAX_EXPANSION >> 20} MB of text; write the text out in "
                                      "the file instead.")
            lines_before += chunk.count(b"\n")
            # keep an unfinished reference or declaration for the next chunk, counted once
            cut = max(data.rfind(b"&"), data.rfind(b"<"))
            tail = data[cut:] if cut >= 0 and len(data) - cut < 256 and b";" not in data[
                cut:] and b">" not in data[cut:] else b""


def xml_error_line(path: str | Path) -> tuple[int | None, str | None]:
    """The line (and message) of the first error in an XML or RDF/XML file, when one is found.

    Oxigraph's RDF/XML parser does not say where an error is; Python's expat (for XML) and
    rdflib's RDF/XML parser (for RDF) do. Run only after :func:`check_xml` accepted the file.
    """
    from xml.parsers import expat

    path = Path(path)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.ExternalEntityRefHandler = lambda *args: 1
    try:
        with path.open("rb") as f:
            parser.ParseFile(f)
    except expat.ExpatError as exc:
        return exc.lineno, expat.ErrorString(exc.code)
    try:
        from rdflib import Graph

        Graph().parse(path, format="xml")
    except Exception as exc:  # rdflib's RDF/XML parser raises several kinds
        m = re.search(r"line (\d+)|:(\d+):\d+:", str(exc))
        if m:
            return int(m.group(1) or m.group(2)), None
    return None, None


def _contexts(node: Any, found: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                for ctx in value if isinstance(value, list) else [value]:
                    if isinstance(ctx, str):
                        found.append(ctx)
                    elif isinstance(ctx, dict):
                        _contexts(ctx, found)
            else:
                _contexts(value, found)
    elif isinstance(node, list):
        for item in node:
            _contexts(item, found)


def check_jsonld(path: str | Path) -> None:
    """Refuse a JSON-LD file whose ``@context`` names a document (to be fetched or read)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
    except UnicodeDecodeError:
        raise _refuse(path, None, "not valid jsonld: the file is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise _refuse(path, exc.lineno, f"not valid jsonld: {exc.msg}.") from None
    found: list[str] = []
    _contexts(document, found)
    if found:
        needle = json.dumps(found[0])
        at = text.find(needle)
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise _refuse(path, line, f"the context {found[0]!r} is a document to fetch; innograph "
                      "does not read the network or other files while it parses. Put the "
                      "context inline in the file.")
