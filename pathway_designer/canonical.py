"""The canonical form of a pathway file: fixed key order, block style, stable quoting, UTF-8.

Saving an unchanged pathway changes no byte, so diffs in review show only real changes. The pure
Python emitter is used on purpose: the C emitter may differ in small ways, and the canonical form must
not depend on how PyYAML was built.
"""

from __future__ import annotations

import hashlib
from typing import Any

import yaml

from .model import Pathway, to_data

_WIDTH = 1_000_000  # never fold long lines: a folded line changes when a word is edited


class _CanonicalDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("steps:\n  - id: ...") as people write them.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_CanonicalDumper.add_representer(str, _represent_str)


def dump_data(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_CanonicalDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=_WIDTH,
        indent=2,
    )


def dump(pathway: Pathway, header: str | None = None) -> str:
    """The canonical YAML text of a pathway, with its leading comment (e.g. the schema link)."""
    head = pathway.header if header is None else header
    return head + dump_data(to_data(pathway))


def fingerprint(pathway: Pathway) -> str:
    """sha256 of the canonical content without status and sign-offs: what partners agree to."""
    data = to_data(pathway)
    data.pop("status", None)
    data.pop("signoffs", None)
    return "sha256:" + hashlib.sha256(dump_data(data).encode("utf-8")).hexdigest()
