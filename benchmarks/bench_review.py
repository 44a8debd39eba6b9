"""A keyboard-only review of each dev-set article's draft, in headless Chromium.

For each text of the development set: ``innograph draft`` suggests its claims, the review server
serves the draft, and a script plays the curator with the keyboard alone: on each suggestion it
presses ``a`` when the suggestion agrees with ``gold.json`` and ``r`` when it does not, and the
page moves to the next undecided suggestion by itself. An accepted quotation needs a paraphrase:
``a`` opens it, the script types a sentence of its own and saves it with Ctrl+Enter. Prints, per article, the suggestions,
how many were right, the keystrokes, the time from the page's first drawing to the last decision
saved on disk, and the facts of the gold data that the draft missed (which a curator adds by
selecting text, not counted here). Timings depend on the machine.

    python benchmarks/bench_review.py
    python benchmarks/bench_review.py --screenshot benchmarks/review-page.png

``--screenshot`` saves a picture of the page part-way through the review of the invented test
draft ``tests/data/review/fjordklyngen.claims.toml``: three decisions taken, and an organisation
being linked to the graph's entity through a search.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import graph  # noqa: E402
from graph.claims.format import ClaimsFile, Record, dumps, load_claims  # noqa: E402
from graph.review import Draft, ReviewServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
#: Paraphrases of our own (nb, sv), typed for every accepted quotation.
PARAPHRASE = ("Vedkommende ønsker mer samarbeid i regionen.",
              "Personen vill se mer samarbete i regionen.")
DEV = Path(os.environ.get("INNOGRAPH_CORPUS", ROOT.parent / "shared" / "corpus")) / "dev"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def judge(record: Record, cf: ClaimsFile, gold: dict[str, Any]) -> bool:
    """Whether a suggestion agrees with the gold data of its text."""
    names = {r.id: fold(getattr(r, "name", "") or r.id) for r in cf.records()}

    def name(ref: str) -> str:
        return names.get(ref, fold(ref))

    persons = {fold(p) for p in gold["persons"]}
    orgs = {fold(o) for o in gold["organisations"]}
    events = {fold(e["name"]): e for e in gold["events"]}
    if record.TABLE == "person":
        return fold(record.name) in persons  # type: ignore[attr-defined]
    if record.TABLE == "organisation":
        return fold(record.name) in orgs  # type: ignore[attr-defined]
    if record.TABLE == "post":
        key = (name(record.person), fold(record.role), name(record.organisation))  # type: ignore[attr-defined]
        return key in {(fold(p), fold(r), fold(o)) for p, r, o, _ in gold["posts"]}
    if record.TABLE == "event":
        return fold(record.name) in events  # type: ignore[attr-defined]
    if record.TABLE == "participation":
        event = events.get(name(record.event))  # type: ignore[attr-defined]
        if event is None:
            return False
        agents = {
            "organiser": event.get("organisers") or [], "host": event.get("hosts") or [],
            "speaker": event.get("speakers") or [],
            "facilitator": [event["facilitator"]] if event.get("facilitator") else [],
        }.get(record.role, [])  # type: ignore[attr-defined]
        return name(record.agent) in {fold(a) for a in agents}  # type: ignore[attr-defined]
    if record.TABLE == "quotation":
        return name(record.speaker) in {fold(s) for s in gold.get("quotes", {})}  # type: ignore[attr-defined]
    return False


def missed(cf: ClaimsFile, gold: dict[str, Any]) -> int:
    """Gold persons, organisations, posts and events that the draft has no suggestion for."""
    have = {fold(getattr(r, "name", "")) for r in cf.records()}
    names = {r.id: fold(getattr(r, "name", "") or r.id) for r in cf.records()}
    posts = {(names.get(p.person, fold(p.person)), fold(p.role), names.get(p.organisation, fold(p.organisation)))
             for p in cf.posts}
    count = sum(fold(x) not in have for x in gold["persons"] + gold["organisations"])
    count += sum(fold(e["name"]) not in have for e in gold["events"])
    count += sum((fold(p), fold(r), fold(o)) not in posts for p, r, o, _ in gold["posts"])
    return count


def review(browser: Any, kg: Any, text_path: Path, gold: dict[str, Any],
           folder: Path) -> dict[str, Any]:
    from graph.draft import draft

    text = text_path.read_text(encoding="utf-8")
    cf = draft(text, lang="auto", source_id=text_path.stem, kg=kg, text_path=str(text_path))
    path = folder / f"{text_path.stem}.claims.toml"
    path.write_text(dumps(cf), encoding="utf-8")
    cf = load_claims(path)
    verdict = {r.id: judge(r, cf, gold) for r in cf.records()}
    server = ReviewServer(Draft(path, curator="Benchmark"), kg)
    server.start()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(server.url)
        page.wait_for_function("() => window.review && window.review.current()")
        keys = typed = 0
        start = time.perf_counter()
        while True:
            rid = page.evaluate("() => window.review.current()")
            left = page.evaluate("() => window.review.state().records.some(r => r.status === 'suggested')")
            if not rid or not left:
                break
            page.keyboard.press("a" if verdict[rid] else "r")
            keys += 1
            if verdict[rid] and rid.startswith("quote-"):
                page.wait_for_selector("#ed-paraphrase:focus")
                page.keyboard.type(PARAPHRASE[cf.source.language == "sv"])
                typed += len(PARAPHRASE[cf.source.language == "sv"])
                page.keyboard.press("Control+Enter")
                keys += 1
                page.wait_for_selector("#editor", state="hidden")
        page.wait_for_function("() => document.documentElement.dataset.pending === '0'")
        seconds = time.perf_counter() - start
    finally:
        context.close()
        server.stop()
    final = load_claims(path)
    assert all(r.status == ("accepted" if verdict[r.id] else "rejected") for r in final.records())
    outside = [u for u in requests if not u.startswith(server.origin + "/")]
    return {
        "article": text_path.stem, "suggestions": len(verdict), "right": sum(verdict.values()),
        "keys": keys, "typed": typed, "quotes": len(cf.quotations), "seconds": seconds, "missed": missed(cf, gold), "outside": len(outside),
    }


def picture(browser: Any, kg: Any, folder: Path, out: Path) -> None:
    """A picture of the page mid-review: decisions taken, a link being chosen."""
    import shutil

    data = ROOT / "tests" / "data" / "review"
    for name in ("fjordklyngen.claims.toml", "fjordklyngen.txt"):
        shutil.copy(data / name, folder / name)
    server = ReviewServer(Draft(folder / "fjordklyngen.claims.toml", curator="Kari Nordmann"), kg)
    server.start()
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    try:
        page.goto(server.url)
        page.wait_for_function("() => window.review && window.review.current()")
        for key in "ara":
            page.keyboard.press(key)
        page.wait_for_function("() => document.documentElement.dataset.pending === '0'")
        page.locator('[id="item-smart-innovation-norway"] h4').click()
        page.keyboard.press("e")
        page.fill("#ed-search", "smart innovation")
        page.press("#ed-search", "Enter")
        page.locator("#ed-hits button").first.wait_for()
        page.screenshot(path=str(out))
    finally:
        context.close()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="save a picture of the page here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    gold = json.loads((DEV / "gold.json").read_text(encoding="utf-8"))
    kg = graph.load()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in sorted(gold):
            rows.append(review(browser, kg, DEV / name, gold[name], Path(tmp)))
        if args.screenshot:
            picture(browser, kg, Path(tmp), args.screenshot)
        browser.close()
    head = (f"{'article':44} {'sugg.':>5} {'right':>5} {'quotes':>6} {'keys':>5} "
            f"{'keys/right':>10} {'typed':>5} {'time s':>7} {'missed':>6}")
    print(head)
    print("-" * len(head))
    for r in [*rows, {"article": "all", **{k: sum(r[k] for r in rows) for k in (
            "suggestions", "right", "quotes", "keys", "typed", "seconds", "missed")}}]:
        print(f"{r['article']:44} {r['suggestions']:5} {r['right']:5} {r['quotes']:6} "
              f"{r['keys']:5} {r['keys'] / max(r['right'], 1):10.2f} {r['typed']:5} "
              f"{r['seconds']:7.2f} {r['missed']:6}")
    print("keys: a or r per suggestion, plus Ctrl+Enter to save each quotation's paraphrase; "
          "typed: characters of the paraphrases")
    print(f"requests outside the review server: {sum(r['outside'] for r in rows)}")
    if args.screenshot:
        print(f"screenshot: {args.screenshot}")


if __name__ == "__main__":
    main()
