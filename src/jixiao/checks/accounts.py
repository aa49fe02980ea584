"""Checks: the identities within and across the nine final-accounts tables (DOMAIN.md).

The identities and how they are judged live in ``jixiao.accounts`` (shared with the
情况说明 checks and writer); each check here reports the failed identities of its code.
A cut cell (``418,144,219.9`` where the column prints ``…219.93``) that the full value
printed elsewhere explains is reported once (A013), not as a broken identity. Amounts are
compared in 元, whatever unit each table prints (A014 says when the units differ).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from jixiao.accounts.identities import Verdict, full_value, verdicts
from jixiao.accounts.views import SHORT, TITLES, Term, amount, function_tables, norm
from jixiao.checks.registry import Context, Example, Hit, check
from jixiao.model.accounts import FinalAccounts, FunctionTable, TableKey
from jixiao.model.document import Document
from jixiao.model.findings import Severity
from jixiao.vocabulary import simplified

KIND = "final_accounts"


# ---------------------------------------------------------------- findings


def _hit(v: Verdict) -> Hit:
    i = v.identity
    diff = i.total.value - i.expected
    return Hit(where=i.total.cell.where, document_kind=KIND, table=i.table,
               expected=amount(i.expected, i.total.places), actual=amount(i.total.value, i.total.places),
               formula=i.formula(), excerpt=i.total.cell.raw or i.total.cell.text,
               params={"table": i.table, "name": i.name, "formula": i.formula(),
                       "diff": amount(diff, i.total.places), "slack": amount(i.slack, 3),
                       "note": "".join(f"{t.label} 只印 {t.cell.decimals or 0} 位小数，若末位被截断则等式可能成立。"
                                       for t in v.cut)})


def identity_hits(ctx: Context, code: str) -> Iterator[Hit]:
    for fa in ctx.document.final_accounts:
        for v in verdicts(fa):
            if v.identity.code == code and v.status == "fails":
                yield _hit(v)


IDENTITY_TEMPLATE = "{table}：{name} 不成立。{formula}，相差 {diff}（容差 {slack}）。{note}"


def accounts_doc(tables: dict[str, object], facts: list[dict[str, object]] | None = None) -> Document:
    """An example document: one final accounts in 元 from interchange-JSON tables (and stated figures)."""
    from jixiao.render.accounts_in import final_accounts_from_json

    data = {"year": 2024, "department": "示例单位", "amount_unit": "元", "tables": tables,
            "narrative_facts": facts or []}
    return Document(source="example.txt", final_accounts=(final_accounts_from_json(data, "example.txt"),))


def _tables(**tables: object) -> dict[str, object]:
    return tables


def _doc(tables: dict[str, object]) -> Document:
    return accounts_doc(tables)


def _summary01(total_in: float, total_out: float = 100.75) -> Document:
    return _doc(_tables(income_expense_summary={
        "income": [{"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [60.25]},
                   {"name": "其他收入", "line": 8, "amounts": [40.5]},
                   {"name": "本年收入合计", "line": 27, "amounts": [total_in]},
                   {"name": "总计", "line": 30, "amounts": [total_in]}],
        "expense": [{"name": "社会保障和就业支出", "line": 38, "amounts": [100.75]},
                    {"name": "本年支出合计", "line": 59, "amounts": [total_out]},
                    {"name": "总计", "line": 62, "amounts": [total_out]}]}))


def _rows(code: str, rows: list[tuple[str | None, str, list[float | None]]]) -> Document:
    key = {"A002": "income", "A003": "expense", "A005": "general_budget_expense", "A009": "state_capital",
           "A011": "general_budget_expense"}[code]
    return _doc(_tables(**{key: [{"code": c, "name": n, "amounts": a} for c, n, a in rows]}))


def _ok_rows(code: str) -> Example:
    return Example("合计行与各行、各列相加一致", lambda: _rows(code, [
        (None, "合计", [30.75, 10.25, 20.5]), ("2080101", "行政运行", [10.25, 10.25, None]),
        ("2080102", "一般行政管理事务", [20.5, None, 20.5])]), fails=False)


def _bad_rows(code: str) -> Example:
    return Example("一行合计不等于各列之和", lambda: _rows(code, [
        (None, "合计", [30.86, 10.25, 20.61]), ("2080101", "行政运行", [10.25, 10.25, None]),
        ("2080102", "一般行政管理事务", [20.61, None, 20.5])]), fails=True)


@check("A001", "summary-identity", "收入支出决算总表等式不成立", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开01表中本年收入（支出）合计应等于各项之和，总计应等于合计加结转结余，收入总计应等于支出总计。请核对表中数字。",
       examples=(Example("收入、支出与总计一致", lambda: _summary01(100.75), fails=False),
                 Example("本年收入合计与各项收入之和差 0.01", lambda: _summary01(100.76, 100.76), fails=True)))
def summary_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A001")


@check("A002", "income-row-identity", "收入决算表合计与各来源不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开02表每行本年收入合计应等于各收入来源之和，合计行应等于各行之和。",
       examples=(_ok_rows("A002"), _bad_rows("A002")))
def income_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A002")


@check("A003", "expense-row-identity", "支出决算表合计与基本、项目支出不一致", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开03表每行合计应等于基本支出、项目支出等各列之和，合计行应等于各行之和。",
       examples=(_ok_rows("A003"), _bad_rows("A003")))
def expense_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A003")


def _fiscal(total: float) -> Document:
    return _doc(_tables(fiscal_summary={
        "income": [{"name": "一般公共预算财政拨款", "line": 1, "amounts": [90.25]},
                   {"name": "本年收入合计", "line": 27, "amounts": [90.25]},
                   {"name": "年初财政拨款结转和结余", "line": 28, "amounts": [10.5]},
                   {"name": "合计", "line": 32, "amounts": [100.75]}],
        "expense": [{"name": "社会保障和就业支出", "line": 40, "amounts": [80.25, 80.25]},
                    {"name": "本年支出合计", "line": 59, "amounts": [80.25, 80.25]},
                    {"name": "年末财政拨款结转和结余", "line": 60, "amounts": [20.5, 20.5]},
                    {"name": "合计", "line": 64, "amounts": [total, total]}]}))


@check("A004", "fiscal-summary-identity", "财政拨款收入支出决算总表等式不成立", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开04表应满足 年初结转 + 本年收入 = 本年支出 + 年末结转，各行合计等于各资金列之和。",
       examples=(Example("收支两侧相等", lambda: _fiscal(100.75), fails=False),
                 Example("支出合计与收入合计不等", lambda: _fiscal(100.65), fails=True)))
def fiscal_summary_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A004")


@check("A005", "general-budget-row-identity", "一般公共预算财政拨款支出表合计不一致", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开05表每行合计应等于基本支出加项目支出，合计行应等于各行之和。",
       examples=(_ok_rows("A005"), _bad_rows("A005")))
def general_budget_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A005")


def _basic(total_301: float) -> Document:
    return _doc(_tables(basic_expense=[
        {"code": "301", "name": "工资福利支出", "amount": total_301},
        {"code": "30101", "name": "基本工资", "amount": 60.25},
        {"code": "30102", "name": "津贴补贴", "amount": 40.5},
        {"code": None, "name": "人员经费合计", "amount": total_301},
        {"code": "302", "name": "商品和服务支出", "amount": 5.25},
        {"code": "30201", "name": "办公费", "amount": 5.25},
        {"code": None, "name": "公用经费合计", "amount": 5.25}]))


@check("A006", "basic-expense-identity", "基本支出决算表类款不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开06表每个经济分类类级科目应等于其款级科目之和，人员经费合计、公用经费合计应等于相应类级之和。",
       examples=(Example("类等于款之和", lambda: _basic(100.75), fails=False),
                 Example("301 不等于其款之和", lambda: _basic(100.85), fails=True)))
def basic_expense_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A006")


def _three(total: float) -> Document:
    side = {"total": total, "abroad": None, "vehicle_total": 30.75, "vehicle_purchase": 10.25,
            "vehicle_operation": 20.5, "reception": 5.25}
    return _doc(_tables(three_public={"budget": side, "actual": side}))


@check("A007", "three-public-identity", "“三公”经费表合计不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开07表“三公”经费合计应等于因公出国（境）费、公务用车购置及运行费、公务接待费之和，公务用车小计应等于购置费加运行费。",
       examples=(Example("合计等于各项之和", lambda: _three(36.0), fails=False),
                 Example("合计不等于各项之和", lambda: _three(36.02), fails=True)))
def three_public_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A007")


def _fund(closing: float) -> Document:
    doc = _doc(_tables(government_fund=[{"code": "2296002", "name": "彩票公益金", "amounts": [10.25, 5.5, 8.25, closing]}]))
    fa = doc.final_accounts[0]
    table = replace(fa.government_fund or FunctionTable(), columns=("年初结转和结余", "本年收入", "本年支出", "年末结转和结余"))
    return replace(doc, final_accounts=(replace(fa, government_fund=table),))


@check("A008", "government-fund-identity", "政府性基金表收支不平衡", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "公开08表每行应满足 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余（需读出列标题）。",
       examples=(Example("收支平衡", lambda: _fund(7.5), fails=False),
                 Example("年末结转和结余不平", lambda: _fund(7.25), fails=True)))
def government_fund_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A008")


@check("A009", "state-capital-row-identity", "国有资本经营预算支出表合计不一致", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "公开09表每行合计应等于基本支出加项目支出。",
       examples=(_ok_rows("A009"), _bad_rows("A009")))
def state_capital_row_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A009")


def _cross_doc(income_02: float) -> Document:
    return _doc(_tables(
        income_expense_summary={"income": [{"name": "一般公共预算财政拨款收入", "line": 1, "amounts": [100.0]},
                                           {"name": "本年收入合计", "line": 27, "amounts": [100.0]}],
                                "expense": []},
        income=[{"code": None, "name": None, "amounts": [income_02, income_02]},
                {"code": "2080101", "name": "行政运行", "amounts": [income_02, income_02]}]))


@check("A010", "cross-table-identity", "表间数字不一致", Severity.ERROR, "accounts", IDENTITY_TEMPLATE,
       "同一数字在不同公开表中应一致：02表合计 = 01表本年收入合计，03表 = 01表支出（按类），04表一般公共预算列 = 05表（按类），05表基本支出 = 06表人员经费 + 公用经费。",
       examples=(Example("02表合计等于01表本年收入合计", lambda: _cross_doc(100.0), fails=False),
                 Example("02表合计与01表不同", lambda: _cross_doc(90.0), fails=True)))
def cross_table_identity(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A010")


@check("A011", "class-not-sum-of-children", "类、款金额不等于下级科目之和", Severity.ERROR, "accounts",
       IDENTITY_TEMPLATE, "功能分类的类（3位）、款（5位）金额应等于其下级科目（按编码前缀）之和。",
       examples=(Example("款等于其项之和", lambda: _rows("A011", [
           ("20801", "人力资源和社会保障管理事务", [30.75, 10.25, 20.5]), ("2080101", "行政运行", [10.25, 10.25, None]),
           ("2080102", "一般行政管理事务", [20.5, None, 20.5])]), fails=False),
                 Example("款不等于其项之和", lambda: _rows("A011", [
           ("20801", "人力资源和社会保障管理事务", [30.86, 10.25, 20.61]), ("2080101", "行政运行", [10.25, 10.25, None]),
           ("2080102", "一般行政管理事务", [20.5, None, 20.5])]), fails=True)))
def class_not_sum_of_children(ctx: Context) -> Iterable[Hit]:
    return identity_hits(ctx, "A011")


# ---------------------------------------------------------------- one code, one name


def _names_by_code(fa: FinalAccounts) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for key, table in function_tables(fa):
        for r in table.rows:
            if r.code.text and r.name.text:
                out.setdefault(r.code.text.strip(), {}).setdefault(norm(r.name.text), []).append(SHORT[key.value])
    return out


def _names_doc(name_05: str) -> Document:
    return _doc(_tables(expense=[{"code": "2080101", "name": "行政运行", "amounts": [1.0, 1.0]}],
                        general_budget_expense=[{"code": "2080101", "name": name_05, "amounts": [1.0, 1.0]}]))


@check("A012", "code-name-mismatch", "同一科目编码在各表名称不同", Severity.WARNING, "accounts",
       "科目 {code} 在各表名称不同：{names}。", "同一功能分类科目编码在每张表中应印同一名称；名称被截断或编码错位都会造成不一致。",
       examples=(Example("各表名称一致", lambda: _names_doc("行政运行"), fails=False),
                 Example("05表名称不同", lambda: _names_doc("一般行政管理事务"), fails=True)))
def code_name_mismatch(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        for code, names in _names_by_code(fa).items():
            if len(names) > 1:
                shown = "；".join(f"{n}（{'、'.join(dict.fromkeys(t))}）" for n, t in names.items())
                longest = max(names, key=len)
                cut = all(longest.startswith(n) for n in names)   # a name printed short, not another subject
                yield Hit(where=fa.where, document_kind=KIND, excerpt=shown, actual=shown,
                          params={"code": code, "names": shown}, severity=Severity.INFO if cut else None)


# ---------------------------------------------------------------- cut amounts


def _cut_doc(printed: float) -> Document:
    return _doc(_tables(fiscal_summary={"income": [], "expense": [
        {"name": "社会保障和就业支出", "line": 40, "amounts": [printed, 418144219.93]},
        {"name": "本年支出合计", "line": 59, "amounts": [418144219.93, 418144219.93]}]}))


@check("A013", "amount-looks-cut", "金额疑似被截断", Severity.WARNING, "accounts",
       "{table}：{label} 印作 {printed}，只有 {decimals} 位小数而本列印 {places} 位，疑似末位被截断；"
       "文件中另印有完整值 {full}，按此值以下等式成立：{names}。",
       "表中金额的小数位少于同列其他金额，且按所印数字等式不成立、按截断前的完整值可以成立：多为排版时单元格过窄所致，请核对原表并印出完整金额。",
       examples=(Example("金额完整", lambda: _cut_doc(418144219.93), fails=False),
                 Example("合计列金额少印一位小数", lambda: _cut_doc(418144219.9), fails=True)))
def amount_looks_cut(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        blamed: dict[tuple[str, Term], list[Verdict]] = {}
        for v in verdicts(fa):
            for t in v.cut if v.status == "cut" else ():
                blamed.setdefault((v.identity.table, t), []).append(v)
        for (table, t), vs in blamed.items():
            full = amount((full_value(fa, t) or t.value) / t.scale, t.places)
            yield Hit(where=t.cell.where, document_kind=KIND, table=table, actual=t.cell.text, expected=full,
                      formula="；".join(v.identity.formula() for v in vs), excerpt=t.cell.raw or t.cell.text,
                      params={"table": table, "label": t.label, "printed": amount(t.value / t.scale, t.cell.decimals or 0),
                              "decimals": t.cell.decimals or 0, "places": t.places, "full": full,
                              "names": "；".join(dict.fromkeys(v.identity.name for v in vs))})


# ---------------------------------------------------------------- units and missing tables


def _units_doc(unit_05: str) -> Document:
    doc = _doc(_tables(income=[], general_budget_expense=[]))
    fa = doc.final_accounts[0]
    return replace(doc, final_accounts=(replace(fa, table_units=(("income", "元"), ("general_budget_expense", unit_05))),))


@check("A014", "mixed-units", "各表金额单位不一致", Severity.WARNING, "accounts",
       "各表金额单位不一致：{units}。表间核对已按单位换算为元。",
       "同一部门决算的公开表应使用同一金额单位；单位不同时表间数字需换算后才能比较，请核对表头单位。",
       examples=(Example("单位一致", lambda: _units_doc("元"), fails=False),
                 Example("05表以万元列示", lambda: _units_doc("万元"), fails=True)))
def mixed_units(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        units = dict(fa.table_units)
        if len({simplified(u) for u in units.values()}) > 1:      # 万元 and 萬元 are one unit
            shown = "；".join(f"{SHORT.get(k, k)} {u}" for k, u in units.items())
            yield Hit(where=fa.where, document_kind=KIND, actual=shown, params={"units": shown})


@check("A015", "table-missing", "部门决算公开表缺失", Severity.INFO, "accounts",
       "文件中未见以下公开表：{missing}。相关等式未核对。",
       "部门决算应公开九张表；未印出的表（或仅注明“见附件”）无法核对，空表应印出表头并注明无数据。",
       examples=(Example("九张表俱全", lambda: _doc(_tables(**{k.value: ({"budget": {}, "actual": {}}
                                                                      if k is TableKey.THREE_PUBLIC else
                                                                      {"income": [], "expense": []}
                                                                      if k in (TableKey.INCOME_EXPENSE_SUMMARY,
                                                                               TableKey.FISCAL_SUMMARY) else [])
                                                              for k in TableKey})), fails=False),
                 Example("只有说明、没有表", lambda: _doc(_tables()), fails=True)))
def table_missing(ctx: Context) -> Iterable[Hit]:
    for fa in ctx.document.final_accounts:
        missing = [TITLES[k] for k in TableKey if getattr(fa, k.value) is None]
        if missing:
            yield Hit(where=fa.where, document_kind=KIND, params={"missing": "、".join(missing)})
