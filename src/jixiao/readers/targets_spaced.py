"""Reader 'targets_spaced': 项目支出绩效目标表 printed as lines of text.

The layout of PDF text extraction from a ruled table: every row on its own line, cells one
space apart, long cells wrapped over lines, labels broken over lines. The same table
with tab- or ``|``-separated cells reads the same way, the separator splitting cells.

A table runs from its title (``…绩效目标表``) to the next one. Its upper part is a
form of known labels (项目名称, 主管部门, 项目总额, 其中：财政拨款 …) each followed by
its value; the lower part, after the ``三级指标`` header, is the indicator tree
(see ``targets_rows``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from jixiao.model.targets import PerformanceTarget, TargetFunds
from jixiao.model.values import EMPTY, Cell, normalize_text, squeeze
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.registry import register
from jixiao.readers.targets_rows import read_indicators
from jixiao.readers.targets_values import ticked
from jixiao.sources.sheet import Line, Sheet

_TITLE = re.compile(r"绩效目标.{0,4}表")
_OTHER_TITLE = re.compile(r"(自评|决算|评价).{0,6}表")
_HEADER = "三级指标"
_YEAR = re.compile(r"(20\d{2})\s*年")
_UNIT = re.compile(r"单位[:：]\s*(万元|元|千元|亿元)")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
# Lines printed above or below a table (never inside its indicator rows) end it.
_OUTSIDE = re.compile(r"^([（(]\d{4}年度?[）)]$|(金额|填报|编制)?单位[:：]|注[:：]|备注|填[表报]说明|附件"
                      r"|[^\d，,。；;]{0,12}(审核|初审|审批|审查)意见)")     # 财政部门审核意见 (盖章): the reviewers' boxes
# Lines to skip anywhere: markdown rules (``|---|---|``) and page numbers (``- 3 -``, ``第3页``).
_NOISE = re.compile(r"^([|:：\-—]+|[-—–]\d{1,3}[-—–]|第\d+页(共\d+页)?)$")

# Form labels of the upper part: field, printed label. A label may be broken by wrapping
# anywhere, so it is matched with optional whitespace between its characters.
_LABELS = (
    ("project", "项目名称"), ("department", "主管部门"), ("department", "主管单位"),
    ("unit", "实施单位"), ("attribute", "项目属性"), ("period_years", "项目期限"),
    ("period_years", "项目周期"), ("period_years", "项目期"), ("project_total", "项目资金总额"),
    ("project_total", "项目总额"), ("annual_total", "年度资金总额"), ("fiscal", "当年财政拨款"),
    ("fiscal", "财政拨款"), ("central", "中央补助资金"), ("central", "中央资金"),
    ("other", "其他资金"), ("carryover", "结余结转资金"), ("carryover", "结转结余资金"),
    ("carryover", "上年结转资金"), ("regional", "自治区资金"), ("regional", "省级资金"),
    ("regional", "市级资金"), ("regional", "县级资金"),
    ("goal", "年度总体绩效目标"), ("goal", "年度绩效目标"), ("goal", "总体绩效目标"),
    ("goal", "年度总体目标"), ("goal", "年度目标"),
    ("", "转移市县（区）资金"), ("", "本级资金"), ("", "资金总额"), ("", "其中"),
    ("stop", "一级指标"),
)
_GAP = r"\s*"
_LABEL_RE = re.compile("|".join(
    f"(?P<L{i}>{_GAP.join(map(re.escape, label))})"
    for i, (_, label) in sorted(enumerate(_LABELS), key=lambda x: -len(x[1][1]))))
_MONEY_FIELDS = ("project_total", "annual_total", "fiscal", "central", "other", "carryover", "regional")


@dataclass(frozen=True, slots=True)
class _Block:
    """Line indexes of one table: its title, its first line, first form line, the header, end."""

    title: int
    first: int       # the title, or the form where an earlier table took the title
    form: int
    header: int
    end: int


def _compact(line: Line) -> str:
    return squeeze(line.text)


def _is_title(line: Line) -> bool:
    text = _compact(line)
    return bool(_TITLE.search(text)) and "自评" not in text and len(text) <= 60


def _ends_table(line: Line) -> bool:
    """A line that cannot belong to a target table: another table's title."""
    text = _compact(line)
    return _is_title(line) or (bool(_OTHER_TITLE.search(text)) and len(text) <= 60)


def _noise(line: Line) -> bool:
    return bool(_NOISE.match(_compact(line)))


def _starts_form(line: Line) -> bool:
    return _compact(line).lstrip("|#").startswith("项目名称")


def find_blocks(sheet: Sheet) -> list[_Block]:
    """Every target table: 项目名称 under a target-table title, then the indicator header.

    One title may head several tables (an appendix title printed once), so each
    项目名称 starts a table; a table ends at the next one or at another title.
    """
    lines = sheet.lines
    forms: list[tuple[int, int]] = []
    title: int | None = None
    for i, line in enumerate(lines):
        if _is_title(line):
            title = i
        elif _ends_table(line):
            title = None
        elif title is not None and _starts_form(line):
            forms.append((title, i))
    blocks: list[_Block] = []
    for title_at, form in forms:
        header = next((i for i in range(form + 1, len(lines))
                       if _HEADER in _compact(lines[i]) or _starts_form(lines[i]) or _ends_table(lines[i])),
                      None)
        if header is None or _HEADER not in _compact(lines[header]):
            continue
        end = next((i for i in range(header + 1, len(lines))
                    if _ends_table(lines[i]) or _starts_form(lines[i]) or _OUTSIDE.match(_compact(lines[i]))),
                   len(lines))
        first = form if any(b.title == title_at for b in blocks) else title_at
        blocks.append(_Block(title_at, first, form, header, end))
    return blocks


def _separator(text: str) -> str | None:
    """The cell separator a line uses: tab, ``|``, or none (cells one space apart)."""
    if "\t" in text.strip():
        return "\t"
    if text.count("|") >= 2:
        return "|"
    return None


def _units(line: Line) -> tuple[list[str], bool]:
    """A line's cells where a separator marks them, else its space-separated tokens."""
    sep = _separator(line.text)
    if sep is None:
        return line.text.split(), False
    cells = line.text.strip().strip("|").split(sep) if sep == "|" else list(line.cells)
    return [c.strip() for c in cells], True


def _dedupe(cells: list[str]) -> list[str]:
    """A merged cell repeated in each cell it spans (DOCX, XLSX) is printed once."""
    return [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]


def _form_text(line: Line) -> str:
    """A form line as text: as printed, or its cells one space apart where a separator marks them."""
    units, explicit = _units(line)
    return " ".join(_dedupe(units)) if explicit else line.text


class _Form:
    """The upper part of a table as one text, labels found in it, values between them."""

    def __init__(self, sheet: Sheet, lines: list[Line]) -> None:
        self.sheet = sheet
        self.lines = [ln for ln in lines if not _noise(ln)]
        texts = [_form_text(ln) for ln in self.lines]
        self.starts = []
        offset = 0
        for t in texts:
            self.starts.append(offset)
            offset += len(t) + 1
        self.text = "\n".join(texts)

    def fields(self) -> dict[str, Cell]:
        """The first value printed after each label; the goal runs to the indicator header."""
        matches = list(_LABEL_RE.finditer(self.text))
        out: dict[str, Cell] = {}
        for k, m in enumerate(matches):
            key = _field(m)
            if key == "goal":
                stop = next((x.start() for x in matches[k + 1:] if _field(x) == "stop"), len(self.text))
                out.setdefault("goal", self._cell(m.end(), stop))
                break
            end = matches[k + 1].start() if k + 1 < len(matches) else len(self.text)
            if key and key != "stop" and key not in out:
                out[key] = self._cell(m.end(), end)
        return out

    def _cell(self, start: int, end: int) -> Cell:
        raw = self.text[start:end]
        stripped = raw.lstrip(" \n：:")
        at = start + len(raw) - len(stripped)
        line = self.lines[max(0, bisect.bisect_right(self.starts, at) - 1)]
        return Cell.read(stripped.strip(), self.sheet.where(line))


def _field(m: re.Match[str]) -> str:
    return _LABELS[int(m.lastgroup[1:])][0] if m.lastgroup else ""


def _number_cell(cell: Cell, anywhere: bool = False) -> Cell:
    """The number a value prints (``385.4``, ``5`` of ``5 年``); words are kept as words."""
    if cell.text is None:
        return cell
    m = (_NUMBER.search if anywhere else _NUMBER.match)(cell.text)
    if m is None:
        return cell
    return Cell(text=m.group(0), raw=cell.raw, where=cell.where)


def _year(sheet: Sheet, block: _Block) -> int | None:
    """The year the title prints (``2024 年…目标表``, ``（2024 年度）``)."""
    for line in sheet.lines[block.title:min(block.title + 3, block.form)]:
        m = _YEAR.search(line.text)
        if m:
            return int(m.group(1))
    return None


def _amount_unit(sheet: Sheet, block: _Block) -> str:
    """``单位：万元`` printed above the form; 万元 where none is."""
    for line in sheet.lines[block.first:block.form]:
        m = _UNIT.search(_compact(line))
        if m:
            return m.group(1)
    return "万元"


def read_block(sheet: Sheet, block: _Block) -> PerformanceTarget:
    """One target table."""
    lines = sheet.lines
    values = _Form(sheet, list(lines[block.form:block.header])).fields()
    money = {k: _number_cell(values.get(k, EMPTY)) for k in _MONEY_FIELDS}
    indicator_lines = []
    for line in lines[block.header + 1:block.end]:
        if line.blank or _noise(line):
            continue
        units, explicit = _units(line)
        indicator_lines.append((line, units, explicit))
    seps = {_separator(ln.text) for ln, _, _ in indicator_lines}
    layout = "tabbed" if "\t" in seps else "piped" if "|" in seps else "spaced"
    return PerformanceTarget(
        seq=0, year=_year(sheet, block),
        project=values.get("project", EMPTY), department=values.get("department", EMPTY),
        unit=values.get("unit", EMPTY), attribute=ticked(values.get("attribute", EMPTY)),
        period_years=_number_cell(values.get("period_years", EMPTY), anywhere=True),
        project_total=money["project_total"], annual_total=money["annual_total"],
        funds=TargetFunds(**{k: money[k] for k in ("fiscal", "central", "other", "carryover", "regional")}),
        goal=values.get("goal", EMPTY),
        indicators=tuple(read_indicators(sheet, indicator_lines)),
        amount_unit=_amount_unit(sheet, block),
        where=sheet.where(lines[block.first]), layout=layout,
    )


def _spaced(sheet: Sheet, block: _Block) -> bool:
    """Most of the block's printed lines are text, not rows of cells."""
    printed = [x for x in sheet.lines[block.first:block.end] if not x.blank]
    def cells(x: Line) -> bool:
        return len(x.cells) >= 2 or " | " in x.text or x.text.rstrip().endswith("|")

    return sum(not cells(x) for x in printed) * 2 > len(printed)


class _Reader:
    name = "targets_spaced"
    title = "项目支出绩效目标表（文本行）"

    def identify(self, sheet: Sheet) -> float:
        """Sure when a titled table with 项目名称 and an indicator header is printed as
        lines of space-separated text; tables of real cells (tabs, bars, office files)
        are the form engine's (``targets_form``)."""
        return 0.9 if any(_spaced(sheet, b) for b in find_blocks(sheet)) else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        items, spans = [], []
        for block in (b for b in find_blocks(sheet) if _spaced(sheet, b)):
            target = read_block(sheet, block)
            items.append(target)
            last = max((i for i in range(block.first, block.end) if not sheet.lines[i].blank),
                       default=block.first)
            spans.append(Span(sheet.lines[block.first].number, sheet.lines[last].number,
                              normalize_text(target.project.text) or "绩效目标表"))
        return ReadResult(items=tuple(items), spans=tuple(spans))


READER = register(_Reader())
