"""Shared fixtures: the packaged graph on each store, the source text, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import graph

ROOT = Path(__file__).resolve().parent.parent
SOURCE_ID = "000_1c50d6c5c024da5a"


def source_path() -> Path:
    """The source article: ``../shared/corpus`` beside the checkout (or $INNOGRAPH_CORPUS)."""
    base = Path(os.environ.get("INNOGRAPH_CORPUS", ROOT.parent / "shared" / "corpus"))
    return base / f"{SOURCE_ID}.txt"


@pytest.fixture(scope="session")
def source_text() -> str:
    path = source_path()
    if not path.is_file():
        pytest.fail(f"the source article is missing: {path} (set INNOGRAPH_CORPUS)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kg() -> graph.KnowledgeGraph:
    """The packaged graph on the default store (read-only: do not change it in a test)."""
    return graph.load()


@pytest.fixture(scope="session", params=["memory", "oxigraph"])
def any_kg(request: pytest.FixtureRequest) -> graph.KnowledgeGraph:
    """The packaged graph on every embedded store."""
    return graph.load(store=request.param)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``innograph`` in-process: ``cli("query", "article")`` → CliResult."""
    from graph.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_module(*args: str, cwd: Path | None = None, env: dict | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m graph ARGS`` in a fresh process (for exit codes and start-up)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=cwd or ROOT, env=full_env,
        capture_output=True, text=True, timeout=timeout,
    )
