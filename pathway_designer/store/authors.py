"""Who made a version: a person's name, their organisation (written as a trailer) and email.

Like git, a person need not say who they are each time: `configured` reads `user.name`,
`user.email` and `pathway.organisation` from git's configuration (the repository's, then the
person's `~/.gitconfig`, then the system's), and the organisation also from `$PATHWAY_ORGANISATION`,
which wins over the config so one shell can speak for another organisation.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass

from dulwich.config import StackedConfig

from .. import names

ORGANISATION_ENVIRONMENT = "PATHWAY_ORGANISATION"


@dataclass(frozen=True)
class Author:
    """Who made a version: a person's name, their organisation (a trailer) and, optionally, email."""

    name: str
    organisation: str | None = None
    email: str = ""

    def __post_init__(self) -> None:
        names.person_name(self.name, "the author's name")
        if self.organisation is not None:
            names.person_name(self.organisation, "the organisation")
        if self.email.strip():
            names.person_name(self.email, "the email address")

    @property
    def identity(self) -> bytes:
        return f"{self.name.strip()} <{self.email.strip()}>".encode()


def local_timezone(moment: float) -> int:
    """Offset of local time from UTC at `moment`, in seconds (git records it with each commit)."""
    return time.localtime(moment).tm_gmtoff


@dataclass(frozen=True)
class Configured:
    """Who git's configuration and the environment say the person is (each part may be unknown)."""

    name: str | None
    email: str | None
    organisation: str | None


def _value(config: StackedConfig, section: tuple[bytes, ...], key: bytes) -> str | None:
    try:
        found = config.get(section, key)
    except KeyError:
        return None
    return found.decode("utf-8", "replace").strip() or None


def configured(config: StackedConfig, environ: Mapping[str, str] | None = None) -> Configured:
    env = os.environ if environ is None else environ
    organisation = env.get(ORGANISATION_ENVIRONMENT, "").strip() or _value(
        config, (b"pathway",), b"organisation"
    )
    return Configured(
        _value(config, (b"user",), b"name"), _value(config, (b"user",), b"email"), organisation
    )
