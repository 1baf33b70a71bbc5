"""`validate`, `rules` and `schema`: checking pathway files in review, CI and pre-commit.

Findings go to standard output, the summary to standard error (as every summary of the command
line), so `validate --format github > annotations` holds annotations only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from ..checks.reporting import finding_text, github_annotation, summary
from ..checks.rules import RULES
from ..checks.validation import FileCheck, check_file, check_text, config_for
from ..finding import Finding, Severity
from ..format.schema import json_schema_text
from .inputs import STDIN_NAME, input_paths, is_stdin, read_stdin, relative_to, repository_root
from .terminal import detail, echo, echo_escaped, note, paint

FORMATS = ("text", "json", "github")
JSON_VERSION = 1  # of `validate --format json`: see docs/json-output.md


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = subparsers.add_parser(
        "validate", help="check pathway files and report findings",
        description="Check pathway files. PATH is a file, a folder (searched for *.yaml and "
        "*.yml), a glob pattern ('pathways/**/*.yaml') or - for standard input; default: .",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, patterns or -")
    validate.add_argument("--format", choices=FORMATS, default="text")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.set_defaults(func=run_validate)

    rules = subparsers.add_parser("rules", help="list the validation rules")
    rules.set_defaults(func=run_rules)

    schema = subparsers.add_parser("schema", help="print the JSON Schema of the format")
    schema.set_defaults(func=run_schema)


def existing_files(paths: list[Path] | list[str]) -> list[Path]:
    """The pathway files under `paths` (files, folders, patterns); none found is a usage error."""
    return input_paths([str(p) for p in paths], stdin=False)


def check_input(path: Path) -> FileCheck:
    """A file checked, or standard input for `-`."""
    if not is_stdin(path):
        return check_file(path)
    text, problems = read_stdin()
    if text is None:
        return FileCheck(STDIN_NAME, None, problems)
    return check_text(text, STDIN_NAME, config_for(Path.cwd() / STDIN_NAME))


def run_validate(args: argparse.Namespace) -> int:
    files = input_paths(args.paths)
    checks: list[FileCheck] = []
    config_problems = []
    seen_configs: set[str] = set()
    for path in files:
        config = config_for(Path.cwd() / STDIN_NAME if is_stdin(path) else path)
        if config and config.file not in seen_configs:
            seen_configs.add(config.file or "")
            config_problems.extend(config.findings)
        detail(f"checking {STDIN_NAME if is_stdin(path) else path}")
        checks.append(check_input(path))
    if config_problems:
        checks.insert(0, FileCheck(config_problems[0].file or "", None, config_problems))
    findings = [f for c in checks for f in c.findings]
    if args.format == "json":
        sys.stdout.write(as_json(checks))
    elif args.format == "github":
        root = repository_root()  # GitHub places annotations by the path from the repository
        for finding in findings:
            echo(github_annotation(replace(finding, file=relative_to(root, finding.file))))
        note(summary(checks))
    else:
        for finding in findings:
            echo_escaped(_coloured(finding_text(finding), finding))
        note(summary(checks))
    if any(f.rule == "unreadable" for f in findings):
        return 2  # a path that exists but cannot be read, like one that does not exist
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return 1 if any(f.severity in failing for f in findings) else 0


def _coloured(line: str, finding: Finding) -> str:
    word = f" {finding.severity.value} "
    at = line.find(word)
    if at < 0:
        return line
    return line[:at] + " " + paint(finding.severity.value, finding.severity.value) + line[at + len(word) - 1:]


def as_json(checks: list[FileCheck]) -> str:
    """`{"version": 1, "files": [...], "findings": [...]}`, documented in docs/json-output.md."""
    data = {
        "version": JSON_VERSION,
        "files": [{"file": c.file, "valid": c.pathway is not None and not any(
            f.severity is Severity.ERROR for f in c.findings)} for c in checks],
        "findings": [f.to_json() for c in checks for f in c.findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def run_rules(args: argparse.Namespace) -> int:
    width = max(len(name) for name in RULES)
    for rule in sorted(RULES.values(), key=lambda r: (r.category, r.name)):
        echo(f"{rule.name:<{width}}  {rule.severity.value:<7}  {rule.category:<11}  {rule.doc}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text())
    return 0
