"""The few rules of style the theme (`.streamlit/config.toml`) cannot set, for WCAG 2.2 AA.

Streamlit draws captions, placeholders and hints in its text colour made transparent: 3.8:1 on
white for captions and 2.3:1 for placeholders, below the 4.5:1 that small text needs. They are
given solid colours here (6.4:1 and 5.7:1 on white; above 5:1 on the sidebar's grey; a caption
is never faded further), and every control shows a clear ring when the keyboard reaches it.

A notice shown as a toast is an alert dialog that Streamlit names by an element it never draws
(axe-core: "ARIA dialog nodes should have an accessible name"); a script in the page names each
toast by its own words as it appears.

Inside a form the "Press Enter to submit form" hint is hidden: drawn over the end of the field, it
hides what was typed in the narrow sidebar, and each form has its button just below.
"""

from __future__ import annotations

import streamlit as st

QUIET_TEXT = "#575A66"  # captions and hints: 6.4:1 on white, 5.6:1 on the sidebar
PLACEHOLDER = "#5F6470"  # placeholders: 5.7:1 on white
FOCUS = "#212B32"  # the focus ring: 14:1 on white, and a white gap keeps it clear of blue buttons

CSS = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *,
[data-testid="stWidgetLabel"] small, [data-testid="InputInstructions"],
[data-testid="stTooltipHoverTarget"] svg, [data-testid="stMarkdownContainer"] small {{
  color: {QUIET_TEXT} !important;
}}
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
input::placeholder, textarea::placeholder {{ color: {PLACEHOLDER} !important; opacity: 1 !important; }}
[data-baseweb="select"] [aria-hidden="true"] + div, [data-baseweb="select"] input + div,
div[data-baseweb="select"] div[class*="placeholder"] {{ color: {PLACEHOLDER} !important; }}
[data-testid="stForm"] [data-testid="InputInstructions"] {{ display: none !important; }}
:focus-visible {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #FFFFFF !important; }}
</style>"""


# one observer per page, however many runs add this script
NAME_TOASTS = """<script>(() => {
  if (window.__pdNameToasts) return;
  const name = () => {
    for (const toast of document.querySelectorAll('[data-testid="stToast"]')) {
      const words = toast.querySelector('[data-testid="stToastText"]')?.textContent?.trim();
      if (words && toast.getAttribute('aria-label') !== words) {
        toast.removeAttribute('aria-labelledby');
        toast.setAttribute('aria-label', words);
      }
    }
  };
  window.__pdNameToasts = new MutationObserver(name);
  window.__pdNameToasts.observe(document.body, {childList: true, subtree: true});
  name();
})();</script>"""


def apply() -> None:
    """Add the rules to the page (once per run, before anything is drawn)."""
    st.html(CSS)
    st.html(NAME_TOASTS, unsafe_allow_javascript=True, width="content")
