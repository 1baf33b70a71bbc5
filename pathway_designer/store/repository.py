"""The workspace's git repository, opened once: the branch, the lock, the work tree and the caches.

The store's modules (versions, saving, why, sync, comments) work on this; `Workspace` is the face
the CLI and the app see. Where things live:

- `pathways/<id>.yaml`: each pathway, in canonical form (one file per pathway, named by its id);
- `comments/<id>/`: comments on that pathway and its steps, one small JSON file each (see
  `comments`; old workspaces' `comments/<id>.jsonl` is still read), kept apart so that a comment
  never changes the pathway's fingerprint;
- `.git/pathway-designer/`: the lock, and caches that can be deleted at any time.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dulwich.errors import NotGitRepository
from dulwich.repo import Repo

from ..ids import ID_PATTERN
from .authors import Author
from .commit_index import TRACKED, CommitIndex, CommitRecord
from .commits import Branch, Proposal
from .errors import NotAWorkspace, UnknownPathway
from .locking import WorkspaceLock
from .paths import inside
from .worktree import WorkTree, blob_id

if TYPE_CHECKING:
    from .changes_cache import ChangeCache
    from .quick_diff import QuickDiffer
    from .quick_reading import QuickReader

PATHWAYS = "pathways"
COMMENTS = "comments"
STATE = "pathway-designer"
STALE_AFTER = 600.0  # seconds after which a temporary object file is surely abandoned


def is_pathway_id(name: str) -> bool:
    """Whether `name` can be a pathway's id (and so name its file): a file of `pathways/` named
    otherwise (put there by other means) is no pathway of the workspace."""
    return len(name) <= 64 and re.fullmatch(ID_PATTERN, name) is not None


def pathway_path(pathway_id: str) -> str:
    """Where a pathway lives in the repository; refuses ids that could name another file."""
    if not is_pathway_id(pathway_id):
        raise UnknownPathway(
            f"{pathway_id!r} cannot be a pathway id: use lower-case letters, digits and single hyphens, "
            "at most 64 characters, such as crisis-rural"
        )
    return f"{PATHWAYS}/{pathway_id}.yaml"


def comments_path(pathway_id: str) -> str:
    pathway_path(pathway_id)
    return f"{COMMENTS}/{pathway_id}.jsonl"


class Repository:
    def __init__(self, root: Path) -> None:
        try:
            repo = Repo(str(root))
        except NotGitRepository:
            raise NotAWorkspace(
                f"{root} is not a workspace (no git repository there); create one with "
                f"`pathway-designer init {root}`"
            ) from None
        if repo.bare:
            raise NotAWorkspace(f"{root} is a bare repository; clone it to get a workspace")
        self.repo = repo
        self.root = Path(repo.path)
        control = Path(repo.controldir())
        self.state_dir = inside(control, control / STATE)
        for name in ("lock", "writing", "tmp", "commits.jsonl", "changes.jsonl"):
            inside(control, self.state_dir / name)  # the lock and the caches: none a link out
        self.worktree = WorkTree(self.root, Path(repo.index_path()))
        self.lock = WorkspaceLock(self.state_dir, self._leftovers, self._stale_objects, self._catch_up)
        self.branch = Branch(repo, self.lock, self.worktree)
        self.commits = CommitIndex(self.branch, self.state_dir / "commits.jsonl")
        self._making = threading.Lock()
        self._diffs: tuple[ChangeCache, QuickReader, QuickDiffer] | None = None
        # A writer killed in its critical section may have left files behind the branch.
        self.lock.recover_if_abandoned()

    # The diffs between versions, made on first use (once, whichever thread asks first): they
    # need the pathway model, which history alone does not, and `history` should not load it.
    @property
    def changes(self) -> ChangeCache:
        return self._made()[0]

    @property
    def reader(self) -> QuickReader:
        return self._made()[1]

    @property
    def differ(self) -> QuickDiffer:
        return self._made()[2]

    def _made(self) -> tuple[ChangeCache, QuickReader, QuickDiffer]:
        with self._making:
            if self._diffs is None:
                from .changes_cache import ChangeCache
                from .quick_diff import QuickDiffer
                from .quick_reading import QuickReader

                reader = QuickReader()
                self._diffs = (ChangeCache(self.state_dir / "changes.jsonl"), reader, QuickDiffer(reader))
            return self._diffs

    def close(self) -> None:
        self.repo.close()

    def commit(
        self,
        parent: str | None,
        files: Mapping[str, bytes | None],
        author: Author,
        message: str,
        *,
        other_parents: Sequence[str] = (),
        also_clean: Mapping[str, bytes] | None = None,
    ) -> str | None:
        """A commit on the branch (see `Proposal`): its id, or None if the branch moved.

        The commit goes into the commit index at once, so that other processes read it from there
        rather than from git objects.
        """
        made = self.branch.commit(Proposal(parent, files, author, message, other_parents, also_clean))
        if made is None:
            return None
        delta: dict[str, str | None] = {}
        for path, data in files.items():
            folder, _, name = path.partition("/")
            if folder not in TRACKED or not name or "/" in name:
                continue
            new = blob_id(data).decode("ascii") if data is not None else None
            old = self.branch.blob_id(parent, path)
            if (old.decode("ascii") if old else None) != new:
                delta[path] = new
        record = CommitRecord.of(
            id=made.id.decode("ascii"),
            parents=tuple(p.decode("ascii") for p in made.parents),
            author=author.name.strip(),
            email=author.email.strip(),
            time=made.author_time,
            timezone=made.author_timezone,
            message=message,
            delta=delta,
        )
        self.commits.add(record)
        return record.id

    def _leftovers(self) -> list[Path]:
        """What a writer killed in its critical section may have left (see `locking`)."""
        ref_lock = Path(self.repo.commondir()) / (self.branch.ref.decode() + ".lock")
        return [ref_lock, *self.worktree.leftovers([PATHWAYS, COMMENTS])]

    def _catch_up(self) -> None:
        """Files a killed writer may have left behind the branch: each clean one is brought to the
        branch's version (not only the next save's file), so that no `git commit` in the workspace
        could ever commit the old content back."""
        head = self.branch.head()
        files = {
            f"{folder}/{name}": blob
            for folder in TRACKED
            for name, blob in self.branch.files_under(head, folder).items()  # comments are nested
        }
        self.worktree.refresh(files, self.branch.read_blob)

    def _stale_objects(self) -> list[Path]:
        """Objects being written outside the lock, by writers that are gone (or long stuck)."""
        stale = []
        for path in (self.state_dir / "tmp").glob("obj-*"):
            try:
                pid = int(path.name.split("-")[1])
                old = time.time() - path.stat().st_mtime > STALE_AFTER
            except (ValueError, IndexError, OSError):
                continue
            if old or not _alive(pid):
                stale.append(path)
        return stale


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True
