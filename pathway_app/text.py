"""Showing people's words safely in Streamlit markdown: their text is never markup."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")


def md(text: object) -> str:
    """Text with every markdown (and Streamlit directive) character escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))
