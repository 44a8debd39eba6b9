"""The organisation index of an on-disk Oxigraph store, kept in a file beside its data.

Building the index of a whole register (a million organisations and more) reads several
million rows from the store; reading it back from a file takes seconds. The file lies inside
the store's folder, as the load record does (RocksDB leaves files it does not know alone), and
holds the *state* of the store it was built from (:meth:`~graph.stores.OxigraphStore.data_state`:
the record of the files loaded and a token that every update renews). A load, an import or an
update through innograph changes the state, so an index written before no longer matches and
is built again; opening, closing and compacting the store do not. (A store written by other
programs than innograph should have its index file removed.)

Examples
--------
>>> import tempfile
>>> from graph.stores import open_store
>>> folder = Path(tempfile.mkdtemp()) / "db"
>>> store = open_store(f"oxigraph:{folder}")
>>> before = store.data_state()
>>> store.update('INSERT DATA { <urn:a> <urn:b> "c" }')
>>> store.data_state() != before
True
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .match import OrgIndex

__all__ = ["INDEX_NAME", "folder_of", "read", "write"]

#: The index file, inside the store's folder.
INDEX_NAME = "innograph-orgindex.bin"
#: The layout of the file (:mod:`marshal`, which runs no code when read, in the format of
#: this Python); a file of another layout is built again.
_FORMAT = f"innograph-orgindex/1 python {sys.version_info[0]}.{sys.version_info[1]}"


def folder_of(store: Any) -> Path | None:
    """The folder of an on-disk Oxigraph store (None for any other store)."""
    from ..stores import OxigraphStore

    if isinstance(store, OxigraphStore) and store.path is not None:
        return Path(store.path)
    return None


def read(folder: Path, cls: type[OrgIndex], state: str) -> OrgIndex | None:
    """The index saved beside the store in ``folder``, or None when there is none, it was
    written for another ``state`` of the store, or it cannot be read."""
    path = folder / INDEX_NAME
    collecting = gc.isenabled()
    gc.disable()   # millions of new objects, none in a cycle: no collection needed meanwhile
    try:
        with path.open("rb") as f:
            head = marshal.load(f)
            if head != (_FORMAT, state):
                return None
            columns = marshal.load(f)
        if not isinstance(columns, dict) or set(columns) != set(cls.FIELDS):
            return None
        columns["word_ids"] = {w: array("l", b) for w, b in columns["word_ids"].items()}
        return cls(columns)
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        return None
    finally:
        if collecting:
            gc.enable()


def write(folder: Path, index: OrgIndex, state: str) -> bool:
    """Save ``index`` beside the store, for the store's ``state`` when the index was built
    (taken before reading the store: a write while it was read makes the file stale at once).
    Written whole, then renamed; False when the folder cannot be written to."""
    path = folder / INDEX_NAME
    tmp = folder / (INDEX_NAME + ".tmp")
    try:
        columns = index.state()
        columns["word_ids"] = {w: a.tobytes() for w, a in columns["word_ids"].items()}
        with tmp.open("wb") as f:
            marshal.dump((_FORMAT, state), f)
            marshal.dump(columns, f)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
    return True
