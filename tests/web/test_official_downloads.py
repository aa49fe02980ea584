"""Official tables out of the web app: the same ``render.official`` functions as ``jixiao render``,
for one stored table (the project page) or every table of a stored document (the document page),
from the original read again with its edits; and the upload page's types, limits and progress."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import pytest

from jixiao.pipeline import read_document
from jixiao.render.official import rendered
from jixiao.sources import registry
from jixiao.web.uploads import accept_attribute, accepted_types
from tests.shared import SEEDS
from tests.web.web_fixtures import bearer, make_doc

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(client: Any, token: str, name: str, data: bytes) -> dict[str, Any]:
    r = client.post("/api/documents", headers=bearer(token), files={"file": (name, data, "text/plain")})
    assert r.status_code == 201, r.text
    return client.get(f"/api/documents/{r.json()['document']['id']}").json()  # type: ignore[no-any-return]


def file_name(response: Any) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    return unquote(disposition.split("filename*=UTF-8''", 1)[1])


@pytest.mark.parametrize("prefix", ["", "/api"])
def test_a_project_as_its_official_xlsx_and_docx(client: Any, users: dict[str, str], prefix: str) -> None:
    """Public, as the page; what comes back reads as the same table, edits included."""
    doc = upload(client, users["editor"], "自评.txt", make_doc())
    project = doc["projects"][0]
    indicator = next(i for i in client.get(f"/api/projects/{project['id']}").json()["indicators"]
                     if i["name"] == "就业率")
    edited = client.patch(f"/api/indicators/{indicator['id']}", headers=bearer(users["editor"]),
                          json={"version": project["version"], "score": "40"})
    assert edited.status_code == 200, edited.text
    client.cookies.clear()
    for to, media in (("xlsx", XLSX), ("docx", DOCX)):
        r = client.get(f"{prefix}/projects/{project['id']}/official.{to}")
        assert r.status_code == 200 and r.headers["content-type"] == media
        assert file_name(r) == f"全民创业发展资金_绩效自评表.{to}"
        document, _ = read_document(f"x.{to}", r.content)
        (table,) = document.project_self_evaluations
        assert table.project.text == "全民创业发展资金" and table.total_score.text == "97.88"
        assert [Decimal(i.score.text or "") for i in table.indicators] == [Decimal("48.8"), 40]   # the edit, not 41


def test_the_same_bytes_as_jixiao_render(client: Any, users: dict[str, str]) -> None:
    """No rendering of its own: the document's file is what ``rendered`` makes of the document read."""
    data = make_doc()
    doc = upload(client, users["editor"], "自评.txt", data)
    r = client.get(f"/documents/{doc['id']}/official.docx")
    assert file_name(r) == "自评_公开表.docx"
    theirs, _ = read_document("a.docx", rendered(read_document("自评.txt", data)[0], "docx", None))
    ours, _ = read_document("b.docx", r.content)

    def held(document: Any) -> list[Any]:
        return [(t.project.text, t.unit.text, t.total_score.text,
                 [(i.name.text, i.target.text, i.actual.text, i.score.text, i.reason.text) for i in t.indicators])
                for t in document.project_self_evaluations]

    assert held(ours) == held(theirs) and held(ours)


@pytest.mark.seeds
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")
def test_final_accounts_from_the_document_page(client: Any, users: dict[str, str]) -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    doc = upload(client, users["admin"], seed.name, seed.read_bytes())
    page = client.get(f"/documents/{doc['id']}").text
    assert f'href="/documents/{doc["id"]}/official.xlsx"' in page
    accounts = next(p for p in doc["projects"] if p["kind"] == "final_accounts")
    assert f'href="/projects/{accounts["id"]}/official.xlsx"' in client.get(f"/projects/{accounts['id']}").text
    r = client.get(f"/projects/{accounts['id']}/official.xlsx")
    assert r.status_code == 200 and file_name(r).endswith("年度_部门决算公开表.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(r.content))
    assert len(book.worksheets) >= 9
    amounts = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, float)]
    assert amounts and all("#,##0.00" in c.number_format for c in amounts)
    whole = load_workbook(io.BytesIO(client.get(f"/api/documents/{doc['id']}/official.xlsx").content))
    assert len(whole.worksheets) > len(book.worksheets)          # the self-evaluations too


def test_unknown_format_table_or_nothing_to_print(client: Any, users: dict[str, str]) -> None:
    doc = upload(client, users["editor"], "自评.txt", make_doc())
    assert client.get(f"/projects/{doc['projects'][0]['id']}/official.pdf").status_code == 422
    missing = client.get("/projects/999999/official.xlsx", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "不存在" in missing.text
    assert client.get("/api/documents/999999/official.docx").json()["error"]["code"] == "not_found"


# --- the upload page --------------------------------------------------------------------------

HEADS = {"pdf": b"%PDF-1.7\n", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04",
         "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "html": b"<!doctype html><html>",
         "image": b"\x89PNG\r\n\x1a\n", "text": b"\xe9\xa1\xb9\xe7\x9b\xae\t\xe5\x90\x8d\xe7\xa7\xb0\n"}


def test_every_source_has_its_endings_and_claims_them() -> None:
    """The upload page lists what the registry reads: each registered source declares its label
    and endings, and a file so named (with its format's first bytes) goes to that source."""
    for source in registry.SOURCES:
        assert source.LABEL and source.SUFFIXES, source.NAME
        head = HEADS[source.NAME]
        for suffix in source.SUFFIXES:
            best = max(registry.SOURCES, key=lambda s, n=f"表{suffix}": s.identify(n, head))
            assert best is source, (suffix, best.NAME)


def test_the_upload_page_states_types_and_limits(client: Any, users: dict[str, str]) -> None:
    r = client.post("/login", data={"name": "editor", "password": "edit-pass-1",
                                    "csrf": _csrf(client, "/login")}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/upload").text
    accept = accept_attribute(accepted_types())
    assert f'accept="{accept}"' in page and ".pdf" in accept and ".docx" in accept and ".txt" in accept
    before_details = page.split("<details", 1)[0]
    assert "可上传的文件类型" in before_details and "单个文件不超过" in before_details  # not hidden
    assert '<script src="/static/upload.js" defer></script>' in page and "<progress" in page
    js = client.get("/static/upload.js")
    assert js.status_code == 200 and "正在上传" in js.text and "正在审核" in js.text
    csp = client.get("/upload").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def _csrf(client: Any, path: str) -> str:
    import re

    match = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert match is not None
    return match.group(1)
