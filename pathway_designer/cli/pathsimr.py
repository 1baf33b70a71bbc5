"""`import pathsimr NETWORK.csv CALENDAR.csv --time-unit h|d` and `export pathsimr PATH -o DIR`:
PathSimR's two templates, which `cli/interchange.py` hands over to here (the other formats are one
file each)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..controls import escaped
from ..format.atomic import write_atomically
from ..format.canonical import dump
from ..interchange.pathsimr import UNITS, export_pathsimr, import_pathsimr
from ..interchange.pathsimr_reading import PathSimRError
from .inputs import NotLoaded, load_or_say
from .main import UsageError
from .terminal import echo

NAME = "pathsimr"
FILES = ("network.csv", "calendar.csv")  # what `export pathsimr -o DIR` writes in DIR


def _unit(args: argparse.Namespace, *, required: bool) -> float | None:
    if args.time_unit is None:
        if required:
            raise UsageError("import pathsimr: say the unit of the model's times with "
                             "--time-unit h (hours) or --time-unit d (days)")
        return None
    return UNITS[args.time_unit]


def _refused(error: PathSimRError, what: str) -> int:
    for problem in error.problems:
        echo(f"pathway-designer: {escaped(problem)}", err=True)
    echo(f"pathway-designer: {what}", err=True)
    return 1


def run_import(args: argparse.Namespace) -> int:
    if len(args.files) != 2:
        raise UsageError("import pathsimr takes two files: NETWORK.csv CALENDAR.csv")
    unit = _unit(args, required=True)
    assert unit is not None
    try:
        # named after the file it goes to, so the pathway's id matches its file's name
        name = args.output.stem if args.output is not None else None
        pathway = import_pathsimr(args.files[0], args.files[1], unit, name)
    except PathSimRError as error:
        return _refused(error, f"{args.files[0]} was not imported")
    text = dump(pathway)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(args.output, text)
    except OSError as error:
        echo(f"{args.output}: not written: {error.strerror or error}", err=True)
        return 2
    return 0


def run_export(args: argparse.Namespace) -> int:
    if args.output is None:
        raise UsageError("export pathsimr writes two files: give the folder for them with -o DIR")
    try:
        pathway = load_or_say(args.path, "not exported")
    except NotLoaded as stop:
        return stop.status
    try:
        templates = export_pathsimr(pathway, _unit(args, required=False))
    except PathSimRError as error:
        return _refused(error, f"{args.path} was not exported")
    folder: Path = args.output
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in zip(FILES, (templates.network, templates.calendar), strict=True):
            write_atomically(folder / name, text)
    except OSError as error:
        echo(f"{folder}: not written: {error.strerror or error}", err=True)
        return 2
    for line in templates.notes:
        echo(escaped(line), err=True)
    return 0
