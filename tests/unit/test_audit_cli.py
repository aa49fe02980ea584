"""``jixiao audit``: exit codes, the JSON shape, text and HTML output, no partial output file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from jixiao.checks.registry import run_checks
from jixiao.cli import app
from jixiao.pipeline import Result
from jixiao.render.report import build_report, to_html, to_json, to_text

runner = CliRunner()

# A one-table self-evaluation in seed 000's tab-separated layout; its 总分 97 is one short of 98.
TABLE = """部门项目支出绩效自评表

(2024 年度)

项目名称\t\t示例<script>项目\t\t\t\t\t\t
主管部门\t\t示例局\t\t实施单位\t\t示例中心\t\t
项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t
\t年度资金总额\t100.00\t100.00\t80.00\t10.00\t80.00%\t8.00\t
\t其中：当年财政拨款\t100.00\t100.00\t80.00\t\t\t\t
年度总体目标\t\t预期目标\t\t实际完成情况\t\t\t\t
\t\t培训 500 人\t\t培训 520 人\t\t\t\t
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标 (50) 分\t数量指标\t培训人数（人）\t≥500\t520\t50\t50\t
\t效益指标 (30) 分\t社会效益指标\t就业率（%）\t≥90\t92\t30\t30\t
满意度指标 (10) 分\t服务对象满意度指标\t\t学员满意度 (%)\t≥90\t95\t10\t10\t
总分\t\t\t\t\t\t100\t97\t
"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_clean_input_exits_0_with_an_empty_report(tmp_path: Path) -> None:
    path = write(tmp_path, "说明.txt", "这是一段说明文字，没有表格。\n")
    result = runner.invoke(app, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    # Nothing read is said plainly (R003), never reported as free of problems.
    assert [f["code"] for f in payload["findings"]] == ["R003"]
    assert payload["summary"]["documents"] == 1 and payload["summary"]["errors"] == 0
    assert payload["summary"]["without_tables"] == 1
    text = runner.invoke(app, ["audit", str(path)]).output
    assert "R003" in text and "不能视为没有问题" in text
    assert "未发现问题" not in text


def test_a_batch_with_an_unreadable_file_reports_the_others_and_exits_2(tmp_path: Path) -> None:
    good = write(tmp_path, "说明.txt", "没有表格。\n")
    bad = write(tmp_path, "坏.txt", bytes(range(256)) * 8)
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["audit", str(good), str(bad), "--format", "json", "--out", str(out)])
    assert result.exit_code == 2
    assert "无法读取" in result.output and "Traceback" not in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    by_source = {f["source"]: f["code"] for f in payload["findings"]}
    assert by_source == {"说明.txt": "R003", "坏.txt": "X002"}
    assert payload["summary"]["unreadable"] == 1 and payload["summary"]["documents"] == 2
    assert list(tmp_path.glob(".report.json*")) == []


def test_missing_file_and_unknown_options_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["audit", str(tmp_path / "无.txt")]).exit_code == 2
    path = write(tmp_path, "说明.txt", "没有表格。\n")
    assert runner.invoke(app, ["audit", str(path), "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["audit", str(path), "--ruleset", "不存在"])
    assert result.exit_code == 2 and "规则集" in result.output


def test_errors_exit_1_and_json_has_the_documented_shape(tmp_path: Path) -> None:
    path = write(tmp_path, "自评.txt", TABLE)
    out = tmp_path / "audit.json"
    result = runner.invoke(app, ["audit", str(path), "--format", "json", "--out", str(out)])
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["summary"]["tables_read"] == 1
    assert result.exit_code == 1
    total = next(f for f in payload["findings"] if f["code"] == "S001")
    assert set(total) >= {"source", "document_kind", "project", "indicator", "table", "code", "severity",
                          "message", "expected", "actual", "location"}
    assert total["source"] == "自评.txt" and total["severity"] == "error"
    assert total["expected"] == "98" and total["actual"] == "97"
    assert total["location"]["file"] == "自评.txt" and total["location"]["line"]


def test_reports_escape_and_group_by_document_and_project() -> None:
    from jixiao.checks.selfeval import document, evaluation

    doc = document(evaluation(project="<b>项目</b>", total_score="97"))
    report = build_report([Result(source="示例.txt", document=doc, findings=run_checks(doc))])
    assert json.loads(to_json(report))["findings"][0]["project"] == "<b>项目</b>"
    html = to_html(report)
    assert "&lt;b&gt;项目&lt;/b&gt;" in html and "<b>项目</b>" not in html
    assert "http" not in html.split("<body>")[0]        # no CDN: everything inline
    text = to_text(report)
    assert "示例.txt" in text and "<b>项目</b>" in text and "审核汇总" in text


def test_unknown_ruleset_is_named_with_the_known_ones(tmp_path: Path) -> None:
    from jixiao.score.ruleset import list_rulesets

    path = write(tmp_path, "自评.txt", TABLE)
    result = runner.invoke(app, ["audit", str(path), "--ruleset", "不存在"])
    assert result.exit_code == 2
    assert "未知规则集：不存在" in result.output and "无法读取" not in result.output
    assert all(r.name in result.output.replace("\n", "") for r in list_rulesets())


def test_out_says_what_it_wrote(tmp_path: Path) -> None:
    path = write(tmp_path, "自评.txt", TABLE)
    out = tmp_path / "报告.html"
    result = runner.invoke(app, ["audit", str(path), "--format", "html", "--out", str(out)])
    assert result.exit_code == 1 and out.exists()
    assert f"已写入审核报告 {out}" in result.output.replace("\n", "")


def test_findings_csv_and_xlsx_in_chinese_with_the_file_name(tmp_path: Path) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    good = write(tmp_path, "自评.txt", TABLE)
    bad = write(tmp_path, "坏.txt", bytes(range(256)) * 8)
    out = tmp_path / "发现.csv"
    result = runner.invoke(app, ["audit", str(good), str(bad), "--format", "csv", "--out", str(out)])
    assert result.exit_code == 2 and "已写入审核发现表" in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {"文件", "严重程度", "状态", "代码", "检查项", "说明"} <= set(rows[0])
    assert {r["文件"] for r in rows} == {"自评.txt", "坏.txt"}
    assert {r["严重程度"] for r in rows} <= {"错误", "警告", "提示"} and "错误" in {r["严重程度"] for r in rows}
    assert {r["状态"] for r in rows} == {"待处理"}
    assert not any(word in text for word in ("error", "warning", "open"))
    total = next(r for r in rows if r["代码"] == "S001" or "总分" in r["说明"])
    assert total["文件"] == "自评.txt" and total["检查项"]
    xlsx = tmp_path / "发现.xlsx"
    made = runner.invoke(app, ["audit", str(good), "--format", "xlsx", "--out", str(xlsx)])
    assert made.exit_code == 1
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(v for v in values if v[0] == "文件")
    assert header[:3] == ["文件", "文档类型", "项目"] and "严重程度" in header
    assert sheet.print_title_rows is not None
    assert runner.invoke(app, ["audit", str(good), "--format", "xlsx"]).exit_code == 2   # binary needs --out


def test_extract_out_says_what_it_wrote(tmp_path: Path) -> None:
    path = write(tmp_path, "自评.txt", TABLE)
    bad = write(tmp_path, "坏.txt", bytes(range(256)) * 8)
    out = tmp_path / "json"
    result = runner.invoke(app, ["extract", str(path), str(bad), "--out", str(out)])
    said = "".join(result.output.split())           # the console wraps long paths, eating a space
    assert result.exit_code == 2 and (out / "自评.json").exists()
    assert "".join(f"已写入 {out / '自评.json'}（绩效自评表 1 张）".split()) in said
    assert "共写入1个文件" in said and "1个文件无法读取" in said
    alone = runner.invoke(app, ["extract", str(path)])          # to standard output: the JSON only
    assert alone.exit_code == 0 and json.loads(alone.stdout)["project_self_evaluations"]


def test_demo_writes_reports_findings_table_and_official_tables(tmp_path: Path, monkeypatch: Any) -> None:
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)                  # no examples/ here: the demo writes its own
    result = runner.invoke(app, ["demo", "--out", "out"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert (out / "report.html").exists() and (out / "审核发现.xlsx").exists()
    stems = {p.stem for p in (out / "examples").iterdir()}          # one workbook a document, not a format
    assert sorted(p.name for p in (out / "tables").iterdir()) == sorted(f"{s}_公开表.xlsx" for s in stems)
    assert len(stems) == 3
    assert "公开09表" in load_workbook(out / "tables" / "示例_部门决算_公开表.xlsx").sheetnames
