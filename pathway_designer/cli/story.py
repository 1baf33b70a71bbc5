"""`story`: the journey through a pathway in words, for service users and carers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks.reporting import finding_text
from ..format.loading import PathwayError, load_text, read_source
from ..partnership.story import story
from ..partnership.story_json import story_json
from ..partnership.story_markdown import story_markdown
from ..partnership.story_text import story_text
from .main import UsageError
from .terminal import echo, for_text, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = subparsers.add_parser(
        "story", help="the main routes through a pathway told in plain words, for service users "
        "and carers (and the diagram's text alternative)",
    )
    command.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    command.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    command.set_defaults(func=run_story)


def run_story(args: argparse.Namespace) -> int:
    if not args.path.is_file():
        raise UsageError(f"no such file: {args.path}")
    try:
        text, name = read_source(args.path)
        pathway = load_text(text, name)
    except PathwayError as exc:
        for finding in exc.findings:
            echo(finding_text(finding), err=True)
        return 1
    if args.format == "json":
        sys.stdout.write(story_json(story(pathway)))  # json.dumps escapes control characters
    elif args.format == "markdown":
        write(story_markdown(story(pathway)))
    else:
        write(story_text(for_text(story(pathway))))
    return 0
