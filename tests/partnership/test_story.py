"""The journey in words: the main routes told for service users and carers, from the pathway."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pathway_designer as pd
from pathway_designer.model import Pathway, Setting, StepKind
from pathway_designer.partnership.routes import routes
from pathway_designer.partnership.story import MAX_ROUTES, Story, story
from pathway_designer.partnership.story_json import story_json
from pathway_designer.partnership.story_markdown import story_markdown
from pathway_designer.partnership.story_text import story_text

EXAMPLES = sorted((Path(__file__).parents[2] / "pathways").glob("*.yaml"))
MOST_WORDS = 25


def _people_text(pathway: Pathway) -> list[str]:
    """Every piece of people's text the story may quote, longest first."""
    texts = [s.label for s in pathway.steps] + [o.name for o in pathway.organisations]
    texts += [t.when or "" for t in pathway.transitions] + [t.handoff or "" for t in pathway.transitions]
    texts += [s.modality or "" for s in pathway.steps] + [pathway.title]
    if pathway.context and pathway.context.population:
        texts.append(pathway.context.population)
    return sorted({" ".join(t.split()).rstrip(".") for t in texts if t.strip()}, key=len, reverse=True)


def _ours(sentence: str, pathway: Pathway) -> str:
    """A sentence with each piece of people's text written as one word, X."""
    for text in _people_text(pathway):
        for form in (text, text[:1].lower() + text[1:]):
            sentence = sentence.replace(form, "X")
    return sentence


def our_words(sentence: str, pathway: Pathway) -> int:
    """The words of a sentence with each piece of people's text counted as one word: the story's
    own sentences are short whatever length of label a pathway gives."""
    return len(_ours(sentence, pathway).split())


def _ids(pathway: Pathway) -> set[str]:
    """Ids that are not also ordinary words of the pathway's own text."""
    ids = {s.id for s in pathway.steps} | {o.id for o in pathway.organisations}
    ids |= {o.id for o in pathway.outcomes}
    return {i for i in ids if "-" in i}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_tells_its_main_routes_in_short_sentences_without_ids(path: Path) -> None:
    pathway = pd.load(path)
    told = story(pathway)
    assert 1 <= len(told.routes) <= MAX_ROUTES
    found = routes(pathway)
    assert found.quickest is not None
    first = told.routes[0]
    assert [s.step for s in first.steps] == list(found.quickest.steps)
    for sentence in told.sentences():
        assert our_words(sentence, pathway) <= MOST_WORDS, sentence
    text = " ".join(_ours(s, pathway) for s in told.sentences())  # a label may hold an id's words
    for identifier in _ids(pathway):
        assert not re.search(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", text), identifier
    assert "You may wait up to" in text and "You will meet" in text
    assert story_text(told).count("\n") > len(told.routes)


def test_the_story_is_in_the_second_person_and_names_people_and_places() -> None:
    pathway = pd.load(EXAMPLES[0])
    told = story(pathway)
    text = " ".join(told.sentences())
    assert "you" in text.lower()
    owners = {o.name for o in pathway.organisations if any(s.owner == o.id for s in pathway.steps)}
    assert any(name in text for name in owners)
    assert "This happens " in text


SMALL = """\
format: 1
id: falls
title: Falls prevention
status: draft
organisations:
  - {id: gp, name: Ryedale GP Practice, role: primary-care}
  - {id: trust, name: Community Health Trust, role: nhs-provider}
  - {id: age-uk, name: Age UK North, role: voluntary-sector}
steps:
  - {id: referral, label: Referral after a fall, kind: entry, owner: gp, setting: primary-care, wait: 0h}
  - {id: assess, label: Falls risk assessment, kind: assessment, owner: trust, setting: home,
     wait: 2w, duration: 1h}
  - {id: risk, label: Is the risk high?, kind: decision, owner: trust}
  - {id: classes, label: Strength and balance classes, kind: intervention, owner: age-uk,
     setting: community, wait: 6w, modality: group exercise}
  - {id: advice, label: Advice and a leaflet, kind: intervention, owner: trust, setting: remote}
  - {id: done, label: Back to the GP, kind: exit, owner: gp}
transitions:
  - {from: referral, to: assess, handoff: a shared care record}
  - {from: assess, to: risk}
  - {from: risk, to: classes, when: High risk}
  - {from: risk, to: advice, when: Low risk}
  - {from: classes, to: done}
  - {from: advice, to: done}
"""


def test_a_small_pathway_reads_as_easy_read_sentences() -> None:
    told = story(pd.load_text(SMALL))
    assert [r.title for r in told.routes] == ["The quickest way through", "The longest way through"]
    slow = told.routes[1]
    assert [s.label for s in slow.steps] == [
        "Referral after a fall", "Falls risk assessment", "Is the risk high?",
        "Strength and balance classes", "Back to the GP",
    ]
    sentences = [s for step in slow.steps for s in step.sentences]
    for expected in (
        "You start with “Referral after a fall”.",
        "It starts straight away.",
        "Your care moves from Ryedale GP Practice to Community Health Trust.",
        "They pass on what you have shared: a shared care record.",
        "You may wait up to 2 weeks for this.",
        "It takes about 1 hour.",
        "This happens at home.",
        "If high risk, you will go on to “Strength and balance classes”.",
        "If low risk, you will go on to “Advice and a leaflet”.",
        "On this way, you go on to “Strength and balance classes”.",
        "You may wait up to 6 weeks for this.",
        "The kind of help is “group exercise”.",
        "Your care moves from Age UK North to Ryedale GP Practice.",
        "Your time on the pathway ends with “Back to the GP”.",
    ):
        assert expected in sentences, expected
    assert "The partners are still working on it, so it may change." in told.introduction
    assert told.closing == ()  # both routes told


def test_the_same_pathway_always_tells_the_same_story() -> None:
    pathway = pd.load(EXAMPLES[-1])
    assert story_json(story(pathway)) == story_json(story(pd.load(EXAMPLES[-1])))


def test_a_pathway_with_no_way_through_says_so() -> None:
    broken = SMALL.replace("kind: exit", "kind: review")
    told = story(pd.load_text(broken))
    assert told.routes == ()
    assert "does not have a whole way through yet" in " ".join(told.closing)


def _chain(decisions: int) -> Pathway:
    """A way in, then `decisions` decisions in a row with three ways on each, then a way out."""
    steps: list[dict[str, Any]] = [{"id": "start", "label": "Start", "kind": "entry", "owner": "o"}]
    transitions: list[dict[str, Any]] = []
    previous = "start"
    for d in range(decisions):
        steps.append({"id": f"d{d}", "label": f"Question {d}?", "kind": "decision", "owner": "o"})
        transitions.append({"from": previous, "to": f"d{d}"})
        joined = f"j{d}"
        for b in range(3):
            steps.append({"id": f"b{d}-{b}", "label": f"Help {d}.{b}", "kind": "intervention",
                          "owner": "o", "wait": f"{b + 1}w"})
            transitions.append({"from": f"d{d}", "to": f"b{d}-{b}", "when": f"Answer {b}"})
            transitions.append({"from": f"b{d}-{b}", "to": joined})
        steps.append({"id": joined, "label": f"Review {d}", "kind": "review", "owner": "o"})
        previous = joined
    steps.append({"id": "end", "label": "End", "kind": "exit", "owner": "o"})
    transitions.append({"from": previous, "to": "end"})
    return Pathway.model_validate({
        "format": 1, "id": "chain", "title": "Chain", "status": "live",
        "organisations": [{"id": "o", "name": "One Trust", "role": "nhs-provider"}],
        "steps": steps, "transitions": transitions,
    })


def test_a_big_pathway_tells_a_few_routes_and_says_how_many_others() -> None:
    told = story(_chain(6))  # 3^6 = 729 routes
    assert len(told.routes) == MAX_ROUTES
    assert told.closing == (
        f"There are {729 - MAX_ROUTES} other ways through this pathway. The diagram shows them all.",
    )
    titles = [r.title for r in told.routes]
    assert titles[:2] == ["The quickest way through", "The longest way through"]
    assert all(t.startswith("If answer ") for t in titles[2:])


def test_past_the_count_limit_the_others_are_many() -> None:
    told = story(_chain(7))  # 2,187 routes: more than are counted
    assert told.closing[0].startswith("There are many other ways")


def test_markdown_keeps_people_text_as_text() -> None:
    hostile = SMALL.replace("Falls risk assessment", "'![x](http://host/p.png) <b>*bold*</b>'")
    markdown = story_markdown(story(pd.load_text(hostile)))
    assert "![x](http" not in markdown and "<b>" not in markdown
    assert r"\!\[x\]\(http\:\/\/host\/p\.png\) \<b\>\*bold\*\<\/b\>" in markdown
    assert markdown.startswith("# Falls prevention\n")
    assert "\n## The quickest way through\n" in markdown and "\n1. You start with" in markdown


def test_json_keeps_each_step_id_beside_its_words() -> None:
    data = json.loads(story_json(story(pd.load_text(SMALL))))
    assert data["title"] == "Falls prevention"
    assert data["routes"][0]["steps"][0] == {
        "step": "referral",
        "label": "Referral after a fall",
        "sentences": data["routes"][0]["steps"][0]["sentences"],
    }


# -- generated pathways -----------------------------------------------------------------------------

LABELS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@st.composite
def graphs(draw: st.DrawFn) -> Pathway:
    """A valid pathway whose steps and ways on are anything: routes, loops, dead ends, none."""
    count = draw(st.integers(1, 9))
    kinds = draw(st.lists(st.sampled_from(list(StepKind)), min_size=count, max_size=count))
    steps = []
    for i, kind in enumerate(kinds):
        step: dict[str, Any] = {
            "id": f"s{i}", "label": draw(LABELS).strip() or f"Step {i}", "kind": kind.value,
            "owner": draw(st.sampled_from(["a", "b", "gone"])),
            "partners": draw(st.lists(st.sampled_from(["a", "b", "gone"]), max_size=2)),
        }
        if draw(st.booleans()):
            step["setting"] = draw(st.sampled_from(list(Setting))).value
        if draw(st.booleans()):
            step["wait"] = draw(st.sampled_from(["0h", "4h", "2w", "1.5d"]))
        steps.append(step)
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))
    transitions = [
        {"from": f"s{a}", "to": f"s{b}", "when": draw(st.none() | LABELS),
         "handoff": draw(st.none() | LABELS)}
        for a, b in draw(st.lists(pairs, max_size=3 * count))
    ]
    return Pathway.model_validate({
        "format": 1, "id": "generated", "title": draw(LABELS).strip() or "Generated",
        "organisations": [{"id": "a", "name": "Alpha Trust", "role": "nhs-provider"},
                          {"id": "b", "name": "Beta Council", "role": "social-care"}],
        "steps": steps, "transitions": transitions,
    })


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(graphs())
def test_any_pathway_tells_a_story_naming_every_step_of_each_route_told(pathway: Pathway) -> None:
    told = story(pathway)
    assert isinstance(told, Story) and len(told.routes) <= MAX_ROUTES
    labels = {s.id: s.label for s in reversed(pathway.steps)}
    for route in told.routes:
        assert route.steps, route
        kinds = {s.id: s.kind for s in pathway.steps}
        assert kinds[route.steps[0].step] is StepKind.ENTRY
        assert kinds[route.steps[-1].step] is StepKind.EXIT
        for step in route.steps:
            assert step.label == labels[step.step]
            assert f"“{step.label}”" in step.sentences[0] or f"“{step.label}”" in " ".join(step.sentences)
    for writer in (story_text, story_markdown, story_json):
        assert writer(told)
    assert (told.routes == ()) == (routes(pathway).quickest is None)


# -- the command line -------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pathway_designer", "story", *args],
        capture_output=True, text=True, check=False,
    )


def test_the_story_command_writes_text_markdown_and_json(tmp_path: Path) -> None:
    path = tmp_path / "falls.yaml"
    path.write_text(SMALL, encoding="utf-8")
    text = _cli(str(path))
    assert text.returncode == 0 and text.stdout.startswith("Falls prevention\n================\n")
    assert "You may wait up to 6 weeks for this." in " ".join(text.stdout.split())
    markdown = _cli(str(path), "--format", "markdown")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# Falls prevention\n")
    data = json.loads(_cli(str(path), "--format", "json").stdout)
    assert [r["title"] for r in data["routes"]] == ["The quickest way through", "The longest way through"]


def test_the_story_command_escapes_terminal_controls_and_reports_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "falls.yaml"
    path.write_text(SMALL.replace("Falls risk assessment", '"Falls\\e[2J risk"'), encoding="utf-8")
    shown = _cli(str(path))
    assert shown.returncode == 0 and "\x1b" not in shown.stdout and "\\x1b[2J" in shown.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\n", encoding="utf-8")
    failed = _cli(str(broken))
    assert failed.returncode == 1 and "Traceback" not in failed.stderr and failed.stderr
    missing = _cli(str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
