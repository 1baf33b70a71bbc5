"""The rule registry: small, independent, named checks, the way eslint and bpmnlint do it.

A rule is a function that takes a `RuleContext` and yields `Issue`s; the registry gives each issue the
rule's name, its severity (the repository's configuration wins over the rule's default) and the line
and column of the part of the pathway it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ...finding import Finding, Severity
from ...model import Pathway
from ...words import org_words, step_words

if TYPE_CHECKING:
    from ...graph import StepGraph
    from ..config import RuleConfig

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """What a rule found: a message, the part of the pathway it is about, and the step."""

    message: str
    path: Path = ()
    step: str | None = None
    severity: Severity | None = None  # only for rules whose severity depends on the pathway
    detail: str | None = None  # ids for YAML reviewers; "step <id>" when a step is named


@dataclass
class RuleContext:
    pathway: Pathway
    file: str | None = None
    today: dt.date = field(default_factory=dt.date.today)
    config: RuleConfig | None = None

    @cached_property
    def graph(self) -> StepGraph:
        from ...graph import StepGraph

        return StepGraph(self.pathway)

    @cached_property
    def step_index(self) -> dict[str, int]:
        return self.pathway.step_index()

    def step_path(self, step_id: str) -> Path:
        index = self.step_index.get(step_id)
        return ("steps", index) if index is not None else ()

    def step(self, step_id: str) -> str:
        """A step as a sentence names it: its label in quotes."""
        return step_words(self.pathway, step_id)

    def org(self, org_id: str) -> str:
        """An organisation as a sentence names it: its name."""
        return org_words(self.pathway, org_id)

    def option(self, name: str, default: Any = None) -> Any:
        return self.config.options.get(name, default) if self.config else default


Check = Callable[[RuleContext], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    doc: str
    category: str
    check: Check

    def run(self, ctx: RuleContext) -> Iterator[Finding]:
        configured = ctx.config.severity_of(self.name) if ctx.config else None
        if configured == "off":
            return
        for issue in self.check(ctx):
            severity = (
                Severity(configured) if configured else (issue.severity or self.severity)
            )
            position = ctx.pathway.position(issue.path)
            line, column = position if position else (None, None)
            detail = issue.detail or (f"step {issue.step}" if issue.step else None)
            yield Finding(
                self.name, severity, issue.message, ctx.file, line, column, issue.step, detail
            )


RULES: dict[str, Rule] = {}


def rule(name: str, severity: str, category: str = "structure") -> Callable[[Check], Check]:
    """Register a rule; its docstring's first line is its one-line doc."""

    def register(check: Check) -> Check:
        if name in RULES:
            raise ValueError(f"rule {name!r} registered twice")
        doc = (check.__doc__ or "").strip().splitlines()[0] if check.__doc__ else ""
        RULES[name] = Rule(name, Severity(severity), doc, category, check)
        return check

    return register
