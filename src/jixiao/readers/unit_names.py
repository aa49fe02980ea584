"""Where a document names its unit outside any table: beside its year in a title or a
sentence (金华市救助管理站2021年度单位决算, 2019年度鹿寨县“三公”经费), or alone on the line
above a title. Shared by the readers of final accounts and of scoring frames."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from jixiao.model.provenance import Where
from jixiao.model.values import Cell, normalize_text, squeeze
from jixiao.sources.sheet import Line, Sheet
from jixiao.vocabulary import vocabulary

# Words a name caught beside a year may start with that show it is no name.
_NO_NAME = ("年度", "度", "全", "本年", "上年", "部门", "单位", "决算", "收入", "支出")


@cache
def _unit_patterns() -> tuple[re.Pattern[str], ...]:
    """A unit named beside its year: 金华市救助管理站2021年度单位决算, 2019年度鹿寨县“三公”
    经费, 2022年度某县档案局部门整体支出…, 昆明市科学技术局部门2018年度, or the 概况's
    忻州市第二实验小学是…"""
    name = rf"(?P<name>[\u4e00-\u9fff()（）]{{2,30}}?(?:{_ends()}))"
    return (re.compile(rf"{name}(?:部门|单位)?20\d\d年"),
            re.compile(rf"20\d\d年度?{name}(?:部门|单位)?(?:“|\"|一般公共|三公|决算|部门决算|单位决算|整体|绩效"
                       r"|行政(?:事业)?单位)"),     # 2020年某县行政单位…“三公”经费决算总额: a place's aggregate
            re.compile(rf"^{name}(?:是|为)"),
            re.compile(rf"20\d\d年度?{name}(?:部门|单位)(?=[,，、包使])"))   # 2022年某州本级部门，包括…


@cache
def _ends() -> str:
    return "|".join(re.escape(s) for s in vocabulary().unit_suffixes)


def unit_above(sheet: Sheet, lines: Sequence[Line], k: int) -> Cell | None:
    """A title broken over lines under the unit's name (天津市某法院 | 2017年度一般公共预算
    财政拨款 | “三公”经费决算情况说明): the line above that is a name."""
    for line in reversed(lines[max(0, k - 3):k]):
        text = squeeze(normalize_text(line.text) or "")
        if re.fullmatch(rf"[\u4e00-\u9fff()（）]{{2,30}}?(?:{_ends()})", text):
            return Cell.read(text, sheet.where(line))
    return None


def named_unit(sheet: Sheet, lines: Sequence[Line]) -> Cell:
    """The unit the lines name beside a year (a page or a chunk without its cover);
    nothing when none is named."""
    for line in lines:
        found = named_unit_in(line.text, sheet.where(line))
        if not found.empty:
            return found
    return Cell.read(None)


def named_unit_in(text: str, where: Where) -> Cell:
    """The unit one text (a title, a sentence) names beside a year; empty when none."""
    flat = squeeze(normalize_text(text) or "")
    for pattern in _unit_patterns():
        m = pattern.search(flat)
        if m and not m.group("name").startswith(_NO_NAME):
            return Cell.read(m.group("name"), where)
    return Cell.read(None)
