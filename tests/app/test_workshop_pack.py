"""The workshop pack: everything a workshop agreed, printable, with all user text escaped."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from app_helpers import SMALL

from pathway_designer import load_text, validate
from pathway_designer.partnership import analyse
from pathway_designer.partnership.signoff import sign_off
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
