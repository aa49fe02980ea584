"""Charts drawn on the server as SVG geometry (no script, works offline): scale only."""

from __future__ import annotations

from typing import Any

WIDTH, HEIGHT, PAD = 520, 320, 44


def scatter(points: list[dict[str, Any]]) -> dict[str, Any]:
    """Execution rate (x, %) against score (y, of 100), in SVG coordinates."""
    x_max = max([120.0] + [float(p["rate"]) for p in points])
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(v: float) -> float:
        return round(PAD + inner_w * max(float(v), 0.0) / x_max, 1)

    def y(v: float) -> float:
        return round(HEIGHT - PAD - inner_h * min(max(float(v), 0.0), 100.0) / 100, 1)

    return {"width": WIDTH, "height": HEIGHT, "pad": PAD,
            "points": [p | {"x": x(p["rate"]), "y": y(p["score"])} for p in points],
            "x_ticks": [(x(t), t) for t in range(0, int(x_max) + 1, 20)],
            "y_ticks": [(y(t), t) for t in range(0, 101, 20)],
            "bands": [(y(90), "优"), (y(80), "良"), (y(60), "中")]}


def bars(items: list[tuple[str, int]]) -> dict[str, Any]:
    """Horizontal bars: label, count, bar length."""
    top = max([n for _, n in items] + [1])
    row = 26
    return {"width": WIDTH, "height": row * len(items) + 10, "row": row,
            "bars": [{"label": label, "count": n, "y": 5 + i * row, "w": round((WIDTH - 160) * n / top, 1)}
                     for i, (label, n) in enumerate(items)]}
