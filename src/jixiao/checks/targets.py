"""Checks: targets (to be written)."""
