"""The one vocabulary: every enum value has its words, one time style, plurals, sentence forms."""

from __future__ import annotations

import inspect
import re
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathway_designer import finding, model, model_flow
from pathway_designer.words import (
    ENUM_WORDS,
    FIELD_WORDS,
    ROLE_WORDS,
    SETTING_WORDS,
    field_words,
    is_no_time,
    minutes_words,
    org_name,
    plural,
    sentence_form,
    setting_words,
    step_name,
    time_in_minutes,
    time_words,
    word,
)


def _enums(module: object) -> list[type[Enum]]:
    """Every Enum defined in `module`, found by introspection so a new one cannot be forgotten."""
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Enum) and cls.__module__ == getattr(module, "__name__", "")
    ]


ENUMS = [*_enums(model), *_enums(model_flow), *_enums(finding)]


def test_the_model_has_enums_to_check() -> None:
    assert {e.__name__ for e in ENUMS} >= {"Status", "Role", "StepKind", "Setting", "Severity"}


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_enum_value_has_words_and_no_table_holds_a_stale_word(enum: type[Enum]) -> None:
    assert enum in ENUM_WORDS, f"{enum.__name__} has no table of words in pathway_designer.words"
    table = ENUM_WORDS[enum]
    assert set(table) == {m.value for m in enum}
    assert all(w.strip() and w[0].isupper() for w in table.values())  # the form that starts a line
    assert len(set(table.values())) == len(table), "two values share a word: people cannot tell them apart"


def test_every_table_is_for_an_enum_of_the_model_or_findings() -> None:
    assert set(ENUM_WORDS) <= set(ENUMS)


def test_sentence_forms_keep_acronyms() -> None:
    assert word(SETTING_WORDS, model.Setting.REMOTE) == "Phone or online"
    assert word(SETTING_WORDS, model.Setting.REMOTE, in_sentence=True) == "phone or online"
    assert word(ROLE_WORDS, model.Role.NHS_PROVIDER, in_sentence=True) == "NHS provider"
    assert word(SETTING_WORDS, "primary-care", in_sentence=True) == "GP practice / primary care"
    assert sentence_form("A") == "a"
    assert word(ROLE_WORDS, "not-a-role") == "not-a-role"
    assert word(ROLE_WORDS, None) == ""
    assert setting_words(None) == "Setting not stated"
    assert setting_words(None, in_sentence=True) == "setting not stated"


def test_field_names_in_words() -> None:
    assert field_words("owner") == "who is responsible"
    assert field_words("wait") == "wait to start"
    assert field_words("based-on") == "base pathway"
    assert field_words("some-new-field") == "some new field"
    step_fields = {(f.alias or name) for name, f in model.Step.model_fields.items()}
    assert step_fields <= set(FIELD_WORDS)


def test_plural() -> None:
    assert plural(0, "step") == "0 steps"
    assert plural(1, "step") == "1 step"
    assert plural(3, "step") == "3 steps"
    assert plural(2, "way on", "ways on") == "2 ways on"
    assert plural(1, "way on", "ways on") == "1 way on"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("4h", "4 hours"),
        ("1h", "1 hour"),
        ("2w", "2 weeks"),
        ("1w", "1 week"),
        ("14d", "2 weeks"),
        ("28h", "1 day 4 hours"),
        ("1.5d", "1 day 12 hours"),
        ("0.5h", "30 minutes"),
        ("90m", "1 hour 30 minutes"),
        ("1m", "1 minute"),
        ("0h", "0 minutes"),
        ("0.2m", "less than a minute"),
        ("0.5m", "1 minute"),
        ("6.5w", "6 weeks 3 days 12 hours"),
    ],
)
def test_a_format_time_in_words(text: str, told: str) -> None:
    assert time_words(text) == told
    assert minutes_words(time_in_minutes(text)) == told  # a time and its minutes are told alike


def test_minutes_in_words() -> None:
    assert minutes_words(0) == "0 minutes"
    assert minutes_words(61) == "1 hour 1 minute"
    assert minutes_words(60 * 24 * 7 + 60 * 24 + 120) == "1 week 1 day 2 hours"
    assert minutes_words(59.6) == "1 hour"
    assert minutes_words(0.7) == "1 minute"


def test_text_that_is_not_a_time_is_shown_as_written() -> None:
    assert time_words(None) == "" and time_words("") == ""
    assert time_words("four hours") == "four hours"
    assert time_words("4x") == "4x"
    with pytest.raises(ValueError):
        time_in_minutes("4 hours")
    assert is_no_time("0d") and is_no_time("0.0h") and not is_no_time("1m") and not is_no_time("soon")


_PART = re.compile(r"(\d+) (week|day|hour|minute)s?")
_SIZE = {"week": 7 * 24 * 60, "day": 24 * 60, "hour": 60, "minute": 1}


@given(st.integers(min_value=1, max_value=10 * 365 * 24 * 60))
def test_minutes_told_in_words_read_back_to_the_same_minutes(minutes: int) -> None:
    told = minutes_words(minutes)
    parts = _PART.findall(told)
    assert " ".join(f"{n} {u}{'' if n == '1' else 's'}" for n, u in parts) == told
    assert sum(int(n) * _SIZE[u] for n, u in parts) == minutes
    units = [u for _, u in parts]
    assert units == sorted(units, key=lambda u: -_SIZE[u])  # largest first, each unit once
    assert len(set(units)) == len(units)


def test_steps_and_organisations_by_the_names_people_know() -> None:
    p = model.Pathway.model_validate({
        "id": "p", "title": "P",
        "organisations": [{"id": "gp", "name": "Ryedale GPs", "role": "primary-care"}],
        "steps": [{"id": "start", "label": "GP referral", "kind": "entry", "owner": "gp"}],
    })
    assert step_name(p, "start") == "GP referral"
    assert step_name(p, None) == "the whole pathway"
    assert step_name(p, "gone") == "gone"
    assert org_name(p, "gp") == "Ryedale GPs"
    assert org_name(p, None) == "" and org_name(p, "nobody") == "nobody"
