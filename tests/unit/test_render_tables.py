"""Official tables rendered from the model read back to the same interchange JSON.

Every renderer (target tables, the nine final-accounts tables) in every format (text,
XLSX, DOCX) goes through ``pipeline.read_document``, as a user's file would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao import samples
from jixiao.cli import app
from jixiao.model.accounts import FinalAccounts, FunctionRow, FunctionTable
from jixiao.model.document import Document
from jixiao.model.values import Cell
from jixiao.pipeline import read_document
from jixiao.render import accounts_tables, target_table
from jixiao.render.interchange import final_accounts, self_evaluation, target, to_interchange
from jixiao.render.interchange_in import from_interchange

FORMATS = ("text", "xlsx", "docx")
SUFFIX = {"text": "txt", "xlsx": "xlsx", "docx": "docx"}


def read_back(data: str | bytes, to: str) -> Document:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    document, _ = read_document(f"rendered.{SUFFIX[to]}", raw)
    return document


@pytest.mark.parametrize("to", FORMATS)
def test_targets_read_back_the_same(to: str) -> None:
    targets = samples.performance_targets()
    document = read_back(getattr(target_table, f"to_{to}")(targets), to)
    assert [target(t) for t in document.performance_targets] == [target(t) for t in targets]
    assert not document.findings


@pytest.mark.parametrize("to", FORMATS)
def test_final_accounts_read_back_the_same(to: str) -> None:
    accounts = samples.final_accounts()
    document = read_back(getattr(accounts_tables, f"to_{to}")(accounts), to)
    assert len(document.final_accounts) == 1
    assert final_accounts(document.final_accounts[0]) == final_accounts(accounts)
    assert not document.findings


@pytest.mark.parametrize("to", FORMATS)
def test_narrative_follows_the_tables(to: str) -> None:
    """The 情况说明 after the tables is read as facts; the tables read as without it."""
    accounts = samples.final_accounts()
    document = read_back(getattr(accounts_tables, f"to_{to}")(accounts, samples.ACCOUNTS_NARRATIVE), to)
    read = final_accounts(document.final_accounts[0])
    assert read["tables"] == final_accounts(accounts)["tables"]
    share = [f["share"] for f in read["narrative_facts"] if f["subject"] == "财政拨款收入"]
    assert share == [94.88]      # the sample's deliberate misstatement, read as printed
    assert {f["section"][:2] for f in read["narrative_facts"]} == {f"{n}、" for n in "一二三四五六七"}


def test_interchange_json_renders_to_the_same_tables() -> None:
    """``jixiao render x.json``: numbers lose their printed zeros in JSON, not their values."""
    payload = to_interchange(Document(source="x", final_accounts=(samples.final_accounts(),)))
    document = from_interchange(json.loads(json.dumps(payload)), "x.json")
    back = read_back(accounts_tables.to_text(document.final_accounts[0]), "text")
    assert final_accounts(back.final_accounts[0]) == payload["final_accounts"][0]


def test_summary_sides_line_up_items_totals_and_grand_total() -> None:
    grid = [[accounts_tables.shown(v) for v in row] for row in
            accounts_tables.tables(samples.final_accounts())[0].body]
    assert grid[3][0] == "本年收入合计" and grid[3][3] == "本年支出合计"
    assert grid[-1][0] == "总计" and grid[-1][3] == "总计"


def test_basic_expense_keeps_classes_whole_across_groups() -> None:
    table = next(t for t in accounts_tables.tables(samples.final_accounts()) if t.number == "公开06表")
    first, second = [row[3] for row in table.body[:-1]], [row[6] for row in table.body[:-1]]
    assert first[0] == "302" and second[0] == "310"
    assert table.body[-1][0] == "人员经费合计" and table.body[-1][3] == "公用经费合计"


def test_amounts_print_with_thousands_and_two_decimals() -> None:
    from decimal import Decimal

    assert accounts_tables.shown(Decimal("2000000")) == "2,000,000.00"
    assert accounts_tables.shown(Decimal("0.125")) == "0.125"
    assert accounts_tables.shown("合计") == "合计"


def test_empty_table_is_printed_with_its_headings() -> None:
    text = accounts_tables.to_text(samples.final_accounts())
    assert "政府性基金预算财政拨款收入支出决算表" in text and "本表为空表" in text
    read = final_accounts(read_back(text, "text").final_accounts[0])
    assert read["tables"]["government_fund"] == [] and read["tables"]["state_capital"] == []


def test_xlsx_whole_amount_on_a_row_without_name() -> None:
    """``2000000.00`` stored as a number reads back with its ``#,##0.00`` decimals, not as a 7-digit code."""
    row = FunctionRow(code=Cell.read("2011308"), name=Cell.read(None),
                      amounts=(Cell.read("2000000.00"), Cell.read("2000000.00"), Cell.read(None)))
    accounts = FinalAccounts(year=2024, department=Cell.read("示例局"),
                             general_budget_expense=FunctionTable(rows=(row,)))
    document = read_back(accounts_tables.to_xlsx(accounts), "xlsx")
    assert final_accounts(document.final_accounts[0])["tables"]["general_budget_expense"] == \
        final_accounts(accounts)["tables"]["general_budget_expense"]


def test_render_command(tmp_path: Path) -> None:
    examples = samples.write(tmp_path / "examples")
    runner = CliRunner()
    shown = runner.invoke(app, ["render", str(tmp_path / "examples" / "示例_部门决算.xlsx")])
    assert shown.exit_code == 0 and "公开09表" in shown.stdout
    out = tmp_path / "out" / "目标表.xlsx"
    made = runner.invoke(app, ["render", str(examples[3]), "--to", "xlsx", "--out", str(out)])
    assert made.exit_code == 0 and out.exists()
    assert [target(t) for t in read_back(out.read_bytes(), "xlsx").performance_targets] == \
        [target(t) for t in samples.performance_targets()]
    wrong = runner.invoke(app, ["render", str(examples[0]), "--to", "pdf"])
    assert wrong.exit_code == 2


def test_render_command_narrative_from_json(tmp_path: Path) -> None:
    """Interchange JSON in, DOCX with the generated 情况说明 out; its shares recomputed from the tables."""
    from jixiao.cli.render import generated_narrative

    if generated_narrative() is None:
        pytest.skip("render.narrative 未提供情况说明生成函数")
    source = tmp_path / "决算.json"
    payload = to_interchange(Document(source="决算", final_accounts=(samples.final_accounts(),)))
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "决算.docx"
    made = CliRunner().invoke(app, ["render", str(source), "--to", "docx", "--out", str(out), "--narrative"])
    assert made.exit_code == 0, made.output
    facts = final_accounts(read_back(out.read_bytes(), "docx").final_accounts[0])["narrative_facts"]
    assert [f["share"] for f in facts if f["subject"] == "财政拨款收入"] == [99.14]


def test_examples_stay_small(tmp_path: Path) -> None:
    paths = samples.write(tmp_path)
    assert sum(p.stat().st_size for p in paths) < 200 * 1024
    kinds = {p.name: read_document(p.name, p.read_bytes())[0].kinds for p in paths}
    assert kinds["示例_项目支出绩效目标表.docx"] == ("performance_targets",)
    assert all(kinds[f"示例_部门决算.{ext}"] == ("final_accounts",) for ext in ("txt", "xlsx", "docx"))


SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")


@needs_seeds
@pytest.mark.parametrize("to", FORMATS)
def test_seed_001_tables_render_and_read_back(to: str) -> None:
    """A real document's nine tables (mangled headers, split pages) come back from the official layout."""
    seed = next(SEEDS.glob("001_*.txt"))
    accounts = read_document(seed.name, seed.read_bytes())[0].final_accounts[0]
    back = read_back(getattr(accounts_tables, f"to_{to}")(accounts), to).final_accounts[0]
    assert final_accounts(back)["tables"] == final_accounts(accounts_tables.as_printed(accounts))["tables"]


@needs_seeds
def test_seed_001_codes_resolved_and_shown() -> None:
    """001 prints 支出决算表 page 1 with names only and 收入决算表 page 1 with codes only: the rendered
    tables print both, taken from the rows of other tables that print both."""
    seed = next(SEEDS.glob("001_*.txt"))
    accounts = read_document(seed.name, seed.read_bytes())[0].final_accounts[0]
    printed = final_accounts(accounts)["tables"]
    assert sum(1 for r in printed["expense"] if not r["code"]) >= 10
    made = {t.key.value: t for t in accounts_tables.tables(accounts)}
    expense = made["expense"]
    assert sum(1 for r in expense.body if not r[0]) <= 1          # only the 合计 row has no code
    assert (0, 0) in expense.filled and (0, 1) not in expense.filled
    assert ("2011308", "招商引资") in {(r[0], r[1]) for r in expense.body}
    assert all(r[1] for r in made["income"].body)                  # every income row named


@needs_seeds
@pytest.mark.parametrize("to", FORMATS)
def test_seed_004_targets_render_and_read_back(to: str) -> None:
    seed = next(SEEDS.glob("004_*.txt"))
    targets = list(read_document(seed.name, seed.read_bytes())[0].performance_targets)
    back = read_back(getattr(target_table, f"to_{to}")(targets), to).performance_targets
    assert [target(t) for t in back] == [target(t) for t in targets]


def test_render_out_writes_exactly_the_file_asked_for(tmp_path: Path) -> None:
    """A file holding several kinds of table goes to the one file named, in the format its suffix names."""
    from openpyxl import load_workbook

    source = tmp_path / "全部.json"
    payload = to_interchange(Document(source="全部", performance_targets=tuple(samples.performance_targets()),
                                      final_accounts=(samples.final_accounts(),),
                                      project_self_evaluations=tuple(samples.self_evaluations())))
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.xlsx"
    made = CliRunner().invoke(app, ["render", str(source), "--out", str(out)])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx", "全部.json"]
    said = made.output.replace("\n", "")
    assert "已写入" in said and "绩效目标表 2 张" in said and "部门决算公开表 9 张" in said
    book = load_workbook(out)
    assert "目标表1" in book.sheetnames and "公开09表" in book.sheetnames
    back = read_back(out.read_bytes(), "xlsx")
    assert [target(t) for t in back.performance_targets] == [target(t) for t in samples.performance_targets()]
    assert final_accounts(back.final_accounts[0])["tables"] == final_accounts(samples.final_accounts())["tables"]
    assert [self_evaluation(e) for e in back.project_self_evaluations] == \
        [self_evaluation(e) for e in samples.self_evaluations()]
    assert not back.findings


def test_render_format_and_suffix_must_agree(tmp_path: Path) -> None:
    examples = samples.write(tmp_path / "examples")
    runner = CliRunner()
    clash = runner.invoke(app, ["render", str(examples[0]), "--to", "docx", "--out", str(tmp_path / "x.xlsx")])
    assert clash.exit_code == 2 and "后缀" in clash.output.replace("\n", "") and not (tmp_path / "x.xlsx").exists()
    unknown = runner.invoke(app, ["render", str(examples[0]), "--out", str(tmp_path / "x.pdf")])
    assert unknown.exit_code == 2 and "--to" in unknown.output
    folder = runner.invoke(app, ["render", str(examples[0]), "--to", "xlsx", "--out", str(tmp_path)])
    assert folder.exit_code == 2 and "文件夹" in folder.output.replace("\n", "") and "Traceback" not in folder.output
    docx = tmp_path / "y.docx"
    made = runner.invoke(app, ["render", str(examples[0]), "--out", str(docx)])
    assert made.exit_code == 0 and docx.read_bytes().startswith(b"PK")


@needs_seeds
def test_accounts_without_tables_are_not_rendered() -> None:
    """003 prints its 部门决算 as a 情况说明 only: nothing of it to lay out as the public tables."""
    from jixiao.render.official import contents

    seed = next(SEEDS.glob("003_*.txt"))
    document = read_document(seed.name, seed.read_bytes())[0]
    assert document.final_accounts and not accounts_tables.tables(document.final_accounts[0])
    assert [kind for kind, _ in contents(document)] == ["绩效自评表"]
