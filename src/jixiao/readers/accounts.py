"""Reader 'accounts': 部门决算 — the nine public tables and the 情况说明 facts.

One ``FinalAccounts`` per document, merging whatever tables are printed (a table
not printed stays ``None``, a printed but empty one is empty) with the figures of
the narrative. Each table family has its own small module; this one finds the
tables, the department, the year and the unit, and turns every failure into a
reading finding (R1xx) instead of an exception.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import Any

from jixiao.model.accounts import (
    FinalAccounts,
    NarrativeFact,
    SummaryTable,
    TableKey,
    ThreePublic,
    ThreePublicTable,
)
from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where
from jixiao.model.values import RUBY, Cell, squeeze
from jixiao.readers.accounts_economic import read_basic, read_three
from jixiao.readers.accounts_function import read_function
from jixiao.readers.accounts_layout import Region, find_tables
from jixiao.readers.accounts_narrative import read_narrative
from jixiao.readers.accounts_stream import (
    StreamSummary,
    precise_summary,
    read_summary_stream,
    read_three_stream,
)
from jixiao.readers.accounts_summary import read_summary
from jixiao.readers.accounts_three import read_three_across
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.registry import register
from jixiao.readers.unit_names import named_unit, named_unit_in, unit_above
from jixiao.resolve.accounts import resolve_accounts
from jixiao.sources.sheet import Line, Sheet
from jixiao.vocabulary import simplified

TITLES_ZH = {
    TableKey.INCOME_EXPENSE_SUMMARY: "收入支出决算总表",
    TableKey.INCOME: "收入决算表",
    TableKey.EXPENSE: "支出决算表",
    TableKey.FISCAL_SUMMARY: "财政拨款收入支出决算总表",
    TableKey.GENERAL_BUDGET_EXPENSE: "一般公共预算财政拨款支出决算表",
    TableKey.BASIC_EXPENSE: "一般公共预算财政拨款基本支出决算表",
    TableKey.THREE_PUBLIC: "财政拨款“三公”经费支出决算表",
    TableKey.GOVERNMENT_FUND: "政府性基金预算财政拨款收入支出决算表",
    TableKey.STATE_CAPITAL: "国有资本经营预算财政拨款支出决算表",
}
READERS: dict[TableKey, Callable[[Sheet, Region], Any]] = {
    TableKey.INCOME_EXPENSE_SUMMARY: read_summary,
    TableKey.FISCAL_SUMMARY: read_summary,
    TableKey.INCOME: read_function,
    TableKey.EXPENSE: read_function,
    TableKey.GENERAL_BUDGET_EXPENSE: read_function,
    TableKey.GOVERNMENT_FUND: read_function,
    TableKey.STATE_CAPITAL: read_function,
    TableKey.BASIC_EXPENSE: read_basic,
    TableKey.THREE_PUBLIC: read_three,
}
_DEPARTMENT = re.compile(r"^(?:公开部门|部门名称|单位名称|编制单位|公开单位)[：:]\s*(\S.*)$")
_DEPARTMENT_CELL = re.compile(r"^部门[：:]\s*([^(（\s][^\s]*)$")   # a cell 部门：…, not a line of the page
_DEPARTMENT_LINE = re.compile(r"^部门[：:]\s*([^(（\s]\S*)\s+(?:金额)?单位[：:]")  # 部门：… 金额单位：万元
_TITLE = re.compile(r"^(?:\d{4}\s*年度?)?\s*(.*?)\s*(?:\d{4}\s*年度?)?\s*部门决算$")
_YEAR = re.compile(r"(20\d\d)\s*年度")
# The title of a 情况说明 alone (…“三公”经费决算情况说明, …决算公开): its unit may stand above it.
_NOTE_TITLE = re.compile(r"决算(?:汇总)?(?:情况)?(?:说明)?$|决算公开$")
_NARRATIVE = re.compile(r"决算情况说明|部门决算|决算|三公")


class AccountsReader:
    name = "accounts"
    title = "部门决算"

    def identify(self, sheet: Sheet) -> float:
        """Sure when a table or a 情况说明 section is printed; unsure on a mere mention."""
        sheet = matching_view(sheet)
        if not _NARRATIVE.search(sheet.text):
            return 0.0
        found = find_tables(sheet) or read_narrative(sheet).facts or read_summary_stream(sheet) \
            or read_three_stream(sheet) or read_three_across(sheet, _year(sheet))
        return 0.9 if found else 0.1

    def read(self, printed: Sheet) -> ReadResult:
        sheet = matching_view(printed)
        regions = find_tables(sheet)
        unit = next((r.unit for r in regions if r.unit), None)
        narrative = read_narrative(sheet, unit)
        summary = _summary_from_stream(sheet, regions)
        three = read_three_stream(sheet) or read_three_across(sheet, _year(sheet))
        if not regions and not narrative.facts and summary is None and three is None:
            return ReadResult()
        tables, spans, findings = _tables(sheet, regions)
        if summary is not None:           # printed without rows: read from the cell stream
            tables[TableKey.INCOME_EXPENSE_SUMMARY.value] = summary.table
            spans.append(Span(summary.first, summary.last, "部门决算 income_expense_summary"))
            unit = unit or summary.unit
            findings = [f for f in findings if not (f.code == "R101" and f.table is None)]
        if _unread(tables.get(TableKey.THREE_PUBLIC.value)) and three is not None:
            tables[TableKey.THREE_PUBLIC.value] = three.table    # printed a row an item
            spans.append(Span(three.first, three.last, "部门决算 three_public"))
        if narrative.first is not None and narrative.last is not None:
            spans.append(Span(narrative.first, narrative.last, "部门决算 情况说明"))
        first = min([r.first for r in regions] + ([narrative.first] if narrative.first else [])
                    + ([summary.first] if summary else []) + ([three.first] if three else []))
        facts_unit = Counter(f.unit for f in narrative.facts if f.unit).most_common(1)   # rates have none
        accounts = FinalAccounts(
            year=_year(sheet),
            department=as_printed(printed, _department(sheet, regions, summary)),
            amount_unit=unit or (facts_unit[0][0] if facts_unit else "元"),
            narrative_facts=narrative.facts,
            table_units=tuple((r.key.value, r.unit) for r in regions if r.unit and r.key.value in tables),
            where=Where(file=sheet.file, line=first),
            **tables,
        )
        if sheet is not printed:           # traditional characters: every text as printed
            accounts = _printed_words(printed, _as_printed_all(printed, accounts))
        return ReadResult(items=(resolve_accounts(accounts),), spans=tuple(spans), findings=tuple(findings))


def _unread(table: ThreePublicTable | None) -> bool:
    """No 三公 table, or one whose region gave no value (a header the rows reader could not
    follow): the cell stream's reading stands in for it."""
    return table is None or all(getattr(side, name).text is None for side in (table.budget, table.actual)
                                for name in ThreePublic.__slots__)


def matching_view(sheet: Sheet) -> Sheet:
    """The sheet in simplified characters without ruby pinyin, for the accounts patterns
    (决算, 万元 …); the sheet itself where it is printed so already."""
    lines = tuple(Line(number=x.number, text=_year_dash(simplified(x.text)),
                       cells=tuple(_year_dash(simplified(c)) for c in x.cells), page=x.page) for x in sheet.lines)
    if all(a.text == b.text for a, b in zip(lines, sheet.lines, strict=True)):
        return sheet
    return replace(sheet, lines=lines)


# 年 printed as a dash by a mirror site's substitution (2015-“三公”经费, 2015-度, 本-预算数):
# a dash after a year or 本 and before a word, never between numbers (2016-06-10, 2015-2016).
_YEAR_DASH = re.compile(r"(?:(?<=20\d\d)|(?<=本))-(?=[“\"\u4e00-\u9fff])")


def _year_dash(text: str) -> str:
    """The text with 年 back where a dash stands for it (same length: positions still match)."""
    return _YEAR_DASH.sub("年", text)


def as_printed(sheet: Sheet, value: Cell) -> Cell:
    """A value read from the matching view, in the characters its line prints."""
    return _printed_cell({x.number: x for x in sheet.lines}, value)


def _as_printed_all(sheet: Sheet, value: Any) -> Any:
    """Every text cell of a reading (rows, names, facts) in the characters printed."""
    lines = {x.number: x for x in sheet.lines}

    def walk(v: Any) -> Any:
        if isinstance(v, Cell):
            return _printed_cell(lines, v) if v.text and not _NUMERIC.match(v.text) else v
        if isinstance(v, tuple):
            return tuple(walk(x) for x in v)
        if is_dataclass(v) and not isinstance(v, type):
            changes = {f.name: walk(getattr(v, f.name)) for f in fields(v)}
            return replace(v, **{k: x for k, x in changes.items() if x is not getattr(v, k)})
        return v

    return walk(value)


_NUMERIC = re.compile(r"^[\d.,%\-\s]+$")
_Pair = tuple[str, str]      # a line as the readers matched it, and as printed (ruby dropped)


def _printed_words(sheet: Sheet, accounts: FinalAccounts) -> FinalAccounts:
    """The words a reader wrote as plain strings (the amount unit, each fact's section,
    subject, unit and sentence) in the characters printed: 萬元 stays 萬元. Checks compare
    them by a simplified key."""
    by_line = {x.number: (view, original) for x in sheet.lines
               if len(view := _year_dash(simplified(x.text))) == len(original := RUBY.sub("", x.text))}
    pairs = list(by_line.values())

    def fact(f: NarrativeFact) -> NarrativeFact:
        own = by_line.get(f.where.line) if f.where.line is not None else None
        return replace(f, section=_printed_text(pairs, None, f.section), unit=_printed_text(pairs, own, f.unit),
                       subject=_printed_text(pairs, own, f.subject), sentence=_printed_text(pairs, own, f.sentence))

    return replace(accounts, amount_unit=_printed_text(pairs, None, accounts.amount_unit),
                   table_units=tuple((k, _printed_text(pairs, None, u)) for k, u in accounts.table_units),
                   narrative_facts=tuple(fact(f) for f in accounts.narrative_facts))


def _printed_text(pairs: list[_Pair], own: _Pair | None, text: str) -> str:
    """A text as the first line that prints it (its own line first); where the reader
    composed it (…（完成预算）), each piece its own line prints, the rest as written."""
    if not text:
        return text
    for view, original in [*([own] if own else []), *pairs]:
        if (at := view.find(text)) >= 0:
            return original[at:at + len(text)]
    return _piecewise(own, text) if own else text


def _piecewise(own: _Pair, text: str) -> str:
    """Each longest piece of ``text`` its line prints, in that line's characters."""
    view, original = own
    out: list[str] = []
    pos = 0
    while pos < len(text):
        size = 0
        while pos + size < len(text) and text[pos:pos + size + 1] in view:
            size += 1
        if size == 0:
            out.append(text[pos])
            pos += 1
            continue
        at = view.find(text[pos:pos + size])
        out.append(original[at:at + size])
        pos += size
    return "".join(out)


def _printed_cell(lines: dict[int, Line], value: Cell) -> Cell:
    line = lines.get(value.where.line) if value.where.line is not None else None
    if value.text is None or not value.raw or line is None:
        return value
    original = RUBY.sub("", line.text)
    view = _year_dash(simplified(line.text))
    at = view.find(value.raw)
    if at < 0 or len(view) != len(original):
        return value
    return Cell.read(original[at:at + len(value.raw)], value.where)


def _tables(sheet: Sheet, regions: list[Region]) -> tuple[dict[str, Any], list[Span], list[Finding]]:
    """Each table read by its family's reader; what is missing, cut or unreadable is a finding."""
    tables: dict[str, Any] = {}
    spans: list[Span] = []
    findings: list[Finding] = []
    seen: set[TableKey] = set()
    for region in regions:
        name = TITLES_ZH[region.key]
        if region.key in seen:
            findings.append(_finding(sheet, "R103", region.first, region.key,
                                     f"{name}重复出现，只读取第一次出现的表"))
            continue
        seen.add(region.key)
        spans.append(Span(region.first, region.last, f"部门决算 {region.key.value}"))
        try:
            table = READERS[region.key](sheet, region)
            if isinstance(table, SummaryTable):
                table = precise_summary(table)
            tables[region.key.value] = table
        except Exception as exc:   # a malformed table must not lose the document
            findings.append(_finding(sheet, "R104", region.first, region.key,
                                     f"{name}无法读取（{type(exc).__name__}），已跳过"))
            continue
        if not region.closed:
            findings.append(_finding(sheet, "R102", region.last, region.key,
                                     f"{name}在文件末尾被截断，可能不完整"))
    if not regions:
        findings.append(_finding(sheet, "R101", 1, None, "本文件未列示部门决算公开表，只读取情况说明"))
    for key in TableKey:
        if regions and key not in seen:
            findings.append(_finding(sheet, "R101", regions[0].first, key, f"未找到公开表：{TITLES_ZH[key]}"))
    return tables, spans, findings


def _finding(sheet: Sheet, code: str, line: int, key: TableKey | None, message: str) -> Finding:
    """A reading finding (R1xx, warning): R101 table missing, R102 table cut off at the end
    of the file, R103 table printed twice, R104 table that could not be read."""
    return Finding(code=code, severity=Severity.WARNING, message=message,
                   where=Where(file=sheet.file, line=line), document_kind="final_accounts",
                   table=key.value if key else None)


_YEAR_OPENING = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
# (not a comparison: 与2014年决算数持平, 较上年决算 name another year's accounts)
_YEAR_OF_ACCOUNTS = re.compile(r"(?<![与较比同])(20\d\d)\s*年度?\s*(?:部门|单位)?\s*决算")


def _year(sheet: Sheet) -> int | None:
    """The year of the cover (``2024 年度``), else the first ``20xx年度`` anywhere, else
    the year of a ``2022年决算`` heading."""
    for line in sheet.lines[:40]:
        if m := _own_year(line.text):
            return int(m.group(1))
    m = _own_year(sheet.text) or _YEAR_OF_ACCOUNTS.search(sheet.text)
    if m is None:                       # 2022年凉山州州本级部门…: the year a notice opens with
        m = next((x for line in sheet.lines[:40] if (x := _YEAR_OPENING.search(line.text))), None)
    return int(m.group(1)) if m else None


_COMPARED_WITH = re.compile(r"(?:较|比|与|同比|相比)\s*$")


def _own_year(text: str) -> re.Match[str] | None:
    """The first ``20xx年度`` that is not a year compared with (较 2022 年度决算数增加…)."""
    return next((m for m in _YEAR.finditer(text) if not _COMPARED_WITH.search(text[max(0, m.start() - 3):m.start()])),
                None)


def _summary_from_stream(sheet: Sheet, regions: list[Region]) -> StreamSummary | None:
    """The 01 table from the cell stream where no region of rows printed it readably."""
    printed = next((r for r in regions if r.key is TableKey.INCOME_EXPENSE_SUMMARY), None)
    if printed is not None:
        try:
            table = READERS[printed.key](sheet, printed)
        except Exception:             # noqa: BLE001 - _tables reports it as R104
            table = None
        if table is not None and (table.income or table.expense):
            return None
    return read_summary_stream(sheet)


def _department(sheet: Sheet, regions: list[Region], summary: StreamSummary | None = None) -> Cell:
    found = _department_found(sheet, regions, summary)
    return Cell.read(_bare_name(found.text), found.where) if found.text else found


def _department_found(sheet: Sheet, regions: list[Region], summary: StreamSummary | None = None) -> Cell:
    """公开部门 of the tables; else the cover's name, completed from the text (市… → 怀化市…)."""
    for region in regions:
        for line in region.lines:
            if m := _DEPARTMENT.match(squeeze(line.text)) or _DEPARTMENT_LINE.match(line.text.strip()):
                return Cell.read(m.group(1), sheet.where(line))
            for cell in line.cells if len(line.cells) > 1 else ():   # 部门：… | 金额单位：万元
                if m := _DEPARTMENT.match(squeeze(cell)) or _DEPARTMENT_CELL.match(squeeze(cell)):
                    return Cell.read(m.group(1), sheet.where(line))
    lines = [line for line in sheet.lines[:40] if line.text.strip()]
    for k, line in enumerate(lines):
        m = _TITLE.match(line.text.strip())
        if m is None:
            if _NOTE_TITLE.search(squeeze(line.text)) and (above := unit_above(sheet, lines, k)) is not None:
                return above
            continue
        name = m.group(1).strip()
        if not name and k > 0 and not _YEAR.search(lines[k - 1].text):
            name = lines[k - 1].text.strip()
        elif not name and k > 0:                 # 某局机关2023年度 | 部门决算: the title broken after its year
            above = named_unit_in(lines[k - 1].text + line.text, sheet.where(lines[k - 1]))
            name = above.text or ""
        if name:
            return Cell.read(_complete(sheet.text, name), sheet.where(line))
    if summary is not None and summary.department.text:
        return summary.department
    return named_unit(sheet, sheet.lines[:60])


_NAME_LEAD = re.compile(r"^(?:关于|现将|经)")
_NAME_TAIL = re.compile(r"(?<=[\u4e00-\u9fff]{4})(?:部门|单位)$")


def _bare_name(name: str) -> str:
    """The unit's name without the words of the sentence around it (关于…, 现将…, …部门)."""
    return _NAME_TAIL.sub("", _NAME_LEAD.sub("", name))


def _complete(text: str, name: str) -> str:
    """A name printed without its place (市就业服务中心): the form most often printed in full."""
    if not name.startswith(("市", "县", "区", "州", "省")):
        return name
    found = Counter(re.findall(rf"([\u4e00-\u9fff]{{2}}){re.escape(name)}", text))
    best = found.most_common(1)
    return best[0][0] + name if best and best[0][1] >= 2 else name


READER = register(AccountsReader())
