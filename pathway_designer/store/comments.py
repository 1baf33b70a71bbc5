"""Comments on a pathway or on one of its steps, from anyone, service users and carers included.

Comments live beside the pathway, not in it, so a comment never changes the pathway's content or
its fingerprint, and a sign-off stays valid. Each comment is a file of its own,
`comments/<pathway>/<a>/<b>/<comment id>.json` (a and b: the id's last two characters, random, so
that no folder's tree, rewritten with each comment, grows past a few dozen entries; the id starts
with the time, so comments of one second keep their order), and a commit of its own
(with the author and an `Organisation:` trailer, like a version): comments are versioned, shared
by sync, and never lost to a concurrent one, and one comment adds one small file, not a new copy
of all the comments before it (which grew a repository by 300 MB for 400 long comments). Two
workspaces' comments merge as the union of both: each side only ever adds files.

Workspaces made before kept a pathway's comments in one file, `comments/<pathway>.jsonl`, one JSON
object a line: it is still read, and the next comment on that pathway moves its comments into
files of their own (in the same commit), so none is ever lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

from . import messages
from .authors import Author
from .commits import TREE_MODE
from .errors import StoreError, UnknownPathway, WorkspaceBusy
from .json_fields import json_fields
from .packing import pack_when_many_loose
from .repository import COMMENTS, Repository, comments_path, pathway_path

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
        if not re.fullmatch(r"[0-9a-z]{2,64}", str(data["id"])):
            raise ValueError("not a comment id")  # it names the comment's file
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
    for line in (content or b"").decode("utf-8", "replace").split("\n"):
        # RecursionError: a line nested too deeply for Python's parser (the file comes from git)
        with contextlib.suppress(ValueError, KeyError, TypeError, RecursionError):
            found.append(Comment.from_json(json.loads(line)))
    return found


def serialise(comments: list[Comment]) -> bytes:
    return "".join(json.dumps(c.to_json(), ensure_ascii=False) + "\n" for c in comments).encode("utf-8")


def folder(pathway_id: str) -> str:
    """The folder of a pathway's comments, one file each."""
    pathway_path(pathway_id)  # refuses an id that could name another folder
    return f"{COMMENTS}/{pathway_id}"


def comment_path(comment: Comment) -> str:
    return f"{folder(comment.pathway)}/{comment.id[-2]}/{comment.id[-1]}/{comment.id}.json"


def comments_on(
    repository: Repository, pathway_id: str, step: str | None = None, commit: str | None = None
) -> list[Comment]:
    """Comments on the pathway, oldest first; with `step`, only those on that step."""
    head = commit or repository.branch.head()
    found = _by_id(repository, pathway_id, head)
    ordered = sorted(found.values(), key=lambda c: (c.date, c.id))
    return [c for c in ordered if step is None or c.step == step]


def _by_id(repository: Repository, pathway_id: str, head: str | None) -> dict[str, Comment]:
    """Every comment at `head`: the files of their own and an old workspace's single file."""
    branch = repository.branch
    found = {c.id: c for c in parse(branch.read(head, comments_path(pathway_id)))}
    top = folder(pathway_id)
    for first in _subfolders(repository, head, top):
        for second in _subfolders(repository, head, f"{top}/{first}"):
            for blob in branch.folder(head, f"{top}/{first}/{second}").values():
                found.update((c.id, c) for c in parse(branch.read_blob(blob)) if c.pathway == pathway_id)
    return found


def _subfolders(repository: Repository, head: str | None, path: str) -> list[str]:
    entry = repository.branch.entry(head, path)
    if entry is None or entry[0] != TREE_MODE:
        return []
    entries = repository.branch.entries(entry[1])
    return sorted(name for name, (mode, _) in entries.items() if mode == TREE_MODE)


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
        id=f"{time.time_ns() // 1000:013x}{secrets.token_hex(2)}",
        pathway=pathway_id,
        step=step,
        author=author.name,
        organisation=author.organisation,
        role=messages.one_line(role, "the role") if role else None,
        date=dt.datetime.now().astimezone().replace(microsecond=0),
        text=text,
    )
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
            files = {**_migrated(repository, pathway_id, head), comment_path(comment): serialise([comment])}
            if repository.commit(head, files, author, message) is not None:
                pack_when_many_loose(repository)
                return comment
    raise WorkspaceBusy(f"could not add the comment to {pathway_id}: the branch kept moving")


def _migrated(repository: Repository, pathway_id: str, head: str | None) -> dict[str, bytes | None]:
    """An old workspace's single comments file, as files of their own (and the old file removed)."""
    old = repository.branch.read(head, comments_path(pathway_id))
    if old is None:
        return {}
    return {comments_path(pathway_id): None, **files_of(parse(old), pathway_id)}


def files_of(comments: list[Comment], pathway_id: str) -> dict[str, bytes | None]:
    return {comment_path(c): serialise([c]) for c in comments if c.pathway == pathway_id}


def merge_comment_files(
    path: str, base: bytes | None, ours: bytes | None, theirs: bytes | None
) -> dict[str, bytes | None]:
    """The changes (to ours) that merge an old workspace's single comments file at `path`.

    Both sides' comments are kept, each once (comments are only ever added). If one side has
    already moved them into files of their own, the other side's are moved too.
    """
    del base  # comments are never edited or removed, so the union is the merge
    by_id = {c.id: c for c in [*parse(ours), *parse(theirs)]}
    union = sorted(by_id.values(), key=lambda c: (c.date, c.id))
    if ours is not None and theirs is not None:
        return {path: serialise(union)}
    pathway_id = path.removeprefix(f"{COMMENTS}/").removesuffix(".jsonl")
    return {path: None, **files_of(union, pathway_id)}
