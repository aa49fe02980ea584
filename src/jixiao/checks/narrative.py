"""Checks: the 情况说明 against the tables and against itself.

Each stated figure (``NarrativeFact``) is parsed from its subject into a *key* (what it
is about: ``社会保障和就业``), a *measure* (actual, budget, change) and the kind of
percentage stated with it (share of a total, completion of the budget, rate of change).
What a key means in the tables is data: the lines of ``[subjects]`` in
``accounts/tables.toml`` (``TABLE_LINES``, one ``LineRef`` each); which figures are parts of
which total is ``PARTITIONS``. The arithmetic recomputes every percentage with the
tolerance of the printed digits, as an interval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.accounts.lines import ECONOMIC_CLASSES, FUNCTION_CLASSES, SUBJECTS, LineRef, find_line
from jixiao.accounts.views import amount, half_unit, norm, scale_of, unit_scale
from jixiao.checks.accounts import KIND, accounts_doc
from jixiao.checks.registry import Context, Example, Hit, check
from jixiao.model.accounts import FinalAccounts, NarrativeFact, TableKey
from jixiao.model.document import Document
from jixiao.model.findings import Severity
from jixiao.model.memo import by_identity
from jixiao.vocabulary import simplified

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def strip_spending(text: str) -> str:
    """The key of a subject: without the words that say *which figure* of it (支出, 决算数)."""
    text = re.sub(r"^(?:\d+[、.．]|其中[:：]|（[一二三四五六七八九十]+）)", "", norm(text))
    text = re.sub(r"^(?:20\d\d年度?)?的", "", text)      # 2020年度的“三公”经费 → “三公”经费
    while (cut := re.sub(r"(?:支出|决算数|决算)$", "", text)) != text:
        text = cut
    return ALIASES.get(text, text)


ALIASES = {"公务用车购置费及运行维护费": "公务用车购置及运行维护费"}
DENOMINATOR_ALIASES = {"本年支出合计": "支出合计", "本年收入合计": "收入合计"}
CLASS_KEYS = {strip_spending(name): code for code, name in FUNCTION_CLASSES.items()}
ECONOMIC_KEYS = {strip_spending(name): code for code, name in ECONOMIC_CLASSES.items()}

# What a key of the 情况说明 is in the tables: the 类 of both classifications by code, and
# the subjects of tables.toml (one line, or several added up).
TABLE_LINES: dict[str, tuple[LineRef, ...]] = {
    **{k: (LineRef(TableKey.BASIC_EXPENSE, code=c),) for k, c in ECONOMIC_KEYS.items()},
    **{k: (LineRef(TableKey.GENERAL_BUDGET_EXPENSE, code=c),) for k, c in CLASS_KEYS.items()},
    **SUBJECTS,
}

# Stated totals and the stated figures that make them up: (total keys, part keys or a rule).
PARTITIONS: tuple[tuple[tuple[str, ...], tuple[str, ...] | str], ...] = (
    (("收入合计",), ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
    (("支出合计",), ("基本", "项目", "上缴上级", "经营", "对附属单位补助")),
    (("一般公共预算财政拨款", "财政拨款"), "classes"),
    (("一般公共预算财政拨款", "财政拨款"), "items"),
    (("一般公共预算财政拨款基本", "财政拨款基本"), ("人员经费", "公用经费")),
    (("一般公共预算财政拨款基本", "财政拨款基本"), tuple(ECONOMIC_KEYS)),
    (("“三公”经费财政拨款", "“三公”经费"), ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")),
    (("公务用车购置及运行维护费",), ("公务用车购置费", "公务用车运行维护费")),
)

_CHANGE = re.compile(r"^(?P<key>.+?)(?:(?:(?:按同口径)?同比|较|比|与)(?P<base>.*?)(?:相比)?)?各?(?P<dir>增加|减少|增长|降低|上升|下降)了?$")
# 差值为 0.9 万元: the difference from the budget, of the thing named before it; no key of its own
_DIFFERENCE = re.compile(r"^(?:与预算|与年初预算)?(?:差值|差额)$")
# 相比2016年的总收入6871.82, 支出较上年2.08: the figure a change is measured from
_PRIOR = re.compile(r"^(?:相比|较|比|与|同比)20\d\d年度?的?|(?:较|比|同比)上年度?$")
# 上年收入 1306.89 万元: last year's figure, never the whole of this year's shares
_PREVIOUS = re.compile(r"^(?:上年|去年|上一年度?|上年度)")
_BUDGET = re.compile(r"^(?P<key>.*?)(?:支出)?(?:年初)?预算(?:数)?$")
_RATE = re.compile(r"（(?P<rate>完成(?:年初)?预算|占(?P<of>[^）]*))）$")
UP = ("增加", "增长", "上升")
PCT_TEMPLATE = "{section}“{subject}”{what}印作 {stated}，按所列金额为 {computed}（{formula}），按所印位数应为 {should}。"


# ---------------------------------------------------------------- stated figures


@dataclass(frozen=True, slots=True)
class Stated:
    """One narrative fact, parsed: what it is about and how its percentage is meant."""

    fact: NarrativeFact
    index: int
    key: str
    measure: str           # actual, budget, change, difference (差值: no key, never checked)
    rate: str | None       # share, completion (for actual), change (for change)
    of: str | None = None  # the named denominator of a share (占本年支出合计)
    up: bool = True
    base: str = ""

    @property
    def section(self) -> str:
        return self.fact.section

    @property
    def scale(self) -> Decimal:
        return unit_scale(self.fact.unit)

    @property
    def value(self) -> Decimal:
        return (self.fact.value.number or ZERO) * self.scale

    @property
    def half(self) -> Decimal:
        return half_unit(self.fact.value.decimals or 0) * self.scale

    @property
    def share(self) -> Decimal | None:
        return self.fact.share.number

    def say(self, value: Decimal) -> str:
        """An amount in 元 said in this figure's own unit (838.98 万元)."""
        return f"{amount(value / self.scale)} {self.fact.unit or '元'}"


def parse(fact: NarrativeFact, index: int) -> Stated:
    """Key, measure and kind of percentage, from the subject as labelled or as a reader names it
    (``…决算（完成年初预算）`` or ``…决算`` with a share: completion; ``…各增加``: change)."""
    subject = norm(simplified(fact.subject))        # as printed (traditional too): matched simplified
    rate, of = None, None
    if m := _RATE.search(subject):
        subject = subject[:m.start()]
        rate, of = ("completion", None) if m["rate"].startswith("完成") else ("share", m["of"] or "")
    if _DIFFERENCE.match(subject):
        return Stated(fact, index, "", "difference", None)
    if m := _CHANGE.match(subject):
        return Stated(fact, index, strip_spending(m["key"]), "change", "change", up=m["dir"] in UP,
                      base=m["base"] or "")
    if m := _BUDGET.match(subject):
        return Stated(fact, index, strip_spending(m["key"]), "budget", rate, of)
    if rate is None and fact.share.number is None and _PRIOR.search(subject):
        return Stated(fact, index, strip_spending(_PRIOR.sub("", subject)), "previous", None)
    if rate is None and fact.share.number is not None:
        rate = "completion" if re.search(r"决算数?$", subject) and not _said_as_share(fact) else "share"
        of = of if of is not None else share_of(fact)
    return Stated(fact, index, strip_spending(subject), "actual", rate, of)


def _said_as_share(fact: NarrativeFact) -> bool:
    """``公务接待费支出决算5.21万元，占67.75%``: a share of the whole, not a completion rate."""
    sentence = norm(simplified(fact.sentence))
    return fact.share.text is not None and \
        re.search(rf"[，,]占{re.escape(fact.share.text)}%", sentence) is not None


def share_of(fact: NarrativeFact) -> str | None:
    """The total a share names in its sentence: ``占本年支出合计的 99.01%`` → 本年支出合计."""
    sentence = norm(simplified(fact.sentence))
    if not sentence or fact.share.text is None:
        return None
    m = re.search(rf"占([^，。；：、\d%]+?)的{re.escape(fact.share.text)}", sentence)
    return m[1] if m else None


@by_identity()
def stated(fa: FinalAccounts) -> tuple[Stated, ...]:
    """The document's stated figures, parsed once."""
    return tuple(parse(f, i) for i, f in enumerate(fa.narrative_facts) if f.value.number is not None)


def lookup(items: Iterable[Stated], key: str, measure: str, near: Stated | None = None) -> Stated | None:
    """The stated figure for a key: same section first, then anywhere; exact key, then a longer one."""
    if not key:
        return None   # an unnamed figure (a reader that lost the subject) is nobody's
    pool = [s for s in items if s.measure == measure and s is not near]
    if near is not None:
        pool = sorted(pool, key=lambda s: s.section != near.section)
    exact = next((s for s in pool if s.key == key), None)
    return exact or next((s for s in pool if s.key.startswith(key)), None)


# ---------------------------------------------------------------- table values for a key


@dataclass(frozen=True, slots=True)
class Figure:
    """A value in 元 with its rounding half-width and the lines it was read from."""

    value: Decimal
    half: Decimal
    label: str


def table_figure(fa: FinalAccounts, key: str, measure: str) -> Figure | None:
    """The tables' figure for a key of the 情况说明; ``None`` where a table it needs is absent.

    Only table 07 prints budgets (its 预算 side); a line a table does not print counts as 0."""
    refs = TABLE_LINES.get(key)
    if refs is None or measure not in ("actual", "budget"):
        return None
    figures = [line_figure(fa, ref, measure) for ref in refs]
    found = [f for f in figures if f is not None]
    if len(found) < len(figures):
        return None
    return Figure(sum((f.value for f in found), ZERO), sum((f.half for f in found), ZERO),
                  " + ".join(f.label for f in found))


def line_figure(fa: FinalAccounts, ref: LineRef, measure: str) -> Figure | None:
    if ref.table is TableKey.THREE_PUBLIC:
        ref = ref.on("budget" if measure == "budget" else "actual")
    elif measure != "actual":
        return None
    found = find_line(fa, ref)
    if found is None:
        return None
    return Figure(found.value, found.half, ref.label + ("" if found.printed else "（未列）"))


# ---------------------------------------------------------------- percentages as intervals


def ratio(part: tuple[Decimal, Decimal], whole: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal] | None:
    """``part / whole`` in percent as an interval, from values ± their rounding."""
    (p, hp), (w, hw) = part, whole
    if w - hw <= 0:
        return None
    lo, hi = max(p - hp, ZERO) / (w + hw), (p + hp) / (w - hw)
    return lo * HUNDRED, hi * HUNDRED


@dataclass(frozen=True, slots=True)
class Percent:
    """A stated percentage against the recomputed one."""

    stated: Decimal
    places: int
    computed: Decimal
    low: Decimal
    high: Decimal

    @property
    def agrees(self) -> bool:
        h = half_unit(self.places)
        return self.low - h <= self.stated <= self.high + h

    @property
    def should_be(self) -> str:
        return f"{self.computed.quantize(Decimal(1).scaleb(-self.places))}%"

    @property
    def severity(self) -> Severity:
        """Off by no more than one unit of the last printed digit: rounding (warning); else error."""
        unit = Decimal(1).scaleb(-self.places)
        near = self.low - unit <= self.stated <= self.high + unit
        return Severity.WARNING if near else Severity.ERROR


def percent(s: Stated, part: tuple[Decimal, Decimal], whole: tuple[Decimal, Decimal]) -> Percent | None:
    bounds = ratio(part, whole)
    if bounds is None or s.share is None:
        return None
    return Percent(s.share, s.fact.share.decimals or 0, part[0] / whole[0] * HUNDRED, *bounds)


def _pct_hit(s: Stated, p: Percent, formula: str, what: str) -> Hit:
    return Hit(where=s.fact.where, document_kind=KIND, table=s.section, expected=p.should_be,
               actual=f"{s.fact.share.text}%", formula=formula, excerpt=s.fact.sentence or s.fact.subject,
               severity=p.severity,
               params={"section": s.section, "subject": s.fact.subject, "what": what,
                       "stated": f"{s.fact.share.text}%", "computed": f"{p.computed.quantize(Decimal(1).scaleb(-p.places - 2))}%",
                       "should": p.should_be, "formula": formula})


def pair(x: Stated | Figure) -> tuple[Decimal, Decimal]:
    return x.value, x.half


def named(x: Stated | Figure) -> str:
    return x.fact.subject if isinstance(x, Stated) else x.label


# ---------------------------------------------------------------- the checks


def _facts_doc(facts: list[tuple[str, str, float, float | None]], sentence: str = "", **tables: object) -> Document:
    """An example document: stated figures (section, subject, value, share) in 元, and tables."""
    return accounts_doc(tables, [{"section": s, "subject": k, "value": v, "unit": "元", "share": p,
                                  "sentence": sentence} for s, k, v, p in facts])


def _income01(other: float) -> Document:
    return _facts_doc([("二、收入决算情况说明", "收入合计", 100.75, None),
                       ("二、收入决算情况说明", "其他收入", other, 40.2)],
                      income_expense_summary={"income": [
                          {"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [60.25]},
                          {"name": "其他收入", "line": 8, "amounts": [40.5]},
                          {"name": "本年收入合计", "line": 27, "amounts": [100.75]}], "expense": []})


@check("N001", "narrative-differs-from-table", "情况说明数字与公开表不一致", Severity.ERROR, "narrative",
       "{section}称“{subject}”{stated}，而{where}为 {table}。{hint}",
       "情况说明中的金额应与公开表一致：请核对说明用的科目名称与表中所列行是否对应。",
       examples=(Example("说明与01表一致", lambda: _income01(40.5), fails=False),
                 Example("说明的其他收入与01表不同", lambda: _income01(40.05), fails=True)))
def narrative_differs_from_table(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        for s in stated(fa):
            fig = table_figure(fa, s.key, s.measure)
            if fig is None or abs(s.value - fig.value) < s.half + fig.half:
                continue
            elsewhere = _same_amount_elsewhere(fa, s)
            hint = f"该金额在公开01表中列于“{elsewhere}”。" if elsewhere else ""
            yield Hit(where=s.fact.where, document_kind=KIND, table=s.section, expected=s.say(fig.value),
                      actual=s.say(s.value), excerpt=s.fact.sentence or s.fact.subject,
                      formula=f"{s.fact.subject} {s.say(s.value)} ≠ {fig.label} {s.say(fig.value)}",
                      params={"section": s.section, "subject": s.fact.subject,
                              "stated": s.say(s.value), "where": fig.label,
                              "table": s.say(fig.value), "hint": hint})


def _same_amount_elsewhere(fa: FinalAccounts, s: Stated) -> str | None:
    """Where table 01 prints the stated amount under another line (事业收入 printed as 上级补助收入)."""
    t = fa.income_expense_summary
    if t is None or s.value == 0:
        return None
    scale = scale_of(fa, TableKey.INCOME_EXPENSE_SUMMARY)
    for line in (*t.income, *t.expense):
        c = line.amounts[0] if line.amounts else None
        if c is not None and c.number is not None and abs(c.number * scale - s.value) <= s.half:
            return norm(line.name.text)
    return None


def denominator(items: tuple[Stated, ...], fa: FinalAccounts, s: Stated) -> Stated | Figure | None:
    """What a share is of: the named total (占本年支出合计), else the section's last total above it."""
    if s.of is not None:
        if not s.of:
            return None
        key = strip_spending(s.of)
        same = [x for x in items if x.section == s.section and x is not s and x.measure == "actual"
                and x.key.endswith(key) and x.key != s.key]
        if same:
            return same[0]
        return table_figure(fa, key, "actual") or lookup(items, DENOMINATOR_ALIASES.get(key, key), "actual")
    above = [x for x in items[:items.index(s)] if x.section == s.section and x.measure == "actual"
             and x.share is None and x.key != s.key and not _PREVIOUS.match(x.key)]
    return above[-1] if above else None


def _shares_doc(share: float) -> Document:
    return _facts_doc([("三、支出决算情况说明", "支出合计", 200.0, None),
                       ("三、支出决算情况说明", "基本支出", 50.0, share)])


@check("N002", "share-wrong", "情况说明占比计算有误", Severity.ERROR, "narrative",
       PCT_TEMPLATE,
       "情况说明中的占比应等于该项金额除以所属合计；末位差一可能是截断而非四舍五入。",
       examples=(Example("占比正确", lambda: _shares_doc(25.0), fails=False),
                 Example("占比算错", lambda: _shares_doc(20.0), fails=True),
                 Example("上年数不是本年占比的分母", lambda: _facts_doc([
                     ("一、收入决算情况说明", "本年收入总计", 200.0, None),
                     ("一、收入决算情况说明", "上年收入", 250.0, None),
                     ("一、收入决算情况说明", "财政拨款收入", 200.0, 100.0)]), fails=False)))
def share_wrong(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        items = stated(fa)
        for s in items:
            if s.measure != "actual" or s.rate != "share" or s.share is None:
                continue
            whole = denominator(items, fa, s)
            if whole is not None and (p := percent(s, pair(s), pair(whole))) is not None and not p.agrees:
                yield _pct_hit(s, p, f"{s.say(s.value)} / {named(whole)} {s.say(whole.value)}", "占比")


def _change_doc(share: float) -> Document:
    return _facts_doc([("一、收入支出决算总体情况说明", "收、支总计", 110.0, None),
                       ("一、收入支出决算总体情况说明", "收、支总计较上年增加", 10.0, share)])


@check("N003", "change-rate-wrong", "情况说明增减幅度计算有误", Severity.ERROR, "narrative",
       PCT_TEMPLATE,
       "增减幅度 = 增减额 ÷ 比较基数（上年决算数或年初预算数），基数 = 本年数 ∓ 增减额。",
       examples=(Example("增幅正确", lambda: _change_doc(10.0), fails=False),
                 Example("增幅按本年数计算", lambda: _change_doc(9.09), fails=True),
                 Example("“减少了”也是增减额", lambda: _facts_doc([
                     ("一、“三公”经费支出决算情况说明", "“三公”经费支出", 60.0, None),
                     ("一、“三公”经费支出决算情况说明", "2020年度的“三公”经费支出减少了", 40.0, 60.0)]),
                         fails=True)))
def change_rate_wrong(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        items = stated(fa)
        for s in items:
            if s.measure != "change" or s.share is None:
                continue
            stated_before = lookup(items, s.key, "previous", near=s)
            if stated_before is not None:        # the base printed: 相比上年的总收入6871.82减少…
                p = percent(s, pair(s), (stated_before.value, stated_before.half))
                if p is not None and not p.agrees:
                    yield _pct_hit(s, p, f"{s.say(s.value)} / {s.say(stated_before.value)}", "增减幅度")
                continue
            current = lookup(items, s.key, "actual", near=s) or table_figure(fa, s.key, "actual")
            if current is None:
                continue
            previous = current.value - s.value if s.up else current.value + s.value
            p = percent(s, pair(s), (previous, current.half + s.half))
            if p is not None and not p.agrees:
                formula = (f"{s.say(s.value)} / ({s.say(current.value)} {'−' if s.up else '+'} "
                           f"{s.say(s.value)} = {s.say(previous)})")
                yield _pct_hit(s, p, formula, "增减幅度")


def _completion_doc(share: float) -> Document:
    return _facts_doc([("五、一般公共预算财政拨款支出决算情况说明", "教育支出年初预算", 80.0, None),
                       ("五、一般公共预算财政拨款支出决算情况说明", "教育支出决算（完成年初预算）", 100.0, share)])


@check("N004", "completion-rate-wrong", "情况说明预算完成率计算有误", Severity.ERROR, "narrative",
       PCT_TEMPLATE,
       "完成预算的百分比 = 支出决算 ÷ 预算；请勿照抄总体完成率。",
       examples=(Example("完成率正确", lambda: _completion_doc(125.0), fails=False),
                 Example("完成率照抄", lambda: _completion_doc(175.0), fails=True),
                 Example("分项的完成率不按合计的预算算", lambda: _facts_doc([
                     (FIVE_SECTION, "“三公”经费年初预算", 100.0, None),
                     (FIVE_SECTION, "“三公”经费支出决算", 50.0, 50.0),
                     (FIVE_SECTION, "公务接待费支出决算", 30.0, 75.0)],
                     "“三公”经费年初预算为100元，支出决算为50元，完成预算的50%，其中：公务接待费支出决算为30元，完成预算的75%。"),
                         fails=False),
                 Example("“占”的比例不是完成率", lambda: _facts_doc([
                     (FIVE_SECTION, "“三公”经费年初预算", 100.0, None),
                     (FIVE_SECTION, "公务接待费年初预算", 40.0, None),
                     (FIVE_SECTION, "公务接待费支出决算", 30.0, 60.0)],
                     "公务接待费年初预算40元；“三公”经费支出决算中，公务接待费支出决算30元，占60%。"),
                         fails=False)))
def completion_rate_wrong(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        items = stated(fa)
        for s in items:
            if s.measure != "actual" or s.rate != "completion" or s.share is None:
                continue
            budget = (same_sentence(items, s, "budget") or lookup(items, s.key, "budget", near=s)
                      or table_figure(fa, s.key, "budget"))
            if budget is not None and (p := percent(s, pair(s), pair(budget))) is not None and not p.agrees:
                yield _pct_hit(s, p, f"{s.say(s.value)} / {named(budget)} {s.say(budget.value)}", "完成预算")


def same_sentence(items: tuple[Stated, ...], s: Stated, measure: str) -> Stated | None:
    """The figure of ``measure`` of the same thing stated just before ``s`` in the same sentence
    (年初预算为 X，支出决算为 Y); the total's budget is no item's (其中：公务接待费决算为…，完成预算的…)."""
    if not s.fact.sentence:
        return None
    before = [x for x in items[:items.index(s)] if x.measure == measure and x.fact.sentence == s.fact.sentence
              and x.key == s.key]
    return before[-1] if before else None


def _in_partition(rule: tuple[str, ...] | str, key: str) -> bool:
    if rule == "classes":
        return key in CLASS_KEYS
    if rule == "items":   # 项 named as such, or listed without a name under the total
        return key.endswith("（项）") or key.startswith("#")
    return key in rule


def partitions(items: tuple[Stated, ...]) -> Iterator[tuple[Stated, list[Stated]]]:
    """Each stated total with the stated figures of the same section that make it up."""
    for section in dict.fromkeys(s.section for s in items):
        for measure in ("actual", "budget"):
            first: dict[str, Stated] = {}
            for s in items:
                if s.section == section and s.measure == measure:
                    first.setdefault(s.key or f"#{s.index}", s)
            for totals, rule in PARTITIONS:
                total = next((first[k] for k in totals if k in first), None)
                parts = [s for k, s in first.items() if _in_partition(rule, k) and s is not total]
                if total is not None and len(parts) >= 2:
                    yield total, parts


def _parts_doc(total: float) -> Document:
    return _facts_doc([("六、基本支出决算情况说明", "财政拨款基本支出", total, None),
                       ("六、基本支出决算情况说明", "人员经费", 80.0, None),
                       ("六、基本支出决算情况说明", "公用经费", 20.0, None)])


@check("N005", "parts-not-total", "情况说明所列分项之和不等于所述合计", Severity.ERROR, "narrative",
       "{section}：{parts} 之和为 {sum}，而所述“{subject}”为 {stated}，{which}{diff}。{hint}",
       "情况说明列举的分项（收入来源、支出类别、经济分类、“三公”经费各项、各科目年初预算）加总应等于所述合计。",
       examples=(Example("人员经费 + 公用经费 = 基本支出", lambda: _parts_doc(100.0), fails=False),
                 Example("分项之和与合计不符", lambda: _parts_doc(110.0), fails=True)))
def parts_not_total(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        items = stated(fa)
        for total, parts in partitions(items):
            got = sum((p.value for p in parts), ZERO)
            slack = total.half + sum((p.half for p in parts), ZERO)
            if abs(got - total.value) < slack:
                continue
            same = next((x for x in items if x.measure == total.measure and x.key != total.key
                         and abs(x.value - got) < slack + x.half), None)
            hint = (f"分项之和等于情况说明{same.section.split('、')[0]}所述“{same.fact.subject}”，"
                    "疑似口径不同（如全部资金与财政拨款）。") if same else ""
            names = " + ".join(f"{p.fact.subject} {p.say(p.value)}" for p in parts)
            yield Hit(where=total.fact.where, document_kind=KIND, table=total.section,
                      expected=total.say(got), actual=total.say(total.value), formula=f"{names} = {total.say(got)}",
                      excerpt=total.fact.sentence or total.fact.subject,
                      params={"section": total.section, "parts": "、".join(f"{p.fact.subject} {p.say(p.value)}" for p in parts),
                              "sum": total.say(got), "subject": total.fact.subject, "stated": total.say(total.value),
                              "which": "合计比分项之和多 " if total.value > got else "合计比分项之和少 ",
                              "diff": total.say(abs(total.value - got)), "hint": hint})


def _twice_doc(second: float) -> Document:
    return _facts_doc([("五、一般公共预算财政拨款支出决算情况说明", "教育支出", 100.25, None),
                       ("五、一般公共预算财政拨款支出决算情况说明", "教育支出决算（完成年初预算）", second, None)])


@check("N006", "figure-stated-twice", "情况说明同一数字前后不一致", Severity.ERROR, "narrative",
       "“{subject}”在{first}为 {a}，在{second}为 {b}。",
       "同一项目的金额在情况说明中多次出现时应一致。",
       examples=(Example("两处一致", lambda: _twice_doc(100.25), fails=False),
                 Example("两处不同", lambda: _twice_doc(100.52), fails=True),
                 Example("各项的“差值”不是同一数字", lambda: _facts_doc([
                     (FIVE_SECTION, "差值", 0.9, None), (FIVE_SECTION, "差值", 0.05, None)]), fails=False)))
def figure_stated_twice(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        seen: dict[tuple[str, str, str], Stated] = {}
        for s in stated(fa):
            if s.measure == "change" or not s.key:
                continue
            first = seen.setdefault((s.measure, s.key, _scope(s.section)), s)
            if first is not s and abs(first.value - s.value) >= first.half + s.half:
                yield Hit(where=s.fact.where, document_kind=KIND, table=s.section, expected=first.say(first.value),
                          actual=s.say(s.value), excerpt=s.fact.sentence or s.fact.subject,
                          params={"subject": s.key, "first": first.section, "a": first.say(first.value),
                                  "second": s.section, "b": s.say(s.value)})


_SCOPES = ("政府性基金", "国有资本经营", "一般公共预算")


def _scope(section: str) -> str:
    """The budget a section speaks of: a figure of the 政府性基金 section is no figure of the
    一般公共预算 one, however alike its name (工资福利支出)."""
    return next((w for w in _SCOPES if w in simplified(section)), "")


_COMPARED = re.compile(r"决算数?(大于|小于|等于)(?:年初)?预算数?")


def _word_doc(word: str) -> Document:
    sentence = f"年初预算为0万元，支出决算为20万元，决算数{word}年初预算数的主要原因是：年初未包含该项预算。"
    return _facts_doc([(FIVE_SECTION, "年初预算", 0.0, None), (FIVE_SECTION, "支出决算", 20.0, None)], sentence)


FIVE_SECTION = "五、一般公共预算财政拨款支出决算情况说明"


@check("N007", "comparison-word-wrong", "情况说明“大于/小于预算”与数字相反", Severity.WARNING, "narrative",
       "{section}：句中称“决算数{word}预算数”，而所列支出决算 {spent} {sign} 年初预算 {planned}。",
       "说明决算与预算差异原因时，“大于/小于”应与所列两个数字一致，常见于套用模板未改。",
       examples=(Example("大于与数字一致", lambda: _word_doc("大于"), fails=False),
                 Example("写成小于", lambda: _word_doc("小于"), fails=True)))
def comparison_word_wrong(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        items = stated(fa)
        for s in items:
            m = _COMPARED.search(norm(simplified(s.fact.sentence)))
            budget = same_sentence(items, s, "budget") if s.measure == "actual" and m else None
            if m is None or budget is None:
                continue
            diff = s.value - budget.value
            actual = "大于" if diff > 0 else "小于" if diff < 0 else "等于"
            if m[1] != actual:
                yield Hit(where=s.fact.where, document_kind=KIND, table=s.section, expected=actual, actual=m[1],
                          excerpt=s.fact.sentence,
                          params={"section": s.section, "word": m[1], "spent": s.say(s.value),
                                  "sign": {"大于": ">", "小于": "<", "等于": "="}[actual],
                                  "planned": budget.say(budget.value)})
