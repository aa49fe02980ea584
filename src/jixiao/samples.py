"""The bundled examples: fictional documents Jixiao writes itself (``jixiao samples``).

They are built as model objects, rendered by the same renderers a unit would use, and
read back by the demo, so the examples exercise the whole loop. Each example carries a
few deliberate mistakes of the kinds real published tables contain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionRow,
    FunctionTable,
    SummaryLine,
    SummaryTable,
    ThreePublic,
    ThreePublicTable,
)
from jixiao.model.selfeval import EvaluationKind, FundRow, Indicator, LevelHeading, SelfEvaluation
from jixiao.model.targets import FUND_KEYS, PerformanceTarget, TargetFunds, TargetIndicator
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


def _fund(item: str, initial: str, budget: str, executed: str, weight: str = "", rate: str = "",
          score: str = "") -> FundRow:
    return FundRow(item=_cell(item), initial=_cell(initial), budget=_cell(budget), executed=_cell(executed),
                   weight=_cell(weight), rate=_cell(rate), score=_cell(score))


def _indicator(level1: str, level2: str, name: str, target: str, actual: str, weight: str, score: str,
               reason: str) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=_cell(name), target=_cell(target),
                     actual=_cell(actual), weight=_cell(weight), score=_cell(score), reason=_cell(reason))


def _evaluation(seq: int, project: str, funds: list[tuple[str, ...]], goal: tuple[str, str],
                rows: Sequence[Sequence[str]], points: dict[str, str], total: tuple[str, str]) -> SelfEvaluation:
    return SelfEvaluation(
        kind=EvaluationKind.PROJECT, seq=seq, year=2024, project=_cell(project),
        department=_cell(DEPARTMENT), unit=_cell(UNIT),
        funds=tuple(_fund(*f) for f in funds),
        goal_planned=_cell(goal[0]), goal_actual=_cell(goal[1]),
        indicators=tuple(_indicator(*r) for r in rows),
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


# ---------------------------------------------------------------- performance targets

# Targets approved with the 2024 budget for the same two projects. Two differ from what the
# self-evaluations print, as happens when a table is adjusted without approval: the training
# project's 年度资金总额 (480 here, 500 in the evaluation) and the 公益性岗位 count (≥550 here).
_TRAINING_TARGETS = [r[:4] for r in _TRAINING]
_SUBSIDY_TARGETS = [(*r[:3], "≥550") if r[2].startswith("公益性岗位") else r[:4] for r in _SUBSIDY]


def _target(seq: int, project: str, money: dict[str, str], goal: str,
            rows: Sequence[Sequence[str]]) -> PerformanceTarget:
    return PerformanceTarget(
        seq=seq, year=2024, project=_cell(project), department=_cell(DEPARTMENT), unit=_cell(UNIT),
        attribute=_cell("02-经常性项目"), period_years=_cell("3"),
        project_total=_cell(money["project_total"]), annual_total=_cell(money["annual_total"]),
        funds=TargetFunds(**{k: _cell(money[k]) for k in FUND_KEYS}), goal=_cell(goal),
        indicators=tuple(TargetIndicator(r[0], r[1], _cell(r[2]), _cell(r[3])) for r in rows))


def performance_targets() -> list[PerformanceTarget]:
    """The approved targets of the two self-evaluated projects (one amount, one value changed since)."""
    training = _target(
        1, "职业技能提升培训补贴",
        {"project_total": "1500", "annual_total": "480", "fiscal": "400", "central": "150", "regional": "250",
         "other": "0", "carryover": "80"},
        "全年开展职业技能培训 1200 人、创业培训 10 期，提升劳动者就业能力。", _TRAINING_TARGETS)
    subsidy = _target(
        2, "公益性岗位补贴",
        {"project_total": "1800", "annual_total": "600", "fiscal": "600", "central": "300", "regional": "300",
         "other": "0", "carryover": "0"},
        "安置就业困难人员 550 人以上，按时足额发放岗位补贴。", _SUBSIDY_TARGETS)
    return [training, subsidy]


# ---------------------------------------------------------------- final accounts (部门决算)

# Function rows: code, name, amounts as printed. The 类 208 row of 03 was copied from 05 and
# never updated for the 200,000.00 元 of 事业收入 and 其他收入 spent on 2080150 事业运行:
# the deliberate table mistake (a 类 that is not the sum of its 款, and differs from 01).
_CLASSES = {"208": "社会保障和就业支出", "20801": "人力资源和社会保障管理事务", "2080101": "行政运行",
            "2080106": "就业管理事务", "2080150": "事业运行", "20805": "行政事业单位养老支出",
            "2080505": "机关事业单位基本养老保险缴费支出", "20807": "就业补助", "2080701": "就业创业服务补贴",
            "2080702": "职业培训补贴", "210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗",
            "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金"}
_INCOME_02 = {  # 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入
    "": ("26717467.86", "26487467.86", "", "150000.00", "", "", "80000.00"),
    "208": ("25118615.06", "24888615.06", "", "150000.00", "", "", "80000.00"),
    "20801": ("13751710.86", "13521710.86", "", "150000.00", "", "", "80000.00"),
    "2080101": ("8256430.50", "8256430.50"), "2080106": ("2050000.00", "2050000.00"),
    "2080150": ("3445280.36", "3215280.36", "", "150000.00", "", "", "80000.00"),
    "20805": ("1236904.20", "1236904.20"), "2080505": ("1236904.20", "1236904.20"),
    "20807": ("10130000.00", "10130000.00"), "2080701": ("5855000.00", "5855000.00"),
    "2080702": ("4275000.00", "4275000.00"),
    "210": ("612340.80", "612340.80"), "21011": ("612340.80", "612340.80"), "2101101": ("612340.80", "612340.80"),
    "221": ("986512.00", "986512.00"), "22102": ("986512.00", "986512.00"), "2210201": ("986512.00", "986512.00"),
}
_EXPENSE_05 = {  # 本年支出合计, 基本支出, 项目支出
    "": ("26257467.86", "14307467.86", "11950000.00"),
    "208": ("24658615.06", "12708615.06", "11950000.00"),
    "20801": ("13291710.86", "11471710.86", "1820000.00"),
    "2080101": ("8256430.50", "8256430.50", ""), "2080106": ("1820000.00", "", "1820000.00"),
    "2080150": ("3215280.36", "3215280.36", ""),
    "20805": ("1236904.20", "1236904.20", ""), "2080505": ("1236904.20", "1236904.20", ""),
    "20807": ("10130000.00", "", "10130000.00"), "2080701": ("5855000.00", "", "5855000.00"),
    "2080702": ("4275000.00", "", "4275000.00"),
    "210": ("612340.80", "612340.80", ""), "21011": ("612340.80", "612340.80", ""),
    "2101101": ("612340.80", "612340.80", ""),
    "221": ("986512.00", "986512.00", ""), "22102": ("986512.00", "986512.00", ""),
    "2210201": ("986512.00", "986512.00", ""),
}
_EXPENSE_03 = {**_EXPENSE_05,  # 05 plus 200,000.00 of non-fiscal money on 事业运行; 208 left as in 05
               "": ("26457467.86", "14507467.86", "11950000.00"),
               "20801": ("13491710.86", "11671710.86", "1820000.00"),
               "2080150": ("3415280.36", "3415280.36", "")}
# 01 and 04: (name, 行次, amounts).
_SUMMARY_01 = {
    "income": [("一般公共预算财政拨款收入", 1, ["26487467.86"]), ("事业收入", 5, ["150000.00"]),
               ("其他收入", 8, ["80000.00"]), ("本年收入合计", 27, ["26717467.86"]),
               ("年初结转和结余", 29, ["1200000.00"]), ("总计", 30, ["27917467.86"])],
    "expense": [("社会保障和就业支出", 38, ["24858615.06"]), ("卫生健康支出", 39, ["612340.80"]),
                ("住房保障支出", 49, ["986512.00"]), ("本年支出合计", 59, ["26457467.86"]),
                ("年末结转和结余", 61, ["1460000.00"]), ("总计", 62, ["27917467.86"])],
}
_SUMMARY_04 = {
    "income": [("一般公共预算财政拨款", 1, ["26487467.86"]), ("本年收入合计", 27, ["26487467.86"]),
               ("年初财政拨款结转和结余", 28, ["1150000.00"]), ("一般公共预算财政拨款", 29, ["1150000.00"]),
               ("合计", 32, ["27637467.86"])],
    "expense": [("社会保障和就业支出", 40, ["24658615.06", "24658615.06", "", ""]),
                ("卫生健康支出", 41, ["612340.80", "612340.80", "", ""]),
                ("住房保障支出", 51, ["986512.00", "986512.00", "", ""]),
                ("本年支出合计", 59, ["26257467.86", "26257467.86", "", ""]),
                ("年末财政拨款结转和结余", 60, ["1380000.00", "1380000.00", "", ""]),
                ("合计", 64, ["27637467.86", "27637467.86", "", ""])],
}
_BASIC_06 = [  # 人员经费 first, then 公用经费; each family's 合计 after its rows
    ("301", "工资福利支出", "13058257.50"), ("30101", "基本工资", "4862400.00"), ("30102", "津贴补贴", "3518600.50"),
    ("30103", "奖金", "1841500.00"), ("30108", "机关事业单位基本养老保险缴费", "1236904.20"),
    ("30110", "职工基本医疗保险缴费", "612340.80"), ("30113", "住房公积金", "986512.00"),
    ("303", "对个人和家庭的补助", "451000.00"), ("30302", "退休费", "412600.00"), ("30305", "生活补助", "38400.00"),
    ("", "人员经费合计", "13509257.50"),
    ("302", "商品和服务支出", "739310.36"), ("30201", "办公费", "186420.00"), ("30211", "差旅费", "95310.40"),
    ("30213", "维修（护）费", "48600.00"), ("30216", "培训费", "62500.00"), ("30217", "公务接待费", "15876.80"),
    ("30228", "工会经费", "132880.00"), ("30231", "公务用车运行维护费", "126480.00"),
    ("30299", "其他商品和服务支出", "71243.16"), ("310", "资本性支出", "58900.00"), ("31002", "办公设备购置", "58900.00"),
    ("", "公用经费合计", "798210.36"),
]
# 07: total, abroad, vehicle total, purchase, operation, reception.
_THREE_07 = {"budget": ("180000.00", "0.00", "150000.00", "0.00", "150000.00", "30000.00"),
             "actual": ("142356.80", "0.00", "126480.00", "0.00", "126480.00", "15876.80")}

# The 情况说明, sections 一 to 七. Deliberate mistake: section 二 states the share of 财政拨款收入
# against 收、支总计 (94.88%) instead of against 收入合计 (99.14%).
ACCOUNTS_NARRATIVE = """\
一、收入支出决算总体情况说明

2024年度收、支总计27917467.86元。与2023年度相比，收、支总计各增加2054047.71元，增长7.94%，主要原因：一是就业补助资金增加；二是职业技能培训规模扩大。

二、收入决算情况说明

2024年度收入合计26717467.86元，其中：财政拨款收入26487467.86元，占94.88%；上级补助收入0元，占0%；事业收入150000.00元，占0.56%；经营收入0元，占0%；附属单位上缴收入0元，占0%；其他收入80000.00元，占0.30%。

三、支出决算情况说明

2024年度支出合计26457467.86元，其中：基本支出14507467.86元，占54.83%；项目支出11950000.00元，占45.17%；上缴上级支出0元，占0%；经营支出0元，占0%；对附属单位补助支出0元，占0%。

四、财政拨款收入支出决算总体情况说明

2024年度财政拨款收、支总计27637467.86元。与2023年度相比，财政拨款收、支总计各增加1921087.46元，增长7.47%，主要原因：一是就业补助资金增加；二是人员经费正常增长。

五、一般公共预算财政拨款支出决算情况说明

（一）一般公共预算财政拨款支出决算总体情况。2024年度一般公共预算财政拨款支出26257467.86元，占本年支出合计的99.24%。与2023年度相比，一般公共预算财政拨款支出增加1938561.34元，上升7.97%，主要原因：一是公益性岗位补贴增加；二是职业培训补贴增加。

（二）一般公共预算财政拨款支出决算结构情况。2024年度一般公共预算财政拨款支出26257467.86元，主要用于以下方面：社会保障和就业支出24658615.06元，占93.91%；卫生健康支出612340.80元，占2.33%；住房保障支出986512.00元，占3.76%。

（三）一般公共预算财政拨款支出决算具体情况。2024年度一般公共预算财政拨款支出年初预算为24600000.00元，支出决算为26257467.86元，完成年初预算的106.74%。其中：

1.社会保障和就业支出年初预算为22880000.00元，支出决算为24658615.06元，完成年初预算的107.77%。决算数大于预算数的主要原因是年中追加公益性岗位补贴。

2.卫生健康支出年初预算为640000.00元，支出决算为612340.80元，完成年初预算的95.68%。决算数小于预算数的主要原因是人员变动。

3.住房保障支出年初预算为1080000.00元，支出决算为986512.00元，完成年初预算的91.34%。决算数小于预算数的主要原因是人员变动。

六、一般公共预算财政拨款基本支出决算情况说明

2024年度一般公共预算财政拨款基本支出14307467.86元，其中：人员经费13509257.50元，公用经费798210.36元。支出具体情况如下：

1.工资福利支出13058257.50元。

2.商品和服务支出739310.36元。

3.对个人和家庭的补助451000.00元。

4.资本性支出58900.00元。

七、财政拨款“三公”经费支出决算情况说明

（一）“三公”经费财政拨款支出决算总体情况说明。

2024年度“三公”经费财政拨款支出预算为180000.00元，支出决算为142356.80元，完成预算的79.09%。2024年度“三公”经费财政拨款支出决算数比2023年度减少13853.20元，降低8.87%，主要原因是严格落实过紧日子要求。

（二）“三公”经费财政拨款支出决算具体情况说明。

1.因公出国（境）费预算为0元，支出决算为0元。

2.公务用车购置及运行维护费预算为150000.00元，支出决算为126480.00元，完成预算的84.32%。其中：公务用车购置费支出0元，公务用车运行维护费支出126480.00元。

3.公务接待费预算为30000.00元，支出决算为15876.80元，完成预算的52.92%。
"""


def _function_table(rows: Mapping[str, Sequence[str]], width: int) -> FunctionTable:
    """Rows in the order given, the 合计 row first; short rows padded with empty cells."""
    def row(code: str, amounts: Sequence[str]) -> FunctionRow:
        cells = tuple(_cell(a) for a in amounts) + (Cell(text=None),) * (width - len(amounts))
        return FunctionRow(code=_cell(code), name=_cell(_CLASSES.get(code, "合计")), amounts=cells)
    return FunctionTable(rows=tuple(row(code, amounts) for code, amounts in rows.items()))


def _summary(sides: dict[str, list[tuple[str, int, list[str]]]]) -> SummaryTable:
    def lines(side: str) -> tuple[SummaryLine, ...]:
        return tuple(SummaryLine(_cell(name), line, tuple(_cell(a) for a in amounts))
                     for name, line, amounts in sides[side])
    return SummaryTable(income=lines("income"), expense=lines("expense"))


def final_accounts() -> FinalAccounts:
    """示例市人力资源和社会保障局 2024 年度部门决算: nine tables, consistent but for 03's 类 208 row."""
    return FinalAccounts(
        year=2024, department=_cell(DEPARTMENT), amount_unit="元",
        income_expense_summary=_summary(_SUMMARY_01),
        income=_function_table(_INCOME_02, 7),
        expense=_function_table(_EXPENSE_03, 6),
        fiscal_summary=_summary(_SUMMARY_04),
        general_budget_expense=_function_table(_EXPENSE_05, 3),
        basic_expense=tuple(EconomicRow(_cell(c), _cell(n), _cell(a)) for c, n, a in _BASIC_06),
        three_public=ThreePublicTable(budget=ThreePublic(*map(_cell, _THREE_07["budget"])),
                                      actual=ThreePublic(*map(_cell, _THREE_07["actual"]))),
        government_fund=FunctionTable(),
        state_capital=FunctionTable(),
    )


def write(folder: Path) -> list[Path]:
    """Render the examples into ``folder``; return the paths.

    Self-evaluations and final accounts in text, XLSX and DOCX; the targets once (DOCX),
    so that each self-evaluation links to one target table, not to three copies.
    """
    from jixiao.render import accounts_tables, selfeval_table, target_table

    folder.mkdir(parents=True, exist_ok=True)
    evaluations, accounts = self_evaluations(), final_accounts()
    outputs = {
        "示例_项目支出绩效自评表.txt": selfeval_table.to_text(evaluations).encode("utf-8"),
        "示例_项目支出绩效自评表.xlsx": selfeval_table.to_xlsx(evaluations),
        "示例_项目支出绩效自评表.docx": selfeval_table.to_docx(evaluations),
        "示例_项目支出绩效目标表.docx": target_table.to_docx(performance_targets()),
        "示例_部门决算.txt": accounts_tables.to_text(accounts, ACCOUNTS_NARRATIVE).encode("utf-8"),
        "示例_部门决算.xlsx": accounts_tables.to_xlsx(accounts, ACCOUNTS_NARRATIVE),
        "示例_部门决算.docx": accounts_tables.to_docx(accounts, ACCOUNTS_NARRATIVE),
    }
    paths = []
    for name, data in outputs.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths
