"""The workshop pack: everything a workshop agreed, printable, with all user text escaped."""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser

import pytest
from app_helpers import SMALL

from pathway_designer import load_text, validate
from pathway_designer.partnership import analyse
from pathway_designer.partnership.signoff import sign_off
from pathway_designer.render import render
from pathway_designer.workshop import editing
from pathway_designer.workshop.pack import (
    CommentEntry,
    HistoryEntry,
    build_pack,
    contributors,
    measures_table,
    safe_svg,
)

HISTORY = [
    HistoryEntry("v2", "2026-11-20 10:02", "Amina Khan", "Age UK North", "Added a crisis café"),
    HistoryEntry("v1", "2026-11-19 09:00", "Sam Lee", "North ICB", "First draft"),
]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def test_pack_has_every_section_and_credits_contributors():
    p = sign_off(load_text(SMALL), "icb", "Sam Lee", "Head of commissioning",
                 today=dt.date(2026, 11, 21))
    html = build_pack(
        p, svg='<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><g id="step-referral"/></svg>',
        findings=validate(p), analysis=analyse(p), history=HISTORY,
        comments=[CommentEntry("Jo Carer", "Carers' group", "Classes are hard to reach by bus",
                               "2026-11-20", "strength")],
        version="v2", generated=dt.datetime(2026, 11, 21, 12, 0))
    for heading in ("Partners", "The pathway", "What the checks found", "Measures", "Outcomes",
                    "Involvement of service users and carers", "Sign-offs", "Comments",
                    "Recent changes and why they were made", "Who contributed"):
        assert f"<h2>{heading}</h2>" in html
    assert '<g id="step-referral"/>' in html and "<?xml" not in html
    assert "Added a crisis café" in html and "Falls in the next 12 months" in html
    assert "Classes moved to village halls" in html and "current" in html
    for name in ("Amina Khan", "Sam Lee", "Jo Carer", "Older people&#x27;s forum"):
        assert name in html
    assert "21 November 2026" in html


def test_stale_signoff_is_marked():
    p = sign_off(load_text(SMALL), "icb", "Sam Lee", today=dt.date(2026, 11, 21))
    changed = editing.update_step(p, "referral", label="Referral after any fall").pathway
    html = build_pack(changed, svg=None, findings=[], analysis=None)
    assert "stale: the pathway changed since" in html
    assert "could not be drawn here" in html


def test_user_text_is_escaped_everywhere():
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    p = editing.update_step(load_text(SMALL), "referral", label=hostile).pathway
    p = editing.add_involvement(p, "2026-11-01", hostile, hostile).pathway
    html = build_pack(
        p, svg=None, findings=validate(p), analysis=analyse(p),
        history=[HistoryEntry("v1", "d", hostile, hostile, hostile)],
        comments=[CommentEntry(hostile, hostile, hostile, "d", "referral")])
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not [a for a in parser.attrs if a.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_safe_svg_removes_active_content_but_keeps_text():
    svg = ('<svg onload="x()"><a xlink:href="javascript:alert(1)"><text>carry on = yes</text></a>'
           "<script>bad()</script><foreignObject><div>x</div></foreignObject></svg>")
    clean = safe_svg(svg)
    assert "script" not in clean and "onload" not in clean and "javascript" not in clean
    assert "foreignObject" not in clean and "carry on = yes" in clean


def test_contributors_count_versions_and_comments():
    p = load_text(SMALL)
    people = contributors(p, [*HISTORY, HistoryEntry("v3", "d", "Amina Khan", "Age UK North", "x")],
                          [CommentEntry("Amina Khan", "Age UK North", "hi")])
    amina = next(c for c in people if c.name == "Amina Khan")
    assert amina.how == ("saved 2 versions", "1 comment")


def test_measures_in_plain_words():
    p = load_text(SMALL)
    rows = dict(measures_table(p, analyse(p)))
    assert rows["Steps"] == "5" and rows["Decisions"] == "1"
    assert rows["Outcomes measured"] == "1 of 1"
    assert "%" in rows["Where care happens"]
    # referral waits 2d, assessment 1w, strength takes 12w; the decision has no time given.
    assert rows["Shortest route"] == "4 steps, 1 week 2 days (plus 1 step with no time given)"
    assert rows["Slowest route"] == "13 weeks 2 days (plus 1 step with no time given)"
    assert rows["Where care happens"].endswith("Setting not stated 40%, At home 20%")


# -- the SVG rebuilt from an allow-list -----------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
SAID = 'Carry on="yes" or onward=\'no\' & "stop"'


def _edges(svg: str) -> list[str]:
    """The tooltips of the arrows (`<g class="edge">`) an SVG draws."""
    from lxml import etree

    root = etree.fromstring(svg.encode("utf-8"))
    groups = [g for g in root.iter(f"{{{SVG_NS}}}g") if g.get("class") == "edge"]
    return [" ".join(a.get(f"{{{XLINK}}}title", "") for a in g.iter(f"{{{SVG_NS}}}a")) for g in groups]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_every_arrow_survives_with_tooltips_holding_quotes():
    p = load_text(SMALL)
    for t in p.transitions:
        t.when = SAID
        t.handoff = SAID
    raw = render(p, "svg").data.decode("utf-8")
    clean = safe_svg(raw)
    assert len(_edges(raw)) == len(p.transitions) > 0
    assert _edges(clean) == _edges(raw)  # every arrow, its tooltip whole
    assert all(SAID in tip for tip in _edges(clean))


HOSTILE_SVG = f"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY boom "javascript:alert(0)">]>
<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK}" width="10" height="10" onload="alert(1)">
<style>@import url(http://192.0.2.1/x.css); * {{ background: url(http://192.0.2.1/y.png) }}</style>
<script>alert(2)</script>
<g id="node1" class="node" onclick="alert(3)" style="fill:url(http://192.0.2.1/z)">
<a xlink:href="&#106;avascript:alert(4)" xlink:title="kept &lt;b&gt; as text">
<text x="1" y="2">carry on = yes</text></a>
<a href="javascript:alert(5)"><text>two</text></a>
<a xlink:href=" JaVaScRiPt:alert(6)"><text>three</text></a>
<a xlink:href="#node1"><polygon points="0,0 1,1" fill="url(#grad)" stroke="url(http://192.0.2.1/s)"/></a>
<set attributeName="href" to="javascript:alert(7)"/>
<animate attributeName="xlink:href" values="javascript:alert(8)"/>
<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(9)"/></foreignObject>
<use xlink:href="http://192.0.2.1/sprite.svg#a"/><image xlink:href="http://192.0.2.1/p.png"/>
</g>after</svg>"""


def test_nothing_active_passes_the_svg_allow_list():
    from lxml import etree

    clean = safe_svg(HOSTILE_SVG)
    root = etree.fromstring(clean.encode("utf-8"))
    allowed = {"svg", "g", "a", "text", "polygon", "title"}
    for element in root.iter():
        assert etree.QName(element).localname in allowed, element.tag
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            assert not local.startswith("on") and local != "style", name
            if local == "href":
                assert value.startswith("#"), value
            assert "url(http" not in value, (name, value)
    lowered = clean.lower()
    for gone in ("javascript", "alert(", "<style", "<script", "<set", "<animate", "foreignobject",
                 "iframe", "<use", "<image", "192.0.2.1"):
        assert gone not in lowered, gone
    for kept in ("carry on = yes", "two", "three", "after", 'fill="url(#grad)"', 'xlink:href="#node1"',
                 "kept &lt;b&gt; as text"):
        assert kept in clean, kept


def test_something_that_is_not_an_svg_gives_nothing():
    assert safe_svg("<html><script>alert(1)</script></html>") == ""
    assert safe_svg("not markup at all") == ""


def test_the_pack_inlines_only_the_cleaned_svg():
    html = build_pack(load_text(SMALL), svg=HOSTILE_SVG, findings=[], analysis=None)
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "style" in parser.tags  # the page's own style sheet only
    assert html.count("<style>") == 1 and "javascript" not in html.lower()
    assert not [a for a in parser.attrs if a.startswith("on")]
    assert "carry on = yes" in html


def test_the_pack_tells_the_journey_in_words_as_the_diagrams_text_alternative():
    p = load_text(SMALL)
    html = build_pack(p, svg=None, findings=validate(p), analysis=None)
    assert '<section id="journey"><h2>The journey in words</h2>' in html
    assert "The journey in words, below, tells what the diagram shows." in html
    assert "<h3>The quickest way through</h3>" in html
    assert "You start with “Referral after a fall”." in html
    assert "<ol><li>" in html


def test_the_packs_journey_keeps_hostile_labels_as_text():
    hostile = SMALL.replace("label: Falls risk assessment", "label: '<img src=x onerror=alert(1)>'")
    html = build_pack(load_text(hostile), svg=None, findings=[], analysis=None)
    assert "<img" not in html and "“&lt;img src=x onerror=alert(1)&gt;”" in html


def test_pack_findings_are_in_words_with_the_rule_as_small_print():
    p = load_text(SMALL.replace("    wait: 1w\n", "", 1))
    html = build_pack(p, svg=None, findings=validate(p), analysis=None)
    assert "The assessment “Falls risk assessment” does not say how long people may wait" in html
    assert '<small class="meta">(missing-wait, line ' in html


def test_safe_svg_made_up_names_by_the_thousand_are_dropped_and_not_remembered():
    """The allow-list is worked out once per name, but a document full of made-up names is not
    kept in memory, and the second reading of a name answers as the first."""
    from pathway_designer.workshop import svg_safety

    names = " ".join(f'on{i}="alert({i})" data-x{i}="{i}"' for i in range(3000))
    raw = f'<svg xmlns="http://www.w3.org/2000/svg"><g {names} fill="url(https://x/y)"><text>hi</text></g></svg>'
    for _ in range(2):
        clean = safe_svg(raw)
        assert "alert" not in clean and "data-x" not in clean and "url(" not in clean and ">hi<" in clean
    assert len(svg_safety._NAMES) <= svg_safety._KEPT_NAMES
