"""The command line as a package: a command is one parser function and one handler, and the one
place that turns what goes wrong into a message and an exit code."""

from __future__ import annotations

import argparse

import pytest

from graph.cli import build_parser, main, parser, run
from graph.errors import GraphError, InputError, StoreError


def _hello(args: argparse.Namespace) -> int:
    if args.name == "nobody":
        raise InputError("give a name someone has")
    print(f"hei {args.name}")
    return 0


def add_hello(commands: parser.Commands) -> None:
    p = commands.add("hello", _hello, "Greet someone by name.", "innograph hello Kari")
    p.add_argument("name", help="who to greet")


@pytest.fixture
def with_hello(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parser, "COMMAND_PARSERS", (*parser.COMMAND_PARSERS, add_hello))


def test_a_new_command_is_a_parser_function_and_a_handler(with_hello, capsys) -> None:
    assert main(["hello", "Kari"]) == 0
    assert capsys.readouterr().out == "hei Kari\n"
    # it takes the options every command takes, and shows in the help after the others
    assert build_parser().commands[-2:] == ["import-registry", "hello"]
    assert main(["--store", "memory", "hello", "Ola", "--data", "x.ttl"]) == 0
    assert main(["--help"]) == 0
    listing = capsys.readouterr().out
    assert listing.index("import-registry") < listing.index("hello")
    assert "Greet someone by name." in listing
    assert main(["hello", "--help"]) == 0
    assert "example:\n  innograph hello Kari" in capsys.readouterr().out
    # a misspelt command is answered with the new one too
    assert main(["helo", "Kari"]) == 2
    assert "Did you mean 'hello'?" in capsys.readouterr().err
    # and its errors become exit codes as every command's do
    assert main(["hello", "nobody"]) == 2
    assert capsys.readouterr().err == "Error: give a name someone has\n"


def test_the_commands_in_the_order_of_the_help(capsys) -> None:
    assert build_parser().commands == [
        "query", "validate", "find", "entity", "resolve", "export", "review", "analyze", "path", "ego",
        "export-network", "load", "serve", "synth", "draft", "build", "view", "compile",
        "import-registry"]


def _raising(exc: BaseException) -> argparse.Namespace:
    def handler(args: argparse.Namespace) -> int:
        raise exc

    return argparse.Namespace(handler=handler)


@pytest.mark.parametrize(("exc", "code", "message"), [
    (InputError("no such query 'x'"), 2, "Error: no such query 'x'\n"),
    (StoreError("the store is locked"), 1, "Error: the store is locked\n"),
    (GraphError("the source failed"), 1, "Error: the source failed\n"),
    (InputError("nothing is named 'a\x1b[2J'"), 2, "Error: nothing is named 'a\\x1b[2J'\n"),
    (IsADirectoryError(21, "Is a directory", "out"), 2,
     "Error: out: Is a directory; it is a folder; give a file path.\n"),
    (PermissionError(13, "Permission denied", "/x"), 2,
     "Error: /x: Permission denied; you may not write there; choose another place.\n"),
    (FileNotFoundError(2, "No such file or directory", "a.ttl"), 2,
     "Error: a.ttl: No such file or directory; check the path.\n"),
    (UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "invalid start byte"), 2,
     "Error: a file is not UTF-8 text (byte 2: 0xff); give a text file\n"),
    (BrokenPipeError(32, "Broken pipe"), 0, ""),
    (KeyboardInterrupt(), 130, "Interrupted.\n"),
    (ZeroDivisionError("division by zero"), 1,
     "Internal error (ZeroDivisionError): division by zero\nPlease report this with the command.\n"),
])
def test_what_goes_wrong_becomes_a_message_and_an_exit_code(exc, code, message, capsys) -> None:
    assert run(_raising(exc)) == code
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", message)


def test_every_package_of_graph_ships_in_the_wheel() -> None:
    # the wheel lists its packages one by one: a package left out (graph.cli, whose main the
    # console script runs) would be missing from an installed copy
    import tomllib

    from conftest import ROOT

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "graph").rglob("__init__.py")}
    assert found - listed == set()
    assert {"graph.cli", "graph.analysis"} <= listed
