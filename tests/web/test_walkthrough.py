"""Issue 9's done-when test: a reviewer's day in Debian's chromium, start to end, on the seeds.

An admin uploads the five seeds through the upload page (progress shown, the result table in
place); a reviewer filters the findings to S010 (扣分未说明偏差原因), opens one and sees the
printed line it comes from; an editor of that unit writes the row's 偏差原因 and the finding
closes while the table's printed and recomputed totals and grade stay as they were; the findings
go out as Excel, the table as its official XLSX (read back by the pipeline), the page to PDF.
Every step leaves a full-page screenshot, each checked to be a real picture.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from jixiao.pipeline import read_document
from jixiao.store.db import transaction
from jixiao.store.users import add_user
from tests.shared import SEEDS
from tests.web.web_fixtures import CHROMIUM, login

pytestmark = [pytest.mark.browser, pytest.mark.seeds,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
              pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")]

REASON = "部分培训计划因场地调整顺延至下一年度实施，已调整工作安排并加强进度跟踪。"


class Screens:
    """Full-page screenshots, numbered in the order taken, each checked to be a picture."""

    def __init__(self, page: Any, folder: Path) -> None:
        self.page, self.folder, self.taken = page, folder, []
        folder.mkdir(parents=True, exist_ok=True)

    def take(self, step: str) -> Path:
        path = self.folder / f"{len(self.taken) + 1:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        check_png(path)
        return path


def check_png(path: Path) -> None:
    """A PNG of a page's size that is not one flat colour (a blank or failed capture)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, (path, len(data))
    from PIL import Image

    with Image.open(path) as picture:
        assert picture.format == "PNG" and picture.width >= 1000 and picture.height >= 500, picture.size
        darkest, lightest = picture.convert("L").getextrema()
        assert lightest - darkest > 100, "a page of text has dark and light pixels"


def download(page: Any, click: str, folder: Path) -> tuple[Path, str]:
    with page.expect_download() as info:
        page.click(click)
    got = info.value
    path = folder / got.suggested_filename
    got.save_as(str(path))
    return path, got.suggested_filename


def facts(page: Any) -> dict[str, str]:
    """The project page's facts list: label → value."""
    terms = page.locator("dl.facts dt").all_inner_texts()
    values = page.locator("dl.facts dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def test_a_reviewer_works_through_the_seeds(page: Any, server: str, factory: Any, tmp_path: Path,
                                            users: dict[str, str]) -> None:
    from openpyxl import load_workbook

    screens = Screens(page, tmp_path / "screens")
    page.set_viewport_size({"width": 1280, "height": 800})
    api = page.context.request

    # (a) an admin uploads the five seeds; upload.js shows the bar, then the result in place
    login(page, server, "admin", "admin-pass-1")
    page.goto(f"{server}/upload")
    assert "可上传的文件类型" in page.inner_text("main") and ".docx" in page.inner_text("main")
    assert ".txt" in (page.get_attribute("input[type=file]", "accept") or "")
    screens.take("upload-form")
    page.evaluate("""() => {
        window.seen = [];
        const state = document.querySelector('.upload-state');
        new MutationObserver(() => window.seen.push(state.textContent))
            .observe(state, {childList: true, characterData: true, subtree: true});
    }""")
    seeds = sorted(SEEDS.glob("*.txt"))
    page.set_input_files("input[type=file]", [str(p) for p in seeds])
    page.click("button:has-text('上传并审核')")
    page.wait_for_selector("text=正在审核…", timeout=30_000)
    assert page.locator("div.upload-progress progress").is_visible()
    screens.take("upload-progress")
    page.wait_for_selector("table.upload-result", timeout=60_000)
    assert page.url == f"{server}/upload"                      # no navigation: the page was replaced
    seen = page.evaluate("window.seen")
    assert any(s.startswith("正在上传") for s in seen) and "正在审核…" in seen, seen
    rows = page.locator("table.upload-result tbody tr")
    assert rows.count() == len(seeds) and page.locator("table.upload-result >> text=已导入").count() == len(seeds)
    screens.take("upload-result")

    # (b) a reviewer filters the findings to S010 and opens one: its check and its printed line
    page.click("header .who button:has-text('退出')")
    login(page, server, "reviewer", "review-pass-1")
    page.goto(f"{server}/findings")
    page.select_option("select[name=code]", "S010")
    page.click("form.filters button:has-text('筛选')")
    page.wait_for_url("**/findings?*code=S010*")
    items = page.locator("li.finding")
    assert items.count() >= 5 and items.locator("text=未填写偏差原因").count() == items.count()
    screens.take("findings-S010")
    items.first.locator("a.more").click()
    page.wait_for_url("**/findings/*")
    finding_id = int(page.url.rsplit("/", 1)[1].split("#")[0])
    finding = api.get(f"{server}/api/findings/{finding_id}").json()
    assert finding["code"] == "S010" and finding["status"] == "open" and finding["indicator"]
    assert "扣分未说明偏差原因" in page.inner_text("h1")
    here = page.locator("table.source tr.here")
    assert here.count() == 1 and finding["indicator"] in here.inner_text()
    assert f"第{finding['line']}行" in here.inner_text()
    screens.take("finding-source")

    # (c) an editor of that unit writes the 偏差原因: the finding closes, the totals stay
    project = api.get(f"{server}/api/projects/{finding['project_id']}").json()
    with transaction(factory) as s:
        add_user(s, "unit-editor", "editor", unit=project["unit"], password="unit-edit-pass-1")
    page.click("header .who button:has-text('退出')")
    login(page, server, "unit-editor", "unit-edit-pass-1")
    page.goto(f"{server}/projects/{project['id']}")
    before = facts(page)
    total_label = next(k for k in before if k.startswith("总分"))
    row = page.locator(f"#row-{finding['indicator_id']}")
    assert row.locator("details.edit").is_visible()
    row.locator("details.edit summary").click()
    row.locator("textarea[name=reason]").fill(REASON)
    screens.take("edit-reason")
    row.locator("button:has-text('保存并重新评分')").click()
    assert page.locator(".notice").inner_text().startswith("已保存修改")
    after = facts(page)
    assert after[total_label] == before[total_label], (before, after)     # printed / recomputed, grade
    assert int(after["版本"]) == int(before["版本"]) + 1
    assert REASON in page.locator(f"#row-{finding['indicator_id']}").inner_text()
    gone = api.get(f"{server}/api/findings/{finding_id}")
    assert gone.status == 404 or gone.json()["status"] != "open"
    rescored = api.get(f"{server}/api/projects/{project['id']}").json()
    assert not [f for f in rescored["findings"]
                if f["code"] == "S010" and f["indicator_id"] == finding["indicator_id"]]
    assert (rescored["printed_score"], rescored["recomputed_score"], rescored["grade"]) == (
        project["printed_score"], project["recomputed_score"], project["grade"])
    screens.take("edited")

    # (d) the findings to Excel: Chinese headers, the file each finding was found in
    page.goto(f"{server}/findings")
    path, name = download(page, "text=下载 Excel", tmp_path)
    assert name == "审核发现.xlsx"
    sheet = load_workbook(path).active
    grid = [[c.value for c in r] for r in sheet.iter_rows()]
    header_at = next(n for n, r in enumerate(grid) if "文件" in r and "检查项" in r)
    header = grid[header_at]
    assert {"文件", "代码", "检查项", "严重程度", "说明", "状态"} <= set(header)
    body = [dict(zip(header, r, strict=True)) for r in grid[header_at + 1:] if any(r)]
    assert body and {r["文件"] for r in body} <= {p.name for p in seeds}
    assert {r["严重程度"] for r in body} <= {"错误", "警告", "提示"}
    screens.take("findings-export")

    # (e) the table as its official XLSX, by the route the project page links to
    page.goto(f"{server}/projects/{project['id']}")
    path, name = download(page, "a:has-text('Excel（XLSX）')", tmp_path)
    assert name == f"{project['name']}_绩效自评表.xlsx"
    book = load_workbook(path)
    cells = [c for ws in book.worksheets for r in ws.iter_rows() for c in r]
    numbers = [c for c in cells if isinstance(c.value, int | float) and not isinstance(c.value, bool)]
    assert numbers and all(c.number_format != "General" for c in numbers)
    assert any(ws.merged_cells.ranges for ws in book.worksheets)
    document, _ = read_document(name, path.read_bytes())
    (table,) = document.project_self_evaluations
    assert table.project.text == project["name"] and table.total_score.text == project["printed_score"]
    assert any(REASON in (i.reason.text or "") for i in table.indicators)       # the edit went out too
    screens.take("official-export")

    # (f) the page printed: edit controls hidden, a PDF of real pages
    assert page.locator("details.edit").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator("details.edit").first.is_visible()
    assert not page.locator("header.top").is_visible()
    screens.take("print-view")
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    page.emulate_media(media="screen")
    import pypdfium2

    printed = pypdfium2.PdfDocument(io.BytesIO(pdf))
    try:
        assert pdf[:5] == b"%PDF-" and 1 <= len(printed) <= 4
        text = "".join(printed[i].get_textpage().get_text_range() for i in range(len(printed)))
    finally:
        printed.close()
    assert project["name"][:6] in text.replace("\r", "").replace("\n", "") and "保存并重新评分" not in text

    # (g) every step's screenshot is there and distinct
    assert len(screens.taken) == 10
    assert len({p.read_bytes() for p in screens.taken}) == len(screens.taken)
