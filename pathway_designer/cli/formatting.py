"""`fmt`: rewrite pathway files in canonical form, or check that they are (`--check`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..checks.reporting import finding_text
from ..format.atomic import write_atomically
from ..format.canonical import dump
from ..format.loading import PathwayError, load_text, read_source
from ..format.reading import body_comment_lines
from .checking import existing_files
from .terminal import echo


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fmt = subparsers.add_parser("fmt", help="write pathway files in canonical form")
    fmt.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    fmt.add_argument("--check", action="store_true", help="list files that would change; exit 1")
    fmt.add_argument(
        "--drop-comments",
        action="store_true",
        help="allow rewriting files with comments below the header (they are lost)",
    )
    fmt.set_defaults(func=run_fmt)


def run_fmt(args: argparse.Namespace) -> int:
    status = 0
    changed = 0
    io_failed = False
    files = existing_files(args.paths)
    for path in files:
        try:
            text, name = read_source(path)
            pathway = load_text(text, name)
        except PathwayError as exc:
            for finding in exc.findings:
                echo(finding_text(finding), err=True)
            # a path that exists but cannot be read is exit 2, as in `validate`
            io_failed = io_failed or any(f.rule == "unreadable" for f in exc.findings)
            status = 1
            continue
        canonical = dump(pathway)
        if canonical == text:
            continue
        changed += 1
        if args.check:
            echo(f"{name}: would be reformatted")
            status = 1
            continue
        comments = body_comment_lines(text)
        if comments and not args.drop_comments:
            where = ", ".join(str(n) for n in comments[:5])
            echo(
                f"{name}:{comments[0]}: not formatted: comments on lines {where} would be lost; "
                "move them into description fields, or pass --drop-comments",
                err=True,
            )
            status = 1
            continue
        try:
            write_atomically(path, canonical, through_symlink=True)  # a linked file stays linked
        except OSError as exc:  # e.g. a read-only folder or a full disk: the old file is intact
            echo(f"{name}: not written: {exc.strerror or exc}", err=True)
            io_failed = True
            continue
        echo(f"{name}: reformatted")
    verb = "would change" if args.check else "changed"
    checked = f"{len(files)} file{'' if len(files) == 1 else 's'}"
    echo(f"{checked} checked, {changed} {verb}", err=True)
    return 2 if io_failed else status
