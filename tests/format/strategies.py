"""Hypothesis strategies: valid pathways full of hostile text, and YAML-ish text to throw at the reader.

"Hostile but valid": text that YAML likes to reinterpret or mangle (Yes, 1:30, 012, ~, null, quotes,
colons, '#', leading and trailing spaces, newlines, tabs, unicode), in every field that holds text.
"""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import strategies as st

from pathway_designer import model

HOSTILE = [
    "Yes", "No", "yes", "no", "on", "off", "On", "OFF", "y", "n", "Y", "N", "true", "False",
    "1:30", "012", "0x1F", "1e3", "1_000", ".inf", "-.nan", "0o17", "2026-11-20", "12:30:00",
    "~", "null", "Null", "NULL", "", " ", "  leading", "trailing  ", "'quoted'", '"double"',
    "it's", 'say "no"', "a: b", "key:value", ": starts", "- dash", "-", "? question", "# hash",
    "a # comment", "a #b", "#", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick",
    "|", ">", "[list]", "{map}", "a, b", "line one\nline two", "trailing newline\n", "\nleading",
    "two\n\nblank lines", " indented\nnext", "tab\there", "crlf\r\nline", "café — naïve 🙂",
    "中文 العربية עברית", "zero\u200bwidth", "bom\ufeff", "---", "...", "--- a", "=", "<<",
    "\\backslash", "a\\nb",
]

# Every character that UTF-8 can carry, so also the YAML line breaks \x85, \u2028 and \u2029 and
# control characters: the emitter must escape what YAML cannot hold verbatim.
_CHARS = st.characters(codec="utf-8")


@functools.cache  # one strategy object per size: building them is what is slow
def text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    any_text = st.text(_CHARS, min_size=min_size, max_size=max_size)
    hostile = st.sampled_from([h for h in HOSTILE if min_size <= len(h) <= max_size])
    mixed = st.lists(hostile, min_size=1, max_size=3).map(" ".join).filter(
        lambda s: min_size <= len(s) <= max_size
    )
    return st.one_of(hostile, mixed, any_text)


@functools.cache
def optional_text(max_size: int = 40) -> st.SearchStrategy[str | None]:
    return st.none() | text(0, max_size)


# Built from parts, not with st.from_regex: regex strategies are many times slower to draw.
_ID_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
IDS = st.lists(_ID_PART, min_size=1, max_size=3).map("-".join) | st.sampled_from(
    ["y", "n", "on", "off", "no", "yes", "012", "1", "0", "1e3", "null", "true", "x" * 64]
)
TIMES = st.builds(  # under the model's limit of 520 weeks whatever the unit
    lambda number, fraction, unit: f"{number}{fraction}{unit}",
    st.integers(0, 519),
    st.sampled_from(["", ".5", ".25", ".0"]),
    st.sampled_from("mhdw"),
)
DATES = st.dates(min_value=dt.date(1900, 1, 1))
FINGERPRINTS = st.binary(min_size=32, max_size=32).map(lambda raw: "sha256:" + raw.hex())


def _enum(e):
    return st.sampled_from(list(e))


def _or_none(part):
    """None for a part with no field set (the canonical form leaves it out)."""
    return part if any(v is not None for v in part.model_dump().values()) else None


@st.composite
def steps(draw, ids, org_ids, outcome_ids):
    return model.Step(
        id=draw(ids),
        label=draw(text(1, 120)),
        kind=draw(_enum(model.StepKind)),
        setting=draw(st.none() | _enum(model.Setting)),
        owner=draw(st.none() | st.sampled_from(org_ids) | IDS),
        partners=draw(st.lists(st.sampled_from(org_ids) | IDS, max_size=2)),
        wait=draw(st.none() | TIMES),
        duration=draw(st.none() | TIMES),
        modality=draw(optional_text()),
        description=draw(optional_text(200)),
        barriers=draw(st.lists(text(1), max_size=3)),
        measures=draw(st.lists(st.sampled_from(outcome_ids) | IDS, max_size=2)),
    )


@st.composite
def pathways(draw, max_steps: int = 6, wild_transitions: bool = True) -> model.Pathway:
    """A valid Pathway (the model accepts it); references may dangle and graphs may be anything."""
    organisations = draw(
        st.lists(
            st.builds(
                model.Organisation, id=IDS, name=text(1), role=_enum(model.Role)
            ),
            min_size=1,
            max_size=3,
        )
    )
    outcomes = draw(
        st.lists(
            st.builds(
                model.Outcome,
                id=IDS,
                measure=text(1),
                direction=_enum(model.Direction),
                target=optional_text(),
            ),
            max_size=2,
        )
    )
    org_ids = [o.id for o in organisations]
    outcome_ids = [o.id for o in outcomes] or ["none"]
    step_ids = draw(st.lists(IDS, min_size=1, max_size=max_steps))
    all_steps = [
        draw(steps(st.just(step_id), org_ids, outcome_ids)) for step_id in step_ids
    ]
    targets = st.sampled_from(step_ids) | IDS if wild_transitions else st.sampled_from(step_ids)
    transitions = draw(
        st.lists(
            st.builds(
                model.Transition,
                from_=targets,
                to=targets,
                when=optional_text(),
                handoff=optional_text(),
            ),
            max_size=2 * len(step_ids) + 1,
        )
    )
    return model.Pathway(
        format=1,
        id=draw(IDS),
        title=draw(text(1)),
        summary=draw(optional_text(120)),
        status=draw(_enum(model.Status)),
        based_on=draw(
            st.none()
            | IDS
            | st.builds(
                model.BasedOn,
                pathway=IDS,
                # A mapping of the id alone means the bare id; FHIR writes both alike
                version=st.from_regex(r"\A[0-9a-f]{7,40}\Z"),
                repository=st.none() | st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,20}\Z"),
            )
        ),
        # A review or context with nothing in it is written as nothing, and reads back as None.
        review=draw(
            st.builds(model.Review, last=st.none() | DATES, due=st.none() | DATES).map(_or_none)
        ),
        context=draw(
            st.builds(
                model.Context,
                area=optional_text(),
                geography=st.none() | _enum(model.Geography),
                population=optional_text(),
            ).map(_or_none)
        ),
        organisations=organisations,
        steps=all_steps,
        transitions=transitions,
        outcomes=outcomes,
        involvement=draw(
            st.lists(
                st.builds(
                    model.Involvement, date=DATES, who=text(1), how=text(1), changed=optional_text()
                ),
                max_size=2,
            )
        ),
        signoffs=draw(
            st.lists(
                st.builds(
                    model.Signoff,
                    organisation=st.sampled_from(org_ids) | IDS,
                    name=text(1),
                    role=optional_text(),
                    date=DATES,
                    fingerprint=FINGERPRINTS,
                ),
                max_size=2,
            )
        ),
    )


HEADERS = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Zl", "Zp", "Cs"]), max_size=30),
    max_size=3,
).map(lambda lines: "".join(f"#{line}\n" for line in lines))

# --- YAML-ish text: the shapes of pathway files, broken in every way ------------------------------

_FIELDS = sorted(
    {name for m in (model.Pathway, model.Step, model.Transition, model.Organisation,
                    model.Outcome, model.Involvement, model.Signoff, model.Review, model.Context)
     for name in model.field_names(m)}
)
_TOKENS = st.sampled_from(
    [
        "- ", ": ", ":", "-", "[", "]", "{", "}", ",", "'", '"', "#", "&a ", "*a", "!!str ", "!x ",
        "? ", "|", ">", "|-", ">+", "%YAML 1.1", "---", "...", "\t", "\\", "\\x", "<<: ", "~",
        "entry", "decision", "exit", "Yes", "No", "1:30", "012", "2026-02-30", "4h", "sha256:",
        "\x00", "\x85", "\u2028", "\ufeff", "\ud800", "é", "🙂",
    ]
)
_KEYS = st.sampled_from(_FIELDS) | st.text(max_size=6)
_VALUE_PART = _TOKENS | st.text(max_size=5)
_INDENT = st.sampled_from(["", "  ", "    ", "      ", "  - ", "    - ", "- ", " "])


@st.composite
def yamlish(draw) -> str:
    """Text shaped like a pathway file: indented keys, values, list items and stray syntax."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        indent = draw(_INDENT)
        key = draw(_KEYS)
        value = "".join(draw(st.lists(_VALUE_PART, max_size=4)))
        lines.append(f"{indent}{key}: {value}" if draw(st.booleans()) else f"{indent}{value}")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", ""]))
    return newline.join(lines) + draw(st.sampled_from(["", "\n"]))
