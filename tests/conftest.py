"""Shared fixtures: the packaged graph on each store, the source text, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

import graph

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SOURCE_ID = "000_1c50d6c5c024da5a"


def in_ci() -> bool:
    """True under CI (``CI=true``), where a missing prerequisite fails a test instead of skipping it."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(problem: str) -> NoReturn:
    """Skip the test with ``problem`` as the reason; under CI, fail it instead."""
    if in_ci():
        pytest.fail(f"{problem} (CI=true: missing prerequisites fail)", pytrace=False)
    pytest.skip(problem)


def source_path() -> Path:
    """The source article: ``../shared/corpus`` beside the checkout (or $INNOGRAPH_CORPUS)."""
    base = Path(os.environ.get("INNOGRAPH_CORPUS", SHARED / "corpus"))
    return base / f"{SOURCE_ID}.txt"


def require_source() -> Path:
    """The source article's path; skips the test (fails it under CI) when the file is missing."""
    path = source_path()
    if not path.is_file():
        missing(f"the source article {path} is missing: put {SOURCE_ID}.txt in a folder and "
                f"set INNOGRAPH_CORPUS to that folder (by default ../shared/corpus beside the "
                f"checkout)")
    return path


def require_shared(relative: str) -> Path:
    """A file under ``../shared`` (schemas, tools); skips (fails under CI) when it is missing."""
    path = SHARED / relative
    if not path.exists():
        missing(f"{path} is missing: the tests read it from ../shared beside the checkout")
    return path


@pytest.fixture(scope="session")
def source_text() -> str:
    """The source article's text (skips the test when the file is missing, except under CI)."""
    return require_source().read_text(encoding="utf-8")


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


# ---------------------------------------------------------------------------- stores and servers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> Path:
    """The Oxigraph server from the ``oxigraph`` package, beside this Python (or on PATH)."""
    import shutil

    beside = Path(sys.executable).parent / "oxigraph"
    found = beside if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the Oxigraph server is missing: pip install -e '.[test]' (package oxigraph)")
    return Path(found)


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` on a free loopback port."""

    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()
            self.process.wait()


def start_oxigraph(location: Path, union: bool = True) -> OxigraphServer:
    """Start ``oxigraph serve --union-default-graph`` on disk at ``location``; wait until up."""
    import time
    import urllib.request

    port = free_port()
    process = subprocess.Popen(
        [str(oxigraph_binary()), "serve", "--location", str(location),
         "--bind", f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    server = OxigraphServer(process, port)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode() if process.stderr else ""
            pytest.fail(f"the Oxigraph server did not start: {err}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
                                        timeout=2):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    pytest.fail("the Oxigraph server did not answer within 30 s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """An Oxigraph server with the packaged graph loaded through the Graph Store Protocol."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"))
    try:
        graph.load(store=f"sparql:{server.url}").close()
        yield server
    finally:
        server.stop()


BACKENDS = ["memory", "oxigraph", "oxigraph:PATH", "sparql:URL"]


@pytest.fixture(scope="session", params=BACKENDS)
def backend_kg(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> graph.KnowledgeGraph:
    """The packaged graph on every backend: rdflib, embedded Oxigraph in memory and on disk,
    and an Oxigraph server over the SPARQL protocols (read-only: do not change it)."""
    spec = request.param
    if spec == "oxigraph:PATH":
        spec = f"oxigraph:{tmp_path_factory.mktemp('oxigraph-disk') / 'db'}"
    elif spec == "sparql:URL":
        spec = f"sparql:{request.getfixturevalue('oxigraph_server').url}"
    kg = graph.load(store=spec)
    yield kg
    kg.close()
