"""Pathways in and out of other tools' formats: FHIR R5 PlanDefinition (and BPMN 2.0).

`formats.FORMATS` lists what can be imported and exported; each import gives an `Imported` (the
pathway and notes in words), each export text.
"""

from .imported import Imported, Note

__all__ = ["Imported", "Note"]
