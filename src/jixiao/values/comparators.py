"""Comparators written as signs or words: ``≥``, ``不低于``, ``以上``, ``以内`` …"""

from __future__ import annotations

# longest first: 不低于 must win over 低于
PREFIXES: tuple[tuple[str, str], ...] = tuple(sorted((
    ("≥", "≥"), ("≤", "≤"), (">", ">"), ("<", "<"), ("=", "="),
    ("大于等于", "≥"), ("大于或等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("达到", "≥"), ("高于等于", "≥"), ("不得低于", "≥"), ("不得少于", "≥"),
    ("小于等于", "≤"), ("小于或等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"),
    ("不大于", "≤"), ("最多", "≤"), ("控制在", "≤"), ("不得超过", "≤"), ("低于等于", "≤"),
    ("大于", ">"), ("高于", ">"), ("多于", ">"), ("超过", ">"),
    ("小于", "<"), ("低于", "<"), ("少于", "<"),
    ("等于", "="),
), key=lambda p: -len(p[0])))

SUFFIXES: tuple[tuple[str, str], ...] = tuple(sorted((
    ("以上", "≥"), ("及以上", "≥"), ("以上(含)", "≥"), ("以上（含）", "≥"), ("或以上", "≥"),
    ("以下", "≤"), ("及以下", "≤"), ("以内", "≤"), ("之内", "≤"), ("或以下", "≤"),
    ("以下(含)", "≤"), ("以下（含）", "≤"),
), key=lambda p: -len(p[0])))

APPROX_PREFIXES = ("约", "大约", "近", "将近")
APPROX_SUFFIXES = ("余", "多", "左右", "上下")


def take_prefix(text: str) -> tuple[str | None, bool, str]:
    """(comparator, approx, rest) after a leading sign or word."""
    t = text.lstrip()
    comparator: str | None = None
    for word, sign in PREFIXES:
        if t.startswith(word):
            comparator, t = sign, t[len(word):].lstrip()
            break
    approx = False
    for word in APPROX_PREFIXES:
        if t.startswith(word) and len(t) > len(word) and not t[len(word)].isspace():
            approx, t = True, t[len(word):]
            break
    return comparator, approx, t


def take_suffix(text: str) -> tuple[str | None, str]:
    """(comparator, rest) before a trailing 以上 / 以内 …"""
    t = text.rstrip()
    for word, sign in SUFFIXES:
        if t.endswith(word):
            return sign, t[: -len(word)].rstrip()
    return None, t
