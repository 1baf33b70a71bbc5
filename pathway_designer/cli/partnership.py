"""`analyse`, `signoff`, `status` and `compare`: the partnership lens on pathway files."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ..controls import escaped
from ..format.atomic import write_atomically
from ..format.canonical import dump
from ..format.reading import body_comment_lines
from ..model import Pathway, Status
from ..partnership import comparison_json, comparison_text, measures, measures_json, measures_text
from ..partnership.comparison import compare
from ..partnership.signoff import SignoffError, organisation_named, sign_off
from ..words import STATUS_WORDS, word
from ..workshop import lifecycle
from .inputs import NotLoaded, read_or_say
from .main import UsageError
from .terminal import echo, for_text, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    analyse = subparsers.add_parser(
        "analyse", help="measures of a pathway: organisations, handoffs, settings, routes, outcomes"
    )
    analyse.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    analyse.add_argument("--format", choices=("text", "json"), default="text")
    analyse.add_argument(
        "--against-base", action="store_true",
        help="the measures beside those of the version of its base pathway it adapted "
        "(what 'compare PATH --against-base' shows)",
    )
    analyse.add_argument("--workspace", metavar="DIR", help="with --against-base: where the base is")
    analyse.set_defaults(func=run_analyse)

    signoff = subparsers.add_parser(
        "signoff", help="record an organisation's sign-off of the pathway's current content"
    )
    signoff.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    signoff.add_argument("--organisation", required=True, metavar="ORG",
                         help="the organisation signing for: its name, or its id in the file")
    signoff.add_argument("--name", required=True, help="who signs")
    signoff.add_argument("--role", help="their role in the organisation")
    signoff.add_argument("--email", help="their email address")
    signoff.set_defaults(func=run_signoff)

    status = subparsers.add_parser(
        "status",
        help="change a pathway's status: agreed and live need sign-offs from a commissioner and a "
        "provider (different people; record them with 'pathway-designer signoff PATH --organisation "
        "ORG --name NAME'); agreed or live back to in-review starts a revision, which clears the "
        "sign-offs; revising and retiring need --reason; a retired pathway stays retired",
    )
    status.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    status.add_argument("status", choices=[s.value for s in Status], metavar="NEW-STATUS",
                        help=", ".join(s.value for s in Status))  # fmt: skip
    status.add_argument("--reason", help="why (needed to start a revision or to retire)")
    status.set_defaults(func=run_status)

    compare = subparsers.add_parser(
        "compare", help="compare two pathways, e.g. an urban and a rural twin"
    )
    compare.add_argument("a", type=Path, metavar="A", help="a pathway file")
    compare.add_argument(
        "b", type=Path, nargs="?", metavar="B", help="the pathway file to compare it with"
    )
    compare.add_argument(
        "--against-base", action="store_true",
        help="compare A with the version of its base pathway it adapted, instead of B",
    )
    compare.add_argument("--workspace", metavar="DIR", help="with --against-base: where the base is")
    compare.add_argument("--format", choices=("text", "json"), default="text")
    compare.set_defaults(func=run_compare)


def _write(path: Path, text: str, pathway: Pathway) -> None:
    """Write the pathway back in canonical form, refusing to drop comments below the header."""
    comments = body_comment_lines(text)
    if comments:
        where = ", ".join(str(n) for n in comments[:5])
        raise UsageError(
            f"{path}:{comments[0]}: not written: comments on lines {where} would be lost; move "
            "them into description fields (or run 'pathway-designer fmt --drop-comments' first)"
        )
    write_atomically(path, dump(pathway), through_symlink=True)  # a linked file stays a link


JSON_VERSION = 1  # of `analyse` and `compare --format json`: see docs/json-output.md


def versioned(text: str) -> str:
    """A JSON object with the `version` of its shape first, as every JSON output carries."""
    return json.dumps({"version": JSON_VERSION, **json.loads(text)}, indent=2, ensure_ascii=False) + "\n"


def run_analyse(args: argparse.Namespace) -> int:
    if args.against_base:  # a localisation's measures mean most beside its base's
        return run_compare(argparse.Namespace(**vars(args), a=args.path, b=None))
    try:
        _, pathway = read_or_say(args.path)
    except NotLoaded as stop:
        return stop.status
    if args.format == "json":
        sys.stdout.write(versioned(measures_json.as_json(measures.analyse(pathway))))
    else:
        write(measures_text.as_text(measures.analyse(for_text(pathway))))
    return 0


def run_signoff(args: argparse.Namespace) -> int:
    try:
        text, pathway = read_or_say(args.path)
        signed = sign_off(
            pathway, args.organisation, args.name, args.role, dt.date.today(), email=args.email
        )
    except NotLoaded as stop:
        return stop.status
    except SignoffError as exc:
        raise UsageError(str(exc)) from None
    _write(args.path, text, signed)
    organisation = organisation_named(signed, args.organisation).name
    echo(f"{args.path}: signed off by {escaped(args.name.strip())} ({escaped(organisation)})")
    return 0


def run_status(args: argparse.Namespace) -> int:
    try:
        text, pathway = read_or_say(args.path)
        moved = lifecycle.move(pathway, args.status, args.reason)
    except NotLoaded as stop:
        return stop.status
    except SignoffError as exc:
        echo(f"pathway-designer: {escaped(str(exc))}", err=True)
        return 1
    changed = moved.pathway
    _write(args.path, text, changed)
    old, new = (word(STATUS_WORDS, s, in_sentence=True) for s in (pathway.status, changed.status))
    echo(f"{args.path}: status {old} → {new}")
    if moved.revision:
        echo(f"sign-offs cleared; to sign again: {escaped(', '.join(moved.sign_again))}")
    return 0


def _base_of(args: argparse.Namespace, local: Pathway) -> Pathway:
    """The version of its base that `local` adapted (the latest when that is not recorded)."""
    from ..localisation.local_view import local_view
    from ..store import StoreError
    from .versions import _workspace

    try:
        with _workspace(args) as ws:
            return local_view(ws, local).base
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def run_compare(args: argparse.Namespace) -> int:
    if (args.b is None) != args.against_base:
        raise UsageError("compare A with a pathway file B, or with its base: --against-base")
    try:
        _, a = read_or_say(args.a)
        b = _base_of(args, a) if args.against_base else read_or_say(args.b)[1]
    except NotLoaded as stop:
        return stop.status
    if args.format == "json":
        sys.stdout.write(versioned(comparison_json.as_json(compare(a, b))))
    else:
        write(comparison_text.as_text(compare(for_text(a), for_text(b))))
    return 0
