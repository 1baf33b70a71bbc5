"""The Flow and capacity tab: how many people pass through each step, how busy each is, where people
wait and for how long against the wait standards, and what it costs by organisation; the figures
set in words; a simulation run on request; scenarios compared side by side.

The figures are the library's (`workshop.flow_view`, over `flow.analytic`), worked out once per
draft and scenario; this module lays them out.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.workshop import flow_view
from pathway_designer.workshop.editing.scenarios import scenario_names

from . import cache, diagram, flow_figures, flow_scenarios, flow_simulation, session
from .text import md

TITLE = "Flow and capacity"
AS_AGREED = ""  # the scenario chooser's option for the pathway itself
cc = st.column_config


@functools.lru_cache(maxsize=64)
def view(text: str, scenario: str | None) -> flow_view.FlowView | None:
    """The figures of the draft (or of one of its scenarios), worked out once per text."""
    pathway = cache.check(text).pathway
    return flow_view.flow_view(pathway, scenario) if pathway is not None else None


@functools.lru_cache(maxsize=32)
def busy_dot(text: str, scenario: str | None, lanes: str, direction: str) -> str | None:
    """The diagram with each step filled by how busy it is, once per text and choice."""
    pathway = cache.check(text).pathway
    shown = view(text, scenario)
    if pathway is None or shown is None:
        return None
    return flow_view.busy_diagram(pathway, shown, lanes=lanes, direction=direction)


def scenario_choice(p: Pathway) -> str | None:
    names = scenario_names(p)
    if not names:
        return None
    options = [AS_AGREED, *names]
    chosen = st.selectbox(
        "Figures for", options, key="flow_scenario",
        format_func=lambda n: "The pathway as it is" if n == AS_AGREED else f"Scenario: {n}",
        help="A scenario is a what-if kept with the pathway: its figures replace the pathway's.",
    )
    return chosen if chosen in names else None


def panel(p: Pathway) -> None:
    st.markdown(f"#### {TITLE}")
    st.caption(
        "How many people pass through each step, how busy each step is, how long people wait, and "
        "what it costs. The figures change as you change the pathway's numbers below."
    )
    scenario = scenario_choice(p)
    shown = view(session.draft(), scenario)
    if shown is None:
        st.warning("The pathway cannot be read: fix the YAML in the expert view first.")
        return
    if shown.problem:
        st.info(md(shown.problem))
    else:
        results(shown, scenario)
    st.divider()
    st.markdown("#### Set the figures")
    st.caption("Numbers in words: leave a figure empty when it is not known yet.")
    step = flow_figures.step_choice(p)
    if step is not None:
        left, right = st.columns(2)
        with left:
            flow_figures.figures_form(p, step, scenario)
        with right:
            flow_figures.shares_form(p, step, scenario)
    st.divider()
    flow_simulation.panel(p, scenario, ready=not shown.problem)
    st.divider()
    flow_scenarios.panel(p, scenario)


def results(shown: flow_view.FlowView, scenario: str | None) -> None:
    for line in shown.summary_lines:
        st.markdown(f"- {md(line)}")
    if shown.over_capacity:
        st.warning(md(shown.over_capacity))
    lanes = st.session_state.get("lanes") or "organisation"
    direction = st.session_state.get("direction") or "TB"
    dot = busy_dot(session.draft(), scenario, lanes, direction)
    if dot is not None:
        with st.container(key="flow_diagram", horizontal_alignment="center", height=480, border=True):
            diagram.chart(dot, "flow", shown.spoken)
    st.markdown("##### Each step")
    st.dataframe(
        pd.DataFrame([row.cells() for row in shown.steps], columns=list(flow_view.STEP_COLUMNS)),
        hide_index=True,
        key="flow_steps_table",
        column_config={
            "Busy": cc.ProgressColumn("Busy", min_value=0.0, max_value=1.0, format="percent",
                                      help="The share of its places in use, on average"),
        },
    )
    st.caption(md(shown.assumption))
    if shown.organisations:
        st.markdown("##### Who carries what")
        frame = pd.DataFrame([o.cells() for o in shown.organisations],
                             columns=list(flow_view.ORGANISATION_COLUMNS))
        st.dataframe(frame, hide_index=True, key="flow_orgs_table")
        costs = {o.name: o.cost_per_year for o in shown.organisations if o.cost_per_year}
        if costs:
            st.bar_chart(pd.DataFrame({"Cost per year (£)": costs}), horizontal=True,
                         x_label="Cost per year (£)")
