"""`setup-git`, and the commands git itself runs once it is set up: `merge-driver`, `diff-driver`
and `textconv` (see `pathway_designer.drivers`).

Exit status of `merge-driver`: 0 merged; 1 conflicts, marked in the file (git then reports the file
as conflicted, and `validate` reports each conflict at its line).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..controls import escaped
from .main import UsageError
from .terminal import echo


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    setup = subparsers.add_parser(
        "setup-git",
        help="make plain git merge and show pathway files by meaning",
        description="Write .gitattributes (pathways/*.yaml merge=pathway diff=pathway) and this "
        "repository's git config, so git merge, rebase and pull merge pathways by meaning and "
        "git diff and git log -p show their changes by meaning. Run once per clone.",
    )
    setup.add_argument("dir", nargs="?", default=".", type=Path, metavar="DIR",
                       help="in this git repository (default: the current one)")
    setup.set_defaults(func=run_setup)

    merge = subparsers.add_parser("merge-driver", help="(run by git) merge one pathway file by meaning")
    for name in ("base", "ours", "theirs"):
        merge.add_argument(name, type=Path)
    merge.add_argument("path", nargs="?", default="", help="the file's path in the repository (%%P)")
    merge.set_defaults(func=run_merge_driver)

    diff = subparsers.add_parser("diff-driver", help="(run by git) show one pathway file's change by meaning")
    diff.add_argument("path")
    diff.add_argument("old_file")
    diff.add_argument("old_hex")
    diff.add_argument("old_mode")
    diff.add_argument("new_file")
    diff.add_argument("new_hex")
    diff.add_argument("new_mode")
    diff.set_defaults(func=run_diff_driver)

    textconv = subparsers.add_parser("textconv", help="(run by git) a pathway file as one line per fact")
    textconv.add_argument("file", type=Path)
    textconv.set_defaults(func=run_textconv)


# The drivers are imported where they run: building the parser for any command stays cheap.


def run_setup(args: argparse.Namespace) -> int:
    from ..drivers.setup import SetupError, setup_git

    try:
        done = setup_git(args.dir)
    except SetupError as exc:
        raise UsageError(str(exc)) from None
    added = f"added to {done.root / '.gitattributes'} (commit it to share it)" if done.attributes_added else (
        "already in .gitattributes"
    )
    echo(f"git in {done.root} now merges and shows pathway files by meaning; the file patterns {added}")
    return 0


def run_merge_driver(args: argparse.Namespace) -> int:
    from ..drivers.merging import run_driver

    name = args.path or str(args.ours)
    result = run_driver(args.base, args.ours, args.theirs, name)
    if result.clean:
        return 0
    echo(f"{escaped(name)}: {len(result.conflicts)} conflict(s) git cannot settle by meaning:", err=True)
    for conflict in result.conflicts:
        echo(f"  {escaped(conflict)}", err=True)
    return 1


def run_diff_driver(args: argparse.Namespace) -> int:
    from ..drivers.diffing import external_diff

    sys.stdout.write(external_diff(args.path, args.old_file, args.new_file))
    return 0


def run_textconv(args: argparse.Namespace) -> int:
    from ..drivers.diffing import facts
    from ..drivers.inputs import DriverInput, read_side

    try:
        text = read_side(args.file, "replace")
    except DriverInput as exc:
        if not args.file.is_file():
            raise UsageError(str(exc)) from None
        try:  # past the size limit: shown as it is, as git shows a file without us
            with args.file.open("rb") as source:
                sys.stdout.flush()
                shutil.copyfileobj(source, sys.stdout.buffer)
        except OSError as error:
            raise UsageError(f"{args.file}: {error.strerror or error}") from None
        return 0
    sys.stdout.write(facts(text or "", str(args.file)))
    return 0
