"""`flow`: people per week, how full each step is, waits and cost, worked out on paper."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..controls import escaped
from ..flow.analytic import flow_of
from ..flow.errors import FlowError
from ..flow.flow_json import flow_json
from ..flow.flow_text import flow_text
from .inputs import NotLoaded, read_or_say
from .terminal import echo, for_text, write


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = subparsers.add_parser(
        "flow", help="how many people pass through each step, how full it is, waits (Erlang C) "
        "and cost by organisation, worked out on paper from the flow fields",
    )
    command.add_argument("path", type=Path, metavar="PATH", help="a pathway file")
    command.add_argument("--scenario", metavar="NAME", help="a scenario of the pathway, by its name")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.set_defaults(func=run_flow)


def run_flow(args: argparse.Namespace) -> int:
    try:
        _, pathway = read_or_say(args.path)
        result = flow_of(pathway, args.scenario)
    except NotLoaded as stop:
        return stop.status
    except FlowError as exc:
        echo(escaped(str(exc)), err=True)
        return 1
    if args.format == "json":
        sys.stdout.write(flow_json(result))  # json.dumps escapes control characters
    else:
        write(flow_text(for_text(result)))
    return 0
