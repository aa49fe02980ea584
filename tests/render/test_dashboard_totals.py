"""The dashboard's totals: printed and recomputed side by side, each with its grade; a total
above full marks flagged and drawn apart, never plotted (or clamped) as a valid score."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any

from jixiao.store import repository as repo
from jixiao.store.db import transaction
from jixiao.web import charts
from tests.web.web_fixtures import DEFAULT_PROJECT, make_doc


def _rows() -> list[dict[str, Any]]:
    return [
        {"id": 1, "name": "甲", "department": "某局", "year": 2024, "printed": "96.40", "recomputed": "88.10",
         "maximum": 100.0},
        {"id": 2, "name": "乙", "department": "某局", "year": 2024, "printed": "104.95", "recomputed": "109.90",
         "maximum": 100.0},
        {"id": 3, "name": "丙", "department": "某局", "year": 2024, "printed": "72", "recomputed": None,
         "maximum": None},
    ]


def test_each_total_has_its_own_grade() -> None:
    first, second, third = charts.totals(_rows())
    assert (first.printed_grade, first.recomputed_grade) == ("优", "良")
    assert (second.printed_grade, second.recomputed_grade) == ("超出满分", "超出满分") and second.over
    assert (third.printed, third.recomputed, third.recomputed_grade, third.maximum) == \
        (Decimal("72"), None, "—", Decimal(100))


def test_over_full_marks_is_flagged_not_clamped() -> None:
    made = charts.totals(_rows())
    points = [{"id": 1, "name": "甲", "rate": 85.5, "score": 88.1}, {"id": 2, "name": "乙", "rate": 97.0, "score": 109.9}]
    chart = charts.scatter(points, made)
    assert [p["id"] for p in chart["points"]] == [1] and [p["id"] for p in chart["over"]] == [2]
    top = chart["pad"]                                   # y of 100 points
    assert chart["over"][0]["y"] < top                   # drawn in the strip above the axis
    assert chart["points"][0]["y"] > top                 # a valid point stays inside
    assert chart["over"][0]["recomputed"] == Decimal("109.90")


def test_group_means_leave_out_totals_over_full_marks() -> None:
    groups = charts.group_totals(charts.totals(_rows()))
    g = groups[("某局", 2024)]
    assert g["over"] == 1
    assert (g["printed"], g["printed_grade"]) == (Decimal("84.20"), "良")      # (96.40 + 72) / 2
    assert (g["recomputed"], g["recomputed_grade"]) == (Decimal("88.10"), "良")


def test_dashboard_page_shows_both_totals_and_the_flag(client: Any, factory: Any) -> None:
    over = DEFAULT_PROJECT | {"name": "超分项目", "total": "104.95"}
    with transaction(factory) as session:
        repo.import_bytes(session, "a.txt", make_doc(projects=[DEFAULT_PROJECT, over]))
    page = client.get("/dashboard")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "印制总分均值（等级）" in text and "重算总分均值（等级）" in text
    assert "总分超出满分的项目" in text and "超分项目" in text
    assert "104.95（超出满分）" in text
    assert "1 个项目的总分超出满分" in text
    # the flagged project is drawn as a cross in the strip, not as a dot on the axis
    crosses = re.findall(r'<path d="[^"]+" class="dot over"><title>([^<]+)</title>', text)
    dots = re.findall(r'<circle [^>]+class="dot"><title>([^<]+)</title>', text)
    assert len(crosses) == 1 and "超分项目" in crosses[0]
    assert all("超分项目" not in d for d in dots)
