"""Rule sets as data with sources, inheritance, and the choice of one from the document."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.model import EvaluationKind
from jixiao.score import score_evaluation
from jixiao.score.engine import score_document
from jixiao.score.ruleset import RulesetError, choose, from_dict, list_rulesets, load_ruleset, merged, resolve
from tests.unit.test_score_engine import evaluation

D = Decimal
FOLDER = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "score" / "rulesets"
SEEDED = {"ningxia-2024", "ningxia-zhongwei-2024", "zhongwei-bureau-2024"}   # read off the seeds' scores

BASE: dict[str, Any] = {
    "name": "base", "title": "基", "weights": {"execution": 10, "output": 50, "benefit": 30, "satisfaction": 10},
    "tiers": [{"name": "一", "high": 1, "low": 0.8}, {"name": "二", "high": 0.8, "low": 0.6},
              {"name": "三", "high": 0.6, "low": 0}],
    "grades": {"优": 90, "差": 0},
}


def test_at_least_eleven_rule_sets_each_with_its_source() -> None:
    rulesets = list_rulesets()
    assert len(rulesets) >= 11
    for rs in rulesets:
        assert rs.weights.total == 100, rs.name
        assert rs.quote, f"{rs.name}: no quoted source"
        if rs.name not in SEEDED:
            assert rs.source.startswith("http"), f"{rs.name}: no web address"


def test_every_file_names_itself_and_its_parent_exists() -> None:
    names = {tomllib.loads(p.read_text("utf-8"))["name"]: p for p in FOLDER.glob("*.toml")}
    assert set(names) == {rs.name for rs in list_rulesets()}
    for rs in list_rulesets():
        assert not rs.inherits or rs.inherits in names


def test_inheritance_overrides_a_part_only() -> None:
    city, transfer, yunnan = (load_ruleset(n) for n in ("hubei-city-2020", "hubei-transfer-2020", "yunnan-2019"))
    assert transfer.weights == city.weights and transfer.regions == city.regions     # inherited
    assert [t.label for t in transfer.tiers] == ["达成预期指标", "部分达成预期指标", "未达成预期指标"]
    assert [t.low for t in transfer.tiers] == [t.low for t in city.tiers]
    assert yunnan.weights.free == 80 and yunnan.weights.execution == 20 and yunnan.weights.output == 0
    assert transfer.source != city.source and transfer.title != city.title        # never inherited
    central = load_ruleset("central-2021")
    assert central.weights.cost == 20 and central.levels == ("成本指标",) and central.tiers == \
        load_ruleset("national-2020").tiers


def test_merged_tables_merge_and_own_keys_stay() -> None:
    child = merged({**BASE, "default": True, "source": "x"}, {"name": "c", "weights": {"execution": 5}})
    assert child["weights"] == {**BASE["weights"], "execution": 5}
    assert "default" not in child and "source" not in child and child["name"] == "c"


def test_inheritance_errors_name_the_rule_set() -> None:
    with pytest.raises(RulesetError, match="不存在"):
        resolve({"a": {**BASE, "name": "a", "inherits": "nowhere"}})
    with pytest.raises(RulesetError, match="成环"):
        resolve({"a": {**BASE, "name": "a", "inherits": "b"}, "b": {**BASE, "name": "b", "inherits": "a"}})
    with pytest.raises(RulesetError, match="reverse_form"):
        from_dict({**BASE, "reverse_form": "sideways"})


def test_caps_and_reverse_form_reach_the_engine() -> None:
    rs = from_dict({**BASE, "reverse_form": "deviation",
                    "caps": [{"below": 0.8, "total": 89}, {"below": 0.6, "total": 69}]})
    rows = [("产出指标", "数量指标", "人数", "≥100", "100", "50", "50"),
            ("效益指标", "社会效益指标", "投诉率", "≤10%", "15%", "30", "15"),
            ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10")]
    card = score_evaluation(evaluation(rows, fund=("100", "75", "10", "7.5")), rs)
    reverse = card.indicator_lines[1]
    assert reverse.computed == D(15) and "1 − (15 − 10) / 10" in reverse.formula
    assert card.total_recomputed == D(82.5) and card.cap == ""                  # 82.5 is under 89
    low = score_evaluation(evaluation([(*rows[0][:6], "50")], fund=("100", "55", "10", "5.5"),), rs)
    assert low.total_recomputed == D(55.5)
    met = [rows[0], ("效益指标", "社会效益指标", "投诉率", "≤10%", "8%", "30", "30"), rows[2]]
    high = score_evaluation(evaluation(met, fund=("100", "75", "10", "7.5")), rs)
    assert high.total_recomputed == D(89) and "封顶为 89" in high.cap       # 7.5 + 90 = 97.5 → 89
    lower = score_evaluation(evaluation(met, fund=("100", "55", "10", "5.5")), rs)
    assert lower.total_recomputed == D(69) and "封顶为 69" in lower.cap     # below 60 %: the lower cap



def test_deviation_rule_of_the_sichuan_form() -> None:
    rs = load_ruleset("sichuan-department-2020")
    row = ("产出指标", "数量指标", "培训人次", "100", "135", "10", "10")
    card = score_evaluation(evaluation([row]), rs)
    line = card.indicator_lines[0]
    assert line.method == "deviation" and line.computed == 0 and "30%" in line.formula


def _kind(e: Any, kind: EvaluationKind) -> Any:
    from dataclasses import replace
    return replace(e, kind=kind)


def test_choice_shows_its_evidence() -> None:
    e = evaluation([("产出指标", "数量指标", "x", "1", "1", "50", "50")], department="黄石市文化和旅游局",
                   fund=("100", "100", "20", "20"), year=2022)
    choice = choose(e)
    assert choice.ruleset.name == "hubei-city-2020"
    assert "单位名称含“黄石”" in choice.evidence and "资金执行率分值 20 分" in choice.evidence
    assert choice.sentence.startswith("按湖北市县项目支出绩效自评表") and "依据" in choice.sentence


def test_region_of_the_document_counts_for_every_table() -> None:
    e = evaluation([("产出指标", "数量指标", "x", "1", "1", "50", "50")], department="某局")
    assert choose(e).ruleset.name == "national-2020"
    assert choose(e, place="重庆市梁平区林业局").ruleset.name == "chongqing-2021"


def test_a_regional_rule_set_needs_region_or_printed_method() -> None:
    """Weights alone never carry a table to another region's rules (a 20-point fund line in Shanxi)."""
    e = evaluation([("产出指标", "数量指标", "x", "1", "1", "40", "40")], department="稷山县医疗保障局",
                   fund=("100", "100", "20", "20"))
    choice = choose(e)
    assert choice.ruleset.name == "national-2020"
    assert choice.evidence


def test_department_forms_only_for_department_tables() -> None:
    e = evaluation([("管理指标", "预算执行管理", "预算编审管理完整、准确率", "100%", "100%", "4", "4"),
                    ("效果指标", "经济效益指标", "业务收入", "增收", "增收", "7", "7")],
                   department="南昌县黄马乡蚕茶卫生院", fund=None, year=2021)
    assert choose(e).ruleset.name != "jiangxi-department-2021"
    assert choose(_kind(e, EvaluationKind.DEPARTMENT)).ruleset.name == "jiangxi-department-2021"


def test_cost_as_first_level_picks_the_central_rule_set() -> None:
    rows = [("成本指标", "经济成本指标", "单价", "≤10", "9", "20", "20"),
            ("产出指标", "数量指标", "x", "1", "1", "40", "40")]
    choice = choose(evaluation(rows, department="某部"))
    assert choice.ruleset.name == "central-2021" and any("成本指标" in e for e in choice.evidence)


def test_the_users_choice_wins_and_says_so() -> None:
    from jixiao.model.document import Document
    e = evaluation([("产出指标", "数量指标", "x", "1", "1", "50", "50")], department="中卫市人社局")
    card = score_document(Document(source="t.txt", project_self_evaluations=(e,)), "national-2020")[0]
    assert card.ruleset == "national-2020" and "使用者指定" in card.choice


def test_a_region_printed_in_traditional_characters_counts() -> None:
    e = evaluation([("产出指标", "数量指标", "x", "1", "1", "40", "40")], department="某局",
                   fund=("100", "100", "20", "20"), year=2020)
    assert choose(e, place="黃岡市水利和湖泊局").ruleset.name == "hubei-city-2020"


def test_the_user_can_choose_a_rule_set_per_region(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.model.document import Document
    from jixiao.score.ruleset import preferences
    e = evaluation([("产出指标", "数量指标", "x", "1", "1", "50", "50")], department="中卫市人力资源和社会保障局")
    assert choose(e).ruleset.name == "ningxia-zhongwei-2024"
    monkeypatch.setenv("JIXIAO_RULESETS", "中衛=national-2020；湖北=hubei-city-2020")
    card = score_document(Document(source="t.txt", project_self_evaluations=(e,)))[0]
    assert card.ruleset == "national-2020" and "使用者为“中卫”指定" in card.choice
    with pytest.raises(RulesetError, match="national-2020"):
        preferences("中卫=nowhere")
    with pytest.raises(RulesetError, match="地区=规则集"):
        preferences("中卫")

    monkeypatch.setenv("JIXIAO_RULESETS", "中卫=nowhere")
    card = score_document(Document(source="t.txt", project_self_evaluations=(e,)))[0]
    assert card.ruleset == "ningxia-zhongwei-2024" and "已忽略" in card.choice
