"""What a printed target value (绩效值 / 指标值) looks like, and where a 'name value' line splits.

In the space-separated layout a row prints as ``三级指标 绩效值`` on one line, one space
apart, and both may hold spaces (``完成时间 2024 年 12 月 31 日前``). The split is found by
what a value looks like: numbers with units, percents, comparators, dates, and short
qualitative phrases (``持续提高``). Kept local to the target readers on purpose: the
general value parser in ``jixiao.values`` interprets values, this only recognises them.
"""

from __future__ import annotations

import re

from jixiao.model.values import CJK, EMPTY, Cell

_NUM = r"\d+(?:\.\d+)?"
# Words and signs that may stand before a number: ≥98%, 不低于 90%, 约 60 人, 全年 12 次.
_LEAD = r"(?:[≥≤><=＞＜≧≦]=?|不低于|不高于|不少于|不多于|不超过|不大于|不小于|大于|小于|高于|低于|达到|超过|约|累计|全年|每年|每月|共)?"
_UNIT = r"(?:[%％‰]|[^\d\s，,、；;。:：“”\"()（）]{1,6})"
_QUANTITY = rf"{_LEAD}{_NUM}(?:[-~～至到]{_NUM})?{_UNIT}?"
# 2024年12月31日前, 12月底前, 2024年12月以前完成: each part optional, at least one present.
_DATE = (r"(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日)"
         r"[^\d\s，,、；;。]{0,6}")
_ITEM = rf"(?:{_DATE}|{_QUANTITY})"
_STRONG = re.compile(rf"{_ITEM}(?:[，,、；;]{_ITEM})*[。.]?")
_DIGIT_GAP = re.compile(r"\s+(?=[\d%％])|(?<=\d)\s+")

# Qualitative targets are short phrases built from a small vocabulary.
_QUALITATIVE_WORDS = (
    "持续", "提高", "提升", "改善", "显著", "明显", "稳定", "良好", "较好", "合格", "达标", "长期",
    "有效", "逐步", "增强", "带动", "增加", "降低", "减少", "优良", "优秀", "满意", "按时", "及时",
    "准确", "规范", "不断", "逐年", "保障", "促进", "加强", "达到", "符合", "覆盖", "完成", "好转",
    "高", "好", "是", "否", "正常", "安全", "健全", "完善", "扩大", "巩固",
)
_QUALITATIVE_MAX = 8
_CJK_GAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")


def is_strong_value(text: str) -> bool:
    """A number-based value: ``60 人，3 天``, ``90%以上``, ``≥98``, ``2024 年 12 月 31 日前``."""
    compact = _DIGIT_GAP.sub("", text.strip())
    return bool(compact) and _STRONG.fullmatch(compact) is not None


def is_qualitative(text: str) -> bool:
    """A short qualitative target: ``持续提高``, ``验收合格``, ``较好``, ``长期``.

    One unbroken phrase: a space inside would be a cell boundary (``工程质量 验收合格``).
    """
    compact = text.strip()
    if not compact or re.search(r"\s", compact) or len(compact) > _QUALITATIVE_MAX or re.search(r"[，,。；;]", compact):
        return False
    return any(word in compact for word in _QUALITATIVE_WORDS)


def is_value(text: str) -> bool:
    """Whether a whole cell reads as a target value."""
    return is_strong_value(text) or is_qualitative(text)


def split_name_value(text: str) -> tuple[str, str] | None:
    """Split ``name value`` printed one space apart; ``None`` when no split looks right.

    The longest tail that is a number-based value wins (values like ``60 人，3 天`` hold
    spaces, names ending in a number are rare). Otherwise a space between two CJK
    characters is a cell boundary in this layout: the leftmost one whose tail is a
    qualitative phrase, else the rightmost one.
    """
    text = text.strip()
    spaces = [m.start() for m in re.finditer(r"\s+", text)]
    for cut in spaces:
        head, tail = text[:cut].strip(), text[cut:].strip()
        if head and is_strong_value(tail) and not is_strong_value(head):
            return head, tail
    gaps = [m for m in _CJK_GAP.finditer(text)]
    for m in gaps:
        if is_qualitative(text[m.end():]):
            return text[:m.start()], text[m.end():]
    if gaps:
        return text[:gaps[-1].start()], text[gaps[-1].end():]
    return None


_TICK = "√☑■✓✔"
_BOX = "□☐"
_OPTIONS = re.compile(r"^\s*[(（][^()（）/]{2,12}(?:/[^()（）/]{2,12})+[)）]\s*$")
_MARK = re.compile(f"[{_TICK}{_BOX}]")


def ticked(value: Cell) -> Cell:
    """A field printed as the form's options with check boxes (新增项目□延续项目√, □新增 ☑延续):
    the option ticked. Marks stand all after or all before their options; no tick, or more
    than one, is no one reading: empty."""
    text = value.text or ""
    if _OPTIONS.match(text):
        return EMPTY          # the form's own choices, none chosen: (一次性项目/经常性项目)
    if not _MARK.search(text):
        return value
    after = text.rstrip()[-1:] in _TICK + _BOX
    parts = re.findall(f"([^{_TICK}{_BOX}]*)([{_TICK}{_BOX}])" if after
                       else f"([{_TICK}{_BOX}])([^{_TICK}{_BOX}]*)", text)
    options = [(p[0], p[1]) if after else (p[1], p[0]) for p in parts]
    chosen = [name.strip() for name, mark in options if mark in _TICK and name.strip()]
    return Cell.read(chosen[0], value.where) if len(chosen) == 1 else EMPTY
