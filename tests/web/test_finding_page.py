"""A page per finding: its code's title, message, formula, review, and the printed source.

The default test document scores 就业率 41 of 40 (S004); its line is read again from the
stored original and shown among its neighbours. A PDF printed by LibreOffice has its page
drawn with the cell outlined.
"""

from __future__ import annotations

import io
import re
import shutil
from typing import Any

import pytest

from jixiao.checks.registry import lookup
from tests.web.test_api import login, upload
from tests.web.web_fixtures import bearer


def s004(client: Any, users: dict[str, str]) -> dict[str, Any]:
    upload(client, users["admin"])
    [finding] = client.get("/api/findings", params={"code": "S004"}).json()["items"]
    return dict(finding)


def test_a_finding_shows_its_title_arithmetic_and_printed_lines(client: Any, users: dict[str, str]) -> None:
    f = s004(client, users)
    title = lookup("S004").title  # type: ignore[union-attr]
    page = client.get(f"/findings/{f['id']}")
    assert page.status_code == 200
    html = page.text
    assert title in html and f["message"] in html and f"{f['expected']} / {f['actual']}" in html
    [s005] = client.get("/api/findings", params={"code": "S005"}).json()["items"]
    assert s005["formula"] and s005["formula"] in client.get(f"/findings/{s005['id']}").text
    # the printed line of 就业率, marked, with the lines around it
    here = re.search(r'<tr class="here" id="line-(\d+)">(.*?)</tr>', html, re.S)
    assert here is not None and int(here.group(1)) == f["line"] and "就业率" in here.group(2)
    assert "41" in here.group(2) and html.count("<tr class=\"\"") >= 2
    assert "page.png" not in html                      # a text document has no page to draw
    api = client.get(f"/api/findings/{f['id']}").json()
    assert api["title"] == title and any(x["here"] and "就业率" in x["cells"] for x in api["source"]["lines"])
    picture = client.get(f"/findings/{f['id']}/page.png")
    assert picture.status_code == 400 and "没有页面" in picture.json()["error"]["message"]


def test_lists_link_to_the_finding_page_with_titles(client: Any, users: dict[str, str]) -> None:
    f = s004(client, users)
    title = lookup("S004").title  # type: ignore[union-attr]
    for url in ("/findings", f"/projects/{f['project_id']}", "/dashboard"):
        html = client.get(url).text
        assert title in html, url
    for url in ("/findings", f"/projects/{f['project_id']}"):
        assert f'href="/findings/{f["id"]}"' in client.get(url).text, url


def test_reviewing_from_the_project_page_returns_to_the_finding(client: Any, users: dict[str, str]) -> None:
    f = s004(client, users)
    csrf = login(client, "reviewer", "review-pass-1")
    project = client.get(f"/projects/{f['project_id']}").text
    back = f"/projects/{f['project_id']}#finding-{f['id']}"
    assert f'value="{back}"' in project and 'id="finding-' in project
    r = client.post(f"/findings/{f['id']}/mark", follow_redirects=False,
                    data={"status": "accepted", "comment": "核实无误", "csrf": csrf, "next": back})
    assert r.status_code == 303
    assert r.headers["location"] == f"/projects/{f['project_id']}?ok=marked#finding-{f['id']}"
    mine = client.get(f"/findings/{f['id']}").text
    assert "核实无误" in mine and "reviewer" in mine and "已确认" in mine


def test_the_public_sees_no_reviewer_or_comment(client: Any, users: dict[str, str]) -> None:
    f = s004(client, users)
    client.patch(f"/api/findings/{f['id']}", json={"status": "accepted", "comment": "内部意见"},
                 headers=bearer(users["reviewer"]))
    html = client.get(f"/findings/{f['id']}").text
    assert "已确认" in html and "内部意见" not in html and "reviewer" not in html
    assert 'action="/findings/' not in html              # no review form either
    api = client.get(f"/api/findings/{f['id']}").json()
    assert api["comment"] is None and api["reviewed_by"] is None


def test_bad_finding_addresses_are_clear_messages(client: Any) -> None:
    for url in ("/findings/999999", "/findings/999999/page.png", "/findings/0", "/api/findings/999999"):
        r = client.get(url, headers={"Accept": "text/html"})
        assert r.status_code == 404 and "不存在" in r.text, url
    r = client.get("/findings/abc", headers={"Accept": "text/html"})
    assert r.status_code == 422 and "请求参数不正确" in r.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_finding_has_its_page_drawn(client: Any, users: dict[str, str]) -> None:
    from PIL import Image

    from tests.official import build
    from tests.official.forms import FORMS

    form = next(f for f in FORMS if f.name == "project_selfeval")
    data = build.pdf(build.docx(form), "docx")
    assert data is not None
    r = client.post("/api/documents", files={"file": ("自评表.pdf", data, "application/pdf")},
                    headers=bearer(users["admin"]))
    assert r.status_code == 201, r.text
    items = client.get("/api/findings", params={"document_id": r.json()["document"]["id"]}).json()["items"]
    f = next((x for x in items if x["line"]), None)
    assert f is not None, "the printed form raises findings on its lines"
    html = client.get(f"/findings/{f['id']}").text
    assert f'src="/findings/{f["id"]}/page.png"' in html
    picture = client.get(f"/findings/{f['id']}/page.png")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(picture.content)).convert("RGB")
    assert image.width > 500 and any(p[0] > 180 and p[1] < 80 and p[2] < 80 for p in image.getdata())


def test_a_decision_on_a_finding_changed_since_it_was_shown_is_refused(client: Any, users: dict[str, str]) -> None:
    """The finding keeps its id when an edit rescores it; the form's digest of what was shown
    tells a stale decision apart (409, nothing saved)."""
    f = s004(client, users)
    csrf = login(client, "reviewer", "review-pass-1")
    seen = re.search(r'name="seen" value="([^"]+)"', client.get(f"/findings/{f['id']}").text).group(1)  # type: ignore[union-attr]
    client.patch(f"/api/indicators/{f['indicator_id']}", json={"version": 1, "score": "45"},
                 headers=bearer(users["admin"]))
    assert client.get(f"/api/findings/{f['id']}").json()["actual"] == "45"      # the same finding, rescored
    r = client.post(f"/findings/{f['id']}/mark", headers={"Accept": "text/html"},
                    data={"status": "accepted", "csrf": csrf, "seen": seen, "next": f"/findings/{f['id']}"})
    assert r.status_code == 409 and "刷新页面" in r.text
    assert client.get(f"/api/findings/{f['id']}").json()["status"] == "open"
    fresh = client.get(f"/api/findings/{f['id']}").json()["digest"]
    ok = client.patch(f"/api/findings/{f['id']}", json={"status": "accepted", "seen": fresh},
                      headers=bearer(users["reviewer"]))
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
