"""The workspace's git repository, opened once: the branch, the lock, the work tree and the caches.

The store's modules (versions, saving, why, sync, comments) work on this; `Workspace` is the face
the CLI and the app see. Where things live:

- `pathways/<id>.yaml`: each pathway, in canonical form (one file per pathway, named by its id);
- `comments/<id>.jsonl`: comments on that pathway and its steps, one JSON object a line, kept apart
  so that a comment never changes the pathway's fingerprint;
- `.git/pathway-designer/`: the lock, and caches that can be deleted at any time.
"""

from __future__ import annotations

import re
from pathlib import Path

from dulwich.errors import NotGitRepository
from dulwich.repo import Repo

from ..model import ID_PATTERN
from .changes_cache import ChangeCache
from .commit_index import CommitIndex
from .commits import Branch
from .errors import NotAWorkspace, UnknownPathway
from .locking import WorkspaceLock
from .worktree import WorkTree

PATHWAYS = "pathways"
COMMENTS = "comments"
STATE = "pathway-designer"


def pathway_path(pathway_id: str) -> str:
    """Where a pathway lives in the repository; refuses ids that could name another file."""
    if not re.fullmatch(ID_PATTERN, pathway_id) or len(pathway_id) > 64:
        raise UnknownPathway(f"{pathway_id!r} is not a pathway id (lower-case words joined by hyphens)")
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
        self.state_dir = Path(repo.controldir()) / STATE
        self.worktree = WorkTree(self.root, Path(repo.index_path()))
        self.lock = WorkspaceLock(self.state_dir, self._leftovers)
        self.branch = Branch(repo, self.lock, self.worktree)
        self.commits = CommitIndex(self.branch, self.state_dir / "commits.jsonl")
        self.changes = ChangeCache(self.state_dir / "changes.jsonl")

    def close(self) -> None:
        self.repo.close()

    def _leftovers(self) -> list[Path]:
        """What a writer killed in its critical section may have left (see `locking`)."""
        ref_lock = Path(self.repo.commondir()) / (self.branch.ref.decode() + ".lock")
        tmp = sorted((self.state_dir / "tmp").glob("*"))
        return [ref_lock, *tmp, *self.worktree.leftovers([PATHWAYS, COMMENTS])]
