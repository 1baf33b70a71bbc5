"""Commit messages: the rationale as the message, who and what as git trailers.

    Add a crisis café as an alternative to A&E

    Pathway: adult-crisis-rural
    Organisation: Ryedale Mind

Trailers are the last paragraph, one `Token: value` a line, as `git interpret-trailers` reads them,
so partners' own tools can read the organisation without us. Only that final block counts, and every
message that says who ends with one, so a rationale's own `Organisation: ...` line is just rationale; no
trailer value may hold a line separator (U+2028 and the like included), so none can start a forged
trailer line either. The store adds `Base` and
`Merged-with` to a save that was merged with a newer version, `Restored-from` to a restore, and
`Merged-from` to a sync that merged the remote's versions, and `Upstream` to a local pathway that
brought in its base's changes.
"""

from __future__ import annotations

import re

from .. import names

PATHWAY = "Pathway"
ORGANISATION = "Organisation"
BASE = "Base"
MERGED_WITH = "Merged-with"
RESTORED_FROM = "Restored-from"
MERGED_FROM = "Merged-from"
UPSTREAM = "Upstream"  # a base pathway's changes brought in: `<pathway>@<commit>`

_TOKEN = r"[A-Za-z][A-Za-z0-9-]*"
_BLOCK = re.compile(rf"{_TOKEN}: .*(?:\n{_TOKEN}: .*)*")  # a paragraph of trailer lines only
_TRAILERS = re.compile(rf"^({_TOKEN}): (.*)$", re.MULTILINE)


def one_line(value: str, what: str) -> str:
    """A value that must fit on one line of a commit (a name, an organisation); raises ValueError."""
    return names.one_line(value, what)


def compose(rationale: str, trailers: list[tuple[str, str]]) -> str:
    """The message: the rationale (required), a blank line, then the trailers."""
    text = "\n".join(line.rstrip() for line in rationale.strip().splitlines()).strip()
    if not text:
        raise ValueError("a version needs a rationale: say why the change was made")
    block = "\n".join(f"{key}: {one_line(value, key)}" for key, value in trailers if value)
    # Every commit that says who (a save, a comment, a sync) has a `Pathway` or `Merged-from`
    # trailer, so its last paragraph is ours, never a rationale's `Organisation: ...` line.
    return f"{text}\n\n{block}\n" if block else f"{text}\n"


def parse(message: str) -> tuple[str, dict[str, str]]:
    """(rationale, trailers) of a message; a message with no trailer block is all rationale."""
    text = message.strip()
    body, sep, last = text.rpartition("\n\n")
    # git's lines end at "\n" alone: a U+2028 inside a value stays inside it (`.` takes it)
    if not sep or _BLOCK.fullmatch(last) is None:
        return text, {}
    return body.strip(), {key: value.strip() for key, value in _TRAILERS.findall(last)}


def summary(rationale: str) -> str:
    """The first line of a rationale: what history lists."""
    return rationale.strip().splitlines()[0] if rationale.strip() else ""
