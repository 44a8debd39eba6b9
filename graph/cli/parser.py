"""The argument parser of ``innograph``: the global options, then one small function per
command, called in the order ``innograph --help`` lists them.

A command is a parser function and a handler, side by side in the module of its concern. The
parser function takes the :class:`Commands` being built and adds the command with its
arguments; the handler takes the parsed arguments and returns the exit code::

    def add_greet(commands: Commands) -> None:
        p = commands.add("greet", cmd_greet, "Greet someone.", "innograph greet Kari")
        p.add_argument("name", help="who to greet")

    def cmd_greet(args: argparse.Namespace) -> int:
        out(f"hei {args.name}")
        return EXIT_OK

and :data:`COMMAND_PARSERS` lists the parser function where ``innograph --help`` shows it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import claims, identity, network, pages, query, stores

__all__ = [
    "COMMAND_PARSERS", "EPILOG", "Commands", "Handler", "Parser", "build_parser", "version",
]

#: A command handler: takes the parsed arguments, returns the exit code.
Handler = Callable[[argparse.Namespace], int]

STORE_HELP = (
    "memory, oxigraph, oxigraph:PATH or sparql:URL (default: $INNOGRAPH_STORE, else oxigraph)"
)

EPILOG = """examples:
  innograph query seminar-organiser
  innograph query --list
  innograph query 'SELECT ?name WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name }'
  innograph query evidence --bind subject=person:unni-skar --format csv
  innograph validate
  innograph find Svinesundskomitténs
  innograph entity "Unni Skår"
  innograph export --format trig -o innograph.trig
  innograph load extra.nq --store oxigraph:./innograph-db
  innograph serve --store oxigraph:./innograph-db
  innograph analyze --top 5
  innograph path "Unni Skår" "Jon-Vidar Knold"
  innograph ego Svinesundskomiteen
  innograph export-network --format gexf -o actors.gexf
  innograph build -o site/ --source ../shared/corpus/000_1c50d6c5c024da5a.txt
  innograph draft article.txt -o article.claims.toml
  innograph view --view ego --focus "Unni Skår" --depth 2 -o unni.html
  innograph compile my-sources/claims/nb-01.claims.toml --curator "Kari Kurator" -o nb-01.trig
  innograph --data my-sources/ query person-posts --bind person=person:unni-skar
  innograph view --size-by betweenness --color-by community -o actors.html
  innograph review draft.claims.toml --curator "Kari Nordmann"
"""


class Parser(argparse.ArgumentParser):
    """The parser of ``innograph``: an argument parser that knows its command names, in order,
    and the parser of each command."""

    commands: list[str]
    command_parsers: dict[str, argparse.ArgumentParser]


class Commands:
    """The commands of a parser being built: each one a subparser with its handler."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        self.common = argparse.ArgumentParser(add_help=False)
        # given before or after the command; SUPPRESS keeps a later default from hiding an
        # earlier value
        self.common.add_argument("--store", metavar="STORE", default=argparse.SUPPRESS,
                                 help=STORE_HELP)
        self.data = argparse.ArgumentParser(add_help=False)
        self.data.add_argument(
            "--data", action="append", default=[], metavar="PATH",
            help="an extra RDF file, claims file or data folder to load with the packaged data "
                 "(repeatable)",
        )
        self.names: list[str] = []
        self.parsers: dict[str, argparse.ArgumentParser] = {}

    def add(
        self, name: str, handler: Handler, help: str, example: str, with_data: bool = True
    ) -> argparse.ArgumentParser:
        """Add the command ``name``, run by ``handler``; ``help`` and ``example`` show in its
        ``--help``. Every command takes ``--store``; ``with_data`` also ``--data``."""
        p = self.sub.add_parser(
            name, help=help, description=help, epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[self.common, self.data] if with_data else [self.common],
        )
        p.set_defaults(handler=handler)
        self.names.append(name)
        self.parsers[name] = p
        return p


#: The parser function of each command, in the order of ``innograph --help``.
COMMAND_PARSERS: tuple[Callable[[Commands], None], ...] = (
    query.add_query,
    query.add_validate,
    query.add_find,
    query.add_entity,
    identity.add_resolve,
    query.add_export,
    claims.add_review,
    network.add_analyze,
    network.add_path,
    network.add_ego,
    network.add_export_network,
    stores.add_load,
    stores.add_serve,
    stores.add_synth,
    claims.add_draft,
    pages.add_build,
    pages.add_view,
    claims.add_compile,
    stores.add_import_registry,
)


def _global_options(parser: argparse.ArgumentParser) -> None:
    import os

    parser.add_argument("--store", metavar="STORE", default=None, help=STORE_HELP)
    parser.add_argument("--version", action="version", version=f"innograph {version()}")
    parser.add_argument(
        "--data", action="append", default=[], dest="global_data", metavar="PATH",
        help="a data folder (claims files, source texts, RDF files) or file to include with the "
             "packaged graph in every command (repeatable; also $INNOGRAPH_DATA, separated by "
             f"{os.pathsep!r})",
    )


def build_parser() -> Parser:
    """The argument parser of ``innograph``; ``parser.commands`` names its commands in order.

    Examples
    --------
    >>> build_parser().commands[:3]
    ['query', 'validate', 'find']
    """
    parser = Parser(
        prog="innograph",
        description="A knowledge graph of regional innovation actors: query, validate, explore.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _global_options(parser)
    commands = Commands(parser)
    for add_command in COMMAND_PARSERS:
        add_command(commands)
    parser.commands = commands.names
    parser.command_parsers = commands.parsers
    return parser


def version() -> str:
    """The installed version of innograph."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("innograph")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        from .. import __version__

        return __version__
