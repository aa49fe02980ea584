"""Every registered check's examples are its tests: failing ones raise its code, passing ones do not."""

from __future__ import annotations

import pytest

from jixiao.checks.registry import Check, Example, all_checks, run_checks
from jixiao.score.engine import score_document

CASES = [(c, ex) for c in all_checks().values() for ex in c.examples]


def test_every_check_has_a_failing_and_a_passing_example() -> None:
    lacking = [c.code for c in all_checks().values()
               if not any(e.fails for e in c.examples) or all(e.fails for e in c.examples)]
    assert lacking == []


@pytest.mark.parametrize(("check", "example"), CASES,
                         ids=[f"{c.code}-{'fails' if e.fails else 'passes'}-{e.description}" for c, e in CASES])
def test_example(check: Check, example: Example) -> None:
    document = example.make()
    findings = run_checks(document, tuple(score_document(document, None)), tier="all", only=[check.code])
    raised = [f for f in findings if f.code == check.code]
    broken = [f for f in findings if f.code == "X001" and check.code != "X001"]
    assert not broken, broken[0].message
    assert bool(raised) == example.fails, [f.message for f in raised]
