"""The organisation index of an on-disk Oxigraph store, kept in a file beside its data.

Building the index of a whole register (a million organisations and more) reads several
million rows from the store; reading it back from a file takes seconds. The file lies inside
the store's folder, as the load record does (RocksDB leaves files it does not know alone), and
holds the *state* of the store it was built from: the names and sizes of the store's table
files (immutable once written) and of its write-ahead log when that holds anything. Any write
to the store changes them (a load or an import adds table files, an update fills the log, which
becomes a table file when the store is closed), so an index written before the change no longer
matches and is built again. Opening and closing the store without writing changes neither.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "000012.sst").write_bytes(b"x" * 10)
>>> store_state(folder)
(('000012.sst', 10),)
>>> _ = (folder / "000013.log").write_bytes(b"")
>>> store_state(folder)
(('000012.sst', 10),)
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .match import OrgIndex

__all__ = ["INDEX_NAME", "folder_of", "read", "store_state", "write"]

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


def store_state(folder: Path) -> tuple[tuple[str, int], ...]:
    """What the store's data are now: (name, size) of its table files and of its non-empty
    write-ahead logs, sorted."""
    out = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    for e in entries:
        if e.name.endswith((".sst", ".log")) and e.is_file():
            size = e.stat().st_size
            if size or e.name.endswith(".sst"):
                out.append((e.name, size))
    return tuple(sorted(out))


def read(folder: Path, cls: type[OrgIndex]) -> OrgIndex | None:
    """The index saved beside the store in ``folder``, or None when there is none, it was
    written for another state of the store, or it cannot be read."""
    path = folder / INDEX_NAME
    try:
        with path.open("rb") as f:
            head = marshal.load(f)
            if head != (_FORMAT, store_state(folder)):
                return None
            state = marshal.load(f)
        if not isinstance(state, dict) or set(state) != set(cls.FIELDS):
            return None
        state["word_ids"] = {w: array("l", b) for w, b in state["word_ids"].items()}
        return cls(state)
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        return None


def write(folder: Path, index: OrgIndex, state: tuple[tuple[str, int], ...]) -> bool:
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
