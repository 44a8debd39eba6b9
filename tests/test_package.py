"""The wheel ships the ontology, the data and the named queries: an installed copy, run from
another folder, loads the default graph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_installed_package_loads_the_default_graph(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    shipped = sorted(p.relative_to(target / "graph").as_posix()
                     for p in (target / "graph").rglob("*") if p.suffix in (".ttl", ".trig", ".rq"))
    assert "ontology/innograph.ttl" in shipped and "ontology/shapes.ttl" in shipped
    assert "data/000_1c50d6c5c024da5a.trig" in shipped
    assert len([p for p in shipped if p.startswith("queries/")]) >= 10
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import graph; kg = graph.load(); print(graph.__file__); "
        "print(kg.stats()['persons'], kg.validate().conforms)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    p = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    where, answer = p.stdout.splitlines()
    assert where.startswith(str(target))
    assert answer == "6 True"
