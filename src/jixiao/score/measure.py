"""Judge rule sets by the printed scores they reproduce (issue 11, point 4).

For one document: every printed score of its self-evaluations, rescored by each rule set.
A printed score is *reproduced* when it agrees with the rule at printed precision, lies in
its qualitative tier, or differs by less than the table's own scoring step; it is
*comparable* when the rule gives a number (or a tier) for it at all. The chosen rule set
is the one ``choose`` picks from the document; the best is the one reproducing the most.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.document import Document
from jixiao.score.card import Scorecard, ScoreLine
from jixiao.score.engine import score_document
from jixiao.score.ruleset import Ruleset, list_rulesets


@dataclass(frozen=True, slots=True)
class Tally:
    """Printed scores of one document under one rule set."""

    ruleset: str
    printed: int        # printed scores (fund line and indicators)
    comparable: int     # of which the rule gives a number or a tier
    reproduced: int     # of which the printed score stands for the rule's

    @property
    def share(self) -> float | None:
        return self.reproduced / self.comparable if self.comparable else None


@dataclass(frozen=True, slots=True)
class Judged:
    """One document: its chosen rule set's tally and every rule set's."""

    source: str
    chosen: Tally
    tallies: tuple[Tally, ...]

    @property
    def best(self) -> Tally:
        """The rule set reproducing the most; the chosen one wins ties."""
        return max(self.tallies, key=lambda t: (t.reproduced, t.ruleset == self.chosen.ruleset))

    def of(self, name: str) -> Tally:
        return next(t for t in self.tallies if t.ruleset == name)


def reproduced(card: Scorecard, line: ScoreLine) -> bool:
    """Does the printed score stand for the rule's, within the table's own precision?"""
    if line.printed is None:
        return False
    if line.agrees or line.in_range:
        return True
    value = line.exact if line.exact is not None else line.computed
    return value is not None and card.step > Decimal("0.01") and abs(line.printed - value) < card.step


def tally(name: str, cards: tuple[Scorecard, ...]) -> Tally:
    lines = [(c, x) for c in cards for x in c.lines if x.printed is not None]
    comparable = [(c, x) for c, x in lines if x.computed is not None or x.low is not None]
    return Tally(name, len(lines), len(comparable), sum(1 for c, x in comparable if reproduced(c, x)))


def judge(document: Document, rulesets: tuple[Ruleset, ...] | None = None) -> Judged | None:
    """Every rule set on one document; ``None`` where it prints no score."""
    cards = score_document(document)
    if not any(x.printed is not None for c in cards for x in c.lines):
        return None
    chosen = {c.ruleset for c in cards}
    name = cards[0].ruleset if len(chosen) == 1 else "、".join(sorted(chosen))
    return Judged(document.source, tally(name, cards),
                  tuple(tally(rs.name, score_document(document, rs)) for rs in rulesets or list_rulesets()))
