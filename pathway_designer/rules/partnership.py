"""Partnership rules: joint commissioning, involvement, outcomes and context (see issue 5)."""
