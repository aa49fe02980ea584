"""Reader 'accounts' (部门决算) on the real documents of ../shared, scored against their labels."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.accounts import FinalAccounts
from jixiao.pipeline import read_document
from jixiao.readers.accounts import READER
from jixiao.render.interchange import to_interchange
from jixiao.sources import text as text_source
from jixiao.sources.registry import load
from tests.shared import SHARED, scorer

KIND = ("final_accounts",)

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is absent"),
]




def seed(prefix: str) -> Path:
    (path,) = (SHARED / "seeds").glob(f"{prefix}_*.txt")
    return path


def accounts_of(prefix: str) -> FinalAccounts:
    path = seed(prefix)
    (item,) = READER.read(load(path.name, path.read_bytes())).items
    assert isinstance(item, FinalAccounts)
    return item


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_final_accounts_f1(prefix: str) -> None:
    """Measured F1 1.0: 001 on 669 labelled fields, 003 on 62 (narrative only)."""
    path = seed(prefix)
    document, _ = read_document(path.name, path.read_bytes())
    assert not [f for f in document.findings if f.code == "R002"]
    label = json.loads((SHARED / "labels" / f"{path.stem}.json").read_text(encoding="utf-8"))
    score = scorer()
    tally = score.Tally()
    score.score_file(label, to_interchange(document), tally, path.stem, KIND)
    report = tally.report(10)
    assert report["overall"]["f1"] >= 0.995, report["mismatches"]


def test_001_tables_as_printed() -> None:
    a = accounts_of("001")
    assert (a.year, a.department.text, a.amount_unit) == (2024, "宁夏回族自治区人力资源和社会保障厅", "元")
    assert dict(a.table_units)["basic_expense"] == "元"
    assert a.income_expense_summary is not None and a.fiscal_summary is not None
    assert [line.line for line in a.income_expense_summary.income] == [1, 4, 8, 27, 29, 30]
    total = a.fiscal_summary.expense[-1]
    # 04 prints its expense 合计 cut: 502,210,573.3 beside 502,011,053.36 (labelled as printed)
    assert [c.number for c in total.amounts] == [Decimal("502210573.3"), Decimal("502011053.36"), None,
                                                 Decimal("199520.00")]
    assert a.income is not None and a.expense is not None and a.general_budget_expense is not None
    first = a.income.rows[0]
    assert (first.code.text, first.name.text, first.amounts[0].text) == (None, None, "472,587,029.28")
    assert len(a.income.rows[1].amounts) == 7     # 教育收费 sub-column skipped
    assert a.income.rows[1].amounts[6].empty
    row = a.expense.rows[10]
    assert (row.code.text, row.name.text) == (None, "公共就业服务和职业技能鉴定机构")
    assert a.general_budget_expense.rows[0].name.text == "合计"
    assert a.government_fund is not None and a.government_fund.rows == ()
    assert a.basic_expense is not None
    names = [r.name.text for r in a.basic_expense]
    assert names.index("人员经费合计") == 21 and names[-1] == "公用经费合计"
    assert a.three_public is not None and a.three_public.actual.abroad.empty
    assert a.three_public.budget.vehicle_operation.text == "324000"
    assert len(a.narrative_facts) == 72


def test_001_resolved_view_fills_codes_and_names_across_tables() -> None:
    a = accounts_of("001")
    assert a.expense is not None and a.income is not None
    row = a.expense.rows[0]           # 03 page 1 prints 招商引资 without its code
    assert (row.code.text, row.resolved_code, row.resolved_name) == (None, "2011308", "招商引资")
    row = a.income.rows[4]            # 02 page 1 prints 2080101 without its name
    assert (row.name.text, row.resolved_name) == (None, "行政运行")
    assert a.income.rows[0].resolved_name == "合计"


def test_003_narrative_only() -> None:
    path = seed("003")
    result = READER.read(load(path.name, path.read_bytes()))
    (a,) = result.items
    assert isinstance(a, FinalAccounts)
    assert (a.year, a.department.text, a.amount_unit) == (2023, "怀化市就业服务中心", "万元")
    assert a.income is None and a.three_public is None
    health = next(f for f in a.narrative_facts if f.value.text == "27.09" and not f.share.empty)
    assert (health.unit, health.share.text) == ("万元", "3.22")     # printed without 万元
    assert [f.code for f in result.findings] == ["R101"]
    (span,) = result.spans
    assert 110 < span.first and span.last < 170     # never the self-evaluation tables


def test_spans_cover_only_the_accounts() -> None:
    path = seed("001")
    result = READER.read(load(path.name, path.read_bytes()))
    assert min(s.first for s in result.spans) >= 83
    assert max(s.last for s in result.spans) < 480   # the appendix of self-evaluations comes later


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_other_documents_are_not_claimed(prefix: str) -> None:
    path = seed(prefix)
    sheet = load(path.name, path.read_bytes())
    assert READER.identify(sheet) < 0.2
    assert READER.read(sheet).items == ()


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 520), st.integers(0, 520))
def test_001_cut_anywhere_reads_with_findings_never_raises(a: int, b: int) -> None:
    """A table cut off (a page lost, a file truncated) gives R1xx warnings, never an exception."""
    lines = seed("001").read_text(encoding="utf-8").split("\n")
    sheet = text_source.load("cut.txt", "\n".join(lines[min(a, b):max(a, b)]).encode("utf-8"))
    result = READER.read(sheet)
    assert all(f.code.startswith("R1") and f.severity.value == "warning" for f in result.findings)
