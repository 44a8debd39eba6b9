"""Run ``innograph``: parse the arguments, call the command's handler, turn what goes wrong into
a message and an exit code (never a traceback)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import GraphError, InputError
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, err, shown
from .parser import build_parser

__all__ = ["main"]

#: What to do about a path that is not what an operating system call wanted.
_PATH_HINTS = {
    "IsADirectoryError": "it is a folder; give a file path",
    "NotADirectoryError": "a part of the path is a file, not a folder; give a folder",
    "FileExistsError": "it is a file; give a folder path",
    "PermissionError": "you may not write there; choose another place",
}


def _command_of(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` (skipping the global ``--store``/``--data VALUE``), or None.

    Examples
    --------
    >>> _command_of(["--store", "memory", "query", "--list"])
    'query'
    """
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--store", "--data"):
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``innograph`` with ``argv``; return the exit code."""
    import difflib

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    command = _command_of(argv)
    if command is not None and command not in parser.commands:
        close = difflib.get_close_matches(command, parser.commands, n=1, cutoff=0.5)
        mean = f" Did you mean {close[0]!r}?" if close else ""
        err(f"Error: {command!r} is not an innograph command.{mean} "
            f"The commands: {', '.join(parser.commands)} (innograph --help).")
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or argparse's own usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Call the handler of the parsed ``args``; a library error becomes its exit code: 2 for
    bad input, 1 for a failure; so do files that are not text and paths that cannot be used."""
    try:
        return int(args.handler(args))
    except InputError as exc:
        err(f"Error: {shown(str(exc))}")
        return EXIT_USAGE
    except GraphError as exc:
        err(f"Error: {shown(str(exc))}")
        return EXIT_FAILED
    except UnicodeDecodeError as exc:
        err(f"Error: a file is not UTF-8 text (byte {exc.start}: 0x{exc.object[exc.start]:02x});"
            " give a text file")
        return EXIT_USAGE
    except UnicodeEncodeError as exc:
        err(f"Error: the input holds text that is not valid Unicode at character {exc.start + 1}"
            f" ({shown(repr(exc.object[exc.start:exc.end]))}); fix how it was produced")
        return EXIT_USAGE
    except BrokenPipeError:  # the reader stopped reading (| head): not an error
        return EXIT_OK
    except OSError as exc:
        where = shown(str(exc.filename)) if exc.filename else "a file"
        hint = _PATH_HINTS.get(type(exc).__name__, "check the path")
        err(f"Error: {where}: {exc.strerror or exc}; {hint}.")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err("Interrupted.")
        return 130
    except Exception as exc:  # a bug: say so plainly, without a traceback
        err(f"Internal error ({type(exc).__name__}): {shown(str(exc))}\n"
            "Please report this with the command.")
        return EXIT_FAILED
