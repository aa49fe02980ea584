"""The sheet as a stream of cells, whatever the printing: what the form engine reads.

Each kind of printing gives its cells here, once:

- rows of real cells (tabs, ``| a | b |`` rows, HTML / DOCX / XLSX / PDF tables): one
  token a cell, empty cells kept, and the row known (``rowed``);
- one cell per line, as web pages and document sites flatten a table (``text |`` or
  ``| text``, a lone ``|`` or NBSP for an empty cell): one token a line, empty cells kept,
  rows unknown;
- a ragged ``a | b | c |`` line without the leading bar: split on the bars;
- text with no separators at all (``产出指标数量指标足额保障率=100% 22.5``): split into
  cells by the form's vocabulary (labels peeled off the front of a run) and by the shapes
  of values (a comparator starts a value; a number after words starts a value; spaces
  end a cell), rows unknown.

Readers never see which of these it was: they get ``Token``s with provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from jixiao.model.provenance import Where
from jixiao.model.values import RUBY
from jixiao.sources.sheet import Line, Sheet
from jixiao.values.comparators import PREFIXES
from jixiao.vocabulary import match_key, vocabulary


@dataclass(frozen=True, slots=True)
class Token:
    """One printed cell: its text as printed ('' for an empty cell) and where it stands."""

    text: str
    where: Where
    row: int          # tokens of one printed row share it
    rowed: bool       # the printing said where the row ends (real cells, tabs, bars)


_FLAT_CELL = 80             # a cell this long may be a whole table run together
_TRAILING_BAR = re.compile(r"^(.*?)\s*\|\s*$")
_LEADING_BAR = re.compile(r"^\s*\|\s?(.*)$")
_EMPTYISH = re.compile(r"^[\s\u00a0\u3000]*$")
_COMPARATOR = "≥≤≧≦=＝<>＜＞"
# A value starts after words: at a comparator, or at a number that runs (with a short
# unit) to the end of the piece (``培训班60人``; not ``第3季度完成率``).
_VALUE_START = re.compile(rf"(?<!\d[年月])(?<=[\u3400-\u9fff）)])(?=[{_COMPARATOR}]|\d[\d.,]*[%％]?[\u3400-\u9fff]{{0,3}}$)")
# A percentage ends its value: ``100%100%10`` is 100% | 100% | 10; and so does the
# number of the form's next numbered line (``103.21%资金结构:(1)基本支出``, ``103.21%(2)``).
_AFTER_PERCENT = re.compile(rf"(?<=[%％])(?=[\d{_COMPARATOR}]|(?:[\u4e00-\u9fff]{{2,8}}[:：])?[(（]\d[)）])")
_SENTENCE = re.compile(r"[。；;，,]")          # 、 lists items inside one cell


def tokens(sheet: Sheet, lines: tuple[Line, ...] | None = None) -> tuple[Token, ...]:
    """The cells of ``lines`` (default: the whole sheet) in reading order."""
    out: list[Token] = []
    chosen = sheet.lines if lines is None else lines
    if _bar_separated(chosen):
        return _separated_tokens(sheet, chosen)
    if _tab_led(chosen):
        return _tab_led_tokens(sheet, chosen)
    for index, line in enumerate(chosen):
        out.extend(_line_tokens(sheet, line, index))
    out = _short_pairs(out)
    if _rows_printed(out):
        # Most lines are rows of cells: a line of one cell is a row of one cell too.
        out = [t if t.rowed else replace(t, rowed=True) for t in out]
    return tuple(out)


_BARS = re.compile(r"^\s*\|(?:\s*\|)+\s*$")      # ||||: the empty cells that end a row


def _bar_separated(lines: tuple[Line, ...]) -> bool:
    """A page that prints each cell on its own line with a lone ``|`` line after it (and,
    in some, a ``||||`` line ending each row): the bars separate cells, they are none."""
    printed = [x.text.strip() for x in lines if x.text.strip()]
    lone = sum(1 for t in printed if t == "|")
    texts = [t for t in printed if t.strip("| ")]
    return lone >= 20 and lone * 4 >= len(printed) and sum(1 for t in texts if "|" in t) * 5 <= len(texts)


_TAB_CELL = re.compile(r"^\t[^\t]*$")


def _tab_led(lines: tuple[Line, ...]) -> bool:
    """A Word table copied as text: each cell a line that starts with a tab (its wrapped
    rest on the lines below, without one), a blank line after each row."""
    printed = [x.text for x in lines if x.text.strip()]
    led = sum(1 for t in printed if _TAB_CELL.match(t))
    blank = sum(1 for x in lines if not x.text.strip())
    return led >= 20 and led * 5 >= len(printed) * 2 and blank * 10 >= led


def _tab_led_tokens(sheet: Sheet, lines: tuple[Line, ...]) -> tuple[Token, ...]:
    """Rows between blank lines; a tab starts a cell, a line without one continues it (or,
    first in its row, is a line of its own: a title, a note)."""
    out: list[Token] = []
    row = 0
    cell: list[Line] = []
    in_row = False

    def close() -> None:
        if cell:
            text = "".join(x.text.strip() for x in cell)
            out.append(Token(_cell(text), sheet.where(cell[0]), row, True))
            cell.clear()

    for line in lines:
        text = line.text
        if not text.strip():
            if _TAB_CELL.match(text):          # a tab alone: an empty cell
                close()
                out.append(Token("", sheet.where(line), row, True))
                in_row = True
                continue
            close()
            if in_row:
                row += 1
            in_row = False
        elif _TAB_CELL.match(text):
            close()
            cell.append(line)
            in_row = True
        elif in_row and cell:
            cell.append(line)                    # the wrapped rest of the cell
        else:
            close()
            out.append(Token(text.strip(), sheet.where(line), row, True))
            row += 1
    close()
    return tuple(out)


def _row_end(line: Line) -> bool:
    """``||||`` (or the empty cells a source made of it): the end of a row."""
    return bool(_BARS.match(line.text)) or (len(line.cells) >= 2 and not any(c.strip() for c in line.cells))


def _separated_tokens(sheet: Sheet, lines: tuple[Line, ...]) -> tuple[Token, ...]:
    """Cells between bar lines (a cell's wrapped lines joined, two bars in a row an empty
    cell); where ``||||`` lines end the rows, the rows are known. Lines before the first
    bar (a title, the unit) are lines of their own."""
    ended = any(_row_end(x) for x in lines)
    out: list[Token] = []
    pending: list[Line] = []
    row = 0
    started = False
    for current in lines:
        text = current.text.strip()
        if _row_end(current):
            if pending:
                out.append(_joined(sheet, pending, row, ended))
                pending = []
            row += 1
        elif not text:
            continue
        elif text == "|":
            if not started:                # the lines above the table, each a line of its own
                for line in pending[:-1]:
                    out.append(Token(line.text.strip(), sheet.where(line), row, ended))
                    row += 1
                pending = pending[-1:]
                started = True
            out.append(_joined(sheet, pending, row, ended) if pending else
                       Token("", sheet.where(current), row if ended else current.number, ended))
            pending = []
        else:
            pending.append(current)
    if pending:
        out.append(_joined(sheet, pending, row, ended))
    return tuple(out)


def _joined(sheet: Sheet, part: list[Line], row: int, ended: bool) -> Token:
    text = " ".join(x.text.strip() for x in part)
    return Token(_cell(text), sheet.where(part[0]), row if ended else part[0].number, ended)


def _rows_printed(toks: list[Token]) -> bool:
    """The printing keeps rows: most printed lines are rows of several cells."""
    rows = {t.row for t in toks}
    rowed = {t.row for t in toks if t.rowed}
    return bool(rows) and len(rowed) * 2 > len(rows)


def _line_tokens(sheet: Sheet, line: Line, row: int) -> list[Token]:
    return [t for raw in _printed_tokens(sheet, line, row) for t in _unflatten(raw)]


def _unflatten(token: Token) -> list[Token]:
    """A long cell that holds a whole table run together (a document site's summary cell)
    is that table's cells: split like text with no separators, its rows unknown."""
    if not token.rowed or len(token.text) <= _FLAT_CELL:
        return [token]
    pieces = split_run(token.text)
    if len(pieces) < 2 or sum(1 for s in _label_spans(token.text) if _structural(token.text[s[0]:s[1]])
                              and not _PROSE_VERB.match(token.text, s[1])) < 3:
        return [token]
    return [Token(p, token.where, token.row, False) for p in pieces]


# A label a sentence goes on from (全年预算数为386.73万元, 执行率是90%) is prose that names it, not
# a cell: a goal or a report that mentions the fund columns is no table run together.
_PROSE_VERB = re.compile(r"\s*[为是]")


def _printed_tokens(sheet: Sheet, line: Line, row: int) -> list[Token]:
    cells = line.cells
    if len(cells) >= 2:
        return [Token(c.strip(), sheet.where(line, col), row, True) for col, c in enumerate(cells)]
    raw = line.text
    if not raw.strip():
        return []
    where = sheet.where(line)
    lead = _LEADING_BAR.match(raw)
    if lead is not None:                      # a cell printed after its bar: | cell
        inner = lead.group(1).strip().strip("|").strip()
        return [Token(_cell(inner), where, row, False)]
    bar = _TRAILING_BAR.match(raw)
    if bar is not None:
        inner = bar.group(1)
        if "|" in inner:                      # a ragged row: a | b | c |
            return [Token(_cell(p), sheet.where(line, col), row, True)
                    for col, p in enumerate(inner.split("|"))]
        return [Token(_cell(inner), where, row, False)]
    if _EMPTYISH.match(raw):
        return [Token("", where, row, False)]
    if " | " in raw:                          # a ragged row cut before its closing bar: a | b
        return [Token(_cell(p), sheet.where(line, col), row, True) for col, p in enumerate(raw.split("|"))]
    pieces = split_run(raw.strip())
    return [Token(p, where, row, False) for p in pieces if p.strip("| ")]     # a bar is no cell


def _cell(text: str) -> str:
    return "" if _EMPTYISH.match(text) else text.strip()


@cache
def _labels() -> tuple[str, ...]:
    """Every label a run may start with, as match keys, longest first."""
    v = vocabulary()
    words: set[str] = set(v.total) | set(v.other_level1) | set(v.other_level2) | set(v.sections)
    words.update(k for k, _ in v.level_aliases)
    for _, labels in v.columns.labels:
        words.update(labels)
    for form in (v.selfeval, v.targets):
        words.update(form.titles + form.department_titles + form.fund_items + form.goal_section)
        for roles in (form.goal, form.fund_columns, form.amounts):
            for _, labels in roles.labels if roles else ():
                words.update(labels)
        for _, labels in form.info.labels:     # 部门, 单位: whole cells only, never cut from text
            words.update(w for w in labels if len(w) > 2)
    words.update(("产出指标", "效益指标", "满意度指标", "成本指标", "数量指标", "质量指标", "时效指标",
                  "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
                  "绩效指标", "项目资金"))
    # A label of two characters is cut from running text only where it heads a column of
    # numbers (分值, 得分, 合计); 单位, 部门, 一级 stay inside words and sentences.
    short = {w for w in words if len(w) == 2} & (set(v.columns.of("weight")) | set(v.columns.of("score"))
                                                 | set(v.total))
    return tuple(sorted((w for w in words if len(w) > 2 or w in short), key=len, reverse=True))


def split_run(text: str) -> list[str]:
    """Cells of text printed without separators; a sentence of prose stays whole.

    The form's labels are cut out wherever they stand (longest first), spaces end a
    cell, and what lies between is cut where a value starts right after words (a
    comparator, or a number running to the end of the piece).
    """
    if len(text) <= 12 and not any(c.isspace() for c in text):
        return [text]
    mended = _mended_comparators(text)
    if mended != text and (printed := _as_printed(text, mended, split_run(mended))) is not None:
        return printed
    labelled = _labelled(text)
    if labelled:
        return labelled
    table = _table_inside(text)
    if table:                  # a notice run into the table it sends: the sentences, then cells
        return [text[:table].strip()] + _cells_of(text[table:])
    if _prose(text):
        return [text]
    return _cells_of(text)


def _mended_comparators(text: str) -> str:
    """The text with a comparator's OCR slips mended where one stands between a number (or
    %) and the number it compares (``8工5%工5%``): a copy for cutting cells, of one length."""
    for wrong, right in vocabulary().comparator_slips:
        text = re.sub(rf"(?<=[\d%％]){re.escape(wrong)}(?=\d)", right, text)
    return text


def _as_printed(text: str, mended: str, pieces: list[str]) -> list[str] | None:
    """The cells cut from the mended copy, as printed in ``text`` (None where a cell is no
    slice of the copy: the cutting changed its text)."""
    out: list[str] = []
    at = 0
    for piece in pieces:
        found = mended.find(piece, at)
        if found < 0:
            return None
        out.append(text[found:found + len(piece)])
        at = found + len(piece)
    return out


# A short run that is a name and its rate or compared value (学校满意度≥90%, 项目按计划完成率100%).
_SHORT_PAIR = re.compile(rf"^([\u3400-\u9fff]{{3,}})([{_COMPARATOR}]=?\s*\d[\d.]*[%％]?|\d[\d.]*[%％])$")


_PAIRED_LINES = 0.5        # share of lines run together into several cells: lines are rows


def _short_pairs(toks: list[Token]) -> list[Token]:
    """Rows printed a line each with no separators (``产出指标数量指标覆盖率100%``): where most
    lines split into several cells, a line too short for ``split_run`` to cut (a row whose
    level cells are merged above it: ``学校满意度≥90%``) is a name and its value too, where
    a name of three characters or more is followed by a percentage or a compared value.
    Elsewhere a short line is one cell (完成主体工程70%, a goal printed a cell a line)."""
    lines: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        if not t.rowed and t.text:
            lines.setdefault(t.row, []).append(k)
    if len(lines) < 3 or sum(1 for ks in lines.values() if len(ks) >= 2) < _PAIRED_LINES * len(lines):
        return toks
    out: list[Token] = []
    for k, t in enumerate(toks):
        m = _SHORT_PAIR.match(t.text) if not t.rowed and lines.get(t.row) == [k] else None
        out.extend([replace(t, text=m.group(1)), replace(t, text=m.group(2))] if m else [t])
    return out


# A form's title right before its first label: the table starts there, inside running text.
_EMBEDDED = re.compile(r"(?:绩效目标表|绩效目标申报表|绩效自评表|目标自评表)(?=\s*(?:项目名称|项目支出名称|单位名称|部门名称|"
                       r"部门[(（]单位[)）]名称|转移支付[(（]项目[)）]名称))")
_TITLE_OPENING = re.compile(r"(?:附件\s*\d*[:：]?|[。；;:：])")


def _table_inside(text: str) -> int:
    """Where a table starts inside a long run of sentences: the start of its title (after
    the sentence or the 附件 mark before it); 0 where none does."""
    if len(text) < _FLAT_CELL:
        return 0
    m = _EMBEDDED.search(text)
    if m is None or m.start() < 20:
        return 0
    head = text[max(0, m.start() - 50):m.start()]
    openings = list(_TITLE_OPENING.finditer(head))
    start = m.start() - len(head) + (openings[-1].end() if openings else 0)
    return start if start > 0 else 0


def _cells_of(text: str) -> list[str]:
    text = RUBY.sub("", text)
    pieces = _space_pieces(text)
    # The spaces print the cells (a piece is a cell) where there are several and none is
    # a run of many cells (a document site's whole table in a piece).
    if len(pieces) >= _SPACED_CELLS and max(len(p) for p in pieces) <= _FLAT_CELL // 2:
        return [cell for piece in pieces for cell in _split_piece(piece, leading_only=True)]
    # Text run together: a space in it is a wrapped cell's line break as often as a cell's
    # end (``分 值得 分`` is 分值 | 得分), so the labels are cut out first, wherever they
    # stand, and only the text between them is cut at spaces and values. A label across a
    # space whose first part is a label itself (``产出 数量目标``) is two cells.
    title = _title_end(text)
    out = [text[:title]] if title else []
    at = title
    for start, end in _label_spans(text[title:]):
        start, end = title + start, title + end
        if start < at:
            continue
        if _two_cells(text, start, end):
            continue
        if text[end:end + 1] in _SENTENCE_END and start > at:
            continue            # …要求完成绩效目标。: a label's words ending a sentence, no cell
        out.extend(cell for piece in _space_pieces(text[at:start], wrapped=True) for cell in _split_piece(piece))
        out.append(text[start:end])
        at = end
    out.extend(cell for piece in _space_pieces(text[at:], wrapped=True) for cell in _split_piece(piece))
    return out


def _two_cells(text: str, start: int, end: int) -> bool:
    """A label found across a space that is two cells: its first part a label itself, or its
    second part the start of a longer label (``产出 数量目标``: 产出 | 数量目标)."""
    parts = text[start:end].split(maxsplit=1)
    if len(parts) < 2:
        return False
    if match_key(parts[0]) in _label_keys():
        return True
    tail = text.index(parts[1], start + len(parts[0]))
    after = _label_spans(text[tail:tail + _FLAT_CELL])
    return bool(after) and after[0][0] == 0 and tail + after[0][1] > end


@cache
@cache
def _item_keys() -> frozenset[str]:
    """The fund block's line items (其他, 合计): after an amount such a word is the next
    cell's label (0.00 | 其他 | 0.00 where each column group repeats its line's item), never
    the amount's unit."""
    v = vocabulary()
    return frozenset(v.selfeval.fund_items + v.targets.fund_items)


def _label_keys() -> frozenset[str]:
    return frozenset(_labels()) | frozenset(k for k, _ in vocabulary().level_aliases)


_GAP = re.compile(r"\s+")
_ENDS_CLAUSE = re.compile(r"^[^，,、；;。\s\d]{1,20}。")     # 团随团培训。: the rest of a sentence
_SENTENCE_END = ("。", "；", ";")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")       # a text layer's space between a year and its 年
_SPACED_CELLS = 5          # pieces a line splits into at spaces for the spaces to be its cells
_CJK = re.compile(r"[\u3400-\u9fff]")
# A percent carries its own unit: a word after it belongs to it only where it bounds the
# value (≥95% 以上); any other word is the next cell (100% | 完成: the status column).
_PERCENT_TAIL = re.compile(r"^(以上|以下|以内|左右|之内)")
_UNIT_AFTER = re.compile(r"^[\u3400-\u9fff]{1,2}(?=$|[\s，,。；;、/）)])|^[\u3400-\u9fff]{1,3}/")


def _labelled(text: str) -> list[str]:
    """``质量指标：学校的教育教学秩序良好…``: a label, its colon and one value, whatever the
    value's shape (a sentence, a number): two cells. Not where another label and colon
    follow (``项目名称：… 主管部门：…``)."""
    spans = [(a, b) for a, b in _label_spans(text) if text[b:b + 1] in (":", "：")]
    if len(spans) != 1 or spans[0][0] != 0 or not _CJK.search(text[spans[0][1] + 1:]):
        return []                       # (年度资金总额：100 100 10: numbers, cut as usual)
    end = spans[0][1] + 1
    return [text[:end], text[end:].strip()]


def _space_pieces(text: str, wrapped: bool = False) -> list[str]:
    """Text cut at the spaces that end a cell; kept together are letter-spaced words
    (``产 出 指 标``), a number and its unit (``60 人，3 天``, ``450 元/人/天``) and text
    around a comma. The form's labels are cut apart later anyway. In text run together
    (``wrapped``) a space between two characters is a wrapped line where the words
    before it are a sentence not yet ended and the words after it end it
    (``…送优秀青年演员到省市专业院 团随团培训。``): kept together too."""
    words = _spaced_labels(text.split())
    if not words:
        return []
    pieces = [words[0]]
    closed = " " in words[0]                # a spelt label ends its piece
    for word in words[1:]:
        left = pieces[-1]
        last = left.split()[-1]
        letters = any(len(w) == 1 and _CJK.match(w) for w in (word, last)) and not _apart(last, word) \
            and " " not in word and not closed
        closed = " " in word
        unit = (left[-1].isdigit() or left[-1] in "%％" and _PERCENT_TAIL.match(word)) and _UNIT_AFTER.match(word) \
            and match_key(word) not in _label_keys() and match_key(word) not in _item_keys() \
            or (_YEAR_DIGITS.fullmatch(last) is not None and word.startswith("年"))    # 2017 年部门…
        comma = left[-1] in "，,、（(" or word[0] in "，,、）)"
        clause = wrapped and bool(_CJK.match(left[-1]) and _CJK.match(word[0])) \
            and any(c in last for c in "，,、；;") and "。" not in last and _ENDS_CLAUSE.match(word) is not None
        if letters or unit or comma or clause:
            pieces[-1] = left + " " + word
        else:
            pieces.append(word)
    return pieces


def _spaced_labels(words: list[str]) -> list[str]:
    """Letters that spell a whole label (绩 效 指 标) as one word, apart from its neighbours:
    a text layer in drawing order prints a merged, letter-spaced cell between other cells'
    text (指标1:全县参合人数 绩 效 指 标 某县服务中心)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j]) == 1 and _CJK.match(words[j]):
            j += 1
        if j - i >= 2 and match_key("".join(words[i:j])) in _label_keys():
            out.append(" ".join(words[i:j]))
            i = j
            continue
        out.append(words[i])
        i += 1
    return out


def _apart(last: str, word: str) -> bool:
    """A lone character beside a whole label or a value is no letter-spaced word: in a text
    layer in drawing order a wrapped cell's last character (率) lands beside the next cell
    (产出指标, 100%), and a letter-spaced label (绩 效 指 标) beside the next cell's text."""
    return any(match_key(w) in _label_keys() or w[0].isdigit() or w[0] in _COMPARATOR or _worded_value(w)
               for w in (last, word) if len(w) > 1)


def _worded_value(word: str) -> bool:
    """A value led by a comparator word (不少于6, 达到95%): a cell of its own, not the next
    letter of a spaced word (不少于12 种 不少于6 种: two targets)."""
    return any(word.startswith(w) and word[len(w):len(w) + 1].isdigit() for w, _ in PREFIXES)


def _prose(text: str) -> bool:
    """Sentences, not cells: clause marks, and few labels of the form's structure (a
    sentence may name 产出指标; a flattened table names 项目名称, 年度资金总额, 三级指标)."""
    marks = len(_SENTENCE.findall(text))
    if marks < 3 and text.count("。") < 2:
        return False
    spans = _label_spans(text)
    structural = sum(1 for s in spans if _structural(text[s[0]:s[1]]))
    if text.count("。") >= 2:        # sentences, unless a whole table runs through them
        return structural < _TABLE_LABELS
    # A table's rows run on past its head: the level labels of an indicator tree (质量指标,
    # 时效指标, 成本指标 …), several of them, and no full stop.
    levels = {match_key(text[a:b]) for a, b in spans if match_key(text[a:b]).endswith("指标")}
    return structural < 3 and (len(levels) < _TREE_LEVELS or "。" in text)


_TABLE_LABELS = 8        # labels of a form's structure that make a run a table, not prose
_TREE_LEVELS = 4         # distinct level labels that make a run an indicator table's rows


def _structural(label: str) -> bool:
    """A label of a form's structure (info, fund, column, goal), not a level name."""
    v = vocabulary()
    key = match_key(label)
    if any(key in words for _, words in v.columns.labels):
        return True
    for form in (v.selfeval, v.targets):
        if key in form.fund_items or key in form.goal_section:
            return True
        for roles in (form.info, form.goal, form.fund_columns, form.amounts):
            if roles and any(key in words for _, words in roles.labels):
                return True
    return False


def _split_piece(piece: str, leading_only: bool = False) -> list[str]:
    """A piece's cells: its labels cut out (where the spaces print the cells, only labels
    heading the piece: 项目财政资金到位时间 is a name, 产出指标数量指标 two labels)."""
    title = _title_end(piece)
    if title:                        # 2017年财政支出项目绩效目标表: one title, not labels
        return [piece[:title]] + (_split_piece(piece[title:], leading_only) if piece[title:] else [])
    out: list[str] = []
    at = 0
    for start, end in _label_spans(piece):
        if leading_only and start != at:
            break
        if piece[end:end + 1] in _SENTENCE_END and start > at:
            continue            # a label's words ending a sentence, no cell
        out.extend(_values(piece[at:start]))
        out.append(piece[start:end])
        at = end
    out.extend(_values(piece[at:]))
    return out


def _title_end(piece: str) -> int:
    """Where a form's title (…绩效目标表, …自评表) ends in a piece that starts with it."""
    key = match_key(piece)
    v = vocabulary()
    for word in sorted(v.selfeval.titles + v.selfeval.department_titles + v.targets.titles
                       + v.targets.department_titles, key=len, reverse=True):
        at = key.find(word)
        if at >= 0 and word.endswith("表") and at + len(word) <= 40:
            end = at + len(word)
            for n in range(end, len(piece) + 1):       # printed characters that make up the key
                if len(match_key(piece[:n])) >= end:
                    return n
    return 0


def _values(text: str) -> list[str]:
    text = text.strip("：:")
    if _closing_quantity(text):
        return [text]
    if _ITEM_NUMBER.match(text) or _QUANTITY_LIST.search(text):
        return [p for p in _AFTER_PERCENT.split(text) if p]
    out: list[str] = []
    for item in _items(text):
        pieces = [(item, True)] if _ITEM_ALONE.match(item) else _row_values(item)
        for piece, whole in pieces:
            out.extend([piece] if whole else
                       [p for part in _AFTER_PERCENT.split(piece) for p in _VALUE_START.split(part) if p])
    return out


_PROSE_CLAUSES = 3         # clause marks that make a piece sentences (a goal's text), not cells
_CLOSING_QUANTITY = re.compile(r"[\u4e00-\u9fff]\d[\d.,]*[\u4e00-\u9fff]{0,3}$")


def _closing_quantity(text: str) -> bool:
    """Sentences that end with a quantity (…平均亩产马铃薯原种2500公斤, a goal's text cut
    off before the next label): the quantity is the sentence's, no cell of its own."""
    return len(_SENTENCE.findall(text)) >= _PROSE_CLAUSES and _CLOSING_QUANTITY.search(text) is not None


_ITEM_START = re.compile(r"(?<=.)(?=指标\s*\d{1,2}\s*(?:[:：]|$))")
_ITEM_ALONE = re.compile(r"^指标\s*\d{1,2}\s*[:：]?$")


def _items(text: str) -> list[str]:
    """A run cut before each numbered item (``指标1:``, ``指标2:``): a template's rows, each
    its own cell (an item alone is a placeholder row, left out later)."""
    return [p for p in _ITEM_START.split(text) if p] if "指标" in text else [text]


@cache
def _row_value_pattern() -> re.Pattern[str]:
    """A value as a row of a run-together table prints it (on match keys): a comparator
    sign or word, a number, a percent sign or a measure word; or a verdict (达成预期指标);
    or a word printed twice (``合格合格``: target and actual alike) before a number."""
    v = vocabulary()
    words = sorted({w for w, _ in PREFIXES}, key=len, reverse=True)
    comparator = "|".join(re.escape(w) for w in words)
    units = "|".join(re.escape(u) for u in v.units)
    verdicts = "|".join(re.escape(w) for w in v.verdicts)
    number = rf"(?:{comparator})?\d+(?:\.\d+)?(?:[%‰]|{units})?" if units else r"\d+(?:\.\d+)?%?"
    return re.compile(rf"(?P<verdict>{verdicts})|(?P<value>{number})|(?P<twin>([\u4e00-\u9fff]{{1,4}})\4)(?=\d)"
                      if verdicts else rf"(?P<value>{number})")


_NO_UNIT_BEFORE = re.compile(r"[年月日号时点]")      # 2021年11月: a date, no values


def _row_values(text: str) -> list[tuple[str, bool]]:
    """Values a table's row runs together (``50件50件2020``, ``100%1000件达成预期指标``), cut
    out as cells of their own: ``(piece, is_value)`` in order. A value counts where it
    stands in a run of two or more values one of which has a measure word or a comparator
    word, or right before a verdict; a lone number inside words is part of a name
    (森林火灾6小时内扑灭率), a date no value. Other text is left to the caller."""
    keys = [match_key(ch) for ch in text]
    key = "".join(keys)
    if len(key) < 4:
        return [(text, False)] if text else []
    at_char: list[int] = []                # key position → index of the printed character
    for i, k in enumerate(keys):
        at_char.extend([i] * len(k))
    at_char.append(len(text))
    found = [m for m in _row_value_pattern().finditer(key)
             if not (m.group("value") and _NO_UNIT_BEFORE.match(key, m.end()))]
    groups: list[list[re.Match[str]]] = []
    for m in found:
        if groups and groups[-1][-1].end() == m.start():
            groups[-1].append(m)
        else:
            groups.append([m])
    out: list[tuple[str, bool]] = []
    at = 0
    for group in groups:
        if not (len(group) >= 2 and any(_marked(m) for m in group) or group[0].group("verdict")
                or group[0].group("twin")):
            continue                       # bare numbers and percents alone: cut elsewhere
        if _opens_sentence(group, text[at_char[group[-1].end()]:]):
            continue
        for m in group:
            a, b = m.start(), m.end()
            bounds = [a, a + (b - a) // 2, b] if m.group("twin") else [a, b]
            x = at_char[a]
            if x > at:
                out.extend(_answer(text[at:x]))
            out.extend((text[at_char[p]:at_char[q]], True) for p, q in zip(bounds, bounds[1:], strict=False))
            at = at_char[b]
    if at < len(text):
        out.append((text[at:], False))
    return out


def _opens_sentence(group: list[re.Match[str]], rest: str) -> bool:
    """A verdict that opens a sentence (已完成普陀体育中心费用结算。, a goal's text): the
    sentence's first words, no cell of its own; a verdict before a value or a label is."""
    return len(group) == 1 and bool(group[0].group("verdict")) and rest.rstrip().endswith("。") \
        and not re.search(r"\d", rest) and len(rest.strip()) > 2


def _marked(m: re.Match[str]) -> bool:
    """A value no run of bare numbers prints: a verdict, a twin, a measure word or a
    comparator word (numbers and percents alone are a fund line's, split by arithmetic)."""
    value = m.group("value")
    return value is None or bool(re.search(r"[^\d.%‰]", value))


_ANSWERED = re.compile(r"^(.*是否.{2,})([是否])$")


def _answer(name: str) -> list[tuple[str, bool]]:
    """A yes-or-no indicator run into its answer (公众知晓度是否明显提高是): name | 是."""
    m = _ANSWERED.match(name)
    return [(m.group(1), False), (m.group(2), True)] if m else [(name, False)]


# A row's item number in a cell of its own (目标1, 指标 2): a numbering, not a name and its value.
_ITEM_NUMBER = re.compile(r"^(?:目标|指标)\s*\d{1,2}$")
# A list of quantities (困难台胞432人、高龄台胞1792人、…培训91人): its last number is an item
# of the list like the others, not a value cut off from a name.
_QUANTITY_LIST = re.compile(r"\d[\u3400-\u9fff]{1,3}、[^、]*\d[\u3400-\u9fff]{0,3}$")


def _label_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the form's labels in printed text, longest match first, left to right."""
    keys = [match_key(ch) for ch in text]
    key = "".join(keys)
    where: list[int] = []                 # key position → index of the printed character
    for i, k in enumerate(keys):
        where.extend([i] * len(k))
    inside = _bracketed(key)
    return [(where[m.start()], _with_points(text, m.group(), _with_note(text, where[m.end() - 1] + 1)))
            for m in _label_pattern().finditer(key) if not inside[m.start()]]


_LEVEL_POINTS = re.compile(r"\d{1,3}(?:\.\d)?分(?=[\u4e00-\u9fff])(?![值数钟之])")


def _with_points(text: str, label: str, end: int) -> int:
    """A level label's end, with the block's points printed right after it and before the
    next cell's words (数量指标15分派车次数 is 数量指标15分 | 派车次数): the level's cell."""
    if not label.endswith("指标"):
        return end
    m = _LEVEL_POINTS.match(text, end)
    return m.end() if m else end


_NOTE = re.compile(r"[(（][^()（）\d]{1,8}[)）]")


def _with_note(text: str, end: int) -> int:
    """A label's end, with the bracketed words printed right after it (经济效益(可选项),
    社会效益（共性）): a note of the label, its cell's own; points (50分) are not a note."""
    m = _NOTE.match(text, end)
    return m.end() if m else end


def _bracketed(key: str) -> list[bool]:
    """Which places of the key lie inside brackets: a label there is part of a name
    (结余率(计算方法为:结余数/预算数)), never a cell of its own."""
    depth, out = 0, []
    for ch in key:
        if ch == "(":
            depth += 1
        out.append(depth > 0)
        if ch == ")" and depth:
            depth -= 1
    return out


@cache
def _label_pattern() -> re.Pattern[str]:
    """Every label, longest first: at each place the longest label that starts there."""
    return re.compile("|".join(re.escape(w) for w in _labels()))
