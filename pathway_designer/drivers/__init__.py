"""git's merge and diff drivers for pathway files, so plain git merges and shows them by meaning.

- `setup`: `.gitattributes` and the repository's git config that name the drivers;
- `merging`: the merge driver, on the semantic three-way merge (`changes.merge`);
- `diffing`: the external diff (a change in words for `git diff`) and the text conversion (one
  line per fact, for `git log -p` and every tool that shows line diffs).
"""
