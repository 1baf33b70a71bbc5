"""What an export gives: the file's bytes, and what the person should know about it, in words."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Exported:
    data: bytes
    notes: tuple[str, ...] = field(default=())
