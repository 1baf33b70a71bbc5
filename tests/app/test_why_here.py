""""Why is this step here?" in the History tab: each story told with step labels and fields in
words, never the ids or the file's field names."""

from __future__ import annotations

from collections.abc import Callable

from app_driving import edit_cells, open_tab, save, texts
from streamlit.testing.v1 import AppTest


def test_why_a_step_is_here_names_its_ways_by_labels_and_its_fields_in_words(
    person: Callable[..., AppTest],
) -> None:
    at = person()
    edit_cells(at, "steps", {1: {"wait": "3 weeks"}})  # Falls risk assessment
    save(at, "The waiting list for home visits has grown")
    open_tab(at, "History")
    at.selectbox(key="why_step").set_value("assessment").run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "The way from “Referral after a fall” to “Falls risk assessment”" in shown
    assert "The way from “Falls risk assessment” to “Is the risk high?”" in shown
    assert "Changed wait to start in v2" in shown
    assert "The waiting list for home visits has grown" in shown
    for code in ("referral -> assessment", "assessment -> risk", "(wait)"):
        assert code not in shown
