"""The bundled examples: fictional documents Jixiao writes itself (``jixiao samples``).

They are built as model objects, rendered by the same renderers a unit would use, and
read back by the demo, so the examples exercise the whole loop. Each example carries a
few deliberate mistakes of the kinds real published tables contain.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, LevelHeading, SelfEvaluation
from jixiao.model.values import Cell

DEPARTMENT = "示例市人力资源和社会保障局"
UNIT = "示例市就业服务中心"

# (level1, level2, name, target, actual, weight, score, reason)
_TRAINING = [
    ("产出指标", "数量指标", "职业技能培训人数（人）", "≥1200", "1150", "15", "14.38", "部分学员未按期开班"),
    ("产出指标", "数量指标", "创业培训期数（期）", "≥10", "12", "10", "10", ""),
    ("产出指标", "质量指标", "培训合格率（%）", "≥90%", "93%", "10", "10", ""),
    ("产出指标", "时效指标", "补贴发放及时率（%）", "100%", "100%", "5", "5", ""),
    ("产出指标", "成本指标", "人均培训成本（元）", "≤1800", "1900", "10", "9.47", "物价上涨"),
    ("效益指标", "社会效益指标", "培训后就业率（%）", "≥70%", "68%", "15", "15", ""),
    ("效益指标", "可持续影响指标", "培训服务能力", "持续提升", "效果显著", "15", "15", ""),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度（%）", "≥95%", "96%", "10", "10", ""),
]
_SUBSIDY = [
    ("产出指标", "数量指标", "公益性岗位安置人数（人）", "≥500", "520", "20", "20", ""),
    ("产出指标", "质量指标", "补贴发放准确率（%）", "100%", "100%", "10", "10", ""),
    ("产出指标", "时效指标", "资金下达时间", "2024年6月30日前", "2024年6月20日", "10", "10", ""),
    ("产出指标", "成本指标", "岗位补贴资金（万元）", "600", "585.5", "10", "9.76", ""),
    ("效益指标", "社会效益指标", "就业困难人员就业率（%）", "≥95%", "97%", "15", "15", ""),
    ("效益指标", "经济效益指标", "带动家庭增收", "有效提高", "有效提高", "15", "15", ""),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度（%）", "≥90%", "95%", "10", "10", ""),
]


def _cell(text: str) -> Cell:
    return Cell.read(text)


def _evaluation(seq: int, project: str, funds: list[tuple[str, ...]], goal: tuple[str, str],
                rows: list[tuple[str, ...]], points: dict[str, str], total: tuple[str, str]) -> SelfEvaluation:
    return SelfEvaluation(
        kind=EvaluationKind.PROJECT, seq=seq, year=2024, project=_cell(project),
        department=_cell(DEPARTMENT), unit=_cell(UNIT),
        funds=tuple(FundRow(*(_cell(v) for v in f)) for f in funds),
        goal_planned=_cell(goal[0]), goal_actual=_cell(goal[1]),
        indicators=tuple(Indicator(r[0], r[1], *(_cell(v) for v in r[2:])) for r in rows),
        headings=tuple(LevelHeading(k, _cell(v)) for k, v in points.items()),
        total_weight=_cell(total[0]), total_score=_cell(total[1]),
    )


def self_evaluations() -> list[SelfEvaluation]:
    """Two project tables: the first with mistakes (rate against 年初预算数, sum ≠ total)."""
    training = _evaluation(
        1, "职业技能提升培训补贴",
        [("年度资金总额", "500.00", "450.00", "427.50", "10", "85.50%", "8.55"),
         ("其中：当年财政拨款", "400.00", "400.00", "380.00", "", "", ""),
         ("上年结转资金", "100.00", "50.00", "47.50", "", "", "")],
        ("全年开展职业技能培训 1200 人、创业培训 10 期，提升劳动者就业能力。",
         "全年开展职业技能培训 1150 人、创业培训 12 期，培训后就业率 68%。"),
        _TRAINING, {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, ("100", "96.40"))
    subsidy = _evaluation(
        2, "公益性岗位补贴",
        [("年度资金总额", "600.00", "600.00", "585.50", "10", "97.58%", "9.76"),
         ("其中：当年财政拨款", "600.00", "600.00", "585.50", "", "", "")],
        ("安置就业困难人员 500 人以上，按时足额发放岗位补贴。",
         "安置就业困难人员 500 人以上，按时足额发放岗位补贴。"),
        _SUBSIDY, {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}, ("100", "99.52"))
    return [training, subsidy]


def write(folder: Path) -> list[Path]:
    """Render the examples into ``folder`` as text, XLSX and DOCX; return the paths."""
    from jixiao.render.selfeval_table import to_docx, to_text, to_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    evaluations = self_evaluations()
    outputs = {
        "示例_项目支出绩效自评表.txt": to_text(evaluations).encode("utf-8"),
        "示例_项目支出绩效自评表.xlsx": to_xlsx(evaluations),
        "示例_项目支出绩效自评表.docx": to_docx(evaluations),
    }
    paths = []
    for name, data in outputs.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
