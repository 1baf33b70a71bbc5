"""Reading YAML safely: plain data, the position of every part, and findings for bad input.

PyYAML alone would accept duplicate keys (the last silently wins), turn `when: Yes` into True and
`1:30` into 90, and build alias bombs. So we compose nodes (with the C parser when present), refuse
anchors and aliases, and build the data ourselves from the nodes: every scalar is kept as the text the
person wrote (or None for an empty value), and the model decides what it means.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..finding import Finding, Severity

try:  # the C parser is several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 32  # a pathway nests four levels deep; far deeper is an attack on the parser's stack
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # characters YAML refuses (and surrogates)

Path = tuple[str | int, ...]


class YamlReadError(Exception):
    """The text could not be read as YAML data; `findings` say why and where."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(str(f) for f in findings))
        self.findings = findings


def _finding(rule: str, message: str, line: int | None = None, column: int | None = None) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, message=message, line=line, column=column)


@dataclass
class Document:
    """YAML data built from composed nodes, able to say where each part was written."""

    data: Any
    root: yaml.Node
    header: str = ""
    _problems: list[Finding] = field(default_factory=list)
    # id(mapping node) -> its pairs by key, built the first time a position inside it is asked for:
    # a search per finding would make a file of n unknown keys cost n²/2 comparisons
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict)

    def _pairs_of(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        pairs = self._keys.get(id(node))
        if pairs is None:
            pairs = {}
            for pair in node.value:
                if isinstance(pair[0], yaml.ScalarNode):
                    pairs.setdefault(pair[0].value, pair)  # a duplicate key: the first one, as built
            self._keys[id(node)] = pairs
        return pairs

    def node_at(self, path: Path, key: bool = False) -> yaml.Node:
        """The deepest node along `path` (the key node of the last step when `key`)."""
        node = self.root
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = self._pairs_of(node).get(part)
                if pair is None:
                    return node
                node = pair[0] if (key and last) else pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return node
                node = node.value[part]
            else:
                return node
        return node

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        mark = self.node_at(path, key).start_mark
        return mark.line + 1, mark.column + 1


def decode(raw: bytes) -> str:
    """UTF-8 text of a file, or a finding that points at the first byte that is not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise YamlReadError(
            [_finding("file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # the column in characters, as editors count it: the bytes before it on its line are UTF-8
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        raise YamlReadError(
            [
                _finding(
                    "not-utf8",
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def leading_comments(text: str) -> str:
    """The comment lines at the top of a file (kept by the formatter, e.g. the schema link)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#"):
            lines.append(line if line.endswith("\n") else line + "\n")
        elif line.strip() or lines:
            break
    return "".join(lines)


def read(text: str) -> Document:
    """Read YAML text into a Document, or raise YamlReadError with findings."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlReadError(
            [_finding("file-too-large", f"text is larger than the limit of {MAX_BYTES:,} bytes")]
        )
    _refuse_unprintable(text)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise YamlReadError([_syntax_finding(exc)]) from None
    except yaml.YAMLError as exc:
        raise YamlReadError([_finding("yaml-syntax", str(exc).strip())]) from None
    if root is None:
        raise YamlReadError([_finding("empty-file", "the file has no content", 1, 1)])
    builder = _Builder()
    data = builder.build(root)
    if builder.problems:
        raise YamlReadError(builder.problems)
    return Document(data=data, root=root, header=leading_comments(text))


def _syntax_finding(exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "not valid YAML"
    if exc.context:
        problem = f"{problem} ({exc.context})"
    if mark is None:
        return _finding("yaml-syntax", problem)
    return _finding("yaml-syntax", problem, mark.line + 1, mark.column + 1)


def _refuse_unprintable(text: str) -> None:
    """Refuse characters YAML does not allow, at their line and column (PyYAML gives neither)."""
    bad = _NON_PRINTABLE.search(text)
    if bad is None:
        return
    start = bad.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    raise YamlReadError(
        [
            _finding(
                "yaml-syntax",
                f"character U+{ord(bad.group()):04X} is not allowed in a YAML file; remove it",
                line,
                column,
            )
        ]
    )


def _refusal(rule: str, message: str, mark: Any) -> YamlReadError:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return YamlReadError([_finding(rule, message, line, column)])


def _compose(text: str) -> yaml.Node | None:
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
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor:
                raise _anchor_refusal(event)
            # the C parser says '' for a plain scalar, the Python one None
            add(yaml.ScalarNode("", event.value, event.start_mark, event.end_mark, event.style or None))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor:
                raise _anchor_refusal(event)
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


class _Builder:
    """Builds plain data from nodes; scalars stay text; collects duplicate and bad keys."""

    def __init__(self) -> None:
        self.problems: list[Finding] = []

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item) for item in node.value]
        if isinstance(node, yaml.MappingNode):
            return dict(self._pairs(node))
        raise AssertionError(f"unknown node {node!r}")  # pragma: no cover

    def _pairs(self, node: yaml.MappingNode) -> Iterator[tuple[str, Any]]:
        first_at: dict[str, int] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    _finding(
                        "yaml-syntax",
                        "a key must be a plain name, not a list or mapping",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                continue
            key = key_node.value
            if key in first_at:
                self.problems.append(
                    _finding(
                        "duplicate-key",
                        f"key '{key}' appears twice in this mapping (first at line "
                        f"{first_at[key]}); keep one",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                continue
            first_at[key] = mark.line + 1
            yield key, self.build(value_node)


def body_comment_lines(text: str) -> list[int]:
    """Lines (1-based) with comments other than the leading block, which the formatter keeps.

    A '#' counts as a comment when it lies outside every token and starts a word, so a '#' inside a
    value (or a block of text) is not mistaken for one.
    """
    spans = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index != token.end_mark.index:
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return []
    spans.sort()
    header_end = len(leading_comments(text))
    lines: list[int] = []
    span_i = 0
    position = text.find("#", header_end)
    while position != -1:
        while span_i < len(spans) and spans[span_i][1] <= position:
            span_i += 1
        inside = span_i < len(spans) and spans[span_i][0] <= position
        if not inside and (position == 0 or text[position - 1] in " \t\n"):
            line = text.count("\n", 0, position) + 1
            if not lines or lines[-1] != line:
                lines.append(line)
        position = text.find("#", position + 1)
    return lines
