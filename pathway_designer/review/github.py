"""The GitHub Action's last step: the review posted as ONE comment on the pull request.

Run as `python -m pathway_designer.review.github REVIEW.md` inside a workflow run for a
`pull_request` event. It reads the event (`$GITHUB_EVENT_PATH`), finds its own earlier comment by the
hidden marker the Markdown starts with (`review.markdown.MARKER`), and updates it (PATCH) or, on the
first run, creates it (POST): a pull request pushed to ten times still has one review comment, always
the latest. Only the standard library's `urllib` is used, so the Action installs nothing more.

A token that may not comment (a pull request from a fork gets a read-only one) is reported as a
warning annotation, exit status 0: the review is then in the job's log, and the checks still gate.
"""

from __future__ import annotations

import json
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .markdown import MARKER

API = "https://api.github.com"
LIMIT = 65_000  # GitHub refuses comment bodies over 65,536 characters
TOO_LONG = "\n\n_The review is too long for one comment; the rest is in the job's log._\n"
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


class GitHubError(Exception):
    """The pull request or the API could not be reached as expected."""


@dataclass(frozen=True)
class Posted:
    action: str  # "created" or "updated"
    id: int
    url: str


def pull_request(event: Mapping[str, Any]) -> tuple[str, int]:
    """(owner/name, number) of the event's pull request."""
    try:
        number = int(event["pull_request"]["number"])
        repository = str(event["repository"]["full_name"])
    except (KeyError, TypeError, ValueError):
        raise GitHubError("the event is not a pull_request event (no pull request number)") from None
    return repository, number


def fitted(body: str) -> str:
    """The body within GitHub's limit, cut at a line with a note when it is not."""
    if len(body) <= LIMIT:
        return body
    cut = body.rfind("\n", 0, LIMIT - len(TOO_LONG))
    return body[: cut if cut > 0 else LIMIT - len(TOO_LONG)] + TOO_LONG


class Client:
    def __init__(
        self, token: str, api: str = API, opener: urllib.request.OpenerDirector | None = None
    ) -> None:
        self.token = token
        self.api = api.rstrip("/")
        self.opener = opener or urllib.request.build_opener()

    def call(self, method: str, url: str, data: Mapping[str, Any] | None = None) -> tuple[Any, str]:
        """The JSON answer and the next page's address (empty when there is none)."""
        body = json.dumps(data).encode("utf-8") if data is not None else None
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "pathway-designer-review",
            **({"Content-Type": "application/json"} if body is not None else {}),
        })
        try:
            with self.opener.open(request, timeout=30) as answer:
                found = _NEXT.search(answer.headers.get("Link", "") or "")
                return json.loads(answer.read() or b"null"), found.group(1) if found else ""
        except urllib.error.HTTPError as exc:
            raise GitHubError(f"GitHub answered {exc.code} to {method} {url}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise GitHubError(f"GitHub could not be reached ({method} {url}): {exc}") from None

    def own_comment(self, repository: str, number: int) -> int | None:
        """The id of the earlier review comment (the first with the marker), if any."""
        url = f"{self.api}/repos/{repository}/issues/{number}/comments?per_page=100"
        while url:
            comments, url = self.call("GET", url)
            for comment in comments or []:
                if str(comment.get("body") or "").startswith(MARKER):
                    return int(comment["id"])
        return None

    def post(self, repository: str, number: int, body: str) -> Posted:
        body = fitted(body)
        earlier = self.own_comment(repository, number)
        if earlier is None:
            made, _ = self.call("POST", f"{self.api}/repos/{repository}/issues/{number}/comments",
                                {"body": body})
            return Posted("created", int(made["id"]), str(made.get("html_url", "")))
        changed, _ = self.call("PATCH", f"{self.api}/repos/{repository}/issues/comments/{earlier}",
                               {"body": body})
        return Posted("updated", int(changed["id"]), str(changed.get("html_url", "")))


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
         opener: urllib.request.OpenerDirector | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    env = os.environ if environ is None else environ
    if len(args) != 1:
        print("usage: python -m pathway_designer.review.github REVIEW.md", file=sys.stderr)
        return 2
    body = Path(args[0]).read_text(encoding="utf-8")
    if not body.startswith(MARKER):
        body = f"{MARKER}\n{body}"
    token = env.get("GITHUB_TOKEN", "")
    event_path = env.get("GITHUB_EVENT_PATH", "")
    if not token or not event_path:
        print("::error::GITHUB_TOKEN and GITHUB_EVENT_PATH are needed to comment", file=sys.stderr)
        return 2
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        repository, number = pull_request(event)
        posted = Client(token, env.get("GITHUB_API_URL", API), opener).post(repository, number, body)
    except GitHubError as exc:
        print(f"::warning::the review was not posted: {exc}", file=sys.stderr)
        return 0
    except (OSError, ValueError) as exc:
        print(f"::error::the event could not be read: {exc}", file=sys.stderr)
        return 2
    print(f"{posted.action} the review comment {posted.url or posted.id}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
