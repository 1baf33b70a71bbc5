"""The flow tab's forms: one step's figures (people arriving, places, places to wait, cost, how its
time varies) and the shares of people taking each way on out of it, in words and plain numbers, in
the pathway or in the scenario chosen. The library writes them in the format
(`workshop.editing.flow`); a form only gathers the numbers."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from pathway_designer.model import Pathway, StepKind
from pathway_designer.words import SHAPE_WORDS, TIME_HINT
from pathway_designer.workshop.editing import flow

from . import session
from .choices import named
from .editing import NONE, apply
from .text import md

PER_WORDS = {"h": "an hour", "d": "a day", "w": "a week"}
NO_REST = -1


def _suffix(step: str, scenario: str | None) -> str:
    # the draft's generation is in every key: after any change the form shows the draft's figures
    named = hashlib.sha256((scenario or "").encode()).hexdigest()[:8]
    return f"{step}-{named}-{session.gen()}"


def step_choice(p: Pathway) -> str | None:
    labels = {s.id: s.label for s in p.steps if s.kind is not StepKind.EXIT}
    if not labels:
        return None
    chosen = st.selectbox("Step", list(labels), format_func=named(labels), key="flow_step")
    return str(chosen) if chosen in labels else next(iter(labels))


def figures_form(p: Pathway, step_id: str, scenario: str | None) -> None:
    f = flow.figures_of(p, step_id, scenario)
    step = next(s for s in p.steps if s.id == step_id)
    k = _suffix(step_id, scenario)
    where = f" in the scenario “{md(scenario)}”" if scenario else ""
    with st.form(f"flow_figures_form-{k}", border=True):
        st.markdown(f"**The figures of “{md(step.label)}”{where}**")
        if step.kind is StepKind.ENTRY or f.arrivals is not None or f.arrivals_by_time:
            left, right = st.columns([2, 1])
            if f.arrivals_by_time:
                left.caption("People arrive at different rates by the time of day or week (set in "
                             "the “YAML (expert)” tab): kept as it is.")
            else:
                left.number_input("People arriving from outside", min_value=0.0, value=f.arrivals,
                                  step=1.0, key=f"flow_arrivals-{k}", placeholder="not said")
            right.selectbox("per", list(PER_WORDS), index=list(PER_WORDS).index(f.per),
                            format_func=named(PER_WORDS), key=f"flow_per-{k}",
                            disabled=f.arrivals_by_time)
        if f.capacity_by_time:
            st.caption("Its places change by the time of day or week (set in the “YAML (expert)” "
                       "tab): kept as it is.")
        else:
            st.number_input(
                "Places: how many people it can take at once (beds, clinicians, appointment slots)",
                min_value=0, value=f.capacity, step=1, key=f"flow_capacity-{k}",
                placeholder="no limit",
            )
        left, right = st.columns(2)
        left.number_input("Places to wait for people arriving from outside", min_value=0,
                          value=f.waiting_outside, step=1, key=f"flow_outside-{k}",
                          placeholder="no limit", help="Beyond these, people arriving are turned away.")
        right.number_input("Places to wait for people coming from another step", min_value=0,
                           value=f.waiting_inside, step=1, key=f"flow_inside-{k}",
                           placeholder="no limit",
                           help="Beyond these, people stay where they are until a place is free.")
        left, right = st.columns(2)
        left.number_input("Cost per person, in pounds (£)", min_value=0.0, value=f.cost_per_person,
                          step=10.0, key=f"flow_cost_person-{k}", placeholder="not said")
        right.number_input("Cost per person per day, in pounds (£)", min_value=0.0,
                           value=f.cost_per_day, step=10.0, key=f"flow_cost_day-{k}",
                           placeholder="not said")
        if f.spread_exact:
            st.caption("How its time varies is set exactly in the “YAML (expert)” tab: kept as it is.")
        else:
            shapes = [NONE, *SHAPE_WORDS]
            left, right = st.columns(2)
            left.selectbox("How its time varies", shapes,
                           index=shapes.index(f.spread) if f.spread in shapes else 0,
                           format_func=named(SHAPE_WORDS, "— not said —"), key=f"flow_spread-{k}")
            right.text_input("By how much (a typical difference from its time)", value=f.spread_sd or "",
                             key=f"flow_sd-{k}", help=f"A time, in words: {TIME_HINT}.")
        session.say_here("flow_figures")
        st.form_submit_button("Keep these figures", key=f"flow_figures_submit-{k}",
                              on_click=_keep_figures, args=(step_id, scenario, f, k),
                              disabled=not session.can_edit())


def _keep_figures(step_id: str, scenario: str | None, was: flow.StepFigures, k: str) -> None:
    s = st.session_state

    def got(name: str, default: Any = None) -> Any:
        return s.get(f"{name}-{k}", default)

    figures = flow.StepFigures(
        arrivals=got("flow_arrivals"), per=got("flow_per", was.per), capacity=got("flow_capacity"),
        waiting_outside=got("flow_outside"), waiting_inside=got("flow_inside"),
        cost_per_person=got("flow_cost_person"), cost_per_day=got("flow_cost_day"),
        spread=got("flow_spread") or None, spread_sd=got("flow_sd"),
        arrivals_by_time=was.arrivals_by_time, capacity_by_time=was.capacity_by_time,
        spread_exact=was.spread_exact,
    )
    apply(flow.set_step_figures, step_id, figures, scenario, at="flow_figures")


def shares_form(p: Pathway, step_id: str, scenario: str | None) -> None:
    ways = flow.shares_of(p, step_id, scenario)
    if len(ways) < 2:
        return
    step = next(s for s in p.steps if s.id == step_id)
    k = _suffix(step_id, scenario)
    with st.form(f"flow_shares_form-{k}", border=True):
        st.markdown(f"**Where people go after “{md(step.label)}”**")
        st.caption("The share of people taking each way on, in percent; they add up to 100%, or "
                   "one way on takes the rest.")
        for way in ways:
            when = f" ({md(way.when)})" if way.when else ""
            st.number_input(f"% go to “{md(way.target_label)}”{when}", min_value=0.0, max_value=100.0,
                            value=way.percent, step=5.0, key=f"flow_share_{way.index}-{k}",
                            placeholder="the rest" if way.rest else "not said")
        options = [NO_REST, *(w.index for w in ways)]
        names = {NO_REST: "None: the shares add up to 100%"}
        names |= {w.index: f"“{w.target_label}”" + (f" ({w.when})" if w.when else "") for w in ways}
        rest = next((w.index for w in ways if w.rest), NO_REST)
        st.radio("Which way on takes the rest?", options, index=options.index(rest),
                 format_func=lambda i: md(names[i]), key=f"flow_rest-{k}", horizontal=True)
        session.say_here("flow_shares")
        st.form_submit_button("Keep these shares", key=f"flow_shares_submit-{k}", on_click=_keep_shares,
                              args=(step_id, scenario, [w.index for w in ways], k),
                              disabled=not session.can_edit())


def _keep_shares(step_id: str, scenario: str | None, indices: list[int], k: str) -> None:
    s = st.session_state
    rest = s.get(f"flow_rest-{k}", NO_REST)
    rest = None if rest == NO_REST else rest
    percents = {i: s.get(f"flow_share_{i}-{k}") for i in indices if i != rest}
    apply(flow.set_shares, step_id, percents, rest, scenario, at="flow_shares")
