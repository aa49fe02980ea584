"""Scans: the official forms printed by LibreOffice, rasterised, turned a little (0.4°)
and saved as an image-only PDF and as a PNG, read by the offline OCR extra. Measured
F1 0.93–1.00 (see docs/measurements.md); the floor leaves room for OCR slips."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from jixiao.sources import ocr
from jixiao.sources.registry import load
from jixiao.sources.sheet import Line, UnreadableInput
from tests.official import build
from tests.official.forms import FORMS
from tests.shared import SHARED, scorer

LABELS = Path(__file__).parent / "labels"
FLOOR = 0.90

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed")
needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _page_images(form_name: str) -> list:  # type: ignore[type-arg]
    import pypdfium2

    form = next(f for f in FORMS if f.name == form_name)
    data = build.pdf(build.docx(form), "docx")
    assert data is not None
    document = pypdfium2.PdfDocument(data)
    return [document[i].render(scale=2).to_pil().convert("L").rotate(0.4, expand=True, fillcolor=255)
            for i in range(len(document))]


def _f1(form_name: str, name: str, data: bytes) -> float:
    label = json.loads((LABELS / f"{form_name}.json").read_text(encoding="utf-8"))
    document, _ = read_document(name, data)
    score = scorer()
    tally = score.Tally()
    score.score_file(label, to_interchange(document), tally, name)
    report = tally.report(10)
    assert report["overall"]["f1"] >= FLOOR, report["mismatches"]
    return float(report["overall"]["f1"])


@needs_ocr
@needs_office
@pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is absent")
def test_image_only_pdf_is_read_by_ocr() -> None:
    pages = _page_images("project_selfeval")
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=144)
    _f1("project_selfeval", "scan.pdf", out.getvalue())
    sheet = load("scan.pdf", out.getvalue())
    assert sheet.format == "scan" and all(line.page == 1 for line in sheet.lines)


@needs_ocr
@needs_office
@pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is absent")
def test_png_of_a_target_table_is_read_by_ocr() -> None:
    out = io.BytesIO()
    _page_images("unit_targets")[0].save(out, format="PNG")
    _f1("unit_targets", "scan.png", out.getvalue())


def test_a_number_read_with_low_confidence_is_left_empty() -> None:
    box = [[0, 0], [40, 0], [40, 10], [0, 10]]
    right = [[50, 0], [90, 0], [90, 10], [50, 10]]
    assert ocr._rows([(box, "分值", 0.99), (right, "18", 0.41)], []) == [["分值", ""]]
    assert ocr._rows([(box, "得分", 0.99), (right, "二", 0.95)], []) == [["得分", "—"]]


def test_boxes_between_ruled_lines_are_one_row_and_wrapped_lines_one_cell() -> None:
    def box(x: float, y: float, text: str) -> tuple[list[list[float]], str, float]:
        return [[x, y], [x + 60, y], [x + 60, y + 10], [x, y + 10]], text, 0.99

    rows = ocr._rows([box(0, 12, "覆盖农村义务教育学"), box(0, 26, "校数量"), box(100, 19, "46所"),
                      box(0, 52, "质量指标"), box(100, 52, "100%")], rules=[5.0, 45.0, 70.0])
    assert rows == [["覆盖农村义务教育学校数量", "46所"], ["质量指标", "100%"]]


@pytest.mark.parametrize("walled", [False, True])
def test_the_gap_between_two_tables_is_lines_not_a_row(walled: bool) -> None:
    """A note under one table, the next table's title and its 部门 line, between the first
    table's last rule and the next one's first: three lines, with or without vertical rules
    in the tables."""
    def box(x: float, y: float, text: str) -> tuple[list[list[float]], str, float]:
        return [[x, y], [x + 60, y], [x + 60, y + 10], [x, y + 10]], text, 0.99

    rules = [0.0, 20.0, 40.0, 140.0, 160.0, 180.0]

    def walls(top: float, bottom: float) -> list[float]:
        return [0.0, 90.0, 200.0] if bottom - top <= 20 else []

    rows = ocr._rows([box(0, 5, "合计"), box(100, 5, "11.00"), box(0, 25, "教育支出"), box(100, 25, "11.00"),
                      box(0, 60, "注：本表反映部门收入情况。"), box(0, 85, "公开03表"), box(100, 85, "支出决算表"),
                      box(0, 110, "部门：示例局"), box(100, 110, "单位：万元"),
                      box(0, 145, "项目"), box(100, 145, "合计")], rules, walls if walled else None)
    assert rows[2:5] == [["注：本表反映部门收入情况。"], ["公开03表", "支出决算表"], ["部门：示例局", "单位：万元"]]
    assert rows[5] == ["项目", "合计"]


def test_without_the_extra_a_scan_gets_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(UnreadableInput) as caught:
        load("scan.png", png)
    assert "jixiao[ocr]" in caught.value.zh


@needs_ocr
def test_an_image_bomb_is_refused_before_decoding() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG")      # 81 megapixels, a few kilobytes
    with pytest.raises(UnreadableInput):
        load("bomb.png", out.getvalue())


@needs_ocr
def test_an_image_of_nothing_is_reported_not_read() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (800, 600), 255).save(out, format="PNG")
    with pytest.raises(UnreadableInput) as caught:
        load("blank.png", out.getvalue())
    assert "没有识别出文字" in caught.value.zh


@pytest.mark.parametrize(("text", "confidence", "said"), [("18", 0.41, True), ("1,260.00", 0.62, True), ("18", 0.97, False)])
def test_a_number_read_with_low_confidence_is_said_not_only_left_empty(text: str, confidence: float, said: bool) -> None:
    """The cell stays empty (no guessed number) and R008 names the page, the line, the text
    the engine guessed and its confidence, so a person fills it from the page."""
    from jixiao.readers.detect import doubtful_findings
    from jixiao.sources.sheet import Sheet

    boxes = [([[0, 0], [40, 0], [40, 10], [0, 10]], "分值", 0.99), ([[50, 0], [90, 0], [90, 10], [50, 10]], text, confidence)]
    row = ocr._placed_rows(boxes, [])[0]
    line = Line(number=7, text="\t".join(t for t, _ in row), cells=tuple(t for t, _ in row), page=2,
                doubtful=ocr._doubtful(row, ocr._unsure(boxes)))
    assert line.cells[1] == ("" if said else text)
    found = doubtful_findings(Sheet(file="scan.pdf", lines=(line,), format="scan"))
    assert [(f.code, f.where.page, f.where.line, f.where.column, f.excerpt) for f in found] == (
        [("R008", 2, 7, 1, text)] if said else [])
    assert not found or f"{confidence:.2f}" in found[0].message


@needs_ocr
@pytest.mark.parametrize("degrees", [3.0, -2.0])
def test_ruled_lines_fed_in_askew_are_turned_level(degrees: float) -> None:
    """A ruled page leaning a few degrees is turned back before its rows are found."""
    import numpy as np
    from PIL import Image, ImageDraw

    page = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(page)
    for y in range(100, 800, 60):
        draw.line((100, y, 1100, y), fill=0, width=2)
    leaning = np.asarray(page.rotate(degrees, fillcolor=255, resample=Image.BICUBIC).convert("RGB"))
    level = ocr._deskewed(leaning)
    rules, _ = ocr._rules(level)
    assert len(rules) >= 10                         # every ruled line found again, across the page
    assert len(ocr._rules(leaning)[0]) < len(rules)  # leaning, they were not


@needs_ocr
@needs_office
@pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is absent")
def test_a_scan_fed_in_two_degrees_askew_reads_as_labelled() -> None:
    import pypdfium2

    form = next(f for f in FORMS if f.name == "unit_targets")
    document = pypdfium2.PdfDocument(build.pdf(build.docx(form), "docx"))
    image = document[0].render(scale=2).to_pil().convert("L").rotate(2.0, expand=True, fillcolor=255)
    out = io.BytesIO()
    image.save(out, format="PNG")
    _f1("unit_targets", "askew.png", out.getvalue())
