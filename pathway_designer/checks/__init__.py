"""Checking pathways: validation, the registered rules, their configuration, reporting."""
