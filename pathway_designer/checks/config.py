"""A repository's rule configuration: `pathway-designer.yaml`, found by walking up from a file.

```yaml
rules:
  self-loop: off          # off | info | warning | error
  push-language: error
push-words:               # extra words for push-language, with what to say instead
  robust: dependable
```
Like `.bpmnlintrc` or ruff's config, a misspelt rule name is itself reported.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..finding import Finding, Severity
from ..format.files import read_text
from ..format.reading import YamlReadError, read

CONFIG_NAME = "pathway-designer.yaml"
SEVERITIES = ("off", "info", "warning", "error")
_KNOWN_KEYS = ("rules", "push-words")


@dataclass
class RuleConfig:
    severities: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    file: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def severity_of(self, rule: str) -> str | None:
        return self.severities.get(rule)


def find_config(start: Path) -> Path | None:
    """The nearest `pathway-designer.yaml` in `start`'s folder or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        config = candidate / CONFIG_NAME
        if config.is_file():
            return config
    return None


def load_config(path: Path, rule_names: list[str]) -> RuleConfig:
    """Read a config file; problems in it are findings of the config, never exceptions."""
    name = str(path)
    config = RuleConfig(file=name)

    def problem(rule: str, message: str, where: tuple[str | int, ...], key: bool = False) -> None:
        line, column = document.position(where, key=key) if document else (None, None)
        config.findings.append(Finding(rule, Severity.ERROR, message, name, line, column))

    document = None
    try:
        document = read(read_text(path))
    except YamlReadError as exc:
        config.findings.extend(f.at(name) for f in exc.findings)
        return config
    except OSError as exc:
        config.findings.append(Finding("unreadable", Severity.ERROR, str(exc), name))
        return config
    data = document.data
    if not isinstance(data, dict):
        problem("config", "the config is a mapping with 'rules' and 'push-words'", ())
        return config
    for key in data:
        if key not in _KNOWN_KEYS:
            close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problem("config", f"unknown key '{key}'{hint}", (key,), key=True)
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        problem("config", "'rules' maps rule names to off, info, warning or error", ("rules",))
        rules = {}
    for rule, severity in rules.items():
        if rule not in rule_names:
            close = difflib.get_close_matches(rule, rule_names, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problem("unknown-rule", f"no rule is called '{rule}'{hint}", ("rules", rule), True)
        elif severity not in SEVERITIES:
            problem(
                "config",
                f"rule '{rule}': {severity!r} is not a severity; use off, info, warning or error",
                ("rules", rule),
            )
        else:
            config.severities[rule] = severity
    words = data.get("push-words") or {}
    if isinstance(words, dict) and all(isinstance(v, (str, type(None))) for v in words.values()):
        config.options["push-words"] = {str(k): v or "" for k, v in words.items()}
    else:
        problem("config", "'push-words' maps a word to what to say instead", ("push-words",))
    return config
