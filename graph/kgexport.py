"""The facade's exports: the graph as an rdflib Dataset, as RDF text and as a file.

:class:`ExportMethods` is part of :class:`~graph.kg.KnowledgeGraph`; use them from there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .stores import Store

__all__ = ["EXPORT_FORMATS", "EXPORT_SUFFIXES", "ExportMethods"]

#: The RDF formats of :meth:`KnowledgeGraph.serialize` and :meth:`KnowledgeGraph.export`.
EXPORT_FORMATS = ("jsonld", "nquads", "ntriples", "trig", "turtle")

#: File extensions of exports and the format each one means.
EXPORT_SUFFIXES = {".json": "jsonld", ".jsonld": "jsonld", ".nq": "nquads", ".nt": "ntriples",
                   ".trig": "trig", ".ttl": "turtle"}



class ExportMethods:
    """:meth:`dataset`, :meth:`serialize` and :meth:`export` of a knowledge graph."""

    store: Store

    def dataset(self) -> Any:
        """All quads as an rdflib Dataset (named graphs kept), with the project's prefixes."""
        from rdflib import Dataset

        from .vocab import PREFIXES

        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, replace=True)
        default = ds.default_graph
        for s, p, o, g in self.store.quads():
            (default if g is None else ds.graph(g)).add((s, p, o))  # type: ignore[arg-type]
        return ds

    def serialize(self, format: str = "turtle") -> str:
        """The graph as text: ``turtle`` or ``ntriples`` (all graphs merged), ``trig``,
        ``nquads`` or ``jsonld``.

        TriG, N-Quads and JSON-LD keep each claim in its named graph, with its provenance; in
        JSON-LD the default graph is the document's top-level ``@graph``, as every JSON-LD
        processor reads it. N-Triples and N-Quads lines are sorted, so the output diffs cleanly.

        Examples
        --------
        >>> from graph import load
        >>> text = load().serialize("nquads")
        >>> text.splitlines()[0].endswith(" .")
        True
        """
        if format not in EXPORT_FORMATS:
            raise InputError(
                f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}"
            )
        if format == "jsonld":
            from .jsonld import dataset_jsonld

            return dataset_jsonld(self.store.quads())
        ds = self.dataset()
        if format in ("turtle", "ntriples"):
            from rdflib import Graph

            merged = Graph()
            for prefix, ns in ds.namespaces():
                merged.bind(prefix, ns)
            for s, p, o, _ in ds.quads((None, None, None, None)):
                merged.add((s, p, o))
            if format == "ntriples":
                lines = merged.serialize(format="nt").split("\n")
                return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
            return merged.serialize(format="turtle")
        if format == "nquads":
            lines = ds.serialize(format="nquads").split("\n")
            return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
        return ds.serialize(format="trig")

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write :meth:`serialize` output to a file; the format comes from its extension.

        ``.ttl``, ``.trig``, ``.nt``, ``.nq`` and ``.jsonld`` (or ``.json``) name the format;
        a ``format`` that contradicts the extension is refused, so that a file never holds
        another format than its name says. With another extension ``format`` must be given.

        Raises
        ------
        InputError
            An extension that is not an export format, or a ``format`` that contradicts it.

        Examples
        --------
        >>> from graph import load
        >>> import tempfile
        >>> kg = load()
        >>> kg.export(Path(tempfile.mkdtemp()) / "x.nq").read_text().splitlines()[0][-2:]
        ' .'
        >>> kg.export(Path(tempfile.mkdtemp()) / "x.nq", "turtle")
        Traceback (most recent call last):
        ...
        graph.errors.InputError: x.nq: the extension .nq means nquads, not turtle; name the file x.ttl, or use --format nquads
        """
        path = Path(path)
        by_suffix = EXPORT_SUFFIXES.get(path.suffix.lower())
        if format is None:
            if by_suffix is None:
                known = ", ".join(sorted(EXPORT_SUFFIXES))
                raise InputError(
                    f"{path}: cannot tell the export format from the extension "
                    f"{path.suffix or '(none)'!r}; use one of {known}, or give --format "
                    f"({', '.join(EXPORT_FORMATS)})"
                )
            format = by_suffix
        elif by_suffix is not None and by_suffix != format:
            wanted = next((s for s, f in EXPORT_SUFFIXES.items() if f == format), None)
            rename = f"name the file {path.stem}{wanted}, or " if wanted else ""
            raise InputError(
                f"{path.name}: the extension {path.suffix} means {by_suffix}, not {format}; "
                f"{rename}use --format {by_suffix}"
            )
        text = self.serialize(format)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path
