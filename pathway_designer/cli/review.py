"""`review BASE [HEAD]`: what a change to pathways means, between two git revisions.

A thin shell over `pathway_designer.review`. HEAD defaults to `HEAD`, the commit checked out
(what a pull request holds); the base side is where HEAD left BASE (`git merge-base`), as a pull
request's page compares. Exit status 0 with a review (findings are reported, not failed on:
`validate` is the gate); 2 when it cannot be made (not a repository, an unknown revision, no git).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .main import UsageError
from .terminal import echo, for_text, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    review = subparsers.add_parser(
        "review",
        help="what changed in the pathways between two git revisions, by meaning",
        description="For every pathway file that differs between two git revisions: what changed "
        "by meaning, findings introduced and fixed, measures that moved, sign-offs made stale and "
        "a diagram with the changes marked. HEAD defaults to the commit checked out; BASE is "
        "compared from where HEAD left it (git merge-base), as a pull request is.",
    )
    review.add_argument("base", metavar="BASE", help="any git revision: main, HEAD~1, a tag, a sha")
    review.add_argument("head", nargs="?", metavar="HEAD", help="any git revision (default: HEAD)")
    review.add_argument("--format", choices=("markdown", "text", "json"), default="markdown")
    review.set_defaults(func=run_review)


def run_review(args: argparse.Namespace) -> int:
    # Imported here: building the parser for any command must not load the checks and renderers.
    from ..review.collect import review_revisions
    from ..review.gitcli import ReviewError
    from ..review.markdown import review_markdown
    from ..review.writing import review_json, review_text

    try:
        result = review_revisions(Path.cwd(), args.base, args.head)
    except ReviewError as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        print(json.dumps(review_json(result), indent=2, ensure_ascii=False))
    elif args.format == "text":
        echo(review_text(for_text(result)))
    else:
        write(review_markdown(result))
    return 0
