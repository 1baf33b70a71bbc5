"""Reviewing a change to pathways in git: what each changed file means, for a pull request.

- `gitcli`: the git program, for revisions, renames and files at a commit;
- `collect`: the pathway files that differ between two revisions, each reviewed (`review_revisions`);
- `files`: one file's review from its two sides; `measures`: the measures it moved;
- `result`: the review as data; `markdown` (a pull-request comment), `writing` (text, JSON);
- `github`: the GitHub Action's step that posts or updates the one comment.
"""
