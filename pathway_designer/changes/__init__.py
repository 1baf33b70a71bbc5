"""Changes between versions of a pathway: the semantic diff, the merge, and changes told in words."""
