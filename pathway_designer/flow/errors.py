"""What can go wrong in turning a pathway into a network, said plainly."""

from __future__ import annotations


class FlowError(ValueError):
    """The pathway (or the scenario) cannot be solved: no flow fields, an unknown scenario, shares
    that do not add up. The message is in people's words, with step labels."""
