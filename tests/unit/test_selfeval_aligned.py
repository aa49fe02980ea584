"""A scoring table dumped as quoted cells that lost its merged cells and its row ends:
rows realigned around the prose column its header names (selfeval_aligned), on variants
generated here (other rows, values, joins, a cut last row, the kind by its first levels)."""

from __future__ import annotations

import pytest

from jixiao.pipeline import read_document

HEADER = ("项目", "考核内容", "考核指标", "指标说明", "年度工作目标", "评分标准", "权数", "考评得分")
# level 1, level 2, name, prose, target, criteria, weight (None: merged with the row above)
ROWS = [
    ("一般公共预算支出管理(60分)", "预算支出", "预算支出完成率", "预算支出完成率=本年支出完成数/年初预算数,用以反映预算执行情况.",
     "1", "按完成比例计算得分,满分为止.", "20"),
    ("", "结转结余", "结转结余率", "结转结余率=本年结转结余总额/本年支出完成数,用以反映结余控制程度.", "0.05",
     "二者择其一进行考核,按完成比例计算得分.", "25"),
    ("", "", "结转结余变动率", "结转结余变动率=(本年结转结余-上年结转结余)/上年结转结余,反映控制的努力.", "-0.2",
     None, None),
    ("", "政府采购", "政府采购执行率", "政府采购执行率=实际采购金额/采购预算金额,用以反映采购执行情况.", "0.95",
     "按完成比例计算得分,满分为止.", "15"),
]


def _q(cell: str | None) -> str:
    return f'"{cell}"' if cell else " "


def _dump(rows: list[tuple[str | None, ...]], join: str) -> str:
    lines = [", " + ",".join(_q(c) for c in HEADER)]
    for r in rows:
        cells = list(r[:4]) + [r[4]] + ([r[5], r[6], ""] if r[5] else [])
        lines.append(",".join(_q(c) for c in cells) + (",," if not r[5] else ""))
    return "编辑: 某某 | 2019-07-07 |\n,,\n,,\n" + join.join(lines) + "\n"


def _read(text: str) -> list:  # type: ignore[type-arg]
    doc, _ = read_document("dump.txt", text.encode())
    return list(doc.department_self_evaluations) + list(doc.project_self_evaluations)


@pytest.mark.parametrize("join", ["\n", " "])
def test_rows_are_realigned_around_their_prose(join: str) -> None:
    (evaluation,) = _read(_dump(ROWS, join))
    got = [(i.level1, i.level2, i.name.text, i.target.text, i.weight.number) for i in evaluation.indicators]
    level2 = ""
    expected = []
    for r in ROWS:
        level2 = r[1] or level2
        expected.append(("一般公共预算支出管理", level2, r[2], r[4], None if r[6] is None else int(r[6])))
    assert got == expected
    assert evaluation.kind.value == "department"           # its first level is a department's


def test_a_row_cut_before_its_weight_is_left_out() -> None:
    text = _dump(ROWS, "\n")
    cut = text[:text.rindex("按完成比例") + 3] + "\n"          # the last row ends inside its criteria
    (evaluation,) = _read(cut)
    assert [i.name.text for i in evaluation.indicators] == [r[2] for r in ROWS[:-1]]
    assert not evaluation.complete


def test_a_table_of_other_first_levels_is_a_projects() -> None:
    rows = [("项目管理(40分)",) + r[1:] for r in ROWS]
    (evaluation,) = _read(_dump(rows, "\n"))
    assert evaluation.kind.value == "project"
    assert evaluation.indicators[0].level1 == "项目管理"


@pytest.mark.parametrize("header", [
    ("一级指标", "二级指标", "三级指标", "指标解释", "指标值", "分值"),           # a target table: levels named, no score
    ("考核指标", "指标说明", "年度工作目标", "评分标准", "权数"),                   # no score column
])
def test_other_tables_of_cells_are_not_realigned(header: tuple[str, ...]) -> None:
    rows = [header] + [tuple(r[2:2 + len(header)]) for r in ROWS]
    text = "\n".join(",".join(_q(c) for c in row) for row in rows) + "\n"
    doc, _ = read_document("dump.txt", text.encode())
    assert not [e for e in doc.department_self_evaluations + doc.project_self_evaluations if e.layout == "selfeval_aligned"]
