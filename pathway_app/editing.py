"""Editing the pathway in the domain's words: what the editing tabs share (`steps_tab`,
`partners_tab`, `outcomes_tab`): running a library operation on the draft, a form's callback, and
the table editors.

Tables are keyed data editors with a fixed number of rows (see `session` for why); rows are added
and removed with the forms beside them. Every change goes through `pathway_designer.workshop.editing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.words import TIME_HINT, field_words
from pathway_designer.workshop import editing
from pathway_designer.workshop.editing import EditError

from . import cache, comments, diagram, session
from .choices import named
from .text import md

cc = st.column_config
TIME_HELP = f"How long, in words: {TIME_HINT}. Leave it empty if it is not agreed yet."
NONE = ""


def apply(
    operation: Callable[..., editing.Edit], *args: Any, at: str | None = None, **kwargs: Any
) -> bool:
    """Run an editing operation on the current draft and keep it, or say why not (beside the
    control `at`, when given: see `session.say_here`)."""
    pathway = session.current().pathway
    if pathway is None:
        session.notify("error", "Fix the YAML first (expert view): the pathway cannot be read.", at)
        return False
    try:
        edit = operation(pathway, *args, **kwargs)
    except EditError as exc:
        session.refuse(exc, at)
        return False
    session.keep(edit)
    return True


def applying(
    operation: Callable[..., editing.Edit], *keys: str, at: str | None = None,
    clear: tuple[str, ...] = (), **named_keys: str,
) -> Callable[[], None]:
    """A button's callback: `operation` applied to the values of the widgets `keys` (and, by name,
    `named_keys`) as they are when the button is pressed: a form's values are only known then. An
    empty widget means "not given"; the library treats it so. A refusal is said at `at`, and what
    was typed stays; once the edit is kept, the text fields `clear` are emptied for the next one."""

    def callback() -> None:
        state = st.session_state
        done = apply(
            operation, *(state[k] for k in keys), at=at,
            **{name: state[k] for name, k in named_keys.items()},
        )
        if done:
            for k in clear:
                state[k] = ""

    return callback


def removal_form(
    form: str, title: str, what: str, choices: dict[Any, str], key: str, button: str,
    on_click: Callable[[], None],
) -> None:
    """A form to remove one of `choices` (shown by their words), pressed with `button`."""
    with st.form(form):
        st.markdown(f"**{title}**")
        st.selectbox(what, list(choices), format_func=named(choices), key=key)
        st.form_submit_button(
            button, key=f"{form.removesuffix('_form')}_submit", on_click=on_click,
            disabled=not session.can_edit() or not choices,
        )


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
        result = editing.apply_table_cells(pathway, name, changes)
    except EditError as exc:
        session.refuse(exc)
        st.rerun()  # the editor must start again from the draft: its rows are not the draft's
    if result.edit is not None and result.edit.text != session.draft():
        session.keep(result.edit, from_table=True)
        diagram.prepare()  # the new diagram is laid out while the rest of the page is drawn
    if result.refused:  # the typed text stays in its cell, and here is why it is not kept
        shown = frame.to_dict("records")
        lines = [
            f"- **{md(_row_name(name, shown[cell.row]))}, {md(field_words(cell.column))}**: {md(cell.reason)}"
            for cell in result.refused
        ]
        st.error(
            "Not kept (the cell shows what you typed until you change it):\n" + "\n".join(lines),
            icon=":material/block:",
        )


def _row_name(table_name: str, row: dict[str, Any]) -> str:
    """How people know a row: its step, organisation, outcome, way on or record."""
    if table_name == "transitions":
        return f"{row.get('from')} → {row.get('to')}"
    for column in ("label", "name", "measure", "who"):
        if row.get(column):
            return str(row[column])
    return "This row"


def latest(p: Pathway) -> Pathway:
    """The pathway after any edit kept by a table above (for the forms that follow it)."""
    return session.current().pathway or p


def step_labels(p: Pathway) -> dict[str, str]:
    return {s.id: s.label for s in p.steps}


def org_names(p: Pathway) -> dict[str, str]:
    return {o.id: o.name for o in p.organisations}
