"""The flow tab's scenarios: what-ifs kept with the pathway, compared side by side in Streamlit's
own charts; a scenario added, renamed, or changed (the steps and ways on it takes away), each a
change of the draft saved with its reason like any other."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pathway_designer.model import Pathway, StepKind
from pathway_designer.workshop import flow_view
from pathway_designer.workshop.editing import scenarios as editing_scenarios

from . import session
from .choices import named
from .editing import NONE, TIME_HELP, apply
from .text import md


def panel(p: Pathway, chosen: str | None) -> None:
    st.markdown("#### Scenarios")
    st.caption(
        "A scenario is a what-if kept with the pathway (one more clinician; a crisis café that "
        "sees a fifth of the people): choose it at the top of this tab to change its figures."
    )
    names = editing_scenarios.scenario_names(p)
    if names:
        side_by_side(p, names)
    left, right = st.columns(2)
    with left:
        add_form()
    if chosen is not None:
        with right:
            edit_form(p, chosen)


def side_by_side(p: Pathway, names: list[str]) -> None:
    compared = flow_view.compare(p, [None, *names])
    if compared.busy:
        st.markdown("##### How busy each step is, side by side (%)")
        st.bar_chart(pd.DataFrame(compared.busy), stack=False, y_label="Busy (%)", height=320)
        st.dataframe(pd.DataFrame(list(compared.rows), columns=list(flow_view.COMPARISON_COLUMNS)),
                     hide_index=True, key="flow_compare_table")
    for line in compared.without:
        st.caption(md(line))


def _added() -> None:
    s = st.session_state
    if apply(editing_scenarios.add_scenario, s["flow_new_name"], s["flow_new_why"], at="flow_new"):
        s["flow_scenario"] = " ".join(s["flow_new_name"].split())  # its figures next
        s["flow_new_name"] = s["flow_new_why"] = ""


def add_form() -> None:
    with st.form("flow_new_form", border=True):
        st.markdown("**Add a scenario**")
        st.text_input("Its name", key="flow_new_name", max_chars=editing_scenarios.NAME_LIMIT)
        st.text_area("What it asks, and why", key="flow_new_why", height=80)
        session.say_here("flow_new")
        st.form_submit_button("Add the scenario", key="flow_new_submit", on_click=_added,
                              disabled=not session.can_edit())


def _removed(name: str) -> None:
    if apply(editing_scenarios.remove_scenario, name, at="flow_edit"):
        st.session_state["flow_scenario"] = ""


def edit_form(p: Pathway, name: str) -> None:
    scenario = next(s for s in p.scenarios if s.name == name)
    k = f"{session.gen()}"
    labels = {s.id: s.label for s in p.steps}
    labels |= {s.id: f"{s.label} (added by this scenario)" for s in scenario.add_steps}
    ways = {i: f"{labels.get(t.from_, t.from_)} → {labels.get(t.to, t.to)}"
               + (f" ({t.when})" if t.when else "") for i, t in enumerate(p.transitions)}
    gone = {(w.from_, w.to) for w in scenario.remove_transitions}
    with st.form(f"flow_edit_form-{k}", border=True):
        st.markdown(f"**The scenario “{md(name)}”**")
        st.text_input("Its name", value=name, key=f"flow_edit_name-{k}",
                      max_chars=editing_scenarios.NAME_LIMIT)
        st.text_area("What it asks, and why", value=scenario.why or "", key=f"flow_edit_why-{k}",
                     height=80)
        st.multiselect("Steps it takes away", list(labels),
                       default=[s for s in scenario.remove_steps if s in labels],
                       format_func=named(labels), key=f"flow_edit_steps-{k}")
        st.multiselect("Ways on it takes away", list(ways), format_func=named(ways),
                       default=[i for i, t in enumerate(p.transitions) if (t.from_, t.to) in gone],
                       key=f"flow_edit_ways-{k}")
        session.say_here("flow_edit")
        st.form_submit_button("Keep the scenario", key=f"flow_edit_submit-{k}", on_click=_edited,
                              args=(name, k), disabled=not session.can_edit())
    add_step_form(p, name, k)
    st.button(f"Remove the scenario “{md(name)}”", key=f"flow_remove-{k}", on_click=_removed,
              args=(name,), disabled=not session.can_edit())


def add_step_form(p: Pathway, name: str, k: str) -> None:
    """A step the scenario adds, for a share of the people leaving another (a crisis café)."""
    labels = {s.id: s.label for s in p.steps}
    froms = {s.id: s.label for s in p.steps if s.kind is not StepKind.EXIT}
    orgs = {o.id: o.name for o in p.organisations}
    with st.form(f"flow_add_step_form-{k}", border=True):
        st.markdown(f"**A step “{md(name)}” adds**")
        st.text_input("Its name", key=f"flow_add_label-{k}", max_chars=120)
        left, right = st.columns(2)
        left.selectbox("After", list(froms), format_func=named(froms), key=f"flow_add_after-{k}")
        right.number_input("% of the people leaving it go there", min_value=0.0, max_value=100.0,
                           value=None, step=5.0, key=f"flow_add_share-{k}", placeholder="a share")
        st.selectbox("Then on to", list(labels), format_func=named(labels), key=f"flow_add_then-{k}",
                     index=len(labels) - 1)
        st.selectbox("Responsible", [NONE, *orgs], format_func=named(orgs, "— not said —"),
                     key=f"flow_add_owner-{k}")
        left, right = st.columns(2)
        left.text_input("How long it takes", key=f"flow_add_duration-{k}", help=TIME_HELP)
        right.number_input("Places: how many people it can take at once", min_value=0, value=None,
                           step=1, key=f"flow_add_capacity-{k}", placeholder="no limit")
        session.say_here("flow_add_step")
        st.form_submit_button("Add the step to the scenario", key=f"flow_add_submit-{k}",
                              on_click=_add_step, args=(name, k), disabled=not session.can_edit())


def _add_step(name: str, k: str) -> None:
    s = st.session_state
    apply(editing_scenarios.add_scenario_step, name, s[f"flow_add_label-{k}"], s[f"flow_add_after-{k}"],
          s[f"flow_add_then-{k}"], s[f"flow_add_share-{k}"], owner=s[f"flow_add_owner-{k}"] or None,
          duration=s[f"flow_add_duration-{k}"], capacity=s[f"flow_add_capacity-{k}"], at="flow_add_step")


def _edited(name: str, k: str) -> None:
    s = st.session_state
    new_name = " ".join(str(s[f"flow_edit_name-{k}"]).split())
    done = apply(editing_scenarios.edit_scenario, name, new_name, s[f"flow_edit_why-{k}"],
                 s[f"flow_edit_steps-{k}"], s[f"flow_edit_ways-{k}"], at="flow_edit")
    if done:
        s["flow_scenario"] = new_name

