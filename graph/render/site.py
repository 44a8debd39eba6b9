"""Explorer pages of a knowledge graph, source texts for their evidence, and the whole site.

:func:`render_kg` renders one view; :func:`build_site` validates the graph and writes the site
(the actor view as ``index.html``, the organisation network, and the RDF exports) into one
folder, and nothing outside it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, NotFoundError, SourceError, ValidationError
from .metrics import resolve_metrics
from .model import DEFAULT_MAX_NODES, view_model
from .page import HtmlView, render_page

if TYPE_CHECKING:  # pragma: no cover
    from ..kg import KnowledgeGraph

__all__ = ["EXPORTS", "PAGES", "SiteResult", "build_site", "read_source_texts", "render_kg"]

#: The pages of a site: file name, view, link text.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("index.html", "actors", "Actors"),
    ("organisations.html", "organisations", "Organisations"),
)
#: The RDF exports of a site.
EXPORTS: tuple[str, ...] = ("innograph.ttl", "innograph.trig", "innograph.nq", "innograph.jsonld")

#: The file that marks a folder as written by :func:`build_site`.
MARKER = ".innograph-site"


def check_site_folder(folder: Path, *, force: bool = False) -> None:
    """Refuse a ``folder`` that :func:`build_site` must not write into.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "notes.txt").write_text("mine", encoding="utf-8")
    4
    >>> check_site_folder(folder)
    Traceback (most recent call last):
    ...
    graph.errors.InputError: ... has files that `innograph build` did not write (no .innograph-site in it); choose a new folder with -o, or give --force to write into it anyway
    >>> check_site_folder(folder, force=True)
    """
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file, not a folder; give a folder to write with -o")
    if force or not folder.is_dir() or (folder / MARKER).is_file():
        return
    if any(folder.iterdir()):
        raise InputError(
            f"{folder} has files that `innograph build` did not write (no {MARKER} in it); "
            f"choose a new folder with -o, or give --force to write into it anyway"
        )


_SOURCES = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ig: <https://w3id.org/innograph/ontology#>
SELECT DISTINCT ?claim ?source ?sha WHERE {
  ?claim prov:wasDerivedFrom ?r . ?r oa:hasSource ?source .
  OPTIONAL { ?source ig:sha256 ?sha }
}
"""


def _title(kg: KnowledgeGraph, view: str, focus: str | None, depth: int) -> str:
    if view == "actors":
        return "Actors: people, organisations, events, places and topics"
    if view == "organisations":
        return "Organisations, linked through shared people and events"
    if view == "ego" and focus:
        return f"Around {kg.label(kg.resolve(focus))} (depth {depth})"
    return "Query view"


def render_kg(
    kg: KnowledgeGraph,
    view: str = "actors",
    *,
    focus: str | None = None,
    depth: int = 1,
    query: str | None = None,
    source_texts: Mapping[str, str] | None = None,
    metrics: Mapping[str, Mapping[str, float]] | bool | None = None,
    size_by: str | None = None,
    color_by: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    links: Iterable[tuple[str, str]] = (),
    current: str = "",
    as_of: str | None = None,
) -> HtmlView:
    """The explorer page of one view of ``kg`` (see :meth:`KnowledgeGraph.render_html`).

    ``source_texts`` (source IRI → text) defaults to the texts of the data folders ``kg`` was
    loaded with.

    ``metrics``: None (default) computes the view's network metrics
    (:func:`graph.render.metrics.page_metrics`: exact betweenness up to 1,000 nodes, sampled
    above), False leaves them out, a mapping (node IRI → {name: number}) gives them.

    Examples
    --------
    >>> import graph
    >>> page = render_kg(graph.load(), "ego", focus="Thor Moen", size_by="betweenness")
    >>> "Around Thor Moen (depth 1)" in page, '"size_by":"betweenness"' in page
    (True, True)
    """
    from ..network import to_networkx

    if as_of is not None:
        from ..asof import check_day

        check_day(as_of)
    if source_texts is None:
        source_texts = dict(getattr(kg, "source_texts", {}) or {}) or None
    G = to_networkx(kg, view, focus=focus, depth=depth, query=query)
    names = {str(v): kg.index.names(str(v)) for v in G}
    degree = dict(G.degree())
    example = max(G, key=lambda v: (degree[v], str(v))) if len(G) else None
    hint = ""
    if example is not None:
        name = str(G.nodes[example].get("label") or example)
        hint = f'innograph view --view ego --focus "{name}" --depth 2 -o ego.html'
    values, note = resolve_metrics(G, metrics)
    model = view_model(
        G, title=_title(kg, view, focus, depth), metrics=values, metrics_note=note,
        size_by=size_by, color_by=color_by, max_nodes=max_nodes, names=names,
        source_texts=source_texts, links=links, current=current, focus_hint=hint,
    )
    if as_of is not None:
        model["as_of"] = as_of
    return HtmlView(render_page(model))


def read_source_texts(kg: KnowledgeGraph, paths: Iterable[str | Path]) -> dict[str, str]:
    """Source IRI → text, for source text files and folders of them.

    A text is matched to a source of the graph by its SHA-256 digest (the ``ig:sha256`` the
    graph records for the source), or by its file name ``<source id>.txt``, the id being the part
    after ``/claim/`` in the IRIs of the claims taken from the source (``000_1c50d6c5c024da5a``).
    A folder is searched recursively for ``*.txt``; its texts that match no source are passed
    over. A file named on its own must match.

    Raises
    ------
    InputError
        A path that is missing, or a file that matches no source of the graph.
    SourceError
        A text named after a source whose digest differs from the one the graph records.

    Examples
    --------
    >>> import graph, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "unknown.txt").write_text("text", encoding="utf-8")
    4
    >>> read_source_texts(graph.load(), [folder / "unknown.txt"])
    Traceback (most recent call last):
    ...
    graph.errors.InputError: ...unknown.txt: no claim comes from a source with id 'unknown' or with this text's sha256; name a source file <source id>.txt, with one of the graph's source ids: 000_1c50d6c5c024da5a
    >>> read_source_texts(graph.load(), [folder])
    {}
    """
    sources, by_digest = _graph_sources(kg)
    texts: dict[str, str] = {}
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*.txt")):
                found = f.read_text(encoding="utf-8", errors="replace")
                digest = hashlib.sha256(found.encode("utf-8")).hexdigest()
                if digest in by_digest:
                    texts[by_digest[digest]] = found
            continue
        iri, text = _source_file(path, sources, by_digest)
        texts[iri] = text
    return texts


def _graph_sources(kg: KnowledgeGraph) -> tuple[dict[str, tuple[str, str | None]],
                                                dict[str, str]]:
    """Source id → (source IRI, recorded sha256), and sha256 → source IRI, of the graph."""
    sources: dict[str, tuple[str, str | None]] = {}
    by_digest: dict[str, str] = {}
    for claim, source, sha in kg.query(_SOURCES).rows:
        claim_iri = str(claim)
        if sha is not None:
            by_digest[str(sha)] = str(source)
        if "/claim/" not in claim_iri:
            continue
        source_id = claim_iri.split("/claim/", 1)[1].split("/", 1)[0]
        sources[source_id] = (str(source), str(sha) if sha is not None else None)
    return sources, by_digest


def _source_file(path: Path, sources: dict[str, tuple[str, str | None]],
                 by_digest: dict[str, str]) -> tuple[str, str]:
    """The source IRI and text of one source text file named on its own (it must match)."""
    if not path.is_file():
        raise NotFoundError(
            f"{path}: no such file or folder; --source takes a source text named "
            f"<source id>.txt, or a folder of source texts (source ids of the graph: "
            f"{', '.join(sorted(sources)) or 'none'})"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte {exc.start} is 0x{exc.object[exc.start]:02x}); "
            "a source must be the plain UTF-8 text the claims were made from"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it: {exc.strerror}") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest in by_digest:
        return by_digest[digest], text
    if path.stem not in sources:
        known = ", ".join(sorted(sources)) or "(none: the graph has no claims)"
        raise InputError(
            f"{path}: no claim comes from a source with id {path.stem!r} or with this text's "
            f"sha256; name a source file <source id>.txt, with one of the graph's source "
            f"ids: {known}"
        )
    iri, recorded = sources[path.stem]
    if recorded is not None and digest != recorded:
        raise SourceError(
            f"{path}: its sha256 is {digest}, but the graph's offsets are for the text with "
            f"sha256 {recorded}; pass the exact text of source {path.stem}"
        )
    return iri, text


@dataclass
class SiteResult:
    """What :func:`build_site` wrote."""

    folder: Path
    index: Path
    pages: list[Path] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


def build_site(
    kg: KnowledgeGraph,
    folder: str | Path = "site",
    *,
    source_texts: Mapping[str, str] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    metrics: bool = True,
    size_by: str | None = None,
    color_by: str | None = None,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
) -> SiteResult:
    """Validate ``kg``, then write the explorer pages and the RDF exports into ``folder``.

    Nothing is written when the graph does not conform (:class:`ValidationError`, with the
    report), and nothing is written outside ``folder``. ``progress`` is called with a line
    before each step. Each page carries its view's network metrics unless ``metrics`` is False;
    ``size_by`` and ``color_by`` name the metric the pages open sized and coloured by.

    The folder gets a marker file (:data:`MARKER`); a folder that has files but no marker was
    not written by this function and is refused, unless ``force`` is True.

    Raises
    ------
    InputError
        ``folder`` is a file, or a folder with files that this function did not write.
    ValidationError
        The graph does not conform to the shapes.

    Examples
    --------
    >>> import graph, tempfile
    >>> result = build_site(graph.load(), tempfile.mkdtemp())
    >>> [p.name for p in result.pages], result.index.name
    (['index.html', 'organisations.html'], 'index.html')
    >>> sorted(p.suffix for p in result.exports)
    ['.jsonld', '.nq', '.trig', '.ttl']
    """
    say = progress or (lambda line: None)
    folder = Path(folder)
    check_site_folder(folder, force=force)
    say("Validating the graph against the SHACL shapes ...")
    report = kg.validate()
    if not report.conforms:
        raise ValidationError(
            "the graph does not conform to the shapes, so no site was written:\n" + report.text(),
            report,
        )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        "This folder was written by `innograph build`, which may write it again.\n",
        encoding="utf-8")
    result = SiteResult(folder=folder, index=folder / PAGES[0][0])
    links = [(name, text) for name, _, text in PAGES]
    for name, view, text in PAGES:
        say(f"Rendering the {text.lower()} view -> {folder / name}")
        page = render_kg(kg, view, source_texts=source_texts, max_nodes=max_nodes,
                         metrics=None if metrics else False, size_by=size_by,
                         color_by=color_by, links=links, current=name)
        result.pages.append(page.save(folder / name))
    for name in EXPORTS:
        say(f"Exporting {folder / name}")
        result.exports.append(kg.export(folder / name))
    say("Counting ...")
    result.stats = kg.stats()
    return result
