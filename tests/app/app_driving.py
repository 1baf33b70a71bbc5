"""Driving the workshop app in AppTest the way a participant would."""

from __future__ import annotations

import base64
import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def git(root: Path, *args: str) -> str:
    """The `git` command line itself, to check what the store wrote."""
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout


def open_tab(at: AppTest, name: str) -> AppTest:
    at.session_state["tab"] = name
    at.run()
    assert not at.exception, at.exception
    return at


def edit_cells(at: AppTest, table: str, edited_rows: dict[int, dict[str, Any]]) -> AppTest:
    """Change cells of a table editor (AppTest cannot type into a data editor: set its state)."""
    key = f"table-{table}-{at.session_state['pd_pid']}-{at.session_state['pd_gen']}"
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest, why: str) -> AppTest:
    at.text_area(key="save_why").input(why)
    at.button(key="save_submit").click()
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Everything written on the page (markdown, captions, alerts, toasts), for assertions."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.title] + [h.value for h in at.header] + [h.value for h in at.subheader]
    for kind in ("error", "warning", "success", "info", "toast"):
        parts += [e.value for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))  # markdown escapes removed


def diagrams(at: AppTest) -> list[str]:
    """The SVG of each diagram on the page, as the browser puts it in place (laid out by `dot`,
    sent as base64 in a data attribute)."""
    bodies = [str(h.proto.body) for h in at.get("html")]
    packed = [m.group(1) for b in bodies for m in re.finditer(r'data-svg="([A-Za-z0-9+/=]*)"', b)]
    return [base64.b64decode(p).decode("utf-8") for p in packed]


def diagram_words(svg: str) -> str:
    """What a diagram says: its texts and tooltips, markup removed and spaces made single."""
    tooltips = " ".join(re.findall(r'xlink:title="([^"]*)"', svg))
    words = re.sub(r"<[^>]+>", " ", svg) + " " + tooltips
    return " ".join(html.unescape(words).split())


def using(root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app uses the workspace `root` on this computer (no code), with clean caches."""
    monkeypatch.setenv("PATHWAY_WORKSPACE", str(root))
    monkeypatch.delenv("PATHWAY_ACCESS_CODE", raising=False)
    config.set_option("server.address", "127.0.0.1")
    st.cache_resource.clear()
    yield root
    st.cache_resource.clear()
