"""Charts drawn on the server as SVG geometry (no script, works offline), and the totals the
dashboard shows beside them.

A self-evaluation has two totals: the one the table prints (印制总分) and the one the rules
give (重算总分); both are shown, each with its grade. A total above the table's full marks is
not a score: it is never plotted as if valid (nor clamped to the top of the axis), but drawn
apart, flagged, and left out of every average.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.model.values import money
from jixiao.score.ruleset import Ruleset, default_ruleset

WIDTH, HEIGHT, PAD = 520, 320, 44
OVER_BAND = 18          # the strip above the axis where totals over full marks are drawn, flagged
FULL_MARKS = Decimal(100)


@dataclass(frozen=True, slots=True)
class Total:
    """One table's two totals, each with its grade; ``over`` where either exceeds full marks."""

    id: int
    name: str
    department: str
    year: int | None
    printed: Decimal | None
    recomputed: Decimal | None
    maximum: Decimal
    printed_grade: str
    recomputed_grade: str

    @property
    def over(self) -> bool:
        return any(t is not None and t > self.maximum for t in (self.printed, self.recomputed))

    @property
    def shown(self) -> Decimal | None:
        """The total the chart plots: the recomputed one, else the printed one."""
        return self.recomputed if self.recomputed is not None else self.printed


def _grade(total: Decimal | None, maximum: Decimal, rules: Ruleset) -> str:
    """The grade of a total, ``—`` when there is none, 超出满分 when it is above full marks."""
    if total is None:
        return "—"
    if total > maximum:
        return "超出满分"
    return rules.grade(total * FULL_MARKS / maximum if maximum else total)


def totals(rows: Iterable[dict[str, Any]], rules: Ruleset | None = None) -> list[Total]:
    """The dashboard's ``totals`` rows (printed, recomputed, maximum as stored) as ``Total``s."""
    rules = rules or default_ruleset()
    out = []
    for r in rows:
        maximum = money(str(r["maximum"])) if r.get("maximum") is not None else None
        maximum = maximum if maximum and maximum > 0 else FULL_MARKS
        maximum = maximum.to_integral_value() if maximum == maximum.to_integral_value() else maximum   # 100, not 100.0
        printed, recomputed = money(r.get("printed")), money(r.get("recomputed"))
        out.append(Total(int(r["id"]), r.get("name") or "", r.get("department") or "（未注明）", r.get("year"),
                         printed, recomputed, maximum, _grade(printed, maximum, rules),
                         _grade(recomputed, maximum, rules)))
    return out


def scatter(points: list[dict[str, Any]], table_totals: Iterable[Total] = ()) -> dict[str, Any]:
    """Execution rate (x, %) against the total (y, of full marks), in SVG coordinates. A point
    whose total is above full marks goes to the flagged strip above the axis, never on it."""
    by_id = {t.id: t for t in table_totals}
    x_max = max([120.0] + [float(p["rate"]) for p in points])
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(v: float) -> float:
        return round(PAD + inner_w * max(float(v), 0.0) / x_max, 1)

    def y(v: float) -> float:
        return round(HEIGHT - PAD - inner_h * max(float(v), 0.0) / 100, 1)

    valid, over = [], []
    for p in points:
        total = by_id.get(int(p["id"]))
        detail = p | ({"printed": total.printed, "recomputed": total.recomputed,
                       "printed_grade": total.printed_grade, "recomputed_grade": total.recomputed_grade,
                       "maximum": total.maximum} if total else {})
        if (total is not None and total.over) or (total is None and float(p["score"]) > 100):
            over.append(detail | {"x": x(p["rate"]), "y": PAD - OVER_BAND / 2})
        else:       # a table marked out of other than 100 is plotted as a share of its full marks
            share = float(total.shown * FULL_MARKS / total.maximum) if total and total.shown is not None \
                else float(p["score"])
            valid.append(detail | {"x": x(p["rate"]), "y": y(share)})
    return {"width": WIDTH, "height": HEIGHT, "pad": PAD, "over_band": OVER_BAND,
            "points": valid, "over": over,
            "x_ticks": [(x(t), t) for t in range(0, int(x_max) + 1, 20)],
            "y_ticks": [(y(t), t) for t in range(0, 101, 20)],
            "bands": [(y(90), "优"), (y(80), "良"), (y(60), "中")]}


def group_totals(table_totals: Iterable[Total], rules: Ruleset | None = None) -> dict[tuple[str, int | None], dict[str, Any]]:
    """Per department and year: the mean printed and mean recomputed total, each with its grade,
    over the tables whose totals are within full marks; how many were left out as over."""
    rules = rules or default_ruleset()
    groups: dict[tuple[str, int | None], list[Total]] = {}
    for t in table_totals:
        groups.setdefault((t.department, t.year), []).append(t)
    out: dict[tuple[str, int | None], dict[str, Any]] = {}
    for key, members in groups.items():
        valid = [t for t in members if not t.over]
        row: dict[str, Any] = {"over": len(members) - len(valid)}
        for side in ("printed", "recomputed"):
            values = [getattr(t, side) for t in valid if getattr(t, side) is not None]
            mean = round(sum(values) / len(values), 2) if values else None
            row[side] = mean
            row[f"{side}_grade"] = _grade(mean, FULL_MARKS, rules) if mean is not None else "—"
        out[key] = row
    return out


def bars(items: list[tuple[str, int]]) -> dict[str, Any]:
    """Horizontal bars: label, count, bar length."""
    top = max([n for _, n in items] + [1])
    row = 26
    return {"width": WIDTH, "height": row * len(items) + 10, "row": row,
            "bars": [{"label": label, "count": n, "y": 5 + i * row, "w": round((WIDTH - 160) * n / top, 1)}
                     for i, (label, n) in enumerate(items)]}
