"""Placeholder: reader 'selfeval_tabbed' (to be written)."""

from __future__ import annotations

from jixiao.readers.base import ReadResult
from jixiao.readers.registry import register
from jixiao.sources.sheet import Sheet


class _Reader:
    name = "selfeval_tabbed"
    title = "selfeval_tabbed"

    def identify(self, sheet: Sheet) -> float:
        return 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        return ReadResult()


READER = register(_Reader())
