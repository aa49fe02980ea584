"""The form engine: fills a declared form (the vocabulary's part for it) from the cell stream.

What every form shares lives here; ``selfeval_form`` and ``targets_form`` only say what
their tables hold beyond it. The engine:

1. cuts the stream into tables: from a title of the form (…自评表, …绩效目标表), or an
   anchor (项目名称) with no title just above, or, for a fragment whose head is not in
   the text, from its indicator header or first level-1 label; another form's title
   ends a table and starts none;
2. reads info labels: the text after the label's colon, or the next cell;
3. reads the indicator table: a header names the columns; rows are read as printed where
   the printing kept them, and otherwise cut from the stream where the cells fit the
   columns best (a level label always starts a row; with empty cells kept, every row
   has the header's width less its merged level cells);
4. stops at a total row, the text after the table, or a page's furniture.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from jixiao.model.findings import Finding
from jixiao.model.provenance import Where
from jixiao.model.selfeval import LEVEL1, LEVEL2, Indicator, LevelHeading
from jixiao.model.values import EMPTY, Cell, money, normalize_text, squeeze
from jixiao.readers.form_drawn import drawn_rows
from jixiao.readers.form_fit import SKIP_EMPTY, align, is_number
from jixiao.readers.form_glued import split_glued
from jixiao.readers.form_head import joint_value, read_joint_tails, value_before
from jixiao.resolve.levels import level1_of, level2_of, points_of
from jixiao.sources.sheet import Sheet
from jixiao.sources.stream import Token, tokens
from jixiao.vocabulary import Form, match_key, vocabulary

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_YEAR_OF_TABLE = re.compile(r"((?:19|20)\d{2})\s*年度")
_YEAR_OF_TITLE = re.compile(r"表\s*[(（]\s*((?:19|20)\d{2})\s*[)）]")     # …绩效目标自评表 (2021)
_POINTS = re.compile(r"[（(]?[\d.\-–~]+分?[)）]?分?$")
_TITLE_SPAN = 60          # a title is a short line, not a sentence that names the form
_ROW_COST = 1.5           # what a new row costs when the stream's rows are cut by fit
_MAX_ROW = 14
_TOTAL_BLANKS = 12    # empty cells a printed total row may hold before its numbers
_ABOVE = 12               # cells above a table that may name its year
_HEAD_PROSE = 8           # sentences a table's head may hold (a goal, duties) before its rows
_HEAD_LINES = 150         # lines from a table's title to its rows (a page or two)
_LINE_COST = 2.0          # a row cut across lines, where the text prints a row a line
# Columns assumed where a fragment starts below its header: the national form's order.
HEADERLESS = ("name", "target", "weight", "score", "reason")
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、](?=\D).*[,，。;；])")
_QUALITATIVE = ("定性", "定量", "正向", "反向")
_CLAUSE = re.compile(r"[,。;]")
_ANNOTATION = re.compile(r"^\([^()]{1,8}\)$")
_NOTE = re.compile(r"\((?:必填|选填|可选)[^)]*\)$")
# The form's blank left unfilled: 县(市、区)…, (盖章), (签字).
_TEMPLATE = re.compile(r"[(（]\s*[市县区縣區]\s*、|^[(（]\s*(?:盖章|签字|签章|公章)\s*[)）]$")
_AMOUNT_UNIT = re.compile(r"^(万?元|亿元)$")
_LABEL_TAIL = re.compile(r"^及[\u4e00-\u9fff]{1,4}$")     # 主管部门 | 及代码: a label wrapped
# A cell that is no label's value: a column header (…(万元)), another label's own cell (单位负责人：…).
_NOT_A_VALUE = re.compile(r"\((万?元|亿元)\)$|^[\u4e00-\u9fff]{2,8}:")
_UNIT_NOTE = re.compile(r"^(金额)?单位:(万?元|亿元)$")      # the next table's head: 单位：万元
# Another label where a value should be (填报单位(盖章): 单位负责人:…, 单位负责人(签名)): the
# field was left blank and the next label follows on its line.
_LABEL_LIKE = re.compile(r"^[\u4e00-\u9fff]{2,8}(\([\u4e00-\u9fff]{1,4}\))?:|"
                         r"^[\u4e00-\u9fff]{2,8}\((签名|签字|签章|盖章)\):?$")

_OUTPUT_LEVEL2 = ("数量指标", "质量指标", "时效指标")     # the output block's level 2s, before 成本
_HOLDS_NO_OUTCOME = ("产出指标", "成本指标")                # level 1s no 效益 / 满意度 level 2 stands under
Level = tuple[str | None, str | None, str]          # (level 1, level 2, as printed)
Row = tuple[list[Level], list[Token]]


@dataclass
class Table:
    """One table's tokens and what they told (mutable while reading, frozen into the model)."""

    tokens: Sequence[Token]
    keys: list[str]
    info: dict[str, Cell] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: Cell = EMPTY
    total_score: Cell = EMPTY
    findings: list[Finding] = field(default_factory=list)
    cut: bool = False                     # the text ends inside the indicator rows
    last_of_stream: bool = False          # no other table follows in the text
    fund_weight: Decimal = Decimal(0)     # the execution line's weight and score, where the
    fund_score: Decimal = Decimal(0)      # form scores it: part of the total row's sums
    headings: list[LevelHeading] = field(default_factory=list)   # 产出指标 (50分): level 1s printed with points
    method: Cell = EMPTY                  # 得分计算方法, where the form prints it in a column
    before: Sequence[Token] = ()          # the text just above the table (a notice, a page title)
    blank_lines: frozenset[int] = frozenset()   # the sheet's blank lines: where pages break

    @property
    def where(self) -> Where:
        return self.tokens[0].where

    @property
    def lines(self) -> tuple[int, int] | None:
        numbers = [t.where.line for t in self.tokens if t.where.line is not None]
        return (min(numbers), max(numbers)) if numbers else None


_PLACEHOLDER_NAME = re.compile(r"^(指标\d*[:：]?)?(无|0|[.。…·\-—－/]+)?$")


def is_placeholder_name(text: str | None) -> bool:
    """``指标1:``, ``无``, ``0``, ``.....``: a row the form printed but nobody filled in."""
    return text is None or bool(_PLACEHOLDER_NAME.match(squeeze(normalize_text(text))))


def cell(token: Token) -> Cell:
    return Cell.read(token.text, token.where)


# --- level labels ----------------------------------------------------------------------

# A level label cut at its head where a merged cell was split (益指标(30分), 目标(30分)): its
# points say it is a label; what is left of its words names no level.
_CUT_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:指标\(\d+(?:\.\d+)?分?\)|\(\d+(?:\.\d+)?分\))$")


@lru_cache(maxsize=65536)
def level(text: str) -> Level | None:
    """(level1, level2, printed) a level label cell may name, or None for any other cell.

    A cell may read both ways (满意度指标, 成本指标); the row decides (``apply_levels``).
    A lone 指标 is the wrapped end of the label before it, and a label cut at its head keeps
    only its points: consumed, they tell nothing.
    """
    k = _NOTE.sub("", match_key(text).rstrip(":"))   # 数量指标(必填硬性指标): the form's note
    if k == "指标":
        return None, None, ""
    if not k or len(k) > 16:
        return None
    v = vocabulary()
    bare = _POINTS.sub("", k) if not k.endswith("指标") else k
    printed = (normalize_text(_POINTS.sub("", text.strip())) or bare).rstrip(":：")
    alias = v.alias(bare)
    if alias is not None:
        k = bare = printed = alias
    if bare in v.other_level1:           # 产出, 项目决策: an older form's level, kept as printed
        return printed, None, printed
    if bare in v.other_level2:
        return None, printed, printed
    if not k.endswith(("指标", "指")) and k == bare and len(k) <= 2:
        return None                        # 成本, 质量: a name as often as a cut label
    l1, l2 = level1_of(k), level2_of(k)
    if l1 or l2:
        return l1, l2, printed
    return (None, None, "") if _CUT_LABEL.match(k) else None


def apply_levels(labels: list[Level], level1: str | None, level2: str | None,
                 whole: bool = False) -> tuple[str | None, str | None]:
    """The levels after a row's labels: the first names level 1 where it can, the next level 2.

    A single label that reads both ways under a current level 1 is that level's level 2, and
    so is one after the output block's level 2s where no level 1 is printed (成本指标 after
    时效指标, under that block's level 1), and so is the same label printed twice there (one
    merged cell printed in two columns: the 2021 form's 成本指标 stands over 经济成本指标 …,
    never over itself); a national level 2 of another block under 产出指标 or 成本指标, which
    hold no outcome in any form, starts its own block (its level-1 cell lost), and so does one
    printed in the national form's words (服务对象满意度指标, cut or whole) in a ``whole``
    printed cell under another national level 1 (the older form's 社会公众或服务对象满意度指标
    stands under 效益指标; cut from a stream, a label may have lost its first words); a
    national level 1 under a form's level that stands over them (实施效果指标) is a level 2.
    """
    over = vocabulary().over_national
    if len(labels) == 2 and labels[0][2] == labels[1][2] and level2 in _OUTPUT_LEVEL2:
        labels = labels[:1]      # 成本指标 | 成本指标 after 时效指标: one merged cell printed in two columns
    for n, (l1, l2, printed) in enumerate(labels):
        if not printed:
            continue
        under = level1 in over and l1 in LEVEL1 and l2 is None
        sibling = l2 is not None and len(labels) == 1 and (level1 is not None or level2 in _OUTPUT_LEVEL2)
        if n == 0 and l1 is not None and not under and not sibling:
            # the level 1 printed again (a page top's copy) goes on with its current block
            level1, level2 = l1, (level2 if l1 == (level1 or vocabulary().parent(level2)) else None)
        elif n > 0 and l1 is not None and _level2_only(labels[n + 1:n + 2]):
            level1, level2 = l1, None      # 效益指标 (a block with no rows) | 满意度指标 | 服务对象满意度指标
        else:
            parent = vocabulary().parent(l2)
            if sibling and l1 is not None and level1 is None:    # 成本指标 after 时效指标: the output block's
                level1 = vocabulary().parent(level2)
            elif parent is not None and parent != level1 and level1 in LEVEL1 and (
                    level1 in _HOLDS_NO_OUTCOME or whole and match_key(l2 or "").startswith(match_key(printed))):
                level1 = parent                  # 经济效益指标 after 成本指标: the 效益 block began
            level2 = l2 or printed
    return level1, level2


def _level2_only(labels: list[Level]) -> bool:
    """The next label can only be a level 2: the one before it, read both ways, is its level 1."""
    return bool(labels) and labels[0][0] is None and labels[0][1] is not None


@lru_cache(maxsize=65536)
def national_level1(key: str) -> str | None:
    lv = level(key)
    return lv[0] if lv is not None and lv[0] in LEVEL1 and lv[1] is None else None


# --- tables in the stream --------------------------------------------------------------

@lru_cache(maxsize=65536)
def is_title(form: Form, key: str) -> bool:
    """A short cell naming the form (a sentence that mentions it is no title)."""
    return len(key) <= _TITLE_SPAN and not _CLAUSE.search(key) and \
        any(t in key for t in form.titles + form.department_titles)


@lru_cache(maxsize=65536)
def any_title(key: str) -> bool:
    v = vocabulary()
    return is_title(v.selfeval, key) or is_title(v.targets, key)


def is_department(form: Form, key: str) -> bool:
    return any(t in key for t in form.department_titles)


def _is_anchor(form: Form, key: str) -> bool:
    return any(key.startswith(a) and len(key) <= len(a) + 40 for a in form.anchors)


@lru_cache(maxsize=65536)
def is_header(key: str) -> bool:
    """An indicator header cell: 一级指标, 二级指标, 三级指标, 指标名称."""
    return vocabulary().columns.role_of(key, limit=12) in ("level1", "level2", "name")


@lru_cache(maxsize=65536)
def body_start(key: str) -> bool:
    """Where the indicator part starts: its header, or a level-1 label (产出指标)."""
    return is_header(key) or national_level1(key) is not None


def has_body(keys: Sequence[str], first: int, last: int) -> bool:
    """A table has an indicator header; a fragment without one, two level-1 labels."""
    part = keys[first:last]
    return any(is_header(k) for k in part) or len({national_level1(k) for k in part} - {None}) >= 2


def segments(form: Form, toks: Sequence[Token], keys: list[str], fragments: bool = True,
             headed: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Token ranges of the form's tables: from a title, or an anchor with no title just
    above, or (``fragments``) the indicator part of a table whose head is not in the text.

    Another form's title ends a table and starts none: its rows belong to the other form.
    A titled table cut off before its indicators is kept where ``headed`` finds another
    part of it (the fund block's header).
    """
    starts: list[int] = []
    other = [i for i, k in enumerate(keys) if any_title(k) and not is_title(form, k)]
    for i, k in enumerate(keys):
        if is_title(form, k):
            if starts and i - starts[-1] <= 3 and not has_body(keys, starts[-1], i):
                pass                    # consecutive titles (form, then subject): one table
            else:
                starts.append(i)
        elif _is_anchor(form, k) and not any(any_title(keys[j]) or _is_anchor(form, keys[j])
                                             for j in range(max(0, i - 12), i)):
            if not starts or has_body(keys, starts[-1], i):
                starts.append(i)
    first_body = next((i for i, k in enumerate(keys) if body_start(k)), None)
    if fragments and first_body is not None and (not starts or first_body < starts[0]) \
            and not any(j < first_body for j in other):
        starts.insert(0, first_body)          # a fragment: the table's head is not in the text
    bounds = sorted(set(starts) | set(other)) + [len(keys)]
    return [(line_start(toks, a), b) for a, b in zip(bounds, bounds[1:], strict=False)
            if a in starts and (has_body(keys, a, b) or (
                headed is not None and is_title(form, keys[a]) and any(headed(k) for k in keys[a:b])))]


def line_start(toks: Sequence[Token], at: int) -> int:
    """A title cut from the words before it on its line (2021年度…项目 | 绩效自评表) starts
    with them: they name its year and subject."""
    line = toks[at].where.line
    first = at
    while at > 0 and first - at < _TITLE_WORDS and line is not None and toks[at - 1].where.line == line \
            and not toks[at - 1].rowed and toks[at - 1].text.strip() and len(toks[at - 1].text) <= _TITLE_SPAN:
        at -= 1
    return at


_TITLE_WORDS = 3     # cells a title is cut into at most (a whole table on one line is no title)


def tables_of(sheet: Sheet, form: Form, fragments: bool = True,
              headed: Callable[[str], bool] | None = None) -> Iterator[Table]:
    """The form's tables in the sheet's cell stream, in document order."""
    toks = tokens(sheet)
    keys = [match_key(t.text) for t in toks]
    blank = frozenset(line.number for line in sheet.lines if line.blank)
    for first, last in segments(form, toks, keys, fragments, headed):
        yield Table(toks[first:last], keys[first:last], last_of_stream=last == len(keys),
                    before=toks[max(0, first - _ABOVE):first], blank_lines=blank)


_SUBJECT_YEAR = re.compile(r"^\s*(?:\d+[、.．]\s*)?(?:(?:19|20)\d{2}\s*年度?)?")
_SUBJECT_TAIL = re.compile(r"(?:项目支出|支出)?(?:绩效评价指标表|绩效目标申报表|绩效目标表|绩效自评表|绩效目标自评表|"
                           r"自评表|评价表)$")


def title_subject(table: Table, form: Form) -> Cell | None:
    """The project a table's title names where no label does (2019年度宁晋县高中助学金项目
    绩效评价指标表 → 宁晋县高中助学金项目); None for a title naming only the form."""
    head = next((t for t in table.tokens[:3] if is_title(form, match_key(t.text))), None)
    if head is None or is_department(form, match_key(head.text)):
        return None
    text = normalize_text(head.text) or ""
    subject = _SUBJECT_TAIL.sub("", _SUBJECT_YEAR.sub("", text)).strip("（）() ")
    if len(subject) < 4 or subject in ("项目支出", "财政支出", "专项资金", "部门整体支出") or _CLAUSE.search(subject):
        return None
    if subject.endswith("表") or any(c in subject for c in "（()）"):
        return None
    return Cell.read(subject, head.where)


def year(table: Table) -> int | None:
    """The year the title prints (…(2023年度), 2024年…), in the table's first cells; else
    the year the text just above it names (关于下达2021年…资金的通知), the nearest first."""
    first = [t.text for t in table.tokens[:60] if t.text.strip()][:6]
    above = [t.text for t in reversed(table.before) if t.text.strip()]
    # a title the printing cut at its year (2017 | 年部门整体…得分表, …自评表 | (2021)): joined
    near = above[:1] + first
    title = ["".join(near[k:k + 2]) for k in range(len(near) - 1)]
    for texts in (first, title, above):
        for pattern in (_YEAR_OF_TABLE, _YEAR_OF_TITLE, _YEAR):   # 2021年度 before a date (2022年3月22日)
            for text in texts:
                m = pattern.search(text)
                if m:
                    return int(m.group(1))
    return None


# --- labels and the cells after them ---------------------------------------------------

@lru_cache(maxsize=65536)
def is_label(form: Form, key: str) -> bool:
    """A cell that is a label of the form, or a table's title (…表): never a value."""
    roles = [form.info, vocabulary().columns] + [r for r in (form.fund_columns, form.amounts) if r]
    return any(r.role_of(key, limit=12) for r in roles) or any_title(key) or (
        key.endswith("表") and len(key) <= _TITLE_SPAN) or any(
        key.startswith(w) and len(key) <= len(w) + 8 for w in vocabulary().sections)


def value_after(table: Table, form: Form, i: int, word: str, last: int) -> Cell | None:
    """The value a label at ``i`` introduces: after its colon, after the label in the same
    cell, or the next cell that is no label itself."""
    text, key = table.tokens[i].text, table.keys[i]
    after = re.split(r"[：:]", text, maxsplit=1)
    if len(after) == 2 and after[1].strip():
        return Cell.read(after[1].strip(), table.tokens[i].where)
    if len(key) > len(word) + 2 and not key.startswith(word + "("):
        rest = re.sub(r"^\s*[（(][^)）]*[)）]", "", text.strip()[len(word):])
        return Cell.read(rest.strip(), table.tokens[i].where) if rest.strip() else None
    nxt = next((j for j in range(i + 1, min(last, i + 4)) if table.tokens[j].text.strip()
                and not _LABEL_TAIL.match(table.keys[j])), None)
    if nxt is not None and not is_label(form, table.keys[nxt]) and not _NOT_A_VALUE.search(table.keys[nxt]):
        return cell(table.tokens[nxt])
    return None


def _own_value(form: Form, value: Cell) -> Cell:
    """A value run into the next label of its line (某项目 项目负责人及电话 某人): cut there."""
    text = value.text or ""
    pieces = text.split(" ")
    for n in range(1, len(pieces)):
        if form.info.role_of(match_key(pieces[n]), limit=40) is not None:
            return Cell.read(" ".join(pieces[:n]), value.where)
    return value


def _labels_cell(key: str, word: str) -> bool:
    """The cell starts with the label (a label of one or two characters: is the label)."""
    if len(word) <= 2:
        return key == word or key.startswith(word + ":") or key.startswith(word + "(")
    return key.startswith(word) and len(key) <= len(word) + 60


def read_info(table: Table, form: Form, first: int, last: int) -> None:
    """Info labels (项目名称, 主管部门 …) and their values: for each role, the value of the
    label the vocabulary lists first (项目名称 before 单位名称), then the first printed."""
    ranks: dict[str, int] = {}
    for i in range(first, last):
        key = table.keys[i]
        found = next(((r, w) for r, words in form.info.labels for w in words if _labels_cell(key, w)), None)
        if found is None:
            continue
        role, word = found
        rank = form.info.rank(word)
        if role in table.info and ranks[role] <= rank:
            continue
        joint = joint_value(table, lambda k: is_label(form, k), i, word, last)
        value = value_after(table, form, i, word, last) if joint is None else joint[0]
        if joint is None and (value is None or is_number(value.text or "")):
            value = value_before(table, form, i, first, lambda k: is_label(form, k), any_title) or value
        if value is not None and not value.empty and not _AMOUNT_UNIT.match(value.text or "") \
                and not _TEMPLATE.search(value.text or "") and not _LABEL_LIKE.match(match_key(value.text)):
            # 单位：万元 names the amounts' unit
            table.info[role] = _with_code(table, i, word, _own_value(form, value))
            ranks[role] = rank
    read_joint_tails(table, form, lambda k: is_label(form, k), first, last)
    both = table.info.pop(_BOTH, None)
    if both is not None:               # 实施(主管)单位: one cell names the department and the unit
        table.info.setdefault("department", both)
        table.info.setdefault("unit", both)


_BOTH = "department_and_unit"


_CODE_CELL = re.compile(r"^\d{3,12}$")


def _with_code(table: Table, at: int, word: str, value: Cell) -> Cell:
    """A label that asks for the code too (主管部门及其编码) whose name and code the printing
    split apart on one line (湘潭市某局 308001): both, as printed."""
    if not word.endswith(("编码", "代码")):
        return value
    j = next((j for j in range(at + 1, min(len(table.tokens), at + 5)) if table.tokens[j].text == value.text), None)
    if j is None or j + 1 >= len(table.tokens):
        return value
    code = table.tokens[j + 1]
    if code.row != table.tokens[j].row or not _CODE_CELL.match(code.text.strip()):
        return value
    return Cell.read(f"{value.text} {code.text.strip()}", value.where)


# --- the indicator table ---------------------------------------------------------------

def read_indicators(table: Table, first: int) -> None:
    """The indicator rows from the header at ``first`` to the table's end, and its total."""
    header, i = _header(table, first)
    body = tuple(r for r in header if r not in ("level1", "level2"))
    if not body:
        body = HEADERLESS                  # a fragment without its header row
    elif "name" not in body:
        body = ("name",) + body
    end = i
    titles = [_row_text(table, j) for j in range(min(_TITLE_WORDS * 2, first)) if any_title(table.keys[j])]
    while end < len(table.keys) and not _ends_at(table, end) and not _title_again(table, end, titles):
        end += 1
    scattered = _scattered_header(table, header, first, i, end)
    if scattered:
        body = scattered
    if end < len(table.keys) and _UNIT_NOTE.match(table.keys[end]) and table.tokens[end].rowed:
        while end > i and table.tokens[end - 1].row == table.tokens[end].row:
            end -= 1                       # the next table's head row (207101某单位 | 单位：万元)
    level1: str | None = None
    level2: str | None = None
    before = len(table.indicators)
    raw = table.tokens[i:end]
    # a stream's repeated headers are cut out here; printed rows drop theirs whole (_repeated_header)
    body_tokens = list(raw) if raw and all(t.rowed for t in raw) else _without_repeated_headers(table, i, end)
    if "method" in body:
        body_tokens = _without_method_lines(body_tokens)
    if scattered:                          # the header's cells are no row's cells
        body_tokens = [t for k, t in enumerate(body_tokens) if not _scattered_cell(body_tokens, k)]
    _read_headings(table, body_tokens)
    printed = bool(body_tokens) and all(t.rowed for t in body_tokens)
    # ``质量指标：…`` lines are a table's rows where they follow its head, not pages of a report later
    labelled = _labelled_lines(body_tokens) if _near_head(table, first) else set()
    tail: list[Token] = []                 # the cells of the last row kept
    added = False
    marks: list[tuple[int | None, bool]] = []     # each indicator's line, and did it print a level 2
    found = rows(body_tokens, body)
    # A self-evaluation's rows close with their points and score, which say where a row is even
    # where its merged level cell is drawn after it (a spreadsheet dumped in drawing order).
    scored = bool({"weight", "score"} & set(header + list(scattered)))    # printed, in place or scattered
    for labels, row_cells in found:
        level1, level2 = apply_levels(labels, level1, level2, printed)
        if level1 is None and level2 is None and "level1" in header and not printed and not scored:
            continue      # under a level-1 column every row has a level: cells above the first are not rows
        if printed and any(lv[1] for lv in labels):
            _claim_numbered_rows(table, before, marks, row_cells, (level1, level2))
        if printed and added and not labels and _wrapped_tail(table, row_cells, body):
            continue
        if printed and _repeated_header(row_cells):
            continue
        count = len(table.indicators)
        for cells, listed in _listed(row_cells):
            ahead = len(table.indicators)
            _indicator(table, level1, level2, cells, listed, body, printed, labelled)
            tail = cells if len(table.indicators) > ahead else tail
        added = len(table.indicators) > count
        marks += [(row_cells[0].where.line, any(lv[1] for lv in labels))] * (len(table.indicators) - count)
    _fill_first_block(table, before)
    if printed:
        _drop_page_top_labels(table, before, marks)
        _claim_cost_rows(table, before, marks)
    if end < len(table.keys) and is_total(table.keys[end]):
        _read_total(table, end, _score_column(table, first))
        if table.total_weight.empty and table.total_score.empty and not printed:
            _total_drawn_before(table, body_tokens, found)
    table.cut = end == len(table.keys) and table.last_of_stream
    if table.cut and table.indicators and _last_row_cut(table, body, tail, body_tokens):
        table.indicators.pop()


def _last_row_cut(table: Table, body: tuple[str, ...], tail: list[Token], toks: list[Token]) -> bool:
    """The text ends inside the table's last row, a row cut mid-way that is left out (LABELS.md):
    its cells are the last printed and it fills none of actual, weight and score where the header
    has all three; or, on the last line of a stream, it lacks the last of the header's number
    columns (…| 严格执行相关财经法 and no 分值 | 得分) and no R004 says its numbers were
    printed but unreadable (a glued run no split reads)."""
    row = table.indicators[-1]
    printed_last = next((t for t in reversed(toks) if t.text.strip()), None)
    wanted = [r for r in ("actual", "weight", "score") if r in body]
    if tail and tail[-1] is printed_last and len(wanted) == 3 and all(getattr(row, r).empty for r in wanted):
        return True
    if not toks:
        return False
    last = toks[-1]
    numbers = [r for r in body if r in ("weight", "score")]
    reached = any(f.code == "R004" and f.indicator == row.name.text for f in table.findings)
    return bool(numbers) and getattr(row, numbers[-1]).empty and row.where.line == last.where.line \
        and not last.rowed and not reached


_VALUE_UNIT = re.compile(r"^([=＝≥≤≧≦<>＜＞]*\s*\d[\d.,]*)\s+([^\d\s]{1,6})$")
_ITEM = re.compile(r"指标\s*\d{1,2}(?!\d)")
_ITEM_VALUE = re.compile(r"^(?P<name>.+?)(?:是|为|达到|达)?\s*(?P<value>[≥≤≧≦<>=＞＜]*\s*\d[\d.,]*\s*(?:%|％|[\u4e00-\u9fff]{1,2})?)$")


def _listed(cells: list[Token]) -> list[tuple[list[Token], bool]]:
    """A row as read, or, where one cell lists several indicators (指标1…：… 指标2…), one
    row an item, each item cut into its name and its value (after its colon, or the
    value it ends with: ``…支付进度为100%``)."""
    for cell_token in cells:
        text = cell_token.text
        starts = [m.start() for m in _ITEM.finditer(text)]
        if len(starts) < 2 or text[:starts[0]].strip():
            continue
        out: list[tuple[list[Token], bool]] = []
        for a, b in zip(starts, starts[1:] + [len(text)], strict=True):
            piece = text[a:b].strip().rstrip(":：;；,，。 …").strip()
            m = _ITEM.match(piece)
            rest = piece[m.end():] if m else piece
            named = re.match(r"^(\s*[（(][^)）]*[)）])?\s*[:：]\s*(.+)$", rest)
            if named:
                name, value = piece[:len(piece) - len(rest)] + (named.group(1) or ""), named.group(2)
            elif (v := _ITEM_VALUE.match(piece)) and _ITEM.fullmatch(v.group("name").strip()) is None:
                name, value = v.group("name"), v.group("value")
            else:
                name, value = piece, ""
            out.append(([replace(cell_token, text=name.strip()), replace(cell_token, text=value.strip())], True))
        return out
    return [(cells, False)]


def _indicator(table: Table, level1: str | None, level2: str | None, cells: list[Token], listed: bool,
               body: tuple[str, ...], printed: bool, labelled: set[int]) -> None:
    """One indicator row's cells to the row's columns, kept where it is an indicator."""
    alone = not printed and len(cells) == 1 and cells[0].row in labelled
    if printed:
        cells = _trimmed(cells)
    if listed:
        placed = {"name": 0, "target": 1}
    else:
        _, placed = align(tuple(t.text for t in cells), body, printed) if not alone else (0.0, {"name": 0})
    got = split_glued({r: cell(cells[k]) for r, k in placed.items()}, body, table.findings)
    if any(r.startswith(AREA) for r in body) and "target" not in got:
        got["target"] = _common_value([cell for r, cell in got.items() if r.startswith(AREA)])
    target = got.get("target", EMPTY)
    if "unit" in body and got.get("unit", EMPTY).empty and (m := _VALUE_UNIT.match(target.text or "")):
        # 24 人/次 under 指标值 | 计量单位: the unit's cell, printed beside its value
        got["target"], got["unit"] = Cell.read(m.group(1), target.where), Cell.read(m.group(2), target.where)
    if printed and not got.get("method", EMPTY).empty:
        table.method = _joined(table.method, got["method"])     # printed once, or a part a block
    name = got.get("name", EMPTY)
    weight = got.get("weight", EMPTY)
    if is_placeholder_name(name.text) and not (weight.number is not None and weight.number > 0):
        return
    if _header_word(name.text) or _header_words(name, got.get("target", EMPTY)):
        return            # a header among the rows (drawing order, a page break, a second block): no indicator
    if not printed and not alone and not listed and \
            all(got.get(r, EMPTY).empty for r in ("target", "actual", "weight", "score", "nature")) and \
            all(c.empty for r, c in got.items() if r.startswith(AREA)):
        return            # cut from a stream, a name alone is a row cut off or a sentence
    if not printed and _sentence_piece(name.text):
        return            # a scoring method's sentence cut at the columns it names (完成值达到指标值，记满分)
    table.indicators.append(Indicator(
        level1=level1 or vocabulary().parent(level2), level2=level2, name=name, target=joined_target(got),
        actual=got.get("actual", EMPTY), weight=weight, score=got.get("score", EMPTY),
        reason=got.get("reason", EMPTY), where=cells[0].where if cells else name.where))


def _header_word(text: str | None) -> bool:
    """A whole column header (三级指标, 指标值, 分值): no indicator's name. A text layer in
    drawing order prints header cells among the rows; they head columns, never rows."""
    k = match_key(text) if text else ""
    return bool(k) and len(k) <= 8 and vocabulary().columns.role_of(k, exact=True) in (
        "name", "target", "actual", "weight", "score", "level1", "level2")


def _without_method_lines(toks: list[Token]) -> list[Token]:
    """Under a 得分计算方法 column, a line of a stream that is one sentence naming the
    columns it scores (定量指标计算：完成值达到指标值，记满分；未达到指标值，按B/A…) and holds
    no value: the method's merged cell printed on a line of its own, no rows."""
    by_row: dict[int, list[Token]] = {}
    for t in toks:
        if not t.rowed:
            by_row.setdefault(t.row, []).append(t)
    cols = vocabulary().columns
    drop: set[int] = set()
    for row, line in by_row.items():
        text = "".join(t.text.strip() for t in line)
        named = sum(1 for t in line if cols.role_of(match_key(t.text), limit=16, exact=True) in (
            "target", "actual", "weight"))
        valued = any(is_number(normalize_text(t.text) or "") for t in line)
        if named >= 2 and not valued and len(_CLAUSE_MARKS.findall(text)) >= 2 and text.endswith("。"):
            drop.add(row)
    return [t for t in toks if t.rowed or t.row not in drop]


_CLAUSE_MARKS = re.compile(r"[，,；;：:]")


def _sentence_piece(name: str | None) -> bool:
    """A piece of a sentence, not an indicator's name: it starts with a clause mark
    (；未达到), or it is a column's own label (完成值, 指标值) that the sentence named."""
    text = (name or "").strip()
    if not text:
        return False
    return text[0] in "，,；;。、：:" or vocabulary().columns.role_of(match_key(text), limit=16, exact=True) in (
        "target", "actual", "weight", "score", "reason", "method")


_ITEM_CELL = re.compile(r"^(?:目标|指标)\s*\d{1,2}$")


def _past_item_numbers(toks: Sequence[Token]) -> Sequence[Token]:
    """Rows that number their indicator in a cell of its own before the name (评价指标 |
    绩效内容: ``目标1`` | 发放补助): the numbering is template furniture, read past."""
    if not any(_ITEM_CELL.match(t.text.strip()) for t in toks):
        return toks
    return [t for k, t in enumerate(toks) if not (
        _ITEM_CELL.match(t.text.strip()) and k + 1 < len(toks) and toks[k + 1].text.strip()
        and level(toks[k + 1].text) is None)]


def _common_value(values: list[Cell]) -> Cell:
    """The target of an indicator whose places each print a value: the value they all print;
    where they differ (or some are empty) no one value is the target: empty."""
    texts = {v.text for v in values}
    return values[0] if len(texts) == 1 and values[0].text else EMPTY


def _header_words(name: Cell, target: Cell) -> bool:
    """A name and a target that are both header cells (绩效指标 | 一级指标, 指标内容 | 指标值)."""
    keys = [match_key(c.text) for c in (name, target)]
    return all(k and (vocabulary().columns.role_of(k, limit=len(k) + 1, exact=True) is not None
                      or k in vocabulary().groups) for k in keys)


def _read_headings(table: Table, toks: Sequence[Token]) -> None:
    """Level-1 labels printed with their points (产出指标 (50) 分, 效益指标（30分）): what the
    form says each block weighs, the first print of each level 1."""
    seen = {h.level1 for h in table.headings}
    for t in toks:
        lv = level(t.text) if t.text.strip() and len(t.text) <= 24 else None
        points = points_of(match_key(t.text)) if lv is not None and lv[0] in LEVEL1 else None
        if lv is None or lv[0] is None or points is None or lv[0] in seen or not _POINTS_PRINTED.search(t.text):
            continue
        seen.add(lv[0])
        table.headings.append(LevelHeading(lv[0], Cell(text=format(points), raw=t.text, where=t.where), t.where))


_POINTS_PRINTED = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]")


def _repeated_header(cells: Sequence[Token]) -> bool:
    """The header row printed again at a page's top (三级指标 | 年度指标值 | … | 得分): every
    printed cell names a column but for one at most (the grouping cell, cut: 绩效); no
    indicator row reads so."""
    cols = vocabulary().columns
    keys = [match_key(t.text) for t in cells if t.text.strip()]
    named = sum(1 for k in keys if cols.role_of(k, limit=16) or k in vocabulary().groups)
    return named >= 3 and named >= len(keys) - 1


_CLOSING = re.compile(r"^[)）\]】、，,。；;:：%％]")


def _wrapped_tail(table: Table, cells: list[Token], body: tuple[str, ...]) -> bool:
    """A printed row holding only the ends of the row above's name and reason (a row the
    extractor broke across lines: ``社保补贴（万`` … ``元)``) joins it. It is one
    where no value is printed and the name reads as a tail: it opens with a closing bracket
    or punctuation, or the name above left a bracket open."""
    whole = _trimmed(cells)
    _, placed = align(tuple(t.text for t in whole), body, True)
    got = {r: cell(whole[k]) for r, k in placed.items()}
    name, prev = got.get("name", EMPTY), table.indicators[-1]
    if name.empty or any(not got.get(r, EMPTY).empty for r in ("target", "actual", "weight", "score", "nature")):
        return False
    above = prev.name.text or ""
    if not (_CLOSING.match(name.text or "") or sum(map(above.count, "(（")) > sum(map(above.count, ")）"))):
        return False
    table.indicators[-1] = replace(prev, name=_joined(prev.name, name),
                                   reason=_joined(prev.reason, got.get("reason", EMPTY)))
    return True


def _joined(a: Cell, b: Cell) -> Cell:
    """Text broken across lines, one cell again (normalising drops the break between CJK)."""
    if b.empty or a.empty:
        return a if b.empty else b
    return Cell.read(a.raw + "\n" + b.raw, a.where)


def _trimmed(cells: list[Token]) -> list[Token]:
    """A printed row without the empty cells that open and close it: the merged level cells
    before its name and the padding to the table's width after its last cell are no column
    left blank, and must not decide where the cells between them go."""
    printed = [k for k, t in enumerate(cells) if t.text.strip()]
    return cells[printed[0]:printed[-1] + 1] if printed else cells


def _header(table: Table, first: int) -> tuple[list[str], int]:
    """The indicator header's column roles, in order, and where the rows start.

    Header cells wrapped over two lines come apart in text: the head of a cell with no
    role of its own (``年度`` | ``实际``) waits for the tail printed on the next line
    (``指标值`` | ``完成值``), and a tail with no role (``及改进措施``) ends the cell before it.
    """
    cols = vocabulary().columns
    slots: list[str | None] = []
    heads: list[tuple[int, int, str]] = []       # (slot, row, text) of cell heads waiting
    i = first
    while i < len(table.keys):
        key, tok = table.keys[i], table.tokens[i]
        role = cols.role_of(key, limit=16) if key else None
        if (not key and tok.rowed) or (role is None and slots and (_ANNOTATION.match(key) or key == "指标")):
            i += 1                         # an empty header cell, a header's (A), (10分) or 指标 cut off
            continue
        if slots and not heads and tok.row > table.tokens[first].row and \
                (under := _sub_columns(table, i, slots)) is not None:
            slots, i = under
            break
        waiting = next((h for h in heads if h[1] < tok.row), None)
        if waiting is not None and cols.role_of(waiting[2] + key, limit=16):
            slots[waiting[0]] = cols.role_of(waiting[2] + key, limit=16)
            heads.remove(waiting)
            i += 1
            continue
        if role is None and slots and _fragment(key):
            tail = slots[-1] is not None and (key[0] in "及和与、" or cols.role_of(
                table.keys[i - 1] + key, 24, exact=True) == slots[-1])      # 偏差原因 | 及改进措施
            if not tail and _header_follows(table, i):
                heads.append((len(slots), tok.row, key))
                slots.append(None)
            if tail or heads:
                i += 1
                continue
        if role is None and _area_column(table, i, slots):
            role = f"{AREA}{sum(1 for r in slots if r and r.startswith(AREA)) + 1}"
        if role is None:
            break
        slots.append(role)
        i += 1
    header: list[str] = []
    for role in slots:
        if role is not None and role not in header:
            header.append(role)
    return header, i


# A group cell of a header and the roles of the sub-columns a second header line may print
# under it (预期指标值 over 符号 | 单位; 自评得分 over 单项指标得分 | 权重占比 | 折算得分).
_PARTS = {"target": ("nature", "direction", "unit"),
          "score": ("item_score", "weight", "score", "coefficient")}


def _sub_columns(table: Table, at: int, slots: list[str | None]) -> tuple[list[str | None], int] | None:
    """A header printed on two lines whose second line holds sub-columns of the first's
    group cells (Hebei's form: 预期指标值 over 符号 | 单位(文字描述), 自评得分 over 单项指标得分 |
    权重占比(%) | 单项指标折算得分). Each group cell gives way to its sub-columns, in order;
    a group's own value stays between its comparator and its unit (符号 | value | 单位). A
    role the top line also names elsewhere (指标分值 beside 权重占比) is the sub-column's:
    the top cell is read past. In one cell per line the sub-columns are the run of such
    cells after the top cells; they must name again a role the top cells named (a header
    names a column once). None where the cells are no such sub-header."""
    cols = vocabulary().columns
    parts: list[str] = []
    j = at
    while j < len(table.keys):
        key = table.keys[j]
        role = cols.role_of(key, limit=16) if key else None
        if role is not None and any(role in p for p in _PARTS.values()):
            parts.append(role)
        elif key and not (parts and _fragment(key) or _ANNOTATION.match(key)):
            break                          # the sub-columns are over
        j += 1
    if j < len(table.keys) and table.tokens[j].row == table.tokens[at].row:
        return None                        # a line of cells that are not all sub-columns
    groups = [k for k, r in enumerate(slots) if r in _PARTS]
    # a header names a column once: a second line naming its roles again splits its groups
    if len(parts) < 2 or not groups or not set(parts) & set(slots):
        return None
    owned: dict[int, list[str]] = {}
    g = 0
    for role in parts:
        while g < len(groups) and role not in _PARTS[slots[groups[g]] or ""]:
            g += 1
        if g == len(groups):
            return None                    # a sub-column no group cell holds
        owned.setdefault(groups[g], []).append(role)
    out: list[str | None] = []
    for k, r in enumerate(slots):
        if k not in owned:
            out.append("note" if r in parts else r)
            continue
        mine = owned[k]
        if r not in mine:
            lead = sum(1 for p in mine if p in ("nature", "direction"))
            mine = mine[:lead] + [r or ""] + mine[lead:]
        out.extend(mine)
    return out, j


_BLOCK_POINTS = re.compile(r"^\d{0,2}[(（]\d+(?:\.\d+)?分[)）]$")   # 2(40分): a block's number and points
_REPEATED_HEADER = 3        # header cells in a row, a level's first, that repeat the header


def _without_repeated_headers(table: Table, first: int, end: int) -> list[Token]:
    """The body's cells less the headers it prints again (a form with two target blocks,
    年度绩效目标1 | 一级指标 | … and 年度绩效目标2 | 一级指标 | …, or a header repeated after a
    page break), with the block's title before each (年度绩效目标 | 2(40分)): no rows."""
    cols = vocabulary().columns
    goals = vocabulary().selfeval.goal.of("planned")
    drop: set[int] = set()
    k = first
    while k < end:
        if cols.role_of(table.keys[k], limit=16) != "level1":
            k += 1
            continue
        roles, after = _header(table, k)
        if len(roles) < _REPEATED_HEADER:
            k += 1
            continue
        start = k
        while start > first and k - start < 2 and (table.keys[start - 1] in goals
                                                   or _BLOCK_POINTS.match(table.keys[start - 1])):
            start -= 1
        drop.update(range(start, min(after, end)))
        k = max(after, k + 1)
    return [t for n, t in enumerate(table.tokens[first:end], start=first) if n not in drop]


AREA = "area"        # a column of values for one place (乡镇, 村): roles area1, area2, …
_AREA_NAME = re.compile(r"^[\u4e00-\u9fff]{2,10}$")


def _area_column(table: Table, at: int, slots: list[str | None]) -> bool:
    """A regional form that gives each place its own value column after the indicator's
    name and note (三级指标 | 指标解释 | 西坪镇尧山村 | 桃舟乡吾培村 …) and no 指标值 column:
    a header cell naming no role, where such cells (two or more) run up to the first level
    label of the rows."""
    here = table.keys[at]
    if "name" not in slots or "target" in slots or not _AREA_NAME.match(here) or level(here) is not None:
        return False
    run = sum(1 for r in slots if r and r.startswith(AREA))
    for k in range(at, min(len(table.keys), at + 24)):
        key = table.keys[k]
        if not key:
            continue
        if body_start(key) or level(key) is not None:
            return run >= 2
        if not _AREA_NAME.match(key) or vocabulary().columns.role_of(key, limit=16) is not None:
            return False
        run += 1
    return False


_VALUE_COLUMNS = ("target", "actual", "weight", "score", "reason")
_SCATTERED_COLUMNS = 3     # value columns a header row scattered among the rows names at least


def _value_column(key: str) -> str | None:
    """The value column a whole header cell names (指标值, 完成值, 分值, 得分, 偏差原因…)."""
    role = vocabulary().columns.role_of(key, limit=16, exact=True) if key else None
    return role if role in _VALUE_COLUMNS else None


def _scattered_header(table: Table, header: list[str], first: int, start: int, end: int) -> tuple[str, ...]:
    """The columns of a header whose cells a text layer in drawing order printed among the
    first rows (a spreadsheet dumped cell by cell onto one line: ``年度 实际 指标值 完成值
    指标1:… 二级指标 三级指标 指标5:… 分值 得分``): where the header found in place names
    no value column and the rows' printing lost them, the value columns named by whole header
    cells printed around it, back to the block above (the fund lines, the goals) and on
    through the rows, in the form's column order. () where the header is whole, or where
    fewer than three value columns are named (a lone 指标值 heads a column printed apart)."""
    if any(r in _VALUE_COLUMNS for r in header) or any(t.rowed for t in table.tokens[start:end]):
        return ()
    found: set[str] = set()
    k = first - 1
    while k >= 0 and not _block_label(table.keys[k]):
        found.add(_value_column(table.keys[k]) or "")
        k -= 1
    found.update(_value_column(key) or "" for key in table.keys[start:end])
    found.discard("")
    if len(found) < _SCATTERED_COLUMNS:
        return ()                          # a stray header word (a column printed apart) is no header row
    order = vocabulary().columns.names
    return ("name",) + tuple(sorted(found, key=order.index))


def _scattered_cell(toks: Sequence[Token], k: int) -> bool:
    """A cell of a header scattered among the rows: a whole column's header (指标值, 二级指标),
    or the first line of a wrapped one printed apart from its rest (年度 … 指标值)."""
    key = match_key(toks[k].text)
    if _value_column(key) is not None or _header_word(toks[k].text):
        return True
    return _fragment(key) and any(_value_column(key + match_key(t.text)) for t in toks[k + 1:k + 5])


@lru_cache(maxsize=65536)
def _block_label(key: str) -> bool:
    """A label of the blocks above an indicator table (fund lines and columns, goals, info):
    a header scattered among the rows is not looked for above them."""
    if not key:
        return False
    v = vocabulary()
    for form in (v.selfeval, v.targets):
        if any(key.startswith(w) for w in form.fund_items + form.goal_section):
            return True
        for roles in (form.fund_columns, form.amounts, form.goal, form.info):
            if roles is not None and roles.role_of(key, limit=16) is not None:
                return True
    return False


def _fragment(key: str) -> bool:
    """A piece of a header cell: a few characters, no number, no level label."""
    return 1 < len(key) <= 6 and not any(c.isdigit() for c in key) and level(key) is None


def _header_follows(table: Table, at: int) -> bool:
    cols = vocabulary().columns
    return any(cols.role_of(k, limit=16) for k in table.keys[at + 1:at + 6])


def joined_target(got: dict[str, Cell]) -> Cell:
    """指标性质 + 指标值 + 度量单位 as one target, as LABELS.md joins them (the unit only
    where the value is a bare number; a qualitative nature is no part of the value)."""
    value = got.get("target", EMPTY)
    unit = got.get("unit", EMPTY)
    natures = [got[r] for r in ("nature", "direction") if r in got and not got[r].empty]
    nature = next((n for n in natures if (n.text or "") not in _QUALITATIVE), natures[0] if natures else EMPTY)
    if nature.empty and unit.empty:
        return value
    text = value.text or ""
    if unit.text and text and (is_number(text) or text.replace(".", "").isdigit()):
        text = text + unit.text
    if nature.text and text and nature.text not in _QUALITATIVE and text[0] not in "=＝≥≤≧≦<>＜＞":
        text = nature.text + text
    return Cell.read(text, value.where) if text else value


@lru_cache(maxsize=65536)
def is_total(key: str) -> bool:
    return any(key.startswith(w) and len(key) <= len(w) + 8 for w in vocabulary().total)


@lru_cache(maxsize=65536)
def ends(key: str, headings: bool = True) -> bool:
    """The indicator rows are over: a total row, the next title, the text after the table
    (with ``headings``, a numbered heading of a report: 1.xxx，… — but a goal may read so)."""
    v = vocabulary()
    return is_total(key) or any_title(key) or any(key.startswith(w) for w in v.after) \
        or (headings and bool(_HEADING.match(key))) or bool(_UNIT_NOTE.match(key)) or bool(_REVIEW.match(key))


# The reviewers' boxes below a form (财政部门审核意见, 财政部门支出股室初审意见 (盖章)).
_REVIEW = re.compile(r"^[^\d,。;]{0,12}(审核|初审|审批|审查)意见")


def _ends_at(table: Table, k: int) -> bool:
    """``ends`` at a place of the table: a numbered heading ends the rows only where it
    starts a line; inside a printed row it is a cell's text (1.若为定性指标，…)."""
    key = table.keys[k]
    if not ends(key):
        return False
    token = table.tokens[k]
    if ends(key, headings=False) or not token.rowed:
        return True
    return not any(t.row == token.row and t.text.strip() for t in table.tokens[max(0, k - 12):k])


_TITLE_AGAIN = 8          # characters of a title that, starting a line, are the next table's


def _row_text(table: Table, k: int) -> str:
    """The printed line a token starts (its row's tokens from it on), without spaces."""
    row = table.tokens[k].row
    return "".join(t.text for t in table.tokens[k:k + 40] if t.row == row).replace(" ", "")


def _title_again(table: Table, k: int, titles: list[str]) -> bool:
    """The table's title printed again at the start of a line, whole or cut by the end of
    the text (自治区本级部门2019年项目支出预算绩…): the next table of the form starts there."""
    if not titles or k == 0 or table.tokens[k - 1].row == table.tokens[k].row or table.tokens[k].rowed:
        return False
    line = _row_text(table, k)
    return len(line) >= _TITLE_AGAIN and any(
        len(title) >= _TITLE_AGAIN and (title.startswith(line) or line.startswith(title)) for title in titles)


_CODE = re.compile(r"^\d{1,3}\s*[-－.、]$")


def unwrap_labels(toks: Sequence[Token]) -> list[Token]:
    """Level labels a narrow cell wrapped over lines (``1-`` ``产出`` ``指标``, ``经济效益``
    ``指标``, ``1-产`` ``出指`` ``标``) joined back into one cell; rows of real cells stay."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.rowed or not t.text.strip():
            out.append(t)
            i += 1
            continue
        best = 1
        for n in (2, 3, 4):
            part = toks[i:i + n]
            if len(part) < n or any(p.rowed or len(p.text.strip()) > 6 or not p.text.strip() for p in part):
                break
            if any(is_number(p.text.strip()) or _EMPTYISH_CELL.match(p.text.strip()) for p in part):
                break                      # a row's numbers and placeholders (10 | 10 | - | 社会效益): no code
            joined = "".join(p.text.strip() for p in part)
            if level(joined) is not None and (level(t.text) is None or match_key(joined).endswith("指标")):
                best = n
        if best == 1 and _CODE.match(t.text.strip()) and i + 1 < len(toks) and not toks[i + 1].rowed:
            best = 2                       # 11- printed apart from its 数量指标
        if best > 1:
            out.append(replace(t, text="".join(p.text.strip() for p in toks[i:i + best])))
        else:
            out.append(t)
        i += best
    return out


def rows(toks: Sequence[Token], body: tuple[str, ...]) -> list[Row]:
    """The indicator rows: (level labels, cells) each. Printed rows where known, else cut.

    A row that prints only level labels (a heading row) lends them to the next row."""
    toks = _past_item_numbers(unwrap_labels(toks))
    if toks and all(t.rowed for t in toks):
        found: list[Row] = []
        by_row: dict[int, list[int]] = {}
        for k, t in enumerate(toks):
            by_row.setdefault(t.row, []).append(k)
        for idx in by_row.values():
            labels, rest = _peel(toks, idx)
            cells = [toks[k] for k in rest]
            found.append((labels, cells if any(c.text.strip() for c in cells) else []))
        found = _rejoin_broken_rows(found)
    else:
        found = _cut(_stream_levels(toks), body)
    merged: list[Row] = []
    pending: list[Level] = []
    for labels, cells in found:
        pending.extend(labels)
        if cells:
            merged.append((pending, cells))
            pending = []
    if toks and not all(t.rowed for t in toks):
        merged = drawn_rows(merged, body, level)
    return merged


def _rejoin_broken_rows(found: list[Row]) -> list[Row]:
    """Printed rows a page broke after the name cell (``产出指标 | 数量指标 | 扶持主体 (个) |``
    then ``15 | 6 | 8.0 | |``): a row whose only cell is a name, followed by a row with
    no level and no name, its first cell a number, is one row."""
    out: list[Row] = []
    for labels, cells in found:
        if out and not labels and cells and _values_first(cells) and _name_only(out[-1][1]):
            prev_labels, prev_cells = out[-1]
            out[-1] = (prev_labels, [c for c in prev_cells if c.text.strip()] + cells)
            continue
        out.append((labels, cells))
    return out


def _name_only(cells: list[Token]) -> bool:
    filled = [c for c in cells if c.text.strip()]
    return len(filled) == 1 and not is_number(normalize_text(filled[0].text) or "")


def _values_first(cells: list[Token]) -> bool:
    first = next((c for c in cells if c.text.strip()), None)
    return first is not None and bool(_VALUE_FIRST.match(normalize_text(first.text) or ""))


_VALUE_FIRST = re.compile(r"^[≥≤≧≦<>=＞＜]*\s*\d[\d.,]*\s*(?:%|％)?$")     # 15, 98%, ≥90%


_LEVEL_POINTS = re.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")      # (50分 ): a level's points


def _stream_levels(toks: Sequence[Token]) -> list[Token]:
    """Merged cells of the level column as a stream without rows prints them: the group
    cell (绩效指标) spanning every row lands among a row's cells and is none of them; a
    level's points printed as a cell of their own (产出指标 | (50分 )) belong to it."""
    groups = vocabulary().groups
    out: list[Token] = []
    for t in toks:
        if not t.rowed and match_key(t.text) in groups:
            continue
        if out and not t.rowed and _LEVEL_POINTS.match(t.text.strip()) and level(out[-1].text) is not None \
                and not out[-1].rowed:
            out[-1] = replace(out[-1], text=out[-1].text.strip() + t.text.strip())
            continue
        out.append(t)
    return out


def _peel(toks: Sequence[Token], idx: list[int]) -> tuple[list[Level], list[int]]:
    """Level labels at the front of a row (empty cells before them skipped)."""
    labels: list[Level] = []
    k = 0
    while k < len(idx):
        text = toks[idx[k]].text
        if not text.strip():
            nxt = next((j for j in range(k + 1, len(idx)) if toks[idx[j]].text.strip()), None)
            if nxt is not None and level(toks[idx[nxt]].text):
                k = nxt                   # the merged cells of the levels above: empty here
                continue
            break
        if match_key(text) in vocabulary().groups:
            k += 1                        # 绩效指标: the merged cell that groups the rows
            continue
        lv = level(text)
        if lv is None or _row_levels_done(labels):
            break
        labels.append(lv)
        k += 1
    return labels, idx[k:]


def _row_levels_done(labels: list[Level]) -> bool:
    """A printed row holds at most a level 1 then a level 2: what follows a level-2 label is
    the indicator's name, even where it reads like a label (an indicator named 服务对象满意度)."""
    return len(labels) >= 2 or (len(labels) == 1 and labels[0][1] is not None and labels[0][0] is None)


def _cut(toks: Sequence[Token], body: tuple[str, ...]) -> list[Row]:
    """Rows cut from a stream whose printing lost them: the cheapest cut where every row's
    cells fit the columns; a level label can only start a row."""
    n = len(toks)
    levels = _names_after_level2([level(t.text) for t in toks], toks)
    lined = _lines_are_rows(toks, len(body))
    inf = float("inf")
    best: list[tuple[float, int]] = [(inf, -1)] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 1, -1, -1):
        j0 = i
        while j0 < n and levels[j0] is not None:
            j0 += 1
        if j0 == n:
            best[i] = (0.0, n)
            continue
        for j in range(j0 + 1, min(n, j0 + _MAX_ROW) + 1):
            if levels[j - 1] is not None:
                break
            cost, _ = align(tuple(t.text for t in toks[j0:j]), body)
            if lined:                      # a row within one line, ending where it ends
                cost += _LINE_COST * (len({t.row for t in toks[i:j]}) - 1
                                      + (j < n and toks[j].row == toks[j - 1].row))
            total = cost + _ROW_COST + best[j][0]
            if total < best[i][0]:
                best[i] = (total, j)
        if best[i][0] == inf and not toks[i].text.strip():
            best[i] = (best[i + 1][0] + SKIP_EMPTY, i + 1)
    out: list[Row] = []
    i = 0
    while i < n:
        j = best[i][1]
        if j <= i:
            break
        labels = [lv for lv in levels[i:j] if lv is not None]
        cells = [t for t, lv in zip(toks[i:j], levels[i:j], strict=True) if lv is None]
        out.append((labels, cells if any(c.text.strip() for c in cells) else []))
        i = j
    return out


def _names_after_level2(levels: list[Level | None], toks: Sequence[Token]) -> list[Level | None]:
    """A level 1 in its short form (满意度) right after a level 2 of its own (服务对象满意度指标)
    is no label (a level 1 never follows its level 2): it is the indicator's name."""
    out = list(levels)
    prev: int | None = None
    for k, t in enumerate(toks):
        if not t.text.strip():
            continue
        lv, before = out[k], out[prev] if prev is not None else None
        if lv is not None and before is not None and lv[0] is not None and lv[1] is None and before[1] \
                and not match_key(t.text).endswith("指标") and vocabulary().parent(before[1]) == lv[0]:
            out[k] = None
        elif _same_level2_again(lv, before, t.text):
            out[k] = None
        prev = k
    return out


def _same_level2_again(lv: Level | None, before: Level | None, text: str) -> bool:
    """A level 2 in its short form right after the same level 2 in full (服务对象满意度指标 |
    服务对象满意度): a level never follows itself, so the second is the indicator's name."""
    return lv is not None and before is not None and lv[0] is None and before[0] is None \
        and lv[1] is not None and lv[1] == before[1] and not match_key(text).endswith("指标")


def _near_head(table: Table, first: int) -> bool:
    """The rows start close below the table's head: few sentences (a goal, the unit's
    duties) and few lines between them."""
    head = table.tokens[:first]
    prose = sum(1 for t in head if len(t.text) > 40 and len(_CLAUSE.findall(t.text)) >= 2)
    lines = [t.where.line for t in (head[0], table.tokens[first]) if t.where.line is not None] if head else []
    return prose <= _HEAD_PROSE and (len(lines) < 2 or lines[1] - lines[0] <= _HEAD_LINES)


def _labelled_lines(toks: Sequence[Token]) -> set[int]:
    """Lines printed as ``质量指标：学校的教育教学秩序良好…``: level labels, then one text.
    That text is the indicator the labels name, whatever its shape."""
    by_line: dict[int, list[Token]] = {}
    for t in toks:
        if t.text.strip() and not t.rowed:
            by_line.setdefault(t.row, []).append(t)
    return {row for row, line in by_line.items()
            if len(line) >= 2 and all(level(t.text) for t in line[:-1]) and level(line[-1].text) is None
            and line[-2].text.rstrip().endswith((":", "："))}


def _run_total(number: Cell) -> tuple[Cell, Cell] | None:
    """A total row's weight and score printed with nothing between (``10098``): a whole
    weight of 100, then a score not above it; None for any other number."""
    text = (number.text or "").replace(",", "")
    if not text.startswith("100") or len(text) <= 3 or (money(text) or 0) <= 1000:
        return None
    score = text[3:]
    value = money(score)
    if value is None or value > 100 or (score.startswith("0") and not score.startswith("0.")):
        return None
    return Cell.read("100", number.where), Cell.read(score, number.where)


def _lines_are_rows(toks: Sequence[Token], width: int) -> bool:
    """Text without separators printed one table row a line (``免疫规划知识培训次数2次以上``):
    most lines split into a few cells, no more than a row holds. Then a row seldom
    crosses a line's end, and a line seldom holds two rows."""
    per_line: dict[int, int] = {}
    for t in toks:
        if t.text.strip():
            per_line[t.row] = per_line.get(t.row, 0) + 1
    if len(per_line) < 3:
        return False
    fitting = sum(1 for count in per_line.values() if 2 <= count <= width + 2)
    return fitting >= 0.6 * len(per_line)


# A stream without separators runs the total into the words after it (总分99.6偏差大或目标…).
_RUN_TOTAL = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)(?=[\u4e00-\u9fff])(?![年月日元万亿人个次项户])")


_EMPTYISH_CELL = re.compile(r"^[-—–/…]+$")      # a placeholder cell: -, —, /
def _total_drawn_before(table: Table, body: Sequence[Token], found: list[Row]) -> None:
    """A total row's numbers drawn before its label, among the rows' values (a spreadsheet
    dumped cell by cell: … 95% 95% 10 9 100 94 成本指标 指标1:… 总分): the last two numbers
    no row took are its weight and score, where the weight is the sum of the weights read
    (and the fund line's) and the score not above it; else nothing is read."""
    used = {id(c) for _, cells in found for c in cells}
    left = [t for t in body if id(t) not in used and is_number(normalize_text(t.text) or "")]
    if len(left) < 2:
        return
    weight, score = (money(normalize_text(t.text) or "") for t in left[-2:])
    weights = sum((x.weight.number or 0 for x in table.indicators), table.fund_weight)
    if weight is None or score is None or weight != weights or score > weight:
        return
    table.total_weight, table.total_score = cell(left[-2]), cell(left[-1])


def _drop_page_top_labels(table: Table, first: int, marks: list[tuple[int | None, bool]]) -> None:
    """A level-2 label printed, then unlabelled rows, then the same label again, with no
    blank line between (one page): a merged cell prints its label once, so the first print
    (a page top's stray copy of the label) started no block; the rows from it up to the
    second print continue the block before it."""
    inds = table.indicators
    printed = [n for n, (_, has) in enumerate(marks) if has]
    for a, b in zip(printed, printed[1:], strict=False):
        i, k = first + a, first + b
        if a == 0 or b - a < 2 or inds[i].level2 != inds[k].level2 or inds[i - 1].level2 in (None, inds[i].level2):
            continue
        top, bottom = marks[a][0], marks[b][0]
        if top is None or bottom is None or any(top < n < bottom for n in table.blank_lines):
            continue
        back = inds[i - 1]
        for n in range(i, k):
            inds[n] = replace(inds[n], level1=back.level1, level2=back.level2)


_NUMBERED = re.compile(r"^指标(\d+)")


def _number_of(name: str | None) -> int:
    """``指标2: 无`` → 2: the number an indicator's name gives it, or 0."""
    m = _NUMBERED.match(match_key(name or ""))
    return int(m.group(1)) if m else 0


def _claim_numbered_rows(table: Table, first: int, marks: list[tuple[int | None, bool]],
                         cells: Sequence[Token], levels: tuple[str | None, str | None]) -> None:
    """A level-2 label printed beside 指标2 (or a later number), its merged cell centred
    lower than its first row: its block began at the 指标1 row above it, among the rows
    printed since the last label."""
    if _number_of(next((t.text for t in cells if t.text.strip()), None)) < 2:
        return
    inds = table.indicators
    run = []
    for n in range(len(marks) - 1, -1, -1):
        if marks[n][1]:
            break
        run.append(first + n)
    start = next((k for k in run if _number_of(inds[k].name.text) == 1), None)
    if start is None:
        return
    for k in range(start, len(inds)):
        inds[k] = replace(inds[k], level1=levels[0] or vocabulary().parent(levels[1]), level2=levels[1])


_MONEY = re.compile(r"\d\s*[万亿]?元$")
_COST = "成本指标"


def _claim_cost_rows(table: Table, first: int, marks: list[tuple[int | None, bool]]) -> None:
    """A merged 成本指标 cell prints its label mid-block (at the next page's top): the
    unlabelled rows just above it whose targets count money (10万元) are its rows, not the
    output block's before it (数量/质量/时效 count things, percentages, dates)."""
    inds = table.indicators
    for n, (_, has) in enumerate(marks):
        cost = inds[first + n]
        if not has or cost.level2 != _COST:
            continue
        m = n - 1
        while m >= 0 and not marks[m][1] and inds[first + m].level2 in _OUTPUT_LEVEL2 \
                and _MONEY.search(match_key(inds[first + m].target.text or "")):
            inds[first + m] = replace(inds[first + m], level1=cost.level1, level2=cost.level2)
            m -= 1


def _fill_first_block(table: Table, first: int) -> None:
    """Rows above the first level label, where that label is the second level 2 of the
    form's first block (质量指标 under 产出指标): the form's order leaves them one block, its
    first (数量指标), whose merged label cell the printing lost (a page break, a shifted header)."""
    head, second = LEVEL2[0], LEVEL2[1]
    parent = vocabulary().parent(head)
    if parent is None or vocabulary().parent(second) != parent:
        return
    rows_ = table.indicators[first:]
    labelled = next((n for n, x in enumerate(rows_) if x.level1 or x.level2), None)
    if not labelled or rows_[labelled].level2 != second:
        return
    for n in range(labelled):
        table.indicators[first + n] = replace(rows_[n], level1=parent, level2=head)


Columns = tuple[int | None, int | None, int]        # 分值's place, 得分's, the header's width


def _score_column(table: Table, first: int) -> Columns:
    """The places of 分值 and 得分 in a printed header row (cells counted from the row's
    start), and the row's width; None where the header is not printed as a row."""
    head = table.tokens[first]
    if not head.rowed:
        return None, None, 0
    row = [k for k in range(max(0, first - 16), min(len(table.keys), first + 16))
           if table.tokens[k].rowed and table.tokens[k].row == head.row]
    roles = [vocabulary().columns.role_of(table.keys[k], limit=16) if table.keys[k] else None for k in row]
    place = {r: n for n, r in reversed(list(enumerate(roles))) if r in ("weight", "score")}
    return place.get("weight"), place.get("score"), len(row)


def _under_weight(table: Table, k: int, columns: Columns) -> bool | None:
    """Does the lone number at ``k`` on a printed total row stand under 分值 (True) or 得分
    (False)? None where it stands under neither (a row shifted by merged cells)."""
    weight, score, _ = columns
    place = _place_in_row(table, k)
    if place is None or place not in (weight, score):
        return None
    return place == weight


def _place_in_row(table: Table, k: int) -> int | None:
    """A printed cell's place in its row, counted from the row's start."""
    tok = table.tokens[k]
    if not tok.rowed:
        return None
    n = k
    while n > 0 and table.tokens[n - 1].rowed and table.tokens[n - 1].row == tok.row:
        n -= 1
    return k - n


def _read_total(table: Table, at: int, columns: Columns = (None, None, 0)) -> None:
    """The total row's numbers: weight and score, or the one that matches its column's sum."""
    numbers: list[Cell] = []
    places: list[bool | None] = []            # each number: under 分值 (True), 得分 (False), unknown
    # The empty cells of the total's own row are the columns it leaves blank (a tab-separated
    # row prints each): they do not count against how far its numbers may stand.
    row = table.tokens[at].row
    near = [k for k in range(at + 1, min(len(table.tokens), at + 8 + _TOTAL_BLANKS))
            if not (table.tokens[k].rowed and table.tokens[k].row == row and not table.tokens[k].text.strip())][:7]
    for k in near:
        t = table.tokens[k]
        text = normalize_text(t.text) or ""
        if is_number(text):
            numbers.append(cell(t))
            places.append(_under_weight(table, k, columns))
        elif text and not (t.rowed and t.row == table.tokens[at].row):
            if not numbers and not t.rowed and (run := _RUN_TOTAL.match(text)):
                numbers.append(Cell.read(run.group(1), t.where))    # 总分100偏差大或目标…: run together
            break
    m = re.search(r"(\d+(?:\.\d+)?)\s*$", table.tokens[at].text)
    if m and not numbers:
        numbers.append(Cell.read(m.group(1), table.tokens[at].where))
    points = re.search(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]", table.tokens[at].text)
    if len(numbers) >= 2:
        table.total_weight, table.total_score = numbers[0], numbers[1]
    elif numbers and points:           # 总分(100分) | 98.5: the label names the weight
        table.total_weight = Cell.read(points.group(1), table.tokens[at].where)
        table.total_score = numbers[0]
    elif numbers and (pair := _run_total(numbers[0])) is not None:
        table.total_weight, table.total_score = pair    # 总分10098: 100 | 98 run together
    elif numbers:                      # one number: the total of the column whose sum it is
        n = numbers[0].number
        weights = sum((x.weight.number or 0 for x in table.indicators), table.fund_weight)
        scores = sum((x.score.number or 0 for x in table.indicators), table.fund_score)
        place = places[0] if places else None        # a number run into words, or in the label: unknown
        if place is not None:              # printed under 分值 or 得分: that column's
            if place:
                table.total_weight = numbers[0]
            else:
                table.total_score = numbers[0]
        elif n is not None and abs(n - weights) <= abs(n - scores):
            table.total_weight = numbers[0]
        else:
            table.total_score = numbers[0]

