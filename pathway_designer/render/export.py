"""Laying out DOT source with the real Graphviz `dot` binary: SVG, PNG and PDF.

Two failures are real cases, not crashes:

- `dot` is not installed: `GraphvizMissing`, whose message says how to install it. (DOT and Mermaid
  text need no binary.)
- `dot` 2.43 (Debian 12) fails on some graphs with lanes and edge labels, `trouble in init_rank`,
  with no output. Our own DOT asks for `newrank=true`, which avoids it; for DOT without it, we lay
  the graph out again with `newrank=true` and say so in the result's `notes`. If that fails too,
  `LayoutFailed` carries Graphviz's message: a diagram is never silently empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import graphviz

LAYOUT_FORMATS = ("svg", "png", "pdf")

INSTALL_GRAPHVIZ = """\
Graphviz's `dot` program is needed to draw SVG, PNG and PDF diagrams, and it was not found.
Install Graphviz, then run the command again:
  Debian or Ubuntu:  sudo apt-get install graphviz
  macOS (Homebrew):  brew install graphviz
  Windows:           winget install graphviz   (or the installer from https://graphviz.org/download/),
                     then add Graphviz's bin folder to PATH
DOT and Mermaid output need no Graphviz: use -f dot or -f mermaid."""

NEWRANK_NOTE = (
    "Graphviz could not lay this diagram out with its usual method ('trouble in init_rank', a known "
    "problem of dot 2.43 with lanes and labelled arrows); it was drawn with newrank=true instead, "
    "which can place lanes a little differently."
)


class GraphvizMissing(RuntimeError):
    """The Graphviz `dot` program is not installed (or not on PATH)."""

    def __init__(self) -> None:
        super().__init__(INSTALL_GRAPHVIZ)


class LayoutFailed(RuntimeError):
    """Graphviz could not lay the diagram out; the message is Graphviz's own."""


@dataclass(frozen=True)
class Exported:
    """A diagram file's bytes, its format, and anything the person should be told about it."""

    data: bytes
    format: str
    notes: tuple[str, ...] = field(default=())


_NEWRANK = re.compile(r"\bnewrank\s*=\s*\"?true\b", re.IGNORECASE)
_GRAPH_OPEN = re.compile(
    r'^\s*(?:strict\s+)?(?:di)?graph\s*(?:"(?:[^"\\]|\\.)*"|[^\s{"]+)?\s*\{',
    re.MULTILINE | re.IGNORECASE,
)


def with_newrank(source: str) -> str:
    """`source` with the graph attribute `newrank=true` added after the graph's opening brace."""
    match = _GRAPH_OPEN.search(source)
    if match is None:
        raise LayoutFailed("the DOT source has no graph to lay out")
    return source[: match.end()] + "\n\tnewrank=true;" + source[match.end() :]


def _run_dot(source: str, fmt: str) -> bytes:
    try:
        return graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing() from None


def _message(error: graphviz.CalledProcessError) -> str:
    stderr = error.stderr
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr or "")
    return text.strip() or f"dot exited with status {error.returncode}"


def lay_out(source: str, fmt: str) -> Exported:
    """Run `dot -T<fmt>` on `source` (svg, png or pdf), retrying with newrank on init_rank trouble.

    Raises `GraphvizMissing` when `dot` is not installed and `LayoutFailed` when it cannot lay the
    graph out at all.
    """
    if fmt not in LAYOUT_FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(LAYOUT_FORMATS)}")
    try:
        return Exported(_run_dot(source, fmt), fmt)
    except graphviz.CalledProcessError as error:
        message = _message(error)
        if "init_rank" not in message or _NEWRANK.search(source):
            raise LayoutFailed(f"Graphviz could not draw the diagram: {message}") from None
    try:
        return Exported(_run_dot(with_newrank(source), fmt), fmt, (NEWRANK_NOTE,))
    except graphviz.CalledProcessError as error:
        raise LayoutFailed(
            f"Graphviz could not draw the diagram, even with newrank=true: {_message(error)}"
        ) from None
