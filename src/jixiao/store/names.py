"""Department and unit names as the store compares them: one key for each printed variant.

The same 主管部门 is printed ``303-自治区人力资源和社会保障厅``, ``自治区人力资源和社会保障厅`` and
``宁夏回族自治区人力资源和社会保障厅``: a budget code before the name, and the region's full name
or only ``自治区``. Documents are linked, grouped and searched by the key; the printed variants
stay in the rows (and are listed as aliases), so nothing printed is lost.

A region's full name is folded to ``自治区`` because a region's own documents print it bare.
Two regions' departments of the same name would therefore share a key; linkage still needs
the same project name and year, and the aliases show which variants were merged.
"""

from __future__ import annotations

import re
import unicodedata

_CODE = re.compile(r"^\s*\d{2,}\s*[-－—–_]\s*")
_SPACE = re.compile(r"\s+")
REGIONS = ("宁夏回族自治区", "广西壮族自治区", "新疆维吾尔自治区", "西藏自治区", "内蒙古自治区")


def organisation_key(name: str | None) -> str | None:
    """The key of a department's or unit's printed name (``None`` when nothing is printed)."""
    if not name:
        return None
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    text = _CODE.sub("", text)
    for region in REGIONS:
        if text.startswith(region):
            text = "自治区" + text[len(region):]
            break
    return text or None


def display_name(variants: list[str]) -> str:
    """The name to show for merged variants: the fullest printed one without a budget code."""
    plain = [v for v in variants if not _CODE.match(v)] or variants
    return max(plain, key=lambda v: (len(v), v))
