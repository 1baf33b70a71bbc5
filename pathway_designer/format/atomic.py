"""Writing a file atomically: a reader, or a crash, sees the old content or the new, never half.

The one writer for pathways, diagrams and the store's git objects: write a temporary file, flush it
to disk, rename it over the target, then flush the folder so that the rename itself survives a
power cut. On any failure the temporary file is removed and the old file is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

SHARED = -1  # a `mode`: readable as a new file would be (0o666 less the umask), not private


def write_atomically(
    path: Path,
    content: str | bytes,
    *,
    mode: int | None = None,
    tmp_dir: Path | None = None,
    prefix: str | None = None,
    through_symlink: bool = False,
) -> None:
    """Replace `path` with `content` (text is written as UTF-8 with `\\n` line ends).

    `mode`: the new file's permissions; by default those of the file it replaces, else private
    (0o600, as `mkstemp` makes it); `SHARED` for what a new file would get. `tmp_dir`: where the
    temporary file is made (the same file system as `path`; by default its folder) and `prefix`
    how its name starts, for writers that sweep their own leftovers. `through_symlink`: when `path`
    is a symlink, write the file it points to and keep the link (a person's `fmt`); by default the
    link itself is replaced, so a store's writer never follows a link out of its folder.
    """
    path = Path(os.path.realpath(path)) if through_symlink else Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(
        prefix=prefix or f".{path.name}.", suffix=".tmp", dir=tmp_dir or path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        chosen = _mode(path, mode)
        if chosen is not None:
            os.chmod(tmp, chosen)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def _mode(path: Path, mode: int | None) -> int | None:
    if mode == SHARED:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
    if mode is not None:
        return mode
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_mode & 0o777
    return None


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file; some systems cannot open a folder for it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
