"""Checks: narrative (to be written)."""
