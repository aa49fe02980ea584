"""The official layouts as Word and Excel files print them (real cells, merged ranges): a
whole-unit target table and the 01 final-accounts table, each as DOCX and XLSX, read the
same as their content."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange

UNIT_TARGET = [
    ["部门（单位）整体支出绩效目标申报表", "", "", "", ""],
    ["（2024年度）", "", "", "", ""],
    ["部门（单位）名称", "示例县教育局", "", "", ""],
    ["年度预算申请（万元）", "资金总额：1200", "按收入性质分", "", "按支出性质分"],
    ["", "", "一般公共预算：1100", "", "基本支出：900"],
    ["", "", "其他资金：100", "", "项目支出：300"],
    ["年度绩效目标", "保障全县义务教育学校正常运转，提升教学质量。", "", "", ""],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ["", "产出指标", "数量指标", "保障学校数量", "≥35所"],
    ["", "", "质量指标", "义务教育巩固率", "≥99%"],
    ["", "效益指标", "社会效益指标", "适龄儿童入学率", "100%"],
    ["", "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%"],
]
SUMMARY = [
    ["收入支出决算总表", "", "", "", "", ""],
    ["部门：示例县教育局", "", "", "", "", "金额单位：万元"],
    ["收入", "", "", "支出", "", ""],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["栏次", "", "1", "栏次", "", "2"],
    ["一、一般公共预算财政拨款收入", "1", "4,627.57", "一、一般公共服务支出", "32", "0.00"],
    ["二、事业收入", "2", "80.78", "二、教育支出", "33", "4,146.04"],
    ["本年收入合计", "3", "4,708.35", "本年支出合计", "34", "4,146.04"],
]


def _docx(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> bytes:
    document = docx.Document()
    document.add_paragraph("2023年度示例县教育局部门决算")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(rows: list[list[str]], merges: list[tuple[int, int, int, int]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for r1, c1, r2, c2 in merges:
        sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MAKERS = {"docx": _docx, "xlsx": _xlsx}


@pytest.mark.parametrize("fmt", sorted(MAKERS))
def test_whole_unit_target_table(fmt: str) -> None:
    data = MAKERS[fmt](UNIT_TARGET, [(0, 0, 0, 4), (2, 1, 2, 4)])
    targets = to_interchange(read_document(f"t.{fmt}", data)[0])["performance_targets"]
    assert len(targets) == 1
    t = targets[0]
    assert (t["year"], t["project"], t["annual_total"], t["funds"]["fiscal"], t["funds"]["other"]) == (
        2024, "示例县教育局", 1200.0, 1100.0, 100.0)
    assert t["goal"] == "保障全县义务教育学校正常运转，提升教学质量。"
    assert [(i["level1"], i["level2"], i["name"], i["target"]) for i in t["indicators"]] == [
        ("产出指标", "数量指标", "保障学校数量", "≥35所"), ("产出指标", "质量指标", "义务教育巩固率", "≥99%"),
        ("效益指标", "社会效益指标", "适龄儿童入学率", "100%"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%")]


@pytest.mark.parametrize("fmt", sorted(MAKERS))
def test_final_accounts_summary_table(fmt: str) -> None:
    data = MAKERS[fmt](SUMMARY, [(0, 0, 0, 5), (2, 0, 2, 2), (2, 3, 2, 5)])
    accounts = to_interchange(read_document(f"a.{fmt}", data)[0])["final_accounts"]
    assert len(accounts) == 1
    a = accounts[0]
    assert (a["department"], a["amount_unit"]) == ("示例县教育局", "万元")
    table = a["tables"]["income_expense_summary"]
    assert [(x["name"], x["line"], x["amounts"]) for x in table["income"]] == [
        ("一般公共预算财政拨款收入", 1, [4627.57]), ("事业收入", 2, [80.78]), ("本年收入合计", 3, [4708.35])]
    assert [x["name"] for x in table["expense"]] == ["一般公共服务支出", "教育支出", "本年支出合计"]
