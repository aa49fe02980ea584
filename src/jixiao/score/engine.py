"""Placeholder scoring engine (to be written)."""

from __future__ import annotations

from jixiao.model.document import Document


def score_document(document: Document, ruleset: str | None = None) -> tuple:
    return ()
