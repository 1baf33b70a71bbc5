"""The workshop app's page (Streamlit). `app.py` runs `main()`.

The page only lays out widgets, keeps session state and calls the library: editing operations
(`pathway_designer.workshop.editing`), bringing others' saves into a draft (`workshop.drafts`),
the save rule (`checks.saving`), the store, rendering, the partnership lens, the workshop pack and
access rules all live in `pathway_designer`, which never imports streamlit.
"""

from __future__ import annotations

import streamlit as st

from pathway_designer.store import StoreError, UnknownPathway
from pathway_designer.words import STATUS_WORDS, word

from . import (
    collecting,
    comments,
    compare,
    diagram,
    export,
    findings,
    flow_tab,
    gate,
    history,
    leaving,
    live,
    outcomes_tab,
    partners_tab,
    session,
    sharing,
    signoff,
    start,
    steps_tab,
    story_tab,
    style,
    upstream,
    yaml_view,
)
from .store import workspace
from .text import md

TABS = [
    "Steps",
    "Connections",
    "Partners",
    "Outcomes and involvement",
    "Findings and measures",
    flow_tab.TITLE,
    story_tab.TITLE,
    "History",
    "Comments",
    "Sign-off",
    "Compare",
    "Export",
    "YAML (expert)",
]


def show_notice() -> None:
    """The notice no control showed beside itself (one about the whole page, or about a control
    that is not on the page any more), at the top."""
    notice = session.pop_notice()
    if notice is not None:
        session.show(notice)


def _organisations(pid: str | None) -> list[str]:
    ws = workspace()
    ids = [pid] if pid else ws.pathway_ids()
    names: dict[str, None] = {}
    for i in ids:
        try:
            names.update({o.name: None for o in ws.pathway(i).organisations})
        except Exception:  # an unreadable pathway offers no names
            continue
    return list(names)


collecting.make_full_collections_rare()


def main() -> None:
    """One script run of the page (Python's full garbage collection waits for a quiet moment)."""
    with collecting.COLLECTOR.run():
        _run()


def _run() -> None:
    # an emoji icon: Streamlit draws it in the page, where a `:material/...:` icon is fetched from
    # fonts.gstatic.com by every participant's browser
    st.set_page_config(page_title="Pathway workshop", page_icon="🧭", layout="wide")
    style.apply()
    access = gate.admit()
    ws = workspace()
    pid = st.query_params.get(start.QUERY)
    if pid and pid not in ws.pathway_ids() and pid != session.pathway_id():  # or brought in, unsaved
        st.error(f"There is no pathway '{md(pid)}' in this workspace; choose one below.")
        del st.query_params[start.QUERY]
        pid = None
    session.recall_who(access)
    gate.introduce(access, lambda: _organisations(pid))
    session.remember_who()
    gate.badge()
    if not pid:
        leaving.guard(False)  # the list of pathways has nothing unsaved to leave
        show_notice()
        start.choose()
        sharing.status()
        return
    if session.pathway_id() != pid:
        try:
            latest = ws.latest(pid)
            session.start(pid, latest, ws.text(pid))
        except UnknownPathway:
            st.error("That pathway cannot be opened.")
            return
        except StoreError as exc:  # its latest version does not read as text
            st.error(f"That pathway cannot be opened: {md(str(exc))}")
            return
    page(pid)


def _back() -> None:
    if session.unsaved() and session.who() is not None:
        pathway = session.current().pathway
        named = f" to '{pathway.title}'" if pathway else ""
        session.notify(
            "info", f"Your unsaved changes{named} are kept for you: open the pathway again to go on.",
            at="pathways",  # said on the list of pathways, where the person is now (not a toast)
        )
    st.query_params.clear()
    st.session_state.pop(session.PATHWAY, None)


def page(pid: str) -> None:
    """The pathway's page. The tabs run first (a cell changed in a table is kept there), and the
    parts above them and the sidebar are drawn into their places afterwards, so one script run
    shows an edit everywhere: no second run."""
    with st.sidebar:
        st.button("← All pathways", key="back", on_click=_back)
        back_note = st.container()
        st.caption("Share this page's address to bring others to this pathway.")
        st.divider()
        side = st.container()
    header = st.container()
    notices = st.container()
    above = st.container()
    tabs = st.tabs(TABS, key="tab", on_change="rerun")
    diagram.prepare()
    pathway = session.current().pathway
    views = {
        "Steps": lambda: steps_tab.steps_tab(pathway) if pathway else _unreadable(),
        "Connections": lambda: steps_tab.connections_tab(pathway) if pathway else _unreadable(),
        "Partners": lambda: partners_tab.partners_tab(pathway) if pathway else _unreadable(),
        "Outcomes and involvement": lambda: outcomes_tab.outcomes_tab(pathway) if pathway else _unreadable(),
        "Findings and measures": findings.panel,
        flow_tab.TITLE: lambda: flow_tab.panel(pathway) if pathway else _unreadable(),
        story_tab.TITLE: lambda: story_tab.panel(pathway) if pathway else _unreadable(),
        "History": lambda: history.panel(pid),
        "Comments": lambda: comments.panel(pid),
        "Sign-off": signoff.panel,
        "Compare": lambda: compare.panel(pid),
        "Export": lambda: export.panel(pid),
        "YAML (expert)": yaml_view.panel,
    }
    for name, tab in zip(TABS, tabs, strict=True):
        if tab.open:
            with tab:
                try:
                    views[name]()
                except UnknownPathway:  # brought in from a file and not saved yet: no history
                    st.info("This pathway is not saved yet: this part fills in once it is saved.")
    with side:
        sharing.status()
        sharing.standoff_panel(pid)
        live.announcements()
        live.conflicts_panel("pull")
        findings.summary()
        live.save_box()
        live.conflicts_panel("save")
    with header:
        pathway = session.current().pathway
        status = word(STATUS_WORDS, pathway.status) if pathway else "cannot be read"
        st.title(md(pathway.title if pathway else pid))
        st.caption(
            f"{md(status)} · {md(getattr(session.base(), 'label', 'not saved yet'))}"
            + (" · **unsaved changes**" if session.unsaved() else "")
        )
    with back_note:
        leaving.back_note()
        leaving.guard(session.unsaved() and session.who() is not None)
    with notices:
        show_notice()
        upstream.banner(pid)
    with above:
        diagram.show()


def _unreadable() -> None:
    st.warning("The pathway cannot be read: fix the YAML in the expert view first.")
