"""The record of the files an on-disk Oxigraph store holds, kept beside its data.

The record is a small tab-separated file inside the store's folder (a digest and a file name
a line), so that no query, count or export of the store sees it. RocksDB leaves files it does
not know alone, and a staged load copies the record into its staging folder, so the record
is swapped in together with the data.

A load that commits in one transaction writes a *pending* record first (the digests it adds
and the store's size before it), then the data, then the record. A process killed between
the data and the record leaves the pending file; the next writable open settles it: the
transaction went through when the store's size changed.

Examples
--------
>>> import tempfile
>>> log = LoadLog(tempfile.mkdtemp())
>>> log.record([("ab" * 32, "a.trig")])
>>> sorted(log.digests()) == ["ab" * 32]
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import StoreError

__all__ = ["LOG_NAME", "PENDING_NAME", "UPDATED_NAME", "LoadLog"]

#: The file, inside the store's folder, that lists the files loaded (digest, tab, name).
LOG_NAME = "innograph-loaded.tsv"
#: The file that lists the files of a transaction not yet recorded, after the store's size.
PENDING_NAME = "innograph-loading.tsv"
#: The file that holds a new random token before each update of the store.
UPDATED_NAME = "innograph-updated.txt"


class LoadLog:
    """The load record of the store in ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        self.pending_path = self.folder / PENDING_NAME

    def entries(self) -> list[tuple[str, str]]:
        """The (digest, file name) pairs recorded, in the order they were recorded."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"cannot read the load record {self.path}: {exc}") from None
        return [tuple(line.split("\t", 1)) for line in text.splitlines()  # type: ignore[misc]
                if "\t" in line]

    def note_update(self) -> None:
        """Note that the store is about to be updated (a new random token): with the record of
        the files loaded, it tells whether the store changed since (see :meth:`state`)."""
        self._write(self.folder / UPDATED_NAME, os.urandom(16).hex() + "\n")

    def state(self) -> str:
        """A text that changes whenever innograph loads into the store or updates it: the
        record of the files loaded and the token of the last update."""
        try:
            token = (self.folder / UPDATED_NAME).read_text(encoding="utf-8").strip()
        except OSError:
            token = ""
        return "".join(f"{d}\t{n}\n" for d, n in self.entries()) + f"updated {token}"

    def digests(self) -> set[str]:
        """The SHA-256 digests (hex) of the files recorded."""
        return {digest for digest, _ in self.entries()}

    def record(self, entries: Iterable[tuple[str, str]]) -> None:
        """Add (digest, file name) pairs to the record (written whole, then renamed)."""
        new = [(d, n.replace("\t", " ").replace("\n", " ")) for d, n in entries]
        if not new:
            return
        lines = [f"{d}\t{n}\n" for d, n in [*self.entries(), *new]]
        self._write(self.path, "".join(lines))

    def begin(self, entries: Iterable[tuple[str, str]], size: int) -> None:
        """Note the files a transaction is about to add, with the store's size before it."""
        body = "".join(f"{d}\t{n}\n" for d, n in entries)
        self._write(self.pending_path, f"{size}\n{body}")

    def commit(self) -> None:
        """Move the pending files into the record: their transaction went through."""
        size, entries = self._pending()
        self.record(entries)
        self.abandon()

    def abandon(self) -> None:
        """Forget the pending files: their transaction did not go through."""
        self.pending_path.unlink(missing_ok=True)

    def settle(self, size_now: Callable[[], int]) -> None:
        """Settle what a killed process left pending: recorded when the store's size changed
        since the transaction began (it committed), else forgotten."""
        if not self.pending_path.is_file():
            return
        size, _ = self._pending()
        if size is not None and size_now() != size:
            self.commit()
        else:
            self.abandon()

    def _pending(self) -> tuple[int | None, list[tuple[str, str]]]:
        try:
            lines = self.pending_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return None, []
        size = int(lines[0]) if lines and lines[0].isdigit() else None
        entries = [(d, n) for d, _, n in (line.partition("\t") for line in lines[1:]) if n]
        return size, entries

    def _write(self, path: Path, text: str) -> None:
        tmp = path.with_name(path.name + ".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise StoreError(f"cannot write the load record {path}: {exc}") from None
