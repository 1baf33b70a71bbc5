"""The Flow and capacity tab in AppTest: the figures live from the draft, set in words and kept in
the draft (and on the server), saved with a reason; scenarios added, changed and compared; the
simulation run on request; people's words, never ids or YAML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driving import diagram_words, diagrams, git, open_tab, save, texts, using
from flow_helpers import FLOW
from streamlit.testing.v1 import AppTest

from pathway_app import TABS, flow_tab
from pathway_designer import load_text
from pathway_designer.model import Pathway
from pathway_designer.store import Workspace
from pathway_designer.workshop.access import make_identity

TAB = flow_tab.TITLE
IDS = ("icb", "ageuk", "falls-12m", "arrivals", "queue-limit", "10/w", "40%")


@pytest.fixture
def flow_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    seed = tmp_path / "seed" / "falls.yaml"
    seed.parent.mkdir()
    seed.write_text(FLOW, encoding="utf-8")
    root = tmp_path / "ws"
    Workspace.init(root, seed=[seed]).close()
    yield from using(root, monkeypatch)


@pytest.fixture
def at(flow_workspace: Path) -> AppTest:
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=90)
    at.session_state["pd_who"] = make_identity("Amina Khan", "Age UK North", "provider")
    at.query_params["pathway"] = "falls"
    at.run()
    assert not at.exception, at.exception
    return open_tab(at, TAB)


def draft(at: AppTest) -> Pathway:
    return load_text(at.session_state["pd_draft"])


def busy(at: AppTest, label: str) -> float:
    frame = next(d.value for d in at.dataframe if "Busy" in d.value.columns)
    return float(frame.set_index("Step").loc[label, "Busy"])


def flow_words(at: AppTest) -> str:
    return next(w for w in map(diagram_words, diagrams(at)) if "How busy" in w)


def keep_figures(at: AppTest, step: str, **values: object) -> AppTest:
    at.selectbox(key="flow_step").set_value(step).run()
    gen = at.session_state["pd_gen"]
    for name, value in values.items():
        widget = next(w for w in at.number_input if w.key and w.key.startswith(f"flow_{name}-{step}-"))
        assert widget.key.endswith(f"-{gen}")
        widget.set_value(value)
    next(b for b in at.button if b.key and b.key.startswith(f"flow_figures_submit-{step}-")).click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_tab_shows_the_figures_in_words(at: AppTest) -> None:
    assert TAB in TABS
    shown = texts(at)
    assert "10 people a week come into the pathway." in shown
    assert "The busiest step is “Strength and balance classes” (48% busy)." in shown
    assert busy(at, "Falls risk assessment") == pytest.approx(10 / 168 * 2)
    dot = flow_words(at)
    assert "busy 12% · 10 a week" in dot and "busy 48% · 4 a week" in dot  # on the diagram
    frame = next(d.value for d in at.dataframe if "Busy" in d.value.columns)
    assert "Community Health Trust" in set(frame["Responsible"])
    orgs = next(d.value for d in at.dataframe if "Cost per year" in d.value.columns)
    assert set(orgs["Organisation"]) >= {"Community Health Trust", "Age UK North"}
    assert at.get("vega_lite_chart")  # cost by organisation, Streamlit's own chart
    said = re.sub(r"\s+", " ", shown)
    assert not any(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", said) for i in IDS)


def test_a_capacity_and_arrivals_set_in_words_change_how_busy_and_save_with_a_reason(
    at: AppTest, flow_workspace: Path
) -> None:
    keep_figures(at, "referral", arrivals=50.0)
    assert draft(at).step("referral").arrivals == "50/w"
    assert busy(at, "Falls risk assessment") == pytest.approx(50 / 168 * 2)
    keep_figures(at, "assessment", capacity=2)
    assert draft(at).step("assessment").capacity == 2
    assert busy(at, "Falls risk assessment") == pytest.approx(50 / 168 * 2 / 2)
    assert "Kept the flow figures of 'Falls risk assessment'" in texts(at)
    kept = Workspace(flow_workspace).unsaved.draft("Amina Khan\nAge UK North", "falls")
    assert kept is not None and "capacity: 2" in kept.text  # nothing typed is lost
    save(at, "Two assessors from January")
    assert "capacity: 2" in git(flow_workspace, "show", "HEAD:pathways/falls.yaml")
    assert "Two assessors from January" in git(flow_workspace, "log", "-1", "--format=%B")


def test_shares_that_do_not_add_up_are_refused_beside_the_form(at: AppTest) -> None:
    at.selectbox(key="flow_step").set_value("risk").run()
    rest = next(r for r in at.radio if r.key and r.key.startswith("flow_rest-risk-"))
    rest.set_value(-1)
    shares = [w for w in at.number_input if w.key and w.key.startswith("flow_share_")]
    assert [w.label for w in shares] == ["% go to “Strength and balance classes” (Yes)",
                                         "% go to “Back to the GP with a plan” (No)"]
    shares[0].set_value(30.0)
    shares[1].set_value(60.0)
    next(b for b in at.button if b.key and b.key.startswith("flow_shares_submit-risk-")).click()
    at.run()
    assert "The shares leaving 'Is the risk high?' add up to 90%, not 100%" in texts(at)
    assert [t.share for t in draft(at).transitions if t.from_ == "risk"] == ["40%", "rest"]


def test_a_scenario_is_added_changed_compared_and_saved(at: AppTest, flow_workspace: Path) -> None:
    at.text_input(key="flow_new_name").input("Two assessors")
    at.text_area(key="flow_new_why").input("What if we fund a second assessor?")
    at.button(key="flow_new_submit").click().run()
    assert [s.name for s in draft(at).scenarios] == ["Two assessors"]
    assert at.selectbox(key="flow_scenario").value == "Two assessors"
    keep_figures(at, "assessment", capacity=2)
    assert draft(at).step("assessment").capacity == 1  # the pathway itself is unchanged
    assert draft(at).scenarios[0].steps[0].capacity == 2
    assert busy(at, "Falls risk assessment") == pytest.approx(10 / 168 * 2 / 2)
    compare = next(d.value for d in at.dataframe if "Scenario" in d.value.columns)
    assert list(compare["Scenario"]) == ["As it is", "Two assessors"]
    assert len(at.get("vega_lite_chart")) >= 2  # side by side, and cost by organisation
    save(at, "A scenario for the board")
    shown = git(flow_workspace, "show", "HEAD:pathways/falls.yaml")
    assert "scenarios:" in shown and "Two assessors" in shown
    at.selectbox(key="flow_scenario").set_value("").run()
    assert busy(at, "Falls risk assessment") == pytest.approx(10 / 168 * 2)


def test_hostile_scenario_names_are_shown_as_text(at: AppTest) -> None:
    name = "![x](http://127.0.0.1:9/p.png) <b>bold</b>"
    at.text_input(key="flow_new_name").input(name)
    at.button(key="flow_new_submit").click().run()
    assert draft(at).scenarios[0].name == name
    markdown = "\n".join(m.value for m in at.markdown)
    assert "![x](http" not in markdown and r"\!\[x\]\(http" in markdown


def test_the_simulation_runs_on_request_with_a_progress_bar(at: AppTest) -> None:
    at.number_input(key="flow_sim_days").set_value(30)
    at.number_input(key="flow_sim_warm_up").set_value(5)
    at.number_input(key="flow_sim_runs").set_value(2)
    at.button(key="flow_sim_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "Done: 2 runs" in [p.proto.text for p in at.get("progress")]
    table = next(d.value for d in at.dataframe if "Average wait" in d.value.columns
                 and "Started within the standard" in d.value.columns)
    assert "Falls risk assessment" in set(table["Step"])
    assert "2 runs of 30 days each" in texts(at)


def test_a_pathway_without_figures_says_what_to_set(person) -> None:  # type: ignore[no-untyped-def]
    at = open_tab(person(), TAB)
    shown = texts(at)
    assert at.info and "how many people arrive" in shown
    assert at.selectbox(key="flow_step")  # the figures can be set from here


def test_a_scenario_adds_a_crisis_cafe_for_a_fifth_of_the_people(at: AppTest) -> None:
    at.text_input(key="flow_new_name").input("Crisis café")
    at.button(key="flow_new_submit").click().run()
    k = at.session_state["pd_gen"]
    at.text_input(key=f"flow_add_label-{k}").input("Crisis café")
    at.selectbox(key=f"flow_add_after-{k}").set_value("referral")
    at.number_input(key=f"flow_add_share-{k}").set_value(20.0)
    at.selectbox(key=f"flow_add_then-{k}").set_value("discharge")
    at.selectbox(key=f"flow_add_owner-{k}").set_value("ageuk")
    at.text_input(key=f"flow_add_duration-{k}").input("3 hours")
    at.number_input(key=f"flow_add_capacity-{k}").set_value(2)
    at.button(key=f"flow_add_submit-{k}").click().run()
    assert not at.exception, at.exception
    assert "adds 'Crisis café' after 'Referral after a fall', for 20% of the people" in texts(at)
    (cafe,) = draft(at).scenarios[0].add_steps
    assert (cafe.label, cafe.capacity, cafe.duration) == ("Crisis café", 2, "3h")
    assert busy(at, "Crisis café") == pytest.approx(2 / 168 * 3 / 2)
    assert busy(at, "Falls risk assessment") == pytest.approx(8 / 168 * 2)
