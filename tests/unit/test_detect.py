"""Claimed lines: spans merged once and found by bisection give the same lines as testing
every span (the long-document path must not change what is read)."""

from __future__ import annotations

import random

from jixiao.readers.base import Span
from jixiao.readers.detect import _claimed_test, _unclaimed
from jixiao.sources.sheet import Line, Sheet


def test_merged_spans_claim_exactly_the_lines_any_span_covers() -> None:
    rng = random.Random(7)
    for _ in range(50):
        spans = [Span(a, a + rng.randint(0, 12)) for a in (rng.randint(1, 200) for _ in range(rng.randint(0, 15)))]
        inside = _claimed_test(spans)
        for n in range(0, 220):
            assert inside(n) == any(s.first <= n <= s.last for s in spans), (n, spans)


def test_the_unclaimed_sheet_keeps_the_other_lines_in_order() -> None:
    sheet = Sheet(file="t.txt", lines=tuple(Line(number=n, text=str(n), cells=(str(n),)) for n in range(1, 11)))
    left = _unclaimed(sheet, [Span(2, 3), Span(3, 5), Span(9, 9)])
    assert [x.number for x in left.lines] == [1, 6, 7, 8, 10]
