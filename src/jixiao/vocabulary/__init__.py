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

    def of(self, role: str) -> tuple[str, ...]:
        return next((words for r, words in self.labels if r == role), ())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r for r, _ in self.labels)

    def role_of(self, text: str | None, limit: int = 16, exact: bool = False) -> str | None:
        """The role whose longest label the cell holds (contains, or equals with ``exact``)."""
        k = match_key(text)
        if not k or len(k) > limit:
            return None
        best: tuple[int, str] | None = None
        for role, words in self.labels:
            for w in words:
                hit = (k == w) if exact else (w in k)
                if hit and (best is None or len(w) > best[0]):
                    best = (len(w), role)
        return best[1] if best else None


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
class Vocabulary:
    slips: tuple[tuple[str, str], ...]
    selfeval_titles: tuple[str, ...]
    department_titles: tuple[str, ...]
    selfeval_anchors: tuple[str, ...]
    info: Roles
    fund_columns: Roles
    fund_items: tuple[str, ...]
    goal_section: tuple[str, ...]
    goal: Roles
    indicator_columns: Roles
    total: tuple[str, ...]
    after: tuple[str, ...]
    other_level1: tuple[str, ...]
    target_titles: tuple[str, ...]


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
    return Roles(tuple((role, _words(table, role, where)) for role in table))


def parse(data: dict[str, object]) -> Vocabulary:
    """Validate the TOML's shape; every label list non-empty, every slip a string."""
    slips = data.get("slips", {})
    if not isinstance(slips, dict) or not all(isinstance(v, str) for v in slips.values()):
        raise VocabularyError("slips: a table of printed = meant strings is required")
    se = data.get("selfeval")
    if not isinstance(se, dict):
        raise VocabularyError("selfeval: missing")
    end, goal = se.get("end", {}), se.get("goal", {})
    if not isinstance(end, dict) or not isinstance(goal, dict):
        raise VocabularyError("selfeval.end / selfeval.goal: tables required")
    goal_roles = {k: v for k, v in goal.items() if k != "section"}
    levels = se.get("levels", {})
    if not isinstance(levels, dict):
        raise VocabularyError("selfeval.levels: a table is required")
    tg = data.get("targets")
    if not isinstance(tg, dict):
        raise VocabularyError("targets: missing")
    items = se.get("fund_items", {})
    if not isinstance(items, dict):
        raise VocabularyError("selfeval.fund_items: a table is required")
    return Vocabulary(
        slips=tuple(sorted(((str(k), str(v)) for k, v in slips.items()), key=lambda kv: -len(kv[0]))),
        selfeval_titles=_words(se, "titles", "selfeval"),
        department_titles=_words(se, "department_titles", "selfeval"),
        selfeval_anchors=_words(se, "anchors", "selfeval"),
        info=_roles(se.get("info"), "selfeval.info"),
        fund_columns=_roles(se.get("fund_columns"), "selfeval.fund_columns"),
        fund_items=_words(items, "labels", "selfeval.fund_items"),
        goal_section=_words(goal, "section", "selfeval.goal"),
        goal=_roles(goal_roles, "selfeval.goal"),
        indicator_columns=_roles(se.get("indicator_columns"), "selfeval.indicator_columns"),
        total=_words(end, "total", "selfeval.end"),
        after=_words(end, "after", "selfeval.end"),
        other_level1=_words(levels, "other_level1", "selfeval.levels"),
        target_titles=_words(tg, "titles", "targets"),
    )


@cache
def vocabulary() -> Vocabulary:
    text = resources.files("jixiao.vocabulary").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return parse(tomllib.loads(text))
