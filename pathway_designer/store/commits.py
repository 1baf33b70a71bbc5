"""Versions as git commits: objects written directly, the branch moved by compare-and-swap.

No index and no `git commit`: a version is a blob, the trees above it and a commit object, and the
branch ref is moved from the commit the save started from to the new one only if it still points
there (`refs.set_if_equals`, under the workspace lock). A save that lost the race gets `None` and
tries again on top of the new head; nothing is ever overwritten. The work tree file and the index
are written aside before the move and renamed into place after it (see `worktree`), and a failed
write is a `WriteFailed` in one line, with nothing saved. Everything written is ordinary git:
`git log`, `git show` and `git fsck` read it.

Objects are written before taking the lock, each through a temporary file renamed into place, so
a killed writer leaves nothing half-written: at worst an object nothing points to, as git itself
does, which `git gc` prunes.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from dulwich.file import FileLocked
from dulwich.objects import Blob, Commit, ShaFile, Tree
from dulwich.refs import Ref
from dulwich.repo import Repo

from . import messages
from .authors import Author, local_timezone
from .errors import NotAWorkspace, OutsideWorkspace, WorkspaceBusy, WriteFailed, describe
from .locking import WorkspaceLock
from .objects import oid, write_loose_object
from .worktree import BLOB_MODE, FileChange, Staged, WorkTree

TREE_MODE = 0o040000
FILE_MODES = (BLOB_MODE, 0o100755)  # what the store reads and writes: not links, not submodules
REF_LOCK_WAIT = 5.0  # seconds to wait for a git command's own ref lock


@dataclass(frozen=True)
class Proposal:
    """A commit to make: `files` (path -> content, None to remove) on top of `parent`.

    `also_clean` names, by path, content that counts as the file being clean (the text a person
    just saved from it), so that their file is replaced by the version now committed.
    """

    parent: str | None
    files: Mapping[str, bytes | None]
    author: Author
    message: str
    other_parents: Sequence[str] = ()
    also_clean: Mapping[str, bytes] | None = None


class Branch:
    """The workspace's current branch: read files at any commit, add commits on top of it."""

    def __init__(self, repo: Repo, lock: WorkspaceLock, worktree: WorkTree) -> None:
        self.repo = repo
        self.lock = lock
        self.worktree = worktree
        self.ref = current_branch(repo)
        self._trees: dict[bytes, dict[str, tuple[int, bytes]]] = {}
        self._reading = threading.Lock()

    def _object(self, sha: str | bytes) -> ShaFile:
        # dulwich reads packs through one file object (seek, then read): threads of the app that
        # share this workspace must take turns.
        with self._reading:
            try:
                return self.repo.object_store[oid(sha)]
            except KeyError:
                # Another process may have moved it from a loose file into a new pack just as we
                # looked (see `packing`): the second look rescans the packs.
                return self.repo.object_store[oid(sha)]

    @property
    def name(self) -> str:
        return self.ref.decode().removeprefix("refs/heads/")

    def head(self) -> str | None:
        """The branch's commit id (None in a repository with no commit yet): cheap enough to poll.

        Every read starts here, so this is where files a killed writer left behind are caught up."""
        self.lock.recover_if_abandoned()
        try:
            return self.repo.refs[self.ref].decode("ascii")
        except KeyError:
            return None

    # Reading --------------------------------------------------------------------------------

    def commit_object(self, commit: str) -> Commit:
        obj = self._object(commit)
        if not isinstance(obj, Commit):
            raise KeyError(commit)
        return obj

    def entries(self, tree_id: bytes | None) -> dict[str, tuple[int, bytes]]:
        """A tree's entries by name: (mode, id); memoised, since trees never change."""
        if tree_id is None:
            return {}
        cached = self._trees.get(tree_id)
        if cached is None:
            tree = self._object(tree_id)
            assert isinstance(tree, Tree)
            # a name that is not UTF-8 (committed by other means) is kept byte for byte: written
            # back by `_tree_with` as it was read
            cached = {e.path.decode("utf-8", "surrogateescape"): (e.mode, e.sha) for e in tree.iteritems()}
            if len(self._trees) > 4096:
                self._trees.clear()
            self._trees[tree_id] = cached
        return cached

    def tree_of(self, commit: str | None) -> bytes | None:
        return self.commit_object(commit).tree if commit else None

    def entry(self, commit: str | None, path: str) -> tuple[int, bytes] | None:
        """(mode, id) of the file or folder at `path` in `commit`, or None."""
        found: tuple[int, bytes] | None = (TREE_MODE, tree) if (tree := self.tree_of(commit)) else None
        for part in path.split("/"):
            if found is None or found[0] != TREE_MODE:
                return None
            found = self.entries(found[1]).get(part)
        return found

    def blob_id(self, commit: str | None, path: str) -> bytes | None:
        """The id of the regular file at `path` (a symbolic link's target is never read as one)."""
        found = self.entry(commit, path)
        return found[1] if found and found[0] in FILE_MODES else None

    def refuse_links(self, commit: str | None, paths: Iterable[str]) -> None:
        """Refuse to write `paths` to the work tree as `commit` has them if a symbolic link (or a
        submodule) stands at one of them or at a folder above it: git would have checked it out as
        a link, and writing through it could land anywhere."""
        for path in paths:
            parts = path.split("/")
            for depth in range(1, len(parts) + 1):
                found = self.entry(commit, "/".join(parts[:depth]))
                if found is None:
                    break
                if found[0] not in (TREE_MODE, *FILE_MODES):
                    raise OutsideWorkspace(
                        f"{'/'.join(parts[:depth])} is a symbolic link in the workspace's history: "
                        f"the workspace will not write {path} through it; replace the link by a "
                        "folder or file"
                    )

    def read_blob(self, blob: bytes | None) -> bytes | None:
        if blob is None:
            return None
        obj = self._object(blob)
        assert isinstance(obj, Blob)
        return obj.as_raw_string()

    def read(self, commit: str | None, path: str) -> bytes | None:
        """The content of the file at `path` in `commit` (None: no such file)."""
        return self.read_blob(self.blob_id(commit, path))

    def folder(self, commit: str | None, path: str) -> dict[str, bytes]:
        """Files directly in the folder at `path`: name -> blob id."""
        found = self.entry(commit, path)
        if not found or found[0] != TREE_MODE:
            return {}
        return {name: sha for name, (mode, sha) in self.entries(found[1]).items() if mode in FILE_MODES}

    def files_under(self, commit: str | None, path: str) -> dict[str, bytes]:
        """Every file below the folder at `path`, at any depth: path within it -> blob id."""
        found = self.entry(commit, path)
        files: dict[str, bytes] = {}
        stack = [("", found[1])] if found and found[0] == TREE_MODE else []
        while stack:
            prefix, tree = stack.pop()
            for name, (mode, sha) in self.entries(tree).items():
                if mode == TREE_MODE:
                    stack.append((f"{prefix}{name}/", sha))
                elif mode in FILE_MODES:
                    files[f"{prefix}{name}"] = sha
        return files

    # Writing --------------------------------------------------------------------------------

    def commit(self, proposal: Proposal) -> Commit | None:
        """Make the commit proposed; None if the branch no longer points at its parent (the caller
        starts again from the new head)."""
        parent, files, author, message = proposal.parent, proposal.files, proposal.author, proposal.message
        old_root = self.tree_of(parent)
        blobs = {path: Blob.from_string(data) for path, data in files.items() if data is not None}
        changes = {path: (blobs[path].id if path in blobs else None) for path in files}
        new_objects: list[ShaFile] = list(blobs.values())
        root = self._tree_with(old_root, changes, new_objects)
        moment = time.time()
        commit = Commit()
        commit.tree = root
        commit.parents = [oid(p) for p in (parent, *proposal.other_parents) if p]
        commit.author = commit.committer = author.identity
        commit.author_time = commit.commit_time = int(moment)
        commit.author_timezone = commit.commit_timezone = local_timezone(moment)
        commit.message = message.encode("utf-8")
        new_objects.append(commit)
        clean = proposal.also_clean or {}
        self.refuse_links(parent, files)
        for path in files:
            self.worktree.file(path)  # refused now, before anything is written
        # Objects first, outside the lock: they are content-addressed, so writing one twice or in
        # vain (a lost race) harms nothing, and their fsyncs do not hold up the other writers.
        with _one_line_errors():
            self._write_objects(new_objects)
            with self.lock.writing():
                if self.head() != parent:
                    return None
                staged = self.worktree.stage(
                    FileChange(
                        path,
                        self.blob_id(parent, path),
                        changes[path],
                        files[path],
                        frozenset({_blob_id_of(clean[path])} if path in clean else ()),
                    )
                    for path in files
                )
                if not self._move_staged(parent, commit.id, author, message, staged):
                    return None
        return commit

    def move(self, old: str | None, new: str, author: Author, message: str, paths: Iterable[str]) -> bool:
        """Move the branch to an existing commit (a fast-forward), bringing `paths` in step."""
        paths = list(paths)
        self.refuse_links(new, paths)
        for path in paths:
            self.worktree.file(path)  # refused now, before the branch moves
        with _one_line_errors(), self.lock.writing():
            if self.head() != old:
                return False
            staged = self.worktree.stage(
                FileChange(path, self.blob_id(old, path), blob, self.read_blob(blob))
                for path in paths
                for blob in [self.blob_id(new, path)]
            )
            return self._move_staged(old, new.encode("ascii"), author, message, staged)

    def _move_staged(self, old: str | None, new: bytes, author: Author, message: str, staged: Staged) -> bool:
        """Move the branch, then put the staged work tree and index in place: the branch moves only
        once everything that needs disk space is written, so a full disk leaves the old version
        everywhere, and what follows the move is renames."""
        try:
            moved = self._move(old, new, author, message)
        except BaseException:
            staged.discard()
            raise
        if not moved:
            staged.discard()
            return False
        try:
            staged.apply()
        except OSError as exc:
            # Not a full disk (renames need no space): the next reader catches the files up.
            raise WriteFailed(
                f"the version was saved, but the workspace's files could not be brought in step "
                f"({describe(exc)}); any command in the workspace will try again"
            ) from None
        return True

    def _move(self, old: str | None, new: bytes, author: Author, message: str) -> bool:
        """Compare-and-swap of the branch ref; waits a little for a git command's own ref lock."""
        reflog = b"commit: " + messages.summary(message).encode("utf-8")
        deadline = time.monotonic() + REF_LOCK_WAIT
        while True:
            try:
                refs, who = self.repo.refs, author.identity
                if old is None:
                    return bool(refs.add_if_new(self.ref, oid(new), committer=who, message=reflog))
                return bool(refs.set_if_equals(self.ref, oid(old), oid(new), committer=who, message=reflog))
            except FileLocked as exc:
                if time.monotonic() > deadline:
                    raise WorkspaceBusy(
                        f"git is updating the branch ({exc.lockfilename!r} exists); if no git "
                        "command is running in the workspace, remove that file"
                    ) from None
                time.sleep(0.01)

    def _tree_with(
        self, tree_id: bytes | None, changes: Mapping[str, bytes | None], out: list[ShaFile]
    ) -> bytes:
        """The id of `tree_id` with `changes` (path -> blob id, None to remove) applied; the new
        trees are appended to `out`. Only the folders on the changed paths are rewritten."""
        entries = dict(self.entries(tree_id))
        below: dict[str, dict[str, bytes | None]] = {}
        for path, blob in changes.items():
            head, sep, rest = path.partition("/")
            if sep:
                below.setdefault(head, {})[rest] = blob
            elif blob is None:
                entries.pop(head, None)
            else:
                entries[head] = (BLOB_MODE, blob)
        for name, inner in below.items():
            current = entries.get(name)
            sub = current[1] if current and current[0] == TREE_MODE else None
            new_sub = self._tree_with(sub, inner, out)
            if self.entries(new_sub):
                entries[name] = (TREE_MODE, new_sub)
            else:
                entries.pop(name, None)  # git has no empty folders
        tree = Tree()
        for name, (mode, sha) in entries.items():
            tree.add(name.encode("utf-8", "surrogateescape"), mode, oid(sha))
        self._trees[tree.id] = entries
        out.append(tree)
        return tree.id

    def _write_objects(self, objects: Iterable[ShaFile]) -> None:
        for obj in objects:
            write_loose_object(self.repo, obj, self.lock.state_dir / "tmp")


@contextlib.contextmanager
def _one_line_errors() -> Iterator[None]:
    """A failed write before the branch moved (a full disk, say) as a `WriteFailed`: nothing saved."""
    try:
        yield
    except OSError as exc:
        raise WriteFailed(f"could not write to the workspace ({describe(exc)}): nothing was saved") from None


def _blob_id_of(data: bytes) -> bytes:
    return Blob.from_string(data).id


def current_branch(repo: Repo) -> Ref:
    """The ref HEAD points at (`refs/heads/main`); a detached HEAD is not a workspace state."""
    chain, _ = repo.refs.follow(Ref(b"HEAD"))
    if len(chain) < 2 or not chain[-1].startswith(b"refs/heads/"):
        raise NotAWorkspace(
            f"{repo.path}: HEAD is not on a branch; check out a branch (git switch main) first"
        )
    return chain[-1]
