"""Reader 'selfeval_frame': scoring frames (绩效评价指标表, 评价指标体系, 评分表).

Many units publish their self-evaluation not in the national form (指标值 | 完成值 |
分值 | 得分) but as the framework they were scored by: each row a criterion under its
levels (投入 / 过程 / 产出 / 效果, 项目决策 / 项目管理 / 项目绩效, 部门预算管理 …), with its
points (分值), the criteria's text (评价标准, 指标说明, 计分标准) and the points earned
(得分). Such a row has no target or actual; LABELS.md keeps its levels as printed.

The frame's header says which columns it has; the rows are read

- where the printing kept them (real cells): right-aligned to the header, so a row
  whose level cells were merged above it still finds its name, points and score;
- from a stream (a text layer, one cell per line, cells run together): by the cells'
  shapes. A criterion's name is a short label followed by its points (or by the
  criteria's prose); labels before it are its levels (each may carry its own points);
  the numbers after it are its points and score, the prose between them is read past.

The older project frame (项目决策 / 项目管理 / 项目绩效, no criteria column) is also read where
an excerpt starts inside its rows, its header cut off; a text layer prints each level's
points before it, breaks them over lines and runs the levels into the label after them:
the vocabulary's levels (``[frame] levels``) tell them apart from the criteria.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.model.findings import Finding, Severity
from jixiao.model.provenance import Where
from jixiao.model.selfeval import EvaluationKind, Indicator, SelfEvaluation
from jixiao.model.values import EMPTY, Cell, normalize_text
from jixiao.readers.base import ReadResult, Span
from jixiao.readers.form_engine import Table, any_title, ends, is_total, line_start, read_info, year
from jixiao.readers.registry import register
from jixiao.readers.unit_names import named_unit
from jixiao.resolve.levels import level1_of, level2_of
from jixiao.sources.sheet import Sheet
from jixiao.sources.stream import Token, tokens
from jixiao.vocabulary import Frame, match_key, vocabulary

NAME = "selfeval_frame"

_NUMBER = re.compile(r"^[(（]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?\s*[)）]?$")
_POINTS = re.compile(r"\s*[(（]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?\s*$|^\s*[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*")
_CLAUSE = re.compile(r"[，,。；;：:？?！!]|[≥≤≧≦<>＜＞=＝%％]")
_LABEL_SPAN = 24          # a criterion's name or a level is short; the criteria are prose
# A label and its points run together at the start of a piece (投入13预算配置13…): the
# number ends where the next label starts (not a unit: 19.8万元 is prose).
_LEADING_PAIR = re.compile(r"^([^\d\s]{1,24}?[^\d\s(（])\s*(\d{1,3}(?:\.\d{1,2})?)\s*"
                           r"(?=[\u4e00-\u9fff“\"(（]|$)(?![分万元人个次项年月日天户所家台套吨亩公里米辆册名倍])")
_LEADING_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\s+(\D.*)$")
_POINTS_GROUP = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]")
_NAMED_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")
_TITLE_LINES = 60          # lines above a frame where its document's title may name the unit
_WORD_END = re.compile(r"[\u4e00-\u9fff]$")
_LOOK = 40                # header cells are read within this many cells of the first
_HEADLESS_LOOK = 80       # a headless frame's next first level stands within this many cells
# A level's points broken by a text layer: '(' at a line's end, '10 分)' or '10 )' starting
# the next; within a piece, whole groups '(10 分)' '(20 )' and their cut ends '70 分)'.
_OPEN = re.compile(r"^[(（]\s*$")
_CLOSE = re.compile(r"^\s*分?\s*[)）]\s*")
_FRAGMENTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]|\d+(?:\.\d+)?\s*分\s*[)）]|^\s*分?\s*[)）]|[(（]\s*$")


@dataclass(frozen=True, slots=True)
class Atom:
    """A piece of the body: a short label, a number, or the criteria's prose."""

    kind: str            # "label" | "number" | "prose" | "empty"
    text: str
    where: Where
    row: int
    whole: bool = False  # a level the vocabulary knows: never joined with the next piece


@dataclass(frozen=True, slots=True)
class Header:
    """What the frame's header says: its columns in order (rowed printing), how many
    level columns stand above the criterion's name, and whether points precede the score."""

    roles: tuple[str, ...]       # "level" | "name" | "number" | "text" | "remark" | "other"
    levels: int
    numbers: int                 # 2: points then score; 1: the score alone


# The older project frame's header (一级 | 二级 | 三级指标 | 分值 | 得分), for a page that
# starts inside its rows.
_HEADLESS = Header(roles=("level", "level", "name", "number", "number"), levels=2, numbers=2)


class SelfEvaluationFrame:
    name = NAME
    title = "绩效评价指标表（评分框架）"
    general = True

    def identify(self, sheet: Sheet) -> float:
        k = match_key(sheet.text[:400000])
        frame = vocabulary().frame
        framed = any(c in k for c in frame.criteria) or any(t in k for t in frame.titles)
        headless = sum(1 for w in frame.headless_level1 if w in k) >= 2     # an excerpt of the older frame
        return 0.6 if (framed and "得分" in k) or headless else 0.0

    def read(self, sheet: Sheet) -> ReadResult:
        toks = tokens(sheet)
        keys = [match_key(t.text) for t in toks]
        frame = vocabulary().frame
        items: list[SelfEvaluation] = []
        spans: list[Span] = []
        findings: list[Finding] = []
        for first, body, last, header in _frames(toks, keys, frame):
            table = Table(toks[first:last], keys[first:last], before=toks[max(0, first - 12):first])
            read_info(table, vocabulary().selfeval, 0, body - first)
            doubts: list[Atom] = []
            indicators = _rows(toks[body:last], header, doubts)
            if len(indicators) < 2 or all(i.score.empty for i in indicators):
                continue
            findings.extend(_doubt(a) for a in doubts)
            weight, score = _total(toks, keys, last)
            kind = _kind(frame, keys[max(0, first - 12):body], indicators)
            department = kind is EvaluationKind.DEPARTMENT
            project = table.info.get("project", EMPTY)
            if project.empty and department:          # the unit the document's title names
                above = toks[first].where.line or 0
                project = named_unit(sheet, [x for x in sheet.lines if x.number < above][-_TITLE_LINES:])
            evaluation = SelfEvaluation(
                kind=kind, seq=len(items) + 1, year=year(table),
                project=project, department=table.info.get("department", EMPTY),
                unit=table.info.get("unit", EMPTY), indicators=tuple(indicators),
                total_weight=weight, total_score=score, where=toks[first].where, layout=NAME,
                complete=last < len(toks))
            if not evaluation.complete:
                findings.append(Finding(
                    code="R006", severity=Severity.INFO, where=toks[first].where,
                    document_kind=f"{'department' if department else 'project'}_self_evaluation",
                    message="文件在本表中途结束（网页或文档节选被截断）：只读取了完整的行，"
                            "合计类检查（分值合计、总分）不做。"))
            items.append(evaluation)
            lines = [t.where.line for t in toks[first:last] if t.where.line is not None]
            if lines:
                spans.append(Span(min(lines), max(lines), evaluation.project.text or "评分框架"))
        return ReadResult(items=tuple(items), spans=tuple(spans), findings=tuple(findings))


# --- the frame's header -----------------------------------------------------------------

def _roles(frame: Frame, key: str) -> list[str]:
    """A header cell's columns: its own, or those of the header words run together in it
    (分值评价标准指标说明得分 → points, criteria, criteria, score)."""
    role = _role(frame, key)
    if role is not None or len(key) > 40:
        return [role] if role else []
    found: list[tuple[int, str]] = []
    cols = vocabulary().columns
    words = [(w, r) for r in ("weight", "score") for w in cols.of(r)] + [(w, "text") for w in frame.criteria] \
        + [(w, "remark") for w in frame.remarks]
    covered = [False] * len(key)
    for w, r in sorted(words, key=lambda wr: -len(wr[0])):
        at = key.find(w)
        while at >= 0:
            if not any(covered[at:at + len(w)]):
                covered[at:at + len(w)] = [True] * len(w)
                found.append((at, r))
            at = key.find(w, at + 1)
    if sum(covered) < 0.8 * len(key):
        return []
    return [r for _, r in sorted(found)]


def _role(frame: Frame, key: str) -> str | None:
    """A header cell's column: a level, the criterion's name, a number, the criteria."""
    if not key or len(key) > 16:
        return None
    if key in frame.remarks:
        return "remark"
    if any(c in key and len(key) <= len(c) + 4 for c in frame.criteria):
        return "text"
    role = vocabulary().columns.role_of(key, limit=16)
    if role in ("level1", "level2"):
        return role
    if role == "name":
        return "name"
    if role in ("weight", "score"):
        return role
    if role in ("target", "actual", "reason", "nature", "unit"):
        return "measured"                 # the national form: the form engine reads it
    if key in frame.header_words:
        return "other"
    return None


def _header(frame: Frame, keys: Sequence[str], at: int) -> tuple[Header, int] | None:
    """The header starting at ``at`` and where its rows start; None unless it is a frame's
    (levels, a score, and no target or actual column)."""
    raw: list[str] = []
    i = at
    while i < len(keys) and i < at + _LOOK:
        roles = _roles(frame, keys[i])
        if not roles and i + 1 < len(keys) and 1 < len(keys[i]) <= 4 and not any(c.isdigit() for c in keys[i]):
            joined = _role(frame, keys[i] + keys[i + 1])      # 自评 | 得分, 一级 | 指标
            if joined is not None:
                raw.append(joined)
                i += 2
                continue
        if not roles and not keys[i]:
            i += 1
            continue
        if not roles:
            break
        raw.extend(roles)
        i += 1
    if "measured" in raw or "score" not in raw or not {"level1", "level2", "name"} & set(raw):
        return None
    titled = any(_is_title(frame, k) for k in keys[max(0, at - 4):at])
    if "text" not in raw and "weight" not in raw and not titled:
        return None                       # levels and a score alone: a frame only under its title
    depth = [r for r in ("level1", "level2", "name") if r in raw]
    numbers = sum(1 for k, r in enumerate(raw) if r in ("weight", "score")
                  and not (k > 0 and raw[k - 1] in ("level1", "level2")))
    deepest = depth[-1]
    columns = tuple("name" if r == deepest else "level" if r in ("level1", "level2", "name")
                    else "number" if r in ("weight", "score") else r for r in raw)
    return Header(roles=columns, levels=len(depth) - 1, numbers=max(1, min(2, numbers))), i


def _frames(toks: Sequence[Token], keys: Sequence[str], frame: Frame) -> list[tuple[int, int, int, Header]]:
    """(start, first row, end, header) of each frame: from its title (or header) to a total
    row, another table's title, or the text after the table."""
    found: list[tuple[int, int, int, Header]] = []
    i = 0
    while i < len(keys):
        got = _header(frame, keys, i) if _role(frame, keys[i]) in ("level1", "level2", "name", "other") else None
        if got is None and _headless(frame, keys, i):
            got = _HEADLESS, _row_start(toks, i)
        if got is None:
            i += 1
            continue
        header, body = got
        start = next((line_start(toks, j) for j in range(i - 1, max(-1, i - 8), -1) if _is_title(frame, keys[j])),
                     min(i, body))
        end = body
        while end < len(keys) and not (is_total(keys[end]) or ends(keys[end], headings=False)
                                       or _is_title(frame, keys[end])):
            end += 1
        found.append((start, body, end, header))
        i = max(end, i + 1)
    return found


def _headless(frame: Frame, keys: Sequence[str], at: int) -> bool:
    """A frame whose header the page cut off (an excerpt that starts inside its rows): a
    first level of the older project frame here (its points may come before it: 20分)项目决策),
    another of them further on, and the rows' numbers between."""
    first = _first_level(frame, keys[at])
    if first is None:
        return False
    ahead = keys[at + 1:at + _HEADLESS_LOOK]
    others = {w for k in ahead for w in frame.headless_level1 if w != first and w in k}
    return bool(others) and sum(1 for k in ahead if _NUMBER.match(k)) >= 4


def _first_level(frame: Frame, key: str) -> str | None:
    bare = _FRAGMENTS.sub("", key).lstrip("(（")
    return next((w for w in frame.headless_level1 if bare.startswith(w)), None)


def _row_start(toks: Sequence[Token], at: int) -> int:
    """The first cell on the line of ``at`` (the points printed before a level)."""
    line = toks[at].where.line
    while at > 0 and line is not None and toks[at - 1].where.line == line and not toks[at - 1].rowed:
        at -= 1
    return at


def _is_title(frame: Frame, key: str) -> bool:
    return len(key) <= 60 and (any(t in key for t in frame.titles) or any_title(key))


# --- the rows -----------------------------------------------------------------------------

def _atoms(toks: Sequence[Token]) -> list[Atom]:
    """The body's pieces: real cells one each (empty ones kept, to align rows); a stream's
    cells of one line joined back and cut at numbers standing alone and at a label's points."""
    out: list[Atom] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        if tok.rowed:
            text = (normalize_text(tok.text) or "").strip()
            out.append(_atom(text, tok) if text else Atom("empty", "", tok.where, tok.row))
            k += 1
            continue
        line = [tok]
        while k + len(line) < len(toks) and not toks[k + len(line)].rowed and toks[k + len(line)].row == tok.row:
            line.append(toks[k + len(line)])
        k += len(line)
        out.extend(_pieces(line))
    return out


def _pieces(line: Sequence[Token]) -> list[Atom]:
    """A stream line's atoms. Where numbers stand apart after words on the line (points and
    score), the line is a row printed with spaces between its cells (1 投入 预算配置 在职人员控制率 5 …): each piece
    is a cell. Otherwise the pieces are one cell's text broken by the printing (三公经费 |
    变动率, 评价部门 | 绩效目标 | 是否…) and join again."""
    texts = [(normalize_text(t.text) or "").strip() for t in line]
    worded = next((k for k, t in enumerate(texts) if t and not _NUMBER.match(t)), None)
    if worded is not None and sum(1 for t in texts[worded + 1:] if _NUMBER.match(t)) >= 2:
        return _row_line([a for t, tok in zip(texts, line, strict=True) if t for a in _split_leading(t, tok)])
    text = ""
    for t in line:
        piece = (normalize_text(t.text) or "").strip()
        if text and piece and (_NUMBER.match(piece) or _NUMBER.match(text.split(" ")[-1])
                               or (piece[0] == "(" and _WORD_END.search(text))):
            text += " "             # the printed space before a half-width '(' stays (LABELS.md)
        text += piece
    first = line[0]
    out: list[Atom] = []
    words: list[str] = []
    # A label ends at its points (部门决策(25 分)目标任务(15 分)…); the points' own space stays.
    text = _POINTS_GROUP.sub(lambda m: m.group(0).replace(" ", "\x01") + " ", text)
    for word in (w.replace("\x01", " ") for w in text.split()):
        if _NUMBER.match(word):
            if words:
                out.extend(_split_leading(" ".join(words), first))
                words = []
            out.append(Atom("number", word, first.where, first.row))
        else:
            words.append(word)
            if _POINTS_GROUP.search(word[-8:]):     # a level's or a name's points end its cell
                out.extend(_split_leading(" ".join(words), first))
                words = []
    if words:
        out.extend(_split_leading(" ".join(words), first))
    return out


def _row_line(atoms: list[Atom]) -> list[Atom]:
    """A row on one line: its labels, the last number before the first prose (the points), the text
    up to its last number (the criteria, however the printing cut it) as one piece, and
    that number (the score)."""
    first = next(k for k, a in enumerate(atoms) if a.kind != "number")
    head = next((k for k in range(first, len(atoms)) if atoms[k].kind == "prose"), len(atoms))
    points = max((k for k in range(first, head) if atoms[k].kind == "number"), default=None)
    if points is None:          # levels may print their own points: the name's are the last
        return atoms
    last = max(k for k, a in enumerate(atoms) if a.kind == "number")
    middle = atoms[points + 1:last] if last > points else atoms[points + 1:]
    if not middle:
        return atoms
    prose = Atom("prose", "".join(a.text for a in middle), middle[0].where, middle[0].row)
    return atoms[:points + 1] + [prose] + (atoms[last:] if last > points else [])


def _split_leading(text: str, tok: Token) -> list[Atom]:
    """Labels and points run together at the start of a piece (投入13预算配置13在职人员
    控制率5以100%为标准…): label, number, …, then the rest as it reads."""
    out: list[Atom] = []
    if (lead := _LEADING_NUMBER.match(text)) is not None:       # 1 投入: a row's number, then its cell
        out.append(Atom("number", lead.group(1), tok.where, tok.row))
        text = lead.group(2)
    if _is_label_text(text) and not re.search(r"\d", _POINTS.sub("", text)):
        return out + [Atom("label", text, tok.where, tok.row)]     # 预算编制(30分): one label
    while (m := _LEADING_PAIR.match(text)) and _is_label_text(m.group(1)):
        out += [Atom("label", m.group(1), tok.where, tok.row), Atom("number", m.group(2), tok.where, tok.row)]
        text = text[m.end():].strip()
    if text:
        out.append(_atom(text, tok))
    return out


def _atom(text: str, tok: Token) -> Atom:
    if _NUMBER.match(text):
        return Atom("number", text, tok.where, tok.row)
    return Atom("label" if _is_label_text(text) else "prose", text, tok.where, tok.row)


def _is_label_text(text: str) -> bool:
    bare = _POINTS.sub("", text).strip()
    return 0 < len(bare) <= _LABEL_SPAN and not _CLAUSE.search(bare) and not bare[0].isdigit()


def _rows(toks: Sequence[Token], header: Header, doubts: list[Atom] | None = None) -> list[Indicator]:
    """The frame's criteria: as printed where the printing kept its rows, else by shape."""
    atoms = _atoms(toks)
    if toks and sum(1 for t in toks if t.rowed) >= 0.8 * len(toks):
        return _printed_rows(atoms, header)
    stream = _mend_points([a for a in atoms if a.kind != "empty"])
    older = _older_frame(stream, header)
    return _stream_rows(_levels_apart(stream) if older else stream, header, older, doubts)


def _older_frame(atoms: Sequence[Atom], header: Header) -> bool:
    """The older project frame (项目决策 / 项目管理 / 项目绩效) with no criteria column: its
    cells are levels, names and numbers only, so a known level that starts a piece is a
    level (where a criteria column stands, 绩效目标合理性 is a criterion's name)."""
    firsts = vocabulary().frame.headless_level1
    return "text" not in header.roles and any(w in a.text for a in atoms for w in firsts)


def _mend_points(atoms: list[Atom]) -> list[Atom]:
    """A level's points that a text layer broke over lines ('(' | '10' | '分)项目管理'), or
    whose start the page cut off ('20' | '分)项目决策'), are no row's numbers: their
    pieces go, the label after them stays."""
    out: list[Atom] = []
    k = 0
    while k < len(atoms):
        a, rest = atoms[k], atoms[k + 1:k + 3]
        if a.kind == "label" and _OPEN.match(a.text) and len(rest) == 2 and rest[0].kind == "number" \
                and rest[1].kind != "number" and _CLOSE.match(rest[1].text):
            out.extend(_after_close(rest[1]))
            k += 3
        elif a.kind == "number" and rest and rest[0].kind != "number" and _CLOSE.match(rest[0].text):
            out.extend(_after_close(rest[0]))
            k += 2
        else:
            out.append(a)
            k += 1
    return out


def _after_close(a: Atom) -> list[Atom]:
    text = _CLOSE.sub("", a.text, count=1).strip()
    return [Atom("label" if _is_label_text(text) else "prose", text, a.where, a.row)] if text else []


def _levels_apart(atoms: list[Atom]) -> list[Atom]:
    """The older project frame's levels run together, in a text layer, with the points and
    the label after them (科学决策必要性, ( 特性指标70 分)项目绩效(20 )项目完成完成数量): a piece
    that starts with a level the vocabulary knows is cut there, its points and the groups
    above the first level (共性指标 / 特性指标) dropped."""
    out: list[Atom] = []
    for a in atoms:
        if a.kind not in ("label", "prose"):
            out.append(a)
            continue
        for text in _CELL_END.split(a.text):      # 生态效益(可选项) 可持续效益(可选项): two cells
            parts = _peel(text)
            levels, rest = parts if parts is not None else ([], text.strip())
            out.extend(Atom("label", w, a.where, a.row, whole=True) for w in levels)
            if rest:
                out.append(Atom("label" if _is_label_text(rest) else "prose", rest, a.where, a.row))
    return out


# A cell ends at its closing bracket where another label starts right after it.
_CELL_END = re.compile(r"(?<=[)）])\s*(?=[\u4e00-\u9fff])")


def _peel(text: str) -> tuple[list[str], str] | None:
    """The known levels a piece starts with and what follows them; None if none."""
    frame = vocabulary().frame
    words = sorted(frame.levels + frame.level_groups, key=len, reverse=True)
    rest = _FRAGMENTS.sub("", text).strip()
    levels: list[str] = []
    peeled = False
    while (hit := next((w for w in words if rest.lstrip(" (（").startswith(w)), None)) is not None:
        peeled = True
        if hit not in frame.level_groups:
            levels.append(hit)
        rest = rest.lstrip(" (（")[len(hit):].strip()
    return (levels, rest) if peeled else None


def _printed_rows(atoms: list[Atom], header: Header) -> list[Indicator]:
    """Rows of real cells, right-aligned to the header: merged level cells are missing or
    empty at a row's left, never at its right."""
    cols = header.roles
    name_at = cols.index("name")
    after = cols[name_at + 1:]
    out: list[Indicator] = []
    levels: list[str | None] = [None] * header.levels
    by_row: dict[int, list[Atom]] = {}
    for a in atoms:
        by_row.setdefault(a.row, []).append(a)
    for row in by_row.values():
        cells = row[-len(cols):] if len(row) >= len(cols) else [Atom("empty", "", row[0].where, row[0].row)] * (
            len(cols) - len(row)) + row
        name = cells[name_at]
        if name.kind not in ("label", "prose") or len(name.text) > 40:
            continue
        for slot, (role, a) in enumerate(zip(cols[:name_at], cells[:name_at], strict=True)):
            depth = sum(1 for r in cols[:slot] if r == "level")
            if role == "level" and a.kind == "label" and depth < len(levels):
                levels[depth] = _level(a.text)
                levels[depth + 1:] = [None] * (len(levels) - depth - 1)
        numbers = [a for r, a in zip(after, cells[name_at + 1:], strict=False) if r == "number"]
        out.append(_indicator(levels, name, numbers, header))
    return out


def _stream_rows(atoms: list[Atom], header: Header, older: bool = False,
                 doubts: list[Atom] | None = None) -> list[Indicator]:
    """Rows cut from a stream by the cells' shapes (see the module's docstring). In the
    older project frame (``older``) the levels are the vocabulary's: every other label is
    a criterion, printed with its points and score or with none (a merged cell's rows).
    A criterion there with one number of its two (经济效益(可选项) 40 社会效益(可选项) 40) may
    hold its points, its score, or a merged cell's: the number stays empty, in ``doubts``."""
    out: list[Indicator] = []
    levels: list[str | None] = [None] * header.levels
    pending: list[Atom] = []          # labels (and their points) before the next name
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if a.kind != "label" or not (_is_name_at(atoms, i, header.numbers) or (older and not a.whole)):
            if a.kind in ("label", "number") and (a.kind == "label" or pending):
                pending.append(a)
            i += 1
            continue
        _set_levels(levels, pending)
        pending = []
        numbers: list[Atom] = []
        j = i + 1
        while j < len(atoms) and len(numbers) < header.numbers:
            b = atoms[j]
            if b.kind == "number":
                numbers.append(b)
            elif b.kind == "label" and numbers and _is_name_at(atoms, j, header.numbers):
                break                           # the next row starts: this one has no score
            elif b.kind == "label" and older:
                break                           # a level or the next criterion: the row ends
            j += 1
        if j >= len(atoms) and len(numbers) < header.numbers:
            break                               # the text ends inside this row: left out
        if older and len(numbers) == 1 and header.numbers == 2:
            if doubts is not None:
                doubts.append(a)
            numbers = []
        out.append(_indicator(levels, a, numbers, header))
        i = j
    return out


def _doubt(name: Atom) -> Finding:
    return Finding(
        code="R004", severity=Severity.WARNING, where=name.where, document_kind="project_self_evaluation",
        message=f"评分表指标“{name.text}”后只印有一个数字，无法判断是分值、得分还是与相邻指标合并的单元格，"
                "分值和得分已留空，请对照原件填写。")


def _is_name_at(atoms: Sequence[Atom], i: int, numbers: int) -> bool:
    """A label is a criterion's name where prose, or its points and then prose or the
    score, follow it (where only the score is printed, a number); a label followed by
    another label is a level above it."""
    nxt = atoms[i + 1] if i + 1 < len(atoms) else None
    if nxt is None:
        return False
    if nxt.kind == "prose" or (nxt.kind == "number" and numbers == 1):
        return True
    if nxt.kind == "number":
        after = atoms[i + 2] if i + 2 < len(atoms) else None
        return after is None or after.kind in ("prose", "number")
    return False


def _set_levels(levels: list[str | None], pending: list[Atom]) -> None:
    """The labels before a name are its levels, placed from the deepest up (one label is
    the level just above). Where there are more labels than levels, a level's pieces
    wrapped over lines (部门预 | 算管理 | 80分) join: pieces not closed by points."""
    groups: list[list[object]] = []          # [text, closed by its points]
    for a in pending:
        if a.kind == "number":
            if groups:
                groups[-1][1] = True
            continue
        groups.append([a.text, bool(_POINTS.search(a.text)) or a.whole])
    if not groups or not levels:
        return
    while len(groups) > len(levels):
        k = next((i for i in range(len(groups) - 1) if not groups[i][1]), 0)
        groups[k:k + 2] = [[str(groups[k][0]) + str(groups[k + 1][0]), groups[k + 1][1]]]
    start = len(levels) - len(groups)
    for k, (text, _) in enumerate(groups):
        levels[start + k] = _level(str(text))


def _level(text: str) -> str:
    bare = _POINTS.sub("", re.sub(r"\s+", "", text)).strip("（）() ")
    return level1_of(bare) or level2_of(bare) or bare


def _indicator(levels: list[str | None], name: Atom, numbers: list[Atom], header: Header) -> Indicator:
    cells = [Cell.read(_NUMBER.sub(r"\1", n.text), n.where) for n in numbers]
    weight, score = (cells + [EMPTY, EMPTY])[:2] if header.numbers == 2 else (EMPTY, (cells + [EMPTY])[0])
    if weight.empty and (points := _NAMED_POINTS.search(name.text)):
        weight = Cell.read(points.group(1), name.where)        # 相关性(5分): the points in the name
    level1 = levels[0] if len(levels) >= 2 else levels[0] if levels else None
    level2 = levels[1] if len(levels) >= 2 else None
    return Indicator(level1=level1, level2=level2, name=Cell.read(name.text, name.where),
                     weight=weight, score=score, where=name.where)


def _total(toks: Sequence[Token], keys: Sequence[str], at: int) -> tuple[Cell, Cell]:
    """合计 / 总分 and the numbers after it: the total points and score."""
    if at >= len(keys) or not is_total(keys[at]):
        return EMPTY, EMPTY
    numbers = [Cell.read(m.group(1), t.where) for t in toks[at + 1:at + 8]
               if (m := _NUMBER.match((normalize_text(t.text) or "").strip()))]
    if len(numbers) >= 2:
        return numbers[0], numbers[1]
    return (EMPTY, numbers[0]) if numbers else (EMPTY, EMPTY)


def _kind(frame: Frame, head: Sequence[str], indicators: Sequence[Indicator]) -> EvaluationKind:
    """A department frame by its title (部门整体) or its first levels (投入, 部门决策 …)."""
    if any(any(w in k for w in frame.department_words) for k in head):
        return EvaluationKind.DEPARTMENT
    if head and _is_title(frame, head[0]) and any(w in head[0] for w in frame.project_words):
        return EvaluationKind.PROJECT              # 某某项目绩效评价指标表
    firsts = {i.level1 for i in indicators if i.level1}
    if firsts & set(frame.department_level1):
        return EvaluationKind.DEPARTMENT
    return EvaluationKind.PROJECT


register(SelfEvaluationFrame())
