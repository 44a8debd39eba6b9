"""Browser helpers of the explorer tests: Debian's Chromium through Playwright, axe-core.

Without Chromium (or Playwright, or axe-core for the accessibility checks) the tests skip,
except in CI (``CI=true``), where they fail. ``INNOGRAPH_CHROMIUM`` names another Chromium;
``INNOGRAPH_AXE`` another ``axe.min.js`` (default: ``.ci/node_modules``, which ``.ci/run`` installs).
Screenshots go to ``$INNOGRAPH_ARTEFACTS`` (default: ``innograph-explorer-screenshots`` in the
temporary folder).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("INNOGRAPH_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("INNOGRAPH_AXE", ROOT / ".ci/node_modules/axe-core/axe.min.js"))
ARTEFACTS = Path(os.environ.get("INNOGRAPH_ARTEFACTS",
                               Path(tempfile.gettempdir()) / "innograph-explorer-screenshots"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def _missing(problem: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(problem)
    pytest.skip(problem)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test module: Playwright's sync API allows one running
    instance at a time in a process, so every browser fixture must end with its module."""
    if not CHROMIUM.is_file():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is missing: pip install playwright")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Page:
    """An open explorer page, with its requests and script errors."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, arg: Any = None) -> None:
        self.page.wait_for_function(expression, arg=arg, timeout=60000)

    def node_id(self, iri: str) -> int:
        return self.js("(iri) => window.innograph.model.nodes.find(n => n.iri === iri).id", iri)

    def no_horizontal_scroll(self) -> bool:
        return self.js("document.documentElement.scrollWidth <= window.innerWidth")

    def screenshot(self, name: str) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the page as it is now (rule id, impact, nodes)."""
        if not AXE.is_file():
            _missing(f"axe-core is missing at {AXE}: npm ci --prefix .ci")
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = self.js("async () => (await axe.run(document)).violations"
                         ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
        return list(result)


@pytest.fixture
def open_page(chromium: Any) -> Iterator[Callable[..., Page]]:
    contexts = []

    def open_(path: Path, viewport: dict[str, int] = DESKTOP, **context: Any) -> Page:
        ctx = chromium.new_context(viewport=viewport, **context)
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Page(page, path.resolve().as_uri())
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.goto(opened.url)
        opened.wait("() => window.innograph && window.innograph.ready && window.innograph.drawnAt !== null")
        return opened

    yield open_
    for ctx in contexts:
        ctx.close()
