"""The Steps and Connections tabs: the steps table and the forms to add, connect, look at (with
comments) and remove steps; the table of ways on and removing one."""

from __future__ import annotations

import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.words import KIND_WORDS, SETTING_WORDS, TIME_HINT
from pathway_designer.workshop import editing

from . import comments, session
from .choices import named
from .editing import (
    NONE,
    TIME_HELP,
    apply,
    applying,
    cc,
    latest,
    org_names,
    removal_form,
    step_labels,
    table,
)
from .text import md


def steps_tab(p: Pathway) -> None:
    words = editing.table_words(p, "steps")
    st.markdown(
        "Change any cell: it is checked and drawn at once. Below the table, add, connect, look "
        "at or remove steps."
    )
    table(
        "steps",
        {
            "label": cc.TextColumn("Step", required=True, max_chars=120, width="large"),
            "kind": cc.SelectboxColumn("Kind", options=list(words["kind"].values()), required=True),
            "owner": cc.SelectboxColumn(
                "Responsible",
                options=list(words["owner"].values()),
                help="The organisation responsible for this step",
            ),
            "setting": cc.SelectboxColumn("Where", options=list(words["setting"].values())),
            "wait": cc.TextColumn("Wait to start", help=TIME_HELP),
            "duration": cc.TextColumn("How long", help=TIME_HELP),
            "partners": cc.MultiselectColumn("Also involved", options=list(words["partners"].values())),
            "modality": cc.TextColumn("Kind of help", help="For help or treatment: e.g. peer support"),
            "measures": cc.MultiselectColumn(
                "Outcomes measured here", options=list(words["measures"].values())
            ),
            "comments": cc.NumberColumn(
                "Comments",
                disabled=True,
                width="small",
                help="Comments on the step: read and add them in 'A step in detail' below",
            ),
        },
        disabled=["comments"],
        order=[
            "label",
            "kind",
            "owner",
            "setting",
            "wait",
            "duration",
            "partners",
            "modality",
            "measures",
            "comments",
        ],
    )
    p = latest(p)
    action = st.radio(
        "What would you like to do?",
        list(STEP_ACTIONS),
        format_func=named(STEP_ACTIONS),
        horizontal=True,
        key="steps_action",
    )
    left, _ = st.columns([3, 1])
    with left:
        {"add": add_step_form, "connect": connect_form, "detail": step_details, "remove": remove_step}[
            action or "add"
        ](p)


STEP_ACTIONS = {
    "add": "Add a step",
    "connect": "Connect two steps",
    "detail": "Look at a step in detail (and its comments)",
    "remove": "Remove a step",
}


NEW_BRANCH = "__new__"


def add_step_form(p: Pathway) -> None:
    """"Comes after" stands above the form, since what the form asks depends on it (a decision asks
    which way the new step goes); the form sends everything typed at once, and keeps it after an
    error."""
    labels, orgs = step_labels(p), org_names(p)
    ids = list(labels)
    with st.container(border=True, key="add_step_box"):
        st.markdown("**Add a step**")
        after = st.selectbox(
            "Comes after",
            [NONE, *ids],
            format_func=named(labels, "— not connected yet —"),
            index=len(ids) - 1 if len(ids) > 1 else 0,
            key="add_after",
        )
        branches = editing.decision_branches(p, after) if after else {}
        branch_key = f"add_branch_{after}" if branches else None  # the ways of this decision only
        with st.form("add_step_form", clear_on_submit=False, border=False):
            st.text_input(
                "What happens at this step?", key="add_label", placeholder="e.g. Crisis café in the evening"
            )
            st.selectbox(
                "Kind of step",
                list(KIND_WORDS),
                format_func=named(KIND_WORDS),
                index=list(KIND_WORDS).index("intervention"),
                key="add_kind",
            )
            if branch_key:
                st.radio(
                    f"'{md(labels[after])}' is a decision: which way does the new step go?",
                    [*branches, NEW_BRANCH],
                    format_func=named({**branches, NEW_BRANCH: "A new way on, for another answer"}),
                    key=branch_key,
                )
                st.text_input(
                    "For a new way on: the answer that leads to the new step", key="add_when",
                    placeholder="e.g. Risk is moderate",
                )
            st.selectbox(
                "Then goes on to (optional)" + (", for a new way on" if branch_key else ""),
                [NONE, *ids],
                format_func=named(labels, "— nothing yet —"),
                key="add_then",
            )
            st.selectbox(
                "Responsible organisation",
                [NONE, *orgs],
                format_func=named(orgs, "— not decided —"),
                key="add_owner",
            )
            st.selectbox(
                "Where it happens",
                [NONE, *SETTING_WORDS],
                format_func=named(SETTING_WORDS, "— not decided —"),
                key="add_setting",
            )
            st.text_input(
                "Wait to start (optional)", key="add_wait",
                placeholder=f"how long people wait, {TIME_HINT}", help=TIME_HELP,
            )
            session.say_here("add_step")
            st.form_submit_button(
                "Add the step",
                key="add_step_submit",
                on_click=_add_step,
                args=(branch_key,),
                disabled=not session.can_edit(),
                type="primary",
            )


def _add_step(branch_key: str | None) -> None:
    s = st.session_state
    way = s.get(branch_key) if branch_key else None
    new_way = way == NEW_BRANCH or branch_key is None
    done = apply(
        editing.add_step,
        s.get("add_label") or "",
        s.get("add_kind") or "intervention",
        after=s.get("add_after") or None,
        then_to=(s.get("add_then") or None) if new_way else None,
        branch=None if new_way else way,
        when=s.get("add_when") if way == NEW_BRANCH else None,
        owner=s.get("add_owner"),
        setting=s.get("add_setting"),
        wait=s.get("add_wait"),
        at="add_step",
    )
    if done:
        for key in ("add_label", "add_wait", "add_when"):
            s[key] = ""
        s["add_then"] = NONE  # else the next step is silently connected on to the same step


def connect_form(p: Pathway) -> None:
    labels = step_labels(p)
    ids = list(labels)
    with st.form("connect_form", clear_on_submit=False):
        st.markdown("**Connect two steps**")
        st.selectbox("From", ids, format_func=named(labels), key="connect_from")
        st.selectbox("To", ids, format_func=named(labels), key="connect_to", index=min(1, len(ids) - 1))
        st.text_input(
            "When (for a decision: the answer or condition)",
            key="connect_when",
            placeholder="e.g. Risk is high",
        )
        st.text_input(
            "Handoff (how information and responsibility pass)",
            key="connect_handoff",
            placeholder="e.g. Shared care record and a phone call",
        )
        session.say_here("connect")
        st.form_submit_button(
            "Connect",
            key="connect_submit",
            on_click=applying(
                editing.connect, "connect_from", "connect_to", when="connect_when", handoff="connect_handoff",
                at="connect", clear=("connect_when", "connect_handoff"),
            ),
            disabled=not session.can_edit(),
        )


def step_details(p: Pathway) -> None:
    labels = step_labels(p)
    with st.container(border=True):
        st.markdown("**A step in detail**: description, barriers, decision branches")
        step_id = st.selectbox("Step", list(labels), format_func=named(labels), key="detail_step")
        step = p.step(step_id) if step_id else None
        if step is None:
            return
        outgoing = [i for i, t in enumerate(p.transitions) if t.from_ == step_id]
        k = f"{step_id}_{session.gen()}"  # the fields start again from the step after any change
        with st.form(f"details-{k}"):
            st.text_area(
                "What happens (description)", value=step.description or "", key=f"detail_description_{k}"
            )
            st.text_area(
                "Known barriers (one a line)", value="\n".join(step.barriers), key=f"detail_barriers_{k}"
            )
            st.checkbox(
                "This step is a decision", value=step.kind.value == "decision", key=f"detail_decision_{k}"
            )
            for i in outgoing:
                t = p.transitions[i]
                st.text_input(
                    f"Goes to '{md(labels.get(t.to, t.to))}' when…",
                    value=t.when or "",
                    key=f"detail_when_{i}_{k}",
                )
            session.say_here("details")
            st.form_submit_button(
                "Keep these details",
                key="details_submit",
                on_click=_details,
                args=(step_id, outgoing, k),
                disabled=not session.can_edit(),
            )

        comments.on_step(step_id)


def _details(step_id: str, outgoing: list[int], k: str) -> None:
    s = st.session_state
    apply(
        editing.update_step_details,
        step_id,
        description=s[f"detail_description_{k}"],
        barriers=s[f"detail_barriers_{k}"],
        decision=s[f"detail_decision_{k}"],
        conditions={i: s.get(f"detail_when_{i}_{k}") for i in outgoing},
        at="details",
    )


def remove_step(p: Pathway) -> None:
    labels = step_labels(p)
    with st.container(border=True):
        st.markdown("**Remove a step**")
        step_id = st.selectbox(
            "Step to remove", [NONE, *labels], format_func=named(labels, "— choose —"), key="remove_step"
        )
        if not step_id:
            return
        st.warning(md(editing.step_impact(p, step_id).describe()))
        st.button(
            f"Yes, remove '{md(labels[step_id])}'",
            key="remove_step_confirm",
            on_click=_remove_step,
            args=(step_id,),
            disabled=not session.can_edit(),
        )


def _remove_step(step_id: str) -> None:
    if apply(editing.remove_step, step_id):
        st.session_state.remove_step = NONE


# -- connections ----------------------------------------------------------------------------------


def connections_tab(p: Pathway) -> None:
    labels = step_labels(p)
    st.markdown(
        "Every way on from one step to another. Decisions need a **when** on each way "
        "out; where responsibility passes to another organisation, say **how** (handoff)."
    )
    table(
        "transitions",
        {
            "from": cc.SelectboxColumn(
                "From", options=list(labels), format_func=named(labels), required=True, width="medium"
            ),
            "to": cc.SelectboxColumn(
                "To", options=list(labels), format_func=named(labels), required=True, width="medium"
            ),
            "when": cc.TextColumn("When"),
            "handoff": cc.TextColumn("Handoff (how responsibility passes)", width="large"),
        },
        disabled=[],
    )
    p = latest(p)
    left, right = st.columns(2)
    with right:
        st.caption("To add a connection, use **Connect two steps** on the Steps tab.")
    with left:
        ways = {
            i: f"{labels.get(t.from_, t.from_)} → {labels.get(t.to, t.to)}"
            + (f" (when {t.when})" if t.when else "")
            for i, t in enumerate(p.transitions)
        }
        removal_form(
            "disconnect_form", "Remove a connection", "Connection", ways, "disconnect_index",
            "Remove this connection", _disconnect,
        )


def _disconnect() -> None:
    index = st.session_state.get("disconnect_index")
    if index is not None:
        apply(editing.disconnect, int(index))
