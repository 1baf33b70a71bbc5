"""The journey in words tab and the findings panel, in AppTest: people's words, no ids."""

from __future__ import annotations

import re

from app_driving import edit_cells, open_tab, texts

from pathway_app import TABS, story_tab
from pathway_designer.partnership.story import STORY_TITLE

# The ids of the falls pathway that are not also words of its labels and names.
IDS = ("icb", "ageuk", "falls-12m")


def _without_ids(text: str) -> bool:
    return not any(re.search(rf"(?<![\w-]){i}(?![\w-])", text) for i in IDS)


def test_the_tab_tells_the_journey_and_updates_with_the_draft(person):
    assert story_tab.TITLE == STORY_TITLE and STORY_TITLE in TABS
    at = open_tab(person(), story_tab.TITLE)
    shown = texts(at)
    assert "The quickest way through" in shown
    assert "You start with “Referral after a fall”." in shown
    assert "Your care moves from Community Health Trust to Age UK North." in shown
    assert _without_ids(shown)
    assert at.get("download_button")
    edit_cells(open_tab(at, "Steps"), "steps", {1: {"wait": "3w"}})
    shown = texts(open_tab(at, story_tab.TITLE))
    assert "You may wait up to 3 weeks for this." in shown


def test_the_findings_panel_names_steps_by_label_with_the_rule_in_small_print(person):
    at = open_tab(person(), "Steps")
    edit_cells(at, "steps", {1: {"wait": ""}})  # an assessment with no wait: a finding names it
    at = open_tab(at, "Findings and measures")
    shown = texts(at)
    assert "The assessment “Falls risk assessment” does not say how long people may wait" in shown
    panel = [m.value for m in at.markdown if r"missing\-wait" in m.value]
    assert panel and all(r":small[:gray[missing\-wait\, line " in m for m in panel)
    message_text = re.sub(r":small\[:gray\[.*?\]\]", "", shown)
    assert _without_ids(message_text)
