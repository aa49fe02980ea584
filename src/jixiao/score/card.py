"""What scoring produces: one ``ScoreLine`` per scored row, one ``Scorecard`` per self-evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.model.provenance import NOWHERE, Derived, Where
from jixiao.model.selfeval import SelfEvaluation
from jixiao.values.value import IndicatorValue

METHODS = ("execution", "positive", "reverse", "cost", "equal", "interval", "deviation", "qualitative", "reached",
           "judgement", "not_computable")


def rounded(value: Decimal, places: int) -> Decimal:
    """Half-up rounding, as the seeds round (5 × 8.20 / 9.94 = 4.1247… → 4.12)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def places_of(printed: Decimal) -> int:
    exponent = printed.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def agree(printed: Decimal, computed: Decimal, precision: int = 2) -> bool:
    """Equal at the rule's precision, or at the printed one where it prints one decimal.

    A whole number printed (``5``, ``9``) must equal the rule exactly: rounding 4.88 to 5
    would hide a lost point.
    """
    if rounded(computed, precision) == printed:
        return True
    places = places_of(printed)
    return 0 < places < precision and rounded(computed, places) == printed


@dataclass(frozen=True, slots=True)
class ScoreLine:
    """The printed and the rule's score of the fund line (``kind='fund'``) or of one indicator.

    ``computed`` is rounded to the rule set's precision; ``exact`` is the unrounded value
    (totals are taken before rounding); ``low``/``high`` bound a qualitative tier.
    """

    kind: str                      # 'fund' | 'indicator'
    index: int                     # position in SelfEvaluation.indicators, -1 for the fund line
    name: str
    level1: str | None
    level2: str | None
    weight: Decimal | None
    printed: Decimal | None
    computed: Decimal | None
    method: str
    formula: str
    explanation: str
    target: IndicatorValue | None = None
    actual: IndicatorValue | None = None
    where: Where = NOWHERE
    derived: Derived | None = None
    exact: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    notes: tuple[str, ...] = ()

    @property
    def agrees(self) -> bool | None:
        """Does the printed score match the rule (at printed precision)? ``None`` if not comparable."""
        if self.printed is None or self.computed is None:
            return None
        return agree(self.printed, self.exact if self.exact is not None else self.computed)

    @property
    def in_range(self) -> bool | None:
        """For a qualitative tier: is the printed score inside the tier's share of the weight?"""
        if self.printed is None or self.low is None or self.high is None:
            return None
        return self.low <= self.printed <= self.high


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The scores of one self-evaluation under one rule set.

    ``total_computed`` adds the printed scores; ``total_recomputed`` adds the rule's scores,
    falling back to the printed score where the rule gives none (judgement).
    """

    evaluation: SelfEvaluation
    ruleset: str
    lines: tuple[ScoreLine, ...]
    total_printed: Decimal | None
    total_computed: Decimal | None
    total_recomputed: Decimal | None
    grade: str | None
    weights: tuple[tuple[str, Decimal], ...]           # the rule set's points per level
    printed_weights: tuple[tuple[str, Decimal], ...] = ()   # the table's points per level
    ruleset_title: str = ""
    evidence: tuple[str, ...] = ()     # why this rule set (Chinese, for the report)
    choice: str = ""                   # 按 … 规则重算：依据 …
    rival: str | None = None           # a rule set that fits almost as well
    rival_title: str = ""
    rival_lines: tuple[tuple[Decimal | None, Decimal | None, Decimal | None], ...] = ()   # (exact, low, high)
    step: Decimal = Decimal("0.01")    # the table's own scoring step (0.01, 0.1, 0.5 or 1 point)
    maximum: Decimal | None = None     # the table's full marks (总分 分值, else the rule set's total)
    cap: str = ""                      # an execution cap applied to the total, explained

    @property
    def over_maximum(self) -> bool:
        """A total (printed or recomputed) above the table's full marks."""
        return self.maximum is not None and any(
            t is not None and t > self.maximum for t in (self.total_printed, self.total_recomputed))

    @property
    def fund_line(self) -> ScoreLine | None:
        return next((line for line in self.lines if line.kind == "fund"), None)

    @property
    def indicator_lines(self) -> tuple[ScoreLine, ...]:
        return tuple(line for line in self.lines if line.kind == "indicator")
