"""Target tables as found in the wild: printings the national form does not foresee.

Each test builds a variant of a printing seen in the corpus (other values, labels, order)
and asserts what is read from it.
"""

from __future__ import annotations

import pytest

from jixiao.pipeline import run_bytes


def _bars(rows: list[tuple[str, ...]]) -> bytes:
    """One cell per line, each ending in ``|``, as web pages flatten a table."""
    return "".join(f"{c} |\n" for row in rows for c in row).encode()


@pytest.mark.parametrize("project, total", [("乡村道路养护资金", "80"), ("小型水利工程补助", "120.5")])
def test_a_head_whose_indicator_rows_are_unreadable_is_kept_and_said(project: str, total: str) -> None:
    rows = [("2024年专项资金绩效目标表",), ("项目名称", project), ("主管部门", "某县水利局"),
            ("资金情况(万元)", "资金总额", total), ("总体目标", "完成年度建设任务"),
            ("一级指标", "二级指标", "三级指标"), ("产出指标",), ("甲", "乙", "丙", "丁", "戊")]
    result = run_bytes("head.txt", _bars(rows))
    [t] = result.document.performance_targets
    assert (t.project.text, t.department.text, t.annual_total.text, t.goal.text) == (
        project, "某县水利局", total, "完成年度建设任务")
    assert not t.indicators and not t.complete
    assert any(f.code == "R007" and f.project == project for f in result.findings)
