"""push-language: whole words and phrases, any case, a word list as data, extendable per repository."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from partnership_samples import BASE, edit, findings, line_of

from pathway_designer.checks.config import RuleConfig, load_config
from pathway_designer.checks.rules import RULES
from pathway_designer.checks.rules.language import default_push_words, find_push_words


def _found(text: str) -> list[str]:
    return [word for word, _ in find_push_words(text, default_push_words())]


def test_the_word_list_is_data_with_a_suggestion_for_every_word() -> None:
    from importlib import resources

    raw = resources.files("pathway_designer").joinpath("data/push_words.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    # YAML 1.1 would turn a word like "no" into False: every key and value must stay text.
    assert all(isinstance(w, str) and isinstance(s, str) and s for w, s in data["words"].items())
    issue_words = ["best", "better", "best practice", "gold standard", "world-class", "failing",
                   "non-compliant", "did not attend"]  # fmt: skip
    for word in issue_words:
        assert _found(f"x {word} y") == [word], word


def test_push_language_fires_on_the_title_with_a_pull_suggestion() -> None:
    text = edit(BASE, "title: Memory assessment and support", "title: Best Practice memory service")
    (found,) = findings(text, "push-language")
    assert found.line == line_of(text, "title:")
    assert "“Best Practice”" in found.message  # the phrase once, not "Best" as well
    assert "perhaps “what has worked well elsewhere" in found.message


def test_push_language_checks_labels_descriptions_and_conditions() -> None:
    text = edit(BASE, "label: Memory assessment", "label: Gold-standard memory assessment")
    text = edit(text, "    label: Support at home\n",
                "    label: Support at home\n    description: For people who DNA clinics\n")  # fmt: skip
    text = edit(text, "when: Would like a group", "when: Failing to cope at home")
    found = findings(text, "push-language")
    assert [(f.line, f.step) for f in found] == [
        (line_of(text, "label: Gold-standard"), "assess"),
        (line_of(text, "description: For people"), "home-support"),
        (line_of(text, "when: Failing"), "decide"),
    ]
    assert "“Gold-standard”" in found[0].message and "“DNA”" in found[1].message


@pytest.mark.parametrize(
    "text",
    ["Bestow", "betterment", "best-selling", "a best interests decision", "Best Interests meeting",
     "failings-free", "goldstandard", ""],
)  # fmt: skip
def test_words_inside_other_words_and_terms_of_art_are_not_push_words(text: str) -> None:
    assert _found(text) == []


def test_spaces_and_hyphens_in_phrases_match_either_way() -> None:
    assert _found("World Class care") == ["World Class"]
    assert _found("a world-class service") == ["world-class"]
    assert _found("did-not-attend letters") == ["did-not-attend"]
    assert _found("Did not\nattend") == ["Did not\nattend"]


def test_push_language_is_quiet_on_pull_language() -> None:
    assert findings(BASE, "push-language") == []


def test_a_repository_adds_push_words_with_its_own_suggestions() -> None:
    text = edit(BASE, "label: Memory assessment", "label: Robust memory assessment")
    assert findings(text, "push-language") == []
    config = RuleConfig(options={"push-words": {"Robust": "dependable", "best": "what helps"}})
    (found,) = findings(text, "push-language", config=config)
    assert "“Robust”: perhaps “dependable”?" in found.message
    best = edit(BASE, "label: Memory assessment", "label: The best memory assessment")
    (found,) = findings(best, "push-language", config=config)
    assert "perhaps “what helps" in found.message  # the repository's suggestion wins


def test_push_words_come_from_the_repository_config_file(tmp_path: Path) -> None:
    config_file = tmp_path / "pathway-designer.yaml"
    config_file.write_text("push-words:\n  tier one: the first level of care\n  leverage:\n")
    config = load_config(config_file, list(RULES))
    assert config.findings == []
    text = edit(BASE, "label: Memory assessment", "label: Tier-one memory assessment, leverage")
    found = findings(text, "push-language", config=config)
    assert [f.message.split("says ")[1] for f in found] == [
        "“Tier-one”: perhaps “the first level of care”?",
        "“leverage”.",
    ]
