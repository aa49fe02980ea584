"""Rule sets: the bundled TOML files, validation, and choosing one for a printed table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import Cell, EvaluationKind, FundRow, Indicator, SelfEvaluation
from jixiao.score.ruleset import (
    RulesetError,
    default_ruleset,
    detect_ruleset,
    from_dict,
    list_rulesets,
    load_ruleset,
)

D = Decimal
METHOD_002 = ("1.若为定性指标，则根据“三档”原则分别按照指标值的100-80%（含）、80-50%（含）、50-0%来记分。"
              " 2.若为定量指标，完成值达到指标值，记满分；未达到指标值，按 B/A 或 A/B×该指标分值记分。")


def test_bundled_rule_sets() -> None:
    names = [r.name for r in list_rulesets()]
    assert names[0] == "national-2020" == default_ruleset().name
    assert {"ningxia-zhongwei-2024", "zhongwei-bureau-2024"} <= set(names)
    for rs in list_rulesets():
        assert rs.weights.total == 100 and rs.title and rs.description
        assert [t.high for t in rs.tiers][0] == 1


def test_weights_and_tiers() -> None:
    assert [w for _, w in load_ruleset("ningxia-zhongwei-2024").weights.by_level()] == [5, 50, 40, 5]
    b = load_ruleset("zhongwei-bureau-2024")
    assert [w for _, w in b.weights.by_level()] == [0, 40, 40, 20]
    assert [(t.high, t.low) for t in b.tiers] == [(1, D("0.8")), (D("0.8"), D("0.5")), (D("0.5"), 0)]
    assert b.cost_direction == "both" and load_ruleset("national-2020").cost_direction == "reverse"


@pytest.mark.parametrize("total, grade", [(D(95), "优"), (D(90), "优"), (D("89.99"), "良"), (D(60), "中"), (D(10), "差")])
def test_grades(total: Decimal, grade: str) -> None:
    assert default_ruleset().grade(total) == grade


def test_unknown_name_lists_the_choices() -> None:
    with pytest.raises(RulesetError, match="national-2020"):
        load_ruleset("nowhere")


def test_invalid_file_says_what_is_wrong() -> None:
    with pytest.raises(RulesetError):
        from_dict({"name": "x", "title": "x"})
    good = {"name": "x", "title": "x", "weights": {"execution": 10, "output": 50, "benefit": 30, "satisfaction": 10},
            "tiers": [{"name": "一", "high": 1, "low": 0.8}] * 3, "grades": {"优": 90, "差": 0}}
    assert from_dict(good).name == "x"
    with pytest.raises(RulesetError, match="cost_direction"):
        from_dict({**good, "cost_direction": "sideways"})


def _table(fund_weight: str | None, weights: dict[str, str], method: str | None = None,
           department: str = "某厅") -> SelfEvaluation:
    rows = tuple(Indicator(level1=k, level2=None, name=Cell.read("x"), weight=Cell.read(v)) for k, v in weights.items())
    return SelfEvaluation(kind=EvaluationKind.PROJECT, seq=1, year=2024, project=Cell.read("p"),
                          department=Cell.read(department),
                          funds=(FundRow(item=Cell.read("年度资金总额"), weight=Cell.read(fund_weight)),),
                          indicators=rows, method=Cell.read(method))


def test_detect_by_fund_weight_and_levels() -> None:
    national = _table("10", {"产出指标": "50", "效益指标": "30", "满意度指标": "10"})
    zhongwei = _table("5", {"产出指标": "50", "效益指标": "40", "满意度指标": "5"}, department="中卫市人力资源和社会保障局")
    bureau = _table(None, {"产出指标": "40", "效益指标": "40", "满意度指标": "20"}, method=METHOD_002,
                    department="中卫市人力资源和社会保障局")
    assert detect_ruleset(national).name == "national-2020"
    assert detect_ruleset(zhongwei).name == "ningxia-zhongwei-2024"
    assert detect_ruleset(bureau).name == "zhongwei-bureau-2024"


def test_method_text_alone_picks_the_002_tiers() -> None:
    assert detect_ruleset(_table(None, {}, method=METHOD_002)).name == "zhongwei-bureau-2024"
    assert detect_ruleset(_table("10", {})).name == "national-2020"


def test_docs_table_lists_every_rule_set() -> None:
    from jixiao.score.ruleset import rulesets_markdown
    table = rulesets_markdown()
    for rs in list_rulesets():
        assert f"`{rs.name}`" in table
    assert "100–80% / 80–50% / 50–0%" in table
