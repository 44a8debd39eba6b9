"""``innograph serve``: a read-only SPARQL 1.1 Protocol endpoint, a query page and the explorer.

Paths
    ``/sparql``
        The SPARQL 1.1 Protocol: ``GET ?query=``, ``POST`` form-encoded (``query=`` or
        ``update=``), ``POST`` with ``application/sparql-query`` or ``application/sparql-update``.
        Results by content negotiation (``Accept``, or a ``format`` parameter): SPARQL JSON, XML,
        CSV and TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD and RDF/XML for CONSTRUCT and
        DESCRIBE. ``default-graph-uri`` and ``named-graph-uri`` give a query's dataset (they win
        over its ``FROM``), ``using-graph-uri`` and ``using-named-graph-uri`` an update's; relative
        IRIs resolve against the endpoint's URL (see :mod:`graph.server.protocol`). Other methods
        get 405.
    ``/``
        A small query page: a form, the named queries, and the answer as a table.
    ``/explorer``
        The interactive explorer of the graph (``?view=actors|organisations|ego&focus=...``).

Protection
    The server binds to 127.0.0.1 unless told otherwise, and answers only requests whose
    ``Host`` is an address, ``localhost`` or a name given with ``allowed_hosts`` (a page on
    another site cannot reach it through DNS rebinding). It is read-only: updates are refused
    (403) unless it was started with ``allow_update`` and a token, and the request carries
    ``Authorization: Bearer <token>``. ``SERVICE`` (federated queries) and ``LOAD`` reach only
    the URLs the operator listed (``allow_service``, ``allow_load``; none by default).

Limits
    Each query runs in a child process (see :mod:`graph.worker`) with a time limit
    (``timeout``) and a memory limit (``memory_limit``): a query that overruns either is
    killed and answered with 503 and a message, and stops consuming anything. At most
    ``max_running`` queries run at once; others wait for a free slot for up to twice
    ``timeout``, then get 503. Answers are cut at ``max_results`` rows (or triples) and at
    ``max_bytes`` bytes, and the ``X-Innograph-Truncated`` header says so; they are streamed to
    the client. A client must send its request line and headers within ``idle_timeout``
    seconds, and a connection idle that long is closed; at most ``max_connections``
    connections are served at once, further ones get 503 at once. Request bodies over
    :data:`MAX_BODY` bytes get 413.

Examples
--------
>>> import graph, urllib.request
>>> server = SparqlServer(graph.load(), port=0)
>>> server.start()
>>> url = server.url + "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
>>> with urllib.request.urlopen(url) as response:
...     response.read()
b'{\\n  "head": {},\\n  "boolean": true\\n}\\n'
>>> server.stop()
"""


from __future__ import annotations

from ..limits import LIMITS
from .answers import TRUNCATED_HEADER, fit, negotiate
from .app import SparqlServer, check_options

__all__ = ["LIMITS", "TRUNCATED_HEADER", "SparqlServer", "check_options", "fit", "negotiate"]
