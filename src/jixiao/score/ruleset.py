"""Rule sets as data: ``rulesets/*.toml`` loaded into frozen dataclasses, chosen per region and year.

Weights, qualitative tiers, grades, the cost and reverse rules, execution caps and deviation
deductions differ between regions, years and forms (财预〔2020〕10号 versus local schemes), so
none of them is a constant in code. A rule set may inherit another (``inherits``) and
override a part; every bundled one names its source (``source``: a web address, ``quote``:
the words of the 办法 or of the form's 评分说明).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from jixiao.model.selfeval import SelfEvaluation
from jixiao.score.formulas import Cap
from jixiao.vocabulary import simplified

LEVELS = {"execution": "执行率", "output": "产出指标", "benefit": "效益指标",
          "satisfaction": "满意度指标", "cost": "成本指标", "free": "绩效指标（各级分值由表自定）"}
COST_DIRECTIONS = ("reverse", "both")
REVERSE_FORMS = ("ratio", "deviation")
KINDS = ("project", "department")
OWN_KEYS = ("name", "title", "description", "source", "quote", "default", "inherits")


class RulesetError(ValueError):
    """A rule-set file that does not say what the engine needs, or an unknown name."""


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per part: 执行率, 产出, 效益, 满意度, 成本 where it is a level-1 indicator, and
    ``free``: indicator points a form leaves to each table (Hubei's 年度绩效目标 80 分)."""

    execution: Decimal
    output: Decimal
    benefit: Decimal
    satisfaction: Decimal
    cost: Decimal = Decimal(0)
    free: Decimal = Decimal(0)

    def by_level(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((LEVELS[k], getattr(self, k)) for k in LEVELS
                     if k not in ("cost", "free") or getattr(self, k))

    @property
    def total(self) -> Decimal:
        return self.execution + self.output + self.benefit + self.satisfaction + self.cost + self.free


@dataclass(frozen=True, slots=True)
class Tier:
    """One qualitative tier: a share of the weight between ``low`` and ``high``, with the
    words the rule prints for it (``label``: 达成年度指标 …)."""

    name: str
    high: Decimal
    low: Decimal
    label: str = ""

    @property
    def shown(self) -> str:
        return self.label or self.name


@dataclass(frozen=True, slots=True)
class Deviation:
    """偏差扣分: a deviation |B − A| / A of ``threshold`` or more loses ``deduction`` of the
    weight, for the level-2 indicators listed (all where empty)."""

    threshold: Decimal
    deduction: Decimal
    level2: tuple[str, ...] = ()


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
    source: str = ""                  # web address of the 办法 or of a published form
    quote: str = ""                   # its words, as printed
    inherits: str = ""
    kinds: tuple[str, ...] = KINDS    # project / department tables it is written for
    levels: tuple[str, ...] = ()      # level-1 names that mark its form (成本指标 as level 1 …)
    reverse_form: str = "ratio"       # ratio: w × A / B; deviation: w × (1 − (B − A) / A), 0 from 2A
    caps: tuple[Cap, ...] = ()
    deviation: Deviation | None = None
    reason_over: Decimal = Decimal("1.3")   # actual ≥ 130 % of the target needs a reason
    scale_slip: Decimal = Decimal(1000)     # target and actual this far apart once scaled: a unit typo
    rivals: tuple[str, ...] = ()            # rule sets its own documents are seen to follow as well

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


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in data.get(key, ()))


def from_dict(data: dict[str, Any]) -> Ruleset:
    """Validate a parsed TOML table into a ``Ruleset``; a wrong file says which key is wrong."""
    try:
        w = data["weights"]
        weights = Weights(*(_decimal(w, k, "0" if k in ("cost", "free") else None) for k in LEVELS))
        tiers = tuple(Tier(str(t["name"]), _decimal(t, "high"), _decimal(t, "low"), str(t.get("label", "")))
                      for t in data["tiers"])
        grades = tuple(sorted(((str(k), Decimal(str(v))) for k, v in data["grades"].items()),
                              key=lambda g: -g[1]))
        years = tuple(int(y) for y in data.get("years", (0, 9999)))
        caps = tuple(sorted((Cap(_decimal(c, "below"), _decimal(c, "total")) for c in data.get("caps", ())),
                            key=lambda c: c.below))
        dev = data.get("deviation")
        deviation = Deviation(_decimal(dev, "threshold"), _decimal(dev, "deduction"), _strings(dev, "level2")) \
            if dev else None
        rs = Ruleset(
            name=str(data["name"]), title=str(data["title"]), description=str(data.get("description", "")),
            weights=weights, tiers=tiers, grades=grades, default=bool(data.get("default", False)),
            regions=_strings(data, "regions"),
            years=(years[0], years[1]), precision=int(data.get("precision", 2)),
            cost_direction=str(data.get("cost_direction", "reverse")),
            over_achievement=_decimal(data, "over_achievement", "0.2"),
            method_markers=_strings(data, "method_markers"),
            source=str(data.get("source", "")), quote=str(data.get("quote", "")),
            inherits=str(data.get("inherits", "")), kinds=_strings(data, "kinds") or KINDS,
            levels=_strings(data, "levels"), reverse_form=str(data.get("reverse_form", "ratio")),
            caps=caps, deviation=deviation, reason_over=_decimal(data, "reason_over", "1.3"),
            scale_slip=_decimal(data, "scale_slip", "1000"), rivals=_strings(data, "rivals"),
        )
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise RulesetError(f"规则集格式错误：{exc}") from exc
    if rs.cost_direction not in COST_DIRECTIONS:
        raise RulesetError(f"cost_direction 只能是 {COST_DIRECTIONS}：{rs.cost_direction}")
    if rs.reverse_form not in REVERSE_FORMS:
        raise RulesetError(f"reverse_form 只能是 {REVERSE_FORMS}：{rs.reverse_form}")
    if any(k not in KINDS for k in rs.kinds):
        raise RulesetError(f"kinds 只能取 {KINDS}：{rs.kinds}")
    if len(rs.tiers) != 3 or not rs.grades:
        raise RulesetError(f"{rs.name}：需要三档定性记分和至少一个等级")
    if any(not (0 <= t.low <= t.high <= 1) for t in rs.tiers):
        raise RulesetError(f"{rs.name}：定性档次的上下限应在 0–1 之间且下限不高于上限")
    return rs


def merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent``: tables merge key by key, anything else is replaced.

    Name, title, description, source, quote and ``default`` are never inherited.
    """
    out = {k: v for k, v in parent.items() if k not in OWN_KEYS}
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def resolve(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every parsed rule-set table with its ``inherits`` chain applied; a cycle or an unknown
    parent is an error that names the rule set."""
    done: dict[str, dict[str, Any]] = {}

    def one(name: str, seen: tuple[str, ...]) -> dict[str, Any]:
        if name in done:
            return done[name]
        if name in seen:
            raise RulesetError(f"规则集继承成环：{' → '.join((*seen, name))}")
        data = tables[name]
        parent = str(data.get("inherits", ""))
        if parent:
            if parent not in tables:
                raise RulesetError(f"{name}：继承的规则集 {parent} 不存在")
            data = merged(one(parent, (*seen, name)), data)
        done[name] = data
        return data

    for name in tables:
        one(name, ())
    return done


@cache
def _bundled() -> tuple[Ruleset, ...]:
    folder = resources.files("jixiao.score").joinpath("rulesets")
    tables: dict[str, dict[str, Any]] = {}
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".toml"):
            data = tomllib.loads(f.read_text("utf-8"))
            tables[str(data.get("name", f.name))] = data
    found = [from_dict(data) for data in resolve(tables).values()]
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
    raise RulesetError(f"未知规则集：{name}。可用的规则集：{known}")


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


@dataclass(frozen=True, slots=True)
class Choice:
    """The rule set chosen for one table, the evidence for it (Chinese, as the report prints
    it), and the runner-up where another rule set fits almost as well."""

    ruleset: Ruleset
    evidence: tuple[str, ...]
    fit: float
    overridden: bool = False
    runner_up: Ruleset | None = None

    @property
    def sentence(self) -> str:
        """``按 … 规则重算：依据 …`` — the line every report prints for a scorecard."""
        why = "；".join(self.evidence) or "未见地区或表式依据，按默认规则"
        return f"按{self.ruleset.title}规则重算：依据 {why}"


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


@lru_cache(maxsize=256)
def _regions_in(place: str, regions: tuple[str, ...]) -> tuple[str, ...]:
    """The regions the text names, found once per text: a document's tables share one
    text of names, and a long document holds thousands of tables."""
    return tuple(r for r in regions if r in place)


def _fit(rs: Ruleset, evaluation: SelfEvaluation, place: str) -> tuple[float, tuple[str, ...]]:
    """How well a rule set fits what the table prints, and why (the evidence, in Chinese).

    Region and printed 得分计算方法 weigh most; a regional rule set without either is
    penalised, so that a form's weights alone never carry a table to another region's rules.
    """
    score, why = 0.0, []
    method = _compact(simplified(evaluation.method.text or ""))
    marker = next((m for m in rs.method_markers if method and _compact(m) in method), None)
    if marker:
        score += 4
        why.append(f"表中得分计算方法印有“{marker}”")
    region = next(iter(_regions_in(place, tuple(rs.regions))), None)
    if region:
        score += 3
        why.append(f"单位名称含“{region}”")
    elif rs.regions and not marker:
        score -= 3
    fund = evaluation.total_fund
    weight = fund.weight.number if fund else None
    if weight is not None and weight == rs.weights.execution:
        score += 2
        why.append(f"资金执行率分值 {_fmt(weight)} 分")
    elif weight is None and rs.weights.execution == 0 and fund is not None and fund.score.empty:
        score += 2
        why.append("资金执行率未设分值")
    points = level_points(evaluation)
    matched = [f"{LEVELS[k]} {_fmt(getattr(rs.weights, k))} 分" for k in ("output", "benefit", "satisfaction", "cost")
               if getattr(rs.weights, k) and points.get(LEVELS[k]) == getattr(rs.weights, k)]
    score += len(matched)
    if matched:
        why.append("、".join(matched))
    printed_levels = {i.level1 for i in evaluation.indicators if i.level1}
    if rs.levels:
        shared = [lv for lv in rs.levels if lv in printed_levels]
        if shared:
            score += 3
            why.append(f"表式：一级指标含“{'、'.join(shared)}”")
        elif not marker:
            score -= 3      # a form-specific rule set without its form's levels
    elif "成本指标" in printed_levels:
        score -= 1
    if evaluation.year is not None:
        if rs.years[0] <= evaluation.year <= rs.years[1]:
            score += 0.5
            if rs.regions or rs.years != (0, 9999):
                why.append(f"年度 {evaluation.year}")
        elif not rs.default:
            score -= 2
    return score, tuple(why)


def place_of(evaluation: SelfEvaluation) -> str:
    """The names a table prints (主管部门, 实施单位, 项目) in which a region shows."""
    return "".join(c.text or "" for c in (evaluation.department, evaluation.unit, evaluation.project))


PREFERENCES = "JIXIAO_RULESETS"


def preferences(text: str | None = None) -> tuple[tuple[str, str], ...]:
    """The user's rule set per region: ``JIXIAO_RULESETS="中卫=zhongwei-bureau-2024;湖北=hubei-city-2020"``.

    One setting read by the CLI, the store and the web alike (they all score through
    ``score_document``); an unknown rule set name is an error that lists the choices.
    """
    raw = os.environ.get(PREFERENCES, "") if text is None else text
    out = []
    for part in re.split(r"[;；,，\n]", raw):
        if not part.strip():
            continue
        region, sep, name = part.partition("=")
        if not sep or not region.strip() or not name.strip():
            raise RulesetError(f"{PREFERENCES} 的写法应为“地区=规则集”，以分号分隔：{part.strip()}")
        load_ruleset(name.strip())
        out.append((simplified(region.strip()), name.strip()))
    return tuple(out)


def choose(evaluation: SelfEvaluation, rulesets: tuple[Ruleset, ...] | None = None,
           place: str | None = None, prefer: tuple[tuple[str, str], ...] | None = None) -> Choice:
    """The rule set that best fits the printed table, with its evidence; the default wins ties.

    ``place`` is the text in which regions are looked for (by default the table's own
    names; the engine passes every name the document prints, so that one document's
    tables are scored by one region's rules).
    """
    given = rulesets or list_rulesets()
    candidates = tuple(rs for rs in given if evaluation.kind.value in rs.kinds) or given   # forms of its kind
    text = simplified(place if place is not None else place_of(evaluation))   # 黃岡 is 黄冈
    warning: tuple[str, ...] = ()
    try:
        chosen = preferences() if prefer is None else prefer
    except RulesetError as exc:      # a wrong setting is said in the report, never a traceback
        chosen, warning = (), (f"{exc}，已忽略",)
    for region, name in chosen:
        if region in text:
            return Choice(load_ruleset(name), (f"使用者为“{region}”指定（{PREFERENCES}）",), 0.0, overridden=True)
    ranked = sorted(((*_fit(rs, evaluation, text), rs) for rs in candidates),
                    key=lambda t: (t[0], t[2].default), reverse=True)
    best_fit, evidence, best = ranked[0]
    runner = next((rs for f, _, rs in ranked[1:] if best_fit - f <= 1 and rs.name != best.name), None)
    if runner is None and best.rivals:       # a rival named in the data: the documents follow both
        runner = next((rs for rs in given if rs.name == best.rivals[0]), None)
    if not evidence:
        evidence = ("未见地区、表式或得分计算方法的依据，按全国通用规则",) if best.default else ()
    return Choice(best, evidence + warning, best_fit, runner_up=runner)


def detect_ruleset(evaluation: SelfEvaluation, rulesets: tuple[Ruleset, ...] | None = None) -> Ruleset:
    """The rule set that best fits the printed table; the default wins ties."""
    return choose(evaluation, rulesets).ruleset


def rulesets_markdown() -> str:
    """The rule-set table for the docs, generated from the bundled files so it cannot go stale."""
    intro = ["## 如何选定", "",
             "每张自评表按其印出的依据选定规则集，报告逐表写明“按 … 规则重算：依据 …”：地区（主管部门、实施单位、"
             "项目名称中的地名，繁体亦可）、年度、表式（一级指标，如成本指标列为一级）、表中印出的得分计算方法或评分说明、"
             "资金执行率与各级指标的分值。只凭分值不会选用他省的规则集；与最佳者相差不足 1 分的规则集作为“同样适用”的"
             "备选，两者对某项得分结论不同时，该项只作提示。",
             "",
             "使用者可以指定：`jixiao audit --ruleset 名称`（本次所有文件）、导入时选择，或按地区设置环境变量 "
             f"`{PREFERENCES}=\"中卫=zhongwei-bureau-2024;湖北=hubei-city-2020\"`（命令行、数据库与网页共用）。"
             "规则集可用 `inherits` 继承另一规则集并覆盖其中一部分。", "", "## 规则集", ""]
    rows = ["| 名称 | 说明 | 继承 | 执行率 | 产出 | 效益 | 满意度 | 成本 | 自定 | 定性三档 | 成本指标 | 反向指标 | 其他 |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for rs in list_rulesets():
        w = rs.weights
        tiers = " / ".join(f"{t.high * 100:.0f}–{t.low * 100:.0f}%" for t in rs.tiers)
        cost = "节约、超支均扣分" if rs.cost_direction == "both" else "仅超支扣分"
        reverse = "A/B" if rs.reverse_form == "ratio" else "1 − (B − A)/A，2A 起 0 分"
        extra = []
        if rs.caps:
            extra.append("执行率封顶：" + "，".join(f"<{c.below * 100:.0f}% 至多 {_fmt(c.total)}" for c in rs.caps))
        if rs.deviation:
            extra.append(f"偏差 ≥{rs.deviation.threshold * 100:.0f}% 扣 {rs.deviation.deduction * 100:.0f}%")
        name = f"`{rs.name}`" + ("（默认）" if rs.default else "")
        rows.append(f"| {name} | {rs.title} | {rs.inherits or '—'} | {_fmt(w.execution)} | {_fmt(w.output)} "
                    f"| {_fmt(w.benefit)} | {_fmt(w.satisfaction)} | {_fmt(w.cost)} | {_fmt(w.free)} | {tiers} "
                    f"| {cost} | {reverse} | {'；'.join(extra) or '—'} |")
    rows += ["", "## 来源", ""]
    for rs in list_rulesets():
        rows.append(f"- `{rs.name}`：{rs.description}  \n  来源：{rs.source or '—'}"
                    + (f"  \n  原文：“{rs.quote}”" if rs.quote else ""))
    measured = resources.files("jixiao.score").joinpath("rulesets", "MEASURED.md")
    tail = "\n" + measured.read_text("utf-8") if measured.is_file() else ""
    return "\n".join(intro + rows) + "\n" + tail
