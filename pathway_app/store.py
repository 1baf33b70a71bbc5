"""The workspace, opened once per folder and shared by every session (the store is thread-safe)."""

from __future__ import annotations

import os

import streamlit as st

from pathway_designer.store import ENVIRONMENT, Workspace


@st.cache_resource(show_spinner=False)
def _open(folder: str) -> Workspace:
    return Workspace.open(folder or None)


def workspace() -> Workspace:
    return _open(os.environ.get(ENVIRONMENT, ""))
