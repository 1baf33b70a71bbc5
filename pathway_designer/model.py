"""The pathway model, format version 1: the public contract of a pathway file.

Field descriptions here are the documentation that the exported JSON Schema carries to editors, so
they are written for the people who edit pathways. Field names in files are kebab-case (``based-on``);
Python attribute names are snake_case.

This module imports no YAML, graph or rendering library: everything else builds on it.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Protocol

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    Tag,
)
from pydantic_core import PydanticCustomError

from .model_flow import (  # noqa: F401
    REST,
    ArrivalsField,
    CapacityField,
    CostField,
    DelayField,
    DelaySpreadField,
    QueueLimitField,
    ScenarioName,
    Shape,
    ShareField,
    Spread,
    SpreadField,
    StepChange,
    TimeUnit,
    TransitionChange,
    Way,
)

# The building blocks, re-exported: other parts know them as the model's
from .model_parts import (  # noqa: F401
    ID_PATTERN,
    MAX_TIME_WEEKS,
    TIME_PATTERN,
    Identifier,
    Part,
    Str,
    Text,
    TimeStandard,
    Whole,
)

FORMAT_VERSION = 1

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

def _date_text(value: Any) -> Any:
    """A date is written YYYY-MM-DD (the schema's `format: date`): never a number of seconds, nor a
    date with a time."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not re.match(DATE_PATTERN, value):
        raise PydanticCustomError(
            "date_text", "{value} is not a date; write a date as YYYY-MM-DD, e.g. 2026-03-31",
            {"value": repr(value)[:40]},
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_text", "{value} is not a day of the calendar", {"value": value}
        ) from None


Date = Annotated[dt.date, BeforeValidator(_date_text)]


class Status(str, Enum):
    DRAFT = "draft"
    IN_REVIEW = "in-review"
    AGREED = "agreed"
    LIVE = "live"
    RETIRED = "retired"


class Geography(str, Enum):
    URBAN = "urban"
    RURAL = "rural"
    MIXED = "mixed"


class Role(str, Enum):
    COMMISSIONER = "commissioner"
    NHS_PROVIDER = "nhs-provider"
    PRIMARY_CARE = "primary-care"
    SOCIAL_CARE = "social-care"
    VOLUNTARY_SECTOR = "voluntary-sector"
    PRIVATE_PROVIDER = "private-provider"
    SERVICE_USERS_CARERS = "service-users-carers"
    OTHER = "other"


PROVIDER_ROLES = frozenset(
    {
        Role.NHS_PROVIDER,
        Role.PRIMARY_CARE,
        Role.SOCIAL_CARE,
        Role.VOLUNTARY_SECTOR,
        Role.PRIVATE_PROVIDER,
    }
)


class StepKind(str, Enum):
    ENTRY = "entry"
    ASSESSMENT = "assessment"
    DECISION = "decision"
    INTERVENTION = "intervention"
    REFERRAL = "referral"
    REVIEW = "review"
    EXIT = "exit"


class Setting(str, Enum):
    HOME = "home"
    COMMUNITY = "community"
    PRIMARY_CARE = "primary-care"
    HOSPITAL = "hospital"
    INPATIENT = "inpatient"
    REMOTE = "remote"


class Direction(str, Enum):
    HIGHER = "higher"
    LOWER = "lower"


class Review(Part):
    """When partners last reviewed the pathway together, and when they next will."""

    last: Date | None = Field(None, description="When partners last reviewed it together.")
    due: Date | None = Field(None, description="When the next joint review is due.")


class Context(Part):
    """Where the pathway applies: compare like with like (a rural area is not an inner city)."""

    area: Str | None = Field(None, description="The place the pathway serves, e.g. Ryedale.")
    geography: Geography | None = Field(None, description="urban, rural or mixed.")
    population: Str | None = Field(None, description="Who the pathway is for.")


REMOTE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
COMMIT_PATTERN = r"^[0-9a-f]{7,64}$"


class BasedOn(Part):
    """The base pathway this one adapts, the version of it that was adapted, and where it lives."""

    pathway: Identifier = Field(description="Id of the base pathway.")
    version: Annotated[str, Strict(), StringConstraints(pattern=COMMIT_PATTERN)] | None = Field(
        None,
        description="The commit of the base's version that was adapted (absent: unknown; "
        "`pathway-designer upstream --pin` records it).",
    )
    repository: Annotated[
        str, Strict(), StringConstraints(pattern=REMOTE_PATTERN, max_length=64)
    ] | None = Field(
        None,
        description="The git remote of this workspace that holds the base, e.g. national "
        "(absent: this workspace).",
    )


def _based_on_kind(value: Any) -> str:
    return "mapping" if isinstance(value, dict | BasedOn) else "id"


# A bare id (the version unknown) or a mapping with the version: one field, two spellings, told
# apart by their shape so that an error names the spelling that was written.
BasedOnField = Annotated[
    Annotated[Identifier, Tag("id")] | Annotated[BasedOn, Tag("mapping")],
    Discriminator(_based_on_kind),
]


class Organisation(Part):
    """A partner in the pathway: a commissioner, a provider, or service users and carers."""

    id: Identifier = Field(description="Short kebab-case id used by steps and sign-offs.")
    name: Text = Field(description="The organisation's full name.")
    role: Role = Field(description="The organisation's part in the pathway.")


class Step(Part):
    """One point of the pathway a person passes through."""

    id: Identifier = Field(description="Short kebab-case id, unique among the steps.")
    label: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=120)] = Field(
        description="What the step is, in words people use (at most 120 characters)."
    )
    kind: StepKind = Field(
        description="entry, assessment, decision, intervention, referral, review or exit."
    )
    setting: Setting | None = Field(None, description="Where the step happens.")
    owner: Identifier | None = Field(None, description="Id of the organisation responsible.")
    partners: list[Identifier] = Field(
        default_factory=list, description="Ids of other organisations involved in the step."
    )
    wait: TimeStandard | None = Field(
        None, description="Time standard to start the step: a number then m, h, d or w (4h)."
    )
    duration: TimeStandard | None = Field(
        None, description="Typical duration of the step, same syntax as wait (2w)."
    )
    spread: SpreadField = None
    modality: Str | None = Field(None, description="For interventions: the kind of help offered.")
    description: Str | None = Field(None, description="Free text: what happens, and its source.")
    barriers: list[Text] = Field(
        default_factory=list, description="Known barriers, recorded honestly."
    )
    measures: list[Identifier] = Field(
        default_factory=list, description="Ids of the outcomes measured at this step."
    )
    arrivals: ArrivalsField = None
    capacity: CapacityField = None
    queue_limit: QueueLimitField = None
    cost: CostField = None


class Transition(Part):
    """A way on from one step to another."""

    from_: Identifier = Field(alias="from", description="Id of the step this leaves.")
    to: Identifier = Field(description="Id of the step this goes to.")
    when: Str | None = Field(
        None, description="The condition; required on transitions leaving a decision."
    )
    handoff: Str | None = Field(
        None, description="How information and responsibility pass (e.g. shared care record)."
    )
    share: ShareField = None
    delay: DelayField = None
    delay_spread: DelaySpreadField = None


class Outcome(Part):
    """An outcome measure: what made a difference for people, not only a process target."""

    id: Identifier = Field(description="Short kebab-case id, used by steps' measures.")
    measure: Text = Field(description="What is measured.")
    direction: Direction = Field(description="Whether higher or lower is the aim.")
    target: Str | None = Field(None, description="The aim, in words (optional).")


class Involvement(Part):
    """A record of service users' and carers' involvement, and what it changed."""

    date: Date = Field(description="When it happened.")
    who: Text = Field(description="Who took part, e.g. an experts by experience panel.")
    how: Text = Field(description="How they were involved, e.g. a co-design workshop.")
    changed: Str | None = Field(None, description="What changed because of it.")


class Signoff(Part):
    """A partner's agreement to one content of the pathway (see fingerprint)."""

    organisation: Identifier = Field(description="Id of the organisation signing.")
    name: Text = Field(description="Who signed.")
    email: Str | None = Field(
        None, description="Their email address, when their sign-in said it (OpenID Connect)."
    )
    role: Str | None = Field(None, description="Their role in the organisation.")
    date: Date = Field(description="When they signed.")
    fingerprint: Annotated[str, Strict(), StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$")] = Field(
        description="sha256 of the content agreed to (everything but status and sign-offs)."
    )


class Scenario(Part):
    """A named what-if kept with the pathway: changes to the flow fields, steps and ways on added
    or removed. The pathway itself is unchanged; `flow --scenario NAME` works on the changed copy."""

    name: ScenarioName = Field(description="The scenario's name, as people say it (at most 80 characters).")
    why: Str | None = Field(None, description="What the scenario asks, and why.")
    steps: list[StepChange] = Field(
        default_factory=list, description="Changes to steps' flow fields, by the step's id."
    )
    transitions: list[TransitionChange] = Field(
        default_factory=list, description="Changes to ways on, by their from and to."
    )
    add_steps: list[Step] = Field(default_factory=list, description="Steps added in this scenario.")
    add_transitions: list[Transition] = Field(
        default_factory=list, description="Ways on added in this scenario."
    )
    remove_steps: list[Identifier] = Field(
        default_factory=list, description="Ids of steps taken away (with their ways on)."
    )
    remove_transitions: list[Way] = Field(
        default_factory=list, description="Ways on taken away, by their from and to."
    )


class Locator(Protocol):
    """Finds where a part of the pathway was written: (line, column), both 1-based."""

    def position(self, path: tuple[str | int, ...]) -> tuple[int, int]: ...

    def item_positions(self, section: str, fields: tuple[str, ...]) -> list[list[tuple[int, int]]]: ...


class Pathway(Part):
    """One care pathway, designed jointly by commissioners, providers, service users and carers."""

    model_config = ConfigDict(
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    format: Whole = Field(FORMAT_VERSION, description="Format version: 1.", ge=1, le=FORMAT_VERSION)
    id: Identifier = Field(description="Kebab-case id; the file is named <id>.yaml.")
    title: Text = Field(description="The pathway's title.")
    summary: Str | None = Field(None, description="One or two sentences, with the source.")
    status: Status = Field(
        Status.DRAFT, description="draft, in-review, agreed, live or retired."
    )
    based_on: BasedOnField | None = Field(
        None,
        description="The base pathway this one adapts locally: its id, or a mapping of its id "
        "(pathway), the version adapted (version: a commit) and the git remote holding it "
        "(repository; absent: this workspace).",
    )
    review: Review | None = Field(None, description="Joint review dates.")
    context: Context | None = Field(None, description="Where the pathway applies.")
    organisations: Annotated[list[Organisation], Field(min_length=1)] = Field(
        description="The partners: at least one."
    )
    steps: Annotated[list[Step], Field(min_length=1)] = Field(
        description="The steps of the pathway: at least one."
    )
    transitions: list[Transition] = Field(
        default_factory=list, description="The ways on between steps."
    )
    outcomes: list[Outcome] = Field(default_factory=list, description="Outcome measures.")
    involvement: list[Involvement] = Field(
        default_factory=list, description="Service users' and carers' involvement."
    )
    flow_unit: TimeUnit | None = Field(
        None, description="The unit of time of a flow model brought from another tool (h, d or w)."
    )
    scenarios: list[Scenario] = Field(
        default_factory=list, description="Named what-ifs: changes to the flow fields, compared side by side."
    )
    signoffs: list[Signoff] = Field(default_factory=list, description="Partners' sign-offs.")

    _locator: Locator | None = PrivateAttr(default=None)
    _source_name: str | None = PrivateAttr(default=None)
    _header: str = PrivateAttr(default="")

    @property
    def source_name(self) -> str | None:
        """The file (or '<text>') the pathway was read from, if any."""
        return self._source_name

    def position(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        """(line, column) of a part of the pathway in its source, when read from one."""
        return self._locator.position(path) if self._locator else None

    def item_positions(self, section: str, fields: tuple[str, ...]) -> list[list[tuple[int, int]]]:
        """For each item of a list (`transitions`) as written in the source: where it starts, then
        where each of `fields` it has is; one walk, where `position` per field would walk for each."""
        return self._locator.item_positions(section, fields) if self._locator else []

    @property
    def header(self) -> str:
        """Comment lines at the top of the source file, kept when the pathway is written."""
        return self._header

    def attach_source(self, name: str | None, locator: Locator | None, header: str = "") -> None:
        self._source_name = name
        self._locator = locator
        self._header = header

    @property
    def base_id(self) -> str | None:
        """The id of the pathway this one adapts, whichever way `based-on` is written."""
        based = self.based_on
        return based.pathway if isinstance(based, BasedOn) else based

    @property
    def base_version(self) -> str | None:
        """The commit of the base's version adapted; None when unknown (a bare id)."""
        return self.based_on.version if isinstance(self.based_on, BasedOn) else None

    @property
    def base_repository(self) -> str | None:
        """The git remote holding the base; None for this workspace."""
        return self.based_on.repository if isinstance(self.based_on, BasedOn) else None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def organisation(self, org_id: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == org_id), None)

    def step_index(self) -> dict[str, int]:
        """Index of the first step with each id."""
        index: dict[str, int] = {}
        for i, s in enumerate(self.steps):
            index.setdefault(s.id, i)
        return index


def field_names(model: type[BaseModel]) -> list[str]:
    """The names a file may use for a model's fields."""
    return [f.alias or name for name, f in model.model_fields.items()]


def without_empty(value: Any) -> Any:
    """Data without empty optional fields (None, [], or a mapping of nothing but those)."""
    if isinstance(value, dict):
        kept = {k: without_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list):
        return [without_empty(v) for v in value]
    return value


def to_data(pathway: Pathway) -> dict[str, Any]:
    """The pathway as plain data in file order, without empty optional fields."""
    return without_empty(pathway.model_dump(mode="json", by_alias=True))  # type: ignore[no-any-return]
