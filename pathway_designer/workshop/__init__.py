"""The workshop's logic: editing, drafts, views, access and the pack."""
