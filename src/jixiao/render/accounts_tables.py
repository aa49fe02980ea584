"""The nine public tables of a 部门决算 (公开01–09表) from the model, as text / XLSX / DOCX.

Each table is one ``Table``: its title, number, note and a grid of header rows and body
rows, laid out as the official templates print them (seed 001's layout). Every format
is drawn from the same grids, so the final-accounts reader reads each form back. Amount
cells are ``Decimal`` in the grid: text and DOCX print them ``#,##0.00``, XLSX keeps
them as numbers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from jixiao.model.accounts import (
    EconomicRow,
    FinalAccounts,
    FunctionTable,
    SummaryLine,
    SummaryTable,
    TableKey,
    ThreePublic,
)
from jixiao.model.values import Cell
from jixiao.render.grid import Printed, add_note, add_table, header_spans, page
from jixiao.render.grid import shown as grid_shown
from jixiao.render.grid import to_xlsx as grid_to_xlsx
from jixiao.resolve.accounts import FUNCTION_TABLES as FUNCTION_KEYS
from jixiao.resolve.accounts import resolve_accounts

Value = str | Decimal
Row = list[Value]


@dataclass(frozen=True, slots=True)
class Table:
    """One printed table: ``header`` rows are labels, ``body`` rows hold the amounts."""

    key: TableKey
    number: str
    title: str
    header: list[Row]
    body: list[Row]
    note: str
    filled: frozenset[tuple[int, int]] = frozenset()   # body cells (row, col) resolved, not printed

    @property
    def width(self) -> int:
        return max(len(r) for r in self.header + self.body)


# key, number, title, note (the official wording of each template).
TEMPLATES: tuple[tuple[TableKey, str, str, str], ...] = (
    (TableKey.INCOME_EXPENSE_SUMMARY, "公开01表", "收入支出决算总表",
     "注：本表反映部门本年度的总收支和年末结转结余情况。"),
    (TableKey.INCOME, "公开02表", "收入决算表", "注：本表反映部门本年度取得的各项收入情况。"),
    (TableKey.EXPENSE, "公开03表", "支出决算表", "注：本表反映部门本年度各项支出情况。"),
    (TableKey.FISCAL_SUMMARY, "公开04表", "财政拨款收入支出决算总表",
     "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"),
    (TableKey.GENERAL_BUDGET_EXPENSE, "公开05表", "一般公共预算财政拨款支出决算表",
     "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"),
    (TableKey.BASIC_EXPENSE, "公开06表", "一般公共预算财政拨款基本支出决算表",
     "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"),
    (TableKey.THREE_PUBLIC, "公开07表", "财政拨款“三公”经费支出决算表",
     "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。"),
    (TableKey.GOVERNMENT_FUND, "公开08表", "政府性基金预算财政拨款收入支出决算表",
     "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。"),
    (TableKey.STATE_CAPITAL, "公开09表", "国有资本经营预算财政拨款支出决算表",
     "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"),
)
EMPTY_NOTE = "本部门本年度无此项收支，本表为空表。"

SUMMARY_HEADINGS = {
    TableKey.INCOME_EXPENSE_SUMMARY: (("决算数",), ("决算数",)),
    TableKey.FISCAL_SUMMARY: (("决算数",), ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                                           "国有资本经营预算财政拨款")),
}
FUNCTION_HEADINGS: dict[TableKey, tuple[tuple[str, ...], ...]] = {
    TableKey.INCOME: (("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
                       "其他收入"),),
    TableKey.EXPENSE: (("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),),
    TableKey.GENERAL_BUDGET_EXPENSE: (("本年支出合计", "基本支出", "项目支出"),),
    TableKey.GOVERNMENT_FUND: (("年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
                               ("", "", "小计", "基本支出", "项目支出", "")),
    TableKey.STATE_CAPITAL: (("本年支出合计", "基本支出", "项目支出"),),
}
THREE_FIELDS = ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
THREE_HEADINGS = (("合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"),
                  ("", "", "小计", "公务用车购置费", "公务用车运行费", ""))
PERSONNEL = ("301", "303")   # 工资福利支出, 对个人和家庭的补助: 人员经费; the other classes are 公用经费


def amount(cell: Cell) -> Value:
    """A printed amount as a number where it is one; words and empty cells stay text."""
    number = cell.number
    return number if number is not None and not cell.is_percent else (cell.text or "")


def shown(value: Value) -> str:
    """How text and DOCX print a cell: amounts ``#,##0.00`` (more decimals where the model has them)."""
    return grid_shown(value)


def _pad(row: Sequence[Value], width: int) -> Row:
    return list(row) + [""] * (width - len(row))


def _headings(names: Sequence[str], width: int) -> list[str]:
    return (list(names) + [""] * width)[:width]


def _numbers(first: int, count: int) -> list[str]:
    """The 栏次 cells: ``1 … n``."""
    return [str(n) for n in range(first, first + count)]


# ---------------------------------------------------------------- 01, 04: two sides


def _side_width(lines: Sequence[SummaryLine]) -> int:
    return max((len(x.amounts) for x in lines), default=1) or 1


def _blocks(lines: Sequence[SummaryLine]) -> tuple[list[SummaryLine], list[SummaryLine], list[SummaryLine]]:
    """Items, the lines from 本年…合计 on, and the closing 总计 line: the parts the sides align by."""
    first_total = next((k for k, x in enumerate(lines) if "合计" in (x.name.text or "")), len(lines))
    items, rest = list(lines[:first_total]), list(lines[first_total:])
    final = rest[-1:] if rest and (rest[-1].name.text or "") in ("总计", "合计") else []
    return items, rest[:len(rest) - len(final)], final


def _side_cells(line: SummaryLine | None, width: int) -> Row:
    if line is None:
        return [""] * (width + 2)
    number = str(line.line) if line.line is not None else ""
    return _pad([line.name.text or "", number, *(amount(a) for a in line.amounts)], width + 2)


def summary_table(key: TableKey, table: SummaryTable) -> tuple[list[Row], list[Row]]:
    """Income on the left, expense on the right, items, totals and 总计 lined up."""
    wi, we = _side_width(table.income), _side_width(table.expense)
    heads_in, heads_ex = SUMMARY_HEADINGS[key]
    header: list[Row] = [
        _pad(["收入"], wi + 2) + _pad(["支出"], we + 2),
        ["项目", "行次", *_headings(heads_in, wi), "项目（按功能分类）", "行次", *_headings(heads_ex, we)],
        ["栏次", "", *_numbers(1, wi), "栏次", "", *_numbers(wi + 1, we)],
    ]
    body: list[Row] = []
    for left, right in zip(_blocks(table.income), _blocks(table.expense), strict=True):
        for k in range(max(len(left), len(right))):
            body.append(_side_cells(left[k] if k < len(left) else None, wi)
                        + _side_cells(right[k] if k < len(right) else None, we))
    return header, body


# ---------------------------------------------------------------- 02, 03, 05, 08, 09: by function


def function_table(key: TableKey, table: FunctionTable
                   ) -> tuple[list[Row], list[Row], frozenset[tuple[int, int]]]:
    """``科目编码 | 科目名称 | amounts…`` under the headings and the 栏次 row; a code or name the
    table does not print is filled from the rows of other tables that print both (``resolve``),
    and where it was filled is returned, so a page can say so."""
    width = max((len(r.amounts) for r in table.rows), default=len(FUNCTION_HEADINGS[key][0]))
    headings = FUNCTION_HEADINGS[key]
    if len(table.columns) == width and tuple(_headings(headings[0], width)) != table.columns and \
            len(headings) == 1:
        headings = (table.columns,)          # the document's own columns, where it prints others
    header: list[Row] = [["项目", "", *_headings(headings[0], width)],
                         ["科目编码", "科目名称", *_headings(headings[1] if len(headings) > 1 else (), width)],
                         ["栏次", "", *_numbers(1, width)]]
    body: list[Row] = []
    filled: set[tuple[int, int]] = set()
    for i, r in enumerate(table.rows):
        code, name = r.code.text or r.resolved_code or "", r.name.text or r.resolved_name or ""
        filled.update((i, j) for j, (printed, made) in enumerate(((r.code.text, code), (r.name.text, name)))
                      if made and not printed)
        body.append(_pad([code, name, *(amount(a) for a in r.amounts)], width + 2))
    return header, body, frozenset(filled)


# ---------------------------------------------------------------- 06: groups side by side


def _personnel(row: EconomicRow) -> bool:
    code, name = row.code.text or "", row.name.text or ""
    return code.startswith(PERSONNEL) if code else "人员" in name


def _class_blocks(rows: Sequence[EconomicRow]) -> list[list[EconomicRow]]:
    """Coded rows cut where a 类 (3-digit code) starts: a class never breaks across groups."""
    blocks: list[list[EconomicRow]] = []
    for r in rows:
        if not blocks or len(r.code.text or "") == 3:
            blocks.append([])
        blocks[-1].append(r)
    return blocks


def _split(rows: list[EconomicRow]) -> tuple[list[EconomicRow], list[EconomicRow]]:
    """公用经费 over two groups, whole classes in each, the two as even as they come."""
    blocks = _class_blocks(rows)
    if len(blocks) < 2:
        return rows, []
    best = min(range(1, len(blocks)), key=lambda k: abs(2 * sum(map(len, blocks[:k])) - len(rows)))
    return [r for b in blocks[:best] for r in b], [r for b in blocks[best:] for r in b]


def basic_table(rows: Sequence[EconomicRow]) -> tuple[list[Row], list[Row]]:
    """人员经费 in the first group, 公用经费 in the other two, each family's 合计 on the last row."""
    coded = [r for r in rows if r.code.text]
    totals = [r for r in rows if not r.code.text]
    people = [r for r in coded if _personnel(r)]
    public1, public2 = _split([r for r in coded if not _personnel(r)])
    header: list[Row] = [_pad(["人员经费"], 3) + _pad(["公用经费"], 6), _pad(["科目编码", "科目名称", "金额"] * 3, 9)]
    body: list[Row] = []
    for k in range(max(len(people), len(public1), len(public2))):
        row: Row = []
        for group in (people, public1, public2):
            r = group[k] if k < len(group) else None
            row += [r.code.text or "", r.name.text or "", amount(r.amount)] if r else ["", "", ""]
        body.append(row)
    people_total = next((r for r in totals if _personnel(r)), None)
    public_total = next((r for r in totals if not _personnel(r)), None)
    if people_total or public_total:
        last: Row = [""] * 9
        if people_total:
            last[0], last[2] = people_total.name.text or "", amount(people_total.amount)
        if public_total:
            last[3], last[8] = public_total.name.text or "", amount(public_total.amount)
        body.append(last)
    return header, body


# ---------------------------------------------------------------- 07: budget | actual


def three_public_table(fa: FinalAccounts) -> tuple[list[Row], list[Row]]:
    """预算数 on the left half, 决算数 on the right, one data row."""
    t = fa.three_public
    assert t is not None
    year = f"{fa.year}年度" if fa.year else ""
    header: list[Row] = [_pad([f"{year}预算数"], 6) + _pad([f"{year}决算数"], 6),
                         _pad(THREE_HEADINGS[0] * 2, 12), _pad(THREE_HEADINGS[1] * 2, 12), _pad(_numbers(1, 12), 12)]

    def half(side: ThreePublic) -> Row:
        return [amount(getattr(side, name)) for name in THREE_FIELDS]

    return header, [half(t.budget) + half(t.actual)]


# ---------------------------------------------------------------- all nine


def tables(fa: FinalAccounts) -> list[Table]:
    """The tables the model holds, in the order of their numbers; a table not held is left out.
    Codes and names are resolved across the tables first (an interchange JSON comes unresolved)."""
    fa = resolve_accounts(fa)
    out = []
    for key, number, title, note in TEMPLATES:
        header: list[Row]
        body: list[Row]
        filled: frozenset[tuple[int, int]] = frozenset()
        value = getattr(fa, key.value)
        if value is None:
            continue
        if key in SUMMARY_HEADINGS:
            header, body = summary_table(key, value)
        elif key is TableKey.BASIC_EXPENSE:
            header, body = basic_table(value)
        elif key is TableKey.THREE_PUBLIC:
            header, body = three_public_table(fa)
        else:
            header, body, filled = function_table(key, value)
        if not body:
            note += EMPTY_NOTE
        out.append(Table(key, number, title, header, body, note, filled))
    return out


def as_printed(fa: FinalAccounts) -> FinalAccounts:
    """The accounts as the rendered tables print them: each function row's missing code or name
    filled from the other tables (what reading a rendered table gives back)."""
    fa = resolve_accounts(fa)

    def filled(table: FunctionTable | None) -> FunctionTable | None:
        if table is None:
            return None
        rows = tuple(replace(
            r, code=r.code if r.code.text or not r.resolved_code else Cell.read(r.resolved_code, r.where),
            name=r.name if r.name.text or not r.resolved_name else Cell.read(r.resolved_name, r.where))
            for r in table.rows)
        return replace(table, rows=rows)

    changes: dict[str, Any] = {key: filled(getattr(fa, key)) for key in FUNCTION_KEYS}
    return replace(fa, **changes)


def cover(fa: FinalAccounts) -> list[str]:
    """The cover: department, then ``2024年度部门决算`` (what the reader takes the year from)."""
    year = f"{fa.year}年度" if fa.year else ""
    return [fa.department.text or "", f"{year}部门决算"]


def heads(fa: FinalAccounts, table: Table) -> list[str]:
    """The lines between a title and its grid; the unit each table was read in, where known."""
    unit = dict(fa.table_units).get(table.key.value, fa.amount_unit)
    return [table.number, f"公开部门：{fa.department.text or ''}", f"金额单位：{unit}"]


def part(fa: FinalAccounts, n: str, what: str) -> str:
    """A part heading (``第一部分 2024年度部门决算表``): it also ends the table above it."""
    year = f"{fa.year}年度" if fa.year else ""
    return f"第{n}部分 {year}部门决算{what}"


def narrative_heading(fa: FinalAccounts) -> str:
    return part(fa, "二", "情况说明")


# ---------------------------------------------------------------- formats


def to_text(fa: FinalAccounts, narrative: str | None = None) -> str:
    """Tab-separated text in seed 001's layout: title, number, unit, header rows, rows, note."""
    out = [*cover(fa), part(fa, "一", "表")]
    for table in tables(fa):
        out += [table.title, *heads(fa, table)]
        grid = [_pad(r, table.width) for r in table.header + table.body]
        out.append("\n".join("\t".join(shown(v) for v in r).rstrip("\t") for r in grid))
        out.append(table.note)
    if narrative:
        out += [narrative_heading(fa), narrative.strip()]
    return "\n\n".join(out) + "\n"


def layout(fa: FinalAccounts, table: Table) -> Printed:
    """A table as its template prints it: title and heading lines above, the heading block bold,
    merged as drawn and repeated on every page, amounts ``#,##0.00``, the note below."""
    rows = tuple(tuple(_pad(r, table.width)) for r in table.header + table.body)
    return Printed(name=table.number, above=(table.title, *heads(fa, table)), rows=rows,
                   header_rows=len(table.header), spans=header_spans(table.header), below=(table.note,))


def _lines(name: str, lines: Sequence[str], titles: int = 1) -> Printed:
    """A sheet of lines only (the cover, the 情况说明)."""
    return Printed(name=name, above=tuple(lines), rows=(), titles=titles)


def sheets(fa: FinalAccounts, narrative: str | None = None) -> list[Printed]:
    """The worksheets: a cover, one per table (amounts as numbers with their format, ruled,
    headings merged and repeated on each page), then the 情况说明."""
    out = [_lines("封面", cover(fa)), *(layout(fa, table) for table in tables(fa))]
    if narrative:
        paragraphs = [p.strip() for p in narrative.strip().split("\n") if p.strip()]
        out.append(_lines("情况说明", [narrative_heading(fa), *paragraphs]))
    return out


def to_xlsx(fa: FinalAccounts, narrative: str | None = None) -> bytes:
    """One workbook of ``sheets``, each A4 landscape, fitted to the page width."""
    return grid_to_xlsx(sheets(fa, narrative))


def write_docx(doc: Any, fa: FinalAccounts, narrative: str | None = None) -> None:
    """Cover, then per table its title lines and a ruled table whose columns are sized to what
    they print and fit the page (A4 landscape), then the 情况说明."""
    from docx.enum.section import WD_SECTION

    if len(doc.paragraphs) or len(doc.tables):
        doc.add_section(WD_SECTION.NEW_PAGE)
    page(doc, landscape=True)
    name, year = cover(fa)
    doc.add_heading(name, level=0)
    doc.add_paragraph(year)
    doc.add_heading(part(fa, "一", "表"), level=1)
    for table in tables(fa):
        doc.add_heading(table.title, level=2)
        for line in heads(fa, table):
            doc.add_paragraph(line)
        add_table(doc, layout(fa, table))
        add_note(doc, table.note)
    if narrative:
        doc.add_heading(narrative_heading(fa), level=1)
        for paragraph in narrative.strip().split("\n"):
            if paragraph.strip():
                doc.add_paragraph(paragraph.strip())


def to_docx(fa: FinalAccounts, narrative: str | None = None) -> bytes:
    """A Word document of the accounts (``write_docx``)."""
    from docx import Document

    doc = Document()
    write_docx(doc, fa, narrative)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
