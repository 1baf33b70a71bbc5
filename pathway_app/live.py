"""Saving with a reason, seeing others' saves as they happen, and settling true conflicts.

- Saving asks why (required) and records the person's name and organisation. A save based on an
  older version is merged by meaning in the store; true conflicts come back here, shown side by
  side, and the person chooses for each: nothing is overwritten silently.
- Every few seconds a light fragment checks the workspace's head (one small file read) and, when
  someone else has saved this pathway, says so: "Amina (Voluntary sector) saved v14: ...". Bringing
  their version in merges it with the person's unsaved changes, which are kept.
"""

from __future__ import annotations

import functools

import streamlit as st

from pathway_designer.changes.merge import Conflict
from pathway_designer.checks.saving import blocking_findings
from pathway_designer.finding import Severity
from pathway_designer.store import SaveResult, StoreError, Version
from pathway_designer.words import STATUS_WORDS, word
from pathway_designer.workshop import drafts
from pathway_designer.workshop.editing import EditError

from . import session, sharing, signoff
from .conflict_choices import conflict_choices
from .store import workspace
from .text import md

POLL_SECONDS = 3
CONFLICT = "conflict"  # {"kind": "save" | "pull", "conflicts": [...], "latest": Version, "why": str}


def _base_commit() -> str | None:
    base = session.base()
    return base.commit if isinstance(base, Version) else None


# -- saving ---------------------------------------------------------------------------------------


def save_box() -> None:
    person = session.who()
    check = session.current()
    base = session.base()
    on = f"you are working from {base.label}" if isinstance(base, Version) else "not saved yet"
    if session.unsaved():
        st.markdown(f"**Unsaved changes** ({md(on)}).")
    else:
        st.markdown(f"No unsaved changes ({md(on)}).")
    if person is None or not person.can_edit:
        st.caption("You are viewing: you can comment, but not save changes.")
        return
    if signoff.blocked_save(check.pathway):  # retired, or agreed with changes: a revision first
        return
    if check.pathway is None:
        st.caption("The YAML cannot be read: fix it in the expert view before saving.")
    blocking = len(blocking_findings(check.pathway, check.findings)) if check.pathway else 0
    if st.session_state.get(session.TOO_LARGE):
        st.caption("Your draft is too large to keep for you if you leave: save it before you go.")
    if check.pathway is not None and blocking:
        st.caption(
            f"{blocking} thing{'s' * (blocking != 1)} must be fixed before this can be saved as "
            f"{word(STATUS_WORDS, check.pathway.status).lower()}; a draft can be saved as it is."
        )
    with st.form("save_form", border=False):
        st.text_area(
            "Why this change?",
            key="save_why",
            height=80,
            placeholder="e.g. Added a crisis café so people have somewhere to go in the evening",
        )
        session.say_here("save")  # beside the button that was pressed, in view
        st.form_submit_button(
            "Save a new version",
            key="save_submit",
            type="primary",
            on_click=save_now,
            disabled=not session.unsaved() or check.pathway is None,
        )
    st.button(
        "Undo my last change",
        key="undo_button",
        on_click=session.undo,
        disabled=not st.session_state.get(session.UNDO),
    )
    if session.unsaved():
        st.button("Discard my unsaved changes", key="discard_button", on_click=session.discard)


def save_now(choices: drafts.Choices | None = None) -> None:
    s = st.session_state
    person = session.who()
    why = (s.get("save_why") or "").strip() if choices is None else s[CONFLICT]["why"]
    if person is None:
        return
    if not why:
        session.notify(
            "error",
            "Please say why you made this change: the reason is kept with the "
            "version, for everyone who comes after.",
            at="save",
        )
        return
    try:
        result = workspace().save(
            session.draft(),
            author=person.name,
            organisation=person.organisation,
            rationale=why,
            base=_base_commit(),
            choices=choices,
        )
    except StoreError as exc:  # a full disk, a link out of the workspace: the draft stays as typed
        session.notify("error", f"Not saved: {exc}. Your changes are still here, unsaved.", at="save")
        return
    settled = s[CONFLICT]["conflicts"] if choices is not None else None
    handle(result, why, drafts.kept_words(settled, choices) if settled and choices else None)


def handle(result: SaveResult, why: str, kept: str | None = None) -> None:
    """Say what a save did; `kept`: what settling the conflicts kept, in words."""
    s = st.session_state
    if result.status in ("saved", "merged") and result.version and result.text is not None:
        sharing.nudge()  # sent to the shared copy now, not at the next round
        session.rebase(result.version, result.text, result.text)
        s.save_why = ""
        s.pop(CONFLICT, None)
        if result.status == "merged" and result.latest is not None:
            session.notify(
                "success",
                f"Saved {result.version.label}. It includes "
                f"{result.latest.who()}'s {result.latest.label}, saved while you were working: "
                + (kept or "both sets of changes are kept."),
                at="save",
            )
        else:
            session.notify("success", f"Saved {result.version.label}: {why}", at="save")
    elif result.status == "unchanged":
        latest = result.latest or result.version
        if latest is not None and result.text is not None:
            session.rebase(latest, result.text, result.text)
        s.pop(CONFLICT, None)
        session.notify("info", "Nothing to save: the pathway is the same as the latest version.", at="save")
    elif result.status == "conflict" and result.latest is not None:
        s[CONFLICT] = {"kind": "save", "conflicts": result.conflicts, "latest": result.latest, "why": why}
    else:
        problems = "; ".join(f.message for f in result.findings if f.severity is Severity.ERROR)
        session.notify(
            "error", f"Not saved: {result.message}" + (f". {problems}" if problems else ""), at="save"
        )


# -- others' saves ---------------------------------------------------------------------------------


@st.fragment(run_every=POLL_SECONDS)
def announcements() -> None:
    """The cheap check: has the head moved, and is there a newer version of this pathway?"""
    pid = session.pathway_id()
    if pid is None:
        return
    ws = workspace()
    head = ws.head()
    known = st.session_state.get("seen_head")
    if head != known or "seen_latest" not in st.session_state:
        st.session_state["seen_head"] = head
        st.session_state["seen_latest"] = ws.latest(pid)
    latest: Version | None = st.session_state["seen_latest"]
    if latest is None or latest.commit == _base_commit():
        return
    if st.session_state.get("toasted") != latest.commit:
        st.session_state["toasted"] = latest.commit
        st.toast(md(latest.describe()), icon=":material/notifications_active:")
    with st.container(border=True):
        st.markdown(f":material/notifications_active: **{md(latest.describe())}**")
        if st.button("Bring their changes into mine", key="bring_in", type="primary"):
            bring_in(latest)
            st.rerun()
        with st.popover("What changed?"):
            for change in _changes(latest):
                st.markdown(f"- {md(change)}")
        if session.unsaved():
            st.caption("Your unsaved changes are kept when you bring theirs in.")


def _changes(latest: Version) -> tuple[str, ...]:
    return _changes_between(session.base_text(), latest.pathway, latest.commit)


@functools.lru_cache(maxsize=32)
def _changes_between(base_text: str, pid: str, commit: str) -> tuple[str, ...]:
    """What a newer version changed, in words (worked out once, not on every poll)."""
    try:
        theirs = workspace().text(pid, commit)
    except StoreError as exc:  # a version committed by other means, with bytes that are not text
        return (f"It cannot be read: {exc}",)
    return tuple(drafts.changes_since(base_text, theirs))


def bring_in(latest: Version) -> None:
    try:
        theirs_text = workspace().text(latest.pathway, latest.commit)
    except StoreError as exc:
        session.notify("error", f"{latest.label} cannot be brought in: {exc}", at="pull")
        return
    try:
        brought = drafts.bring_in(session.base_text(), session.draft(), theirs_text)
    except EditError as exc:
        session.refuse(exc, at="pull")
        return
    if brought.text is None:
        st.session_state[CONFLICT] = {
            "kind": "pull",
            "conflicts": brought.conflicts,
            "latest": latest,
            "why": "",
            "theirs": theirs_text,
        }
        return
    session.rebase(latest, theirs_text, brought.text)
    if brought.kept_mine:
        session.notify("success", f"Brought in {latest.label}; your unsaved changes are kept.", at="pull")
    else:
        session.notify("success", f"You now have {latest.label}.", at="pull")


# -- conflicts ------------------------------------------------------------------------------------


def conflicts_panel(kind: str) -> None:
    """The choices to make, where the person is: under the save button after a save, under the
    announcement after bringing others' changes in. Each conflict in words, stacked to fit."""
    if kind == "pull":
        session.say_here("pull")
    state = st.session_state.get(CONFLICT)
    if not state or state["kind"] != kind:
        return
    latest: Version = state["latest"]
    conflicts: list[Conflict] = state["conflicts"]
    theirs_text = state.get("theirs") or workspace().text(latest.pathway, latest.commit)
    told = drafts.conflicts_in_words(conflicts, session.base_text(), session.draft(), theirs_text)
    with st.container(border=True, key=f"conflict_panel_{kind}"):
        st.subheader("Choose what to keep")
        st.warning(
            f"{md(latest.who())} saved {md(latest.label)} while you were working ({md(latest.summary)}), "
            "and changed some of the same things. For each one, keep yours or take theirs. "
            "Everything else either of you changed is kept."
        )
        conflict_choices(
            told, "choice", ("Yours", f"Theirs ({md(latest.author)})", "Before either of you"),
            ("Keep mine", "Take theirs"),
        )
        label = "Save with these choices" if kind == "save" else "Bring theirs in with these choices"
        st.button(label, key="settle", type="primary", on_click=settle)
        st.button("Not now", key="settle_later", on_click=lambda: st.session_state.pop(CONFLICT, None))
    session.scroll_to(f"conflict_panel_{kind}")  # it opens where the person is, in view


def settle() -> None:
    s = st.session_state
    state = s[CONFLICT]
    conflicts: list[Conflict] = state["conflicts"]
    choices = drafts.choose(conflicts, [s.get(f"choice-{i}") for i in range(len(conflicts))])
    if state["kind"] == "save":
        save_now(choices)
        return
    try:
        text = drafts.settle(session.base_text(), session.draft(), state["theirs"], choices)
    except EditError as exc:
        session.refuse(exc)
        return
    session.rebase(state["latest"], state["theirs"], text)
    s.pop(CONFLICT, None)
    session.notify(
        "success",
        f"Brought in {state['latest'].label}. {drafts.kept_words(conflicts, choices)} Save when ready.",
        at="pull",
    )
