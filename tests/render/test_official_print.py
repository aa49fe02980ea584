"""Official tables out as the templates print them, and read back the same.

XLSX: amounts, weights, rates and scores stored as numbers with the format that prints them
as printed; ruled cells; merged headings; A4, fitted to the page width; print area and the
rows repeated on every page. DOCX: columns sized to what they print, within the page.
Each form, and a LibreOffice print of it to PDF, reads back through ``read_document`` as
the same document.
"""

from __future__ import annotations

import io
import re
import shutil
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao import samples
from jixiao.pipeline import read_document
from jixiao.render import accounts_tables, grid, selfeval_table, target_table
from jixiao.render.interchange import final_accounts, self_evaluation, target

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")

KINDS: dict[str, tuple[Any, Any, Any]] = {
    # kind: (renderer, the model's tables, what a read document holds as interchange)
    "selfeval": (selfeval_table, lambda: samples.self_evaluations(),
                 lambda d: [self_evaluation(e) for e in d.project_self_evaluations]),
    "targets": (target_table, lambda: samples.performance_targets(),
                lambda d: [target(t) for t in d.performance_targets]),
    "accounts": (accounts_tables, lambda: samples.final_accounts(),
                 lambda d: [final_accounts(f) for f in d.final_accounts]),
}


def _expected(kind: str) -> list[Any]:
    model = KINDS[kind][1]()
    convert = {"selfeval": self_evaluation, "targets": target, "accounts": final_accounts}[kind]
    return [convert(model)] if kind == "accounts" else [convert(x) for x in model]


@cache
def _rendered(kind: str, to: str) -> bytes:
    module, model, _ = KINDS[kind]
    return bytes(getattr(module, f"to_{to}")(model()))


def _book(kind: str) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(_rendered(kind, "xlsx")))


# ---------------------------------------------------------------- XLSX as printed


def test_selfeval_xlsx_numbers_are_numbers_with_their_formats() -> None:
    sheet = _book("selfeval").worksheets[0]
    cells = {c.coordinate: c for row in sheet.iter_rows() for c in row if c.value is not None}
    budget = next(c for c in cells.values() if c.value == "年度资金总额")
    amounts = [sheet.cell(budget.row, budget.column + k) for k in range(1, 7)]
    assert [c.value for c in amounts] == [500, 450, 427.5, 10, pytest.approx(0.855), 8.55]
    assert [c.number_format for c in amounts] == ["#,##0.00", "#,##0.00", "#,##0.00", "0", "0.00%", "0.00"]
    total = next(c for c in cells.values() if c.value == "总分")
    assert [sheet.cell(total.row, k).value for k in (7, 8)] == [100, 96.4]
    assert sheet.cell(total.row, 8).number_format == "0.00"
    # words stay words: targets with a comparator, and the actual values printed with a unit
    assert any(c.value == "≥1200" for c in cells.values())


def test_selfeval_xlsx_is_ruled_merged_and_set_for_print() -> None:
    from openpyxl.cell.cell import MergedCell

    sheet = _book("selfeval").worksheets[0]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "项目资金 (万元)")
    funds = len(samples.self_evaluations()[0].funds)
    assert f"A{label.row}:A{label.row + funds}" in merged          # 项目资金 down its fund rows
    assert "A1:I1" in merged                                        # the title across the table
    name = next(c for row in sheet.iter_rows() for c in row if c.value == "项目名称")
    assert f"C{name.row}:I{name.row}" in merged
    for row in sheet.iter_rows(min_row=name.row, max_row=sheet.max_row):
        for cell in row:
            if isinstance(cell, MergedCell):      # inside a merged range: its rules are the range's edges
                continue
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert all(side.style == "thin" for side in sides), cell.coordinate
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_area is not None and f"$I${sheet.max_row}" in sheet.print_area
    head = next(c for row in sheet.iter_rows() for c in row if c.value == "一级指标")
    assert sheet.print_title_rows == f"${head.row}:${head.row}"      # the indicator heading on every page


@pytest.mark.parametrize("kind", list(KINDS))
def test_xlsx_columns_fit_what_they_print(kind: str) -> None:
    """No cell outside a merged range is wider than its column (long text wraps at the cap)."""
    from openpyxl.utils import get_column_letter

    for sheet in _book(kind).worksheets:
        covered = {c for r in sheet.merged_cells.ranges for row in sheet[r.coord] for c in
                   (x.coordinate for x in row)}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.coordinate in covered:
                    continue
                text = accounts_tables.shown(Decimal(str(cell.value))) if isinstance(cell.value, float) \
                    else str(cell.value)
                width = sheet.column_dimensions[get_column_letter(cell.column)].width
                assert width >= min(grid.units(text), grid.SETTINGS.max_width - 2), (sheet.title, cell.coordinate)


def test_accounts_xlsx_headings_merged_repeated_amounts_formatted() -> None:
    book = _book("accounts")
    assert book.sheetnames[0] == "封面" and book.sheetnames[1:10] == [f"公开0{n}表" for n in range(1, 10)]
    fund = book["公开08表"]                    # two heading rows: 本年支出 over 小计 / 基本支出 / 项目支出
    merged = {str(r) for r in fund.merged_cells.ranges}
    spent = next(c for row in fund.iter_rows() for c in row if c.value == "本年支出")
    assert f"{spent.coordinate}:{fund.cell(spent.row, spent.column + 2).coordinate}" in merged
    first = spent.row
    assert fund.print_title_rows == f"${first}:${first + 2}"
    assert any("本表为空表" in str(c.value) for row in fund.iter_rows() for c in row)   # said to be empty
    income = book["公开02表"]
    values = [c for row in income.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert values and all(c.number_format == "#,##0.00" for c in values)
    assert all(book[name].page_setup.orientation == "landscape" for name in book.sheetnames[1:10])


# ---------------------------------------------------------------- DOCX widths


def _docx_widths(data: bytes) -> list[tuple[list[int], int]]:
    """Per table: its column widths, and the text width of its page (EMU)."""
    from docx import Document as open_docx

    doc = open_docx(io.BytesIO(data))
    section = doc.sections[-1]
    room = section.page_width - section.left_margin - section.right_margin
    return [([c.width for c in t.columns], room) for t in doc.tables]


@pytest.mark.parametrize("kind", list(KINDS))
def test_docx_columns_fit_the_page_and_follow_their_content(kind: str) -> None:
    for columns, room in _docx_widths(_rendered(kind, "docx")):
        assert all(w > 0 for w in columns)
        assert 0 <= room - sum(columns) <= 635 * len(columns), "the table fills the text width, no more"
        assert len(set(columns)) > 1, "columns sized by what they print, not equal"


def test_docx_selfeval_names_column_wider_than_scores() -> None:
    columns, _ = _docx_widths(_rendered("selfeval", "docx"))[0]
    header = selfeval_table.INDICATOR_HEADER
    assert columns[header.index("三级指标")] > 2 * columns[header.index("得分")]


# ---------------------------------------------------------------- read back


@pytest.mark.parametrize("to", ["xlsx", "docx"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_rendered_form_reads_back_the_same(kind: str, to: str) -> None:
    document, _ = read_document(f"rendered.{to}", _rendered(kind, to))
    assert KINDS[kind][2](document) == _expected(kind)
    assert not document.findings


@needs_office
@pytest.mark.parametrize("to", ["xlsx", "docx"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_libreoffice_pdf_reads_back_the_same(kind: str, to: str) -> None:
    from tests.official.build import pdf

    printed = pdf(_rendered(kind, to), to)
    assert printed is not None and printed.startswith(b"%PDF")
    document, _ = read_document(f"rendered.{to}.pdf", printed)
    assert KINDS[kind][2](document) == _expected(kind)
    assert not document.findings


def _no_spaces(value: Any) -> Any:
    """The same value with white space left out of its texts."""
    if isinstance(value, dict):
        return {k: _no_spaces(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_spaces(v) for v in value]
    return re.sub(r"\s+", "", value) if isinstance(value, str) else value


@needs_office
@needs_seeds
@pytest.mark.parametrize("to", ["xlsx", "docx"])
@pytest.mark.parametrize(("seed", "kind"), [("001", "accounts"), ("004", "targets"), ("000", "selfeval"),
                                            ("002", "selfeval")])
def test_seed_printed_to_pdf_reads_back(seed: str, kind: str, to: str) -> None:
    """Real documents over several pages: a level name stays with its first row across a page
    break, the repeated heading rows are not read as data. A text wrapped in its cell loses the
    space at the break (the PDF source joins Chinese lines without one), so texts compare
    without white space."""
    from tests.official.build import pdf

    path = next(SEEDS.glob(f"{seed}_*.txt"))
    source, _ = read_document(path.name, path.read_bytes())
    module, _, held = KINDS[kind]
    tables = list(source.final_accounts[:1] if kind == "accounts" else
                  source.performance_targets if kind == "targets" else source.project_self_evaluations)
    data = getattr(module, f"to_{to}")(tables[0] if kind == "accounts" else tables)
    printed = pdf(data, to)
    assert printed is not None
    document, _ = read_document(f"{seed}.pdf", printed)
    got, want = held(document), held(source)
    if kind == "accounts":        # codes and names filled across tables, as the rendered tables print them
        got, want = [g["tables"] for g in got], [final_accounts(accounts_tables.as_printed(tables[0]))["tables"]]
    assert _no_spaces(got) == _no_spaces(want)


@pytest.mark.parametrize("kind", ["project_self_evaluation", "performance_target", "final_accounts"])
def test_a_stored_table_renders_again_as_it_was_read(kind: str) -> None:
    """What a web export calls: a stored table's interchange JSON back to its official XLSX."""
    from jixiao.render.official import rendered, stored

    model: Any = {"project_self_evaluation": samples.self_evaluations()[0],
                  "performance_target": samples.performance_targets()[0],
                  "final_accounts": samples.final_accounts()}[kind]
    convert = {"project_self_evaluation": self_evaluation, "performance_target": target,
               "final_accounts": final_accounts}[kind]
    saved = convert(model) | {"printed": {"ignored": True}}       # the store keeps more beside it
    document, _ = read_document("x.xlsx", rendered(stored(kind, saved, "x"), "xlsx", None))
    held = {"project_self_evaluation": document.project_self_evaluations,
            "performance_target": document.performance_targets, "final_accounts": document.final_accounts}[kind]
    assert [convert(x) for x in held] == [convert(model)]
    with pytest.raises(ValueError):
        stored("document", saved)
