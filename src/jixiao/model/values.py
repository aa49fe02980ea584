"""Printed values: text as read, with its provenance; money as ``Decimal``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.model.provenance import NOWHERE, Where

CJK = r"\u2014\u2018-\u201f\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_MARKUP = re.compile(r"</?p>|\*\*|\[bookmark:[^\]]*\]")
_CJK_GAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
_SPACE = re.compile(r"\s+")
# Ruby pinyin inlined after a character (縣(xiàn)) is presentation markup, not text.
# Where a conversion lost the character and its opening bracket (享受?chē)?guó)家), the
# pinyin still follows the ``?`` left in the character's place.
RUBY = re.compile(r"(?<=[\u3400-\u9fff])\s?[(（][a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜüńňǹḿ]{1,6}[)）]"
                  r"|(?<=\?)[a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜüńňǹḿ]{1,6}[)）]")
PLACEHOLDERS = frozenset({"", "—", "-", "/", "……", "…", "——", "－", "--"})
_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


@lru_cache(maxsize=65536)
def normalize_text(raw: str | None) -> str | None:
    """Text as LABELS.md normalises it: wrap whitespace between CJK removed, markup dropped."""
    if raw is None:
        return None
    text = RUBY.sub("", _MARKUP.sub("", raw))
    text = _CJK_GAP.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return None if text in PLACEHOLDERS else text


@lru_cache(maxsize=65536)
def squeeze(text: str | None) -> str:
    """Text without any whitespace: headers print 栏 次, 项 目, 合 计; labels wrap mid-word."""
    return "".join(text.split()) if text else ""


@lru_cache(maxsize=65536)
def money(text: str | None) -> Decimal | None:
    """The one helper that turns a printed amount into ``Decimal`` (``2,000,000.00`` → 2000000.00).

    Percent signs are stripped (``80.80%`` → 80.80); anything that is not a plain
    number (``≥98``, ``700 余人``) gives ``None``.
    """
    if text is None:
        return None
    t = text.strip().replace("，", ",").replace(" ", "")
    if t.endswith(("%", "％")):
        t = t[:-1]
    if not t or t in PLACEHOLDERS or not _NUMBER.match(t) or not any(c.isdigit() for c in t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


@lru_cache(maxsize=65536)
def decimals_of(text: str | None) -> int | None:
    """Printed precision: digits after the decimal point (``4.04`` → 2, ``5`` → 0)."""
    if text is None:
        return None
    t = text.strip().rstrip("%％")
    if money(t) is None:
        return None
    return len(t.split(".", 1)[1]) if "." in t else 0


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed value: normalised text, the raw text, and where it stands.

    ``text`` is ``None`` for an empty or placeholder cell. Numbers are derived on
    demand so the printed form is never lost.
    """

    text: str | None
    raw: str = ""
    where: Where = NOWHERE

    @classmethod
    def read(cls, raw: str | None, where: Where = NOWHERE) -> Cell:
        return cls(text=normalize_text(raw), raw=raw or "", where=where)

    @property
    def number(self) -> Decimal | None:
        return money(self.text)

    @property
    def is_percent(self) -> bool:
        return self.text is not None and self.text.endswith(("%", "％"))

    @property
    def decimals(self) -> int | None:
        return decimals_of(self.text)

    @property
    def empty(self) -> bool:
        return self.text is None


EMPTY = Cell(text=None)
