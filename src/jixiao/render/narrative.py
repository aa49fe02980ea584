"""The 情况说明 (sections 一 to 七) written from the tables, in the official wording.

Every figure comes from the tables through the same subject → line mapping the
narrative checks use (``checks.narrative.TABLE_LINES``, lines of ``accounts/tables.toml``),
so what is generated is what the checks accept. Figures the tables do not hold — last year's amounts (``prior``)
and the 年初预算 by subject (``budget``) — are optional inputs keyed the same way
(``社会保障和就业``, ``工资福利``, ``“三公”经费财政拨款`` …); without them the sentences
that need them are left out. Reasons are left for people to write (``REASON``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from jixiao.accounts.lines import ECONOMIC_CLASSES, FUNCTION_CLASSES
from jixiao.accounts.views import function_view, scale_of
from jixiao.checks.narrative import stated, strip_spending, table_figure
from jixiao.model.accounts import FinalAccounts, TableKey

Figures = Mapping[str, Decimal]
ZERO = Decimal(0)
REASON = "主要原因：【请填写】。"
SAME = "无变化"
INCOME_SOURCES = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENSE_KINDS = (("基本支出", "基本"), ("项目支出", "项目"), ("上缴上级支出", "上缴上级"), ("经营支出", "经营"),
                 ("对附属单位补助支出", "对附属单位补助"))
THREE_PUBLIC_TOTAL, VEHICLES = "“三公”经费财政拨款", "公务用车购置及运行维护费"
THREE_PUBLIC = ("因公出国（境）费", VEHICLES, "公务接待费")   # the items of section 七, as subjects


def yuan(value: Decimal) -> str:
    """An amount as the 情况说明 prints it: two decimals, ``0`` for nothing."""
    return "0" if value == 0 else f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def pct(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return "0%"
    value = (part / whole * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return "0%" if value == 0 else f"{value}%"


def change(now: Decimal, before: Decimal | None, words: tuple[str, str, str, str] = ("增加", "增长", "减少", "降低"),
           ) -> str | None:
    """``增加 X 元，增长 r%`` against a base; ``None`` where there is no base."""
    if before is None:
        return None
    diff = now - before
    if diff == 0:
        return SAME
    up, rise, down, fall = words
    verb, rate = (up, rise) if diff > 0 else (down, fall)
    return f"{verb}{yuan(abs(diff))}元，{rate}{pct(abs(diff), before)}" if before else f"{verb}{yuan(abs(diff))}元"


def both(moved: str) -> str:
    """收、支总计各增加 …: 各 (income and expense alike) and a reason only where something moved."""
    return f"{SAME}。" if moved == SAME else f"各{moved}。{REASON}"


def reason(moved: str) -> str:
    return "" if moved == SAME else REASON


def figure(fa: FinalAccounts, key: str, measure: str = "actual") -> Decimal:
    found = table_figure(fa, key, measure)
    return found.value if found is not None else ZERO


def income_sources(fa: FinalAccounts) -> dict[str, Decimal]:
    """Income by source: table 02's 合计 row where printed (its columns are the sources), else table 01."""
    got = function_view(fa, TableKey.INCOME)
    if got is not None and got[1].total is not None and len(got[1].total.amounts) >= 7:
        scale = scale_of(fa, TableKey.INCOME)
        cells = got[1].total.amounts
        return {name: (cells[j].number or ZERO) * scale for j, name in enumerate(INCOME_SOURCES, 1)}
    return {name: figure(fa, name) for name in INCOME_SOURCES}


def section_one(fa: FinalAccounts, prior: Figures) -> str:
    y, total = fa.year, figure(fa, "收、支总计")
    text = f"{y}年度收、支总计{yuan(total)}元。"
    if (moved := change(total, prior.get("收、支总计"))) is not None:
        text += f"与{y - 1 if y else '上'}年度相比，收、支总计{both(moved)}"
    return "一、收入支出决算总体情况说明\n\n" + text


def section_two(fa: FinalAccounts) -> str:
    total, parts = figure(fa, "收入合计"), income_sources(fa)
    listed = "；".join(f"{name}{yuan(v)}元，占{pct(v, total)}" for name, v in parts.items())
    return f"二、收入决算情况说明\n\n{fa.year}年度收入合计{yuan(total)}元，其中：{listed}。"


def section_three(fa: FinalAccounts) -> str:
    total = figure(fa, "支出合计")
    listed = "；".join(f"{name}{yuan(figure(fa, key))}元，占{pct(figure(fa, key), total)}"
                       for name, key in EXPENSE_KINDS)
    return f"三、支出决算情况说明\n\n{fa.year}年度支出合计{yuan(total)}元，其中：{listed}。"


def section_four(fa: FinalAccounts, prior: Figures) -> str:
    y, total = fa.year, figure(fa, "财政拨款收、支总计")
    text = f"{y}年度财政拨款收、支总计{yuan(total)}元。"
    if (moved := change(total, prior.get("财政拨款收、支总计"))) is not None:
        text += f"与{y - 1 if y else '上'}年度相比，财政拨款收、支总计{both(moved)}"
    return "四、财政拨款收入支出决算总体情况说明\n\n" + text


def classes(fa: FinalAccounts) -> list[tuple[str, str, Decimal]]:
    """The 类 of table 05 that hold spending: (name, key, amount), in code order."""
    out = []
    for name in FUNCTION_CLASSES.values():
        key = strip_spending(name)
        found = table_figure(fa, key, "actual")
        if found is not None and found.value:
            out.append((name, key, found.value))
    return out


def section_five(fa: FinalAccounts, prior: Figures, budget: Figures) -> str:
    y, g, spent = fa.year, figure(fa, "一般公共预算财政拨款"), figure(fa, "支出合计")
    first = f"（一）一般公共预算财政拨款支出决算总体情况。{y}年度一般公共预算财政拨款支出{yuan(g)}元，占本年支出合计的{pct(g, spent)}。"
    if (moved := change(g, prior.get("一般公共预算财政拨款"), ("增加", "上升", "减少", "下降"))) is not None:
        first += f"与{y - 1 if y else '上'}年度相比，一般公共预算财政拨款支出{moved}。{reason(moved)}"
    rows = classes(fa)
    listed = "；".join(f"{name}{yuan(v)}元，占{pct(v, g)}" for name, _, v in rows)
    second = f"（二）一般公共预算财政拨款支出决算结构情况。{y}年度一般公共预算财政拨款支出{yuan(g)}元，主要用于以下方面：{listed}。"
    third = f"（三）一般公共预算财政拨款支出决算具体情况。{_against_budget(y, '一般公共预算财政拨款支出', g, budget.get('一般公共预算财政拨款'))}"
    items = [f"{i}.{_against_budget(None, name, v, budget.get(key))}" for i, (name, key, v) in enumerate(rows, 1)]
    return "\n\n".join(["五、一般公共预算财政拨款支出决算情况说明", first, second, third + ("其中：" if items else ""),
                        *items])


def _against_budget(year: int | None, name: str, spent: Decimal, planned: Decimal | None) -> str:
    lead = f"{year}年度" if year else ""
    if planned is None:
        return f"{lead}{name}决算为{yuan(spent)}元。"
    done = f"，完成年初预算的{pct(spent, planned)}" if planned else ""
    why = f"决算数{'大于' if spent > planned else '小于'}预算数的{REASON}" if year is None and planned and spent != planned else ""
    return f"{lead}{name}年初预算为{yuan(planned)}元，支出决算为{yuan(spent)}元{done}。{why}"


def section_six(fa: FinalAccounts, prior: Figures, budget: Figures) -> str:
    y = fa.year
    basic, people, public = (figure(fa, k) for k in ("一般公共预算财政拨款基本", "人员经费", "公用经费"))
    lines = [f"{y}年度一般公共预算财政拨款基本支出{yuan(basic)}元，其中：人员经费{yuan(people)}元，公用经费{yuan(public)}元。"
             "支出具体情况如下："]
    codes = sorted(norm_code for r in fa.basic_expense or () if len(norm_code := (r.code.text or "").strip()) == 3)
    for i, code in enumerate(codes, 1):
        name = ECONOMIC_CLASSES.get(code, code)
        key = strip_spending(name)
        v = figure(fa, key)
        said = []
        if (moved := change(v, budget.get(key))) is not None:
            said.append(f"较{y}年度年初预算数{moved}" + (f"，{REASON.rstrip('。')}" if reason(moved) else ""))
        if (moved := change(v, prior.get(key))) is not None:
            said.append(f"较{y - 1 if y else '上'}年度决算数{moved}")
        lines.append(f"{i}.{name}{yuan(v)}元" + ("，" + "；".join(said) if said else "") + "。")
    return "六、一般公共预算财政拨款基本支出决算情况说明（按经济分类填列到款级科目）\n\n" + "\n\n".join(lines)


def section_seven(fa: FinalAccounts, prior: Figures) -> str:
    y = fa.year
    head = "七、财政拨款“三公”经费支出决算情况说明"
    if fa.three_public is None:
        return head + "\n\n" + f"{y}年度无财政拨款“三公”经费支出决算表。"
    total_b, total_a = figure(fa, THREE_PUBLIC_TOTAL, "budget"), figure(fa, THREE_PUBLIC_TOTAL)
    first = [f"{y}年度“三公”经费财政拨款支出预算为{yuan(total_b)}元，支出决算为{yuan(total_a)}元"
             + (f"，完成预算的{pct(total_a, total_b)}" if total_b else "") + "。"]
    if (moved := change(total_a, prior.get(THREE_PUBLIC_TOTAL))) is not None:
        first.append(f"{y}年度“三公”经费财政拨款支出决算数比{y - 1 if y else '上'}年度{moved}。{reason(moved)}")
    items = []
    for i, name in enumerate(THREE_PUBLIC, 1):
        b, a = figure(fa, name, "budget"), figure(fa, name)
        text = f"{i}.{name}预算为{yuan(b)}元，支出决算为{yuan(a)}元" + (f"，完成预算的{pct(a, b)}" if b else "")
        if (moved := change(a, prior.get(name))) is not None:
            text += f"；比{y - 1 if y else '上'}年度{moved}"
        text += "。"
        if name == VEHICLES:
            text += (f"其中：公务用车购置费支出{yuan(figure(fa, '公务用车购置费'))}元，"
                     f"公务用车运行维护费支出{yuan(figure(fa, '公务用车运行维护费'))}元。")
        items.append(text)
    return "\n\n".join([head, "（一）“三公”经费财政拨款支出决算总体情况说明。", *first,
                        "（二）“三公”经费财政拨款支出决算具体情况说明。", *items])


def render_narrative(fa: FinalAccounts, prior: Figures | None = None, budget: Figures | None = None) -> str:
    """Sections 一 to 七 of the 情况说明 from the tables (``prior``: last year's figures; ``budget``: 年初预算)."""
    prior, budget = prior or {}, budget or {}
    return "\n\n".join([section_one(fa, prior), section_two(fa), section_three(fa), section_four(fa, prior),
                        section_five(fa, prior, budget), section_six(fa, prior, budget), section_seven(fa, prior)])


def prior_from(previous: FinalAccounts) -> dict[str, Decimal]:
    """Last year's figures from last year's tables, keyed as ``render_narrative`` reads them."""
    keys = ["收、支总计", "财政拨款收、支总计", "一般公共预算财政拨款", THREE_PUBLIC_TOTAL, *THREE_PUBLIC,
            *(strip_spending(ECONOMIC_CLASSES.get((r.code.text or "").strip(), ""))
              for r in previous.basic_expense or () if len((r.code.text or "").strip()) == 3)]
    found = {key: table_figure(previous, key, "actual") for key in keys if key}
    return {key: f.value for key, f in found.items() if f is not None}


def inputs_from_facts(fa: FinalAccounts) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Last year's figures and the 年初预算 a published 情况说明 states or implies (current ∓ change).

    Lets a corrected 情况说明 be regenerated from a published one and its tables."""
    items = stated(fa)
    prior: dict[str, Decimal] = {}
    budget: dict[str, Decimal] = {s.key: s.value for s in items if s.measure == "budget"}
    for s in items:
        if s.measure != "change":
            continue
        current = next((x for x in items if x.measure == "actual" and x.key.startswith(s.key)), None)
        if current is None:
            continue
        before = current.value - s.value if s.up else current.value + s.value
        (budget if "预算" in s.base else prior).setdefault(s.key, before)
    return prior, budget
