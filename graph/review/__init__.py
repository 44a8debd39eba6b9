"""Review a draft in the browser: accept, reject, correct and add facts on the source text.

:class:`Draft` reads a claims file and writes each decision back at once (atomically, with a
version check); :class:`ReviewServer` serves the review page for it on 127.0.0.1.
"""

from __future__ import annotations

from .draft import Draft, VersionConflict
from .page import render_review_page
from .server import ReviewServer

__all__ = ["Draft", "ReviewServer", "VersionConflict", "render_review_page"]
