"""`pathway-designer`: the entry point. Each command group lives in its own module here.

Exit status: 0 success; 1 findings (errors, or warnings with --strict) or files that would change;
2 usage errors or unreadable paths; 141 (128 + SIGPIPE) when the reader of the output went away
(`history | head`), as for any program a broken pipe stops.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from importlib import metadata

from ..controls import escaped_lines

# Each module has `register(subparsers)`; order is the order in `--help`.
COMMAND_MODULES = (
    "checking",
    "formatting",
    "rendering",
    "partnership",
    "versions",
    "interchange",
    "app_command",
)

BROKEN_PIPE = 141


class UsageError(Exception):
    """A mistake in how the command was called: reported in one line, exit status 2."""


def version() -> str:
    """The installed distribution's version (what pip and a bug report name)."""
    try:
        return metadata.version("pathway-designer")
    except metadata.PackageNotFoundError:  # imported from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathway-designer",
        description="Design health and social care pathways together: validate, format, "
        "render and keep the history of pathway files.",
    )
    parser.add_argument(
        "-V", "--version", action="version", version=f"%(prog)s {version()}",
        help="print the version and exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").register(subparsers)
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
    args = build_parser().parse_args(argv)
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
