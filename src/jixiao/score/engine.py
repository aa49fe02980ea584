"""The scoring engine: every self-evaluation scored line by line, each score with its formula.

``score_document`` is the pipeline's score step; ``score_evaluation`` scores one table. The
rule set is chosen per table (``choose``, with its evidence) unless the caller names one;
a rule set that fits almost as well is scored too, so that a finding can say where two
plausible rules disagree.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.document import Document
from jixiao.model.provenance import Derived
from jixiao.model.selfeval import Indicator, SelfEvaluation
from jixiao.score.card import Scorecard, ScoreLine, rounded
from jixiao.score.formulas import execution_cap
from jixiao.score.fund import score_fund
from jixiao.score.rules import Outcome, fmt, not_computable, reached, score_values
from jixiao.score.ruleset import LEVELS, Choice, Ruleset, choose, level_points, load_ruleset, place_of
from jixiao.values import parse

STEPS = (Decimal(1), Decimal("0.5"), Decimal("0.1"), Decimal("0.01"))

COST = "成本指标"


def _is_cost(indicator: Indicator) -> bool:
    return COST in (indicator.level1, indicator.level2)


def _block(indicators: tuple[Indicator, ...], index: int) -> tuple[Indicator, ...]:
    """The rows that share a merged weight/score cell with row ``index`` (its followers)."""
    out = []
    for follower in indicators[index + 1:]:
        if not (follower.weight.empty and follower.score.empty) or follower.level2 != indicators[index].level2:
            break
        out.append(follower)
    return tuple(out)


def _outcome(evaluation: SelfEvaluation, index: int, rs: Ruleset, merged: set[int]) -> Outcome:
    ind = evaluation.indicators[index]
    weight = ind.weight.number
    if index in merged:
        return not_computable("与上一行合并计分（分值、得分印在本组第一行）")
    if weight is None:
        return not_computable("未列分值，无法计算得分")

    def one(i: Indicator) -> Outcome:
        return score_values(weight, parse(i.target.text, evaluation.year),
                            parse(i.actual.text, evaluation.year), _is_cost(i), rs, i.level2)

    first = one(ind)
    block = _block(evaluation.indicators, index)
    if not block:
        return first
    outcomes = [first, *(one(i) for i in block)]
    if all(o.exact == weight for o in outcomes):
        return reached(weight, f"本组 {len(outcomes)} 项（合并计分）均已达到")
    return Outcome("judgement", None, "", f"本组 {len(outcomes)} 项合并计分，未全部达到，得分由评价人判断")


def _indicator_line(evaluation: SelfEvaluation, index: int, rs: Ruleset, merged: set[int]) -> ScoreLine:
    ind = evaluation.indicators[index]
    out = _outcome(evaluation, index, rs, merged)
    computed = rounded(out.exact, rs.precision) if out.exact is not None else None
    formula = out.formula
    if computed is not None and out.method != "reached":
        formula = f"{out.formula} = {fmt(computed)}"
    derived = None
    if computed is not None:
        derived = Derived(rule=f"score.{out.method}", formula=formula,
                          inputs=(ind.target.where, ind.actual.where, ind.weight.where))
    return ScoreLine(
        kind="indicator", index=index, name=ind.name.text or "", level1=ind.level1, level2=ind.level2,
        weight=ind.weight.number, printed=ind.score.number, computed=computed, method=out.method,
        formula=formula, explanation=out.explanation,
        target=parse(ind.target.text, evaluation.year), actual=parse(ind.actual.text, evaluation.year),
        where=ind.where, derived=derived, exact=out.exact, low=out.low, high=out.high, notes=out.notes)


def _printed_weights(evaluation: SelfEvaluation) -> tuple[tuple[str, Decimal], ...]:
    fund = evaluation.total_fund
    out: list[tuple[str, Decimal]] = []
    if fund is not None and fund.weight.number is not None:
        out.append((LEVELS["execution"], fund.weight.number))
    out.extend(level_points(evaluation).items())
    return tuple(out)


def _sum(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) if values else None


def resolve_ruleset(evaluation: SelfEvaluation, ruleset: str | Ruleset | None) -> Ruleset:
    """The caller's choice wins; otherwise the rule set that fits the printed table."""
    return resolve_choice(evaluation, ruleset).ruleset


def resolve_choice(evaluation: SelfEvaluation, ruleset: str | Ruleset | None, place: str | None = None) -> Choice:
    """The caller's rule set (evidence: named by the user), or the one that fits best."""
    if ruleset:
        rs = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset)
        return Choice(rs, ("使用者指定（--ruleset 或导入时选择）",), 0.0, overridden=True)
    return choose(evaluation, place=place)


def scoring_step(evaluation: SelfEvaluation) -> Decimal:
    """The table's own scoring step: the coarsest of 1, 0.5, 0.1 point on which every score
    it printed below full marks lies (0.01 where it deducts finer, or deducts nothing)."""
    deducted = [i.score.number for i in evaluation.indicators
                if i.score.number is not None and i.weight.number is not None and i.score.number < i.weight.number]
    if not deducted:
        return STEPS[-1]
    return next(step for step in STEPS if all(n % step == 0 for n in deducted))


def _lines(evaluation: SelfEvaluation, rs: Ruleset) -> list[ScoreLine]:
    merged = {j for i in range(len(evaluation.indicators)) if not evaluation.indicators[i].weight.empty
              for j in range(i + 1, i + 1 + len(_block(evaluation.indicators, i)))}
    lines: list[ScoreLine] = []
    fund = score_fund(evaluation.total_fund, rs)
    if fund is not None:
        lines.append(fund)
    lines.extend(_indicator_line(evaluation, i, rs, merged) for i in range(len(evaluation.indicators)))
    return lines


def _maximum(evaluation: SelfEvaluation, rs: Ruleset) -> Decimal | None:
    """Full marks: the 总分 row's 分值 where printed, else the printed weights' sum, else the rule set's."""
    if evaluation.total_weight.number is not None:
        return evaluation.total_weight.number
    return rs.weights.total or None


def score_evaluation(evaluation: SelfEvaluation, ruleset: str | Ruleset | None = None,
                     place: str | None = None) -> Scorecard:
    """Score one 项目/部门整体支出绩效自评表: the fund line, then every indicator."""
    choice = resolve_choice(evaluation, ruleset, place)
    rs = choice.ruleset
    lines = _lines(evaluation, rs)
    printed = [line.printed for line in lines if line.printed is not None]
    redone = [line.exact if line.exact is not None else line.printed for line in lines]
    total_computed = _sum(printed)
    total_recomputed = _sum([v for v in redone if v is not None])
    cap = ""
    fund = next((line for line in lines if line.kind == "fund"), None)
    if total_recomputed is not None and rs.caps and fund is not None and fund.exact is not None and fund.weight:
        capped = execution_cap(total_recomputed, fund.exact / fund.weight, rs.caps)
        if capped.total != total_recomputed:
            total_recomputed, cap = capped.total, capped.explanation
    if total_recomputed is not None:
        total_recomputed = rounded(total_recomputed, rs.precision)
    total_printed = evaluation.total_score.number
    basis = next((t for t in (total_printed, total_computed, total_recomputed) if t is not None), None)
    rival = choice.runner_up
    rival_lines = tuple((x.exact, x.low, x.high) for x in _lines(evaluation, rival)) if rival is not None else ()
    return Scorecard(
        evaluation=evaluation, ruleset=rs.name, lines=tuple(lines), total_printed=total_printed,
        total_computed=total_computed, total_recomputed=total_recomputed,
        grade=rs.grade(basis) if basis is not None else None, weights=rs.weights.by_level(),
        printed_weights=_printed_weights(evaluation), ruleset_title=rs.title, evidence=choice.evidence,
        choice=choice.sentence, rival=rival.name if rival else None, rival_title=rival.title if rival else "",
        rival_lines=rival_lines, step=scoring_step(evaluation), maximum=_maximum(evaluation, rs), cap=cap)


def document_place(document: Document) -> str:
    """Every name the document's tables print: one document, one region."""
    evaluations = document.project_self_evaluations + document.department_self_evaluations
    return "".join(place_of(e) for e in evaluations) + "".join(
        (t.department.text or "") + (t.unit.text or "") for t in document.performance_targets)


def score_document(document: Document, ruleset: str | Ruleset | None = None) -> tuple[Scorecard, ...]:
    """One scorecard per self-evaluation, project tables first, then department tables."""
    place = document_place(document)
    return tuple(score_evaluation(e, ruleset, place)
                 for e in document.project_self_evaluations + document.department_self_evaluations)
