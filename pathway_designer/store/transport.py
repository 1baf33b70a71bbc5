"""Reaching a workspace's git remote: fetch its branch, push to it by compare-and-swap.

Remotes are reached by dulwich's clients (ssh, https, git://). A remote that is a folder (a bare
repository on a shared drive, or a `file://` URL) is reached through git's own programs
(`git-upload-pack`, `git-receive-pack`) when git is installed, as `git push` would: dulwich's own
local transport writes into the folder directly, and so skips the remote's hooks. A push the remote
refuses (a hook, a protected branch) is reported in the remote's own words; only a branch that moved
under the push (a partner's push landed first) makes the sync fetch and merge again.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

from dulwich.client import GitClient, LocalGitClient, SubprocessGitClient, get_transport_and_path
from dulwich.errors import GitProtocolError, HangupException, NotGitRepository
from dulwich.objects import ObjectID
from dulwich.refs import Ref

from .errors import SyncFailed
from .objects import oid
from .repository import Repository

# What dulwich raises when the remote cannot be reached or is not a repository.
UNREACHABLE = (OSError, GitProtocolError, HangupException, NotGitRepository)

# How git's receive-pack says the branch moved under the push (a partner's push landed first).
_MOVED = re.compile(r"non-fast-forward|fetch first|stale info|(failed to|cannot) lock|but expected")


def client_for(repository: Repository, remote: str) -> tuple[GitClient, str]:
    """The client and path that reach `remote`."""
    url = _remote_url(repository, remote)
    try:
        client, path = get_transport_and_path(url, config=repository.repo.get_config_stack())
    except ValueError as exc:
        raise SyncFailed(f"cannot reach remote '{remote}' ({url}): {exc}") from None
    if isinstance(client, LocalGitClient) and shutil.which("git"):
        client = SubprocessGitClient()  # so that the remote's hooks run
    return client, path


def _remote_url(repository: Repository, remote: str) -> str:
    config = repository.repo.get_config()
    try:
        return config.get((b"remote", remote.encode()), b"url").decode()
    except KeyError:
        raise SyncFailed(
            f"the workspace has no remote '{remote}': add the shared repository with "
            f"`git -C {repository.root} remote add {remote} URL`"
        ) from None


def fetch(repository: Repository, client: Any, path: str, remote: str) -> str | None:
    """Fetch the remote's copy of our branch; its commit id, or None if it has none yet."""
    branch_ref = repository.branch.ref
    store = repository.repo.object_store

    def wants(refs: dict[Ref, ObjectID], depth: int | None = None) -> list[ObjectID]:
        sha = refs.get(branch_ref)
        return [sha] if sha and sha not in store else []

    try:
        result = client.fetch(path, repository.repo, determine_wants=wants)
    except UNREACHABLE as exc:
        raise SyncFailed(f"cannot fetch from '{remote}': {exc}") from None
    sha = (result.refs or {}).get(branch_ref)
    if not sha:
        return None
    tracking = Ref(b"refs/remotes/" + remote.encode() + b"/" + branch_ref.removeprefix(b"refs/heads/"))
    repository.repo.refs[tracking] = sha  # for `git status` and `git log origin/main`
    return str(sha.decode("ascii"))


def push(
    repository: Repository, client: Any, path: str, remote: str, expected: str | None, new: str
) -> bool:
    """Move the remote's branch from `expected` to `new`; False if a partner moved it first."""
    branch_ref = repository.branch.ref
    moved: list[bool] = []

    def update_refs(refs: dict[Ref, ObjectID]) -> dict[Ref, ObjectID]:
        current = refs.get(branch_ref)
        if (current.decode("ascii") if current else None) != expected:
            moved.append(True)
            return {}
        return {branch_ref: oid(new)}

    def pack_data(have: Any, want: Any, *, ofs_delta: bool = False, progress: Any = None) -> Any:
        return repository.repo.generate_pack_data(
            set(have), set(want), ofs_delta=ofs_delta, progress=progress
        )

    said: list[bytes] = []  # what the remote's side says as it goes: a hook's output among it
    try:
        result = client.send_pack(path, update_refs, generate_pack_data=pack_data, progress=said.append)
    except UNREACHABLE as exc:
        raise SyncFailed(f"cannot push to '{remote}': {exc}") from None
    refused = (result.ref_status or {}).get(branch_ref)
    if moved or (refused and _MOVED.search(refused)):
        return False
    if refused:
        words = "; ".join(_remote_lines(b"".join(said)))
        raise SyncFailed(
            f"'{remote}' refused this workspace's versions: {refused}" + (f" ({words})" if words else "")
            + "; they are kept here, and nothing was sent"
        )
    tracking = Ref(b"refs/remotes/" + remote.encode() + b"/" + branch_ref.removeprefix(b"refs/heads/"))
    repository.repo.refs[tracking] = oid(new)
    return True


def _remote_lines(data: bytes, most: int = 5) -> list[str]:
    """The remote's own messages, one line each, without progress counters or control characters."""
    lines = []
    for raw in data.decode("utf-8", "replace").replace("\r", "\n").split("\n"):
        line = "".join(c for c in raw if c.isprintable()).strip()
        if line and not re.match(r"^(Resolving deltas|Unpacking objects|Counting objects):", line):
            lines.append(line[:200])
    return lines[:most]
