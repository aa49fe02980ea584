"""The general reading layer: vocabulary and match keys, the cell stream of each printing,
numbers run together split by arithmetic, and the self-evaluation form engine.

Each printing rule is tested on two inputs written inline (and the engine on the same
table printed three ways), never on one document.
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document, run_bytes
from jixiao.readers.form_split import split_line
from jixiao.sources.stream import split_run, tokens
from jixiao.sources.text import load
from jixiao.vocabulary import VocabularyError, match_key, parse, vocabulary


def test_match_key_folds_traditional_ruby_width_and_slips() -> None:
    assert match_key("項(xiàng)目名稱") == "项目名称"
    assert match_key("績效自評表（2023年度）") == "绩效自评表(2023年度)"
    assert match_key("顶目 名 称") == "项目名称"
    assert match_key("全年預算數（A）") == "全年预算数(A)"


def test_vocabulary_roles_and_validation() -> None:
    v = vocabulary()
    assert v.columns.role_of("全年实际值（B）") == "actual"
    assert v.columns.role_of("年度指标值(A)") == "target"
    assert v.columns.role_of("偏差原因分析及改进措施") == "reason"
    assert v.columns.role_of("得分计算方法") == "method"          # not 得分
    assert v.columns.role_of("三级以下道路") is None               # 三级 only as a whole cell
    funds = v.selfeval.fund_columns
    assert funds is not None
    assert funds.role_of("預算執行率") == "rate"
    assert funds.role_of("年初预算数(A)") == "initial"            # not 预算数(A)
    assert funds.role_of("分值(10分)") == "weight"
    assert v.alias("产出值") == "产出指标"
    with pytest.raises(VocabularyError):
        parse({"selfeval": {"titles": []}})


@pytest.mark.parametrize(("text", "cells"), [
    ("产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5",
     ["产出指标", "数量指标", "足额保障率", "=100%", "22.5", "科目调整次数", "≤10次", "22.5"]),
    ("效益指标社会效益指标培训合格率≥90% 10 10 质量指标培训人数120人 10 9",
     ["效益指标", "社会效益指标", "培训合格率", "≥90%", "10", "10", "质量指标", "培训人数", "120人", "10", "9"]),
])
def test_text_without_separators_is_cut_by_labels_and_value_shapes(text: str, cells: list[str]) -> None:
    assert split_run(text) == cells


def test_prose_stays_whole() -> None:
    sentence = "本部门从产出指标、效益指标等方面开展自评，总体完成较好。下一步将继续改进，提高资金使用效益。"
    assert split_run(sentence) == [sentence]


@pytest.mark.parametrize("printing", ["trailing", "leading"])
def test_one_cell_per_line_with_bars_keeps_empty_cells(printing: str) -> None:
    cells = ["三级指标", "", "权重", "60"]
    lines = [f"{c} |" if printing == "trailing" else f"    | {c}" for c in cells]
    sheet = load("t.txt", "\n".join(lines).encode())
    assert [t.text for t in tokens(sheet)] == cells


@pytest.mark.parametrize(("run", "roles", "expected"), [
    ("30271090.00%9", ("budget", "executed", "weight", "rate", "score"), ("30", "27", "10", "90.00%", "9")),
    ("1484631.00%", ("budget", "executed", "rate"), ("148", "46", "31.00%")),
    ("4646100%", ("budget", "executed", "rate"), ("46", "46", "100%")),
    ("310.2154.741050%5", ("initial", "executed", "weight", "rate", "score"),
     ("310.2", "154.74", "10", "50%", "5")),
])
def test_run_together_numbers_are_split_by_the_arithmetic(run: str, roles: tuple[str, ...],
                                                           expected: tuple[str, ...]) -> None:
    assert split_line((run,), roles) == expected


def test_a_run_with_no_well_formed_split_stays_unsplit() -> None:
    assert split_line(("12.3.4",), ("budget", "executed")) is None


TABLE = [
    ("项目支出绩效自评表", "(2023年度)"),
    ("项目名称", "乡村道路养护"), ("主管部门", "某县交通运输局"), ("实施单位", "某县公路养护中心"),
    ("项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("年度资金总额", "100.00", "120.00", "108.00", "10", "90.00%", "9.00"),
    ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    ("产出指标", "数量指标", "养护里程", "≥50公里", "52公里", "20", "20", ""),
    ("", "时效指标", "完成时间", "12月底前", "12月", "20", "20", ""),
    ("效益指标", "社会效益指标", "群众出行便利度", "提升", "提升", "30", "28", "部分路段施工影响"),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10", ""),
    ("总分", "", "", "", "", "90", "87"),
]


def _printed(how: str) -> bytes:
    if how == "bars":          # one cell per line, empty cells kept, as web pages flatten it
        return "\n".join(f"{c} |" for row in TABLE for c in row).encode()
    if how == "leading":
        return "\n".join(f"        | {c}" if c else "        | |" for row in TABLE for c in row).encode()
    return "\n".join(" ".join(c for c in row if c) for row in TABLE).encode()     # run together


@pytest.mark.parametrize("how", ["bars", "leading", "spaces"])
def test_the_form_engine_reads_one_table_in_three_printings(how: str) -> None:
    document, _ = read_document(f"{how}.txt", _printed(how))
    assert len(document.project_self_evaluations) == 1, how
    e = document.project_self_evaluations[0]
    assert (e.year, e.project.text, e.department.text, e.unit.text) == (
        2023, "乡村道路养护", "某县交通运输局", "某县公路养护中心")
    fund = e.funds[0]
    assert [fund.initial.text, fund.budget.text, fund.executed.text, fund.rate.text, fund.score.text] == [
        "100.00", "120.00", "108.00", "90.00%", "9.00"]
    got = [(i.level1, i.level2, i.name.text, i.target.text, i.weight.text, i.score.text) for i in e.indicators]
    assert got == [
        ("产出指标", "数量指标", "养护里程", "≥50公里", "20", "20"),
        ("产出指标", "时效指标", "完成时间", "12月底前", "20", "20"),
        ("效益指标", "社会效益指标", "群众出行便利度", "提升", "30", "28"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "10", "10"),
    ]
    assert (e.total_weight.text, e.total_score.text) == ("90", "87")


def test_sichuan_style_columns_join_into_the_target() -> None:
    rows = [("部门预算项目支出绩效自评表(2023年度)",), ("项目名称", "工资性支出"),
            ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
             "未完成原因分析"),
            ("产出指标", "数量指标", "发放覆盖率", "=", "100", "%", "", "60", "", ""),
            ("效益指标", "社会效益指标", "受益人数", "≥", "120", "人次", "130", "30", "30", ""),
            ("合计", "100", "", "")]
    data = "\n".join(f"{c} |" for row in rows for c in row).encode()
    e = read_document("sc.txt", data)[0].project_self_evaluations[0]
    assert [(i.name.text, i.target.text, i.actual.text, i.weight.text) for i in e.indicators] == [
        ("发放覆盖率", "=100%", None, "60"), ("受益人数", "≥120人次", "130", "30")]
    assert e.total_weight.text == "100"


def test_an_ambiguous_fund_run_is_left_empty_with_a_reading_finding() -> None:
    text = ("项目支出绩效自评表\n项目名称 测试项目\n项目资金 全年预算数 全年执行数\n年度资金总额 12.3.4\n"
            "一级指标 二级指标 三级指标 年度指标值 分值 得分\n产出指标 数量指标 培训人数 ≥100人 50 50\n"
            "效益指标 社会效益指标 就业率 ≥90% 50 50\n")
    result = run_bytes("amb.txt", text.encode())
    fund = result.document.project_self_evaluations[0].funds[0]
    assert fund.budget.empty and fund.executed.empty
    assert "R004" in {f.code for f in result.findings}


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_table_no_reader_knows_is_reported_as_unread(sep: str) -> None:
    rows = [["品名", "数量", "单价", "金额"], ["打印纸", "20", "25.00", "500.00"],
            ["墨盒", "4", "180.00", "720.00"], ["合计", "24", "", "1220.00"]]
    text = "采购清单\n" + "\n".join(sep.join(r) for r in rows) + "\n"
    result = run_bytes("unknown.txt", text.encode())
    codes = [f.code for f in result.findings]
    assert "R003" in codes and "R007" in codes
    assert next(f for f in result.findings if f.code == "R007").where.line == 2


def test_a_table_cut_off_by_the_end_of_the_text_is_not_judged_for_its_sums() -> None:
    rows = [("项目支出绩效自评表",), ("项目名称", "示例项目"),
            ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
            ("产出指标", "数量指标", "培训人数", "≥100人", "120人", "20", "20"),
            ("", "质量指标", "合格率", "≥90%", "95%", "20", "20")]
    text = "".join(f"{c} |\n" for r in rows for c in r)        # one cell per line, as web pages print
    result = run_bytes("cut.txt", text.encode())
    e = result.document.project_self_evaluations[0]
    assert not e.complete and len(e.indicators) == 2
    codes = {f.code for f in result.findings}
    assert "R006" in codes and "S002" not in codes
    whole = run_bytes("whole.txt", (text + "总分 |\n40 |\n40 |\n").encode())
    assert whole.document.project_self_evaluations[0].complete
    assert "S002" in {f.code for f in whole.findings}      # 40 ≠ 100: a complete table is judged


def test_two_readings_of_one_target_table_keep_the_better_and_say_so() -> None:
    from tests.corpus.test_corpus import CORPUS
    path = CORPUS / "targets" / "tg_hunan_yueyang_gaobiaozhun.txt"
    result = run_bytes(path.name, path.read_bytes())
    assert [t.layout for t in result.document.performance_targets] == ["targets_form"]
    assert "R005" in {f.code for f in result.findings}
