"""An SVG made safe to inline in a page: no prologue, and nothing in it that could run in a browser.

The renderer escapes user text itself; this is the second line of defence before the pack inlines
the SVG: scripts, `foreignObject`, event handlers and `javascript:` URLs are removed.
"""

from __future__ import annotations

import re

_PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.S | re.I)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>|<script\b[^>]*/>", re.S | re.I)
_FOREIGN = re.compile(r"<foreignObject\b.*?</foreignObject\s*>", re.S | re.I)
_HANDLER = re.compile(r"""\s on[a-z]+ \s*=\s* (?: "[^"]*" | '[^']*' | [^\s>]+ )""", re.I | re.X)
_JS_URL = re.compile(r"""(href\s*=\s*["'])\s*javascript:[^"']*""", re.I)
_TAG = re.compile(r"<[a-zA-Z][^>]*>")


def _clean_tag(match: re.Match[str]) -> str:
    return _JS_URL.sub(r"\1#", _HANDLER.sub("", match.group(0)))


def safe_svg(svg: str) -> str:
    """The SVG without its XML prologue, and without anything that could run in a browser."""
    svg = _PROLOGUE.sub("", svg)
    svg = _SCRIPT.sub("", svg)
    svg = _FOREIGN.sub("", svg)
    svg = _TAG.sub(_clean_tag, svg)  # attributes only: text in labels is left as written
    return svg.strip()
