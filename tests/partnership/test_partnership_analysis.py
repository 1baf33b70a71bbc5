"""analyse: every number checked by hand on small pathways (the working is in the comments)."""

from __future__ import annotations

import json
import random
import time

import networkx as nx
from partnership_samples import BASE, load

from pathway_designer.model import Pathway
from pathway_designer.partnership import ROUTE_LIMIT, analyse, step_minutes, time_in_minutes
from pathway_designer.partnership.measures_json import as_json
from pathway_designer.partnership.measures_text import as_text
from pathway_designer.words import minutes_words

# referral (gp) -> assess (trust) -> decide -> discharge (gp), or
# decide -> support <-> review -> discharge: one loop, two routes.
LOOPED = """\
format: 1
id: looped
title: Memory pathway with a support loop
organisations:
  - id: icb
    name: The ICB
    role: commissioner
  - id: trust
    name: The Trust
    role: nhs-provider
  - id: gp
    name: The GP practice
    role: primary-care
steps:
  - id: referral
    label: GP referral
    kind: entry
    setting: primary-care
    owner: gp
    wait: 1d
  - id: assess
    label: Memory assessment
    kind: assessment
    setting: community
    owner: trust
    wait: 6w
    duration: 2h
    measures:
      - diagnosis-rate
  - id: decide
    label: Is there a diagnosis?
    kind: decision
    owner: trust
  - id: support
    label: Post-diagnostic support
    kind: intervention
    setting: community
    owner: trust
    partners:
      - gp
    duration: 12w
    modality: peer support
  - id: review
    label: Review
    kind: review
    setting: home
    owner: trust
    wait: 2w
  - id: discharge
    label: Back to the GP
    kind: exit
    owner: gp
transitions:
  - from: referral
    to: assess
  - from: assess
    to: decide
  - from: decide
    to: support
    when: 'Yes'
  - from: decide
    to: discharge
    when: 'No'
    handoff: Letter to the GP
  - from: support
    to: review
  - from: review
    to: support
    when: Needs more support
  - from: review
    to: discharge
    when: Doing well
outcomes:
  - id: diagnosis-rate
    measure: Diagnosed within 6 weeks
    direction: higher
  - id: quality-of-life
    measure: Quality of life
    direction: higher
"""

DAY, WEEK, HOUR = 24 * 60, 7 * 24 * 60, 60


def test_time_standards_in_minutes_and_back() -> None:
    assert time_in_minutes("90m") == 90
    assert time_in_minutes("4h") == 240
    assert time_in_minutes("1.5d") == 36 * 60
    assert time_in_minutes("2w") == 2 * WEEK
    assert minutes_words(6 * WEEK + DAY + 2 * HOUR) == "6 weeks 1 day 2 hours"
    assert minutes_words(0) == "0 minutes"
    assert minutes_words(61) == "1 hour 1 minute"


def test_counts_roles_settings_and_who_does_what() -> None:
    a = analyse(load(LOOPED))
    assert (a.steps, a.transitions, a.decisions) == (6, 7, 1)
    assert a.organisations_by_role == {"commissioner": ("icb",), "nhs-provider": ("trust",),
                                       "primary-care": ("gp",)}  # fmt: skip
    # community: assess, support; home: review; primary-care: referral; none: decide, discharge.
    assert a.settings == {"community": 2, "home": 1, "primary-care": 1, "not given": 2}
    assert round(a.setting_share("community"), 3) == round(2 / 6, 3)
    shares = {p.organisation: (p.owns, p.partner_in) for p in a.partners}
    assert shares == {
        "icb": ((), ()),
        "trust": (("assess", "decide", "support", "review"), ()),
        "gp": (("referral", "discharge"), ("support",)),
    }
    assert a.outcomes == {"diagnosis-rate": ("assess",), "quality-of-life": ()}


def test_handoffs_are_the_transitions_between_organisations() -> None:
    a = analyse(load(LOOPED))
    # referral (gp) -> assess (trust); decide (trust) -> discharge (gp); review (trust) -> discharge.
    assert [(h.transition, h.from_step, h.to_step, h.from_organisation, h.to_organisation, h.how)
            for h in a.handoffs] == [
        (0, "referral", "assess", "gp", "trust", None),
        (3, "decide", "discharge", "trust", "gp", "Letter to the GP"),
        (6, "review", "discharge", "trust", "gp", None),
    ]  # fmt: skip


def test_routes_in_steps_and_in_time_with_the_loop_counted_once() -> None:
    r = analyse(load(LOOPED)).routes
    assert r.count == 2  # straight to discharge, or through the support loop
    short = ("referral", "assess", "decide", "discharge")
    # 1d (referral wait) + 6w (assess wait) + 2h (assess duration); decide and discharge: no time.
    short_minutes = DAY + 6 * WEEK + 2 * HOUR
    assert r.fewest_steps is not None and r.quickest is not None
    assert (r.fewest_steps.steps, r.fewest_steps.minutes) == (short, short_minutes)
    assert r.quickest == r.fewest_steps
    assert r.fewest_steps.untimed == ("decide",)  # an exit has no time of its own
    # The loop support <-> review is gone round once: + 12w (support) + 2w (review).
    long = ("referral", "assess", "decide", "support", "review", "discharge")
    assert r.most_steps is not None and r.slowest is not None
    assert (r.most_steps.steps, r.most_steps.minutes) == (long, short_minutes + 14 * WEEK)
    assert r.most_steps.loops == (("support", "review"),)
    assert r.slowest == r.most_steps
    assert minutes_words(r.slowest.minutes) == "20 weeks 1 day 2 hours"
    assert r.untimed == ("decide",)


QUICK_OR_SHORT = """\
format: 1
id: quick-or-short
title: Fewest steps is not quickest
organisations:
  - id: trust
    name: The Trust
    role: nhs-provider
steps:
  - id: start
    label: Start
    kind: entry
  - id: slow
    label: Slow clinic
    kind: assessment
    wait: 10w
  - id: fast-one
    label: Fast first
    kind: assessment
    wait: 1d
  - id: fast-two
    label: Fast second
    kind: review
    wait: 1d
  - id: end
    label: End
    kind: exit
transitions:
  - from: start
    to: slow
    when: Clinic
  - from: start
    to: fast-one
    when: Phone
  - from: slow
    to: end
  - from: fast-one
    to: fast-two
  - from: fast-two
    to: end
"""


def test_fewest_steps_and_quickest_can_be_different_routes() -> None:
    r = analyse(load(QUICK_OR_SHORT)).routes
    assert r.fewest_steps is not None and r.quickest is not None
    assert r.fewest_steps.steps == ("start", "slow", "end")
    assert r.fewest_steps.minutes == 10 * WEEK
    assert r.quickest.steps == ("start", "fast-one", "fast-two", "end")
    assert r.quickest.minutes == 2 * DAY
    assert r.most_steps == r.quickest and r.slowest == r.fewest_steps
    assert r.untimed == ("start",)


def _diamonds(count: int) -> str:
    """`count` decisions in a row, each with two ways on: 2 ** count routes."""
    steps = ["  - id: s0\n    label: Start\n    kind: entry"]
    transitions = []
    for i in range(count):
        steps.append(f"  - id: d{i}\n    label: Choice {i}\n    kind: decision")
        steps += [f"  - id: {side}{i}\n    label: Way {side} {i}\n    kind: intervention"
                  for side in "ab"]  # fmt: skip
        steps.append(f"  - id: s{i + 1}\n    label: Join {i}\n    kind: review")
        transitions.append(f"  - from: s{i}\n    to: d{i}")
        for side in "ab":
            transitions.append(f"  - from: d{i}\n    to: {side}{i}\n    when: Way {side}")
            transitions.append(f"  - from: {side}{i}\n    to: s{i + 1}")
    steps.append("  - id: end\n    label: End\n    kind: exit")
    transitions.append(f"  - from: s{count}\n    to: end")
    return (
        "format: 1\nid: diamonds\ntitle: Diamonds\norganisations:\n  - id: t\n    name: T\n"
        "    role: nhs-provider\nsteps:\n" + "\n".join(steps) + "\ntransitions:\n"
        + "\n".join(transitions) + "\n"
    )


def test_distinct_routes_are_counted_up_to_a_limit() -> None:
    assert analyse(load(_diamonds(9))).routes.count == 512
    capped = analyse(load(_diamonds(11))).routes  # 2048 routes
    assert capped.count == ROUTE_LIMIT + 1
    assert capped.count_text == f"more than {ROUTE_LIMIT}"


def test_no_routes_without_an_exit() -> None:
    text = BASE.replace("kind: exit", "kind: review")
    r = analyse(load(text)).routes
    assert (r.count, r.fewest_steps, r.slowest) == (0, None, None)


def test_text_and_json_say_the_same() -> None:
    a = analyse(load(LOOPED))
    text = as_text(a)
    assert "Steps: 6 (1 decision); transitions: 7" in text
    assert "Handoffs between organisations: 3 (2 with none recorded)" in text
    assert ("most steps:   6 steps, 20 weeks 1 day 2 hours: referral → assess → decide → "
            "[support, review] →") in text
    assert "[...] is a loop, gone round once" in text
    assert "quality-of-life: not measured at any step" in text
    data = json.loads(as_json(a))
    assert data["routes"]["slowest"]["time"] == "20 weeks 1 day 2 hours"
    assert data["routes"]["count_text"] == "2"
    assert data["settings"]["not given"] == 2


def _large(size: int) -> Pathway:
    """`size` steps in a chain with a skip and a loop back every ten steps."""
    steps = [{"id": f"s{i}", "label": f"Step {i}", "kind": "review", "wait": "1d"} for i in range(size)]
    steps[0]["kind"], steps[-1]["kind"] = "entry", "exit"
    transitions = [{"from": f"s{i}", "to": f"s{i + 1}"} for i in range(size - 1)]
    transitions += [{"from": f"s{i}", "to": f"s{i + 2}"} for i in range(0, size - 2, 3)]
    transitions += [{"from": f"s{i}", "to": f"s{i - 5}"} for i in range(10, size - 1, 10)]
    return Pathway.model_validate({
        "id": "large", "title": "Large", "steps": steps, "transitions": transitions,
        "organisations": [{"id": "t", "name": "T", "role": "nhs-provider"}],
    })  # fmt: skip


def _cpu_seconds(pathway: Pathway) -> float:
    """Best of three, in CPU time: other work on a shared machine barely moves it."""
    times = []
    for _ in range(3):
        started = time.process_time()
        analyse(pathway)
        times.append(time.process_time() - started)
    return min(times)


def test_analyse_is_linear_ish_in_steps() -> None:
    big = _large(3000)
    a = analyse(big)
    assert a.routes.count == ROUTE_LIMIT + 1
    assert a.routes.most_steps is not None and len(a.routes.most_steps.steps) == 3000
    # Ten times the steps: about ten times the work if linear, a hundred if quadratic.
    ratio = _cpu_seconds(big) / _cpu_seconds(_large(300))
    assert ratio < 30, f"3,000 steps took {ratio:.0f} times as long as 300"


def _random_pathway(rng: random.Random, size: int, acyclic: bool) -> Pathway:
    kinds = ["entry", "assessment", "review", "intervention", "exit"]
    steps = [{"id": f"s{i}", "label": f"Step {i}", "kind": rng.choice(kinds)} for i in range(size)]
    for step in steps:
        if rng.random() < 0.7:
            step["wait"] = f"{rng.randint(1, 50)}h"
    transitions = [
        {"from": f"s{i}", "to": f"s{j}"}
        for i in range(size)
        for j in range(size)
        if i != j and (j > i or not acyclic) and rng.random() < 0.3
    ]
    return Pathway.model_validate({
        "id": "random", "title": "Random", "steps": steps, "transitions": transitions,
        "organisations": [{"id": "t", "name": "T", "role": "nhs-provider"}],
    })  # fmt: skip


def _all_routes(pathway: Pathway) -> list[list[str]]:
    """Every simple route from an entry to an exit, by brute force (small pathways only)."""
    graph = nx.DiGraph([(t.from_, t.to) for t in pathway.transitions])
    graph.add_nodes_from(s.id for s in pathway.steps)
    entries = [s.id for s in pathway.steps if s.kind.value == "entry"]
    exits = [s.id for s in pathway.steps if s.kind.value == "exit"]
    return [list(p) for entry in entries for p in nx.all_simple_paths(graph, entry, exits)]


def _minutes(pathway: Pathway, route: tuple[str, ...] | list[str]) -> float:
    steps = {s.id: s for s in pathway.steps}
    return sum(step_minutes(steps[s]) or 0.0 for s in route)


def test_routes_agree_with_brute_force_on_random_pathways() -> None:
    rng = random.Random(20261126)
    for case in range(300):
        acyclic = case % 2 == 0
        pathway = _random_pathway(rng, rng.randint(2, 8), acyclic)
        r = analyse(pathway).routes
        every = _all_routes(pathway)
        if not every:
            assert r.count == 0 and r.fewest_steps is None
            continue
        assert r.fewest_steps is not None and r.quickest is not None
        assert r.most_steps is not None and r.slowest is not None
        assert len(r.fewest_steps.steps) == min(len(p) for p in every)
        assert r.quickest.minutes == min(_minutes(pathway, p) for p in every)
        if acyclic:  # with no loops, "each loop once" is plain: the longest simple route
            assert len(r.most_steps.steps) == max(len(p) for p in every)
            assert r.slowest.minutes == max(_minutes(pathway, p) for p in every)
            assert r.count == len(every)
        assert list(r.fewest_steps.steps) in every and list(r.quickest.steps) in every
