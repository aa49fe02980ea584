"""The reading vocabulary (labels and synonyms, as data) and the key labels are matched by.

``match_key`` normalises for matching only: traditional → simplified (OpenCC), ruby
pinyin dropped, full-width folded (NFKC), whitespace removed, common OCR slips in labels
mended. The text kept in the output is always the printed one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import opencc

from jixiao.model.values import RUBY  # one pattern for output and matching

_T2S = opencc.OpenCC("t2s")
# Ruby pinyin inlined after a character: 縣(xiàn), 實(shí).
_SPACE = re.compile(r"\s+")


class VocabularyError(ValueError):
    """The vocabulary file does not have the shape the readers expect."""


@dataclass(frozen=True, slots=True)
class Roles:
    """Role → its labels, longest label first; ``role_of`` finds the role a cell names."""

    labels: tuple[tuple[str, tuple[str, ...]], ...]
    ranks: tuple[tuple[str, int], ...] = ()     # label → its place in the vocabulary's list

    def rank(self, label: str) -> int:
        """Where the vocabulary lists a label among its role's (earlier: preferred)."""
        return next((r for w, r in self.ranks if w == label), len(self.ranks))

    def of(self, role: str) -> tuple[str, ...]:
        return next((words for r, words in self.labels if r == role), ())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r for r, _ in self.labels)

    def role_of(self, text: str | None, limit: int = 16, exact: bool = False) -> str | None:
        """The role of the label the cell holds: the one that starts first in the cell, the
        longest of those (年初预算数(A) is 年初预算数, not 预算数(A); 得分计算方法 is no 得分)."""
        k = match_key(text)
        if not k or len(k) > limit:
            return None
        return _role_of(self, k, exact)


@lru_cache(maxsize=65536)
def _role_of(roles: Roles, k: str, exact: bool) -> str | None:
    best: tuple[int, int, str] | None = None
    for role, words in roles.labels:
        for w in words:
            if k == w or (len(w) <= 2 and k.startswith(w + "(")):
                at = 0                        # 一级, 三级, 分值(10分): whole cells
            else:
                at = -1 if exact or len(w) <= 2 else k.find(w)
            if at >= 0 and (best is None or (at, -len(w)) < (best[0], best[1])):
                best = (at, -len(w), role)
    return best[2] if best else None


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """The text in simplified characters without ruby pinyin, spacing kept: a view to match
    readers' patterns against (never output)."""
    return str(_T2S.convert(RUBY.sub("", text))) if text else text


@lru_cache(maxsize=65536)
def match_key(text: str | None) -> str:
    """What labels are compared by: simplified, no ruby pinyin, NFKC, no spaces, slips mended."""
    if not text:
        return ""
    t = RUBY.sub("", text)
    t = unicodedata.normalize("NFKC", t).replace("\u00a0", " ")
    t = _SPACE.sub("", t)
    t = str(_T2S.convert(t))
    for wrong, right in vocabulary().slips:
        t = t.replace(wrong, right)
    return t


@dataclass(frozen=True, slots=True)
class Form:
    """One form's part of the vocabulary: how its tables are titled and what they hold."""

    titles: tuple[str, ...]
    department_titles: tuple[str, ...]
    anchors: tuple[str, ...]
    info: Roles
    goal: Roles
    goal_section: tuple[str, ...] = ()
    fund_columns: Roles | None = None     # self-evaluation: the fund block's columns
    fund_items: tuple[str, ...] = ()      # self-evaluation: the fund block's lines
    amounts: Roles | None = None          # targets: 项目总额, 年度资金总额 and the fund sources


@dataclass(frozen=True, slots=True)
class Frame:
    """Scoring frames (绩效评价指标表): titles, criteria columns, and what tells the kind."""

    titles: tuple[str, ...]
    criteria: tuple[str, ...]
    remarks: tuple[str, ...]
    header_words: tuple[str, ...]
    department_words: tuple[str, ...]
    project_words: tuple[str, ...]
    department_level1: tuple[str, ...]
    headless_level1: tuple[str, ...]
    levels: tuple[str, ...]
    level_groups: tuple[str, ...]
    weight_headers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    slips: tuple[tuple[str, str], ...]
    other_level1: tuple[str, ...]
    other_level2: tuple[str, ...]
    over_national: tuple[str, ...]
    level_parents: tuple[tuple[str, str], ...]
    level_aliases: tuple[tuple[str, str], ...]
    columns: Roles
    total: tuple[str, ...]
    after: tuple[str, ...]
    groups: tuple[str, ...]
    sections: tuple[str, ...]
    selfeval: Form
    targets: Form
    unit_suffixes: tuple[str, ...]
    frame: Frame
    units: tuple[str, ...] = ()         # measure words a value ends with (件, 人次, 万元)
    verdicts: tuple[str, ...] = ()      # an actual value stated as a verdict (达成预期指标)
    target_openers: tuple[str, ...] = ()     # words a target cell opens with (按规定, 超上年)
    management_level2: tuple[str, ...] = ()      # a department form's fixed 管理指标 second levels
    measure_units: tuple[str, ...] = ()          # what a 计量单位 cell holds: %, 万亩, 人次 …
    # OCR slips for a comparator (工5% for ≥5%): printed → meant, one character each, for
    # cutting cells apart only (sources/stream.py); the text kept is the printed one
    comparator_slips: tuple[tuple[str, str], ...] = ()

    def parent(self, level2: str | None) -> str | None:
        """The national level 1 a national level 2 stands under (数量指标 → 产出指标)."""
        return next((l1 for l2, l1 in self.level_parents if l2 == level2), None)

    def alias(self, key: str) -> str | None:
        """The national name a regional level label stands for (产出值 → 产出指标)."""
        return next((full for printed, full in self.level_aliases if key == printed), None)


def _table(data: dict[str, object], key: str, where: str) -> dict[str, object]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise VocabularyError(f"{where}.{key}: a table is required")
    return value


def _words(table: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise VocabularyError(f"{where}.{key}: a non-empty list of labels is required")
    # Labels are stored as match keys, longest first, so the longest label wins.
    return tuple(sorted({_plain_key(v) for v in value}, key=len, reverse=True))


def _plain_key(text: str) -> str:
    return str(_T2S.convert(_SPACE.sub("", unicodedata.normalize("NFKC", text))))


def _roles(table: object, where: str) -> Roles:
    if not isinstance(table, dict) or not table:
        raise VocabularyError(f"{where}: a table of role = [labels] is required")
    ranks = tuple((_plain_key(w), i) for role in table for i, w in enumerate(table[role]))
    return Roles(tuple((role, _words(table, role, where)) for role in table), ranks)


def _pairs(table: dict[str, object], where: str) -> tuple[tuple[str, str], ...]:
    if not all(isinstance(v, str) and v for v in table.values()):
        raise VocabularyError(f"{where}: a table of printed = meant strings is required")
    return tuple(sorted(((_plain_key(str(k)), str(v)) for k, v in table.items()), key=lambda kv: -len(kv[0])))


def _form(data: dict[str, object], name: str) -> Form:
    form = _table(data, name, "")
    goal = _table(form, "goal", name)
    section = tuple(_words(goal, "section", f"{name}.goal")) if "section" in goal else ()
    return Form(
        titles=_words(form, "titles", name),
        department_titles=_words(form, "department_titles", name),
        anchors=_words(form, "anchors", name),
        info=_roles(form.get("info"), f"{name}.info"),
        goal=_roles({k: v for k, v in goal.items() if k != "section"}, f"{name}.goal"),
        goal_section=section,
        fund_columns=_roles(form["fund_columns"], f"{name}.fund_columns") if "fund_columns" in form else None,
        fund_items=_words(_table(form, "fund_items", name), "labels", f"{name}.fund_items")
        if "fund_items" in form else (),
        amounts=_roles(form["amounts"], f"{name}.amounts") if "amounts" in form else None,
    )


def parse(data: dict[str, object]) -> Vocabulary:
    """Validate the TOML's shape: every label list non-empty, every mapping of strings."""
    levels = _table(data, "levels", "")
    end = _table(data, "end", "")
    return Vocabulary(
        slips=_pairs(_table(data, "slips", ""), "slips"),
        other_level1=_words(levels, "other_level1", "levels"),
        other_level2=_words(levels, "other_level2", "levels"),
        over_national=_words(levels, "over_national", "levels"),
        level_parents=_pairs(_table(levels, "parents", "levels"), "levels.parents"),
        level_aliases=_pairs(_table(levels, "aliases", "levels"), "levels.aliases"),
        columns=_roles(data.get("columns"), "columns"),
        total=_words(end, "total", "end"),
        after=_words(end, "after", "end"),
        groups=_words(end, "groups", "end"),
        sections=_words(end, "sections", "end"),
        selfeval=_form(data, "selfeval"),
        targets=_form(data, "targets"),
        unit_suffixes=_words(_table(data, "accounts", ""), "unit_suffixes", "accounts"),
        frame=Frame(**{name: _words(_table(data, "frame", ""), name, "frame") for name in Frame.__slots__}),
        units=_words(_table(data, "cells", ""), "units", "cells"),
        verdicts=_words(_table(data, "cells", ""), "verdicts", "cells"),
        target_openers=_words(_table(data, "cells", ""), "target_openers", "cells")
        if "target_openers" in _table(data, "cells", "") else (),
        management_level2=_words(levels, "management_level2", "levels") if "management_level2" in levels else (),
        measure_units=_words(_table(data, "measures", ""), "units", "measures") if "measures" in data else (),
        comparator_slips=_char_slips(_table(data, "cells", "")),
    )


def _char_slips(cells: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """``[cells.comparator_slips]``: one printed character for one comparator each (a
    mended copy keeps every cell's place in the text)."""
    table = cells.get("comparator_slips", {})
    if not isinstance(table, dict) or not all(
            isinstance(v, str) and len(k) == 1 and len(v) == 1 for k, v in table.items()):
        raise VocabularyError("cells.comparator_slips: a table of one character = one comparator is required")
    return tuple((str(k), str(v)) for k, v in table.items())


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("jixiao.vocabulary").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return parse(tomllib.loads(text))
