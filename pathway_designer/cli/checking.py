"""`validate`, `rules` and `schema`: checking pathway files in review, CI and pre-commit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks.reporting import REPORTERS
from ..checks.rules import RULES
from ..checks.validation import FileCheck, check_file, config_for, pathway_files
from ..finding import Severity
from ..format.schema import json_schema_text
from .main import UsageError
from .terminal import echo, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = subparsers.add_parser("validate", help="check pathway files and report findings")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.set_defaults(func=run_validate)

    rules = subparsers.add_parser("rules", help="list the validation rules")
    rules.set_defaults(func=run_rules)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of the format")
    schema.set_defaults(func=run_schema)


def existing_files(paths: list[Path]) -> list[Path]:
    """The pathway files under `paths`; a path that does not exist is a usage error."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    return pathway_files(paths)


def run_validate(args: argparse.Namespace) -> int:
    files = existing_files(args.paths)
    checks: list[FileCheck] = []
    config_problems = []
    seen_configs: set[str] = set()
    for path in files:
        config = config_for(path)
        if config and config.file not in seen_configs:
            seen_configs.add(config.file or "")
            config_problems.extend(config.findings)
        checks.append(check_file(path, config=config))
    if config_problems:
        checks.insert(0, FileCheck(config_problems[0].file or "", None, config_problems))
    report = REPORTERS[args.format](checks)
    if args.format == "json":
        sys.stdout.write(report)
    else:
        write(report)
    if any(f.rule == "unreadable" for c in checks for f in c.findings):
        return 2  # a path that exists but cannot be read, like one that does not exist
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return 1 if any(f.severity in failing for c in checks for f in c.findings) else 0


def run_rules(args: argparse.Namespace) -> int:
    width = max(len(name) for name in RULES)
    for rule in sorted(RULES.values(), key=lambda r: (r.category, r.name)):
        echo(f"{rule.name:<{width}}  {rule.severity.value:<7}  {rule.category:<11}  {rule.doc}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text())
    return 0
