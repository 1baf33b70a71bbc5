"""The version store: each pathway's versions as organisational memory, kept in git.

A workspace is a folder with `pathways/*.yaml` in a git repository. Saving makes a commit with the
author's name, their organisation as a trailer and the rationale as the message, so `git log --
pathways/x.yaml` tells the story in any git tool, and partners can share the repository on any git
host. `Workspace` is the one entry point; the modules behind it are:

- `workspace`: opening a workspace, and the `Workspace` API;
- `seeding`: creating a new workspace with the example pathways and the schema;
- `commits`: versions written as git objects, the branch moved by compare-and-swap;
- `objects`, `authors`: git objects written safely; who made a version;
- `locking`, `worktree`: the short critical section, crash recovery, keeping files and the index in step;
- `commit_index`, `changes_cache`, `jsonl`: caches that make history and blame cheap;
- `versions`: v1, v2, ... per pathway; finding a version by number, commit or date;
- `saving`: save with a base (merge when stale, refuse true conflicts), restore;
- `why`: each step's and transition's story, for "why is this step here?" and blame;
- `comments`: comments on steps, versioned beside (never inside) the pathway;
- `sync`: pull from and push to the workspace's remote, merging by meaning.

Why dulwich, and not the `git` binary or pygit2: dulwich is pure Python (with optional C speedups),
installs with pip on any machine an NHS organisation gives its staff, with no system git and no
libgit2 to build, and it lets us write a commit as objects and move the branch with a
compare-and-swap (`refs.set_if_equals`). That is what survives many writers: the `git add` + `git
commit` way goes through one index and one `index.lock`, and concurrent writers lost most commits
to it (see /work/shared/pitfalls.md). Everything dulwich writes is ordinary git, which the tests
check with the `git` binary itself (`git log`, `git show`, `git fsck`).
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_names
from .errors import (
    NotAWorkspace,
    OutsideWorkspace,
    StoreError,
    SyncFailed,
    UnknownPathway,
    UnknownVersion,
    WorkspaceBusy,
    WriteFailed,
)

if TYPE_CHECKING:
    from .authors import Author as Author
    from .comments import Comment as Comment
    from .paths import inside as inside
    from .saving import SaveResult as SaveResult
    from .seeding import SEEDER as SEEDER
    from .sync import SyncResult as SyncResult
    from .sync import Transport as Transport
    from .versions import Version as Version
    from .why import Event as Event
    from .why import Lineage as Lineage
    from .workspace import ENVIRONMENT as ENVIRONMENT
    from .workspace import PathwayEntry as PathwayEntry
    from .workspace import Workspace as Workspace

# Imported when first asked for: `history` on the command line need not load the pathway model
# (pydantic) that saving, syncing and the story of a step need.
_HOME = {
    "Author": "authors", "Comment": "comments", "inside": "paths", "SaveResult": "saving",
    "SEEDER": "seeding", "SyncResult": "sync", "Transport": "sync", "Version": "versions",
    "Event": "why", "Lineage": "why", "ENVIRONMENT": "workspace", "PathwayEntry": "workspace",
    "Workspace": "workspace",
}  # fmt: skip

__getattr__ = lazy_names(__name__, globals(), _HOME)

__all__ = [
    "ENVIRONMENT",
    "SEEDER",
    "Author",
    "Comment",
    "Event",
    "Lineage",
    "NotAWorkspace",
    "OutsideWorkspace",
    "PathwayEntry",
    "SaveResult",
    "StoreError",
    "SyncFailed",
    "SyncResult",
    "Transport",
    "UnknownPathway",
    "UnknownVersion",
    "Version",
    "Workspace",
    "WorkspaceBusy",
    "WriteFailed",
    "inside",
]
