"""Qualitative wording: the degree it states (for the three tiers) and whether it is vague."""

from __future__ import annotations

# checked in this order: a negation or a partial word outranks the praise around it
LOW = ("未完成", "未达到", "未达成", "未实现", "没有", "较差", "不达标", "不合格", "不满意",
       "未", "差", "否")
MEDIUM = ("基本完成", "基本达到", "基本实现", "基本", "部分", "一般", "有所", "较好", "尚可", "初步")
HIGH = ("全部完成", "已完成", "完成", "达到", "达成", "实现", "达标", "合格", "显著", "明显", "有效",
        "全面", "大力", "极大", "充分", "良好", "优秀", "满意", "按时", "及时", "是", "符合", "稳定",
        "提高", "提升", "改善", "增强", "保障", "推动", "促进", "和谐", "长期", "持续", "好", "高")

# words that state a direction or a feeling, no level anyone could measure
VAGUE = ("显著", "有效", "明显", "持续", "稳步", "大力", "全面", "极大", "进一步", "不断", "逐步",
         "较大", "积极", "长期", "稳定", "提高", "提升", "改善", "增强", "保障", "推动", "促进",
         "良好", "较好", "和谐", "大幅", "有所", "一定")


def level_of(text: str) -> int | None:
    """1 (achieved / high), 2 (partly), 3 (not achieved), or ``None`` when the words say none."""
    if text in ("无", "/"):
        return None
    for words, level in ((LOW, 3), (MEDIUM, 2), (HIGH, 1)):
        if any(w in text for w in words):
            if level == 3 and any(ok in text for ok in ("未发生", "无违规", "未出现")):
                return 1       # 未发生安全事故 is an achievement, not a failure
            return level
    return None


def is_vague(text: str) -> bool:
    return any(w in text for w in VAGUE)
