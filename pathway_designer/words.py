"""The one vocabulary: every word people see for the format's values, fields, times and counts.

The file keeps short kebab-case values (`nhs-provider`, `primary-care`) and times like `4h`; people in
a workshop, reading a diagram, a pack, a finding or the CLI's report see the words here. Each table
is written once, in the form that starts a line ("Phone or online"); `word(..., in_sentence=True)`
gives the form used inside a sentence or a diagram label ("phone or online", "NHS provider").
Every value of every enum of the model has a word, and a test checks it (`ENUM_WORDS`).

Times have one style everywhere: whole weeks, days, hours and minutes, largest first, each named
("1 day 4 hours"); a format time and a number of minutes are told the same way (`36h` is "1 day 12
hours", so is 2,160 minutes).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from .finding import Severity
from .model import (
    TIME_PATTERN,
    Direction,
    Geography,
    Pathway,
    Role,
    Setting,
    Shape,
    Status,
    StepKind,
    TimeUnit,
)

KIND_WORDS: dict[str, str] = {
    StepKind.ENTRY.value: "Way in",
    StepKind.ASSESSMENT.value: "Assessment",
    StepKind.DECISION.value: "Decision",
    StepKind.INTERVENTION.value: "Help or treatment",
    StepKind.REFERRAL.value: "Referral",
    StepKind.REVIEW.value: "Review",
    StepKind.EXIT.value: "Way out",
}

SETTING_WORDS: dict[str, str] = {
    Setting.HOME.value: "At home",
    Setting.COMMUNITY.value: "In the community",
    Setting.PRIMARY_CARE.value: "GP practice / primary care",
    Setting.HOSPITAL.value: "Hospital",
    Setting.INPATIENT.value: "Hospital stay (inpatient)",
    Setting.REMOTE.value: "Phone or online",
}
NO_SETTING = "Setting not stated"

ROLE_WORDS: dict[str, str] = {
    Role.COMMISSIONER.value: "Commissioner",
    Role.NHS_PROVIDER.value: "NHS provider",
    Role.PRIMARY_CARE.value: "Primary care",
    Role.SOCIAL_CARE.value: "Social care",
    Role.VOLUNTARY_SECTOR.value: "Voluntary sector",
    Role.PRIVATE_PROVIDER.value: "Private provider",
    Role.SERVICE_USERS_CARERS.value: "Service users and carers",
    Role.OTHER.value: "Other partner",
}
UNASSIGNED = "Unassigned"  # steps no organisation is responsible for

STATUS_WORDS: dict[str, str] = {
    Status.DRAFT.value: "Draft",
    Status.IN_REVIEW.value: "In review",
    Status.AGREED.value: "Agreed",
    Status.LIVE.value: "Live",
    Status.RETIRED.value: "Retired",
}

# A move from one status to another, as a choice people make (the lifecycle, `workshop.lifecycle`).
STATUS_MOVE_WORDS: dict[str, str] = {
    Status.DRAFT.value: "Take it back to draft",
    Status.IN_REVIEW.value: "Send it for review",
    Status.AGREED.value: "Mark it agreed",
    Status.LIVE.value: "Mark it live",
    Status.RETIRED.value: "Retire it",
}
REVISION_WORDS = "Start a revision"  # an agreed or live pathway goes back to review to be changed

GEOGRAPHY_WORDS: dict[str, str] = {
    Geography.URBAN.value: "Urban",
    Geography.RURAL.value: "Rural",
    Geography.MIXED.value: "Mixed urban and rural",
}

SEVERITY_WORDS: dict[str, str] = {
    Severity.ERROR.value: "Must be fixed",
    Severity.WARNING.value: "Worth discussing",
    Severity.INFO.value: "For information",
}

DIRECTION_WORDS: dict[str, str] = {
    Direction.HIGHER.value: "Higher is better",
    Direction.LOWER.value: "Lower is better",
}

# How a time varies (a step's duration, a delay), for the flow fields.
SHAPE_WORDS: dict[str, str] = {
    Shape.FIXED.value: "Always the same",
    Shape.EXPONENTIAL.value: "Mostly short, some long (exponential)",
    Shape.LOGNORMAL.value: "A few much longer (lognormal)",
    Shape.GAMMA.value: "Around the typical time, a long tail (gamma)",
    Shape.WEIBULL.value: "Around the typical time (Weibull)",
    Shape.UNIFORM.value: "Anywhere between two times (uniform)",
}

TIME_UNIT_WORDS: dict[str, str] = {
    TimeUnit.HOURS.value: "Hours",
    TimeUnit.DAYS.value: "Days",
    TimeUnit.WEEKS.value: "Weeks",
}

# The table for each enum, so that a test can check that none is forgotten or holds a stale word.
ENUM_WORDS: dict[type[Enum], dict[str, str]] = {
    StepKind: KIND_WORDS,
    Setting: SETTING_WORDS,
    Role: ROLE_WORDS,
    Status: STATUS_WORDS,
    Geography: GEOGRAPHY_WORDS,
    Severity: SEVERITY_WORDS,
    Direction: DIRECTION_WORDS,
    Shape: SHAPE_WORDS,
    TimeUnit: TIME_UNIT_WORDS,
}

# The journey in words (`partnership/story.py`): how each kind of step is first told, in the second
# person ("{}" is the step's label in quotes, then a full stop unless it ends in one), and where it
# happens, as it reads after "This happens".
STORY_KIND_OPENINGS: dict[str, str] = {
    StepKind.ENTRY.value: "You start with {}",
    StepKind.ASSESSMENT.value: "You have an assessment: {}",
    StepKind.DECISION.value: "Next, a decision is made: {}",
    StepKind.INTERVENTION.value: "You are offered help: {}",
    StepKind.REFERRAL.value: "You are referred on: {}",
    StepKind.REVIEW.value: "You have a review: {}",
    StepKind.EXIT.value: "Your time on the pathway ends with {}",
}
STORY_SETTING_WORDS: dict[str, str] = {
    Setting.HOME.value: "at home",
    Setting.COMMUNITY.value: "in the community",
    Setting.PRIMARY_CARE.value: "at your GP practice",
    Setting.HOSPITAL.value: "in hospital",
    Setting.INPATIENT.value: "during a stay in hospital",
    Setting.REMOTE.value: "by phone or online",
}

# What each rule finds, in a few words, for the marks on a diagram's boxes and arrows (a test checks
# every registered rule has its words here; a rule without them is drawn as "something to look at").
RULE_BRIEFS: dict[str, str] = {
    "missing-entry": "no way in", "missing-exit": "no way out",
    "unreachable-step": "cannot be reached", "dead-end": "no way on to a way out",
    "endless-loop": "a loop with no way out", "exit-has-onward": "a way out that leads on",
    "decision-branches": "a decision with one way on", "unlabelled-branch": "no condition",
    "ambiguous-branch": "ways on without conditions", "duplicate-transition": "the same way on twice",
    "self-loop": "leads back to itself", "duplicate-id": "the same short name twice",
    "unknown-step": "leads to a missing step", "unknown-organisation": "an unknown organisation",
    "unknown-outcome": "an unknown outcome", "id-mismatch": "file name differs",
    "no-commissioner": "no commissioner", "no-provider": "no provider of care",
    "unowned-step": "nobody responsible", "silent-handoff": "handoff not agreed",
    "hospital-centred": "hospital with no alternative", "single-modality": "one kind of help only",
    "no-involvement": "no involvement recorded", "no-outcomes": "no outcomes",
    "unmeasured-outcome": "outcome not measured", "missing-wait": "wait not stated",
    "barrier-unrecorded": "long wait, barriers unknown", "push-language": "words to reconsider",
    "signoff-required": "sign-off missing", "stale-signoff": "sign-off out of date",
    "review-overdue": "review overdue", "signoff-one-person": "one person signed for both",
    "merge-conflict": "two changes to choose between",
    "shares-add-up": "shares do not add up", "share-missing": "a way on with no share",
    "share-single-way": "share not needed", "arrivals-not-entry": "arrivals not at a way in",
    "capacity-without-duration": "places but no time", "spread-incomplete": "spread not complete",
    "calendar-periods": "calendar with gaps", "scenario-unknown-step": "scenario names a missing step",
    "scenario-duplicate": "two scenarios of one name", "over-capacity": "more people than places",
}  # fmt: skip
SOMETHING_TO_LOOK_AT = "something to look at"


def rule_brief(rule: str) -> str:
    """A rule's finding in a few words ("no way on to a way out"), never the rule's name."""
    return RULE_BRIEFS.get(rule, SOMETHING_TO_LOOK_AT)


# The words of each field whose values are chosen from an enum, by the field's name in the file.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "kind": KIND_WORDS, "setting": SETTING_WORDS, "role": ROLE_WORDS, "status": STATUS_WORDS,
    "geography": GEOGRAPHY_WORDS, "context.geography": GEOGRAPHY_WORDS,
    "direction": DIRECTION_WORDS, "shape": SHAPE_WORDS, "flow-unit": TIME_UNIT_WORDS,
}  # fmt: skip

# Field names (as the file writes them) in the words people use, for changes, comparisons and messages.
FIELD_WORDS: dict[str, str] = {
    "label": "name", "kind": "kind", "setting": "where it happens", "owner": "who is responsible",
    "partners": "who else is involved", "wait": "wait to start", "duration": "how long",
    "modality": "kind of help", "description": "description", "barriers": "barriers",
    "measures": "outcomes measured", "when": "condition", "handoff": "handoff", "name": "name",
    "role": "part", "measure": "what is measured", "direction": "aim", "target": "target",
    "title": "title", "summary": "summary", "status": "status", "based-on": "base pathway",
    "id": "id", "area": "area", "geography": "kind of place", "population": "who it is for",
    "organisation": "organisation", "from": "from", "to": "to",
    "review": "review dates", "review.last": "last joint review", "review.due": "next joint review",
    "context": "context", "context.area": "area", "context.geography": "kind of area",
    "context.population": "who it is for",
    "arrivals": "people arriving", "capacity": "places at once", "spread": "how the time varies",
    "queue-limit": "places to wait", "cost": "cost", "share": "share of people",
    "delay": "delay before moving on", "delay-spread": "how the delay varies",
    "scenarios": "scenarios", "flow-unit": "unit of time of the flow model", "why": "why",
    "sd": "spread", "places": "places", "rate": "rate", "from-outside": "places to wait from outside",
    "from-other-steps": "places to wait from other steps",
}  # fmt: skip


def word(table: dict[str, str], value: object, *, in_sentence: bool = False) -> str:
    """The word for a value (an enum or its text); the value itself when there is none.

    `in_sentence` gives the form used mid-sentence: "phone or online", but "NHS provider" and "GP
    practice" keep their capitals.
    """
    if value is None:
        return ""
    key = str(getattr(value, "value", value))
    found = table.get(key, key)
    return sentence_form(found) if in_sentence else found


def sentence_form(text: str) -> str:
    """`text` as it reads inside a sentence: the first letter lower-cased unless it starts an acronym."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def setting_words(setting: Setting | None, *, in_sentence: bool = False) -> str:
    """Where a step happens, or "Setting not stated" when its file does not say."""
    text = word(SETTING_WORDS, setting) if setting is not None else NO_SETTING
    return sentence_form(text) if in_sentence else text


def step_name(pathway: Pathway, step_id: str | None) -> str:
    """A step as people know it, by its label; "the whole pathway" for none; an unknown id as given."""
    if step_id is None:
        return "the whole pathway"
    step = pathway.step(step_id)
    return step.label if step else step_id


def org_name(pathway: Pathway, org_id: str | None) -> str:
    """An organisation as people know it, by its name; empty for none; an unknown id as given."""
    if not org_id:
        return ""
    org = pathway.organisation(org_id)
    return org.name if org else org_id


def quoted(text: str) -> str:
    """People's words inside a sentence, in curly quotes: “Falls risk assessment”."""
    return f"\u201c{text}\u201d"


def step_words(pathway: Pathway, step_id: str) -> str:
    """A step in a sentence: its label in quotes, or "a step not in the pathway" for an unknown id."""
    step = pathway.step(step_id)
    return quoted(step.label) if step else "a step that is not in the pathway"


def org_words(pathway: Pathway, org_id: str) -> str:
    """An organisation in a sentence: its name, or "an organisation not in the pathway"."""
    org = pathway.organisation(org_id)
    return org.name if org else "an organisation that is not in the pathway"


def listed(items: list[str], *, most: int = 5, joiner: str = "and") -> str:
    """`A, B and C`; past `most` items, "A, B, C and 4 others"."""
    if len(items) > most:
        shown = items[: most - 1]
        return f"{', '.join(shown)} {joiner} {plural(len(items) - len(shown), 'other')}"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def date_words(day: dt.date) -> str:
    """A date as people write it: "1 September 2026"."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def field_words(name: str) -> str:
    """A field's name in words: `owner` is "who is responsible"; an unknown name as written."""
    return FIELD_WORDS.get(name, name.replace("-", " "))


def field_of(name: str) -> str:
    """A field as it leads into what it belongs to: "the wait to start of", "who is responsible for"."""
    what = field_words(name) or "details"
    if what.startswith(("who ", "where ", "how ")):
        return f"{what} for"
    return f"the {what} of"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`plural(3, "step")` is "3 steps", `plural(1, "step")` "1 step"; give `many` when it is not +s."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


# -- times ----------------------------------------------------------------------------------------

UNIT_MINUTES: dict[str, int] = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1}
UNIT_WORDS: dict[str, str] = {"w": "week", "d": "day", "h": "hour", "m": "minute"}
_TIME = re.compile(TIME_PATTERN)


def time_in_minutes(standard: str) -> float:
    """A format time (`4h`, `2w`, `1.5d`) in minutes; ValueError for anything else."""
    if not _TIME.match(standard):
        raise ValueError(f"{standard!r} is not a time such as 4h or 2w")
    return float(standard[:-1]) * UNIT_MINUTES[standard[-1]]


def minutes_words(minutes: float) -> str:
    """Minutes told in whole weeks, days, hours and minutes, largest first: "1 day 4 hours".

    Rounded to the nearest minute; "0 minutes" for none, "less than a minute" for a part of one.
    """
    if 0 < minutes < 0.5:
        return "less than a minute"
    left = int(minutes + 0.5)  # half a minute rounds up, whatever round()'s banker's rule says
    parts = []
    for unit, size in UNIT_MINUTES.items():
        count, left = divmod(left, size)
        if count:
            parts.append(plural(count, UNIT_WORDS[unit]))
    return " ".join(parts) or "0 minutes"


def hours_words(hours: float) -> str:
    """A figure of time in words, as precise as a person would say it: to the day beyond a week,
    the hour beyond a day, five minutes beyond an hour ("5 weeks 5 days", not to the minute)."""
    minutes = hours * 60
    if minutes < 1:
        return "under a minute" if minutes > 0 else "no time"
    for above, step in ((7 * 24 * 60, 24 * 60), (24 * 60, 60), (60, 5)):
        if minutes >= above:
            return minutes_words(round(minutes / step) * step)
    return minutes_words(round(minutes))


def time_words(value: str | None) -> str:
    """A format time in words: `4h` is "4 hours", `1.5d` "1 day 12 hours"; empty for no value, and
    text that is not a time (a typo being edited) as given."""
    if not value:
        return ""
    try:
        return minutes_words(time_in_minutes(value))
    except ValueError:
        return value


def is_no_time(value: str) -> bool:
    """A format time of zero (`0h`): a step that starts at once."""
    try:
        return time_in_minutes(value) == 0
    except ValueError:
        return False


# A time as people type it: "4 hours", "2 weeks", "1 day 4 hours", "90 mins", or the format's "4h".
_UNIT_NAMES: dict[str, str] = {
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "d": "d", "day": "d", "days": "d",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
}
_TYPED_PART = re.compile(r"\s*([0-9]{1,9}(?:\.[0-9]{1,6})?)\s*([a-z]+)\s*(?:,|and\b)?", re.IGNORECASE)
TIME_HINT = "e.g. 4 hours, 2 weeks or 1 day 4 hours"
TIME_REFUSED = "is not a length of time: say how long in numbers and weeks, days, hours or minutes"


def typed_minutes(text: str) -> float:
    """A time as a person typed it, in minutes: the format's `4h` or words such as "4 hours",
    "2 weeks", "1 day 4 hours", "1.5 days"; ValueError for anything else ("two weeks", "soon")."""
    left, minutes, parts = text.strip(), 0.0, 0
    if not left or len(left) > 80:
        raise ValueError(f"{text!r} {TIME_REFUSED}")
    while left:
        found = _TYPED_PART.match(left)
        unit = _UNIT_NAMES.get(found.group(2).lower()) if found else None
        if found is None or unit is None:
            raise ValueError(f"{text!r} {TIME_REFUSED}")
        minutes += float(found.group(1)) * UNIT_MINUTES[unit]
        parts += 1
        left = left[found.end():]
    return minutes


def typed_time(text: str) -> str:
    """A time as typed, in the format's standard form: "2 weeks" is `2w`, "1 day 4 hours" `28h`
    (the largest unit that counts it whole), "4h" stays `4h`; ValueError as `typed_minutes`."""
    stripped = text.strip()
    if _TIME.match(stripped):
        return stripped
    minutes = typed_minutes(stripped)
    for unit, size in UNIT_MINUTES.items():
        if minutes % size == 0:
            return f"{int(minutes // size)}{unit}"
    return f"{minutes:g}m"


# -- localisation ---------------------------------------------------------------------------------

# What the local pathway did with the part of its base that an upstream change touches.
LOCAL_STATE_WORDS: dict[str, str] = {
    "kept": "you kept it as it was",
    "changed": "you changed it",
    "removed": "you removed it",
    "added": "you added one like it",
    "new": "new to your pathway",
}
# How a local pathway's diagram marks what is local, against its base.
LOCAL_MARK_WORDS: dict[str, str] = {
    "added": "added locally",
    "changed": "changed locally",
    "removed": "in the base, removed locally",
}
# Why two pathways of a workspace are twins.
TWIN_WORDS: dict[str, str] = {
    "share a base": "both adapt the same base pathway",
    "adapts": "one adapts the other",
    "alike": "alike in title and steps",
}
# Choices for a conflict between a local adaptation and an upstream change.
SIDE_WORDS: dict[str, str] = {"ours": "keep ours (the local pathway's)", "theirs": "take the base's"}
