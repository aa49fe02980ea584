"""Rows of a stream without rows as a text layer in drawing order puts them.

A spreadsheet (or a PDF) dumped cell by cell onto one line prints each cell where it is
drawn, not where its row is: a wrapped name's lines, a merged level cell, a block of
rows' values, the header's cells all land among other rows' cells. The form engine cuts
the stream into rows by fit (``form_engine._cut``); these passes then put back together
what the drawing order took apart, each where the printing leaves one reading only
(counts, shapes and the form's numbering agree), and leave the rows as cut otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from jixiao.model.values import money, normalize_text
from jixiao.readers.form_fit import align, is_number, is_percent, is_quantity
from jixiao.sources.stream import Token

Level = tuple[str | None, str | None, str]          # (level 1, level 2, as printed)
Row = tuple[list[Level], list[Token]]
LevelOf = Callable[[str], Level | None]
_NUMBERED = re.compile(r"指标\s*\d{1,2}(?!\d)")     # the form numbers its names: 指标1:, 指标2:


def drawn_rows(found: list[Row], body: tuple[str, ...], level: LevelOf) -> list[Row]:
    """The rows cut from a stream, put back together where drawing order took them apart."""
    found = _names_apart(_wrapped_names(found, body))
    found = _reasons_after(_values_first(found, level), body, level)
    return _column_blocks(found)


def _wrapped_names(found: list[Row], body: tuple[str, ...]) -> list[Row]:
    """A name wrapped over two lines, drawn apart in a stream without rows: its first line a
    row alone (指标1:资金是否全部纳入医), its rest first in the next row (保统筹 100% 100% 15 15).
    Where the form numbers its names (指标1:, 指标2:), a row alone that starts with a number
    and a next row that starts without one are one name (a level label the vocabulary does
    not know, printed alone before its row, has no number), and the rest joins the name
    where the row then fits its columns better than with the rest as a cell of its own."""
    out: list[Row] = []
    for labels, cells in found:
        if out and not labels and len(cells) >= 2 and not _valued(cells[0]) and _alone(out[-1][1]) \
                and _NUMBERED.match(out[-1][1][0].text.strip()) and not _NUMBERED.match(cells[0].text.strip()):
            first = out[-1][1][0]
            rest = cells[0]
            joined = replace(first, text=first.text.strip() + rest.text.strip())
            apart, _ = align(tuple(t.text for t in [first] + cells), body)
            together, _ = align(tuple(t.text for t in [joined] + cells[1:]), body)
            if together < apart and len(rest.text) <= _NAME_SPAN:
                out[-1] = (out[-1][0], [joined] + cells[1:])
                continue
        out.append((labels, cells))
    return out


def _values_first(found: list[Row], level: LevelOf) -> list[Row]:
    """Values drawn before their names (a spreadsheet dumped cell by cell prints a block of
    rows' values, then their numbered names: 75元 75元 10 10 95% 95% 30 27 … 成本指标
    指标1:… 社会效益指标 指标1:…). Rows of values alone, then rows of numbered names
    (rows of words between them lend their levels to the next): the values, in the width
    of the complete row above them, go to the names in order; cells past the names' rows
    (a total's, drawn before its label) are left unread. Where the run is shorter than the
    names need, or holds words, nothing is paired."""
    out: list[Row] = []
    i = 0
    while i < len(found):
        j = i
        while j < len(found) and _value_row(found[j][1]):
            j += 1
        width = _width(out[-1][1]) if out and j > i else 0
        named = _numbered_names(found, j, level) if width else []
        run = [c for _, cells in found[i:j] for c in cells]
        if not named or len(run) < len(named) * width:
            out.extend(found[i:max(j, i + 1)])
            i = max(j, i + 1)
            continue
        for n, (labels, name, _) in enumerate(named):
            out.append((labels, [name] + run[n * width:(n + 1) * width]))
        i = named[-1][2]
    return out


def _reasons_after(found: list[Row], body: tuple[str, ...], level: LevelOf) -> list[Row]:
    """A reason drawn after its row (偏差原因 wrapped over lines, each line a cell: 建档立卡中有
    新增死亡 | 人员,导致有偏差): in a form that numbers its names, a row of words alone, no
    number and no level, right after a numbered row that fills every column but the reason,
    is that row's reason, its lines joined."""
    if "reason" not in body:
        return found
    out: list[Row] = []
    for labels, cells in found:
        if out and not labels and not any(_valued(c) or _NUMBERED.match(c.text.strip()) or level(c.text) for c in cells) \
                and _lacks_reason(out[-1][1], len(body)):
            joined = replace(cells[0], text="".join(c.text.strip() for c in cells))
            out[-1] = (out[-1][0], out[-1][1] + [joined])
            continue
        out.append((labels, cells))
    return out


def _lacks_reason(cells: list[Token], width: int) -> bool:
    """A numbered row whose name and values fill every column but the last (the reason)."""
    return len(cells) == width - 1 and bool(_NUMBERED.match(cells[0].text.strip())) and _value_row(cells[1:])


def _column_blocks(found: list[Row]) -> list[Row]:
    """Rows drawn a block of columns at a time (a spreadsheet dumped cell by cell prints the
    names and targets of a few rows, then their actual | weight | score: 指标1:… 38508人
    指标2:… 不少于12 种 不少于6 种 116次 6次 指标5:… 37442人 3 3 14种 1 1 …). In a form that
    numbers its names, the rows before a complete one, flattened: from the end, groups of
    a value and two numbers (weight, score not above it), one fewer than the complete row's
    values; before them, each cell not a numbered name a target, as many as the groups. A
    name takes the target after it (one drawn after every target, the last target left
    nameless); any other order pairs nothing."""
    widths = [_width(cells) for _, cells in found]
    common = max(set(widths) - {0}, key=widths.count, default=0)      # the complete rows' values
    if common < 3:
        return found
    out: list[Row] = []
    start = 0
    for k in range(len(found)):
        if widths[k] != common:
            continue
        if k == start:
            out.append(found[k])
            start = k + 1
            continue
        block = _block(found[start:k], common - 1)
        out.extend(block if block is not None else found[start:k])
        out.append(found[k])
        start = k + 1
    out.extend(found[start:])
    return out


def _block(rows_: list[Row], tail: int) -> list[Row] | None:
    """The rows ``_column_blocks`` reads from a stretch; None where it does not read so."""
    cells = [c for _, cs in rows_ for c in cs if normalize_text(c.text)]
    groups: list[list[Token]] = []
    end = len(cells)
    while end - tail >= 0 and _group(cells[end - tail:end]):
        groups.insert(0, cells[end - tail:end])
        end -= tail
    heads = cells[:end]
    targets = [n for n, c in enumerate(heads) if not _NUMBERED.match(c.text.strip())]
    if len(groups) < 2 or len(targets) != len(groups):
        return None
    names: dict[int, Token] = {}
    for n, c in enumerate(heads):
        if n in targets:
            continue
        if n + 1 in targets:
            after = n + 1
        elif n == len(heads) - 1 and targets[-1] < n:
            after = targets[-1]             # drawn after every target: the last one's
        else:
            return None
        if after in names:
            return None
        names[after] = c
    labels = [lv for lb, _ in rows_ for lv in lb]
    out: list[Row] = []
    for t, group in zip(targets, groups, strict=True):
        name = names.get(t, replace(heads[t], text=""))
        out.append((labels if not out else [], [name, heads[t]] + group))
    return out


def _group(cells: list[Token]) -> bool:
    """A value, then a weight and a score not above it: the tail of one row."""
    if len(cells) < 3 or not _valued(cells[0]):
        return False
    weight, score = money(normalize_text(cells[-2].text) or ""), money(normalize_text(cells[-1].text) or "")
    return weight is not None and score is not None and score <= weight and all(_valued(c) for c in cells)


def _value_row(cells: list[Token]) -> bool:
    return bool(cells) and _valued(cells[0]) and all(_valued(c) or not normalize_text(c.text) for c in cells)


def _width(cells: list[Token]) -> int:
    """The values a complete row above prints after its numbered name; 0 for any other row."""
    if len(cells) < 3 or not _NUMBERED.match(cells[0].text.strip()) or not _value_row(cells[1:]):
        return 0
    return len(cells) - 1


def _numbered_names(found: list[Row], at: int, level: LevelOf) -> list[tuple[list[Level], Token, int]]:
    """The rows of numbered names from ``at`` on, each as (levels, name, the index after
    it); a name's wrapped rest printed as the next cells (no bracket, no number) joined."""
    out: list[tuple[list[Level], Token, int]] = []
    pending: list[Level] = []
    k = at
    while k < len(found):
        labels, cells = found[k]
        if any(_valued(c) for c in cells):
            break
        pending = pending + labels
        if _NUMBERED.match(cells[0].text.strip()):
            name = cells[0]
            for rest in cells[1:]:
                text = rest.text.strip()
                if not text or any(c.isdigit() or c in "()（）" for c in text) or level(text) is not None:
                    break
                name = replace(name, text=name.text.strip() + text)
            out.append((sorted(pending, key=lambda lv: lv[0] is None or lv[1] is not None), name, k + 1))
            pending = []
        k += 1
    return out


def _alone(cells: list[Token]) -> bool:
    """A row of one name and nothing else, not a sentence ended."""
    return len(cells) == 1 and not _valued(cells[0]) and not cells[0].text.rstrip().endswith(("。", ".")) \
        and 0 < len(cells[0].text) <= _NAME_SPAN


_BRACKETED = re.compile(r"^[（(].*[)）]$")
_NAME_SPAN = 40           # characters an indicator's name printed alone holds at most (no sentence run)
_MEASURED = re.compile(r"^[=＝≥≤≧≦<>＜＞]*\s*\d[\d.,]*\s*[^\d\s]{0,3}$")     # 14例, ≥95%, 3.5万元


def _valued(token: Token) -> bool:
    """A cell of a row's values (an amount, a rate, a number and its measure), no name's words."""
    text = normalize_text(token.text) or ""
    return is_number(text) or is_percent(text) or is_quantity(text) or bool(_MEASURED.match(text))


def _names_apart(found: list[Row]) -> list[Row]:
    """Names printed apart from their values, in drawing order (a spreadsheet dumped cell
    by cell prints a wrapped name's first line before the row's values, so the next
    row's name may come first: 指标24:… | 指标25:… 14例 14例 2 2 | 24694人 22584人 2 1.7;
    or a merged level cell splits a row: 指标1:… | 产出指标 8755 8676 15 13). Rows of a
    name alone, then rows of values alike in count, as many as the names: each name takes
    the values in order, and the levels of both (level 1 first). A name row holding more
    words (a stray cell, a wrapped rest) is not paired: which words are the name's is
    not known."""
    out: list[Row] = []
    i = 0
    while i < len(found):
        j = i
        while j < len(found) and not any(_valued(c) for c in found[j][1]):
            j += 1
        paired = _paired(found, i, j) if i < j < len(found) else None
        if paired is None:
            out.extend(found[i:j + 1])
            i = j + 1
            continue
        out.extend(paired)
        i = j + len(paired)
    return out


def _paired(found: list[Row], i: int, j: int) -> list[Row] | None:
    """The rows of names ``i:j`` joined to the value rows from ``j`` on (the first may print
    the next name before its values); None where the values do not pair up."""
    names = list(found[i:j])
    if any(len(cells) != 1 or len(cells[0].text) > _NAME_SPAN or _BRACKETED.match(cells[0].text.strip())
           for _, cells in names):
        return None                    # a name printed alone; (必填) is a label's note, no name
    first_labels, first_cells = found[j]
    named = not _valued(first_cells[0])
    groups: list[Row] = [(first_labels, first_cells[1:] if named else first_cells)]
    if named:
        names.append(([], first_cells[:1]))
    rest = found[j + 1:j + len(names)]
    if len(rest) != len(names) - 1:
        return None
    groups.extend(rest)
    if any(not g or not _valued(g[0]) or not all(_valued(c) or not normalize_text(c.text) for c in g)
           for _, g in groups) or len({len(g) for _, g in groups}) != 1 or len(groups[0][1]) < 2:
        return None                    # (a lone number beside words is no row's values)
    return [(sorted(nl + gl, key=lambda lv: lv[0] is None or lv[1] is not None), nc + gc)
            for (nl, nc), (gl, gc) in zip(names, groups, strict=True)]
