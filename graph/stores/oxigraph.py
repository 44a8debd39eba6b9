"""The Oxigraph stores: ``oxigraph`` (in memory, the default) and ``oxigraph:PATH`` (on disk).

A load into ``oxigraph:PATH`` is all or nothing: a process killed during it leaves the store as
it was. Oxigraph's union default graph is a bag (a triple stated in two graphs is matched
twice), so queries use ``SELECT DISTINCT`` where that matters.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, ParseError, StoreError
from .base import QueryResult
from .checks import check_bindings, check_query, query_error, unprojected
from .loading import (
    DIGESTS_QUERY,
    LOADS_GRAPH,
    FileLoading,
    Progress,
    RdfFile,
    digests_of,
    parse_error,
    reading,
)
from .loadlog import LoadLog
from .terms import ox_format, ox_result, term_converter, to_oxigraph

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = ["STAGING_THRESHOLD", "OxigraphStore"]

#: Loads into ``oxigraph:PATH`` larger than this (bytes) go through a staging copy of the store
#: and Oxigraph's bulk loader; smaller ones through one transaction. Both are all or nothing.
STAGING_THRESHOLD = 32 * 1024 * 1024

#: Oxigraph stores replaced in a worker process: kept, never closed (closing a store that
#: the parent process opened could wait for threads that do not exist in the child).
_RETIRED: list[Any] = []


class OxigraphStore(FileLoading):
    """Embedded Oxigraph, in memory (``path=None``) or on disk.

    On disk, the path is resolved first (a symbolic link to the store stays a link to it, and
    every load writes beside the real folder). When another process holds the store open for
    writing (a ``load``, or ``serve --allow-update``), or the folder is not writable, the store
    is opened read-only: queries work, writes fail with a StoreError that says why.
    ``read_only=True`` asks for that mode from the start.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.path = Path(path).resolve() if path else None
        self.name = f"oxigraph:{path}" if path else "oxigraph"
        self._digests: set[str] = set()
        self._size: int | None = 0
        self.read_only: str | None = None  # why the store is read-only, when it is
        if self.path is None:
            self.ox = ox.Store()
            return
        self._size = None
        self._log = LoadLog(self.path)
        if read_only:
            self._open_read_only("it was opened read-only")
            return
        try:
            self._recover()
        except OSError:
            pass  # another process is mid-swap, or the folder is not ours: open as it is
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # a new store in new folders
        except OSError:
            pass  # a file in the way, or no permission: the open below says which
        try:
            self.ox = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                self._open_read_only(
                    "another process holds it open for writing (an `innograph load`, or "
                    "`innograph serve --allow-update`); stop that process to write")
                return
            if ("ermission denied" in text or "ead-only file system" in text) and (
                    self.path / "CURRENT").is_file():
                self._open_read_only(
                    f"its folder {self.path} is not writable by this user; ask its owner, or "
                    "copy the store")
                return
            raise StoreError(self._open_failure(text)) from None
        self._clean()
        self._migrate()
        self._log.settle(lambda: len(self.ox))

    def _open_failure(self, text: str) -> str:
        assert self.path is not None
        if "ermission denied" in text or "ead-only file system" in text:
            return (f"cannot open the Oxigraph store at {self.path}: the folder is not writable "
                    f"by this user and holds no store yet ({text}). Choose a folder you can "
                    "write to.")
        if self.path.exists() and not self.path.is_dir():
            return (f"cannot open the Oxigraph store at {self.path}: it is a file, not a "
                    "store folder. Give the path of a folder (new or holding a store).")
        blocking = next((p for p in self.path.parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            return (f"cannot open the Oxigraph store at {self.path}: {blocking} is a file, not a "
                    "folder. Give the path of a folder (new or holding a store).")
        return f"cannot open the Oxigraph store at {self.path}: {text}"

    def _open_read_only(self, why: str) -> None:
        import pyoxigraph as ox

        assert self.path is not None
        if not (self.path / "CURRENT").is_file():
            raise StoreError(f"cannot open the Oxigraph store at {self.path} read-only: there "
                             "is no store there yet. Load one first: innograph load --store "
                             f"oxigraph:{self.path}")
        try:
            self.ox = ox.Store.read_only(str(self.path))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self.path} read-only: "
                             f"{exc}") from None
        self.read_only = why

    def reopen_read_only(self, *, retire: bool = True) -> None:
        """Open the store again, read-only (a disk store; an in-memory one stays as it is).

        A server that does not write opens its store this way, so that other commands can
        still open it; a worker process does, to read the store as it is on disk now.
        ``retire`` keeps the previous handle instead of closing it (in a worker process).
        """
        if self.path is None:
            return
        old = self.ox
        if retire:
            _RETIRED.append(old)
        else:
            old.flush()
        del self.ox, old
        for attempt in range(3):  # a writer may be replacing files as we open: try again
            try:
                self._open_read_only("it was opened read-only (a server that takes no updates)")
                break
            except StoreError:
                if attempt == 2:
                    raise
        self._size = None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"cannot write to {self.name}: it is open read-only because "
                             f"{self.read_only}.")

    # ------------------------------------------------------------------ loading

    def data_state(self) -> str | None:
        """For a disk store, a text that changes whenever innograph writes to the store (a load,
        an import, an update), for the caches of what was read from it; None in memory."""
        return None if self.path is None else self._log.state()

    def loaded_digests(self) -> set[str]:
        if self.path is None:
            return set(self._digests)
        return self._log.digests() | self._legacy_digests()

    def _legacy_digests(self) -> set[str]:
        """Digests that an older version recorded in the named graph :data:`LOADS_GRAPH`."""
        return digests_of(row[0].value for row in self.ox.query(DIGESTS_QUERY))  # type: ignore[union-attr]

    def _migrate(self) -> None:
        """Move a load record that an older version kept in the data into the record file."""
        import pyoxigraph as ox

        legacy = ox.NamedNode(LOADS_GRAPH)
        if not self.ox.contains_named_graph(legacy):
            return
        entries = [(q.subject.value.rsplit(":", 1)[1], q.object.value)
                   for q in self.ox.quads_for_pattern(None, None, None, legacy)
                   if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal)
                   and q.subject.value.startswith("urn:sha256:")]
        self._log.record(entries)
        self.ox.remove_graph(legacy)
        self._size = None

    def add_files(self, files: list[RdfFile], progress: Progress | None = None) -> list[int]:
        if not files:
            return []
        self._writable()
        if self.path is None:
            return self._add_in_memory(files, progress)
        if sum(f.size for f in files) > STAGING_THRESHOLD:
            return self._add_staged(files, progress)
        return self._add_in_transaction(files, progress)

    def _len(self) -> int:
        if self._size is None:
            self._size = len(self.ox)
        return self._size

    def _add_in_memory(self, files: list[RdfFile], progress: Progress | None) -> list[int]:
        """All or nothing: into an empty store directly (emptied again on failure), else
        through a scratch store that is added only when every file has parsed."""
        import pyoxigraph as ox

        if self._len() > 0:
            counts = self._add_in_transaction(files, progress)
            self._digests.update(f.digest for f in files)
            return counts
        counts = []
        try:
            for f, reader in reading(files, progress):
                before = len(self.ox)
                try:
                    # one transaction per file; parsing in Rust, straight into the store
                    self.ox.extend(ox.parse(input=reader.buffered(), format=ox_format(f.fmt)))
                except (SyntaxError, MemoryError) as exc:
                    raise parse_error(f.path, exc) from None
                counts.append(len(self.ox) - before)
                reader.report(f.size, counts[-1], True)
        except BaseException:
            self.ox.clear()  # it was empty: all or nothing
            self._size = None
            raise
        self._size = None
        self._digests.update(f.digest for f in files)
        return counts

    def _add_in_transaction(self, files: list[RdfFile], progress: Progress | None) -> list[int]:
        """Small loads into the disk store, and loads into an in-memory store that holds data
        already: parse into memory, then one transaction (all or nothing)."""
        import pyoxigraph as ox

        batch = ox.Store()
        counts, readers = [], []
        for f, reader in reading(files, progress):
            part = ox.Store()
            try:
                part.extend(ox.parse(input=reader.buffered(), format=ox_format(f.fmt)))
            except (SyntaxError, MemoryError) as exc:
                raise parse_error(f.path, exc) from None
            new = [q for q in part if q not in batch and q not in self.ox]
            batch.extend(new)
            counts.append(len(new))
            readers.append(reader)
        if self.path is not None:
            self._log.begin(((f.digest, f.path.name) for f in files), len(self.ox))
        try:
            self.ox.extend(batch)
        except OSError as exc:
            if self.path is not None:
                self._log.abandon()
            raise StoreError(f"cannot write to the Oxigraph store at {self.path}: {exc}") from None
        finally:
            self._size = None
        if self.path is not None:
            self._log.commit()
        for reader, count in zip(readers, counts, strict=True):
            reader.report(reader.file.size, count, True)
        return counts

    def _sibling(self, what: str) -> Path:
        assert self.path is not None
        path = self.path.resolve()
        return path.with_name(f"{path.name}.innograph-{what}")

    def _recover(self) -> None:
        """Finish or roll back a swap that a killed process left half done."""
        assert self.path is not None
        old = self._sibling("old")
        if old.is_dir():
            if self.path.exists():
                shutil.rmtree(old)
            else:
                os.rename(old, self.path)

    def _clean(self) -> None:
        """Remove a staging copy that a killed load left (we hold the store's lock now)."""
        staging = self._sibling("staging")
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)

    def _add_staged(self, files: list[RdfFile], progress: Progress | None) -> list[int]:
        """Big loads into the disk store: bulk-load a copy of the store, then swap it in.

        The copy is an Oxigraph backup (hard links to the store's immutable files, so cheap);
        Oxigraph's bulk loader fills it fast but without a transaction, which is safe because
        nobody reads the copy. Two renames swap it in; a process killed before them leaves the
        store untouched, one killed between them is rolled back when the store is next opened.
        """
        counts: list[int] = []

        def fill(copy: Any) -> None:
            size = self._len()
            for f, reader in reading(files, progress):
                try:
                    copy.bulk_load(input=reader.buffered(), format=ox_format(f.fmt))
                except (SyntaxError, MemoryError) as exc:
                    raise parse_error(f.path, exc) from None
                now = len(copy)
                counts.append(now - size)
                size = now
                reader.report(f.size, counts[-1], True)

        self._staged(fill, lambda: [(f.digest, f.path.name) for f in files])
        return counts

    def _staged(self, fill: Callable[[Any], None],
                entries: Callable[[], list[tuple[str, str]]]) -> None:
        """Fill a staging copy of the disk store with ``fill(copy)``, record ``entries()`` in
        its load log, and swap it in (see :meth:`_add_staged`)."""
        import pyoxigraph as ox

        assert self.path is not None
        staging = self._sibling("staging")
        if staging.exists():
            shutil.rmtree(staging)
        try:
            self.ox.flush()
            self.ox.backup(str(staging))
            if self._log.path.is_file():
                shutil.copy2(self._log.path, staging / self._log.path.name)
            copy = ox.Store(str(staging))
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise StoreError(f"cannot stage a load next to {self.path}: {exc}") from None
        try:
            fill(copy)
            copy.flush()
            LoadLog(staging).record(entries())
        except BaseException:
            del copy
            shutil.rmtree(staging, ignore_errors=True)
            raise
        del copy
        old = self._sibling("old")
        del self.ox
        os.rename(self.path, old)
        os.rename(staging, self.path)
        shutil.rmtree(old)
        self.ox = ox.Store(str(self.path))
        self._size = None

    def bulk_add(self, chunks: Iterable[bytes], fmt: str, name: str) -> str:
        """Add RDF that arrives in pieces (each whole statements), with Oxigraph's bulk loader.

        For writers that produce more than fits in memory (a register import): memory stays
        that of one piece. All or nothing, like :func:`~graph.stores.load_files`: on disk
        through a staging copy of the store; in memory through a scratch store, which replaces
        an empty store and is added to one that holds data. The content is recorded under its
        SHA-256 digest and ``name``, as a loaded file is; the digest is returned.

        Raises
        ------
        ParseError
            A piece that does not parse (named ``name``).
        """
        import pyoxigraph as ox

        self._writable()
        digest = hashlib.sha256()
        where = Path(name)

        def fill(target: Any) -> None:
            for piece in chunks:
                digest.update(piece)
                try:
                    target.bulk_load(input=piece, format=ox_format(fmt))
                except (SyntaxError, MemoryError) as exc:
                    raise ParseError(f"{name}: not valid {fmt}: {exc}", str(where), None) from None

        if self.path is not None:
            self._staged(fill, lambda: [(digest.hexdigest(), where.name)])
            return digest.hexdigest()
        scratch = ox.Store()
        fill(scratch)
        if self._len() == 0:
            self.ox = scratch
        else:
            self.ox.extend(scratch)
        self._size = None
        self._digests.add(digest.hexdigest())
        return digest.hexdigest()

    # ------------------------------------------------------------------ querying

    def query(
        self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
        max_rows: int | None = None, cancel: Callable[[], bool] | None = None,
    ) -> QueryResult:
        import pyoxigraph as ox

        from ..dataset import names_dataset, values_first

        check_query(sparql)
        check_bindings(bindings)
        try:
            subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        except (ValueError, TypeError) as exc:
            raise InputError(f"cannot bind these values: {exc}") from None
        # the union of the graphs is the default graph only when the query names no dataset
        union = not names_dataset(sparql)
        text = sparql
        if subs:
            # Oxigraph joins substitutions last; the same values as a VALUES block first in
            # the WHERE group let it start from them (a bound entity: milliseconds, not
            # seconds); the substitutions still check that the variables are projected
            from .protocol import values_clause

            # (on the brace's line: the lines of a syntax error stay those of the text given)
            text = values_first(sparql, values_clause(bindings or {}).strip() + " ") or sparql
        try:
            result = self.ox.query(text, use_default_graph_as_union=union, substitutions=subs)
        except SyntaxError as exc:
            raise query_error(exc, sparql) from None
        except (RuntimeError, OSError) as exc:
            if subs and "projection" in str(exc):
                raise unprojected(list(bindings or {})) from None
            raise StoreError(f"the query failed in Oxigraph: {exc}") from None
        return ox_result(result, max_rows, cancel)

    def text_rows(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT's rows as plain text (see :func:`graph.stores.base.text_rows`)."""
        import pyoxigraph as ox

        from ..dataset import names_dataset

        check_query(sparql)
        try:
            result = self.ox.query(sparql, use_default_graph_as_union=not names_dataset(sparql))
            if not isinstance(result, ox.QuerySolutions):
                raise InputError("plain rows need a SELECT query")
            return [tuple(None if t is None else t.value for t in row) for row in result]
        except SyntaxError as exc:
            raise query_error(exc, sparql) from None
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the query failed in Oxigraph: {exc}") from None

    def update(self, sparql: str) -> None:
        check_query(sparql, "the update")
        self._writable()
        if self.path is not None:
            self._log.note_update()   # before: an update that fails changes the state needlessly
        try:
            self.ox.update(sparql)
        except SyntaxError as exc:
            raise query_error(exc, sparql) from None
        except (RuntimeError, OSError) as exc:
            raise StoreError(f"the update failed in Oxigraph: {exc}") from None
        finally:
            self._size = None

    def quads(self) -> Iterator[tuple[Node, Node, Node, Node | None]]:
        import pyoxigraph as ox

        convert = term_converter()
        legacy = ox.NamedNode(LOADS_GRAPH)
        for q in self.ox:
            if q.graph_name == legacy:
                continue
            yield (  # type: ignore[misc]
                convert(q.subject),
                convert(q.predicate),
                convert(q.object),
                convert(q.graph_name),
            )

    def __len__(self) -> int:
        import pyoxigraph as ox

        if self.path is None or not self.read_only:
            return self._len()  # a writable disk store moved its load record out on open
        legacy = ox.NamedNode(LOADS_GRAPH)
        return self._len() - sum(1 for _ in self.ox.quads_for_pattern(None, None, None, legacy))

    def close(self) -> None:
        if not hasattr(self, "ox"):
            return
        if self.path and not self.read_only:
            self.ox.flush()
        del self.ox
