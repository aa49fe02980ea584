"""A finding's place drawn on its page: the page of a PDF (printed by LibreOffice from the
official forms) with the cell outlined; documents without pages say so."""

from __future__ import annotations

import io
import shutil

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.sources.pictures import OUTLINE, WIDTH, page_picture
from jixiao.sources.registry import load
from jixiao.sources.sheet import UnreadableInput
from tests.official import build
from tests.official.forms import FORMS

needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _pdf(form_name: str) -> bytes:
    form = next(f for f in FORMS if f.name == form_name)
    data = build.pdf(build.docx(form), "docx")
    assert data is not None
    return data


def _red(pixel: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(pixel, OUTLINE, strict=True))


@needs_office
@pytest.mark.parametrize(("form_name", "word"), [("project_selfeval", "项目名称"), ("final_accounts", "合计")])
def test_the_cell_a_line_names_is_outlined_on_its_page(form_name: str, word: str) -> None:
    from PIL import Image

    data = _pdf(form_name)
    sheet = load("f.pdf", data)
    line = next(x for x in sheet.lines if word in x.cells)
    column = line.cells.index(word)
    box = line.box(column)
    assert box is not None and 0 <= box[0] < box[2] <= 1 and 0 <= box[1] < box[3] <= 1
    picture = Image.open(io.BytesIO(page_picture("f.pdf", data, line.number, column))).convert("RGB")
    assert picture.width == WIDTH
    left, top = int(box[0] * picture.width) - 3, int(box[1] * picture.height) - 3
    bottom = int(box[3] * picture.height) + 3
    assert _red(picture.getpixel((left, (top + bottom) // 2)))           # the outline's left side
    assert not _red(picture.getpixel((left + 40, (top + bottom) // 2)))  # not the cell's inside


def test_a_text_document_has_no_pages_to_draw() -> None:
    with pytest.raises(UnreadableInput) as caught:
        page_picture("t.txt", "项目支出绩效自评表\n项目名称\t某项目\n".encode(), 2)
    assert "没有页面" in caught.value.zh


@needs_office
def test_the_cli_writes_the_page_and_refuses_a_line_not_in_the_file(tmp_path: pytest.TempPathFactory) -> None:
    pdf = tmp_path / "f.pdf"  # type: ignore[operator]
    pdf.write_bytes(_pdf("unit_targets"))
    runner = CliRunner()
    out = tmp_path / "p.png"  # type: ignore[operator]
    result = runner.invoke(app, ["page", str(pdf), "--line", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")
    missing = runner.invoke(app, ["page", str(pdf), "--line", "99999", "--out", str(out)])
    assert missing.exit_code == 2 and "没有第 99999 行" in missing.output
