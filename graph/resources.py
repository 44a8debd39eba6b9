"""Where the packaged ontology, data and named queries live.

In an installed wheel they sit inside the package (``graph/ontology``, ``graph/data``); in a
source checkout they are the top-level ``ontology/`` and ``data/`` folders beside ``graph/``.
"""

from __future__ import annotations

from pathlib import Path

from .vocab import BASE, ID, ONTOLOGY

__all__ = [
    "BASE", "ID", "ONTOLOGY", "data_dir", "data_files", "default_files", "ontology_dir",
    "ontology_files", "queries_dir", "shapes_file",
]

PACKAGE = Path(__file__).parent


def _folder(name: str) -> Path:
    inside = PACKAGE / name
    if inside.is_dir():
        return inside
    return PACKAGE.parent / name


def ontology_dir() -> Path:
    """The folder of the ontology and the SHACL shapes (Turtle)."""
    return _folder("ontology")


def data_dir() -> Path:
    """The folder of the packaged data (TriG) and their claim specifications."""
    return _folder("data")


def queries_dir() -> Path:
    """The folder of the named competency queries (``*.rq``)."""
    return PACKAGE / "queries"


def ontology_files() -> list[Path]:
    """The ontology files, without the shapes, sorted by name."""
    return sorted(p for p in ontology_dir().glob("*.ttl") if p.name != "shapes.ttl")


def shapes_file() -> Path:
    """The SHACL shapes."""
    return ontology_dir() / "shapes.ttl"


def data_files() -> list[Path]:
    """The packaged data files (TriG), sorted by name."""
    return sorted(data_dir().glob("*.trig"))


def default_files() -> list[Path]:
    """Everything the default graph is loaded from: the ontology and the data."""
    return [*ontology_files(), *data_files()]
