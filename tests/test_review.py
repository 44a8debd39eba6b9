"""The review's draft log and server, without a browser: decisions on disk, the version check,
the token, the origin check, and what the server refuses to serve."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.claims.format import load_claims
from graph.errors import InputError, SourceError
from graph.evidence import Span
from graph.review import Draft, ReviewServer, VersionConflict
from graph.review.draft import slug

from .conftest import ROOT

DATA = Path(__file__).parent / "data" / "review"
CLOCK = "2026-11-29T15:00:00Z"


def copy_draft(tmp_path: Path, name: str = "fjordklyngen") -> Path:
    """A fresh copy of a test draft and its text; the path of the draft."""
    for suffix in (".claims.toml", ".txt"):
        shutil.copy(DATA / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    return tmp_path / f"{name}.claims.toml"


@pytest.fixture
def draft(tmp_path: Path) -> Draft:
    return Draft(copy_draft(tmp_path), curator="Kari Test", clock=lambda: CLOCK)


def status(path: Path) -> dict[str, tuple[str, str, str]]:
    """Each record's (status, decided_by, decided_at), read back with the claims format."""
    return {r.id: (r.status, r.decided_by, r.decided_at) for r in load_claims(path).records()}


# ---------------------------------------------------------------------------- the draft log


def test_accept_and_reject_are_written_at_once_with_curator_and_time(draft: Draft) -> None:
    v1 = draft.apply({"op": "status", "ids": ["kari-fjell"], "status": "accepted"},
                     draft.version())
    assert v1 == hashlib.sha256(draft.path.read_bytes()).hexdigest()
    draft.apply({"op": "status", "ids": ["vestby"], "status": "rejected"}, v1)
    got = status(draft.path)
    assert got["kari-fjell"] == ("accepted", "Kari Test", CLOCK)
    assert got["vestby"] == ("rejected", "Kari Test", CLOCK)
    assert got["per-sand"] == ("suggested", "", "")
    # everything else is kept as it was: names, spans, confidence, rules, the source
    cf = load_claims(draft.path)
    before = load_claims(DATA / "fjordklyngen.claims.toml")
    assert cf.source == before.source and cf.drafted == before.drafted
    for a, b in zip(cf.records(), before.records(), strict=True):
        assert (a.id, a.spans, a.confidence, a.rule) == (b.id, b.spans, b.confidence, b.rule)


def test_undo_forgets_who_decided(draft: Draft) -> None:
    v = draft.apply({"op": "status", "ids": ["per-sand"], "status": "rejected"}, draft.version())
    draft.apply({"op": "status", "ids": ["per-sand"], "status": "suggested"}, v)
    assert status(draft.path)["per-sand"] == ("suggested", "", "")


def test_bulk_decides_every_record_named(draft: Draft) -> None:
    ids = ["kari-fjell", "per-sand", "fjordklyngen"]
    draft.apply({"op": "status", "ids": ids, "status": "accepted"}, draft.version())
    got = status(draft.path)
    assert [got[i][0] for i in ids] == ["accepted"] * 3
    assert sum(s == "accepted" for s, _, _ in got.values()) == 3


def test_edit_changes_fields_and_span_and_accepts(draft: Draft) -> None:
    text = draft.text
    start = text.index("Smart Innovation Norway")
    draft.apply({"op": "edit", "id": "smart-innovation-norway",
                 "fields": {"link": "orgs:smart-innovation-norway", "kind": "company"},
                 "spans": [[start, start + len("Smart Innovation")]]}, draft.version())
    org = load_claims(draft.path).by_id()["smart-innovation-norway"]
    assert (org.link, org.kind, org.status, org.decided_by) == (
        "orgs:smart-innovation-norway", "company", "accepted", "Kari Test")
    assert org.spans == [Span(start, start + 16)]
    assert org.candidates[0].iri == "orgs:smart-innovation-norway"   # kept


def test_a_curator_marks_a_post_over_and_back(draft: Draft) -> None:
    rid = "post-kari-fjell-fjordklyngen"
    assert load_claims(draft.path).by_id()[rid].ended is False
    draft.apply({"op": "edit", "id": rid, "fields": {"ended": "true"}}, draft.version())
    post = load_claims(draft.path).by_id()[rid]
    assert (post.ended, post.status) == (True, "accepted")
    assert "ended = true" in draft.path.read_text(encoding="utf-8")
    draft.apply({"op": "edit", "id": rid, "fields": {"ended": False}}, draft.version())
    assert load_claims(draft.path).by_id()[rid].ended is False
    assert "ended" not in draft.path.read_text(encoding="utf-8")


def test_add_a_fact_gets_its_own_id(draft: Draft) -> None:
    start = draft.text.index("Nils Berg")
    v = draft.apply({"op": "add", "kind": "person", "fields": {"name": "Nils Berg", "link": "new"},
                     "spans": [[start, start + 9]]}, draft.version())
    draft.apply({"op": "add", "kind": "person", "fields": {"name": "Nils Berg"},
                 "spans": [[start, start + 4]]}, v)
    records = load_claims(draft.path).by_id()
    assert records["nils-berg"].spans == [Span(start, start + 9)]
    assert records["nils-berg"].rule == "curator"
    assert records["nils-berg"].status == "accepted"
    assert records["nils-berg-2"].spans == [Span(start, start + 4)]


def test_paraphrase_is_saved_as_written(draft: Draft) -> None:
    words = "Hun ønsker at bedriftene\nsamarbeider om renere skip."
    draft.apply({"op": "edit", "id": "quote-kari-fjell-1", "fields": {"paraphrase": words}},
                draft.version())
    assert load_claims(draft.path).by_id()["quote-kari-fjell-1"].paraphrase == words


def test_a_quotation_is_accepted_only_with_a_paraphrase(draft: Draft) -> None:
    before = draft.path.read_bytes()
    with pytest.raises(InputError, match="'quote-kari-fjell-1' needs a paraphrase"):
        draft.apply({"op": "status", "ids": ["per-sand", "quote-kari-fjell-1"],
                     "status": "accepted"}, draft.version())
    assert draft.path.read_bytes() == before
    draft.apply({"op": "status", "ids": ["quote-kari-fjell-1"], "status": "rejected"},
                draft.version())
    assert status(draft.path)["quote-kari-fjell-1"][0] == "rejected"


def test_a_stale_version_is_refused_and_nothing_is_written(draft: Draft) -> None:
    old = draft.version()
    draft.apply({"op": "status", "ids": ["per-sand"], "status": "accepted"}, old)
    on_disk = draft.path.read_bytes()
    with pytest.raises(VersionConflict, match="changed since this page read it.*Reload"):
        draft.apply({"op": "status", "ids": ["vestby"], "status": "rejected"}, old)
    assert draft.path.read_bytes() == on_disk


def test_an_edit_on_disk_is_detected(draft: Draft) -> None:
    version = draft.version()
    draft.path.write_text(draft.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(VersionConflict):
        draft.apply({"op": "status", "ids": ["per-sand"], "status": "accepted"}, version)


@pytest.mark.parametrize(("change", "message"), [
    ({"op": "status", "ids": ["nobody"], "status": "accepted"}, "no record with id 'nobody'"),
    ({"op": "status", "ids": ["per-sand"], "status": "maybe"}, "status must be one of"),
    ({"op": "edit", "id": "per-sand", "fields": {"age": "40"}}, "no editable field 'age'"),
    ({"op": "edit", "id": "post-kari-fjell-fjordklyngen", "fields": {"start": "1. mars"}},
     "start '1. mars' must be a date: YYYY-MM-DD"),
    ({"op": "edit", "id": "post-kari-fjell-fjordklyngen", "fields": {"organisation": "nowhere"}},
     "organisation = 'nowhere' names no record"),
    ({"op": "edit", "id": "per-sand", "fields": {"name": ""}}, "name is missing"),
    ({"op": "edit", "id": "post-kari-fjell-fjordklyngen", "fields": {"ended": "maybe"}},
     "field 'ended' must be true or false"),
    ({"op": "add", "kind": "person", "fields": {"name": "X"}, "spans": [[5, 5000]]},
     r"span \[5, 5000\] is outside the text"),
    ({"op": "add", "kind": "robot", "fields": {}, "spans": [[0, 4]]}, "kind must be one of"),
    ({"op": "drop"}, "unknown op 'drop'"),
])
def test_bad_changes_say_what_is_wrong_and_write_nothing(
        draft: Draft, change: dict[str, Any], message: str) -> None:
    before = draft.path.read_bytes()
    with pytest.raises(InputError, match=message):
        draft.apply(change, draft.version())
    assert draft.path.read_bytes() == before


def test_a_failed_write_leaves_the_old_draft_and_no_temporary_file(
        draft: Draft, monkeypatch: pytest.MonkeyPatch) -> None:
    before = draft.path.read_bytes()

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        draft.apply({"op": "status", "ids": ["per-sand"], "status": "accepted"}, draft.version())
    assert draft.path.read_bytes() == before
    assert sorted(p.name for p in draft.path.parent.iterdir()) == [
        "fjordklyngen.claims.toml", "fjordklyngen.txt"]


def test_a_source_that_is_not_the_drafts_is_refused(tmp_path: Path) -> None:
    path = copy_draft(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("En annen tekst.", encoding="utf-8")
    with pytest.raises(SourceError, match="SHA-256 .* give the source the draft was made from"):
        Draft(path, other)


def test_anchor_spans_are_resolved_for_the_page(tmp_path: Path) -> None:
    path = copy_draft(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        'spans = [[', 'spans = ["Per Sand", "Ingen slik frase", [', 1)
    path.write_text(text, encoding="utf-8")
    first = Draft(path).state()["records"][0]
    source = (tmp_path / "fjordklyngen.txt").read_text(encoding="utf-8")
    s = source.index("Per Sand")
    assert first["spans"][0] == [s, s + 8]
    assert len(first["spans"]) == 4
    assert first["unresolved"] == ["“Ingen slik frase”"]


def test_slugs() -> None:
    assert slug("Ærlig Åse Østby") == "aerlig-ase-ostby"


# ---------------------------------------------------------------------------- the server


@pytest.fixture
def server(draft: Draft) -> Iterator[ReviewServer]:
    s = ReviewServer(draft, token="secret-token")
    s.start()
    yield s
    s.stop()


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def change(server: ReviewServer, body: dict[str, Any], **headers: str) -> tuple[int, Any]:
    sent = {"Origin": server.origin, "X-Review-Token": server.token,
            "Content-Type": "application/json", **headers}
    code, _, data = request(server.origin + "/api/change", json.dumps(body).encode(),
                            {k: v for k, v in sent.items() if v})
    return code, json.loads(data)


def test_the_page_needs_the_token(server: ReviewServer) -> None:
    code, headers, body = request(server.url)
    assert code == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "Access-Control-Allow-Origin" not in headers
    assert b"Kari Fjell" in body
    code, _, body = request(server.origin + "/?token=wrong")
    assert code == 403 and b"carries the token" in body
    code, _, _ = request(server.origin + "/")
    assert code == 403


def test_the_api_needs_the_token_header(server: ReviewServer) -> None:
    code, _, body = request(server.origin + "/api/state")
    assert code == 403 and b"X-Review-Token" in body
    code, _, body = request(server.origin + "/api/state?token=" + server.token)
    assert code == 403
    code, _, body = request(server.origin + "/api/state", headers={"X-Review-Token": server.token})
    assert code == 200 and json.loads(body)["version"] == server.draft.version()


@pytest.mark.parametrize("path", [
    "/fjordklyngen.txt", "/fjordklyngen.claims.toml", "/../../etc/passwd", "/%2e%2e/etc/passwd",
    "/api/../fjordklyngen.txt", "/favicon.ico", "/api/statex",
])
def test_nothing_else_is_served(server: ReviewServer, path: str) -> None:
    code, _, body = request(server.origin + path + "?token=" + server.token,
                            headers={"X-Review-Token": server.token})
    assert code == 404
    assert b"Kari" not in body


def test_changes_only_from_the_page_itself(server: ReviewServer) -> None:
    body = {"version": server.draft.version(),
            "change": {"op": "status", "ids": ["per-sand"], "status": "accepted"}}
    before = server.draft.path.read_bytes()
    for headers in ({"Origin": "http://evil.example"}, {"Origin": ""},
                    {"Origin": "null"}, {"X-Review-Token": ""}, {"X-Review-Token": "guess"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Content-Type": "text/plain"}):
        code, answer = change(server, body, **headers)
        assert code in (403, 415), headers
        assert answer["error"]
    # a DNS-rebinding host name gets nothing
    code, _, _ = request(server.origin + "/api/state",
                         headers={"X-Review-Token": server.token, "Host": "evil.example"})
    assert code == 421
    assert server.draft.path.read_bytes() == before
    code, answer = change(server, body)
    assert code == 200 and answer["version"] == server.draft.version()
    assert status(server.draft.path)["per-sand"][0] == "accepted"


def test_a_conflicting_change_gets_409_with_a_clear_message(server: ReviewServer) -> None:
    old = server.draft.version()
    ok = {"op": "status", "ids": ["per-sand"], "status": "accepted"}
    assert change(server, {"version": old, "change": ok})[0] == 200
    code, answer = change(server, {"version": old, "change": {
        "op": "status", "ids": ["vestby"], "status": "rejected"}})
    assert code == 409
    assert "changed since this page read it" in answer["error"]
    assert answer["version"] == server.draft.version()
    assert status(server.draft.path)["vestby"][0] == "suggested"


def test_bad_requests_get_400_with_the_reason(server: ReviewServer) -> None:
    code, answer = change(server, {"version": server.draft.version(),
                                   "change": {"op": "status", "ids": [], "status": "accepted"}})
    assert code == 400 and "non-empty list" in answer["error"]
    code, _, body = request(server.origin + "/api/change", b"{not json",
                            {"Origin": server.origin, "X-Review-Token": server.token,
                             "Content-Type": "application/json"})
    assert code == 400 and b"not JSON" in body


def test_search_without_a_graph_finds_nothing(server: ReviewServer) -> None:
    code, _, body = request(server.origin + "/api/search?q=Unni",
                            headers={"X-Review-Token": server.token})
    assert code == 200 and json.loads(body) == []


def test_search_finds_the_graphs_entities_by_any_spelling(draft: Draft, kg: Any) -> None:
    s = ReviewServer(draft, kg)
    s.start()
    try:
        code, _, body = request(s.origin + "/api/search?q=svinesundskomittens",
                                headers={"X-Review-Token": s.token})
    finally:
        s.stop()
    assert code == 200
    assert [h["iri"] for h in json.loads(body)] == [
        "https://w3id.org/innograph/id/org/svinesundskomiteen"]


# ---------------------------------------------------------------------------- the command


def test_review_command_bad_input_exit_2(cli: Any, tmp_path: Path) -> None:
    result = cli("review", str(tmp_path / "missing.claims.toml"))
    assert result.code == 2
    assert "no such draft file" in result.err and "Traceback" not in result.err
    path = copy_draft(tmp_path)
    result = cli("review", str(path), "--source", str(tmp_path / "nope.txt"))
    assert result.code == 2 and "no such source text" in result.err
    bad = tmp_path / "bad.claims.toml"
    bad.write_text('format = 1\n[source]\nid = "x"\n[[person]]\nid = "a"\n', encoding="utf-8")
    result = cli("review", str(bad))
    assert result.code == 2 and "bad.claims.toml:4" in result.err and "name is missing" in result.err


def test_review_command_prints_the_url_and_serves(tmp_path: Path) -> None:
    path = copy_draft(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", "review", str(path), "--curator", "Ola", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        code, _, body = request(url)
        assert code == 200 and b"Fjordklyngen" in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
