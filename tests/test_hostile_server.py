"""Hostile requests to ``innograph serve``: request forgery, lock-out, memory, file reads, DNS
rebinding, idle sockets, bad options, store locks. Every server binds to 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import graph
from graph.server import TRUNCATED_HEADER, SparqlServer

from .conftest import ROOT, free_port, run_module
from .hostile import ENDLESS, HUNGRY, PERSONS, Recorder, alive, children, http


@pytest.fixture(scope="module")
def kg() -> graph.KnowledgeGraph:
    return graph.load()


def started(kg: graph.KnowledgeGraph, **options: object) -> SparqlServer:
    server = SparqlServer(kg, port=0, **options)  # type: ignore[arg-type]
    server.start()
    return server


def ask(server: SparqlServer, query: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return http(server.url + "/sparql?" + urllib.parse.urlencode({"query": query}),
                headers={"Accept": "application/sparql-results+json", **headers})


def wait_for(condition, seconds: float = 30.0) -> bool:
    """Poll a condition until it holds (True) or the time is up (False)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


# ---------------------------------------------------------------------------- 1. request forgery


@pytest.mark.parametrize("silent", ["", "SILENT "])
def test_service_reaches_no_endpoint_unless_allowed(kg, silent):
    victim = Recorder()
    query = f"SELECT * WHERE {{ SERVICE {silent}<{victim.url}/sparql> {{ ?s ?p ?o }} }}"
    server = started(kg)
    try:
        status, _, body = ask(server, query)
        assert status == 400 and b"--allow-service" in body
        hidden = query.replace("SERVICE", "\\u0053ERVICE")  # an escape does not hide it
        assert ask(server, hidden)[0] in (400,)
        assert victim.requests == []
    finally:
        server.stop()
    allowed = started(kg, allow_service=[f"{victim.url}/sparql"])
    try:
        status, _, body = ask(allowed, query)
        assert status == 200 and json.loads(body)["results"]["bindings"] == []
        assert [m for m, _ in victim.requests] == ["POST"]  # the operator's choice is honoured
    finally:
        allowed.stop()
        victim.stop()


def test_load_fetches_only_what_the_operator_allows(tmp_path):
    victim = Recorder()
    own = graph.load(store="oxigraph")
    server = started(own, allow_update=True, token="t0ken")
    try:
        status, _, body = http(server.url + "/sparql", data=f"LOAD <{victim.url}/x.ttl>".encode(),
                               headers={"Content-Type": "application/sparql-update",
                                        "Authorization": "Bearer t0ken"})
        assert status == 400 and b"--allow-load" in body
        assert victim.requests == []
    finally:
        server.stop()
        victim.stop()


# ---------------------------------------------------------------------------- 2. lock-out


def test_overrunning_queries_are_killed_and_admission_counts_running_ones(kg):
    server = started(kg, timeout=1.5, max_running=2)
    try:
        with ThreadPoolExecutor(5) as pool:
            answers = list(pool.map(lambda _: ask(server, ENDLESS), range(5)))
            # at no time more workers than slots
        assert [a[0] for a in answers] == [503] * 5
        assert all(b"time limit of 1.5 s" in a[2] or b"busy" in a[2] for a in answers)
        # nothing of them lives on, and the next query is answered at once
        assert wait_for(lambda: not children(), 10), children()
        status, _, body = ask(server, PERSONS)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 6
    finally:
        server.stop()


def test_no_more_workers_than_slots(kg):
    server = started(kg, timeout=3, max_running=2)
    seen: list[int] = []
    try:
        with ThreadPoolExecutor(4) as pool:
            futures = [pool.submit(ask, server, ENDLESS) for _ in range(4)]
            while not all(f.done() for f in futures):
                seen.append(len(children()))
                time.sleep(0.05)
        assert max(seen) == 2
    finally:
        server.stop()


# ---------------------------------------------------------------------------- 3. memory and bytes


def test_a_query_that_eats_memory_is_stopped_at_the_limit(kg):
    server = started(kg, timeout=60, memory_limit=150)
    try:
        status, _, body = ask(server, HUNGRY)
        assert status == 503 and b"memory limit of 150 MB" in body
        assert wait_for(lambda: not children(), 10)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def big_literals(tmp_path_factory) -> graph.KnowledgeGraph:
    path = tmp_path_factory.mktemp("big") / "big.nt"
    value = "Kunnskapsdeling " * 6_000  # 96 kB
    path.write_text("".join(f'<http://example.org/doc{i}> <http://example.org/text> "{value}" .\n'
                            for i in range(60)), encoding="utf-8")
    return graph.load(path)


def test_answers_are_capped_in_bytes_and_say_so(big_literals):
    server = started(big_literals, max_bytes=1_000_000)
    try:
        query = "SELECT ?d ?t WHERE { ?d <http://example.org/text> ?t } ORDER BY ?d"
        for accept, parse in (("application/sparql-results+json",
                               lambda b: len(json.loads(b)["results"]["bindings"])),
                              ("text/csv", lambda b: b.decode().count("\n") - 1)):
            status, headers, body = http(server.url + "/sparql?" + urllib.parse.urlencode(
                {"query": query}), headers={"Accept": accept})
            assert status == 200 and len(body) <= 1_000_000
            assert headers[TRUNCATED_HEADER] == "true; max-bytes=1000000"
            assert 5 <= parse(body) < 60  # whole rows, as many as fit
        status, headers, body = ask(server, "SELECT ?d WHERE { ?d ?p ?t }")
        assert status == 200 and TRUNCATED_HEADER not in headers
    finally:
        server.stop()


def test_cli_query_stops_at_its_timeout():
    result = run_module("query", "--timeout", "1", ENDLESS, timeout=60)
    assert result.returncode == 2 and "--timeout 1 s" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_stops_a_running_cli_query():
    proc = subprocess.Popen([sys.executable, "-m", "graph", "query", ENDLESS], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: children(proc.pid), 60), "the query never started"
        worker = children(proc.pid)[0]
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)  # generous: a loaded machine is slow to stop
        assert proc.returncode == 130 and "Interrupted" in err
        assert wait_for(lambda: not alive(worker), 10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------- 4. file read


def test_the_query_page_serves_only_named_queries(kg, tmp_path):
    secret = tmp_path / "secret.rq"
    secret.write_text("# hemmelig: passordet er fiskesuppe\nASK { ?s ?p ?o }\n", encoding="utf-8")
    server = started(kg)
    try:
        from graph import resources

        up = os.path.relpath(secret.with_suffix(""), resources.queries_dir())
        for name in (up, str(secret.with_suffix(""))):
            status, _, body = http(server.url + "/?" + urllib.parse.urlencode({"name": name}))
            assert status == 200 and b"fiskesuppe" not in body
            assert b"no named query" in body
        status, _, body = http(server.url + "/?name=seminar-topics")
        assert b"digitalisering" in body
    finally:
        server.stop()


def test_named_query_text_refuses_paths():
    with pytest.raises(graph.NotFoundError):
        graph.KnowledgeGraph.named_query_text("../queries/article")


# ---------------------------------------------------------------------------- 5. DNS rebinding


def test_only_own_host_names_are_answered(kg):
    server = started(kg, allowed_hosts=["graf.example.no"])
    port = server.url.rsplit(":", 1)[1]
    try:
        status, _, body = ask(server, PERSONS, Host=f"attacker.example:{port}")
        assert status == 421 and b"--allow-host" in body
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "graf.example.no", "LOCALHOST"):
            assert ask(server, PERSONS, Host=host)[0] == 200, host
    finally:
        server.stop()


# ---------------------------------------------------------------------------- 6. idle sockets


def test_idle_sockets_time_out_and_connections_are_capped(kg):
    server = started(kg, max_connections=3, idle_timeout=1.0)
    host, port = "127.0.0.1", int(server.url.rsplit(":", 1)[1])
    idle = [socket.create_connection((host, port)) for _ in range(3)]
    try:
        time.sleep(0.2)  # let the server accept them (the cap counts accepted connections)
        extra = socket.create_connection((host, port))
        extra.settimeout(10)
        assert extra.recv(100).startswith(b"HTTP/1.0 503")
        extra.close()
        for s in idle:  # a slow sender is cut off after the idle time, whatever it sends
            s.settimeout(10)
            s.sendall(b"GET /sparql?query=ASK")
        for s in idle:
            assert s.recv(100) in (b"",) or s.recv(100) == b""
        assert wait_for(lambda: ask(server, PERSONS)[0] == 200, 10)
    finally:
        for s in idle:
            s.close()
        server.stop()


# ---------------------------------------------------------------------------- 7. options, token


@pytest.mark.parametrize("args, message", [
    (["--port", "99999"], "--port must be a whole number from 0 to 65535"),
    (["--timeout", "inf"], "--timeout must be a number above 0"),
    (["--timeout", "nan"], "--timeout must be a number above 0"),
    (["--max-bytes", "0"], "--max-bytes must be a whole number above 0"),
    (["--token", "s3cret", "--allow-update"], "--token-file"),
    (["--allow-update"], "needs a token"),
])
def test_bad_serve_options_exit_2_with_a_message(cli, monkeypatch, args, message):
    monkeypatch.delenv("INNOGRAPH_TOKEN", raising=False)
    monkeypatch.delenv("INNOGRAPH_SERVE_TOKEN", raising=False)
    result = cli("serve", "--port", str(free_port()), *args)
    assert result.code == 2, result.err
    assert message in result.err and "Traceback" not in result.err


def serve(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", str(port), *args],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "Serving" in line, line + proc.stderr.read()
    return proc, f"http://127.0.0.1:{port}"


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=20)


UPDATE = ('INSERT DATA { <https://w3id.org/innograph/id/person/prove> '
          '<https://schema.org/name> "Prøve Person" }')


@pytest.mark.parametrize("how", ["file", "env"])
def test_the_token_comes_from_a_file_or_the_environment(tmp_path, how):
    token = "hemmelig-123"
    (tmp_path / "token").write_text(token + "\n", encoding="utf-8")
    args = ["--token-file", str(tmp_path / "token")] if how == "file" else []
    proc, url = serve("--allow-update", *args, env={"INNOGRAPH_TOKEN": token})
    try:
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        assert token.encode() not in cmdline
        headers = {"Content-Type": "application/sparql-update"}
        assert http(url + "/sparql", UPDATE.encode(), {**headers,
                    "Authorization": "Bearer wrong"})[0] == 403
        assert http(url + "/sparql", UPDATE.encode(), {**headers,
                    "Authorization": f"Bearer {token}"})[0] == 204
    finally:
        stop(proc)


# ---------------------------------------------------------------------------- 8. store locks


@pytest.mark.parametrize("mode", [[], ["--allow-update"]])
def test_a_served_disk_store_does_not_lock_out_queries(tmp_path, cli, mode):
    store = f"oxigraph:{tmp_path / 'db'}"
    assert cli("load", "--store", store).code == 0
    (tmp_path / "token").write_text("t", encoding="utf-8")
    extra = ["--token-file", str(tmp_path / "token")] if mode else []
    proc, url = serve("--store", store, *mode, *extra)
    try:
        result = cli("query", "seminar-topics", "--store", store, "--format", "csv")
        assert result.code == 0, result.err
        assert "kunnskapsdeling" in result.out
        status, _, body = http(url + "/sparql?" + urllib.parse.urlencode({"query": PERSONS}),
                               headers={"Accept": "text/csv"})
        assert status == 200 and "Unni Skår" in body.decode()
        if mode:  # the server writes: another writer is told why it cannot
            extra_file = tmp_path / "extra.ttl"
            extra_file.write_text("<http://example.org/a> <http://example.org/b> 1 .\n")
            result = cli("load", str(extra_file), "--store", store)
            assert result.code == 1
            assert "another process holds it open for writing" in result.err
    finally:
        stop(proc)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_a_store_in_a_read_only_folder_answers_queries(tmp_path):
    store = f"oxigraph:{tmp_path / 'db'}"
    assert run_module("load", "--store", store).returncode == 0
    for p in [tmp_path / "db", *(tmp_path / "db").iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        result = run_module("query", "seminar-topics", "--store", store)
        assert result.returncode == 0, result.stderr
        extra = tmp_path / "x.ttl"
        extra.write_text("<http://example.org/a> <http://example.org/b> 1 .\n")
        result = run_module("load", str(extra), "--store", store)
        assert result.returncode == 1 and "not writable" in result.stderr
    finally:
        (tmp_path / "db").chmod(0o755)
