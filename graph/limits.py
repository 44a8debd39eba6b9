"""The default limits of ``innograph serve`` and the options that change them.

Kept apart from :mod:`graph.server` so that the command line can show them without importing
the HTTP server.

Examples
--------
>>> LIMITS["timeout"], LIMITS["max_running"]
(30.0, 4)
"""

from __future__ import annotations

__all__ = ["LIMITS", "MAX_BODY"]

#: The default limits of the server, by option name (``innograph serve --NAME``).
LIMITS: dict[str, float] = {
    "timeout": 30.0,          # seconds a query may run
    "memory_limit": 1024,     # MB a query may use on top of the server's own memory
    "max_results": 10_000,    # rows (or triples) in an answer
    "max_bytes": 16 << 20,    # bytes in an answer
    "max_running": 4,         # queries running at once
    "max_connections": 64,    # connections served at once
    "idle_timeout": 10.0,     # seconds to send the request headers; idle connections close
}
#: The largest request body accepted (bytes).
MAX_BODY = 1 << 20
