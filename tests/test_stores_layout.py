"""The shape of the stores package: small modules, short functions, no private reach-ins."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

STORES = Path(__file__).resolve().parent.parent / "graph" / "stores"
MODULES = sorted(STORES.glob("*.py"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_module_is_under_600_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) < 600


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_function_is_over_80_lines(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = {f.name: f.end_lineno - f.lineno + 1 for f in _functions(tree)
            if f.end_lineno is not None and f.end_lineno - f.lineno + 1 > 80}
    assert long == {}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_imports_private_names_of_another(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        for alias in node.names if alias.name.startswith("_") and alias.name != "__future__"
        and node.module != "__future__"
    ]
    assert private == []


def test_the_old_modules_are_gone() -> None:
    assert importlib.util.find_spec("graph.store") is None
    assert importlib.util.find_spec("graph.remote") is None


def test_the_package_names_every_store() -> None:
    import graph
    from graph import stores

    assert graph.open_store is stores.open_store
    assert graph.QueryResult is stores.QueryResult
    assert [type(stores.open_store(s)).__name__ for s in ("memory", "oxigraph")] == [
        "MemoryStore", "OxigraphStore"]
    assert type(stores.open_store("sparql:http://127.0.0.1:9/query")).__name__ == "SparqlStore"
