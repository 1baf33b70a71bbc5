"""The conflicts a person settles, one below the other: each in words, with its three values and
a choice of keeping one side or taking the other. Used for a stale save, for bringing others'
changes in (`live`), and for a conflict with the shared copy (`sharing`)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pathway_designer.workshop.drafts import ConflictInWords

from .choices import named
from .text import md


def conflict_choices(
    told: Sequence[ConflictInWords],
    key: str,
    sides: tuple[str, str, str],
    keep: tuple[str, str],
    disabled: bool = False,
) -> None:
    """`sides`: how "yours", "theirs" and "before" read here; `keep`: the two choices' words.
    The choice for conflict i is in `st.session_state[f"{key}-{i}"]` ("ours" or "theirs")."""
    yours, theirs, before = sides
    for i, c in enumerate(told):
        what = f": {md(c.what)}" if c.what else ""
        st.markdown(
            f"**{i + 1}. {md(c.subject)}{what}**  \n*{yours}:* {md(c.yours)}  \n"
            f"*{theirs}:* {md(c.theirs)}  \n*{before}:* {md(c.before)}"
        )
        st.radio(
            "Keep",
            ["ours", "theirs"],
            key=f"{key}-{i}",
            horizontal=True,
            format_func=named({"ours": keep[0], "theirs": keep[1]}),
            disabled=disabled,
        )
