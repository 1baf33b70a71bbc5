"""The one check on every path the store reads or writes: it stays inside the workspace.

A clone can bring symbolic links with it: a committed `comments -> ../outside` would make a comment
write land outside the workspace, and `pathways/crisis.yaml -> /etc/passwd` would make a read leave
it. Every path the store opens is made by joining a relative name to a root it trusts (the work tree,
or git's folder) and is then checked here: its real path, with every link followed, must be under
the root's real path, and a work tree file must not lead into git's own folder (where a link could
make a comment overwrite a ref). Links that stay where they say they are (the workspace reached
through a linked home folder, say) are left alone.
"""

from __future__ import annotations

from pathlib import Path

from .errors import OutsideWorkspace


def inside(root: Path, path: Path, *, apart_from: Path | None = None) -> Path:
    """`path` as given, once its real path is known to be under `root` (and not under `apart_from`).

    Raises `OutsideWorkspace` otherwise, before anything is read or written.
    """
    real = path.resolve()  # not strict: a file about to be made need not exist yet
    real_root = root.resolve()
    leaves = not real.is_relative_to(real_root)
    if not leaves and apart_from is not None:
        leaves = real.is_relative_to(apart_from.resolve())
    if leaves:
        raise OutsideWorkspace(
            f"{path} leads outside the workspace (to {real}) through a symbolic link: nothing was "
            "read or written there; remove the link"
        )
    return path
