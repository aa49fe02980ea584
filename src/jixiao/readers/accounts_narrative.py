"""The 情况说明: figures stated in prose, sections 一 to 七 (LABELS.md).

A section starts at a heading ``一、…说明`` (or ``7、…``, as some units number them); sections 八
and later, and the parts after (名词解释, 附件), are not read. A figure is a number
followed by 元 / 万元, or a bare number followed by ``，占`` (some units print
``卫生健康支出27.09，占3.22%``) or by its change in 元 / 万元 (the prior year's figure:
``总收入6871.82减少243.10万元``, in the change's unit); its share is the first percentage after it in
the same clause run, before the next figure and before the sentence ends.
The subject is the text just before the figure, from the last punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.model.accounts import NarrativeFact
from jixiao.model.values import Cell, normalize_text
from jixiao.sources.sheet import Line, Sheet
from jixiao.vocabulary import match_key, vocabulary

_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(rf"^[-\s]*([{_NUMERALS}]+|\d+)\s*、\s*(\S.*)$")
_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_END = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?\s*(?:名词解释|附件)")
# (a prior year's figure printed bare before its change takes the change's unit:
# 相比2016年的总收入6871.82减少243.10万元, 较上年2.08减少0.03万元)
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:(万元|元)|(?=[，,]\s*占)"
                     r"|(?=(?:减少|增加|增长|下降|上升|降低)\s*\d[\d,]*(?:\.\d+)?\s*(万元|元)))")
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s*[%％]")
_SUBJECT_CUT = re.compile(r"[，。；：,;:]")
_SUBHEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+\s*[、.])")
_ROLE = re.compile(r"^(?:支出)?(?:决算|预算)数?$")
_STEM = re.compile(r"(?:支出)?(?:年初)?(?:决算|预算)数?$")
_VERB = re.compile(r"(?:为|是|达)$")
_LEAD = re.compile(r"^(?:20\d\d\s*年度?|[一二三四五六七八九十]是|其中|\d+[.、])\s*")
_CHANGE = re.compile(r"^(?:各|共)?(?:增加|减少|上升|下降|增长|降低)$")
LAST_SECTION = 7
_HEADING_WORDS = 30    # where a heading's words (…情况) stand, not a paragraph's
_HEADING_SPAN = 80     # a longer heading line holds the section's text too


@dataclass(frozen=True, slots=True)
class Narrative:
    facts: tuple[NarrativeFact, ...]
    first: int | None = None      # first and last line read (the span claimed)
    last: int | None = None


def ordinal(text: str) -> int | None:
    """``七`` → 7, ``十一`` → 11, ``7`` → 7."""
    if text.isdigit():
        return int(text)
    values = [_NUMERALS.index(c) + 1 for c in text if c in _NUMERALS]
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if values[0] == 10:
        return 10 + values[1]
    return values[0] * 10 + (values[2] if len(values) > 2 else 0)


def read_narrative(sheet: Sheet, default_unit: str | None = None) -> Narrative:
    """Every figure of sections 一 … 七; ``default_unit`` for a bare first figure."""
    sections = _sections(sheet.lines)
    if not sections and _accounts_document(sheet.text):     # a 情况说明 without the outline
        sections = _loose_sections(sheet.lines)
    facts: list[NarrativeFact] = []
    lines_read: list[int] = []
    for title, heading, lines in sections:
        text, starts = _join(lines)
        if not text:
            continue
        lines_read += [heading] + [line.number for line in lines]
        facts.extend(_facts(sheet, title, text, starts, lines, default_unit))
    return Narrative(tuple(facts), min(lines_read, default=None), max(lines_read, default=None))


def _sections(lines: tuple[Line, ...]) -> list[tuple[str, int, list[Line]]]:
    """(heading, its line number, body lines) of sections 一 … 七 of every 决算情况说明 run.

    A heading names 决算 and 情况 or 说明 (``二、收入决算情况说明``, ``一、2021年度收入支出
    决算总体情况``); inside the part titled …决算情况说明 a heading that only says 说明 or 情况
    (``一、收入支出总体情况说明``) counts too.
    The part ends at the next part heading, 名词解释 or 附件.
    """
    out: list[tuple[str, int, list[Line]]] = []
    current: list[Line] | None = None
    in_part = False
    for line in _unrun(lines):
        text = line.text.strip()
        m = _HEADING.match(text)
        head = text.split("。")[0][:_HEADING_WORDS]          # a heading, not a paragraph's words
        accounts = "决算" in text and ("说明" in text or "情况" in head)     # …决算(总体)情况(说明)
        if m and (accounts or in_part and ("说明" in text or "情况" in head)):
            n = ordinal(m.group(1))
            current = None
            if n is not None and 1 <= n <= LAST_SECTION:
                current = [line] if len(text) > _HEADING_SPAN else []   # its text on its line
                title = text if len(text) <= _HEADING_SPAN else text[:text.find("说明") + 2]
                out.append((normalize_text(title.lstrip("- ")) or title, line.number, current))
            continue
        if _PART.match(text) or (len(text) < 30 and ("决算情况说明" in text or _END.search(text))):
            current = None
            in_part = "决算情况说明" in text or "决算说明" in text
            continue
        if current is not None and text:
            current.append(line)
    return out


_ACCOUNTS_DOCUMENT = re.compile(r"决算情况|决算说明|部门决算|单位决算|决算表|决算汇总|决算数|三公.{0,4}(?:经费|支出|决算)")
# 决算数 is no proof: a performance evaluation's basic-data table has that column too.
_DECISIVE = re.compile(r"决算情况|决算说明|部门决算|单位决算|决算表|决算汇总|决算支出")


def _accounts_document(text: str) -> bool:
    """The text speaks of final accounts: a performance form that names 三公经费 in an
    indicator is no 情况说明."""
    if not _ACCOUNTS_DOCUMENT.search(text):
        return False
    if _DECISIVE.search(text):
        return True
    v = vocabulary()
    key = match_key(text[:20000])
    return not any(t in key for t in v.targets.titles + v.selfeval.titles + v.targets.department_titles
                   + v.frame.titles)


_ACCOUNTS_WORDS = re.compile(r"决算|三公|经费|支出|收入|结转|结余|出国|公务接待|公务用车")
_OUTLINE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*、|[（(][一二三四五六七八九十]+[)）])")


def _loose_sections(lines: tuple[Line, ...]) -> list[tuple[str, int, list[Line]]]:
    """A 情况说明 printed without the standard outline (a paragraph on a web page, a school's
    own headings, a chunk of a longer text): the lines that state figures in 元 or 万元
    about the accounts, under the outline heading above them where there is one."""
    out: list[tuple[str, int, list[Line]]] = []
    title, body = "", list[Line]()
    for line in lines:
        text = normalize_text(line.text) or ""
        if _OUTLINE.match(text) and len(text) <= 60 and not _FIGURE.search(text):
            if body:
                out.append((title, body[0].number, body))
            title, body = text, []
            continue
        if _FIGURE.search(text) and _ACCOUNTS_WORDS.search(text):
            body.append(line)
    if body:
        out.append((title, body[0].number, body))
    return out


_INLINE_HEADING = re.compile(rf"(?<=[\s。；;])(?=[{_NUMERALS}]+\s*、)")


def _unrun(lines: tuple[Line, ...]) -> list[Line]:
    """A page run into one long line (a document site's text layer): cut at the outline
    headings inside it (``… 三、2021 年度单位决算情况说明 …``), each part keeping the line."""
    out: list[Line] = []
    for line in lines:
        if len(line.text) <= _HEADING_SPAN:
            out.append(line)
            continue
        parts = [p for p in _INLINE_HEADING.split(line.text) if p.strip()]
        out.extend(Line(number=line.number, text=p, cells=(p,), page=line.page) for p in parts)
    return out


def _join(lines: list[Line]) -> tuple[str, list[int]]:
    """The section's text, lines joined (a figure may wrap: ``减\n\n少823930.85元``).

    A sub-heading line without figures (``（一）…总体情况``, ``2、 …（项）``) ends with
    an added ``。`` so that it never runs into the next sentence's subject.
    """
    parts, starts, pos = [], [], 0
    for line in lines:
        t = normalize_text(line.text) or ""
        if _SUBHEADING.match(t) and not _FIGURE.search(t) and not t.endswith(("。", "；", "：", "，")):
            t += "。"
        starts.append(pos)
        parts.append(t)
        pos += len(t)
    return "".join(parts), starts


def _facts(sheet: Sheet, section: str, text: str, starts: list[int], lines: list[Line],
           default_unit: str | None) -> list[NarrativeFact]:
    figures = list(_FIGURE.finditer(text))
    out: list[NarrativeFact] = []
    unit = default_unit or "元"
    for k, m in enumerate(figures):
        if _inside_date_or_count(text, m):
            continue
        end = figures[k + 1].start() if k + 1 < len(figures) else len(text)
        stop = min((p for p in (text.find("。", m.end()), text.find("；", m.end())) if p >= 0),
                   default=len(text))
        tail = text[m.end():min(end, stop)]
        share = _PERCENT.search(tail)
        line = lines[max(i for i, s in enumerate(starts) if s <= m.start())]
        where = sheet.where(line)
        unit = m.group(2) or m.group(3) or unit      # a bare figure takes the unit of the one before
        sentence = _sentence(text, m.start())
        before = out[-1] if out and out[-1].sentence == sentence else None
        subject = _subject(text, m.start(), before, out[-1] if out else None)
        change = _CHANGE_ONLY.search(tail[:share.start()]) if share else None
        if share and change and not _CHANGE.search(subject):
            # 决算数2364万元，比上年下降16.77%: the rate is a change of its own, no share of it
            out.append(NarrativeFact(section=section, subject=subject, value=Cell.read(m.group(1), where),
                                     unit=unit, where=where, sentence=sentence))
            out.append(NarrativeFact(section=section, subject=subject + change.group(0),
                                     value=Cell.read(None), unit="",
                                     share=Cell.read(share.group(1), where), where=where, sentence=sentence))
            out.extend(NarrativeFact(section=section, subject=subject + c, value=Cell.read(None), unit="",
                                     share=Cell.read(rate, where), where=where, sentence=sentence)
                       for c, rate in _more_changes(tail[share.end():]))
            continue
        out.append(NarrativeFact(
            section=section, subject=subject,
            value=Cell.read(m.group(1), where), unit=unit,
            share=Cell.read(share.group(1), where) if share else Cell.read(None),
            where=where, sentence=sentence))
    return out


_CHANGE = re.compile(r"增加|减少|增长|下降|上升|降低|持平|增减")
# A change stated as a rate alone, right after the figure: ，比上年决算数下降 16.77%
_CHANGE_ONLY = re.compile(r"[，,]?\s*(?:比|较|与|同比)(?:20\d\d年度?)?[^，,。；%\d]{0,12}"
                          r"(?:增加|减少|增长|下降|上升|降低)\s*$")   # 较2014年决算数下降 5.5%
# Further rates of the same figure, each against another base: ，比上年决算数字下降34.26%
_MORE_CHANGE = re.compile(r"^[，,]\s*((?:比|较|与|同比)(?:20\d\d年度?)?[^，,。；%\d]{0,12}"
                          r"(?:增加|减少|增长|下降|上升|降低))\s*(-?\d+(?:\.\d+)?)\s*[%％]")


def _more_changes(rest: str) -> list[tuple[str, str]]:
    """The change rates that follow a figure's first one, clause after clause."""
    out: list[tuple[str, str]] = []
    while m := _MORE_CHANGE.match(rest):
        out.append((m.group(1), m.group(2)))
        rest = rest[m.end():]
    return out


def _inside_date_or_count(text: str, m: re.Match[str]) -> bool:
    """A match starting inside a longer number (the regex gave up on its start) is no figure."""
    return m.start() > 0 and text[m.start() - 1].isdigit()


def _subject(text: str, at: int, before: NarrativeFact | None, last: NarrativeFact | None) -> str:
    """The words before the figure, back to the last punctuation, without 为 / 2024年度.

    A bare role (``支出决算为…``, ``减少…``) takes the thing named by the figure before
    it in the same sentence (``教育支出年初预算为…，支出决算为…`` → 教育支出决算); a
    change (``较上年增加…``, ``与上年相比，减少…``) the thing of the figure before it.
    """
    head = text[:at]
    cut = max((p.end() for p in _SUBJECT_CUT.finditer(head)), default=0)
    subject = _LEAD.sub("", _LEAD.sub("", _VERB.sub("", head[cut:].strip()).strip()))
    if (bare := _PRIOR_FIGURE.sub("", subject)) != subject:   # 总收入6871.82减少: that figure is a fact
        subject = _COMPARED_YEAR.sub(r"\g<thing>\g<dir>", bare)  # of its own; 相比2016年的总收入减少 → 总收入减少
    if last is not None and _CHANGE.match(subject):
        return f"{_base(last.subject)}较上年{subject.lstrip('各共')}"
    if last is not None and _COMPARED_TO.match(subject):
        return _base(last.subject) + subject.removeprefix("与上年相比")
    if before is not None and _ROLE.match(subject):
        return _STEM.sub("", before.subject) + subject
    return subject


_COMPARED_YEAR = re.compile(r"^(?:相比|较|比|与|同比)20\d\d年度?的?(?P<thing>.+?)(?P<dir>减少|增加|增长|下降|上升|降低)$")
_PRIOR_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?(?=(?:减少|增加|增长|下降|上升|降低)$)")
# A change that names only what it is compared with: 较上年…, 比预算…, 同比…, 按同口径同比…
_COMPARED_TO = re.compile(r"^(?:较|比|与上年相比|(?:按同口径)?同比)")


def _base(subject: str) -> str:
    """The thing a subject names, without a change already stated (…较上年增加)."""
    return re.split(r"较|比20|与上年|同比", subject, maxsplit=1)[0]


def _sentence(text: str, at: int) -> str:
    begin = text.rfind("。", 0, at) + 1
    end = text.find("。", at)
    return text[begin:end + 1 if end >= 0 else len(text)]
