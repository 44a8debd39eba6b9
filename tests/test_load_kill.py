"""A load into the on-disk store is all or nothing, even when the loading process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import graph
from graph.kg import KnowledgeGraph
from graph.stores import rdf_file
from graph.stores.oxigraph import STAGING_THRESHOLD
from graph.synthetic import generate

from .conftest import ROOT


def snapshot(kg: KnowledgeGraph) -> dict[str, list[tuple[str, ...]]]:
    return {
        name: sorted(tuple("" if t is None else t.n3() for t in row)
                     for row in kg.named_query(name).rows)
        for name in kg.named_queries()
    }


def test_a_load_killed_midway_leaves_the_previous_state(tmp_path):
    big = tmp_path / "big.nq"
    stats = generate(big, triples=400_000, seed=3)
    assert big.stat().st_size > STAGING_THRESHOLD  # the staged, bulk-loading path
    db = tmp_path / "db"
    spec = f"oxigraph:{db}"
    kg = graph.load(store=spec)
    before, answers = len(kg), snapshot(kg)
    kg.close()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "load", str(big), "--store", spec],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    staging = tmp_path / "db.innograph-staging"
    deadline = time.monotonic() + 60
    while not staging.is_dir() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    time.sleep(0.3)  # into the bulk load (which takes seconds for 400k quads)
    assert proc.poll() is None, "the load ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    kg = graph.load(store=spec)
    assert len(kg) == before
    assert snapshot(kg) == answers
    assert rdf_file(big).digest not in kg.store.loaded_digests()
    assert not kg.query("ASK { ?a a <https://schema.org/NewsArticle> ; "
                        "<https://schema.org/headline> ?h FILTER(STRSTARTS(STR(?a), "
                        "'https://w3id.org/innograph/id/article/s3-')) }").boolean
    assert not staging.exists()  # the killed load's copy is cleaned up on open

    # and the store takes the same load afterwards, whole
    added = graph.load(big, store=kg.store)
    assert len(added) == before + stats.quads  # the file's quads (the load record is no data)
    assert rdf_file(big).digest in added.store.loaded_digests()
    kg.close()
