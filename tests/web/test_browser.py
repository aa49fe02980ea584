"""The pages in Debian's chromium (Playwright, sync API), served by uvicorn in a thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.web_fixtures import CHROMIUM, bearer, login, make_doc

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")]


def test_upload_findings_edit_rescore(page: Any, server: str, tmp_path: Path, users: dict[str, str]) -> None:
    login(page, server, "editor", "edit-pass-1")
    good = tmp_path / "全民创业自评表.txt"
    good.write_bytes(make_doc())
    bad = tmp_path / "图片.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 20)
    page.goto(f"{server}/upload")
    page.set_input_files("input[type=file]", [str(good), str(bad)])
    page.click("button:has-text('上传并审核')")
    page.wait_for_selector("table.upload-result")          # sent by upload.js: no navigation
    assert page.locator("text=未保存：").count() == 1
    page.click("text=查看文档")
    page.click("text=全民创业发展资金")

    row = page.locator("tr:has(td:text-is('就业率'))")
    assert row.locator("td.num").nth(1).inner_text() == "41"           # printed score
    findings = page.locator("tr.row-findings").first.inner_text()
    assert "就业率 得分 41 高于分值 40" in findings and "S004" in findings
    assert page.locator("details.formula").count() >= 3
    page.locator("details.formula summary").nth(1).click()             # the formula, on demand
    assert "50 × 1464 / 1500" in page.locator("details.formula[open] code").first.inner_text()

    row.locator("details.edit summary").click()
    row.locator("input[name=score]").fill("40")
    row.locator("button:has-text('保存并重新评分')").click()
    assert page.locator(".notice").inner_text().startswith("已保存修改")
    assert "高于分值" not in page.content()
    score = page.locator("tr:has(td:text-is('就业率')) td.num").nth(1)
    assert score.inner_text() == "40\n原印：41"                        # the printed value stays beside
    assert "总分印为 97.88，各项得分之和为 96.88" in page.inner_text("body")   # S001 now
    assert page.locator("dl.facts dd").nth(4).inner_text() == "2"             # 版本

    page.emulate_media(media="print")                # printed: the tables, no navigation or edit controls
    assert not page.locator("header.top").is_visible() and not page.locator("details.edit").first.is_visible()
    assert page.locator("table.grid").first.is_visible()
    assert page.pdf(format="A4", landscape=True)[:4] == b"%PDF"


def test_stale_edit_keeps_what_was_typed(page: Any, server: str, client: Any, users: dict[str, str]) -> None:
    doc = client.post("/api/documents", files={"file": ("a.txt", make_doc())}, headers=bearer(users["admin"])).json()
    project_id = client.get(f"/api/documents/{doc['document']['id']}").json()["projects"][0]["id"]
    login(page, server, "editor", "edit-pass-1")
    page.goto(f"{server}/projects/{project_id}")
    ind = client.get(f"/api/projects/{project_id}").json()["indicators"][1]["id"]
    # Someone else saves first.
    assert client.patch(f"/api/indicators/{ind}", json={"version": 1, "actual": "1490"},
                        headers=bearer(users["admin"])).status_code == 200
    row = page.locator(f"#row-{ind}")
    row.locator("details.edit summary").click()
    row.locator("input[name=actual]").fill("1480")
    row.locator("button:has-text('保存并重新评分')").click()
    error = page.locator("p.error").inner_text()     # names the row, the other person and their value
    assert "“补贴人数（人）”已被 admin" in error and "实际完成值“1490”" in error
    assert page.locator(f"#row-{ind} input[name=actual]").input_value() == "1480"
    assert client.get(f"/api/indicators/{ind}").json()["actual"] == "1490"


def test_editor_refused_another_unit(page: Any, server: str, client: Any, users: dict[str, str]) -> None:
    doc = client.post("/api/documents", files={"file": ("a.txt", make_doc())}, headers=bearer(users["admin"])).json()
    project_id = client.get(f"/api/documents/{doc['document']['id']}").json()["projects"][0]["id"]
    ind = client.get(f"/api/projects/{project_id}").json()["indicators"][1]["id"]
    login(page, server, "other", "other-pass-1")
    page.goto(f"{server}/projects/{project_id}")
    assert page.locator("details.edit").count() == 0
    csrf = page.locator("input[name=csrf]").first.input_value()
    r = page.request.patch(f"{server}/api/indicators/{ind}", data={"version": 1, "actual": "1"},
                           headers={"X-CSRF-Token": csrf})
    assert r.status == 403 and "无权修改" in r.json()["error"]["message"]
    # The edit form posted anyway (as a stale page would): a refusal page, nothing changed.
    with page.expect_navigation():
        page.evaluate("""([ind, csrf]) => {
            const f = document.createElement('form');
            f.method = 'post'; f.action = '/indicators/' + ind;
            for (const [k, v] of [['csrf', csrf], ['version', '1'], ['actual', '1']]) {
                const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
            }
            document.body.appendChild(f); f.submit();
        }""", [ind, csrf])
    assert "无权修改“中卫市就业创业和人才服务中心”的项目" in page.inner_text("body")
    assert client.get(f"/api/indicators/{ind}").json()["actual"] == "1464"


def test_markup_in_a_document_is_shown_as_text(page: Any, server: str, client: Any, users: dict[str, str]) -> None:
    """``<script>`` stays in the normalised text; ``<p>`` is dropped there but shown as 原文."""
    hostile = "<script>alert(1)</script><p>段落</p>项目"
    doc = make_doc(unit="<img src=x onerror=\"alert(2)\">中心", projects=[{
        "name": hostile, "indicators": [{"name": "<b>粗体</b><p>段落</p>", "target": "≥1",
                                          "actual": "<script>alert(3)</script>", "weight": "5", "score": "9",
                                          "reason": "<iframe src=/></iframe>"}]}])
    r = client.post("/api/documents", files={"file": ("x.txt", doc)}, headers=bearer(users["admin"]))
    assert r.status_code == 201, r.text
    doc_id = r.json()["document"]["id"]
    project_id = client.get(f"/api/documents/{doc_id}").json()["projects"][0]["id"]
    dialogs: list[str] = []

    def dialog(d: Any) -> None:      # alert() from the document would open one
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    for url in (f"/projects/{project_id}", f"/documents/{doc_id}", "/", "/findings", "/dashboard"):
        page.goto(server + url)
        assert page.locator("script, iframe, b, img, p:text-is('段落')").count() == 0, url
    page.goto(f"{server}/projects/{project_id}")
    body = page.inner_text("body")
    assert "<script>alert(1)</script>段落项目" in body                   # the normalised name
    assert "项目名称原文：<script>alert(1)</script><p>段落</p>项目" in body  # as printed
    assert "原文：<b>粗体</b><p>段落</p>" in body and "<script>alert(3)</script>" in body
    assert "<iframe src=/></iframe>" in body and "<img src=x onerror=\"alert(2)\">中心" in body
    assert "得分 9 高于分值 5" in body                                      # S004, read for real
    assert dialogs == []


def test_a_reviewer_opens_a_finding_sees_its_source_and_returns_to_it(
        page: Any, server: str, client: Any, users: dict[str, str], tmp_path: Path) -> None:
    """From the list to the finding's page (title, printed line), then confirmed on the
    project page: the browser comes back to that very finding, not to the top."""
    doc = client.post("/api/documents", files={"file": ("a.txt", make_doc())}, headers=bearer(users["admin"])).json()
    [f] = client.get("/api/findings", params={"code": "S004", "document_id": doc["document"]["id"]}).json()["items"]
    login(page, server, "reviewer", "review-pass-1")
    page.goto(f"{server}/findings")
    page.click(f"#finding-{f['id']} a.more")
    page.wait_for_url(f"{server}/findings/{f['id']}")
    assert "得分高于分值" in page.locator("h1").inner_text()
    here = page.locator("table.source tr.here")
    assert here.count() == 1 and "就业率" in here.inner_text() and "41" in here.inner_text()
    page.screenshot(path=str(tmp_path / "finding.png"), full_page=True)

    page.set_viewport_size({"width": 1200, "height": 320})     # shorter than the page: it must scroll
    page.goto(f"{server}/projects/{f['project_id']}")
    item = page.locator(f"#finding-{f['id']}")
    item.locator("input[name=comment]").fill("已核实")
    item.locator("button:has-text('确认')").click()
    page.wait_for_url(f"**/projects/{f['project_id']}?ok=marked#finding-{f['id']}")
    assert page.locator(".notice").inner_text() == "已保存审核意见。"
    assert page.evaluate("window.scrollY") > 0
    assert -2 <= page.evaluate(f"document.getElementById('finding-{f['id']}').getBoundingClientRect().top") < 100
    assert "已确认" in page.locator(f"#finding-{f['id']}").inner_text()
