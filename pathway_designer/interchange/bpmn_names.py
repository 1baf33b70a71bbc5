"""The XML namespaces of BPMN 2.0 and its diagram interchange, and our own for what BPMN lacks."""

from __future__ import annotations

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Our extension attributes (BPMN allows any attribute of another namespace on every element):
# what a pathway has and BPMN has no element for (a step's kind, setting, times, partners).
PATHWAY = "https://github.com/pathway-designer/pathway-designer/bpmn/1"

PREFIXES = {"bpmn": MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI, "pd": PATHWAY}


def bpmn(local: str) -> str:
    """`{MODEL}local`: the Clark name lxml uses for a BPMN element."""
    return f"{{{MODEL}}}{local}"


def pd(local: str) -> str:
    """`{PATHWAY}local`: one of our extension attributes."""
    return f"{{{PATHWAY}}}{local}"
