"""A curator's data folder: sources and claims as plain files, compiled on load.

A folder holds claims files (``*.claims.toml``), the source texts they are about (``*.txt``) and
any RDF files (``*.trig``, ``*.ttl``, ``*.nq``), in any layout: ``sources/<id>.txt`` beside
``claims/<id>.claims.toml``, or both side by side. Each claims file is compiled (accepted claims
only; in a file written by hand, without ``[drafted]``, every claim that is not rejected) against
its text, found by ``[source] text``, by the sha256 that ``[source]`` records, or by its name
``<source id>.txt``.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "demo.txt").write_text("Kari Nordmann talte.", encoding="utf-8")
>>> _ = (folder / "demo.claims.toml").write_text('''
... [source]
... id = "demo"
... [[person]]
... id = "kari"
... name = "Kari Nordmann"
... spans = ["Kari Nordmann"]
... ''', encoding="utf-8")
>>> data = read_data([folder])
>>> [p.name for p in data.claims_files], len(data.texts)
(['demo.claims.toml'], 1)
>>> len(list(compile_data(data).graphs())) > 1
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from ..errors import InputError, NotFoundError
from ..vocab import PREFIXES
from .compiler import compile_claims, new_names, source_iri
from .format import ClaimsFile, load_claims

__all__ = ["CLAIMS_SUFFIX", "RDF_SUFFIXES", "DataFiles", "compile_data", "read_data", "text_of"]

CLAIMS_SUFFIX = ".claims.toml"
#: The RDF files a data folder may hold besides claims files.
RDF_SUFFIXES = (".trig", ".ttl", ".nq")


@dataclass
class DataFiles:
    """What a set of data folders and files holds."""

    rdf_files: list[Path] = field(default_factory=list)
    claims_files: list[Path] = field(default_factory=list)
    #: the text files found, by the sha256 of their UTF-8 text
    texts: dict[str, Path] = field(default_factory=dict)
    #: the claims files read, in order
    claims: list[ClaimsFile] = field(default_factory=list)

    def source_texts(self) -> dict[str, str]:
        """Source IRI → text, for every claims file whose text was found."""
        out: dict[str, str] = {}
        for cf in self.claims:
            try:
                out[str(source_iri(cf))] = text_of(cf, self)
            except InputError:
                continue
        return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_data(paths: Iterable[str | Path]) -> DataFiles:
    """Find the claims files, source texts and RDF files of folders (searched recursively) and
    single files.

    Raises
    ------
    NotFoundError
        A path that does not exist.
    ParseError
        A claims file that does not parse (file and line).
    """
    data = DataFiles()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file()
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
        elif path.is_file():
            found = [path]
        else:
            raise NotFoundError(
                f"{path}: no such file or folder; --data takes a folder of claims files, source "
                "texts and RDF files, or one such file"
            )
        for f in found:
            if f.name.endswith(CLAIMS_SUFFIX):
                data.claims_files.append(f)
            elif f.suffix == ".txt":
                data.texts.setdefault(_digest(f), f)
            elif f.suffix in RDF_SUFFIXES or path.is_file():
                data.rdf_files.append(f)
    seen: dict[str, Path] = {}
    for f in data.claims_files:
        cf = load_claims(f)
        if cf.source.id in seen:
            raise InputError(
                f"{f}: source id {cf.source.id!r} is also the source of {seen[cf.source.id]}; "
                "keep one claims file per source"
            )
        seen[cf.source.id] = f
        data.claims.append(cf)
    return data


def text_of(cf: ClaimsFile, data: DataFiles | None = None) -> str:
    """The source text of a claims file: ``[source] text``, else a text of ``data`` with the
    sha256 that ``[source]`` records, else one named ``<source id>.txt``.

    Raises
    ------
    InputError
        When no text is found (with where it was looked for).
    """
    candidates: list[Path] = []
    given = cf.text_path()
    if given is not None:
        candidates.append(given)
    if data is not None:
        if cf.source.sha256 and cf.source.sha256 in data.texts:
            candidates.append(data.texts[cf.source.sha256])
        candidates += [p for p in data.texts.values() if p.stem == cf.source.id]
    if cf.path is not None:
        candidates += [cf.path.parent / f"{cf.source.id}.txt",
                       cf.path.parent.parent / "sources" / f"{cf.source.id}.txt"]
    for c in candidates:
        if c.is_file():
            try:
                return c.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{c}: cannot read the source text: {exc}") from None
    raise InputError(
        f"{cf.path}: the text of source {cf.source.id!r} is not found; put it beside the claims "
        f"file as {cf.source.id}.txt (or in a sources/ folder), or give its path in [source] text"
    )


def compile_data(data: DataFiles, *, kg: Any = None, warnings: list[str] | None = None) -> Dataset:
    """Compile every claims file of ``data`` (accepted claims) into one dataset."""
    out = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns, replace=True)
    names: dict[Any, set[str]] = {}
    for cf in data.claims:
        for node, folded in new_names(cf).items():
            names.setdefault(node, set()).update(folded)
    for cf in data.claims:
        ds = compile_claims(cf, text_of(cf, data), kg=kg, warnings=warnings, names=names)
        for quad in ds.quads((None, None, None, None)):
            s, p, o, g = quad
            if g is None or g == ds.default_graph.identifier:
                out.add((s, p, o))
            else:
                out.graph(g).add((s, p, o))
    return out
