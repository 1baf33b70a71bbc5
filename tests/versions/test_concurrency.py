"""Many savers at once: 8 processes each save 25 edits to the same pathway against stale bases.

Each process edits its own step (five fields in turn), always based on the version its previous
save made, which others have overtaken by then: every save is merged with theirs. Three times each,
a process also claims the label of the shared step based on v1: the first claim wins, every later one
must be reported to its saver as a conflict. At the end every edit is in the pathway, each process
heard about its conflicts, the history has exactly one version per successful save, and `git fsck`
is clean.
"""

from __future__ import annotations

import itertools
import multiprocessing
from pathlib import Path
from typing import Any

from store_helpers import fsck, git

from pathway_designer.store import Workspace

PROCESSES = 8
EDITS = 25
CLAIMS_AT = (3, 11, 19)  # the edits after which a process also claims the shared step
FIELDS = ("label", "wait", "duration", "modality", "description")
PATHWAY_ID = "lanes"


def lanes_text() -> str:
    steps = [("start", "entry"), *((f"p{p}", "intervention") for p in range(PROCESSES)),
             ("shared", "review"), ("end", "exit")]
    lines = [
        "format: 1",
        f"id: {PATHWAY_ID}",
        "title: Eight partners editing at once",
        "status: draft",
        "organisations:",
        "  - id: trust",
        "    name: Mental Health Trust",
        "    role: nhs-provider",
        "steps:",
    ]
    for step_id, kind in steps:
        lines += [f"  - id: {step_id}", f"    label: Step {step_id}", f"    kind: {kind}", "    owner: trust"]
    lines.append("transitions:")
    for (a, _), (b, _) in itertools.pairwise(steps):
        lines += [f"  - from: {a}", f"    to: {b}"]
    return "\n".join(lines) + "\n"


def value(process: int, edit: int, field: str) -> str:
    number = process * 100 + edit + 1
    return {
        "label": f"Lane {process}, edit {edit}",
        "wait": f"{number}m",
        "duration": f"{number}h",
        "modality": f"Modality {process}-{edit}",
        "description": f"Edited by process {process} in edit {edit}",
    }[field]


def worker(root: str, process: int, first: str, barrier: Any, results: Any) -> None:
    ws = Workspace(root)
    barrier.wait()
    outcomes: list[tuple[Any, ...]] = []
    base = first
    for edit in range(EDITS):
        field = FIELDS[edit % len(FIELDS)]
        pathway = ws.pathway(PATHWAY_ID, base)
        step = pathway.step(f"p{process}")
        assert step is not None
        setattr(step, field, value(process, edit, field))
        result = ws.save(pathway, author=f"Worker {process}", organisation=f"Organisation {process}",
                         rationale=f"Process {process}, edit {edit}", base=base)
        outcomes.append(("edit", edit, result.status))
        if result.version is not None:
            base = result.version.commit
        if edit in CLAIMS_AT:
            claim = ws.pathway(PATHWAY_ID, first)
            shared = claim.step("shared")
            assert shared is not None
            shared.label = f"Claimed by {process} at {edit}"
            claimed = ws.save(claim, author=f"Worker {process}", organisation=f"Organisation {process}",
                              rationale=f"Claim by {process}", base=first)
            fields = [(c.section, c.key, c.field) for c in claimed.conflicts]
            outcomes.append(("claim", shared.label, claimed.status, fields))
    results.put((process, outcomes))


def test_eight_processes_save_25_edits_each_and_lose_none(tmp_path: Path) -> None:
    seed = tmp_path / f"{PATHWAY_ID}.yaml"
    seed.write_text(lanes_text(), encoding="utf-8")
    ws = Workspace.init(tmp_path / "ws", seed=[seed])
    first = ws.head()
    assert first is not None
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    processes = [
        context.Process(target=worker, args=(str(ws.root), p, first, barrier, results))
        for p in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    # the timeouts guard against a hang; how long it takes is not tested
    reports = dict(results.get(timeout=900) for _ in processes)
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0

    edits = [o for outcomes in reports.values() for o in outcomes if o[0] == "edit"]
    claims = [o for outcomes in reports.values() for o in outcomes if o[0] == "claim"]
    assert len(edits) == PROCESSES * EDITS
    assert {status for _, _, status in edits} <= {"saved", "merged"}
    assert sum(status == "merged" for _, _, status in edits) > EDITS  # the bases really were stale
    winners = [label for _, label, status, _ in claims if status in ("saved", "merged")]
    assert len(winners) == 1
    conflicts = [fields for _, _, status, fields in claims if status == "conflict"]
    assert len(conflicts) == len(claims) - 1
    assert all(fields == [("steps", "shared", "label")] for fields in conflicts)

    final = Workspace(ws.root).pathway(PATHWAY_ID)
    for process in range(PROCESSES):
        step = final.step(f"p{process}")
        assert step is not None
        for field in FIELDS:
            last = max(e for e in range(EDITS) if FIELDS[e % len(FIELDS)] == field)
            assert getattr(step, field) == value(process, last, field)
    shared = final.step("shared")
    assert shared is not None and shared.label == winners[0]

    saved = PROCESSES * EDITS + 1
    assert len(Workspace(ws.root).history(PATHWAY_ID)) == saved + 1
    assert git(ws.root, "rev-list", "--count", "HEAD").strip() == str(saved + 1)
    fsck(ws.root)
    assert git(ws.root, "status", "--porcelain") == ""
    print(f"\n{PROCESSES} processes x {EDITS} edits + {len(claims)} claims, none lost")
