"""Pathways in and out of other tools' formats: BPMN 2.0 (process maps) and FHIR PlanDefinition.

Each format has an import (a file to an `Imported`: the pathway and notes in people's words) and
an export (a pathway to the file's bytes); `formats.py` is the table the command line offers.
"""
