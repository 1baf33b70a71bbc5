"""Localisation: `adapt`, `upstream` and `twins`.

A thin shell over `pathway_designer.localisation`. `adapt BASE NEW-ID` starts a local pathway from
the base's latest version (BASE is a pathway of this workspace, or `REMOTE:ID` on a fetched remote's
branch); `upstream PATH` says what changed in the base since the version adapted, `--bring-in` merges
it in by meaning, `--pin VERSION` records the version adapted; `twins` lists pathways to compare.

Exit status: 0 done (or nothing to bring in); 1 conflicts for the partners to choose, or a save
refused; 2 a usage mistake (no such pathway, no base, the version adapted unknown).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..localisation import bringing_in, upstream_writing
from ..localisation.adapting import adapt
from ..localisation.twins import workspace_twins
from ..localisation.upstream import upstream
from ..store import Workspace
from ..store.reporting import result_json, result_lines
from ..words import GEOGRAPHY_WORDS, TWIN_WORDS, plural, quoted, word
from .terminal import echo, for_text
from .versions import JSON_VERSION, _pathway_id, _run, _who, _who_from, _workspace


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workspace", metavar="DIR", help="the workspace (as for `history`)")

    def command(name: str, help: str, func: Any) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help, parents=[common])
        parser.set_defaults(func=lambda args: _run(func, args))
        return parser

    adapting = command("adapt", "start a local pathway from a base pathway's latest version", run_adapt)
    adapting.add_argument(
        "base", metavar="BASE",
        help="the base: a pathway of this workspace, or REMOTE:ID on a fetched git remote's branch",
    )
    adapting.add_argument("new_id", metavar="NEW-ID", help="the local pathway's id")
    adapting.add_argument("--title", help="its title (default: the base's, with (local))")
    adapting.add_argument("-m", "--message", metavar="RATIONALE", help="why (default: adapted from …)")
    adapting.add_argument("--format", choices=("text", "json"), default="text")
    _who(adapting)

    up = command(
        "upstream", "what changed in the base since the version adapted; bring it in", run_upstream
    )
    up.add_argument("path", metavar="PATH", help="the local pathway (a file or its id)")
    up.add_argument("--format", choices=("text", "json"), default="text")
    act = up.add_mutually_exclusive_group()
    act.add_argument(
        "--bring-in", action="store_true",
        help="merge the base's changes in by meaning and save them as a new version",
    )
    act.add_argument(
        "--pin", metavar="VERSION",
        help="record the version of the base adapted (v3, a date, a commit, or latest)",
    )
    up.add_argument(
        "--prefer", choices=("ours", "theirs"),
        help="with --bring-in: settle every conflict with the local value (ours) or the base's (theirs)",
    )
    up.add_argument("-m", "--message", metavar="RATIONALE", help="why (for --bring-in and --pin)")
    _who(up)

    twins = command("twins", "pathways to compare like with like: same base, or alike", run_twins)
    twins.add_argument("--format", choices=("text", "json"), default="text")


def _print_json(data: dict[str, Any]) -> None:
    print(json.dumps({"version": JSON_VERSION, **data}, indent=2, ensure_ascii=False))


def run_adapt(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        who = _who_from(args, ws, organisation_needed=True)
        result = adapt(ws, args.base, args.new_id, who=who, title=args.title, rationale=args.message)
        if args.format == "json":
            print(json.dumps(result_json(result), indent=2, ensure_ascii=False))
        else:
            echo("\n".join(result_lines(for_text(result))), err=not result.ok)
        return 0 if result.ok else 1


def run_upstream(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        pathway_id = _pathway_id(args.path)
        if args.pin:
            result = bringing_in.pin(
                ws, pathway_id, args.pin, who=_who_from(args, ws, organisation_needed=True),
                rationale=args.message,
            )
            if args.format == "json":
                print(json.dumps(result_json(result), indent=2, ensure_ascii=False))
            else:
                echo("\n".join(result_lines(for_text(result))), err=not result.ok)
            return 0 if result.ok else 1
        if args.bring_in:
            return _bring_in(ws, pathway_id, args)
        found = upstream(ws, pathway_id)
        if args.format == "json":
            _print_json(upstream_writing.upstream_json(found))
            return 0
        found = for_text(found)
        echo(upstream_writing.upstream_text(found))
        if found.unknown:
            echo(bringing_in.unknown_message(found), err=True)
        return 0


def _bring_in(ws: Workspace, pathway_id: str, args: argparse.Namespace) -> int:
    who = _who_from(args, ws, organisation_needed=True)
    outcome = bringing_in.bring_in(ws, pathway_id, who=who, rationale=args.message)
    if outcome.status == "conflict" and args.prefer:
        choices = {c.id: args.prefer for c in outcome.conflicts}
        outcome = bringing_in.bring_in(ws, pathway_id, who=who, rationale=args.message, choices=choices)
    if args.format == "json":
        _print_json({
            "status": outcome.status,
            "upstream": upstream_writing.upstream_json(outcome.upstream),
            "saved": result_json(outcome.saved) if outcome.saved else None,
        })
        return 0 if outcome.ok else 1
    shown = for_text(outcome)
    if shown.status == "up-to-date":
        echo(upstream_writing.headline(shown.upstream))
    elif shown.status == "conflict":
        lines = upstream_writing.conflict_lines(shown.upstream)
        echo(
            f"nothing was brought in: the base changed {plural(len(lines), 'thing')} you changed too; "
            "choose which to keep with --prefer ours (keep yours) or --prefer theirs (take the "
            "base's), or one by one in the workshop app",
            err=True,
        )
        for line in lines:
            echo(f"  {line}", err=True)
    elif shown.saved is not None:
        echo("\n".join(result_lines(shown.saved)), err=not shown.ok)
    return 0 if outcome.ok else 1


def run_twins(args: argparse.Namespace) -> int:
    with _workspace(args) as ws:
        found = workspace_twins(ws)
        if args.format == "json":
            _print_json({"twins": [t.to_json() for t in found]})
            return 0
        if not found:
            echo("no twins: no two pathways of this workspace share a base or look alike")
        for twin in for_text(found):
            echo(
                f"{quoted(twin.a.title)} and {quoted(twin.b.title)}: {TWIN_WORDS[twin.reason]} "
                f"(similarity {twin.similarity:.2f})"
            )
            for side in (twin.a, twin.b):
                kind = word(GEOGRAPHY_WORDS, side.geography, in_sentence=True)
                where = ", ".join(w for w in (side.area, kind) if w) or "no area or kind of place given"
                echo(f"  {side.title}: {where}")
        return 0
