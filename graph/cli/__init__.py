"""The ``innograph`` command: parse, call one public method, print, map errors to exit codes.

Exit codes, the same for every command: 0 success; 1 the data do not conform, or a store or
source failed; 2 bad input (an unknown command, option, name or named query, a file that is
missing or does not parse, a query that does not parse, nothing found by ``find``).

The package, one module per concern:

- :mod:`~graph.cli.app`: :func:`main`, errors to messages and exit codes
- :mod:`~graph.cli.parser`: the global options and the list of commands
- :mod:`~graph.cli.args`: what arguments name (data paths, the graph, a query's text)
- :mod:`~graph.cli.output`: everything written (messages, progress, entities, analysis results)
- the commands, each a parser function ``add_NAME`` and a handler ``cmd_NAME``, grouped by
  concern: :mod:`~graph.cli.query` (query, validate, find, entity, export),
  :mod:`~graph.cli.claims` (draft, review, compile), :mod:`~graph.cli.network` (analyze, path,
  ego, export-network), :mod:`~graph.cli.pages` (build, view), :mod:`~graph.cli.stores` (load,
  serve, synth, import-registry)
"""

from .app import main, run
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .parser import build_parser, version

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "run", "version"]
