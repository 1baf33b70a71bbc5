"""An import's notes written out: compiler-style lines for the terminal, and JSON."""

from __future__ import annotations

import json

from .imported import Imported, Note


def note_text(item: Note) -> str:
    """`file:line: severity rule: message`, with the source's element as a detail at the end."""
    detail = f" [{item.element}]" if item.element else ""
    return f"{item.finding}{detail}"


def notes_text(imported: Imported) -> str:
    lines = [note_text(n) for n in imported.notes]
    made = "a pathway was made" if imported.pathway is not None else "no pathway could be made"
    lines.append(f"{len(imported.notes)} note{'' if len(imported.notes) == 1 else 's'}; {made}")
    return "\n".join(lines)


def notes_json(imported: Imported) -> str:
    return json.dumps({
        "pathway": imported.pathway.id if imported.pathway is not None else None,
        "notes": [{**n.finding.to_json(), "element": n.element} for n in imported.notes],
    }, indent=2, ensure_ascii=False)
