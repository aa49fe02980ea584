"""Indicator level labels as printed → their full names (shared by every reader).

Printed labels are cut (``数量指``), coded (``11-数量指标``, ``21-经济效益``), split by
wrapping (``社会效益 指标``), or carry points (``产出指标 (50) 分``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.selfeval import LEVEL1, LEVEL2
from jixiao.vocabulary import vocabulary

_CODE = re.compile(r"^\s*\d+\s*[-－.、]\s*")
_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]?\s*分?|(\d+(?:\.\d+)?)\s*分")
_SPACE = re.compile(r"\s+")

# The shortest prefix that tells each label apart, longest first.
_LEVEL2_STEMS = (
    ("服务对象满意度", "服务对象满意度指标"), ("服务对象满意", "服务对象满意度指标"),
    ("服务对象", "服务对象满意度指标"), ("可持续影响", "可持续影响指标"), ("可持续", "可持续影响指标"),
    ("经济效益", "经济效益指标"), ("社会效益", "社会效益指标"), ("生态效益", "生态效益指标"),
    ("经济效", "经济效益指标"), ("社会效", "社会效益指标"), ("生态效", "生态效益指标"),
    ("数量", "数量指标"), ("质量", "质量指标"), ("时效", "时效指标"), ("成本", "成本指标"),
    ("满意度", "服务对象满意度指标"),
)
_LEVEL1_STEMS = (("产出", "产出指标"), ("效益", "效益指标"), ("满意度", "满意度指标"), ("满意", "满意度指标"),
                 ("成本", "成本指标"))


def _bare(text: str) -> str:
    text = _SPACE.sub("", text or "")
    text = _CODE.sub("", text)
    return _POINTS.sub("", text).strip()


def level2_of(text: str | None) -> str | None:
    """``数量指`` → 数量指标, ``21-经济效益`` → 经济效益指标; ``None`` if not a level-2 label."""
    if not text:
        return None
    bare = _bare(text)
    if not bare or len(bare) > 12:
        return None
    if bare in LEVEL2:
        return bare
    if bare in vocabulary().other_level2:       # 经济成本指标: another form's level, as printed
        return bare
    for stem, full in _LEVEL2_STEMS:
        if bare.startswith(stem) and full.startswith(bare):
            return full
    return _unique_prefix(bare, LEVEL2)


def _unique_prefix(bare: str, names: tuple[str, ...]) -> str | None:
    """A cut label that starts exactly one full name (``服务对`` → 服务对象满意度指标)."""
    hits = [n for n in names if len(bare) >= 2 and n.startswith(bare)]
    return hits[0] if len(hits) == 1 else None


def level1_of(text: str | None) -> str | None:
    """``产出指标 (50) 分`` → 产出指标, ``1-产出指标`` → 产出指标; ``None`` if not level 1."""
    if not text:
        return None
    bare = _bare(text)
    if not bare or len(bare) > 8:
        return None
    if bare in LEVEL1:
        return bare
    for stem, full in _LEVEL1_STEMS:
        if bare.startswith(stem) and full.startswith(bare):
            return full
    return None


def points_of(text: str | None) -> Decimal | None:
    """The points a level-1 heading prints: ``产出指标 (50) 分`` → 50, ``效益指标（30分）`` → 30."""
    if not text:
        return None
    m = _POINTS.search(_SPACE.sub("", text))
    if not m:
        return None
    return Decimal(m.group(1) or m.group(2))
