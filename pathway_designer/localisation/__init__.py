"""Localisation: a local pathway adapted from a base (a national or regional one) and kept up with it.

- `base`: where a base lives (this workspace, or a git remote of it) and reading it at a version;
- `adapting`: `adapt`, a new local pathway from the base's latest version, the version recorded;
- `upstream`: what changed in the base since the version adapted, each change marked by what the
  local pathway did with the part it touches; `upstream_writing` writes it as text and JSON;
- `bringing_in`: the base's changes merged into the local pathway by meaning, saved with an
  `Upstream` trailer, conflicts left for the partners to choose; and pinning the version;
- `local_view`: what is local (added, changed, removed against the base), for the diagram;
- `twins`: pathways of the workspace that share a base or look alike, with their geography.
"""
