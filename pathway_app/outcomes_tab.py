"""The Outcomes and involvement tab: the outcomes a pathway measures (and where), and the
involvement of service users and carers (and what it changed)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.words import DIRECTION_WORDS
from pathway_designer.workshop import editing

from . import session
from .choices import named
from .editing import applying, cc, latest, removal_form, step_labels, table


def outcomes_tab(p: Pathway) -> None:
    labels = step_labels(p)
    st.markdown("**Outcomes**: what difference the pathway makes for people, not only process targets.")
    table(
        "outcomes",
        {
            "measure": cc.TextColumn("What is measured", required=True, width="large"),
            "direction": cc.SelectboxColumn("Aim", options=list(DIRECTION_WORDS.values()), required=True),
            "target": cc.TextColumn("Target (optional)"),
        },
        disabled=[],
        order=["measure", "direction", "target"],
    )
    p = latest(p)
    left, right = st.columns(2)
    with left, st.form("add_outcome_form", clear_on_submit=False):
        st.markdown("**Add an outcome**")
        st.text_input(
            "What is measured",
            key="outcome_measure",
            placeholder="e.g. People who feel safe at home after 3 months",
        )
        st.selectbox(
            "Aim", list(DIRECTION_WORDS), format_func=named(DIRECTION_WORDS), key="outcome_direction"
        )
        st.text_input("Target (optional)", key="outcome_target")
        st.multiselect("Measured at", list(labels), format_func=named(labels), key="outcome_at")
        session.say_here("add_outcome")
        st.form_submit_button(
            "Add the outcome",
            key="add_outcome_submit",
            on_click=applying(
                editing.add_outcome, "outcome_measure", "outcome_direction", "outcome_target", "outcome_at",
                at="add_outcome", clear=("outcome_measure", "outcome_target"),
            ),
            disabled=not session.can_edit(),
        )
    with right:
        outcomes = {o.id: o.measure for o in p.outcomes}
        removal_form(
            "remove_outcome_form", "Remove an outcome", "Outcome", outcomes, "remove_outcome",
            "Remove it (and from the steps that measure it)",
            applying(editing.remove_outcome, "remove_outcome"),
        )
    st.divider()
    st.markdown("**Involvement of service users and carers**, and what it changed.")
    table(
        "involvement",
        {
            "date": cc.DateColumn("Date", required=True, format="D MMM YYYY"),
            "who": cc.TextColumn("Who took part", required=True, width="medium"),
            "how": cc.TextColumn("How", required=True, width="medium"),
            "changed": cc.TextColumn("What changed because of it", width="large"),
        },
        disabled=[],
    )
    p = latest(p)
    left, right = st.columns(2)
    with left, st.form("add_involvement_form", clear_on_submit=False):
        st.markdown("**Record involvement**")
        st.date_input("When", value=dt.date.today(), key="inv_date")
        st.text_input("Who took part", key="inv_who", placeholder="e.g. Carers' forum")
        st.text_input("How", key="inv_how", placeholder="e.g. Co-design workshop")
        st.text_input("What changed because of it (optional)", key="inv_changed")
        session.say_here("add_involvement")
        st.form_submit_button(
            "Record it",
            key="add_involvement_submit",
            on_click=applying(
                editing.add_involvement, "inv_date", "inv_who", "inv_how", "inv_changed",
                at="add_involvement", clear=("inv_who", "inv_how", "inv_changed"),
            ),
            disabled=not session.can_edit(),
        )
    with right:
        records = {i: f"{x.date.isoformat()} {x.who}: {x.how}" for i, x in enumerate(p.involvement)}
        removal_form(
            "remove_involvement_form", "Remove a record", "Record", records, "remove_involvement",
            "Remove it", applying(editing.remove_involvement, "remove_involvement"),
        )
