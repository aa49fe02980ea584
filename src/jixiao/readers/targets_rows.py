"""The indicator part of a target table: level labels, then ``三级指标 绩效值`` rows.

Rows come one per line, but a long cell wraps over several lines and the level labels
are broken over lines (``1-产`` ``出指`` ``标``). Lines are first read into fragments
(a label part, then a name/value pair, a lone value, or plain text); fragments are then
grouped into rows and each row decides which of its text is the name and which the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jixiao.model.selfeval import LEVEL1, LEVEL2
from jixiao.model.targets import TargetIndicator
from jixiao.model.values import Cell, squeeze
from jixiao.readers.targets_values import is_strong_value, is_value, split_name_value
from jixiao.resolve.levels import level2_of
from jixiao.sources.sheet import Line, Sheet

_L1_CODE = re.compile(r"^\d[-－.、]")
_L2_CODE = re.compile(r"^\d{2,}[-－.、]")
# The level 1 a level 2 belongs to, for tables that print no level-1 label before it.
_FAMILY = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
           "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
           "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标"}
_FRAME = frozenset({"绩效指标", "绩效目标"})
_PLACEHOLDER_NAME = re.compile(r"^(0|无|／|……|指标\s*\d*\s*[:：]?)$")
# A value cut by wrapping ends in the middle of a clause.
_OPEN_END = tuple("，,、；;：:（(—-/")
_CLOSE_START = tuple("）)，,、。；;%％")


@dataclass(frozen=True, slots=True)
class Fragment:
    """What one line adds to a row. ``kind``: pair, value, text, or cont (surely a continuation)."""

    text: str
    line: Line
    kind: str
    on_label: bool = False
    head: str = ""
    tail: str = ""


def fragment(text: str, line: Line, on_label: bool, cells: list[str] | None = None) -> Fragment:
    """Classify the text of a line left after its labels; explicit cells split themselves."""
    if cells is not None and len(cells) >= 2:
        return Fragment(text, line, "pair", on_label, " ".join(cells[:-1]), cells[-1])
    if is_value(text):
        return Fragment(text, line, "value", on_label)
    split = split_name_value(text)
    if split is None:
        return Fragment(text, line, "text", on_label)
    head, tail = split
    # A one-character head is the end of a wrapped cell (``…，课`` / ``酬 4000 元/天``), not a name.
    kind = "cont" if len(squeeze(head)) <= 1 else "pair"
    return Fragment(text, line, kind, on_label, head, tail)


def _level1_piece(text: str, whole_line: bool) -> tuple[str | None, bool]:
    """(full level-1 name, could-be-a-piece) for ``1-产出指标``, ``1-``, ``1-产``, ``产出``."""
    code = _L1_CODE.match(text)
    rest = text[code.end():] if code else text
    for full in LEVEL1:
        if rest == full:
            return full, True
    if code or (whole_line and len(rest) >= 2):
        return None, any(full.startswith(rest) for full in LEVEL1)
    return None, False


def _level2(text: str) -> str | None:
    """A level-2 label: coded (``21-经济效益``) or printed in full (``数量指标``)."""
    if _L2_CODE.match(text) or text in LEVEL2:
        return level2_of(text)
    return None


@dataclass
class _Row:
    level1: str | None
    level2: str | None
    parts: list[Fragment] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return any(p.kind in ("pair", "value") for p in self.parts)


@dataclass
class IndicatorReader:
    """Feeds lines in order; ``indicators`` holds the rows read so far."""

    sheet: Sheet
    level1: str | None = None
    level2: str | None = None
    pending_l1: str | None = None          # a level-1 label being assembled across lines
    row: _Row | None = None
    indicators: list[TargetIndicator] = field(default_factory=list)

    def feed(self, line: Line, units: list[str], explicit: bool) -> None:
        """One line, as tokens (spaced layout) or cells (tab / ``|`` layout)."""
        taken, labelled = self._take_labels(units, whole_line=len(units) == 1)
        rest = [u.strip() for u in units[taken:] if u.strip()]
        if not rest:
            return
        part = fragment(" ".join(rest), line, labelled, rest if explicit else None)
        if explicit and part.kind == "pair":   # cells mark a whole row: nothing wraps into it
            self.flush()
            self._add(part)
            self.flush()
        else:
            self._add(part)

    def _take_labels(self, units: list[str], whole_line: bool) -> tuple[int, bool]:
        """Consume the level labels a line starts with; returns (units taken, any label)."""
        taken, labelled = 0, False
        for unit in units:
            token = squeeze(unit)
            if not token:
                taken += 1
                continue
            kind = self._label(token, whole_line)
            if not kind:
                break
            taken += 1
            if kind == "frame":
                continue
            labelled = True
            if kind == "level2":   # the name follows a level-2 label
                break
        return taken, labelled

    def _label(self, token: str, whole_line: bool) -> str:
        """Apply one token if it is (a piece of) a level label: 'level1', 'level2' or ''.

        'frame' is the merged 绩效指标 cell some tables print left of the levels.
        """
        if token in _FRAME:
            return "frame"
        if token == "成本指标" and self.level1 == "产出指标":   # bare 成本指标 under 产出 is level 2
            return self._set_level2(token)
        if self.pending_l1 is not None:
            full, piece = _level1_piece(self.pending_l1 + token, True)
            if full or piece:
                self.flush()
                self._level1_piece(self.pending_l1 + token, full)
                return "level1"
            self.pending_l1 = None
        full, piece = _level1_piece(token, whole_line)
        if full or piece:
            self.flush()
            self._level1_piece(token, full)
            return "level1"
        return self._set_level2(token)

    def _set_level2(self, token: str) -> str:
        level2 = _level2(token)
        if not level2:
            return ""
        self.flush()
        self.level2 = level2
        return "level2"

    def _level1_piece(self, text: str, full: str | None) -> None:
        """A whole level-1 label resets level 2; a piece waits for the rest."""
        if full:
            self.level1, self.level2, self.pending_l1 = full, None, None
        else:
            self.pending_l1 = text

    def _add(self, part: Fragment) -> None:
        """Start a new row or extend the current one, by what the fragment is."""
        row = self.row
        if row is not None and row.complete and part.kind != "value" and part.kind != "cont":
            if part.kind == "pair" or not _continues(row.parts[-1], part):
                self.flush()
                row = None
        if row is None:
            row = self.row = _Row(self.level1 or _FAMILY.get(self.level2 or ""), self.level2)
        row.parts.append(part)

    def flush(self) -> None:
        """Close the current row: decide its name and value, keep it unless a placeholder."""
        row, self.row = self.row, None
        if row is None or not row.parts:
            return
        name_parts, value_parts = _name_and_value(row.parts)
        if not name_parts:
            return
        name = Cell.read("\n".join(t for t, _ in name_parts), self.sheet.where(name_parts[0][1]))
        if name.text is None or _PLACEHOLDER_NAME.match(name.text):
            return
        target = Cell.read("\n".join(t for t, _ in value_parts),
                           self.sheet.where(value_parts[0][1])) if value_parts else Cell(text=None)
        self.indicators.append(TargetIndicator(
            level1=row.level1, level2=row.level2, name=name, target=target,
            where=self.sheet.where(row.parts[0].line)))


Piece = tuple[str, Line]


def _name_and_value(parts: list[Fragment]) -> tuple[list[Piece], list[Piece]]:
    """Which text of a row is the 三级指标 and which the 绩效值.

    A name/value pair splits the row there (text before it is a wrapped name, text
    after a wrapped value); else a lone value ends the name; else text that shared its
    line with a level label is a whole name and what follows it the value.
    """
    texts = [(p.text, p.line) for p in parts]
    for k, p in enumerate(parts):
        if p.kind == "pair":
            return texts[:k] + [(p.head, p.line)], [(p.tail, p.line)] + texts[k + 1:]
    for k, p in enumerate(parts):
        if p.kind == "value" and k > 0:
            return texts[:k], texts[k:]
    if len(parts) >= 2:
        cut = 1 if parts[0].on_label else len(parts) - 1
        return texts[:cut], texts[cut:]
    only = parts[0]
    if only.kind == "cont":
        return [(only.head, only.line)], [(only.tail, only.line)]
    if only.kind == "text" and " " in only.text.strip():
        head, _, tail = only.text.strip().rpartition(" ")
        return [(head, only.line)], [(tail, only.line)]
    # A lone phrase is a name printed without its value, unless it is surely a value.
    return ([], []) if is_strong_value(only.text) else ([(only.text, only.line)], [])


def _continues(last: Fragment, part: Fragment) -> bool:
    """Whether a text line goes on with the value before it rather than starting a row."""
    return last.text.rstrip().endswith(_OPEN_END) or part.text.lstrip().startswith(_CLOSE_START)


def read_indicators(sheet: Sheet, lines: Iterable[tuple[Line, list[str], bool]]) -> list[TargetIndicator]:
    """All indicators of one table's indicator part."""
    reader = IndicatorReader(sheet)
    for line, units, explicit in lines:
        reader.feed(line, units, explicit)
    reader.flush()
    return reader.indicators
