"""A pathway, a history and comments whose every text holds Markdown and HTML that would fetch
remote images or make `javascript:` links if the app ever interpreted people's text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from app_helpers import SMALL

from pathway_designer import fingerprint, load_text

HOST = "192.0.2.1"  # TEST-NET-1: never a real host
MARKUP = (f"![i](http://{HOST}/x) [l](javascript:alert(1)) <http://{HOST}/a> "
          f"<img src=http://{HOST}/y> **b**:red[r]")
NAME = f"![n](http://{HOST}/n.png) [e](javascript:alert(1)) www.example.org"  # names: no < or >
UNESCAPED = ("![", "](", "<img", "<http", "http:", "javascript:", ":red[", "www.")


def text(word: str) -> str:
    return f"{word} {MARKUP}"


def pathway(pid: str = "falls") -> str:
    """The small falls pathway with markup in every text field, signed off by a hostile name."""
    data: dict[str, Any] = yaml.safe_load(SMALL)
    data["id"] = pid
    data["title"] = text(f"Title {pid}")
    data["summary"] = text("Summary")
    data["context"] = {"area": text("Area"), "population": text("Population")}
    for org in data["organisations"]:
        org["name"] = text(f"Org {org['id']}")
    for i, step in enumerate(data["steps"]):
        step["label"] = text(f"S{i}")
        step["description"] = text("Description")
        step["barriers"] = [text("Barrier")]
    data["steps"][3]["modality"] = text("Modality")
    for i, way in enumerate(data["transitions"]):
        way["handoff"] = text(f"Handoff {i}")
        if "when" in way:
            way["when"] = text(f"When {i}")
    data["outcomes"][0]["measure"] = text("Measure")
    data["outcomes"][0]["target"] = text("Target")
    data["involvement"][0].update(who=text("Who"), how=text("How"), changed=text("Changed"))
    content = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    data["signoffs"] = [{"organisation": "icb", "name": NAME, "role": text("Role"),
                         "date": dt.date(2026, 11, 1), "fingerprint": fingerprint(load_text(content))}]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def history(workspace: Any, pid: str = "falls") -> None:
    """A saved version by a hostile name with a hostile reason, and comments on a step and the
    whole pathway."""
    changed = pathway(pid).replace("Summary ", "Summary changed ", 1)
    result = workspace.save(changed, author=NAME, organisation=NAME, rationale=text("Rationale"),
                            base=workspace.latest(pid).commit)
    assert result.ok, result.message
    for step in ("assessment", None):
        workspace.add_comment(pid, text("Comment"), author=NAME, organisation=NAME, role="carer",
                              step=step)
