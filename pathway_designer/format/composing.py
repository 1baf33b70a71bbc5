"""Composing YAML text into nodes in one pass, refusing what a pathway file never needs.

Anchors and aliases (the alias bomb), tags (`!!binary`, `!custom`), nesting past MAX_DEPTH and a
second document are refused from the parser's event stream, before a node is built for them.
`reading` builds plain data from the nodes composed here.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..finding import Finding, Severity

try:  # the C parser is several times faster
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 32  # a pathway nests four levels deep; far deeper is an attack on the parser's stack


class YamlReadError(Exception):
    """The text could not be read as YAML data; `findings` say why and where."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings


def finding(rule: str, message: str, line: int | None = None, column: int | None = None) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, message=message, line=line, column=column)


def _refusal(rule: str, message: str, mark: Any) -> YamlReadError:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return YamlReadError([finding(rule, message, line, column)])


def compose(text: str) -> yaml.Node | None:
    """Nodes from the parser's events in one pass, without recursion.

    PyYAML's composer recurses once per level of nesting (a file of a million `[` overflows even
    the C one) and shares aliased nodes, which explode when walked. Here anchors, aliases, deep
    nesting and a second document are refused from the event stream, before a node is built for
    them; and one pass over events is cheaper than an event check followed by `yaml.compose`.
    """
    root: yaml.Node | None = None
    stack: list[list[Any]] = []  # [collection node, pending mapping key or None]
    documents = 0

    def add(node: yaml.Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        if type(top[0]) is yaml.SequenceNode:
            top[0].value.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            top[0].value.append((top[1], node))
            top[1] = None

    event: Any  # PyYAML's event classes are typed loosely: the attributes depend on the kind
    for event in yaml.parse(text, Loader=Loader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor:
                raise _anchor_refusal(event)
            if event.tag is not None and not _plain_text_tag(event):
                raise _tag_refusal(event)
            # the C parser says '' for a plain scalar, the Python one None
            add(yaml.ScalarNode("", event.value, event.start_mark, event.end_mark, event.style or None))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor:
                raise _anchor_refusal(event)
            if event.tag is not None:
                raise _tag_refusal(event)
            if len(stack) >= MAX_DEPTH:
                raise _refusal(
                    "too-deep",
                    f"values are nested more than {MAX_DEPTH} levels deep; a pathway needs only a few",
                    event.start_mark,
                )
            cls = yaml.MappingNode if kind is yaml.MappingStartEvent else yaml.SequenceNode
            node = cls("", [], event.start_mark, None)
            add(node)
            stack.append([node, None])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise _anchor_refusal(event)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refusal(
                    "yaml-syntax",
                    "a second document ('---') starts here; a pathway file holds one pathway",
                    event.start_mark,
                )
    return root


def _anchor_refusal(event: Any) -> YamlReadError:
    anchor = getattr(event, "anchor", "")
    what = f"alias '*{anchor}'" if isinstance(event, yaml.AliasEvent) else f"anchor '&{anchor}'"
    return _refusal(
        "yaml-alias",
        f"{what}: anchors and aliases are not allowed in pathway files; write the value out in full",
        event.start_mark,
    )


_STANDARD_TAG = "tag:yaml.org,2002:"


def _plain_text_tag(event: Any) -> bool:
    """`!!str` on a scalar that is text anyway: harmless, since every value is kept as text."""
    return bool(
        event.tag == _STANDARD_TAG + "str" and (event.style or event.value not in NULLS)
    )


def _tag_refusal(event: Any) -> YamlReadError:
    """Tags (`!!binary`, `!!int`, `!custom`) would change what a value means, and PyYAML's safe
    loader would act on some; here values are text, so a tag is refused rather than ignored."""
    tag = event.tag
    if tag.startswith(_STANDARD_TAG):
        written = "!!" + tag.removeprefix(_STANDARD_TAG)
    else:
        written = tag if tag.startswith("!") else f"!<{tag}>"
    return _refusal(
        "yaml-tag",
        f"tag '{written}': YAML tags are not used in pathway files; remove it and write the value "
        "as plain text",
        event.start_mark,
    )
