"""The journey in words: the main routes told for service users and carers, and the diagram's text
alternative (the diagram links here by `TITLE`). The words are the library's (`partnership.story`)."""

from __future__ import annotations

import streamlit as st

from pathway_designer.model import Pathway
from pathway_designer.partnership.story import STORY_TITLE, story
from pathway_designer.partnership.story_markdown import story_markdown

from .text import md

TITLE = STORY_TITLE  # the tab's name: the diagram's link to its text alternative names it


def _said(sentences: tuple[str, ...]) -> str:
    return " ".join(md(s) for s in sentences)


def panel(pathway: Pathway) -> None:
    told = story(pathway)
    st.markdown(f"#### {md(TITLE)}")
    st.caption(
        "Made from the pathway, for the people who use it and their carers: it changes when the "
        "pathway changes. It also tells in words what the diagram shows."
    )
    st.markdown(_said(told.introduction))
    for route in told.routes:
        with st.container(border=True):
            st.markdown(f"##### {md(route.title)}")
            st.markdown(_said(route.summary))
            st.markdown("\n".join(f"{n}. {_said(step.sentences)}" for n, step in enumerate(route.steps, 1)))
    if told.closing:
        st.markdown(_said(told.closing))
    st.download_button(
        "Download the journey in words (Markdown)",
        story_markdown(told),
        file_name=f"{pathway.id}-journey.md",
        mime="text/markdown",
        key="story_download",
    )
