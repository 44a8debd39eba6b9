"""Run ``innograph``: parse the arguments, call the command's handler, turn what goes wrong into
a message and an exit code (never a traceback)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..errors import GraphError, InputError
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, err, shown
from .parser import Parser, build_parser

__all__ = ["main"]

#: What to do about a path that is not what an operating system call wanted.
_PATH_HINTS = {
    "IsADirectoryError": "it is a folder; give a file path",
    "NotADirectoryError": "a part of the path is a file, not a folder; give a folder",
    "FileExistsError": "it is a file; give a folder path",
    "PermissionError": "you may not write there; choose another place",
}


def _split_globals(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """The options before the command (the values of ``--store``/``--data`` skipped) and the
    command word, or None.

    Examples
    --------
    >>> _split_globals(["--store", "memory", "-v", "query", "--list"])
    (['-v'], 'query')
    """
    options: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--store", "--data"):
            skip = True
        elif not arg.startswith("-"):
            return options, arg
        else:
            options.append(arg)
    return options, None


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """The long option names ``parser`` takes."""
    return sorted({s for a in parser._actions for s in a.option_strings if s.startswith("--")})


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return f" Did you mean {close[0]}?" if close else ""


def _unknown_global(argv: Sequence[str], parser: Parser) -> str | None:
    """What is wrong with an option before the command that ``innograph`` does not take, or None.

    Examples
    --------
    >>> from .parser import Parser, build_parser
    >>> _unknown_global(["--stroe", "memory", "query", "x"], build_parser())
    "innograph has no option '--stroe'. Did you mean --store? See innograph --help."
    >>> _unknown_global(["--store=memory", "query", "--fromat", "csv"], build_parser()) is None
    True
    """
    known = _options(parser)
    for arg in _split_globals(argv)[0]:
        if arg in ("-h", "--"):
            return None
        name = arg.split("=", 1)[0]
        if name not in known:
            return (f"innograph has no option {shown(repr(name))}."
                    f"{_did_you_mean(name, known)} See innograph --help.")
    return None


def _unexpected(extra: Sequence[str], command: str | None, parser: Parser) -> str:
    """The message for the arguments that no option or argument of ``command`` took.

    Examples
    --------
    >>> from .parser import Parser, build_parser
    >>> _unexpected(["--fromat", "csv"], "query", build_parser())
    "innograph query has no option '--fromat'. Did you mean --format? See innograph query --help."
    >>> print(_unexpected(["Skår"], "entity", build_parser()))
    innograph entity takes no argument 'Skår' there. A value with spaces needs quotes ("Unni Skår"); see innograph entity --help.
    """
    sub = parser.command_parsers.get(command or "")
    prog = f"innograph {command}" if sub is not None else "innograph"
    options = [o for o in extra if o.startswith("-") and o != "-"]
    if options:
        name = options[0].split("=", 1)[0]
        mean = _did_you_mean(name, _options(sub if sub is not None else parser))
        return f"{prog} has no option {shown(repr(name))}.{mean} See {prog} --help."
    return (f"{prog} takes no argument {shown(repr(extra[0]))} there. A value with spaces needs "
            f'quotes ("Unni Skår"); see {prog} --help.')


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``innograph`` with ``argv``; return the exit code."""
    import difflib

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    unknown = _unknown_global(argv, parser)
    if unknown:
        err(f"Error: {unknown}")
        return EXIT_USAGE
    command = _split_globals(argv)[1]
    if command is not None and command not in parser.commands:
        close = difflib.get_close_matches(command, parser.commands, n=1, cutoff=0.5)
        mean = f" Did you mean {close[0]!r}?" if close else ""
        err(f"Error: {command!r} is not an innograph command.{mean} "
            f"The commands: {', '.join(parser.commands)} (innograph --help).")
        return EXIT_USAGE
    try:
        args, extra = parser.parse_known_args(argv)
    except SystemExit as exc:  # --help, --version, or argparse's own usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if extra:
        err(f"Error: {_unexpected(extra, command, parser)}")
        return EXIT_USAGE
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
