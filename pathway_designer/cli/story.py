"""`story`: the journey through a pathway in words, for service users and carers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..partnership.story import story
from ..partnership.story_json import story_json
from ..partnership.story_markdown import story_markdown
from ..partnership.story_text import story_text
from .inputs import NotLoaded, read_or_say
from .terminal import for_text, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = subparsers.add_parser(
        "story", help="the main routes through a pathway told in plain words, for service users "
        "and carers (and the diagram's text alternative)",
    )
    command.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    command.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    command.set_defaults(func=run_story)


def run_story(args: argparse.Namespace) -> int:
    try:
        _, pathway = read_or_say(args.path)
    except NotLoaded as stop:
        return stop.status
    if args.format == "json":
        sys.stdout.write(story_json(story(pathway)))  # json.dumps escapes control characters
    elif args.format == "markdown":
        write(story_markdown(story(pathway)))
    else:
        write(story_text(for_text(story(pathway))))
    return 0
