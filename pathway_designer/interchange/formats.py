"""The formats a pathway can be brought in from and sent out to: the one table the command line
(`import FORMAT`, `export FORMAT`) and the app offer. A new format is one more row."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Pathway, Role
from . import fhir_export, fhir_import
from .bpmn_export import export_bpmn
from .bpmn_import import import_bpmn_bytes, import_bpmn_file
from .exported import Exported
from .imported import Imported

Roles = Mapping[str, Role]


@dataclass(frozen=True)
class Format:
    name: str  # as typed on the command line
    title: str  # as people know it
    suffix: str  # of the files it writes
    suffixes: tuple[str, ...]  # of the files it reads
    media_type: str
    import_file: Callable[[str | os.PathLike[str], Roles], Imported]
    import_bytes: Callable[[bytes, str, Roles], Imported]
    export: Callable[[Pathway, str | None], Exported]  # the pathway, and its commit when saved

    @property
    def extension(self) -> str:
        return self.suffix.lstrip(".")

    def read_file(self, path: str | os.PathLike[str]) -> Imported:
        return self.import_file(path, {})

    def read(self, data: bytes, name: str = "<upload>") -> Imported:
        return self.import_bytes(data, name, {})

    def write(self, pathway: Pathway, commit: str | None = None) -> str:
        return self.export(pathway, commit).data.decode("utf-8")


def _bpmn_export(pathway: Pathway, commit: str | None) -> Exported:
    return export_bpmn(pathway)  # BPMN has no place for a version: the commit is not written


def _fhir_file(path: str | os.PathLike[str], roles: Roles) -> Imported:
    return fhir_import.import_fhir_file(path)  # FHIR's actors carry their own roles


def _fhir_bytes(data: bytes, name: str, roles: Roles) -> Imported:
    return fhir_import.import_fhir(data)


def _fhir_export(pathway: Pathway, commit: str | None) -> Exported:
    return Exported(fhir_export.plan_definition_json(pathway, commit).encode("utf-8"))


FORMATS: dict[str, Format] = {
    "bpmn": Format(
        "bpmn", "BPMN 2.0", ".bpmn", (".bpmn", ".xml"), "application/xml",
        import_bpmn_file, import_bpmn_bytes, _bpmn_export,
    ),
    "fhir": Format(
        "fhir", "FHIR PlanDefinition (JSON)", ".json", (".json",), "application/fhir+json",
        _fhir_file, _fhir_bytes, _fhir_export,
    ),
}


def for_file(name: str) -> Format | None:
    """The format a file's name says it is in (`.bpmn`/`.xml` BPMN, `.json` FHIR), if any."""
    lower = name.lower()
    return next((f for f in FORMATS.values() if lower.endswith(f.suffixes)), None)
