"""Laying out DOT source with the real Graphviz `dot` binary: SVG, PNG and PDF.

Two failures are real cases, not crashes:

- `dot` is not installed: `GraphvizMissing`, whose message says how to install it. (DOT and Mermaid
  text need no binary.)
- `dot` 2.43 (Debian 12) fails on some graphs with lanes and edge labels, `trouble in init_rank`,
  with no output. Our own DOT asks for `newrank=true`, which avoids it; for DOT without it, we lay
  the graph out again with `newrank=true` and say so in the result's `notes`. If that fails too,
  `LayoutFailed` carries Graphviz's message: a diagram is never silently empty.
- `dot` has no time limit of its own (a 500-step swimlane graph took a minute): every layout is
  given `timeout` seconds in all (default 20, or `$PATHWAY_DOT_TIMEOUT`), after which `dot` is
  stopped and `LayoutTimedOut` (a `LayoutFailed`) says so in words.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field

LAYOUT_FORMATS = ("svg", "png", "pdf")
# A PNG is drawn by cairo and written by gd: a picture of a few colours, written as a palette
# image (a fifth of the bytes); cairo's own writer takes about twice as long for the same picture.
PNG_RENDERER = "png:cairo:gd"

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


class LayoutTimedOut(LayoutFailed):
    """`dot` ran past its time limit and was stopped."""


TIMEOUT_VARIABLE = "PATHWAY_DOT_TIMEOUT"
DEFAULT_TIMEOUT = 20.0

TIMED_OUT = (
    "Graphviz was stopped after {seconds:g} seconds without finishing the layout of this diagram. "
    "Draw a part of the pathway (one organisation's steps, or the steps around one step), or "
    "choose DOT or Mermaid, which need no layout here."
)


def time_limit() -> float:
    """Seconds a layout may take: `$PATHWAY_DOT_TIMEOUT` when it is a positive number, else 20."""
    try:
        seconds = float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_TIMEOUT


class _DotError(Exception):
    """`dot` ended with an error; the message is its own."""


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


def _run_dot(source: str, fmt: str, deadline: float, seconds: float, *options: str,
             program: str = "dot") -> bytes:
    if fmt == "png":  # the same picture in half the time; a Graphviz built without gd: cairo's own
        try:
            return _run_dot(source, PNG_RENDERER, deadline, seconds, *options, program=program)
        except _DotError as error:
            if "not recognized" not in str(error):
                raise
    dot = shutil.which(program)
    if dot is None:
        raise GraphvizMissing()
    try:
        done = subprocess.run(
            [dot, f"-T{fmt}", *options],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=max(deadline - time.monotonic(), 0.001),
        )
    except subprocess.TimeoutExpired:  # `run` has killed `dot` and reaped it
        raise LayoutTimedOut(TIMED_OUT.format(seconds=seconds)) from None
    except FileNotFoundError:
        raise GraphvizMissing() from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise _DotError(message or f"dot exited with status {done.returncode}")
    return done.stdout


def lay_out(source: str, fmt: str, *, timeout: float | None = None) -> Exported:
    """Run `dot -T<fmt>` on `source` (svg, png or pdf), retrying with newrank on init_rank trouble.

    Raises `GraphvizMissing` when `dot` is not installed, `LayoutTimedOut` when the layout takes
    more than `timeout` seconds (default `time_limit()`), and `LayoutFailed` when `dot` cannot lay
    the graph out at all.
    """
    if fmt not in (*LAYOUT_FORMATS, "dot"):  # "dot": the layout itself, positions written in DOT
        raise ValueError(f"format {fmt!r} is not one of {', '.join(LAYOUT_FORMATS)}")
    seconds = time_limit() if timeout is None else timeout
    deadline = time.monotonic() + seconds  # one limit for the layout, a retry included
    try:
        return Exported(_run_dot(source, fmt, deadline, seconds), fmt)
    except _DotError as error:
        message = str(error)
        if "init_rank" not in message or _NEWRANK.search(source):
            raise LayoutFailed(f"Graphviz could not draw the diagram: {message}") from None
    try:
        return Exported(_run_dot(with_newrank(source), fmt, deadline, seconds), fmt, (NEWRANK_NOTE,))
    except _DotError as error:
        raise LayoutFailed(f"Graphviz could not draw the diagram, even with newrank=true: {error}") from None


def draw(laid: str, fmt: str, *options: str, timeout: float | None = None) -> Exported:
    """Positioned DOT (`lay_out(..., "dot")`) drawn in `fmt` with no new layout (`neato -n2`).

    `options` go to Graphviz as they are (a renderer `fmt` such as "png:cairo:gd", `-Gdpi=72`).
    """
    seconds = time_limit() if timeout is None else timeout
    try:
        data = _run_dot(laid, fmt, time.monotonic() + seconds, seconds, "-n2", *options, program="neato")
    except _DotError as error:
        raise LayoutFailed(f"Graphviz could not draw the diagram: {error}") from None
    return Exported(data, fmt.split(":")[0])
