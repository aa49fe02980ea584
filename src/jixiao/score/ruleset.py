"""Rule sets as data: ``rulesets/*.toml`` loaded into frozen dataclasses, chosen per region and year.

Weights, qualitative tiers, grades and the cost rule differ between regions and years
(财预〔2020〕10号 versus local schemes), so none of them is a constant in code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from jixiao.model.selfeval import SelfEvaluation

LEVELS = {"execution": "执行率", "output": "产出指标", "benefit": "效益指标",
          "satisfaction": "满意度指标", "cost": "成本指标"}
COST_DIRECTIONS = ("reverse", "both")


class RulesetError(ValueError):
    """A rule-set file that does not say what the engine needs, or an unknown name."""


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per part: 执行率, 产出, 效益, 满意度 (and 成本 where it is a level-1 indicator)."""

    execution: Decimal
    output: Decimal
    benefit: Decimal
    satisfaction: Decimal
    cost: Decimal = Decimal(0)

    def by_level(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((LEVELS[k], getattr(self, k)) for k in LEVELS if k != "cost" or self.cost)

    @property
    def total(self) -> Decimal:
        return self.execution + self.output + self.benefit + self.satisfaction + self.cost


@dataclass(frozen=True, slots=True)
class Tier:
    """One qualitative tier: a share of the weight between ``low`` and ``high``."""

    name: str
    high: Decimal
    low: Decimal


@dataclass(frozen=True, slots=True)
class Ruleset:
    name: str
    title: str
    description: str
    weights: Weights
    tiers: tuple[Tier, ...]
    grades: tuple[tuple[str, Decimal], ...]     # highest first: (优, 90), (良, 80) …
    default: bool = False
    regions: tuple[str, ...] = ()
    years: tuple[int, int] = (0, 9999)
    precision: int = 2
    cost_direction: str = "reverse"
    over_achievement: Decimal = Decimal("0.2")
    method_markers: tuple[str, ...] = ()

    def grade(self, total: Decimal) -> str:
        for name, floor in self.grades:
            if total >= floor:
                return name
        return self.grades[-1][0]

    def tier(self, level: int) -> Tier | None:
        return self.tiers[level - 1] if 1 <= level <= len(self.tiers) else None


def _decimal(data: dict[str, Any], key: str, default: str | None = None) -> Decimal:
    value = data.get(key, default)
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RulesetError(f"规则集缺少或写错了数值：{key}")
    return Decimal(str(value))


def from_dict(data: dict[str, Any]) -> Ruleset:
    """Validate a parsed TOML table into a ``Ruleset``; a wrong file says which key is wrong."""
    try:
        w = data["weights"]
        weights = Weights(*(_decimal(w, k, "0" if k == "cost" else None) for k in LEVELS))
        tiers = tuple(Tier(str(t["name"]), _decimal(t, "high"), _decimal(t, "low"))
                      for t in data["tiers"])
        grades = tuple(sorted(((str(k), Decimal(str(v))) for k, v in data["grades"].items()),
                              key=lambda g: -g[1]))
        years = tuple(int(y) for y in data.get("years", (0, 9999)))
        rs = Ruleset(
            name=str(data["name"]), title=str(data["title"]), description=str(data.get("description", "")),
            weights=weights, tiers=tiers, grades=grades, default=bool(data.get("default", False)),
            regions=tuple(str(r) for r in data.get("regions", ())),
            years=(years[0], years[1]), precision=int(data.get("precision", 2)),
            cost_direction=str(data.get("cost_direction", "reverse")),
            over_achievement=_decimal(data, "over_achievement", "0.2"),
            method_markers=tuple(str(m) for m in data.get("method_markers", ())),
        )
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise RulesetError(f"规则集格式错误：{exc}") from exc
    if rs.cost_direction not in COST_DIRECTIONS:
        raise RulesetError(f"cost_direction 只能是 {COST_DIRECTIONS}：{rs.cost_direction}")
    if len(rs.tiers) != 3 or not rs.grades:
        raise RulesetError(f"{rs.name}：需要三档定性记分和至少一个等级")
    return rs


@cache
def _bundled() -> tuple[Ruleset, ...]:
    folder = resources.files("jixiao.score").joinpath("rulesets")
    found = [from_dict(tomllib.loads(f.read_text("utf-8")))
             for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".toml")]
    return tuple(sorted(found, key=lambda r: (not r.default, r.name)))


def list_rulesets() -> tuple[Ruleset, ...]:
    """Every bundled rule set, the default first (for docs and ``--ruleset`` choices)."""
    return _bundled()


def default_ruleset() -> Ruleset:
    return next((r for r in _bundled() if r.default), _bundled()[0])


def load_ruleset(name: str) -> Ruleset:
    for rs in _bundled():
        if rs.name == name:
            return rs
    known = "、".join(r.name for r in _bundled())
    raise RulesetError(f"未知的规则集：{name}（可选：{known}）")


_SPACE = re.compile(r"\s+")


def _compact(text: str | None) -> str:
    t = _SPACE.sub("", text or "")
    return t.replace("％", "%").replace("－", "-").replace("—", "-").replace("～", "-").replace("~", "-")


def level_points(evaluation: SelfEvaluation) -> dict[str, Decimal]:
    """Points per level 1 as printed: the headings' ``(50)`` where printed, else Σ indicator weights."""
    points: dict[str, Decimal] = {}
    for h in evaluation.headings:
        if h.points.number is not None:
            points[h.level1] = h.points.number
    sums: dict[str, Decimal] = {}
    for i in evaluation.indicators:
        if i.level1 and i.weight.number is not None:
            sums[i.level1] = sums.get(i.level1, Decimal(0)) + i.weight.number
    return {**sums, **points}


def _fit(rs: Ruleset, evaluation: SelfEvaluation) -> float:
    """How well a rule set fits what the table prints: fund weight, level points, method, place."""
    score = 0.0
    fund = evaluation.total_fund
    weight = fund.weight.number if fund else None
    if weight is not None and weight == rs.weights.execution:
        score += 3
    elif weight is None and rs.weights.execution == 0 and (fund is None or fund.score.empty):
        score += 3
    points = level_points(evaluation)
    for key in ("output", "benefit", "satisfaction"):
        if points.get(LEVELS[key]) == getattr(rs.weights, key):
            score += 1
    method = _compact(evaluation.method.text)
    if method and any(_compact(m) in method for m in rs.method_markers):
        score += 4
    place = "".join(c.text or "" for c in (evaluation.department, evaluation.unit, evaluation.project))
    if rs.regions and any(r in place for r in rs.regions):
        score += 1
    if evaluation.year is not None:
        score += 0.5 if rs.years[0] <= evaluation.year <= rs.years[1] else (0 if rs.default else -2)
    return score


def detect_ruleset(evaluation: SelfEvaluation, rulesets: tuple[Ruleset, ...] | None = None) -> Ruleset:
    """The rule set that best fits the printed table; the default wins ties."""
    candidates = rulesets or list_rulesets()
    return max(candidates, key=lambda rs: (_fit(rs, evaluation), rs.default))


def rulesets_markdown() -> str:
    """The rule-set table for the docs, generated from the bundled files so it cannot go stale."""
    rows = ["| 名称 | 说明 | 执行率 | 产出 | 效益 | 满意度 | 定性三档 | 成本指标 |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for rs in list_rulesets():
        w = rs.weights
        tiers = " / ".join(f"{t.high * 100:.0f}–{t.low * 100:.0f}%" for t in rs.tiers)
        cost = "节约、超支均扣分" if rs.cost_direction == "both" else "仅超支扣分"
        name = f"`{rs.name}`" + ("（默认）" if rs.default else "")
        rows.append(f"| {name} | {rs.title} | {w.execution} | {w.output} | {w.benefit} | {w.satisfaction} "
                    f"| {tiers} | {cost} |")
    return "\n".join(rows) + "\n"
