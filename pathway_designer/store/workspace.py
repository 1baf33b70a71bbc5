"""The workspace: a folder of pathways inside a git repository, and the one door the CLI and app use.

Which workspace: the folder given (`--workspace DIR`), else `$PATHWAY_WORKSPACE`, else `./workspace/`,
which is created on first use as a git repository seeded with the project's example pathways in one
first commit. A given folder must already be a repository (a clone of an area's shared pathway
repository, say): the store will not turn just any folder into one behind a person's back.

A new workspace is built by `seeding` (the examples and the JSON Schema, from the package's data).
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import names
from . import messages
from .authors import Author, Configured, configured
from .errors import NotAWorkspace, StoreError, UnknownPathway, UnknownVersion
from .memberships import Memberships
from .repository import PATHWAYS, Repository, is_pathway_id, pathway_path
from .revisions import resolve_revision
from .unsaved import Unsaved
from .versions import Version, Versions

# What reads, diffs, saves, syncs or tells the story of a pathway needs the pathway model
# (pydantic): imported where it is used, so opening a workspace and its history do not load it.
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from ..changes.diff import Change
    from ..model import Pathway
    from .comments import Comment
    from .saving import Choices, SaveResult
    from .sync import SyncResult, Transport
    from .why import Lineage, Story

ENVIRONMENT = "PATHWAY_WORKSPACE"
_VERSION_LIKE = re.compile(
    r"^(?:v?\d{1,6}|latest|head|[0-9a-f]{4,40}|\d{4}-\d{2}-\d{2}.*)$", re.IGNORECASE
)
DEFAULT_FOLDER = "workspace"


@dataclass(frozen=True)
class PathwayEntry:
    """A pathway in the workspace, as a list of pathways shows it."""

    id: str
    title: str
    status: str
    geography: str | None
    latest: Version | None
    origin: str | None = None  # for an example seeded with the workspace: where it comes from


def discover_repository(start: Path) -> Path | None:
    """Like git: the nearest folder at or above `start` with a `.git`, if it holds `pathways/`.

    None outside any repository. Inside a repository without a `pathways/` folder, `NotAWorkspace`:
    a `./workspace` made inside someone's repository would be committed into it by mistake.
    """
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            if (folder / PATHWAYS).is_dir():
                return folder
            raise NotAWorkspace(
                f"{folder} is a git repository with no {PATHWAYS}/ folder: run this in a repository "
                f"of pathways, name one with --workspace DIR (or ${ENVIRONMENT}), or make one with "
                "`pathway-designer init DIR`"
            )
    return None


class Workspace:
    """A workspace of pathways and their versions. Every method is safe to call from many threads
    and processes at once; writes never lose another writer's version."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self._repository = Repository(Path(root))
        self._versions = Versions(self._repository)
        self._parsed: dict[str, Pathway | None] = {}
        self._stories: dict[str, tuple[str | None, Story]] = {}
        self._lock = threading.Lock()
        self.created = False  # made by `open` just now, as ./workspace

    # Opening ------------------------------------------------------------------------------------

    @classmethod
    def open(cls, folder: str | os.PathLike[str] | None = None, *, discover: bool = False) -> Workspace:
        """The workspace named, or `$PATHWAY_WORKSPACE`, or (with `discover`, as the command line
        does) the git repository holding the current folder, or `./workspace/` (created if
        missing: then `created` is True, for the caller to say so)."""
        named = folder or os.environ.get(ENVIRONMENT)
        if named:
            return cls(Path(named))
        if discover:
            found = discover_repository(Path.cwd())
            if found is not None:
                return cls(found)
        default = Path.cwd() / DEFAULT_FOLDER
        if not (default / ".git").exists():
            workspace = cls.init(default, exist_ok=True)
            workspace.created = True
            return workspace
        return cls(default)

    @classmethod
    def init(
        cls,
        folder: str | os.PathLike[str],
        seed: Iterable[Traversable] | None = None,
        *,
        exist_ok: bool = False,
    ) -> Workspace:
        """A new workspace at `folder` (which must not exist, or be empty), with `seed` (by default
        the example pathways) and the schema in one first commit. Built beside the folder and
        renamed into place, so two processes creating the default workspace at once end up with the
        same one."""
        from . import seeding

        return cls(seeding.create(Path(folder), seed, exist_ok=exist_ok))

    @property
    def root(self) -> Path:
        return self._repository.root

    @functools.cached_property
    def unsaved(self) -> Unsaved:
        """What is kept for people between visits (drafts, who they are): in git's folder, never committed."""
        return Unsaved(self._repository.state_dir)

    @property
    def memberships(self) -> Memberships:
        """The organisation each signed-in person chose once: in git's folder, never committed."""
        return Memberships(self._repository.state_dir)

    def close(self) -> None:
        self._repository.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def git_user(self) -> str | None:
        """The name in the repository's (or the person's) git configuration, if any."""
        return self.identity().name

    def identity(self) -> Configured:
        """Who git's configuration (and `$PATHWAY_ORGANISATION`) says the person is."""
        return configured(self._repository.repo.get_config_stack())

    # Reading ------------------------------------------------------------------------------------

    def head(self) -> str | None:
        """The branch's latest commit id: one small file read, for polling "has anything changed?"."""
        return self._repository.branch.head()

    def pathway_ids(self) -> list[str]:
        """The pathways in the latest commit."""
        files = self._repository.branch.folder(self.head(), PATHWAYS)
        ids = (name.removesuffix(".yaml") for name in files if name.endswith(".yaml"))
        return sorted(i for i in ids if is_pathway_id(i))

    def catalogue(self) -> list[PathwayEntry]:
        """Every pathway with its title, status, geography and latest version (for choosing one)."""
        from . import seeding

        entries = []
        for pathway_id in self.pathway_ids():
            latest = self.latest(pathway_id)
            pathway = self._parse(latest.blob) if latest else None
            entries.append(
                PathwayEntry(
                    pathway_id,
                    pathway.title if pathway else pathway_id,
                    pathway.status.value if pathway else "unreadable",
                    pathway.context.geography.value
                    if pathway and pathway.context and pathway.context.geography
                    else None,
                    latest,
                    seeding.origin(pathway, latest) if pathway and latest else None,
                )
            )
        return entries

    def file(self, pathway_id: str) -> Path:
        """The pathway's file in the work tree (refused if a link leads it out of the workspace)."""
        return self._repository.worktree.file(pathway_path(pathway_id))

    def latest(self, pathway_id: str) -> Version | None:
        """The latest version (None if never saved): cheap while the head has not moved."""
        return self._versions.latest(pathway_id)

    def history(self, pathway_id: str | None = None) -> list[Version]:
        """Versions newest first: of one pathway, or of every pathway in the workspace."""
        if pathway_id is not None:
            return list(reversed(self._versions.existing(pathway_id)))
        commits = self._repository.commits
        order = commits.order(self.head())
        position = {c: i for i, c in enumerate(order)}
        names = {
            path.removeprefix(f"{PATHWAYS}/").removesuffix(".yaml")
            for c in order
            for path in commits.record(c).delta
            if path.startswith(f"{PATHWAYS}/") and path.endswith(".yaml")
        }
        names = {name for name in names if is_pathway_id(name)}
        every = [v for name in names for v in self._versions.of(name)]
        return sorted(every, key=lambda v: (position[v.commit], v.pathway), reverse=True)

    def version(self, pathway_id: str, spec: str) -> Version:
        """A version by `v3`, a commit id, a date (YYYY-MM-DD), `latest`, or any git revision
        (`HEAD~1`, `main`, a tag): the version in force at that commit."""
        try:
            return self._versions.find(pathway_id, spec)
        except UnknownVersion as unknown:
            try:
                commit = resolve_revision(self._repository.repo, spec)
            except UnknownVersion:
                raise unknown from None
            return self._versions.find(pathway_id, commit)

    def revision(self, spec: str) -> str:
        """The commit a version-like `spec` names for a save's base: v3, ids and dates as they are
        (the save finds them), any other git revision (`HEAD~1`, `main`) as its commit id."""
        if _VERSION_LIKE.match(spec.strip()):
            return spec
        return resolve_revision(self._repository.repo, spec)

    def text(self, pathway_id: str, at: str | None = None) -> str:
        """The pathway's text at a version (the latest if `at` is None)."""
        from ..format.reading import YamlReadError, decode

        version = self.version(pathway_id, at or "latest")
        data = self._repository.branch.read_blob(version.blob.encode("ascii")) or b""
        try:
            return decode(data)
        except YamlReadError as exc:  # a version committed by other means (git takes any bytes)
            found = exc.findings[0]
            where = f" (line {found.line}, column {found.column})" if found.line else ""
            raise StoreError(
                f"{pathway_id} {version.label} cannot be read: {found.message}{where}; restore an "
                "earlier version, or fix the file and save it again"
            ) from None

    def pathway(self, pathway_id: str, at: str | None = None) -> Pathway:
        """The pathway at a version (the latest if `at` is None): a fresh object, the caller's to edit."""
        from ..format.loading import PathwayError, load_bytes

        version = self.version(pathway_id, at or "latest")
        data = self._repository.branch.read_blob(version.blob.encode("ascii")) or b""
        try:
            # Parsed again rather than copied: a deep copy drags the YAML nodes along, and costs more.
            return load_bytes(data, str(self.root / pathway_path(pathway_id)))
        except PathwayError:
            raise StoreError(f"{pathway_id} {version.label} cannot be read as a pathway") from None

    def pathway_at(self, pathway_id: str, revision: str) -> tuple[str, Pathway]:
        """The commit any git revision names (a commit id, `national/main`) and the pathway in it:
        for a base pathway on a fetched remote's branch, which is no version of this branch."""
        from ..format.loading import PathwayError, load_bytes

        commit = resolve_revision(self._repository.repo, revision)
        data = self._repository.branch.read(commit, pathway_path(pathway_id))
        if data is None:
            raise UnknownPathway(f"there is no pathway '{pathway_id}' in {revision}")
        try:
            return commit, load_bytes(data, f"{revision}:{pathway_path(pathway_id)}")
        except PathwayError:
            raise StoreError(f"{pathway_id} in {revision} cannot be read as a pathway") from None

    def remote_branch(self, remote: str) -> str:
        """The fetched copy of this workspace's branch on a remote (`national/main`), as a revision."""
        return f"refs/remotes/{remote}/{self._repository.branch.name}"

    def checked_out(self, pathway_id: str) -> Version | None:
        """The version the work tree file was last brought to (what an edit of it started from)."""
        staged = self._repository.worktree.staged(pathway_path(pathway_id))
        if staged is None:
            return None
        matching = [v for v in self._versions.of(pathway_id) if v.blob.encode("ascii") == staged]
        return matching[-1] if matching else None

    def diff(
        self, pathway_id: str, a: str | None = None, b: str | None = None, *, working: str | None = None
    ) -> list[Change]:
        """What changed from version `a` (default: the latest) to version `b` (default: the working
        text, `working` or else the work tree file), by meaning."""
        from ..changes.diff import diff_pathways
        from ..format.loading import PathwayError, load_text

        old = self.pathway(pathway_id, a)
        if b is not None:
            return diff_pathways(old, self.pathway(pathway_id, b))
        text = working if working is not None else self._working_text(pathway_id)
        try:
            new = load_text(text, str(self.root / pathway_path(pathway_id)))
        except PathwayError as exc:
            raise StoreError(f"the working text of {pathway_id} cannot be read: {exc}") from None
        return diff_pathways(old, new)

    def blame(self, pathway_id: str) -> list[Lineage]:
        """For each step and transition of the latest version: who introduced it, and who changed it."""
        from .why import blame

        story = self._story(pathway_id)
        try:
            text: str | None = self.text(pathway_id)
        except StoreError:  # a latest version that is not text: its items in the order they came
            text = None
        return blame(story, text)

    def why(self, pathway_id: str, step: str) -> list[Lineage]:
        """Why is this step here: its story, then those of the transitions into and out of it.
        `step` is its id, or its label in the latest version (case and spacing aside)."""
        from .why import why

        story = self._story(pathway_id)
        if ("steps", step) not in story:
            step = self._step_labelled(pathway_id, step) or step
        return why(story, pathway_id, step)

    def _step_labelled(self, pathway_id: str, label: str) -> str | None:
        """The id of the latest version's step with this label, if exactly one has it."""
        try:
            steps = self.pathway(pathway_id).steps
        except StoreError:
            return None
        found = [s.id for s in steps if names.plain(s.label) == names.plain(label)]
        return found[0] if len(found) == 1 else None

    def comments(self, pathway_id: str, step: str | None = None) -> list[Comment]:
        """Comments on the pathway (with `step`, on that step), oldest first."""
        from .comments import comments_on

        return comments_on(self._repository, pathway_id, step)

    # Writing ------------------------------------------------------------------------------------

    def save(
        self,
        pathway: str | Pathway,
        *,
        author: str,
        organisation: str | None,
        rationale: str,
        base: str | None,
        email: str = "",
        choices: Choices | None = None,
        name: str = "<text>",
        trailers: Iterable[tuple[str, str]] = (),
    ) -> SaveResult:
        """Save a pathway (YAML text or a `Pathway`) as a new version.

        `base` is the commit (or `v3`) the edit started from; None only for a new pathway. A stale
        base is merged with what was saved since; `choices` settle conflicts ("ours"/"theirs" by
        `Conflict.id`); `trailers` are more of the store's own (`Upstream`), after the usual ones.
        Never raises for a bad pathway or a conflict: see `SaveResult.status`.
        """
        from ..format.canonical import dump
        from .saving import SaveRequest, save

        text = pathway if isinstance(pathway, str) else dump(pathway)
        base = self.revision(base) if base else base
        request = SaveRequest(
            text, Author(author, organisation, email), rationale, base, name, choices, tuple(trailers)
        )
        return save(self._repository, self._versions, request)

    def restore(
        self,
        pathway_id: str,
        spec: str,
        *,
        author: str,
        organisation: str | None,
        rationale: str,
        email: str = "",
    ) -> SaveResult:
        """Save an old version again as the newest (history is never rewritten)."""
        from .saving import SaveRequest, save

        old = self.version(pathway_id, spec)
        latest = self._versions.existing(pathway_id)[-1]
        request = SaveRequest(
            self.text(pathway_id, old.commit),
            Author(author, organisation, email),
            rationale,
            latest.commit,
            f"{pathway_id} {old.label}",
            extra_trailers=((messages.RESTORED_FROM, old.commit),),
        )
        result = save(self._repository, self._versions, request)
        if result.status == "saved" and result.version:
            result.message = f"restored {old.label} of {pathway_id} as {result.version.label}"
        return result

    def add_comment(
        self,
        pathway_id: str,
        text: str,
        *,
        author: str,
        organisation: str | None = None,
        role: str | None = None,
        step: str | None = None,
    ) -> Comment:
        """Comment on the pathway or one of its steps; the pathway's versions are not touched."""
        from .comments import add_comment

        latest = self.latest(pathway_id)
        steps = {s.id for s in self.pathway(pathway_id).steps} if latest else None
        who = Author(author, organisation)
        return add_comment(self._repository, pathway_id, text, who, step=step, role=role, steps=steps)

    def sync(
        self,
        *,
        author: str,
        organisation: str | None = None,
        remote: str = "origin",
        choices: Mapping[str, Choices] | None = None,
        email: str = "",
        via: Transport | None = None,
    ) -> SyncResult:
        """Pull partners' versions from the remote, merge them by meaning, and push ours.

        A sync with conflicts changes nothing; sync again with `choices` (by pathway id, then by
        `Conflict.id`: "ours" keeps this workspace's value, "theirs" the remote's) to settle them.
        `via` reaches the remote another way (the app's sharing goes through git's command line).
        """
        from .sync import sync

        return sync(self._repository, Author(author, organisation, email), remote, choices or {}, via)

    # Helpers ------------------------------------------------------------------------------------

    def _story(self, pathway_id: str) -> Story:
        """Every item's story, kept while the branch does not move (the app asks often)."""
        from .why import fold

        head = self.head()
        with self._lock:
            known = self._stories.get(pathway_id)
        if known and known[0] == head:
            return known[1]
        story = fold(self._repository, self._versions, pathway_id, head)
        with self._lock:
            self._stories[pathway_id] = (head, story)
        return story

    def _working_text(self, pathway_id: str) -> str:
        """The file in the work tree, read as `validate` reads one (a regular file, bounded: a
        pipe put in its place would wait for ever); the latest version when there is no file."""
        from ..format.files import read_text
        from ..format.reading import YamlReadError

        path = self.file(pathway_id)
        try:
            return read_text(path)
        except FileNotFoundError:
            if self.latest(pathway_id) is None:
                raise UnknownPathway(f"no pathway '{pathway_id}' in this workspace") from None
            return self.text(pathway_id)
        except YamlReadError as exc:
            raise StoreError(f"{path} cannot be read: {exc.findings[0].message}") from None
        except OSError as exc:
            raise StoreError(f"{path} cannot be read: {exc.strerror or exc}") from None

    def _parse(self, blob: str) -> Pathway | None:
        from ..format.loading import PathwayError, load_bytes

        with self._lock:
            if blob in self._parsed:
                return self._parsed[blob]
        data = self._repository.branch.read_blob(blob.encode("ascii")) or b""
        pathway: Pathway | None
        try:
            pathway = load_bytes(data, blob)
        except PathwayError:
            pathway = None
        with self._lock:
            if len(self._parsed) > 64:
                self._parsed.clear()
            self._parsed[blob] = pathway
        return pathway

