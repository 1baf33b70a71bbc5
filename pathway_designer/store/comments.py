"""Comments on a pathway or on one of its steps, from anyone, service users and carers included.

Comments live beside the pathway, not in it (`comments/<id>.jsonl`, one JSON object a line), so a
comment never changes the pathway's content or its fingerprint, and a sign-off stays valid. Each
comment is a commit of its own (with the author and an `Organisation:` trailer, like a version),
so comments are versioned, shared by sync, and never lost to a concurrent one: adding a comment
appends to the file at the branch head and moves the branch by compare-and-swap, as a save does.
Two workspaces' comments merge as the union of both, by comment id.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from . import messages
from .commits import Author
from .errors import StoreError, UnknownPathway, WorkspaceBusy
from .json_fields import json_fields
from .repository import Repository, comments_path

MAX_LENGTH = 5000
COMMENT_ON = "Comment-on"


@dataclass(frozen=True)
class Comment:
    id: str
    pathway: str
    step: str | None  # None: on the whole pathway
    author: str
    organisation: str | None
    role: str | None
    date: dt.datetime
    text: str

    def to_json(self) -> dict[str, Any]:
        return json_fields(self, date=self.date.isoformat(timespec="seconds"))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Comment:
        return cls(
            id=str(data["id"]),
            pathway=str(data["pathway"]),
            step=data.get("step"),
            author=str(data["author"]),
            organisation=data.get("organisation"),
            role=data.get("role"),
            date=dt.datetime.fromisoformat(data["date"]),
            text=str(data["text"]),
        )


def parse(content: bytes | None) -> list[Comment]:
    """The comments in a file, oldest first; a line that cannot be read is skipped, not fatal."""
    found: list[Comment] = []
    for line in (content or b"").decode("utf-8", "replace").splitlines():
        with contextlib.suppress(ValueError, KeyError, TypeError):
            found.append(Comment.from_json(json.loads(line)))
    return found


def serialise(comments: list[Comment]) -> bytes:
    return "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in comments).encode("utf-8")


def comments_on(
    repository: Repository, pathway_id: str, step: str | None = None, commit: str | None = None
) -> list[Comment]:
    """Comments on the pathway, oldest first; with `step`, only those on that step."""
    head = commit or repository.branch.head()
    found = parse(repository.branch.read(head, comments_path(pathway_id)))
    return [c for c in found if step is None or c.step == step]


def add_comment(
    repository: Repository,
    pathway_id: str,
    text: str,
    author: Author,
    *,
    step: str | None = None,
    role: str | None = None,
    steps: set[str] | None = None,
) -> Comment:
    """Add a comment (on `step`, one of `steps` of the latest version, or on the whole pathway)."""
    text = text.strip()
    if not text:
        raise ValueError("a comment needs some text")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"a comment is at most {MAX_LENGTH} characters")
    if steps is None:
        raise UnknownPathway(f"no pathway '{pathway_id}' has been saved in this workspace")
    if step is not None and step not in steps:
        raise StoreError(f"{pathway_id} has no step '{step}' to comment on")
    comment = Comment(
        id=uuid.uuid4().hex[:12],
        pathway=pathway_id,
        step=step,
        author=author.name,
        organisation=author.organisation,
        role=messages.one_line(role, "the role") if role else None,
        date=dt.datetime.now().astimezone().replace(microsecond=0),
        text=text,
    )
    path = comments_path(pathway_id)
    where = f"step '{step}' of {pathway_id}" if step else pathway_id
    message = messages.compose(
        f"Comment on {where}",
        [
            (messages.PATHWAY, pathway_id),
            (messages.ORGANISATION, author.organisation or ""),
            (COMMENT_ON, step or ""),
        ],
    )
    for attempt in range(6):
        with repository.lock.writing() if attempt >= 3 else contextlib.nullcontext():
            head = repository.branch.head()
            content = (repository.branch.read(head, path) or b"") + serialise([comment])
            if repository.commit(head, {path: content}, author, message) is not None:
                return comment
    raise WorkspaceBusy(f"could not add the comment to {pathway_id}: the branch kept moving")


def merge_comment_files(base: bytes | None, ours: bytes | None, theirs: bytes | None) -> bytes:
    """Both sides' comments, each once, in date order (comments are only ever added)."""
    del base  # comments are never edited or removed, so the union is the merge
    by_id = {c.id: c for c in [*parse(ours), *parse(theirs)]}
    return serialise(sorted(by_id.values(), key=lambda c: (c.date, c.id)))
