"""`pathway-designer`: the entry point. Each command group lives in its own module here.

Exit status: 0 success; 1 findings (errors, or warnings with --strict) or files that would change;
2 usage errors, unreadable paths or no file matched; 141 (128 + SIGPIPE) when the reader of the
output went away (`history | head`), as for any program a broken pipe stops.

Only the module of the command that runs is imported (`COMMANDS`): `validate` in a pre-commit hook
does not pay for git, the app or the diagrams. `-q`, `-v` and `--color` are taken before or after
the command's name, as in ruff and git.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# This process checks pathways; it has no use for pydantic's plugins (observability hooks), and
# finding them scans every installed package's entry points, a fifth of `validate`'s start-up.
# Set before the models are built; a value the person set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from ..controls import escaped_lines
from . import terminal

# Each module has `register(subparsers)`; order is the order in `--help`.
COMMAND_MODULES = (
    "checking",
    "formatting",
    "rendering",
    "partnership",
    "story",
    "flow",
    "versions",
    "review",
    "gitsetup",
    "interchange",
    "localisation",
    "simulation",
    "app_command",
)

# The module that registers each command; a command missing here still works (every module is
# imported then), and a test keeps this in step with what the modules register.
COMMANDS = {
    "validate": "checking", "rules": "checking", "schema": "checking",
    "fmt": "formatting",
    "render": "rendering",
    "analyse": "partnership", "signoff": "partnership", "status": "partnership",
    "compare": "partnership",
    "history": "versions", "show": "versions", "diff": "versions", "save": "versions",
    "restore": "versions", "why": "versions", "blame": "versions", "sync": "versions",
    "init": "versions",
    "story": "story",
    "flow": "flow",
    "review": "review",
    "setup-git": "gitsetup", "merge-driver": "gitsetup", "diff-driver": "gitsetup",
    "textconv": "gitsetup",
    "import": "interchange", "export": "interchange",
    "adapt": "localisation", "upstream": "localisation", "twins": "localisation",
    "simulate": "simulation",
    "app": "app_command",
}

BROKEN_PIPE = 141


class UsageError(Exception):
    """A mistake in how the command was called: reported in one line, exit status 2."""


def version() -> str:
    """The installed distribution's version (what pip and a bug report name)."""
    from importlib import metadata

    try:
        return metadata.version("pathway-designer")
    except metadata.PackageNotFoundError:  # imported from a source tree that was never installed
        return "unknown (not installed)"


class _Version(argparse.Action):
    """`--version`, looked up only when asked for (importlib.metadata is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


def _output_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=default,
        help="print findings and results only, no summaries",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=default,
        help="say more: each file as it is checked",
    )
    parser.add_argument(
        "--color", "--colour", dest="color", choices=("auto", "always", "never"), default=default,
        help="colour the text output: auto (default: on a terminal, unless NO_COLOR is set), "
        "always or never",
    )


def _modules_for(argv: Sequence[str]) -> tuple[str, ...]:
    """The command modules to import: the one of the command named, or all (for --help)."""
    for i, arg in enumerate(argv):  # the first word that is neither an option nor its value
        if arg.startswith("-") or (i and argv[i - 1] in ("--color", "--colour")):
            continue
        module = COMMANDS.get(arg)
        return (module,) if module in COMMAND_MODULES else COMMAND_MODULES
    asks_help = "-h" in argv or "--help" in argv
    if not asks_help and ("-V" in argv or "--version" in argv):  # the version needs no command
        return ()
    return COMMAND_MODULES


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathway-designer",
        description="Design health and social care pathways together: validate, format, "
        "render and keep the history of pathway files.",
    )
    parser.add_argument(
        "-V", "--version", action=_Version, nargs=0, help="print the version and exit",
    )
    _output_options(parser, None)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    modules = COMMAND_MODULES if argv is None else _modules_for(argv)
    for name in modules:
        importlib.import_module(f"{__package__}.{name}").register(subparsers)
    for command in subparsers.choices.values():  # after the command too; SUPPRESS keeps a value
        _output_options(command, argparse.SUPPRESS)  # given before the command's name
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            status = _run(argv)
        finally:  # --help exits too; piped output is buffered, and breaks when flushed
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE
    return status


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    terminal.configure(quiet=bool(args.quiet), verbose=bool(args.verbose), color=args.color or "auto")
    try:
        status: int = args.func(args)
    except UsageError as exc:
        print(f"pathway-designer: {escaped_lines(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return status


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's own flush at exit cannot
    fail again (the recipe of the Python documentation's `signal` page)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stdout): nothing to flush
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
