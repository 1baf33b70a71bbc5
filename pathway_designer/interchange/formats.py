"""The formats a pathway can be brought in from and sent out to: the one table the command line
(`import FORMAT`, `export FORMAT`) and the app offer. A new format is one more row."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import Pathway, Role
from .bpmn_export import export_bpmn
from .bpmn_import import import_bpmn_bytes, import_bpmn_file
from .exported import Exported
from .imported import Imported


@dataclass(frozen=True)
class Format:
    name: str  # as typed on the command line
    title: str  # in words
    suffix: str  # of the files it writes
    media_type: str
    import_file: Callable[[str | os.PathLike[str], Mapping[str, Role]], Imported]
    import_bytes: Callable[[bytes, str, Mapping[str, Role]], Imported]
    export: Callable[[Pathway], Exported]


FORMATS: dict[str, Format] = {
    "bpmn": Format(
        "bpmn", "BPMN 2.0", ".bpmn", "application/xml",
        import_bpmn_file, import_bpmn_bytes, export_bpmn,
    ),
}
