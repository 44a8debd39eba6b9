"""Streaming readers for register files: JSON arrays and CSV, gzipped or not.

Each reader yields one record at a time and keeps only one record (and a read buffer) in
memory, whatever the size of the file. Errors name the file and the line.

Examples
--------
>>> import io
>>> [r for _, r in iter_json_array(io.StringIO('[{"a": 1}, {"a": 2}]'), "x.json")]
[{'a': 1}, {'a': 2}]
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import NotFoundError, ParseError

__all__ = ["SKIPPED", "CountingFile", "first_char", "iter_csv", "iter_json_array", "open_text"]

_CHUNK = 1 << 20
#: What may stand between the elements of an array (and before the first).
_BETWEEN = re.compile("[ \t\r\n,\ufeff]*")


class _Skipped:
    """The place of an array element that the caller's test refused (see
    :func:`iter_json_array`)."""

    def __repr__(self) -> str:
        return "SKIPPED"


#: Yielded by :func:`iter_json_array` for an element that its ``may_keep`` test refused.
SKIPPED: Any = _Skipped()


class CountingFile(io.RawIOBase):
    """A binary file that counts the bytes read from disk (progress through a gzip, too)."""

    def __init__(self, path: Path) -> None:
        self._f = path.open("rb")
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._f.readinto(buffer)
        self.done += n or 0
        return n or 0

    def close(self) -> None:
        self._f.close()
        super().close()


def open_text(path: Path, encoding: str = "utf-8") -> tuple[IO[str], CountingFile]:
    """Open a file as text, gunzipping when it starts with the gzip magic number."""
    if not path.is_file():
        raise NotFoundError(f"{path}: no such file")
    raw = CountingFile(path)
    buffered = io.BufferedReader(raw, _CHUNK)
    binary: IO[bytes] = buffered
    if buffered.peek(2)[:2] == b"\x1f\x8b":
        binary = gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[assignment]
    text = io.TextIOWrapper(binary, encoding=encoding, errors="strict", newline="")
    return text, raw


def first_char(path: Path) -> str:
    """The first character of a (possibly gzipped) text file after a byte-order mark and
    white space ("" for an empty file): ``[`` for a JSON array, else a CSV."""
    text, _ = open_text(path)
    with text:
        first = text.read(1)
        while first and first in "\ufeff \t\r\n":
            first = text.read(1)
    return first


def iter_json_array(stream: IO[str], where: str,
                    may_keep: Callable[[str, int, int], bool] | None = None,
                    ) -> Iterator[tuple[int, Any]]:
    """The elements of a JSON array, one at a time, with their line numbers.

    ``may_keep(text, start, end)`` sees each element's raw text ``text[start:end]`` (not
    copied); an element it refuses is yielded as :data:`SKIPPED`. Every element is still
    scanned, so a file that does not parse is refused all the same.

    Raises ParseError with the file and line of the first element that does not parse.

    Examples
    --------
    >>> short = lambda text, start, end: end - start < 9
    >>> list(iter_json_array(io.StringIO('[{"a": 1}, {"a": 1000}]'), "f.json", short))
    [(1, {'a': 1}), (1, SKIPPED)]
    >>> list(iter_json_array(io.StringIO('[\\n {"a": 1},\\n {"a": }]'), "f.json"))
    Traceback (most recent call last):
    ...
    graph.errors.ParseError: f.json:3: the JSON does not parse (Expecting value at column 8); the file must be one JSON array of objects
    """
    decoder = json.JSONDecoder()
    buf = ""
    pos = 0
    line = 1
    eof = False

    def fill() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        chunk = stream.read(_CHUNK)
        if not chunk:
            eof = True
            return False
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def skip() -> str:
        nonlocal pos, line
        while True:
            end = _BETWEEN.match(buf, pos).end()  # type: ignore[union-attr]
            line += buf.count("\n", pos, end)
            pos = end
            if pos < len(buf):
                return buf[pos]
            if not fill():
                return ""

    def fail(msg: str) -> ParseError:
        return ParseError(f"{where}:{line}: {msg}; the file must be one JSON array of objects")
    if skip() != "[":
        raise fail("expected '[' at the start")
    pos += 1
    while True:
        ch = skip()
        if ch == "]":
            return
        if ch == "":
            raise fail("the array is not closed (the file ends early)")
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if fill():
                    continue
                at_line = line + buf.count("\n", pos, exc.pos)
                col = exc.pos - buf.rfind("\n", 0, exc.pos)
                raise ParseError(
                    f"{where}:{at_line}: the JSON does not parse ({exc.msg} at column {col}); "
                    "the file must be one JSON array of objects"
                ) from None
            break
        start_line = line
        line += buf.count("\n", pos, end)
        if may_keep is not None and not may_keep(buf, pos, end):
            value = SKIPPED
        pos = end
        yield start_line, value


def iter_csv(stream: IO[str], where: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file as dictionaries (``,`` or ``;`` separated, from the header).

    Yields (row number from 1, row); a row with more cells than the header is refused.
    """
    header_line = stream.readline()
    if not header_line.strip():
        raise ParseError(f"{where}:1: the file is empty; expected a CSV header row")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    header = [h.strip().lstrip("\ufeff") for h in header]
    reader = csv.reader(stream, delimiter=delimiter)
    for n, cells in enumerate(reader, start=1):
        if not cells:
            continue
        if len(cells) > len(header):
            raise ParseError(
                f"{where}:{reader.line_num + 1}: {len(cells)} cells but the header has "
                f"{len(header)}; check the quoting of that row"
            )
        yield n, dict(zip(header, cells, strict=False))
