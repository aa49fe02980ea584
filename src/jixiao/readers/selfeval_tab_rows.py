"""Cells of a tab-separated self-evaluation table: header roles, level labels, value alignment.

Printed tables shift cells left or right from row to row (merged cells, page breaks), so a
cell's column says little. A header row names the roles and their order; each data row's
cells are then matched to that order by content: a weight or score is a plain number, a
scoring method is a long text, a deviation reason is never a bare number.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model.values import money, normalize_text, squeeze
from jixiao.readers.form_fit import align_by
from jixiao.resolve.levels import level1_of, level2_of, points_of

# Header words → role, most specific first (``年度指标值`` before ``分值``).
_HEADER_WORDS = (
    ("得分计算方法", "method"), ("计算方法", "method"), ("评分标准", "method"),
    ("偏差原因", "reason"), ("未完成原因", "reason"), ("原因", "reason"),
    ("三级指标", "name"),
    ("实际完成值", "actual"), ("全年实际值", "actual"), ("实际值", "actual"), ("完成值", "actual"),
    ("年度指标值", "target"), ("指标值", "target"),
    ("年初预算", "initial"), ("全年预算", "budget"), ("全年执行", "executed"), ("执行数", "executed"),
    ("执行率", "rate"), ("分值", "weight"), ("权重", "weight"), ("得分", "score"),
)
GOAL_WORDS = (("实际完成情况", "actual"), ("完成情况", "actual"), ("预期目标", "planned"),
              ("设定目标", "planned"), ("绩效目标", "planned"))
INDICATOR_ROLES = ("name", "target", "actual", "weight", "score", "reason", "method")
FUND_ROLES = ("initial", "budget", "executed", "weight", "rate", "score")
# A stray table label repeated at a page break, not data.
_STRAY = re.compile(r"^(绩效指标|绩效|指标|项目资金|年度总体目标)([（(]\d+分?[)）]分?)?$")
# Short texts that are level labels even when cut or garbled (``双指标``, ``益指标(30分)``).
_LABELISH = re.compile(r"^.{0,6}(指标?([（(]\d+(\.\d+)?分?[)）]?分?)?|[（(]\d+(\.\d+)?分?[)）]分?)$")
_PLACEHOLDER_NAME = re.compile(r"^(指标\d*[:：]?)?(无|0|[.。…·\-—－/]+)?$")


def key(text: str | None) -> str:
    """A cell without any whitespace: what header and label matching compare."""
    return squeeze(normalize_text(text))


@lru_cache(maxsize=4096)
def role_of_header(cell: str) -> str | None:
    """The role a header cell names (``指标值 (A)`` → target), or None."""
    k = key(cell)
    if not k or len(k) > 14:
        return None
    for word, role in _HEADER_WORDS:
        if word in k:
            return role
    return None


def header_roles(cells: tuple[str, ...], allowed: tuple[str, ...]) -> list[tuple[int, str]]:
    """(column, role) of each header cell naming an allowed role, first occurrence kept."""
    seen: set[str] = set()
    out = []
    for col, cell in enumerate(cells):
        role = role_of_header(cell)
        if role in allowed and role not in seen:
            seen.add(role)
            out.append((col, role))
    return out


def is_plain_number(text: str | None) -> bool:
    """``4.88`` or ``100`` — a weight or a score; ``80%`` or ``≥98`` is not."""
    return text is not None and money(text) is not None and not text.rstrip().endswith(("%", "％"))


def is_stray(cell: str) -> bool:
    return bool(_STRAY.match(key(cell)))


def is_placeholder_name(cell: str | None) -> bool:
    """``指标1:``, ``无``, ``0``, ``.....``: a row the form printed but nobody filled in."""
    return cell is None or bool(_PLACEHOLDER_NAME.match(key(cell)))


def label_of(cell: str) -> tuple[str | None, str | None, bool] | None:
    """(level1, level2, has_points) for a level label cell, or None for any other cell.

    A label alone that reads both ways (``满意度``) counts as level 2 here; the caller
    decides by position when a row prints two labels.
    """
    k = key(cell)
    if not k or len(k) > 16:
        return None
    l1, l2 = level1_of(k), level2_of(k)
    has_points = points_of(k) is not None and ("分" in k or "(" in k or "（" in k)
    if l1 or l2:
        return l1, l2, has_points
    if _LABELISH.match(k) and not _PLACEHOLDER_NAME.match(k):
        return None, None, has_points      # a garbled label: consumed, tells nothing
    return None


def _fit(text: str, role: str) -> float:
    """How badly a cell's content fits a role: 0 fits, 10 does not."""
    if not text:
        return 0.0
    if role in ("weight", "score"):
        return 0.0 if is_plain_number(text) else 10.0
    if role == "reason":
        return 10.0 if is_plain_number(text) else 0.0
    if role == "method":
        return 0.0 if len(text) >= 10 and not is_plain_number(text) else 10.0
    return 0.0


def align(cells: tuple[str, ...], roles: tuple[str, ...]) -> dict[str, int]:
    """Map cells (normalised texts, '' for empty) to roles, keeping both orders.

    An empty cell may be skipped (a shifted row), a role may stay unfilled (a merged
    cell printed on another row); each cell goes to the role its content fits best.
    Returns role → index into ``cells``.
    """
    return dict(_align(tuple(cells), tuple(roles))[1])


def _align(cells: tuple[str, ...], roles: tuple[str, ...]) -> tuple[float, tuple[tuple[str, int], ...]]:
    return align_by(cells, roles, _fit, 1.0)
