"""The table of interchange formats: how the CLI's `import FORMAT` / `export FORMAT` and the app
find each format's reader and writer, its file extension and its media type."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Pathway
from . import fhir_export, fhir_import
from .imported import Imported


@dataclass(frozen=True)
class Format:
    name: str  # as the command line names it
    title: str  # as people know it
    extension: str  # of the files written
    suffixes: tuple[str, ...]  # of the files read
    media_type: str
    read_file: Callable[[str | os.PathLike[str]], Imported]
    read: Callable[[bytes], Imported]
    write: Callable[[Pathway, str | None], str]  # the pathway, and its commit when saved


def _fhir_write(pathway: Pathway, commit: str | None) -> str:
    return fhir_export.plan_definition_json(pathway, commit)


FORMATS: dict[str, Format] = {
    "fhir": Format(
        "fhir",
        "FHIR PlanDefinition (JSON)",
        "json",
        (".json",),
        "application/fhir+json",
        fhir_import.import_fhir_file,
        fhir_import.import_fhir,
        _fhir_write,
    ),
}


def for_file(name: str) -> Format | None:
    """The format a file's name says it is in (`.json` FHIR, `.bpmn` BPMN), if any."""
    lower = name.lower()
    return next((f for f in FORMATS.values() if lower.endswith(f.suffixes)), None)
