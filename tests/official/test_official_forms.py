"""The official layouts as units print them: each form of ``forms.py`` built as DOCX, XLSX
and HTML (real merged cells), saved as legacy XLS and printed to PDF by LibreOffice,
read and scored field by field against its hand label. Every format reads the same
content the same way: the floor is the figure measured (all 1.000, see
benchmarks/official_forms.py), less a hair for a printing detail of LibreOffice's version.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from tests.official import build
from tests.official.forms import FORMS, Form
from tests.shared import SHARED, scorer

LABELS = Path(__file__).parent / "labels"
FLOOR = 0.99
BY_NAME = {form.name: form for form in FORMS}

pytestmark = pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is absent")


def _f1(form: Form, name: str, data: bytes) -> dict[str, Any]:
    label = json.loads((LABELS / f"{form.name}.json").read_text(encoding="utf-8"))
    document, _ = read_document(name, data)
    score = scorer()
    tally = score.Tally()
    score.score_file(label, to_interchange(document), tally, name)
    return tally.report(10)  # type: ignore[no-any-return]


@cache
def _office(form_name: str, fmt: str) -> bytes:
    form = BY_NAME[form_name]
    return {"docx": build.docx, "xlsx": build.xlsx, "html": build.html}[fmt](form)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
@pytest.mark.parametrize("form_name", sorted(BY_NAME))
def test_office_file_reads_as_labelled(form_name: str, fmt: str) -> None:
    report = _f1(BY_NAME[form_name], f"{form_name}.{fmt}", _office(form_name, fmt))
    assert report["overall"]["f1"] >= FLOOR, report["mismatches"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("source", ["docx", "xlsx"])
@pytest.mark.parametrize("form_name", sorted(BY_NAME))
def test_pdf_printed_by_libreoffice_reads_as_labelled(form_name: str, source: str) -> None:
    data = build.pdf(_office(form_name, source), source)
    assert data is not None and data.startswith(b"%PDF")
    report = _f1(BY_NAME[form_name], f"{form_name}.{source}.pdf", data)
    assert report["overall"]["f1"] >= FLOOR, report["mismatches"]


def test_pdf_rows_keep_page_and_title_above_table() -> None:
    """A PDF's lines carry their page, and the title printed above a table comes before its
    first row (text outside tables is placed by its position on the page)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from jixiao.sources.registry import load

    data = build.pdf(_office("project_selfeval", "docx"), "docx")
    assert data is not None
    sheet = load("a.pdf", data)
    texts = [line.text for line in sheet.lines]
    title = next(i for i, t in enumerate(texts) if t.strip() == "项目支出绩效自评表")
    first_row = next(i for i, t in enumerate(texts) if t.startswith("项目名称\t"))
    assert title < first_row
    assert all(line.page is not None and line.page >= 1 for line in sheet.lines)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("form_name", sorted(BY_NAME))
def test_legacy_xls_saved_by_libreoffice_reads_as_labelled(form_name: str) -> None:
    data = build.xls(_office(form_name, "xlsx"))
    assert data is not None and data.startswith(b"\xd0\xcf\x11\xe0")
    report = _f1(BY_NAME[form_name], f"{form_name}.xls", data)
    assert report["overall"]["f1"] >= FLOOR, report["mismatches"]
