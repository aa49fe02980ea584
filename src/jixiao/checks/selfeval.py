"""Checks: selfeval (to be written)."""
