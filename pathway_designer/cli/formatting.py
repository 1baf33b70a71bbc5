"""`fmt`: rewrite pathway files in canonical form, check that they are (`--check`), or show the
change as a unified diff (`--diff`). `fmt -` reads standard input and writes the canonical text to
standard output. The summary (on standard error) counts what happened to each file, truthfully: a
file refused for its comments or one that does not load is not "reformatted"."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..checks.reporting import finding_text
from ..format.atomic import write_atomically
from ..format.canonical import dump
from ..format.loading import PathwayError, load_text, read_source
from ..format.reading import body_comment_lines
from ..words import plural
from .inputs import STDIN_NAME, input_paths, is_stdin, read_stdin
from .terminal import OUTPUT, detail, echo, note, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fmt = subparsers.add_parser(
        "fmt", help="write pathway files in canonical form",
        description="Write pathway files in canonical form. PATH is a file, a folder, a glob "
        "pattern or - (standard input to standard output); default: .",
    )
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, patterns or -")
    how = fmt.add_mutually_exclusive_group()
    how.add_argument("--check", action="store_true", help="list files that would change; exit 1")
    how.add_argument(
        "--diff", action="store_true", help="print what would change as a unified diff; exit 1"
    )
    fmt.add_argument(
        "--drop-comments",
        action="store_true",
        help="allow rewriting files with comments below the header (they are lost)",
    )
    fmt.set_defaults(func=run_fmt)


def _read(path: Path) -> tuple[str, str]:
    if not is_stdin(path):
        return read_source(path)
    text, problems = read_stdin()
    if text is None:
        raise PathwayError(problems)
    return text, STDIN_NAME


def run_fmt(args: argparse.Namespace) -> int:
    files = input_paths(args.paths)
    counts = {"changed": 0, "same": 0, "refused": 0, "broken": 0, "unwritten": 0}
    io_failed = False
    for path in files:
        try:
            text, name = _read(path)
            pathway = load_text(text, name)
        except PathwayError as exc:
            for finding in exc.findings:
                echo(finding_text(finding), err=True)
            # a path that exists but cannot be read is exit 2, as in `validate`
            io_failed = io_failed or any(f.rule == "unreadable" for f in exc.findings)
            counts["broken"] += 1
            continue
        canonical = dump(pathway)
        if canonical == text:
            counts["same"] += 1
            detail(f"{name}: already formatted")
            if is_stdin(path) and not (args.check or args.diff):
                sys.stdout.write(canonical)
            continue
        comments = body_comment_lines(text)
        lost = comments and not args.drop_comments
        if args.check:
            echo(f"{name}: would be reformatted")
            counts["changed"] += 1
            continue
        if args.diff:
            write("".join(difflib.unified_diff(
                text.splitlines(keepends=True), canonical.splitlines(keepends=True),
                fromfile=name, tofile=f"{name} (formatted)",
            )))
            counts["changed"] += 1
            continue
        if lost:
            where = ", ".join(str(n) for n in comments[:5])
            echo(
                f"{name}:{comments[0]}: not formatted: comments on lines {where} would be lost; "
                "move them into description fields, or pass --drop-comments",
                err=True,
            )
            counts["refused"] += 1
            continue
        if is_stdin(path):
            sys.stdout.write(canonical)
            counts["changed"] += 1
            continue
        try:
            write_atomically(path, canonical, through_symlink=True)  # a linked file stays linked
        except OSError as exc:  # e.g. a read-only folder or a full disk: the old file is intact
            echo(f"{name}: not written: {exc.strerror or exc}", err=True)
            counts["unwritten"] += 1
            io_failed = True
            continue
        counts["changed"] += 1
        if not OUTPUT.quiet:
            echo(f"{name}: reformatted")
    note(_summary(len(files), counts, would=args.check or args.diff))
    if io_failed:
        return 2
    would_change = (args.check or args.diff) and counts["changed"]
    return 1 if counts["broken"] or counts["refused"] or would_change else 0


def _summary(total: int, counts: dict[str, int], would: bool) -> str:
    """`3 files checked: 1 reformatted, 1 already formatted, 1 not formatted (comments)`."""
    parts = []
    if counts["changed"]:
        parts.append(f"{counts['changed']} {'would be reformatted' if would else 'reformatted'}")
    if counts["same"]:
        parts.append(f"{counts['same']} already formatted")
    if counts["refused"]:
        parts.append(f"{counts['refused']} not formatted (comments would be lost)")
    if counts["broken"]:
        parts.append(f"{counts['broken']} not formatted (does not load)")
    if counts["unwritten"]:
        parts.append(f"{counts['unwritten']} not written")
    return f"{plural(total, 'file')} checked: {', '.join(parts)}"
