"""The flow tab's simulation: settings in words, run on request with a progress bar (the library's
progress callback), and its figures, kept for the person until they run it again. A simulation
takes seconds, so it never runs by itself on every change."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.workshop import flow_runs

from . import session
from .text import md

RESULT = "flow_simulation"  # (what it ran on, its view) in the session
MAX_DAYS = 730  # a shared server: a workshop's run stays within seconds
MAX_RUNS = 20


def _ran_on(scenario: str | None) -> str:
    return hashlib.sha256(f"{scenario or ''}\n{session.draft()}".encode()).hexdigest()


def panel(p: Pathway, scenario: str | None, ready: bool) -> None:
    st.markdown("#### A simulation")
    st.caption(
        "People are followed one by one through the pathway, with times that vary as set: it "
        "shows the spread of waits and who is turned away. It takes a few seconds, so it runs "
        "when you ask."
    )
    with st.form("flow_simulation_form", border=True):
        cols = st.columns(4)
        cols[0].number_input("Days to follow", min_value=1, max_value=MAX_DAYS, value=90, step=30,
                             key="flow_sim_days")
        cols[1].number_input("Days to fill up first", min_value=0, max_value=MAX_DAYS, value=30,
                             step=10, key="flow_sim_warm_up",
                             help="The pathway starts empty: these first days are not counted.")
        cols[2].number_input("Runs", min_value=1, max_value=MAX_RUNS, value=5, step=1,
                             key="flow_sim_runs",
                             help="More runs give narrower ranges, and take longer.")
        cols[3].number_input("Seed", min_value=0, value=1, step=1, key="flow_sim_seed",
                             help="The same seed gives the same figures again.")
        pressed = st.form_submit_button("Run the simulation", key="flow_sim_submit", disabled=not ready)
    if pressed:
        _run(p, scenario)
    kept = st.session_state.get(RESULT)
    if kept is None:
        return
    ran_on, shown = kept
    if ran_on != _ran_on(scenario):
        st.info("These figures are from before the last change (or of another scenario): run it "
                "again to see the pathway as it is now.")
    for line in shown.said:
        st.caption(md(line))
    st.dataframe(pd.DataFrame(list(shown.rows), columns=list(flow_runs.SIMULATION_COLUMNS)),
                 hide_index=True, key="flow_sim_table")


def _run(p: Pathway, scenario: str | None) -> None:
    s = st.session_state
    settings = flow_runs.Settings(days=float(s["flow_sim_days"]), warm_up_days=float(s["flow_sim_warm_up"]),
                                  runs=int(s["flow_sim_runs"]), seed=int(s["flow_sim_seed"]))
    bar = st.progress(0.0, text="Starting the simulation…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Run {done} of {total} done")

    try:
        result = flow_runs.run(p, scenario, settings, progress)
    except flow_runs.RunError as exc:
        bar.empty()
        st.error(md(str(exc)), icon=":material/block:")
        return
    bar.progress(1.0, text=f"Done: {settings.runs} runs")
    s[RESULT] = (_ran_on(scenario), flow_runs.simulation_view(result))
