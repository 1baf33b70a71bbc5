"""Editing the pathway in the domain's words: tables for steps, connections, partners, outcomes and
involvement, and forms for adding, connecting and removing (with what else a removal touches).

Tables are keyed data editors with a fixed number of rows (see `session` for why); rows are added
and removed with the forms beside them. Every change goes through `pathway_designer.workshop.editing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from pathway_designer.model import Geography, Pathway
from pathway_designer.words import DIRECTION_WORDS, KIND_WORDS, ROLE_WORDS, SETTING_WORDS
from pathway_designer.workshop import editing
from pathway_designer.workshop.editing import EditError

from . import cache, comments, session
from .choices import named
from .text import md

cc = st.column_config
TIME_RULE = editing.OPTIONAL_TIME_PATTERN  # the format's time, or empty for "not agreed yet"
TIME_HELP = "A number then m, h, d or w: 30m, 4h, 2d, 1w. Leave empty if not agreed."
NONE = ""


def apply(operation: Callable[..., editing.Edit], *args: Any, **kwargs: Any) -> bool:
    """Run an editing operation on the current draft and keep it, or say why not."""
    pathway = session.current().pathway
    if pathway is None:
        session.notify("error", "Fix the YAML first (expert view): the pathway cannot be read.")
        return False
    try:
        edit = operation(pathway, *args, **kwargs)
    except EditError as exc:
        session.refuse(exc)
        return False
    session.keep(edit)
    return True


def applying(operation: Callable[..., editing.Edit], *keys: str, **named_keys: str) -> Callable[[], None]:
    """A button's callback: `operation` applied to the values of the widgets `keys` (and, by name,
    `named_keys`) as they are when the button is pressed: a form's values are only known then. An
    empty widget means "not given"; the library treats it so."""

    def callback() -> None:
        state = st.session_state
        apply(operation, *(state[k] for k in keys), **{name: state[k] for name, k in named_keys.items()})

    return callback


def table(name: str, config: dict[str, Any], disabled: list[str], order: list[str] | None = None) -> None:
    """A keyed, fixed-rows data editor over one table of the draft.

    Changed cells are applied here, after the editor (not in an `on_change` callback), so the same
    path serves a browser and a test driving the editor's state; the diagram and the sidebar are
    drawn after the tabs, so they show the change in the same run.
    """
    key = f"table-{name}-{session.pathway_id()}-{session.gen()}"
    frame = cache.table(session.draft(), name)
    if name == "steps" and not frame.empty:  # how many comments each step has (read-only)
        counts = comments.counts(session.pathway_id() or "")
        frame = frame.assign(comments=[counts.get(i, 0) for i in frame["id"]])
    if frame.empty:
        st.caption("Nothing here yet: add one below.")
        return
    st.data_editor(
        frame,
        key=key,
        num_rows="fixed",
        hide_index=True,
        column_config=config,
        column_order=order,
        disabled=True if not session.can_edit() else disabled,
        height=min(38 + 35 * len(frame), 560),
        placeholder="—",
    )
    changes = st.session_state.get(key, {}).get("edited_rows", {})
    pathway = session.current().pathway
    if not changes or pathway is None or not session.can_edit():
        return
    try:
        edit = editing.apply_table_edits(pathway, name, changes)
    except EditError as exc:
        session.refuse(exc)
        st.rerun()  # the editor must start again from the draft: it shows the refused value
    if edit.text != session.draft():
        session.keep(edit, from_table=True)


def _now(p: Pathway) -> Pathway:
    """The pathway after any edit kept by a table above (for the forms that follow it)."""
    return session.current().pathway or p


def _labels(p: Pathway) -> dict[str, str]:
    return {s.id: s.label for s in p.steps}


def _orgs(p: Pathway) -> dict[str, str]:
    return {o.id: o.name for o in p.organisations}


# -- steps ----------------------------------------------------------------------------------------


def steps_tab(p: Pathway) -> None:
    orgs = _orgs(p)
    outcomes = {o.id: o.measure for o in p.outcomes}
    st.markdown(
        "Change any cell: it is checked and drawn at once. Below the table, add, connect, look "
        "at or remove steps."
    )
    table(
        "steps",
        {
            "id": cc.TextColumn(
                "Id",
                disabled=True,
                width="small",
                help="The step's short name in the file (change it in the YAML view)",
            ),
            "label": cc.TextColumn("Step", required=True, max_chars=120, width="large"),
            "kind": cc.SelectboxColumn(
                "Kind", options=list(KIND_WORDS), required=True, format_func=named(KIND_WORDS)
            ),
            "owner": cc.SelectboxColumn(
                "Responsible",
                options=list(orgs),
                format_func=named(orgs),
                help="The organisation responsible for this step",
            ),
            "setting": cc.SelectboxColumn(
                "Where", options=list(SETTING_WORDS), format_func=named(SETTING_WORDS)
            ),
            "wait": cc.TextColumn("Wait to start", validate=TIME_RULE, help=TIME_HELP),
            "duration": cc.TextColumn("How long", validate=TIME_RULE, help=TIME_HELP),
            "partners": cc.MultiselectColumn("Also involved", options=list(orgs), format_func=named(orgs)),
            "modality": cc.TextColumn("Kind of help", help="For help or treatment: e.g. peer support"),
            "measures": cc.MultiselectColumn(
                "Outcomes measured here", options=list(outcomes), format_func=named(outcomes)
            ),
            "comments": cc.NumberColumn(
                "Comments",
                disabled=True,
                width="small",
                help="Comments on the step: read and add them in 'A step in detail' below",
            ),
        },
        disabled=["id", "comments"],
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
            "id",
        ],
    )
    p = _now(p)
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


def add_step_form(p: Pathway) -> None:
    labels, orgs = _labels(p), _orgs(p)
    ids = list(labels)
    with st.form("add_step_form", clear_on_submit=True, border=True):
        st.markdown("**Add a step**")
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
        st.selectbox(
            "Comes after",
            [NONE, *ids],
            format_func=named(labels, "— not connected yet —"),
            index=len(ids) - 1 if len(ids) > 1 else 0,
            key="add_after",
        )
        st.selectbox(
            "Then goes on to (optional)",
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
        st.text_input("Wait to start (optional)", key="add_wait", help=TIME_HELP)
        st.form_submit_button(
            "Add the step",
            key="add_step_submit",
            on_click=applying(
                editing.add_step,
                "add_label",
                "add_kind",
                after="add_after",
                then_to="add_then",
                owner="add_owner",
                setting="add_setting",
                wait="add_wait",
            ),
            disabled=not session.can_edit(),
            type="primary",
        )


def connect_form(p: Pathway) -> None:
    labels = _labels(p)
    ids = list(labels)
    with st.form("connect_form", clear_on_submit=True):
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
        st.form_submit_button(
            "Connect",
            key="connect_submit",
            on_click=applying(
                editing.connect, "connect_from", "connect_to", when="connect_when", handoff="connect_handoff"
            ),
            disabled=not session.can_edit(),
        )


def step_details(p: Pathway) -> None:
    labels = _labels(p)
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
    )


def remove_step(p: Pathway) -> None:
    labels = _labels(p)
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
    labels = _labels(p)
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
    p = _now(p)
    left, right = st.columns(2)
    with right:
        st.caption("To add a connection, use **Connect two steps** on the Steps tab.")
    with left:
        ways = {
            i: f"{labels.get(t.from_, t.from_)} → {labels.get(t.to, t.to)}"
            + (f" (when {t.when})" if t.when else "")
            for i, t in enumerate(p.transitions)
        }
        with st.form("disconnect_form"):
            st.markdown("**Remove a connection**")
            st.selectbox("Connection", list(ways), format_func=named(ways), key="disconnect_index")
            st.form_submit_button(
                "Remove this connection",
                key="disconnect_submit",
                on_click=_disconnect,
                disabled=not session.can_edit() or not ways,
            )


def _disconnect() -> None:
    index = st.session_state.get("disconnect_index")
    if index is not None:
        apply(editing.disconnect, int(index))


# -- partners and the pathway's details -----------------------------------------------------------


def partners_tab(p: Pathway) -> None:
    st.markdown("The organisations in the partnership, and their part.")
    table(
        "organisations",
        {
            "id": cc.TextColumn("Id", disabled=True, width="small"),
            "name": cc.TextColumn("Organisation", required=True, width="large"),
            "role": cc.SelectboxColumn(
                "Part", options=list(ROLE_WORDS), format_func=named(ROLE_WORDS), required=True
            ),
        },
        disabled=["id"],
    )
    p = _now(p)
    left, right = st.columns(2)
    with left, st.form("add_org_form", clear_on_submit=True):
        st.markdown("**Add a partner**")
        st.text_input("Organisation's name", key="org_name")
        st.selectbox("Its part", list(ROLE_WORDS), format_func=named(ROLE_WORDS), key="org_role")
        st.form_submit_button(
            "Add the partner",
            key="add_org_submit",
            on_click=applying(editing.add_organisation, "org_name", "org_role"),
            disabled=not session.can_edit(),
        )
    with right, st.container(border=True):
        orgs = _orgs(p)
        st.markdown("**Remove a partner**")
        org = st.selectbox(
            "Partner to remove", [NONE, *orgs], format_func=named(orgs, "— choose —"), key="remove_org"
        )
        if org:
            st.warning(md(editing.organisation_impact(p, org).describe()))
            st.button(
                f"Yes, remove '{md(orgs[org])}'",
                key="remove_org_confirm",
                on_click=applying(editing.remove_organisation, "remove_org"),
                disabled=not session.can_edit(),
            )
    details_form(p)


def details_form(p: Pathway) -> None:
    c = p.context
    with (
        st.expander("About this pathway: title, summary, area, review dates"),
        st.form(f"details_form-{session.gen()}"),
    ):
        st.text_input("Title", value=p.title, key="about_title")
        st.text_area("Summary (and the guidance it follows)", value=p.summary or "", key="about_summary")
        st.text_input("Area", value=(c.area if c else None) or "", key="about_area")
        geos = [NONE, *[g.value for g in Geography]]
        st.selectbox(
            "Geography",
            geos,
            index=geos.index(c.geography.value) if c and c.geography else 0,
            format_func=lambda g: g.capitalize() if g else "— not given —",
            key="about_geo",
        )
        st.text_input("Who it is for", value=(c.population if c else None) or "", key="about_population")
        st.date_input("Last reviewed together", value=p.review.last if p.review else None, key="about_last")
        st.date_input("Next joint review", value=p.review.due if p.review else None, key="about_due")
        st.form_submit_button(
            "Keep these details",
            key="about_submit",
            on_click=applying(
                editing.update_details,
                title="about_title",
                summary="about_summary",
                area="about_area",
                geography="about_geo",
                population="about_population",
                review_last="about_last",
                review_due="about_due",
            ),
            disabled=not session.can_edit(),
        )


# -- outcomes and involvement ---------------------------------------------------------------------


def outcomes_tab(p: Pathway) -> None:
    labels = _labels(p)
    st.markdown("**Outcomes**: what difference the pathway makes for people, not only process targets.")
    table(
        "outcomes",
        {
            "id": cc.TextColumn("Id", disabled=True, width="small"),
            "measure": cc.TextColumn("What is measured", required=True, width="large"),
            "direction": cc.SelectboxColumn(
                "Aim", options=list(DIRECTION_WORDS), format_func=named(DIRECTION_WORDS), required=True
            ),
            "target": cc.TextColumn("Target (optional)"),
        },
        disabled=["id"],
    )
    p = _now(p)
    left, right = st.columns(2)
    with left, st.form("add_outcome_form", clear_on_submit=True):
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
        st.form_submit_button(
            "Add the outcome",
            key="add_outcome_submit",
            on_click=applying(
                editing.add_outcome, "outcome_measure", "outcome_direction", "outcome_target", "outcome_at"
            ),
            disabled=not session.can_edit(),
        )
    with right:
        outcomes = {o.id: o.measure for o in p.outcomes}
        with st.form("remove_outcome_form"):
            st.markdown("**Remove an outcome**")
            st.selectbox("Outcome", list(outcomes), format_func=named(outcomes), key="remove_outcome")
            st.form_submit_button(
                "Remove it (and from the steps that measure it)",
                key="remove_outcome_submit",
                on_click=applying(editing.remove_outcome, "remove_outcome"),
                disabled=not session.can_edit() or not outcomes,
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
    p = _now(p)
    left, right = st.columns(2)
    with left, st.form("add_involvement_form", clear_on_submit=True):
        st.markdown("**Record involvement**")
        st.date_input("When", value=dt.date.today(), key="inv_date")
        st.text_input("Who took part", key="inv_who", placeholder="e.g. Carers' forum")
        st.text_input("How", key="inv_how", placeholder="e.g. Co-design workshop")
        st.text_input("What changed because of it (optional)", key="inv_changed")
        st.form_submit_button(
            "Record it",
            key="add_involvement_submit",
            on_click=applying(editing.add_involvement, "inv_date", "inv_who", "inv_how", "inv_changed"),
            disabled=not session.can_edit(),
        )
    with right:
        records = {i: f"{x.date.isoformat()} {x.who}: {x.how}" for i, x in enumerate(p.involvement)}
        with st.form("remove_involvement_form"):
            st.markdown("**Remove a record**")
            st.selectbox("Record", list(records), format_func=named(records), key="remove_involvement")
            st.form_submit_button(
                "Remove it",
                key="remove_involvement_submit",
                on_click=applying(editing.remove_involvement, "remove_involvement"),
                disabled=not session.can_edit() or not records,
            )
