"""The browser code the pathway's page needs, fetched while a person fills in who they are.

Streamlit's browser code comes in parts, fetched the first time a page shows an element of that
kind. A pathway's page opens with its tables, whose part (the grid and its data format, about
1.7 MB of script) would otherwise be fetched and compiled only after "Start". An empty table in a
hidden box on the welcome page and the list of pathways fetches it while the person is reading and
typing. Hidden with `display: none`: not drawn, not in the tab order, not read by screen readers.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

KEY = "pd-ahead"
_HIDDEN = f"<style>.st-key-{KEY} {{ display: none !important; }}</style>"


def fetch_code_ahead() -> None:
    st.html(_HIDDEN)
    with st.container(key=KEY):
        st.data_editor(pd.DataFrame({"ahead": pd.Series([], dtype="str")}), key="pd_ahead_table",
                       disabled=True, hide_index=True)
