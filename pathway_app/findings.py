"""The findings panel (grouped by severity, in plain words, pointing at the step) and the measures."""

from __future__ import annotations

import streamlit as st

from pathway_designer.finding import Finding, Severity
from pathway_designer.words import SEVERITY_WORDS
from pathway_designer.workshop.pack import measures_table

from . import cache, revising, session
from .text import md, plain_cells

ICONS = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


def counts(findings: list[Finding]) -> dict[Severity, int]:
    return {s: sum(f.severity is s for f in findings) for s in Severity}


def summary() -> None:
    """One line for the side panel: how many of each (and a revision waiting, in plain words)."""
    waiting = revising.pending()
    if waiting:
        st.info(md(waiting), icon=":material/info:")
    n = counts(revising.shown(session.current().findings))
    if not any(n.values()):
        st.success("The checks found nothing to fix.")
        return
    parts = [f"{ICONS[s]} {n[s]} {SEVERITY_WORDS[s.value].lower()}" for s in Severity if n[s]]
    (st.error if n[Severity.ERROR] else st.warning)(" · ".join(parts) + " (see Findings)")


def panel() -> None:
    check = session.current()
    pathway = check.pathway
    found = revising.shown(check.findings)
    left, right = st.columns([3, 2])
    with left:
        st.markdown("#### What the checks found")
        waiting = revising.pending()
        if waiting:
            st.info(md(waiting), icon=":material/info:")
        if not found:
            st.success("Nothing: the checks found no problems.")
        for severity in Severity:
            group = [f for f in found if f.severity is severity]
            if not group:
                continue
            with st.expander(
                f"{ICONS[severity]} {SEVERITY_WORDS[severity.value]} ({len(group)})",
                expanded=severity is not Severity.INFO,
            ):
                # The message names steps and organisations as people know them; the rule and its
                # line are small print for whoever reads the YAML.
                for f in group:
                    st.markdown(f"- {md(f.message)} :small[:gray[{md(f.reference())}]]")
    with right:
        st.markdown("#### Measures")
        result = cache.measures(session.draft())
        if pathway is None or result is None:
            st.caption("Measures appear when the pathway can be read.")
            return
        rows = measures_table(pathway, result)
        st.table(plain_cells({"Measure": [m for m, _ in rows], "Value": [v for _, v in rows]}))
        if result.handoffs:
            with st.expander(f"Handoffs between organisations ({len(result.handoffs)})"):
                names = {o.id: o.name for o in pathway.organisations}
                labels = {s.id: s.label for s in pathway.steps}
                for h in result.handoffs:
                    how = md(h.how) if h.how else "**no handoff agreed yet**"
                    st.markdown(
                        f"- {md(labels.get(h.from_step, h.from_step))} → "
                        f"{md(labels.get(h.to_step, h.to_step))}: "
                        f"{md(names.get(h.from_organisation, h.from_organisation))} to "
                        f"{md(names.get(h.to_organisation, h.to_organisation))}, {how}"
                    )
