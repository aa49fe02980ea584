"""Numbers printed with no separator between them, split by the table's own arithmetic.

Document sites and scans run a fund line's cells together: ``1484631.00%`` is 148 | 46 |
31.00%, ``310.2154.741050%5`` is 310.21 | 54.74 | 10 | 50% | 5. Every split into well-
formed printed numbers (no leading zeros, at most two decimals, ``%`` only on a rate)
is a candidate; the identities of the line choose: rate = executed ÷ budget, score =
weight × rate, one printed precision for the amounts, amounts of one line alike in size. Where two splits fit equally
well, the caller gets ``None`` and the numbers stay empty: a reading finding, not a guess.

A line may leave a column out altogether (a Word table run together drops its empty
cells: ``303010100%`` under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 is
30 | 30 | 10 | 100% with neither 年初预算数 nor 得分 printed). The numbers then go to the
columns in order with gaps wherever the identities need them — only where they then
prove the line (its rate checked on its amounts) — and a gap costs as much as a column
left empty at the end, a little more where it stands between printed numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from itertools import combinations, product

_NUMBER = re.compile(r"^(0|[1-9]\d{0,11})(\.\d{1,2})?$")
_RUN = re.compile(r"^[\d.]+%?[\d.]*$")
AMOUNTS = ("initial", "budget", "executed")
NUMERIC = AMOUNTS + ("weight", "rate", "score")


def is_run(text: str) -> bool:
    """A cell of digits that may hold several numbers run together."""
    return bool(_RUN.match(text)) and any(c.isdigit() for c in text)


@lru_cache(maxsize=4096)
def _pieces(run: str, count: int) -> tuple[tuple[str, ...], ...]:
    """Every way to cut ``run`` into ``count`` well-formed numbers (``%`` kept on its piece)."""
    if count == 1:
        bare = run[:-1] if run.endswith("%") else run
        return ((run,),) if _NUMBER.match(bare) and "%" not in bare else ()
    out: list[tuple[str, ...]] = []
    for cut in range(1, len(run)):
        head = run[:cut]
        bare = head[:-1] if head.endswith("%") else head
        if "%" in bare or not _NUMBER.match(bare):
            continue
        out.extend((head,) + rest for rest in _pieces(run[cut:], count - 1))
    return tuple(out)


def _value(text: str) -> Decimal:
    return Decimal(text.rstrip("%"))


def _error(assigned: dict[str, str]) -> float:
    """How far a candidate is from the line's identities (0 where none can be checked)."""
    err = 0.0
    if "%" in "".join(v for r, v in assigned.items() if r != "rate"):
        return 1e9                              # only a rate prints a percent sign
    rate = assigned.get("rate")
    base = assigned.get("budget") or assigned.get("initial")
    if rate is not None and "budget" not in assigned and "initial" in assigned and "executed" in assigned:
        err += _INITIAL_BASE                             # the rate is on 全年预算数, not 年初
    executed = assigned.get("executed")
    sizes = [len(v.split(".")[0]) for r, v in assigned.items() if r in AMOUNTS and _value(v)]
    if len(sizes) >= 2:                                  # amounts of one line: alike in size
        diff = max(sizes) - min(sizes)
        err += 0.01 * diff + 0.5 * max(0, diff - 1)
    if rate is not None and not _value(rate) and executed is not None and not _value(executed):
        err += 0.5                                       # nothing spent: possible, rarely split so
    percent = _percent_of(rate, executed, base) if rate is not None else Decimal(0)
    if rate is not None and base is not None and executed is not None:
        b = _value(base)
        if b:
            err += min(abs(float(_value(executed) / b * 100 - percent)), 100.0) / 5
            err += _FRACTION if percent != _value(rate) else 0.0
        elif _value(executed) or _value(rate):
            err += 20
    weight, score = assigned.get("weight"), assigned.get("score")
    if rate is not None and weight is not None and score is not None:
        capped = min(percent, Decimal(100))
        err += min(abs(float(_value(weight) * capped / 100 - _value(score))), 100.0)
    checked = rate is not None and weight is not None and score is not None
    err += sum(1.0 for r in ("weight", "score") if r in assigned and not checked)   # a guess
    amounts = [v for r, v in assigned.items() if r in AMOUNTS]
    decimals = {len(v.split(".")[1]) if "." in v else 0 for v in amounts}
    err += 0.5 * (len(decimals) - 1) if decimals else 0.0
    if rate is not None and not rate.endswith("%") and ("%" in "".join(assigned.values())):
        err += 5
    return err


def _percent_of(rate: str, executed: str | None, base: str | None) -> Decimal:
    """The rate in percent. A scan's table may print the rate as a fraction (执行率(B/A) | 1
    where 1.56 of 1.56 is spent; 0.96): a rate without ``%``, at most 1.5, is read as a
    fraction where executed ÷ budget is nearer the fraction than the percent."""
    value = _value(rate)
    if rate.endswith("%") or value > Decimal("1.5") or executed is None or base is None or not _value(base):
        return value
    ratio = _value(executed) / _value(base)
    return value * 100 if abs(ratio - value) < abs(ratio * 100 - value) else value


_FRACTION = 0.5          # a rate read as a fraction: a little less likely than one printed in %
_GAP = 0.3               # a column the line leaves empty
_INNER_GAP = 0.1         # … between printed numbers (or before them): a little likelier a misreading
_INITIAL_BASE = 0.2      # a rate checked on 年初预算数 where the line could print 全年预算数


def _placements(count: int, width: int) -> list[tuple[int, ...]]:
    """The columns ``count`` numbers may stand in, in order, among ``width`` columns."""
    return [tuple(range(count))] + [c for c in combinations(range(width), count) if c != tuple(range(count))]


def _placed_cost(flat: tuple[str, ...], roles: tuple[str, ...], cols: tuple[int, ...],
                 above: dict[str, str]) -> float:
    assigned = {roles[c]: v for c, v in zip(cols, flat, strict=True)}
    echo = sum(1 for r, v in assigned.items() if r in AMOUNTS and above.get(r) == v)
    inner = (cols[-1] + 1 - len(cols)) if cols else 0
    return _error(assigned) + _GAP * (len(roles) - len(flat)) + _INNER_GAP * inner - 0.4 * echo


def _proved(assigned: dict[str, str]) -> float | None:
    """How well the placed numbers prove the line, in half units of the rate's printed
    precision (``100%`` is 99.5 to 100.5): ``|executed ÷ budget − rate|`` over that half
    unit; None where they cannot prove it — no rate, no budget, nothing spent (0 ÷ any
    budget is 0%, and a small amount of a large one rounds to 0%: they prove nothing), or a
    rate off by more than its rounding."""
    executed, rate = assigned.get("executed"), assigned.get("rate")
    base = assigned.get("budget") or assigned.get("initial")
    if rate is None or executed is None or base is None or not _value(executed) or not _value(base) \
            or not _value(rate):
        return None
    decimals = len(rate.rstrip("%").split(".")[1]) if "." in rate else 0
    half = Decimal(5) / Decimal(10) ** (decimals + 1)
    miss = abs(_value(executed) / _value(base) * 100 - _value(rate)) / half
    return float(miss) if miss <= 2 else None


def split_line(cells: tuple[str, ...], roles: tuple[str, ...],
               above: dict[str, str] | None = None) -> tuple[str, ...] | None:
    """The cells of a fund line with runs cut apart, one per role from the left ('' for a
    column the line leaves out), or None when two splits fit the arithmetic equally well
    (or none does). A split that leaves columns empty costs a little, so a full line is
    preferred where its numbers agree; an amount equal to the one the line above prints in
    its column is likelier (其中 lines repeat the total's amounts)."""
    roles = tuple(r for r in roles if r in NUMERIC)
    above = above or {}
    best: dict[tuple[str, ...], float] = {}
    for total in range(len(roles), 0, -1):
        options = [[(c,)] if not is_run(c) else
                   [p for k in range(1, total + 1) for p in _pieces(c, k)] for c in cells]
        for combo in product(*options):
            flat = tuple(x for part in combo for x in part)
            if len(flat) != total:
                continue
            for cols in _placements(total, len(roles)):
                cost = _placed_cost(flat, roles, cols, above)
                if cols[-1] >= total:                 # a gap: only where the line's rate proves it
                    miss = _proved({roles[c]: v for c, v in zip(cols, flat, strict=True)})
                    if miss is None:
                        continue
                    cost += miss
                laid = [""] * (cols[-1] + 1)
                for c, v in zip(cols, flat, strict=True):
                    laid[c] = v
                key = tuple(laid)
                if key not in best or cost < best[key]:
                    best[key] = cost
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: kv[1])
    if len(ranked) > 1 and abs(ranked[0][1] - ranked[1][1]) < 1e-9:
        return None
    return ranked[0][0]


def verified_split(cells: tuple[str, ...], roles: tuple[str, ...],
                   above: dict[str, str] | None = None) -> tuple[str, ...] | None:
    """A split of cells that each read as one number, taken only where the line's own
    arithmetic proves it (rate = executed ÷ budget within a point): ``6363100%`` in a line
    of budget, executed and rate is 63 | 63 | 100%, though 6363100% reads as one percent."""
    numeric = tuple(r for r in roles if r in NUMERIC)
    split = split_line(cells, numeric, above)
    if split is None or len([v for v in split if v]) <= len([c for c in cells if c]):
        return None
    assigned = {r: v for r, v in zip(numeric, split, strict=False) if v}
    if not {"rate", "executed"} <= assigned.keys() or not ({"budget", "initial"} & assigned.keys()):
        return None
    return split if _error({k: v for k, v in assigned.items() if k in AMOUNTS + ("rate",)}) < 1.0 else None


_SCORED = ("rate", "weight", "score")


def scored_tail(run: str, roles: tuple[str, ...]) -> tuple[str, str, str] | None:
    """Rate | weight | score at the end of a fund line whose amounts lost digits.

    A document site's text may drop the integer digits of a line's amounts
    (``.32.06.579.27107.93``: the amounts unreadable, then 79.27 | 10 | 7.93): no split of
    the whole run reads, yet the line's last three columns, when they are 执行率 | 权重 |
    得分, prove themselves: score = weight × rate to the score's printed precision. Taken
    only where exactly one tail does so and the rest of the run reads as no amounts at
    all; the amounts stay empty (never guessed).
    """
    numeric = tuple(r for r in roles if r in NUMERIC)
    if numeric[-3:] != _SCORED or not is_run(run):
        return None
    found: list[tuple[str, str, str]] = []
    for start in range(1, len(run)):
        head, tail = run[:start], run[start:]
        if "%" in head or not any(c.isdigit() for c in head) or any(
                _pieces(head, k) for k in range(1, len(numeric) - 2)):
            continue                      # amounts that read: the whole-line split decides
        for rate, weight, score in _pieces(tail, 3):
            r, w, s = _value(rate), _value(weight), _value(score)
            if not w or w > 100 or r > 200 or s > w:
                continue
            step = Decimal(1).scaleb(-len(score.partition(".")[2]))     # the score's printed precision
            if abs(w * r / 100 - s) <= step / 2:
                found.append((rate, weight, score))
    return found[0] if len(set(found)) == 1 else None


def full_marks_split(run: str, roles: tuple[str, ...], cap: Decimal) -> tuple[str, ...] | None:
    """An indicator row's numbers run together (指标值 | 分值 | 完成值 | 得分 → ``2810810``)
    where the table's totals prove every indicator scored its full weight (see the reader):
    the one split into ``roles`` whose score equals its weight (0 < weight ≤ cap); None where
    none or several read."""
    if not is_run(run) or "weight" not in roles or "score" not in roles:
        return None
    w, s = roles.index("weight"), roles.index("score")
    found = {pieces for pieces in _pieces(run, len(roles))
             if pieces[w] == pieces[s] and "%" not in pieces[w] and 0 < _value(pieces[w]) <= cap}
    return found.pop() if len(found) == 1 else None
