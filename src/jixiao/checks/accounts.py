"""Checks: accounts (to be written)."""
