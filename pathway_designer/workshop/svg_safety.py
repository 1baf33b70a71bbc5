"""An SVG made safe to inline in a page: rebuilt from an allow-list, so nothing in it can run.

The renderer escapes user text itself; this is the second line of defence before the pack inlines
the SVG. The SVG is parsed (lxml: no DTD, no entities resolved, no network) and copied element by
element into a new SVG, keeping only the elements and attributes Graphviz draws with: shapes, paths,
text, groups, tooltips (`xlink:title`), links within the page (`#...`) and gradients. Everything else
is left behind with what it holds: `script`, `style`, `foreignObject`, `set` and `animate`, `use`,
`image`, every `on*` handler, every `style` attribute, and any URL other than `#...` (`javascript:`
however it is written, `&#106;avascript:` included, since the parser has decoded it). Text stays
text: it is written out escaped, so a tooltip holding quotes keeps its arrow whole.
A document that is not an SVG, or cannot be read, gives nothing.
"""

from __future__ import annotations

import re

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

ELEMENTS = frozenset({
    "svg", "g", "title", "desc", "a", "text", "tspan", "polygon", "polyline", "path", "ellipse",
    "circle", "rect", "line", "defs", "linearGradient", "radialGradient", "stop",
})
ATTRIBUTES = frozenset({
    "id", "class", "version", "width", "height", "viewBox", "preserveAspectRatio", "transform",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "opacity",
    "points", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy",
    "text-anchor", "font-family", "font-size", "font-weight", "font-style", "text-decoration",
    "baseline-shift", "dominant-baseline", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "fx", "fy",
})
_LOCAL_URL = re.compile(r"\s*url\(\s*#[\w.:-]+\s*\)\s*$")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True,
    huge_tree=False, recover=True,
)


def _local(name: str) -> str:
    """`{namespace}name`, `prefix:name` or `name` as `name`."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _namespace(name: str) -> str | None:
    if name.startswith("{"):
        return name[1:].split("}", 1)[0]
    return XLINK if name.startswith("xlink:") else None


def _allowed(tag: object) -> bool:
    return isinstance(tag, str) and _namespace(tag) in (SVG, None) and _local(tag) in ELEMENTS


# What each tag and attribute name becomes, worked out once: a big diagram has thousands of
# elements with the same few names, and this copy runs on every edit of the live diagram.
# Bounded: a hostile document's thousand made-up names are worked out each time, not kept.
_TAGS: dict[object, str | None] = {}
_NAMES: dict[str, tuple[str, str] | None] = {}  # name -> (name written, how its value is checked)
_KEPT_NAMES = 512


def _tag(tag: object) -> str | None:
    """The SVG tag an element is copied as, or None to leave it behind."""
    if tag in _TAGS:
        return _TAGS[tag]
    found = f"{{{SVG}}}{_local(tag)}" if _allowed(tag) else None  # type: ignore[arg-type]
    if len(_TAGS) < _KEPT_NAMES:
        _TAGS[tag] = found
    return found


def _name(name: str) -> tuple[str, str] | None:
    found = _NAMES.get(name)
    if found is None and name not in _NAMES:
        local, namespace = _local(name), _namespace(name)
        if namespace == XLINK and local == "title":
            found = (f"{{{XLINK}}}title", "text")  # a tooltip: text, written out escaped
        elif local == "href" and namespace in (XLINK, None):
            found = (f"{{{XLINK}}}href", "href")
        elif namespace is None and local in ATTRIBUTES:
            found = (local, "value")
        if len(_NAMES) < _KEPT_NAMES:
            _NAMES[name] = found
    return found


def _attributes(element: etree._Element) -> dict[str, str]:
    kept = {}
    for name, value in element.attrib.items():
        found = _name(name)
        if found is None:
            continue
        written, how = found
        if how == "href":
            if value.strip().startswith("#"):
                kept[written] = value.strip()
        elif how == "value" and "(" in value and "url(" in value.lower() and not _LOCAL_URL.match(value):
            continue  # a fill or a stroke from elsewhere: only gradients in the SVG itself
        else:
            kept[written] = value
    return kept


def _copy(element: etree._Element, into: etree._Element) -> None:
    """The allowed children of `element`, with their text, copied into `into`."""
    into.text = element.text
    last: etree._Element | None = None
    for child in element:
        tag = _tag(child.tag)
        if tag is not None:
            last = etree.SubElement(into, tag, _attributes(child))
            _copy(child, last)
            last.tail = child.tail
        elif child.tail:  # what follows a dropped element is text of its parent
            if last is None:
                into.text = (into.text or "") + child.tail
            else:
                last.tail = (last.tail or "") + child.tail


def safe_svg(svg: str) -> str:
    """The SVG rebuilt from the allow-list, without its prologue; "" if it is not an SVG."""
    try:
        root = etree.fromstring(svg.encode("utf-8"), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return ""
    if root is None or not _allowed(root.tag) or _local(root.tag) != "svg":
        return ""
    clean = etree.Element(f"{{{SVG}}}svg", _attributes(root), nsmap={None: SVG, "xlink": XLINK})
    _copy(root, clean)
    return etree.tostring(clean, encoding="unicode")
