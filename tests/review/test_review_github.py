"""The Action's comment step against a recorded `pull_request` event, with GitHub's issue-comments API
played by a small HTTP server on 127.0.0.1: the real `urllib`, real requests, one comment kept."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from review_helpers import HERMETIC, commit, example, new_repository, run_git, write

from pathway_designer.review import github
from pathway_designer.review.markdown import MARKER

EVENT = Path(__file__).parent / "data" / "pull_request.json"
REPO = "/repos/ryedale-partnership/ryedale-pathways"
TOKEN = "ghs_test_token_not_a_secret"


@dataclass
class FakeGitHub:
    """Issue comments of one pull request, paged 100 at a time as GitHub pages them."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, dict[str, Any] | None]] = field(default_factory=list)
    refuse: int | None = None
    url: str = ""

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = json.loads(self.rfile.read(length)) if length else None
                fake.requests.append((method, self.path, data))
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self._answer(401, {"message": "Bad credentials"})
                if fake.refuse:
                    return self._answer(fake.refuse, {"message": "Resource not accessible by integration"})
                where = urlsplit(self.path)
                if method == "GET" and where.path == f"{REPO}/issues/42/comments":
                    page = int(parse_qs(where.query).get("page", ["1"])[0])
                    chunk = fake.comments[(page - 1) * 100 : page * 100]
                    more = len(fake.comments) > page * 100
                    link = {"Link": f'<{fake.url}{where.path}?per_page=100&page={page + 1}>; rel="next"'}
                    return self._answer(200, chunk, link if more else None)
                if method == "POST" and where.path == f"{REPO}/issues/42/comments":
                    made = {"id": 5000 + len(fake.comments), "body": data["body"], "html_url": "https://x/c"}
                    fake.comments.append(made)
                    return self._answer(201, made)
                if method == "PATCH" and where.path.startswith(f"{REPO}/issues/comments/"):
                    wanted = int(where.path.rsplit("/", 1)[1])
                    for comment in fake.comments:
                        if comment["id"] == wanted:
                            comment["body"] = data["body"]
                            return self._answer(200, comment)
                return self._answer(404, {"message": "Not Found"})

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def do_PATCH(self) -> None:
                self._handle("PATCH")

        return Handler


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), fake.handler())
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def _post(fake: FakeGitHub, tmp_path: Path, body: str) -> int:
    review = tmp_path / "review.md"
    review.write_text(body, encoding="utf-8")
    environ = {"GITHUB_TOKEN": TOKEN, "GITHUB_EVENT_PATH": str(EVENT), "GITHUB_API_URL": fake.url}
    return github.main([str(review)], environ)


def _ours(fake: FakeGitHub) -> list[dict[str, Any]]:
    return [c for c in fake.comments if c["body"].startswith(MARKER)]


def test_posts_one_comment_then_updates_it(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.comments.append({"id": 17, "body": "Looks good to me, the café hours are right"})
    assert _post(fake_github, tmp_path, f"{MARKER}\n## Pathway review\n\nfirst push\n") == 0
    assert [m for m, _, _ in fake_github.requests] == ["GET", "POST"]
    assert len(_ours(fake_github)) == 1 and "first push" in _ours(fake_github)[0]["body"]
    fake_github.requests.clear()
    assert _post(fake_github, tmp_path, f"{MARKER}\n## Pathway review\n\nsecond push\n") == 0
    assert [(m, p.split("?")[0]) for m, p, _ in fake_github.requests] == [
        ("GET", f"{REPO}/issues/42/comments"),
        ("PATCH", f"{REPO}/issues/comments/5001"),
    ]
    assert len(_ours(fake_github)) == 1 and "second push" in _ours(fake_github)[0]["body"]
    assert fake_github.comments[0]["body"] == "Looks good to me, the café hours are right"


def test_finds_its_comment_past_the_first_page(fake_github: FakeGitHub, tmp_path: Path) -> None:
    fake_github.comments.extend({"id": i, "body": f"comment {i}"} for i in range(1, 151))
    fake_github.comments.append({"id": 999, "body": f"{MARKER}\nold review"})
    assert _post(fake_github, tmp_path, f"{MARKER}\nnew review") == 0
    methods = [m for m, _, _ in fake_github.requests]
    assert methods == ["GET", "GET", "PATCH"] and _ours(fake_github)[0]["body"].endswith("new review")


def test_a_body_over_githubs_limit_is_cut_with_a_note(fake_github: FakeGitHub, tmp_path: Path) -> None:
    long = MARKER + "\n" + "\n".join(f"- line {i}" for i in range(20_000))
    assert _post(fake_github, tmp_path, long) == 0
    posted = _ours(fake_github)[0]["body"]
    assert len(posted) <= 65_536 and posted.endswith(github.TOO_LONG)


def test_a_read_only_token_is_a_warning_not_a_failure(
    fake_github: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_github.refuse = 403
    assert _post(fake_github, tmp_path, f"{MARKER}\nreview") == 0
    assert capsys.readouterr().err.startswith("::warning::the review was not posted: GitHub answered 403")
    assert fake_github.comments == []


def test_an_event_without_a_pull_request_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    push = tmp_path / "push.json"
    push.write_text(json.dumps({"ref": "refs/heads/main", "repository": {"full_name": "a/b"}}), "utf-8")
    review = tmp_path / "review.md"
    review.write_text("x", encoding="utf-8")
    environ = {"GITHUB_TOKEN": TOKEN, "GITHUB_EVENT_PATH": str(push), "GITHUB_API_URL": "http://127.0.0.1:9"}
    assert github.main([str(review)], environ) == 0  # nothing to comment on: a warning, as above
    assert "not a pull_request event" in capsys.readouterr().err


# The Action's own steps, run as a runner runs a composite action's `run:` steps ----------------

ACTION = Path(__file__).resolve().parents[2] / "action.yml"
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.\-]+)\s*\}\}")


def _lookup(context: dict[str, Any], dotted: str) -> Any:
    value: Any = context
    for part in dotted.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


def _resolve(text: str, context: dict[str, Any]) -> str:
    return _EXPRESSION.sub(lambda m: _resolve(str(_lookup(context, m.group(1))), context), text)


def _condition(expression: str, context: dict[str, Any]) -> bool:
    """The `if:`s the Action uses: comparisons with a quoted word, joined by &&."""
    for part in expression.split("&&"):
        left, op, right = re.fullmatch(r"\s*([\w.\-]+)\s*(==|!=)\s*'([^']*)'\s*", part).groups()  # type: ignore[union-attr]
        if (str(_lookup(context, left)) == right) != (op == "=="):
            return False
    return True


def test_the_actions_steps_validate_review_and_comment(
    fake_github: FakeGitHub, tmp_path: Path
) -> None:
    """Every `run:` step but the install (the package is installed already), with bash as the runner
    runs it, in a scripted pull request: annotations, the job summary, one comment; a second run
    updates it; an invalid pathway fails the job."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    rural = {"pathways/adult-crisis-rural.yaml": example("adult-crisis-rural")}
    root = new_repository(tmp_path / "repo", rural)
    run_git(root, "checkout", "-q", "-b", "crisis-cafe")
    write(root, {"pathways/adult-crisis-urban.yaml": example("adult-crisis-urban")})
    commit(root, "The urban twin")
    event = json.loads(EVENT.read_text(encoding="utf-8"))
    event["pull_request"]["base"].update(sha=run_git(root, "rev-parse", "main").strip(), ref="main")
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")

    def run_action() -> tuple[list[str], str, str]:
        outputs, summary, temp = tmp_path / "out", tmp_path / "summary.md", tmp_path / "runner"
        temp.mkdir(exist_ok=True)
        inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
        context: dict[str, Any] = {
            "inputs": inputs, "steps": {}, "github": {
                "token": TOKEN, "event": event, "event_name": "pull_request",
                "action_path": str(ACTION.parent),
            },
        }
        ran, log = [], ""
        for step in action["runs"]["steps"]:
            if "run" not in step or step["name"] == "Install pathway-designer":
                continue
            if "if" in step and not _condition(step["if"], context):
                continue
            outputs.write_text("", encoding="utf-8")
            env = {
                **os.environ, **HERMETIC, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
                "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
                "RUNNER_TEMP": str(temp), "GITHUB_EVENT_PATH": str(event_path),
                "GITHUB_API_URL": fake_github.url,
                **{k: _resolve(str(v), context) for k, v in step.get("env", {}).items()},
            }
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                  cwd=root, env=env, capture_output=True, text=True, check=False)
            ran.append(f"{step['name']}: {done.returncode}")
            log += done.stdout + done.stderr
            if "id" in step:
                pairs = [line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines()]
                context["steps"][step["id"]] = {"outputs": dict(pairs)}
            if done.returncode != 0:
                break
        return ran, log, summary.read_text(encoding="utf-8")

    ran, log, summary = run_action()
    assert ran == ["Validate the pathways: 0", "Review the change: 0", "Comment on the pull request: 0"], log
    assert "### New pathway: Adult mental health crisis pathway \\(urban\\)" in summary
    assert len(_ours(fake_github)) == 1 and "[Pathway review]" not in log
    assert "created the review comment" in log

    write(root, {"pathways/adult-crisis-urban.yaml": "format: 1\nid: adult-crisis-urban\n"})
    commit(root, "Half an urban twin")
    ran, log, _ = run_action()
    assert ran[-1] == "Fail when validation failed: 1" and "::error file=" in log
    assert [m for m, _, _ in fake_github.requests][-1] == "PATCH" and len(_ours(fake_github)) == 1
