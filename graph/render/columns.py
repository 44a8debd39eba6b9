"""Tables of a view model kept as columns: small to store, fast to encode, read as rows.

A page of 100,000 nodes and 190,000 edges carries its nodes, edges and evidence as one list
per field (numbers for repeated values, looked up in small tables; defaults left out), which
one JSON encoder writes in one pass and a browser parses several times faster than one object
per row. In Python each table is still a sequence of rows (``dict``), built on access, so that
code and tests read ``model["nodes"][i]["label"]`` as before.

Examples
--------
>>> t = Table({"name": ["a", "b"], "extra": [0, 2]}, lambda c, i: {
...     "id": i, "name": c["name"][i], **({"extra": c["extra"][i]} if c["extra"][i] else {})})
>>> len(t), t[1], [row["name"] for row in t]
(2, {'id': 1, 'name': 'b', 'extra': 2}, ['a', 'b'])
>>> t == [{"id": 0, "name": "a"}, {"id": 1, "name": "b", "extra": 2}]
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

__all__ = ["Interned", "Table"]

Row = dict[str, Any]


class Table(Sequence[Row]):
    """Rows stored as ``columns`` (field → list, or a mapping of such lists); ``row(columns,
    i)`` builds row ``i``. ``len`` is that of the first column."""

    def __init__(self, columns: dict[str, Any], row: Callable[[dict[str, Any], int], Row],
                 length: int | None = None) -> None:
        self.columns = columns
        self._row = row
        if length is None:
            first: Any = next(iter(columns.values()), [])
            length = len(first)
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> Row: ...

    @overload
    def __getitem__(self, i: slice) -> list[Row]: ...

    def __getitem__(self, i: int | slice) -> Row | list[Row]:
        if isinstance(i, slice):
            return [self._row(self.columns, j) for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError(f"row {i} of a table of {self._length}")
        return self._row(self.columns, i)

    def __iter__(self) -> Iterator[Row]:
        row, columns = self._row, self.columns
        return (row(columns, i) for i in range(self._length))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Table, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Table of {self._length} rows: {', '.join(self.columns)}>"


class Interned:
    """Numbers for repeated values: each value's number in the order first seen.

    >>> kinds = Interned([""])
    >>> [kinds.number(k) for k in ("", "person", "event", "person")], kinds.values
    ([0, 1, 2, 1], ['', 'person', 'event'])
    """

    def __init__(self, first: Sequence[Any] = ()) -> None:
        self.values: list[Any] = []
        self._number: dict[Any, int] = {}
        for value in first:
            self.number(value)

    def number(self, value: Any) -> int:
        key = tuple(value) if isinstance(value, list) else value
        found = self._number.get(key)
        if found is None:
            found = self._number[key] = len(self.values)
            self.values.append(value)
        return found
