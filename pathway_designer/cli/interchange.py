"""`import FORMAT FILE` and `export FORMAT PATH`: pathways from and to other tools' formats
(the table of formats is `pathway_designer.interchange.formats`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..checks.reporting import finding_text
from ..checks.validation import check_file
from ..finding import has_errors
from ..format.atomic import SHARED, write_atomically
from ..format.canonical import dump
from ..interchange.formats import FORMATS
from ..interchange.imported import Imported
from ..model import Pathway
from ..store import StoreError, Workspace
from .main import UsageError
from .terminal import echo, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    reading = _command(
        subparsers,
        "import",
        "read a pathway from another tool's file (FHIR PlanDefinition, BPMN)",
        "Read a pathway from a file another tool wrote. What the pathway cannot carry, and what was "
        "guessed, is reported; the pathway is written as YAML.",
        ("file", "FILE", "the file to read"),
        "OUT.yaml",
    )
    reading.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        dest="report",
        help="how the import's findings are written (json on standard output)",
    )
    reading.set_defaults(func=run_import)
    writing = _command(
        subparsers,
        "export",
        "write a pathway for another tool (FHIR PlanDefinition, BPMN)",
        "Write a pathway file in another tool's format. A pathway saved in a workspace carries the "
        "commit of its version.",
        ("path", "PATH", "a pathway file"),
        "OUT",
    )
    writing.set_defaults(func=run_export)


def _command(
    subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    summary: str,
    description: str,
    source: tuple[str, str, str],
    out: str,
) -> argparse.ArgumentParser:
    """`import` or `export`: FORMAT, the file it reads, and -o."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, help=summary, description=description)
    names = sorted(FORMATS)
    parser.add_argument("form", choices=names, metavar="FORMAT", help=", ".join(names))
    parser.add_argument(source[0], type=Path, metavar=source[1], help=source[2])
    parser.add_argument("-o", "--output", type=Path, metavar=out, help="default: standard output")
    return parser


def _notes_json(imported: Imported) -> str:
    return json.dumps(
        {"findings": [{**n.finding.to_json(), "element": n.element} for n in imported.notes]},
        ensure_ascii=False,
        indent=2,
    )


def run_import(args: argparse.Namespace) -> int:
    imported = FORMATS[args.form].read_file(args.file)
    if args.report == "json":
        print(_notes_json(imported))
    else:
        for n in imported.notes:
            where = f" [{n.element}]" if n.element else ""
            echo(finding_text(n.finding.at(str(args.file))) + where, err=True)
    if imported.pathway is None:
        echo(f"pathway-designer: {args.file} was not imported", err=True)
        return 2 if any(n.finding.rule == "unreadable" for n in imported.notes) else 1
    text = imported.text()
    if args.output is None:
        if args.report == "json":
            return 1 if has_errors(imported.findings) else 0
        write(text)
    else:
        if not args.output.parent.is_dir():
            raise UsageError(f"no such folder: {args.output.parent}")
        write_atomically(args.output, text, mode=SHARED)
        echo(f"wrote {args.output}", err=True)
    return 1 if has_errors(imported.findings) else 0


def saved_commit(path: Path, pathway: Pathway) -> str | None:
    """The commit of the saved version this file is, when it is a workspace's pathway unchanged."""
    folder = path.resolve().parent
    root = folder.parent
    if folder.name != "pathways" or not (root / ".git").exists():
        return None
    try:
        with Workspace(root) as ws:
            latest = ws.latest(pathway.id)
            if latest is None or dump(ws.pathway(pathway.id, latest.commit), header="") != dump(
                pathway, header=""
            ):
                return None
            return latest.commit
    except (StoreError, OSError, ValueError):
        return None


def run_export(args: argparse.Namespace) -> int:
    check = check_file(args.path)
    if check.pathway is None:
        for finding in check.findings:
            echo(finding_text(finding), err=True)
        echo(f"pathway-designer: {args.path} was not exported: it does not load", err=True)
        return 2 if any(f.rule == "unreadable" for f in check.findings) else 1
    text = FORMATS[args.form].write(check.pathway, saved_commit(args.path, check.pathway))
    if args.output is None:
        sys.stdout.write(text)  # JSON and XML escape their own control characters
        return 0
    if not args.output.parent.is_dir():
        raise UsageError(f"no such folder: {args.output.parent}")
    write_atomically(args.output, text, mode=SHARED)
    echo(f"wrote {args.output}", err=True)
    return 0
