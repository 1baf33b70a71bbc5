"""Versions: `history`, `show`, `diff`, `save`, `restore`, `why`, `blame`, `sync` and `init`.

A thin shell over `pathway_designer.store.Workspace`. Every command takes `--workspace DIR` (else
`$PATHWAY_WORKSPACE`, else, as git finds its repository, the git repository of pathways this is run
in, else `./workspace/`, created on first use with the example pathways, which it then says). PATH
is a pathway file (`pathways/crisis.yaml`) or just a pathway id (`crisis`). A version is `v3`, a
date, or any git revision (`HEAD~1`, `main`, a tag). Who makes a change is git's `user.name` and
`user.email` unless `--author` says otherwise; the organisation `--organisation`, else
`$PATHWAY_ORGANISATION`, else git's `pathway.organisation`.

Exit status: 0 done (saved, merged, unchanged, synced); 1 a save or sync refused (conflicts, errors);
2 a usage mistake (unknown version, no such pathway, not a workspace, an unreachable remote).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store import Author, StoreError, Version, Workspace
from .main import UsageError
from .terminal import echo, for_text, write

# Reading, diffing and saving pathways load the pathway model (pydantic); `history` does not,
# so they are imported where they are used.
if TYPE_CHECKING:
    from ..store import Lineage
    from ..store.reporting import StoreResult

Handler = Callable[[argparse.Namespace], int]
REVISION_HELP = "v3, a date (YYYY-MM-DD), or any git revision: a commit id, HEAD~1, main, a tag"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--workspace",
        metavar="DIR",
        help="the workspace (default: $PATHWAY_WORKSPACE, else ./workspace, created if missing)",
    )

    def command(name: str, help: str, func: Handler, formats: tuple[str, ...] = ()) -> Any:
        parser = subparsers.add_parser(name, help=help, parents=[common])
        if formats:
            parser.add_argument("--format", choices=formats, default=formats[0])
        parser.set_defaults(func=lambda args: _run(func, args))
        return parser

    history = command("history", "list versions, newest first", run_history, ("text", "json"))
    history.add_argument("path", nargs="?", metavar="PATH", help="one pathway (default: all)")

    show = command("show", "print a pathway as it was at a version or date", run_show)
    show.add_argument("path", metavar="PATH")
    show.add_argument("--at", default="latest", metavar="VERSION|DATE", help=REVISION_HELP)

    diff = command(
        "diff", "what changed between two versions (or git revisions: HEAD~1, main), by meaning",
        run_diff, ("text", "json"),
    )
    diff.add_argument("path", metavar="PATH")
    diff.add_argument("a", nargs="?", metavar="A", help="from this version (default: the latest)")
    diff.add_argument("b", nargs="?", metavar="B", help="to this version (default: the file PATH)")

    save = command("save", "save a pathway file as a new version", run_save, ("text", "json"))
    save.add_argument("path", metavar="PATH", type=Path)
    _who(save)
    save.add_argument("-m", "--message", required=True, metavar="RATIONALE", help="why it changed")
    save.add_argument(
        "--base",
        metavar="COMMIT",
        help="the version the edit started from (default: what the workspace file was checked out as)",
    )

    restore = command("restore", "save an old version again as the newest", run_restore, ("text", "json"))
    restore.add_argument("path", metavar="PATH")
    restore.add_argument("version", metavar="VERSION", help=REVISION_HELP)
    _who(restore)
    restore.add_argument("-m", "--message", required=True, metavar="RATIONALE", help="why")

    why = command("why", "why is this step here? its versions, who and why", run_why, ("text", "json"))
    why.add_argument("path", metavar="PATH")
    why.add_argument("step", metavar="STEP", help="a step: its id, or its label")

    text_json = ("text", "json")
    blame = command("blame", "who introduced and changed each step and transition", run_blame, text_json)
    blame.add_argument("path", metavar="PATH")

    sync = command("sync", "pull partners' versions from the remote and push ours", run_sync, text_json)
    sync.add_argument("--remote", default="origin", help="the git remote (default: origin)")
    sync.add_argument(
        "--prefer",
        choices=("ours", "theirs"),
        help="settle every conflict with this workspace's value (ours) or the remote's (theirs)",
    )
    _who(sync)

    init = subparsers.add_parser(
        "init",
        help="create a new workspace (a git repository of pathways)",
        description="Create a new workspace: a git repository with the example pathways in "
        "pathways/ and the JSON Schema in schema/pathway.schema.json, which every pathway's "
        "`# yaml-language-server: $schema=...` line names, so editors complete and check them.",
    )
    init.add_argument("dir", metavar="DIR", type=Path)
    init.add_argument(
        "--empty", action="store_true", help="without the example pathways (the schema is still written)"
    )
    init.set_defaults(func=lambda args: _run(run_init, args))


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--author", metavar="NAME", help="who makes the change (default: git's user.name)")
    parser.add_argument("--email", metavar="EMAIL", help="their email (default: git's user.email)")
    parser.add_argument(
        "--organisation",
        metavar="ORG",
        help="their organisation (default: $PATHWAY_ORGANISATION, else git's pathway.organisation)",
    )


@contextmanager
def _usage_errors() -> Iterator[None]:
    try:
        yield
    except (StoreError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def _run(func: Handler, args: argparse.Namespace) -> int:
    with _usage_errors():
        return func(args)


def _workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named, else the git repository of pathways this is run in (as git finds its
    repository), else `./workspace`, created with the example pathways (and then said so)."""
    workspace = Workspace.open(args.workspace, discover=True)
    if workspace.created:
        echo(
            f"not in a git repository of pathways: created a new workspace in {workspace.root} with "
            "the example pathways (name another with --workspace DIR or $PATHWAY_WORKSPACE)",
            err=True,
        )
    return workspace


def _who_from(args: argparse.Namespace, ws: Workspace, *, organisation_needed: bool) -> Author:
    """Who is making the change, as git knows who commits: `--author` (else git's `user.name`), the
    email from git's `user.email` when the name is git's too (or `--email`), and the organisation
    from `--organisation`, `$PATHWAY_ORGANISATION` or git's `pathway.organisation`."""
    known = ws.identity()
    name = args.author or known.name
    if not name:
        raise UsageError(
            "say who is making the change with --author NAME (or set git's user.name: "
            "git config --global user.name 'Your Name')"
        )
    email = args.email or (known.email if not args.author or args.author == known.name else None)
    organisation = args.organisation or known.organisation
    if organisation_needed and not organisation:
        raise UsageError(
            "say which organisation the change is for with --organisation ORG, or set "
            "$PATHWAY_ORGANISATION, or once for this repository: git config pathway.organisation ORG"
        )
    return Author(name, organisation, email or "")


def _pathway_id(path: str | Path) -> str:
    """`pathways/crisis.yaml` and `crisis` both name the pathway `crisis`."""
    name = Path(path).name
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


JSON_VERSION = 1  # of the shapes below (docs/json-output.md); a change of shape changes it


def _print_json(data: Any, key: str | None = None) -> None:
    """An object with the shape's `version`: a list goes under `key`, a result gains the field."""
    report = {"version": JSON_VERSION, key: data} if key else data  # a result carries its own
    print(json.dumps(report, indent=2, ensure_ascii=False))


# Reading ----------------------------------------------------------------------------------------


def run_history(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        versions = ws.history(_pathway_id(args.path) if args.path else None)
        if args.format == "json":
            _print_json([v.to_json() for v in versions], "versions")
            return 0
        for version in versions:
            echo(_history_line(for_text(version), with_pathway=args.path is None))
        return 0


def _history_line(version: Version, with_pathway: bool) -> str:
    kind = f"  [{version.kind}]" if version.kind != "saved" else ""
    where = f"{version.pathway}  " if with_pathway else ""
    when = f"{version.date:%Y-%m-%d %H:%M}"
    return f"{where}{version.label:>5}  {version.short}  {when}  {version.who()}: {version.summary}{kind}"


def run_show(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        write(ws.text(_pathway_id(args.path), args.at))
        return 0


def run_diff(args: argparse.Namespace) -> int:
    from ..changes.writing import diff_json, diff_text
    from ..checks.reporting import finding_text
    from ..format.loading import PathwayError, read_source

    with _workspace(args) as ws:
        pathway_id = _pathway_id(args.path)
        working = None
        if args.b is None and os.path.lexists(args.path):  # a pipe too: reading it says what it is
            try:  # read as `validate` reads: a regular file, bounded, bad bytes at their line:column
                working, _ = read_source(Path(args.path))
            except PathwayError as exc:
                echo("\n".join(finding_text(f) for f in exc.findings), err=True)
                return 2 if any(f.rule == "unreadable" for f in exc.findings) else 1
        changes = ws.diff(pathway_id, args.a, args.b, working=working)
        if args.format == "json":
            _print_json(diff_json(changes), "changes")
        else:
            echo(diff_text(for_text(changes)))
        return 0


def run_why(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        lineages = ws.why(_pathway_id(args.path), args.step)
        return _print_lineages(lineages, args.format)


def run_blame(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        return _print_lineages(ws.blame(_pathway_id(args.path)), args.format)


def _print_lineages(lineages: list[Lineage], fmt: str) -> int:
    if fmt == "json":
        _print_json([lin.to_json() for lin in lineages], "lineages")
        return 0
    if not lineages:  # every version failed to load (written by hand?): nothing to tell
        echo("no story to tell: no version of it reads as a pathway", err=True)
    for lineage in for_text(lineages):
        gone = "" if lineage.present else " (no longer in the pathway)"
        echo(f"{lineage.title}{gone}")
        for line in lineage.lines():
            echo(f"  {line}")
    return 0


# Writing ----------------------------------------------------------------------------------------


def run_save(args: argparse.Namespace) -> int:
    from ..checks.reporting import finding_text
    from ..format.loading import PathwayError, read_source

    with _workspace(args) as ws:
        path: Path = args.path
        if not path.exists():
            raise UsageError(f"no such file: {path}")
        try:  # read as `validate` reads: a regular file, bounded, bad bytes at their line:column
            text, _ = read_source(path)
        except PathwayError as exc:
            echo("\n".join(finding_text(f) for f in exc.findings), err=True)
            return 2 if any(f.rule == "unreadable" for f in exc.findings) else 1
        who = _who_from(args, ws, organisation_needed=True)
        base = args.base or _default_base(ws, path, text)
        result = ws.save(
            text,
            author=who.name,
            organisation=who.organisation,
            email=who.email,
            rationale=args.message,
            base=base,
            name=str(path),
        )
        return _report(result, args.format)


def _default_base(ws: Workspace, path: Path, text: str) -> str | None:
    """What an edit of the workspace's own file started from; a new pathway has no base."""
    from ..format.loading import PathwayError, load_text

    try:
        pathway_id = load_text(text, str(path)).id
    except PathwayError:
        return None  # the save reports the findings
    latest = ws.latest(pathway_id)
    if latest is None:
        return None
    own_file = path.resolve() == ws.file(pathway_id).resolve()
    checked_out = ws.checked_out(pathway_id) if own_file else None
    if checked_out is None:
        raise UsageError(
            f"{pathway_id} already has versions (latest {latest.label}): name the one this edit "
            f"started from with --base (see `pathway-designer history {pathway_id}`)"
        )
    return checked_out.commit


def run_restore(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        who = _who_from(args, ws, organisation_needed=True)
        result = ws.restore(
            _pathway_id(args.path),
            args.version,
            author=who.name,
            organisation=who.organisation,
            email=who.email,
            rationale=args.message,
        )
        return _report(result, args.format)


def _report(result: StoreResult, fmt: str) -> int:
    """A save's, restore's or sync's result: on standard output when it went through, else on
    standard error with exit status 1."""
    from ..store.reporting import result_json, result_lines

    if fmt == "json":
        _print_json(result_json(result))
    else:
        echo("\n".join(result_lines(for_text(result))), err=not result.ok)
    return 0 if result.ok else 1


def run_sync(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        author = _who_from(args, ws, organisation_needed=False)
        who: dict[str, Any] = {
            "author": author.name, "organisation": author.organisation, "email": author.email,
            "remote": args.remote,
        }
        if shutil.which("git"):  # git reaches the remote as `git push` would: its keys and helpers
            from ..sharing.gitcli import GitCommandLine

            who["via"] = GitCommandLine(ws.root, args.remote)
        result = ws.sync(**who)
        if result.status == "conflict" and args.prefer:
            choices = {name: {c.id: args.prefer for c in found} for name, found in result.conflicts.items()}
            result = ws.sync(**who, choices=choices)
        return _report(result, args.format)


def run_init(args: argparse.Namespace) -> int:
    with Workspace.init(args.dir, seed=[] if args.empty else None) as ws:
        count = len(ws.pathway_ids())
    from ..drivers.setup import setup_git  # dulwich is loaded by the workspace anyway; kept local

    setup_git(args.dir)  # plain git in it merges and shows pathways by meaning too
    echo(f"created the workspace {args.dir} with {count} pathway{'s' if count != 1 else ''}")
    return 0
