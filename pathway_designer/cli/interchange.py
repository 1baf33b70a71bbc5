"""`import` and `export`: pathways in from and out to other tools' formats (BPMN 2.0, ...)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..format.atomic import write_atomically
from ..format.canonical import dump
from ..interchange.formats import FORMATS
from ..interchange.notes_writing import notes_json, notes_text
from ..model import Pathway, Role
from ..store import StoreError, Workspace
from . import pathsimr
from .inputs import NotLoaded, load_or_say
from .main import UsageError
from .terminal import echo, for_text

_ROLES = ", ".join(r.value for r in Role)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    names = sorted([*FORMATS, pathsimr.NAME])
    bring = subparsers.add_parser(
        "import", help="make a pathway from another tool's file (BPMN 2.0, ...)",
        description="Make a pathway (canonical YAML) from another tool's file. What the pathway "
        "cannot carry is said in notes on standard error. Exit status 1 when no pathway was made.",
    )
    bring.add_argument("format", choices=names, metavar="FORMAT", help=f"one of {', '.join(names)}")
    bring.add_argument("files", type=Path, nargs="+", metavar="FILE",
                       help="one file; for pathsimr the network and the calendar templates")
    bring.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the YAML here")
    bring.add_argument(
        "--role", action="append", default=[], metavar="LANE=ROLE",
        help=f"the role of the organisation a lane or pool becomes ({_ROLES})",
    )
    bring.add_argument("--format", dest="notes_format", choices=("text", "json"), default="text",
                       help="how the notes are written on standard error")
    bring.add_argument("--time-unit", choices=sorted(pathsimr.UNITS), help="pathsimr: the "
                       "model's times are in hours (h) or days (d)")
    bring.set_defaults(func=run_import)
    send = subparsers.add_parser("export", help="write a pathway in another tool's format")
    send.add_argument("format", choices=names, metavar="FORMAT", help=f"one of {', '.join(names)}")
    send.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    send.add_argument("-o", "--output", type=Path, metavar="OUT",
                      help="write the file here (pathsimr: the folder for network.csv and "
                      "calendar.csv)")
    send.add_argument("--time-unit", choices=sorted(pathsimr.UNITS), help="pathsimr: write times "
                      "in hours (h) or days (d); by default the pathway's own unit")
    send.set_defaults(func=run_export)


def roles(pairs: list[str]) -> dict[str, Role]:
    """`LANE=ROLE` pairs (split at the last `=`, so a lane's name may hold one) as a mapping."""
    given: dict[str, Role] = {}
    for pair in pairs:
        lane, sep, role = pair.rpartition("=")
        if not sep or not lane.strip():
            example = '--role "Crisis team=nhs-provider"'
            raise UsageError(f"--role {pair!r}: write it as LANE=ROLE, e.g. {example}")
        try:
            given[lane.strip()] = Role(role.strip())
        except ValueError:
            raise UsageError(f"--role {pair!r}: {role.strip()!r} is not a role; roles are {_ROLES}") from None
    return given


def _write(output: Path, data: bytes | str) -> bool:
    try:
        write_atomically(output, data)
    except OSError as error:
        echo(f"{output}: not written: {error.strerror or error}", err=True)
        return False
    return True


def run_import(args: argparse.Namespace) -> int:
    if args.format == pathsimr.NAME:
        return pathsimr.run_import(args)
    if len(args.files) != 1:
        raise UsageError(f"import {args.format} takes one file")
    args.file = args.files[0]
    imported = FORMATS[args.format].import_file(args.file, roles(args.role))
    if args.notes_format == "json":
        print(notes_json(imported), file=sys.stderr)
    else:
        echo(notes_text(for_text(imported)), err=True)
    if imported.pathway is None:
        echo(f"pathway-designer: {args.file} was not imported", err=True)
        return 2 if any(n.finding.rule == "unreadable" for n in imported.notes) else 1
    text = imported.text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    return 0 if _write(args.output, text) else 2


def saved_commit(path: Path, pathway: Pathway) -> str | None:
    """The commit of the saved version this file is, when it is a workspace's pathway unchanged."""
    folder = path.resolve().parent
    root = folder.parent
    if folder.name != "pathways" or not (root / ".git").exists():
        return None
    try:
        with Workspace(root) as ws:
            latest = ws.latest(pathway.id)
            if latest is None:
                return None
            if dump(ws.pathway(pathway.id, latest.commit), header="") != dump(pathway, header=""):
                return None
            return latest.commit
    except (StoreError, OSError, ValueError):
        return None


def run_export(args: argparse.Namespace) -> int:
    if args.format == pathsimr.NAME:
        return pathsimr.run_export(args)
    try:
        pathway = load_or_say(args.path, "not exported")
    except NotLoaded as stop:
        return stop.status
    exported = FORMATS[args.format].export(pathway, saved_commit(args.path, pathway))
    for line in exported.notes:
        echo(line, err=True)
    if args.output is None:
        sys.stdout.buffer.write(exported.data)  # JSON and XML escape their own control characters
        return 0
    return 0 if _write(args.output, exported.data) else 2
