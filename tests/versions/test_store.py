"""The version store on one workspace: save, history, show, diff, restore, why, blame and comments,
each checked against what the `git` CLI itself reads from the repository."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from store_helpers import PATH, PATHWAY_ID, SAMPLE, edit, fsck, git, logged, new_workspace, trailer

from pathway_designer import fingerprint, load_text
from pathway_designer.store import NotAWorkspace, StoreError, UnknownVersion, Workspace
from pathway_designer.store import seeding as seeding_module
from pathway_designer.store import workspace as workspace_module

AMINA = {"author": "Amina Khan", "organisation": "Ryedale Mind"}
BOB = {"author": "Bob Lee", "organisation": "North Yorkshire ICB"}


def test_init_seeds_one_commit_and_a_clean_work_tree(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    assert ws.pathway_ids() == [PATHWAY_ID]
    assert git(ws.root, "log", "--format=%an|%s").splitlines() == [
        "pathway-designer|Start the workspace with the example pathways"
    ]
    assert git(ws.root, "status", "--porcelain") == ""
    assert git(ws.root, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == SAMPLE
    fsck(ws.root)


def test_default_workspace_is_created_once_with_the_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(workspace_module.ENVIRONMENT, raising=False)
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / f"{PATHWAY_ID}.yaml").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.setattr(seeding_module, "example_pathways", lambda: sorted(examples.glob("*.yaml")))
    first = Workspace.open()
    assert first.root == tmp_path / "workspace"
    assert first.pathway_ids() == [PATHWAY_ID]
    again = Workspace.open()
    assert again.head() == first.head()
    assert len(git(first.root, "log", "--oneline").splitlines()) == 1


def test_the_project_examples_seed_a_workspace(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "examples-ws")
    names = sorted(p.stem for p in seeding_module.example_pathways())
    assert ws.pathway_ids() == names
    assert git(ws.root, "status", "--porcelain") == ""


def test_workspace_from_environment_and_refusals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = new_workspace(tmp_path)
    monkeypatch.setenv(workspace_module.ENVIRONMENT, str(ws.root))
    assert Workspace.open().head() == ws.head()
    (tmp_path / "plain").mkdir()
    with pytest.raises(NotAWorkspace, match="pathway-designer init"):
        Workspace.open(tmp_path / "plain")
    with pytest.raises(StoreError, match="not empty"):
        Workspace.init(ws.root)


def test_save_commits_author_organisation_and_rationale(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    v1 = ws.latest(PATHWAY_ID)
    assert v1 is not None
    text = edit(SAMPLE, "    wait: 4h", "    wait: 2h")
    result = ws.save(text, **AMINA, rationale="Triage within 2 hours\n\nPartners agreed at the workshop.",
                     base=v1.commit)
    assert (result.status, result.message) == ("saved", "saved v2 of crisis")
    assert result.version is not None
    commit = result.version.commit
    assert git(ws.root, "log", "-1", "--format=%H|%an|%s", "--", PATH).strip() == (
        f"{commit}|Amina Khan|Triage within 2 hours"
    )
    assert trailer(ws.root, commit, "Organisation") == "Ryedale Mind"
    assert trailer(ws.root, commit, "Pathway") == PATHWAY_ID
    assert "Partners agreed at the workshop." in git(ws.root, "log", "-1", "--format=%B", commit)
    assert git(ws.root, "show", f"{commit}:{PATH}") == text
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == text
    assert git(ws.root, "status", "--porcelain") == ""
    assert result.version.rationale.startswith("Triage within 2 hours")
    fsck(ws.root)


def test_saving_identical_content_makes_no_version(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()
    result = ws.save(SAMPLE, **AMINA, rationale="Nothing", base="v1")
    assert result.status == "unchanged"
    assert ws.head() == head
    # Not canonical, but the same pathway: still no version.
    result = ws.save(SAMPLE.replace("kind: entry", "kind: 'entry'"), **AMINA, rationale="Quoting", base="v1")
    assert result.status == "unchanged"
    assert ws.head() == head


def test_errors_are_saved_only_as_draft(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    head = ws.head()
    broken = edit(SAMPLE, "    to: discharge\n", "    to: discharg\n")  # unknown-step: an error
    agreed = edit(broken, "status: draft", "status: in-review")
    refused = ws.save(agreed, **AMINA, rationale="Typo", base="v1")
    assert refused.status == "refused"
    assert "save it as a draft" in refused.message and "status:" not in refused.message
    assert any(f.rule == "unknown-step" for f in refused.findings)
    assert ws.head() == head
    draft = ws.save(broken, **AMINA, rationale="Work in progress", base="v1")
    assert draft.status == "saved"
    assert re.search(r"as a draft with \d+ errors?$", draft.message)
    assert len(logged(ws.root)) == 2


def test_unreadable_text_and_missing_rationale_are_refused(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    result = ws.save("id: [unclosed", **AMINA, rationale="Oops", base="v1")
    assert result.status == "refused"
    assert result.findings and result.findings[0].severity.value == "error"
    with pytest.raises(ValueError, match="rationale"):
        ws.save(edit(SAMPLE, "wait: 4h", "wait: 3h"), **AMINA, rationale="  ", base="v1")
    with pytest.raises(ValueError):
        ws.save(SAMPLE, author="Eve <eve@x>", organisation=None, rationale="Hi", base="v1")
    assert len(logged(ws.root)) == 1


def test_a_stale_save_is_merged_into_a_version_recording_both(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    v1 = ws.history(PATHWAY_ID)[0]
    v2 = ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster triage", base=v1.commit)
    stale = edit(SAMPLE, "label: Home treatment", "label: Home treatment team")
    merged = ws.save(stale, **BOB, rationale="Name the team", base=v1.commit)
    assert merged.status == "merged"
    assert merged.message == "saved v3 of crisis, merged with v2"
    assert merged.version is not None and v2.version is not None
    commit = merged.version.commit
    assert trailer(ws.root, commit, "Base") == v1.commit
    assert trailer(ws.root, commit, "Merged-with") == v2.version.commit
    assert merged.version.kind == "merged"
    content = git(ws.root, "show", f"{commit}:{PATH}")
    assert "wait: 2h" in content and "label: Home treatment team" in content
    assert merged.text == content == ws.file(PATHWAY_ID).read_text(encoding="utf-8")


def test_a_true_conflict_is_refused_with_structured_conflicts(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1")
    head = ws.head()
    ours = edit(SAMPLE, "wait: 4h", "wait: 6h")
    result = ws.save(ours, **BOB, rationale="Realistic at night", base="v1")
    assert result.status == "conflict"
    assert ws.head() == head
    assert result.latest is not None and result.latest.label == "v2"
    [conflict] = result.conflicts
    assert (conflict.section, conflict.key, conflict.field) == ("steps", "triage", "wait")
    assert (conflict.base, conflict.ours, conflict.theirs) == ("4h", "6h", "2h")
    assert result.to_json()["conflicts"][0]["field"] == "wait"
    settled = ws.save(ours, **BOB, rationale="Realistic at night", base="v1", choices={conflict.id: "ours"})
    assert settled.status == "merged"
    assert "wait: 6h" in ws.text(PATHWAY_ID)


def test_history_is_newest_first_and_matches_git_log(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    text = SAMPLE
    for i, wait in enumerate(["2h", "3h", "5h"]):
        text = edit(text, "wait: 4h" if i == 0 else f"wait: {['2h', '3h'][i - 1]}", f"wait: {wait}")
        ws.save(text, **AMINA, rationale=f"Wait {wait}", base="latest")
    ws.add_comment(PATHWAY_ID, "Not a version", author="Eve")  # commits, but not to the pathway
    history = ws.history(PATHWAY_ID)
    assert [v.label for v in history] == ["v4", "v3", "v2", "v1"]
    assert [v.commit for v in history] == logged(ws.root)
    assert [v.author for v in history] == git(ws.root, "log", "--format=%an", "--", PATH).split("\n")[:4]
    assert history[0].organisation == "Ryedale Mind"
    assert history[0].to_json()["label"] == "v4"
    everything = ws.history()
    assert [v.commit for v in everything] == [v.commit for v in history]


def test_show_at_a_version_a_commit_or_a_date(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    v1 = ws.latest(PATHWAY_ID)
    assert v1 is not None
    changed = edit(SAMPLE, "wait: 4h", "wait: 2h")
    ws.save(changed, **AMINA, rationale="Faster", base="v1")
    assert ws.text(PATHWAY_ID, "v1") == SAMPLE == git(ws.root, "show", f"{v1.commit}:{PATH}")
    assert ws.text(PATHWAY_ID, v1.commit[:7]) == SAMPLE
    assert ws.text(PATHWAY_ID, "2") == changed
    assert ws.text(PATHWAY_ID) == changed
    today = dt.date.today()
    assert ws.text(PATHWAY_ID, today.isoformat()) == changed
    with pytest.raises(UnknownVersion, match="did not exist yet"):
        ws.version(PATHWAY_ID, (today - dt.timedelta(days=1)).isoformat())
    with pytest.raises(UnknownVersion, match="v1 to v2"):
        ws.version(PATHWAY_ID, "v9")
    with pytest.raises(UnknownVersion):
        ws.version(PATHWAY_ID, "not-a-version")


def test_diff_between_versions_and_with_the_working_file(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1")
    [change] = ws.diff(PATHWAY_ID, "v1", "v2")
    assert (change.action, change.section, change.key, change.field) == ("changed", "steps", "triage", "wait")
    assert ws.diff(PATHWAY_ID) == []  # the work tree file is the latest version
    working = ws.file(PATHWAY_ID)
    working.write_text(edit(working.read_text(), "  - id: cafe\n", "  - id: cafe\n    setting: community\n"))
    [change] = ws.diff(PATHWAY_ID)
    assert change.describe() == "step 'cafe': setting set to 'community'"
    assert len(ws.diff(PATHWAY_ID, "v1")) == 2


def test_restore_saves_an_old_version_as_the_newest(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1")
    before = logged(ws.root)
    result = ws.restore(PATHWAY_ID, "v1", **BOB, rationale="The 2h standard cannot be staffed")
    assert (result.status, result.message) == ("saved", "restored v1 of crisis as v3")
    assert result.version is not None and result.version.kind == "restored"
    assert logged(ws.root)[1:] == before  # history is not rewritten
    assert git(ws.root, "show", f"HEAD:{PATH}") == SAMPLE
    assert trailer(ws.root, "HEAD", "Restored-from") == ws.version(PATHWAY_ID, "v1").commit
    assert ws.restore(PATHWAY_ID, "v1", **BOB, rationale="Again").status == "unchanged"


def test_why_and_blame_credit_who_introduced_and_changed_each_step(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    added = edit(SAMPLE, "  - id: discharge\n", "  - id: follow-up\n    label: Follow-up call\n"
                 "    kind: review\n    owner: mind\n  - id: discharge\n")
    added = edit(added, "  - from: cafe\n    to: discharge\n",
                 "  - from: cafe\n    to: follow-up\n  - from: follow-up\n    to: discharge\n")
    ws.save(added, **AMINA, rationale="A follow-up call after the café", base="v1")
    ws.save(edit(added, "label: Follow-up call", "label: Follow-up call within 72 hours"), **BOB,
            rationale="Match the national standard", base="v2")
    [step, *transitions] = ws.why(PATHWAY_ID, "follow-up")
    assert [(e.action, e.version.label, e.version.author, e.fields) for e in step.events] == [
        ("added", "v2", "Amina Khan", ()),
        ("changed", "v3", "Bob Lee", ("label",)),
    ]
    assert step.introduced is not None and step.introduced.version.organisation == "Ryedale Mind"
    assert "Match the national standard" in step.lines()[1]
    assert {t.key for t in transitions} == {"cafe -> follow-up", "follow-up -> discharge"}
    gone = [t for t in transitions if not t.present]
    assert gone == []
    blame = ws.blame(PATHWAY_ID)
    steps = [lin.key for lin in blame if lin.section == "steps"]
    assert steps == ["referral", "triage", "home-treatment", "cafe", "follow-up", "discharge"]
    removed = {lin.key: lin for lin in ws.why(PATHWAY_ID, "cafe")}
    assert not removed["cafe -> discharge"].present
    assert [e.version.label for e in removed["cafe -> discharge"].events] == ["v1", "v2"]
    with pytest.raises(StoreError, match="did you mean 'triage'"):
        ws.why(PATHWAY_ID, "triag")


def test_blame_needs_no_cache_and_survives_a_torn_one(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1")
    expected = [lin.to_json() for lin in ws.blame(PATHWAY_ID)]
    history = [v.to_json() for v in ws.history(PATHWAY_ID)]
    state = ws.root / ".git" / "pathway-designer"
    (state / "changes.jsonl").unlink()
    with open(state / "commits.jsonl", "a", encoding="utf-8") as handle:
        handle.write("[" * 5000 + "\n")  # a line nested too deeply to parse, then one torn
        handle.write('{"c": "torn by a cra')
    fresh = Workspace(ws.root)
    assert [v.to_json() for v in fresh.history(PATHWAY_ID)] == history
    assert [lin.to_json() for lin in fresh.blame(PATHWAY_ID)] == expected
    fresh.save(edit(SAMPLE, "wait: 4h", "wait: 3h"), **AMINA, rationale="Again", base="v2")
    assert Workspace(ws.root).history(PATHWAY_ID)[0].label == "v3"


def test_comments_are_versioned_beside_the_pathway(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    before = fingerprint(ws.pathway(PATHWAY_ID))
    head = ws.head()
    comment = ws.add_comment(PATHWAY_ID, "Is 4 hours realistic at night?", author="Eve",
                             organisation="Carers' group", role="carer", step="triage")
    ws.add_comment(PATHWAY_ID, "Thank you for the café", author="Fatima")
    assert [c.text for c in ws.comments(PATHWAY_ID, step="triage")] == [comment.text]
    assert len(ws.comments(PATHWAY_ID)) == 2
    assert fingerprint(ws.pathway(PATHWAY_ID)) == before
    assert ws.latest(PATHWAY_ID) is not None and ws.latest(PATHWAY_ID).commit == head  # type: ignore[union-attr]
    assert len(git(ws.root, "log", "--format=%H", "--", "comments/crisis").split()) == 2
    assert trailer(ws.root, "HEAD~1", "Organisation") == "Carers' group"
    assert git(ws.root, "status", "--porcelain") == ""
    with pytest.raises(StoreError, match="no step 'nowhere'"):
        ws.add_comment(PATHWAY_ID, "Hello", author="Eve", step="nowhere")


def test_a_person_edits_are_never_overwritten_and_name_their_base(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    mine = edit(SAMPLE, "label: Crisis café", "label: Crisis café, open until midnight")
    ws.file(PATHWAY_ID).write_text(mine, encoding="utf-8")
    # Someone else saves meanwhile (through the app): the edited file is left alone.
    other = ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **BOB, rationale="Faster", base="v1")
    assert other.status == "saved"
    assert ws.file(PATHWAY_ID).read_text(encoding="utf-8") == mine
    checked_out = ws.checked_out(PATHWAY_ID)
    assert checked_out is not None and checked_out.label == "v1"
    result = ws.save(mine, **AMINA, rationale="Opening hours", base=checked_out.commit)
    assert result.status == "merged"
    final = ws.file(PATHWAY_ID).read_text(encoding="utf-8")
    assert "wait: 2h" in final and "open until midnight" in final
    assert git(ws.root, "status", "--porcelain") == ""
    assert ws.checked_out(PATHWAY_ID) == ws.latest(PATHWAY_ID)


def test_a_stale_lock_left_by_a_killed_writer_is_recovered(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    git_dir = ws.root / ".git"
    (git_dir / "pathway-designer" / "writing").write_text("12345\n")
    (git_dir / "refs" / "heads" / "main.lock").write_text("")
    (git_dir / "index.lock").write_text("")
    leftover = ws.root / "pathways" / ".crisis.yaml.abc.tmp"
    leftover.write_text("half")
    result = ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1")
    assert result.status == "saved"
    assert not (git_dir / "refs" / "heads" / "main.lock").exists()
    assert not leftover.exists()
    assert git(ws.root, "status", "--porcelain") == ""
    fsck(ws.root)


def test_a_git_command_holding_the_branch_is_waited_for_not_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathway_designer.store import WorkspaceBusy, commits

    monkeypatch.setattr(commits, "REF_LOCK_WAIT", 0.1)
    ws = new_workspace(tmp_path)
    lock = ws.root / ".git" / "refs" / "heads" / "main.lock"
    lock.write_text("")  # a running `git commit`, not one of ours: no mark
    with pytest.raises(WorkspaceBusy, match=r"main\.lock"):
        ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1")
    assert lock.exists()
    lock.unlink()
    assert ws.save(edit(SAMPLE, "wait: 4h", "wait: 2h"), **AMINA, rationale="Faster", base="v1").ok


def test_catalogue_lists_title_status_and_latest_version(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    new = edit(edit(SAMPLE, "id: crisis", "id: crisis-urban"), "title: Adult crisis pathway",
               "title: Adult crisis pathway (urban)")
    result = ws.save(new, **AMINA, rationale="An urban twin", base=None)
    assert result.status == "saved"
    entries = {e.id: e for e in ws.catalogue()}
    assert entries["crisis-urban"].title == "Adult crisis pathway (urban)"
    assert entries["crisis"].status == "draft"
    assert entries["crisis-urban"].latest is not None
    assert ws.save(new, **AMINA, rationale="Again, no base", base=None).status == "unchanged"
    again = edit(new, "wait: 4h", "wait: 3h")
    refused = ws.save(again, **AMINA, rationale="No base", base=None)
    assert refused.status == "refused" and "already exists" in refused.message


def test_pathway_is_a_copy_the_caller_may_edit(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    pathway = ws.pathway(PATHWAY_ID)
    pathway.steps[0].label = "Changed in memory"
    assert ws.pathway(PATHWAY_ID).steps[0].label == "Referral or self-referral"
    assert load_text(ws.text(PATHWAY_ID)).steps[0].label == "Referral or self-referral"
