"""Reading YAML safely: plain data, the position of every part, and findings for bad input.

PyYAML alone would accept duplicate keys (the last silently wins), turn `when: Yes` into True and
`1:30` into 90, and build alias bombs. So we compose nodes (`composing`: the C parser when present,
refusing anchors, aliases and tags), and build the data ourselves from the nodes. A scalar is read
as YAML 1.2 (the JSON Schema's YAML, and check-jsonschema's) reads it: a plain `12345`, `1e3` or
`true` is a number or a boolean, so the model refuses it where text is meant, as the schema does;
everything else is kept as the text the person wrote (None for an empty value), and `1:30`, `Yes`
or a date stay text for the model to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..finding import Finding
from .composing import NULLS, Loader, YamlReadError, compose, finding
from .syntax_words import syntax_words

__all__ = [
    "MAX_BYTES",
    "Document",
    "YamlReadError",
    "body_comment_lines",
    "decode",
    "leading_comments",
    "read",
]

MAX_BYTES = 2 * 1024 * 1024
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # characters YAML refuses (and surrogates)
# The YAML 1.2 core schema's booleans and numbers, with the underscores ruamel (check-jsonschema's
# reader) also allows: `1_000` is a number to it.
_BOOLEAN = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INTEGER = re.compile(r"^(?:[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)

Path = tuple[str | int, ...]


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

    def item_positions(self, section: str, fields: tuple[str, ...]) -> list[list[tuple[int, int]]]:
        """Each item of the top-level list `section`: its position, then its `fields`' values'."""
        node = self.root
        pair = self._pairs_of(node).get(section) if isinstance(node, yaml.MappingNode) else None
        if pair is None or not isinstance(pair[1], yaml.SequenceNode):
            return []
        found = []
        for item in pair[1].value:
            marks = [item.start_mark]
            if isinstance(item, yaml.MappingNode):
                pairs = self._pairs_of(item)
                marks += [pairs[name][1].start_mark for name in fields if name in pairs]
            found.append([(mark.line + 1, mark.column + 1) for mark in marks])
        return found


def decode(raw: bytes) -> str:
    """UTF-8 text of a file, or a finding that points at the first byte that is not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise YamlReadError(
            [finding("file-too-large", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
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
                finding(
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
            [finding("file-too-large", f"text is larger than the limit of {MAX_BYTES:,} bytes")]
        )
    _refuse_unprintable(text)
    _refuse_conflict_markers(text)
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
        raise YamlReadError([_syntaxfinding(exc, text)]) from None
    except yaml.YAMLError as exc:
        raise YamlReadError([finding("yaml-syntax", str(exc).strip())]) from None
    if root is None:
        raise YamlReadError([finding("empty-file", "the file has no content", 1, 1)])
    builder = _Builder()
    data = builder.build(root)
    if builder.problems:
        raise YamlReadError(builder.problems)
    return Document(data=data, root=root, header=leading_comments(text))


_CONFLICT = re.compile(r"^<{7}(?: |$)", re.MULTILINE)


def _refuse_conflict_markers(text: str) -> None:
    """git's conflict markers (the pathway merge driver writes them too) as one finding each, at the
    line of `<<<<<<<`, rather than a YAML syntax error a few lines further on."""
    if "<<<<<<<" not in text:
        return
    found = [
        finding(
            "merge-conflict",
            "a merge conflict not yet settled: keep the lines above ======= (ours) or below it "
            "(theirs), then delete the three marker lines",
            text.count("\n", 0, match.start()) + 1,
            1,
        )
        for match in _CONFLICT.finditer(text)
    ]
    if found:
        raise YamlReadError(found)


def _syntaxfinding(exc: yaml.MarkedYAMLError, text: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "not valid YAML"
    if mark is None:
        return finding("yaml-syntax", f"{problem} ({exc.context})" if exc.context else problem)
    said = syntax_words(problem, exc.context, text[mark.index : mark.index + 1])
    return finding("yaml-syntax", said, mark.line + 1, mark.column + 1)


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
            finding(
                "yaml-syntax",
                f"character U+{ord(bad.group()):04X} is not allowed in a YAML file; remove it",
                line,
                column,
            )
        ]
    )


def plain_scalar(text: str) -> Any:
    """An unquoted scalar as YAML 1.2 reads it: None, a boolean, a number, or the text itself."""
    if text in NULLS:
        return None
    if _BOOLEAN.match(text):
        return text.lower() == "true"
    if _INTEGER.match(text):
        digits = text.replace("_", "").lstrip("+")
        sign = -1 if digits.startswith("-") else 1
        digits = digits.lstrip("-")
        base = {"0b": 2, "0o": 8, "0x": 16}.get(digits[:2].lower(), 10)
        try:
            return sign * int(digits[2:] if base != 10 else digits, base)
        except ValueError:  # `_` alone, or thousands of digits: still a number, not text
            return float("nan")
    if _FLOAT.match(text):
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return float("nan")
    return text


class _Builder:
    """Builds plain data from nodes; scalars stay text; collects duplicate and bad keys."""

    def __init__(self) -> None:
        self.problems: list[Finding] = []

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.style is None:
                return plain_scalar(node.value)
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
                    finding(
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
                    finding(
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
        for token in yaml.scan(text, Loader=Loader):
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
