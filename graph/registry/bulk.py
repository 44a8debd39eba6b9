"""Feeding N-Quads to Oxigraph's bulk loader from a thread of its own, piece by piece.

Examples
--------
>>> from graph.stores import open_store
>>> store = open_store("oxigraph")
>>> loader = BulkLoader(store, "example.nq")
>>> loader.put('<urn:a> <urn:b> "c" <urn:g> .'.encode())
>>> loader.finish()
>>> len(store)
1
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from ..stores import OxigraphStore

__all__ = ["BulkLoader"]


class _Aborted(Exception):
    """The writer of the pieces stopped (an error in the register file)."""


class BulkLoader:
    """Feeds N-Quads pieces to :meth:`OxigraphStore.bulk_add` in a thread of its own.

    The bulk loader runs in Rust without holding Python's lock, so the next piece is written
    while one is loaded; the queue holds one piece, so memory stays that of a few pieces.
    """

    def __init__(self, store: OxigraphStore, name: str) -> None:
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.aborted = False
        self.thread = threading.Thread(target=self._run, args=(store, name), daemon=True)
        self.thread.start()

    def _pieces(self) -> Iterator[bytes]:
        while True:
            piece = self.queue.get()
            if piece is None:
                if self.aborted:
                    raise _Aborted()
                return
            yield piece

    def _run(self, store: OxigraphStore, name: str) -> None:
        try:
            store.bulk_add(self._pieces(), "nquads", name)
        except BaseException as exc:  # handed to the writer's thread
            # without its frames, which hold the staging store open
            self.error = exc.with_traceback(None)

    def put(self, piece: bytes | None) -> None:
        """Hand over a piece (``None``: the end), or raise the loader's error."""
        while True:
            if self.error is not None:
                raise self.error
            if not self.thread.is_alive():
                return
            try:
                self.queue.put(piece, timeout=0.2)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        """Hand over the end and wait until the store holds every piece; raise the loader's
        error, if any (the store is then as it was)."""
        self.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def abort(self) -> None:
        """Stop the load: the store stays as it was."""
        self.aborted = True
        try:
            self.put(None)
        except BaseException:  # the loader failed as well; the writer's error is the one
            pass
        self.thread.join()
