"""Indicator cells printed with nothing between them, split by the row's arithmetic.

A Word table run together on a document site glues a row's neighbouring cells:

- weight and score (分值 | 得分): ``2020`` is 20 | 20, ``109`` 10 | 9, ``2019.5`` 20 | 19.5.
  A weight is at most 100 and a score at most its weight (score = weight × rate, the
  rate capped at 100%), and neither prints a leading zero, so a number no weight can
  be has at most one such split; where none or two remain both stay empty, said in a
  reading finding (R004).
- weight and target where the form prints 分值 before 年度指标值: ``8550万粒`` before an
  actual ``550万粒`` is 8 | 550万粒 — the target repeats the actual it ends with, and the
  digits before it are a weight no smaller than the row's score.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.findings import Finding, Severity
from jixiao.model.values import EMPTY, Cell
from jixiao.vocabulary import vocabulary

_NUMBER = re.compile(r"^(0|[1-9]\d{0,2})(\.\d{1,2})?$")
_MAX_WEIGHT = Decimal(100)
_COMPARATORS = "≥≤≧≦=＝<>＜＞"


def _glued(text: str) -> list[tuple[str, str]] | None:
    """Every split of a run ``weight score``; None for a number a weight can be."""
    if not re.fullmatch(r"\d+(\.\d+)?", text) or Decimal(text) <= _MAX_WEIGHT:
        return None                      # a number a weight can be is a weight
    found = []
    for cut in range(1, len(text)):
        w, s = text[:cut], text[cut:]
        if "." in w or not (_NUMBER.match(w) and _NUMBER.match(s)):
            continue
        if Decimal(s) <= Decimal(w) <= _MAX_WEIGHT:
            found.append((w, s))
    return found


def weight_and_score(text: str) -> tuple[str, str] | None:
    """The one split of a run ``weight score`` (``2020`` → 20, 20), or None."""
    found = _glued(text)
    return found[0] if found is not None and len(found) == 1 else None


def split_glued(got: dict[str, Cell], body: tuple[str, ...], findings: list[Finding] | None = None) -> dict[str, Cell]:
    """A row's cells with glued weight and score, or weight and target, split apart. A
    number no weight can be with no single split leaves both cells empty, and ``findings``
    gets an R004 (the document's numbers, not a guess)."""
    weight, score = got.get("weight"), got.get("score")
    if weight is not None and weight.text and (score is None or score.empty) and "score" in body:
        found = _glued(weight.text)
        if found is not None and len(found) == 1:
            got = dict(got, weight=Cell.read(found[0][0], weight.where), score=Cell.read(found[0][1], weight.where))
        elif found is not None:
            got = dict(got, weight=EMPTY, score=EMPTY)
            if findings is not None:
                findings.append(_unsplit(got.get("name", EMPTY).text or "", weight))
    return _weight_before_target(got, body)


def _unsplit(name: str, weight: Cell) -> Finding:
    return Finding(
        code="R004", severity=Severity.WARNING, where=weight.where, indicator=name or None,
        message=f"指标“{name}”的分值与得分连写为“{weight.text}”，按“得分不超过分值、分值不超过100”"
                f"无法唯一拆分，已留空，请对照原件填写。")


def _weight_before_target(got: dict[str, Cell], body: tuple[str, ...]) -> dict[str, Cell]:
    target, actual = got.get("target"), got.get("actual")
    if "weight" not in body or "target" not in body or body.index("weight") > body.index("target"):
        return got
    if (w := got.get("weight")) is not None and not w.empty or target is None or actual is None:
        return got
    t, a = target.text or "", actual.text or ""
    if not t.endswith(a):
        a = _uncompared(a)               # 880% before ≥80% (or its slip ^80%): 8 | 80%
    lead = re.match(r"\d+(?:\.\d+)?", a)
    if lead is None or len(t) <= len(a) or not t.endswith(a) or not Decimal(lead.group()):
        return got                       # (an actual of 0 would make any number before it a weight)
    head = t[:-len(a)]
    score = got.get("score")
    if not _NUMBER.match(head) or Decimal(head) > _MAX_WEIGHT or Decimal(head) == 0:
        return got
    if score is None or score.number is None or score.number > Decimal(head):
        return got                       # a weight is no smaller than its score
    return dict(got, weight=Cell.read(head, target.where), target=Cell.read(a, target.where))


def _uncompared(actual: str) -> str:
    """An actual without the comparator it starts with (a printed one, or its OCR slip in
    the vocabulary): the number a target printed without one ends with."""
    slips = "".join(wrong for wrong, _ in vocabulary().comparator_slips)
    return re.sub(rf"^[{re.escape(_COMPARATORS + slips)}]+\s*", "", actual)
