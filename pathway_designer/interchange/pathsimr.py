"""PathSimR's templates to a pathway with the flow fields and back: `read_templates` and
`write_templates` over `pathway_of` and `network_of` (the flow layer's conversions)."""

from __future__ import annotations

import os
from pathlib import Path

from pathway_designer.flow.errors import FlowError
from pathway_designer.flow.from_pathway import network_of
from pathway_designer.flow.to_pathway import pathway_of
from pathway_designer.format.files import read_regular
from pathway_designer.format.reading import YamlReadError
from pathway_designer.interchange.ids import kebab
from pathway_designer.interchange.pathsimr_reading import PathSimRError, read_templates
from pathway_designer.interchange.pathsimr_writing import Templates, write_templates
from pathway_designer.model import Organisation, Pathway, Role

UNITS = {"h": 1.0, "d": 24.0}  # --time-unit: PathSimR's files do not say which
MAX_BYTES = 8 * 1024 * 1024
MODELLERS = Organisation.model_validate(
    {"id": "pathsimr-model", "name": "PathSimR model", "role": Role.OTHER}
)


def _text(path: str | os.PathLike[str]) -> str:
    try:
        data = read_regular(path, MAX_BYTES)
    except YamlReadError as error:
        raise PathSimRError([f"{path}: {f.message}" for f in error.findings]) from None
    except OSError as error:
        raise PathSimRError([f"{path}: {error.strerror or error}"]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")  # Excel's CSV on Windows
        except UnicodeDecodeError:
            raise PathSimRError([f"{path}: not text (UTF-8 or Windows-1252)"]) from None


def pathway_of_templates(network_text: str, calendar_text: str, unit_hours: float, *,
                         pathway_id: str, title: str) -> Pathway:
    network = read_templates(network_text, calendar_text, unit_hours)
    try:
        return pathway_of(network, pathway_id=pathway_id, title=title, organisation=MODELLERS)
    except (FlowError, ValueError) as error:
        raise PathSimRError([f"the model cannot be a pathway: {error}"]) from None


def import_pathsimr(network_path: str | os.PathLike[str], calendar_path: str | os.PathLike[str],
                    unit_hours: float, name: str | None = None) -> Pathway:
    """The pathway of two template files, its id and title from `name` (the network file's name
    by default); PathSimRError says what is wrong and where."""
    name = name or Path(network_path).stem
    pathway_id = kebab(name)[:60].strip("-") or "pathsimr-model"
    return pathway_of_templates(_text(network_path), _text(calendar_path), unit_hours,
                                pathway_id=pathway_id, title=name[:120] or "PathSimR model")


def export_pathsimr(pathway: Pathway, unit_hours: float | None = None,
                    scenario: str | None = None) -> Templates:
    """The pathway's templates, in its own unit of time unless `unit_hours` is given."""
    try:
        network = network_of(pathway, scenario)
    except FlowError as error:
        raise PathSimRError([str(error)]) from None
    return write_templates(network, unit_hours or network.time_unit_hours)
