"""Validation: every registered rule over a pathway, and whole-file checks for the CLI and app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..finding import Finding
from ..format.loading import PathwayError, Source, read_source
from ..format.loading import load_text as _load_text
from ..format.reading import YamlReadError, decode
from ..model import Pathway
from .config import CONFIG_NAME, RuleConfig, find_config, load_config
from .rules import RULES, RuleContext


def validate(
    pathway: Pathway,
    config: RuleConfig | None = None,
    today: dt.date | None = None,
    file: str | None = None,
) -> list[Finding]:
    """Findings of every rule, in file order; `today` is injectable for date rules."""
    ctx = RuleContext(
        pathway=pathway,
        file=file if file is not None else pathway.source_name,
        today=today or dt.date.today(),
        config=config,
    )
    findings = [f for r in RULES.values() for f in r.run(ctx)]
    return sorted(findings, key=Finding.sort_key)


@dataclass
class FileCheck:
    """The result of checking one pathway file: the pathway (if it loaded) and all findings."""

    file: str
    pathway: Pathway | None
    findings: list[Finding] = field(default_factory=list)


def config_for(path: Path) -> RuleConfig | None:
    found = find_config(path)
    return load_config(found, list(RULES)) if found else None


def check_text(
    text: str,
    name: str = "<text>",
    config: RuleConfig | None = None,
    today: dt.date | None = None,
) -> FileCheck:
    """Load and validate YAML text; never raises for bad input."""
    try:
        pathway = _load_text(text, name)
    except PathwayError as exc:
        return FileCheck(name, None, sorted(exc.findings, key=Finding.sort_key))
    return FileCheck(name, pathway, validate(pathway, config, today, name))


def check_file(
    source: Source, config: RuleConfig | None = None, today: dt.date | None = None
) -> FileCheck:
    """Read, load and validate a file, with the repository's config unless one is given."""
    name = str(source)
    if config is None:
        config = config_for(Path(source))
    try:
        text, name = read_source(Path(source))
    except PathwayError as exc:
        return FileCheck(name, None, exc.findings)
    return check_text(text, name, config, today)


def check_bytes(data: bytes, file: str, config: RuleConfig | None = None) -> FileCheck:
    """`check_text` of bytes (a version in git, which takes any bytes): bytes that are not UTF-8
    are the one finding, at their line and column, as `check_file` gives for a file."""
    try:
        text = decode(data)
    except YamlReadError as exc:
        return FileCheck(file, None, [f.at(file) for f in exc.findings])
    return check_text(text, file, config)


def pathway_files(paths: list[Path]) -> list[Path]:
    """The files named, and every *.yaml / *.yml below the folders named (not the config)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix in {".yaml", ".yml"}
                and p.is_file()
                and p.name != CONFIG_NAME
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return found
