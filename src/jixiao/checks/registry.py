"""Placeholder check registry (to be written)."""

from __future__ import annotations

from jixiao.model.document import Document
from jixiao.model.findings import Finding


def run_checks(document: Document, scorecards: tuple, tier: str = "default") -> tuple[Finding, ...]:
    return ()
