"""BPMN's kinds of element in plain words, for the notes of an import."""

from __future__ import annotations

ELEMENT_WORDS: dict[str, str] = {
    "task": "task", "userTask": "user task", "manualTask": "manual task",
    "serviceTask": "service task", "scriptTask": "script task",
    "businessRuleTask": "business rule task", "sendTask": "send task",
    "receiveTask": "receive task", "callActivity": "call activity", "subProcess": "subprocess",
    "transaction": "transaction", "adHocSubProcess": "ad hoc subprocess",
    "startEvent": "start event", "endEvent": "end event",
    "exclusiveGateway": "exclusive gateway", "inclusiveGateway": "inclusive gateway",
    "complexGateway": "complex gateway", "eventBasedGateway": "event-based gateway",
    "parallelGateway": "parallel gateway",
    "intermediateCatchEvent": "intermediate event", "intermediateThrowEvent": "intermediate event",
    "boundaryEvent": "boundary event", "dataObject": "data object",
    "dataObjectReference": "data object", "dataStoreReference": "data store",
    "textAnnotation": "text annotation", "association": "association", "group": "group",
    "category": "category", "lane": "lane", "participant": "pool", "process": "process",
    "messageFlow": "message flow", "sequenceFlow": "sequence flow",
}


def kind_words(kind: str) -> str:
    """'parallel gateway': an element's kind in words (an unknown one by its XML name)."""
    return ELEMENT_WORDS.get(kind, f"{kind} element")


def element_words(kind: str, name: str | None) -> str:
    """'the parallel gateway "Split"', or 'a parallel gateway' when it has no name."""
    words = kind_words(kind)
    if name and name.strip():
        return f'the {words} "{name.strip()}"'
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def upper_first(text: str) -> str:
    """`text` starting a sentence: its first letter upper-cased, the rest as written."""
    return text[:1].upper() + text[1:]
