"""The one atomic writer: text and bytes, modes, its own temporary folder, and failures."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pathway_designer.format import atomic
from pathway_designer.format.atomic import SHARED, write_atomically


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_is_written_as_utf8_with_newline_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    write_atomically(path, "café\nnext\n")
    assert path.read_bytes() == "café\nnext\n".encode()


def test_bytes_replace_the_old_content_and_keep_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "d.png"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomically(path, b"\x89PNG new")
    assert path.read_bytes() == b"\x89PNG new"
    assert mode_of(path) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["d.png"]


def test_a_new_file_is_private_unless_asked_otherwise(tmp_path: Path) -> None:
    private, shared, fixed = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_atomically(private, "x")
    write_atomically(shared, "x", mode=SHARED)
    write_atomically(fixed, b"x", mode=0o444)
    umask = os.umask(0)
    os.umask(umask)
    assert (mode_of(private), mode_of(shared), mode_of(fixed)) == (0o600, 0o666 & ~umask, 0o444)


def test_the_temporary_file_can_live_in_a_folder_of_its_own(tmp_path: Path, monkeypatch) -> None:
    work, target = tmp_path / "tmp", tmp_path / "objects" / "ab"
    work.mkdir()
    target.mkdir(parents=True)
    made: list[str] = []
    real_replace = os.replace

    def watched(src: str, dst: str) -> None:
        made.append(src)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", watched)
    write_atomically(target / "cd", b"object", tmp_dir=work, prefix="obj-7-")
    assert Path(made[0]).parent == work and Path(made[0]).name.startswith("obj-7-")
    assert (target / "cd").read_bytes() == b"object" and list(work.iterdir()) == []


def test_the_file_and_its_folder_are_flushed_to_disk(tmp_path: Path, monkeypatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    write_atomically(tmp_path / "p.yaml", "x")
    assert len(synced) == 2  # the temporary file, then the folder after the rename


@pytest.mark.parametrize("broken", ["write", "fsync", "replace"])
def test_a_failure_in_the_middle_leaves_the_old_file_and_no_leftovers(
    tmp_path: Path, monkeypatch, broken: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("old\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    if broken == "write":
        monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: _FailingFile(fd))
    else:
        monkeypatch.setattr(atomic.os, broken, fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(path, "new content that never lands\n" * 100)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


class _FailingFile:
    """A file that takes half of what it is given, then fails: a disk filling up mid-write."""

    def __init__(self, fd: int) -> None:
        self.handle = open(fd, "wb")  # noqa: SIM115 - closed in __exit__

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(28, "No space left on device")

    def flush(self) -> None:  # pragma: no cover - the write fails first
        self.handle.flush()

    def fileno(self) -> int:  # pragma: no cover
        return self.handle.fileno()
