"""The Partners tab: the organisations in the partnership, adding and removing one (saying what a
removal touches), and the pathway's own details (title, summary, area, review dates)."""

from __future__ import annotations

import streamlit as st

from pathway_designer.model import Geography, Pathway
from pathway_designer.words import ROLE_WORDS
from pathway_designer.workshop import editing

from . import session
from .choices import named
from .editing import NONE, applying, cc, latest, org_names, table
from .text import md


def partners_tab(p: Pathway) -> None:
    st.markdown("The organisations in the partnership, and their part.")
    table(
        "organisations",
        {
            "name": cc.TextColumn("Organisation", required=True, width="large"),
            "role": cc.SelectboxColumn("Part", options=list(ROLE_WORDS.values()), required=True),
        },
        disabled=[],
        order=["name", "role"],
    )
    p = latest(p)
    left, right = st.columns(2)
    with left, st.form("add_org_form", clear_on_submit=False):
        st.markdown("**Add a partner**")
        st.text_input("Organisation's name", key="org_name")
        st.selectbox("Its part", list(ROLE_WORDS), format_func=named(ROLE_WORDS), key="org_role")
        session.say_here("add_org")
        st.form_submit_button(
            "Add the partner",
            key="add_org_submit",
            on_click=applying(
                editing.add_organisation, "org_name", "org_role", at="add_org", clear=("org_name",)
            ),
            disabled=not session.can_edit(),
        )
    with right, st.container(border=True):
        orgs = org_names(p)
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
        session.say_here("about")
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
                at="about",
            ),
            disabled=not session.can_edit(),
        )
