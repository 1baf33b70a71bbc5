"""What the commands read: files, folders, glob patterns the tool expands itself (`"pathways/*.yaml"`,
`**`, for shells and hooks that pass them quoted), `-` for standard input, and `.` when no path is
named. A path that does not exist, a pattern that matches nothing and a search that finds no pathway
file are usage errors (exit status 2), never "0 files checked"."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
from pathlib import Path

from ..checks.validation import pathway_files
from ..finding import Finding, Severity
from ..format.reading import MAX_BYTES, YamlReadError, decode
from ..model import Pathway
from .main import UsageError

STDIN = "-"
STDIN_NAME = "<stdin>"


def input_paths(named: list[str], *, stdin: bool = True) -> list[Path]:
    """The pathway files `named` stand for, in order, each once; `Path("-")` for standard input."""
    found: list[Path] = []
    missing: list[str] = []
    for item in named or ["."]:
        if item == STDIN and stdin:
            found.append(Path(STDIN))
        elif os.path.lexists(item):
            found.extend(pathway_files([Path(item)]))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise UsageError(f"no file matches {item}")
            found.extend(pathway_files([Path(m) for m in matches]))
        else:
            missing.append(item)
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if not found:
        raise UsageError(f"no pathway files (*.yaml, *.yml) in {', '.join(named or ['.'])}")
    unique = dict.fromkeys(found)
    if Path(STDIN) in unique and len(unique) > 1:
        raise UsageError("- (standard input) is one pathway: name no other path with it")
    return list(unique)


def one_file(path: Path) -> Path:
    """`path`, when it can name one pathway file; else a usage error that says what it is. A
    device, pipe or socket passes: reading it then says which it is, without waiting on it."""
    if not os.path.lexists(path):
        raise UsageError(f"no such file: {path}")
    if path.is_dir():
        raise UsageError(f"{path} is a folder: name one pathway file in it")
    return path


def is_stdin(path: Path) -> bool:
    return str(path) == STDIN


def read_stdin() -> tuple[str | None, list[Finding]]:
    """The text on standard input, or the findings that say why it cannot be read."""
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        message = f"standard input is larger than the limit of {MAX_BYTES:,} bytes"
        return None, [Finding("file-too-large", Severity.ERROR, message, STDIN_NAME)]
    try:
        return decode(raw), []
    except YamlReadError as exc:
        return None, [f.at(STDIN_NAME) for f in exc.findings]


def repository_root() -> Path:
    """Where annotation paths start: `$GITHUB_WORKSPACE` in GitHub Actions, else the top of the git
    repository around the current folder, else the current folder."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).resolve()
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git installed: the folder is the root
        return Path.cwd()
    top = done.stdout.strip()
    return Path(top).resolve() if done.returncode == 0 and top else Path.cwd()


def relative_to(root: Path, file: str | None) -> str | None:
    """`file` as a path from `root` (with `/`), or as it is when it is not a path below root."""
    if file is None or file.startswith("<"):
        return file
    try:
        return Path(os.path.normpath(Path.cwd().resolve() / file)).relative_to(root).as_posix()
    except ValueError:
        return file


class NotLoaded(Exception):
    """A pathway file that does not load: its findings are printed; `status` is the exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def load_or_say(path: Path, not_done: str) -> Pathway:
    """The pathway of a file, or NotLoaded after printing its findings and that it was `not_done`
    ("not exported"): exit status 2 for a file that cannot be read, 1 for one that does not load."""
    from ..checks.validation import check_file
    from .terminal import echo

    check = check_file(path)
    if check.pathway is None:
        stop = _said(check.findings)
        echo(f"pathway-designer: {path} was {not_done}: it does not load", err=True)
        raise stop
    return check.pathway


def read_or_say(path: Path) -> tuple[str, Pathway]:
    """(text, pathway) of one pathway file, or NotLoaded after printing why not: exit status 2 for
    a file that cannot be read, 1 for one that does not load (a missing file or a folder: a usage
    error)."""
    from ..format.loading import PathwayError, load_text, read_source

    one_file(path)
    try:
        text, name = read_source(path)
        return text, load_text(text, name)
    except PathwayError as exc:
        raise _said(exc.findings) from None


def _said(findings: list[Finding]) -> NotLoaded:
    """The findings printed, and the stop they make: 2 for a file that cannot be read, else 1."""
    from ..checks.reporting import finding_text
    from .terminal import echo

    for finding in findings:
        echo(finding_text(finding), err=True)
    return NotLoaded(2 if any(f.rule == "unreadable" for f in findings) else 1)
