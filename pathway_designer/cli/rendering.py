"""`render`: draw pathway files as diagrams (SVG, PNG, PDF, DOT or Mermaid), findings marked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..checks.reporting import finding_text
from ..finding import Finding, Severity
from ..format.atomic import SHARED, write_atomically
from ..model import Pathway
from ..render import EXTENSIONS, FORMATS, GraphvizMissing, LaneBy, LayoutFailed, Orientation, render
from ..words import plural
from .checking import check_input as _check
from .inputs import input_paths, is_stdin
from .main import UsageError
from .terminal import echo, note

BINARY_FORMATS = ("png", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "render",
        help="draw pathways as diagrams: lanes per organisation, findings marked",
        description="Draw a pathway file, or each pathway in a folder, as a diagram. With no -o, "
        "each diagram is written next to its pathway as <id>.<format> (standard input's to "
        "standard output).",
    )
    parser.add_argument(
        "path", nargs="?", default=".", metavar="PATH",
        help="a pathway file, a folder, a glob pattern or - (standard input); default: .",
    )
    parser.add_argument("-f", "--format", choices=FORMATS, default="svg", help="default: svg")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write (a folder when PATH is a folder); '-' writes dot, mermaid or svg "
        "text to standard output",
    )
    parser.add_argument(
        "--lanes",
        choices=[lane.value for lane in LaneBy],
        default=LaneBy.ORGANISATION.value,
        help="one lane per organisation (default), per setting, or none",
    )
    parser.add_argument(
        "--direction",
        choices=[o.value for o in Orientation],
        default=Orientation.LR.value,
        help="left to right (default) or top to bottom",
    )
    parser.add_argument(
        "--against-base", action="store_true",
        help="mark what is local: steps added, changed or removed against the version of the base "
        "pathway adapted (see `upstream`)",
    )
    parser.add_argument("--workspace", metavar="DIR", help="with --against-base: where the base is")
    parser.set_defaults(func=run_render)


def _destination(args: argparse.Namespace, source: Path, pathway_id: str, many: bool) -> Path | None:
    """Where one diagram goes; None for standard output."""
    name = f"{pathway_id}.{EXTENSIONS[args.format]}"
    if args.output is None and is_stdin(source):
        return None
    if args.output is None:
        return source.parent / name
    if args.output == "-":
        return None
    out = Path(args.output)
    return out / name if many or out.is_dir() else out


def _check_output(args: argparse.Namespace, files: list[Path]) -> None:
    many = len(files) > 1 or Path(args.path).is_dir()
    to_stdout = args.output == "-" or (args.output is None and is_stdin(files[0]))
    if to_stdout:
        if args.format in BINARY_FORMATS:
            raise UsageError(f"-o - writes text; {args.format} is binary: name a file with -o")
        if len(files) > 1:
            raise UsageError("-o - writes one diagram; PATH holds several pathways: name a folder")
    elif args.output is not None and many:
        out = Path(args.output)
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out} is a file; with a folder as PATH, -o names a folder")
        out.mkdir(parents=True, exist_ok=True)
    elif args.output is not None and not Path(args.output).parent.is_dir():
        raise UsageError(f"no such folder: {Path(args.output).parent}")


def _counts(findings: list[Finding]) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    parts = [plural(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n]
    return f" ({' and '.join(parts)} marked)" if parts else ""


def _local_marks(args: argparse.Namespace, pathway: Pathway) -> tuple[Pathway, dict[str, Any]]:
    """The pathway with what it removed from its base, and the marks of what is local."""
    from ..localisation.local_view import local_view
    from ..store import StoreError
    from .versions import _workspace

    try:
        with _workspace(args) as ws:
            local = local_view(ws, pathway)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if not local.known:
        note(f"the version of {local.base.title} adapted is not recorded: compared with its latest")
    view = local.view
    return view.pathway, {"marks": view.marks, "transition_marks": view.transition_marks}


def run_render(args: argparse.Namespace) -> int:
    files = input_paths([args.path])
    _check_output(args, files)
    many = len(files) > 1 or Path(args.path).is_dir()
    status = 0
    for path in files:
        check = _check(path)
        if check.pathway is None:
            for finding in check.findings:
                echo(finding_text(finding), err=True)
            echo(f"pathway-designer: {path} was not drawn: it does not load", err=True)
            status = 2 if any(f.rule == "unreadable" for f in check.findings) else max(status, 1)
            continue
        drawn, marks = (check.pathway, {}) if not args.against_base else _local_marks(args, check.pathway)
        try:
            exported = render(
                drawn,
                args.format,
                lanes=args.lanes,
                direction=args.direction,
                findings=check.findings,
                **marks,
            )
        except GraphvizMissing as exc:
            raise UsageError(str(exc)) from None
        except LayoutFailed as exc:
            echo(f"pathway-designer: {path}: {exc}", err=True)
            status = max(status, 1)
            continue
        for said in exported.notes:
            echo(f"pathway-designer: note: {path}: {said}", err=True)
        target = _destination(args, path, check.pathway.id, many)
        if target is None:
            sys.stdout.buffer.write(exported.data)
            sys.stdout.flush()
        else:
            write_atomically(target, exported.data, mode=SHARED)  # a diagram is to share
            note(f"wrote {target}{_counts(check.findings)}")
    return status
