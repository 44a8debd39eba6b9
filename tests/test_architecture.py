"""The shape of the code: module-level imports form no cycle; one vocabulary; one evidence model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "graph"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_imports(path: Path) -> set[str]:
    """The graph.* modules a module imports when it is imported (not inside functions, not
    under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("graph"))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("graph"):
                    continue
                found.add(target)
                for alias in node.names:  # `from . import vocab` imports a module
                    if (PACKAGE.parent / Path(*f"{target}.{alias.name}".split("."))).with_suffix(
                        ".py"
                    ).exists():
                        found.add(f"{target}.{alias.name}")
            elif isinstance(node, ast.If | ast.Try):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for h in getattr(node, "handlers", []):
                    visit(h.body)

    visit(tree.body)
    found.discard(name)
    return found


def _import_graph() -> nx.DiGraph:
    G = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        G.add_node(_module_name(path))
        for target in _top_level_imports(path):
            G.add_edge(_module_name(path), target)
    # importing graph.a.b first imports its packages: that is no dependency of ours
    G.remove_edges_from([(a, b) for a, b in list(G.edges) if a.startswith(b + ".")])
    return G


def test_module_level_imports_have_no_cycle():
    cycles = list(nx.simple_cycles(_import_graph()))
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_bottom_layer_imports_nothing_above_it():
    G = _import_graph()
    assert set(G.successors("graph.vocab")) == set()
    assert set(G.successors("graph.errors")) == set()
    assert set(G.successors("graph.evidence")) <= {"graph.vocab", "graph.errors"}


def test_no_module_outside_vocab_names_a_namespace():
    # a namespace is named where a string constant ends in # or / and is assigned at module level
    pattern = re.compile(r'^[A-Z_]+\s*=\s*(Namespace\()?"https?://[^"]*[#/]"', re.M)
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "vocab.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_one_evidence_writer():
    # only graph/evidence.py writes oa:TextPositionSelector statements
    writers = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "evidence.py"
        and re.search(r'add\(\(.*TextPositionSelector|\+ "TextPositionSelector"',
                      path.read_text(encoding="utf-8"))
    ]
    assert writers == []


def test_modules_and_functions_stay_small():
    # a module over 600 lines or a function over 80 holds more than one concern: cut it at
    # its seams
    big = [str(p.relative_to(PACKAGE.parent)) for p in sorted(PACKAGE.rglob("*.py"))
           if len(p.read_text(encoding="utf-8").splitlines()) >= 600]
    assert big == []
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > 80:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}")
    assert long == []
